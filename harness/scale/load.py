"""The load: concurrent conversations over the REST channel, the client's bounded retries, and the kill.

Half the conversations book a consultation (the booking ends with a reference MN-XXXX), the
other half ask questions and take the walk-through. Every message carries its own
`message_id`, so a message whose request failed (a replica died under it) is sent again
with the same id: the REST channel (channels/rest.py) answers a repeated id with the
replies of the first time instead of handling it twice.

Each conversation runs in its own thread, one message at a time, with a short pause
between turns, from its own client address (127.0.0.2, 127.0.0.3, ...: Linux routes all of
127.0.0.0/8 to the loopback interface), as each patient has their own: the replicas' per-address
limit (120 a minute) is the production one, behind nginx as behind an ingress. When half of all turns are answered, `kill` is called once (the caller
SIGKILLs a Rasa replica); every message is timed so the interruption can be measured.
"""
import datetime as dt
import ipaddress
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import requests
from requests.adapters import HTTPAdapter

REFERENCE = re.compile(r"\bMN-[0-9A-Z]{4}\b")
WEBHOOK = "/webhooks/rest/webhook"
RETRY_STATUSES = frozenset({409, 429, 500, 502, 503, 504})  # 409: the same message is being handled right now
RATE_LIMITED = 429
LOOPBACK_NETWORK = ipaddress.IPv4Network("127.0.0.0/8")
FIRST_CLIENT = ipaddress.IPv4Address("127.0.0.2")  # 127.0.0.1 is the servers' (and nginx's, to the replicas)

NAMES = ("Ana Lima", "Sam Taylor", "Priya Shah", "Tom Becker", "Mia Novak", "Leo Martin", "Zoe Clarke",
         "Omar Haddad", "Ines Moreau", "Ben Walsh", "Chloe Dupont", "Raj Mehta", "Nina Berg", "Jack Moore",
         "Eva Rossi", "Luca Bianchi", "Hana Sato", "Olga Ivanova", "Kofi Mensah", "Rosa Diaz")
HOURS = ("11am", "2pm", "10am", "3pm")  # inside every open day's hours (Saturday 10:00-16:00)


@dataclass(frozen=True)
class Turn:
    text: str
    expect: Optional[str] = None  # a piece of the replies' text that shows the turn went as planned


@dataclass(frozen=True)
class Script:
    sender: str
    kind: str  # "booking" or "faq"
    turns: Tuple[Turn, ...]


def open_day(days_ahead: int, today: Optional[dt.date] = None) -> dt.date:
    """The first day the clinic is open, at least `days_ahead` days from today."""
    from core.settings import clinic

    facts = clinic()
    day = (today or dt.date.today()) + dt.timedelta(days=days_ahead)
    for _ in range(14):
        if facts.hours_on(day) is not None:
            return day
        day += dt.timedelta(days=1)
    raise ValueError("the clinic is not open on any day of two weeks")


def booking_script(sender: str, index: int, today: Optional[dt.date] = None) -> Script:
    name = NAMES[index % len(NAMES)]
    day = open_day(8 + index % 10, today)
    when = f"{day.day} {day:%B} at {HOURS[index % len(HOURS)]}"
    return Script(sender, "booking", (
        Turn("does it hurt?", "numbing cream"),
        Turn("I'd like to book a consultation", "What's your name?"),
        Turn(name, name),
        Turn("07911 123456", "When would you like to come in?"),
        Turn(when, "What would you like to have looked at?"),
        Turn("skip", "May the clinic keep these details"),
        Turn("yes", "Please check your request"),
        Turn("yes, send it", "Your reference is"),
    ))


FAQ_TURNS = (
    (Turn("does microneedling hurt?", "numbing cream"), Turn("how many sessions will I need", "3-6 treatments")),
    (Turn("can you walk me through it step by step", "Step 1 of 4"), Turn("next", "Step 2 of 4"),
     Turn("next", "Step 3 of 4")),
    (Turn("how long does a treatment take", "30 minutes to an hour"), Turn("any side effects?", "redness")),
    (Turn("what are your opening hours and where are you", "Harley Mews"),),
)


def faq_script(sender: str, index: int) -> Script:
    """Eight turns: the four groups in a rotating order (a group's turns stay together)."""
    groups = FAQ_TURNS[index % len(FAQ_TURNS):] + FAQ_TURNS[:index % len(FAQ_TURNS)]
    return Script(sender, "faq", tuple(turn for group in groups for turn in group))


