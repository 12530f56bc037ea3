"""Safety triage: the last word of the NLU on every message, before the dialogue sees it.

Something happening after a treatment gets one of three answers, by severity:

- `faq/emergency`: a sign of a severe allergic reaction (swelling of the lips, tongue or
  throat, trouble breathing or swallowing, feeling faint, a tight chest): call the
  emergency number first;
- `faq/urgent`: a sign of infection, severe or worsening pain, the eye, anything later
  than the first days, and anything unclear: contact the clinic now (or its out-of-hours
  route when it is closed, actions/answers.py);
- `faq/expected_reaction`: redness, mild swelling or sensitivity in the first days: the
  guide's words and when to call.

Which signs fall where is the clinic's setting (`safety.signs` in clinic.yml, read when
the component loads); this module only reads them. The classifier's `faq/complication`
("something is happening") is never answered as it is: it is triaged, and without a
named sign it is unclear, so urgent. A question about what could go wrong asked by
someone not yet treated ("what if something goes wrong?") is the side effects answer.

Two more routes for the right person: someone under 18, or asking about a parent coming
or not knowing, gets the clinic's age policy (`faq/minors`). The classifier's `distress`
(the crisis answer) stands whenever the message has a crisis word (`safety.crisis_words`);
without one, a sign of a level or an age comes first ("I'm going to pass out" is an
emergency, "without telling my mum" the age policy), and otherwise it stands as it is.
Unmistakable words of a crisis (`safety.crisis_signs`) get the crisis answer even where the
classifier missed it.

The component sets the intent `faq` with the answer at confidence 1.0, clears the other
questions of the message (a triage answer is given alone), and writes what it found
under `triage` ({"level", "signs", "worse", "under_age", "not_yet"}) for the actions.
"""

import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.question_classifier import QUESTIONS
from core.words import COMPLAINT, MONTHS, NHS_111_INSTEAD, WEEKDAY_ABBREVIATIONS, WEEKDAYS, alternatives, says_send

logger = logging.getLogger(__name__)

PROJECT_DIR = Path(__file__).resolve().parent.parent
TRIAGE = "triage"
EMERGENCY, URGENT, EXPECTED = "emergency", "urgent", "expected"
LEVELS = (EMERGENCY, URGENT, EXPECTED)  # most severe first
# the answer key of each level, and of the other routes
ANSWERS = {EMERGENCY: "faq/emergency", URGENT: "faq/urgent", EXPECTED: "faq/expected_reaction"}
SIDE_EFFECTS_ANSWER = "faq/side_effects"
WARNING_SIGNS_ANSWER = "faq/warning_signs"
MINORS_ANSWER = "faq/minors"
SUITABILITY_ANSWER = "faq/suitability"
HELP_HAD_ANSWER = "faq/help_had"
ROUTE_ANSWER = "faq/route_explained"
EMERGENCY_ROUTE_ANSWER = "faq/emergency_explained"
WHAT_TO_TELL_111_ANSWER = "faq/what_to_tell_111"
LESION_ANSWER = "faq/a_mole"  # a mole or mark asked about: not assessed here
PRODUCT_ANSWER = "faq/unknown_product"  # what was put on the skin, asked for those giving care
CAUSE_ANSWER = "faq/cause_asked"  # what it is or what caused it, asked of what is happening: no diagnosis
RESULTS_ANSWER = "faq/results"  # what the guide says it improves, and when
WHAT_IS_ANSWER = "faq/what_is"  # what microneedling is
APPOINTMENTS_ANSWER = "faq/appointments"  # an appointment to move or cancel: not here, the clinic
REASSURANCE_ANSWER = "faq/reassurance"  # "so it's fine?": not reassured
AREA_ANSWER = "faq/unknown_area"  # a concern the guide does not name, said so
ACTIVITY_ANSWER = "faq/unknown_activity"  # something done after a treatment the guide does not cover (exercise)
PROCEDURE_ANSWER = "faq/procedure"  # what happens during the treatment
PAIN_ANSWER = "faq/pain"  # whether it hurts


# whether the results are spoilt, asked ("have i ruined it??", "will it still work or have i wasted my money")
_RESULTS_SPOILT = re.compile(
    r"\b(?:ruin\w*|wasted|undo\w*|undone|spoil\w*|still work|mess\w* (?:it|up|the results|my results)|"
    r"affect\w* (?:the |my )?results?|set (?:it|me) back)\b"
)


# whether something may be done or put on, asked ("can i wear foundation monday", "foundation after microneedling, yes
# or no", "is it ok to use my moisturiser")
_ALLOWED_ASKED = re.compile(
    r"\b(?:can|could|may|should|shall)\s+i\s+(?:still\s+|just\s+)?(?:wear|use|put|apply|go|do|have|wash|swim|"
    r"exercise|train|fly|drink)\b|"
    r"\b(?:is it|is that|are they|it'?s|its)\s+(?:ok|okay|alright|fine|safe|allowed)\s+to\b|"
    r"\byes or no\b|\b(?:am i )?allowed to\b"
)


def _an_aftercare_slip(message: Message) -> Optional[Text]:
    """The kind of the first thing done or put on the skin that the guide does not cover ("went to the gym", "my
    normal retinol": the entities `unknown_activity`, `unknown_product`) the message names, when it asks whether that
    spoilt the results ("have i ruined it??"); None otherwise (how the skin is after it is asked of what is happening:
    a blind set's complication, on totals only, was read as this and lost its route)."""
    lowered = (message.get(TEXT) or "").lower()
    # (or whether it may be done or put on, asked: "no i mean AFTER. i already had it done. foundation after
    # microneedling, yes or no", play-test 195, NHS 111 now to someone with no sign; a sign named beside it still has
    # its route, as no sign is all this reads)
    if not (_RESULTS_SPOILT.search(lowered) or _ALLOWED_ASKED.search(lowered)):
        return None
    return next(
        (
            entity["entity"]
            for entity in message.get(ENTITIES) or []
            if entity.get("entity") in ("unknown_activity", "unknown_product")
        ),
        None,
    )


WINDOW = 8  # the words of one sign stand within this many words of each other
# things a colour or a word of a sign may describe instead of the skin ("green gel stuff", "yellow light")
_THINGS = {
    "gel",
    "aloe",
    "bottle",
    "cream",
    "lotion",
    "serum",
    "tube",
    "jar",
    "tub",
    "tea",
    "juice",
    "smoothie",
    "paint",
    "light",
    "lights",
    "mask",
    "towel",
    "top",
    "dress",
    "shirt",
    "jumper",
    "nail",
    "nails",
    "varnish",
    "dye",
    "bag",
    "product",
    "products",
    "moisturiser",
    "moisturizer",
    "ointment",
    "balm",
    "spray",
    "soap",
    "wash",
    "toner",
    "oil",
}
# a part of the body said to be as it is now ("my lips are puffy", "his eyes look swollen")
_A_PART_AS_IT_IS = re.compile(
    r"\b(?:my|his|her|their|our|the)\s+\w+\s+(?:are|is|'re|'s|look|looks|feel|feels|seem|seems|are going|is going|"
    r"are getting|is getting|have gone|has gone|went)\b"
)
SHORT_SENTENCE = 5  # a sentence of this many words or fewer may finish the sign of the one before it
NEGATION_BEFORE = 3  # "no", "not", "without" up to this many words before a sign, or inside it, cancels it

_NEGATIONS = {
    "no",
    "not",
    "without",
    "never",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "arent",
    "wasnt",
    "werent",
    "havent",
    "hasnt",
    "nothing",
    # ("?? nothing's getting worse, i mean can i change the appointment date": play-test 179, the clinic now)
    "nothings",
    "none",
    "nor",
}
# (accented letters are letters: "lèvres", "lábios", play-test 50)
_WORD = re.compile(r"[a-z0-9à-öø-ÿ]+(?:-[a-z0-9à-öø-ÿ]+)*")
# (not a decimal point: "my temp is 39.6 now and i feel confused and shaky", play-test 91, split the temperature from
# the confusion, and NHS 111 where the sign of sepsis is 999)
_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)[.!?;\n]*|[!?;\n]+[.!?;\n]*|(?<=\d)\.(?=\D|$)[.!?;\n]*")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "couple": 2,
    "three": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 4,
}

# Something the person is going through now, not a question about the treatment in general.
# since a time of life ("i've had bad skin since uni": play-test 76, read as since a treatment, and NHS 111 now): how
# long a concern has been there, no word of now
_TIMES_OF_LIFE = (
    r"(?:uni|university|school|college|sixth form|my teens|(?:my )?childhood|puberty|forever|"
    r"i was (?:a )?(?:teen(?:ager)?|kid|child|little|young|\d+)|"
    # ("I take blood thinners, warfarin, for my heart since a few years. Will I bleed a lot with the needles?":
    # play-test 230, a history, sent to the clinic today as something lasting after a treatment)
    r"(?:a few |a couple of |several |many |some |\d+ |two |three |four |five |ten )?years)\b"
)
_SINCE_A_TIME_OF_LIFE = rf"since(?! {_TIMES_OF_LIFE})"
_SINCE_A_TIME_OF_LIFE_SAID = re.compile(rf"\bsince {_TIMES_OF_LIFE}")
# a time of life after "my" ("since my teens", "in my 20s"): no treatment, and nothing of now (play-test 81: "I've had
# bad skin since my teens … roaccutane in my 20s … and now I'm 41", a history, was sent to NHS 111 now)
_MY_TIME_OF_LIFE = r"(?:teens|twenties|thirties|forties|[1-9]0s|childhood|youth|school days|uni days|student days)\b"
# an age said with "now" ("and now I'm 41"): how old, not what is happening
_NOW_AN_AGE = re.compile(r"\bnow,? (?:that )?(?:i'?m|im|i am|she'?s|he'?s) (?:\d{2}|in (?:my|her|his) )")
_NOW = re.compile(
    r"\b(?:still|now|right now|currently|at the moment|atm|today|tonight|this (?:morning|evening|afternoon)|"
    rf"yesterday|last night|{_SINCE_A_TIME_OF_LIFE}|ago|after my|"
    r"after (?:the|this|that|it|today'?s|yesterday'?s|last)|post[- "
    r"]?(?:treatment|"
    r"procedure|session|tx)|had (?:it|my|the|microneedling|micro ?needling|a session|treatment|a treatment)|"
    r"got (?:it )?done|did it|day \d+|\d+ (?:days?|hours?|hrs?|weeks?) (?:after|later|post|since|in|out|on)|"
    # ("is it normal for skin to peel a few days after microneedling?" asks in general: twenty-third play-test)
    r"is (?:this|that|it) normal(?! for (?:skin|your skin|the skin|people|someone|anyone|faces?|you) to)|"
    r"are these normal|this (?:much|red|swollen|sore|bad)|woke up|(?:the )?day after|"
    r"(?:the )?next (?:day|morning)|the morning after|"
    r"keeps?|started|has been|have been|hasn'?t|won'?t (?:stop|go)|getting|turned|went|treated|"
    r"(?:treatment|session|appointment) was|"
    # "a cold sore is starting on my lip" (found by the twenty-first play-test: no level, then the suitability answer)
    r"(?:is|are|'s) (?:just )?(?:starting|coming up|appearing|forming|developing)|"
    # ("monday any time. feeling a bit dizzy again tbh", "dizzy again. room is kinda spinning": play-test 76, the call
    # back's next question, then the privacy notice, after the emergency answer): a feeling back again, or the subject
    # left out
    r"(?:dizzy|dizziness|faint|lightheaded|light-headed|woozy|giddy|spinning|itchy|tingly|tight|swollen|puffy)\s+again|"
    r"(?:^|[.!?,]\s*)(?:feeling|feel|felt)\s+(?:a bit |a little |really |very |so |quite |kinda |kind of )?"
    r"(?:dizzy|faint|lightheaded|light-headed|woozy|giddy|sick|unwell|weird|odd|funny|hot|shaky))\b"
)
# "my cheek is …", "I've got …", "it feels …": the person's own skin, now
# a throat that feels scratchy or itchy, and hives or welts, said in one message (triage; clinic.yml's signs are read
# within a sentence, and these are often told in two)
_THROAT_IRRITATED = re.compile(
    r"\bthroat\b[^.?!]{0,30}?\b(?:scratch\w*|itch\w*|tickl\w*|prickl\w*|tingl\w*)|"
    r"\b(?:scratch\w*|itchy|tickly|prickly|tingly)\s+throat\b"
)
_ALLERGIC_SKIN = re.compile(r"\b(?:hives|welts?|wheals?|nettle rash|urticaria)\b")
# an allergic reaction said to be happening ("i think i'm having an allergic reaction", "she's come out in hives")
_AN_ALLERGY = re.compile(r"\b(?:allergic|allergy|anaphyla\w*|hives|welts?|wheals?|urticaria)\b")
ALLERGIC_THROAT_SIGN = "throat scratchy|itchy|tickly + hives|welts"
# unwell in oneself after a treatment: a bad headache, feeling sick, being sick (the sign's name, as the others')
UNWELL_SIGN = "headache bad|pounding + sick|nausea|vomiting"
_UNWELL = re.compile(
    r"\b(?:(?:really|very|so|quite)\s+)?(?:bad|awful|terrible|pounding|splitting|banging|throbbing|severe|worst)\s+"
    r"(?:headache|head\s?ache|migraine)|\b(?:headache|migraine)\b[^.?!]{0,20}\b(?:pounding|awful|terrible|severe|bad)\b|"
    r"\b(?:feel|feeling|felt)\s+(?:really\s+|very\s+|a\s+bit\s+|so\s+)?(?:sick|nauseous|queasy)\b(?!\s+(?:at|about)\s+the)|"
    r"\b(?:nausea|vomit\w*|throwing\s+up|threw\s+up|been\s+sick)\b"
)
# how the skin looks, said to be worse or uneven (triage: a result, for the clinic when it opens, not NHS 111 now)
_LOOKS_WORSE = re.compile(
    r"\b(?:worse|uneven|patchy)\b[^.?!]{0,20}\b(?:texture|results?|tone|scars?|scarring|lines|wrinkles|pores|"
    r"pigment\w*|looking|appearance)\b|\b(?:texture|results?|tone|scars?|lines|wrinkles|pores|looks?|appearance)\b"
    r"[^.?!]{0,20}\b(?:worse|uneven)\b"
)
# on hold, or on the line, to them ("nobody's on their way, im still on hold"): help called, not said not to be
# (not on hold to NHS 111 or the clinic: "i havent called 999 yet, im on hold with 111. so do i call 999 now??",
# play-test 213, "follow what the 999 call handler tells you")
_ON_HOLD = re.compile(
    r"\bon hold\b(?!\s+(?:to|with|for)\s+(?:111|nhs|the clinic|your clinic|the gp|my gp|the doctors?))|"
    r"\b(?:still |now )?on the (?:phone|line) (?:to|with) (?:them|999|an ambulance)\b"
)
# an appointment or request asked to be still on ("is my wednesday 10am still happening", "is it still going ahead")
_STILL_ON = re.compile(
    r"\b(?:my|the|our)\s+(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*|appointment|appt|booking|consultation|session|"
    r"treatment|call ?back)\b[^.?!]{0,25}\bstill\s+(?:happening|on|going ahead|booked|confirmed|going)\b|"
    r"\b(?:appointment|appt|booking|consultation)\b[^.?!]{0,20}\b(?:still on|going ahead)\b"
)
# a request or its reference named ("my booking MN-KX7U")
_A_REQUEST_NAMED = re.compile(r"\b(?:booking|appointment|request|reference|call ?back|mn-[a-z0-9]{3,})\b")
# a call back from the help called, not the clinic's ("theyre telling me to wait for a call back from 111 now (the 999
# lady)": play-test 190, the request's reference, and the question beside it answered as if no help were coming)
_HELPS_CALL_BACK = re.compile(
    r"\b(?:call ?back|ring ?back|callback)\s+(?:from|off)\s+(?:111|999|nhs|the ambulance|ambulance|the hospital|"
    r"a&e|the gp|my gp|a nurse|a doctor|a clinician|a paramedic)\b|"
    r"\b(?:111|999|nhs(?: 111)?|the ambulance|the hospital|the gp|my gp|a nurse|a doctor|a clinician)\s+"
    r"(?:\w+\s+){0,3}?(?:call|ring|phone)\w*\s+(?:me\s+|us\s+|her\s+|him\s+)?back\b"
)
# "so they wont ring tuesday now?", "will they still call me friday": whether the clinic's call is on, asked
_THEY_RING = re.compile(
    r"\b(?:will|won'?t|wont|would|do|don'?t|dont|are|aren'?t|arent)\s+(?:they|you|the clinic|someone|she|he)\s+"
    r"(?:still\s+|not\s+|now\s+)?(?:be\s+)?(?:ring|call|phon)\w*\b|"
    r"\b(?:they|the clinic|someone)\s*(?:will|won'?t|wont|'ll|would|wouldn'?t)\s+(?:still\s+|not\s+|now\s+)?"
    r"(?:ring|call|phon)\w*\b"
)
# the needles' marks, in people's words ("dots in lines", "like a grid", "pin pricks")
_NEEDLE_MARKS = re.compile(
    r"\b(?:(?:tiny|little|small|pinpoint|pin ?prick|red)\s+)*(?:dots|marks|spots|holes|pricks)\b[^.?!]{0,30}?\b(?:in "
    r"(?:lines|rows|a grid|a pattern)|like a grid|grid(?:[- ]like)?|where the needles? (?:went|were|was))\b|"
    r"\b(?:grid|needle) (?:marks|dots|pattern|lines)\b|\bpin ?pricks?\b|\bpinpoint dots\b"
)
# whom to contact, asked ("who do i ring", "who should i contact")
_WHO_TO_CONTACT = re.compile(
    r"\b(?:who|where|which number)\s+(?:do|should|would|can|shall|will)\s+(?:i|we)\s+(?:ring|call|phone|contact|go|"
    r"speak to|talk to|get hold of)\b"
)


def _a_booking_detail(entity: Dict[Text, Any], text: Text) -> bool:
    """Whether an entity names a detail of a booking, not a field named in passing: "last time" ("my cheeks went a bit
    red and tight for a couple days last time": play-test 72, "time" read as the booking's, and the message as no
    report, NHS 111 now), or whom to contact ("and if i had a bad reaction after, like at night, who do i contact":
    play-test 189, the concern fallback and no route)."""
    if entity.get("entity") != "booking_field" or "start" not in entity:
        return True
    before = text[: entity["start"]]
    return not (_AN_OCCASION_BEFORE.search(before) or _WHO_TO_CONTACT.search(text.lower()[: entity.get("end", 0)]))


# a word that may name a sign (a cheap look before reading the message as one's own: `level_if_happening`)
_A_SIGN_WORD = re.compile(
    r"\b(?:burn\w*|sting\w*|pain\w*|hurt\w*|sore\w*|ach\w+|swell\w*|swollen|puff\w*|red\w*|pus\w*|crust\w*|itch\w*|"
    r"rash\w*|bump\w*|spot\w*|blister\w*|fever\w*|hot|heat|weep\w*|ooz\w*|bleed\w*|faint\w*|dizz\w*|throb\w*|"
    # ("oh its a bit warm to touch too, the cheeks" on day 3: play-test 232, a menu; "peeling", "flaky": said in the
    # thread, the person's own skin)
    r"streak\w*|tingl\w*|numb\w*|tight\w*|breath\w*|warm\w*|peel\w*|flak\w*)\b"
)
# a call made, whom to not said ("ok I've called them" after "Please call 999 now": play-test 220 got "Please call 999
# now" again; play-test 224, of the clinic's reception, got the words for an ambulance on its way): the emergency's
# words for either (actions/answers.py `route_variant`)
_CALLED_UNNAMED = re.compile(
    r"\b(?:i'?ve|ive|i have|we'?ve|weve|we have|i|we) (?:just |already |now )?(?:called|rang|rung|phoned|dialled|"
    r"dialed) (?:them|it|someone|somebody)\b(?![^.?!]{0,40}\b(?:came|been|said|told|gave|sent|checked|left)\b)"
)
# a temperature and its reading ("took my temperature, 38.3", "temp is 38.4", "fever of 39")
_A_TEMPERATURE_READ = re.compile(
    r"\b(?:temp|temps|temperature|temperatures|thermometer|fever)\b[^.?!\d]{0,30}?\b(?P<degrees>\d{2}(?:[.,]\d)?)\s*"
    r"(?:°\s*c?|degrees?|c\b)?",
    re.IGNORECASE,
)
# a high temperature, in degrees Celsius (nhs.uk "High temperature (fever) in adults": 38C or above)
HIGH_TEMPERATURE = 38.0


def _a_high_temperature(text: Text) -> bool:
    """Whether the text reads a temperature of 38C or more (up to 43, a reading)."""
    return any(
        HIGH_TEMPERATURE <= float(match.group("degrees").replace(",", ".")) <= 43
        for match in _A_TEMPERATURE_READ.finditer(text or "")
    )


# calling for help now, said ("ok im calling now", "ringing them now")
_CALLING_NOW = re.compile(
    r"\b(?:i'?m|im|i am|we'?re|were|we are)\s+(?:calling|ringing|phoning|dialling|dialing)\s+(?:them\s+|999\s+|111\s+|"
    r"an ambulance\s+)?now\b|\b(?:calling|ringing|phoning)\s+(?:them|999|111|an ambulance)\s+now\b|"
    # ("ok ok calling now" after "call 999 now": play-test 167, "Thanks for chatting")
    r"(?:^|[.!,]\s*)(?:(?:ok|okay|right|fine|yes|yeah|alright|will do)\W+)*"
    r"(?:calling|ringing|phoning|dialling|dialing)\s+(?:them\s+|it\s+)?now\b|"
    # ("forget it. im calling 999 back": play-test 200, "no request in progress" in the middle of an emergency)
    r"\b(?:calling|ringing|phoning|call|ring|phone)\s+(?:999|111|them|the ambulance|an ambulance)\s+(?:back|again)\b"
)
# an appointment or a booking to move, cancel or make (a message the classifier calls `distress` with no crisis word)
_ABOUT_AN_APPOINTMENT = re.compile(
    r"\b(?:appointments?|appt|booking|reschedul\w*|re-?book\w*|re-?arrange|postpone|move (?:it|my|the)|"
    r"cancel\w*|consultation)\b|\bmn-\w*"
)
# an appointment to move or cancel, or its reference ("moving my microneedling appt from tuesday", "ref MN-K7"); not
# an appointment only named ("i had my consultation last week and something's not right" is something happening)
_APPOINTMENT_MOVED = re.compile(
    r"\b(?:mov(?:e|ing)|reschedul\w*|re-?arrang\w*|postpon\w*|cancel\w*|push(?:ing)? back|bring(?:ing)? forward)\b"
    r"[^.?!]{0,30}\b(?:appointments?|appt|booking|consultation|session|it)\b|\bmn-[a-z0-9]+"
)
# how to move an appointment, asked (not cancelled: the request's own stop reads that)
_HOW_TO_MOVE_IT = re.compile(
    r"\b(?:how|can i|could i|do i|what do i|where do i)\b[^.?!]{0,40}\b(?:mov(?:e|ing)|reschedul\w*|re-?arrang\w*|"
    r"postpon\w*)\s+(?:it|that|this|my|the|our|her|his|appointment|appt|consultation|booking|session)\b|"
    r"\b(?:how|can i|could i|do i|what do i|where do i)\b[^.?!]{0,40}\b(?:push(?:ing)? (?:it |that )?back|"
    r"bring(?:ing)? (?:it |that )?forward|change the (?:date|day|time) of)\b|"
    r"\b(?:mov(?:e|ing)|reschedul\w*|postpon\w*)\s+(?:it|that|my|the)\b[^.?!]{0,40}\bhow (?:do|would|can|should) i\b"
)
# something taken or done on a clinician's advice ("aspirin on my doctor's advice"): no help had
_ON_ADVICE = re.compile(
    r"\b(?:on|by|under|per)\s+(?:my|the|her|his|their)\s+(?:doctor|dr|gp|consultant|cardiologist|dermatologist|nurse)"
    r"(?:'s|s'|s)?\s+(?:advice|orders|recommendation|instructions)\b"
)
# clinic.yml's sign of scarring from a treatment (its first words)
_SCARRING_SIGN = "scar|scars|scarring"
# clinic.yml's sign of a change in how the skin looks, bumps, spots or a patch (its first words)
_LOOKS_SIGN = "bump*|lump*|pimple*"
_PERSONAL = re.compile(
    r"\b(?:my (?:face|skin|cheeks?|forehead|chin|neck|lips?|eyes?|eyelids?|nose|jaw|scalp|throat|tongue|mouth|"
    r"chest|arms?|hands?|legs?|back|stomach|area|spots?|scars?)(?: \w+)? (?:is|are|has|have|feels?|looks?|keeps?|went|"
    r"gone|got|started|getting|turned|been|hurts?|burns?|stings?)|mine (?:is|has|looks|feels)|"
    r"(?:the|this|that) (?:redness|swelling|skin|area|spot|rash|pain|bump|lump|patch|crust|puffiness)s? "
    r"(?:is|are|has|have|keeps?|looks?|feels?)|there(?:'?s| is| are) (?:\w+ ){0,3}(?:on|in|coming|from|all over)\b|"
    r"(?<!could )(?<!can )(?<!will )(?<!would )(?<!might )(?<!if )(?<!do )i (?:have|got|feel|look)|"
    r"i'?m (?:so |really |very |a bit )?(?:red|swollen|sore|burning|itchy|dizzy|bleeding|struggling|feeling)|"
    r"i'?ve (?:got|noticed)|it'?s (?:still|really|very|so|gone|getting|"
    # ("its just peeling a bit round my nose": play-test 80, "did you mean" on day 2)
    r"got|all|now|just (?:peeling|flaking|flaky|red|pink|dry|tight|itchy|sore|bleeding|weeping|swollen))|"
    r"it (?:is|feels|looks|keeps|has|hurts|burns|stings)|"
    # ("the scars from my treatment. are they permanent or will they fade": play-test 93)
    r"(?:scars?|scarring|pitting|marks?) (?:from|left by|since) (?:my|her|his) (?:treatment|microneedling|session|"
    r"course|procedure)s?)\b"
)
# sessions supposed ("so if i had 3 sessions and the redness every time … is the redness worse after the first one":
# play-test 186, "contact the clinic now" to someone never treated): what would happen, whatever "after" says of now
_SESSIONS_SUPPOSED = re.compile(
    r"\bif\s+(?:i|you|she|he|we|they)\s+(?:had|have|get|got|did|do|were\s+to|was\s+to)\s+(?:\d+|a|an|one|two|three|"
    r"four|five|six|several|multiple|more|another|the\s+full)\s+(?:sessions?|treatments?|courses?|rounds?)\b"
)
# A question about the treatment in general ...
# what is feared to come ("worried about getting marks after"): no sign now ("getting" is no "getting worse")
_FEARED = (
    r"\b(?:scared|afraid|worried|terrified|frightened|nervous|anxious|paranoid|worry|worries|concerned)\s+(?:about|of)\s+"
    r"(?:it\s+)?(?:getting|having|developing|ending up with|being left with|causing|leaving)\b"
)
_HYPOTHETICAL = re.compile(
    # ("but does it BLEED", asked in the walk-through: play-test 51, NHS 111 now to someone never treated)
    r"(?:^\W*(?:(?:but|and|so|ok|okay|oh|hmm|wait|also)\W+)*(?:could|can|will|would|does|do|might|may|is there|"
    r"are there|how (?:likely|common|often)|"
    r"what (?:are|is) the)\b|\bwhat (?:if|happens if|would happen if|could|can|might)\b|\b(?:risks?|chances?|ever|"
    r"possible|likely|usually|normally|typically|in general|generally)\b|\bpeople\b|\banyone\b|"
    r"\b(?:could|can|will|would|might) (?:my|it|microneedling|this|the treatment|i get)\b|\bcan you get\b|"
    # "how long will I look red and raw?", "I'm scared my face will swell up like a balloon" (play-test 40: NHS 111 and
    # 999 now to someone never treated): what is to come, or feared
    # ("would i still be red a week later at the wedding": play-test 233, the clinic now to someone never treated)
    r"\b(?:will|would) i (?:still )?(?:be|look|get|have|need|go)\b|"
    r"\b(?:scared|afraid|worried|terrified|frightened|nervous|anxious|paranoid|fear|worry)\b[^.?!]{0,40}"
    r"\b(?:will|would|might|could|may|gonna|going to)\b|"
    # ("is microneedling safe for dark skin? Im Black and worried about getting marks or dark patches after": play-test
    # 249, NHS 111 now to someone never treated)
    rf"{_FEARED}|"
    # ("i feel sick at the thought of needles": what is feared)
    r"\b(?:at|about)\s+the\s+(?:thought|idea|sight)\s+of\b|"
    # "my fear of needles and fainting", "the fainting thing" (play-test 49: "Please call 999 now" to someone at home
    # who asked to talk about it)
    r"\b(?:fear|fears|phobia|scared|afraid|terrified|frightened|nervous|anxious|worried|worries|worry)\s+(?:of|about)\s+"
    r"(?:\w+\s+){0,3}?(?:faint\w*|pass\w* out|needles?|blood|pain|it)\b|\bthe (?:fainting|needle|blood) thing\b|"
    # "will the redness be gone in time for the wedding" (play-test 29: sent to NHS 111)
    r"\b(?:will|would) (?:the|any) (?:redness|swelling|marks?|peeling|dots|skin|sensitivity|soreness)\b|"
    r"\b(?:prevent|avoid|elsewhere|how do you)\b|"
    # "and if something did go wrong after, like at night or on a sunday, who do i contact" (play-test 150: the urgent
    # route, and a consultation offered): a mishap supposed, and whom to call asked
    r"\bif\s+(?:something|anything|things?)\s+(?:did|does|were to|was to|ever)?\s*(?:go|goes|went|happen\w*)\b|"
    # "what really happens after one microneedling session?": the course of a treatment, asked in general (it was sent
    # to NHS 111 as something happening)
    r"\bwhat (?:really |actually |exactly |usually |normally |typically )?happens (?:after|during|post)\b|"
    # "is peeling normal after microneedling", "is it normal for skin to peel after microneedling?": what is usual
    # after a treatment, asked in general and nothing else said (twenty-third play-test: sent to NHS 111)
    r"^\W*is\s+(?:it\s+)?(?:\w+\s+){0,2}(?:normal|common|usual|expected)\s+(?:for\s+[\w ]{1,30}?\s+)?"
    r"(?:a few days\s+|days\s+)?(?:after|during|post)\s+(?:microneedling|micro ?needling|treatment|a treatment|"
    r"(?:a |the )?session)\W*$)"
)
# a sign asked about as one there is ("is the yellow stuff normal", "about the yellow crusty bits")
_THE_SIGN_ASKED_ABOUT = re.compile(
    r"\b(?:is|are)\s+(?:the|this|that|these|those)\s+(?:\w+\s+){1,3}?(?:normal|ok|okay|fine|expected|bad|worrying)\b|"
    r"\babout\s+(?:the|these|those|this|that)\s+(?:\w+\s+){0,3}?(?:bits?|stuff|crust\w*|spots?|patch\w*)\b"
)
# "I have dark skin. Can make dark spots after?" (found by the eleventh play-test): what the treatment might do, asked
# by someone who says nothing of a treatment had; the signs it names are what they ask about, not what they have
_MIGHT_CAUSE = re.compile(
    r"\b(?:can|could|will|would|might|does|do)\s+(?:it\s+|this\s+|that\s+|microneedling\s+|the treatment\s+)?"
    # ("Can microneedling spread the acne bacteria to other areas of my face?": play-test 91, NHS 111 now)
    r"(?:make|cause|give|leave|lead to|trigger|bring|spread|worsen)\b[^.?!;]*|"
    # ("I'm worried it'll make the redness worse", of rosacea before any treatment: play-test 77, NHS 111 now)
    r"\b(?:it|this|that|microneedling|the treatment)\s*(?:'ll|will|would|'d|could|might|may)\s+(?:make|cause|give|"
    r"leave|lead to|trigger|flare)\b[^.?!;]*"
)
# "it hurts a lot? how many session i need" (found by the eleventh play-test): "it" with a sign, asked, is the
# treatment's ("does it hurt a lot?"), not the person's skin now
_ASKED_OF_IT = re.compile(
    r"(?:^|(?<=[.!?;\n]))\s*(?:(?:and|so|but|ok|okay|oh|hmm|um)\W+)*"
    r"it (?:hurts?|burns?|stings?|is painful)\b[^.?!;\n]*\?"
)
# whether the treatment hurts, asked as a part of its own ("and does it hurt", "will it be painful?")
_ASKS_IF_THE_TREATMENT_HURTS = re.compile(
    r"^\W*(?:(?:and|also|plus|oh|so)\W+)*(?:(?:i'?m|im|i am|i was)\s+(?:just\s+)?asking\s+(?:if|whether)\s+|"
    r"(?:does|will|would|is|do)\s+)(?:it|the treatment|the microneedling|microneedling|the needling|"
    r"the procedure|they)\s+(?:hurt|hurts|be painful|is painful|painful|sting|stings|be sore)\b[^.;!\n]*$",
    re.IGNORECASE,
)
# a treatment had: whatever else is asked, something may be happening after it
_TREATED = re.compile(
    r"\b(?:had (?:it|my|the|microneedling|micro ?needling|a session|treatment|a treatment)|got (?:it )?done|did it|"
    # ("I had a chemical peel and microneedling on monday and now its oozing": read as a treatment to come)
    r"had (?:a |an |my |the )?(?:chemical )?(?:peels?|facials?|laser|botox|fillers?|dermaplaning) (?:and|&|with|plus) "
    r"(?:micro ?-?needl\w*|needling)|"
    # (not after or since something else: "my gp put me on it after the pregnancy", play-test 37 got NHS 111 now)
    rf"(?:after|since) (?:my|the|it|this|that)(?! {_MY_TIME_OF_LIFE})"
    r"(?! (?:pregnancy|birth|baby|babies|holidays?|operation|op|surgery|"
    r"c-?section|menopause|accident|illness|divorce|wedding|summer|winter|christmas|break|diagnosis|covid|flu)\b)|"
    # (not "she wasnt treated here": play-test 74, a friend's dark patches sent to NHS 111 now)
    r"post[- ]?(?:treatment|procedure|session|tx)|(?<!not )(?<!n't )(?<!nt )(?<!never )(?<!not been )(?<!n't been )"
    r"(?<!nt been )treated|"
    r"(?:treatment|session|appointment) was|"
    # ("the scars from my treatment", "small scars from the microneedling i had": play-test 93, how results show)
    r"(?:scars?|scarring|pitting|marks?) (?:from|left by|since) (?:my|her|his|the) (?:treatment|microneedling|"
    r"micro ?needling|session|course|procedure)s?|"
    # ("ive got little raised scars on my cheek from it that havent gone in a month": play-test 157, a consultation
    # "for your goals" offered)
    r"(?:scars?|scarring|pitting|marks?)\b[^.?!,;]{0,20}?\b(?:from|left by) it)\b"
)
# an event the person has coming ("I have a wedding in 10 days"): nothing said of their skin
_AN_EVENT = re.compile(
    r"\bi (?:have|'ve got|ve got|got) (?:a|an|my|the)\s+(?:\w+\s+)?(?:wedding|holiday|party|event|trip|flight|birthday|"
    r"interview|graduation|date|night out|photo ?shoot|photos|shoot|meeting|presentation|hen do|stag do|prom|ball|"
    r"exam|gig|christening|funeral)\b"
)
# a complaint about how the result looks ("I paid £250 … my skin looks WORSE … I want a refund", "it looks uneven and
# blotchy, I'm unhappy with the RESULT": play-test 40, NHS 111 now three times): no sign of anything happening, when
# nothing else is named (components/triage.py `triage`); the complaint goes to the clinic (actions/handover.py)
_A_COMPLAINT = re.compile(rf"{COMPLAINT}|\b(?:manager|paid (?:£|\$|€)?\d+)\b")
_HOW_IT_LOOKS = re.compile(
    r"\b(?:looks?|looking|looked)\s+(?:\w+\s+)?(?:worse|uneven|blotchy|patchy|awful|terrible|bad|horrible|no different|"
    r"the same|older)\b|"
    # ("it's made my acne scars WORSE. I paid £600 …": play-test 41, NHS 111 now)
    r"\bmade (?:my |the |her |his )?(?:\w+ ){0,2}(?:worse|no better)\b|"
    r"\b(?:scars?|scarring|skin|lines|wrinkles|pigmentation|acne|pores|marks)\s+(?:\w+\s+)?(?:got|are|is|went|have "
    r"got|look|looks)\s+worse\b"
)
# a question said to be about what is usual ("in general", "generally")
_IN_GENERAL = re.compile(r"\b(?:in general|generally|usually|normally|typically|for most people)\b")
# a treatment said to be had, in so many words
_HAD_IT_SAID = re.compile(
    r"\b(?:had (?:it|my|the|microneedling|micro ?needling|a session|treatment|a treatment)|got (?:it )?done|did it|"
    r"(?:treatment|session|appointment) was)\b"
)
# an airway sign said to be happening to the person now ("my lips are swelling", "my throat is closing up"): an
# emergency even beside words that otherwise read as asked before any treatment ("can i still have it?")
_SWELLING_NOW = re.compile(
    r"\bmy (?:lips?|tongue|throat|mouth|face)\s+(?:is|are|'s|'re|keeps?|has been|have been|just)\s+(?:\w+\s+)?"
    r"(?:swelling|swollen|puffing|closing|tightening|getting (?:bigger|tight))\b"
)
# asked whether the treatment helps with something ("is it good for sun spots?", "does it work on acne scars"): the
# concern it names is asked about, not reported
_ASKS_IF_IT_HELPS = re.compile(
    r"\b(?:good|work|works|working|help|helps|effective|worth it|do anything|suitable|recommended)\s+(?:for|with|on)\b|"
    r"\b(?:get rid of|treat|treats|improve|improves|fade|fades|reduce|reduces|remove|removes|disappear|vanish)\b|"
    # ("will my scars be completely gone after the course or just a bit less noticeable": play-test 185, NHS 111 now to
    # someone never treated, as scarring from the course)
    r"\b(?:will|would|could|can)\s+(?:my|the|they|them|these|those)\b[^.?!]{0,25}?\b(?:be\s+)?(?:\w+\s+)?"
    r"(?:gone|go away|less noticeable|less visible|smoother|flatter|improved)\b|"
    r"\bevens?\s+(?:(?:it|that|this|them|my (?:skin|face)(?: tone)?|things)\s+)?out\b|"
    # "i have dark spots and scars of acne, would microneedling help?" (play-test 27: sent to NHS 111)
    r"\b(?:would|will|could|can|does|do|might|is)\s+(?:it|this|that|microneedling|micro ?needling|the treatment|"
    r"collagen induction(?: therapy)?)\s+(?:help|work|be (?:any )?(?:good|use|help))\b|"
    # ("Is it possible microneedling done properly could help?": play-test 78)
    r"\b(?:could|would|might)\s+(?:really\s+|actually\s+)?help\b|"
    # ("yes do you do microneedling for dark spots? I have some pigmentation on my cheeks from old spots": play-test
    # 256, NHS 111 now to someone never treated)
    r"\b(?:do|can|could|would)\s+(?:you|they|u)\s+(?:do|use|offer)\s+(?:it|this|that|microneedling|micro ?needling|the "
    r"treatment|collagen induction(?: therapy)?)\s+(?:for|on)\b"
)
# pigmentation named as a condition of one's skin ("melasma", "sun spots"): a concern the clinic may treat
# (had: "i have melasma", "my pigmentation"; not feared: "im black and worried about pigmentation", a suitability
# question of dev3 that this made a concern)
_A_PIGMENT_CONCERN = re.compile(
    r"\b(?:i have|i'?ve got|ive got|i got|my|i suffer from|suffering from)\s+(?:\w+\s+){0,2}?"
    r"(?:melasma|chloasma|(?:hyper)?pigmentation|pigment\w*|sun ?spots?|age spots?|liver spots?|sun damage)\b"
)
# a concern said to have changed for the worse ("look deeper", "made my scars more visible")
_CONCERN_WORSE = re.compile(
    r"\b(?:look|looks|looking|looked|are|is|seem|seems|got|gotten|gone|went|getting|"
    r"made (?:my \w+(?: \w+)?|them|it))\s+(?:\w+\s+)?"
    r"(?:worse|deeper|darker|rougher|bumpier|more (?:visible|obvious|noticeable|prominent|pronounced|uneven))\b"
)
# asked whether one can have the treatment ("can I still have microneedling?", "am I ok to get it done"): with no
# treatment had named, what the message says of the skin is what the consultation assesses
_CAN_I_HAVE_IT = re.compile(
    # ("I am 70 years old, on warfarin … Would microneedling be safe for me? I am concerned about bleeding": play-test
    # 90, NHS 111 now)
    r"\b(?:would|will|is|could)\s+(?:microneedling|micro ?needling|it|the treatment|this treatment)\s+(?:still\s+)?"
    r"(?:be\s+)?(?:safe|ok|okay|suitable|right|alright)\s+for\s+(?:me|someone like me|my skin)\b|"
    r"\b(?:can|could|should|may)\s+i\s+(?:still\s+|even\s+)?(?:have|get|do|book|go ahead with)\s+(?:it|this|"
    r"microneedling|micro ?needling|the treatment|a treatment|treatment|a session|collagen induction)\b|"
    r"\bam i (?:still )?(?:ok|okay|able|allowed) to (?:have|get|do|book) (?:it|this|microneedling|micro ?needling|the "
    r"treatment|a treatment|treatment|a session)\b|\bam i (?:still )?(?:suitable|a (?:good )?candidate)\b|"
    r"\bis it (?:ok|okay|safe|possible) (?:for me )?to (?:have|get|do|book)\b|"
    # "Is microneedling safe for me?" (play-test 31: with eczema "around eyes" named, sent to NHS 111)
    # ("is it actually safe for someone my age? My skin is quite thin now and I bruise if I so much as look at a door
    # handle": play-test 62, NHS 111 now to someone never treated)
    r"\bis (?:it|this|microneedling|micro ?needling|the treatment|collagen induction(?: therapy)?) "
    r"(?:still |actually |really |even |definitely |honestly )?"
    r"(?:ok|okay|safe|suitable|possible|right|a good idea) for (?:me|someone like me|my skin|"
    r"(?:someone|people|a person|women|men) (?:my age|of my age|like me|in their \w+|my skin type))\b|"
    # ("im sunburnt rn from holiday can i still come in thurs for my session", "would i be suitable": tests/unseen, the
    # expected reaction's route to someone not yet treated)
    r"\b(?:can|could|should|may)\s+i\s+(?:still\s+)?(?:come in|attend|keep|go to|make it to)\b[^.?!]{0,30}"
    r"\b(?:my|the)\s+(?:session|appointment|appt|treatment|consultation)\b|"
    r"\b(?:would|will)\s+i\s+(?:still\s+)?be\s+(?:suitable|a (?:good )?candidate|ok for it|able to have it)\b"
)
# whether the treatment bleeds, asked of it ("will it bleed tho? im a bit squeamish": play-test 105, "I can't tell you
# whether it's fine … NHS 111 now" to someone never treated): what the guide says of the procedure, and that it does
# not say (actions/answers.py NOT_GIVEN_BY)
_WILL_IT_BLEED = re.compile(
    r"\b(?:does|will|would|do|is|can)\s+(?:it|the treatment|microneedling|the needling|the procedure|they|the needles|"
    r"i|you|my (?:skin|face))\s+(?:\w+\s+)?(?:bleed|bleeding|make\s+(?:me|you|it|my skin)\s+bleed)\b|"
    r"\b(?:is|will)\s+there\s+(?:be\s+)?(?:any\s+|much\s+|a lot of\s+)?(?:blood|bleeding)\b"
)
# whether it is worth having, asked ("is it worth it?", "does it actually work or is it a gimmick": play-test 106, "I
# can't tell you whether it's fine … NHS 111 now" to someone never treated): what the guide says it improves
_WORTH_IT = re.compile(
    r"\b(?:worth it|worth (?:the|my) (?:money|time|cost)|worth (?:doing|having|getting|trying)|gimmick|"
    r"does (?:it|microneedling) (?:actually |really |even )?work)\b"
)
# asked whether the treatment would fix what the skin has ("a red scaly patch, been there 3 weeks. what is it and will
# microneedling fix it": play-test 37, NHS 111 now to someone never treated), and how long it has been there
_WILL_IT_FIX = re.compile(
    r"\b(?:would|will|could|can|does|do|might)\s+(?:it|this|microneedling|micro ?needling|the treatment)\s+"
    r"(?:fix|help|sort|treat|clear|improve|get rid of|work on|do anything for)\b"
)


