"""Words that several parsers share: the booking form's (core/booking.py), the NLU's entity extractor
(components/entities.py) and the safety triage (components/triage.py).

Each parser builds its own patterns from these lists; where a parser reads a word its own way (a
weekday written "tues" or "weds", "sat" only before a time) it keeps its own pattern beside them.
"""

import re
from typing import Iterable, List, Tuple

# Monday = 0, as `datetime.weekday()` counts
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# weekdays as people misspell them ("wensday morning": play-test 251, put down for today), and the day each means
WEEKDAY_MISSPELLINGS = {
    "mondy": "monday",
    "monady": "monday",
    "tusday": "tuesday",
    "teusday": "tuesday",
    "tuseday": "tuesday",
    "tueday": "tuesday",
    "wensday": "wednesday",
    "wendsday": "wednesday",
    "wednsday": "wednesday",
    "wedensday": "wednesday",
    "wednesay": "wednesday",
    "wedsday": "wednesday",
    "thrusday": "thursday",
    "thursay": "thursday",
    "thurday": "thursday",
    "thirsday": "thursday",
    "firday": "friday",
    "fridy": "friday",
    "satuday": "saturday",
    "saterday": "saturday",
    "saturaday": "saturday",
    "sundy": "sunday",
}
WEEKDAY_ABBREVIATIONS = tuple(day[:3] for day in WEEKDAYS)  # "mon" … "sun"

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# as people shorten them: "sept" as well as "sep"
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

# what comes before a name: "my name is Ana Lima", "call me Jo" (each parser adds its own)
NAME_IS = (
    "my name is",
    "my name's",
    "name is",
    "name's",
    "names",
    "name:",
    "call me",
    "i'm called",
    "i am called",
    # the same in the languages people most often write in here ("Je m'appelle Élodie Marchand" at the name prompt got
    # the reply that the assistant answers in English, and the name asked again: play-test 33)
    "je m'appelle",
    "mon nom est",
    "me llamo",
    "mi nombre es",
    "mi chiamo",
    "il mio nome è",
    "ich heiße",
    "ich heisse",
    "mein name ist",
    "meu nome é",
    "nazywam się",
)
# how a person introduces themselves: "i'm Priya", "this is Ana Lima"
SELF_INTRODUCTIONS = ("i am", "i'm", "im", "it's", "its", "this is")

# a whole phone number's least digits after the country code; fewer may be only part of a number
# (or a time, or a date)
MIN_NUMBER_DIGITS = 9

# what a number counts when it is no clock time ("5-6 weeks pregnant", "2-3 days after", "3-4 sessions"), as a regular
# expression for after the number (core/booking.py, components/entities.py)
HOW_MANY_OF = (
    r"(?:weeks?|wks?|days?|months?|mths?|years?|yrs?|yo|hours?|hrs?|minutes?|mins?|sessions?|treatments?|times|goes|"
    r"x|mm|cm|kg|lbs?|stone|pounds|quid|percent|%)(?!\w)"
)

# words that say what follows is not meant ("11 not 10:30", "the morning rather than the afternoon")
# "any day except monday"; "never a tuesday, that's her dialysis day" (play-test 40: Tuesday was put down)
NOT_MEANT = ("not", "never", "rather than", "instead of", "except", "apart from", "other than")

# who a request is for, before a name ("it's for Sophie", "the appointment is for her, Margaret O'Brien"), as a regular
# expression (case-sensitive: the name that follows is capitalised): the name is the person to be seen
# (components/entities.py), and the message gives a detail (components/booking_request.py)
FOR_WHOM = (
    r"\b(?:[Ii]t'?s|[Ii]ts|[Ii]t is|[Tt]his is|"
    r"(?:[Tt]he |[Mm]y |[Tt]his )?(?:appointment|booking|consultation|request) is) for (?:(?:her|him|them),?\s+)?"
)

# titles before a name ("Mrs Ellis", "Dr. Hamid Qureshi"), as a regular expression's alternatives: the form drops one
# standing apart (core/booking.py), and "drop the Mr" takes it out of the name (actions/booking_summary.py)
TITLES = r"(?:mrs|mr|ms|miss|mx|dr)"

# words that take a detail out ("remove the gmail", "leave off my number")
# ("scrap the phone, only email please": play-test 32, both were cleared)
REMOVING = ("remove", "delete", "drop", "take off", "take out", "get rid of", "leave off", "without", "scrap", "ditch")


# how far a time moves ("push it an hour later", "bring it forward half an hour", "30 mins earlier"), and which way:
# a correction to the time said before (components/entities.py finds it, core/booking.py moves the time)
SHIFT_AMOUNT = (
    r"(?:(?:an?|one)\s+hour\s+and\s+a\s+half|half\s+an?\s+hour|(?:a\s+)?quarter\s+of\s+an\s+hour|"
    r"(?:a\s+)?couple\s+(?:of\s+)?hours|(?:an?|one|two|three|\d)\s+hours?|"
    r"(?:\d{1,2}|fifteen|twenty|thirty|forty[- ]?five)\s+min(?:ute)?s?)"
)
TIME_SHIFT = (
    rf"\b(?:(?:back|forward|later|earlier)\s+(?:by\s+)?{SHIFT_AMOUNT}|{SHIFT_AMOUNT}\s+"
    r"(?:later|earlier|sooner|back|forward))\b"
)


def alternatives(words: Iterable[str]) -> str:
    """The words as a regular expression's alternatives (a|b|c), each matched literally."""
    return "|".join(re.escape(word) for word in words)


# any of REMOVING in a message, as the booking form and the NLU's correction reading both look for it
REMOVES = re.compile(
    rf"\b(?:{alternatives(REMOVING)})\b|"
    # ("actually just take my phone number off completely": play-test 202, the request cancelled and a deletion offered)
    r"\btake\s+(?:my|the|that|her|his)\s+(?:\w+\s+){0,3}?(?:off|out)\b",
    re.IGNORECASE,
)

# who the person to be seen may be to the person booking ("for my daughter Ella", "it's for my son"): a request
# for someone else (components/entities.py reads the name after it, actions/booking_form.py keeps that name)
RELATIVES = (
    "daughter",
    "son",
    "wife",
    "husband",
    "partner",
    "friend",
    "mum",
    "mom",
    "mother",
    "dad",
    "father",
    "sister",
    "brother",
    "niece",
    "nephew",
    "child",
    "kid",
    "girlfriend",
    "boyfriend",
    "fiance",
    "fiancee",
    "grandson",
    "granddaughter",
    "stepdaughter",
    "stepson",
    "teenager",
    "cousin",
    "aunt",
    "uncle",
)


# the whole of a request's note for the clinic, as the entity `removed` names it when the note is said to go ("take
# that weird note out", "remove the note": play-test 49, the note stayed, or the request was cancelled)
WHOLE_NOTE = ("note", "notes")

