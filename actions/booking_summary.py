"""The booking summary: showing the details, and changing one of them."""

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    CONCERN_KINDS,
    EDITABLE,
    KEPT_WHILE_PAUSED,
    UNDER_18,
    added_to_the_concern,
    left_to_the_emergency_thread,
    note_start,
    remind_of_the_route,
    since_the_latest_message,
    widened_concern,
    without_a_part,
)
from actions.booking_form import (
    CALL_BACK,
    NOTE,
    WHAT_TO_CHANGE,
    as_changed,
    both_contacts,
    checked_value,
    cut_to_the_notice,
    details_digest,
    is_checked_time,
    name_among_details,
    note_events,
    say_the_earliest,
    someone_else_too,
    switch_asked_for,
    switched_to,
    whom_the_booker_named_is_about,
)
from core.booking import (
    CONTACTS_JOINED,
    CORRECTED,
    InvalidValue,
    PreferredTime,
    contacts_in_order_asked,
    corrected_words,
    days_ruled_out,
    is_a_mobile,
    names_a_span_of_days,
    names_another_day,
    names_any_day,
    names_any_weekday,
    says_which_number_first,
    weekdays_in,
    with_days_ruled_out,
)
from core.settings import clinic, now
from core.words import ASKS_TO_BE_WRITTEN_TO, CALLED_NOT_EMAILED, REMOVING, TITLES, alternatives, edits

# another time offered as well as the one put down ("or thursday morning is fine too", "thursday as a backup")
_OR_BEFORE = re.compile(r"\bor\s+(?:maybe\s+|else\s+|failing that\s+)?$", re.IGNORECASE)
_AS_WELL_AFTER = re.compile(
    r"^\W*(?:(?:is|are|would be|works|would work|could work)\s+)?(?:\w+\s+)?(?:fine|ok|okay|good|great)\s+"
    r"(?:too|as well|also)\b|^\W*(?:(?:is|as)\s+)?(?:a|my|the|just a)?\s*(?:backup|back-up|second choice|fallback)\b",
    re.IGNORECASE,
)


def _a_backup(tracker: Tracker, entity: Dict[Text, Any]) -> bool:
    """Whether a time named at the summary is offered as another choice beside the one put down, not instead of it."""
    text = tracker.latest_message.get("text") or ""
    start, end = entity.get("start"), entity.get("end")
    if start is None or end is None:
        return False
    return bool(_OR_BEFORE.search(text[:start]) or _AS_WELL_AFTER.match(text[end:]))


def _latest_words(time_text: Optional[Text]) -> Text:
    """A time's words as last said (`booking_time_text` keeps each correction after `CORRECTED`)."""
    return (time_text or "").split(CORRECTED)[-1].strip()


def _other_days(tracker: Tracker, domain: DomainDict) -> Text:
    """The person's words for the time beside the day put down, when they offered another day too, or any of several
    ("any afternoon next week", "tues to fri", "whenever"), or ruled days out ("not friday": play-test 148, "will they
    actually see that i said mon-thurs? the summary just says monday")."""
    words = _latest_words(tracker.get_slot("booking_time_text"))
    offers_more = (
        names_another_day(words)
        or names_a_span_of_days(words)
        or names_any_weekday(words)
        or names_any_day(words)
        or days_ruled_out(words)
    )
    if not tracker.get_slot("booking_time") or not offers_more:
        return ""
    return domain["responses"]["utter_booking_summary_time_words"][0]["text"].replace("{time_words}", words)


def summary_values(tracker: Tracker, domain: DomainDict) -> Dict[Text, Text]:
    """What the summary shows, in the words a person reads."""
    time_slot = tracker.get_slot("booking_time")
    concern = tracker.get_slot("booking_concern")
    if not concern:
        concern = domain["responses"]["utter_concern_not_given"][0]["text"]
    return {
        "booking_name": tracker.get_slot("booking_name"),
        "booking_contact": tracker.get_slot("booking_contact"),
        "preferred_time": (PreferredTime.from_slot(time_slot).describe() if time_slot else "")
        + _other_days(tracker, domain),
        "booking_concern": concern,
        "summary": details_digest(tracker),  # in its "Yes, send it" (actions/booking_form.py `stale_summary_press`)
        "under_18": domain["responses"]["utter_booking_summary_under_18"][0]["text"]
        if tracker.get_slot("booking_under_18")
        else "",
        # found by the tenth play-test: "does this say it's a call back and not an appointment?"; a consultation says so
        # too (twenty-third play-test: a phone call asked for could not be seen to be missing)
        "request_kind": domain["responses"][
            "utter_booking_summary_call_back"
            if tracker.get_slot("request_kind") == CALL_BACK
            else "utter_booking_summary_consultation"
        ][0]["text"],
    }


