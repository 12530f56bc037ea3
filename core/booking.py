"""Parsing and validation of what a person types into the booking form.

Pure functions: each takes the text and returns the value to store, or raises
`InvalidValue` whose `response` names the domain response explaining why.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import dateparser
import phonenumbers
from email_validator import EmailNotValidError, validate_email

from core.settings import Clinic
from core.words import (
    AT_CLOSING,
    AT_OPENING,
    HOW_MANY_OF,
    MIN_NUMBER_DIGITS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_IS,
    NOT_MEANT,
    SELF_INTRODUCTIONS,
    TIME_SHIFT,
    TITLES,
    TO_THE_ASSISTANT,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_MISSPELLINGS,
    WEEKDAYS,
    alternatives,
)

MAX_NAME_LENGTH = 100


# a time that names no day at all ("sometime soon"), or a span but no day in it ("next week": which day of it, the
# person is asked; play-test 45 got "couldn't work out a day" for "next week")
NO_DAY = "utter_invalid_booking_time"
NO_DAY_IN_THE_SPAN = "utter_invalid_booking_time_which_day"
NO_DAY_NAMED = (NO_DAY, NO_DAY_IN_THE_SPAN)
_A_SPAN = re.compile(r"\b(?:next|this|the following)\s+(?:week|fortnight|month)\b")
_MONTH_NAME = rf"(?:{alternatives(sorted(MONTHS + MONTH_ABBREVIATIONS, key=len, reverse=True))})"
# a month named with no day in it ("sometime in january", "any weekday in feb"): which day of it, the person is asked
# (play-test 49: "in january" was read as a Sunday of it, and refused as closed)
_A_MONTH_ALONE = re.compile(
    r"^(?:(?:sometime|some time|any ?time|any|day|weekdays?|early|mid|late|the|end|start|beginning|middle|of|in|"
    # ("first week of feb": play-test 126, "I couldn't work out a day"; an ordinal only before a week or a half: "the
    # 4th of january", "4th jan morning", play-test 148, was "which day in January?")
    r"(?:first|1st|second|2nd|third|3rd|fourth|4th|last)\s+(?:week|half)|week|half|"
    rf"during|for|on|a)\s+)*(?P<month>{_MONTH_NAME})$"
)


@dataclass
class InvalidValue(Exception):
    response: str
    values: Dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- name

_NAME_LEAD_IN = re.compile(
    # ("its still Josh, the appointment is for him": play-test 123, the name became "still Josh")
    rf"^\s*(?:hi|hello|hey)?[\s,!.]*(?:(?:{alternatives(SELF_INTRODUCTIONS + ('it is',))})\s*:?\s+(?:still\s+)?|"
    r"(?-i:still)\s+(?=[A-Z]))",
    re.IGNORECASE,
)
# "ok whatever. my name is Dave": a clear lead-in anywhere in the message
_NAME_IS = re.compile(
    # the shared lead-ins, and two of the form's own that the entity extractor does not read
    rf"(?:^|\b)(?:{alternatives(NAME_IS + ('my names', 'im called'))})\s*:?\s+",
    re.IGNORECASE,
)
# "Margaret Holloway, as I said", "Ryan McAllister, i just said", "Kez. again", "just Kez": words around a name
_AROUND_A_NAME = re.compile(
    # ("Her name is Ellie Hughes though": play-test 173, "Name: Ellie Hughes though"; not "tho", a surname too)
    # (a word of its own: "Pat Doherty" was named "Pat Doher", its "ty" taken for a thank-you, play-test 209)
    r"^\s*(?:just|only|simply|actually)\s+|[\s,.!]*\b(?:(?:as|like)\s+i\s+said|i\s+(?:just\s+|already\s+)?said(?:\s+that)?|again|"
    r"thanks?|thank you|thx|ty|please|pls|sorry|soz|actually|instead|lol|then|though)\W*$",
    re.IGNORECASE,
)
# "i just told you, tom baker" (found by the ninth play-test): what is said before the name again
_TOLD_YOU = re.compile(
    r"^\s*(?:(?:i|i've|ive|i have)\s+(?:just\s+|already\s+)?(?:told\s+you|said|gave\s+(?:it|you\s+it))|as\s+i\s+said|"
    r"like\s+i\s+said)\b[\s,:.!-]*",
    re.IGNORECASE,
)
# where a name said twice, or with a title apart, splits ("margaret, margaret ellis"; not "Dr. Hamid Qureshi")
# (an initial is no sentence: "J. Smith", "M. Kowalczyk" were named "J": play-test 31)
# (or marks of exasperation: "jo bennett?? i just put it", play-test 155, was named all of it)
_NAME_PARTS = re.compile(r",|(?<!\bdr)(?<!\bmr)(?<!\bms)(?<!\bst)(?<!mrs)(?<!\b[a-z])\.\s|[?!]{2,}\s", re.IGNORECASE)
# "Fiona McAllister, i already told you this before i cancelled", "seriously?? Fiona McAllister. again." (found by the
# tenth play-test): what is said after the name again, or before it in exasperation
_TOLD_YOU_AFTER = re.compile(
    r"[\s,.;:!-]+(?:i\s+(?:already\s+|just\s+)?(?:told|gave)\s+(?:you|it)|as\s+i\s+said|like\s+i\s+said)\b.*$",
    re.IGNORECASE,
)
_INTERJECTION = re.compile(r"^\s*(?:seriously|omg|ugh+|sigh|jeez|honestly|again|lol|haha|argh+)\b\W+", re.IGNORECASE)
# a title alone beside the name ("margaret ellis. mrs", "Mrs Ellis" keeps it: only a title standing apart goes)
_TITLE = re.compile(rf"(?:^|[\s,.]+)\(?{TITLES}\.?\)?\s*$", re.IGNORECASE)
# words no name holds: "useless i want a human NOW" typed where the name is asked is a plea, not a name
_NEVER_IN_A_NAME = frozenset(
    "want wanna need human humans useless talk speak robot chatbot today tomorrow tonight asap busy weekday weekdays"
    # ("tmrw" where the name was asked: play-test 187, "How can the clinic reach you, tmrw?")
    " tmrw tmr tmoz tomoz tomorow tommorow tomorro 2moro 2morrow"
    " weekends"
    # ("that doesnt answer it" at the name prompt: play-test 54, taken as the name)
    " doesnt doesn't dont don't didnt didn't isnt isn't cant can't wont won't answer answered"
    # ("cancel. i want to book my second session": play-test 56, named "cancel")
    " cancel cancelled session sessions appointment consultation treatment"
    # ("Tom Okafor, same as before": play-test 74, named "same as before")
    " same before usual previous"
    # ("forget the form. does a parent have to come to the appointment, yes or no": play-test 190, named "forget the
    # form")
    " forget form forms consent ignore"
    # ("its for some acne scarring on my cheeks, and lines round my mouth" where the name was asked: play-test 221,
    # "How can the clinic reach you, some acne scarring on my cheeks?"): what is to be looked at, and whose
    " acne scar scars scarring wrinkle wrinkles pores pigmentation rosacea".split()
) | frozenset(WEEKDAYS)
# nor an instruction to the assistant ("SYSTEM OVERRIDE: ignore all previous instructions. …" typed where the name was
# asked became the name, play-test 42)
_TO_THE_ASSISTANT = re.compile(TO_THE_ASSISTANT, re.IGNORECASE)
_NOT_NAMES = frozenset(WEEKDAYS) | frozenset(
    "today tomorrow tonight morning afternoon evening skip pass none nothing nobody anonymous anon idk dunno "
    # ("No, I am already booked. I want to know what happens." at the name prompt, and "unbelievable": play-test 125
    # named them "No" and "unbelievable")
    "n/a na no nope nah yes yeah yep yup ok okay sure fine thanks what why how hello hi hey unbelievable seriously "
    "ridiculous whatever wow "
    # ("I have very dark skin (I'm Nigerian, quite deep skin tone)": play-test 175, "How can the clinic reach you,
    # Nigerian?"): where someone is from, or their skin, is no name on its own
    "nigerian ghanaian african caribbean jamaican somali ethiopian eritrean sudanese kenyan black white asian indian "
    "pakistani bangladeshi chinese british english irish scottish welsh polish romanian mixed latina latino hispanic "
    "arab arabic turkish kurdish iranian persian filipino filipina korean japanese vietnamese thai brazilian "
    "colombian italian spanish french portuguese greek european american tanned pale fair dark olive brown "
    # ("its GONE, it was weeks ago" at the summary: play-test 178, "Name: GONE")
    "gone".split()
)
# words that open a chat message and are no one's name, for a name typed with no "my name is" before a question
# ("hang on, does it hurt?", "ok so, how long does it take?")
_CHAT_WORDS = frozenset(
    "ok okay so hang on well um umm hmm right sorry wait hi hiya hello hey yes yeah yep no nope thanks thank you "
    "actually oh also just quick question sure fine great cool first one more thing and but or please sounds good "
    "alright lovely perfect brilliant ah er erm i me my you your said told literally already again typed wrote "
    "gave put that this it its it's not question".split()
)
# characters no one's name has: markup, code and symbols
_NOT_IN_NAMES = frozenset("<>{}[]=;:|\\/`*#$%^~_+£€")
_QUESTION_WORDS = frozenset("why what how when where who which can could do does is are will would should".split())
MAX_NAME_WORDS = 6


# "Chloe Nguyen (my daughter)", "Jake Morris - contact is his mum Tracey Morris" (found by the eleventh play-test): a
# note about the person or the contact after the name is no part of it
_NOTE_AFTER_A_NAME = re.compile(
    r"\s*(?:\([^)]*\)?|[-–,;]\s*(?:the\s+|my\s+|her\s+|his\s+|their\s+)?(?:contact|number|phone|mobile|email|"
    # ("Joanne Pritchard - its for me not my son just to be clear": play-test 182, the name asked for again)
    r"booking|i'?m|im|i am|it'?s|it is|this is|that'?s|for|not)\b.*|"
    # "Jessica Martinez-Hall but everyone calls me Jess" (found by the twelfth play-test)
    r"[\s,]+(?:but|though|and)\s+(?:everyone|everybody|people|friends|most people|my friends)\s+(?:call|calls)\b.*)"
    r"\s*$",
    re.IGNORECASE,
)


def parse_name(text: str) -> str:
    """The name as typed (accents, quotes, any script), minus a lead-in like "my name is"."""
    text = _NOTE_AFTER_A_NAME.sub("", text or "") or text or ""
    lead_in = None
    for lead_in in _NAME_IS.finditer(text):  # noqa: B007 - the last "my name is" in the message
        pass
    name = text[lead_in.end() :] if lead_in else _NAME_LEAD_IN.sub("", text, count=1)
    name = _TOLD_YOU.sub("", name)
    name = _TOLD_YOU_AFTER.sub("", _INTERJECTION.sub("", name))
    name = re.sub(r"^\s*(?:it'?s\s+)?for\s+(?=[^\W\d_])", "", name, flags=re.IGNORECASE)  # "for Marcus Bell"
    # ("i just told you?? Siobhan O'Neill": found by play-test 26, "?? Siobhan O'Neill")
    name = _AROUND_A_NAME.sub("", _AROUND_A_NAME.sub("", name.strip())).strip(" ,.").lstrip("?!:;- ")
    # ("Marcus Bell!!" typed again, annoyed: play-test 50 kept the marks in the name)
    name = _TITLE.sub("", name).strip(" ,.").rstrip("! ").strip(" ,.")
    # ("Chioma Okafor??", typed again when it was asked for again: play-test 154, "that doesn't look like a name"; a
    # single "?" still asks)
    name = re.sub(r"\s*\?{2,}[?! ]*$", "", name)
    parts = [part.strip() for part in _NAME_PARTS.split(name) if part.strip()]
    if len(parts) > 1 and not any(ch in _NOT_IN_NAMES for ch in name):
        # "margaret, margaret ellis. mrs": the fullest part (found by the ninth play-test), of those with no word a
        # chat message opens with ("i literally just said. tom" was named "i literally just said": twenty-second
        # play-test)
        # (nor one that asks, or has a word no name holds: "jas kaur. r u open sundays?", "Tom Okafor, same as before":
        # play-test 74, the name asked for again)
        plain = [
            part
            for part in parts
            if not any(word.lower().strip(",.!?") in _CHAT_WORDS | _NEVER_IN_A_NAME for word in part.split())
            and not part.endswith("?")
        ]
        name = max(plain or parts, key=lambda part: len(part.split()))
    words = name.split()
    if not name or not any(ch.isalpha() for ch in name):
        raise InvalidValue("utter_invalid_booking_name")
    if (
        "@" in name
        or any(ch in _NOT_IN_NAMES for ch in name)
        or any(ch.isdigit() for ch in name)  # an email, phone number or time typed where the name was asked
        # (a question's first word that is a first name too, as a name is written: "Will Turner", play-test 252, refused
        # four times)
        or (
            words[0].lower().strip(",.!?") in _QUESTION_WORDS
            and not (
                words[0] in ("Will", "May")
                and 2 <= len(words) <= 3
                and all(word[:1].isupper() and word[1:2].islower() for word in words)
            )
        )
        or len(words) > MAX_NAME_WORDS
        or any(word.lower().strip(",.!?") in _NEVER_IN_A_NAME for word in words)
        or (len(words) == 1 and name.lower().strip(".!") in _NOT_NAMES)
        or name.endswith("?")
        or _TO_THE_ASSISTANT.search(text)
    ):
        raise InvalidValue("utter_invalid_booking_name")
    # (after what no name holds: an instruction to the assistant is no long name, play-test 42)
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidValue("utter_invalid_booking_name_length", {"max_length": str(MAX_NAME_LENGTH)})
    return name


def parse_bare_name(text: str) -> str:
    """A name typed alone, with no "my name is" ("Sarah Jones" before a question): as `parse_name`, and no word of it
    one that opens a chat message; InvalidValue otherwise."""
    name = parse_name(text)
    if any(word.lower().strip(",.!?") in _CHAT_WORDS for word in name.split()):
        raise InvalidValue("utter_invalid_booking_name")
    return name


# ---------------------------------------------------------------- contact

_EMAIL_CANDIDATE = re.compile(r"[^\s<>(),;:]+@[^\s<>(),;:]+")
_PHONE_CANDIDATE = re.compile(r"\+?[\d][\d\s().\-/]{5,}\d")


def callable_number(number: "phonenumbers.PhoneNumber") -> bool:
    """A number in a range in use, or a mobile number of the right length and prefix that the library's list
    of ranges does not have yet (07911 5…): the clinic rather calls a number than turns a patient away. Any
    other unknown number is refused ("087 123 4567" is no UK number: an Irish mobile needs +353)."""
    if phonenumbers.is_valid_number(number):
        return True
    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(number.national_number)
    return (
        example is not None
        and len(national) >= MIN_NUMBER_DIGITS
        and len(national) == len(str(example.national_number))
        and national[0] == str(example.national_number)[0]
        and phonenumbers.is_possible_number_for_type(number, phonenumbers.PhoneNumberType.MOBILE)
    )


@dataclass(frozen=True)
class Contact:
    kind: str  # "email" or "phone"
    value: str  # normalised: the email as validated, the phone in E.164


def parse_contact(text: str, region: str) -> Contact:
    """An email address or a phone number found in the text, normalised."""
    text = text or ""
    email = _EMAIL_CANDIDATE.search(text)
    if email:
        try:
            checked = validate_email(email.group(0).rstrip("."), check_deliverability=False)
        except EmailNotValidError:
            raise InvalidValue("utter_invalid_booking_email") from None
        return Contact("email", checked.normalized)
    phone = _PHONE_CANDIDATE.search(text)
    if phone:
        try:
            number = phonenumbers.parse(phone.group(0), region)
        except phonenumbers.NumberParseException:
            raise InvalidValue("utter_invalid_booking_phone") from None
        if not callable_number(number):
            raise InvalidValue("utter_invalid_booking_phone")
        return Contact("phone", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    raise InvalidValue("utter_invalid_booking_contact")


# two ways to reach someone ("also add my number"): an email address and a phone number, one of each
CONTACTS_JOINED = "; "
# words that add a contact rather than replace the one given ("also add my number", "my mobile too")
ADDS_A_CONTACT = re.compile(
    r"\b(?:also|add|as well|too|both|another|second|in addition|put (?:it|that|them) back|back in|keep (?:the|my) "
    r"(?:other|email|e-mail|phone|number|mobile)|"
    # "my phone is 07700 900 321 first, the spanish one only if no answer" (play-test 28: the Spanish number was lost)
    r"back-?up|back up|if no answer|if (?:i|they) (?:don'?t|dont|do not|can'?t) (?:answer|pick up|get through)|"
    r"the other one|the (?:\w+ )?one (?:only )?if|either|whichever|"
    # ("wheres my email gone? its dan.whitfield@gmail.com": play-test 129, the phone replaced)
    r"where'?s my (?:email|e-mail|number|phone|mobile)|where has my (?:email|e-mail|number|phone|mobile)|"
    r"(?:dropped|lost|missed|forgot|left out) my (?:email|e-mail|number|phone|mobile))\b",
    re.IGNORECASE,
)


def is_a_mobile(value: str, region: str = "GB") -> bool:
    """Whether a stored phone number is a mobile's (phonenumbers' metadata): "the work number" is one that is not."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    if kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return True
    # (a UK mobile's national number begins with 7, the 07700 900… numbers set aside for drama and tests too)
    return number.country_code == 44 and str(number.national_number).startswith("7")


