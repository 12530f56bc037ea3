"""What `make bench` measures, one assistant at a time, against servers already running.

- latency: conversations one after another over REST, each message timed from the POST to
  the whole answer (Rasa, the tracker store and the action server's calls included);
- throughput: the same conversations, `concurrency` at a time, messages answered per second;
- growth: one long conversation that cycles questions and the walk-through (never a
  booking, so no form is started), the median of its first and of its last turns;
- peak RSS of the Rasa server and of the action server (/proc/<pid>/status: VmHWM, and
  VmRSS polled, since psutil is not installed);
- training time (`rasa train --force`, wall time) and the intent weighted F1 of
  `rasa test nlu` on the held-out set.

Every request has a timeout no later than the run's deadline; every count is bounded by the
caller. Load stays on the loopback servers harness/servers.py started.
"""
import json
import math
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

import requests

from harness.scale.load import Script, Turn, booking_script, faq_script

BIN = Path(sys.executable).parent
WEBHOOK = "/webhooks/rest/webhook"
REQUEST_TIMEOUT_S = 60.0

# The long conversation: questions and the walk-through, in a cycle. Nothing here starts the
# booking form (no "book", no "yes" to an offered consultation).
LONG_CYCLE = (
    "does microneedling hurt?",
    "how many sessions will I need",
    "can you walk me through it step by step",
    "next",
    "next",
    "how long does a treatment take",
    "any side effects?",
    "what are your opening hours and where are you",
    "when will I see results?",
    "thanks",
)


class DeadlinePassed(RuntimeError):
    """The run's overall deadline passed: stop measuring, report what there is."""


class Deadline:
    def __init__(self, seconds: float, clock=time.monotonic) -> None:
        self.clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        return self.at - self.clock()

    def timeout(self, wanted: float) -> float:
        """`wanted`, cut to what is left; DeadlinePassed when nothing is."""
        left = self.remaining()
        if left <= 0:
            raise DeadlinePassed("the bench's deadline passed")
        return max(0.5, min(wanted, left))


