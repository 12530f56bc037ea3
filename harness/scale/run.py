"""The scale-out test: `python -m harness.scale.run` (`make test-scale`).

Starts PostgreSQL, Redis, nginx, two action servers and two Rasa replicas on loopback
(harness/scale/services.py), holds 40 conversations through nginx (each from its own loopback
address, under the production rate limits), SIGKILLs one replica
when half of the turns are answered (harness/scale/load.py), then checks from PostgreSQL
that every conversation's tracker holds its turns once and in order and that every booking
is stored once, with the reference the person was told (harness/scale/checks.py).

Prints progress, then one summary line last; exits 1 when a check fails, 2 when the run
itself could not be done, 130 when interrupted. Every process and the temporary folder are
removed on the way out; on a failure the logs are copied to results/scale/logs/ first.
Every message's times go to results/scale/messages.json.

`--hand-over` runs the hand-over to a person across the replicas instead (harness/scale/handover.py): the
patient's socket on one replica, the console's calls through the other, the first replica killed mid-way.

`--crash-during-booking` runs a narrower case instead of the load: the replica handling a
booking's "yes, send it" is killed the moment the booking row is committed, and the client
sends the turn again (see booking_crash_test). `--no-kill` measures the load alone.
"""
import argparse
import json
import os
import secrets
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Dict, List, Optional

import requests

from core.settings import CLOCK_VARIABLE
from harness.scale import checks, handover
from harness.scale.load import (REFERENCE, WEBHOOK, Load, LoadResult, RetryPolicy, booking_script, interruption,
                                make_scripts, send_with_retries)
from harness.scale.services import (BOOKINGS_DB, LOCK_KEY_PREFIX, LOOPBACK, PROJECT_DIR, TRACKER_DB, Stack,
                                    ensure_packages)

# Rasa's conversation lock (rasa/core/lock_store.py): each message takes a ticket in Redis that
# lives TICKET_LOCK_LIFETIME seconds (read from the environment when Rasa starts; default 60).
# A ticket held by a replica that died blocks its conversation until it expires, so that is
# the longest a person whose message was in flight at the crash waits. The lifetime must also
# outlast the slowest real turn, or a second message of the same conversation could be handled
# alongside the first. 20 s: the slowest turn measured here, with one replica left on 2 busy
# cores, took under 6 s; no turn can outlast Sanic's 60 s response timeout anyway.
LOCK_LIFETIME_S = 20
OVERALL_TIMEOUT_S = 900  # after the packages are installed: start, load, checks and cleanup
LOAD_DEADLINE_S = 300


def log(line: str) -> None:
    print(line, flush=True)


def fmt(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.1f}"


class Interrupted(Exception):
    pass


def _raise_interrupted(signum, _frame) -> None:
    raise Interrupted(signal.Signals(signum).name)


