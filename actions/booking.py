"""Booking a consultation: the form's extraction and validation, the summary, storage."""
import datetime as dt
import logging
import re
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking_fields import InvalidValue, PreferredTime, parse_contact, parse_name, parse_preferred_time
from actions.config import clinic
from actions.storage import BookingRequest, get_store

logger = logging.getLogger(__name__)

FORM_SLOTS = ("booking_name", "booking_contact", "booking_time", "booking_concern", "booking_consent", "booking_confirmed")
# Slots a person can ask to change from the summary.
EDITABLE_SLOTS = ("booking_name", "booking_contact", "booking_time", "booking_concern")
ALL_BOOKING_SLOTS = FORM_SLOTS + ("booking_time_text", "booking_failures")
MAX_FAILURES = 3

# Intents that leave the form for one turn (a rule answers them, then the form
# asks its question again), unless the message is itself a valid answer.
INTERRUPTING_INTENTS = frozenset({
    "ask_pain", "ask_sessions", "ask_side_effects", "ask_what_is", "ask_duration",
    "ask_preparation", "ask_aftercare", "ask_downtime", "ask_results", "ask_safety",
    "ask_provider", "ask_consultation", "ask_procedure", "ask_suitability", "ask_price",
    "report_complication", "start_guide", "next_step", "previous_step",
    "request_human", "bot_challenge", "ask_clinic_info", "stop",
})
NOT_A_NAME_INTENTS = frozenset({"greet", "thank", "goodbye", "affirm", "deny", "book_consultation"})
# Leaving the form throws the answers away, so a "stop" must say so in words: a
# name like "'; DROP TABLE bookings; --" that NLU reads as stop is still a name.
CANCEL_WORDS = re.compile(
    r"\b(?:canc\w*|cancle|stop\w*|quit|exit|abort|never\s?mind|nvm|forget|changed my mind|change of mind|"
    r"don'?t want|do not want|no longer|not interested|leave it|rather not|end this|enough)\b",
    re.IGNORECASE,
)
YES_WORDS = re.compile(r"^\s*(?:yes|yeah|yea|yep|yup|ya|sure|ok|okay|y|correct|agreed|i agree|i consent|that's right|thats right|that is right|go ahead|fine|absolutely|of course|send|book it|confirm\w*|looks good|all good|perfect|great)\b", re.IGNORECASE)
NO_WORDS = re.compile(r"^\s*(?:no|nope|nah|n|i don't|i dont|i do not|don't|dont|not really)\b", re.IGNORECASE)
SKIP_WORDS = re.compile(r"^\s*(?:skip|no|nope|none|nothing|n/?a|not sure|no thanks|rather not say|prefer not to say|-)\s*[.!]*\s*$", re.IGNORECASE)

# Words that name a field in "change my phone number" and the like.
FIELD_WORDS = (
    ("booking_contact", re.compile(r"\b(?:e-?mail|phone|number|mobile|contact|cell)\b", re.IGNORECASE)),
    ("booking_time", re.compile(r"\b(?:time|day|date|when|morning|afternoon|evening|appointment)\b", re.IGNORECASE)),
    ("booking_concern", re.compile(r"\b(?:concern|area|skin|scars?|lines|wrinkles)\b", re.IGNORECASE)),
    ("booking_name", re.compile(r"\bname\b", re.IGNORECASE)),
)


def latest_intent(tracker: Tracker) -> Optional[Text]:
    """The intent NLU gave the latest message, `nlu_fallback` included (unlike
    `Tracker.get_intent_of_latest_message`, which skips to the runner-up)."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def field_to_change(tracker: Tracker) -> Optional[Text]:
    """Which booking detail a correction is about, from a button's entity or the words used."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "booking_field" and entity.get("value") in EDITABLE_SLOTS:
            return entity["value"]
    text = tracker.latest_message.get("text") or ""
    for slot, words in FIELD_WORDS:
        if words.search(text):
            return slot
    return None


