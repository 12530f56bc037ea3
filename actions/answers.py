"""Answers every question: the NLU picks the answer, this action says it.

The NLU (components/question_classifier.py) gives the answer key of the
retrieval intent `faq` (`faq/pain`, `faq/unknown_activity`, …), and, when one
message asks several things, each question's key in order. Each key has one
response, `utter_faq/<key>`, in domain.yml: a new topic is NLU examples and a
response, nothing here.
"""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.guide import STEPS

RETRIEVAL_INTENT = "faq"
FOLLOW_UP = "follow_up"
# what {thing} says in an off-guide answer when the person named nothing the NLU recognised
UNNAMED_THING = "that"


def _topics(keys: List[Text]) -> List[Text]:
    """Answer keys without `faq/` ("faq/pain" -> "pain"); keys of other intents are dropped."""
    return [key.split("/", 1)[1] for key in keys if key.startswith(f"{RETRIEVAL_INTENT}/")]


def _asked(message: Dict[Text, Any]) -> List[Text]:
    return [question["intent_response_key"] for question in message.get("questions") or []]


def question_keys(tracker: Tracker) -> List[Text]:
    """The answer key of each question the NLU found in the latest message, in order (`faq/` removed)."""
    return _topics(_asked(tracker.latest_message))


def say_answer(dispatcher: CollectingDispatcher, tracker: Tracker, topic: Text) -> None:
    """The answer to one question, naming what the person named where the answer has a {thing}."""
    dispatcher.utter_message(response=response_name(topic), thing=named_thing(tracker, topic))


def answer_keys(tracker: Tracker) -> List[Text]:
    """The answers asked for, in order: each question of the message, else its one answer."""
    message = tracker.latest_message
    keys = _asked(message)
    if not keys:
        selected = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("response") or {}
        if selected.get("intent_response_key"):
            keys = [selected["intent_response_key"]]
    if not keys:  # a button: /faq{"topic": "pain"}
        keys = [f"{RETRIEVAL_INTENT}/{e['value']}" for e in message.get("entities") or [] if e.get("entity") == "topic"]
    return _topics(keys)


def named_thing(tracker: Tracker, topic: Text) -> Text:
    """What the person named that the guide does not cover ("swimming"), for an off-guide answer."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == topic:
            return entity.get("value") or UNNAMED_THING
    return UNNAMED_THING


def response_name(topic: Text) -> Text:
    return f"utter_{RETRIEVAL_INTENT}/{topic}"


def offer_of(domain: Dict[Text, Any], response: Text) -> Optional[Text]:
    """What a response offers (its `metadata: {offer: …}` in domain.yml), so that a "yes" takes it up."""
    variations = domain.get("responses", {}).get(response) or [{}]
    return (variations[0].get("metadata") or {}).get("offer")


class ActionAnswerQuestion(Action):
    def name(self) -> Text:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events: List[Dict[Text, Any]] = []
        last_topic, offer = tracker.get_slot("last_topic"), None
        topics = answer_keys(tracker)
        if not topics:
            dispatcher.utter_message(response="utter_ask_what_about")
        for topic in topics:
            if topic == FOLLOW_UP:
                if not last_topic:
                    dispatcher.utter_message(response="utter_ask_what_about")
                    continue
                dispatcher.utter_message(response=response_name(FOLLOW_UP))
                topic = last_topic
            response = response_name(topic)
            if response not in domain.get("responses", {}):  # a hand-typed button for no answer we have
                dispatcher.utter_message(response="utter_ask_what_about")
                continue
            say_answer(dispatcher, tracker, topic)
            if topic in STEPS:  # "next" goes on from the step just shown
                events.append(SlotSet("current_step", topic))
            # a "yes" takes up what any of the answers offered
            last_topic, offer = topic, offer or offer_of(domain, response)
        if tracker.active_loop.get("name"):
            offer = None  # inside the booking form, "yes" answers the form's question
        return events + [SlotSet("last_topic", last_topic), SlotSet("offer", offer)]
