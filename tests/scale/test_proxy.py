"""The per-address rate limit behind the scale stack's real nginx (harness/scale/services.py).

Behind a proxy every client connects from the proxy's address; only when Sanic trusts that
proxy (`SANIC_PROXIES_COUNT=1`, as the scale stack's `replica_env` and the Helm values set it)
does each client keep its own bucket. Here two servers (tests/scale/guarded_server.py: Rasa's
own Sanic app with the project's REST and socket.io channels, an echoing agent instead of a
model) each sit behind an nginx started by the scale stack's own `Stack.start_nginx`, with
the scale stack's replica environment:

- "trusted": `replica_env` as it is (SANIC_PROXIES_COUNT=1);
- "untrusted": the same without SANIC_PROXIES_COUNT (the embedded default, no proxy trusted).

Clients send from their own loopback addresses (127.0.0.2, 127.0.0.3, ...), as the scale
run's load does. The per-address limit is made small (3 messages an hour) so a bucket
empties in a few requests and does not refill during the test; nothing here is timed.
"""
import asyncio
import os
import uuid
from typing import Dict, List, Optional

import pytest
import requests

from harness.scale.load import session_from
from harness.scale.services import BIN, LOOPBACK, Stack, nginx_bin, replica_env
from harness.servers import free_port
from tests.debian import ensure_installed

pytestmark = pytest.mark.services  # nginx, from its Debian package (tests/conftest.py)

LIMIT = 3  # messages per address
WEBHOOK = "/webhooks/rest/webhook"
START_TIMEOUT_S = 180  # Rasa's imports take a while on 2 busy cores


def server_env(trust_proxy: bool) -> Dict[str, str]:
    env = replica_env({**os.environ, "PYTHONUNBUFFERED": "1", "RASA_TELEMETRY_ENABLED": "false"}, 5432, "unused",
                      6379, "unused", "http://127.0.0.1:9/webhook", "unused", 20)
    if not trust_proxy:
        env.pop("SANIC_PROXIES_COUNT")
    assert "RATE_LIMIT_PER_ADDRESS" not in env  # the scale stack keeps the production limit
    env["RATE_LIMIT_PER_ADDRESS"] = f"{LIMIT}/3600"
    return env


