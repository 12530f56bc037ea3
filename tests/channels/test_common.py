import asyncio

from channels.common import OnceOnly, setting


def test_settings_come_from_credentials_then_the_environment(monkeypatch):
    monkeypatch.setenv("TELEGRAM_TOKEN", "from-env")
    assert setting({"TELEGRAM_TOKEN": "from-file"}, "TELEGRAM_TOKEN") == "from-file"
    assert setting({}, "TELEGRAM_TOKEN") == "from-env"
    monkeypatch.delenv("TELEGRAM_TOKEN")
    assert setting(None, "TELEGRAM_TOKEN", "default") == "default"


def test_an_id_is_claimed_once_and_the_memory_is_bounded():
    async def claims():
        once = OnceOnly(size=2)
        first = [await once.claim(key) for key in ("a", "a", "b", "c")]
        return first, await once.claim("a")  # "a" fell out of the bounded memory

    assert asyncio.run(claims()) == ([True, False, True, True], True)


def test_an_id_already_in_the_conversation_is_not_claimed():
    class Store:
        async def exists(self, sender_id):
            return True

        async def retrieve_full_tracker(self, sender_id):
            from rasa.shared.core.events import UserUttered
            from rasa.shared.core.trackers import DialogueStateTracker

            return DialogueStateTracker.from_events(sender_id, [UserUttered("hi", message_id="m1")])

    async def claims():
        once = OnceOnly()
        return await once.claim("m1", Store(), "whatsapp:1"), await once.claim("m2", Store(), "whatsapp:1")

    assert asyncio.run(claims()) == (False, True)


def test_a_released_claim_can_be_claimed_again():
    async def claims():
        once = OnceOnly()
        first = await once.claim("m1")
        await once.release("m1")
        return first, await once.claim("m1"), await once.claim("m1")

    assert asyncio.run(claims()) == (True, True, False)


BOOK = {"title": "Book a consultation", "payload": "/book_consultation"}
RESULTS = {"title": "When will I see results?", "payload": '/faq{"topic": "results"}'}
STEPS = {"title": "What happens step by step?", "payload": "/start_guide"}


async def test_a_button_is_offered_once_in_a_reply_and_again_in_the_next():
    # the play-tests found "Book a consultation" three times in one reply of several answers
    from channels.rest import ClinicCollectingOutput

    reply = ClinicCollectingOutput()
    await reply.send_response("jo", {"text": "pain", "buttons": [STEPS, BOOK]})
    await reply.send_response("jo", {"text": "sessions", "buttons": [BOOK, RESULTS]})
    await reply.send_response("jo", {"text": "more", "buttons": [BOOK]})
    assert [(m["text"], [b["title"] for b in m.get("buttons") or []]) for m in reply.messages] == [
        ("pain", ["What happens step by step?", "Book a consultation"]),
        ("sessions", ["When will I see results?"]),
        ("more", []),
    ]
    following = ClinicCollectingOutput()  # the next message's reply
    await following.send_response("jo", {"text": "price", "buttons": [BOOK]})
    assert following.messages[0]["buttons"] == [BOOK]


async def test_telegram_offers_each_button_once_in_a_reply():
    from channels.telegram import TelegramOutput

    sent = []

    class Recording(TelegramOutput):
        async def call(self, method, payload):
            sent.append(payload.get("reply_markup"))
            return {}

    reply = Recording("https://api.telegram.org", "token")
    await reply.send_response("1", {"text": "pain", "buttons": [STEPS, BOOK]})
    await reply.send_response("1", {"text": "sessions", "buttons": [BOOK]})
    assert sent[0] is not None and sent[1] is None  # the second message goes as text alone
