"""Deleting a person's data on request: their booking requests here, their conversation in the tracker store.

The booking rows of this conversation are deleted by the action server. Saying
`utter_data_deleted` then tells the tracker store to delete the conversation itself
when the turn is saved (stores/tracker_store.py), so both go together.
"""

import asyncio
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking_form import clear_booking
from core.database import get_store

logger = logging.getLogger(__name__)


class ActionDeleteMyData(Action):
    def name(self) -> Text:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        try:
            deleted = await asyncio.get_running_loop().run_in_executor(
                None, get_store().delete_for_conversation, tracker.sender_id
            )
        except Exception:  # nothing may be claimed as deleted that was not
            logger.exception("could not delete a person's booking requests")
            dispatcher.utter_message(response="utter_data_delete_failed")
            return []
        logger.info("deleted %d booking request(s) at the person's request", deleted)
        dispatcher.utter_message(response="utter_data_deleted")
        return clear_booking()  # and the tracker store forgets the conversation
