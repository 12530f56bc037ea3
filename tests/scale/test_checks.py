"""The scale-out test's pure parts (harness/scale/): its checks on hand-made rows, the nginx
configuration it writes, the client's bounded retries, the conversations and the interruption
figure. No server is started here; `python -m harness.scale.run` runs the real thing.
"""
import datetime as dt
import json
import re
import subprocess

import pytest
import requests

from harness.scale import checks
from harness.scale.checks import EventRow, Sent
from harness.scale.load import (LoadResult, Message, RetryPolicy, Script, Turn, interruption, make_scripts,
                                send_with_retries)
from harness.scale.run import LOCK_LIFETIME_S
from harness.scale.services import (PRODUCTION_ENDPOINTS, READ_TIMEOUT_S, nginx_bin, nginx_config, redis_config,
                                    replica_env)


# -- trackers --------------------------------------------------------------------------------------
class Events:
    """Builds a conversation's rows the way Rasa's SQL tracker store writes them."""

    def __init__(self, sender="s1"):
        self.sender, self.rows, self.clock = sender, [], 1000.0

    def add(self, type_name, **data):
        self.clock += 0.01
        event = {"event": type_name, "timestamp": self.clock, **data}
        self.rows.append(EventRow(len(self.rows) + 1, self.sender, type_name, self.clock, None, data.get("name"),
                                  json.dumps(event)))
        return self

    def turn(self, message_id, text, *replies):
        self.add("user", text=text, message_id=f"rest-{message_id}")
        for reply in replies:
            self.add("bot", text=reply)
        return self.add("action", name="action_listen")


def good_conversation():
    events = Events().add("action", name="action_session_start").add("session_started")
    events.turn("s1-0", "does it hurt?", "A numbing cream is used.").turn("s1-1", "next", "Step 2 of 4")
    sent = [Sent("s1-0", "does it hurt?", ("A numbing cream is used.",)), Sent("s1-1", "next", ("Step 2 of 4",))]
    return events, sent


def test_a_conversation_stored_as_it_was_held_passes():
    events, sent = good_conversation()
    assert checks.check_tracker("s1", events.rows, sent) == []


def test_a_user_message_stored_twice_is_found():
    events, sent = good_conversation()
    events.turn("s1-1", "next", "Step 2 of 4")  # the retry handled again, as new events
    problems = checks.check_tracker("s1", events.rows, sent)
    assert any("rest-s1-1 stored 2 times" in problem for problem in problems)


def test_an_event_saved_twice_is_found_even_when_not_consecutive():
    events, sent = good_conversation()
    first_bot = next(row for row in events.rows if row.type_name == "bot")
    events.rows.append(EventRow(99, "s1", first_bot.type_name, first_bot.timestamp, None, None, first_bot.data))
    problems = checks.check_tracker("s1", events.rows, sent)
    assert any("'bot' event" in problem and "stored 2 times" in problem for problem in problems)


@pytest.mark.parametrize("sent", [
    # a turn the client had answered is missing from the tracker
    [Sent("s1-0", "does it hurt?", ("A numbing cream is used.",)), Sent("s1-1", "next", ("Step 2 of 4",)),
     Sent("s1-2", "next", ("Step 3 of 4",))],
    # the turns were sent in the other order
    [Sent("s1-1", "next", ("Step 2 of 4",)), Sent("s1-0", "does it hurt?", ("A numbing cream is used.",))],
])
def test_missing_or_reordered_turns_are_found(sent):
    events, _ = good_conversation()
    assert any("user turns stored" in problem for problem in checks.check_tracker("s1", events.rows, sent))


def test_an_unanswered_message_may_be_stored_or_not():
    events, sent = good_conversation()
    unanswered = sent + [Sent("s1-2", "next", None)]
    assert checks.check_tracker("s1", events.rows, unanswered) == []
    events.turn("s1-2", "next", "Step 3 of 4")
    assert checks.check_tracker("s1", events.rows, unanswered) == []


