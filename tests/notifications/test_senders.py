"""The channels, against real servers on loopback: an SMTP server (aiosmtpd) and an HTTP receiver
that refuse the first attempts, then the worker as it runs for real (the command line and the
action server's background task)."""
import dataclasses
import datetime as dt
import email
import email.policy
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from core import settings as config
from core.database import SENT, BookingStore, enqueue
from core.settings import EmailSettings, load_clinic
from notifications.outbox import process_due
from notifications.senders import (
    IDEMPOTENCY_HEADER, SIGNATURE_HEADER, EmailSender, WebhookRejected, WebhookSender, senders_from_config,
)
from tests.notifications import PERSONAL, REQUEST, enqueued_at, outbox_rows
from harness.servers import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"
LONDON = config.clinic().timezone
SECRET = "webhook-secret-for-tests"
RECEPTION = "reception@clinic.example"


# --- a loopback SMTP server ------------------------------------------------------------------------


class Mailbox:
    """aiosmtpd handler: answers the first `refuse_first` messages '451 try later', keeps the rest."""

    def __init__(self, refuse_first: int = 0) -> None:
        self.refuse_first = refuse_first
        self.refused = 0
        self.messages = []
        self.recipients = []

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refuse_first:
            self.refused += 1
            return "451 try later"
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture
def smtp_server():
    servers = []

    def start(mailbox, **options):
        controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **options)
        controller.start()
        servers.append(controller)
        return controller

    yield start
    for controller in servers:
        controller.stop()


def email_settings(port, **changes):
    return EmailSettings(**{**dict(smtp_host="127.0.0.1", smtp_port=port, starttls=False, username=None,
                                   sender="assistant@clinic.example", recipients=(RECEPTION,)), **changes})


@pytest.fixture
def store(tmp_path):
    store = BookingStore(f"sqlite:///{tmp_path / 'bookings.db'}")
    yield store
    store.dispose()


def passes_until_sent(store, senders, step=dt.timedelta(seconds=30), passes=20):
    now = enqueued_at(store)
    for _ in range(passes):
        process_due(store.engine, senders, now=now)
        if all(row["status"] == SENT for row in outbox_rows(store)):
            return
        now += step
    raise AssertionError(f"not all sent: {outbox_rows(store)}")


def test_a_mail_server_that_refuses_twice_gets_one_email_per_booking(store, smtp_server, caplog):
    mailbox = Mailbox(refuse_first=2)
    controller = smtp_server(mailbox)
    references = [store.save(REQUEST, notify=["email"]) for _ in range(2)]
    sender = EmailSender(email_settings(controller.port), "Lumen Skin Clinic", LONDON)
    t0 = enqueued_at(store)
    with caplog.at_level(logging.INFO, logger="notifications"):
        process_due(store.engine, {"email": sender}, now=t0)
        assert (mailbox.refused, mailbox.messages) == (1, [])
        assert outbox_rows(store)[0]["last_error"] == "SMTPDataError"
        passes_until_sent(store, {"email": sender})
    assert mailbox.refused == 2
    assert sorted(message["X-Booking-Reference"] for message in mailbox.messages) == sorted(references)  # one each
    assert sum(row["attempts"] for row in outbox_rows(store)) == 4  # two refused, two delivered
    for message, recipients in zip(mailbox.messages, mailbox.recipients):
        reference = message["X-Booking-Reference"]
        assert recipients == [RECEPTION]
        assert message["Subject"] == f"New consultation request {reference}"
        assert message["From"] == "assistant@clinic.example"
        assert message["Message-ID"] == f"<booking-{reference}@clinic.example>"  # the same on every attempt
        body = message.get_content()
        for expected in (
            f"Reference:      {reference}",
            "Name:           Zoë Ñúñez-O'Brien",
            "Contact:        zoe.nunez@example.org (email)",
            "Preferred time: Wednesday 1 July 2026, between 14:00 and 18:00 (Europe/London)",  # 13:00 UTC, in BST
            "In their words: wednesday afternoon",
            "Concern:        acne scars",
            "Consent:        given 2026-11-20 08:59 (wording version 0123456789abcdef)",
        ):
            assert expected in body
    # later passes send nothing more
    for hours in (1, 24, 24 * 30):
        process_due(store.engine, {"email": sender}, now=t0 + dt.timedelta(hours=hours))
    assert len(mailbox.messages) == 2
    logged = caplog.text
    assert "SMTPDataError" in logged and references[0] in logged
    assert not any(secret in logged for secret in PERSONAL)


