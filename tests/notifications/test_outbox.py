"""The outbox: written with the booking, claimed by one worker at a time, retried with back-off."""
import asyncio
import dataclasses
import datetime as dt
import logging
import threading

import pytest
from sqlalchemy import select

from core import database
from core import settings as config
from core.database import CANCELLED, FAILED, PENDING, SENDING, SENT, BookingRequest, BookingStore, enqueue
from notifications import outbox
from notifications.outbox import backoff, claim_due, mark_failed, mark_sent, process_due
from tests.notifications import PERSONAL, REQUEST, T0, enqueued_at, outbox_rows, utc

SECOND = dt.timedelta(seconds=1)


@pytest.fixture
def store(tmp_path):
    store = BookingStore(f"sqlite:///{tmp_path / 'bookings.db'}")
    yield store
    store.dispose()


class Recorder:
    """A channel that works, or fails its first `fail_first` sends; remembers what it delivered."""

    def __init__(self, fail_first: int = 0, error=ConnectionRefusedError) -> None:
        self.fail_first = fail_first
        self.error = error
        self.calls = 0
        self.delivered = []

    def send(self, booking: dict) -> None:
        self.calls += 1
        if self.calls <= self.fail_first:
            raise self.error("refused, for jo@example.com")  # a message with a contact detail: never kept
        self.delivered.append(booking["reference"])


def run_until_quiet(store, senders, start=None, step=dt.timedelta(minutes=1), passes=400, **kwargs):
    """Pass after pass on a clock that moves `step` each time, from `start` (by default when the
    latest notification was written); returns the summed counts."""
    total = {}
    now = start or enqueued_at(store)
    for _ in range(passes):
        for key, value in process_due(store.engine, senders, now=now, **kwargs).items():
            total[key] = total.get(key, 0) + value
        now += step
    return total


# --- written with the booking ------------------------------------------------------------------


def test_a_stored_booking_has_one_pending_notification_per_channel(store):
    reference = store.save(REQUEST, notify=["email", "webhook"])
    rows = outbox_rows(store)
    assert [(row["booking_reference"], row["channel"], row["status"], row["attempts"]) for row in rows] == [
        (reference, "email", PENDING, 0), (reference, "webhook", PENDING, 0)]
    created = utc(store.find(reference)["created_at"])
    assert all(utc(row["next_attempt_at"]) == created for row in rows)  # due at once
    assert all(row["last_error"] is None and row["lease_until"] is None for row in rows)


def test_with_no_channel_nothing_is_enqueued(store):
    store.save(REQUEST, notify=[])
    assert len(store.all()) == 1 and outbox_rows(store) == []


def test_the_channels_come_from_the_clinic_file_by_default(store, monkeypatch):
    monkeypatch.delenv(config.WEBHOOK_URL_VARIABLE, raising=False)
    store.save(REQUEST)
    assert [row["channel"] for row in outbox_rows(store)] == ["email"]  # the demo clinic: email only
    monkeypatch.setenv(config.WEBHOOK_URL_VARIABLE, "http://127.0.0.1:9/hook")
    store.save(REQUEST)
    assert [row["channel"] for row in outbox_rows(store)][1:] == ["email", "webhook"]


def test_a_failing_insert_leaves_no_outbox_row(store):
    # the booking's insert fails (name is required): its notifications are never written
    with pytest.raises(RuntimeError):
        store.save(BookingRequest(**{**REQUEST.__dict__, "name": None}), notify=["email", "webhook"])
    assert store.all() == [] and outbox_rows(store) == []


def test_a_transaction_that_fails_after_the_enqueue_keeps_neither(store, monkeypatch):
    def enqueue_then_crash(connection, reference, channels, now=None):
        enqueue(connection, reference, channels, now)
        raise OSError("the process died before the commit")

    monkeypatch.setattr(database, "enqueue", enqueue_then_crash)
    with pytest.raises(OSError):
        store.save(REQUEST, notify=["email"])
    assert store.all() == [] and outbox_rows(store) == []


def test_a_notification_that_cannot_be_written_keeps_the_booking_out_too(store):
    with pytest.raises(ValueError):
        store.save(REQUEST, notify=["pigeon"])
    assert store.all() == [] and outbox_rows(store) == []


