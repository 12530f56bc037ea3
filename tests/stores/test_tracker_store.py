"""The tracker store that forgets a conversation on request and purges old ones, on SQLite and PostgreSQL."""
import asyncio
import time

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import ClinicTrackerStore, forgets


def said(text, response, timestamp=None):
    return BotUttered(text, metadata={"utter_action": response}, timestamp=timestamp)


def tracker(sender, *events):
    return DialogueStateTracker.from_events(sender, list(events))


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        made = ClinicTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    else:
        from sqlalchemy.engine import make_url

        url = make_url(request.getfixturevalue("postgres").new_database())
        made = ClinicTrackerStore(dialect="postgresql", host=url.host, port=url.port, db=url.database,
                                  username=url.username)
    yield made
    made.engine.dispose()


def test_only_a_turn_that_says_the_data_is_deleted_forgets():
    deleted = said("Done", "utter_data_deleted")
    assert forgets(tracker("a", UserUttered("delete my data"), ActionExecuted("action_delete_my_data"), deleted))
    assert not forgets(tracker("a", UserUttered("hi"), said("Hello", "utter_greet")))
    # said in an earlier turn: this turn does not forget again
    assert not forgets(tracker("a", UserUttered("yes"), deleted, UserUttered("hi"), said("Hello", "utter_greet")))


def test_a_conversation_is_deleted_when_the_person_asked(store):
    async def run():
        await store.save(tracker("keep", UserUttered("hi"), said("Hello", "utter_greet")))
        await store.save(tracker("gone", UserUttered("my name is Ann"), said("Thanks Ann", "utter_ask_contact")))
        await store.save(tracker("gone", UserUttered("my name is Ann"), said("Thanks Ann", "utter_ask_contact"),
                                 UserUttered("yes"), said("Done", "utter_data_deleted")))
        return await store.exists("gone"), await store.retrieve("keep")

    exists, kept = asyncio.run(run())
    assert not exists
    assert [e.text for e in kept.events if isinstance(e, UserUttered)] == ["hi"]


def test_conversations_older_than_the_cutoff_are_purged_whole(store):
    now = time.time()
    day = 24 * 3600

    async def run():
        await store.save(tracker("old", UserUttered("hi", timestamp=now - 400 * day),
                                 said("Hello", "utter_greet", timestamp=now - 400 * day)))
        await store.save(tracker("ongoing", UserUttered("hi", timestamp=now - 400 * day),
                                 UserUttered("back again", timestamp=now - day)))
        await store.save(tracker("new", UserUttered("hi", timestamp=now)))
        purged = store.purge_before(now - 365 * day)
        return purged, [await store.exists(sender) for sender in ("old", "ongoing", "new")]

    purged, exists = asyncio.run(run())
    assert purged == 1
    assert exists == [False, True, True]


def test_events_are_rebuilt_as_rasa_rebuilds_them():
    from rasa.shared.core.events import (
        ActionExecuted, ActiveLoop, BotUttered, EntitiesAdded, FollowupAction, Restarted, SessionStarted, SlotSet,
        UserUttered, deserialise_events,
    )

    from stores.tracker_store import deserialise

    made = [
        ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.5),
        SlotSet("clinic_name", "Lumen", timestamp=2.0),
        UserUttered("does it hurt?", {"name": "faq", "confidence": 0.9},
                    [{"entity": "skin_concern", "value": "acne"}], message_id="m1", timestamp=3.0),
        BotUttered("A numbing cream is used.", data={"buttons": [{"title": "Book", "payload": "/book"}]},
                   metadata={"utter_action": "utter_faq/pain"}, timestamp=4.0),
        ActiveLoop("booking_form", timestamp=5.0), EntitiesAdded([{"entity": "person", "value": "Sam"}], timestamp=6.0),
        FollowupAction("action_listen", timestamp=7.0), Restarted(timestamp=8.0),
    ]
    stored = [event.as_dict() for event in made] + [{"event": "topic", "topic": "old"}, {"no": "event"}]
    assert deserialise(stored) == deserialise_events(stored)
    assert [type(event) for event in deserialise(stored)] == [type(event) for event in made]


def test_a_retrieved_tracker_equals_the_one_rasas_store_gives(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    domain = Domain.load("domain.yml")
    db = str(tmp_path / "same.db")
    ours, rasas = ClinicTrackerStore(domain=domain, dialect="sqlite", db=db), SQLTrackerStore(domain=domain, dialect="sqlite", db=db)

    async def run():
        await ours.save(tracker("s", UserUttered("hi"), said("Hello", "utter_greet"), UserUttered("does it hurt?")))
        return await ours.retrieve("s"), await rasas.retrieve("s")

    mine, theirs = asyncio.run(run())
    assert mine.events == theirs.events and mine.current_slot_values() == theirs.current_slot_values()
