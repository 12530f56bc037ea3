"""A message that gives a booking's details is a booking request, whatever else the classifier read.

"priya@example.com - Priya Patel - need a consultation for my forehead, wed 9th at half 10" is a
request to book, though its words are mostly details the classifier never learnt. When a message
gives at least `min_details` kinds of detail (components/entities.py: a name, an email address, a
phone number, a day and time) and the classifier (or the fallback after it) made it one of
`from_intents` (a statement, unclear, out of scope), its intent becomes `intent`; the booking form
then takes every detail (the slot mappings in domain.yml) and asks only for what is missing. A
question asked with the details ("I'm Priya, 07911 555321, does it hurt?") stays a question.

A call back asked for in words ("can someone call me back", "i want a CALL BACK": the entity `request_kind`,
data/nlu/booking.yml) is a booking request too, of the call-back kind (actions/booking_form.py), whatever the
classifier read ("talk to a person", unclear).

An unmistakable "stop" said as a clause of its own ("no stop. i already booked …", "cancel. bye") is a stop,
and a farewell as the last clause ("I'll come back. Goodbye.") a goodbye, whatever the classifier read in the rest
of the message.

"please remove the under 18 bit, I'm an adult" takes back the request's note that it is for someone under 18: a
correction too, with the entity `age_group` (actions/booking_summary.py), whatever the classifier read.

A message that names a booking detail and gives a new value for it ("the time to 2.15pm", "concern: wrinkles
around the eyes", "surname should be Osei-Bonsu") is a correction (`correction_intent`), whatever the classifier
read in its words ("the time" is also a question about how long it takes).
"""

import re
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.entities import CALL_TIME_ROLE, FYI_ROLE, NOTE_ENTITY, REMOVED_ENTITY
from core.booking import days_ruled_out
from core.words import (
    ASKS_HOW_TO_CHANGE_LATER,
    ASKS_IF_BOOKED,
    CALLED_NOT_EMAILED,
    CANCELS_THE_REQUEST,
    FOR_WHOM,
    HOW_CONTACTED,
    NO_CALL,
    NO_CHANGE_WANTED,
    NOT_BOOKING,
    PAUSE,
    RELATIVES,
    REMOVES,
    TIME_SHIFT,
    WHEN_CONTACTED_ASKED,
    alternatives,
    says_send,
)

# "delete everything", "delete all my data": the whole of the person's data, not one detail of a request
EVERYTHING = re.compile(
    r"\b(?:everything|all (?:of )?(?:it|my|your|the)\b|my data|(?:all )?my details|all you have)", re.IGNORECASE
)
# what the clinic holds, named ("remove my number from your records", "take my email off your system", "why are you
# still holding on to my number": the held-out set, "nothing to change" and a consultation offered): a deletion, not
# a detail taken out of a request
# the person's details asked to be deleted, in so many words
DELETION_ASKED = re.compile(
    r"\b(?:delete|remove|erase|wipe|get rid of)\s+(?:all\s+)?(?:of\s+)?(?:my|our|her|his)\s+(?:personal\s+)?"
    r"(?:details|data|info|information)\b(?!\s+(?:on|in)\s+(?:the|my)\s+(?:request|booking|summary))|"
    # the contact deleted as the request is called off ("cancel it and delete my number, ill just ring them myself":
    # play-test 238, a change of contact opened, asking for a number), not one contact put in another's place
    r"\bcancel\w*\b[^.?!]{0,30}\b(?:delete|remove|erase|wipe|get rid of)\s+(?:my|our|her|his)\s+(?:phone\s+|mobile\s+)?"
    r"(?:number|email(?:\s+address)?|contact\s+details)\b(?![^.?!]{0,30}\b(?:instead|use|replace|swap|new)\b)",
    re.IGNORECASE,
)
# whether something was deleted, asked ("you didnt delete anything earlier did you? my details are all there?")
ASKS_IF_DELETED = re.compile(
    r"\b(?:did|didn'?t|didnt|have|haven'?t|havent)\s+(?:you|u)\s+(?:just\s+)?(?:delete|deleted|remove|removed|wipe|wiped|"
    r"lose|lost)\b|\b(?:details|they|it|everything)\s+(?:are\s+|is\s+)?(?:all\s+|still\s+)there\b",
    re.IGNORECASE,
)
# whether the clinic still holds the person's details, asked
STILL_HELD_ASKED = re.compile(
    r"\b(?:clinic|they|you|u)\s+(?:still\s+)?(?:have|has|got|hold|holds|keep|keeps)\s+(?:all\s+)?(?:my|her|his)\s+"
    r"(?:personal\s+)?(?:details|data|info|information|name and number|records?)\b",
    re.IGNORECASE,
)
HELD_BY_THE_CLINIC = re.compile(
    r"\b(?:from|off|out of|in|on)\s+(?:your|ur|the clinic'?s|the)\s+(?:system|systems|records?|database|files?|"
    r"list|mailing list|books|computer)\b|"
    r"\b(?:still\s+)?(?:holding|keeping|storing|hanging)\s+(?:on\s*to|onto)?\s*my\s+(?:number|email|phone|mobile|"
    r"address|name|details|info)\b",
    re.IGNORECASE,
)


# a request stopped and then wanted after all ("ah no sod it sat is fine, book it after all": play-test 129, read as
# never mind, "No problem"): a request to book, which picks the stopped one up (data/rules/booking.yml)
BOOK_AFTER_ALL = re.compile(
    r"\b(?:book|send|do|continue|carry on with|go ahead with)\s+(?:it|me in|that|the request|the booking|my request|"
    r"the consultation|one)\s+(?:after all|anyway|anyways|anyhow)\b|"
    r"\b(?:changed|change) my mind\b[^.?!]{0,30}\b(?:book|send|want (?:it|one|the consultation))\b|"
    # ("you keep saying the same thing lol. fine just book me in then": play-test 137, not understood)
    r"\b(?:just|fine|then|so|ok|okay)\s+book\s+(?:me|us|her|him)\s+in\b|\bbook\s+(?:me|us|her|him)\s+in\s+then\b",
    re.IGNORECASE,
)
# no change wanted to a request being changed ("i dont want to change anything i was just checking lol")
NO_CHANGE = re.compile(NO_CHANGE_WANTED, re.IGNORECASE)
NOT_WANTED = re.compile(
    r"\b(?:don'?t|dont|do not|not|never|no longer)\s+(?:\w+\s+){0,2}?(?:book|send|want|go ahead)\b|\b(?:stop|cancel)\b",
    re.IGNORECASE,
)


# nothing before a detail that opens a message but the word that names it ("phone 07700 …", "my number is …")
_A_DETAIL_NAMED = re.compile(
    # (a bare label, as a prompt is answered: "my number is 07700 … but i want a real person to call" asks for one)
    r"\W*(?:(?:phone|mobile|mob|number|tel|landline|email|e-mail)(?:\s+(?:number|no|address))?|it'?s|its)?\W*",
    re.IGNORECASE,
)


# whether, or when, the clinic will be in touch, asked (core/words.py WHEN_CONTACTED_ASKED)
_WHETHER_THEY_RING = re.compile(WHEN_CONTACTED_ASKED, re.IGNORECASE)


# an unmistakable "stop" said as a clause of its own ("no stop. i already booked …", "hmm wait, cancel that i need to
# check with my wife", "I DONT WANT TO BOOK", "oh ok. never mind then"), whatever the classifier made of the rest:
# not "how do I stop the redness?" or "can I cancel later?", which ask something
# only the person's own request, another person's dropped ("forget it, just me then. she can sort her own")
JUST_ME = re.compile(
    r"\b(?:just|only)\s+(?:for\s+)?(?:me|mine|myself)\b(?!\s+(?:know|knowing|out|alone))|"
    r"\b(?:she|he|they)\s*(?:can|will|'ll|ll)\s+(?:sort|book|do|arrange)\s+(?:her|his|their)\s+own\b",
    re.IGNORECASE,
)
STOPS = re.compile(
    # ("yes cancel it thanks", to the question whether to cancel a request sent: play-test 160, not understood)
    r"(?:^|[.!?;,]\s*|\b(?:no|nah|ok|okay|actually|hmm+|wait|lol|jk|sorry|fine|then|so|oh|yes|yeah|yep|yup)\b[\s,.!]*)"
    r"(?:(?:please|just|let'?s|lets|can we|we can|i want to|i'd like to|i need to)\s+)?(?:"
    r"(?:cancel|stop)(?:\s+(?:it|that|this|now|please|everything|asking|here|there|for now|for today|all of it|"
    # ("oh no actually something's come up, i need to cancel that booking sorry": play-test 134, not understood)
    r"(?:the|that|my|this) (?:booking|request|form|whole thing|call ?back)))*"
    r"(?=\s*(?:[.!,;]|$)|\s+(?:i|we|need|bye|thanks|thank|sorry|please|pls))|"
    r"i (?:do not|don'?t|dont) want to (?:book|do this|continue|carry on)|"
    rf"{NOT_BOOKING}|"
    r"never ?mind(?:\s+then)?(?=\s*(?:[.!,;]|$)|\s+(?:i|we|bye|thanks))|"
    r"forget (?:it|about it|the (?:booking|request))\b|"
    # "no dont send it. bye" at the summary (found by the eleventh play-test: it asked what to change)
    r"(?:do not|don'?t|dont) send (?:it|that|this|anything|the (?:request|booking))\b|"
    # "scrap the whole thing", "cancel the lot sorry" (found by the twelfth play-test)
    r"(?:scrap|cancel|bin|ditch) (?:it|that|this|everything|the (?:lot|whole (?:thing|lot)|booking|request|call ?back))"
    r"(?=\s*(?:[.!,;]|$)|\s+(?:sorry|please|pls|thanks|i|we)))",
    re.IGNORECASE,
)


# the offer to book complained of, or declined as booked already ("you keep saying book a consultation", "i'm already
# booked in", "stop telling me to book")
BOOKING_DECLINED = re.compile(
    r"\byou (?:keep|kept) (?:saying|telling me|offering|asking|going on about)\b|"
    r"\bstop (?:saying|telling me|offering|asking)\b[^.?!]{0,30}\bbook|"
    r"\b(?:i'?m|im|i am) already booked(?: in)?\b|\bi(?:'ve| have)? already (?:got|have|booked) (?:a|an|my|one)\b|"
    # ("My wife has booked me in.": play-test 125, a request began, and "No" became his name)
    r"\b(?:my|our) \w+ (?:has |'s |already )*booked (?:me|us) in\b|\b(?:i'?m|im|i am|we'?re|we are) booked in\b|"
    r"\bi(?:'ve| have) been booked in\b",
    re.IGNORECASE,
)
# the whole request called off (core/words.py), and a yes said first ("yes cancel it thanks")
THE_REQUEST_CANCELLED = re.compile(CANCELS_THE_REQUEST, re.IGNORECASE)
YES_FIRST = re.compile(r"^\W*(?:yes|yeah|yep|yup|yh|ye)\b", re.IGNORECASE)
# a request to cancel it, asked ("can I cancel it?", "could you cancel my request please?"): not whether one could later
CANCEL_ASKED = re.compile(
    r"\b(?:can|could) (?:i|you|u|we) (?:please |just |actually )*cancel (?:it|that|this|my (?:request|booking|"
    r"consultation|call ?back|appointment)|the (?:request|booking|consultation|call ?back|appointment))"
    # ("ugh ok can you just cancel it then", "ah actually can i cancel that, ill just ring them myself": play-tests 156
    # and 157, "I need a yes or a no" and "not sure I understood")
    r"(?: please| pls| then| now)*\s*(?:\?|[,.!]|$)",
    re.IGNORECASE,
)


# booking again later said beside a cancel ("ill rebook in jan", "ill book again in the new year")
REBOOKED_LATER = re.compile(
    r"\b(?:i'?ll|ill|i\s+will|will|gonna|going\s+to)\s+(?:just\s+)?(?:re-?book|book\s+(?:again|another|in|it)|come\s+back|"
    r"try\s+again|"
    # ("i have a dentist thing at 5. can u cancel it, ill sort another time later": play-test 208, a change to 17:00)
    r"(?:sort|arrange|find|pick|organi[sz]e|book|get)\s+(?:out\s+)?(?:another|a\s+new|a\s+different|a\s+better)\s+"
    r"(?:time|day|date|slot|one))\b",
    re.IGNORECASE,
)


