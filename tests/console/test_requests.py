"""The booking requests: the list shows little, a request's page the rest; a change needs the session's CSRF
token and the console's own origin, and is audited with who and when; deleting a request leaves no personal
data in the audit log."""

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from console.app import create_app
from core.database import BookingRequest, BookingStore

from .conftest import PERSON, START, csrf_of

# the bookings table as a version before the console (and before consent_version, request_key) made it
OLD_BOOKINGS_TABLE = (
    "CREATE TABLE bookings (id INTEGER PRIMARY KEY, reference VARCHAR(16) NOT NULL UNIQUE, name TEXT NOT NULL,"
    " contact_kind VARCHAR(8) NOT NULL, contact TEXT NOT NULL, preferred_start DATETIME NOT NULL,"
    " preferred_end DATETIME NOT NULL, preferred_text TEXT NOT NULL, concern TEXT, consent BOOLEAN NOT NULL,"
    " conversation_id TEXT, created_at DATETIME NOT NULL)"
)
TEMPLATES = Path(__file__).resolve().parents[2] / "console" / "templates"


async def signed_in(console):
    browser = console.browser()
    resp = await browser.sign_in()
    assert resp.status == 303
    return browser


async def test_the_list_shows_no_contact_details_and_the_request_page_does(console):
    reference = console.add_request()
    browser = await signed_in(console)
    listing = await browser.get("/requests")
    assert listing.status == 200
    assert reference in listing.body and "Zoë" in listing.body
    for private in ("Ñúñez", "O&#39;Brien", "O'Brien", PERSON["contact"], "7911", PERSON["concern"]):
        assert private not in listing.body, private
    page = await browser.get(f"/requests/{reference}")
    assert page.status == 200
    assert PERSON["contact"] in page.body and "Ñúñez" in page.body and PERSON["concern"] in page.body


async def test_a_request_the_person_cancelled_in_the_chat_is_shown_cancelled(console):
    # play-test 130: a request sent could be cancelled in the chat only through the clinic
    reference = console.add_request()
    request = console.store.find(reference)
    console.clock.advance(minutes=20)
    assert console.store.cancel(reference, request["conversation_id"], notify=[]) == 1
    browser = await signed_in(console)
    listing = (await browser.get("/requests")).body
    assert "cancelled in the chat" in listing and "changed in the chat" not in listing
    page = (await browser.get(f"/requests/{reference}")).body
    assert "Changed in the chat" in page and "cancelled by the person" in page


async def test_a_change_the_person_made_in_the_chat_shows_what_and_when(console):
    reference = console.add_request()
    request = BookingRequest(**{
        column: value for column, value in console.store.find(reference).items()
        if column in BookingRequest.__dataclass_fields__
    })
    console.clock.advance(minutes=20)
    changed = dataclasses.replace(request, preferred_text="friday afternoon instead", concern="acne scars, chin")
    assert console.store.change(reference, changed, change_key="k1", notify=[]) == 1
    browser = await signed_in(console)
    listing = (await browser.get("/requests")).body
    assert "changed in the chat" in listing and "acne scars, chin" not in listing
    page = (await browser.get(f"/requests/{reference}")).body
    assert "Changed in the chat" in page and "preferred time, concern" in page
    assert "friday afternoon instead" in page and "acne scars, chin" in page


async def test_the_list_is_newest_first(console):
    older = console.add_request("conversation-1", name="Older Person")
    console.clock.advance(minutes=5)
    newer = console.add_request("conversation-2", name="Newer Person")
    listing = (await (await signed_in(console)).get("/requests")).body
    assert listing.index(newer) < listing.index(older)


