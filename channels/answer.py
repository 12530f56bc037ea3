"""Every message gets an answer: when Rasa cannot produce one, the channel apologises.

If the action server is down, Rasa logs the failed action and goes on without its
messages; if the lock store (Redis) is down, handling the message raises. Either
way the person would see nothing. `handle` passes the message to Rasa and, when no
reply was sent, sends `utter_service_trouble` from domain.yml with the clinic's
contact details from clinic.yml (the slots that usually fill them come from the
action server, which may be the part that is down).
"""

import logging
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.guard import response_text
from channels.handover import answer_while_paused
from core.settings import clinic

logger = logging.getLogger(__name__)

TROUBLE_RESPONSE = "utter_service_trouble"


class CountingOutput(OutputChannel):
    """Passes every reply on to the real output channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> Text:  # type: ignore[override]
        return self.inner.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


def trouble_text(app: Any) -> Text:
    text = response_text(app, TROUBLE_RESPONSE)
    try:
        return text.format(**clinic().facts())
    except (KeyError, IndexError, ValueError):
        return text


async def handle(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage, app: Any) -> bool:
    """Hand the message to Rasa; True when Rasa handled it, False when it failed (and the apology went out)."""
    counted = CountingOutput(message.output_channel)
    message.output_channel = counted
    handled = True
    try:
        await on_new_message(message)
    except Exception as error:  # noqa: BLE001 - logged without the message, which may hold personal details
        handled = False
        logger.error("could not handle a message on %s: %s", counted.name(), type(error).__name__)
    if counted.sent == 0 and handled:
        try:  # a person has the chat: the assistant is silent on purpose, but for a message in crisis
            if await answer_while_paused(app, message.sender_id):
                return handled
        except Exception as error:  # noqa: BLE001 - then the apology below, so the person sees something
            logger.error("could not check a paused conversation on %s: %s", counted.name(), type(error).__name__)
    if counted.sent == 0:
        logger.warning("no reply to a message on %s: answered with %s", counted.name(), TROUBLE_RESPONSE)
        await counted.inner.send_response(message.sender_id, {"text": trouble_text(app)})
    return handled
