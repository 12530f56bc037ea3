"""The lock store on a real Redis (tests/redis_server.py): a waiting message is served after a dead holder.

Time is the tests' own: Rasa's tickets expire by `time.time()` in rasa.core.lock, and a waiting
message sleeps between looks at the lock through the store's injected `sleep`; both read a `Clock`
that moves only when a waiter sleeps. What comes first is decided by events, never by how long
something took.
"""
import asyncio
import uuid

import pytest
import rasa.core.lock
from rasa.utils.endpoints import EndpointConfig

from stores.lock_store import ClinicRedisLockStore
from tests.redis_server import RedisServer

pytestmark = pytest.mark.services

GIVE_UP_S = 600  # on the tests' clock: a waiter still waiting then is never served


class Clock:
    """Seconds that pass only when a waiting message sleeps; `on_sleep` is called each time one does."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.on_sleep = lambda: None

    def time(self) -> float:  # what rasa.core.lock reads as `time.time()`
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.on_sleep()
        if self.now - 1_000_000.0 > GIVE_UP_S:
            raise AssertionError(f"a message still waits for the lock after {GIVE_UP_S} s")
        await asyncio.sleep(0)  # the others run


@pytest.fixture(scope="module")
def redis():
    server = RedisServer()
    yield server
    server.close()


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(rasa.core.lock, "time", clock)  # the tickets' expiry
    return clock


@pytest.fixture
def store(redis, clock):
    return ClinicRedisLockStore(EndpointConfig(url="127.0.0.1", port=redis.port, db=0, key_prefix="test"),
                                sleep=clock.sleep)


def test_a_message_waiting_behind_a_dead_replicas_ticket_is_served(store, clock):
    """The dead holder's ticket and the waiter's expire within a second of each other: Rasa's own store
    then waits forever on an empty lock; this one takes a new ticket and goes on."""
    conversation = f"c-{uuid.uuid4().hex}"
    store.issue_ticket(conversation, lock_lifetime=2)  # the replica that died holding the lock

    async def waiter():  # Rasa's own polling: once a second, and the same lifetime
        async with store.lock(conversation, lock_lifetime=2, wait_time_in_seconds=1) as lock:
            return lock.conversation_id

    started = clock.time()
    assert asyncio.run(asyncio.wait_for(waiter(), timeout=60)) == conversation
    assert clock.time() - started < 10
    assert clock.time() - started > 2  # it did wait for the dead holder's ticket to expire
    assert store.get_lock(conversation) is None or not store.get_lock(conversation).tickets  # cleaned up


def test_messages_of_one_conversation_still_go_one_at_a_time(store, clock):
    conversation = f"c-{uuid.uuid4().hex}"
    order = []

    async def both():
        first_in, second_in, second_waits = asyncio.Event(), asyncio.Event(), asyncio.Event()
        clock.on_sleep = second_waits.set  # only a message waiting its turn sleeps

        async def first():
            async with store.lock(conversation, lock_lifetime=10, wait_time_in_seconds=0.05):
                order.append("first in")
                first_in.set()
                # hold the lock until the second has its ticket and found the lock taken (or, were the
                # lock broken, got in beside this one)
                waits, got_in = asyncio.create_task(second_waits.wait()), asyncio.create_task(second_in.wait())
                await asyncio.wait({waits, got_in}, return_when=asyncio.FIRST_COMPLETED)
                waits.cancel()
                got_in.cancel()
                order.append("first out")

        async def second():
            await first_in.wait()  # the first message came first
            async with store.lock(conversation, lock_lifetime=10, wait_time_in_seconds=0.05):
                order.append("second in")
                second_in.set()
                order.append("second out")

        await asyncio.gather(first(), second())

    asyncio.run(asyncio.wait_for(both(), timeout=60))
    assert order == ["first in", "first out", "second in", "second out"]