async def test_a_status_change_is_saved_and_audited_with_who_and_when(console):
    reference = console.add_request()
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    console.clock.advance(minutes=7)
    resp = await browser.post(
        f"/requests/{reference}", data={"csrf_token": token, "status": "contacted", "note": "Left a voicemail for Zoë"}
    )
    assert resp.status == 303
    stored = console.store.find(reference)
    assert stored["status"] == "contacted" and stored["note"] == "Left a voicemail for Zoë"
    assert stored["status_changed_by"] == "alice"
    changes = [row for row in console.accounts.audit_log() if row["action"] == "request_changed"]
    assert len(changes) == 1
    change = changes[0]
    assert change["account"] == "alice" and change["reference"] == reference
    assert change["at"].replace(tzinfo=dt.timezone.utc) == START + dt.timedelta(minutes=7)
    assert change["detail"] == "status new -> contacted; note changed"
    listing = (await browser.get("/requests")).body
    assert "contacted" in listing and "alice" in listing
    page = (await browser.get(resp.headers["Location"])).body
    assert "Saved." in page and "changed by alice" in page


async def test_viewing_a_request_is_audited(console):
    reference = console.add_request()
    browser = await signed_in(console)
    await browser.get(f"/requests/{reference}")
    assert [(row["account"], row["action"], row["reference"]) for row in console.accounts.audit_log()][-1] == (
        "alice", "request_viewed", reference)


async def test_the_audit_log_page_shows_who_did_what_to_which_newest_first_and_nothing_personal(console):
    reference = console.add_request()
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    console.clock.advance(minutes=1)
    await browser.post(f"/requests/{reference}", data={"csrf_token": token, "status": "booked", "note": "Zoë, 3pm"})
    page = (await browser.get("/audit")).body
    changed, viewed = page.index("request changed"), page.index("request viewed")
    assert changed < viewed  # newest first
    assert reference in page and "alice" in page and "status new -&gt; booked; note changed" in page
    for private in ("Zoë", "Ñúñez", PERSON["contact"], "3pm"):
        assert private not in page, private


async def test_an_unknown_status_is_refused(console):
    reference = console.add_request()
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    resp = await browser.post(f"/requests/{reference}", data={"csrf_token": token, "status": "paid", "note": ""})
    assert resp.status == 400
    assert console.store.find(reference)["status"] is None


@pytest.mark.parametrize("token", [None, "", "wrong"])
async def test_a_change_without_the_sessions_csrf_token_is_refused(console, token):
    reference = console.add_request()
    browser = await signed_in(console)
    await browser.get(f"/requests/{reference}")
    data = {"status": "closed", "note": "x"}
    if token is not None:
        data["csrf_token"] = token
    resp = await browser.post(f"/requests/{reference}", data=data)
    assert resp.status == 403
    assert console.store.find(reference)["status"] is None


async def test_another_sessions_csrf_token_is_refused(console):
    reference = console.add_request()
    first, second = await signed_in(console), await signed_in(console)
    token_of_first = csrf_of((await first.get(f"/requests/{reference}")).body)
    resp = await second.post(f"/requests/{reference}", data={"csrf_token": token_of_first, "status": "closed"})
    assert resp.status == 403
    assert console.store.find(reference)["status"] is None


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": None, "Referer": "https://evil.example/page"},
        {"Origin": None, "Referer": "http://127.0.0.1.evil.example/"},
        {"Origin": None},  # neither header
    ],
)
async def test_a_change_from_another_origin_is_refused(console, headers):
    reference = console.add_request()
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    resp = await browser.post(f"/requests/{reference}", data={"csrf_token": token, "status": "closed"},
                              headers=headers)
    assert resp.status == 403
    assert console.store.find(reference)["status"] is None


@pytest.mark.parametrize("tail", ["0/requests", ".evil.example/requests", "@evil.example/"])
async def test_a_referer_that_only_starts_like_the_console_is_another_origin(console, tail):
    reference = console.add_request()
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    resp = await browser.post(f"/requests/{reference}", data={"csrf_token": token, "status": "closed"},
                              headers={"Origin": None, "Referer": console.base + tail})
    assert resp.status == 403
    assert console.store.find(reference)["status"] is None


