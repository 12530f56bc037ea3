"""Staff accounts, sessions, failed sign-ins and the audit log, on the bookings database's tables.

Passwords are argon2id hashes (argon2-cffi). A session's id is a random value given to the browser once, at
sign-in; the database keeps only its sha256. No account is built in: `make staff-account` makes one.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Callable, List, Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from core.database import as_utc, staff_accounts, staff_audit, staff_sessions, staff_sign_in_failures, utcnow
from core.settings import ConsoleSettings

_hasher = PasswordHasher()
# verified against when the name is unknown, so that an unknown name takes as long as a wrong password
_UNKNOWN_ACCOUNT_HASH = _hasher.hash(secrets.token_urlsafe(16))
NAME_MAX = 64


class AccountError(ValueError):
    """An account cannot be made as asked (the message says why)."""


@dataclass(frozen=True)
class Session:
    id_hash: str
    account: str
    csrf_token: str


class SignInRefused(Exception):
    """Too many failed sign-ins: the message says so, and when to try again."""


def hash_session_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Accounts:
    def __init__(self, engine: Engine, settings: ConsoleSettings, now: Callable[[], dt.datetime] = utcnow) -> None:
        self.engine = engine
        self.settings = settings
        self.now = now

    # ------------------------------------------------------------------ accounts

    def check_new(self, name: str, password: str) -> None:
        if not name or not name.strip() or name != name.strip() or len(name) > NAME_MAX:
            raise AccountError(f"the name must be 1 to {NAME_MAX} characters, without spaces around it")
        if not name.isprintable():
            raise AccountError("the name must be printable")
        if len(password) < self.settings.min_password_length:
            raise AccountError(f"the password must be at least {self.settings.min_password_length} characters")

    def create(self, name: str, password: str) -> None:
        self.check_new(name, password)
        row = dict(name=name, password_hash=_hasher.hash(password), created_at=self.now())
        try:
            with self.engine.begin() as connection:
                connection.execute(insert(staff_accounts).values(**row))
                self._audit(connection, name, "account_created")
        except IntegrityError:
            raise AccountError(f"there is already an account named {name!r}") from None

    def names(self) -> List[str]:
        with self.engine.connect() as connection:
            return list(connection.execute(select(staff_accounts.c.name).order_by(staff_accounts.c.name)).scalars())

    # ------------------------------------------------------------------ signing in

    def _failures(self, connection, column, value) -> int:
        since = self.now() - dt.timedelta(minutes=self.settings.failure_window_minutes)
        query = (
            select(func.count())
            .select_from(staff_sign_in_failures)
            .where(column == value, staff_sign_in_failures.c.at >= since)
        )
        return int(connection.execute(query).scalar() or 0)

    def sign_in(self, name: str, password: str, address: str) -> Optional[str]:
        """A new session's id (for the cookie) for the right name and password; None for a wrong one (counted);
        SignInRefused when this account or this address failed too often within the window (then even for the
        right password)."""
        name = (name or "")[:NAME_MAX]
        address = (address or "unknown")[:64]
        with self.engine.connect() as connection:
            limited = self._failures(connection, staff_sign_in_failures.c.account, name) >= (
                self.settings.max_failures_per_account
            ) or self._failures(connection, staff_sign_in_failures.c.address, address) >= (
                self.settings.max_failures_per_address
            )
            stored = connection.execute(
                select(staff_accounts.c.password_hash).where(staff_accounts.c.name == name)
            ).scalar()
        if limited:
            minutes = self.settings.failure_window_minutes
            raise SignInRefused(f"Too many failed sign-ins. Try again in {minutes} minutes, or ask a colleague.")
        try:
            ok = _hasher.verify(stored or _UNKNOWN_ACCOUNT_HASH, password or "") and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        with self.engine.begin() as connection:
            if not ok:
                # failures older than the window count no more: they go (a mistyped name may be a password)
                since = self.now() - dt.timedelta(minutes=self.settings.failure_window_minutes)
                connection.execute(delete(staff_sign_in_failures).where(staff_sign_in_failures.c.at < since))
                connection.execute(insert(staff_sign_in_failures).values(account=name, address=address, at=self.now()))
                return None
            connection.execute(delete(staff_sign_in_failures).where(staff_sign_in_failures.c.account == name))
            if stored is not None and _hasher.check_needs_rehash(stored):
                connection.execute(
                    update(staff_accounts)
                    .where(staff_accounts.c.name == name)
                    .values(password_hash=_hasher.hash(password))
                )
            self._audit(connection, name, "signed_in")
        return None if not ok else self._new_session(name)

    def _new_session(self, name: str) -> str:
        session_id = secrets.token_urlsafe(32)
        now = self.now()
        row = dict(
            id_hash=hash_session_id(session_id),
            account=name,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_used_at=now,
        )
        idle_since = now - dt.timedelta(minutes=self.settings.idle_minutes)
        started_since = now - dt.timedelta(hours=self.settings.session_hours)
        with self.engine.begin() as connection:
            connection.execute(  # sessions that are over, whoever's
                delete(staff_sessions).where(
                    (staff_sessions.c.last_used_at < idle_since) | (staff_sessions.c.created_at < started_since)
                )
            )
            connection.execute(insert(staff_sessions).values(**row))
        return session_id  # for the browser's cookie only; the database has its hash

    # ------------------------------------------------------------------ sessions

    def session(self, session_id: Optional[str]) -> Optional[Session]:
        """The live session for a cookie's id, its last use moved to now; None when there is none or it
        expired (idle too long, or older than session_hours), and then it is deleted."""
        if not session_id:
            return None
        id_hash = hash_session_id(session_id)
        now = self.now()
        with self.engine.begin() as connection:
            row = (
                connection.execute(select(staff_sessions).where(staff_sessions.c.id_hash == id_hash)).mappings().first()
            )
            if row is None:
                return None
            idle = now - (as_utc(row["last_used_at"]) or now)
            age = now - (as_utc(row["created_at"]) or now)
            if idle > dt.timedelta(minutes=self.settings.idle_minutes) or age > dt.timedelta(
                hours=self.settings.session_hours
            ):
                connection.execute(delete(staff_sessions).where(staff_sessions.c.id_hash == id_hash))
                return None
            connection.execute(
                update(staff_sessions).where(staff_sessions.c.id_hash == id_hash).values(last_used_at=now)
            )
        return Session(id_hash=id_hash, account=row["account"], csrf_token=row["csrf_token"])

    def end(self, session_id: Optional[str]) -> None:
        if session_id:
            with self.engine.begin() as connection:
                connection.execute(
                    delete(staff_sessions).where(staff_sessions.c.id_hash == hash_session_id(session_id))
                )

    # ------------------------------------------------------------------ audit

    def _audit(self, connection, account: str, action: str, reference: Optional[str] = None, detail: str = "") -> None:
        connection.execute(
            insert(staff_audit).values(
                at=self.now(), account=account, action=action, reference=reference, detail=detail or None
            )
        )

    def audit(self, account: str, action: str, reference: Optional[str] = None, detail: str = "") -> None:
        with self.engine.begin() as connection:
            self._audit(connection, account, action, reference, detail)

    def audit_log(self, newest_first: bool = False, limit: Optional[int] = None) -> List[dict]:
        order = staff_audit.c.id.desc() if newest_first else staff_audit.c.id
        query = select(staff_audit).order_by(order)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [{**dict(row), "at": as_utc(row["at"])} for row in rows]
