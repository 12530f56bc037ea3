"""Signing in: sessions, the CSRF token and the origin check, the limit on failed sign-ins, expiry."""

import hashlib

import pytest
from sqlalchemy import select

from console.app import SESSION_COOKIE, SIGN_IN_COOKIE
from core.database import staff_sessions, staff_sign_in_failures

from .conftest import PASSWORD, csrf_of, serve



async def test_every_protected_route_is_refused_without_a_session(console):
    reference = console.add_request()
    browser = console.browser()
    for path in ("/", "/requests", f"/requests/{reference}", "/requests/MN-NONE", "/anything"):
        resp = await browser.get(path)
        assert resp.status == 303, path
        assert resp.headers["Location"].startswith("/sign-in"), path
        assert "Zo" not in resp.body and "+4479" not in resp.body
    for path in (f"/requests/{reference}", "/sign-out"):
        resp = await browser.post(path, data={"status": "closed", "note": "x", "csrf_token": "x"})
        assert resp.status == 401, path
    assert console.store.find(reference)["status"] is None  # nothing changed


async def test_a_made_up_session_cookie_is_refused(console):
    browser = console.browser()
    browser.cookies[SESSION_COOKIE] = "made-up"
    resp = await browser.get("/requests")
    assert resp.status == 303 and resp.headers["Location"].startswith("/sign-in")


async def test_the_sign_in_page_and_the_static_files_answer_without_a_session(console):
    browser = console.browser()
    page = await browser.get("/sign-in")
    assert page.status == 200 and '<label for="password">' in page.body
    css = await browser.get("/static/console.css")
    assert css.status == 200 and "focus-visible" in css.body


