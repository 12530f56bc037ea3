"""Sending a booking request: stored only when confirmed with consent, then its reference is given."""

import asyncio
import datetime as dt
import hashlib
import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    HELP_HAD,
    SEVERITY,
    answer_keys,
    answered_this_turn,
    answers_alongside,
    asks_beside,
    last_action_before,
    left_to_the_emergency_thread,
    remind_of_the_route,
    response_for,
    response_name,
    say_answers,
    says_send,
    unreachable_in_a_route_thread,
    waiting_for_111s_call,
    without_offer,
)
from actions.booking_form import (
    ALL_BOOKING_SLOTS,
    CALL_BACK,
    CHANGING,
    TYPED_SLOTS,
    clear_booking,
    details_before_stop,
    details_when_sent,
)
from actions.booking_summary import given_so_far
from core.booking import CONTACTS_JOINED, PreferredTime, contact_kind
from core.database import REFERENCE_ALPHABET, REFERENCE_PREFIX, BookingRequest, get_store
from core.words import ASKS_HOW_TO_CHANGE_LATER, ASKS_IF_BOOKED, DELETION_ASKED_WORDS, HOW_CONTACTED

# how to cancel or change a request later, asked (components/booking_request.py makes it a reference asked for)
_CHANGE_LATER_ASKED = re.compile(ASKS_HOW_TO_CHANGE_LATER, re.IGNORECASE)
_BOOKED_YET_ASKED = re.compile(ASKS_IF_BOOKED, re.IGNORECASE)
# a copy of the request asked to be sent ("can you send me a copy of what I booked?", "will i get an email with this or
# should i screenshot it?")
_COPY_ASKED = re.compile(
    r"\b(?:send|email|e-mail|text|forward)\s+(?:me\s+|it\s+to\s+me\s+)?(?:a\s+|the\s+)?(?:copy|confirmation|summary|"
    r"details)\b|\b(?:get|receive|be\s+sent)\s+(?:an?\s+)?(?:e-?mail|text|copy|confirmation)\s+(?:with|of|about)\s+"
    r"(?:this|it|that|the\s+request|my\s+request|the\s+details)\b|\bscreenshot\b|\bconfirmation\s+e-?mail\b|"
    # ("will i get an email?" once sent: play-test 257, a menu)
    r"\b(?:will|do|would|shall)\s+i\s+(?:get|receive|be\s+sent)\s+(?:an?\s+)?(?:e-?mail|text|confirmation)\s*(?:\?|$)",
    re.IGNORECASE,
)
_DELETION_ASKED = re.compile(DELETION_ASKED_WORDS, re.IGNORECASE)
# whether the clinic will be in touch, asked beside the send ("will they definitely ring Tuesday?")
_WHETHER_THEY_WILL = re.compile(
    r"\b(?:will|would|do|does|are|is)\s+(?:they|you|u|the\s+clinic|someone|somebody)\s+(?:\w+\s+)?(?:ring|call|phone|"
    r"contact|text|email|confirm|get\s+back)\b",
    re.IGNORECASE,
)

logger = logging.getLogger(__name__)


CONSENT_QUESTION = "utter_ask_booking_form_booking_consent"
RESUME = "resume"  # the offer to pick up a request set aside before it was sent (slot `offer`)


def consent_version(domain: DomainDict) -> Optional[str]:
    """A short hash of the consent question's wording, so a stored consent names what was agreed to."""
    variants = (domain.get("responses") or {}).get(CONSENT_QUESTION) or []
    wording = "\n".join(variant.get("text", "") for variant in variants)
    return hashlib.sha256(wording.encode()).hexdigest()[:16] if wording else None


def said_yes_at(tracker: Tracker, slot: Text) -> Optional[dt.datetime]:
    """When a yes/no slot was last set to yes (from the tracker's events); None when its last value is no other."""
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == slot:
            if event.get("value") is True and event.get("timestamp"):
                return dt.datetime.fromtimestamp(event["timestamp"], dt.timezone.utc)
            return None
    return None


def consent_given_at(tracker: Tracker) -> Optional[dt.datetime]:
    """When the consent was last given."""
    return said_yes_at(tracker, "booking_consent")


