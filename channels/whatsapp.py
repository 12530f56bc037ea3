"""WhatsApp (Business Cloud API), at `/webhooks/whatsapp/webhook`.

- `GET` answers Meta's verification handshake: `hub.mode=subscribe` with
  `hub.verify_token` equal to `WHATSAPP_VERIFY_TOKEN` gets `hub.challenge` back.
- Every `POST` must carry `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw
  body with WHATSAPP_APP_SECRET>`; anything else is refused (403) before it is read.
- Text, reply-button and list replies become messages (a reply as its payload);
  status callbacks (sent, delivered, read) are acknowledged and ignored; a message
  delivered twice (same message id) is handled once; each sender's rate and the
  length of a message are limited (channels/guard.py's `ChannelGuard`, as on every
  channel; no per-address limit: Meta's servers post every message).
- Replies go to `{WHATSAPP_API_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages` with
  `WHATSAPP_ACCESS_TOKEN`. Up to 3 buttons become reply buttons (titles cut to
  WhatsApp's 20 characters); more become a list message.

Settings come from the environment (or the same keys in credentials.yml). Without
`WHATSAPP_ACCESS_TOKEN` the channel is off: its webhook routes do not exist.
"""

import hashlib
import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, Iterator, List, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import MAX_REPLY_CHARS, ButtonsOnce, post_json, setting
from channels.guard import ChannelGuard
from channels.history import SHOWN_KEY
from core.auth import same_secret

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://graph.facebook.com/v21.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
SENDER_PREFIX = "whatsapp:"
MAX_REPLY_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_LIST_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_INTERACTIVE_BODY = 1024
MAX_PAYLOAD = 256
DEFAULT_LIST_BUTTON = "Options"


def sender_id(wa_id: Any) -> Text:
    return f"{SENDER_PREFIX}{wa_id}"


def wa_id_of(recipient_id: Text) -> Text:
    return recipient_id[len(SENDER_PREFIX) :] if recipient_id.startswith(SENDER_PREFIX) else recipient_id


def valid_signature(body: bytes, header: Optional[Text], app_secret: Optional[Text]) -> bool:
    if not header or not app_secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return same_secret(header[len("sha256=") :], expected)


def incoming_messages(
    payload: Any, phone_number_id: Optional[Text]
) -> Iterator[Tuple[Text, Text, Text, Dict[Text, Any]]]:
    """(sender wa_id, message id, text, metadata) of each message for our number; statuses skipped."""
    if not isinstance(payload, dict):
        return
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            number = (value.get("metadata") or {}).get("phone_number_id")
            if phone_number_id and number and str(number) != str(phone_number_id):
                continue  # another number's traffic
            for message in value.get("messages") or []:
                parsed = parse_message(message)
                if parsed:
                    yield parsed


def parse_message(message: Any) -> Optional[Tuple[Text, Text, Text, Dict[Text, Any]]]:
    if not isinstance(message, dict) or not message.get("from") or not message.get("id"):
        return None
    kind = message.get("type")
    text, shown = None, None
    if kind == "text":
        text = (message.get("text") or {}).get("body")
    elif kind == "interactive":
        interactive = message.get("interactive") or {}
        reply = interactive.get("button_reply") or interactive.get("list_reply") or {}
        text, shown = reply.get("id"), reply.get("title")
    elif kind == "button":  # a template's quick reply
        button = message.get("button") or {}
        text, shown = button.get("payload"), button.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    metadata = {SHOWN_KEY: shown} if isinstance(shown, str) else {}
    return str(message["from"]), str(message["id"]), text, metadata


def cut(text: Text, limit: int) -> Text:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def interactive_message(text: Text, buttons: List[Dict[Text, Any]], list_button: Text) -> Dict[Text, Any]:
    """Reply buttons for up to 3 buttons, a list message for more."""
    body = {"text": cut(text, MAX_INTERACTIVE_BODY)}
    options = [(str(b.get("payload") or b.get("title", ""))[:MAX_PAYLOAD], str(b.get("title", ""))) for b in buttons]
    if len(options) <= MAX_REPLY_BUTTONS:
        return {
            "type": "button",
            "body": body,
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": payload, "title": cut(title, MAX_BUTTON_TITLE)}}
                    for payload, title in options
                ]
            },
        }
    rows = []
    for payload, title in options[:MAX_LIST_ROWS]:
        row = {"id": payload, "title": cut(title, MAX_ROW_TITLE)}
        if len(title) > MAX_ROW_TITLE:
            row["description"] = cut(title, MAX_ROW_DESCRIPTION)
        rows.append(row)
    if len(options) > MAX_LIST_ROWS:
        logger.warning("%d buttons: WhatsApp lists show %d", len(options), MAX_LIST_ROWS)
    return {
        "type": "list",
        "body": body,
        "action": {"button": cut(list_button, MAX_BUTTON_TITLE), "sections": [{"rows": rows}]},
    }


