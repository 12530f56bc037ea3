import datetime as dt
import json

import pytest
from sqlalchemy import select

from core.database import REFERENCE_ALPHABET, BookingRequest, BookingStore, iter_json_lines, new_reference, outbox

REQUEST = BookingRequest(
    name="'; DROP TABLE bookings; --",
    contact_kind="email",
    contact="jo@example.com",
    preferred_start=dt.datetime(2026, 12, 1, 12, tzinfo=dt.timezone.utc),
    preferred_end=dt.datetime(2026, 12, 1, 17, tzinfo=dt.timezone.utc),
    preferred_text="next Tuesday afternoon",
    concern="acne scars (face)",
    consent=True,
    conversation_id="abc",
)


def test_reference_format():
    reference = new_reference()
    assert reference.startswith("MN-") and len(reference) == 7
    assert all(ch in REFERENCE_ALPHABET for ch in reference[3:])


def test_save_then_find_keeps_every_field_verbatim(booking_store):
    reference = booking_store.save(REQUEST)
    stored = booking_store.find(reference)
    assert stored["name"] == "'; DROP TABLE bookings; --"
    assert stored["preferred_text"] == "next Tuesday afternoon"
    assert stored["concern"] == "acne scars (face)"
    assert booking_store.find("MN-XXXX") is None
    assert len(booking_store.all()) == 1  # the table is still there


def test_a_taken_reference_is_drawn_again(tmp_path):
    drawn = iter(["MN-AAAA", "MN-AAAA", "MN-BBBB"])
    store = BookingStore(f"sqlite:///{tmp_path / 'b.db'}", reference_factory=lambda: next(drawn))
    assert store.save(REQUEST) == "MN-AAAA"
    assert store.save(REQUEST) == "MN-BBBB"  # the collision was retried, not overwritten
    assert [row["reference"] for row in store.all()] == ["MN-AAAA", "MN-BBBB"]
    store.dispose()


def test_the_store_stamps_by_its_own_clock(tmp_path):
    clock = dt.datetime(2031, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
    store = BookingStore(f"sqlite:///{tmp_path / 'b.db'}", now=lambda: clock)
    reference = store.save(REQUEST, notify=["email", "webhook"])
    assert store.find(reference)["created_at"].replace(tzinfo=dt.timezone.utc) == clock
    with store.engine.connect() as connection:
        stamps = connection.execute(select(outbox.c.created_at, outbox.c.next_attempt_at)).all()
    assert [tuple(value.replace(tzinfo=dt.timezone.utc) for value in row) for row in stamps] == [(clock, clock)] * 2
    store.dispose()


def test_nothing_is_stored_without_consent(booking_store):
    with pytest.raises(ValueError):
        booking_store.save(BookingRequest(**{**REQUEST.__dict__, "consent": False}))
    assert booking_store.all() == []


def test_json_lines_are_one_booking_per_line(booking_store):
    booking_store.save(REQUEST)
    booking_store.save(BookingRequest(**{**REQUEST.__dict__, "name": "Zoë Ñúñez-O'Brien"}))
    lines = list(iter_json_lines(booking_store))
    assert [json.loads(line)["name"] for line in lines] == ["'; DROP TABLE bookings; --", "Zoë Ñúñez-O'Brien"]
    assert json.loads(lines[0])["preferred_start"] == "2026-12-01T12:00:00+00:00"  # UTC, said so


def test_the_store_opens_nothing_until_used(tmp_path):
    path = tmp_path / "sub" / "lazy.db"
    store = BookingStore(f"sqlite:///{path}")
    assert not path.exists()
    store.all()
    assert path.exists()
    store.dispose()


def test_a_table_made_before_the_consent_columns_gets_them(tmp_path):
    import sqlalchemy

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = sqlalchemy.create_engine(url)
    with old.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE bookings (id INTEGER PRIMARY KEY, reference VARCHAR(16) UNIQUE NOT NULL, name TEXT NOT NULL,"
            " contact_kind VARCHAR(8) NOT NULL, contact TEXT NOT NULL, preferred_start DATETIME NOT NULL,"
            " preferred_end DATETIME NOT NULL, preferred_text TEXT NOT NULL, concern TEXT, consent BOOLEAN NOT NULL,"
            " conversation_id TEXT, created_at DATETIME NOT NULL)")
    old.dispose()
    store = BookingStore(url)
    reference = store.save(BookingRequest(**{**REQUEST.__dict__, "consent_version": "abc123"}))
    assert store.find(reference)["consent_version"] == "abc123"
    store.dispose()


def test_the_same_request_sent_again_is_stored_once_and_keeps_its_reference(booking_store):
    keyed = BookingRequest(**{**REQUEST.__dict__, "request_key": "conversation-1|consent-at-10:30"})
    first = booking_store.save(keyed, notify=["email"])
    again = booking_store.save(keyed, notify=["email"])
    assert again == first
    assert len(booking_store.all()) == 1
    other = booking_store.save(BookingRequest(**{**keyed.__dict__, "request_key": "conversation-1|consent-at-11:00"}))
    assert other != first and len(booking_store.all()) == 2
    unkeyed = [booking_store.save(REQUEST), booking_store.save(REQUEST)]  # no key: two requests
    assert len(set(unkeyed)) == 2