def evaluate(result: LoadResult, stack: Stack) -> Dict[str, object]:
    """Every check; returns the summary's fields and the problems found."""
    problems: List[str] = []
    messages = result.messages
    answered = [m for m in messages if m.answered]
    if len(answered) != result.planned_turns:
        problems.append(f"{len(answered)} of {result.planned_turns} planned turns answered")
    for message in messages:
        if message.answered and not message.as_expected:
            problems.append(f"{message.sender} turn {message.index} ({message.text!r}): expected {message.expect!r} "
                            f"in {message.reply_texts}")
        elif not message.answered:
            problems.append(f"{message.sender} turn {message.index} ({message.text!r}) not answered: {message.error}")

    senders = [script.sender for script in result.scripts]
    events = checks.read_events(stack.database_url(TRACKER_DB), senders)
    for sender in senders:
        sent = [checks.Sent(m.message_id, m.text, tuple(m.reply_texts) if m.answered else None)
                for m in sorted(messages, key=lambda m: m.index) if m.sender == sender]
        problems += checks.check_tracker(sender, events[sender], sent)
    events_checked = sum(len(rows) for rows in events.values())

    references = result.references()
    booking_problems = checks.check_bookings(checks.read_bookings(stack.database_url(BOOKINGS_DB)), references)
    problems += booking_problems
    booked = sum(1 for reference in references.values() if reference)

    if result.kill_at is None:
        problems.append("no replica was killed")
        after, sent_after, timing = 0, 0, {}
    else:
        after, sent_after = checks.answered_after(messages, result.kill_at)
        timing = interruption(messages, result.kill_at)
        if sent_after == 0:
            problems.append("no message was sent after the kill")
        elif after != sent_after:
            problems.append(f"{sent_after - after} of {sent_after} messages sent after the kill were not answered")
    if result.timed_out:
        problems.append(f"the load did not finish within its deadline ({LOAD_DEADLINE_S}s)")
    # each conversation sends from its own address, a few messages a minute: far under the production
    # per-address limit (120 a minute), unless the replicas count every client as nginx's address
    rate_limited = result.rate_limited()
    if rate_limited:
        problems.append(f"{rate_limited} requests were refused with 429: are the clients' addresses told apart "
                        f"(SANIC_PROXIES_COUNT behind nginx)?")

    # the gate must be able to fail: did the replicas use Redis as their lock store at all?
    lock_writes = int(stack.redis().info("commandstats").get("cmdstat_set", {}).get("calls", 0))
    if lock_writes < len(answered):
        problems.append(f"Redis saw {lock_writes} SETs for {len(answered)} messages: the lock store is not in use")
    leftover_locks = len(stack.redis().keys(f"{LOCK_KEY_PREFIX}:lock:*"))

    try:
        nginx_retried = checks.nginx_retries(stack.nginx_access_log.read_text().splitlines())
    except OSError:
        nginx_retried = -1
    return {
        "problems": problems,
        "events_checked": events_checked,
        "booked": booked,
        "bookings_ok": not booking_problems,
        "answered_after_kill": f"{after}/{sent_after}",
        "timing": timing,
        "client_retried": sum(1 for m in messages if len(m.attempts) > 1),
        "nginx_retried": nginx_retried,
        "lock_writes": lock_writes,
        "leftover_locks": leftover_locks,
        "answered": len(answered),
        "rate_limited": rate_limited,
    }


def save_timings(result: LoadResult, path: Path) -> None:
    """Every message's times (seconds since the load started), attempts and whether it was answered."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "kill_at": result.kill_at, "killed_pid": result.killed_pid, "duration_s": result.duration_s,
        "messages": [{"sender": m.sender, "index": m.index, "text": m.text, "sent_at": round(m.sent_at, 3),
                      "answered_at": None if m.answered_at is None else round(m.answered_at, 3),
                      "answered": m.answered, "error": m.error,
                      "attempts": [{"status": a.status, "error": a.error, "took_s": round(a.ended - a.started, 3)}
                                   for a in m.attempts]}
                     for m in sorted(result.messages, key=lambda m: m.sent_at)],
    }, indent=1))


def load_test(args, stack: Stack, fields: Dict[str, object]) -> List[str]:
    """The conversations with a replica killed midway, and every check; fills the summary's fields."""
    scripts = make_scripts(secrets.token_hex(3), args.conversations, args.bookings)

    def kill() -> int:
        return 0 if args.no_kill else stack.kill_replica(0)

    result = Load(stack.rasa_url, scripts, kill, log, RetryPolicy(), deadline_s=LOAD_DEADLINE_S).run()
    log(f"load: done in {result.duration_s:.1f}s; checking the trackers and bookings in PostgreSQL")
    save_timings(result, args.timings)
    found = evaluate(result, stack)
    timing = found["timing"]
    log(f"checks: before the kill answers took {fmt(timing.get('baseline_median_s'))}s median, "
        f"{fmt(timing.get('baseline_max_s'))}s at most; {timing.get('in_flight', 0)} messages were in flight at the "
        f"kill, the slowest answered after {fmt(timing.get('in_flight_max_s'))}s; messages sent after the kill "
        f"waited {fmt(timing.get('after_max_s'))}s at most")
    log(f"checks: nginx passed {found['nginx_retried']} requests on to the other replica, the client retried "
        f"{found['client_retried']} messages ({found['rate_limited']} refusals with 429); Redis took "
        f"{found['lock_writes']} lock writes, {found['leftover_locks']} locks left")
    fields.update({
        "turns": f"{found['answered']}/{result.planned_turns}",
        "events_checked": found["events_checked"],
        "bookings": f"{found['booked']}/{args.bookings}",
        "stored_once": "yes" if found["bookings_ok"] else "no",
        "answered_after_kill": found["answered_after_kill"],
        "interruption_s": fmt(timing.get("worst_wait_s")),
        "new_messages_max_s": fmt(timing.get("after_max_s")),
        "lock_lifetime_s": args.lock_lifetime,
    })
    return found["problems"]


