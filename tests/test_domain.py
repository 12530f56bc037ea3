"""The domain, the actions, the rules and the NLU data agree with each other."""
import ast
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.constants import DEFAULT_ACTION_NAMES
from rasa_sdk import Action

import actions

PROJECT_DIR = Path(__file__).resolve().parent.parent
TRAINING_DATA = "data/nlu"
HELD_OUT = "tests/heldout"  # the real held-out set: measured, never tuned on
DEVELOPMENT = "tests/nlu"  # a development set
PARAPHRASES = "tests/paraphrases"  # fresh FAQ paraphrases: a development set
FRESH = "tests/fresh"  # FAQ paraphrases written without seeing the training data: measured, never tuned on
REAL_QUESTIONS = PROJECT_DIR.parent / "shared" / "real-questions" / "dev.yml"
# questions in real people's style, written blind to the training data and the development sets
# before a round of tuning, scored only in aggregate (evaluation/real_questions_report.py)
UNSEEN = PROJECT_DIR / "tests" / "unseen" / "questions.yml"
BLIND = PROJECT_DIR / "tests" / "blind" / "questions.yml"  # issue 15: written blind, read as totals only
BLIND2 = PROJECT_DIR / "tests" / "blind2" / "questions.yml"  # issue 15: a second set written blind, read as totals
BLIND3 = PROJECT_DIR / "tests" / "blind3" / "questions.yml"  # issue 15: a third, written blind, read as totals
BLIND4 = PROJECT_DIR / "tests" / "blind4" / "questions.yml"  # issue 15: a fourth, written blind, read as totals
BLIND5 = PROJECT_DIR / "tests" / "blind5" / "questions.yml"  # issue 15: a fifth, written blind, read as totals
DEV3 = PROJECT_DIR / "tests" / "dev3" / "questions.yml"  # written as the blind sets were, but read: a development set
SAFETY = PROJECT_DIR / "tests" / "safety" / "conversations.yml"  # issue 14: written blind, read as totals only
MIN_TRAINING_EXAMPLES = 25
MIN_HELD_OUT_EXAMPLES = 10
FORM = "booking_form"


# ---------------------------------------------------------------- actions


def action_classes():
    for module_info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Action) and cls.__module__ == module.__name__ and not inspect.isabstract(cls):
                yield cls


def action_names():
    return [cls().name() for cls in action_classes()]


def test_every_action_name_is_unique():
    names = action_names()
    duplicates = {name for name in names if names.count(name) > 1}
    assert not duplicates


def test_every_action_is_in_the_domain_and_every_domain_action_exists(domain):
    assert set(action_names()) == set(domain["actions"])


def test_abstract_bases_are_not_registered():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == set(action_names())


# ---------------------------------------------------------------- names the actions use


