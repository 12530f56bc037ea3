"""Rasa's own surface, locked down: no HTTP API, CORS and socket.io only for the clinic's site, REST retries once-only."""
import asyncio
import uuid

import pytest
import requests

from tests.e2e.channel_clients import events_of


@pytest.mark.parametrize("method, path", [
    ("GET", "/status"),
    ("GET", "/conversations/someone/tracker"),
    ("POST", "/conversations/someone/messages"),
    ("POST", "/model/parse"),
    ("PUT", "/model"),
])
def test_rasas_http_api_is_off(servers, method, path):
    reply = requests.request(method, servers.rasa_url + path, json={"text": "hi"}, timeout=30)
    assert reply.status_code in (404, 405)


def test_cors_answers_only_the_clinics_site(servers):
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = requests.options(url, headers={"Origin": servers.site_origin, **preflight}, timeout=30)
    assert allowed.headers.get("Access-Control-Allow-Origin") == servers.site_origin
    forged = requests.options(url, headers={"Origin": "https://evil.example", **preflight}, timeout=30)
    assert forged.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_a_page_from_another_site_cannot_open_the_widgets_socket(servers):
    import socketio

    async def connect(origin):
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(servers.rasa_url, socketio_path="/socket.io", transports=["polling"],
                                 headers={"Origin": origin}, wait_timeout=10)
            return client.connected
        except socketio.exceptions.ConnectionError:
            return False
        finally:
            await client.disconnect()

    assert asyncio.run(connect(servers.site_origin)) is True
    assert asyncio.run(connect("https://evil.example")) is False


def test_a_rest_message_sent_again_with_its_id_is_handled_once(servers):
    sender = f"retry-{uuid.uuid4()}"
    body = {"sender": sender, "message": "does it hurt?", "message_id": "m-1"}
    url = f"{servers.rasa_url}/webhooks/rest/webhook"
    first = requests.post(url, json=body, timeout=60).json()
    again = requests.post(url, json=body, timeout=60).json()
    assert "numbing cream" in first[0]["text"]
    assert again == first  # the same replies, from the tracker
    users = [e for e in events_of(servers.conversations_db, sender) if e.get("event") == "user"]
    assert [e["text"] for e in users] == ["does it hurt?"]
    bad = requests.post(url, json={**body, "message_id": "x" * 200}, timeout=30)
    assert bad.status_code == 400