_BEFORE_THE_TREATMENT = re.compile(
    r"\b(?:before|the week of|the day of|ahead of|leading up to|the run[- ]up to)\s+(?:my|the|your|her|his)\s+"
    r"(?:appointment|appt|session|treatment|consultation|procedure)\b"
)
_A_CONDITION = re.compile(
    r"\b(?:cold|fever)\s+(?:sores?|blisters?)\b|\b(?:herpes|eczema|psoriasis|rosacea|acne|dermatitis|keloids?)\b",
    re.IGNORECASE,
)


def _names_a_condition(message: Message) -> bool:
    """Whether the message names a condition that bears on whether to have the treatment (a cold sore, eczema: the
    patterns' suitability factor `condition`)."""
    return any(
        entity.get("entity") == "suitability_factor" and _A_CONDITION.search(str(entity.get("value")))
        for entity in message.get("entities") or []
    )


# spots or acne said to be active, named by someone not treated: a concern (SafetyTriage.process)
_ACTIVE_ACNE = re.compile(r"active\s+(?:acne|breakouts?|spots|pimples)")
# the same asked of the treatment by name, or whether it evens the skin out ("my skin is blotchy and uneven, will
# microneedling help", "my skin tone is so uneven and blotchy in photos, does it even that out": tests/dev3, the
# expected reaction's words to someone never treated); "will it help" alone may be asked of ice or a cream
_THE_TREATMENT_FIXES = re.compile(
    r"\b(?:would|will|could|can|does|do|might)\s+(?:microneedling|micro ?needling|the treatment|this treatment|"
    r"collagen induction(?: therapy)?)\s+(?:fix|help|sort|treat|clear|improve|get rid of|work on|do anything for)\b|"
    r"\b(?:would|will|could|can|does|do|might)\s+(?:it|this|that|microneedling|micro ?needling|the treatment)\s+"
    r"even\s+(?:(?:it|that|this|them|my (?:skin|face)(?: tone)?|things)\s+)?out\b"
)
# whether the treatment causes scars, asked ("does microneedling cause scarring?", "can it leave scars")
_CAUSES_SCARS = re.compile(
    r"\b(?:does|do|can|could|will|would|might|may)\s+(?:it|this|that|microneedling|micro ?needling|the treatment|"
    r"the needles?|needling)\s+(?:ever\s+|actually\s+|also\s+)?(?:cause|leave|give (?:you |me )?|create|make)\s+"
    r"(?:any\s+|more\s+|permanent\s+|new\s+)?(?:scars?|scarring)\b"
)
_HAD_FOR = re.compile(
    r"\b(?:been there|been like (?:this|that)|had (?:it|this|them|these) for|"
    r"for (?:about |around |over )?(?:\d+|a few|a couple of|several|many) (?:days|weeks|months|years))\b"
)
# what caused it, asked ("i ask if cream make my lips swell", "could the numbing cream have caused it": play-test 63,
# 999 again to someone treated in hospital and well since): a question, not a report
_ASKS_THE_CAUSE = re.compile(
    r"\b(?:ask|asking|wonder|wondering|want (?:to )?know|wanna know)\s+(?:if|whether|why)\b|"
    r"\b(?:did|does|could|can|would|might)\s+(?:the\s+)?(?:numbing\s+)?(?:cream|serum|product|needles?|treatment|"
    r"numbing)\s+(?:have\s+)?(?:make|made|cause|caused|trigger|triggered)\b|\bwhat (?:made|caused)\b"
)
# "i have a few spots right now, would that matter?", "does that stop it": whether something rules the treatment out,
# asked with no treatment had (found by the eleventh play-test)
_RULES_OUT = re.compile(
    r"\b(?:would|does|will|could|is|do) (?:that|this|it|they|these|those) (?:still )?(?:matter|stop (?:it|me)|"
    r"affect (?:it|the treatment|whether)|be (?:a|an) (?:problem|issue)|mean i can'?t)\b"
)
# "what if after it my face goes red": hypothetical, whatever else it says
_WHAT_IF = re.compile(
    r"^\W*(?:and |but |so )?what (?:if|happens if|would happen if|should i do if|do i do if)\b|"
    # ("ok but like what would actually happen if i fainted afterwards at home? what should i do": play-test 195,
    # "Please call 999 now" to someone never treated, on her sofa)
    r"^\W*(?:(?:ok|okay|but|and|so|like|hmm|um|just|also)\W+)*what\s+(?:would|will|could|might)\s+(?:\w+\s+){0,2}?"
    r"happen\s+if\b|"
    r"\bhow (?:will|would|do|can|should) i (?:know|tell)\b|\bwhat (?:should|do) i (?:do|look out for) if\b|"
    r"\bsigns? (?:of|to look|i should)\b|\blook out for\b|\bhypothetically\b|"
    r"\bif (?:my|i|it|the|your|her|his)\b[^.?!]{0,60}\bwhat (?:would|should|do|can|will)\b|"
    # ("and if it gets worse over the weekend then what", "if my cheeks get worse on sunday who do i call", "im asking
    # what to do if it does": play-test 199, NHS 111 now, then the suitability answer, to pink cheeks not worse)
    r"\bif (?:my|it|the|her|his|she|he|they|this|that)\b[^.?!]{0,60}\b(?:then what|what then|what now|(?:who|where) "
    r"(?:do|should|would|can|shall) (?:i|we) (?:contact|call|ring|go to|go|see|phone))\b|"
    r"\bwhat (?:to do|i should do|i do|i'?d do|i would do|i need to do) if\b|"
    # ("if my lips go puffy again tonight do i have to ring 999 again": play-test 99, "Please call 999 now")
    r"\bif (?:my|it|the|her|his|she|he|they)\b[^.?!]{0,40}\bagain\b[^.?!]{0,25}\b(?:do|should|shall|would|will|must)"
    r" (?:i|we|she|he) (?:have to |need to |still )?(?:ring|call|go|take|do)\b|"
    r"\bwhat (?:would|should|do|can) (?:i|you) do if\b|\bif i (?:get|have|notice|see|develop)\b|"
    # ("who do i contact if its still red after a week, you or my gp?": play-test 44, NHS 111 now to someone never
    # treated)
    r"\b(?:who|where) (?:do|should|would|can) i (?:contact|call|ring|go to|go|see) if\b|"
    # "if i do the first session after the consult will my skin be ok for a wedding" (play-test 29)
    r"\bif i (?:do|have|get|book|start|go for)\b[^.?!]{0,60}?\b(?:will|would)\b|"
    # "if i had it done on monday would i still be red by saturday" (play-test 120: NHS 111 to someone never treated)
    # (not "if i had known it would be this red", said of a treatment had)
    r"\bif i (?:had|did|got) (?:it|microneedling|the treatment|a session|my first session)\b[^.?!]{0,60}?\bwould\b|"
    # "is it safe in general though? i read something about people getting infections from it" (play-test 124: NHS 111
    # now, to someone never treated): what others went through, read or heard of
    r"\bi (?:read|heard|saw|have read|'ve read|ve read|have heard|'ve heard|have seen|'ve seen)\b[^.?!]{0,40}\b"
    r"(?:people|someone|somebody|others|other people|reviews?|stories|articles?|horror stories|a woman|a girl|a man)\b|"
    # "say i had it done and a few days later it got infected", "if im still red for a week after, could i go to a
    # wedding" (play-test 123: NHS 111 now, three times, to someone never treated)
    # (said as a supposition of its own, not "they say my lips are swelling")
    r"(?:^\W*|[.,;!?-]\s*|\b(?:mean|like|so|but|ok|okay|and|hypothetically)\s+)(?:say|suppose|supposing|imagine|"
    r"let'?s say) (?:i|it|my)\b|"
    r"\bif (?:i'?m|im|i am|i was|my skin is|my face is|it'?s|its) still\b[^.?!]{0,60}\b(?:could|can|would|will|should|"
    r"do) (?:i|it)\b|"
    # "if i did it at home with my roller and got a rash, would yall still see me?" (play-test 28: sent to NHS 111)
    r"\bif i (?:did|do|tried|try|used|use|went|go)\b[^.?!]{0,40}?\band (?:got|get|had|have|developed|noticed)\b|"
    r"\bsigns?\b[^.?!]{0,30}\b(?:call|worry|worried|watch)\b|"
    # ("thanks. and if something goes wrong after the treatment who do i ring?": play-test 97, NHS 111 now to someone
    # never treated)
    r"\bif (?:something|anything) (?:goes|went|does go|were to go|was to go) wrong\b[^.?!]{0,50}\b(?:who|what|where|"
    r"how)\b"
)
# "haven't had it checked", "not had it looked at yet", "haven't had any antibiotics": something not yet seen to, said
# of a treatment had ("had it done tuesday, now oozing, havent had it checked" was taken as asked before any treatment,
# and got no route)
_NOT_SEEN_TO = (
    r"(?![^.?!,;]{0,20}\b(?:looked|checked|seen|examined|look|help|advice|antibiotics?|creams?|medic\w*|tablets?|"
    r"replies|reply|answer|call|chance|time|appointment|response|treated|sorted|dressed|"
    # ("is this normal after microneedling?? she never had allergy" of a sister in hospital: play-test 52, the side
    # effects' answer, "swelling usually settles")
    r"allerg\w*|reactions?|problems?|issues?|anything like)\b)"
)
# said to have had no treatment at all ("what?? I am not have microneedling, I am not sick. why 111?" after the urgent
# route: play-test 27), not only not yet this one ("booked in next week")
_NO_TREATMENT_HAD = (
    r"\b(?:i|i'?m|im|i am)\s+(?:not|never|no)\s+(?:have|had|having|do|did|doing|get|got|getting)\s+(?:the |any |a )?"
    r"(?:microneedling|micro ?needling|treatment|procedure|session|needling)\b|"
    r"\b(?:i'?ve|i have|i)\s+had\s+no\s+(?:treatment|microneedling)\b|"
    r"\b(?:i\s+)?(?:haven'?t|havent|have not|never|not)\s+(?:even\s+|actually\s+|yet\s+|ever\s+)?(?:had|done|tried)\s+"
    # (not "one this bad", "one like it": "the headache? its pounding, ive never had one this bad", play-test 253, read
    # as no treatment had, and the route taken back)
    r"(?:it|any|any treatment|a treatment|the treatment|treatment|microneedling|micro ?needling|a session|"
    r"one(?!\s+(?:this|that|so|as|like|before|of\s+these|of\s+those)\b))\b" + _NOT_SEEN_TO
)
_NO_TREATMENT = re.compile(_NO_TREATMENT_HAD)
# said to be a question, nothing happening ("nothing is wrong, im just asking", "i said IF. hypothetically": play-test
# 28, the urgent route again twice)
_JUST_ASKING = re.compile(
    # ("omg HYPOTHETICAL again. nothing has happened to me": play-test 123, NHS 111 again)
    r"\b(?:nothing(?:'?s| is| has)? (?:wrong|happening|happened)|"
    # (not "I'm asking you. his lips are swelling up. do I call 999 again yes or no": play-test 127, the warning signs'
    # leaflet in an emergency)
    r"(?:i'?m|im|i am|i was) (?:just |only )(?:asking|wondering)|(?:i'?m|im|i am|i was) (?:asking|wondering) (?:in "
    r"general|generally|hypothetically|for (?:a friend|the future|future)|out of (?:interest|curiosity)|before)|"
    r"just (?:a )?(?:question|asking|wondering)|"
    r"hypothetical(?:ly)?|i said if|in theory|it hasn'?t happened|"
    # ("nah theyre gone, that was like months ago. i just meant in general", "theres nothing on my skin right now!! i
    # was asking how many sessions id need": play-test 171, the clinic today, twice)
    r"i (?:just |only )?meant (?:in general|generally|it generally)|"
    r"(?:there'?s|theres|there is) nothing (?:on|wrong with) my (?:skin|face)|"
    r"(?:it'?s|its|it is|it was) (?:just )?a question)\b"
)
# ... or asked by someone not treated yet, even about their own skin ("before I book, could it make my skin worse")
_NOT_YET = re.compile(
    # (not before a call for help: "is it normal it feels tight or is that a bad sign? just want to know before i ring",
    # play-test 198, four days after a treatment, the suitability answer "before your next one")
    r"\bbefore (?:i|my|the|booking|having)\b(?!\s+(?:ring|call|phone|contact|speak|talk|go|ring\s+them|call\s+them|"
    r"do|decide))|\b(?:thinking|considering|planning)\b|"
    r"\b(?:never|not yet|haven'?t|havent|not) (?:even |actually |yet )?(?:had|tried|done)\b" + _NOT_SEEN_TO + r"|"
    r"\bfirst time\b|"
    r"\bwhat (?:if|happens if)\b|"
    r"\bbooked (?:my|a|in|for)\b|\bnext (?:week|month)\b|\bgoing to (?:have|get)\b|\bupcoming\b|"
    # ("does the numbing cream hurt going on? if i faint is someone there": play-test 134, "Please call 999 now" three
    # times to someone at home, asking of the appointment to come)
    r"\bif (?:i|she|he) (?:do |did |does |ever |actually |end up |start to )?(?:faint|pass out|feel faint|panic|"
    r"freak out|get scared)\b[^.?!]{0,30}\b"
    r"(?:is (?:someone|anyone|there)|will (?:someone|anyone|they|you)|do (?:they|you)|during|at the appointment|"
    # ("what happens if i do faint halfway through tho?? like do they just stop?": play-test 172, 999 now and the
    # infection signs, to someone never treated)
    r"on the day|half ?way|mid ?way|in the middle|while|through it|on the (?:bed|chair|couch))\b|"
    # ("im having the treatment this week and then flying to malaga on the 16th … is that gonna be bad for my skin?":
    # play-test 133, NHS 111 now to someone not yet treated)
    r"\b(?:i'?m|im|i am|she'?s|he'?s)\s+(?:having|getting)\s+(?:it|the treatment|microneedling|my treatment|the "
    r"procedure|my first (?:session|treatment))(?:\s+done)?\s+(?:this|next|on|tomorrow|in|later)\b|"
    # "i feel a cold sore coming on my lip and my appointment is tomorrow morning. should i still go?" (play-test 29:
    # sent to NHS 111; whether to go ahead is the clinic's to say, before the appointment)
    r"\b(?:my |the )?(?:appointment|session|treatment|procedure)\s+(?:is|'s)\s+(?:tomorrow|tmrw|tonight|later|soon|"
    # ("peeling after the treatment is this ok" asks of now: tests/dev3, the side effects' answer)
    r"on\s+\w+|next\s+\w+|this\s+(?!(?:ok|okay|normal|fine|bad|right|alright|safe|common|expected|serious|infected|"
    r"an?|what|how|why)\b)\w+|coming up|in\s+\w+\s+days?)\b|\bshould i still (?:go|come|have it)\b|"
    # (not "havent been given any advice yet", "not been seen": play-test 213, "before your next one" to a fever)
    r"\b(?:haven'?t|havent|not|never) (?:booked|been)\b(?!\s+(?:given|told|seen|advised|able|called|rung|contacted|"
    r"checked|sent|able to))|\bjust wondering\b|\basking before\b|"
    r"\bat the sight of\b|\bwhen i see\b|\bneedle phobi\w*|\b(?:scared|afraid|terrified) of needles\b|"
    r"\bcan i (?:still )?(?:have|get|do)\b|\bis (?:it|microneedling|this) (?:safe|ok|okay|suitable) for (?:me|"
    r"someone)\b|"
    r"\brules? me out\b|\bam i (?:able|allowed|suitable)\b|"
    # "I did not have treatment yet!", "i not have it yet", "i ask before" (found by the eleventh play-test)
    # ("i havent even had it yet lol, i'm just researching": twenty-third play-test, the urgent route stayed)
    r"\b(?:not|n't|nt|never) (?:even |actually |yet )?(?:have|had|get|got|done|do) (?:it|the treatment|treatment|"
    r"microneedling|any treatment|"
    r"a treatment|a session|the procedure)?\s*yet\b|\bi (?:ask|asked|asking|am asking) (?:before|in advance)\b|"
    + _NO_TREATMENT_HAD
)
# microneedling named, by any of its names
_MICRONEEDLING = re.compile(r"\b(?:micro ?-?needl\w*|needling|collagen induction|dermaroll\w*|derma ?pen)\b")
# a sign said of now as new beside what came before ("but im feeling a bit shivery now", "and now i feel foggy too")
_NEW_NOW = re.compile(r"^\W*(?:but|and|now|also|plus)\b[^.?!]{0,60}\b(?:now|too|as well|also|started|starting)\b")
# treated by another clinic or a salon ("at a different clinic (not yours)", "at a salon", "not with you guys")
_TREATED_ELSEWHERE = re.compile(
    r"\b(?:another|a different|different|other|a other) (?:clinic|salon|spa|place|practitioner|beautician|"
    r"aesthetician)\b|"
    r"\bnot (?:at |with |from |by )(?:yours|your clinic|this clinic|you guys|you lot|lumen)\b|\(not yours\)|"
    r"\bnot (?:your|this) clinic\b|"
    r"\b(?:at|from|by) (?:a|my|the local|my local) (?:salon|beauty salon|spa|beautician'?s?|nail bar)\b",
    re.IGNORECASE,
)
# a sign said to have followed another treatment than microneedling ("dark patches after a chemical peel")
_AFTER_ANOTHER_TREATMENT = re.compile(
    r"\b(?:after|from|since|following|because of) (?:a |an |my |the |that |some |her |his )?(?:chemical peels?|peels?|"
    r"laser(?: treatment| hair removal)?|ipl|botox|fillers?|dermaplaning|waxing|threading|a facial|facials?|tattoos?|"
    r"piercings?|surgery|an operation|my operation|radiotherapy|chemo(?:therapy)?)\b"
)
# Said of now beyond doubt: not even "I haven't booked" makes these hypothetical
_STRONG_NOW = re.compile(
    rf"\b(?:{_SINCE_A_TIME_OF_LIFE}|ago|yesterday|today|tonight|this (?:morning|evening|afternoon)|last night|"
    r"day \d+|right now|"
    r"at the moment|currently|just now|after my (?:treatment|session|microneedling|needling|appointment))\b"
)
_DAYS = re.compile(
    r"\b(?:(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple|several)(?: of)?\s*"
    r"(day|days|week|weeks|wk|wks|fortnight|month|months)|day\s*(\d+)|(fortnight))\b"
)
# how long something has gone on till now ("my face has been red for 9 days now": play-test 151, the expected reaction's
# "if it lasts longer than a few days"), which a time to come ("for the next 2 weeks") is not: its "for" read past
_A_DURATION_TILL_NOW = re.compile(
    r"\b(been|lasted|going on|had it|had them|had this)\b([^.?!]{0,25}?)\s+for\s+(?!the\s+next)"
)
# how long it has gone on, weeks or months with no number, once _A_DURATION_TILL_NOW has read past its "for" ("been
# like this for weeks" is "been like this weeks")
_FOR_WEEKS_OR_MONTHS = re.compile(
    r"\b(?:been|lasted|going on|had it|had them|had this)\b[^.?!]{0,25}?\s+(weeks|months)\b(?!\s+(?:ago|before|after))"
)
# a time that is no time since a treatment: how far along a pregnancy is, a baby's age ("just found out I'm pregnant (9
# wks)": play-test 31, read as nine weeks since a treatment, and the eczema "around eyes" sent to NHS 111)
_NOT_SINCE_A_TREATMENT = re.compile(
    # a time until something to come ("I have a wedding in 10 days", "my holiday is in 2 weeks": play-test 40, NHS 111
    # now to someone never treated)
    r"\b(?:in|within|for)\s+(?:the\s+next\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|"
    r"a couple of)\s*(?:days?|weeks?|wks?|months?)(?:'?\s*time)?\b(?![^.?!]*\b(?:ago|since|after (?:my|the) "
    r"(?:treatment|session)))|"
    r"\b(?:pregnant|pregnancy|expecting)\W{0,3}(?:at |about |around |only |just )?\d+\s*(?:wks?|weeks?|months?)\b|"
    r"\b\d+\s*(?:wks?|weeks?|months?)\s+(?:pregnant|along|gone|postpartum|post ?partum|old)\b|"
    r"\b(?:baby|son|daughter|little one|she|he)\s*(?:is|'s|s)?\s*(?:only |just )?\d+\s*(?:wks?|weeks?|months?)\b"
)
# a time since something other than a treatment ("dark patches on my forehead since having the baby": play-test 38,
# NHS 111 now at the concern prompt of someone never treated)
_SINCE_SOMETHING_ELSE = re.compile(
    # (with or during it: "pigmentation on my cheeks, its got worse with the pregnancy", play-test 131, NHS 111 now to
    # someone never treated)
    r"\b(?:since|after|ever since|with|during|in)\s+(?:having|i had|she had|giving birth|the birth|"
    r"(?:my|the|her) pregnancy|pregnancy|"
    r"(?:the|my|her) (?:baby|babies|son|daughter|kids?|children|menopause|twins))\b(?:\s+(?:the|my|a|her)\s+"
    r"(?:baby|babies|son|daughter|kids?|children|twins))?"
)
# a short question going on from the last answer, nothing said to be happening ("ok. and bleeding?", "what about
# bruising?": play-test 31, a question during the walk-through was sent to NHS 111)
_FOLLOW_ON_QUESTION = re.compile(
    r"^\W*(?:(?:ok|okay|so|right|hmm+|cool|and)\W+)*(?:and|what about|how about|also|plus|any)\b"
    r"(?![^.!]*\b(?:it'?s|its|i'?m|im|my|i have|i'?ve|ive|mine)\b)[^.!]*\?\W*$"
)
# a sentence asking about the treatment in general: nothing of the person's own, and no time since a treatment
_ASKED_IN_GENERAL = re.compile(
    r"^\W*(?:(?:and|so|also|but|like|ok)\s+)*(?:(?:does|do|will|would|can|could|is|are)\s+"
    r"(?:it|microneedling|micro ?needling|the treatment|treatment|the needles|needles|they|you|people|most people)|"
    r"how long (?:does|do|will|would) "
    r"(?:the |it |that |any )?\w+)\b(?![^?]*\b(?:my|mine|i'?m|im|i'?ve|ive|i have|i had|i got|me|still|now|today|"
    r"yesterday|since|ago|days? after|\d+ (?:days?|hours?|weeks?)|this much|so much)\b)[^?]*$"
)
# the clinic's age policy asked about ("is there an age limit", "how old do you have to be")
_AGE_POLICY_WORDS = (
    r"age (?:limit|restriction|requirement)s?|minimum age|old enough|how old (?:do|must|should|does|have)"
)
_UNDER_AGE = re.compile(
    # ("my brother is 15 and has worse acne scars than me, could he come in?": play-test 257, the suitability answer)
    r"\b(?:(?:i'?m|i am|im|she'?s|he'?s|she is|he is|they'?re|(?:daughter|son|kid|child|brother|sister|nephew|niece|"
    r"cousin|grandson|granddaughter|stepson|stepdaughter) is|aged?)\s*"
    r"(?:1[0-7]|[5-9]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)(?!\s*(?:days?|weeks?|months?|"
    r"hours?|minutes?|mins?|miles?|sessions?|treatments?|:|am|pm|th|st|nd|rd))|(?:1[0-7])\s*(?:yo|y/o|yrs?|years?|"
    r"year)(?:[- ]old)?|"
    r"(?:a|my|our) teen|teenagers?|teenage (?:son|daughter|kid|child|boy|girl)s?|"
    r"(?:son|daughter|kid|child|boy|girl) (?:is|who'?s|aged?) (?:1[0-7]|[5-9])|"
    r"(?:thirteen|fourteen|fifteen|sixteen|seventeen)[- ]years?[- ]old|underage|under[- ]?(?:18|16|eighteen|sixteen)|"
    r"(?:i'?m|i am|is|she'?s|he'?s) a minor|"
    rf"minors|(?:in|at) (?:school|sixth form|year (?:9|10|11|12|13))|gcses?|a[- ]levels?|{_AGE_POLICY_WORDS}|too young|"
    # ("so wait what age do u actually need to be", "what age can you get it": play-test 200, the suitability answer to
    # a 16-year-old, with no word of a parent)
    r"what age (?:do|does|must|should|can|have|are|is)\b[^.?!]{0,25}\b(?:need|needs|have to|has to|be|get|have it|"
    r"start|allowed)|(?:from|at) what age\b)\b"
)
# the clinic's age policy asked, whatever the age of the one asking ("im 20 btw, is there an age limit", "im 19 is that
# ok")
_AGE_POLICY_ASKED = re.compile(
    rf"\b(?:{_AGE_POLICY_WORDS}|age policys?)\b|"
    r"\b(?:i'?m|im|i\s+am)\s+(?:1[89]|[2-9]\d)\b[^.?!]{0,20}\b(?:is\s+(?:that|it)|that'?s|thats)\s+"
    r"(?:ok|okay|alright|fine|too\s+(?:young|old))\b"
)
_PARENT = re.compile(r"\b(?:parents?|parental|mum|mom|mam|mummy|mommy|mother|dad|daddy|father|guardian|carer)\b")
_PARENT_ASKS = re.compile(
    r"\b(?:permission|consent|come|coming|with me|without|sign|signature|allow|let me|tell|telling|told|knowing|"
    r"find out|finds out|bring|accompany|approval|approve|agree)\b"
)
# how the skin looks, said as a wish to improve it ("my skin just looks tired", "my face looks dull and older"):
# a concern to look at, not something happening, unless a treatment or a time since one is named (_NOW)
_LOOKS_AGED = re.compile(
    r"\b(?:looks?|looking|seems?)\b(?:\W+(?:so|just|very|really|a bit|quite|kind of|kinda|all|more|and))*\W+"
    r"(?:tired|dull|old|older|aged|ageing|aging|lacklustre|lackluster|sallow|grey|gray|saggy|crepey|lifeless|worn|"
    r"tired[- ]looking|flat)\b"
)

