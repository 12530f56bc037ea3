"""What happens when the assistant is not confident it understood."""

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    ABOUT_THAT,
    FOLLOW_UPS,
    LEVEL_TOPICS,
    RETRIEVAL_INTENT,
    SEVERITY,
    SUITABILITY,
    asks_about_the_last_answer,
    concern_given,
    consent_refusal_explained,
    context_wins,
    more_said_of_a_personal_factor,
    next_session_after_a_reaction,
    not_given_line,
    not_given_on_its_own,
    own_signs_in_a_thread,
    response_for,
    said_of_the_emergency_call,
    say_answers,
    say_next_session_after_a_reaction,
    the_messages_answer,
    the_route_again,
    unreachable_in_a_route_thread,
    waiting_for_111s_call,
    who_to_ask_in_an_emergency,
)
from actions.guide import back_in_the_walkthrough
from core.words import ASKS_TO_BE_WRITTEN_TO, ASKS_WHAT_IT_COSTS

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
SOMETHING_ELSE_INTENT = "something_else"  # none of the suggestions: asked what it is

MAX_SUGGESTIONS = 3
LABEL_PREFIX = "utter_label_"
# the booking form's yes-or-no questions
BOOL_SLOTS = ("booking_consent", "booking_confirmed")


def previous_user_intent(tracker: Tracker) -> Optional[Text]:
    """The intent of the user message before the latest one, if any."""
    before = tracker.get_last_event_for("user", skip=1)
    return ((before or {}).get("parse_data") or {}).get("intent", {}).get("name")


def candidates(message: Dict[Text, Any]) -> List[Dict[Text, Any]]:
    """Every intent and every answer the NLU considered, best first: `faq` stands for its answers."""
    answers = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("ranking") or []
    ranked = [
        {
            "label": f"{LABEL_PREFIX}{RETRIEVAL_INTENT}_{entry['intent_response_key'].split('/', 1)[1]}",
            "payload": f'/{RETRIEVAL_INTENT}{{"topic": "{entry["intent_response_key"].split("/", 1)[1]}"}}',
            "confidence": entry["confidence"],
            "name": entry["intent_response_key"],
        }
        for entry in answers
    ]
    ranked += [
        {
            "label": f"{LABEL_PREFIX}{entry['name']}",
            "payload": f"/{entry['name']}",
            "confidence": entry["confidence"],
            "name": entry["name"],
        }
        for entry in message.get("intent_ranking") or []
        if entry.get("name") not in (FALLBACK_INTENT, RETRIEVAL_INTENT)
    ]
    return sorted(ranked, key=lambda entry: -entry["confidence"])


def suggestions(
    message: Dict[Text, Any], domain: Dict[Text, Any], answered_before: bool = True
) -> List[Dict[Text, Any]]:
    """The best candidates that have a label to show; "more about the last answer" only after an answer."""
    responses = domain.get("responses", {})
    follow_ups = set() if answered_before else {f"{RETRIEVAL_INTENT}/{topic}" for topic in FOLLOW_UPS}
    return [entry for entry in candidates(message) if entry["label"] in responses and entry["name"] not in follow_ups][
        :MAX_SUGGESTIONS
    ]


def label(domain: Dict[Text, Any], name: Text) -> Text:
    return domain["responses"][name][0]["text"]


# whether, or how, a request sent can be cancelled, asked
_HOW_TO_CANCEL_ASKED = re.compile(
    r"\b(?:can|could|do|must|should|how)\b[^.?!]{0,40}\bcancel\w*\b[^.!]*\?|\bcancel\w*\b[^.?!]{0,30}\b(?:here|"
    r"in (?:this|the) chat|online|through (?:here|this))\b",
    re.IGNORECASE,
)


# words that end a conversation, said with nothing asked ("cheers. ill think about it"); "she's 15" after the answer
# for someone under 18 asks nothing too, and is about that answer
_SIGNS_OFF = re.compile(
    r"\b(?:cheers|thanks|thank you|thx|ta|bye|goodbye|(?:have a |'ll |ll |will )think|"
    r"think (?:about it|it over|on it))\b",
    re.IGNORECASE,
)