def booking_crash_test(args, stack: Stack, fields: Dict[str, object]) -> List[str]:
    """One booking whose last turn ("yes, send it") is sent to replica 1, SIGKILLed the moment the
    booking row is committed (the action server has stored it, Rasa has not yet saved the turn).
    The client then sends the turn again through nginx, with the same message_id, as it would.
    It passes when the retry is answered with a reference and the booking is stored once.
    """
    script = booking_script(f"scale-{secrets.token_hex(3)}-crash", 0)
    policy, deadline = RetryPolicy(), time.monotonic() + LOAD_DEADLINE_S
    session = requests.Session()
    url = stack.rasa_url + WEBHOOK
    last = len(script.turns) - 1

    def payload(index: int) -> Dict[str, str]:
        return {"sender": script.sender, "message": script.turns[index].text, "message_id": f"{script.sender}-{index}"}

    replies: List[Optional[tuple]] = []
    for index in range(last):
        outcome = send_with_retries(session.post, url, payload(index), policy, deadline)
        if not outcome.replies:
            return [f"turn {index} ({script.turns[index].text!r}) not answered: {outcome.error}"]
        replies.append(tuple(r["text"] for r in outcome.replies if r.get("text")))
    direct = f"http://{LOOPBACK}:{stack.replica_ports[0]}{WEBHOOK}"
    sent = threading.Thread(target=lambda: _post_quietly(direct, payload(last)), daemon=True)
    sent.start()
    rows_url = stack.database_url(BOOKINGS_DB)
    stored: List = []
    watch_until = time.monotonic() + 30
    import psycopg2

    with psycopg2.connect(rows_url, connect_timeout=10) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            while time.monotonic() < watch_until and not stored:
                cursor.execute("SELECT reference FROM bookings WHERE conversation_id = %s", (script.sender,))
                stored = cursor.fetchall()
                if not stored and not sent.is_alive():
                    break
    connection.close()
    if not stored:
        return ["the booking was not stored before the turn ended: the crash could not be placed"]
    pid = stack.kill_replica(0)
    log(f"kill: SIGKILL Rasa replica pid {pid} right after booking {stored[0][0]} was committed")
    began = time.monotonic()
    outcome = send_with_retries(session.post, url, payload(last), policy, deadline)
    took = time.monotonic() - began
    statuses = [attempt.status or attempt.error for attempt in outcome.attempts]
    told = REFERENCE.search(" ".join(r.get("text", "") for r in outcome.replies or []))
    rows = checks.read_bookings(rows_url)
    log(f"retry: {'answered' if outcome.replies else 'not answered'} after {took:.1f}s, attempts {statuses}; "
        f"bookings stored for the conversation: {[r for r, c in rows if c == script.sender]}")
    problems = checks.check_bookings(rows, {script.sender: told.group(0) if told else None})
    if not outcome.replies:
        problems.insert(0, f"the retried turn was not answered: {statuses}")
    events = checks.read_events(stack.database_url(TRACKER_DB), [script.sender])[script.sender]
    replies.append(tuple(r["text"] for r in outcome.replies if r.get("text")) if outcome.replies else None)
    problems += checks.check_tracker(script.sender, events, [
        checks.Sent(f"{script.sender}-{index}", turn.text, replies[index]) for index, turn in enumerate(script.turns)])
    fields.update({"scenario": "crash-during-booking", "answered": "yes" if outcome.replies else "no",
                   "retry_s": f"{took:.1f}", "stored": len([1 for _, c in rows if c == script.sender]),
                   "lock_lifetime_s": args.lock_lifetime})
    return problems


