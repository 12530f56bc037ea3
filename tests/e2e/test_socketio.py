"""The widget's channel (channels/socketio.py) from a Python socket.io client: the protocol the widget uses."""
import asyncio
import time
import uuid

import requests

from tests.e2e.channel_clients import SocketIOUser, joined, user_texts


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=180))


def test_a_session_keeps_its_history_across_connections(servers):
    async def converse():
        first = SocketIOUser(servers)
        assert await first.connect() == []  # a new session has no history
        session_id = first.session_id
        assert len(session_id) == 32
        greeting = await first.say("/greet")  # the widget's opening payload: not shown as the person's
        reply = await first.say("/book_consultation", shown="Book a consultation")
        await first.close()

        again = SocketIOUser(servers)  # a reload: a new socket asking for the same session
        history = await again.connect(session_id)
        await again.close()
        return session_id, greeting, reply, history

    session_id, greeting, reply, history = run(converse())
    assert "What's your name?" in joined(reply)
    assert [m["from"] for m in history] == ["bot"] * len(greeting) + ["user"] + ["bot"] * len(reply)
    assert history[len(greeting)]["text"] == "Book a consultation"  # the title the person saw
    assert joined([m for m in history if m["from"] == "bot"]) == joined(greeting + reply)
    assert user_texts(servers.conversations_db, session_id) == ["/greet", "/book_consultation"]


def test_a_socket_speaks_only_in_its_own_session(servers):
    """Naming another session's id in a message does not put words into that conversation."""
    async def converse():
        victim = SocketIOUser(servers)
        await victim.connect()
        await victim.say("hello")
        attacker = SocketIOUser(servers)
        await attacker.connect()
        await attacker.client.emit("user_uttered", {"message": "my name is Mallory", "session_id": victim.session_id})
        await attacker.next_event("bot_typing")
        await attacker.next_event("bot_typing")
        await victim.close()
        await attacker.close()
        return victim.session_id, attacker.session_id

    victim_id, attacker_id = run(converse())
    assert user_texts(servers.conversations_db, victim_id) == ["hello"]
    assert user_texts(servers.conversations_db, attacker_id) == ["my name is Mallory"]


def test_a_session_id_not_of_the_servers_making_is_replaced(servers):
    async def converse():
        user = SocketIOUser(servers)
        await user.connect("telegram:12345")
        chosen = user.session_id
        await user.close()
        other = SocketIOUser(servers)
        await other.connect(str(uuid.uuid4()))  # with dashes: not the server's form either
        await other.close()
        return chosen, other.session_id

    chosen, other = run(converse())
    assert chosen != "telegram:12345" and len(chosen) == 32
    assert len(other) == 32 and "-" not in other


def test_typing_is_signalled_around_each_turn(servers):
    async def converse():
        user = SocketIOUser(servers)
        await user.connect()
        await user.client.emit("user_uttered", {"message": "is microneedling painful?"})
        events = []
        while not events or events[-1] != ("bot_typing", {"typing": False}):
            events.append(await asyncio.wait_for(user.events.get(), timeout=60))
        await user.close()
        return events

    events = run(converse())
    assert events[0] == ("bot_typing", {"typing": True})
    assert any(name == "bot_uttered" and "numbing cream" in data["text"] for name, data in events)


class WidgetUser(SocketIOUser):
    """Connects as the widget's socket.io client does: polling first, then upgraded to a websocket."""

    async def connect(self, session_id=None):
        await self.client.connect(self.servers.rasa_url, socketio_path="/socket.io", transports=["polling", "websocket"])
        await self.client.emit("session_request", {"session_id": session_id})
        self.session_id = await self.next_event("session_confirm")
        return (await self.next_event("session_history"))["messages"]


def wait_until_the_server_forgets(servers, engineio_sid, timeout_s=30):
    """Engine.io drops a closed socket as the last step of the request that carried its websocket, in the
    same step as that request ends; until then a polling request for it is answered (a no-op), after it 400."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        probe = requests.get(f"{servers.rasa_url}/socket.io/",
                             params={"EIO": "4", "transport": "polling", "sid": engineio_sid}, timeout=10)
        if probe.status_code == 400:
            return
        time.sleep(0.05)
    raise AssertionError(f"the server still knows the closed socket {engineio_sid} after {timeout_s}s")


def test_closing_the_widgets_socket_leaves_no_error_in_the_log(servers):
    rasa_log = servers.log_files[-1]
    assert rasa_log.name == "rasa.log"
    logged_before = rasa_log.stat().st_size

    async def converse():
        user = WidgetUser(servers)
        await user.connect()
        transport, engineio_sid = user.client.transport(), user.client.eio.sid
        reply = await user.say("is microneedling painful?")
        await user.close()  # the person closes the tab
        return transport, engineio_sid, reply

    transport, engineio_sid, reply = run(converse())
    assert transport == "websocket"  # what a browser ends up on
    assert "numbing cream" in joined(reply)
    wait_until_the_server_forgets(servers, engineio_sid)
    with rasa_log.open(errors="replace") as log:
        log.seek(logged_before)
        logged = log.read()
    assert "ServerError" not in logged and "Traceback" not in logged, logged