def concern_from_entities(skin_concern: Optional[Text], treatment_area: Optional[Text]) -> Optional[Text]:
    """A concern to prefill from what the person already mentioned, e.g. "acne scars (face)"."""
    if skin_concern and treatment_area:
        return f"{skin_concern} ({treatment_area})"
    return skin_concern or treatment_area


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ActionStartBooking(Action):
    """Clears an earlier request and prefills the concern, then the form takes over."""

    def name(self) -> Text:
        return "action_start_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_booking_start")
        events = clear_booking()
        said_now = {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities") or []}
        concern = concern_from_entities(
            said_now.get("skin_concern") or tracker.get_slot("skin_concern"), said_now.get("treatment_area")
        )
        if concern:
            events.append(SlotSet("booking_concern", concern))
        return events


class ValidateBookingForm(FormValidationAction):
    """Reads each answer of the booking form, checks it, and says why when it is not right."""

    def __init__(self, clock: Callable[[], dt.datetime] = now) -> None:
        self._clock = clock

    def name(self) -> Text:
        return "validate_booking_form"

    # ------------------------------------------------------------ extraction

    @staticmethod
    def _answer(tracker: Tracker, slot: Text, is_value: Callable[[Text], bool] = lambda _: False) -> Optional[Text]:
        """The text of the latest message if it answers `slot`; None if it is for someone else."""
        if tracker.get_slot("requested_slot") != slot:
            return None
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/"):  # a button payload is an intent, never a typed answer
            return None
        intent = latest_intent(tracker)
        if intent == "stop" and not CANCEL_WORDS.search(text):
            return text
        if intent == "nlu_fallback" and text.rstrip().endswith("?") and not is_value(text):
            return None  # an unclear question: the suggestions, then the form asks again
        if (intent in INTERRUPTING_INTENTS or intent == "correct_booking") and not is_value(text):
            return None
        return text

    @staticmethod
    def _yes_or_no(tracker: Tracker) -> Optional[bool]:
        """True or False for a yes or a no, typed or by intent; None for anything else."""
        text = tracker.latest_message.get("text") or ""
        intent = latest_intent(tracker)
        if intent == "affirm" or (not text.startswith("/") and YES_WORDS.match(text)):
            return True
        if intent == "deny" or (not text.startswith("/") and NO_WORDS.match(text)):
            return False
        return None

    def _correction(self, tracker: Tracker) -> Dict[Text, Any]:
        """"change my email to x@y.com" gives the new value; "wrong name" clears the name."""
        if latest_intent(tracker) != "correct_booking":
            return {}
        text = tracker.latest_message.get("text") or ""
        new_value = {} if text.startswith("/") else self._new_value(text)
        if new_value:
            return {**new_value, "booking_confirmed": None}
        field = field_to_change(tracker)
        if field is None:
            return {"booking_confirmed": None}
        return self._clear(field)

    @staticmethod
    def _clear(field: Text) -> Dict[Text, Any]:
        """Forget one detail so the form asks for it again, then for confirmation."""
        cleared = {field: None, "booking_confirmed": None}
        if field == "booking_time":
            cleared["booking_time_text"] = None
        return cleared

    async def extract_booking_name(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._answer(tracker, "booking_name")
        return {} if text is None else {"booking_name": text}

    @staticmethod
    def _is_contact(text: Text) -> bool:
        try:
            parse_contact(text, clinic().phone_region)
            return True
        except InvalidValue:
            return False

    def _is_time(self, text: Text) -> bool:
        """A day and time, or one whose only fault is when it is (closed, past, …)."""
        try:
            parse_preferred_time(text, clinic(), self._clock())
            return True
        except InvalidValue as invalid:
            return invalid.response != "utter_invalid_booking_time"

    async def extract_booking_contact(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._answer(tracker, "booking_contact", self._is_contact)
        return {} if text is None else {"booking_contact": text}

    async def extract_booking_time(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._answer(tracker, "booking_time", self._is_time)
        return {} if text is None else {"booking_time": text}

    async def extract_booking_concern(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = self._answer(tracker, "booking_concern", lambda typed: bool(SKIP_WORDS.match(typed)))
        if text is None:
            return {}
        if SKIP_WORDS.match(text) or latest_intent(tracker) in ("deny", "affirm"):
            return {"booking_concern": ""}
        return {"booking_concern": text.strip()}

    async def extract_booking_consent(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "booking_consent":
            return {}
        answer = self._yes_or_no(tracker)
        if answer is not None:
            return {"booking_consent": answer}
        intent = latest_intent(tracker)
        if intent in INTERRUPTING_INTENTS or intent == "correct_booking":
            return {}
        return {"booking_consent": "unclear"}

    async def extract_booking_confirmed(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        correction = self._correction(tracker)
        if correction:
            if correction == {"booking_confirmed": None}:  # no field named: ask which
                dispatcher.utter_message(response="utter_booking_what_to_change")
            return correction
        if tracker.get_slot("requested_slot") != "booking_confirmed":
            return {}
        answer = self._yes_or_no(tracker)
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/"):
            # "no, saturday afternoon instead", "ok my email is ...": the new value itself
            bare = NO_WORDS.sub("", YES_WORDS.sub("", text, count=1), count=1).strip(" ,.!-")
            new_value = self._new_value(bare)
            if new_value:
                return {**new_value, "booking_confirmed": None}
            field = field_to_change(tracker) if answer is not True else None  # "the time", "wrong email"
            if field:
                return self._clear(field)
        if answer is True:
            return {"booking_confirmed": True}
        if answer is False:
            dispatcher.utter_message(response="utter_booking_what_to_change")
            return {"booking_confirmed": None}
        if latest_intent(tracker) in INTERRUPTING_INTENTS:
            return {}
        return {"booking_confirmed": "unclear"}

    def _new_value(self, text: Text) -> Dict[Text, Any]:
        """A contact or a preferred time typed at the summary, to replace the old one."""
        if text and self._is_contact(text):
            return {"booking_contact": text}
        if text and self._is_time(text):
            return {"booking_time": text}
        return {}

    # ------------------------------------------------------------ validation

    def _reject(self, slot: Text, invalid: InvalidValue, dispatcher, tracker) -> Dict[Text, Any]:
        """Say why the value was not accepted; after MAX_FAILURES on one slot, offer the staff."""
        failures = dict(tracker.get_slot("booking_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        facts = clinic().facts()
        dispatcher.utter_message(response=invalid.response, **{**facts, **invalid.values})
        if failures[slot] >= MAX_FAILURES:
            # offer the team instead, without throwing away what was already given
            dispatcher.utter_message(response="utter_booking_too_many_failures", **facts)
            failures[slot] = 0
        return {slot: None, "booking_failures": failures}

    async def validate_booking_name(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value is None:
            return {"booking_name": None}
        try:
            if latest_intent(tracker) in NOT_A_NAME_INTENTS:
                raise InvalidValue("utter_invalid_booking_name")
            return {"booking_name": parse_name(value)}
        except InvalidValue as invalid:
            return self._reject("booking_name", invalid, dispatcher, tracker)

    async def validate_booking_contact(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value is None:
            return {"booking_contact": None}
        try:
            return {"booking_contact": parse_contact(value, clinic().phone_region).value}
        except InvalidValue as invalid:
            return self._reject("booking_contact", invalid, dispatcher, tracker)

    async def validate_booking_time(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value is None:
            return {"booking_time": None}
        try:
            window = parse_preferred_time(value, clinic(), self._clock())
        except InvalidValue as invalid:
            return self._reject("booking_time", invalid, dispatcher, tracker)
        return {"booking_time": window.to_slot(), "booking_time_text": value}

    async def validate_booking_concern(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"booking_concern": value}

    async def validate_booking_consent(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value is True or value is None:
            return {"booking_consent": value}
        if value is False:
            dispatcher.utter_message(response="utter_booking_consent_declined", **clinic().facts())
            return {"booking_consent": None, "requested_slot": None}
        return self._reject("booking_consent", InvalidValue("utter_invalid_booking_yes_no"), dispatcher, tracker)

    async def validate_booking_confirmed(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value is True or value is None:
            return {"booking_confirmed": value}
        return self._reject("booking_confirmed", InvalidValue("utter_invalid_booking_yes_no"), dispatcher, tracker)


def summary_values(tracker: Tracker, domain: DomainDict) -> Dict[Text, Text]:
    """What the summary shows, in the words a person reads."""
    time_slot = tracker.get_slot("booking_time")
    concern = tracker.get_slot("booking_concern")
    if not concern:
        concern = domain["responses"]["utter_concern_not_given"][0]["text"]
    return {
        "booking_name": tracker.get_slot("booking_name"),
        "booking_contact": tracker.get_slot("booking_contact"),
        "preferred_time": PreferredTime.from_slot(time_slot).describe() if time_slot else "",
        "booking_concern": concern,
    }


class ActionAskBookingFormBookingConfirmed(Action):
    """Shows the collected details and asks to confirm or correct them."""

    def name(self) -> Text:
        return "action_ask_booking_form_booking_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_booking_summary", **summary_values(tracker, domain))
        return []


def clear_booking() -> List[Dict[Text, Any]]:
    """Forget every booking detail, and the concern and area mentioned in the chat."""
    return [SlotSet(slot, None) for slot in ALL_BOOKING_SLOTS + ("skin_concern", "treatment_area")]


class ActionSubmitBooking(Action):
    """After the form: store a confirmed request, then give its reference. Nothing is kept otherwise."""

    def name(self) -> Text:
        return "action_submit_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot("booking_confirmed") is not True or tracker.get_slot("booking_consent") is not True:
            return clear_booking()  # the form ended early and has already said why
        window = PreferredTime.from_slot(tracker.get_slot("booking_time"))
        contact = tracker.get_slot("booking_contact")
        request = BookingRequest(
            name=tracker.get_slot("booking_name"),
            contact_kind="email" if "@" in contact else "phone",
            contact=contact,
            preferred_start=window.start.astimezone(dt.timezone.utc),
            preferred_end=window.end.astimezone(dt.timezone.utc),
            preferred_text=tracker.get_slot("booking_time_text") or "",
            concern=tracker.get_slot("booking_concern") or None,
            consent=True,
            conversation_id=tracker.sender_id,
        )
        facts = clinic().facts()
        try:
            reference = get_store().save(request)
        except Exception:  # the person must never get a reference for a request that was not stored
            logger.exception("could not store a booking request")
            dispatcher.utter_message(response="utter_booking_save_failed", **facts)
            return clear_booking()
        dispatcher.utter_message(response="utter_booking_saved", reference=reference, **facts)
        return clear_booking()


class ActionCancelBooking(Action):
    def name(self) -> Text:
        return "action_cancel_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_booking_cancelled")
        return clear_booking()
