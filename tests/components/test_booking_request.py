"""A message giving a booking's details is a booking request (components/booking_request.py)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from components.booking_request import BookingDetailsRequest


def message(text, intent, kinds):
    found = Message(data={"text": text})
    found.set("intent", {"name": intent, "confidence": 0.4})
    found.set("intent_ranking", [{"name": intent, "confidence": 0.4}, {"name": "book_consultation", "confidence": 0.2}])
    found.set("entities", [{"entity": kind, "value": "x", "start": 0, "end": 1} for kind in kinds])
    return found


@pytest.mark.parametrize(
    "intent, kinds, expected",
    [
        # "priya@example.com - Priya Patel - need a consultation, wed 9th at half 10"
        ("nlu_fallback", ["email", "person", "time"], "book_consultation"),
        ("inform", ["phone", "time"], "book_consultation"),
        ("out_of_scope", ["person", "email"], "book_consultation"),
        # one detail alone: "I'm Priya" is not yet a request
        ("inform", ["person"], "inform"),
        # a question with details stays a question
        ("faq", ["person", "phone"], "faq"),
        # entities that are no booking details
        ("inform", ["skin_concern", "treatment_area"], "inform"),
    ],
)
def test_two_kinds_of_detail_make_a_booking_request(intent, kinds, expected):
    found = message("...", intent, kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    assert found.get("intent_ranking")[0]["name"] == expected
    assert len({entry["name"] for entry in found.get("intent_ranking")}) == len(found.get("intent_ranking"))


def test_a_button_is_left_alone():
    found = message('/inform{"person": "Jo"}', "inform", ["person", "phone"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "inform"