def make_scripts(run_id: str, conversations: int = 40, bookings: int = 20,
                 today: Optional[dt.date] = None) -> List[Script]:
    """`bookings` booking conversations and the rest FAQ ones, alternating so both kinds start together."""
    if not 0 <= bookings <= conversations:
        raise ValueError("bookings must be between 0 and the number of conversations")
    faqs = conversations - bookings
    scripts: List[Script] = []
    made = {"booking": 0, "faq": 0}
    for _ in range(conversations):
        booking = made["booking"] < bookings and (made["faq"] >= faqs or made["booking"] <= made["faq"])
        if booking:
            scripts.append(booking_script(f"scale-{run_id}-b{made['booking']:02d}", made["booking"], today))
            made["booking"] += 1
        else:
            scripts.append(faq_script(f"scale-{run_id}-f{made['faq']:02d}", made["faq"]))
            made["faq"] += 1
    return scripts


# -- sending, with bounded retries --------------------------------------------------------------
@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    first_backoff_s: float = 0.5
    factor: float = 2.0
    max_backoff_s: float = 5.0
    request_timeout_s: float = 130.0  # above nginx's: it tries the other replica itself before giving up

    def backoffs(self) -> List[float]:
        """The pauses between attempts (one fewer than the attempts)."""
        return [min(self.max_backoff_s, self.first_backoff_s * self.factor ** n) for n in range(self.attempts - 1)]


@dataclass
class Attempt:
    started: float
    ended: float
    status: Optional[int] = None  # HTTP status, None when there was no answer
    error: Optional[str] = None


@dataclass
class Outcome:
    replies: Optional[List[Dict[str, Any]]]
    attempts: List[Attempt]
    error: Optional[str] = None


Post = Callable[..., Any]  # requests.post's shape: post(url, json=..., timeout=...) -> response


def send_with_retries(post: Post, url: str, payload: Dict[str, Any], policy: RetryPolicy, deadline: float,
                      clock: Callable[[], float] = time.monotonic,
                      sleep: Callable[[float], Any] = time.sleep) -> Outcome:
    """POST until a 200 with a JSON list, at most `policy.attempts` times and never past `deadline`.

    Retried: no answer (connection refused or reset, a timeout), 409, 429, 500, 502, 503, 504. Not retried:
    any other status (400, 401, ...), which would fail the same way again.
    """
    attempts: List[Attempt] = []
    backoffs = policy.backoffs()
    error = "deadline passed before the first attempt"
    for number in range(policy.attempts):
        started = clock()
        if started >= deadline:
            error = f"deadline passed after {len(attempts)} attempts (last: {error})" if attempts else error
            break
        attempt = Attempt(started, started)
        try:
            response = post(url, json=payload, timeout=max(1.0, min(policy.request_timeout_s, deadline - started)))
            attempt.status = response.status_code
            if response.status_code == 200:
                body = response.json()
                if isinstance(body, list):
                    attempt.ended = clock()
                    attempts.append(attempt)
                    return Outcome(body, attempts)
                error = "the answer was not a JSON list"
            else:
                error = f"HTTP {response.status_code}"
        except (requests.RequestException, ValueError) as failure:
            attempt.error = error = type(failure).__name__
        attempt.ended = clock()
        attempts.append(attempt)
        if attempt.status is not None and attempt.status != 200 and attempt.status not in RETRY_STATUSES:
            break
        if number < len(backoffs):
            sleep(max(0.0, min(backoffs[number], deadline - clock())))
    return Outcome(None, attempts, error)


# -- the clients' addresses ----------------------------------------------------------------------
def client_address(number: int) -> str:
    """The loopback address conversation `number` sends from: 127.0.0.2 for the first, then the next ones."""
    address = FIRST_CLIENT + number
    if number < 0 or address not in LOOPBACK_NETWORK or address == LOOPBACK_NETWORK.broadcast_address:
        raise ValueError(f"no loopback client address for conversation {number}")
    return str(address)


