"""Intent classifier that also picks the FAQ answer and finds each question in a message.

One logistic regression over the full labels (`faq/pain`, `faq/suitability`, …,
`book_consultation`, `affirm`, …), on TF-IDF features of lemmas (words and word
pairs) and of character n-grams. It writes what Rasa's own components write:

- `intent` and `intent_ranking` for the top-level intents; the confidence of
  `faq` is how likely the message is a question at all (the sum over its
  answers), and the answer's own confidence is in `response_selector`, which
  components/fallback.py holds against its threshold;
- `response_selector` in the ResponseSelector's format for the retrieval
  intent, so `rasa test nlu` scores the answers and Rasa sets
  `full_retrieval_intent_name`;
- `questions`: when a message asks several things ("does it hurt and how many
  sessions?"), each question with its own answer key, in order.

Entities from the spaCy pipeline can decide the answer (`entity_answers`, in
order): a personal factor ("pregnant", "roaccutane", "my daughter") makes any
answer the suitability one, and something the guide does not cover ("swimming",
`unknown_activity`) makes a guide answer the matching `faq/unknown_*` one, so
"how many sessions for cellulite" never gets the guide's number of sessions as if
it answered. Answers in `keep_answers` are never replaced. The other way round
(`answers_without_their_entity`), an answer about something the guide does not
name, chosen for a message that names only what the guide does name ("can it
get rid of the fine lines round my mouth"), is what the guide says of that.
An answer asked of something the guide does not name (`entity_answers_asked_as`:
"will my skin peel after?", the side effects) is the answer that says so.
"""

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Set, Text, Tuple

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from components import embeddings as pretrained
from core.words import COMPLAINT, edits

logger = logging.getLogger(__name__)

QUESTIONS = "questions"
QUESTION_PARTS = "question_parts"
OUT_OF_SCOPE_INTENT = "out_of_scope"
# whether a message leans on what was said before it ("and is that per session?"): the answer action
# weighs the last answer's topic up for it (actions/answers.py)
LEANS_ON_CONTEXT = "leans_on_context"
# whether a message asks anything at all ("it doesn't hurt or anything" does not): the safety thread keeps
# its route for a message that asks nothing (actions/answers.py)
ASKS = "asks"
# whether a message asks more questions than are answered at once (`max_questions`): the answers say so, so that none
# is dropped without a word (play-test 36: seven questions, three answered, four dropped silently)
MORE_QUESTIONS = "more_questions"
# a question part that is the rest of the message beside its questions (`_with_the_rest`), no question of its own shape
REST = "rest"
# the question parts of a message the classifier is not sure enough of, beside others it answers
UNSURE_PARTS = "unsure_parts"
DECIDED_BY_ENTITY = "decided_by_entity"
# a message this short leans on what was said before it too ("how long should i wait", "for how long?")
_SHORT_MESSAGE_WORDS = 5
# what persist() writes: vocabularies and labels as JSON, the fitted arrays as .npz
VOCABULARY_FILE = "classifier.json"
ARRAYS_FILE = "classifier.npz"

