"""The domain, the actions and the NLU data agree with each other."""
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Action

import actions

PROJECT_DIR = Path(__file__).resolve().parent.parent
MIN_TRAINING_EXAMPLES = 25
MIN_HELD_OUT_EXAMPLES = 10


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


def responses_named_in_code():
    names = set()
    for path in (PROJECT_DIR / "actions").glob("*.py"):
        names |= set(re.findall(r"[\"'](utter_[a-z_]*[a-z])[\"']", path.read_text(encoding="utf-8")))
    return names


def test_every_response_the_actions_name_exists(domain):
    named = responses_named_in_code()
    assert named, "the scan found no responses at all"
    missing = {name for name in named if name not in domain["responses"]}
    assert not missing


def load_examples(folder):
    examples = {}
    for path in sorted((PROJECT_DIR / folder).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if "intent" in block:
                lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
                examples.setdefault(block["intent"], []).extend(lines)
    return examples


@pytest.mark.parametrize("folder, minimum", [("data/nlu", MIN_TRAINING_EXAMPLES), ("tests/nlu", MIN_HELD_OUT_EXAMPLES)])
def test_every_intent_has_enough_examples(domain, folder, minimum):
    examples = load_examples(folder)
    assert set(examples) == set(domain["intents"])
    too_few = {intent: len(lines) for intent, lines in examples.items() if len(lines) < minimum}
    assert not too_few


def test_held_out_examples_are_not_in_the_training_data():
    def normalise(text):
        return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())

    training = {normalise(line) for lines in load_examples("data/nlu").values() for line in lines}
    copied = [line for lines in load_examples("tests/nlu").values() for line in lines if normalise(line) in training]
    assert not copied
