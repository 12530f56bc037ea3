import datetime as dt
import json
import re
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.events import SlotSet

from actions import booking_summary
from actions.booking_form import checked_value
from actions.booking_summary import ActionAskBookingFormBookingConfirmed, ActionChangeBookingDetail
from tests.conftest import COLLECTED_BOOKING, responses, slot_event

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # a Tuesday
FORM = "booking_form"
DETAILS = COLLECTED_BOOKING


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """A new time in a correction is checked against a fixed now."""
    monkeypatch.setattr(booking_summary, "checked_value", partial(checked_value, clock=lambda: NOW))


@pytest.mark.parametrize(
    "slots, shown",
    [
        # an exact time, and no concern given
        ({}, {"booking_name": "Zoë Ñúñez-O'Brien", "booking_contact": "+447911123456",
              "preferred_time": "Friday 27 November 2026 at 15:00", "booking_concern": "not given",
              "request_kind": "\n- Asked for: a consultation at the clinic"}),
        # a call back says so (tenth play-test); a consultation too (twenty-third)
        ({"request_kind": "call_back"}, {"request_kind": "\n- Asked for: a call back"}),
        # a part of the day, and a concern
        ({"booking_time": "2026-12-01T12:00:00+00:00/2026-12-01T17:00:00+00:00", "booking_concern": "acne scars (face)"},
         {"booking_name": "Zoë Ñúñez-O'Brien", "booking_contact": "+447911123456",
          "preferred_time": "Tuesday 1 December 2026, between 12:00 and 17:00", "booking_concern": "acne scars (face)"}),
        # another day offered: the person's words beside the day put down (play-test 42: the Wednesday looked dropped)
        ({"booking_time": "2026-12-07T11:00:00+00:00/2026-12-07T18:00:00+00:00",
          "booking_time_text": "monday 7th or wednesday 9th, any time after 11am"},
         {"preferred_time": 'Monday 7 December 2026, between 11:00 and 18:00 (in your words: "monday 7th or wednesday '
                            '9th, any time after 11am", which the clinic sees too)'}),
        # corrected since to one day: the day alone
        ({"booking_time": "2026-12-07T11:00:00+00:00/2026-12-07T18:00:00+00:00",
          "booking_time_text": "monday 7th or wednesday 9th → monday 7th after 11am"},
         {"preferred_time": "Monday 7 December 2026, between 11:00 and 18:00"}),
    ],
)
async def test_summary_shows_every_detail(dispatcher, make_tracker, domain, slots, shown):
    tracker = make_tracker(
        intent="affirm", text="yes", active_loop=FORM, slots={**DETAILS, **slots, "requested_slot": "booking_confirmed"}
    )
    events = await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert events == []
    assert responses(dispatcher) == ["utter_booking_summary"]
    assert {key: dispatcher.messages[0][key] for key in shown} == shown


async def test_after_a_no_to_the_summary_the_same_question_asks_what_to_change(dispatcher, make_tracker, domain):
    # the form's check set summary_declined (below); the ask action says the summary, and Rasa's variation on
    # the slot asks what to change (domain.yml); the slot is put back for the next turn
    tracker = make_tracker(intent="deny", text="no", active_loop=FORM,
                           slots={**DETAILS, "requested_slot": "booking_confirmed", "summary_declined": True})
    events = await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_summary"]
    assert events == [SlotSet("summary_declined", False)]
    variations = domain["responses"]["utter_booking_summary"]
    declined = [v for v in variations if v.get("condition") == [{"type": "slot", "name": "summary_declined", "value": True}]]
    assert len(declined) == 1 and "What would you like to change" in declined[0]["text"]
    # the same buttons, the send button naming the details shown (actions/booking_form.py `stale_summary_press`)
    named = [{**button, "payload": button["payload"].replace(',"summary":"{summary}"', "")} for button in declined[0]["buttons"]]
    assert named == domain["responses"]["utter_booking_what_to_change"][0]["buttons"]
    assert named != declined[0]["buttons"]


@pytest.mark.parametrize(
    "intent, requested, candidates, declined",
    [
        # "no" to the summary: what should change?
        ("deny", "booking_confirmed", {"booking_confirmed": False}, True),
        # "no, my email is …": the email changes, and the summary shows again
        ("deny", "booking_confirmed", {"booking_confirmed": False, "booking_contact": "jo@example.com"}, False),
        ("affirm", "booking_confirmed", {"booking_confirmed": True}, False),
    ],
)
async def test_a_plain_no_to_the_summary_is_noted_by_the_forms_check(
    dispatcher, make_tracker, domain, intent, requested, candidates, declined
):
    from actions.booking_form import ValidateBookingForm

    tracker = make_tracker(intent=intent, text="no", active_loop=FORM, slots={**DETAILS, "requested_slot": requested},
                           slot_candidates=candidates)
    events = await ValidateBookingForm().run(dispatcher, tracker, domain)
    assert (SlotSet("summary_declined", True) in events) is declined


async def test_an_older_no_button_at_the_summary_shows_the_summary_again(dispatcher, make_tracker, domain):
    # the concern's "Skip" (/deny naming booking_concern), pressed at the summary, is set aside: no "what to change?"
    tracker = make_tracker(
        intent="deny", text='/deny{"answers":"booking_concern"}', entities=[{"entity": "answers", "value": "booking_concern"}],
        active_loop=FORM, slots={**DETAILS, "requested_slot": "booking_confirmed"},
    )
    await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_summary"]


def field(slot):
    return {"entity": "booking_field", "value": slot}


