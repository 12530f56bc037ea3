"""The booking requests as the console shows them: a list with as little personal data as it can, one
request whole, and a status or note change written with its audit entry in one transaction."""

import datetime as dt
from typing import Callable, List, Optional

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from core.database import REQUEST_STATUSES, as_utc, booking_as_stored, bookings, staff_audit, utcnow

NOTE_MAX = 2000


def first_name(name: str) -> str:
    parts = (name or "").split()
    return parts[0] if parts else ""


def _status(value: Optional[str]) -> str:
    return value or REQUEST_STATUSES[0]


def listing(engine: Engine) -> List[dict]:
    """Newest first: reference, first name, preferred time, status, and who changed it when. No contact, no
    surname, no concern, no note."""
    columns = (
        bookings.c.reference,
        bookings.c.name,
        bookings.c.preferred_start,
        bookings.c.preferred_text,
        bookings.c.created_at,
        bookings.c.status,
        bookings.c.status_changed_by,
        bookings.c.status_changed_at,
        bookings.c.changed_at,
        bookings.c.cancelled_change,
    )
    with engine.connect() as connection:
        rows = connection.execute(select(*columns).order_by(bookings.c.created_at.desc(), bookings.c.id.desc()))
        return [
            dict(
                reference=row.reference,
                first_name=first_name(row.name),
                preferred_start=as_utc(row.preferred_start),
                preferred_text=row.preferred_text,
                created_at=as_utc(row.created_at),
                status=_status(row.status),
                changed_by=row.status_changed_by,
                changed_at=as_utc(row.status_changed_at),
                patient_changed_at=as_utc(row.changed_at),  # the person changed it in the chat after sending it
                patient_cancelled=bool(row.cancelled_change),  # ... or cancelled it there
            )
            for row in rows
        ]


def find(engine: Engine, reference: str) -> Optional[dict]:
    with engine.connect() as connection:
        row = connection.execute(select(bookings).where(bookings.c.reference == reference)).mappings().first()
    if row is None:
        return None
    found = booking_as_stored(row)
    found["status"] = _status(found["status"])
    return found


class ChangeError(ValueError):
    pass


def change(
    engine: Engine,
    reference: str,
    account: str,
    status: str,
    note: str,
    now: Callable[[], dt.datetime] = utcnow,
) -> Optional[str]:
    """Set the request's status and note, stamped with who and when, and audit it (the audit names the
    reference and what changed, never the note's text). Returns the audit's detail, None when nothing changed;
    raises ChangeError for an unknown status, a note too long, or no such request."""
    if status not in REQUEST_STATUSES:
        raise ChangeError("unknown status")
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > NOTE_MAX:
        raise ChangeError(f"the note is longer than {NOTE_MAX} characters")
    at = now()
    with engine.begin() as connection:
        row = connection.execute(
            select(bookings.c.status, bookings.c.note).where(bookings.c.reference == reference)
        ).first()
        if row is None:
            raise ChangeError("no such request")
        changes = []
        if _status(row.status) != status:
            changes.append(f"status {_status(row.status)} -> {status}")
        if (row.note or "") != note:
            changes.append("note changed")
        if not changes:
            return None
        connection.execute(
            update(bookings)
            .where(bookings.c.reference == reference)
            .values(status=status, note=note or None, status_changed_by=account, status_changed_at=at)
        )
        detail = "; ".join(changes)
        connection.execute(
            insert(staff_audit).values(
                at=at, account=account, action="request_changed", reference=reference, detail=detail
            )
        )
    return detail