class WhatsAppOutput(ButtonsOnce, OutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    # the ids are set whenever the channel is enabled (WhatsAppInput.enabled); None only for a disabled one
    def __init__(
        self, api_url: Text, phone_number_id: Optional[Text], access_token: Optional[Text], list_button: Text
    ) -> None:
        self.url = f"{api_url.rstrip('/')}/{phone_number_id}/messages"
        self.headers = {"Authorization": f"Bearer {access_token}"}
        self.list_button = list_button

    async def send(self, recipient_id: Text, kind: Text, content: Dict[Text, Any]) -> None:
        await post_json(
            self.url,
            {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": wa_id_of(recipient_id),
                "type": kind,
                kind: content,
            },
            headers=self.headers,
        )

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send(recipient_id, "text", {"body": text[:MAX_REPLY_CHARS], "preview_url": False})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        if len(text) > MAX_INTERACTIVE_BODY:  # the body of a button message is short: send the text first
            head, _, tail = text.rpartition("\n\n")
            if head and len(tail) <= MAX_INTERACTIVE_BODY:
                await self.send_text_message(recipient_id, head)
                text = tail
        await self.send(recipient_id, "interactive", interactive_message(text, buttons, self.list_button))

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)


class WhatsAppInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(
            access_token=setting(credentials, "WHATSAPP_ACCESS_TOKEN"),
            app_secret=setting(credentials, "WHATSAPP_APP_SECRET"),
            verify_token=setting(credentials, "WHATSAPP_VERIFY_TOKEN"),
            phone_number_id=setting(credentials, "WHATSAPP_PHONE_NUMBER_ID"),
            api_url=setting(credentials, "WHATSAPP_API_URL", DEFAULT_API_URL),
            list_button=setting(credentials, "WHATSAPP_LIST_BUTTON", DEFAULT_LIST_BUTTON),
        )

    def __init__(
        self,
        access_token: Optional[Text],
        app_secret: Optional[Text],
        verify_token: Optional[Text],
        phone_number_id: Optional[Text],
        api_url: Text = DEFAULT_API_URL,
        list_button: Text = DEFAULT_LIST_BUTTON,
    ) -> None:
        self.access_token = access_token
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.phone_number_id = phone_number_id
        self.api_url = api_url
        self.list_button = list_button
        self.guard = ChannelGuard(by_address=False)  # Meta's servers post every message
        if access_token and not (app_secret and verify_token and phone_number_id):
            logger.error("WhatsApp needs WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN and WHATSAPP_PHONE_NUMBER_ID")

    @property
    def enabled(self) -> bool:
        return bool(self.access_token and self.phone_number_id)

    def get_output_channel(self) -> Optional[OutputChannel]:
        if not self.enabled:
            return None
        return WhatsAppOutput(self.api_url, self.phone_number_id, self.access_token, self.list_button)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_whatsapp_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "off"})

        if not self.enabled:
            logger.info("WhatsApp is off: WHATSAPP_ACCESS_TOKEN or WHATSAPP_PHONE_NUMBER_ID is not set")
            return webhook

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            args = request.args
            if args.get("hub.mode") == "subscribe" and same_secret(args.get("hub.verify_token"), self.verify_token):
                return response.text(args.get("hub.challenge", ""))
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not valid_signature(request.body, request.headers.get(SIGNATURE_HEADER), self.app_secret):
                return response.json({"error": "forbidden"}, status=403)
            try:
                payload = request.json
            except Exception:  # noqa: BLE001 - Sanic raises its own error for bad JSON
                return response.json({"error": "bad request"}, status=400)
            agent = getattr(request.app.ctx, "agent", None)
            tracker_store = agent.tracker_store if agent is not None else None
            output = WhatsAppOutput(self.api_url, self.phone_number_id, self.access_token, self.list_button)
            for wa_id, message_id, text, metadata in incoming_messages(payload, self.phone_number_id):
                await self.guard.take(
                    text,
                    sender_id(wa_id),
                    output,
                    on_new_message,
                    request.app,
                    input_channel=self.name(),
                    metadata=metadata,
                    message_id=message_id,
                    tracker_store=tracker_store,
                )
            return response.json({"status": "ok"})  # statuses and anything else: acknowledged

        return webhook
