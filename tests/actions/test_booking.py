import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions.booking import (
    ActionAskBookingFormBookingConfirmed,
    ActionCancelBooking,
    ActionStartBooking,
    ActionSubmitBooking,
    ValidateBookingForm,
)
from tests.conftest import responses

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/London"))
FORM = "booking_form"


@pytest.fixture
def validate():
    return ValidateBookingForm(clock=lambda: NOW)


def slot_values(events):
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


async def run_form_turn(validate, dispatcher, make_tracker, domain, requested, text, intent="inform", slots=None, **kwargs):
    tracker = make_tracker(
        intent=intent, text=text, slots={"requested_slot": requested, **(slots or {})}, active_loop=FORM, **kwargs
    )
    return await validate.run(dispatcher, tracker, domain)


@pytest.mark.parametrize(
    "slots, entities, concern",
    [
        # said in the booking request itself
        ({}, [{"entity": "skin_concern", "value": "acne scars"}, {"entity": "treatment_area", "value": "face"}], "acne scars (face)"),
        ({"skin_concern": "stretch marks"}, [], "stretch marks"),  # a concern named earlier in the chat
        ({"treatment_area": "neck"}, [], None),  # an area alone, said earlier ("does it work on the neck?"), is no concern
    ],
)
async def test_start_clears_an_old_request_and_prefills_the_concern(dispatcher, make_tracker, domain, slots, entities, concern):
    tracker = make_tracker(intent="book_consultation", slots={"booking_name": "Old Name", **slots}, entities=entities)
    events = await ActionStartBooking().run(dispatcher, tracker, domain)
    values = slot_values(events)
    assert values["booking_name"] is None
    assert values["treatment_area"] is None and values["skin_concern"] is None  # nothing kept from the chat
    assert values.get("booking_concern") == concern
    assert responses(dispatcher) == ["utter_booking_start"]


@pytest.mark.parametrize(
    "requested, text, intent, expected",
    [
        ("booking_name", "Zoë Ñúñez-O'Brien", "inform", "Zoë Ñúñez-O'Brien"),  # stored as typed
        ("booking_name", "'; DROP TABLE bookings; --", "out_of_scope", "'; DROP TABLE bookings; --"),
        ("booking_name", "'; DROP TABLE bookings; --", "stop", "'; DROP TABLE bookings; --"),  # no cancel word: a name
        ("booking_contact", "jo@example.com", "inform", "jo@example.com"),
        ("booking_contact", "07911 123456", "ask_price", "+447911123456"),  # a number is an answer whatever NLU thought
        ("booking_time", "friday at 3pm", "inform", "2026-11-27T15:00:00+00:00/2026-11-27T15:00:00+00:00"),
        ("booking_concern", "acne scars on my cheeks", "inform", "acne scars on my cheeks"),
        ("booking_concern", "skip", "inform", ""),  # optional
        ("booking_consent", "yes", "affirm", True),
        ("booking_consent", "yes please", "next_step", True),  # a typed yes wins over a wrong intent
        ("booking_contact", "my email is sean@example.ie", "correct_booking", "sean@example.ie"),  # not a correction
        ("booking_concern", "skip", "next_step", ""),  # the Skip button's text, whatever NLU made of it
        ("booking_confirmed", "yes that's right", "affirm", True),
    ],
)
async def test_a_valid_answer_fills_the_requested_slot(
    validate, dispatcher, make_tracker, domain, requested, text, intent, expected
):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, requested, text, intent)
    assert slot_values(events)[requested] == expected
    assert dispatcher.messages == []


async def test_time_keeps_what_was_typed(validate, dispatcher, make_tracker, domain):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, "booking_time", "next Tuesday afternoon")
    values = slot_values(events)
    assert values["booking_time_text"] == "next Tuesday afternoon"
    assert values["booking_time"].startswith("2026-12-01T12:00:00+00:00/")


