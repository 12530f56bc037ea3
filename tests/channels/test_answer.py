import asyncio
from types import SimpleNamespace

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.answer import handle
from core.settings import clinic

APP = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(domain=SimpleNamespace(responses={
    "utter_service_trouble": [{"text": "Sorry, a problem. Call {clinic_phone}."}]}))))


def run(on_new_message):
    collector = CollectingOutputChannel()
    asyncio.run(handle(on_new_message, UserMessage("hi", collector, "someone"), APP))
    return [message["text"] for message in collector.messages]


def test_a_reply_from_rasa_is_passed_on_and_nothing_added():
    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Hello"})

    assert run(answers) == ["Hello"]


def test_no_reply_gets_the_apology_with_the_clinics_phone():
    async def silent(message):
        return None

    assert run(silent) == [f"Sorry, a problem. Call {clinic().phone}."]


def test_a_failure_gets_the_apology_instead_of_an_error():
    async def fails(message):
        raise ConnectionError("lock store down")

    assert run(fails) == [f"Sorry, a problem. Call {clinic().phone}."]


def test_handle_says_whether_rasa_handled_the_message():
    async def fails(message):
        raise ConnectionError("lock store down")

    async def answers(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Hello"})

    for on_new_message, expected in ((fails, False), (answers, True)):
        handled = asyncio.run(handle(on_new_message, UserMessage("hi", CollectingOutputChannel(), "s"), APP))
        assert handled is expected