def given_so_far(tracker: Tracker, domain: DomainDict) -> Dict[Text, Text]:
    """The details of the request being made that are given so far, in the summary's words; "" for one not yet given."""
    time_slot = tracker.get_slot("booking_time")
    return {
        "booking_name": tracker.get_slot("booking_name") or "",
        "booking_contact": tracker.get_slot("booking_contact") or "",
        "preferred_time": PreferredTime.from_slot(time_slot).describe() + _other_days(tracker, domain)
        if is_checked_time(time_slot)
        else "",
        "booking_concern": tracker.get_slot("booking_concern") or "",
    }


# "remove the gmail", "take my number off": which of two kept contacts goes
_REMOVES = rf"\b(?:{alternatives(REMOVING)})\b[^,.;]{{0,20}}?\b"
_EMAIL_WORDS = r"(?:e-?mail|g-?mail|hotmail|outlook|mail)"
_PHONE_WORDS = r"(?:(?:work |home |other |second |old )?(?:phone|number|mobile|landline))"
# "take the email off", "just use the phone" (found by the eleventh play-test), as well as "remove the gmail"
_REMOVES_EMAIL = re.compile(
    rf"{_REMOVES}{_EMAIL_WORDS}\b|\btake (?:the |my |his |her )?{_EMAIL_WORDS} (?:off|out)\b|"
    rf"\b(?:just|only) (?:use |keep |have )?(?:the |my |his |her )?{_PHONE_WORDS}\b|\b{_PHONE_WORDS} only\b|"
    rf"{CALLED_NOT_EMAILED}",
    re.IGNORECASE,
)
_REMOVES_PHONE = re.compile(
    rf"{_REMOVES}{_PHONE_WORDS}\b|\btake (?:the |my |his |her )?{_PHONE_WORDS} (?:off|out)\b|"
    rf"\b(?:just|only) (?:use |keep |have )?(?:the |my |his |her )?{_EMAIL_WORDS}\b|\b{_EMAIL_WORDS} only\b|"
    r"\bno (?:phone )?calls\b",
    re.IGNORECASE,
)


# "just mobile and email", "keep the email and the phone": both kinds kept (play-test 28: "take the work number off,
# just mobile and email" took the email off)
_KEEPS_BOTH = re.compile(
    rf"\b(?:just|only|keep|use)\s+(?:the |my )?(?:{_PHONE_WORDS}\s+(?:and|&|\+|or)\s+(?:the |my )?{_EMAIL_WORDS}|"
    rf"{_EMAIL_WORDS}\s+(?:and|&|\+|or)\s+(?:the |my )?{_PHONE_WORDS})\b|\b(?:i want|keep|have) both\b",
    re.IGNORECASE,
)


# "take the work number off", "not the landline": of several numbers, the one that is no mobile taken out
_REMOVES_A_LANDLINE = re.compile(
    rf"{_REMOVES}(?:work|home|office|landline|other|second|old)\b|\btake (?:the |my )?(?:work|home|office|landline)\b|"
    r"\bnot (?:the |my )?(?:work|home|office|landline)\b",
    re.IGNORECASE,
)


# of several numbers, the mobile, or one named by its first digits, taken out
_REMOVES_A_MOBILE = re.compile(
    rf"{_REMOVES}mobile\b|\btake (?:the |my )?mobile (?:number )?(?:off|out)\b|\bnot (?:on )?(?:the |my )?mobile\b",
    re.IGNORECASE,
)
_REMOVES_BY_DIGITS = re.compile(rf"{_REMOVES}(?:the |my )?(\+?\d[\d ]{{2,}}\d)\s*(?:number|one)?\b", re.IGNORECASE)