def contact_kind(value: str) -> str:
    """ "email", "phone", or "both" for a stored contact value."""
    kinds = {"email" if "@" in part else "phone" for part in value.split(CONTACTS_JOINED)}
    return kinds.pop() if len(kinds) == 1 else "both"


def parse_contacts(text: str, region: str) -> str:
    """The contact value of the text: one contact, or two kept together (CONTACTS_JOINED), each checked."""
    return CONTACTS_JOINED.join(parse_contact(part, region).value for part in (text or "").split(CONTACTS_JOINED))


# at most this many contacts are kept together
MAX_CONTACTS = 3


def added_contact(earlier: str, new: str, same_kind_too: bool = False) -> str:
    """A contact added beside those given before: one of each kind, the new one replacing one of its kind; with
    `same_kind_too` ("add my mobile too, keep the work one"), beside those of its kind as well (found by the fifteenth
    and sixteenth play-tests: a second number replaced the first), up to MAX_CONTACTS, the oldest left out."""
    parts = earlier.split(CONTACTS_JOINED)
    kept = (
        [part for part in parts if part not in new.split(CONTACTS_JOINED)]
        if same_kind_too
        else [part for part in parts if contact_kind(part) != contact_kind(new)]
    )
    return CONTACTS_JOINED.join((kept + [new])[-MAX_CONTACTS:])


# the number said not to be meant ("07700 900556 not 900555", "not the 555 one"): its digits
_NOT_THE_NUMBER = re.compile(r"\bnot\s+(?:the\s+|my\s+)?(?P<digits>\+?\d[\d\s-]{1,18}\d)")
# which of several numbers is meant, by its kind ("the mobile should be …", "landline is wrong, it's …")
_A_MOBILE_NAMED = re.compile(r"\b(?:mobile|mob|cell|cellphone)\b", re.IGNORECASE)
_A_LANDLINE_NAMED = re.compile(r"\b(?:landline|land line|home (?:phone|number)|house phone)\b", re.IGNORECASE)


def _digits(words: str) -> str:
    return re.sub(r"\D", "", words)


def contact_replaced(earlier: str, new: str, text: str, region: str) -> Optional[str]:
    """One of several numbers given before, corrected ("the mobile should be 07700 900556 not 900555": play-test 218,
    the landline beside it was dropped): the contacts with that one replaced, the others kept; None when the message
    does not say which one it is (the digits said not to be meant, or the kind of number named, or a number that differs
    from only one of them by a digit or two)."""
    parts = earlier.split(CONTACTS_JOINED)
    numbers = [part for part in parts if contact_kind(part) == "phone"]
    if contact_kind(new) != "phone" or CONTACTS_JOINED in new or len(numbers) < 2:
        return None
    candidates: List[str] = []
    wrong = _NOT_THE_NUMBER.search(text or "")
    if wrong and len(_digits(wrong.group("digits"))) >= 3:
        candidates = [part for part in numbers if _digits(part).endswith(_digits(wrong.group("digits"))[-6:])]
    if not candidates and (_A_MOBILE_NAMED.search(text or "") or _A_LANDLINE_NAMED.search(text or "")):
        mobile = bool(_A_MOBILE_NAMED.search(text or "")) and not _A_LANDLINE_NAMED.search(text or "")
        candidates = [part for part in numbers if is_a_mobile(part, region) == mobile]
    if not candidates:
        candidates = [
            part
            for part in numbers
            if len(_digits(part)) == len(_digits(new))
            and sum(a != b for a, b in zip(_digits(part), _digits(new), strict=True)) <= 2
        ]
    if len(candidates) != 1:
        return None
    return CONTACTS_JOINED.join(dict.fromkeys(new if part == candidates[0] else part for part in parts))


# which of several numbers is to come first ("mobile's better", "put the mobile first please", "landline as backup")
_MOBILE_FIRST = re.compile(
    r"\b(?:mobile|mob|cell)(?:'s|\s+is|\s+number\s+is)?\s+(?:first|better|best|preferred|main|the main one|"
    r"the best one|the one i answer)\b|"
    r"\b(?:put|list|have|make)\s+(?:the\s+|my\s+)?(?:mobile|mob|cell)(?:\s+number)?\s+(?:first|at the top)\b|"
    r"\b(?:landline|land line|home number)\s+(?:as|for)\s+(?:a\s+|the\s+)?back-?up\b|"
    r"\bmain(?:\s+number)?\s*(?:is\s+|:\s*|-\s*)?(?:the\s+|my\s+)?(?:mobile|07)",
    re.IGNORECASE,
)
_LANDLINE_FIRST = re.compile(
    r"\b(?:landline|land line|home number)(?:'s|\s+is)?\s+(?:first|better|best|preferred|main)\b|"
    r"\b(?:put|list|have|make)\s+(?:the\s+|my\s+)?(?:landline|land line|home number)\s+(?:first|at the top)\b|"
    r"\b(?:mobile|mob|cell)\s+(?:as|for)\s+(?:a\s+|the\s+)?back-?up\b",
    re.IGNORECASE,
)


def says_which_number_first(text: str) -> bool:
    """Whether the words say which kind of number comes first ("mobile first please")."""
    return bool(_MOBILE_FIRST.search(text or "")) != bool(_LANDLINE_FIRST.search(text or ""))


def contacts_in_order_asked(contact: str, text: str, region: str) -> Optional[str]:
    """The contacts kept together, the kind of number said to be first put first ("mobile's better", "put the mobile
    first please": play-test 223, the landline kept first and the order put in a note); None when the message says no
    order, or the order is already so."""
    parts = (contact or "").split(CONTACTS_JOINED)
    if len(parts) < 2 or not says_which_number_first(text):
        return None
    mobile_first = bool(_MOBILE_FIRST.search(text or ""))
    first = [part for part in parts if contact_kind(part) == "phone" and is_a_mobile(part, region) == mobile_first]
    if not first:
        return None
    ordered = first + [part for part in parts if part not in first]
    return CONTACTS_JOINED.join(ordered) if ordered != parts else None


# ---------------------------------------------------------------- preferred time

# Parts of the day a person may name instead of a time: (from, to).
_PARTS_OF_DAY = {
    "early morning": (dt.time(7, 0), dt.time(10, 0)),
    "late morning": (dt.time(10, 0), dt.time(12, 0)),
    "early afternoon": (dt.time(12, 0), dt.time(15, 0)),
    "late afternoon": (dt.time(15, 0), dt.time(17, 0)),
    "early evening": (dt.time(17, 0), dt.time(19, 0)),
    "morning": (dt.time(7, 0), dt.time(12, 0)),
    "lunchtime": (dt.time(12, 0), dt.time(14, 0)),
    "lunch time": (dt.time(12, 0), dt.time(14, 0)),
    "midday": (dt.time(12, 0), dt.time(12, 0)),
    "noon": (dt.time(12, 0), dt.time(12, 0)),
    "afternoon": (dt.time(12, 0), dt.time(17, 0)),
    "after lunch": (dt.time(13, 0), dt.time(17, 0)),
    "after work": (dt.time(17, 0), dt.time(21, 0)),
    "after school": (dt.time(15, 0), dt.time(21, 0)),
    "before work": (dt.time(7, 0), dt.time(9, 30)),
    "before lunch": (dt.time(7, 0), dt.time(12, 0)),
    "evening": (dt.time(17, 0), dt.time(21, 0)),
    "tonight": (dt.time(17, 0), dt.time(21, 0)),
    # "mon am", "pm", "fri arvo" (play-test 27: "pm" at the summary was not read)
    "am": (dt.time(7, 0), dt.time(12, 0)),
    "a.m.": (dt.time(7, 0), dt.time(12, 0)),
    "morn": (dt.time(7, 0), dt.time(12, 0)),
    "pm": (dt.time(12, 0), dt.time(21, 0)),
    "p.m.": (dt.time(12, 0), dt.time(21, 0)),
    "arvo": (dt.time(12, 0), dt.time(17, 0)),
    # "as late as possible" (AT_CLOSING, read as "at closing"): the clinic's last hour that day, whenever it closes;
    # the window here only marks it (preferred_time)
    "closing": (dt.time(12, 0), dt.time(23, 58)),
}
_PART_OF_DAY = re.compile(
    r"\b(?:in the |during the |at )?(" + "|".join(sorted(_PARTS_OF_DAY, key=len, reverse=True)) + r")s?\b"
)
_CLOCK = re.compile(
    r"\b(?:at\s+|@\s*|around\s+|about\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?=\W|$)"
    # (not the day and month of a date with its year: "20.09.2028 at 11:00" was 20:09 today, play-test 231)
    r"|\b(?:at\s+|@\s*|around\s+|about\s+)?(\d{1,2})[:.](\d{2})\b(?![./-]\d)"
    r"|\b(?:at|around|about)\s+(\d{1,2})\b(?!\s*(?:st|nd|rd|th|/|-|\.\d))"
)
# "after 5", "from 2pm", "before 11": the window opens or closes at that time (a bare 1-7 is pm)
_BOUNDED = re.compile(
    r"\b(after|from|not before|before|by|until|till|no later than)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
    r"(?=\W|$)(?!\s*(?:st|nd|rd|th)\b)"
)
_OPENS_AT = ("after", "from", "not before")
# "monday 12-2", "tue 2-4", "10-1": two bare hours joined by a dash, each up to 12, are a window on a clinic's day (a
# bare 1-7 is pm), not a date (play-test 34: "monday 12-2" was read as 12 February); "on 12-2" or "12-2-27" stays one
_HOUR_RANGE = re.compile(
    # ("tuesday 10 till 12": play-test 37, Thursday the 10th)
    # ("monday 7th, 9 to 12": play-test 40, 11:51; in figures, an earlier hour "to" a later one is a window, and
    # "5 to 3", "ten to twelve" are still minutes to the hour)
    # (minutes to either: "9 til 9.30 only", play-test 241, put down as 09:30)
    r"(?<!\bon )(?<![\d/.\-])\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*(?:[-–]|\s(?:till|until|til|to)\s)\s*(1[0-2]|[1-9])"
    r"(?:[:.]([0-5]\d))?\b(?![\d/.\-:]|\s*(?:st|nd|rd|th)\b)"
    rf"(?!\s*{HOW_MANY_OF})"  # "5-6 weeks pregnant", "2-3 days after": a count, not hours
)
# "weekday evenings", "lunchtime any weekday", "during the week": the time of day on the next weekday it can be
_ANY_WEEKDAY = re.compile(
    # ("late afternoon on a weekday": play-test 54, "That time has already passed")
    r"\b(?:(?:on|any|most|all)\s+)?(?:an?\s+)?week\s?days?\b|\bduring\s+the\s+week\b|\bmon(?:day)?\s*[-–]\s*fri(?:day)?\b"
)
# "between 1 and 2", "from 10 till 12", "1-2pm": a window (found by the tenth play-test)
_BETWEEN = re.compile(
    r"\b(?:between|from)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*(?:and|to|till|until|-|–)\s*"
    r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?(?=\W|$)(?!\s*(?:st|nd|rd|th)\b)"
    # with no "between" or "from", the hours joined by a dash or "to", the second with its am or pm
    r"|\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*(?:-|–|to|till|until|til)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\b"
)
# "10am to 12", "9.30am till 11": a window whose first hour has its am or pm and the second none (play-test 77: "Monday,
# 10am to 12 noon" was "I couldn't work out a day", and "10am-12 noon" 10:00)
_FROM_A_CLOCK_TIME = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)\s*(?:-|–|to|till|until|til)\s*(\d{1,2})(?:[:.](\d{2}))?\b"
    r"(?!\s*(?:st|nd|rd|th|am|pm)\b)"
)
# a weekday as people write it: "mon", "tues", "weds", "thurs", "saturday"
_WEEKDAY_WORD = (
    r"(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
)
# more weekdays listed after one ruled out ("not mondays or fridays"): ruled out too
_OR_WEEKDAYS = rf"(?:\s+(?:or|nor)\s+(?:on\s+)?{_WEEKDAY_WORD.replace('(', '(?:', 1)}(?:s|days)?\b)*"
# "sat 12", "tuesday 5": a weekday and a bare number up to 12 is a time on that day, not a date
# ("monday, 10": play-test 93 was put down for Thursday the 10th)
_WEEKDAY_HOUR = re.compile(rf"\b{_WEEKDAY_WORD}[,.]?\s+(\d{{1,2}})(?=\s*$|\s*[,.!?](?!\d))")
_HALF_PAST = re.compile(r"\bhalf (?:past )?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
# "ten past two", "quarter past 2", "quarter to three", "20 past 2": minutes from the hour (a bare 1-7 is pm)
_PAST_OR_TO = re.compile(
    r"\b(?:at\s+)?(?:a\s+)?(five|ten|quarter|twenty|twenty[- ]five|\d{1,2})\s+(past|to)\s+"
    r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?:\s*(am|pm))?"
)
_MINUTE_WORDS = {"five": 5, "ten": 10, "quarter": 15, "twenty": 20, "twenty-five": 25, "twenty five": 25}
_NUMBER_WORDS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()


