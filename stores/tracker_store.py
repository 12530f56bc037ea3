"""Rasa's SQL tracker store, able to forget a conversation and to purge old ones.

Name it in endpoints.yml as `type: stores.tracker_store.ClinicTrackerStore`, with the
same keys as Rasa's `SQL` store (dialect, url, port, db, username, password).

- **Forgetting.** When a turn ends with the assistant saying `utter_data_deleted`
  (the action server has deleted the person's bookings; actions/privacy.py), saving
  the tracker deletes every stored event of that conversation instead of adding
  the new ones. The next message starts a conversation from nothing.
- **Purging.** `purge_before(cutoff)` deletes the conversations whose latest event
  is older than the cutoff (ops/purge.py), whole, so no conversation is left
  with its beginning missing.
- **Recent turns only.** Rasa's store hands back the whole session on every turn,
  and everything after it is paid per event: rebuilding the events, replaying them,
  the policies' states of every earlier turn, the tracker sent to the action server.
  A turn at message 200 cost three times one at message 10. Here `retrieve` (what
  the processor handles a message with) gives the last `recent_turns` user turns
  (endpoints.yml, default 5; 0 gives the whole session), starting at the
  `action_listen` before the first of them, and in front of them the stored events
  that make the state as it was there: the session's start, the latest `slot` event of each slot (its
  own, timestamp included), the latest `active_loop` event with the loop's interruptions and rejections
  after it, and the latest pause or resume (a person has the chat). Slots, the active form and the rules see
  what they saw before (all but the form's `trigger_message`, which nothing in
  Rasa 3.6 or the SDK reads); the rules hold one user turn each and the actions look back two;
  turns 1-10 and 191-200 of a conversation cost the same (make bench). A session holding a restart or an undo
  (`restart`, `rewind`, `undo`) before the window is loaded whole, since those change what earlier events mean.
  `retrieve_full_tracker` (the history, the API) still gives everything.
- **Saving what is new.** A retrieved tracker remembers how many of its events are
  stored, so `save` adds the ones after them, in one insert (Rasa's store counts the
  stored rows instead, which a shortened tracker would defeat, and adds them one by
  one through the ORM). SQLite keeps its connections and runs with a write-ahead log.
- **Loading faster.** Rasa rebuilds every stored event on every turn, and finds
  each event's class by walking all of `Event`'s subclasses again (in 3.6,
  `Event.resolve_by_type`): at turn 200 that was 59 ms of a 248 ms turn. Here the
  classes are looked up in a table made once.
"""

import itertools
import json
import logging
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional, Text, Type

import sqlalchemy as sa
from rasa.core.processor import MAX_NUMBER_OF_PREDICTIONS
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

FORGET_RESPONSE = "utter_data_deleted"
RECENT_TURNS = 5
STORED_COUNT = "_clinic_stored_events"  # set on a tracker this store built or saved: how many of its events are stored
# Before the window: the events that make the state (with each slot's latest `slot` event, picked
# in SQL), and those that make the session load whole.
STATE_EVENTS = (
    "session_started",
    "reset_slots",
    "active_loop",
    "loop_interrupted",
    "action_execution_rejected",
    "pause",
    "resume",
)
WHOLE_SESSION_EVENTS = ("restart", "rewind", "undo")