def without_a_contact(tracker: Tracker) -> Optional[Text]:
    """Of the contacts kept together, those that stay when the message takes one out; None otherwise. With several
    numbers, "take the work number off, just mobile and email" keeps the mobiles (play-test 28: three contacts made
    this fail, and "Change contact" with it)."""
    contact = tracker.get_slot("booking_contact") or ""
    if CONTACTS_JOINED not in contact:  # one contact: a change replaces it
        return None
    text = tracker.latest_message.get("text") or ""
    parts = contact.split(CONTACTS_JOINED)
    emails = [part for part in parts if "@" in part]
    phones = [part for part in parts if "@" not in part]
    if len(phones) > 1 and _REMOVES_A_LANDLINE.search(text):
        mobiles = [part for part in phones if is_a_mobile(part)]
        phones = mobiles if mobiles and len(mobiles) < len(phones) else phones
    elif len(phones) > 1 and (_REMOVES_A_MOBILE.search(text) or _REMOVES_BY_DIGITS.search(text)):
        # "take the mobile off please", "just remove the 07700 number" (play-test 37: both numbers stayed, three times)
        typed = _REMOVES_BY_DIGITS.search(text)
        digits = re.sub(r"\D", "", typed.group(1)).lstrip("0") if typed else ""
        others = [
            part
            for part in phones
            if (digits and digits not in re.sub(r"\D", "", part)) or (not digits and not is_a_mobile(part))
        ]
        phones = others if others and len(others) < len(phones) else phones
        kept = CONTACTS_JOINED.join(emails + phones)
        return kept if kept != contact else None  # the number named is the one taken out, not every number
    if not _KEEPS_BOTH.search(text):
        removes_email, removes_phone = bool(_REMOVES_EMAIL.search(text)), bool(_REMOVES_PHONE.search(text))
        if removes_email != removes_phone:
            return CONTACTS_JOINED.join(phones if removes_email else emails)
    staying = emails + phones
    # none taken out is no change, in whatever order they stand ("Change contact" pressed with the phone put first
    # swapped them round, and asked for nothing: play-test 134)
    return CONTACTS_JOINED.join(staying) if set(staying) != set(parts) else None


# "the number should end 165 not 156", "ends in 672": the last digits of the one phone number typed again
_ENDS_IN = re.compile(
    r"\b(?:ends?|ending)\s+(?:in\s+|with\s+)?(\d{2,4})(?:\s*,?\s*not\s+(\d{2,4}))?\b|"
    # ("sorry the last digit is 7 not 1": play-test 246, read as 7 o'clock and the time asked for again)
    r"\blast\s+(?:(?:two|three|four|2|3|4|few)\s+)?(?:digits?|numbers?|bits?)\s+(?:is|are|should\s+be|should\s+say|"
    r"was\s+meant\s+to\s+be|needs?\s+to\s+be)\s+(\d{1,4})(?:\s*,?\s*not\s+(?:an?\s+)?(\d{1,4}))?\b",
    re.IGNORECASE,
)


def text_of(tracker: Tracker) -> Text:
    return tracker.latest_message.get("text") or ""


def with_its_end_retyped(tracker: Tracker) -> Optional[Text]:
    """The one phone number kept with its last digits as the message types them again; None when the message names
    other digits than the number ends in ("not 156" of a number ending 158), or there is no one number."""
    contact = tracker.get_slot("booking_contact") or ""
    typed = _ENDS_IN.search(text_of(tracker))
    if not typed or CONTACTS_JOINED in contact or "@" in contact or not contact:
        return None
    new, old = typed.group(1) or typed.group(3), typed.group(2) or typed.group(4)
    if old and (len(old) != len(new) or not contact.endswith(old)):
        return None
    retyped = contact[: len(contact) - len(new)] + new
    return retyped if retyped != contact else None


# what is said not to be meant ("gmail not gmial", "1000mg twice a day, not 500mg", "in 2017 not 2019")
_NOT_THAT = re.compile(r"\bnot\s+([\w.+@-]{3,})", re.IGNORECASE)
_A_WORD = re.compile(r"[\w.+@-]{3,}")
_SENTENCE_ENDS = re.compile(r"[.;!?\n]+(?=\s|$)")


def _shape(word: Text) -> Text:
    """Letters as "a", runs of figures as "9": "1000mg" and "500mg" are alike, "gmail" and "gmial" too."""
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+", "a", word.lower()))


def _beside_the_concern(tracker: Tracker) -> Text:
    """The latest message's words, with a new concern given in it left out (its own words are no respelling)."""
    text = text_of(tracker)
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "concern" and entity.get("start") is not None:
            text = text[: entity["start"]] + " " * (entity["end"] - entity["start"]) + text[entity["end"] :]
    return text


# words too common to be a typo put right ("now not the outlook")
_NO_TYPO = frozenset(
    "the a an my your his her their our to of in on at for and or but it its this that these those is are was be "
    "me you him them us i we he she they not no now then so".split()
)
# nor is a word said in passing the one meant ("my name is Grace Holloway btw not acne scarring lol": play-test 221,
# the concern became "some btw scarring")
_SAID_IN_PASSING = _NO_TYPO | frozenset(
    "btw lol tho though pls please plz sorry too also just actually really anyway obviously ok okay yes yeah".split()
)


