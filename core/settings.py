"""The clinic's settings (clinic.yml and the environment), read in one place and only when first needed."""

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
from zoneinfo import ZoneInfo

import yaml

from core.words import WEEKDAYS

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CLINIC_FILE = PROJECT_DIR / "clinic.yml"
DEFAULT_BOOKINGS_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'bookings.db'}"

WEBHOOK_URL_VARIABLE = "NOTIFY_WEBHOOK_URL"


@dataclass(frozen=True)
class EmailSettings:
    """Where the staff's email about a new booking request goes (the password is env SMTP_PASSWORD)."""

    smtp_host: str
    smtp_port: int
    starttls: bool
    username: Optional[str]
    sender: str  # clinic.yml `from`
    recipients: Tuple[str, ...]  # clinic.yml `to`: one address or a list


@dataclass(frozen=True)
class NotificationSettings:
    """How the clinic hears about a stored booking request (notifications/)."""

    email: Optional[EmailSettings] = None
    webhook_url: Optional[str] = None  # env NOTIFY_WEBHOOK_URL, when set, wins over the file
    interval_seconds: float = 15.0

    def webhook(self) -> Optional[str]:
        return os.environ.get(WEBHOOK_URL_VARIABLE) or self.webhook_url

    def channels(self) -> Tuple[str, ...]:
        """The configured channels, in order: 'email' and/or 'webhook'; empty when none is."""
        return tuple(name for name, on in (("email", self.email is not None), ("webhook", bool(self.webhook()))) if on)


@dataclass(frozen=True)
class ConsoleSettings:
    """The staff console (console/): clinic.yml `console`."""

    idle_minutes: int = 30  # a session unused for this long is over
    session_hours: int = 12  # and any session after this long
    max_failures_per_account: int = 5  # failed sign-ins within the window, then refused until it passes
    max_failures_per_address: int = 20
    failure_window_minutes: int = 15
    min_password_length: int = 12
    # a patient who asks for a person waits this long for one to take the chat, then gets the contact details
    # and the call-back offer (core/handover.py)
    handover_wait_seconds: int = 180


