"""The website widget's channel: Rasa's socket.io protocol, with the conversation kept across pages.

It speaks the protocol of Rasa's own `socketio` channel (`session_request`,
`session_confirm`, `user_uttered`, `bot_uttered`) and serves the same path, so a
client written for Rasa works. What it adds:

- **History.** `session_request` with a known session id answers with
  `session_history`: what the person saw so far, read from the tracker store.
  So a reload or another page of the clinic's site shows the same conversation.
- **One socket, one session.** A socket may only speak in the session it asked
  for. Rasa's channel takes the `session_id` from every message, so any client
  could speak in any conversation; here a message is always filed under the
  session bound to its socket. Session ids are 128-bit random hex, made by the
  server when the client has none (or sends one that is not of that form).
- **Typing.** `bot_typing` `{"typing": true}` before the assistant works on a
  message and `false` after, so the widget can show a typing indicator.
- **Limits.** A flood from one session or one client address gets `rate_limited`
  instead of answers; a message over 2,000 characters is answered with
  `utter_message_too_long` and not processed (channels/guard.py's `ChannelGuard`,
  as on every channel). The address is the socket's first request's, as Sanic
  resolves it (`SANIC_PROXIES_COUNT` behind a proxy).
- **No error when a socket closes.** The engine.io route is one Sanic knows may
  end as a websocket (`EngineIOBlueprint`).
- **Several replicas.** With `SOCKETIO_REDIS_URL` set (production, the scale stack), messages for a socket
  go through Redis (python-socketio's `AsyncRedisManager`), so any replica can reach a socket another one
  holds: a member of staff's reply (channels/handover.py) arrives wherever the patient's socket is.
- **Allowed origins.** `cors_allowed_origins` in credentials.yml, or the
  environment's `SOCKETIO_ORIGINS` (comma-separated), limits which sites' pages may
  connect: a browser's Origin header must be one of them. Unset, any may (Rasa's
  default); set it in production.
"""

import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncRedisManager, AsyncServer

from channels.common import ButtonsOnce
from channels.guard import ChannelGuard, Outcome, client_address
from channels.history import SHOWN_KEY, latest_session, stored_events, visible_history

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
REDIS_VARIABLE = "SOCKETIO_REDIS_URL"


class ClinicSocketIOOutput(ButtonsOnce, SocketIOOutput):
    """A reply to the widget, each button offered once in it, as on every channel (channels/common.py)."""


def new_session_id() -> Text:
    return uuid.uuid4().hex


def session_id_from(data: Any) -> Text:
    """The client's session id when it is one of ours in form, else a new one."""
    asked = data.get("session_id") if isinstance(data, dict) else None
    if isinstance(asked, str) and SESSION_ID.match(asked):
        return asked
    return new_session_id()


def shown_title(data: Dict[Text, Any]) -> Optional[Text]:
    """The button title the widget showed for a payload it sent, if any (as text, bounded)."""
    shown = data.get(SHOWN_KEY)
    return shown[:200] if isinstance(shown, str) and shown.strip() else None


class EngineIOBlueprint(SocketBlueprint):
    """Rasa's SocketBlueprint, with the engine.io route marked as one that may become a websocket.

    python-engineio's Sanic driver (`engineio/async_drivers/sanic.py`, `create_route`) adds
    `handle_request` as a plain HTTP route. A websocket request stays inside that handler for as
    long as the socket is open and returns None when it closes: it answered with the websocket
    handshake, not with an HTTPResponse. Sanic 21.12 (`Sanic.handle_request`) accepts None only from
    a handler marked `is_websocket`, as its own websocket routes are; from any other it raises
    `ServerError("Invalid response type None (need HTTPResponse)")` and logs the traceback, once for
    every widget that goes away. So the route is added here, as `create_route` adds it, with the mark.
    """

    def register(self, app: Sanic, options: Dict[Text, Any]) -> None:
        engineio = self.ctx.sio.eio

        async def engineio_request(request: Request) -> Optional[HTTPResponse]:
            return await engineio.handle_request(request)  # None once a websocket it carried has closed

        engineio_request.is_websocket = True  # type: ignore[attr-defined]
        app.add_route(engineio_request, f"/{self.ctx.socketio_path.strip('/')}/", methods=["GET", "POST", "OPTIONS"])
        app.enable_websocket()
        Blueprint.register(self, app, options)  # its own routes; not SocketBlueprint's, which adds engineio's


