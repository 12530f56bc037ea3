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
    # play-test 136: a call back that never came, read as a new call back asked for
    ("this is ridiculous i requested a call back on friday and NOBODY called", True),
    ("they never called me back", True),
    # the person's own call not made is no complaint (the safety thread reads it)
    ("i havent called anyone yet", False),
    ("did they call you back?", False),
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


@pytest.mark.parametrize("text, asks", [
    # play-tests 136 and 137: each began a call back
    ("will they ring me or email?", True),
    ("ok. so will the clinic ring me on my mobile or send an email, just so i know to look out for it", True),
    ("brilliant thank you. they'll ring me not her right?", True),
    ("hang on they can still ring me tho right?", True),
    ("so is that a phone call then or what? i dont always pick up unknown numbers", True),
    ("ok so whose number will they use, mine?", True),
    ("how will they contact me", True),
    # play-test 247: "The contact on your request is …"
    ("Thank you dear. Will someone ring me to confirm? I am not always near the phone", True),
    ("will they call me back?", True),
    # play-test 251: a call back begun
    ("ok thank you very much. will they ring the house phone", True),
    ("the phone. will they ring me on 020 8123 4567", True),
    # play-test 248: when the clinic would be in touch
    ("Thank you. Will they definitely email and not ring?", True),
    # a call asked for
    ("will someone ring me tomorrow at 10 please", False),
    ("call me back tomorrow please", False),
    ("can the clinic ring me tomorrow?", False),
    ("please ring me or email me", False),
    ("how do i contact the clinic", False),
])
def test_how_the_clinic_will_be_in_touch_asked(text, asks):
    from core.words import HOW_CONTACTED

    assert bool(re.search(HOW_CONTACTED, text, re.IGNORECASE)) is asks


@pytest.mark.parametrize("text, costs, photos", [
    # play-test 249: "I can't tell you what it costs" and the photos' gap for the downtime asked before a wedding
    ("how much downtime is there? i have a wedding in 10 days, will I be ok for photos", False, False),
    ("how much is it", True, False),
    ("do you take before and after photos", False, True),
])
def test_how_much_of_something_else_and_photos_of_ones_own_event_ask_neither_cost_nor_photos(text, costs, photos):
    from core.words import ASKS_ABOUT_PHOTOS, ASKS_WHAT_IT_COSTS

    assert bool(ASKS_WHAT_IT_COSTS.search(text)) is costs
    assert bool(ASKS_ABOUT_PHOTOS.search(text)) is photos
