"""Checks on what the scale-out run left in PostgreSQL, and on what the client got back.

The pure functions take rows as plain values (tests/scale/test_checks.py feeds them
hand-made rows); `read_events` and `read_bookings` fetch them with SQL from Rasa's
`events` table and the booking store's `bookings` table.
"""
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

REST_PREFIX = "rest-"  # channels/rest.py stores a REST message_id as "rest-<id>"


@dataclass(frozen=True)
class EventRow:
    """One row of Rasa's SQL tracker store (`events`)."""

    id: int
    sender_id: str
    type_name: str
    timestamp: Optional[float]
    intent_name: Optional[str]
    action_name: Optional[str]
    data: str  # the event as JSON

    @property
    def event(self) -> dict:
        return json.loads(self.data)


@dataclass(frozen=True)
class Sent:
    """A message the client sent and, if it was answered, the texts of the replies it got."""

    message_id: str
    text: str
    reply_texts: Optional[Tuple[str, ...]]  # None: not answered


def check_tracker(sender: str, rows: Sequence[EventRow], sent: Sequence[Sent]) -> List[str]:
    """Problems with one conversation's stored events (none: it is as the client saw it).

    - its user events are exactly the answered messages, in the order sent, each once (by
      message_id and text); an unanswered message may be stored or not;
    - no event is stored twice (same type, timestamp and data), consecutive or not;
    - the assistant's texts after each user event are the replies that message got.
    """
    problems: List[str] = []
    rows = sorted(rows, key=lambda row: row.id)
    unanswered = {REST_PREFIX + message.message_id for message in sent if message.reply_texts is None}
    users = [(row, row.event) for row in rows if row.type_name == "user"]
    stored_ids = Counter(event.get("message_id") for _, event in users)
    for message_id, count in stored_ids.items():
        if count > 1:
            problems.append(f"{sender}: user message {message_id} stored {count} times")
    expected = [(REST_PREFIX + m.message_id, m.text) for m in sent if m.reply_texts is not None]
    stored = [(event.get("message_id"), event.get("text")) for _, event in users
              if event.get("message_id") not in unanswered]
    if stored != expected:
        problems.append(f"{sender}: user turns stored {stored} but sent {expected}")
    copies = Counter((row.type_name, row.timestamp, row.data) for row in rows)
    for (type_name, timestamp, _), count in copies.items():
        if count > 1:
            problems.append(f"{sender}: a '{type_name}' event at {timestamp} is stored {count} times")
    replies = bot_texts_after_each_user_event(rows)
    for message in sent:
        key = REST_PREFIX + message.message_id
        if message.reply_texts is not None and key in replies and replies[key] != list(message.reply_texts):
            problems.append(f"{sender}: {message.message_id} got {list(message.reply_texts)} "
                            f"but the tracker holds {replies[key]}")
    return problems


def bot_texts_after_each_user_event(rows: Sequence[EventRow]) -> Dict[str, List[str]]:
    """message_id of each user event -> the texts of the bot events up to the next user event."""
    replies: Dict[str, List[str]] = {}
    current: Optional[List[str]] = None
    for row in sorted(rows, key=lambda r: r.id):
        if row.type_name == "user":
            current = replies.setdefault(row.event.get("message_id") or f"#{row.id}", [])
        elif row.type_name == "bot" and current is not None:
            text = row.event.get("text")
            if text:
                current.append(text)
    return replies


def check_bookings(rows: Iterable[Tuple[str, Optional[str]]], references: Dict[str, Optional[str]]) -> List[str]:
    """Problems with the stored bookings: `rows` are (reference, conversation_id); `references`
    maps each booking conversation to the reference its last reply gave (None: none given).

    Each booking conversation has exactly one row, with the reference it was told; no other
    conversation has a row.
    """
    problems: List[str] = []
    by_conversation: Dict[Optional[str], List[str]] = defaultdict(list)
    for reference, conversation_id in rows:
        by_conversation[conversation_id].append(reference)
    for sender, told in sorted(references.items()):
        stored = by_conversation.get(sender, [])
        if told is None:
            problems.append(f"{sender}: no reference in the last reply (stored: {stored})")
        elif len(stored) != 1:
            problems.append(f"{sender}: {len(stored)} bookings stored {stored}, told {told}")
        elif stored[0] != told:
            problems.append(f"{sender}: stored {stored[0]} but told {told}")
    for conversation_id, stored in sorted(by_conversation.items(), key=lambda item: str(item[0])):
        if conversation_id not in references:
            problems.append(f"{conversation_id}: bookings {stored} from a conversation that booked nothing")
    return problems


def answered_after(messages: Sequence, kill_at: float) -> Tuple[int, int]:
    """(answered, sent) among the messages sent after the kill (answered: a non-empty reply)."""
    after = [message for message in messages if message.sent_at >= kill_at]
    return sum(1 for message in after if message.answered), len(after)


def nginx_retries(access_log_lines: Iterable[str], path: str = "/webhooks/rest/webhook") -> int:
    """How many requests to `path` nginx passed on to a second server (its `$upstream_addr` lists two)."""
    count = 0
    for line in access_log_lines:
        parts = line.split('"')
        if len(parts) >= 5 and parts[-1].strip() == path and "," in parts[1]:
            count += 1
    return count


# -- SQL -------------------------------------------------------------------------------------------
def read_events(database_url: str, senders: Sequence[str]) -> Dict[str, List[EventRow]]:
    import psycopg2

    found: Dict[str, List[EventRow]] = {sender: [] for sender in senders}
    with psycopg2.connect(database_url, connect_timeout=10) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
            "WHERE sender_id = ANY(%s) ORDER BY id", (list(senders),))
        for row in cursor.fetchall():
            found[row[1]].append(EventRow(*row))
    connection.close()
    return found


def read_bookings(database_url: str) -> List[Tuple[str, Optional[str]]]:
    import psycopg2

    with psycopg2.connect(database_url, connect_timeout=10) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT reference, conversation_id FROM bookings ORDER BY id")
        rows = [(reference, conversation_id) for reference, conversation_id in cursor.fetchall()]
    connection.close()
    return rows