# a phone call wanted rather than emails, of a request's contact ("id rather they call me than email", "ring me, not
# email"): how to be reached, not a call back asked for (play-test 49 made the consultation a call back)
CALLED_NOT_EMAILED = (
    r"\b(?:call|ring|phone|text)\w*\b[^.?!]{0,20}?\b(?:rather than|instead of|than|not|over|don'?t|do not|no)\s+"
    r"(?:by\s+|an?\s+)?"
    r"e-?mail\w*\b|\b(?:by|on the)\s+phone\s+(?:not|rather than|instead of)\s+(?:by\s+)?e-?mail\b|"
    # ("actually can you call me instead, id rather not give my email": play-test 106, made a call back)
    r"\b(?:call|ring|phone|text)\w*\s+(?:me|us)\b[^.?!]{0,30}?\b(?:rather not|don'?t want to|do not want to|"
    r"prefer not to|won'?t)\s+(?:give|share|use|put)\s+(?:you\s+|out\s+)?(?:my\s+|an?\s+)?e-?mail\w*\b"
)

# "tomorrow" as people type it ("tomorow after 5 is best": play-test 156, the day dropped), as a regular expression
TOMORROW = r"(?:tomorrow|tmrw|tmr|tmrow|tomoz|tommorow|tomorow|tommorrow|tomorro|2moro|2morrow)"


# a call back said not to be wanted ("I don't want a phone call", "not a call back", "rather than a call"), as a
# regular expression: the request is a consultation (actions/booking_form.py), and a "no" naming a call back this way
# asks for none (components/booking_request.py). Not "don't call me before 5pm", which says when to call.
NO_CALL = (
    # (not a date's: "13 Nov was the TREATMENT date, not the call", play-test 40 made the call back a consultation)
    r"(?<!date, )(?<!date )(?<!day, )(?<!day )"
    r"\b(?:not|no|don'?t want|dont want|do not want|instead of|rather than|without)\s+(?:a\s+|the\s+|any\s+)?"
    # (not calls on one number: "take the mobile off please, i dont want calls on it", play-test 37 made the call back a
    # consultation)
    r"(?:phone\s+)?(?:call|ring)(?!s?\s+(?:on|to)\s+(?:it|that|this|my|the|his|her)\b)"
    # (not "actually no ring me", "no, call me": a call asked for after a no to something else, play-test 105 made the
    # call back a consultation)
    r"(?!\s+(?:me|us|her|him)\b)"
)


# a question asking how long, or how soon ("how long is the consultation?", "how many minutes does the cream take?"):
# an answer that gives no time says first that the guide gives none (actions/answers.py GIVES_NO_TIME)
ASKS_HOW_LONG = re.compile(
    r"\bhow\s+(?:long|soon|quickly|fast)\b|\bhow\s+many\s+(?:more\s+)?(?:minutes|mins|hours|hrs|days|weeks|months)\b|"
    # ("when can I go out in the sun", "is there a number of days or weeks?": play-test 231, the aftercare answer as
    # if it gave a time)
    r"\bwhen\s+(?:can|could|should|do|will|may)\s+i\b|\bnumber\s+of\s+(?:days|weeks|months|hours)\b",
    re.IGNORECASE,
)

# a question about how long something lasts ("and how long does it last?", "is it permanent?")
ASKS_HOW_LONG_IT_LASTS = re.compile(r"\b(?:last|lasts|lasting|permanent|wear\s+off|wears\s+off)\b", re.IGNORECASE)

# a question about getting to or into the clinic ("is it step free?", "is there parking?", "where can I leave a
# pushchair?", "nearest tube?"): the clinic's details give its address and hours, not these (actions/answers.py)
ASKS_ABOUT_ACCESS = re.compile(
    r"\b(?:park(?:ing)?|car\s*park|wheel\s*chairs?|step[- ]?free|steps|stairs|lifts?|elevators?|ramps?|disabled|"
    r"disabilit(?:y|ies)|access(?:ible|ibility)?|pushchairs?|push\s*chairs?|buggy|buggies|prams?|strollers?|"
    r"toilets?|loos?|baby\s*chang\w*|wi-?fi|tube|underground|station|bus(?:es)?|trains?)\b",
    re.IGNORECASE,
)

