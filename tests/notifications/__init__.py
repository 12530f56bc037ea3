"""Helpers of the notification tests: a booking to store, and reading the outbox back."""
import datetime as dt
from typing import List

from sqlalchemy import select

from actions.storage import BookingRequest, BookingStore
from notifications.outbox import outbox

# the tests' clock starts a minute from now, so what was stored just now is due
T0 = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(minutes=1)

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