def test_a_reference_still_in_the_outbox_is_not_given_again(tmp_path):
    drawn = iter(["MN-AAAA", "MN-AAAA", "MN-BBBB"])
    store = BookingStore(f"sqlite:///{tmp_path / 'b.db'}", reference_factory=lambda: next(drawn))
    assert store.save(REQUEST, notify=["email"]) == "MN-AAAA"
    store.delete_for_conversation(REQUEST.conversation_id)  # the booking is gone, its notification row is not
    assert store.save(REQUEST, notify=["email"]) == "MN-BBBB"  # so the staff never mix up two MN-AAAA
    store.dispose()


# --- back-off and giving up ----------------------------------------------------------------------


@pytest.mark.parametrize("attempts, seconds", [
    (1, 30),  # after the first failed attempt
    (2, 60),
    (3, 120),
    (7, 1920),
    (8, 3600),  # 3840 capped at an hour
    (12, 3600),
    (1000, 3600),  # no overflow
])
def test_back_off_doubles_and_is_capped(attempts, seconds):
    assert backoff(attempts) == dt.timedelta(seconds=seconds)


def test_back_off_times_grow_then_the_row_fails_with_an_error_line(store, caplog):
    reference = store.save(REQUEST, notify=["email"])
    always_down = Recorder(fail_first=10**6)
    waits, now = [], enqueued_at(store)
    with caplog.at_level(logging.WARNING, logger="notifications"):
        for _ in range(outbox.MAX_ATTEMPTS):
            assert process_due(store.engine, {"email": always_down}, now=now)["sent"] == 0
            row = outbox_rows(store)[0]
            if row["status"] == FAILED:
                break
            waits.append((utc(row["next_attempt_at"]) - now).total_seconds())
            assert process_due(store.engine, {"email": always_down}, now=utc(row["next_attempt_at"]) - SECOND) == {
                "sent": 0, "retry": 0, "failed": 0, "dropped": 0}  # not due a second early
            now = utc(row["next_attempt_at"])
    assert waits == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]
    assert row["status"] == FAILED and row["attempts"] == outbox.MAX_ATTEMPTS == always_down.calls
    assert row["last_error"] == "ConnectionRefusedError"  # the type only: no address
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1 and reference in errors[0].getMessage()
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == outbox.MAX_ATTEMPTS - 1
    logged = caplog.text + "".join(record.getMessage() for record in caplog.records)
    assert not any(secret in logged for secret in PERSONAL + ("jo@example.com",))
    # a failed row stays failed: nobody sends it again
    run_until_quiet(store, {"email": always_down}, start=now, step=dt.timedelta(hours=1), passes=5)
    assert always_down.calls == outbox.MAX_ATTEMPTS


def test_a_retried_notification_goes_out_once_when_the_channel_is_back(store):
    reference = store.save(REQUEST, notify=["email"])
    flaky = Recorder(fail_first=2)
    total = run_until_quiet(store, {"email": flaky}, step=dt.timedelta(seconds=10), passes=30)
    assert flaky.delivered == [reference] and flaky.calls == 3
    assert total == {"sent": 1, "retry": 2, "failed": 0, "dropped": 0}
    row = outbox_rows(store)[0]
    assert (row["status"], row["attempts"], row["lease_until"], row["lease_token"]) == (SENT, 3, None, None)
    assert row["last_error"] is None and row["sent_at"] is not None


# --- leases and claims -----------------------------------------------------------------------


def test_an_expired_lease_is_taken_again(store):
    store.save(REQUEST, notify=["email"])
    t0 = enqueued_at(store)
    first = claim_due(store.engine, t0, limit=5, lease_s=60)
    assert [(claim.channel, claim.attempts) for claim in first] == [("email", 1)]
    assert outbox_rows(store)[0]["status"] == SENDING
    assert claim_due(store.engine, t0 + 59 * SECOND, lease_s=60) == []  # still the first worker's
    second = claim_due(store.engine, t0 + 60 * SECOND, lease_s=60)  # the first worker died
    assert [(claim.id, claim.attempts) for claim in second] == [(first[0].id, 2)]
    # the first worker, late, cannot put the row back over the second one's claim
    assert mark_failed(store.engine, first[0], "TimeoutError", t0 + 61 * SECOND) == SENDING
    assert outbox_rows(store)[0]["lease_token"] == second[0].token
    mark_sent(store.engine, second[0], t0 + 62 * SECOND)
    assert outbox_rows(store)[0]["status"] == SENT


