import datetime as dt

from actions.privacy import ActionDeleteMyData
from core.database import BookingRequest
from tests.conftest import responses
from tests.core.test_storage import REQUEST


async def test_the_persons_booking_requests_are_deleted_and_they_are_told(booking_store, dispatcher, make_tracker, domain):
    mine = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "me"}))
    booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "me"}))
    theirs = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "someone-else"}))
    events = await ActionDeleteMyData().run(dispatcher, make_tracker(intent="affirm", sender_id="me"), domain)
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert booking_store.find(mine) is None
    assert [row["reference"] for row in booking_store.all()] == [theirs]
    # the person's details are forgotten in the conversation too (an empty list would forget nothing)
    assert {event.get("name") for event in events} >= {
        "booking_name", "booking_contact", "booking_time", "booking_time_text", "booking_concern", "booking_consent",
        "skin_concern", "treatment_area"}
    assert all(event["event"] == "slot" and event["value"] is None for event in events)


async def test_when_the_database_fails_nothing_is_claimed(booking_store, dispatcher, make_tracker, domain, monkeypatch):
    def broken(conversation_id):
        raise OSError("database down")

    monkeypatch.setattr(booking_store, "delete_for_conversation", broken)
    events = await ActionDeleteMyData().run(dispatcher, make_tracker(intent="affirm", sender_id="me"), domain)
    assert responses(dispatcher) == ["utter_data_delete_failed"]  # not utter_data_deleted: the tracker is kept
    assert events == []


def test_booking_requests_older_than_the_cutoff_are_purged(booking_store):
    booking_store.save(REQUEST)
    assert booking_store.purge_before(dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)) == 0
    assert booking_store.purge_before(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)) == 1
    assert booking_store.all() == []