def names_in_code():
    """Every string the actions' code holds (actions/, and core/: the booking parsers name the responses that
    explain a refused value), and every f-string rendered with the module's string constants.

    An f-string like f"utter_{RETRIEVAL_INTENT}/{topic}" becomes the pattern utter_faq/{}, where {} is a part
    only known when the action runs.
    """
    plain, patterns = set(), set()
    for path in sorted([*(PROJECT_DIR / "actions").glob("*.py"), *(PROJECT_DIR / "core").glob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        in_f_strings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_f_strings:
                plain.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = []
                for value in node.values:
                    if isinstance(value, ast.Constant):
                        parts.append(str(value.value))
                    elif isinstance(value.value, ast.Name) and value.value.id in constants:
                        parts.append(constants[value.value.id])
                    else:
                        parts.append("{}")
                patterns.add("".join(parts))
    return plain, patterns


def as_regex(pattern):
    return "".join(r"[\w/]+" if part == "{}" else re.escape(part) for part in re.split(r"(\{\})", pattern))


def test_every_response_the_actions_name_exists(domain):
    plain, patterns = names_in_code()
    responses = set(domain["responses"])
    # ("utter_action" is Rasa's key, in a bot event's metadata, for the response it came from)
    named = {text for text in plain if re.fullmatch(r"utter_[\w/]*", text)} - {"utter_action"}
    assert "utter_booking_saved" in named, "the scan found no response names at all"
    # a whole name
    missing = {name for name in named if not name.endswith("_") and name not in responses}
    assert not missing
    # a prefix the code completes ("utter_label_" + the intent)
    assert {prefix for prefix in named if prefix.endswith("_") and not any(r.startswith(prefix) for r in responses)} == set()
    # a name built at run time: at least one response fits it
    built = {pattern for pattern in patterns if pattern.startswith("utter_")}
    assert "utter_faq/{}" in built, "the scan found no response built from constants"
    assert {pattern for pattern in built if not any(re.fullmatch(as_regex(pattern), r) for r in responses)} == set()


def test_every_action_the_actions_name_exists(domain):
    plain, _ = names_in_code()
    named = {text for text in plain if re.fullmatch(r"action_[a-z_]+", text)}
    assert "action_start_booking" in named
    assert named - set(domain["actions"]) - set(DEFAULT_ACTION_NAMES) == set()


# ---------------------------------------------------------------- NLU data and intents

ENTITY_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def load_examples(folder):
    """Label (`greet`, `faq/pain`) -> its examples, entity annotations reduced to their text."""
    examples = {}
    for path in sorted((PROJECT_DIR / folder).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in block:
                lines = [line.strip()[2:].strip() for line in block["examples"].splitlines() if line.strip().startswith("- ")]
                examples.setdefault(block["intent"], []).extend(ENTITY_ANNOTATION.sub(r"\1", line) for line in lines)
    return examples


def top_level(label):
    return label.split("/", 1)[0]


def test_every_intent_has_nlu_data_and_every_label_an_intent(domain):
    assert {top_level(label) for label in load_examples(TRAINING_DATA)} == set(domain["intents"])


def test_every_answer_has_a_response_and_every_answer_response_an_answer(domain):
    labels = set(load_examples(TRAINING_DATA))
    retrieval_intents = {top_level(label) for label in labels if "/" in label}
    assert retrieval_intents == {"faq"}
    # the safety triage (components/triage.py) always replaces the classifier's "something is happening"
    # answer with the answer of its level, and gives the age policy and the answer to help already had
    from components.triage import (
        ANSWERS, EMERGENCY_ROUTE_ANSWER, HELP_HAD_ANSWER, MINORS_ANSWER, ROUTE_ANSWER, WARNING_SIGNS_ANSWER,
        LESION_ANSWER, WHAT_TO_TELL_111_ANSWER, CAUSE_ANSWER, SafetyTriage,
    )

    happening = SafetyTriage.get_default_config()["happening_answer"]
    assert happening in labels
    answers = {f"utter_{label}" for label in labels if "/" in label and label != happening}
    answers |= {
        f"utter_{answer}"
        for answer in [
            *ANSWERS.values(), MINORS_ANSWER, WARNING_SIGNS_ANSWER, HELP_HAD_ANSWER, ROUTE_ANSWER, EMERGENCY_ROUTE_ANSWER,
            WHAT_TO_TELL_111_ANSWER, LESION_ANSWER, CAUSE_ANSWER,
        ]
    }
    # an answer's variants for where the person stands: help on its way, help about to be sought, the clinic not
    # reached, someone treated or booked in, the clinic closed (actions/answers.py `route_variant`)
    from actions.answers import RESPONSE_VARIANTS

    answers |= {name + variant for name in answers for variant in RESPONSE_VARIANTS if name + variant in domain["responses"]}
    # an answer an entity gives in place of what was asked of it (config.yml `entity_answers_asked_as`)
    from components.question_classifier import QuestionClassifier

    config = yaml.safe_load(Path("config.yml").read_text())
    classifier = next(c for c in config["pipeline"] if c["name"].endswith("QuestionClassifier"))
    assert QuestionClassifier.get_default_config()["entity_answers_asked_as"] == []
    answers |= {f"utter_{instead}" for _, _, instead in classifier.get("entity_answers_asked_as", [])}
    # ... and, after an emergency in the conversation, the clinic's hours without "NHS 111 if it can't wait"
    from actions.answers import AFTER_EMERGENCY_VARIANT

    answers |= {name + AFTER_EMERGENCY_VARIANT for name in answers if name + AFTER_EMERGENCY_VARIANT in domain["responses"]}
    answer_responses = {name for name in domain["responses"] if name.startswith(tuple(f"utter_{i}/" for i in retrieval_intents))}
    assert answers - answer_responses == set(), "answers without a response"
    assert answer_responses - answers == set(), "responses no answer leads to"


@pytest.mark.parametrize("folder, minimum", [(TRAINING_DATA, MIN_TRAINING_EXAMPLES), (HELD_OUT, MIN_HELD_OUT_EXAMPLES)])
def test_every_label_has_enough_examples(folder, minimum):
    examples = load_examples(folder)
    too_few = {label: len(lines) for label, lines in examples.items() if len(lines) < minimum}
    assert not too_few


@pytest.mark.parametrize(
    "folder, complete",
    [
        (HELD_OUT, True),  # the held-out set measures every label
        (DEVELOPMENT, False),  # the development set may leave some out, but knows no other label
        (PARAPHRASES, False),  # the paraphrases cover the guide's answers only
        (FRESH, False),
    ],
)
def test_the_test_sets_use_the_training_labels(folder, complete):
    training, tested = set(load_examples(TRAINING_DATA)), set(load_examples(folder))
    assert tested - training == set()
    if complete:
        assert training - tested == set()


def normalise(text):
    """Case and punctuation do not make an example new."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def held_out_texts(source):
    if source == "safety":  # every scored turn of the blind safety conversations ("hi" before one measures nothing)
        document = yaml.safe_load(SAFETY.read_text(encoding="utf-8"))
        return [turn["user"] for conversation in document["conversations"] for turn in conversation["turns"]
                if turn.get("expect")]
    if source in ("blind", "blind2", "blind3", "blind4", "blind5", "dev3"):
        path = {"blind": BLIND, "blind2": BLIND2, "blind3": BLIND3, "blind4": BLIND4, "blind5": BLIND5, "dev3": DEV3}[
            source
        ]
        return [question["text"] for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    if source in ("real-questions", "unseen"):
        path = REAL_QUESTIONS if source == "real-questions" else UNSEEN
        if not path.exists():
            pytest.skip(f"{path} is not next to this checkout")
        return [question["text"] for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    return [line for lines in load_examples(source).values() for line in lines]


@pytest.mark.parametrize(
    "source",
    [
        HELD_OUT, DEVELOPMENT, PARAPHRASES, FRESH, "real-questions", "unseen", "blind", "blind2", "blind3", "blind4",
        "blind5", "dev3", "safety",
    ],
)
def test_held_out_examples_are_not_in_the_training_data(source):
    training = {normalise(line) for lines in load_examples(TRAINING_DATA).values() for line in lines}
    copied = sorted({text for text in held_out_texts(source) if normalise(text) in training})
    assert not copied, f"{len(copied)} in the training data: {copied}"


@pytest.mark.parametrize(
    "held_out, training, copied",
    [
        # the check itself: case and punctuation are no difference, words are
        ("Is Microneedling Safe?", "is microneedling safe", True),
        ("what's step 2?", "whats step 2", True),
        ("what's step 2?", "what is step 2", False),
        ("can i change the date", "can i change the [date](booking_field)", True),
    ],
)
def test_the_copy_check_ignores_case_and_punctuation_only(held_out, training, copied):
    assert (normalise(held_out) == normalise(ENTITY_ANNOTATION.sub(r"\1", training))) is copied


# ---------------------------------------------------------------- the booking form and the rules


def in_form_rule_intents():
    """The intents that a rule answers while the booking form is active."""
    intents = set()
    for path in sorted((PROJECT_DIR / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules", []):
            if {"active_loop": FORM} not in (rule.get("condition") or []):
                continue
            for step in rule.get("steps", []):
                if "intent" in step:
                    intents.add(step["intent"])
                for alternative in step.get("or", []):
                    if "intent" in alternative:
                        intents.add(alternative["intent"])
    return intents


def in_form_mappings(domain):
    """(slot, mapping) for each mapping of the form's slots that applies inside the form."""
    for slot in domain["forms"][FORM]["required_slots"]:
        for mapping in domain["slots"][slot]["mappings"]:
            if any(condition.get("active_loop") == FORM for condition in mapping.get("conditions", [])):
                yield slot, mapping


def test_the_rules_answer_questions_inside_the_form():
    # the check below means something only if the rules were read
    assert {"faq", "stop", "correct_booking", "next_step", "show_step"} <= in_form_rule_intents()


# A bare greeting, thanks, goodbye, yes, no or "none of those" is no name, contact,
# time or concern either: the text mappings refuse these too, and the fallback
# then lets the form ask again (actions/fallback.py).
NOT_AN_ANSWER = {"greet", "thank", "goodbye", "affirm", "deny", "unsure", "something_else"}


def test_a_message_a_rule_answers_is_never_taken_as_an_answer(domain):
    ruled = in_form_rule_intents()
    checked = 0
    for slot, mapping in in_form_mappings(domain):
        name = f"{slot} ({mapping['type']})"
        if "intent" in mapping:
            assert not ruled & set(mapping["intent"] if isinstance(mapping["intent"], list) else [mapping["intent"]]), name
            continue
        if mapping["type"] not in ("from_text", "from_entity"):
            continue
        checked += 1
        not_intent = set(mapping.get("not_intent") or [])
        assert ruled - not_intent == set(), f"{name} takes messages a rule answers"
        refused = NOT_AN_ANSWER - ruled if mapping["type"] == "from_text" else set()  # goodbye: a rule sets it aside
        assert not_intent - ruled == refused, f"{name} refuses other messages than the rules answer"
    assert checked >= 6, "the booking form's text and entity mappings were not found"


# ---------------------------------------------------------------- buttons


def button_payloads(domain):
    for name, variations in domain["responses"].items():
        for variation in variations:
            for button in variation.get("buttons") or []:
                yield name, button["payload"]


def test_every_button_sends_an_intent_and_entities_the_domain_knows(domain):
    answers = {name.split("/", 1)[1] for name in domain["responses"] if name.startswith("utter_faq/")}
    payloads = list(button_payloads(domain))
    assert payloads
    for name, payload in payloads:
        # domain.yml doubles the braces of a payload's JSON, as responses are format strings
        match = re.fullmatch(r"/(\w+)(\{.*\})?", payload.replace("{{", "{").replace("}}", "}"))
        assert match, (name, payload)
        assert match.group(1) in domain["intents"], (name, payload)
        entities = json.loads(match.group(2) or "{}")
        # (an entity with settings is a mapping of its name to them: `summary`, which no policy reads)
        known = {entity if isinstance(entity, str) else next(iter(entity)) for entity in domain["entities"]}
        assert set(entities) <= known, (name, payload)
        if "topic" in entities:
            assert match.group(1) == "faq" and entities["topic"] in answers, (name, payload)


def test_no_two_conditional_variations_of_a_response_can_both_match(domain):
    """Rasa picks at random among the conditional variations that match (rasa/core/nlg/response.py), so two that
    can both match would make the words a matter of chance: each pair must ask one slot for different values (found
    when a contact prompt for someone else's call back matched two variations)."""
    overlapping = []
    for name, variations in domain["responses"].items():
        conditions = [
            {(c["name"]): c["value"] for c in variation["condition"]}
            for variation in variations
            if variation.get("condition") and not variation.get("channel")
        ]
        for i, first in enumerate(conditions):
            for second in conditions[i + 1:]:
                if not any(slot in second and second[slot] != value for slot, value in first.items()):
                    overlapping.append((name, first, second))
    assert overlapping == []
