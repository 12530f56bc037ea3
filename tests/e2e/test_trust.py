"""A conversation a patient can trust, over REST with the real servers: the booking keeps what was said,
buttons mean what they say, and nothing restarts by itself."""

import datetime as dt
import re

import pytest

from core.booking import PreferredTime
from core.settings import clinic
from tests.e2e.test_conversations import REFERENCE, button_titles, new_sender, press, texts


def open_day(days_ahead: int) -> dt.date:
    """The first day the clinic is open, at least `days_ahead` days from today."""
    day = dt.date.today() + dt.timedelta(days=days_ahead)
    while clinic().hours_on(day) is None:
        day += dt.timedelta(days=1)
    return day


def said(day: dt.date) -> str:
    """A date as a person types it: "Tuesday the 15th"."""
    return (
        f"{day:%A} the {day.day}{'th' if 11 <= day.day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day.day % 10, 'th')}"
    )


def shown(day: dt.date, time: str) -> str:
    """The preferred time as the summary shows it."""
    moment = dt.datetime.combine(day, dt.time.fromisoformat(time))
    return PreferredTime(moment, moment).describe()


def up_to_the_concern(servers, sender, day: dt.date, name="Jo Marsh", contact="07911 123456"):
    """A booking started by its button, answered up to the concern's question (its reply)."""
    servers.say(sender, "/book_consultation")
    servers.say(sender, name)
    servers.say(sender, contact)
    return servers.say(sender, f"{said(day)} at 2pm")


def up_to_the_consent(servers, sender, day: dt.date, **details):
    """A booking answered up to the consent question (its reply)."""
    up_to_the_concern(servers, sender, day, **details)
    return servers.say(sender, "fine lines")


def up_to_the_summary(servers, sender, day: dt.date, concern="fine lines around my eyes"):
    up_to_the_concern(servers, sender, day, contact="jo.marsh@example.com")
    reply = press(servers, sender, servers.say(sender, concern), "Yes, I agree")
    assert "Please check your request" in texts(reply) and shown(day, "14:00") in texts(reply)
    return reply


def test_a_new_day_at_the_summary_keeps_the_time(servers):
    sender, first, second = new_sender(), open_day(9), open_day(10)
    while second == first or second.weekday() == 5:  # Saturday's hours differ; any other open day after the first
        second = open_day((second - dt.date.today()).days + 1)
    up_to_the_summary(servers, sender, first)
    reply = servers.say(sender, f"can we do {said(second)} instead, same time")
    assert shown(second, "14:00") in texts(reply)
    assert "fine lines around my eyes" in texts(reply)