@pytest.mark.parametrize(
    "requested, text, intent, response",
    [
        ("booking_name", "hello", "greet", "utter_invalid_booking_name"),
        ("booking_name", "what does it cost?", "inform", "utter_invalid_booking_name"),
        ("booking_contact", "jo@example", "inform", "utter_invalid_booking_email"),
        ("booking_contact", "not telling you", "deny", "utter_invalid_booking_contact"),
        ("booking_time", "sunday at 2pm", "inform", "utter_invalid_booking_time_closed"),
        ("booking_time", "yesterday", "inform", "utter_invalid_booking_time_past"),
        ("booking_time", "whenever", "inform", "utter_invalid_booking_time"),
        ("booking_consent", "purple", "inform", "utter_invalid_booking_yes_no"),
    ],
)
async def test_a_bad_answer_is_asked_again_with_the_reason(
    validate, dispatcher, make_tracker, domain, requested, text, intent, response
):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, requested, text, intent)
    values = slot_values(events)
    assert values[requested] is None
    assert values["booking_failures"] == {requested: 1}
    assert "requested_slot" not in values  # the form goes on and asks again
    assert responses(dispatcher) == [response]


async def test_third_failure_on_one_slot_offers_the_staff_and_keeps_the_form(validate, dispatcher, make_tracker, domain):
    events = await run_form_turn(
        validate, dispatcher, make_tracker, domain, "booking_contact", "no idea",
        slots={"booking_name": "Jo", "booking_failures": {"booking_contact": 2}},
    )
    values = slot_values(events)
    assert "requested_slot" not in values  # the form goes on: nothing given so far is lost
    assert values["booking_failures"] == {"booking_contact": 0}
    assert responses(dispatcher) == ["utter_invalid_booking_contact", "utter_booking_too_many_failures"]
    assert "+44" in dispatcher.messages[1]["clinic_phone"]


async def test_failures_are_counted_per_slot(validate, dispatcher, make_tracker, domain):
    events = await run_form_turn(
        validate, dispatcher, make_tracker, domain, "booking_time", "whenever",
        slots={"booking_failures": {"booking_contact": 2}},
    )
    assert slot_values(events)["booking_failures"] == {"booking_contact": 2, "booking_time": 1}
    assert responses(dispatcher) == ["utter_invalid_booking_time"]


@pytest.mark.parametrize(
    "requested, text, intent",
    [
        ("booking_name", "does it hurt", "ask_pain"),  # a question: a rule answers it, the form resumes
        ("booking_contact", "cancel", "stop"),  # leaves the form
        ("booking_time", "actually never mind, i changed my mind", "stop"),
        ("booking_time", "how long does it take", "ask_duration"),
        ("booking_consent", "can I talk to a person", "request_human"),
        ("booking_name", "/ask_pain", "ask_pain"),  # a button
        ("booking_contact", "is it safe if I'm pregnant?", "nlu_fallback"),  # an unclear question: suggestions
    ],
)
async def test_a_question_inside_the_form_is_left_to_the_rules(
    validate, dispatcher, make_tracker, domain, requested, text, intent
):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, requested, text, intent)
    assert slot_values(events) == {}  # nothing extracted, so the form rejects and a rule answers
    assert dispatcher.messages == []


async def test_declining_consent_ends_the_form_without_keeping_anything(validate, dispatcher, make_tracker, domain):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, "booking_consent", "no", "deny")
    values = slot_values(events)
    assert values["requested_slot"] is None
    assert values["booking_consent"] is None
    assert responses(dispatcher) == ["utter_booking_consent_declined"]


@pytest.mark.parametrize(
    "text, entities, cleared",
    [
        ("/correct_booking", [{"entity": "booking_field", "value": "booking_contact"}], "booking_contact"),  # button
        ("I made a typo in my email", [], "booking_contact"),
        ("wrong name", [], "booking_name"),
        ("can we do a different day", [], "booking_time"),
    ],
)
async def test_a_correction_clears_that_detail_and_asks_again(
    validate, dispatcher, make_tracker, domain, text, entities, cleared
):
    events = await run_form_turn(
        validate, dispatcher, make_tracker, domain, "booking_confirmed", text, "correct_booking",
        entities=entities, slots={"booking_name": "Jo", "booking_contact": "jo@example.com"},
    )
    values = slot_values(events)
    assert cleared in values and values[cleared] is None
    assert values["booking_confirmed"] is None


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("the time", "inform", {"booking_time": None, "booking_time_text": None, "booking_confirmed": None}),
        ("wrong email", "deny", {"booking_contact": None, "booking_confirmed": None}),
        ("actually saturday afternoon instead", "inform",
         {"booking_time": "2026-11-28T12:00:00+00:00/2026-11-28T16:00:00+00:00", "booking_time_text": "actually saturday afternoon instead", "booking_confirmed": None}),
        ("ok saturday at 11", "affirm",
         {"booking_time": "2026-11-28T11:00:00+00:00/2026-11-28T11:00:00+00:00", "booking_time_text": "saturday at 11", "booking_confirmed": None}),
        ("no, my email is jo@example.org", "deny", {"booking_contact": "jo@example.org", "booking_confirmed": None}),
        ("send", "inform", {"booking_confirmed": True}),
        ("change my email to lena.f@gmail.com", "correct_booking", {"booking_contact": "lena.f@gmail.com", "booking_confirmed": None}),
        ("yep send it", "affirm", {"booking_confirmed": True}),
    ],
)
async def test_at_the_summary_a_new_value_or_a_field_is_understood(
    validate, dispatcher, make_tracker, domain, text, intent, expected
):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, "booking_confirmed", text, intent)
    values = slot_values(events)
    assert {key: values.get(key) for key in expected} == expected