# what something costs, or whether it is free, asked ("is the consultation free?", "do i have to pay for the consult")
ASKS_WHAT_IT_COSTS = re.compile(
    # ("free" as what it costs, not "feel free", "free to bring someone")
    # ("is the consultation at least free": play-test 162, what a consultation is)
    r"\b(?:(?:is|it'?s|its|be|for|totally|completely)\s+(?:\w+\s+){0,4}free\b(?!\s+to\b)|free of charge|"
    # (not how much of something else: "how much downtime is there?", play-test 249, "I can't tell you what it costs")
    r"free consult\w*|cost|costs|costing|pay|paying|paid|charge|charged|charges|price|priced|fee|fees|"
    r"how much(?!\s+(?:downtime|down time|time|pain|redness|swelling|peeling|difference|improvement|longer|better|"
    r"worse|of|does it hurt|will it hurt|sun|notice|recovery|healing|skin|collagen|red)\b))\b",
    re.IGNORECASE,
)
# bleeding asked about ("does it bleed?", "will there be blood"): the guide says nothing of it
ASKS_ABOUT_BLEEDING = re.compile(r"\b(?:bleed|bleeds|bleeding|blood|bloody)\b", re.IGNORECASE)
# what to bring asked about ("do i need to bring anything", "should she bring ID"): the guide says nothing of it
ASKS_WHAT_TO_BRING = re.compile(
    r"\b(?:bring|brings|bringing)\b(?!\s+(?:someone|somebody|a\s+(?:friend|partner|relative)|my\s+(?:mum|mom|"
    # ("ID" in capitals only: "id like to know" is no identity document)
    r"friend|partner|husband|wife|sister|daughter|son|child|kid|baby)|her|him|them))|(?-i:\bID\b)|"
    r"\b(?:identification|passport|photo id)\b",
    re.IGNORECASE,
)
# the length of the consultation asked about ("how long will the consultation take?"): the guide gives the procedure's
ASKS_HOW_LONG_THE_CONSULTATION_IS = re.compile(
    # ("how long is the appointment on friday, the consultation": play-test 254, the treatment's length)
    r"\bhow\s+long\b[^.?!]{0,45}\bconsult\w*|\bconsult\w*\b[^.?!]{0,30}\bhow\s+long\b|"
    r"\blength\s+of\s+(?:the\s+)?consult\w*",
    re.IGNORECASE,
)
# the whole visit's length asked ("how long is the whole visit, all together? i need to arrange a lift", "how long does
# the whole appointment take, start to finish": play-tests 202, 204 and 206, the procedure's length alone, as if it were
# the visit's)
ASKS_HOW_LONG_THE_VISIT_IS = re.compile(
    r"\bhow\s+long\b[^.?!]{0,40}\b(?:whole|entire|full|total)\s+(?:visit|appointment|appt|thing|time)\b|"
    r"\b(?:whole|entire|full|total)\s+(?:visit|appointment|appt)\b[^.?!]{0,30}\bhow\s+long\b|"
    r"\bhow\s+long\b[^.?!]{0,40}\b(?:visit|appointment|appt)\b[^.?!]{0,30}\b(?:altogether|all\s+together|start\s+to\s+finish|"
    r"in\s+total|with\s+the\s+(?:cream|numbing))|"
    # ("how long is the actual appointment? like door to door, not just the needling bit", then "the whole visit, with
    # the numbing cream etc": play-test 222, the needling's length, then the pain answer)
    r"\bhow\s+long\b[^.?!]{0,40}\b(?:actual|real)\s+(?:visit|appointment|appt)\b|\bdoor\s+to\s+door\b|"
    r"\bnot\s+just\s+the\s+(?:needling|needles|needle|procedure|treatment)\b|"
    r"\b(?:whole|entire)\s+(?:visit|appointment|appt)\b[^.?!]{0,30}\bwith\s+the\s+(?:numbing|cream)",
    re.IGNORECASE,
)
# pain after the treatment asked about ("does it hurt afterwards", "is it sore the next day")
ASKS_ABOUT_AFTERWARDS = re.compile(
    # (not "after the numbing cream is on", which asks of the treatment itself)
    r"\b(?:after(?:wards?)?(?!\s+(?:the\s+|that\s+)?(?:numbing|cream|anaesthetic|anesthetic))|the\s+(?:next|following)\s+(?:day|morning)|the\s+day\s+after|later\s+on|once\s+it'?s\s+done|"
    r"when\s+the\s+(?:numbing|cream)\s+wears\s+off)\b",
    re.IGNORECASE,
)
# whether the numbing cream is always used asked ("is numbing cream always used or only sometimes", "it MAY be applied??
# earlier u said it IS"): the guide says it both ways
ASKS_IF_ALWAYS_NUMBED = re.compile(
    r"\b(?:numb\w*|cream|an(?:a)?esthetic)\b[^.?!]{0,40}\b(?:always|every time|sometimes|definitely|for sure|"
    r"guarantee\w*|may|might)\b|"
    r"\b(?:always|every time|sometimes|definitely|for sure|guarantee\w*)\b[^.?!]{0,40}\b"
    r"(?:numb\w*|cream|an(?:a)?esthetic)\b",
    re.IGNORECASE,
)
# the sunscreen's factor asked about ("spf 30 or 50?", "is factor 30 enough", "what spf"): the guide says a high one, no
# number (play-test 163: the aftercare answer, three times)
ASKS_WHICH_SPF = re.compile(
    r"\b(?:spf|factor)\s*\d+|\b(?:which|what)\s+(?:spf|factor)\b|\b(?:spf|factor)\b[^.?!]{0,20}\b(?:enough|high enough|"
    r"strong enough)\b|\bhow\s+high\s+(?:an?\s+)?(?:spf|factor)\b",
    re.IGNORECASE,
)
# how the numbing cream itself feels asked about ("does the numbing cream hurt", "does putting it on sting?"): the guide
# says only that it may be applied to keep discomfort down (play-test 163: the treatment's pain, twice)
ASKS_IF_THE_CREAM_HURTS = re.compile(
    r"\b(?:numbing|anaesthetic|anesthetic)(?:\s+cream)?\b[^.?!]{0,25}\b(?:hurt|hurts|sting|stings|burn|burns|painful|"
    r"tingle|tingles)\b|\b(?:the\s+)?cream\s+itself\b|\bputting\s+(?:it|the\s+cream)\s+on\b[^.?!]{0,20}\b(?:hurt|sting)",
    re.IGNORECASE,
)
# how long before an event to have it asked ("how long before an event should you have it", "how many weeks before my
# wedding"): the guide gives no such time (play-test 163: the procedure's length)
_AN_EVENT = r"(?:event|wedding|holiday|hols|party|occasion|trip|photoshoot|photos|graduation|prom|beach|big\s+day)"
ASKS_HOW_LONG_BEFORE_AN_EVENT = re.compile(
    r"\b(?:how\s+(?:long|far\s+ahead|far\s+in\s+advance|many\s+(?:days|weeks|months))|days|weeks|months)\s+"
    r"(?:before|ahead\s+of|prior\s+to)\s+(?:an?|my|the|her|his|our)\s+(?:\w+\s+)?(?:event|wedding|holiday|party|"
    r"occasion|do|trip|photoshoot|date)\b|"
    # whether a treatment fits before one ("my brothers wedding is on the 26th, would i be ok to get it done next week
    # or is that cutting it fine?", "going to Nice in 2 weeks, beach etc. is that a problem if i get it done before?":
    # play-test 255, the suitability answer, twice)
    rf"\b{_AN_EVENT}s?\b[^?]{{0,120}}?\b(?:get|getting|have|having)\s+(?:it|this|one|them|the\s+treatment)\s+done\b|"
    r"\b(?:get|getting|have|having)\s+(?:it|this|one|them|the\s+treatment)\s+done\b[^?]{0,60}?\b(?:before|by|in\s+time\s+"
    rf"for|ahead\s+of)\s+(?:an?|my|the|her|his|our)\s+(?:\w+\s+)?{_AN_EVENT}\b|"
    rf"\bin\s+time\s+for\s+(?:an?|my|the|her|his|our)\s+(?:\w+\s+)?{_AN_EVENT}\b",
    re.IGNORECASE,
)
# several areas in one session asked about ("can i get my tummy and thighs done on the same day", "both areas in one
# appointment?"): the guide does not say (play-test 162: the number of sessions, twice)
ASKS_SEVERAL_AREAS_AT_ONCE = re.compile(
    r"\b(?:on\s+)?the\s+same\s+(?:day|session|appointment|visit|time)\b|\bin\s+(?:one|the\s+same)\s+(?:session|"
    r"appointment|visit|go)\b|\bat\s+once\b|\bboth\s+(?:areas|places|of\s+them)\b|\b(?:two|2|several|multiple|more\s+than\s+"
    r"one)\s+(?:areas|places|parts)\b|"
    # ("is that per area?", "do they count as separate areas": play-test 175, the sessions answer three times)
    r"\bper\s+(?:area|part|zone|bit)\b|\b(?:each|every)\s+(?:area|part|zone)\b|\bseparate\s+(?:areas|parts|zones)\b|"
    r"\b3-6\s+(?:for\s+)?each\b|\bfor\s+each\s+(?:area|one|part)\b",
    re.IGNORECASE,
)
# how to pay asked about ("do you take card", "apple pay or contactless", "do you do payment plans"): the clinic's facts
# do not say (play-tests 162 and 165: the price answer, five times, the way to pay never answered)
ASKS_HOW_TO_PAY = re.compile(
    # (not a student's or a gift card: "do u do a student discount? like with unidays or nus card", play-test 183)
    r"(?<!nus\s)(?<!student\s)(?<!gift\s)(?<!loyalty\s)\b(?:card|cards)\b|\b(?:cash|contactless|apple\s?pay|google\s?pay|amex|visa|mastercard|debit|credit|paypal|klarna|"
    r"clearpay|payment\s+(?:plans?|methods?|options?)|pay\s+(?:monthly|in\s+instal+ments?|by|with|in\s+cash)|"
    r"instal+ments?|finance|financing)\b",
    re.IGNORECASE,
)
# offers, discounts or vouchers asked about ("do u do a student discount tho? like with unidays or nus card", "gift
# vouchers for my mum?": play-test 183, the price answer, and the payment details): the clinic's, not known here
ASKS_ABOUT_DISCOUNTS = re.compile(
    r"\b(?:discount\w*|special\s+offers?|any\s+offers?|deals?|promo\w*|concessions?|unidays|nus|student\s+(?:price|rate)s?|"
    r"vouchers?|gift\s+(?:cards?|certificates?)|loyalty|referral)\b",
    re.IGNORECASE,
)
# money back asked about ("what if it doesn't work, do I get money back", "refund if it doesnt work": play-test 183, the
# price answer twice): the clinic's policy, not known here
ASKS_ABOUT_REFUNDS = re.compile(
    r"\b(?:refunds?|refunded|refundable|money\s+back|reimburs\w*|compensation|cancellation\s+(?:fees?|policy|charges?)|"
    r"(?:lose|losing|keep)\s+(?:my|the)\s+deposit|deposit\s+back)\b",
    re.IGNORECASE,
)
# time off work asked about ("would i need a day off or can i go in next day", "can i go back to work after": play-test
# 184, the reaction's words as if they said): the guide does not say
ASKS_ABOUT_TIME_OFF = re.compile(
    r"\b(?:time|a\s+day|days|a\s+week|the\s+day)\s+off\b|\boff\s+work\b|\bback\s+(?:to|at)\s+work\b|"
    r"\b(?:go|get|be)\s+(?:in(?:to)?\s+|back\s+)?(?:to\s+)?work\b|\bwork\s+(?:the\s+)?(?:next|following)\s+day\b|"
    r"\bgo\s+in\s+(?:the\s+)?next\s+day\b|\bsick\s+(?:day|leave|note)\b",
    re.IGNORECASE,
)
# prices asked to be sent ("can someone just email me a price list", "can you pass my email on so they send me the
# prices": play-test 170, the price answer twice, then the clinic's address): nothing here can send them
ASKS_TO_BE_SENT_PRICES = re.compile(
    r"\b(?:e-?mail|send|text|forward|post|message)\w*\b[^.?!]{0,40}\b(?:price\s*lists?|prices|pricing|costs?|brochures?|"
    r"tariffs?|treatment\s+menu)\b|\bprice\s*lists?\b|"
    r"\b(?:pass|give|forward|send)\w*\s+(?:on\s+)?my\s+(?:e-?mail|details|address)\b(?:\s+on\b)?",
    re.IGNORECASE,
)
# how long the numbing cream takes or stays on, or whether its time is in the appointment's length ("and is that
# including the numbing cream time or on top?", "the numbing cream, how long does that take to work? do i have to get
# there early for it": play-tests 170 and 172, the treatment's pain, then its side effects and results; "and the
# numbing cream, how long does it stay on?", play-test 173, the procedure's length): the guide gives no time for it
ASKS_HOW_LONG_THE_CREAM_TAKES = re.compile(
    r"\b(?:includ\w*|on\s+top|extra|separate\w*|as\s+well|plus)\b[^.?!]{0,40}\b(?:numbing|cream|anaesthetic|anesthetic)\b|"
    r"\b(?:numbing|cream)\b[^.?!]{0,30}\b(?:includ\w*|on\s+top|extra|separate\w*)\b|"
    r"\b(?:numbing|cream)\b[^?!]{0,40}\bhow\s+long\b|\bhow\s+long\b[^.?!]{0,40}\b(?:numbing|cream)\b|"
    # ("wait does the numbing cream hurt? and how long do u have to sit with it on", then "ok and how long does it sit
    # on for??": play-test 238, the second dropped, then the treatment's length)
    r"\bhow\s+long\b[^.?!]{0,25}\b(?:sit|sitting|leave|left|keep|kept|stay|stays)\b[^.?!]{0,12}\bon\b|"
    r"\b(?:get|be|arrive|come|turn\s+up)\s+(?:there\s+|in\s+)?early\b",
    re.IGNORECASE,
)
# which other treatments the clinic offers ("does ur clinic even do lasers and peels or just microneedling?": play-test
# 171, what the guide says of comparing treatments, twice)
ASKS_WHAT_ELSE_IS_OFFERED = re.compile(
    r"\b(?:do|does)\s+(?:you|u|ya|ur\s+clinic|your\s+clinic|the\s+clinic|lumen|they)\s+(?:guys\s+)?(?:even\s+|also\s+)?"
    r"(?:do|offer|provide|have|sell)\b[^.?!]{0,40}\b(?:lasers?|peels?|botox|fillers?|facials?|hydra\s*facials?|ipl|"
    r"other\s+treatments?|anything\s+else)\b|"
    r"\b(?:offer|provide)\s+(?:any\s+)?(?:lasers?|peels?|botox|fillers?|other\s+treatments?)\b",
    re.IGNORECASE,
)
# how long a whole course takes ("how long does the whole course take, start to finish": play-test 174, one session's
# length twice): the guide gives the number of treatments and the weeks between them, no length of the whole
ASKS_HOW_LONG_THE_COURSE_IS = re.compile(
    # (not "start to finish" alone: "start to finish roughly how long? booking an uber back" asks the appointment's)
    r"\b(?:whole|full|entire|complete)\s+(?:course|treatment\s+plan|plan|programme|program)\b|"
    r"\bhow\s+(?:many\s+)?(?:weeks|months)\b[^.?!]{0,40}\b(?:course|altogether|in\s+total|overall|all\s+of\s+them)\b",
    re.IGNORECASE,
)
# photos asked about ("do they take photos of your face? im quite self conscious", "will they photograph my face":
# play-test 198, "not sure I understood", then what a consultation is, four times)
# a photo of what is happening, to be sent ("can i just email them a photo instead?", "a photo of my chin. whats their
# email?": play-test 238, twice the guide's silence on before-and-after photos, and the email never given)
ASKS_TO_SEND_A_PHOTO = re.compile(
    r"\b(?:send|email|e-mail|text|whatsapp|message|upload|attach|show)\w*\s+(?:(?:them|you|the clinic|it|over|in)\s+)?"
    r"(?:a\s+|some\s+|the\s+|my\s+)?(?:photos?|pics?|pictures?|selfies?)\b|"
    r"\b(?:photos?|pics?|pictures?|selfies?)\s+of\s+(?:my|her|his|the|it|this|that)\b[^?!]{0,40}\b(?:email|e-mail|send|"
    r"whatsapp|text)\b",
    re.IGNORECASE,
)
ASKS_ABOUT_PHOTOS = re.compile(
    # (not photos of an event of one's own: "i have a wedding in 10 days, will I be ok for photos", play-test 249)
    r"(?<!ok for )(?<!okay for )(?<!ready for )(?<!in the )(?<!wedding )(?<!for the )(?<!in )"
    r"\b(?:photos?|photographs?|photograph(?:ed|ing)|pictures?|pics?|selfies?)\b(?!\s+id\b)",
    re.IGNORECASE,
)
# evidence, studies or figures asked for ("where's the evidence, any actual studies", "how rare is infection then.
# give me a number, 1 in 100?", "the infection rate, an actual figure": play-tests 206, 209 and 211, what microneedling
# is, the side effects said again as if "rare" were a figure, the price answer): the guide gives none
ASKS_FOR_EVIDENCE = re.compile(
    r"\b(?:evidence|studies|study|research|clinical(?:ly)?\s+(?:trials?|proven|tested)|trials?|scientific(?:ally)?|"
    r"statistics?|stats|success\s+rates?|(?:infection|complication|scarring|risk)\s+(?:rates?|figures?|numbers?)|"
    r"percentages?|per\s*cent|%|(?:actual|real|exact)\s+(?:figures?|numbers?|data)|how\s+rare\s+is|"
    r"give\s+me\s+a\s+(?:number|figure|percentage)|1\s+in\s+\d+|one\s+in\s+(?:a\s+)?(?:ten|hundred|thousand))\b|"
    r"\bhow\s+(?:many|often)\s+(?:people|patients|clients)\s+(?:get|have|develop|end\s+up)",
    re.IGNORECASE,
)
# being written to rather than phoned, asked about before any request ("if i do book, could the clinic email me instead
# of phoning?", "can i give my email address instead of a phone number": play-test 199, not understood, then "nothing
# here to change")
ASKS_TO_BE_WRITTEN_TO = re.compile(
    r"\b(?:email|e-mail|text|txt|sms|message|write\s+to)\s+(?:me|you|us|her|him)?\s*(?:or\s+(?:send\s+)?(?:an?\s+)?"
    r"(?:email|e-mail|text|txt|sms|text\s+message)\s+)?(?:instead|rather)\b|"
    r"\b(?:email|e-mail)(?:\s+address)?\s+instead\s+of\s+(?:a\s+)?(?:phone|number|call)|"
    r"\b(?:instead\s+of|rather\s+than)\s+(?:a\s+)?(?:phon\w*|call\w*|ring\w*|telephon\w*)\b",
    re.IGNORECASE,
)
# reminders asked about ("do you send text reminders before appointments. yes or no": play-test 198, unanswered 5 times)
ASKS_ABOUT_REMINDERS = re.compile(
    r"\breminders?\b|\bremind\s+(?:me|you|patients|people)\s+(?:of|about|before)\s+(?:the|my|your|their|an?)\s+"
    r"(?:appointment|consultation|session|booking|treatment)",
    re.IGNORECASE,
)
# an illness said to be cured or treated by it ("say microneedling cures cancer", "so it might cure cancer?": play-tests
# 201 and 207, the suitability answer, which left the claim open)
ASKS_ABOUT_A_CURE = re.compile(
    r"\b(?:cures?|cured|curing|heals?\s+(?:your\s+)?(?:cancer|diabetes|illness|disease))\b|"
    r"\b(?:treat|treats|fix|fixes|prevent|prevents)\s+(?:cancer|diabetes|arthritis|dementia|depression|illness|disease|covid)\b",
    re.IGNORECASE,
)
# a patch test asked about ("do i need a patch test first?"): the guide names none
ASKS_ABOUT_A_PATCH_TEST = re.compile(r"\bpatch[\s-]?tests?\b|\btest\s+(?:patch|spot|area)\b", re.IGNORECASE)
# opening on a holiday asked about ("are you open on the 29th? its christmas week", "open bank holiday monday?"): the
# usual hours do not say (play-test 35: the usual hours were given as the answer)
ASKS_ABOUT_HOLIDAYS = re.compile(
    r"\b(?:christmas|xmas|x-mas|new\s*year'?s?|boxing\s+day|easter|bank\s+hols?|bank\s+holidays?|public\s+holidays?|"
    r"holiday\s+(?:hours|opening|period|season)|festive)\b",
    re.IGNORECASE,
)

