"""ops/purge.py against SQLite and PostgreSQL: old conversations and booking requests go, recent ones stay."""
import asyncio
import datetime as dt
import time

import pytest
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import update

from core.database import BookingRequest, BookingStore, bookings
from ops.purge import main, tracker_store_from
from tests.core.test_storage import REQUEST

DAY = 24 * 3600


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request, tmp_path):
    """(endpoints.yml path, bookings URL) on one kind of database."""
    if request.param == "sqlite":
        tracker = f'  dialect: "sqlite"\n  db: "{tmp_path / "conversations.db"}"\n'
        bookings_url = f"sqlite:///{tmp_path / 'bookings.db'}"
    else:
        from sqlalchemy.engine import make_url

        postgres = request.getfixturevalue("postgres")
        url = make_url(postgres.new_database())
        tracker = (f"  dialect: postgresql\n  url: {url.host}\n  port: {url.port}\n  db: {url.database}\n"
                   f"  username: {url.username}\n")
        bookings_url = postgres.new_database()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: stores.tracker_store.ClinicTrackerStore\n{tracker}")
    return str(endpoints), bookings_url


def test_old_conversations_and_bookings_are_purged_and_recent_ones_kept(databases):
    endpoints, bookings_url = databases
    now = time.time()
    store = tracker_store_from(endpoints)
    asyncio.run(store.save(DialogueStateTracker.from_events("old", [UserUttered("hi", timestamp=now - 40 * DAY)])))
    asyncio.run(store.save(DialogueStateTracker.from_events("recent", [UserUttered("hi", timestamp=now - 2 * DAY)])))
    store.engine.dispose()

    booking_store = BookingStore(bookings_url)
    old = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "old"}))
    recent = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "recent"}))
    with booking_store.engine.begin() as connection:
        connection.execute(update(bookings).where(bookings.c.reference == old)
                           .values(created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=40)))

    assert main(["--days", "30", "--endpoints", endpoints, "--bookings-url", bookings_url]) == 0

    assert booking_store.find(old) is None and booking_store.find(recent) is not None
    booking_store.dispose()
    store = tracker_store_from(endpoints)
    assert not asyncio.run(store.exists("old"))
    assert asyncio.run(store.exists("recent"))
    store.engine.dispose()


def test_the_number_of_days_must_be_positive(databases, capsys):
    endpoints, bookings_url = databases
    assert main(["--days", "0", "--endpoints", endpoints, "--bookings-url", bookings_url]) == 2