async def test_no_at_the_summary_asks_what_to_change(validate, dispatcher, make_tracker, domain):
    events = await run_form_turn(validate, dispatcher, make_tracker, domain, "booking_confirmed", "no", "deny")
    assert slot_values(events)["booking_confirmed"] is None
    assert responses(dispatcher) == ["utter_booking_what_to_change"]


COMPLETE = {
    "booking_name": "Zoë Ñúñez-O'Brien",
    "booking_contact": "+447911123456",
    "booking_time": "2026-11-27T15:00:00+00:00/2026-11-27T15:00:00+00:00",
    "booking_time_text": "friday at 3pm",
    "booking_concern": "",
    "booking_consent": True,
    "booking_confirmed": True,
}


async def test_summary_shows_every_detail(dispatcher, make_tracker, domain):
    await ActionAskBookingFormBookingConfirmed().run(dispatcher, make_tracker(slots=COMPLETE), domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_booking_summary"
    assert message["booking_name"] == "Zoë Ñúñez-O'Brien"
    assert message["preferred_time"] == "Friday 27 November 2026 at 15:00"
    assert message["booking_concern"] == "not given"


@pytest.mark.parametrize(
    "name",
    ["Zoë Ñúñez-O'Brien", "'; DROP TABLE bookings; --", "李雷", 'Robert "Bobby" Tables'],
)
async def test_submit_stores_first_then_gives_the_reference(booking_store, dispatcher, make_tracker, domain, name):
    tracker = make_tracker(slots={**COMPLETE, "booking_name": name}, sender_id="conversation-42")
    events = await ActionSubmitBooking().run(dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_booking_saved"
    stored = booking_store.find(message["reference"])
    assert stored["name"] == name  # verbatim
    assert stored["contact"] == "+447911123456" and stored["contact_kind"] == "phone"
    assert stored["conversation_id"] == "conversation-42"
    assert stored["consent"] is True
    assert slot_values(events)["booking_name"] is None  # nothing kept in the conversation
    assert len(booking_store.all()) == 1


@pytest.mark.parametrize("missing", ["booking_confirmed", "booking_consent"])
async def test_submit_stores_nothing_without_confirmation_and_consent(booking_store, dispatcher, make_tracker, domain, missing):
    tracker = make_tracker(slots={**COMPLETE, missing: None})
    await ActionSubmitBooking().run(dispatcher, tracker, domain)
    assert booking_store.all() == []
    assert dispatcher.messages == []  # the form already said why it ended


async def test_a_storage_failure_gives_no_reference(dispatcher, make_tracker, domain, monkeypatch):
    from actions import storage

    class BrokenStore:
        def save(self, request):
            raise RuntimeError("database is down")

    monkeypatch.setattr(storage, "_store", BrokenStore())
    await ActionSubmitBooking().run(dispatcher, make_tracker(slots=COMPLETE), domain)
    assert responses(dispatcher) == ["utter_booking_save_failed"]
    assert "reference" not in dispatcher.messages[0]


async def test_cancel_forgets_the_details(dispatcher, make_tracker, domain):
    events = await ActionCancelBooking().run(dispatcher, make_tracker(slots=COMPLETE), domain)
    assert all(value is None for value in slot_values(events).values())
    assert responses(dispatcher) == ["utter_booking_cancelled"]