@pytest.mark.parametrize(
    "entities, expected_events",
    [
        # the Change contact button: forget the contact, so the form asks for it again
        ([field("booking_contact")], [SlotSet("booking_contact", None), SlotSet("booking_confirmed", None)]),
        # "wrong name"
        ([field("booking_name")], [SlotSet("booking_name", None), SlotSet("booking_confirmed", None)]),
        # the time goes with the words typed for it
        # the time is asked again; its words stay, so that "11am" keeps the day
        ([field("booking_time")], [SlotSet("booking_time", None), SlotSet("booking_confirmed", None)]),
        ([field("booking_concern")], [SlotSet("booking_concern", None), SlotSet("booking_confirmed", None)]),
        # "change my email to lena.f@gmail.com": the new value is taken at once
        ([field("booking_contact"), {"entity": "email", "value": "lena.f@gmail.com"}],
         [SlotSet("booking_contact", "lena.f@gmail.com"), SlotSet("booking_confirmed", None)]),
        # "my number is actually 07911 123456", no field named
        ([{"entity": "phone", "value": "07911 123456"}], [SlotSet("booking_contact", "+447911123456"), SlotSet("booking_confirmed", None)]),
        # "it's Jo, not Joe"
        ([{"entity": "person", "value": "Jo"}], [SlotSet("booking_name", "Jo"), SlotSet("booking_confirmed", None)]),
        # "can we do saturday afternoon instead"
        ([field("booking_time"), {"entity": "time", "value": "saturday afternoon"}],
         [SlotSet("booking_time", "2026-11-28T12:00:00+00:00/2026-11-28T16:00:00+00:00"),
          SlotSet("booking_time_text", "friday at 3pm → saturday afternoon"), SlotSet("booking_confirmed", None)]),
        # "at 10am I said": a time alone keeps the day
        ([{"entity": "time", "value": "at 10am"}],
         [SlotSet("booking_time", "2026-11-27T10:00:00+00:00/2026-11-27T10:00:00+00:00"),
          SlotSet("booking_time_text", "friday at 3pm → at 10am"), SlotSet("booking_confirmed", None)]),
        # "can we do saturday instead, same time": a day alone keeps the time
        ([field("booking_time"), {"entity": "time", "value": "saturday"}],
         [SlotSet("booking_time", "2026-11-28T15:00:00+00:00/2026-11-28T15:00:00+00:00"),
          SlotSet("booking_time_text", "friday at 3pm → saturday"), SlotSet("booking_confirmed", None)]),
        # two new values in one message
        ([{"entity": "email", "value": "jo@example.org"}, {"entity": "time", "value": "saturday at 11"}],
         [SlotSet("booking_contact", "jo@example.org"),
          SlotSet("booking_time", "2026-11-28T11:00:00+00:00/2026-11-28T11:00:00+00:00"),
          SlotSet("booking_time_text", "friday at 3pm → saturday at 11"), SlotSet("booking_confirmed", None)]),
        # "the concern should just say stretch marks on my stomach"
        ([{"entity": "concern", "value": "stretch marks on my stomach"}],
         [SlotSet("booking_concern", "stretch marks on my stomach"), SlotSet("booking_confirmed", None)]),
        # a value names its own field; a name named beside it with no new name read is asked for again ("sorry my
        # surname is spelt wrong, and the email should be jo@example.org": found by the tenth play-test, the name's
        # half of the correction was silently dropped)
        ([field("booking_name"), {"entity": "email", "value": "jo@example.org"}],
         [SlotSet("booking_contact", "jo@example.org"), SlotSet("booking_name", None), SlotSet("booking_confirmed", None)]),
        # a time named beside another change ("same time") is kept
        ([field("booking_time"), {"entity": "email", "value": "jo@example.org"}],
         [SlotSet("booking_contact", "jo@example.org"), SlotSet("booking_confirmed", None)]),
    ],
)
async def test_a_correction_takes_the_new_value_or_forgets_the_detail(dispatcher, make_tracker, domain, entities, expected_events):
    tracker = make_tracker(
        intent="correct_booking", text="...", entities=entities, active_loop=FORM,
        slots={**DETAILS, "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert events == expected_events
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "entities, response, expected_events",
    [
        # a new value that is not right: the reason, and the form asks for that detail again
        ([{"entity": "email", "value": "jo@example"}], "utter_invalid_booking_email",
         [SlotSet("booking_contact", None), SlotSet("booking_confirmed", None)]),
        # the words are kept ("saturday then" keeps the 2pm)
        ([{"entity": "time", "value": "sunday at 2pm"}], "utter_invalid_booking_time_closed",
         [SlotSet("booking_time", None), SlotSet("booking_time_text", "friday at 3pm → sunday at 2pm"),
          SlotSet("booking_confirmed", None)]),
        # "I want to change something": which detail?
        ([], "utter_booking_what_to_change", [SlotSet("booking_confirmed", None)]),
        # a field that cannot be changed here is no field
        ([field("booking_consent")], "utter_booking_what_to_change", [SlotSet("booking_confirmed", None)]),
    ],
)
async def test_a_correction_that_cannot_be_taken_says_why(dispatcher, make_tracker, domain, entities, response, expected_events):
    tracker = make_tracker(
        intent="correct_booking", text="...", entities=entities, active_loop=FORM,
        slots={**DETAILS, "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert events == expected_events
    assert responses(dispatcher) == [response]


def test_every_field_a_summary_button_names_can_be_changed(domain):
    payloads = [button["payload"] for button in domain["responses"]["utter_booking_summary"][0]["buttons"]]
    named = [
        json.loads(match.group(1).replace("{{", "{").replace("}}", "}"))["booking_field"]
        for payload in payloads
        for match in [re.match(r"^/correct_booking(\{.*\})$", payload)]
        if match
    ]
    assert named, "no Change button found"
    assert set(named) == set(booking_summary.EDITABLE)


async def test_a_contact_added_at_the_summary_is_kept_beside_the_other(dispatcher, make_tracker, domain):
    # "also add my number …" read as a correction (it names the contact and gives one)
    tracker = make_tracker(
        intent="correct_booking", text="also add my number 07911 555321", active_loop=FORM,
        entities=[field("booking_contact"), {"entity": "phone", "value": "07911 555321"}],
        slots={**DETAILS, "booking_contact": "jo@example.com", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_contact", "jo@example.com; +447911555321") in events


@pytest.mark.parametrize("text, entities, contact", [
    # found by the eighth play-test: with both kept, correcting one dropped the other
    ("wrong email sorry, its sarah.kent@example.com", [{"entity": "email", "value": "sarah.kent@example.com"}],
     "+447911123456; sarah.kent@example.com"),
    ("my number is actually 07700 900999", [{"entity": "phone", "value": "07700 900999"}],
     "jo@example.com; +447700900999"),
])
async def test_correcting_one_of_two_contacts_keeps_the_other(dispatcher, make_tracker, domain, text, entities, contact):
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM, entities=[field("booking_contact"), *entities],
        slots={**DETAILS, "booking_contact": "jo@example.com; +447911123456", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_contact", contact) in events


async def test_a_contact_put_back_beside_the_other_is_kept_once(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        intent="correct_booking", text="my phone number has gone, can u put it back 07911 123456", active_loop=FORM,
        entities=[field("booking_contact"), {"entity": "phone", "value": "07911 123456"}],
        slots={**DETAILS, "booking_contact": "jo@example.com", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_contact", "jo@example.com; +447911123456") in events


@pytest.mark.parametrize("text, kept", [
    # found by the fifth play-test: "remove the gmail" read as delete-my-data cancelled the request
    ("wait remove the gmail, just the phone is fine", "+447911555321"),
    ("and actually remove the phone number, email only please", "jo@example.com"),
    # play-test 32: both were cleared, and a contact asked for again
    ("Actually scrap the phone, only email please", "jo@example.com"),
])
async def test_one_of_two_contacts_taken_out_keeps_the_other(dispatcher, make_tracker, domain, text, kept):
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM, entities=[field("booking_contact")],
        slots={**DETAILS, "booking_contact": "jo@example.com; +447911555321", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_contact", kept) in events


@pytest.mark.parametrize(
    "text, entities, earlier, name",
    [
        # found by the tenth play-test: one of two corrections was dropped
        ("sorry my surname is spelt Leigh not Lee, and the email should be hannah.leigh@gmail.com",
         [field("booking_name"), {"entity": "person", "value": "Leigh"}, {"entity": "email", "value": "hannah.leigh@gmail.com"}],
         "Jo Lee", "Jo Leigh"),
        ("Could you drop the 'Mr' from the name please, and make it 10am specifically.",
         [field("booking_name"), {"entity": "time", "value": "10am"}], "Mr Jo Lee", "Jo Lee"),
    ],
)
async def test_two_corrections_in_one_message_change_both(dispatcher, make_tracker, domain, text, entities, earlier, name):
    tracker = make_tracker(
        intent="correct_booking", text=text, entities=entities, active_loop=FORM,
        slots={**DETAILS, "booking_name": earlier, "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_name"] == name
    # the other detail is changed too, and the summary asked again
    assert events.get("booking_contact", "").startswith("hannah") or events.get("booking_time", "").endswith("10:00:00+00:00")
    assert events["booking_confirmed"] is None


async def test_a_title_alone_said_to_go_is_taken_off_the_name(dispatcher, make_tracker, domain):
    # play-test 248: "can you drop the Dr, it's not a medical thing lol. just Arjun Mehta. email is …" kept the "Dr"
    text = "can you drop the Dr, it's not a medical thing lol. just Arjun Mehta. email is arjun.mehta@mailbox.example"
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "removed", "value": "Dr"}, {"entity": "email", "value": "arjun.mehta@mailbox.example"},
                  field("booking_contact")],
        slots={**DETAILS, "booking_name": "Dr Arjun Mehta", "requested_slot": "booking_contact"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_name"] == "Arjun Mehta" and events["booking_contact"] == "arjun.mehta@mailbox.example"


async def test_a_contact_taken_out_beside_another_change_is_taken_out(dispatcher, make_tracker, domain):
    # found by the eleventh play-test: "the 23rd would be better, and just use the phone, take the email off" kept the
    # email
    tracker = make_tracker(
        intent="correct_booking", text="the 23rd would be better, and just use the phone, take the email off",
        entities=[{"entity": "time", "value": "saturday"}, field("booking_contact")], active_loop=FORM,
        slots={**DETAILS, "booking_contact": "jo@example.com; +447911123456", "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_contact"] == "+447911123456" and events["booking_time"]


@pytest.mark.parametrize("text, kept", [
    # found by the twelfth play-test
    ("email only please, no phone calls", "jo@example.com"),
    ("take my email off, just his mobile", "+447911123456"),
])
async def test_one_contact_kept_in_other_words(dispatcher, make_tracker, domain, text, kept):
    tracker = make_tracker(
        intent="correct_booking", text=text, entities=[field("booking_contact")], active_loop=FORM,
        slots={**DETAILS, "booking_contact": "jo@example.com; +447911123456", "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_contact"] == kept


def _concern_entity(text: str, words: str) -> dict:
    start = text.index(words)
    return {"entity": "concern", "value": words, "start": start, "end": start + len(words)}


@pytest.mark.parametrize("requested, text, words, concern", [
    # found by the fourteenth play-test: the answer to the concern's question lost "she's on warfarin"
    ("booking_concern", "the concern is wrinkles around her mouth, she's on warfarin. she is hard of hearing",
     "wrinkles around her mouth", "wrinkles around her mouth, she's on warfarin. she is hard of hearing"),
    # at the summary another change may follow the concern's clause: the concern ends with it
    ("booking_confirmed", "the concern is wrinkles around her mouth, she's on warfarin",
     "wrinkles around her mouth", "wrinkles around her mouth"),
])
async def test_the_concern_when_asked_runs_on_to_the_next_detail(
    dispatcher, make_tracker, domain, requested, text, words, concern
):
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM, entities=[_concern_entity(text, words)],
        slots={**DETAILS, "booking_concern": None if requested == "booking_concern" else "lines",
               "requested_slot": requested},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_concern", concern) in events


async def test_the_concern_when_asked_stops_before_another_detail(dispatcher, make_tracker, domain):
    text = "concern is acne scars on my cheeks, from my teens. and call me on 07700 900123"
    phone = {"entity": "phone", "value": "07700 900123", "start": text.index("07700"), "end": len(text)}
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[_concern_entity(text, "acne scars on my cheeks"), phone],
        slots={**DETAILS, "booking_concern": None, "requested_slot": "booking_concern"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_concern", "acne scars on my cheeks, from my teens") in events


@pytest.mark.parametrize("text, entities, kind, response, switched", [
    # found by the fifteenth play-test: the switch beside a new time was dropped
    ("actually lets just book the consultation proper rather than a call. and make it 3pm not 2",
     [{"entity": "time", "value": "3pm not 2"}], "call_back", "utter_request_now_a_consultation", None),
    # found by the fourteenth play-test
    ("actually a call back first might be better, can someone just ring me instead, same time",
     [{"entity": "request_kind", "value": "call_back"}], None, "utter_request_now_a_call_back", "call_back"),
])
async def test_a_switch_of_kind_beside_a_change_is_made_too(
    dispatcher, make_tracker, domain, text, entities, kind, response, switched
):
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM, entities=entities,
        slots={**DETAILS, "booking_contact": "+447911123456", "request_kind": kind,
               "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("request_kind", switched) in events
    assert response in [message["response"] for message in dispatcher.messages]


async def test_a_change_naming_the_kind_it_has_switches_nothing(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        intent="correct_booking", text="they can call me back at 3pm instead",
        active_loop=FORM, entities=[{"entity": "time", "value": "3pm"}],
        slots={**DETAILS, "request_kind": "call_back", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert not [event for event in events if event["name"] == "request_kind"]


@pytest.mark.parametrize("text", [
    # found by the fifteenth play-test: the friend's email replaced the person's own
    "also my friend Amy wants to come too, can you book her in at the same time? amy.r@gmail.com",
    "can you book her in too? my sister, her email is kate@example.com",
])
async def test_another_persons_details_at_the_summary_wait_for_their_own_request(
    dispatcher, make_tracker, domain, text
):
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "email", "value": text.split()[-1]}],
        slots={**DETAILS, "requested_slot": "booking_confirmed"},
        events=[slot_event("booking_name", DETAILS["booking_name"])],
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert events == [SlotSet("booking_confirmed", None)]
    assert [message["response"] for message in dispatcher.messages] == ["utter_booking_one_at_a_time"]


@pytest.mark.parametrize("earlier, text, phone, expected", [
    # found by the fifteenth and sixteenth play-tests: "add my mobile" replaced the work number
    ("+442079460999", "and add my mobile too 07911 123456", "07911 123456", "+442079460999; +447911123456"),
    ("jo@example.com; +442079460999", "add my mobile as well, 07911 123456", "07911 123456",
     "jo@example.com; +442079460999; +447911123456"),
    # a number in place of the other replaces it
    ("+442079460999", "my number is actually 07911 123456", "07911 123456", "+447911123456"),
])
async def test_a_second_number_added_is_kept_beside_the_first(dispatcher, make_tracker, domain, earlier, text, phone,
                                                              expected):
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[field("booking_contact"), {"entity": "phone", "value": phone}],
        slots={**DETAILS, "booking_contact": earlier, "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_contact", expected) in events


async def test_when_not_to_call_is_no_switch_of_kind(dispatcher, make_tracker, domain):
    # "don't call me before 5pm" says when to call, not that a call back is not wanted
    tracker = make_tracker(
        intent="correct_booking", text="please don't call me before 5pm, make it 6pm", active_loop=FORM,
        entities=[{"entity": "time", "value": "6pm"}],
        slots={**DETAILS, "request_kind": "call_back", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert not [event for event in events if event["name"] == "request_kind"]


@pytest.mark.parametrize("concern, expected", [
    # found by the twenty-first play-test: "Sorry, I didn't catch that", with nowhere to say who booked
    ("fine lines", "fine lines (note for the clinic: im his daughter Eleni, contact me not him)"),
    ("", "Note for the clinic: im his daughter Eleni, contact me not him"),
])
async def test_a_note_for_the_clinic_is_kept_beside_the_concern(dispatcher, make_tracker, domain, concern, expected):
    tracker = make_tracker(
        intent="correct_booking", text="...", active_loop=FORM,
        entities=[{"entity": "note", "value": "im his daughter Eleni, contact me not him."}],
        slots={**DETAILS, "booking_concern": concern, "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert events == [SlotSet("booking_concern", expected), SlotSet("booking_confirmed", None)]
    assert dispatcher.messages == []


async def test_a_name_inside_a_note_is_no_name_to_change(dispatcher, make_tracker, domain):
    # play-test 206: "her name is dawn morgan", said of whose number it is, made the patient's name be asked for again
    text = "the number is my mums not mine, her name is dawn morgan"
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "note", "value": text, "start": 0, "end": len(text)},
                  {"entity": "booking_field", "value": "booking_contact", "start": 4, "end": 10},
                  {"entity": "booking_field", "value": "booking_name", "start": 33, "end": 37}],
        slots={**DETAILS, "booking_concern": "acne scars", "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert events == [SlotSet("booking_concern", f"acne scars (note for the clinic: {text})"),
                      SlotSet("booking_confirmed", None)]


NOTE_TEXT = "warfarin 5mg daily, and I'm allergic to lidocaine"


@pytest.mark.parametrize("requested, text, answered", [
    # play-test 42: the note was kept, and the question asked again as if nothing had been said
    ("booking_name", f"Gareth Llewellyn. Before we go on, {NOTE_TEXT}, can you put that on the notes?",
     {"booking_name": "Gareth Llewellyn"}),
    ("booking_consent", f"yes fine. oh and notes: {NOTE_TEXT}", {"booking_consent": True}),
    ("booking_consent", f"ok. notes: {NOTE_TEXT}", {"booking_consent": True}),
    ("booking_consent", f"yes but also add: {NOTE_TEXT}", {"booking_consent": True}),  # play-test 43
    # no answer beside the note: the question is asked again
    ("booking_consent", f"notes: {NOTE_TEXT}", {}),
    ("booking_consent", f"yes but first, notes: {NOTE_TEXT}", {}),
    ("booking_name", f"notes: {NOTE_TEXT}", {}),
])
async def test_the_forms_question_answered_beside_a_note_is_taken(
    dispatcher, make_tracker, domain, requested, text, answered
):
    start = text.index(NOTE_TEXT)
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "note", "value": NOTE_TEXT, "start": start, "end": start + len(NOTE_TEXT)}],
        slots={"booking_concern": "acne scars", "requested_slot": requested},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    expected = [SlotSet("booking_concern", f"acne scars (note for the clinic: {NOTE_TEXT})")]
    expected += [SlotSet(slot, value) for slot, value in answered.items()] + [SlotSet("booking_confirmed", None)]
    assert events == expected


@pytest.mark.parametrize("text, agreed", [
    # play-test 137: the "ok" before second thoughts was taken as a yes to keeping the details
    ("ok. actually tuesday's her bridge club lol so wednesday morning would be better", False),
    ("fine, but wait, wednesday morning would be better", False),
    # a yes, and a change beside it
    ("yes. and make it wednesday morning", True),
    # play-test 146: an "ok" taken as a yes before a change of time; the request was then shown for sending
    ("ok. also it says monday only, can it say wednesday morning instead?", False),
    ("okay, can it be wednesday morning", False),
])
async def test_an_ok_before_second_thoughts_is_no_yes_to_keeping_the_details(
    dispatcher, make_tracker, domain, text, agreed
):
    start = text.index("wednesday morning")
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "time", "value": "wednesday morning", "start": start, "end": start + 17}],
        slots={**DETAILS, "requested_slot": "booking_consent"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert (SlotSet("booking_consent", True) in events) is agreed


NOTES = "acne (note for the clinic: takes apixaban (blood thinner) and metformin for type 2 diabetes. ALLERGIC TO LIDOCAINE)"


def test_words_that_are_a_whole_part_of_the_concern_are_taken_out_alone():
    from actions.answers import without_a_part

    # play-test 246: "take the 'obviously lol' out"; the words alone when their part is the whole concern
    assert without_a_part("melasma on my cheeks and upper lip, obviously lol", "obviously lol") == (
        "melasma on my cheeks and upper lip")
    assert without_a_part("acne scars lol", "lol") == "acne scars"
    assert without_a_part("acne scars", "acne scars") == ""


@pytest.mark.parametrize("intent, removed, expected", [
    # play-test 42: "take metformin out, my GP stopped it" got the suitability answer, and the notes kept it
    ("faq", "metformin", "acne (note for the clinic: takes apixaban (blood thinner). ALLERGIC TO LIDOCAINE)"),
    ("correct_booking", "metformin", "acne (note for the clinic: takes apixaban (blood thinner). ALLERGIC TO LIDOCAINE)"),
    ("correct_booking", "apixaban",
     "acne (note for the clinic: metformin for type 2 diabetes. ALLERGIC TO LIDOCAINE)"),
    # play-test 49: the note as a whole
    ("correct_booking", "note", "acne"),
    # what the request does not hold is no change
    ("correct_booking", "warfarin", None),
    # play-test 61: "remove the notes about my daughter" of a note that says "for their daughter": what it names
    ("correct_booking", "my type 2 diabetes", "acne (note for the clinic: takes apixaban (blood thinner). ALLERGIC TO "
     "LIDOCAINE)"),
])
async def test_a_part_of_the_notes_said_to_go_is_taken_out(dispatcher, make_tracker, domain, intent, removed, expected):
    from actions.answers import ActionAnswerQuestion

    text = f"take {removed} out, my GP stopped it last month"
    tracker = make_tracker(
        intent=intent, text=text, active_loop=FORM,
        entities=[{"entity": "removed", "value": removed, "start": 5, "end": 5 + len(removed)}],
        slots={**DETAILS, "booking_concern": NOTES, "requested_slot": "booking_confirmed"},
    )
    action = ActionChangeBookingDetail() if intent == "correct_booking" else ActionAnswerQuestion()
    events = await action.run(dispatcher, tracker, domain)
    changed = [event["value"] for event in events if event["name"] == "booking_concern"]
    assert changed == ([expected] if expected else [])
    assert "utter_faq/suitability" not in [message.get("response") for message in dispatcher.messages]


async def test_a_new_concern_a_respelling_and_a_part_taken_out_in_one_message_are_all_made(
    dispatcher, make_tracker, domain
):
    # play-test 43: only the new concern was made
    text = ("the concern should say acne scarring on cheeks. and sorry the roaccutane was until august not september. "
            "and take the eczema bit off")
    concern = "acne scarring on cheeks"
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "concern", "value": concern, "start": 22, "end": 22 + len(concern)},
                  {"entity": "removed", "value": "eczema", "start": text.index("eczema"),
                   "end": text.index("eczema") + 6}],
        slots={**DETAILS, "requested_slot": "booking_confirmed",
               "booking_concern": "acne (note for the clinic: roaccutane until september; eczema on my neck)"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_concern", "acne scarring on cheeks (note for the clinic: roaccutane until august)") in events


async def test_the_under_18_note_taken_back_is_removed(dispatcher, make_tracker, domain):
    # found by play-test 25: a parent's own request kept "Age: under 18" whatever she said
    tracker = make_tracker(
        intent="correct_booking", text="please remove the under 18 bit, I'm an adult", active_loop=FORM,
        entities=[{"entity": "age_group", "value": "adult"}],
        slots={**DETAILS, "requested_slot": "booking_confirmed", "booking_under_18": True},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_under_18", False) in events and SlotSet("booking_confirmed", None) in events
    assert "utter_booking_what_to_change" not in responses(dispatcher)


async def test_both_contacts_kept_when_the_message_names_both(dispatcher, make_tracker, domain):
    # play-test 28: "take the work number off, just mobile and email. and make it wednesday same time" took the
    # email off
    tracker = make_tracker(
        intent="correct_booking", text="take the work number off, just mobile and email. and make it wednesday same time",
        entities=[{"entity": "time", "value": "wednesday same time"}, field("booking_contact"), field("booking_time")],
        active_loop=FORM,
        slots={**DETAILS, "booking_contact": "jo@example.com; +447911123456", "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events.get("booking_contact", "jo@example.com; +447911123456") == "jo@example.com; +447911123456"
    assert events["booking_time"]


@pytest.mark.parametrize("text", [
    # play-test 37: both numbers stayed, three times, and the call back became a consultation
    "i said INSTEAD, take the mobile off please, i dont want calls on it",
    "just remove the 07911 number",
])
def test_of_two_numbers_the_one_named_is_taken_out(make_tracker, text):
    from actions.booking_summary import without_a_contact

    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM,
                           slots={**DETAILS, "booking_contact": "+447911123456; +442079460999", "request_kind": "call_back"})
    assert without_a_contact(tracker) == "+442079460999"


def test_calls_unwanted_on_one_number_keep_the_call_back():
    from actions.booking_form import _NO_CALL

    assert not _NO_CALL.search("take the mobile off please, i dont want calls on it")
    assert _NO_CALL.search("i dont want a call, id rather come in")


@pytest.mark.parametrize("text, concern, expected", [
    # play-test 28: "and its cheeks and chin not just cheeks" beside a new email left the concern as it was
    ("oh can you also put my email h@example.com in case i miss the call. and its cheeks and chin not just cheeks",
     "its for acne scars on my cheeks", "its for acne scars on my cheeks and chin"),
    ("forehead and neck, not only the forehead", "lines on my forehead", "lines on my forehead and neck"),
    # the words replaced are not in the concern: nothing changes this way
    ("its chin not just cheeks", "fine lines around my eyes", None),
])
async def test_a_concern_said_again_wider(dispatcher, make_tracker, domain, text, concern, expected):
    areas = [{"entity": "treatment_area", "value": word, "start": text.index(word), "end": text.index(word) + len(word)}
             for word in ("cheeks", "chin", "forehead", "neck") if word in text]
    tracker = make_tracker(
        intent="correct_booking", text=text, entities=areas, active_loop=FORM,
        slots={**DETAILS, "booking_concern": concern, "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events.get("booking_concern") == expected


async def test_change_contact_with_the_phone_put_first_asks_for_the_contact(dispatcher, make_tracker, domain):
    # play-test 134: "Change contact" swapped the two contacts round, and asked for nothing (BUTTON)
    tracker = make_tracker(
        intent="correct_booking", text='/correct_booking{"booking_field":"booking_contact"}',
        entities=[field("booking_contact")], active_loop=FORM,
        slots={**DETAILS, "booking_contact": "+447700900127; laura.bennett@gmail.com", "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_contact"] is None


THREE = "tom.ellis@proton.me; +447555111222; +442071234567"


@pytest.mark.parametrize("text, entities, expected", [
    # play-test 28: with three contacts, the change failed and "Change contact" showed the summary again
    ('/correct_booking{"booking_field":"booking_contact"}', [field("booking_contact")], None),
    ("take the work number off, just mobile and email", [field("booking_contact")],
     "tom.ellis@proton.me; +447555111222"),
    ("take my email off", [field("booking_contact")], "+447555111222; +442071234567"),
])
async def test_three_contacts_changed(dispatcher, make_tracker, domain, text, entities, expected):
    tracker = make_tracker(
        intent="correct_booking", text=text, entities=entities, active_loop=FORM,
        slots={**DETAILS, "booking_contact": THREE, "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_contact"] == expected


async def test_what_the_concern_names_said_to_be_wrong_asks_for_the_concern(dispatcher, make_tracker, domain):
    # play-test 28: "u didnt change the chin bit" got "What would you like to change?" and the summary again
    tracker = make_tracker(
        intent="correct_booking", text="u didnt change the chin bit", active_loop=FORM,
        entities=[{"entity": "treatment_area", "value": "chin", "start": 17, "end": 21}],
        slots={**DETAILS, "requested_slot": "booking_confirmed"},
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_concern"] is None and "utter_booking_what_to_change" not in responses(dispatcher)


async def test_no_summary_right_after_what_to_change(dispatcher, make_tracker, domain):


    asked = {"event": "bot", "timestamp": None, "text": "What would you like to change?",
             "metadata": {"template": "utter_booking_what_to_change"}}
    tracker = make_tracker(intent="correct_booking", text="hmm", active_loop=FORM,
                           slots={**DETAILS, "requested_slot": "booking_confirmed"})
    tracker.events.append(asked)
    await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == []
    tracker.events.pop()
    await ActionAskBookingFormBookingConfirmed().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_summary"]


@pytest.mark.parametrize("text, contact, expected", [
    # play-test 38: with the time changed beside it, the number was left as it was, and would have been sent wrong
    ("number should end 165 not 156 sorry, and make it the afternoon instead", "+447700900156", "+447700900165"),
    ("the number ends in 672", "+447700900671", "+447700900672"),
    ("ends 165 not 156", "+447700900158", None),  # it does not end in 156: for the person to say again
    ("ends 165", "jo@example.com", None),  # no phone number to retype
    # play-test 246: read as 7 o'clock, and the time asked for again
    ("sorry the last digit is 7 not 1", "+447700900361", "+447700900367"),
    ("the last two digits should be 67", "+447700900361", "+447700900367"),
])
def test_the_end_of_a_phone_number_typed_again(make_tracker, text, contact, expected):
    from actions.booking_summary import with_its_end_retyped

    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM,
                           slots={**DETAILS, "booking_contact": contact, "requested_slot": "booking_confirmed"})
    assert with_its_end_retyped(tracker) == expected


@pytest.mark.parametrize("text, contact, expected", [
    # play-test 41: "oops typo, its gmail not gmial" kept the wrong address
    ("oops typo, its gmail not gmial. and make it 2pm instead of 11", "dan.okafor88@gmial.com; +447700900555",
     "dan.okafor88@gmail.com; +447700900555"),
    # play-test 50: "its gmail.com not gmial" made the address "…@com.com"
    ("oh wait typo its gmail.com not gmial", "marcus.bell@gmial.com", "marcus.bell@gmail.com"),
    # a word unlike the one it replaces, not just before "not", is no respelling of it
    ("oh wait typo, not gmial", "marcus.bell@gmial.com", None),
    # not a part of an address: nothing to retype
    ("its 2pm not 11", "dan.okafor88@gmial.com", None),
    ("its gmail not gmial", "+447700900555", None),
    # play-test 202: the surname spelt otherwise changed the address with the old spelling in it
    ("u didnt answer why thursday. also my surname is spelt khaleel not khalil",
     "+447911123456; ibrahim.khalil@mailbox.example", None),
    ("my email is spelt khaleel not khalil", "ibrahim.khalil@mailbox.example", "ibrahim.khaleel@mailbox.example"),
])
def test_a_part_of_an_email_address_typed_again(make_tracker, text, contact, expected):
    from actions.booking_summary import with_a_part_retyped

    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM,
                           slots={**DETAILS, "booking_contact": contact, "requested_slot": "booking_confirmed"})
    assert with_a_part_retyped(tracker) == expected


@pytest.mark.parametrize("text, value, expected", [
    # play-test 41: the notes' dose and year, corrected at the summary, were taken for a change of time
    ("oh sorry I got that wrong, the metformin is 1000mg twice a day, not 500mg. and it was my left knee in 2017 not "
     "2019", "acne scarring (note for the clinic: keloid after knee surgery in 2019, metformin 500mg twice a day)",
     "acne scarring (note for the clinic: keloid after knee surgery in 2017, metformin 1000mg twice a day)"),
    # what the value does not hold is no change to it
    ("its 2pm not 11", "acne scars", None),
    # nothing of the same shape said before it: nothing to put in its place
    ("not 500mg", "metformin 500mg", None),
    # play-test 79: a note's own "not" is what it says ("prefer SMS not call" was stored as "prefer SMS not SMS")
    ("acne scars on cheeks. Please contact me by SMS, do not call (I am at work)",
     "acne scars on cheeks (note for the clinic: Please contact me by SMS, do not call (I am at work))", None),
    ("i prefer SMS not call because work", "acne scars (note for the clinic: prefer SMS not call because work)", None),
    # play-test 122: "now not the outlook" made the note "note for now clinic … at now moment"
    ("ok. and theyll email the gmail one now not the outlook yeah?",
     "acne scarring (note for the clinic: I'm on roaccutane at the moment)", None),
    # a word put right is a whole word, not a part of another
    ("its cheeks not chin", "acne on my chin and chinstrap area", "acne on my cheeks and chinstrap area"),
    # play-test 221: "btw" put in the place of "acne" ("some btw scarring on my cheeks")
    ("and my name is Grace Holloway btw not acne scarring lol", "some acne scarring on my cheeks", None),
])
def test_a_part_said_not_to_be_meant_is_respelt(text, value, expected):
    from actions.booking_summary import respelt

    assert respelt(text, value) == expected


async def test_the_notes_respelt_at_the_summary_change_the_concern_not_the_time(dispatcher, make_tracker, domain):
    from actions.booking_summary import ActionChangeBookingDetail

    text = "oh sorry, the metformin is 1000mg twice a day, not 500mg"
    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM,
                           entities=[{"entity": "booking_field", "value": "booking_time"}],
                           slots={**DETAILS, "booking_concern": "acne (note for the clinic: metformin 500mg)",
                                  "requested_slot": "booking_confirmed"})
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_concern", "acne (note for the clinic: metformin 1000mg)") in events
    assert not any(event.get("name") == "booking_time" for event in events)


async def test_two_numbers_given_as_a_change_are_both_kept(dispatcher, make_tracker, domain):
    # play-test 44: read as a change of the contact, the landline alone was kept
    text = "her landline is 020 7946 0588 but shes often out so try my mobile too 07700 900 873 (kevin)"
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "phone", "value": "020 7946 0588"}, {"entity": "phone", "value": "07700 900 873"},
                  {"entity": "booking_field", "value": "booking_contact"}],
        slots={"requested_slot": "booking_contact", "booking_name": "Margaret Doyle"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    assert SlotSet("booking_contact", "+442079460588; +447700900873") in events


@pytest.mark.parametrize("text, value, backup", [
    # play-test 83: "or thursday morning is fine too" put Thursday down instead of the time asked for
    ("actually change the concern to acne scarring. oh and or thursday morning is fine too", "thursday morning", True),
    ("saturday afternoon as a backup", "saturday afternoon", True),
    # said instead, it is the time
    ("can we do saturday afternoon instead", "saturday afternoon", False),
])
async def test_another_time_offered_too_keeps_the_time_and_adds_its_words(dispatcher, make_tracker, domain, text,
                                                                         value, backup):
    start = text.index(value)
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM,
        entities=[{"entity": "time", "value": value, "start": start, "end": start + len(value)}],
        slots={**DETAILS, "requested_slot": "booking_confirmed"},
    )
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    changed = {event["name"]: event["value"] for event in events}
    if backup:
        assert "booking_time" not in changed
        assert changed["booking_time_text"] == f"friday at 3pm or {value}"
    else:
        assert changed["booking_time"].startswith("2026-11-28T12:00")


async def test_what_the_request_is_for_said_beside_a_change_of_time_is_taken(dispatcher, make_tracker, domain):
    # play-test 93: at the concern prompt, "actually can we do tuesday instead, same time. and its for fine lines round
    # my mouth": the time refused, then the concern asked for again
    text = "actually can we do tuesday instead, same time. and its for fine lines round my mouth"
    slots = {**DETAILS, "booking_concern": None, "booking_time_text": "thursday evening, after work, like 6.30?",
             "requested_slot": "booking_concern"}
    tracker = make_tracker(
        intent="correct_booking", text=text, active_loop=FORM, slots=slots,
        entities=[{"entity": "time", "value": "tuesday instead, same time"}, field("booking_time"),
                  {"entity": "skin_concern", "value": "fine lines"}],
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert events["booking_concern"] == "fine lines round my mouth"
    # ... and without those words, nothing is taken for the concern
    tracker = make_tracker(
        intent="correct_booking", text="actually can we do tuesday instead, same time", active_loop=FORM, slots=slots,
        entities=[{"entity": "time", "value": "tuesday instead, same time"}, field("booking_time")],
    )
    events = {event["name"]: event["value"] for event in await ActionChangeBookingDetail().run(dispatcher, tracker, domain)}
    assert "booking_concern" not in events or events["booking_concern"] is None


@pytest.mark.parametrize("text, kept", [
    # play-test 148: "actually can you say not friday" got "What would you like to change?" three times; the time, on a
    # Monday, stays, and the words go beside it
    ("actually can you say not friday", True),
    # the day put down ruled out: asked for again
    ("actually can you say not monday", False),
])
async def test_a_day_ruled_out_at_the_summary_goes_beside_the_time(dispatcher, make_tracker, domain, text, kept):
    slots = {**DETAILS, "booking_time": "2026-11-30T12:00:00+00:00/2026-11-30T17:00:00+00:00",
             "booking_time_text": "any afternoon next week", "requested_slot": "booking_confirmed"}
    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM, entities=[], slots=slots)
    events = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
    said = text.split("say ")[1]
    assert SlotSet("booking_time_text", f"any afternoon next week, {said}") in events
    assert (SlotSet("booking_time", None) not in events) is kept
    assert ("utter_booking_time_days_ruled_out" in [m.get("response") for m in dispatcher.messages]) is kept


@pytest.mark.parametrize("earlier, expected", [
    # play-test 167: after NHS 111 now for a spreading red streak, a consultation was offered and the route dropped
    ([{"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": "urgent"}}}],
     ["utter_safety_route_reminder"]),
    # nothing reported: no request to change, and one offered
    ([], ["utter_no_request_to_change"]),
])
async def test_a_change_with_no_request_in_the_thread_of_a_route_is_the_route(
    dispatcher, make_tracker, domain, clinic_open, earlier, expected
):
    from actions.booking_summary import ActionNoRequestToChange

    tracker = make_tracker(intent="correct_booking", text="can i not just email them tonight and theyll see it first thing",
                           events=earlier, parse_data={"triage": {"level": None}})
    await ActionNoRequestToChange().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("slots, expected", [
    # play-test 184: "can u send my details to the clinic too … my number is …" with a request paused by a safety answer
    # got "You haven't requested a consultation in this chat", twice
    ({"booking_name": "Laura Finch"}, ["utter_request_paused_to_change"]),
    ({}, ["utter_no_request_to_change"]),
])
async def test_a_change_with_a_request_paused_says_it_is_there(dispatcher, make_tracker, domain, clinic_open, slots,
                                                               expected):
    from actions.booking_summary import ActionNoRequestToChange

    tracker = make_tracker(intent="correct_booking", text="can u send my details to the clinic, my number is 07700 900678",
                           slots=slots, parse_data={"triage": {"level": None}})
    await ActionNoRequestToChange().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 199: "nothing here to change" to a question about being emailed instead of phoned
    ("can i give my email address instead of a phone number when i request a consultation", ["utter_written_contact"]),
    ("I should like to request a consultation, please. However, I must ask that the clinic does not telephone me. "
     "Could they email or send a text message instead?", ["utter_written_contact"]),
    ("can you change my number", ["utter_no_request_to_change"]),
])
async def test_being_written_to_asked_before_any_request_is_answered(dispatcher, make_tracker, domain, clinic_open, text,
                                                                      expected):
    from actions.booking_summary import ActionNoRequestToChange

    tracker = make_tracker(intent="correct_booking", text=text, parse_data={"triage": {"level": None}})
    await ActionNoRequestToChange().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


ONE_NOTE = "starting microneedling for some acne marks (note for the clinic: I'm on blood thinners (apixaban) in case that matters)"


@pytest.mark.parametrize("intent, removed, expected", [
    # play-test 211: "can you take the meds bit out" made a note of its own; "remove the blood thinners part" left
    # "(apixaban) in case that matters"
    ("faq", "meds", "starting microneedling for some acne marks"),
    ("correct_booking", "blood thinners", "starting microneedling for some acne marks"),
    # medicines in general, with none noted: no change
    ("correct_booking", "tablets", None),
])
async def test_a_note_of_one_thing_said_to_go_goes_whole(dispatcher, make_tracker, domain, intent, removed, expected):
    from actions.answers import ActionAnswerQuestion

    concern = ONE_NOTE if removed != "tablets" else "acne marks"
    tracker = make_tracker(
        intent=intent, text=f"can you take the {removed} bit out", active_loop=FORM,
        entities=[{"entity": "removed", "value": removed, "start": 17, "end": 17 + len(removed)}],
        slots={**DETAILS, "booking_concern": concern, "requested_slot": "booking_confirmed"},
    )
    action = ActionChangeBookingDetail() if intent == "correct_booking" else ActionAnswerQuestion()
    events = await action.run(dispatcher, tracker, domain)
    changed = [event["value"] for event in events if event["name"] == "booking_concern"]
    assert changed == ([expected] if expected else [])


@pytest.mark.parametrize("text, slots, handed", [
    # play-test 215: right after "Please call 999 now", read as a change to a request never made
    ("this is my friend Tasha typing now. she feels a bit better already. should we still ring?",
     {"last_topic": "emergency"}, True),
    # a request named is the request's
    ("can i change my booking to friday", {"last_topic": "emergency"}, False),
    # no emergency answer before: the change's own answer
    ("this is my friend Tasha typing now", {}, False),
])
async def test_a_change_read_in_the_emergencys_thread_is_left_to_it(dispatcher, make_tracker, domain, text, slots,
                                                                     handed):
    from rasa_sdk.events import FollowupAction

    from actions.booking_summary import ActionNoRequestToChange

    tracker = make_tracker(intent="correct_booking", text=text, slots=slots, parse_data={"triage": {"level": None}})
    events = await ActionNoRequestToChange().run(dispatcher, tracker, domain)
    assert (events == [FollowupAction("action_answer_question")]) is handed
