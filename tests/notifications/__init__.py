"""Helpers of the notification tests: a booking to store, the tests' clock, and reading the outbox back.

The outbox's functions take the time as `now`, so the tests pass their own clock and never read
the real one. `BookingStore.save` (core/database.py) stamps a booking and its notifications with
the store's clock, the real one unless the store is given its own (`now=`); a test that stores
through a store on the real clock starts its clock at that stamp (`enqueued_at`), so nothing
depends on when the test runs or how long the tests before it took.
"""
import datetime as dt
from typing import List

from sqlalchemy import func, select

from core.database import BookingRequest, BookingStore, outbox

# the clock of notifications a test writes into the outbox itself (`enqueue(..., now=T0)`)
T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)

REQUEST = BookingRequest(
    name="Zoë Ñúñez-O'Brien",
    contact_kind="email",
    contact="zoe.nunez@example.org",
    # stored in UTC; in London (BST) this is Wednesday 1 July 2026, 14:00 to 18:00
    preferred_start=dt.datetime(2026, 7, 1, 13, tzinfo=dt.timezone.utc),
    preferred_end=dt.datetime(2026, 7, 1, 17, tzinfo=dt.timezone.utc),
    preferred_text="wednesday afternoon",
    concern="acne scars",
    consent=True,
    conversation_id="conversation-1",
    consent_version="0123456789abcdef",
    consent_given_at=dt.datetime(2026, 11, 20, 8, 59, tzinfo=dt.timezone.utc),
)
# what must never reach a log line
PERSONAL = ("Zoë", "Ñúñez", "zoe.nunez", "example.org", "wednesday afternoon", "acne")


def outbox_rows(store: BookingStore) -> List[dict]:
    with store.engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(outbox).order_by(outbox.c.id)).mappings()]


def utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value


def enqueued_at(store: BookingStore) -> dt.datetime:
    """When the latest notification was written: `save` writes it in the booking's transaction, due at the
    booking's `created_at`. A test's clock starts here."""
    with store.engine.connect() as connection:
        latest = connection.execute(select(func.max(outbox.c.created_at))).scalar()
    assert latest is not None, "nothing was enqueued"
    return utc(latest)
