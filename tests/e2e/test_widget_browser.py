"""The website widget in a real browser: Debian's Chromium, driven by Playwright for Python.

The demo site (web/) is served on loopback with its widget pointed at the test's Rasa.
Screenshots, the axe-core result and the list of requests the page made go to results/
(results/screenshots/ for what each fix of the widget looks like).
"""
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from core.settings import clinic
from tests.e2e.test_conversations import a_future_weekday_text

PROJECT_DIR = Path(__file__).resolve().parents[2]
RESULTS = PROJECT_DIR / "results" / "widget"
SCREENSHOTS = PROJECT_DIR / "results" / "screenshots"
AXE = PROJECT_DIR / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As the machine's notes say: without these, Chromium tries Google's hosts at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REFERENCE = re.compile(r"\bMN-[0-9A-Z]{4}\b")
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: `make test-deps` installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Page:
    """A page of the demo site with the widget, recording every request it makes."""

    def __init__(self, browser, site, width=1280, height=800):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests = []
        self.dialogs = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("websocket", lambda socket: self.requests.append(socket.url))  # not a "request" event
        self.site = site

    def open(self, path="/index.html"):
        self.page.goto(self.site.url + path)
        self.page.wait_for_selector(".cc-launcher", timeout=WAIT_MS)

    def open_and_greet(self):
        """The demo page, the launcher clicked, and the assistant's greeting shown."""
        self.open()
        self.page.get_by_role("button", name="Chat with us").click()
        self.wait_for_bot(clinic().name)
        # the greeting comes as two messages: a count of the bot's messages taken before the second has arrived
        # counts it as an answer to the next question (a fresh-clone run failed so, in the scroll test)
        self.wait_for_bot("general information")

    def bubbles(self, who):
        return self.page.locator(f".cc-log .cc-{who}")

    def wait_for_bot(self, text):
        self.page.locator(".cc-log .cc-bot", has_text=text).last.wait_for(timeout=WAIT_MS)

    def wait_idle(self):
        self.page.wait_for_selector(".cc-typing", state="hidden", timeout=WAIT_MS)

    def say(self, text):
        count = self.bubbles("bot").count()
        self.page.fill(".cc-input", text)
        self.page.press(".cc-input", "Enter")
        self.page.wait_for_function(
            f"document.querySelectorAll('.cc-log .cc-bot').length > {count}", timeout=WAIT_MS)
        self.wait_idle()

    def press(self, title):
        count = self.bubbles("bot").count()
        self.page.get_by_role("button", name=title, exact=True).last.click()
        self.page.wait_for_function(
            f"document.querySelectorAll('.cc-log .cc-bot').length > {count}", timeout=WAIT_MS)
        self.wait_idle()

    def log_text(self):
        return self.page.inner_text(".cc-log")

    def close(self):
        self.context.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()


