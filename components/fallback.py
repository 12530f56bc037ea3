"""Rasa's FallbackClassifier, with a lower bar for answers that make no claim.

A deferral ("suitability is assessed at your consultation", "contact the clinic
promptly", "the guide doesn't cover that") is safe to give on weaker evidence
than an answer from the guide, and "did you mean …?" instead of it would only
delay the person: answers starting with one of `deferral_answers` need
`deferral_threshold`, other answers and intents `threshold`, and the intents in
`intent_thresholds` their own (a cancel throws away what the person typed, so it
needs more certainty). For the retrieval intent the answer's own confidence
counts (components/question_classifier.py); the ambiguity check compares intents.
A message split into several questions (`questions`, each already sure enough of
its own answer) is answered part by part, however unsure the answer to the whole.
"""

from typing import Any, Dict, Optional, Text, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY
from rasa.shared.nlu.training_data.message import Message

from components.question_classifier import DECIDED_BY_ENTITY


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerFallbackClassifier(FallbackClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **FallbackClassifier.get_default_config(),
            "deferral_threshold": 0.3,
            "deferral_answers": [],
            "intent_thresholds": {},
        }

    @staticmethod
    def _selected_answer(message: Message) -> Dict[Text, Any]:
        intent = (message.get(INTENT) or {}).get("name")
        selector = (message.get("response_selector") or {}).get(intent) or {}
        return selector.get("response") or {}

    def _should_fallback(self, message: Message) -> bool:
        if len(message.get("questions") or []) > 1:  # "is it painful? how many sessions? and any downtime?"
            return False
        # a private Rasa API, listed and checked in tests/test_rasa_private_apis.py
        return super()._should_fallback(message)

    def _nlu_prediction_ambiguous(self, message: Message) -> Tuple[bool, Optional[float]]:
        """As Rasa's, except for a deferral that the message itself decided ("can you combine it with a
        chemical peel": the guide does not cover chemical peels): saying so is safe, whatever the runner-up."""
        config = {**self.get_default_config(), **self.component_config}
        answer = self._selected_answer(message)
        if answer.get(DECIDED_BY_ENTITY) and str(answer.get(INTENT_RESPONSE_KEY, "")).startswith(
            tuple(config["deferral_answers"])
        ):
            return False, None
        # a private Rasa API, listed and checked in tests/test_rasa_private_apis.py
        return super()._nlu_prediction_ambiguous(message)

    def _nlu_confidence_below_threshold(self, message: Message) -> Tuple[bool, float]:
        config = {**self.get_default_config(), **self.component_config}
        intent = message.data[INTENT]
        answer = self._selected_answer(message)
        if answer.get(INTENT_RESPONSE_KEY):
            confidence = answer["confidence"]
            deferral = answer[INTENT_RESPONSE_KEY].startswith(tuple(config["deferral_answers"]))
            return confidence < config["deferral_threshold" if deferral else "threshold"], confidence
        threshold = config["intent_thresholds"].get(intent.get("name"), config["threshold"])
        return intent.get("confidence") < threshold, intent.get("confidence")
