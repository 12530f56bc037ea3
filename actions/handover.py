"""Asking for a person: a member of staff is asked to join the chat, or the patient gets the clinic's contact
details and the offer of a call back.

Where Python decides the dialogue, in one place: whether someone can be asked. That is while the clinic is
open (clinic.yml), on a channel a reply can reach the patient on (not REST, which only answers), with a member
of staff signed in to the console and available (core/handover.py). Then the request waits for them and the
conversation is paused (`ConversationPaused`): Rasa keeps every message and answers none, until the member
of staff hands the chat back or nobody takes it in time (channels/handover.py).
"""

import asyncio
import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import (
    answers_alongside,
    kept_while_paused,
    say_the_route_first,
    waiting_for_111s_call,
    without_offer,
)
from actions.booking_form import CALL_BACK, complaint_kept, kind_asked_for, switched_to
from actions.booking_summary import ActionChangeBookingDetail
from core import handover
from core.database import get_store
from core.settings import clinic, now
from core.words import COMPLAINT

logger = logging.getLogger(__name__)

# a complaint, or the wish to make one
_COMPLAINT = re.compile(COMPLAINT, re.IGNORECASE)


# the entities that give the request something to say: a note for the clinic, or the concern anew
NOTED = ("note", "concern")


def someone_can_be_asked(channel: str) -> bool:
    settings = clinic()
    if channel not in handover.LIVE_CHANNELS or not settings.is_open(now()):
        return False
    return bool(handover.available_staff(get_store().engine, settings.console))  # sessions keep real time


# at the summary, what the request should say instead ("can u tidy that up, just put COMPLAINT - wants refund …")
_PUT_INSTEAD = re.compile(
    r"\b(?:just\s+)?(?:put|write|say|make it say|change it to)\b\s*:?\s*(?P<what>\S.*)$", re.IGNORECASE | re.DOTALL
)


# asked to be passed on ("can you tell them …", "put that in please", "add that"): at the summary, a complaint said so
# is for the request
_PASS_IT_ON = re.compile(
    r"\b(?:tell|let)\s+(?:them|the clinic|the team)\b|\b(?:put|add|include|write)\s+(?:that|this|it)\b",
    re.IGNORECASE,
)


def _complaint_for_the_request(tracker: Tracker) -> Optional[Text]:
    """A complaint given as what the request being made is about: the whole message when the form asks what it is
    about, or the words after "put" at the summary; None otherwise."""
    text = (tracker.latest_message.get("text") or "").strip()
    if tracker.active_loop.get("name") != "booking_form" or not _COMPLAINT.search(text):
        return None
    if (tracker.latest_message.get("triage") or {}).get("level"):
        return None  # a sign named with it: its route comes first, as for any message (say_the_route_first)
    requested = tracker.get_slot("requested_slot")
    if requested == "booking_concern":
        return text
    if requested != "booking_confirmed":
        return None
    put = _PUT_INSTEAD.search(text)
    if put and _COMPLAINT.search(put.group("what")):
        return put.group("what").strip()
    # at the summary, a complaint said in other words is added to what the request is about ("can you tell them … that
    # I'm not happy and I want either a refund or for them to fix it": play-test 115, "I can't take a complaint here",
    # and the summary unchanged, three times)
    concern = str(tracker.get_slot("booking_concern") or "")
    if not _PASS_IT_ON.search(text) or text.lower() in concern.lower():
        return None
    return f"{concern}; {text}" if concern else text


class ActionRequestHuman(Action):
    def name(self) -> Text:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        # a complaint's words are kept for a call back asked for later (actions/booking_form.py complaint_said)
        return await self._reply(dispatcher, tracker, domain) + complaint_kept(tracker)

    async def _reply(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        # "they said theres a wait of like 40 mins for a call back. can i just take paracetamol and go to bed and ring
        # you guys tomorrow at 10?" after the urgent route (play-test 235: the hand-over's words, and the suitability
        # answer): to keep waiting for NHS 111's call
        waiting = [] if tracker.active_loop.get("name") else waiting_for_111s_call(dispatcher, tracker)
        if waiting:
            return waiting
        complaint = _complaint_for_the_request(tracker)
        if complaint:
            # "COMPLAINT - wants refund for 4 sessions, no improvement in scars" when the request asks what it is
            # about, or "just put …" at its summary: what the request is about (play-test 50: "I can't take a complaint
            # here", and the question asked again, three times)
            dispatcher.utter_message(response="utter_complaint_noted")
            return [SlotSet("booking_concern", complaint), SlotSet("booking_confirmed", None)]
        if _COMPLAINT.search(tracker.latest_message.get("text") or ""):
            # "your clinic left me with scars … i want to make a complaint": heard first (browser play-test 4 found
            # the hand-over's words alone)
            dispatcher.utter_message(response="utter_complaint_heard")
        if (
            tracker.active_loop.get("name") == "booking_form"
            and tracker.get_slot("requested_slot") == "booking_confirmed"
            and any(entity.get("entity") in NOTED for entity in tracker.latest_message.get("entities") or [])
        ):
            # "add that I want the MANAGER to call, not a receptionist" at the summary (play-test 40: the hand-over's
            # words, and the summary unchanged): what to add to the request, which is how they will get in touch
            return await ActionChangeBookingDetail().run(dispatcher, tracker, domain)
        ended = say_the_route_first(dispatcher, tracker, domain)  # a person at the clinic is no substitute for it
        channel = tracker.get_latest_input_channel() or ""
        loop = asyncio.get_running_loop()
        try:
            if await loop.run_in_executor(None, someone_can_be_asked, channel):
                await loop.run_in_executor(None, handover.ask, get_store().engine, tracker.sender_id, channel)
                dispatcher.utter_message(response="utter_handover_asked")
                # "can I speak to someone, also is it painful": the question is answered while they wait
                return [
                    *ended,
                    *without_offer(answers_alongside(dispatcher, tracker, domain)),
                    SlotSet("offer", None),
                    ConversationPaused(),
                ]
        except Exception:  # noqa: BLE001 - the database is down: the patient still gets the clinic's details
            logger.exception("could not ask for a member of staff")
        if tracker.active_loop.get("name") == "booking_form":
            # inside a request: "can i just talk to someone on the phone" makes it a call back, keeping what was said;
            # a call back already asked for is how they will get in touch (play-test 23: the offer of a call back,
            # with its button, while one was being requested)
            # (asking for a person asks for no consultation: the "Talk to the clinic" button, pressed inside a call
            # back, had made it one, found by play-test 26)
            wanted = kind_asked_for(tracker)
            switched = switched_to(wanted, dispatcher, tracker) if wanted == CALL_BACK else None
            if switched is not None:
                return ended + switched + without_offer(answers_alongside(dispatcher, tracker, domain))
            if tracker.get_slot("request_kind") == CALL_BACK:
                dispatcher.utter_message(response="utter_hand_over_call_back_requested")
                # the details given with it are kept ("Rachel Simmonds. and I want a manager not just reception" at the
                # name prompt: play-test 170, the name asked for again)
                kept = kept_while_paused(tracker)
                answered = without_offer(answers_alongside(dispatcher, tracker, domain))
                return ended + kept + answered + [SlotSet("offer", None)]
        dispatcher.utter_message(response="utter_hand_over")
        events = ended + without_offer(answers_alongside(dispatcher, tracker, domain))
        # inside the booking form a "yes" answers the form's question; its buttons still offer the call back
        return events + [SlotSet("offer", None if tracker.active_loop.get("name") else "call_back")]
