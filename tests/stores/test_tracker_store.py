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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
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


# -- the recent turns only ------------------------------------------------------------------------
def a_long_conversation(turns):
    """A session: its start, a booking form started, consent given and the form interrupted early on,
    then `turns` question turns, each setting `last_topic`."""
    from rasa.shared.core.events import ActiveLoop, LoopInterrupted, SessionStarted, SlotSet

    events = [ActionExecuted("action_session_start"), SessionStarted(), SlotSet("clinic_name", "Clinic"),
              ActionExecuted("action_listen"), UserUttered("book me in", {"name": "book"}),
              ActionExecuted("booking_form"), ActiveLoop("booking_form"), SlotSet("booking_name", "Ann Lee"),
              SlotSet("booking_consent", True, timestamp=time.time() + 1), LoopInterrupted(True)]
    for turn in range(turns):
        events += [ActionExecuted("action_listen"), UserUttered(f"question {turn}", {"name": "faq"}),
                   ActionExecuted("action_answer_question"), said(f"answer {turn}", "utter_faq"),
                   SlotSet("last_topic", f"topic {turn}")]
    return events + [ActionExecuted("action_listen")]


@pytest.fixture
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load("domain.yml")


def windowed_store(domain, path, recent_turns=10):
    return ClinicTrackerStore(domain=domain, dialect="sqlite", db=str(path), recent_turns=recent_turns)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def make_windowed(request, domain, tmp_path):
    """Stores with a window, on SQLite and on PostgreSQL (the production store)."""
    made = []

    def make(recent_turns):
        if request.param == "sqlite":
            store = windowed_store(domain, tmp_path / f"{len(made)}.db", recent_turns)
        else:
            from sqlalchemy.engine import make_url

            url = make_url(request.getfixturevalue("postgres").new_database())
            store = ClinicTrackerStore(domain=domain, dialect="postgresql", host=url.host, port=url.port,
                                       db=url.database, username=url.username, recent_turns=recent_turns)
        made.append(store)
        return store

    yield make
    for store in made:
        store.engine.dispose()


def test_a_long_session_comes_back_as_its_recent_turns_with_the_state_before_them(domain, make_windowed):
    store = make_windowed(10)
    events = a_long_conversation(40)

    async def run():
        await store.save(DialogueStateTracker.from_events("s", events, domain.slots))
        return await store.retrieve("s"), await store.retrieve_full_tracker("s")

    recent, whole = asyncio.run(run())
    users = [e.text for e in recent.events if isinstance(e, UserUttered)]
    assert users == [f"question {turn}" for turn in range(30, 40)]
    assert len(whole.events) == len(events) and len(recent.events) < len(events) / 3
    # the state is the same: slots (with the consent's own timestamp), the form and its interruption
    assert recent.current_slot_values() == whole.current_slot_values()
    # (all of the form's state but the message that started it, which nothing in Rasa 3.6 or the SDK reads)
    loop = ("name", "is_interrupted", "rejected")
    assert [getattr(recent.active_loop, key) for key in loop] == [getattr(whole.active_loop, key) for key in loop]
    assert recent.active_loop_name == "booking_form"
    consents = [[e.timestamp for e in t.events if getattr(e, "key", None) == "booking_consent"] for t in (recent, whole)]
    assert consents[0] == consents[1] and len(consents[0]) == 1
    assert recent.latest_message.text == whole.latest_message.text == "question 39"
    # and so are the states the policies look at (far more than any max_history or rule)
    assert recent.past_states(domain)[-15:] == whole.past_states(domain)[-15:]


def test_saving_a_shortened_tracker_adds_only_what_is_new(domain, make_windowed):
    store = make_windowed(5)
    events = a_long_conversation(20)

    async def run():
        await store.save(DialogueStateTracker.from_events("s", events, domain.slots))
        recent = await store.retrieve("s")
        recent.update(UserUttered("one more"))
        recent.update(ActionExecuted("action_listen"))
        await store.save(recent)
        await store.save(recent)  # saved again with nothing new: nothing added
        return await store.retrieve_full_tracker("s")

    whole = asyncio.run(run())
    assert len(whole.events) == len(events) + 2
    assert [e.text for e in whole.events if isinstance(e, UserUttered)][-2:] == ["question 19", "one more"]


