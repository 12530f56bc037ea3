"""Rasa's SQL tracker store, able to forget a conversation and to purge old ones.

Name it in endpoints.yml as `type: stores.tracker_store.ClinicTrackerStore`, with the
same keys as Rasa's `SQL` store (dialect, url, port, db, username, password).

- **Forgetting.** When a turn ends with the assistant saying `utter_data_deleted`
  (the action server has deleted the person's bookings; actions/privacy.py), saving
  the tracker deletes every stored event of that conversation instead of adding
  the new ones. The next message starts a conversation from nothing.
- **Purging.** `purge_before(cutoff)` deletes the conversations whose latest event
  is older than the cutoff (scripts/purge.py), whole, so no conversation is left
  with its beginning missing.
- **Loading faster.** Rasa rebuilds every stored event on every turn, and finds
  each event's class by walking all of `Event`'s subclasses again (in 3.6,
  `Event.resolve_by_type`): at turn 200 that was 59 ms of a 248 ms turn. Here the
  classes are looked up in a table made once.
"""
import json
import logging
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional, Text, Type

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

FORGET_RESPONSE = "utter_data_deleted"


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
        cls = classes.get(parameters.get("event"))
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


class ClinicTrackerStore(SQLTrackerStore):
    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions).all()
            stored = [json.loads(row.data) for row in rows]
        if not self.domain or not stored:
            return None
        return DialogueStateTracker.from_events(sender_id, deserialise(stored), self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forgets(tracker):
            deleted = self.delete_conversation(tracker.sender_id)
            logger.info("a conversation was deleted at the person's request (%d events)", deleted)
            return
        await super().save(tracker)

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
                chunk = senders[start:start + 500]
                session.query(events).filter(events.sender_id.in_(chunk)).delete(synchronize_session=False)
            session.commit()
        return len(senders)