async def test_the_right_password_signs_in_and_the_cookie_is_httponly_and_strict(console):
    browser = console.browser()
    resp = await browser.sign_in()
    assert resp.status == 303 and resp.headers["Location"] == "/requests"
    morsel = browser.set_cookies[SESSION_COOKIE][SESSION_COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Strict" and morsel["path"] == "/"
    assert not morsel["secure"]  # loopback: plain http works
    assert (await browser.get("/requests")).status == 200


async def test_the_cookie_is_secure_outside_loopback(console):
    browser = console.browser()
    host = {"Host": "console.example-clinic.com"}
    token = csrf_of((await browser.get("/sign-in", headers=host)).body)
    assert browser.set_cookies[SIGN_IN_COOKIE][SIGN_IN_COOKIE]["secure"]
    resp = await browser.post(
        "/sign-in", data={"csrf_token": token, "name": "alice", "password": PASSWORD},
        headers={**host, "Origin": "http://console.example-clinic.com"},
    )
    assert resp.status == 303
    assert browser.set_cookies[SESSION_COOKIE][SESSION_COOKIE]["secure"]


async def test_with_a_configured_https_origin_the_cookie_is_secure_and_only_that_origin_may_post(
    tmp_path, clock, sanic_test_mode
):
    async with serve(tmp_path, clock, origin="https://console.example-clinic.com") as console:
        browser = console.browser()
        token = await browser.sign_in_token()
        assert browser.set_cookies[SIGN_IN_COOKIE][SIGN_IN_COOKIE]["secure"]  # though reached on loopback
        data = {"csrf_token": token, "name": "alice", "password": PASSWORD}
        assert (await browser.post("/sign-in", data=data)).status == 403  # Origin http://127.0.0.1:…
        resp = await browser.post("/sign-in", data=data, headers={"Origin": "https://console.example-clinic.com"})
        assert resp.status == 303
        assert browser.set_cookies[SESSION_COOKIE][SESSION_COOKIE]["secure"]


async def test_a_wrong_password_or_an_unknown_name_is_refused(console):
    for name, password in (("alice", "wrong password!"), ("alice", ""), ("bob", PASSWORD), ("admin", "admin")):
        browser = console.browser()
        resp = await browser.sign_in(name, password)
        assert resp.status == 401, name
        assert "do not match" in resp.body
        assert browser.session_id() is None
        assert (await browser.get("/requests")).status == 303


async def test_too_many_failures_for_an_account_are_refused_even_with_the_right_password(console):
    browser = console.browser()
    for _ in range(3):
        assert (await browser.sign_in("alice", "not the password")).status == 401
    resp = await browser.sign_in("alice", PASSWORD)
    assert resp.status == 429
    assert "Too many failed sign-ins" in resp.body and "15 minutes" in resp.body
    assert browser.session_id() is None
    console.clock.advance(minutes=16)  # the window passes
    assert (await browser.sign_in("alice", PASSWORD)).status == 303


async def test_too_many_failures_from_one_address_are_refused_for_any_account(console):
    console.accounts.create("bob", PASSWORD)
    browser = console.browser()
    for index in range(6):  # 6 names, each under its own limit of 3
        assert (await browser.sign_in(f"guess{index}", "not the password")).status == 401
    assert (await browser.sign_in("bob", PASSWORD)).status == 429
    with console.store.engine.connect() as connection:
        addresses = set(connection.execute(select(staff_sign_in_failures.c.address)).scalars())
    assert addresses == {"127.0.0.1"}


async def test_the_session_id_changes_at_sign_in_and_only_its_hash_is_stored(console):
    browser = console.browser()
    await browser.sign_in()
    first = browser.session_id()
    assert first and (await browser.get("/requests")).status == 200
    resp = await browser.sign_in()  # again, sending the first session's cookie
    assert resp.status == 303
    second = browser.session_id()
    assert second and second != first
    assert (await browser.get("/requests")).status == 200
    stale = console.browser()
    stale.cookies[SESSION_COOKIE] = first
    assert (await stale.get("/requests")).status == 303  # the session the browser had is over
    with console.store.engine.connect() as connection:
        stored = set(connection.execute(select(staff_sessions.c.id_hash)).scalars())
    assert stored == {hashlib.sha256(second.encode()).hexdigest()}


async def test_a_session_cookie_planted_before_sign_in_is_not_kept(console):
    console.accounts.create("mallory", PASSWORD)
    attacker = console.browser()
    await attacker.sign_in("mallory")
    victim = console.browser()
    victim.cookies[SESSION_COOKIE] = attacker.session_id()
    await victim.sign_in("alice")
    assert victim.session_id() != attacker.session_id()
    page = await victim.get("/requests")
    assert "Signed in as alice" in page.body
    assert (await attacker.get("/requests")).status == 303


async def test_a_session_unused_for_too_long_is_refused(console):
    browser = console.browser()
    await browser.sign_in()
    console.clock.advance(minutes=29)
    assert (await browser.get("/requests")).status == 200  # used: its idle time starts again
    console.clock.advance(minutes=29)
    assert (await browser.get("/requests")).status == 200
    console.clock.advance(minutes=31)
    resp = await browser.get("/requests")
    assert resp.status == 303 and resp.headers["Location"].startswith("/sign-in")
    console.clock.advance(minutes=-31)  # and it was deleted, not only refused
    assert (await browser.get("/requests")).status == 303


async def test_sessions_and_failures_that_are_over_are_deleted_at_the_next_sign_in(console):
    idle = console.browser()
    await idle.sign_in()
    await console.browser().sign_in("my password is long", "a mistyped password")
    console.clock.advance(minutes=31)
    await console.browser().sign_in("bob", "another mistyped one")
    await console.browser().sign_in()
    with console.store.engine.connect() as connection:
        sessions = list(connection.execute(select(staff_sessions.c.id_hash)).scalars())
        failures = list(connection.execute(select(staff_sign_in_failures.c.account)).scalars())
    assert hashlib.sha256(idle.session_id().encode()).hexdigest() not in sessions and len(sessions) == 1
    assert failures == ["bob"]  # the one out of the window went at the next failure


async def test_a_session_ends_after_session_hours_however_busy(console):
    browser = console.browser()
    await browser.sign_in()
    answered = 0
    for _ in range(30):
        console.clock.advance(minutes=29)
        if (await browser.get("/requests")).status != 200:
            break
        answered += 1
    assert answered == 24  # 24 x 29 min = 11 h 36 min; at 12 h 5 min it is over


async def test_signing_out_ends_the_session(console):
    browser = console.browser()
    await browser.sign_in()
    cookie = browser.session_id()
    token = csrf_of((await browser.get("/requests")).body)
    resp = await browser.post("/sign-out", data={"csrf_token": token})
    assert resp.status == 303
    again = console.browser()
    again.cookies[SESSION_COOKIE] = cookie
    assert (await again.get("/requests")).status == 303


async def test_the_sign_in_form_needs_its_token(console):
    for data in ({"name": "alice", "password": PASSWORD}, {"name": "alice", "password": PASSWORD, "csrf_token": "x"}):
        browser = console.browser()
        await browser.get("/sign-in")  # has the cookie, but the form is not the one it was given
        resp = await browser.post("/sign-in", data=data)
        assert resp.status == 403
        assert browser.session_id() is None


async def test_sign_in_from_another_origin_is_refused(console):
    browser = console.browser()
    resp = await browser.sign_in(headers={"Origin": "https://evil.example"})
    assert resp.status == 403 and browser.session_id() is None


async def test_next_only_leads_within_the_console(console):
    browser = console.browser()
    token = await browser.sign_in_token()
    resp = await browser.post(
        "/sign-in", data={"csrf_token": token, "name": "alice", "password": PASSWORD, "next": "//evil.example/x"}
    )
    assert resp.status == 303 and resp.headers["Location"] == "/requests"


async def test_a_second_sign_in_page_keeps_the_first_pages_form_working(console):
    # found in a real browser: its request for the icon reached the sign-in page, whose new token replaced the
    # cookie, and the form on screen was then refused
    browser = console.browser()
    first = await browser.sign_in_token()
    second = await browser.sign_in_token()  # another tab, or the browser's own request for /favicon.ico
    assert second == first
    resp = await browser.post("/sign-in", data={"csrf_token": first, "name": "alice", "password": PASSWORD})
    assert resp.status == 303


async def test_the_icon_needs_no_session(console):
    resp = await console.browser().get("/favicon.ico")
    assert resp.status == 301 and resp.headers["Location"] == "/static/favicon.svg"