def test_a_person_books_from_the_widget(browser, site, servers):
    RESULTS.mkdir(parents=True, exist_ok=True)
    page = Page(browser, site)
    try:
        page.open()
        launcher = page.page.get_by_role("button", name="Chat with us")
        launcher.click()
        assert page.page.evaluate("document.activeElement.id") == "cc-input"  # focus goes into the widget
        page.wait_for_bot(clinic().name)  # on first open the assistant greets

        page.say("does it hurt?")
        page.wait_for_bot("numbing cream")
        page.press("Book a consultation")
        assert page.bubbles("user").last.inner_text().endswith("Book a consultation")  # the title is shown
        page.wait_for_bot("What's your name?")
        page.say("Alex Morgan")
        page.say("07911 123456")
        page.say(a_future_weekday_text())
        page.say("skip")
        page.wait_for_bot("May the clinic keep these details")
        page.press("Yes, I agree")
        page.wait_for_bot("Please check your request")
        page.page.screenshot(path=str(RESULTS / "widget-desktop.png"))
        page.press("Yes, send it")
        reference = REFERENCE.search(page.log_text()).group(0)

        stored = servers.bookings.find(reference)
        assert stored["name"] == "Alex Morgan" and stored["contact"].replace(" ", "").endswith("7911123456")

        before = page.bubbles("bot").count() + page.bubbles("user").count()
        page.page.reload()
        page.page.wait_for_selector(".cc-panel:not([hidden])", timeout=WAIT_MS)  # still open
        page.page.locator(".cc-log .cc-bot", has_text=reference).wait_for(timeout=WAIT_MS)
        assert page.bubbles("bot").count() + page.bubbles("user").count() == before  # the same history
        assert "Book a consultation" in page.bubbles("user").all_inner_texts()[1]

        page.page.goto(site.url + "/visit.html")  # another page of the site: the same conversation
        page.page.locator(".cc-log .cc-bot", has_text=reference).wait_for(timeout=WAIT_MS)

        page.say("what are your opening hours and where are you?")
        links = page.page.locator(".cc-log .cc-bot").last.locator("a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert f"tel:{re.sub(r'[^0-9+]', '', clinic().phone)}" in hrefs
        assert f"mailto:{clinic().email}" in hrefs
    finally:
        requests = sorted(set(page.requests))
        (RESULTS / "requests.txt").write_text("\n".join(requests) + "\n")
        page.close()
    hosts = {urlparse(url).hostname for url in requests}
    assert hosts == {"127.0.0.1"}, f"requests to other hosts: {hosts}"


def test_typed_markup_is_shown_as_text_and_runs_nothing(browser, site, servers):
    page = Page(browser, site)
    try:
        page.open_and_greet()
        hostile = "<img src=x onerror=alert(1)>"
        page.say(hostile)
        assert page.bubbles("user").last.inner_text().endswith(hostile)
        assert page.page.locator(".cc-log img").count() == 0
        assert page.dialogs == []
    finally:
        page.close()


def test_keyboard_use_and_start_over(browser, site, servers):
    page = Page(browser, site)
    try:
        page.open()
        page.page.focus(".cc-launcher")
        page.page.keyboard.press("Enter")
        assert page.page.evaluate("document.activeElement.id") == "cc-input"
        page.wait_for_bot(clinic().name)
        page.say("how many sessions will I need?")
        page.page.keyboard.press("Escape")
        assert page.page.is_hidden(".cc-panel")
        assert page.page.evaluate("document.activeElement.className") == "cc-launcher"
        assert page.page.get_attribute(".cc-launcher", "aria-expanded") == "false"

        page.page.keyboard.press("Enter")
        expect(page.page.locator(".cc-launcher")).to_have_accessible_name("Close chat")  # open: it closes
        old_session = page.page.evaluate("window.clinicChat.sessionId")
        start_over = page.page.get_by_role("button", name="Start over", exact=True)
        confirm = page.page.get_by_role("alertdialog", name="Start over? This clears the conversation.")

        start_over.click()  # asks first; the safe answer has the focus
        expect(confirm).to_be_visible()
        assert page.page.evaluate("document.activeElement.textContent") == "Keep the chat"
        # the newest message stays in view under the question (a browser play-test found it cut off)
        log, newest = page.page.locator(".cc-log").bounding_box(), page.bubbles("bot").last.bounding_box()
        assert newest["y"] + newest["height"] <= log["y"] + log["height"] + 1, (newest, log)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(SCREENSHOTS / "start-over-confirm.png"))
        page.page.get_by_role("button", name="Keep the chat", exact=True).click()
        expect(confirm).to_be_hidden()
        assert page.page.evaluate("document.activeElement.textContent") == "Start over"
        page.page.keyboard.press("Enter")  # asked again; Escape cancels and leaves the chat open
        expect(confirm).to_be_visible()
        page.page.keyboard.press("Escape")
        expect(confirm).to_be_hidden()
        assert page.page.is_visible(".cc-panel")
        assert "sessions" in page.log_text()
        assert page.page.evaluate("window.clinicChat.sessionId") == old_session

        page.page.keyboard.press("Enter")
        page.page.keyboard.press("Shift+Tab")  # from "Keep the chat" back to Yes
        page.page.keyboard.press("Enter")
        expect(confirm).to_be_hidden()
        page.page.wait_for_function(f"window.clinicChat.sessionId && window.clinicChat.sessionId !== {old_session!r}",
                                    timeout=WAIT_MS)
        page.wait_for_bot(clinic().name)  # a new conversation, greeted again
        assert "sessions" not in page.log_text()
        assert page.page.get_attribute(".cc-log", "aria-live") == "polite"  # new messages are announced
    finally:
        page.close()


