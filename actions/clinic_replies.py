"""Replies that name the clinic's own details (name, phone, email, hours)."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.config import clinic


class ClinicReplyAction(Action, ABC):
    """Utters `responses` in order, filled with the clinic's facts from clinic.yml."""

    responses: List[Text] = []

    @abstractmethod
    def name(self) -> Text:
        """The action's name in the domain."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        facts = clinic().facts()
        for response in self.responses:
            dispatcher.utter_message(response=response, **facts)
        return []


class ActionGreet(ClinicReplyAction):
    responses = ["utter_greet", "utter_disclaimer"]

    def name(self) -> Text:
        return "action_greet"


class ActionHandOver(ClinicReplyAction):
    responses = ["utter_hand_over"]

    def name(self) -> Text:
        return "action_hand_over"


class ActionExplainBot(ClinicReplyAction):
    responses = ["utter_bot_challenge"]

    def name(self) -> Text:
        return "action_explain_bot"


class ActionHandleOutOfScope(ClinicReplyAction):
    responses = ["utter_out_of_scope"]

    def name(self) -> Text:
        return "action_handle_out_of_scope"


class ActionHandleComplication(ClinicReplyAction):
    responses = ["utter_complication"]

    def name(self) -> Text:
        return "action_handle_complication"


class ActionExplainBookingChanges(ClinicReplyAction):
    responses = ["utter_change_existing_booking"]

    def name(self) -> Text:
        return "action_explain_booking_changes"


class ActionTellClinicInfo(ClinicReplyAction):
    responses = ["utter_clinic_info"]

    def name(self) -> Text:
        return "action_tell_clinic_info"