def _with_its_suffix(day: int) -> str:
    """A day of the month as it is written in figures: "1st", "22nd", "16th"."""
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# the days of the month in words, written in figures ("sixteenth": "16th", "twenty-first": "21st")
_DAYS_IN_WORDS = {
    **{word: _with_its_suffix(day) for day, word in enumerate(_ORDINALS, start=1)},
    **{f"twenty-{word}": _with_its_suffix(20 + day) for day, word in enumerate(_ORDINALS[:9], start=1)},
    "thirtieth": "30th",
    "thirty-first": "31st",
}
_A_DAY_WORD = r"(twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[- ]first|" + (
    "|".join(sorted(_ORDINALS + ["thirtieth"], key=len, reverse=True)) + ")"
)
# "the sixteenth", "16 december" said as "december the sixteenth", "the first of january": never "the first
# monday", "the second week", "first thing"
_DAY_IN_WORDS = re.compile(
    rf"(?<=\bthe )\s*{_A_DAY_WORD}\b(?!\s+(?:mon|tue|wed|thu|fri|sat|sun|week|weekend|thing|time|one|slot|"
    r"appointment|available|opening|day|session|visit|consultation|of\s+(?:the\s+)?(?:week|month)))"
)
_AN_HOUR_WORD = r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# "at eleven", "around two": an hour in words after a word that leads to a time ("at ten past" is _PAST_OR_TO's)
_HOUR_IN_WORDS = re.compile(
    rf"\b(at|around|about|after|before|by|from|till|until|to|between|and)\s+{_AN_HOUR_WORD}\b"
    r"(?!\s*(?:past|to|weeks?|days?|months?|of|people|sessions?|minutes?|hours?|mins?)\b)(?![-'])"
)
# "eleven am", "two o'clock", "ten-thirty"
_HOUR_WORD_BEFORE = re.compile(rf"\b{_AN_HOUR_WORD}\s*(am|pm|o'?\s?clock)\b")
# "ten thirty", "eleven fifteen": an hour and its minutes in words
_HOUR_AND_MINUTES_IN_WORDS = re.compile(rf"\b{_AN_HOUR_WORD}[\s-]+(thirty|fifteen|forty[\s-]?five)\b")
_MINUTE_NUMBERS = {"thirty": "30", "fifteen": "15"}
# an hour in words as a sentence of its own, or opening one that says it suits ("Eleven would be better", "ELEVEN
# please": play-test 247, read as the 11th, or not at all)
_AN_HOUR_WORD_ALONE = re.compile(
    rf"(?:^|(?<=[.!?,;]\s)|(?<=[.!?,;]))\s*{_AN_HOUR_WORD}(?=\s+(?:would|is|works|suits|instead|then|please|pls|if|"
    r"is better|sounds)\b|\s*[.!?]*\s*$)"
)
_ORDINAL_DAY = re.compile(r"^(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?$")
_WEEKDAY = re.compile(r"\b(?:next|this|coming|on)\s+(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)", re.IGNORECASE)
# (in the plural too: "tuesdays or thursdays, between 10 and 1", play-test 43, not understood)
_OTHER_WEEKDAY = re.compile(rf"\b{_WEEKDAY_WORD}s?\s+or\s+(?:on\s+|next\s+)?{_WEEKDAY_WORD}s?\b")
_OTHER_DATE = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th))\s+or\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b")
# "next tuesday morning or wednesday after 2pm": a second day with its own time, after the first (found by the
# twenty-third play-test: neither was understood); the first is taken, and the clinic reads the words
# ("a saturday, maybe the 12th around 11? or after 4 on a thursday": play-test 36, no day worked out)
# "or", "or if not", "or failing that": another day offered after the first
_OR_INSTEAD = r"or\s+(?:(?:if\s+not|failing\s+that|else|otherwise)\s+)?"
# "next thursday or the one after, afternoon", "… or the week after, either works": the same day a week on, offered
# as well (play-test 141: refused twice); the first is taken, and the clinic reads the words too
_OR_A_WEEK_LATER = re.compile(
    r"[\s,.]*\bor\s+(?:the\s+)?(?:one|week)\s+after(?:\s+that)?\b(?:[\s,]*(?:either|both|any)(?:\s+\w+)?\s+"
    r"(?:works?|is fine|are fine|fine|ok|okay|suits?))?"
)
_OR_ANOTHER_DAY = re.compile(
    # ("tuesday 8th after 2pm, or if not weds 9th after 2": play-test 44, not understood)
    rf"(?<=[\w?])\s*[,?.]?\s+{_OR_INSTEAD}"
    r"(?:(?:after|before|from|around|about|at)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\s+)?"
    # ("today. or tomorrow morning": play-test 93, "couldn't work out a day")
    rf"(?:on\s+|next\s+|this\s+)?(?:an?\s+)?(?:{_WEEKDAY_WORD}|tomorrow|today)\b.*$"
)


# a span of weekdays or of dates, of which the first day is taken ("tues to fri", "between the 14th and 17th")
_A_SPAN_OF_WEEKDAYS = re.compile(
    rf"\b(?:from\s+|between\s+)?{_WEEKDAY_WORD}s?\s*(?:-|–|to|till|until|til|thru|through|and)\s*"
    rf"{_WEEKDAY_WORD.replace('(', '(?:', 1)}s?\b(?!\s+or\b)"
)
_A_SPAN_OF_DATES = re.compile(
    r"\b(?:(?:any\s+day\s+)?(?:from|between)\s+)?(?:the\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th))\s*"
    r"(?:-|–|and|to|till|until|til|thru|through)\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:am|pm|:|\.\d))"
)


# "any day but monday": the weekday ruled out (`_NOT_ON`), any other day offered
_ANY_DAY_BUT = r"(any\s?(?:day|time|week\s?day)|whenever)\s+but"
_BUT_A_WEEKDAY = re.compile(
    rf"\b{_ANY_DAY_BUT}\s+(?:not\s+)?(?:on\s+)?{_WEEKDAY_WORD.replace('(', '(?:', 1)}(?:s|days)?\b{_OR_WEEKDAYS}"
)
# "any saturday", "every tuesday": that weekday of any week
_ANY_OF_A_WEEKDAY = re.compile(rf"\b(?:any|every)\s+{_WEEKDAY_WORD}\b")
# "any morning", "a weekday", "any time", before the week it is in
_ANY_PART_OF = r"\b(?:any|a)\s+(?:(?:week)?day\s+)?(?:(morning|afternoon|evening|lunchtime)s?\s+|time\s+)?"
_ANY_DAY_OF_A_WEEK = re.compile(rf"{_ANY_PART_OF}(?:next|that|this)\s+week\b")


def names_a_span_of_days(words: str) -> bool:
    """Whether the words offer a span of days ("tues to fri", "between the 14th and 17th", "any morning next week") or
    any day at all ("whenever"), of which the first that fits is taken."""
    lowered = (words or "").split(CORRECTED)[-1].lower().replace("’", "'")
    return bool(
        _A_SPAN_OF_WEEKDAYS.search(lowered)
        or _A_SPAN_OF_DATES.search(lowered)
        or _ANY_DAY_OF_A_WEEK.search(lowered)
        or _ANY_OF_A_WEEKDAY.search(lowered)
        # ("whenever today": that day, at any time of it; "any day but tuesday" names none)
        or (_ANY_DAY_AT_ALL.search(lowered) and not ONE_DAY_NAMED.search(_days_ruled_out_taken_out(lowered)))
    )


def _days_ruled_out_taken_out(words: str) -> str:
    for ruled_out in days_ruled_out(words):
        words = words.replace(ruled_out, " ")
    return words


def names_any_weekday(words: str) -> bool:
    """Whether the words offer any weekday ("weekday evenings", "mon-fri after 4"), not one day (not "he's at college
    weekdays so a saturday, the 16th? late morning": play-test 190, "they'll know other weekdays suit you too")."""
    lowered = words.lower()
    one_day = re.search(
        rf"\b{_WEEKDAY_WORD}\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|\b(?:today|tomorrow|tonight)\b",
        _ANY_WEEKDAY.sub(" ", lowered),
    )
    return bool(_ANY_WEEKDAY.search(lowered)) and not one_day


# "mornings ideally", "afternoons are best": a part of any day, with no day named (play-test 42: tomorrow was put down
# with no word of it)
_ANY_DAY = re.compile(r"\b(?:mornings|afternoons|evenings|lunchtimes|any day|most days|every day)\b")
_A_DAY_NAMED = re.compile(
    rf"\b{_WEEKDAY_WORD}\b|\b(?:today|tomorrow|tmrw|tonight|week|weekend|fortnight|month)\b|\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b(?:{alternatives(MONTH_ABBREVIATIONS)})[a-z]*\b"
)


def names_any_day(words: str) -> bool:
    """Whether the words offer a part of any day ("mornings ideally"), and name no day, of which the first that fits is
    taken."""
    lowered = (words or "").split(CORRECTED)[-1].lower()
    return bool(_ANY_DAY.search(lowered)) and not _A_DAY_NAMED.search(lowered) and not names_any_weekday(lowered)


def names_another_day(words: str) -> bool:
    """Whether the words of a time offer a second day ("tuesday or wednesday"), of which the first is taken."""
    lowered = _days_ruled_out_taken_out((words or "").lower())  # ("not mondays or fridays" offers no day)
    return bool(
        _OTHER_WEEKDAY.search(lowered)
        or _OTHER_DATE.search(lowered)
        or _OR_ANOTHER_DAY.search(lowered)
        or _OR_A_WEEK_LATER.search(lowered)
    )


