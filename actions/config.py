"""Settings for the action server, read in one place and only when first needed."""
import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple
from zoneinfo import ZoneInfo

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CLINIC_FILE = PROJECT_DIR / "clinic.yml"
DEFAULT_BOOKINGS_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'bookings.db'}"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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
    # conversations and booking requests older than this are purged (scripts/purge.py)
    retention_days: int = 365

    def hours_on(self, day: dt.date) -> Optional[Tuple[dt.time, dt.time]]:
        return self.opening_hours.get(day.weekday())

    def hours_text(self) -> str:
        """Opening hours as one line, consecutive days with equal hours grouped."""
        groups = []
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
        }


def _parse_time(text: str) -> dt.time:
    return dt.datetime.strptime(str(text), "%H:%M").time()


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
        retention_days=int(raw["privacy"].get("retention_days", 365)),
    )


@lru_cache(maxsize=1)
def clinic() -> Clinic:
    """The clinic's facts; CLINIC_CONFIG names another file."""
    return load_clinic(Path(os.environ.get("CLINIC_CONFIG", DEFAULT_CLINIC_FILE)))


def bookings_database_url() -> str:
    """Where booking requests are stored; BOOKINGS_DATABASE_URL overrides the SQLite file."""
    return os.environ.get("BOOKINGS_DATABASE_URL", DEFAULT_BOOKINGS_URL)
