import re

import pytest

from core.words import COMPLAINT, sentences


def test_sentences_keep_their_end_marks_and_cover_the_text():
    text = "fine lines round my eyes. oh and can we do thursday?! 6ish\nthanks"
    spans = sentences(text)
    assert [text[start:end] for start, end in spans] == [
        "fine lines round my eyes.", " oh and can we do thursday?!", " 6ish\n", "thanks"]
    assert sentences("") == []


@pytest.mark.parametrize("text, complains", [
    # play-test 46: each got "not sure I understood"
    ("I had 4 sessions and paid over a grand and my scars look EXACTLY the same. this is a joke", True),
    ("ok. sorry for shouting, its not your fault. i just feel ripped off", True),
    ("i'm not paying you another penny", True),
    ("honestly what a waste of money", True),
    # play-test 47: read as a comparison of treatments
    ("I had 3 sessions with you in the summer and my acne scars look exactly the same. £600 down the drain.", True),
    ("Not impressed.", True),
    ("is it exactly the same as dermarolling?", False),
    # a joke or money named with no complaint
    ("is it a joke treatment or does it work", False),
    ("no joke, how long does it take", False),
    ("how much money should i budget", False),
    # play-test 131: "not sure I understood"
    ("Ive had 3 sessions with you and honestly the results are really disappointing, barely any difference. I want to "
     "speak to the manager", True),
    ("can i speak to someone about results", False),
])
def test_a_complaint_is_heard_in_its_everyday_words(text, complains):
    assert bool(re.search(COMPLAINT, text, re.IGNORECASE)) is complains


@pytest.mark.parametrize("text, asks", [
    ("do i need to bring anything", True),
    ("does she need ID on the day", True),
    ("do i need photo id", True),
    # someone brought along is no thing to bring, and "id" is "I'd"
    ("can i bring my sister with me", False),
    ("id like to know how to prepare", False),
])
def test_what_to_bring_asked(text, asks):
    from core.words import ASKS_WHAT_TO_BRING

    assert bool(ASKS_WHAT_TO_BRING.search(text)) is asks
