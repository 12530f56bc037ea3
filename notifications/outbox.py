"""The outbox: one row per (booking, channel), written in the booking's own transaction and
sent by a worker with retries and back-off.

- `enqueue` (core/database.py, beside the table) runs inside the transaction that inserts the
  booking (`BookingStore.save`), so a stored booking always has its notifications and a booking
  that was not stored has none.
- `claim_due` hands a due row to one worker at a time: it marks it 'sending' with a lease
  (PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED`; SQLite, which has one writer: one guarded
  UPDATE). A worker that dies mid-send leaves a lease that expires, and the row is taken again.
- `mark_sent` right after a send succeeds; `mark_failed` puts the row back with exponential
  back-off, or gives up after `MAX_ATTEMPTS` with an ERROR line for staff. Attempts are
  counted when a row is claimed, so a send that kills its worker counts too.
- `process_due` is one pass; the action server runs it every `notifications.interval_seconds`
  (`run_forever`, started in actions/server.py); `python -m notifications.outbox --once` runs one
  pass from cron or a shell.

A receiver may still get a notification twice if a worker dies between sending and marking it
sent; the email's Message-ID and the webhook's Idempotency-Key carry the booking reference so it
can drop the second. Logs and `last_error` name the booking reference, the channel and the
error's type, never a name or a contact detail.
"""

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Engine

from core.database import (
    CHANNELS,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    as_utc,
    booking_as_stored,
    bookings,
    notice_of,
    outbox,
    utcnow,
)

logger = logging.getLogger(__name__)

BASE_DELAY_S = 30  # after the first failed attempt; doubled after each further one
MAX_DELAY_S = 3600
MAX_ATTEMPTS = 12  # about 5 hours of trying at the defaults
LEASE_S = 120  # how long a claimed row is a worker's; a send times out after 10 s
BATCH = 20  # rows one pass sends at most


def backoff(attempts: int, base_s: float = BASE_DELAY_S, cap_s: float = MAX_DELAY_S) -> dt.timedelta:
    """The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, 4 min, … at most 1 h."""
    exponent = min(max(attempts - 1, 0), 32)
    return dt.timedelta(seconds=min(base_s * 2**exponent, cap_s))


@dataclass(frozen=True)
class Claim:
    """A row a worker holds until `lease_until`."""

    id: int
    reference: str
    channel: str
    attempts: int  # including this one
    token: str
    lease_until: Optional[dt.datetime]  # set on every claimed row


def _due(now: dt.datetime, max_attempts: int):
    return or_(
        and_(outbox.c.status == PENDING, outbox.c.next_attempt_at <= now),
        # a worker died mid-send: its lease ran out
        and_(outbox.c.status == SENDING, outbox.c.lease_until <= now, outbox.c.attempts < max_attempts),
    )