async def test_a_change_with_only_the_consoles_own_referer_is_accepted(console):
    reference = console.add_request()
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    resp = await browser.post(f"/requests/{reference}", data={"csrf_token": token, "status": "booked"},
                              headers={"Origin": None, "Referer": f"{console.base}/requests/{reference}"})
    assert resp.status == 303
    assert console.store.find(reference)["status"] == "booked"


async def test_pages_carry_the_security_headers_and_are_not_cached(console):
    reference = console.add_request()
    browser = await signed_in(console)
    for path in ("/sign-in", "/requests", f"/requests/{reference}"):
        resp = await browser.get(path)
        csp = resp.headers["Content-Security-Policy"]
        # scripts only from the console's own files (the chat page's refresh), never inline
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "script-src 'self';" in csp
        assert "default-src 'none'" in csp
        assert resp.headers["X-Frame-Options"] == "DENY"
        assert resp.headers["Cache-Control"] == "no-store", path
        assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_the_templates_have_no_inline_script_and_no_inline_style():
    texts = {path.name: path.read_text(encoding="utf-8") for path in TEMPLATES.glob("*.html")}
    assert len(texts) >= 4
    for name, text in texts.items():
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", text, re.IGNORECASE), name
        # a script only as a file of the console's own (CSP script-src 'self'), with nothing inline
        for tag in re.findall(r"<script[^>]*>[^<]*</script>", text, re.IGNORECASE):
            assert re.fullmatch(r'<script src="/static/[a-z_]+\.js"></script>', tag), (name, tag)


def test_every_form_field_has_a_label_and_every_post_form_a_csrf_token():
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', text))
        fields = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>', text)
        assert len(ids) == len(fields), path.name
        assert all(f'<label for="{field_id}">' in text for field_id in ids), path.name
        assert text.count('method="post"') == text.count('name="csrf_token"'), path.name


async def test_deleting_a_conversations_data_leaves_no_personal_data_in_the_console(console):
    reference = console.add_request("conversation-9")
    browser = await signed_in(console)
    token = csrf_of((await browser.get(f"/requests/{reference}")).body)
    await browser.post(f"/requests/{reference}",
                       data={"csrf_token": token, "status": "contacted", "note": "Zoë prefers +447911123456"})
    assert console.store.delete_for_conversation("conversation-9") == 1  # actions/privacy.py's call
    assert (await browser.get(f"/requests/{reference}")).status == 404
    listing = (await browser.get("/requests")).body
    assert reference not in listing and "Zoë" not in listing
    audit = repr(console.accounts.audit_log())
    assert reference in audit
    for private in ("Zoë", "Ñúñez", "7911", "voicemail", "prefers", PERSON["concern"], "conversation-9"):
        assert private not in audit, private


async def test_purge_removes_old_requests_from_the_console(console):
    old = console.add_request("conversation-old", name="Old Request")
    console.clock.advance(days=400)
    new = console.add_request("conversation-new", name="New Request")
    assert console.store.purge_before(console.clock() - dt.timedelta(days=365)) == 1  # ops/purge.py's call
    listing = (await (await signed_in(console)).get("/requests")).body
    assert new in listing and old not in listing and "Old" not in listing


def test_the_console_creates_its_tables_on_a_bookings_database_made_before_them(tmp_path):
    from sqlalchemy import create_engine, inspect

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:  # the bookings table as an earlier version made it
        connection.exec_driver_sql(OLD_BOOKINGS_TABLE)
    from zoneinfo import ZoneInfo

    from .conftest import SETTINGS

    create_app(url, SETTINGS, ZoneInfo("UTC"))
    columns = {column["name"] for column in inspect(engine).get_columns("bookings")}
    assert {"status", "note", "status_changed_by", "status_changed_at"} <= columns
    assert {"staff_accounts", "staff_sessions", "staff_audit", "staff_sign_in_failures"} <= set(
        inspect(engine).get_table_names())
    BookingStore(url).dispose()
