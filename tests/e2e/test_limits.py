"""Limits every channel keeps: an over-long message is answered politely and not processed; a flood is cut off."""
import asyncio
import concurrent.futures
import time
import uuid

import requests

from channels.guard import MAX_MESSAGE_CHARS
from tests.e2e.channel_clients import SocketIOUser, TelegramUser, WhatsAppUser, events_of, joined, rest_say
from tests.e2e.conftest import SENDER_LIMIT

LONG = ("I have a question about microneedling and my skin. " * 60)[: MAX_MESSAGE_CHARS + 1]
POLITE = "too long for me to read"


def test_an_over_long_message_is_answered_politely_and_not_processed_on_every_channel(servers, channels):
    assert len(LONG) == MAX_MESSAGE_CHARS + 1
    sender = f"long-{uuid.uuid4()}"
    assert POLITE in joined(rest_say(servers, sender, LONG))
    assert events_of(servers.conversations_db, sender) == []  # not even a conversation was started

    telegram = TelegramUser(servers, channels)
    assert POLITE in joined(telegram.say(LONG))
    whatsapp = WhatsAppUser(servers, channels)
    assert POLITE in joined(whatsapp.say(LONG))

    async def over_socketio():
        user = SocketIOUser(servers)
        await user.connect()
        reply = await user.say(LONG)
        await user.close()
        return user.session_id, reply

    session_id, reply = asyncio.run(asyncio.wait_for(over_socketio(), timeout=120))
    assert POLITE in joined(reply)
    for sender_id in (telegram.sender_id, whatsapp.sender_id, session_id):
        assert [e for e in events_of(servers.conversations_db, sender_id) if e.get("event") == "user"] == []

    at_the_limit = rest_say(servers, f"long-{uuid.uuid4()}", "does it hurt? " + "x" * (MAX_MESSAGE_CHARS - 14))
    assert POLITE not in joined(at_the_limit)  # 2,000 characters are still read


def test_a_flood_from_one_sender_is_cut_off_without_starving_the_others(servers):
    flooder, other = f"flood-{uuid.uuid4()}", f"calm-{uuid.uuid4()}"
    url = f"{servers.rasa_url}/webhooks/rest/webhook"

    def send(sender):
        return requests.post(url, json={"sender": sender, "message": "hello"}, timeout=120).status_code

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        flood = list(pool.map(send, [flooder] * (SENDER_LIMIT * 2)))
    refilled = (time.monotonic() - started) * SENDER_LIMIT / 60  # the bucket refills while the flood runs
    assert set(flood) == {200, 429}
    assert flood.count(200) <= SENDER_LIMIT + refilled + 1
    assert send(other) == 200  # another client is answered straight after
    # while the flooder still waits: since the flood's first refusal the bucket held less than one
    # message and has refilled at most `elapsed * rate` more, so these quick tries cannot all pass
    elapsed = time.monotonic() - started
    assert 429 in [send(flooder) for _ in range(int(elapsed * SENDER_LIMIT / 60) + 3)]
