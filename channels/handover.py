"""A person from the clinic in the patient's chat: the Rasa server's side of the hand-over.

The patient asks for a person and the action server pauses the conversation (actions/handover.py); from then on
Rasa keeps the patient's messages and answers none. This channel, at /webhooks/handover/, is how the staff
console (console/chats.py) speaks in that conversation. It is for the console only, server to server: every
route needs `Authorization: Bearer $HANDOVER_TOKEN`, and without the token set the routes answer 503.

- `POST /join` {conversation_id, staff_name}: the patient is told who has joined.
- `POST /message` {conversation_id, staff_name, text}: the member of staff's words reach the patient.
- `POST /leave` {conversation_id, staff_name}: the conversation resumes (`ConversationResumed`), the
  patient is told that the assistant answers again, and the assistant listens (`action_listen`: Rasa logged
  the paused turns' messages with no action after them, and the next message must follow a listen for the
  rules to read it as a new turn).
- `GET /transcript/<conversation_id>`: the conversation so far, both sides, for the console.

Each message goes out on the patient's own channel (the tracker's latest input channel: the widget's socket,
Telegram or WhatsApp) and is stored in the conversation as the assistant's (`BotUttered`, with the member of
staff's name in its metadata), under the conversation's lock, so a reload of the widget shows it. With several
Rasa replicas, the widget's socket may be held by another replica than the one the console reached: the
socket.io server then delivers through Redis (channels/socketio.py, `SOCKETIO_REDIS_URL`).

Two things happen here without the console:

- **Nobody takes it.** Every few seconds each replica marks the requests nobody took within clinic.yml's
  `handover_wait_seconds` as unanswered (core/handover.py: one replica wins each) and, for each one it won,
  resumes the conversation and gives the patient the clinic's details and the offer of a call back.
- **Safety still holds.** While the conversation is paused, a message in crisis (the NLU's `distress`) or
  naming an emergency or an urgent sign (components/triage.py) gets its answer at once, as it would without
  the hand-over, and the request is flagged for the member of staff (`answer_while_paused`, which
  channels/answer.py calls when Rasa sent nothing).
"""

import asyncio
import datetime as dt
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    ConversationResumed,
    Event,
    SessionStarted,
    UserUttered,
)
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.history import shown_text
from core import handover
from core.auth import bearer_ok
from core.database import BookingStore
from core.settings import bookings_database_url, clinic, now

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "HANDOVER_TOKEN"
STAFF_KEY = "staff"  # BotUttered metadata: the name of the member of staff who wrote it
SAFETY_KEY = "safety"  # BotUttered metadata: a safety answer given while a person had the chat
SWEEP_SECONDS = 2.0
MAX_STAFF_MESSAGE_CHARS = 2000
# the answers given at once while a person has the chat: the NLU's crisis intent, and the triage's levels
CRISIS_INTENT = "distress"
CRISIS_RESPONSE = "utter_distress"
LEVEL_RESPONSES = {"emergency": "utter_faq/emergency", "urgent": "utter_faq/urgent"}
CLOSED_VARIANT = "_closed"  # as actions/answers.py: the out-of-hours route while the clinic is closed


class HandoverError(Exception):
    """A hand-over message that cannot be delivered: no such conversation, or no channel to reach it on."""


def output_for(app: Any, channel_name: Optional[Text]) -> Optional[OutputChannel]:
    """The output channel of the registered input channel of that name (as Rasa's own API finds one)."""
    for channel in getattr(app.ctx, "input_channels", None) or []:
        if channel.name() == channel_name:
            return channel.get_output_channel()
    return None