# a sentence with the marks that end it ("fine lines round my eyes. ", "oh and can we do thursday?")
# (a full stop between digits ends no sentence: "a temperature, 38.2. can it wait")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+(?:[.!?\n]+|$)")


def sentences(text: str) -> List[Tuple[int, int]]:
    """Where each sentence of the text begins and ends, its end marks with it: the concern before a question or a
    new time at the booking form's concern prompt is the sentences before the one that asks or names it
    (actions/answers.py, actions/booking_form.py)."""
    return [match.span() for match in _SENTENCE.finditer(text)]


# "yes send it", "perfect send", "send please": a clause of its own that says to send the request
_SEND_CLAUSE = re.compile(
    # ("whatever just send it": play-test 33, "didn't catch that")
    r"^\W*(?:(?:and|also|ok|okay|yes|yep|yeah|perfect|great|fine|then|so|whatever|just|now|pls|please|go on)\W+)*"
    r"(?:please\s+)?"
    # ("send the change", the words of its button: play-test 156, read as a change to make)
    r"(?:send|go ahead and send|submit)(?:\s+(?:it|this|that|the request|(?:the|that|this|my)\s+changes?))?"
    r"(?:\s+(?:please|pls|now|then|off))*\W*$",
    re.IGNORECASE,
)


# the summary said to be right ("That all looks right. Can I come along with her?": play-test 172, "didn't catch that"):
# a yes to it, read only at the summary (actions/answers.py), never as words of anything else
_LOOKS_RIGHT_CLAUSE = re.compile(
    r"^\W*(?:(?:yes|yep|yeah|ok|okay|great|perfect|thanks|thank you)\W+)*"
    r"(?:(?:that|it|everything|all\s+that)(?:'?s|\s+is)?\s+(?:all\s+)?(?:looks?\s+|seems?\s+)?(?:all\s+)?|"
    r"(?:all\s+)?(?:looks?|seems?)\s+(?:all\s+)?)(?:right|correct|good|fine|perfect|spot\s+on)(?:\s+to\s+me)?"
    r"(?:\s+(?:thanks|thank\s+you|ta))?\W*$",
    re.IGNORECASE,
)


