"""A person taking over a patient's chat: the requests for one, who is free to take them, and their states.

A request is `waiting` from the moment the patient asks (actions/handover.py) until a member of staff takes it
(`taken`, console/chats.py) or nobody does within `handover_wait_seconds` (`unanswered`, swept by
channels/handover.py); a taken one ends when it is handed back (`ended`). Every change is one conditional
UPDATE, so two members of staff, or two Rasa replicas sweeping, never both win the same request.

Who can be asked: a member of staff with a live console session (used within the idle time, and younger than
the session's limit) who has not said they are away.
"""

import datetime as dt
from typing import List, Optional

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from core.database import as_utc, handovers, staff_away, staff_sessions, utcnow
from core.settings import ConsoleSettings

WAITING, TAKEN, ENDED, UNANSWERED = "waiting", "taken", "ended", "unanswered"
# the channels a member of staff's reply can reach the patient on, as Rasa names them (REST only answers)
LIVE_CHANNELS = ("socketio", "telegram", "whatsapp")
OPEN = (WAITING, TAKEN)


def _row(row) -> dict:
    found = dict(row._mapping)
    for key in ("requested_at", "taken_at", "ended_at", "flagged_at"):
        found[key] = as_utc(found[key])
    return found


def available_staff(engine: Engine, settings: ConsoleSettings, now: Optional[dt.datetime] = None) -> List[str]:
    """The members of staff who may be asked to take a chat now."""
    now = as_utc(now) or utcnow()
    used_since = now - dt.timedelta(minutes=settings.idle_minutes)
    created_since = now - dt.timedelta(hours=settings.session_hours)
    with engine.connect() as connection:
        signed_in = connection.execute(
            select(staff_sessions.c.account)
            .where(and_(staff_sessions.c.last_used_at >= used_since, staff_sessions.c.created_at >= created_since))
            .distinct()
        ).scalars()
        away = set(connection.execute(select(staff_away.c.account)).scalars())
        return sorted(account for account in set(signed_in) if account not in away)


def set_away(engine: Engine, account: str, away: bool, now: Optional[dt.datetime] = None) -> None:
    with engine.begin() as connection:
        connection.execute(staff_away.delete().where(staff_away.c.account == account))
        if away:
            connection.execute(staff_away.insert().values(account=account, since=as_utc(now) or utcnow()))


def is_away(engine: Engine, account: str) -> bool:
    with engine.connect() as connection:
        found = connection.execute(select(staff_away.c.account).where(staff_away.c.account == account)).first()
    return found is not None


def open_request(engine: Engine, conversation_id: str) -> Optional[dict]:
    """The conversation's request for a person that is waiting or taken, if any."""
    with engine.connect() as connection:
        row = connection.execute(
            select(handovers)
            .where(and_(handovers.c.conversation_id == conversation_id, handovers.c.status.in_(OPEN)))
            .order_by(handovers.c.id.desc())
        ).first()
    return _row(row) if row else None


def ask(engine: Engine, conversation_id: str, channel: str, now: Optional[dt.datetime] = None) -> int:
    """A request for a person in this conversation: the open one, else a new one, waiting. Returns its id."""
    existing = open_request(engine, conversation_id)
    if existing:
        return int(existing["id"])
    with engine.begin() as connection:
        result = connection.execute(
            handovers.insert().values(
                conversation_id=conversation_id, channel=channel, status=WAITING, requested_at=as_utc(now) or utcnow()
            )
        )
        return int(result.inserted_primary_key[0])


def find(engine: Engine, request_id: int) -> Optional[dict]:
    with engine.connect() as connection:
        row = connection.execute(select(handovers).where(handovers.c.id == request_id)).first()
    return _row(row) if row else None


def take(engine: Engine, request_id: int, account: str, now: Optional[dt.datetime] = None) -> bool:
    """The member of staff takes a waiting request; False when it is no longer waiting (taken, or unanswered)."""
    with engine.begin() as connection:
        return (
            connection.execute(
                handovers.update()
                .where(and_(handovers.c.id == request_id, handovers.c.status == WAITING))
                .values(status=TAKEN, taken_by=account, taken_at=as_utc(now) or utcnow())
            ).rowcount
            == 1
        )


def hand_back(engine: Engine, request_id: int, account: str, now: Optional[dt.datetime] = None) -> bool:
    """The member of staff who took the request hands the chat back; False when they do not hold it."""
    with engine.begin() as connection:
        return (
            connection.execute(
                handovers.update()
                .where(and_(handovers.c.id == request_id, handovers.c.status == TAKEN, handovers.c.taken_by == account))
                .values(status=ENDED, ended_at=as_utc(now) or utcnow())
            ).rowcount
            == 1
        )


def unanswered(engine: Engine, wait: dt.timedelta, now: Optional[dt.datetime] = None) -> List[dict]:
    """The waiting requests older than `wait`, each marked unanswered by this call (and by no other)."""
    now = as_utc(now) or utcnow()
    with engine.connect() as connection:
        due = [
            _row(row)
            for row in connection.execute(
                select(handovers).where(and_(handovers.c.status == WAITING, handovers.c.requested_at <= now - wait))
            )
        ]
    claimed = []
    for request in due:
        with engine.begin() as connection:
            won = connection.execute(
                handovers.update()
                .where(and_(handovers.c.id == request["id"], handovers.c.status == WAITING))
                .values(status=UNANSWERED, ended_at=now)
            ).rowcount
        if won == 1:
            claimed.append({**request, "status": UNANSWERED, "ended_at": now})
    return claimed


def flag(engine: Engine, conversation_id: str, now: Optional[dt.datetime] = None) -> bool:
    """Mark the conversation's open request: a message in crisis came while a person had (or was asked for) it."""
    with engine.begin() as connection:
        return (
            connection.execute(
                handovers.update()
                .where(and_(handovers.c.conversation_id == conversation_id, handovers.c.status.in_(OPEN)))
                .values(flagged_at=as_utc(now) or utcnow())
            ).rowcount
            > 0
        )


def listing(engine: Engine, limit: int = 50) -> List[dict]:
    """The open requests (waiting first, oldest first), then the latest closed ones."""
    with engine.connect() as connection:
        open_rows = [
            _row(row)
            for row in connection.execute(
                select(handovers).where(handovers.c.status.in_(OPEN)).order_by(handovers.c.requested_at)
            )
        ]
        closed = [
            _row(row)
            for row in connection.execute(
                select(handovers)
                .where(handovers.c.status.notin_(OPEN))
                .order_by(handovers.c.requested_at.desc())
                .limit(limit)
            )
        ]
    open_rows.sort(key=lambda row: (row["status"] != WAITING, row["requested_at"]))
    return open_rows + closed