class SourceAddressAdapter(HTTPAdapter):
    """requests' HTTP adapter whose connections leave from `source_ip` (the kernel picks the port)."""

    def __init__(self, source_ip: str, **kwargs: Any) -> None:
        self.source_ip = source_ip  # before HTTPAdapter.__init__, which makes the pool manager
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.source_ip, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(source_ip: str) -> requests.Session:
    """A requests session that sends every request from `source_ip`."""
    session = requests.Session()
    adapter = SourceAddressAdapter(source_ip)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


# -- the conversations --------------------------------------------------------------------------
@dataclass
class Message:
    sender: str
    kind: str
    index: int
    message_id: str
    text: str
    expect: Optional[str]
    sent_at: float  # seconds since the load started
    answered_at: Optional[float] = None
    replies: Optional[List[Dict[str, Any]]] = None
    attempts: List[Attempt] = field(default_factory=list)
    error: Optional[str] = None

    @property
    def answered(self) -> bool:
        """A non-empty reply came back."""
        return bool(self.replies)

    @property
    def latency(self) -> Optional[float]:
        return None if self.answered_at is None else self.answered_at - self.sent_at

    @property
    def reply_texts(self) -> List[str]:
        return [reply["text"] for reply in self.replies or [] if reply.get("text")]

    @property
    def as_expected(self) -> bool:
        return self.expect is None or self.expect in " ".join(self.reply_texts)


@dataclass
class LoadResult:
    scripts: List[Script]
    messages: List[Message]
    kill_at: Optional[float] = None  # seconds since the load started
    killed_pid: Optional[int] = None
    answered_at_kill: int = 0
    duration_s: float = 0.0
    timed_out: bool = False

    @property
    def planned_turns(self) -> int:
        return sum(len(script.turns) for script in self.scripts)

    def references(self) -> Dict[str, Optional[str]]:
        """Each booking conversation's reference, from the reply to its last turn (None if none came)."""
        found: Dict[str, Optional[str]] = {s.sender: None for s in self.scripts if s.kind == "booking"}
        for message in self.messages:
            if message.kind == "booking" and message.index == len(self.script(message.sender).turns) - 1:
                match = REFERENCE.search(" ".join(message.reply_texts))
                found[message.sender] = match.group(0) if match else None
        return found

    def script(self, sender: str) -> Script:
        return next(script for script in self.scripts if script.sender == sender)

    def rate_limited(self) -> int:
        """How many requests the replicas refused with 429 (a client over its address's or its own limit)."""
        return sum(1 for message in self.messages for attempt in message.attempts if attempt.status == RATE_LIMITED)