def respelt(text: Text, value: Text) -> Optional[Text]:
    """The value with each part said not to be meant replaced by the nearest word before it, in its sentence, of the
    same shape ("oops typo, its gmail not gmial": play-test 41 kept the wrong address; "the metformin is 1000mg twice a
    day, not 500mg … in 2017 not 2019": play-test 41 asked for the time again); None when the value has no such part."""
    changed = value
    for match in _NOT_THAT.finditer(text):
        old = match.group(1).rstrip(".")
        if old.lower() not in changed.lower() or old.lower() in _NO_TYPO:
            # (nor a word every sentence has: "theyll email the gmail one now not the outlook yeah?", play-test 122,
            # made the note "note for now clinic … at now moment")
            continue
        if match.group(0).rstrip(".").lower() in changed.lower():
            # the words with their "not" are what the value says ("prefer SMS not call", a note: play-test 79 stored
            # "prefer SMS not SMS", and "do not call" as "do not SMS"), no part of it said not to be meant
            continue
        # (a sentence ends at a mark before a space, not at the dot in "gmail.com")
        opens = max([end.end() for end in _SENTENCE_ENDS.finditer(text, 0, match.start())] + [0])
        # ("its gmail.com not gmial": the part of "gmail.com" before its dot; play-test 50 made the address
        # "…@com.com") a word typed again is near the one it replaces, unless it holds figures ("1000mg not 500mg")
        # ("until august not september": the word just before "not" is the one meant, however unlike)
        words = [word.rstrip(".") for word in _A_WORD.findall(text[opens : match.start()])]
        said_before = text[opens : match.start()].rstrip()
        last = words[-1:] if said_before and said_before[-1] not in ",;:-" else []  # ("typo, not gmial": none)
        just_before = last + [word.split(".")[0] for word in last if "." in word and "." not in old]
        alike = [
            word
            for word in words + just_before
            if _shape(word) == _shape(old)
            and word.lower() != old.lower()
            and word.lower() not in _SAID_IN_PASSING
            and (word in just_before or any(char.isdigit() for char in old) or edits(word.lower(), old.lower()) <= 2)
        ]
        if alike:
            changed = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", alike[-1], changed, flags=re.IGNORECASE)
    return changed if changed != value else None


# a name said to be spelt otherwise, and no address named: a correction of the name only
_OF_THE_NAME = re.compile(r"\b(?:(?:sur|first |last |family |second )?name|spelt|spelled|spelling)\b", re.IGNORECASE)
_OF_THE_ADDRESS = re.compile(r"\b(?:e-?mail|address|gmail|hotmail|outlook|icloud|yahoo)\b|@", re.IGNORECASE)


def with_a_part_retyped(tracker: Tracker) -> Optional[Text]:
    """The contacts with a part of an email address typed again (`respelt`); None when no email address changes."""
    contact = tracker.get_slot("booking_contact") or ""
    if _OF_THE_NAME.search(text_of(tracker)) and not _OF_THE_ADDRESS.search(text_of(tracker)):
        # "my surname is spelt khaleel not khalil" (play-test 202: the email address "ibrahim.khalil@…" changed too)
        return None
    parts = contact.split(CONTACTS_JOINED)
    retyped = [(respelt(text_of(tracker), part) if "@" in part else None) or part for part in parts]
    return CONTACTS_JOINED.join(retyped) if retyped != parts else None


def asked_what_to_change(tracker: Tracker) -> bool:
    """Whether "What would you like to change?" was said since the latest message."""
    return since_the_latest_message(
        tracker,
        lambda event: event.get("event") == "bot" and (event.get("metadata") or {}).get("template") == WHAT_TO_CHANGE,
    )


class ActionAskBookingFormBookingConfirmed(Action):
    """Shows the collected details and asks to confirm them (after a "no" to that, the response's variation
    asks what to change)."""

    def name(self) -> Text:
        return "action_ask_booking_form_booking_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        # after a plain "no", Rasa's variation on summary_declined asks what to change; it is put back for the next turn
        if not asked_what_to_change(tracker):
            # ("What would you like to change?" just asked, with its own buttons: the summary again after it said the
            # same twice, and its buttons, shown twice in one reply, were merged to a lone "Cancel": play-test 28)
            dispatcher.utter_message(response="utter_booking_summary", **summary_values(tracker, domain))
        return [SlotSet("summary_declined", False)] if tracker.get_slot("summary_declined") else []