def test_replies_the_client_got_must_be_the_ones_stored():
    events, sent = good_conversation()
    sent[1] = Sent("s1-1", "next", ("Step 3 of 4",))
    problems = checks.check_tracker("s1", events.rows, sent)
    assert problems == ["s1: s1-1 got ['Step 3 of 4'] but the tracker holds ['Step 2 of 4']"]


def test_bot_texts_are_grouped_under_the_user_message_they_answer():
    events, _ = good_conversation()
    assert checks.bot_texts_after_each_user_event(events.rows) == {
        "rest-s1-0": ["A numbing cream is used."], "rest-s1-1": ["Step 2 of 4"]}


# -- bookings --------------------------------------------------------------------------------------
TOLD = {"b0": "MN-AAAA", "b1": "MN-BBBB"}


@pytest.mark.parametrize("rows, problem", [
    # each booking stored once with the reference the person was told
    ([("MN-AAAA", "b0"), ("MN-BBBB", "b1")], None),
    # a retry stored the second booking again under a new reference
    ([("MN-AAAA", "b0"), ("MN-BBBB", "b1"), ("MN-CCCC", "b1")], "b1: 2 bookings stored"),
    # the reference given is not the one stored
    ([("MN-AAAA", "b0"), ("MN-CCCC", "b1")], "b1: stored MN-CCCC but told MN-BBBB"),
    # a booking was never stored
    ([("MN-AAAA", "b0")], "b1: 0 bookings stored"),
    # a conversation that only asked questions has a booking
    ([("MN-AAAA", "b0"), ("MN-BBBB", "b1"), ("MN-DDDD", "f0")], "f0: bookings ['MN-DDDD']"),
])
def test_bookings_are_stored_once_with_the_reference_given(rows, problem):
    problems = checks.check_bookings(rows, TOLD)
    assert problems == [] if problem is None else any(p.startswith(problem) for p in problems)


def test_a_booking_without_a_reference_in_the_reply_fails():
    assert checks.check_bookings([("MN-AAAA", "b0")], {"b0": None}) == [
        "b0: no reference in the last reply (stored: ['MN-AAAA'])"]


# -- the client's retries --------------------------------------------------------------------------
class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class Reply:
    def __init__(self, status, body=None):
        self.status_code, self.body = status, body

    def json(self):
        return self.body


def poster(*outcomes, clock=None, took=0.0):
    """A fake requests.post answering with `outcomes` in turn (an exception is raised)."""
    calls = []

    def post(url, json, timeout):
        calls.append(timeout)
        if clock is not None:
            clock.now += took
        outcome = outcomes[min(len(calls), len(outcomes)) - 1]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    post.calls = calls
    return post


def test_retries_are_bounded_and_back_off():
    clock, policy = FakeClock(), RetryPolicy(attempts=4, first_backoff_s=0.5, factor=2, max_backoff_s=1.5)
    post = poster(requests.ConnectionError("refused"))
    outcome = send_with_retries(post, "u", {}, policy, deadline=1000, clock=clock, sleep=clock.sleep)
    assert outcome.replies is None and len(outcome.attempts) == 4 == len(post.calls)
    assert clock.sleeps == [0.5, 1.0, 1.5]  # capped at max_backoff_s, none after the last attempt
    assert outcome.error == "ConnectionError"


def test_a_message_answered_after_failures_returns_its_replies():
    clock = FakeClock()
    post = poster(requests.ConnectionError(), Reply(502), Reply(409, {"error": "being handled"}),
                  Reply(200, [{"text": "hi"}]))
    outcome = send_with_retries(post, "u", {}, RetryPolicy(attempts=5), deadline=1000, clock=clock, sleep=clock.sleep)
    assert outcome.replies == [{"text": "hi"}]
    assert [a.status for a in outcome.attempts] == [None, 502, 409, 200]


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_refusal_is_not_retried(status):
    clock = FakeClock()
    outcome = send_with_retries(poster(Reply(status)), "u", {}, RetryPolicy(), deadline=1000, clock=clock,
                                sleep=clock.sleep)
    assert len(outcome.attempts) == 1 and outcome.error == f"HTTP {status}" and clock.sleeps == []


