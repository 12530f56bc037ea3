"""What a person saw in a conversation, read back from the tracker store.

The widget shows this after a reload; Telegram and WhatsApp use `already_handled`
to answer a message that the platform delivers twice only once.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.shared.core.events import BotUttered, SessionStarted, UserUttered

SHOWN_KEY = "shown"  # metadata key: what the person saw for a button press (its title)


def latest_session(events: List[Any]) -> List[Any]:
    """The events from the latest session start on (all of them when there is none)."""
    events = list(events)
    starts = [index for index, event in enumerate(events) if isinstance(event, SessionStarted)]
    return events[starts[-1] :] if starts else events


def shown_text(event: UserUttered) -> Optional[Text]:
    """What the person saw of their own message: the button's title for a press; None for a payload sent
    without a title (the widget's opening `/greet`)."""
    shown = (event.metadata or {}).get(SHOWN_KEY)
    text = shown if isinstance(shown, str) else event.text
    return None if not text or (shown is None and text.startswith("/")) else text


def visible_history(events: List[Any], limit: int = 200) -> List[Dict[Text, Any]]:
    """The person's messages and the assistant's replies, oldest first, at most `limit`.

    A button press shows its title, as it did when it was pressed; a payload sent
    without a title (the widget's opening `/greet`) is not shown at all.
    """
    items: List[Dict[Text, Any]] = []
    for event in events:
        if isinstance(event, UserUttered):
            text = shown_text(event)
            if text:
                items.append({"from": "user", "text": text})
        elif isinstance(event, BotUttered):
            item: Dict[Text, Any] = {"from": "bot", "text": event.text or ""}
            buttons = (event.data or {}).get("buttons")
            if buttons:
                item["buttons"] = [{"title": b.get("title", ""), "payload": b.get("payload", "")} for b in buttons]
            items.append(item)
    return items[-limit:]


async def stored_events(tracker_store: Any, sender_id: Text) -> List[Any]:
    """Every stored event of the conversation, [] when there is none. One load: the store gives
    None for a conversation it does not hold, so no `exists` first (which loads it too)."""
    tracker = await tracker_store.retrieve_full_tracker(sender_id)
    return list(tracker.events) if tracker else []


async def already_handled(tracker_store: Any, sender_id: Text, message_id: Optional[Text]) -> bool:
    """Whether this conversation already holds a message with this platform message id."""
    if not message_id:
        return False
    return any(
        isinstance(e, UserUttered) and e.message_id == message_id for e in await stored_events(tracker_store, sender_id)
    )


def replies_to(events: List[Any], message_id: Optional[Text]) -> Optional[List[Dict[Text, Any]]]:
    """The assistant's messages that answered the user message with this id (REST's shape), or None."""
    if message_id is None:
        return None
    replies: Optional[List[Dict[Text, Any]]] = None
    for event in events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id:
                replies = []
        elif replies is not None and isinstance(event, BotUttered):
            reply: Dict[Text, Any] = {"text": event.text} if event.text else {}
            reply.update({key: value for key, value in (event.data or {}).items() if value})
            replies.append(reply)
    return replies
