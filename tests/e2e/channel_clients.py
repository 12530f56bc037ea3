"""Clients that talk to the running Rasa the way each platform does, for the channel tests.

Each `say` sends one message (typed text, or a button press as the platform sends it)
and returns the turn's replies as `{"text": ..., "buttons": [{"title", "payload"}]}`,
read back from where that platform would show them.
"""
import asyncio
import hashlib
import hmac
import itertools
import json
import random
import sqlite3
from typing import Dict, List, Optional

import requests

from channels.telegram import SECRET_HEADER
from channels.whatsapp import SIGNATURE_HEADER

TIMEOUT_S = 60


def events_of(conversations_db, sender_id: str) -> List[Dict]:
    """The events stored for a conversation (Rasa's SQL tracker store), oldest first."""
    with sqlite3.connect(conversations_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender_id,)
        ).fetchall()
    return [json.loads(data) for (data,) in rows]


def user_texts(conversations_db, sender_id: str) -> List[str]:
    return [e.get("text") for e in events_of(conversations_db, sender_id) if e.get("event") == "user"]


class TelegramUser:
    """A Telegram user: updates posted to the webhook with the secret, replies read from the fake Bot API."""

    update_ids = itertools.count(random.randint(10_000, 90_000) * 1000)

    def __init__(self, servers, channels, chat_id: Optional[int] = None) -> None:
        self.servers, self.channels = servers, channels
        self.chat_id = chat_id or random.randint(10**8, 10**9)
        self.sender_id = f"telegram:{self.chat_id}"
        self.last_markup: Dict = {}

    @property
    def url(self) -> str:
        return f"{self.servers.rasa_url}/webhooks/telegram/webhook"

    def sent(self) -> List[Dict]:
        return self.channels.platform.calls_where(
            lambda c: c["path"].endswith("/sendMessage") and str(c["body"].get("chat_id")) == str(self.chat_id)
        )

    def post(self, update: Dict, secret: Optional[str] = "valid") -> requests.Response:
        headers = {} if secret is None else {
            SECRET_HEADER: self.channels.telegram_secret if secret == "valid" else secret
        }
        return requests.post(self.url, json=update, headers=headers, timeout=TIMEOUT_S)

    def text_update(self, text: str) -> Dict:
        return {"update_id": next(self.update_ids),
                "message": {"message_id": 1, "date": 0, "text": text,
                            "chat": {"id": self.chat_id, "type": "private"},
                            "from": {"id": self.chat_id, "is_bot": False, "first_name": "Test"}}}

    def press_update(self, title: str) -> Dict:
        for row in self.last_markup.get("inline_keyboard", []):
            for button in row:
                if button["text"] == title:
                    return {"update_id": next(self.update_ids),
                            "callback_query": {
                                "id": str(random.randint(1, 10**12)), "data": button["callback_data"],
                                "from": {"id": self.chat_id, "is_bot": False, "first_name": "Test"},
                                "message": {"message_id": 2, "date": 0,
                                            "chat": {"id": self.chat_id, "type": "private"},
                                            "reply_markup": self.last_markup}}}
        raise AssertionError(f"no button {title!r} in {self.last_markup}")

    def send(self, update: Dict) -> List[Dict]:
        before = len(self.sent())
        reply = self.post(update)
        assert reply.status_code == 200, reply.text
        replies = []
        for call in self.sent()[before:]:
            markup = call["body"].get("reply_markup") or {}
            if markup:
                self.last_markup = markup
            buttons = [{"title": b["text"], "payload": b["callback_data"]}
                       for row in markup.get("inline_keyboard", []) for b in row]
            replies.append({"text": call["body"]["text"], "buttons": buttons})
        return replies

    def say(self, text: str) -> List[Dict]:
        return self.send(self.text_update(text))

    def press(self, title: str) -> List[Dict]:
        return self.send(self.press_update(title))