def test_the_deadline_stops_retries_and_bounds_each_request():
    clock = FakeClock()
    post = poster(requests.Timeout(), clock=clock, took=4.0)
    policy = RetryPolicy(attempts=10, first_backoff_s=1, factor=1, request_timeout_s=30)
    outcome = send_with_retries(post, "u", {}, policy, deadline=10, clock=clock, sleep=clock.sleep)
    assert len(outcome.attempts) == 2  # 0-4 s, sleep 1, 5-9 s, sleep 1, then past the deadline
    assert post.calls == [10, 5]  # the timeout never reaches past the deadline
    assert outcome.error == "deadline passed after 2 attempts (last: Timeout)"


def test_the_default_policy_gives_up_within_minutes():
    policy = RetryPolicy()
    assert len(policy.backoffs()) == policy.attempts - 1
    assert sum(policy.backoffs()) + policy.attempts * policy.request_timeout_s < 15 * 60
    assert policy.request_timeout_s > READ_TIMEOUT_S  # nginx tries the other replica before the client gives up


# -- the conversations -----------------------------------------------------------------------------
def test_forty_conversations_half_of_them_bookings():
    scripts = make_scripts("t", 40, 20, today=dt.date(2026, 3, 2))
    assert [s.kind for s in scripts[:4]] == ["booking", "faq", "booking", "faq"]
    assert sum(s.kind == "booking" for s in scripts) == 20 and len({s.sender for s in scripts}) == 40
    assert all(len(s.turns) == 8 for s in scripts)
    booking = scripts[0]
    assert booking.turns[-1] == Turn("yes, send it", "Your reference is")
    when = re.fullmatch(r"(\d+) (\w+) at \d+(am|pm)", booking.turns[4].text)
    day = dt.datetime.strptime(f"{when.group(1)} {when.group(2)} 2026", "%d %B %Y").date()
    assert day >= dt.date(2026, 3, 10) and day.weekday() != 6  # ahead, and the clinic is closed on Sundays


def test_a_walk_through_keeps_its_steps_together():
    for script in make_scripts("t", 8, 0):
        texts = [turn.text for turn in script.turns]
        start = texts.index("can you walk me through it step by step")
        assert texts[start + 1:start + 3] == ["next", "next"]


def message(sent_at, answered_at, replies=({"text": "ok"},), **kw):
    return Message("s", "faq", 0, "m", "hi", None, sent_at, answered_at, list(replies) if answered_at else None, **kw)


def test_the_interruption_is_the_longest_wait_around_the_kill():
    messages = [message(0, 1), message(1, 2.5), message(4.5, 16), message(6, 6.5), message(7, 8)]
    figures = interruption(messages, kill_at=5)
    assert figures["worst_wait_s"] == 11.5  # in flight at the kill, answered after the dead lock expired
    assert figures["in_flight"] == 1 and figures["in_flight_max_s"] == 11.5
    assert figures["after_max_s"] == 1  # sent after the kill: routed around the dead replica
    assert figures["baseline_max_s"] == 1.5 and figures["baseline_median_s"] == 1.25


def test_an_unanswered_message_waits_until_the_end():
    figures = interruption([message(0, 1), message(4, None, error="HTTP 409"), message(6, 20)], kill_at=5)
    assert figures["worst_wait_s"] == 16  # 4 s to the last answer at 20 s
    assert figures["after_max_s"] == 14


def test_answers_after_the_kill_are_counted():
    messages = [message(1, 2), message(6, 7), message(7, None, error="ConnectionError"), message(8, 9, replies=[])]
    assert checks.answered_after(messages, kill_at=5) == (1, 3)  # an empty reply is no answer