# a treatment named ("since my session", "after the needling"): something may be happening after one
_TREATMENT = re.compile(
    r"\b(?:treatments?|treated|sessions?|micro ?needl\w*|needl\w*|procedures?|appointments?|derma ?(?:pen|roll\w*)|"
    r"facials?|peels?|lasers?|injections?|fillers?|botox)\b"
)
# emergency help already had ("the paramedics came and gave me antihistamines", "been to A&E, they sent me home"):
# the emergency number again says nothing new; the clinic is told now, and 999 again if it comes back or gets worse
# emergency care said to have come or been had, in words both _EMERGENCY_CARE_HAD and _SEEN_THERE read ("taken in by
# ambulance", "we had paramedics out": play-tests 91 and 97)
_CARE_CAME_OUT = (
    r"\bby ambulance\b|\b(?:had|got) (?:the |an? )?(?:paramedics?|ambulance)(?: crew)? (?:out|round|over)\b"
)
# a call made and what whoever answered said, in few words ("i call. the man say is not emergency, i go to pharmacy":
# play-test 113, "Please call 999 now" four times to someone who had called and been advised); not a call still to be
# made ("if i call will they say…")
_CALL_ANSWERED = (
    r"(?<!\bif )(?<!\bshould )(?<!\bshall )(?<!\bcan )(?<!\bcould )(?<!\bdo )(?<!\bwill )"
    r"\b(?:i|we)\s+(?:already\s+|just\s+)?(?:call|called|rang|rung|phoned|dialled|dialed)\b[^?!]{0,30}?"
    r"\b(?:they|the (?:man|woman|lady|guy|person|operator|call handler|doctor|nurse|paramedic)|he|she)\s+"
    r"(?:say|says|said|tell|tells|told)\b"
)
# help that is to be rung, not had: "do i really have to ring 111 tho, the guide thing says redness and swelling is
# normal" (play-test 129: "follow the advice you were given" to someone with an infection's signs who had rung no one)
_TO_BE_RUNG = r"(?<!\bring )(?<!\bcall )(?<!\bphone )(?<!\bring the )(?<!\bcall the )(?<!\bphone the )"
_EMERGENCY_CARE_HAD = re.compile(
    rf"{_TO_BE_RUNG}"
    r"\b(?:paramedics?|ambulance(?: crew)?|a ?& ?e|a and e|hospital|the er|emergency room|999|111|doctors?|gp|nurse)\b"
    # (not what this assistant said: "cant i just ring 111 like you said before", play-test 74)
    r"[^.?!]{0,40}(?<!\byou )(?<!\bu )(?<!\byou just )(?<!\byou've )\b(?:came|been|seen|saw|checked|examined|gave|"
    r"given|treated|discharged|sent me home|let me go|"
    # (and as said in the present by someone whose English is not their first: "hospital say allergic reaction, they
    # give me medicine", play-test 47)
    # ("ambulance come, hospital give medicine, now ok": play-test 49, 999 again)
    # (not "should i see my gp about it first or just come to you": play-test 108, "follow the advice you were given")
    r"said|told|left|gone|say|says|give|gives|(?<!just )(?<!to )(?<!\bi )(?<!\bor )come)\b|"
    # ("lips swell, ambulance and hospital. is safe to do next session": play-test 57, 999 now)
    # ("we had to get an ambulance to hospital. shes fine now theyve let her home": play-test 58, 999 now)
    r"\b(?:ambulance|paramedics?)\s+(?:and|&|then|,|to)\s+(?:the\s+)?(?:hospital|a ?& ?e|a and e)\b|"
    r"\b(?:let|sent|discharged)\s+(?:her|him|me|them|us)\s+(?:go\s+)?home\b|"
    r"\b(?:been|went|was|were) (?:to|in|into|at|taken to) (?:a ?& ?e|a and e|(?:the )?hospital|the er|"
    r"(?:the )?emergency room|urgent care)\b|"
    # ("my lips swell after treatment, i go hospital, now ok": play-test 63, 999 again in the call back's topic)
    # (not asked whether to: "im asking if i go to A&E now or wait", play-test 93, "follow the advice you were given")
    r"(?<!\bif )(?<!\bshould )(?<!\bshall )(?<!\bdo )(?<!\bcan )(?<!\bcould )(?<!\bwhether )"
    r"\b(?:i|she|he|we)\s+(?:go|went)\s+(?:to\s+)?(?:the\s+)?(?:hospital|a ?& ?e|a and e)\b[^.?!]{0,20}\b(?:now|"
    r"after)\b(?!\s+or\b)|"
    r"\b(?:called|rang|phoned|dialled|dialed) (?:999|111|an ambulance|the ambulance)\b[^.?!]{0,40}\b(?:came|"
    r"said|told|gave|sent|checked)\b|"
    # ("… epipen used, taken to st marys by ambulance": play-test 91, "Please call 999 now" at a call back's topic)
    r"\b(?:taken|rushed|driven) (?:to|into)\b[^.?!]{0,25}\b(?:by ambulance|hospital|a ?& ?e|a and e)\b|"
    rf"{_CARE_CAME_OUT}|{_CALL_ANSWERED}"
)
# where eyes are looked after ("sending her to the eye hospital": play-test 62, read as a sign of the eyes)
_EYE_CARE = re.compile(r"\beye\s+(hospital|casualty|clinic|doctor|department|a ?& ?e|unit|specialist|infirmary)\b")
# seen there and done ("swollen eyelids and blurry vision, shes been seen at the eye hospital via 111", as a call back's
# topic: play-test 62, "Please call 999 now"): with nothing said of now, the emergency had its care
_SEEN_THERE = re.compile(
    r"\b(?:been|was|were|got) (?:seen|checked|treated|examined) (?:at|in) (?:the )?(?:eye )?(?:hospital|a ?& ?e|"
    r"a and e|casualty|eye casualty|urgent care)\b|"
    # ("swollen eyelids and blurry vision sunday night, paramedics came, said contact clinic", as a call back's topic:
    # play-test 68, "Please call 999 now")
    # ("… tongue swelling, hoarse voice, ambulance came. want to know what happened", as a call back's topic: play-test
    # 86, "call 999 again now")
    r"\b(?:paramedics?|ambulance crew|(?:the |an )?ambulance)\s+(?:came|have been|had been|been|saw (?:her|him|me)|"
    r"checked (?:her|him|me)|took (?:her|him|me))\b|"
    # ("he nearly fainted and we had paramedics out", as a call back's topic: play-test 97, "Please call 999 now")
    rf"{_CARE_CAME_OUT}|"
    # ("… epipen used, taken to st marys by ambulance", as a call back's topic: play-test 91, "Please call 999 now")
    r"\b(?:taken|rushed|driven) (?:to|into) (?:the )?(?:hospital|a ?& ?e|a and e|st\.? \w+|\w+ hospital)\b|"
    # ("had a reaction tonight after my treatment, throat swelled, went to hospital", as a call back's topic: play-test
    # 87, "Please call 999 now")
    r"\b(?:i|she|he|we|they)?\s*(?:went|been|was taken|got taken|were taken) to (?:the )?(?:hospital|a ?& ?e|a and e)\b"
)
# what was had, as those who were asked said it was ("they said its prob just a faint from not eating", "paramedics said
# mild allergic reaction"): the sign named in their words is their judgement, not a new report
# what was said to expect, at the treatment ("the nurse did say it'd be red for a bit", "they said i might be pink")
_FOREWARNED = re.compile(
    r"\b(?:the\s+nurse|the\s+practitioner|the\s+therapist|the\s+lady|they|she|he)\s+(?:did\s+)?(?:say|said|told\s+me|"
    r"warned\s+me)\s+(?:that\s+)?(?:it'?d|it\s+would|i'?d|i\s+would|it\s+might|i\s+might|it'?ll|it\s+will|i'?ll|"
    r"i\s+will|there\s+(?:would|might|will)\s+be)\b[^.?!;]*"
)
_ADVICE_SAYS_WHAT_IT_IS = re.compile(
    # what they said, said first ("checked me over, all fine they said": play-test 128, "before they arrive" four times)
    r"\b(?:all|it'?s|its|it was|i'?m|im|i was|she'?s|shes|he'?s|hes)\s+(?:fine|ok|okay|good|normal|nothing serious)"
    r"\W{0,3}\s*(?:they|the paramedics?|paramedics?|the ambulance crew|the doctors?|the nurse|111|999)\s+"
    r"(?:said|say|says|reckon|reckons|told me)\b|"
    r"\b(?:they|999|111|the call handler|the operator|the paramedics?|paramedics?|the ambulance crew|the doctors?|"
    # (or whoever answered, said in few words: "the man say is not emergency, i go to pharmacy": play-test 113)
    r"the nurse|the gp|a&e|the hospital|the (?:man|woman|lady|guy|person)(?: on the (?:phone|line))?)\s+"
    r"(?:said|say|says|think|thinks|thought|reckon|reckons|told me)\s+(?:that\s+)?"
    r"(?:(?:it'?s|its|it was|it is|this is|that'?s|thats|i had|i'?d had|she had|he had|is|was|she|he|i)\s+)?"
    r"(?:prob(?:ably)?\s+|likely\s+|most likely\s+|maybe\s+)?"
    # ("ok i rang 111, they said its normal post treatment swelling and to rest": play-test 259, "Please call 999 now")
    r"(?:just|only|a mild|mild|nothing|normal|fine|ok|okay|expected|not serious|an? (?:mild |minor |small )?"
    r"(?:allergic )?reaction|not (?:an? )?emergency|"
    # what they said caused it ("paramedics said probably from not eating": play-test 118, 999 as a call back's topic)
    r"(?:from|due to|because of|down to)\s+(?:not|the|a|her|his|my|being|low)\b|"
    # what they said to do ("999 they say take allergy tablet"), not emergency care ("they said to get an ambulance")
    r"(?:to )?(?:take|go to|get|use)\b(?!\s+(?:(?:an?|the)\s+)?(?:ambulance|999|a ?& ?e|a and e|hospital|er\b)))\b"
)
# what was put on the skin, asked for those giving care ("they r asking what was put on my face, what cream was it??",
# "the paramedic needs the name of it")
_WHAT_CARERS_ASK_WAS_USED = re.compile(
    r"\b(?:paramedics?|ambulance(?: crew| people)?|doctors?|hospital|a ?& ?e|nurses?|call handler|operator|they)\b"
    r"[^.?!]{0,20}\b(?:need|needs|want|wants|asking|asked|ask|asks|r asking|are asking)\b[^.?!]{0,30}"
    r"\b(?:name of|what (?:cream|product|serum|numbing|stuff|was (?:put|used))|which (?:cream|product|serum|numbing))|"
    r"\bwhat (?:cream|product|serum|numbing(?: cream)?|stuff) (?:was|did (?:you|they)) (?:it|used|use|put)\b"
)
# heat, as a sign names it, and a heat said to be like a sunburn (the guide's own words for what is expected)
_HEAT = re.compile(r"\bhot\b|\bheat\b")
_LIKE_SUNBURN = re.compile(
    r"\blike (?:a |i have |i've got |ive got )?(?:mild |bad |slight )?sun ?burn\w*|\bsun ?burnt\b"
)
# well, as the person it is happening to claims, told by someone with them ("he says hes fine", "she insists she's ok")
_CLAIMED_FINE = re.compile(
    r"\b(?:he|she|they)\s+(?:says|said|insists|insisted|reckons|thinks|claims|keeps saying)\s+(?:that\s+)?"
    r"(?:he'?s|hes|he is|she'?s|shes|she is|they'?re|theyre|they are|its|it'?s)\s+(?:fine|ok|okay|alright|all right|"
    r"not that bad|nothing)\b"
)
# eased only a little ("gone down a bit", "slightly better")
_ONLY_A_BIT = re.compile(
    r"\b(?:gone|come|went|going|coming) down (?:a bit|a little|slightly|a touch|abit|a tiny bit)\b|"
    r"\b(?:a bit|a little|slightly|abit|a tiny bit) (?:better|less|lower|down)\b"
)
# worse only as a condition for what the person will do ("ok ill wait for monday then unless it gets worse", "ill ring
# 111 if it spreads": play-test 91, read as worse now, and NHS 111 now for an unchanged pink patch)
_UNLESS_WORSE = re.compile(
    r"\b(?:unless|until|in case)\s+(?:it|they|this|that|the \w+)\s+(?:gets?|starts?|becomes?|goes|turns?)\s+"
    r"(?:any\s+)?(?:worse|bigger|hotter|redder|spread\w*|swollen)\b|"
    r"\b(?:i'?ll|ill|i will|we'?ll|i can|i'?d|id)\b[^.?!]{0,40}\bif\s+(?:it|they|this|that)\s+"
    r"(?:gets?|starts?|becomes?)?\s*(?:any\s+)?(?:worse|bigger|hotter|redder|spreads?|spreading)\b"
)
# now itself, not when something was ("right now", "at the moment", "still")
_NOW_ITSELF = re.compile(r"\b(?:right now|at the moment|currently|just now|atm|rn|still|now)\b")
# when the treatment was ("after microneedling this morning", "her session yesterday")
_WHEN_TREATED = re.compile(
    r"\b(?:microneedling|micro ?needling|treatment|session|appointment|needling|procedure)\s+(?:this morning|"
    r"this afternoon|this evening|today|yesterday|last night|earlier(?: today)?)\b"
)
# a word of now, or of a sign happening now, beside care had ("paramedics came but she cant breathe now")
_SAID_OF_NOW = re.compile(
    r"\b(?:now|right now|still|at the moment|currently|again)\b|"
    r"\b(?:can'?t|cant|cannot|struggling to|hard to|trouble)\s+(?:breathe|breathing|swallow|swallowing|see)\b"
)
# help had from someone who can judge it (the clinic, 111, a GP, a pharmacist, paramedics, A&E) and what they said
# ("i rang them and they said it's normal for day one", "111 said to go to the walk-in centre tomorrow"): the
# route again says nothing new; the person is told to follow that advice, and where to go if it gets worse
_HELP_HAD = re.compile(
    # (not what this assistant said: "cant i just ring 111 like you said before", play-test 74, "follow what the 999
    # call handler tells you" to someone who had not called and did not want to)
    rf"{_TO_BE_RUNG}"
    r"\b(?:clinic|them|they|111|nhs|gp|doctors?|dr|nurse|pharmacist|chemist|paramedics?|ambulance(?: crew)?|"
    r"a ?& ?e|a and e|hospital|walk[- ]in(?: centre| center)?|practitioner|dermatologist)\b[^.?!]{0,40}?"
    # (nor what someone asks the clinic to do: "could she just come to your clinic on monday … and get it looked at",
    # play-test 103, "follow the advice you were given" to someone whose friend had been given none)
    r"(?<!\byou )(?<!\bu )(?<!\byou just )(?<!\byou've )(?<!\bget it )(?<!\bhave it )(?<!\bget her )(?<!\bget him )"
    r"(?<!\bget them )(?<!\bget me )\b(?:(?:said|says|told me|told us)"
    # (not what they said to expect, at the treatment: "they said id be red for a few days", play-test 194, "follow the
    # advice you were given", twice, to someone with a hot, spreading cheek who had called no one)
    r"(?!\s+(?:that\s+)?(?:i'?d|i would|i might|i may|i'?ll|i will|i could|it would|it'?d|it might|it may|it will|"
    r"it'?ll|it could|there (?:would|might|may|will|could) be|to expect|"
    r"(?:some|a bit of|a little)\s+\w+\s+is normal)\b)|"
    r"advised|advice|gave me|given me|checked|prescribed|examined|sent me|discharged|looked at|"
    # (of someone else: "we rang 111 and they sent us to out of hours GP tonight", play-test 116, NHS 111 now)
    r"told (?:her|him|them)|gave (?:us|her|him|them)|given (?:us|her|him|them)|sent (?:us|her|him|them)|"
    r"reassured|saw me|seen me|confirmed|"
    # ("ok I did the 111 online thing, they want me to go to an urgent treatment centre tonight": play-test 239, "I
    # can't tell you that it's safe to wait" and NHS 111 again)
    r"(?<!\bdo they )(?<!\bdid they )(?<!\bwill they )(?<!\bwould they )(?<!\bdoes it )"
    r"want(?:s|ed)?\s+(?:me|us|her|him|them)\s+to\s+(?:go|come|see|attend|head|get)|"
    # (not their experience asked of: "has your clinic treated darker skin before?", play-test 91, "follow the advice
    # you were given" to someone never treated)
    r"treated(?!\s+(?:(?:very |quite )?(?:darker|dark|black|brown|asian|olive|deeper)|people|patients|clients|skin|"
    r"anyone|anybody|many|lots|others?|someone|somebody|women|men|my skin type)\b))\b|"
    r"\b(?:i'?ve|i have|i|we'?ve|we)\s+(?:already\s+)?(?:did|done|filled in|filled out|used|tried)\s+(?:the\s+)?"
    r"(?:nhs\s+)?111(?:\s+online)?\b|"
    r"\b(?:(?:i'?ve|i have|i|we'?ve|we) )?(?:already )?(?:saw|seen|been to|went to|visited|spoke to|spoken to|"
    r"talked to) (?:my |the |a |an |nhs )?(?:gp|doctor|dr|nurse|pharmacist|chemist|"
    r"a ?& ?e|a and e|hospital|walk[- ]in(?: centre| center)?|urgent care|111|clinic|paramedics?|dermatologist|"
    r"practitioner)\b|"
    # looked after by the clinic's staff there and then ("I fainted in the clinic afterwards, the staff were lovely and
    # looked after me. I'm home now and feel completely fine": play-test 121, "Please call 999 now" five times)
    r"\b(?:staff|nurses?|practitioner|team|receptionists?|the clinic)\b[^.?!]{0,25}\b(?:looked after|took care of|"
    r"sorted|dealt with|helped)\s+(?:me|her|him|us|it)\b|"
    # the route already taken ("I ALREADY called 111 like 10 mins ago. i just want to know about the cream": play-test
    # 117, NHS 111 now, again)
    r"\b(?:i|we|i'?ve|we'?ve)\s+(?:already|just)\s+(?:called|rang|rung|phoned|spoke to|spoken to)\s+(?:nhs\s+)?111\b|"
    # a course a clinician prescribed, being taken ("had cellulitis on my left cheek, on flucloxacillin until
    # Wednesday": play-test 40, NHS 111 now at the concern prompt, after A&E)
    r"\b(?:on|taking|started|finished|prescribed|given)\s+(?:a\s+course\s+of\s+|some\s+)?(?:antibiotics?|fluclox\w*|"
    r"amoxicillin|doxycycline|clarithromycin|erythromycin|cefalexin|co-?amoxiclav|penicillin|prednisolone|steroids?)"
    r"\b|"
    # seen by them ("already seen by the clinic this morning, they put a cream on")
    # ("(settled, seen by 111)": play-test 36, "Please call 999 now")
    r"(?<!\bbe )(?<!\bget )\b(?:seen|checked|assessed|examined) by (?:my |the |a |an |nhs )?(?:gp|doctor|dr|nurse|"
    r"pharmacist|paramedics?|ambulance crew|a ?& ?e|hospital|111|clinic|dermatologist)\b|"
    # ("i got cellulitis on my left cheek and was treated in hospital with antibiotics": play-test 41, NHS 111 now)
    # ("shes been seen at the eye hospital via 111": play-test 62, "Please call 999 now" as a call back's topic)
    r"\b(?:been|was|were|got)\s+(?:seen|treated|admitted|checked)\s+(?:in|at)\s+(?:the\s+)?(?:eye\s+)?(?:hospital|"
    r"a ?& ?e|a and e|urgent care|walk[- ]in(?: centre| center)?|casualty|eye casualty)\b|"
    r"\b(?:been|was|were|got|already|just)\s+(?:seen|checked|examined|looked at|treated|assessed|reviewed) "
    r"(?:over )?by (?:my |the |a |an |nhs )?(?:gp|doctor|dr|nurse|pharmacist|chemist|paramedics?|ambulance crew|"
    r"a ?& ?e|hospital|111|clinic|practitioner|dermatologist)\b|"
    # on the way there, or there now ("we're nearly at the hospital, I'll tell them there")
    r"\b(?:we'?re|i'?m|im|we are|i am)\s+(?:nearly |now |already |just )?(?:at|in|on (?:my|our|the) way to|heading to|"
    r"being seen (?:at|in)) (?:the |a |an )?(?:hospital|a ?& ?e|a and e|walk[- ]in(?: centre| center)?|urgent care|"
    r"eye casualty|casualty|gp|doctors?|surgery)\b"
)
# help arranged for later ("seeing gp at 8 tonight"): the advice of whoever arranged it stands, but never over an
# emergency sign now ("i'm seeing my gp tomorrow, my lips are swelling right now" is 999)
_HELP_ARRANGED = re.compile(
    r"\b(?:seeing|see|going to see|appointment with|booked in with|booked with) (?:my |the |a |an |nhs |"
    r"out[- ]of[- ]hours )?(?:gp|doctor|dr|nurse|pharmacist|dermatologist)\b[^.?!]{0,25}\b(?:at \d|tonight|today|"
    r"tomorrow|this (?:evening|afternoon|morning)|later)\b"
)
# the help not had after all ("I called the clinic but nobody answered")
_HELP_NOT_HAD = re.compile(
    r"\b(?:no ?one|nobody|no answer|couldn'?t|could not|cant|can'?t|cannot|didn'?t|did not|not|haven'?t|have not|"
    r"won'?t|wont|voicemail|engaged|closed|busy)\b[^.?!]{0,25}\b(?:answer\w*|reach|get through|pick\w*\s+(?:it\s+)?up|"
    r"respond\w*|call\w* back|rung|called|seen|spoken|open|help)\b|\bvoicemail\b|\bno answer\b|"
    # help being sought, none had yet ("ok I tried 111 online but its so slow, been sitting on it 20 mins", "I havent
    # been given any advice yet … the online thing is just loading": play-test 213, "follow the advice you were given")
    r"\b(?:so |really |very |too )?slow\b|\bloading\b|\bstill (?:waiting|on hold|in the queue)\b|\bon hold\b|"
    r"\b(?:not|haven'?t|havent|have not) (?:been )?given (?:me )?(?:any )?advice\b|\bno advice (?:yet|at all)\b"
)
# advice given at the treatment, before what is happening now ("the nurse did say some swelling was normal when we
# left": play-test 71, "follow the advice you were given" to someone whose face was very swollen around the eyes): no
# advice about this
_ADVISED_AT_THE_TREATMENT = re.compile(
    r"\b(?:when|before|as)\s+(?:we|i|she|he|they)\s+left\b|\bat\s+(?:the|my|her|his)\s+(?:appointment|treatment|"
    r"session)\b|\b(?:during|after)\s+(?:the|my|her|his)\s+(?:appointment|treatment|session)\b[^.?!]{0,20}\b"
    r"(?:said|told)\b|\bin\s+the\s+aftercare\s+(?:leaflet|sheet|notes?)\b"
)
# emergency care there now ("she's in hospital now", "at A&E with her", "the paramedics are with him")
_CARE_PRESENT = re.compile(
    r"\b(?:now|already|still|she'?s|he'?s|they'?re|i'?m|we'?re|she is|he is|i am|we are|here)\s+(?:in|at)\s+"
    r"(?:the\s+)?(?:hospital|a ?& ?e|a and e|er|emergency room|resus|maternity(?: unit| ward)?)\b|"
    # ("the paramedics are literally here with me its fine": play-test 165, "Please call 999 now" twice)
    r"\bparamedics? (?:are |is )?(?:(?:literally|already|actually|now|right|all)\s+)?(?:here|with (?:me|her|him|us))\b|"
    # "theyre already here", "the ambulance has arrived" (play-test 20: "if it gets worse before they arrive")
    r"\b(?:they'?re|theyre|they are)\s+(?:already|now)\s+here\b|"
    # ("ok my partner called an ambulance, theyre here": play-test 41, "Please call 999 now")
    r"\b(?:called|rang|phoned|got)\s+(?:an?\s+|the\s+)?(?:ambulance|999|paramedics?)\b[^.?!]{0,20}?\b(?:they'?re|theyre|"
    r"they are|it'?s|its|it is|now)\s+(?:already\s+)?here\b|"
    # ("paramedics r here now. thank u": play-test 87, "You're welcome!")
    r"\b(?:ambulance|paramedics?)\s+(?:is\s+|are\s+|r\s+|has\s+|have\s+)?(?:already\s+|now\s+|just\s+)?"
    r"(?:here|arrived)\b|"
    # taken in ("throat swelling, ambulance took her to hospital": play-test 45, 999 again, as a call back's topic)
    r"\b(?:ambulance|paramedics?|they)\s+(?:took|have taken|has taken|taken|take|took away|are taking|is taking)\s+"
    r"(?:her|him|them|me|my\s+\w+)\s+(?:to|into|in)\b|"
    # ("she is WITH the paramedics now": play-test 48, 999 again)
    # ("im already with the paramedics i told u": play-test 87, "Please call 999 now")
    r"\b(?:i'?m|im|i am|she'?s|shes|she is|he'?s|he is|they'?re|they are|we'?re|we are)\s+"
    r"(?:now\s+|already\s+|still\s+)?with\s+(?:the\s+)?"
    r"(?:paramedics?|ambulance(?: crew)?|doctors?|nurses?)\b|"
    r"\b(?:she|he|they|i|we)\s+(?:was|were|got|has been|have been|'s been|'ve been)\s+(?:taken|rushed|admitted)\s+"
    r"(?:to|into|in)\b|"
    # ("she's gone to hospital in ambulance": play-test 52, "Please call 999 now")
    r"\b(?:she'?s|shes|she has|he'?s|hes|he has|they'?ve|they have|i'?ve|ive|i have|we'?ve|we have)\s+"
    r"(?:gone|been taken)\s+(?:to|into)\s+(?:the\s+)?(?:hospital|a ?& ?e|a and e|er|emergency room)\b|"
    r"\b(?:the )?(?:doctors?|nurses?|paramedics?) (?:is |are )?(?:checking|examining|seeing|treating|with) "
    r"(?:me|her|him|us)\b|"
    r"\b(?:they'?re|they are|someone is|somebody is)\s+(?:checking|examining|seeing|looking at|treating)\b|"
    r"\bbeing (?:checked|seen|looked at|treated|monitored)\b|"
    # ("she's ALREADY GETTING HELP. i just want the clinic to call us back": play-test 62, "Please call 999 now")
    r"\b(?:already|now|is|are|'s|'re)\s+(?:getting|got|having)\s+(?:medical\s+)?(?:help|seen|treated|checked)\b|"
    # "someone from clinic came out to me" (play-test 31: "Please call 999 now… let the clinic know")
    r"\b(?:someone|somebody|a nurse|the nurse|staff|a member of staff|a doctor|the doctor|the practitioner|she|he)\s+"
    r"(?:from (?:the )?clinic\s+)?(?:came out|is with me|is here with me|came over|came to me|is looking after me)\b"
)
# on the way to emergency care ("111 told me to go to eye casualty, im on the bus there now": fourteenth play-test): in
# the emergency's thread, no call to 999 again for a question (actions/answers.py); never a sign settled (a closing
# throat on the way to A&E is still 999)
_ON_THE_WAY = re.compile(
    # (not when put off: "shes really against going to a&e at midnight", play-test 62, read as on the way)
    r"(?<!against )(?<!not )(?<!n't )(?<!nt )(?<!of )(?<!than )(?<!about )(?<!avoid )"
    r"\b(?:on (?:my|our|her|his) way|heading|going|driving) to (?:the )?(?:hospital|a ?& ?e|a and e|er|"
    r"emergency(?: room| department)?|(?:eye )?casualty|urgent care|eye hospital)\b|\bon the (?:bus|train|way) there\b|"
    r"\bnearly there\b|"
    # ("she's rung 111 now and theyre sending her to the eye hospital": play-test 62, "Please call 999 now" again)
    r"\b(?:sending|sent|told|referred|referring)\s+(?:her|him|me|us|them)\s+(?:to go\s+)?(?:in\s+)?(?:to|into)\s+"
    r"(?:the\s+)?(?:eye\s+)?(?:hospital|a ?& ?e|a and e|er|emergency(?: room| department)?|casualty|urgent care)\b"
)
# help called and on its way ("ambulance is on the way already. what do i do while waiting"): in the emergency's
# thread, a question about the wait gets the emergency route again (found by the eleventh play-test: the treatment was
# described)
_WAITING_FOR_HELP = re.compile(
    # ("quicker than waiting for ambulance" waits for nothing: play-test 34)
    # (not a ride waited for: "can i put ice on it while i wait for a taxi", play-test 93, "if it's getting worse, call
    # 999 again … even though help is on its way" to someone who had called no one)
    r"\b(?:on (?:its|their|the|his|her) way|while (?:i'?m |we'?re |i |we )?wait(?:ing)?"
    r"(?!\s+(?:for\s+)?(?:a |an |the |my |our )?(?:taxi|cab|uber|lift|bus|train|car|ride|husband|wife|partner|mum|dad|"
    r"friend)\b)|(?<!than )(?<!of )waiting for "
    r"(?:the |an )?"
    r"(?:ambulance|paramedics?|help|them)|in the meantime|meanwhile|(?:until|till|til|till) (?:they|the ambulance|help|"
    r"the paramedics) (?:arrive|get here|come)|"
    # in few words ("ok ambulance called", "ambulance on way", "i did!! theyre coming": play-test 210, "Please call 999
    # now" three times, and a booking's reference)
    r"(?:ambulance|999|paramedics?) (?:has been |have been |been |now |just |already )?"
    r"(?:called|rung|phoned|on (?:its |the |their )?way)|"
    r"(?:they'?re|theyre|they are) (?:coming|on (?:the|their) way|nearly here|almost here)|"
    # ("ok shes calling now. should i tell them the clinic name": play-test 215, after "Please call 999 now")
    r"(?:she'?s|shes|he'?s|hes|they'?re|theyre|my \w+'?s|my \w+ is) (?:calling|ringing|phoning) (?:them |it )?now|"
    # "I'm still on the phone with 999", "on hold with 111", "calling 999 now" (found by the twelfth play-test)
    # (on hold to the clinic or 111 is no emergency help on its way: found by the thirteenth play-test)
    r"on (?:the )?(?:phone|line|hold) (?:to|with) (?:999|112|911|the ambulance|emergency)|"
    r"(?:calling|ringing|phoning|dialling|dialing) (?:999|111|112|911|an ambulance) (?:now|right now)|"
    r"ambulance (?:is )?(?:coming|here|outside)|paramedics? (?:are |is )?(?:here|coming|with (?:me|her|him|us))|"
    # "my flatmate has called 999, theyre sending someone" (found by the seventeenth play-test)
    r"(?:has|have|'ve|just) (?:called|rung|phoned) (?:999|112|911|an ambulance)|"
    # "ok i called 999" (play-test 27: "Please call 999 now" again); not when they came and went already
    # ("… tight throat, we called 999": play-test 80, "Please call 999 now" a message later)
    r"\b(?:i|we) (?:called|rang|rung|phoned|dialled|dialed) (?:999|112|911|an ambulance)\b"
    r"(?![^.?!]{0,40}\b(?:came|been|said|told|gave|sent|checked|left)\b)|"
    r"(?:they'?re|they are) sending (?:someone|somebody|an ambulance|paramedics)|"
    # in few words ("ok my husband call ambulance. they coming": play-test 49, "Please call 999 now" again)
    r"(?:my \w+|husband|wife|partner|someone|somebody|she|he) (?:call|calls|called|ring|rang|phone|phoned) "
    r"(?:an? |the )?(?:ambulance|999|112|911)|(?:ambulance|999|paramedics?)\b[^.?!]{0,30}[.,!]\s*they(?:'re| are)? "
    r"(?:coming|on (?:the|their) way)|"
    # "ok rang again they said 5 min" (play-test 31: "Please call 999 now" to someone who had rung twice)
    # "my neighbour just came round, shes calling 999 for me now" (play-test 32: "did you mean")
    r"(?:she'?s|he'?s|they'?re|someone'?s|somebody'?s|(?:she|he|they|someone|somebody|my \w+|the \w+) (?:is|are)) "
    r"(?:calling|ringing|phoning|dialling|dialing|on the phone to) (?:999|112|911|an ambulance)|"
    r"(?:rang|rung|called|phoned) (?:them |999 |112 |911 )?(?:again|back)\b[^.?!]{0,30}\b"
    r"(?:they said|coming|on (?:its|the) way|\d+ ?min\w*)|they said \d+ ?min\w*|"
    # the call handler's question passed on ("they ask was there a cream or something used", "im calling now", "they
    # want to know": play-test 48, "Please call 999 now" three times to someone already on the phone to them)
    r"(?:they|the call handler|the operator|the paramedics?|the ambulance people) "
    r"(?:(?:ask|asks|asked|are asking|r asking)(?: me)? (?:was|were|is|if|whether|what|which|about|for)|"
    r"want to know|wants to know|need to know|needs to know)|"
    r"(?:i'?m|im|i am) (?:calling|ringing|phoning) (?:now|them)|"
    # ("ok ringing now. should i wash my face first before they come", "fine my mate's ringing them now": play-tests 82
    # and 81, "Please call 999 now" to someone calling)
    r"^(?:ok|okay|k|fine|right)[,.!]? (?:i'?m |im )?(?:ringing|calling|phoning|dialling|dialing) "
    r"(?:them |999 |112 |911 |an ambulance )?now|"
    # (in few words: "ok i call now. i say polish", play-test 113)
    r"^(?:ok|okay|k|fine|right)[,.!]? i (?:call|ring|phone) (?:them |999 |112 |911 |an ambulance )?now|"
    r"before (?:they|the ambulance|the paramedics?|help) (?:come|comes|arrive|arrives|get here|gets here)|"
    r"(?:my \w+|\w+)'?s (?:ringing|calling|phoning|dialling|dialing|on the phone to) (?:them|999|112|911|an ambulance)"
    r"(?! (?:later|tomorrow|in the morning|on monday|monday))|"
    r"(?:i'?m|im|i am) (?:talking|speaking) (?:to|with) (?:them|999|the ambulance|the call handler))\b"
)
# emergency help named
_EMERGENCY_HELP = re.compile(r"\b(?:999|112|911|ambulance|paramedics?|call handler|operator)\b")
# emergency help not called yet, or not at all ("i havent called anyone yet. so 999 or 111??": play-test 74, "follow
# what the 999 call handler tells you … before they arrive" twice to someone who had called no one)
_HELP_NOT_CALLED = re.compile(
    r"\b(?:haven'?t|havent|have not|didn'?t|didnt|did not|not|never|hasn'?t|hasnt|has not|no ?one|nobody)\s+"
    r"(?:yet\s+|actually\s+|even\s+|really\s+)?"
    r"(?:called|rung|rang|phoned|dialled|dialed|call|ring|phone)\s+(?:anyone|anybody|any ?one|999|112|911|them|"
    r"an? ambulance|the ambulance|yet)\b|\bnot (?:called|rung) (?:\w+ )?yet\b|"
    # ("i havent actually rung anyone yet", "nobody is coming, i havent called": play-test 96, "follow what the 999 call
    # handler tells you … before they arrive", three times)
    r"\b(?:i|we) (?:haven'?t|havent|have not|didn'?t|didnt|did not) (?:actually |even |yet )?"
    r"(?:called|rung|rang|phoned)(?=\s*(?:$|[.,!?]|yet\b|anyone\b|anybody\b))|"
    r"\b(?:no ?one|nobody) (?:is|'s|s) (?:coming|on (?:the|their) way)\b|"
    # ("the line is busy, do i still need to bother them?": play-test 100)
    r"\b(?:line|number|phone)\s+(?:is\s+|was\s+|keeps\s+(?:being\s+)?)?(?:busy|engaged)\b|"
    r"\b(?:can'?t|cant|cannot|couldn'?t|couldnt|not) get(?:ting)? through\b"
)
# the clinic not reached ("it just rings and rings", "they dont answer", "went to voicemail", "cant get through"): in
# the urgent thread, the route for when the clinic can't be reached, now, never "contact the clinic" again (play-test
# 30: told four times to ring the number she had rung three times); "you didn't answer my question" is about this chat
# what the person says they did not say ("i never said i cant reach them")
_NOT_SAID = re.compile(r"\b(?:never|didn'?t|didnt|did not|haven'?t|havent|have not)\s+(?:said|say|told you)\b[^.?!;]*")
# a clause that supposes, not says ("if nobody picks up", "in case they don't answer")
_SUPPOSED = re.compile(r"\b(?:if|in case|incase|unless|what if|say|suppose|supposing)\b[^.?!,;]*")
_CLINIC_UNREACHABLE = re.compile(
    r"\b(?:rings? and rings?|rang and rang|rings? out|rang out|keeps? ringing|just (?:rings|rang)\b|"
    r"(?:it|phone|line) just ring\b|"
    r"no ?(?:one|body) (?:is )?(?:answer\w*|pick\w* up)|"
    r"nobody (?:answer\w*|picks? up)|no answer|no reply|no response|"
    # (nor this chat not answering: "you're not answering me", play-test 196, "as you can't reach the clinic" for six
    # turns with the clinic open)
    # ("you keep not answering me. squeeze them yes or no?": play-test 209)
    r"(?<!you )(?<!u )(?<!it )(?<!that )(?<!this )(?<!you're )(?<!youre )(?<!you are )(?<!ur )(?<!u r )(?<!bot )"
    r"(?<!you keep )(?<!u keep )(?<!you still )(?<!u still )(?<!you just )(?<!u just )"
    r"(?:don'?t|dont|doesn'?t|doesnt|didn'?t|didnt|won'?t|wont|not|isn'?t|aren'?t|never) "
    r"(?:answer(?:ing|ed)?|pick\w* (?:it |the phone )?up)(?! (?:my|the|your) question)|"
    r"voice ?mail|answer ?phone|answering machine|(?:line|phone|number) (?:is |was |keeps )?(?:busy|engaged)|"
    r"(?:can'?t|cant|cannot|couldn'?t|couldnt|could not|unable to) (?:get through|get hold of|reach|ring|call|phone|"
    r"contact|get an? (?:answer|reply))(?: (?:them|the clinic|anyone|anybody|you|it|your clinic))?\b"
    r"(?! (?:if|when|yet|about|back|to ask))|not getting through)\b"
)
# emergency help called off, asked about or said ("should i ring them back and cancel", "can we cancel the
# ambulance now shes better?", "ill tell them not to come": play-test 92, "if it's getting worse, call 999 again")
_CANCEL_HELP = re.compile(
    # ("can we just hang up and skip a&e?", on hold to 999: play-test 95, "if it's getting worse, call 999 again")
    r"\b(?:cancel\w*|call(?:ing)? (?:it |them )?off|send (?:it |them )?away|stand (?:it |them )?down|"
    r"hang up(?![^.?!]{0,15}\b(?:ring|call|phone|dial)\b)|"
    r"skip (?:a ?& ?e|a and e|the hospital|hospital))\b"
    # (nor anything with the clinic: "ambulance is coming. do i need to cancel anything with the clinic", play-test 215)
    r"(?![^.?!]{0,30}\b(?:booking|appointment|consultation|request|session|treatment|call ?back|clinic)\b)|"
    r"\btell (?:them|the ambulance|999|the paramedics) (?:not to|they don'?t need to|they dont need to) come\b|"
    r"\b(?:don'?t|dont|do not|doesn'?t|doesnt|does not) (?:need|want) (?:the |an )?(?:ambulance|paramedics)\b|"
    # ("he used the pen and says hes breathing a bit easier now. do we still need the ambulance or can i just drive him
    # in": play-test 112, whether the one asking may drive)
    r"\b(?:still|really|even|actually)\s+need\s+(?:the|an|to wait for the)\s+(?:ambulance|paramedics)\b"
)
# help about to be sought, or asked whether to seek it ("so should i ring 111 now instead of waiting?", "ok im going
# to ring 111 now"): in the urgent thread, that is what to do, said plainly (play-test 30: "I can't tell you it's
# fine or safe to wait", and the clinic's number again)
_SEEKING_HELP = re.compile(
    r"\b(?:should i|shall i|do i|can i|could i|would it be better to|is it better to|better to|going to|gonna|"
    r"i'?ll|ill|i will|about to|i'?m|im|i am|ok|okay|will)\s+(?:just |now |then |instead |probably |definitely )?"
    r"(?:ring|call|phone|contact|go to|go into|head to|try|see|ringing|calling|phoning|going to|heading to)\s+"
    r"(?:nhs |the nhs )?(?:111|a ?& ?e|a and e|urgent care|(?:the |a )?walk[- ]in\w*|(?:my |a |the )?gp|"
    r"(?:a |the |my )?doctor|(?:the )?out of hours|(?:a |the )?pharmacist|(?:the )?pharmacy|(?:the )?hospital|"
    # ("ok ringing them now thx": play-test 198, "not sure I understood" in the urgent thread)
    r"(?:them|the clinic|you guys|the practice)(?=\s+(?:now|right now|straight away|asap)\b))\b|"
    # ("so do i ring today or not": play-test 198, "didn't catch that" in the urgent thread)
    r"\b(?:do|should|shall|must) i (?:still |really |actually )?(?:need to |have to )?(?:ring|call|phone|contact)"
    r"(?:\s+(?:them|the clinic))?\s+(?:now|today|tonight)\s+or\s+not\b|"
    # ("fine ill do the online one": play-test 241, "I can't tell you that it's fine" and the route again)
    r"\b(?:i'?ll|ill|i will|gonna|going to|i'?m going to|im going to|ok|okay|fine)\s+(?:just\s+)?(?:do|use|try|fill in|"
    r"go on|go onto)\s+(?:the\s+)?(?:online\s+(?:one|thing|form|service)|111(?:\s+online)?|nhs\s+111(?:\s+online)?|"
    r"111\.nhs\.uk)\b|"
    # "do i need to go there tonight??" after asking what A&E is (play-test 36: the suitability answer)
    r"\b(?:do|should|shall|must) i (?:need to |have to |really )?go (?:there|in|now|tonight)\b"
)
# what the out-of-hours route is, asked ("what even is 111, is that like ambulance", "is 111 an ambulance or a phone
# line?", "what is nhs 111": play-test 35, the route again, then what microneedling is)
_ASKS_ABOUT_THE_ROUTE = re.compile(
    r"\b(?:what(?:'?s| is| even is| exactly is| does| do)|who(?:'?s| is| are)|is|how (?:do|does|can) (?:i|you)|"
    r"where(?:'?s| is)|explain)\s+(?:this |that |the |even )?(?:(?:nhs ?)?111|a ?& ?e|a and e|accident and emergency)"
    r"(?!\w)(?! (?:said|told|say|says))"
    r"|\b(?:111|a ?& ?e|a and e)(?!\w)[^.?!]{0,30}\b(?:an? ambulance|like (?:an? )?ambulance|phone ?line|website|"
    r"helpline|the hospital|(?:going to )?(?:a |the )?hospital|a&e|free|mean|stand for)\b[^.!]{0,30}\?"
    r"|\b(?:111|a ?& ?e|a and e)(?!\w)[^.?!]{0,12}\b(?:is that|what'?s that|whats that)\b"
)
# how NHS 111 works, asked ("can i do the 111 thing online instead of ringing? whats it actually going to do for me":
# play-test 86, what microneedling is)
_ASKS_ABOUT_111_ITSELF = re.compile(
    r"\b111(?!\w)[^.?!]{0,40}\b(?:online|website|thing|app|web)\b[^.!]{0,60}\?|"
    r"\b111(?!\w)[^?]{0,80}\bwhat(?:'?s| is)?\s+(?:it|they|that)\s+(?:actually\s+)?(?:going to|gonna|will|gunna)"
    r"\s+do\b|"
    # ("what will 111 actually do", "the NHS 111 thing, what is it", "what happens when I ring NHS 111": play-test 94,
    # the procedure, what microneedling is, and "did you mean")
    r"\bwhat\s+(?:will|would|do|does|can|is)\s+(?:nhs\s+)?111\s+(?:actually\s+|even\s+|really\s+)?(?:do|say|going)\b|"
    r"\b111\s+thing\b[^.?!]{0,20}\bwhat\b|"
    r"\bwhat\s+(?:even\s+|actually\s+|exactly\s+)?happens\s+(?:when|if)\s+(?:i|we|you)\s+(?:ring|call|phone|contact)\s+"
    r"(?:nhs\s+)?111\b"
)
# which of the two numbers to call asked ("so should i call 111 or 999 for the pus??", "hello?? 111 or 999": play-test
# 55, the welcome menu in the middle of a safety thread): the thread's route again, said plainly (actions/answers.py)
_WHICH_NUMBER = re.compile(
    r"\b(?:111|999)\s*(?:or|/|vs)\s*(?:111|999)\b|"
    r"\bwhich (?:number|one) (?:do|should|shall|to) (?:i )?(?:call|ring|phone)\b|"
    # ("wait no i meant 111 not 999?? do i need to call 999 then", "yes or no should i ring 999": play-test 85)
    r"\b(?:meant|said|mean)\s+111\s+not\s+999\b|"
    r"\b(?:do|should|shall|must) i (?:really |actually |still )?(?:need to |have to )?(?:call|ring|phone|dial) 999\b|"
    # ("ok sorry im confused. do i need to call them now or not. yes or no": play-test 194, "No rush", in the urgent
    # thread)
    r"\b(?:do|should|shall|must) i (?:really |actually |still )?(?:need to |have to )?(?:call|ring|phone|contact) "
    r"(?:them|the clinic|you)\b(?:\s+(?:now|today|tonight))?(?:\s+or\s+not)?|"
    # ("so do i ring today or not", "before my next one?? i thought you said ring today": play-test 198, "didn't catch
    # that" twice in the urgent thread)
    r"\b(?:do|should|shall|must) i (?:really |actually |still )?(?:need to |have to )?(?:call|ring|phone|contact)"
    r"(?:\s+(?:them|the clinic|you))?\s+(?:now|today|tonight)\b|"
    r"\b(?:thought|think) you (?:said|say|told me)\b[^.?!]{0,20}\b(?:ring|call|phone|contact)\b|"
    # ("should i hang up and ring 999 instead or stay on hold??": play-test 94, "I can't tell you that it's fine")
    r"\b(?:do|should|shall|must) i\b[^.?!]{0,25}\b(?:call|ring|phone|dial) 999\b|"
    # ("so is it 111 now not 999?? you said 999 before. im confused which one": play-test 100, "didn't catch that")
    r"\b(?:111|999)\b[^.?!]{0,15}\bnot\s+(?:111|999)\b|\b(?:111|999)\b[^?]{0,60}\bwhich one\b"
)
# what the emergency number is, or what to tell it, asked ("999 es ambulancia? what i say to them, my english bad":
# play-test 45, the privacy notice in the middle of an emergency; "is 999 the ambulance", "what do i tell the 999
# people")
_ASKS_ABOUT_999 = re.compile(
    r"\b999\b[^.?!]{0,20}?\b(?:es|is|=|means?|for|the number for|like)\b[^.?!]{0,20}?\b(?:ambulanc\w*|emergenc\w*|"
    r"police|an? doctor)|"
    r"\b(?:is|what(?:'?s| is))\s+(?:the\s+)?(?:number|numero|número)\s+(?:for|of|to call for)\s+(?:an?\s+|the\s+)?"
    r"ambulanc\w*|"
    # ("what do i even say to them": play-test 74, the privacy notice; "what even do i say to them": play-test 82)
    r"\bwhat\s+(?:even\s+)?(?:do\s+|should\s+|shall\s+|can\s+|must\s+)?i\s+(?:even\s+|actually\s+|need\s+to\s+|"
    r"have\s+to\s+)?"
    r"(?:say|tell)\b(?:\s+to)?\s+(?:them|999|the\s+"
    r"(?:call handler|operator|ambulance|paramedics?|999 people|person))\b|"
    # ("ok ok. what do i even say when they answer": play-test 125, "Please call 999 now" again)
    r"\bwhat\s+(?:even\s+)?(?:do\s+|should\s+|shall\s+)?i\s+(?:even\s+|actually\s+)?(?:say|tell\s+them)\s+when\s+"
    r"(?:they|someone|somebody|it)\s+(?:answer|answers|pick|picks|picks up|pick up|gets? through)\b|"
    # ("hang up on 111 and ring 999?? what do i say": play-test 106, the privacy notice)
    r"\b(?:999|ambulanc\w*|call handler|operator)\b[^.!]{0,40}?\bwhat\s+(?:do\s+|should\s+)?i\s+(?:say|tell)\b|"
    r"\bwhat\s+(?:do\s+|should\s+)?i\s+(?:say|tell)\b[^.?!]{0,30}\b(?:999|ambulanc\w*|call handler|operator)\b"
)
# what to say, asked, no one named ("what do I say?")
_WHAT_DO_I_SAY = re.compile(r"\bwhat\s+(?:do\s+|should\s+|shall\s+|can\s+)?i\s+(?:say|tell)\b(?!\s+(?:you|u)\b)")
# what to tell NHS 111, asked ("what do i tell 111 when i ring": play-test 82, "Sorry, I can't help with that")
_WHAT_TO_TELL_111 = re.compile(
    r"\bwhat\s+(?:even\s+)?(?:do\s+|should\s+|shall\s+|can\s+|must\s+)?i\s+(?:even\s+|actually\s+)?(?:say|tell)\b"
    r"(?:\s+to)?\s+(?:nhs\s+)?111\b|\b111\b[^.?!]{0,40}\bwhat\s+(?:do\s+|should\s+)?i\s+(?:say|tell)\b|"
    # ... or whether to tell them something ("should i mention the warfarin to 111 too or just the microneedling":
    # play-test 96, the suitability answer; "should I tell 111 that?": play-test 90)
    r"\b(?:should|shall|do|must)\s+i\s+(?:also\s+)?(?:mention|tell|say)\b[^.?!]{0,40}?\b(?:to\s+)?(?:nhs\s+)?111\b|"
    r"\b(?:tell|mention\b[^.?!]{0,30}\bto)\s+(?:nhs\s+)?111\s+(?:about|that)\b|"
    # ... or the hospital ("do i need to tell the hospital anything specific", "what do i say to the doctors at a&e":
    # play-test 93, the products answer and the privacy notice)
    r"\b(?:what\s+(?:do\s+|should\s+|shall\s+|must\s+)?i|do\s+i\s+(?:need\s+to|have\s+to)|should\s+i)\s+"
    r"(?:say|tell|mention)\b(?:\s+to)?\s+(?:the\s+|a\s+)?(?:hospital|a ?& ?e|a and e|doctors?|dr|nurses?|"
    r"triage|walk[- ]in|gp|pharmacist|urgent care)\b"
)
# "it's driving me mad" (of an itch: play-test 239, "I can't tell you that it's safe to wait"): no driving, as the
# spaCy pipeline's `figure_of_speech` pattern says too
_NOT_DRIVEN_MAD = (
    r"(?!\s+(?:me|her|him|us|them|everyone)\s+(?:mad|crazy|nuts|insane|bonkers|potty|barmy|mental|spare|round|up|"
    r"wild)\b)"
)
# emergency help put off ("999 seems a bit much", "could i just drive myself to A&E", "my partner is driving me to a&e
# instead"): in the emergency's thread, 999 again, and not by car (play-test 32: the off-guide answer about driving
# after a treatment, to someone whose eye was swelling shut; play-test 30: the route alone)
_INSTEAD_OF_999 = re.compile(
    # ("ok what about 111 instead, is that ok? shes really against going to a&e": play-test 62, what NHS 111 is)
    rf"{NHS_111_INSTEAD}|"
    # ("he used the pen and says hes breathing a bit easier now. do we still need the ambulance or can i just drive him
    # in now hes better": play-test 112, whether the one asking may drive)
    r"\bdrive\s+(?:him|her|them|me|us)\s+(?:in|there|ourselves|myself|over)\b|"
    r"\b(?:999|ambulance|an ambulance|calling 999)\s+(?:seems|is|sounds|feels)\s+(?:a bit\s+|a little\s+|way\s+|so\s+)?"
    r"(?:much|over the top|ott|extreme|overkill|too much|dramatic|unnecessary|embarrassing)|"
    r"\b(?:don'?t|dont|do not)\s+(?:really\s+)?(?:want|need|wanna)\s+(?:to\s+(?:call|ring|bother|waste)\s+)?"
    r"(?:an?\s+)?(?:ambulance|999)|"
    r"\b(?:drive|driving|drove|taxi|uber|cab|lift|bus|walk|cycle)\b[^.?!]{0,25}\b(?:a ?& ?e|a and e|hospital|the er|"
    r"urgent care|walk-?in)\b|"
    rf"\b(?:is|are|'s|'re)\s+(?:driving|taking)\s+(?:me|her|him|us)\b{_NOT_DRIVEN_MAD}|"
    # ("what if we just go to A&E instead of calling an ambulance, is that ok?": play-test 54, what NHS 111 is, and
    # the sight left out of the emergency's signs)
    r"\b(?:go|going|get|getting|head|heading|take (?:her|him|them|me))\s+(?:straight\s+)?(?:to\s+)?(?:a ?& ?e|a and e|"
    r"(?:the\s+)?hospital|the er)\b[^.?!]{0,20}\b(?:instead|rather than)\b|"
    # A&E or waiting asked ("should i just go to a&e or wait and see if the antihistamine kicks in": play-test 93, the
    # suitability answer, then "follow the advice you were given", to an eye swelling shut)
    r"\b(?:go|going|get|head|heading)\s+(?:straight\s+)?(?:to\s+)?(?:a ?& ?e|a and e|(?:the\s+)?hospital|the er)\b"
    r"[^.?!]{0,15}\bor\s+(?:just\s+)?(?:wait|stay|see|leave it)\b|"
    r"\bwait (?:and see|it out|for (?:the |my |her |his )?(?:antihistamine|piriton|cetirizine|tablet|meds|medicine)\w*"
    r"(?: to (?:work|kick in))?)\b|"
    # the clinic tomorrow in its place ("can i not just take a piriton and ring the clinic tomorrow? dont want to waste
    # an ambulance", "999 now or ring them tomorrow?": play-test 135, a call back offered, then a reference asked about)
    r"\b(?:call|ring|phone|contact|tell|message|email)\s+(?:the clinic|them|you|you guys|lumen)\s+(?:in the morning|"
    r"tomorrow|tmrw|tomoz|first thing|on monday|when (?:it|they|you) opens?)\b|"
    r"\b999\s+(?:now\s+)?or\s+(?:just\s+)?(?:call|ring|phone|wait|tell)\b|"
    # ("can i not just ring the clinic instead", "can i call the clinic about feeling dizzy instead of 999": play-test
    # 142, a consultation offered, then a menu, in an emergency's thread)
    r"\b(?:call|ring|phone|contact)\s+(?:the clinic|them|you|you guys|lumen)\b[^.?!]{0,30}\binstead\b|"
    r"\binstead\s+of\s+(?:calling\s+|ringing\s+|phoning\s+)?(?:999|an ambulance|the ambulance|ambulance|a ?& ?e)\b"
)
# driving, or about to ("im just gonna drive home", "im sat in the car already", "safe to drive"): after the
# emergency's answer, not to (actions/answers.py)
_DRIVING = re.compile(
    rf"\b(?:(?:drive|driving|drove){_NOT_DRIVEN_MAD}|behind the wheel|(?:sat|sitting|sit) in (?:the|my) car|"
    r"in (?:the|my) car (?:now|already)|"
    # ("ive got the keys in my hand": play-test 72, the answer was whether it works on hands, after feeling faint)
    r"(?:car )?keys? (?:in my hand|in hand|out)|(?:got|grab(?:bed|bing)?|have) (?:my|the) (?:car )?keys)\b"
)
# driving put off ("im getting a taxi, not driving"): no driving said
_NOT_DRIVING = re.compile(
    r"\b(?:not|won'?t|wont|isn'?t|aren'?t|no)\s+(?:be\s+)?(?:drive|driving)\b|\bget(?:ting)? a (?:lift|taxi|cab|uber)\b"
)
# a sign said to have been there at a session before ("it was red for like 4 days last time", "it was red 4 days after
# the first session and then fine")
_AT_THE_LAST_SESSION = re.compile(
    r"\b(?:was|were|went|got|had|lasted|stayed)\b[^.?!]{0,40}\b(?:last time|the time before|(?:after|from|with)\s+"
    r"(?:my\s+|the\s+)?(?:first|last|previous|1st|other)\s+(?:session|treatment|one))\b"
)
# a question about a treatment still to come ("will microneedling again make it worse?", "should i keep my next
# session?"): after that help, a question for the consultation
# an "again" that is a call made again or a greeting ("rang again", "hello again"), before it: no next session and no
# sign coming back
_NO_CALLS_OR_GREETINGS_AGAIN = (
    r"(?<!called )(?<!rang )(?<!phoned )(?<!rung )(?<!tried )(?<!hello )(?<!hi )(?<!hey )(?<!me )(?<!thanks )(?<!you )"
    # ("rang them again. she has some hayfever antihistamine tablets …": play-test 225, "don't go ahead with your next
    # session" in the middle of an emergency)
    r"(?<!called them )(?<!rang them )(?<!rung them )(?<!phoned them )(?<!called 999 )(?<!rang 999 )(?<!rung 999 )"
    # ("ok bf is on the phone to them again. paramedics are here now i think": play-test 249, "don't go ahead with your
    # next session, or use the same products again" as the paramedics arrived)
    r"(?<!to them )(?<!to 999 )(?<!to 111 )(?<!with them )(?<!them )"
)
# said by someone treated already or booked in for a treatment ("i had my first session 3 weeks ago", "my appointment is
# tomorrow", "book me in for my 2nd treatment", "i already have an appointment"): whether something suits them is for
# their practitioner before the next treatment, not a consultation to book (play-test 69: "assessed at your
# consultation, would you like to book one?" three times to someone treated the next morning, and to someone mid-course)
_A_PATIENT = re.compile(
    # (not supposed: "im asking if i had it done would the redness be gone in a week", play-test 233, "As you've had a
    # treatment or have one booked")
    r"(?<!\bif )(?<!\bwhen )(?<!\bonce )(?<!\bafter )"
    # (nor a condition had for long: "is it suitable for rosacea. Ive had it for years", play-test 257, "As you've had a
    # treatment or have one booked")
    r"\b(?:i|i'?ve|ive|i have|i just|i recently)\s+(?:just\s+|already\s+|recently\s+)?had\s+"
    r"(?:it(?!\s+(?:for|since|all)\b)|microneedling|"
    r"micro ?needling|my (?:first|1st|second|2nd|last|third|3rd) (?:session|treatment)|a (?:session|treatment)|"
    r"(?:my|the) (?:session|treatment))\b|"
    r"\b(?:my|i'?m|im|i am)\s+(?:(?:second|2nd|third|3rd|fourth|4th|next|last)\s+)(?:session|treatment)\b|"
    r"\bmy\s+(?:(?:first|1st|next|second|2nd|third|3rd)\s+)?(?:microneedling\s+)?(?:appointment|treatment|session|"
    r"procedure)(?:\s+is|'s)\s+(?:tomorrow|tmrw|tonight|"
    r"later|soon|on\s+\w+|next\s+\w+|this\s+(?:week|morning|afternoon|evening|\w+day)|coming up|in\s+\w+\s+days?)\b|"
    r"\b(?:i|i'?m|im|i am)\s+(?:already\s+)?(?:booked in|booked for|having it (?:done )?(?:tomorrow|on|next))\b|"
    r"\b(?:i|i'?ve|ive|i have)\s+(?:already\s+)?(?:have|got)\s+(?:an?|my)\s+(?:microneedling\s+)?(?:microneedling|"
    r"appointment|treatment|session)\b|"
    # ("ive got my first microneedling booked for next wednesday", "i already HAVE a booking": play-test 83, offered a
    # consultation three times)
    r"\b(?:i|i'?ve|ive|i have)\s+(?:already\s+)?(?:have|got)\s+(?:an?|my)\s+(?:first\s+|1st\s+|next\s+)?"
    r"(?:microneedling\s+)?(?:microneedling|appointment|treatment|session|booking)\b(?:\s+booked\b)?|"
    # ("ive got microneedling booked with you tues": play-test 88)
    r"\b(?:i|i'?ve|ive|i have)\s+(?:already\s+)?got\s+(?:microneedling|a treatment|a session)\s+booked\b|"
    r"\b(?:my|the)\s+(?:first\s+|1st\s+|next\s+)?(?:microneedling|appointment|treatment|session)\s+is\s+"
    r"(?:already\s+)?booked\b|"
    r"\b(?:i was|i got|i've been|ive been|i have been)\s+treated\b|\b(?:mid[- ]?course|halfway through (?:my|the) "
    r"course)\b",
    re.IGNORECASE,
)
_NEXT_TREATMENT = re.compile(
    # ("my husband call again. they here now": play-test 49, the suitability answer mid-emergency)
    rf"\b(?:{_NO_CALLS_OR_GREETINGS_AGAIN}(?<!call )(?<!ring )(?<!phone )(?<!calling )(?<!ringing )again|"
    r"next (?:session|treatment|appointment)|"
    r"another (?:session|treatment)|keep (?:my|the) "
    r"(?:next |)(?:session|appointment|treatment)|(?:go|carry) on with|(?:still )?go ahead(?: with (?:it|the \w+))?|"
    r"rest of (?:my|the) (?:course|sessions|treatments)|future (?:sessions|treatments)|"
    # ("… paramedics came. want to know about her january session": play-test 77, 999 at a call back's topic)
    rf"(?:my|her|his|their|the) (?:{alternatives(MONTHS)}|2nd|second|3rd|third|4th|fourth|5th|fifth|final|"
    r"following) (?:session|treatment|appointment|one))\b"
)
# a treatment booked and still to come, said of one's own ("I've got microneedling booked with you on tuesday", "my
# tuesday 2pm microneedling appt"): what the skin is like now is for the clinic before it, not a reaction
_DAYS_NAMED = rf"(?:{alternatives(WEEKDAYS)}|{alternatives(WEEKDAY_ABBREVIATIONS)}|tues|thur|thurs)"
# the treatment asked to be had or booked
_TO_GO_AHEAD = re.compile(
    r"\b(?:book|have it done|get it done|go ahead|have the treatment|have microneedling|get microneedling|"
    r"do the treatment|start (?:the )?treatment)\b"
)
# what a request or the clinic's records hold, asked about ("the eczema bit is gone from their system now?")
_OF_THE_RECORD = re.compile(
    r"\b(?:system|records?|database|notes?|file|request|booking|form)\b[^.?!]{0,40}\b(?:gone|removed|deleted|taken off|"
    r"taken out|see|seen|show|shows|showing|kept|still)\b|"
    r"\b(?:gone|removed|deleted|taken off|taken out)\s+(?:from|off|out of)\s+(?:their|the|your|my)\s+"
    r"(?:system|records?|database|notes?|file|request|booking)\b|\bthe\s+\w+\s+(?:bit|note|part|line)\s+(?:is|was)\s+(?:gone|removed|"
    r"deleted|off)\b"
)
_A_TREATMENT_TO_COME = re.compile(
    # ("ive got microneedling booked with you tues": play-test 88)
    rf"\bbooked(?: in)?(?: with you| with the clinic| at yours| at the clinic)?\s+(?:(?:on|for|next|this|coming)\s+)?"
    rf"(?:{_DAYS_NAMED}|tomorrow|tmrw|next week|weekend)\b|"
    # (not one had: "itchy with the red dots from the microneedling on sunday", play-test 248, no route at all)
    r"(?<!after )(?<!since )(?<!from )(?<!post )(?<!after the )(?<!since the )(?<!from the )(?<!after my )"
    r"(?<!since my )(?<!from my )\b(?:microneedling|appointment|appt|treatment|session)\s+"
    rf"(?:is\s+|'s\s+)?(?:booked\s+)?(?:on|for)\s+(?:this\s+|next\s+|coming\s+)?(?:{_DAYS_NAMED}|tomorrow|tmrw)\b|"
    rf"\bmy (?:{_DAYS_NAMED}|tomorrow'?s?|next week'?s?)\b[^.?!]{{0,25}}\b(?:appointment|appt|treatment|session)\b|"
    # ("… whether to cancel my appointment tomorrow, ive got a cold sore coming", "not sure if i can still have my 10am
    # microneedling tomorrow": play-test 165, NHS 111 now "say that you had microneedling", twice)
    r"\bmy\s+(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\s+)?(?:appointment|appt|treatment|session|microneedling|procedure)\s+"
    r"(?:tomorrow|tmrw|tomoz|later\s+today|next\s+week|this\s+weekend)\b"
)
# a reaction spoken of as past, one thing ("after the itchy thing", "that reaction"): asked about a future session,
# history for the clinic (play-test 36: "could i be allergic to the serum" got "Please call 999 now")
_A_PAST_REACTION = re.compile(
    r"\bafter (?:the|that|my|this) (?:\w+ ){0,2}(?:thing|reaction|episode|incident|scare)\b|"
    r"\b(?:that|the last) reaction\b"
)
# getting medical help, or doing without it: a message about it the classifier calls distress is no crisis
_MEDICAL_HELP = re.compile(
    r"\b(?:ambulance|999|111|a ?& ?e|hospital|paramedics?|doctor|gp|antihistamines?|piriton|piriteze|benadryl|"
    r"epipen|inhaler|tablets?|medicine|medication)\b"
)
# the person well again after help ("im ok now", "it's gone down", "they sent me home")
# well apart from what is happening ("i feel alright in myself though", "feel fine otherwise")
_WELL_APART_FROM_IT = re.compile(
    r"\b(?:i'?m|im|i am|feeling|feel|i feel)\s+(?:absolutely\s+|totally\s+|completely\s+)?"
    r"(?:fine|ok|okay|alright|all right|well|good)\s+"
    r"(?:in\s+myself|otherwise|apart\s+from\s+(?:it|that|this|the\s+\w+)|other\s+than\s+(?:it|that|this))\b"
)
_RESOLVED = re.compile(
    # ("shes fine now theyve let her home": play-test 58, of the person treated, 999 now)
    r"\b(?:i'?m|im|i am|feeling|feel|i feel|she'?s|shes|she is|he'?s|hes|he is|they'?re|theyre|they are)\s+"
    r"(?:completely |totally |all |much |a lot |loads |way |so much |lots |"
    r"heaps |a bit |a little )?(?:fine|ok|okay|better|"
    r"alright|all right|recovered|well)\b"
    # (not well apart from it, or better only if: "i feel fine apart from it", "id feel better getting the gunk out":
    # play-test 86, the urgent thread ended and "if something is worrying you, call 111 … or the clinic when it opens")
    # ("just checked, 38.2. is that bad? feel ok otherwise just a bit warm": play-test 223, the urgent thread ended)
    r"(?!\s+(?:apart from|except|other than|besides|if|getting|once|when|after|knowing|otherwise|in myself|in general))"
    r"(?<!\bi'd feel better)(?<!\bid feel better)(?<!\bwould feel better)(?<!\bi'd feel fine)(?<!\bid feel fine)|"
    # "used it, breathing easier", "all ok now", "no swelling at all now" (found by the thirteenth play-test)
    r"\bbreathing (?:is )?(?:easier|better|fine|normal(?:ly)?|ok)\b|\ball (?:ok|okay|fine|good|clear) now\b|"
    r"\bno (?:more )?swelling (?:at all|now|any ?more)\b|\brecovered\b|"
    # ("paramedics been, checked me over, all fine they said. throats normal now": play-test 128, "before they arrive",
    # four times)
    r"\b(?:throat|lips?|tongue|face|eyes?|swelling)(?:'s|s|\s+is|\s+are|\s+feels?|\s+looks?)?\s+(?:back\s+to\s+)?"
    r"(?:normal|fine|ok|okay|better)\s+(?:now|again)\b|"
    r"\b(?:gone|went|come) down\b|\bsettled\b|\bback to normal\b|\b(?:sent|let) (?:me|her|him|them) (?:go )?home\b|"
    r"\bdischarged\b|"
    # "… see gp if it comes back. so its fine" (play-test 36)
    # (said, not asked: "so it's fine?" looks for reassurance)
    r"\bso (?:it'?s|its|i'?m|im|i am) (?:fine|ok|okay|alright|all right)\b(?![^.!?]*\?)|"
    # ("no no, swelling is GONE. is finish": play-test 63, 999 again)
    r"\b(?:it'?s|its|it has|it is|swelling has|swelling'?s|swelling is|lips? (?:is|are)) (?:all )?"
    r"(?:gone|eased|calmed)\b|"
    # "paramedics treated me, now ok" (play-test 28: "Please call 999 now")
    # (a clause of its own, never "is it ok now to take piriton?")
    r"(?:^|[,.;!-]\s*)(?:and\s+|but\s+)?(?:now|all) (?:ok|okay|fine|better|good|alright|all right)\s*(?:[,.;!]|$)|"
    r"(?:^|[,.;!-]\s*)(?:and\s+|but\s+)?(?:ok|okay|fine|better|alright) now\s*(?:[,.;!]|$)|"
    # "paramedics came, swelling going down now" (play-test 27: "Please call 999 now" again)
    # ("hello again. now is ok, hospital say allergic reaction … lips normal now": play-test 47, 999 again)
    r"\bnow (?:is|it'?s|its|i'?m|im|all) (?:ok|okay|fine|better|good|normal)\b|"
    # ("her vision is ok now, its just watery eyes": play-test 68, 999 again after the paramedics had been)
    r"\b(?:lips?|face|tongue|throat|swelling|skin|eyes?|breathing|vision|sight|eyesight)\s+(?:is |are )?(?:normal|fine|"
    r"ok|okay|good|back)\s+(?:now|again)\b|"
    r"\b(?:swelling|it|lips?|tongue|throat|face|eyes?|breathing)\s+(?:is |are |has |have |'s )?(?:going down|gone down|"
    r"easing|eased|settling|settled|calming down|calmed down|getting better|improving|less swollen)\b"
)
# what the help said to do if something happens ("call back if it gets worse"): no report that it has
_IF_IT_CHANGES = re.compile(r"\b(?:if|when|should)\b[^.,;!?]{0,30}\b(?:worse|back|again|changes?|spreads?|returns?)\b")
# an emergency sign still there after that help ("the paramedics left but my throat is still tight")
# acne or spots had for long, said so ("i still get spots on my jaw", "i always break out on my chin")
_ONGOING_SKIN = re.compile(
    r"\b(?:still|always|often|constantly|usually|keep|regularly)\s+(?:get|gets|getting|have|has|"
    r"suffer(?:s)?\s+(?:from|with)|break(?:s|ing)?\s+out(?:\s+(?:in|with))?)\s+"
    r"(?:(?:a\s+few|some|loads\s+of|lots\s+of|the\s+odd)\s+)?(?:spots|acne|pimples|breakouts|blackheads|whiteheads)\b|"
    # spots named with the marks they leave, as what is to be looked at ("spots and the marks they leave on my chin" at
    # the concern prompt: play-test 252, the urgent route to a 16-year-old never treated)
    r"\b(?:spots|acne|pimples|breakouts)\s+(?:and|&|\+)\s+(?:the\s+)?(?:marks|scars|scarring)\s+(?:they|it)\s+"
    r"(?:leave|leaves|left|cause|causes)\b"
)
_STILL = re.compile(r"\b(?:still|now (?:it'?s|its|my)|right now|at the moment|currently|keeps?|getting)\b")
# a sign said to be still there beside what is better ("her breathing is ok, just the swelling", "breathing fine but
# my lips are still big")
_SIGN_STILL_THERE = re.compile(
    r"\b(?:just|only|but|except|apart from|other than)\s+(?:the|her|his|my|their)\s+(?:swelling|swollen|lips?|face|"
    r"eyes?|eyelids?|tongue|throat|rash|redness|hives)\b|\b(?:lips?|face|eyes?|eyelids?|tongue|throat|swelling)\b"
    r"[^.!?]{0,20}\bstill\b|\bstill\b[^.!?]{0,20}\b(?:swollen|swelling|puffy|big|tight)\b"
)
# said again, or worse, after that help, or told by it to get emergency help: still an emergency
_AGAIN = re.compile(
    # (a greeting's "again" is none: "hello again. … the swelling is gone, i am fine now", play-test 49)
    rf"\b{_NO_CALLS_OR_GREETINGS_AGAIN}(?:again|"
    r"(?:it'?s|its|it is|is|are|they'?re|came|has come|have come) back(?! to normal)|returned|returning|"
    r"coming back|worse|worsening|still swelling|swelling up|"
    r"since then|new|spread\w*)\b|\bbut now\b|\bnow (?:there|it|its|it'?s|my|i'?ve|i have)\b|"
    # "Now I also feel a bit feverish, 38.2" after 111's advice (found by the eleventh play-test)
    r"\bnow (?:i )?also\b|\bnow i (?:feel|got|have got)\b|\balso (?:feel|got|have) (?:a |some )?(?:fever|temp)\w*|"
    r"\b(?:said|says|told me|telling me|want me|advised|advise)\b[^.?!]{0,20}\b(?:to )?(?:call|ring|phone|dial|go|get|"
    r"come)\b[^.?!]{0,20}\b(?:999|ambulance|a ?& ?e|a and e|hospital|the er|emergency)\b|\b(?:on (?:its|their) way|"
    r"waiting for)\b"
)
# the colour words of a sign ("skin + grey"): beside how tired or dull the skin looks, a look, not a sign
_COLOURS = frozenset({"grey", "gray", "blue", "pale"})
# something long past ("a reaction years ago", "as a child"): history for the consultation, not something happening
# "i nearly pass out when they take blood", "i faint at the sight of needles": how needles have always gone for the
# person, not something happening now (found reading the development set's misses: it got the emergency answer)
_WITH_NEEDLES_ALWAYS = re.compile(
    r"\b(?:when|whenever|every time|if) (?:they|i|you|someone|a nurse|the nurse|the doctor|doctors|nurses) "
    r"(?:take|takes|draw|draws|see|sees|have|has|get|gets|give|gives) (?:me )?(?:my |a |an |some )?"
    r"(?:blood|needles?|injections?|jabs?|vaccin\w*|bloods)\b|"
    r"\bat the (?:sight|thought) of (?:blood|needles?)\b|\b(?:scared|afraid|terrified|phobic) of (?:needles?|blood)\b|"
    # "i feel faint every time i have a blood test", "what if i faint in the chair" (play-test 37: the warning signs'
    # "feeling faint, call 999", then the suitability answer to "so i have to call 999??")
    r"\b(?:every time|whenever|when) i (?:have|get|see|give)\s+(?:a |an |my )?(?:blood tests?|bloods|injections?|jabs?|"
    r"needles?|vaccin\w*)\b|\bfaint(?:ed|ing|s)?\s+(?:in the chair|during (?:it|the|my)\b|while (?:they|it|i'?m)\b|"
    r"at the clinic|on the day)|"
    r"\bneedle[- ]?phobi\w*|"
    # ("im a bit of a fainter with needles tbh": play-test 158)
    r"\b(?:a\s+)?(?:bit\s+of\s+a\s+)?fainter\b|"
    # ("what if i faint? i fainted at a blood test once": play-test 47, the warning signs' "call 999")
    # ("i nearly fainted at my last blood test", "i fainted at the dentist once": play-test 165, "call 999 now")
    r"\b(?:faint\w*|pass(?:ed)? out|passing out|blacked out|keeled over)\s+(?:at|during|after|for|when i had)\s+"
    r"(?:a |an |my |the )?(?:(?:last|first|recent|previous|latest)\s+)?(?:blood (?:tests?|tests?|draws?)|bloods|"
    r"injections?|jabs?|vaccin\w*|needles?|dentists?|dentist'?s|dental\s+\w+)\b|"
    # "i faint at blood a bit", "i get woozy around needles" (play-test 36: 999 twice, mid walk-through)
    r"\b(?:faint|faints|fainted|pass out|passes out|go|get|feel|am|i'?m|im)\s+(?:\w+\s+)?"
    r"(?:at|around|with|near|over)\s+(?:the\s+)?(?:blood|needles?|injections?|jabs?)\b|"
    # ("does it hurt because i nearly fainted getting my ears pierced lol": play-test 84, "Please call 999 now" to
    # someone never treated)
    r"\b(?:faint\w*|pass(?:ed)? out|passing out|blacked out|keeled over|dizzy|woozy)\s+(?:\w+\s+)?"
    r"(?:getting|having|when i (?:got|had|was getting|was having)|at|during|after)\s+(?:my |a |an |the )?"
    r"(?:ears?|nose|belly|tongue|lip)?\s*(?:pierc\w*|tattoo\w*|blood (?:tests?|draws?|taken)|bloods|injections?|jabs?|"
    r"vaccin\w*|covid jab|flu jab)\b"
)
_FAINTING = ("faint", "dizzy")
# feeling faint said of now
_FAINT_NOW = re.compile(
    r"\b(?:now|still|again)\b[^.?!]{0,25}\b(?:feel|feeling|going|am|i'?m|im)\s+(?:\w+\s+)?(?:faint|dizzy|light-?headed|"
    r"woozy)\b|\b(?:feel|feeling|am|i'?m|im)\s+(?:\w+\s+)?(?:faint|dizzy|light-?headed|woozy)\b[^.?!]{0,15}\b(?:now|still|"
    r"again)\b"
)