class ActionSuggestIntents(Action):
    """First miss: "Did you mean …?" with the top candidates. Second miss in a row: booking or staff."""

    def name(self) -> Text:
        return "action_suggest_intents"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if tracker.latest_action_name not in (None, "action_listen", tracker.active_loop.get("name")):
            # run as the dialogue's fallback (config.yml `core_fallback_action_name`) after another action answered
            # this message: nothing more to say, and the turn ends. Play-test 43: after the advice-had answer to "la
            # ambulancia viene … she is a bit better now", "Sorry, I can't help with that" eight times over, as
            # nothing else was predicted after it
            return [FollowupAction("action_listen")]
        if not tracker.active_loop.get("name"):
            # "sorry where were we", "Could I have step 3 again please", "Never mind. Next please" in the walk-through,
            # or "take me through it, one step at a time please" before it
            walked = back_in_the_walkthrough(dispatcher, tracker, unclear=True)
            if walked is not None:
                return walked
            if said_of_the_emergency_call(dispatcher, tracker, domain):  # "ok calling 111 now" after 999
                return [SlotSet("offer", None)]
            who_to_ask = who_to_ask_in_an_emergency(tracker)
            if tracker.get_slot("last_topic") == SEVERITY[0] and who_to_ask:
                # "im asking about my partner shes having a reaction, lie down or sit up??" (play-test 200: a menu, with
                # no word of 999): the emergency's route, and who to ask
                dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
                dispatcher.utter_message(response=who_to_ask)
                return [SlotSet("offer", None)]
            if unreachable_in_a_route_thread(tracker):
                # "I'm not booking anything I'm asking what to do about my face, the clinic isn't answering" (play-test
                # 248: a menu): the route's thread answers it
                return [FollowupAction("action_answer_question")]
            level = own_signs_in_a_thread(tracker)
            if level:
                # ("hello?? did u read what i said, its burning a lot", after the expected reaction's answer and a
                # question beside it: play-test 166, a menu): the person's own signs, answered as a report
                return say_answers(dispatcher, tracker, domain, [LEVEL_TOPICS[level]])
            # ("what? im not booking anything. im asking if emailing them is enough or do i really have to ring 111
            # tonight": play-test 167, a menu with no word of the route)
            if waiting_for_111s_call(dispatcher, tracker):  # "can i sleep instead of waiting for them to ring back"
                return [SlotSet("offer", None)]
            again = the_route_again(dispatcher, tracker, domain)
            if again is not None:
                return again
        events = self.suggest(dispatcher, tracker, domain)
        if events is not None:
            return events
        # an earlier answer's offer no longer stands once the assistant has asked what was meant
        return [SlotSet("offer", None)]

    @staticmethod
    def suggest(
        dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Optional[List[Dict[Text, Any]]]:
        """Say what fits the miss; the events of an answer given in context, else None."""
        message = tracker.latest_message
        ranked = candidates(message)
        if tracker.active_loop.get("name"):
            # Inside the form the fallback runs when a message fills nothing; the form then asks again.
            if tracker.get_slot("requested_slot") in BOOL_SLOTS:
                if consent_refusal_explained(dispatcher, tracker):  # "if I press No, will I still get my appointment?"
                    return None
                if not concern_given(tracker):  # a concern named at the consent question: the form takes it
                    dispatcher.utter_message(response="utter_invalid_booking_yes_no")
                return None
            if (message.get("intent") or {}).get("name") != FALLBACK_INTENT:
                return None  # "hi" or "yes" to "What's your name?": just the question again
        if (
            not tracker.active_loop.get("name")
            and tracker.get_slot("request_sent")
            and _HOW_TO_CANCEL_ASKED.search(message.get("text") or "")
        ):
            # "if I decide I don't want it at all can I cancel here or must I phone?", "So I can't cancel my request
            # here then?" (play-test 230: a menu, twice): the request's reference, and how to change or cancel it
            dispatcher.utter_message(response="utter_request_reference")
            return None
        if not tracker.active_loop.get("name") and ASKS_TO_BE_WRITTEN_TO.search(message.get("text") or ""):
            # "if i do book, could the clinic email me instead of phoning?" (play-test 199: "not sure I understood")
            dispatcher.utter_message(response="utter_written_contact")
            return None
        own = not_given_on_its_own(message.get("text") or "")
        if own:
            # "do you do a patch test?", read as out of scope (play-test 171: "Sorry, I can't help with that"): that the
            # guide does not say, and what it says nearest (the message's own answer, where it has that line too)
            topic = the_messages_answer(tracker)
            if topic and not_given_line(tracker, topic, topic) in own:
                return say_answers(dispatcher, tracker, domain, [topic])
            return say_answers(dispatcher, tracker, domain, list(dict.fromkeys(own.values())))
        if ranked and ranked[0]["name"] == OUT_OF_SCOPE_INTENT:
            # Saying what the assistant can do is safe even when unsure: no claim is made.
            dispatcher.utter_message(response="utter_out_of_scope")
            return None
        if next_session_after_a_reaction(tracker, None):
            return say_next_session_after_a_reaction(dispatcher)
        topic = the_messages_answer(tracker)
        if topic == "price" and ASKS_WHAT_IT_COSTS.search(message.get("text") or ""):
            # "ok is the consultation itself free at least?", unsure, with the price answer first (play-test 166: a
            # menu): that answer says what can be said of any cost, the consultation's too
            return say_answers(dispatcher, tracker, domain, [topic])
        if topic and not_given_line(tracker, topic, topic):
            # "does it bleed?", unsure between answers: what the guide does not say is said so, with what it says
            # (play-test 63: "Sorry, I still didn't catch that"), which makes no claim
            return say_answers(dispatcher, tracker, domain, [topic])
        last_topic = tracker.get_slot("last_topic")
        if asks_about_the_last_answer(tracker, None, last_topic):
            return say_answers(dispatcher, tracker, domain, [ABOUT_THAT])
        signs_off = not message.get("asks", True) and _SIGNS_OFF.search(message.get("text") or "")
        if not signs_off and context_wins(tracker, None, last_topic):
            # "is that per session?" after the price answer: unclear alone, clear after it (actions/answers.py); not
            # what asks nothing ("cheers. ill think about it": play-test 231, the sessions answer again)
            return say_answers(dispatcher, tracker, domain, [last_topic])
        if not signs_off and more_said_of_a_personal_factor(tracker):
            # "well i stopped 2 weeks ago" after the consultation's answer for accutane (play-test 255: a menu): more
            # of the same personal factor, which is the consultation's too
            return say_answers(dispatcher, tracker, domain, [SUITABILITY])
        shown = suggestions(message, domain, answered_before=bool(last_topic))
        if previous_user_intent(tracker) == FALLBACK_INTENT or not shown:
            dispatcher.utter_message(response="utter_still_not_sure")
            return None
        buttons = [{"title": label(domain, entry["label"]), "payload": entry["payload"]} for entry in shown]
        buttons.append({"title": label(domain, "utter_something_else"), "payload": f"/{SOMETHING_ELSE_INTENT}"})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return None