def reply_buttons(page):
    """Every reply button in the log: its message's index among the bot's, its title, whether it is disabled."""
    return page.page.evaluate("""() => [...document.querySelectorAll('.cc-log .cc-bot')].flatMap((message, i) =>
        [...message.querySelectorAll('.cc-reply')].map(b => [i, b.textContent, b.disabled]))""")


def test_an_answered_messages_buttons_are_disabled(browser, site, servers):
    page = Page(browser, site)
    try:
        page.open_and_greet()
        page.wait_for_bot("not medical advice")  # the disclaimer after the greeting, no buttons of its own
        page.wait_idle()
        greeting = page.page.locator(".cc-log .cc-bot", has_text=clinic().name).first.locator(".cc-reply")
        assert [greeting.nth(i).is_disabled() for i in range(greeting.count())] == [False] * 3

        # A typed reply answers the greeting; the two answers that come are one reply, and both keep their buttons
        # (a browser play-test found the first answer's offer disabled as it arrived)
        page.page.fill(".cc-input", "does it hurt and how many sessions will I need?")
        page.page.press(".cc-input", "Enter")
        page.wait_for_bot("3-6 treatments")
        pain = page.page.locator(".cc-log .cc-bot", has_text="numbing cream")
        sessions = page.page.locator(".cc-log .cc-bot", has_text="3-6 treatments")
        assert greeting.count() == 3 and [greeting.nth(i).is_disabled() for i in range(3)] == [True] * 3
        assert [b.is_disabled() for b in pain.locator(".cc-reply").all()] == [False, False]
        # the second answer's "Book a consultation" is the first's, offered once in the reply (the play-tests found
        # three in one reply)
        assert [b.inner_text() for b in sessions.locator(".cc-reply").all()] == ["When will I see results?"]
        assert [b.is_disabled() for b in sessions.locator(".cc-reply").all()] == [False]
        expect(page.page.get_by_role("button", name="Book a consultation", disabled=False)).to_have_count(1)
        done, usable = greeting.first, sessions.locator(".cc-reply").first
        assert done.get_attribute("disabled") is not None  # for assistive tech too
        expect(page.page.get_by_role("button", name="What happens step by step?", disabled=True)).to_have_count(1)
        style = "b => [getComputedStyle(b).borderStyle, getComputedStyle(b).color]"
        assert done.evaluate(style) != usable.evaluate(style)  # and visibly

        page.press("Book a consultation")  # a pressed button is done too
        page.wait_for_bot("What's your name?")
        assert [b.is_disabled() for b in sessions.locator(".cc-reply").all()] == [True]
        buttons = reply_buttons(page)
        assert len(buttons) == 6 and [disabled for _, _, disabled in buttons] == [True] * 6
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(SCREENSHOTS / "disabled-buttons.png"))

        page.page.reload()  # the history comes back with the same buttons, done as they were
        page.wait_for_bot("What's your name?")
        assert reply_buttons(page) == buttons
    finally:
        page.close()


def test_several_answers_are_read_from_the_first(browser, site, servers):
    page = Page(browser, site)
    try:
        page.open_and_greet()
        before = page.bubbles("bot").count()
        page.page.fill(".cc-input", "does it hurt and how many sessions will I need?")
        page.page.press(".cc-input", "Enter")
        page.wait_for_bot("numbing cream")
        page.wait_for_bot("3-6 treatments")
        page.wait_idle()
        assert page.bubbles("bot").count() - before >= 2
        log = page.page.locator(".cc-log").bounding_box()
        first = page.bubbles("bot").nth(before).bounding_box()
        assert log["y"] <= first["y"] < log["y"] + log["height"], (first, log)  # its top is in view
        asked = page.bubbles("user").last.bounding_box()  # and the question it answers, above it
        assert log["y"] <= asked["y"] < first["y"], (asked, log)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(SCREENSHOTS / "several-answers-scroll.png"))
    finally:
        page.close()


