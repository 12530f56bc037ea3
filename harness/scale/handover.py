"""The hand-over across replicas: `python -m harness.scale.run --hand-over` (part of `make test-scale`).

The patient's socket (the widget's protocol) is held by replica 1; the staff console's calls (take, reply, hand
back: channels/handover.py) go to replica 2, so every staff message reaches the patient through Redis
(`SOCKETIO_REDIS_URL`). Replica 1 is then SIGKILLed in the middle of the hand-over: the patient's widget
reconnects (to replica 2, as through the load balancer) with its session id, and must find the staff's messages
in its history, receive the next one, stay unanswered by the assistant while the person has the chat, and be
answered again after the hand-back. Last, the conversation in PostgreSQL must hold every message once, with one
pause and one resume.
"""

import asyncio
import datetime as dt
import secrets
from typing import Dict, List, Optional

import requests

from harness.scale import checks
from harness.scale.services import BOOKINGS_DB, LOOPBACK, TRACKER_DB, Stack

STAFF = "anna"
ASK = "can I talk to a real person please"
FIRST, SECOND = "Hello, I'm Anna from the clinic. How can I help?", "Are you still there? I can see your message."
WHILE_PAUSED = "thanks, my question is about the scars on my cheeks"
AFTER = "does microneedling hurt?"
WAIT_S = 60


def open_moment() -> str:
    """A Wednesday at 11:00 (clinic time, London), a week or more ahead: the clinic is open (CLINIC_NOW)."""
    from core.settings import clinic

    day = dt.date.today() + dt.timedelta(days=7)
    while day.weekday() != 2:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(11, 0), clinic().timezone).isoformat()


class Patient:
    """The widget's socket.io protocol, on one replica."""

    def __init__(self, url: str) -> None:
        import socketio

        self.url = url
        self.client = socketio.AsyncClient(reconnection=False)
        self.events: asyncio.Queue = asyncio.Queue()
        for name in ("session_confirm", "session_history", "bot_uttered", "bot_typing"):
            self.client.on(name, self._recorder(name))
        self.session_id: Optional[str] = None

    def _recorder(self, name: str):
        async def record(data=None):
            await self.events.put((name, data))

        return record

    async def next(self, name: str) -> object:
        while True:
            event, data = await asyncio.wait_for(self.events.get(), timeout=WAIT_S)
            if event == name:
                return data

    async def connect(self, session_id: Optional[str] = None) -> List[Dict]:
        await self.client.connect(self.url, socketio_path="/socket.io", transports=["websocket"])
        await self.client.emit("session_request", {"session_id": session_id})
        self.session_id = str(await self.next("session_confirm"))
        return list((await self.next("session_history"))["messages"])  # type: ignore[index]

    async def say(self, text: str) -> List[str]:
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        replies: List[str] = []
        while True:
            event, data = await asyncio.wait_for(self.events.get(), timeout=WAIT_S)
            if event == "bot_uttered":
                replies.append(data.get("text", ""))
            elif event == "bot_typing" and not data["typing"]:
                return replies

    async def close(self) -> None:
        try:
            await self.client.disconnect()
        except Exception:  # noqa: BLE001 - its replica may be gone
            pass


def staff_call(stack: Stack, replica: int, route: str, body: Dict[str, str]) -> None:
    reply = requests.post(
        f"http://{LOOPBACK}:{stack.replica_ports[replica]}/webhooks/handover/{route}",
        json=body,
        headers={"Authorization": f"Bearer {stack.handover_token}"},
        timeout=30,
    )
    reply.raise_for_status()


def sign_in_staff(stack: Stack) -> None:
    """A member of staff with a live console session (what the console's sign-in stores), available."""
    from core.database import BookingStore, staff_sessions, utcnow

    store = BookingStore(stack.database_url(BOOKINGS_DB))
    try:
        now = utcnow()
        with store.engine.begin() as connection:
            connection.execute(
                staff_sessions.insert().values(
                    id_hash=secrets.token_hex(32), account=STAFF, csrf_token="scale", created_at=now, last_used_at=now
                )
            )
    finally:
        store.dispose()


def take(stack: Stack, conversation_id: str) -> bool:
    """The console's take: the waiting request, won in the database."""
    from core import handover
    from core.database import BookingStore

    store = BookingStore(stack.database_url(BOOKINGS_DB))
    try:
        request = handover.open_request(store.engine, conversation_id)
        return bool(request) and handover.take(store.engine, request["id"], STAFF)
    finally:
        store.dispose()


