"""Answers every question: the NLU picks the answer, this action says it.

The NLU (components/question_classifier.py) gives the answer key of the
retrieval intent `faq` (`faq/pain`, `faq/unknown_activity`, …), and, when one
message asks several things, each question's key in order. Each key has one
response, `utter_faq/<key>`, in domain.yml: a new topic is NLU examples and a
response, nothing here.
"""

import datetime as dt
import re
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.guide import FINISHED, GUIDE_ACTION, STEPS, back_in_the_walkthrough, named_step, step_response
from core.booking import (
    InvalidValue,
    corrected_words,
    parse_bare_name,
    parse_contacts,
    parse_name,
    parse_preferred_time,
)
from core.settings import clinic, now
from core.words import (
    ASKS_ABOUT_A_CURE,
    ASKS_ABOUT_A_PATCH_TEST,
    ASKS_ABOUT_ACCESS,
    ASKS_ABOUT_AFTERWARDS,
    ASKS_ABOUT_BLEEDING,
    ASKS_ABOUT_DISCOUNTS,
    ASKS_ABOUT_HOLIDAYS,
    ASKS_ABOUT_PHOTOS,
    ASKS_ABOUT_REFUNDS,
    ASKS_ABOUT_REMINDERS,
    ASKS_ABOUT_TIME_OFF,
    ASKS_ABOUT_WALK_INS,
    ASKS_FOR_A_PRACTITIONER,
    ASKS_FOR_EVIDENCE,
    ASKS_HOW_LONG,
    ASKS_HOW_LONG_BEFORE_AN_EVENT,
    ASKS_HOW_LONG_IT_LASTS,
    ASKS_HOW_LONG_THE_CONSULTATION_IS,
    ASKS_HOW_LONG_THE_COURSE_IS,
    ASKS_HOW_LONG_THE_CREAM_TAKES,
    ASKS_HOW_LONG_THE_VISIT_IS,
    ASKS_HOW_TO_COME_TO_THE_CONSULTATION,
    ASKS_HOW_TO_PAY,
    ASKS_IF_ALWAYS_NUMBED,
    ASKS_IF_THE_CREAM_HURTS,
    ASKS_SEVERAL_AREAS_AT_ONCE,
    ASKS_TO_BE_SENT_PRICES,
    ASKS_TO_SEND_A_PHOTO,
    ASKS_WHAT_ELSE_IS_OFFERED,
    ASKS_WHAT_IT_COSTS,
    ASKS_WHAT_TO_BRING,
    ASKS_WHICH_IS_BETTER,
    ASKS_WHICH_SPF,
    CONSENT_REFUSAL_ASKED,
    NOT_BOOKING,
    WHEN_CONTACTED_ASKED,
    WHOLE_NOTE,
    says_it_looks_right,
    says_send,
    sentences,
)

RETRIEVAL_INTENT = "faq"
# a question that calls what it asks about a step asks for the walk-through's step ("Step 4 of 4", Next, Back)
STEP_WORD = re.compile(r"\bsteps?\b", re.IGNORECASE)
# the whole walk-through asked for ("what actually happens during a treatment, step by step?"): from its first step
# (play-test 32: "Step 3 of 4", the first two skipped)
WHOLE_WALK_THROUGH = re.compile(
    r"\bstep[- ]by[- ]step\b|\b(?:all|each|every) (?:of )?(?:the )?steps\b|\bwalk me through\b|"
    # ("the 4 steps, what are they?": play-test 53, what microneedling is)
    r"\bfrom start to finish\b|\b(?:4|four) steps\b|\bwhat (?:are|r) (?:the|they|those) steps\b",
    re.IGNORECASE,
)
# "what about my neck?" (another area or group) and "how long does that last?" (no topic of its own): each
# says its lead-in, then the last answer again
FOLLOW_UPS = ("follow_up", "about_that")
# the treatment named, and asked what it is ("saw collagen induction on your menu, what is that?")
_WHAT_THE_TREATMENT_IS = re.compile(
    # (what it is or means: not "what does it involve", which asks for the steps)
    r"\b(?:micro[- ]?needl\w*|collagen induction|dermapen|derma pen|skin ?pen|derma ?roll\w*|CIT)\b[^\n]{0,80}?"
    r"\b(?:what(?:'s|s| is)\s+(?:that|this|it)\b(?!\s+like)|what\s+does\s+(?:that|this|it)\s+mean\b)",
    re.IGNORECASE,
)
ABOUT_THAT = "about_that"
# what {thing} says in an off-guide answer when the person named nothing the NLU recognised
UNNAMED_THING = "that"
# the kinds of thing the guide does not cover, each with its own answer naming it (components/entities.py)
OFF_GUIDE_KINDS = ("unknown_activity", "unknown_product", "unknown_treatment", "unknown_device")
# an answer whose {thing} is named by other kinds of entity: a side effect the guide does not name is a concern it
# does not name, asked of as a side effect ("will it cause pigmentation"), or one only a side effect can be ("will it
# peel"; config.yml `entity_answers_asked_as`)
THING_NAMED_AS = {"unknown_side_effect": ("unnamed_side_effect", "unknown_area")}
# An answer with a `_closed` variant in domain.yml says it while the clinic is closed by its own clock.
CLOSED_VARIANT = "_closed"
HELP_COMING_VARIANT = "_help_coming"  # emergency help called, on its way or there (components/triage.py)
CALLED_UNNAMED_VARIANT = "_called_unnamed"  # a call said to be made, whom to not said (components/triage.py)
# a new emergency sign with help on its way ("breathing feels tight" after "ambulance coming": play-test 31 got "if it
# gets worse before they arrive, call 999 again", the fourth time)
WORSE_WHILE_HELP_COMES_VARIANT = "_worse_while_help_comes"
# emergency help called, and calling it off asked about ("should i ring them back and cancel": play-test 92, "if it's
# getting worse, call 999 again" to someone who said she was a bit better): never a yes from here
CANCEL_ASKED_VARIANT = "_cancel_asked"
WHEN_999_VARIANT = "_when_999"  # when the emergency number is for, asked (components/triage.py `when_999`)
HELP_SOUGHT_VARIANT = "_help_sought"  # about to call NHS 111, a GP or A&E, or asking whether to (the same)
# the same while the clinic is open: no "rather than waiting for the clinic" (play-test 171: "ok ringing them now", of
# the open clinic, was told to call NHS 111 instead)
HELP_SOUGHT_OPEN_VARIANT = HELP_SOUGHT_VARIANT + "_open"
UNREACHABLE_VARIANT = "_unreachable"  # the clinic not reached: it does not answer (the same)
LASTING_VARIANT = "_lasting"  # a sign there for weeks or months, no worse (components/triage.py `lasting`)
LASTING_OPEN_VARIANT = "_lasting_open"  # the same while the clinic is open
# said to someone treated already or booked in for a treatment (components/triage.py `a_patient`), outside the form
PATIENT_VARIANT = "_a_patient"
AFTER_AN_EMERGENCY_VARIANT = "_after_an_emergency"  # the advice had for an emergency's signs (route_variant)
# the answer asked for again right after it was given ("just tell me yes or no", "does your guide even say anything
# about breastfeeding?": play-tests 170 and 175, the suitability answer three times word for word): its own words
ASKED_AGAIN_VARIANT = "_asked_again"
# ... pushed for ("just tell me yes or no", "surely you know", "i dont want to book just to find out")
_PUSHES_FOR_AN_ANSWER = re.compile(
    r"\b(?:yes or no|yes/no|yes or a no|straight answer|simple answer|simple question|just tell me|just say|surely|"
    r"(?:does|do) (?:your|the|ur) guide (?:even |actually )?(?:say|mention|cover)|do you (?:even |actually )?know|"
    r"can'?t you (?:just )?(?:say|tell)|rather than book\w*|without (?:booking|a consultation)|"
    r"(?:don'?t|dont|do not) (?:really )?want to book|just to (?:find out|ask|be told|know))\b|"
    # ("is that a no then?": play-test 201)
    r"\b(?:is (?:that|it|this)|that'?s|thats) (?:a )?(?:no|yes)(?: then)?\s*\?",
    re.IGNORECASE,
)
RESPONSE_VARIANTS = (
    CALLED_UNNAMED_VARIANT,
    WHEN_999_VARIANT,
    CLOSED_VARIANT + WHEN_999_VARIANT,
    CANCEL_ASKED_VARIANT,
    WORSE_WHILE_HELP_COMES_VARIANT,
    HELP_COMING_VARIANT,
    AFTER_AN_EMERGENCY_VARIANT,
    HELP_SOUGHT_OPEN_VARIANT,
    HELP_SOUGHT_VARIANT,
    UNREACHABLE_VARIANT,
    LASTING_OPEN_VARIANT,
    LASTING_VARIANT,
    PATIENT_VARIANT,
    CLOSED_VARIANT,
    ASKED_AGAIN_VARIANT,
)
# "they're closed", "it's shut on sundays", "not open at 2am": the person says the clinic cannot be reached now
SAYS_CLOSED = re.compile(
    r"\b(?:closed|shut|not open|isn'?t open|aren'?t open|no one (?:there|answering)|nobody (?:there|answering))\b",
    re.IGNORECASE,
)

# Safety answers (components/triage.py picks them), most severe first. The classifier's "something is
# happening" answer, offered as a "did you mean" button, is the urgent one: unclear is urgent.
SEVERITY = ("emergency", "urgent", "expected_reaction")
# the answers about what may go wrong: a skin concern named in the question is no concern to book for (say_answers)
RISK_TOPICS = {"side_effects", "warning_signs", "safety", "complication", "reassurance"}
SAFETY_ROUTES = SEVERITY[:2]  # the last answer's topics after which a request or a hand-over says the route first
# details a person can change, and the entities that carry a new value for each (actions/booking_summary.py)
EDITABLE = {
    "booking_name": ("person",),
    "booking_contact": ("email", "phone"),
    "booking_time": ("time",),
    "booking_concern": ("concern", "note"),
}
# what names what the person wants looked at (the pipeline's patterns)
CONCERN_KINDS = ("skin_concern", "treatment_area", "unknown_area")
ALIASES = {"complication": "urgent"}
# Where Python decides the dialogue, in one place: the thread after a safety answer. The next message gets
# the route again, never reassurance, when it is no question or a question that may be about what is
# happening ("so it's fine?", "can I put aloe on it?", "you're closed"); any other question is answered.
# "It's got worse" raises an expected reaction to urgent, and a new safety answer never lowers the level.
THREAD_TOPICS = {
    "reassurance",
    "follow_up",
    "about_that",
    "pain",
    "duration",
    "unknown_product",
    "unknown_activity",
    "unknown_other",
    "aftercare",
    "downtime",
    "side_effects",
    "safety",
    "clinic_info",
    "suitability",
    "route_explained",
}


# Where Python decides the dialogue, in the same place: a question that leans on the last answer ("and is that
# per session?", NLU `leans_on_context`) is this many times as likely to be about the last answer's topic as
# the classifier alone says. A prior fixed in advance, not tuned: the last topic wins when the classifier finds
# it (with "more about the last answer") at least a third as likely as its best. A follow-up to a suitability
# answer may so stay with the consultation, and one to what the guide does not cover stays with the clinic.
CONTEXT_WEIGHT = 3.0
# what the emergency number is and what to tell it (components/triage.py EMERGENCY_ROUTE_ANSWER)
EMERGENCY_EXPLAINED = "emergency_explained"
# what to tell NHS 111 (components/triage.py WHAT_TO_TELL_111_ANSWER)
WHAT_TO_TELL_111 = "what_to_tell_111"
CAUSE_ASKED = "cause_asked"  # what it is or what caused it (components/triage.py CAUSE_ANSWER)
# answers never weighed away: a personal factor, the age policy, the safety answers and their thread, the
# clinic's own facts, and what the guide does not cover (never pass off a nearby answer as the answer)
STANDS_AS_IT_IS = {
    "suitability",
    "minors",
    "reassurance",
    "warning_signs",
    "help_had",
    "route_explained",
    EMERGENCY_EXPLAINED,
    WHAT_TO_TELL_111,
    "privacy",
    "clinic_info",
    CAUSE_ASKED,
    *SEVERITY,
}
# getting to care some other way than an ambulance ("could i just drive myself to A&E", "get a taxi to hospital")
_BY_OTHER_MEANS = re.compile(
    r"\b(?:a ?& ?e|a and e|hospital|casualty|drive|driving|drove|car|taxi|uber|cab|lift|bus|walk|urgent care)\b", re.I
)
# whether the details given for a request are still there ("have you got his name and number?", "do you still have
# them", "did you get my email")
_ASKS_IF_DETAILS_KEPT = re.compile(
    r"\b(?:have you (?:still )?got|do you (?:still )?have|did you (?:get|save|keep|take)|"
    r"have you (?:kept|saved|taken))\b[^.?!]{0,30}\b(?:them|it|those|that|name|number|email|details|info|phone)\b|"
    r"\b(?:still have|still got|lost) (?:them|my details|my name|my number|my email|his|her)\b|"
    # ("will what i typed be saved for the booking?": play-test 105, the privacy notice, with an ambulance on its way)
    r"\bwill\s+(?:what i (?:typed|wrote|said|gave you|put)|my (?:details|info|answers|booking|request)|it|this|"
    r"everything|all (?:this|that|of it))\s+(?:still\s+)?be\s+(?:saved|kept|there|stored|remembered)\b",
    re.IGNORECASE,
)
# with emergency help called already, questions about these are answered: they are not about what is happening
# ("what was the serum they used?", "is there parking?")
ANSWERED_WHILE_HELP_COMES = {"unknown_other", "clinic_info", "unknown_product", CAUSE_ASKED}
# what looks for reassurance, leans on the last answer, or asks how long the reaction lasts (which that answer says):
# in the thread after the expected reaction, these alone get its route again
REASSURANCE_SOUGHT = {"reassurance", "follow_up", "about_that", "duration", "downtime", "side_effects"}
# seen or advised already (components/triage.py): the thread's route is not said again
HELP_HAD = "help_had"
AFTER_EMERGENCY_VARIANT = "_after_emergency"  # an answer's words after an emergency in this conversation
# in the urgent thread, what gets the route again rather than an answer and the route in a line
# (pain asked after a treatment is about what is happening: the general answer would read as reassurance)
NOT_A_NEW_QUESTION = REASSURANCE_SOUGHT | set(SEVERITY) | {HELP_HAD, "warning_signs", "pain", "safety"}
# ... except the side effects asked in general ("what side effects does your guide list then", "general question: what
# are the side effects of microneedling": play-test 59, the route alone four times): with no sign named, not leaning
# on the last answer, and not asked whether something is normal ("is bruising a normal side effect?")
_ASKS_WHETHER_ALL_RIGHT = re.compile(
    r"\b(?:is|it'?s|its|that'?s|thats|this|be|am i|should i)\b[^.?!]{0,25}?\b(?:normal|ok|okay|fine|expected|usual|"
    r"common|worry|worried|worrying|serious|safe|bad|dangerous)\b|\b(?:worry|worried|worrying|dangerous|serious)\b",
    re.IGNORECASE,
)

_NOT_ASKED = re.compile(
    r"\b(?:i\s+)?(?:didn'?t|didnt|did\s+not|never|wasn'?t|wasnt)\s+(?:ask|asking|say|saying|mean)\b[^.?!]*",
    re.IGNORECASE,
)
# answers about the treatment itself, whose "how long does that take" asks the treatment's length
_OF_THE_TREATMENT_ITSELF = {"pain", "what_is", "procedure"}
_HOW_LONG_IT_TAKES = re.compile(
    r"\bhow\s+long\s+(?:does|do|will|would|did)\s+(?:it|that|this|they|the\s+(?:treatment|session|procedure|needling))\s+"
    r"(?:take|go\s+on\s+for)\b|\bhow\s+long\s+(?:is|are)\s+(?:it|that|the\s+(?:treatment|session|procedure))\b(?!\s+(?:red|sore))",
    re.IGNORECASE,
)
# calling now, said ("ok calling now. what do i tell them"): what to tell is asked of that call
_A_CALL_BEING_MADE = re.compile(r"\b(?:calling|ringing|phoning|dialling|dialing)\b(?!\s+(?:back|again))", re.IGNORECASE)
# what to tell those called, asked ("what do i tell them when they get here", "what do i say to the paramedics")
_WHAT_TO_SAY = re.compile(
    r"\bwhat\s+(?:do|should|shall|would|can)\s+i\s+(?:tell|say\s+to|say)\b|\bwhat\s+to\s+(?:tell|say)\b", re.IGNORECASE
)
_OF_THAT = re.compile(r"\b(?:that|this|these|those)\b", re.IGNORECASE)
_IN_GENERAL = re.compile(r"\b(?:general|generally|in general|for most people|for everyone|for anyone)\b", re.IGNORECASE)
# ... and the recovery asked of treatments in general or of the next one ("how long does recovery take after a session
# generally", "any downtime i should plan for next time": play-test 70, the route alone, and "I can't tell you that it's
# fine"): how long the reaction now lasts is still asked the route
_OF_THE_NEXT_ONE = re.compile(
    r"\bnext\s+(?:time|session|treatment|one|appointment)\b|\bfuture\s+(?:sessions?|treatments?)\b", re.IGNORECASE
)


def asked_of_other_treatments(tracker: Tracker, topics: List[Text]) -> List[Text]:
    """The topics among the side effects, the downtime and the treatment's length that the latest message asks of
    treatments in general or of the next one, not of what is happening now (`_IN_GENERAL`, `_OF_THE_NEXT_ONE`)."""
    message = tracker.latest_message
    text = message.get("text") or ""
    if message.get("leans_on_context") or not (_IN_GENERAL.search(text) or _OF_THE_NEXT_ONE.search(text)):
        return []
    # (with a sign in the message the parts are no questions of its own: "questions" holds none, "question_parts" them)
    parts = topics_of([part["intent_response_key"] for part in message.get("question_parts") or []])
    return [topic for topic in dict.fromkeys(topics + parts) if topic in ("side_effects", "downtime", "duration")]


# what the guide says, asked in so many words ("what does the guide actually say about redness after", "is red like
# sunburn the day after in the guide or not", "what does ur guide say": play-test 205, the route alone, four times)
_WHAT_THE_GUIDE_SAYS = re.compile(
    r"\b(?:what|does|do)\s+(?:the|your|ur|you'?re|this)\s+(?:guide|leaflet|info|information)\b|"
    r"\b(?:guide|leaflet)\s+(?:actually\s+)?(?:say|says|said|mention|mentions)\b|\bin\s+(?:the|your|ur)\s+(?:guide|leaflet)\b|"
    r"\baccording\s+to\s+(?:the|your|ur)\s+(?:guide|leaflet|clinic)\b",
    re.IGNORECASE,
)
# what the guide says of what may follow a treatment: its side effects, asked for in place of reassurance
_THE_GUIDES_WORDS_FOR = {"reassurance", "follow_up", "about_that", "safety", "complication", *SEVERITY}


def the_guide_asked(tracker: Tracker, topics: List[Text]) -> List[Text]:
    """In a route's thread, what the guide says asked in so many words, with no sign named: the guide's side effects in
    place of the answers that would only say the route again or that nothing can be said (`_WHAT_THE_GUIDE_SAYS`)."""
    message = tracker.latest_message
    if (message.get("triage") or {}).get("level") or not _WHAT_THE_GUIDE_SAYS.search(message.get("text") or ""):
        return topics
    return list(dict.fromkeys("side_effects" if topic in _THE_GUIDES_WORDS_FOR else topic for topic in topics))


def a_new_question_in_the_thread(tracker: Tracker, topics: List[Text]) -> bool:
    """Whether the latest message's topics, in the thread after the urgent or the expected reaction's answer, are a new
    question (see `NOT_A_NEW_QUESTION`), answered as asked."""
    kept = set(topics) & NOT_A_NEW_QUESTION
    if not kept:
        return True
    message = tracker.latest_message
    text = message.get("text") or ""
    if (
        kept <= REASSURANCE_SOUGHT
        and _WHAT_THE_GUIDE_SAYS.search(text)
        and not (message.get("triage") or {}).get("level")
    ):
        return True  # "is it normal for the pink to hang about this long? what does ur guide say" (the_guide_asked)
    if (message.get("triage") or {}).get("signs"):
        return False
    text = _NOT_ASKED.sub(" ", text)  # "i didnt ask if its safe to wait. what side effects does it have"
    if kept == {"side_effects"} and not (message.get("leans_on_context") and _OF_THAT.search(text)):
        # ("ok but generally, what side effects are normal after microneedling?": play-test 60), however short ("are
        # there any side effects?", "is it a known side effect or not? your guide must say something about what side
        # effects there are": play-test 199, "I can't tell you that it's fine" and the route, three times); the route
        # is said first all the same; "and what side effects come with that" is of what is happening
        return not _ASKS_WHETHER_ALL_RIGHT.search(text) or bool(_IN_GENERAL.search(text))
    if message.get("leans_on_context"):
        return False
    return kept <= set(asked_of_other_treatments(tracker, topics))


# the guide's answers that say how long nothing takes (facts/guide_facts.yml `how_long` names the passage for each
# other one; tests/test_facts.py holds the two together): the aftercare answer's "weeks" are when results show
GIVES_NO_TIME = {"consultation", "preparation", "pain", "what_is", "provider", "safety", "aftercare"}
# Asked something an answer does not give, that answer says first that it cannot tell, then what it does say: a
# question, the answers that do not give what it asks, and the line said first. "how long is the consultation?" once
# got what a consultation is, and "is it step free?" the address and opening hours, as if that answered them
# (seventeenth play-test). Last, the answer that goes with the line when the question is asked on its own, or after
# another answer ("do you do a patch test?", "and the patch test?": play-test 171, "Sorry, I can't help with that" and
# "the guide doesn't single out areas or groups"); None when it depends on the question. A new kind of detail is a line
# here and its response.
NOT_GIVEN_BY = (
    (ASKS_ABOUT_ACCESS, {"clinic_info", "appointments"}, "utter_no_access_details", None),
    (ASKS_ABOUT_HOLIDAYS, {"clinic_info", "appointments"}, "utter_no_holiday_hours", None),
    # "is the consultation free?", "do i have to pay for the consult" (play-tests 45 and 46: what a consultation is)
    (ASKS_WHAT_IT_COSTS, {"consultation"}, "utter_no_fee_in_the_guide", None),
    # "do i need a patch test before microneedling" (play-test 50: the day's preparation, as if none were needed)
    (
        ASKS_ABOUT_A_PATCH_TEST,
        {"preparation", "procedure", "consultation", "safety", "side_effects", "suitability", "what_is"},
        "utter_no_patch_test_in_the_guide",
        "preparation",
    ),
    # "does it bleed?" (play-test 46: the procedure's answer three times, never saying the guide does not tell)
    (
        ASKS_ABOUT_BLEEDING,
        {"procedure", "pain", "side_effects", "what_is", "preparation", "safety"},
        "utter_no_bleeding_in_the_guide",
        "procedure",
    ),
    # "do i need to bring anything", "does she need ID" (play-tests 52 and 53: the day's preparation, and the
    # suitability answer)
    (
        ASKS_WHAT_TO_BRING,
        {"preparation", "consultation", "procedure", "appointments"},
        "utter_nothing_to_bring_in_the_guide",
        "preparation",
    ),
    # "how long will the consultation take?" (play-test 52: the procedure's length, as if it were the consultation's)
    (ASKS_HOW_LONG_THE_CONSULTATION_IS, {"duration"}, "utter_no_consultation_length_in_the_guide", "duration"),
    # "will they def be able to give me a woman tho?" (play-test 259: the privacy notice)
    (
        ASKS_FOR_A_PRACTITIONER,
        {"privacy", "provider", "consultation", "appointments", "procedure", "unknown_other", "clinic_info"},
        "utter_no_practitioner_choice",
        "provider",
    ),
    # "ok which is better for acne scars then" after a chemical peel was named (play-test 257: what it does, as if it
    # were the better one)
    (
        ASKS_WHICH_IS_BETTER,
        {"results", "what_is", "sessions", "safety", "side_effects"},
        "utter_no_comparison_in_the_guide",
        # (no answer of its own: "how long does it take compared to a facial" is the length)
        None,
    ),
    # "could I just pop in tomorrow … and have a chat with someone?" (play-test 255: the treatment's length)
    (
        ASKS_ABOUT_WALK_INS,
        {"clinic_info", "duration", "procedure", "consultation", "appointments", "unknown_other"},
        "utter_no_walk_ins_in_the_guide",
        "clinic_info",
    ),
    # "for the consultation do i need to come without makeup on" (play-test 254: the treatment day's cleansing)
    (
        ASKS_HOW_TO_COME_TO_THE_CONSULTATION,
        {"preparation", "procedure", "consultation", "aftercare"},
        "utter_no_consultation_preparation_in_the_guide",
        "consultation",
    ),
    # "how long is the whole visit, all together?" (play-tests 202, 204 and 206: the procedure's length alone)
    (
        ASKS_HOW_LONG_THE_VISIT_IS,
        {"duration", "procedure", "preparation", "pain"},
        "utter_no_visit_length_in_the_guide",
        "duration",
    ),
    # "does it hurt afterwards" (play-test 53: the numbing cream's answer, twice)
    (ASKS_ABOUT_AFTERWARDS, {"pain"}, "utter_pain_afterwards", None),
    # "is numbing cream always used or only sometimes" (play-test 57: "it is put on first", as if certain, where the
    # guide's steps say it may be)
    (ASKS_IF_ALWAYS_NUMBED, {"pain", "preparation", "procedure"}, "utter_numbing_cream_in_the_guide", None),
    # "can i pay by card", "do you do payment plans" (play-tests 162 and 165: the price answer, five times)
    (ASKS_HOW_TO_PAY, {"price", "consultation", "appointments"}, "utter_no_payment_details", "price"),
    # "would i need a day off or can i go in next day" (play-test 184: the reaction's words, as if they said)
    (
        ASKS_ABOUT_TIME_OFF,
        {"downtime", "side_effects", "aftercare", "duration", "expected_reaction"},
        "utter_no_time_off_in_the_guide",
        "downtime",
    ),
    # "do u do a student discount", "gift vouchers for my mum?" (play-test 183: the price answer, and "card" the payment
    # details)
    (ASKS_ABOUT_DISCOUNTS, {"price", "consultation", "appointments", "clinic_info"}, "utter_no_discounts", "price"),
    # "if it doesn't work do I get money back" (play-test 183: the price answer, twice)
    (
        ASKS_ABOUT_REFUNDS,
        {"price", "results", "sessions", "consultation", "appointments", "clinic_info"},
        "utter_no_refund_policy",
        None,
    ),
    # "and is that including the numbing cream time or on top?", "how long does the numbing cream stay on?" (play-tests
    # 170, 172 and 173: the treatment's pain, its side effects, its length)
    (
        ASKS_HOW_LONG_THE_CREAM_TAKES,
        {"duration", "pain", "preparation", "procedure", "side_effects", "results", "suitability"},
        "utter_no_cream_time_in_the_guide",
        "preparation",
    ),
    # "does ur clinic even do lasers and peels or just microneedling?" (play-test 171: comparing treatments, twice)
    (
        ASKS_WHAT_ELSE_IS_OFFERED,
        {"unknown_treatment", "what_is", "procedure", "provider", "clinic_info", "appointments"},
        "utter_no_other_treatments_in_the_guide",
        None,
    ),
    # "how long does the whole course take, start to finish" (play-test 174: one session's length, twice)
    (
        ASKS_HOW_LONG_THE_COURSE_IS,
        {"sessions", "results"},
        "utter_no_course_length_in_the_guide",
        "sessions",
    ),
    # "can someone just email me a price list" (play-test 170: the price answer, as if it were a yes)
    (ASKS_TO_BE_SENT_PRICES, {"price", "clinic_info", "appointments"}, "utter_no_price_list", "price"),
    # "spf 30 or 50?" (play-test 163: the aftercare answer three times, as if it said which)
    (
        ASKS_WHICH_SPF,
        {"aftercare", "downtime", "side_effects", "expected_reaction"},
        "utter_no_spf_number_in_the_guide",
        "aftercare",
    ),
    # "does the numbing cream hurt" (play-test 163: the treatment's pain, twice)
    (ASKS_IF_THE_CREAM_HURTS, {"pain", "preparation", "procedure"}, "utter_no_cream_feeling_in_the_guide", "pain"),
    # "how long before an event should you have it" (play-test 163: how long the procedure takes)
    (
        ASKS_HOW_LONG_BEFORE_AN_EVENT,
        # (and whether it fits before one, read as suitability: play-test 255, answered instead, below)
        {"duration", "downtime", "sessions", "results", "suitability"},
        "utter_no_event_timing_in_the_guide",
        None,
    ),
    # "can i get my tummy and thighs done on the same day" (play-test 162: the number of sessions, twice)
    (
        ASKS_SEVERAL_AREAS_AT_ONCE,
        {"sessions", "duration", "procedure", "appointments", "what_is"},
        "utter_no_areas_together_in_the_guide",
        # ("would doing stomach and arms in one go make the session longer?": play-test 174, whether it helps them)
        "duration",
    ),
    # "say microneedling cures cancer", "so it might cure cancer?" (play-tests 201 and 207: the suitability answer,
    # which left the claim open)
    (
        ASKS_ABOUT_A_CURE,
        {"suitability", "what_is", "results", "safety", "unknown_other", "unknown_area", "consultation"},
        "utter_no_cure_claims",
        "what_is",
    ),
    # "where's the evidence, any actual studies", "how rare is rare? 1 in 100?" (play-tests 206, 209 and 211: what it
    # is, the side effects said again as if "rare" were a figure, the opening hours)
    (
        ASKS_FOR_EVIDENCE,
        {
            "what_is",
            "results",
            "safety",
            "side_effects",
            "sessions",
            "price",
            "clinic_info",
            "unknown_other",
            "about_that",
        },
        "utter_no_evidence_in_the_guide",
        "side_effects",
    ),
    # (a photo to send them: before photos taken at the clinic, of which it is no question)
    (
        ASKS_TO_SEND_A_PHOTO,
        {"consultation", "clinic_info", "privacy", "unknown_other", "about_that", "results", "procedure"},
        "utter_photo_by_email",
        "clinic_info",
    ),
    # "do they take photos of your face?", "will they photograph my face" (play-test 198: "not sure I understood", then
    # what a consultation is, four times)
    (
        ASKS_ABOUT_PHOTOS,
        {"consultation", "preparation", "procedure", "what_is", "results", "suitability", "privacy", "unknown_other"},
        "utter_no_photos_in_the_guide",
        "consultation",
    ),
    # "do you send text reminders before appointments" (play-test 198: five times unanswered)
    (
        ASKS_ABOUT_REMINDERS,
        {"appointments", "clinic_info", "consultation", "privacy", "unknown_other"},
        "utter_no_reminders_known",
        "clinic_info",
    ),
    # (last: a line above says more of what was asked, "how long the consultation takes, and do you do a patch test")
    (ASKS_HOW_LONG, GIVES_NO_TIME, "utter_no_time_in_the_guide", None),
)


