"""The booking form: starting it, checking each answer, cancelling it.

Rasa fills the slots (the mappings in domain.yml) and decides which messages are
answers; the validators here only check values, and say why one is not right.
"""

import datetime as dt
import hashlib
import json
import re
import unicodedata
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    CONCERN_KINDS,
    EDITABLE,
    FOLLOW_UPS,
    HELP_HAD,
    ONE_NOTE,
    SAFETY_ROUTES,
    SUITABILITY,
    TELL_THE_CLINIC,
    UNDER_18,
    WHEN_CONTACTED_SAID,
    a_lasting_sign,
    answered_this_turn,
    answers_alongside,
    call_back_offered_in_an_emergency,
    calling_111_in_an_emergency,
    checked_value,
    concern_given,
    detail_given_with_a_question,
    earlier_triages,
    help_called_before,
    last_turn,
    names_a_personal_factor,
    note_start,
    question_keys,
    reported_earlier,
    response_name,
    route_then_concern,
    route_variant,
    said_minor_now,
    say_answers,
    say_the_route_first,
    since_the_latest_message,
    topics_of,
    without_offer,
)
from actions.buttons import late_deletion_press, set_aside
from actions.guide import back_in_the_walkthrough
from core.booking import (
    ADDS_A_CONTACT,
    ASAP,
    CONTACTS_JOINED,
    CORRECTED,
    MAX_CONTACTS,
    NO_DAY_NAMED,
    ONE_DAY_NAMED,
    InvalidValue,
    PreferredTime,
    added_contact,
    contact_kind,
    contact_replaced,
    contacts_in_order_asked,
    corrected_words,
    days_ruled_out,
    earliest_start,
    names_a_span_of_days,
    names_a_time_alone,
    names_another_day,
    names_any_day,
    names_any_weekday,
    parse_bare_name,
    parse_contact,
    says_which_number_first,
    with_days_ruled_out,
    without_a_backup,
)
from core.settings import clinic, now
from core.words import (
    CALLED_NOT_EMAILED,
    CANCELS_THE_REQUEST,
    COMPLAINT,
    JUST_CHECKING,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NO_CALL,
    NO_CHANGE_WANTED,
    PAUSE,
    RELATIVES,
    REMOVES,
    SESSION_HAD_IS,
    TO_THE_ASSISTANT,
    WAS_THE_SESSION_HAD,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    alternatives,
    edits,
    sentences,
)

_ANY_WEEKDAY_SAID = re.compile(
    r"\b(?:any|most|all|every)\s+(?:week\s*)?days?\b|\bweek\s*days\b|"
    # ("saturday morning is best, i work in week": play-test 128, "I couldn't work out a day")
    r"\b(?:in|during|through|thru)\s+(?:the\s+)?week\b(?!\s*(?:of|after|before|\d))",
    re.IGNORECASE,
)
# ("this saturday? mum doesnt work sats. like 11ish": play-test 222, Thursday put down) or short ("sats", "weds")
_A_WEEKDAY_HABIT = re.compile(rf"\b(?:(?:{alternatives(WEEKDAYS)})s|mons|weds|fris|sats|suns)\b", re.IGNORECASE)
# how long something is ("if it's 4-6 weeks apart"), beside the time wanted: no day
_A_DURATION = re.compile(
    r"\b\d+(?:\s*(?:-|–|to)\s*\d+)?\s*(?:weeks?|wks?|days?|months?|hours?|hrs?|mins?|minutes?|years?)\b", re.IGNORECASE
)
# the date of a session had, said beside the time wanted ("my first was 14th Nov, so maybe Tuesday 15th Dec in the
# morning?": play-test 76, "I couldn't work out a day from that"): read past
_A_SESSION_HADS_DATE = re.compile(
    rf"(?:{SESSION_HAD_IS})[^,.;!?]{{0,20}}|[^,.;!?]{{0,20}}?{WAS_THE_SESSION_HAD}", re.IGNORECASE
)

FORM_SLOTS = (
    "booking_name",
    "booking_contact",
    "booking_time",
    "booking_concern",
    "booking_consent",
    "booking_confirmed",
)
TYPED_SLOTS = FORM_SLOTS[:4]  # the details typed in words (the last two are yes/no questions)
PENDING_NOTE = "booking_note"  # a note given before the concern was asked, kept for it (with_note)
ALL_BOOKING_SLOTS = FORM_SLOTS + ("booking_time_text", "booking_failures", PENDING_NOTE)
MAX_FAILURES = 3
YES_NO = ("affirm", "deny")
CONTACT_ENTITIES = ("email", "phone")
ANSWERS = "answers"  # the entity of a yes/no button naming the form's question it answers
SUMMARY = "summary"  # the entity of a summary's "Yes, send it" naming the details it showed (`details_digest`)
SUMMARY_SLOTS = (
    "booking_name",
    "booking_contact",
    "booking_time",
    "booking_concern",
    "booking_under_18",
    "request_kind",
)
# a concern the guide does not cover ("melasma", "pigmentation"): still what the person wants looked at
UNKNOWN_CONCERN = "unknown_area"
CONCERN = "concern"  # the concern as the person put it (components/entities.py)
STOP_CANCELS = "stop_cancels"  # a stop right after a change at the summary cancels the request
CALL_BACK = "call_back"  # the request_kind of a call back (its button, or a yes to its offer when nobody can join)
CONSULTATION = "consultation"  # a request that is no call back (request_kind unset)
# "surname should be …", "my first name is …": a part of the name given before
PART_OF_A_NAME = re.compile(r"\b(?:(sur|last |family )name|(first) name)\b", re.IGNORECASE)


def value_before(tracker: Tracker, slot: Text, given: bool = False) -> Any:
    """The slot's value before the latest message (what a correction or a stale button press would replace);
    `given`: the latest value it was given, passing over a clearing ("Change time" cleared it), and over a value
    refused (typed, then cleared by the check in the same turn: "never mind" after "01632 960482" was refused kept
    the number refused, and it was sent, play-test 240)."""
    value = at_turn_start = None
    set_this_turn = False
    latest_user = max(
        (i for i, event in enumerate(tracker.events) if event.get("event") == "user"), default=len(tracker.events)
    )
    for event in tracker.events[:latest_user]:
        if event.get("event") == "user":
            at_turn_start, set_this_turn = value, False
        elif event.get("event") == "slot" and event.get("name") == slot:
            if event.get("value") is not None:
                value, set_this_turn = event.get("value"), True
            elif not given:
                value = None
            elif set_this_turn:  # refused
                value, set_this_turn = at_turn_start, False
        elif event.get("event") == "restart" or event.get("event") == "session_started":
            value = at_turn_start = None
    return value


def details_digest(tracker: Tracker) -> Text:
    """A short digest of the details a summary shows: its "Yes, send it" carries it (domain.yml), so that a press of
    an older summary's button, from before a change, sends nothing (play-test 35: an old "Yes, send it" sent the
    request, and the person could not tell with which time and number)."""
    shown = json.dumps([tracker.get_slot(slot) for slot in SUMMARY_SLOTS], default=str)
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:10]


WHAT_TO_CHANGE = "utter_booking_what_to_change"  # "What would you like to change?", with its own "Nothing, send it"


def asked_what_to_change_last(tracker: Tracker) -> bool:
    """Whether the assistant's last turn before the person's latest message asked what to change (its own response,
    or the summary's variation after a "no")."""
    return any(
        (event.get("event") == "bot" and (event.get("metadata") or {}).get("template") == WHAT_TO_CHANGE)
        or (event.get("event") == "slot" and event.get("name") == "summary_declined" and event.get("value") is True)
        for event in last_turn(tracker)
    )


def stale_summary_press(tracker: Tracker) -> bool:
    """Whether the latest message is the "Yes, send it" of a summary that showed other details than the form holds,
    or of one that was said to be wrong since ("no - REMOVE the mailbox email", then the earlier "Yes, send it" with
    "What would you like to change?" asked: found checking play-test 40, it sent the request as it was)."""
    shown = list(tracker.get_latest_entity_values(SUMMARY))
    return (
        tracker.get_slot("requested_slot") == "booking_confirmed"
        and list(tracker.get_latest_entity_values(ANSWERS)) == ["booking_confirmed"]
        and bool(shown)
        and (shown[0] != details_digest(tracker) or asked_what_to_change_last(tracker))
    )


def stale_press(tracker: Tracker) -> bool:
    """Whether the latest message is a yes/no button of another question than the form asks now: the form's own
    yes/no buttons name the question they answer (`answers` in their payload, domain.yml), and the summary's the
    details it showed."""
    message = tracker.latest_message
    if not (message.get("text") or "").startswith("/") or tracker.get_intent_of_latest_message(False) not in YES_NO:
        return False
    if tracker.get_slot("requested_slot") is None:
        return False  # the form asks nothing yet (it starts, or a stopped request is picked up by this press)
    answers = list(tracker.get_latest_entity_values(ANSWERS))
    return answers != [tracker.get_slot("requested_slot")] or stale_summary_press(tracker)


def _a_contact(words: Text) -> bool:
    """Whether the words are an email address or a phone number that can be used."""
    try:
        parse_contact(words, clinic().phone_region)
    except InvalidValue:
        return False
    return True


def both_contacts(tracker: Tracker) -> Optional[Text]:
    """Two or more contacts given together in the latest message (an email address and a phone number, or two
    numbers: "mobile 07911 … and work 0207 …", found by the sixteenth play-test), as one contact value; None when
    it gives fewer, or takes one out ("remove the gmail, just the phone")."""
    text = tracker.latest_message.get("text") or ""
    emails = list(dict.fromkeys(tracker.get_latest_entity_values("email")))
    phones = list(dict.fromkeys(tracker.get_latest_entity_values("phone")))
    if len(emails) + len(phones) < 2 or REMOVES.search(text):
        return None
    replaced = _one_replaced_one_added(tracker)
    if replaced:
        return replaced
    if not emails and (_REPLACES_A_NUMBER.search(text) or not _TWO_KEPT.search(text)):
        return None  # "it was 07911 …, now it's 07700 …": one number in place of the other
    joined = CONTACTS_JOINED.join((emails[:1] + phones)[:MAX_CONTACTS])
    # ("landline 020 7946 0123 or mobile 07700 900 234, mobile's better": play-test 223, the landline first)
    return contacts_in_order_asked(joined, text, clinic().phone_region) or joined


# two numbers in one message: both kept when joined as two ("mobile 07… and work 02…"), not when one replaces the other
_TWO_KEPT = re.compile(r"\b(?:and|or|plus|also|too|as well|both)\b|&|/", re.IGNORECASE)
# ("… 07700 900 812 (laura) and if not his landline is 020 7946 0588": a second number to try, play-test 43 kept the
# landline alone)
_REPLACES_A_NUMBER = re.compile(
    r"\b(?:(?<!\bif )(?<!\bor )not|instead|wrong|was|old|new|now|actually|change[ds]?|typo|sorry|meant)\b",
    re.IGNORECASE,
)


def _one_replaced_one_added(tracker: Tracker) -> Optional[Text]:
    """Two numbers, the first in place of the number given before and the second beside it ("thats the wrong number,
    its 07700 900 481 sorry. and can you put my wifes number too just in case, 07700 900 722": play-test 220, the wrong
    number kept and the wife's dropped): the two, as the contact; None otherwise."""
    text = tracker.latest_message.get("text") or ""
    phones = sorted(
        (e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "phone" and "start" in e),
        key=lambda e: e["start"],
    )
    if len(phones) != 2 or any(e.get("entity") == "email" for e in tracker.latest_message.get("entities") or []):
        return None
    first, second = phones
    if not _REPLACES_A_NUMBER.search(text[: second["start"]]) or not ADDS_A_CONTACT.search(
        text[first["end"] : second["start"]]
    ):
        return None
    return CONTACTS_JOINED.join(str(phone["value"]) for phone in phones)


def without_contacts(value: Any, tracker: Tracker) -> Any:
    """A name typed with a contact ("Tom Baker 07700 900456"): the words without the email address or phone
    number (their own mappings take them as the contact)."""
    if not isinstance(value, str):
        return value
    text = tracker.latest_message.get("text") or ""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") in CONTACT_ENTITIES and entity.get("start") is not None:
            value = value.replace(text[entity["start"] : entity["end"]], " ")
    return " ".join(value.split()).strip(" ,;-") or value


def gives_a_contact(tracker: Tracker) -> bool:
    """Whether the latest message gives an email address or a phone number (components/entities.py)."""
    return any(next(tracker.get_latest_entity_values(entity), None) for entity in CONTACT_ENTITIES)


def is_checked_time(value: Any) -> bool:
    """Whether a booking_time value is one the form stored after checking it (a window), not typed words."""
    try:
        PreferredTime.from_slot(str(value))
    except ValueError:
        return False
    return True


def typed(tracker: Tracker, entity: Text) -> Optional[Text]:
    """The words of the latest message an entity was found in (not the value it was mapped to)."""
    text = tracker.latest_message.get("text") or ""
    for found in tracker.latest_message.get("entities") or []:
        if found.get("entity") == entity and found.get("end") is not None:
            return text[found["start"] : found["end"]]
    return None


# the rest of a concern's clause: "dark circles| and crepey skin under my eyes", "scarring| from self harm on my arms"
_REST_OF_CLAUSE = re.compile(r"[^,;.!?\n]{0,80}")
# where a clause turns to something else than the concern ("… and i'm free friday", "… but can i …")
_TURN = re.compile(r"\s+(?:and|but|so|or)\s+(?:i|i'm|im|my|can|could|would|is|are|do)\b.*$", re.IGNORECASE)


def in_own_words(tracker: Tracker, entity: Text) -> Optional[Text]:
    """A concern named in the latest message, with the rest of its clause as the person wrote it ("dark circles
    and crepey skin under my eyes"), where the pattern alone would keep "dark circles"."""
    found = typed(tracker, entity)
    if not found:
        return None
    text = tracker.latest_message.get("text") or ""
    start = text.find(found)
    # a concern the guide does not name said first in the same clause ("for the stretch marks and the scar": play-test
    # 55 put down "scar") starts it
    earlier = [
        e["start"]
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == "unknown_area"
        and isinstance(e.get("start"), int)
        and e["start"] < start
        and not re.search(r"[,;.!?\n]", text[e["start"] : start])
    ]
    return _in_own_words(text, min(earlier + [start]), start + len(found))


def _in_own_words(text: Text, start: int, end: int) -> Text:
    """The words from `start` to the end of their clause, where the clause turns to nothing else."""
    rest = _REST_OF_CLAUSE.match(text, end)
    words = _LOOKED_AT.sub("", _TURN.sub("", text[start : rest.end() if rest else end])).strip()
    return words or text[start:end]


# "… forehead lines and crows feet looked at": what the person asks for, no part of the concern
_LOOKED_AT = re.compile(r"\s+(?:looked at|checked(?: out)?|seen to|seen|treated|done|sorted)\b.*$", re.IGNORECASE)


def concern_paused_on(tracker: Tracker) -> Optional[Text]:
    """The message a safety answer paused the booking on when the form asked for the concern: what the person wants
    the clinic to look at, kept when the request is taken up again (found by the fifteenth play-test: "small raised
    bumps… wanted a second opinion" got the urgent route, and the call back then asked for the concern twice)."""
    requested, paused_on, candidate, answered = None, None, None, False
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    for event in tracker.events[: users[-1]] if users else []:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif kind == "user":
            candidate, answered = (event.get("text") if requested == "booking_concern" else None), False
        elif kind == "action" and event.get("name") == "action_answer_question":
            answered = True  # the safety answer, which pauses the booking (data/rules/safety.yml)
        elif kind == "active_loop" and event.get("name") is None and candidate and answered:
            paused_on = candidate
        elif kind == "active_loop" and event.get("name"):
            paused_on = None
    return paused_on


def one_concern_named(tracker: Tracker) -> bool:
    """Whether the latest message that named a skin concern named one only: of several ("I've got acne scars and she's
    more interested in her fine lines": play-test 75, the request was for "fine lines", the wife's), the form asks."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        named = {
            str(entity.get("value")).lower()
            for entity in (event.get("parse_data") or {}).get("entities") or []
            if entity.get("entity") == "skin_concern"
        }
        if named:
            return len(named) == 1
    return True


# someone else named as the one a message is about ("my son is 17 and has quite bad acne scarring")
_SOMEONE_ELSE = re.compile(rf"\b(?:my|our|his|her)\s+(?:{alternatives(RELATIVES)})s?\b", re.IGNORECASE)


def concern_of_someone_else(tracker: Tracker) -> bool:
    """Whether the latest message that named a skin concern said it of someone else ("my son is 17 and has quite bad
    acne scarring on his cheeks", then "what about for me then? … open pores": play-test 182, the mother's own request
    put down as "acne scarring"): the form asks, rather than take it for the request's."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities") or []
        if any(entity.get("entity") == "skin_concern" for entity in entities):
            return bool(_SOMEONE_ELSE.search(event.get("text") or ""))
    return False


def concern_from_entities(skin_concern: Optional[Text], treatment_area: Optional[Text]) -> Optional[Text]:
    """A concern to prefill from what the person already mentioned, e.g. "acne scars (face)"."""
    if skin_concern and treatment_area:
        return f"{skin_concern} ({treatment_area})"
    return skin_concern or treatment_area


CHANGING = "changing_request"  # a request sent is being changed: its reference is request_reference

# the actions after which a request not sent is stopped (its details cleared), and the one that forgets them for good
STOPPING_ACTIONS = ("action_cancel_booking", "action_submit_booking")
FORGETTING_ACTIONS = ("action_delete_my_data",)
RESTORED_SLOTS = (
    "booking_name",
    "booking_contact",
    "booking_time",
    "booking_time_text",
    "booking_concern",
    "booking_consent",
    PENDING_NOTE,
)