# something put on what is happening ("can i put aloe on it?"): the safety answer's own question
_ON_WHAT_IS_HAPPENING = re.compile(
    r"\b(?:on|to|over|onto)\s+(?:it|this|that|them|the\s+(?:area|redness|rash|skin|spots?|swelling))\b", re.IGNORECASE
)


_LONG_AGO = re.compile(
    r"\b(?:years?|yrs?|months?|decades?)\s+ago\b|\blast year\b|\ba year ago\b|\byears\s+back\b|"
    r"\bas a (?:child|kid|teenager)\b|"
    r"\bwhen i was (?:younger|little|a (?:child|kid|teenager))\b|\bin the past\b|\bonce,? (?:years|ages) ago\b|"
    # ("last time i have allergic, lips swell, ambulance go hospital. i want know if i can continue": play-test 47)
    r"\b(?:last time|the time before|previous time)\b(?! (?:i was|you) (?:here|said))"
)

# words of now beside words of the past ("since last time my lips keep swelling"): not the past
# ("I'm scared it'll happen again" fears it: play-test 74, year-old scarring from another clinic sent to NHS 111 now)
# how a concern's skin is, described beside it ("its bumpy and has little pits", "rough and uneven")
_A_CONCERN_DESCRIBED = re.compile(r"\b(?:bumpy|pitted|(?:little |tiny |small )?pits|rough|uneven|lumpy|textured)\b")
# a mole or a mark on the skin that is no reaction: a lesion, whose change is for a GP (components/triage.py `triage`)
_A_MOLE = re.compile(r"\b(?:moles?|birth ?marks?|skin tags?|warts?|beauty spots?|freckles?|lesions?)\b")
_NOT_LONG_AGO = re.compile(
    # (nor "I'm scared to try again", "do it again": play-test 78, scarring from 8 months ago sent to the clinic now)
    r"\b(?:now|today|(?<!happen )(?<!happens )(?<!happening )(?<!try )(?<!trying )(?<!it )(?<!done )(?<!them )again|"
    rf"still|since my(?! {_MY_TIME_OF_LIFE})|since (?:the )?last)\b"
)
# a sign there for weeks or months ("since the last session in august", "for 4 months", "for weeks now") (play-test
# 43: "call NHS 111 now", three times, to someone whose skin had been bumpy since August)
_LASTING = re.compile(
    r"\b(?:for|since|over)\s+(?:the\s+(?:last|past)\s+)?"
    r"(?:\d+|a few|few|several|two|three|four|five|six|many|couple of|a couple of)\s+(?:weeks|months|years)\b|"
    r"\bfor (?:weeks|months|ages|years)\b|\b(?:been|there|had (?:them|it|these))\s+(?:there\s+)?(?:for\s+)?"
    r"(?:weeks|months|ages|years)\b|"
    r"\bsince (?:last (?:year|summer|spring|autumn|winter)|the summer)\b|\b(?:months|weeks) now\b|"
    # ("dark patches on my cheek that havent gone, 6 weeks on": play-test 45, NHS 111 now)
    r"\b(?:\d+|two|three|four|five|six|several|a few)\s+(?:weeks|months)\s+(?:on|later|after|since)\b"
)
# "since the last session in august": a month named after "since", two months or more before this one
_MONTH_NUMBER = {month[:3]: number for number, month in enumerate(MONTHS)}
_SINCE_A_MONTH = re.compile(rf"\bsince\b[^.?!\d]{{0,30}}?\b({alternatives(_MONTH_NUMBER)})[a-z]*\b")


