import datetime as dt

import pytest
from rasa_sdk.events import SlotSet

from actions.privacy import ActionDeleteMyData, ActionOfferToDelete, meant_to_delete
from core.database import BookingRequest
from tests.conftest import responses
from tests.core.test_storage import REQUEST


async def test_the_persons_booking_requests_are_deleted_and_they_are_told(booking_store, dispatcher, make_tracker, domain):
    mine = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "me"}))
    booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "me"}))
    theirs = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "someone-else"}))
    events = await ActionDeleteMyData().run(dispatcher, make_tracker(intent="affirm", sender_id="me"), domain)
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert booking_store.find(mine) is None
    assert [row["reference"] for row in booking_store.all()] == [theirs]
    # the person's details are forgotten in the conversation too (an empty list would forget nothing)
    assert {event.get("name") for event in events} >= {
        "booking_name", "booking_contact", "booking_time", "booking_time_text", "booking_concern", "booking_consent",
        "skin_concern", "treatment_area"}
    assert all(event["event"] == "slot" and event["value"] in (None, False) for event in events)


async def test_when_the_database_fails_nothing_is_claimed(booking_store, dispatcher, make_tracker, domain, monkeypatch):
    def broken(conversation_id):
        raise OSError("database down")

    monkeypatch.setattr(booking_store, "delete_for_conversation", broken)
    events = await ActionDeleteMyData().run(dispatcher, make_tracker(intent="affirm", sender_id="me"), domain)
    assert responses(dispatcher) == ["utter_data_delete_failed"]  # not utter_data_deleted: the tracker is kept
    assert events == [SlotSet("delete_unclear", False)]


def test_booking_requests_older_than_the_cutoff_are_purged(booking_store):
    booking_store.save(REQUEST)
    assert booking_store.purge_before(dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)) == 0
    assert booking_store.purge_before(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=1)) == 1
    assert booking_store.all() == []


@pytest.mark.parametrize(
    "text, entities, deleted",
    [
        ("/affirm", [], True),  # the question's own button
        ("yes", [], True),
        ("yes please delete it all", [], True),
        # found by the fifth play-test: "ok send" after the summary was cancelled for the deletion
        ("ok send", [], False),
        ("yes book it", [], False),
        # an older "Yes, send it" button answers the summary, not this question
        ('/affirm{"answers":"booking_confirmed"}', [{"entity": "answers", "value": "booking_confirmed"}], False),
    ],
)
async def test_a_yes_that_may_mean_something_else_is_asked_about_again(
    booking_store, dispatcher, make_tracker, domain, text, entities, deleted
):
    mine = booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "me"}))
    tracker = make_tracker(intent="affirm", text=text, entities=entities, sender_id="me")
    assert meant_to_delete(tracker) is deleted
    events = await ActionDeleteMyData().run(dispatcher, tracker, domain)
    if deleted:
        assert responses(dispatcher) == ["utter_data_deleted"] and booking_store.find(mine) is None
        assert SlotSet("delete_unclear", False) in events
    else:  # nothing deleted; the rules ask again (data/rules/privacy.yml)
        assert responses(dispatcher) == [] and booking_store.find(mine) is not None
        assert events == [SlotSet("delete_unclear", True)]


EARLIER = [{"event": "user", "timestamp": None, "text": "hello", "parse_data": {}}]


@pytest.mark.parametrize("earlier, requests, response", [
    ([], 0, "utter_nothing_stored_to_delete"),  # "has it been deleted?" after a deletion, or a first message
    (EARLIER, 0, "utter_confirm_delete_my_data"),  # something said before
    ([], 1, "utter_confirm_delete_my_data"),  # a booking request of this conversation's
])
async def test_the_offer_to_delete_says_when_there_is_nothing_earlier(
        booking_store, dispatcher, make_tracker, domain, earlier, requests, response):
    for _ in range(requests):
        booking_store.save(BookingRequest(**{**REQUEST.__dict__, "conversation_id": "me"}))
    tracker = make_tracker(intent="delete_my_data", text="has it been deleted?", sender_id="me", events=earlier)
    assert await ActionOfferToDelete().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == [response]


@pytest.mark.parametrize("intent, text, sent, cancel_first", [
    # play-test 242: "actually cancel it and delete my email please" offered the deletion first, which does not cancel
    ("delete_my_data", "actually cancel it and delete my email please", True, True),
    # with nothing sent, nothing to cancel first; a yes that cancelled one of two requests offers the deletion
    ("delete_my_data", "actually cancel it and delete my email please", False, False),
    ("affirm", "yes cancel it", True, False),
])
async def test_a_cancel_asked_with_the_deletion_comes_first(booking_store, dispatcher, make_tracker, domain, intent,
                                                            text, sent, cancel_first):
    from rasa_sdk.events import FollowupAction

    tracker = make_tracker(intent=intent, text=text, sender_id="me", events=EARLIER, slots={"request_sent": sent})
    events = await ActionOfferToDelete().run(dispatcher, tracker, domain)
    assert (events == [FollowupAction("action_cancel_sent_request")]) is cancel_first
    assert responses(dispatcher) == ([] if cancel_first else ["utter_confirm_delete_my_data"])


@pytest.mark.parametrize("action_name", ["start", "restore", "guide"])
async def test_an_older_deletion_button_taken_up_by_an_offer_is_set_aside(dispatcher, make_tracker, domain,
                                                                         action_name):
    # play-test 49: an older "Yes, delete my data" deleted nothing and said nothing of it; pressed after a consultation
    # was offered, it started one
    from rasa_sdk.events import FollowupAction

    from actions.booking_form import ActionRestoreBooking, ActionStartBooking
    from actions.guide import ActionShowGuideStep

    action = {"start": ActionStartBooking, "restore": ActionRestoreBooking, "guide": ActionShowGuideStep}[action_name]
    tracker = make_tracker(intent="affirm", text='/affirm{"deleting":"yes"}',
                           entities=[{"entity": "deleting", "value": "yes"}], slots={"offer": "consultation"})
    events = await action().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_stale_delete_button"]
    assert events == [FollowupAction("action_listen")]
    # a yes typed, or another button, is taken up as before
    dispatcher.messages.clear()
    tracker = make_tracker(intent="affirm", text="yes", slots={"offer": "consultation"})
    await action().run(dispatcher, tracker, domain)
    assert "utter_stale_delete_button" not in responses(dispatcher)


@pytest.mark.parametrize("channel", ["rest", "socketio"])
@pytest.mark.parametrize("sent, says_the_clinic_has_it", [(True, True), (False, False)])
async def test_the_deletion_says_the_clinic_keeps_a_request_already_sent(channel, sent, says_the_clinic_has_it):
    # play-test 114: "is it all gone now?", asked four times after the deletion, never got that the clinic still had
    # the request sent before it
    from pathlib import Path

    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet as Set
    from rasa.shared.core.trackers import DialogueStateTracker

    rasa_domain = Domain.load(str(Path(__file__).parents[2] / "domain.yml"))
    nlg = TemplatedNaturalLanguageGenerator(rasa_domain.responses)
    events = [Set("request_sent", sent), Set("request_reference", "MN-UPGN" if sent else None)]
    tracker = DialogueStateTracker.from_events("someone", events, slots=rasa_domain.slots)
    said = await nlg.generate("utter_data_deleted", tracker, channel, clinic_email="e", clinic_phone="p",
                              clinic_name="n")
    assert ("still has what it was sent" in said["text"] and "MN-UPGN" in said["text"]) is says_the_clinic_has_it
    assert (said.get("custom") or {}).get("data", {}).get("forget_conversation", False) is (channel == "socketio")