def test_a_worker_that_dies_on_the_last_attempt_leaves_a_failed_row(store, caplog):
    reference = store.save(REQUEST, notify=["email"])
    t0 = enqueued_at(store)
    assert len(claim_due(store.engine, t0, lease_s=60, max_attempts=3)) == 1
    with store.engine.begin() as connection:
        connection.execute(outbox.outbox.update().values(attempts=3))
    with caplog.at_level(logging.ERROR, logger="notifications"):
        counts = process_due(store.engine, {"email": Recorder()}, now=t0 + 61 * SECOND, max_attempts=3)
    assert counts["failed"] == 1 and counts["sent"] == 0
    row = outbox_rows(store)[0]
    assert (row["status"], row["last_error"]) == (FAILED, "LeaseExpired")
    assert reference in caplog.text


def test_only_the_channels_with_a_sender_are_claimed(store):
    store.save(REQUEST, notify=["email", "webhook"])
    email = Recorder()
    assert process_due(store.engine, {"email": email}, now=enqueued_at(store))["sent"] == 1
    webhook_row = outbox_rows(store)[1]
    assert (webhook_row["status"], webhook_row["attempts"]) == (PENDING, 0)  # waits, no attempt spent


def test_a_channel_that_fails_is_left_alone_for_the_rest_of_the_pass(store):
    for _ in range(3):
        store.save(REQUEST, notify=["email", "webhook"])
    email, webhook = Recorder(fail_first=10**6), Recorder()
    counts = process_due(store.engine, {"email": email, "webhook": webhook}, now=enqueued_at(store))
    assert counts == {"sent": 3, "retry": 1, "failed": 0, "dropped": 0}
    assert email.calls == 1  # the mail server is down: one attempt spent this pass, not three


def test_nothing_is_notified_twice_across_passes(store):
    references = [store.save(REQUEST, notify=["email", "webhook"]) for _ in range(5)]
    email, webhook = Recorder(fail_first=3), Recorder(fail_first=1)
    run_until_quiet(store, {"email": email, "webhook": webhook}, step=dt.timedelta(minutes=7), passes=60)
    assert sorted(email.delivered) == sorted(references)
    assert sorted(webhook.delivered) == sorted(references)
    assert {row["status"] for row in outbox_rows(store)} == {SENT}


def test_a_booking_deleted_before_its_notification_is_not_announced(store):
    store.save(REQUEST, notify=["email"])
    store.delete_for_conversation(REQUEST.conversation_id)  # the person asked for their data to be deleted
    email = Recorder()
    assert process_due(store.engine, {"email": email}, now=enqueued_at(store))["dropped"] == 1
    assert email.calls == 0 and outbox_rows(store) == []


def claim_all_concurrently(engine, workers=4, limit=3):
    """`workers` threads claim until nothing is left; returns each one's row ids."""
    claimed = [[] for _ in range(workers)]
    start = threading.Barrier(workers)

    def worker(index):
        start.wait()
        while True:
            got = claim_due(engine, T0, limit=limit, lease_s=600)
            if not got:
                return
            claimed[index] += [claim.id for claim in got]

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return claimed


def fill(engine, count):
    with engine.begin() as connection:
        for index in range(count):
            enqueue(connection, f"MN-{index:04d}", ["email", "webhook"], now=T0 - SECOND * index)
    return 2 * count


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.services)])
def test_concurrent_claimers_never_get_the_same_row(backend, tmp_path, request):
    if backend == "postgresql":
        url = request.getfixturevalue("postgres").new_database()
    else:
        url = f"sqlite:///{tmp_path / 'claims.db'}"
    store = BookingStore(url)
    total = fill(store.engine, 60)
    claimed = claim_all_concurrently(store.engine)
    every = [row_id for ids in claimed for row_id in ids]
    assert len(every) == len(set(every)) == total  # each row once, none left behind
    assert sum(1 for ids in claimed if ids) >= 1
    assert all(row["status"] == SENDING and row["attempts"] == 1 for row in outbox_rows(store))
    store.dispose()