# a part of a request's notes named ("the cold sores note is still there. remove it": play-test 45, NHS 111 now)
_ABOUT_THE_NOTES = re.compile(r"\bthe\s+(?:[a-z'-]+\s+){1,3}notes?\b")
# how much the treatment hurts in one place or another, asked by someone not treated ("does it hurt more on the
# forehead, is numbing cream always used": play-test 43 got what to do if warning signs appear, with 999)
_PAIN_COMPARED = re.compile(
    r"\b(?:does|will|would|is|do)\s+(?:it|the\s+(?:treatment|needling|procedure|pen|needles?))\s+"
    r"(?:hurt|sting|burn|pain)\w*\s+(?:more|less|much more|a lot more|worse)\b"
    r"(?=\s+(?:on|in|at|around|for|than|if|when|with|near|under)\b)|"
    # the treatment set beside another ("is it worse than having my eyebrows waxed?": dev3, NHS 111 now to someone
    # never treated); not beside a time ("worse than yesterday")
    r"\b(?:is|was|does|will|would)\s+(?:it|microneedling|this|the\s+(?:treatment|needling|procedure))\s+(?:\w+\s+)?"
    r"(?:worse|more painful|less painful|hurt more|hurt less)\s+than\s+"
    r"(?!(?:yesterday|before|last|this|it was|earlier|the day|this morning)\b)[^.?!]*|"
    # the treatment's pain compared with another's ("is microneedling more painful than laser out of interest":
    # play-test 111, NHS 111 now to someone never treated, "more" and "painful" read as pain getting worse); not with
    # an earlier time ("more painful than yesterday" is pain getting worse)
    r"\b(?:(?:more|less|as)\s+(?:painful|sore|uncomfortable|hurty)\s+(?:than|as)|hurts?\s+(?:more|less)\s+than|"
    r"more\s+pain\s+than)\s+(?!(?:it\s+)?(?:yesterday|before|it (?:was|did)|this morning|last night|earlier|"
    r"the (?:first|other) day|day \w+|when|it used to|at first|this|that|then|usual|normal|i expected)\b)|"
    # ... or one place with others ("is it worse on some areas than others? like forehead vs cheeks": play-test 178,
    # NHS 111 now to someone never treated); this regex was defined twice, the later one silently replacing this one
    r"\b(?:is|does|will)\s+it\s+(?:hurt\s+|feel\s+)?(?:worse|more|less)\s+(?:painful\s+)?(?:on|in|for)\s+"
    r"(?:some|certain|other|different)\s+(?:areas|parts|places|bits)\b"
)
# what someone else said theirs was like ("my sister said hers was agony, was she exaggerating?": dev3, NHS 111 now):
# another person's past treatment, told, not a sign now
# someone else's treatment, and what followed it, told in the past to its sentence's end ("my friend had it done
# somewhere else and her face was massive for a week": play-test 52, 999 five times to someone never treated); a word
# of now in the sentence ("my wife had it done and her lips are swelling") leaves it a report
_SOMEONE_ELSE_HAD = re.compile(
    r"\b(?:my|a|her|his|our|their)\s+(?:best\s+)?(?:friends?|sister|mum|mom|mam|mate|colleague|cousin|aunt|auntie|"
    r"wife|partner|husband|boyfriend|girlfriend|daughter|son|brother|dad|niece|nephew|neighbou?r|boss)\b"
    r"[^.?!]{0,25}?\b(?:had|got|did|went for)\s+(?:it|hers|his|theirs|this|that|one|microneedling|micro ?needling|"
    r"a session|the treatment|a treatment)\b"
    r"(?:(?!\b(?:but|now|still|is|are|isn'?t|aren'?t|has|hasn'?t|have|keeps?|started)\b|'s\b)[^.?!])*(?=[.?!]|$)"
)
# whether what someone else had could happen here, asked ("… could that happen at yours??": play-test 64, 999 now)
# ("… her skin went all blotchy and dark in patches after, is that something that happens?", "is that common??":
# play-test 70, the clinic now, to someone never treated)
_COULD_IT_HAPPEN = re.compile(
    r"\b(?:could|can|will|would|might)\s+(?:that|this|it|the same)\s+(?:happen|occur)\b|"
    r"\bhappen\s+(?:to me|at yours|here|with you|at your clinic)\b|"
    r"\b(?:is|was)\s+(?:that|this)\s+(?:(?:something|a thing)\s+(?:that\s+)?(?:happens|can happen)|"
    r"(?:very\s+|really\s+)?(?:common|normal|usual|rare|typical|a common thing))\b|"
    r"\b(?:does|do)\s+(?:that|this)\s+(?:usually\s+|often\s+|normally\s+)?happen\b"
)
_ELSEWHERE_OR_LONG_AGO = re.compile(
    # ("my friend got microneedling at some place in camden": play-test 64)
    r"\b(?:somewhere else|elsewhere|another (?:clinic|place|salon)|a different (?:clinic|place|salon)|abroad|"
    r"some (?:place|salon|clinic|beautician)|"
    r"(?:years?|ages) ago|last year|a while (?:ago|back)|back in \d{4})\b"
)
# how common something is, asked ("im asking whether scarring is common with microneedling": play-test 74)
_HOW_COMMON = re.compile(r"\b(?:how|whether|if|is|are)\b[^.?!]{0,30}\b(?:common|rare|likely|often)\b")
# what scars came from ("pitted scars from old spots": play-test 76, NHS 111 now for the spots): no sign now
_SCARS_FROM = re.compile(
    r"\b((?:scars?|scarring|marks?|pits?|pitting|holes|dents)\s+(?:left\s+)?)(?:from|after|of)\s+(?:(?:old|past|previous|"
    r"teenage|my|bad|the)\s+)*(?:spots|acne|pimples|breakouts|chicken ?pox|zits)\b"
)
# scars asked to go after a course or a treatment ("will my scars be completely gone after the course or just a bit less
# noticeable": play-test 185, NHS 111 now to someone never treated, as scarring from the course): the results asked
_SCARS_GONE_AFTER = re.compile(
    r"\b(?:scars?|scarring|marks?|pits?|pitting)\b[^.?!]{0,30}?\b(?:gone|go away|fade\w*|disappear\w*|vanish\w*|"
    r"less (?:noticeable|visible|obvious)|improve\w*|better|smoother|flatter|lighter)\b[^.?!]{0,20}?\bafter\b"
)
# what skin does after a treatment, asked in general or of one's own to come ("does your skin scab after it", "will my
# skin peel after it": the FAQ paraphrases, the urgent route to someone never treated): "after it" is no treatment had
_WHAT_SKIN_DOES_AFTER = re.compile(
    r"(?:^|(?<=[.?!\n]))\W*(?:(?:but|and|so|ok|okay|oh|also|hmm)\W+)*(?:(?:does|do)\s+(?:your|ur|the|people'?s|"
    r"someone'?s)|(?:will|would|might|could|can)\s+(?:your|ur|the|my))\s+(?:skin|face)\b[^.?!\n]{0,30}?"
    r"(?P<after>\b(?:after|post)\s+(?:it|this|that|the treatment|treatment|microneedling|micro ?needling|"
    r"(?:a|the) session))"
    r"\s*(?=[?!.\n]|$)"
)
# no result seen, said or feared ("if I still see nothing after the second one, should I be worried something's wrong
# with my skin?": play-test 76, NHS 111 now to someone with no sign at all): the results, no report
_NO_RESULT = re.compile(
    r"\b(?:see|seen|seeing|saw|notice|noticed|noticing)\s+(?:nothing|no (?:difference|change|results?|improvement))\b|"
    # ("if I still don't see a difference after the 2nd one should I be worried?": play-test 81, NHS 111 now)
    r"\b(?:don'?t|dont|do not|didn'?t|didnt|haven'?t|havent|not)\s+(?:see|seen|seeing|notice|noticed|noticing)\s+"
    r"(?:a\s+|any\s+|much\s+(?:of\s+a\s+)?)?(?:difference|change|results?|improvement)\b|"
    r"\bno (?:results?|improvement|difference)\b|"
    r"\b(?:doesn'?t|doesnt|didn'?t|didnt|isn'?t|isnt|not)\s+(?:seem to\s+)?(?:work|working|worked)\b"
)
# what a consultation or a booking is to be about, with no treatment had ("could my friend come for a consult about her
# dark patches even tho she wasnt treated here?": play-test 74, NHS 111 now, and "book me" dropped): what the
# consultation looks at, no report
_A_CONSULTATION_ABOUT = re.compile(
    r"\b(?:consult|consultation|appointment|appt|booking|come in|be seen|see someone)\s+(?:about|for|re|regarding)\s+"
    r"(?:her|his|their|my|the|some|a|an)\b[^.?!,]{0,30}"
)
# eyes named for reading something wrong ("oh so it is, sorry my eyes. actually could it be the following thursday":
# play-test 169, NHS 111 now and the request paused, to someone never treated)
_EYES_MISREAD = re.compile(
    r"\b(?:sorry|oops|whoops|ha|haha|lol),?\s+(?:it'?s\s+)?my\s+(?:eyes|eyesight)\b(?=\s*(?:[.!,;)]|$|lol|haha))|"
    r"\bmy\s+eyes\s+(?:are\s+)?(?:playing\s+tricks|deceiv\w+)\b|\bmisread\b"
)
# a change or a sign said not to be there ("its not getting worse, no pus or anything": play-test 54, NHS 111 now,
# five times, to someone whose skin was flaking as expected)
_NOT_THERE = re.compile(
    # ("its not getting any worse": play-test 58, NHS 111 now)
    r"\b(?:not|isn'?t|isnt|aren'?t|arent|hasn'?t|hasnt|haven'?t|wasn'?t|no|never)\s+(?:(?:getting|got|gotten|been|any)\s+)"
    r"{0,2}(?:worse|worsening|spreading|spread|bigger|hotter|redder)\b|"
    r"\b(?:no|not any|without(?: any)?)\s+(?:pus|puss|fever|temperature|swelling|bleeding|blisters?|crust\w*|discharge|"
    r"ooz\w*|spreading|heat|rash|yellow\w*|redness|peeling|itching|problems?|issues?|reactions?)"
    # ("no redness issues!!" in a booking's concern: play-test 66, NHS 111 now and the request paused)
    r"(?:\s+(?:issues?|problems?|at all|whatsoever))?(?:\s+or\s+(?:anything|owt|\w+))?\b|"
    # ("No pus or anything and it's not hot": play-test 84, read as warm, and NHS 111 now on day 5 for peeling)
    r"\b(?:isn'?t|isnt|wasn'?t|not)\s+(?:at all\s+)?(?:hot|warm|burning)"
    r"(?:\s+(?:at all|or (?:red|swollen|sore|anything)))?\b"
)
# nobody said to have the sign ("999?? nobody is swelling right now, i'm asking what IF": play-test 52, 999 again)
_NOBODY_HAS_IT = re.compile(
    r"\b(?:nobody|no ?one|no-one)(?:'s| is| has| was)?\b[^.?!,;]*?(?=[.?!,;]|\b(?:but|and|though)\b|$)|"
    r"\bnothing(?:'s| is)\s+(?:swelling|swollen|wrong|happening|going on)\b"
    r"(?:\s+(?:right now|now|at the moment|atm|rn))?"
)
_SOMEONE_ELSE_SAID = re.compile(
    r"\b(?:friends?|sister|mum|mom|mam|mate|colleague|cousin|aunt|auntie|someone|somebody|people|girl|wife|partner|"
    r"husband|boyfriend|girlfriend)\b[^.?!]{0,20}?\b(?:said|says|told me|reckons|reckoned)\s+(?:that\s+)?"
    # ("my cousin said her whole face and lips blew up after hers": play-test 51)
    # ("my friend said she looked like a tomato for a week after": play-test 76, NHS 111 now to someone never treated)
    r"(?:hers|his|theirs|it|she|he|they|(?:her|his|their)\b[^.?!]{0,30}?)\s+(?:was|were|went|got|felt|blew|swelled|"
    r"swole|puffed|reacted|came|looked|had|ended up|broke out)\b"
    r"(?:(?!\b(?:but|now|still|today)\b)[^.?!])*"  # ("… hers was fine but now her lips are swelling")
)


def named_concerns(message: Message) -> Set[Text]:
    """The kinds of concern the message names: a concern the clinic treats, or a concern the guide does not name."""
    kinds = {entity.get("entity") for entity in message.get(ENTITIES) or []}
    return kinds & {"skin_concern", "unknown_area"}


def _a_personal_factor(message: Message) -> bool:
    """Whether the message names something personal for the consultation (a suitability factor), other than a time of
    life long past ("i have from teenager time")."""
    long_past = [span.span() for span in _WHEN_YOUNGER.finditer((message.get(TEXT) or "").lower())]

    def in_long_past(entity: Dict[Text, Any]) -> bool:
        return "start" in entity and any(start <= entity["start"] and entity["end"] <= end for start, end in long_past)

    return any(
        entity.get("entity") == "suitability_factor" and not in_long_past(entity)
        for entity in message.get(ENTITIES) or []
    )


def _a_factor_besides_age(message: Message) -> bool:
    """Whether the message names a personal factor other than an age ("im 45 and pregnant is that ok")."""
    text = message.get(TEXT) or ""
    return any(
        entity.get("entity") == "suitability_factor"
        and not re.search(r"\d|\bage\b|\bold\b|\byoung", text[entity.get("start", 0) : entity.get("end", 0)], re.I)
        for entity in message.get(ENTITIES) or []
    )


def _a_note(message: Message) -> bool:
    """Whether the message gives a note for the clinic (components/entities.py)."""
    return any(entity.get("entity") == "note" for entity in message.get(ENTITIES) or [])


def said_to_last(text: Text) -> bool:
    """Whether the words say a sign has been there for weeks or months."""
    if _LASTING.search(text):
        return True
    month = _SINCE_A_MONTH.search(text)
    if not month:
        return False
    return (clinic_today().month - 1 - _MONTH_NUMBER[month.group(1)]) % 12 >= 2


# "faint" said of a mark, a line or a colour (light, pale), not of feeling faint ("a few faint darker patches" five
# weeks after, play-test 219: "Please call 999 now", seven times)
_FAINT_AS_LIGHT = re.compile(
    r"\bfaint(?:er|est)?\s+(?=(?:(?:and|a|bit|little|slightly|very|quite)\s+)*(?:[a-z]+\s+)?(?:patch\w*|marks?|lines?|"
    r"scars?|spots?|pink\w*|red\w*|brown\w*|dark\w*|discolou?r\w*|bruis\w*|shadows?|tint\w*|traces?|outlines?|"
    r"blotch\w*|pigment\w*|colou?r\w*|dots?|freckles?)\b)|\bfaint(?=\s+as\s+in\b)",
)
# a sign's word in a saying or taken back ("if you cant tell me the price i dont want to book blind": play-test 218,
# "Please call 999 now" four times to someone well; "the patches are faint as in light, not that im fainting lol":
# play-test 219)
_NOT_A_SIGN_IN_WORDS = re.compile(
    r"\b(?:book|buy|sign\s+up|pay|choose|commit)\s+(?:in\s+|up\s+)?blind(?:ly)?\b|"
    r"\bnot\s+that\s+(?:i'?m|im|i\s+am|she'?s|he'?s)\s+(?:fainting|feeling\s+faint|faint)\b"
)
_WORSE = re.compile(
    # ("getting warmer and more sore than yesterday": play-test 43, the advice had for redness was said again)
    # ("is microneedling ok for darker skin tones?": play-test 55, NHS 111 now)
    r"\b(?:worse|worsening|spreading|spread|bigger|more swollen|more red|redder|"
    # (nor a patch darker than the skin: "a few darker patches on my cheeks … No pain or anything" three weeks after,
    # play-test 217, NHS 111 now)
    r"darker(?!\s+(?:skin|skinned|tones?|complexions?|colou?rs?|types?|patch\w*|spots?|marks?|areas?|bits?|blotch\w*))|"
    r"puffier|hotter|warmer|"
    r"more (?:sore|painful|tender|itchy|inflamed)|(?:sorer|redder|hotter|warmer|bigger) than (?:yesterday|before|"
    r"this morning|last night)|"
    r"(?:not|isn'?t|isnt|aren'?t|arent) (?:going down|getting better|improving|settling|calming down)|no better)\b"
)


# worse said not to be so ("nothing's getting worse", "its not any worse": play-test 179, the clinic now)
_NOT_WORSE = re.compile(
    r"\b(?:nothing'?s|nothing\s+is|not|isn'?t|isnt|it'?s\s+not|its\s+not|no|never|hasn'?t|hasnt|not\s+getting)\s+"
    r"(?:getting\s+|got\s+|gotten\s+|gone\s+|any\s+|been\s+)?worse\b"
)


def words(text: Text) -> List[Text]:
    """Lower-case words without apostrophes ("can't" -> "cant"), hyphenated words kept whole."""
    return _WORD.findall(text.lower().replace("’", "'").replace("'", ""))


_GONE_AUXILIARIES = {"is", "has", "have", "are", "was", "had", "s", "all", "now", "completely", "totally"}
_GONE = {"gone", "disappeared", "vanished", "settled", "cleared", "resolved"}
_GONE_PHRASES = {("went", "down"), ("went", "away"), ("come", "down"), ("came", "down")}


@dataclass(frozen=True)
class Sign:
    """Groups of alternatives, each alternative one or more words ("pass*_out"), "*" a prefix."""

    text: Text
    groups: Tuple[Tuple[Tuple[Text, ...], ...], ...]
    window: int = WINDOW  # how many words apart its groups may stand

    @classmethod
    def parse(cls, text: Text, window: int = WINDOW) -> "Sign":
        groups = []
        for group in text.split(" + "):
            alternatives = tuple(tuple(alt.strip().lower().split("_")) for alt in group.split("|") if alt.strip())
            if not alternatives:
                raise ValueError(f"empty word group in sign {text!r}")
            groups.append(alternatives)
        return cls(text, tuple(groups), window)

    @staticmethod
    def _word_matches(pattern: Text, word: Text) -> bool:
        return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern

    def _positions(self, alternatives, tokens: Sequence[Text]) -> List[Tuple[int, int]]:
        """(start, length) of each place one of the alternatives stands in `tokens`."""
        found = []
        for index in range(len(tokens)):
            for alternative in alternatives:
                if index + len(alternative) <= len(tokens) and all(
                    self._word_matches(p, tokens[index + k]) for k, p in enumerate(alternative)
                ):
                    found.append((index, len(alternative)))
                    break
        return found

    @staticmethod
    def _denied(tokens: Sequence[Text], chosen: Sequence[Tuple[int, int]]) -> bool:
        """A "no" or "not" just before the sign, or between its words, denies it; the sign's own words
        ("dont want to live") and "not sure" deny nothing."""
        first = min(start for start, _ in chosen)
        last = max(start + length for start, length in chosen)
        own = {start + k for start, length in chosen for k in range(length)}
        for index in range(max(0, first - NEGATION_BEFORE), last):
            word = tokens[index]
            if index in own or word not in _NEGATIONS:
                continue
            if word == "not" and tokens[index + 1 : index + 2] == ["sure"]:
                continue
            return True
        # a thing named between its words, or said to be what they are: "a bottle of the green gel stuff", "the green
        # stuff is the aloe gel in the bottle" (play-test 123: NHS 111 now, eleven times, for a bottle of aloe vera)
        # (not a part of the body that a thing's word names: "puffy on the top lip", play-test 251, NHS 111 for a lip
        # swelling)
        if any(
            index not in own
            and tokens[index] in _THINGS
            and not (tokens[index] == "top" and tokens[index + 1 : index + 2] and tokens[index + 1].startswith("lip"))
            for index in range(first, last)
        ):
            return True
        said_to_be = list(tokens[last : last + 5])
        if (
            said_to_be[:1] in (["is"], ["was"], ["its"], ["thats"])
            # (not what caused it, asked or said: "my lips feel a bit tingly and swollen, is that the numbing cream?",
            # play-test 258, the clinic instead of 999; "its from the cream")
            and said_to_be[1:2] not in (["that"], ["it"], ["this"], ["from"], ["because"], ["cos"], ["coz"], ["due"])
            and any(word in _THINGS for word in said_to_be[1:])
        ):
            return True
        # said to have gone ("the swell is gone", "the swelling has gone down": play-test 50, "Please call 999 now"
        # twice to someone well again); "hasnt gone down" is still there
        after = list(tokens[last : last + 4])
        while after and after[0] in _GONE_AUXILIARIES:
            after = after[1:]
        return bool(after) and (after[0] in _GONE or tuple(after[:2]) in _GONE_PHRASES)

    def found_in(self, tokens: Sequence[Text]) -> bool:
        """Whether every group stands within `window` words of the first, and nothing denies it."""
        positions = [self._positions(group, tokens) for group in self.groups]
        if not all(positions):
            return False
        for start in positions[0]:
            chosen = [start]
            for others in positions[1:]:
                near = [p for p in others if abs(p[0] - start[0]) <= self.window]
                if not near:
                    break
                chosen.append(min(near, key=lambda p: abs(p[0] - start[0])))
            else:
                if not self._denied(tokens, chosen):
                    return True
        return False


@dataclass(frozen=True)
class SafetySettings:
    signs: Dict[Text, Tuple[Sign, ...]]
    expected_for_days: int
    crisis_words: Sign
    crisis_signs: Sign
    lingering_after_days: int = 14
    not_in_the_guide: Tuple[Sign, ...] = ()
    emergency_after_an_infection: Optional[Sign] = None
    emergency_after_an_allergy: Optional[Sign] = None

    def names_a_sign(self, text: Text, levels: Sequence[Text] = LEVELS) -> bool:
        """Whether the words name a sign of one of `levels` (clinic.yml `safety.signs`)."""
        tokens = words(text)
        return any(sign.found_in(tokens) for level in levels for sign in self.signs[level])

    @classmethod
    def from_clinic_file(cls, path: Path) -> "SafetySettings":
        raw = (yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("safety") or {}
        signs = raw.get("signs") or {}
        if set(signs) != set(LEVELS):
            raise ValueError(f"{path}: safety.signs needs exactly {', '.join(LEVELS)}")
        return cls(
            # an emergency's words may stand further apart in a sentence (`emergency_window`): "my lips feel a bit
            # tingly and a little bit swollen" (play-test 73) got the expected reaction's answer
            signs={
                level: tuple(
                    Sign.parse(str(text), int(raw.get("emergency_window", WINDOW)) if level == EMERGENCY else WINDOW)
                    for text in signs[level] or []
                )
                for level in LEVELS
            },
            expected_for_days=int(raw.get("expected_for_days", 3)),
            lingering_after_days=int(raw.get("lingering_after_days", 14)),
            crisis_words=Sign.parse(str(raw.get("crisis_words") or "suicid*")),
            crisis_signs=Sign.parse(str(raw.get("crisis_signs") or "suicid*")),
            not_in_the_guide=tuple(Sign.parse(str(text)) for text in raw.get("not_in_the_guide") or []),
            emergency_after_an_infection=(
                Sign.parse(str(raw["emergency_after_an_infection"]))
                if raw.get("emergency_after_an_infection")
                else None
            ),
            emergency_after_an_allergy=(
                Sign.parse(str(raw["emergency_after_an_allergy"])) if raw.get("emergency_after_an_allergy") else None
            ),
        )


_WEEKDAY_NAMES = {day[:3]: day for day in WEEKDAYS}
# "last friday", "since monday", "had it done on saturday": not "your hours on saturday"
_WEEKDAY = re.compile(
    r"\b(?:(?:last|since)\s+|(?:had|done|treated|treatment|session|needling|microneedling)\b(?:\s+\w+){0,3}?\s+(?:on\s+)?)"
    rf"(({alternatives(WEEKDAY_ABBREVIATIONS)})[a-z]*)\b"
)
# abbreviations that are words too ("sun spots", "sat in the sun", "wed last year"): a day only with no word after them
_WORD_TOO = {"sun", "sat", "wed"}
_A_WORD_NEXT = re.compile(r"\s+[a-z]")


def clinic_today() -> datetime:
    """Now, by the clinic's clock: CLINIC_NOW fixes it, as it does for the action server."""
    fixed = os.environ.get("CLINIC_NOW")
    return datetime.fromisoformat(fixed) if fixed else datetime.now()


def clinic_weekday() -> int:
    """Today's weekday (Monday = 0)."""
    return clinic_today().weekday()


def clinic_file() -> Path:
    return Path(os.environ.get("CLINIC_CONFIG", PROJECT_DIR / "clinic.yml"))


def days_since(text: Text, today: Optional[int] = None) -> Optional[int]:
    """The largest number of days the message speaks of ("day 5", "a week", "10 days", "last friday"), if any.
    `today`: the weekday now (Monday = 0), for a weekday named."""
    today = clinic_weekday() if today is None else today
    text = _NOT_SINCE_A_TREATMENT.sub(" ", _A_DURATION_TILL_NOW.sub(r"\1\2 ", text))
    most = None
    for number, unit, day_number, fortnight in _DAYS.findall(text):
        if day_number:
            days = int(day_number)
        elif fortnight:
            days = 14
        else:
            count = int(number) if number.isdigit() else _NUMBERS.get(number, 1)
            days = (
                count
                * {
                    "day": 1,
                    "days": 1,
                    "week": 7,
                    "weeks": 7,
                    "wk": 7,
                    "wks": 7,
                    "fortnight": 14,
                    "month": 30,
                    "months": 30,
                }[unit]
            )
        most = days if most is None else max(most, days)
    if re.search(r"\blast (?:week|weekend)(?:'?s)?\b", text):
        most = max(most or 0, 7)
    # weeks or months with no number, said of how long it has gone on ("it's been like this for weeks", play-test 253:
    # NHS 111 now, twice, to blotchy skin six weeks on): at least two of them
    for unit in _FOR_WEEKS_OR_MONTHS.findall(text):
        most = max(most or 0, 2 * (30 if unit.startswith("month") else 7))
    for found in _WEEKDAY.finditer(text):  # "last friday", "on saturday": the days since, by the clinic's clock
        weekday = found.group(1)
        if weekday in _WORD_TOO and _A_WORD_NEXT.match(text, found.end()):
            continue  # "microneedling is good for sun spots": the sun, not Sunday (eighteenth play-test)
        days = (today - WEEKDAYS.index(_WEEKDAY_NAMES[weekday[:3]])) % 7 or 7
        most = max(most or 0, days)
    if most is None and re.search(r"\byesterday\b|\blast night\b", text):
        return 1
    return most


@dataclass(frozen=True)
class Triage:
    level: Optional[Text]
    signs: Tuple[Text, ...] = ()
    worse: bool = False
    hypothetical: bool = False
    not_yet: bool = False  # said to be before any treatment ("I haven't had it yet")
    concern: bool = False  # how the skin looks, described as a concern ("my skin looks tired"), nothing happening
    history: bool = False  # something long past ("my lip swelled years ago"): for the consultation
    help_had: bool = False  # seen or advised by the clinic, 111, a doctor or paramedics: follow that advice
    judged: bool = False  # ... and those asked said what it was or what to do ("the man say is not emergency")
    emergency_had: bool = False  # ... for an emergency's signs ("my throat went tight and the paramedics came")
    lingering: bool = False  # an expected sign there later than the first days, no worse: the clinic, not 111 now
    lesion: bool = False  # a mole or a mark on the skin, no treatment named: not assessed here, for their GP
    someone_else: bool = False  # what someone else had after their treatment, told: no report of the person's own
    # no result seen, said or feared ("if I still see nothing after the second one"): the results
    no_result: bool = False


def _colour_only(sign: "Sign") -> bool:
    return any(set(word for alternative in group for word in alternative) <= _COLOURS for group in sign.groups)


# where a concern is, near the eyes ("dark circles under my eyes"): no sign in the eye itself, unless a treatment or a
# time since one is named (found by the fifteenth play-test: dark circles asked about got the urgent route)
# lines named by the eyes ("lines round my eyes!!" at the booking's concern prompt: play-test 53, NHS 111 now to
# someone never treated): what they want looked at, no sign in the eye
_LINES_BY_THE_EYES = re.compile(
    r"\b(?:lines|wrinkles|creases|crow'?s ?feet|crinkles)\b[^.?!]{0,12}?\b(?:under|around|round|near|by|beside|at)\s+"
    r"(?:the |my |your |her |his )?(?:corners? of (?:the |my |her |his )?)?eyes?\b"
)
_NEAR_THE_EYES = re.compile(
    r"\b(?:under|around|round|near|below|beneath|close to)\s+(?:the |my |your |her |his )?eyes?\b|"
    r"\bunder-?eyes?\b|\beye (?:area|bags?)\b"
)


_MY_OWN_TREATMENT = re.compile(
    r"\b(?:i|i'?ve|ive|i have)\s+(?:just\s+|only\s+|recently\s+)?had\b|\bmy\s+(?:\w+\s+)?(?:treatment|session|"
    r"microneedling|appointment)\b|\bsince\s+(?:the|my)\b|\bafter\s+(?:the|my|it)\b"
)
_CONCERN_NEAR_THE_EYES = re.compile(
    r"\b(?:fine\s+)?(?:lines|wrinkles|crows?\s*feet|creases|bags|circles|hollows|crepey\s+skin)\s+"
    r"(?:under|around|round|near|below|beneath|by|at\s+the\s+corners?\s+of)\s+(?:the |my |your |her |his )?eyes?\b"
)


# where the treatment is wanted, asked about ("can i have it done on my under eyes", "does it work around the eyes"): no
# sign in the eye (play-test 28: "is it safe to do if i had botox 2 weeks ago? and can i have it done on my under
# eyes" was sent to NHS 111)
_EYES_WANTED = re.compile(
    r"\b(?:can|could|would|will|does|do|should|is it (?:\w+ )?to)\s+"
    r"(?:i|you|it|they|we|microneedling|micro ?needling)?\s*(?:have|get|do|treat|use it|work|help|be done|be used|go)\b"
    r"[^.?!]{0,20}?\b(?:on|around|round|under|near|for|by)\s+(?:my |the |your )?(?:under[- ]?)?eyes?(?: area)?\b"
)


# an adrenaline pen asked about for the future ("would i need to carry an epipen now", "should i get an epipen"): no
# sign of anything happening (play-test 34: "Please call 999 now", five times, to someone well again)
_EPIPEN_IN_FUTURE = re.compile(
    r"\b(?:would|will|should|do|does|could|might)\s+(?:i|she|he|they|we)\s+(?:need\s+to\s+|have\s+to\s+)?"
    r"(?:carry|get|have|keep|bring|be given|be prescribed|need)\s+(?:an?\s+|my\s+own\s+)?"
    r"(?:epi-?pens?|adrenaline pens?)\b"
)
# an adrenaline pen carried, as a fact about the person ("i have a shellfish allergy and carry an epipen", "note:
# carries epipen"): no sign of anything happening, unless its use is asked about or said (play-test 39: "Please call
# 999 now" to a note for the clinic, three times); `EPIPEN_USE` keeps it
_EPIPEN_CARRIED = re.compile(
    r"\b(?:carr(?:y|ies|ying)|have|has|got|keep|keeps|prescribed|given|with|own|owns)\s+(?:an?\s+|my\s+|her\s+|"
    r"his\s+|their\s+)?(?:own\s+)?(?:epi-?pens?|adrenaline (?:pens?|auto-?injectors?)|auto-?injectors?)\b"
)
# an adrenaline pen's use asked about or said ("should i use it first?", "i've used my epipen", "jab it"): a reaction
# happening (actions/answers.py says to use it as shown and call the emergency number)
EPIPEN_USE = re.compile(
    r"\b(?:use|using|used|inject|injecting|injected|jab|jabbed|stab|stabbed|give|gave|administer\w*)\b"
)
# anaphylaxis named as what the person has had ("shellfish allergy (anaphylaxis this week), carries epipen", "note: i
# had anaphylaxis once"), no sign of the airway, no use of a pen: a fact for the clinic (play-test 39: 999 now)
_ANAPHYLAXIS_HAD = re.compile(
    r"\b(?:had|history of|allerg(?:y|ies|ic)|note|noted|diagnosed|prone to|h/o)\b[^.?!]{0,60}?\banaphyla\w*|"
    r"\banaphyla\w*\s*(?:\(|-|,)?\s*(?:last|this|in|on|once|twice|before|previously|years?|months?|weeks?)\b"
)
_ANAPHYLAXIS_NOW = re.compile(r"\b(?:having|going into|think i'?m|i'?m in|is this|could this be|might be)\b")
# fainting named as something to tell the clinic ("should i tell them about the fainting", "and mention the fainting")
_MENTIONS_THE_FAINTING = re.compile(
    r"\b(?:tell|mention|say|let (?:them|the clinic|her|him) know|bring up|raise|note|put down)\b[^.?!]{0,30}?"
    r"\b(?:faint\w*|pass(?:ing|ed)? out)\b"
)
# during the treatment itself ("if i faint halfway through", "in the middle of it", "while they're doing it")
_DURING_THE_TREATMENT = re.compile(
    r"\b(?:half\s?way|mid\s?way|in the middle|during|"
    r"while (?:they'?re|theyre|they are|you'?re|youre|it'?s|its|i'?m|im) (?:doing|being done|having)|through it|"
    r"on the (?:bed|chair|couch)|mid[- ]treatment)\b"
)
# a skin condition that comes and goes, said as what the person has ("i have eczema that flares up and bleeds
# sometimes, is that a problem": play-test 39, NHS 111 now to someone never treated): for the consultation
# (or said to come often: "i get cold sores", "prone to eczema": play-test 45, NHS 111 now to someone never treated)
_CONDITION_COMES_AND_GOES = re.compile(
    r"\b(?:i|she|he|they)\s+(?:often\s+|sometimes\s+|tend\s+to\s+|always\s+)?(?:get|gets|suffer\s+(?:from|with))\s+"
    r"(?:bad\s+)?(?:cold sores?|eczema|psoriasis|rosacea|hives|breakouts|spots|acne|keloids?)\b|"
    # ("I have very dark skin and I get dark marks really easily from spots. Would microneedling leave me with dark
    # patches after?": play-test 171, the clinic now and NHS 111 to someone never treated)
    r"\b(?:i|she|he|they)\s+(?:always\s+|tend\s+to\s+)?(?:get|gets)\s+(?:dark\s+|brown\s+)?(?:marks|spots|patches|"
    r"pigmentation|hyperpigmentation|scars|scarring|bruises)\s+(?:really\s+|very\s+|quite\s+|so\s+)?easily\b|"
    r"\b(?:i|she|he|they)\s+(?:bruise|scar|mark|pigment)s?\s+(?:really\s+|very\s+|quite\s+|so\s+)?easily\b|"
    r"\bprone\s+to\s+(?:cold sores?|eczema|psoriasis|rosacea|hives|breakouts|spots|acne|keloids?)\b|"
    r"\b(?:eczema|psoriasis|rosacea|dermatitis|acne|cold sores?|keloids?|hives|urticaria|vitiligo|melasma|"
    r"skin condition)\b[^.?!]{0,60}?\b(?:flares?(?: up)?|flaring|sometimes|often|usually|every (?:so often|now and "
    r"then|few (?:weeks|months))|on and off|comes and goes|now and then|from time to time|when it'?s bad|when i'?m "
    # ("I have rosacea and really sensitive skin - gets red at the drop of a hat. Would microneedling be ok for me?":
    # play-test 177, NHS 111 now to someone never treated)
    r"stressed|at the drop of a hat|(?:really |very |so )?easily|all the time|constantly)\b"
)
# a question of what the skin will be like after a treatment not had ("will my face be swollen like a balloon for work
# the next day": play-test 39, "Please call 999 now" to someone never treated): "the next day" in it is to come
_THE_DAY_AFTER = re.compile(r"\b(?:the\s+)?next\s+(?:day|morning)\b|\bthe\s+(?:day|morning)\s+after\b")
# how far a day to come is from the treatment ("will i look ok by wednesday?? thats 6 days after": play-test 80, read
# as six days since a treatment had two days before, and the clinic or a GP "to have it checked")
_DAYS_TO_COME = re.compile(
    r"\b(?:that'?s|thats|which is|which'?ll be|it'?ll be|it will be|will be|by then it'?s)\s+(?:only\s+|just\s+)?"
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of)\s+(?:days?|weeks?)\s+"
    r"(?:after|later|post|from now|away|off)\b"
)
# what a treatment to come will do to oneself, asked by someone who says none was had ("I take blood thinners, warfarin
# … Will I bleed a lot with the needles?": play-test 230, the clinic today for something lasting after a treatment)
_WILL_I_SHOW_IT = re.compile(
    r"\b(?:will|would|might|could|am)\s+i\s+(?:be\s+going\s+to\s+|going\s+to\s+|gonna\s+)?"
    r"(?:bleed|bruise|scar|swell|peel|blister|flake|scab)\w*\b"
)
_ASKS_ABOUT_A_SIGN = re.compile(r"\b(?:ask\w*|question\w*|thing|wondering|worr\w+)\s+(?:\w+\s+){0,2}?about\s+\w+")
_WILL_IT_BE = re.compile(
    r"\b(?:will|would|am i going to|is it going to|are they going to|(?:will|would) i)\s+(?:my\s+\w+\s+|i\s+|it\s+|"
    r"the\s+\w+\s+|there\s+)?(?:still\s+)?(?:be|look|get|go|feel|have)\b[^.?!]*|"
    # ("how long does the red last then, like could i go to work the next day": play-test 43, the expected reaction's
    # route to someone never treated)
    r"\b(?:could|can)\s+i\s+(?:go|get|be)\s+(?:back\s+)?(?:to\s+|at\s+)?(?:work|school|the office|uni|college)\b"
    r"[^.?!]*|"
    # ("could i do a spin class the day after or would sweating be a problem": dev3, NHS 111 now; "any chance of getting
    # an infection from it?": the odds, asked)
    # ("ok and if i go to the gym the day after is that a problem, sweating etc": play-test 142, NHS 111 now)
    r"\b(?:(?:could|can|should)\s+i|if\s+i)\s+(?:go|do|get back|start|hit|train|exercise|work out|run|swim)\b[^?!]*|"
    # ("could i just cover the redness with makeup the next morning then?": play-test 186, the expected reaction's
    # route to someone never treated)
    r"\b(?:could|can|should)\s+i\s+(?:just\s+)?(?:cover|hide|wear|put|use|apply)\b[^?!]*|"
    r"\b(?:chances?|risks?|odds|likelihood|possibility)\s+(?:of|that)\b[^.?!]*"
)
# "blind" in words that say nothing of sight ("going in blind here", "a blind spot", "blindly"): no sign
_BLIND_AS_A_SAYING = re.compile(
    r"\b(?:go|going|goes|went|gone|walk|walking|walked|be|am|i'?m|im)\s+in\s+(?:totally\s+|completely\s+)?blind\b|"
    r"\bblind(?:ly|\s+(?:date|spot|faith|trust|panic|eye|to))\b|\b(?:double|single)[- ]blind\b"
)
# what a medicine is taken for ("he's on doxycycline for spots at the moment", "i use a cream for my rash"): a
# condition for the consultation, no sign of anything happening after a treatment (play-test 36: NHS 111 now)
_TAKEN_FOR = re.compile(
    r"\b(?:on|taking|takes|take|took|prescribed|using|uses|use)\b[^.?!]{0,40}?\bfor\s+(?:my\s+|his\s+|her\s+|"
    r"their\s+|the\s+|bad\s+)?(?:spots|pimples|acne|breakouts?|rash(?:es)?|hives|eczema|bumps|psoriasis|rosacea)\b"
)
# said of what may come ("i dont need 999 im completely fine, i meant in future"): no emergency help put off
# ("i meant 111 not 999?? do i need to call 999 then": play-test 85, a number meant, not a time)
_OF_THE_FUTURE = re.compile(r"\b(?:in (?:the )?future|i meant(?! 111| 999)|next time|from now on|in case it happens)\b")
# who may advise on something happening: a "they said it's fine" with no sign named is help had only beside one of these
_MEDICAL_PARTY = re.compile(
    r"\b(?:clinic|111|999|nhs|gp|doctors?|dr|nurse|pharmacist|chemist|paramedics?|ambulance|a ?& ?e|a and e|hospital|"
    r"walk[- ]in|urgent care|practitioner|dermatologist|therapist|surgery)\b|"
    # ("i rang them and they said its totally normal for day one": rung about it)
    r"\b(?:rang|rung|called|phoned|spoke to|spoken to|messaged|emailed) (?:them|they)\b|"
    rf"{_CALL_ANSWERED}"
)
# a greeting and the treatment had, and nothing else ("Hello, I had collagen induction with you yesterday.", "hi, i did
# microneedling in your clinic this morning"): who they are, no report (a greeting opens a conversation, so no safety
# answer's thread is left by it)
_ONLY_TREATED_SAID = re.compile(
    r"\W*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening|day))\W+(?:there\W+)?"
    r"(?:i|we|i'?ve|i have)\s+(?:just\s+)?(?:had|did|got|have had)\s+(?:the\s+|my\s+|a\s+|some\s+)?(?:first\s+)?"
    r"(?:microneedling|micro ?needling|collagen induction(?: therapy)?|treatment|session)"
    r"(?:\s+(?:treatment|session|done))?"
    r"(?:\s+(?:with you|at your clinic|at yours|in your clinic|with you guys|there|here))?"
    r"(?:\s+(?:yesterday|today|this morning|this afternoon|earlier|last night|last week|on \w+day|\d+ days? ago))?"
    r"\W*"
)
# a faint said to be days past ("the fainting was on friday", "i passed out yesterday after it")
_A_FAINT_PAST = re.compile(
    r"\b(?:fainted|fainting|passed out|blacked out|collapsed)\b[^.?!]{0,30}\b(?:(?:on|last)\s+(?:mon|tues|wednes|thurs|"
    r"fri|satur|sun)day|yesterday|last (?:night|week)|\d+ days? ago|two days ago|a few days ago|the other day)\b|"
    r"\bthe (?:fainting|faint) was\b"
)
# a sign said to be back ("her lips feel kinda tingly again", "its swelling again now", "its coming back")
_SIGN_BACK = re.compile(
    r"\b(?:tingl\w*|swell\w*|swollen|itch\w*|red|puff\w*|tight|sore|hurt\w*|dizzy|faint|numb|bumps?|rash|hives)\s+"
    r"(?:\w+\s+)?again\b|\bagain\s+now\b|\bcoming back\b|\b(?:it'?s|its|they'?re|theyre) back\b(?! to normal)"
)
# the route questioned ("why do you keep telling me to call 999??", "stop saying ring 111")
_ROUTE_QUESTIONED = re.compile(
    r"\b(?:keep|keeps|kept|stop|quit)\s+(?:on\s+)?(?:telling|saying|asking|repeating)\b|"
    r"\bwhy (?:do|are|did|would) you\b[^.?!]{0,30}\b(?:999|111|call|ring|ambulance|emergency|a ?& ?e)\b"
)
# when to call the emergency number rather than the out-of-hours route, asked ("when do i call 999 instead", "if that
# happens do i still just ring 111?", "so even if i got confused its still 111 not 999?": play-test 106, NHS 111 again,
# and "didn't understand"): what to do if a sign comes, with 999's
_WHEN_999 = re.compile(
    r"\b(?:when|at what point)\s+(?:do|should|would|shall|must|can|is it)\s+(?:i\s+|we\s+)?(?:need to\s+)?"
    r"(?:call|ring|phone|dial|go to|get)?\s*(?:999|an ambulance|a ?& ?e)\b|"
    r"\b(?:if|even if|what if|in case|say)\b[^.?!]{0,60}\b(?:still|just|only)\b[^.?!]{0,25}\b111\b|"
    r"\beven if\b[^.?!]{0,50}\b(?:111|999)\b|"
    r"\bwhen (?:is it|does it become|would it be|does it count as)\b[^.?!]{0,20}\b(?:999|an emergency)\b"
)
# a sign supposed to come back or get worse, and what to do then asked ("and if it gets worse while im waiting?", "if
# the tightness comes back tonight what do i do": play-tests 190 and 191, the suitability answer and how long results
# last, in an emergency's thread): what to do if it does (the warning signs, or the thread's route)
_IF_IT_WORSENS = re.compile(
    r"(?:^|[.?!,;\n]|\b(?:and|but|so|also|what|thanks|ok|okay|111|999|gp|clinic|them|you))\s*if\s+"
    r"(?P<what>it|this|that|things|they|she|he|the\s+\w+|my\s+(?:\w+\s+)?\w+)\s+(?:\w+\s+)?"
    r"(?:(?P<worse>(?:gets?|getting|goes|go|got)\s+(?:any\s+|a\s+(?:bit|lot)\s+)?worse|worsens|spreads|"
    r"(?:gets?|getting)\s+bigger|flares?\s+(?:back\s+)?up)|(?:comes?|coming)\s+back|returns|starts?\s+(?:up\s+)?again|"
    r"happens?\s+again)\b"
)
# whether the last answer was a yes or a no, asked ("is that a no then?", "so thats a no?")
_IS_THAT_A_NO = re.compile(
    r"^\W*(?:(?:so|wait|hang on|ok|okay|lol|hmm|um)\W+)*(?:is\s+(?:that|it|this)|(?:that'?s|thats|it'?s|its))\s+"
    r"(?:a\s+)?(?:no|yes)(?:\s+(?:then|or\s+not|or\s+a\s+(?:yes|no)))?\W*$"
)
ABOUT_THAT_ANSWER = "faq/about_that"
# what is happening, or its cause, asked to be named ("is this an allergic reaction to the numbing cream do u think",
# "could the cream have caused this", "is it infected?"): a diagnosis this assistant never gives
_WHAT_IS_IT = re.compile(
    r"\b(?:is|was|could|might|would)\s+(?:this|it|that|she|he)\s+(?:be\s+|have\s+been\s+|having\s+|got\s+)?(?:an?\s+)?"
    r"(?:allergic\s+reaction|allergy|reaction|infection|infected|anaphyla\w*)\b(?!\s+(?:if|when)\b)|"
    r"\b(?:did|could|has|would|might)\s+(?:the\s+)?(?:numbing\s+)?(?:cream|serum|product|needles?|treatment|numbing|"
    r"microneedling)\s+(?:have\s+)?(?:cause[ds]?|caused|done|trigger(?:ed)?|made)\s+(?:this|it|that|her|him|me)\b|"
    r"\bwhat\s+(?:caused|is\s+causing|has\s+caused|made)\s+(?:this|it|that)\b|"
    # ("could it be the numbing cream that caused it??", "could the numbing cream have caused this": play-tests 204 and
    # 206, "I can't advise on medicines")
    r"\bcould\s+(?:it|this|that)\s+(?:be|have\s+been)\s+(?:the\s+|that\s+)?(?:numbing\s+)?(?:cream|serum|product|"
    r"needles?|treatment|numbing|microneedling)\b|"
    r"\b(?:cream|serum|product|numbing)\b[^.?!]{0,20}\bthat\s+(?:caused|did|made)\b|"
    r"\b(?:could|did|might|would)\s+(?:the\s+)?(?:numbing\s+)?(?:cream|serum|product)\s+have\s+(?:caused|done|made|"
    r"triggered)\b|"
    # ("she had numbing cream on it too does that matter", in an emergency: play-test 203, the pain answer)
    r"\b(?:cream|numbing|serum|product|needles?)\b[^.?!]{0,40}\b(?:does\s+(?:that|it|this)\s+matter|is\s+(?:that|it|this)\s+"
    r"(?:important|relevant|why)|could\s+(?:that|it|this)\s+be\s+(?:it|why|the\s+cause))\b"
)
# what to do if it does, of a sign just spoken of ("it HASNT got worse, i said IF. im asking what to do if it does":
# play-test 199, the suitability answer and the privacy notice)
# what to watch for after a treatment, asked ("what should i look out for", "what would make it serious")
_WHAT_TO_WATCH_FOR = re.compile(
    r"\bwhat\s+(?:should|do|would|shall)\s+i\s+(?:need\s+to\s+)?(?:look|watch|keep\s+an\s+eye)\s+(?:out\s+)?for\b(?!\s+(?:when|in|with|"
    r"choosing)\b)|\bwhat\s+(?:would|could|will)\s+make\s+it\s+(?:serious|an\s+emergency|dangerous|worse)\b|"
    r"\bwhat\s+(?:are|would\s+be)\s+the\s+(?:warning|danger|bad)\s+signs?\b|\bwhat\s+signs?\s+(?:should|do|would)\s+i\b"
)
_IF_IT_DOES = re.compile(
    r"\b(?:what|who)\s+(?:to|do\s+i|should\s+i|would\s+i|shall\s+i|i\s+should|i\s+do|i'?d|i\s+would|i\s+need\s+to)\s+"
    r"(?:do|call|ring|contact|phone)\s+if\s+(?:it|they|that|this|she|he)\s+(?:does|do|did|happens|happened|comes\s+back)\b"
)
# ... what may get worse or come back, beside a sign named (SafetySettings.names_a_sign): not a concern coming back ("if
# my acne comes back after, will it need more sessions?")
_WHAT_MAY_WORSEN = re.compile(
    r"\b(?:tightness|tight|pain|reaction|symptoms?|throat|lips?|chest|breathing|"
    r"dizziness|dizzy|itch\w*|sting\w*|burn\w*|sore\w*|heat|fever|temperature|tingl\w*)$"
)
_WHAT_THEN = re.compile(
    r"\?|\bwhat\s+(?:do|should|shall|would|can|must)\s+(?:i|we)\b|\bwhat then\b|\bwhat now\b|"
    r"^\W*(?:(?:and|but|so|ok|okay|thanks|ta)\W+)*(?:what\s+)?if\b"
)
# the request asked to be picked up again ("can we carry on with the booking?", "i want to finish my booking now")
_CARRY_ON_BOOKING = re.compile(
    r"\b(?:carry on|continue|finish|go on|pick up|get back to|resume)\s+(?:with\s+)?(?:the|my|our)\s+"
    r"(?:booking|request|consultation request|appointment request)\b(?!\s+later)"
)
# confused about what was said, not feeling confused ("im confused which one", "confused by your answer")
_PUZZLED = re.compile(
    r"\bconfus\w*\s+(?:about|by|which|what|why|with\s+(?:your|the|this)|as\s+to|now\s+which|whether|if\s+i)\b|"
    r"\b(?:confusing|you(?:'?re| are) confusing me|so confused lol)\b|"
    # a choice asked, then the confusion ("yes to a&e or yes to 111? im confused": play-test 149, "call 999 now", then
    # the 999 call four times to someone ringing 111)
    r"\bor\b[^.?!]*\?\s*(?:i'?m|im|i am)\s+(?:so\s+|really\s+|a bit\s+)?confused\b|"
    r"\bnot\s+(?:like\s+)?confused\s+confused\b|\bmy\s+head\s+is\s+fine\b|"
    # puzzled by the answers ("sorry im confused, you say you cant say its safe to wait but then you say call when you
    # open", "i dont mean confused like that, i mean your answer confused me": play-test 199, "call 999 now")
    r"\b(?:i'?m|im|i\s+am|i\s+was)\s+(?:so\s+|really\s+|a\s+bit\s+|bit\s+|just\s+)?confused\W+(?:you|your|u|ur|which|"
    r"what|so|but|because|cos|coz|do|does|should|is|are|can|the)\b|"
    r"\b(?:your|the|that|this|those|these)\s+(?:answers?|repl(?:y|ies)|messages?|bot|chat|info|advice)\s+(?:is\s+|are\s+|was\s+|"
    r"were\s+)?(?:really\s+|so\s+|a\s+bit\s+)?confus\w*|\bconfused\s+me\b|\b(?:don'?t|dont|didn'?t|didnt)\s+mean\s+confused\b"
)
_ROUTE_NAMED = re.compile(r"\b(?:999|111|a ?& ?e|ambulance|emergency|nhs)\b")
# the reaction over, said so ("I am fine. The reaction was yesterday."): the emergency's thread ends
# (actions/answers.py)
_OVER = re.compile(
    # ("no no is yesterday!! now is fine": play-test 57, 999 again before the call back)
    r"\b(?:was|happened|were|is|its|it'?s)\s+(?:yesterday|last night|the other day|(?:a|two|three|\d+)\s+days?\s+ago|"
    r"last week)\b|"
    r"\b(?:next day|the day after|since then)\b|"
    # ("that was on WEDNESDAY, im fine now. its just history for the clinic": play-test 39, 999 again, three times)
    r"\b(?:was|happened|were)\s+(?:on\s+)?(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b|"
    r"\b(?:last|from last|this past) (?:month|week)\b|\b(?:weeks?|months?) ago\b|"
    # ("WHY 999 again, i tell you im ok!! this is from before": play-test 47, 999 a third time)
    r"\b(?:is|was|it'?s|its) from before\b|\b(?:from|was|happened) last time\b"
)
# the route said not to be needed ("i dont need 111 you idiot"): beside words of it being past, the thread ends
_ROUTE_NOT_NEEDED = re.compile(
    r"\b(?:don'?t|dont|do not|doesn'?t|no)\s+(?:really\s+)?need\s+(?:to\s+(?:call|ring|go to)\s+)?(?:111|999|nhs|an? "
    r"ambulance|a ?& ?e|a doctor|a gp|urgent (?:care|help|advice))\b"
)
# said to be past history, not only well again ("its just history for the clinic", "a SCAR from last month", "that was
# on WEDNESDAY"): the route is set aside, not followed as advice had (actions/answers.py)
_PAST_HISTORY = re.compile(
    r"\b(?:just history|for (?:the|their) (?:records?|notes?)|last (?:month|week)|(?:weeks?|months?) ago|"
    r"(?:was|happened) on (?:mon|tue|wed|thu|fri|sat|sun)\w*)\b"
)
# said to be past, in other words than being well ("its just history for the clinic", "a SCAR from last month is not
# urgent"): with a time it was, the thread ends as when well again
_SAID_TO_BE_PAST = re.compile(
    r"\bjust (?:history|for (?:the|their) (?:records?|notes?|info|information))\b|"
    r"\b(?:its|it'?s|that'?s|thats|it is|that is|is) (?:not|no longer) (?:urgent|an emergency|happening)\b|"
    r"\bnot (?:urgent|an emergency) (?:any ?more|now)\b|\b(?:it'?s|its|has|it has) (?:mostly |all )?healed\b"
)