# -- percentiles ----------------------------------------------------------------------------------
def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks (numpy's default); nan when empty."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


# -- messages ---------------------------------------------------------------------------------------
@dataclass
class Timed:
    sender: str
    text: str
    seconds: float
    replies: int = 0
    expected: Optional[bool] = None  # the replies held the turn's `expect` text (None: nothing expected)
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Client:
    """POSTs to the REST channel, one `requests.Session` per thread."""

    def __init__(self, rasa_url: str, deadline: Deadline, token: str = "", timeout_s: float = REQUEST_TIMEOUT_S):
        self.url = rasa_url + WEBHOOK
        self.deadline = deadline
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.timeout_s = timeout_s
        self._local = threading.local()

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session

    def send(self, sender: str, turn: Turn) -> Timed:
        timeout = self.deadline.timeout(self.timeout_s)
        started = time.perf_counter()
        try:
            response = self._session().post(self.url, json={"sender": sender, "message": turn.text},
                                            headers=self.headers, timeout=timeout)
            seconds = time.perf_counter() - started
            if response.status_code != 200:
                return Timed(sender, turn.text, seconds, error=f"HTTP {response.status_code}")
            replies = response.json()
        except (requests.RequestException, ValueError) as failure:
            return Timed(sender, turn.text, time.perf_counter() - started, error=type(failure).__name__)
        texts = " ".join(str(reply.get("text") or "") for reply in replies if isinstance(reply, dict))
        expected = None if turn.expect is None else turn.expect.lower() in texts.lower()
        return Timed(sender, turn.text, seconds, replies=len(replies), expected=expected,
                     error=None if replies else "no reply")


def conversations(run_id: str, count: int, turns: Optional[int] = None) -> List[Script]:
    """`count` realistic conversations of 9 turns: a greeting, then harness/scale/load.py's scripts
    (half questions and the walk-through, half a booking from name to reference), alternating.
    `turns` cuts each one short (the smoke test)."""
    made: List[Script] = []
    for index in range(count):
        sender = f"bench-{run_id}-{index:03d}"
        script = faq_script(sender, index // 2) if index % 2 == 0 else booking_script(sender, index // 2)
        steps = (Turn("hi", "online assistant"),) + script.turns
        made.append(Script(sender, script.kind, steps[:turns] if turns else steps))
    return made


def talk(client: Client, script: Script) -> List[Timed]:
    return [client.send(script.sender, turn) for turn in script.turns]


def summarise(timed: Sequence[Timed]) -> Dict[str, float]:
    answered = [t.seconds for t in timed if t.ok]
    checked = [t for t in timed if t.expected is not None]
    return {
        "messages": len(timed),
        "errors": sum(not t.ok for t in timed),
        "p50_ms": percentile(answered, 50) * 1000,
        "p95_ms": percentile(answered, 95) * 1000,
        "expected": sum(bool(t.expected) for t in checked),
        "checked": len(checked),
    }


def latency(client: Client, scripts: Sequence[Script]) -> Dict[str, float]:
    """Conversations one after another: p50 and p95 per message."""
    timed: List[Timed] = []
    for script in scripts:
        timed.extend(talk(client, script))
    return summarise(timed)


def throughput(client: Client, scripts: Sequence[Script], concurrency: int = 8) -> Dict[str, float]:
    """`concurrency` conversations at a time (each one's turns in order): answered messages per second."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda script: talk(client, script), scripts))
    seconds = time.perf_counter() - started
    timed = [t for conversation in results for t in conversation]
    result = summarise(timed)
    result.update(seconds=seconds, concurrency=concurrency,
                  per_s=sum(t.ok for t in timed) / seconds if seconds > 0 else math.nan)
    return result


def growth(client: Client, sender: str, turns: int = 200, window: int = 10) -> Dict[str, object]:
    """One conversation of `turns` messages: p50 of the first `window` turns and of the last `window`."""
    window = max(1, min(window, turns // 2))
    timed = [client.send(sender, Turn(LONG_CYCLE[n % len(LONG_CYCLE)])) for n in range(turns)]
    first = [t.seconds for t in timed[:window] if t.ok]
    last = [t.seconds for t in timed[-window:] if t.ok]
    first_p50, last_p50 = percentile(first, 50) * 1000, percentile(last, 50) * 1000
    return {
        "turns": turns, "window": window, "errors": sum(not t.ok for t in timed),
        "first_p50_ms": first_p50, "last_p50_ms": last_p50,
        "ratio": last_p50 / first_p50 if first_p50 > 0 else math.nan,
        "per_turn_ms": [round(t.seconds * 1000, 1) for t in timed],
    }


# -- memory ---------------------------------------------------------------------------------------
def proc_status_kb(pid: int, key: str) -> Optional[int]:
    """A `kB` line of /proc/<pid>/status (VmRSS, VmHWM), None when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def cmdline(pid: int) -> List[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def children(parent: int) -> List[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


def server_pids(parent: Optional[int] = None) -> Dict[str, int]:
    """The pids of the Rasa server and the action server this process started (harness/servers.py)."""
    pids: Dict[str, int] = {}
    for pid in children(parent or os.getpid()):
        args = cmdline(pid)
        if "actions.server" in args:
            pids["actions"] = pid
        elif "run" in args and "--model" in args:
            pids["rasa"] = pid
    return pids


class RssPoller:
    """Polls VmRSS of each pid in a thread; `peaks()` gives the larger of that and the kernel's VmHWM, in MB."""

    def __init__(self, pids: Dict[str, int], every_s: float = 0.5) -> None:
        self.pids = pids
        self.every_s = every_s
        self.polled: Dict[str, int] = {name: 0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.every_s)

    def poll(self) -> None:
        for name, pid in self.pids.items():
            self.polled[name] = max(self.polled[name], proc_status_kb(pid, "VmRSS") or 0)

    def __enter__(self) -> "RssPoller":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def peaks(self) -> Dict[str, float]:
        """Peak RSS per server in MB (call while the servers still run: VmHWM goes with the process)."""
        self.poll()
        return {name: max(self.polled[name], proc_status_kb(pid, "VmHWM") or 0) / 1024
                for name, pid in self.pids.items()}


# -- training and NLU -----------------------------------------------------------------------------
def rasa_env(cache_dir: Path) -> Dict[str, str]:
    """No shared training cache: every component is trained (`--force`), and .rasa/ is left alone."""
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "RASA_MAX_CACHE_SIZE": "0",
            "RASA_CACHE_DIRECTORY": str(cache_dir)}


def train(project_dir: Path, config: Path, out_dir: Path, name: str, log: Path, timeout_s: float) -> float:
    """`rasa train --force` with `config` into `out_dir/<name>.tar.gz`; returns its wall time in seconds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [str(BIN / "rasa"), "train", "--force", "--config", str(config), "--out", str(out_dir),
               "--fixed-model-name", name]
    started = time.perf_counter()
    with log.open("w") as output:
        done = subprocess.run(command, cwd=project_dir, env=rasa_env(out_dir / f"cache-{name}"), stdout=output,
                              stderr=subprocess.STDOUT, timeout=timeout_s)
    seconds = time.perf_counter() - started
    if done.returncode != 0 or not (out_dir / f"{name}.tar.gz").exists():
        raise RuntimeError(f"training {name} failed ({done.returncode}): see {log}")
    return seconds


def intent_f1(project_dir: Path, model: Path, nlu: Path, out_dir: Path, log: Path, timeout_s: float) -> float:
    """`rasa test nlu` on `nlu`: the weighted average F1 of intent_report.json."""
    command = [str(BIN / "rasa"), "test", "nlu", "--model", str(model), "--nlu", str(nlu), "--out", str(out_dir)]
    with log.open("w") as output:
        done = subprocess.run(command, cwd=project_dir, env=rasa_env(out_dir / "cache"), stdout=output,
                              stderr=subprocess.STDOUT, timeout=timeout_s)
    report = out_dir / "intent_report.json"
    if done.returncode != 0 or not report.exists():
        raise RuntimeError(f"rasa test nlu failed ({done.returncode}): see {log}")
    return float(json.loads(report.read_text())["weighted avg"]["f1-score"])


@dataclass
class Measured:
    """One assistant's figures; None where not measured."""
    name: str
    model: str = ""
    cold_start_s: Optional[float] = None
    latency: Dict[str, float] = field(default_factory=dict)
    throughput: Dict[str, float] = field(default_factory=dict)
    growth: Dict[str, object] = field(default_factory=dict)
    rss_mb: Dict[str, float] = field(default_factory=dict)
    train_s: Optional[float] = None
    intent_f1: Optional[float] = None
    notes: List[str] = field(default_factory=list)
