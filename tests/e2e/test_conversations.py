"""Whole conversations with the real servers over the REST channel."""
import datetime as dt
import re
import sqlite3
import uuid

import pytest

from core.settings import clinic

REFERENCE = re.compile(r"\bMN-[0-9A-Z]{4}\b")


def texts(messages):
    return " ".join(message.get("text", "") for message in messages)


def button_titles(messages):
    return [button["title"] for message in messages for button in message.get("buttons", [])]


def press(servers, sender, reply, title):
    """Press a button of the reply, as the widget sends it: its payload."""
    payloads = [button["payload"] for message in reply for button in message.get("buttons", []) if button["title"] == title]
    assert payloads, f"no button {title!r} in {button_titles(reply)}"
    return servers.say(sender, payloads[0])


def new_sender():
    return f"e2e-{uuid.uuid4()}"


def a_future_weekday_text(days_ahead: int = 8, hour: str = "11am") -> str:
    """An open day at least `days_ahead` days from now, at `hour` (within every day's hours)."""
    day = dt.date.today() + dt.timedelta(days=days_ahead)
    while clinic().hours_on(day) is None:
        day += dt.timedelta(days=1)
    return f"{day.day} {day:%B} at {hour}"


def test_greeting_says_what_it_can_do_and_that_it_is_not_medical_advice(servers):
    reply = servers.say(new_sender(), "hello")
    assert clinic().name in texts(reply)
    assert "not medical advice" in texts(reply)
    assert "Book a consultation" in button_titles(reply)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("does microneedling hurt?", "numbing cream"),
        ("how many sesions do i need", "3-6 treatments"),
        ("how long does a treatment take", "30 minutes to an hour"),
        ("any side effects?", "redness, swelling and sensitivity"),
    ],
)
def test_faq_answers_come_from_the_guide(servers, question, expected):
    reply = servers.say(new_sender(), question)
    assert expected in texts(reply)
    assert "Book a consultation" in button_titles(reply)


def test_a_question_the_guide_cannot_settle_goes_to_a_consultation(servers):
    reply = servers.say(new_sender(), "I'm pregnant, can I still have microneedling?")
    assert "consultation" in texts(reply)
    assert "Yes, book a consultation" in button_titles(reply)


def test_walk_through_with_next_back_and_a_jump(servers):
    sender = new_sender()
    assert "Step 1 of 4" in texts(servers.say(sender, "can you walk me through it step by step"))
    assert "Step 2 of 4" in texts(servers.say(sender, "/next_step"))
    assert "Step 1 of 4" in texts(servers.say(sender, "/previous_step"))
    assert "Step 3 of 4" in texts(servers.say(sender, "what happens during the procedure?"))
    assert "Step 4 of 4" in texts(servers.say(sender, "next"))


def test_yes_at_the_end_of_the_walk_through_starts_a_booking(servers):
    sender = new_sender()
    assert "avoid direct sun" in texts(servers.say(sender, "what should i do for aftercare"))  # the last step
    assert "Would you like to book" in texts(servers.say(sender, "/next_step"))
    assert "What's your name?" in texts(servers.say(sender, "yes please"))


def test_out_of_scope_and_asking_for_a_person(servers):
    sender = new_sender()
    assert f"microneedling at {clinic().name}" in texts(servers.say(sender, "what's the capital of France?"))
    assert clinic().phone in texts(servers.say(sender, "can I talk to a real person please"))
    assert clinic().address in texts(servers.say(sender, "what are your opening hours and where are you"))


def test_a_whole_booking_is_stored_verbatim_and_referenced(servers):
    sender = new_sender()
    name = "Zoë Ñúñez-O'Brien"
    reply = servers.say(sender, "I'd like to book a consultation about my acne scars")
    assert "What's your name?" in texts(reply)
    assert name in texts(servers.say(sender, name))  # "Thanks, Zoë…" then asks for a contact
    reply = servers.say(sender, "my email is zoe at example dot com")
    assert "couldn't find an email address or a phone number" in texts(reply)  # asked again with the reason
    reply = servers.say(sender, "zoe.nunez@example.com")
    assert "When would you like to come in?" in texts(reply)
    reply = servers.say(sender, "how long does it take?")  # a question inside the form
    assert "30 minutes to an hour" in texts(reply)
    assert "When would you like to come in?" in texts(reply)  # and the form goes on
    reply = servers.say(sender, a_future_weekday_text())
    assert "May the clinic keep these details" in texts(reply)  # the concern was prefilled
    reply = press(servers, sender, reply, "Yes, I agree")
    assert "Please check your request" in texts(reply) and "acne scars" in texts(reply)
    reply = press(servers, sender, reply, "Yes, send it")
    reference = REFERENCE.search(texts(reply)).group(0)
    stored = servers.bookings.find(reference)
    assert stored["name"] == name
    assert stored["contact"] == "zoe.nunez@example.com"
    assert stored["concern"] == "acne scars"
    assert stored["conversation_id"] == sender


