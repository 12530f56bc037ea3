"""What real people ask, in whole conversations over REST (issue: understand real people, cases 1-10).

Every message here is our own wording; none is in the training data or the
development sets (tests/test_domain.py checks the training data side).
"""
import uuid

import pytest

from core.settings import clinic

PROMPT_CONSENT = "May the clinic keep these details"
PROMPT_SUMMARY = "Please check your request"
CANNOT_TELL = "can't tell you that here"
CONSULTATION_DECIDES = "assessed by a skincare professional at your consultation"


def texts(messages):
    return " ".join(message.get("text", "") for message in messages)


def new_sender():
    return f"real-{uuid.uuid4()}"


@pytest.mark.parametrize(
    "question, expected",
    [
        # 1. questions the guide answers, in any wording
        ("talk me through the appointment itself", "micro-punctures"),
        ("when does the glow kick in", "texture, tone and appearance"),
        ("will my face still be red at a party the next day?", "red"),
    ],
)
def test_the_guide_answers_in_other_words(servers, question, expected):
    reply = texts(servers.say(new_sender(), question))
    assert expected in reply
    assert "Did you mean" not in reply


@pytest.mark.parametrize(
    "question, named, not_the_nearby_answer",
    [
        # 2. the guide covers only part: say so, give what it does say, point to the clinic
        ("can I go swimming the day after?", "swimming", "Step 4 of 4"),
        ("how many sessions would I need for cellulite?", "cellulite", "3-6 treatments is recommended"),
        ("is it ok to put a vitamin c serum on afterwards", "vitamin c", "Step 4 of 4"),
        ("can you combine it with a chemical peel", "chemical peel", "Step 1 of 4"),
    ],
)
def test_what_the_guide_does_not_settle_is_said_plainly(servers, question, named, not_the_nearby_answer):
    reply = texts(servers.say(new_sender(), question))
    assert CANNOT_TELL in reply
    assert named in reply.lower()
    assert not_the_nearby_answer not in reply


def test_swimming_gets_the_aftercare_the_guide_gives_and_the_clinic(servers):
    reply = texts(servers.say(new_sender(), "am I allowed to swim the next morning"))
    assert CANNOT_TELL in reply and "high SPF sunscreen" in reply and clinic().phone in reply


@pytest.mark.parametrize(
    "question",
    [
        # 3. suitability, for the person or for a group: never yes or no, always the consultation
        "is it ok if I'm on metformin",
        "are there people you turn away",
        "I take antihistamines every day, is that a problem?",
        "I had a peel last week",
        "does it work on very dark skin",
    ],
)
def test_suitability_goes_to_the_consultation(servers, question):
    reply = texts(servers.say(new_sender(), question))
    assert CONSULTATION_DECIDES in reply
    assert "safe and effective" not in reply


def test_an_under_18_gets_the_clinics_age_policy_and_the_consultation(servers):
    # the clinic's policy for under-18s first (tests/e2e/test_safety.py), then the consultation decides
    reply = texts(servers.say(new_sender(), "my daughter is 16, can she come"))
    assert clinic().safety["under_age_policy"] in reply
    assert "a skincare professional assesses at a consultation" in reply and "safe and effective" not in reply


@pytest.mark.parametrize(
    "report",
    [
        # 4. something happening after a treatment
        "tiny white spots on day 3",
        "my skin stings when I wash it",
        "it looks blotchy four days on",
    ],
)
def test_something_after_a_treatment_gets_the_clinic(servers, report):
    # the level and the clinic's clock decide the words (tests/e2e/test_safety.py); each sends to the clinic
    reply = texts(servers.say(new_sender(), report))
    assert "contact the clinic" in reply or "The clinic is closed right now" in reply
    assert clinic().phone in reply


def test_a_follow_up_to_a_problem_after_a_treatment_stays_with_the_clinic(servers):
    sender = new_sender()
    first = texts(servers.say(sender, "there are tiny white spots on my cheeks, day 3"))
    assert clinic().phone in first
    reply = texts(servers.say(sender, "hmm is that normal?"))
    assert reply.startswith("I can't tell you that it's fine") and clinic().phone in reply


def test_several_questions_are_answered_in_order(servers):
    # 5. several questions in one message
    reply = servers.say(new_sender(), "does it hurt and how many sessions will I need?")
    answers = [message["text"] for message in reply]
    pain = next(i for i, text in enumerate(answers) if "numbing cream" in text)
    sessions = next(i for i, text in enumerate(answers) if "3-6 treatments" in text)
    assert pain < sessions