def test_on_a_phone_the_launcher_leaves_the_last_line_clear(browser, site, servers):
    page = Page(browser, site, 390, 844)
    try:
        page.open()
        # A host page whose text runs to its very end, as any site's may: no room kept for the launcher.
        page.page.add_style_tag(content="main { padding-bottom: 0 !important; }")
        page.page.evaluate("""() => { for (let i = 1; i <= 30; i++) document.querySelector('main')
            .appendChild(document.createElement('p')).textContent = `Paragraph ${i} of the clinic's page, `
            + 'long enough to fill the width of a phone screen from one side to the other.'; }""")
        page.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        last_line = page.page.evaluate("""() => { const range = document.createRange();
            range.selectNodeContents(document.querySelector('main p:last-of-type'));
            const rects = range.getClientRects(); return rects[rects.length - 1].toJSON(); }""")
        launcher = page.page.locator(".cc-launcher").bounding_box()
        assert last_line["bottom"] <= launcher["y"], (last_line, launcher)
        assert last_line["bottom"] <= 844  # scrolled into view, not pushed off the screen
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(SCREENSHOTS / "phone-launcher.png"))

        expect(page.page.locator(".cc-launcher")).to_have_accessible_name("Chat with us")
        page.page.locator(".cc-launcher").click()
        page.wait_for_bot(clinic().name)
        assert page.page.get_attribute(".cc-launcher", "aria-expanded") == "true"
        assert page.page.text_content(".cc-launcher") == "Close chat"
        page.page.get_by_role("button", name="Close chat").click()  # the panel's own close button
        expect(page.page.get_by_role("button", name="Chat with us")).to_be_visible()
    finally:
        page.close()


def test_the_demo_page_has_a_favicon(browser, site, servers):
    """Headless Chromium asks for no favicon, so the test asks for the one a browser would:
    the page's icon link, or /favicon.ico when there is none."""
    for path in ("/index.html", "/visit.html"):
        page = Page(browser, site)
        failed = []
        page.page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
        page.page.on("requestfailed", lambda request: failed.append(request.url))
        try:
            page.open(path)
            icon = page.page.evaluate("""() => (document.querySelector('link[rel~="icon"]') || {}).href
                || new URL('/favicon.ico', location.href).href""")
            response = page.context.request.get(icon)
            assert response.status == 200, (icon, response.status)
            assert response.headers["content-type"] == "image/svg+xml"
            assert failed == []
        finally:
            page.close()