def test_a_short_session_or_a_window_of_zero_comes_back_whole(domain, tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore

    async def run(recent_turns, turns):
        db = tmp_path / f"{recent_turns}-{turns}.db"
        store, rasas = windowed_store(domain, db, recent_turns), SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
        await store.save(DialogueStateTracker.from_events("s", a_long_conversation(turns), domain.slots))
        return (await store.retrieve("s")).events, (await rasas.retrieve("s")).events

    for recent_turns, turns in ((10, 8), (0, 30)):  # (a_long_conversation(8) has 9 user turns)
        ours, rasas = asyncio.run(run(recent_turns, turns))
        assert ours == rasas and len(ours) > 5 * turns
    with pytest.raises(ValueError):
        windowed_store(domain, tmp_path / "c.db", -1)


def test_a_session_with_an_undo_before_the_window_comes_back_whole(domain, tmp_path):
    from rasa.shared.core.events import SlotSet, UserUtteranceReverted

    events = a_long_conversation(3)[1:-1] + [SlotSet("booking_name", "Wrong"), UserUtteranceReverted()]
    events += a_long_conversation(20)[10:]  # twenty more turns, no new session
    store = windowed_store(domain, tmp_path / "c.db", 5)

    async def run():
        await store.save(DialogueStateTracker.from_events("s", events, domain.slots))
        return await store.retrieve("s")

    recent = asyncio.run(run())
    assert len(recent.events) == len(events)
    assert recent.get_slot("booking_name") == "Ann Lee"


def test_slots_reset_before_the_window_stay_reset(domain, tmp_path):
    from rasa.shared.core.events import ActiveLoop, AllSlotsReset

    events = a_long_conversation(2)[:-1] + [ActiveLoop(None), AllSlotsReset()] + a_long_conversation(12)[10:]
    store = windowed_store(domain, tmp_path / "c.db", 5)

    async def run():
        await store.save(DialogueStateTracker.from_events("s", events, domain.slots))
        return await store.retrieve("s"), await store.retrieve_full_tracker("s")

    recent, whole = asyncio.run(run())
    assert len(recent.events) < len(whole.events)
    assert recent.get_slot("booking_name") is None and recent.active_loop_name is None
    assert recent.current_slot_values() == whole.current_slot_values()


@pytest.mark.parametrize("resumed", [False, True])
def test_a_pause_before_the_window_still_holds_and_a_resume_still_ends_it(domain, tmp_path, resumed):
    """A person took the chat (channels/handover.py) many turns ago: Rasa must still see it paused."""
    from rasa.shared.core.events import ConversationPaused, ConversationResumed

    pause = [ConversationPaused()] + ([ConversationResumed()] if resumed else [])
    events = a_long_conversation(2)[:-1] + pause + a_long_conversation(12)[10:]
    store = windowed_store(domain, tmp_path / "p.db", 5)

    async def run():
        await store.save(DialogueStateTracker.from_events("s", events, domain.slots))
        return await store.retrieve("s"), await store.retrieve_full_tracker("s")

    recent, whole = asyncio.run(run())
    assert len(recent.events) < len(whole.events)
    assert recent.is_paused() is whole.is_paused() is (not resumed)


def test_where_the_window_starts():
    from collections import namedtuple

    from stores.tracker_store import window_start_of

    Row = namedtuple("Row", "id type_name")
    listen, user, start = "action", "user", "session_started"
    newest_first = [Row(9, listen), Row(8, user), Row(6, listen), Row(5, user), Row(3, listen), Row(2, start)]
    assert window_start_of(newest_first, 2, 20) == 3  # the listen before the 2nd latest user message
    assert window_start_of(newest_first, 3, 20) == 2  # fewer in the session: from its start
    assert window_start_of(newest_first[:5], 3, 20) == 0  # the whole conversation, with no session start
    assert window_start_of(newest_first[:5], 3, 5) is None  # read to the limit: the session start is further back
    assert window_start_of([Row(8, user), Row(7, user)], 2, 20) == 7  # no listen before it: the message itself


def test_a_turn_that_tripped_the_circuit_breaker_is_closed_listening(store):
    # Rasa counts actions back to the last action_listen, past later messages: without one, every later
    # message trips the breaker at once, and the person gets only the channels' apology (a play-test found it)
    from rasa.core.processor import MAX_NUMBER_OF_PREDICTIONS

    looped = [ActionExecuted("action_suggest_intents") for _ in range(MAX_NUMBER_OF_PREDICTIONS)]

    async def run():
        await store.save(tracker("loop", ActionExecuted("action_listen"), UserUttered("yes"), *looped))
        # a conversation stored broken before: the next message ran no action, and is closed listening too
        await store.save(tracker("broken", ActionExecuted("action_listen"), UserUttered("yes"), *looped,
                                 UserUttered("my throat is closing up")))
        await store.save(tracker("fine", ActionExecuted("action_listen"), UserUttered("hi"),
                                 ActionExecuted("utter_greet"), ActionExecuted("action_listen")))
        return [await store.retrieve_full_tracker(name) for name in ("loop", "fine", "broken")]

    loop, fine, broken = asyncio.run(run())
    assert isinstance(broken.events[-1], ActionExecuted) and broken.events[-1].action_name == "action_listen"
    assert [e.action_name for e in loop.events if isinstance(e, ActionExecuted)][-2:] == [
        "action_suggest_intents", "action_listen"]
    assert [e.action_name for e in fine.events if isinstance(e, ActionExecuted)] == [
        "action_listen", "utter_greet", "action_listen"]  # a turn that ended listening is stored as it was
