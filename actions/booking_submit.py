"""Sending a booking request: stored only when confirmed with consent, then its reference is given."""
import asyncio
import datetime as dt
import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking_fields import PreferredTime
from actions.booking_form import clear_booking
from actions.storage import BookingRequest, get_store

logger = logging.getLogger(__name__)


def booking_request(tracker: Tracker) -> BookingRequest:
    window = PreferredTime.from_slot(tracker.get_slot("booking_time"))
    contact = tracker.get_slot("booking_contact")
    return BookingRequest(
        name=tracker.get_slot("booking_name"),
        contact_kind="email" if "@" in contact else "phone",
        contact=contact,
        preferred_start=window.start.astimezone(dt.timezone.utc),
        preferred_end=window.end.astimezone(dt.timezone.utc),
        preferred_text=tracker.get_slot("booking_time_text") or "",
        concern=tracker.get_slot("booking_concern") or None,
        consent=True,
        conversation_id=tracker.sender_id,
    )


class ActionSubmitBooking(Action):
    """After the form: store a confirmed request, then give its reference. Nothing is kept otherwise."""

    def name(self) -> Text:
        return "action_submit_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        if tracker.get_slot("booking_confirmed") is not True or tracker.get_slot("booking_consent") is not True:
            return clear_booking()  # the form ended early and has already said why
        try:
            # the database write runs off the action server's event loop
            reference = await asyncio.get_running_loop().run_in_executor(None, get_store().save, booking_request(tracker))
        except Exception:  # the person must never get a reference for a request that was not stored
            logger.exception("could not store a booking request")
            dispatcher.utter_message(response="utter_booking_save_failed")
            return clear_booking()
        dispatcher.utter_message(response="utter_booking_saved", reference=reference)
        return clear_booking()