def test_the_reference_is_read_from_the_last_turn():
    script = Script("b0", "booking", (Turn("hi"), Turn("yes, send it")))
    last = Message("b0", "booking", 1, "b0-1", "yes, send it", None, 1, 2,
                   [{"text": "Done! Your reference is MN-4KX9. The clinic will contact you."}])
    assert LoadResult([script], [last]).references() == {"b0": "MN-4KX9"}
    assert LoadResult([script], []).references() == {"b0": None}


# -- nginx, Redis and the replicas' settings ------------------------------------------------------
def test_nginx_routes_around_a_dead_replica(tmp_path):
    text = nginx_config(tmp_path, 8000, 8001, [9001, 9002], [9101, 9102])
    assert "daemon off;" in text
    for port in (9001, 9002, 9101, 9102):
        assert f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" in text
    assert text.count("proxy_next_upstream error timeout http_502 non_idempotent;") == 2
    assert "proxy_connect_timeout 1s;" in text and f"proxy_read_timeout {READ_TIMEOUT_S}s;" in text
    assert "listen 127.0.0.1:8000;" in text and "listen 127.0.0.1:8001;" in text
    # everything nginx writes stays in its folder
    for path in re.findall(r"(?:pid|error_log|access_log|_temp_path) (\S+?)[ ;]", text):
        assert path.startswith(str(tmp_path)), path


def test_a_slow_answer_is_waited_for_not_sent_to_the_other_replica():
    # nginx resends a request only after its read timeout: that must be far above a turn held up by a dead lock
    assert READ_TIMEOUT_S > 2 * LOCK_LIFETIME_S


@pytest.mark.skipif(nginx_bin() is None, reason="nginx is not installed")
def test_nginx_accepts_the_configuration(tmp_path):
    tmp_path.chmod(0o755)
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config(tmp_path, 8000, 8001, [9001, 9002], [9101]))
    done = subprocess.run([nginx_bin(), "-t", "-q", "-e", str(tmp_path / "error.log"), "-p", f"{tmp_path}/",
                           "-c", str(config)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def test_redis_keeps_nothing_on_disk_and_listens_on_loopback(tmp_path):
    text = redis_config(tmp_path, 7000, "secret")
    assert 'save ""' in text and "appendonly no" in text and "bind 127.0.0.1" in text
    assert "requirepass secret" in text and f"dir {tmp_path}" in text


def test_every_variable_of_the_production_endpoints_is_set():
    lines = [line.split("#")[0] for line in PRODUCTION_ENDPOINTS.read_text().splitlines()]
    needed = set(re.findall(r"\$\{(\w+)\}", "\n".join(lines)))
    env = replica_env({}, 5432, "pw", 6379, "rpw", "http://127.0.0.1:1/webhook", "token", LOCK_LIFETIME_S)
    assert needed and needed <= set(env)
    assert env["TICKET_LOCK_LIFETIME"] == str(LOCK_LIFETIME_S)


def test_nginx_retries_are_counted_from_its_log():
    lines = [
        '1.0 200 0.1 "127.0.0.1:9001" "200" /webhooks/rest/webhook',
        '2.0 200 9.1 "127.0.0.1:9001, 127.0.0.1:9002" "502, 200" /webhooks/rest/webhook',
        '3.0 200 0.1 "127.0.0.1:9101, 127.0.0.1:9102" "502, 200" /webhook',
    ]
    assert checks.nginx_retries(lines) == 1


def test_a_free_port_is_never_handed_out_twice(monkeypatch):
    # the kernel may offer a port it just released again: two servers would then share it
    import harness.servers as servers

    offered = iter([41001, 41001, 41002])

    class FakeSocket:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def bind(self, address):
            self.port = next(offered)

        def getsockname(self):
            return ("127.0.0.1", self.port)

    monkeypatch.setattr(servers, "_HANDED_OUT", set())
    monkeypatch.setattr(servers.socket, "socket", FakeSocket)
    assert [servers.free_port(), servers.free_port()] == [41001, 41002]