_SHORTHANDS = (
    # "2 onwards", "from 2pm", "from 3 or later": a time from then on (play-test 31: not understood, or read as 2pm)
    (
        re.compile(r"\b(?:from\s+)?(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)\s*(?:onwards?|or later|and later)\b"),
        r"after \1",
    ),
    (
        re.compile(r"\bfrom\s+(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)(?![\d:.])(?!\s*(?:-|–|to|till|until|and)\s*\d)"),
        r"after \1",
    ),
    (re.compile(r"\b(?:tmrw|tmr|tmrow|tomoz|tommorow|tomorow|tommorrow|2moro|2morrow)\b"), "tomorrow"),
    # "this friday coming", "friday coming" (play-test 252: "couldn't work out a day"): that weekday, the next one
    (re.compile(rf"\b(?:this\s+|the\s+)?{_WEEKDAY_WORD}\s+coming\b"), r"\1"),
    # ("wensday morning": play-test 251, put down for today)
    (re.compile(rf"\b({alternatives(WEEKDAY_MISSPELLINGS)})\b"), lambda match: WEEKDAY_MISSPELLINGS[match.group(1)]),
    # "wednesday the sixteenth at eleven": a day of the month and an hour in words, as figures (play-test 101:
    # "couldn't work out a day")
    (_DAY_IN_WORDS, lambda match: _DAYS_IN_WORDS[match.group(1).replace(" ", "-")]),
    (_HOUR_IN_WORDS, lambda match: f"{match.group(1)} {_NUMBER_WORDS[match.group(2)]}"),
    (_HOUR_WORD_BEFORE, lambda match: f"{_NUMBER_WORDS[match.group(1)]}{match.group(2)}"),
    (
        _HOUR_AND_MINUTES_IN_WORDS,
        lambda match: f"{_NUMBER_WORDS[match.group(1)]}:{_MINUTE_NUMBERS.get(match.group(2), '45')}",
    ),
    (_AN_HOUR_WORD_ALONE, lambda match: f" {_NUMBER_WORDS[match.group(1)]}"),
    # "the one after - wed 16th": the day then named (play-test 99: "1 December is a Tuesday", the "one" read as a date)
    (re.compile(r"\bthe (?:one|week) after\s*[-–:,]\s*(?=(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|\d))"), ""),
    # "12th-16th jan": the first day of the span (play-test 99: "more than 120 days ahead")
    (
        re.compile(
            r"\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|till|until)\s*\d{1,2}(?:st|nd|rd|th)?\s+((?:of\s+)?(?:jan|feb|mar|apr|"
            r"may|jun|jul|aug|sep|oct|nov|dec)\w*)"
        ),
        lambda match: f"{match.group(1)} {match.group(2)}",
    ),
    # "any weekday next week, mornings best": the first of them (play-test 99: "which day?"); "any morning next week",
    # "any weekday morning next week", "any time next week" (play-test 146: "which day next week?", three times)
    (re.compile(rf"{_ANY_PART_OF}next\s+week\b"), r"monday next week \1"),
    # "10 or 11", "2pm or 3": the first hour offered (play-test 93: "monday … 10 or 11", "couldn't work out a day")
    (
        re.compile(
            r"\b(\d{1,2}(?:[:.]\d{2})?)\s*(am|pm)?\s+or\s+(?:at\s+)?\d{1,2}(?:[:.]\d{2})?\s*(am|pm)?"
            r"(?!\s*(?:st|nd|rd|th)\b)(?![:.]?\d)"
        ),
        lambda match: match.group(1) + (match.group(2) or match.group(3) or ""),
    ),
    # "lunchtimes 12-2 or after 5", "12.30 or after 5pm": the first window offered (play-test 128: "couldn't work out a
    # day", three times); the clinic reads the words too
    (
        re.compile(
            r"(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|mornings?|afternoons?|evenings?|lunchtimes?|lunch time)\s*,?\s+or\s+"
            r"(?:(?:after|before|from|around|about|at)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?(?![:.]?\d)|(?:in\s+the\s+)?"
            r"(?:early\s+|late\s+)?(?:mornings?|afternoons?|evenings?|lunchtimes?|after\s+work|after\s+school))"
            r"(?!\s*(?:st|nd|rd|th)\b)"
        ),
        r"\1",
    ),
    (re.compile(r"\b(?:tues)\b"), "tuesday"),
    (re.compile(r"\b(?:thurs|thur)\b"), "thursday"),
    (re.compile(r"\bweds\b"), "wednesday"),
    # "this afternoon", "this evening" (play-test 179: the evening of another day put down): today's
    (re.compile(r"\bthis\s+(morning|afternoon|evening|lunchtime|lunch\s+time)\b"), r"today \1"),
    # "thursday this week" (play-test 176: "couldn't work out a day"): this thursday
    (re.compile(rf"\b(?:on\s+)?({_WEEKDAY_WORD})\s+this\s+week\b"), r"this \1"),
    # "next tuesday or wednesday", "the 14th or the 15th": the first day named (the clinic reads the words too:
    # found by the fifteenth play-test, "couldn't work out a day")
    (_OTHER_WEEKDAY, r"\1"),
    (_OTHER_DATE, r"\1"),
    (_OR_A_WEEK_LATER, " "),
    (_OR_ANOTHER_DAY, ""),
    # "wednesday mornings", "any monday": a weekday said of every week is the coming one
    (_ANY_WEEKDAY, " "),  # the day is the next weekday it can be (preferred_time)
    # "tues to fri mornings", "between the 14th and 17th", "14th-18th any afternoon": the first day of the span (the
    # clinic reads the words too: play-tests 144 and 146, "couldn't work out a day")
    (_A_SPAN_OF_WEEKDAYS, r"\1"),
    (_A_SPAN_OF_DATES, lambda match: f"the {_with_its_suffix(int(match.group(1) or match.group(2)))}"),
    (re.compile(rf"\b(?:any|every|most)\s+(?={_WEEKDAY_WORD}\b)"), ""),  # "any saturday" (play-test 146)
    (re.compile(r"\b(?:any|every)\s+(?=(?:morning|afternoon|evening|lunchtime)s?\b)"), ""),  # "14th-18th any afternoon"
    # "between the 21st and 23rd any time?": the day, at any time it is open (play-test 148)
    (re.compile(r"(?<=[\w,])\s*,?\s+(?:at\s+)?any\s?time\b(?!\s+(?:after|before|from|between|in|next|this))"), " "),
    (re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)days\b"), r"\1day"),
    # (noon as the end of a window is 12pm: "Monday, 10am to 12 noon", play-test 77, "I couldn't work out a day")
    (re.compile(r"\b12\s*(?:noon|midday)\b"), "12pm"),
    (re.compile(r"\b(to|till|until|and|-)\s*(?:noon|midday)\b"), r"\1 12pm"),
    (re.compile(r"\b(?:aftrnoon|afternon|aftenoon|afternoom|arvo)\b"), "afternoon"),
    (re.compile(r"\b(?:mornin|mroning|morninng|mornig)\b"), "morning"),
    (re.compile(r"\b(?:evenin|evning|eveing)\b"), "evening"),
    (re.compile(r"\b(\d{1,2})\s*o'?\s?clock\b"), r"at \1"),  # "3 o'clock"
    # found by the twelfth play-test: "11h", "on my lunch break", "the day 9", "around half ten"
    (re.compile(r"\b(\d{1,2})h(\d{2})?\b"), r"at \1:\2"),
    (re.compile(r"\b(?:on )?(?:my )?lunch ?break\b"), "lunchtime"),
    (re.compile(r"\bthe day (\d{1,2})\b(?!\s*(?:st|nd|rd|th|am|pm|:))"), r"the \1th"),
    (re.compile(r"\b(?:around|about|at about|at around)\s+(half (?:past )?\w+)"), r"\1"),
    (re.compile(r"\bfirst thing (?:means|meaning|is|=)\s+"), ""),  # "first thing means 10am" (play-test 42)
    (re.compile(AT_OPENING), "early morning"),  # "tomorrow first thing", "when you open" (the first hour: _AT_OPENING)
    (re.compile(AT_CLOSING), "at closing"),  # "as late as possible today" (the last hour: preferred_time)
    # "the week after next, wednesday afternoon", "wednesday of the week after next": the week two weeks on (play-tests
    # 135 and 137: "couldn't work out a day")
    (re.compile(r"\b(?:(?:of|in|on)\s+)?(?:the\s+)?week\s+after\s+next\b"), "in two weeks"),
    # "a week on tuesday": the Tuesday a week after the coming one, as "tuesday week"
    (re.compile(rf"\ba\s+week\s+(?:on\s+)?{_WEEKDAY_WORD}\b"), r"\1 week"),
    (re.compile(r"\bhalf\s+(?:past\s+)?(\d{1,2})\s*-?ish\b"), r"half \1"),  # "half 4ish" (play-test 69)
    (re.compile(r"\bthis\s+coming\b"), "coming"),  # "this coming thursday" (play-test 69: no day)
    (re.compile(r"\b(\d{1,2}(?:[:.]\d{2})?)\s*-?ish\b"), r"around \1"),  # "2ish", "6.30ish" (play-test 26)
    # found by the eighth play-test: "tonight, like 7", "a saturday would be best", "i meant friday the 18th"
    (re.compile(r"\btonight\b"), "today evening"),
    # an hour beside the part of the day it is in, or beside the day ("10 in the morning", "10 then, tomorrow",
    # "tomorrow 10", "make it 10": play-test 190, the 10th, a Sunday, or no time at all): that hour
    (re.compile(r"\b(1[0-2]|[1-9])\s+in\s+the\s+morning\b"), r"at \1am"),
    (re.compile(r"\b(1[0-2]|[1-9])\s+in\s+the\s+(?:afternoon|evening)\b|\b([1-9])\s+at\s+night\b"), r"at \1\2pm"),
    (
        re.compile(
            r"(?<![\w:.£$-])(?<!after )(?<!before )(?<!from )(?<!at )(?<!till )(?<!until )(?<!to )(?<!by )(?<!the )"
            r"(?<!around )(?<!about )(1[0-2]|[1-9])(?:\s+then)?\s*,?\s+(tomorrow|today)\b"
        ),
        r"at \1 \2",
    ),
    (
        re.compile(
            r"\b(tomorrow|today)\s*,?\s+(1[0-2]|[1-9])(?![\d:.]|\s*(?:st|nd|rd|th|am|pm|a\.m|p\.m|days?|weeks?|months?|"
            r"hours?|hrs?|mins?|minutes?|ish|-|–|or|to|till|until|and|o'?clock)\b)"
        ),
        r"\1 at \2",
    ),
    (
        re.compile(
            r"^\W*(1[0-2]|[1-9])\s+then\W*$|"
            r"\bmake it\s+(1[0-2]|[1-9])(?![\d:.]|\s*(?:st|nd|rd|th|am|pm|a\.m|p\.m|o'?clock)\b)"
        ),
        r"at \1\2",
    ),
    (re.compile(r"\b(?:like|say)\s+(\d{1,2})(?=\s*(?:$|[,.?!]|pm|am|o'?clock))"), r"at \1"),
    (re.compile(rf"\ba\s+(?={_WEEKDAY_WORD}\b)"), ""),
    (re.compile(r"^.*\b(?:i meant|i mean|what i meant was|i did mean)\b(?=.*\w)"), ""),
    (
        re.compile(
            r"\b(?:asap|as soon as possible|earliest|soonest|if (?:they|you|it|that) can|if (?:that'?s|it'?s) "
            r"(?:ok|okay|possible|free))\b"
        ),
        " ",
    ),
    (re.compile(r"\b(?:of )?(?:that|the same) week\b"), " "),
    (re.compile(r"^\s*no\b(?!\s+(?:later|earlier|sooner|before|after))[\s,.!]*"), ""),
    (re.compile(r"\b(?:i|we) (?:can|could) (?:do|come|make)(?: it)?\b|\b(?:i'?m|im|i am) free\b"), " "),
    # "i am" is no morning ("any thursday afternoon is fine i am retired so flexible": play-test 238, Thursday at noon)
    (re.compile(r"\bi am\b"), "i"),
    # a day said not to be needed ("it doesnt have to be this thursday any thursday afternoon is fine": play-test 238,
    # "couldn't work out a day"): read past, as the day said after it is the one
    (
        re.compile(
            rf"\b(?:it\s+)?(?:doesn'?t|does not|don'?t|dont|do not|needn'?t)\s+(?:have|need)\s+to\s+be\s+"
            rf"(?:this|next|on|a)?\s*{_WEEKDAY_WORD}\b"
        ),
        " ",
    ),
    # "wednesday next week", "next week on wednesday": the Wednesday of next week, as "next wednesday"
    # ("friday at 11 am next week": play-test 54, "couldn't work out a day")
    (
        re.compile(
            rf"\b{_WEEKDAY_WORD}((?:\s+(?:at\s+|@\s*)?\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|pm)?)?)\s+next\s+week\b"
        ),
        r"next \1\2",
    ),
    (re.compile(rf"\bnext\s+week\W*\s+(?:(?:on|like|say|maybe|is|so|perhaps)\s+)*{_WEEKDAY_WORD}\b"), r"next \1"),
)
# "same time", "as I said": words of a correction that only say it keeps the rest (read past)
_KEEPS_THE_REST = re.compile(
    # ("the week after, same day and time": play-test 248, "couldn't work out a day")
    r"\b(?:(?:at )?(?:the )?same (?:day|time)\s*(?:and|&|\+)\s*(?:the\s+)?(?:same\s+)?(?:time|day)|"
    r"(?:at )?(?:the )?same (?:(?:sort|kind) of )?(?:time|hour|day|morning|afternoon|evening)|"
    r"(?:like |as )?i (?:already )?said|"
    r"same as before|(?:like|as) before|if (?:you'?re|you are) open|"
    r"(?:any ?time|whenever)(?= *$| *[,.!]| +(?:after|before|from|between|in the|that|on|mon|tue|wed|thu|fri|sat|sun)))"
)
# "same time", "at the same time": the time of day said before stands, whatever part of the day is named with it
_SAME_TIME = re.compile(r"\bsame (?:time|hour)\b")
# "tomorrow im busy, make it monday", "can't do friday": a day said not to suit is read past, as "not friday" is
_DAY_NOT_FREE = re.compile(
    # ("actually no tuesday morning is better, monday i'm stuck in meetings": play-test 239, "couldn't work out a day")
    rf"\b(?:(?:today|tomorrow|tonight|{_WEEKDAY_WORD})\s+(?:i'?m|im|i am|i'?ll be|i will be)\s+(?:busy|away|working|"
    rf"out|not free|not around|booked up|stuck|tied up|in meetings|at work|on shift|unavailable|"
    # ("Thursday afternoon is better, Monday I'm at the dentist": play-test 240, "couldn't work out a day")
    rf"at\s+(?:the\s+|my\s+)?(?:dentist'?s?|doctor'?s?|gp|hospital|work|school|college|uni|university|gym|office|"
    rf"a\s+wedding|a\s+funeral|an?\s+appointment))|"
    rf"(?:today|tomorrow|tonight|{_WEEKDAY_WORD})(?:'s|s|\s+is)\s+(?:no good|not good|out|bad|not great)|"
    rf"(?:today|tomorrow|tonight|{_WEEKDAY_WORD})\s+(?:doesn'?t|does not|won'?t|will not)\s+work|"
    rf"(?:can'?t|cannot|can not|couldn'?t)\s+(?:do|make)\s+(?:it\s+)?(?:on\s+)?"
    rf"(?:today|tomorrow|tonight|{_WEEKDAY_WORD}|"
    # "he can't do mornings" (found by the twenty-first play-test: the whole time was not understood)
    r"(?:the\s+)?(?:mornings?|afternoons?|evenings?|lunchtimes?|weekends?))|"
    # "monday i can't do" (play-test 154)
    rf"{_WEEKDAY_WORD},?\s+(?:i|we|he|she|they)\s+(?:can'?t|cannot|can not|couldn'?t)\s+(?:do|make)(?:\s+it)?)\b"
)
# days ruled out, or taken by something else ("weekday mornings except wednesday, she has physio wednesdays", "saturday
# morning is good, i work in the week": play-tests 52 and 53, not understood), read past before any other words are
# ("Saturday 19th in the morning if possible, she's at college in the week": play-test 170, "couldn't work out a day";
# not "i'm free in the week")
# (not a question that offers the day, nor a day done: "Could I do Monday at half three?" was quoted to the clinic as a
# day taken, "i do monday", play-test 243)
_TAKEN_BY = (
    r"(?<!can )(?<!could )(?<!would )(?<!will )(?<!shall )(?:i|she|he|we|they)(?:\s+(?:work|works|has|have|got|"
    r"(?:do|does)(?!\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tues?|weds?|thu|thurs?|fri|sat|"
    r"sun)\b)|is|am|are)|\s*['’]?(?:s|ve|m|re)(?:\s+got)?)\b"
    r"(?!\s+(?:free|available|off|around|about|ok|okay|fine|good|flexible|easy|happy)\b)[^,.;!?]{0,25}?\s*"
)
_OTHER_DAYS_TAKEN = re.compile(
    rf"\b(?:(?:except|apart from|other than|but not|excluding)\s+(?:on\s+)?{_WEEKDAY_WORD}s?{_OR_WEEKDAYS}|"
    rf"{_TAKEN_BY}(?:(?:in|during) the week|on weekdays|weekdays|(?:on\s+)?{_WEEKDAY_WORD}s))\b"
)
# "afternoon not all day", "3pm not 2", "monday, not tuesday": what is said not to be meant is read past
_NOT_MEANT = re.compile(
    rf"\b(?:{alternatives(NOT_MEANT)})\s+(?:(?:this|that|the|on|a|an)\s+)?(?:(?:(?:all|the whole|whole|any time of "
    rf"the)\s+)?day|"
    # (a weekday with others listed after it: "not mondays or tuesdays", play-test 137)
    rf"(?:in the )?(?:morning|afternoon|evening|lunchtime)|{_WEEKDAY_WORD}(?:s|days)?{_OR_WEEKDAYS}|"
    r"(?:five|ten|quarter|twenty|half) past|"
    r"today|tomorrow|tonight|"
    rf"\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|"
    rf"pm)?)(?=\W|$)"
)
# "the one after", "a week later": the same weekday a week on from the day said before; "the day after": a day on
# (at the end of the words: "this saturday, the one after" names the day it moves on from)
_LATER = re.compile(
    r"\b(?:the\s+)?(?:(one|week|day)\s+(?:after|before)|following\s+(one|week|day)|(a\s+week|a\s+day)\s+"
    r"(?:later|earlier))(?:\s+that)?$"
)
# "same time but the friday after": the first such weekday after the day said before (a week on, for its own)
_WEEKDAY_AFTER = re.compile(rf"\b(?:the\s+)?{_WEEKDAY_WORD}\s+(?:after|following)(?:\s+that)?$")
_FOLLOWING_WEEKDAY = re.compile(rf"\bfollowing\s+{_WEEKDAY_WORD}\b")
# a bare hour as the whole of a correction ("i said 11", "make it 3"): a time on the day said before, not a date
_BARE_HOUR = re.compile(r"^(?:at\s+|around\s+|about\s+)?(\d{1,2})$")
_FILLER = re.compile(
    r"\b(?:oh|oops|wait|hang on|but|just|only|actually|instead|rather|ok|okay|um+|erm+|hmm+|then|sorry|has to be|so|"
    # ("tomorrow tho? like morning": play-test 63, not understood)
    r"tho|though|"
    # ("actually can you put 7.45pm exactly?": play-test 185, "couldn't work out a day")
    r"exactly|precisely|sharp|on the dot|"
    r"(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|just\s+)*(?:put|make|change|move|set|do|book)"
    r"(?:\s+(?:it|that|this|me|us|her|him))?(?:\s+(?:down|in))?(?:\s+(?:to|for|as|at|in))?|"
    r"either|"
    # ("FRIDAY MORNING is what i want": play-test 174, "couldn't work out a day")
    r"(?:is|'s)\s+(?:what|the\s+one)\s+(?:i|we|she|he)(?:'d|\s+would)?\s+(?:want|like|need|prefer)|"
    # ("No that's wrong, Tuesday 15th at 4.30 is the one we want": play-test 178)
    r"that'?s\s+(?:wrong|not\s+right)|thats\s+(?:wrong|not\s+right)|"
    # ("asap really, tomorrow any time?": play-test 163, "couldn't work out a day")
    r"really|honestly|tbh|"
    # ("next saturday? sometime before 1 ideally", "i said next saturday lol, the 29th": play-test 250, "couldn't work
    # out a day", twice)
    r"lol|lmao|haha+|hehe+|sometime|some time|"
    # ("asap really because of the wedding. tomorrow if they can? or tues": play-test 164)
    r"(?:because|cos|coz|cause) of (?:the|my|our|her|his|a) [a-z]+|"
    # ("wednesday after school run so like 10ish", "saturday morning is good", "not sunday obvs theyre shut": play-tests
    # 52 and 53, not understood)
    r"after (?:the )?(?:school|nursery) (?:run|drop[- ]?off)|after (?:the )?drop[- ]?off|obvs|obviously|"
    r"(?:whenever|whatever|whichever)(?: is|'s)?(?= *$| *[,.!])|(?:i'?m|im|i am|i'?ll be) (?:out|away|busy|working)|"
    r"(?:they'?re|theyre|you'?re|youre|ur|it'?s|its) (?:shut|closed)|(?:is |are )?(?:good|fine|great|perfect)|"
    # "around lunchtime, say 12:30" (a time alone changed at the summary was refused: a play-test of the last session)
    r"(?:let'?s )?say|"
    # "friday morning, i.e. today when you open" (browser play-test 4: not understood)
    r"i\.e\.?|ie|that is|when you(?:'re| are)? open|as soon as you(?:'re| are)? open|"
    r"still|could it be|can it be|"
    # ("can you just make it 6pm exactly, the first one": play-test 191, "couldn't work out a day"): the first day that
    # fits, said of the days offered before
    r"(?:the\s+)?(?:first|earliest|soonest)\s+(?:one|available(?:\s+one)?)(?=\s*(?:$|[,.?!]))|"
    r"needs to be|must be|can we do|could we do|change it to|make "
    r"it|please|pls|plz|ideally|preferably|pref|prefer|maybe|perhaps|if possible|if poss|"
    r"would be (?:good|great|best|ideal)|"
    r"works? (?:for me|best)|suits? me|"
    r"(?:would|will|should) suit(?: me| us| her| him)?|suits|i'?d like|i would like|how about|what about|could i do|"
    r"can i do|can we do|is|"
    r"(?:is |would be )?(?:better|possible)|like|(?:no,? )?i mean|would work|works|"
    # "she's in most days but not tuesdays (bridge club). mornings are best, say tomorrow?" (play-test 39: no day)
    r"(?:are |is )?best|(?:is |as )?(?:my |the |her |his |our )?(?:first|1st|top) (?:choice|preference)|"
    # ("thursday evening, shes free after 6": play-test 49, not understood)
    r"(?:i'?m|im|i am|she'?s|shes|she is|he'?s|hes|he is|they'?re|we'?re|they are|we are) (?:only )?(?:in|free|around|"
    r"home|available|off)(?: (?:most|all|every|any) (?:days?|week))?|"
    # ("any free slots next week? like is Tuesday 2pm actually available?": play-test 40, no day)
    r"(?:if (?:it'?s |you'?re )?)?(?:actually |still )?(?:available|free))\b"
)
# a course of medicine and when it ends ("I'm still on antibiotics till Wednesday": play-test 40, "couldn't work out a
# day" beside "Monday after 4pm"): no day to book
_A_COURSE_UNTIL = re.compile(
    r"\b(?:i'?m|im|i am|she'?s|shes|she is|he'?s|hes|he is)\s+(?:still\s+)?(?:on|taking)\s+"
    r"(?:the\s+|my\s+|her\s+|his\s+)?"
    r"(?:antibiotics?|tablets?|pills?|meds|medication|medicine|steroids?|roaccutane|accutane|isotretinoin|"
    r"a course(?: of [a-z-]+)?|[a-z-]+(?:cillin|cycline|mycin|oxacin|olone|isone))\s+"
    r"(?:till|until|til|to|for another)\s+[\w ]{1,20}?(?=$|[,.;!?])"
)
# an aside in brackets with no number in it ("(bridge club)"): no day or time
_ASIDE = re.compile(r"\([^()\d]*\)")
# a reason given with the time, naming another ("Thursday this week at 6pm would be ideal as I finish work at 5":
# play-test 176, "couldn't work out a day")
_BECAUSE_OF_WORK = re.compile(
    # (or said as a clause of its own: "thursday evening if poss, i work till 5. like 6.30?", play-test 182, the evening
    # put down and the 6.30 lost)
    # ("actually monday im at work til 5, could it be 5.45pm?": play-test 185, not understood)
    r"(?:\b(?:as|because|cos|coz|since)\s+|(?<=[,.;!?])\s*|\b(?=(?:i'?m|im|i am|she'?s|he'?s)\s+at\s+work\b))"
    r"(?:i|she|he|we|they|i'?m|im|i am|she'?s|he'?s)\s+(?:(?:don'?t|dont|do not|doesn'?t|won'?t|wont)\s+)?"
    r"(?:finish|finishes|start|starts|get off|gets off|leave|leaves|work|works|at work)(?:\s+work)?\s+"
    r"(?:at|till|until|til|'?til)\s+(?:half\s+(?:past\s+)?|quarter\s+(?:past|to)\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|"
    # the part of the day someone works, beside the part that suits ("Any weekday morning is fine for her, she works
    # afternoons": play-test 249, the morning and the afternoon met at 12:00)
    r"(?:(?<=[,.;!?])\s*|\b(?:as|because|cos|coz|since)\s+)(?:i|she|he|we|they)\s+(?:work|works|am at work|is at work|"
    r"have work|has work|do shifts|does shifts)\s+(?:in\s+the\s+|most\s+|all\s+)?(?:mornings?|afternoons?|evenings?|"
    r"nights?|days?)\b"
)


