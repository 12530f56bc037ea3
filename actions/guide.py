"""The step-by-step walk-through of the guide's four steps."""

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import late_deletion_press, set_aside
from core.walkthrough import FINISHED, STEPS, target_step

GUIDE_ACTION = "action_show_guide_step"
__all__ = ["FINISHED", "GUIDE_ACTION", "STEPS", "target_step"]  # the walk-through's order is core's


def step_response(step: Text) -> Text:
    """A step as the walk-through shows it, "Step N of 4" with Next and Back (domain.yml); a question about
    the step alone gets its answer, `utter_faq/<step>`, without them."""
    return f"utter_walkthrough_{step}"


# a step named as the one before or after the step wanted ("whats after the needling bit": play-test 139, the
# needling step itself, twice)
_AFTER_IT = re.compile(r"\b(?:after|following|once|past)\s+(?:the\s+|that\s+|this\s+)?$", re.IGNORECASE)
_BEFORE_IT = re.compile(r"\b(?:before|ahead of)\s+(?:the\s+|that\s+|this\s+)?$", re.IGNORECASE)


def named_step(tracker: Tracker) -> Optional[Text]:
    """The step a message names by number or position ("what's step 2?"), from the spaCy entity ruler; of two, the
    last ("i was on step 3 already, skip to the last one", found by the sixteenth play-test). A step named as the one
    before or after it ("what comes after the needling bit") names that one."""
    text = tracker.latest_message.get("text") or ""
    named = [
        entity
        for entity in tracker.latest_message.get("entities") or []
        if entity.get("entity") == "guide_step" and entity.get("value") in STEPS
    ]
    if not named:
        return None
    last = named[-1]
    index = STEPS.index(last["value"])
    before = text[: last["start"]] if isinstance(last.get("start"), int) else ""
    if _AFTER_IT.search(before):
        return STEPS[min(index + 1, len(STEPS) - 1)]
    if _BEFORE_IT.search(before):
        return STEPS[max(index - 1, 0)]
    return last["value"]


def typed_in_a_safety_thread(tracker: Tracker, intent: Optional[Text]) -> bool:
    """Whether the latest message is typed words read as "next" or "back", right after the emergency or the urgent
    answer: no walk-through was asked for (its buttons send their payloads)."""
    from actions.answers import SAFETY_ROUTES  # it imports this module

    typed = not (tracker.latest_message.get("text") or "").startswith("/")
    return typed and intent in ("next_step", "previous_step") and tracker.get_slot("last_topic") in SAFETY_ROUTES


# a step past the last named ("step 5", "the fifth step")
_A_STEP_BEYOND = re.compile(
    r"\bstep\s*(?:[5-9]|\d{2,}|five|six|seven|eight|nine|ten)\b|\b(?:fifth|sixth|seventh|eighth|ninth|tenth)\s+step\b",
    re.IGNORECASE,
)


# all the steps asked for at once, not one by one ("can you just show me all the steps at once", "all 4 steps in one
# message please": play-tests 113 and 115, step 1 again, three times)
_ALL_AT_ONCE = re.compile(
    r"\b(?:all|every|each|whole|full|entire)\b[^.?!]{0,30}\b(?:at once|in one go|in one (?:message|reply|go|list)|"
    r"in a single (?:message|reply)|together|not one by one|rather than (?:clicking|one by one))\b|"
    r"\b(?:all|every)\s+(?:of\s+)?(?:the\s+)?(?:4\s+|four\s+)?(?:steps|stages)\b[^.?!]{0,20}\b(?:please|pls|now)\b|"
    r"\b(?:paste|show|give|list|put|send)\b[^.?!]{0,10}\b(?:the\s+)?(?:whole|full|entire)\s+(?:thing|process|guide)\b",
    re.IGNORECASE,
)


# the walk-through's place asked for after a break ("sorry where was i", "Where were we?", "which step was i on": play-
# tests 198 and 201, a suitability answer and the clinic's address), or a step back asked in words ("Could we go back a
# step": play-test 201)
_WHERE_WERE_WE = re.compile(
    r"\bwhere\s+(?:were\s+we|was\s+i|did\s+we\s+(?:get|leave\s+off|stop)|had\s+we\s+got\s+to|were\s+we\s+up\s+to)\b|"
    r"\bwhich\s+step\s+(?:was\s+i|were\s+we|am\s+i|are\s+we)\s+(?:on|at|up\s+to)\b|"
    r"\b(?:carry|go)\s+on\s+(?:from\s+)?where\s+we\s+(?:left\s+off|were)\b",
    re.IGNORECASE,
)
_BACK_A_STEP = re.compile(
    r"\b(?:go|going|take\s+me)\s+back\s+(?:a|one)\s+step\b|\b(?:the\s+)?(?:previous|last)\s+step\s+again\b",
    re.IGNORECASE,
)


