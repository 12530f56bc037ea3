"""The channels a booking notification goes out on: an email to the clinic (SMTP) and a webhook.

Each sender's `send(booking)` delivers one stored booking (a row of the `bookings` table, as a
dict) or raises; the outbox (notifications/outbox.py) retries. Blocking I/O: the worker runs
them in a thread. The message names the person's details, which is what the clinic needs;
errors raised here do not (the outbox keeps only their type).
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Dict, Optional
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from core.booking import PreferredTime
from core.database import CHANGE_MARK, notice_reference
from core.settings import Clinic, EmailSettings

logger = logging.getLogger(__name__)

SMTP_PASSWORD_VARIABLE = "SMTP_PASSWORD"
WEBHOOK_SECRET_VARIABLE = "NOTIFY_WEBHOOK_SECRET"
SIGNATURE_HEADER = "X-Signature-256"  # "sha256=<hex HMAC-SHA256 of the body>", as GitHub signs its webhooks
IDEMPOTENCY_HEADER = "Idempotency-Key"
TIMEOUT_S = 10.0


def cancelled(booking: dict) -> bool:
    """Whether the notice is of the change that cancelled the request (a change announced before it, sent late, is
    still that change)."""
    return bool(booking.get("change")) and booking.get("change") == booking.get("cancelled_change")


def notice_kind(booking: dict) -> str:
    """What the notice announces: the request ("created"), a change the person made ("changed"), or its cancellation
    ("cancelled"). The email's subject and the webhook's event both say it."""
    if cancelled(booking):
        return "cancelled"
    return "changed" if booking.get("change") else "created"


_SUBJECT_OPENING = {"created": "New", "changed": "Changed", "cancelled": "Cancelled"}


def subject(booking: dict) -> str:
    return f"{_SUBJECT_OPENING[notice_kind(booking)]} consultation request {booking['reference']}"


def notice_key(booking: dict) -> str:
    """What one notification is known by on every attempt: the reference, and for a change its number."""
    return notice_reference(booking["reference"], booking.get("change"))


def preferred_time(booking: dict, timezone: ZoneInfo) -> str:
    """The requested window in the clinic's time zone, worded as in the summary the person confirmed."""
    window = PreferredTime(
        booking["preferred_start"].astimezone(timezone), booking["preferred_end"].astimezone(timezone)
    )
    return f"{window.describe()} ({timezone.key})"


def describe(booking: dict, clinic_name: str, timezone: ZoneInfo) -> str:
    """The notification as plain text: what reception needs to call the person back."""
    consent_at = booking.get("consent_given_at")
    consent = "given" + (f" {consent_at.astimezone(timezone):%Y-%m-%d %H:%M}" if consent_at else "")
    if booking.get("consent_version"):
        consent += f" (wording version {booking['consent_version']})"
    call_back = booking.get("kind") == "call_back"
    kind = "call-back" if call_back else "consultation"
    if cancelled(booking):
        # cancelled by the person in the chat after sending it: the request as it was
        changed_at = booking.get("changed_at")
        opening = [
            f"The person cancelled their {kind} request {booking['reference']} in the {clinic_name} chat assistant"
            + (f" ({changed_at.astimezone(timezone):%Y-%m-%d %H:%M})." if changed_at else "."),
            "The request as it was:",
        ]
    elif booking.get("change"):
        # a change the person made in the chat after sending it: what changed, then the details as they are now
        changed_at = booking.get("changed_at")
        opening = [
            f"The person changed their {kind} request {booking['reference']} in the {clinic_name} chat assistant"
            + (f" ({changed_at.astimezone(timezone):%Y-%m-%d %H:%M})." if changed_at else "."),
            f"Changed: {booking.get('changed_fields') or '(not recorded)'}. The details as they are now:",
        ]
    else:
        opening = [f"A new {kind} request came in through the {clinic_name} chat assistant."]
    lines = [
        *opening,
        "",
        f"Reference:      {booking['reference']}",
        f"Name:           {booking['name']}",
        f"Contact:        {booking['contact']} ({booking['contact_kind']})",
        f"{'Time to call:  ' if call_back else 'Preferred time:'} {preferred_time(booking, timezone)}",
        f"In their words: {booking['preferred_text']}",
        f"Concern:        {booking.get('concern') or '(none given)'}",
        *(["Age:            said to be under 18 in the chat"] if booking.get("under_18") else []),
        f"Consent:        {consent}",
        f"Received:       {booking['created_at'].astimezone(timezone):%Y-%m-%d %H:%M}",
        "",
        (
            "They asked for it to be cancelled: there is no need to contact them about it."
            if cancelled(booking)
            else "Please call them back."
            if call_back
            else "Please contact them to confirm the consultation."
        ),
    ]
    return "\n".join(lines) + "\n"