def test_no_serious_accessibility_violation_and_it_fits_a_phone(browser, site, servers):
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {}
    for name, (width, height) in {"desktop": (1280, 800), "phone": (375, 667)}.items():
        page = Page(browser, site, width, height)
        try:
            page.open_and_greet()
            page.say("does it hurt?")
            page.wait_for_bot("numbing cream")
            if name == "phone":
                assert page.page.evaluate("document.documentElement.scrollWidth") <= width
                box = page.page.locator(".cc-panel").bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width
                page.page.screenshot(path=str(RESULTS / "widget-phone.png"))
            page.page.get_by_role("button", name="Start over", exact=True).click()  # its question is checked too
            page.page.get_by_role("alertdialog").wait_for(timeout=WAIT_MS)
            page.page.add_script_tag(path=str(AXE))
            axe = page.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            results[name] = [
                {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in axe["violations"]
            ]
        finally:
            page.close()
    (RESULTS / "axe.json").write_text(json.dumps(results, indent=2) + "\n")
    serious = {name: [v for v in found if v["impact"] in ("serious", "critical")] for name, found in results.items()}
    assert serious == {"desktop": [], "phone": []}


def test_the_widget_reconnects_when_the_server_restarts(browser, site, servers):
    """Last in this module: it stops and starts the session's Rasa server."""
    page = Page(browser, site)
    try:
        page.open_and_greet()
        page.say("does it hurt?")
        page.wait_for_bot("numbing cream")
        shown = page.bubbles("bot").count() + page.bubbles("user").count()

        servers.restart_rasa(down_s=3)
        page.page.wait_for_function("document.querySelector('.cc-status').textContent === ''", timeout=WAIT_MS)
        page.say("how many sessions will I need?")  # answered over the new connection, same conversation
        page.wait_for_bot("3-6 treatments")
        assert page.bubbles("bot").count() + page.bubbles("user").count() > shown
        assert "numbing cream" in page.log_text()
    finally:
        page.close()


def test_the_emergency_number_and_a_web_address_are_links(browser, site, servers):
    # a browser play-test found "call 999" and "111.nhs.uk" plain text, where a tap on a phone should call or open
    with Page(browser, site, width=390, height=844) as page:
        page.open_and_greet()
        page.say("my lips and throat are swelling up after my treatment today")
        emergency = clinic().facts()["emergency_number"]
        answer = page.page.locator(".cc-log .cc-bot").last
        hrefs = [link.get_attribute("href") for link in answer.locator("a").all()]
        assert f"tel:{emergency}" in hrefs, hrefs


def test_links_are_made_of_contacts_web_addresses_and_numbers_to_call_only(browser, site, servers):
    with Page(browser, site) as page:
        page.open()
        made = page.page.evaluate("""() => {
            return [
              'call NHS 111 (or go to 111.nhs.uk) now',
              'about 3.5 weeks, e.g. here; not 111 alone',
              'email hello@lumen.co.uk or ring 020 7946 0321',
              'في حالة الطوارئ اتصل بـ 999',
            ].map(text => window.clinicChat.linksOf(text));
        }""")
        assert made == [
            [["tel:111", "111"], ["https://111.nhs.uk", "111.nhs.uk"]],
            [],
            [["mailto:hello@lumen.co.uk", "hello@lumen.co.uk"], ["tel:02079460321", "020 7946 0321"]],
            [["tel:999", "999"]],  # an emergency number in another language's words (browser play-test 2)
        ]
        # a number reads left to right in a right-to-left reply too (browser play-test 2: reversed in Arabic)
        directions = page.page.evaluate("""() => [...window.clinicChat.linksOfElements('call +44 20 7946 0321')]
            .map(a => a.getAttribute('dir'))""")
        assert directions == ["ltr"]
        # what the person typed stays as typed: their own "111" is no link (browser play-test 4)
        links = page.page.evaluate("""() => [
            window.clinicChat.bubble('user', 'should i ring 111 or 999?').querySelectorAll('a').length,
            window.clinicChat.bubble('bot', 'call NHS 111 now').querySelectorAll('a').length,
        ]""")
        assert links == [0, 1]


def test_deleting_ones_data_takes_the_conversation_off_the_screen(browser, site, servers):
    # a browser play-test found the name, number and reference still shown after "deleted"
    with Page(browser, site, width=390, height=844) as page:
        page.open_and_greet()
        page.say("my name is Dana Whitlock, does it hurt?")
        page.say("delete my data")
        # (not page.press: it waits for more of the bot's messages than before, and the log is then one message)
        page.page.get_by_role("button", name="Yes, delete my data", exact=True).last.click()
        page.wait_for_bot("I've deleted")
        page.page.wait_for_function("document.querySelectorAll('.cc-log .cc-msg').length === 1", timeout=WAIT_MS)
        assert "Dana Whitlock" not in page.log_text() and "I've deleted" in page.log_text()
        page.page.reload()  # and it does not come back
        page.page.wait_for_selector(".cc-panel:not([hidden])", timeout=WAIT_MS)
        page.page.wait_for_timeout(1000)  # the history the server gives
        assert "Dana Whitlock" not in page.page.inner_text("body")
