"""`make run`'s mail catcher (ops/mail_catcher.py): a booking's email lands in a folder, and
ops/run.sh starts the catcher, says where the emails are and stops it with the rest."""
import email
import email.policy
import os
import queue
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml

from core.settings import clinic
from harness.servers import LOOPBACK, free_port, running_servers
from tests.e2e.conftest import MODEL, PROJECT_DIR
from tests.e2e.test_conversations import REFERENCE, a_future_weekday_text, texts

PYTHON = Path(sys.executable)
NAME = "Imogen Achterberg"
CONTACT = "imogen.achterberg@example.org"


def clinic_file(tmp_path: Path, smtp_port: int) -> Path:
    """clinic.yml with the booking email sent to `smtp_port`, and looked for every half second."""
    settings = yaml.safe_load((PROJECT_DIR / "clinic.yml").read_text())
    settings["notifications"]["email"]["smtp_port"] = smtp_port
    settings["notifications"]["interval_seconds"] = 0.5
    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True))
    return path


class Lines:
    """A process's stdout, line by line, read in a thread so that a test can wait with a deadline."""

    def __init__(self, stream) -> None:
        self.lines: "queue.Queue[str]" = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def until(self, start: str, timeout_s: float = 60) -> str:
        deadline = time.monotonic() + timeout_s
        while True:
            line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            self.seen.append(line)
            if line.startswith(start):
                return line


def wait_for_files(folder: Path, count: int, timeout_s: float = 30) -> list:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.eml")) if folder.exists() else []
        if len(files) >= count:
            return files
        time.sleep(0.1)
    raise AssertionError(f"{count} email(s) expected in {folder} within {timeout_s}s")


def wait_for_text(log: Path, text: str, timeout_s: float = 30) -> str:
    """The log's text once it holds `text`; its text as it is after `timeout_s` otherwise, for the assert to show."""
    deadline = time.monotonic() + timeout_s
    while text not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    return log.read_text()


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex((LOOPBACK, port)) == 0


def book(servers) -> str:
    """Books a consultation, answering each of the form's questions as it comes; returns the reference."""
    sender = f"mail-{uuid.uuid4()}"
    answers = {"What's your name?": NAME, "email address or a phone number": CONTACT,
               "When would you like to come in?": a_future_weekday_text(), "What would you like to have looked at?": "skip",
               "May the clinic keep these details": "yes", "Shall I send it to the clinic?": "yes send it"}
    said = texts(servers.say(sender, "/book_consultation"))
    for _ in range(len(answers)):
        asked = [question for question in answers if question in said]
        assert asked, said
        said = texts(servers.say(sender, answers[asked[-1]]))
        reference = REFERENCE.search(said)
        if reference:
            return reference.group(0)
    raise AssertionError(f"no booking reference after all the answers: {said}")


def test_a_booking_email_is_caught_and_kept_as_a_file(tmp_path):
    smtp_port = free_port()
    config = clinic_file(tmp_path, smtp_port)
    mail_dir = tmp_path / "mail"
    catcher_log = tmp_path / "mail_catcher.log"
    with catcher_log.open("w") as log:
        catcher = subprocess.Popen([str(PYTHON), "-m", "ops.mail_catcher", str(mail_dir)], cwd=PROJECT_DIR,
                                   env={**os.environ, "CLINIC_CONFIG": str(config)},
                                   stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        said = catcher.stdout.readline()
        assert said == f"Booking emails: caught on 127.0.0.1:{smtp_port} and written to {mail_dir}/ (one .eml file each)\n"
        with running_servers(MODEL, tmp_path / "servers", project_dir=PROJECT_DIR,
                             env={"CLINIC_CONFIG": str(config)}) as servers:
            reference = book(servers)
            [caught] = wait_for_files(mail_dir, 1)
            # The catcher writes the file as the message arrives; the outbox logs "sent" only once the
            # SMTP exchange has ended, a moment later, so the log is waited for rather than read at once.
            action_log = wait_for_text(servers.log_files[0], "sent the email notification of booking")
    finally:
        catcher.send_signal(signal.SIGINT)  # Ctrl-C
        catcher.wait(timeout=30)

    message = email.message_from_bytes(caught.read_bytes(), policy=email.policy.default)
    reception = clinic().notifications.email
    assert message["Subject"] == f"New consultation request {reference}"
    assert message["X-Booking-Reference"] == reference
    assert message["From"] == reception.sender and message["To"] == ", ".join(reception.recipients)
    body = message.get_content()
    assert f"Reference:      {reference}" in body and NAME in body and CONTACT in body
    logged = catcher_log.read_text()
    assert logged.count("caught an email") == 1 and str(caught) in logged and reference in logged
    assert catcher.returncode == 0 and "Traceback" not in logged
    assert "sent the email notification of booking" in action_log and "ConnectionRefusedError" not in action_log


@pytest.mark.parametrize("port_taken, ctrl_c", [
    (False, True),  # Ctrl-C in the terminal: every process of its group gets SIGINT
    (False, False),  # run.sh alone is told to stop (SIGTERM): it stops the others
    (True, True),  # something else listens on the mail port already
])
def test_run_sh_starts_the_catcher_says_where_the_emails_go_and_stops_it(tmp_path, port_taken, ctrl_c):
    smtp_port, chat_port = free_port(), free_port()
    mail_dir = tmp_path / "mail"
    environment = {
        **os.environ,
        "CLINIC_CONFIG": str(clinic_file(tmp_path, smtp_port)),
        "MAIL_DIR": str(mail_dir),
        "ACTION_PORT": str(free_port()), "RASA_PORT": str(free_port()), "CHAT_PORT": str(chat_port),
        "CONSOLE_PORT": str(free_port()),
        "BOOKINGS_DATABASE_URL": f"sqlite:///{tmp_path / 'bookings.db'}",
    }
    taken = socket.socket()
    if port_taken:  # something else is the mail server already
        taken.bind((LOOPBACK, smtp_port))
        taken.listen()
    with (tmp_path / "run.log").open("w") as log:
        run = subprocess.Popen(["bash", str(PROJECT_DIR / "ops" / "run.sh")], env=environment,
                               stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
    try:
        printed = Lines(run.stdout)
        printed.until("Chat page: ")
        said = printed.until("Booking emails: ")
        assert printed.seen[-2].startswith("Chat page: ")  # the two lines together
        if port_taken:
            assert said == (f"Booking emails: something already listens on 127.0.0.1:{smtp_port}, "
                            "so they go there; no mail catcher started")
            deadline = time.monotonic() + 30  # and the demo goes on: the chat page answers
            while not listening(chat_port) and time.monotonic() < deadline and run.poll() is None:
                time.sleep(0.1)
            assert listening(chat_port) and run.poll() is None
        else:
            assert said == f"Booking emails: caught on 127.0.0.1:{smtp_port} and written to {mail_dir}/ (one .eml file each)"
            sent = EmailMessage()
            sent["Subject"], sent["From"], sent["To"] = "a test", "demo@example.org", "reception@example.org"
            sent.set_content("caught?")
            with smtplib.SMTP(LOOPBACK, smtp_port, timeout=10) as smtp:
                smtp.send_message(sent)
            [caught] = wait_for_files(mail_dir, 1)
            assert email.message_from_bytes(caught.read_bytes(), policy=email.policy.default)["Subject"] == "a test"
        if ctrl_c:
            os.killpg(run.pid, signal.SIGINT)
        else:
            run.terminate()
        printed.until("stopped")
        run.wait(timeout=60)
    finally:
        taken.close()
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert not listening(smtp_port)