@lru_cache(maxsize=1)
def event_classes() -> Dict[Text, Type[Event]]:
    """Event type name -> class, the first subclass of each name as Rasa's own lookup finds it."""
    classes: Dict[Text, Type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def deserialise(stored: Iterable[Dict[Text, Any]]) -> List[Event]:
    """Events from their dictionaries, as `rasa.shared.core.events.deserialise_events` makes them."""
    classes = event_classes()
    events: List[Event] = []
    for parameters in stored:
        cls = classes.get(parameters.get("event") or "")
        # a private Rasa API, listed and checked in tests/test_rasa_private_apis.py
        event: Optional[Event] = cls._from_parameters(parameters) if cls else Event.from_parameters(parameters)
        if event:
            events.append(event)
    return events


def last_turn(events: Iterable[Any]) -> List[Any]:
    """The events after the last user message (the turn just handled)."""
    turn: List[Any] = []
    for event in events:
        if isinstance(event, UserUttered):
            turn = []
        else:
            turn.append(event)
    return turn


def forgets(tracker: DialogueStateTracker) -> bool:
    return any(
        isinstance(event, BotUttered) and (event.metadata or {}).get("utter_action") == FORGET_RESPONSE
        for event in last_turn(tracker.events)
    )


def state_before(rows: Iterable[Any]) -> Optional[List[Any]]:
    """Of the rows (id, type_name, action_name, data) before the window, in order, the ones that make
    the state at its start; None when the session must be loaded whole."""
    start: List[Any] = []  # the session's start
    slots: Dict[Text, Any] = {}  # slot name (the row's action_name) -> its latest row
    loop: List[Any] = []
    paused: List[Any] = []  # the latest pause or resume: a person has the chat (channels/handover.py) or not
    for row in rows:
        if row.type_name in WHOLE_SESSION_EVENTS:
            return None
        if row.type_name == "session_started":
            start = [row]
        elif row.type_name == "reset_slots":
            slots.clear()
        elif row.type_name == "slot":
            slots[row.action_name] = row
        elif row.type_name in ("pause", "resume"):
            paused = [row]
        elif row.type_name == "active_loop":
            loop = [row]
        elif loop:  # an interruption or rejection of the active loop
            loop.append(row)
    return sorted([*start, *slots.values(), *loop, *paused], key=lambda row: row.id)


def window_start_of(anchors: Iterable[Any], turns: int, read: int) -> Optional[int]:
    """From rows (id, type_name) of user messages, listens and session starts, newest first: the id
    the window starts at (the listen before the `turns`-th latest user message, or the session's
    start when it holds fewer); 0 when the anchors (at most `read`) hold the whole conversation and
    no session start; None when they end before either."""
    users, count, first_user = 0, 0, None
    for count, row in enumerate(anchors, start=1):  # noqa: B007 - how many were read, after the loop
        if row.type_name == "session_started":
            return row.id
        if first_user is not None:
            return row.id if row.type_name == "action" else first_user
        if row.type_name == "user":
            users += 1
            if users == turns:
                first_user = row.id
    if first_user is not None:
        return first_user
    return 0 if count < read else None


def tripped_the_circuit_breaker(tracker: DialogueStateTracker) -> bool:
    """Whether Rasa's limit of actions is reached, counted as Rasa counts it (rasa/core/processor.py,
    `is_action_limit_reached`): back to the last action_listen or session start, past any message."""
    actions = 0
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            if event.action_name in (ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME):
                break
            actions += 1
    return actions >= MAX_NUMBER_OF_PREDICTIONS


class ClinicTrackerStore(SQLTrackerStore):
    engine: Any  # SQLTrackerStore's, replaced by _keep_sqlite_connections

    def __init__(self, *args: Any, recent_turns: int = RECENT_TURNS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self._keep_sqlite_connections()
        if not isinstance(recent_turns, int) or recent_turns < 0:
            raise ValueError(f"recent_turns must be a whole number, 0 or more (got {recent_turns!r})")
        self.recent_turns = recent_turns

    def _keep_sqlite_connections(self) -> None:
        """SQLAlchemy 1.4 opens a new SQLite connection for every session (and 2.0 no longer does):
        twice a message, 0.5 ms each here. Keep a pool instead, and a write-ahead log (one sync per
        commit instead of a rollback journal's several, just as durable)."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session's last `recent_turns` turns, with the state before them (see above)."""
        if not self.recent_turns:
            return await self._retrieve(sender_id, fetch_events_from_all_sessions=False)
        return self._tracker(sender_id, [row.data for row in self._recent_rows(sender_id)])

    def _recent_rows(self, sender_id: Text) -> List[Any]:
        """The rows to build the tracker from, in two queries: where the window starts, then its rows
        and the state rows of the session before it (of the slot rows, only each slot's latest)."""
        c = self.SQLEvent.__table__.c
        mine = c.sender_id == sender_id
        read = 4 * self.recent_turns + 4
        # newest first: user messages, the listens before them, the session's start
        anchors = (
            sa.select(c.id, c.type_name)
            .where(
                mine,
                sa.or_(
                    c.type_name.in_(("user", "session_started")),
                    sa.and_(c.type_name == "action", c.action_name == "action_listen"),
                ),
            )
            .order_by(c.id.desc())
            .limit(read)
        )
        session_start = (
            sa.select(sa.func.coalesce(sa.func.max(c.id), 0))
            .where(mine, c.type_name == "session_started")
            .scalar_subquery()
        )
        columns = (c.id, c.type_name, c.action_name, c.data)
        with self.session_scope() as session:
            window_start = window_start_of(session.execute(anchors).all(), self.recent_turns, read)
            if window_start is None:  # the session starts further back than the anchors read
                window_start = session.execute(sa.select(session_start)).scalar()
            latest_slots = (
                sa.select(sa.func.max(c.id))
                .where(mine, c.type_name == "slot", c.id >= session_start, c.id < window_start)
                .group_by(c.action_name)
            )
            rows = session.execute(
                sa.select(*columns)
                .where(
                    mine,
                    c.id >= session_start,
                    sa.or_(
                        c.id >= window_start,
                        c.id.in_(latest_slots),
                        c.type_name.in_(STATE_EVENTS + WHOLE_SESSION_EVENTS),
                    ),
                )
                .order_by(c.id)
            ).all()
            before = state_before(row for row in rows if row.id < window_start)
            if before is None:  # a restart or an undo before the window: the whole session
                return session.execute(sa.select(*columns).where(mine, c.id >= session_start).order_by(c.id)).all()
        return before + [row for row in rows if row.id >= window_start]

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            # a private Rasa API, listed and checked in tests/test_rasa_private_apis.py
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            data = [row.data for row in rows]
        return self._tracker(sender_id, data)

    def _tracker(self, sender_id: Text, data: List[Text]) -> Optional[DialogueStateTracker]:
        if not self.domain or not data:
            return None
        tracker = DialogueStateTracker.from_events(
            sender_id, deserialise(json.loads(d) for d in data), self.domain.slots
        )
        setattr(tracker, STORED_COUNT, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        if tripped_the_circuit_breaker(tracker):
            # Rasa stopped predicting (MAX_NUMBER_OF_PREDICTIONS actions in one turn) without listening, and
            # counts actions back to the last action_listen, past the next message too: every later message
            # would trip it again at once. The turn ends listening, so the conversation goes on.
            logger.warning("a turn tripped Rasa's circuit breaker; it is closed with action_listen")
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
        if forgets(tracker):
            deleted = self.delete_conversation(tracker.sender_id)
            logger.info("a conversation was deleted at the person's request (%d events)", deleted)
            return
        stored = getattr(tracker, STORED_COUNT, None)
        if stored is None:  # not built here: Rasa's store counts what is stored
            await super().save(tracker)
        else:
            new = list(itertools.islice(tracker.events, stored, None))
            if self.event_broker:
                # a private Rasa API, listed and checked in tests/test_rasa_private_apis.py
                await self._stream_new_events(self.event_broker, new, tracker.sender_id)
            self._add(tracker.sender_id, new)
        setattr(tracker, STORED_COUNT, len(tracker.events))

    def _add(self, sender_id: Text, events: List[Event]) -> None:
        """Store events, in the columns Rasa's SQL store writes, in one insert."""
        if not events:
            return
        rows = []
        for event in events:
            data = event.as_dict()
            rows.append(
                {
                    "sender_id": sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": ((data.get("parse_data") or {}).get("intent") or {}).get("name"),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                }
            )
        with self.session_scope() as session:
            session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()

    def delete_conversation(self, sender_id: Text) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        return deleted

    def purge_before(self, cutoff_timestamp: float) -> int:
        """Delete every conversation whose latest event is older than the cutoff; returns how many."""
        events = self.SQLEvent
        with self.session_scope() as session:
            latest = (
                session.query(events.sender_id)
                .group_by(events.sender_id)
                .having(sa.func.max(events.timestamp) < cutoff_timestamp)
            )
            senders = [row[0] for row in latest]
            for start in range(0, len(senders), 500):
                chunk = senders[start : start + 500]
                session.query(events).filter(events.sender_id.in_(chunk)).delete(synchronize_session=False)
            session.commit()
        return len(senders)
