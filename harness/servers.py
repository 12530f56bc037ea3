"""Start the real action server and Rasa server on free loopback ports, for whole conversations.

Used by the end-to-end tests (tests/e2e/conftest.py) and by evaluation/real_questions_report.py:

    with running_servers(Path("models/clinic.tar.gz"), work_dir) as servers:
        servers.say("some-sender", "hello")

Each run gets its own endpoints.yml, SQLite tracker store and SQLite booking database in
`work_dir`, so nothing touches var/ or the ports of `make run`.
"""
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

import requests

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 240
STOP_TIMEOUT_S = 30
LOOPBACK = "127.0.0.1"


_HANDED_OUT: set = set()  # ports this process was given already: the kernel may offer a released one again


def free_port() -> int:
    """A free loopback port, never one this process was given before (the scale stack once got the same
    port for both of nginx's servers, which then shadowed each other)."""
    while True:
        with socket.socket() as sock:
            sock.bind((LOOPBACK, 0))
            port = sock.getsockname()[1]
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not come up in {timeout_s}s:\n{log.read_text()[-3000:]}")


def say(rasa_url: str, sender: str, message: str, timeout_s: float = 60, token: str = "") -> list:
    """Send one message over the REST channel and return the bot's messages."""
    reply = requests.post(
        f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout_s,
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )
    reply.raise_for_status()
    return reply.json()


class Servers:
    """The running servers: Rasa's URL, the booking store and the tracker store's SQLite file."""

    def __init__(self, rasa_url: str, bookings_url: str, conversations_db: Path):
        self.restart_rasa = None  # set by running_servers: stop Rasa and start it again on its port
        self.stop_actions = None  # ... and stop or start the action server
        self.start_actions = None
        self.log_files: List[Path] = []  # what the action server and Rasa logged
        self.rest_token = ""  # REST_TOKEN, when the servers were started with one
        self.action_url = ""  # the action server, and the token Rasa sends it
        self.action_token = ""
        self.handover_token = ""  # the token the staff console sends to Rasa's hand-over routes
        self.rasa_url = rasa_url
        self.bookings_url = bookings_url
        self.conversations_db = conversations_db
        self._bookings = None

    @property
    def bookings(self):
        """The booking store the action server writes to (opened on first use)."""
        if self._bookings is None:
            from core.database import BookingStore  # only the tests need it

            self._bookings = BookingStore(self.bookings_url)
        return self._bookings

    def say(self, sender: str, message: str) -> list:
        return say(self.rasa_url, sender, message, token=self.rest_token)

    def close(self) -> None:
        if self._bookings is not None:
            self._bookings.dispose()
            self._bookings = None


def _stop(processes: List[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_servers(
    model_path: Path,
    work_dir: Path,
    project_dir: Optional[Path] = None,
    env: Optional[Dict[str, str]] = None,
    cors: Sequence[str] = (),
    endpoints_extra: str = "",
) -> Iterator[Servers]:
    """Start the action server (`python -m actions.server`) and `rasa run` on free loopback ports; stop both on exit.

    Logs (actions.log, rasa.log), endpoints.yml, conversations.db and bookings.db go to work_dir.
    `env` adds environment variables for both (the channels' settings; BOOKINGS_DATABASE_URL
    replaces the SQLite bookings file); `cors` lists the origins Rasa allows (the widget's
    page); `endpoints_extra` is appended to the endpoints file (a lock store, say).
    """
    project_dir = Path(project_dir or PROJECT_DIR)
    model_path = Path(model_path).resolve()
    if not model_path.exists():
        raise FileNotFoundError(f"no trained model at {model_path}: run `make train` first")
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    action_port, rasa_port = free_port(), free_port()
    conversations_db = work_dir / "conversations.db"
    endpoints = work_dir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://{LOOPBACK}:{action_port}/webhook"\n'
        f'  headers:\n    Authorization: Bearer ${{ACTION_SERVER_TOKEN}}\n'
        f'tracker_store:\n  type: stores.tracker_store.ClinicTrackerStore\n  dialect: "sqlite"\n  db: "{conversations_db}"\n'
        + endpoints_extra
    )
    bookings_url = (env or {}).get("BOOKINGS_DATABASE_URL") or f"sqlite:///{work_dir / 'bookings.db'}"
    action_token = secrets.token_urlsafe(32)
    handover_token = (env or {}).get("HANDOVER_TOKEN") or secrets.token_urlsafe(32)
    # Tests and reports send many messages from one address: generous limits unless the caller sets them.
    limits = {"RATE_LIMIT_PER_SENDER": "1000/60", "RATE_LIMIT_PER_ADDRESS": "100000/60"}
    env = {**os.environ, **limits, **(env or {}), "BOOKINGS_DATABASE_URL": bookings_url, "RASA_TELEMETRY_ENABLED": "false",
           "ACTION_SERVER_TOKEN": action_token, "HANDOVER_TOKEN": handover_token}
    processes: List[subprocess.Popen] = []
    servers = None
    try:
        action_log = work_dir / "actions.log"
        action_command = [str(BIN / "python"), "-m", "actions.server", "--port", str(action_port)]

        def start_actions() -> subprocess.Popen:
            with action_log.open("a") as log:
                started = subprocess.Popen(action_command, cwd=project_dir, env={**env, "ACTION_SERVER_HOST": LOOPBACK},
                                           stdout=log, stderr=subprocess.STDOUT)
            processes.append(started)
            return started

        actions = start_actions()
        rasa_log = work_dir / "rasa.log"
        rasa_command = [
            str(BIN / "rasa"), "run", "--model", str(model_path), "--port", str(rasa_port),
            "--interface", LOOPBACK, "--credentials", "credentials.yml", "--endpoints", str(endpoints),
            *(["--cors", *cors] if cors else []),
        ]

        def start_rasa() -> subprocess.Popen:
            with rasa_log.open("a") as log:
                started = subprocess.Popen(rasa_command, cwd=project_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
            processes.append(started)
            return started

        rasa = start_rasa()
        wait_until_up(f"http://{LOOPBACK}:{action_port}/health", actions, action_log)
        wait_until_up(f"http://{LOOPBACK}:{rasa_port}/", rasa, rasa_log)
        servers = Servers(f"http://{LOOPBACK}:{rasa_port}", bookings_url, conversations_db)
        servers.log_files = [action_log, rasa_log]
        servers.rest_token = env.get("REST_TOKEN", "")
        servers.action_url = f"http://{LOOPBACK}:{action_port}"
        servers.action_token = action_token
        servers.handover_token = handover_token

        def restart_rasa(down_s: float = 0) -> None:
            """Stop Rasa (SIGTERM), wait `down_s`, start it again on the same port, wait until it is up."""
            _stop([process for process in processes if process.args == rasa_command and process.poll() is None])
            time.sleep(down_s)
            wait_until_up(servers.rasa_url + "/", start_rasa(), rasa_log)

        def stop_actions() -> None:
            """Stop the action server (SIGTERM)."""
            _stop([process for process in processes if process.args == action_command and process.poll() is None])

        def start_actions_again() -> None:
            """Start the action server again on its port and wait until it is up."""
            wait_until_up(f"{servers.action_url}/health", start_actions(), action_log)

        servers.restart_rasa = restart_rasa
        servers.stop_actions = stop_actions
        servers.start_actions = start_actions_again
        yield servers
    finally:
        if servers is not None:
            servers.close()
        _stop(processes)