def _load_console(raw: Optional[Dict[str, Any]], path: Path) -> ConsoleSettings:
    raw = raw or {}
    unknown = set(raw) - set(ConsoleSettings.__dataclass_fields__)
    if unknown:
        raise ValueError(f"{path}: console has unknown settings {sorted(unknown)}")
    values = {key: int(value) for key, value in raw.items()}
    if any(value < 1 for value in values.values()):
        raise ValueError(f"{path}: console settings must be positive whole numbers")
    return ConsoleSettings(**values)


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    email: str
    address: str
    timezone: ZoneInfo
    phone_region: str
    # weekday index (Monday = 0) -> (opening time, closing time)
    opening_hours: Dict[int, Tuple[dt.time, dt.time]]
    booking_horizon_days: int
    minimum_notice_hours: int
    last_start_before_closing_minutes: int
    # privacy answer: who sees the details, what for, how long they are kept
    privacy: Dict[str, str]
    # where someone in crisis can get help now, in the clinic's country (the distress reply)
    crisis_help: str
    # safety routes (clinic.yml `safety`): the emergency number, what to do while the clinic is
    # closed, and the policy for under-18s; the signs themselves are read by components/triage.py
    safety: Dict[str, str] = field(default_factory=dict)
    # conversations and booking requests older than this are purged (ops/purge.py)
    retention_days: int = 365
    notifications: NotificationSettings = field(default_factory=NotificationSettings)
    console: ConsoleSettings = field(default_factory=ConsoleSettings)

    def hours_on(self, day: dt.date) -> Optional[Tuple[dt.time, dt.time]]:
        return self.opening_hours.get(day.weekday())

    def is_open(self, at: dt.datetime) -> bool:
        """Whether the clinic is open at `at` (an aware time), by its own clock and time zone."""
        local = at.astimezone(self.timezone)
        hours = self.hours_on(local.date())
        return hours is not None and hours[0] <= local.time() < hours[1]

    def closing_today(self, at: dt.datetime) -> str:
        """When the clinic closes on the day of `at` (an aware time), "18:00"; "" when it does not open that day."""
        hours = self.hours_on(at.astimezone(self.timezone).date())
        return f"{hours[1]:%H:%M}" if hours else ""

    def open_until(self, at: dt.datetime) -> str:
        """When the clinic closes, "18:00", when it is open at `at` (an aware time); "" when it is closed then."""
        return self.closing_today(at) if self.is_open(at) else ""

    def next_opening(self, at: dt.datetime) -> str:
        """When the clinic opens next after `at` (an aware time), in words: "today at 09:00", "tomorrow at 09:00",
        "on Monday at 09:00"; "" when it never opens."""
        local = at.astimezone(self.timezone)
        for ahead in range(8):
            day = local.date() + dt.timedelta(days=ahead)
            hours = self.hours_on(day)
            if hours is None or (ahead == 0 and local.time() >= hours[0]):
                continue
            when = "today" if ahead == 0 else "tomorrow" if ahead == 1 else f"on {day:%A}"
            return f"{when} at {hours[0]:%H:%M}"
        return ""

    def hours_text(self) -> str:
        """Opening hours as one line, consecutive days with equal hours grouped."""
        groups: List[List[str]] = []  # [first day, last day, hours]
        for index, day in enumerate(WEEKDAYS):
            hours = self.opening_hours.get(index)
            label = f"{hours[0]:%H:%M}–{hours[1]:%H:%M}" if hours else "closed"
            if groups and groups[-1][2] == label:
                groups[-1][1] = day
            else:
                groups.append([day, day, label])
        parts = []
        for first, last, label in groups:
            days = first[:3].title() if first == last else f"{first[:3].title()}–{last[:3].title()}"
            parts.append(f"{days} {label}")
        return ", ".join(parts)

    def facts(self) -> Dict[str, str]:
        """Values that responses in domain.yml may name, e.g. {clinic_name}: set as slots at session start."""
        return {
            "clinic_name": self.name,
            "clinic_phone": self.phone,
            "clinic_email": self.email,
            "clinic_address": self.address,
            "clinic_hours": self.hours_text(),
            "privacy_who_sees": self.privacy["who_sees"],
            "privacy_used_for": self.privacy["used_for"],
            "privacy_kept_for": self.privacy["kept_for"],
            "privacy_chat_kept_for": _as_a_span(self.retention_days),
            "crisis_help": self.crisis_help,
            **{key: self.safety[key] for key in SAFETY_FACTS},
        }


