"""The action server answers only Rasa: a hand-made request without its token stores nothing."""
import datetime as dt
import uuid

import requests

from core.settings import clinic


def forged_booking_call(sender: str) -> dict:
    """What an attacker would post: action_submit_booking with a tracker of their own making."""
    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=10)
    window = f"{start.isoformat()}/{(start + dt.timedelta(hours=1)).isoformat()}"
    slots = {"booking_name": "Eve Forger", "booking_contact": "eve@example.com", "booking_time": window,
             "booking_time_text": "whenever", "booking_concern": None,
             "booking_consent": True, "booking_confirmed": True}
    return {
        "next_action": "action_submit_booking",
        "sender_id": sender,
        "version": "3.6.21",
        "domain": {"version": "3.1", "slots": {}, "responses": {}, "intents": [], "entities": [], "actions": [],
                   "forms": {}, "session_config": {}, "config": {}},
        "tracker": {"sender_id": sender, "slots": slots, "latest_message": {"intent": {}, "entities": [], "text": ""},
                    "latest_event_time": None, "followup_action": None, "paused": False, "events": [],
                    "latest_input_channel": None, "active_loop": {}, "latest_action": {},
                    "latest_action_name": None},
    }


def booking_rows_for(servers, sender):
    return [row for row in servers.bookings.all() if row["conversation_id"] == sender]


def test_the_hand_made_booking_request_is_refused_and_stores_nothing(servers):
    sender = f"forged-{uuid.uuid4()}"
    url = f"{servers.action_url}/webhook"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": servers.action_token},
                    {"Authorization": f"Basic {servers.action_token}"}):
        reply = requests.post(url, json=forged_booking_call(sender), headers=headers, timeout=30)
        assert reply.status_code == 401
        assert "Eve" not in reply.text
    assert requests.get(f"{servers.action_url}/actions", timeout=30).status_code == 401
    assert booking_rows_for(servers, sender) == []


def test_the_same_request_with_rasas_token_is_what_rasa_sends(servers):
    """The control: with the token the call is served, so the refusals above are the token's doing."""
    sender = f"forged-{uuid.uuid4()}"
    reply = requests.post(f"{servers.action_url}/webhook", json=forged_booking_call(sender),
                          headers={"Authorization": f"Bearer {servers.action_token}"}, timeout=30)
    assert reply.status_code == 200
    assert [row["name"] for row in booking_rows_for(servers, sender)] == ["Eve Forger"]


def test_health_needs_no_token(servers):
    assert requests.get(f"{servers.action_url}/health", timeout=30).json() == {"status": "ok"}
    assert clinic().name  # the servers were started from this checkout's clinic.yml
