"""Faults, with the real service stopped and started again: the action server, the bookings database, Redis.

These servers run as in production: bookings in PostgreSQL, the Redis lock store, and REST
behind a token (REST_TOKEN), which the first test checks.
"""
import secrets
import time
import uuid

import pytest
import requests

from core.settings import clinic
from harness.servers import running_servers
from tests.e2e.conftest import MODEL, PROJECT_DIR
from tests.e2e.test_conversations import REFERENCE, a_future_weekday_text, texts
from tests.redis_server import RedisServer

TROUBLE = "having a technical problem"
REST_TOKEN = secrets.token_urlsafe(24)


@pytest.fixture(scope="module")
def redis():
    server = RedisServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def servers(tmp_path_factory, postgres, redis):
    lock_store = (f"lock_store:\n  type: stores.lock_store.ClinicRedisLockStore\n  url: 127.0.0.1\n  port: {redis.port}\n  db: 0\n"
                  f"  key_prefix: clinic\n  socket_timeout: 5\n")
    with running_servers(MODEL, tmp_path_factory.mktemp("faults"), project_dir=PROJECT_DIR,
                         env={"BOOKINGS_DATABASE_URL": postgres.new_database(), "REST_TOKEN": REST_TOKEN},
                         endpoints_extra=lock_store) as running:
        yield running


def booked_up_to_the_summary(servers, sender):
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Noor Haddad")
    servers.say(sender, "noor.h@example.com")
    servers.say(sender, a_future_weekday_text())
    servers.say(sender, "skip")
    assert "Please check your request" in texts(servers.say(sender, "yes I agree"))


def test_rest_with_a_token_set_refuses_calls_without_it(servers):
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    body = {"sender": f"faults-{uuid.uuid4()}", "message": "does it hurt?"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": REST_TOKEN}):
        assert requests.post(url, json=body, headers=headers, timeout=30).status_code == 401
    answered = requests.post(url, json=body, headers={"Authorization": f"Bearer {REST_TOKEN}"}, timeout=60)
    assert answered.status_code == 200 and "numbing cream" in answered.json()[0]["text"]


def test_action_server_down_gets_an_apology_and_the_clinic_then_the_conversation_goes_on(servers):
    sender = f"faults-{uuid.uuid4()}"
    assert "numbing cream" in texts(servers.say(sender, "does it hurt?"))
    servers.stop_actions()
    try:
        reply = texts(servers.say(sender, "how many sessions will I need?"))
        assert TROUBLE in reply and clinic().phone in reply
        assert requests.get(servers.rasa_url + "/", timeout=10).ok  # Rasa itself is fine
    finally:
        servers.start_actions()
    assert "3-6 treatments" in texts(servers.say(sender, "how many sessions will I need?"))


def test_database_down_during_a_booking_claims_nothing_and_it_works_again_after(servers, postgres):
    sender = f"faults-{uuid.uuid4()}"
    booked_up_to_the_summary(servers, sender)
    postgres.pause()
    try:
        reply = texts(servers.say(sender, "yes send it"))
    finally:
        postgres.resume()
    assert "couldn't save your request" in reply and "nothing has been booked" in reply
    assert clinic().phone in reply and not REFERENCE.search(reply)
    assert [row for row in servers.bookings.all() if row["conversation_id"] == sender] == []

    # the database is back: asking to book again picks the request up with what was given, and it is sent
    again = texts(servers.say(sender, "book a consultation"))
    assert "Please check your request" in again and "Noor Haddad" in again and "noor.h@example.com" in again
    reference = REFERENCE.search(texts(servers.say(sender, "yes send it"))).group(0)
    assert [row["reference"] for row in servers.bookings.all() if row["conversation_id"] == sender] == [reference]


def test_redis_down_gets_a_clear_answer_not_a_hung_request(servers, redis):
    sender = f"faults-{uuid.uuid4()}"
    assert "numbing cream" in texts(servers.say(sender, "does it hurt?"))
    redis.stop()
    try:
        started = time.monotonic()
        reply = texts(servers.say(sender, "how many sessions will I need?"))  # requests' own timeout: 60 s
        took = time.monotonic() - started
    finally:
        redis.start()
    print(f"with Redis down the answer took {took:.1f} s")
    assert TROUBLE in reply and clinic().phone in reply
    assert "3-6 treatments" in texts(servers.say(sender, "how many sessions will I need?"))
