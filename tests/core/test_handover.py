"""Requests for a person (core/handover.py): who can be asked, and each change won by one caller only."""

import datetime as dt

import pytest

from core import handover
from core.database import BookingStore, staff_sessions
from core.settings import ConsoleSettings

NOW = dt.datetime(2026, 12, 9, 11, 0, tzinfo=dt.timezone.utc)
SETTINGS = ConsoleSettings(idle_minutes=30, session_hours=12)


@pytest.fixture
def engine(tmp_path):
    store = BookingStore(f"sqlite:///{tmp_path / 'bookings.db'}")
    yield store.engine
    store.dispose()


def signed_in(engine, account, last_used, created=None):
    with engine.begin() as connection:
        connection.execute(staff_sessions.insert().values(
            id_hash=f"{account}-{last_used.timestamp()}", account=account, csrf_token="t",
            created_at=created or last_used, last_used_at=last_used))


def test_only_staff_with_a_live_session_who_are_not_away_can_be_asked(engine):
    assert handover.available_staff(engine, SETTINGS, NOW) == []
    signed_in(engine, "anna", NOW - dt.timedelta(minutes=5))
    signed_in(engine, "ben", NOW - dt.timedelta(minutes=31))  # idle too long
    signed_in(engine, "cara", NOW - dt.timedelta(minutes=1), created=NOW - dt.timedelta(hours=13))  # too old
    assert handover.available_staff(engine, SETTINGS, NOW) == ["anna"]
    handover.set_away(engine, "anna", True, NOW)
    assert handover.is_away(engine, "anna") and handover.available_staff(engine, SETTINGS, NOW) == []
    handover.set_away(engine, "anna", False, NOW)
    assert handover.available_staff(engine, SETTINGS, NOW) == ["anna"]


def test_a_conversation_has_one_open_request_taken_once_and_handed_back_by_its_taker(engine):
    first = handover.ask(engine, "c1", "socketio", NOW)
    assert handover.ask(engine, "c1", "socketio", NOW) == first  # asking again while it waits: the same one
    assert handover.take(engine, first, "anna", NOW)
    assert not handover.take(engine, first, "ben", NOW)  # already taken
    assert not handover.hand_back(engine, first, "ben", NOW)  # only its taker hands it back
    assert handover.hand_back(engine, first, "anna", NOW)
    assert handover.find(engine, first)["status"] == handover.ENDED
    assert handover.ask(engine, "c1", "socketio", NOW) != first  # a new request after it ended


def test_a_request_nobody_took_in_time_is_unanswered_once(engine):
    old = handover.ask(engine, "c1", "socketio", NOW - dt.timedelta(seconds=200))
    handover.ask(engine, "c2", "telegram", NOW - dt.timedelta(seconds=10))
    due = handover.unanswered(engine, dt.timedelta(seconds=180), NOW)
    assert [request["id"] for request in due] == [old]
    assert handover.unanswered(engine, dt.timedelta(seconds=180), NOW) == []  # another replica wins nothing
    assert not handover.take(engine, old, "anna", NOW)  # too late to take


def test_a_message_in_crisis_flags_the_open_request_and_the_list_shows_waiting_first(engine):
    taken = handover.ask(engine, "c1", "socketio", NOW - dt.timedelta(minutes=2))
    handover.take(engine, taken, "anna", NOW)
    waiting = handover.ask(engine, "c2", "socketio", NOW)
    assert handover.flag(engine, "c1", NOW)
    assert not handover.flag(engine, "nobody", NOW)
    listing = handover.listing(engine)
    assert [row["id"] for row in listing] == [waiting, taken]
    assert listing[1]["flagged_at"] == NOW


def test_deleting_a_persons_data_deletes_their_requests_for_a_person(tmp_path):
    store = BookingStore(f"sqlite:///{tmp_path / 'b.db'}")
    handover.ask(store.engine, "me", "socketio", NOW)
    handover.ask(store.engine, "them", "socketio", NOW)
    store.delete_for_conversation("me")
    assert handover.open_request(store.engine, "me") is None and handover.open_request(store.engine, "them")
    store.dispose()