def triage(
    text: Text,
    settings: SafetySettings,
    said_to_be_happening: bool,
    names_a_concern: bool = False,
    concerns: Sequence[Text] = (),
    about_the_concern: bool = False,
    slip: bool = False,
) -> Triage:
    """The level of a message, or None when it is not about something happening after a treatment.

    `said_to_be_happening`: the classifier's answer is `faq/complication`. `names_a_concern`: the message names
    a skin concern the clinic treats ("wrinkles around the eyes"), so a few words naming a sign are no report.
    `concerns`: the words that name them ("sun spots"), no sign of anything happening when no treatment had and no
    time since one is named ("is microneedling good for sun spots? i have many on my face" was sent to NHS 111 for
    its "spots", eighteenth play-test). `slip`: the message names something done after a treatment that the guide does
    not cover ("went to the gym", "my normal retinol"), which is no sign."""
    # a concern said to change with something else, a pregnancy, a birth ("pigmentation on my cheeks, its got worse with
    # the pregnancy": play-test 131, NHS 111 now to someone never treated)
    other_cause = bool(_SINCE_SOMETHING_ELSE.search(text.lower().replace("’", "'")))
    lowered = _SINCE_SOMETHING_ELSE.sub(" ", text.lower().replace("’", "'"))
    lowered = _NOBODY_HAS_IT.sub(" ", lowered)
    denied = bool(_NOT_THERE.search(lowered))  # a change or a sign said not to be there (_NOT_THERE)
    lowered = _NOT_THERE.sub(" ", lowered)
    lowered = _EYES_MISREAD.sub(" ", lowered)  # "oh so it is, sorry my eyes": read wrong, no sign
    lowered = _FAINT_AS_LIGHT.sub("light ", lowered)  # "a few faint darker patches": light, no fainting
    lowered = _NOT_A_SIGN_IN_WORDS.sub(" ", lowered)  # "i dont want to book blind", "not that im fainting"
    lowered = _UNLESS_WORSE.sub(" ", lowered)  # "ill wait for monday then unless it gets worse": not worse now
    compared = bool(_PAIN_COMPARED.search(lowered))  # "is microneedling more painful than laser": a question
    lowered = _PAIN_COMPARED.sub(" ", lowered)
    lowered = _SCARS_FROM.sub(r"\1", lowered)  # "pitted scars from old spots": what the scars came from
    lowered = _SCARS_GONE_AFTER.sub(" ", lowered)  # "will my scars be gone after the course": the results
    lowered = _WHAT_SKIN_DOES_AFTER.sub(lambda m: m.group(0).replace(m.group("after"), " "), lowered)
    told = ""  # what someone else had, or said theirs was like (_SOMEONE_ELSE_HAD, _SOMEONE_ELSE_SAID)
    concern_named = False  # lines by the eyes named (_LINES_BY_THE_EYES)
    asks_if_it_happens = bool(_COULD_IT_HAPPEN.search(lowered))
    # (the question ends the story told: "… her skin went all blotchy after, is that something that happens?", whose
    # "is" would otherwise read as said of now: play-test 70)
    story = _COULD_IT_HAPPEN.sub(".", lowered)
    for match in _SOMEONE_ELSE_HAD.finditer(story) if not _STRONG_NOW.search(_LONG_AGO.sub(" ", lowered)) else ():
        rest = lowered.replace(match.group(0), " ")
        # beside a question of one's own before any treatment ("what if my face swells up like a balloon?"), or had
        # elsewhere or long ago; else a relative's treatment told in the past may be their report
        if _NOT_YET.search(rest) or _ELSEWHERE_OR_LONG_AGO.search(match.group(0)) or asks_if_it_happens:
            told, lowered = f"{told} {match.group(0)}", rest
    treated = bool(_TREATED.search(lowered))
    if _WILL_IT_BE.search(lowered):
        lowered = _DAYS_TO_COME.sub(" ", lowered)  # "will i look ok by wednesday?? thats 6 days after": to come
    no_days = days_since(lowered) is None  # no time since a treatment named (a concern's words name none)
    # the words that name a concern the clinic treats ("dark spots", "acne scars"), with no treatment had, no time since
    # one and nothing worsening named, are what the person wants looked at, asked about or not ("for the face, the dark
    # spots and also little scars of acne" at the booking's concern prompt was sent to NHS 111: play-test 27)
    # (asked whether it helps, no word of now stops it: "you keep saying the same thing lol. can you at least tell me if
    # it works on dark spots" read "keep" as now, play-test 28)
    if (
        _A_PIGMENT_CONCERN.search(lowered)
        and _ASKS_IF_IT_HELPS.search(lowered)
        and not treated
        and no_days
        and not _STRONG_NOW.search(lowered)
        and not _WORSE.search(lowered)
        and not settings.names_a_sign(lowered, (EMERGENCY,))
    ):
        # "i have melasma, the dark patch in face, since my pregnancy. microneedling is good for this?" (play-test 109:
        # NHS 111 now, "say that you had microneedling", to someone never treated): a concern, asked whether it helps
        return Triage(None, concern=True)
    if (
        concerns
        and not treated
        and no_days
        and (
            _ASKS_IF_IT_HELPS.search(lowered)
            or not (_NOW.search(lowered) or _TREATMENT.search(lowered) or _WORSE.search(lowered))
        )
    ):
        for concern in concerns:
            lowered = lowered.replace(concern.lower().replace("’", "'"), " ")
        # ... and the words that describe it ("the texture of the skin there, its bumpy and has little pits": play-test
        # 85, NHS 111 now, "say that you had microneedling", to someone never treated)
        lowered = _A_CONCERN_DESCRIBED.sub(" ", lowered)
    if (concerns or names_a_concern) and other_cause and not treated and no_days and not _TREATMENT.search(lowered):
        lowered = _WORSE.sub(" ", lowered)  # worse with the pregnancy, not after a treatment
    if not treated and not _TREATMENT.search(lowered) and no_days and (names_a_concern or said_to_last(lowered)):
        # "dark circles under my eyes": where the concern is; "small white bumps under my eyes … been there months"
        # (play-test 55: NHS 111 now, "say that you had microneedling", to someone never treated)
        lowered = _NEAR_THE_EYES.sub(" ", lowered)
    elif names_a_concern and not _MY_OWN_TREATMENT.search(lowered):
        # lines or wrinkles around the eyes, whoever else was treated: where a concern is, never a sign ("… my daughter
        # … had it done … I'm 52 and mostly bothered about the lines around my eyes": play-test 232, the clinic today)
        lowered = _CONCERN_NEAR_THE_EYES.sub(" ", lowered)
    ongoing = False
    if not treated and no_days:
        # "would it sort my acne? i still get spots on my jaw" (play-test 245: NHS 111 now to someone never treated): a
        # skin concern had for long, not something happening after a treatment
        ongoing = bool(_ONGOING_SKIN.search(lowered))
        lowered = _ONGOING_SKIN.sub(" ", lowered)
    if not treated and not _STRONG_NOW.search(lowered):
        lowered = _MIGHT_CAUSE.sub(" ", lowered)  # "can make dark spots after?": asked about, not had
    lowered = _ABOUT_THE_NOTES.sub(" ", lowered)  # "the cold sores note is still there": the request's notes
    if not treated and no_days and not _STRONG_NOW.search(lowered):
        # "could my friend come for a consult about her dark patches": what the consultation is to look at, never an
        # emergency's sign ("can i come in about the swelling on my lips" is one whatever it is said with)
        about = _A_CONSULTATION_ABOUT.sub(" ", lowered)
        if not any(
            sign.found_in(words(part)) for part in _SENTENCE_END.split(lowered) for sign in settings.signs[EMERGENCY]
        ):
            lowered = about
    lowered = _EYE_CARE.sub(r"\1", lowered)  # "theyre sending her to the eye hospital": a place, no sign
    # "tiny pinpoint dots in lines all over my cheeks, like a grid" the day after (play-test 97: NHS 111 now for the
    # "dots"): the needles' marks, clinic.yml's expected "grid marks"
    lowered = _NEEDLE_MARKS.sub(" grid marks ", lowered)
    if not treated:
        lowered = _EYES_WANTED.sub(" ", lowered)
        if not _STRONG_NOW.search(lowered) and _LINES_BY_THE_EYES.search(lowered):
            lowered = _LINES_BY_THE_EYES.sub(" ", lowered)
            concern_named = True
        lowered = _PAIN_COMPARED.sub(" ", lowered)  # "does it hurt more on the forehead": the treatment's pain
        if not _STRONG_NOW.search(lowered):
            told = " ".join([told] + [match.group(0) for match in _SOMEONE_ELSE_SAID.finditer(lowered)])
            lowered = _SOMEONE_ELSE_SAID.sub(" ", lowered)
    lowered = _EPIPEN_IN_FUTURE.sub(" ", lowered)  # "would i need to carry an epipen now": asked of the future
    if not EPIPEN_USE.search(lowered):
        lowered = _EPIPEN_CARRIED.sub(" ", lowered)  # "i have a shellfish allergy and carry an epipen": a fact
    lowered = _BLIND_AS_A_SAYING.sub(" ", lowered)  # "could someone explain it to me? going in blind here"
    if not treated:
        lowered = _TAKEN_FOR.sub(" ", lowered)  # "he's on doxycycline for spots at the moment"
    parts = [part for part in _SENTENCE_END.split(lowered) if part.strip()]
    if len(parts) > 1 and not treated and no_days and not _STRONG_NOW.search(lowered):
        # a question about the treatment in general, beside others ("what does it feel like? does it hurt a lot? how
        # long does the redness last after"): no report, unless another sentence says so (play-test 33: NHS 111)
        parts = [part for part in parts if not _ASKED_IN_GENERAL.match(part)] or parts[:0]
    sentences = [words(part) for part in parts]
    found = {
        level: tuple(sign.text for sign in settings.signs[level] if any(sign.found_in(s) for s in sentences))
        for level in LEVELS
    }
    # an emergency's sign finished in a short sentence after it ("lips going a bit tingly again now actually. maybe
    # slightly puffy??": play-test 126, the expected reaction's answer)
    carried_on = [
        sign.text
        for sign in settings.signs[EMERGENCY]
        if sign.text not in found[EMERGENCY]
        and any(
            len(after) <= SHORT_SENTENCE and sign.found_in(before + after)
            for before, after in zip(sentences, sentences[1:], strict=False)
        )
    ]
    found[EMERGENCY] += tuple(carried_on)
    if treated and _UNWELL.search(lowered) and not found[EMERGENCY] and not found[URGENT]:
        # unwell in oneself after a treatment had, which the guide does not describe ("had microneedling this afternoon,
        # my face is bright red and ive got a really bad headache and feel sick": play-test 253, the expected
        # reaction's answer): unclear, so the clinic now (never of someone not treated: "i have a bad headache, can i
        # still come to my consultation")
        found[URGENT] = (UNWELL_SIGN,)
    # an emergency's sign stated in a sentence of its own, whatever another asks ("so do i ring 999 or not?? my lips are
    # puffy": play-test 126, read as asked, and the expected reaction's answer)
    stated = any(
        _A_PART_AS_IT_IS.search(part)
        and not _HYPOTHETICAL.search(part)
        and not _WHAT_IF.search(part)
        and any(sign.found_in(tokens) for sign in settings.signs[EMERGENCY])
        for part, tokens in zip(parts, sentences, strict=True)
    )
    if _THROAT_IRRITATED.search(lowered) and _ALLERGIC_SKIN.search(lowered) and not found[EMERGENCY]:
        # a throat said to feel scratchy or itchy, beside hives or welts coming up, in any sentence of the message
        # ("shes got hives coming up on her chest and arms, theyre spreading. she says her throat feels a bit
        # scratchy": play-test 94, NHS 111 now, and 999 only if it swelled): an allergic reaction reaching the airway
        found[EMERGENCY] = (ALLERGIC_THROAT_SIGN,)
    faint_only = bool(found[EMERGENCY]) and all(sign.startswith(_FAINTING) for sign in found[EMERGENCY])
    told_words = words(told)
    told_of = [sign.text for sign in settings.signs[EMERGENCY] if told_words and sign.found_in(told_words)]
    if concern_named and not any(found.values()) and not _WORSE.search(lowered):
        return Triage(None, concern=True)  # what they want looked at, whatever answer the classifier found
    if told.strip() and not any(found.values()) and not treated:
        # "my cousin said her whole face and lips blew up after hers … could that happen?": a sign someone else had,
        # asked about: what to do if it happens (the warning signs' answer), never 999 now (play-test 51: the side
        # effects' answer alone, "swelling usually settles")
        return Triage(None, tuple(told_of), hypothetical=True, someone_else=True)
    if (
        about_the_concern
        and not found[EMERGENCY]
        and not treated
        and no_days
        and not _TREATMENT.search(lowered)
        and not _STRONG_NOW.search(lowered)
    ):
        # "ok add to the concern that he still gets some active spots. then send": what the booking is about, said of
        # someone not treated (play-test 30: sent to NHS 111, and the request paused); the intent stays as read
        return Triage(None, found[URGENT] + found[EXPECTED])
    # "haven't had it yet" is no "had it", and "is it normal to be red? haven't had it yet" asks in general;
    # only what is said of now beyond doubt ("since yesterday") outweighs it
    # (nor does "is it safe for me to go to work?" after "had it on monday, my eyes are swollen": a treatment said to
    # have been had, outside the words of not having had it, is had)
    # ("I HAVEN'T HAD IT DONE. I'm asking how long the redness lasts after the treatment, in general": play-test 40
    # read "after the treatment" as had, and gave NHS 111 now; beside the words of not having had it and of only
    # asking, only a treatment said to be had is had: the words of not having had it alone, "since the treatment" is
    # still had, a blind set found)
    asked_in_general = bool(_NOT_YET.search(lowered) and (_JUST_ASKING.search(lowered) or _IN_GENERAL.search(lowered)))
    had_it = bool((_HAD_IT_SAID if asked_in_general else _TREATED).search(_NOT_YET.sub(" ", lowered)))
    # a sign said to be there now in a sentence that asks no "what if" ("ok. its a bit itchy too now. is itching a sign
    # of allergy?": play-test 61, read as asked before any treatment, and the urgent route dropped for the side effects)
    reported_now = any(
        not _WHAT_IF.search(part)
        and _NOW.search(part)
        and any(sign.found_in(tokens) for level in LEVELS for sign in settings.signs[level])
        for part, tokens in zip(parts, sentences, strict=True)
    )
    not_yet = (
        (bool(_NOT_YET.search(lowered)) and not _STRONG_NOW.search(lowered) and not had_it)
        or (bool(_WHAT_IF.search(lowered)) and not reported_now)
        # ("omg HYPOTHETICAL again. nothing has happened to me": play-test 123, NHS 111 now)
        or (bool(_JUST_ASKING.search(lowered)) and not reported_now and not had_it and not found[EMERGENCY])
        or (bool(_RULES_OUT.search(lowered)) and not treated)
        or (
            bool(_WILL_I_SHOW_IT.search(lowered))
            and not treated
            and no_days
            and not any(
                sign.found_in(words(_WILL_I_SHOW_IT.sub(" ", _ASKS_ABOUT_A_SIGN.sub(" ", lowered))))
                for level in LEVELS
                for sign in settings.signs[level]
            )
        )
    )
    # (what is to come, asked of a treatment not had, is not now: "will my face be swollen … the next day")
    # (nor the day after said beside such a question: "will i be red after? i teach the next morning", play-test 69, the
    # request paused for the expected reaction's answer)
    to_come = lowered if treated else _WILL_IT_BE.sub(" ", lowered)
    if not treated and _WILL_IT_BE.search(lowered):
        to_come = _THE_DAY_AFTER.sub(" ", to_come)
    now = bool(_NOW.search(_NOT_YET.sub(" ", re.sub(_FEARED, " ", to_come)))) and not not_yet
    personal = bool(_PERSONAL.search(_AN_EVENT.sub(" ", _ASKED_OF_IT.sub(" ", lowered))))
    hypothetical = (
        (bool(_HYPOTHETICAL.search(lowered) or _ASKS_THE_CAUSE.search(lowered)) and not now)
        or not_yet
        or (
            bool(_SESSIONS_SUPPOSED.search(lowered))
            and not _HAD_IT_SAID.search(_SESSIONS_SUPPOSED.sub(" ", lowered))
            and not _STRONG_NOW.search(lowered)
        )
    )
    worse = bool(_WORSE.search(_NOT_WORSE.sub(" ", lowered)))
    looks = bool(_LOOKS_AGED.search(lowered)) and not now and not worse
    if (
        looks
        and found[EMERGENCY]
        and not found[URGENT]
        and all(_colour_only(sign) for sign in settings.signs[EMERGENCY] if sign.text in found[EMERGENCY])
    ):
        return Triage(None, concern=True)  # "my skin looks tired and grey": how it looks, no sign
    if (
        _A_TREATMENT_TO_COME.search(lowered)
        and (found[URGENT] or found[EXPECTED])
        and not treated
        and days_since(_A_TREATMENT_TO_COME.sub(" ", lowered)) is None
        and not found[EMERGENCY]
        and not worse
    ):
        # "I've got microneedling booked with you on tuesday but I've come down with a stinking cold and now a cold sore
        # on my lip as well :( should I cancel?" (play-test 85: NHS 111 now, "say that you had microneedling"): the
        # skin before a treatment to come, for the clinic to decide on (the suitability answer, its patient's words)
        return Triage(None, found[URGENT] + found[EXPECTED], history=True)
    if (
        _A_MOLE.search(lowered)
        and (found[URGENT] or found[EXPECTED] or worse)
        and not treated
        # (or how long the mole has been changing, no treatment named: "the mole has got a bit bigger and darker the
        # last couple months, should i be worried?", play-test 108, the suitability answer)
        and (no_days or not _TREATMENT.search(lowered))
        and not found[EMERGENCY]
        and not _STRONG_NOW.search(lowered)
    ):
        # a mole or mark that has changed, from someone with no treatment named ("ive got a mole on my back thats gone
        # a bit darker and itchy, is it cancer?": play-tests 75 and 80, NHS 111 now, "say that you had microneedling"):
        # not a reaction, and nothing the assistant can look at (SafetyTriage.process: for their GP)
        return Triage(None, found[URGENT] + found[EXPECTED], lesion=True)
    if (
        found[URGENT]
        and all(sign.startswith(_SCARRING_SIGN) for sign in found[URGENT])
        and not found[EMERGENCY]
        and (treated or personal)
        and not hypothetical
        # (not asked whether it could help, or how common it is: "it left me with some scarring … I want to fix it. Is
        # it possible microneedling done properly could help?", play-test 78, the results answer)
        and not (
            _WILL_IT_FIX.search(lowered)
            or _HOW_COMMON.search(lowered)
            or re.search(r"\b(?:fix|help|improve)\b", lowered)
        )
    ):
        # scarring from a treatment months ago is there still ("i have small scars from the microneedling i had 3 months
        # ago, will they fade?": play-test 93, how results show): the clinic, or a GP, when it opens
        return Triage(URGENT, found[URGENT], worse, lingering=not worse)
    if _LONG_AGO.search(lowered) and not worse and not _NOT_LONG_AGO.search(_NOW_AN_AGE.sub(" ", lowered)):
        return Triage(None, found[EMERGENCY] + found[URGENT] + found[EXPECTED], history=True)
    if (
        _AT_THE_LAST_SESSION.search(lowered)
        and not found[EMERGENCY]
        and not found[URGENT]
        and not worse
        and not _STILL.search(_RESOLVED.sub(" ", lowered))
    ):
        # an expected sign said of a session before, and past ("how long does the redness last after btw, it was red
        # for like 4 days last time": play-test 66, NHS 111 now to someone whose skin was fine): asked as what it is
        return Triage(None, found[EXPECTED])
    if (
        found[EMERGENCY]
        and all(sign.startswith("anaphyla") for sign in found[EMERGENCY])
        and _ANAPHYLAXIS_HAD.search(lowered)
        and not _ANAPHYLAXIS_NOW.search(lowered)
        and not EPIPEN_USE.search(lowered)
        and not treated
    ):
        return Triage(None, found[EMERGENCY] + found[URGENT] + found[EXPECTED], history=True)
    if (
        _CONDITION_COMES_AND_GOES.search(lowered)
        and not treated
        and no_days
        and not found[EMERGENCY]
        and not _STRONG_NOW.search(lowered)
    ):
        # "i have eczema that flares up and bleeds sometimes, is that a problem": a condition, for the consultation
        return Triage(None, found[EMERGENCY] + found[URGENT] + found[EXPECTED], history=True)
    # (what they were told to expect at the treatment is no care had: "the nurse did say it'd be red for a bit. i'll
    # see how it is tomorrow" after fever and a hot, throbbing cheek on day 6, play-test 237, "follow the advice you
    # were given", twice)
    forewarned = _FOREWARNED.sub(" ", lowered)
    advised = bool(
        _CARE_PRESENT.search(lowered)
        # (a medicine taken on a doctor's advice is no advice about what is happening: "I take a small daily dose of
        # aspirin on my doctor's advice", play-test 103, "follow the advice you were given")
        or _HELP_HAD.search(_ON_ADVICE.sub(" ", lowered))
        or _EMERGENCY_CARE_HAD.search(forewarned)
        or (_HELP_ARRANGED.search(lowered) and not found[EMERGENCY])
    ) and not _HELP_NOT_HAD.search(lowered)
    if advised and _ADVISED_AT_THE_TREATMENT.search(lowered) and not _CARE_PRESENT.search(lowered):
        advised = False  # what they were told at the treatment is no advice about what is happening now
    if advised and _CAN_I_HAVE_IT.search(lowered) and not treated and not had_it and not _CARE_PRESENT.search(lowered):
        # "can I have it on antibiotics for a chest infection": a medicine asked about before any treatment, for the
        # consultation, not help had after one (play-tests 111 and 120: "follow the advice you were given")
        advised = False
    if (
        advised
        and _NEXT_TREATMENT.search(lowered)
        and not found[EMERGENCY]
        and all(sign.startswith("worse") for sign in found[URGENT])
        # (not a sign said to be back: "her lips feel kinda tingly again … the paramedics said it was probably just a
        # reaction", play-test 120, the next session's answer and no 999)
        and not _SIGN_BACK.search(lowered)
    ):
        # "my GP says it's pigmentation and will fade; will microneedling again make it worse?": for the consultation
        return Triage(None, found[URGENT] + found[EXPECTED], history=True)
    if (
        _AFTER_ANOTHER_TREATMENT.search(lowered)
        and not treated
        and not _MICRONEEDLING.search(lowered)
        and not found[EMERGENCY]
        and not worse
        and not _STRONG_NOW.search(lowered)
    ):
        # "I have very dark skin, got dark patches after a chemical peel" (play-test 123: NHS 111 now, "say that you had
        # microneedling", to someone never treated): what another treatment did is history, for the consultation
        return Triage(None, found[URGENT] + found[EXPECTED], history=True)
    if (
        _NEXT_TREATMENT.search(lowered)
        and _A_PAST_REACTION.search(lowered)
        and not found[EMERGENCY]
        and not worse
        and not _STRONG_NOW.search(lowered)
    ):
        # "should i still go ahead with it after the itchy thing? could i be allergic to the serum": for the clinic
        return Triage(None, found[URGENT] + found[EXPECTED], history=True)
    if (
        _A_COMPLAINT.search(lowered)
        and _HOW_IT_LOOKS.search(lowered)
        and not found[EMERGENCY]
        and all(sign.startswith(("worse", "red|")) for sign in found[URGENT] + found[EXPECTED])
        and not _STRONG_NOW.search(_OVER.sub(" ", _LONG_AGO.sub(" ", lowered)))
    ):
        # "I paid £250 for microneedling three weeks ago and my skin looks WORSE … I want a refund": the result
        # complained about, no sign of anything happening (play-test 40: NHS 111 now, three times)
        return Triage(None)
    unconditional = _IF_IT_CHANGES.sub(" ", forewarned)  # "call back if it gets worse": what they were told to do
    # an emergency sign named: only help had and the person now well ("they gave me steroids and it's gone down")
    # stops 999; "i called the clinic and my throat is closing up" is an emergency whatever help was had
    settled = (
        not found[EMERGENCY]
        # well again, or in care now ("tongue swelling, now in hospital": found by the twelfth play-test, 999 again to
        # someone in hospital), and the sign not still there
        or (
            bool(
                _RESOLVED.search(unconditional)
                or _CARE_PRESENT.search(unconditional)
                # ("lips swell, ambulance came. i want know if next session is safe": play-test 50, 999 twice to
                # someone well again): emergency care had, and the next session asked about, is over
                or (_EMERGENCY_CARE_HAD.search(unconditional) and _NEXT_TREATMENT.search(unconditional))
                # ("reaction after her treatment on saturday - swollen eyelids and blurry vision, shes been seen at the
                # eye hospital via 111", as a call back's topic: play-test 62, 999 now); nothing said of now
                # ("ok they said its prob just a faint from not eating, stay put … should i tell the clinic?": play-test
                # 81, 999 again, for the sign in the call handler's words), nothing said of now
                or (
                    _ADVICE_SAYS_WHAT_IT_IS.search(unconditional)
                    and not _SAID_OF_NOW.search(unconditional)
                    and not _SWELLING_NOW.search(unconditional)
                )
                or (
                    _SEEN_THERE.search(unconditional)
                    and not _SAID_OF_NOW.search(unconditional)
                    # (when the treatment or the reaction was is no word of now: "a reaction after microneedling this
                    # morning - … ambulance came", play-test 86; "had a reaction tonight …, went to hospital", 87)
                    and not _NOW_ITSELF.search(_WHEN_TREATED.sub(" ", unconditional))
                    and not _SWELLING_NOW.search(unconditional)
                )
            )
            and not _STILL.search(unconditional)
        )
    )
    # in care now, what happened before it ("im at a&e, the redness spread, they're giving me antibiotics") is in
    # their hands (found by the seventeenth play-test: "contact the clinic now" to someone in A&E); an emergency sign
    # back again is still the emergency
    in_care = bool(_CARE_PRESENT.search(unconditional))
    # ("no wait carry on, they said its fine lol", of a boss, just after a request was stopped: play-test 36 got the
    # advice-had answer) with no sign named, only a medical party's advice is help had
    if not any(found.values()) and not (_MEDICAL_PARTY.search(lowered) or _CARE_PRESENT.search(lowered)):
        advised = False
    if not any(found.values()) and not treated and _TO_GO_AHEAD.search(lowered):
        # ("my GP says it's fine, so can I just book the treatment?", on warfarin: play-test 248, "follow the advice you
        # were given" to someone never treated) what a doctor said of having it, no help had for something happening
        advised = False
    # (a story told before what those asked said of it, "redness spread to neck, lips swelled, paramedics said mild
    # allergic reaction": play-test 82, 999 again as a call back's topic, is no sign again since)
    # (nor the story told before the help: "redness spreading … we rang 111 and they sent us to out of hours GP
    # tonight", play-test 116, NHS 111 now)
    judgement = _ADVICE_SAYS_WHAT_IT_IS.search(unconditional)
    help_told = judgement or _HELP_HAD.search(unconditional)
    since_help = unconditional[help_told.start() :] if help_told else unconditional
    # a sign new since the help, said of now in a sentence after it ("111 said GP tomorrow morning. but im feeling a bit
    # shivery now tbh": play-test 122, "follow the advice you were given" to a fever sign new since the call)
    after_help = [part for part in re.split(r"[.!?;\n]+", since_help)[1:] if _NEW_NOW.search(part)]
    new_since_help = any(
        sign.found_in(words(part))
        for part in after_help
        for level in (EMERGENCY, URGENT)
        for sign in settings.signs[level]
    )
    if (
        advised
        and settled
        and not (new_since_help and not in_care)
        and ((in_care and not found[EMERGENCY]) or not _AGAIN.search(since_help))
        # (a sign said to be back before the advice is told: "her lips feel kinda tingly again … the paramedics said it
        # was probably just a reaction", play-test 120)
        and not (_SIGN_BACK.search(unconditional) and not in_care)
    ):
        # seen or advised already ("the paramedics came, I'm fine now"; "111 said the walk-in centre tomorrow"):
        # follow that advice, and the clinic, 111 or 999 if it gets worse
        return Triage(
            None,
            found[EMERGENCY] + found[URGENT] + found[EXPECTED],
            worse,
            help_had=True,
            judged=bool(judgement),
            emergency_had=bool(found[EMERGENCY]),
        )
    if (
        faint_only
        and _WITH_NEEDLES_ALWAYS.search(lowered)
        and not treated
        and no_days
        and not _STRONG_NOW.search(lowered)  # ("i feel faint after getting my jab today": now)
        # ("i fainted at a blood test once and now i feel really faint", "… and still feel faint now": now, whatever
        # happened before)
        and not _FAINT_NOW.search(lowered)
    ):
        return Triage(None, found[EMERGENCY], history=True)  # for the consultation, as a condition is
    if (
        faint_only
        and _A_FAINT_PAST.search(lowered)
        and _RESOLVED.search(lowered)
        and not worse
        and not _SIGN_BACK.search(lowered)
        and not re.search(r"\bagain\b", lowered)
    ):
        # "I'm fine NOW, the fainting was on friday at the clinic" (play-test 121: "Please call 999 now" five times): a
        # faint days before, and well since, is past; the next session after it is for the clinic (actions/answers.py)
        return Triage(None, found[EMERGENCY], history=True)
    if found[EMERGENCY] and (
        not hypothetical or stated or (_SWELLING_NOW.search(lowered) and not _WHAT_IF.search(lowered))
    ):
        # ("my lips are swelling, can i still have microneedling?": the swelling is now, whatever is asked with it)
        return Triage(EMERGENCY, found[EMERGENCY], worse)
    if (
        (found[URGENT] or found[EXPECTED])
        and not treated
        and not worse
        and (
            (_CAN_I_HAVE_IT.search(lowered) and days_since(lowered) is None)
            # (only with how long it has been there: "will it help?" beside a sign alone is answered as before)
            or (_WILL_IT_FIX.search(lowered) and _HAD_FOR.search(lowered))
        )
    ):
        # "I have active acne right now, lots of spots. Can I still have microneedling?": the skin as it is, asked of a
        # treatment not had, is for the consultation (a browser play-test: it was sent to NHS 111)
        return Triage(None, found[URGENT] + found[EXPECTED], history=True)
    if (found[URGENT] or found[EXPECTED]) and not treated and not worse and _THE_TREATMENT_FIXES.search(lowered):
        # a concern, asked whether the treatment helps it: what the guide says it improves (SafetyTriage.process)
        return Triage(None, concern=True)
    if (
        names_a_concern
        and not any(found.values())
        and not treated
        and not worse
        and _ASKS_IF_IT_HELPS.search(lowered)
        and _SINCE_A_TIME_OF_LIFE_SAID.search(lowered)
    ):
        # "will it help my acne scars? had them since i was a teen": whether it helps a concern had since a time of
        # life is what the guide says it improves (SafetyTriage.process); asked with no time of life, the classifier's
        # answer stands (the held-out and paraphrase sets label "does needling do anything for acne scars" what it is,
        # tests/unseen labels such questions the results; the held-out gate's margin decided)
        return Triage(None, concern=True)
    if (
        faint_only
        and not treated
        and not _FAINT_NOW.search(lowered)
        and (
            (_MENTIONS_THE_FAINTING.search(lowered) and not _STRONG_NOW.search(lowered))
            or (hypothetical and _DURING_THE_TREATMENT.search(lowered))
        )
    ):
        # fainting named as something to tell the clinic ("so i could tell them about the fainting thing then?", "i'll
        # book and mention the fainting": play-tests 168 and 179, the warning signs, 999 among them, three times to
        # someone nervous of fainting at her appointment), or supposed during the treatment ("what happens if i do
        # faint halfway through tho?? like do they just stop?": play-test 172): a history, for the clinic to plan
        # with her at the consultation
        return Triage(None, found[EMERGENCY], history=True)
    if hypothetical and (not personal or not_yet):
        # a question about warning signs ("what if my lips swell?", "what if it starts oozing?") is told what to
        # do if they appear; a question about side effects in general ("can it cause bruising?") is not
        warning = found[EMERGENCY] or (found[URGENT] if _WHAT_IF.search(lowered) else ())
        return Triage(None, warning, worse, hypothetical=True, not_yet=not_yet)
    if (
        hypothetical
        and not now
        and found[URGENT]
        and all(sign.startswith("worse") for sign in found[URGENT])
        and not found[EMERGENCY]
        and not found[EXPECTED]
    ):
        # "I have rosacea, would microneedling make it worse?": what a treatment might do to a condition, a
        # question for the consultation, not a report of anything happening
        return Triage(None, worse=worse, hypothetical=True)
    # something happening: the classifier says so, or a sign is named as the person's own or as now, or a
    # sign of infection is all the message says ("pus", "infected i think")
    if _FOLLOW_ON_QUESTION.match(lowered) and len(words(lowered)) <= 6 and not (now or personal or found[EMERGENCY]):
        # asked, going on from the last answer: what to do if it happens (the warning signs' answer)
        return Triage(None, found[URGENT] + found[EXPECTED], worse, hypothetical=True)
    if not any(found.values()) and not worse and _NO_RESULT.search(lowered):
        # "if I still see nothing after the second one": the results, whatever the classifier read
        return Triage(None, no_result=True)
    if not any(found.values()) and _A_COMPLAINT.search(lowered):
        # "I don't need 111, I need my MONEY BACK. Who do I complain to?": a complaint, no sign named (play-test 41:
        # the classifier's "something is happening" alone gave NHS 111 again)
        return Triage(None)
    if not any(found.values()) and not treated and not worse and _WILL_IT_FIX.search(lowered):
        # "also my scar is still there, will microneedling fix a burn scar?": whether it helps, no sign named (play-test
        # 39: NHS 111 now, the request paused); a concern named is what the consultation looks at, unless the message
        # asks other questions too (SafetyTriage.process)
        return Triage(None, concern=names_a_concern)
    terse = len(words(lowered)) <= 4 and bool(found[URGENT]) and not names_a_concern
    # something said to have changed since a treatment, whatever answer the classifier found for its words: a concern
    # said to look worse ("the treatment made my acne scars more visible", "my fine lines look deeper after
    # microneedling"), or getting worse with no sign named ("Hannah Okafor. and its my left cheek, wed treatment,
    # getting hotter" at the name prompt: play-test 46, no answer, and the name asked for again), said of now or of
    # one's own skin ("is microneedling safe for darker skin tones?" names no change)
    changed = bool(treated or _TREATMENT.search(lowered)) and (
        (names_a_concern and bool(_CONCERN_WORSE.search(lowered))) or (worse and (now or personal))
    )
    if not any(found.values()) and not worse and _RESOLVED.search(lowered) and not _STILL.search(lowered):
        # "no!! is finish, yesterday. now i am ok. please just the call back": well again, no sign named (play-test 49:
        # "Please call 999 now" to someone treated in hospital the day before)
        return Triage(None)
    if compared and not any(found.values()) and not worse:
        return Triage(None)  # the treatment's pain compared with another's, no sign named
    if compared and not treated and not found[EMERGENCY] and not _STRONG_NOW.search(lowered):
        # asked by someone not treated, whatever pain words it has ("i have a really low pain threshold tbh, is it worse
        # on some areas than others?": play-test 178, NHS 111 now): a question about the treatment
        return Triage(None, worse=worse, hypothetical=True)
    if ongoing and not any(found.values()) and not worse and not _STRONG_NOW.search(lowered):
        # ("spots and the marks they leave on my chin", the concern asked: play-test 252, the urgent route to someone
        # never treated) a skin concern had for long, and nothing else: a concern, whatever the classifier read
        return Triage(None, concern=True)
    if not any(found.values()) and not worse and not treated and _A_MEDICINES_USE_ASKED.search(lowered):
        # "i asked if i keep using my steroid cream as normal until they call" (play-test 193: NHS 111 now, and "say
        # that you had microneedling", to someone never treated with no sign): a medicine's use asked, no report
        return Triage(None)
    if slip and not any(found.values()) and not worse:
        # "treated yesterday, went to the gym and used retinol by mistake, want to know if ive ruined it" (play-test
        # 106: NHS 111 now to someone with no sign): what was done, no sign named
        return Triage(None)
    if denied and not any(found.values()) and not worse:
        # "no pus or anything", said alone: nothing there, whatever answer the classifier found for its words
        return Triage(None)
    if (
        not any(found.values())
        and not worse
        and not treated
        and (_OF_THE_RECORD.search(lowered) or _TO_GO_AHEAD.search(lowered))
    ):
        # "so the eczema bit is gone from their system now? they won't see it?" (play-test 248: the clinic today and
        # NHS 111 to someone never treated): what the request holds, asked, no report; nor the treatment asked for
        # ("my GP says it's fine, so can I just book the treatment?")
        return Triage(None)
    # (what is to come asked, of no treatment had and nothing said to be so now, is no report whatever the classifier
    # read: "ok and if i go to the gym the day after is that a problem, sweating etc", play-test 142, NHS 111 now)
    asked_of_what_is_to_come = not treated and not now and bool(_WILL_IT_BE.search(lowered)) and not worse
    reported = (
        (said_to_be_happening and not asked_of_what_is_to_come)
        or terse
        or changed
        or ((now or personal) and any(found.values()))
        # ("also is the yellow stuff normal", "you didnt answer about the yellow crusty bits": play-test 159, dropped
        # twice after NHS 111 for them): what the person has, asked about as "the …"
        or (bool(found[URGENT]) and bool(_THE_SIGN_ASKED_ABOUT.search(lowered)))
    )
    if not reported:
        return Triage(None, worse=worse)
    if (
        not any(found.values())
        and not changed
        # (a treatment named with no time since it is no report: "acne scars on my cheeks, continuing the treatment" at
        # the concern prompt, play-test 85, NHS 111 now four times to someone two days after a session)
        and (looks or (names_a_concern and not (_TREATMENT.search(lowered) and _NOW.search(lowered)) and not worse))
    ):
        # "my skin looks tired", "pigmentation since my pregnancy", "a scar from a bicycle accident": a concern
        # the clinic treats, with no sign and no treatment named, is what a consultation looks at
        return Triage(None, concern=True)  # no sign, no treatment and no time since one named: a concern
    days = days_since(lowered)
    if (
        found[URGENT]
        and all(_HEAT.search(sign) for sign in found[URGENT])
        and _LIKE_SUNBURN.search(lowered)
        and not worse
        and (days is None or days <= settings.expected_for_days)
    ):
        # "my face feels a bit hot and tight still, like a sunburn" the evening of the treatment (play-test 90: NHS 111
        # now four times): what the guide describes, a mild sunburn, in the first days; later, or worse, it is urgent
        return Triage(EXPECTED, found[EXPECTED] or found[URGENT])
    if (
        found[URGENT]
        and all(sign.startswith("worse") for sign in found[URGENT])
        and not found[EMERGENCY]
        and not found[EXPECTED]  # (redder or more swollen is worse now)
        and _LOOKS_WORSE.search(lowered)
    ):
        # only how it looks said to be worse ("the results are really uneven … one cheek is definitely worse texture.
        # Can you fix it?" a week after: play-test 94, NHS 111 now four times): the clinic, or a GP, when it opens
        return Triage(URGENT, found[URGENT], lingering=True)
    if found[URGENT]:
        # (scarring said to come from a treatment lasts by its nature: the clinic, or a GP, not NHS 111 tonight)
        scarred = all(sign.startswith(_SCARRING_SIGN) for sign in found[URGENT]) and not found[EMERGENCY]
        # (and so does a change in how the skin looks alone, bumps or a patch, weeks after it: "my second session
        # about 5 weeks ago and my skin texture is now uneven - some bumpy patches", "No pain, no redness, no heat",
        # play-test 187, NHS 111 now in 8 replies of 11; clinic.yml `lingering_after_days`)
        looks_late = (
            all(sign.startswith((_LOOKS_SIGN, _SCARRING_SIGN)) for sign in found[URGENT])
            and not found[EMERGENCY]
            and days is not None
            and days >= settings.lingering_after_days
        )
        return Triage(URGENT, found[URGENT], worse, lingering=(scarred or looks_late) and not worse)
    if found[EXPECTED] and (days is None or days <= settings.expected_for_days) and not worse:
        return Triage(EXPECTED, found[EXPECTED])
    if found[EXPECTED] and not worse and _RESOLVED.search(lowered) and not _STILL.search(lowered):
        # gone since, asked whether it was normal ("I had my first session last Tuesday … I was quite red for 2-3 days
        # after, was that normal? It's all gone now": play-test 177, "have it checked" for redness long gone): what
        # the guide says of it, no call to make
        return Triage(EXPECTED, found[EXPECTED])
    # later than the first days, or nothing named: unclear; there still, and no worse ("on tuesday … still a bit pink
    # and feels tight": play-tests 43 and 44, "call NHS 111 now"), it is for the clinic when it opens
    # (but warmth is a sign of infection once the first days are past: "a week ago … one small spot … still red and a
    # bit warm and sore when i touch it", play-test 75, got "the clinic when it opens, or your GP" on a Saturday night)
    # ("but i had it done 5 days ago … it is warm": play-test 79, the warmth named with no part of the skin)
    # (the words said, not the sign's pattern, which names warmth beside tightness: "still a bit pink and feels tight"
    # read as warm, play-test 203, NHS 111 now five times)
    warm = bool(re.search(r"\b(?:warm\w*|hot|heat)\b", lowered))
    # (lasting only past the first days: "burning? had microneedling yesterday, its been 24 hours", play-test 252, was
    # told "it's still there after the first few days" three times)
    lasting = days is not None and days > settings.expected_for_days
    return Triage(URGENT, found[EXPECTED], worse, lingering=not worse and lasting and not warm)


