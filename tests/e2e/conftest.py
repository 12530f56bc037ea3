"""Starts the real action server and Rasa server on free ports for whole conversations."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from actions.storage import BookingStore

PROJECT_DIR = Path(__file__).resolve().parents[2]
MODEL = PROJECT_DIR / "models" / "clinic.tar.gz"
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not come up in {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


class Servers:
    def __init__(self, rasa_url: str, bookings_url: str, conversations_db: Path):
        self.rasa_url = rasa_url
        self.bookings = BookingStore(bookings_url)
        self.conversations_db = conversations_db

    def say(self, sender: str, message: str) -> list:
        reply = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        reply.raise_for_status()
        return reply.json()


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    work = tmp_path_factory.mktemp("e2e")
    action_port, rasa_port = free_port(), free_port()
    conversations_db = work / "conversations.db"
    endpoints = work / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n'
        f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{conversations_db}"\n'
    )
    bookings_url = f"sqlite:///{work / 'bookings.db'}"
    env = {**os.environ, "BOOKINGS_DATABASE_URL": bookings_url, "RASA_TELEMETRY_ENABLED": "false"}
    processes = []
    try:
        action_log = work / "actions.log"
        actions = subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
            cwd=PROJECT_DIR, env=env, stdout=action_log.open("w"), stderr=subprocess.STDOUT,
        )
        processes.append(actions)
        rasa_log = work / "rasa.log"
        rasa = subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(rasa_port), "--interface", "127.0.0.1",
             "--credentials", "credentials.yml", "--endpoints", str(endpoints)],
            cwd=PROJECT_DIR, env=env, stdout=rasa_log.open("w"), stderr=subprocess.STDOUT,
        )
        processes.append(rasa)
        wait_until_up(f"http://127.0.0.1:{action_port}/health", actions, action_log)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", rasa, rasa_log)
        servers = Servers(f"http://127.0.0.1:{rasa_port}", bookings_url, conversations_db)
        yield servers
        servers.bookings.dispose()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