# Where one question ends and the next begins: after ?, ! or a full stop, at a new line or a
# semicolon, at a dash between words, or at a comma or "and"/"also"/"plus" followed by a question
# word. A part counts as a question only when it ends with "?" or starts with a question word.
_QUESTION_WORD = (
    r"(?:how|what|whats|what's|when|where|why|which|who|is|are|can|could|do|does|did|will|would|"
    r"should|shall|any|has|have|am|tell|"
    # a question asked as a statement ("can i speak to a human please, i want to know if you use dermapen": found by
    # the twenty-second play-test, the device question was dropped)
    # ("… are you open sundays? i also wanted to know if men get it done": play-test 44, dropped)
    r"i\s+(?:also\s+)?(?:want|wanted|wanna|would\s+like|'d\s+like|need|needed)\s+to\s+(?:know|ask)|"
    r"(?:i\s+(?:was|am)\s+|i'?m\s+)?(?:also\s+)?(?:just\s+)?wondering|"
    # ("i'm just asking if it would help my scars, and how red you go after": play-test 76, the first dropped)
    r"(?:i\s+(?:was|am)\s+|i'?m\s+|im\s+)?(?:also\s+)?(?:just\s+|only\s+)?asking(?=\s+(?:if|whether|about|how|what|when))|"
    r"i'?m\s+curious)\b"
)
_BOUNDARY = re.compile(
    # also right after "?" or "!" with no space ("sun after?makeup after?"), and before a number of a list ("1) is it
    # safe … 2) how many sessions …"): found by the eleventh play-test; a spaced slash joins like a dash ("does it
    # hurt / what about after"), never an unspaced one ("PRP/microneedling", "24/7")
    # (a new line before a number of a list: "a few questions:\n1. what does it do\n2. …", play-test 41, none answered)
    rf"(?<=[?!.])\s+|(?<=[?!])(?=[^\W\d_])|(?:^|\s+)\d{{1,2}}[.)]\s+(?=[^\W\d_])|"
    # (a spaced "+" joins like a dash: "does it help with acne itself (not scars) + is it ok with retinol", play-test 46
    # answered the second alone)
    rf"\s*[\r\n]+\s*(?:\d{{1,2}}[.)]\s+(?=[^\W\d_]))?|\s*;\s*|\s+[-–—/|+]+\s+(?:(?:and|also|plus)\s+)?|"
    rf",?\s+(?:and|also|plus|&)\s+(?=(?:also\s+)?{_QUESTION_WORD})|,\s*(?={_QUESTION_WORD})|"
    # ("Quick ones: when can I shave, when can I go out in the sun, …": play-test 231, the shaving dropped)
    rf"\s*:\s+(?={_QUESTION_WORD})|"
    # a request after a question ("… and also does it hurt and then book me in for a consultation": play-test 84, the
    # pain question read with the booking, and dropped)
    r",?\s+(?:and\s+)?then\s+(?=(?:please\s+)?(?:book|sign|put|get|can you|could you|pop)\b)|"
    # a question asked as a statement after other words ("all of them really i want to know about the retinol thing":
    # play-test 84, dropped)
    r"(?<=\w)\s+(?=i\s+(?:also\s+)?(?:want|wanted|wanna|need|needed)\s+to\s+(?:know|ask)\b)|"
    # ("ok looks right but before i send it can you please just tell me does microneedling hurt and …": play-test 84)
    r"(?<=\w)\s+(?=(?:can|could)\s+you\s+(?:please\s+)?(?:just\s+)?tell\s+me\s+(?:if|whether|how|what|when|why|"
    r"does|do|is|are|will|would|can)\b)",
    re.IGNORECASE,
)
# a part that only says the person is lost or cross ("what?", "huh??", "sorry what"): no question of its own
_CONFUSED = re.compile(
    r"\W*(?:(?:wait|sorry|um+|erm+|eh|ok)\W+)?(?:what|wat|wut|huh|eh|pardon|sorry|wtf)\W*", re.IGNORECASE
)
# the number of an item of a list ("1) is it safe", "2. how many sessions")
_LIST_NUMBER = re.compile(r"(?:^|\s+)\d{1,2}[.)]\s+(?=[^\W\d_])")
_NUMBERED = re.compile(r"(?:^|\s)\d{1,2}[.)]\s*$")  # what comes before an item of the list
# words before a question that are no part of it ("wait do you even do backs", "oh ok, how long does it last"): a
# question begins after them; they are read past as it is classified (found by the tenth play-test: "wait …" at the
# summary was not understood, the same question without it was)
_INTERJECTIONS = (
    # ("no not price, downtime. like how long till i can go out looking normal": play-test 238, dropped)
    # ("k. also random but do i still need the spf if im just staying in today": play-test 247, not understood, and the
    # route said again in its place)
    r"(?:(?:wait|oh|ooh|hmm+|um+|erm+|uh+|ok(?:ay)?|k+|right|sorry|actually|btw|quick question|one more thing|hey|hi|"
    r"hello|like|also|(?:totally\s+|completely\s+)?(?:random|unrelated|off\s+topic)(?:\s+(?:question|q))?(?:\s+but)?|"
    r"different question)\b\W*)+"
)
# a statement of where or when something is ("thats where they are mostly"), not a question of it
_SAYS_WHERE_OR_WHEN = re.compile(
    r"\W*(?:that'?s|thats|that is|it'?s|its|this is|which is)\s+(?:where|when|what|why|how)\b", re.IGNORECASE
)
_INTERJECTIONS_ALONE = re.compile(rf"\W*{_INTERJECTIONS}(?:before that|first)?\W*", re.IGNORECASE)
_STARTS_AS_QUESTION = re.compile(
    # ("hey - does it hurt\nalso how long does it take\nplus how many do i need": play-test 182, the third dropped)
    rf"^\W*(?:{_INTERJECTIONS})?(?:and\s+|also\s+|so\s+|but\s+|plus\s+)?{_QUESTION_WORD}",
    re.IGNORECASE,
)
_BEFORE_A_QUESTION = re.compile(rf"^\W*{_INTERJECTIONS}(?={_QUESTION_WORD})", re.IGNORECASE)
# a question part asked as a statement ("i'm just asking if it would help my scars": play-test 76, not understood):
# what is asked is read, after "if" or "whether"
_ASKED_AS_A_STATEMENT = re.compile(
    rf"^\W*(?:{_INTERJECTIONS})?(?:i\s+(?:was|am)\s+|i'?m\s+|im\s+)?(?:also\s+)?(?:just\s+|only\s+)?"
    r"(?:asking|wondering|want(?:ed)? to know|wanna know|need(?:ed)? to know|curious)\s+(?:if|whether)\s+(?=\w)",
    re.IGNORECASE,
)
# Two questions run together with no mark between them ("does it hurt how long does it take"): a new one
# starts at a question word with its verb ("how long", "what is", "when can"), after a word.
_RUN_ON = re.compile(
    r"(?<=\w)(?<!\band)(?<!\balso)(?<!\bso)(?<!\bbut)(?<!\bor)(?<!\bplus)(?<!\bthen)(?<!\bknow)(?<!\bwondering)"
    r"(?<!\bcurious)(?<!\btell me)\s+(?=(?:how\s+(?:long|many|much|soon|often|do|does|is|are|can|will|would|should)|"
    r"(?:what|when|where|why|which)\s+(?:is|are|do|does|can|will|would|should|happens))\b)",
    re.IGNORECASE,
)
# A short part without a question's shape ("price and how long does it take?") is asked too when "and"
# joins it to a question: at most this many words.
_SHORT_PART_WORDS = 4
# a list of a few words each, commas between ("price, pain"), and its commas
_A_SHORT_LIST = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+)?(?:\s*,\s*[^\W\d_]+(?:\s+[^\W\d_]+)?)+\s*", re.UNICODE)
_LIST_COMMA = re.compile(r"\s*,\s*")
_JOINED_BY_AND = re.compile(r"\b(?:and|also|plus)\b|&|\s/\s", re.IGNORECASE)


# A message that points back ("that", "those", "them", "the same") or goes on from the last answer
# ("and …", "what about …", "so …"); "it" is left out: it is mostly the treatment itself. A short
# message leans too (_SHORT_MESSAGE_WORDS). Leaning only weighs the last topic up; a message whose
# own answer is clear keeps it (actions/answers.py).
_LEANS = re.compile(
    # ("what if its only mild and not flaring right now?" after the suitability answer: play-test 147, "did you mean")
    r"^\W*(?:ok(?:ay)?\W+|right\W+|oh\W+)?(?:and|so|but|also|then|what about|how about|what if)\b"
    r"|\b(?:that|those|these|this one|them|they|the same|same thing)\b",
    re.IGNORECASE,
)

# A message of question words alone ("how long for?", "how long is it?", "why?") names no topic of its own:
# after an answer it asks about that answer. "much", "many" and "take" are not among them: "how much?" is the
# price, "how many?" the sessions, "how long does it take?" the appointment.
_ASPECT_WORDS = frozenset(
    "how long for is it that this those these they them will would does do did be last lasts usually roughly "
    "about the a and so then ok okay oh why what when exactly normally generally".split()
)
ASPECT_ONLY = "aspect_only"
ABOUT_THAT = "about_that"  # the answer of "more about the last answer"
# a statement said just before a part, in the same message ("I read that a numbing cream is used. "): what a part that
# leans on something ("what exactly is that cream?") may lean on
_SAID_BEFORE = re.compile(r"((?:\w+[^\w.!?]+){2,}\w+[.!])(\s+)$")


