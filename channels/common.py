"""What the messaging connectors share: settings from the environment, a once-only guard, HTTP calls."""

import asyncio
import logging
import os
from collections import OrderedDict
from typing import Any, Dict, Optional, Text, overload

import aiohttp
from rasa.core.channels.channel import OutputChannel

from core.auth import bearer_ok, same_secret  # noqa: F401 - moved to core/auth.py; still importable from here

logger = logging.getLogger(__name__)

API_TIMEOUT_S = 15
MAX_REPLY_CHARS = 4096  # what Telegram and WhatsApp take in one text message


@overload
def setting(credentials: Optional[Dict[Text, Any]], key: Text, default: Text) -> Text: ...
@overload
def setting(credentials: Optional[Dict[Text, Any]], key: Text, default: None = None) -> Optional[Text]: ...
def setting(credentials: Optional[Dict[Text, Any]], key: Text, default: Optional[Text] = None) -> Optional[Text]:
    """A setting from credentials.yml if given there, else from the environment variable of that name."""
    value = (credentials or {}).get(key)
    if value in (None, ""):
        value = os.environ.get(key, default)
    return value or default


class ButtonsOnce(OutputChannel):
    """An output channel that offers a button once in a reply: "does it hurt and how many sessions?" gets two answers
    that each offer "Book a consultation" (the play-tests found three in one reply). A connector makes one output
    channel for each message it takes, so what it has offered is what this reply has. The tracker keeps each message
    as the assistant said it."""

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        offered = self.__dict__.setdefault("_offered", set())
        for key in ("quick_replies", "buttons"):
            if message.get(key):
                kept = [button for button in message[key] if button.get("payload") not in offered]
                offered.update(button.get("payload") for button in message[key])
                message = {**message, key: kept}
        await super().send_response(recipient_id, message)


class OnceOnly:
    """Claims a platform message id so that a message delivered twice is handled once.

    An id is claimed in this process (a retry that arrives while the first delivery
    is still being handled is dropped) and checked against the conversation's
    tracker (a retry after a restart, or at another replica, is dropped too).
    """

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self.seen: "OrderedDict[Text, None]" = OrderedDict()
        self.lock = asyncio.Lock()

    async def claim(self, key: Text, tracker_store: Any = None, sender_id: Optional[Text] = None) -> bool:
        from channels.history import already_handled

        async with self.lock:
            if key in self.seen:
                return False
            self.seen[key] = None
            while len(self.seen) > self.size:
                self.seen.popitem(last=False)
        if tracker_store is not None and sender_id and await already_handled(tracker_store, sender_id, key):
            return False
        return True

    async def release(self, key: Text) -> None:
        """Give a claim back: its message was not handled after all, so a retry may try again."""
        async with self.lock:
            self.seen.pop(key, None)


async def post_json(url: Text, payload: Dict[Text, Any], headers: Optional[Dict[Text, Text]] = None) -> Dict:
    """POST JSON to a platform API; log (never raise) a failure, so one lost reply does not lose the turn."""
    try:
        timeout = aiohttp.ClientTimeout(total=API_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(url, json=payload, headers=headers) as reply:
                body = await reply.json(content_type=None)
                if reply.status >= 400:
                    logger.error("platform API %s answered %s: %s", url.split("/bot")[0], reply.status, body)
                return body or {}
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        logger.error("platform API call failed: %s", type(error).__name__)
        return {}