class ClinicSocketIOInput(InputChannel):
    """Rasa's socket.io protocol with history, sessions bound to sockets, and a typing signal."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        origins = credentials.get("cors_allowed_origins") or os.environ.get("SOCKETIO_ORIGINS") or []
        if isinstance(origins, str):
            origins = [origin.strip() for origin in origins.split(",") if origin.strip()]
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            cors_allowed_origins=origins,
        )

    def __init__(
        self,
        user_message_evt: Text = "user_uttered",
        bot_message_evt: Text = "bot_uttered",
        socketio_path: Text = "/socket.io",
        cors_allowed_origins: Optional[List[Text]] = None,
    ) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.socketio_path = socketio_path
        self.cors_allowed_origins = list(cors_allowed_origins or [])
        self.sio: Optional[AsyncServer] = None
        self.app: Any = None
        self.sessions: Dict[Text, Text] = {}  # socket id -> the session it asked for
        self.addresses: Dict[Text, Text] = {}  # socket id -> the client's address
        self.guard = ChannelGuard(by_address=True)

    def origin_allowed(self, origin: Optional[Text]) -> bool:
        """A browser's page must come from an allowed site; a client that sends no Origin is no browser."""
        return not self.cors_allowed_origins or not origin or origin in self.cors_allowed_origins

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        return ClinicSocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None

    async def history(self, session_id: Text) -> List[Dict[Text, Any]]:
        agent = getattr(getattr(self.app, "ctx", None), "agent", None)
        if agent is None or agent.tracker_store is None:
            return []
        # the whole conversation: `retrieve` gives only the recent turns (stores/tracker_store.py)
        return visible_history(latest_session(await stored_events(agent.tracker_store, session_id)))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # python-socketio's own CORS handling stays off, as in Rasa: Rasa's --cors already adds
        # the CORS headers, and both together send two Access-Control-Allow-Origin headers,
        # which browsers refuse. The origin is checked in `connect` instead.
        # several replicas: a message for a socket held by another replica (a member of staff's reply that the
        # console sent to this one, channels/handover.py) goes through Redis; one process needs nothing
        redis_url = os.environ.get(REDIS_VARIABLE)
        manager = AsyncRedisManager(redis_url) if redis_url else None
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[], client_manager=manager)
        self.sio = sio
        webhook = EngineIOBlueprint(sio, self.socketio_path, "clinic_socketio_webhook", __name__)

        @webhook.listener("before_server_start")
        async def keep_app(app: Any, _loop: Any) -> None:
            self.app = app

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: Text, environ: Dict, _auth: Optional[Dict] = None) -> bool:
            if not self.origin_allowed(environ.get("HTTP_ORIGIN")):
                logger.warning("refused a socket.io connection from a page of another site")
                return False
            request = environ.get("sanic.request")  # engineio's own REMOTE_ADDR is always 127.0.0.1
            self.addresses[sid] = client_address(request) if request is not None else environ.get("REMOTE_ADDR", "")
            return True

        @sio.on("disconnect")
        async def disconnect(sid: Text) -> None:
            self.sessions.pop(sid, None)
            self.addresses.pop(sid, None)

        @sio.on("session_request")
        async def session_request(sid: Text, data: Any) -> None:
            previous = self.sessions.get(sid)
            if previous:
                sio.leave_room(sid, previous)
            session_id = session_id_from(data)
            self.sessions[sid] = session_id
            sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)
            history = await self.history(session_id)
            await sio.emit("session_history", {"session_id": session_id, "messages": history}, room=sid)

        @sio.on("*")
        async def refuse(event: Text, sid: Text, *_: Any) -> None:
            # a patient's socket speaks only the widget's protocol: whatever else it sends (the staff's own
            # events among them, which only the console sends, server to server: channels/handover.py) does nothing
            logger.warning("refused a socket.io event the widget does not send")
            await sio.emit("refused", {"event": str(event)[:64]}, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: Text, data: Any) -> None:
            session_id = self.sessions.get(sid)
            if session_id is None or not isinstance(data, dict):
                logger.warning("socket.io message before a session_request: ignored")
                return
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                return
            metadata: Dict[Text, Any] = {}
            shown = shown_title(data)
            if shown:
                metadata[SHOWN_KEY] = shown
            output = ClinicSocketIOOutput(sio, self.bot_message_evt)

            async def typing() -> None:
                await sio.emit("bot_typing", {"typing": True}, room=session_id)

            outcome: Optional[Outcome] = None
            try:
                outcome = await self.guard.take(
                    text,
                    session_id,
                    output,
                    on_new_message,
                    self.app,
                    input_channel=self.name(),
                    metadata=metadata,
                    address=self.addresses.get(sid),
                    before_handover=typing,
                )
            finally:
                if outcome is not Outcome.RATE_LIMITED:
                    await sio.emit("bot_typing", {"typing": False}, room=session_id)
            if outcome is Outcome.RATE_LIMITED:
                await sio.emit("rate_limited", {"retry": True}, room=sid)

        return webhook