async def speak(
    app: Any,
    conversation_id: Text,
    response_name: Optional[Text] = None,
    text: Optional[Text] = None,
    staff_name: Optional[Text] = None,
    before: Optional[List[Event]] = None,
    after: Optional[List[Event]] = None,
    metadata: Optional[Dict[Text, Any]] = None,
) -> None:
    """Store a message in the conversation (a response of domain.yml, or a member of staff's text) with the
    events before and after it, under the conversation's lock; then send it on the patient's channel."""
    agent = app.ctx.agent
    async with agent.lock_store.lock(conversation_id):
        tracker = await agent.tracker_store.retrieve(conversation_id)
        if tracker is None:
            raise HandoverError("no such conversation")
        output = output_for(app, tracker.get_latest_input_channel())
        if output is None:
            raise HandoverError("the conversation's channel cannot be reached")
        for event in before or []:
            tracker.update(event)
        if response_name:
            message = await agent.nlg.generate(response_name, tracker, output.name(), staff_name=staff_name) or {}
        else:
            message = {"text": text}
        stored = dict(metadata or {})
        if response_name:
            stored["utter_action"] = response_name  # as Rasa stores a response (stores/tracker_store.py reads it)
        else:
            stored[STAFF_KEY] = staff_name  # the member of staff's own words
        tracker.update(
            BotUttered(message.get("text"), data={"buttons": message.get("buttons")}, metadata=stored or None)
        )
        for event in after or []:
            tracker.update(event)
        await agent.tracker_store.save(tracker)
    await output.send_response(conversation_id, message)


def transcript(events: List[Event]) -> List[Dict[Text, Any]]:
    """The latest session as the console shows it: who said what, and which messages came in crisis."""
    starts = [index for index, event in enumerate(events) if isinstance(event, SessionStarted)]
    items: List[Dict[Text, Any]] = []
    for event in events[starts[-1] :] if starts else events:
        if isinstance(event, UserUttered):
            text = shown_text(event)
            if text:
                items.append({"from": "patient", "text": text, "flagged": in_crisis(event.parse_data) is not None})
        elif isinstance(event, BotUttered):
            metadata = event.metadata or {}
            if metadata.get(STAFF_KEY):
                items.append({"from": "staff", "name": metadata[STAFF_KEY], "text": event.text or ""})
            else:
                items.append({"from": "assistant", "text": event.text or "", "safety": bool(metadata.get(SAFETY_KEY))})
    return items


def in_crisis(parse_data: Optional[Dict[Text, Any]]) -> Optional[Text]:
    """The response that a message must get at once, even while a person has the chat; None for the others."""
    parse_data = parse_data or {}
    if (parse_data.get("intent") or {}).get("name") == CRISIS_INTENT:
        return CRISIS_RESPONSE
    return LEVEL_RESPONSES.get(str((parse_data.get("triage") or {}).get("level")))


async def answer_while_paused(app: Any, sender_id: Text) -> bool:
    """Called when Rasa sent nothing for a message: True when that is because a person has (or is asked to
    take) the chat, after giving a message in crisis its answer and flagging the request."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    if agent is None or agent.tracker_store is None:
        return False
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None or not tracker.is_paused():
        return False
    answer = in_crisis(tracker.latest_message.parse_data if tracker.latest_message else None)
    if answer is None:
        return True  # the person from the clinic answers; the assistant says nothing
    domain_responses = agent.domain.responses if agent.domain else {}
    if answer + CLOSED_VARIANT in domain_responses and not clinic().is_open(now()):
        answer += CLOSED_VARIANT
    await speak(app, sender_id, response_name=answer, metadata={SAFETY_KEY: True})
    store = getattr(app.ctx, "handover_store", None)
    if store is not None:
        await asyncio.get_running_loop().run_in_executor(None, handover.flag, store.engine, sender_id)
    logger.warning("a message in crisis while a person has the chat: answered, and flagged for the staff")
    return True


async def sweep(app: Any, store: BookingStore) -> None:
    """Give the requests nobody took in time the clinic's details and the call-back offer, until stopped."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        try:
            wait = clinic().console.handover_wait_seconds
            due = await loop.run_in_executor(None, handover.unanswered, store.engine, dt.timedelta(seconds=wait))
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - the next pass tries again
            logger.error("the hand-over sweep failed: %s", type(error).__name__)
            continue
        for request in due:  # each one marked unanswered by this pass: one that fails keeps none of the others back
            try:
                await speak(
                    app,
                    request["conversation_id"],
                    response_name="utter_handover_unanswered",
                    before=[ConversationResumed()],
                    after=[ActionExecuted(ACTION_LISTEN_NAME)],
                )
                logger.info("a request for a person was not taken in time: the patient was offered a call back")
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001
                logger.error("could not tell a patient that nobody took the chat: %s", type(error).__name__)