def details_before_stop(tracker: Tracker) -> Dict[Text, Any]:
    """The details a request had when it was last stopped (cancelled, or consent declined), from the tracker's
    events; nothing after the person's data was deleted, or a restart."""
    values: Dict[Text, Any] = {}
    stopped: Dict[Text, Any] = {}
    for event in tracker.events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") in RESTORED_SLOTS and event.get("value") not in (None, False):
            # (a consent declined is no consent to put back: the form asks again)
            # the latest value given: one a "Change …" cleared before the stop comes back too
            values[event["name"]] = event.get("value")
        elif kind == "action" and event.get("name") in STOPPING_ACTIONS:
            stopped, values = dict(values), {}
        elif kind in ("restart", "session_started") or (kind == "action" and event.get("name") in FORGETTING_ACTIONS):
            values, stopped = {}, {}
    return {slot: value for slot, value in stopped.items() if value is not None}


# what a request sent had besides its details, put back to change it: its kind, and whom it is for (as last set
# before it was sent, not cleared by a stop)
SENT_ALSO = ("request_kind", UNDER_18, "booking_for_someone_else")


def details_when_sent(tracker: Tracker) -> Dict[Text, Dict[Text, Any]]:
    """The details each request sent in this conversation had when it was sent, or when a change to it was last
    sent, by reference, from the tracker's events: the slots' values as the send read them (a note merged into the
    concern before it is no pending note: play-test 122, it was put back twice); none from before the person's data
    was deleted, or a restart."""
    current: Dict[Text, Any] = {}
    at_send: Optional[Dict[Text, Any]] = None
    sent: Dict[Text, Dict[Text, Any]] = {}
    for event in tracker.events:
        kind, name = event.get("event"), event.get("name")
        if kind == "slot" and name in RESTORED_SLOTS + SENT_ALSO:
            current[name] = event.get("value")
        elif kind == "slot" and name == "request_reference" and at_send is not None and event.get("value"):
            sent[event["value"]] = at_send  # the submit's own events: the reference it stored, or changed
            at_send = None
        elif kind == "action" and name == "action_submit_booking":
            at_send = {slot: value for slot, value in current.items() if value is not None}
        elif kind in ("restart", "session_started") or (kind == "action" and name in FORGETTING_ACTIONS):
            current, at_send, sent = {}, None, {}
    return sent


# "put Thomas instead of Tom": the word of the name given before that the new one replaces
_INSTEAD_OF = re.compile(r"\b(?:instead of|rather than|not)\s+([^\W\d_][\w'’-]*)", re.IGNORECASE)


def with_name_part(new: Text, earlier: Optional[Text], tracker: Tracker) -> Text:
    """ "surname should be Osei-Bonsu", "put Thomas instead of Tom": that part of the name given before changes,
    the rest stays."""
    text = tracker.latest_message.get("text") or ""
    instead = _INSTEAD_OF.search(text)
    if earlier and instead and len(new.split()) == 1:
        words = earlier.split()
        replaced = [new if word.lower() == instead.group(1).lower() else word for word in words]
        if replaced != words:
            return " ".join(replaced)
    part = PART_OF_A_NAME.search(text)
    if earlier and not part and len(earlier.split()) >= 2 and len(new.split()) == 1:
        # "its Leigh" for "Hannah Lee", "Thomas" for "Tom Baker": the word it respells, the rest kept (found by
        # the tenth play-test: the first name was lost)
        words = earlier.split()
        like = [index for index in (len(words) - 1, 0) if words[index][:2].lower() == new[:2].lower()]
        if like:
            words[like[0]] = new
            return " ".join(words)
    if earlier and part and not part.group(2) and len(earlier.split()) == 1 and len(new.split()) == 1:
        # "add my surname, Sharma" to "Priya": the surname after the name given (twenty-first play-test)
        return new if new.lower() == earlier.lower() else f"{earlier} {new}"
    if not (earlier and part and len(earlier.split()) >= 2 and len(new.split()) == 1):
        return new
    words = earlier.split()
    return " ".join([new] + words[1:] if part.group(2) else words[:-1] + [new])


# a contact given in place of the one before ("use my work number … instead", "rather than the mobile")
# (said of the contact: "make it tuesday instead, and also add my email" still adds the email)
_INSTEAD_OF_A_CONTACT = re.compile(
    r"\b(?:number|phone|mobile|landline|e-?mail|contact)\b[^.,;!?]{0,40}\binstead\b|"
    r"\b(?:in place of|rather than|instead of|replace)\s+(?:my|the)\s+(?:\w+\s+)?(?:number|phone|mobile|e-?mail)\b|"
    r"\bnot the (?:mobile|other|old)\b|"
    # ("change the time to saturday 12th at 11am and the email to tom.whitaker@…, the other one is my old work one":
    # play-test 44, added beside the old one)
    r"\bchange\b[^.;!?]{0,40}\b(?:e-?mail|number|phone|mobile|contact)\s+to\b|"
    r"\b(?:other|old|previous) (?:one|e-?mail|number|address)\s+(?:is|was)\s+(?:my\s+)?(?:old|previous|wrong|work)\b|"
    # ("the email should be amelia.zhang@inbox.example not mailbox": play-test 40, added beside the wrong one)
    r"\b(?:e-?mail|number|phone|mobile|contact)\s+(?:should be|should say|needs to be|is meant to be|must be)\b"
    r"[^;!?]{0,80}?\bnot\b",
    re.IGNORECASE,
)


def with_contact_added(new: Text, earlier: Optional[Text], tracker: Tracker) -> Text:
    """ "also add my number": the new contact beside the one given before, not instead of it. With both kinds
    given before, a new email replaces the email and keeps the phone, and the other way round ("wrong email,
    it's …"); two new contacts replace both."""
    asked_again = _asked_again_to_add(tracker) or _number_after_an_email_for_a_call_back(new, earlier, tracker)
    if not earlier and asked_again:
        # "add my mobile too, it's 087 …" refused (no country code), then "+353 87 …" alone: still added beside the
        # contact given before, which the refusal cleared (found by the fourteenth play-test: the email was lost)
        earlier = value_before(tracker, "booking_contact", given=True)
    if not earlier or contact_kind(new) == "both" or _one_replaced_one_added(tracker):
        return new
    text = tracker.latest_message.get("text") or ""
    # ("also use my work number … instead": play-test 37, the "also" of the message kept the mobile beside it)
    adds = asked_again or (bool(ADDS_A_CONTACT.search(text)) and not _INSTEAD_OF_A_CONTACT.search(text))
    replaced = None if adds else contact_replaced(earlier, new, text, clinic().phone_region)
    if replaced:
        return replaced  # one of several numbers corrected, the others kept
    if contact_kind(earlier) == "both" or adds:
        return added_contact(earlier, new, same_kind_too=adds)
    if (
        tracker.get_slot("request_kind") == CALL_BACK
        and contact_kind(new) == "email"
        and contact_kind(earlier) == "phone"
    ):
        # "actually can you email me instead, jo.b@…" at a call back's summary (play-test 155: the number was dropped,
        # and the clinic was to call an email address): a call back is a phone call, so the number stays beside it
        return added_contact(earlier, new)
    return new


def _number_after_an_email_for_a_call_back(new: Text, earlier: Optional[Text], tracker: Tracker) -> bool:
    """A number given for a call back after an email, which a call back cannot use alone: the email is kept beside it
    (found by the fifteenth play-test: the email was dropped, then asked for back)."""
    if earlier or tracker.get_slot("request_kind") != CALL_BACK or contact_kind(new) != "phone":
        return False
    given = value_before(tracker, "booking_contact", given=True)
    return bool(given) and contact_kind(given) == "email"


def _asked_again_to_add(tracker: Tracker) -> bool:
    """Whether the contact is asked for again after a message that asked to add one ("add my mobile too")."""
    if tracker.get_slot("requested_slot") != "booking_contact":
        return False
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return len(said) >= 2 and bool(ADDS_A_CONTACT.search(said[-2]))


def as_changed(slot: Text, new: Text, earlier: Optional[Text], tracker: Tracker) -> Text:
    """A new name or contact read against the one given before: a part of the name ("surname should be …"), a
    contact beside the other ("also add my number …"); a concern with the earlier one's notes; any other as it is."""
    if slot == "booking_name":
        return with_name_part(new, earlier, tracker)
    if slot == "booking_contact":
        return with_contact_added(new, earlier, tracker)
    if slot == "booking_concern":
        added = _added_to(new, earlier, tracker.latest_message.get("text") or "")
        return with_the_note_kept(added or new, earlier) or added or new
    return new


# a concern added to, not replaced ("add to the concern: might be pregnant", "change my concern to include my neck":
# play-tests 140 and 143, the concern given before was lost)
_ADDS_TO_THE_CONCERN = re.compile(
    r"\badd\s+(?:it\s+|this\s+|that\s+)?(?:to|onto|on to|into)\s+(?:the|my|his|her)\s+concern\b|"
    r"\bconcern\s+(?:to\s+)?(?:also\s+)?(?:include|add)\b",
    re.IGNORECASE,
)
_ADDING_WORDS = re.compile(
    r"^\s*(?:to\s+)?(?:also\s+)?(?:include|including|add|adding|plus|also)\b\s*:?\s*", re.IGNORECASE
)


def _added_to(new: Text, earlier: Optional[Text], text: Text) -> Optional[Text]:
    """The concern given before with what a message adds to it, when it says it adds; None otherwise."""
    base = _NOTES.sub("", earlier or "").strip()
    if not base or not (_ADDS_TO_THE_CONCERN.search(text) or _ADDING_WORDS.match(new)):
        return None
    added = _ADDING_WORDS.sub("", new).strip(" .,")
    if not added or added.lower() in base.lower():
        return None
    return f"{base}, and {added}"


# the notes for the clinic kept with a concern (with_note)
_NOTES = re.compile(
    r"\s*\(note for the clinic: (?P<beside>.*)\)\s*$|^\s*Note for the clinic: (?P<alone>.*)$", re.IGNORECASE | re.DOTALL
)


def with_the_note_kept(new: Optional[Text], earlier: Optional[Text]) -> Optional[Text]:
    """A new concern with the notes for the clinic that the one it replaces had (found by play-test 24: "Change
    concern" wiped "i'd prefer a female practitioner" without a word), or the notes alone when it was skipped; as it is
    when it has notes of its own."""
    notes = _NOTES.search(earlier or "")
    if new is None or not notes or "note for the clinic" in new.lower():
        return new
    return with_note(new or None, notes.group("beside") or notes.group("alone"))


def clear_booking() -> List[Dict[Text, Any]]:
    """Forget every booking detail, and the concern and area mentioned in the chat."""
    return [
        SlotSet(slot, None)
        for slot in ALL_BOOKING_SLOTS
        + ("skin_concern", "treatment_area", UNDER_18, FOR_SOMEONE_ELSE_SLOT, COMPLAINT_SLOT, REPORT_SLOT)
    ]


REPORTS_JOINED = 4  # how many reports in a row, at most, make what a request after them is about


def reports_before(tracker: Tracker, last: int) -> Optional[Text]:
    """The person's messages that reported something (a triage level), in a row up to the event `last`, in their own
    words without the questions asked with them ("…, is that normal?", "can it wait till monday?"), joined."""
    reports: List[Text] = []
    for event in reversed(tracker.events[: last + 1]):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        if text.startswith("/") or not ((event.get("parse_data") or {}).get("triage") or {}).get("level"):
            break
        said = []
        for sentence in (text[start:end].strip() for start, end in sentences(text)):
            if sentence.endswith("?"):
                sentence = sentence.rsplit(",", 1)[0].strip() if "," in sentence else ""
            if sentence:
                said.append(sentence.rstrip(",;"))
        if said:
            reports.insert(0, " ".join(said))
        if len(reports) >= REPORTS_JOINED:
            break
    return "; ".join(reports) or None


def said_minor(event: Dict[Text, Any]) -> bool:
    """A user message that says the person to be seen is under 18 (components/triage.py `stated_minor`)."""
    return event.get("event") == "user" and bool(((event.get("parse_data") or {}).get("triage") or {}).get("minor"))


# the details a message before the request may have given, and the entities that carry them
_SAID_BEFORE = {slot: EDITABLE[slot] for slot in ("booking_name", "booking_contact")}
_LOOKED_BACK = 6  # how many messages back a name or contact given is still taken


# the answers whose messages name an area as where something was, not as what to look at
_NOT_WHAT_TO_LOOK_AT = {"faq/suitability", "faq/side_effects", "faq/warning_signs", "faq/safety", "faq/complication"}


