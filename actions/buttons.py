"""Buttons pressed after the question they answered was left behind.

The deletion question's "Yes, delete my data" and "No, keep it" carry the entity `deleting` (domain.yml). Pressed
right after the question, data/rules/privacy.yml carries them out; pressed later, when the yes or no would take up
something else the assistant offered since (a consultation, the walk-through, a request set aside), the action that
would take it up sets the press aside instead and says so (play-test 49: an older "Yes, delete my data" deleted
nothing and said nothing of it; a first fix found it started a consultation after another offer)."""

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

DELETING = "deleting"


def late_deletion_press(tracker: Tracker) -> bool:
    """Whether the latest message is a press of a deletion question's button that an offer made since would take up."""
    text = tracker.latest_message.get("text") or ""
    return text.startswith("/") and next(tracker.get_latest_entity_values(DELETING), None) is not None


def set_aside(dispatcher: CollectingDispatcher) -> List[Dict[Text, Any]]:
    """Say that the button was for an earlier question, and wait for the person (nothing else this turn)."""
    dispatcher.utter_message(response="utter_stale_delete_button")
    return [FollowupAction("action_listen")]