class WhatsAppUser:
    """A WhatsApp user: signed webhook posts, replies read from the fake Graph API."""

    message_ids = itertools.count(random.randint(1, 10**6))

    def __init__(self, servers, channels, wa_id: Optional[str] = None) -> None:
        self.servers, self.channels = servers, channels
        self.wa_id = wa_id or f"44{random.randint(10**9, 10**10 - 1)}"
        self.sender_id = f"whatsapp:{self.wa_id}"

    @property
    def url(self) -> str:
        return f"{self.servers.rasa_url}/webhooks/whatsapp/webhook"

    def sent(self) -> List[Dict]:
        return self.channels.platform.calls_where(
            lambda c: c["path"].endswith("/messages") and c["body"].get("to") == self.wa_id
        )

    def envelope(self, messages: List[Dict] = (), statuses: List[Dict] = ()) -> Dict:
        value = {"messaging_product": "whatsapp",
                 "metadata": {"display_phone_number": "442079460321",
                              "phone_number_id": self.channels.whatsapp_phone_number_id},
                 "contacts": [{"profile": {"name": "Test"}, "wa_id": self.wa_id}]}
        if messages:
            value["messages"] = list(messages)
        if statuses:
            value["statuses"] = list(statuses)
        return {"object": "whatsapp_business_account",
                "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}]}

    def message(self, **content) -> Dict:
        return {"from": self.wa_id, "id": f"wamid.test{next(self.message_ids)}", "timestamp": "0", **content}

    def post(self, payload: Dict, signature: Optional[str] = "valid") -> requests.Response:
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "valid":
            digest = hmac.new(self.channels.whatsapp_app_secret.encode(), body, hashlib.sha256).hexdigest()
            headers[SIGNATURE_HEADER] = f"sha256={digest}"
        elif signature is not None:
            headers[SIGNATURE_HEADER] = signature
        return requests.post(self.url, data=body, headers=headers, timeout=TIMEOUT_S)

    def send(self, message: Dict) -> List[Dict]:
        before = len(self.sent())
        reply = self.post(self.envelope([message]))
        assert reply.status_code == 200, reply.text
        return [self.as_reply(call["body"]) for call in self.sent()[before:]]

    @staticmethod
    def as_reply(body: Dict) -> Dict:
        if body["type"] == "text":
            return {"text": body["text"]["body"], "buttons": [], "kind": "text"}
        interactive = body["interactive"]
        if interactive["type"] == "button":
            buttons = [{"title": b["reply"]["title"], "payload": b["reply"]["id"]}
                       for b in interactive["action"]["buttons"]]
        else:
            buttons = [{"title": row["title"], "payload": row["id"]}
                       for section in interactive["action"]["sections"] for row in section["rows"]]
        return {"text": interactive["body"]["text"], "buttons": buttons, "kind": interactive["type"]}

    def say(self, text: str) -> List[Dict]:
        return self.send(self.message(type="text", text={"body": text}))

    def press(self, reply: Dict, title: str) -> List[Dict]:
        """Press a button of `reply` (a reply button or a list row) by its title."""
        option = next(b for b in reply["buttons"] if b["title"] == title)
        kind = "list_reply" if reply["kind"] == "list" else "button_reply"
        return self.send(self.message(type="interactive", interactive={
            "type": kind, kind: {"id": option["payload"], "title": option["title"]}}))


class SocketIOUser:
    """The widget's protocol from Python: one socket, one session; a turn ends when typing stops."""

    def __init__(self, servers) -> None:
        import socketio

        self.servers = servers
        self.client = socketio.AsyncClient()
        self.events: asyncio.Queue = asyncio.Queue()
        for name in ("session_confirm", "session_history", "bot_uttered", "bot_typing"):
            self.client.on(name, self.recorder(name))
        self.session_id: Optional[str] = None

    def recorder(self, name):
        async def record(data=None):
            await self.events.put((name, data))
        return record

    async def next_event(self, name: str, timeout_s: float = TIMEOUT_S):
        while True:
            event, data = await asyncio.wait_for(self.events.get(), timeout=timeout_s)
            if event == name:
                return data

    async def connect(self, session_id: Optional[str] = None) -> List[Dict]:
        """Connect and ask for a session; returns its history."""
        await self.client.connect(self.servers.rasa_url, socketio_path="/socket.io", transports=["polling"])
        await self.client.emit("session_request", {"session_id": session_id})
        self.session_id = await self.next_event("session_confirm")
        return (await self.next_event("session_history"))["messages"]

    async def say(self, message: str, shown: Optional[str] = None) -> List[Dict]:
        data = {"message": message, "session_id": self.session_id}
        if shown:
            data["shown"] = shown
        await self.client.emit("user_uttered", data)
        replies = []
        while True:
            event, data = await asyncio.wait_for(self.events.get(), timeout=TIMEOUT_S)
            if event == "bot_uttered":
                replies.append({"text": data.get("text", ""),
                                "buttons": [{"title": b["title"], "payload": b["payload"]}
                                            for b in data.get("quick_replies") or data.get("buttons") or []]})
            elif event == "bot_typing" and not data["typing"]:
                return replies

    async def close(self) -> None:
        await self.client.disconnect()


def rest_say(servers, sender: str, message: str) -> List[Dict]:
    return [{"text": m.get("text", ""), "buttons": [{"title": b["title"], "payload": b["payload"]}
                                                    for b in m.get("buttons") or []]}
            for m in servers.say(sender, message)]


def joined(replies: List[Dict]) -> str:
    """A turn's words, however the channel cut them into messages."""
    return " ".join(" ".join(reply["text"].split()) for reply in replies)