# the next step asked for in words, among others ("Oh, back to the beginning. Never mind. Next please": play-test 208,
# a menu): "next" as a clause of its own
_NEXT_ALONE = re.compile(
    r"(?:^|[.!?,;]\s*|\b(?:ok|okay|right|yes|alright|go\s+on|then|never\s+mind)\s+)"
    r"(?:the\s+)?next(?:\s+(?:one|step|bit|part|stage))?(?:\s+(?:please|pls|then|thanks|thank\s+you))*\W*$",
    re.IGNORECASE,
)
# a step named to be shown ("Could I have step 3 again please": play-test 208, a menu)
_A_STEP_ASKED = re.compile(
    r"\b(?:again|please|pls|show|see|have|repeat|what\s+was|what'?s|go\s+to|back\s+to)\b", re.IGNORECASE
)
# the walk-through asked for in more words than the classifier was sure of ("I wonder if you could take me through
# what happens during microneedling, one step at a time please, I'm not very quick with these things": play-test 208)
_STEP_BY_STEP = re.compile(
    r"\b(?:one\s+step\s+at\s+a\s+time|step\s+by\s+step|(?:take|talk|walk)\s+me\s+through\b[^.?!]{0,40}\b(?:steps?|stages?|"
    r"what\s+happens|the\s+process|the\s+treatment|microneedling|it))\b",
    re.IGNORECASE,
)


def back_in_the_walkthrough(
    dispatcher: CollectingDispatcher, tracker: Tracker, unclear: bool = False
) -> Optional[List[Dict[Text, Any]]]:
    """In the middle of the walk-through, its place asked for after a break, or a step back asked in words; and in a
    message no intent caught (`unclear`: the fallback), the next step or a step named, or outside the walk-through the
    walk-through itself asked for step by step. That step shown (a step the message names first); None otherwise."""
    current = tracker.get_slot("current_step")
    text = tracker.latest_message.get("text") or ""
    if tracker.active_loop.get("name"):
        return None
    if current not in STEPS:
        if not (unclear and _STEP_BY_STEP.search(text)):
            return None
        step = named_step(tracker) or STEPS[0]
    elif _WHERE_WERE_WE.search(text):
        step = named_step(tracker) or current
    elif _BACK_A_STEP.search(text):
        step = STEPS[max(STEPS.index(current) - 1, 0)]
    elif unclear and _NEXT_ALONE.search(text):
        following = target_step("next_step", current, None)
        if following is None:
            dispatcher.utter_message(response="utter_guide_finished")
            return [SlotSet("current_step", FINISHED)]
        step = following
    elif unclear and named_step(tracker) and _A_STEP_ASKED.search(text):
        step = named_step(tracker) or current
    else:
        return None
    dispatcher.utter_message(response=step_response(step))
    return [SlotSet("current_step", step), SlotSet("last_topic", step)]


class ActionShowGuideStep(Action):
    def name(self) -> Text:
        return GUIDE_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if late_deletion_press(tracker):  # an older "Yes, delete my data", not a yes to the walk-through
            return set_aside(dispatcher)
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
        if typed_in_a_safety_thread(tracker, intent):
            # "shud i go back in" with lips swelling is no "back" in a walk-through (play-test 31: Step 1 of 4, and the
            # emergency's thread lost); the thread answers it (actions/answers.py)
            return [FollowupAction("action_answer_question")]
        if intent in ("start_guide", "show_step", "next_step") and _ALL_AT_ONCE.search(
            tracker.latest_message.get("text") or ""
        ):
            dispatcher.utter_message(response="utter_walkthrough_all")
            return [SlotSet("current_step", FINISHED), SlotSet("last_topic", None)]
        current = tracker.get_slot("current_step")
        named = named_step(tracker)
        step = target_step(intent, current, named)
        if intent == "show_step" and named is None:  # "step 5", "show me a step": there are four
            dispatcher.utter_message(response="utter_guide_four_steps")
        elif named is None and _A_STEP_BEYOND.search(tracker.latest_message.get("text") or ""):
            # "ok and whats step 5?" at step 3 (play-test 97: step 4, as if it were step 5): there are four, then the
            # next
            dispatcher.utter_message(response="utter_guide_only_four_steps")
        if step is None:
            dispatcher.utter_message(response="utter_guide_finished")
            return [SlotSet("current_step", FINISHED)]
        if intent == "previous_step" and current == step == STEPS[0] and named is None:  # not when a step was named
            dispatcher.utter_message(response="utter_guide_at_start")
        dispatcher.utter_message(response=step_response(step))
        return [SlotSet("current_step", step), SlotSet("last_topic", step)]
