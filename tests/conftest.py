"""Shared fixtures: a dispatcher, the domain, a tracker factory and a booking store.

`make_tracker` builds the tracker as the action server receives it from Rasa 3.6:
`latest_message` is the user event's parse data (intent, entities, intent ranking,
and what the NLU adds: `response_selector`, `questions`), and slot candidates that
Rasa's mappings filled this turn are SlotSet events after the user event, which is
what `FormValidationAction` validates (`Tracker.slots_to_validate()`).
"""
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from core import database
from core.database import BookingStore

PROJECT_DIR = Path(__file__).resolve().parent.parent
RETRIEVAL_INTENT = "faq"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((PROJECT_DIR / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def clinic_open(monkeypatch):
    """The clinic's clock on a Wednesday morning, when it is open (a reply's variant for a closed clinic depends on it)."""
    monkeypatch.setenv("CLINIC_NOW", "2026-12-09T11:00:00+00:00")


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def selected_answer(key: str, confidence: float = 0.9, ranking: Optional[Sequence[Tuple[str, float]]] = None) -> Dict[str, Any]:
    """`response_selector` as the NLU writes it (ResponseSelector format) for an answer key like "faq/pain"."""
    ranking = ranking if ranking is not None else [(key, confidence)]
    return {
        "all_retrieval_intents": [RETRIEVAL_INTENT],
        RETRIEVAL_INTENT: {
            "response": {
                "responses": [],
                "confidence": confidence,
                "intent_response_key": key,
                "utter_action": f"utter_{key}",
            },
            "ranking": [{"intent_response_key": name, "confidence": value} for name, value in ranking],
        },
    }


def asked(text: str, *parts: Tuple[str, str]) -> List[Dict[str, Any]]:
    """`questions` of a message that asks several things: each (part of the text, answer key), in order."""
    questions = []
    for part, key in parts:
        start = text.index(part)
        questions.append(
            {"text": part, "start": start, "end": start + len(part), "intent_response_key": key, "confidence": 0.9}
        )
    return questions


def slot_event(name: str, value: Any) -> Dict[str, Any]:
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


@pytest.fixture
def make_tracker(domain):
    """Build a tracker as the action server receives it.

    `response_selector` and `questions` are the NLU's output for the message
    (`selected_answer`, `asked`); with a response selector for the message's
    intent, the intent gets `full_retrieval_intent_name`, as Rasa adds it.
    `slot_candidates` are the values Rasa's slot mappings took from this message:
    inside a form they follow the form's execution, as the form sends them to
    its validation action.
    """

    def _make(
        intent: Optional[str] = None,
        text: str = "",
        slots: Optional[Dict[str, Any]] = None,
        entities: Optional[List[Dict[str, Any]]] = None,
        intent_ranking: Optional[List[Dict[str, Any]]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
        active_loop: Optional[str] = None,
        sender_id: str = "test-user",
        response_selector: Optional[Dict[str, Any]] = None,
        questions: Optional[List[Dict[str, Any]]] = None,
        slot_candidates: Optional[Dict[str, Any]] = None,
        latest_action_name: Optional[str] = None,
        confidence: float = 1.0,
        leans_on_context: Optional[bool] = None,
        parse_data: Optional[Dict[str, Any]] = None,
    ) -> Tracker:
        all_slots = {name: None for name in domain["slots"]}
        all_slots["requested_slot"] = None
        all_slots.update(slots or {})
        intent_data: Dict[str, Any] = {"name": intent, "confidence": confidence} if intent else {}
        if intent and response_selector and intent in response_selector.get("all_retrieval_intents", []):
            # rasa/core/processor.py `_update_full_retrieval_intent`
            intent_data["full_retrieval_intent_name"] = response_selector[intent]["response"]["intent_response_key"]
        latest_message: Dict[str, Any] = {
            "text": text,
            "intent": intent_data,
            "entities": entities or [],
            "intent_ranking": intent_ranking or ([{"name": intent, "confidence": confidence}] if intent else []),
            "message_id": "message-1",
            "metadata": {},
        }
        if response_selector is not None:
            latest_message["response_selector"] = response_selector
        if questions is not None:
            latest_message["questions"] = questions
        if leans_on_context is not None:
            latest_message["leans_on_context"] = leans_on_context
        latest_message.update(parse_data or {})  # what else the NLU adds ("asks", "triage")
        user_event = {"event": "user", "timestamp": None, "text": text, "parse_data": latest_message}
        after_user: List[Dict[str, Any]] = []
        if slot_candidates:
            if active_loop:
                # rasa/core/actions/forms.py `_temporary_tracker`
                after_user += [
                    slot_event("requested_slot", all_slots["requested_slot"]),
                    {"event": "action", "timestamp": None, "name": active_loop},
                ]
                latest_action_name = latest_action_name or active_loop
            after_user += [slot_event(name, value) for name, value in slot_candidates.items()]
            all_slots.update(slot_candidates)
        return Tracker(
            sender_id=sender_id,
            slots=all_slots,
            latest_message=latest_message,
            events=(events or []) + [user_event] + after_user,
            paused=False,
            followup_action=None,
            active_loop={"name": active_loop} if active_loop else {},
            latest_action_name=latest_action_name or "action_listen",
        )

    return _make


@pytest.fixture
def booking_store(tmp_path):
    """A real store on a temporary SQLite file, injected into the action server's module."""
    store = BookingStore(f"sqlite:///{tmp_path / 'bookings.db'}")
    database.set_store(store)
    yield store
    database.set_store(None)
    store.dispose()


def responses(dispatcher: CollectingDispatcher) -> List[str]:
    return [message.get("response") for message in dispatcher.messages]


# The details of a booking request collected by the form, as slots.
COLLECTED_BOOKING = {
    "booking_name": "Zoë Ñúñez-O'Brien",
    "booking_contact": "+447911123456",
    "booking_time": "2026-11-27T15:00:00+00:00/2026-11-27T15:00:00+00:00",
    "booking_time_text": "friday at 3pm",
    "booking_concern": "",
    "booking_consent": True,
}


# --- tests against real servers from Debian packages: the `services` marker (pytest.ini) -------------
#
# `make unit` deselects them (-m "not services") and sets TESTS_NO_SERVICES, so any such test that is
# not marked fails at once instead of installing or starting a server (tests/debian.py); `make services`
# runs them. A test is marked here when it needs the `postgres` fixture, when it is parametrized on a
# "postgresql" backend (its fixture asks for `postgres` by name), or when its module starts a server
# from a Debian package itself (tests/redis_server.py, tests/postgres.py, tests/debian.py).
SERVICES = "services"


def _starts_a_debian_server(module) -> bool:
    from tests.debian import ensure_installed
    from tests.postgres import PostgresServer
    from tests.redis_server import RedisServer

    helpers = (ensure_installed, PostgresServer, RedisServer)
    return any(any(value is helper for helper in helpers) for value in vars(module).values())


def needs_services(item) -> bool:
    if item.get_closest_marker(SERVICES) is not None or "postgres" in getattr(item, "fixturenames", ()):
        return True
    callspec = getattr(item, "callspec", None)
    if callspec is not None and any(isinstance(value, str) and value == "postgresql" for value in callspec.params.values()):
        return True
    module = getattr(item, "module", None)
    return module is not None and _starts_a_debian_server(module)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if needs_services(item) and item.get_closest_marker(SERVICES) is None:
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server on loopback for this test session (tests/postgres.py); `services` tests only."""
    from tests.postgres import PostgresServer

    server = PostgresServer()
    yield server
    server.stop()