class ActionAskBookingFormBookingConsent(Action):
    """Asks whether the clinic may keep the details, showing them (play-test 130: consent asked seven times for
    details never shown, and "which day have you put down exactly?" got "I need a yes or a no")."""

    def name(self) -> Text:
        return "action_ask_booking_form_booking_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_ask_booking_form_booking_consent", **summary_values(tracker, domain))
        return []


# a named detail that a change beside another is asked for again when the message gives no new value for it (a
# contact or a time named without one is more often "same time", "the number is fine")
ASKED_AGAIN = ("booking_name", "booking_concern")
# "drop the Mr", "take the 'Mrs' off": a title taken out of the name
_TITLE_WORD = rf"['\"‘“]?{TITLES}\.?['\"’”]?"
_REMOVES_A_TITLE = re.compile(rf"{_REMOVES}{_TITLE_WORD}(?!\w)", re.IGNORECASE)
_LEADING_TITLE = re.compile(rf"^\s*{TITLES}\.?\s+(?=\S)", re.IGNORECASE)


def without_a_title(tracker: Tracker) -> Optional[Text]:
    """The name without its title when the message takes the title out; None otherwise."""
    name = tracker.get_slot("booking_name") or ""
    text = tracker.latest_message.get("text") or ""
    if not _REMOVES_A_TITLE.search(text) or not _LEADING_TITLE.match(name):
        return None
    return _LEADING_TITLE.sub("", name)


_OTHER_DETAILS = ("person", "email", "phone", "time")


def concern_in_full(tracker: Tracker, entity: Dict[Text, Any]) -> Text:
    """ "the concern is wrinkles around her mouth, she's on warfarin" when the concern is asked: the concern's
    entity ends with its clause (at the summary a change to another detail may follow), but the answer to the
    question runs on to the message's next detail (found by the fourteenth play-test: the warfarin was cut)."""
    value = entity["value"]
    text = tracker.latest_message.get("text") or ""
    start, end = entity.get("start"), entity.get("end")
    if tracker.get_slot("requested_slot") != "booking_concern" or start is None or end is None:
        return value
    if text[start:end] != value:
        return value
    later = [
        e["start"]
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") in _OTHER_DETAILS and (e.get("start") or 0) >= end
    ]
    run = text[start : min(later, default=len(text))]
    if later:  # up to the last clause's end before the next detail ("…, and call me on 07…" is no concern)
        cut = max((run.rfind(mark) for mark in ",;.!?\n"), default=-1)
        run = run[:cut] if cut >= end - start else value
    return run.strip(" ,;:-–\n") or value


def _days_ruled_out_of_the_time(
    dispatcher: CollectingDispatcher, tracker: Tracker, changes: Dict[Text, Any]
) -> Dict[Text, Any]:
    """Days ruled out of a time put down, with no new time ("actually can you say not friday": play-test 148, "What
    would you like to change?" three times): said beside the time in their words, for the clinic; the time stays when
    it is on none of them, and is asked for again when it is."""
    time = tracker.get_slot("booking_time")
    ruled_out = days_ruled_out(text_of(tracker))
    if not ruled_out or not time or "booking_time" in changes:
        return {}
    kept = {"booking_time_text": with_days_ruled_out(_latest_words(tracker.get_slot("booking_time_text")), ruled_out)}
    if PreferredTime.from_slot(time).start.weekday() in weekdays_in(ruled_out):
        return {**kept, **_clear("booking_time")}
    dispatcher.utter_message(response="utter_booking_time_days_ruled_out", said=", ".join(ruled_out))
    return kept


def _clear(slot: Text) -> Dict[Text, Any]:
    # a time's words stay (booking_time_text): the new words change what they name and keep the rest
    return {slot: None}


# second thoughts after an "ok" ("ok. actually …", "fine, but wait …")
_SECOND_THOUGHTS = re.compile(r"\W*(?:actually|wait|hang on|hold on|hmm+|no\b|but\b|sorry|oh wait)", re.IGNORECASE)
# "ok", "okay", "fine" alone: what was shown taken in, not always a yes to it (beside these changed)
_DETAILS_CHANGED = ("booking_name", "booking_contact", "booking_time")
_AN_OK = re.compile(r"^\W*(?:ok+|okay|k|fine|right|alright|all right)\W*$", re.IGNORECASE)
# a yes as a clause of its own ("yes fine. oh and notes: …")
_A_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|fine|agreed|i agree|of course|go ahead)"
    r"(?:\W+(?:fine|please|sure|ok|okay|that'?s (?:fine|ok)|thats (?:fine|ok)|go ahead|of course|you can|you may))*"
    r"\W*$",
    re.IGNORECASE,
)


