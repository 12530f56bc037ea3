"""Deleting a person's data on request: their booking requests here, their conversation in the tracker store.

The booking rows of this conversation are deleted by the action server. Saying
`utter_data_deleted` then tells the tracker store to delete the conversation itself
when the turn is saved (stores/tracker_store.py), so both go together.
"""

import asyncio
import logging
import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking_form import ANSWERS, clear_booking
from core.database import get_store
from core.words import CANCEL_ASKED_WORDS

logger = logging.getLogger(__name__)

# a yes that names another thing to do ("ok send", "yes book it", "yes keep it") may answer an earlier question
OTHER_THAN_DELETING = re.compile(r"\b(?:send|sent|book|booking|submit|keep|continue|carry on)\b", re.IGNORECASE)


def meant_to_delete(tracker: Tracker) -> bool:
    """Whether the latest yes is to deleting: the question's own button (a plain /affirm), or typed words that
    name nothing else. An older yes button of the booking form ("Yes, send it") or "ok send" is asked about again:
    deleting is final."""
    if next(tracker.get_latest_entity_values(ANSWERS), None):
        return False
    return not OTHER_THAN_DELETING.search(tracker.latest_message.get("text") or "")


_CANCEL_ASKED = re.compile(CANCEL_ASKED_WORDS, re.IGNORECASE)


class ActionOfferToDelete(Action):
    """Asks before deleting, saying what there is to delete: when this conversation holds nothing but the question
    (a new one, or the one left after deleting), it says so, which also answers "has it been deleted?"."""

    def name(self) -> Text:
        return "action_offer_to_delete"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if (
            tracker.get_slot("request_sent")
            and _CANCEL_ASKED.search(tracker.latest_message.get("text") or "")
            # (not the "yes cancel it" that cancelled one of two requests, offered the deletion after it)
            and tracker.get_intent_of_latest_message(skip_fallback_intent=False) != "affirm"
        ):
            # "actually cancel it and delete my email please" with a request sent (play-test 242: the deletion offered
            # first, which does not cancel it): the cancel first, asked to be confirmed; the deletion is offered once
            # it is cancelled (actions/booking_submit.py ActionCancelSentConfirmed)
            return [FollowupAction("action_cancel_sent_request")]
        said_before = sum(event.get("event") == "user" for event in tracker.events) > 1
        try:
            requests = await asyncio.get_running_loop().run_in_executor(
                None, get_store().count_for_conversation, tracker.sender_id
            )
        except Exception:  # unknown: offer to delete whatever there is
            logger.exception("could not count a conversation's booking requests")
            requests = 1
        nothing_earlier = not said_before and not requests
        response = "utter_nothing_stored_to_delete" if nothing_earlier else "utter_confirm_delete_my_data"
        dispatcher.utter_message(response=response)
        return []


class ActionDeleteMyData(Action):
    def name(self) -> Text:
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if not meant_to_delete(tracker):
            return [SlotSet("delete_unclear", True)]  # the rules say so and ask again (data/rules/privacy.yml)
        try:
            deleted = await asyncio.get_running_loop().run_in_executor(
                None, get_store().delete_for_conversation, tracker.sender_id
            )
        except Exception:  # nothing may be claimed as deleted that was not
            logger.exception("could not delete a person's booking requests")
            dispatcher.utter_message(response="utter_data_delete_failed")
            return [SlotSet("delete_unclear", False)]
        logger.info("deleted %d booking request(s) at the person's request", deleted)
        dispatcher.utter_message(response="utter_data_deleted")
        return clear_booking() + [SlotSet("delete_unclear", False)]  # and the tracker store forgets the conversation