class Load:
    """Runs the conversations against `url`, calls `kill` once half of the turns are answered."""

    def __init__(self, url: str, scripts: Sequence[Script], kill: Callable[[], int], log: Callable[[str], None],
                 policy: Optional[RetryPolicy] = None, deadline_s: float = 360,
                 think_s: Tuple[float, float] = (0.2, 1.0),
                 stagger_s: float = 0.15, kill_fraction: float = 0.5, seed: int = 7,
                 progress_every_s: float = 5.0) -> None:
        self.url = url.rstrip("/") + WEBHOOK
        self.scripts = list(scripts)
        self.kill = kill
        self.log = log
        self.policy = policy or RetryPolicy()
        self.deadline_s = deadline_s
        self.think_s = think_s
        self.stagger_s = stagger_s
        self.kill_fraction = kill_fraction
        self.seed = seed
        self.progress_every_s = progress_every_s
        self.messages: List[Message] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.started = 0.0

    def now(self) -> float:
        return time.monotonic() - self.started

    def _conversation(self, number: int, script: Script) -> None:
        rng = random.Random(self.seed * 1000 + number)
        session = session_from(client_address(number))
        try:
            if self.stop.wait(number * self.stagger_s):
                return
            for index, turn in enumerate(script.turns):
                if self.stop.is_set() or self.now() >= self.deadline_s:
                    return
                message = Message(script.sender, script.kind, index, f"{script.sender}-{index}", turn.text, turn.expect,
                                  sent_at=self.now())
                with self.lock:
                    self.messages.append(message)
                outcome = send_with_retries(session.post, self.url,
                                            {"sender": script.sender, "message": turn.text,
                                             "message_id": message.message_id},
                                            self.policy, deadline=self.started + self.deadline_s)
                message.attempts = outcome.attempts
                message.replies = outcome.replies
                message.error = outcome.error
                if outcome.replies is not None:
                    message.answered_at = self.now()
                if not message.answered:
                    return  # the conversation cannot go on as planned; the checks report it
                if self.stop.wait(rng.uniform(*self.think_s)):
                    return
        finally:
            session.close()

    def answered(self) -> int:
        with self.lock:
            return sum(1 for message in self.messages if message.answered)

    def run(self) -> LoadResult:
        result = LoadResult(self.scripts, self.messages)
        planned = result.planned_turns
        kill_after = int(planned * self.kill_fraction)
        self.started = time.monotonic()
        threads = [threading.Thread(target=self._conversation, args=(n, s), daemon=True, name=s.sender)
                   for n, s in enumerate(self.scripts)]
        for thread in threads:
            thread.start()
        self.log(f"load: {len(self.scripts)} conversations, {planned} turns, each conversation from its own "
                 f"address ({client_address(0)} to {client_address(max(0, len(self.scripts) - 1))}); "
                 f"a replica is killed after {kill_after} answers")
        next_progress = self.progress_every_s
        try:
            # bounded: the deadline, plus one request timeout for the messages still in flight
            while any(t.is_alive() for t in threads) and self.now() < self.deadline_s + self.policy.request_timeout_s:
                answered = self.answered()
                if result.kill_at is None and (answered >= kill_after or self.now() >= self.deadline_s / 2):
                    result.kill_at = self.now()
                    result.answered_at_kill = answered
                    result.killed_pid = self.kill()
                    self.log(f"kill: SIGKILL Rasa replica pid {result.killed_pid} at {result.kill_at:.1f}s, "
                             f"after {answered}/{planned} answers" if result.killed_pid else
                             f"kill: none (measuring only) at {result.kill_at:.1f}s, "
                             f"after {answered}/{planned} answers")
                if self.now() >= next_progress:
                    self.log(self.progress(planned))
                    next_progress += self.progress_every_s
                time.sleep(0.05)
        finally:
            self.stop.set()
        result.timed_out = any(t.is_alive() for t in threads) or self.now() >= self.deadline_s
        for thread in threads:
            thread.join(timeout=1)
        result.duration_s = self.now()
        self.log(self.progress(planned) + " (done)")
        return result

    def progress(self, planned: int) -> str:
        with self.lock:
            messages = list(self.messages)
        answered = sum(1 for m in messages if m.answered)
        failed = sum(1 for m in messages if m.answered_at is None and m.error)
        retried = sum(1 for m in messages if len(m.attempts) > 1)
        in_flight = sum(1 for m in messages if m.answered_at is None and not m.error)
        return (f"load: {self.now():5.1f}s answered={answered}/{planned} in_flight={in_flight} "
                f"retried_by_client={retried} failed={failed}")


# -- the interruption -----------------------------------------------------------------------------
def interruption(messages: Sequence[Message], kill_at: float) -> Dict[str, Optional[float]]:
    """How long the kill interrupted service, from the messages' times (seconds).

    - `worst_wait_s`: the longest any message in flight at the kill or sent after it waited
      for its answer (an unanswered one counts until the last answer of the load);
    - `in_flight`, `in_flight_max_s`: the messages in flight at the kill and their longest wait
      (those the dead replica held: nginx passes them on, they wait for its lock tickets);
    - `after_max_s`: the longest wait of a message sent after the kill (nginx routes around it);
    - `baseline_max_s`, `baseline_median_s`: the waits of the messages answered before the kill.
    """
    end = max([kill_at] + [m.answered_at for m in messages if m.answered_at is not None])

    def wait(message: Message) -> float:
        return (message.answered_at if message.answered_at is not None else end) - message.sent_at

    before = [wait(m) for m in messages if m.answered_at is not None and m.answered_at <= kill_at]
    in_flight = [wait(m) for m in messages
                 if m.sent_at <= kill_at and (m.answered_at is None or m.answered_at > kill_at)]
    after = [wait(m) for m in messages if m.sent_at > kill_at]
    return {
        "worst_wait_s": max(in_flight + after, default=None),
        "in_flight": len(in_flight),
        "in_flight_max_s": max(in_flight, default=None),
        "after_max_s": max(after, default=None),
        "baseline_max_s": max(before, default=None),
        "baseline_median_s": statistics.median(before) if before else None,
    }
