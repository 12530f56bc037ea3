"""The booking database, through SQLAlchemy (SQLite by default, PostgreSQL by URL): its tables (booking
requests, the outbox of the clinic's notifications of them, and the staff console's accounts, sessions,
failed sign-ins and audit log) on one `metadata`, and the store.

The outbox's rows are written here (`enqueue`, in the booking's own transaction); notifications/outbox.py
claims and sends them.
"""

import datetime as dt
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from core.settings import bookings_database_url, notification_channels

metadata = MetaData()

bookings = Table(
    "bookings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(16), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("contact_kind", String(8), nullable=False),
    Column("contact", Text, nullable=False),
    Column("preferred_start", DateTime(timezone=True), nullable=False),
    Column("preferred_end", DateTime(timezone=True), nullable=False),
    Column("preferred_text", Text, nullable=False),
    Column("concern", Text, nullable=True),
    Column("consent", Boolean, nullable=False),
    # what the person agreed to: the version (a hash) of the consent question's wording, and when
    Column("consent_version", String(32), nullable=True),
    Column("consent_given_at", DateTime(timezone=True), nullable=True),
    Column("conversation_id", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # the same request sent again (a retry after a replica died mid-turn) has the same key: stored once
    Column("request_key", String(64), nullable=True),
    Index("ix_bookings_request_key", "request_key", unique=True),
    # the staff console (console/): where the request stands, the staff's note, and who changed them and when
    Column("status", String(16), nullable=True),  # None reads as "new"
    Column("note", Text, nullable=True),
    Column("status_changed_by", String(64), nullable=True),
    Column("status_changed_at", DateTime(timezone=True), nullable=True),
    # what is asked for: a consultation (None) or a call back ("call_back", when nobody could join the chat)
    Column("kind", String(16), nullable=True),
    # said to be for someone aged 16 or 17 (clinic.yml's under_age_policy: a parent or guardian comes and consents)
    Column("under_18", Boolean, nullable=True),
    # changed by the person in the chat after it was sent (`BookingStore.change`): how many times, the latest when,
    # which details (their names, never their values), and the key of that change (its retry is stored once)
    Column("changes", Integer, nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=True),
    Column("changed_fields", Text, nullable=True),
    Column("change_key", String(64), nullable=True),
    # cancelled by the person in the chat (`BookingStore.cancel`): the number of the change that cancelled it
    Column("cancelled_change", Integer, nullable=True),
)
# added to tables made before them
ADDED_COLUMNS = (
    "cancelled_change",
    "changes",
    "changed_at",
    "changed_fields",
    "change_key",
    "under_18",
    "kind",
    "consent_version",
    "consent_given_at",
    "request_key",
    "status",
    "note",
    "status_changed_by",
    "status_changed_at",
)
REQUEST_STATUSES = ("new", "contacted", "booked", "closed")

# the staff console's accounts: a name and an argon2id hash (console/accounts.py); no account is built in
staff_accounts = Table(
    "staff_accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# a signed-in browser: the sha256 of its cookie's random id (the id itself is never stored), its CSRF token
staff_sessions = Table(
    "staff_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("account", String(64), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=False),
)

# failed sign-ins, counted per account name and per address over a window (console/accounts.py)
staff_sign_in_failures = Table(
    "staff_sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account", String(64), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_staff_sign_in_failures_at", "at"),
)

# every staff action: who, what, which request (its reference, never the person's name or contact), when
staff_audit = Table(
    "staff_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("account", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("reference", String(16), nullable=True),
    Column("detail", Text, nullable=True),  # e.g. "status new -> contacted; note changed": no note text
)

# a patient's request for a person (core/handover.py): waiting, taken by a member of staff, ended (handed back)
# or unanswered (nobody took it in time)
handovers = Table(
    "handovers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(128), nullable=False),
    Column("channel", String(32), nullable=False),  # the patient's input channel, as Rasa names it
    Column("status", String(16), nullable=False),
    Column("requested_at", DateTime(timezone=True), nullable=False),
    Column("taken_by", String(64), nullable=True),
    Column("taken_at", DateTime(timezone=True), nullable=True),
    Column("ended_at", DateTime(timezone=True), nullable=True),
    Column("flagged_at", DateTime(timezone=True), nullable=True),  # a message in crisis while it was open
    Index("ix_handovers_status", "status", "requested_at"),
    Index("ix_handovers_conversation", "conversation_id"),
)

# a member of staff who has said they are away: signed in, but not asked to take chats (none: available)
staff_away = Table(
    "staff_away",
    metadata,
    Column("account", String(64), primary_key=True),
    Column("since", DateTime(timezone=True), nullable=False),
)

# the outbox: one row per (booking, channel), sent by notifications/outbox.py
CHANNELS = ("email", "webhook")
PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("booking_reference", String(16), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    # who holds the lease: a worker whose lease ran out cannot record a failure over the next one's claim
    Column("lease_token", String(32), nullable=True),
    Column("last_error", String(64), nullable=True),  # the error's type only
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("booking_reference", "channel", name="uq_outbox_booking_channel"),
    Index("ix_outbox_due", "status", "next_attempt_at"),
)


def create_tables(engine: Engine, attempts: int = 3) -> None:
    """Create the tables, or bring them up to date. Two servers starting together may race on
    PostgreSQL's catalogue (one fails with a unique violation): the loser tries again."""
    for attempt in range(attempts):
        try:
            metadata.create_all(engine)
            add_missing_columns(engine)
            return
        except (IntegrityError, ProgrammingError, OperationalError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))


def add_missing_columns(engine: Engine) -> None:
    """Bring a bookings table made by an earlier version up to date (nullable columns only)."""
    present = {column["name"] for column in inspect(engine).get_columns("bookings")}
    with engine.begin() as connection:
        for name in ADDED_COLUMNS:
            if name not in present:
                column = bookings.c[name]
                kind = column.type.compile(dialect=engine.dialect)
                connection.exec_driver_sql(f"ALTER TABLE bookings ADD COLUMN {name} {kind}")
        connection.exec_driver_sql(
            "CREATE UNIQUE INDEX IF NOT EXISTS ix_bookings_request_key ON bookings (request_key)"
        )


def _stored(value):
    """A value as the database gives it back (a datetime in UTC, a false flag as None), to compare with a new one."""
    if isinstance(value, dt.datetime):
        return as_utc(value)
    return value or None


# the bookings table's times, which SQLite gives back without their zone
BOOKING_TIMES = tuple(column.name for column in bookings.columns if isinstance(column.type, DateTime))


def booking_as_stored(row) -> dict:
    """A row of the bookings table as a dict, its times in UTC."""
    booking = dict(row)
    for key in BOOKING_TIMES:
        booking[key] = as_utc(booking.get(key))
    return booking


def utcnow() -> dt.datetime:
    """The real clock, as an aware UTC time."""
    return dt.datetime.now(dt.timezone.utc)


def as_utc(value: Optional[dt.datetime]) -> Optional[dt.datetime]:
    """SQLite gives datetimes back without their zone; they are stored in UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def enqueue(connection: Connection, reference: str, channels: Iterable[str], now: Optional[dt.datetime] = None) -> int:
    """Add the booking's notifications, one per channel, in the caller's transaction; returns how many."""
    channels = list(dict.fromkeys(channels))
    unknown = [channel for channel in channels if channel not in CHANNELS]
    if unknown:
        raise ValueError(f"unknown notification channel(s): {unknown}")
    if not channels:
        return 0
    now = as_utc(now) or utcnow()
    connection.execute(
        outbox.insert(),
        [
            dict(
                booking_reference=reference,
                channel=channel,
                status=PENDING,
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
            for channel in channels
        ],
    )
    return len(channels)


# a change's notification is the booking's reference and the change's number ("MN-ABCD/2"), so that each change is
# announced once per channel beside the request's own notification
CHANGE_MARK = "/"


def notice_reference(reference: str, change: Optional[int] = None) -> str:
    """What the outbox names: the request's reference, with the change's number for a change."""
    return f"{reference}{CHANGE_MARK}{change}" if change else reference


def notice_of(notice: str) -> Tuple[str, Optional[int]]:
    """The request's reference and the change's number (None: the request itself) of an outbox row."""
    reference, mark, change = notice.partition(CHANGE_MARK)
    return reference, (int(change) if mark and change.isdigit() else None)


# the details a change can make, and the words the clinic reads for each (never the values: the notice says them)
CHANGEABLE = {
    "name": "name",
    "contact": "contact",
    "preferred_start": "preferred time",
    "preferred_end": "preferred time",
    "preferred_text": "preferred time",
    "concern": "concern",
    "kind": "what is asked for",
    "under_18": "age",
}


# what a cancellation in the chat is recorded as, where a change records the details changed
CANCELLED = "cancelled by the person"


# No 0/O, 1/I/L, 5/S, 2/Z: a reference read out over the phone stays unambiguous.
REFERENCE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
REFERENCE_PREFIX = "MN-"


def new_reference(length: int = 4) -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))


@dataclass(frozen=True)
class BookingRequest:
    name: str
    contact_kind: str
    contact: str
    preferred_start: dt.datetime
    preferred_end: dt.datetime
    preferred_text: str
    concern: Optional[str]
    consent: bool
    conversation_id: Optional[str] = None
    consent_version: Optional[str] = None
    consent_given_at: Optional[dt.datetime] = None
    request_key: Optional[str] = None
    kind: Optional[str] = None  # None: a consultation; "call_back"
    under_18: bool = False  # said to be for someone under 18 (the clinic's policy was said)


class BookingStore:
    """Writes and reads booking requests. The engine is created on first use.

    `now` is the clock that stamps what the store writes (a booking's `created_at`, its notifications'
    times): the real UTC clock unless a test gives its own.
    """

    def __init__(
        self, url: str, reference_factory: Callable[[], str] = new_reference, now: Callable[[], dt.datetime] = utcnow
    ) -> None:
        self.url = url
        self._new_reference = reference_factory
        self._now = now
        self._engine: Optional[Engine] = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.url.startswith("sqlite:///"):
                Path(self.url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
            self._engine = create_engine(self.url, future=True, pool_pre_ping=True)
            create_tables(self._engine)
        return self._engine

    def reference_for(self, connection, request_key: Optional[str]) -> Optional[str]:
        if not request_key:
            return None
        return connection.execute(select(bookings.c.reference).where(bookings.c.request_key == request_key)).scalar()

    def save(self, request: BookingRequest, attempts: int = 10, notify: Optional[Sequence[str]] = None) -> str:
        """Store the request and return its reference; the row is committed before this returns.

        The clinic's notifications of it ('email', 'webhook': `notify`, by default the channels
        clinic.yml configures) go into the outbox in the same transaction (`enqueue`; notifications/outbox.py
        sends them).
        """
        if not request.consent:
            raise ValueError("a booking request is stored only with the person's consent")
        channels = notification_channels() if notify is None else notify
        for _ in range(attempts):
            reference = self._new_reference()
            row = dict(request.__dict__, reference=reference, created_at=self._now())
            try:
                with self.engine.begin() as connection:
                    stored = self.reference_for(connection, request.request_key)
                    if stored:
                        return stored  # sent again: the first one stands, notified once
                    connection.execute(bookings.insert().values(**row))
                    enqueue(connection, reference, channels, now=row["created_at"])
                return reference
            except IntegrityError:
                with self.engine.connect() as connection:
                    stored = self.reference_for(connection, request.request_key)
                if stored:
                    return stored  # the same request, sent again at the same moment, was stored first
                continue  # the reference was taken (by a booking, or by an earlier one's notification): draw another
        raise RuntimeError("could not find a free booking reference")

    def change(
        self,
        reference: str,
        request: BookingRequest,
        change_key: Optional[str] = None,
        notify: Optional[Sequence[str]] = None,
    ) -> Optional[int]:
        """Change a request already sent, from the conversation that sent it, to the details of `request`, and
        announce the change to the clinic (its notifications in the same transaction). Returns the change's number;
        0 when no detail differs (nothing is announced); None when there is no such request from this conversation
        (deleted, or never made here). The same change sent again (its `change_key`) is stored and announced once."""
        channels = notification_channels() if notify is None else notify
        with self.engine.begin() as connection:
            row = connection.execute(select(bookings).where(bookings.c.reference == reference)).mappings().first()
            if row is None or row["conversation_id"] != request.conversation_id or row["cancelled_change"]:
                return None  # (a request cancelled is changed no more)
            if change_key and row["change_key"] == change_key:
                return row["changes"] or 0
            # (the contact's kind goes with the contact, and is no change of its own)
            new = {column: getattr(request, column) for column in (*CHANGEABLE, "contact_kind")}
            changed = [words for column, words in CHANGEABLE.items() if _stored(row[column]) != _stored(new[column])]
            if not changed:
                return 0
            return self._announce(
                connection, row, channels, new, changed_fields=", ".join(dict.fromkeys(changed)), change_key=change_key
            )

    def cancel(
        self,
        reference: str,
        conversation_id: Optional[str],
        notify: Optional[Sequence[str]] = None,
    ) -> Optional[int]:
        """Cancel a request already sent, from the conversation that sent it, and tell the clinic (its notifications in
        the same transaction, as a change's: `notice_reference`). Returns the number of the change that cancelled it,
        the same number when it was cancelled before (told once); None when there is no such request from this
        conversation (deleted, or never made here). The request is kept, marked cancelled, for the clinic's records
        and the purge's schedule."""
        channels = notification_channels() if notify is None else notify
        with self.engine.begin() as connection:
            row = connection.execute(select(bookings).where(bookings.c.reference == reference)).mappings().first()
            if row is None or row["conversation_id"] != conversation_id:
                return None
            if row["cancelled_change"]:
                return int(row["cancelled_change"])
            return self._announce(connection, row, channels, {}, changed_fields=CANCELLED, change_key=None, cancel=True)

    def _announce(
        self,
        connection,
        row,
        channels: Sequence[str],
        new: Dict[str, object],
        changed_fields: str,
        change_key: Optional[str],
        cancel: bool = False,
    ) -> int:
        """Record the next change of a request sent (its new details, what changed, its key; a cancellation marks
        which change it is) and put its notifications in the outbox, in the caller's transaction; its number."""
        number = (row["changes"] or 0) + 1
        now = self._now()
        connection.execute(
            bookings.update()
            .where(bookings.c.reference == row["reference"])
            .values(
                **new,
                changes=number,
                changed_at=now,
                changed_fields=changed_fields,
                change_key=change_key,
                **({"cancelled_change": number} if cancel else {}),
            )
        )
        enqueue(connection, notice_reference(row["reference"], number), channels, now=now)
        return number

    def all(self) -> List[dict]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(bookings).order_by(bookings.c.id)).mappings().all()
        return [dict(row) for row in rows]

    def find(self, reference: str) -> Optional[dict]:
        with self.engine.connect() as connection:
            row = connection.execute(select(bookings).where(bookings.c.reference == reference)).mappings().first()
        return dict(row) if row else None

    def count_for_conversation(self, conversation_id: str) -> int:
        """How many booking requests a conversation has made."""
        with self.engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(bookings).where(bookings.c.conversation_id == conversation_id)
            ).scalar_one()

    def delete_for_conversation(self, conversation_id: str) -> int:
        """Delete the booking requests made in a conversation, and its requests for a person; returns how many
        booking requests."""
        with self.engine.begin() as connection:
            connection.execute(handovers.delete().where(handovers.c.conversation_id == conversation_id))
            return connection.execute(bookings.delete().where(bookings.c.conversation_id == conversation_id)).rowcount

    def purge_before(self, cutoff: dt.datetime) -> int:
        """Delete the booking requests made before the cutoff, and requests for a person; returns how many
        booking requests."""
        with self.engine.begin() as connection:
            connection.execute(handovers.delete().where(handovers.c.requested_at < cutoff))
            return connection.execute(bookings.delete().where(bookings.c.created_at < cutoff)).rowcount

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


_store: Optional[BookingStore] = None


def get_store() -> BookingStore:
    """The action server's store, created when a booking is first saved."""
    global _store
    if _store is None:
        _store = BookingStore(bookings_database_url())
    return _store


def set_store(store: Optional[BookingStore]) -> None:
    """Replace the store (tests inject one on a temporary database)."""
    global _store
    _store = store


def iter_json_lines(store: BookingStore) -> Iterator[str]:
    def encode(value):
        if isinstance(value, dt.datetime):
            # stored in UTC; SQLite gives the value back without its zone
            return (value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)).isoformat()
        return str(value)

    for row in store.all():
        yield json.dumps(row, default=encode, ensure_ascii=False)