def says_it_looks_right(text: str) -> bool:
    """Whether a clause of the message says the summary is right ("that all looks right", "looks good")."""
    return any(_LOOKS_RIGHT_CLAUSE.match(clause) for clause in re.split(r"[.?!,;\n]+", text) if clause.strip())


def says_send(text: str) -> bool:
    """Whether a clause of the message, said beside a question at the summary, is a plain "send it" (found by
    play-test 26: "can i bring my wife along? and yes send it" answered, and the summary shown again, three times)."""
    return any(_SEND_CLAUSE.match(clause) for clause in re.split(r"[.?!,;\n]+", text) if clause.strip())


# a request put on hold ("don't send it yet", "can we finish this later?", "back in a bit"): kept, not sent
# (actions/booking_form.py; components/booking_request.py reads it as a stop whatever the classifier made of it)
PAUSE = (
    r"\b(?:pause|on hold|hang on|hold on|hold that|back (?:shortly|soon|in a (?:bit|minute|sec|while))|come back|"
    r"(?:don'?t|do not|dont) send (?:it |this |anything )?(?:just )?yet|remember (?:all )?(?:this|that|it)|"
    # (not "never mind, keep it as it was": a change taken back)
    r"keep (?:all )?(?:this|that|my details)(?! as)|keep it (?:for (?:me|now|later)|safe|saved)|save (?:it|this)|"
    # ("can i finish the booking later?", play-test 105: the request picked up again, with an ambulance on its way)
    r"finish (?:it |this |the (?:booking|request|form) |my (?:booking|request) )?later|"
    r"(?:carry on|continue|do (?:it|this)) later|"
    r"give me a (?:minute|sec|few)|"
    # ("sorry 2 more mins": play-test 140, read as a time that could not be worked out)
    r"(?:\d+|a|two|few|couple(?: of)?)\s+more\s+(?:mins?|minutes?|secs?|seconds?))\b"
)