# what a request is for, said after something else ("… same time. and its for fine lines round my mouth")
_WHAT_IT_IS_FOR = re.compile(
    r"(?:^|[.!?,;]\s*|\band\s+)(?:it'?s|its|it is|this is|that'?s|thats)\s+(?:for|about)\s+(\S.*)$", re.IGNORECASE
)


def _the_prompt_answered_beside(tracker: Tracker, changes: Dict[Text, Any]) -> Dict[Text, Any]:
    """The answer to the form's own question, given beside a note: the name ("Gareth Llewellyn. Before we go on, I take
    warfarin …, can you put that on the notes?") or a yes to keeping the details ("yes fine. oh and notes: …"). Found by
    play-test 42: the note was kept, and the question asked again as if nothing had been said."""
    requested = tracker.get_slot("requested_slot")
    text = text_of(tracker)
    if requested == "booking_name" and "booking_name" not in changes:
        name = name_among_details(tracker, text)
        if name:
            try:
                return checked_value("booking_name", name)
            except InvalidValue:
                return {}
    # what is said before the note, without the words that open it ("yes but also add: …", "yes fine. oh and notes: …")
    start = note_start(tracker)
    before = text[:start] if start is not None else re.split(r"[.,;!?\n]", text, maxsplit=1)[0]
    after = text[len(before) :]
    before = _NOTE_OPENS.sub(" ", before).strip()
    if (
        requested == "booking_consent"
        and before
        and _A_YES.match(before)
        and len(before) < len(text)
        # ("ok. actually tuesday's her bridge club lol so wednesday or thursday morning would be better": play-test 137,
        # the "ok" taken as a yes) an "ok" before second thoughts agrees to nothing
        and not _SECOND_THOUGHTS.match(after)
        # ... nor an "ok" said before a name, contact or time changed ("ok. also it says monday only, can it say any
        # weekday morning next week?": play-test 146, the time asked again and then the request shown for sending with
        # no yes said to keeping the details), which takes in what was shown; a yes said so is one ("yes. and make it
        # wednesday morning"); the summary is shown again with its question
        and not (_AN_OK.match(before) and any(slot in changes for slot in _DETAILS_CHANGED))
    ):
        return {"booking_consent": True}
    # ... or what the request is for, beside a change of time ("actually can we do tuesday instead, same time. and its
    # for fine lines round my mouth": play-test 93, the time refused, and the concern asked for again after it)
    for_it = _WHAT_IT_IS_FOR.search(text)
    entities = tracker.latest_message.get("entities") or []
    if (
        requested == "booking_concern"
        and "booking_concern" not in changes
        and for_it
        and any(e.get("entity") in CONCERN_KINDS for e in entities)
    ):
        try:
            return checked_value("booking_concern", for_it.group(1).strip(" .!?"))
        except InvalidValue:
            return {}
    return {}


_NOTE_OPENS = re.compile(r"\b(?:but|and|also|add|notes?|oh|plus)\b|[:,.;!\-]", re.IGNORECASE)


class ActionNoRequestToChange(Action):
    """A change asked for with no request in this chat: says so, and offers to start one; in the thread of a route not
    seen to, the route instead ("can i not just email them tonight and theyll see it first thing" after NHS 111 for a
    spreading red streak: play-test 167, a consultation offered and the route dropped)."""

    def name(self) -> Text:
        return "action_no_request_to_change"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if left_to_the_emergency_thread(tracker):  # (play-test 215: "should we still ring?" read as a change)
            return [FollowupAction("action_answer_question")]
        if remind_of_the_route(dispatcher, tracker, domain):
            return []
        if not tracker.get_slot("request_sent") and any(tracker.get_slot(slot) for slot in KEPT_WHILE_PAUSED):
            # "can u send my details to the clinic too so they know whats happening, my number is …" with a request
            # paused by a safety answer (play-test 184: "You haven't requested a consultation in this chat", twice):
            # it is there, to pick up
            dispatcher.utter_message(response="utter_request_paused_to_change")
            return []
        if ASKS_TO_BE_WRITTEN_TO.search(tracker.latest_message.get("text") or ""):
            # "can i give my email address instead of a phone number when i request a consultation" (play-test 199:
            # "nothing here to change"): whether that can be, and the offer to start one
            dispatcher.utter_message(response="utter_written_contact")
            return []
        dispatcher.utter_message(response="utter_no_request_to_change")
        return []


# the details a change can be made to while the form still asks for another, as the summary names them
_CHANGED_ON_THE_WAY = {"booking_name": "name", "booking_contact": "contact", "booking_time": "preferred time"}