def claim_due(
    engine: Engine,
    now: Optional[dt.datetime] = None,
    limit: int = BATCH,
    lease_s: float = LEASE_S,
    channels: Optional[Iterable[str]] = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> List[Claim]:
    """Take up to `limit` due rows (of `channels`, or any) and mark them 'sending' with a lease, atomically.

    No two claimers ever hold the same row: on PostgreSQL the candidates are locked with
    SKIP LOCKED, so a concurrent claimer passes over them; elsewhere (SQLite) the claim is
    one UPDATE whose WHERE re-checks that the row is due, and SQLite runs one writer at a time.
    """
    now = as_utc(now) or utcnow()
    lease_until = now + dt.timedelta(seconds=lease_s)
    token = uuid.uuid4().hex
    due = _due(now, max_attempts)
    if channels is not None:
        due = and_(due, outbox.c.channel.in_(list(channels)))
    candidates = select(outbox.c.id).where(due).order_by(outbox.c.next_attempt_at, outbox.c.id).limit(limit)
    claim = outbox.update().values(
        status=SENDING, lease_until=lease_until, lease_token=token, attempts=outbox.c.attempts + 1
    )
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            ids = connection.execute(candidates.with_for_update(skip_locked=True)).scalars().all()
            if not ids:
                return []
            connection.execute(claim.where(outbox.c.id.in_(ids)))
        else:
            connection.execute(claim.where(and_(outbox.c.id.in_(candidates.scalar_subquery()), due)))
        rows = (
            connection.execute(select(outbox).where(outbox.c.lease_token == token).order_by(outbox.c.id))
            .mappings()
            .all()
        )
    return [
        Claim(row["id"], row["booking_reference"], row["channel"], row["attempts"], token, as_utc(row["lease_until"]))
        for row in rows
    ]


def mark_sent(engine: Engine, claim: Claim, now: Optional[dt.datetime] = None) -> None:
    """Record a send that happened, whoever holds the lease now: the notification is never sent again."""
    with engine.begin() as connection:
        connection.execute(
            outbox.update()
            .where(and_(outbox.c.id == claim.id, outbox.c.status != SENT))
            .values(status=SENT, sent_at=as_utc(now) or utcnow(), lease_until=None, lease_token=None, last_error=None)
        )


def mark_failed(
    engine: Engine,
    claim: Claim,
    error: str,
    now: Optional[dt.datetime] = None,
    max_attempts: int = MAX_ATTEMPTS,
    base_s: float = BASE_DELAY_S,
    cap_s: float = MAX_DELAY_S,
) -> str:
    """Put the row back for a later attempt, or give up after `max_attempts`; returns the new status.

    `error` is the error's type name: nothing that could hold a contact detail is stored.
    Only the lease's holder may do this (a worker whose lease ran out changes nothing).
    """
    now = as_utc(now) or utcnow()
    given_up = claim.attempts >= max_attempts
    values: Dict[str, Any] = dict(lease_until=None, lease_token=None, last_error=error[:64])
    if given_up:
        values.update(status=FAILED)
    else:
        values.update(status=PENDING, next_attempt_at=now + backoff(claim.attempts, base_s, cap_s))
    with engine.begin() as connection:
        held = connection.execute(
            outbox.update().where(and_(outbox.c.id == claim.id, outbox.c.lease_token == claim.token)).values(**values)
        ).rowcount
    if not held:
        return SENDING
    if given_up:
        logger.error(
            "gave up the %s notification of booking %s after %d attempts (last error %s): tell the clinic by hand",
            claim.channel,
            claim.reference,
            claim.attempts,
            error,
        )
        return FAILED
    logger.warning(
        "could not send the %s notification of booking %s (attempt %d of %d, %s); trying again in %d s",
        claim.channel,
        claim.reference,
        claim.attempts,
        max_attempts,
        error,
        backoff(claim.attempts, base_s, cap_s).total_seconds(),
    )
    return PENDING


def give_up_abandoned(engine: Engine, now: Optional[dt.datetime] = None, max_attempts: int = MAX_ATTEMPTS) -> int:
    """Rows whose worker died during their last allowed attempt become 'failed'; returns how many."""
    now = as_utc(now) or utcnow()
    abandoned = and_(outbox.c.status == SENDING, outbox.c.lease_until <= now, outbox.c.attempts >= max_attempts)
    with engine.begin() as connection:
        rows = connection.execute(select(outbox).where(abandoned)).mappings().all()
        if rows:
            connection.execute(
                outbox.update()
                .where(and_(outbox.c.id.in_([row["id"] for row in rows]), abandoned))
                .values(status=FAILED, lease_until=None, lease_token=None, last_error="LeaseExpired")
            )
    for row in rows:
        logger.error(
            "gave up the %s notification of booking %s after %d attempts (last error LeaseExpired): tell the clinic "
            "by hand",
            row["channel"],
            row["booking_reference"],
            row["attempts"],
        )
    return len(rows)


def _booking(engine: Engine, notice: str) -> Optional[dict]:
    """The booking an outbox row announces, as it stands now; for a change (`notice_of`), with its number under
    "change" (None: the request itself)."""
    reference, change = notice_of(notice)
    with engine.connect() as connection:
        row = connection.execute(select(bookings).where(bookings.c.reference == reference)).mappings().first()
    if row is None:
        return None
    return dict(booking_as_stored(row), change=change)


def _drop(engine: Engine, claim: Claim) -> None:
    with engine.begin() as connection:
        connection.execute(outbox.delete().where(and_(outbox.c.id == claim.id, outbox.c.lease_token == claim.token)))


def process_due(
    engine: Engine,
    senders: Mapping[str, "Sender"],
    now: Optional[dt.datetime] = None,
    limit: int = BATCH,
    lease_s: float = LEASE_S,
    max_attempts: int = MAX_ATTEMPTS,
    base_s: float = BASE_DELAY_S,
    cap_s: float = MAX_DELAY_S,
) -> Dict[str, int]:
    """One pass: send up to `limit` due notifications on the channels in `senders`.

    Returns counts: sent, retry (failed, will be tried again), failed (given up), dropped (the
    booking was deleted before its notification went out). Rows are claimed one at a time, so
    a lease only has to outlast one send. After a failure on a channel (its server is down,
    most likely) the rest of the pass leaves that channel alone.
    `now` fixes the clock for the whole pass (tests); by default each claim reads the time.
    """
    counts = {"sent": 0, "retry": 0, "failed": 0, "dropped": 0}
    counts["failed"] += give_up_abandoned(engine, now, max_attempts)
    open_channels = [channel for channel in CHANNELS if channel in senders]
    for _ in range(limit):
        if not open_channels:
            break
        claimed = claim_due(engine, now, limit=1, lease_s=lease_s, channels=open_channels, max_attempts=max_attempts)
        if not claimed:
            break
        claim = claimed[0]
        booking = _booking(engine, claim.reference)
        if booking is None:  # deleted at the person's request (or purged) before it was announced
            _drop(engine, claim)
            logger.info(
                "dropped the %s notification of booking %s: the booking is gone", claim.channel, claim.reference
            )
            counts["dropped"] += 1
            continue
        try:
            senders[claim.channel].send(booking)
        except Exception as error:  # any failure is retried; only its type is kept
            status = mark_failed(engine, claim, type(error).__name__, now, max_attempts, base_s, cap_s)
            counts["failed" if status == FAILED else "retry"] += 1
            open_channels.remove(claim.channel)
            continue
        mark_sent(engine, claim, now)
        logger.info("sent the %s notification of booking %s", claim.channel, claim.reference)
        counts["sent"] += 1
    return counts


class Sender:
    """What `process_due` needs of a channel (notifications/senders.py): raise on failure."""

    def send(self, booking: dict) -> None:  # pragma: no cover - an interface
        raise NotImplementedError


# --- running it: the action server's background task and the command line ---------------------


def configured_pass(engine_factory: Optional[Callable[[], Engine]] = None) -> Optional[Callable[[], Dict[str, int]]]:
    """One pass over the configured channels, or None when the clinic configured none."""
    from core.settings import clinic
    from notifications.senders import senders_from_config

    if not clinic().notifications.channels():
        return None
    if engine_factory is None:
        from core.database import get_store

        engine_factory = lambda: get_store().engine  # noqa: E731 - the action server's own store

    def one_pass() -> Dict[str, int]:
        senders = senders_from_config(clinic())  # reads SMTP_PASSWORD and the webhook's env each pass
        if not senders:
            return {}
        return process_due(engine_factory(), senders)

    return one_pass


async def run_forever(one_pass: Callable[[], Dict[str, int]], interval_s: float) -> None:
    """Run `one_pass` in its own thread every `interval_s` seconds until cancelled; never raises otherwise."""
    loop = asyncio.get_running_loop()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notifications")
    try:
        while True:
            try:
                await loop.run_in_executor(executor, one_pass)
            except Exception as error:  # e.g. the database is down: try again next time
                logger.warning("notification pass failed (%s); trying again in %g s", type(error).__name__, interval_s)
            await asyncio.sleep(interval_s)
    finally:
        executor.shutdown(wait=False)


def start_worker() -> Optional["asyncio.Task"]:
    """Start the background task on the running loop; None (and nothing runs) when no channel is configured."""
    from core.settings import clinic

    one_pass = configured_pass()
    if one_pass is None:
        logger.info("no notification channel configured: booking requests are not announced")
        return None
    interval = clinic().notifications.interval_seconds
    logger.info("notifications on %s, every %g s", ", ".join(clinic().notifications.channels()), interval)
    return asyncio.get_running_loop().create_task(run_forever(one_pass, interval))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Send the booking notifications that are due.")
    parser.add_argument("--once", action="store_true", help="one pass, then exit (cron, tests)")
    args = parser.parse_args(argv)
    logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from core.settings import clinic

    one_pass = configured_pass()
    if one_pass is None:
        print(json.dumps({"channels": []}))
        return 0
    if args.once:
        print(json.dumps(one_pass(), sort_keys=True))
        return 0
    try:
        asyncio.run(run_forever(one_pass, clinic().notifications.interval_seconds))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