def test_follow_ups_lean_on_the_last_answer(servers):
    # 6. follow-ups
    sender = new_sender()
    assert "3-6 treatments" in texts(servers.say(sender, "how many sessions do people usually need?"))
    assert "30 minutes to an hour" in texts(servers.say(sender, "and how long is each one?"))
    assert "numbing cream" in texts(servers.say(sender, "is that painful?"))
    reply = texts(servers.say(sender, "what about my neck?"))
    assert "doesn't single out particular areas" in reply and "numbing cream" in reply


@pytest.mark.parametrize(
    "question, step",
    [
        # 7. steps by name or number
        ("what's step 2?", "Step 2 of 4"),
        ("what happens in the aftercare step", "Step 4 of 4"),
        ("tell me about the third step", "Step 3 of 4"),
    ],
)
def test_a_step_by_name_or_number(servers, question, step):
    assert step in texts(servers.say(new_sender(), question))


@pytest.mark.parametrize("question", ["what do you do with my details?", "who sees this?", "how do I get my data deleted?"])
def test_privacy_is_answered_from_the_clinic_config(servers, question):
    # 8. privacy
    reply = texts(servers.say(new_sender(), question))
    for fact in ("who_sees", "used_for", "kept_for"):
        assert clinic().privacy[fact] in reply
    assert "deleted" in reply and clinic().email in reply


def test_details_given_up_front_are_taken_and_only_the_rest_is_asked(servers):
    # 9. booking details given up front
    sender = new_sender()
    reply = texts(servers.say(sender, "can I come in Thursday morning? it's Tom Ruiz, 07911 123456"))
    assert "What would you like to have looked at?" in reply  # not the name, the contact or the time
    assert PROMPT_CONSENT in texts(servers.say(sender, "skip"))
    summary = texts(servers.say(sender, "yes"))
    assert PROMPT_SUMMARY in summary
    assert "Tom Ruiz" in summary and "+447911123456" in summary and "Thursday" in summary
    assert "between 09:00 and 12:00" in summary


def test_a_question_asked_with_the_booking_details_is_answered_first(servers):
    # 5 and 9 together: the question, then the booking with every detail given
    sender = new_sender()
    reply = servers.say(sender, "is it painful? I'd like to book for friday afternoon, I'm Lena Fischer, lena.f@example.com")
    answers = [message["text"] for message in reply]
    pain = next(i for i, text in enumerate(answers) if "numbing cream" in text)
    start = next(i for i, text in enumerate(answers) if "let's request a consultation" in text)
    assert pain < start
    assert "What would you like to have looked at?" in answers[-1]  # name, contact and time were taken


def _to_consent(servers, sender):
    servers.say(sender, "I'd like to book a consultation")
    servers.say(sender, "Imogen Castellanos")
    servers.say(sender, "imogen.c@example.com")
    servers.say(sender, "friday afternoon")
    assert PROMPT_CONSENT in texts(servers.say(sender, "skip"))


def test_only_a_clear_yes_is_consent(servers):
    # 10. a question at the consent step is answered and the question asked again
    sender = new_sender()
    _to_consent(servers, sender)
    reply = texts(servers.say(sender, "ok but who sees it?"))
    assert clinic().privacy["who_sees"] in reply and PROMPT_CONSENT in reply and PROMPT_SUMMARY not in reply
    reply = texts(servers.say(sender, "I don't understand, what will you do with my data?"))
    assert clinic().privacy["used_for"] in reply and PROMPT_CONSENT in reply
    assert "without your permission I won't send" not in reply  # not taken as a refusal
    reply = texts(servers.say(sender, "hmm"))
    assert "I need a yes or a no" in reply and PROMPT_CONSENT in reply
    # hesitation, or a yes and a no in one reply, is neither consent nor a refusal
    for unclear in ("honestly I'm not sure about this", "yes - hang on, no"):
        reply = texts(servers.say(sender, unclear))
        assert "I need a yes or a no" in reply and PROMPT_CONSENT in reply, unclear
        assert PROMPT_SUMMARY not in reply and "without your permission I won't send" not in reply, unclear
    # what a no would mean, asked, is said (play-tests 209, 215, 221 and 223: the privacy answer did not answer it), and
    # is no refusal
    reply = texts(servers.say(sender, "and if I don't agree?"))
    assert "If you say no, I won't keep or send" in reply and PROMPT_CONSENT in reply
    assert "without your permission I won't send" not in reply
    assert PROMPT_SUMMARY in texts(servers.say(sender, "yes, that's fine"))
    # at the summary: a yes sends it, and a change may be said too
    reply = texts(servers.say(sender, "hmm"))
    assert "To send your request, say yes. To change something" in reply and PROMPT_SUMMARY in reply
    reply = texts(servers.say(sender, "wait, who will see this?"))
    assert clinic().privacy["who_sees"] in reply and PROMPT_SUMMARY in reply
    assert "MN-" in texts(servers.say(sender, "yes send it"))