# "around", "about": how near the time is, left over once the time is read
_ABOUT = re.compile(r"\b(?:around|about|roughly|approximately|approx|ish)\b")


# "hmm no, saturday then": a no that opens the words turns down what was said before, and names nothing (found by
# the twenty-first play-test: the words were not understood)
_OPENING_NO = re.compile(
    r"^\W*(?:(?:hmm+|um+|erm+|oh|ah|ok|okay|sorry)\W+)*(?:no|nope|nah)\b(?!\s+(?:later|earlier|sooner|more|less|than|before|after)\b)\W*"
)


# "push it an hour later", "half an hour earlier": the time said before, moved
_SHIFT = re.compile(TIME_SHIFT)
_SHIFT_MINUTES = (
    (re.compile(r"hour\s+and\s+a\s+half"), 90),
    (re.compile(r"half\s+an?\s+hour"), 30),
    (re.compile(r"quarter"), 15),
    (re.compile(r"couple|two\s+hours"), 120),
    (re.compile(r"three\s+hours"), 180),
    (re.compile(r"(\d+)\s+hours?"), 60),  # times the number
    (re.compile(r"(?:an?|one)\s+hour"), 60),
    (re.compile(r"(\d+)\s+min"), 1),  # times the number
    (re.compile(r"fifteen"), 15),
    (re.compile(r"twenty"), 20),
    (re.compile(r"thirty"), 30),
    (re.compile(r"forty"), 45),
)


def _time_shift(words: str) -> Optional[dt.timedelta]:
    """How far, and which way, the words move the time said before; None when they name no move."""
    found = _SHIFT.search(words)
    if not found:
        return None
    said = found.group(0)
    minutes = next(
        (
            unit * (int(match.group(1)) if match.groups() else 1)
            for pattern, unit in _SHIFT_MINUTES
            for match in [pattern.search(said)]
            if match
        ),
        0,
    )
    earlier = re.search(r"earlier|sooner|forward", said)
    return dt.timedelta(minutes=-minutes if earlier else minutes)


@dataclass(frozen=True)
class PreferredTime:
    """A requested window in the clinic's time zone; start == end for an exact time."""

    start: dt.datetime
    end: dt.datetime

    def to_slot(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @classmethod
    def from_slot(cls, value: str) -> "PreferredTime":
        start, end = value.split("/")
        return cls(dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end))

    def describe(self) -> str:
        day = f"{self.start:%A} {self.start.day} {self.start:%B %Y}"
        if self.start == self.end:
            return f"{day} at {self.start:%H:%M}"
        return f"{day}, between {self.start:%H:%M} and {self.end:%H:%M}"


def _clock_time(match: "re.Match") -> dt.time:
    if match.group(1) is not None:  # "3pm", "3:30 pm"
        return _hour(match.group(1), match.group(2), match.group(3))
    if match.group(4) is not None:  # "15:30" as written; "4:30", like "at 4", is in the afternoon (a clinic's day)
        return _hour(match.group(4), match.group(5), None, bare_is_afternoon=not match.group(4).startswith("0"))
    return _hour(match.group(6), None, None)  # "at 3" on a clinic's day means 3 pm


def _hour(
    hour_text: str, minute_text: Optional[str], meridiem: Optional[str], bare_is_afternoon: bool = True
) -> dt.time:
    """A clock time from its parts; without am or pm, 1 to 7 is in the afternoon (a clinic's day)
    unless `bare_is_afternoon` is off."""
    hour, minute = int(hour_text), int(minute_text or 0)
    if meridiem:
        if hour < 1 or hour > 12:
            raise InvalidValue("utter_invalid_booking_time")
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    elif bare_is_afternoon and 1 <= hour <= 7:
        hour += 12
    if hour > 23 or minute > 59:
        raise InvalidValue("utter_invalid_booking_time")
    return dt.time(hour, minute)


def _split_time_of_day(text: str) -> Tuple[str, Optional[Tuple[dt.time, dt.time]]]:
    """Remove a clock time or part of the day from the text; return what is left and the window."""
    between = _BETWEEN.search(text)
    if between:
        groups = between.groups()[:6] if between.group(1) else between.groups()[6:]
        later_meridiem = groups[5]
        opens = _hour(groups[0], groups[1], groups[2] or later_meridiem)
        closes = _hour(groups[3], groups[4], later_meridiem)
        if opens >= closes and not groups[2] and later_meridiem == "pm":
            opens = _hour(groups[0], groups[1], "am")  # "10 till 12pm", "10 till noon": from 10am (play-test 77)
        if opens < closes:
            return text[: between.start()] + text[between.end() :], (opens, closes)
    from_a_clock_time = _FROM_A_CLOCK_TIME.search(text)
    if from_a_clock_time:
        opens = _hour(from_a_clock_time.group(1), from_a_clock_time.group(2), from_a_clock_time.group(3))
        closes = _hour(from_a_clock_time.group(4), from_a_clock_time.group(5), None)
        if opens < closes:
            return text[: from_a_clock_time.start()] + text[from_a_clock_time.end() :], (opens, closes)
    hour_range = _HOUR_RANGE.search(text)
    if hour_range:
        opens = _hour(hour_range.group(1), hour_range.group(2), None)
        closes = _hour(hour_range.group(3), hour_range.group(4), None)
        if opens < closes:
            return text[: hour_range.start()] + text[hour_range.end() :], (opens, closes)
    bounded = _BOUNDED.search(text)
    if bounded:
        moment = _hour(bounded.group(2), bounded.group(3), bounded.group(4))
        window = (moment, dt.time(23, 59)) if bounded.group(1) in _OPENS_AT else (dt.time(0, 0), moment)
        return text[: bounded.start()] + text[bounded.end() :], window
    weekday_hour = _WEEKDAY_HOUR.search(text)
    if weekday_hour and 1 <= int(weekday_hour.group(2)) <= 12:
        moment = _hour(weekday_hour.group(2), None, None)
        return text[: weekday_hour.start(2)] + text[weekday_hour.end(2) :], (moment, moment)
    past = _PAST_OR_TO.search(text)
    if past:
        minutes = _MINUTE_WORDS.get(past.group(1)) if not past.group(1).isdigit() else int(past.group(1))
        word = past.group(3)
        hour = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        if minutes is None or minutes >= 60 or not 1 <= hour <= 12:
            raise InvalidValue("utter_invalid_booking_time")
        moment = _hour(str(hour), None, past.group(4))
        at = dt.datetime.combine(dt.date(2000, 1, 3), moment) + dt.timedelta(
            minutes=minutes if past.group(2) == "past" else -minutes
        )
        return text[: past.start()] + text[past.end() :], (at.time(), at.time())
    half = _HALF_PAST.search(text)
    if half:
        word = half.group(1)
        hour = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        if 1 <= hour <= 7:
            hour += 12
        moment = dt.time(hour % 24, 30)
        return text[: half.start()] + text[half.end() :], (moment, moment)
    clock = _CLOCK.search(text)
    if clock:
        moment = _clock_time(clock)
        return text[: clock.start()] + text[clock.end() :], (moment, moment)
    part = _PART_OF_DAY.search(text)
    if part:
        return text[: part.start()] + text[part.end() :], _PARTS_OF_DAY[part.group(1)]
    return text, None


_WEEKDAY_NAME = re.compile(rf"\b{_WEEKDAY_WORD}\b")
_WEEKDAY_INDEX = {name: index for index, name in enumerate(WEEKDAY_ABBREVIATIONS)}
# a date beside the weekday: a number ("the 2nd") or a month
_DATE_WORDS = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)\b|\b\d{{1,2}}[/.-]\d{{1,2}}\b|\b(?:{alternatives(MONTH_ABBREVIATIONS)})[a-z]*\b"
)


# "next friday": the Friday of next week (Monday to Sunday), not the coming one ("this friday", "friday")
_NEXT_WEEKDAY = re.compile(
    rf"(?:on\s+)?next\s+{_WEEKDAY_WORD}(?:\s+(?:at|around|about))?"
    # "saturday next week", "the wednesday of next week", "next week on friday" (play-test 126: "saturday morning next
    # week" was "I couldn't work out a day")
    rf"|(?:on\s+)?(?:the\s+)?{_WEEKDAY_WORD}\s+(?:of\s+|in\s+)?next\s+week|next\s+week(?:\s+on)?\s+(?:the\s+)?{_WEEKDAY_WORD}"
)


# "friday week": a week on from the coming Friday
_WEEKDAY_WEEK = re.compile(rf"(?:on\s+)?{_WEEKDAY_WORD}\s+week(?:\s+(?:at|around|about))?")


# "in 2 weeks, thursday", "thursday in two weeks' time", "a fortnight on monday": the weekday of the week that many
# weeks on (Monday to Sunday); without a weekday, the day is for the person to say (as for "next week")
_WEEKS_AHEAD = re.compile(
    r"\b(?:in\s+)?(?:(\d|a|one|two|three|four|five|six|a\s+couple\s+of|couple\s+of)\s+weeks?|(a\s+)?fortnight)"
    r"(?:'?s?\s+time|\s+from\s+(?:now|today))?(?:\s+(?:on|from|at))?\b"
)
# "thursday after next": the coming Thursday's, a week on
_AFTER_NEXT = re.compile(rf"(?:on\s+)?(?:the\s+)?{_WEEKDAY_WORD}\s+after\s+next")


def _month_of(word: str) -> Optional[str]:
    """The month's name for its name or short form ("sept" is september); None for no month."""
    return next((month for month in MONTHS if len(word) >= 3 and month.startswith(word.lower()[:3])), None)


def _the_month_of_a_span(words: str, now: dt.datetime) -> Optional[str]:
    """The month named by words with no day in them ("sometime in january", "next month"); None when none is."""
    rest = _day_and_time(words)[0]
    month = _A_MONTH_ALONE.match(rest)
    if month:
        return _month_of(month.group("month"))
    span = _A_SPAN.search(rest)
    if span and span.group(0).endswith("month"):
        return MONTHS[(now.month % 12) if not span.group(0).startswith("this") else now.month - 1]
    return None


def _in_the_month(month: str, day: int, today: dt.date) -> dt.date:
    """That day of the month, in the month's next (or current) occurrence from today."""
    number = MONTHS.index(month) + 1
    return dt.date(today.year + (1 if number < today.month else 0), number, day)


def _first_weekday_in(month: str, weekday: int, today: dt.date) -> dt.date:
    """The first day with that weekday, from today, in the month's next (or current) occurrence."""
    day = max(_in_the_month(month, 1, today), today)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


_AN_ORDINAL = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)?)\b")


def _in_the_span_said(words: str, month: Optional[str], next_week: bool, now: dt.datetime) -> str:
    """Words of a day said after a month or next week with no day in it, as a day of that span: "the 12th" (or
    "monday the 11th") of the month, "friday" the first Friday in it, or next week's; the words as they are
    otherwise."""
    day_words = _day_and_time(words.lower())[0]
    weekday = _WEEKDAY_NAME.fullmatch(re.sub(r"^(?:on\s+)?(?:a\s+|the\s+)?|s$", "", day_words))
    date_words = " ".join(_WEEKDAY_NAME.sub(" ", day_words).split()).strip(" ,.-")
    if month and _ORDINAL_DAY.match(date_words):
        return _AN_ORDINAL.sub(rf"\1 {month}", words, count=1)
    if month and weekday:
        first = _first_weekday_in(month, _WEEKDAY_INDEX[weekday.group(1)[:3]], now.date())
        return f"{words} {first.day} {month}"
    if next_week and weekday:
        return _WEEKDAY_NAME.sub(r"next \1", words.lower(), count=1)
    return words


# "the first monday in january", "the last friday of march": the nth weekday of a month named
_NTH_WEEKDAY_OF = re.compile(
    rf"(?:on\s+)?(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+{_WEEKDAY_WORD}\s+(?:in|of)\s+"
    rf"(?P<month>{_MONTH_NAME})"
)
_NTH = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}


