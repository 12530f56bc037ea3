"""The lock store on a real Redis (tests/redis_server.py): a waiting message is served after a dead holder."""
import asyncio
import time

import pytest
from rasa.utils.endpoints import EndpointConfig

from stores.lock_store import ClinicRedisLockStore
from tests.redis_server import RedisServer


@pytest.fixture(scope="module")
def store():
    server = RedisServer()
    yield ClinicRedisLockStore(EndpointConfig(url="127.0.0.1", port=server.port, db=0, key_prefix="test"))
    server.close()


def test_a_message_waiting_behind_a_dead_replicas_ticket_is_served(store):
    """The dead holder's ticket and the waiter's expire within a second of each other: Rasa's own store
    then waits forever on an empty lock; this one takes a new ticket and goes on."""
    conversation = f"c-{time.time()}"
    store.issue_ticket(conversation, lock_lifetime=2)  # the replica that died holding the lock

    async def waiter():  # Rasa's own polling: once a second, and the same lifetime
        async with store.lock(conversation, lock_lifetime=2, wait_time_in_seconds=1) as lock:
            return lock.conversation_id

    started = time.monotonic()
    assert asyncio.run(asyncio.wait_for(waiter(), timeout=15)) == conversation
    assert time.monotonic() - started < 10
    assert store.get_lock(conversation) is None or not store.get_lock(conversation).tickets  # cleaned up


def test_messages_of_one_conversation_still_go_one_at_a_time(store):
    conversation = f"c-{time.time()}"
    order = []

    async def handle(name, delay):
        await asyncio.sleep(delay)
        async with store.lock(conversation, lock_lifetime=10, wait_time_in_seconds=0.05):
            order.append(f"{name} in")
            await asyncio.sleep(0.3)
            order.append(f"{name} out")

    async def both():
        await asyncio.gather(handle("first", 0), handle("second", 0.05))

    asyncio.run(both())
    assert order == ["first in", "first out", "second in", "second out"]