def test_changing_the_time_at_the_summary(servers):
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    servers.say(sender, "ok whatever. my name is Dave")
    servers.say(sender, "07911 123456")
    servers.say(sender, a_future_weekday_text(days_ahead=9, hour="10am"))
    reply = servers.say(sender, "skip")
    assert "Dave" in texts(press(servers, sender, reply, "Yes, I agree"))  # the summary, with the name only
    reply = servers.say(sender, "no")
    assert "What would you like to change" in texts(reply)
    reply = servers.say(sender, a_future_weekday_text())
    assert "Please check your request" in texts(reply) and "11:00" in texts(reply)
    reference = REFERENCE.search(texts(servers.say(sender, "yes send it"))).group(0)
    stored = servers.bookings.find(reference)
    # the person's words, the first time and its correction
    assert stored["name"] == "Dave"
    assert stored["preferred_text"] == f"{a_future_weekday_text(days_ahead=9, hour='10am')} → {a_future_weekday_text()}"


def test_hostile_text_is_refused_as_a_name_and_stored_as_text_where_text_is_asked(servers):
    sender = new_sender()
    hostile = "'; DROP TABLE bookings; --"
    servers.say(sender, "/book_consultation")
    assert "doesn't look like a name" in texts(servers.say(sender, hostile))
    servers.say(sender, "Bobby Tables")
    servers.say(sender, "+44 7911 123456")
    servers.say(sender, a_future_weekday_text())
    reply = servers.say(sender, hostile)  # the concern: free text
    reply = press(servers, sender, reply, "Yes, I agree")
    reply = press(servers, sender, reply, "Yes, send it")
    reference = REFERENCE.search(texts(reply)).group(0)
    stored = servers.bookings.find(reference)
    assert stored["name"] == "Bobby Tables" and stored["concern"] == hostile
    assert servers.bookings.all()  # the table is still there


def test_cancelling_keeps_nothing(servers):
    sender = new_sender()
    before = len(servers.bookings.all())
    servers.say(sender, "book me in please")
    servers.say(sender, "Sam Taylor")
    reply = servers.say(sender, "cancel")
    assert "cancelled" in texts(reply)
    assert len(servers.bookings.all()) == before
    assert "What's your name?" not in texts(servers.say(sender, "is it safe?"))


def test_conversations_are_kept_in_the_sql_tracker_store(servers):
    sender = new_sender()
    servers.say(sender, "hello")
    with sqlite3.connect(servers.conversations_db) as connection:
        count = connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]
    assert count > 0


def test_delete_my_data_removes_the_booking_and_the_conversation(servers):
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Dana Whitfield")
    servers.say(sender, "dana.w@example.com")
    servers.say(sender, a_future_weekday_text())
    reply = servers.say(sender, "skip")
    press(servers, sender, reply, "Yes, I agree")
    reference = REFERENCE.search(texts(servers.say(sender, "yes send it"))).group(0)
    assert servers.bookings.find(reference)["name"] == "Dana Whitfield"

    assert "can't be undone" in texts(servers.say(sender, "please delete my data"))
    assert "I've deleted" in texts(servers.say(sender, "yes"))
    assert servers.bookings.find(reference) is None
    with sqlite3.connect(servers.conversations_db) as connection:
        rows = connection.execute("select data from events where sender_id = ?", (sender,)).fetchall()
    assert rows == []  # the conversation is gone, with the name and email in it
    # asked again, it says there is nothing earlier left (found by the seventh play-test: it offered to delete again)
    assert "nothing from earlier in this conversation" in texts(servers.say(sender, "has it been deleted?"))
    assert "nothing has been deleted" in texts(servers.say(sender, "no"))
    assert clinic().name in texts(servers.say(sender, "hi"))  # and the conversation goes on


def test_delete_my_data_can_be_called_off(servers):
    sender = new_sender()
    servers.say(sender, "hello")
    assert "can't be undone" in texts(servers.say(sender, "delete everything you have about me"))
    assert "nothing has been deleted" in texts(servers.say(sender, "no"))
    with sqlite3.connect(servers.conversations_db) as connection:
        assert connection.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0] > 0
