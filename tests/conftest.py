"""Shared fixtures: a dispatcher, the domain, a tracker factory and a booking store."""
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import storage
from actions.storage import BookingStore

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((PROJECT_DIR / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker(domain):
    """Build a tracker as the action server receives it."""

    def _make(
        intent: Optional[str] = None,
        text: str = "",
        slots: Optional[Dict[str, Any]] = None,
        entities: Optional[List[Dict[str, Any]]] = None,
        intent_ranking: Optional[List[Dict[str, Any]]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
        active_loop: Optional[str] = None,
        sender_id: str = "test-user",
    ) -> Tracker:
        all_slots = {name: None for name in domain["slots"]}
        all_slots["requested_slot"] = None
        all_slots.update(slots or {})
        latest_message = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entities or [],
            "intent_ranking": intent_ranking or ([{"name": intent, "confidence": 1.0}] if intent else []),
        }
        user_event = {"event": "user", "text": text, "parse_data": latest_message}
        return Tracker(
            sender_id=sender_id,
            slots=all_slots,
            latest_message=latest_message,
            events=(events or []) + [user_event],
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name="action_listen",
        )

    return _make


@pytest.fixture
def booking_store(tmp_path):
    """A real store on a temporary SQLite file, injected into the action server's module."""
    store = BookingStore(f"sqlite:///{tmp_path / 'bookings.db'}")
    storage.set_store(store)
    yield store
    storage.set_store(None)
    store.dispose()


def responses(dispatcher: CollectingDispatcher) -> List[str]:
    return [message.get("response") for message in dispatcher.messages]