def test_with_no_mail_server_listening_the_notification_waits(store, caplog):
    store.save(REQUEST, notify=["email"])
    sender = EmailSender(email_settings(free_port()), "Lumen Skin Clinic", LONDON)  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="notifications"):
        assert process_due(store.engine, {"email": sender}, now=enqueued_at(store))["retry"] == 1
    row = outbox_rows(store)[0]
    assert (row["status"], row["last_error"]) == ("pending", "ConnectionRefusedError")
    assert [record.levelname for record in caplog.records] == ["WARNING"]


def self_signed(folder: Path):
    """A certificate for 127.0.0.1, made here: (server context, client context that trusts it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    return server, ssl.create_default_context(cafile=str(cert_file))


def test_starttls_and_the_login_with_the_password_from_the_environment(store, smtp_server, tmp_path, monkeypatch):
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.login == b"bookings" and auth_data.password == b"s3cret")

    server_tls, client_tls = self_signed(tmp_path)
    mailbox = Mailbox()
    controller = smtp_server(mailbox, tls_context=server_tls, require_starttls=True,
                             authenticator=authenticator, auth_require_tls=True)
    monkeypatch.setenv("SMTP_PASSWORD", "s3cret")
    reference = store.save(REQUEST, notify=["email"])
    sender = EmailSender(email_settings(controller.port, starttls=True, username="bookings"), "C", LONDON,
                         ssl_context=client_tls)
    assert process_due(store.engine, {"email": sender}, now=enqueued_at(store))["sent"] == 1
    assert logins == [(b"bookings", b"s3cret")]
    assert [message["X-Booking-Reference"] for message in mailbox.messages] == [reference]


# --- a loopback HTTP receiver ----------------------------------------------------------------------


class Receiver:
    """An HTTP server on loopback answering each POST with the next status of `statuses` (then 200);
    with `hold`, only once the test sets that event (a receiver that does not answer in time)."""

    def __init__(self, statuses=(), hold: Optional[threading.Event] = None) -> None:
        self.statuses = list(statuses)
        self.requests = []  # (status answered, headers, body)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                receiver.requests.append((status, dict(self.headers), body))
                if hold is not None:
                    hold.wait(timeout=60)
                self.send_response(status)
                if status in (301, 302, 307, 308):
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/bookings"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def delivered(self):
        return [(headers, body) for status, headers, body in self.requests if 200 <= status < 300]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(*args, **kwargs):
        made.append(Receiver(*args, **kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


def test_a_receiver_that_fails_twice_gets_one_signed_delivery(store, receiver):
    hook = receiver([500, 500])
    reference = store.save(REQUEST, notify=["webhook"])
    sender = WebhookSender(hook.url, "Lumen Skin Clinic", LONDON, secret=SECRET)
    t0 = enqueued_at(store)
    passes_until_sent(store, {"webhook": sender})
    assert [status for status, _, _ in hook.requests] == [500, 500, 200]
    assert outbox_rows(store)[0]["last_error"] is None and outbox_rows(store)[0]["attempts"] == 3
    [(headers, body)] = hook.delivered()  # exactly one delivery
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers[SIGNATURE_HEADER], expected)
    assert {request_headers[IDEMPOTENCY_HEADER] for _, request_headers, _ in hook.requests} == {reference}
    payload = json.loads(body)
    assert payload["reference"] == reference and payload["event"] == "booking_request.created"
    assert (payload["name"], payload["contact"], payload["contact_kind"]) == ("Zoë Ñúñez-O'Brien", "zoe.nunez@example.org", "email")
    assert payload["preferred_start"] == "2026-07-01T13:00:00+00:00"
    assert payload["preferred_time"] == "Wednesday 1 July 2026, between 14:00 and 18:00 (Europe/London)"
    assert payload["preferred_text"] == "wednesday afternoon" and payload["concern"] == "acne scars"
    assert payload["consent_version"] == "0123456789abcdef"
    assert reference in payload["text"]
    for hours in (1, 24):
        process_due(store.engine, {"webhook": sender}, now=t0 + dt.timedelta(hours=hours))
    assert len(hook.requests) == 3  # and never again


def test_a_tampered_body_fails_the_signature(store, receiver):
    hook = receiver()
    store.save(REQUEST, notify=["webhook"])
    process_due(store.engine, {"webhook": WebhookSender(hook.url, "C", LONDON, secret=SECRET)}, now=enqueued_at(store))
    [(headers, body)] = hook.delivered()
    forged = body.replace(b"acne scars", b"acne scarz")
    assert headers[SIGNATURE_HEADER] != "sha256=" + hmac.new(SECRET.encode(), forged, hashlib.sha256).hexdigest()


def test_without_a_secret_nothing_is_signed(store, receiver):
    hook = receiver()
    store.save(REQUEST, notify=["webhook"])
    process_due(store.engine, {"webhook": WebhookSender(hook.url, "C", LONDON)}, now=enqueued_at(store))
    [(headers, _)] = hook.delivered()
    assert SIGNATURE_HEADER not in headers


@pytest.mark.parametrize("status, delivered", [
    (200, True),
    (204, True),
    (302, False),  # a redirect is not a delivery (urllib would resend a POST as a bodiless GET)
    (404, False),
    (429, False),
    (503, False),
])
def test_only_a_2xx_reply_is_a_delivery(status, delivered, store, receiver):
    hook = receiver([status])
    reference = store.save(REQUEST, notify=["webhook"])
    sender = WebhookSender(hook.url, "C", LONDON)
    booking = store.find(reference)
    booking.update(preferred_start=REQUEST.preferred_start, preferred_end=REQUEST.preferred_end,
                   created_at=REQUEST.consent_given_at, consent_given_at=REQUEST.consent_given_at)
    if delivered:
        sender.send(booking)
    else:
        with pytest.raises(WebhookRejected):
            sender.send(booking)
    assert len(hook.requests) == 1  # one request, no redirect followed


def test_a_receiver_that_does_not_answer_in_time_is_a_failure(store, receiver):
    answer = threading.Event()
    hook = receiver(hold=answer)  # answers only after the sender gave up, however slow the machine
    store.save(REQUEST, notify=["webhook"])
    sender = WebhookSender(hook.url, "C", LONDON, timeout_s=0.1)
    try:
        assert process_due(store.engine, {"webhook": sender}, now=enqueued_at(store))["retry"] == 1
    finally:
        answer.set()
    assert outbox_rows(store)[0]["last_error"] in ("TimeoutError", "URLError", "timeout")


def test_only_an_http_address_is_a_webhook():
    with pytest.raises(ValueError):
        WebhookSender("file:///etc/passwd", "C", LONDON)


# --- from clinic.yml ---------------------------------------------------------------------------------


CLINIC = (
    "name: C\nphone: '1'\nemail: e@x.example\naddress: a\ntimezone: Europe/London\nphone_region: GB\n"
    "booking_horizon_days: 30\nminimum_notice_hours: 1\nopening_hours:\n  monday: ['09:00', '17:00']\n"
    "privacy:\n  who_sees: the team\n  used_for: to call you\n  kept_for: a year\n"
)


def clinic_file(folder: Path, notifications: str) -> Path:
    path = folder / "clinic.yml"
    path.write_text(CLINIC + notifications, encoding="utf-8")
    return path


def test_the_demo_clinic_mails_a_local_server():
    settings = config.clinic().notifications
    assert (settings.email.smtp_host, settings.email.smtp_port, settings.email.starttls) == ("localhost", 1025, False)
    assert settings.email.recipients and settings.email.sender and settings.interval_seconds == 15


def test_the_notifications_section_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv(config.WEBHOOK_URL_VARIABLE, raising=False)
    path = clinic_file(tmp_path, (
        "notifications:\n  email:\n    smtp_host: mail.example\n    smtp_port: 587\n    starttls: true\n"
        "    username: bookings\n    from: bot@c.example\n    to: [a@c.example, b@c.example]\n"
        "  webhook:\n    url: https://crm.example/hook\n  interval_seconds: 5\n"))
    settings = load_clinic(path).notifications
    assert settings.email == EmailSettings("mail.example", 587, True, "bookings", "bot@c.example", ("a@c.example", "b@c.example"))
    assert (settings.webhook(), settings.interval_seconds, settings.channels()) == ("https://crm.example/hook", 5, ("email", "webhook"))


@pytest.mark.parametrize("section, error", [
    ("notifications:\n  email:\n    smtp_host: m\n    from: a@c.example\n", ValueError),  # no `to`
    ("notifications:\n  interval_seconds: 0\n", ValueError),
])
def test_an_incomplete_notifications_section_is_refused(section, error, tmp_path):
    with pytest.raises(error):
        load_clinic(clinic_file(tmp_path, section))


def test_the_channels_follow_the_file_and_the_environment(tmp_path, monkeypatch, caplog):
    monkeypatch.delenv(config.WEBHOOK_URL_VARIABLE, raising=False)
    without = load_clinic(clinic_file(tmp_path, ""))
    assert without.notifications.channels() == () and senders_from_config(without) == {}
    monkeypatch.setenv(config.WEBHOOK_URL_VARIABLE, "http://127.0.0.1:9/hook")
    assert without.notifications.channels() == ("webhook",)
    assert set(senders_from_config(without)) == {"webhook"}
    monkeypatch.setenv(config.WEBHOOK_URL_VARIABLE, "ftp://crm.example/hook")
    with caplog.at_level(logging.ERROR):
        assert senders_from_config(without) == {}  # its notifications wait, with no attempt spent
    assert "not http(s)" in caplog.text


# --- the worker, for real ---------------------------------------------------------------------------


def worker_environment(tmp_path, smtp_port, interval="0.2"):
    path = clinic_file(tmp_path, (
        f"notifications:\n  email:\n    smtp_host: 127.0.0.1\n    smtp_port: {smtp_port}\n"
        f"    from: assistant@c.example\n    to: {RECEPTION}\n  interval_seconds: {interval}\n"))
    environment = {key: value for key, value in os.environ.items() if key != config.WEBHOOK_URL_VARIABLE}
    return {**environment, "CLINIC_CONFIG": str(path), "BOOKINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'bookings.db'}"}


def test_the_command_line_sends_what_is_due_once(tmp_path, smtp_server):
    mailbox = Mailbox(refuse_first=1)
    controller = smtp_server(mailbox)
    environment = worker_environment(tmp_path, controller.port)
    store = BookingStore(environment["BOOKINGS_DATABASE_URL"])
    reference = store.save(REQUEST, notify=["email"])

    def once():
        done = subprocess.run([str(PYTHON), "-m", "notifications.outbox", "--once"], cwd=PROJECT_DIR, env=environment,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert not any(secret in done.stderr for secret in PERSONAL)
        return json.loads(done.stdout)

    assert once() == {"sent": 0, "retry": 1, "failed": 0, "dropped": 0}  # 451: tried again in 30 s
    with store.engine.begin() as connection:  # the 30 s go by
        connection.exec_driver_sql("UPDATE outbox SET next_attempt_at = '2000-01-01 00:00:00.000000'")
    assert once()["sent"] == 1
    assert once()["sent"] == 0
    assert [message["X-Booking-Reference"] for message in mailbox.messages] == [reference]
    store.dispose()


def test_the_action_server_sends_in_the_background(tmp_path, smtp_server):
    mailbox = Mailbox()
    controller = smtp_server(mailbox)
    environment = worker_environment(tmp_path, controller.port)
    store = BookingStore(environment["BOOKINGS_DATABASE_URL"])
    reference = store.save(REQUEST, notify=["email"])
    port = free_port()
    log = open(tmp_path / "action-server.log", "w")
    server = subprocess.Popen(
        [str(PYTHON), "-m", "actions.server", "--port", str(port)], cwd=PROJECT_DIR,
        env={**environment, "ACTION_SERVER_TOKEN": "t", "ACTION_SERVER_HOST": "127.0.0.1"},
        stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not mailbox.messages and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.1)
        assert [message["X-Booking-Reference"] for message in mailbox.messages] == [reference]
        second = store.save(REQUEST, notify=["email"])  # stored while the server runs
        deadline = time.monotonic() + 10
        while len(mailbox.messages) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [message["X-Booking-Reference"] for message in mailbox.messages] == [reference, second]
        # a later claim, not a while: a notification of a booking that is gone, due after both, is dropped
        # without a message; a pass claims the earliest due first, so it would have taken either again
        with store.engine.begin() as connection:
            enqueue(connection, "MN-GONE", ["email"])
        deadline = time.monotonic() + 10
        while any(row["booking_reference"] == "MN-GONE" for row in outbox_rows(store)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [(row["booking_reference"], row["status"]) for row in outbox_rows(store)] == [
            (reference, SENT), (second, SENT)]  # MN-GONE dropped: a claim ran after both were sent
        assert len(mailbox.messages) == 2
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        store.dispose()
    logged = (tmp_path / "action-server.log").read_text()
    assert "notifications on email" in logged and "Traceback" not in logged
    assert not any(secret in logged for secret in PERSONAL)


def test_a_change_made_in_the_chat_is_mailed_and_posted_as_a_change_with_its_own_key(store, smtp_server, receiver):
    mailbox = Mailbox()
    controller = smtp_server(mailbox)
    hook = receiver([])
    reference = store.save(REQUEST, notify=["email", "webhook"])
    changed = dataclasses.replace(REQUEST, preferred_text="thursday afternoon instead", concern="acne scars, chin")
    assert store.change(reference, changed, change_key="k1", notify=["email", "webhook"]) == 1
    senders = {
        "email": EmailSender(email_settings(controller.port), "Lumen Skin Clinic", LONDON),
        "webhook": WebhookSender(hook.url, "Lumen Skin Clinic", LONDON),
    }
    passes_until_sent(store, senders)
    first, second = mailbox.messages
    assert first["Subject"] == f"New consultation request {reference}"
    assert second["Subject"] == f"Changed consultation request {reference}"
    assert first["Message-ID"] != second["Message-ID"]  # a mail system drops neither as a copy of the other
    body = second.get_content()
    assert "Changed: preferred time, concern. The details as they are now:" in body
    assert "In their words: thursday afternoon instead" in body and "Concern:        acne scars, chin" in body
    payloads = [json.loads(body) for _, body in hook.delivered()]
    assert [payload["event"] for payload in payloads] == ["booking_request.created", "booking_request.changed"]
    assert [payload["change"] for payload in payloads] == [None, 1]
    assert payloads[1]["changed_fields"] == "preferred time, concern"
    keys = [headers[IDEMPOTENCY_HEADER] for headers, _ in hook.delivered()]
    assert keys == [reference, f"{reference}/1"]



def test_a_cancellation_made_in_the_chat_is_mailed_and_posted_as_one(store, smtp_server, receiver):
    # play-test 130: a request sent could not be cancelled in the chat
    mailbox = Mailbox()
    controller = smtp_server(mailbox)
    hook = receiver([])
    reference = store.save(REQUEST, notify=["email", "webhook"])
    assert store.cancel(reference, REQUEST.conversation_id, notify=["email", "webhook"]) == 1
    senders = {
        "email": EmailSender(email_settings(controller.port), "Lumen Skin Clinic", LONDON),
        "webhook": WebhookSender(hook.url, "Lumen Skin Clinic", LONDON),
    }
    passes_until_sent(store, senders)
    first, second = mailbox.messages
    assert first["Subject"] == f"New consultation request {reference}"
    assert second["Subject"] == f"Cancelled consultation request {reference}"
    body = second.get_content()
    assert f"The person cancelled their consultation request {reference}" in body
    assert "there is no need to contact them about it" in body and "Please contact them to confirm" not in body
    payloads = [json.loads(body) for _, body in hook.delivered()]
    assert [payload["event"] for payload in payloads] == ["booking_request.created", "booking_request.cancelled"]