def said_just_before(tracker: Tracker) -> Dict[Text, Any]:
    """The name, contact and concern given before the message that starts the request, checked ("i am Agnieszka
    Nowak, i want a consultation" answered with an offer, then its button; "Im Gary, 07456 789012" read as a question,
    then "no i just want a call back"): the name and contact of the latest messages that gave one (found by
    play-tests 24 and 26: each was asked for again), the concern and the day and time of the message just before
    (a time only when it gave a name or contact too). Only since the last request was made, stopped or sent."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if len(users) < 2 or not tracker.latest_message.get("text"):
        return {}
    found: Dict[Text, Any] = {}
    for number, (before, after) in enumerate(zip(reversed(users[:-1]), reversed(users[1:]), strict=True)):
        between = tracker.events[before:after]
        if (
            number >= _LOOKED_BACK
            or any(event.get("event") == "active_loop" and event.get("name") for event in between)
            or any(
                event.get("event") == "action" and event.get("name") in STOPPING_ACTIONS + FORGETTING_ACTIONS
                for event in between
            )
        ):
            break
        message = tracker.events[before].get("parse_data") or {}
        entities = message.get("entities") or []
        values = {e.get("entity"): e.get("value") for e in entities if e.get("value")}
        given = {}
        for slot, carriers in _SAID_BEFORE.items():
            value = next((values[entity] for entity in carriers if entity in values), None)
            if value and slot not in found:
                try:
                    given.update(checked_value(slot, value))
                except InvalidValue:
                    continue
        found.update(given)
        if number:
            continue
        # the message just before: its day and time beside a name or contact, and what it named of the skin
        if given and values.get("time"):
            try:
                found.update(checked_value("booking_time", values["time"]))
            except InvalidValue:
                pass
        text = tracker.events[before].get("text") or ""
        # (an area named beside a condition or a past reaction, "hives on my arms" in a message answered as
        # suitability, is where that was, not what to look at: play-test 40 put down "Concern: arms")
        answered = (((message.get("response_selector") or {}).get("faq") or {}).get("response") or {}).get(
            "intent_response_key"
        )
        kinds = [kind for kind in CONCERN_KINDS if kind != "treatment_area" or answered not in _NOT_WHAT_TO_LOOK_AT]
        named = sorted((e["start"], e["end"]) for e in entities if e.get("entity") in kinds and e.get("end"))
        concern = values.get(CONCERN) or (_in_own_words(text, *named[0]) if named else None)
        given = tracker.get_slot("booking_concern")  # a request paused by a safety answer, picked up again
        if (message.get("triage") or {}).get("level") and text and not text.startswith("/"):
            # what happened, given a safety answer: all of it, in the person's words, for the clinic to read ("yellow
            # crusty bits on my chin…" became "chin and it feels hot…", play-test 28), beside what the paused request
            # said of it (play-test 29: the concern was replaced by the latest message); each report in a row before
            # it too, without the questions asked with them (play-test 52: "and i think i have a temperature, 38.2.
            # can it wait till monday?" alone, the heat and the spreading redness said before it nowhere)
            text = reports_before(tracker, before) or text
            # (never the same report twice: "…more swollen round my eye" held, then it and the next report in a row,
            # play-test 208, the first said twice)
            held = given if given and given.lower() not in text.lower() else None
            concern = text if not held else held if text.lower() in held.lower() else f"{held}; {text}"
        elif given:
            concern = None  # the paused request's concern stands
        if concern:
            found["booking_concern"] = concern
    return found


# words owning up to a slip around a name said again ("dev patel sorry", "oops its dev patel")
_A_SLIP = re.compile(r"\b(?:sorry|soz|oops|whoops|i mean|it'?s|its|my bad)\b", re.IGNORECASE)


def surname_added(tracker: Tracker, earlier: Optional[Text] = None) -> Dict[Text, Any]:
    """At the contact prompt, after a one-word name (`earlier`, the slot's value unless given), a message that is that
    name with a surname ("tom hale") or a surname alone ("Hale"), with no contact and nothing asked: the whole name."""
    earlier = str((tracker.get_slot("booking_name") if earlier is None else earlier) or "")
    text = (tracker.latest_message.get("text") or "").strip()
    if tracker.get_slot("requested_slot") != "booking_contact" or len(earlier.split()) != 1 or "?" in text:
        return {}
    if gives_a_contact(tracker):
        # "dev patel sorry. 07700 900 318" (play-test 55: the contact taken, the surname lost): the words before it
        starts = [
            e["start"]
            for e in tracker.latest_message.get("entities") or []
            if e.get("entity") in ("phone", "email") and isinstance(e.get("start"), int)
        ]
        text = _A_SLIP.sub(" ", text[: min(starts)]).strip(" .,;:-") if starts else ""
    words = text.split()
    if len(words) == 2 and words[0].lower() == earlier.lower():
        said = text
    elif len(words) == 1 and text[:1].isupper() and text.lower() != earlier.lower():
        said = f"{earlier} {text}"
    else:
        return {}
    try:
        return {"booking_name": parse_bare_name(said)}
    except InvalidValue:
        return {}


# what a message whose name no mapping takes may open with ("ugh ok. Jo Kowalski": play-test 220, the name asked for
# again with no word, twice): a yes, a thanks, a sigh; the name is a clause after it
# ("oh sorry thats my number lol. Amira Hadad": play-test 223, a correction read)
_SAID_BEFORE_A_NAME = ("affirm", "deny", "thank", "greet", "unsure", "nlu_fallback", "correct_booking")


def name_after_a_yes(tracker: Tracker) -> Dict[Text, Any]:
    """At the name prompt, a name said in a clause of its own after a yes or a sigh ("ugh ok. Jo Kowalski"), which the
    form's mappings leave (a yes is no name), and nothing asked: the name."""
    text = (tracker.latest_message.get("text") or "").strip()
    intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
    if (
        tracker.get_slot("requested_slot") != "booking_name"
        or intent not in _SAID_BEFORE_A_NAME
        or "?" in text
        or not re.search(r"[.!,;:-]\s*\S", text)
        or any(entity.get("entity") == "person" for entity in tracker.latest_message.get("entities") or [])
    ):
        return {}
    try:
        return {"booking_name": parse_bare_name(text)}
    except InvalidValue:
        return {}


# a yes to keeping the details, in words ("yes u can keep my details", "I'll say yes then", "happy for you to keep
# them")
_CONSENT_SAID = re.compile(
    r"\b(?:you|u|the clinic|they)\s+(?:can|may)\s+(?:keep|store|hold|save|have)\s+(?:my|the|them|these|those|it)\b|"
    r"\b(?:i'?ll|ill|i will|i'?d better|i guess i'?ll|i suppose i'?ll)\s+(?:just\s+)?(?:say|press|click|tap|go with)\s+"
    r"['\"]?yes\b|"
    r"\bhappy\s+for\s+(?:you|u|the clinic|them)\s+to\s+(?:keep|store|hold|have)\b|"
    r"\b(?:yes|yeah|yep)\b[^.?!]{0,12}\b(?:fine|ok|okay|happy)\s+(?:for\s+(?:you|u|them)\s+)?to\s+(?:keep|store)\b|"
    # (not agreeing to come, or asked about: "Before I agree, could you tell me who will see my details": play-test 259,
    # taken as the consent, and the question never answered)
    r"(?<!\bbefore )(?<!\bif )(?<!\buntil )(?<!\bunless )(?<!\bwhen )(?<!\bonce )(?<!\bwhether )(?<!\bnot )(?<!n't )"
    r"(?<!\bnever )(?<!\bdo )(?<!\bshould )(?<!\bcan )(?<!\bmust )(?<!\bwhy )"
    r"\bi\s+(?:agree|consent)\b(?!\s+(?:with|that|to\s+(?:nothing|none)))",
    re.IGNORECASE,
)


# the treatment itself asked to be booked, not a consultation
_THE_TREATMENT_ASKED = re.compile(
    r"\b(?:treatment|session|microneedling|procedure)\b[^.!?]{0,20}\b(?:not|rather than|instead of|without|"
    r"skip(?:ping)?)\s+(?:a\s+|the\s+)?consult\w*|"
    r"\b(?:skip|without|no\s+need\s+for|don'?t\s+need|dont\s+need|do\s+not\s+need)\s+(?:a\s+|the\s+)?consult\w*|"
    r"\bstraight\s+(?:to|in\s+for|into)\s+(?:the\s+|a\s+)?(?:treatment|session|microneedling)\b|"
    r"\bjust\s+(?:book\s+)?(?:the|a)\s+(?:treatment|session)\b",
    re.IGNORECASE,
)


class ActionStartBooking(Action):
    """Answers any question asked with the request, says what is about to happen and prefills the concern;
    the form takes over (and checks any detail already given)."""

    def name(self) -> Text:
        return START_BOOKING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if late_deletion_press(tracker):  # an older "Yes, delete my data", not a yes to the consultation offered
            return set_aside(dispatcher)
        if calling_111_in_an_emergency(tracker):
            # "ok calling 111 now. can u still send the call back thing tho" after "Please call 999 now" (play-test 208:
            # the request picked up, with no word of 999): 999, not 111, first; then the request
            dispatcher.utter_message(response="utter_emergency_not_111")
        continues = any(tracker.get_latest_entity_values("continues"))
        paused = any(value_before(tracker, slot) is not None for slot in TYPED_SLOTS)
        if not continues and not paused and not tracker.get_slot("request_stopped"):
            # "sorry dear my phone rang, where were we?" in the walk-through, read as a request (play-test 202: a
            # booking began): the walk-through's step
            walked = back_in_the_walkthrough(dispatcher, tracker)
            if walked is not None:
                return walked + [FollowupAction("action_listen")]
        if (
            not continues
            and not paused
            and tracker.get_slot("request_sent")
            and WHEN_CONTACTED_SAID.search(tracker.latest_message.get("text") or "")
        ):
            # "lovely thanks. will someone ring me tomorrow then?" once the request is sent (play-test 221: a second
            # request, a call back, began): the request sent, and when the clinic will be in touch
            return [FollowupAction("action_say_request_reference")]
        if details_alone_in_an_emergency(tracker):
            # "i mean what cream did the clinic put on her face. her name is Sarah Clarke, she was in at 2" after
            # "Please call 999 now" (play-test 233: a consultation's request began, and "What's her contact?" while the
            # ambulance was at the door): the emergency's thread answers it
            return [FollowupAction("action_answer_question")]
        if call_back_offered_in_an_emergency(tracker):
            # "can you message the clinic and get them to ring the ambulance people with what they used?" in the
            # emergency's thread (play-test 222: the call back's form, then "When would suit you for the call?";
            # play-test 239: the privacy notice first, and "What's your name?"): a call back is no way to reach the
            # clinic now,
            # said, and offered for later, before any question beside it; a yes to it begins the request
            # (data/rules/faq.yml)
            return [FollowupAction("action_answer_question")]
        if continues and not paused and tracker.get_slot("request_sent") and not tracker.get_slot("request_stopped"):
            # an older "Continue my request" pressed once the request was sent: nothing is left to continue, and
            # nothing new starts (found by play-test 24: a new request began, asking for the name)
            dispatcher.utter_message(response="utter_nothing_to_continue")
            return [FollowupAction("action_listen")]
        # "does it hurt? I'd like to book for Saturday": each question answered first, as any answer is (a follow-up
        # with no answer before it names nothing: browser play-test 4 found "On that, this is what the guide says:"
        # followed by nothing)
        answered = [
            topic
            for topic in question_keys(tracker)
            if response_name(topic) in domain.get("responses", {})
            and (topic not in FOLLOW_UPS or tracker.get_slot("last_topic"))
        ]
        before = len(dispatcher.messages)
        said = say_answers(dispatcher, tracker, domain, answered, pause=False) if answered else []
        said = without_offer(said)
        for message in dispatcher.messages[before:]:
            # (the request's own questions follow: "Book a consultation" and "Talk to the clinic" under an answer said
            # as it begins mean nothing then, play-test 256)
            message["buttons"] = []
        said_now = {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities") or []}
        if (tracker.latest_message.get("triage") or {}).get("under_age") or (
            # ... or said earlier in the chat ("im 16 tho", then the booking's button: play-test 69, the request began
            # with no word of the parent or guardian)
            not paused and any(said_minor(event) for event in tracker.events[:-1])
        ):  # "I'm 16, can I book?" (components/triage.py)
            dispatcher.utter_message(response="utter_booking_age_policy")
        elif (
            "suitability_factor" in said_now
            and SUITABILITY not in answered
            # (not a medicine those called said to take: "the man say is not emergency, i go to pharmacy and take tablet
            # for allergy … they can call me?", play-test 113, "Whether microneedling is right for you …")
            and not (tracker.latest_message.get("triage") or {}).get("help_had")
        ):  # "I'm 45 and diabetic, can I book?"
            dispatcher.utter_message(response="utter_booking_suitability_note")
        # (paused: a booking paused by a safety answer, with details given before this message, not the ones it gives)
        call_back = (
            said_now.get("request_kind") == CALL_BACK  # its button, or asked for in words
            or (tracker.get_slot("offer") == CALL_BACK and tracker.get_intent_of_latest_message(False) == "affirm")
            # "can you tell the clinic so they know on monday?" after the urgent route (play-test 83: a consultation,
            # and "I dont want a consultation" three times): what happened, for the clinic to call about
            or (
                tracker.get_slot("last_topic") in SAFETY_ROUTES
                and bool(TELL_THE_CLINIC.search(tracker.latest_message.get("text") or ""))
            )
        )
        # a call back asked for in a safety answer's thread is about what happened, not a concern named before it ("i
        # have acne scars from teenager time", then a swollen lip, then "they can call me?": play-test 113, "Concern:
        # scars")
        # (or after the advice had for it: "the paramedics … said it's a mild reaction", then "can you arrange for the
        # clinic to ring her tomorrow?", play-test 114, what the call is about asked again)
        after_a_report = call_back and tracker.get_slot("last_topic") in (*SAFETY_ROUTES, HELP_HAD)
        # "can someone call me back tomorrow" right after reporting pus and a fever: the route comes first
        ended = say_the_route_first(dispatcher, tracker, domain)
        # a call back asked for after a request was stopped: a call back stopped is picked up whole; a consultation
        # stopped lends its name and contact (found by the tenth play-test: the call back started from nothing)
        picked_up = self._stopped_details(tracker) if call_back else {}
        started = "utter_call_back_start" if call_back else "utter_booking_start"
        picked = paused or (picked_up and tracker.get_slot("request_kind") == CALL_BACK)
        if tracker.latest_message.get(ASKS_IF_FREE) and not picked:
            # "is monday 7th at 1pm available?": the diary can't be seen, so the time is requested (play-test 42)
            dispatcher.utter_message(response="utter_booking_diary_not_seen")
        if not call_back and not picked and _THE_TREATMENT_ASKED.search(tracker.latest_message.get("text") or ""):
            # "can i book in for tomorrow then? like a treatment not a consultation, i know what i want" (play-test 246:
            # a consultation's request began with no word why)
            dispatcher.utter_message(response="utter_booking_consultation_first")
        dispatcher.utter_message(response="utter_booking_picked_up" if picked else started)
        # the concern in the person's own words where a list of details gives it ("…, fine lines, dark circles")
        # (a paused request's concern stands: "acne scars", named earlier, replaced "acne scars on my forehead (not
        # cheeks)" when the request was picked up, play-test 69)
        keeps_its_concern = paused and bool(tracker.get_slot("booking_concern"))
        concern = said_now.get(CONCERN) or (
            None
            if keeps_its_concern
            else (concern_paused_on(tracker) if paused else None)
            # a call back after a complaint is about the complaint (play-test 43: "Concern: scars", and the refund and
            # the manager asked for were nowhere)
            or (complaint_said(tracker) if call_back else None)
            or (report_said(tracker) if after_a_report else None)
            or (None if after_a_report else in_own_words(tracker, "skin_concern"))
            # an area alone named, in its clause ("I'd like my forehead lines and crows feet looked at": found by
            # play-test 25, "forehead")
            or (
                in_own_words(tracker, "treatment_area")
                if not typed(tracker, UNKNOWN_CONCERN) and not tracker.get_slot("skin_concern") and not after_a_report
                else None
            )
            or concern_from_entities(
                said_now.get("skin_concern")
                or typed(tracker, UNKNOWN_CONCERN)
                or (
                    tracker.get_slot("skin_concern")
                    if one_concern_named(tracker) and not after_a_report and not concern_of_someone_else(tracker)
                    else None
                ),
                said_now.get("treatment_area"),
            )
        )
        # a request stopped before is left behind (it is picked up only by asking to book right after, data/rules)
        restarted = [SlotSet("request_stopped", False)] if tracker.get_slot("request_stopped") else []
        # what is requested: a call back, or a consultation (a request made before may have been a call back)
        kind = (
            [SlotSet("request_kind", CALL_BACK if call_back else None)]
            if call_back or tracker.get_slot("request_kind")
            else []
        )
        in_words = not (tracker.latest_message.get("text") or "").startswith("/")
        if paused and not call_back and not (in_words and kind_asked_for(tracker) == CONSULTATION):
            # a call back paused by a safety answer and picked up ("continue my request", its button): still a call
            # back (found by checking the eighteenth play-test's fixes: it became a consultation)
            kind = []
        offered = [SlotSet("offer", None)] if tracker.get_slot("offer") else []  # taken up: a yes answers the form
        # "my daughter is 16" said now or earlier in the conversation: the request says so to the clinic
        # (not when the request is said to be for an adult, themselves: "I might book in for myself" after "my daughter
        # is 16", play-test 78)
        minor = (
            [SlotSet(UNDER_18, True)]
            if any(said_minor(event) for event in tracker.events)
            and not any(tracker.get_latest_entity_values("age_group"))
            else []
        )
        kept = [SlotSet(slot, value) for slot, value in picked_up.items()]
        # what the message before this one gave, where this one and what was picked up give nothing for it
        given_now = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
        earlier = {
            slot: value
            for slot, value in said_just_before(tracker).items()
            if slot not in picked_up
            and not (set(_SAID_BEFORE.get(slot, ())) & given_now)
            and not (slot.startswith("booking_time") and "time" in given_now)
            and not (slot == "booking_concern" and concern)
        }
        kept += [SlotSet(slot, value) for slot, value in earlier.items()]
        # a note given with the request ("…, stretch marks. please note she is breastfeeding": play-test 49, dropped):
        # beside the concern, or kept until the concern is given
        note = said_now.get(NOTE)
        booked_for = _BOOKED_FOR_A_RELATIVE.search(tracker.latest_message.get("text") or "")
        if booked_for:
            # "id like to book a consultation for my wife": who is booking is no one the clinic would otherwise know
            # of, and the contact given may be theirs (play-tests 49, 50 and 51: the clinic would ring the patient on
            # the partner's number, asking for the patient)
            who = (booked_for.group("who") or booked_for.group("who2")).lower()
            booked = f"{BOOKED_BY_SOMEONE}, for their {who}; {CONTACT_MAY_BE_THEIRS}"
            note = f"{note}; {booked}" if note else booked
            # the name asked is theirs, and the contact is not asked of them by their name (found by the review of
            # play-test 51: "What's your name?", then "How can the clinic reach you, Joan Price?" to her son)
            kind = kind + [SlotSet(FOR_SOMEONE_ELSE_SLOT, True)]
        elif _FOR_SOMEONE_ELSE.search(tracker.latest_message.get("text") or ""):
            # ("can you tell the clinic what has happened so they know tomorrow? Her name is Margaret Hill", after the
            # emergency answer for his partner: play-test 231, "Which phone number should the clinic call, Margaret
            # Hill?" to him)
            kind = kind + [SlotSet(FOR_SOMEONE_ELSE_SLOT, True)]
        noted = note_events(tracker, note, concern) if note else []  # beside the concern, or kept for it
        concern_set = [SlotSet("booking_concern", concern)] if concern and not noted else []
        named = [SlotSet("booking_name", name) for name in [name_listed_in_lower_case(tracker)] if name]
        return ended + said + restarted + kind + offered + minor + kept + concern_set + noted + named

    @staticmethod
    def _stopped_details(tracker: Tracker) -> Dict[Text, Any]:
        """The details of a request stopped before this call back: all of them when it was a call back, its name
        and contact when it was a consultation (its time was a time to come in, not to be called)."""
        if not tracker.get_slot("request_stopped"):
            return {}
        earlier = details_before_stop(tracker)
        if tracker.get_slot("request_kind") == CALL_BACK:
            return earlier
        return {slot: value for slot, value in earlier.items() if slot in ("booking_name", "booking_contact")}


def asked_again_by_the_change(tracker: Tracker, slot: Text) -> bool:
    """Whether the latest change cleared `slot` to ask it again ("Change time", "the time is wrong"), rather than
    being made with its value and the form then asking something else."""
    changes = [i for i, event in enumerate(tracker.events) if event.get("name") == "action_change_booking_detail"]
    if not changes:
        return True  # no change to go by: as before, the detail asked is kept
    return any(
        event.get("event") == "slot" and event.get("name") == slot and event.get("value") is None
        for event in tracker.events[changes[-1] :]
    )


def _changed_the_turn_before(tracker: Tracker) -> bool:
    """Whether a change of a detail was made in reply to the message before the latest one."""
    return any(event.get("name") == "action_change_booking_detail" for event in last_turn(tracker))


# the whole change to a request sent given up, not one detail of it ("leave the request as it was", "forget it")
_THE_REQUEST_CANCELLED = re.compile(CANCELS_THE_REQUEST, re.IGNORECASE)
_THE_WHOLE_CHANGE = re.compile(
    r"\b(?:leave|keep)\s+(?:the\s+|my\s+)?(?:request|booking|it all|everything|it as it was sent)\b|"
    r"\bforget (?:it|the change|that|about it)\b|\bas it was sent\b|\bdon'?t (?:change|send) (?:it|anything)\b|"
    r"\bno change\b|" + NO_CHANGE_WANTED + "|" + JUST_CHECKING,
    # ("No no, I don't want to change anything, it's fine as it is", "i dont want to change anything i was just checking
    # lol": play-test 130, "didn't catch that", and only the button got out)
    re.IGNORECASE,
)


def sent_request_cancelled(tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """ "cancel my request" while a request sent is being changed (play-test 155: the change went on, and its summary
    was shown): the change given up, and cancelling the request sent asked about next; None otherwise."""
    if not tracker.get_slot(CHANGING) or not _THE_REQUEST_CANCELLED.search(tracker.latest_message.get("text") or ""):
        return None
    return clear_booking() + [SlotSet(CHANGING, False), FollowupAction("action_cancel_sent_request")]


# a full name said first, in capitals, before a comma or the end ("Harold Pritchard, Harry is fine")
_A_FULL_NAME_FIRST = re.compile(
    r"^\s*(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2})\s*(?:[,.;]|$)", re.UNICODE
)


class ActionKeepDetail(Action):
    """ "Never mind, keep it as it was" when the form asks for a detail again (after "Change …"): the detail as
    it was; when it had none, the form simply asks again. Right after a change made at the summary (nothing asked
    again), a stop is for the whole request: `stop_cancels`, which the rules follow (data/rules/booking.yml)."""

    def name(self) -> Text:
        return "action_keep_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        slot = tracker.get_slot("requested_slot")
        cancelled = sent_request_cancelled(tracker)
        if cancelled:
            return cancelled + [SlotSet("requested_slot", None), ActiveLoop(None)]
        if tracker.get_slot(CHANGING) and _THE_WHOLE_CHANGE.search(tracker.latest_message.get("text") or ""):
            # "forget it, leave the request as it was" while a request sent is being changed (play-test 123: the form
            # asked for a day three times): the change is given up, and the request stands as it was sent
            dispatcher.utter_message(response="utter_booking_change_dropped")
            return (
                clear_booking()
                + [SlotSet(CHANGING, False), SlotSet("requested_slot", None), ActiveLoop(None)]
                + [FollowupAction("action_listen")]
            )
        if slot not in TYPED_SLOTS:
            if slot == "booking_confirmed" and _changes_a_detail(tracker):
                # "actually sorry, 11 not 10", "no, id rather come in after all" at the summary: a change, not a
                # never mind (found by play-test 24: the summary was shown again, unchanged, with no word)
                from actions.booking_summary import ActionChangeBookingDetail  # it imports this module

                return await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
            # nothing asked again: the change was made and the summary shown, so a stop now means the request
            # (found by the ninth play-test: "cancel" right after a correction showed the summary again)
            return [SlotSet(STOP_CANCELS, True)]
        if ON_HOLD.search(tracker.latest_message.get("text") or ""):
            # "hang on, don't send anything yet … back in a bit" when "Change contact" asked for it again (play-test 40:
            # the summary again, nothing said): the detail as it was, and the request put on hold
            kept = value_before(tracker, slot, given=True)
            return ([SlotSet(slot, kept)] if kept is not None else []) + [SlotSet(STOP_CANCELS, True)]
        stop = tracker.get_intent_of_latest_message(skip_fallback_intent=False) == "stop"
        # (nor once what was given for it has been refused, and "or type 'cancel'" said: "cancel" after three times
        # too far ahead, play-test 199, the day she had objected to put back and the time asked for again)
        refused = slot in (tracker.get_slot("booking_failures") or {})
        if (
            not asked_again_by_the_change(tracker, slot)
            or (stop and not _changed_the_turn_before(tracker))
            or (stop and refused)
        ):
            # the change was made in words, and the form has moved on to ask another detail ("actually lunchtime
            # works better" when the concern is asked, then "cancel": play-test 35, the concern was asked again);
            # or another message came between the change and the stop ("cancel" after a time that could not be read:
            # play-test 44, the words kept as the time, and the concern asked)
            return [SlotSet(STOP_CANCELS, True)]
        kept = value_before(tracker, slot, given=True)
        if slot == "booking_time" and kept is not None and not is_checked_time(kept):
            kept = None  # (words that were never a time the form took are nothing to keep)
        named = _A_FULL_NAME_FIRST.match(tracker.latest_message.get("text") or "")
        if slot == "booking_name" and kept is None and named:
            # "Harold Pritchard, Harry is fine" when the name is asked (play-test 248: read as "never mind", and the
            # name asked for again): the name, for the form to check
            return [SlotSet(slot, named.group("name")), SlotSet(STOP_CANCELS, False)]
        return ([SlotSet(slot, kept)] if kept is not None else []) + [SlotSet(STOP_CANCELS, False)]


# the entities that carry a new value for a booking detail
_NEW_VALUES = tuple(entity for carriers in EDITABLE.values() for entity in carriers)


def _changes_a_detail(tracker: Tracker) -> bool:
    """Whether the latest message gives a new value for a detail, or asks for the other kind of request."""
    if ON_HOLD.search(tracker.latest_message.get("text") or ""):
        # "actually dont send yet, let me check with my partner about childcare that evening": a pause, whatever time
        # it names (play-test 39: the time was changed to that evening's opening hours)
        return False
    entities = tracker.latest_message.get("entities") or []
    return any(entity.get("entity") in _NEW_VALUES for entity in entities) or switch_asked_for(tracker) is not None


# "I'd rather come in and see someone", "a consultation instead", "not a call back": a consultation asked for
_WANTS_A_CONSULTATION = re.compile(
    r"\b(?:consult\w*|come in|coming in|in person|see (?:someone|somebody|a person)|appointment|visit)\b", re.IGNORECASE
)
# "I don't want a phone call", "not a call back": a call back said not to be wanted
_NO_CALL = re.compile(NO_CALL, re.IGNORECASE)
# contact by email and nothing else ("i only want email contact", "email only please")
_BY_EMAIL_ONLY = re.compile(
    r"\b(?:only|just)\s+(?:want\s+|like\s+)?(?:to\s+be\s+contacted\s+)?(?:by\s+|via\s+)?e-?mail(?!\s+(?:address|me\b))"
    r"|\be-?mail\s+only\b",
    re.IGNORECASE,
)
_CALLED_NOT_EMAILED = re.compile(CALLED_NOT_EMAILED, re.IGNORECASE)
# a message wanted instead of a call ("i dont want a call, i want an email", "a text not a call": play-tests 154 and
# 155, made a consultation nobody asked for): how to be reached, which a call back cannot promise
_A_MESSAGE_WANTED = re.compile(r"\b(?:e-?mail|text|txt|texted|message|whatsapp|sms)\b(?!\s+address)", re.IGNORECASE)


def a_message_instead_of_a_call(text: Text) -> bool:
    """Whether the message asks for an email or a text instead of a call, and for no consultation."""
    return bool(_NO_CALL.search(text) and _A_MESSAGE_WANTED.search(text) and not _A_CONSULTATION_NAMED.search(text))


def message_wanted_events(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[Dict[Text, Any]]]:
    """For a call back, an email or a text asked for instead of the call: kept as a note for the clinic, and said what a
    call back is and how to write to the clinic instead; None otherwise."""
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("request_kind") != CALL_BACK or not a_message_instead_of_a_call(text):
        return None
    said = next((text[start:end] for start, end in sentences(text) if _A_MESSAGE_WANTED.search(text[start:end])), text)
    kept = f"{tracker.get_slot('booking_concern') or ''} {tracker.get_slot(PENDING_NOTE) or ''}"
    if said.strip(" .,;:-\n") in kept:
        return None  # said already this turn (ActionBookInsideTheForm, then the form)
    by_email = re.search(r"\be-?mail\b", said, re.IGNORECASE)
    dispatcher.utter_message(response="utter_call_back_by_email" if by_email else "utter_call_back_by_text")
    if any(tracker.get_latest_entity_values(NOTE)):
        return []  # kept as its note already
    return note_events(tracker, said, tracker.get_slot("booking_concern"))


# "I want a consultation instead", "change it from a call back to a consultation" (found by the fifteenth play-test:
# "it still says call back" read as a call back asked for); not "a call back instead of a consultation"
_SWITCH_TO_CONSULTATION = re.compile(
    r"\b(?:to|into|as|be) (?:a |an )?(?:proper )?(?:consultation|in[- ]person (?:visit|appointment))\b|"
    # (not a clause of its own after it: "a call back … about the consultation, i'd rather talk to a real person first",
    # play-test 42, was made a consultation)
    r"\bconsultation\b[^.?!,]{0,20}(?<!\bi'd )(?<!\bid )(?<!\bi would )\b(?:instead|rather|proper)\b(?! of)|"
    # "actually scrap the call, just book me straight in for a consultation" (found by the twenty-first play-test:
    # the name beside it changed, the kind did not)
    r"\b(?:book|put) me (?:straight |right )?in for (?:a |an )?consultation\b|"
    # "it still says call back?? i want a CONSULTATION" (play-test 49: made a call back)
    r"\bi (?:still |only |just )?(?:want|wanted|need|asked for|said) (?:a |an |the )?(?:proper )?consultation\b"
    r"(?![^.?!]{0,30}\b(?:but|first|later)\b)|"
    r"\b(?:scrap|forget|ditch|drop|skip)\s+(?:the\s+)?(?:phone\s+)?call\b[^.?!]{0,60}\bconsultation\b|"
    # "id rather come in after all", "can i come in instead" (found by play-test 24: the call back stayed)
    # (not "rather than come in for a consultation could someone just phone me?": play-test 190, made a consultation)
    r"\b(?:rather|prefer(?: to)?)\b(?!\s+than\b)[^.?!]{0,15}\b(?:come|coming) in\b|"
    r"\b(?:come|coming) in\b[^.?!]{0,15}\b(?:instead|after all)\b",
    re.IGNORECASE,
)
# whom to call, said ("ring me rather than him", "call me not my dad")
_WHOM_TO_CALL = re.compile(
    r"\b(?:call|ring|phone|contact|text)\s+me\b[^.?!]{0,15}\b(?:rather than|instead of|not)\s+"
    rf"(?:him|her|them|(?:my|his|her|our)\s+(?:{alternatives(RELATIVES)})|{alternatives(RELATIVES)})\b",
    re.IGNORECASE,
)
# the request called off ("cancel.", "stop it"), with no consultation named to become
_CANCELLED = re.compile(
    r"\b(?:cancel|stop|scrap)\b(?:\s+(?:it|this|that|the request|the whole thing))?\s*(?:[.!]|$)", re.IGNORECASE
)
_A_CONSULTATION_NAMED = re.compile(r"\b(?:consultation|appointment|come in|coming in)\b", re.IGNORECASE)
# words that ask for the other kind than the request's, with a kind named
_SWITCH = re.compile(r"\b(?:instead|rather|switch|change it|make it|swap|prefer)\b", re.IGNORECASE)
# "no i want a CALL BACK not a consultation yet. name is Hannah Okafor" (play-test 42: the name was taken, the call
# back not)
# (not "No the appointment is saturday morning … the 6pm is for when they PHONE me", which says what the appointment is:
# play-test 101, made a call back)
_NO_CONSULTATION = re.compile(
    r"\b(?:not|no|don'?t want|do not want)\s+(?:a\s+|an\s+|the\s+|any\s+)?(?:consultation|appointment)\b"
    r"(?!\s+(?:is|was|'s|should|will|would|needs?|has|must)\b)",
    re.IGNORECASE,
)


# a call back wanted, said plainly ("i want a CALL BACK on monday about the infection", "i just want them to know and
# call me monday" beside "i dont want a consultation": play-test 83, the consultation's questions three times)
_WANTS_IT = re.compile(r"\b(?:want|wanted|need|needed|would like|'d like|id like|rather have|just)\b", re.IGNORECASE)
_CALL_ME = re.compile(r"\b(?:call|ring|phone)\s+(?:me|us)\b(?!\s+on\b)", re.IGNORECASE)


# the clinic to be told of something ("can you tell the clinic so they know on monday?", "let them know")
def _how_to_be_reached(text: Text) -> bool:
    """Whether the message says the person would rather be phoned than emailed, and asks for no other kind of
    request ("id rather they call me than email")."""
    return bool(_CALLED_NOT_EMAILED.search(text)) and not _NO_CONSULTATION.search(text)


def switch_asked_for(tracker: Tracker) -> Optional[Text]:
    """The kind a message beside a change of detail asks the request to become, said plainly ("a call back first
    might be better, can someone ring me instead, same time"), or None (found by the fourteenth and fifteenth
    play-tests: the switch in a message that changed the time too was dropped)."""
    text = tracker.latest_message.get("text") or ""
    if _WHOM_TO_CALL.search(text):
        # "ring me rather than him", of a consultation for her father (play-test 100: made a call back, twice): whom the
        # clinic calls, not what kind of request
        return None
    if _BY_EMAIL_ONLY.search(text) and not _NO_CALL.search(text):
        # "will they ring me or just email? i only want email contact" (play-test 147: made a call back, and the email
        # dropped): how to be reached, not a call
        return None
    if a_message_instead_of_a_call(text):
        return None  # (message_wanted_events)
    if _CANCELLED.search(text) and not _A_CONSULTATION_NAMED.search(text):
        # "NO i said i dont want a call back. cancel. i want to know about a refund" (play-test 96: made a consultation
        # request): no request at all
        return None
    if _NO_CALL.search(text) or _SWITCH_TO_CONSULTATION.search(text):
        return CONSULTATION
    call_back = any(value == CALL_BACK for value in tracker.get_latest_entity_values("request_kind"))
    if _how_to_be_reached(text):
        return None  # "id rather they call me than email": how to be reached (actions/booking_summary.py)
    if _NO_CONSULTATION.search(text) and _CALL_ME.search(text):
        return CALL_BACK
    return (
        CALL_BACK
        if call_back and (_SWITCH.search(text) or _NO_CONSULTATION.search(text) or _WANTS_IT.search(text))
        else None
    )


def switched_to(
    wanted: Optional[Text], dispatcher: CollectingDispatcher, tracker: Tracker
) -> Optional[List[Dict[Text, Any]]]:
    """The request made the kind asked for, keeping what was said (a call back needs a phone number, so an email
    alone is asked again as one), and said so; None when it is that kind already or none was asked for."""
    current = CALL_BACK if tracker.get_slot("request_kind") == CALL_BACK else CONSULTATION
    if wanted is None or wanted == current:
        return None
    if wanted == CALL_BACK:
        dispatcher.utter_message(response="utter_request_now_a_call_back")
        contact = tracker.get_slot("booking_contact")
        no_number = [SlotSet("booking_contact", None)] if contact and contact_kind(contact) == "email" else []
        return [SlotSet("request_kind", CALL_BACK), SlotSet("booking_confirmed", None)] + no_number
    dispatcher.utter_message(response="utter_request_now_a_consultation")
    return [SlotSet("request_kind", None), SlotSet("booking_confirmed", None)]


def kind_asked_for(tracker: Tracker) -> Optional[Text]:
    """The kind of request the latest message asks for while one is being made: CALL_BACK, CONSULTATION, or None
    when it asks for none in particular (an older "Book a consultation" button, "I want to book")."""
    text = tracker.latest_message.get("text") or ""
    call_back = any(value == CALL_BACK for value in tracker.get_latest_entity_values("request_kind"))
    if text.startswith("/"):  # a button: the call-back button, or "Book a consultation" (twelfth play-test)
        return CALL_BACK if call_back else CONSULTATION
    if a_message_instead_of_a_call(text):
        return None  # (message_wanted_events)
    if _NO_CALL.search(text) or _SWITCH_TO_CONSULTATION.search(text):
        return CONSULTATION
    if call_back and not _how_to_be_reached(text):
        return CALL_BACK
    return CONSULTATION if _WANTS_A_CONSULTATION.search(text) else None


ASKS_IF_FREE = "asks_if_free"  # the message asks whether a time is free (components/booking_request.py)
NOTE = "note"  # a note for the clinic, added to what the request is about (components/entities.py)


def with_note(concern: Optional[Text], note: Text) -> Text:
    """What the request is about, with a note for the clinic after it ("fine lines (note for the clinic: I'm his
    daughter, contact me not him)"): the clinic reads both where it reads the concern."""
    note = note.strip(" .,;:-\n")
    if concern:
        # the same note said again, or said again more fully ("tell them mornings are best", then "write on it that
        # mornings are best to ring me": play-test 247, both kept): once, in its fuller words
        for said in ONE_NOTE.finditer(concern):
            if said.group("said") is None:
                continue  # (the note for the clinic alone, with no concern before it)
            if note.lower() in said.group("said").lower():
                return concern
            if said.group("said").lower() in note.lower():
                return concern[: said.start("said")] + note + concern[said.end("said") :]
    return f"{concern} (note for the clinic: {note})" if concern else f"Note for the clinic: {note}"


_CONCERN_ASKED = ("booking_concern", "booking_consent", "booking_confirmed")  # the form's questions from the concern on


def said_before_the_note(tracker: Tracker) -> Optional[Text]:
    """At the concern prompt, the sentences said before a note ("acne scars on his cheeks and jaw. PLEASE NOTE the
    phone number is his wife Claire's": play-test 31, the note became the concern and the scars were lost)."""
    if tracker.get_slot("requested_slot") != "booking_concern":
        return None
    text = tracker.latest_message.get("text") or ""
    start = note_start(tracker)
    if start is None:
        return None
    ends = [found.end() for found in re.finditer(r"[.!?;\n]+", text[:start])]
    before = text[: ends[-1]].strip(" .!?;\n") if ends else ""
    return before if len(before.split()) >= 2 else None


# the clause that says something of someone's health: from the last sentence or clause start before it to the next
_CLAUSE_BREAK = re.compile(
    r"[.!?;\n]+|,\s*(?=(?:and|but|also|oh|so|does|do|is|will|can|would|should|could|what|how)\b)|\s-\s"
)


def note_said(tracker: Tracker, events: List[Dict[Text, Any]]) -> Optional[Text]:
    """A note for the clinic given during a request and not yet in it ("…, wednesday afternoon, and please note im
    breastfeeding" at the name prompt: play-test 52, dropped), or the words of a medicine, a pregnancy or a condition
    (the NLU's `suitability_factor`) said outside a note, which the request does not hold yet."""
    message = tracker.latest_message
    text = message.get("text") or ""
    entities = message.get("entities") or []
    held = " ".join(
        str(value or "")
        for value in [tracker.get_slot("booking_concern"), tracker.get_slot(PENDING_NOTE)]
        + [event.get("value") for event in events if event.get("name") in ("booking_concern", PENDING_NOTE)]
    ).lower()
    if text.startswith("/") or any(e.get("entity") == "concern" for e in entities):
        return None
    notes = [str(e.get("value") or "") for e in entities if e.get("entity") == NOTE]
    if notes:
        return "; ".join(note for note in notes if note.strip(" .,;:-").lower() not in held) or None
    clauses = []
    for entity in entities:
        if entity.get("entity") != "suitability_factor" or "start" not in entity:
            continue
        if str(entity.get("value") or "").lower() in held or text[entity["start"] : entity["end"]].lower() in held:
            continue
        starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, entity["start"])]
        start = starts[-1] if starts else 0
        end_at = _CLAUSE_BREAK.search(text, entity["end"])
        if end_at and end_at.group(0).startswith("?"):
            continue  # asked about, not said ("did you get the warfarin thing?")
        clause = text[start : end_at.start() if end_at else len(text)].strip(" ,.;:-")
        clause = re.sub(r"^(?:(?:oh|and|also|but|btw|so)\b\W*)+", "", clause, flags=re.IGNORECASE).strip()
        if clause and clause not in clauses:
            clauses.append(clause)
    return "; ".join(clauses) or None


def _concern_now(tracker: Tracker, events: List[Dict[Text, Any]]) -> Optional[Text]:
    """The concern as this turn leaves it: set by its events, else as it was."""
    set_now = [event.get("value") for event in events if event.get("name") == "booking_concern"]
    return set_now[-1] if set_now else tracker.get_slot("booking_concern")


def _notes_joined(earlier: Text, note: Text) -> Text:
    """Two notes as one, a note said again with more in it once ("write I prefer 20 september if possible", then
    "please write: I prefer 20 september if possible, I am in Poland in summer": play-test 231, both written)."""
    earlier, note = earlier.strip(" .,;:-\n"), note.strip(" .,;:-\n")
    if earlier.lower() in note.lower():
        return note
    if note.lower() in earlier.lower():
        return earlier
    return f"{earlier}; {note}"


def note_events(tracker: Tracker, note: Text, concern: Optional[Text]) -> List[Dict[Text, Any]]:
    """A note for the clinic added: beside the concern; before the concern is asked for, kept until it is given
    (found by checking play-test 23's fixes: the note became the concern, which was then never asked). A note of which
    number comes first ("mobile first please, thats the one I answer": play-test 223) puts them in that order
    instead."""
    if says_which_number_first(note):
        contact = tracker.get_slot("booking_contact") or ""
        reordered = contacts_in_order_asked(contact, note, clinic().phone_region)
        return [SlotSet("booking_contact", reordered)] if reordered else []
    concern = concern or said_before_the_note(tracker)
    if not concern and tracker.get_slot("requested_slot") not in (
        "booking_concern",
        "booking_consent",
        "booking_confirmed",
    ):
        pending = tracker.get_slot(PENDING_NOTE)
        return [SlotSet(PENDING_NOTE, _notes_joined(pending, note) if pending else note.strip(" .,;:-\n"))]
    pending = tracker.get_slot(PENDING_NOTE)
    if pending:
        # a note given before the concern was asked, with the concern's own ("text me … but dont call during work" with
        # the contact, then "… and pls note im nervous about needles": play-test 75, the first never reached the clinic)
        return [
            SlotSet("booking_concern", with_note(concern, _notes_joined(pending, note))),
            SlotSet(PENDING_NOTE, None),
        ]
    return [SlotSet("booking_concern", with_note(concern, note))]


def _a_name_said_first(tracker: Tracker) -> Optional[Tuple[Text, Text]]:
    """The name, as the first sentence of a message sent when the form asks for it, and the words after it; None
    otherwise."""
    text = tracker.latest_message.get("text") or ""
    spans = sentences(text)
    if tracker.get_slot("requested_slot") != "booking_name" or len(spans) < 2:
        return None
    first = text[spans[0][0] : spans[0][1]].strip(" .!")
    if not 1 < len(first.split()) <= 3:
        return None
    try:
        name = parse_bare_name(first)
    except InvalidValue:
        return None
    rest = re.sub(r"^\W*(?:and|also|oh|but)\b\W*", "", text[spans[0][1] :], flags=re.IGNORECASE).strip()
    return name, rest


class ActionBookInsideTheForm(Action):
    """Asked to book while a request is being made: nothing starts again. Asked for the other kind (a call back
    instead of a consultation, or the other way round), the request becomes that kind, keeping what was said; a call
    back needs a phone number, so an email alone is asked again as one (found by the eleventh play-test: "We're
    already requesting your consultation" to someone asking for a call back, even for the call-back button)."""

    def name(self) -> Text:
        return "action_book_inside_the_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        note = next(tracker.get_latest_entity_values(NOTE), None)
        if note:
            # "Please add a note that I would like to see Sarah if possible" read as a request to book: the note is
            # kept beside the concern, and the summary shown again (browser play-test 4: "We're already requesting
            # your consultation", and no note)
            return note_events(tracker, note, tracker.get_slot("booking_concern")) + [
                SlotSet("booking_confirmed", None)
            ]
        text = tracker.latest_message.get("text") or ""
        another = _ANOTHER_REQUEST.search(text)
        if another:
            # "acne scars and some sun damage. also my wife might want to come too, can she book in the same slot?" at
            # the concern prompt (play-test 52: "We're already requesting your consultation", and the concern lost):
            # one request at a time, and what was said for this one before it is taken
            dispatcher.utter_message(response="utter_booking_one_at_a_time")
            before = text[: another.start()].strip(" .,;-")
            before = re.sub(r"\W*\b(?:also|and|oh|plus)\W*$", "", before, flags=re.IGNORECASE).strip(" .,;-")
            named = any(
                e.get("entity") in CONCERN_KINDS and (e.get("end") or 0) <= another.start()
                for e in tracker.latest_message.get("entities") or []
            )
            if tracker.get_slot("requested_slot") == "booking_concern" and before and named:
                return [SlotSet("booking_concern", before)]
            return []
        name_first = _a_name_said_first(tracker)
        if name_first:
            # "Mark Hollis. and i want the MANAGER to call me not just whoever" when the name is asked (play-test 154:
            # "We're already asking the clinic to call you back", and the name asked for again): the name, and what
            # was said after it a note for the clinic
            name, rest = name_first
            return [SlotSet("booking_name", name)] + (
                note_events(tracker, rest, tracker.get_slot("booking_concern")) if rest else []
            )
        switched = switched_to(kind_asked_for(tracker), dispatcher, tracker)
        wanted = message_wanted_events(dispatcher, tracker) if switched is None else None
        if wanted is not None:
            return wanted + [SlotSet("booking_confirmed", None)]
        if switched is None:
            dispatcher.utter_message(response="utter_booking_already_started")
            return []
        return switched


class ActionRestoreBooking(Action):
    """Asked to book after a request was stopped: the details it had are put back, and the form asks what is
    missing (the consent, when it was declined) or shows the summary, where any of them can be changed."""

    def name(self) -> Text:
        return "action_restore_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if late_deletion_press(tracker):  # an older "Yes, delete my data", not a yes to picking the request up
            return set_aside(dispatcher)
        dispatcher.utter_message(response="utter_booking_picked_up")
        restored = details_before_stop(tracker)
        if tracker.get_intent_of_latest_message(False) == "affirm":
            # a yes right after declining consent ("ok, you may keep my details", or its old "Yes, I agree"):
            # the consent
            restored["booking_consent"] = True
        return [SlotSet("request_stopped", False)] + [SlotSet(slot, value) for slot, value in restored.items()]


FOR_SOMEONE_ELSE_SLOT = "booking_for_someone_else"  # the request was made for a relative: domain.yml asks of them
# a request made for a relative ("book a consultation for my wife", "can i book my mum in")
_BOOKED_FOR_A_RELATIVE = re.compile(
    rf"\b(?:book\w*|consultation|appointment|call ?back|request)\b[^.?!]{{0,30}}\bfor (?:my|our) "
    rf"(?P<who>{alternatives(RELATIVES)})\b|\bbook (?:my|our) (?P<who2>{alternatives(RELATIVES)}) in\b",
    re.IGNORECASE,
)
# a request for someone else ("for my son", "his name is …"), and the person booking saying who they are
_FOR_SOMEONE_ELSE = re.compile(
    rf"\b(?:for|is) (?:my|our) (?:{alternatives(RELATIVES)})\b|\b(?:his|her|their) name(?:'s| is)\b", re.IGNORECASE
)
# (at the start, or as a clause of its own: "my phone better… I am Lucía, his wife", found by the thirteenth play-test)
_INTRODUCES_ONESELF = re.compile(
    r"(?:^\W*(?:(?:hi|hello|hey)\W+)?|[.,;!?…]\s*|\b(?:and|but)\s+)(?:i'?m|i am|im|this is|it'?s me)\b", re.IGNORECASE
)
# the person booking for someone else saying who they are, with their name: "Im Tom", "I'm her son David", "I'm Grace,
# his wife", "my name is Tom Jones"
_BOOKER_NAMED = re.compile(
    # ("No I'm Ray, her partner. Margaret is the one who had it done": play-test 231, Ray was called Margaret)
    r"(?:(?:^\W*(?:(?:hi|hello|hey|no|nope|sorry|actually|oh|ok|okay)\W+)*|[.,;!?…]\s*|\b(?:and|but)\s+)"
    r"(?:i'?m|i am|im|this is|my name is|my name'?s)\s+"
    rf"(?:(?:his|her|their)\s+(?:{alternatives(RELATIVES)})\s*,?\s*)?"
    # ("hers as the patient and mine (Priya Shah) as the one to ring": play-test 128, dropped twice)
    r"|\b(?:mine|my name|me)\s*\(\s*)"
    # (a name as a name is typed, capitalised: "im not sure", "I'm calling for my mum" name no one)
    r"(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?)",
    re.IGNORECASE,
)
# the note a request made for a relative has (ActionStartBooking), and its words the booker's name then fills in
BOOKED_BY_SOMEONE = "booked by someone else"
CONTACT_MAY_BE_THEIRS = "the contact given may be theirs"


def booker_named(text: Text, patient: Optional[Text]) -> Optional[Text]:
    """The name the person booking gives as theirs ("her name is Sarah Jones. Im Tom, please call me"), not the name
    of the person to be seen; None when the message gives none."""
    seen = {word.lower() for word in (patient or "").split()}
    for match in _BOOKER_NAMED.finditer(text):
        try:
            name = parse_bare_name(match.group("name"))
        except InvalidValue:
            continue
        if name.split()[0].lower() not in seen:
            return name
    return None


def _plain(word: Text) -> Text:
    """A word without its accents, in lower case ("Siobhán" is "siobhan")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


_CORRECTS_A_SPELLING = re.compile(
    r"\b(?:sorry|spelt|spelled|spelling|typo|accent|not|correct(?:ion)?|actually|should be)\b", re.IGNORECASE
)


def name_respelt(tracker: Tracker) -> Optional[Tuple[Text, Tuple[int, int]]]:
    """The name given, with a part of it spelt again, when a message at another of the form's questions gives it
    ("fine lines round my eyes and forehead. oh and sorry its Siobhán with the accent on the a, not Siobhan" at the
    concern prompt: play-test 131, the name kept as it was and the sentence made part of the concern); with the span
    of the sentence that says so. None when the message respells no part of the name."""
    name = tracker.get_slot("booking_name") or ""
    text = tracker.latest_message.get("text") or ""
    given = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "person"]
    if not name or len(given) != 1 or given[0].get("start") is None:
        return None
    parts, new = name.split(), str(given[0]["value"]).split()
    if len(new) != 1 or new[0] in parts:
        return None
    sentence = next((span for span in sentences(text) if span[0] <= given[0]["start"] < span[1]), (0, len(text)))
    # a letter changed only when the sentence says it corrects ("my sister Ann might come" names Ann, not "Ana")
    corrects = bool(_CORRECTS_A_SPELLING.search(text[sentence[0] : sentence[1]]))
    alike = [
        index
        for index, part in enumerate(parts)
        if _plain(part) == _plain(new[0])
        or (corrects and part[:1].lower() == new[0][:1].lower() and edits(_plain(part), _plain(new[0])) <= 1)
    ]
    if len(alike) != 1:
        return None
    parts[alike[0]] = new[0]
    return " ".join(parts), sentence


def _restored_this_turn(tracker: Tracker) -> bool:
    """Whether a stopped request was picked up (ActionRestoreBooking) after the latest message."""
    return since_the_latest_message(
        tracker, lambda event: event.get("event") == "action" and event.get("name") == "action_restore_booking"
    )


def booker_named_at_the_summary(tracker: Tracker) -> bool:
    """ "can you put my name on it too so they know who to ask for, im Priya" at the summary of a request for someone
    else: the person booking named, for the note, which is no question (play-tests 127 and 128: the patient's name
    replaced, or the suitability answer, and the name dropped)."""
    if tracker.active_loop.get("name") != "booking_form" or tracker.get_slot("requested_slot") != "booking_confirmed":
        return False
    triage = tracker.latest_message.get("triage") or {}
    return not (triage.get("level") or triage.get("signs")) and bool(booker_note_events(tracker, []))


def booker_note_events(tracker: Tracker, events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """In a request made for someone else, the person booking named ("her name is Sarah Jones. Im Tom, please call
    me on …"): their name for the clinic, in the request's note that it was booked by someone else, or as a note of
    its own (play-tests 118, 120 and 121: the clinic would ring the number asking for the patient, or the name said
    last became the patient's)."""
    said = " ".join(event.get("text") or "" for event in tracker.events if event.get("event") == "user")
    if not (tracker.get_slot(FOR_SOMEONE_ELSE_SLOT) or _FOR_SOMEONE_ELSE.search(said)):
        return []
    now = {event["name"]: event.get("value") for event in events if event.get("event") == "slot"}
    patient = now.get("booking_name") or tracker.get_slot("booking_name")
    booker = booker_named(tracker.latest_message.get("text") or "", patient)
    if not booker:
        return []
    for slot in ("booking_concern", PENDING_NOTE):
        value = now[slot] if slot in now else tracker.get_slot(slot)
        if isinstance(value, str) and f"booked by {booker}" in value:
            return []  # said already
        first = re.search(rf"booked by ({re.escape(booker.split()[0])})\b(?! {re.escape(booker)})", value or "")
        if isinstance(value, str) and first:
            # the full name given after the first name ("im Priya", then "mine (Priya Shah) as the one to ring":
            # play-test 128)
            return [
                SlotSet(
                    slot,
                    value.replace(f"booked by {first.group(1)}", f"booked by {booker}").replace(
                        f"may be {first.group(1)}'s", f"may be {booker}'s"
                    ),
                )
            ]
        if isinstance(value, str) and BOOKED_BY_SOMEONE in value:
            named = value.replace(BOOKED_BY_SOMEONE, f"booked by {booker}").replace(
                CONTACT_MAY_BE_THEIRS, f"the contact given may be {booker}'s"
            )
            return [SlotSet(slot, named)]
    # (the concern as it is when none is set now: play-test 128, "mine (Priya Shah) as the one to ring" at the summary
    # made the note the whole concern)
    concern = now["booking_concern"] if "booking_concern" in now else tracker.get_slot("booking_concern")
    return note_events(tracker, f"booked by {booker} {_BOOKED_FOR_SOMEONE}", concern)


# words that ask for a request of the clinic: a booking, a consultation, a call
_ASKS_FOR_A_REQUEST = re.compile(
    r"\b(?:book\w*|consult\w*|appointments?|appts?|call\s*back|ring\s+(?:me|us|him|her)|call\s+(?:me|us|him|her)|"
    r"phone\s+(?:me|us|him|her)|come\s+in|request|tell\s+the\s+clinic|let\s+the\s+clinic\s+know)\b",
    re.IGNORECASE,
)


# the route doubted, as a bother to those it names ("will the 111 people think I'm wasting their time?", "but really
# should I bother 111?")
_ROUTE_DOUBTED = re.compile(
    r"\bwast(?:e|ing)\s+(?:their|anyone'?s|anybodys?|people'?s|the\s+nhs'?s?|111'?s?|your|the\s+clinic'?s)\s+time\b|"
    r"\b(?:should|do|must)\s+i\s+(?:really\s+|actually\s+|even\s+|still\s+)?(?:bother|need\s+to\s+bother)\s+"
    r"(?:with\s+)?(?:111|nhs|them|the\s+clinic|anyone|ringing|calling)\b",
    re.IGNORECASE,
)


def details_alone_in_an_emergency(tracker: Tracker) -> bool:
    """Whether a request would start in the emergency's thread from details said alone (a name, a time), with no word
    asking for one: what is said there is for the emergency."""
    text = tracker.latest_message.get("text") or ""
    said = tracker.latest_message.get("triage") or {}
    return (
        tracker.get_slot("last_topic") == SAFETY_ROUTES[0]
        and not text.startswith("/")
        and not any(said.get(flag) for flag in ("help_had", "judged", "over"))
        and not any(tracker.get_latest_entity_values("request_kind"))
        and not _ASKS_FOR_A_REQUEST.search(text)
    )


_BOOKED_FOR_SOMEONE = "for the person to be seen"


def whom_the_booker_named_is_about(tracker: Tracker, name: Any) -> Dict[Text, Any]:
    """The name changed to that of the person booking for someone else, the name before it kept in the note as whom the
    request is about ("The name is wrong. It should say Ray calling about Margaret Hill": play-test 231, the name of
    the partner who had had the treatment was dropped)."""
    before = value_before(tracker, "booking_name", given=True)
    if not isinstance(name, str) or not isinstance(before, str) or name.lower() == before.lower():
        return {}
    for slot in ("booking_concern", PENDING_NOTE):
        value = tracker.get_slot(slot)
        booked = f"booked by {name} {_BOOKED_FOR_SOMEONE}"
        if isinstance(value, str) and booked.lower() in value.lower():
            at = value.lower().find(booked.lower())
            return {slot: value[:at] + f"booked by {name} for {before}" + value[at + len(booked) :]}
    return {}


# "his wife", "her mum": the person booking saying whose relative they are
# ("Lily's mum, Karen Chen, taking over": play-test 33, the mother became the patient)
_SAYS_WHO_THEY_ARE = re.compile(rf"\b(?:his|her|their|[a-z]+'s) (?:{alternatives(RELATIVES)})\b", re.IGNORECASE)
# "then can I book one for my friend Ana too", "another one for my sister": a second request, for someone else
_ANOTHER_REQUEST = re.compile(
    rf"\b(?:book|booking|one|another|consultation|appointment|request)\b[^.?!]{{0,30}}\bfor (?:my|our) "
    rf"(?:{alternatives(RELATIVES)})\b[^.?!]{{0,30}}\b(?:too|as well|also)\b|\b(?:another|a second|second) "
    r"(?:one|booking|consultation|appointment|request)\b|"
    # "my friend Amy wants to come too, can you book her in? amy@…" (found by the fifteenth play-test: Amy's email
    # replaced the person's own)
    # ("my wife might want to come too, can she book in the same slot?": play-test 52, the concern given with it lost)
    rf"\b(?:my|our) (?:{alternatives(RELATIVES)})\b[^.?!]{{0,40}}\b(?:(?:might|may|could) )?"
    r"(?:wants?|would like|'d like|needs?) "
    r"(?:to (?:come|book|have it|get it)|one|an? (?:appointment|consultation))\b[^.?!]{0,30}\b(?:too|as well|also)\b|"
    r"\bbook (?:her|him|them) in (?:too|as well|also|with me|at the same time)\b|"
    # ("no i mean can you book my wife in as well? her name is Sarah Hughes": play-test 191, her name on his request)
    rf"\b(?:book|put) (?:my|our) (?:{alternatives(RELATIVES)}) (?:in|down)\b[^.?!]{{0,20}}\b(?:too|as well|also)\b|"
    rf"\b(?:can|could) (?:my|our) (?:{alternatives(RELATIVES)}) (?:have|book|get|come for) (?:one|it|an? \w+)\b"
    r"[^.?!]{0,20}\b(?:too|as well|also)\b",
    re.IGNORECASE,
)


# (not the concern's: what is said of this one's concern beside it is kept, ActionBookInsideTheForm)
_AFTER_THE_NAME = ("booking_contact", "booking_time", "booking_consent", "booking_confirmed")


def someone_else_too(tracker: Tracker) -> bool:
    """ "send mine, then can I book one for my friend Ana too" at the summary: another request for someone else, not
    a change of this one's name or contact (found by the thirteenth play-test: Ana's name went onto Jess's request);
    at any question after the name ("oh and my wife wants one too, same time if poss" at the time prompt: play-test
    191, "couldn't work out a day", then her name on his request)."""
    if tracker.get_slot("requested_slot") not in _AFTER_THE_NAME or not value_before(tracker, "booking_name"):
        return False
    return bool(_ANOTHER_REQUEST.search(tracker.latest_message.get("text") or ""))


# a clock time ("18:45", "7pm"), which names no day
_CLOCK_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.]\d{2}\b|"
    # "like after 6 im at work til then" (play-test 29: the 6 read as a date, and the time refused)
    r"\b(?:after|before|from|at|around|about|by|till|til|until|like|gone|past)\s+\d{1,2}(?:\s*ish)?\b|\b\d{1,2}\s*(?:ish|o'?clock)\b|"
    # "i get off the bus in like 20 min" (play-test 29)
    r"\b\d{1,3}\s*(?:min|mins|minutes|hr|hrs|hours?)\b",
    re.IGNORECASE,
)
# words of a day or a date: a time found among other words must hold all of them
_MONTHS_AND_DAYS = set(MONTHS + MONTH_ABBREVIATIONS + WEEKDAYS + WEEKDAY_ABBREVIATIONS) | {
    "tues",
    "weds",
    "thur",
    "thurs",
}
# the time a call is wanted, in other words ("call me whenever today", "ring me tomorrow after 2")
_THE_CALL_AT = re.compile(r"\b(?:call|ring|phone)\s+(?:me|us|her|him)\b([^.?!;]*)", re.IGNORECASE)
_DAY_WORDS = re.compile(
    # (a number of a day or a date, not "111" or a phone number: "ok 2.30 then. ill try 111 in the meantime", play-test
    # 28, "I couldn't work out a day")
    r"(?<![\d.:])\b\d{1,2}(?:st|nd|rd|th)?\b(?![\d.:])|"
    # (the names of months and days, not words that begin like them: "so maybe Tuesday 15th Dec", play-test 76, read
    # "maybe" as May; "friend", "wedding", "sunscreen" likewise)
    rf"\b(?:{alternatives(sorted(_MONTHS_AND_DAYS, key=len, reverse=True))})s?\b|"
    r"\b(?:today|tomorrow|tonight|week\w*|month\w*|year\w*|fortnight|spring|summer|autumn|winter|christmas|easter)\b",
    re.IGNORECASE,
)


def _concern_then_a_time(tracker: Tracker, value: Any) -> Optional[Tuple[Text, Text]]:
    """At the concern prompt, a concern and then, in a later sentence, a day or time: the concern's sentences and the
    time's; None otherwise."""
    time = next(tracker.get_latest_entity_values("time"), None)
    if tracker.get_slot("requested_slot") != "booking_concern" or not isinstance(value, str) or not time:
        return None
    if (tracker.latest_message.get("triage") or {}).get("level"):
        # ("… had microneedling today (…). Face swelled and throat tight tonight, ambulance called": play-test 231, the
        # signs' sentence taken as a new time, "tonight", and dropped from the concern): when it happened, not a time
        return None
    at = value.find(time)
    said = next(((start, end) for start, end in sentences(value) if start <= at < end), None) if at > 0 else None
    if said and _ALSO_POSSIBLE.search(value[said[0] : said[1]]):
        return None  # "Wednesday 9th after 11 also fine": another day that would do, for the notes (play-test 42)
    begins = said[0] if said else 0
    concern = value[:begins].strip(" .!?\n")
    # ("did u get that? monday 11. and its for some old acne marks on my cheeks": play-test 220, "Concern: did u get
    # that") the concern said in a sentence of its own after the time, its words found by the extractor
    listed = next(tracker.get_latest_entity_values(CONCERN), None)
    if listed and listed in value[begins:] and listed not in concern:
        return listed, value[begins : said[1] if said else value.find(listed, begins)].strip(" .,;")
    return (concern, value[begins:].strip()) if concern else None


# words around a time that say nothing else ("thursday at 6.30pm then", "ok friday 5pm instead please")
_AROUND_A_TIME = re.compile(
    r"\b(?:ok|okay|then|please|pls|at|on|actually|so|make it|instead|sorry|i mean|oh|no|wait|yes|yeah|fine|that'?s|"
    r"thats|is|would be|better|good|great|for me|works|it'?s|its)\b|[\s,.;:!?-]+",
    re.IGNORECASE,
)


def _a_time_alone(tracker: Tracker, value: Any) -> bool:
    """Whether the message is a day or time and nothing else but words around it."""
    time = next(tracker.get_latest_entity_values("time"), None)
    text = tracker.latest_message.get("text") or ""
    if not time or not isinstance(value, str) or value != text or time not in text:
        return False
    rest = text.replace(time, " ").lower()
    for words in days_ruled_out(rest):  # "no wait thursday not tuesday": the day it replaces
        rest = rest.replace(words, " ")
    return not _AROUND_A_TIME.sub("", rest).strip()


# a time said to do as well as the one given, not instead of it
_ALSO_POSSIBLE = re.compile(
    r"\b(?:also|too|as well)\s+(?:fine|ok|okay|good|possible|works?|suits?)\b|"
    r"\b(?:fine|ok|okay|good|possible|works?|suits?(?: her| him| me)?)\s+(?:too|as well)\b",
    re.IGNORECASE,
)


# a clause of a message: between full stops, commas, semicolons, lines or spaced dashes
_CLAUSES = re.compile(r"[^.,;!?\n]+?(?=\s*(?:[.,;!?\n]|\s[-–]\s|$))")


# a yes said after the concern, to what the form asks next ("…, and yes you can keep my details")
_A_YES_AFTER = re.compile(r"[\s,.;!-]+(?:and\s+)?(?:yes|yeah|yep|ok|okay|sure)\b[^.?!]*[.!]?\s*$", re.IGNORECASE)


# a complaint, or the manager asked for; and what is no concern for the clinic, an instruction to the assistant
_COMPLAINED = re.compile(rf"{COMPLAINT}|\bmanager\b", re.IGNORECASE)
_TO_THE_ASSISTANT = re.compile(TO_THE_ASSISTANT, re.IGNORECASE)
COMPLAINT_LOOKS_BACK = 10  # how many of the person's messages back a complaint is the call back's reason


COMPLAINT_SLOT = "booking_complaint"  # the words of a complaint kept as they are said (actions/handover.py)
COMPLAINT_KEPT_CHARACTERS = 600  # how much of them is kept: the latest words, whole messages
_JOINED = " / "


def complaint_said(tracker: Tracker) -> Optional[Text]:
    """The person's own words of a complaint, or of the manager asked for, kept as they were said and in their recent
    messages, joined: what a call back asked for after them is about; None when they made none. (Play-test 52: the
    complaint itself, "4 sessions … paid nearly a grand and my scars look EXACTLY the same", was past the tracker
    store's window, and the clinic got "are you even listening. get me the manager. NOW".)"""
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    found = _kept_in(tracker, COMPLAINT_SLOT) + [
        text.strip() for text in said[-COMPLAINT_LOOKS_BACK:] if complained(text)
    ]
    return _JOINED.join(dict.fromkeys(found)) or None


REPORT_LOOKS_BACK = 6  # how many of the person's earlier messages a report a call back is about may be in
REPORT_KEPT_CHARACTERS = 400  # how much of those reports a call back's concern keeps (the newest kept)


REPORT_SLOT = "booking_report"  # the words of each report kept as they are said (report_kept)


def _a_report(event: Dict[Text, Any]) -> bool:
    return not (event.get("text") or "").startswith("/") and bool(
        ((event.get("parse_data") or {}).get("triage") or {}).get("level")
    )


def report_said(tracker: Tracker) -> Optional[Text]:
    """The person's own words of what was happening, in their recent messages that got a safety answer (a level from
    components/triage.py), joined: what a call back asked for in that answer's thread is about; None when there are none
    (play-test 113: "Concern: scars", named before the lip swelled, and the clinic would not have known of it). With
    those kept from before the tracker store's window (`report_kept`: play-test 255, the yellow crust of the first
    message left out)."""
    users = [event for event in tracker.events if event.get("event") == "user"][:-1][-REPORT_LOOKS_BACK:]
    found = _kept_in(tracker, REPORT_SLOT) + [(event.get("text") or "").strip() for event in users if _a_report(event)]
    found = list(dict.fromkeys(found))
    joined = _JOINED.join(found)
    while len(found) > 1 and len(joined) > REPORT_KEPT_CHARACTERS:
        found.pop(1 if len(found) > 2 else 0)  # (the first report, what happened, kept longest)
        joined = _JOINED.join(found)
    return joined[:REPORT_KEPT_CHARACTERS] or None


def complained(text: Text) -> bool:
    """Whether a message of the person's is a complaint, or asks for the manager."""
    return not text.startswith("/") and bool(_COMPLAINED.search(text)) and not _TO_THE_ASSISTANT.search(text)


def report_kept(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The latest message's words kept with the reports', when it is one (the oldest words first to go)."""
    latest = {"text": tracker.latest_message.get("text"), "parse_data": tracker.latest_message}
    if not _a_report(latest):
        return []
    return _kept_with(tracker, REPORT_SLOT, str(latest["text"]).strip(), REPORT_KEPT_CHARACTERS)


def complaint_kept(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The latest message's words kept with the complaint's, when it is one (the latest words first to go)."""
    text = (tracker.latest_message.get("text") or "").strip()
    if not complained(text):
        return []
    return _kept_with(tracker, COMPLAINT_SLOT, text, COMPLAINT_KEPT_CHARACTERS)


def _kept_in(tracker: Tracker, slot: Text) -> List[Text]:
    """The person's words kept in `slot` (a complaint's, or the reports'), each message's apart."""
    return [part for part in str(tracker.get_slot(slot) or "").split(_JOINED) if part]


def _kept_with(tracker: Tracker, slot: Text, text: Text, characters: int) -> List[Dict[Text, Any]]:
    """The words kept in `slot` with `text` added last (once), the oldest going first past `characters`."""
    kept = [part for part in _kept_in(tracker, slot) if part != text] + [text]
    while len(kept) > 1 and len(_JOINED.join(kept)) > characters:
        kept.pop(0)
    return [SlotSet(slot, _JOINED.join(kept)[-characters:])]


# what the request is for, said on its own ("its for some acne scarring on my cheeks, and lines round my mouth")
_CONCERN_SAID = re.compile(
    r"^\W*(?:(?:so\s+|and\s+|oh\s+)?(?:it'?s|its|it is|this is|it'?ll be|that'?s)\s+(?:for|about|regarding)|"
    r"(?:the\s+)?concern(?:'s|\s+is)|(?:it'?s\s+)?for|about)\s+(?P<concern>[^?]+?)[\s.!]*$",
    re.IGNORECASE,
)


def concern_said_alone(tracker: Tracker) -> Optional[Text]:
    """The concern said on its own when the name, the contact or the time is asked ("its for some acne scarring on my
    cheeks, and lines round my mouth" at the name prompt: play-test 221, it became the name, then was asked for again):
    its words, when they name a skin concern or an area and nothing else is given; None otherwise."""
    if tracker.get_slot("requested_slot") not in ("booking_name", "booking_contact", "booking_time"):
        return None
    kinds = {entity.get("entity") for entity in tracker.latest_message.get("entities") or []}
    if kinds & {"person", "phone", "email", "time"} or not kinds & {"skin_concern", "treatment_area"}:
        return None
    said = _CONCERN_SAID.match(tracker.latest_message.get("text") or "")
    return said.group("concern").strip(" ,;") if said else None


def concern_before_a_yes(tracker: Tracker) -> Optional[Text]:
    """At the concern prompt, the concern said before a yes to what comes next ("acne scars and texture on forehead,
    and yes you can keep my details": play-test 43, read as a yes alone, and the concern asked for again): the words
    before the yes, when they name what to look at; None otherwise."""
    if tracker.get_slot("requested_slot") != "booking_concern":
        return None
    text = tracker.latest_message.get("text") or ""
    yes = _A_YES_AFTER.search(text)
    if not yes or not yes.start():
        return None
    named = [
        entity
        for entity in tracker.latest_message.get("entities") or []
        if entity.get("entity") in CONCERN_KINDS and (entity.get("end") or 0) <= yes.start()
    ]
    return text[: yes.start()].strip() if named else None


def name_listed_in_lower_case(tracker: Tracker) -> Optional[Text]:
    """A name typed in lower case among the details a request is asked for with ("ok book me a consultation pls.
    fatima diallo, fatima.d@proton.me, saturday 20th at 11": play-test 232, the name asked for again, "i just said"):
    beside an email address or a phone number, the one clause of two or three words that holds no other detail and
    reads as a name alone; None otherwise, or when a name was found already."""
    entities = [entity for entity in tracker.latest_message.get("entities") or [] if "start" in entity]
    kinds = {entity.get("entity") for entity in entities}
    if "person" in kinds or not kinds & {"phone", "email"} or tracker.get_slot("booking_name"):
        return None
    text = tracker.latest_message.get("text") or ""
    names = []
    for clause in _CLAUSES.finditer(text):
        if any(entity["start"] < clause.end() and clause.start() < entity["end"] for entity in entities):
            continue
        words = clause.group().strip()
        if not 2 <= len(words.split()) <= 3:
            continue
        try:
            names.append(parse_bare_name(words))
        except InvalidValue:
            continue
    return names[0] if len(names) == 1 else None


def name_among_details(tracker: Tracker, value: Any) -> Optional[Text]:
    """At the name prompt, a name typed as a clause of its own beside another detail ("Rob. number is +44 7722
    334455", "ugh ok 5.30 then. Marcus"; found by the twenty-first play-test: the name was refused or asked for
    again): the one clause that holds no other detail and reads as a name alone; None otherwise."""
    if tracker.get_slot("requested_slot") != "booking_name" or value != tracker.latest_message.get("text"):
        return None
    details = [
        entity
        for entity in tracker.latest_message.get("entities") or []
        # (or a note: "Gareth Llewellyn. Before we go on, I take warfarin …, can you put that on the notes?",
        # play-test 42)
        if entity.get("entity") in ("phone", "email", "time", NOTE) and "start" in entity
    ]
    if not details:
        return None
    names = []
    for clause in _CLAUSES.finditer(value):
        if any(entity["start"] < clause.end() and clause.start() < entity["end"] for entity in details):
            continue
        try:
            names.append(parse_bare_name(clause.group().strip()))
        except InvalidValue:
            continue
    return names[0] if len(names) == 1 else None


START_BOOKING = "action_start_booking"
# what a message the form takes as an answer may be, with a question beside it that is answered too
ANSWERED_BESIDE_A_DETAIL = ("inform", "book_consultation", "affirm", "deny")


_DETAILS = tuple(entity for entity in _NEW_VALUES if entity != NOTE)  # each new value but a note


def _a_change_asked_as_a_question(tracker: Tracker) -> bool:
    """Whether the question beside a yes is a change to a detail ("yes but can it be 3 not 2" at the summary: play-test
    224, answered as whether something can wait): each question the NLU found, or the whole message when it found none,
    holds a detail the form takes."""
    message = tracker.latest_message
    details = [e for e in message.get("entities") or [] if e.get("entity") in _DETAILS and "start" in e]
    if not details or tracker.get_slot("requested_slot") not in ("booking_consent", "booking_confirmed"):
        return False
    whole = (0, len(message.get("text") or ""))
    # (a question with no span of its own is the whole message's)
    spans = [
        (q.get("start", 0), q.get("end", 0)) if q.get("end", 0) > q.get("start", 0) else whole
        for q in message.get("questions") or []
    ] or [whole]
    return all(any(d["start"] < end and start < d["end"] for d in details) for start, end in spans)


class ValidateBookingForm(FormValidationAction):
    """Checks each answer of the booking form, and says why when it is not right."""

    def __init__(self, clock: Callable[[], dt.datetime] = now) -> None:
        self._clock = clock

    def name(self) -> Text:
        return "validate_booking_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if stale_press(tracker):
            # an older yes/no button (an old keyboard, a message scrolled back to) answers nothing asked now:
            # what it would have set is put back, and the form asks its question again
            stale = "utter_stale_summary_button" if stale_summary_press(tracker) else "utter_stale_button"
            dispatcher.utter_message(response=stale)
            return [SlotSet(slot, value_before(tracker, slot)) for slot in tracker.slots_to_validate()]
        events = await super().run(dispatcher, tracker, domain)
        # (a request this message started answered its questions before it began: play-test 137, said twice)
        started_now = since_the_latest_message(
            tracker, lambda event: event.get("event") == "action" and event.get("name") == START_BOOKING
        )
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
        if intent in ANSWERED_BESIDE_A_DETAIL and not started_now:
            # "its Harriet Okonkwo-Bell, and can i bring my sister along?": the detail is the answer, and the question
            # asked with it is answered before the form asks its next one (found by the twenty-second play-test: the
            # question was dropped); a yes after it answers the form, not the answer's offer
            # (details read as a request to book too: "Ellie Brooks, 07700 900812. saturday morning … can i bring my
            # friend?", play-test 126, dropped three times)
            # (a yes or a no to consent or the summary with a question beside it: "yes thats fine, is the consultation
            # free?", play-test 136, the question dropped)
            if not _a_change_asked_as_a_question(tracker):
                events += without_offer(answers_alongside(dispatcher, tracker, domain))
        if (
            _ROUTE_DOUBTED.search(tracker.latest_message.get("text") or "")
            and reported_earlier(tracker) == SAFETY_ROUTES[1]
            and not (tracker.latest_message.get("triage") or {}).get("level")
        ):
            # "Ivy Marsh. Actually sorry, will the 111 people think I'm wasting their time? It's only a few spots", then
            # "07700 900829. but really should I bother 111?" in a call back after the urgent route (play-test 241: the
            # next detail asked, twice, and the route never said again): the route, and that it is no bother
            dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
            dispatcher.utter_message(response="utter_not_wasting_their_time")
        if answered_this_turn(tracker):
            # "saturday morning hes at school in the week", "07911 123456 - oh and whats the downtime like?" when the
            # time or the contact is asked: the words were answered, and the detail given is the answer the form asked
            # for, checked (found by the eleventh and fifteenth play-tests: the time and the number were lost)
            for slot, value in detail_given_with_a_question(tracker).items():
                if slot == "booking_confirmed":  # "… and yes send it" beside the question answered: a yes
                    events.append(SlotSet(slot, True))
                    continue
                checked = self._check(slot, value, dispatcher, tracker)
                events += [SlotSet(name, new) for name, new in checked.items()]
            noted = next(
                (e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == NOTE and e.get("role")),
                None,
            )
            if noted:
                # said in passing and answered ("just so you know i'm on isotretinoin"): kept as a note for the clinic
                # too (play-test 44: it was answered, and nowhere in the request)
                events += note_events(tracker, noted["value"], tracker.get_slot("booking_concern"))
        # (only beside a detail taken, or a question answered this turn: an event of its own would keep the form from
        # rejecting "Ella Turner, i'm 14 btw is that ok", whose answer then went unsaid, the safety report found)
        health = note_said(tracker, events) if events or answered_this_turn(tracker) else None
        if health:
            # "oh and she's on warfarin, does that matter?" at the time prompt: answered, and kept for the clinic
            # (play-test 52: twice said, and nowhere in the request)
            events += note_events(tracker, health, _concern_now(tracker, events))
        if events or tracker.get_slot("requested_slot") == "booking_confirmed":
            # (only beside a detail taken, as the note above, or at the summary, where it changes the note shown)
            events += booker_note_events(tracker, events)
        if (
            tracker.get_slot(UNDER_18)
            and any(tracker.get_latest_entity_values("age_group"))
            and not said_minor_now(tracker)  # ("im 45, she's 17": still for her)
        ):
            # "can i book for me instead? i have old scars too" (play-test 53: the mother's own request kept her
            # daughter's age): the age taken back
            events.append(SlotSet(UNDER_18, False))
        if someone_else_too(tracker):  # the other person's details wait for a request of their own
            dispatcher.utter_message(response="utter_booking_one_at_a_time")
        elif not tracker.latest_message.get("text", "").startswith("/"):
            # "a consultation rather than a call, and make it 3pm" read as the time alone: the kind changes too (found
            # by the fifteenth play-test; a change or a request to book that made the switch already leaves none)
            switched = switched_to(switch_asked_for(tracker), dispatcher, tracker)
            events += switched if switched is not None else message_wanted_events(dispatcher, tracker) or []
        # (only beside another detail: an event of its own would keep the form from rejecting a question such as
        # "I'm 17, is that ok?", which then went unanswered; ActionAnswerQuestion notes it then)
        if events and said_minor_now(tracker) and not tracker.get_slot(UNDER_18):
            # "she's 16 by the way", at any of the form's questions: noted for the clinic, and the policy said,
            # unless an answer said it already this turn ("I'm 17, is that ok?" gets the age policy as its answer)
            if tracker.get_intent_of_latest_message(skip_fallback_intent=False) != "faq":
                dispatcher.utter_message(response="utter_booking_age_noted")
            events.append(SlotSet(UNDER_18, True))
        return events

    def _check(self, slot: Text, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> Dict[Text, Any]:
        if value is None:
            return {slot: None}
        # the words of a time given before, taken or refused: new words change what they name and keep the rest
        # ("Tuesday instead, same time"; "3pm then" after "saturday 5pm" was past closing)
        # (the words as restored, when a stopped request was picked up this turn: "what? i said BOOK IT. the saturday
        # one" made "sat morning" the whole Saturday, play-test 129)
        earlier = value_before(tracker, "booking_time_text") if slot == "booking_time" else None
        if slot == "booking_time" and earlier is None and _restored_this_turn(tracker):
            earlier = tracker.get_slot("booking_time_text")
        words = str(value)  # the words of the time the check read: in other words, its day and time words alone
        if slot == "booking_time" and not is_checked_time(value):
            # days ruled out beside the time, which its words leave out ("any weekday after 4 except wednesday":
            # play-test 152, the summary showed "any weekday after 4", and the clinic would not have seen the Wednesday)
            text = (tracker.latest_message.get("text") or "").lower()
            ruled_out = [said for said in days_ruled_out(text) if said not in words.lower()]
            if ruled_out:
                value = words = with_days_ruled_out(words, ruled_out)
        try:
            if slot == "booking_time" and is_checked_time(value) and tracker.get_slot("booking_time_text"):
                # a time checked before, the form taken up again (after a pause for a safety answer):
                # the person's own words are checked again, so a time that has passed meanwhile is refused
                return checked_value(slot, tracker.get_slot("booking_time_text"), self._clock)
            if slot == "booking_name" and self._booker_introduced(tracker, value):
                return {slot: value_before(tracker, slot)}
            if someone_else_too(tracker):
                return {slot: value_before(tracker, slot)}  # the other person's, for a request of their own
            try:
                checked = checked_value(slot, str(value), self._clock, corrects=earlier)
            except InvalidValue as invalid:
                found = None
                if slot == "booking_time":
                    found = self._time_in_other_words(tracker, value, invalid) or self._time_said_last(tracker, value)
                if found is None:
                    raise
                words = found
                checked = checked_value(slot, found, self._clock, corrects=earlier)
            if (
                slot == "booking_time"
                and earlier
                and checked["booking_time"] == value_before(tracker, slot)
                and names_a_time_alone(words)
            ):
                # the time said again with no day, and no change ("will they definitely call after 4?" at the summary of
                # "any weekday after 4 except wednesday", play-test 152): the words as they were, the days in them kept
                checked["booking_time_text"] = earlier
            if slot in ("booking_name", "booking_contact"):
                checked[slot] = as_changed(slot, checked[slot], value_before(tracker, slot), tracker)
            elif slot == "booking_concern":  # (after "Change concern" cleared it: the one given before)
                checked[slot] = with_the_note_kept(checked[slot], value_before(tracker, slot, given=True))
                pending = tracker.get_slot(PENDING_NOTE)
                if pending:  # a note given before the concern was asked
                    checked.update({slot: with_note(checked[slot] or None, pending), PENDING_NOTE: None})
            return checked
        except InvalidValue as invalid:
            rejected = self._reject(slot, invalid, dispatcher, tracker)
            if slot == "booking_time" and not is_checked_time(value):  # the words are kept for the next ones
                # (the day and time words, where they were read among others: "i mean can i come in at 8 in the morning
                # on the 16th", refused as before opening, then "ok 9 then", play-test 78, lost the 16th)
                rejected["booking_time_text"] = corrected_words(earlier, words)
                if invalid.response in NO_DAY_NAMED and len(ONE_DAY_NAMED.findall(words)) > 1:
                    # several days named and none read: nothing to correct ("thursday at 7pm would be better. its
                    # currently wednesday 23rd at 10am", then "today": play-test 182, "already passed", today at the
                    # appointment's 10 o'clock)
                    rejected["booking_time_text"] = earlier
            return rejected

    @staticmethod
    def _booker_introduced(tracker: Tracker, value: Any) -> bool:
        """ "I'm Funmi, 07700 900456" after "his name is James Okafor": the person booking says who they are while
        the form asks something else, in a request for someone else; the name of the person to be seen stays
        (found by the ninth play-test)."""
        earlier = value_before(tracker, "booking_name")
        text = tracker.latest_message.get("text") or ""
        requested = tracker.get_slot("requested_slot")
        if (
            not earlier
            or earlier == value
            or requested == "booking_name"
            # at the summary a new name is a change, unless the person says whose relative they are ("I am Lucía, his
            # wife": found by the thirteenth play-test)
            or (requested == "booking_confirmed" and not _SAYS_WHO_THEY_ARE.search(text))
        ):
            return False
        said = " ".join(event.get("text") or "" for event in tracker.events if event.get("event") == "user")
        if _SAYS_WHO_THEY_ARE.search(text):
            return True  # "Lily's mum, Karen Chen, taking over": whose relative they are, so not the one to be seen
        return bool(_INTRODUCES_ONESELF.search(text)) and bool(_FOR_SOMEONE_ELSE.search(said))

    @staticmethod
    def _time_in_other_words(tracker: Tracker, value: Any, invalid: InvalidValue) -> Optional[Text]:
        """A time typed among other words ("Yes I'll be coming with her. Saturday 11am please"): when the whole
        message reads as no time at all, the day and time words the NLU found in it (its `time` entity), if they
        hold every day word of the message; None otherwise (a time read and refused, as past or closed, is said as
        it is)."""
        if invalid.response in NO_DAY_NAMED and tracker.get_slot("request_kind") == "call_back":
            # "my appt is wed 23rd at 10. i want it moved to thurs 7pm. call me whenever today" (play-test 182:
            # "couldn't work out a day"): of a call back, the time said after "call me"
            said = [match.group(1).strip(" ,") for match in _THE_CALL_AT.finditer(str(value))]
            said = [words for words in said if ONE_DAY_NAMED.search(words)]
            if len(said) == 1:
                return said[0]
        found = next(tracker.get_latest_entity_values("time"), None)
        if invalid.response not in NO_DAY_NAMED or not found or found == str(value):
            return None
        # day words beside them that they leave out: "any weekday morning in may 2027" is not "morning" (found by
        # the ninth play-test, it became tomorrow morning)
        # (a clock time beside them is no day: "you just had 18:45 on there?? fine, 7pm", fifteenth play-test)
        # (the entity's value may join two runs of the words: "any morning is fine really, let's say Tuesday" is
        # "morning Tuesday", found by browser play-test 5; each of its words is read past)
        # (a second choice after the first goes with it, for the clinic to read: "Could we do Tuesday 15th at 4.30pm, or
        # if not Wednesday 16th at 5pm? Do I have to come with her?", play-test 178, "couldn't work out a day")
        first = without_a_backup(str(value))
        backup = re.split(r"[?!.]\s", str(value)[len(first) :].strip(" ,;"), maxsplit=1)[0].strip(" ,;?!.")
        rest = _A_DURATION.sub(" ", _A_SESSION_HADS_DATE.sub(" ", first.replace(found, " ")))
        for word in found.split():
            rest = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", rest)
        # days ruled out or taken beside them ("weekday mornings except wednesday, she has physio wednesdays. oh and
        # she's on warfarin": play-test 52, not understood) go with them, for the day chosen and for the clinic
        ruled_out = days_ruled_out(rest)
        rest = rest.lower()
        for words in ruled_out:
            rest = rest.replace(words, " ")
        # a weekday in the plural is a habit, someone's or theirs ("next saturday morning, my mum works saturdays so she
        # wont know": play-test 77, "I couldn't work out a day"); any weekday is when they are free in general ("any
        # weekday morning really, but not monday. maybe wednesday around 10?": play-test 107, not understood)
        rest = _ANY_WEEKDAY_SAID.sub(" ", rest)
        if _DAY_WORDS.search(_CLOCK_TIME.sub(" ", _A_WEEKDAY_HABIT.sub(" ", rest))):
            return None
        return ", ".join([found] + ruled_out + ([backup] if backup and found not in backup else []))

    @staticmethod
    def _time_said_last(tracker: Tracker, value: Any) -> Optional[Text]:
        """The message's last sentence, when the whole of it was refused and that sentence names a day or a time: what
        it came to after the words before it ("how has it passed its 10 in the morning?? today afternoon then, anytime
        after 2": play-test 182, refused as outside the opening hours); None otherwise."""
        text = tracker.latest_message.get("text") or ""
        said = [text[start:end].strip(" ,.?!\n") for start, end in sentences(text)]
        said = [sentence for sentence in said if sentence]
        if len(said) < 2 or said[-1] == str(value):
            return None
        if ONE_DAY_NAMED.search(said[-1]):
            return said[-1]
        # an hour alone, after a sentence that named the day, is that day's ("today. 7pm": play-test 246, refused as too
        # soon, then 7pm a week on put down)
        if _CLOCK_TIME.search(said[-1]) and not any(ONE_DAY_NAMED.search(sentence) for sentence in said[:-1]):
            return said[-1]
        return None

    def _reject(self, slot: Text, invalid: InvalidValue, dispatcher, tracker) -> Dict[Text, Any]:
        """Say why the value was not accepted; after MAX_FAILURES on one slot, offer the staff."""
        failures = dict(tracker.get_slot("booking_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        dispatcher.utter_message(response=invalid.response, **invalid.values)
        if failures[slot] >= MAX_FAILURES:
            # offer the team instead, without throwing away what was already given
            dispatcher.utter_message(response="utter_booking_too_many_failures")
            failures[slot] = 0
        return {slot: None, "booking_failures": failures}

    def _concern_noted(self, slot: Text, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """The concern said on its own where another detail was asked (concern_said_alone): taken (its extraction),
        said so, and the detail asked again, never the concern's words taken for it."""
        concern = concern_said_alone(tracker)
        if not concern or value != tracker.latest_message.get("text") or tracker.get_slot("requested_slot") != slot:
            return False
        dispatcher.utter_message(response="utter_booking_concern_noted", concern=concern)
        return True

    async def validate_booking_name(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if self._concern_noted("booking_name", value, dispatcher, tracker):
            return {"booking_name": None}
        alone = name_among_details(tracker, value)
        named = {entity.get("entity") for entity in tracker.latest_message.get("entities") or []}
        if "time" in named and "person" not in named and not alone:
            try:
                checked_value("booking_name", without_contacts(value, tracker))
            except InvalidValue:
                # a day or time where the name is asked ("ok saturday then": play-test 184, "that doesn't look like a
                # name"): the time's, and the name asked again
                return {"booking_name": None}
        checked = self._check("booking_name", alone or without_contacts(value, tracker), dispatcher, tracker)
        return {**checked, **whom_the_booker_named_is_about(tracker, checked.get("booking_name"))}

    async def validate_booking_contact(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if self._concern_noted("booking_contact", value, dispatcher, tracker):
            return {"booking_contact": None}
        if surname_added(tracker, value_before(tracker, "booking_name") or "") and not gives_a_contact(tracker):
            # "tom hale" when the contact is asked: the name completed (extract_booking_name), the contact asked again
            return {"booking_contact": None}
        both = both_contacts(tracker)
        if value is not None and both:  # "kwame@… or 07456 112233, whichever": both kept, for the clinic to choose
            value = both
        wrong = []
        if isinstance(value, str) and CONTACTS_JOINED in value:
            # "email dan@gmailcom phone 07700 900123": the one that is right kept, and the other said not to be
            # (play-test 129: both refused, or the email dropped without a word)
            parts = value.split(CONTACTS_JOINED)
            wrong = [part for part in parts if not _a_contact(part)]
            if len(wrong) < len(parts):
                value = CONTACTS_JOINED.join(part for part in parts if part not in wrong)
            else:
                wrong = []
        checked = self._check("booking_contact", value, dispatcher, tracker)
        contact = checked.get("booking_contact")
        if contact and wrong:
            kind = "email address" if "@" in wrong[0] else "phone number"
            dispatcher.utter_message(response="utter_booking_contact_part_not_right", kind=kind, given=wrong[0])
        if contact and tracker.get_slot("request_kind") == CALL_BACK and contact_kind(contact) == "email":
            dispatcher.utter_message(response="utter_call_back_needs_phone")  # a call back needs a number to call
            return {"booking_contact": None}
        return checked

    async def validate_booking_time(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if self._concern_noted("booking_time", value, dispatcher, tracker):
            return {"booking_time": None}
        said_before = len(dispatcher.messages)
        checked = self._check("booking_time", value, dispatcher, tracker)
        if checked.get("booking_time") and names_another_day(str(value)):
            dispatcher.utter_message(response="utter_booking_time_first_day")  # "tuesday or wednesday"
        elif checked.get("booking_time") and names_any_weekday(str(value)):
            # "any weekday before 10" (play-test 36: the Monday put down looked like all that was kept)
            dispatcher.utter_message(response="utter_booking_time_first_weekday")
        elif checked.get("booking_time") and (names_any_day(str(value)) or names_a_span_of_days(str(value))):
            # "mornings ideally" (play-test 42: tomorrow morning was put down with no word of it); "tues to fri
            # mornings", "whenever" (play-test 146)
            dispatcher.utter_message(response="utter_booking_time_first_day_that_fits")
        too_soon = any(
            (message.get("response") or "").startswith("utter_invalid_booking_time_notice")
            for message in dispatcher.messages[said_before:]
        )
        asap = bool(ASAP.match(str(value or "")))
        cut = checked.get("booking_time") and not asap and cut_to_the_notice(checked["booking_time"], self._clock())
        if cut and checked["booking_time"] != value_before(tracker, "booking_time"):
            say_the_earliest(dispatcher, cut)
        if checked.get("booking_time") and asap:
            # "asap, today" at 15:30 put down 17:30 with no word why (play-test 32: "why 5.30??")
            say_the_earliest(dispatcher, PreferredTime.from_slot(checked["booking_time"]).describe())
        if (too_soon or asap) and after_the_urgent_route(tracker):
            # "NOW. as soon as possible", "why 3.45?? i said now" for a request about what got the urgent route: the
            # clinic can't be quicker than its notice, so the route, now (play-test 30: 15:45 was put down, and "too
            # soon" said, with nothing about NHS 111 to someone who said she could not wait)
            dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
        elif (
            checked.get("booking_time")
            and checked["booking_time"] != value_before(tracker, "booking_time")  # said when it is put down
            and later_than_the_route_asks(tracker, checked["booking_time"], self._clock())
        ):
            # "friday afternoon is fine" for a call back about yellow crusts and a hot, throbbing patch, after "please
            # contact the clinic now, so that someone can look at this today" (play-test 182: Friday put down without a
            # word, then "so friday is ok to leave it till then yeah?")
            time = PreferredTime.from_slot(checked["booking_time"]).describe()
            later = route_variant(domain, "utter_booking_time_after_the_route", tracker)
            dispatcher.utter_message(response=later, time=time)
            if self._too_soon_for_today(checked.get("booking_time_text") or str(value)):
                # ("im at work til 7, can they just call me back?" at 18:25: play-test 246, a week on put down with no
                # word why): today is too soon for the clinic's notice
                dispatcher.utter_message(
                    response="utter_booking_time_not_today", hours=str(clinic().minimum_notice_hours)
                )
        return checked

    def _too_soon_for_today(self, words: Text) -> bool:
        """Whether the words, naming no day, would be today's but for the clinic's notice."""
        latest = words.split(CORRECTED)[-1]
        if ONE_DAY_NAMED.search(latest):
            return False
        try:
            checked_value("booking_time", f"today {latest}", self._clock)
        except InvalidValue as invalid:
            return invalid.response == "utter_invalid_booking_time_notice"
        return False

    async def extract_booking_name(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """The surname sent when the contact is asked, after a first name alone ("tom", then "tom hale" or "Hale":
        play-test 27, "I couldn't find an email address or a phone number" until the summary): the name, completed."""
        return surname_added(tracker) or name_after_a_yes(tracker)

    async def extract_booking_concern(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # the concern described in words the classifier also finds an answer for (actions/answers.py)
        # (or something happening after a treatment, its route said first: actions/answers.py route_then_concern)
        taken = concern_given(tracker) or (route_then_concern(tracker) and answered_this_turn(tracker))
        if taken and tracker.get_slot("requested_slot") != "booking_concern":
            # with the other details listed (actions/answers.py route_then_concern): the words that are none of them
            listed = next(tracker.get_latest_entity_values(CONCERN), None)
            return {"booking_concern": listed or tracker.latest_message.get("text")}
        if taken or concern_in_another_language(tracker):
            return {"booking_concern": tracker.latest_message.get("text")}
        listed = concern_listed_with_details(tracker) or concern_said_alone(tracker) or concern_before_a_yes(tracker)
        return {"booking_concern": listed} if listed else {}

    async def validate_booking_concern(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        note = next(tracker.get_latest_entity_values(NOTE), None)
        if note and value == tracker.latest_message.get("text"):
            # "acne scars on face. note: please contact me by SMS, not phone call": the concern, and the note beside it
            value = with_note(said_before_the_note(tracker), note)
        if value and tracker.get_slot("requested_slot") == "booking_concern" and gives_a_contact(tracker):
            # "actually my email is …" when the concern is asked: the contact (its own mapping), not the concern
            return {"booking_concern": None}
        respelt = name_respelt(tracker) if tracker.get_slot("requested_slot") == "booking_concern" else None
        if respelt and value == tracker.latest_message.get("text"):
            # "fine lines round my eyes and forehead. oh and sorry its Siobhán with the accent on the a, not Siobhan":
            # the concern, and the name spelt again (play-test 131: the name kept, the sentence made the concern)
            name, (start, end) = respelt
            text = str(value)
            concern = " ".join((text[:start] + " " + text[end:]).split()).strip(" .,;-") or None
            checked = (
                self._check("booking_concern", concern, dispatcher, tracker) if concern else {"booking_concern": None}
            )
            return {**checked, "booking_name": name}
        if tracker.get_slot("requested_slot") == "booking_concern" and _a_time_alone(tracker, value):
            # "thursday at 6.30pm then" when the concern is asked: the time said again or changed, and the concern
            # asked again (play-test 49 replayed: the time became the concern)
            earlier = value_before(tracker, "booking_time_text")
            try:
                time = checked_value("booking_time", str(value), self._clock, corrects=earlier)
            except InvalidValue:
                time = self._check("booking_time", value, dispatcher, tracker)
            return {**time, "booking_concern": None}
        asked = _questions_after_the_concern(tracker, value, domain)
        if asked:
            # "bit of scarring from shaving rash on my jaw/neck. oh and is 7 too late if it takes an hour, do you close
            # at 8?" (play-test 165: the questions became part of the concern, unanswered): the concern, and each
            # question answered
            concern, topics = asked
            if tracker.get_slot("request_kind") == CALL_BACK:
                # what a call is to talk about is the questions too ("whether it helps with enlarged pores and what the
                # downtime is": play-test 190, the downtime answered and dropped from what the clinic reads)
                concern = str(value).strip()
            checked = self._check("booking_concern", concern, dispatcher, tracker)
            if checked.get("booking_concern"):
                answered = say_answers(dispatcher, tracker, domain, topics, pause=False)
                kept = {
                    e["name"]: e["value"]
                    for e in answered
                    if e.get("event") == "slot" and e.get("name") == "last_topic"
                }
                return {**checked, **kept}
        moved = _concern_then_a_time(tracker, value)
        if moved:
            # "fine lines round my eyes. oh and can we do thursday evening instead of wed, like 6ish": the concern, and
            # the time changed (found by the seventeenth play-test: the change was kept inside the concern)
            concern, words = moved
            earlier = value_before(tracker, "booking_time_text")
            for said in (words, next(tracker.get_latest_entity_values("time"), None)):
                try:
                    time = checked_value("booking_time", str(said), self._clock, corrects=earlier)
                except InvalidValue as invalid:
                    if invalid.response in NO_DAY_NAMED:
                        continue  # words that name no time: all of it is the concern, below
                    time = self._check("booking_time", said, dispatcher, tracker)  # a time refused: says why
                return {**self._check("booking_concern", concern, dispatcher, tracker), **time}
        checked = self._check("booking_concern", value, dispatcher, tracker)
        triage = tracker.latest_message.get("triage") or {}
        # (nor of help had for it: "the paramedics said mild allergic reaction and gave her antihistamine", play-test
        # 114)
        happening = (
            triage.get("signs")
            or triage.get("care_present")
            or triage.get("help_had")
            or tracker.get_slot("last_topic") in SAFETY_ROUTES
        )
        if checked.get("booking_concern") and names_a_personal_factor(tracker) and not happening:
            # "pregnancy question", "I'm on warfarin": taken, and said to be what the consultation assesses (never of
            # "allergic reaction in the car park, throat swelling, paramedics treating me": play-test 33)
            dispatcher.utter_message(response="utter_booking_suitability_note")
        return checked

    async def extract_booking_contact(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """Which number comes first, said with no number ("and put the landline first please"): the numbers given, in
        that order (play-test 223: kept as they were, and the order put in a note)."""
        text = tracker.latest_message.get("text") or ""
        if not says_which_number_first(text) or gives_a_contact(tracker):
            return {}
        reordered = contacts_in_order_asked(tracker.get_slot("booking_contact") or "", text, clinic().phone_region)
        return {"booking_contact": reordered} if reordered else {}

    async def extract_booking_consent(self, dispatcher, tracker, domain) -> Dict[Text, Any]:
        """A yes to keeping the details said in words beside something else ("anyway yes u can keep my details", "Well I
        suppose I'll say yes then. So it's deleted after 12 months?": play-test 223, "I need a yes or a no")."""
        if tracker.get_slot("requested_slot") != "booking_consent":
            return {}
        return {"booking_consent": True} if _CONSENT_SAID.search(tracker.latest_message.get("text") or "") else {}

    async def validate_booking_consent(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value is False and _a_new_detail_given(tracker):
            # "no not at 1 exactly, anytime between 1 and 3pm" at the consent question (play-test 248: the change made,
            # and the request called off as refused): the "no" is of the detail, whose change is made and shown
            return {"booking_consent": None}
        if value is False:
            dispatcher.utter_message(response="utter_booking_consent_declined")
            return {"booking_consent": None, "requested_slot": None}  # ends the form; nothing is kept
        return {"booking_consent": value}

    async def validate_booking_confirmed(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # a plain "no" leaves the request open, and the summary's question becomes what to change (a variation
        # of utter_booking_summary on summary_declined); "no, my email is …" changes the email, and the summary shows
        changed = any(value is not None for slot, value in tracker.slots_to_validate().items() if slot in TYPED_SLOTS)
        declined = {"summary_declined": True} if value is False and not changed else {}
        # a yes with a change in it ("yes but can it be 3 not 2": play-test 224, sent at 15:00 unseen): the change, and
        # the summary shown again to be said yes to
        return {"booking_confirmed": True if value is True and not _a_new_detail_given(tracker) else None, **declined}


def _a_new_detail_given(tracker: Tracker) -> bool:
    """Whether the latest message gives a detail a value other than the one it had (a change said beside the yes or
    no that the consent question or the summary asks for)."""
    return any(
        value is not None and value != value_before(tracker, slot)
        for slot, value in tracker.slots_to_validate().items()
        if slot in TYPED_SLOTS
    )


# the words that lead from the concern to a question ("… on my jaw. oh and is 7 too late")
_LEADS_TO_A_QUESTION = re.compile(
    r"[\s,;:.!-]*(?:\b(?:oh|and|also|btw|plus|but|quick question|one more thing)\b[\s,;:.!-]*)*$"
)
# how likely the classifier finds a part after the concern to be a question of its own, at least
QUESTION_AFTER_THE_CONCERN_AT_LEAST = 0.5


def _questions_after_the_concern(tracker: Tracker, value: Any, domain: DomainDict) -> Optional[Tuple[Text, List[Text]]]:
    """At the concern prompt, a concern said first and questions after it ("bit of scarring from shaving rash on my
    jaw/neck. oh and is 7 too late if it takes an hour, do you close at 8?"): the words before the questions, and the
    answer of each question; None otherwise (the words before name no concern or area, or something is happening)."""
    message = tracker.latest_message
    text = message.get("text") or ""
    if tracker.get_slot("requested_slot") != "booking_concern" or value != text:
        return None
    triage = message.get("triage") or {}
    if triage.get("level") or triage.get("signs"):
        return None
    parts = [
        part
        for part in message.get("question_parts") or []
        if part.get("text")
        and not part.get("rest")
        and part.get("start", 0) > 0
        and float(part.get("confidence") or 0) >= QUESTION_AFTER_THE_CONCERN_AT_LEAST
    ]
    if not parts:
        return None
    first = min(part["start"] for part in parts)
    before = _LEADS_TO_A_QUESTION.sub("", text[:first]).strip(" .,;:-")
    named = [
        entity
        for entity in message.get("entities") or []
        if entity.get("entity") in CONCERN_KINDS and entity.get("end", 0) <= first
    ]
    if len(before.split()) < 2 or not named:
        return None
    keys = list(dict.fromkeys(part.get("intent_response_key") or "" for part in parts))
    topics = [topic for topic in topics_of(keys) if response_name(topic) in domain.get("responses", {})]
    return (before, topics) if topics else None


def concern_in_another_language(tracker: Tracker) -> bool:
    """Whether the concern, when it is asked, is said in another language ("manchas / melasma en las mejillas y la
    frente": play-test 37, refused and asked again): the clinic reads it as it was written."""
    return (
        tracker.get_slot("requested_slot") == "booking_concern"
        and tracker.get_intent_of_latest_message(skip_fallback_intent=False) == "other_language"
        and not (tracker.latest_message.get("text") or "").startswith("/")
    )


def concern_listed_with_details(tracker: Tracker) -> Optional[Text]:
    """The concern listed among other details when another is asked ("Priya Sharma, 07700 900812, tuesday around 2,
    and its for acne scarring on my cheeks" at the name prompt: play-test 35, it was asked for again); None when the
    concern is asked now (its own mapping), at the summary (the same), or was given already: one taken from the chat
    before the request is no concern given ("and for acne scars?" asked earlier, then "…, friday 3pm. want to talk
    about neck, stretch marks and my c section scar": play-test 53 kept the acne scars)."""
    given = tracker.get_slot("booking_concern")
    from_the_chat = concern_from_entities(
        value_before(tracker, "skin_concern"), value_before(tracker, "treatment_area")
    )
    if (given and given != from_the_chat) or tracker.get_slot("requested_slot") in (
        None,
        "booking_concern",
        "booking_confirmed",
    ):
        return None
    kinds = {entity.get("entity") for entity in tracker.latest_message.get("entities") or []}
    if not kinds & {"person", "phone", "email", "time"}:
        return None
    return next(tracker.get_latest_entity_values(CONCERN), None)


def say_the_earliest(dispatcher: CollectingDispatcher, time: Text) -> None:
    """Say that `time` (in words) is the earliest the request can ask for, by the clinic's minimum notice."""
    dispatcher.utter_message(
        response="utter_booking_time_earliest", time=time, hours=str(clinic().minimum_notice_hours)
    )


def cut_to_the_notice(booking_time: Text, at: dt.datetime) -> Optional[Text]:
    """The time put down, in words, when it is a window cut to start at the earliest the clinic's notice allows (now,
    `at`, and its minimum notice): "ring me after lunch today? actually no make it after 3" at 15:30 became 17:30 to
    20:00 without a word (play-test 184, "i said after 3 not half 5", three times); None otherwise."""
    time = PreferredTime.from_slot(booking_time)
    return time.describe() if time.start != time.end and time.start == earliest_start(clinic(), at) else None


def later_than_the_route_asks(tracker: Tracker, booking_time: Text, at: dt.datetime) -> bool:
    """Whether the time asked for is on a later day than that of `at` (now, an aware time), by the clinic's clock, when
    a sign of infection or worse was reported in this conversation and not seen to since (the urgent route: checked
    today, or NHS 111 now)."""
    if reported_earlier(tracker) != "urgent" or help_called_before(tracker):
        return False
    if a_lasting_sign(tracker):
        # a sign there for weeks, no worse: the clinic when it opens, or a GP (with the message it was said in past the
        # turns a message is handled with too: play-test 203, "Please don't wait for this … NHS 111" for a dark patch)
        return False
    today = at.astimezone(clinic().timezone).date()
    return PreferredTime.from_slot(booking_time).start.date() > today


def after_the_urgent_route(tracker: Tracker) -> bool:
    """Whether the urgent answer is the last safety answer of the conversation's recent messages (its thread, or the
    message it was given for among the person's last ten)."""
    if tracker.get_slot("last_topic") == "urgent":
        return True
    for triage in earlier_triages(tracker, 10):
        level = triage.get("level")
        if level:
            return level == "urgent"
    return False


# a pause asked for, not a cancel ("pause please", "hang on, back in a bit", "don't send yet, will you remember all
# this?"): the same stop, said as a hold (play-test 39: "I've cancelled that" to someone checking a rota)
ON_HOLD = re.compile(PAUSE, re.IGNORECASE)


class ActionCancelBooking(Action):
    def name(self) -> Text:
        return "action_cancel_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        cancelled = sent_request_cancelled(tracker)
        if cancelled:
            return cancelled + [SlotSet(STOP_CANCELS, False)]
        if tracker.get_slot(CHANGING):
            # a change to a request sent, given up: the request stands as it was sent, and nothing is picked up later
            dispatcher.utter_message(response="utter_booking_change_dropped")
            return clear_booking() + [SlotSet(CHANGING, False), SlotSet(STOP_CANCELS, False)]
        on_hold = ON_HOLD.search(text) and not tracker.get_slot("request_sent")
        if tracker.get_slot("request_sent") and not any(tracker.get_slot(slot) for slot in TYPED_SLOTS):
            # a new request after one was sent, stopped before any detail of it: nothing to pick up, so a change asked
            # for next is of the request sent (play-test 163: the empty new one was picked up instead)
            dispatcher.utter_message(response="utter_new_request_dropped")
            return clear_booking() + [SlotSet("request_stopped", False), SlotSet(STOP_CANCELS, False)]
        dispatcher.utter_message(response="utter_booking_on_hold" if on_hold else "utter_booking_cancelled")
        # asking to book again picks it up; an age under 18 said stays noted for it (the message that said it may be
        # past the tracker store's window by then: found by the ninth play-test)
        forgotten = [event for event in clear_booking() if event["name"] != UNDER_18]
        return forgotten + [SlotSet("request_stopped", True), SlotSet(STOP_CANCELS, False)]