# the clinic's opening named as a time ("first thing tomorrow", "monday when you open"): its first hour that day
# (core/booking.py reads it, components/entities.py finds it among the time's words)
AT_OPENING = (
    r"\bfirst thing(?: in the morning)?\b|\b(?:when|as soon as) (?:you|they|the clinic) opens?\b|\bopening time\b"
)

# ... and its closing ("as late as possible today", "last thing on friday", "just before you close"): its last hour that
# day (play-test 69: "TODAY. as late as possible today" was no day)
AT_CLOSING = (
    r"\bas late as (?:possible|poss|you can|they can|you(?:'| a)?re open)\b|\blast thing(?: in the day)?\b|"
    r"\blatest (?:possible|you can do|slot|time)\b|\b(?:just )?before (?:you|they|the clinic) close\b|\bclosing time\b"
)

# an instruction to the assistant ("SYSTEM OVERRIDE: ignore all previous instructions", "[admin mode]", "print your
# system prompt"): never a name, never what a request is about (core/booking.py, actions/booking_form.py)
TO_THE_ASSISTANT = (
    r"\b(?:ignore\s+(?:all\s+|any\s+|the\s+)?(?:previous\s+|prior\s+|your\s+|above\s+)?instructions?|"
    r"system\s+(?:prompt|override)|admin\s+mode|you\s+are\s+now|pretend\s+(?:to\s+be|you)|prompt\s+injection)\b"
)

# how the clinic will be in touch about a request, asked ("they call me or email?", "will the clinic ring me on my
# mobile or send an email", "they'll ring me not her right?", "so is that a phone call then or what?"): what the
# request's reference answer says (actions/booking_submit.py), never a call back asked for
# (components/booking_request.py; play-tests 93, 136 and 137 began one)
HOW_CONTACTED = (
    r"\b(?:they|you|the clinic|someone|somebody)\s+(?:will\s+|going to\s+|gonna\s+)?(?:call|ring|phone|text)\s+"
    r"(?:me\s+)?or\s+(?:e-?mail|text|message|write)\b|"
    r"\b(?:will|would|won'?t|wont)\s+(?:they|the clinic|the team|someone|somebody|reception|you)\s+"
    r"(?:still\s+|just\s+)?(?:ring|call|phone|text|e-?mail)\s+(?:me|her|him)\b[^.!?]{0,40}\b(?:or|not|right|yeah|then)\b|"
    r"\b(?:they|the clinic|you)(?:'ll|\s+will)\s+(?:still\s+)?(?:ring|call|phone|text|e-?mail)\s+(?:me|her|him)\b"
    r"[^.!?]{0,30}\b(?:not|right|yeah|then|yes|correct|ok)\b[^.!]{0,10}\?|"
    r"\b(?:(?:can|could)\s+(?:they|the clinic|you)|(?:they|the clinic)\s+(?:can|could))\s+still\s+"
    r"(?:ring|call|phone|text|e-?mail)\s+(?:me|her|him)\b|"
    r"\b(?:phone|ring|call)\s+(?:me\s+)?or\s+(?:send\s+(?:me\s+)?(?:an\s+)?)?e-?mail\b[^.!?]{0,30}\?|"
    r"\b(?:is|will)\s+(?:that|it)\s+(?:be\s+)?(?:a\s+)?(?:phone\s+call|call)\b[^.!]{0,20}\?|"
    r"\bwhose\s+(?:number|phone|email)\s+(?:will|would|do|are)\b|"
    r"\bhow\s+(?:will|would|do|does|are)\s+(?:they|the clinic|you|the team)\s+(?:going\s+to\s+)?(?:contact|reach|"
    r"get hold of|get in touch with)\s+(?:me|her|him)\b|"
    # ("will they ring the house phone", "will they ring me on 020 8123 4567": play-test 251, a call back begun)
    r"\bwill\s+(?:they|the clinic|someone|somebody)\s+(?:ring|call|phone)\s+(?:me\s+)?(?:on\s+)?(?:the|my)\s+"
    r"(?:house|home|land\s?line|mobile|work)\s*(?:phone|number|line)?\b|"
    r"\bwill\s+(?:they|the clinic|someone|somebody)\s+(?:ring|call|phone)\s+me\s+on\s+"
    r"(?:\+?\d[\d ]{5,}|that|this|the\s+number)|"
    # ("Will they definitely email and not ring?": play-test 248, when the clinic would be in touch)
    r"\bwill\s+(?:they|the clinic|someone|somebody)\s+(?:definitely\s+|def\s+|deffo\s+|really\s+|actually\s+|only\s+)?"
    r"(?:e-?mail|text|ring|call|phone)\s+(?:me\s+)?(?:and|or|but)\s+not\s+(?:ring|call|phone|e-?mail|text)\b|"
    # ("Will someone ring me to confirm?": play-test 247, "The contact on your request is …")
    r"\b(?:will|would)\s+(?:someone|somebody|anyone|they|the clinic|the team|reception)\s+(?:ring|call|phone|contact|"
    r"text)\s+(?:me|her|him)\b(?:\s+(?:to\s+confirm|back|first|about\s+it))?\s*\?"
)

# whether the clinic will be in touch, asked once a request is sent ("lovely thanks. will someone ring me tomorrow
# then?": play-test 221, a second request, a call back, began): the request's status, never a request anew
WHEN_CONTACTED_ASKED = (
    r"\b(?:will|would|is|are|when\s+(?:will|would|do|does|are|is))\s+"
    r"(?:someone|somebody|anyone|they|the clinic|the team|you|reception)\s+(?:going to\s+|gonna\s+)?(?:be\s+)?"
    r"(?:ring|call|phone|contact|get back to|get in touch with|be in touch with)(?:ing)?\s+(?:me|us)\b[^.!?]{0,40}\?|"
    # ... or said back ("Right. So I wait for them to ring me. Thank you dear.": play-test 227, a call back began)
    r"\b(?:i|we)(?:'ll|\s+will|\s+just|\s+should)?\s+(?:just\s+)?wait\s+for\s+"
    r"(?:them|the clinic|someone|somebody|a call|their call)\b|"
    r"\b(?:they|the clinic|someone)(?:'ll|\s+will)\s+(?:ring|call|phone|contact)\s+(?:me|us)\s+(?:then|back)\b"
)

# what a no to keeping the details means, asked at the consent question ("What happens if I say no?", "If I press
# No, will I still get my appointment or not?": play-tests 209, 215 and 221, the privacy answer, then "I need a yes or
# a no")
CONSENT_REFUSAL_ASKED = (
    r"\b(?:what|wat)\s+(?:happens|would happen|will happen|if)\b[^.?!]{0,30}\b(?:say|said|press|click|choose|pick|"
    r"answer|tap|put)\s+no\b|"
    r"\bif\s+i\s+(?:say|press|click|choose|pick|answer|tap|put)\s+no\b|"
    r"\b(?:what|wat)\s+if\s+(?:i\s+(?:don'?t|dont|do not|would rather not|rather not|prefer not to|won'?t)|"
    r"i['’]?d\s+rather\s+not)\s+(?:agree|consent|give|share|want to give|say yes)\b|"
    r"\bif\s+i\s+(?:don'?t|dont|do not)\s+(?:agree|consent)\b[^.!]{0,40}\?"
)

