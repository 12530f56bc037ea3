"""The staff console served in-process by Sanic on a free loopback port, against a temporary SQLite bookings
database, with a clock the tests move; and a small browser (aiohttp) that keeps the cookies it is given."""

import contextlib
import datetime as dt
import socket
from http.cookies import SimpleCookie
from typing import Dict, Optional
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from sanic import Sanic

from console.app import SESSION_COOKIE, create_app
from core.database import BookingRequest
from core.settings import ConsoleSettings

PASSWORD = "correct horse battery"
SETTINGS = ConsoleSettings(
    idle_minutes=30,
    session_hours=12,
    max_failures_per_account=3,
    max_failures_per_address=6,
    failure_window_minutes=15,
    min_password_length=12,
)
START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)

# a request with details distinctive enough to search for
PERSON = dict(
    name="Zoë Ñúñez-O'Brien",
    contact_kind="phone",
    contact="+447911123456",
    concern="acne scarring on my cheeks",
)


class Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **delta) -> None:
        self.at += dt.timedelta(**delta)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Sends the cookies it was given, and by default the console's own Origin on a POST."""

    def __init__(self, base: str, http: aiohttp.ClientSession) -> None:
        self.base = base
        self.http = http
        self.cookies: Dict[str, str] = {}
        self.set_cookies: Dict[str, SimpleCookie] = {}  # the last Set-Cookie per name, with its attributes

    def _keep(self, resp: aiohttp.ClientResponse) -> None:
        for header in resp.headers.getall("Set-Cookie", []):
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.set_cookies[name] = cookie
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    async def request(self, method: str, path: str, data=None, headers: Optional[Dict[str, str]] = None):
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if method == "POST":
            sent["Origin"] = self.base
        for key, value in (headers or {}).items():
            if value is None:
                sent.pop(key, None)
            else:
                sent[key] = value
        async with self.http.request(
            method, self.base + path, data=data, headers=sent, allow_redirects=False
        ) as resp:
            resp.body = await resp.text()  # type: ignore[attr-defined]
            self._keep(resp)
            return resp

    async def get(self, path: str, **kwargs):
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, data=None, **kwargs):
        return await self.request("POST", path, data=data, **kwargs)

    async def sign_in_token(self) -> str:
        page = await self.get("/sign-in")
        return page.body.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    async def sign_in(self, name: str = "alice", password: str = PASSWORD, headers=None):
        token = await self.sign_in_token()
        return await self.post("/sign-in", data={"csrf_token": token, "name": name, "password": password},
                               headers=headers)

    def session_id(self) -> Optional[str]:
        return self.cookies.get(SESSION_COOKIE)


def csrf_of(page_body: str) -> str:
    return page_body.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


class Console:
    def __init__(self, app, base: str, clock: Clock, http: aiohttp.ClientSession) -> None:
        self.app = app
        self.base = base
        self.clock = clock
        self.http = http
        self.store = app.ctx.store
        self.accounts = app.ctx.accounts

    def browser(self) -> Browser:
        return Browser(self.base, self.http)

    def add_request(self, conversation_id: str = "conversation-1", **details) -> str:
        return add_request(self.store, conversation_id, **details)


def add_request(store, conversation_id: str = "conversation-1", **details) -> str:
    """A booking request as the action server stores it (PERSON's details, or `details`)."""
    values = dict(PERSON, **details)
    return store.save(
        BookingRequest(
            name=values["name"],
            contact_kind=values["contact_kind"],
            contact=values["contact"],
            preferred_start=dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone.utc),
            preferred_end=dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone.utc),
            preferred_text="friday at 3pm",
            concern=values["concern"],
            consent=True,
            conversation_id=conversation_id,
        ),
        notify=[],
    )


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@contextlib.asynccontextmanager
async def serve(tmp_path, clock: Clock, origin: Optional[str] = None):
    """The console served on a free loopback port; `origin` is its configured public origin (CONSOLE_ORIGIN)."""
    app = create_app(
        f"sqlite:///{tmp_path / 'bookings.db'}", SETTINGS, ZoneInfo("Europe/London"), now=clock, origin=origin
    )
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    assert server is not None
    await server.startup()
    await server.after_start()
    app.ctx.accounts.create("alice", PASSWORD)
    try:
        async with aiohttp.ClientSession() as http:
            yield Console(app, f"http://127.0.0.1:{port}", clock, http)
    finally:
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()


@pytest.fixture
def sanic_test_mode(monkeypatch):
    # Sanic 21.12 rewrites its own methods when an app starts (TouchUp); in test mode it keeps the originals,
    # so that a second app in the process can start
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
async def console(tmp_path, clock, sanic_test_mode):
    async with serve(tmp_path, clock) as served:
        yield served
