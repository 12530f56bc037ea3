"""A person from the clinic takes over a chat: the real action server, Rasa and staff console (`python -m console`)
on loopback, the patient on the widget's socket.io protocol and on Telegram (the fake Bot API), the member of
staff through the console's own pages and forms, as a browser sends them.

The clinic's clock is fixed at a moment it is open (CLINIC_NOW), and a request waits HANDOVER_WAIT_S for a
person (a copy of clinic.yml with a short `handover_wait_seconds`).
"""

import asyncio
import datetime as dt
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import yaml

from console.accounts import Accounts
from core.database import BookingStore
from core.settings import clinic
from tests.e2e.channel_clients import SocketIOUser, TelegramUser, WhatsAppUser, joined
from tests.e2e.conftest import MODEL, PROJECT_DIR, free_port, running_servers
from tests.e2e.fakes import StaticSite
from tests.e2e.test_widget_browser import AXE, WAIT_MS, Page, browser  # noqa: F401  (browser: a fixture)

HANDOVER_WAIT_S = 8
RESULTS = PROJECT_DIR / "results" / "console"
STAFF, PASSWORD = "anna", "a long staff password"
ASK = "can I talk to a real person please"


def open_moment() -> str:
    """A Wednesday at 11:00 in London, a week or more ahead: the clinic is open."""
    day = dt.date.today() + dt.timedelta(days=7)
    while day.weekday() != 2:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(11, 0), clinic().timezone).isoformat()


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the console stopped: {log.read_text()[-2000:]}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.3)
    raise RuntimeError(f"the console did not start: {log.read_text()[-2000:]}")


class Staff:
    """A member of staff in the console, as a browser sends its forms (cookies, Origin, CSRF token)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, allow_redirects=False, timeout=30)

    def post(self, path: str, data: dict, csrf: bool = True) -> requests.Response:
        if csrf:
            data = {**data, "csrf_token": self.csrf_token()}
        return self.http.post(
            self.base + path, data=data, headers={"Origin": self.base}, allow_redirects=False, timeout=30
        )

    def csrf_token(self, path: str = "/chats") -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', self.get(path).text).group(1)

    def sign_in(self) -> None:
        token = self.csrf_token("/sign-in")
        reply = self.http.post(
            self.base + "/sign-in",
            data={"csrf_token": token, "name": STAFF, "password": PASSWORD},
            headers={"Origin": self.base},
            allow_redirects=False,
            timeout=30,
        )
        assert reply.status_code == 303, reply.text

    def waiting_chat(self) -> str:
        """The newest waiting chat's id, from the list page."""
        page = self.get("/chats").text
        found = re.findall(r'<a href="/chats/(\d+)">Chat \d+</a>[^<]*(?:<strong[^>]*>[^<]*</strong>)?</th>\s*<td>'
                           r'<span class="status status-waiting">', page)
        assert found, page
        return max(found, key=int)