def test_a_new_time_at_the_summary_keeps_the_day(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = servers.say(sender, "at 10am I said")
    assert shown(day, "10:00") in texts(reply)
    reference = REFERENCE.search(texts(press(servers, sender, reply, "Yes, send it"))).group(0)
    stored = servers.bookings.find(reference)
    assert stored["name"] == "Jo Marsh" and stored["concern"] == "fine lines around my eyes"
    assert stored["preferred_text"] == f"{said(day)} at 2pm → at 10am"


def test_an_older_book_button_at_the_summary_restarts_nothing(servers):
    sender, day = new_sender(), open_day(9)
    answer = servers.say(sender, "does it hurt?")  # an answer with a "Book a consultation" button
    up_to_the_summary(servers, sender, day)
    reply = press(servers, sender, answer, "Book a consultation")  # scrolled back to, pressed again
    assert "already requesting your consultation" in texts(reply)
    assert "What's your name?" not in texts(reply)
    assert "fine lines around my eyes" in texts(reply)  # not reverted to "fine lines"
    assert "Please check your request" in texts(reply)


def test_an_older_skip_button_at_consent_is_no_refusal(servers):
    sender, day = new_sender(), open_day(9)
    concern_question = up_to_the_concern(servers, sender, day)
    assert "Skip" in button_titles(concern_question)
    consent_question = servers.say(sender, "acne scars")
    assert "May the clinic keep these details" in texts(consent_question)
    reply = press(servers, sender, concern_question, "Skip")  # the concern's button, pressed late
    assert "earlier question" in texts(reply)
    assert "May the clinic keep these details" in texts(reply)  # asked again; nothing dropped
    reply = press(servers, sender, reply, "Yes, I agree")
    assert "acne scars" in texts(reply) and "Jo Marsh" in texts(reply)


def test_an_older_consent_button_at_the_summary_sends_nothing(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    consent_question = servers.say(sender, "acne scars")
    summary = press(servers, sender, consent_question, "Yes, I agree")
    assert "Please check your request" in texts(summary)
    before = len(servers.bookings.all())
    reply = press(servers, sender, consent_question, "Yes, I agree")  # pressed again: no "send it"
    assert "earlier question" in texts(reply) and "Please check your request" in texts(reply)
    assert not REFERENCE.search(texts(reply)) and len(servers.bookings.all()) == before


@pytest.mark.parametrize(
    "message",
    [
        "Hi, I'm Sarah Jones, I'd like to book a consultation for acne scars on {day} at 2pm, my email is sarah@example.com",
        "book me in please - name Tom Baker, 07911 555321, {day} 11am, fine lines",
        "Can I book a consultation? My number is 07700 900123, I'm Priya, I'd like {day} afternoon, "
        "it's about pigmentation on my cheeks",
        "I want to book for my acne scars. Dan Green, dan.green@example.com, {day} at 3pm",
        "{day} at 10am works for me. fine lines on my forehead. jo.k@example.org. Book me in please, name's Jo King",
    ],
)
def test_every_detail_given_up_front_is_taken_and_only_consent_is_asked(servers, message):
    sender, day = new_sender(), open_day(9)
    reply = servers.say(sender, message.format(day=said(day)))
    assert "May the clinic keep these details" in texts(reply), texts(reply)
    for question in (
        "What's your name?",
        "How can the clinic reach you",
        "When would you like to come in?",
        "What would you like to have looked at?",
    ):
        assert question not in texts(reply)


def test_changing_a_detail_before_any_request_offers_to_start_one(servers):
    sender = new_sender()
    reply = servers.say(sender, "change my number to 07911 123456")
    assert "haven't requested a consultation in this chat yet" in texts(reply)
    assert "already requested" not in texts(reply)
    assert "What's your name?" in texts(press(servers, sender, reply, "Yes, book a consultation"))


def test_changing_a_detail_after_a_request_was_sent_changes_it_and_tells_the_clinic(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    reply = servers.say(sender, "change my number to 07911 654321")
    assert f"change your request {reference}" in texts(reply)
    assert f"Please check your request {reference} with the change" in texts(reply)
    assert "7911654321" in texts(reply) and "fine lines around my eyes" in texts(reply)  # the rest kept
    done = texts(press(servers, sender, reply, "Yes, send the change"))
    assert "sent the change" in done and reference in done
    [stored] = [row for row in servers.bookings.all() if row["conversation_id"] == sender]  # changed, not a second
    assert stored["reference"] == reference and "654321" in stored["contact"]
    assert stored["name"] == "Jo Marsh" and stored["concern"] == "fine lines around my eyes"
    assert stored["changes"] == 1 and stored["changed_fields"] == "contact"


def test_cancelling_a_request_after_it_was_sent_asks_then_cancels_it_and_tells_the_clinic(servers):
    # play-test 130: it could send a change to the clinic, but not a cancellation ("call the clinic", which was closed)
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    asked = servers.say(sender, "actually you know what, cancel it. ive changed my mind for now")
    assert f"Shall I cancel your request {reference}?" in texts(asked)
    kept = texts(press(servers, sender, asked, "No, keep it"))
    assert "haven't cancelled anything" in kept and servers.bookings.find(reference)["cancelled_change"] is None
    asked = servers.say(sender, "please cancel my request")
    done = texts(press(servers, sender, asked, "Yes, cancel it"))
    assert f"cancelled your request {reference} and told the clinic" in done
    stored = servers.bookings.find(reference)
    assert stored["cancelled_change"] == 1 and stored["changed_fields"] == "cancelled by the person"
    # the request cancelled is changed no more, and the same button pressed again does nothing
    assert "earlier question" in texts(press(servers, sender, asked, "Yes, cancel it"))
    assert servers.bookings.find(reference)["changes"] == 1


def test_after_a_request_is_sent_cancelling_asked_is_explained_and_a_goodbye_cancels_nothing(servers):
    # play-test 230: "can I cancel here or must I phone?" got a menu twice, and "Never mind, I shall telephone them if
    # need be. Good day." was asked whether to cancel the request
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    told = texts(servers.say(sender, "and if i change my mind later, could i cancel it on here or do i ring?"))
    assert reference in told and 'say "cancel my request"' in told, told
    bye = texts(servers.say(sender, "never mind, I'll give them a ring if I need to. Good day."))
    assert "Shall I cancel" not in bye and reference not in bye, bye
    assert servers.bookings.find(reference)["cancelled_change"] is None


def test_a_question_after_a_wait_where_the_name_is_asked_is_answered_and_the_name_kept(servers):
    # play-test 231: "actually wait" read as whether something can wait: "call NHS 111 now" to someone booking
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    reply = texts(servers.say(sender, "Tom Baxter. actually wait, before that - is the consultation itself free?"))
    assert "111" not in reply and "whether it can wait" not in reply, reply
    assert "Tom Baxter" in reply, reply


def test_a_call_moved_after_it_was_sent_is_changed_and_a_change_can_be_left(servers):
    sender, day, other = new_sender(), open_day(9), open_day(12)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    reply = servers.say(sender, f"can they call on {said(other)} instead, same time")
    assert f"Please check your request {reference} with the change" in texts(reply)
    assert shown(other, "14:00") in texts(reply)
    reply = texts(press(servers, sender, reply, "Leave it as it was"))
    assert "haven't sent the change" in reply and reference in reply
    stored = servers.bookings.find(reference)
    assert stored["changes"] is None and stored["preferred_text"] == f"{said(day)} at 2pm"
    # and nothing of the change left is picked up by a later request
    assert "What's your name?" in texts(servers.say(sender, "/book_consultation"))


def test_something_else_asks_what_it_is(servers):
    sender = new_sender()
    reply = servers.say(sender, "is the thing with the stuff ok")  # unclear: "did you mean …?"
    assert "Something else" in button_titles(reply)
    reply = press(servers, sender, reply, "Something else")
    assert "What would you like to ask?" in texts(reply)
    assert "can't help" not in texts(reply)


def test_a_step_asked_alone_is_answered_without_the_walk_through(servers):
    sender = new_sender()
    reply = servers.say(sender, "how do I prepare for the treatment on the day?")
    assert "cleansed" in texts(reply)
    assert "Step " not in texts(reply) and not {"Next", "Back"} & set(button_titles(reply))
    reply = servers.say(sender, "can you walk me through it step by step?")
    assert "Step 1 of 4" in texts(reply) and "Next" in button_titles(reply)


@pytest.mark.parametrize(
    "message, in_that_language",
    [
        ("hola, me gustaría saber si el tratamiento duele mucho", "solo puedo responder en inglés"),
        ("bonjour, combien de séances faut-il pour les cicatrices d'acné ?", "je ne peux répondre qu'en anglais"),
        ("czy mogę umówić się na wizytę w przyszły wtorek?", "tylko po angielsku"),
    ],
)
def test_a_message_in_another_language_gets_the_clinic_in_that_language_too(servers, message, in_that_language):
    reply = texts(servers.say(new_sender(), message))
    assert in_that_language in reply
    assert "I can only answer in English" in reply and clinic().phone in reply and clinic().email in reply
    assert clinic().safety["emergency_number"] in reply  # safety first, whatever the language


def test_a_language_without_its_own_words_gets_the_english_reply(servers):
    reply = texts(servers.say(new_sender(), "hei, kuinka paljon hoito maksaa ja sattuuko se?"))  # Finnish
    assert "I can only answer in English" in reply and clinic().phone in reply


def test_another_language_inside_the_booking_form_keeps_the_form(servers):
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    reply = texts(servers.say(sender, "perdón, no hablo bien inglés, puedo escribir en español?"))
    assert "solo puedo responder en inglés" in reply and "What's your name?" in reply


def test_a_question_inside_the_form_is_answered_without_a_second_offer_to_book(servers):
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    reply = servers.say(sender, "how much does it cost?")
    assert "can't give prices here" in texts(reply)
    assert "Would you like to book" not in texts(reply)
    assert not [title for title in button_titles(reply) if "book" in title.lower()]
    assert "What's your name?" in texts(reply)  # the form simply goes on
    # outside the form the same answer offers the consultation
    assert "Would you like to book a consultation?" in texts(servers.say(new_sender(), "how much does it cost?"))


def test_a_new_email_typed_for_the_concern_is_the_contact_and_a_new_name_is_taken(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day, contact="jo@example.com")
    reply = servers.say(sender, "actually my email is jo.marsh@example.org")
    assert "What would you like to have looked at?" in texts(reply)  # the concern is still asked
    summary = press(servers, sender, servers.say(sender, "acne scars"), "Yes, I agree")
    assert "jo.marsh@example.org" in texts(summary) and "Concern: acne scars" in texts(summary)
    reply = servers.say(sender, "change name to Joanna Marsh")
    assert "Name: Joanna Marsh" in texts(reply) and "What's your name?" not in texts(reply)


def next_saturday(days_ahead: int = 9) -> dt.date:
    day = dt.date.today() + dt.timedelta(days=days_ahead)
    while day.weekday() != 5:
        day += dt.timedelta(days=1)
    return day


def test_a_time_refused_is_completed_by_the_next_words(servers):
    # found by a play-test: "saturday 5pm" is past Saturday's last start; "3pm then" meant that Saturday, not today
    sender, saturday = new_sender(), next_saturday()
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Jo Marsh")
    servers.say(sender, "07911 123456")
    reply = servers.say(sender, f"{said(saturday)} at 5pm")
    assert "When would you like to come in?" in texts(reply)  # refused, with the hours
    reply = servers.say(sender, "3pm then")
    assert "What would you like to have looked at?" in texts(reply)
    summary = press(servers, sender, servers.say(sender, "skip"), "Yes, I agree")
    assert shown(saturday, "15:00") in texts(summary)


def test_change_time_then_a_time_alone_keeps_the_day(servers):
    # found by a play-test: after "Change time", "11am" moved the request to another day
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    assert "When would you like to come in?" in texts(press(servers, sender, summary, "Change time"))
    assert shown(day, "11:00") in texts(servers.say(sender, "11am"))


def test_details_given_before_the_offer_to_book_are_kept(servers):
    # found by a play-test: a message of details without "book" got the offer, and "yes" asked for them all again
    sender, day = new_sender(), open_day(9)
    reply = servers.say(
        sender,
        f"priya.patel@example.com - Priya Patel - need a consultation for pigmentation on my "
        f"forehead, {said(day)} at half 10",
    )
    if "May the clinic keep these details" not in texts(reply):  # the offer first, then "yes" takes it up
        assert "Would you like to book" in texts(reply), texts(reply)
        reply = servers.say(sender, "yes")
    assert "May the clinic keep these details" in texts(reply), texts(reply)
    summary = press(servers, sender, reply, "Yes, I agree")
    assert "Priya Patel" in texts(summary) and "priya.patel@example.com" in texts(summary)
    assert shown(day, "10:30") in texts(summary)


def test_a_new_name_typed_at_the_summary_is_taken(servers):
    # found by a play-test: "actually it's Jon not John" got "I need a yes or a no"
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day, name="John Baker", contact="john@example.com")
    summary = press(servers, sender, servers.say(sender, "acne scars"), "Yes, I agree")
    assert "Name: John Baker" in texts(summary)
    reply = servers.say(sender, "actually it's Jon Baker not John")
    assert "Name: Jon Baker" in texts(reply) and "didn't catch that" not in texts(reply)


@pytest.mark.parametrize("correction", ["hmm no {day}", "back to {day}", "ok {day} then"])
def test_a_new_day_at_the_summary_is_taken_however_it_is_said(servers, correction):
    # found by a play-test: "hmm no tuesday" and "back to tuesday" got "I need a yes or a no"
    # a weekday named alone is the one nearest the day said before (core/booking.py): one a day or two from it, open,
    # not a Saturday (other hours)
    sender, first = new_sender(), open_day(9)
    second = next(
        day
        for day in (first + dt.timedelta(days=offset) for offset in (1, -1, 2, -2))
        if clinic().hours_on(day) is not None and day.weekday() != 5
    )
    up_to_the_summary(servers, sender, first)
    reply = servers.say(sender, correction.format(day=f"{second:%A}".lower()))
    assert "didn't catch that" not in texts(reply)
    assert shown(second, "14:00") in texts(reply)


def test_a_date_put_right_at_the_consent_question_is_taken(servers):
    # play-test 71: "oh sorry, the 18th not the 17th" at the consent question was ignored, and the summary kept the 17th
    sender, first = new_sender(), open_day(9)
    second = open_day((first - dt.date.today()).days + 1)  # the next day the clinic is open (2pm fits every day)
    up_to_the_concern(servers, sender, first)
    consent = servers.say(sender, "acne scars on my jaw")
    assert "May the clinic keep these details" in texts(consent), texts(consent)
    ordinal = said(second).split(" the ", 1)[1]
    reply = servers.say(sender, f"oh sorry, the {ordinal} not the {said(first).split(' the ', 1)[1]}")
    if "May the clinic keep these details" in texts(reply):
        reply = press(servers, sender, reply, "Yes, I agree")
    assert shown(second, "14:00") in texts(reply) and shown(first, "14:00") not in texts(reply), texts(reply)


def test_a_concern_naming_the_sun_is_no_sunday(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = servers.say(sender, "dark spots on my forehead from the sun")
    assert "closed on Sunday" not in texts(reply) and "May the clinic keep these details" in texts(reply)


@pytest.mark.parametrize(
    "correction",
    ["the concern should just say stretch marks on my stomach", "change the concern to stretch marks on my stomach"],
)
def test_a_concern_corrected_in_words_at_the_summary(servers, correction):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = servers.say(sender, correction)
    assert "Concern: stretch marks on my stomach" in texts(reply) and "didn't catch that" not in texts(reply)
    assert shown(day, "14:00") in texts(reply)  # nothing else changed


# ------------------------------------------------- found by the second play-test


def test_a_cancelled_request_is_picked_up_with_what_was_given(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    cancelled = servers.say(sender, "cancel")
    assert "nothing has been sent" in texts(cancelled) and "Continue my request" in button_titles(cancelled)
    picked_up = press(servers, sender, cancelled, "Continue my request")
    assert "Please check your request" in texts(picked_up)
    assert "Jo Marsh" in texts(picked_up) and "fine lines around my eyes" in texts(picked_up)
    assert shown(day, "14:00") in texts(picked_up)
    # the summary shown before the cancel is done with; the new one sends
    reference = REFERENCE.search(texts(press(servers, sender, picked_up, "Yes, send it"))).group(0)
    assert servers.bookings.find(reference)["name"] == "Jo Marsh"


def test_an_older_send_button_after_a_cancel_sends_nothing(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    servers.say(sender, "cancel")
    before = len(servers.bookings.all())
    reply = press(servers, sender, summary, "Yes, send it")
    assert "request that was stopped" in texts(reply) and "Continue my request" in button_titles(reply)
    assert not REFERENCE.search(texts(reply)) and len(servers.bookings.all()) == before


def test_a_yes_after_declining_consent_picks_the_request_up(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    declined = press(servers, sender, servers.say(sender, "acne scars"), "No")
    assert "nothing has been sent" in texts(declined)
    summary = servers.say(sender, "oh ok then, yes that's fine")  # the yes is the consent; the rest kept
    assert "Please check your request" in texts(summary)
    assert "Jo Marsh" in texts(summary) and "acne scars" in texts(summary) and shown(day, "14:00") in texts(summary)


def test_how_the_skin_looks_given_as_the_concern_is_the_concern(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = servers.say(sender, "my skin just looks tired")
    assert "May the clinic keep these details" in texts(reply), texts(reply)
    assert "contact the clinic now" not in texts(reply).lower() and "paused" not in texts(reply)
    assert "my skin just looks tired" in texts(press(servers, sender, reply, "Yes, I agree"))


def test_corrections_that_lean_on_what_was_said_before(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    assert shown(day, "11:00") in texts(servers.say(sender, "no, i said 11"))
    morning = texts(servers.say(sender, "same day but in the morning"))
    assert f"{day:%A} {day.day} {day:%B}" in morning and "and 12:00" in morning
    later = day + dt.timedelta(days=7)
    moved = texts(servers.say(sender, f"not {day:%A}, the one after"))
    assert f"{later:%A} {later.day} {later:%B}" in moved and "and 12:00" in moved  # the morning kept
    assert "fine lines around my eyes" in moved and "Jo Marsh" in moved


def test_a_list_with_a_lowercase_name_and_the_concern_last(servers):
    sender, day = new_sender(), open_day(9)
    reply = servers.say(sender, f"im sarah okafor, sarah@example.com, {said(day)} at 11am, fine lines, dark circles")
    assert "May the clinic keep these details" in texts(reply), texts(reply)
    summary = texts(press(servers, sender, reply, "Yes, I agree"))
    assert "sarah okafor" in summary and "fine lines, dark circles" in summary and shown(day, "11:00") in summary


def test_a_short_ok_in_the_walk_through_goes_on(servers):
    sender = new_sender()
    assert "Step 1 of 4" in texts(servers.say(sender, "can you walk me through it step by step"))
    reply = texts(servers.say(sender, "k"))
    assert "Step 2 of 4" in reply and "Thanks for telling me" not in reply  # not the offer after details


def test_a_number_added_at_the_summary_is_kept_beside_the_email(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = servers.say(sender, "also add my number 07911 555321")
    assert "jo.marsh@example.com; +447911555321" in texts(reply)
    reference = REFERENCE.search(texts(press(servers, sender, reply, "Yes, send it"))).group(0)
    stored = servers.bookings.find(reference)
    assert stored["contact"] == "jo.marsh@example.com; +447911555321" and stored["contact_kind"] == "both"


def test_yes_after_the_last_step_of_the_walk_through_books(servers):
    sender = new_sender()
    servers.say(sender, "can you walk me through it step by step")
    for _ in range(3):
        servers.say(sender, "/next_step")
    finished = servers.say(sender, "/next_step")
    assert "Step" not in texts(finished)
    assert "What's your name?" in texts(servers.say(sender, "yes please"))


# ------------------------------------------------- found by the third play-test


def test_cancel_after_a_request_was_sent_asks_about_it_by_its_reference(servers):
    # (play-test 130: it went to the clinic, which could only cancel it by phone or email; now it is asked here first)
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    for message in ("actually can i cancel my booking, something came up", "/stop"):
        reply = texts(servers.say(sender, message))
        assert f"Shall I cancel your request {reference}?" in reply
        assert "nothing has been sent" not in reply and "What's your name?" not in reply
    assert servers.bookings.find(reference)["cancelled_change"] is None  # nothing cancelled without a yes


def test_the_old_consent_button_after_declining_keeps_every_detail(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    consent_question = servers.say(sender, "acne scars")
    press(servers, sender, consent_question, "No")
    reply = press(servers, sender, consent_question, "Yes, I agree")  # scrolled back: a change of mind
    assert "Please check your request" in texts(reply), texts(reply)
    assert "Jo Marsh" in texts(reply) and "acne scars" in texts(reply) and "What's your name?" not in texts(reply)


def test_a_first_message_with_details_is_no_request_picked_up(servers):
    reply = texts(servers.say(new_sender(), "I'd like to book a consultation please. I'm Sarah Jennings"))
    assert "where we left off" not in reply and "How can the clinic reach you" in reply


def test_a_concern_naming_the_eyes_is_the_concern(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = texts(servers.say(sender, "wrinkles around the eyes"))
    # (NHS 111's route: the consent question shows the phone number, whose digits may hold "111")
    assert "May the clinic keep these details" in reply and "NHS 111" not in reply and "paused" not in reply


def test_a_detail_named_with_its_value_at_the_summary_is_changed(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = texts(servers.say(sender, "the time to 2.15pm"))
    assert shown(day, "14:15") in reply and "fine lines around my eyes" in reply
    reply = texts(servers.say(sender, "The concern should read: fine lines on my upper lip"))
    assert "Concern: fine lines on my upper lip" in reply and shown(day, "14:15") in reply


def test_the_reference_asked_for_again(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    assert reference in texts(servers.say(sender, "can i get the reference again? i didnt write it down"))


def test_an_old_change_button_after_a_cancel_picks_the_request_up_and_changes_it(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    servers.say(sender, "cancel")
    reply = texts(press(servers, sender, summary, "Change time"))
    assert "where we left off" in reply and "When would you like to come in?" in reply
    assert "haven't requested a consultation" not in reply
    summary = texts(servers.say(sender, "11am"))
    assert shown(day, "11:00") in summary and "Jo Marsh" in summary


def test_never_mind_after_change_time_keeps_the_time(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    assert "When would you like to come in?" in texts(press(servers, sender, summary, "Change time"))
    reply = texts(servers.say(sender, "never mind, don't change it"))
    assert "Please check your request" in reply and shown(day, "14:00") in reply and "stopped" not in reply


def test_a_new_surname_at_the_summary_keeps_the_first_name(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    assert "Name: Jo Osei-Bonsu" in texts(servers.say(sender, "and surname should be Osei-Bonsu"))


# ------------------------------------------------- found by the fourth play-test


def test_continue_after_declining_consent_asks_for_it_again_and_sends(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    declined = press(servers, sender, servers.say(sender, "acne scars"), "No")
    again = press(servers, sender, declined, "Continue my request")
    assert "May the clinic keep these details" in texts(again) and "without your permission I won't send" not in texts(
        again
    )
    summary = press(servers, sender, again, "Yes, I agree")
    assert "Jo Marsh" in texts(summary) and "acne scars" in texts(summary)


def test_nvm_right_after_a_change_button_keeps_the_detail(servers):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    press(servers, sender, summary, "Change name")
    reply = texts(servers.say(sender, "actually nvm"))
    assert "Please check your request" in reply and "Name: Jo Marsh" in reply and "cancelled" not in reply


def test_taking_one_of_two_contacts_out_keeps_the_other_and_deletes_nothing(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    assert "jo.marsh@example.com; +447911555321" in texts(servers.say(sender, "also add my number 07911 555321"))
    reply = texts(servers.say(sender, "wait remove the gmail, just the phone is fine"))
    assert "Contact: +447911555321" in reply and "Shall I delete" not in reply and "cancelled" not in reply


@pytest.mark.parametrize(
    "concern",
    [
        # found by the fifth play-test: descriptions the classifier also finds an answer for
        "bit of loose saggy skin under my chin, getting older innit",
        "redness and broken veins",
        "An old scar on my cheek from a cycling accident years ago",
    ],
)
def test_a_description_of_the_skin_at_the_concern_prompt_is_the_concern(servers, concern):
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = servers.say(sender, concern)
    assert "May the clinic keep these details" in texts(reply), texts(reply)
    assert "paused" not in texts(reply) and "guide" not in texts(reply)
    assert concern in texts(press(servers, sender, reply, "Yes, I agree"))


def test_a_sign_after_a_treatment_at_the_concern_prompt_still_gets_its_safety_answer(servers):
    # its safety answer first; then it is what the request is about, and the request goes on (found by the eighteenth
    # play-test: a call back paused on the answer to its own question), unless it is an emergency
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = texts(servers.say(sender, "red and sore since my treatment yesterday"))
    assert "contact the clinic" in reply.lower() and "I've put that down" in reply
    assert reply.lower().index("contact the clinic") < reply.index("May the clinic keep")
    sender = new_sender()
    up_to_the_concern(servers, sender, day)
    reply = texts(servers.say(sender, "my lips and throat are swelling up since my treatment yesterday"))
    assert "999" in reply and "May the clinic keep" not in reply and "I've put that down" not in reply


def test_a_yes_that_names_sending_does_not_delete_the_persons_data(servers):
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    assert "can't be undone" in texts(servers.say(sender, "delete my data"))
    again = servers.say(sender, "ok send")  # the summary's question was "Shall I send it?"
    assert "want to be sure" in texts(again) and "I've deleted" not in texts(again)
    assert "I've deleted" in texts(press(servers, sender, again, "Yes, delete my data"))


def test_a_concern_typed_at_the_consent_question_replaces_the_one_taken_from_the_chat(servers):
    # found by the sixth play-test: "Sorry, I need a yes or a no to that." and the concern typed was lost
    sender, day = new_sender(), open_day(9)
    servers.say(sender, "does microneedling help with scarring?")
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Jo Marsh")
    servers.say(sender, "07911 123456")
    consent = servers.say(sender, f"{said(day)} at 2pm")
    assert "May the clinic keep these details" in texts(consent), texts(consent)  # the concern came from the chat
    again = servers.say(sender, "keloids and acne scars")
    assert "yes or a no" not in texts(again) and "May the clinic keep these details" in texts(again)
    summary = texts(press(servers, sender, again, "Yes, I agree"))
    assert "Concern: keloids and acne scars" in summary, summary


def test_a_personal_factor_at_the_concern_prompt_is_the_concern_and_said_to_be_for_the_consultation(servers):
    # found by the seventh play-test: "pregnancy question" got the suitability answer and the concern was asked again
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = texts(servers.say(sender, "pregnancy question"))
    assert "skincare professional assesses at the consultation" in reply and "May the clinic keep" in reply, reply


def test_a_name_typed_with_a_number_at_the_name_prompt_gives_both(servers):
    # found by the seventh play-test: "Sorry, that doesn't look like a name."
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    reply = texts(servers.say(sender, "Tom Baker 07700 900456"))
    assert "When would you like to come in" in reply and "doesn't look like a name" not in reply, reply


def test_a_request_for_someone_under_18_says_so_in_the_summary_and_to_the_clinic(servers):
    # found by the seventh play-test: "she's 16" and the parent booking for her left no trace in the request
    sender, day = new_sender(), open_day(9)
    start = texts(servers.say(sender, "can i book a consultation for my daughter, she's 16"))
    # (the name asked as hers: the review of play-test 51)
    assert "18 and over" in start and "What's the name of the person the consultation is for?" in start, start
    servers.say(sender, "Ella Brown")
    servers.say(sender, "07911 123456")
    servers.say(sender, f"{said(day)} at 2pm")
    summary = press(servers, sender, servers.say(sender, "acne scars"), "Yes, I agree")
    assert "Age: under 18" in texts(summary), texts(summary)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    assert servers.bookings.find(reference)["under_18"]


def test_an_adult_asking_about_the_age_limit_books_without_an_age_note(servers):
    sender, day = new_sender(), open_day(9)
    servers.say(sender, "what's the minimum age for this?")
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Jo Marsh")
    servers.say(sender, "07911 123456")
    servers.say(sender, f"{said(day)} at 2pm")
    summary = press(servers, sender, servers.say(sender, "acne scars"), "Yes, I agree")
    assert "Please check your request" in texts(summary) and "Age:" not in texts(summary), texts(summary)


@pytest.mark.parametrize("stop", ["cancel", "/stop", "hmm actually cancel it, I'll ring instead"])
def test_a_stop_right_after_a_change_at_the_summary_cancels_the_request(servers, stop):
    # found by the ninth play-test: the first "cancel" after a correction (even the Cancel button) showed the summary
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    assert shown(day, "10:00") in texts(servers.say(sender, "at 10am I said"))
    reply = texts(servers.say(sender, stop))
    assert "I've cancelled that" in reply and "Please check your request" not in reply, reply
    # found by the eleventh play-test: the cancel was followed by seven "not sure I understood"
    assert "not sure I understood" not in reply and "didn't catch that" not in reply, reply


@pytest.mark.parametrize(
    "stop", ["cancel", "/stop", "Actually I should check with her first. I'll book another time, thanks."]
)
def test_a_stop_after_a_change_button_and_its_new_value_cancels_once(servers, stop):
    # found by the eleventh play-test: after "Change contact" and a new number, a cancel was followed by seven
    # "not sure I understood"
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    press(servers, sender, summary, "Change contact")
    assert "Please check your request" in texts(servers.say(sender, "07922 333444"))
    reply = servers.say(sender, stop)
    assert "I've cancelled that" in texts(reply), texts(reply)
    assert "not sure I understood" not in texts(reply) and "didn't catch that" not in texts(reply), texts(reply)
    assert len(reply) <= 2, texts(reply)


def test_two_changes_in_one_message_at_the_summary_change_both(servers):
    # found by the tenth play-test: "sorry my surname is spelt Leigh not Lee, and the email should be …" kept "Lee"
    sender, day = new_sender(), open_day(9)
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Hannah Lee")
    servers.say(sender, "hannah@example.com")
    servers.say(sender, f"{said(day)} at 2pm")
    press(servers, sender, servers.say(sender, "fine lines"), "Yes, I agree")
    reply = texts(
        servers.say(sender, "sorry my surname is spelt Leigh not Lee, and the email should be hannah.leigh@example.com")
    )
    assert "Name: Hannah Leigh" in reply and "hannah.leigh@example.com" in reply, reply
    reply = texts(servers.say(sender, "great. could we push it an hour later too"))
    assert shown(day, "15:00") in reply and "Name: Hannah Leigh" in reply, reply


@pytest.mark.parametrize(
    "yes_and_the_name", ["yes send. martin cole is full name", "yes send it, oh and my surname is Cole"]
)
def test_a_yes_with_the_full_name_beside_it_changes_the_name_and_asks_again(servers, yes_and_the_name):
    # found by play-test 215: "yes send. martin cole is full name" sent the request with the name "martin"
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day, name="martin")
    press(servers, sender, servers.say(sender, "acne scars"), "Yes, I agree")
    reply = texts(servers.say(sender, yes_and_the_name))
    assert "Done!" not in reply and "Please check your request" in reply, reply
    assert re.search(r"Name: martin cole\b", reply, re.IGNORECASE), reply
    assert "Done!" in texts(servers.say(sender, "yes send it"))


def test_one_of_two_numbers_corrected_at_the_summary_keeps_the_other(servers):
    # found by play-test 218: the mobile corrected, the landline beside it was dropped
    sender, day = new_sender(), open_day(9)
    contact = "my landline is 020 7946 0999, or my mobile 07700 900555 as a backup"
    up_to_the_concern(servers, sender, day, name="George Hill", contact=contact)
    press(servers, sender, servers.say(sender, "fine lines"), "Yes, I agree")
    reply = texts(servers.say(sender, "sorry the mobile should be 07700 900556 not 900555"))
    assert "+442079460999" in reply and "+447700900556" in reply and "+447700900555" not in reply, reply


def test_an_age_under_18_asked_about_inside_the_form_is_answered_and_noted(servers):
    # found while measuring: "I'm 17, is that ok?" in the form was swallowed (the form took the age as its answer)
    sender, day = new_sender(), open_day(9)
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Jo Marsh")
    reply = texts(servers.say(sender, "I'm 17, is that ok?"))
    assert "18 and over" in reply and "How can the clinic reach you" in reply, reply
    servers.say(sender, "07911 123456")
    servers.say(sender, f"{said(day)} at 2pm")
    summary = press(servers, sender, servers.say(sender, "acne scars"), "Yes, I agree")
    assert "Age: under 18" in texts(summary), texts(summary)


def test_the_call_back_button_after_a_stopped_request_keeps_the_name_and_number(servers):
    # found by the tenth play-test: "Request a call back" after a cancel asked for everything again
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Fiona McAllister")
    servers.say(sender, "07911 123456")
    assert "I've cancelled that" in texts(servers.say(sender, "cancel"))
    reply = texts(servers.say(sender, '/book_consultation{"request_kind":"call_back"}'))
    assert "call you back" in reply and "What's your name?" not in reply and "reach you" not in reply, reply


def test_corrections_at_the_summary_in_everyday_words(servers):
    # found by play-test 24: each of these showed the summary again, unchanged, with no word
    sender, day = new_sender(), open_day(9)
    while day.weekday() == 5:  # Saturday's hours differ
        day = open_day((day - dt.date.today()).days + 1)
    up_to_the_summary(servers, sender, day, concern="acne scars")
    week_on = day + dt.timedelta(days=7)
    reply = texts(servers.say(sender, f"hmm make it the {day:%A} after instead, same time"))
    assert shown(week_on, "14:00") in reply, reply
    reply = texts(servers.say(sender, "actually sorry, 3 not 2"))
    assert shown(week_on, "15:00") in reply, reply
    reply = texts(servers.say(sender, "my name is spelt Jo Marshe, with an e"))
    assert "Name: Jo Marshe" in reply, reply
    reply = texts(servers.say(sender, "oh and my chest as well, same scarring there"))
    assert "Concern: acne scars, and my chest as well" in reply, reply
    reply = texts(servers.say(sender, "id rather have a phone call actually"))
    assert "changed this to a call back" in reply and "Which phone number" in reply, reply  # the email is no number
    reply = texts(servers.say(sender, "07911 123456"))
    assert "Asked for: a call back" in reply and "Concern: acne scars, and my chest as well" in reply, reply
    reply = texts(servers.say(sender, "actually no, id rather come in after all. keep everything else"))
    assert "Asked for: a consultation at the clinic" in reply and shown(week_on, "15:00") in reply, reply
    reply = texts(servers.say(sender, "please write also that i am on antibiotics"))
    assert "note for the clinic: i am on antibiotics" in reply and "Name: Jo Marshe" in reply, reply


def test_details_said_in_the_message_before_the_request_are_kept(servers):
    # found by play-test 24: a name and a number given with a question, then the request asked for, were asked again
    sender = new_sender()
    servers.say(sender, "hi im Gary Holt, 07456 789012. how much does it cost?")
    reply = texts(servers.say(sender, "ok can i just get a call back please"))
    assert "call you back" in reply and "What's your name?" not in reply and "phone number" not in reply, reply


def test_an_older_continue_button_after_the_request_was_sent_starts_nothing(servers):
    # found by play-test 24: it began a new request, asking for the name
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    declined = press(servers, sender, servers.say(sender, "acne scars"), "No")
    assert "Continue my request" in button_titles(declined)
    summary = press(servers, sender, press(servers, sender, declined, "Continue my request"), "Yes, I agree")
    sent = press(servers, sender, summary, "Yes, send it")
    assert REFERENCE.search(texts(sent))
    reply = texts(servers.say(sender, '/book_consultation{"continues":"request"}'))
    assert "already been sent" in reply and "What's your name?" not in reply, reply


def test_asking_for_a_person_inside_a_request_makes_it_a_call_back_when_a_call_is_asked_for(servers):
    # found by play-test 23: "i meant a phone call" inside a consultation request offered the call-back button
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    servers.say(sender, "Jo Marsh")
    servers.say(sender, "07911 123456")
    reply = texts(servers.say(sender, "can i just talk to someone, a phone call instead"))
    assert "changed this to a call back" in reply, reply


def test_send_it_beside_a_question_at_the_summary_answers_and_sends(servers):
    # found by play-test 26: the question was answered and the summary shown again, three times out of three
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = texts(servers.say(sender, "can my sister come along with me? and yes send it"))
    assert REFERENCE.search(reply), reply


def test_an_older_deletion_button_deletes_nothing_and_says_so(servers):
    # play-test 49: pressed after another question, "Yes, delete my data" deleted nothing and said nothing of it; after
    # a consultation was offered, a first fix found it started one
    sender = new_sender()
    servers.say(sender, "does microneedling hurt?")  # something to delete
    offered = servers.say(sender, "delete my data")
    servers.say(sender, "what do i need to do before the treatment")  # its answer offers a consultation
    reply = texts(press(servers, sender, offered, "Yes, delete my data"))
    assert "earlier question" in reply and "nothing has been deleted" in reply
    assert "What's your name" not in reply and "I've deleted" not in reply
    # pressed right after its question, it still deletes
    again = servers.say(sender, "delete my data")
    assert "I've deleted" in texts(press(servers, sender, again, "Yes, delete my data"))


def test_the_concern_said_where_the_name_is_asked_is_kept_and_the_name_asked_again(servers):
    # found by play-test 221: "its for some acne scarring on my cheeks, …" at the name prompt became the name
    sender, day = new_sender(), open_day(9)
    servers.say(sender, "/book_consultation")
    reply = texts(servers.say(sender, "its for some acne scarring on my cheeks, and lines round my mouth"))
    assert "What's your name?" in reply and "doesn't look like a name" not in reply, reply
    assert "acne scarring on my cheeks" in reply, reply
    servers.say(sender, "Grace Holloway")
    servers.say(sender, "07911 123456")
    reply = texts(servers.say(sender, f"{said(day)} at 2pm"))
    # the concern is not asked for again: the summary shows it
    assert "Name: Grace Holloway" in reply and "Concern: some acne scarring on my cheeks" in reply, reply


def test_a_name_after_a_sigh_is_the_name(servers):
    # found by play-test 220: "ugh ok. Jo Kowalski" got "What's your name?" again, with no word
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    reply = texts(servers.say(sender, "ugh ok. Jo Kowalski"))
    assert "How can the clinic reach you, Jo Kowalski?" in reply, reply


def test_a_change_while_another_detail_is_asked_is_said(servers):
    # found by play-test 220: "actually can it be Monday instead, same time" when the concern was asked changed the
    # day with no word, and the concern was asked again
    sender, day, later = new_sender(), open_day(9), open_day(16)
    up_to_the_concern(servers, sender, day)
    reply = texts(servers.say(sender, f"actually can it be {said(later)} instead, same time"))
    assert f"changed the preferred time to {shown(later, '14:00')}" in reply, reply
    assert "What would you like to have looked at?" in reply, reply


def test_one_number_replaced_and_another_added_in_one_message(servers):
    # found by play-test 220: the wrong number kept beside the right one, and the wife's number dropped
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day, contact="07700 900418")
    servers.say(sender, "lines round my eyes")
    reply = texts(
        servers.say(
            sender,
            "oh hang on thats the wrong number, its 07700 900 481 sorry. and can you put my "
            "wifes number too just in case, 07700 900 722 (Helen)",
        )
    )
    assert "+447700900481; +447700900722" in reply and "+447700900418" not in reply, reply


@pytest.mark.parametrize("said, expected", [
    # found by play-test 221: "will someone ring me tomorrow then?" after the request was sent began a call back
    ("lovely thanks. will someone ring me tomorrow then? i guess your shut now", "I can't tell you exactly when"),
    # ... and play-test 227: "So I wait for them to ring me", said back
    ("Right. So I wait for them to ring me. Thank you dear.", "Your request has been sent to the clinic"),
    # ... and play-test 228, read as whether something can wait ("I can't tell you whether it can wait", and 999)
    ("So I just wait for them to ring me?", "Your request has been sent to the clinic"),
])
def test_asking_when_the_clinic_calls_once_sent_starts_no_new_request(servers, said, expected):
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    sent = texts(press(servers, sender, summary, "Yes, send it"))
    assert "Done!" in sent, sent
    reply = texts(servers.say(sender, said))
    assert "What's your name?" not in reply and "so this is a new one" not in reply, reply
    assert expected in reply and "whether it can wait" not in reply, reply


@pytest.mark.parametrize("asked", ["What happens if I say no?", "If I press No, will I still get my appointment or not?"])
def test_what_a_no_means_at_the_consent_question_is_said(servers, asked):
    # found by play-tests 209, 215 and 221: the privacy answer, then "Sorry, I need a yes or a no to that"
    sender, day = new_sender(), open_day(9)
    up_to_the_consent(servers, sender, day)
    reply = texts(servers.say(sender, asked))
    assert "If you say no, I won't keep or send" in reply and "May the clinic keep these details" in reply, reply
    assert "I need a yes or a no" not in reply, reply


def test_a_new_concern_and_send_it_in_one_message_changes_it_first(servers):
    # found by play-test 221: "Where it says neck please, could it say crepey skin on my neck instead? Then send it."
    # sent the request with the old concern
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day, concern="neck please")
    assert "Concern: neck please" in texts(summary), texts(summary)
    reply = texts(
        servers.say(sender, "Where it says neck please, could it say crepey skin on my neck instead? Then send it.")
    )
    assert "Concern: crepey skin on my neck" in reply and "Done!" not in reply, reply
    assert "Concern: neck please" not in reply, reply


@pytest.mark.parametrize("yes", ["anyway yes u can keep my details", "Well I suppose I'll say yes then."])
def test_a_yes_to_keeping_the_details_in_words_is_the_consent(servers, yes):
    # found by play-test 223: "yes u can keep my details" beside a question got "Sorry, I need a yes or a no to that"
    sender, day = new_sender(), open_day(9)
    up_to_the_consent(servers, sender, day)
    reply = texts(servers.say(sender, yes))
    assert "Please check your request" in reply and "I need a yes or a no" not in reply, reply


def test_two_numbers_with_the_mobile_said_to_be_better_put_the_mobile_first(servers):
    # found by play-test 223: the landline first, its word taken for the name, and "mobile first" put in a note
    sender, day = new_sender(), open_day(9)
    contact = "landline 020 7946 0123 or mobile 07700 900 234, mobile's better"
    up_to_the_concern(servers, sender, day, name="Leon Bright", contact=contact)
    reply = texts(servers.say(sender, "fine lines around my eyes"))
    assert "Contact: +447700900234; +442079460123" in reply and "Name: Leon Bright" in reply, reply
    reply = texts(servers.say(sender, "yes thats fine to keep. and put the landline first please"))
    assert "Contact: +442079460123; +447700900234" in reply and "note for the clinic" not in reply, reply


def test_a_yes_with_a_new_time_at_the_summary_shows_the_summary_again(servers):
    # found by play-test 224: "yes but can it be 3 not 2" sent the request at 15:00 unseen, after "I can't tell you
    # whether it's fine or whether it can wait"
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = texts(servers.say(sender, "yes but can it be 3 not 2"))
    assert "Done!" not in reply and shown(day, "15:00") in reply and "Shall I send it" in reply, reply
    assert "whether it can wait" not in reply, reply


def test_a_concern_said_after_a_time_in_a_sentence_of_its_own_is_the_concern(servers):
    # found by play-test 220: "did u get that? monday 11. and its for some old acne marks on my cheeks" at the concern
    # prompt put down "did u get that" as the concern
    sender, day = new_sender(), open_day(9)
    up_to_the_concern(servers, sender, day)
    reply = texts(servers.say(sender, f"did u get that? {said(day)} at 11. and its for some old acne marks on my cheeks"))
    assert "Concern: some old acne marks on my cheeks" in reply and shown(day, "11:00") in reply, reply


def test_whether_the_request_sent_is_booked_is_answered_plainly_and_waiting_for_the_call_keeps_it(servers):
    # play-test 239: "so does that mean im booked in for the consultation or not yet" got the reference and the
    # details, three times with no yes or no; "forget it, I'll wait for the call. bye" was asked to be cancelled
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    reply = texts(servers.say(sender, "so does that mean im booked in for the consultation or not yet"))
    assert reply.startswith("Not yet") and reference in reply, reply
    reply = texts(servers.say(sender, "forget it, I'll wait for them to call. bye"))
    assert "Shall I cancel" not in reply, reply
    assert servers.bookings.find(reference)["cancelled_change"] is None


def test_a_request_called_off_with_its_contact_deleted_is_cancelled_then_deleted(servers):
    # play-test 238: "cancel it and delete my number" opened a change of contact, asking for a new number; play-test
    # 242: "cancel it and delete my email" offered the deletion first, which does not cancel it, and once cancelled
    # the deletion was forgotten
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day)
    reference = REFERENCE.search(texts(press(servers, sender, summary, "Yes, send it"))).group(0)
    asked = servers.say(sender, "actually no forget it. cancel it and delete my number, ill just ring them myself")
    assert "How can the clinic reach you" not in texts(asked) and f"Shall I cancel your request {reference}" in texts(
        asked), texts(asked)
    offered = press(servers, sender, asked, "Yes, cancel it")
    assert "cancelled your request" in texts(offered) and "Shall I delete them?" in texts(offered), texts(offered)
    assert servers.bookings.find(reference)["cancelled_change"] is not None
    press(servers, sender, offered, "Yes, delete my data")
    assert not [row for row in servers.bookings.all() if row["conversation_id"] == sender]


def test_the_walk_throughs_end_asked_with_a_question_answers_both_once(servers):
    # play-test 238: "is that it? could it leave me with scars tho" at the last step got the walk-through's end twice
    sender = new_sender()
    servers.say(sender, "can you walk me through it step by step")
    for _ in range(3):
        servers.say(sender, "/next_step")
    reply = texts(servers.say(sender, "is that it? could it leave me with scars tho, thats my worry"))
    assert reply.count("That's the whole journey") == 1 and "scarring" in reply, reply


def test_words_quoted_to_be_taken_out_then_send_are_taken_out_first(servers):
    # play-test 246: "can u take the 'obviously lol' out of that first, bit embarrassing. then send" sent the request as
    # it was
    sender, day = new_sender(), open_day(9)
    summary = up_to_the_summary(servers, sender, day, concern="melasma on my cheeks, obviously lol")
    assert "obviously lol" in texts(summary), texts(summary)
    reply = texts(servers.say(sender, "haha can u take the 'obviously lol' out of that first, bit embarrassing. then send"))
    assert "Concern: melasma on my cheeks\n" in reply + "\n" and "Done!" not in reply, reply
    assert not [row for row in servers.bookings.all() if row["conversation_id"] == sender]


def test_a_question_with_the_request_dropped_answers_it_and_stops_the_request(servers):
    # play-test 246: "forget the call back then, ill ring them at 7 when i finish. theyre open till when?" got the
    # hours, then "What's your name?"
    sender = new_sender()
    servers.say(sender, "can someone call me back")
    reply = texts(servers.say(sender, "forget the call back then, ill ring them myself. what are your opening hours?"))
    assert "Opening hours" in reply and "I've cancelled that" in reply and "What's your name?" not in reply, reply


def test_will_they_ring_to_confirm_at_the_summary_keeps_the_consultation(servers):
    # found by play-test 256: "Will they ring me to confirm?" at a consultation's summary made it a call back
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = texts(servers.say(sender, "Will they ring me to confirm? I don't want to just turn up if it's not right"))
    assert "Asked for: a consultation at the clinic" in reply and "changed this to a call back" not in reply, reply


@pytest.mark.parametrize("said", [
    # found by play-test 254: the suitability answer, then "What's your name?" until "cancel"
    "no im not booking anything, i asked what time you open on saturday",
    "no not booking yet! i want the next step, step 4",
])
def test_not_booking_said_in_the_request_leaves_it(servers, said):
    sender = new_sender()
    servers.say(sender, "/book_consultation")
    reply = texts(servers.say(sender, said))
    assert "What's your name?" not in reply and "cancelled" in reply, reply


def test_the_name_after_my_full_name_too_is_the_name(servers):
    # found by play-test 254: the name put down as "too"
    sender, day = new_sender(), open_day(9)
    up_to_the_summary(servers, sender, day)
    reply = texts(servers.say(sender, "thank you. can you put my full name too, Joanne Bailey, they won't know who Jo is"))
    assert "Name: Joanne Bailey" in reply, reply