# the parent's part in a young person's consultation, which the age policy says ("so I have to come with him?", "what
# exactly do I have to sign, is it a form on the day?")
_A_PARENTS_PART = re.compile(
    r"\b(?:sign|signing|signature|consent|consent form|form|forms|permission|paperwork)\b|"
    r"\b(?:come|be there|go|attend)\s+(?:in\s+)?(?:with|alongside)\s+(?:him|her|them)\b"
)
# a medicine's use, going on or stopped, asked ("should i keep using my steroid cream as normal until they call", "can i
# carry on with my antibiotics"): a question for the consultation or the prescriber, no sign of anything happening
_A_MEDICINES_USE_ASKED = re.compile(
    r"\b(?:keep|keeps|carry on|continue|stop|stopping|pause|still)\s+(?:using|taking|on|applying|with|putting on)?\s*"
    r"(?:my|the|her|his|their|this|that)?\s*(?:\w+\s+){0,2}?(?:steroids?|steroid cream|hydrocortisone|betnovate|"
    r"medicines?|medication|meds|tablets?|pills?|antibiotics?|inhalers?|prescri\w+ cream|prescri\w+|warfarin|insulin|"
    r"roaccutane|isotretinoin|accutane)\b"
)
_PARENT_NEEDED = re.compile(
    r"\b(?:need|needs|have to|has to|must|should|got to)\b(?:\W+\w+){0,3}?\W+(?:my |a |their |her |his )?"
    r"(?:parents?|mum|mom|mam|dad|guardian|mother|father)\b|"
    # ("so does my mum HAVE to come to the consultation as well, yes or no?": play-test 108, "didn't catch that")
    r"\b(?:parents?|mum|mom|mam|dad|guardian|mother|father)\s+(?:really\s+|actually\s+)?(?:have|has|need|needs|got)\s+"
    r"to\s+(?:come|be there|attend|sign|consent|be with|go)\b|"
    # the parent asking of their own part, beside a consent or a form to sign ("so I have to come with him? what exactly
    # do I have to sign, is it a form on the day?": play-test 190, the privacy notice twice)
    r"(?=.*\b(?:sign|signing|signed|signature|consent|consent form|permission)\b)"
    r"\b(?:have to|has to|need to|needs to|must|should)\s+(?:i\s+|we\s+)?(?:come|be there|attend|go|be)\s+"
    r"(?:there\s+)?(?:with|alongside)\s+(?:him|her|them|my (?:son|daughter|kid|child|boy|girl))\b|"
    r"(?=.*\b(?:sign|signing|consent|permission)\b)\b(?:do|must|should|shall)\s+(?:i|we)\s+(?:need to\s+|have to\s+)?"
    r"(?:come|be there|attend)\s+(?:there\s+)?(?:with|alongside)\s+(?:him|her|them|my (?:son|daughter|kid|child))\b"
)
# the parent's son or daughter writing for them ("booking made by daughter Claire - please contact Claire, mum can only
# come after 10am": play-test 37, the under-18 policy for someone of 74)
_THEIR_CHILD_WRITES = re.compile(
    r"\b(?:i'?m|im|i am|by|(?:her|his|their)) (?:\w+ )?(?:daughter|son)\b|\bdaughter \w+\b"
)
_ADULT = re.compile(
    r"\b(?:i'?m|i am|im|aged?|over) (?:1[89]|[2-9]\d)\b|"
    # a parent, or someone older, who is the one to be seen ("I'm looking into microneedling for my mum. She's 78 and
    # has dementia … How does consent work in her case?": play-test 85, the under-18 policy three times)
    r"\b(?:she'?s|shes|she is|he'?s|hes|he is|they'?re|mum|mom|mother|dad|father|nan|gran|grandma|grandad)\s*,?\s*"
    r"(?:[2-9]\d|1[89])\b(?!\s*(?:days?|weeks?|months?|hours?|mins?|minutes?|:|am|pm|th|st|nd|rd))|"
    r"\b(?:mum|mom|mother|dad|father|nan|gran|grandma|grandad|granny)\s+(?:\w+\s+){0,2},?\s*(?:[2-9]\d)\b"
    r"(?!\s*(?:days?|weeks?|months?|hours?|mins?|minutes?|:|am|pm|th|st|nd|rd))"
)
# a parent or grandparent the treatment is for ("looking into microneedling for my mum"): unless an age under 18 is said
_FOR_A_PARENT = re.compile(
    r"\bfor (?:my|our) (?:elderly |old |\d{2}[- ]year[- ]old )?(?:mum|mom|mother|dad|father|nan|gran|grandma|grandad|"
    r"granny|grandmother|grandfather)\b"
)
# a parent who wants treating too ("my mum wants to come too, she takes warfarin", "can my mum be booked in the same
# slot"): another patient, not a parent's consent (play-test 35: the under-18 policy, twice, to an adult)
# a parent wanted there for support ("can i bring my mum with me to hold my hand haha": play-test 165, the age policy to
# someone of 34): no question of age
_FOR_SUPPORT = re.compile(
    r"\bhold (?:my|her|his|their) hand\b|\b(?:for|as) (?:moral |emotional )?support\b|\bkeep (?:me|her|him) company\b|"
    r"\bfor company\b|"
    # a parent brought along by choice ("can i bring my mum with me? shes coming up to london with me anyway": play-test
    # 202, the age policy to a 27-year-old); one who must come is asked otherwise ("does my mum have to come")
    r"\b(?:can|could|may|is it ok if|is it okay if|would it be ok if)\s+i\s+bring\s+(?:my\s+)?"
    r"(?:mum|mom|mam|mother|dad|father|parents?)\b"
    r"(?![^.?!]{0,40}\b(?:sign|consent|permission|have to|has to|need to|needs to)\b)"
)
_PARENT_TOO = re.compile(
    r"\b(?:mum|mom|mam|mother|dad|father|parents?)\b[^.?!]{0,40}?\b(?:too|as well|also|at the same time|same (?:time|"
    r"day|slot|appointment)|together|booked in|be booked|book (?:her|him|them)|(?:wants|would like|'d like|keen) "
    r"(?:to have|to get|it|one|a go|microneedling|treatment))\b"
)


# an age under 18 said of the person to be seen ("she's 16", "my 17 year old", "i'm a minor"), not a question about
# ages in general ("what's the age limit?"): a booking request then says so to the clinic
# ("im 16 tho": play-test 69, "tho" was read as the 16th)
_STATED_MINOR = re.compile(
    r"\b(?:(?:i'?m|i am|im|she'?s|he'?s|she is|he is|they'?re|they are|(?:daughter|son|kid|child|niece|nephew) is|"
    r"aged?|turn(?:ed|s)?)\s*(?:only\s+|just\s+)?(?:1[0-7]|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen)(?!\s*(?:days?|weeks?|months?|hours?|minutes?|mins?|miles?|sessions?|treatments?|:|(?:am|pm|th|st|nd|rd)\b))|"
    r"(?:my|our|her|his) (?:1[0-7]|thirteen|fourteen|fifteen|sixteen|seventeen)[- ]?(?:yo|y/o|yrs?|years?|year)"
    r"(?:[- ]old)?|(?:1[0-7])\s*(?:yo|y/o)|(?:my|our) teen(?:age(?:d|r)?)?\b|"
    r"(?:i'?m|i am|she'?s|he'?s) (?:a minor|underage|under 18))"
)


def stated_minor(text: Text) -> bool:
    """An age under 18 said of the person to be seen (not a question about the age limit)."""
    lowered = text.lower().replace("’", "'")
    return not _ADULT.search(lowered) and bool(_STATED_MINOR.search(lowered))


# a time of life long past ("scars from when i was a teen", "since i was a teenager", "acne as a teen"): no age now
# (play-test 20: "pitted scars from when i was a teen" got the age policy)
_WHEN_YOUNGER = re.compile(
    r"\b(?:when|since|as|while|back when)\s+(?:i|she|he|they)?\s*(?:was|were)?\s*(?:a\s+)?(?:teen|teenager|kid|child|"
    r"\d{1,2})(?:s)?\b|\bas a (?:teen|teenager|kid|child)\b|\bin my (?:teens|teenage years)\b|"
    # ("i have from teenager time", "from my teenage years": play-test 113, the age policy to a woman of 34)
    r"\bfrom (?:my |the )?(?:teen|teenager|teenage|school|childhood)\s*(?:time|times|years|days|age)\b|"
    r"\bfrom (?:my |the )?(?:teens|childhood)\b|"
    # the age of something else ("mine are about 10 years old tho", "do 10 year old acne scars still respond": play-test
    # 169, the age policy three times to a woman of 29)
    r"\b(?:scars?|marks?|lines|wrinkles|acne|stretch\s+marks|tattoos?|pigmentation|spots|mine|they|theyre|they'?re|"
    r"them|those)\b[^.?!]{0,25}?\b\d{1,2}\s*(?:yrs?|years?)(?:[- ]old)?\b|"
    r"\b\d{1,2}\s*(?:yr|year)s?[- ]old\s+(?:acne\s+|old\s+|deep\s+)?(?:scars?|marks?|stretch\s+marks|lines|wrinkles|"
    r"tattoos?|pigmentation)\b"
)


# a child brought along, not to be seen ("can i bring my daughter shes 6, no childcare that day": play-test 50, the age
# policy and the suitability answer)
_A_CHILD_BROUGHT = re.compile(
    r"\b(?:bring|bringing|brings|come with|coming with|take|taking)\s+(?:along\s+)?(?:my|our|her|his|the)\s+"
    r"(?:daughter|son|kid|kids|child|children|little one|toddler|baby|boy|girl)\b"
    # (a young child's age, or no one to look after them: never one who would be seen, "shes 16 and wants it too")
    r"(?=[^.?!]{0,40}\b(?:(?:s?he'?s|s?he is|aged?|is)\s+(?:[1-9]|1[0-2])\b(?!\s*(?:st|nd|rd|th|am|pm|:))|"
    r"no childcare|childcare|wait|sit|while i|babysit\w*))"
    r"(?![^.?!]{0,60}\b(?:treat\w*|have it|get it|it done|wants? it|microneedl\w*|too|as well)\b)|"
    r"\bno childcare\b"
)


# an age to come ("also im 17 in september im 18, can i get it done now or do i have to wait": play-test 239, read as
# 18, and the suitability answer in place of the age policy)
_WHEN_OLDER = re.compile(
    r"\b(?:in|by|next|this|from|after|on|till|until|til)\s+(?:\w+\s+){0,2}?(?:i'?m|im|i am|i'?ll be|ill be|i will be|"
    r"i turn|turning|she'?s|shes|he'?s|hes|she'?ll be|he'?ll be)\s+(?:1[89]|eighteen|nineteen)\b|"
    r"\b(?:i'?ll be|ill be|i will be|i turn|turning|she'?ll be|he'?ll be|she turns|he turns)\s+"
    r"(?:1[89]|eighteen|nineteen)\b"
)


def under_age(text: Text) -> bool:
    """Someone under 18, or a question about a parent coming, consenting or knowing; not someone who says
    they are an adult ("without my mum knowing, I'm 18 tho"), nor a child brought along."""
    lowered = _WHEN_OLDER.sub(" ", _WHEN_YOUNGER.sub(" ", text.lower().replace("’", "'")))
    if _ADULT.search(lowered) or _A_CHILD_BROUGHT.search(lowered):
        return False
    if _FOR_A_PARENT.search(lowered) and not _UNDER_AGE.search(lowered):
        return False
    return bool(
        _UNDER_AGE.search(lowered)
        or _PARENT_NEEDED.search(lowered)
        or (
            _PARENT.search(lowered)
            and _PARENT_ASKS.search(lowered)
            and not _PARENT_TOO.search(lowered)
            and not _THEIR_CHILD_WRITES.search(lowered)
            and not _FOR_SUPPORT.search(lowered)
        )
    )


def _asked_apart(message: Message) -> List[Dict[Text, Any]]:
    """The question parts the message's own words ask, each on its own (not an answer said first for the whole
    message, nor the rest of it beside its questions: components/question_classifier.py)."""
    return [part for part in message.get("question_parts") or [] if part.get("text") and not part.get("rest")]


