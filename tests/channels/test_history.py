from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

from channels.history import visible_history


def test_history_shows_what_the_person_saw():
    events = [
        ActionExecuted("action_session_start"),
        UserUttered("/greet"),  # the widget's opening payload: not shown
        BotUttered("Hello", data={"buttons": [{"title": "Book a consultation", "payload": "/book_consultation"}]}),
        UserUttered("/book_consultation", metadata={"shown": "Book a consultation"}),  # a press: its title
        SlotSet("requested_slot", "booking_name"),
        BotUttered("What's your name?"),
        UserUttered("<b>Sam</b>"),
    ]
    assert visible_history(events) == [
        {"from": "bot", "text": "Hello", "buttons": [{"title": "Book a consultation", "payload": "/book_consultation"}]},
        {"from": "user", "text": "Book a consultation"},
        {"from": "bot", "text": "What's your name?"},
        {"from": "user", "text": "<b>Sam</b>"},
    ]


def test_history_keeps_the_latest_messages():
    events = [BotUttered(str(i)) for i in range(10)]
    assert [m["text"] for m in visible_history(events, limit=3)] == ["7", "8", "9"]


def test_the_replies_to_a_message_are_found_by_its_id():
    from channels.history import replies_to

    events = [
        UserUttered("hi", message_id="m1"),
        BotUttered("Hello", data={"buttons": [{"title": "Book", "payload": "/book"}]}),
        BotUttered("Not medical advice."),
        UserUttered("does it hurt?", message_id="m2"),
        BotUttered("A numbing cream is used."),
    ]
    assert replies_to(events, "m1") == [
        {"text": "Hello", "buttons": [{"title": "Book", "payload": "/book"}]}, {"text": "Not medical advice."}]
    assert replies_to(events, "m2") == [{"text": "A numbing cream is used."}]
    assert replies_to(events, "m3") is None


def test_history_is_the_latest_session():
    from rasa.shared.core.events import SessionStarted

    from channels.history import latest_session

    earlier = [SessionStarted(), UserUttered("last week"), BotUttered("an answer")]
    latest = [SessionStarted(), UserUttered("today"), BotUttered("another")]
    assert latest_session(earlier + latest) == latest
    assert latest_session(earlier[1:]) == earlier[1:]  # no session start: everything
