"""Telegram, at Rasa's usual path `/webhooks/telegram/webhook`.

Rasa 3.6's own Telegram channel checks no secret, calls `getMe` on every update
and registers the webhook each time the server starts. This one:

- refuses (403) any update without Telegram's `X-Telegram-Bot-Api-Secret-Token`
  header equal to `TELEGRAM_SECRET_TOKEN`, before reading it;
- calls the Bot API only to reply (`sendMessage`, `answerCallbackQuery`);
- leaves the webhook to `make telegram-webhook` (ops/telegram_webhook.py),
  which registers it once, with the secret;
- turns buttons into inline keyboards and handles a press as the button's payload;
- handles an update that Telegram sends again (same `update_id`) once;
- limits each chat's rate and the length of a message (channels/guard.py's
  `ChannelGuard`, as on every channel; no per-address limit: Telegram's servers
  post every update).

Settings come from the environment (or the same keys in credentials.yml):
`TELEGRAM_TOKEN`, `TELEGRAM_SECRET_TOKEN`, `TELEGRAM_WEBHOOK_URL` (for the make
target) and `TELEGRAM_API_URL` (default Telegram's own; the tests use a fake).
Without `TELEGRAM_TOKEN` the channel is off: its webhook route does not exist.
"""

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import MAX_REPLY_CHARS, ButtonsOnce, post_json, setting
from channels.guard import ChannelGuard, Outcome
from channels.history import SHOWN_KEY
from core.auth import same_secret

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SENDER_PREFIX = "telegram:"
START_COMMAND = "/start"  # what Telegram sends when a person opens the bot
GREET_PAYLOAD = "/greet"
MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data


def sender_id(chat_id: Any) -> Text:
    return f"{SENDER_PREFIX}{chat_id}"


def chat_id_of(recipient_id: Text) -> Text:
    return recipient_id[len(SENDER_PREFIX) :] if recipient_id.startswith(SENDER_PREFIX) else recipient_id


def inline_keyboard(buttons: List[Dict[Text, Any]]) -> Dict[Text, Any]:
    """One button per row (the titles are sentences); the payload travels as callback_data."""
    rows = []
    for button in buttons:
        payload = str(button.get("payload") or button.get("title", ""))
        if len(payload.encode()) > MAX_CALLBACK_BYTES:
            logger.warning("a button payload is over Telegram's 64 bytes; its title is sent instead")
            payload = str(button.get("title", ""))[:MAX_CALLBACK_BYTES]
        rows.append([{"text": str(button.get("title", "")), "callback_data": payload}])
    return {"inline_keyboard": rows}


def parse_update(update: Any) -> Optional[Tuple[Text, Text, Dict[Text, Any], Optional[Text]]]:
    """(chat id, text, metadata, callback query id) of an update we answer, or None.

    A text message is taken as typed (`/start` as the greeting); a button press
    as its payload, with the button's title kept as what the person saw.
    """
    if not isinstance(update, dict):
        return None
    callback = update.get("callback_query")
    if isinstance(callback, dict):
        chat = ((callback.get("message") or {}).get("chat") or {}).get("id")
        data = callback.get("data")
        if chat is None or not isinstance(data, str):
            return None
        title = None
        keyboard = ((callback.get("message") or {}).get("reply_markup") or {}).get("inline_keyboard") or []
        for row in keyboard:
            for button in row:
                if isinstance(button, dict) and button.get("callback_data") == data:
                    title = button.get("text")
        metadata = {SHOWN_KEY: title} if isinstance(title, str) else {}
        return str(chat), data, metadata, str(callback.get("id", ""))
    message = update.get("message") or update.get("edited_message")
    if isinstance(message, dict):
        chat = (message.get("chat") or {}).get("id")
        text = message.get("text")
        if chat is None or not isinstance(text, str) or not text.strip():
            return None
        if text.strip().split("@")[0] == START_COMMAND:
            return str(chat), GREET_PAYLOAD, {}, None
        return str(chat), text, {}, None
    return None


class TelegramOutput(ButtonsOnce, OutputChannel):
    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, api_url: Text, token: Optional[Text]) -> None:  # set whenever the channel is enabled
        self.base = f"{api_url.rstrip('/')}/bot{token}"

    async def call(self, method: Text, payload: Dict[Text, Any]) -> Dict:
        return await post_json(f"{self.base}/{method}", payload)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.call("sendMessage", {"chat_id": chat_id_of(recipient_id), "text": text[:MAX_REPLY_CHARS]})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.call(
            "sendMessage",
            {
                "chat_id": chat_id_of(recipient_id),
                "text": text[:MAX_REPLY_CHARS],
                "reply_markup": inline_keyboard(buttons),
            },
        )

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies, **kwargs)

    async def answer_callback(self, callback_id: Text) -> None:
        await self.call("answerCallbackQuery", {"callback_query_id": callback_id})


class TelegramInput(InputChannel):
    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(
            token=setting(credentials, "TELEGRAM_TOKEN"),
            secret_token=setting(credentials, "TELEGRAM_SECRET_TOKEN"),
            api_url=setting(credentials, "TELEGRAM_API_URL", DEFAULT_API_URL),
        )

    def __init__(self, token: Optional[Text], secret_token: Optional[Text], api_url: Text = DEFAULT_API_URL):
        self.token = token
        self.secret_token = secret_token
        self.api_url = api_url
        self.guard = ChannelGuard(by_address=False)  # Telegram's servers post every update
        if token and not secret_token:
            logger.error("TELEGRAM_SECRET_TOKEN is not set: every Telegram update will be refused")

    def get_output_channel(self) -> Optional[OutputChannel]:
        return TelegramOutput(self.api_url, self.token) if self.token else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("clinic_telegram_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.token else "off"})

        if not self.token:
            logger.info("Telegram is off: TELEGRAM_TOKEN is not set")
            return webhook

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not same_secret(request.headers.get(SECRET_HEADER), self.secret_token):
                return response.json({"error": "forbidden"}, status=403)
            try:
                update = request.json
            except Exception:  # noqa: BLE001 - Sanic raises its own error for bad JSON
                return response.json({"error": "bad request"}, status=400)
            parsed = parse_update(update)
            update_id = update.get("update_id") if isinstance(update, dict) else None
            if parsed is None or update_id is None:
                return response.json({"status": "ignored"})  # 200: Telegram must not retry it
            chat, text, metadata, callback_id = parsed
            agent = getattr(request.app.ctx, "agent", None)
            output = TelegramOutput(self.api_url, self.token)

            async def answer_press() -> None:
                if callback_id:
                    await output.answer_callback(callback_id)  # stops the button's spinner

            outcome = await self.guard.take(
                text,
                sender_id(chat),
                output,
                on_new_message,
                request.app,
                input_channel=self.name(),
                metadata=metadata,
                message_id=f"telegram-update-{update_id}",
                tracker_store=agent.tracker_store if agent is not None else None,
                before_handover=answer_press,
            )
            if outcome is Outcome.DUPLICATE:
                return response.json({"status": "duplicate"})
            if outcome is Outcome.RATE_LIMITED:
                await answer_press()
                return response.json({"status": "rate limited"})  # 200: a retry would only add to it
            if outcome is Outcome.TOO_LONG:
                return response.json({"status": "too long"})
            return response.json({"status": "ok"})

        return webhook