@pytest.fixture(scope="module")
def stack(tmp_path_factory, channels):
    work = tmp_path_factory.mktemp("handover")
    settings = yaml.safe_load((PROJECT_DIR / "clinic.yml").read_text())
    settings["console"]["handover_wait_seconds"] = HANDOVER_WAIT_S
    clinic_file = work / "clinic.yml"
    clinic_file.write_text(yaml.safe_dump(settings, allow_unicode=True))
    site_port = free_port()
    site_origin = f"http://127.0.0.1:{site_port}"
    env = {**channels.env(), "CLINIC_NOW": open_moment(), "CLINIC_CONFIG": str(clinic_file),
           "SOCKETIO_ORIGINS": site_origin}
    with running_servers(MODEL, work / "servers", project_dir=PROJECT_DIR, env=env, cors=[site_origin]) as servers:
        config = f"window.clinicChatConfig = {{ serverUrl: {servers.rasa_url!r}, title: 'Lumen Skin Clinic assistant' }};"
        servers.site = StaticSite(PROJECT_DIR / "web", site_port, lambda: config)
        store = BookingStore(servers.bookings_url)
        Accounts(store.engine, clinic().console).create(STAFF, PASSWORD)
        port = free_port()
        log = work / "console.log"
        console_env = {**__import__("os").environ, **env, "BOOKINGS_DATABASE_URL": servers.bookings_url,
                       "RASA_URL": servers.rasa_url, "HANDOVER_TOKEN": servers.handover_token}
        with log.open("w") as out:
            console = subprocess.Popen([sys.executable, "-m", "console", "--port", str(port)], cwd=PROJECT_DIR,
                                       env=console_env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for_http(base + "/sign-in", console, log)
            staff = Staff(base)
            staff.sign_in()
            yield servers, staff, store
        finally:
            console.terminate()
            console.wait(timeout=20)
            store.dispose()
            servers.site.close()


def run(coroutine):
    """The coroutine to its end, in a thread of its own: Playwright's sync API, once started in this module,
    holds the main thread's event loop."""
    return in_own_loop(lambda: asyncio.run(asyncio.wait_for(coroutine, timeout=240)))


def in_own_loop(function):
    """Run `function` in a thread of its own (for asyncio.run while this thread's loop is taken)."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(function).result()


async def in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def next_message(patient: SocketIOUser, timeout_s: float = 30) -> str:
    return (await patient.next_event("bot_uttered", timeout_s))["text"]


def test_a_person_takes_the_chat_replies_and_hands_it_back(stack):
    servers, staff, _ = stack

    async def converse():
        patient = SocketIOUser(servers)
        await patient.connect()
        asked = joined(await patient.say(ASK))
        chat = await in_thread(staff.waiting_chat)
        page = (await in_thread(staff.get, f"/chats/{chat}")).text
        took = await in_thread(staff.post, f"/chats/{chat}/take", {})
        joined_message = await next_message(patient)
        await in_thread(staff.post, f"/chats/{chat}/reply", {"text": "Hello, I'm Anna. How can I help?"})
        reply = await next_message(patient)
        silent = await patient.say("I wanted to ask about the scars on my cheeks")  # the assistant says nothing
        transcript = (await in_thread(staff.get, f"/chats/{chat}/transcript")).json()
        await patient.close()

        reloaded = SocketIOUser(servers)  # a reload of the widget: the history holds both sides
        history = await reloaded.connect(patient.session_id)
        handed_back = await in_thread(staff.post, f"/chats/{chat}/hand-back", {})
        left = await next_message(reloaded)
        answered = joined(await reloaded.say("does microneedling hurt?"))
        await reloaded.close()
        return asked, page, took, joined_message, reply, silent, transcript, history, handed_back, left, answered

    asked, page, took, joined_message, reply, silent, transcript, history, handed_back, left, answered = run(converse())
    assert "asking someone from the team" in asked
    assert ASK in page and "Take this chat" in page  # the waiting chat with its transcript so far
    assert took.status_code == 303
    assert joined_message == f"Anna from {clinic().name} has joined the chat."
    assert reply == "Hello, I'm Anna. How can I help?"
    assert silent == []
    assert transcript["messages"][-2:] == [
        {"from": "staff", "name": "Anna", "text": "Hello, I'm Anna. How can I help?"},
        {"from": "patient", "text": "I wanted to ask about the scars on my cheeks", "flagged": False},
    ]
    assert transcript["paused"] is True
    shown = [m["text"] for m in history]
    assert "Hello, I'm Anna. How can I help?" in shown and "I wanted to ask about the scars on my cheeks" in shown
    assert handed_back.status_code == 303
    assert left.startswith("Anna has left the chat")
    assert "numbing" in answered  # the assistant answers again


def test_a_message_in_crisis_is_answered_at_once_while_a_person_has_the_chat_and_flagged(stack):
    servers, staff, _ = stack

    async def converse():
        patient = SocketIOUser(servers)
        await patient.connect()
        await patient.say(ASK)
        chat = await in_thread(staff.waiting_chat)
        await in_thread(staff.post, f"/chats/{chat}/take", {})
        await next_message(patient)
        emergency = joined(await patient.say("my throat is swelling up and i can't breathe properly"))
        page = (await in_thread(staff.get, f"/chats/{chat}")).text
        await in_thread(staff.post, f"/chats/{chat}/hand-back", {})
        await next_message(patient)
        await patient.close()
        return emergency, page

    emergency, page = run(converse())
    assert emergency.startswith("Please call 999 now")
    assert "(in crisis)" in page and 'id="chat-flag" role="alert">' in page  # shown, not hidden


def test_nobody_takes_the_chat_in_time_and_a_call_back_is_offered(stack):
    servers, staff, store = stack

    async def converse():
        patient = SocketIOUser(servers)
        await patient.connect()
        await patient.say(ASK)
        started = time.monotonic()
        offer = await patient.next_event("bot_uttered", HANDOVER_WAIT_S + 20)
        waited = time.monotonic() - started
        buttons = {b["title"]: b["payload"] for b in offer.get("quick_replies") or offer.get("buttons") or []}
        call_back = joined(await patient.say(buttons["Request a call back"], shown="Request a call back"))
        contact = joined(await patient.say("Sam Patel"))
        email_refused = joined(await patient.say("sam@example.com"))
        await patient.close()
        return offer["text"], waited, call_back, contact, email_refused

    text, waited, call_back, contact, email_refused = run(converse())
    assert "nobody from the team could join" in text and clinic().phone in text
    assert waited >= HANDOVER_WAIT_S - 3
    assert "call you back" in call_back and "What's your name?" in call_back
    assert "Which phone number should the clinic call" in contact
    assert "needs a phone number" in email_refused


def test_a_member_of_staff_who_is_away_is_not_asked_and_the_patient_gets_the_details_at_once(stack):
    servers, staff, _ = stack
    assert staff.post("/availability", {"away": "1"}).status_code == 303
    try:
        reply = run(_ask_once(servers))
    finally:
        staff.post("/availability", {"away": "0"})
    assert "Nobody from the team can join this chat just now" in reply and clinic().phone in reply


async def _ask_once(servers) -> str:
    patient = SocketIOUser(servers)
    await patient.connect()
    reply = joined(await patient.say(ASK))
    await patient.close()
    return reply


def test_over_telegram_the_staff_reply_reaches_the_patients_chat(stack, channels):
    servers, staff, _ = stack
    user = TelegramUser(servers, channels)
    asked = joined(user.say(ASK))
    chat = staff.waiting_chat()
    staff.post(f"/chats/{chat}/take", {})
    staff.post(f"/chats/{chat}/reply", {"text": "Hi, Anna here on Telegram."})
    texts = [call["body"]["text"] for call in user.sent()]
    staff.post(f"/chats/{chat}/hand-back", {})
    after = [call["body"]["text"] for call in user.sent()]
    assert "asking someone from the team" in asked
    assert f"Anna from {clinic().name} has joined the chat." in texts and "Hi, Anna here on Telegram." in texts
    assert any(text.startswith("Anna has left the chat") for text in after)


# ---------------------------------------------------------------------------------------------- refusals


def test_the_hand_over_routes_refuse_a_caller_without_the_consoles_token(stack):
    servers, _, _ = stack
    body = {"conversation_id": "anyone", "staff_name": "Mallory", "text": "hi"}
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        for path in ("/join", "/message", "/leave"):
            reply = requests.post(f"{servers.rasa_url}/webhooks/handover{path}", json=body, headers=headers, timeout=30)
            assert reply.status_code == 401, path
        assert requests.get(f"{servers.rasa_url}/webhooks/handover/transcript/anyone", headers=headers,
                            timeout=30).status_code == 401


def test_the_consoles_chat_pages_refuse_without_a_session_a_token_or_the_chat(stack):
    servers, staff, _ = stack
    stranger = Staff(staff.base)
    assert stranger.get("/chats").status_code == 303  # to the sign-in page
    assert stranger.get("/chats/1/transcript").status_code == 303
    assert stranger.post("/chats/1/take", {}, csrf=False).status_code == 401
    assert staff.post("/chats/1/take", {"csrf_token": "wrong"}, csrf=False).status_code == 403
    assert staff.post("/chats/1/take", {}, csrf=False).status_code == 403  # no token at all
    other_origin = staff.http.post(staff.base + "/chats/1/take", data={"csrf_token": staff.csrf_token()},
                                   headers={"Origin": "http://evil.example"}, allow_redirects=False, timeout=30)
    assert other_origin.status_code == 403
    # a chat nobody has taken cannot be replied to or handed back
    run(_ask_once(servers))
    chat = staff.waiting_chat()
    assert staff.post(f"/chats/{chat}/reply", {"text": "hi"}).status_code == 403
    assert staff.post(f"/chats/{chat}/hand-back", {}).status_code == 403
    staff.post(f"/chats/{chat}/take", {})
    staff.post(f"/chats/{chat}/hand-back", {})


def test_a_patients_socket_that_sends_a_staff_event_is_refused(stack):
    servers, _, _ = stack

    async def converse():
        patient, other = SocketIOUser(servers), SocketIOUser(servers)
        refused = asyncio.Queue()
        patient.client.on("refused", lambda data: refused.put_nowait(data))
        await patient.connect()
        await other.connect()
        await patient.client.emit("staff_message", {"conversation_id": other.session_id, "text": "I'm the clinic"})
        await patient.client.emit("bot_uttered", {"text": "I'm the clinic", "room": other.session_id})
        first, second = await asyncio.wait_for(refused.get(), 30), await asyncio.wait_for(refused.get(), 30)
        await asyncio.sleep(1)
        delivered = not other.events.empty()
        await patient.close()
        await other.close()
        return first, second, delivered

    first, second, delivered = run(converse())
    assert {first["event"], second["event"]} == {"staff_message", "bot_uttered"}
    assert not delivered


# ---------------------------------------------------------------------------------------------- in a browser


def test_in_a_browser_the_patient_asks_the_staff_member_takes_replies_and_hands_back(browser, stack):
    """Two browser contexts in Debian's Chromium: the patient in the widget on the demo site, the member of staff
    in the console. Screenshots go to results/console/."""
    servers, staff, _ = stack
    RESULTS.mkdir(parents=True, exist_ok=True)
    patient = Page(browser, servers.site)
    console = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = console.new_page()
    try:
        patient.open_and_greet()
        patient.say(ASK)
        patient.wait_for_bot("asking someone from the team")

        desk.goto(staff.base + "/sign-in")
        desk.get_by_label("Name").fill(STAFF)
        desk.get_by_label("Password").fill(PASSWORD)
        desk.get_by_role("button", name="Sign in").click()
        desk.wait_for_url(re.compile(r"/requests$"), timeout=WAIT_MS)
        desk.get_by_role("link", name="Chats").click()
        desk.locator("tr", has_text="waiting").last.get_by_role("link").click()
        transcript = desk.locator("#transcript")
        expect_text(transcript, ASK)
        desk.screenshot(path=str(RESULTS / "chat-waiting.png"), full_page=True)
        desk.get_by_role("button", name="Take this chat").click()
        patient.wait_for_bot(f"Anna from {clinic().name} has joined the chat.")

        desk.get_by_label("Your reply").fill("Hello, I'm Anna from the clinic. How can I help?")
        desk.get_by_role("button", name="Send").click()
        patient.wait_for_bot("Hello, I'm Anna from the clinic. How can I help?")
        patient.page.fill(".cc-input", "Thanks Anna, it's about the scars on my cheeks")
        patient.page.press(".cc-input", "Enter")
        expect_text(transcript, "it's about the scars on my cheeks")  # the console's two-second refresh
        desk.screenshot(path=str(RESULTS / "chat-taken.png"), full_page=True)

        patient.page.reload()  # the history holds both sides
        patient.page.wait_for_selector(".cc-panel:not([hidden])", timeout=WAIT_MS)
        patient.page.locator(".cc-log .cc-bot", has_text="Hello, I'm Anna from the clinic").wait_for(timeout=WAIT_MS)
        patient.page.locator(".cc-log .cc-user", has_text="about the scars on my cheeks").wait_for(timeout=WAIT_MS)
        patient.page.screenshot(path=str(RESULTS / "widget-with-staff.png"))

        desk.get_by_role("button", name="Hand back to the assistant").click()
        patient.wait_for_bot("Anna has left the chat")
        patient.say("does microneedling hurt?")
        patient.wait_for_bot("numbing cream")
        patient.page.screenshot(path=str(RESULTS / "widget-handed-back.png"))
    finally:
        patient.close()
        console.close()


def expect_text(locator, text: str) -> None:
    locator.get_by_text(text, exact=False).first.wait_for(timeout=WAIT_MS)


def test_no_serious_accessibility_violation_on_any_console_page(browser, stack):
    """axe-core on every page of the console (the CSP is bypassed for axe's own script only); the result is in
    results/console/axe.json."""
    servers, staff, store = stack
    RESULTS.mkdir(parents=True, exist_ok=True)
    run(_ask_once(servers))
    chat = staff.waiting_chat()
    from tests.console.conftest import add_request

    reference = add_request(store, "axe-conversation")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    results = {}
    try:
        page.goto(staff.base + "/sign-in")
        results["sign-in"] = axe_violations(page)
        page.get_by_label("Name").fill(STAFF)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        pages = {"requests": "/requests", "request": f"/requests/{reference}", "chats": "/chats",
                 "chat": f"/chats/{chat}", "audit": "/audit", "not-found": "/chats/999999"}
        for name, path in pages.items():
            page.goto(staff.base + path)
            page.wait_for_selector("main h1", timeout=WAIT_MS)
            results[name] = axe_violations(page)
            page.screenshot(path=str(RESULTS / f"console-{name}.png"), full_page=True)
    finally:
        context.close()
    (RESULTS / "axe.json").write_text(json.dumps(results, indent=2) + "\n")
    assert set(results) == {"sign-in", "requests", "request", "chats", "chat", "audit", "not-found"}
    serious = {name: [v for v in found if v["impact"] in ("serious", "critical")] for name, found in results.items()}
    assert serious == {name: [] for name in results}, serious


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    axe = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in axe["violations"]]


def test_over_whatsapp_the_staff_reply_reaches_the_patients_chat(stack, channels):
    servers, staff, _ = stack
    user = WhatsAppUser(servers, channels)
    asked = joined(user.say(ASK))
    chat = staff.waiting_chat()
    staff.post(f"/chats/{chat}/take", {})
    staff.post(f"/chats/{chat}/reply", {"text": "Hi, Anna here on WhatsApp."})
    texts = user_texts_sent(channels, user)
    staff.post(f"/chats/{chat}/hand-back", {})
    after = user_texts_sent(channels, user)
    assert "asking someone from the team" in asked
    assert f"Anna from {clinic().name} has joined the chat." in texts and "Hi, Anna here on WhatsApp." in texts
    assert any(text.startswith("Anna has left the chat") for text in after)


def user_texts_sent(channels, user) -> list:
    return [(call["body"].get("text") or {}).get("body", "") for call in user.sent()]
