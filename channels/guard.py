"""What every channel does with a message before Rasa sees it, written once: `ChannelGuard.take`.

REST, socket.io, Telegram and WhatsApp each read a message in their own format, then hand
it to `ChannelGuard.take`, which does four things, always in this order:

1. **Rate limit.** A token bucket per sender, and one per client address on the channels
   that a client reaches directly (REST, socket.io), stops one flooding client from
   starving the others. Limits: `RATE_LIMIT_PER_SENDER` and `RATE_LIMIT_PER_ADDRESS`, as
   `<messages>/<seconds>` (defaults 20/60 and 120/60). First, because it costs nothing
   (no I/O) and a refused message must cost little more: no store is read, no answer
   sent, nothing claimed (once the bucket refills, the same message id is handled).
2. **Length.** A message over `MAX_MESSAGE_CHARS` is not processed: the channel's own
   output answers it with `utter_message_too_long` from domain.yml, and the text never
   reaches Rasa's NLU or the tracker store. Before the claim, because it needs no I/O
   either, and a message that never reaches Rasa needs no claim.
3. **Claim.** A message with a platform message id (REST's `message_id`, Telegram's
   `update_id`, WhatsApp's message id) is claimed once (`channels.common.OnceOnly`: in
   this process, and against the conversation's tracker), so a message delivered twice is
   handled once. This may read the tracker store, so it comes after the free checks.
4. **Hand-over.** Rasa handles the message (`channels.answer.handle`: an apology when it
   cannot). When it failed, the claim is given back, so a retry is handled again (as it
   would be at another replica) unless the tracker shows the message stored after all.

Each step's outcome is returned (`Outcome`); what the person then sees (a 429, a
`rate_limited` event, the earlier replies, ...) is the channel's business.

The client's address (`client_address`) is the one Sanic resolves: `request.remote_addr`
when a trusted proxy reported it, else the socket's peer. Sanic trusts a proxy's
`X-Forwarded-For` only when told how many proxies are in front (`SANIC_PROXIES_COUNT`,
e.g. 1 behind nginx or a Kubernetes ingress): without it the header is ignored, so a
client cannot pick its own bucket, and behind a proxy every client shares the proxy's.
"""

import enum
import os
import threading
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels.common import OnceOnly

MAX_MESSAGE_CHARS = 2000
TOO_LONG_RESPONSE = "utter_message_too_long"
DEFAULT_PER_SENDER = "20/60"
DEFAULT_PER_ADDRESS = "120/60"


def too_long(text: Text) -> bool:
    return len(text) > MAX_MESSAGE_CHARS


def response_text(app: Any, name: Text = TOO_LONG_RESPONSE) -> Text:
    """The first text of a response in the loaded model's domain (words live in domain.yml)."""
    agent = getattr(getattr(app, "ctx", None), "agent", None)
    domain = getattr(agent, "domain", None)
    variants = (getattr(domain, "responses", None) or {}).get(name) or [{}]
    return variants[0].get("text") or ""


def parse_rate(value: Optional[Text], default: Text) -> Tuple[float, float]:
    """'20/60' -> (20 messages, per 60 seconds)."""
    try:
        count_text, seconds_text = (value or default).split("/")
        count, seconds = float(count_text), float(seconds_text)
        if count > 0 and seconds > 0:
            return count, seconds
    except ValueError:
        pass
    count_text, seconds_text = default.split("/")
    return float(count_text), float(seconds_text)


