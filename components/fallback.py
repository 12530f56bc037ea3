"""Rasa's FallbackClassifier, with a lower bar for answers that make no claim.

A deferral ("suitability is assessed at your consultation", "contact the clinic
promptly", "the guide doesn't cover that") is safe to give on weaker evidence
than an answer from the guide, and "did you mean …?" instead of it would only
delay the person: answers starting with one of `deferral_answers` need
`deferral_threshold`, everything else `threshold`.
"""
from typing import Any, Dict, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerFallbackClassifier(FallbackClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**FallbackClassifier.get_default_config(), "deferral_threshold": 0.3, "deferral_answers": []}

    def _selected_answer(self, message: Message) -> Text:
        intent = (message.get(INTENT) or {}).get("name")
        selector = (message.get("response_selector") or {}).get(intent) or {}
        return (selector.get("response") or {}).get(INTENT_RESPONSE_KEY) or ""

    def _nlu_confidence_below_threshold(self, message: Message) -> Tuple[bool, float]:
        confidence = message.data[INTENT].get("confidence")
        answer = self._selected_answer(message)
        config = {**self.get_default_config(), **self.component_config}
        if answer and answer.startswith(tuple(config["deferral_answers"])):
            return confidence < config["deferral_threshold"], confidence
        return confidence < config["threshold"], confidence