async def converse(stack: Stack, log, seen: Dict[str, object]) -> None:
    """The conversation; `seen` collects what the patient saw, step by step (so a timeout says where)."""
    on_one = Patient(f"http://{LOOPBACK}:{stack.replica_ports[0]}")
    await on_one.connect()
    seen["asked"] = " ".join(await on_one.say(ASK))
    seen["taken"] = await asyncio.get_running_loop().run_in_executor(None, take, stack, on_one.session_id)
    staff_call(stack, 1, "join", {"conversation_id": on_one.session_id, "staff_name": "Anna"})
    seen["joined"] = (await on_one.next("bot_uttered"))["text"]  # type: ignore[index]
    staff_call(stack, 1, "message", {"conversation_id": on_one.session_id, "staff_name": "Anna", "text": FIRST})
    seen["first"] = (await on_one.next("bot_uttered"))["text"]  # type: ignore[index]
    pid = stack.kill_replica(0)
    log(f"hand-over: SIGKILL Rasa replica 1 (pid {pid}), which held the patient's socket, during the hand-over")
    await on_one.close()
    on_two = Patient(f"http://{LOOPBACK}:{stack.replica_ports[1]}")
    history = await on_two.connect(on_one.session_id)  # the widget reconnects with its session id
    seen["history"] = [item.get("text", "") for item in history]
    staff_call(stack, 1, "message", {"conversation_id": on_two.session_id, "staff_name": "Anna", "text": SECOND})
    seen["second"] = (await on_two.next("bot_uttered"))["text"]  # type: ignore[index]
    seen["while_paused"] = await on_two.say(WHILE_PAUSED)
    staff_call(stack, 1, "leave", {"conversation_id": on_two.session_id, "staff_name": "Anna"})
    seen["left"] = (await on_two.next("bot_uttered"))["text"]  # type: ignore[index]
    seen["after"] = " ".join(await on_two.say(AFTER))
    await on_two.close()
    seen["sender"] = on_one.session_id


def hand_over_test(args, stack: Stack, fields: Dict[str, object], log) -> List[str]:
    sign_in_staff(stack)
    seen: Dict[str, object] = {}
    try:
        asyncio.run(asyncio.wait_for(converse(stack, log, seen), timeout=300))
    except asyncio.TimeoutError:
        return [f"nothing arrived within {WAIT_S}s after: {', '.join(seen) or 'the start'}"]
    problems: List[str] = []
    expect = {
        "asked": ("asking someone from the team", seen["asked"]),
        "joined": ("Anna from", seen["joined"]),
        "first (replica 2 to a socket on replica 1)": (FIRST, seen["first"]),
        "second (after the kill)": (SECOND, seen["second"]),
        "left": ("Anna has left the chat", seen["left"]),
        "answered after the hand-back": ("numbing", seen["after"]),
    }
    for what, (wanted, got) in expect.items():
        if wanted not in str(got):
            problems.append(f"{what}: expected {wanted!r} in {got!r}")
    if not seen["taken"]:
        problems.append("the request for a person could not be taken")
    if FIRST not in seen["history"]:  # type: ignore[operator]
        problems.append(f"the history after the reconnect lacks the staff's message: {seen['history']}")
    if seen["while_paused"]:
        problems.append(f"the assistant answered while a person had the chat: {seen['while_paused']}")
    sender = str(seen["sender"])
    events = checks.read_events(stack.database_url(TRACKER_DB), [sender])[sender]
    texts = [row.event.get("text") for row in events if row.type_name in ("user", "bot")]
    for text in (ASK, FIRST, SECOND, WHILE_PAUSED, AFTER):
        if texts.count(text) != 1:
            problems.append(f"{text!r} stored {texts.count(text)} times in the conversation")
    kinds = [row.type_name for row in events]
    if kinds.count("pause") != 1 or kinds.count("resume") != 1:
        problems.append(f"expected one pause and one resume, found {kinds.count('pause')} and {kinds.count('resume')}")
    fields.update({"scenario": "hand-over", "delivered_across_replicas": "yes" if FIRST in str(seen["first"]) else "no",
                   "events_checked": len(events)})
    return problems
