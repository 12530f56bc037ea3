"""WhatsApp: signed webhook posts as the Cloud API sends them, replies read back from a fake Graph API."""
import re

import requests

from core.settings import clinic
from tests.e2e.channel_clients import WhatsAppUser, joined, user_texts
from tests.e2e.test_conversations import a_future_weekday_text

REFERENCE = re.compile(r"\bMN-[0-9A-Z]{4}\b")


def test_the_verification_handshake(servers, channels):
    url = f"{servers.rasa_url}/webhooks/whatsapp/webhook"
    good = {"hub.mode": "subscribe", "hub.verify_token": channels.whatsapp_verify_token, "hub.challenge": "1158201444"}
    reply = requests.get(url, params=good, timeout=30)
    assert reply.status_code == 200 and reply.text == "1158201444"
    for bad in ({**good, "hub.verify_token": "guess"}, {**good, "hub.mode": "unsubscribe"},
                {"hub.challenge": "1158201444"}):
        refused = requests.get(url, params=bad, timeout=30)
        assert refused.status_code == 403 and "1158201444" not in refused.text


def test_a_whole_booking_through_whatsapp_with_reply_buttons_and_a_list(servers, channels):
    user = WhatsAppUser(servers, channels)
    reply = user.say("hi")
    assert clinic().name in joined(reply)
    reply = user.say("does it hurt?")
    assert "numbing cream" in joined(reply)
    assert reply[-1]["kind"] == "button"  # up to 3 buttons: reply buttons
    assert all(len(b["title"]) <= 20 for b in reply[-1]["buttons"])

    assert "What's your name?" in joined(user.press(reply[-1], "Book a consultation"))
    assert "Priya Shah" in joined(user.say("Priya Shah"))
    assert "When would you like to come in?" in joined(user.say("priya.shah@example.com"))
    user.say(a_future_weekday_text())
    consent = user.say("skip")
    assert "May the clinic keep these details" in joined(consent)
    summary = user.press(consent[-1], next(b["title"] for b in consent[-1]["buttons"] if b["title"].startswith("Yes")))
    assert "Please check your request" in joined(summary)
    assert summary[-1]["kind"] == "list"  # more than 3 buttons: a list message
    assert all(len(b["title"]) <= 24 for b in summary[-1]["buttons"])

    change = user.say("no")
    assert "What would you like to change" in joined(change)
    time_row = next(b["title"] for b in change[-1]["buttons"] if "time" in b["title"].lower())
    user.press(change[-1], time_row)  # a list reply is its payload
    summary = user.say(a_future_weekday_text(days_ahead=9, hour="10am"))
    assert "Please check your request" in joined(summary) and "10:00" in joined(summary)
    reference = REFERENCE.search(joined(user.say("yes"))).group(0)

    stored = servers.bookings.find(reference)
    assert stored["name"] == "Priya Shah" and stored["contact"] == "priya.shah@example.com"
    assert stored["conversation_id"] == user.sender_id
    assert all(call["authorization"] == f"Bearer {channels.whatsapp_token}" for call in user.sent())


def test_a_post_without_a_valid_signature_is_refused_and_changes_nothing(servers, channels):
    user = WhatsAppUser(servers, channels)
    payload = user.envelope([user.message(type="text", text={"body": "book me in please"})])
    for signature in (None, "sha256=" + "0" * 64, "sha1=abc", "garbage"):
        assert user.post(payload, signature=signature).status_code == 403
    assert user.sent() == []
    assert user_texts(servers.conversations_db, user.sender_id) == []


def test_a_message_delivered_twice_is_handled_once_and_statuses_are_ignored(servers, channels):
    user = WhatsAppUser(servers, channels)
    message = user.message(type="text", text={"body": "how many sessions will I need?"})
    assert user.post(user.envelope([message])).status_code == 200
    first = len(user.sent())
    assert first >= 1
    assert user.post(user.envelope([message])).status_code == 200  # the same message id again
    statuses = [{"id": "wamid.out1", "status": status, "timestamp": "0", "recipient_id": user.wa_id}
                for status in ("sent", "delivered", "read")]
    assert user.post(user.envelope(statuses=statuses)).status_code == 200
    assert len(user.sent()) == first
    assert user_texts(servers.conversations_db, user.sender_id) == ["how many sessions will I need?"]