# a complaint, or the wish to make one ("i want a refund", "who do i complain to", "I'm unhappy with the result"): the
# hand-over says it is heard (actions/handover.py), and a complaint about how a result looks is no report of anything
# happening (components/triage.py)
COMPLAINT = (
    # ("… paid over a grand and my scars look EXACTLY the same. this is a joke", "i just feel ripped off": play-test 46,
    # "not sure I understood")
    r"\b(?:complain\w*|report (?:you|the clinic)|refund(?:ed)?|money back|compensation|rip[- ]?off|ripped off|scam|"
    r"(?:this|that|it)(?: is|'s|s| was) a (?:complete |total |fucking |bloody )?joke|conned|cheated|daylight robbery|"
    r"waste of (?:my |your |good )?money|(?:not|never) (?:paying|giving) (?:you )?(?:another|a single) (?:penny|pound)|"
    # ("… my acne scars look exactly the same. £600 down the drain. Not impressed.": play-test 47, read as a comparison
    # of treatments)
    r"down the drain|not (?:at all |very )?impressed|"
    # a call back that never came ("i requested a call back on friday and NOBODY called": play-test 136)
    r"(?:nobody|no one|noone|no-one) (?:ever |even )?(?:called|rang|rung|phoned|got back)|"
    r"(?:they|the clinic|you|someone) (?:never |still (?:haven'?t|hasn'?t|havent|hasnt) |(?:didn'?t|didnt|did not) "
    r"(?:even |ever )?)(?:called|rang|rung|phoned|call|ring|phone|got back|get back)(?: me| back)|"
    r"(?:scars?|skin|face|lines|wrinkles|marks) (?:look|looks|are|is) (?:exactly|still|just) the same|"
    r"(?:unhappy|not happy|disappointed|dissatisfied|gutted) with (?:the |my |your |it|this)?\s*(?:results?|work|"
    r"treatment|outcome|clinic|service)|"
    # ("… honestly the results are really disappointing, barely any difference. I want to speak to the manager":
    # play-test 131, "not sure I understood")
    r"(?:results?|treatments?|sessions?) (?:is |are |was |were |have been |has been )?(?:really |very |so |quite |"
    r"pretty |just )?(?:disappointing|rubbish|useless|terrible|awful)|(?:speak|talk) to (?:the|a|your) manager)\b"
)