def _nth_weekday_of(text: str, now: dt.datetime) -> Optional[dt.date]:
    """The day of "the first monday in january" (or second, third, fourth, last), in the month's next occurrence
    that still has it ahead; None unless the words are that."""
    said = _NTH_WEEKDAY_OF.fullmatch(text)
    month = _month_of(said.group("month")) if said else None
    if not said or month is None:
        return None
    weekday = _WEEKDAY_INDEX[said.group(2)[:3]]
    number = MONTHS.index(month) + 1
    for year in (now.year, now.year + 1):
        first = dt.date(year, number, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        if said.group(1) == "last":
            while (day + dt.timedelta(days=7)).month == number:
                day += dt.timedelta(days=7)
        else:
            day += dt.timedelta(days=7 * _NTH[said.group(1)])
        if day.month == number and day >= now.date():
            return day
    return None


def _how_many(count: str) -> int:
    """A count of weeks or months as said: "3", "three", "a", "a couple of"."""
    count = count.lower()
    if "couple" in count:
        return 2
    return int(count) if count.isdigit() else 1 if count == "a" else _NUMBER_WORDS[count]


def _weeks_ahead(text: str, now: dt.datetime) -> Optional[dt.date]:
    """The day of "in 2 weeks, thursday" and its wordings; None unless the words are a number of weeks and a
    weekday, or "thursday after next"."""
    after_next = _AFTER_NEXT.fullmatch(text)
    if after_next:
        coming = (_WEEKDAY_INDEX[after_next.group(1)[:3]] - now.weekday()) % 7 or 7
        return now.date() + dt.timedelta(days=coming + 7)
    weeks = _WEEKS_AHEAD.search(text)
    if not weeks:
        return None
    # ("fortnight" without "a": play-test 38 got "a technical problem", the count being None)
    number = 2 if "fortnight" in weeks.group(0) else _how_many(weeks.group(1))
    rest = " ".join((text[: weeks.start()] + " " + text[weeks.end() :]).replace(",", " ").split())
    rest = re.sub(r"^(?:on|the)\s+|\s+(?:on|at|around|about)$", "", rest)
    then = now.date() + dt.timedelta(weeks=number)
    named = _WEEKDAY_NAME.fullmatch(rest)
    if not named:
        return None
    return then - dt.timedelta(days=then.weekday()) + dt.timedelta(days=_WEEKDAY_INDEX[named.group(1)[:3]])


# "thursday 17 december 2026 at 7pm. its a thursday": the weekday said again, to be sure (play-test 31: not understood)
_SAID_AGAIN_BEFORE = re.compile(
    rf"\b(?:it'?s|its|it is|that'?s|thats|which is|which'?s)\s+(?:a\s+)?(?={_WEEKDAY_WORD})"
)


def _once_each(text: str) -> str:
    """The words of a date with each said once ("17th. 17th": play-test 31, read as a day of 2027)."""
    # ("the 16th! wednesday the 16th": play-test 70, the "!" kept the two apart, and a 16th of 2027 was read)
    tokens = [token for token in re.split(r"[\s,.!?;]+", text) if token]
    if len(set(tokens)) == len(tokens):
        return text
    return " ".join(token for index, token in enumerate(tokens) if token not in tokens[:index])


def _next_monday(now: dt.datetime) -> dt.date:
    """The Monday of next week."""
    return now.date() + dt.timedelta(days=7 - now.weekday())


def _parse_day(text: str, now: dt.datetime, today_whole: bool = False) -> Optional[dt.date]:
    said = " ".join(text.split()).strip(" ,.-")  # the words, one space apart, no stray punctuation at either end
    weeks_on = _weeks_ahead(said, now)
    if weeks_on is not None:
        return weeks_on
    nth = _nth_weekday_of(said, now)
    if nth is not None:
        return nth
    week_on = _WEEKDAY_WEEK.fullmatch(said)
    if week_on:
        ahead = (_WEEKDAY_INDEX[week_on.group(1)[:3]] - now.weekday()) % 7 or 7
        return now.date() + dt.timedelta(days=ahead + 7)
    next_week = _NEXT_WEEKDAY.fullmatch(said)
    if next_week:
        named = next(group for group in next_week.groups() if group)
        return _next_monday(now) + dt.timedelta(days=_WEEKDAY_INDEX[named[:3]])
    text = " ".join(_WEEKDAY.sub(r"\1", _SAID_AGAIN_BEFORE.sub(" ", text)).split()).strip(" ,.-")
    if _WEEKDAY_NAME.search(text) and re.search(r"\btoday\b", text):
        # "TODAY, friday 4th december": the day named says which (found by the twenty-second play-test)
        text = " ".join(re.sub(r"\btoday\b", " ", text).split()).strip(" ,.-")
    if not text or text in ("today", "this"):
        return now.date() if text == "today" else None
    named = _WEEKDAY_NAME.search(text)
    # "the wednesday, the 9th": the date's words once the weekday is out
    date_text = re.sub(r"\b(?:the\s+)+the\b", "the", " ".join(_WEEKDAY_NAME.sub(" ", text).replace(",", " ").split()))
    date_text = _once_each(date_text.strip(" ,.-"))
    if named and date_text and _DATE_WORDS.search(date_text):
        # "monday 1st dec": the date decides, and the weekday must be its weekday
        day = _parse_date(date_text, now, today_whole)
        if day is not None and day.weekday() != _WEEKDAY_INDEX[named.group(1)[:3]]:
            raise InvalidValue(
                "utter_invalid_booking_time_weekday", {"date": f"{day.day} {day:%B}", "weekday": f"{day:%A}"}
            )
        return day
    day = _parse_date(text, now, today_whole)
    if (
        day is None
        and named
        and len({found[:3] for found in _WEEKDAY_NAME.findall(text)}) == 1
        and not re.search(r"\b(?:next|week|weeks|fortnight|after|before|following|this|coming)\b", said)
    ):
        # a weekday among words the date parser does not know ("I did say Thursday": play-test 234, "I couldn't work
        # out a day"): that weekday
        return _parse_date(named.group(0), now, today_whole)
    said_days = set(re.findall(r"\b(?:today|tomorrow)\b", text))
    first_said = re.match(r"(?:today|tomorrow)\b", text)
    if day is None and not named and len(said_days) == 1 and first_said and not _ANOTHER_DAY_OF_THE_MONTH.search(text):
        # today or tomorrow first, words the date parser does not know after it ("tonight after 7, its my face mate":
        # play-test 246, "I couldn't work out a day" where the notice was the reason): that day
        return _parse_date(first_said.group(0), now, today_whole)
    return day


# a month, written out or shortened (core/words.py), the longest form first
_MONTH_NAME = rf"(?:{alternatives(sorted(dict.fromkeys(MONTHS + MONTH_ABBREVIATIONS), key=len, reverse=True))})\b"
# a date alone among words the date parser does not know ("I am in Poland in summer, so maybe 20 september":
# play-test 231, "I couldn't work out a day")
_ONE_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME}(?:\s+\d{{4}}\b)?"
    rf"|\b{_MONTH_NAME}\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
)


_ANOTHER_DAY_OF_THE_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:the|on)\s+\d{1,2}\b")


def _parse_date(text: str, now: dt.datetime, today_whole: bool = False) -> Optional[dt.date]:
    day = _parse_date_said(text, now, today_whole)
    dates = _ONE_DATE.findall(text)
    if day is None and len(dates) == 1 and dates[0].strip() != text.strip():
        # (never beside another day of the month: "the 14th jan, like the 16th? thats a saturday", play-test 102)
        if not _ANOTHER_DAY_OF_THE_MONTH.search(text.replace(dates[0], " ")):
            return _parse_date_said(dates[0], now, today_whole)
    return day


def _parse_date_said(text: str, now: dt.datetime, today_whole: bool = False) -> Optional[dt.date]:
    ordinal = _ORDINAL_DAY.match(text)
    if ordinal:  # "the 14th": the next date with that day of the month
        day_of_month = int(ordinal.group(1))
        year, month = now.year, now.month
        for _ in range(13):
            try:
                candidate = dt.date(year, month, day_of_month)
            except ValueError:
                candidate = None
            if candidate and candidate >= now.date():
                return candidate
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return None
    # before the clinic opens (`today_whole`), a weekday or a date named is reckoned from the start of today, so
    # today's is today: just after midnight "friday morning" on a Friday, or "4th december" on the 4th, was a week or a
    # year on (found by the twenty-second play-test); once it has opened, today's weekday is next week's, and today's
    # date still today
    base = now.replace(tzinfo=None)
    if (today_whole or _DATE_WORDS.search(text)) and not _RELATIVE_DAY_WORDS.search(text) and "yesterday" not in text:
        base = dt.datetime.combine(now.date(), dt.time.min) - dt.timedelta(seconds=1)
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": base,
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": [],
        },
    )
    if parsed and parsed.year > now.year + 1 and not re.search(r"\b\d{4}\b", text):
        # a second day of the month read as a year ("the 14th jan, like the 16th": 14 January 2116, said to be "a
        # Tuesday", play-test 102): no date worked out
        return None
    return parsed.date() if parsed else None


_WITHIN_THE_NEXT = re.compile(
    r"\b(?:in|within|over|during)\s+the\s+(?:next|coming)\s+(?:fortnight|(?:two|2|few|couple of)\s+weeks|week|"
    r"few days)\b"
)


_IN_ABOUT = re.compile(
    r"\bin\s+(?:about|around|roughly|approximately|approx|like|maybe|prob(?:ably)?)\s+"
    r"(?=\d|an?\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+couple)"
)
# one day named by itself (a weekday, today, tonight or tomorrow, a date), not a span or a number alone
ONE_DAY_NAMED = re.compile(
    rf"\b{_WEEKDAY_WORD}\b|\b(?:today|tonight|tomorrow|tmrw)\b|\b\d{{1,2}}(?:st|nd|rd|th)\b", re.IGNORECASE
)
# "saturday morning, but not this saturday", "not this saturday but the one after": that weekday a week on (play-test
# 244: put down for this Saturday); "saturday week" is read as that
_NOT_THIS_ONE = re.compile(
    rf"\b(?:but\s+)?not\s+(?:this|this\s+coming|the\s+coming|the\s+first)\s+(?:one|{_WEEKDAY_WORD})\b"
    r"(?:[\s,]*(?:but\s+|rather\s+|instead\s+)?(?:the\s+one\s+after|the\s+(?:next|following)\s+one|"
    r"the\s+week\s+after|next\s+week'?s?(?:\s+one)?))?"
)
_A_BARE_WEEKDAY = re.compile(rf"(?<!next )(?<!this )\b{_WEEKDAY_WORD}\b(?!\s+(?:week|after))")


def _not_this_one(text: str) -> str:
    """A weekday with "not this one" said of it is that weekday a week on ("saturday week")."""
    said = _NOT_THIS_ONE.search(text)
    if said is None or re.search(r"\b\d{1,2}(?:st|nd|rd|th)\b", text):  # a date named decides ("- wed 16th")
        return text
    rest = text[: said.start()] + " " + text[said.end() :]
    named = _A_BARE_WEEKDAY.search(rest)
    if named is not None:
        return rest[: named.start()] + f"{named.group(1)} week" + rest[named.end() :]
    if said.group(1):
        return f"{said.group(1)} week {rest}"
    return text


_AT_ANY_TIME = re.compile(r"\b(?:whenever|(?:at\s+)?any ?time|any hour|whatever time)\b")


def _day_and_time(text: str) -> Tuple[str, Optional[Tuple[dt.time, dt.time]]]:
    """The words of the day, and the time of day (a window), in what a person typed."""
    cleaned = _OPENING_NO.sub(" ", _OTHER_DAYS_TAKEN.sub(" ", (text or "").lower().replace("’", "'")))
    cleaned = _not_this_one(cleaned)
    for pattern, replacement in _SHORTHANDS:
        cleaned = pattern.sub(replacement, cleaned)
    cleaned = _KEEPS_THE_REST.sub(" ", cleaned)
    cleaned = _DAY_NOT_FREE.sub(" ", cleaned)
    cleaned = _NOT_MEANT.sub(" ", _BUT_A_WEEKDAY.sub(r"\1", cleaned))
    cleaned = _FILLER.sub(" ", _ASIDE.sub(" ", _A_COURSE_UNTIL.sub(" ", _BECAUSE_OF_WORK.sub(" ", cleaned))))
    # ("so in about 6 months, like mid june": play-test 184, "couldn't work out a day"): how far ahead, roughly
    cleaned = _IN_ABOUT.sub("in ", cleaned)
    if ONE_DAY_NAMED.search(cleaned):
        # "whenever today", "any time tomorrow" (play-test 182: "couldn't work out a day"): that day, at any time
        cleaned = _AT_ANY_TIME.sub(" ", cleaned)
    rest, window = _split_time_of_day(cleaned)
    if window is not None and window[0] == window[1]:
        # the same hour said again ("10am tomorrow. saturday. 10 in the morning": play-test 190, "couldn't work out a
        # day"): once
        try:
            again, said_again = _split_time_of_day(rest)
        except InvalidValue:
            again, said_again = rest, None
        if said_again == window:
            rest = again
    part = _PART_OF_DAY.search(rest) if window is not None else None
    if part:  # "saturday morning 11am", "saturday morning, after 10": the part of the day narrows the time
        if window is not None and window[0] != window[1]:
            start, end = _PARTS_OF_DAY[part.group(1)]
            window = (max(window[0], start), min(window[1], end))
        rest = _PART_OF_DAY.sub(" ", rest)
    if window is not None:  # "around lunchtime, say 12:30": what was said of the time, read already
        rest = _ABOUT.sub(" ", rest)
        # "after 4 in the next fortnight": the next day that fits is within it ("next week" alone asks which day)
        rest = _WITHIN_THE_NEXT.sub(" ", rest)
    return " ".join(rest.split()).strip(" ,.-!?"), window


def names_a_time_alone(words: str) -> bool:
    """Whether the words name a time of day and no day ("after 4", "in the afternoon")."""
    day, window = _day_and_time(words)
    return window is not None and not day


def _day_and_window(
    text: str, now: dt.datetime, today_whole: bool = False
) -> Tuple[Optional[dt.date], Optional[Tuple[dt.time, dt.time]]]:
    """The day and the time of day named in the words, either of them None when not named; InvalidValue when
    the words name neither, or a day that cannot be worked out. `today_whole`: the clinic has not opened yet today,
    so today's weekday or date is today (`_parse_date`)."""
    rest, window = _day_and_time(text)
    month = _A_MONTH_ALONE.match(rest)
    if month:
        raise InvalidValue(NO_DAY_IN_THE_SPAN, {"span": f"in {(_month_of(month.group('month')) or '').title()}"})
    if (
        re.search(r"\b(?:weeks?|fortnight|months?|sometime|some time|anytime|any time)\b", rest)
        # ("next month": its "mon" was read as a Monday, play-test 49)
        and not re.search(r"\d|mon(?!th)|tue|wed|thu|fri|sat|sun", rest)
        and _weeks_ahead(rest, now) is None
    ):
        span = _A_SPAN.search(rest)  # "next week": which day of it is for the person to say
        raise InvalidValue(NO_DAY_IN_THE_SPAN, {"span": span.group(0)}) if span else InvalidValue(NO_DAY)
    day = _parse_day(rest, now, today_whole) if rest else None
    if rest and day is None:
        day = _one_day_said_twice(rest, now, today_whole)
    if (rest and day is None) or (day is None and window is None):
        raise InvalidValue("utter_invalid_booking_time")
    return day, window


# where one way of naming a day may end and another begin ("this saturday? like tomorrow")
# ("today 5th dec 2pm": play-test 61, not understood)
# ("what?? i said MONDAY. monday 9am": play-test 173, not understood)
_ANOTHER_WAY = re.compile(
    r"[?,;!]+|\.(?=\s|$)|\s+(?=(?:tomorrow|today|this|next|on|the)\b)|(?<=\btoday)\s+|(?<=\btomorrow)\s+"
)
# a part of those that names no day at all ("what", "i said"), left out of the comparison
_NO_DAY_WORDS = re.compile(
    r"^(?:(?:what|i|said|say|mean|meant|omg|oh|ok|okay|yes|yeah|no|nope|like|lol|sorry|so|um|erm|hmm|please|pls|just|"
    r"that|it|is|was|the|one)\b\W*)+$",
    re.IGNORECASE,
)


