"""The same scripted conversation through REST, socket.io, Telegram and WhatsApp carries the same answers."""
import asyncio
import uuid

from tests.e2e.channel_clients import SocketIOUser, TelegramUser, WhatsAppUser, joined, rest_say

SCRIPT = [
    "hello",
    "does it hurt and how many sessions will I need?",
    "walk me through it",
    "next",
    "what's step 3?",
    "can I go swimming the day after?",
    "I take metformin, is that ok?",
    "what do you do with my details?",
    "I'd like to book a consultation",
]


def payloads(replies):
    return [button["payload"] for reply in replies for button in reply["buttons"]]


def test_every_channel_carries_the_same_answers(servers, channels):
    sender = f"parity-{uuid.uuid4()}"
    rest = [rest_say(servers, sender, line) for line in SCRIPT]

    async def over_socketio():
        user = SocketIOUser(servers)
        await user.connect()
        turns = [await user.say(line) for line in SCRIPT]
        await user.close()
        return turns

    socketio = asyncio.run(asyncio.wait_for(over_socketio(), timeout=300))
    telegram_user = TelegramUser(servers, channels)
    telegram = [telegram_user.say(line) for line in SCRIPT]
    whatsapp_user = WhatsAppUser(servers, channels)
    whatsapp = [whatsapp_user.say(line) for line in SCRIPT]

    for turn, line in enumerate(SCRIPT):
        expected = joined(rest[turn])
        assert expected, f"no answer over REST to {line!r}"
        for name, replies in (("socket.io", socketio), ("Telegram", telegram), ("WhatsApp", whatsapp)):
            assert joined(replies[turn]) == expected, f"{name} differs at {line!r}"
            assert payloads(replies[turn]) == payloads(rest[turn]), f"{name}'s buttons differ at {line!r}"
