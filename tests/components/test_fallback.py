"""components/fallback.py: a lower threshold for answers that defer to the consultation or the clinic."""
import pytest

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.fallback import AnswerFallbackClassifier

CONFIG = {
    "threshold": 0.5,
    "ambiguity_threshold": 0.1,
    "deferral_threshold": 0.2,
    "deferral_answers": ["faq/suitability", "faq/complication", "faq/price", "faq/unknown_"],
}


def message(intent, confidence, answer=None, second=0.05):
    """A message as the QuestionClassifier leaves it; the runner-up intent is far behind."""
    data = {
        TEXT: "some text",
        INTENT: {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}, {"name": "other", "confidence": second}],
    }
    if answer:
        data["response_selector"] = {
            "all_retrieval_intents": ["faq"],
            "faq": {
                "response": {"responses": [], "confidence": confidence, INTENT_RESPONSE_KEY: answer,
                             "utter_action": f"utter_{answer}"},
                "ranking": [{"confidence": confidence, INTENT_RESPONSE_KEY: answer}],
            },
        }
    return Message(data=data)


def classify(msg, **config):
    AnswerFallbackClassifier({**AnswerFallbackClassifier.get_default_config(), **CONFIG, **config}).process([msg])
    return msg.get(INTENT)["name"]


@pytest.mark.parametrize(
    "intent, confidence, answer, expected",
    [
        # a deferral answer at 0.25 passes the deferral threshold of 0.2
        ("faq", 0.25, "faq/suitability", "faq"),
        # a prefix in deferral_answers covers every faq/unknown_* answer
        ("faq", 0.25, "faq/unknown_activity", "faq"),
        # a deferral answer below the deferral threshold falls back
        ("faq", 0.15, "faq/complication", DEFAULT_NLU_FALLBACK_INTENT_NAME),
        # a guide answer at 0.25 needs the full threshold
        ("faq", 0.25, "faq/pain", DEFAULT_NLU_FALLBACK_INTENT_NAME),
        # a guide answer above the threshold is kept
        ("faq", 0.7, "faq/pain", "faq"),
        # an intent outside faq at 0.4 falls back
        ("book_consultation", 0.4, None, DEFAULT_NLU_FALLBACK_INTENT_NAME),
        # an intent outside faq at 0.4 falls back even when a deferral answer was selected for faq
        ("affirm", 0.4, "faq/suitability", DEFAULT_NLU_FALLBACK_INTENT_NAME),
        # an intent outside faq above the threshold is kept
        ("affirm", 0.8, None, "affirm"),
        # a faq message without a response_selector uses the full threshold
        ("faq", 0.25, None, DEFAULT_NLU_FALLBACK_INTENT_NAME),
    ],
)
def test_thresholds(intent, confidence, answer, expected):
    assert classify(message(intent, confidence, answer)) == expected


def test_fallback_goes_first_in_the_ranking():
    msg = message("faq", 0.25, "faq/pain")
    classify(msg)
    assert msg.get(INTENT) == {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 0.5}
    assert msg.get("intent_ranking")[0]["name"] == DEFAULT_NLU_FALLBACK_INTENT_NAME
    assert msg.get("intent_ranking")[1]["name"] == "faq"


def test_ambiguity_still_applies_to_deferrals():
    # a deferral answer above its threshold but with a close runner-up still falls back
    assert classify(message("faq", 0.3, "faq/suitability", second=0.25)) == DEFAULT_NLU_FALLBACK_INTENT_NAME


def test_defaults_without_deferral_config():
    # without deferral_answers every answer needs the threshold
    msg = message("faq", 0.4, "faq/suitability")
    AnswerFallbackClassifier({**AnswerFallbackClassifier.get_default_config(), "threshold": 0.5}).process([msg])
    assert msg.get(INTENT)["name"] == DEFAULT_NLU_FALLBACK_INTENT_NAME


@pytest.mark.parametrize(
    "questions, expected",
    [
        # several questions, each sure of its answer: answered part by part, whatever the whole scored
        (["faq/pain", "faq/sessions"], "faq"),
        # one question is no split: the whole message's answer decides
        (["faq/pain"], DEFAULT_NLU_FALLBACK_INTENT_NAME),
        ([], DEFAULT_NLU_FALLBACK_INTENT_NAME),
    ],
)
def test_a_message_split_into_questions_is_not_a_fallback(questions, expected):
    msg = message("faq", 0.3, "faq/pain")
    msg.set("questions", [{"intent_response_key": key, "confidence": 0.8} for key in questions])
    assert classify(msg) == expected


@pytest.mark.parametrize("answer, decided_by_entity, expected", [
    # "can you combine it with a chemical peel": the message names what the guide does not cover
    ("faq/unknown_treatment", True, "faq"),
    # the same answer without the entity deciding it: ambiguous as before
    ("faq/unknown_treatment", False, DEFAULT_NLU_FALLBACK_INTENT_NAME),
    # a guide answer is never spared the ambiguity check
    ("faq/pain", True, DEFAULT_NLU_FALLBACK_INTENT_NAME),
])
def test_a_deferral_the_message_itself_decided_is_not_ambiguous(answer, decided_by_entity, expected):
    msg = message("faq", 0.51, answer, second=0.46)
    msg.get("response_selector")["faq"]["response"]["decided_by_entity"] = decided_by_entity
    assert classify(msg) == expected
