"""The step-by-step walk-through of the guide's four steps."""
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

STEPS = ("consultation", "preparation", "procedure", "aftercare")
FINISHED = "finished"  # the walk-through went past its last step

# A question about one step jumps straight to it.
STEP_OF_INTENT = {
    "ask_consultation": "consultation",
    "ask_preparation": "preparation",
    "ask_procedure": "procedure",
    "ask_aftercare": "aftercare",
}


# "go to step 3", "the first step", "back to the beginning": a step named in words
_STEP_NUMBER = re.compile(r"\bstep\s*(?:no\.?\s*|number\s*)?([1-4])\b", re.IGNORECASE)
_FIRST = re.compile(r"\b(?:beginning|the start|from the top|first step|step one|start again|start over)\b", re.IGNORECASE)
_LAST = re.compile(r"\b(?:last step|final step|step four)\b", re.IGNORECASE)
_WORD_NUMBERS = {"two": 2, "three": 3}
_STEP_WORD = re.compile(r"\bstep\s+(two|three)\b", re.IGNORECASE)


def named_step(text: Text) -> Optional[Text]:
    """The step a message names by number or position, if any."""
    number = _STEP_NUMBER.search(text or "")
    if number:
        return STEPS[int(number.group(1)) - 1]
    word = _STEP_WORD.search(text or "")
    if word:
        return STEPS[_WORD_NUMBERS[word.group(1).lower()] - 1]
    if _FIRST.search(text or ""):
        return STEPS[0]
    if _LAST.search(text or ""):
        return STEPS[-1]
    return None


def target_step(intent: Optional[Text], current: Optional[Text], text: Text = "") -> Optional[Text]:
    """The step to show next; None once the walk-through has gone past the last step."""
    named = named_step(text) if intent in ("start_guide", "next_step", "previous_step") else None
    if named:
        return named
    if intent in STEP_OF_INTENT:
        return STEP_OF_INTENT[intent]
    if current == FINISHED:
        return STEPS[-1] if intent == "previous_step" else STEPS[0]
    index = STEPS.index(current) if current in STEPS else None
    if intent in ("next_step", "affirm"):  # "yes" to a step means go on
        if index is None:
            return STEPS[0]
        return STEPS[index + 1] if index + 1 < len(STEPS) else None
    if intent == "previous_step":
        return STEPS[max(index - 1, 0)] if index is not None else STEPS[0]
    return STEPS[0]  # start_guide, or anything else: from the beginning


class ActionShowGuideStep(Action):
    def name(self) -> Text:
        return "action_show_guide_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        current = tracker.get_slot("guide_step")
        if intent == "affirm" and current == FINISHED:
            # "yes" to "Would you like to book your consultation?" at the end
            return [FollowupAction("action_start_booking")]
        step = target_step(intent, current, tracker.latest_message.get("text") or "")
        if step is None:
            dispatcher.utter_message(response="utter_guide_finished")
            return [SlotSet("guide_step", FINISHED)]
        if intent == "previous_step" and current == STEPS[0]:
            dispatcher.utter_message(response="utter_guide_at_start")
        dispatcher.utter_message(response=f"utter_guide_step_{step}")
        return [SlotSet("guide_step", step)]
