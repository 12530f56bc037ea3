"""Telegram: updates posted to the webhook as Telegram posts them, replies read back from a fake Bot API."""
import re

from core.settings import clinic
from tests.e2e.channel_clients import TelegramUser, joined, user_texts
from tests.e2e.test_conversations import a_future_weekday_text

REFERENCE = re.compile(r"\bMN-[0-9A-Z]{4}\b")


def test_a_whole_booking_through_telegram(servers, channels):
    user = TelegramUser(servers, channels)
    assert clinic().name in joined(user.say("/start"))  # Telegram's opening command greets
    reply = user.say("does it hurt?")
    assert "numbing cream" in joined(reply)
    assert {"title": "Book a consultation", "payload": "/book_consultation"} in reply[-1]["buttons"]

    presses_before = len(channels.platform.calls_where(lambda c: c["path"].endswith("/answerCallbackQuery")))
    assert "What's your name?" in joined(user.press("Book a consultation"))  # the press is its payload
    presses_after = len(channels.platform.calls_where(lambda c: c["path"].endswith("/answerCallbackQuery")))
    assert presses_after == presses_before + 1  # and the callback is answered

    assert "Sam Taylor" in joined(user.say("Sam Taylor"))
    assert "When would you like to come in?" in joined(user.say("07911 123456"))
    user.say(a_future_weekday_text())
    assert "May the clinic keep these details" in joined(user.say("skip"))
    assert "Please check your request" in joined(user.say("yes"))
    reference = REFERENCE.search(joined(user.say("yes, send it"))).group(0)

    stored = servers.bookings.find(reference)
    assert stored["name"] == "Sam Taylor"
    assert stored["conversation_id"] == user.sender_id
    # the tracker shows the press as the button's payload, not its title
    assert "/book_consultation" in user_texts(servers.conversations_db, user.sender_id)


def test_an_update_without_the_secret_is_refused_and_changes_nothing(servers, channels):
    user = TelegramUser(servers, channels)
    for secret in (None, "wrong-secret", channels.telegram_secret[:-1]):
        assert user.post(user.text_update("I'd like to book"), secret=secret).status_code == 403
    assert user.sent() == []
    assert user_texts(servers.conversations_db, user.sender_id) == []


def test_an_update_sent_again_is_handled_once(servers, channels):
    user = TelegramUser(servers, channels)
    update = user.text_update("how many sessions will I need?")
    assert user.post(update).status_code == 200
    first = len(user.sent())
    assert first >= 1
    assert user.post(update).status_code == 200  # Telegram retries with the same update_id
    assert len(user.sent()) == first
    assert user_texts(servers.conversations_db, user.sender_id) == ["how many sessions will I need?"]


def test_the_webhook_is_the_only_telegram_api_use(servers, channels):
    """No getMe per update and no setWebhook at start: only replies reach the Bot API."""
    user = TelegramUser(servers, channels)
    user.say("hello")
    methods = {call["path"].rsplit("/", 1)[-1] for call in channels.platform.calls_where(lambda c: "/bot" in c["path"])}
    assert methods <= {"sendMessage", "answerCallbackQuery"}
    token_paths = {call["path"].split("/")[1] for call in channels.platform.calls_where(lambda c: "/bot" in c["path"])}
    assert token_paths == {f"bot{channels.telegram_token}"}
