"""What happens when the assistant is not confident it understood."""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.config import clinic

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
MAX_SUGGESTIONS = 3
LABEL_PREFIX = "utter_label_"


def previous_user_intent(tracker: Tracker) -> Optional[Text]:
    """The intent of the user message before the latest one, if any."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if not seen_latest:
            seen_latest = True
            continue
        return (event.get("parse_data") or {}).get("intent", {}).get("name")
    return None


def suggestions(intent_ranking: List[Dict[Text, Any]], domain: Dict[Text, Any]) -> List[Text]:
    """The top-ranked intents that have a label to show, best first."""
    labelled = [
        entry["name"]
        for entry in intent_ranking
        if entry.get("name") != FALLBACK_INTENT and f"{LABEL_PREFIX}{entry.get('name')}" in domain.get("responses", {})
    ]
    return labelled[:MAX_SUGGESTIONS]


def label(domain: Dict[Text, Any], name: Text) -> Text:
    return domain["responses"][name][0]["text"]


class ActionSuggestIntents(Action):
    """First miss: "Did you mean …?" with the top candidates. Second miss in a row: booking or staff."""

    def name(self) -> Text:
        return "action_suggest_intents"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        best_guess = next((entry["name"] for entry in ranking if entry.get("name") != FALLBACK_INTENT), None)
        if best_guess == OUT_OF_SCOPE_INTENT:
            # Saying what the assistant can do is safe even when unsure: no claim is made.
            dispatcher.utter_message(response="utter_out_of_scope", **clinic().facts())
            return []
        candidates = suggestions(ranking, domain)
        if previous_user_intent(tracker) == FALLBACK_INTENT or not candidates:
            dispatcher.utter_message(response="utter_still_not_sure")
            return []
        buttons = [{"title": label(domain, f"{LABEL_PREFIX}{name}"), "payload": f"/{name}"} for name in candidates]
        buttons.append({"title": label(domain, "utter_something_else"), "payload": "/out_of_scope"})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []
