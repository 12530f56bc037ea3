import datetime as dt
import threading

import pytest
from rasa_sdk.events import FollowupAction, SlotSet

from actions.booking_submit import ActionSayRequestReference, ActionSubmitBooking
from core import database
from core.database import BookingStore
from tests.conftest import COLLECTED_BOOKING, responses, selected_answer

CONFIRMED = {
    **COLLECTED_BOOKING,
    "booking_confirmed": True,
    "skin_concern": "acne scars",
    "treatment_area": "face",
}


def forgets_everything(events, domain):
    """Every booking slot of the domain, and the concern and area mentioned in the chat, set to None
    (beside them only that a request was sent, which `was_sent` checks, or was stopped, which `was_stopped` checks)."""
    forgotten = {name for name in domain["slots"] if name.startswith("booking_")} | {"skin_concern", "treatment_area"}
    kept = ("request_sent", "request_stopped", "request_reference", "request_references")
    details = [event for event in events if event["name"] not in kept]
    return sorted(details, key=lambda event: event["name"]) == [SlotSet(name, None) for name in sorted(forgotten)]


def was_stopped(events):
    """Whether the events say a request was stopped before it was sent (asking to book again picks it up)."""
    return SlotSet("request_stopped", True) in events


def was_sent(events):
    """Whether the events say a request was sent ("change my number" then goes to the clinic)."""
    return SlotSet("request_sent", True) in events


async def submit(dispatcher, make_tracker, domain, **slots):
    tracker = make_tracker(intent="affirm", text="yes", slots={**CONFIRMED, **slots}, sender_id="conversation-42")
    return await ActionSubmitBooking().run(dispatcher, tracker, domain)


@pytest.mark.parametrize(
    "name",
    [
        "Zoë Ñúñez-O'Brien",  # accents and an apostrophe
        "'; DROP TABLE bookings; --",  # looks like SQL
        "李雷",  # another script
        'Robert "Bobby" Tables',  # quotes
    ],
)
async def test_a_confirmed_request_is_stored_verbatim_then_its_reference_given(booking_store, dispatcher, make_tracker, domain, name):
    events = await submit(dispatcher, make_tracker, domain, booking_name=name)
    assert responses(dispatcher) == ["utter_booking_saved"]
    stored = booking_store.find(dispatcher.messages[0]["reference"])
    assert stored["name"] == name
    assert stored["contact"] == "+447911123456" and stored["contact_kind"] == "phone"
    assert stored["conversation_id"] == "conversation-42"
    assert stored["consent"] is True
    assert stored["concern"] is None  # not given
    assert stored["preferred_text"] == "friday at 3pm"
    assert len(booking_store.all()) == 1
    assert forgets_everything(events, domain)  # nothing kept in the conversation
    assert was_sent(events) and not was_stopped(events)
    assert SlotSet("request_reference", stored["reference"]) in events  # for "cancel" or "change" afterwards
    assert SlotSet("request_references", [stored["reference"]]) in events


async def test_every_detail_is_stored(booking_store, dispatcher, make_tracker, domain):
    await submit(
        dispatcher, make_tracker, domain, booking_contact="jo@example.org", booking_concern="acne scars (face)",
        booking_time="2026-12-01T12:00:00+00:00/2026-12-01T17:00:00+00:00", booking_time_text="next Tuesday afternoon",
    )
    stored = booking_store.find(dispatcher.messages[0]["reference"])
    assert stored["contact_kind"] == "email" and stored["contact"] == "jo@example.org"
    assert stored["concern"] == "acne scars (face)"
    assert stored["preferred_text"] == "next Tuesday afternoon"
    # SQLite gives the value back without its zone: it was stored in UTC
    assert stored["preferred_start"].replace(tzinfo=dt.timezone.utc) == dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert stored["preferred_end"].replace(tzinfo=dt.timezone.utc) == dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.timezone.utc)


async def test_the_reference_is_given_only_once_the_request_is_committed(booking_store, dispatcher, make_tracker, domain):
    await submit(dispatcher, make_tracker, domain)
    # another connection, as the clinic's export would open, sees the row
    other = BookingStore(booking_store.url)
    try:
        assert other.find(dispatcher.messages[0]["reference"])["name"] == CONFIRMED["booking_name"]
    finally:
        other.dispose()


async def test_the_database_write_runs_off_the_event_loop(booking_store, dispatcher, make_tracker, domain, monkeypatch):
    threads = []
    save = booking_store.save

    def recording_save(request):
        threads.append(threading.get_ident())
        return save(request)

    monkeypatch.setattr(booking_store, "save", recording_save)
    await submit(dispatcher, make_tracker, domain)
    assert threads and threads[0] != threading.get_ident()


@pytest.mark.parametrize(
    "slots",
    [
        {"booking_confirmed": None},  # the form ended before the summary was confirmed
        {"booking_consent": None},  # consent declined: the form ended
        {"booking_consent": False},
        {"booking_confirmed": False},
    ],
)
async def test_nothing_is_stored_without_confirmation_and_consent(booking_store, dispatcher, make_tracker, domain, slots):
    events = await submit(dispatcher, make_tracker, domain, **slots)
    assert booking_store.all() == []
    assert dispatcher.messages == []  # the form already said why it ended
    assert forgets_everything(events, domain) and not was_sent(events)
    assert was_stopped(events)


async def test_a_storage_failure_gives_no_reference(dispatcher, make_tracker, domain, monkeypatch):
    class BrokenStore:
        def save(self, request):
            raise RuntimeError("database is down")

    monkeypatch.setattr(database, "_store", BrokenStore())
    events = await submit(dispatcher, make_tracker, domain)
    assert responses(dispatcher) == ["utter_booking_save_failed"]
    assert "reference" not in dispatcher.messages[0]
    assert forgets_everything(events, domain) and not was_sent(events)
    assert was_stopped(events)  # "book a consultation" tries it again with the same details


async def test_the_consent_is_stored_with_its_wordings_version_and_time(booking_store, dispatcher, make_tracker, domain):
    from actions.booking_submit import consent_version

    given = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.timezone.utc)
    consent_event = {"event": "slot", "name": "booking_consent", "value": True, "timestamp": given.timestamp()}
    tracker = make_tracker(intent="affirm", text="yes", slots=CONFIRMED, sender_id="c-1", events=[consent_event])
    await ActionSubmitBooking().run(dispatcher, tracker, domain)
    stored = booking_store.find(dispatcher.messages[0]["reference"])
    assert stored["consent_version"] == consent_version(domain) and len(stored["consent_version"]) == 16
    assert stored["consent_given_at"].replace(tzinfo=dt.timezone.utc) == given


def test_the_consent_version_follows_the_wording(domain):
    from actions.booking_submit import CONSENT_QUESTION, consent_version

    changed = {**domain, "responses": {**domain["responses"], CONSENT_QUESTION: [{"text": "May we keep your details?"}]}}
    assert consent_version(changed) != consent_version(domain)
    assert consent_version({"responses": {}}) is None


async def test_a_confirmation_sent_again_after_a_crash_gives_the_same_reference(booking_store, dispatcher, make_tracker, domain):
    """A replica that died after the row was committed leaves the turn unsaved; the retry runs the action again."""
    consent_event = {"event": "slot", "name": "booking_consent", "value": True, "timestamp": 1_790_000_000.0}
    for _ in range(2):
        tracker = make_tracker(intent="affirm", text="yes", slots=CONFIRMED, sender_id="c-9", events=[consent_event])
        await ActionSubmitBooking().run(dispatcher, tracker, domain)
    first, again = (message["reference"] for message in dispatcher.messages)
    assert first == again
    assert len(booking_store.all()) == 1


async def test_two_contacts_are_stored_together_as_both(booking_store, dispatcher, make_tracker, domain):
    events = await submit(dispatcher, make_tracker, domain, booking_contact="jo@example.com; +447911555321")
    assert was_sent(events)
    stored = booking_store.all()[0]
    assert stored["contact"] == "jo@example.com; +447911555321" and stored["contact_kind"] == "both"


@pytest.mark.parametrize("text, sent, response, values", [
    # found by the seventeenth play-test: the latest reference was given for cancelling the other request
    # (play-test 130: cancelled here, asked first, where it once had to go to the clinic)
    ("now how do i cancel the call back MN-XYUF", ["MN-XYUF", "MN-G47R"], "utter_confirm_cancel_sent",
     {"reference": "MN-XYUF"}),
    ("cancel mn-g47r please", ["MN-XYUF", "MN-G47R"], "utter_confirm_cancel_sent", {"reference": "MN-G47R"}),
    ("cancel it", ["MN-XYUF", "MN-G47R"], "utter_cancel_which_request", {"references": "MN-XYUF, MN-G47R"}),
    ("cancel it", ["MN-XYUF"], "utter_confirm_cancel_sent", {"reference": "MN-XYUF"}),
    # a reference not sent here: not found here, and never another in its place
    ("cancel MN-AAAA", ["MN-XYUF", "MN-G47R"], "utter_cancel_existing_booking", {"reference": "MN-AAAA"}),
    ("cancel MN-AAAA", ["MN-XYUF"], "utter_cancel_existing_booking", {"reference": "MN-AAAA"}),
])
async def test_cancelling_a_sent_request_names_the_one_meant(dispatcher, make_tracker, domain, text, sent, response,
                                                            values):
    from actions.booking_submit import ActionCancelSentRequest

    tracker = make_tracker(intent="stop", text=text,
                           slots={"request_sent": True, "request_reference": sent[-1], "request_references": sent})
    await ActionCancelSentRequest().run(dispatcher, tracker, domain)
    assert [(m["response"], {k: m[k] for k in values}) for m in dispatcher.messages] == [(response, values)]


async def test_a_yes_to_cancelling_a_sent_request_cancels_it_and_tells_the_clinic(
    dispatcher, make_tracker, domain, booking_store
):
    # play-test 130: a request sent could be changed in the chat, but not cancelled
    from actions.booking_submit import ActionCancelSentConfirmed, ActionCancelSentRequest
    from core.database import BookingRequest

    start = dt.datetime(2026, 12, 8, 12, tzinfo=dt.timezone.utc)
    reference = booking_store.save(BookingRequest(
        name="Hannah Wright", contact_kind="phone", contact="+447700900123", preferred_start=start,
        preferred_end=start + dt.timedelta(hours=2), preferred_text="tuesday lunchtime", concern="acne scars",
        consent=True, conversation_id="test-user"), notify=["email"])
    slots = {"request_sent": True, "request_reference": reference, "request_references": [reference]}
    asked = await ActionCancelSentRequest().run(dispatcher, make_tracker(intent="stop", text="cancel it", slots=slots),
                                                domain)
    assert SlotSet("cancelling_request", reference) in asked and booking_store.find(reference)["cancelled_change"] is None
    events = await ActionCancelSentConfirmed().run(
        dispatcher, make_tracker(intent="affirm", text="/affirm", slots={**slots, "cancelling_request": reference}), domain
    )
    assert responses(dispatcher) == ["utter_confirm_cancel_sent", "utter_sent_request_cancelled"]
    assert booking_store.find(reference)["cancelled_change"] == 1
    assert SlotSet("request_sent", False) in events and SlotSet("request_references", []) in events


async def test_an_older_yes_to_cancelling_cancels_nothing(dispatcher, make_tracker, domain, booking_store):
    from actions.booking_submit import ActionCancelSentConfirmed

    await ActionCancelSentConfirmed().run(dispatcher, make_tracker(intent="affirm", text="/affirm"), domain)
    assert responses(dispatcher) == ["utter_stale_cancel_button"]


_STOPPED = [
    {"event": "slot", "timestamp": None, "name": "booking_name", "value": "Dani Whitfield"},
    {"event": "action", "timestamp": None, "name": "action_cancel_booking"},
]


@pytest.mark.parametrize("slots, events, response, offer", [
    # sent: its reference
    ({"request_sent": True, "request_reference": "MN-XYUF"}, [], "utter_request_reference", None),
    # none sent, none begun: it offers to start one, which a yes takes up
    ({}, [], "utter_request_reference", "consultation"),
    # paused by a safety answer, its details kept: offered again (eighteenth play-test)
    ({"booking_name": "Dani Whitfield", "booking_contact": "07488 553120", "request_kind": "call_back"}, [],
     "utter_request_set_aside", "resume"),
    # stopped with details: offered again
    ({"request_stopped": True}, _STOPPED, "utter_request_set_aside", "resume"),
    # stopped with none: as if none begun
    ({"request_stopped": True}, [], "utter_request_reference", "consultation"),
])
async def test_the_reference_asked_for_says_what_there_is(dispatcher, make_tracker, domain, slots, events, response,
                                                         offer):
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text="please still send the call back request", slots=slots,
                           events=events)
    result = await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [response]
    assert result == [SlotSet("offer", offer)]


@pytest.mark.parametrize("earlier, reminded", [
    # play-test 189: "so theyll def ring me at 9 on monday yeah?" after a call back sent for a spreading hot patch and a
    # fever got "if you'd rather not wait, call" the closed clinic, and no word of NHS 111
    ([{"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": "urgent"}}}], True),
    ([], False),
])
async def test_the_request_asked_about_after_the_urgent_route_says_the_route(dispatcher, make_tracker, domain,
                                                                            clinic_open, earlier, reminded):
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text="thanks. so theyll def ring me at 9 on monday yeah?",
                           slots={"request_sent": True, "request_reference": "MN-JW7H", "request_kind": "call_back"},
                           events=earlier, parse_data={"triage": {"level": None}})
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert ("utter_safety_route_reminder" in responses(dispatcher)) is reminded


@pytest.mark.parametrize("slots, expected", [
    # asked before any request: how, once there is one (play-test 209's question, asked first)
    ({}, "utter_how_to_change_later"),
    # asked of a request sent: its reference answer says how
    ({"request_sent": True, "request_reference": "MN-QH8Y"}, "utter_request_reference"),
])
async def test_how_to_cancel_later_is_said(dispatcher, make_tracker, domain, slots, expected):
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text="thanks!! oh and if i change my mind can i cancel it?",
                           slots=slots, parse_data={"triage": {"level": None}})
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected


async def test_a_reference_read_in_the_emergencys_thread_is_left_to_the_thread(dispatcher, make_tracker, domain):
    # play-test 210: "i did!! theyre coming. what do i do till they get here" got no reference and a consultation
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text="i did!! theyre coming. what do i do till they get here",
                           slots={"last_topic": "emergency"}, parse_data={"triage": {"waiting_for_help": True}})
    assert await ActionSayRequestReference().run(dispatcher, tracker, domain) == [
        FollowupAction("action_answer_question")
    ]
    assert not dispatcher.messages


async def test_a_question_asked_with_the_reference_is_answered_after_it(dispatcher, make_tracker, domain):
    from actions.booking_submit import ActionSayRequestReference
    from tests.conftest import asked

    text = "whats my reference again? and do i need to bring anything"
    tracker = make_tracker(intent="ask_reference", text=text, slots={"request_sent": True, "request_reference": "MN-XYUF"},
                           questions=asked(text, ("do i need to bring anything", "faq/unknown_other")))
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_request_reference", "utter_faq/unknown_other"]


@pytest.mark.parametrize("text, answered", [
    # play-test 29: "yep send. oh and is it ok to wash my face tonight with water" sent it, and the question was dropped
    ("yep send. oh and is it ok to wash my face tonight with water", ["utter_faq/unknown_activity"]),
    ("yes send it", []),
    # play-test 258: whether they will ring then, beside the send, is what the reference's line says; no guide answer
    ("Yes send it please. Will they definitely ring Tuesday?", []),
])
async def test_a_question_asked_with_the_send_is_answered_after_the_reference(
        booking_store, dispatcher, make_tracker, domain, text, answered):
    tracker = make_tracker(intent="affirm", text=text, slots=CONFIRMED, sender_id="conversation-43",
                           response_selector=selected_answer("faq/unknown_activity"))
    await ActionSubmitBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_saved"] + answered


@pytest.mark.parametrize("text, slots, loop, expected", [
    # play-tests 59 and 60: "The clinic then phones you", four times, to "when will they call?"
    ("what happens next then, will they ring me today? im in meetings till 5", {"request_sent": True}, None,
     ["utter_request_reference", "utter_when_the_clinic_contacts"]),
    ("you didnt answer. when will they call", {"request_kind": "call_back"}, "booking_form",
     ["utter_request_reference_in_the_form", "utter_when_the_clinic_contacts"]),
    # not asked when: the reference alone; "when i call" is the person's own call
    ("whats my reference", {"request_sent": True}, None, ["utter_request_reference"]),
    ("what reference do i quote when i call", {"request_sent": True}, None, ["utter_request_reference"]),
    # with no request at all, the offer to start one
    ("when will they call me", {}, None, ["utter_request_reference"]),
])
async def test_when_the_clinic_will_be_in_touch_is_not_promised(dispatcher, make_tracker, domain, text, slots, loop,
                                                               expected):
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text=text, slots={"request_reference": "MN-XYUF", **slots},
                           active_loop=loop)
    events = await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    if loop:
        assert events == [SlotSet("offer", None)]


# --- changing a request already sent ----------------------------------------------------------------------------


def slot_event(name, value, timestamp=None):
    return {"event": "slot", "name": name, "value": value, **({"timestamp": timestamp} if timestamp else {})}


def sent_with(reference, **details):
    """The events of a request sent with COLLECTED_BOOKING's details (and `details`): the submit, then its clearing."""
    given = {**COLLECTED_BOOKING, "booking_concern": "acne scars", **details}
    return (
        [slot_event(name, value) for name, value in given.items()]
        + [{"event": "action", "name": "action_submit_booking"}]
        + [slot_event(name, None) for name in given]
        + [slot_event("request_sent", True), slot_event("request_reference", reference)]
    )


async def test_a_change_asked_for_puts_the_request_sent_back_to_change_it(dispatcher, make_tracker, domain):
    from actions.booking_submit import ActionReopenSentRequest

    events = sent_with("MN-ABCD", request_kind="call_back")
    tracker = make_tracker(intent="correct_booking", text="can they ring in the afternoon instead", events=events,
                           slots={"request_sent": True, "request_reference": "MN-ABCD"})
    reopened = await ActionReopenSentRequest().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_changing"] and dispatcher.messages[0]["reference"] == "MN-ABCD"
    values = {event["name"]: event["value"] for event in reopened}
    assert values["booking_name"] == COLLECTED_BOOKING["booking_name"]
    assert values["booking_time_text"] == "friday at 3pm" and values["booking_concern"] == "acne scars"
    assert values["request_kind"] == "call_back"  # still a call back
    assert values["booking_confirmed"] is None  # the summary asks again
    assert (values["booking_consent"], values["changing_request"], values["request_reference"]) == (True, True, "MN-ABCD")


async def test_the_request_named_is_the_one_changed(dispatcher, make_tracker, domain):
    from actions.booking_submit import ActionReopenSentRequest

    events = sent_with("MN-ABCD") + sent_with("MN-WXYZ", booking_name="Amy Lee")
    for text, reference, name in (
        ("change the time on mn-abcd", "MN-ABCD", COLLECTED_BOOKING["booking_name"]),
        ("can i change the time", "MN-WXYZ", "Amy Lee"),  # none named: the one sent last
    ):
        tracker = make_tracker(intent="correct_booking", text=text, events=events,
                               slots={"request_sent": True, "request_reference": "MN-WXYZ"})
        values = {event["name"]: event["value"] for event in await ActionReopenSentRequest().run(dispatcher, tracker, domain)}
        assert (values["request_reference"], values["booking_name"]) == (reference, name)


async def test_with_the_reference_forgotten_the_request_sent_last_is_changed(dispatcher, make_tracker, domain):
    # play-test 163: a new request stopped since had forgotten the reference, and "change the time on MN-8QBP to Monday
    # before 11am" was sent to the clinic
    from actions.booking_submit import ActionReopenSentRequest

    tracker = make_tracker(intent="correct_booking", text="change the time to monday before 11am",
                           events=sent_with("MN-ABCD") + [slot_event("request_reference", None)],
                           slots={"request_sent": True, "request_reference": None})
    values = {event["name"]: event["value"] for event in await ActionReopenSentRequest().run(dispatcher, tracker, domain)}
    assert values["request_reference"] == "MN-ABCD"
    assert responses(dispatcher) == ["utter_booking_changing"]


@pytest.mark.parametrize("forget", [{"event": "action", "name": "action_delete_my_data"}, {"event": "restart"}])
async def test_with_nothing_to_put_back_the_clinic_changes_it(dispatcher, make_tracker, domain, forget):
    from actions.booking_submit import ActionReopenSentRequest

    tracker = make_tracker(intent="correct_booking", text="can i change the time", events=sent_with("MN-ABCD") + [forget],
                           slots={"request_sent": True, "request_reference": "MN-ABCD"})
    events = await ActionReopenSentRequest().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_change_existing_booking"]
    assert events == [FollowupAction("action_listen")]


async def change(dispatcher, make_tracker, domain, reference, sender_id="conversation-42", confirmed_at=1_790_000_000.0,
                 **slots):
    tracker = make_tracker(
        intent="affirm", text="yes send the change", sender_id=sender_id,
        slots={**CONFIRMED, "changing_request": True, "request_sent": True, "request_reference": reference, **slots},
        events=[slot_event("booking_confirmed", True, confirmed_at)],
    )
    return await ActionSubmitBooking().run(dispatcher, tracker, domain)


async def test_a_change_confirmed_changes_the_stored_request_and_keeps_its_reference(booking_store, dispatcher, make_tracker, domain):
    await submit(dispatcher, make_tracker, domain)
    reference = dispatcher.messages[0]["reference"]
    dispatcher.messages.clear()
    events = await change(dispatcher, make_tracker, domain, reference, booking_time_text="friday afternoon instead",
                          booking_time="2026-11-27T13:00:00+00:00/2026-11-27T17:00:00+00:00")
    assert responses(dispatcher) == ["utter_booking_change_sent"] and dispatcher.messages[0]["reference"] == reference
    [stored] = booking_store.all()  # changed, not a second request
    assert (stored["reference"], stored["preferred_text"], stored["changes"]) == (reference, "friday afternoon instead", 1)
    assert stored["changed_fields"] == "preferred time"
    assert SlotSet("changing_request", False) in events and SlotSet("request_reference", reference) in events
    assert not was_stopped(events)
    # the same confirmation again (a retry of the turn): one change
    await change(dispatcher, make_tracker, domain, reference, booking_time_text="friday afternoon instead",
                 booking_time="2026-11-27T13:00:00+00:00/2026-11-27T17:00:00+00:00")
    assert booking_store.find(reference)["changes"] == 1


async def test_a_change_that_changes_nothing_says_so(booking_store, dispatcher, make_tracker, domain):
    await submit(dispatcher, make_tracker, domain)
    reference = dispatcher.messages[0]["reference"]
    dispatcher.messages.clear()
    await change(dispatcher, make_tracker, domain, reference)
    assert responses(dispatcher) == ["utter_booking_change_nothing"]
    assert booking_store.find(reference)["changes"] is None


async def test_a_change_to_a_request_gone_goes_to_the_clinic(booking_store, dispatcher, make_tracker, domain):
    await submit(dispatcher, make_tracker, domain)
    reference = dispatcher.messages[0]["reference"]
    booking_store.delete_for_conversation("conversation-42")
    dispatcher.messages.clear()
    await change(dispatcher, make_tracker, domain, reference, booking_name="Someone Else")
    assert responses(dispatcher) == ["utter_change_existing_booking"]
    assert booking_store.all() == []  # nothing made again


async def test_a_change_another_conversation_asks_for_is_not_made(booking_store, dispatcher, make_tracker, domain):
    await submit(dispatcher, make_tracker, domain)
    reference = dispatcher.messages[0]["reference"]
    dispatcher.messages.clear()
    await change(dispatcher, make_tracker, domain, reference, sender_id="someone-else", booking_name="Someone Else")
    assert responses(dispatcher) == ["utter_change_existing_booking"]
    assert booking_store.find(reference)["name"] == CONFIRMED["booking_name"]


async def test_a_change_given_up_leaves_the_request_as_it_was_sent(dispatcher, make_tracker, domain):
    from actions.booking_form import ActionCancelBooking

    tracker = make_tracker(intent="stop", text="leave it as it was", active_loop="booking_form",
                           slots={**CONFIRMED, "changing_request": True, "request_sent": True, "request_reference": "MN-ABCD"})
    events = await ActionCancelBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_change_dropped"]
    assert SlotSet("changing_request", False) in events and not was_stopped(events)  # nothing to pick up later
    assert forgets_everything([event for event in events if event["name"] not in ("changing_request", "stop_cancels")], domain)


async def test_a_note_merged_into_the_concern_is_put_back_once(dispatcher, make_tracker, domain):
    """Play-test 122: a note given before the concern was put back beside the concern that held it already, twice in
    the change's summary."""
    from actions.booking_submit import ActionReopenSentRequest

    merged = "fine lines (note for the clinic: booked by someone else, for their wife)"
    events = (
        [slot_event("booking_note", "booked by someone else, for their wife")]
        + [slot_event("booking_concern", merged), slot_event("booking_note", None)]
        + sent_with("MN-ABCD", booking_concern=merged)
    )
    tracker = make_tracker(intent="correct_booking", text="her surname is Cavanagh with a C", events=events,
                           slots={"request_sent": True, "request_reference": "MN-ABCD"})
    values = {event["name"]: event["value"] for event in await ActionReopenSentRequest().run(dispatcher, tracker, domain)}
    assert values["booking_concern"] == merged and values["booking_note"] is None


async def test_the_reference_asked_for_reads_back_what_the_clinic_has(dispatcher, make_tracker, domain):
    """Play-test 122: "did the change go through? the preferred time is thursday 7pm now not monday?" could not be
    answered: the request sent, or as last changed, is read back after its reference."""
    from actions.booking_submit import ActionSayRequestReference

    events = sent_with("MN-ABCD") + sent_with("MN-ABCD", booking_time_text="thursday 7pm",
                                               booking_time="2026-12-10T19:00:00+00:00/2026-12-10T19:00:00+00:00")
    tracker = make_tracker(intent="ask_reference", text="did the change go through?", events=events,
                           slots={"request_sent": True, "request_reference": "MN-ABCD"})
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:2] == ["utter_request_reference", "utter_request_sent_details"]
    details = dispatcher.messages[1]
    assert details["preferred_time"] == "Thursday 10 December 2026 at 19:00"
    assert (details["booking_name"], details["booking_concern"]) == (COLLECTED_BOOKING["booking_name"], "acne scars")


def _field(value):
    return {"entity": "booking_field", "value": value}


@pytest.mark.parametrize("text, entities, expected, said", [
    # play-test 136: "what name did i put on it" mid-form got "it has no reference yet"
    ("what name did i put on it", [_field("booking_name")], "utter_request_name_given",
     {"booking_name": "Zoë Ñúñez-O'Brien"}),
    ("what time did I say?", [_field("booking_time")], "utter_request_time_given",
     {"preferred_time": "Friday 27 November 2026 at 15:00"}),
    ("what number did you take", [_field("booking_contact")], "utter_request_contact_given",
     {"booking_contact": "+447911123456"}),
    # how the clinic will be in touch: with the contact given
    ("will they ring me or email?", [_field("booking_contact")], "utter_how_the_clinic_contacts",
     {"booking_contact": "+447911123456"}),
    # a day asked about by its weekday (play-test 141: when the clinic would call)
    ("which friday did you put?", [], "utter_request_time_given",
     {"preferred_time": "Friday 27 November 2026 at 15:00"}),
    # play-test 247: "Sorry, I need a yes or a no to that"
    ("wait, which date is that?", [], "utter_request_time_given",
     {"preferred_time": "Friday 27 November 2026 at 15:00"}),
    # not given yet: said so
    ("what did i say the concern was", [_field("booking_concern")], "utter_request_detail_not_given", {}),
    # no detail named: the reference, not yet given
    ("whats my reference", [], "utter_request_reference_in_the_form", {}),
])
async def test_a_question_about_a_detail_in_the_form_is_answered_with_it(dispatcher, make_tracker, domain, text,
                                                                       entities, expected, said):
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text=text, slots={**COLLECTED_BOOKING, "booking_concern": None},
                           entities=entities, active_loop="booking_form")
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [expected]
    message = dispatcher.messages[0]
    assert {key: message.get(key) for key in said} == said


async def test_what_time_was_asked_for_after_sending_reads_the_request_back_and_promises_no_call_time(
        booking_store, dispatcher, make_tracker, domain):
    from actions.booking_submit import ActionSayRequestReference

    sent = make_tracker(intent="affirm", text="yes send it", slots=CONFIRMED, sender_id="conversation-136")
    events = await ActionSubmitBooking().run(dispatcher, sent, domain)
    reference = next(e["value"] for e in events if e.get("name") == "request_reference")
    dispatcher.messages.clear()
    # (the events of the send, as the tracker holds them: details_when_sent reads the details from them)
    history = [{"event": "slot", "name": name, "value": value} for name, value in CONFIRMED.items()] + [
        {"event": "action", "name": "action_submit_booking"}] + [dict(e) for e in events]
    tracker = make_tracker(intent="ask_reference", text="what time did i say", entities=[_field("booking_time")],
                           slots={"request_sent": True, "request_reference": reference}, events=history)
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert "utter_when_the_clinic_contacts" not in responses(dispatcher)
    assert responses(dispatcher)[0] == "utter_request_reference"


async def test_how_they_will_be_in_touch_asked_with_the_send_is_said_with_the_contact(
        booking_store, dispatcher, make_tracker, domain):
    # play-test 136: "will they ring me or email?" with the send got "the guide doesn't cover it"
    tracker = make_tracker(intent="affirm", text="yes send it. will they ring me or email?", slots=CONFIRMED,
                           sender_id="conversation-136b", response_selector=selected_answer("faq/unknown_other"))
    await ActionSubmitBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_saved", "utter_how_the_clinic_contacts"]
    assert dispatcher.messages[1]["booking_contact"] == "+447911123456"


@pytest.mark.parametrize("kind, expected", [
    # play-test 155: "The clinic will phone you on the number you gave: jo.b@gmail.com; +447700900233"
    ("call_back", "+447700900233"),
    ("consultation", "jo.b@gmail.com; +447700900233"),
])
async def test_how_a_call_back_will_be_in_touch_gives_its_number_alone(dispatcher, make_tracker, domain, kind,
                                                                      expected):
    from actions.booking_submit import ActionSayRequestReference

    tracker = make_tracker(intent="ask_reference", text="so will they email me or call me??",
                           slots={**COLLECTED_BOOKING, "booking_contact": "jo.b@gmail.com; +447700900233",
                                  "request_kind": kind}, active_loop="booking_form")
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_how_the_clinic_contacts"]
    assert dispatcher.messages[0]["booking_contact"] == expected


@pytest.mark.parametrize("triage, first", [
    # play-test 153: "111 online says go to an urgent treatment centre within 4 hours. should i still keep the clinic
    # appointment" got the request's details alone
    ({"help_had": True}, "utter_faq/help_had"),
    ({}, "utter_request_reference"),
])
async def test_advice_had_said_beside_the_request_is_followed_first(dispatcher, make_tracker, domain, triage, first):
    from actions.booking_submit import ActionSayRequestReference

    text = "111 online says go to an urgent treatment centre within 4 hours. should i still keep the clinic appointment"
    tracker = make_tracker(intent="ask_reference", text=text, slots={"request_sent": True, "request_reference": "MN-XYUF"})
    tracker.latest_message["triage"] = triage
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(first)


def test_a_note_asked_about_is_the_concern_that_holds_it(make_tracker):
    # play-test 153: "will they definately see the allergy note …?" is answered with the concern and its notes
    from actions.booking_submit import detail_asked_about

    tracker = make_tracker(intent="ask_reference", text="will they definately see the allergy note before they start?")
    assert detail_asked_about(tracker) == "booking_concern"
    assert detail_asked_about(make_tracker(intent="ask_reference", text="what did i put?")) is None


async def test_a_reference_asked_with_none_sent_after_a_route_not_seen_to_is_the_route(dispatcher, make_tracker, domain,
                                                                                      clinic_open):
    # play-test 167: "if i ring 111 do i tell them i had it done at a clinic, like will they need your details" after
    # NHS 111 now got "I can't see a request" and a consultation offered
    earlier = [{"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": "urgent"}}}]
    tracker = make_tracker(intent="ask_reference", text="if i ring 111 do i tell them, like will they need your details",
                           events=earlier, parse_data={"triage": {"level": None}})
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_safety_route_reminder"]


@pytest.mark.parametrize("text, told", [
    # play-test 247: the request's status twice, the question unanswered
    ("thanks but will i actually get an email with this or should i screenshot it?", True),
    ("can you send me a copy of what I booked? to my email", True),
    # play-test 257: a menu, then a second request began
    ("will i get an email?", True),
    ("like a confirmation email for my booking", True),
    ("what was my reference number", False),
])
async def test_a_copy_of_the_request_asked_for_is_said_not_to_be_sent(dispatcher, make_tracker, domain, text, told):
    tracker = make_tracker(intent="ask_reference", text=text,
                           slots={"request_sent": True, "request_reference": "MN-ABCD"})
    await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert ("utter_request_no_copy_sent" in responses(dispatcher)) is told