class EmailSender:
    """Sends the notification by SMTP, with STARTTLS and a login when configured."""

    def __init__(
        self,
        settings: EmailSettings,
        clinic_name: str,
        timezone: ZoneInfo,
        password: Optional[str] = None,
        timeout_s: float = TIMEOUT_S,
        ssl_context: Optional[ssl.SSLContext] = None,
    ) -> None:
        self.settings = settings
        self.clinic_name = clinic_name
        self.timezone = timezone
        self.password = password if password is not None else os.environ.get(SMTP_PASSWORD_VARIABLE)
        self.timeout_s = timeout_s
        self.ssl_context = ssl_context

    def message(self, booking: dict) -> EmailMessage:
        reference = booking["reference"]
        domain = self.settings.sender.rpartition("@")[2] or "localhost"
        message = EmailMessage()
        message["Subject"] = subject(booking)
        message["From"] = self.settings.sender
        message["To"] = ", ".join(self.settings.recipients)
        message["Date"] = formatdate(localtime=False)
        # the same on every attempt: a mail system that got it already can drop a second copy
        message["Message-ID"] = f"<booking-{notice_key(booking).replace(CHANGE_MARK, '-change-')}@{domain}>"
        message["X-Booking-Reference"] = reference
        message.set_content(describe(booking, self.clinic_name, self.timezone))
        return message

    def send(self, booking: dict) -> None:
        settings = self.settings
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=self.timeout_s) as smtp:
            smtp.ehlo()
            if settings.starttls:
                smtp.starttls(context=self.ssl_context or ssl.create_default_context())
                smtp.ehlo()
            if settings.username:
                smtp.login(settings.username, self.password or "")
            smtp.send_message(self.message(booking))


class WebhookRejected(Exception):
    """The receiver answered with something other than 2xx."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer other than 2xx: urllib would resend a POST as a GET without its body


_OPENER = urllib.request.build_opener(_NoRedirects)


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookSender:
    """POSTs the notification as JSON; signed (HMAC-SHA256 of the body) when a secret is set."""

    def __init__(
        self, url: str, clinic_name: str, timezone: ZoneInfo, secret: Optional[str] = None, timeout_s: float = TIMEOUT_S
    ) -> None:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("the notification webhook must be an http(s) address")
        self.url = url
        self.clinic_name = clinic_name
        self.timezone = timezone
        self.secret = secret
        self.timeout_s = timeout_s

    def payload(self, booking: dict) -> dict:
        def iso(value: Optional[dt.datetime]) -> Optional[str]:
            return value.isoformat() if value else None

        return {
            "event": f"booking_request.{notice_kind(booking)}",
            "clinic": self.clinic_name,
            "reference": booking["reference"],
            "name": booking["name"],
            "contact": booking["contact"],
            "contact_kind": booking["contact_kind"],
            "preferred_start": iso(booking["preferred_start"]),  # UTC
            "preferred_end": iso(booking["preferred_end"]),
            "preferred_time": preferred_time(booking, self.timezone),  # in the clinic's time zone
            "preferred_text": booking["preferred_text"],  # the person's own words
            "concern": booking.get("concern"),
            "kind": booking.get("kind") or "consultation",
            "under_18": bool(booking.get("under_18")),
            "consent_version": booking.get("consent_version"),
            "consent_given_at": iso(booking.get("consent_given_at")),
            "created_at": iso(booking["created_at"]),
            "change": booking.get("change"),  # its number, for a change the person made after sending it
            "changed_fields": booking.get("changed_fields") if booking.get("change") else None,
            "changed_at": iso(booking.get("changed_at")) if booking.get("change") else None,
            # chat tools that show a "text" field (Slack, Mattermost, Teams' incoming webhooks) show this
            "text": subject(booking) + "\n" + describe(booking, self.clinic_name, self.timezone),
        }

    def send(self, booking: dict) -> None:
        body = json.dumps(self.payload(booking), ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            IDEMPOTENCY_HEADER: notice_key(booking),
            "User-Agent": "clinic-assistant-notifications",
        }
        if self.secret:
            headers[SIGNATURE_HEADER] = signature(body, self.secret)
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with _OPENER.open(request, timeout=self.timeout_s) as reply:
                status = reply.status
        except urllib.error.HTTPError as error:
            error.close()
            raise WebhookRejected(error.code) from None
        if not 200 <= status < 300:
            raise WebhookRejected(status)


def senders_from_config(clinic: Clinic) -> Dict[str, Any]:
    """The senders of the channels clinic.yml (and the environment) configure, by channel name."""
    settings = clinic.notifications
    senders: Dict[str, Any] = {}
    if settings.email is not None:
        senders["email"] = EmailSender(settings.email, clinic.name, clinic.timezone)
    url = settings.webhook()
    if url:
        try:
            senders["webhook"] = WebhookSender(
                url, clinic.name, clinic.timezone, os.environ.get(WEBHOOK_SECRET_VARIABLE) or None
            )
        except ValueError:
            # its notifications stay pending, with no attempt spent, until the address is fixed
            logger.error("the notification webhook's address is not http(s): webhook notifications wait")
    return senders