@pytest.mark.services
def test_on_postgresql_a_claimer_skips_the_rows_another_has_locked(postgres):
    store = BookingStore(postgres.new_database())
    fill(store.engine, 3)  # 6 rows
    due = outbox._due(T0, outbox.MAX_ATTEMPTS)
    with store.engine.connect() as other:
        transaction = other.begin()  # another replica, mid-claim: it holds its rows' locks
        held = other.execute(
            select(outbox.outbox.c.id).where(due).order_by(outbox.outbox.c.id).limit(2).with_for_update(skip_locked=True)
        ).scalars().all()
        mine = claim_due(store.engine, T0, limit=10)  # does not wait for the other, and does not take its rows
        assert len(held) == 2 and {claim.id for claim in mine}.isdisjoint(held) and len(mine) == 4
        transaction.commit()
    assert sorted(claim.id for claim in claim_due(store.engine, T0, limit=10)) == sorted(held)
    store.dispose()


@pytest.mark.services
def test_a_whole_pass_on_postgresql(postgres):
    store = BookingStore(postgres.new_database())
    reference = store.save(REQUEST, notify=["email"])
    email = Recorder(fail_first=1)
    total = run_until_quiet(store, {"email": email}, step=dt.timedelta(seconds=31), passes=4)
    assert email.delivered == [reference] and total["sent"] == 1 and total["retry"] == 1
    assert outbox_rows(store)[0]["status"] == SENT
    store.dispose()


# --- running it ---------------------------------------------------------------------------------


