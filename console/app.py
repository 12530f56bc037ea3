"""The staff console's web app (Sanic 21.12, Jinja2 templates): sign-in, the booking requests, one request.

Nothing answers without a session but the sign-in page and the static files. Every POST must come from the
console's own origin (Origin, else Referer) and carry the CSRF token: the session's, or on the sign-in form
a token that is also in a short-lived cookie (no session yet). Every response carries the security headers;
the pages are never cached.
"""

import asyncio
import datetime as dt
import hmac
import re
import secrets
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from console import requests as booking_requests
from console.accounts import Accounts, SignInRefused
from console.chats import RasaHandover, RasaUnavailable, run, waiting_for
from core import handover
from core.database import REQUEST_STATUSES, BookingStore, utcnow
from core.settings import ConsoleSettings

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "console_session"
SIGN_IN_COOKIE = "console_sign_in"  # the sign-in form's CSRF token, before there is a session
SIGN_IN_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) makes
PUBLIC_PATHS = ("/sign-in", "/favicon.ico")
STATIC_PREFIX = "/static/"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
AUDIT_PAGE_SIZE = 500  # the newest entries the audit page shows
# what went wrong with a chat, by the code a redirect carries
CHAT_PROBLEMS = {
    "taken": "Someone else has taken this chat, or it has ended.",
    "untold": "Saved, but the patient could not be told: the assistant's server cannot be reached.",
    "unsent": "Not sent: the assistant's server cannot be reached. Try again.",
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def hostname(request: Request) -> str:
    return (urlsplit(f"//{request.host}").hostname or "").lower()


def is_loopback(request: Request) -> bool:
    return hostname(request) in LOOPBACK_HOSTS


def own_origin(request: Request, configured: Optional[str]) -> str:
    return configured.rstrip("/") if configured else f"{request.scheme}://{request.host}"


def same_origin(request: Request, configured: Optional[str]) -> bool:
    """Origin must be the console's own; without Origin, Referer must be on it; without either, no."""
    expected = own_origin(request, configured)
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == expected
    referer = request.headers.get("referer")
    return referer is not None and (referer == expected or referer.startswith(expected + "/"))


def same_token(given: Optional[str], expected: Optional[str]) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(str(given).encode(), str(expected).encode())


def secure_cookies(request: Request, configured_origin: Optional[str]) -> bool:
    """Secure cookies, but on plain http to the machine itself: with a configured origin, when it is https;
    without one, unless the request was made to localhost."""
    if configured_origin:
        return configured_origin.startswith("https://")
    return not is_loopback(request)


def set_cookie(
    request: Request, resp: HTTPResponse, name: str, value: str, path: str = "/", max_age=None, origin=None
) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["path"] = path
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    if secure_cookies(request, origin):
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age


def clear_cookie(request: Request, resp: HTTPResponse, name: str, path: str = "/", origin=None) -> None:
    set_cookie(request, resp, name, "", path=path, max_age=0, origin=origin)


def create_app(
    database_url: str,
    settings: ConsoleSettings,
    timezone: ZoneInfo,
    now: Callable[[], dt.datetime] = utcnow,
    origin: Optional[str] = None,
    name: Optional[str] = None,
    log_config: Optional[dict] = None,
    rasa: Optional[RasaHandover] = None,
) -> Sanic:
    """The console on the bookings database at `database_url`. `origin` is its public origin
    (e.g. https://console.example-clinic.com); by default the origin the request was made to. `rasa`: the
    Rasa server's hand-over routes (RASA_URL and HANDOVER_TOKEN by default)."""
    app = Sanic(name or f"clinic_console_{secrets.token_hex(4)}", log_config=log_config)
    app.config.FALLBACK_ERROR_FORMAT = "text"
    store = BookingStore(database_url, now=now)
    accounts = Accounts(store.engine, settings, now=now)
    app.ctx.store = store
    app.ctx.accounts = accounts
    rasa = rasa or RasaHandover()
    app.ctx.rasa = rasa
    templates = Environment(
        loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]), trim_blocks=True
    )

    def local(value: Optional[dt.datetime]) -> str:
        return value.astimezone(timezone).strftime("%a %d %b %Y %H:%M") if value else ""

    templates.filters["local"] = local

    def page(template: str, status: int = 200, **context) -> HTTPResponse:
        return response.html(templates.get_template(template).render(**context), status=status)

    app.static("/static", str(HERE / "static"), name="static")

    @app.middleware("request")
    async def guard(request: Request) -> Optional[HTTPResponse]:
        request.ctx.session = None
        if request.path.startswith(STATIC_PREFIX):
            return None
        if request.method == "POST" and not same_origin(request, origin):
            return response.text("Refused: this form was not sent from the console.", status=403)
        request.ctx.session = accounts.session(request.cookies.get(SESSION_COOKIE))
        if request.path in PUBLIC_PATHS:
            return None
        if request.ctx.session is None:
            if request.method in ("GET", "HEAD"):
                resp = response.redirect(f"/sign-in?next={quote(request.path)}", status=303)
                if request.cookies.get(SESSION_COOKIE):
                    clear_cookie(request, resp, SESSION_COOKIE, origin=origin)
                return resp
            return response.text("Refused: sign in first.", status=401)
        if request.method == "POST" and not same_token(request.form.get("csrf_token"), request.ctx.session.csrf_token):
            return response.text("Refused: the form's token is missing or wrong. Reload the page.", status=403)
        return None

    @app.middleware("response")
    async def headers(request: Request, resp: HTTPResponse) -> None:
        for key, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(key, value)
        if not request.path.startswith(STATIC_PREFIX):
            resp.headers["Cache-Control"] = "no-store"

    def sign_in_page(request: Request, status: int = 200, message: str = "", account: str = "") -> HTTPResponse:
        # the browser's token while it has one: a second sign-in page (another tab, or a request the browser makes
        # by itself, such as for the icon) must not make the first page's form fail
        kept = request.cookies.get(SIGN_IN_COOKIE) or ""
        token = kept if SIGN_IN_TOKEN.fullmatch(kept) else secrets.token_urlsafe(32)
        resp = page(
            "sign_in.html",
            status=status,
            csrf_token=token,
            message=message,
            account=account,
            next=safe_next(request.args.get("next")),
        )
        set_cookie(request, resp, SIGN_IN_COOKIE, token, path="/sign-in", max_age=3600, origin=origin)
        return resp

    def safe_next(value: Optional[str]) -> str:
        return value if value and value.startswith("/") and not value.startswith("//") and "\\" not in value else ""

    @app.get("/sign-in")
    async def sign_in_form(request: Request) -> HTTPResponse:
        # shown even to a browser with a session: signing in again ends that one (a planted cookie included)
        return sign_in_page(request)

    @app.post("/sign-in")
    async def sign_in(request: Request) -> HTTPResponse:
        if not same_token(request.form.get("csrf_token"), request.cookies.get(SIGN_IN_COOKIE)):
            return response.text("Refused: the form's token is missing or wrong. Reload the page.", status=403)
        name = request.form.get("name", "")
        address = request.remote_addr or request.ip or "unknown"
        password = request.form.get("password", "")
        try:  # argon2 takes tens of milliseconds of CPU: not on the event loop
            session_id = await asyncio.get_running_loop().run_in_executor(
                None, accounts.sign_in, name, password, address
            )
        except SignInRefused as refused:
            return sign_in_page(request, status=429, message=str(refused), account=name)
        if session_id is None:
            return sign_in_page(request, status=401, message="That name and password do not match.", account=name)
        accounts.end(request.cookies.get(SESSION_COOKIE))  # a session the browser had before is over
        resp = response.redirect(safe_next(request.form.get("next")) or "/requests", status=303)
        set_cookie(request, resp, SESSION_COOKIE, session_id, origin=origin)
        clear_cookie(request, resp, SIGN_IN_COOKIE, path="/sign-in", origin=origin)
        return resp

    @app.post("/sign-out")
    async def sign_out(request: Request) -> HTTPResponse:
        accounts.end(request.cookies.get(SESSION_COOKIE))
        accounts.audit(request.ctx.session.account, "signed_out")
        resp = response.redirect("/sign-in", status=303)
        clear_cookie(request, resp, SESSION_COOKIE, origin=origin)
        return resp

    @app.get("/favicon.ico")
    async def icon(request: Request) -> HTTPResponse:
        # browsers ask for it by themselves: without it, the request is sent to the sign-in page like any other
        return response.redirect("/static/favicon.svg", status=301)

    @app.get("/")
    async def home(request: Request) -> HTTPResponse:
        return response.redirect("/requests", status=303)

    @app.get("/requests")
    async def request_list(request: Request) -> HTTPResponse:
        return page("requests.html", session=request.ctx.session, requests=booking_requests.listing(store.engine))

    @app.route("/requests/<reference>", methods=["GET", "POST"])
    async def one_request(request: Request, reference: str) -> HTTPResponse:
        session = request.ctx.session
        message, status = "", 200
        if request.method == "POST":
            try:
                detail = booking_requests.change(
                    store.engine,
                    reference,
                    session.account,
                    request.form.get("status", ""),
                    request.form.get("note", ""),
                    now=now,
                )
            except booking_requests.ChangeError as error:
                if str(error) == "no such request":
                    return page("not_found.html", status=404, session=session)
                message, status = f"Not saved: {error}.", 400
            else:
                return response.redirect(f"/requests/{quote(reference)}?saved={1 if detail else 0}", status=303)
        found = booking_requests.find(store.engine, reference)
        if found is None:
            return page("not_found.html", status=404, session=session)
        if request.method == "GET":
            accounts.audit(session.account, "request_viewed", reference)
            if request.args.get("saved") == "1":
                message = "Saved."
            elif request.args.get("saved") == "0":
                message = "Nothing changed."
        return page(
            "request.html", status=status, session=session, request=found, message=message, statuses=REQUEST_STATUSES
        )

    @app.get("/audit")
    async def audit_log(request: Request) -> HTTPResponse:
        session = request.ctx.session
        entries = await asyncio.get_running_loop().run_in_executor(
            None, lambda: accounts.audit_log(newest_first=True, limit=AUDIT_PAGE_SIZE)
        )
        return page("audit.html", session=session, entries=entries, limit=AUDIT_PAGE_SIZE)

    # ------------------------------------------------------------------ chats a person is asked to take

    @app.get("/chats")
    async def chat_list(request: Request) -> HTTPResponse:
        session = request.ctx.session
        chats = await run(store.engine, handover.listing)
        away = await run(store.engine, handover.is_away, session.account)
        return page(
            "chats.html",
            session=session,
            chats=chats,
            away=away,
            enabled=rasa.enabled,
            waited={chat["id"]: waiting_for(chat, now()) for chat in chats},
        )

    @app.post("/availability")
    async def availability(request: Request) -> HTTPResponse:
        session = request.ctx.session
        away = request.form.get("away") == "1"
        await run(store.engine, handover.set_away, session.account, away)
        accounts.audit(session.account, "marked_away" if away else "marked_available")
        return response.redirect("/chats", status=303)

    async def chat_or_404(request: Request, chat_id: str):
        found = await run(store.engine, handover.find, int(chat_id)) if chat_id.isdigit() else None
        if found is None:
            return None, page("not_found.html", status=404, session=request.ctx.session)
        return found, None

    def back_to(chat: dict, problem: str) -> HTTPResponse:
        return response.redirect(f"/chats/{chat['id']}?problem=" + quote(problem), status=303)

    def chat_reference(chat: dict) -> str:
        return f"chat {chat['id']}"

    @app.get("/chats/<chat_id>")
    async def one_chat(request: Request, chat_id: str) -> HTTPResponse:
        session = request.ctx.session
        chat, missing = await chat_or_404(request, chat_id)
        if missing:
            return missing
        problem = CHAT_PROBLEMS.get(request.args.get("problem", ""), "")  # only the console's own words
        try:
            conversation = await rasa.transcript(chat["conversation_id"])
        except RasaUnavailable:
            conversation, problem = {"messages": []}, problem or "The assistant's server cannot be reached."
        accounts.audit(session.account, "chat_viewed", chat_reference(chat))
        return page(
            "chat.html",
            session=session,
            chat=chat,
            messages=conversation.get("messages") or [],
            mine=chat["status"] == handover.TAKEN and chat["taken_by"] == session.account,
            problem=problem,
        )

    @app.get("/chats/<chat_id>/transcript")
    async def chat_transcript(request: Request, chat_id: str) -> HTTPResponse:
        chat, missing = await chat_or_404(request, chat_id)
        if missing:
            return response.json({"error": "no such chat"}, status=404)
        try:
            conversation = await rasa.transcript(chat["conversation_id"])
        except RasaUnavailable:
            return response.json({"error": "the assistant's server cannot be reached"}, status=502)
        return response.json(
            {"status": chat["status"], "flagged": chat["flagged_at"] is not None, **conversation},
            headers={"Cache-Control": "no-store"},
        )

    @app.post("/chats/<chat_id>/take")
    async def take_chat(request: Request, chat_id: str) -> HTTPResponse:
        session = request.ctx.session
        chat, missing = await chat_or_404(request, chat_id)
        if missing:
            return missing
        if not await run(store.engine, handover.take, chat["id"], session.account):
            return back_to(chat, "taken")
        accounts.audit(session.account, "chat_taken", chat_reference(chat))
        try:
            await rasa.join(chat["conversation_id"], session.account)
        except RasaUnavailable:
            return back_to(chat, "untold")
        return response.redirect(f"/chats/{chat['id']}", status=303)

    @app.post("/chats/<chat_id>/reply")
    async def reply_to_chat(request: Request, chat_id: str) -> HTTPResponse:
        session = request.ctx.session
        chat, missing = await chat_or_404(request, chat_id)
        if missing:
            return missing
        if chat["status"] != handover.TAKEN or chat["taken_by"] != session.account:
            return response.text("Refused: take the chat first.", status=403)
        text = (request.form.get("text") or "").strip()
        if text:
            try:
                await rasa.message(chat["conversation_id"], session.account, text)
            except RasaUnavailable:
                return back_to(chat, "unsent")
            accounts.audit(session.account, "chat_replied", chat_reference(chat))
        return response.redirect(f"/chats/{chat['id']}", status=303)

    @app.post("/chats/<chat_id>/hand-back")
    async def hand_back_chat(request: Request, chat_id: str) -> HTTPResponse:
        session = request.ctx.session
        chat, missing = await chat_or_404(request, chat_id)
        if missing:
            return missing
        if not await run(store.engine, handover.hand_back, chat["id"], session.account):
            return response.text("Refused: you do not have this chat.", status=403)
        accounts.audit(session.account, "chat_handed_back", chat_reference(chat))
        try:
            await rasa.leave(chat["conversation_id"], session.account)
        except RasaUnavailable:
            return back_to(chat, "untold")
        return response.redirect("/chats", status=303)

    async def dispose(app: Sanic, loop) -> None:
        store.dispose()

    app.register_listener(dispose, "after_server_stop")

    return app
