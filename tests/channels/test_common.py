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