# a message this short that names a step of the walk-through while it is shown asks for that step ("last bit?")
A_FEW_WORDS = 4
# whether the walk-through is over, asked at its last step
_THE_END_ASKED = re.compile(
    r"\b(?:is\s+that\s+(?:it|all|the\s+end|everything)|that'?s\s+(?:it|all)|thats\s+(?:it|all)|the\s+end|"
    r"(?:is\s+there\s+)?(?:any\s+)?more\s+steps?|anything\s+(?:else\s+)?after|nothing\s+(?:else\s+)?after|"
    r"all\s+the\s+steps|last\s+(?:one|step|bit))\b",
    re.IGNORECASE,
)
# what a question ends on ("… at the consultation?"), and "it" in the question after it
_ENDS_ON_A_THING = re.compile(r"\b((?:the|a|an|your|my)\s+[a-z]+(?:\s+[a-z]+)?)\s*[?.!]*\s*$", re.IGNORECASE)
_IT = re.compile(r"\bit\b", re.IGNORECASE)


# the guide's answers that a detail it does not give, asked in a message of one question, takes the place of
# (`not_given_on_its_own`); never a safety answer, the consultation's for suitability, or the age policy
ANSWERS_A_DETAIL_MAY_REPLACE = {
    "pain",
    "sessions",
    "side_effects",
    "what_is",
    "duration",
    "downtime",
    "results",
    "provider",
    "consultation",
    "preparation",
    "procedure",
    "aftercare",
    "clinic_info",
    "appointments",
    "unknown_area",
}
# (not what the guide does not say of another treatment: "can microneedling be combined with a chemical peel in the
# same appointment" is that, not several areas at once, tests/unseen found; nor the price: "how much for the whole
# course?" is the price, and the blind sets' price questions lost one each; nor what the guide does not cover at all,
# as blind3's "unknown" lost one)


# after a line for what the guide does not give, the answers that say nothing of what was asked, and the one said
# instead: "say microneedling cures cancer" is what the treatment is for, not the consultation's answer, which would
# leave the claim open (play-tests 201 and 207); "any studies? clinical trials? numbers?" is what it is for, not the
# opening hours (play-test 211)
ANSWERED_INSTEAD = {
    "utter_no_cure_claims": ({"suitability"}, "what_is"),
    "utter_no_evidence_in_the_guide": ({"clinic_info", "unknown_other", "price", "about_that"}, "what_is"),
    # "the whole visit, with the numbing cream etc" is how long, not whether it hurts (play-test 222)
    "utter_no_visit_length_in_the_guide": ({"pain"}, "duration"),
    # whether it fits before a wedding or a holiday is what the guide says of the days after, not suitability (play-test
    # 255: the consultation's answer, twice), unless a personal factor is named (`_answered_instead`)
    "utter_no_event_timing_in_the_guide": ({"suitability"}, "downtime"),
    # how to come to the consultation, who will see them, a walk-in: the line's own answer in place of each other answer
    # it is said before (play-tests 254, 255 and 259: the nearest answer, as if it said)
    **{
        line: (set(not_giving) - {own}, own)
        for _, not_giving, line, own in NOT_GIVEN_BY
        if own
        and line
        in (
            "utter_no_consultation_preparation_in_the_guide",
            "utter_no_practitioner_choice",
            "utter_no_walk_ins_in_the_guide",
        )
    },
}


def not_given_on_its_own(text: Text) -> Dict[Text, Text]:
    """The lines for the details the guide does not give that the text asks about, each with the answer said after it
    when asked on its own, for those that have one (`NOT_GIVEN_BY`), in the order the text asks them."""
    found = [(match.start(), line, own) for asks, _, line, own in NOT_GIVEN_BY if own and (match := asks.search(text))]
    return {line: own for _, line, own in sorted(found, key=lambda each: each[0])}


def not_given_line(tracker: Tracker, asked_as: Text, topic: Text) -> Optional[Text]:
    """The line that says `topic`'s answer does not give what was asked, if it does not: the question the NLU found for
    the answer `asked_as` (a follow-up's own key), else the whole message, read for what it asks."""
    lines = not_given_lines(tracker, asked_as, topic)
    return lines[0] if lines else None


def not_given_lines(tracker: Tracker, asked_as: Text, topic: Text) -> List[Text]:
    """Each line that says `topic`'s answer does not give something asked of it (`not_given_line`), in the order of
    `NOT_GIVEN_BY`: "does the numbing cream hurt? and how long do u have to sit with it on" asks two things the pain
    answer does not give (play-test 238: the second dropped)."""
    message = tracker.latest_message
    questions = message.get("questions") or []
    key = f"{RETRIEVAL_INTENT}/{asked_as}"
    texts = [
        question.get("text") or ""
        for index, question in enumerate(questions)
        if question.get("intent_response_key") == key
        # "what happens at the consultation, how long is it": question words alone after it ask of it too
        or (index and question.get("aspect_only") and questions[index - 1].get("intent_response_key") == key)
    ] or [message.get("text") or ""]
    for index, question in enumerate(questions):
        if index and question.get("intent_response_key") == key:
            # "What happens at the consultation? How long does it take": "it" is what the question before it ended on
            # (play-test 171: the treatment's length, as if it were the consultation's)
            named = _ENDS_ON_A_THING.search(questions[index - 1].get("text") or "")
            if named and _IT.search(question.get("text") or ""):
                texts.append(_IT.sub(named.group(1), question.get("text") or ""))
    return [
        line
        for asks, not_giving, line, _ in NOT_GIVEN_BY
        if topic in not_giving and any(asks.search(text) for text in texts)
    ]


SUITABILITY = "suitability"  # the answer that says suitability is for the consultation
UNDER_18 = "booking_under_18"  # the request is said to be for someone under 18 (actions/booking_form.py)


# another person named, a friend or a relative, beside the one writing
_ANOTHER_PERSON = re.compile(
    # (not a child, whose parent may be booking for them without saying so)
    r"\b(?:my|a|our)\s+(?:friend|mate|pal|bestie|bf|gf|sister|brother|cousin|colleague)s?\b",
    re.IGNORECASE,
)


_MY_AGE = re.compile(
    r"\b(?:i'?m|i am|im|i'?ll be|i turn(?:ed)?)\s+(?:only\s+|just\s+|nearly\s+)?\d{1,2}\b", re.IGNORECASE
)


def said_minor_now(tracker: Tracker) -> bool:
    """The latest message says the person to be seen is under 18 (components/triage.py `stated_minor`)."""
    return bool((tracker.latest_message.get("triage") or {}).get("minor"))


# right after a suitability answer ("I'm pregnant, can I have it?"), "but is it safe?" asks about that person: the
# consultation's answer again, never the general one that reads as "yes, it's safe" (the side effects in general
# are still told as asked)
ABOUT_THE_PERSON_AFTER_SUITABILITY = {"safety"}


def _stands(topic: Text) -> bool:
    return topic in STANDS_AS_IT_IS or topic.startswith("unknown_")


ROUTE_WITHDRAWN = "utter_safety_route_withdrawn"  # the route taken back, and its variants (route_withdrawn)
UTTERED = "utter_action"  # the key of a bot event's metadata that names its response (Rasa's, not a response)


