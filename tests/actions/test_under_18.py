"""What the summary says beyond the details. A request said to be for someone under 18 ("my daughter is 16"): the
summary, the stored request and the clinic's email say so (found by the seventh play-test: the parent and the age
were lost). A call back: the summary says so (found by the tenth)."""
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.events import SlotSet

from actions.booking_form import ActionStartBooking, ValidateBookingForm
from actions.booking_submit import ActionSubmitBooking
from actions.booking_summary import ActionAskBookingFormBookingConfirmed
from notifications.senders import describe
from tests.conftest import COLLECTED_BOOKING, responses
from tests.actions.test_booking_submit import CONFIRMED

MINOR = {"triage": {"minor": True, "under_age": True}}


def said(text, parse_data=None):
    return {"event": "user", "timestamp": None, "text": text, "parse_data": parse_data or {}}


@pytest.mark.parametrize("earlier, parse_data, flagged", [
    ([said("my daughter is 16, does it hurt?", MINOR)], {}, True),  # said before the booking
    ([], MINOR, True),  # said with it
    ([said("what's the age limit?", {"triage": {"under_age": True, "minor": False}})], {}, False),  # asked only
])
async def test_starting_a_booking_notes_an_age_under_18_said_in_the_conversation(
        dispatcher, make_tracker, domain, earlier, parse_data, flagged):
    tracker = make_tracker(intent="book_consultation", text="can I book", events=earlier, parse_data=parse_data)
    events = await ActionStartBooking().run(dispatcher, tracker, domain)
    assert (SlotSet("booking_under_18", True) in events) is flagged


async def test_an_age_under_18_said_during_the_form_is_noted_and_the_policy_said(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        intent="inform", text="Ella Brown, she's 16", active_loop="booking_form",
        slots={"requested_slot": "booking_name"}, slot_candidates={"booking_name": "Ella Brown"}, parse_data=MINOR,
    )
    events = await ValidateBookingForm().run(dispatcher, tracker, domain)
    assert SlotSet("booking_under_18", True) in events and SlotSet("booking_name", "Ella Brown") in events
    assert "utter_booking_age_noted" in responses(dispatcher)


@pytest.mark.parametrize("under_18", [True, False])
async def test_the_summary_shows_the_age_only_when_said(dispatcher, make_tracker, domain, under_18):
    tracker = make_tracker(intent="affirm", text="yes", active_loop="booking_form",
                           slots={**COLLECTED_BOOKING, "booking_under_18": under_18, "requested_slot": "booking_confirmed"})
    await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert ("under 18" in dispatcher.messages[0]["under_18"]) is under_18
    assert (dispatcher.messages[0]["under_18"] == "") is not under_18


@pytest.mark.parametrize("under_18", [True, False])
async def test_the_stored_request_and_the_clinics_email_say_it(booking_store, dispatcher, make_tracker, domain, under_18):
    tracker = make_tracker(intent="affirm", text="yes", slots={**CONFIRMED, "booking_under_18": under_18})
    await ActionSubmitBooking().run(dispatcher, tracker, domain)
    stored = booking_store.find(dispatcher.messages[0]["reference"])
    assert bool(stored["under_18"]) is under_18
    assert ("Age:            said to be under 18" in describe(stored, "Test", ZoneInfo("Europe/London"))) is under_18


async def test_an_age_under_18_in_a_question_inside_the_form_is_noted_with_its_answer(dispatcher, make_tracker, domain):
    from actions.answers import ActionAnswerQuestion
    from tests.actions.test_answers import selected_answer

    tracker = make_tracker(intent="faq", text="I'm 17, is that ok?", active_loop="booking_form", parse_data=MINOR,
                           slots={"requested_slot": "booking_contact"}, response_selector=selected_answer("faq/minors"))
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/minors"] and SlotSet("booking_under_18", True) in events


async def test_an_age_alone_inside_the_form_sets_nothing_that_would_keep_the_form_from_rejecting(
        dispatcher, make_tracker, domain):
    tracker = make_tracker(intent="faq", text="I'm 17, is that ok?", active_loop="booking_form", parse_data=MINOR,
                           slots={"requested_slot": "booking_contact"})
    assert await ValidateBookingForm().run(dispatcher, tracker, domain) == []


@pytest.mark.parametrize("kind", ["call_back", None])
async def test_the_summary_says_a_call_back_is_one(dispatcher, make_tracker, domain, kind):
    tracker = make_tracker(intent="affirm", text="yes", active_loop="booking_form",
                           slots={**COLLECTED_BOOKING, "request_kind": kind, "requested_slot": "booking_confirmed"})
    await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert ("a call back" in dispatcher.messages[0]["request_kind"]) is (kind == "call_back")