def request_key(sender_id: Text, given_at: Optional[dt.datetime]) -> Optional[str]:
    """What makes a request the same one when it is sent again: the conversation and the moment of
    its consent (an earlier turn, so a retry of the confirming turn has the same)."""
    if given_at is None:
        return None
    return hashlib.sha256(f"{sender_id}|{given_at.isoformat()}".encode()).hexdigest()[:32]


def booking_request(tracker: Tracker, domain: Optional[DomainDict] = None) -> BookingRequest:
    window = PreferredTime.from_slot(tracker.get_slot("booking_time"))
    given_at = consent_given_at(tracker)
    contact = tracker.get_slot("booking_contact")
    return BookingRequest(
        name=tracker.get_slot("booking_name"),
        contact_kind=contact_kind(contact),
        contact=contact,
        preferred_start=window.start.astimezone(dt.timezone.utc),
        preferred_end=window.end.astimezone(dt.timezone.utc),
        preferred_text=tracker.get_slot("booking_time_text") or "",
        concern=tracker.get_slot("booking_concern") or None,
        consent=True,
        conversation_id=tracker.sender_id,
        consent_version=consent_version(domain or {}),
        consent_given_at=given_at,
        request_key=request_key(tracker.sender_id, given_at),
        kind=tracker.get_slot("request_kind") or None,
        under_18=bool(tracker.get_slot("booking_under_18")),
    )