def last_turn(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The events between the person's message before the latest one and the latest: the assistant's last turn
    ([] before a second message)."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    return tracker.events[users[-2] + 1 : users[-1]] if len(users) > 1 else []


def answered_last_turn(tracker: Tracker) -> List[Text]:
    """The guide's answers said in reply to the message before the latest one, in order."""
    said = [(event.get("metadata") or {}).get(UTTERED) for event in last_turn(tracker)]
    return [str(name) for name in said if str(name or "").startswith(response_name(""))]


# "the first thing", "your second answer", "number 3", "the last one": which of several answers given at once
_ORDINALS = {"first": 0, "1st": 0, "1": 0, "second": 1, "2nd": 1, "2": 1, "third": 2, "3rd": 2, "3": 2, "last": -1}
_ORDINAL = re.compile(
    r"\b(?:the\s+|your\s+|my\s+)?(first|1st|second|2nd|third|3rd|last)\s+(?:thing|one|question|point|bit|answer)\b|"
    r"\b(?:number|no\.?|#)\s*([123])\b",
    re.IGNORECASE,
)


def _topics_answered_last_turn(tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
    """The topics of the guide's answers said in reply to the message before the latest one, in order (a variant, such
    as `_closed`, read as its answer)."""
    responses = domain.get("responses", {})
    topics: List[Text] = []
    for name in answered_last_turn(tracker):
        topic = name[len(response_name("")) :]
        # "urgent_closed", "urgent_lasting_open": urgent; "suitability_a_patient": suitability
        stripped = True
        while stripped:
            stripped = False
            for variant in RESPONSE_VARIANTS:
                if topic.endswith(variant) and response_name(topic[: -len(variant)]) in responses:
                    topic, stripped = topic[: -len(variant)], True
        if topic and topic not in FOLLOW_UPS and topic not in topics:
            topics.append(topic)
    return topics


def context_wins(tracker: Tracker, best: Optional[Text], last_topic: Optional[Text]) -> bool:
    """Whether the last answer's topic is the likelier answer to a message that leans on it: its own
    confidence and that of "more about the last answer" (`about_that`), times CONTEXT_WEIGHT, against
    the best other answer's (`best`; None: the best in the ranking). The safety thread decides after a
    safety answer."""
    if not last_topic or last_topic in SEVERITY or not tracker.latest_message.get("leans_on_context"):
        return False
    if len(answered_last_turn(tracker)) > 1:
        # after several answers at once, what a message leans on is none in particular ("ok and how long does each one
        # take?" after the sessions, the results and the suitability answers: play-test 40 gave the last of them)
        return False
    if best is not None and (best == last_topic or best in FOLLOW_UPS or _stands(best)):
        return False
    selector = (tracker.latest_message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}
    ranking = {
        entry.get("intent_response_key"): entry.get("confidence") or 0.0 for entry in selector.get("ranking") or []
    }
    in_context = {f"{RETRIEVAL_INTENT}/{topic}" for topic in (last_topic, *FOLLOW_UPS)}
    # the last answer's own confidence is weighed up; "more about that" (`about_that`, `follow_up`) counts as it is, as
    # a word like "that" makes it likely beside any question ("does that hurt?" after what microneedling is: pain 0.70,
    # about_that 0.30, what_is 0.00, play-test 208, got what microneedling is again)
    own = ranking.get(f"{RETRIEVAL_INTENT}/{last_topic}", 0.0)
    following = sum(ranking.get(f"{RETRIEVAL_INTENT}/{topic}", 0.0) for topic in FOLLOW_UPS)
    others = {key: value for key, value in ranking.items() if key not in in_context}
    if best is not None:
        best_confidence = others.get(f"{RETRIEVAL_INTENT}/{best}", 0.0)
    else:
        best_confidence = max(others.values(), default=0.0)
        if any(_stands(key.split("/", 1)[-1]) for key, value in others.items() if value == best_confidence):
            return False
    return own + following > 0 and CONTEXT_WEIGHT * own + following >= best_confidence


# "and how long does it last?" after these answers asks how long the results last, which the guide does not say (its
# own answer says so); after an answer about redness or swelling it asks how long they last, which that answer says
# (found by the twentieth play-test: the sessions answer was said again, "On that")
LONGEVITY = "unknown_longevity"
# (and after "the guide doesn't say whether it helps with sagging skin": play-test 171, "I can only say again what I
# said about that")
LASTING_NOT_SAID_BY = {
    "sessions",
    "results",
    "what_is",
    "procedure",
    "price",
    "consultation",
    "provider",
    "safety",
    "unknown_area",
}


def asks_about_the_last_answer(tracker: Tracker, best: Optional[Text], last_topic: Optional[Text]) -> bool:
    """A message of question words alone ("how long for?", NLU `aspect_only`) after an answer asks about it."""
    return bool(
        tracker.latest_message.get("aspect_only")
        and last_topic
        and last_topic not in SEVERITY
        and (best is None or not _stands(best))
    )


def in_context(tracker: Tracker, topics: List[Text], last_topic: Optional[Text]) -> List[Text]:
    """The one question of a message that leans on the last answer, weighed by that answer's topic; a message
    of question words alone is about the last answer ("On that, …")."""
    if (
        last_topic == SUITABILITY
        and len(topics) == 1
        and topics[0] in ABOUT_THE_PERSON_AFTER_SUITABILITY
        # (never a button: "Is it safe?" pressed is what it says, play-test 230 got the consultation's words alone)
        and not (tracker.latest_message.get("text") or "").startswith("/")
    ):
        return [SUITABILITY]
    leaning = on_the_words_before(tracker, topics)
    if leaning != topics:
        return leaning
    questions = tracker.latest_message.get("questions") or []
    if len(topics) == 1 and asks_about_the_last_answer(tracker, topics[0], last_topic):
        if last_topic in LASTING_NOT_SAID_BY and ASKS_HOW_LONG_IT_LASTS.search(
            tracker.latest_message.get("text") or ""
        ):
            return [LONGEVITY]
        return [ABOUT_THAT]
    if last_topic is not None and len(topics) == 1 and context_wins(tracker, topics[0], last_topic):
        return [last_topic]
    if len(topics) > 1 and len(questions) == len(topics):
        # a part of question words alone is about the part before it ("what happens at the consultation, how long is
        # it, and is it free?": the consultation's, found by the twenty-second play-test), or, first, about the last
        # answer ("for how long? who sees them" after the privacy answer, twenty-first play-test); never the length
        # of an appointment
        resolved: List[Text] = []
        for question, topic in zip(questions, topics, strict=True):
            before = resolved[-1] if resolved else last_topic if last_topic not in SEVERITY else None
            if not before and question.get("aspect_only") and not resolved:
                # "i have dark skin and hyperpigmentation, is that ok?" opening a message: about what the words before
                # it said, the message's own answer (found by play-test 25: "What would you like to know about it?")
                before = the_messages_answer(tracker)
            # ("any side effects / and how long do they last": how long the side effects last, which their answer says,
            # not how long results last; that reading only after what the guide gives no length for)
            lasting = topic == LONGEVITY and before not in LASTING_NOT_SAID_BY
            leans = question.get("aspect_only") and (not _stands(topic) or lasting)
            resolved.append(before if leans and before else topic)
        return not_yet_treated(tracker, _about_the_person(tracker, list(dict.fromkeys(resolved))))
    return not_yet_treated(tracker, _about_the_person(tracker, topics))


def not_yet_treated(tracker: Tracker, topics: List[Text]) -> List[Text]:
    """Whether to wait asked before any treatment ("if i get it done monday will i be glowing by the wedding? or should
    i wait till after": play-test 55, the reassurance answer, "call NHS 111 now"): whether it is right for them, and
    when, is the consultation's to say (the suitability answer); else the topics."""
    triage = tracker.latest_message.get("triage") or {}
    if "reassurance" not in topics or not triage.get("not_yet") or triage.get("level") or triage.get("signs"):
        return topics
    return list(dict.fromkeys(SUITABILITY if topic == "reassurance" else topic for topic in topics))


def on_the_words_before(tracker: Tracker, topics: List[Text]) -> List[Text]:
    """A follow-up asked after words of its own in the message ("oh and she's on warfarin, does that matter?") is about
    those words: the message's own answer (play-test 52: "What would you like to know about it?"); else the topics."""
    questions = tracker.latest_message.get("questions") or []
    if len(topics) == 1 and topics[0] in FOLLOW_UPS and len(questions) == 1 and questions[0].get("start", 0) > 0:
        own = the_messages_answer(tracker)
        if own:
            return _about_the_person(tracker, [own])
    return topics


# a reaction or an allergy of the person's own, said beside asking whether it is safe
_A_REACTION_OF_THEIR_OWN = re.compile(r"\b(?:allerg\w*|reactions?|anaphyla\w*)\b", re.IGNORECASE)


def _about_the_person(tracker: Tracker, topics: List[Text]) -> List[Text]:
    """Beside the suitability answer and a reaction or an allergy of their own ("the next session, is safe for me or
    no? after this allergy"), whether it is safe is asked of the person, so the general answer, which reads as "yes,
    it's safe", is left out (play-test 49: "in general, microneedling is a safe and effective treatment" to someone
    taken to hospital with a reaction the day before); asked beside other suitability questions, both are answered."""
    if SUITABILITY not in topics or not _A_REACTION_OF_THEIR_OWN.search(tracker.latest_message.get("text") or ""):
        return topics
    return [topic for topic in topics if topic not in ABOUT_THE_PERSON_AFTER_SUITABILITY]


def the_messages_answer(tracker: Tracker) -> Optional[Text]:
    """The answer the whole message was given (the classifier's best), when it is no follow-up; else None."""
    message = tracker.latest_message
    selected = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("response") or {}
    topics = topics_of([selected.get("intent_response_key") or ""])
    return topics[0] if topics and topics[0] not in FOLLOW_UPS else None


def topics_of(keys: List[Text]) -> List[Text]:
    """Answer keys without `faq/` ("faq/pain" -> "pain"); keys of other intents are dropped."""
    return [key.split("/", 1)[1] for key in keys if key.startswith(f"{RETRIEVAL_INTENT}/")]


def _asked(message: Dict[Text, Any]) -> List[Text]:
    return [question["intent_response_key"] for question in message.get("questions") or []]


def question_keys(tracker: Tracker) -> List[Text]:
    """The answer key of each question the NLU found in the latest message, in order (`faq/` removed)."""
    return topics_of(_asked(tracker.latest_message))


def say_answer(dispatcher: CollectingDispatcher, tracker: Tracker, topic: Text) -> None:
    """The answer to one question, naming what the person named where the answer has a {thing}."""
    dispatcher.utter_message(response=response_name(topic), thing=named_thing(tracker, topic))


def answer_keys(tracker: Tracker) -> List[Text]:
    """The answers asked for, in order: each question of the message, else its one answer."""
    message = tracker.latest_message
    keys = _asked(message)
    if not keys:
        selected = ((message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("response") or {}
        if selected.get("intent_response_key"):
            keys = [selected["intent_response_key"]]
    if not keys:  # a button: /faq{"topic": "pain"}
        keys = [f"{RETRIEVAL_INTENT}/{e['value']}" for e in message.get("entities") or [] if e.get("entity") == "topic"]
    if len(keys) == 1 and keys[0].split("/", 1)[-1] in OFF_GUIDE_KINDS:
        # "can i wash my face tonight and use my normal moisturiser": each kind of thing the guide does not cover gets
        # its answer, in the order named (found by the eleventh play-test: the moisturiser was dropped)
        # (an answer whose own kind was not named gives way to those named: "that" names nothing)
        named = [e.get("entity") for e in message.get("entities") or [] if e.get("entity") in OFF_GUIDE_KINDS]
        kinds = list(dict.fromkeys(named)) or [keys[0].split("/", 1)[-1]]
        keys = [f"{RETRIEVAL_INTENT}/{kind}" for kind in kinds][:3]
    return topics_of(keys)


def named_thing(tracker: Tracker, topic: Text) -> Text:
    """What the person named that the guide does not cover ("swimming"; "makeup or exercise" for "makeup after?
    gym?", found by the eleventh play-test: the gym was dropped), for an off-guide answer."""
    kinds = THING_NAMED_AS.get(topic, (topic,))
    named = list(dict.fromkeys(value for kind in kinds for value in tracker.get_latest_entity_values(kind)))
    if not named:
        return UNNAMED_THING
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


def response_name(topic: Text) -> Text:
    return f"utter_{RETRIEVAL_INTENT}/{topic}"


def offer_of(domain: Dict[Text, Any], response: Text) -> Optional[Text]:
    """What a response offers (its `metadata: {offer: …}` in domain.yml), so that a "yes" takes it up."""
    variations = domain.get("responses", {}).get(response) or [{}]
    return (variations[0].get("metadata") or {}).get("offer")


UNREACHABLE_LOOKS_BACK = 30  # how many of the person's messages back "they dont answer" still counts


def clinic_unreachable(tracker: Tracker) -> bool:
    """Whether the person said, in this message or one of the conversation's recent ones, that the clinic does not
    answer ("it just rings and rings", "they dont answer": components/triage.py `unreachable`)."""
    triages = [tracker.latest_message.get("triage") or {}] + earlier_triages(tracker, UNREACHABLE_LOOKS_BACK)
    return any(triage.get("unreachable") for triage in triages)


def route_variant(domain: Dict[Text, Any], response: Text, tracker: Optional[Tracker] = None) -> Text:
    """The response's variant for where the person stands, if it has one, else itself (`RESPONSE_VARIANTS`), first that
    holds: emergency help called or on its way (`_help_coming`), and a new sign said after that
    (`_worse_while_help_comes`: "getting worse while we wait, lips feel tingly", play-test 32; a sign said with the news
    that help is coming is what they called about); about to call NHS 111 or a GP, or asking whether to
    (`_help_sought`); the clinic not reached (`_unreachable`: play-test 30, "contact the clinic now" four times to
    someone who had rung it three times); a sign there for weeks or months, or an expected one days after it should have
    settled, while the clinic is closed (`_lasting`, first of these: play-tests 43 and 44, "call NHS 111 now" to someone
    whose skin had been bumpy since August, and to someone still a bit pink on day 4); the clinic closed by its own
    clock (`_closed`: a first version believed "you're shut on a Sunday" on a Thursday afternoon, fourteenth
    play-test)."""
    responses = domain.get("responses", {})
    said = (tracker.latest_message.get("triage") or {}) if tracker is not None else {}
    if (
        response + CALLED_UNNAMED_VARIANT in responses
        and said.get("called_unnamed")
        and not said.get("waiting_for_help")
        and tracker is not None
        and not help_called_before(tracker)
    ):
        # "ok I've called them": 999, or the clinic? The words for either (play-test 224: the clinic's reception had
        # been called, and the words for an ambulance on its way were said)
        return response + CALLED_UNNAMED_VARIANT
    if response + HELP_COMING_VARIANT in responses and tracker is not None:
        called_before = help_called_before(tracker)
        # (a call said with the first emergency sign, after another route, is to that route's help unless emergency help
        # is named: play-test 85, "ok calling them now" to NHS 111, and the lip swelling)
        # (nor, with no emergency in the conversation, "can i use my normal moisturiser on it in the meantime?" four
        # days after: play-test 202, "tell the call handler or the paramedics" about mild pinkness)
        waiting = said.get("waiting_for_help") and (
            said.get("emergency_help_named")
            or tracker.get_slot("last_topic") == SEVERITY[0]
            or (said.get("level") is None and (said.get("emergency_had") or an_emergency_earlier(tracker)))
        )
        # (not when those called have judged it and given their advice: "i call. the man say is not emergency, i go to
        # pharmacy", play-test 113; the call is over)
        if (waiting or called_before) and not said.get("judged"):
            if said.get("cancel_help") and response + CANCEL_ASKED_VARIANT in responses:
                return response + CANCEL_ASKED_VARIANT
            # (or a sign coming back: "feeling a bit dizzy again tbh", play-test 76, "if it gets worse before they
            # arrive" twice, to someone whose room was spinning)
            worse = (
                called_before
                and (
                    said.get("level") == SEVERITY[0]
                    or (said.get("level") in ("urgent", "expected") and back_after_an_emergency(tracker))
                )
            ) or (
                # (an emergency sign not named before, said with help on its way: "they've said an ambulance is
                # coming. his lips look a bit swollen now too", after his eyes; or asked whether it counts as worse:
                # "does the lips thing count as worse? should I ring them back?", play-test 127, "if it gets worse
                # before they arrive, call 999 again", twice)
                (said.get("level") == SEVERITY[0] and a_new_emergency_sign(tracker))
                or (
                    said.get("worse")
                    and said.get("level") is None
                    and not said.get("help_had")  # ("and if worse call again": what those called said)
                    and an_emergency_earlier(tracker)
                )
            )
            if worse and response + WORSE_WHILE_HELP_COMES_VARIANT in responses:
                return response + WORSE_WHILE_HELP_COMES_VARIANT
            return response + HELP_COMING_VARIANT
    if said.get("emergency_had") and response + AFTER_AN_EMERGENCY_VARIANT in responses:
        # an emergency's signs, judged by the 999 call handler or the paramedics ("they said its mild, keep taking
        # antihistamines and call back if it gets worse": play-test 125, "contact the clinic again, or NHS 111" if the
        # lip swelling got worse): their advice, and 999 again if it gets worse
        return response + AFTER_AN_EMERGENCY_VARIANT
    if said.get("when_999"):
        # "so even if i got confused its still 111 not 999?" (play-test 106: the route again, 999 only for an allergy's
        # signs): the route, and the signs that need 999
        closed = response + CLOSED_VARIANT in responses and not clinic().is_open(now())
        asked = (response + CLOSED_VARIANT if closed else response) + WHEN_999_VARIANT
        if asked in responses:
            return asked
    if response + LASTING_VARIANT in responses and tracker is not None and a_lasting_sign(tracker):
        if not clinic().is_open(now()):
            return response + LASTING_VARIANT
        # while the clinic is open, the clinic today, without "NHS 111 now, don't wait" (play-tests 60 and 62: to
        # someone peeling on day 4 and flaking on day 5, "please don't wait to see if it settles")
        if response + LASTING_OPEN_VARIANT in responses:
            return response + LASTING_OPEN_VARIANT
    if response + HELP_SOUGHT_VARIANT in responses and said.get("seeking_help"):
        if tracker is not None and clinic_unreachable(tracker):
            # ("i rang, they didnt pick up", then "ok ill call 111": play-test 200, "the clinic is open, on …")
            return response + HELP_SOUGHT_VARIANT
        return help_sought(domain, response)
    if response + UNREACHABLE_VARIANT in responses and tracker is not None and clinic_unreachable(tracker):
        return response + UNREACHABLE_VARIANT
    if (
        response + ASKED_AGAIN_VARIANT in responses
        and tracker is not None
        and not tracker.active_loop.get("name")
        and _PUSHES_FOR_AN_ANSWER.search(tracker.latest_message.get("text") or "")
        and (answered := answered_last_turn(tracker))
        and all(name.startswith(response) for name in answered)
    ):
        return response + ASKED_AGAIN_VARIANT
    if (
        response + PATIENT_VARIANT in responses
        and tracker is not None
        and not tracker.active_loop.get("name")
        and a_patient(tracker)
    ):
        return response + PATIENT_VARIANT
    if response + CLOSED_VARIANT in responses and not clinic().is_open(now()):
        return response + CLOSED_VARIANT
    return response


def help_sought(domain: Dict[Text, Any], response: Text) -> Text:
    """The response's variant for someone calling for help now, or asking whether to: while the clinic is open, its
    own words where it has them (the clinic, and NHS 111 if they can't reach it), else those for the clinic closed."""
    if response + HELP_SOUGHT_OPEN_VARIANT in domain.get("responses", {}) and clinic().is_open(now()):
        return response + HELP_SOUGHT_OPEN_VARIANT
    return response + HELP_SOUGHT_VARIANT


def a_patient(tracker: Tracker) -> bool:
    """Whether the person said, in this conversation, that they have had a treatment or have one booked
    (components/triage.py `a_patient`), as of themselves, not of whomever a request is for."""
    if tracker.get_slot("booking_for_someone_else"):
        return False
    users = [event for event in tracker.events if event.get("event") == "user"]
    return any(((event.get("parse_data") or {}).get("triage") or {}).get("a_patient") for event in users) or bool(
        (tracker.latest_message.get("triage") or {}).get("a_patient")
    )


def earlier_with_replies(tracker: Tracker, back: Optional[int] = None) -> List[Tuple[Dict[Text, Any], List[Text]]]:
    """The person's messages before the latest one, newest first (`back` of them at most; all, without it), each as its
    triage (components/triage.py) and the names of the responses that answered it."""
    users = [index for index, event in enumerate(tracker.events) if event.get("event") == "user"]
    pairs = list(zip(users[:-1], users[1:], strict=True))
    return [
        (
            (tracker.events[index].get("parse_data") or {}).get("triage") or {},
            [str((event.get("metadata") or {}).get(UTTERED) or "") for event in tracker.events[index:following]],
        )
        for index, following in reversed(pairs[-back:] if back else pairs)
    ]


def _each_report_since_got_the_lasting_route(tracker: Tracker) -> bool:
    """Whether each of the person's earlier messages (in the turns a message is handled with) that had a level of its
    own was answered with the lasting sign's route."""
    return all(
        any(LASTING_VARIANT in reply for reply in replies)
        for triage, replies in earlier_with_replies(tracker)
        if triage.get("level")
    )


# something new, or when, said of what is happening ("now there are bumps too", "since yesterday")
_SOMETHING_NEW_OR_WHEN = re.compile(
    r"\b(?:now|new|also|too|as well|started|starting|appeared|come up|came up|spread\w*|more|another|since|ago|"
    r"yesterday|today|tonight|this morning|last night)\b|\b\d+\s*(?:days?|weeks?|months?|hours?|hrs?)\b",
    re.IGNORECASE,
)


def a_lasting_sign(tracker: Tracker) -> bool:
    """Whether the sign the route is for was said to have been there for weeks or months: in the latest message, or,
    when it names none, in the latest one that did (components/triage.py `lasting`). A message that names only the
    signs said to be lasting before, none worse ("youre useless. its in your guide that redness is normal" after "a bit
    red still, a week on": play-test 53, NHS 111 now where the clinic had been the route), is about the same."""
    named: Optional[Set[Text]] = None  # the signs the latest message names, when it names no time since
    named_expected = False  # ... and whether they are what the guide expects (the expected reaction's level)
    # (never lower than a route given for something happening now, a few messages before: "will this scar?? … I look
    # worse than before" two days after white itchy bumps got NHS 111 now, play-test 119, the clinic when it opens, five
    # times, with pus said in between)
    # (but the same signs named again, asked about, are the lasting ones: "what does the guide actually say about side
    # effects? does it mention dark patches" after a dark patch there three weeks, play-test 203, NHS 111 now when she
    # then asked for a consultation)
    # (nor, with the lasting route the last urgent answer given, a message since that was given it again: "its not bad
    # its just a bit pink", then six messages on "so your saying ring the clinic then, not 111?", play-test 203)
    latest = tracker.latest_message.get("triage") or {}
    if (
        tracker.get_slot(LASTING_GIVEN)
        and not (latest.get("level") or latest.get("worse") or latest.get("lasting"))
        and _each_report_since_got_the_lasting_route(tracker)
    ):
        # the lasting route the last urgent answer given, to each report since, and the message names nothing: the
        # route it was ("it's not an emergency right? I can finish my lunch and ring them after?", a pink chin two weeks
        # on, play-test 210: NHS 111 now, as a message between named its pinkness again and got the lasting route)
        return True
    earlier = earlier_triages(tracker)
    lasting_signs = {sign for triage in earlier if triage.get("lasting") for sign in triage.get("signs") or ()}
    text = tracker.latest_message.get("text") or ""
    if (
        lasting_signs
        and latest.get("level") == SEVERITY[1]
        and not (latest.get("worse") or latest.get("lasting") or latest.get("help_had"))
        and not any(_INFECTION_SIGNS.search(str(sign)) for sign in latest.get("signs") or ())
        and not _SOMETHING_NEW_OR_WHEN.search(text)
        and not any(triage.get("level") == SEVERITY[1] and not triage.get("lasting") for triage in earlier)
    ):
        # what was said to be there for weeks, named again in other words, nothing new, worse or timed ("tiny dots where
        # the needles went in, like a grid pattern … 3 weeks", then "I just want to know if I ring you or the GP about
        # these dots": play-test 256, NHS 111 now, twice): the same, lasting
        return True
    if not tracker.get_slot(LASTING_GIVEN) and any(
        triage.get("level") == SEVERITY[1]
        and not triage.get("lasting")
        and not triage.get("help_had")
        and not (lasting_signs and set(triage.get("signs") or ()) <= lasting_signs and not triage.get("worse"))
        for triage in earlier
    ):
        return False
    for triage in [tracker.latest_message.get("triage") or {}] + earlier:
        # (something happening with no sign named, said to have been there for months, has no level of its own: "little
        # pitted marks, theyve been there since about 2 weeks after my last session", play-test 96, NHS 111 now)
        if not triage.get("level") and not triage.get("lasting"):
            continue
        if triage.get("lasting"):
            return named is None or named <= set(triage.get("signs") or ())
        if named is not None or triage.get("worse") or triage.get("level") == SEVERITY[0]:
            return False
        named = set(triage.get("signs") or ())
        named_expected = triage.get("level") == TOPIC_LEVELS.get(SEVERITY[2])
    # (the message the route was given for further back than the turns a message is handled with: "Before we start:
    # … call NHS 111 now" when a consultation was asked for, ten messages after a dark patch there three weeks got the
    # clinic when it opens, play-test 203): the route last given, when no message since names a sign of its own beyond
    # what the guide expects, no worse ("ok but as it is now, just pink, can i wait", then "so your saying ring the
    # clinic then, not 111?": play-test 203, NHS 111 now)
    return (named is None or named_expected) and bool(tracker.get_slot(LASTING_GIVEN))


def say_the_route_first(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
) -> List[Dict[Text, Any]]:
    """Right after an emergency or urgent answer, before a request or a hand-over: the route again, said plainly, unless
    help is called, on its way or there already ("its probably just anxiety tbh, can i just get a call back" after a
    tight throat and wheezing: twenty-second play-test; "i dont want to bother 999, can the clinic just call me in the
    morning": play-test 25)."""
    triage = tracker.latest_message.get("triage") or {}
    helped = help_called_before(tracker) or triage.get("waiting_for_help") or triage.get("care_present")
    if tracker.get_slot("last_topic") in SEVERITY and triage.get("over") and not triage.get("level"):
        # "its healed mostly, i dont need 111 you idiot, i want a COMPLAINT logged" (play-test 39: the route again,
        # twice): said to be past, the thread ends here, for what is said after it in this turn too
        tracker.slots["last_topic"] = None
        return [SlotSet("last_topic", None)]
    if (
        tracker.get_slot("last_topic") in SAFETY_ROUTES
        and triage.get("help_had")
        and not triage.get("level")
        and (triage.get("judged") or tracker.get_slot("last_topic") != SEVERITY[0])
    ):
        # "i call. the man say is not emergency, i go to pharmacy … they can call me?" (play-test 113: the request began
        # with no word of that advice, and the emergency's thread went on, "Please call 999 now" at the summary): the
        # advice had, and the thread ends
        dispatcher.utter_message(response=response_for(domain, HELP_HAD, tracker))
        tracker.slots["last_topic"] = HELP_HAD
        return [SlotSet("last_topic", HELP_HAD)]
    if tracker.get_slot("last_topic") in SAFETY_ROUTES and not helped:
        dispatcher.utter_message(response=route_variant(domain, "utter_booking_safety_reminder", tracker))
    return []


THREAD_LOOKS_BACK = 6  # how many earlier messages the safety thread looks back over


def earlier_messages(tracker: Tracker, back: int = THREAD_LOOKS_BACK) -> List[Dict[Text, Any]]:
    """The person's messages before the latest one, newest first, `back` of them at most (as far back as the safety
    thread looks, unless said)."""
    users = [event for event in tracker.events if event.get("event") == "user"][:-1]
    return list(reversed(users[-back:]))


def earlier_triages(tracker: Tracker, back: int = THREAD_LOOKS_BACK) -> List[Dict[Text, Any]]:
    """What the safety triage read in each of those messages (components/triage.py), newest first."""
    return [((event.get("parse_data") or {}).get("triage") or {}) for event in earlier_messages(tracker, back)]


# the signs of an infection, as clinic.yml names them (components/triage.py gives each sign's text)
_INFECTION_SIGNS = re.compile(r"\b(?:pus|infect|fever|shiver|crust|spread|hot)", re.IGNORECASE)


def an_infection_before(tracker: Tracker) -> bool:
    """Whether one of the person's recent messages told of an infection's signs after a treatment (oozing, a fever,
    shivers, spreading), however it was answered (the urgent route, or the advice of those already asked)."""
    return any(
        triage.get("level") == SEVERITY[1] or triage.get("help_had")
        for triage in earlier_triages(tracker)
        if any(_INFECTION_SIGNS.search(str(sign)) for sign in triage.get("signs") or ())
    )


def _answered_with_the_emergency(tracker: Tracker, back: int = THREAD_LOOKS_BACK) -> Set[int]:
    """Which of the person's earlier messages (their places in `earlier_triages`, newest first) got the emergency
    answer."""
    return {
        place
        for place, (_, replies) in enumerate(earlier_with_replies(tracker, back))
        if any(reply.startswith(response_name(SEVERITY[0])) for reply in replies)
    }


def help_called_before(tracker: Tracker) -> bool:
    """Whether, since the message the emergency answer was given for, an earlier message said emergency help is called
    or on its way ("ambulance on its way, my flatmate called"): the emergency number is not said again as if it were
    not (found by the sixteenth play-test: "Please call 999 now" twice after the ambulance was called)."""
    said = tracker.latest_message.get("triage") or {}
    if tracker.get_slot(HELP_CALLED) and tracker.get_slot(EMERGENCY_GIVEN) and not said.get("not_called"):
        # said further back than the turns a message is handled with, the emergency not set aside since
        return True
    if not in_an_emergency_thread(tracker):
        return False
    # (a new sign since, "breathing feels tight" with the ambulance on its way, is the emergency getting worse while
    # help comes, not help never called: play-test 31; the person well again ends it, and so does help said not to be
    # called: "i havent called anyone yet", play-test 74)
    if (tracker.latest_message.get("triage") or {}).get("not_called"):
        return False
    earlier = earlier_triages(tracker)
    # before the first message of the emergency (the oldest one looked back over that named its signs, or that got the
    # emergency answer: a confusion after an infection's signs is one by what was said before it), only emergency help
    # counts: "ok ill ring 111. can i wash my face in the meantime?" waits for 111, and a tight throat after it needs
    # 999 (play-test 74: "follow what the 999 call handler tells you … before they arrive", no one called; play-test
    # 213, "ill ring 111" before "bit muddled and my legs look kind of blotchy purple": "don't call it off on my word")
    answered = _answered_with_the_emergency(tracker)
    first = max(
        (index for index, triage in enumerate(earlier) if triage.get("level") == SEVERITY[0] or index in answered),
        default=None,
    )
    for index, triage in enumerate(earlier):
        # (nor the first message of the emergency itself, unless it names emergency help: "ok calling them now.
        # actually its nearly swollen shut now and my top lip feels a bit puffy too" after "fine ill ring 111",
        # play-test 85, was "follow what the 999 call handler tells you" three times, and no one had called 999)
        if triage.get("waiting_for_help") and (first is None or index < first or triage.get("emergency_help_named")):
            return True
        if triage.get("well") or triage.get("not_called"):
            return False
    return False


def care_had_before(tracker: Tracker) -> bool:
    """Whether an earlier message since the emergency answer said emergency care had come or been had ("ambulance is
    here", "hospital gave me medicine"): well again after it, the emergency is over (play-test 47: "i am FINE now, no
    swelling. i ask about next session only" got "follow what the paramedics tell you … before they arrive")."""
    if tracker.get_slot("last_topic") != SEVERITY[0]:
        return False
    return any(triage.get("care_present") or triage.get("help_had") for triage in earlier_triages(tracker))


def response_for(domain: Dict[Text, Any], topic: Text, tracker: Optional[Tracker] = None) -> Text:
    """The answer's response, in its variant for where the person stands (`route_variant`); what to tell those called,
    asked while calling ("ok calling now. what do i tell them"), is of the call about to be made, not of those
    coming."""
    if (
        topic == WHAT_TO_TELL_111
        and tracker is not None
        and _A_CALL_BEING_MADE.search(tracker.latest_message.get("text") or "")
    ):
        return response_name(topic)
    return route_variant(domain, response_name(topic), tracker)


def safety_thread_level(tracker: Tracker) -> Optional[Text]:
    """The safety answer given in reply to the message before this one, if any. A reply that is no
    question (the rules of data/rules/safety.yml send "yes", "no", "ok", an unclear message here only
    after a safety answer) always stays with the last safety answer."""
    last_topic = tracker.get_slot("last_topic")
    if last_topic != SEVERITY[0] and in_an_emergency_thread(tracker):
        return SEVERITY[0]
    if last_topic not in SEVERITY:
        return None
    if tracker.get_intent_of_latest_message(skip_fallback_intent=False) != RETRIEVAL_INTENT:
        return last_topic
    if last_topic == SEVERITY[0]:
        # the emergency's thread holds over the turns a request or a hand-over took ("the vision thing is getting a
        # bit worse" after a call back was asked for: found by play-test 25, the urgent route, a level lower); it
        # ends when the person is well again or in care (thread_topics)
        return last_topic
    answered = any(e.get("event") == "action" and e.get("name") == "action_answer_question" for e in last_turn(tracker))
    return last_topic if answered else None


REPORT_LOOKS_BACK = 10  # how many of the person's messages back a sign reported still counts for "can it wait?"


def in_an_emergency_thread(tracker: Tracker) -> bool:
    """Whether the conversation is in an emergency's thread: its answer was the last, or a question answered while
    emergency help comes was ("whats their email so i can message them from the hospital"), with the emergency not
    over since: "the 999 lady thinks it might be a reaction to the numbing cream. is that common?", then "so swelling
    is normal then? maybe ill cancel the ambulance" (play-test 180: the general side effects, "swelling … usually
    settles within a few days", twice, the thread ended by the clinic's email)."""
    last_topic = tracker.get_slot("last_topic")
    return last_topic == SEVERITY[0] or (last_topic in ANSWERED_WHILE_HELP_COMES and an_emergency_not_over(tracker))


def an_emergency_not_over(tracker: Tracker) -> bool:
    """Whether an emergency's sign was reported in one of the person's recent messages, and nothing said since tells
    that they are well again, in care, or were judged by those called (`REPORT_LOOKS_BACK`)."""
    for triage in earlier_triages(tracker, REPORT_LOOKS_BACK):
        if triage.get("well") or triage.get("care_present") or triage.get("judged") or triage.get("emergency_had"):
            return False
        if (triage.get("just_asking") or triage.get("no_treatment")) and not triage.get("waiting_for_help"):
            return False  # only a question, or no treatment had: the emergency's answer set aside
        if triage.get("level") == SEVERITY[0]:
            return True
    return False


# what a turn says that gives a route, or takes one back: after it, no reminder is said in that turn
_ROUTE_OR_ITS_END = (
    "utter_faq/emergency",
    "utter_faq/urgent",
    "utter_faq/help_had",
    "utter_safety_",
    "utter_booking_safety_reminder",
    "utter_emergency_",
    "utter_sign_before_any_treatment",
    "utter_medicine_in_",
    # (the route itself explained, or whether it can wait: "ok. what even do i say to them")
    "utter_faq/what_to_tell_111",
    "utter_faq/route_explained",
    "utter_faq/reassurance",
    "utter_faq/warning_signs",
)
# what the person says that sets the route aside for now: help called, sought, had or there, or nothing happening
_ROUTE_SET_ASIDE = (
    "waiting_for_help",
    "help_had",
    "care_present",
    "seeking_help",
    "no_treatment",
    "just_asking",
    "over",
    "well",
    "not_yet",
)


def remind_of_the_route(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> bool:
    """Say the route again in a line when a sign of infection or worse was reported in one of the person's recent
    messages and not seen to since (`reported_earlier`), and nothing said in this turn gave it or took it back: a
    follow-up that no answer of the safety thread caught ("can i not just email them tonight", "do i really have to
    ring 111 tonight", "can i put savlon or sudocrem on it", "ICE. on my face. yes or no": play-tests 166 and 167, the
    route dropped for a booking's reply, a menu or an answer of its own). The one place that says it; whether it was
    said."""
    said = tracker.latest_message.get("triage") or {}
    given = any(str(message.get("response") or "").startswith(_ROUTE_OR_ITS_END) for message in dispatcher.messages)
    if said.get("level") or given:
        return False
    # (the emergency's thread holds across turns of its own, with its own words: `safety_thread_level`; never the
    # urgent route's line once the emergency answer was given and not set aside since: play-test 215)
    if reported_earlier(tracker) != SEVERITY[1] or help_called_before(tracker) or tracker.get_slot(EMERGENCY_GIVEN):
        return False
    # calling now, for that help ("ok ringing them now, thanks"), not an ambulance on its way
    calling = (
        said.get("waiting_for_help")
        and not (said.get("help_had") or said.get("care_present") or said.get("emergency_help_named"))
        and not _EMERGENCY_NAMED.search(tracker.latest_message.get("text") or "")
    )
    if (said.get("seeking_help") or calling) and not a_lasting_sign(tracker):
        # "ok ringing them now, thanks" (play-test 167: a menu): yes, that help now, and 999 if it gets worse
        # (not for a sign there days after it should have settled: "Ok, I'll call. In the meantime can I go back on my
        # retinol?" two weeks on got "please do get help now … NHS 111 now", play-test 210; its route says it)
        dispatcher.utter_message(response=help_sought(domain, response_name(SEVERITY[1])))
        return True
    if any(said.get(flag) for flag in _ROUTE_SET_ASIDE):
        return False
    dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
    return True


# the answer of each level the triage gives (components/triage.py LEVELS)
LEVEL_TOPICS = {"emergency": SEVERITY[0], "urgent": SEVERITY[1], "expected": SEVERITY[2]}
TOPIC_LEVELS = {topic: level for level, topic in LEVEL_TOPICS.items()}


def own_signs_in_a_thread(tracker: Tracker) -> Optional[Text]:
    """The level of the signs the latest message names, read as the person's own (components/triage.py
    `level_if_happening`), when nothing in it says they are now but a safety answer's thread says so: the last answer
    was one, or something was reported in one of the person's recent messages and not seen to since ("but its not
    slightly, it really burns. like 7/10", "hello?? did u read what i said, its burning a lot" after the expected
    reaction's answer: play-test 166, the ice answer, then a menu). None otherwise."""
    said = tracker.latest_message.get("triage") or {}
    level = said.get("level_if_happening")
    if said.get("level") or level not in LEVEL_TOPICS or any(said.get(flag) for flag in _ROUTE_SET_ASIDE):
        return None
    order = list(LEVEL_TOPICS)  # most severe first
    # never lower than what was reported and not seen to since ("its only a bit red tbh, prob just the normal redness
    # from the treatment right?" after a spreading hot patch and a fever of 38 got NHS 111 now: play-test 189, the
    # expected reaction's words, "if it lasts longer than a few days")
    reported = TOPIC_LEVELS.get(reported_earlier(tracker) or "")
    if reported in order and order.index(reported) < order.index(level):
        level = reported
    if safety_thread_level(tracker) in SEVERITY:
        return level
    for earlier in earlier_triages(tracker, REPORT_LOOKS_BACK):
        if earlier.get("help_had") or earlier.get("well"):
            return None
        if earlier.get("level") in LEVEL_TOPICS:
            return level
    return None


def before_the_rest(dispatcher: CollectingDispatcher, since: int) -> None:
    """The message said last moved to stand first of those said since `since`: the route before anything else."""
    dispatcher.messages.insert(since, dispatcher.messages.pop())


# the answers that say how a skin reacts to a treatment and for how long
REACTION_TOPICS = {"side_effects", "downtime", "expected_reaction"}


def asks_if_a_reaction_is_normal(tracker: Tracker, topics: List[Text]) -> bool:
    """Whether the latest message asks if a reaction, or how long it lasts, is normal, not of treatments in general or
    of the next one: "so is 2 weeks red normal or not, like how long does redness usually last", then "mines been 14
    days so thats not normal then is it", after a request sent for redness that got the urgent route (play-test 163:
    the expected reaction's words twice, no route). With a sign reported earlier, that is its route again."""
    text = tracker.latest_message.get("text") or ""
    return (
        bool(set(topics) & REACTION_TOPICS)
        and bool(re.search(r"\bnormal\b", text, re.IGNORECASE))
        and bool(_ASKS_WHETHER_ALL_RIGHT.search(text))
        and not (_IN_GENERAL.search(text) or _OF_THE_NEXT_ONE.search(text))
    )


def reported_earlier(tracker: Tracker) -> Optional[Text]:
    """The level of a sign of infection (or worse) reported in one of the person's recent messages, unless seen or
    advised since: "so do i still need to call 111 tonight or just wait for monday" after a yellow crust and a fever,
    and a call back sent in between (play-test 60: "I can't tell you whether it can wait ... contact the clinic",
    without NHS 111, to someone who could not reach the clinic), is that route again."""
    for triage, replies in earlier_with_replies(tracker, REPORT_LOOKS_BACK):
        if triage.get("help_had") or triage.get("well") or any(reply.startswith(ROUTE_WITHDRAWN) for reply in replies):
            # (or the route taken back since: "Woah no I haven't had anything done yet lol, nothing's wrong", then
            # "does it work on stretch marks?", play-test 171, "About what you described before", twice)
            return None
        if triage.get("level") == SEVERITY[0] or any(reply.startswith(response_name(SEVERITY[0])) for reply in replies):
            # (or given the emergency answer, as a confusion after an infection's signs is: "ok shes calling now" got
            # "call NHS 111 now" with his wife on the phone to 999, play-test 215)
            return SEVERITY[0]
        if triage.get("level") == SEVERITY[1]:
            return triage["level"]
    # (or the urgent route the last answer given, further back than the turns a message is handled with: "do I ring 111
    # tonight or is it ok to wait for them monday?" after a call back was sent, play-test 115, "or contact the clinic
    # when it opens"; or given earlier and not set aside since, the `urgent_route_given` slot: "ok just tried calling,
    # line was busy. tried twice. now what" six messages after a hot, throbbing cheek, play-test 208, a menu)
    if tracker.get_slot("last_topic") == SEVERITY[1] or tracker.get_slot(URGENT_GIVEN):
        return SEVERITY[1]
    return None


# emergency help put off or asked whether it is still needed ("even tho shes better we still ring? cant we just call
# the clinic on monday instead", "do we really need to go to a&e"): in the emergency's thread, by someone well again
_HELP_PUT_OFF = re.compile(
    r"\b(?:still|really|even|actually)\s+(?:need\s+to\s+|have\s+to\s+|got\s+to\s+)?(?:ring|call|phone|go|bother)\b|"
    r"\b(?:instead|wait\w*\s+(?:till|until|for|and see)|monday|tomorrow|in the morning|skip|not bother)\b",
    re.IGNORECASE,
)


# the urgent route put off ("honestly if i just take paracetamol and go to bed and ring you first thing monday, is that
# ok?": play-test 106, the suitability answer and a consultation offered, to someone with a red streak and shivers)
_ROUTE_PUT_OFF = re.compile(
    r"\bwait\w*\s+(?:till|until|for|and see)\b|\bgo\s+to\s+(?:bed|sleep)\b|\bsleep\s+on\s+it\b|"
    r"\b(?:ring|call|phone|contact)\s+(?:you|you guys|the clinic|them)\s+(?:first thing\s+|on\s+|in\s+the\s+)?"
    r"(?:monday|tuesday|tomorrow|morning|when (?:you|they|it) opens?)\b|"
    # "will the piriton not just sort it out? i dont really want to sit on hold with 111 for ages" (play-test 159: read
    # as whether it treats puffy eyes, and the route dropped)
    r"\b(?:don'?t|do not)\s+(?:really\s+)?(?:want|wanna|need)\s+to\s+(?:\w+\s+){0,4}?(?:111|999|a&e|a and e)\b|"
    r"\bwill\s+(?:the\s+|my\s+|that\s+|this\s+)?(?:\w+\s+)?not\s+(?:just\s+)?(?:sort|fix|settle|clear|calm)\b|"
    # ("cant i just put a bit of concealer on and ring after the meeting? it finishes at 6": play-test 192, "today",
    # with the clinic closing at 18:00)
    r"\b(?:ring|call|phone|contact)\s+(?:them\s+|you\s+|the clinic\s+|it\s+)?(?:later|after\s+(?:the|my|this|work|i)\b|"
    r"once\s+(?:the|my|i)\b|when\s+i(?:'m|\s+am|\s+get|\s+finish|m)\b)",
    re.IGNORECASE,
)


# where it is said to be, alone, or what is said to be fine ("it's only my chin, my lips are fine")
_ONLY_THERE_OR_FINE = re.compile(
    r"\b(?:only|just)\s+(?:my|the|on\s+my|on\s+the|in\s+my)\s+\w+\b|\b(?:are|is|'s|feel|feels|look|looks)\s+(?:fine|ok|okay|"
    r"normal|alright|all\s+right)\b",
    re.IGNORECASE,
)


def thread_topics(tracker: Tracker, topics: List[Text], previous: Optional[Text], asked: bool) -> Optional[Text]:
    """In the thread after a safety answer: the level to answer with, or None for a new topic.
    `previous`: `safety_thread_level`; `asked`: the latest message is a question."""
    triage = tracker.latest_message.get("triage") or {}
    if (
        triage.get("after_an_infection_emergency")
        and not triage.get("not_yet")
        and an_infection_before(tracker)
        and previous != SEVERITY[0]
    ):
        # (an infection's signs, not any urgent route: "sorry im confused, you say you cant say its safe to wait" about
        # pink cheeks on day 6 got "call 999 now", play-test 199)
        # "the streak is a bit longer … and i feel a bit muddled, like foggy" after a spreading streak and shivers
        # (play-test 108: NHS 111 twice, and "if you become confused, call 999"): the sepsis signs, across the thread;
        # also after what 111 said of the infection ("111 said GP tomorrow", then "i feel a bit foggy too, kind of
        # muddled": play-test 122, "No rush")
        return SEVERITY[0]
    if (
        triage.get("after_an_allergy_emergency")
        and not triage.get("not_yet")
        and previous != SEVERITY[0]
        and (triage.get("allergy") or any(earlier.get("allergy") for earlier in earlier_triages(tracker)))
    ):
        # "please help, i think i'm having an allergic reaction", then "my throat feels scratchy" (play-test 149: NHS
        # 111 twice, and 999 only when swallowing got harder): the reaction reaching the airway
        return SEVERITY[0]
    if previous is None or (asked and triage.get("not_yet")):
        # no thread, or a question asked before any treatment ("I haven't had it yet, is it normal to be red?");
        # a reply that is no question always gets the route again (the rules expect the clinic's help offered)
        return None
    new = [topic for topic in topics if topic in SEVERITY]
    if (
        previous == SEVERITY[0]
        and asked
        and not new
        and not (triage.get("care_present") or triage.get("help_had") or triage.get("over") or HELP_HAD in topics)
        and not (help_called_before(tracker) or care_had_before(tracker))
        and _HELP_PUT_OFF.search(tracker.latest_message.get("text") or "")
    ):
        # help put off, by someone who has called no one ("so you're saying even tho shes better we still ring? cant
        # we just call the clinic on monday instead": play-test 98, the clinic's hours on Monday, then "if something is
        # worrying you, call 111"; "hes a bit better … the line is busy, do i still need to bother them?": play-test
        # 100, how long results last): still the emergency's route, and no guess that it was nothing (still_call)
        return previous
    if (
        previous == SEVERITY[1]
        and asked
        and not new
        and not (triage.get("care_present") or triage.get("help_had") or triage.get("well") or HELP_HAD in topics)
        # (or when 999 is for, asked: "so even if i got confused its still 111 not 999?", the route with 999's signs)
        and (_ROUTE_PUT_OFF.search(tracker.latest_message.get("text") or "") or triage.get("when_999"))
        # (a sign lasting days after it should have settled has the clinic when it opens for its route: "i'll just ring
        # the clinic monday morning. what time do you open monday" follows it, play-test 199)
        and not (a_lasting_sign(tracker) and not triage.get("when_999"))
    ):
        return previous  # still the route, now (utter_faq/urgent_closed: "please don't wait for it to open")
    if (
        previous == SEVERITY[0]
        and (triage.get("cancel_help") or triage.get("instead_of_999"))
        and not (triage.get("care_present") or triage.get("help_had"))
        and help_called_before(tracker)
    ):
        # "he used the pen and says hes breathing a bit easier now. do we still need the ambulance or can i just drive
        # him in" (play-test 112: the guide's silence on driving, the ambulance's question unanswered): better is no
        # end of the thread while help is called off or put off; calling it off is not on this assistant's word
        return previous
    if asked and (triage.get("well") or triage.get("care_present")) and not new:
        # "used it, breathing easier", "I'm at the hospital", "all ok now, just a question about my next session":
        # well again or in care now, and asking: the thread ends (found by the thirteenth play-test: 999 again and
        # again); a reply that is no question ("no i'm fine") still gets the route (the rules expect it)
        return None
    if (
        previous == SEVERITY[0]
        and asked
        and topics
        and not new
        and not triage.get("waiting_for_help")
        and not any(topic in THREAD_TOPICS - ANSWERED_WHILE_HELP_COMES or topic == HELP_HAD for topic in topics)
        and help_called_before(tracker)
    ):
        # "what was the serum they used? the paramedics might ask", with the ambulance called already: a new question
        # is answered (found by the sixteenth play-test: "Please call 999 now" again)
        return None
    if previous == SEVERITY[0] and not new and set(topics) & {EMERGENCY_EXPLAINED, WHAT_TO_TELL_111}:
        # "ok calling now. what do i tell them", "do i need to tell the hospital anything specific" (play-test 93:
        # "follow what the call handler tells you", the products answer): what to tell them, and the thread goes on
        # (say_answers)
        return None
    if previous == SEVERITY[0] and (
        triage.get("waiting_for_help") or (HELP_HAD in topics and not (triage.get("well") or triage.get("judged")))
    ):
        # "ambulance is on the way. what do i do while waiting", "should i wait for 111 to call back? they said 2
        # hours": the emergency's route again (its variant for help on its way), never "follow the advice" while the
        # person is not well again (found by the eleventh and twelfth play-tests)
        return previous
    if HELP_HAD in topics:
        return None  # "I rang the clinic and they said it's normal": their advice, not the route again
    if previous == SEVERITY[0] and new and SEVERITY[0] not in new and triage.get("eased"):
        # "the lip is fine, it was just me panicking. but the pus is still there": the emergency sign eased, and what
        # is still there has its own route (play-test 55: 999 three times, "111 or 999??" never answered); but never
        # the expected reaction's, on the person's word that it eased ("its just like a sunburn, I think I just stood
        # up too fast … feel a bit better" after feeling faint: play-test 255, "settles within a few days")
        lowest = min(new, key=SEVERITY.index)
        return previous if lowest == SEVERITY[2] else lowest
    if (
        previous == SEVERITY[2]
        and new == [SEVERITY[1]]
        and not (triage.get("signs") or triage.get("worse") or triage.get("level_if_happening") == "emergency")
        and _ONLY_THERE_OR_FINE.search(tracker.latest_message.get("text") or "")
    ):
        # "it's only my chin, my lips are fine. is that normal then?" after the expected reaction's answer (play-test
        # 256: "contact the clinic now … don't wait to see if it settles", against the answer before): nothing new
        # named, only where it is or what is fine, so the same route
        return previous
    if new:
        return min(new + [previous], key=SEVERITY.index)  # never lower than before
    if topics and not any(topic in THREAD_TOPICS for topic in topics) and tracker.latest_message.get("asks", True):
        return None  # a new question ("how much is it?"); a message that asks nothing keeps the route
    if triage.get("worse") and previous == "expected_reaction":
        return "urgent"
    if (
        previous == "expected_reaction"
        and topics
        and (
            not set(topics) & REASSURANCE_SOUGHT
            # ("what are the normal side effects of microneedling": play-test 64, the reaction's route three times)
            or a_new_question_in_the_thread(tracker, topics)
        )
    ):
        # after the expected reaction's answer, "can I put makeup on tomorrow?" is answered as asked (found by the
        # ninth play-test: three questions got the redness answer again); "so it's fine?" still is not reassured
        return None
    return previous


# Where Python decides the dialogue, in the same place: the booking form's concern prompt. A message there that
# asks nothing and describes the skin ("bit of loose saggy skin under my chin", "an old scar from a cycling
# accident years ago", "redness and broken veins") is the concern asked for, though the classifier finds an
# answer for it: the form takes it (ValidateBookingForm.extract_booking_concern) and no answer is said. A sign
# said to follow a treatment or to be happening now, a crisis, an age, and any answer below still stand.
NEVER_A_CONCERN = {"emergency", "urgent", "warning_signs", "minors", "privacy", "clinic_info", "reassurance"}
SKIN_ENTITIES = ("skin_concern", "treatment_area", "unknown_area", "concern")
SUITABILITY_FACTOR = "suitability_factor"
SKIN_WORDS = re.compile(
    r"\b(?:skin|face|complexion|scars?|scarring|lines|wrinkles|spots|pores|marks|glow|dull|texture|tone|"
    r"pigmentation|redness|veins?|sagging|saggy|loose|jowls?|cheeks?|chin|neck|forehead)\b",
    re.IGNORECASE,
)


# At the consent question (the concern was taken from the chat before, so it was not asked), a message that asks
# nothing and names a skin concern ("keloids and acne scars") is the concern, not a failed yes or no.
CONCERN_AT_CONSENT_INTENTS = (RETRIEVAL_INTENT, "inform", "nlu_fallback", "out_of_scope")


_CONSENT_REFUSAL_ASKED = re.compile(CONSENT_REFUSAL_ASKED, re.IGNORECASE)


def consent_refusal_explained(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """At the consent question, what a no means, asked ("What happens if I say no?": play-tests 209, 215 and 221, the
    privacy answer, then "I need a yes or a no"): said, and True; the form asks again. False otherwise."""
    if tracker.get_slot("requested_slot") != "booking_consent" or (tracker.latest_message.get("triage") or {}).get(
        "level"
    ):
        return False
    if not _CONSENT_REFUSAL_ASKED.search(tracker.latest_message.get("text") or ""):
        return False
    dispatcher.utter_message(response="utter_booking_consent_refusal_explained")
    return True


def concern_given(tracker: Tracker) -> bool:
    """Whether the latest message, at the booking form's concern prompt (or its consent question), is the concern
    (see above)."""
    message = tracker.latest_message
    requested = tracker.get_slot("requested_slot")
    if tracker.active_loop.get("name") != "booking_form" or requested not in ("booking_concern", "booking_consent"):
        return False
    if (message.get("text") or "").startswith("/"):
        # a button ("Aftercare" beside a call back's topic prompt) is what its title says, never the words of the
        # concern (found by play-test 25: the summary said 'Concern: /faq{"topic": "aftercare"}')
        return False
    intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
    wanted = (RETRIEVAL_INTENT,) if requested == "booking_concern" else CONCERN_AT_CONSENT_INTENTS
    if intent not in wanted:
        return False
    triage = message.get("triage") or {}
    # (the warning signs said of a worry that asks nothing: "just want to talk it through first, im nervous about
    # needles and fainting", play-test 146, got the warning signs and the prompt again)
    never = NEVER_A_CONCERN - ({"warning_signs"} if not message.get("asks", True) else set())
    if (
        requested == "booking_concern"
        and tracker.get_slot("request_kind") == "call_back"
        and not triage.get("level")
        and not triage.get("under_age")
        and not set(ALIASES.get(topic, topic) for topic in answer_keys(tracker)) & never
    ):
        # a call back's "What would you like to talk to the clinic about?": what they say is what the call is about,
        # a question too ("gift vouchers for my wife", "which device you use": found by the twenty-second and
        # twenty-third play-tests, answered as questions and asked again in a loop)
        return True
    if message.get("asks", True):
        return False
    triage = message.get("triage") or {}
    if triage.get("under_age") or (triage.get("level") and triage.get("after_treatment")):
        return False
    if set(ALIASES.get(topic, topic) for topic in answer_keys(tracker)) & NEVER_A_CONCERN:
        return False
    if triage.get("level") not in (None, "expected"):  # components/triage.py LEVELS
        return False
    text = message.get("text") or ""
    named = any(next(tracker.get_latest_entity_values(entity), None) for entity in SKIN_ENTITIES)
    if requested == "booking_concern" and HELP_HAD in answer_keys(tracker):
        # "the infection after my treatment on tuesday, im in A&E" for a call back: seen already, and what the call
        # is about (found by the seventeenth play-test: the concern could not be given)
        return True
    if requested == "booking_concern":
        # "pregnancy question", "I'm on warfarin": what the consultation is to look at (told so, ActionAnswerQuestion)
        return named or bool(SKIN_WORDS.search(text)) or names_a_personal_factor(tracker)
    return named


def route_then_concern(tracker: Tracker) -> bool:
    """Whether the latest message, at the booking form's concern prompt, reports something happening after a
    treatment that is no emergency ("possible infection after my treatment on monday, hot red skin with yellow crust"
    as what a call back is about): its route is said first, and it is what the request is about, which goes on (found
    by the eighteenth play-test: the booking was paused on the answer to its own question, and "please still send
    the call back" was then not understood). After the emergency answer the booking is paused, as before."""
    if tracker.active_loop.get("name") != "booking_form":
        return False
    # (or the request's details listed with it, whatever the form asked: "Chloe Barnes, 07700 900 233, tomorrow morning
    # if poss. its about the dark patches…" when the name was asked, play-test 157, paused the request it was for)
    if tracker.get_slot("requested_slot") != "booking_concern" and len(_details_listed(tracker)) < 2:
        return False
    if tracker.get_intent_of_latest_message(skip_fallback_intent=False) != RETRIEVAL_INTENT:
        return False
    return _a_route_the_booking_goes_on_after(tracker) or the_emergency_told_for_the_call(tracker)


def help_added_to_the_request(tracker: Tracker) -> bool:
    """Whether the latest message, at the request's consent question or summary, asks for a note that says help was
    called or had ("can you add that an ambulance came"), with nothing new or worse said: a note, not a report."""
    said = tracker.latest_message.get("triage") or {}
    return (
        tracker.active_loop.get("name") == "booking_form"
        and tracker.get_slot("requested_slot") in ("booking_consent", "booking_confirmed")
        and any(tracker.get_latest_entity_values("note"))
        and not any(said.get(flag) for flag in ("level", "worse", "under_age"))
        and any(said.get(flag) for flag in ("help_had", "waiting_for_help", "emergency_help_named"))
    )


def report_added_to_the_request(tracker: Tracker) -> bool:
    """Whether the latest message, at the request's consent question or summary, asks for a note that tells again what
    was reported in the route's thread, nothing worse ("yes thats ok but can you add that its yellow crusty spots on my
    cheek from microneedling 2 days ago" after NHS 111 for them: play-test 255, the route again and the request paused):
    a note, with the route said again."""
    said = tracker.latest_message.get("triage") or {}
    level = said.get("level")
    earlier = reported_earlier(tracker)
    return (
        tracker.active_loop.get("name") == "booking_form"
        and tracker.get_slot("requested_slot") in ("booking_consent", "booking_confirmed")
        and any(tracker.get_latest_entity_values("note"))
        and level in LEVEL_TOPICS
        and level != "emergency"
        and not said.get("worse")
        and earlier in SEVERITY[:2]
        and SEVERITY.index(earlier) <= SEVERITY.index(LEVEL_TOPICS[level])
    )


def asked_beside_the_note(tracker: Tracker) -> List[Text]:
    """The topics of the latest message's questions asked outside its note, sure enough to answer beside the advice
    had, in order."""
    message = tracker.latest_message
    notes = [e for e in message.get("entities") or [] if e.get("entity") == "note"]
    return list(
        dict.fromkeys(
            topic
            for question in message.get("questions") or []
            if "start" in question
            and question.get("confidence", 0) >= BESIDE_AT_LEAST
            and not any(note["start"] < question["end"] and question["start"] < note["end"] for note in notes)
            for topic in topics_of([question["intent_response_key"]])
            if topic not in NOT_BESIDE_HELP_HAD
        )
    )


# more said of a personal factor: when a medicine was stopped or started, for how long ("well i stopped 2 weeks ago")
_MORE_OF_A_FACTOR = re.compile(
    r"\b(?:stopped|finished|came\s+off|come\s+off|started|quit|been\s+on|still\s+on|taking\s+it|(?:weeks?|months?|"
    r"years?|days?)\s+ago)\b|"
    # what an adviser said of it ("my midwife said its probably fine tbh": play-test 257, a menu)
    r"\b(?:gp|doctor|doc|midwife|dermatologist|consultant|nurse|pharmacist|specialist)\s+(?:said|says|thinks|told|reckons)\b",
    re.IGNORECASE,
)


def more_said_of_a_personal_factor(tracker: Tracker) -> bool:
    """Whether the latest message, right after the suitability answer, tells more of a personal factor (one named, or
    when it was stopped or started), with nothing happening said."""
    said = tracker.latest_message.get("triage") or {}
    # (or beside another answer: "I'm 12 weeks pregnant, can I still have my second session next month?" got it and the
    # appointments answer, then "my midwife said its probably fine tbh" a menu, play-test 257)
    suitability_last = tracker.get_slot("last_topic") == SUITABILITY or any(
        name.startswith(response_name(SUITABILITY)) for name in answered_last_turn(tracker)
    )
    return (
        suitability_last
        and not (said.get("level") or said.get("signs"))
        and (
            names_a_personal_factor(tracker) or bool(_MORE_OF_A_FACTOR.search(tracker.latest_message.get("text") or ""))
        )
    )


def a_doctors_word_on_suitability(tracker: Tracker) -> bool:
    """Whether the latest message tells what a doctor or another adviser said, right after the suitability answer, with
    nothing happening named and no safety answer in the conversation's recent turns ("Well my GP said it should be ok,
    so that's alright isn't it?" after "I'm on warfarin, could I still have it?": play-test 254, "please follow the
    advice you were given", as if the GP's word settled it): suitability is still the consultation's."""
    said = tracker.latest_message.get("triage") or {}
    return (
        tracker.get_slot("last_topic") == SUITABILITY
        and not (said.get("level") or said.get("signs") or said.get("worse"))
        and safety_thread_level(tracker) is None
        and not any(triage.get("level") for triage in earlier_triages(tracker))
    )


def call_back_offered_in_an_emergency(tracker: Tracker) -> bool:
    """Whether the latest message asks for the clinic's call back in the emergency's thread, emergency help not yet had
    and nothing new or worse said, and is no yes to that call back offered: the call back is offered for later, and
    no request begins ("ok. will the clinic see this message? can someone from there call me back tonight" waiting for
    the ambulance: play-test 239, the privacy notice, a time not understood and "What's your name?", then "no not now
    the ambulance is here" and the name asked again)."""
    said = tracker.latest_message.get("triage") or {}
    if tracker.get_slot("last_topic") != SEVERITY[0] or tracker.active_loop.get("name"):
        return False
    if any(said.get(flag) for flag in ("level", "worse", "help_had", "judged", "over", "under_age")):
        return False
    if tracker.get_slot("offer") == "call_back" and tracker.get_intent_of_latest_message(False) == "affirm":
        return False
    entities = tracker.latest_message.get("entities") or []
    if any(entity.get("entity") in ("person", "phone", "email") for entity in entities) or any(
        entity.get("entity") == "time" and not _RIGHT_AWAY.search(str(entity.get("value") or "")) for entity in entities
    ):
        # who to call, or a day for later, given with it ("can you get the clinic to ring me monday morning about what
        # happened? her name is Jane Park": play-test 231): the request goes on
        return False
    # (the clinic told, asked in the words of a request: not "what time does the clinic open? i want to tell them")
    asks_a_request = tracker.get_intent_of_latest_message(False) in ("book_consultation", "request_human")
    return "call_back" in tracker.get_latest_entity_values("request_kind") or (
        asks_a_request and bool(TELL_THE_CLINIC.search(tracker.latest_message.get("text") or ""))
    )


# a time that asks for the call straight away ("call me back tonight", "now")
_RIGHT_AWAY = re.compile(
    r"\b(?:tonight|now|right now|asap|today|this evening|straight away|immediately)\b", re.IGNORECASE
)


# the clinic asked to be told what happened ("can you let the clinic know so they're aware on monday"): a call back
# about it
TELL_THE_CLINIC = re.compile(
    r"\b(?:tell|let|inform|warn|message|notify)\s+(?:the clinic|them|the team|the practitioner)\b|"
    r"\bso (?:they|the clinic) (?:know|are aware|can call)\b",
    re.IGNORECASE,
)


def the_emergency_told_for_the_call(tracker: Tracker) -> bool:
    """Whether the latest message, at a call back's concern prompt with emergency help called or on its way, tells the
    emergency again as what the call is about, with no new sign and nothing worse ("Margaret Hill had microneedling
    … Face swelled and throat tight tonight, ambulance called. Please ring Ray": play-test 231, "if it's getting worse,
    call 999 again", and the request dropped; "did you save it?", "Please just send the request", "Was the message
    sent or not" then got the paramedics' words, three times)."""
    if tracker.active_loop.get("name") != "booking_form" or tracker.get_slot("requested_slot") != "booking_concern":
        return False
    if tracker.get_intent_of_latest_message(skip_fallback_intent=False) != RETRIEVAL_INTENT:
        return False
    said = tracker.latest_message.get("triage") or {}
    if said.get("level") not in (SEVERITY[0], None) or said.get("worse") or said.get("under_age"):
        return False
    helped = help_called_before(tracker) or said.get("waiting_for_help") or said.get("help_had")
    return bool(helped) and not a_new_emergency_sign(tracker)


def _details_listed(tracker: Tracker) -> Set[Text]:
    """The request's details the latest message gives: the slots whose entities it names."""
    named = {entity.get("entity") for entity in tracker.latest_message.get("entities") or []}
    return {slot for slot, kinds in _GIVEN_WITH_A_QUESTION.items() if named & set(kinds)}


def _a_route_the_booking_goes_on_after(tracker: Tracker) -> bool:
    """Whether the latest message got a route that is no emergency, for someone not under age: the booking goes on
    after it."""
    triage = tracker.latest_message.get("triage") or {}
    # (or, as what a call back is about, nothing new said: "her reaction after the microneedling yesterday and whether
    # she should still do the june session", play-test 230, the thread's route, and the request paused)
    told_for_the_call = (
        triage.get("level") is None
        and tracker.get_slot("request_kind") == "call_back"
        and tracker.get_slot("requested_slot") == "booking_concern"
    )
    return (triage.get("level") in ("urgent", "expected") or told_for_the_call) and not triage.get("under_age")


def concern_given_anew_at_the_summary(tracker: Tracker) -> bool:
    """Whether the latest message, at the booking's summary, gives the concern anew (its entity `concern`) with
    something happening in it that is no emergency, or nothing happening at all: its route or its answer is said, and
    the change made ("no, the arms were where I got hives from the lidocaine years ago. the concern is acne scarring on
    my cheeks and chin": play-test 40, the suitability answer alone, and the concern left as "arms")."""
    # (or at the consent question before it: "yes ok but change the concern to: complaint about treatment last week,
    # still got needle marks on forehead after 8 days", play-test 161, paused the request, and the words were added on)
    if tracker.active_loop.get("name") != "booking_form" or tracker.get_slot("requested_slot") not in (
        "booking_confirmed",
        "booking_consent",
    ):
        return False
    # (or a note for the clinic: "please add I am pregnant 3 months", play-test 40)
    given = next(tracker.get_latest_entity_values("concern"), None) or next(
        tracker.get_latest_entity_values("note"), None
    )
    level = (tracker.latest_message.get("triage") or {}).get("level")
    return bool(given) and (level is None or _a_route_the_booking_goes_on_after(tracker))


# where one part of the notes ends and the next begins: a mark, a bracket, or "and"
_PART_ENDS = re.compile(r"(\s*(?:[,;.():]|\band\b)\s*)", re.IGNORECASE)
_JOINS = {",", ";", "and"}


_A_NOTE = re.compile(r"\s*\(note for the clinic:.*\)\s*$|^\s*note for the clinic:.*$", re.IGNORECASE | re.DOTALL)


# one note in a concern, and what it says; a list in it (each part may go on its own); medicines named as such, and
# a note that names one
ONE_NOTE = re.compile(
    r"\s*\(note for the clinic:\s*(?P<said>[^()]*(?:\([^()]*\)[^()]*)*)\)|^\s*note for the clinic:\s*"
    r"(?P<said2>.*)$",
    re.IGNORECASE,
)
_PART_ENDS_IN_A_LIST = re.compile(r"[,;]|\band\b", re.IGNORECASE)
_MEDICINES_IN_GENERAL = re.compile(
    r"(?:meds?|medication|medications|medicines?|tablets?|pills?|drugs?|prescriptions?)(?:\s+(?:bit|part|note|stuff))?",
    re.IGNORECASE,
)
_A_MEDICINE_NOTED = re.compile(
    r"\b(?:on|take|takes|taking|took|prescribed)\b|\b(?:tablets?|pills?|mg|medication|medicine|meds|blood\s+thinners?|"
    r"antibiotics?|inhaler|injections?)\b",
    re.IGNORECASE,
)


def without_a_part(concern: Text, part: Text) -> Optional[Text]:
    """The concern with the part of it that names `part` taken out, with the joint before it ("takes apixaban and
    metformin for type 2 diabetes", "metformin" → "takes apixaban") or, for a first part, after it, and any bracket
    that follows it; None when the concern does not name it."""
    if part.lower() in WHOLE_NOTE:  # "take that note out": the note, all of it (actions/booking_form.py with_note)
        kept = _A_NOTE.sub("", concern)
        return kept.strip(" ,;:-") if kept != concern else None
    named = re.search(rf"(?<!\w){re.escape(part.strip())}(?!\w)", concern, re.IGNORECASE)
    bare = re.sub(r"^(?:my|her|his|their|our|the)\s+", "", part.strip(), flags=re.IGNORECASE)
    if not named and bare != part.strip():
        # "remove the notes about my daughter" of "(note for the clinic: … for their daughter …)" (play-test 61)
        named = re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", concern, re.IGNORECASE)
    notes = list(ONE_NOTE.finditer(concern))
    if not named and _MEDICINES_IN_GENERAL.fullmatch(bare):
        # "can you take the meds bit out" of "(note for the clinic: I'm on blood thinners (apixaban) …)" (play-test 211:
        # made a note of its own): the note that names a medicine
        named = next((note for note in notes if _A_MEDICINE_NOTED.search(note.group("said"))), None)
    if not named:
        return None
    whole = next((note for note in notes if note.start() <= named.start() < note.end()), None)
    if whole and not _PART_ENDS_IN_A_LIST.search(whole.group("said") or whole.group("said2") or ""):
        # a note of one thing, said to go: all of it ("remove the blood thinners part" of "I'm on blood thinners
        # (apixaban) in case that matters" left "(apixaban) in case that matters", play-test 211)
        return (concern[: whole.start()] + concern[whole.end() :]).strip(" ,;:-")
    pieces = _PART_ENDS.split(concern)  # parts at even places, the joints between them at odd ones
    offset, index = 0, 0
    for index, piece in enumerate(pieces):  # noqa: B007 - the piece the part is named in
        if offset + len(piece) > named.start():
            break
        offset += len(piece)
    gone = {index}
    after = index + 1
    if after < len(pieces) and pieces[after].strip() == "(":  # "takes apixaban (blood thinner)": its bracket too
        close = next((i for i in range(after, len(pieces)) if pieces[i].strip() == ")"), None)
        if close is not None and close + 1 < len(pieces) and not pieces[close + 1].strip():
            gone |= set(range(after, close + 2))  # (the empty part between the bracket and the next joint too)
            after = close + 2
    if index > 0 and pieces[index - 1].strip().lower() in _JOINS:
        gone.add(index - 1)
    elif after < len(pieces) and pieces[after].strip().lower() in _JOINS | {"."}:
        gone.add(after)
    kept = "".join(piece for i, piece in enumerate(pieces) if i not in gone)
    kept = re.sub(r"\s*[,;]\s*(?=[).]|$)|\(\s*note for the clinic:\s*\)|\(\s*\)", "", kept)
    kept = re.sub(r"\s+([,.;)])", r"\1", re.sub(r"\s{2,}", " ", kept))
    if not kept.strip(" ,;:-") and named.group(0).strip() != concern.strip():
        # the words alone, when their part is all the concern ("acne scars lol" without "lol" is "acne scars")
        kept = re.sub(r"\s{2,}", " ", concern[: named.start()] + concern[named.end() :])
    return kept.strip(" ,;:-")


def part_to_take_out(tracker: Tracker) -> Optional[Text]:
    """What the latest message says to take out of the request's concern or notes ("take metformin out": the entity
    `removed`, components/entities.py), when the concern names it; None otherwise."""
    concern = tracker.get_slot("booking_concern") or ""
    if tracker.active_loop.get("name") != "booking_form" or not concern:
        return None
    part = next(tracker.get_latest_entity_values("removed"), None)
    return part if part and without_a_part(concern, part) is not None else None


def names_a_personal_factor(tracker: Tracker) -> bool:
    """Whether the latest message names a suitability factor (pregnancy, a medication, a condition)."""
    return next(tracker.get_latest_entity_values(SUITABILITY_FACTOR), None) is not None


# a message that opens as a question ("what time do you close on saturday?")
_QUESTION_WORDS = r"(?:what|when|how|where|why|which|who|do|does|did|is|are|can|could|will|would|should|shall)\b"
# (after a word that only holds the floor: "wait, how long is the consultation? … after work" gives no time, found by
# play-test 25)
_OPENS_AS_A_QUESTION = re.compile(
    rf"^\W*(?:(?:wait|hang on|hmm+|um+|erm+|oh|ok|okay|so|sorry|actually|quick question)\b\W*)*{_QUESTION_WORDS}",
    re.IGNORECASE,
)


# what opens a question after a statement ("oh also how long…", "and is it…")
_QUESTION_AFTER = re.compile(rf"^\W*(?:(?:oh|ok|and|also|but|so|btw|plus)\W+)*{_QUESTION_WORDS}", re.IGNORECASE)


def _concern_before_a_question(text: Text) -> Optional[Text]:
    """ "enlarged pores and texture on my nose. oh also how long after the consultation…?" at the concern prompt: the
    sentences before the first question, when they name the skin (found by the fifteenth play-test: the concern was
    dropped and asked for again); None otherwise."""
    asks = next(
        (start for start, end in sentences(text) if "?" in text[start:end] or _QUESTION_AFTER.match(text[start:end])),
        len(text),
    )
    concern = text[:asks].strip(" .!\n")
    if not concern or len(concern) >= len(text.strip(" .!?\n")):
        # "stretch marks on my stomach, does it work for those?": the clause before the question (browser play-test
        # 4: the concern was dropped and asked for again)
        concern = (_said_before_a_question(text) or "").strip(" .!\n")
    if not concern or len(concern) >= len(text.strip(" .!?\n")) or not SKIN_WORDS.search(concern):
        return None
    return concern


# the detail the booking form asks for, and the entities that carry it in a message that also asks something
_GIVEN_WITH_A_QUESTION = {"booking_name": ("person",), "booking_time": ("time",), "booking_contact": ("phone", "email")}

# where a statement ends and a question may begin inside one sentence ("Sarah Jones, and does it hurt?")
_CLAUSE_BREAK = re.compile(r"\s*(?:[,.;:!\n]+|\s[-–—]+\s)\s*")


def _said_before_a_question(text: Text) -> Optional[Text]:
    """The words before the first clause that opens as a question ("Sarah Jones" in "Sarah Jones, and does it
    hurt?"); None when no clause after the first opens as one."""
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.start() > 0 and _QUESTION_AFTER.match(text[brk.end() :]):
            return text[: brk.start()].strip() or None
    return None


def _name_alone(tracker: Tracker) -> Optional[Text]:
    """At the name prompt, a message that asks nothing and is a name alone ("dave", which the classifier read as a
    question: found by the twenty-third play-test), naming no skin, factor or other thing; None otherwise."""
    message = tracker.latest_message
    text = (message.get("text") or "").strip()
    if (
        message.get("asks", True)
        or SKIN_WORDS.search(text)
        or any(entity.get("entity") not in ("person",) for entity in message.get("entities") or [])
    ):
        return None
    try:
        return parse_bare_name(text)
    except InvalidValue:
        return None


def note_start(tracker: Tracker) -> Optional[int]:
    """Where the latest message's note for the clinic begins (its entity `note`, components/entities.py), if it has
    one."""
    starts = [
        e["start"] for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "note" and "start" in e
    ]
    return min(starts) if starts else None


def _name_before_a_note(tracker: Tracker) -> Optional[Text]:
    """At the name prompt, a name typed as the sentence before a note said in passing ("Priya Raman. just so you know
    i'm on isotretinoin": play-test 44, the name was asked for again), when it reads as a name."""
    start = note_start(tracker)
    if start is None:
        return None
    first = re.split(r"[.!?;\n]", (tracker.latest_message.get("text") or "")[:start], maxsplit=1)[0]
    try:
        return parse_bare_name(first) if first.strip() and len(first) < start else None
    except InvalidValue:
        return None


def _name_before_a_question(text: Text) -> Optional[Text]:
    """At the name prompt, a name typed before a question ("Sarah Jones, and does it hurt?", found while checking the
    play-tests' dropped parts: the name was dropped and asked for again), when it reads as a name."""
    before = _said_before_a_question(text)
    if before is None:
        return None
    try:
        return parse_bare_name(before)
    except InvalidValue:
        return None


# a concern answered with one of these was not given
NO_CONCERN = re.compile(
    r"^\s*(?:i'?ll\s+|i'?d\s+rather\s+)?(?:skip|pass|none|nothing(?: to add)?|n/?a|not sure|dunno|idk|no idea|(?:i "
    r")?don'?t know|no thanks|rather not say|"
    r"prefer not to say|-)(?:\s+(?:it|this|that)(?:\s+(?:one|question))?)?\s*[.!]*\s*$",
    re.IGNORECASE,
)


# "ok sorry, acne scars", "I TOLD YOU. loose skin under my jaw": words before the concern that are no part of it
BEFORE_A_CONCERN = re.compile(
    # ("i just told you. whether to push my 2nd session …": play-test 64, the concern became "i just told you")
    r"^(?:\s*(?:ok(?:ay)?|sorry|yes|yeah|yep|um+|erm+|i (?:just |already )?told you|as i (?:just |already )?said|"
    r"like i (?:just |already )?said|i (?:just |already )?said|i did say)\b[\s,.!:-]*)+|"
    # "neck and jawline lines like i said" (found by play-test 24: kept in the concern)
    r"[\s,.!-]*\b(?:like|as) i (?:already )?(?:said|told you|mentioned)\b[\s,.!]*$",
    re.IGNORECASE,
)


def checked_value(
    slot: Text, text: Text, clock: Callable[[], dt.datetime] = now, corrects: Optional[Text] = None
) -> Dict[Text, Any]:
    """The slots to set for a value typed for `slot`, or InvalidValue saying why it is not right.
    `corrects`: the words of a time already given (taken or refused), which the new words correct, keeping what
    they do not name (core/booking.py). The booking form checks each answer with it (actions/booking_form.py)."""
    if slot == "booking_name":
        return {"booking_name": parse_name(text)}
    if slot == "booking_contact":
        return {"booking_contact": parse_contacts(text, clinic().phone_region)}
    if slot == "booking_time":
        words = corrected_words(corrects, text)
        return {"booking_time": parse_preferred_time(words, clinic(), clock()).to_slot(), "booking_time_text": words}
    if slot == "booking_concern":
        return {"booking_concern": "" if NO_CONCERN.match(text) else BEFORE_A_CONCERN.sub("", text).strip()}
    raise ValueError(f"{slot} is not a typed booking detail")


KEPT_WHILE_PAUSED = ("booking_contact", "booking_name", "booking_time")
PAUSED_BY = "clinic"  # the offer of a safety answer, on which the rules pause the booking (data/rules/safety.yml)


def kept_while_paused(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The details given with something the booking is paused for, kept for when it is picked up, when they are
    right: "leo.grant@example.com. oh and is it normal that i have a few tiny scabs?" (browser play-test 4: the email
    was dropped, and "wednesday 3pm" beside an emergency). Anything not right is left for the form to ask again."""
    kept: List[Dict[Text, Any]] = []
    for slot, value in detail_given_with_a_question(tracker).items():
        if slot not in KEPT_WHILE_PAUSED:
            continue
        try:
            kept += [SlotSet(name, checked) for name, checked in checked_value(slot, value).items()]
        except InvalidValue:
            continue
    return kept


def answers_the_form(tracker: Tracker) -> bool:
    """Whether the latest message, in the booking form, gives the detail it asked for and asks nothing, with nothing
    happening named: "today after 5 if poss, im at work before that" at the time prompt is the time, not a question
    about work after a treatment (found by the twenty-second play-test: the off-guide answer came first)."""
    message = tracker.latest_message
    triage = message.get("triage") or {}
    if triage.get("level") or triage.get("signs"):
        return False
    # ("whenever its due, so 4-5 weeks after yesterday? an afternoon pls" at the time prompt: play-test 71, read as
    # something happening after a treatment, with no sign in it, and the request paused for the urgent route): a time
    # given when a time is asked, the classifier's unclear "something is happening" its only answer, is the time
    # (or whether it can be then: "could it be 5.45pm?", play-test 185, "I can't tell you whether it's fine or whether
    # it can wait … NHS 111")
    unclear_beside_a_time = tracker.get_slot("requested_slot") == "booking_time" and answer_keys(tracker) in (
        ["complication"],
        ["reassurance"],
    )
    if message.get("asks", True) and not unclear_beside_a_time:
        return False
    return tracker.get_slot("requested_slot") in detail_given_with_a_question(tracker)


def a_time_asked_for_instead(tracker: Tracker) -> bool:
    """Whether the latest message, with a time put down in the booking form already, asks whether it can be another
    time ("actually monday im at work til 5, could it be 5.45pm?": play-test 185, read as whether something can wait,
    "NHS 111" to a bride-to-be, and the time unchanged): a change of the time, with nothing happening named."""
    triage = tracker.latest_message.get("triage") or {}
    text = tracker.latest_message.get("text") or ""
    times = [entity for entity in tracker.latest_message.get("entities") or [] if entity.get("entity") == "time"]
    return (
        tracker.active_loop.get("name") == "booking_form"
        and bool(tracker.get_slot("booking_time"))
        and (
            answer_keys(tracker) == ["reassurance"]
            # (or asked in so many words, whatever else the message says: "oh actually can it be 9am? my husband can
            # mind the baby before he goes out", play-test 253, the suitability answer and the time unchanged)
            or any(_ANOTHER_TIME_ASKED.search(text[: entity.get("start", 0)]) for entity in times)
        )
        and not (triage.get("level") or triage.get("signs"))
        and tracker.get_slot("last_topic") not in SAFETY_ROUTES
        and bool(times)
    )


# another time asked for, just before the time ("can it be 9am", "how about thursday instead")
_ANOTHER_TIME_ASKED = re.compile(
    r"\b(?:(?:can|could|would)\s+(?:it|we|they|you)\s+(?:be|do|make\s+it|move\s+it\s+to|change\s+it\s+to)|"
    r"how\s+about|what\s+about|make\s+it)\s+(?:at\s+|for\s+|on\s+)?$",
    re.IGNORECASE,
)


def detail_given_with_a_question(tracker: Tracker) -> Dict[Text, Text]:
    """The details the booking form takes from a message the classifier answered. The detail it asked for: a day and
    time unless the message opens as a question ("what time do you close on saturday?" gives none), a name likewise
    ("I'm Sarah Jones, how long does it take?", found by the sixteenth play-test; "Sarah Jones, and does it hurt?"),
    at the concern prompt the sentences before the question, naming the skin. And a phone number or an email address
    wherever it stands and whatever was asked, as the form takes one in any other answer (found by the fifteenth
    play-test: "07911 123456 - oh and whats the downtime like?" lost the number; and one typed with a question at
    the name prompt was lost). Empty otherwise. The booking form takes them, checked (actions/booking_form.py)."""
    requested = tracker.get_slot("requested_slot")
    text = tracker.latest_message.get("text") or ""
    if tracker.active_loop.get("name") != "booking_form":
        return {}
    given: Dict[Text, Text] = {}
    contact = next(
        (
            value
            for entity in _GIVEN_WITH_A_QUESTION["booking_contact"]
            for value in tracker.get_latest_entity_values(entity)
        ),
        None,
    )
    if contact:
        given["booking_contact"] = contact
    if requested == "booking_concern":
        concern = _concern_before_a_question(text)
        if concern:
            given[requested] = concern
        return given
    if len(_details_listed(tracker)) >= 2 and not _OPENS_AS_A_QUESTION.match(text):
        # a list of the request's details, with something else answered ("Chloe Barnes, 07700 900 233, tomorrow morning
        # if poss. its about the dark patches…": play-test 157, each asked for again): each of them
        for slot in ("booking_name", "booking_time"):
            value = next(tracker.get_latest_entity_values(_GIVEN_WITH_A_QUESTION[slot][0]), None)
            if value and slot != requested:
                given[slot] = value
    if requested == "booking_confirmed" and (says_send(text) or says_it_looks_right(text)) and not given:
        # "perfect send. and how many sessions…?": a yes beside the question (nothing changed: a change is shown first)
        given["booking_confirmed"] = "yes"
    if requested == "booking_confirmed" and not _OPENS_AS_A_QUESTION.match(text):
        # at the summary, a new day or time or name said with a question ("not this saturday the one after, at 2. and
        # will it hurt much": found by the twenty-second play-test, the pain was answered and the change dropped)
        for slot in ("booking_time", "booking_name"):
            value = next(tracker.get_latest_entity_values(_GIVEN_WITH_A_QUESTION[slot][0]), None)
            if value:
                given[slot] = value
        added = added_to_the_concern(tracker, text)
        if added:
            given["booking_concern"] = added
        if len(given) > 1:
            given.pop("booking_confirmed", None)
        return given
    if requested in ("booking_name", "booking_time") and _OPENS_AS_A_QUESTION.match(text):
        # a name given after the question ("why do u need my name? its Tom Whitley": play-test 59, the name asked for
        # again); one inside it ("is Dr Lee in on friday?") is none; a time likewise ("do you do evenings? i work til 6
        # so thursday evening would be best, like 7ish": play-test 147, the time asked for again)
        asked_until = text.find("?")
        kind = _GIVEN_WITH_A_QUESTION[requested][0]
        after = [
            entity.get("value")
            for entity in tracker.latest_message.get("entities") or []
            if entity.get("entity") == kind and asked_until >= 0 and entity.get("start", -1) > asked_until
        ]
        if after:
            given[requested] = after[0]
        return given
    if requested not in _GIVEN_WITH_A_QUESTION or requested == "booking_contact" or _OPENS_AS_A_QUESTION.match(text):
        return given
    value = next(tracker.get_latest_entity_values(_GIVEN_WITH_A_QUESTION[requested][0]), None)
    if value is None and requested == "booking_name":
        value = _name_before_a_question(text) or _name_alone(tracker) or _name_before_a_note(tracker)
    if value:
        given[requested] = value
    return given


def asks_beside(text: Text) -> bool:
    """Whether a clause of the message, other than its first, asks a question ("yep send. oh and is it ok to wash my
    face tonight")."""
    clauses = [clause for clause in re.split(r"(?<=[.?!;\n])\s*", text) if clause.strip()]
    return "?" in text or any(_OPENS_AS_A_QUESTION.match(_AND_OPENS.sub("", clause)) for clause in clauses[1:])


def since_the_latest_message(tracker: Tracker, happened: Callable[[Dict[Text, Any]], bool]) -> bool:
    """Whether an event for which `happened` holds came after the person's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if happened(event):
            return True
    return False


def answered_this_turn(tracker: Tracker) -> bool:
    """Whether the classifier's answers were said since the latest message."""
    return since_the_latest_message(
        tracker, lambda event: event.get("event") == "action" and event.get("name") == "action_answer_question"
    )


# "and my arms too", "my neck as well please": more for the clinic to look at, said at the summary
_ADDED = re.compile(r"\b(?:too|as well|also|add|in there)\b", re.IGNORECASE)
_AND_OPENS = re.compile(r"^\W*(?:(?:oh|oh and|and|also|plus|ah|um+|sorry|actually|ok|okay|oops)\b\W*)+", re.IGNORECASE)
_A_SENTENCE = re.compile(r"[^.;!?\n]+")
_ANOTHER_CHANGE = re.compile(
    r"[.,;]?\s*\b(?:and\s+)?(?:the|my)\s+(?:sur|first\s+|last\s+)?(?:name|number|phone|e-?mail|time|day|date)\b.*$",
    re.IGNORECASE | re.DOTALL,
)


# "add neck to the concern as well please": what is added, without the words that ask to add it
_ADD_TO_THE_CONCERN = re.compile(
    r"^(?:and\s+)?(?:(?:please|can you|could you|pls)\s+)*(?:also\s+)?add\s+(?:my\s+|the\s+)?(?P<what>.+?)\s+"
    r"(?:in)?to\s+(?:the|my|his|her)\s+concern\b.*$",
    re.IGNORECASE,
)


def added_to_the_concern(tracker: Tracker, text: Text) -> Optional[Text]:
    """The concern with what a statement at the summary adds to it ("and my arms too, they have stretch marks as
    well"), as it was said; None for a question, or a message that adds nothing (found by play-test 24: answered as a
    question about stretch marks, and the concern left as it was)."""
    entities = tracker.latest_message.get("entities") or []
    if "?" in text or not _ADDED.search(text) or any(e.get("entity") in ("concern", "note") for e in entities):
        return None  # (a new concern or a note said as one is taken as such)
    named = [entity for entity in entities if entity.get("entity") in CONCERN_KINDS]
    if not named:
        return None
    # the sentence that names the skin, where the entity says where it is ("no not wednesday, … same time. and Connell
    # is spelt with two n. add my neck too": found by play-test 27, the whole message became the concern)
    at = next((entity["start"] for entity in named if entity.get("start") is not None), None)
    said = next(
        (part.group() for part in _A_SENTENCE.finditer(text) if at is not None and part.start() <= at < part.end()),
        text,
    )
    # (the clause that adds, without another detail's change: "add my neck - sun damage. and the name is spelt …")
    added = _AND_OPENS.sub("", _ANOTHER_CHANGE.sub("", said)).strip(" .!,\n")
    if not _ADDED.search(added):
        return None  # the word that adds is in another sentence: this one names the skin only
    asked_to_add = _ADD_TO_THE_CONCERN.match(added)
    added = asked_to_add.group("what") if asked_to_add else added  # "add neck to the concern as well please": neck
    concern = tracker.get_slot("booking_concern")
    return f"{concern}, and {added}" if concern and added else added or None


# "its cheeks and chin not just cheeks", "chin and neck, not only the chin": what the concern names, said again wider
_NOT_JUST = re.compile(
    r"^\W*(?:(?:oh|and|also|actually|no|sorry)\b\W*)*(?:(?:it'?s|its|it is|it should be|should be|make it)\s+)?"
    r"(?:my\s+|the\s+)?(?P<new>[a-z][a-z ,&'-]*?)\s*,?\s+not\s+(?:just|only)\s+(?:on\s+)?(?:my\s+|the\s+)?"
    r"(?P<old>[a-z][a-z '-]*?)\s*$",
    re.IGNORECASE,
)


def widened_concern(tracker: Tracker, text: Text) -> Optional[Text]:
    """The concern with what it names replaced by what a statement at the summary names instead ("its cheeks and chin
    not just cheeks": found by play-test 28, the concern stayed "acne scars on my cheeks"); None when the words it
    replaces are not in the concern, or the sentence names no skin or area."""
    concern = tracker.get_slot("booking_concern") or ""
    named = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") in CONCERN_KINDS]
    if "?" in text or not concern or not named:
        return None
    for part in _A_SENTENCE.finditer(text):
        found = _NOT_JUST.match(part.group())
        if not found:
            continue
        old, new = found.group("old").strip(), found.group("new").strip(" ,")
        at = re.search(rf"\b{re.escape(old)}\b", concern, re.IGNORECASE)
        if at and new.lower() != old.lower():
            return concern[: at.start()] + new + concern[at.end() :]
    return None


# a question about how the clinic gets in touch ("will they ring me or him?", "they'll email not ring yeah?")
_ABOUT_GETTING_IN_TOUCH = re.compile(
    r"\b(?:ring|call|phone|email|e-mail|text|contact|confirm|confirmed|booked)\b", re.IGNORECASE
)


def about_the_request(tracker: Tracker) -> bool:
    """Whether the latest message, after a request was sent, asks about how it goes on, with no sign named."""
    triage = tracker.latest_message.get("triage") or {}
    return (
        bool(tracker.get_slot("request_sent"))
        and not tracker.active_loop.get("name")
        and not triage.get("signs")
        and tracker.get_slot("last_topic") not in SEVERITY
        and bool(_ABOUT_GETTING_IN_TOUCH.search(tracker.latest_message.get("text") or ""))
        # ("so tonight, 111 or just wait and call you monday?": play-test 78, the request's reference, to someone asking
        # whether what she reported can wait)
        and (
            not _WHETHER_TO_GET_HELP.search(tracker.latest_message.get("text") or "")
            # ("So I just wait for them to ring me?" with nothing reported: play-test 228, "I can't tell you whether it
            # can wait" and 999) waiting for the clinic's call, no help named
            or (
                bool(WHEN_CONTACTED_SAID.search(tracker.latest_message.get("text") or ""))
                and not _HELP_NAMED.search(tracker.latest_message.get("text") or "")
            )
        )
    )


# (the booking's start reads it too: actions/booking_form.py)
WHEN_CONTACTED_SAID = re.compile(WHEN_CONTACTED_ASKED, re.IGNORECASE)
_HELP_NAMED = re.compile(r"\b(?:111|999|a ?& ?e|a and e|gp|doctor|hospital)\b", re.IGNORECASE)
_EMERGENCY_NAMED = re.compile(r"\b(?:999|112|911|ambulance|paramedics?)\b", re.IGNORECASE)
_WHETHER_TO_GET_HELP = re.compile(r"\b(?:111|999|a ?& ?e|a and e|wait|waiting)\b", re.IGNORECASE)


_NHS_111 = re.compile(r"\b111\b", re.IGNORECASE)
WAITING_FOR_111S_CALL = "utter_waiting_for_111s_call"
# whether to ring the clinic today asked ("should I ring today or not?", "can i call them now")
_RING_TODAY_ASKED = re.compile(
    r"\b(?:should|shall|do|can|could|must)\s+(?:i|she|he|they|we)\s+(?:just\s+)?(?:ring|call|phone|contact)\b[^.?!]{0,25}"
    r"\b(?:today|now|"
    r"tonight|this\s+(?:morning|afternoon|evening))\b|"
    # ("Well it has been three days now, Wednesday afternoon it was. So should I ring them?", the clinic closed:
    # play-test 239, "I can't tell you that it's fine" and that answer again)
    r"\b(?:should|shall|do|must)\s+(?:i|she|he|they|we)\s+(?:just\s+|still\s+)?(?:ring|call|phone|contact)\s+"
    r"(?:them|the\s+clinic|you|you\s+guys)(?:\s+(?:then|or\s+not|yes\s+or\s+no))?\s*\?|"
    # ("ok and should she ring you? she hates making a fuss", then "so is that a yes?": play-test 250, the expected
    # reaction's answer three times, and no yes)
    r"\bso\s+is\s+that\s+a\s+yes\b",
    re.IGNORECASE,
)
# the clinic's email, number or address asked for, in any words ("whats the email?", "email address for the clinic
# please", "can u give me their number")
_CLINIC_CONTACT_ASKED = re.compile(
    r"\b(?:what'?s|whats|what is|give me|can i have|can i get|send me|need|u give me|you give me)\s+(?:the\s+|their\s+|"
    r"your\s+|the clinic'?s\s+)?(?:email(?:\s+address)?|e-mail|phone number|number|address)\b|"
    r"\b(?:email|e-mail)(?:\s+address)?\s+(?:for|of)\s+(?:the\s+)?(?:clinic|them|you)\b|"
    r"\b(?:the|their|your|the clinic'?s)\s+(?:email|e-mail)(?:\s+address)?\s*(?:\?|please|pls|$)|"
    # ... or its hours ("ok ringing now. what time do they shut today just in case i cant get through": play-test 244,
    # "I can't tell you that it's fine", twice)
    r"\bwhat\s+time\s+(?:do|does|will)\s+(?:they|you|the\s+clinic|it)\s+(?:shut|close|open)\b|"
    r"\bwhen\s+(?:do|does|will)\s+(?:they|you|the\s+clinic|it)\s+(?:shut|close)\b",
    re.IGNORECASE,
)
# whether to tell whoever is called something, asked ("Should I mention the warfarin to them?")
_TELL_THEM_ASKED = re.compile(
    r"\b(?:should|do|shall|must)\s+i\s+(?:also\s+|still\s+)?(?:mention|tell\s+(?:them|111|the\s+\w+)(?:\s+about)?|"
    r"say\s+(?:about|that)|let\s+(?:them|111)\s+know\s+about)\b",
    re.IGNORECASE,
)
_THANKS_IN_A_THREAD = re.compile(
    r"\b(?:thanks|thank\s+you|thx|ta|cheers)\b|"
    # an ok alone ("ok", "k", "will do": play-test 247, "I can't tell you that it's fine" and the whole route again)
    r"^\W*(?:ok(?:ay)?|k+|kk|alright|all\s+right|right|fine|will\s+do|got\s+it|understood|noted)(?:\s+(?:then|will\s+do))?\W*$",
    re.IGNORECASE,
)
# NHS 111's call back waited for, and whether to sleep or stop waiting asked ("im asking if i can go to sleep instead of
# waiting for them to ring back")
_WAITING_FOR_111 = re.compile(
    r"\b(?:wait\w*\s+(?:up\s+)?(?:of\s+[^.?!]{0,25}?\s+)?for\s+(?:a\s+|the\s+|their\s+|them\s+|111\s+)?(?:to\s+)?"
    r"(?:call|ring|phone)\s*-?\s*(?:me\s+)?back|(?:111|they|them)\s+(?:to\s+|will\s+|'ll\s+)?(?:call|ring|phone)\s+"
    r"(?:me\s+)?back)\b",
    re.IGNORECASE,
)
_INSTEAD_OF_WAITING = re.compile(
    r"\b(?:sleep|bed|lie\s+down|stop\s+waiting|not\s+wait|give\s+up|wait\s+up|stay\s+up|tomorrow|morning)\b",
    re.IGNORECASE,
)


def waiting_for_111s_call(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """After the urgent route, NHS 111's call back said to be waited for, and whether to go to sleep (or wait for the
    clinic instead) asked: to keep waiting for their call, and to ring them again if unsure; when said, the events that
    keep the urgent thread, else [] ("they said
    theres a wait of like 40 mins for a call back. can i just take paracetamol and go to bed", "im asking if i can go to
    sleep instead of waiting for them to ring back": play-test 235, a call back of the clinic's begun, then "that
    doesn't look like a name", then "call NHS 111 now" to someone who had)."""
    text = tracker.latest_message.get("text") or ""
    said = tracker.latest_message.get("triage") or {}
    if (
        safety_thread_level(tracker) != SEVERITY[1]
        or said.get("level") == SEVERITY[0]
        or said.get("worse")
        or not _WAITING_FOR_111.search(text)
        or not _INSTEAD_OF_WAITING.search(text)
    ):
        return []
    dispatcher.utter_message(response=WAITING_FOR_111S_CALL)
    if A_MEDICINE_NOW.search(text):  # "can i just take paracetamol and go to bed"
        dispatcher.utter_message(response="utter_medicine_in_thread")
    return [SlotSet("last_topic", SEVERITY[1]), SlotSet("offer", PAUSED_BY)]


# whether the clinic is open, or when it closes, asked ("theyre open right?", "what time do they shut")
_CLINIC_OPEN_ASKED = re.compile(
    r"\b(?:are|r|is)\s+(?:they|you|u|the\s+clinic|it)\s+(?:still\s+)?open\b|\b(?:they|you|u|clinic)(?:'?re|\s+are)?\s+"
    r"(?:still\s+)?open\b[^.!]*\?|\bopen\s+(?:now|right|still|yet)\b|\bwhat\s+time\s+(?:do|does)\s+(?:they|you|u|it|"
    r"the\s+clinic)\s+(?:shut|close)\b|\bwhen\s+(?:do|does)\s+(?:they|you|u|it|the\s+clinic)\s+(?:shut|close)\b",
    re.IGNORECASE,
)
# a request or booking named: a message about one, even in the emergency's thread
_ABOUT_A_REQUEST = re.compile(r"\b(?:reference|ref|booking|request|consultation|call ?back|mn-\w+)\b", re.IGNORECASE)


def left_to_the_emergency_thread(tracker: Tracker) -> bool:
    """Whether the latest message, typed right after the emergency answer and naming no request, is the emergency's
    thread's to answer, whatever intent the classifier read in it: "i did!! theyre coming. what do i do till they get
    here" (play-test 210, read as a reference asked for), "this is my friend Tasha typing now … she feels a bit better
    already … should we still ring?" (play-test 215, read as a change to a request never made). Actions a classifier's
    intent leads to outside the thread hand such a message to `action_answer_question`."""
    text = tracker.latest_message.get("text") or ""
    said = tracker.latest_message.get("triage") or {}
    return (
        tracker.get_slot("last_topic") == SEVERITY[0]
        and not text.startswith("/")
        and not _ABOUT_A_REQUEST.search(text)
        and not sets_an_emergency_aside(said)
    )


def unreachable_in_a_route_thread(tracker: Tracker) -> bool:
    """Whether the latest message says the clinic can't be reached, in the thread of the route to it ("ugh fine. I rang
    and it went to voicemail. now what": play-test 248, read as a reference asked for, then a menu, with no word of NHS
    111): the thread's to answer, as its route's variant for a clinic not reached, whatever intent was read."""
    text = tracker.latest_message.get("text") or ""
    return (
        tracker.get_slot("last_topic") in SEVERITY[1:]
        and bool((tracker.latest_message.get("triage") or {}).get("unreachable"))
        and not text.startswith("/")
        and not _ABOUT_A_REQUEST.search(text)
    )


def said_of_the_emergency_call(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> bool:
    """In an answer or the fallback, whatever else the message asks: 999, not 111, when NHS 111 is being called after
    the emergency answer ("ok calling 111 now": play-test 208; "should i hang up on 111 then or stay on?": play-test
    213); the emergency answer's words for calling help off, when emergency help was called ("her lips look a bit less
    now actually … can we just cancel the ambulance", the thread set aside by advice read in a message before: play-test
    218, "What would you like to know about it?"), 999's to decide. Whether either was said."""
    said = tracker.latest_message.get("triage") or {}
    if said.get("level") not in (None, SEVERITY[0]):
        return False
    if calling_111_in_an_emergency(tracker):
        dispatcher.utter_message(response="utter_emergency_not_111")
        return True
    if not said.get("level") and said.get("cancel_help") and help_called_before(tracker):
        dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
        return True
    return False


def calling_111_in_an_emergency(tracker: Tracker) -> bool:
    """Whether the latest message says NHS 111 is being called (or is about to be) for an emergency the emergency answer
    was given for, with no emergency help called: "ok calling 111 now. can u still send the call back thing tho" after
    "Please call 999 now" for an eye swelling shut (play-test 208: the request picked up, and "follow what the 999 call
    handler tells you" to "ok calling 111 now"). 999, not 111, is the answer, whatever else the message asks."""
    said = tracker.latest_message.get("triage") or {}
    text = tracker.latest_message.get("text") or ""
    # (or whether to hang up on it: "should i hang up on 111 then or stay on? im scared", play-test 213, "don't call it
    # off on my word")
    if not (said.get("waiting_for_help") or said.get("seeking_help") or said.get("cancel_help")) or not _NHS_111.search(
        text
    ):
        return False
    if _EMERGENCY_NAMED.search(text) or said.get("emergency_help_named") or said.get("help_had") or said.get("well"):
        return False
    if said.get("over") or said.get("no_treatment") or help_called_before(tracker):
        return False
    return tracker.get_slot("last_topic") == SEVERITY[0] or an_emergency_earlier(tracker)


# the answers of something happening after a treatment, by their response names
SAFETY_RESPONSES = tuple(response_name(topic) for topic in SEVERITY)


# a question said to be left unanswered ("you still didnt say about the aloe vera", "you didn't answer about my serum")
_NOT_ANSWERED = re.compile(
    r"\b(?:didn'?t|did not|never|haven'?t|have not|still not|not)\s+"
    r"(?:say|said|answer|answered|tell|told|reply|replied)\b",
    re.IGNORECASE,
)
# how likely the classifier finds a part beside a sign to ask of something the guide does not cover, at least, when
# the NLU names no thing in it
OFF_GUIDE_UNNAMED_AT_LEAST = 0.6


def asked_beside_a_route(dispatcher: CollectingDispatcher, tracker: Tracker, named: List[Text]) -> None:
    """What the message asked beside a sign that got the urgent route or the expected reaction's answer, said after it:
    a medicine (who can advise on it), and each other kind of thing the guide does not cover that the message names
    ("can i put vaseline on it?", "can i still wear makeup to work tomorrow"): that the guide does not say, and whom to
    ask.
    Found by play-tests 157, 158, 159 and 161: the route alone, the question never named."""
    said = [name for name in named if name.startswith(SAFETY_RESPONSES[1:])]
    if not said or any(name.startswith(("utter_medicine_", "utter_faq/unknown_")) for name in named):
        return
    message = tracker.latest_message
    urgent = said[0].startswith(SAFETY_RESPONSES[1])
    kinds: Tuple[Text, ...] = OFF_GUIDE_KINDS
    if A_MEDICINE_NOW.search(message.get("text") or ""):
        # (and what else it asks: "can i put sudocrem on it and can i still go to the gym", play-test 164, the gym
        # dropped; the medicine is the product it names)
        dispatcher.utter_message(response="utter_medicine_in_thread")
        kinds = tuple(kind for kind in OFF_GUIDE_KINDS if kind != "unknown_product")
    parts = [*(message.get("question_parts") or []), *(message.get("questions") or [])]
    likely = [part for part in parts if float(part.get("confidence") or 0) >= BESIDE_AT_LEAST]
    asked = topics_of([part.get("intent_response_key") or "" for part in likely])
    line = "utter_off_guide_beside_the_route" if urgent else "utter_off_guide_beside_a_reaction"
    if _NOT_ANSWERED.search(message.get("text") or ""):
        # ("you still didnt say about the aloe vera", after the route alone: play-test 163, the route alone again)
        asked += [entity.get("entity") for entity in message.get("entities") or []]
    for kind in dict.fromkeys(topic for topic in asked if topic in kinds):
        thing = named_thing(tracker, kind)
        if thing != UNNAMED_THING:
            dispatcher.utter_message(response=line, thing=thing)
        elif any(
            part.get("intent_response_key") == f"{RETRIEVAL_INTENT}/{kind}"
            and float(part.get("confidence") or 0) >= OFF_GUIDE_UNNAMED_AT_LEAST
            for part in parts
        ):
            # ("can i wash it with water?": the thing not one the NLU names)
            dispatcher.utter_message(response=f"{line}_unnamed")
            return


# the request being made said to be dropped, beside a question ("forget the call back then, … theyre open till when?")
_STOPS_THE_REQUEST = re.compile(
    r"\b(?:forget|scrap|cancel|ditch|bin|drop)\s+(?:about\s+)?(?:the|my|that|this)\s+(?:call\s?back|request|booking)\b|"
    r"\bi\s+(?:do\s+not|don'?t|dont)\s+want\s+(?:to\s+book|the\s+call\s?back|a\s+call\s?back)\b|"
    r"\bno\s+need\s+for\s+(?:the|a)\s+call\s?back\b|" + NOT_BOOKING,
    re.IGNORECASE,
)


class ActionAnswerQuestion(Action):
    def name(self) -> Text:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        already = len(dispatcher.messages)
        events = await self.answer(dispatcher, tracker, domain)
        named = [str(message.get("response") or "") for message in dispatcher.messages[already:]]
        if (tracker.latest_message.get("triage") or {}).get("treated_elsewhere") and any(
            name.startswith(SAFETY_RESPONSES) for name in named
        ):
            # "i had microneedling last week at a different clinic (not yours) … could you guys have a look at it?"
            # (play-test 124: "let Lumen Skin Clinic know", three times, and the question dropped): the clinic that
            # treated them too, and this one's consultation, after the route
            dispatcher.utter_message(response="utter_treated_elsewhere")
        who_to_ask = who_to_ask_in_an_emergency(tracker, named)
        if who_to_ask and any(name.startswith(SAFETY_RESPONSES[0]) for name in named):
            # "his eyes are all puffy and nearly shut … Should I give him an antihistamine? I have some piriton"
            # (play-test 127: the emergency's route, and the medicine never answered): who to ask about it
            dispatcher.utter_message(response=who_to_ask)
        asked_beside_a_route(dispatcher, tracker, named)
        # (not beside waiting for NHS 111's call, which "call NHS 111 now" would contradict)
        if WAITING_FOR_111S_CALL not in named and remind_of_the_route(dispatcher, tracker, domain):
            before_the_rest(dispatcher, already)
        events = events + emergency_noted(tracker, dispatcher.messages[already:])
        from actions.booking_form import report_kept  # it imports this module

        if any(name.startswith(SAFETY_RESPONSES) for name in named):
            events = events + report_kept(tracker)  # a report given a safety answer
        if tracker.active_loop.get("name") == "booking_form" and _STOPS_THE_REQUEST.search(
            tracker.latest_message.get("text") or ""
        ):
            # "forget the call back then, ill ring them at 7 when i finish. theyre open till when?" (play-test 246: the
            # hours, then "What's your name?"): the question answered, and the request stopped as a stop stops it
            from actions.booking_form import ActionCancelBooking  # it imports this module

            stopped = await ActionCancelBooking().run(dispatcher, tracker, domain)
            return (
                events + stopped + [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction("action_listen")]
            )
        return events

    async def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        from actions.booking_form import booker_named_at_the_summary  # it imports this module

        if concern_given(tracker) or answers_the_form(tracker) or booker_named_at_the_summary(tracker):
            # the concern asked for, or the detail asked for said with no question: the form takes it (and says a
            # personal factor is for the consultation); the person booking for someone else named, for the note
            return [SlotSet("offer", None)]
        if a_time_asked_for_instead(tracker) or (
            part_to_take_out(tracker) and not (tracker.latest_message.get("triage") or {}).get("level")
        ):
            # "take metformin out, my GP stopped it last month" in the booking: a change, not a question (play-test 42:
            # the suitability answer, and the notes unchanged)
            from actions.booking_summary import ActionChangeBookingDetail  # it imports this module

            return await ActionChangeBookingDetail().run(dispatcher, tracker, domain) + [SlotSet("offer", None)]
        if consent_refusal_explained(dispatcher, tracker):
            return [SlotSet("offer", None)]
        if help_added_to_the_request(tracker):
            # "can you add that an ambulance came" at a call back's consent question after 999 (play-test 241: the
            # paramedics' words three times, the note never added, and the request put on hold): what those called
            # say, then the note, and the summary again
            from actions.booking_summary import ActionChangeBookingDetail  # it imports this module

            dispatcher.utter_message(response=response_for(domain, HELP_HAD, tracker))
            for topic in asked_beside_the_note(tracker):
                # ("who sees it? and can u add that 111 said see a pharmacist": play-test 253, the note was dropped;
                # added, the question was)
                dispatcher.utter_message(response=response_for(domain, topic, tracker))
            return await ActionChangeBookingDetail().run(dispatcher, tracker, domain) + [SlotSet("offer", None)]
        if report_added_to_the_request(tracker):
            from actions.booking_summary import ActionChangeBookingDetail  # it imports this module

            dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
            return await ActionChangeBookingDetail().run(dispatcher, tracker, domain) + [SlotSet("offer", None)]
        walked = back_in_the_walkthrough(dispatcher, tracker)
        if walked is not None and not (tracker.latest_message.get("triage") or {}).get("level"):
            return walked + [SlotSet("offer", None)]
        last_topic = tracker.get_slot("last_topic")
        # only a question has answers: the classifier ranks answers for "yes" too, which say nothing
        asked = tracker.get_intent_of_latest_message(skip_fallback_intent=False) == RETRIEVAL_INTENT
        topics = [ALIASES.get(topic, topic) for topic in answer_keys(tracker)] if asked else []
        topics = in_context(tracker, topics, last_topic)
        if HELP_HAD in topics and a_doctors_word_on_suitability(tracker):
            topics = [SUITABILITY if topic == HELP_HAD else topic for topic in topics]
        previous = safety_thread_level(tracker)
        said = tracker.latest_message.get("triage") or {}
        triaged = said.get("level")
        if (
            SEVERITY[0] in (previous, triaged)
            and _CLINIC_OPEN_ASKED.search(tracker.latest_message.get("text") or "")
            and not said.get("waiting_for_help")
            and not help_called_before(tracker)
        ):
            # "ok im ringing the clinic now, theyre open right?", "mate just yes or no are they open" after "Please call
            # 999 now" (play-test 232: the emergency's words four times, the question never answered): the answer, and
            # that the clinic can't send emergency help
            dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
            open_until = clinic().open_until(now())
            if open_until:
                dispatcher.utter_message(response="utter_emergency_clinic_open", closes=open_until)
            else:
                dispatcher.utter_message(response="utter_emergency_clinic_closed")
            return [SlotSet("last_topic", SEVERITY[0]), SlotSet("offer", PAUSED_BY)]
        if (
            previous == SEVERITY[1]
            and triaged in (None, SEVERITY[1])
            and "clinic_info" not in topics  # (read as the clinic's hours, they are answered beside the route)
            and _CLINIC_OPEN_ASKED.search(tracker.latest_message.get("text") or "")
            and (open_until := clinic().open_until(now()))
        ):
            # "ok. what time do they shut today" after "Please contact the clinic now" (play-test 232: "I can't tell you
            # that it's fine", twice, and the closing time never said)
            dispatcher.utter_message(response="utter_urgent_clinic_open", closes=open_until)
            return [SlotSet("last_topic", SEVERITY[1]), SlotSet("offer", PAUSED_BY)]
        if call_back_offered_in_an_emergency(tracker):
            dispatcher.utter_message(response=route_variant(domain, "utter_call_back_in_an_emergency", tracker))
            # (nor is "tonight", said with it, the call's time: the yes then began "Let's pick up your request" and "the
            # clinic is open from 10:00 to 16:00")
            return [SlotSet("last_topic", SEVERITY[0]), SlotSet("offer", "call_back"), SlotSet("booking_time", None)]
        waiting = waiting_for_111s_call(dispatcher, tracker)
        if waiting:
            return waiting
        if (
            previous == SEVERITY[2]
            and triaged in (None, "expected")  # (components/triage.py LEVELS)
            and not said.get("worse")
            and _RING_TODAY_ASKED.search(tracker.latest_message.get("text") or "")
        ):
            # "ok so should I ring today or not? yes or no" after the expected reaction's answer, the clinic open
            # (play-test 236: that answer a fifth time, whose only time is "after 3 days"): it can be called today; the
            # clinic closed, when it opens, and NHS 111 before then if it gets worse (play-test 239)
            open_until = clinic().open_until(now())
            if open_until:
                dispatcher.utter_message(response="utter_expected_ring_today_open", closes=open_until)
            else:
                dispatcher.utter_message(response="utter_expected_ring_closed", opens=clinic().next_opening(now()))
            return [SlotSet("last_topic", SEVERITY[2]), SlotSet("offer", PAUSED_BY)]
        if said_of_the_emergency_call(dispatcher, tracker, domain):
            return [SlotSet("last_topic", SEVERITY[0]), SlotSet("offer", PAUSED_BY)]
        if previous in SEVERITY[1:] and not triaged:
            topics = the_guide_asked(tracker, topics)
        if said.get("help_had"):
            # beside the advice had, what is never asked beside it ("they said go to the walk in centre tomorrow, should
            # i still let the clinic know": play-test 169, how to choose a provider, twice)
            topics = [topic for topic in topics if topic not in NOT_BESIDE_HELP_HAD - {HELP_HAD, *SEVERITY}]
        # (not signs named in asking what the guide says of them: "ok and what does ur guide say, is spots and dark
        # marks a normal side effect?", play-test 205, the route alone, three times)
        guide_asked = bool(_WHAT_THE_GUIDE_SAYS.search(tracker.latest_message.get("text") or ""))
        own = None if guide_asked and previous in SEVERITY[1:] else own_signs_in_a_thread(tracker)
        if own:
            # in the thread of a safety answer, signs said with nothing to say they are now are the person's own ("but
            # its not slightly, it really burns. like 7/10" after the expected reaction's answer: play-test 166, the
            # ice answer alone, then a menu for "its burning a lot"): a report, read as one
            triaged = own
            topics = [LEVEL_TOPICS[triaged]] + [topic for topic in topics if topic not in SEVERITY]
        if (
            previous == SEVERITY[1]
            and EMERGENCY_EXPLAINED in topics
            and not _EMERGENCY_NAMED.search(tracker.latest_message.get("text") or "")
        ):
            # "what even do i say to them" after NHS 111 was the route: them is 111 (play-test 82: the privacy notice)
            topics = [WHAT_TO_TELL_111 if topic == EMERGENCY_EXPLAINED else topic for topic in topics]
        if (
            previous == SEVERITY[0]
            and EMERGENCY_EXPLAINED in topics
            and (help_called_before(tracker) or said.get("waiting_for_help"))
            and _WHAT_TO_SAY.search(tracker.latest_message.get("text") or "")
            and not _A_CALL_BEING_MADE.search(tracker.latest_message.get("text") or "")
        ):
            # "ambulance is on its way. what do i tell them when they get here" (play-test 206: what 999 is, and how to
            # call it, twice): what to tell those coming (utter_faq/what_to_tell_111_help_coming)
            topics = [WHAT_TO_TELL_111 if topic == EMERGENCY_EXPLAINED else topic for topic in topics]
        if (
            previous is None
            and not triaged
            and (
                "reassurance" in topics
                # ("… ring you first thing monday, is that ok?" after the warning signs were asked: play-test 106)
                or _ROUTE_PUT_OFF.search(tracker.latest_message.get("text") or "")
                or asks_if_a_reaction_is_normal(tracker, topics)
            )
        ):
            previous = reported_earlier(tracker)
        if previous is None and triaged == "expected" and reported_earlier(tracker) == SEVERITY[1]:
            # "the redness is normal for a few days though right?" two messages after throbbing got NHS 111 now, a
            # request's reference asked in between (play-test 118: the expected reaction's words, then "I'll skip
            # ringing 111 again"): never lower than the route given for what was reported
            previous = SEVERITY[1]
        if previous == SEVERITY[0] and _A_DOOR_OPENED.search(tracker.latest_message.get("text") or ""):
            # "ok i call again and open door. you stay with me?" while help comes (play-test 57: the opening hours, and
            # NHS 111): no question about the clinic
            topics = [topic for topic in topics if topic != "clinic_info"]
        if next_session_after_a_reaction(tracker, topics):
            if (
                previous == SEVERITY[0]
                and an_emergency_not_over(tracker)
                and not (said.get("well") or said.get("over"))
            ):
                # "ambulance on its way … will this mean i cant have my 2nd session next month?" (play-test 254: the
                # side effects, "usually settle within a few days", to someone waiting for the ambulance): the
                # emergency's route first
                dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
            return say_next_session_after_a_reaction(dispatcher)
        if triaged in ("urgent", "expected") and back_after_an_emergency(tracker):
            # "my lip is starting to tingle again", "its swelling a bit again now", hours after an emergency answer in
            # this conversation: it may be coming back, so the emergency answer (play-test 29: the expected reaction's
            # words, three times, after anaphylaxis treated with adrenaline)
            topics = [SEVERITY[0]] + [topic for topic in topics if topic not in SEVERITY]
            triaged = "emergency"
        if (
            said.get("level") == SEVERITY[0]
            and not said.get("worse")
            and not _BACK_AGAIN.search(tracker.latest_message.get("text") or "")
            and judged_before(tracker)
        ):
            # the same signs said again after those called judged them no emergency: their advice stands, with 999 if
            # it gets worse (judged_before)
            topics = [HELP_HAD] + ranked_beside(tracker)
            triaged = None
        topics = advice_had_for_whether_it_can_wait(tracker, topics)
        if triaged == SEVERITY[1] and not said.get("worse") and help_had_before(tracker):
            # "i've ALREADY been seen. im on antibiotics. is infection common?" after "walk-in said infected, gave
            # flucloxacillin": the advice had stands, and a question beside it is answered (play-test 33: "call NHS
            # 111 now", eight times)
            topics = [HELP_HAD] + ranked_beside(tracker)
            triaged = None
        if (
            triaged in SEVERITY[1:]
            and not said.get("worse")
            and not said.get("a_patient")
            and not_treated_said(tracker)
        ):
            # "what should i put on the cold sore, its really sore" from someone who said they haven't had the
            # treatment yet (play-test 88: "call NHS 111 now … say that you had microneedling", six times, taken back
            # twice): no reaction to a treatment, for their GP, a pharmacist or NHS 111, and the clinic before one
            dispatcher.utter_message(response="utter_sign_before_any_treatment")
            beside = [topic for topic in ranked_beside(tracker) if topic not in SEVERITY]
            answered = say_answers(dispatcher, tracker, domain, beside) if beside else []
            return [event for event in answered if event.get("name") not in ("offer", "last_topic")] + [
                SlotSet("last_topic", None),
                SlotSet("offer", None),
            ]
        if len(topics) > 1 and "reassurance" in topics and previous is None and not triaged:
            # "what if im scared of needles, could i still do it?": beside another answer, with nothing happening
            # named and no safety answer before, a part read as looking for reassurance is no question of its own
            # (found by play-test 24: the suitability answer, then "call 111… call 999" to someone never treated)
            topics = [topic for topic in topics if topic != "reassurance"]
        over = said.get("over") or (previous == SEVERITY[0] and said.get("well") and care_had_before(tracker))
        if previous in SEVERITY and not triaged and over:
            # "STOP telling me to call 999. I am fine. The reaction was yesterday." (play-test 34: "Please call 999 now"
            # five times): the advice had, and what to do if it comes back; the thread ends
            # ("that was on WEDNESDAY, im fine now. its just history for the clinic", "a SCAR from last month is not
            # urgent": play-test 39, the route again; said to be past with no help had, the route is set aside)
            beside = ranked_beside(tracker) if asked else []
            if said.get("help_had") or (previous == SEVERITY[0] and said.get("well") and not said.get("history")):
                events = say_answers(dispatcher, tracker, domain, [HELP_HAD] + beside)
            else:
                dispatcher.utter_message(response="utter_safety_said_to_be_past")
                events = say_answers(dispatcher, tracker, domain, beside) if beside else [SlotSet("last_topic", None)]
            return [event for event in events if event.get("name") != "offer"] + [SlotSet("offer", None)]
        if (
            SEVERITY[0] in (previous, triaged)
            and said.get("driving")
            and not said.get("instead_of_999")
            and not (said.get("well") or said.get("over") or said.get("care_present") or said.get("help_had"))
        ):
            # "im just gonna drive home now and lie down", "is it safe for me to drive home now" after feeling faint
            # (play-test 56: the emergency's words five times, never "don't drive", then the suitability answer)
            dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
            dispatcher.utter_message(response="utter_emergency_do_not_drive")
            return [SlotSet("last_topic", SEVERITY[0]), SlotSet("offer", PAUSED_BY)]
        if (
            said.get("driving")
            and not triaged
            and not said.get("instead_of_999")
            and (
                SEVERITY[0] == previous
                or tracker.get_slot("last_topic") == HELP_HAD
                or an_emergency_earlier(tracker, REACTION_LOOKS_BACK)
            )
        ):
            # "ok ive eaten a sandwich and feel totally normal now. can i drive home?" after feeling faint, and the 999
            # call handler's "not to drive for a bit" (play-test 81: the guide's silence on driving after a treatment)
            # (with the advice had said in the same message, "they said … not to drive for a bit. should i tell the
            # clinic?": that advice, and the clinic, first)
            if said.get("help_had"):
                dispatcher.utter_message(response=response_for(domain, HELP_HAD, tracker))
            dispatcher.utter_message(response="utter_emergency_drive_as_advised")
            return [SlotSet("last_topic", HELP_HAD if said.get("help_had") else previous), SlotSet("offer", PAUSED_BY)]
        if (
            SEVERITY[0] in (previous, triaged)
            and said.get("instead_of_999")
            and not said.get("waiting_for_help")
            and not help_called_before(tracker)
        ):
            # "999 seems a bit much?? breathing fine i think. could i just drive myself to A&E": the emergency's route,
            # and not by car (play-test 32: the off-guide answer about driving after a treatment, and the thread ended)
            dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
            if _NHS_111.search(tracker.latest_message.get("text") or ""):
                # ("ok what about 111 instead, is that ok?": play-test 62, what NHS 111 is, and 999 for the lips alone;
                # "so 999 or 111??": play-test 74)
                dispatcher.utter_message(response="utter_emergency_not_111")
            elif _BY_OTHER_MEANS.search(tracker.latest_message.get("text") or ""):
                dispatcher.utter_message(response="utter_emergency_not_by_car")
            # (else only whether to call it was asked: "yes or no should i ring 999", play-test 85, got "rather than
            # driving … to A&E", of which nothing was said)
            return [SlotSet("last_topic", SEVERITY[0]), SlotSet("offer", PAUSED_BY)]
        if (
            SEVERITY[0] in (previous, triaged)
            and not said.get("over")
            and AUTO_INJECTOR_ASKED.search(tracker.latest_message.get("text") or "")
        ):
            # "i have an epipen, should i use it first?" with the lips swelling (play-test 39: the emergency answer
            # alone, the pen never named): the emergency number, and the pen used as the person was shown
            dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
            # (a pen prescribed to someone else: "i have my own epipen in my bag … should he use mine??", play-test 89,
            # "if you've been prescribed one, use it now")
            someone_elses = ANOTHER_PERSONS_PEN.search(tracker.latest_message.get("text") or "")
            dispatcher.utter_message(
                response="utter_auto_injector_not_theirs" if someone_elses else "utter_auto_injector_in_emergency"
            )
            return [SlotSet("last_topic", SEVERITY[0]), SlotSet("offer", PAUSED_BY)]
        text = tracker.latest_message.get("text") or ""
        if previous == SEVERITY[0] and not triaged and WHICH_PRODUCT_ASKED.search(text):
            # "they asked what cream was used on her, sabes que crema?", "which numbing cream does the clinic use" after
            # the emergency answer: what the guide says of it, the clinic's record, and the call handler (play-test 51:
            # the route alone, four times, and once a consultation started)
            # (help not called yet: the emergency's route first, then the same words; "can the clinic tell them what
            # numbing cream he had?" before the call got the general answer, whose {thing} no one filled, so it was
            # shown with its placeholders and no phone number: play-test 80)
            if route_variant(domain, response_name(SEVERITY[0]), tracker) == response_name(SEVERITY[0]):
                dispatcher.utter_message(response=response_name(SEVERITY[0]))
            dispatcher.utter_message(response="utter_faq/unknown_product" + HELP_COMING_VARIANT)
            return [SlotSet("last_topic", previous), SlotSet("offer", PAUSED_BY)]
        # (not a medicine those called said to take: "the man say is not emergency, i go to pharmacy and take tablet for
        # allergy", play-test 113; their advice stands, below)
        who_to_ask = who_to_ask_in_an_emergency(tracker)
        if previous == SEVERITY[0] and not triaged and who_to_ask and not said.get("judged"):
            # "i hav piriton in my bag shud i take it" after the emergency answer: its route (help on its way, if so),
            # and who to ask (play-test 31: the route alone, three times, and the question never named)
            dispatcher.utter_message(response=response_for(domain, SEVERITY[0], tracker))
            dispatcher.utter_message(response=who_to_ask)
            return [SlotSet("last_topic", previous), SlotSet("offer", PAUSED_BY)]
        # (or the urgent route given earlier, the thread since left: "paracetamol for the fever. is it ok to take some"
        # after a menu and a "no", play-test 229, "ask the clinic before your next one" with the clinic closed)
        urgent_earlier = previous != SEVERITY[0] and bool(tracker.get_slot(URGENT_GIVEN))
        if (
            (previous in SEVERITY[1:] or urgent_earlier)
            and not triaged
            and asked
            and A_MEDICINE_NOW.search(tracker.latest_message.get("text") or "")
        ):
            # "can i put antibiotic cream on it?", "should i take an antihistamine": no advice on medicines, and the
            # route (play-test 27: the suitability answer, and "did you mean")
            # (or the advice had, said with it: "just spoke to 111, they said go to the urgent treatment centre in the
            # morning … is it ok to put the sudocrem on tonight meanwhile?", play-test 117, NHS 111 now)
            if said.get("help_had"):
                dispatcher.utter_message(response=response_for(domain, HELP_HAD, tracker))
                dispatcher.utter_message(response="utter_medicine_in_thread")
                return [SlotSet("last_topic", HELP_HAD), SlotSet("offer", PAUSED_BY)]
            if previous == SEVERITY[1] or urgent_earlier:
                dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
            dispatcher.utter_message(response="utter_medicine_in_thread")
            return [SlotSet("last_topic", previous or SEVERITY[1]), SlotSet("offer", PAUSED_BY)]
        # (never to someone who says help was called or had: "i HAVE called 999. they've told me what to do. im asking
        # about the clinic", play-test 81, got "please set that advice aside")
        helped_now = help_said(said)
        nothing_happening = not helped_now and (
            said.get("no_treatment")
            # (not from someone who says they were treated: "i've already had the treatment though?? im asking about
            # being in the sun in tenerife after it", play-test 84, "please set that advice aside" with her skin
            # peeling now; nor when said earlier in the conversation: "i had microneedling yesterday and today my face
            # feels really tight … is that normal?", then "im not asking if its safe to wait lol. im asking about
            # aftercare", play-test 94)
            or (said.get("just_asking") and not a_patient(tracker) and route_was_for_a_question(tracker))
        )
        if previous in SEVERITY[1:] and not triaged and nothing_happening:
            taken_back = ROUTE_WITHDRAWN + ("" if said.get("no_treatment") else "_question")
            return route_withdrawn(dispatcher, tracker, domain, topics, taken_back)
        if (
            previous == SEVERITY[0]
            and not triaged
            and (said.get("no_treatment") or said.get("just_asking"))
            and not helped_now
            and route_was_for_a_question(tracker)
            # (not asking about the emergency help itself: "what?? im asking about 999. hes feeling better so do i
            # still call them or not", play-test 100, "please set that advice aside")
            and not (said.get("emergency_help_named") or _HELP_PUT_OFF.search(tracker.latest_message.get("text") or ""))
        ):
            # "what?? im not fainting now, im just asking if theres blood", "there is no emergency. i havent had any
            # treatment", when the emergency answer was given to a question: taken back, with 999 if it ever happens
            # (play-test 36: 999 twice, then the suitability answer, and the advice never taken back); a report is
            # never taken back, whatever is said of treatment
            return route_withdrawn(dispatcher, tracker, domain, topics, ROUTE_WITHDRAWN + "_emergency")
        in_thread = thread_topics(tracker, topics, previous, asked)
        # "it feels a bit better now. maybe it was just panic? do i still need to call" minutes after a tight throat
        # (play-test 74: the general "if something is worrying you, call 111", and the 999 route dropped): the
        # emergency's route, then no guess that it was nothing, and 999 still (said after the route, below)
        still_call = (
            in_thread == SEVERITY[0] == previous
            and bool(set(topics) & REASSURANCE_SOUGHT or said.get("eased"))
            and not (said.get("waiting_for_help") or said.get("care_present") or help_called_before(tracker))
        )
        if (
            in_thread is not None
            and in_thread == previous
            and in_thread in SEVERITY[:2]
            and not triaged
            and _TELL_THEM_ASKED.search(tracker.latest_message.get("text") or "")
        ):
            # "Ok I will ring 111. Should I mention the warfarin to them?" (play-test 241: the route again, and the
            # suitability answer's "before your next one"): the route, and yes, everything
            dispatcher.utter_message(response=response_for(domain, in_thread, tracker))
            dispatcher.utter_message(response="utter_tell_them_everything")
            return [SlotSet("last_topic", previous), SlotSet("offer", PAUSED_BY)]
        if (
            in_thread == SEVERITY[1] == previous
            and asked
            and topics
            and (tracker.latest_message.get("asks", True) or guide_asked)
            and a_new_question_in_the_thread(tracker, topics)
            # "it's saturday night, you're closed, what do I do?": who to call now is the route itself
            and not SAYS_CLOSED.search(tracker.latest_message.get("text") or "")
            # (as is the route put off: "cant i just put a bit of concealer on and ring after the meeting?", play-test
            # 192, "today" and the makeup, with the clinic closing before the meeting ends), unless the route is the
            # clinic when it opens ("i'll just ring the clinic monday morning. what time do you open monday" about pink
            # cheeks on day 6: play-test 199, "I can't tell you that it's fine" and the route, the question unanswered)
            and not (_ROUTE_PUT_OFF.search(tracker.latest_message.get("text") or "") and not a_lasting_sign(tracker))
        ):
            # after the urgent route, a new question ("can I use a sunbed next week?", "what are your opening hours?")
            # is answered as asked, and the route said again in a line: found by the twelfth play-test, the route alone
            # came back five times and the questions went unanswered
            # (the route first: safety before anything else in every turn)
            return answered_after_the_route(dispatcher, tracker, domain, topics, previous)
        if (
            in_thread is not None
            and in_thread == previous
            and in_thread in SEVERITY[1:]
            and not triaged
            and _CLINIC_CONTACT_ASKED.search(tracker.latest_message.get("text") or "")
        ):
            # "yeah ok but can i email them a pic first? whats the email?", "email address for the clinic please" after
            # the urgent route (play-test 240: "I can't tell you that it's fine" and the route, four times, and the
            # email never given): the route in a line, and the clinic's details
            return answered_after_the_route(dispatcher, tracker, domain, ["clinic_info"], previous)
        if (
            in_thread is not None
            and in_thread == previous
            and in_thread in SEVERITY[1:]
            and not triaged
            and not tracker.latest_message.get("asks", True)
            and _THANKS_IN_A_THREAD.search(tracker.latest_message.get("text") or "")
        ):
            # "ok fine ill stay up. thanks i guess" (play-test 235: "I can't tell you that it's fine" and the whole
            # route again, word for word): thanked, asking nothing, the route in a line
            dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
            return [SlotSet("last_topic", previous), SlotSet("offer", PAUSED_BY)]
        if in_thread is not None:
            # "so it's fine?": not reassured; the emergency number always comes first, and a new report is
            # answered as one
            # (nor to "should i ring 111 instead?" or "they dont answer": what to do is the answer, said plainly)
            if (
                in_thread in SEVERITY[1:]
                and in_thread == previous
                and not (set(topics) & set(SEVERITY))
                and not (said.get("seeking_help") or said.get("unreachable"))
                # (nor to the route itself said back, when it is the clinic when it opens: "so i just ring you on monday
                # or see my gp?" about bumps there three weeks, play-test 199)
                and not (a_lasting_sign(tracker) and _ROUTE_PUT_OFF.search(tracker.latest_message.get("text") or ""))
            ):
                dispatcher.utter_message(response="utter_safety_no_reassurance")
            if stopping_a_medicine(tracker):
                # "Is it serious? Should I stop the warfarin tonight?" after the urgent route (play-test 239: the route
                # again, twice, and the warfarin never answered)
                dispatcher.utter_message(response="utter_medicine_not_on_your_own")
            # a sign said again beside a question of treatments in general or of the next one ("its a bit of crusting
            # … is there any downtime i should plan for next time": play-test 70, the route alone): the route, and
            # that question answered after it
            topics = [in_thread] + asked_of_other_treatments(tracker, topics)
        elif topics == ["reassurance"] and about_the_request(tracker):
            # "will they ring me or him?", "they'll email not ring yeah?" after a request was sent: a question about
            # the request, not whether a symptom can wait (found by the thirteenth and fourteenth play-tests: the
            # answer ended with 999)
            dispatcher.utter_message(response="utter_request_reference")
            return [SlotSet("offer", None)]
        if concern_given_anew_at_the_summary(tracker) and topics and set(topics) <= {*SEVERITY[1:], SUITABILITY}:
            # at the summary, the concern dictated again with what is happening in it ("the concern bit is cut off, it
            # should say yellow crust on chin, hot, redness spreading to neck": play-test 28, the request was paused
            # and the change lost): the route, then the change, and the summary again
            from actions.booking_summary import ActionChangeBookingDetail  # it imports this module

            events = say_answers(dispatcher, tracker, domain, topics, pause=False)
            changed = await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
            return without_offer(events) + changed + [SlotSet("offer", None)]
        if the_emergency_told_for_the_call(tracker) and topics and set(topics) <= set(SEVERITY):
            # the call back's concern, told with help on its way: what those called say, and the request goes on
            dispatcher.utter_message(response=response_name(SEVERITY[0] + HELP_COMING_VARIANT))
            dispatcher.utter_message(response="utter_booking_concern_after_a_route")
            return [SlotSet("offer", None)]
        if route_then_concern(tracker) and topics and set(topics) <= set(SEVERITY[1:]):
            # the route first, then the request goes on with this as what it is about (extract_booking_concern)
            # (never lower than the route given for it before: "… now peeling and stinging a bit" as a call back's
            # topic got the expected reaction's answer and "follow the advice above", after NHS 111 now for stinging
            # that got worse, play-test 115; the thread's rule, `thread_topics`)
            given = tracker.get_slot("last_topic")
            if (
                given == SEVERITY[1]
                and all(SEVERITY.index(topic) > SEVERITY.index(given) for topic in topics)
                and not (said.get("well") or said.get("over") or said.get("help_had"))
            ):
                topics = [given]
            events = say_answers(dispatcher, tracker, domain, topics, pause=False)
            dispatcher.utter_message(response="utter_booking_concern_after_a_route")
            return without_offer(events) + [SlotSet("offer", None)]
        events = say_answers(dispatcher, tracker, domain, topics)
        if still_call:
            dispatcher.utter_message(response="utter_emergency_still_call")
        if (
            tracker.active_loop.get("name")
            and said_minor_now(tracker)
            and not tracker.get_slot(UNDER_18)
            # (not of a friend to come too: "my friend wants to come too shes 15 can she book with me", play-test 231,
            # "Age: under 18" on the request of a woman of 19)
            and (
                tracker.get_slot("booking_for_someone_else")
                or not _ANOTHER_PERSON.search(tracker.latest_message.get("text") or "")
                or _MY_AGE.search(tracker.latest_message.get("text") or "")
            )
        ):
            events.append(SlotSet(UNDER_18, True))  # "I'm 17, is that ok?" in the booking form: noted for the clinic
        if tracker.active_loop.get("name") and SlotSet("offer", PAUSED_BY) in events:
            events += kept_while_paused(tracker)
        return events


# what an allergic reaction coming back is said with: a sign of the airway or the skin, or that it is back
_SAID_BACK = r"\b(?:again|back|returning|returned|coming back)\b"
_COMING_BACK = re.compile(
    rf"{_SAID_BACK}|\b(?:recur\w*|tingl\w*|itch\w*|hives?|rash|swell\w*|swollen|puff\w*|"
    r"lips?|tongue|throat|breath\w*|wheez\w*|dizz\w*|faint\w*|light-?headed|woozy|giddy)\b",
    re.IGNORECASE,
)
EMERGENCY_LOOKS_BACK = 30  # how many of the person's messages back an emergency answer still counts


def a_new_emergency_sign(tracker: Tracker) -> bool:
    """Whether the latest message names an emergency sign that none of the person's recent messages named."""
    named = set((tracker.latest_message.get("triage") or {}).get("signs") or ())
    before = {sign for triage in earlier_triages(tracker) for sign in triage.get("signs") or ()}
    return bool(before) and bool(named - before)


def back_after_an_emergency(tracker: Tracker) -> bool:
    """Whether the latest message, triaged lower, names what could be an emergency coming back: an emergency answer was
    given earlier in this conversation, and the message names a sign of the airway or the skin, or says it is back."""
    return bool(_COMING_BACK.search(tracker.latest_message.get("text") or "")) and an_emergency_earlier(tracker)


def an_emergency_earlier(tracker: Tracker, back: int = EMERGENCY_LOOKS_BACK) -> bool:
    """Whether one of the person's earlier messages (`back` of them) was given the emergency answer, and not set aside
    by a later one as past, or as a question asked before any treatment ("no no its not happening now, it was like
    last month and shes fine now": play-test 64, "Please call 999 now" four times after it). Further back than the
    turns a message is handled with (stores/tracker_store.py `recent_turns`), the `emergency_given` slot says so."""
    for triage in earlier_triages(tracker, back):  # newest first
        # (or one had already, with help: "my throat went tight and the paramedics came … said im fine", then "my
        # tongue feels kind of tingly again" hours later got the expected reaction's answer, five times: play-test 116)
        if triage.get("level") == SEVERITY[0] or triage.get("emergency_had"):
            return True
        if sets_an_emergency_aside(triage):
            return False
    return bool(tracker.get_slot(EMERGENCY_GIVEN))


def sets_an_emergency_aside(triage: Dict[Text, Any]) -> bool:
    """Whether a message's triage sets an emergency answer before it aside: past, no treatment had, or only asked."""
    # ("i HAVE called 999. they've told me what to do. im asking about the clinic": play-test 81, help called is no
    # emergency set aside, and "can i drive home?" later got the guide's silence on driving)
    # (nor is one over after help came for it: "the paramedics came … a mild reaction … she's fine now", then "her lips
    # feel a bit tingly again" hours later got the expected reaction's answer, three times: play-test 114)
    return bool(
        (triage.get("over") and not help_said(triage))
        or triage.get("no_treatment")
        or (triage.get("just_asking") and not triage.get("level") and not help_said(triage))
    )


def help_said(triage: Dict[Text, Any]) -> bool:
    """Whether a message's triage says help was called, had or is there (components/triage.py)."""
    return bool(triage.get("waiting_for_help") or triage.get("help_had") or triage.get("care_present"))


EMERGENCY_GIVEN = "emergency_given"  # the slot: the emergency answer given in this session, and not set aside since
LASTING_GIVEN = "lasting_route_given"  # the slot: the urgent route last given was the lasting sign's
URGENT_GIVEN = "urgent_route_given"  # the slot: the urgent route given in this session, and not set aside since
HELP_CALLED = "emergency_help_called"  # the slot: emergency help said to be called after the emergency answer


def emergency_noted(tracker: Tracker, said_now: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The `emergency_given` slot kept up to date with what was said in this turn: set by the emergency answer (in any
    of its variants), and cleared by a message that sets it aside (`sets_an_emergency_aside`)."""
    emergency = response_name(SEVERITY[0])
    answers = {emergency, emergency + HELP_COMING_VARIANT, emergency + WORSE_WHILE_HELP_COMES_VARIANT}
    # ... and `lasting_route_given` with the urgent route's own answer: set by its variant for a lasting sign, cleared
    # by any other (a_lasting_sign reads it once the message it was given for is past the turns a message is handled
    # with)
    urgent = response_name(SEVERITY[1])
    given = [str(message.get("response")) for message in said_now if str(message.get("response")).startswith(urgent)]
    lasting = [SlotSet(LASTING_GIVEN, LASTING_VARIANT in given[-1])] if given else []
    # ... and `urgent_route_given` with the urgent route's answer in any variant, cleared by a message that sets it
    # aside or by the route taken back (reported_earlier reads it past the turns a message is handled with)
    said = tracker.latest_message.get("triage") or {}
    withdrawn = any(str(message.get("response") or "").startswith(ROUTE_WITHDRAWN) for message in said_now)
    if given and not tracker.get_slot(URGENT_GIVEN):
        lasting.append(SlotSet(URGENT_GIVEN, True))
    elif (
        not given
        and tracker.get_slot(URGENT_GIVEN)
        and (withdrawn or said.get("help_had") or said.get("well") or sets_an_emergency_aside(said))
    ):
        lasting.append(SlotSet(URGENT_GIVEN, False))
    # ... and `emergency_help_called` with emergency help said to be called or coming after the emergency answer (not
    # NHS 111 alone), cleared with it, or by help said not to be called (help_called_before reads it past the turns a
    # message is handled with: "can we just cancel the ambulance", seven messages after "ok calling now", got "Please
    # call 999 now", play-test 218)
    called = []
    if (
        tracker.get_slot(EMERGENCY_GIVEN)
        and said.get("waiting_for_help")
        and not said.get("not_called")
        and not (_NHS_111.search(tracker.latest_message.get("text") or "") and not said.get("emergency_help_named"))
        and not tracker.get_slot(HELP_CALLED)
    ):
        called = [SlotSet(HELP_CALLED, True)]
    elif tracker.get_slot(HELP_CALLED) and said.get("not_called"):
        called = [SlotSet(HELP_CALLED, False)]
    if any(message.get("response") in answers for message in said_now):
        return lasting + called + ([] if tracker.get_slot(EMERGENCY_GIVEN) else [SlotSet(EMERGENCY_GIVEN, True)])
    if tracker.get_slot(EMERGENCY_GIVEN) and sets_an_emergency_aside(said):
        return lasting + [SlotSet(EMERGENCY_GIVEN, False), SlotSet(HELP_CALLED, False)]
    return lasting + called


# a door opened for help coming ("open door", "opening the door for them"): nothing asked of the clinic's opening
_A_DOOR_OPENED = re.compile(r"\bopen(?:ed|ing|s)?\s+(?:the\s+|my\s+|front\s+)?(?:front\s+)?(?:door|flat|gate)\b", re.I)


REACTION_LOOKS_BACK = 10  # how many of the person's messages back a reaction still counts for the next session


# what a question about the next session asks, in the classifier's answers
# ("will this mean i cant have my 2nd session next month?" after a tight throat: play-test 254, the side effects)
NEXT_SESSION_TOPICS = {"sessions", "appointments", "suitability", "safety", "results", "unknown_other", "side_effects"}


def next_session_after_a_reaction(tracker: Tracker, topics: Optional[List[Text]]) -> bool:
    """Whether the latest message asks about a next treatment after a reaction in this conversation ("so when i can do
    my next session? i have 2 more in my course" after an ambulance: play-test 57, the course's timing, which reads as
    "go ahead as planned"), or whether it is safe ("Is it safe?" pressed the day after one: play-test 60, "a safe and
    effective treatment"). `topics`: the answers found for it; None when the classifier found none it was sure of
    ("my next session is planned in 5 weeks. i can still do it? or is dangerous now": play-test 60, "did you mean")."""
    said = tracker.latest_message.get("triage") or {}
    if said.get("level"):
        return False
    if topics is None:
        asked = bool(said.get("next_treatment"))
    else:
        asked = bool(NEXT_SESSION_TOPICS & set(topics)) and (said.get("next_treatment") or "safety" in topics)
    return asked and reaction_in_the_conversation(tracker)


def say_next_session_after_a_reaction(dispatcher: CollectingDispatcher) -> List[Dict[Text, Any]]:
    dispatcher.utter_message(response="utter_next_session_after_a_reaction")
    return [SlotSet("last_topic", None), SlotSet("offer", "call_back")]


def reaction_in_the_conversation(tracker: Tracker) -> bool:
    """Whether the conversation had an emergency, or help had for what happened after a treatment: its last safety
    answer, or a message of the person's recent ones that reported one."""
    if tracker.get_slot("last_topic") in (SEVERITY[0], HELP_HAD) or an_emergency_earlier(tracker, REACTION_LOOKS_BACK):
        return True
    return any(
        triage.get("help_had") and triage.get("signs") for triage in earlier_triages(tracker, REACTION_LOOKS_BACK)
    )


def route_was_for_a_question(tracker: Tracker) -> bool:
    """Whether the message the last safety answer was given for asked a question ("is it safe to do if i had botox 2
    weeks ago?"), so that "nothing is wrong, im just asking" takes the route back; never a report ("my face is
    oozing") said to be nothing after all."""
    # (every message of the thread that was given it: "should he use mine??" after "his lips are tingling and he's
    # wheezing a bit" was a question, and the emergency route was set aside mid-emergency, play-test 89)
    given_for = [
        event
        for event in earlier_messages(tracker)
        if ((event.get("parse_data") or {}).get("triage") or {}).get("level")
    ]
    return bool(given_for) and all(
        "?" in (event.get("text") or "") and bool((event.get("parse_data") or {}).get("asks", True))
        for event in given_for
    )


def route_withdrawn(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: Dict[Text, Any],
    topics: List[Text],
    response: Text = ROUTE_WITHDRAWN,
) -> List[Dict[Text, Any]]:
    """The urgent route or the expected reaction's answer taken back from someone who says they have had no treatment
    ("what?? I am not have microneedling, I am not sick. why 111?": play-test 27, the route again, and the request
    left paused), or from someone whose question it was ("nothing is wrong, im just asking": play-test 28, the route
    again twice). Then a request the route paused is offered again, else the questions asked are answered."""
    dispatcher.utter_message(response=response)
    # the thread's rules expect the clinic's help offered after this action; taken back, nothing is offered, and the
    # turn ends here (play-test 29: without this, eight "Did you mean…?" in a row)
    listen = [FollowupAction("action_listen")]
    paused = (
        not tracker.active_loop.get("name")
        and not tracker.get_slot("request_sent")
        and any(tracker.get_slot(slot) for slot in EDITABLE)
    )
    if paused:
        dispatcher.utter_message(response="utter_request_set_aside")
        return [SlotSet("last_topic", None), SlotSet("offer", "resume")] + listen
    questions = [topic for topic in topics if topic not in SEVERITY and topic not in ("reassurance", "follow_up")]
    if questions:
        return say_answers(dispatcher, tracker, domain, questions) + listen
    return [SlotSet("last_topic", None), SlotSet("offer", None)] + listen


def without_offer(events: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """Answers' events without what they offer: a yes then answers the form's question, or takes up the offer of the
    reply they were said beside."""
    return [event for event in events if event.get("name") != "offer"]


def advice_had_for_whether_it_can_wait(tracker: Tracker, topics: List[Text]) -> List[Text]:
    """`topics`, with whether it can wait (`reassurance`) answered by the advice of those already asked, when there was
    some and the message names nothing new: "should i still go to the gp or just wait for you lot", "so gp as well then
    yeah?" after "111 said see a GP within 24 hours" (play-test 215: "I can't tell you whether it can wait … or contact
    the clinic when it opens", as if waiting were a choice), in an answer and beside a request's yes."""
    if "reassurance" not in topics or (tracker.latest_message.get("triage") or {}).get("level"):
        return topics
    if not help_had_before(tracker):
        return topics
    return [HELP_HAD if topic == "reassurance" else topic for topic in topics]


def answers_alongside(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
) -> List[Dict[Text, Any]]:
    """Each question asked beside something else that a reply of its own gave ("is this a real human? whats the
    downtime", "can I speak to a person, also is it painful", "whats my reference again? and do i need to bring
    anything"): answered after that reply, in order (`questions_alongside` in config.yml; found by the eighteenth
    and twentieth play-tests: the question was dropped). Its events: the last answer's topic and what it offers."""
    topics = [topic for topic in question_keys(tracker) if response_name(topic) in domain.get("responses", {})]
    topics = on_the_words_before(tracker, topics)
    topics = advice_had_for_whether_it_can_wait(tracker, topics)
    if (
        "reassurance" in topics
        and not (tracker.latest_message.get("triage") or {}).get("level")
        and reported_earlier(tracker) == SEVERITY[1]
        and not help_called_before(tracker)
    ):
        # "yep thats fine. so friday is ok to leave it till then yeah?" at a call back's consent, after yellow crusts
        # and a hot, throbbing patch got "please contact the clinic now" (play-test 182: "I can't tell you whether it
        # can wait … if something is worrying you"): whether it can wait is that route again, as asked on its own
        topics = [SEVERITY[1] if topic == "reassurance" else topic for topic in topics]
    return say_answers(dispatcher, tracker, domain, topics, pause=False) if topics else []


class ActionAnswerAlongside(Action):
    """After a reply that is not an answer (are you a bot?), the questions asked beside it."""

    def name(self) -> Text:
        return "action_answer_alongside"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = answers_alongside(dispatcher, tracker, domain)
        if tracker.active_loop.get("name"):  # inside the booking form a "yes" answers the form's question
            return without_offer(events)
        return events


# what a yes or a no said to nothing asked gets alone, with no question beside it
REPLY_TO_A_YES_OR_NO_ALONE = {
    "affirm": "utter_how_can_i_help",
    "deny": "utter_nothing_to_cancel",
    "unsure": "utter_no_rush",
}


# who to call, asked: the route is the answer ("who do i ring tomorrow", "the clinic or my gp or 111??", "which is it")
ASKS_WHO_TO_CALL = re.compile(
    r"\bwho\s+(?:do|should|shall|would|can)\s+i\s+(?:ring|call|phone|contact|see|speak\s+to)\b|"
    r"\b(?:clinic|gp|111|999|doctor|a&e)\s+or\s+(?:my\s+|the\s+)?(?:clinic|gp|111|999|doctor|a&e)\b|\bwhich\s+(?:is\s+it|one)\b|"
    # ("ok just tried calling, line was busy. tried twice. now what": play-test 208, the route, then a menu)
    r"\b(?:now|so|then)\s+what\b|\bwhat\s+(?:do|should|shall|can)\s+i\s+do\s+(?:now|then)\b",
    re.IGNORECASE,
)


def the_route_again(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
) -> Optional[List[Dict[Text, Any]]]:
    """In a route's thread, a message no answer caught (the fallback, or a "yes", "no" or "not sure" with nothing
    beside it): the route said again in a line (`remind_of_the_route`), and, when that is all it needs, the events
    to end the turn with; None when the turn goes on. What the guide does not cover, named, is said so ("im
    confused, which is it. do i call the clinic or my gp or 111?? and can i wear makeup or not", play-test 201; "you
    keep not answering me. squeeze them yes or no?", play-test 209, "No rush"); who to call, asked, or the clinic
    said not to answer, is the route alone ("just tell me simply. who do i ring tomorrow", play-test 201; "line was
    busy. tried twice. now what", play-test 208); calling that help now is the route's words for it (play-test 171)."""
    reminded = remind_of_the_route(dispatcher, tracker, domain)
    if not reminded:
        return None
    if HELP_SOUGHT_VARIANT in str(dispatcher.messages[-1].get("response")):
        return [SlotSet("offer", None)]
    named = [
        entity.get("entity")
        for entity in tracker.latest_message.get("entities") or []
        if entity.get("entity") in ("unknown_activity", "unknown_product")
    ]
    if named:
        return say_answers(dispatcher, tracker, domain, [named[0]])
    said = tracker.latest_message.get("triage") or {}
    if said.get("unreachable") or ASKS_WHO_TO_CALL.search(tracker.latest_message.get("text") or ""):
        return [SlotSet("offer", None)]
    return None


# booking asked for in a word or two, with a yes ("yes book", "ok book me in")
_BOOK_SAID_ALONE = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|yup|ok|okay|please|pls)\W+)+(?:book|booking|book\s+(?:me\s+in|one|please))"
    r"(?:\W+(?:please|pls|then|thanks))*\W*$",
    re.IGNORECASE,
)


class ActionAnswerBesideAYesOrNo(Action):
    """A yes, a no or a "not sure" when nothing was asked that it answers: the questions said beside it ("yes hello,
    how long does it take?"), else in a route's thread the route again (`the_route_again`), else what it gets alone
    (REPLY_TO_A_YES_OR_NO_ALONE)."""

    def name(self) -> Text:
        return "action_answer_beside_a_yes_or_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = answers_alongside(dispatcher, tracker, domain)
        if not events:
            again = the_route_again(dispatcher, tracker, domain)
            if again is not None:
                return again
            if _BOOK_SAID_ALONE.search(tracker.latest_message.get("text") or ""):
                # "yes book" after a menu (play-test 251: "What would you like to know?"): the request begun
                return [FollowupAction("action_start_booking")]
            if not dispatcher.messages:
                intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False) or ""
                dispatcher.utter_message(response=REPLY_TO_A_YES_OR_NO_ALONE.get(intent, "utter_how_can_i_help"))
        return events


def last_action_before(tracker: Tracker) -> Optional[Text]:
    """The action that replied to the message before the latest one (its last, but for listening); None when none
    did."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            return event.get("name")
    return None


def walking_through(tracker: Tracker) -> bool:
    """Whether the reply before the latest message was a step of the walk-through (actions/guide.py)."""
    return last_action_before(tracker) == GUIDE_ACTION


STEP_LOOKS_BACK = 3  # how many of the person's messages back a step shown still makes a few words name a step


def in_the_walk_through(tracker: Tracker) -> bool:
    """Whether a step of the walk-through was shown in reply to one of the person's last few messages, with none
    past its end since ("how deep do the needles go?" answered at step 3, then "last bit?": play-test 186, how long
    results last)."""
    if tracker.get_slot("current_step") not in STEPS:
        return False
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > STEP_LOOKS_BACK:
                return False
        elif event.get("event") == "action" and event.get("name") == GUIDE_ACTION and users:
            return True
    return False


def step_asked_for(tracker: Tracker) -> Tuple[Optional[Text], bool]:
    """The step of the walk-through the latest message names while the walk-through is shown (`in_the_walk_through`),
    the last when its end is asked at the last step ("is that it?", "thats all the steps? nothing after": play-test
    184, step 4 again, then step 1), and whether the message is a few words that ask for it ("last bit?": play-tests
    180 and 183, how long results last)."""
    if not in_the_walk_through(tracker):
        return None, False
    text = tracker.latest_message.get("text") or ""
    if tracker.get_slot("current_step") == STEPS[-1] and _THE_END_ASKED.search(text):
        return STEPS[-1], True
    named = named_step(tracker)
    return named, bool(named) and len(text.split()) <= A_FEW_WORDS


def help_had_before(tracker: Tracker) -> bool:
    """Whether one of the person's recent messages said they were seen or advised already (components/triage.py
    `help_had`), with nothing said to be worse since, and the latest message names no sign that was not named then
    or since: "something new", which the advice had does not cover (play-test 43: "the nurse said it might be red for
    a few days", then yellow bumps, heat, soreness and a fever of 38.4 got "follow the advice you were given")."""
    now = set((tracker.latest_message.get("triage") or {}).get("signs") or [])
    seen: set = set()
    helped = False
    for triage in earlier_triages(tracker):
        if helped:
            # ... and in the report the help was had for, just before it ("yellow crust … pain getting worse", then
            # "just spoke to 111, they said go to the urgent treatment centre in the morning", then "im asking about
            # sudocrem on the crusty bit tonight": play-test 117, NHS 111 now, three times)
            seen |= set(triage.get("signs") or [])
            if triage.get("level"):
                break
            continue
        if triage.get("worse") or triage.get("level") == SEVERITY[0]:
            return False
        seen |= set(triage.get("signs") or [])
        helped = bool(triage.get("help_had"))
        if helped and triage.get("signs"):
            break  # the help had said with what it was for
    return helped and not now - seen


# a sign said to be back ("my lips feel a bit tingly again"): no sign those called judged, but one coming back
_BACK_AGAIN = re.compile(_SAID_BACK, re.IGNORECASE)


def judged_before(tracker: Tracker) -> bool:
    """Whether one of the person's recent messages said those called judged what was happening and advised on it
    (components/triage.py `judged`: "the lady say is not emergency, take antihistamine"), with nothing said to be worse
    or an emergency since, and the latest message names no sign that was not named then or in the report before it
    (play-test 116: "about my lips swollen after the treatment this morning, i take antihistamine", as a call back's
    topic, got "Please call 999 now" three times after 999 had said it was no emergency)."""
    now = set((tracker.latest_message.get("triage") or {}).get("signs") or [])
    seen: set = set()
    judged = False
    for triage in earlier_triages(tracker, REPORT_LOOKS_BACK):
        if not judged and (triage.get("worse") or triage.get("level") == SEVERITY[0]):
            return False
        seen |= set(triage.get("signs") or [])
        judged = judged or bool(triage.get("judged"))
        if judged and triage.get("level") == SEVERITY[0]:
            break  # the report those called judged
    return judged and not now - seen


# (nor how to choose a provider, read in "they said go to the walk in centre tomorrow": play-test 169)
NOT_BESIDE_HELP_HAD = {
    *SEVERITY,
    "complication",
    "reassurance",
    HELP_HAD,
    "warning_signs",
    "follow_up",
    "about_that",
    "provider",
}
BESIDE_AT_LEAST = 0.3  # how likely the classifier finds the answer beside the advice had, at least


def not_treated_said(tracker: Tracker) -> bool:
    """Whether the person said in this conversation that they have had no treatment (components/triage.py
    `no_treatment`), and not since that they have had one or are booked in (`a_patient`)."""
    for event in reversed([event for event in tracker.events if event.get("event") == "user"][:-1]):
        triage = (event.get("parse_data") or {}).get("triage") or {}
        if triage.get("a_patient") and not triage.get("no_treatment"):
            return False
        if triage.get("no_treatment"):
            return True
    return False


def ranked_beside(tracker: Tracker) -> List[Text]:
    """The classifier's best answer to the latest message that is no safety answer, if it is likely enough."""
    ranking = ((tracker.latest_message.get("response_selector") or {}).get(RETRIEVAL_INTENT) or {}).get("ranking") or []
    for entry in ranking:
        topic = str(entry.get("intent_response_key") or "").split("/", 1)[-1]
        if topic and topic not in NOT_BESIDE_HELP_HAD:
            return [topic] if float(entry.get("confidence") or 0) >= BESIDE_AT_LEAST else []
    return []


# a medicine to take or put on what is happening ("can i put antibiotic cream on it?", "should i take an antihistamine",
# "i hav piriton in my bag shud i take it": play-test 31)
_MEDICINES = (
    r"(?:antibiotics?|antibiotique|antihistamines?|piriton|piriteze|cetirizine|loratadine|benadryl|ibuprofen|nurofen|"
    r"paracetamol|calpol|aspirin|co-?codamol|hydrocortisone|steroids?|sudocrem|savlon|germolene|fucidin|painkillers?|"
    r"tablets?|pills?|medicines?|medication|meds|"
    r"(?:antibiotic|antiseptic|steroid|numbing|anti-?itch|itch) ?(?:cream|gel|ointment))"
)
# an adrenaline auto-injector's use asked about ("i have an epipen, should i use it first?", "do i jab her with the
# epi pen"): the NHS says to use it if the person has one, and to call 999 even if they start to feel better
# (nhs.uk, "Anaphylaxis")
AUTO_INJECTOR_ASKED = re.compile(
    r"^(?=.*\b(?:epi-? ?pens?|adrenaline|auto-?injectors?|jext|emerade)\b)"
    r"(?=.*\b(?:should|shall|do|can|must|could|would|is it ok to|need to)\s+(?:i|she|he|they|we|you)?\s*"
    r"(?:still\s+|just\s+|now\s+)?(?:use|give|inject|jab|take|try)\b)",
    re.IGNORECASE | re.DOTALL,
)
# an adrenaline pen that is not the person's in the emergency ("my own epipen … should he use mine??", "can i give her
# my epipen", "its mine not his")
ANOTHER_PERSONS_PEN = re.compile(
    r"\b(?:my own|mine|my)\b[^.?!]{0,20}\b(?:epi-? ?pens?|adrenaline|auto-?injectors?|jext|emerade)\b[^?]*"
    r"\b(?:he|she|him|her|they|them|his)\b|"
    r"\b(?:he|she|they)\b[^.?!]{0,25}\b(?:use|have|borrow|take)\s+mine\b|\bgive (?:him|her|them) my\b|"
    r"\bits mine not (?:his|hers|theirs)\b",
    re.IGNORECASE,
)
# which product was used on the skin, asked ("what cream did you use on her face?", "sabes que crema?")
WHICH_PRODUCT_ASKED = re.compile(
    r"\b(?:what|which|que|qué|quelle?)\s+(?:kind of\s+|type of\s+|numbing\s+|anaesthetic\s+|anesthetic\s+)?"
    r"(?:cream|creams|crema|crème|creme|product|products|serum|serums|gel|anaesthetic|anesthetic|numbing|stuff|lotion)\b|"
    r"\b(?:cream|crema|serum|product|gel|numbing)\b[^.?!]{0,25}\b(?:was|were|did you|do you|does the clinic|they)\s+"
    r"(?:used|use|put)\b|"
    # ("they're asking what was put on his face … was it a cream?", "do you use numbing cream at your clinic?":
    # play-test 220, the route alone, and "I can't advise on medicines")
    r"\bwhat\s+(?:was|were|did\s+(?:you|they))\s+(?:put|used|use|applied|apply)\b|"
    r"\b(?:was|is)\s+(?:it|that)\s+(?:a\s+|the\s+|some\s+)?(?:cream|numbing|gel|serum|product|anaesthetic|anesthetic)\b|"
    r"\b(?:do|did|does)\s+(?:you|they|the clinic)\s+(?:use|put|apply)\s+(?:a\s+|any\s+|the\s+|some\s+)?"
    r"(?:numbing|cream|anaesthetic|anesthetic|gel|serum)\b",
    re.IGNORECASE,
)
A_MEDICINE_NOW = re.compile(
    rf"\b(?:take|taking|took|taken|use|using|used|put|putting|apply|applying|applied|try|trying|pop|have|give|giving|"
    rf"gave)\b[^.?!]{{0,40}}?"
    rf"\b{_MEDICINES}\b|"
    r"\b(?:antibiotic|antiseptic|steroid|hydrocortisone|anti-?itch) (?:cream|gel|ointment|tablets?)\b|"
    # ("is the piriton ok to have taken?": play-test 74, the suitability answer in the urgent thread)
    rf"\b{_MEDICINES}\b[^.?!]{{0,40}}?\b(?:(?:take|use|put|apply|pop|have) (?:it|them|one|some|that)|taken|took|used|"
    r"applied)\b|"
    # ... its sentence first ("paracetamol for the fever. is it ok to take some": play-test 229)
    rf"\b{_MEDICINES}\b[^?!]{{0,40}}?\b(?:take|use|put|apply|pop|have) (?:it|them|one|some|that)\b|"
    # ("will the piriton not just sort it out?": play-test 159, whether it treats puffy eyes)
    rf"\b{_MEDICINES}\b[^.?!]{{0,20}}?\b(?:sort|fix|settle|clear|calm|help|work|be enough|do)\b|"
    # ("and the savlon, yes or no?", "wait yes to the savlon??": play-test 200, the route alone, and the first read as a
    # yes to it)
    rf"\b(?:the|about|to)\s+{_MEDICINES}\b[^.?!]{{0,15}}?(?:\?|\byes\s+or\s+no\b)|"
    r"\bcream antibiotique\b",
    re.IGNORECASE,
)
# something put on what is happening, no medicine ("can i put some ice on my lips while i wait?", "i asked about ICE on
# my lips. yes or no": play-test 190, which products the clinic used, then the aftercare's silence and a consultation,
# in an emergency's thread): in that thread, who to ask about it (utter_remedy_in_emergency)
_REMEDIES = (
    r"(?:ice|ice ?packs?|ice cubes?|(?:a |some )?cold (?:compress|flannel|cloth|pack)|frozen peas|something cold|"
    r"aloe(?: vera)?|vaseline|petroleum jelly|lip balm)"
)
A_REMEDY_NOW = re.compile(
    rf"\b(?:put|putting|use|using|apply|applying|hold|holding|try|trying|rub|press)\b[^.?!]{{0,30}}?\b{_REMEDIES}\b|"
    rf"\b{_REMEDIES}\b[^.?!]{{0,25}}?\bon\s+(?:my|her|his|their|the|it|them)\b|\babout\s+{_REMEDIES}\b",
    re.IGNORECASE,
)
# first aid asked about in an emergency ("should she lie down or sit up", "can i give him water", "do i keep her awake":
# play-test 200, the procedure's answer and a menu, with an ambulance on its way)
FIRST_AID_ASKED = re.compile(
    r"\b(?:lie|lay|lying|laying|sit|sitting|stand|standing|recovery\s+position|feet\s+up|legs\s+up|keep\s+(?:her|him|them|"
    r"me)\s+(?:awake|still|warm|calm|upright)|(?:give|get)\s+(?:her|him|them|me)\s+(?:some\s+)?(?:water|a\s+drink|food|"
    r"something\s+to\s+(?:eat|drink))|(?:open|opening)\s+(?:a|the)\s+window|fresh\s+air|cpr)\b",
    re.IGNORECASE,
)
# who to ask about a medicine, or about something else put on what is happening, or first aid, in an emergency: the
# first of these the words ask about
_WHO_TO_ASK_IN_AN_EMERGENCY = (
    (A_MEDICINE_NOW, "utter_medicine_in_emergency"),
    (A_REMEDY_NOW, "utter_remedy_in_emergency"),
    (FIRST_AID_ASKED, "utter_first_aid_in_emergency"),
)


def who_to_ask_in_an_emergency(tracker: Tracker, said: Sequence[Text] = ()) -> Optional[Text]:
    """The response that says who to ask about what the latest message would take or put on, or do, in an emergency,
    unless `said` already holds it; None when it asks about none of these, or asks the cause, which its own answer
    takes ("could it be the numbing cream that caused it??": play-test 206, "I can't advise on medicines")."""
    if the_messages_answer(tracker) == CAUSE_ASKED:
        return None
    text = tracker.latest_message.get("text") or ""
    return next(
        (response for asks, response in _WHO_TO_ASK_IN_AN_EMERGENCY if response not in said and asks.search(text)), None
    )


# stopping, pausing or changing a medicine asked about ("should I stop my warfarin before?", "can I come off my
# tablets for a week")
_STOPPING_A_MEDICINE = re.compile(
    r"\b(?:stop|stopping|pause|pausing|skip|skipping|come off|coming off|go off|quit|halve|cut down|reduce|miss)\b"
    r"[^.?!]{0,40}\b(?:it|them|taking|my|the|warfarin|medication|medicine|meds|tablets?|pills?|roaccutane|"
    r"isotretinoin|blood thinners?|anticoagulants?|antibiotics?|insulin|injections?)\b|"
    # ... or going on with it ("i asked if i keep using my steroid cream as normal until they call": play-test 193)
    r"\b(?:keep|carry on|continue)\s+(?:using|taking|on|applying|with)\b[^.?!]{0,30}\b(?:steroids?|medication|medicine|"
    r"meds|tablets?|pills?|antibiotics?|warfarin|insulin|betnovate|hydrocortisone)\b",
    re.IGNORECASE,
)

# stopping something that is no medicine ("after stopping breastfeeding", "once i stop smoking")
_SOMETHING_ELSE_STOPPED = re.compile(
    r"\b(?:stop|stopping|stopped|quit|quitting|come off|coming off)\s+(?:the\s+|my\s+)?(?:breast ?-?feeding|"
    r"nursing|feeding|pumping|smoking|vaping|drinking)\b",
    re.IGNORECASE,
)
# the treatment's numbing cream left out ("as long as you skip the numbing cream": play-test 192, "don't stop a
# prescribed medicine" twice to someone on none)
_NUMBING_LEFT_OUT = re.compile(
    r"\b(?:stop|stopping|skip|skipping|miss|missing|without|leave out|leaving out|go without)\s+(?:the\s+|any\s+)?"
    r"(?:numbing|anaesthetic|anesthetic)\b",
    re.IGNORECASE,
)
# a medicine named as one ("my tablets", "the warfarin", "what i was prescribed")
_A_MEDICINE_NAMED = re.compile(
    r"\b(?:warfarin|medication|medicine|meds|tablets?|pills?|roaccutane|isotretinoin|blood thinners?|anticoagulants?|"
    r"antibiotics?|insulin|injections?|prescri\w*|tretinoin|accutane|steroids?|betnovate|hydrocortisone)\b",
    re.IGNORECASE,
)


def stopping_a_medicine(tracker: Tracker) -> bool:
    """Whether the latest message asks about stopping a medicine; a skincare product named alone is none ("should i stop
    the retinol BEFORE wednesday too?": play-test 83, "talk to the doctor who prescribed it" about a shop-bought
    retinol)."""
    text = tracker.latest_message.get("text") or ""
    if not _STOPPING_A_MEDICINE.search(text):
        return False
    if _NUMBING_LEFT_OUT.search(text):
        return False
    if _SOMETHING_ELSE_STOPPED.search(text) and not _A_MEDICINE_NAMED.search(text):
        return False  # ("how long should i wait after stopping breastfeeding before i can have it?": play-test 140)
    products = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "unknown_product"]
    return not products or bool(_A_MEDICINE_NAMED.search(text))


def answered_after_the_route(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: Dict[Text, Any],
    topics: List[Text],
    thread: Text,
) -> List[Dict[Text, Any]]:
    """In a safety answer's thread, the route said again in a line, then the answer of each topic; the thread stays with
    the route: "should i just go to a&e instead of waiting?" after "are you open now?" got the general "I can't tell
    you whether it can wait" without the route (play-test 29)."""
    dispatcher.utter_message(response=route_variant(domain, "utter_safety_route_reminder", tracker))
    answered = say_answers(dispatcher, tracker, domain, topics)
    return [event for event in answered if event.get("name") != "last_topic"] + [SlotSet("last_topic", thread)]


def say_answers(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: Dict[Text, Any],
    topics: List[Text],
    pause: bool = True,
) -> List[Dict[Text, Any]]:
    """Say the answer of each topic in order, and remember the last and what any of them offered. `pause`: a safety
    answer inside the booking form says the booking is paused (the rules pause it)."""
    events: List[Dict[Text, Any]] = []
    last_topic, offer = tracker.get_slot("last_topic"), None
    if not topics:
        dispatcher.utter_message(response="utter_ask_what_about")
    said: List[Text] = []
    # the clinic's details, said while it is open, say until when (play-test 32: "is it open now?" got the week's hours)
    closes = clinic().closing_today(now())
    if any(topic in FOLLOW_UPS for topic in topics) and last_topic in SAFETY_ROUTES:
        # "should I tell 111 that? is that dangerous", leaning on the urgent route (the last answer): the route again,
        # never the general "microneedling is a safe and effective treatment" beside it (play-test 90); what may be
        # about what is happening is not answered as a question of its own, and no reassurance is given instead
        leaning = [topic for topic in topics if topic in NOT_A_NEW_QUESTION - {*SEVERITY, *FOLLOW_UPS, HELP_HAD}]
        if leaning:
            topics = [topic for topic in topics if topic not in leaning] + ["no_reassurance"]
    if "minors" in topics:
        # the age policy says who is seen, and that suitability is for the consultation: the suitability answer beside
        # it, asked to book for "your age", says otherwise (play-test 69, to a 16-year-old whose parents must not know)
        topics = [topic for topic in topics if topic != SUITABILITY]
    step_named, step_in_a_few_words = step_asked_for(tracker)
    step_taken = False
    for topic in topics:
        asked_as = topic
        if topic == "no_reassurance":
            dispatcher.utter_message(response="utter_safety_no_reassurance")
            continue
        if (
            topic in FOLLOW_UPS
            and not last_topic
            and _WHAT_THE_TREATMENT_IS.search(tracker.latest_message.get("text") or "")
        ):
            # "Saw 'collagen induction' on your treatment menu - what is that? does it hurt?": the treatment named is
            # what "that" is (found in tests/unseen: "What would you like to know about it?")
            topic = asked_as = "what_is"
        if (
            topic in FOLLOW_UPS
            and last_topic == "unknown_area"
            and next(tracker.get_latest_entity_values("skin_concern"), None)
        ):
            # "what about acne scars?" after "the guide doesn't say whether it helps with stretch marks": a concern the
            # guide does name, and what it says of it (play-test 32: "the same goes for that")
            topic = asked_as = "what_is"
        if topic in FOLLOW_UPS:
            earlier = _topics_answered_last_turn(tracker, domain)
            if len(earlier) > 1:
                # after several answers at once, "what about the first thing?" is the first of them; with a question
                # of its own ("… the keloids. is it a no for people who get keloids?"), that question is the answer
                # (play-test 54: the last of them, the prices, "the same goes for that", twice)
                nth = _ORDINAL.search(tracker.latest_message.get("text") or "")
                if nth:
                    last_topic = earlier[min(_ORDINALS[(nth.group(1) or nth.group(2)).lower()], len(earlier) - 1)]
                elif any(other not in FOLLOW_UPS for other in topics):
                    continue
            if not last_topic:
                dispatcher.utter_message(response="utter_ask_what_about")
                continue
            if last_topic in said:  # "what about scarring, how common is that?": the last answer once
                continue
            topic = last_topic
            if topic in _OF_THE_TREATMENT_ITSELF and _HOW_LONG_IT_TAKES.search(
                tracker.latest_message.get("text") or ""
            ):
                # "how long does that take" after whether it hurts (play-tests 198 and 200: "the guide doesn't say",
                # and the pain answer again): the treatment's length, which the guide gives
                topic = asked_as = "duration"
        if topic in said:  # "what about on my neck, is it more painful there?" after the pain answer: said once
            continue  # (found by browser play-test 5: the pain answer twice)
        if (
            topic == "privacy"
            # (or paused for a safety answer, its details kept: play-test 105)
            and (tracker.active_loop.get("name") or any(tracker.get_slot(slot) for slot in KEPT_WHILE_PAUSED))
            and not tracker.get_slot("request_sent")
            and _ASKS_IF_DETAILS_KEPT.search(tracker.latest_message.get("text") or "")
        ):
            # "have you got his name and number?", "i gave you my name and email already?? do you still have them" in
            # the middle of a request (play-test 84: the privacy notice, twice): what was given is kept for it
            dispatcher.utter_message(response="utter_booking_details_kept")
            said.append(topic)
            continue
        not_given = not_given_line(tracker, asked_as, topic)
        if topic == SUITABILITY and names_a_personal_factor(tracker):
            not_given = None  # "I'm pregnant, would I be ok to have it before my wedding?": the consultation's
        if not_given in ANSWERED_INSTEAD and topic in ANSWERED_INSTEAD[not_given][0]:
            topic = ANSWERED_INSTEAD[not_given][1]
            if topic in said:
                continue  # (two parts of one question: "if i get it done monday will i be glowing by the wedding?")
        if not not_given and (asked_as in FOLLOW_UPS or (len(topics) == 1 and topic in ANSWERS_A_DETAIL_MAY_REPLACE)):
            # "and the patch test?" after another answer, "will i bleed?" read as the appointment's length after it
            # (play-tests 171 and 174: "the guide doesn't single out areas", the length twice): the line for what the
            # guide does not give, and its answer
            own = next(iter(not_given_on_its_own(tracker.latest_message.get("text") or "").values()), None)
            if own:
                if own in said:
                    continue
                topic = own
                not_given = not_given_line(tracker, asked_as, topic)
        if step_named and not step_taken and topic not in (*SEVERITY, SUITABILITY) and step_in_a_few_words:
            # "last bit?" mid-walk-through (play-tests 180 and 183: how long results last): that step; at it already,
            # the walk-through's end
            # (for one question of the message: "is that it? could it leave me with scars tho" at the last step,
            # play-test 238, the walk-through's end twice and the scars dropped)
            step_taken = True
            if step_named == tracker.get_slot("current_step") == STEPS[-1]:
                dispatcher.utter_message(response="utter_guide_finished")
                events.append(SlotSet("current_step", FINISHED))
                last_topic = None
                continue
            topic = step_named
        if asked_as in FOLLOW_UPS and not not_given and not step_named:  # that line leads to the last answer instead
            dispatcher.utter_message(response=response_name(asked_as))
        if not_given:
            dispatcher.utter_message(response=not_given)
            # (of the one answer a message gets: with others, what each part asks is read for its own)
            for also_not_given in not_given_lines(tracker, asked_as, topic)[1:2] if len(topics) == 1 else []:
                dispatcher.utter_message(response=also_not_given)
        said.append(topic)
        response = response_name(topic)
        if response not in domain.get("responses", {}):  # a hand-typed button for no answer we have
            dispatcher.utter_message(response="utter_ask_what_about")
            continue
        if topic == SEVERITY[2] and (tracker.latest_message.get("triage") or {}).get("not_in_the_guide"):
            # "face still pink and its started peeling": the guide does not name peeling, and says so first (play-test
            # 30: it was sent to NHS 111)
            # (while the clinic is open, that it can be called today: "flaky and a bit itchy" on day 2, play-test 230,
            # "the assistant said it can't tell, and still told her she could wait")
            if clinic().open_until(now()):
                dispatcher.utter_message(response="utter_expected_not_in_the_guide_open", closes=closes)
            else:
                dispatcher.utter_message(response="utter_expected_not_in_the_guide")
        if topic == SUITABILITY and stopping_a_medicine(tracker):
            # "should i just stop my warfarin for a few days before?": never on one's own (found by the fifteenth and
            # seventeenth play-tests)
            dispatcher.utter_message(response="utter_medicine_not_on_your_own")
        if (
            # what happens during a treatment, or what it is ("the 4 steps, what are they?": play-test 53); "walk me
            # through the aftercare" is that step
            topic in ("procedure", "what_is")
            and not walking_through(tracker)
            and WHOLE_WALK_THROUGH.search(tracker.latest_message.get("text") or "")
        ):
            topic = STEPS[0]
        if topic in STEPS and (
            walking_through(tracker)
            or topic == step_named
            or STEP_WORD.search(tracker.latest_message.get("text") or "")
        ):
            # "and what happens during the procedure?" mid-walk-through, or "what happens in the aftercare step?"
            dispatcher.utter_message(response=step_response(topic))
        else:
            answer = response_for(domain, topic, tracker)
            # a `_closed` variant says when the clinic opens again (worked out only for one)
            opens = clinic().next_opening(now()) if answer.endswith(CLOSED_VARIANT) else ""
            # (the clinic's hours after an emergency: no NHS 111 "if it can't wait")
            if answer + AFTER_EMERGENCY_VARIANT in domain.get("responses", {}) and an_emergency_earlier(tracker):
                answer += AFTER_EMERGENCY_VARIANT
            dispatcher.utter_message(response=answer, thing=named_thing(tracker, topic), opens=opens, closes=closes)
            if answer.endswith(PATIENT_VARIANT):  # their practitioner, before the next treatment: no offer to book
                response = answer
        if topic in STEPS:  # "next" goes on from the step just shown
            events.append(SlotSet("current_step", topic))
        # a "yes" takes up what any of the answers offered
        last_topic, offer = topic, offer or offer_of(domain, response)
    if tracker.latest_message.get("more_questions") and len(said) > 1 and not set(said) & set(SEVERITY):
        dispatcher.utter_message(response="utter_more_questions")  # more asked than answered at once: never silently
    unsure = tracker.latest_message.get("unsure_parts") or []
    if unsure and len(said) > 1 and not set(said) & set(SEVERITY):
        # a question beside others that no answer was sure for is said to be so, never dropped without a word (beside
        # one answer it is not: the message's one answer is often that very question's, play-test 135, "I wasn't sure
        # what you meant" about the question just answered, three times)
        dispatcher.utter_message(response="utter_part_not_understood", part=unsure[0])
    severe = [topic for topic in said if topic in SEVERITY]
    if severe:  # "red today, normal? and when do results show?": the thread stays with the safety answer, said first
        last_topic = min(severe, key=SEVERITY.index)
    elif (
        set(said) & {EMERGENCY_EXPLAINED, WHAT_TO_TELL_111, CAUSE_ASKED}
        and tracker.get_slot("last_topic") == SEVERITY[0]
    ):
        # (and what to tell those coming, or the cause asked: "could it be the numbing cream that caused it??" with the
        # ambulance on its way, play-test 206, after which "do you know what cream the clinic uses?" got no product)
        # "what do i tell the ambulance?" after the emergency answer: the emergency's thread goes on (play-test 46: the
        # thread ended, and "can she take an antihistamine?" got the suitability answer and the offer to book), with
        # the clinic's help offered, on which the rules keep it (play-test 65: "they ask what cream they put on her
        # face" after it got "did you mean", and "should she lie down?" "Sorry, I can't help with that")
        last_topic, offer = SEVERITY[0], offer or PAUSED_BY
    elif set(said) & {"route_explained", WHAT_TO_TELL_111} and tracker.get_slot("last_topic") in SEVERITY[:2]:
        # ... and "is 111 the same as going to a&e tho" after the urgent route: its thread goes on (play-test 89: the
        # thread ended, and "temp has gone down a bit, does that mean its ok?" got the suitability answer)
        last_topic, offer = tracker.get_slot("last_topic"), offer or PAUSED_BY
    if offer == "consultation" and (tracker.active_loop.get("name") or tracker.get_slot("request_sent")):
        # inside the booking form, "yes" answers the form's question; after a request was sent, the answers say
        # to raise it at that consultation and offer no other (their variations on request_sent, domain.yml)
        offer = None
    if pause and tracker.active_loop.get("name") and last_topic in SEVERITY[1:]:
        # the rules pause the booking after a safety answer; after the emergency one, nothing about booking
        dispatcher.utter_message(response="utter_safety_booking_paused")
    if (
        set(said) & RISK_TOPICS
        and not tracker.active_loop.get("name")
        and next(tracker.get_latest_entity_values("skin_concern"), None)
    ):
        # a concern named in a question about risks is feared, not wanted looked at ("ok infection or scarring, thats
        # scary": play-test 39, a call back asked for later was about "scarring"); a booking started after it asks
        events.append(SlotSet("skin_concern", None))
    return events + [SlotSet("last_topic", last_topic), SlotSet("offer", offer)]