class RateLimiter:
    """Token buckets by key, at most `max_keys` of them (the least recently used go first)."""

    def __init__(self, capacity: float, per_seconds: float, max_keys: int = 100_000, clock=time.monotonic) -> None:
        self.capacity = capacity
        self.rate = capacity / per_seconds
        self.max_keys = max_keys
        self.clock = clock
        self.buckets: "OrderedDict[Text, Tuple[float, float]]" = OrderedDict()
        self.lock = threading.Lock()

    @classmethod
    def from_setting(cls, variable: Text, default: Text) -> "RateLimiter":
        return cls(*parse_rate(os.environ.get(variable), default))

    def allow(self, key: Optional[Text]) -> bool:
        if not key:
            return True
        now = self.clock()
        with self.lock:
            tokens, last = self.buckets.pop(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            allowed = tokens >= 1
            self.buckets[key] = (tokens - 1 if allowed else tokens, now)
            while len(self.buckets) > self.max_keys:
                self.buckets.popitem(last=False)
        return allowed


def per_sender() -> RateLimiter:
    return RateLimiter.from_setting("RATE_LIMIT_PER_SENDER", DEFAULT_PER_SENDER)


def per_address() -> RateLimiter:
    return RateLimiter.from_setting("RATE_LIMIT_PER_ADDRESS", DEFAULT_PER_ADDRESS)


def client_address(request: Any) -> Text:
    """The client's address as Sanic resolves it: behind a trusted proxy (SANIC_PROXIES_COUNT, or
    REAL_IP_HEADER / FORWARDED_SECRET), the address the proxy reports; otherwise, or when the proxy
    reported none, the socket's peer. Sanic 21.12's `remote_addr` is "" without a trusted proxy."""
    if request is None:
        return ""
    return getattr(request, "remote_addr", "") or getattr(request, "ip", "") or ""


class Outcome(enum.Enum):
    RATE_LIMITED = "rate limited"  # refused by a bucket: nothing else was done
    TOO_LONG = "too long"  # answered politely by the channel's output, not processed
    DUPLICATE = "duplicate"  # its message id was claimed already: not handled again
    HANDLED = "handled"  # Rasa handled it
    FAILED = "failed"  # Rasa could not: the apology went out, the claim was given back


class ChannelGuard:
    """The rate limit, the length check, the claim and the hand-over to Rasa, in that order, for every channel."""

    def __init__(self, by_address: bool) -> None:
        """`by_address`: whether the channel's clients reach it directly (REST, socket.io), so each
        client address has a bucket; not for platforms whose own servers post every message."""
        self.senders = per_sender()
        self.addresses = per_address() if by_address else None
        self.once = OnceOnly()

    def allow(self, sender_id: Optional[Text], address: Optional[Text] = None) -> bool:
        """Takes a token from the address's bucket, then from the sender's (an address refused takes none from
        the sender)."""
        if self.addresses is not None and not self.addresses.allow(address):
            return False
        return self.senders.allow(sender_id)

    async def take(
        self,
        text: Text,
        sender_id: Text,
        output: OutputChannel,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        app: Any,
        *,
        input_channel: Text,
        metadata: Optional[Dict[Text, Any]] = None,
        message_id: Optional[Text] = None,
        address: Optional[Text] = None,
        tracker_store: Any = None,
        before_handover: Optional[Callable[[], Awaitable[Any]]] = None,
    ) -> Outcome:
        """Rate limit, length, claim, hand-over, for the message `text` from `sender_id`.

        - `output`: where the replies go (the polite answer to an over-long message too);
        - `message_id`: the platform's id of the message, if it has one: it is claimed, and
          stored with the message, so a delivery seen again here or by another replica is known;
        - `address`: the client's address, on channels clients reach directly;
        - `tracker_store`: lets the claim see a message stored by another replica or before a restart;
        - `before_handover`: runs once the message is accepted, just before Rasa gets it.
        """
        from channels.answer import handle  # channels.answer imports this module

        if not self.allow(sender_id, address):
            return Outcome.RATE_LIMITED
        if too_long(text):
            await output.send_text_message(sender_id, response_text(app))
            return Outcome.TOO_LONG
        if message_id and not await self.once.claim(message_id, tracker_store, sender_id):
            return Outcome.DUPLICATE
        handled = False
        try:
            if before_handover is not None:
                await before_handover()
            message = UserMessage(
                text, output, sender_id, input_channel=input_channel, message_id=message_id, metadata=metadata
            )
            handled = await handle(on_new_message, message, app)
        finally:
            if message_id and not handled:
                await self.once.release(message_id)  # not stored: a retry must be handled, not refused
        return Outcome.HANDLED if handled else Outcome.FAILED
