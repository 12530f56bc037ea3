"""What every channel checks before a message reaches Rasa: its length, and how fast it comes.

- A message over `MAX_MESSAGE_CHARS` is not processed: the channel answers it itself
  with `utter_message_too_long` from domain.yml, and the text never reaches Rasa's
  NLU or the tracker store.
- A token bucket per sender, and one per client address on the channels that a
  client reaches directly (REST, socket.io), stops one flooding client from
  starving the others. Limits: `RATE_LIMIT_PER_SENDER` and `RATE_LIMIT_PER_ADDRESS`,
  as `<messages>/<seconds>` (defaults 20/60 and 120/60).
"""
import os
import threading
import time
from collections import OrderedDict
from typing import Any, Optional, Text, Tuple

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
        count, seconds = (value or default).split("/")
        count, seconds = float(count), float(seconds)
        if count > 0 and seconds > 0:
            return count, seconds
    except ValueError:
        pass
    count, seconds = default.split("/")
    return float(count), float(seconds)


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