class Behind:
    """One guarded server with the scale stack's nginx in front."""

    def __init__(self, stack: Stack, port: int) -> None:
        self.stack, self.port = stack, port

    @property
    def via_nginx(self) -> str:
        return self.stack.rasa_url

    @property
    def direct(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"


@pytest.fixture(scope="module")
def servers():
    ensure_installed(nginx_bin() is not None, "nginx")
    stacks = {name: Stack(log=lambda line: None) for name in ("trusted", "untrusted")}
    try:
        started = {}
        for name, stack in stacks.items():  # both start together: most of the wait is Rasa's imports
            port = free_port()
            process = stack._spawn(f"server-{name}", [str(BIN / "python"), "-m", "tests.scale.guarded_server",
                                                      str(port)], env=server_env(name == "trusted"))
            started[name] = (process, port)
        result = {}
        for name, (process, port) in started.items():
            stack = stacks[name]
            stack._wait(process.name, lambda p=port: requests.get(f"http://{LOOPBACK}:{p}/webhooks/rest/",
                                                                   timeout=2).ok, [process], START_TIMEOUT_S)
            stack.start_nginx([port], [free_port()])  # the action servers' upstream is unused here
            result[name] = Behind(stack, port)
        yield result
    finally:
        for stack in stacks.values():
            stack.close()


def say(base_url: str, source: str, sender: Optional[str] = None, headers: Optional[Dict[str, str]] = None) -> int:
    """POST one message to the REST channel from the loopback address `source`; the HTTP status."""
    with session_from(source) as session:
        reply = session.post(base_url + WEBHOOK, json={"sender": sender or f"p-{uuid.uuid4().hex}", "message": "hi"},
                             headers=headers or {}, timeout=60)
    if reply.status_code == 200:
        assert reply.json()[0]["text"] == "echo: hi"
    return reply.status_code


def exhaust(base_url: str, source: str, headers: Optional[Dict[str, str]] = None) -> List[int]:
    """LIMIT + 1 messages from one address, each from another sender (only the address's bucket fills)."""
    return [say(base_url, source, headers=headers) for _ in range(LIMIT + 1)]


FULL_THEN_REFUSED = [200] * LIMIT + [429]


# -- REST ---------------------------------------------------------------------------------------
def test_behind_nginx_each_client_address_has_its_own_bucket(servers):
    trusted = servers["trusted"].via_nginx
    assert exhaust(trusted, "127.0.0.2") == FULL_THEN_REFUSED  # one flooding client is refused
    assert say(trusted, "127.0.0.3") == 200  # the others are not
    assert say(trusted, "127.0.0.4") == 200
    assert say(trusted, "127.0.0.2") == 429  # and the flooder stays refused


def test_behind_nginx_a_flooding_client_cannot_forge_its_way_to_a_new_bucket(servers):
    trusted = servers["trusted"].via_nginx
    assert exhaust(trusted, "127.0.0.5") == FULL_THEN_REFUSED
    for forged in ("203.0.113.7", "127.0.0.6", "198.51.100.1, 127.0.0.7"):
        # nginx appends the address it saw; Sanic trusts only that last entry
        assert say(trusted, "127.0.0.5", headers={"X-Forwarded-For": forged}) == 429
    assert say(trusted, "127.0.0.6") == 200


def test_without_the_setting_every_client_behind_nginx_shares_nginxs_bucket(servers):
    """What the setting fixes: without it a busy hour from a few patients shuts everyone out."""
    untrusted = servers["untrusted"].via_nginx
    assert exhaust(untrusted, "127.0.0.2") == FULL_THEN_REFUSED
    assert say(untrusted, "127.0.0.3") == 429
    assert say(untrusted, "127.0.0.4") == 429


def test_without_the_setting_a_forged_forwarded_for_does_not_change_the_bucket(servers):
    """The embedded default, no proxy: the socket's peer address counts, whatever the client claims."""
    direct = servers["untrusted"].direct
    assert exhaust(direct, "127.0.0.8") == FULL_THEN_REFUSED
    for forged in ("203.0.113.7", "127.0.0.9", "198.51.100.1, 127.0.0.10"):
        assert say(direct, "127.0.0.8", headers={"X-Forwarded-For": forged}) == 429
        assert say(direct, "127.0.0.8", headers={"X-Real-IP": forged.split(",")[0]}) == 429
    assert say(direct, "127.0.0.9") == 200  # another client, by its real address


def test_with_the_setting_a_request_that_bypasses_the_proxy_is_counted_by_its_own_address(servers):
    """No X-Forwarded-For (a health check, a replica reached directly): the socket's peer, not one shared ''."""
    direct = servers["trusted"].direct
    assert exhaust(direct, "127.0.0.11") == FULL_THEN_REFUSED
    assert say(direct, "127.0.0.12") == 200


# -- socket.io (the website widget) -------------------------------------------------------------
async def widget_turns(base_url: str, source: str, messages: int) -> List[str]:
    """Connect from `source` (long polling, through nginx), ask for a session, send `messages`
    messages one after another; what each got: 'answered' or 'rate_limited'."""
    import aiohttp
    import socketio

    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0)))
    client = socketio.AsyncClient(http_session=http)
    events: asyncio.Queue = asyncio.Queue()
    for name in ("session_confirm", "bot_uttered", "bot_typing", "rate_limited"):
        client.on(name, lambda data=None, name=name: events.put_nowait((name, data)))
    outcomes = []
    try:
        await client.connect(base_url, socketio_path="/socket.io", transports=["polling"])
        await client.emit("session_request", {"session_id": None})
        while (await asyncio.wait_for(events.get(), 60))[0] != "session_confirm":
            pass
        for number in range(messages):
            await client.emit("user_uttered", {"message": f"hi {number}"})
            while True:
                name, data = await asyncio.wait_for(events.get(), 60)
                if name == "rate_limited":
                    outcomes.append("rate_limited")
                    break
                if name == "bot_typing" and not data["typing"]:
                    outcomes.append("answered")
                    break
    finally:
        await client.disconnect()
        # engineio's loops would poll on (in a session of their own) once ours is closed: stop them first
        loops = [task for task in (client.eio.read_loop_task, client.eio.write_loop_task) if task]
        for task in loops:
            task.cancel()
        await asyncio.gather(*loops, return_exceptions=True)
        await http.close()
    return outcomes


def test_the_widget_behind_nginx_limits_each_client_address_on_its_own(servers):
    trusted = servers["trusted"].via_nginx
    assert asyncio.run(widget_turns(trusted, "127.0.0.2", LIMIT + 1)) == ["answered"] * LIMIT + ["rate_limited"]
    assert asyncio.run(widget_turns(trusted, "127.0.0.3", 1)) == ["answered"]


def test_the_widget_behind_nginx_without_the_setting_shares_one_bucket(servers):
    untrusted = servers["untrusted"].via_nginx
    assert asyncio.run(widget_turns(untrusted, "127.0.0.2", LIMIT + 1)) == ["answered"] * LIMIT + ["rate_limited"]
    assert asyncio.run(widget_turns(untrusted, "127.0.0.3", 1)) == ["rate_limited"]

