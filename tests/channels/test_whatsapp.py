import hashlib
import hmac

from channels.whatsapp import incoming_messages, interactive_message, valid_signature, wa_id_of


def test_the_signature_is_the_hmac_of_the_raw_body():
    body = b'{"object":"whatsapp_business_account"}'
    good = "sha256=" + hmac.new(b"app-secret", body, hashlib.sha256).hexdigest()
    assert valid_signature(body, good, "app-secret")
    assert not valid_signature(body + b" ", good, "app-secret")
    assert not valid_signature(body, good, "another-secret")
    assert not valid_signature(body, None, "app-secret")
    assert not valid_signature(body, good.replace("sha256=", "sha1="), "app-secret")
    assert not valid_signature(body, good, None)  # no secret configured: nothing is valid


def test_up_to_three_buttons_are_reply_buttons_with_titles_cut_to_20():
    message = interactive_message("Shall I?", [{"title": "Yes, book a consultation please", "payload": "/affirm"},
                                               {"title": "No", "payload": "/deny"}], "Options")
    assert message["type"] == "button"
    replies = [b["reply"] for b in message["action"]["buttons"]]
    assert replies[0]["id"] == "/affirm" and len(replies[0]["title"]) == 20
    assert replies[1] == {"id": "/deny", "title": "No"}


def test_more_than_three_buttons_are_a_list():
    buttons = [{"title": f"Change the preferred field number {i}", "payload": f"/p{i}"} for i in range(5)]
    message = interactive_message("What would you like to change?", buttons, "Options")
    assert message["type"] == "list"
    rows = message["action"]["sections"][0]["rows"]
    assert [row["id"] for row in rows] == [f"/p{i}" for i in range(5)]
    assert all(len(row["title"]) <= 24 for row in rows)
    assert rows[0]["description"].startswith("Change the preferred")  # the whole title where it was cut


def envelope(messages=(), statuses=(), phone_number_id="111"):
    value = {"metadata": {"phone_number_id": phone_number_id}}
    if messages:
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {"entry": [{"changes": [{"value": value}]}]}


def test_text_button_and_list_replies_are_read_and_statuses_skipped():
    payload = envelope([
        {"from": "447700900001", "id": "wamid.1", "type": "text", "text": {"body": "hi"}},
        {"from": "447700900001", "id": "wamid.2", "type": "interactive",
         "interactive": {"type": "button_reply", "button_reply": {"id": "/affirm", "title": "Yes"}}},
        {"from": "447700900001", "id": "wamid.3", "type": "interactive",
         "interactive": {"type": "list_reply", "list_reply": {"id": "/deny", "title": "No"}}},
        {"from": "447700900001", "id": "wamid.4", "type": "image", "image": {}},
    ], statuses=[{"id": "wamid.out", "status": "read"}])
    assert list(incoming_messages(payload, "111")) == [
        ("447700900001", "wamid.1", "hi", {}),
        ("447700900001", "wamid.2", "/affirm", {"shown": "Yes"}),
        ("447700900001", "wamid.3", "/deny", {"shown": "No"}),
    ]


def test_another_numbers_traffic_is_skipped():
    payload = envelope([{"from": "1", "id": "wamid.1", "type": "text", "text": {"body": "hi"}}], phone_number_id="999")
    assert list(incoming_messages(payload, "111")) == []
    assert list(incoming_messages("garbage", "111")) == []


def test_the_recipient_is_the_wa_id():
    assert wa_id_of("whatsapp:447700900001") == "447700900001"