def _one_day_said_twice(rest: str, now: dt.datetime, today_whole: bool) -> Optional[dt.date]:
    """The day named in two ways that agree ("is this saturday possible? like tomorrow at 11" on a Friday: found by
    browser play-test 4, not understood); None when they do not, or a part names none."""
    parts = [part.strip(" ,.-") for part in _ANOTHER_WAY.split(rest) if part.strip(" ,.-")]
    parts = [part for part in parts if not _NO_DAY_WORDS.match(part)] if len(parts) > 1 else parts
    if len(parts) == 1:  # "what?? monday": the one day
        try:
            return _parse_day(parts[0], now, today_whole)
        except InvalidValue:
            return None
    if len(parts) < 2:
        return None
    try:
        days = {_parse_day(part, now, today_whole) for part in parts}
    except InvalidValue:
        return None
    return days.pop() if len(days) == 1 and None not in days else None


# between the words of a time and those of a correction to it ("monday at 2pm → tuesday")
CORRECTED = " → "
# words, and words after them that correct them (CORRECTED) or narrow them down ("any weekday morning in january, say
# the 12th": play-test 49, not understood): each changes what it names and keeps the rest
# ("Thursday evening would suit her best … say 6pm?", "… or Thursday after 5 would work. Maybe Thursday 17th at half
# 5?": play-tests 172 and 173, the evening put down)
_NARROWED_TO = re.compile(
    rf"{re.escape(CORRECTED)}|(?:[,.!?;]\s*|\b(?:let'?s|lets|so|or)\s+)say\s+|"
    r"(?<=[.!?])\s+(?:maybe|ideally|preferably|perhaps)\s+(?=\w)",
    re.IGNORECASE,
)


def corrected_words(earlier: Optional[str], new: str) -> str:
    """The words of a time (taken or refused) followed by new words that correct them, for
    `parse_preferred_time` and for the clinic to read; the new words alone when there were none."""
    return f"{earlier}{CORRECTED}{new}" if earlier else new


# "any time tomorrow is fine", "not 11 specifically, whenever that day": no time of day, in a correction
_ANY_TIME = re.compile(r"\b(?:any ?time|whenever|all day|any hour|whatever time|not (?:\w+ )?specifically)\b")
# any day at all, no day or time named ("whenever is fine honestly", "not mondays, otherwise whenever": play-tests 145
# and 146, "couldn't work out a day"): the first day that fits, the clinic reading the words too
_ANY_DAY_AT_ALL = re.compile(
    r"\b(?:whenever|any ?time|any day|any ?week ?days?|any of them|no preference|i'?m flexible|im flexible|"
    r"whatever suits|(?:doesn'?t|does not) matter|(?:i )?(?:don'?t|do not) mind)\b"
)
_THE_WHOLE_DAY = (dt.time(0, 0), dt.time(23, 59))
_RELATIVE_DAY_WORDS = re.compile(r"\b(?:next|this|coming|week|weeks|after|following|today|tomorrow|fortnight)\b")


def _in_the_week_of(
    earlier: dt.date, said: dt.date, words: str, now: dt.datetime, today_whole: bool = False
) -> dt.date:
    """A weekday alone correcting a day said before is that weekday nearest the day said before, while that is still
    ahead ("tuesday 15th → wednesday instead" is the 16th; "monday 7th → saturday then" is Saturday the 5th, not the
    12th: found by the twenty-first play-test, twice); any other day as it was read."""
    named = _WEEKDAY_NAME.search(words)
    if not named or _DATE_WORDS.search(words) or _RELATIVE_DAY_WORDS.search(words):
        return said
    after = earlier + dt.timedelta(days=(said.weekday() - earlier.weekday()) % 7)
    before = after - dt.timedelta(days=7)
    nearest = before if (earlier - before) < (after - earlier) else after
    # today only as the day said before ("today at 2pm → on tuesdays" on a Tuesday is today), or before the clinic
    # opens ("saturday → friday morning" just after midnight on a Friday is today: browser play-test 4)
    for day in (nearest, after):
        if day > now.date() or day == earlier or (today_whole and day == now.date()):
            return day
    return said


# "the one after? the 12th": a move to the next one, then the date it is
_LATER_THEN_A_DATE = re.compile(
    r"\b(?:the\s+)?(?:one|week|day)\s+(?:after|before)(?:\s+that)?\s*[?,.!;:-]+\s*(?=(?:the\s+)?\d)", re.IGNORECASE
)


def _last_start(clinic: Clinic, day: dt.date, closes: dt.time) -> dt.time:
    """The latest exact time a consultation can start on the day, before the clinic closes at `closes`."""
    return (dt.datetime.combine(day, closes) - dt.timedelta(minutes=clinic.last_start_before_closing_minutes)).time()


# "asap", "right now, as soon as possible": the earliest the clinic can take (play-test 28: "I couldn't work out a day")
ASAP = re.compile(
    r"^\W*(?:(?:ok|okay|so|just|please|pls|then|like|erm|um|today)\W+)*"
    r"(?:asap|a\.s\.a\.p\.?|as soon as (?:possible|poss|you can)|"
    r"right now|straight away|soonest|earliest(?: (?:possible|available|slot|time|you can))?|first available|"
    r"(?:the )?(?:earliest|soonest|first) (?:possible|available|slot|time|you can do)|now|today if (?:possible|poss))"
    r"(?:\W+(?:as soon as (?:possible|poss|you can)|asap|please|pls|thanks|if (?:possible|poss)|then|really|today|"
    r"i guess))*\W*$",
    re.IGNORECASE,
)
_HORIZON_FOR_ASAP = 8  # days looked ahead for the earliest time the clinic can take


# "weekday evenings, but not mondays": a weekday ruled out; "she has physio wednesdays" (play-test 52), one taken
_NOT_ON = re.compile(
    rf"\b(?:(?:{alternatives(NOT_MEANT)}|but not|{_ANY_DAY_BUT.replace('(', '(?:', 1)})\s+(?:on\s+)?"
    rf"|{_TAKEN_BY}(?:on\s+)?){_WEEKDAY_WORD}(?:s|days)?\b"
    # ... and the days listed with it ("mornings, not mondays or fridays": play-test 137, the Friday not ruled out, and
    # "the other day suits you too" said of the days ruled out)
    rf"{_OR_WEEKDAYS}"
)
_A_WEEKDAY = re.compile(rf"\b{_WEEKDAY_WORD}(?:s|days)?\b")


def weekdays_in(phrases: Iterable[str]) -> Set[int]:
    """The weekdays the phrases name (Monday = 0): "not mondays or fridays" names 0 and 4."""
    return {_WEEKDAY_INDEX[day.group(1)[:3]] for phrase in phrases for day in _A_WEEKDAY.finditer(phrase)}


def with_days_ruled_out(words: str, ruled_out: Sequence[str]) -> str:
    """A time's words with the days ruled out beside it said after them ("any weekday after 4, except wednesday")."""
    said = ", ".join(ruled_out)
    return f"{words}, {said}" if words else said


def days_ruled_out(text: str) -> List[str]:
    """The words, lowercased, that rule a weekday out or say it is taken ("except wednesday", "she has physio
    wednesdays"), each once."""
    lowered = (text or "").lower()
    said = [match.group(0) for pattern in (_OTHER_DAYS_TAKEN, _NOT_ON) for match in pattern.finditer(lowered)]
    return [words for words in dict.fromkeys(said) if not any(words != other and words in other for other in said)]


# any day of next week ("any weekday evening after 6 next week", "any evening next week after 5"), its day not named
_ANY_DAY_NEXT_WEEK = re.compile(
    r"\b(?:any|a|most)\s+(?:(?:week\s?)?days?|mornings?|afternoons?|evenings?|lunchtimes?|time)\b[^.?!]*?\bnext\s+week\b|"
    r"\bnext\s+week\b[^.?!]*?\b(?:any|a|most)\s+(?:(?:week\s?)?days?|mornings?|afternoons?|evenings?|lunchtimes?)\b"
)
_NEXT_WEEK = re.compile(r"\b(?:sometime\s+|some time\s+|during\s+|in\s+)?next\s+week\b")


def _next_day_for(
    window: Tuple[dt.time, dt.time],
    clinic: Clinic,
    now: dt.datetime,
    weekdays_only: bool,
    words: str = "",
    from_day: Optional[dt.date] = None,
) -> dt.date:
    """The first day, from today, that the clinic is open within the window and on which it still ends after the
    notice it needs, not a weekday the words rule out; today or tomorrow (for the reason to be said) when no day in
    the next week is ("weekday evenings after 6, but not mondays" is Thursday's late opening: play-test 35 was told
    Friday's hours)."""
    earliest = now + dt.timedelta(hours=clinic.minimum_notice_hours)
    ruled_out = weekdays_in(match.group(0) for match in _NOT_ON.finditer(words.lower()))
    for offset in range(8):
        day = (from_day or now.date()) + dt.timedelta(days=offset)
        hours = clinic.hours_on(day)
        if hours is None or (weekdays_only and day.weekday() >= 5) or day.weekday() in ruled_out:
            continue
        opens, closes = hours
        if window[0] == window[1]:
            fits = opens <= window[0] <= _last_start(clinic, day, closes)
        else:
            fits = max(window[0], opens) < min(window[1], closes)
        if fits and dt.datetime.combine(day, min(window[1], closes), clinic.timezone) > earliest:
            return day
    ahead_today = dt.datetime.combine(now.date(), window[0], clinic.timezone) > now
    return now.date() if ahead_today else now.date() + dt.timedelta(days=1)


def _window_words(window: Tuple[dt.time, dt.time]) -> str:
    """Words `_day_and_time` reads as the window (a part of the day by its name: "between 07:00 and 12:00" is before
    opening, where "morning" is the clinic's morning; play-test 246, "Monday, or Tuesday … mornings ideally" lost the
    morning)."""
    part = next((name for name, times in _PARTS_OF_DAY.items() if times == window and " " not in name), None)
    if part is not None:
        return part
    if window[0] == window[1]:
        return f"at {window[0]:%H:%M}"
    return f"between {window[0]:%H:%M} and {window[1]:%H:%M}"


# the second day offered, with its date if said ("or thurs 10th after 6pm" is "thurs 10th")
_SECOND_DAY = re.compile(rf"\b(?:{_WEEKDAY_WORD}|tomorrow|today)\b(?:\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b)?")


def _either_day(text: str, clinic: Clinic, now: dt.datetime) -> Optional[PreferredTime]:
    """Two days offered, the time said only after the second ("weds 9th or thurs 10th after 6pm, im a nurse so only
    evenings"): the time is said of both, so the first day on which it fits (play-test 39 was put down for Wednesday
    09:00 to 18:00, the clinic closing at 18:00 that day); None when the words offer no such choice."""
    said = (text or "").split(CORRECTED)
    match = _OR_ANOTHER_DAY.search(said[-1].lower())
    if not match:
        return None
    first, second = said[-1][: match.start()], said[-1][match.start() :]
    window = _day_and_time(second)[1]
    if window is None or _day_and_time(first)[1] is not None:
        return None  # the first day has its own time, or no time is said: the first day, as it was read
    other = _SECOND_DAY.search(second.lower())
    refusals: List[InvalidValue] = []
    for day_words in (first, other.group(0) if other else ""):
        words = f"{day_words} {_window_words(window)}"
        try:
            return preferred_time(CORRECTED.join(said[:-1] + [words]), clinic, now)
        except InvalidValue as error:
            refusals.append(error)
    if not other:
        return None
    try:
        return preferred_time(text, clinic, now)  # as read whole ("monday or tuesday morning": from opening)
    except InvalidValue:
        pass
    # neither fits ("today. or tomorrow morning" on a Saturday night): why the second one can't be, as said of it ("the
    # clinic is closed on Sunday"), not "couldn't work out a day" (play-test 93)
    try:
        preferred_time(re.sub(rf"^\W*{_OR_INSTEAD}", "", second.strip().lower()), clinic, now)
    except InvalidValue as error:
        raise error from None
    raise refusals[-1]


def _last_day_in_reach(clinic: Clinic, now: dt.datetime) -> dt.date:
    """The last day the clinic takes requests for: as many days ahead of its today as its horizon."""
    return now.astimezone(clinic.timezone).date() + dt.timedelta(days=clinic.booking_horizon_days)


def _within_reach(day: dt.date, clinic: Clinic, now: dt.datetime) -> bool:
    """Whether a day is from today to as far ahead as the clinic takes requests."""
    return now.astimezone(clinic.timezone).date() <= day <= _last_day_in_reach(clinic, now)


# "first thing tomorrow", "when you open": the first hour the clinic is open that day (play-test 42: "first thing" on a
# Saturday, opening at 10:00, was read as 07:00 to 10:00 and refused, or as the whole day)
_AT_OPENING = re.compile(AT_OPENING)
_THE_FIRST_OR_LAST_HOUR = dt.timedelta(hours=1)  # "first thing", and "as late as possible" (AT_CLOSING)


