"""Rasa's REST channel at its usual path, `/webhooks/rest/webhook`, for servers (not browsers).

It is for server-to-server use (the tests, a clinic's own back end); the website
uses the widget's socket.io channel. What it adds to Rasa's `RestInput`:

- with `REST_TOKEN` set, every POST needs `Authorization: Bearer <REST_TOKEN>` (401
  otherwise): set it whenever the port is reachable from outside the machine;
- a flood from one sender or one client address gets 429 instead of an answer;
- a message over 2,000 characters is answered politely and not processed;
- a `message_id` in the body makes the call idempotent: sent again (a client's or
  a load balancer's retry, at any replica), the message is not handled twice and
  the call answers with the replies it got the first time (409 while the first is
  still being handled).

Those three and the hand-over to Rasa are channels/guard.py's `ChannelGuard`, as on
every channel. Behind a proxy, the client address is the one the proxy reports only
when Sanic is told to trust it (`SANIC_PROXIES_COUNT`, see channels/guard.py).
"""

import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import ButtonsOnce
from channels.guard import ChannelGuard, Outcome, client_address
from channels.history import replies_to, stored_events
from core.auth import bearer_ok

logger = logging.getLogger(__name__)

__all__ = ["ClinicRestInput", "client_address"]


class ClinicCollectingOutput(ButtonsOnce, CollectingOutputChannel):
    """The REST reply's messages, each button offered once in it (channels/common.py)."""


class ClinicRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(token=credentials.get("token") or os.environ.get("REST_TOKEN") or None)

    def __init__(self, token: Optional[Text] = None) -> None:
        self.token = token
        self.guard = ChannelGuard(by_address=True)

    @staticmethod
    async def earlier_replies(request: Request, sender_id: Text, message_id: Optional[Text]) -> Optional[list]:
        found = replies_to(await stored_events(request.app.ctx.agent.tracker_store, sender_id), message_id)
        return [{"recipient_id": sender_id, **reply} for reply in found] if found is not None else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("clinic_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.token and not bearer_ok(request.headers.get("Authorization"), self.token):
                return response.json({"error": "unauthorised"}, status=401)
            payload = request.json if isinstance(request.json, dict) else {}
            sender_id, text = payload.get("sender"), payload.get("message")
            if not isinstance(sender_id, str) or not sender_id or not isinstance(text, str):
                return response.json({"error": "a JSON body with 'sender' and 'message' strings is needed"}, status=400)
            message_id = payload.get("message_id")
            if message_id is not None:
                if not isinstance(message_id, str) or not 0 < len(message_id) <= 128:
                    return response.json({"error": "'message_id' must be a string of 1 to 128 characters"}, status=400)
                message_id = f"rest-{message_id}"
            agent = getattr(request.app.ctx, "agent", None)
            collector = ClinicCollectingOutput()
            outcome = await self.guard.take(
                text,
                sender_id,
                collector,
                on_new_message,
                request.app,
                input_channel=self.name(),
                metadata=self.get_metadata(request),
                message_id=message_id,
                address=client_address(request),
                tracker_store=agent.tracker_store if agent is not None else None,
            )
            if outcome is Outcome.RATE_LIMITED:
                return response.json({"error": "too many messages, please slow down"}, status=429)
            if outcome is Outcome.DUPLICATE:
                earlier = await self.earlier_replies(request, sender_id, message_id)
                if earlier is not None:
                    return response.json(earlier)  # handled before (here, at another replica, before a restart)
                return response.json({"error": "this message is being handled"}, status=409)
            return response.json(collector.messages)

        return webhook
