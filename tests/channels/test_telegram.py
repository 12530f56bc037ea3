from channels.telegram import GREET_PAYLOAD, chat_id_of, inline_keyboard, parse_update, sender_id


def test_buttons_become_an_inline_keyboard_one_per_row():
    keyboard = inline_keyboard([{"title": "Book a consultation", "payload": "/book_consultation"},
                                {"title": "No", "payload": "/deny"}])
    assert keyboard == {"inline_keyboard": [[{"text": "Book a consultation", "callback_data": "/book_consultation"}],
                                            [{"text": "No", "callback_data": "/deny"}]]}


def test_a_payload_over_telegrams_64_bytes_sends_the_title():
    keyboard = inline_keyboard([{"title": "Change time", "payload": "/x" + "y" * 70}])
    assert keyboard["inline_keyboard"][0][0]["callback_data"] == "Change time"


def test_a_text_message_is_taken_as_typed_and_start_greets():
    update = {"update_id": 1, "message": {"chat": {"id": 42}, "text": "does it hurt?"}}
    assert parse_update(update) == ("42", "does it hurt?", {}, None)
    start = {"update_id": 2, "message": {"chat": {"id": 42}, "text": "/start"}}
    assert parse_update(start)[1] == GREET_PAYLOAD


def test_a_button_press_is_its_payload_and_keeps_the_title_shown():
    markup = {"inline_keyboard": [[{"text": "Book a consultation", "callback_data": "/book_consultation"}]]}
    update = {"update_id": 3, "callback_query": {"id": "77", "data": "/book_consultation",
                                                 "message": {"chat": {"id": 42}, "reply_markup": markup}}}
    assert parse_update(update) == ("42", "/book_consultation", {"shown": "Book a consultation"}, "77")


def test_updates_without_a_text_are_ignored():
    assert parse_update({"update_id": 4, "message": {"chat": {"id": 42}, "sticker": {}}}) is None
    assert parse_update({"update_id": 5, "message": {"chat": {"id": 42}, "text": "   "}}) is None
    assert parse_update({"update_id": 6, "my_chat_member": {}}) is None
    assert parse_update("not a dict") is None


def test_the_sender_id_names_the_channel_and_gives_the_chat_back():
    assert sender_id(42) == "telegram:42"
    assert chat_id_of("telegram:42") == "42"
