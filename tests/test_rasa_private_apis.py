"""The private Rasa APIs this project leans on, in one list, checked against the installed Rasa.

Rasa does not promise to keep these. When its version changes, this file fails first and loudly: check each
use named below against the new Rasa source, then update RASA_VERSION."""
import inspect

import rasa
import pytest
from rasa.core.lock import TicketLock
from rasa.core.tracker_store import SQLTrackerStore
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.core.events import Event, UserUttered

RASA_VERSION = "3.6.21"

# (owner, private name, its parameters after self/cls, where the project uses it)
PRIVATE_APIS = [
    (FallbackClassifier, "_should_fallback", ["message"], "components/fallback.py: the thresholds per answer"),
    (FallbackClassifier, "_nlu_prediction_ambiguous", ["message"], "components/fallback.py: the ambiguity margin"),
    (TicketLock, "_ticket_for_ticket_number", ["ticket_number"], "stores/lock_store.py: a holder whose ticket expired"),
    (SQLTrackerStore, "_event_query", ["session", "sender_id", "fetch_events_from_all_sessions"],
     "stores/tracker_store.py: the whole session when a window is not enough"),
    (SQLTrackerStore, "_retrieve", ["sender_id", "fetch_events_from_all_sessions"], "stores/tracker_store.py: overridden"),
    (SQLTrackerStore, "_stream_new_events", ["event_broker", "new_events", "sender_id"],
     "stores/tracker_store.py: events to the broker after a save"),
    (UserUttered, "_from_parameters", ["parameters"], "stores/tracker_store.py: events read back without a copy"),
    (Event, "_from_parameters", ["parameters"], "stores/tracker_store.py: the same, for every event class"),
]


def test_rasa_is_the_version_these_private_apis_were_checked_against():
    assert rasa.__version__ == RASA_VERSION, (
        f"Rasa {rasa.__version__}: check every private API in {__file__} against its source, then update RASA_VERSION"
    )


@pytest.mark.parametrize("owner, name, parameters, where", PRIVATE_APIS, ids=[f"{o.__name__}.{n}" for o, n, _, _ in PRIVATE_APIS])
def test_each_private_api_is_still_there_with_its_parameters(owner, name, parameters, where):
    member = getattr(owner, name, None)
    assert member is not None, f"{owner.__name__}.{name} is gone (used by {where})"
    found = [p for p in inspect.signature(member).parameters if p not in ("self", "cls")]
    assert found[: len(parameters)] == parameters, f"{owner.__name__}.{name}{found} changed (used by {where})"