# "last time", "next time", "first time": an occasion, no detail of the booking
_AN_OCCASION_BEFORE = re.compile(
    r"\b(?:last|next|first|second|every|each|this|that|one|any|some|other)\s+$", re.IGNORECASE
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyTriage(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "retrieval_intent": "faq",
            # who someone is and the treatment had, and nothing else (`_ONLY_TREATED_SAID`)
            "greet_intent": "greet",
            # the classifier's answer for "something is happening after a treatment": always triaged
            "happening_answer": "faq/complication",
            # the classifier's answers that a reaction someone else had, told and asked about, gives way from: the side
            # effects instead
            "told_of_answers": ["faq/complication", "faq/urgent", "faq/expected_reaction", "faq/reassurance"],
            # a request to book or a call back (components/booking_request.py): stands beside help had already
            "call_back_intent": "book_consultation",
            # a question about a request made ("so they wont ring tuesday now?"), not a report
            "request_question_intent": "ask_reference",
            # a change to a booking, as the classifier may read putting 999 off for the clinic
            "correction_intent": "correct_booking",
            # the request said to be sent, with no sign named
            "send_intent": "affirm",
            # a question the classifier reads as something happening that triage finds is none ("what really
            # happens after one session?") gets the classifier's next answer when it is this near, else the side
            # effects
            "next_answer_share": 0.5,
            # ... and which answers it may be: what the guide says of the treatment ("what if I'm still red?" got the
            # privacy notice, play-test 110, the classifier's next answer)
            # (those of `never_beside`, the side effects, downtime, aftercare and pain among them, are never taken)
            "next_answers": [
                "faq/results",
                "faq/procedure",
                "faq/preparation",
                "faq/sessions",
                "faq/what_is",
                "faq/consultation",
                "faq/suitability",
            ],
            # intents a message about an age or a parent is taken from (the classifier's distress only
            # without a crisis word)
            # (a booking request keeps its intent: the booking starts with the policy said first,
            # actions/booking_form.py)
            "minors_from_intents": ["faq", "nlu_fallback", "out_of_scope", "inform", "distress"],
            # a message in another language (components/language.py): not triaged by English signs
            "other_language_intent": "other_language",
            # how the skin looks, described as a concern: the intent of details given for a consultation (the
            # offer of one, or the concern asked for in the booking form)
            "concern_intent": "inform",
            # a message about getting medical help the classifier calls distress, without a crisis word: unclear,
            # which the thread after a safety answer gives its route again
            "unclear_intent": "nlu_fallback",
            # beside the expected reaction's answer, or advice had already, another question of the message is
            # answered too ("they said to come in at 7. is there parking?", found by the sixteenth play-test),
            # unless its answer is about what is happening, which the safety answer covers
            # The age policy and the consultation's answer too ("I'm 17, is there a minimum age? And how does it
            # compare to a chemical peel?" lost its second question: browser play-test 2).
            # And what to do if a sign appears, asked of a treatment to come ("how long till i see results, and will my
            # face be swollen like a balloon for work the next day": play-test 39 lost the results).
            "answers_beside": [
                ANSWERS[EXPECTED],
                HELP_HAD_ANSWER,
                MINORS_ANSWER,
                SUITABILITY_ANSWER,
                WARNING_SIGNS_ANSWER,
            ],
            "beside_expected": ["faq/unknown_product", "faq/unknown_activity"],
            # the side effects given for a question about one the guide does not name ("is crusting normal after
            # microneedling?", not happening: play-test 181, and this answer as if it said): the answer that says so
            "side_effect_not_named": ["unnamed_side_effect", "faq/unknown_side_effect"],
            "never_beside": [
                "faq/reassurance",
                "faq/follow_up",
                "faq/about_that",
                "faq/pain",
                "faq/duration",
                "faq/downtime",
                "faq/side_effects",
                "faq/safety",
                "faq/aftercare",
                "faq/complication",
                "faq/warning_signs",
                "faq/unknown_product",
                "faq/unknown_activity",
                "faq/emergency",
                "faq/urgent",
                "faq/expected_reaction",
                "faq/help_had",
                "faq/route_explained",
                "faq/emergency_explained",
                "faq/what_to_tell_111",
            ],
        }

    def __init__(self, config: Dict[Text, Any], settings: SafetySettings) -> None:
        self.config = {**self.get_default_config(), **config}
        self.settings = settings

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyTriage":
        return cls(config, SafetySettings.from_clinic_file(clinic_file()))

    def _selected(self, message: Message) -> Text:
        selector = (message.get("response_selector") or {}).get(self.config["retrieval_intent"]) or {}
        return (selector.get("response") or {}).get(INTENT_RESPONSE_KEY) or ""

    def _next_answer(self, message: Message) -> Optional[Text]:
        """The classifier's best answer after the one for something happening, when it is at least
        `next_answer_share` of that one's confidence and no safety answer; None otherwise."""
        selector = (message.get("response_selector") or {}).get(self.config["retrieval_intent"]) or {}
        ranking = [
            (entry.get(INTENT_RESPONSE_KEY), entry.get("confidence") or 0.0) for entry in selector.get("ranking") or []
        ]
        happening = dict(ranking).get(self.config["happening_answer"], 0.0)
        others = [
            (key, confidence)
            for key, confidence in ranking
            if key != self.config["happening_answer"]
            and key not in self.config["never_beside"]
            and key in self.config["next_answers"]
        ]
        if not others or happening <= 0:
            return None
        key, confidence = max(others, key=lambda pair: pair[1])
        return key if confidence >= self.config["next_answer_share"] * happening else None

    @staticmethod
    def _intent(message: Message, intent: Text) -> None:
        """Make `intent` the message's intent at confidence 1.0, given alone (no other questions)."""
        ranking = [{"name": intent, "confidence": 1.0}] + [
            {"name": entry["name"], "confidence": 0.0}
            for entry in message.get("intent_ranking") or []
            if entry.get("name") != intent
        ]
        message.set(INTENT, ranking[0], add_to_output=True)
        message.set("intent_ranking", ranking, add_to_output=True)
        message.set("questions", [], add_to_output=True)

    def _with_questions_beside(self, message: Message, answer: Text) -> None:
        """The safety answer first, then each other question of the message whose answer is not about what is
        happening and whose part names no sign (`answers_beside`, `never_beside`), up to two."""
        # beside the expected reaction's answer, what the guide does not cover is asked as aftercare ("red and tight
        # like sunburn, is that normal?? and when can i put makeup on": the twenty-third play-test found the makeup
        # dropped); beside any other, it is about what is happening, which the route answers
        allowed = set(self.config["beside_expected"]) if answer == ANSWERS[EXPECTED] else set()
        # ... and whether the treatment hurts, asked of it ("how long is the redness after, can i wear makeup the next
        # day, and does it hurt": play-test 50 found it dropped)
        # (or beside the consultation's answer for fainting with needles: "does it hurt? i nearly fainted getting my
        # ears pierced lol", play-test 84, the suitability answer alone)
        hurt_may_be_asked = answer in (ANSWERS[EXPECTED], SUITABILITY_ANSWER)
        if not message.get("asks", True):
            # a message that asks nothing has no question beside ("the paramedics came and gave me adrenaline and
            # antihistamines, swelling has gone down": the suitability answer for the medicines, play-test 28)
            return

        def asked_beside(part: Dict[Text, Any]) -> bool:
            text = part.get("text") or ""
            hurts_asked = hurt_may_be_asked and bool(_ASKS_IF_THE_TREATMENT_HURTS.match(text))
            return (
                (
                    part.get(INTENT_RESPONSE_KEY) not in self.config["never_beside"]
                    or (part.get(INTENT_RESPONSE_KEY) in allowed and not _ON_WHAT_IS_HAPPENING.search(text))
                    or hurts_asked
                )
                and part.get(INTENT_RESPONSE_KEY) != answer
                # ("why do you keep telling me to ring 111. my skin is a bit pink …, isnt that normal?": play-test 106,
                # the privacy notice beside the answer) the route questioned, which the safety answer says again
                and not _ROUTE_QUESTIONED.search(text.lower())
                # (nor, beside the advice had, the medicine those asked said to take: "they said its mild, keep taking
                # antihistamines and call back if it gets worse", play-test 125, the suitability answer and a
                # consultation offered in the middle of an allergic reaction)
                and not (
                    answer == HELP_HAD_ANSWER
                    and part.get(INTENT_RESPONSE_KEY) == SUITABILITY_ANSWER
                    and not text.rstrip().endswith("?")
                )
                and (hurts_asked or not self.settings.names_a_sign(text))
                # (nor, beside what to do if a sign comes, the words that asked it, nor a part with no words: "it HASNT
                # got worse, i said IF. im asking what to do if it does", play-test 199, the suitability answer and the
                # privacy notice beside it)
                and bool(text.strip())
                and not (
                    answer == WARNING_SIGNS_ANSWER
                    and (_IF_IT_DOES.search(text.lower()) or _IF_IT_WORSENS.search(text.lower()))
                )
                # (nor, beside the age policy, the parent's part it says: "so I have to come with him? what exactly do
                # I have to sign", play-test 190, the privacy notice beside it)
                and not (answer == MINORS_ANSWER and _A_PARENTS_PART.search(text.lower()))
            )

        def as_asked(part: Dict[Text, Any]) -> Dict[Text, Any]:
            # what to tell 111 or 999, asked beside ("what do i even say to them. and … when do i call 999 instead":
            # play-test 106, the privacy notice beside the answer): that answer, whatever the classifier read
            text = (part.get("text") or "").lower()
            if _WHAT_TO_TELL_111.search(text):
                return {**part, INTENT_RESPONSE_KEY: WHAT_TO_TELL_111_ANSWER}
            if _ASKS_ABOUT_999.search(text):
                return {**part, INTENT_RESPONSE_KEY: EMERGENCY_ROUTE_ANSWER}
            return part

        parts = [as_asked(part) for part in message.get("question_parts") or []]
        told = (WHAT_TO_TELL_111_ANSWER, EMERGENCY_ROUTE_ANSWER)
        beside = [
            part
            for part in parts
            if (part.get(INTENT_RESPONSE_KEY) in told and part.get(INTENT_RESPONSE_KEY) != answer) or asked_beside(part)
        ]
        if beside:
            message.set(
                "questions", [{INTENT_RESPONSE_KEY: answer, "confidence": 1.0}] + beside[:2], add_to_output=True
            )

    def _answer(self, message: Message, answer: Text) -> None:
        """Make `answer` the message's one answer, with the retrieval intent, both at confidence 1.0 (with the other
        questions of the message after it, for `answers_beside`)."""
        intent = self.config["retrieval_intent"]
        entity, not_named = self.config["side_effect_not_named"]
        if answer == SIDE_EFFECTS_ANSWER and any(
            found.get("entity") == entity for found in message.get(ENTITIES) or []
        ):
            answer = not_named
        self._intent(message, intent)
        selector = dict(message.get("response_selector") or {"all_retrieval_intents": [intent]})
        previous = selector.get(intent) or {}
        selector[intent] = {
            "response": {
                "responses": [],
                "confidence": 1.0,
                INTENT_RESPONSE_KEY: answer,
                "utter_action": f"utter_{answer}",
            },
            "ranking": [{"confidence": 1.0, INTENT_RESPONSE_KEY: answer}]
            + [entry for entry in previous.get("ranking") or [] if entry.get(INTENT_RESPONSE_KEY) != answer],
        }
        message.set("response_selector", selector, add_to_output=True)
        unsure = message.get("unsure_parts")
        if unsure:
            # a part not understood that names a sign ("and what if it gets worse in the night, like": play-test 106,
            # "I wasn't sure what you meant" beside the answer) is about what is happening, which this answer is
            kept = [part for part in unsure if not self.settings.names_a_sign(part)]
            if answer == MINORS_ANSWER:
                kept = [part for part in kept if not _A_PARENTS_PART.search(part.lower())]  # (the age policy says it)
            message.set("unsure_parts", kept, add_to_output=True)
        if answer in self.config["answers_beside"]:
            self._with_questions_beside(message, answer)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):  # a button's payload says what it means
                continue
            intent = (message.get(INTENT) or {}).get("name")
            if intent == self.config["other_language_intent"]:
                # another language (components/language.py): its reply gives the emergency number first; the signs
                # are English words, and one in another language means something else ("faint" is "how much" in Welsh)
                continue
            selected = self._selected(message)
            # the classifier sure enough that something is happening (below the bar, only a named sign counts);
            # an email address or a phone number typed at a booking prompt is no report of anything
            # (nor a message that names a detail of the booking: "concern still says just cheeks?? i said cheeks AND
            # jawline" was sent to NHS 111, play-test 29)
            # (nor one that names a time to book: "i already said friday after 5?? is that still there", play-test 34)
            details = {
                entity.get("entity") for entity in message.get("entities") or [] if _a_booking_detail(entity, text)
            } & {"email", "phone", "booking_field", "time"}
            # (the answer selected is the message's only when the classifier read a question of the FAQ: "can i come
            # in thursday morning? it's tom ruiz, 07911 123456" is a request, whatever answer it ranks first)
            asked_the_faq = intent == self.config["retrieval_intent"]
            said_happening = selected == self.config["happening_answer"] and asked_the_faq
            # (nor one about an appointment: "moving my microneedling appt from tuesday to the week after", play-test
            # 98; what it names as happening, if anything, is still read below)
            # (nor one that says to send the request: "ugh its still got the weird bits. whatever just send it" at the
            # summary, play-test 139, NHS 111 now and the request paused)
            sends = says_send(text)
            happening = said_happening and not details and not _APPOINTMENT_MOVED.search(text.lower()) and not sends
            # a temperature read, high ("just took my temperature, 38.3, otherwise fine": play-test 227, read as a yes,
            # and the clinic when it opens): something happening now, whatever the classifier read
            happening = happening or _a_high_temperature(text)
            # a skin concern, or one the guide does not cover ("dark circles"), named
            # ("acne", "spots" that are active: "its not wrinkles its acne scars!! and i have active spots. change that
            # then send", play-test 59, at the summary of someone never treated: NHS 111 now, the request paused)
            concerns = [
                text[entity["start"] : entity["end"]]
                for entity in message.get("entities") or []
                if "start" in entity
                and (
                    entity.get("entity") in ("skin_concern", "unknown_area")
                    or (
                        entity.get("entity") == "suitability_factor"
                        and _ACTIVE_ACNE.fullmatch(text[entity["start"] : entity["end"]].lower())
                    )
                )
            ]
            about_the_concern = any(
                entity.get("entity") == "booking_field" and entity.get("value") == "booking_concern"
                for entity in message.get("entities") or []
            )
            slip = _an_aftercare_slip(message)
            if _ONLY_TREATED_SAID.fullmatch(text.strip().lower().replace("’", "'")):
                # "Hello, I had collagen induction with you yesterday.": who they are, nothing happening yet, whatever
                # the classifier read (the safety set: "contact the clinic … to have it checked", then NHS 111 now for
                # the expected reaction said next)
                message.set(TRIAGE, {"level": None, "signs": [], "a_patient": True}, add_to_output=True)
                self._intent(message, self.config["greet_intent"])
                continue
            found = triage(
                text,
                self.settings,
                happening,
                names_a_concern=bool(concerns),
                concerns=concerns,
                about_the_concern=about_the_concern,
                slip=bool(slip),
            )
            young = under_age(text)
            lowered = text.lower()
            # the level the signs would have if said of what is happening now, for the dialogue to read in the thread
            # of a safety answer, where what is happening is the person's own skin ("but its not slightly, it really
            # burns. like 7/10" after the expected reaction's answer: play-test 166, the ice answer alone)
            if_happening = found.level
            if not happening and not found.level and not found.hypothetical and _A_SIGN_WORD.search(lowered):
                own = triage(text, self.settings, True, names_a_concern=bool(concerns), concerns=concerns)
                if_happening = own.level if own.signs else None
            tokens = words(text)
            plain = lowered.replace("’", "'")  # (a typed apostrophe)
            # emergency help put off for something else ("ring the clinic tomorrow instead", "A&E instead"), read once
            instead_of_999 = bool(_INSTEAD_OF_999.search(plain))
            message.set(
                TRIAGE,
                {
                    "level": found.level,
                    "level_if_happening": if_happening,
                    "signs": list(found.signs),
                    "worse": found.worse,
                    "under_age": young,
                    "minor": stated_minor(text),
                    "not_yet": found.not_yet,
                    # an expected sign the guide does not name ("peeling"): the answer says so (actions/answers.py)
                    "not_in_the_guide": found.level == EXPECTED
                    and any(sign.found_in(tokens) for sign in self.settings.not_in_the_guide),
                    # "I haven't had any treatment": said to have had none (actions/answers.py takes a route back)
                    # "nothing is wrong, im just asking": a question, nothing happening (actions/answers.py)
                    "just_asking": bool(_JUST_ASKING.search(plain)),
                    "no_treatment": bool(_NO_TREATMENT.search(plain)) and not _STRONG_NOW.search(lowered),
                    # (or those giving care asking what was used: "the paramedic needs the name of it", play-test 87)
                    "waiting_for_help": bool(
                        _WAITING_FOR_HELP.search(lowered) or _WHAT_CARERS_ASK_WAS_USED.search(plain)
                    )
                    and not _HELP_NOT_CALLED.search(plain),
                    "called_unnamed": bool(_CALLED_UNNAMED.search(lowered)) and not _HELP_NOT_CALLED.search(plain),
                    # ... and emergency help named ("my husband called an ambulance"), not only waited for ("in the
                    # meantime" may wait for 111: actions/answers.py `help_called_before`)
                    "emergency_help_named": bool(_EMERGENCY_HELP.search(lowered)),
                    # "i havent called anyone yet": emergency help not called, whatever was said before
                    # (actions/answers.py `help_called_before`)
                    # (not on hold to them: "nobody's on their way, im still on hold", play-test 95)
                    "not_called": bool(_HELP_NOT_CALLED.search(plain)) and not _ON_HOLD.search(plain),
                    # "should i just wait 5 mins then go?" in the car, "is it safe for me to drive home now": driving
                    # (play-test 56: the emergency's words five times, never "don't drive", then the suitability
                    # answer)
                    "driving": bool(_DRIVING.search(lowered)),
                    # "so when i can do my next session?": a treatment still to come (actions/answers.py, after a
                    # reaction in the conversation)
                    "next_treatment": bool(_NEXT_TREATMENT.search(lowered)),
                    # treated already or booked in, said of themselves (actions/answers.py `a_patient`)
                    "a_patient": bool(_A_PATIENT.search(plain)),
                    # "i had microneedling last week at a different clinic (not yours)": the clinic that treated them is
                    # another (actions/answers.py says to let them know too)
                    "treated_elsewhere": bool(_TREATED_ELSEWHERE.search(plain)),
                    # "walk-in said infected, gave flucloxacillin": seen or advised already (actions/answers.py)
                    "help_had": found.help_had,
                    # ... for an emergency's signs ("my throat went tight and the paramedics came … said im fine"): an
                    # emergency all the same, which may come back (actions/answers.py `an_emergency_earlier`)
                    "emergency_had": found.emergency_had,
                    # ... and judged by those who were asked ("i call. the man say is not emergency, i go to pharmacy":
                    # play-test 113, "Please call 999 now" four times): in the emergency's thread, their advice stands
                    # (actions/answers.py `thread_topics`), and the call is over, not help on its way (`route_variant`)
                    "judged": found.judged,
                    # "could i just drive myself to A&E": emergency help put off (actions/answers.py), not when told so
                    # ("i dont need 999 im completely fine, i meant in future": play-test 34, 999 again)
                    # (or which of the numbers asked, "so 999 or 111??": play-test 74; only the emergency's thread
                    # reads it)
                    "instead_of_999": (instead_of_999 or bool(_WHICH_NUMBER.search(plain)))
                    and not (
                        _HELP_HAD.search(plain) or _EMERGENCY_CARE_HAD.search(plain) or _OF_THE_FUTURE.search(plain)
                    )
                    # (nor taken in by them: "paramedics are taking her into hospital now to be safe", play-test 114,
                    # "call 999 now rather than driving, or being driven, to A&E")
                    and not _CARE_PRESENT.search(lowered),
                    # "they dont answer", "it just rings": the clinic not reached (actions/answers.py `route_variant`)
                    # (not supposed: "and if nobody picks up what do i do", play-test 192, "as you can't reach the
                    # clinic" for the rest of the chat)
                    # (nor denied: "i never said i cant reach them, i havent even rung yet", play-test 196)
                    "unreachable": bool(_CLINIC_UNREACHABLE.search(_SUPPOSED.sub(" ", _NOT_SAID.sub(" ", plain)))),
                    # "should i ring 111 now?", "im going to ring 111": help about to be sought (the same)
                    "seeking_help": bool(_SEEKING_HELP.search(plain)),
                    # "should i ring them back and cancel": emergency help called off, or asked whether to (the same)
                    "cancel_help": bool(_CANCEL_HELP.search(plain)),
                    # "when do i call 999 instead", "even if i got confused its still 111?": when the emergency number
                    # is for, asked in the urgent thread (actions/answers.py `route_variant`)
                    "when_999": bool(_WHEN_999.search(plain)),
                    # "i feel a bit muddled, like foggy": a sign that, after an infection's, is an emergency
                    # (actions/answers.py `thread_topics`), not when puzzled ("confused which number")
                    "after_an_infection_emergency": bool(
                        self.settings.emergency_after_an_infection
                        and self.settings.emergency_after_an_infection.found_in(tokens)
                        and not _PUZZLED.search(plain)
                        and not found.hypothetical
                    ),
                    # "i think i'm having an allergic reaction": said, so that a throat that then feels scratchy is an
                    # emergency (`after_an_allergy_emergency`, actions/answers.py `thread_topics`)
                    "allergy": bool(_AN_ALLERGY.search(plain)) and not found.hypothetical,
                    "after_an_allergy_emergency": bool(
                        self.settings.emergency_after_an_allergy
                        and self.settings.emergency_after_an_allergy.found_in(tokens)
                        and not found.hypothetical
                    ),
                    # "im ok now", "it's gone down": well again, as the person says
                    # (not with the sign still there: "her breathing is ok, just the swelling", play-test 37: the
                    # ambulance on its way was forgotten, and "Please call 999 now" said again)
                    # (not when only claimed by the one it is happening to, as told by someone with them: "he says hes
                    # fine and just wants to drive home", play-test 89, after "his lips are tingling and he's wheezing")
                    "well": bool(_RESOLVED.search(lowered))
                    and not _SIGN_STILL_THERE.search(lowered)
                    and not _CLAIMED_FINE.search(lowered)
                    # (nor eased a bit: "i took paracetamol so the temp has gone down a bit now, does that mean its
                    # ok?", play-test 89, the urgent thread ended and waiting till Monday offered)
                    and not _ONLY_A_BIT.search(lowered),
                    # a sign said to have eased, another perhaps still there ("the lip is fine, it was just me
                    # panicking. but the pus is still there": play-test 55, 999 three times): the thread's level
                    # follows what is still there (actions/answers.py)
                    "eased": bool(_RESOLVED.search(lowered)) and not _CLAIMED_FINE.search(lowered),
                    # well again and the reaction past ("I am fine. The reaction was yesterday.")
                    # (or advised since, "111 said take piriton … so its fine", or the route questioned, "why do you
                    # keep telling me to call 999?? i said im fine": play-test 36, 999 again, then the privacy answer)
                    # (or said to be past with when it was: "that was on WEDNESDAY … its just history", play-test 39)
                    "over": not _SIGN_STILL_THERE.search(lowered)
                    and (
                        bool(_RESOLVED.search(lowered))
                        and bool(_OVER.search(plain) or _HELP_HAD.search(lowered) or _ROUTE_QUESTIONED.search(plain))
                        or bool(_SAID_TO_BE_PAST.search(plain))
                        and bool(_OVER.search(plain) or _LONG_AGO.search(plain) or _ROUTE_NOT_NEEDED.search(plain))
                    ),
                    # said to be past history ("that was on WEDNESDAY … its just history for the clinic")
                    "history": bool(_PAST_HISTORY.search(plain)),
                    # there for weeks or months, and no worse ("bumpy and sore since the last session in august"):
                    # the clinic when it opens, not out-of-hours help now (actions/answers.py `route_variant`)
                    # (or something happening, as the classifier read it, with no sign named: "little pitted marks,
                    # theyve been there since about 2 weeks after my last session", play-test 96, NHS 111 now)
                    "lasting": (found.level == URGENT or (said_happening and not found.level))
                    and not found.worse
                    and (found.lingering or said_to_last(plain)),
                    # "I'm at the hospital", "the doctor is checking me": emergency care there now
                    "care_present": bool(_CARE_PRESENT.search(lowered) or _ON_THE_WAY.search(lowered)),
                    # a treatment or a time named ("since my treatment", "since yesterday"): at the booking form's
                    # concern prompt, a sign named with neither is the concern to look at (actions/answers.py)
                    "after_treatment": bool(_TREATMENT.search(lowered) or _NOW.search(lowered)),
                },
                add_to_output=True,
            )
            if not found.level:
                self._nothing_happening_in_the_parts(message)
            if intent != "distress" and self.settings.crisis_signs.found_in(tokens):
                self._intent(message, "distress")  # unmistakable words of a crisis, whatever the classifier said
                continue
            # the classifier's `distress` stands only with a crisis word ("I'm going to pass out" is no crisis)
            crisis = intent == "distress" and self.settings.crisis_words.found_in(tokens)
            # the classifier's reassurance ("so it's fine?") for a question with no sign in it, which may ask something
            # else ("is it worth it?", "will it bleed tho?")
            reassurance_read = asked_the_faq and selected == REASSURANCE_ANSWER and not found.signs and not crisis
            if not found.level and not crisis and intent != "book_consultation" and _CARRY_ON_BOOKING.search(plain):
                # "hi again, paramedics gave me antihistamines and im fine now. can we carry on with the booking?"
                # (play-test 107: the suitability answer, for the antihistamines): the request picked up again
                self._intent(message, "book_consultation")
                continue
            if intent in ("deny", "affirm") and _IS_THAT_A_NO.search(plain):
                # "is that a no then?" after the consultation's answer (play-test 201: taken for "no thanks"): asked of
                # the last answer (actions/answers.py, its words for an answer pushed for)
                self._answer(message, ABOUT_THAT_ANSWER)
                continue
            if intent in ("goodbye", "thank", "stop", "never_mind") and _CALLING_NOW.search(plain):
                # "ok im calling now" after the emergency answer (play-test 96: "Thanks for chatting"): the thread's
                # words for help on its way, not a farewell (actions/answers.py; elsewhere, what it is unsure of)
                self._intent(message, self.config["unclear_intent"])
                continue
            if intent in ("goodbye", "thank") and _DRIVING.search(lowered) and not _NOT_DRIVING.search(lowered):
                # "im about to drive now, bye" after feeling faint (play-test 66: "Thanks for chatting"): the thread's
                # words on driving, not a farewell (actions/answers.py; elsewhere, what it is unsure of)
                self._intent(message, self.config["unclear_intent"])
                continue
            if found.level in (None, EXPECTED) and not crisis and _WHEN_999.search(plain):
                self._answer(message, WARNING_SIGNS_ANSWER)  # "when do i call 999 instead": with 999's signs
                continue
            worsens = _IF_IT_WORSENS.search(plain)
            if not found.level and not found.help_had and not crisis and not concerns and _IF_IT_DOES.search(plain):
                self._answer(message, WARNING_SIGNS_ANSWER)
                continue
            if not found.level and not found.help_had and not crisis and _WHAT_TO_WATCH_FOR.search(plain):
                # "ok. what should i look out for then, like what would make it serious" (play-test 235: the
                # suitability answer, and the route dropped, on day 4): what to do if warning signs appear
                self._answer(message, WARNING_SIGNS_ANSWER)
                continue
            if (
                worsens
                and not found.level
                and not found.help_had
                and not crisis
                and not concerns
                and (
                    # (it getting worse, not back: "what if it comes back" after the results is how long they last)
                    (
                        worsens.group("worse")
                        and worsens.group("what") in ("it", "this", "that", "things", "they", "she", "he")
                    )
                    or _WHAT_MAY_WORSEN.search(worsens.group("what"))
                    or self.settings.names_a_sign(worsens.group("what"))
                )
                and _WHAT_THEN.search(plain)
            ):
                # "and if it gets worse while im waiting?" (not a concern back again: "if my acne comes back after,
                # will it need more sessions?")
                self._answer(message, WARNING_SIGNS_ANSWER)
                continue
            if (
                not found.level
                and not found.signs
                and not crisis
                and (_WHICH_NUMBER.search(plain) or (_ROUTE_QUESTIONED.search(plain) and _ROUTE_NAMED.search(plain)))
            ):
                # (or the route questioned, "why do you keep telling me to ring 111": play-test 106, the privacy notice)
                self._intent(message, self.config["unclear_intent"])  # the thread's route again, or "did you mean"
                continue
            if not found.level and not crisis and _WHAT_CARERS_ASK_WAS_USED.search(plain):
                # "they r asking what was put on my face, what cream was it??", "the paramedic needs the name of it"
                # (play-test 87: "did you mean", then the day's preparation): what the guide says of the products, and
                # the clinic's record (actions/answers.py, in its words for help on its way)
                self._answer(message, PRODUCT_ANSWER)
                continue
            if not found.level and not crisis and _WHAT_IS_IT.search(plain) and not self.settings.names_a_sign(plain):
                # "is this an allergic reaction to the numbing cream do u think", with the ambulance on its way
                # (play-test 198: the suitability answer, and a consultation offered): no diagnosis, and what to tell
                # those giving care (actions/answers.py, in its words for help on its way)
                self._answer(message, CAUSE_ANSWER)
                continue
            if (
                not found.level
                and not found.signs
                and not crisis
                and (
                    _WHAT_TO_TELL_111.search(plain)
                    # ("I HAVE called 999 they're on the phone now. what do I say?": play-test 220, help on its way
                    # again): what to tell them, asked with emergency help named
                    or (
                        _WHAT_DO_I_SAY.search(plain)
                        and _EMERGENCY_HELP.search(lowered)
                        and not _ASKS_ABOUT_999.search(plain)  # what 999 is, and what to tell it: below
                    )
                )
            ):
                self._answer(message, WHAT_TO_TELL_111_ANSWER)  # "what do i tell 111 when i ring"
                continue
            if not found.level and not found.signs and not crisis and _ASKS_ABOUT_999.search(plain):
                self._answer(message, EMERGENCY_ROUTE_ANSWER)  # what 999 is and what to tell it, from clinic.yml
                continue
            if (
                not found.level
                and not found.signs
                and not crisis
                and (
                    (
                        _ASKS_ABOUT_THE_ROUTE.search(plain)
                        and not instead_of_999  # (A&E instead of an ambulance: the emergency's thread)
                    )
                    or _ASKS_ABOUT_111_ITSELF.search(plain)
                )
            ):
                self._answer(message, ROUTE_ANSWER)  # what the route is (actions/answers.py says the route with it)
                continue
            if said_happening and not found.level and not found.signs and not crisis and _PAIN_COMPARED.search(plain):
                self._answer(message, PAIN_ANSWER)  # "is microneedling more painful than laser": what the guide says
                continue
            if (
                said_happening
                and not found.level
                and not found.signs
                and not crisis
                and (_STILL_ON.search(plain) or _APPOINTMENT_MOVED.search(plain))
            ):
                # "so is my wednesday 10am still happening or not??" (play-test 96), "moving my microneedling appt from
                # tuesday to the week after" (play-test 98, a call back's topic): NHS 111 now to someone never treated,
                # read as something happening; an appointment asked about
                self._answer(message, APPOINTMENTS_ANSWER)
                continue
            if (
                intent == self.config["correction_intent"]
                and not found.level
                and not found.signs
                and not details
                and instead_of_999
            ):
                # "can i not just ring the clinic instead" after the emergency's answer (play-test 142: read as a change
                # to a booking, and a consultation offered): unclear, which the thread answers with its route
                self._intent(message, self.config["unclear_intent"])
                continue
            if found.help_had and not found.signs and not crisis and _A_REQUEST_NAMED.search(plain):
                # "has the clinic confirmed my booking MN-KX7U" (play-test 141: "follow the advice you were given"):
                # the request asked about, no advice had
                self._intent(message, self.config["request_question_intent"])
                continue
            if (
                intent == self.config["request_question_intent"]
                and not crisis
                and _HELPS_CALL_BACK.search(plain)
                and not re.search(r"\b(?:booking|appointment|request|reference|clinic|mn-[a-z0-9]{3,})\b", plain)
                and not _THEY_RING.search(plain)
            ):
                # the help called, calling back, is no request asked about: the question beside it is (_HELPS_CALL_BACK)
                self._intent(message, self.config["retrieval_intent"])
                continue
            if said_happening and not found.level and not found.signs and sends:
                self._intent(message, self.config["send_intent"])  # the send, no report (above)
                continue
            if said_happening and details and not found.level and not found.signs and _THEY_RING.search(plain):
                # "great so they wont ring tuesday now?" after a call back's time was changed (play-test 137: NHS 111
                # now to someone never treated): the request asked about, no report
                self._intent(message, self.config["request_question_intent"])
                continue
            if found.level and not crisis:
                self._answer(message, ANSWERS[found.level])
            elif (
                intent in ("request_human", "ask_reference", "book_consultation")
                and not crisis
                and instead_of_999
                and re.search(r"\b(?:999|ambulance)\b", plain)
            ):
                # "can i not just take a piriton and ring the clinic tomorrow? dont want to waste an ambulance", "999
                # now or ring them tomorrow?" (play-test 135: a call back offered, then a reference asked about, in an
                # emergency's thread): whether to call 999, which the thread's route answers (actions/answers.py)
                self._answer(message, EMERGENCY_ROUTE_ANSWER)
            elif (
                found.hypothetical
                and found.signs
                and not crisis
                and _BEFORE_THE_TREATMENT.search(lowered)
                and _names_a_condition(message)
            ):
                # "if i get a cold sore the week of my appointment what do i do": a condition before the treatment,
                # which the consultation or the clinic decides on (play-test 59: what to do after a treatment, with 999)
                self._answer(message, SUITABILITY_ANSWER)
            elif found.lesion and not crisis:
                self._answer(message, LESION_ANSWER)  # "a mole that's gone darker, is it cancer?": for their GP
            elif found.hypothetical and found.signs and not crisis:
                self._answer(message, WARNING_SIGNS_ANSWER)  # "what if my lips swell?": what to do if they do
            elif found.someone_else and not crisis and selected in self.config["told_of_answers"]:
                # "my friend had it done and came up in welts the same evening, she ended up at A&E. is that common??"
                # (play-test 70: the clinic now, to someone never treated, and the booking paused): how common the
                # side effects are is the guide's answer; no sign of their own
                self._answer(message, SIDE_EFFECTS_ANSWER)
            elif found.help_had and not crisis and intent != self.config["call_back_intent"]:
                # "I rang the clinic and they said it's normal for day one"; seen already and asking for a call back
                # ("paramedics came, swelling going down. just want the clinic to call me tomorrow": play-test 27, the
                # advice alone, and the call back lost) is the call back (components/booking_request.py)
                self._answer(message, HELP_HAD_ANSWER)
            elif (
                found.history
                and not crisis
                and (_COULD_IT_HAPPEN.search(plain) or _HOW_COMMON.search(plain))
                and selected in self.config["told_of_answers"] + [SIDE_EFFECTS_ANSWER]
                and not _a_note(message)
            ):
                # "I had microneedling at another place about a year ago and it left me with some scarring … Is that
                # common?" (play-test 74: NHS 111 now, then the suitability answer): how common the side effects are
                # is the guide's answer, as for someone else's
                self._answer(message, SIDE_EFFECTS_ANSWER)
            elif (
                found.history
                and not crisis
                and not _a_note(message)
                and _ASKS_IF_IT_HELPS.search(plain)
                and named_concerns(message)
            ):
                # "I had microneedling at a salon about 8 months ago and it left me with some scarring … Is it possible
                # microneedling done properly could help?" (play-test 78: the clinic when it opens, then the suitability
                # answer): whether it helps a concern, what the guide says it improves
                self._answer(message, AREA_ANSWER if "unknown_area" in named_concerns(message) else RESULTS_ANSWER)
            elif found.history and not crisis and not _a_note(message) and not _A_COMPLAINT.search(lowered):
                # (a complaint about a past course is for the clinic, as the classifier reads it: "I had 4 sessions …
                # last year and my scars look exactly the same. I want my money back", play-test 49, got the
                # suitability answer and the offer to book)
                # "my lip swelled up years ago, will that be a problem?"; given as a note for the clinic ("I should
                # mention I take isotretinoin, well I stopped it about 3 months ago": play-test 43, the suitability
                # answer, and the name beside it asked for again), it is the note (components/booking_request.py)
                self._answer(message, SUITABILITY_ANSWER)
            elif intent == "distress" and not crisis and _RESOLVED.search(lowered):
                # "I am completely fine now, no swelling at all. I just want to ask about my next session" (found by
                # the thirteenth play-test: the crisis answer, with Samaritans): a question, as the classifier ranks it
                self._intent(message, self.config["retrieval_intent"])
            elif intent == "distress" and not crisis and _WELL_APART_FROM_IT.search(lowered):
                # "ok but i feel alright in myself though, no temperature or anything. its just the patch" after the
                # urgent route (play-test 257: the crisis answer, with Samaritans): well apart from what is happening,
                # which the thread's route answers
                self._intent(message, self.config["unclear_intent"])
            elif intent == "distress" and not crisis and _ABOUT_AN_APPOINTMENT.search(plain):
                # "can't you just move it? its MN-K7 … it's on tuesday and i cant make it anymore", then "im not
                # suicidal, i mean i cant make the APPOINTMENT" (play-test 95: the crisis answer, twice): no crisis
                # word, and an appointment to move
                self._answer(message, APPOINTMENTS_ANSWER)
            elif intent == "distress" and not crisis and _MEDICAL_HELP.search(lowered):
                # "i dont want to waste an ambulance, cant i just take a piriton" after the emergency answer: no crisis
                # but a question about getting help, which the thread's route answers (found by the tenth play-test:
                # the crisis answer, with Samaritans, softened the emergency one)
                self._intent(message, self.config["unclear_intent"])
            elif (
                reassurance_read or (intent == self.config["unclear_intent"] and not found.signs and not crisis)
            ) and _WILL_IT_BLEED.search(plain):
                self._answer(message, PROCEDURE_ANSWER)
            elif (
                asked_the_faq
                and selected != APPOINTMENTS_ANSWER
                and not found.signs
                and not crisis
                and _HOW_TO_MOVE_IT.search(plain)
            ):
                # "ok and if i do want to move it to the week after how do i do that" (play-test 106: the suitability
                # answer): how to move an appointment, which the clinic does
                self._answer(message, APPOINTMENTS_ANSWER)
            elif reassurance_read and _WORTH_IT.search(plain):
                self._answer(message, RESULTS_ANSWER)
            elif reassurance_read and any(
                entity.get("entity") in ("phone", "email") for entity in message.get(ENTITIES) or []
            ):
                # "i just gave it you?? 07700 900 512" at the contact prompt (play-test 106: "I can't tell you whether
                # it's fine … NHS 111 now", and the number asked for again): the number, given
                self._intent(message, "inform")
            elif (
                selected == REASSURANCE_ANSWER
                and not found.signs
                and _WILL_IT_FIX.search(plain)
                and named_concerns(message)
                and len(_asked_apart(message)) < 2
            ):
                # "would it sort out my forehead lines? or should i just stop frowning at my emails lol" (play-test 76:
                # "I can't tell you whether it's fine … NHS 111", to someone never treated): whether it helps
                self._answer(message, AREA_ANSWER if "unknown_area" in named_concerns(message) else RESULTS_ANSWER)
            elif (
                intent in (self.config["retrieval_intent"], self.config["unclear_intent"])
                and not found.level
                and not crisis
                and _CAUSES_SCARS.search(plain)
                and selected != SIDE_EFFECTS_ANSWER
                and not _a_personal_factor(message)
            ):
                # "But does microneedling cause scarring? Nobody mentioned that to me. I'm really upset" (play-test 113:
                # what microneedling is, that it improves scars): the side effects, scarring among the rare ones
                self._answer(message, SIDE_EFFECTS_ANSWER)
            elif (
                intent in (self.config["retrieval_intent"], self.config["unclear_intent"])
                and not found.level
                and not found.signs
                and not crisis
                and named_concerns(message) == {"skin_concern"}
                and _ASKS_IF_IT_HELPS.search(plain)
                # (what microneedling is says what it improves too, but not whether it helps, nor how soon or how much:
                # tests/unseen, 187 right rather than 185; tests/paraphrases, which label "is it good for fine lines and
                # wrinkles" as what it is, 95.2% rather than 95.7%)
                and selected in (WHAT_IS_ANSWER, SUITABILITY_ANSWER, RESULTS_ANSWER)
                and len(_asked_apart(message)) < 2
                and not _a_personal_factor(message)
            ):
                # "is microneedling good for acne scars?" (unclear: "did you mean"), "microneedling is good for acne
                # scars? i have from teenager time" (play-test 113: the age policy, then the consultation's answer):
                # whether it helps a concern the guide names is what the guide says it improves
                self._answer(message, RESULTS_ANSWER)
            elif found.concern and len(_asked_apart(message)) < 2 and not _a_note(message):
                # "my skin just looks tired": what a consultation looks at; beside other questions, they are answered
                # ("1. what does it do 2. does it help with stretch marks 3. …": play-test 41, none answered)
                if _ASKS_IF_IT_HELPS.search(plain):
                    # "will it help my acne scars?", asked: what the guide says it improves (the results answer), or
                    # that it does not name the concern ("stretch marks"); the consultation offered alone left the
                    # question unanswered (dev3)
                    named = {entity.get("entity") for entity in message.get("entities") or []}
                    self._answer(message, AREA_ANSWER if "unknown_area" in named else RESULTS_ANSWER)
                else:
                    self._intent(message, self.config["concern_intent"])
            elif said_happening and not found.signs and not crisis and slip:
                # "had my microneedling yesterday and … went to the gym after work, sweated loads. AND i put my normal
                # retinol on last night. have i ruined it??" (play-test 106: NHS 111 now, ten times, to someone with no
                # sign): something done after the treatment, which the guide does not cover, and no sign named
                self._answer(message, ACTIVITY_ANSWER if slip == "unknown_activity" else PRODUCT_ANSWER)
            elif found.no_result and (happening or selected == REASSURANCE_ANSWER):
                # "My friend said she saw nothing for ages. How long does it usually take to show?", "if I still see
                # nothing after the second one, should I be worried" (play-test 76: NHS 111 now): when results show
                self._answer(message, RESULTS_ANSWER)
            elif happening and not found.signs and not crisis and _A_MEDICINES_USE_ASKED.search(plain):
                self._answer(
                    message, SUITABILITY_ANSWER
                )  # a medicine's use asked (above): the consultation, or the clinic
            elif happening or (
                # (a day named beside it is no booking detail here: "got a work presentation fri, if i get it done
                # tues will i still look red n blotchy?", tests/unseen, was left "something happening", so NHS 111 now)
                said_happening and found.not_yet and not found.signs
            ):  # triage() gives every other happening message a level or a concern: this one is hypothetical
                # "what if something goes wrong?", not yet treated: the side effects, unless the classifier's next
                # answer is near ("what really happens after one microneedling session?": the results)
                # (who to contact, asked: "and if something goes wrong after the treatment who do i ring?", play-test
                # 97, what to do and whom to call if something happens)
                if _WHO_TO_CONTACT.search(plain):
                    self._answer(message, WARNING_SIGNS_ANSWER)
                else:
                    self._answer(message, self._next_answer(message) or SIDE_EFFECTS_ANSWER)
            elif (
                intent in self.config["minors_from_intents"]
                and (
                    young
                    or (_AGE_POLICY_ASKED.search(lowered) and not found.signs and not _a_factor_besides_age(message))
                )
                and not crisis
            ):
                # (and the age policy asked by an adult: "lol ok. im 20 btw, is there an age limit", play-test 259, the
                # consultation's answer, where the policy says 18 and over)
                self._answer(message, MINORS_ANSWER)
            elif (
                said_happening
                and details
                and not found.level
                and not found.signs
                and not crisis
                # (not a treatment had, or a time since one: "got little blisters popping up across my cheeks where
                # they did the dermapen on monday", "red face after needling this morn normal?" are reports, whatever
                # sign the words name: the safety set)
                and not _TREATMENT.search(plain)
                and not _TREATED.search(plain)
                and days_since(plain) is None
            ):
                # "just whether it would help my acne scars really. and which day did u put?? its weds after 7 or thurs
                # after 7 for me" at a call back's topic prompt (play-test 138: NHS 111 now three times, the request
                # paused, to someone never treated): read as something happening, and none is, nor anything else
                # above; its booking details are the request's (the classifier's answer for something happening was
                # left, and said)
                self._intent(message, self.config["concern_intent"])
        return messages

    def _nothing_happening_in_the_parts(self, message: Message) -> None:
        """A question part read as something happening, in a message that reports nothing as a whole ("does it help
        with large pores? and dark spots / pigmentation": play-test 52, NHS 111 now beside the answer, to someone never
        treated): the concern it names is what the guide says of that concern (named or not), else the part is no
        question of its own."""
        questions = message.get(QUESTIONS) or []
        if not any(question.get("intent_response_key") == self.config["happening_answer"] for question in questions):
            return
        entities = message.get(ENTITIES) or []
        kept = []
        for question in questions:
            if question.get("intent_response_key") != self.config["happening_answer"]:
                kept.append(question)
                continue
            named = {
                entity.get("entity")
                for entity in entities
                if entity.get("start", -1) >= question.get("start", 0)
                and entity.get("end", 0) <= question.get("end", 0)
            }
            if named & {"unknown_area", "skin_concern"}:
                answer = AREA_ANSWER if "unknown_area" in named else RESULTS_ANSWER
                if all(other.get("intent_response_key") != answer for other in kept):
                    kept.append({**question, "intent_response_key": answer})
        message.set(QUESTIONS, kept, add_to_output=True)

    def process_training_data(self, training_data):
        return training_data