# a second choice said after the first, for if the first is full ("thursday evening. if thats full then saturday
# morning", "thursday 6pm, and saturday 10am as a backup": play-test 170, "couldn't work out a day", three times): the
# first is the time asked for, and the words, kept whole, tell the clinic the second
_BACKUP_AFTER = re.compile(
    r"(?:[,.;!]\s*|\s+)(?:(?:or|and|but)\s+)?(?:(?:if|when)\s+(?:that'?s|thats|that\s+is|it'?s|its|it\s+is|they'?re|"
    r"theyre|thursday'?s|that\s+one'?s|(?:that|it)\s+(?:gets|is)|you'?re|youre)\s+(?:all\s+)?(?:full|taken|booked|"
    r"busy|not\s+(?:free|available|possible|doable))(?:\s+up)?|if\s+not|failing\s+that|otherwise|else)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
# ... said with its own word first ("friday morning. backup tuesday afternoon"), or as a clause of its own that names
# the first as full ("FRIDAY MORNING is what i want. tuesday AFTERNOON only if friday is full": play-test 174)
_BACKUP_FIRST = re.compile(
    r"(?:[,.;!]\s*|\s+)(?:(?:and|or|with)\s+)?(?:(?:as\s+)?(?:a|my|the)?\s*(?:back-?\s*up|second\s+choice|2nd\s+choice|"
    r"plan\s+b)(?:\s+(?:is|would\s+be|could\s+be|then))?\s*:?)\s+\w.*$|"
    r"[,.;!]\s*[^,.;!]{2,40}?\s+(?:only\s+)?if\s+[^,.;!]{0,30}?\b(?:(?:is|'s|s|are)\s+(?:all\s+)?(?:full|taken|booked|"
    r"busy|not\s+(?:free|available|possible))|(?:isn'?t|isnt|aren'?t|arent)\s+(?:free|available|possible|open))\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_BACKUP_NAMED = re.compile(
    r"(?:[,.;!]\s*|\s+(?:and|or|with)\s+)(?:(?:and|or|with)\s+)?[^,.;!]{2,40}?\s+(?:as\s+(?:a|my|the)?\s*back-?\s*up|"
    r"as\s+(?:a|my|the)?\s*(?:second|2nd)\s+(?:choice|option)|as\s+(?:a|my|the)?\s*plan\s+b)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


_RULED_OUT_FIRST = re.compile(
    r"\s*(?:not|never|except|apart|anything\s+but|any\s+day\s+but)\b|"
    r"\s*no\s+(?:mon|tue|wed|thu|fri|sat|sun|mornings?|afternoons?|evenings?|weekends?)",
    re.IGNORECASE,
)


def without_a_backup(words: str) -> str:
    """The words of a time without the second choice said after the first (`_BACKUP_AFTER`, `_BACKUP_FIRST`,
    `_BACKUP_NAMED`), when words of a time are left before it."""
    for backup in (_BACKUP_AFTER, _BACKUP_FIRST, _BACKUP_NAMED):
        found = backup.search(words)
        first = words[: found.start()] if found else ""
        # (not a day ruled out before it: "not tuesdays, otherwise whenever" is any day but Tuesday)
        if re.search(r"\w", first) and not _RULED_OUT_FIRST.match(first):
            return first
    return words


# a number of months ahead ("in about 3 months"), which components/entities.py finds as a time too
MONTHS_AHEAD = (
    r"\bin\s+(?:about\s+|around\s+|roughly\s+)?(?P<months>\d|a|one|two|three|four|(?:a\s+)?couple\s+of)\s+months?"
    r"(?:'?s?\s+time)?\b"
)
_MONTHS_AHEAD = re.compile(MONTHS_AHEAD, re.IGNORECASE)


def _months_ahead_named(text: str, now: dt.datetime) -> str:
    """ "in about 3 months" as the month it comes to ("in June"), whose day is then asked for."""

    def month(match: "re.Match") -> str:
        return f"in {MONTHS[(now.month - 1 + _how_many(match.group('months'))) % 12].capitalize()}"

    return _MONTHS_AHEAD.sub(month, text)


# words said around a day or a time that change neither: a soft wish, a name for the one asked ("Thursday morning would
# suit, not too early, about 10.30", "I did say Thursday dear. Thursday at half past ten": play-test 234, "I couldn't
# work out a day", twice; the clinic reads the words as said)
_SAID_AROUND_A_TIME = re.compile(
    r"\bnot\s+(?:too|very|so|that|overly)\s+(?:early|late)\b|\b(?:dear|love|luv|hun|hon|pet|darling|mate)\b",
    re.IGNORECASE,
)


_WORKING_UNTIL = re.compile(
    r"\b(?:i\s+)?(?:work|working)\s+(?:until|till|til)\s+(\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)(?![\d:.])", re.IGNORECASE
)


def parse_preferred_time(text: str, clinic: Clinic, now: dt.datetime) -> PreferredTime:
    """As `preferred_time`, and "asap" (alone, or as a correction) is the earliest day and time the clinic can take;
    of two days offered with one time, the first on which it fits (`_either_day`). A second choice said after the
    first is left to the words the clinic reads (`without_a_backup`). A number of months ahead is the month it comes to
    (`_months_ahead_named`)."""
    text = _SAID_AROUND_A_TIME.sub(" ", text or "")
    besides = _WORKING_UNTIL.sub(" ", text)
    if _WORKING_UNTIL.search(text) and not _CLOCK.search(besides) and not _BOUNDED.search(besides):
        # "late afternoon if possible, I work until 4" (play-test 235: 15:00 to 17:00 put down): free after it, when
        # no time of the clock is said besides
        text = _WORKING_UNTIL.sub(r"after \1", text)
    text = _months_ahead_named(text, now)
    said = [without_a_backup(part) for part in (text or "").split(CORRECTED)]
    text = CORRECTED.join(said)
    if not ASAP.match(said[-1]):
        # (two days offered, then narrowed down to one: "Saturday, or Thursday after 5 would work. Maybe Thursday 17th
        # at half 5?", that one)
        narrowed = len(_NARROWED_TO.split(said[-1])) > 1
        return (None if narrowed else _either_day(text, clinic, now)) or preferred_time(text, clinic, now)
    local = now.astimezone(clinic.timezone)
    for offset in range(_HORIZON_FOR_ASAP):
        day = local.date() + dt.timedelta(days=offset)
        if clinic.hours_on(day) is None:
            continue
        try:
            return preferred_time("today" if not offset else f"{day.day} {day:%B}", clinic, now)
        except InvalidValue:
            continue
    return preferred_time(text, clinic, now)


_END_OF_DAY, _START_OF_DAY = dt.time(23, 59), dt.time(0, 0)  # the open end of "after 10", "before 4"


def _corrected_window(
    before: Optional[Tuple[dt.time, dt.time]], said: Optional[Tuple[dt.time, dt.time]]
) -> Optional[Tuple[dt.time, dt.time]]:
    """The time of day after a correction: what it says, except that a bound ("not before 10") narrows a part of the
    day said before, or one said after it, that it overlaps ("mornings, not before 10 → monday morning" is Monday
    10:00 to 12:00: play-test 52 lost the bound, then the morning), and that the same part of the day said again keeps
    what narrowed it."""
    if before is None or said is None:
        return said or before
    if before[0] == before[1] or said[0] == said[1]:
        return said  # a time of the clock said, before or now: the latest one
    open_before = _END_OF_DAY in before[1:] or _START_OF_DAY in before[:1]
    open_said = _END_OF_DAY in said[1:] or _START_OF_DAY in said[:1]
    start, end = max(before[0], said[0]), min(before[1], said[1])
    same_way = open_before and open_said and (before[1] == said[1] or before[0] == said[0])
    if (open_before or open_said) and not same_way and start < end:
        return start, end
    if said[0] <= before[0] and before[1] <= said[1] and not open_said:
        return before
    return said


def preferred_time(text: str, clinic: Clinic, now: dt.datetime) -> PreferredTime:
    """A day and a time (or part of the day) in the future, within opening hours.

    `now` is timezone-aware; the result is in the clinic's time zone. A day
    without a time means any time the clinic is open that day. The text may be
    a time and its corrections, joined by CORRECTED: each correction changes what
    it names and keeps the rest ("friday 3pm → saturday" is Saturday at 3pm,
    "saturday 5pm → 3pm" Saturday at 3pm), whether the earlier time was taken
    or refused.
    """
    now = now.astimezone(clinic.timezone)
    opening = clinic.hours_on(now.date())
    today_whole = opening is not None and now.time() < opening[0]  # the clinic has not opened yet today
    day: Optional[dt.date] = None
    window: Optional[Tuple[dt.time, dt.time]] = None
    at_opening = False
    at_closing = False
    said = _NARROWED_TO.split(text or "")
    # any day of next week, with a time of day and no day named ("any weekday evening after 6 next week but not
    # friday": play-test 191, "which day next week?"): the first day of that week that fits (_next_day_for)
    from_next_week = False
    for index, words in enumerate(said):
        if _ANY_DAY_NEXT_WEEK.search(words.lower()) and not _WEEKDAY_NAME.search(_NOT_ON.sub(" ", words.lower())):
            said[index], from_next_week = _NEXT_WEEK.sub(" ", words.lower()), True
    month_said: Optional[str] = None  # a month said before with no day in it ("next month": then "the 12th" is in it)
    week_said = False  # "next week" said before with no day in it
    any_day_said = False  # any day at all, and no day named (`_ANY_DAY_AT_ALL`)
    for index, words in enumerate(said):
        if index and (month_said or week_said):
            words = _in_the_span_said(words, month_said, week_said, now)
        shift = _time_shift(words.lower())
        if shift is not None:  # "push it an hour later": the time said before, on the same day, moved
            if window is None:  # no time was said before to move
                if index == len(said) - 1:
                    raise InvalidValue("utter_invalid_booking_time")
                continue
            base = day or now.date()
            moved = [dt.datetime.combine(base, moment) + shift for moment in window]
            if any(moment.date() != base for moment in moved):
                raise InvalidValue("utter_invalid_booking_time")
            window = (moved[0].time(), moved[1].time())
            continue
        if index:  # a correction: words that only make sense beside what was said before
            # "can we do the one after? the 12th": the date said decides (found by the fifteenth play-test)
            words = _LATER_THEN_A_DATE.sub(" ", words)
            words = _FOLLOWING_WEEKDAY.sub(r"\1 after", words.lower())  # "the following wednesday" (play-test 24)
            rest, _ = _day_and_time(_NOT_MEANT.sub(" ", words.lower()))
            later = _LATER.search(rest)
            if later and day is not None:  # "not this saturday, the one after", "the day before"
                step = dt.timedelta(days=1 if "day" in later.group(0) else 7)
                day += -step if re.search(r"before|earlier", later.group(0)) else step
                # "can it be the day after instead? in the evening": a time said with it (found by the eleventh
                # play-test: the evening was dropped)
                window = _day_and_time(_LATER.sub(" ", words.lower()))[1] or window
                continue
            weekday_after = _WEEKDAY_AFTER.search(rest)
            if weekday_after and day is not None:
                day += dt.timedelta(days=(_WEEKDAY_INDEX[weekday_after.group(1)[:3]] - day.weekday()) % 7 or 7)
                window = _day_and_time(words.lower())[1] or window  # "the following wednesday at 3pm"
                continue
            bare = _BARE_HOUR.match(rest)
            if bare and 1 <= int(bare.group(1)) <= 12:  # "i said 11", "make it 3": the hour, not the 11th
                moment = _hour(bare.group(1), None, None)
                window = (moment, moment)
                # (after "first thing tomorrow": the hour said, not the clinic's first hour, play-test 155)
                at_opening = at_closing = False
                continue
        try:
            said_day, said_window = _day_and_window(words, now, today_whole)
        except InvalidValue as invalid:
            # (with no day named beside it: "the 14th jan, like the 16th? thats a saturday any time" names days that
            # disagree, play-test 102)
            any_day = (
                invalid.response == NO_DAY
                and bool(_ANY_DAY_AT_ALL.search(words.lower()))
                and not _A_DAY_NAMED.search(_day_and_time(words.lower())[0])
            )
            any_day_said = any_day or any_day_said
            new_window = _day_and_time(words.lower())[1] if index and invalid.response == NO_DAY else None
            if new_window is not None and day is not None:
                # a time of day alone correcting a day said before ("actually make it 1 to 3", "no not at 1 exactly,
                # anytime between 1 and 3pm": play-test 248, "couldn't work out a day", then 13:00): that day, at it
                window = _corrected_window(window, new_window)
                continue
            if index == len(said) - 1 and not any_day:
                month = _the_month_of_a_span(words.lower(), now) if invalid.response == NO_DAY_IN_THE_SPAN else None
                if month is not None:
                    # a month wholly past the horizon ("late April" in December): too far, not which day of it
                    # (play-test 75: "which day in April?", then "I couldn't work out a day", four times)
                    # (the part of the month said: "late April" from the 21st, "mid April" from the 11th)
                    part = re.search(r"\b(late|end|mid|middle)\b", words.lower())
                    from_day = {"late": 21, "end": 21, "mid": 11, "middle": 11}[part.group(1)] if part else 1
                    if _in_the_month(month, from_day, now.date()) > _last_day_in_reach(clinic, now):
                        raise too_far(clinic, now) from None
                raise  # the latest words are wrong: say why
            # the time of day said in them stands: "next month, mornings → the 12th" (play-test 49: the mornings and the
            # month were dropped), "mornings are best, any day but not before 10 → monday" (play-test 52: the bound)
            window = (
                _corrected_window(window, _day_and_time(words.lower())[1])
                if index
                else (_day_and_time(words.lower())[1] or window)
            )
            if invalid.response == NO_DAY_IN_THE_SPAN:  # ... and a date alone is in the span's month
                month_said = _the_month_of_a_span(words.lower(), now) or month_said
                week_said = invalid.values.get("span") == "next week"
            continue  # earlier words with no day or time in them add nothing
        if index and day is not None and said_day is not None and _within_reach(day, clinic, now):
            # (only from a day that could be taken: "13 Nov" read as next year's, then "MONDAY MORNING" was the Monday
            # beside it, past the clinic's horizon, play-test 40)
            said_day = _in_the_week_of(day, said_day, _day_and_time(words.lower())[0], now, today_whole)
        if index and window is not None and _SAME_TIME.search(words.lower()):
            said_window = None  # "tonight instead? same time": the time said before, not the whole evening
        day = said_day or day
        if index and _ANY_TIME.search(words.lower()):
            window = said_window  # "tomorrow instead, any time": the time said before goes (play-test 31: 11:00 kept)
            continue
        window = _corrected_window(window, said_window) if index else said_window or window
        if said_window:  # (a time said with it is the time: "tomorrow first thing, 9.30")
            at_opening = bool(_AT_OPENING.search(words.lower())) and said_window == _PARTS_OF_DAY["early morning"]
            at_closing = said_window == _PARTS_OF_DAY["closing"]
    if day is None and window is None and any_day_said:
        window = _THE_WHOLE_DAY  # the hours the clinic is open, on the first day it can be
    if day is None:
        # a time alone (the words name a day or a time, _day_and_window): the next day the clinic is open on which it
        # is still far enough ahead, a weekday if they said so ("weekday evenings": play-test 34, not understood)
        assert window is not None
        day = _next_day_for(
            window,
            clinic,
            now,
            weekdays_only=any(_ANY_WEEKDAY.search(w.lower()) for w in said),
            words=said[-1],
            from_day=_next_monday(now) if from_next_week else None,
        )

    if day > _last_day_in_reach(clinic, now):
        raise too_far(clinic, now)  # (before whether the clinic is open that day: "april 25th" was "closed on Sundays")
    hours = clinic.hours_on(day)
    if hours is None:
        raise InvalidValue(
            "utter_invalid_booking_time_closed", {"day": f"{day:%A}", "clinic_hours": clinic.hours_text()}
        )
    opens, closes = hours
    if at_opening:  # "first thing": the clinic's first hour that day, whenever it opens
        window = (opens, min(closes, (dt.datetime.combine(day, opens) + _THE_FIRST_OR_LAST_HOUR).time()))
    if at_closing:  # "as late as possible": the clinic's last hour that day
        window = (max(opens, (dt.datetime.combine(day, closes) - _THE_FIRST_OR_LAST_HOUR).time()), closes)
    if window is None:
        start_time, end_time = opens, closes
    else:
        start_time, end_time = max(window[0], opens), min(window[1], closes)
        exact = window[0] == window[1]
        last_start = _last_start(clinic, day, closes)
        if (exact and not opens <= window[0] <= last_start) or (not exact and start_time >= end_time):
            raise InvalidValue(
                "utter_invalid_booking_time_hours",
                {
                    "day": f"{day:%A}",
                    "opens": f"{opens:%H:%M}",
                    "closes": f"{closes:%H:%M}",
                    "last_start": f"{last_start:%H:%M}",
                },
            )
    start = dt.datetime.combine(day, start_time, clinic.timezone)
    end = dt.datetime.combine(day, end_time, clinic.timezone)

    earliest = now + dt.timedelta(hours=clinic.minimum_notice_hours)
    first = earliest_start(clinic, now)
    if end <= now:
        raise InvalidValue("utter_invalid_booking_time_past")
    if end < earliest:
        # the earliest time the clinic can still take today, when there is one (found by the fifteenth play-test:
        # "too soon" said with no time that would do)
        today = clinic.hours_on(now.date())
        if today and first.date() == now.date() and first.time() <= _last_start(clinic, now.date(), today[1]):
            raise InvalidValue(
                "utter_invalid_booking_time_notice_today",
                {"hours": str(clinic.minimum_notice_hours), "earliest": f"{first:%H:%M}"},
            )
        raise InvalidValue("utter_invalid_booking_time_notice", {"hours": str(clinic.minimum_notice_hours)})
    if start < earliest:  # keep the part of the window that is still far enough ahead, from a quarter hour
        if end - first < dt.timedelta(minutes=clinic.last_start_before_closing_minutes):
            # too little of it is left ("asap today" at 16:00, closing at 18:00, was 17:59–18:00: play-test 33)
            raise InvalidValue("utter_invalid_booking_time_notice", {"hours": str(clinic.minimum_notice_hours)})
        start = first
    return PreferredTime(start, end)


def earliest_start(clinic: Clinic, now: dt.datetime) -> dt.datetime:
    """The earliest a request can start by the clinic's minimum notice, from a quarter hour."""
    earliest = (now + dt.timedelta(hours=clinic.minimum_notice_hours)).replace(second=0, microsecond=0)
    return earliest + dt.timedelta(minutes=-earliest.minute % 15)


def too_far(clinic: Clinic, now: dt.datetime) -> InvalidValue:
    """A day past the clinic's booking horizon: said with the last day it is open within it."""
    last = _last_day_in_reach(clinic, now)
    while clinic.hours_on(last) is None and last > now.date():
        last -= dt.timedelta(days=1)
    return InvalidValue(
        "utter_invalid_booking_time_far",
        {"days": str(clinic.booking_horizon_days), "latest": f"{last:%A} {last.day} {last:%B}"},
    )