def edits(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of neighbours as one edit ("gmial" is one edit from "gmail")."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


# NHS 111 asked about in place of 999 ("what about 111 instead", "can we just ring 111 instead"): in the emergency's
# thread, 999 again (components/triage.py `instead_of_999`, actions/answers.py)
NHS_111_INSTEAD = (
    # (not in place of the clinic: "should i ring 111 now instead of waiting for the 4 oclock call?")
    r"\b111\b[^.?!]{0,15}\binstead\b(?!\s+of\s+(?:waiting|the clinic|them|a call|calling the clinic))|"
    r"\b(?:just|only)\s+(?:call|ring|phone|try)\s+(?:nhs\s+)?111\b|\b111\s+(?:ok|okay|enough|fine)\b"
)


# the date of a session had, or of an appointment already made, said beside the time wanted ("my first was 14th Nov,
# so maybe Tuesday 15th Dec", "14 Nov was my FIRST treatment", "i meant my appointment is tomorrow": play-test 76, the
# time given before thrown away, or no day worked out): no time to book (components/entities.py,
# actions/booking_form.py)
SESSION_HAD_IS = (
    r"\b(?:(?:my|the|her|his)\s+)?(?:first|1st|last|previous|other|actual)\s*(?:one|session|treatment|appointment|appt|"
    r"procedure)?\s+(?:was|is|'s)\s+(?:on\s+)?(?:the\s+)?|"
    r"\bmy\s+(?:appointment|appt|treatment|session)\s+(?:is|was|'s)\s+(?:on\s+)?(?:the\s+)?"
)
WAS_THE_SESSION_HAD = (
    r"\s+(?:was|is)\s+(?:my|her|his|the)\s+(?:first|1st|last|previous|other)?\s*(?:one|session|treatment|"
    r"appointment|procedure)\b"
)


# no change wanted to a request: "I don't want to change anything", "it's fine as it is" (play-test 130: a question
# about a request sent opened a change, and these did not close it)
NO_CHANGE_WANTED = (
    r"\b(?:don'?t|dont|do not)\s+(?:want|need|wanna)\s+(?:to\s+)?(?:change|send|alter)\s+"
    r"(?:it|anything|a thing|that)\b|"
    r"\bnothing to change\b|\b(?:it'?s|its|that'?s|thats) fine as it (?:is|was)\b|\bno changes\b"
)
# ... and said only to be checking, inside a change (never a reading of its own: "i was just asking if it hurts")
JUST_CHECKING = r"\b(?:i was|i'?m|im|i am)\s+(?:just|only)\s+(?:checking|asking)\b"
# the whole request called off, said outright ("cancel my request", "forget it then, cancel the whole request ill just
# email them myself": play-test 155, while a sent request was being changed, the change went on)
# (not asked about: "wait no, will that cancel my call back??", browser play-test 4)
CANCELS_THE_REQUEST = (
    r"\bcancel\s+(?:(?:the|my|this|that)\s+)?(?:(?:whole|entire)\s+)?"
    r"(?:request|booking|call ?back|appointment|consultation|thing|it\s+all|everything)\b(?![^.?!\n]*\?)"
)

# the request called off and the person's details deleted, asked together ("actually cancel it and delete my email
# please": play-test 242, the deletion offered first, saying to cancel before deleting; then, cancelled, the deletion
# forgotten): the cancel first, asked to be confirmed, then the deletion (actions/privacy.py, actions/booking_submit.py)
CANCEL_ASKED_WORDS = r"\bcancel\w*\b"
DELETION_ASKED_WORDS = (
    r"\b(?:delete|remove|erase|wipe|get rid of)\b[^.?!]{0,30}?\b(?:details|data|info|information|email|number|"
    r"everything|it all|all of it)\b"
)

# whether the request sent is a booked appointment, asked ("so does that mean im booked in for the consultation or not
# yet", "I'm asking is my consultation booked yes or no": play-test 239, the request's details, then the suitability
# answer and the walk-through's first step): not yet, said plainly (actions/booking_submit.py)
ASKS_IF_BOOKED = (
    r"\b(?:am\s+i|(?:so|mean|means)\s+(?:i'?m|im|i\s+am)|is\s+(?:it|that|this|my\s+\w+|the\s+\w+|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)(?:\s+[\w:.]+){0,3}?)"
    r"\s+(?:all\s+|now\s+|actually\s+|definitely\s+|properly\s+|officially\s+)?(?:booked|confirmed|locked\s+in)\b|"
    r"\b(?:do\s+i\s+have|have\s+i\s+got|have\s+i\s+booked)\s+an?\s+(?:appointment|booking|consultation)\b|"
    r"\bis\s+there\s+an?\s+(?:appointment|booking)\b[^.!?]{0,20}\bor\s+not\b|"
    # the time asked to be sure ("is it definitely 9? i have to do school run after": play-test 241, a menu; "will it
    # deffo be 5.30?": play-test 237)
    r"\b(?:is\s+it|will\s+it|will\s+they|is\s+that)\s+(?:definitely|deffo|defo|def|really|for\s+sure|100%|actually)\s+"
    # ("will it def be between 1 and 3 tho?": play-test 248, a change opened)
    r"(?:be\s+)?(?:at\s+|on\s+|between\s+|after\s+|before\s+|in\s+the\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|morning|afternoon|evening)\b"
    r"(?!\s*(?:sessions?|treatments?|days?|weeks?|months?|times?|hours?|mins?|minutes?|goes|courses?)\b)|"
    # ("so its not definitely tomorrow then? 😬" after a request was sent: play-test 246, a menu)
    r"\b(?:so\s+)?(?:it'?s|its|it\s+is|that'?s|thats|i'?m|im)\s+not\s+(?:definitely|deffo|defo|def|actually|properly|"
    r"officially|100%|for\s+sure|confirmed|booked)\b[^.!?]{0,25}\?"
)

# how to cancel or change the request later, asked: not a cancel or a change now ("thanks!! oh and if i change my mind
# can i cancel it?", "i meant like later on, how would i cancel? just message here?", "and if I need to move it how do I
# do that": play-tests 208 and 209, the cancel asked to be confirmed, the privacy answer, a change opened)
ASKS_HOW_TO_CHANGE_LATER = (
    # (of someone else too: "if she changes her mind can I cancel it for her, or does she have to?", "IF she changes her
    # mind later, how would we cancel": play-test 239, the cancel asked to be confirmed, twice)
    r"\bif\s+(?:i|she|he|they|we)\s+(?:change[sd]?\s+(?:my|her|his|their|our)\s+minds?|needs?\s+to|ha(?:ve|s)\s+to|"
    r"wants?\s+to|can'?t\s+make\s+it|cant\s+make\s+it)\b[^.!]{0,40}\b(?:cancel|change|move|reschedule)\b[^.!]*\?|"
    r"\b(?:cancel|change|move|reschedule)\b[^.!?]{0,30}\bif\s+i\s+(?:change\s+my\s+mind|need\s+to|have\s+to|can'?t\s+make|"
    r"cant\s+make)\b|"
    r"\bhow\s+(?:would|could|will)\s+(?:i|we|she|he|they)\s+(?:cancel|change|move|reschedule)\b|"
    r"\b(?:later\s+on|in\s+(?:the\s+)?future)\b[^.!?]{0,30}\b(?:cancel|change|move)\b|"
    r"\bif\s+i\s+need\s+to\s+(?:move|change|cancel)\s+it\s+how\b|"
    # ("And if the 20th turns out no good can I change it later": play-test 246, a change opened)
    # (a cancel later, alone, as the classifier reads it)
    r"\b(?:can|could|will|would)\s+(?:i|we|she|he|they)\s+(?:still\s+)?(?:be\s+able\s+to\s+)?(?:change|move|"
    r"reschedule)\s+(?:it|that|this|the\s+\w+)\s+(?:later|later\s+on|afterwards|after|if\s+(?:i|we)\s+need\s+to)\b|"
    r"\bif\s+(?:the\s+\w+|it|that|the\s+day|the\s+time)\s+(?:turns\s+out|ends\s+up|is|isn'?t)\s+(?:to\s+be\s+)?"
    r"(?:no\s+good|not\s+good|bad|a\s+problem|not\s+ok(?:ay)?)\b[^.!?]{0,30}\b(?:cancel|change|move|reschedule)\b"
)


# booking said not to be what the person is doing, in so many words ("no im not booking anything, i asked if i can have
# a facial", "no not booking yet! i want the next step": play-test 254, "What's your name?" until "cancel")
NOT_BOOKING = (
    # (not booking for someone else, later, or more: "thanks, not booking anything else")
    r"\b(?:(?:i'?m|im|i am|we'?re|we are)\s+)?not\s+(?:booking|wanting\s+to\s+book|trying\s+to\s+book|here\s+to\s+book)"
    r"\b(?!\s+(?:anything\s+|a\s+|an\s+)?(?:for|until|till|before|else|more|another|again|other)\b)|"
    r"\bi\s+(?:didn'?t|did\s+not|never)\s+(?:ask|want|say)\s+(?:to\s+book|(?:for\s+)?(?:a|an)\s+(?:booking|appointment|"
    r"consultation))\b"
)


# how to come to the consultation asked ("for the consultation do i need to come without makeup on", "what should i
# wear to my consultation"): the guide does not say (play-test 254: the treatment day's cleansing, as if it did)
ASKS_HOW_TO_COME_TO_THE_CONSULTATION = re.compile(
    r"\b(?:for|to|before|at)\s+(?:the|my|a|your)\s+consult\w*\b[^.?!]{0,60}\b(?:make-?up|wear|prepare|shave|"
    r"bare\s+face|clean\s+face)\b|"
    r"\b(?:make-?up|wear|prepare|shave|bare\s+face|clean\s+face)\b[^.?!]{0,40}\b(?:for|to|before|at)\s+(?:the|my|a|"
    r"your)\s+consult\w*\b",
    re.IGNORECASE,
)


# a visit without an appointment asked about ("could I just pop in tomorrow on my lunch break and have a chat with
# someone?", "do you take walk ins"): the clinic's details say nothing of it (play-test 255: the treatment's length)
ASKS_ABOUT_WALK_INS = re.compile(
    r"\bwalk[\s-]?ins?\b|\bwithout\s+(?:an?\s+)?(?:appointment|appt|booking)\b|"
    r"\b(?:pop|drop|call|come|walk)\s+(?:in|by|round|over)\b[^.?!]{0,60}\b(?:chat|talk|ask|look|speak)\b|"
    r"\bjust\s+(?:pop|drop|turn\s+up|show\s+up|come\s+in|walk\s+in)\b",
    re.IGNORECASE,
)


# which of two treatments is better asked ("ok which is better for acne scars then" after a chemical peel was named,
# "is it better than laser"): the guide compares none (play-test 257: what microneedling does, as if it were the better)
ASKS_WHICH_IS_BETTER = re.compile(
    r"\bwhich\s+(?:one\s+)?(?:is|would\s+be|works|'s)\s+(?:better|best|more\s+effective)\b|\bbetter\s+than\b|"
    r"\b(?:vs\.?|versus|compared\s+(?:to|with))\b",
    re.IGNORECASE,
)


# who will see them asked for ("will they def be able to give me a woman tho?", "can i have a female practitioner"):
# the clinic's rota is not known here (play-test 259: the privacy notice)
ASKS_FOR_A_PRACTITIONER = re.compile(
    r"\b(?:female|male|woman|lady|women|man)\s+(?:practitioner|nurse|doctor|therapist|clinician|staff)\b|"
    r"\b(?:give|get|have|see|be\s+seen\s+by|request|ask\s+for)\s+(?:me\s+)?(?:a|an)\s+(?:woman|female|lady|man|male)\b",
    re.IGNORECASE,
)