def _aspect_only(text: Text) -> bool:
    """Whether the words are question words alone ("how long for?", "and is that usual?")."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(words) and all(word in _ASPECT_WORDS for word in words)


# two or three capitalised words and nothing else: "Mia Long", "Jo Paine", "Anne-Marie O'Neill"
# a name as the first sentence, something after it ("Jonathan Price. do you need my date of birth as well?")
_NAME_FIRST = re.compile(r"^\s*(?P<name>[^.!?,\n]{3,60}?)\s*[.!,\n]\s+(?=\S+\s+\S)")
# the last answer said to have missed the question, then the question asked again
_NOT_ANSWERED_FIRST = re.compile(
    r"^\W*(?:(?:no|but|um+|erm+|hm+|ok|okay)\W+)*(?:you|u)\s+(?:didn'?t|didnt|did\s+not|never|haven'?t|havent)\s+"
    r"(?:really\s+|actually\s+)?answer(?:ed)?\s+(?:my|the)\s+(?:question|q)\b(?:\s+(?:lol|though|tho|there|again))*"
    r"\s*[.!?,:;-]+\s*(?=\S+\s+\S)|"
    r"^\W*(?:that'?s|thats|that\s+is)\s+not\s+what\s+i\s+asked\b[^.!?]{0,15}[.!?,:;-]+\s*(?=\S+\s+\S)",
    re.IGNORECASE,
)
_NAME_SHAPED = re.compile(
    r"^\s*[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*(?:\s+[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*){1,2}\s*[.!]?\s*$"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _split(text: Text, start: int, end: int, boundary) -> List[Tuple[Span, Text]]:
    """The parts between boundaries, each with the boundary that follows it ("" for the last)."""
    parts = []
    for found in boundary.finditer(text, start, end):
        parts.append((Span(start, found.start()), found.group(0)))
        start = found.end()
    return parts + [(Span(start, end), "")]


# disbelief said as a question, which asks nothing ("are you serious?? I'm making a COMPLAINT": play-test 42, the part
# was answered as a worry with the out-of-hours route)
_RHETORICAL = re.compile(
    # ("oh god really? 111 for peeling??": play-test 84, read as leaning on the last answer, and the route said again
    # in place of the questions after it)
    r"^\W*(?:(?:oh|omg|oh my god|oh god|god|wow|wait|what|erm|um)\W+)*"
    r"(?:are you (?:serious|kidding(?: me)?|joking|for real|even (?:listening|reading this))|seriously|really|"
    r"you(?:'re| are) (?:joking|kidding(?: me)?)|is this a joke|what the (?:hell|heck)|how many times)\W*$",
    re.IGNORECASE,
)


# a complaint (`complaint_intent`), unless asked of what would happen ("if … can she get a refund")
_COMPLAINT = re.compile(COMPLAINT, re.IGNORECASE)
_ASKED_IF = re.compile(r"\b(?:if|whether|what happens|would|could|can (?:i|she|he|they|we))\b", re.IGNORECASE)


# a question after the case it is asked of ("ok and if i do the stomach does it take longer than the face, and …":
# play-test 75, the first of three dropped)
_ASKED_OF_A_CASE = re.compile(
    rf"^\W*(?:{_INTERJECTIONS})?(?:and\s+|also\s+|so\s+|but\s+|plus\s+)?(?:if|say)\s+[^.?!]{{1,60}}?\s"
    r"(?:does|do|is|are|will|would|can|could|should)\s+(?:it|i|they|you|that|this|there)\b",
    re.IGNORECASE,
)


# a statement that a question tag ends, with no mark ("I have dark skin is that ok" on a line of its own after another
# question: play-test 239, dropped)
_ENDS_AS_A_QUESTION = re.compile(
    r"\b(?:is|would|will|does|could)\s+(?:that|this|it)\s+(?:still\s+)?(?:be\s+)?(?:ok(?:ay)?|alright|all right|fine|"
    r"safe|matter|an?\s+(?:problem|issue))\W*$|"
    # ("you didnt answer my question lol. sunscreen indoors yes or no": play-test 247, the route again in its place)
    r"\b(?:yes\s+or\s+no|y/n|or\s+not)\W*$",
    re.IGNORECASE,
)


def _reads_as_a_question(part: Text) -> bool:
    if _RHETORICAL.match(part):
        return False
    return part.rstrip().endswith("?") or bool(
        _STARTS_AS_QUESTION.match(part) or _ASKED_OF_A_CASE.match(part) or _ENDS_AS_A_QUESTION.search(part)
    )


def question_spans(text: Text) -> List[Span]:
    """The parts of `text` that read as questions, in order: each part between marks that ends with "?" or
    starts with a question word, split again where a question runs on into the next; and, joined to a
    question by "and", a short part that names what is asked ("price and how long does it take?"). A
    short part before a comma or a dash only introduces the question ("microneedling - does it hurt")."""
    parts = [
        (run_on, joint if index == len(split) - 1 else run_on_joint)
        for span, joint in _split(text, 0, len(text), _BOUNDARY)
        for split in [
            _split(text, span.start, span.end, _RUN_ON)
            if _reads_as_a_question(text[span.start : span.end])
            else [(span, joint)]
        ]
        for index, (run_on, run_on_joint) in enumerate(split)
        if text[run_on.start : run_on.end].strip()
    ]
    # the items of a numbered list are its questions, question marks or not ("ok 4) stretch marks and 5) opening
    # hours": play-test 39, neither was answered)
    listed = len(_LIST_NUMBER.findall(text)) > 1
    numbered = {span for span, _ in parts if listed and _NUMBERED.search(text, 0, span.start)}
    questions = [span for span, _ in parts if _reads_as_a_question(text[span.start : span.end]) or span in numbered]
    if not questions:
        return []
    # a list of a few words each beside a question, commas between ("hey quick ones - price, pain, how long, and do
    # you do backs": play-test 212, the price answered alone): each item is asked
    listed_items = set()
    split_parts: List[Tuple[Span, Text]] = []
    for span, joint in parts:
        if span in questions or not _A_SHORT_LIST.fullmatch(text[span.start : span.end]):
            split_parts.append((span, joint))
            continue
        items = _split(text, span.start, span.end, _LIST_COMMA)
        listed_items |= {item for item, _ in items}
        split_parts += items[:-1] + [(items[-1][0], joint)]
    return [
        span
        for span, joint in split_parts
        if span in questions
        or span in listed_items
        or (len(text[span.start : span.end].split()) <= _SHORT_PART_WORDS and _JOINED_BY_AND.search(joint))
    ]


# what a question's "that" or "it" meant, said after it: "how long does that last? the redness i mean" (play-test 41:
# "that" was read as the last answer's topic, how long results last, and the guide's silence on it said)
_AFTERTHOUGHT = re.compile(
    r"^(?P<question>[^?]*?\b(?P<pointer>that|it|this|they|them|those)\b[^?]*\?)\s*"
    r"(?:i\s+mean(?:t)?\s+|i'?m\s+talking\s+about\s+|talking\s+about\s+|as\s+in\s+)?"
    r"(?P<what>(?:the|my|those|these)\s+[^\W\d_][^\W\d_'-]*(?:\s+[^\W\d_][^\W\d_'-]*){0,3}?)"
    r"(?:\s+i\s+mean(?:t)?)?\W*$",
    re.IGNORECASE,
)


def _afterthought(text: Text) -> Optional[re.Match]:
    return _AFTERTHOUGHT.match(text or "")


def _clarified(message: Message, views: Tuple[Text, Text], found: Optional[re.Match]) -> Tuple[Text, Text]:
    """The message's views with the question's "that" replaced by what it meant, when that is said after it (`found`:
    `_afterthought` of its text; the lemmas of the question's words, the pointer's place taken by the words said
    after); the views otherwise."""
    text = message.get(TEXT) or ""
    if not found:
        return views
    what = found.group("what")
    question = text[: found.start("pointer")] + what + text[found.end("pointer") : found.end("question")]
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    lemma = lambda token: (token.lemma or token.text).lower()  # noqa: E731
    before = [lemma(token) for token in tokens if token.end <= found.start("pointer")]
    after = [
        lemma(token) for token in tokens if found.end("pointer") <= token.start and token.end <= found.end("question")
    ]
    meant = [lemma(token) for token in tokens if found.start("what") <= token.start and token.end <= found.end("what")]
    lemmas = " ".join(before + (meant or what.lower().split()) + after) or question.lower()
    return lemmas, question.lower()


# a clear yes said first, before a question ("yes thats fine, is the consultation free?", "yeah go ahead. do i need to
# bring anything?"): the yes answers what was asked, and the question is asked beside it (play-test 136: the yes
# dropped at the consent question, and the question answered alone)
_A_YES_FIRST = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|fine|great|perfect|brilliant|lovely|cool|right|and)\b[\s,.!-]*)*"
    r"(?:yes|yeah|yep|yup|yes please|sure|i agree|agreed|go ahead|that'?s fine|thats fine|that'?s ok|thats ok)\b"
    r"(?:[\s,.!-]*(?:ok(?:ay)?|fine|please|thats fine|that'?s fine|go ahead|send it|thanks|thank you)\b)*[\s,.!-]*",
    re.IGNORECASE,
)


def _for_the_whole(answer: Optional[Text]) -> Dict[Text, Any]:
    """A question part for an answer the whole message needs, said of no words of its own."""
    return {"text": "", "start": 0, "end": 0, INTENT_RESPONSE_KEY: answer, "confidence": 1.0}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class QuestionClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # inverse regularisation strength of the logistic regression
            "C": 10.0,
            "max_iter": 2000,
            "random_state": 2024,
            "word_ngrams": [1, 2],
            "char_ngrams": [2, 5],
            "ranking_length": 10,
            # the retrieval intent whose answers this component selects
            "retrieval_intent": "faq",
            # [entity, answer] pairs, in order: a message with the entity gets the
            # answer instead of the one the classifier chose
            "entity_answers": [],
            # [answer, its own entity, entity, answer instead], in order: the answer chosen without its own entity in
            # the message, beside the other entity, is the answer instead
            "answers_without_their_entity": [],
            # [answer, entity, answer instead], in order: the answer chosen, with the entity in the message, is the
            # answer instead of the entity's own (`entity_answers`): what the question asked of the thing named
            "entity_answers_asked_as": [],
            # answers that an off-guide entity never replaces
            "keep_answers": [],
            # answers given alone: a message whose best answer is one of these is
            # never split into other questions
            "answer_alone": [],
            # answers the whole message needs, said first, before the answers to each of its questions
            "answer_first": [],
            # how sure each part of a message must be to count as its own question
            "question_threshold": 0.5,
            # how sure the rest of a message beside its questions must be to be the message's own answer, asked too
            "rest_threshold": 0.6,
            "max_questions": 3,
            # intents said before a question in the same message ("thanks! and …?"), which the question outweighs
            "said_before_a_question": [],
            # intents whose messages may also ask something ("does it hurt? I'd like to book for
            # Saturday"): each question in them is given in `questions`, even a single one
            "questions_alongside": [],
            # the intent of a clear yes said before a question (`_A_YES_FIRST`), which the question sits beside
            "yes_intent": None,
            # a message shaped like a name ("Mia Long": two or three capitalised words, the first
            # one never seen in training) is this intent, whatever its other words suggest
            "name_intent": None,
            # a message that asks no question and complains ("I want my money back", core/words.py COMPLAINT) is
            # this intent rather than an answer of the retrieval intent: a complaint is for the clinic, not the
            # FAQ (play-test 42: "I paid £600 … I want my money back" got the price answer)
            "complaint_intent": None,
            # {answer: ratio}: the safer answer wins when it is at least `ratio` as likely as the best
            # one ("should I be worried, my face is warm" is a complication more than side effects)
            "cautious_answers": {},
            # a pretrained view of meaning beside the TF-IDF features (components/embeddings.py): where the
            # package's files are, their sha256, how many dimensions; None for TF-IDF alone
            "embeddings": None,
            # how much the pretrained features weigh against the TF-IDF ones (each view has length 1)
            "embeddings_weight": 1.0,
            # intents another component decides alone (a message in another language: components/language.py);
            # their examples are not learnt here
            "decided_elsewhere": [],
        }

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.words: Optional[TfidfVectorizer] = None
        self.chars: Optional[TfidfVectorizer] = None
        self.model: Optional[LogisticRegression] = None
        # lemmas seen in training outside the name intent and the intents that carry names (booking)
        self.topic_words: frozenset = frozenset()
        self.embeddings = pretrained.load(self.config["embeddings"]) if self.config["embeddings"] else None

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "QuestionClassifier":
        return cls(config, model_storage, resource)

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    # ------------------------------------------------------------ features

    @staticmethod
    def _views(message: Message, span: Optional[Span] = None) -> Tuple[Text, Text]:
        """The lemmas and the lower-cased text of the message, or of one span of it."""
        text = message.get(TEXT) or ""
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        if span is not None:
            tokens = [token for token in tokens if token.start >= span.start and token.end <= span.end]
            text = text[span.start : span.end]
        # "wait do you even do backs": the question; in a part, "i'm just asking if it would help my scars" too
        lead_in = _BEFORE_A_QUESTION.match(text) or (_ASKED_AS_A_STATEMENT.match(text) if span is not None else None)
        if lead_in:
            offset = (span.start if span is not None else 0) + lead_in.end()
            tokens = [token for token in tokens if token.start >= offset]
            text = text[lead_in.end() :]
        lemmas = " ".join((token.lemma or token.text).lower() for token in tokens) or text.lower()
        return lemmas, text.lower()

    def _fitted(self) -> Tuple[TfidfVectorizer, TfidfVectorizer, LogisticRegression]:
        """The vectorizers and the regression, trained or loaded (None before either)."""
        if self.words is None or self.chars is None or self.model is None:
            raise RuntimeError("the question classifier is neither trained nor loaded")
        return self.words, self.chars, self.model

    def _matrix(self, views: Sequence[Tuple[Text, Text]]):
        words, chars, _ = self._fitted()
        blocks = [words.transform([v[0] for v in views]), chars.transform([v[1] for v in views])]
        if self.embeddings is not None:
            blocks.append(csr_matrix(self.config["embeddings_weight"] * self.embeddings.embed([v[1] for v in views])))
        return hstack(blocks).tocsr()

    def _dense_columns(self) -> int:
        return self.embeddings.dimensions if self.embeddings is not None else 0

    # ------------------------------------------------------------ training

    def _vectorizers(self, words_vocabulary=None, chars_vocabulary=None) -> Tuple[TfidfVectorizer, TfidfVectorizer]:
        """The word and character TF-IDF vectorizers, with a fixed vocabulary when loading."""
        words = TfidfVectorizer(
            token_pattern=r"\S+",
            ngram_range=tuple(self.config["word_ngrams"]),
            sublinear_tf=True,
            vocabulary=words_vocabulary,
        )
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(self.config["char_ngrams"]),
            sublinear_tf=True,
            min_df=2,
            vocabulary=chars_vocabulary,
        )
        return words, chars

    def _regression(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.config["C"],
            max_iter=self.config["max_iter"],
            class_weight="balanced",
            random_state=self.config["random_state"],
        )

    def train(self, training_data: TrainingData) -> Resource:
        elsewhere = set(self.config["decided_elsewhere"])
        examples = [
            e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT) and e.get(INTENT) not in elsewhere
        ]
        labels = [e.get(INTENT_RESPONSE_KEY) or e.get(INTENT) for e in examples]
        views = [self._views(e) for e in examples]
        self.words, self.chars = self._vectorizers()
        self.words.fit([v[0] for v in views])
        self.chars.fit([v[1] for v in views])
        self.model = self._regression()
        self.model.fit(self._matrix(views), labels)
        carry_names = {self.config["name_intent"], *self.config["questions_alongside"]}
        self.topic_words = frozenset(
            word
            for view, label in zip(views, labels, strict=True)
            if label.split("/", 1)[0] not in carry_names
            for word in view[0].split()
        )
        self._coefficients_by_column()
        self.persist()
        return self._resource

    def persist(self) -> None:
        """The fitted numbers only: vocabularies and labels as JSON, arrays as .npz (no pickle, nothing
        that runs code when read)."""
        words, chars, model = self._fitted()
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(
                json.dumps(
                    {
                        "words": {term: int(index) for term, index in words.vocabulary_.items()},
                        "chars": {term: int(index) for term, index in chars.vocabulary_.items()},
                        "classes": [str(label) for label in model.classes_],
                        "topic_words": sorted(self.topic_words),
                    }
                ),
                encoding="utf-8",
            )
            np.savez(
                directory / ARRAYS_FILE,
                words_idf=words.idf_,
                chars_idf=chars.idf_,
                coef=model.coef_,
                intercept=model.intercept_,
            )

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "QuestionClassifier":
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                fitted = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
                with np.load(directory / ARRAYS_FILE, allow_pickle=False) as stored:
                    arrays = {name: stored[name] for name in ("words_idf", "chars_idf", "coef", "intercept")}
            component._restore(fitted, arrays)
        except (ValueError, OSError, KeyError, TypeError) as error:
            logger.warning("QuestionClassifier: no trained model to load (%s); every message gets no intent", error)
        return component

    def _restore(self, fitted: Dict[Text, Any], arrays: Dict[Text, np.ndarray]) -> None:
        """The vectorizers and the regression from their numbers, each checked against the others."""
        if not all(isinstance(fitted.get(key), dict) for key in ("words", "chars")) or not isinstance(
            fitted.get("classes"), list
        ):
            raise ValueError("the vocabulary file is not the classifier's")
        if any(array.dtype.kind != "f" for array in arrays.values()):
            raise ValueError("the stored arrays are not numbers")
        words, chars = self._vectorizers(
            {str(k): int(v) for k, v in fitted["words"].items()}, {str(k): int(v) for k, v in fitted["chars"].items()}
        )
        words.idf_, chars.idf_ = arrays["words_idf"], arrays["chars_idf"]  # each checked against its vocabulary
        classes, coef, intercept = np.array([str(c) for c in fitted["classes"]]), arrays["coef"], arrays["intercept"]
        columns = len(words.vocabulary_) + len(chars.vocabulary_) + self._dense_columns()
        if coef.shape != (len(classes), columns) or intercept.shape != (len(classes),):
            raise ValueError("the stored weights do not fit the vocabularies and labels")
        model = self._regression()
        model.classes_, model.coef_, model.intercept_, model.n_features_in_ = classes, coef, intercept, coef.shape[1]
        topic_words = fitted.get("topic_words", [])
        if not isinstance(topic_words, list) or not all(isinstance(word, str) for word in topic_words):
            raise ValueError("the vocabulary file's topic words are not a list of words")
        self.words, self.chars, self.model = words, chars, model
        self.topic_words = frozenset(topic_words)
        self._coefficients_by_column()

    def _coefficients_by_column(self) -> None:
        """Keep the weights column by column. Scoring multiplies a message's sparse features by
        `coef_.T`; with `coef_` row by row scipy copied all of it first (43 x 28,591 weights, 3.3 ms
        a message); laid out by column, `coef_.T` is used as it is (0.05 ms). Same numbers."""
        model = self._fitted()[2]
        model.coef_ = np.asfortranarray(model.coef_)

    # ------------------------------------------------------------ prediction

    @staticmethod
    def _named(entities: List[Dict[Text, Any]], span: Optional[Span]) -> set:
        """The kinds of entity in the span (the whole message for None)."""
        return {
            entity.get("entity")
            for entity in entities
            if span is None or (entity.get("start", -1) >= span.start and entity.get("end", 0) <= span.end)
        }

    def _entity_answer(self, named: set) -> Optional[Text]:
        """The answer an entity of those named decides (`entity_answers`, first that holds), if any."""
        return next((answer for entity, answer in self.config["entity_answers"] if entity in named), None)

    def _answer_key(self, label: Text, entities: List[Dict[Text, Any]], span: Optional[Span]) -> Tuple[Text, bool]:
        """The answer for a label, and whether an entity decided it (see `entity_answers`)."""
        prefix = f"{self.config['retrieval_intent']}/"
        if not label.startswith(prefix) or label in self.config["keep_answers"]:
            return label, False
        named = self._named(entities, span)
        decided = self._entity_answer(named)
        # "will it cause pigmentation", "will my skin peel": a side effect the guide does not name, not whether it
        # helps with it, nor the side effects it names as if they answered (only where no other entity decided: a
        # personal factor beside it is still the suitability answer)
        asked_as = (
            instead
            for answer, entity, instead in self.config["entity_answers_asked_as"]
            if answer == label and entity in named and self._entity_answer({entity}) == decided
        )
        instead = next(asked_as, None) or decided
        if instead:
            return instead, True
        for answer, own, entity, instead in self.config["answers_without_their_entity"]:
            if label == answer and own not in named and entity in named:
                return instead, False
        return label, False

    def _parts(self, message: Message, spans: List[Span], entities: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
        """Each part of the message that reads as a question, with its answer key, each answer once, in order; parts
        the classifier is not sure enough of (`question_threshold`) or finds no answer for are left out."""
        if not spans:
            return []
        text = message.get(TEXT) or ""
        model = self._fitted()[2]
        probabilities = model.predict_proba(self._matrix([self._views(message, span) for span in spans]))
        prefix = f"{self.config['retrieval_intent']}/"
        parts: List[Dict[Text, Any]] = []
        seen: Set[Text] = set()
        unsure: List[Tuple[Text, Text]] = []  # a part's words, and the answer it would have
        previous_end = 0
        for span, row in zip(spans, probabilities, strict=True):
            if _CONFUSED.fullmatch(text[span.start : span.end]):
                # "what? i said BOOK IT. the saturday one" (play-test 129: what microneedling is, in the middle of the
                # booking): no question of its own
                continue
            if _INTERJECTIONS_ALONE.fullmatch(text[span.start : span.end]):
                # "Ben Okafor. actually wait, before that - is the consultation itself free?" (play-test 231: "actually
                # wait" read as whether something can wait, and NHS 111 to someone booking)
                continue
            index = int(np.argmax(row))
            label, confidence = model.classes_[index], float(row[index])
            said_before = _SAID_BEFORE.search(text[previous_end : span.start])
            previous_end = span.end
            if label == f"{prefix}{ABOUT_THAT}" and said_before:
                # "Secondly, I read that a numbing cream is used. What exactly is that cream?": a part that leans on
                # a statement said just before it in the same message is read with it, not as about the last answer
                # (play-test 114: the cream dropped, read as "more about the last answer")
                widened = Span(span.start - len(said_before.group(1)) - len(said_before.group(2)), span.end)
                again = model.predict_proba(self._matrix([self._views(message, widened)]))[0]
                best = int(np.argmax(again))
                if model.classes_[best] != label and float(again[best]) >= self.config["question_threshold"]:
                    label, confidence = model.classes_[best], float(again[best])
            if not label.startswith(prefix):
                # a question part read as another intent is still answered when an entity in it decides its answer
                # ("do i need to stop retinol before, how many days off work …", read as a stop: play-test 60, the
                # retinol dropped without a word)
                # (never a part read as out of scope: "whats the best moisturiser for oily skin" stays so, a blind set
                # found, on totals: its out-of-scope answers went from 5 to 4 right)
                decided_answer = self._entity_answer(self._named(entities, span))
                if decided_answer is None or label == OUT_OF_SCOPE_INTENT:
                    continue
                key, decided = decided_answer, True
            else:
                key, decided = self._answer_key(label, entities, span)
            # a part the classifier is unsure of is still a question when an entity in it decides its answer ("… and do
            # i need someone to drive me home": found by play-test 24, the driving was dropped)
            if confidence < self.config["question_threshold"] and not decided:
                if len(text[span.start : span.end].split()) > 3:
                    # ("1. do you offer a patch test first? 2. …": play-test 40 dropped it without a word) said to be
                    # not understood beside the answers to the others (actions/answers.py)
                    unsure.append((text[span.start : span.end].strip(), key))
                continue
            if key in seen:
                continue
            if (
                parts
                and str(parts[-1][INTENT_RESPONSE_KEY]).startswith(f"{prefix}unknown_")
                and _aspect_only(text[span.start : span.end])
            ):
                # "… whether i have to stop using it before and after and how long for": how long to stop it, of which
                # the guide says nothing either (play-test 84: how long a treatment takes)
                continue
            seen.add(key)
            parts.append(
                {
                    "text": text[span.start : span.end],
                    "start": span.start,
                    "end": span.end,
                    INTENT_RESPONSE_KEY: key,
                    "confidence": confidence,
                    # "what do you mean keep them, for how long? who sees them": a part of question words alone asks
                    # about the last answer (actions/answers.py)
                    ASPECT_ONLY: _aspect_only(text[span.start : span.end]),
                }
            )
        # (not one whose likeliest answer another part has: "Does it hurt very much? and do they numb you first or is
        # it just done straight on the skin.", play-test 230, "I wasn't sure what you meant" beside the pain answer,
        # which says that a numbing cream is put on first)
        unclear = [said for said, likeliest in unsure if likeliest not in seen]
        message.set(UNSURE_PARTS, unclear if parts else [], add_to_output=True)
        return parts

    @staticmethod
    def _sure_of_its_one_question(
        message: Message, parts: List[Dict[Text, Any]], selected: Text, confidence: float
    ) -> None:
        """A message whose one question is surer of the message's answer than the whole message is ("perfect. oh wait,
        will i be red after? i teach the next morning, dont want the kids asking": play-test 69, the words around the
        question left the downtime unsure, and the summary's "didn't catch that" said instead) is as sure as that
        question: the words around it say nothing against the answer."""
        if len(parts) != 1 or parts[0].get(REST) or parts[0].get(ASPECT_ONLY):
            return
        part = parts[0]
        if part[INTENT_RESPONSE_KEY] != selected or part["confidence"] <= confidence:
            return
        selector = message.get("response_selector")
        for retrieval in selector.get("all_retrieval_intents") or []:
            selector[retrieval]["response"]["confidence"] = part["confidence"]
            ranking = selector[retrieval]["ranking"]
            if ranking and ranking[0][INTENT_RESPONSE_KEY] == selected:
                ranking[0]["confidence"] = part["confidence"]
        message.set("response_selector", selector, add_to_output=True)

    def _with_the_rest(
        self,
        message: Message,
        spans: List[Span],
        parts: List[Dict[Text, Any]],
        best: Text,
        entities: List[Dict[Text, Any]],
    ) -> List[Dict[Text, Any]]:
        """The question parts, and the rest of the message as one more when the message's own answer is none of
        theirs and that rest alone is sure to be it ("u didnt answer opening hours. also gym after?": play-test 39
        got the opening hours alone, the question part's answer dropped for the whole message's)."""
        if (
            not parts
            or best in {part[INTENT_RESPONSE_KEY] for part in parts}
            or best in self.config["answer_alone"]
            or best in self.config["answer_first"]  # said first already (`_questions`)
        ):
            return parts
        text = message.get(TEXT) or ""
        edges = [0] + [edge for span in spans for edge in (span.start, span.end)] + [len(text)]
        gaps = [Span(start, end) for start, end in zip(edges[::2], edges[1::2], strict=True)]
        rest = max(gaps, key=lambda gap: len(text[gap.start : gap.end].strip()))
        words = text[rest.start : rest.end].split()
        if (
            len(words) < 2
            or _SAYS_WHERE_OR_WHEN.match(text[rest.start : rest.end])
            # ("Jonathan Price. do you need my date of birth as well?": play-test 246, the prices' answer to a name)
            or _NAME_SHAPED.match(text[rest.start : rest.end])
        ):
            # ("ok and on my tummy? thats where they are mostly": play-test 230, the clinic's address alone)
            return parts
        model = self._fitted()[2]
        row = model.predict_proba(self._matrix([self._views(message, rest)]))[0]
        index = int(np.argmax(row))
        label, confidence = model.classes_[index], float(row[index])
        key, _ = self._answer_key(label, entities, rest)
        if key != best or confidence < self.config["rest_threshold"]:
            return parts
        said = {"text": text[rest.start : rest.end].strip(), "start": rest.start, "end": rest.end}
        said.update({INTENT_RESPONSE_KEY: key, "confidence": confidence, ASPECT_ONLY: False, REST: True})
        return sorted(parts + [said], key=lambda part: part["start"])

    def _questions(
        self, parts: List[Dict[Text, Any]], best: Optional[Text], alongside: bool = False, named_aside: bool = False
    ) -> List[Dict[Text, Any]]:
        """Each question of a message that asks several, with its answer key; [] for one question.
        `parts`: its question parts with their answers (`_parts`).
        `alongside`: the message is mainly something else (a booking), and any question in it counts.
        `named_aside`: an entity decided the message's answer, named outside its questions."""
        if alongside:
            return parts[: self.config["max_questions"]]
        if best not in {part[INTENT_RESPONSE_KEY] for part in parts}:
            if best in self.config["answer_alone"]:
                return []  # never let other parts crowd out a complication answer
            if best in self.config["answer_first"] and parts:
                # "I'm 52. How many sessions would I need, and what's the downtime?": the whole message's suitability
                # answer first, then each question (a browser play-test found the questions dropped for the age)
                return [_for_the_whole(best)] + parts[: self.config["max_questions"]]
            if named_aside and parts:
                # "my mate does botox every 4 months. would i need top ups?": what was asked first, then what the
                # guide does not say of the thing named beside it
                return parts[: self.config["max_questions"]] + [_for_the_whole(best)]
        return parts[: self.config["max_questions"]] if len(parts) > 1 else []

    def _named_first(
        self, entities: List[Dict[Text, Any]], best: Optional[Text], answered: List[Dict[Text, Any]]
    ) -> Optional[Text]:
        """The answer said first (`answer_first`) that an entity of the message decides (`entity_answers`), when
        neither the message's answer nor any of its questions' is it; None otherwise."""
        named = {entity.get("entity") for entity in entities}
        given = {best} | {part[INTENT_RESPONSE_KEY] for part in answered}
        for entity, answer in self.config["entity_answers"]:
            if entity in named and answer in self.config["answer_first"] and answer not in given:
                return answer
        return None

    def _named_beside(self, entities: List[Dict[Text, Any]], best: Text) -> Optional[Text]:
        """Another answer that an entity of the message decides (`entity_answers`), beside the one it was given."""
        named = {entity.get("entity") for entity in entities}
        for entity, answer in self.config["entity_answers"]:
            if entity in named and answer != best:
                return answer
        return None

    def _cautious_first(self, answers: List[Tuple[Text, float]]) -> List[Tuple[Text, float]]:
        """The answers, with a cautious one moved first when it is close enough to the best (`cautious_answers`).
        Only a guide answer gives way: a deferral or an answer an entity decides is as safe already."""
        if not answers or answers[0][0] in self._protected_answers():
            return answers
        best_confidence = answers[0][1]
        for cautious, ratio in self.config["cautious_answers"].items():
            confidence = dict(answers).get(cautious, 0.0)
            if answers[0][0] != cautious and confidence >= ratio * best_confidence:
                return [(cautious, confidence)] + [pair for pair in answers if pair[0] != cautious]
        return answers

    def _protected_answers(self) -> set:
        return (
            set(self.config["keep_answers"])
            | {answer for _, answer in self.config["entity_answers"]}
            | {instead for _, _, instead in self.config["entity_answers_asked_as"]}
        )

    def _looks_like_a_name(self, message: Message, lemmas: Text) -> bool:
        """Two or three capitalised words whose first was never seen in training outside names: a
        person's name ("Mia Long", "Grace Step"), not a heading ("Microneedling Aftercare").
        `lemmas`: the message's lemma view (`_views`)."""
        text = message.get(TEXT) or ""
        if not self.config["name_intent"] or not self.topic_words or not _NAME_SHAPED.match(text):
            return False
        first_word = lemmas.split(" ", 1)[0]
        return first_word not in self.topic_words and not self._misspelt_topic_word(first_word)

    def _what_is_asked_after(self, message: Message) -> Optional[Span]:
        """What follows a first sentence that asks nothing (a name: "Jonathan Price. do you need my date of birth as
        well?", play-test 246, the prices' answer for the name; or "you didn't answer my question"), which is what the
        message asks; None otherwise."""
        text = message.get(TEXT) or ""
        unanswered = _NOT_ANSWERED_FIRST.match(text)
        if unanswered:
            # ("you didnt answer my question lol. sunscreen indoors yes or no": play-test 247, "more about the last
            # answer", and in the urgent route's thread the route again in its place): the question asked again
            return Span(unanswered.end(), len(text))
        first = _NAME_FIRST.match(text)
        if not first or not self.topic_words or not _NAME_SHAPED.match(first.group("name")):
            return None
        first_word = first.group("name").split()[0].lower()
        if first_word in self.topic_words or self._misspelt_topic_word(first_word):
            return None
        return Span(first.end(), len(text))

    def _a_complaint(self, text: Text, spans: List[Span], intent_ranking: List[Dict[Text, Any]]) -> bool:
        """A message read as a question of the retrieval intent that asks none and complains."""
        complaint = _COMPLAINT.search(text)
        return bool(
            self.config["complaint_intent"]
            # ("no i dont mean any of those. REFUND. my results were rubbish" after "did you mean": play-test 60, "What
            # would you like to ask?")
            and intent_ranking[0]["name"] in (self.config["retrieval_intent"], "something_else")
            and not spans
            and complaint
            # (not asked of what would happen: "if i buy a voucher and she cant have it can she get a refund",
            # play-test 43, was heard as a complaint)
            and not _ASKED_IF.search(text, 0, complaint.start())
        )

    def _first(self, intent: Text, ranking: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
        """The ranking with `intent` first, sure (1.0), and the others as they were, `ranking_length` in all."""
        return [{"name": intent, "confidence": 1.0}] + [entry for entry in ranking if entry["name"] != intent][
            : self.config["ranking_length"] - 1
        ]

    def _misspelt_topic_word(self, word: Text) -> bool:
        """Whether a longer word is a topic word with a typo or two ("Micronedling", "Colagen"): no name."""
        if len(word) < 6:
            return False
        return any(
            len(known) >= 7 and abs(len(known) - len(word)) <= 2 and known[0] == word[0] and edits(word, known) <= 2
            for known in self.topic_words
        )

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        afterthoughts = [_afterthought(message.get(TEXT) or "") for message in messages]
        views = [
            _clarified(message, self._views(message, self._what_is_asked_after(message)), found)
            for message, found in zip(messages, afterthoughts, strict=True)
        ]
        probabilities = self.model.predict_proba(self._matrix(views)) if messages else []
        retrieval_intent = self.config["retrieval_intent"]
        for message, view, row, afterthought in zip(messages, views, probabilities, afterthoughts, strict=True):
            entities = message.get(ENTITIES) or []
            text = message.get(TEXT) or ""
            asked = question_spans(text)
            # a question and what its "that" meant, said after it, are one question (`_clarified`)
            spans = [] if afterthought else asked
            ranking = sorted(zip(self.model.classes_, row, strict=True), key=lambda pair: -pair[1])

            # an intent's confidence; for the retrieval intent, how likely the message is a question at all
            top_level: Dict[Text, float] = {}
            for label, confidence in ranking:
                name = label.split("/", 1)[0]
                top_level[name] = top_level.get(name, 0.0) + float(confidence)
            intent_ranking = [
                {"name": name, "confidence": confidence}
                for name, confidence in sorted(top_level.items(), key=lambda pair: -pair[1])
            ][: self.config["ranking_length"]]
            if self._looks_like_a_name(message, view[0]):
                name_intent = self.config["name_intent"]
                intent_ranking = [{"name": name_intent, "confidence": 1.0}] + [
                    {"name": entry["name"], "confidence": 0.0}
                    for entry in intent_ranking
                    if entry["name"] != name_intent
                ][: self.config["ranking_length"] - 1]
            if self._a_complaint(text, spans, intent_ranking):
                intent_ranking = self._first(self.config["complaint_intent"], intent_ranking)
            if intent_ranking[0]["name"] in self.config["said_before_a_question"] and any(
                span.start > 0 for span in spans
            ):
                # "thanks thats helpful. Im pregnant btw - should i wait til after?": thanks, then a question, which
                # is what needs answering (found by the seventeenth play-test: "You're welcome!")
                intent_ranking = sorted(intent_ranking, key=lambda entry: entry["name"] != retrieval_intent)
            message.set(INTENT, intent_ranking[0], add_to_output=True)
            message.set("intent_ranking", intent_ranking, add_to_output=True)

            answers = [
                (label, float(confidence)) for label, confidence in ranking if label.startswith(f"{retrieval_intent}/")
            ]
            answers = self._cautious_first(answers)
            best, decided_by_entity = self._answer_key(answers[0][0], entities, None)
            # the thing that decides it named only beside the questions, none of them asking of it ("forget botox. do
            # people need maintenance sessions after the course": play-test 153, the Botox answer three times)
            named_aside = decided_by_entity and not any(self._answer_key(answers[0][0], entities, s)[1] for s in spans)
            if decided_by_entity:
                # the entity decides the answer: it is as sure as the message is a question
                answers = [(best, top_level[retrieval_intent])] + [pair for pair in answers if pair[0] != best]
            elif best != answers[0][0]:  # an answer in place of one without its entity, as sure as that one
                answers = [(best, answers[0][1])] + [pair for pair in answers[1:] if pair[0] != best]
            selected, selected_confidence = answers[0]
            message.set(
                "response_selector",
                {
                    "all_retrieval_intents": [retrieval_intent],
                    retrieval_intent: {
                        "response": {
                            "responses": [],
                            "confidence": selected_confidence,
                            INTENT_RESPONSE_KEY: selected,
                            "utter_action": f"utter_{selected}",
                            # the message names what decides the answer (a personal factor, or something the
                            # guide does not cover): components/fallback.py never calls that ambiguous
                            DECIDED_BY_ENTITY: decided_by_entity,
                        },
                        "ranking": [
                            {"confidence": confidence, INTENT_RESPONSE_KEY: label}
                            for label, confidence in answers[: self.config["ranking_length"]]
                        ],
                    },
                },
                add_to_output=True,
            )
            top = intent_ranking[0]["name"]
            more = False
            if top == retrieval_intent:
                parts = self._parts(message, spans, entities)
                parts = self._with_the_rest(message, spans, parts, best, entities)
                self._sure_of_its_one_question(message, parts, selected, selected_confidence)
                questions = self._questions(parts, best, named_aside=named_aside)
                more = len(parts) > self.config["max_questions"]
                named_first = self._named_first(entities, best, questions or parts)
                if named_first:
                    # "i am pregnant 4 month, can i do microneedling? and how much cost": the price is kept as the
                    # message's answer, and the consultation's answer, which the pregnancy named needs, is said first
                    # (found by the twenty-third play-test: only the price was answered)
                    answered = questions or parts or [{INTENT_RESPONSE_KEY: best, "confidence": 1.0}]
                    questions = [_for_the_whole(named_first)] + answered[: self.config["max_questions"]]
                beside = self._named_beside(entities, best) if decided_by_entity and len(parts) < 2 else None
                if beside:
                    # "does it work on stretch marks and also on dark skin": one question, and two things named that
                    # each decide an answer; both are given, the one said first first (play-test 43: the stretch marks
                    # were dropped)
                    questions = [_for_the_whole(best), _for_the_whole(beside)]
                # each question part, even one: a safety answer for the whole message leaves the others answered
                # (components/triage.py)
                message.set(QUESTION_PARTS, questions or parts, add_to_output=True)
                yes = _A_YES_FIRST.match(text) if self.config["yes_intent"] else None
                if yes and yes.end() < len(text.rstrip()) and all(part["start"] >= yes.end() for part in parts):
                    # the yes, and the question beside it (`questions_alongside`)
                    intent_ranking = self._first(self.config["yes_intent"], intent_ranking)
                    message.set(INTENT, intent_ranking[0], add_to_output=True)
                    message.set("intent_ranking", intent_ranking, add_to_output=True)
                    questions = (questions or parts or [_for_the_whole(best)])[: self.config["max_questions"]]
            elif top in self.config["questions_alongside"]:
                questions = self._questions(self._parts(message, spans, entities), None, alongside=True)
            else:
                questions = []
            message.set(QUESTIONS, questions, add_to_output=True)
            message.set(MORE_QUESTIONS, more, add_to_output=True)
            message.set(
                LEANS_ON_CONTEXT,
                bool(_LEANS.search(text)) or len(text.split()) <= _SHORT_MESSAGE_WORDS,
                add_to_output=True,
            )
            message.set(ASKS, bool(asked), add_to_output=True)
            message.set(ASPECT_ONLY, _aspect_only(text), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