async def test_the_background_loop_survives_a_failing_pass():
    calls = []
    loop = asyncio.get_running_loop()
    third_pass = asyncio.Event()

    def one_pass():  # in the worker's thread
        calls.append(1)
        if len(calls) == 3:
            loop.call_soon_threadsafe(third_pass.set)
        if len(calls) == 1:
            raise OSError("database down")
        return {}

    task = asyncio.create_task(outbox.run_forever(one_pass, 0.01))
    waiting = asyncio.create_task(third_pass.wait())
    # two passes after the failed one, however slow they are (or the loop ended: then awaiting it raises)
    await asyncio.wait({task, waiting}, timeout=60, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(calls) >= 3  # it went on after the failure


async def test_with_no_channel_configured_the_worker_does_not_start(tmp_path, monkeypatch):
    clinic_file = tmp_path / "clinic.yml"
    clinic_file.write_text(
        (config.DEFAULT_CLINIC_FILE.read_text(encoding="utf-8")).split("\nnotifications:")[0], encoding="utf-8")
    monkeypatch.setenv("CLINIC_CONFIG", str(clinic_file))
    monkeypatch.delenv(config.WEBHOOK_URL_VARIABLE, raising=False)
    config.clinic.cache_clear()
    try:
        assert config.notification_channels() == ()
        assert outbox.start_worker() is None
        assert outbox.configured_pass() is None
    finally:
        config.clinic.cache_clear()


# --- a change made in the chat after the request was sent --------------------------------------


def test_a_change_is_stored_and_announced_once_per_channel_beside_the_request(store):
    reference = store.save(REQUEST, notify=["email", "webhook"])
    later = dataclasses.replace(
        REQUEST,
        preferred_start=dt.datetime(2026, 7, 2, 13, tzinfo=dt.timezone.utc),
        preferred_end=dt.datetime(2026, 7, 2, 17, tzinfo=dt.timezone.utc),
        preferred_text="thursday afternoon instead",
    )
    assert store.change(reference, later, change_key="k1", notify=["email", "webhook"]) == 1
    # the same change sent again (a retry of its turn): stored and announced once
    assert store.change(reference, later, change_key="k1", notify=["email", "webhook"]) == 1
    stored = store.find(reference)
    assert (stored["preferred_text"], stored["changes"], stored["changed_fields"]) == (
        "thursday afternoon instead", 1, "preferred time")
    assert stored["name"] == REQUEST.name and stored["contact"] == REQUEST.contact  # the rest as it was
    assert [(row["booking_reference"], row["channel"]) for row in outbox_rows(store)] == [
        (reference, "email"), (reference, "webhook"), (f"{reference}/1", "email"), (f"{reference}/1", "webhook")]
    email = Recorder()
    run_until_quiet(store, {"email": email}, passes=3)
    assert email.delivered == [reference, reference]  # the request, then its change: each once


def test_a_second_change_names_only_what_it_changed_and_is_announced_too(store):
    reference = store.save(REQUEST, notify=["email"])
    first = dataclasses.replace(REQUEST, contact="07700 900123", contact_kind="phone")
    assert store.change(reference, first, change_key="k1", notify=["email"]) == 1
    second = dataclasses.replace(first, name="Zoë Nunez", concern="acne scars on my chin")
    assert store.change(reference, second, change_key="k2", notify=["email"]) == 2
    stored = store.find(reference)
    assert stored["changed_fields"] == "name, concern" and stored["contact"] == "07700 900123"
    assert [row["booking_reference"] for row in outbox_rows(store)] == [reference, f"{reference}/1", f"{reference}/2"]


def test_a_change_that_changes_nothing_is_not_announced(store):
    reference = store.save(REQUEST, notify=["email"])
    assert store.change(reference, REQUEST, change_key="k1", notify=["email"]) == 0
    assert store.find(reference)["changes"] is None and len(outbox_rows(store)) == 1


def test_only_the_conversation_that_sent_a_request_can_change_it(store):
    reference = store.save(REQUEST, notify=["email"])
    other = dataclasses.replace(REQUEST, conversation_id="conversation-2", name="Someone Else")
    assert store.change(reference, other, change_key="k1", notify=["email"]) is None
    assert store.change("MN-XXXX", REQUEST, change_key="k2", notify=["email"]) is None
    assert store.find(reference)["name"] == REQUEST.name and len(outbox_rows(store)) == 1


def test_a_change_to_a_deleted_request_is_refused_and_its_notice_dropped(store):
    reference = store.save(REQUEST, notify=["email"])
    later = dataclasses.replace(REQUEST, concern="acne scars and open pores")
    assert store.change(reference, later, change_key="k1", notify=["email"]) == 1
    store.delete_for_conversation(REQUEST.conversation_id)
    assert store.change(reference, later, change_key="k2", notify=["email"]) is None
    email = Recorder()
    assert process_due(store.engine, {"email": email}, now=enqueued_at(store))["dropped"] == 2
    assert email.calls == 0


def test_a_cancellation_is_stored_and_announced_once_and_the_request_changed_no_more(store):
    # play-test 130: a request sent could be changed in the chat, but not cancelled
    reference = store.save(REQUEST, notify=["email"])
    assert store.cancel(reference, REQUEST.conversation_id, notify=["email"]) == 1
    # asked again (a retry of its turn, or "cancel it" twice): told once
    assert store.cancel(reference, REQUEST.conversation_id, notify=["email"]) == 1
    stored = store.find(reference)
    assert (stored["cancelled_change"], stored["changed_fields"], stored["name"]) == (1, CANCELLED, REQUEST.name)
    assert [row["booking_reference"] for row in outbox_rows(store)] == [reference, f"{reference}/1"]
    # a change after it is refused, and another conversation, or no such request, cancels nothing
    later = dataclasses.replace(REQUEST, concern="acne scars and open pores")
    assert store.change(reference, later, change_key="k3", notify=["email"]) is None
    assert store.cancel(reference, "conversation-2", notify=["email"]) is None
    other = store.save(dataclasses.replace(REQUEST, request_key="another"), notify=["email"])
    assert store.cancel(other, "conversation-2", notify=["email"]) is None
    assert store.cancel("MN-XXXX", REQUEST.conversation_id, notify=["email"]) is None
    assert store.find(other)["cancelled_change"] is None