def _say_what_changed_on_the_way(dispatcher: CollectingDispatcher, tracker: Tracker, changes: Dict[Text, Any]) -> None:
    """A detail changed while the form asks for another ("actually can it be Monday instead, same time" when the concern
    is asked: play-test 220, the concern asked again with no word of the change): the change said, before the form's
    question; at the summary, the summary shows it."""
    requested = tracker.get_slot("requested_slot")
    if tracker.active_loop.get("name") != "booking_form" or requested not in (*_CHANGED_ON_THE_WAY, "booking_concern"):
        return
    for slot, detail in _CHANGED_ON_THE_WAY.items():
        value = changes.get(slot)
        if slot == requested or not value or value == tracker.get_slot(slot):
            continue
        shown = PreferredTime.from_slot(value).describe() if slot == "booking_time" else str(value)
        dispatcher.utter_message(response="utter_booking_detail_changed", detail=detail, value=shown)


class ActionChangeBookingDetail(Action):
    """ "Change the time", "my email is actually …": takes a new value the message gives, else forgets the
    detail it names so that the form asks for it again; then the summary is shown again."""

    def name(self) -> Text:
        return "action_change_booking_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if someone_else_too(tracker):  # "book my friend Amy in too, amy@…": her details are for a request of her own
            dispatcher.utter_message(response="utter_booking_one_at_a_time")
            return [SlotSet("booking_confirmed", None)]
        entities = tracker.latest_message.get("entities") or []
        # "put the mobile first please, thats the one I answer" (play-test 223: a note for the clinic, the order kept):
        # the numbers put in that order, and no note of it
        reordered = contacts_in_order_asked(
            tracker.get_slot("booking_contact") or "", text_of(tracker), clinic().phone_region
        )
        if says_which_number_first(text_of(tracker)):  # a note of the order is none, put in order or already so
            entities = [
                e for e in entities if e.get("entity") != NOTE or not says_which_number_first(str(e.get("value")))
            ]
        notes = [(e["start"], e["end"]) for e in entities if e.get("entity") == NOTE and "start" in e]
        named = [
            e["value"]
            for e in entities
            if e.get("entity") == "booking_field"
            and e.get("value") in EDITABLE
            # a note's words name no detail to change ("the number is my mums, her name is Dawn": play-test 206, the
            # patient's name asked for again)
            and not any(start <= e.get("start", -1) < end for start, end in notes)
        ]
        changes: Dict[Text, Any] = {}
        for slot, carriers in EDITABLE.items():
            for entity in entities:
                if entity.get("entity") not in carriers:
                    continue
                try:
                    # a new time keeps what it does not name of the one given ("change it to 10am" keeps the day)
                    corrects = tracker.get_slot("booking_time_text") if slot == "booking_time" else None
                    if entity.get("entity") == NOTE:  # kept beside the concern, never instead of it
                        for event in note_events(tracker, entity["value"], changes.get(slot) or tracker.get_slot(slot)):
                            changes[event["name"]] = event["value"]
                        break
                    if slot == "booking_time" and tracker.get_slot("booking_time") and _a_backup(tracker, entity):
                        # "oh and or thursday morning is fine too" (play-test 83: Thursday put down instead of the
                        # Tuesday afternoon asked for): the time stays, and the other day is in their words beside it
                        words = _latest_words(corrects)
                        changes["booking_time_text"] = f"{words} or {entity['value']}" if words else entity["value"]
                        break
                    value = concern_in_full(tracker, entity) if slot == "booking_concern" else entity["value"]
                    if slot == "booking_contact":
                        # "her landline is 020 … but try my mobile too 07700 …" (play-test 44: the landline alone)
                        value = both_contacts(tracker) or value
                    changes.update(checked_value(slot, value, corrects=corrects))
                    # "also add my number …" keeps the email; "surname should be …" the first name
                    changes[slot] = as_changed(slot, changes[slot], tracker.get_slot(slot), tracker)
                except InvalidValue as invalid:
                    dispatcher.utter_message(response=invalid.response, **invalid.values)
                    changes.update(_clear(slot))
                    if slot == "booking_time":  # the words are kept for the next ones to complete
                        changes["booking_time_text"] = corrected_words(corrects, entity["value"])
                break
        changes.update(_days_ruled_out_of_the_time(dispatcher, tracker, changes))
        cut = changes.get("booking_time") and cut_to_the_notice(changes["booking_time"], now())
        if cut:  # "make it after 3" at 15:30: the earliest the notice allows, said (play-test 184)
            say_the_earliest(dispatcher, cut)
        if any(e.get("entity") == "age_group" and e.get("value") == "adult" for e in entities):
            # "please remove the under 18 bit, I'm an adult" (found by play-test 25: it could not be taken back)
            changes[UNDER_18] = False
        # (beside another change too: "the 23rd would be better, and just use the phone, take the email off", found by
        # the eleventh play-test)
        kept = without_a_contact(tracker) if "booking_contact" not in changes and "booking_contact" in named else None
        if kept:  # "remove the gmail, just the phone is fine": the other contact stays
            changes["booking_contact"] = kept
        retyped = (
            with_its_end_retyped(tracker)
            if "booking_contact" not in changes and ("booking_contact" in named or _ENDS_IN.search(text_of(tracker)))
            else None
        )
        if retyped:  # "number should end 165 not 156 sorry" (play-test 38: dropped, the wrong number kept)
            changes["booking_contact"] = retyped
        retyped_email = with_a_part_retyped(tracker) if "booking_contact" not in changes else None
        if retyped_email:  # "oops typo, its gmail not gmial"
            changes["booking_contact"] = retyped_email
        # (on top of a new concern given in the same message: "the concern should say acne scarring on cheeks. and the
        # roaccutane was until august not september. and take the eczema bit off", play-test 43 made the first change
        # alone)
        concern = changes.get("booking_concern") or tracker.get_slot("booking_concern") or ""
        retyped_concern = respelt(_beside_the_concern(tracker), concern) if concern else None
        # "the metformin is 1000mg twice a day, not 500mg. and … in 2017 not 2019" in the notes
        if retyped_concern:
            named = [slot for slot in named if slot != "booking_time"]  # ("twice a day" names no time to change)
        part = next(tracker.get_latest_entity_values("removed"), None)
        lessened = without_a_part(retyped_concern or concern, part) if part else None
        if lessened is not None:  # "take metformin out, my GP stopped it" (play-test 42: the notes unchanged)
            changes["booking_concern"] = lessened
        elif retyped_concern:
            changes["booking_concern"] = retyped_concern
        # (or the title alone said to go: "can you drop the Dr, it's not a medical thing lol", play-test 248, kept)
        a_title = bool(part) and bool(re.fullmatch(_TITLE_WORD, str(part).strip(), re.IGNORECASE))
        untitled = (
            without_a_title(tracker) if ("booking_name" in named or a_title) and "booking_name" not in changes else None
        )
        if untitled:  # "drop the 'Mr' from the name" (found by the tenth play-test)
            changes["booking_name"] = untitled
        added = (
            added_to_the_concern(tracker, tracker.latest_message.get("text") or "")
            if "booking_concern" not in changes
            else None
        )
        if added:  # "and my neck too, the lines there as well" (found by play-tests 24 and 25: nothing changed)
            changes["booking_concern"] = added
        widened = (
            widened_concern(tracker, tracker.latest_message.get("text") or "")
            if "booking_concern" not in changes
            else None
        )
        if widened:  # "its cheeks and chin not just cheeks" (found by play-test 28: nothing changed)
            changes["booking_concern"] = widened
        if not changes and not named and any(e.get("entity") in CONCERN_KINDS for e in entities):
            # "u didnt change the chin bit": what the concern names said to be wrong, the concern asked for again
            # (found by play-test 28: "What would you like to change?")
            named = ["booking_concern"]
        if not changes:
            for slot in named[:1]:
                changes.update(_clear(slot))
        else:
            # "make it 10am, and the name's wrong": a name or concern named beside another change, with no new value
            # read for it, is asked for again rather than silently kept (found by the tenth play-test: one of two
            # corrections was dropped)
            for slot in ASKED_AGAIN:
                if slot in named and slot not in changes:
                    changes.update(_clear(slot))
        changes.update(_the_prompt_answered_beside(tracker, changes))
        if "booking_name" in changes:  # "It should say Ray calling about Margaret Hill"
            about = whom_the_booker_named_is_about(tracker, changes["booking_name"])
            changes.update({slot: value for slot, value in about.items() if slot not in changes})
        # "a consultation rather than a call, and make it 3pm": the kind changes too (found by the fifteenth play-test)
        switched = switched_to(switch_asked_for(tracker), dispatcher, tracker) or []
        if not changes and not switched:
            dispatcher.utter_message(response=WHAT_TO_CHANGE)
        if reordered and "booking_contact" not in changes:
            changes["booking_contact"] = reordered
        _say_what_changed_on_the_way(dispatcher, tracker, changes)
        changes["booking_confirmed"] = None
        return switched + [SlotSet(slot, value) for slot, value in changes.items()]
