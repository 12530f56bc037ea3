"""The console's side of a person taking over a chat: the requests for a person (core/handover.py) and the
Rasa server's hand-over routes (channels/handover.py), which speak in the conversation.

The database decides who has a chat (one conditional UPDATE per change); Rasa is then told, so the patient
sees who joined, what they write, and that they left. A member of staff may reply to and hand back only a chat
they hold.
"""

import asyncio
import datetime as dt
import os
from typing import Any, Dict, Optional

import aiohttp
from sqlalchemy.engine import Engine

RASA_URL_VARIABLE = "RASA_URL"
TOKEN_VARIABLE = "HANDOVER_TOKEN"
DEFAULT_RASA_URL = "http://127.0.0.1:5005"
ROUTE = "/webhooks/handover"


class RasaUnavailable(Exception):
    """The Rasa server did not take the hand-over message (down, or the token is wrong)."""


def display_name(account: str) -> str:
    """How the patient sees a member of staff: their account name, capitalised ("anna" -> "Anna")."""
    return account[:1].upper() + account[1:]


class RasaHandover:
    """Calls the Rasa server's hand-over routes with the shared token."""

    def __init__(self, url: Optional[str] = None, token: Optional[str] = None, timeout: float = 10.0) -> None:
        self.url = (url or os.environ.get(RASA_URL_VARIABLE) or DEFAULT_RASA_URL).rstrip("/") + ROUTE
        self.token = token if token is not None else os.environ.get(TOKEN_VARIABLE)
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    async def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            async with aiohttp.ClientSession(timeout=self.timeout) as session:
                async with session.request(method, self.url + path, json=body, headers=headers) as reply:
                    if reply.status >= 400:
                        raise RasaUnavailable(f"the Rasa server answered {reply.status}")
                    return await reply.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise RasaUnavailable(type(error).__name__) from error

    async def transcript(self, conversation_id: str) -> Dict[str, Any]:
        return await self._call("GET", f"/transcript/{conversation_id}")

    async def join(self, conversation_id: str, account: str) -> None:
        await self._call("POST", "/join", {"conversation_id": conversation_id, "staff_name": display_name(account)})

    async def message(self, conversation_id: str, account: str, text: str) -> None:
        body = {"conversation_id": conversation_id, "staff_name": display_name(account), "text": text}
        await self._call("POST", "/message", body)

    async def leave(self, conversation_id: str, account: str) -> None:
        await self._call("POST", "/leave", {"conversation_id": conversation_id, "staff_name": display_name(account)})


def waiting_for(request: Dict[str, Any], now: dt.datetime) -> str:
    """How long a request has waited, in words ("2 min")."""
    seconds = max(0, int((now - request["requested_at"]).total_seconds()))
    return f"{seconds // 60} min" if seconds >= 60 else f"{seconds} s"


def run(engine: Engine, function, *args):
    """A database call off the event loop."""
    return asyncio.get_running_loop().run_in_executor(None, function, engine, *args)