def answered_beside_the_send(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> List[Dict[Text, Any]]:
    """A question asked in the message that said to send ("yep send. oh and is it ok to wash my face tonight", read as
    a yes): answered after the reference, unless it was answered already this turn (play-test 29: dropped)."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/") or not says_send(text) or not asks_beside(text) or answered_this_turn(tracker):
        return []
    if _ASKS_HOW.search(text):
        # "yes send it. will they ring me or email?": how, with the contact sent (play-test 136 asked it three times)
        say_detail_asked_about(dispatcher, tracker, domain, given_so_far(tracker, domain))
        return []
    if _WHETHER_THEY_WILL.search(text):
        # "Yes send it please. Will they definitely ring Tuesday?" (play-test 258): what the reference's line says, that
        # the clinic will be in touch to confirm; no answer of the guide's beside it
        return []
    topics = [topic for topic in answer_keys(tracker) if response_name(topic) in domain.get("responses", {})]
    return say_answers(dispatcher, tracker, domain, topics, pause=False) if topics else []


# a request's reference as the person types it ("mn-xyuf", "MN XYUF")
_REFERENCE = re.compile(rf"\b{REFERENCE_PREFIX.rstrip('-')}[-\s]?([{REFERENCE_ALPHABET}]{{4}})\b", re.IGNORECASE)


def references_named(tracker: Tracker) -> List[Text]:
    """The requests' references the latest message names, as stored ("mn-xyuf" is MN-XYUF)."""
    return [
        f"{REFERENCE_PREFIX}{match.upper()}" for match in _REFERENCE.findall(tracker.latest_message.get("text") or "")
    ]


def confirmed_at(tracker: Tracker) -> Optional[dt.datetime]:
    """When the summary was last confirmed: a retry of the confirming turn has the same."""
    return said_yes_at(tracker, "booking_confirmed")


async def change_sent_request(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> List[Dict[Text, Any]]:
    """The end of a change to a request sent (ActionReopenSentRequest): the stored request takes the details
    confirmed, and the clinic is told of the change; the request keeps its reference."""
    reference = tracker.get_slot("request_reference")
    done = clear_booking() + [SlotSet(CHANGING, False)]
    if tracker.get_slot("booking_confirmed") is not True or not reference:
        return done  # the form ended early and has said why; the request stands as it was sent
    try:
        change = await asyncio.get_running_loop().run_in_executor(
            None,
            lambda: get_store().change(
                reference, booking_request(tracker, domain), request_key(tracker.sender_id, confirmed_at(tracker))
            ),
        )
    except Exception:  # the person must never be told a change was sent that was not stored
        logger.exception("could not store a change to a booking request")
        dispatcher.utter_message(response="utter_booking_change_failed", reference=reference)
        return done
    if change is None:  # deleted, or not made in this conversation: the clinic changes it
        dispatcher.utter_message(response="utter_change_existing_booking")
    elif change == 0:
        dispatcher.utter_message(response="utter_booking_change_nothing", reference=reference)
    else:
        dispatcher.utter_message(response="utter_booking_change_sent", reference=reference)
    answered = without_offer(answered_beside_the_send(dispatcher, tracker, domain))
    return answered + done + [SlotSet("request_reference", reference)]


class ActionReopenSentRequest(Action):
    """A change asked for once a request was sent ("can they ring after 3 instead", "change my number to …"): the
    request's details are put back, the change is made as at the summary, and the summary asks to send the change
    (ActionSubmitBooking then changes the stored request and tells the clinic). The request named by its reference,
    else the one sent last. With no details to put back (the person's data deleted, or a new session), the clinic
    changes it."""

    def name(self) -> Text:
        return "action_reopen_sent_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        sent = details_when_sent(tracker)
        named = references_named(tracker)
        # (else the one sent last: a new request stopped since forgets the reference slot, and "change the time on
        # MN-8QBP …" was sent to the clinic, play-test 163)
        last = tracker.get_slot("request_reference") or next(reversed(sent), None)
        reference = next((name for name in named if name in sent), last)
        details = sent.get(reference or "")
        if not details:
            dispatcher.utter_message(response="utter_change_existing_booking")
            return [FollowupAction("action_listen")]
        dispatcher.utter_message(response="utter_booking_changing", reference=reference)
        return (
            [SlotSet(slot, None) for slot in ALL_BOOKING_SLOTS]
            + [SlotSet(slot, value) for slot, value in details.items()]
            + [SlotSet("booking_consent", True), SlotSet(CHANGING, True), SlotSet("request_reference", reference)]
        )


class ActionSubmitBooking(Action):
    """After the form: store a confirmed request, then give its reference. Nothing is kept otherwise."""

    def name(self) -> Text:
        return "action_submit_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot(CHANGING):
            return await change_sent_request(dispatcher, tracker, domain)
        if tracker.get_slot("booking_confirmed") is not True or tracker.get_slot("booking_consent") is not True:
            # the form ended early (consent declined) and has already said why; asking to book again picks it up
            return clear_booking() + [SlotSet("request_stopped", True)]
        try:
            # the database write runs off the action server's event loop
            reference = await asyncio.get_running_loop().run_in_executor(
                None, get_store().save, booking_request(tracker, domain)
            )
        except Exception:  # the person must never get a reference for a request that was not stored
            logger.exception("could not store a booking request")
            dispatcher.utter_message(response="utter_booking_save_failed")
            return clear_booking() + [SlotSet("request_stopped", True)]  # "book a consultation" tries it again
        dispatcher.utter_message(response="utter_booking_saved", reference=reference)
        answered = without_offer(answered_beside_the_send(dispatcher, tracker, domain))
        sent = list(tracker.get_slot("request_references") or []) + [reference]
        return (
            answered
            + clear_booking()
            + [
                SlotSet("request_sent", True),
                SlotSet("request_reference", reference),
                SlotSet("request_references", sent),
            ]
        )


# the request the person was asked whether to cancel (ActionCancelSentRequest)
CANCELLING = "cancelling_request"


class ActionCancelSentRequest(Action):
    """ "cancel it" after a request was sent: asks whether to cancel it (a yes cancels it here and tells the clinic,
    ActionCancelSentConfirmed). With several sent in this chat, the one the message names, else all of them to choose
    from; never another than the one meant (found by the seventeenth play-test: the latest reference was given for
    cancelling the other), nor one not sent here."""

    def name(self) -> Text:
        return "action_cancel_sent_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        sent = list(tracker.get_slot("request_references") or []) or [tracker.get_slot("request_reference")]
        sent = [reference for reference in sent if reference]
        named = references_named(tracker)
        if named and not any(reference in sent for reference in named):
            # "cancel MN-AAAA", sent in no request of this chat: never another one in its place
            dispatcher.utter_message(response="utter_cancel_existing_booking", reference=named[0])
            return [SlotSet(CANCELLING, None)]
        meant = [reference for reference in named if reference in sent] or (sent if len(sent) == 1 else [])
        if (
            len(meant) == 1
            and tracker.get_slot(CANCELLING) == meant[0]
            and last_action_before(tracker) == "action_cancel_sent_request"
            and _SAID_AGAIN.search(tracker.latest_message.get("text") or "")
        ):
            # "yes cancel it" to the question below, read as a cancel again: the cancel it confirms
            return await cancel_sent_request(dispatcher, tracker, meant[0])
        if len(meant) == 1:
            # (play-test 130: it could send a change of a request sent to the clinic, but not a cancellation)
            dispatcher.utter_message(response="utter_confirm_cancel_sent", reference=meant[0])
            return [SlotSet(CANCELLING, meant[0]), SlotSet("offer", None)]
        dispatcher.utter_message(response="utter_cancel_which_request", references=", ".join(sent))
        return [SlotSet(CANCELLING, None)]


# the cancel asked for again, as a yes to the question whether to cancel ("yes cancel it", "cancel it please")
_SAID_AGAIN = re.compile(r"^\W*(?:yes|yeah|yep|yh|ok|okay|please|pls|just|do it|go on)\b", re.IGNORECASE)


async def cancel_sent_request(
    dispatcher: CollectingDispatcher, tracker: Tracker, reference: Text
) -> List[Dict[Text, Any]]:
    """Cancel the request sent, in the store, and tell the clinic (BookingStore.cancel); say what was done."""
    try:
        cancelled = await asyncio.get_running_loop().run_in_executor(
            None, lambda: get_store().cancel(reference, tracker.sender_id)
        )
    except Exception:  # the person must never be told a request was cancelled that was not
        logger.exception("could not cancel a booking request")
        dispatcher.utter_message(response="utter_cancel_sent_failed", reference=reference)
        return [SlotSet(CANCELLING, None)]
    if cancelled is None:  # deleted, or not made in this conversation: the clinic cancels it
        dispatcher.utter_message(response="utter_cancel_existing_booking", reference=reference)
        return [SlotSet(CANCELLING, None)]
    dispatcher.utter_message(response="utter_sent_request_cancelled", reference=reference)
    left = [sent for sent in tracker.get_slot("request_references") or [] if sent != reference]
    return [
        SlotSet(CANCELLING, None),
        SlotSet("request_references", left),
        SlotSet("request_reference", left[-1] if left else None),
        SlotSet("request_sent", bool(left)),
    ]


class ActionCancelSentConfirmed(Action):
    """A yes to cancelling the request sent (ActionCancelSentRequest asked): it is cancelled, and the clinic told."""

    def name(self) -> Text:
        return "action_cancel_sent_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        reference = tracker.get_slot(CANCELLING)
        if not reference:
            dispatcher.utter_message(response="utter_stale_cancel_button")
            return []
        events = await cancel_sent_request(dispatcher, tracker, reference)
        cancelled = any(event.get("name") == "request_references" for event in events)
        # (asked in the message before its "Yes, cancel it")
        asked = (tracker.get_last_event_for("user", skip=1) or {}).get("text") or ""
        if cancelled and _DELETION_ASKED.search(asked):
            # "cancel it and delete my email" (play-test 242: once cancelled, the deletion was forgotten): offered now
            return events + [FollowupAction("action_offer_to_delete")]
        return events


# asked when the clinic will be in touch ("will they ring me today? im in meetings till 5", "when will someone
# actually reply?", "what time exactly tho?", "will they definitely call thursday?"): not "when I call"
_ASKS_WHEN = re.compile(
    r"\bwhen\b(?!\s+(?:i|we)\b)|\b(?:what time|how long|how soon|how quickly|today|tonight|tomorrow|definitely|"
    r"for sure|exactly|guarantee)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    re.IGNORECASE,
)


# a day or a time named in asking how the clinic will be in touch
_WHEN_NAMED = re.compile(
    r"\b(?:when|what time|today|tonight|tomorrow|tmrw|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE
)


def say_when_the_clinic_contacts(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """When the clinic will be in touch, asked with the request's reference or what happens next: no time is promised,
    as the assistant sees neither the clinic's diary nor its calls (play-tests 59 and 60: "The clinic then phones you",
    four times, to "when will they call?")."""
    if _ASKS_WHEN.search(tracker.latest_message.get("text") or ""):
        dispatcher.utter_message(response="utter_when_the_clinic_contacts")


# "will they ring me or email?", "how will they get hold of me": how the clinic will be in touch, asked of a request
_ASKS_HOW = re.compile(HOW_CONTACTED, re.IGNORECASE)
# a note on the request asked about ("will they definately see the allergy note before they put anything on my face?")
_A_NOTE_NAMED = re.compile(r"\b(?:note|notes|allerg\w*)\b", re.IGNORECASE)
# a day of the request asked about by its weekday ("which thursday did you put?")
_WHICH_DAY = re.compile(
    r"\b(?:which|what)\s+(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|date|day)\b", re.IGNORECASE
)
# the response that says the one detail a question about the request asks for ("what name did I put on it?")
DETAIL_GIVEN = {
    "booking_name": "utter_request_name_given",
    "booking_contact": "utter_request_contact_given",
    "booking_time": "utter_request_time_given",
    "booking_concern": "utter_request_concern_given",
}


def detail_asked_about(tracker: Tracker) -> Optional[Text]:
    """The one detail of the request a question about it names ("what time did I say?", "what number did you take"):
    its slot; None when it names none, or several. (Play-test 136: "what name did I put on it?" mid-form got "it has no
    reference yet".)"""
    fields = {
        entity.get("value")
        for entity in tracker.latest_message.get("entities") or []
        if entity.get("entity") == "booking_field" and entity.get("value") in DETAIL_GIVEN
    }
    if not fields and _WHICH_DAY.search(tracker.latest_message.get("text") or ""):
        return "booking_time"  # "which thursday did you put?" (play-test 141: when the clinic would call)
    if not fields and _A_NOTE_NAMED.search(tracker.latest_message.get("text") or ""):
        return "booking_concern"  # "will they see the allergy note?" (play-test 153): the concern holds the notes
    return fields.pop() if len(fields) == 1 else None


def say_detail_asked_about(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, values: Dict[Text, Text]
) -> bool:
    """How the clinic will be in touch, or the one detail asked about, as the request has it (`values`, in the
    summary's words); whether either was said."""
    if _ASKS_HOW.search(tracker.latest_message.get("text") or ""):
        contact = values.get("booking_contact")
        if contact and tracker.get_slot("request_kind") == CALL_BACK:
            # the number a call back rings, not an email beside it ("The clinic will phone you on the number you gave:
            # jo.b@gmail.com; +447700900233", play-test 155)
            numbers = [part for part in contact.split(CONTACTS_JOINED) if contact_kind(part) == "phone"]
            contact = CONTACTS_JOINED.join(numbers) or contact
        dispatcher.utter_message(
            response="utter_how_the_clinic_contacts" if contact else "utter_request_detail_not_given",
            booking_contact=contact or "",
        )
        return True
    asked = detail_asked_about(tracker)
    if asked is None:
        return False
    slot = "preferred_time" if asked == "booking_time" else asked
    if values.get(slot):
        dispatcher.utter_message(response=DETAIL_GIVEN[asked], **{slot: values[slot]})
    else:
        dispatcher.utter_message(response="utter_request_detail_not_given")
    return True


def sent_details(details: Dict[Text, Any], domain: DomainDict) -> Dict[Text, Text]:
    """A request's details as sent, in the words the summary showed them."""
    return {
        "booking_name": details.get("booking_name") or "",
        "booking_contact": details.get("booking_contact") or "",
        "preferred_time": PreferredTime.from_slot(details["booking_time"]).describe(),
        "booking_concern": details.get("booking_concern") or domain["responses"]["utter_concern_not_given"][0]["text"],
    }


class ActionSayRequestReference(Action):
    """ "what's my reference?" outside the form: the request sent, or, with none sent, a request paused by a safety
    answer or stopped before it was sent, offered again with what was given ("please still send the call back
    request" after one was paused got "You haven't sent a request", eighteenth play-test). A yes then picks it up
    (data/rules)."""

    def name(self) -> Text:
        return "action_say_request_reference"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if tracker.active_loop.get("name"):
            # a question about a detail given so far is answered with it
            if not say_detail_asked_about(dispatcher, tracker, domain, given_so_far(tracker, domain)):
                # asked while a request is being made, which has no reference until it is sent (found by the fifteenth
                # play-test: "You haven't sent a request… Would you like to request a consultation?" mid-summary)
                dispatcher.utter_message(response="utter_request_reference_in_the_form")
                say_when_the_clinic_contacts(dispatcher, tracker)
            return [SlotSet("offer", None)]
        triage = tracker.latest_message.get("triage") or {}
        if (
            left_to_the_emergency_thread(tracker)
            or unreachable_in_a_route_thread(tracker)
            or (
                tracker.get_slot("last_topic") == SEVERITY[0]
                and (triage.get("waiting_for_help") or triage.get("level"))
            )
        ):
            # "i did!! theyre coming. what do i do till they get here" after "Please call 999 now" (play-test 210: no
            # reference, and a consultation offered): the emergency's thread answers it, whatever the classifier read
            return [FollowupAction("action_answer_question")]
        # "they said theres a wait for a call back. can i take paracetamol and go to bed?" after the urgent route (NHS
        # 111's call back, read as a question about a request: no reference, and a consultation offered)
        waiting = [] if tracker.get_slot("request_sent") else waiting_for_111s_call(dispatcher, tracker)
        if waiting:
            return waiting
        help_had = []
        if triage.get("help_had") and not triage.get("level"):
            # "111 online says go to an urgent treatment centre within 4 hours. should i still keep the clinic
            # appointment" (play-test 153: the request's details alone): that advice first
            dispatcher.utter_message(response=response_for(domain, HELP_HAD, tracker))
            help_had = [SlotSet("last_topic", HELP_HAD)]
        # paused: its details still in the slots; stopped: put back from the events by a yes (details_before_stop)
        paused = any(tracker.get_slot(slot) not in (None, "") for slot in TYPED_SLOTS)
        if tracker.get_slot("request_sent"):
            response, offer = "utter_request_reference", None
            if _BOOKED_YET_ASKED.search(tracker.latest_message.get("text") or ""):
                # "so does that mean im booked in for the consultation or not yet" (play-test 239: the reference and
                # the details, and no yes or no, three times): not yet, plainly, first
                dispatcher.utter_message(response="utter_request_not_booked_yet")
            if _COPY_ASKED.search(tracker.latest_message.get("text") or ""):
                # "will i actually get an email with this or should i screenshot it?" (play-test 247: the request's
                # status twice, the question unanswered): no copy is sent from here, plainly, first
                dispatcher.utter_message(response="utter_request_no_copy_sent")
        elif paused or (tracker.get_slot("request_stopped") and details_before_stop(tracker)):
            response, offer = "utter_request_set_aside", RESUME
        else:
            response, offer = "utter_request_reference", "consultation"  # none: it offers to start one
            if _CHANGE_LATER_ASKED.search(tracker.latest_message.get("text") or ""):
                # "can i cancel later if i change my mind?" before any request: how, once there is one
                response = "utter_how_to_change_later"
            if remind_of_the_route(dispatcher, tracker, domain):
                # ("if i ring 111 do i tell them i had it done at a clinic, like will they need your details", after
                # NHS 111 now: play-test 167, no reference and a consultation offered, no word of the route)
                return help_had + [SlotSet("offer", None)]
        dispatcher.utter_message(response=response)
        sent = details_when_sent(tracker).get(tracker.get_slot("request_reference") or "")
        detail_said = False
        if tracker.get_slot("request_sent") and sent and sent.get("booking_time"):
            # what the clinic has, as sent (or as last changed), read back; and how they will be in touch, when asked
            values = sent_details(sent, domain)
            dispatcher.utter_message(response="utter_request_sent_details", **values)
            detail_said = bool(_ASKS_HOW.search(tracker.latest_message.get("text") or "")) and say_detail_asked_about(
                dispatcher, tracker, domain, values
            )
        # (how, and when: "will someone ring me tomorrow then?", play-test 221, got the contact alone)
        when_too = bool(_WHEN_NAMED.search(tracker.latest_message.get("text") or ""))
        if offer != "consultation" and (not detail_said or when_too) and detail_asked_about(tracker) != "booking_time":
            # ("what time did I say?" asks for the time in the request, not when the clinic rings)
            say_when_the_clinic_contacts(dispatcher, tracker)
        if tracker.get_slot("request_sent"):
            # "thanks. so theyll def ring me at 9 on monday yeah?" after a call back sent for a spreading hot patch and
            # a fever, the clinic closed (play-test 189: "if you'd rather not wait, call" the closed clinic): the route
            remind_of_the_route(dispatcher, tracker, domain)
        # "whats my reference again? and do i need to bring anything": each question asked with it is answered too
        # (eighteenth play-test: the second was dropped); a yes still takes up this reply's offer
        events = answers_alongside(dispatcher, tracker, domain)
        return help_had + without_offer(events) + [SlotSet("offer", offer)]