def _post_quietly(url: str, payload: Dict[str, str]) -> None:
    try:
        requests.post(url, json=payload, timeout=60)
    except requests.RequestException:
        pass  # the replica is killed under it


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=PROJECT_DIR / "models" / "clinic.tar.gz")
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--bookings", type=int, default=20)
    parser.add_argument("--lock-lifetime", type=int, default=LOCK_LIFETIME_S, help="TICKET_LOCK_LIFETIME, seconds")
    parser.add_argument("--no-kill", action="store_true", help="measure the load without killing a replica")
    parser.add_argument("--crash-during-booking", action="store_true",
                        help="instead of the load: kill the replica handling a booking right after it is stored")
    parser.add_argument("--hand-over", action="store_true",
                        help="instead of the load: a person takes a chat across the replicas, one killed mid-way")
    parser.add_argument("--timings", type=Path, default=PROJECT_DIR / "results" / "scale" / "messages.json",
                        help="where every message's times, attempts and status are written")
    parser.add_argument("--logs", type=Path, default=PROJECT_DIR / "results" / "scale" / "logs",
                        help="where the servers' logs are copied when the test fails")
    args = parser.parse_args(argv)

    began = time.monotonic()
    narrow = args.crash_during_booking or args.hand_over
    fields: Dict[str, object] = {} if narrow else {"conversations": args.conversations}
    if args.no_kill and not narrow:
        fields["kill"] = "none"
    problems: List[str] = []
    status = 2
    stack: Optional[Stack] = None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM)}
    signal.signal(signal.SIGTERM, _raise_interrupted)
    signal.signal(signal.SIGALRM, _raise_interrupted)
    try:
        ensure_packages(log)
        signal.alarm(OVERALL_TIMEOUT_S)
        if args.hand_over:
            os.environ[CLOCK_VARIABLE] = handover.open_moment()  # the clinic is open: someone can be asked
        stack = Stack(log=log)
        stack.start(args.model.resolve(), lock_lifetime_s=args.lock_lifetime)
        if args.hand_over:
            problems = handover.hand_over_test(args, stack, fields, log)
        else:
            problems = (booking_crash_test if args.crash_during_booking else load_test)(args, stack, fields)
        for problem in problems[:30]:
            log(f"problem: {problem}")
        if len(problems) > 30:
            log(f"problem: ... and {len(problems) - 30} more")
        status = 1 if problems else 0
    except Interrupted as why:
        log(f"interrupted ({why}): stopping everything")
        status = 130
    except KeyboardInterrupt:
        log("interrupted: stopping everything")
        status = 130
    except Exception:  # noqa: BLE001 - reported, then everything is stopped
        traceback.print_exc()
        status = 2
    finally:
        signal.alarm(0)
        for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not cut the cleanup short
            signal.signal(sig, signal.SIG_IGN)
        if stack is not None:
            try:
                if status != 0:
                    stack.save_logs(args.logs)
                    log(f"cleanup: logs copied to {args.logs}")
            except OSError as error:
                log(f"cleanup: could not copy the logs: {error}")
            stack.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    fields["wall_s"] = f"{time.monotonic() - began:.0f}"
    fields["result"] = "PASS" if status == 0 else "FAIL"
    log("scale: " + " ".join(f"{key}={value}" for key, value in fields.items()))
    return status


if __name__ == "__main__":
    sys.exit(main())