# "its Siobhan not Shivon", "Siobhan, not Shivon", "put Joanne instead of Jo": a name against the one it replaces
RESPELT = re.compile(r"\b[A-ZÀ-Ý][\w'’-]+,?\s+(?:not|instead of|rather than)\s+[A-ZÀ-Ý][\w'’-]+\b")
NEVER_MIND = re.compile(r"\bnever ?mind\b", re.IGNORECASE)
# a farewell as its own last clause ("I'll come back. Goodbye.", "ill just ring them, ta", "nvm. thanks bye"), whatever
# the classifier made of the rest (found by the tenth play-test: "not sure I understood"); not "saturday night"
# the person's own plan to get in touch ("I'll ring them tomorrow then")
OWN_PLAN = re.compile(
    r"\b(?:i'?ll|i\s+will|ill|i'?m\s+going\s+to|im\s+gonna|i'?m\s+gonna)\s+(?:just\s+)?(?:give\s+(?:them|the\s+clinic)\s+a\s+)?"
    r"(?:ring|call|phone|contact|email|e-mail|message|pop\s+in|drop\s+in|get\s+in\s+touch)\b",
    re.IGNORECASE,
)
FAREWELL = re.compile(
    r"(?:(?:^|[.!?,;]\s*|\b(?:thanks|thank you|thx|ty|ok|okay|cheers|ta)\s+)"
    r"(?:good ?bye|bye+(?:\s+(?:for now|then|now))?|(?:good ?)?night(?: night)?|nite|take care|"
    r"see (?:ya|you)(?: later)?)|"
    # "ta" and "cheers" also thank: a farewell only as a sentence of their own ("Jo Smith, cheers" is the name)
    r"(?:^|[.!?]\s*|\b(?:thanks|thank you|thx|ty|ok|okay)\s+)(?:ta|cheers))\W*$|"
    # "ok I'll ring them in the morning then. thanks love" (play-test 255: read as a concern, a consultation offered)
    r"\bi'?ll\s+(?:ring|call|phone)\s+(?:them|you|the clinic)\b[^?]*\b(?:thanks|thank you|thx|ty|cheers)"
    r"(?:\s+\w+)?\W*$",
    re.IGNORECASE,
)
# "I'll book another time, thanks", "never mind, I'll have a chat with her first": the request left for later, said in
# a clause of its own, whatever the classifier read (found by the tenth and eleventh play-tests: read as a time, or as
# "never mind" a change)
LATER = re.compile(
    # ("not yet, ill think about it. thanks": play-test 46, "not sure I understood" to a no to the offer to book)
    r"^\W*(?:not (?:yet|now|today|just yet|right now)|maybe later|no thanks?)\W+(?:i'?ll|ill|i will|let me)\s+"
    r"(?:have a )?think(?: about it)?\b|"
    # ("ok whatever ill probably book a consult at some point. bye": play-test 241, a request began)
    r"\b(?:i'?ll|i will|we'?ll|we will|i'?d better|i better|let me|i need to|i have to|gonna|going to)\s+"
    r"(?:just\s+|probably\s+|prob\s+|maybe\s+)?"
    r"(?:book|do (?:it|this|that)|come back|sort (?:it|this)(?: out)?|leave it|think about it|check|ask|talk|speak|"
    r"have a (?:chat|think|word|look)|get back)\b[^.?!]{0,40}?\b(?:another (?:time|day)|some ?(?:other )?time|later|"
    r"first|tomorrow|next week|back to you|at some point|some day|one day|eventually)\b",
    re.IGNORECASE,
)
# "take my email off", "email only please", "just his mobile", "no phone calls" (found by the twelfth play-test)
ONLY_ONE_CONTACT = re.compile(
    r"\btake (?:the |my |his |her )?(?:e-?mail|phone|number|mobile) (?:off|out)\b|"
    r"\b(?:e-?mail|phone|number|mobile) only\b|\bonly (?:by |the |my )?(?:e-?mail|phone|number|mobile)\b|"
    r"\bjust (?:use |keep |have )?(?:the |my |his |her )?(?:e-?mail|phone|number|mobile)\b|\bno (?:phone )?calls\b",
    re.IGNORECASE,
)
# "can we just book me an actual consultation instead of the call?": the kind of request changed, asked as a question
INSTEAD_OF_A_CALL = re.compile(
    r"\bconsultation\b[^.?!]{0,30}\binstead\b|\binstead of (?:the |a )?(?:phone )?call(?: back)?\b", re.IGNORECASE
)
# "I hit cancel by accident, I still want it", "pressed no by mistake, carry on": the request picked up again (found by
# the thirteenth play-test: "No problem. Anything else?")
BY_MISTAKE = re.compile(
    r"\b(?:by (?:accident|mistake)|accidentally|wrong (?:button|one)|mis-?clicked|didn'?t mean (?:to|it))\b[^?]{0,40}?"
    r"(?:still want|want (?:it|to (?:book|carry on|continue))|i meant|carry on|continue|keep going|i do agree|"
    r"i agree|yes)|"
    r"\b(?:still want|i meant yes|i do agree|i agree)\b[^.?!]{0,40}\b(?:by (?:accident|mistake)|accidentally|"
    r"wrong button)",
    re.IGNORECASE,
)
# back after a pause ("ok back. diary checked", "im back, where were we": play-test 46, "not sure I understood", and
# the request on hold not offered): the request picked up (data/rules/booking.yml)
BACK = re.compile(
    # (not "back" alone: in the walk-through, the step before)
    r"^\W*(?:(?:(?:ok(?:ay)?|right|hi|hey|sorry|so)\W+)+(?:i'?m\s+|im\s+|i am\s+)?|(?:i'?m|im|i am)\s+)back\b"
    r"(?:\W+(?:now|again|sorry))*"
    r"(?:\W+(?:(?:diary|calendar) (?:checked|sorted)|where were we\??|let'?s (?:carry on|continue)|carry on))?\W*$|"
    # ("ok sorry where were we" after a pause: play-test 140, the clinic's address)
    r"^\W*(?:(?:ok(?:ay)?|right|sorry|so|anyway)\W+)*where (?:were|was) (?:we|i)\W*$",
    re.IGNORECASE,
)
RETRIEVAL_INTENT = "faq"  # the FAQ's retrieval intent (domain.yml)
# a question that asks for a yes or a no ("…? yes or no", "…? ja oder nein", "…? oui ou non")
# (or after the words of a question, asked again: "so crows feet yes or no??", play-test 46 read it as no to booking)
YES_OR_NO_ASKED = re.compile(
    r"(?:\?[^?]*|\w+\W+\w+\W+)"
    r"\b(?:yes or no|yes/no|y/n|ja oder nein|oui ou non|s[ií] o no|tak czy nie|sim ou n[aã]o)\b",
    re.IGNORECASE,
)
PRIVACY_ANSWER = "faq/privacy"  # who sees the details, what for, and how long they are kept
OWN_ARRANGEMENTS_ANSWER = "faq/unknown_other"  # what the guide does not cover, the clinic's to say
# the clinic's own terms for cancelling or refunds asked about ("whats your cancellation policy, like if i cancel last
# minute do i get charged": play-test 46 read it as cancelling, "nothing has been cancelled"): the clinic's to say
OWN_TERMS_ASKED = re.compile(
    r"\bcancell?ation (?:policy|policies|fee|fees|charge|charges|terms|period|notice)\b|"
    # (and for refunds: "what's the refund policy then", play-test 46, "not sure I understood")
    r"\brefund (?:policy|policies|terms)\b|\bdo (?:you|u|they) (?:do|give|offer) refunds\b|"
    r"\bif (?:i|we|you) (?:have to |need to |had to )?cancel\b[^.!]{0,40}\b(?:charged?|pay|fee|lose|deposit|refund)|"
    r"\b(?:charge|fee|penalty|pay)\b[^.?!]{0,15}\b(?:for|to|if (?:i|you)) cancel|"
    # who rings, and from what number ("will they ring from a private number?", "will an actual manager ring me or
    # just some receptionist?": play-test 49, the reference's answer, or "let's carry on")
    r"\b(?:private|withheld|hidden|unknown|blocked|no caller id)\s+(?:number|caller|id)\b|"
    r"\bwhat\s+number\b[^.?!]{0,30}\b(?:ring|call|phone|text)\w*\s+(?:me\s+)?from\b|"
    # ("Will they ring from a mobile or the clinic number?", "what number will show on my phone when they ring":
    # play-test 240, when they will ring, twice)
    r"\b(?:ring|call|phone|text)\w*\s+(?:me\s+|you\s+)?from\s+(?:a|an|the|their|your|which|what)\b|"
    r"\bwhat\s+number\s+will\s+(?:show|come\s+up|appear|display|it\s+be)\b|"
    r"\bwho\s+(?:will|would|is going to|gonna)\s+(?:be\s+)?(?:ring|call|phon)\w*\b|"
    r"\b(?:will|would|is)\s+(?:it\s+be\s+)?(?:an?\s+|the\s+)?(?:actual\s+|real\s+)?(?:manager|doctor|nurse|practitioner|"
    r"receptionist|dermatologist)\b[^.?!]{0,20}\b(?:ring|call|phon)\w*",
    re.IGNORECASE,
)
# booking for a group asked about ("can me and 2 friends book together, like a group thing?", "do you do group
# bookings?"): a question the guide does not answer, not a request to book one person (play-test 36: the form started,
# and "i didnt say book yet" was refused as a name)
GROUP_ASKED = re.compile(
    r"\b(?:group|groups|hen (?:do|party)|me and (?:\d|two|three|four|my)\s+\w+|(?:all|both) (?:of us|together)|"
    r"together|couples?)\b[^.!]*\?|\bgroup (?:bookings?|booking|discount|rate|appointments?)\b",
    re.IGNORECASE,
)
# "only until they've called me. then delete it", "yes but delete it after": how long the details are kept, asked, not
# a request to delete them now (play-test 32: at the consent question the call back was cancelled)
DELETE_LATER = re.compile(
    r"\b(?:until|till|til|after|once|when)\b[^.?!]{0,40}\b(?:call(?:ed)?|rung|rang|phoned|done|consultation|appointment|"
    r"seen)\b[^?!]{0,40}\b(?:delete|remove|get rid|wipe|bin)\b|"
    r"\b(?:delete|remove|wipe|get rid of)\s+(?:it|them|my (?:details|data|number|info))\s+(?:after(?:wards)?|once|when|"
    r"later)\b",
    re.IGNORECASE,
)
# whether the clinic will know when or how to get in touch, asked ("so will they know to ring me in the evening? I wont
# be in in the day": play-test 101, a new call back started): what the request's reference answer says
# when the clinic will ring, asked ("so when exactly will they ring? like what time monday", "i dont want to change
# anything, i just want to know what time theyll call": play-test 190, a change to the request opened, then "No
# problem"): the request asked about
WHEN_THEY_RING_ASKED = re.compile(
    r"(?:^|[.?!,;]\s*|\b(?:so|and|but|ok|okay|know|tell me|wondering|idea)\s+)(?:exactly\s+)?"
    r"(?:when|what time|what day|how soon)\b[^.?!]{0,25}?\b(?:they|the clinic|someone|somebody|you)\s*"
    r"(?:will|would|'ll|ll|are going to|gonna)?\s+(?:\w+\s+)?(?:ring|call|phone|contact|get in touch|be in touch)\b",
    re.IGNORECASE,
)
# who sees the details given, asked ("who sees it? just the clinic yeah", "who gets to read this")
WHO_SEES_IT_ASKED = re.compile(
    r"\bwho\s+(?:else\s+)?(?:sees|will see|would see|gets to see|can see|reads|will read|gets|has access to|"
    r"looks at)\s+"
    r"(?:it|this|that|them|these|those|my\s+(?:details|info\w*|data|number|email|answers)|the\s+(?:details|info\w*|data|"
    r"request|form))\b",
    re.IGNORECASE,
)
# the day of the request asked ("wait, which date is that?" at the summary: play-test 247, "I need a yes or a no")
WHICH_DAY_ASKED = re.compile(
    r"^\W*(?:(?:wait|sorry|hang on|hold on|so|ok|okay|and|um+|hm+|erm+|oh)\W+)*(?:which|what)\s+(?:date|day)\s+"
    r"(?:is|was|'?s)\s+(?:that|this|it|the\s+\w+)\b(?:\s+(?:exactly|then|again|again\s+please|please))?\W*$",
    re.IGNORECASE,
)
# the details given in the chat asked to be seen ("can you show me everything ive given you in here", "what details did
# i give you": play-test 191, the guide's silence and the privacy notice; the policy says they can be seen here)
DETAILS_SHOWN_ASKED = re.compile(
    r"\b(?:show|tell|read|give|send)\s+(?:me\s+)?(?:back\s+)?(?:everything|all|what|the details|my details|my info|"
    r"my data|the info|what details)\b[^.?!]{0,30}?\b(?:i(?:'ve| have)?|ive)\s+"
    r"(?:given|gave|told|sent|typed|put|said)\b|"
    r"\bwhat\s+(?:details|info|information|data)\s+(?:did|have)\s+i\s+(?:give|given|send|sent|tell|told)\b|"
    r"\bwhat\s+(?:details|info|information|data)\s+(?:do|have)\s+you\s+(?:got|have|hold|kept|keep)\s+"
    r"(?:on|about|of|for)\s+me\b|\bwhat\s+(?:have|do)\s+you\s+(?:got|have|hold)\s+(?:on|about)\s+me\b|"
    # (not who sees them: "who can see the info i give you" asks what the privacy answer says)
    r"\bshow\s+(?:me\s+)?(?:my|the)\s+(?:details|info|data)\b|\b(?:can|could|may)\s+i\s+see\s+(?:my|the)\s+"
    r"(?:details|info|data)\b",
    re.IGNORECASE,
)
THEY_KNOW_ASKED = re.compile(
    r"\b(?:will|would|do|does)\s+(?:they|the clinic|the team|someone|somebody|reception|the nurse)\s+know\s+"
    r"(?:to\s+|when\s+to\s+|not\s+to\s+|(?:that\s+)?(?:they\s+)?(?:should|have to|need to|must)\s+(?:only\s+)?)"
    r"(?:only\s+)?(?:ring|call|phone|contact|text|email)\b",
    re.IGNORECASE,
)
# whether the clinic will see a note on the request, asked ("will they definately see the allergy note before they put
# anything on my face?": play-test 153, the pain answer, "a numbing cream is put on your skin first", to someone
# allergic to lidocaine): what the request holds is said (actions/booking_submit.py)
NOTE_SEEN_ASKED = re.compile(
    r"\b(?:will|would|do|does|can|could)\s+(?:they|the clinic|the team|reception|the nurse|the practitioner|the doctor|"
    r"whoever|someone|somebody)\s+(?:definitely\s+|definately\s+|defo\s+|actually\s+|def\s+)?"
    r"(?:see|read|know about|get|have|be told about)\s+(?:the|my|that|this|what i (?:said|wrote|put))\s*"
    r"(?:\w+\s+)?(?:note|notes|allergy|allergies|bit|comment|message)?\b",
    re.IGNORECASE,
)
NOTE_NAMED = re.compile(r"\b(?:note|notes|allerg\w*|comment|what i (?:said|wrote|put))\b", re.IGNORECASE)
# whether the request is a booked appointment, or when to come, asked ("great so thats booked for tomorrow then? what
# time should i turn up", "i dont want to change it, i just want to know what time to come in tomorrow": play-test 110,
# how to change it, twice): what the request's reference answer says, that the clinic contacts them to confirm a time
CHANGE_LATER_ASKED = re.compile(ASKS_HOW_TO_CHANGE_LATER, re.IGNORECASE)
BOOKED_YET_ASKED = re.compile(ASKS_IF_BOOKED, re.IGNORECASE)
# whether there is an appointment, asked ("yes or no, do i have an appointment", "is there an appointment or not":
# play-test 206, the suitability answer, then a menu)
APPOINTMENT_HELD_ASKED = re.compile(
    r"\b(?:do\s+i\s+have|if\s+i\s+have|have\s+i\s+got|have\s+i\s+booked)\s+an?\s+(?:appointment|booking|consultation)\b"
    r"[^.!?]{0,20}(?:\bor\s+not\b|\?|$|\.\s*yes\s+or\s+no)|"
    r"\bis\s+there\s+an?\s+(?:appointment|booking)\s+(?:booked\s+)?(?:for\s+me\s+)?or\s+not\b",
    re.IGNORECASE,
)
BOOKED_ASKED = re.compile(
    r"\b(?:that'?s|thats|is (?:it|that|this)|am i|it'?s|its|i'?m|im)\s+(?:all\s+|now\s+)?(?:booked|confirmed|sorted)"
    r"(?:\s+in)?\b|"
    r"\bwhat time (?:should|do|shall|must|will) i (?:turn up|come|arrive|get there|be there)\b|"
    r"\bwhat time (?:to|i should|i need to|i have to) (?:turn up|come|arrive|get there|be there)\b|"
    r"\bwhen (?:should|do|shall) i (?:turn up|come in|arrive)\b|"
    # ("but tomorrow 5.30 is sure? i must take off from work early", "is it definite?": play-test 191, a change to the
    # request opened)
    r"\b(?:is|it'?s|its|that'?s|thats)\s+(?:for\s+)?(?:sure|certain|definite|fixed|final|guaranteed)\s*\?|"
    # ("so theyll text me not ring yeah? and is 7.30 definitely booked": play-test 194, a change with a note opened)
    r"\bis\s+(?:(?:the\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|monday|tuesday|wednesday|thursday|friday|saturday|it|that|"
    r"this|mine)\s+(?:definitely|actually|really|now|all|100%)?\s*(?:booked|confirmed|sorted|definite|fixed|set)\b|"
    r"\b(?:not|is it|isnt it|isn'?t it)\s+confirmed\s+yet\b|"
    # ("so is that thursday 5pm locked in or not yet?", "ok but is it confirmed?": play-test 208, a change to it opened,
    # then a menu; "yes or no, do i have an appointment": play-test 206, the suitability answer)
    r"\bis\s+(?:that|it|this|my\s+\w+|the\s+\w+)(?:\s+[\w:.]+){0,3}?\s+(?:definitely\s+|actually\s+|now\s+)?"
    r"(?:locked\s+in|booked\s+in|set\s+in\s+stone|official|confirmed)\b|"
    # "did the change go through? the preferred time is thursday 7pm now not monday?" (play-test 122: the change made
    # again): what was sent, asked
    # "my original appointment on thursday 10th, is that cancelled now that i moved it to the 17th?" (play-test 124: the
    # change made back to the 10th)
    r"\b(?:is|are|was)\s+(?:that|it|the\s+(?:old|original|first|other)\s+\w+|my\s+(?:old|original|first)\s+\w+)\s+"
    r"(?:now\s+|still\s+)?(?:cancelled|canceled|gone|off|deleted|removed|still on)\b|"
    r"\bnow that i(?:'ve| have)? (?:moved|changed)\b|"
    # ("will I hear back today?", "is my booking for a saturday or not": play-test 127, a change to it, and a second
    # booking)
    r"\bwill i (?:hear back|hear from (?:them|you|the clinic)|get a (?:call|reply|response|phone call))\b|"
    # ("so just to be clear its wed 5.30 now, not tuesday? they wont ring me tuesday as well?": play-test 126, a second
    # call back began)
    r"\bjust to (?:be clear|check|confirm|be sure)\b[^.!]{0,50}\b(?:now|still)\b[^.!]{0,40}\?|"
    r"\bthey (?:won'?t|wont|will not) (?:ring|call|phone|email|text) me\b|"
    r"\bis (?:my|the) (?:booking|request|appointment|call ?back|consultation) (?:for|on|at) (?:a |the )?\w+\b"
    r"[^.?!]{0,20}(?:\?|\bor not\b)|"
    # ("right. so the manager is calling me tomorrow morning yes?", "is the MANAGER calling me or not": play-test 125, a
    # second call back began)
    r"\b(?:the manager|they|someone|somebody|the clinic|the team|she|he)\s+(?:is|are|'s|'re|will be)\s+(?:calling|"
    r"ringing|phoning|going to (?:call|ring|phone))\s+(?:me|us)\b|"
    r"\b(?:is|are|will)\s+(?:the manager|they|someone|somebody|the clinic|the team)\s+(?:be\s+)?(?:calling|ringing|"
    r"phoning|call|ring|phone)\s+(?:me|us)\b[^.?!]{0,30}\b(?:or not|yes|right)\b|"
    r"\bdid (?:the|my|that) (?:change|changes|request|booking|call ?back|update)\b[^.?!]{0,20}\b(?:go through|go|get "
    r"sent|get through|send|work)\b|\bwhat (?:did|have) (?:i|you) (?:send|sent)\b|\bwhat (?:does|do) (?:the|my) "
    r"(?:request|booking)\s+(?:say|have)\b|"
    # whether a request is confirmed ("WHY HAS MY CONSULTATION NOT BEEN CONFIRMED", "friday 11am is NOT confirmed
    # yet?", "is my friday appointment confirmed yes or no": play-test 141, a menu of topics, four times)
    r"\b(?:not|n'?t)\s+(?:been\s+|yet\s+)?confirmed\b|\bconfirmed\s+(?:yet|or not|yes or no)\b|"
    r"\b(?:is|has)\s+(?:my|the)\s+(?:\w+\s+)?(?:booking|request|appointment|consultation|call ?back)\s+(?:been\s+)?"
    r"confirmed\b",
    re.IGNORECASE,
)
# a consultation asked for in so many words, and whom the clinic should call about it
# a request to book said last, after what came before it ("… no i dont think i did actually. go on then book me in":
# play-test 164, "I can't see a request", twice)
BOOK_ME_IN_LAST = re.compile(
    r"(?:^|[.!?;]\s*|,\s*)(?:(?:ok|okay|fine|go on|go on then|right|so|then|yes|yeah|please|pls|can you|could you|"
    r"just)\W+)*(?:book me in|book me|sign me up|let'?s book(?: it| one| a consultation)?|book (?:it|one) (?:in|then))"
    r"(?:\s+(?:then|please|pls|now|thanks))*\W*$",
    re.IGNORECASE,
)
CONSULTATION_ASKED = re.compile(r"\b(?:book\w*|want|like|need|request\w*)\b[^.?!]{0,40}\bconsultation\b", re.IGNORECASE)
WHO_TO_CALL = re.compile(
    r"\b(?:call|ring|phone|contact|text)\s+me\b[^.?!]{0,15}\b(?:not|instead of|rather than)\s+(?:her|him|them|my)\b|"
    r"\bwhen (?:the clinic|they|you|someone) (?:rings?|calls?|phones?)\b",
    re.IGNORECASE,
)
# whether the request still stands, asked ("the cancel didnt go through right?", "is it still booked for thursday")
STILL_ON_ASKED = re.compile(
    r"\b(?:the|my) cancel(?:lation)? (?:didn'?t|didnt|did not|hasn'?t|hasnt|has not|wasn'?t|was not) "
    r"(?:go|gone|get|been)(?: through| sent)?\b|"
    r"\bdid (?:the|my) cancel(?:lation)?\b[^.?!]{0,15}\b(?:go through|get sent|work)\b|"
    r"\bi (?:don'?t|dont|do not) want (?:to cancel|it cancelled|them (?:thinking|to think) i(?:'ve| have)? "
    r"cancelled)\b|"
    r"\b(?:is|it'?s|its) (?:it|that|my \w+) still (?:on|booked|going ahead|there|sent|with (?:them|the clinic))\b|"
    r"\bstill booked\b|"
    # ("wait, is it cancelled or not?": play-test 126, how to cancel it)
    r"\bis (?:it|that|my \w+) (?:cancelled|canceled)(?: now)?(?: or not)?\s*\?|\b(?:cancelled|canceled) or not\b",
    re.IGNORECASE,
)
# the request already sent, named ("the call back i just sent", "my request", "the one i sent")
THE_ONE_SENT = re.compile(
    r"\b(?:i (?:just |already )?sent|(?:already|just) sent|the one i (?:sent|made|did)|(?:my|the) (?:request|booking|"
    r"call ?back) (?:i (?:made|sent|did)|already|from before)|(?:to|on) (?:my|the) (?:request|booking|call ?back)\b)",
    re.IGNORECASE,
)
# rather phoned than emailed, said of the request's contact (core/words.py)
CALLED_NOT_EMAILED_SAID = re.compile(CALLED_NOT_EMAILED, re.IGNORECASE)
# what follows once a request is sent, asked ("what happens next after i send this?", "once i send it then what")
AFTER_SENDING_ASKED = re.compile(
    r"\b(?:what happens|what'?s next|whats next|what next|then what|what do you do|who (?:gets|will get) in touch|"
    r"do you call me|does the clinic call)\b[^.?!]{0,40}\b(?:after|once|when)\s+(?:i|you|it'?s|its|it is|this is)\s+"
    r"(?:send|sent|press send|submit|submitted|confirm|confirmed)\b|"
    r"\b(?:after|once|when)\s+(?:i|you)\s+(?:send|submit|confirm)\s+(?:it|this|the request|my request)\b[^.?!]{0,20}"
    r"\b(?:what happens|then what|what next|what now|what do you do)\b|"
    # when the call comes ("what happens next then, they ring me when?": play-test 63, a new call back started)
    r"\b(?:they|you|the clinic|someone|somebody)\s+(?:ring|call|phone|contact|get back to)\s+me\s+when\b"
    r"(?=\s*(?:\?|$|[,.!]))|"
    r"\bwhen\s+(?:will|do|would|are)\s+(?:they|you|the clinic|someone|somebody)\s+(?:going to\s+)?(?:ring|call|phone|"
    r"contact|get back to)\s+me\b|"
    # a confirmation asked for ("will i get an email?", "like a confirmation email for my booking": play-test 257, a
    # menu, then a second request began)
    r"\b(?:will|do|would|shall)\s+i\s+(?:get|receive|be\s+sent)\s+(?:an?\s+)?(?:confirmation\s+)?(?:e-?mail|text|sms|"
    r"confirmation|message)\b|\bconfirmation\s+(?:e-?mail|text|sms|message)\b|"
    # how ("gracias. they call me or email? i speak english not so good on phone": play-test 93, a second call back
    # started; "they'll ring me not her right?", play-test 137)
    rf"{HOW_CONTACTED}",
    re.IGNORECASE,
)
# the answers that a booking asked for beside them makes no question of their own (what the booking itself is)
_NO_ANSWER_BESIDE_A_BOOKING = {"faq/consultation", "faq/appointments", "faq/clinic_info", "faq/price"}
# a booking asked for in a sentence of its own after another ("… but whatever. can I book for next thursday evening?")
_BOOKING_ASKED_AFTER = re.compile(
    r"[.!?;]\s*(?:(?:ok|okay|so|right|anyway|fine|and|but)\W+)*(?:(?:can|could|may)\s+i\s+(?:book|get\s+booked)|"
    r"(?:i'?d|id|i\s+would)\s+like\s+to\s+book|(?:please\s+)?book\s+me\s+in)\b",
    re.IGNORECASE,
)
# a booking asked for in so many words, beside a question about what follows ("can i book one? will i get a confirmation
# email?")
_BOOKING_ASKED_TOO = re.compile(
    r"\b(?:book|booking)\s+(?:a|an|me|one|in)\b|\b(?:i'?d|i\s+would|id)\s+like\s+to\s+book\b|\bcan\s+i\s+book\b",
    re.IGNORECASE,
)
# a request sent before, or an appointment, to be cancelled ("cancel a consultation request i sent the other day, the
# reference is MN-4KQ7", "how do i cancel a request i already sent")
A_SENT_ONE_CANCELLED = re.compile(
    r"\bcancel\w*\b[^.?!]{0,40}\b(?:request|booking|consultation|appointment)\b[^.?!]{0,30}\b(?:sent|made|booked|"
    r"already|before|earlier|the other day|yesterday|last week|reference|ref)\b|"
    r"\bcancel\w*\b[^.?!]{0,40}\bmn-[a-z0-9]+|"
    # ("hi i sent a consultation request on here the other day, can i cancel it please": play-test 126, a new booking
    # began, and then "I've cancelled that")
    r"\b(?:i|we)\s+(?:sent|made|did|booked)\s+(?:a|an|my|the)\s+(?:\w+\s+)?(?:request|booking|consultation|"
    r"appointment|call ?back)\b[^?!]{0,60}\bcancel\w*\s+(?:it|that|this)\b",
    re.IGNORECASE,
)
# waiting for the clinic to be in touch, said ("forget it, I'll wait for the call. bye"): the request kept, not
# cancelled
WAITS_FOR_THE_CLINIC = re.compile(
    r"\b(?:i'?ll|ill|i will|i'?m going to|im going to|i'?m gonna|im gonna|i can|happy to)\s+(?:just\s+)?wait\s+"
    r"(?:for\s+(?:the|their|your|a|them\s+to)\s+(?:call|ring|phone\s*call|email|reply|text|get\s+back|contact\s+me)|"
    r"for\s+(?:them|you|the\s+clinic)\s+to\s+(?:call|ring|phone|get\s+back|email|text|contact))\b",
    re.IGNORECASE,
)
# "never mind. could we make it a bit later in the day": "never mind" then a change, no stop (thirteenth play-test)
NEVER_MIND_BUT = re.compile(
    r"\bnever ?mind\b[\s.,!]*(?:could|can|would|make|let'?s|how about|what about|actually|just|instead)\b|"
    # "ugh ok forget it, the 23rd afternoon then", "forget it, leave it as monday 14th afternoon" (play-tests 150 and
    # 144: the request cancelled): what was asked about is dropped, and the time said is the time
    r"\b(?:forget (?:it|that)|scratch that|never ?mind)\b[\s.,!-]*(?:(?:just|then|ok|okay|so)\s+)?(?:the\s+\d|\d|"
    r"(?:on|next|this)\s+\w|mon|tue|wed|thu|fri|sat|sun|tomorrow|tmrw|leave it as|keep it as|make it|go with)",
    re.IGNORECASE,
)
# a call back asked for anew, in words the reference's questions share ("request a call back please")
A_NEW_CALL_BACK = re.compile(
    r"^\W*(?:(?:ok|okay|please|pls|so|then|yes|yeah|just)\W+)*(?:request|book|get|arrange|set up|organi[sz]e|"
    r"schedule)\s+(?:me\s+)?(?:a|the)\s+call\s*-?\s*back\b|"
    r"\bi\s+(?:asked|said|wanted|want|need|'?d like|would like)\s+(?:for\s+)?(?:a|the)\s+call\s*-?\s*back\b",
    re.IGNORECASE,
)
# "well it's for Sophie, Sophie Whitfield": who the request is for, by name (thirteenth play-test)
# a call back asked for ("can someone call me back", "please ring me"), not asked about ("will they call me back?")
ASKS_TO_BE_CALLED = re.compile(
    # ("Can somebody just ring me and I'll ask them about the warfarin": play-test 36, the suitability answer alone)
    # ("… quiero que la clinica me llame, can they call me back?": play-test 46, the advice had said again)
    # ("typical. ive been on hold before with you lot. cant someone just ring ME": play-test 246, the suitability
    # answer)
    r"\b(?:can|could|would|can'?t|cant|cannot|couldn'?t|couldnt|why\s+can'?t|why\s+cant)\s+(?:someone|somebody|you|"
    r"the clinic|a nurse|the nurse|one of you|they|the team)\s+"
    # ("can someone from the clinic ring me about the vouchers?": play-test 63, the vouchers' answer again)
    r"(?:from\s+(?:the\s+)?clinic\s+)?(?:(?:please|just)\s+)*(?:call|ring|phone|give me a call)\b|"
    # ("can you get someone from the clinic to call her on monday": play-test 37, a consultation was started)
    r"\b(?:get|have|ask)\s+(?:someone|somebody|the clinic|a nurse|the nurse|them|one of you)\s+(?:from the clinic\s+)?"
    r"to\s+(?:call|ring|phone)\b|\b(?:please|pls|plz)\s+(?:call|ring|phone)\s+me\b|"
    # ("i want the clinic know about this. they can call me?": play-test 113, only the advice had was answered)
    r"\b(?:they|you|the clinic|clinic|someone|somebody)\s+can\s+(?:call|ring|phone)\s+me\b|"
    r"\bi'?d (?:like|prefer|rather have) a (?:call|ring|phone call|call back|callback)\b|"
    # "just want the clinic to call me tomorrow at 10am" (play-test 27: only the paramedics' advice was answered)
    r"\b(?:want|need|like|would like|'d like)\s+(?:the clinic|someone|somebody|you|a nurse|the nurse|them|you guys)\s+"
    r"to\s+(?:call|ring|phone)\b|"
    # "no im fine now!! it already happened, paramedics came. i just want the call back" (play-test 28: the advice
    # again, and the paused call back not picked up)
    r"(?<!do )(?<!should )(?<!will )(?<!would )\bi (?:just |only |still |really )?(?:want|need|'?d like) "
    r"(?:the |a |my )?(?:call ?back|call-back)\b",
    re.IGNORECASE,
)
# a number to be called on, said with it ("fine call me 07700 900987", "ring me back on +44 7700 900987")
CALL_ME_ON = re.compile(
    r"(?<!\bdon't )(?<!\bdont )(?<!\bnot )\b(?:call|ring|phone)\s+(?:me|us)\s+(?:back\s+)?(?:on\s+|at\s+)?"
    r"(?=(?:\+|0)\d[\d ]{7,}\d)",
    re.IGNORECASE,
)
# what happened, asked to be passed on to the clinic ("can you tell the clinic whats happened so they know? his name is
# Tom Reyes", after the emergency answer: play-test 112, "nothing here to change" and a consultation offered): a call
# back, which is how this assistant tells the clinic anything
PASS_IT_ON = re.compile(
    r"\b(?:tell|let|inform|message|notify|warn)\s+(?:the clinic|them|the team|the practitioner|the nurse)\s+"
    r"(?:know\s+)?(?:about\s+)?(?:what'?s|whats|what has|what)\s+(?:happened|happening|going on)\b",
    re.IGNORECASE,
)
# what a message may change beside saying to send (`says_send`): the change comes first
# (and a part taken out: "can u take the 'obviously lol' out of that first … then send", play-test 246, sent as it was)
# how sure the classifier is of a question asked beside a detail, at least, for it to be answered (a part it is less
# sure of is left, as a message it is unsure of is)
SURE_OF_A_QUESTION = 0.6
CHANGED_BEFORE_SENDING = ("concern", "note", "phone", "email", "person", "time", REMOVED_ENTITY)
# the walk-through's intents, which a note's words may read as ("next session")
WALK_THROUGH_INTENTS = ["next_step", "previous_step", "start_guide", "show_step"]
# the request's note that it is for someone under 18 taken back: the line removed, or the person an adult
AN_ADULT = re.compile(
    r"\b(?:remove|delete|take\s+(?:off|out)|drop|get\s+rid\s+of|scrap)\b[^.?!]{0,20}\bunder[- ]?(?:18|eighteen)\b|"
    r"\bunder[- ]?(?:18|eighteen)\b[^.?!]{0,30}\b(?:wrong|mistake|not right|isn'?t right|remove|delete|off)\b|"
    r"\b(?:i'?m|im|i\s+am)\s+(?:an?\s+)?(?:adult|grown[- ]?up)\b|"
    r"\b(?:it'?s|its|it\s+is|the\s+(?:consultation|request|booking|appointment)\s+is)\s+for\s+me\b[^.?!]{0,20}"
    r"\b(?:not|rather than)\s+(?:my|her|his)\b|"
    # (the request said to be for them: "which is better for me, im 29, oily skin" asks, play-test 54, "nothing here to
    # change")
    r"\b(?:is|it'?s|its|this is|that'?s|thats)\s+for\s+me\b[^.?!]{0,10}\b(?:i'?m|im|i\s+am)\s+(?:1[89]|[2-9]\d)\b|"
    # "no thats wrong, im 44! the under 18 thing was my daughter", "can i book for me instead?" (play-test 53: the
    # mother's own request kept her daughter's age)
    r"\bunder[- ]?(?:18|eighteen)\b[^.?!]{0,25}\b(?:was|is|meant|means)\s+(?:about\s+|for\s+)?(?:my|our)\s+"
    r"(?:daughter|son|child|kid|girl|boy)\b|"
    r"\bfor\s+(?:me|myself)\s+(?:instead|rather)\b|\b(?:book|booking)\s+(?:me|myself)\s+(?:in\s+)?instead\b|"
    # ("I might book in for myself, I've got some fine lines" after "my daughter is 16": play-test 78, the mother's
    # request said to be for someone under 18)
    r"\b(?:book|booking|appointment|consultation)\b[^.?!]{0,15}\bfor\s+myself\b|"
    r"\b(?:this|it)(?:'s|s|\s+is)\s+for\s+me\s+not\s+(?:my|her|his)\b",
    re.IGNORECASE,
)
# an age of 18 or over said ("im 44!"): the entity alone, which takes the note back inside a request, never a
# correction of its own ("im 45 and diabetic, can I have it?" is a question)
OF_AGE = re.compile(
    r"\b(?:i'?m|im|i\s+am)\s+(?:1[89]|[2-9]\d)\b(?!\s*(?:weeks?|wks?|months?|days?|mins?|minutes?|hours?|hrs?|%|x\b))",
    re.IGNORECASE,
)
# a call back said not to be wanted ("no call back thanks", "dont call me"): core/words.py
NO_CALL_WANTED = re.compile(NO_CALL, re.IGNORECASE)
# a call back said not to be wanted, in so many words
# a call back someone else makes, waited for ("a wait of 40 mins for a call back", "111 will ring me back")
SOMEONE_ELSES_CALL_BACK = re.compile(
    r"\bwait\w*\s+(?:of\s+[^.?!]{0,25}?\s+)?for\s+(?:a|the|their|them|111|nhs\s*111)?\s*(?:to\s+)?"
    r"(?:call\s*-?\s*back|ring\s*back|callback)|"
    # (not a call back asked for: "can they ring me back tonight", play-test 239's own words, its call back dropped)
    r"(?<!\bcan\s)(?<!\bcould\s)(?<!\bcan't\s)(?<!\bcant\s)"
    r"\b(?:111|nhs|they|the\s+nurse|the\s+doctor|the\s+gp|my\s+gp|the\s+paramedics?)\s+(?:will\s+|'ll\s+|are\s+going\s+to\s+|"
    r"is\s+going\s+to\s+|should\s+|said\s+they'?d\s+)?(?:call|ring|phone)\s+(?:me\s+|us\s+)?back\b",
    re.IGNORECASE,
)
CALL_BACK_DECLINED = re.compile(
    r"\b(?:don'?t|dont|do\s+not|doesn'?t|no|not)\s+(?:really\s+)?(?:need|want|wanna|needing|wanting)\s+(?:a\s+|any\s+|the\s+)?"
    r"(?:call\s*-?\s*back|phone\s*call|calls?|ring)\b|"
    r"\b(?:don'?t|dont|do\s+not|never|pls\s+don'?t|please\s+don'?t)\s+(?:phone|call|ring)\s+me\b|"
    r"\bno\s+(?:phone\s+)?calls?\b|\bno\s+call\s*-?\s*backs?\b",
    re.IGNORECASE,
)
# a call back asked about, not asked for: "wait no, will that cancel my call back??" (browser play-test 4: a new
# request was started at the question whether deleting one's data cancels it)
ONES_CALL_BACK = re.compile(
    r"\bmy\s+call[\s-]?back\b|\b(?:cancel\w*|delet\w*|affect\w*|stop\w*)\b[^.?!]{0,30}\bcall[\s-]?back\b|"
    # one asked for before, or not wanted again ("i requested a call back on friday and NOBODY called", "i dont want
    # ANOTHER call back": play-test 136, a new call back begun twice)
    r"\b(?:requested|asked for|booked|put in for|arranged)\s+(?:a|the|my)\s+call[\s-]?back\b|"
    r"\b(?:don'?t|dont|do not)\s+want\s+(?:another|a new|one more|a second)\s+call[\s-]?back\b",
    re.IGNORECASE,
)
IT_IS_FOR_NAMED = re.compile(rf"{FOR_WHOM}[A-ZÀ-Ý][a-zà-ÿ'’-]+\b")
# "no actually, id rather you didnt keep my details": a no to keeping them (the consent question's), whatever the
# classifier read (found by the fourteenth play-test: "never mind", and the consent was asked again)
DECLINES_KEEPING = re.compile(
    r"\b(?:(?:i'?d )?rather (?:you )?(?:didn'?t|did not|not)|(?:please )?(?:don'?t|do not|dont)|"
    r"no,? (?:you )?(?:can'?t|may not))"
    r"\s+(?:keep|store|save|hold)\s+(?:my|any of my|the)\s+(?:details|data|info|information|number|email)\b",
    re.IGNORECASE,
)
# consent to keeping the details taken back ("I withdraw my consent", "i dont consent anymore")
CONSENT_WITHDRAWN = re.compile(
    r"\b(?:withdraw|withdrawing|withdrew|take back|taking back|revoke|revoking|retract|cancel)\s+(?:my\s+|the\s+)?"
    r"consent\b|\b(?:no longer|don'?t|dont|do not)\s+(?:give\s+(?:my\s+)?)?consent\b|\bconsent\s+(?:is\s+)?"
    r"(?:withdrawn|revoked|taken back)\b",
    re.IGNORECASE,
)
# a consultation asked for someone else: "a consultation for my boyfriend", "book my daughter in"
FOR_SOMEONE_ELSE = re.compile(
    rf"\b(?:book|booking|consultation|appointment)\b[^.?!]{{0,30}}\bfor (?:my|our) (?:{alternatives(RELATIVES)})\b|"
    rf"\bbook (?:my|our) (?:{alternatives(RELATIVES)}) in\b",
    re.IGNORECASE,
)
ASKS_IF_FREE = "asks_if_free"  # read by actions/booking_form.py
# a free time asked about ("any slots free", "is … available", "do you have space")
FREE_TIME_ASKED = re.compile(
    r"\b(?:slots?|space|spaces|openings?|appointments?|anything)\b[^.?!]{0,25}\b(?:free|available)\b",
    re.IGNORECASE,
)
# the earliest time asked for ("whats the earliest consultation u have", "how soon can i be seen")
EARLIEST_ASKED = re.compile(
    r"\b(?:earliest|soonest|first available|next available|first free|next free)\s+(?:consultation|consult|"
    r"appointment|appt|slot|booking)s?\b|\b(?:earliest|soonest)\s+(?:time|date|day|one)\s+(?:you|u|ya)\s+(?:have|"
    # (not "how soon can i get it done after giving birth", which asks whether one can have it)
    r"got|can|could)\b|"
    r"\bhow soon can (?:i|you|someone)\s+(?:be seen|see me|fit me in|get (?:an?\s+)?(?:appointment|appt|"
    r"consultation))\b(?![^.?!]{0,40}\b(?:after|once|since|while)\b)",
    re.IGNORECASE,
)
# ... or the time itself asked to be free ("is monday 7th at 1pm available"): words before and after the time entity
FREE_TIME_BEFORE = re.compile(r"\b(?:is|are)\s+(?:the\s+)?$", re.IGNORECASE)
FREE_TIME_AFTER = re.compile(r"^\s+(?:still\s+)?(?:free|available)\b", re.IGNORECASE)
# "push it an hour later", "can we make it half an hour earlier": the time said before moved, a correction whatever
# the classifier read ("an hour" is also how long a treatment takes: found by the tenth play-test)
MOVES_THE_TIME = re.compile(TIME_SHIFT, re.IGNORECASE)
# the clinic asked to get in touch another way than the request says ("ask them to call my landline instead", "tell
# them to email me not ring")
THEM_TO_CONTACT_INSTEAD = re.compile(
    r"\b(?:ask|tell|get)\s+(?:them|the\s+clinic|the\s+team|reception)\s+to\s+(?:call|ring|phone|text|email|contact)\b"
    r"[^.?!]*\b(?:instead|not\s+(?:my|the|on|ring|call|phone|text|email)|rather\s+than)\b",
    re.IGNORECASE,
)
MOVE_IT = re.compile(
    r"\b(?:push|move|bring|make|shift|change|swap|switch)\s+(?:it|that|the\s+(?:time|day|date|appointment|booking))\b",
    re.IGNORECASE,
)
# "well its for my son, Jamie Reid": who the request is for, with their name (a statement of details, not a question
# about a son's suitability: found by the tenth play-test)
IT_IS_FOR = re.compile(
    rf"\b(?:it'?s|its|it is|this is|that'?s|is) for (?:my|our) (?:{alternatives(RELATIVES)})\b", re.IGNORECASE
)
# "can they call in the afternoon instead", "could they ring after 3 rather than the morning": the time of a call moved
CALL_MOVED = re.compile(r"\b(?:instead|rather than)\b", re.IGNORECASE)
# "change it to a consultation", "can it be a consultation instead": the kind of request changed (a call back changes by
# its own words, `kind_entity`), not a detail (found by the eleventh play-test)
TO_A_CONSULTATION = re.compile(
    r"\b(?:to|into|be|as)\s+(?:a\s+|an\s+)?(?:consultation|in[- ]person (?:visit|appointment))\b|"
    r"\bconsultation instead\b",
    re.IGNORECASE,
)
# "monday would suit", "how about friday at 3?": a day or time and nothing else but these words, whatever the classifier
# read ("suit" is also a word of suitability: found by the eleventh play-test)
AROUND_A_TIME = frozenset(
    "would will should suit suits suited works work working ok okay is fine good best better great perfect for me us "
    "her him please pls plz then that yes yeah yep and or maybe probably ideally i can could do how about what if "
    "possible be it's its that's thats preferably prefer "
    # "next sat not this", "tues instead", "pm actually" (play-test 27)
    "not this one instead actually rather no nope wait hang on "
    # ("no i said THURSDAY at 7.30 not monday" at the consent question: play-test 243, read as a no, and the request
    # dropped)
    "said meant mean told you".split()
)
# a day or time said not to be meant ("no the 15th not the 16th" at the consent question: play-test 140, read as a no
# to keeping the details, and the request stopped): read past beside the time meant
NOT_THIS_TIME = re.compile(
    r"\b(?:not|rather than|instead of)\s+(?:the\s+|on\s+|at\s+)?(?:\d{1,2}(?:st|nd|rd|th)?(?:[:.]\d{2})?\s*(?:am|pm)?|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?)(?!\w)",
    re.IGNORECASE,
)
# a pause read as something else (core/words.py PAUSE), unless a booking is named with it
PAUSES = re.compile(PAUSE, re.IGNORECASE)
NAMES_A_BOOKING = re.compile(r"\b(?:book\w*|consult\w*|appointment|session|treatment|call ?back)\b", re.IGNORECASE)
# a question the classifier answers ("what time does the clinic shut tonight?") names a detail's word and a time,
# but changes nothing (found by the tenth play-test: "nothing here to change")
# (after "and", "so": "and what time do you open tomorrow, I'll call then", play-test 42, was read as a change of the
# time of a request cancelled before, which was picked up again)
ASKS = re.compile(
    # ("hi what time are you open till on weekdays and are you open on boxing day": play-test 60, read as a change of
    # the time, "there's nothing here to change")
    r"^\W*(?:(?:and|so|ok|okay|oh|but|btw|hi|hiya|hey|hello|hmm+|um+)\W+)*"
    r"(?:what|when|how|where|why|which|who|do|does|is|are|can|could|will|would)\b",
    re.IGNORECASE,
)
# a sentence after the first that opens as a question ("forget it. what time do you close tonight btw", found by the
# seventeenth play-test: read as a change of the time)
# (or a question asked as a request: "i said I cancelled it! just tell me what time you open tomorrow", play-test 42)
ASKS_AFTER = re.compile(
    r"[.!;]\s+(?:(?:and|so|ok|btw|oh)\W+)*(?:what|when|how|where|why|which|who|do|does|is|are|can|could|will|would)\b|"
    r"\b(?:tell me|let me know|i (?:need|want) to know)\s+(?:what|when|how|where|which|whether|if)\b",
    re.IGNORECASE,
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class BookingDetailsRequest(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent": "book_consultation",
            "details": ["person", "email", "phone", "time"],
            "min_details": 2,
            "from_intents": ["inform", "nlu_fallback", "out_of_scope"],
            # a day or time asked to be free ("is monday 7th at 1pm available"): a request to book
            "free_time_from_intents": ["faq", "inform", "nlu_fallback", "out_of_scope"],
            "correction_intent": "correct_booking",
            # a statement of details ("its for my son, Jamie Reid"): the form takes them; outside it, a consultation
            # is offered
            "details_intent": "inform",
            # the entity naming a detail (data/nlu/booking.yml), and the entities that carry each detail's value
            "field_entity": "booking_field",
            # a note for the clinic (components/entities.py): a change to what the request is about
            "note_entity": "note",
            "field_values": {
                "booking_name": ["person"],
                "booking_contact": ["email", "phone"],
                "booking_time": ["time"],
                "booking_concern": ["concern"],
            },
            "correction_from_intents": [
                # ("could you please make a note so they ask for Margaret when they ring?": play-test 54, the
                # reference's answer, twice)
                "ask_reference",
                "faq",
                "inform",
                "nlu_fallback",
                "out_of_scope",
                "deny",
                "affirm",
                "never_mind",
                "unsure",
            ],
            # "remove the gmail, just the phone is fine", "delete my email from the request": one detail taken out of
            # a request is a correction, not a request to delete the person's data
            # ("remove the note" read as a stop: play-test 49, the request was cancelled)
            # (ask_reference: "i didnt ask about a reference … can you remove the phone and just keep the email?",
            # play-test 54, the reference's answer again and the phone kept)
            "removal_from_intents": ["delete_my_data", "nlu_fallback", "inform", "stop", "ask_reference"],
            # a name given again against the one it replaces (RESPELT)
            "name_correction_from_intents": ["inform", "nlu_fallback", "out_of_scope", "faq", "deny"],
            # a day or time with nothing else but words around it (AROUND_A_TIME) read as something else
            # ("next sat" was the walk-through's next step: play-test 27)
            "time_alone_from_intents": [
                # ("no wait thursday not tuesday" at the concern prompt: play-test 55, read as "no" and the concern
                # skipped, the day never changed)
                "deny",
                "faq",
                "nlu_fallback",
                "out_of_scope",
                "unsure",
                "affirm",
                "next_step",
                "previous_step",
            ],
            # a message that opens with a detail of the request, read as asking for a person: the detail (the request
            # is the way to a person, and the words after it are for the clinic)
            "leading_detail_from_intents": ["request_human"],
            # (not a name: "Sarah here, can I talk to a real person?" asks for one)
            "leading_details": ["email", "phone", "time"],
            # a farewell (FAREWELL) read as something else
            "goodbye_intent": "goodbye",
            "goodbye_from_intents": ["nlu_fallback", "inform", "out_of_scope", "thank", "unsure", "deny"],
            # the request left for later (LATER) read as something else
            "later_from_intents": ["nlu_fallback", "inform", "out_of_scope", "thank", "unsure", "never_mind", "deny"],
            # an unmistakable "stop" (STOPS) read as something else
            "stop_intent": "stop",
            # a pause ("can we finish this later?", "not now … i come back later for the day") read as something else
            "pause_from_intents": ["book_consultation", "nlu_fallback", "inform"],
            "stop_from_intents": ["nlu_fallback", "inform", "out_of_scope", "deny", "affirm", "unsure", "thank"],
            # the note that the request is for someone under 18 taken back (AN_ADULT), read as something else
            "adult_entity": "age_group",
            "adult_from_intents": ["delete_my_data", "stop", "faq", "deny", "nlu_fallback", "inform", "never_mind"],
            # a call back asked for in words
            "kind_entity": "request_kind",
            # what a question part that asks for the call itself is read as (the clinic's hours and contact): the call
            # back answers it ("can the clinic ring me tomorrow too?")
            "answered_by_the_call": ["faq/clinic_info", "faq/unknown_other"],
            "kind_from_intents": [
                "request_human",
                "nlu_fallback",
                "out_of_scope",
                "inform",
                "correct_booking",
                "start_guide",  # "call back pls" started the walk-through (thirteenth play-test)
                "previous_step",  # ... and, read as "back", went a step back (play-test 27)
                "next_step",
            ],
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = {**self.get_default_config(), **config}

    def _without_the_kind(
        self, message: Message, entities: List[Dict[Text, Any]], within: Optional[List[Tuple[int, int]]] = None
    ) -> List[Dict[Text, Any]]:
        """The message's entities without the kind of request asked for (`kind_entity`), or without those of it that
        start within the spans `within`, set on the message."""
        kept = [
            entity
            for entity in entities
            if entity.get("entity") != self.config["kind_entity"]
            or (within is not None and not any(start <= entity.get("start", -1) < end for start, end in within))
        ]
        message.set(ENTITIES, kept, add_to_output=True)
        return kept

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "BookingDetailsRequest":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):  # a button's payload says what it means
                continue
            intent = (message.get(INTENT) or {}).get("name")
            entities = message.get(ENTITIES) or []
            call_times = [e for e in entities if e.get("entity") == NOTE_ENTITY and e.get("role") == CALL_TIME_ROLE]
            if call_times:
                # "the 6pm is for when they PHONE me": when to ring, said in a note, asks for no call back (play-test
                # 101: the consultation was made a call back)
                entities = [
                    entity
                    for entity in entities
                    if entity.get("entity") != self.config["kind_entity"]
                    or not any(note["start"] <= entity.get("start", -1) < note["end"] for note in call_times)
                ]
                message.set(ENTITIES, entities, add_to_output=True)
                others = {entity.get("entity") for entity in entities} - {NOTE_ENTITY}
                if (
                    intent in self.config["correction_from_intents"] + [self.config["intent"]]
                    and not others & set(self.config["details"])
                    and "?" not in " ".join(str(note.get("value")) for note in call_times)
                ):
                    # "could you ask them to ring before 11 then please" once a request was sent (play-test 163: a new
                    # call back began, asking the name): when to ring is said of the request there is, a change to
                    # it (data/rules/booking.yml), or, with none, one is offered
                    self._set(message, self.config["correction_intent"])
                    continue
            if intent == "delete_my_data" and ASKS_IF_DELETED.search(text):
                # "just checking, you didnt delete anything earlier did you? my details are all there?" (play-test 202:
                # a deletion offered, with its button): what the request holds, shown
                self._set(message, "ask_reference")
                continue
            # (read as the deletion already, it stays one: not the removal of a detail, `removal_from_intents`)
            if (
                intent
                in (
                    self.config["intent"],
                    "ask_reference",
                    "correct_booking",
                    "stop",
                    "delete_my_data",
                )
                and DELETION_ASKED.search(text)
                and not (intent == "delete_my_data" and DELETE_LATER.search(text))
            ):
                # "i actually booked a consultation on here last week, yasmin khan. can you delete my details pls"
                # (play-test 201: a new request began, asking her name): the deletion asked for
                self._set(message, "delete_my_data")
                continue
            if intent == self.config["intent"] and CANCEL_ASKED.search(text) and REBOOKED_LATER.search(text):
                # "hmm ok. sorry can u cancel it, ill rebook after christmas" (play-test 166: a new request began)
                self._set(message, self.config["stop_intent"])
                continue
            if intent in ("ask_reference", "nlu_fallback", "inform", "affirm", "never_mind") and BOOK_ME_IN_LAST.search(
                text
            ):
                self._set(message, self.config["intent"])
                continue
            if intent == RETRIEVAL_INTENT and _BOOKING_ASKED_AFTER.search(text):
                # "hmm ok. I meant wearing makeup AFTER but whatever. can I book for next thursday evening? after work,
                # like 7ish" (play-test 256: the makeup answered, the booking dropped): the request, with the question
                # before it answered as it begins (actions/booking_form.py), as the classifier answered the message
                selected = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("response") or {}
                if (
                    not message.get("questions")
                    and selected.get("intent_response_key")
                    and selected.get("intent_response_key") not in _NO_ANSWER_BESIDE_A_BOOKING
                ):
                    message.set("questions", [dict(selected)], add_to_output=True)
                self._set(message, self.config["intent"])
                continue
            if (
                intent in self.config["correction_from_intents"] + [self.config["intent"]]
                and THEM_TO_CONTACT_INSTEAD.search(text)
                and not {entity.get("entity") for entity in entities} & {"person"}
            ):
                # "could you ask them to call my landline instead, 020 7946 0111" (play-test 165: a new call back
                # began, twice, though he said it was the same one): a change to the request there is
                self._set(message, self.config["correction_intent"])
                continue
            if (
                intent == self.config["intent"]
                and MOVE_IT.search(text)
                and any(entity.get("entity") == "time" for entity in entities)
                and not {entity.get("entity") for entity in entities} & {"person", "phone", "email"}
            ):
                # "change the time on the call back to monday before 11am" (play-test 163: the request stopped before
                # it was picked up, and the name asked): a change, whatever request it names
                self._set(message, self.config["correction_intent"])
                continue
            called_on = (
                CALL_ME_ON.search(text)
                or PASS_IT_ON.search(text)
                # ("Can someone from the clinic call her tomorrow please?": play-test 114, only the advice had answered)
                or (None if ONES_CALL_BACK.search(text) else ASKS_TO_BE_CALLED.search(text))
            )
            if called_on and not any(entity.get("entity") == self.config["kind_entity"] for entity in entities):
                # "fine call me 07700 900987" right after a call back was offered (play-test 113: a consultation
                # offered for it as a concern): a call back asked for on that number ("call me Tom" is a name, and
                # no number follows it); or what happened, to be passed on (`PASS_IT_ON`)
                entities = entities + [
                    {
                        "entity": self.config["kind_entity"],
                        "value": "call_back",
                        "start": called_on.start(),
                        "end": called_on.end(),
                        "extractor": self.__class__.__name__,
                    }
                ]
                message.set(ENTITIES, entities, add_to_output=True)
            if CONSULTATION_ASKED.search(text) and WHO_TO_CALL.search(text):
                # "I'm booking a consultation for my wife … please call me not her" (play-test 124: a call back began):
                # whom to call about the consultation asked for, not a call back instead of it
                entities = self._without_the_kind(message, entities)
            kinds = {entity.get("entity") for entity in entities} & set(self.config["details"])
            asks_a_call_back = any(entity.get("entity") == self.config["kind_entity"] for entity in entities)
            asked_whether = [found.span() for found in _WHETHER_THEY_RING.finditer(text)]
            if asks_a_call_back and asked_whether:
                # "Will they ring me to confirm? I don't want to just turn up on the Monday" at a consultation's summary
                # (play-test 256: the request made a call back): asked how the clinic will be in touch, no call back
                entities = self._without_the_kind(message, entities, within=asked_whether)
                asks_a_call_back = any(entity.get("entity") == self.config["kind_entity"] for entity in entities)
                if not asks_a_call_back and intent in (self.config["intent"], "nlu_fallback"):
                    # ("lovely thanks. will someone ring me tomorrow then?" once sent: what follows it)
                    self._set(message, "ask_reference")
                    intent = "ask_reference"
            if asks_a_call_back and CALL_BACK_DECLINED.search(text):
                # "no i dont need a call back, i just wanted to ask", "please dont phone me, email only" (play-test 214:
                # a call back begun, three times): no call back asked for
                entities = self._without_the_kind(message, entities)
                asks_a_call_back = False
            others_call = [found.span() for found in SOMEONE_ELSES_CALL_BACK.finditer(text)]
            if asks_a_call_back and others_call:
                # "they said theres a wait of like 40 mins for a call back", of NHS 111 (play-test 235: the clinic's
                # call back began, and "What's your name?" to someone shivery, asking whether he could sleep): the call
                # back named is theirs
                entities = self._without_the_kind(message, entities, within=others_call)
                asks_a_call_back = any(entity.get("entity") == self.config["kind_entity"] for entity in entities)
            # (beside a time of their own plan: "Lovely, I'll ring them tomorrow then. Goodnight", play-test 246, read
            # as a time to book and a consultation offered)
            farewell = bool(FAREWELL.search(text)) and (not kinds or (kinds <= {"time"} and OWN_PLAN.search(text)))
            if (
                intent in ("never_mind", "nlu_fallback", "stop", "deny", "inform", "affirm", "goodbye")
                and BOOK_AFTER_ALL.search(text)
                # ("stop i changed my mind dont book it": the held-out set, read as a request to book)
                and not NOT_WANTED.search(text)
            ):
                # (before a farewell: "go on then book it after all, same as before", play-test 132, "No problem")
                self._set(message, self.config["intent"])
            elif intent in self.config["stop_from_intents"] + ["stop", "never_mind"] and JUST_ME.search(text):
                # "forget it, just me then. she can sort her own. saturday?" after another person's request was asked
                # for (play-test 191: the whole request cancelled): the other person's dropped, this one goes on
                self._set(message, self.config["details_intent"])
            elif (
                intent in self.config["stop_from_intents"] + ["stop", "never_mind"]
                and farewell
                and NEVER_MIND.search(text)
            ):
                # "never mind, bye" after a request was sent is no request to cancel it (eleventh play-test)
                self._set(message, self.config["goodbye_intent"])
            elif (
                intent in ("ask_reference", "nlu_fallback", "deny", "inform", "correct_booking")
                and WHEN_THEY_RING_ASKED.search(text)
                # (a time asked for instead: MOVE_IT, or these words)
                and not MOVE_IT.search(text)
                and not re.search(r"\b(?:instead|rather than|switch|swap)\b|\b(?:change|move)\s+to\b", text, re.I)
            ):
                self._set(message, "ask_reference")  # WHEN_THEY_RING_ASKED
            elif intent in ("nlu_fallback", "deny", "inform", "correct_booking", "faq") and WHICH_DAY_ASKED.search(
                text
            ):
                self._set(message, "ask_reference")  # the day of the request, as it has it
            elif intent in ("nlu_fallback", "deny", "inform") and not farewell and NO_CHANGE.search(text):
                # "i dont want to change anything i was just checking lol" in a change to a request sent (play-test
                # 130: "didn't catch that"): the change not wanted, which keeps the request as it was
                self._set(message, "never_mind")
            elif intent in ("stop", "never_mind", "deny", "nlu_fallback") and WAITS_FOR_THE_CLINIC.search(text):
                # "forget it, I'll wait for the call. bye" after a call back was sent (play-test 239: its cancelling
                # asked to be confirmed): the request kept, and a farewell said as one
                self._set(message, self.config["goodbye_intent"] if farewell else "never_mind")
            elif intent in ("never_mind", "nlu_fallback", "faq", "stop", "inform") and DECLINES_KEEPING.search(text):
                self._set(message, "deny")
            elif intent in ("faq", "stop", "deny", "nlu_fallback", "inform", "never_mind") and CONSENT_WITHDRAWN.search(
                text
            ):
                # "I withdraw my consent" at the summary (play-test 62: the privacy answer, and the summary again): the
                # details not to be kept, which the deletion of the person's data asks to confirm
                self._set(message, "delete_my_data")
            elif (
                intent == "ask_reference"
                and asks_a_call_back
                and kinds & {"person", "phone"}
                and not re.search(r"\bmn-[a-z0-9]{3,}\b|\breference\b", text, re.IGNORECASE)
            ):
                # "ok im calling now. can you tell the clinic for me so they can ring me after? im Priya Shah 07700
                # 900214" (play-test 190: "I can't see a request sent in this chat"): a call back asked for, with who
                # to call
                self._set(message, self.config["intent"])
            elif intent in ("stop", "nlu_fallback", "faq", "never_mind", "deny") and STILL_ON_ASKED.search(text):
                # "just to check, the cancel didnt go through right? i dont want them thinking ive cancelled" (play-test
                # 125: how to cancel it, twice): whether the request still stands, asked (its details read back)
                self._set(message, "ask_reference")
            elif intent == self.config["intent"] and BOOKING_DECLINED.search(text) and not asks_a_call_back:
                # "i'm already booked in, you keep saying book a consultation lol. will they give me an aftercare sheet
                # on the day?" (play-test 86: a consultation request started): what else it asks
                self._set(message, RETRIEVAL_INTENT)
            elif intent == self.config["intent"] and GROUP_ASKED.search(text) and not kinds:
                self._set(message, RETRIEVAL_INTENT)
                self._answer(message, OWN_ARRANGEMENTS_ANSWER)
            elif intent in (
                "book_consultation",
                "nlu_fallback",
                "faq",
                "ask_reference",
            ) and A_SENT_ONE_CANCELLED.search(text):
                # "i want to cancel a consultation request i sent the other day, the reference is MN-4KQ7" (play-test
                # 100: a new consultation request started): to be cancelled, which the stop's answers say how
                self._set(message, "stop")
            elif intent in (
                "faq",
                "nlu_fallback",
                "inform",
                "out_of_scope",
                "delete_my_data",
            ) and DETAILS_SHOWN_ASKED.search(text):
                self._set(message, "ask_reference")  # DETAILS_SHOWN_ASKED
            elif intent in (
                "book_consultation",
                "nlu_fallback",
                "inform",
                "correct_booking",
                "affirm",
                "deny",
                "stop",
                "faq",
            ) and (
                CHANGE_LATER_ASKED.search(text)
                or APPOINTMENT_HELD_ASKED.search(text)
                or BOOKED_YET_ASKED.search(text)
                or (BOOKED_ASKED.search(text) and intent not in ("stop", "faq"))
            ):
                # whether it is booked, or how to change it later: what the request's reference answer says
                self._set(message, "ask_reference")
            elif intent in ("book_consultation", "nlu_fallback", "inform", "correct_booking") and (
                THEY_KNOW_ASKED.search(text) or BOOKED_ASKED.search(text)
            ):
                self._set(message, "ask_reference")
            elif intent in ("book_consultation", "nlu_fallback", "inform", "correct_booking", "faq") and (
                NOTE_SEEN_ASKED.search(text) and NOTE_NAMED.search(text)
            ):
                self._set(message, "ask_reference")
            elif (
                AFTER_SENDING_ASKED.search(text)
                and not kinds
                and not says_send(text)
                and not (intent == self.config["intent"] and _BOOKING_ASKED_TOO.search(text))
            ):
                # ("yes send it. will they ring me or email?" at the summary: the send, below)
                # "what happens next after i send this?" (play-test 50: the walk-through's first step): what the
                # request's reference answer says of what follows (actions/booking_submit.py)
                self._set(message, "ask_reference")
            elif OWN_TERMS_ASKED.search(text) and not kinds:
                self._set(message, RETRIEVAL_INTENT)
                self._answer(message, OWN_ARRANGEMENTS_ANSWER)
            elif intent == "delete_my_data" and DELETE_LATER.search(text):
                self._set(message, RETRIEVAL_INTENT)
                self._answer(message, PRIVACY_ANSWER)
            elif intent in ("faq", "ask_reference", "nlu_fallback") and WHO_SEES_IT_ASKED.search(text):
                # "who sees it? just the clinic yeah" at the consent question (play-test 249: who carries out the
                # treatment): who sees the details
                self._set(message, RETRIEVAL_INTENT)
                self._answer(message, PRIVACY_ANSWER)
            elif intent in ("ask_reference", "nlu_fallback") and STILL_HELD_ASKED.search(text):
                # "so does the clinic still have my details now or not?" (play-test 201: the reference, twice):
                # what is kept, and whom to ask about what the clinic holds
                self._set(message, RETRIEVAL_INTENT)
                self._answer(message, PRIVACY_ANSWER)
            elif (
                intent in ("affirm", "ask_reference", "nlu_fallback", "out_of_scope", "inform")
                and says_send(text)
                and any(entity.get("entity") in CHANGED_BEFORE_SENDING for entity in entities)
            ):
                # "concern should be stretch marks AND c section scar. then send" (play-test 55: sent as it was, the
                # change never made): the change, and the summary shown again with it, to send
                self._set(message, self.config["correction_intent"])
            elif (
                # ("hmm ok. you know what I'll just tell her tonight, she won't mind. send it", read as unsure:
                # play-test 256, "Sorry, I didn't catch that")
                intent
                in ("ask_reference", "nlu_fallback", "out_of_scope", "inform", "correct_booking", "unsure", "thank")
                and says_send(text)
                and not any(entity.get("entity") in CHANGED_BEFORE_SENDING for entity in entities)
            ):
                # "perfect send it. and will i get a confirmation email / text?" at the summary: the send (its reply
                # says the clinic will contact them to confirm), not the reference asked for (play-test 30: not sent);
                # "whatever just send it, paramedics want my phone off", not understood (play-test 33)
                self._set(message, "affirm")
            elif (
                intent in ("affirm", "deny")
                and YES_OR_NO_ASKED.search(text)
                and not APPOINTMENT_HELD_ASKED.search(text)
            ):
                # "is ok that my wife comes with me in the room? ja oder nein" at the summary: a question that asks for
                # a yes or a no, not one (play-test 34: the request was sent while he was asking)
                self._set(message, RETRIEVAL_INTENT)
            elif intent == self.config["goodbye_intent"] and kinds and not FAREWELL.search(text):
                # "tomorrow any time, im off work sick anyway" at the time prompt: the time, no goodbye (play-test 34:
                # the call back was cancelled)
                self._set(message, "inform")
            elif (BY_MISTAKE.search(text) and not kinds) or (BACK.match(text) and intent != self.config["intent"]):
                self._set(message, self.config["intent"])  # picks the stopped request up (data/rules/booking.yml)
            elif (
                intent in self.config["stop_from_intents"] + ["stop", "never_mind"]
                and asks_a_call_back
                and ASKS_TO_BE_CALLED.search(text)
                and not ONES_CALL_BACK.search(text)
            ):
                # "forget it, can someone just ring me to answer all this. im Marcus Adeyemi 07955 310778": the call
                # back asked for in place of the questions (play-test 49: "nothing has been cancelled", twice)
                self._set(message, self.config["intent"])
            elif (
                intent in self.config["stop_from_intents"] + [RETRIEVAL_INTENT, "correct_booking"]
                and CANCEL_ASKED.search(text)
                # (a day to book again later is no detail of it: "can u cancel it, ill rebook in jan", play-tests 161
                # and 165, not understood)
                and not (kinds - ({"time"} if REBOOKED_LATER.search(text) else set()))
            ):
                # "hmm actually can I cancel it? sorry just realised i might be away that week" (play-test 86: "I can't
                # tell you whether it's fine or whether it can wait … NHS 111"): the request to cancel it
                self._set(message, self.config["stop_intent"])
            elif (
                intent in self.config["stop_from_intents"] + ["stop", "correct_booking"]
                and THE_REQUEST_CANCELLED.search(text)
                and not kinds
            ):
                self._set(message, self.config["stop_intent"])  # (CANCELS_THE_REQUEST)
            elif intent in self.config["stop_from_intents"] and STOPS.search(text) and not NEVER_MIND_BUT.search(text):
                self._set(message, self.config["stop_intent"])
                if YES_FIRST.match(text):
                    # "yes cancel it thanks", to the question whether to cancel a request sent (play-test 160: not
                    # understood): the yes to it, as its "Yes, cancel it" button says (data/rules/booking.yml)
                    message.set(
                        ENTITIES,
                        (message.get(ENTITIES) or []) + [{"entity": "cancelling", "value": "yes"}],
                        add_to_output=True,
                    )
            elif (
                intent in self.config["pause_from_intents"]
                and PAUSES.search(text)
                and not asks_a_call_back
                and not kinds
                and not FAREWELL.search(text)  # "I'll come back. Goodbye.": a goodbye, which keeps it too
                # "can i book now and come back for the treatment later" (not "can i finish the booking later?")
                and not NAMES_A_BOOKING.search(PAUSES.sub(" ", text))
            ):
                # "sorry got to jump on a call, can we finish this later?" (play-test 44: "We're already requesting
                # your consultation, so let's carry on"): a pause, which the stop keeps (actions/booking_form.py)
                self._set(message, self.config["stop_intent"])
            elif intent in ("stop", "never_mind") and NEVER_MIND_BUT.search(text):
                self._set(message, self.config["correction_intent"])
            elif (
                # (`farewell` holds no detail: "Jo Smith, cheers" at the name prompt is the name)
                (intent in self.config["goodbye_from_intents"] and farewell)
                or (intent in self.config["later_from_intents"] and LATER.search(text) and not kinds)
                # ("ok whatever ill probably book a consult at some point. bye": play-test 241, a request began)
                or (intent == self.config["intent"] and LATER.search(text) and farewell)
            ):
                self._set(message, self.config["goodbye_intent"])
            elif (
                intent in ("book_consultation", "ask_reference", "faq", "nlu_fallback", "inform", "correct_booking")
                and any(entity.get("entity") == self.config["note_entity"] for entity in entities)
                and THE_ONE_SENT.search(text)
            ):
                # "the call back i just sent … can you add a note that they need to ask for Jade" (play-test 125: a
                # second request began): a note for the request sent, a change to it
                entities = self._without_the_kind(message, entities)
                self._set(message, self.config["correction_intent"])
            elif (
                intent in self.config["kind_from_intents"] + [self.config["intent"]]
                and asks_a_call_back
                and CALLED_NOT_EMAILED_SAID.search(text)
            ):
                # "actually id rather they call me than email": how the request's contact is reached, a change to it
                # (actions/booking_summary.py), not a call back asked for (play-test 49 made the consultation one)
                self._set(message, self.config["correction_intent"])
            elif (
                intent == self.config["correction_intent"]
                and asks_a_call_back
                and any(entity.get("entity") == "time" for entity in entities)
                and CALL_MOVED.search(text)
            ):
                # "can they call in the afternoon instead": the call's time moved, a correction of the time (play-test
                # 120: a second request began once the first was sent), not of the request's kind (a consultation
                # asked for stays one: the clinic calls to arrange it)
                entities = self._without_the_kind(message, entities)
            elif (
                (intent in self.config["kind_from_intents"] and asks_a_call_back)
                or (
                    # "no i said a call back, not a consultation" (found by the seventeenth play-test: "No problem")
                    intent == "deny" and asks_a_call_back and not NO_CALL_WANTED.search(text)
                )
            ) and not ONES_CALL_BACK.search(text):
                self._set(message, self.config["intent"])
            elif intent == "ask_reference" and asks_a_call_back and A_NEW_CALL_BACK.search(text):
                # "request a call back please", "i asked for a call back?" (play-test 63: "I can't see a request sent
                # in this chat", twice, and a consultation offered)
                self._set(message, self.config["intent"])
            elif intent == "faq" and asks_a_call_back and (ASKS_TO_BE_CALLED.search(text) or PASS_IT_ON.search(text)):
                # "can someone call me back about microneedling for my mum? shes 64, is she too old": the call back,
                # with the question answered first (found by the seventeenth play-test: only the question was answered)
                # (a message that asks nothing has no question answered first: "paramedics came, gave me antihistamine,
                # swelling going down. just want the clinic to call me" got the suitability answer, play-test 27)
                if not message.get("asks", True):
                    message.set("questions", [], add_to_output=True)
                elif not message.get("questions"):
                    message.set("questions", (message.get("question_parts") or [])[:3], add_to_output=True)
                self._set(message, self.config["intent"])
            elif (
                (intent in self.config["kind_from_intents"] and TO_A_CONSULTATION.search(text))
                or (intent in ("faq", "inform") and INSTEAD_OF_A_CALL.search(text))
            ) and not kinds:
                self._set(message, self.config["intent"])
            elif intent in ("faq", "inform") and EARLIEST_ASKED.search(text):
                # "whats the earliest consultation u have" (play-test 64: what a consultation is): a request, as early
                # as can be (the booking's start says the diary can't be seen)
                self._set(message, self.config["intent"])
                message.set(ASKS_IF_FREE, True, add_to_output=True)
            elif intent in self.config["free_time_from_intents"] and self._asks_if_free(text, entities):
                # "do you have a slot free this coming monday lunchtime? need to know before i book time off work",
                # "is monday 7th at 1pm available or not" (play-test 42: the downtime, then "not sure I understood"):
                # a time asked about is a time to request (the booking's start says the diary can't be seen)
                self._set(message, self.config["intent"])
                message.set(ASKS_IF_FREE, True, add_to_output=True)
            elif intent in self.config["from_intents"] and len(kinds) >= self.config["min_details"]:
                self._set(message, self.config["intent"])
            elif (
                intent in self.config["correction_from_intents"]
                and (IT_IS_FOR.search(text) or IT_IS_FOR_NAMED.search(text))
                and "person" in kinds
                and not ASKS.match(text)
            ):
                self._set(message, self.config["details_intent"])
            elif (
                intent in self.config["correction_from_intents"] + ["correct_booking"]
                and FOR_SOMEONE_ELSE.search(text)
                and "person" in kinds
            ):
                # "a consultation for my boyfriend? his name is Marcus Bell": a request for someone else, with the
                # name of the person to be seen, not a change to a name given before (found by the tenth play-test)
                self._set(message, self.config["intent"])
            elif (
                intent in self.config["correction_from_intents"] + WALK_THROUGH_INTENTS
                # (not a question about the request sent: "so theyll text me not ring yeah? and is 7.30 definitely
                # booked", play-test 194, a change with the note "text me not ring yeah" opened, twice)
                and not (
                    intent == "ask_reference"
                    and self._asks(text)
                    and not re.search(r"\b(?:add|make|put|write|leave|include)\b[^.?!]{0,15}\bnote\b", text, re.I)
                )
            ) and any(
                # (a note that asks something is a question: "can i mention that i'm pregnant at the consultation?")
                # (read as a step of the walk-through: "pls add: want to know if next session is ok after allergy. then
                # send", play-test 60, showed step 1 of 4)
                entity.get("entity") == self.config["note_entity"]
                and "?" not in str(entity.get("value"))
                # (said in passing, "just so you know i'm on isotretinoin", it is answered as what it says; the
                # booking form keeps it as a note too, actions/booking_form.py)
                and entity.get("role") != FYI_ROLE
                for entity in entities
            ):
                # "can you add a note that im his daughter …": a change to the request (actions/booking_summary.py)
                self._set(message, self.config["correction_intent"])
            elif intent in self.config["correction_from_intents"] and (
                (self._corrects(entities) and not (intent == "faq" and self._asks(text)))
                or self._moves_the_time(text, entities)
                # "wed 16th at 5 is better for me, can u swap it" (play-test 42: "not sure I understood")
                or (any(e.get("entity") == "time" for e in entities) and MOVE_IT.search(text))
            ):
                self._set(message, self.config["correction_intent"])
            elif intent in self.config["name_correction_from_intents"] and kinds == {"person"} and RESPELT.search(text):
                # "sorry autocorrect!! its Siobhan not Shivon" while the contact is asked (found by the eleventh
                # play-test: ignored)
                self._set(message, self.config["correction_intent"])
            elif intent in self.config["removal_from_intents"] and self._removes(text, entities):
                self._set(message, self.config["correction_intent"])
            elif (
                intent == "nlu_fallback"
                and kinds & {"time", "email", "phone"}
                and (sure := self._sure_questions(message))
            ):
                # "do i need to bring anything? also like next wed after college, 4ish" where the time is asked
                # (play-test 249: the time taken, the question dropped): the detail, and the question answered beside it
                message.set("questions", sure, add_to_output=True)
                self._set(message, self.config["details_intent"])
            elif intent in self.config["time_alone_from_intents"] and self._a_time_alone(text, entities):
                self._set(message, self.config["details_intent"])
            elif intent in self.config["leading_detail_from_intents"] and self._leads_with_a_detail(text, entities):
                # "07700 900 555, and it needs to be the manager who calls not a receptionist" at the contact prompt
                # (play-test 46: the hand-over notice, and the number asked for again): the detail given first
                self._set(message, self.config["details_intent"])
            # (said with any intent, the entity says so: "can i book for me instead?" inside the request, play-test 53,
            # keeps its intent and takes the age back: actions/booking_form.py)
            if self._an_adult(message, text) and intent in self.config["adult_from_intents"] and AN_ADULT.search(text):
                self._set(message, self.config["correction_intent"])
            if (message.get(INTENT) or {}).get("name") == self.config["intent"] and asks_a_call_back:
                self._without_the_request(message, entities)
        return messages

    @staticmethod
    def _sure_questions(message: Message) -> List[Dict[Text, Any]]:
        """The message's question parts (not the rest of it) the classifier is sure enough of."""
        return [
            part
            for part in message.get("question_parts") or []
            if part.get("text") and not part.get("rest") and float(part.get("confidence") or 0) >= SURE_OF_A_QUESTION
        ][:3]

    def _leads_with_a_detail(self, text: Text, entities: List[Dict[Text, Any]]) -> bool:
        """Whether the message opens with a detail of the request (a contact or a time: `leading_details`), with
        nothing but spaces and punctuation before it."""
        starts = [
            entity["start"]
            for entity in entities
            if entity.get("entity") in self.config["leading_details"] and isinstance(entity.get("start"), int)
        ]
        # (after a word that names it: "phone 07700 900145 but please SMS better than call", play-test 254, the
        # hand-over notice and the number asked for again)
        return bool(starts) and bool(_A_DETAIL_NAMED.fullmatch(text[: min(starts)]))

    def _an_adult(self, message: Message, text: Text) -> bool:
        """ "please remove the under 18 bit, I'm an adult", "no the consultation is for ME, im 41": the request's note
        that it is for someone under 18 taken back, a correction (found by play-test 25: read as deleting the person's
        data, which cancelled the request). Adds the entity that says so."""
        if not (AN_ADULT.search(text) or OF_AGE.search(text)):
            return False
        entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != self.config["adult_entity"]]
        entities.append({"entity": self.config["adult_entity"], "value": "adult", "extractor": self.__class__.__name__})
        message.set(ENTITIES, entities, add_to_output=True)
        return True

    def _without_the_request(self, message: Message, entities: List[Dict[Text, Any]]) -> None:
        """A request to book that asks for a call back: the question part that is the asking itself is no question
        of its own ("can the clinic ring me tomorrow too? name is Tom Reid …" got the opening hours as its answer,
        found by play-test 24)."""
        asked = [e for e in entities if e.get("entity") == self.config["kind_entity"] and e.get("start") is not None]
        questions = message.get("questions") or []
        kept = [
            q
            for q in questions
            if q.get("intent_response_key") not in self.config["answered_by_the_call"]
            # (a question read from the whole message has no place of its own: play-test 27's call back after the
            # paramedics, a GraphComponentException)
            or q.get("start") is None
            or not any(q["start"] <= e["start"] < q["end"] for e in asked)
        ]
        if len(kept) != len(questions):
            message.set("questions", kept, add_to_output=True)

    def _corrects(self, entities: List[Dict[Text, Any]]) -> bool:
        """Whether the entities name a detail and carry a value for it."""
        found = {entity.get("entity") for entity in entities}
        named = [entity.get("value") for entity in entities if entity.get("entity") == self.config["field_entity"]]
        return any(found & set(self.config["field_values"].get(field, [])) for field in named)

    @staticmethod
    def _asks(text: Text) -> bool:
        """A question the classifier answers: it opens as one, or asks one ("… on my lunch break. Does anyone know
        how long it takes?" names a time and "time", and changes nothing)."""
        return bool(ASKS.match(text)) or "?" in text or bool(ASKS_AFTER.search(text))

    @staticmethod
    def _moves_the_time(text: Text, entities: List[Dict[Text, Any]]) -> bool:
        """Whether the message's time is the time said before, moved ("an hour later"); asked as a question, only
        with a word that moves it ("can we push it an hour later?", not "can I exercise an hour later?")."""
        moved = any(e.get("entity") == "time" and MOVES_THE_TIME.search(str(e.get("value"))) for e in entities)
        return moved and (not ASKS.match(text) or bool(MOVE_IT.search(text)))

    @staticmethod
    def _asks_if_free(text: Text, entities: List[Dict[Text, Any]]) -> bool:
        """Whether the message asks if a day or time it names is free."""
        times = [e for e in entities if e.get("entity") == "time" and e.get("start") is not None]
        return bool(times) and (
            bool(FREE_TIME_ASKED.search(text))
            or any(
                FREE_TIME_BEFORE.search(text[: e["start"]]) and FREE_TIME_AFTER.match(text[e["end"] :]) for e in times
            )
        )

    @staticmethod
    def _a_time_alone(text: Text, entities: List[Dict[Text, Any]]) -> bool:
        """Whether the message is a day or time and nothing else but words around one ("monday would suit")."""
        times = [e for e in entities if e.get("entity") == "time" and e.get("start") is not None]
        if not times or any(e.get("entity") not in ("time",) for e in entities if e.get("start") is not None):
            return False
        rest = text
        for found in sorted(times, key=lambda e: -e["start"]):
            rest = rest[: found["start"]] + " " + rest[found["end"] :]
        rest = NOT_THIS_TIME.sub(" ", rest.lower())  # "not the 16th": the day it replaces
        for words in days_ruled_out(rest):  # "not tuesday": the day it replaces
            rest = rest.replace(words, " ")
        return all(word in AROUND_A_TIME for word in re.findall(r"[a-z']+", rest))

    def _removes(self, text: Text, entities: List[Dict[Text, Any]]) -> bool:
        """Whether the message takes a named detail out ("remove the gmail", "take my email off", "email only
        please, no phone calls")."""
        named = any(entity.get("entity") == self.config["field_entity"] for entity in entities)
        # (or a part of the notes: "can you remove the sertraline note", the entity `removed`, play-test 43: "Sorry, I
        # didn't catch that"; a question the classifier answers is left to it, actions/answers.py checks the notes)
        removed = any(entity.get("entity") == REMOVED_ENTITY for entity in entities)
        return (named and bool(REMOVES.search(text) or ONLY_ONE_CONTACT.search(text)) or removed) and not (
            EVERYTHING.search(text) or HELD_BY_THE_CLINIC.search(text)
        )

    @staticmethod
    def _answer(message: Message, answer: Text) -> None:
        """The message's answer, as the classifier gives one (`response_selector`)."""
        selector = dict(message.get("response_selector") or {"all_retrieval_intents": [RETRIEVAL_INTENT]})
        chosen = {"responses": [], "confidence": 1.0, "intent_response_key": answer, "utter_action": f"utter_{answer}"}
        selector[RETRIEVAL_INTENT] = {
            "response": chosen,
            "ranking": [{"confidence": 1.0, "intent_response_key": answer}],
        }
        message.set("response_selector", selector, add_to_output=True)
        message.set("questions", [], add_to_output=True)

    @staticmethod
    def _set(message: Message, name: Text) -> None:
        chosen = {"name": name, "confidence": 1.0}
        ranking = [chosen] + [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != name]
        message.set(INTENT, chosen, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    def process_training_data(self, training_data):
        return training_data
