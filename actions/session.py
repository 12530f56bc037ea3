"""The start of every conversation session: the clinic's facts become slots."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core.settings import clinic


class ActionSessionStart(Action):
    """Starts the session as Rasa's default does, then sets the slots that replies name ({clinic_phone}, …)."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        facts = [SlotSet(name, value) for name, value in clinic().facts().items()]
        return [SessionStarted(), *facts, ActionExecuted("action_listen")]