class HandoverInput(InputChannel):
    """The console's way into a paused conversation (see above)."""

    @classmethod
    def name(cls) -> Text:
        return "handover"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(os.environ.get(TOKEN_VARIABLE))

    def __init__(self, token: Optional[Text]) -> None:
        self.token = token

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_handover", __name__)

        @webhook.listener("after_server_start")
        async def start(app: Any, _loop: Any) -> None:
            app.ctx.handover_store = None
            if not self.token:
                logger.info("hand-over to a person is off: %s is not set", TOKEN_VARIABLE)
                return
            store = BookingStore(bookings_database_url())
            app.ctx.handover_store = store
            app.ctx.handover_sweep = asyncio.ensure_future(sweep(app, store))

        @webhook.listener("before_server_stop")
        async def stop(app: Any, _loop: Any) -> None:
            task = getattr(app.ctx, "handover_sweep", None)
            if task is not None:
                task.cancel()
            store = getattr(app.ctx, "handover_store", None)
            if store is not None:
                store.dispose()

        def refused(request: Request) -> Optional[HTTPResponse]:
            if not self.token:
                return response.json({"error": "hand-over is off"}, status=503)
            if not bearer_ok(request.headers.get("Authorization"), self.token):
                logger.warning("refused a hand-over request without the console's token")
                return response.json({"error": "unauthorised"}, status=401)
            return None

        def read(request: Request, *names: Text) -> Union[HTTPResponse, Dict[Text, Text]]:
            """The request's fields, each a non-empty string; or the refusal to answer with."""
            refusal = refused(request)
            if refusal is not None:
                return refusal
            body = request.json if isinstance(request.json, dict) else {}
            values = {name: body.get(name) for name in names}
            if not all(isinstance(value, str) and value.strip() for value in values.values()):
                return response.json({"error": f"{', '.join(names)} are needed"}, status=400)
            return values  # type: ignore[return-value]

        async def delivered(action: Awaitable[None]) -> HTTPResponse:
            try:
                await action
            except HandoverError as error:
                return response.json({"error": str(error)}, status=404)
            return response.json({"status": "sent"})

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.token else "off"})

        @webhook.route("/join", methods=["POST"])
        async def join(request: Request) -> HTTPResponse:
            values = read(request, "conversation_id", "staff_name")
            if isinstance(values, HTTPResponse):
                return values
            return await delivered(
                speak(request.app, values["conversation_id"], "utter_staff_joined", staff_name=values["staff_name"])
            )

        @webhook.route("/message", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            values = read(request, "conversation_id", "staff_name", "text")
            if isinstance(values, HTTPResponse):
                return values
            text = values["text"].strip()[:MAX_STAFF_MESSAGE_CHARS]
            return await delivered(
                speak(request.app, values["conversation_id"], text=text, staff_name=values["staff_name"])
            )

        @webhook.route("/leave", methods=["POST"])
        async def leave(request: Request) -> HTTPResponse:
            values = read(request, "conversation_id", "staff_name")
            if isinstance(values, HTTPResponse):
                return values
            return await delivered(
                speak(
                    request.app,
                    values["conversation_id"],
                    "utter_staff_left",
                    staff_name=values["staff_name"],
                    before=[ConversationResumed()],
                    after=[ActionExecuted(ACTION_LISTEN_NAME)],
                )
            )

        @webhook.route("/transcript/<conversation_id>", methods=["GET"])
        async def conversation(request: Request, conversation_id: Text) -> HTTPResponse:
            refusal = refused(request)
            if refusal is not None:
                return refusal
            tracker = await request.app.ctx.agent.tracker_store.retrieve_full_tracker(conversation_id)
            if tracker is None:
                return response.json({"error": "no such conversation"}, status=404)
            return response.json(
                {
                    "paused": tracker.is_paused(),
                    "channel": tracker.get_latest_input_channel(),
                    "messages": transcript(list(tracker.events)),
                }
            )

        return webhook