def _as_a_span(days: int) -> str:
    """How long the chat is kept (`retention_days`, what `make purge` keeps), as a person says it: "12 months" for 365
    days, "6 months" for 180, "45 days" for 45 ("is this conversation saved somewhere and for how long": play-test 191,
    the request's details answered)."""
    if days % 365 == 0:
        months = 12 * (days // 365)
    elif days % 30 == 0 and days >= 60:
        months = days // 30
    else:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{months} months"


def _parse_time(text: str) -> dt.time:
    return dt.datetime.strptime(str(text), "%H:%M").time()


def _load_notifications(raw: Optional[Dict[str, Any]], path: Path) -> NotificationSettings:
    raw = raw or {}
    email = None
    if raw.get("email"):
        mail = raw["email"]
        recipients = mail.get("to") or []
        recipients = (recipients,) if isinstance(recipients, str) else tuple(str(address) for address in recipients)
        if not mail.get("smtp_host") or not mail.get("from") or not recipients:
            raise ValueError(f"{path}: notifications.email needs smtp_host, from and to")
        email = EmailSettings(
            smtp_host=str(mail["smtp_host"]),
            smtp_port=int(mail.get("smtp_port", 25)),
            starttls=bool(mail.get("starttls", False)),
            username=str(mail["username"]) if mail.get("username") else None,
            sender=str(mail["from"]),
            recipients=recipients,
        )
    webhook_url = (raw.get("webhook") or {}).get("url") or None
    interval = float(raw.get("interval_seconds", 15))
    if interval <= 0:
        raise ValueError(f"{path}: notifications.interval_seconds must be positive")
    return NotificationSettings(email=email, webhook_url=webhook_url, interval_seconds=interval)


# when clinic.yml names no crisis lines: nothing country-specific
DEFAULT_CRISIS_HELP = "If you're in danger right now, call your local emergency number, or talk to your doctor."


# clinic.yml `safety` settings that the replies name as slots ({emergency_number}, …)
SAFETY_FACTS = (
    "emergency_number",
    "emergency_service",
    "out_of_hours",
    "out_of_hours_service",
    "under_age_policy",
    # how many days the expected reactions are expected for (components/triage.py reads it as a number): the answer
    # says when to call by it ("if im still red on day 4 do i call someone?": play-test 197, "a few days" alone)
    "expected_for_days",
)
# CLINIC_NOW fixes the clinic's clock (an ISO time with its offset), for tests and demos of "closed"
CLOCK_VARIABLE = "CLINIC_NOW"


def now() -> dt.datetime:
    """The time now, as an aware UTC time; CLINIC_NOW fixes it."""
    fixed = os.environ.get(CLOCK_VARIABLE)
    if fixed:
        at = dt.datetime.fromisoformat(fixed)
        if at.tzinfo is None:
            raise ValueError(f"{CLOCK_VARIABLE} needs a UTC offset, e.g. 2026-12-12T22:00:00+00:00")
        return at.astimezone(dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


# when clinic.yml names no routes: nothing country-specific
DEFAULT_SAFETY = {
    "emergency_number": "your local emergency number",
    "emergency_service": "Call your local emergency number and ask for an ambulance. Tell the call handler what is "
    "happening now, that it started after a skin treatment, and where you are, and do what they tell you.",
    "out_of_hours": "contact your doctor or your local urgent care service now",
    "out_of_hours_service": "It is the service for urgent medical advice where you live: your doctor's practice can "
    "tell you how to reach it.",
    "under_age_policy": "We treat adults only.",
    "expected_for_days": "3",
}


def _load_safety(raw: Optional[Dict[str, Any]]) -> Dict[str, str]:
    raw = raw or {}
    return {key: str(raw.get(key) or DEFAULT_SAFETY[key]) for key in SAFETY_FACTS}


def load_clinic(path: Path) -> Clinic:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    hours = {}
    for day, span in (raw.get("opening_hours") or {}).items():
        opens, closes = (_parse_time(t) for t in span)
        if closes <= opens:
            raise ValueError(f"{path}: {day} closes before it opens")
        hours[WEEKDAYS.index(day.lower())] = (opens, closes)
    return Clinic(
        name=raw["name"],
        phone=raw["phone"],
        email=raw["email"],
        address=raw["address"],
        timezone=ZoneInfo(raw["timezone"]),
        phone_region=raw["phone_region"],
        opening_hours=hours,
        booking_horizon_days=int(raw["booking_horizon_days"]),
        minimum_notice_hours=int(raw["minimum_notice_hours"]),
        last_start_before_closing_minutes=int(raw.get("last_start_before_closing_minutes", 0)),
        privacy={key: str(raw["privacy"][key]) for key in ("who_sees", "used_for", "kept_for")},
        crisis_help=str(raw.get("crisis_help") or DEFAULT_CRISIS_HELP),
        safety=_load_safety(raw.get("safety")),
        retention_days=int(raw["privacy"].get("retention_days", 365)),
        notifications=_load_notifications(raw.get("notifications"), path),
        console=_load_console(raw.get("console"), path),
    )


@lru_cache(maxsize=1)
def clinic() -> Clinic:
    """The clinic's facts; CLINIC_CONFIG names another file."""
    return load_clinic(Path(os.environ.get("CLINIC_CONFIG", DEFAULT_CLINIC_FILE)))


def notification_channels() -> Tuple[str, ...]:
    """The channels a new booking request is announced on ('email', 'webhook'); empty: none."""
    return clinic().notifications.channels()


def bookings_database_url() -> str:
    """Where booking requests are stored; BOOKINGS_DATABASE_URL overrides the SQLite file."""
    return os.environ.get("BOOKINGS_DATABASE_URL", DEFAULT_BOOKINGS_URL)
