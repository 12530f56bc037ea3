"""evaluation/evaluate_nlu.py: the label the assistant answers with, for the answer-level F1 gate."""
import pytest

from evaluation.evaluate_nlu import full_label


def parse(intent, key=None, confidence=0.8):
    result = {"intent": {"name": intent, "confidence": confidence},
              "intent_ranking": [{"name": intent, "confidence": confidence}]}
    if key:
        result["response_selector"] = {intent: {"response": {"intent_response_key": key, "confidence": confidence}}}
    return result


@pytest.mark.parametrize(
    "key, label",
    [
        ("faq/pain", "faq/pain"),
        # the triage's answers are scored as the classifier's label they refine
        ("faq/emergency", "faq/complication"),
        ("faq/expected_reaction", "faq/complication"),
        ("faq/minors", "faq/suitability"),
    ],
)
def test_the_label_answered(key, label):
    assert full_label(parse("faq", key)) == (label, True, 0.8)


def test_a_fallback_is_undone_but_not_answered():
    result = parse("faq", "faq/pain", 0.3)
    result["intent"] = {"name": "nlu_fallback", "confidence": 0.35}
    assert full_label(result) == ("faq/pain", False, 0.3)