@pytest.mark.parametrize("name", ["Ines Costa", "megan payne", "Harry Price", "Mia Long", "Grace Step"])
def test_a_name_that_looks_like_a_question_word_is_taken_as_the_name(servers, name):
    sender = new_sender()
    servers.say(sender, "I'd like to book a consultation")
    reply = texts(servers.say(sender, name))
    assert "How can the clinic reach you" in reply and name.lower() in reply.lower()


def test_someone_in_crisis_is_told_where_to_get_help_and_the_booking_is_not_pressed(servers):
    sender = new_sender()
    reply = texts(servers.say(sender, "honestly I can't see a way out, I've thought about ending my life"))
    assert clinic().crisis_help in reply
    servers.say(sender, "I'd like to book a consultation")
    reply = texts(servers.say(sender, "everything feels hopeless and I don't want to be here any more"))
    assert clinic().crisis_help in reply and "What's your name?" not in reply


def test_three_questions_in_one_message_are_each_answered(servers):
    reply = texts(servers.say(new_sender(), "does it sting? how many treatments do people have? any downtime?"))
    assert "numbing cream" in reply and "3-6 treatments" in reply and "mild sunburn" in reply


# ---------------------------------------------------------------- issue 15: context, joined questions, groups

ABOUT_THAT = "On that, this is what the guide I answer from says:"
SAID_AGAIN = "I can only say again what I said about that:"


def test_a_follow_up_with_no_topic_of_its_own_is_answered_about_the_last_answer(servers):
    sender = new_sender()
    assert "mild sunburn" in texts(servers.say(sender, "what's recovery like afterwards"))
    reply = texts(servers.say(sender, "and that goes on for how long?"))
    assert reply.startswith(ABOUT_THAT) and "mild sunburn" in reply
    # the next one names its own topic, and gets it
    assert "can't give prices here" in texts(servers.say(sender, "and what does it cost?"))


def test_a_follow_up_for_another_concern_gets_the_last_answer_again(servers):
    sender = new_sender()
    assert "3-6 treatments" in texts(servers.say(sender, "how many goes does it usually take"))
    reply = texts(servers.say(sender, "and for acne scars?"))
    assert "3-6 treatments" in reply and "Did you mean" not in reply


def test_a_follow_up_to_a_suitability_answer_stays_with_the_consultation(servers):
    sender = new_sender()
    assert CONSULTATION_DECIDES in texts(servers.say(sender, "I'm on roaccutane at the moment, can I still have it?"))
    reply = texts(servers.say(sender, "why's that then?"))
    assert reply.startswith(SAID_AGAIN) and CONSULTATION_DECIDES in reply


def test_a_follow_up_with_nothing_before_it_asks_what_about(servers):
    reply = texts(servers.say(new_sender(), "and that goes on for how long?"))
    assert "What would you like to know about it?" in reply


def answers_in_order(messages, *markers):
    """The index of the first message holding each marker (None where none does)."""
    return [next((i for i, m in enumerate(messages) if marker in m.get("text", "")), None) for marker in markers]


@pytest.mark.parametrize(
    "message, markers",
    [
        ("do you numb it first, and when would I see a difference", ["numbing cream", "Results build up"]),
        ("how long is the appointment\nand is there any downtime", ["30 minutes to an hour", "mild sunburn"]),
        ("does it sting - how many sessions do people have", ["numbing cream", "3-6 treatments"]),
        ("does it hurt how long does it take", ["numbing cream", "30 minutes to an hour"]),
        ("price and how long does it take?", ["can't give prices here", "30 minutes to an hour"]),
        ("when will i see results\nhow many treatments\nwhat does it cost",
         ["Results build up", "3-6 treatments", "can't give prices here"]),
    ],
)
def test_joined_questions_are_each_answered_in_order(servers, message, markers):
    messages = servers.say(new_sender(), message)
    found = answers_in_order(messages, *markers)
    assert None not in found and found == sorted(found), (found, texts(messages))


@pytest.mark.parametrize(
    "question",
    ["is this something anybody can have", "are some people not able to get it done", "who would you say no to",
     "is it meant for everybody or not"],
)
def test_suitability_for_a_group_goes_to_the_consultation(servers, question):
    reply = texts(servers.say(new_sender(), question))
    assert CONSULTATION_DECIDES in reply
