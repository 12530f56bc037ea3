"""The safety triage: the level of what someone describes, from the clinic's signs, before anything else."""
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.triage import (
    ANSWERS,
    EMERGENCY,
    EXPECTED,
    HELP_HAD_ANSWER,
    MINORS_ANSWER,
    SIDE_EFFECTS_ANSWER,
    SUITABILITY_ANSWER,
    URGENT,
    WARNING_SIGNS_ANSWER,
    CAUSE_ANSWER,
    SafetySettings,
    SafetyTriage,
    Sign,
    days_since,
    triage,
    stated_minor,
    under_age,
    words,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def settings():
    return SafetySettings.from_clinic_file(PROJECT_DIR / "clinic.yml")


@pytest.mark.parametrize(
    "text, level",
    [
        # emergency: the first words must be the emergency number
        ("my lips have started swelling since the session this afternoon", EMERGENCY),
        ("throat feels tight and its hard to swallow", EMERGENCY),
        ("I can't breathe properly", EMERGENCY),
        ("feel really faint after the microneedling", EMERGENCY),
        ("my tongue is going numb and puffy", EMERGENCY),
        ("chest is tight and my face is swelling quickly", EMERGENCY),
        ("I can't get enough air and my voice has gone croaky", EMERGENCY),
        ("tounge swolen cant talk properly", EMERGENCY),
        # play-test 117: an eye closing up, said after the swelling was, got NHS 111 three times
        ("its getting worse though, now her left eye is closing up she can barely open it", EMERGENCY),
        ("her eye is nearly shut now", EMERGENCY),
        # after play-test 208: an eye swelling makes hard to open
        ("my eye is so swollen i can't open it properly since the treatment", EMERGENCY),
        ("its more puffy round my eye now and its hard to open", EMERGENCY),
        # play-test 121: a faint days past, and fine since, is past; fainting again, or minutes ago, is not
        ("Sorry no, I'm fine NOW, the fainting was on friday at the clinic. I just want to know about my next session",
         None),
        ("i fainted yesterday and now i feel faint again", EMERGENCY),
        ("i fainted 10 minutes ago, im ok now i think", EMERGENCY),
        # play-test 119: "hard to think straight" beside shivers and spreading redness got NHS 111
        ("the redness is spreading and im shivery, and im finding it hard to think straight", EMERGENCY),
        ("my face is blowing up like a balloon", EMERGENCY),
        ("lips gone massive after the numbing cream", EMERGENCY),
        # misspelt and loosely worded breathing and swallowing, found by a play-test
        ("my throaght is closing up", EMERGENCY),
        ("cant breth properly", EMERGENCY),
        ("its getting harder to breathe", EMERGENCY),
        ("it hurts to swallow and my neck is swollen", EMERGENCY),
        ("my airway feels narrow", EMERGENCY),
        ("my breathing feels weird since the treatment", EMERGENCY),
        ("my whole face is ballooning since the treatment", EMERGENCY),
        # a sudden change in sight, found by the seventh play-test (it was urgent): 999 or A&E, says the NHS
        ("my vision is blurry since the microneedling yesterday", EMERGENCY),
        ("i can't see properly out of my left eye after treatment", EMERGENCY),
        ("everything looks blurry and my eye is swollen", EMERGENCY),
        ("my sight went funny an hour after", EMERGENCY),
        # urgent: infection, bad or worsening pain, the eye, later than the first days, anything unclear
        ("there's pus on my chin where they did it", URGENT),
        ("yellowish crust all over my forehead, treated tuesday", URGENT),
        ("the redness is spreading down my neck", URGENT),
        ("I've got a temperature and chills since yesterday's treatment", URGENT),
        ("my cheek is throbbing", URGENT),
        ("the pain is getting worse, not better", URGENT),
        ("my eyelid is swollen after the session", URGENT),
        ("it's still red after a week", URGENT),
        ("day 6 and my skin is still sensitive", URGENT),
        ("my face is really swollen from yesterday", URGENT),
        ("hot to the touch this morning", URGENT),
        # what the guide does not name as expected is unclear, so urgent, even beside an expected sign
        ("my face is red and covered in tiny bumps since yesterday", URGENT),
        # (itching and flaking in the first days: the expected reaction's answer, saying the guide does not name them)
        ("it's a bit itchy and flaky today", EXPECTED),
        ("skin very red and hot and little yellow water since yesterday", URGENT),
        ("she says her cheeks hurt more each day since saturday", URGENT),
        ("my face is still a bit red and warm from last weeks session", URGENT),
        ("infectd i think", URGENT),  # a sign of infection is all the message says
        ("yesterday microneedling. skin is burning very much and red like tomato, pain is strong", URGENT),
        ("microneedling 2 days ago, face is red and sore as hell, cant sleep from the pain", URGENT),
        ("pus", URGENT),
        ("the redness isnt going down, its darker red now", URGENT),
        # expected: redness, mild swelling, sensitivity like a mild sunburn, in the first days
        ("had it done yesterday and my face is bright red", EXPECTED),
        ("skin feels like a mild sunburn tonight, is that normal", EXPECTED),
        # play-test 219: "faint" said of the patches (light), "Please call 999 now" seven times
        ("I had microneedling about 5 weeks ago and I've noticed a few faint darker patches on my cheeks. They don't "
         "hurt at all", URGENT),
        ("i feel faint and dizzy since the treatment", EMERGENCY),
        ("999?? why, i feel totally fine, i mean the patches are faint as in light, not that im fainting lol", None),
        # play-test 218: "Please call 999 now" four times to someone well
        ("hmm nah if you cant tell me the price i dont want to book blind. cancel it", None),
        ("had it yesterday and now my left eye has gone blind", EMERGENCY),
        # play-test 216: "really" said of the redness made "a bit swollen" severe (the urgent route, nine times)
        ("hi, I had microneedling yesterday and my face is really red and tight and a bit swollen, kind of like sunburn. "
         "is that normal??", EXPECTED),
        # said of the swelling, it is
        ("had it done yesterday and my face is really swollen", URGENT),
        ("the swelling is really bad since the treatment", URGENT),
        ("a bit puffy and pink the day after", EXPECTED),
        ("my skin is sensitive 2 days after treatment", EXPECTED),
        # "on saturday" here is the clinic's hours, not when it was done
        ("had treatment yesterday, mild redness. what are your opening hours on saturday?", EXPECTED),
        # found by the twenty-first play-test: a cold sore after a treatment is no "sore" the guide expects, and one
        # "starting" is happening now (it got the suitability answer)
        ("i think a cold sore is starting on my lip ... could the needling have set it off?", URGENT),
        # found by the twenty-second play-test: breathing getting worse got the urgent route
        ("Dev Malhotra, 07700 900 611, 9am. breathing is a bit worse now actually", EMERGENCY),
        ("i already had the treatment 2 days ago, im asking what to do about the cold sore now", URGENT),
        # found while checking play-test 27's fixes: "havent had it checked" was read as not yet treated, and got no route
        ("had it done tuesday, now oozing, havent had it checked", URGENT),
        ("had microneedling on monday and theres pus, havent had it looked at yet", URGENT),
        # ... while someone not treated asks in general
        ("i havent had it done yet, is it normal to be red after?", None),
        # play-test 29: a cold sore before an appointment is for the clinic to decide on, not NHS 111
        ("i feel a cold sore coming on my lip and my appointment is tomorrow morning. should i still go?", None),
        ("my lips are swelling and my appointment is tomorrow", EMERGENCY),
        # play-test 29: warm like sunburn the day after is what the guide describes; later, or hot, is urgent
        ("had it done yesterday, it feels kinda warm to touch as well, like sunburn warm. normal yeah?", EXPECTED),
        ("treated 5 days ago and my cheek is still warm to the touch", URGENT),
        ("my face is hot to touch since my session yesterday", URGENT),
        # play-test 28: where the treatment is wanted, and a rash asked about, were sent to NHS 111
        ("is it safe to do if i had botox 2 weeks ago? and can i have it done on my under eyes", None),
        ("last one - if i did it at home with my roller and got a rash, would yall still see me?", None),
        # ... while the eyes after a treatment still are a sign
        ("had it done around my eyes yesterday and theyre swollen shut", EMERGENCY),
        # play-test 109: melasma, asked whether microneedling helps, by someone never treated, got NHS 111 now
        ("ok. i have melasma, the dark patch in face, since my pregnancy. microneedling is good for this? it go away?",
         None),
        ("had microneedling 3 days ago and now theres a dark patch on my melasma, will it fade?", URGENT),
        # play-test 256: asked whether the clinic does it for dark spots, by someone never treated, got NHS 111 now
        ("sorry! wrong keyboard haha. yes do you do microneedling for dark spots? I have some pigmentation on my cheeks "
         "from old spots", None),
        # play-test 134: fainting asked of the appointment to come, "Please call 999 now" three times
        ("ok how long does the whole thing take and does the numbing cream hurt going on? if i faint is someone there",
         None),
        ("i had it done an hour ago and i feel faint, is someone there at the clinic", EMERGENCY),
        # play-test 133: a treatment to come and a holiday after it, NHS 111 now to someone not yet treated
        ("im having the treatment this week and then flying to malaga on the 16th, beach holiday. is that gonna be bad "
         "for my skin? should i postpone the treatment till after or is 10 days enough", None),
        # play-test 109: an eye that will hardly open, and swelling growing fast, got NHS 111 twice
        ("ok hang on its actually got worse while ive been typing, my left eye is now really hard to open", EMERGENCY),
        ("should i be calling 999 for this instead?? its swelling up quite fast", EMERGENCY),
        ("the swelling is going down quite fast now", EXPECTED),
        # play-test 105: "a dark patch" was NHS 111 now, and "dark brown patch" the clinic when it opens
        ("dark brown patch on left cheek since microneedling 10 days ago, want to know if it will fade", URGENT),
        ("treated 10 days ago and a patch on my cheek has gone darker than the rest", URGENT),
        # play-test 147: a tingle of the lips and tongue three hours after, the expected reaction's "a few days" twice
        ("had microneedling 3 hrs ago and my lips are tingling", URGENT),
        ("my tongue feels tingly and kind of numb since the session", URGENT),
        # ... while the treated skin tingling in the first days is what the guide describes
        ("had it done yesterday and my cheeks are still tingling a bit", EXPECTED),
    ],
)
def test_a_sign_falls_where_the_clinic_says(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize("text", [
    # play-test 150: a mishap supposed, and whom to call asked ("not sure I understood", then the urgent route)
    "and if something did go wrong after, like at night or on a sunday, who do i call",
    "if anything goes wrong after the treatment who should i ring",
])
def test_a_mishap_supposed_is_no_report(settings, text):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.hypothetical and found.level is None


@pytest.mark.parametrize(
    "text",
    [
        # questions about the treatment in general, from someone not yet treated
        "does it hurt",
        "i get cold sores, can i still have microneedling?",  # a history, for the consultation
        "when is the redness starting to go down",
        "can microneedling make your lips swell?",
        "what are the risks of infection",
        "how long will I be red for",
        "is there a chance of scarring",
        "before I book, could it make my skin worse",
        "could i have an allergic reaction to the numbing cream?",
        "what if after it my face goes really red and hot and starts oozing",
        "had it yesterday, can I take a hot shower tonight",
        # not yet treated, found by a play-test: no 999 and no "call the clinic now"
        "i have a nut allergy and get anaphylaxis, is microneedling safe for me?",
        "I have asthma, sometimes trouble breathing. can I still have microneedling?",
        "i faint at the sight of needles lol will i be ok",
        "what about an allergic reaction, could my throat swell?",
        "my friend said her face swelled up, does that happen a lot? i havent booked yet",
        "could i go blind if they do near my eyes?",
        "i cant see anything different after 3 sessions",  # results, not sight
        "can't see much change yet, is that normal",
        "how will i know if something is wrong after my treatment?",
        "is it normal to be red after? havent had it yet, just wondering",
        "my friend got an infection after microneedling elsewhere, how do you prevent that?",
        # found by the sixth play-test: what a treatment might do to a condition the person has
        "i have rosacea and eczema flare ups, would microneedling make it worse?",
        # no sign at all
        "how many sessions do I need",
        "I'd like to book a consultation for Friday",
        # said to be after a treatment, but naming no sign: the classifier decides
        "can I go swimming the day after?",
        "is it ok to wear makeup the next morning",
    ],
)
def test_a_general_question_is_not_triaged(settings, text):
    assert triage(text, settings, said_to_be_happening=False).level is None


@pytest.mark.parametrize("text", [
    # play-test 50: the words for lips or swelling in the person's own language, beside English ones, got the expected
    # reaction's answer first
    "hola, i have the microneedling one hour ago, now my labios are tingle and little bit swell, is normal??",
    "my lèvres are gonflées since the treatment",
    "a garganta is swelling after the session",
])
def test_lips_or_throat_swelling_in_words_of_another_language_are_an_emergency(settings, text):
    assert triage(text, settings, said_to_be_happening=False).level == EMERGENCY


@pytest.mark.parametrize("text, level", [
    # the course of a treatment, asked in general, though the classifier reads something happening (it was sent to
    # NHS 111 with no sign named)
    ("What really happens after one microneedling session?", None),
    ("what happens after the session, my face has gone bright red and hot", URGENT),
])
def test_what_happens_after_a_treatment_asked_in_general_is_no_report(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


@pytest.mark.parametrize("text, level", [
    # how needles have always gone for someone is for the consultation (it got the emergency answer)
    ("im a total wimp with needles, like i nearly pass out when they take blood. how bad is it", None),
    ("i faint at the sight of needles, will i be ok?", None),
    # play-test 36: "Please call 999 now", twice, in the middle of the walk-through
    ("ok this is the bit im scared of. does it bleed? i faint at blood a bit", None),
    ("does it hurt? i get a bit woozy around needles", None),
    # play-test 47: the warning signs' "call 999" to someone who fainted at a blood test once
    ("what if i faint? i fainted at a blood test once", None),
    # play-test 158: "Please call 999 now" three times, to someone never treated asking what is usual
    ("ok thats better. so feeling lightheaded isnt one of the normal ones? im a bit of a fainter with needles tbh", None),
    # fainting after a treatment is the emergency, whatever is said of needles
    ("i feel faint and dizzy after my treatment, scared of needles", EMERGENCY),
    ("im a fainter, i feel faint now after my treatment", EMERGENCY),
    ("i feel faint, is that one of the normal ones", EMERGENCY),
    ("i fainted when they did my microneedling yesterday", EMERGENCY),
    # play-test 165: "call 999 now" to someone on her sofa
    ("ok but thats not a number lol. is it like a 2 or a 7?? i nearly fainted at my last blood test", None),
    ("i fainted at the dentist once", None),
    # feeling faint said of now, whatever happened before
    ("i fainted at a blood test once and now i feel really faint", EMERGENCY),
    ("i fainted at the clinic and still feel faint now", EMERGENCY),
])
def test_fainting_with_needles_as_always_is_no_emergency_now(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


@pytest.mark.parametrize(
    "text",
    ["my redness is getting worse, would ice help?", "it's worse today, could it be infected?",
     "will it get worse? my face is red and hot since my treatment"],
)
def test_worse_asked_about_with_something_happening_is_still_urgent(settings, text):
    assert triage(text, settings, said_to_be_happening=False).level == URGENT


@pytest.mark.parametrize(
    "text, level",
    [
        ("no swelling of my lips, just a bit pink since this morning", EXPECTED),  # a denied sign does not count
        ("my throat isn't tight, my face is red from yesterday", EXPECTED),
        ("not sure if this is pus, my chin has had white bits since the treatment", URGENT),  # "not sure" denies nothing
    ],
)
def test_a_sign_after_no_or_not_does_not_count(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


def test_something_happening_that_no_sign_names_is_unclear_and_so_urgent(settings):
    # the classifier says something is happening; no sign the clinic lists is named
    assert triage("something feels off with my face since the session", settings, True).level == URGENT
    assert triage("my skin has gone a funny colour", settings, True).level == URGENT


def test_what_could_go_wrong_before_a_treatment_is_hypothetical(settings):
    found = triage("what happens if something goes wrong", settings, said_to_be_happening=True)
    assert found.level is None and found.hypothetical


@pytest.mark.parametrize("text, hypothetical", [
    # play-test 120: NHS 111 to someone asking before any treatment
    ("if i had it done on monday would i still be red by saturday", True),
    ("if i got it done before christmas would i be red at new year", True),
    # said of a treatment had: not a question of "if"
    ("i had it done on monday and if i had known it would be this red i'd have waited, its red and hot", False),
    ("i had it done on monday, would i still be red by saturday", False),
])
def test_a_treatment_asked_of_in_the_past_conditional_is_hypothetical(settings, text, hypothetical):
    found = triage(text, settings, said_to_be_happening=True)
    assert (found.level is None) == hypothetical and found.hypothetical == hypothetical


@pytest.mark.parametrize("text, help_had", [
    # play-tests 111 and 120: "follow the advice you were given" to someone asking before any treatment
    ("can I have it on antibiotics for a chest infection", False),
    ("can i still get it done if my gp has me on antibiotics for a chest infection", False),
    # after a treatment, the antibiotics given for it are help had
    ("had microneedling on monday, it got infected and the gp gave me antibiotics, it's settling now", True),
])
def test_a_medicine_asked_about_before_any_treatment_is_no_help_had(settings, text, help_had):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.help_had == help_had


@pytest.mark.parametrize("text, level, hypothetical, history", [
    # play-test 123: NHS 111 now to someone never treated, three times
    ("no i mean hypothetically. say i had it done and a few days later it got infected. who do i contact?",
     None, True, False),
    ("anyway other hypothetical - if im still red for a week after, could i go to a wedding on saturday?",
     None, True, False),
    ("omg HYPOTHETICAL again. nothing has happened to me. im trying to work out when to book it", None, True, False),
    # play-test 124: what others went through, read of
    ("ok. is it safe in general though? i read something about people getting infections from it", None, True, False),
    # what another treatment did is history, for the consultation
    ("I have very dark skin, got dark patches after a chemical peel", None, False, True),
    # play-tests 168 and 179: fainting named as something to tell the clinic is a history, not the warning signs
    ("so i could tell them about the fainting thing then?", None, False, True),
    ("ok i think i'll book the consultation then and mention the fainting. can i do next saturday morning?", None,
     False, True),
    ("i had my treatment an hour ago and now i feel faint, should i tell them?", EMERGENCY, False, False),
    # play-test 178: the pain of one place beside others, asked by someone not treated (NHS 111 now)
    ("ok on the pain thing - i have a really low pain threshold tbh, is it worse on some areas than others? like "
     "forehead vs cheeks", None, False, False),
    # play-test 177: rosacea that flares easily, asked of a treatment to come (NHS 111 now)
    ("Hello, I have rosacea and really sensitive skin - gets red at the drop of a hat. Would microneedling be ok for "
     "me? And does it actually help with the redness or make it worse?", None, False, True),
    # play-test 172: a faint supposed during the treatment is for the consultation, not the warning signs after one
    ("what happens if i do faint halfway through tho?? like do they just stop? im honestly panicking a bit", None,
     False, True),
    ("i feel faint now, during my treatment", EMERGENCY, False, False),
    # play-test 171: marks that come easily, asked of a treatment to come (the clinic now and NHS 111)
    ("Hi, I have very dark skin and I get dark marks really easily from spots etc. Would microneedling leave me with "
     "dark patches after?", None, False, True),
    ("i scar really easily, would it leave marks?", None, False, True),
    # ... not when microneedling was had too, nor a sign said of now beside "nothing has happened yet"
    ("I had a chemical peel and microneedling on monday and now its oozing yellow stuff", URGENT, False, False),
    ("the paramedics say my lips are swelling and its getting worse", EMERGENCY, False, False),
    # play-test 126: the expected reaction's answer to puffy lips, twice
    ("so do i ring 999 or not?? my lips are puffy", EMERGENCY, False, False),
    ("lips going a bit tingly again now actually. maybe slightly puffy??", EMERGENCY, False, False),
    # play-test 127: "I'm asking you" is no "just asking" (the warning signs' leaflet in an emergency)
    ("I'm asking you. his lips are swelling up. do I call 999 again yes or no", EMERGENCY, False, False),
])
def test_what_is_said_to_be_supposed_or_from_another_treatment_is_no_report(settings, text, level, hypothetical,
                                                                              history):
    found = triage(text, settings, said_to_be_happening=True)
    assert (found.level, found.hypothetical, found.history) == (level, hypothetical, history)


@pytest.mark.parametrize("text, level", [
    # play-test 123: a bottle of aloe vera read as green discharge, NHS 111 now eleven times
    ("can i put aloe vera on it? ive got a bottle of the green gel stuff from holiday", None),
    ("its just red and stingy, the green stuff is the aloe gel in the bottle", EXPECTED),
    # the colour of what comes out of the skin is still the sign
    ("had microneedling tuesday, theres green stuff coming out of the spots on my cheek", URGENT),
    ("had microneedling 3 days ago, yellow crust on my cheek, i put aloe gel on it", URGENT),
])
def test_a_colour_that_names_a_thing_is_no_sign(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize("text, level, help_had", [
    # play-test 122: "follow the advice you were given" to a fever sign new since the call
    ("just got off the phone with 111 they said GP tomorrow morning. but im feeling a bit shivery now tbh", URGENT,
     False),
    ("rang 111, they said see the gp tomorrow. but now im shivering and feel hot", URGENT, False),
    # what the help was had for, still there, is the help's to judge
    ("111 said its a mild infection and gave me antibiotics. its still red now", None, True),
])
def test_a_sign_new_since_the_help_had_is_no_help_had(settings, text, level, help_had):
    found = triage(text, settings, said_to_be_happening=True)
    assert (found.level, found.help_had) == (level, help_had)


@pytest.mark.parametrize("text, level", [
    # play-test 122: "No rush", and "I need a yes or a no" at the consent question
    ("ok well i feel a bit foggy too tbh, kind of muddled, hard to think", URGENT),
    ("i feel really drowsy and disorientated since this morning", URGENT),
    # puzzled, not a sign
    ("im a bit muddled about the prices, is it 250 or 300", None),
    # play-test 183: by the chat, with a time for the call (NHS 111 to someone never treated, and the request paused)
    ("Oh goodness, I am muddled now. Perhaps the afternoon tomorrow would be best then, after two o'clock.", None),
])
def test_feeling_muddled_is_unclear_and_so_urgent(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


def test_worse_is_noticed(settings):
    assert triage("it's got worse", settings, False).worse
    assert triage("puffier than earlier", settings, False).worse
    assert triage("its getting redder tbh", settings, False).worse
    # play-test 43: getting warmer and more sore than the day before
    assert triage("its getting warmer and more sore than yesterday", settings, False).worse
    assert not triage("its warm and a bit sore", settings, False).worse
    assert not triage("it's a bit red", settings, False).worse


@pytest.mark.parametrize(
    "text, days",
    [("day 5", 5), ("a week later", 7), ("two weeks", 14), ("3 days after", 3), ("yesterday", 1),
     ("a fortnight", 14), ("a few days", 3), ("no time given", None), ("from last week's session", 7),
     # on a Wednesday (2): last Friday was 5 days ago, Monday 2, and "on wednesday" a week
     ("treatment was last friday", 5), ("had it done on monday", 2), ("since wednesday", 7),
     # play-test 151: how long it has gone on, with "for" ("if it lasts longer than a few days", to day 9)
     ("my face has been red for 9 days now after microneedling", 9), ("its been swollen for 2 weeks", 14),
     # ... and a time to come is none
     ("i have a wedding in 10 days", None), ("ill be away for the next 2 weeks", None),
     # play-test 253: weeks or months with no number, how long it has gone on
     ("it's been like this for weeks", 14), ("my skin has been rough for months now", 60),
     ("ive had this for weeks", 14), ("will it be red for weeks?", None), ("i had it weeks ago", None)],
)
def test_days_since(text, days):
    assert days_since(text, today=2) == days


@pytest.mark.parametrize(
    "text, minor",
    [
        ("im 16 can i book without my mum", True),
        ("do i need my parents to come with me", True),
        ("my daughter is 15 and has acne scars", True),
        ("is there an age limit", True),
        ("can I come without telling my dad", True),
        ("I'm 45, is that too old", False),
        ("I'm 10 minutes away", False),
        ("are there any minor side effects", False),
        ("teenage acne left me with scars", False),
        ("my mum had it done and loved it", False),
        ("do i need my parents", True),
        ("booking without my mum knowing, im 18 tho", False),  # an adult says so
        # play-test 35: a parent who wants treating too is another patient
        ("and my mum wants to come too, she takes warfarin. and i have eczema flare ups on my jaw", False),
        ("mum (on warfarin) would like to come at the same time if poss", False),
        ("can my mum be booked in the same slot?", False),
        ("can my mum come with me", True),
        # play-test 37: the under-18 policy for someone of 74, booked by her daughter
        ("Booking made by daughter Claire - please contact Claire on the email, mum can only come after 10am", False),
        # play-test 50: a young child brought along is no one to be seen (the age policy and the suitability answer)
        ("is the consultation free? and can i bring my daughter shes 6, no childcare that day", False),
        ("can i bring my daughter, shes 16 and wants it done too", True),
        # play-test 85: the under-18 policy three times for a mother of 78, asked about by her daughter
        ("Hello, I'm looking into microneedling for my mum. She's 78 and has dementia (moderate). How does consent work "
         "in her case?", False),
        ("It's for my mum Margaret Bennett, 78, fine lines and general skin on her face. She has dementia so please "
         "contact me (Sarah) and not her. I'll come with her.", False),
        ("booking for my mum, will she need to sign a consent form", False),
        # ... an age under 18 said beside it still counts
        ("im 16 and want to book for my mum and me, does she need to consent", True),
        # play-test 108: "didn't catch that", to a 16-year-old asking about the policy
        ("so does my mum HAVE to come to the consultation as well, yes or no?", True),
        # play-test 169: the age of the scars, three times read as hers
        ("mine are about 10 years old tho. does that make a difference", False),
        ("do 10 year old acne scars still respond to microneedling", False),
        ("my son is 15 years old", True),
        # play-test 165: a parent there for support is no question of age
        ("how long does the actual needling bit take? and can i bring my mum with me to hold my hand haha", False),
        ("can my mum come with me for moral support", False),
        # play-test 190: the parent asking of their own part beside a consent or a form to sign (the privacy notice)
        ("so I have to come with him? what exactly do I have to sign, is it a form on the day?", True),
        ("do i need to be there with him and what is the consent form", True),
        ("do i need to come with her to hold her hand", False),
        # play-test 202: a parent brought along by choice, by a 27-year-old, got the age policy
        ("ok. can i bring my mum with me? shes coming up to london with me anyway", False),
        ("im 16 can i bring my mum", True),
        ("can i bring my mum to sign the consent", True),
        # play-test 239: the age to come read as the age now, and the suitability answer in place of the age policy
        ("nah. also im 17 in september im 18, can i get it done now or do i have to wait", True),
        ("im 17, ill be 18 next month", True),
        ("im 19 and my skin is oily", False),
        # play-test 257: a 15-year-old brother offered a consultation
        ("fair. my brother is 15 and has worse acne scars than me, could he come in?", True),
        ("my sister is 25 can she come with me", False),
    ],
)
def test_under_age(text, minor):
    assert under_age(text) is minor


def test_a_sign_reads_word_groups_phrases_and_prefixes():
    sign = Sign.parse("pass*_out|faint + after")
    assert sign.found_in(words("I nearly passed out after it"))
    assert sign.found_in(words("felt faint right after"))
    assert not sign.found_in(words("I passed the test out after"))
    assert not sign.found_in(words("I did not faint after"))  # denied
    far = "faint " + "word " * 12 + "after"
    assert not sign.found_in(words(far))  # the words of a sign stand close together


def test_the_clinic_file_must_name_every_level(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text("safety:\n  signs:\n    emergency: ['lip + swell*']\n", encoding="utf-8")
    with pytest.raises(ValueError):
        SafetySettings.from_clinic_file(path)


# ---------------------------------------------------------------- the component on NLU output


def parsed(text, intent, answer=None, confidence=0.6, questions=()):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    if answer:
        message.set("response_selector", {"all_retrieval_intents": ["faq"], "faq": {
            "response": {"intent_response_key": answer, "confidence": confidence, "responses": [],
                         "utter_action": f"utter_{answer}"},
            "ranking": [{"intent_response_key": answer, "confidence": confidence}]}})
    message.set("questions", list(questions))
    return message


@pytest.fixture(scope="module")
def component(settings):
    return SafetyTriage({}, settings)


def selected(message):
    return message.get("response_selector")["faq"]["response"]["intent_response_key"]


@pytest.mark.parametrize(
    "text, intent, answer, expected",
    [
        # at the name prompt the classifier says inform; the triage answers first
        ("my lips are swelling up", "inform", None, ANSWERS[EMERGENCY]),
        # after a "did you mean": the fallback's intent is replaced
        ("theres yellow stuff coming out of my cheek", "nlu_fallback", "faq/pain", ANSWERS[URGENT]),
        # the classifier's "something is happening", with no sign: urgent
        ("something's not right with my skin", "faq", "faq/complication", ANSWERS[URGENT]),
        ("it's red and tender, I had it done this morning", "faq", "faq/downtime", ANSWERS[EXPECTED]),
        # not yet treated: what could go wrong gets the side effects
        ("what if something goes wrong?", "faq", "faq/complication", SIDE_EFFECTS_ANSWER),
        # play-test 74: year-old scarring from another clinic, asked whether it is common, got NHS 111 now
        ("I had microneedling at another place about a year ago and it left me with some scarring on my cheek, little "
         "pitted marks that weren't there before. I want to fix it but I'm scared it'll happen again. Is that common?",
         "faq", "faq/urgent", SIDE_EFFECTS_ANSWER),
        # the right script for an under-18 or a parent question, even where the classifier said crisis
        ("can i come without telling my mum", "distress", None, MINORS_ANSWER),
        # play-test 259: the age policy asked by an adult got the consultation's answer
        ("lol ok. im 20 btw, is there an age limit", "faq", "faq/suitability", MINORS_ANSWER),
        ("im 19 is that ok", "faq", "faq/suitability", MINORS_ANSWER),
        # a sign of an emergency that the classifier took for a crisis
        ("feel like i'm going to pass out", "distress", None, ANSWERS[EMERGENCY]),
        # a question about warning signs gets what to do if they appear, with the emergency number
        ("what if my face swells up and i cant breathe??", "faq", "faq/side_effects", WARNING_SIGNS_ANSWER),
        ("not had it yet - but if my lips swelled up afterwards what would i do?", "faq", "faq/side_effects",
         WARNING_SIGNS_ANSWER),
        ("hypothetically if my face swelled up fast after, what should i do", "faq", "faq/side_effects",
         WARNING_SIGNS_ANSWER),
        ("if my tongue swelled after microneedling what would you do?", "faq", "faq/side_effects", WARNING_SIGNS_ANSWER),
        ("If I get a fever afterwards, should I worry?", "faq", "faq/suitability", WARNING_SIGNS_ANSWER),
        # play-test 99: "Please call 999 now" to someone asking what to do if it comes back
        ("thanks. if my lips go puffy again tonight do i have to ring 999 again or can i just take another piriton",
         "faq", "faq/suitability", WARNING_SIGNS_ANSWER),
        # play-test 97: NHS 111 now, to someone never treated
        ("thanks. and if something goes wrong after the treatment who do i ring?", "faq", "faq/complication",
         WARNING_SIGNS_ANSWER),
        # play-test 94: hives spreading and a scratchy throat, in two sentences, got NHS 111; then "tight now when she
        # swallows" NHS 111 again
        ("hi my wife had microneedling on her neck this afternoon and now shes got hives coming up on her chest and "
         "arms, theyre spreading. she says her throat feels a bit scratchy. would piriton be enough", "faq",
         "faq/suitability", ANSWERS[EMERGENCY]),
        ("were on hold. she says the scratchy thing is a bit more like tight now when she swallows", "faq",
         "faq/reassurance", ANSWERS[EMERGENCY]),
        # play-test 199: a worsening supposed, after pink cheeks on day 6, got NHS 111 now, then the suitability answer
        ("ok thanks. and if it gets worse over the weekend then what", "faq", "faq/urgent", WARNING_SIGNS_ANSWER),
        ("it HASNT got worse, i said IF. im asking what to do if it does", "faq", "faq/suitability",
         WARNING_SIGNS_ANSWER),
        ("??? i dont want to book anything. if my cheeks get worse on sunday who do i call", "faq", "faq/suitability",
         WARNING_SIGNS_ANSWER),
        # play-test 198: whether it is an allergic reaction, with the ambulance on its way, got the suitability answer
        ("ok. is this an allergic reaction to the numbing cream do u think", "faq", "faq/suitability", CAUSE_ANSWER),
        ("could the cream have caused this?", "faq", "faq/side_effects", CAUSE_ANSWER),
        # ... and a sign named with it is triaged as one
        ("had microneedling on monday. is this an infection? its oozing yellow", "faq", "faq/side_effects",
         ANSWERS[URGENT]),
        # play-test 200: the age limit asked got the suitability answer, to a 16-year-old
        ("so wait what age do u actually need to be", "faq", "faq/suitability", MINORS_ANSWER),
        # play-test 201: "is that a no then?" after the consultation's answer was taken for "no thanks"
        ("is that a no then?", "deny", None, "faq/about_that"),
        # play-test 198: four days after, "before i ring" was taken as before a treatment (the suitability answer)
        ("i had it 4 days ago. is it normal it feels tight or is that a bad sign? just want to know before i ring", "faq",
         "faq/reassurance", ANSWERS[URGENT]),
    ],
)
def test_the_triage_has_the_last_word(component, text, intent, answer, expected):
    message = parsed(text, intent, answer, questions=[{"intent_response_key": "faq/sessions"}])
    component.process([message])
    assert message.get("intent") == {"name": "faq", "confidence": 1.0}
    assert selected(message) == expected
    assert message.get("questions") == []  # a safety answer is given alone


@pytest.mark.parametrize("text, intent, answer", [
    # play-test 35: the route again, then what microneedling is, then "did you mean"
    ("ok fine. what even is 111, is that like ambulance", "faq", "faq/reassurance"),
    ("you didnt answer me. is 111 an ambulance or a phone line?", "faq", "faq/reassurance"),
    ("what is nhs 111", "faq", "faq/what_is"),
    ("whats 111?", "nlu_fallback", None),
    # play-test 36: "did you mean", then what microneedling is
    ("ok and what even is a&e, is that the same as going to hospital? its 6pm and i have work tomorrow", "nlu_fallback",
     None),
    ("what is A&E", "faq", "faq/what_is"),
    # play-test 86: what microneedling is, in the urgent thread
    ("can i do the 111 thing online instead of ringing? whats it actually going to do for me", "faq", "faq/what_is"),
    # play-test 94: the procedure, what microneedling is, a reference answer and "did you mean"
    ("what will 111 actually do, will they just tell us to go to a&e anyway", "faq", "faq/procedure"),
    ("?? thats not what i asked. the NHS 111 thing, what is it", "faq", "faq/what_is"),
    ("no, I mean what happens when I ring NHS 111", "nlu_fallback", None),
    # play-test 102: whether it helps the skin near the eyes, to someone with a fever and redness spreading to her eye
    ("what even happens when i ring 111, will they just tell me to go to a&e anyway? its near my eye so im a bit scared "
     "tbh", "faq", "faq/unknown_area"),
])
def test_what_the_route_is_asked_gets_what_it_is(component, text, intent, answer):
    message = parsed(text, intent, answer)
    component.process([message])
    assert selected(message) == "faq/route_explained"


@pytest.mark.parametrize("text, intent, answer, expected", [
    # play-test 45: in the middle of an emergency, the privacy notice
    ("999 es ambulancia? what i say to them, my english bad", "faq", "faq/privacy", "faq/emergency_explained"),
    ("is 999 the number for an ambulance", "nlu_fallback", None, "faq/emergency_explained"),
    ("what do i tell the call handler", "faq", "faq/unknown_other", "faq/emergency_explained"),
    ("ok im ringing an ambulance, what should i say", "faq", "faq/privacy", "faq/emergency_explained"),
    # play-test 74: the privacy notice in the middle of an emergency
    ("what do i even say to them", "faq", "faq/privacy", "faq/emergency_explained"),
    ("ok. what even do i say to them", "faq", "faq/privacy", "faq/emergency_explained"),
    # play-test 125: "Please call 999 now" again
    ("ok ok. what do i even say when they answer", "faq", "faq/emergency", "faq/emergency_explained"),
    # play-test 82: "Sorry, I can't help with that" to what to tell NHS 111
    ("what?? i mean what do i tell 111 when i ring", "out_of_scope", None, "faq/what_to_tell_111"),
    # play-test 96: the suitability answer and the offer to book, to someone bleeding the day after a treatment
    ("ok. should i mention the warfarin to 111 too or just the microneedling", "faq", "faq/suitability",
     "faq/what_to_tell_111"),
    # play-test 93: the products answer and the privacy notice on the way to A&E
    ("ok forget the ice. taxi is here. do i need to tell the hospital anything specific", "faq", "faq/unknown_product",
     "faq/what_to_tell_111"),
    ("not the ice!! what do i say to the doctors at a&e", "faq", "faq/privacy", "faq/what_to_tell_111"),
    # play-test 220: help on its way again, to someone on the phone to 999
    ("I HAVE called 999 they're on the phone now. what do I say?", "ask_reference", "faq/privacy",
     "faq/what_to_tell_111"),
    # 999 named, nothing asked of it; what to say at the consultation; a sign named is the emergency
    ("ok calling 999 now", "faq", "faq/reassurance", None),
    ("what should i say at the consultation", "faq", "faq/consultation", None),
    ("is 999 for this? her throat is swelling", "faq", "faq/complication", None),
])
def test_what_the_emergency_number_is_asked_gets_what_it_is(component, text, intent, answer, expected):
    message = parsed(text, intent, answer)
    component.process([message])
    chosen = (message.get("response_selector") or {}).get("faq", {}).get("response", {}).get("intent_response_key")
    if expected:
        assert chosen == expected
    else:
        assert chosen != "faq/emergency_explained"


def test_a_crisis_said_with_a_question_about_the_route_is_the_crisis(component):
    # the route's explanation never comes before the words of a crisis (found reading the change: it did)
    message = parsed("what even is 111? honestly i want to end it all", "faq", "faq/reassurance")
    component.process([message])
    assert message.get("intent")["name"] == "distress"


@pytest.mark.parametrize("text", [
    "ok im going to ring 111 now",
    "111 said to go to a&e",
    "should i call 111 or wait?",
    "i called 111 and they said its an infection",
])
def test_111_named_without_asking_what_it_is_is_not_that_question(component, text):
    message = parsed(text, "faq", "faq/reassurance")
    component.process([message])
    assert selected(message) != "faq/route_explained"


@pytest.mark.parametrize("text, intent", [
    ("honestly I want to end it all", "faq"),
    # about someone else, found by a play-test
    ("my son is 15 and his acne is so bad he told me he wants to kill himself", "faq"),
    ("my boyfriend keeps saying he wants to end his life over his scars", "nlu_fallback"),
    ("I don't want to live anymore", "nlu_fallback"),
    ("I'm 16 and I've been thinking about suicide", "book_consultation"),
])
def test_unmistakable_words_of_a_crisis_get_the_crisis_answer(component, text, intent):
    message = parsed(text, intent, "faq/pain" if intent == "faq" else None)
    component.process([message])
    assert message.get("intent") == {"name": "distress", "confidence": 1.0}


@pytest.mark.parametrize("text", [
    "I cut myself shaving, can I still have it",  # not a crisis word where it counts
    "my mum would kill me if she found out",
    "I could die of embarrassment about my scars",
])
def test_a_look_alike_of_a_crisis_is_no_crisis_sign(settings, text):
    assert not settings.crisis_signs.found_in(words(text))


@pytest.mark.parametrize(
    "text, intent, answer",
    [
        ("I want to end it all, I'm 16", "distress", None),  # a crisis word: the crisis answer stands
        ("how many sessions will I need", "faq", "faq/sessions"),
        ("/faq{\"topic\": \"complication\"}", "faq", "faq/complication"),  # a button says what it means
        ("my lips are swelling and I want to end it all", "distress", None),  # the crisis answer first
        # a booking request by someone under 18 stays one; the booking says the policy first
        ("I'm 16 and want to book", "book_consultation", None),
    ],
)
def test_the_triage_leaves_other_messages_alone(component, text, intent, answer):
    message = parsed(text, intent, answer)
    component.process([message])
    assert (message.get("triage") or {}).get("under_age", False) is ("16" in text)
    assert message.get("intent")["name"] == intent
    if answer:
        assert selected(message) == answer


@pytest.mark.parametrize("text", [
    # questions about side effects or other things, found on the held-out set: no warning-signs answer
    "can you get scabs from microneedling",
    "can it cause bruising",
    "will you use my number for marketing",
    "Does Microneedling Work On Stretch Marks?",
    "I Have A Really Low Pain Threshold - Will I Cope With Skin Needling?",
])
def test_a_general_question_naming_a_side_effect_is_neither_triaged_nor_a_warning(settings, text):
    found = triage(text, settings, said_to_be_happening=False)
    assert found.level is None and not found.signs


def test_a_message_in_another_language_is_not_read_for_english_signs(component):
    # Welsh "how much does it cost?": "faint" is Welsh for "how much"; its reply gives the emergency number anyway
    message = parsed("Shwmae, faint mae'n costio?", "other_language", confidence=0.9)
    component.process([message])
    assert message.get("intent")["name"] == "other_language"
    assert message.get("triage") is None
    # the same sign in an English message is triaged
    english = parsed("I feel faint since my treatment", "faq", "faq/complication")
    component.process([english])
    assert english.get("triage")["level"] == "emergency"


@pytest.mark.parametrize("text", [
    "my skin just looks tired",
    "honestly my face looks so dull and older than i am",
    "my complexion seems a bit lifeless",
])
def test_how_the_skin_looks_said_as_a_concern_is_no_report_of_anything_happening(component, settings, text):
    # the classifier may take it for "something is happening"; no sign, no treatment and no time since one is named
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.concern
    message = parsed(text, "faq", "faq/complication")
    component.process([message])
    assert message.get("intent") == {"name": "inform", "confidence": 1.0}  # details for a consultation


@pytest.mark.parametrize("text, level", [
    # the skin as it is, asked of a treatment not had (tests/unseen: the expected reaction's route)
    ("im sunburnt rn from holiday can i still come in thurs for my session", None),
    ("I have really sensitive skin that reacts to pretty much everything. Would I be suitable?", None),
    # after a treatment had, the same question is still a report
    ("i had my session monday and im still sore and red, can i still come in for my appointment next month", URGENT),
])
def test_whether_one_can_come_in_asked_before_a_treatment_is_for_the_consultation(settings, text, level, monkeypatch):
    # (on a Friday: "monday" is 4 days back, past the expected reaction's days, whatever day the tests run on; on a
    # Tuesday it was the day before, and the test failed)
    monkeypatch.setenv("CLINIC_NOW", "2026-12-11T10:00:00+00:00")
    assert triage(text, settings, True).level == level


def test_a_day_named_beside_what_is_to_come_of_a_treatment_not_had_is_no_report(component):
    # tests/unseen: "fri" read as a booking detail left the classifier's "something happening" standing: NHS 111 now
    text = "got a work presentation fri, if i get it done tues will i still look red n blotchy?"
    message = parsed(text, "faq", "faq/complication")
    start = text.index("fri")
    message.set("entities", [{"entity": "time", "value": "fri", "start": start, "end": start + 3}])
    component.process([message])
    assert selected(message) != "faq/complication" and not message.get("triage")["level"]


@pytest.mark.parametrize("text, level", [
    # play-test 46: with a name and a day beside it (no "something happening" read), no answer, and the name asked again
    ("Hannah Okafor. and its my left cheek, wed treatment, getting hotter", URGENT),
    ("since the session its spreading, Tom Reid 07700 900123", URGENT),
    # asked of a treatment to come, or worse named of no treatment: no report
    ("does the redness get worse before it gets better after treatment", None),
    ("my skin gets worse in winter, Tom Reid 07700 900123", None),
    # a darker skin tone is no change (dev: the suitability answer became NHS 111)
    ("Is microneedling safe for darker skin tones?", None),
])
def test_getting_worse_since_a_treatment_is_a_report_without_a_sign(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, concern, level", [
    # a concern said to look worse since a treatment is something happening, whatever the classifier answers (the
    # efficacy wordings moved to the results answer drew "made my acne scars more visible" there)
    ("the treatment made my acne scars more visible, will that settle?", "acne scars", URGENT),
    ("my fine lines look deeper after microneedling", "fine lines", URGENT),
    ("had it last week and my acne scars look more obvious now", "acne scars", URGENT),
    # asked of what is to come, or of the skin before any treatment: no report
    ("will my scars look worse after microneedling?", "scars", None),
    ("can microneedling make acne scars look worse", "acne scars", None),
    ("my acne scars look worse in photos, would microneedling help", "acne scars", None),
])
def test_a_concern_said_to_look_worse_since_a_treatment_is_a_report(settings, text, concern, level):
    assert triage(text, settings, False, names_a_concern=True, concerns=[concern]).level == level


@pytest.mark.parametrize("text, concern, kind, expected", [
    # whether it helps a concern, asked: what the guide says it improves, or that the guide does not name it (the
    # consultation offered alone left the question unanswered)
    ("will it help my acne scars? had them since i was a teen", "acne scars", "skin_concern", "faq/results"),
    ("my laughter lines have been there since my 30s, can it improve them", "laughter lines", "skin_concern",
     "faq/results"),
    ("my stretch marks have been there since my 20s, will it help them", "stretch marks", "unknown_area",
     "faq/unknown_area"),
    # a concern said, nothing asked: what a consultation looks at
    ("got quite bad acne scars on both cheeks", "acne scars", "skin_concern", None),
    ("my stretch marks have been there since my 20s", "stretch marks", "unknown_area", None),
])
def test_whether_it_helps_a_concern_asked_is_answered(component, settings, text, concern, kind, expected):
    # (the classifier read something happening; the triage finds a concern, no sign)
    assert triage(text, settings, True, names_a_concern=True, concerns=[concern]).concern
    message = parsed(text, "faq", "faq/complication")
    start = text.index(concern)
    message.set("entities", [{"entity": kind, "value": concern, "start": start, "end": start + len(concern)}])
    component.process([message])
    if expected:
        assert message.get("intent")["name"] == "faq" and selected(message) == expected
    else:
        assert message.get("intent") == {"name": "inform", "confidence": 1.0}


@pytest.mark.parametrize("text, level", [
    ("my skin looks tired since the treatment", URGENT),  # a treatment named: something is happening, unclear
    ("my face looks dull after my session and it's hot and oozing", URGENT),
    ("my skin looks tired and my lips are swelling", EMERGENCY),
    ("my skin looks dull and it's getting worse", URGENT),
])
def test_how_the_skin_looks_beside_a_treatment_or_a_sign_is_still_triaged(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


# found by the third play-test
@pytest.mark.parametrize("text", ["my skin looks tired and grey tbh, and these lines by my mouth",
                                  "my skin looks a bit grey and tired"])
def test_a_grey_tired_look_is_a_concern_not_a_sign(settings, text):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.concern


@pytest.mark.parametrize("text, level", [
    ("my lips look blue", EMERGENCY),  # the colour alone is the sign
    ("my face looks grey and i feel faint", EMERGENCY),  # beside another sign
    ("my skin looks tired and grey since the session", EMERGENCY),  # something happening now
])
def test_a_colour_sign_stands_without_a_tired_look_or_beside_another_sign(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


def test_a_sign_long_past_is_history_for_the_consultation(component, settings):
    text = "i had a reaction to numbing cream once years ago, my lip swelled up. will that be a problem?"
    found = triage(text, settings, said_to_be_happening=False)
    assert found.level is None and found.history
    message = parsed(text, "faq", "faq/side_effects")
    component.process([message])
    assert selected(message) == "faq/suitability"
    # happening again now: the emergency
    assert triage("my lip swelled up years ago and now it's swelling again", settings, False).level == EMERGENCY
    # given as a note for the clinic, it is the note: the intent the booking gave it stands (play-test 43)
    noted = parsed("I should mention I had a lip swell up years ago", "correct_booking")
    noted.set("entities", [{"entity": "note", "value": "I had a lip swell up years ago", "start": 18, "end": 47}])
    assert triage(noted.get("text"), settings, said_to_be_happening=False).history
    component.process([noted])
    assert noted.get("intent")["name"] == "correct_booking"


def test_a_few_words_naming_a_concern_and_the_eyes_are_no_report(component, settings):
    assert triage("wrinkles around the eyes", settings, False, names_a_concern=True).level is None
    # lines by the eyes are a concern, whether or not the concern was found (play-test 53: "lines round my eyes!!" at
    # the concern prompt, NHS 111 now)
    assert triage("wrinkles around the eyes", settings, False).level is None
    assert triage("lines round my eyes!!", settings, True).level is None
    # a sign in the eye, said of now, still is one
    assert triage("lines round my eyes and my eye has been swollen since yesterday", settings, False).level == URGENT
    assert triage("pain in my eye", settings, False, names_a_concern=False).level == URGENT


@pytest.mark.parametrize("text, level", [
    # found by the fifteenth play-test: dark circles asked about got "contact the clinic now"
    ("and under the eyes? i have dark circles and crepey skin there", None),
    ("i have dark circles under my eyes", None),
    # a treatment or a time since one named, or a sign in the eye itself: triaged as before
    ("dark circles under my eyes since my session", URGENT),
    ("i have dark circles under my eyes and my throat is swelling", EMERGENCY),
    ("wrinkles around my eyes and now my eye is swollen shut", EMERGENCY),
])
def test_where_a_named_concern_is_near_the_eyes_is_no_sign(settings, text, level):
    assert triage(text, settings, False, names_a_concern=True).level == level
    assert triage(text, settings, False).level in (level, URGENT)  # with no concern named the eye is a sign


@pytest.mark.parametrize("text, level, concern", [
    # found by the fifth play-test: a concern the clinic treats, with no sign and no treatment named
    ("pigmentation, brown flecks on the cheeks since my pregnancy", None, True),
    ("scar on left cheek from a bicycle accident", None, True),
    # a sign, or a treatment named: triaged as before
    ("my scar looks infected", URGENT, False),
    ("my pigmentation got darker since the treatment", URGENT, False),
    # play-test 131: said to have got worse with a pregnancy, by someone never treated (NHS 111 now)
    ("pigmentation on my cheeks, its got worse with the pregnancy. and please note i want to come after the baby",
     None, True),
    ("my pigmentation got worse after the treatment", URGENT, False),
    ("my acne scars are bleeding", URGENT, False),
])
def test_a_named_concern_with_no_sign_and_no_treatment_is_a_concern(settings, text, level, concern):
    found = triage(text, settings, said_to_be_happening=True, names_a_concern=True)
    assert found.level == level and found.concern is concern


@pytest.mark.parametrize("text, level, help_had", [
    # found by the seventh and eighth play-tests: 999 or "contact the clinic now" said again to someone the
    # paramedics, A&E, 111 or the clinic had already seen or advised
    ("my lips swelled up last night, the paramedics came and gave me antihistamine, im ok now. what should i do",
     None, True),
    ("I went to A&E last night with a swollen tongue, they gave me steroids and it's gone down", None, True),
    ("i rang them and they said its totally normal for day one", None, True),
    ("ok ive called 111 and they said go to the walk in centre tomorrow morning", None, True),
    # help not had yet, asked about, on its way, said to be needed, not reached, or the sign back, still there or
    # new: the route as before
    ("my lips are swelling, should I go to hospital?", EMERGENCY, False),
    ("throat closing, i called an ambulance, waiting for it", EMERGENCY, False),
    ("my throat is tight, the 111 nurse said to call 999", EMERGENCY, False),
    ("been to hospital with swollen lips, now its swelling again", EMERGENCY, False),
    ("the paramedics left but my throat is still tight", EMERGENCY, False),
    ("i called the clinic but nobody answered and theres pus", URGENT, False),
    # found by the tenth play-test: what they were told to do if it gets worse is no report that it has
    ("ok my husband called 999, paramedics came and gave me an antihistamine and checked me over. they said its an "
     "allergic reaction, Im ok to stay home but to see my GP tomorrow and call back if it gets worse", None, True),
    ("infection after treatment on monday, seeing gp at 8 tonight, want to let them know", None, True),
    # help only arranged, or already had, never over an emergency sign now: only help had and the person well
    # again stops 999 (found by a probe of my own after the tenth play-test)
    ("i called the clinic and my throat is closing up", EMERGENCY, False),
    ("rang 111, they said ambulance is coming, i cant breathe", EMERGENCY, False),
    ("went to a&e last week for something else, today my tongue is swelling", EMERGENCY, False),
    ("the nurse told me it was normal but my face is swelling fast", EMERGENCY, False),
    ("i spoke to the clinic, they said its normal, but im struggling to breathe now", EMERGENCY, False),
    ("i called the clinic and theres pus", URGENT, False),  # calling is no advice had
    ("i'm seeing my gp tomorrow, my lips are swelling right now", EMERGENCY, False),
    ("the paramedics came but my lips are swelling right now", EMERGENCY, False),
    ("the clinic said it's normal but now there's yellow crust and it's spreading", URGENT, False),
    # play-test 116: the story told before the help, and the help had for someone else ("sent us"), got NHS 111 now
    ("mum had microneedling 2 days ago, redness spreading down her cheek, hot and she has a temperature. we rang 111 "
     "and they sent us to out of hours GP tonight", None, True),
    ("i rang 111 yesterday and they said its fine but now its spreading", URGENT, False),
    # play-test 117: the route already taken, "I ALREADY called 111 like 10 mins ago"
    ("I ALREADY called 111 like 10 mins ago. i just want to know about the cream", None, True),
    ("i just called 111 but no answer", URGENT, False),
    # play-test 120: a sign said to be back, before the earlier advice is told, is no help had now
    # (a tingle of the lips is urgent since play-test 147: clinic.yml)
    ("she says her lips feel kinda tingly again. is that normal after the needling? the paramedics said it was "
     "probably just a reaction", URGENT, False),
    # play-test 121: looked after there and then, and fine now ("Please call 999 now" five times)
    ("I fainted in the clinic afterwards on friday, the staff were lovely and looked after me. I'm home now and feel "
     "completely fine", None, True),
    # play-test 239: NHS 111 online done, and its advice told, got "I can't tell you that it's safe to wait" and NHS 111
    ("ok I did the 111 online thing, they want me to go to an urgent treatment centre tonight. can you let the clinic "
     "know so they're aware on monday", None, True),
    # (whether the clinic would want to see them, asked, is no advice had)
    ("do they want me to come in for a check", None, False),
])
def test_help_already_had_is_followed_unless_it_is_needed_again(settings, text, level, help_had):
    found = triage(text, settings, said_to_be_happening=True)
    assert (found.level, found.help_had) == (level, help_had)


@pytest.mark.parametrize("text, judged", [
    ("i call 999 they say take allergy tablet", True),
    ("the man say is not emergency", True),
    # play-test 118: what caused it, as the paramedics said ("Please call 999 now" as a call back's topic)
    ("we called 999, paramedics said probably from not eating", True),
    ("they think she just went a bit faint", True),
    # play-test 259: "Please call 999 now" after 111 had said it was normal swelling
    ("ok i rang 111, they said its normal post treatment swelling and to rest", True),
    # told to get emergency care is no judgement that it is not an emergency
    ("they said to get an ambulance", False),
    ("111 said go to a&e", False),
])
def test_what_those_called_said_to_do_is_their_judgement_unless_it_is_emergency_care(text, judged):
    from components.triage import _ADVICE_SAYS_WHAT_IT_IS

    assert bool(_ADVICE_SAYS_WHAT_IT_IS.search(text)) is judged


@pytest.mark.parametrize("text, level, help_had, judged", [
    # play-test 113: a call made and what whoever answered said, in few words ("Please call 999 now" four times)
    ("i call. the man say is not emergency, i go to pharmacy and take tablet for allergy, and if worse call again. "
     "they can call me? my name Agnieszka Nowak, 07700 900512", None, True, True),
    ("my lip swollen after treatment yesterday, i call 999 they say take allergy tablet", None, True, True),
    # a call still to be made, or the sign worse since that advice: the route as before
    ("if i call will they say its an emergency? my lips are swelling", EMERGENCY, False, False),
    ("my lips are swelling, i called 999 they said to take an antihistamine but now my throat is tight", EMERGENCY,
     False, False),
    # help had, but with no judgement of it given: not judged
    ("i rang them and they checked me over", None, True, False),
    # told to get emergency care is no judgement that it is not an emergency
    ("i called 111 and they said to go to a&e", None, False, False),
])
def test_a_call_made_and_judged_by_whoever_answered_is_help_had(component, text, level, help_had, judged):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    said = message.get("triage")
    assert (said["level"], said["help_had"], said["judged"]) == (level, help_had, judged)


def test_after_a_doctors_advice_a_question_about_the_next_treatment_is_for_the_consultation(settings):
    found = triage("saw my GP yesterday, she said its post inflammatory hyperpigmentation and it'll fade. will "
                   "microneedling again make it worse?", settings, said_to_be_happening=True)
    assert found.level is None and found.history


@pytest.mark.parametrize("text, minor", [
    ("my daughter is 16", True), ("she's 17 and wants it done", True), ("my 17 year old son", True),
    ("my teenage daughter has acne scars", True), ("im 16, my mum will come", True),
    ("ok. im 16 tho. my parents dont know", True),  # play-test 69: "tho" was read as the 16th
    # a question about ages, a number of days or weeks, an adult: no age under 18 said of anyone
    ("what is the age limit", False), ("how old do you have to be", False), ("i had it done 16 days ago", False),
    ("my daughter is 16 weeks pregnant", False), ("I'm 18", False), ("im 45", False),
])
def test_an_age_under_18_said_of_the_person_is_told_from_a_question_about_ages(text, minor):
    assert stated_minor(text) is minor


def test_help_already_had_gets_its_own_answer(component):
    [message] = component.process([Message(data={"text": "i rang the clinic and they said its normal for day one",
                                                 "intent": {"name": "faq", "confidence": 0.9}})])
    selected = message.get("response_selector")["faq"]["response"]
    assert selected["intent_response_key"] == HELP_HAD_ANSWER


def test_ok_now_is_well_again_only_as_a_clause_of_its_own(component):
    [asked] = component.process([Message(data={"text": "is it ok now to take piriton?",
                                               "intent": {"name": "faq", "confidence": 0.9}})])
    [said] = component.process([Message(data={"text": "paramedics treated me, now ok",
                                              "intent": {"name": "faq", "confidence": 0.9}})])
    assert not asked.get("triage")["well"] and said.get("triage")["well"]


def test_help_had_and_well_now_is_no_emergency_and_asks_nothing_beside(component):
    # play-test 28: "Please call 999 now" for a past episode, and the suitability answer for the medicines given
    text = "allergic reaction after my treatment this morning, lips and throat swelled, paramedics treated me, now ok"
    message = Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})
    message.set("asks", False)
    message.set("question_parts", [{"text": "", "start": 0, "end": 0, "intent_response_key": "faq/suitability",
                                    "confidence": 1.0}])
    [message] = component.process([message])
    assert message.get("triage")["level"] is None
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == HELP_HAD_ANSWER
    assert not message.get("questions")


def test_help_already_had_beside_a_call_back_asked_for_is_the_call_back(component):
    # play-test 27: "Please call 999 now" to someone the paramedics had seen, and the call back lost
    text = "paramedics came, gave me antihistamine, swelling going down. just want the clinic to call me tomorrow"
    [message] = component.process([Message(data={"text": text, "intent": {"name": "book_consultation",
                                                                          "confidence": 1.0}})])
    assert message.get("intent")["name"] == "book_consultation"
    assert message.get("triage")["well"] and message.get("triage")["level"] is None
    [message] = component.process([Message(data={"text": "paramedics came, swelling going down",
                                                 "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == HELP_HAD_ANSWER


@pytest.mark.parametrize("text", [
    # found by the ninth play-test: on the way to the hospital, and the doctor's all-clear, got the route again
    "We're nearly at the hospital, I'll tell them there. Thanks",
    "Update: eye doctor says its fine, my vision is back to normal. Should I tell the clinic?",
    # found by the tenth play-test: seen by the clinic, told to come back
    "already seen by the clinic this morning, they put a cream on and said come back monday. is ice ok?",
])
def test_on_the_way_to_help_or_after_its_all_clear_the_advice_stands(settings, text):
    assert triage(text, settings, said_to_be_happening=True).help_had


def test_there_with_the_sign_still_there_is_still_an_emergency(settings):
    assert triage("im at the hospital and my throat is still closing", settings, False).level == EMERGENCY


def test_a_question_whether_it_should_be_seen_is_no_help_had(settings):
    assert not triage("my face is red, should it be seen by a doctor?", settings, said_to_be_happening=True).help_had


def test_distress_about_getting_medical_help_without_a_crisis_word_is_unclear(component):
    # found by the tenth play-test: during the emergency answer's thread this got the crisis answer, with Samaritans
    [message] = component.process([Message(data={
        "text": "i dont want to waste an ambulance, cant i just take a piriton and see",
        "intent": {"name": "distress", "confidence": 0.53}})])
    assert message.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize("text, expected", [
    # play-test 257: the crisis answer, with Samaritans, in the thread of a hot, spreading patch
    ("ok but i feel alright in myself though, no temperature or anything. its just the patch", "nlu_fallback"),
    ("feel fine otherwise, its only the redness", "nlu_fallback"),
    # a crisis word keeps the crisis answer
    ("i feel alright in myself but i want to end it all", "distress"),
])
def test_distress_said_as_well_apart_from_it_is_unclear(component, text, expected):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "distress", "confidence": 0.5}})])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize("text", [
    # play-test 95: the crisis answer, with Samaritans, twice, to someone who could not make her appointment
    "can't you just move it? its MN-something, MN-K7 or K4 i think, it's on tuesday and i cant make it anymore",
    "what?? im not suicidal, i mean i cant make the APPOINTMENT. honestly this is useless. can i move it or not",
])
def test_distress_about_an_appointment_without_a_crisis_word_is_the_appointments_answer(component, text):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "distress", "confidence": 0.49}})])
    assert selected(message) == "faq/appointments"


def test_distress_with_a_crisis_word_about_an_appointment_stays_distress(component):
    [message] = component.process([Message(data={
        "text": "i cant cope, i want to end it all, cancel my appointment", "intent": {"name": "distress",
                                                                                       "confidence": 0.9}})])
    assert message.get("intent")["name"] == "distress"


def test_distress_with_a_crisis_word_stays_distress_whatever_help_it_names(component):
    [message] = component.process([Message(data={
        "text": "i want to end it all, i took too many tablets", "intent": {"name": "distress", "confidence": 0.9}})])
    assert message.get("intent")["name"] == "distress"


@pytest.mark.parametrize(
    "text",
    [
        # found by the eleventh play-test: questions asked before any treatment got "contact the clinic now"
        "Ok. Other question. I have dark skin, from Nigeria. Can make dark spots after?",
        "ok fair enough. my acne is still kind of active though, like i have a few spots right now, would that matter?",
        "ok. i still have some active spots too, like 3 or 4 pimples, does that stop it",
        "ok english. it hurts a lot? how many session i need",
        "No no, I did not have treatment yet! I ask before. Is microneedling ok for dark skin?",
    ],
)
def test_a_question_before_any_treatment_is_no_report(settings, text):
    assert triage(text, settings, said_to_be_happening=False).level is None


@pytest.mark.parametrize(
    "text, level",
    [
        # asked before any treatment, each was sent to NHS 111 now (dev3): the odds of a sign, the treatment set beside
        # another, what someone else said theirs was like, and an activity asked about
        ("what are the odds of getting an infection from it?", None),
        ("is there much risk of getting scarring", None),
        ("is it worse than having my eyebrows waxed?", None),
        ("does it hurt more than laser would", None),
        ("my sister said hers was agony, was she exaggerating?", None),
        ("could i do a spin class the day after or would sweating be a problem", None),
        # the same words said of now, or of another's treatment now, are still reports
        ("im getting an infection i think, its oozing", URGENT),
        ("my face is worse than yesterday", URGENT),
        ("im sweating and shivery since my treatment", URGENT),
        ("can i go to the gym? my face is still swollen and hot", URGENT),
        ("my friend had it yesterday and says her throat is swelling", EMERGENCY),
        ("my sister said hers was fine but now her lips are swelling up", EMERGENCY),
    ],
)
def test_a_question_about_the_odds_or_another_persons_treatment_is_no_report(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize(
    "text, level",
    [
        # a treatment had, or something said of now: the same words are still a report
        ("i had microneedling yesterday and have pus, would that matter?", URGENT),
        ("i had it done on monday. it hurts a lot?", URGENT),
        ("it hurts a lot since yesterday, is that normal?", URGENT),
        ("i have pus coming out, could it be infected?", URGENT),
        ("had microneedling today, could it make my lips swell like this? they're huge", EMERGENCY),
    ],
)
def test_after_a_treatment_the_same_questions_are_still_reports(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize(
    "text, level, help_had",
    [
        # found by the eleventh play-test
        ("ok i spoke to them, they said its normal peeling and to use the balm they gave me and not pick it", None, True),
        ("I have called 111 already, they said to see a GP tomorrow and take paracetamol. Now I also feel a bit "
         "feverish, 38.2.", URGENT, False),  # a new sign since the advice
        ("i rang the clinic but nobody picked up, my cheek is oozing", URGENT, False),
    ],
)
def test_help_had_and_a_new_sign_since(settings, text, level, help_had):
    found = triage(text, settings, said_to_be_happening=False)
    assert (found.level, found.help_had) == (level, help_had)


@pytest.mark.parametrize(
    "text, level, help_had",
    [
        # found by the twelfth play-test
        ("my mum had an allergic reaction after her microneedling today, tongue swelling, now in hospital", None, True),
        ("ok I called again, the nurse said to come back in at 4 to have a look", None, True),  # called again: no sign back
        # found by the seventeenth play-test: "contact the clinic now" to someone in A&E being treated
        ("im at a&e right now, the redness from my microneedling on tuesday spread down my neck and i had a "
         "temperature of 38.9. they're giving me antibiotics", None, True),
        # in care, an emergency sign back again is still the emergency
        ("im at a&e and my throat is closing up again", EMERGENCY, False),
    ],
)
def test_care_there_now_and_calling_again(settings, text, level, help_had):
    found = triage(text, settings, said_to_be_happening=False)
    assert (found.level, found.help_had) == (level, help_had)


@pytest.mark.parametrize(
    "text, level, help_had",
    [
        # found by the thirteenth play-test: care there now, or well again, after an emergency
        ("we're here now, they are checking my blood pressure", None, True),
        ("I'm AT the hospital, the doctor is seeing me", None, True),
        ("used it, breathing easier now", None, False),
        # well again but a sign now: still an emergency
        ("I'm fine now but my throat feels tight again", EMERGENCY, False),
        # play-test 48: 999 again to someone whose sister was with the paramedics
        ("ok the ambulance arrived, they are taking her to st marys. gracias", None, True),
        ("she is WITH the paramedics now. stop saying call 999", None, True),
        # play-test 45: taken in by ambulance, told as a call back's topic, got 999 again
        ("my sister had a bad reaction, throat swelling, the ambulance took her to hospital", None, True),
        ("he was rushed into a&e last night with a swollen tongue", None, True),
        # play-test 52: "she's gone to hospital in ambulance" got "Please call 999 now"
        ("my sister had microneedling yesterday, today swollen tongue and breathing problems, she's gone to hospital in "
         "ambulance", None, True),
        ("her throat is swelling, the ambulance took her in but now my lips are swelling", EMERGENCY, False),
        # play-test 47: in broken English, seen and well again, and a past reaction asked about: 999 again
        ("hello again. now is ok, hospital say allergic reaction, they give me medicine, lips normal now. when i can do "
         "next session?", None, None),
        ("last time i have allergic, lips swell, ambulance go hospital. i want know if i can continue the 2 sessions",
         None, None),
        ("last time my lips swelled, now they are swelling again", EMERGENCY, False),
        # play-test 49: seen in hospital and well again, or the paramedics there, said in few words: 999 again, or the
        # suitability answer mid-emergency
        ("my lips swell after treatment, ambulance come, hospital give medicine, now ok. i want know about next "
         "session", None, True),
        ("ok my husband call again. they here now, paramedic is here", None, True),
        ("no!! is finish, yesterday. now i am ok. please just the call back", None, None),
        ("hello again. is next day now. hospital give me medicina, the swelling is gone, i am fine now. obrigada", None,
         True),
        ("hi again, paramedics came but my lips are swelling again", EMERGENCY, False),
        # play-test 50: 999 twice, at the concern prompt, to someone well again
        ("alergic reaction after microneedling today, lips swell, ambulance came. i want know if next session is safe",
         None, True),
        ("ambulance came but my lips are still swelling, can i have my next session", EMERGENCY, False),
        ("NO i am fine now!! the swell is gone. this is for the note for the clinic", None, None),
        ("the swelling hasnt gone down and my lips are swelling", EMERGENCY, False),
    ],
)
def test_after_an_emergency_care_there_or_well_again(settings, text, level, help_had):
    found = triage(text, settings, said_to_be_happening=False)
    assert found.level == level
    if help_had is not None:
        assert found.help_had == help_had
    else:  # (and no level either when the classifier reads something happening)
        assert triage(text, settings, said_to_be_happening=True).level == level


def test_on_hold_to_the_clinic_is_no_emergency_help_on_its_way(component):
    # found by the thirteenth play-test: "follow what the 999 call handler tells you" to someone on hold to the clinic
    message = Message(data={"text": "but im on hold with them, should i hang up?"})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    component.process([message])
    assert not message.get("triage")["waiting_for_help"]
    message = Message(data={"text": "im on the phone with 999 now"})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    component.process([message])
    assert message.get("triage")["waiting_for_help"]


@pytest.mark.parametrize("text, waiting", [
    # play-test 48: the call handler's question passed on, "Please call 999 now" three times
    ("they ask was there a cream or something used, do you know what cream?", True),
    ("they want to know what cream you used", True),
    ("im calling now", True),
    # play-test 49: "Please call 999 now" again
    ("ok my husband call ambulance. they coming", True),
    # no call handler in it
    ("do they ask you questions at the consultation", False),
    # play-tests 81 and 82: "Please call 999 now" to someone calling, or whose friend was
    ("ok ringing now. should i wash my face first before they come", True),
    ("fine my mate's ringing them now", True),
    ("ok calling now", True),
    # a call to come, or to the clinic, is none
    ("my mum's calling them later", False),
    ("im ringing the clinic on monday", False),
])
def test_the_call_handlers_question_passed_on_is_help_on_its_way(component, text, waiting):
    message = Message(data={"text": text})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    component.process([message])
    assert message.get("triage")["waiting_for_help"] is waiting


@pytest.mark.parametrize("text, level", [
    # on the way to emergency care with an emergency sign is still 999; a question about how common something is, with a
    # sign named, still gets its route (a first version of the fourteenth play-test's fixes lowered both)
    ("my throat is closing, I'm going to A&E", EMERGENCY),
    ("is swelling common? my lips are swelling", EMERGENCY),
    ("is swelling common after microneedling? my throat feels tight", EMERGENCY),
])
def test_signs_named_beside_help_on_the_way_or_a_general_question_keep_their_level(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


def test_on_the_way_to_emergency_care_ends_the_emergency_thread_for_a_question(component):
    # found by the fourteenth play-test: "111 told me to go to eye casualty, im on the bus there now" got 999 again
    message = Message(data={"text": "i already rang 111 earlier and they told me to go to eye casualty, im on the bus "
                                    "there now"})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    component.process([message])
    assert message.get("triage")["care_present"] and message.get("triage")["level"] is None


def _part(text, question, key):
    start = text.index(question)
    return {"text": question, "start": start, "end": start + len(question), "intent_response_key": key}


@pytest.mark.parametrize("text, parts, expected", [
    # found by the sixteenth play-test: the question beside advice had already, or an expected reaction, was dropped
    ("ok ive rung them, they said to come in at 7 tonight. is there parking near the clinic?",
     [("is there parking near the clinic?", "faq/clinic_info")], [HELP_HAD_ANSWER, "faq/clinic_info"]),
    ("my face is a bit red today after my session. also im breastfeeding atm, is that a problem",
     [("also im breastfeeding atm, is that a problem", "faq/suitability")], [ANSWERS[EXPECTED], "faq/suitability"]),
    # a question about what is happening, or naming a sign, is the safety answer's own
    ("my face is a bit red today after my session. how long will the redness last?",
     [("how long will the redness last?", "faq/downtime")], []),
    ("my face is a bit red today after my session, can i put aloe on it?",
     [("can i put aloe on it?", "faq/unknown_product")], []),
    # beside the age policy (browser play-test 2: the second question was dropped); its own part is not said twice
    ("I'm 17, is there a minimum age? And how does it compare to a chemical peel?",
     [("is there a minimum age?", MINORS_ANSWER), ("And how does it compare to a chemical peel?",
                                                   "faq/unknown_treatment")], [MINORS_ANSWER, "faq/unknown_treatment"]),
    # beside what to do if a sign appears, asked of a treatment to come (play-test 39: the results were dropped)
    ("how long till i see results, and will my face be swollen like a balloon for work the next day",
     [("how long till i see results", "faq/results"),
      ("will my face be swollen like a balloon for work the next day", "faq/downtime")],
     [WARNING_SIGNS_ANSWER, "faq/results"]),
    # play-test 125: the medicine those asked said to take is no question beside their advice
    ("ok i spoke to them, they said its mild, keep taking antihistamines and call back if it gets worse. should i tell "
     "the clinic tomorrow?",
     [("", "faq/suitability"), ("should i tell the clinic tomorrow?", "faq/clinic_info")],
     [HELP_HAD_ANSWER, "faq/clinic_info"]),
])
def test_another_question_beside_an_expected_reaction_or_advice_had_is_answered(component, text, parts, expected):
    message = parsed(text, "faq", "faq/downtime")
    message.set("question_parts", [_part(text, question, key) for question, key in parts])
    component.process([message])
    assert [question["intent_response_key"] for question in message.get("questions")] == expected


def test_no_question_beside_an_urgent_sign(component):
    text = "my cheek is oozing pus since my treatment. is there parking near the clinic?"
    message = parsed(text, "faq", "faq/complication")
    message.set("question_parts", [_part(text, "is there parking near the clinic?", "faq/clinic_info")])
    component.process([message])
    assert selected(message) == ANSWERS[URGENT] and message.get("questions") == []


def test_emergency_help_called_by_someone_else_is_on_its_way(component):
    # found by the seventeenth play-test: "Please call 999 now" after the flatmate had called
    message = Message(data={"text": "my flatmate has called 999 theyre sending someone. should i take an antihistamine?"})
    message.set("intent", {"name": "faq", "confidence": 0.9})
    component.process([message])
    assert message.get("triage")["waiting_for_help"]


@pytest.mark.parametrize("text, concerns, level", [
    # found by the eighteenth play-test: "sun spots" asked about was read as spots come up, and sent to NHS 111
    ("microneedling is good for sun spots? i have many on face", ["sun spots"], None),
    ("does it help with age spots, i have a few on my cheeks", ["age spots"], None),
    # play-test 27: "would microneedling help?" asks it too
    ("I have dark spots and scars of acne, would microneedling help?", ["dark spots", "scars"], None),
    ("got dark spots all over my cheeks, will it work?", ["dark spots"], None),
    # play-test 28: "keep" read as now
    ("you keep saying the same thing lol. can you at least tell me if it works on dark spots", ["dark spots"], None),
    # ... or said as what to look at, at the booking's concern prompt (play-test 27: sent to NHS 111)
    ("for the face, the dark spots and also little scars of acne", ["dark spots", "scars"], None),
    ("I have dark spots on my cheeks", ["dark spots"], None),
    # a sign beside the concern's words is still one
    ("i have acne scars and one of them is oozing pus", ["acne scars"], URGENT),
    ("dark spots getting worse and spreading", ["dark spots"], URGENT),
    # a treatment had, or a time, named: the words are triaged as before
    ("i had microneedling last week and now i have dark spots everywhere", ["dark spots"], URGENT),
    ("since my treatment i have sun spots and a rash", ["sun spots"], URGENT),
    # another sign beside the concern is still a sign
    ("is it good for sun spots? my lips are swelling up", ["sun spots"], EMERGENCY),
])
def test_the_words_naming_a_concern_are_no_sign_before_any_treatment(settings, text, concerns, level):
    assert triage(text, settings, False, names_a_concern=True, concerns=concerns).level == level


def test_an_abbreviated_day_that_is_a_word_too_is_a_day_only_alone():
    # "good for sun spots" after "microneedling" once read as "since Sunday" (eighteenth play-test)
    wednesday = 2
    assert days_since("microneedling is good for sun spots?", today=wednesday) is None
    assert days_since("treatment on sat in the sun all day", today=wednesday) is None
    assert days_since("had it done on sun, now red", today=wednesday) == 3
    assert days_since("had it done on sunday", today=wednesday) == 3
    assert days_since("treatment on sat", today=wednesday) == 4
    assert days_since("had it done on tues morning", today=wednesday) == 1  # other abbreviations as before


@pytest.mark.parametrize("text, level, history", [
    # a browser play-test: active acne, asked before any treatment, was sent to NHS 111
    ("I have active acne right now, lots of spots. Can I still have microneedling?", None, True),
    ("my skin is really dry and flaky at the moment, am i ok to get it done?", None, True),
    # nothing said of the skin: no answer of the triage's ("am I allowed to swim the next morning" is the classifier's)
    ("am I allowed to swim the next morning", None, False),
    ("can i still have microneedling if i'm on holiday next week", None, False),
    # a treatment had and a time since it, or worse: triaged as before
    ("i have lots of spots since my treatment yesterday, can i still have my next session?", URGENT, False),
    ("my acne is getting worse, can i still have microneedling?", None, False),  # asked before any: as before
])
def test_the_skin_as_it_is_asked_of_a_treatment_not_had_is_for_the_consultation(settings, text, level, history):
    found = triage(text, settings, False)
    assert (found.level, found.history) == (level, history)


def test_the_words_naming_a_concern_stay_a_sign_when_nothing_asks_if_it_helps(settings):
    # "dark spots" named with no question whether microneedling helps: still read as what is happening
    assert triage("i have dark spots on my cheeks, is that from the microneedling?", settings, False,
                  names_a_concern=True, concerns=["dark spots"]).level == URGENT


@pytest.mark.parametrize("text, young", [
    # play-test 20: a time of life long past is no age now
    ("pitted scars from when i was a teen", False),
    ("i had acne as a teen and now have scars", False),
    # play-test 113: the age policy to a woman of 34
    ("microneedling is good for acne scars? i have from teenager time", False),
    ("my scars are from my teenage years", False),
    ("my teen daughter wants it", True),
    ("im a teenager, can i have it?", True),
    ("im 16 is that ok", True),
])
def test_a_time_of_life_long_past_is_no_age_now(text, young):
    assert under_age(text) is young


@pytest.mark.parametrize("text, here", [
    # play-test 20: "theyre already here" got "if it gets worse before they arrive"
    ("theyre already here", True),
    ("the ambulance has arrived", True),
    ("they are here on both cheeks", False),
])
def test_help_that_has_arrived_is_there(text, here):
    from components.triage import _CARE_PRESENT

    assert bool(_CARE_PRESENT.search(text)) is here


@pytest.mark.parametrize("text, level", [
    # an airway sign happening now is the emergency, whatever is asked beside it (found while testing play-test 20's
    # fixes: it read as asked before any treatment, and got what to do if it happened)
    ("my lips are swelling, can i still have microneedling?", EMERGENCY),
    ("my throat is closing up, is it safe to have it done?", EMERGENCY),
    # a condition described, or a question what if: as before
    ("I have asthma, sometimes trouble breathing. can I still have microneedling?", None),
    ("what if my lips are swelling after, can i still have microneedling?", None),
])
def test_an_airway_sign_happening_now_is_the_emergency_whatever_is_asked(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("ranking, expected", [
    # found reading the development set's misses: the classifier's next answer, near enough, is the answer
    ([("faq/complication", 0.244), ("faq/results", 0.234), ("faq/procedure", 0.103)], "faq/results"),
    # far below it, or only answers about something happening: the side effects, as before
    ([("faq/complication", 0.6), ("faq/results", 0.1)], "faq/side_effects"),
    ([("faq/complication", 0.6), ("faq/downtime", 0.5)], "faq/side_effects"),
])
def test_something_happening_asked_in_general_gets_the_classifiers_next_answer_when_near(component, ranking, expected):
    message = parsed("What really happens after one microneedling session?", "faq", "faq/complication", ranking[0][1])
    message.get("response_selector")["faq"]["ranking"] = [
        {"intent_response_key": key, "confidence": confidence} for key, confidence in ranking
    ]
    component.process([message])
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == expected


@pytest.mark.parametrize("text, part, key, beside", [
    # found by the twenty-third play-test: the makeup question was dropped beside the expected reaction's answer
    ("had microneedling yesterday, red and tight like sunburn, is that normal?? and when can i put makeup on",
     "and when can i put makeup on", "faq/unknown_activity", True),
    # beside the urgent route, what is put on the skin is about what is happening: the route answers it
    ("had it yesterday and now theres pus, can i put sudocrem on it?", "can i put sudocrem on it?",
     "faq/unknown_product", False),
    # play-test 50: whether the treatment hurts, asked beside the expected reaction's answer, was dropped
    ("had it yesterday and im a bit red, and does it hurt next time too?", "and does it hurt next time too?",
     "faq/pain", True),
    # ... but never the pain of what is happening, beside the urgent route
    ("had it yesterday and now theres pus, and it hurts a lot", "and it hurts a lot", "faq/pain", False),
])
def test_what_the_guide_does_not_cover_is_answered_beside_the_expected_reaction_only(component, text, part, key, beside):
    start = text.index(part)
    message = parsed(text, "faq", "faq/side_effects")
    message.set("question_parts", [{"text": part, "start": start, "end": start + len(part), "intent_response_key": key,
                                    "confidence": 0.7}])
    component.process([message])
    assert (key in [question["intent_response_key"] for question in message.get("questions")]) is beside


@pytest.mark.parametrize("text, level", [
    # found by the twenty-third play-test: general questions sent to NHS 111
    ("is it normal for skin to peel a few days after microneedling?", None),
    ("is peeling normal after microneedling", None),
    # the same words with something of one's own said: the expected reaction's answer, with a word that the guide does
    # not name peeling (play-test 30: peeling on day 2 was sent to NHS 111); later than the first days, urgent
    ("had it done 3 days ago, is peeling normal after microneedling", EXPECTED),
    ("my skin is peeling, is it normal after microneedling?", EXPECTED),
    ("had it done 8 days ago and im still peeling, is that normal?", URGENT),
    ("is swelling common after microneedling? my throat feels tight", EMERGENCY),
])
def test_what_is_usual_after_a_treatment_asked_in_general_is_no_report(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


def test_not_even_had_it_yet_is_not_yet():
    # found by the twenty-third play-test: "i havent even had it yet lol, i'm just researching" kept the urgent route
    from components.triage import _NOT_YET

    assert _NOT_YET.search("i havent even had it yet lol, i'm just researching. whats the downtime")


def test_a_message_naming_a_detail_of_the_booking_is_no_report_by_the_classifier_alone(component):
    # play-test 29: "concern still says just cheeks?? i said cheeks AND jawline" was sent to NHS 111
    text = "concern still says just cheeks?? i said cheeks AND jawline"
    message = parsed(text, "faq", "faq/complication", confidence=0.9)
    message.set("entities", [{"entity": "booking_field", "value": "booking_concern"}])
    component.process([message])
    assert message.get("triage")["level"] is None
    # a sign named beside it is still one
    message = parsed("the concern should say pus on my cheek since tuesday", "faq", "faq/complication", confidence=0.9)
    message.set("entities", [{"entity": "booking_field", "value": "booking_concern"}])
    component.process([message])
    assert message.get("triage")["level"] == "urgent"


def test_an_expected_sign_the_guide_does_not_name_is_marked(component):
    # play-test 30: peeling on day 2 was sent to NHS 111; now the expected reaction's answer says the guide does not
    # name it
    [peeling] = component.process([Message(data={"text": "had it done yesterday and its started peeling round my nose",
                                                 "intent": {"name": "faq", "confidence": 0.9}})])
    [red] = component.process([Message(data={"text": "had it done yesterday and my face is red",
                                             "intent": {"name": "faq", "confidence": 0.9}})])
    assert peeling.get("triage")["level"] == "expected" and peeling.get("triage")["not_in_the_guide"]
    assert red.get("triage")["level"] == "expected" and not red.get("triage")["not_in_the_guide"]


def test_what_is_added_to_the_booking_concern_of_someone_not_treated_is_no_report(component):
    # play-test 30: "ok add to the concern that he still gets some active spots. then send" was sent to NHS 111
    message = parsed("ok add to the concern that he still gets some active spots. then send", "correct_booking")
    message.set("entities", [{"entity": "booking_field", "value": "booking_concern"}])
    component.process([message])
    assert message.get("triage")["level"] is None and message.get("intent")["name"] == "correct_booking"
    # a treatment or a time since one named: triaged as ever
    message = parsed("the concern should say pus on my cheek since my session on tuesday", "correct_booking")
    message.set("entities", [{"entity": "booking_field", "value": "booking_concern"}])
    component.process([message])
    assert message.get("triage")["level"] == "urgent"


# what the words say of help and of the clinic, read beside the level (actions/answers.py reads these flags): each case
# names the flags it expects true; every other of these is false
FLAGS = ("waiting_for_help", "well", "unreachable", "seeking_help", "care_present", "instead_of_999", "over")


@pytest.mark.parametrize("text, true", [
    # play-test 27: "Please call 999 now" again after these
    ("ok i called 999", {"waiting_for_help"}),
    # play-tests 220 and 224: whom to is not said, 999 or the clinic ("called_unnamed": actions/answers.py)
    ("ok I've called them", set()),
    # play-test 210: "Please call 999 now" three times, and a booking's reference, to someone whose ambulance was coming
    ("ok ambulance called", {"waiting_for_help"}),
    # play-test 213: help sought and none had yet ("follow the advice you were given" to a fever), and 111 on hold is no
    # 999 called
    ("ok I tried 111 online but its so slow, been sitting on it 20 mins. is it really that bad?", set()),
    ("i havent called 999 yet, im on hold with 111. so do i call 999 now??", {"instead_of_999"}),
    ("i did!! theyre coming. what do i do till they get here", {"waiting_for_help"}),
    ("WHAT. no. my dad. chest tight. ambulance on way. what do i do now", {"waiting_for_help"}),
    # an ambulance asked about, or not called, is none coming
    ("should i call an ambulance", set()),
    ("paramedics came, swelling going down now", {"well"}),
    # help that came and went is no help on its way
    ("i called 999 and they came and said im fine", {"well", "over"}),  # seen, and well: the thread ends
    # still swelling: none
    ("my lips are still swelling, not going down", set()),
    # play-test 30: told four times to ring the clinic she had rung three times
    ("i HAVE rung that number 3 times since this morning, it just rings and rings", {"unreachable"}),
    # play-test 85: whether to call 999 at all, after saying 111 was meant
    ("wait no i meant 111 not 999?? do i need to call 999 then", {"instead_of_999"}),
    ("why are you telling me to ring them again i just said they dont answer", {"unreachable"}),
    ("went to voicemail twice", {"unreachable"}),
    ("cant get through to anyone", {"unreachable"}),
    # play-test 192: supposed, not said ("as you can't reach the clinic" for the rest of the chat)
    ("what time do they shut today? and if nobody picks up what do i do", set()),
    # play-test 196: this chat not answering ("as you can't reach the clinic" for six turns)
    ("you're not answering me. is the scab normal or not", set()),
    ("youre not answering my question", set()),
    # play-test 209: "as you can't reach the clinic" for four turns, to someone who had not rung it
    ("you keep not answering me. squeeze them yes or no?", set()),
    ("i never said i cant reach them, i havent even rung yet. ok so i should ring the clinic today about it?", set()),
    # play-test 36: after asking what A&E is, the suitability answer
    ("no i mean accident and emergency. do i need to go there tonight??", {"seeking_help"}),
    # play-test 35: "please still contact the clinic" to someone whose call had rung out
    ("i rang and it just rang out. can i just take paracetamol and wait till monday?", {"unreachable"}),
    ("rang and rang, nobody there", {"unreachable"}),
    # ... and "I can't tell you it's fine or safe to wait" to these
    ("so should i ring 111 now instead of waiting for the 4 oclock call?", {"seeking_help"}),
    ("ok im going to ring 111 now. if the clinic rings at 4 ill tell them", {"seeking_help"}),
    ("should i just go to a&e", {"seeking_help"}),
    # play-test 241: "I can't tell you that it's fine" and the route again
    ("fine ill do the online one", {"seeking_help"}),
    # about this chat, or a question for later: none
    ("you didnt answer my question", set()),
    ("it doesnt answer what i asked", set()),
    ("can i contact you if i have more questions", set()),
    ("do i need to see my gp before booking?", set()),
    # ("could i just ring them" asks whether to: play-test 32 found it read as the clinic not answering)
    # (and asks whether to ring the clinic now, as "ok ringing them now thx" says it will: play-test 198)
    ("is it open now? like could i just ring them right now", {"seeking_help"}),
    ("ok ringing them now thx", {"seeking_help", "waiting_for_help"}),
    # play-test 31: "Please call 999 now… let the clinic know" to someone who had rung twice, with the clinic's staff
    # beside her
    ("ok rang again they said 5 min. someone from clinic came out to me", {"waiting_for_help", "care_present"}),
    ("they said 10 mins", {"waiting_for_help"}),
    # play-test 165: "Please call 999 now", twice, with the paramedics beside her
    ("the paramedics are literally here with me its fine. can you just put 'reaction after friday's treatment'",
     {"care_present"}),
    ("i rang again", set()),
    # play-test 32: driving to A&E with an eye swelling shut; a neighbour calling 999 got "did you mean"
    ("999 seems a bit much?? breathing fine i think. could i just drive myself to A&E 15 mins",
     {"instead_of_999", "well"}),
    ("my partner is driving me to a&e instead its 10 mins away is that ok", {"instead_of_999"}),
    # play-test 54: what NHS 111 is, and the sight left out of the emergency's signs
    ("ok ok. what if we just go to A&E instead of calling an ambulance, is that ok?", {"instead_of_999"}),
    # (play-test 34: read as help on its way)
    ("cant i just get an uber to a&e its like 10 min away quicker than waiting for ambulance", {"instead_of_999"}),
    ("my neighbour just came round, shes calling 999 for me now", {"waiting_for_help"}),
    # told so by those who can judge it, or asked of the treatment in general: not put off
    ("the paramedics said my husband can drive me to a&e", set()),
    ("can i drive after the treatment?", set()),
    # play-test 34: "Please call 999 now" five times to someone well again, asking about the future
    ("i dont need 999 im completely fine, i meant in future. should i ask my GP about allergy testing?", {"well"}),
    ("STOP telling me to call 999. I am fine. The reaction was yesterday.", {"well", "over"}),
    # play-test 36: 999 again after 111's advice, and the privacy answer to the route questioned
    ("ive rung 111 they said its probably fine and to take piriton and see gp if it comes back. so its fine",
     {"well", "over"}),
    ("why do you keep telling me to call 999?? i said im fine", {"well", "over"}),
    # asked, it looks for reassurance
    ("so its fine then?", set()),
    # play-test 37: "her breathing is ok" forgot the ambulance on its way, and 999 was said again
    ("sorry my husband is typing for her now. her breathing is ok, just the swelling. should she lie down?", set()),
    ("breathing fine but my lips are still big", set()),
    # play-test 74: "follow what the 999 call handler tells you … before they arrive" to someone who had called no one,
    # "like you said" read as advice had; which of the two numbers, asked, is read as 111 put in its place
    ("999?? its only a little bit tight, i dont want to waste an ambulance. cant i just ring 111 like you said before",
     {"instead_of_999"}),
    ("i havent called anyone yet. so 999 or 111??", {"instead_of_999"}),
    # play-test 80: "we called 999" is help called, as "i called 999" is
    ("tom had a reaction tonight after his microneedling, eyelids swelling and tight throat, we called 999",
     {"waiting_for_help"}),
    # ... and what someone who can judge it said is still advice had
    ("111 said i can wait for the clinic", set()),
])
def test_what_the_words_say_of_help_and_of_the_clinic(component, text, true):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert {flag for flag in FLAGS if message.get("triage")[flag]} == true


@pytest.mark.parametrize("text, judged, well", [
    # play-test 128: "before they arrive", four times, to someone the paramedics had checked and cleared
    ("paramedics been, checked me over, all fine they said. throats normal now. so can you please tell me about "
     "washing and creams now", True, True),
    ("its fine the paramedics said", True, False),
    # ... and a sign still there is still there
    ("my lips are fine now but my throat is tight", False, False),
])
def test_cleared_by_those_who_came_said_first_and_well_again(component, text, judged, well):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    found = message.get("triage")
    assert (found["judged"], found["well"]) == (judged, well)


@pytest.mark.parametrize("text, level", [
    # play-test 31: a suitability question was sent to NHS 111 ("9 wks" read as nine weeks since a treatment, the
    # eczema "around eyes" as a sign in the eye)
    ("eczema since childhood, neck + around eyes, just found out I'm pregnant (9 wks). Is microneedling safe for me? "
     "don't want to hurt the baby", None),
    # ... and a short question going on from the last answer, during the walk-through
    ("ok. and bleeding?", None),
    ("what about bruising?", None),
    # said of oneself, or with a treatment had: a report as ever
    ("and its bleeding?", "urgent"),
    ("bleeding?", "urgent"),
    # "is it safe for me" after a treatment said to be had is no question asked before one (it was read as one)
    ("had it on monday, my eyes are swollen, is it safe for me to go to work?", "urgent"),
    # play-test 33: questions about the treatment in general, beside others, were sent to NHS 111
    ("what does it feel like? does it hurt a lot? how long does redness last?", None),
    # ... unless a sentence says it is happening
    ("does it hurt a lot? my cheek is throbbing", "urgent"),
    ("had it done 3 days ago. does it normally hurt this badly?", "urgent"),
    # play-test 43: how much it hurts in one place or another, asked before a treatment
    ("does it hurt more on the forehead, is numbing cream always used, and what if i have a tattoo nearby", None),
    ("my forehead hurts more than yesterday", "urgent"),
    # play-test 43: what the days after will be like, asked by someone never treated
    ("ok and how long does the red last then, like could i go to work the next day", None),
    ("had it yesterday, red today, could i go to work the next day", "expected"),
    # play-test 34: an adrenaline pen asked about for the future got "Please call 999 now"
    ("is there a manager name? also should i be worried about having a reaction again, would i need to carry an epipen "
     "now", None),
    ("i used my epipen, lips still swelling", "emergency"),
])
def test_asked_before_a_treatment_or_going_on_from_an_answer(component, text, level):
    [message] = component.process([parsed(text, "faq")])
    assert message.get("triage")["level"] == level


def test_the_classifier_alone_is_no_report_beside_a_time_to_book(component):
    # play-test 34: "i already said friday after 5?? is that still there" was sent to NHS 111, and the booking paused
    message = parsed("i already said friday after 5?? is that still there", "faq", answer="faq/complication")
    message.set("entities", [{"entity": "time", "value": "friday after 5", "start": 15, "end": 29}])
    component.process([message])
    assert message.get("triage")["level"] is None
    # a sign named beside it is a report as ever
    message = parsed("since friday after 5 there's pus on my cheek", "faq", answer="faq/complication")
    message.set("entities", [{"entity": "time", "value": "friday after 5", "start": 6, "end": 20}])
    component.process([message])
    assert message.get("triage")["level"] == "urgent"


@pytest.mark.parametrize("text, level", [
    # "blind" as a saying is no sign (tests/dev3: the warning signs' answer to a question about the procedure)
    ("could someone explain the procedure to me? going in blind here", None),
    ("im going in totally blind, what happens on the day", None),
    # sight lost is
    ("i had it done yesterday and now im going blind in one eye", "emergency"),
])
def test_blind_as_a_saying_is_no_sign(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # "the treatment is this ok" is no appointment "this friday": asked of now (tests/dev3: the side effects' answer)
    ("my cheeks are flaking after the treatment is this ok", "expected"),
    ("my treatment is this friday, should i stop my retinol", None),
])
def test_is_this_ok_after_a_treatment_asks_of_now(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text", [
    # play-test 36: a throat that feels funny, said apart from its tightness, got the expected reaction's answer first
    "hmm my throat feels a bit funny actually. kind of tight? probably nothing",
    "its itchy and blotchy and my throat feels weird",
])
def test_a_throat_that_feels_wrong_is_the_emergency(settings, text):
    assert triage(text, settings, False).level == EMERGENCY


@pytest.mark.parametrize("text, level", [
    # play-test 36: NHS 111 now, to a mother asking about her untreated son's antibiotics
    ("will they need his GP details or anything? he's on doxycycline for spots at the moment", None),
    ("im taking lymecycline for my acne, is that a problem", None),
    # after a treatment, spots are a sign whatever is taken for them
    ("i had microneedling on monday and im using a cream for the spots that came up, theyre full of pus", URGENT),
])
def test_what_a_medicine_is_taken_for_is_no_sign(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text", [
    # play-test 36: each got "Please call 999 now" from someone well again and seen by 111
    "and should i still go ahead with it after the itchy thing? like could i be allergic to the serum",
    "i said, whether its safe to have my next session after an itchy blotchy reaction and throat feeling tight "
    "(settled, seen by 111)",
])
def test_a_past_reaction_asked_about_for_a_future_session_is_no_report(settings, text):
    assert triage(text, settings, False).level is None


@pytest.mark.parametrize("text, help_had", [
    # play-test 36: of a boss, just after a request was stopped, it got "please follow the advice you were given"
    ("no wait carry on, they said its fine lol", False),
    # a medical party's advice, or a sign named beside it, is help had
    ("i rang the clinic and they said its fine", True),
    ("my cheeks were red and they said its fine, all settled now", True),
    # play-test 91: the clinic's experience asked of, by someone never treated, got "follow the advice you were given"
    ("I've heard microneedling can leave dark marks on skin like mine. Is that a risk? Has your clinic treated darker "
     "skin before?", False),
    ("do they have practitioners who've treated black skin", False),
    # play-test 103: "follow the advice you were given", to a friend given none, and to a medicine taken on advice
    ("its not me its my friend lol. she says 111 will just tell her to go to a&e and she wont. could she just come to "
     "your clinic on monday instead and get it looked at?", False),
    ("I take a small daily dose of aspirin on my doctor's advice. Ought I to mention that?", False),
    ("the clinic had it looked at by the nurse, she said its normal", True),
    ("my face swelled up after microneedling, the clinic treated it with antihistamines, all settled now", True),
])
def test_they_said_its_fine_is_help_had_only_of_something_happening(settings, text, help_had):
    assert triage(text, settings, False).help_had is help_had


@pytest.mark.parametrize("text, level", [
    # play-test 37: NHS 111 now, "and say that you had microneedling", to two people never treated
    ("and i take a baby aspirin every day, my gp put me on it after the pregnancy. does that make a difference with "
     "the needles/bleeding", None),
    ("ok diagnose this: ive got a red raised patch on my jaw about 2cm, bit scaly, been there 3 weeks, itchy at night. "
     "what is it and will microneedling fix it", None),
    # fainting asked about for the treatment, or as always with needles: for the consultation
    ("and what if i faint in the chair, do the staff know what to do?", None),
    ("wait so if i feel faint i have to call 999?? i feel faint every time i have a blood test", None),
    # play-test 62: NHS 111 now to someone never treated, asking whether it is safe at her age
    ("Oh I see. Well is it actually safe for someone my age? My skin is quite thin now and I bruise if I so much as "
     "look at a door handle.", None),
    # tests/dev3: the expected reaction's words to someone asking whether it would even their skin out
    ("my skin is blotchy and uneven, will microneedling help", None),
    ("my skin tone is so uneven and blotchy, does it even that out", None),
    # "will it help" may be asked of ice: still what it is
    ("my face is red and swollen, will it help to put ice on", EXPECTED),
    # had it: still what it is
    ("had it done tuesday, face is blotchy now, will microneedling help it next time", URGENT),
    ("its bleeding a bit after the session", URGENT),
    ("had microneedling last week and theres a red itchy patch on my jaw since, will it fix itself", URGENT),
    ("i feel faint after my session today", EMERGENCY),
])
def test_what_someone_never_treated_asks_is_no_report(settings, text, level, monkeypatch):
    # (on a Monday: "had it done tuesday" is 6 days back, past the expected reaction's days, whatever day the tests run
    # on; from Wednesday to Friday it was within them, and the test failed)
    monkeypatch.setenv("CLINIC_NOW", "2026-12-07T10:00:00+00:00")
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 38: feeling dizzy now after a treatment was asked for a call time
    ("07700 900 873 and actually im feeling a bit dizzy now", URGENT),
    ("i get dizzy at the sight of needles", None),
    # play-test 38: NHS 111 now, at the concern prompt, to someone never treated
    ("pigmentation / dark patches on my forehead since having the baby", None),
    ("dark patches on my forehead since my treatment", URGENT),
])
def test_dizzy_now_and_a_time_since_something_else(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 39: "Please call 999 now" or NHS 111 to an allergy given as a note for the clinic
    ("can you add to the concern that i have a shellfish allergy and carry an epipen, so they know", None),
    ("acne scars. also note: shellfish allergy (anaphylaxis this week), carries epipen", None),
    ("i had anaphylaxis to penicillin years ago, can i have it", None),
    # a pen's use asked about, anaphylaxis said to be now, or an airway sign beside it: the emergency
    ("i have an epipen, should i use it first?", EMERGENCY),
    ("i think im having anaphylaxis", EMERGENCY),
    ("my lips are swelling, i had anaphylaxis before and i carry an epipen", EMERGENCY),
    ("anaphylaxis", EMERGENCY),
])
def test_an_allergy_or_a_pen_carried_is_a_fact_and_its_use_an_emergency(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 39: NHS 111 now, to someone never treated with a condition that flares
    ("ok. i have eczema that flares up and bleeds sometimes, is that a problem", None),
    ("my psoriasis gets really sore and cracks when it flares, can i still have it", None),
    # after a treatment it is what is happening
    ("had microneedling on monday and my eczema flares up and bleeds now", URGENT),
])
def test_a_condition_that_comes_and_goes_is_for_the_consultation(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level, warned", [
    # play-test 39: "Please call 999 now" to a question of what the day after a treatment would be like
    ("how long till i see results, and will my face be swollen like a balloon for work the next day", None, True),
    # had it: the next day is now
    ("my face is swollen like a balloon the next day after my treatment", EMERGENCY, True),
])
def test_what_the_day_after_would_be_like_is_asked_of_the_future(settings, text, level, warned):
    found = triage(text, settings, False)
    assert (found.level, bool(found.signs)) == (level, warned)


@pytest.mark.parametrize("text, level", [
    # play-test 39: NHS 111 now and the request paused, to whether it fixes a scar
    ("also my scar is still there, will microneedling fix a burn scar? lol the irony", None),
    ("will microneedling fix it? the redness since my session is spreading", URGENT),
])
def test_whether_it_fixes_something_with_no_sign_is_no_report(settings, text, level):
    assert triage(text, settings, True).level == level


@pytest.mark.parametrize("text, over", [
    # play-test 39: "Please call 999 now" again, three times, to history given for the clinic
    ("that was on WEDNESDAY, im fine now. its just history for the clinic. please just send the request", True),
    ("a SCAR from last month is not urgent. send my complaint. now.", True),
    # healed, and the route said not to be needed (play-test 39: NHS 111 again, twice)
    ("its healed mostly, i dont need 111 you idiot, i want a COMPLAINT logged and a refund", True),
    # no time it was, or the sign still there: not over
    ("its not urgent", False),
    ("i dont need 111, my cheek is still hot and oozing", False),
    ("that was on wednesday but my throat is still tight", False),
])
def test_said_to_be_past_with_when_it_was_ends_the_thread(component, text, over):
    message = Message(data={"text": text, "intent": {"name": "faq", "confidence": 1.0}})
    component.process([message])
    assert message.get("triage")["over"] is over


@pytest.mark.parametrize("text, history", [
    # past history, the route set aside (actions/answers.py), not followed as advice had
    ("that was on WEDNESDAY, im fine now. its just history for the clinic", True),
    ("a SCAR from last month is not urgent", True),
    # well again the day after: the advice had, as before (play-test 34)
    ("STOP telling me to call 999. I am fine. The reaction was yesterday.", False),
])
def test_what_is_said_to_be_past_history(component, text, history):
    message = Message(data={"text": text, "intent": {"name": "faq", "confidence": 1.0}})
    component.process([message])
    assert message.get("triage")["history"] is history


@pytest.mark.parametrize("text, level", [
    # play-test 40: 999 and NHS 111 now to someone never treated, asking what may come
    ("ok. could I be allergic to it? I'm scared my face will swell up like a balloon", None),
    ("and afterwards, how long will I look red and raw? I have a wedding in 10 days", None),
    ("I HAVEN'T HAD IT DONE. I'm asking how long the redness lasts after the treatment, in general", None),
    ("ok it hurts a lot? how many days red?", None),
    # play-test 49: "Please call 999 now" to someone at home asking to talk about a fear
    ("thats not what i meant. i want a PERSON to talk to about my fear of needles and fainting", None),
    # play-test 51: "but does it BLEED" in the walk-through got NHS 111 now
    ("but does it BLEED", None),
    ("can i talk to someone about the fainting thing first before booking anything", None),
    ("im scared, she fainted and isnt waking up", EMERGENCY),
    # fear beside a sign now, or a time since a treatment: what is happening
    ("im scared, my lips are swelling", EMERGENCY),
    ("i had it 10 days ago and im still red", URGENT),
])
def test_what_is_feared_or_to_come_is_asked_not_reported(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 40: NHS 111 now, three times, to a complaint about how the result looks
    ("This is ridiculous. I paid £250 for microneedling at your clinic three weeks ago and my skin looks WORSE. Nobody "
     "answers the phone. I want a refund and I want to speak to a manager NOW.", None),
    ("I don't need 111, I'm not ill. it looks uneven and blotchy, I'm unhappy with the RESULT. refund. manager. now.",
     None),
    # a sign of something happening beside a complaint is still what it is
    ("I want a refund, my face is oozing pus since the treatment and it looks awful", URGENT),
    # play-test 41: NHS 111 now, twice, to a complaint about a result and to where to complain
    ("I had microneedling at your clinic in October and it's made my acne scars WORSE. I paid £600 for a course of "
     "three and it's been a complete waste. I want a full refund.", None),
])
def test_a_complaint_about_how_the_result_looks_is_no_report(settings, text, level):
    assert triage(text, settings, False).level == level


def test_a_complaint_with_no_sign_is_no_report_by_the_classifier_alone(settings):
    # play-test 41: "something is happening" read by the classifier gave NHS 111 again
    text = "Are you joking? I don't need 111, I need my MONEY BACK. This is pathetic. Who do I complain to?"
    assert triage(text, settings, True).level is None


def test_a_course_prescribed_and_taken_is_help_had(settings):
    # play-test 40: NHS 111 now at the booking's concern prompt, after A&E and antibiotics
    text = "follow-up after microneedling on tuesday 1st dec - had cellulitis on my left cheek, on flucloxacillin until Wed"
    found = triage(text, settings, True)
    assert (found.level, found.help_had) == (None, True)


@pytest.mark.parametrize("text, level", [
    # the words of not having had something else beside a sign after the session: still had (a blind set found the
    # first version of the change below sent such a message to no route)
    ("first time having it, after the treatment my cheek went hot and its oozing", URGENT),
    # not had it, and only asking what is usual (play-test 40): no report
    ("I HAVEN'T HAD IT DONE. I'm asking how long the redness lasts after the treatment, in general", None),
])
def test_not_had_it_counts_only_when_asked_in_general(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 41: a fever with confusion got NHS 111; the NHS says 999 for signs of sepsis
    ("ive got a temperature of 39.4, the redness has spread down to my jaw and neck and i feel really shivery and a bit "
     "confused", EMERGENCY),
    ("my skin looks mottled since the treatment", EMERGENCY),
    # confused about something else, or sepsis asked about: no report
    ("im confused about the booking, what time is it", None),
    ("could i get sepsis from it?", None),
])
def test_signs_of_sepsis_are_the_emergency(settings, text, level):
    assert triage(text, settings, False).level == level


def test_an_ambulance_called_and_there_is_care_present(component):
    # play-test 41: "ok my partner called an ambulance, theyre here" got "Please call 999 now"
    message = Message(data={"text": "ok my partner called an ambulance, theyre here",
                            "intent": {"name": "faq", "confidence": 1.0}})
    component.process([message])
    assert message.get("triage")["care_present"] is True


@pytest.mark.parametrize("text", [
    # play-test 41: 999 again to someone home from hospital and better, and NHS 111 to the booking's concern after it
    "update: im home from hospital now, they said it was cellulitis and gave me antibiotics through a drip then "
    "tablets. feeling loads better, temp is normal",
    "follow up check after my microneedling on 2nd dec - i got cellulitis on my left cheek and was treated in hospital "
    "with antibiotics",
])
def test_treated_in_hospital_and_better_is_help_had(settings, text):
    found = triage(text, settings, True)
    assert (found.level, found.help_had) == (None, True)


def test_whether_it_helps_beside_other_questions_keeps_them(component):
    # play-test 41: "does it help with stretch marks" made the whole message a concern, and its three questions went
    text = "Hi, a few questions:\n1. what does microneedling actually do\n2. does it help with stretch marks"
    message = parsed(text, "faq", "faq/what_is")
    parts = [_part(text, "what does microneedling actually do", "faq/what_is"),
             _part(text, "does it help with stretch marks", "faq/unknown_area")]
    message.set("question_parts", parts)
    message.set("questions", parts)
    start = text.index("stretch marks")
    message.set("entities", [{"entity": "unknown_area", "value": "stretch marks", "start": start, "end": start + 13}])
    component.process([message])
    assert message.get("intent")["name"] == "faq" and len(message.get("questions")) == 2


def test_whether_it_helps_alone_is_the_results_answer_not_the_classifiers(component):
    # tests/dev3: as the classifier's answer alone, "will it help my acne scars? …" got the side effects' answer; then
    # the consultation offered alone, which answered nothing
    text = "will it help my acne scars? had them since i was a teen"
    message = parsed(text, "faq", "faq/side_effects")
    start = text.index("acne scars")
    message.set("entities", [{"entity": "skin_concern", "value": "acne scars", "start": start, "end": start + 10}])
    component.process([message])
    assert message.get("intent")["name"] == "faq" and selected(message) == "faq/results"


def _with_entities(message, text, *entities):
    found = []
    for kind, words in entities:
        start = text.index(words)
        found.append({"entity": kind, "value": words, "start": start, "end": start + len(words)})
    message.set("entities", found)
    return message


@pytest.mark.parametrize("text, intent, answer, entities, expected", [
    # play-test 113 and a probe of mine: "is microneedling good for acne scars?" was "did you mean"; with "i have from
    # teenager time" it got the age policy, then the consultation's answer
    ("is microneedling good for acne scars?", "nlu_fallback", "faq/what_is", [("skin_concern", "acne scars")],
     "faq/results"),
    ("is it good for fine lines and wrinkles", "faq", "faq/what_is", [("skin_concern", "fine lines")], "faq/results"),
    # another answer the classifier is sure of stands
    ("is microneedling good for acne scars, how much is it?", "faq", "faq/price", [("skin_concern", "acne scars")],
     "faq/price"),
    ("microneedling is good for acne scars? i have from teenager time", "faq", "faq/suitability",
     [("skin_concern", "acne scars"), ("suitability_factor", "teenager")], "faq/results"),
    # something personal named: the consultation's answer stands
    ("im pregnant, would microneedling work on my acne scars", "faq", "faq/suitability",
     [("suitability_factor", "pregnant"), ("skin_concern", "acne scars")], "faq/suitability"),
    # a concern the guide does not name: said so, as before
    ("is it good for stretch marks", "faq", "faq/unknown_area", [("unknown_area", "stretch marks")],
     "faq/unknown_area"),
    # play-test 113: "But does microneedling cause scarring? Nobody mentioned that to me" got what microneedling is
    ("But does microneedling cause scarring? Nobody mentioned that to me. I'm really upset, I did this to improve my "
     "skin not make it worse", "faq", "faq/what_is", [("skin_concern", "scarring")], SIDE_EFFECTS_ANSWER),
    ("can microneedling cause scars on darker skin?", "faq", "faq/suitability",
     [("skin_concern", "scars"), ("suitability_factor", "darker skin")], "faq/suitability"),
])
def test_whether_it_helps_or_causes_scars_is_what_the_guide_says(component, text, intent, answer, entities, expected):
    message = _with_entities(parsed(text, intent, answer), text, *entities)
    component.process([message])
    assert message.get("intent")["name"] == "faq" and selected(message) == expected


@pytest.mark.parametrize("text, lasting", [
    # play-test 43: "call NHS 111 now", three times, to someone whose skin had been bumpy since August
    ("my skin has been really bumpy and sore since the last session in august, is that normal?", True),
    ("its been like this for 4 months", True),
    ("sore for weeks now", True),
    # lately: not lasting
    ("red since yesterday", False),
    ("swollen since 1st december", False),
    ("bumpy since november", False),  # a month ago: not long enough to be sure
])
def test_a_sign_said_to_have_been_there_for_weeks_or_months(monkeypatch, text, lasting):
    from components.triage import said_to_last

    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T00:10:00")
    assert said_to_last(text) is lasting


@pytest.mark.parametrize("text, level, lingering", [
    # play-tests 43 and 44: still a bit pink days after: "call NHS 111 now" while the clinic was closed
    ("had it done 6 days ago and my face is still a bit pink, is that normal", "urgent", True),
    # worse, or a sign the guide does not name as expected: the route as ever
    ("had it done 6 days ago and the redness is spreading", "urgent", False),
    ("had it done 6 days ago, there is pus on my cheek", "urgent", False),
    # warmth past the first days is a sign of infection: out-of-hours help now (play-test 75: "the clinic when it opens,
    # or your GP" on a Saturday night)
    ("hiya, had microneedling a week ago. mostly healed but theres one small spot on my cheek thats still red and a bit "
     "warm and sore when i touch it", "urgent", False),
    # in the first days: the expected reaction
    ("had it done 2 days ago and my face is still a bit pink", "expected", False),
    # play-test 203: tightness read as warmth (the sign's pattern names both), NHS 111 now five times
    ("Hello. I had microneedling done 4 days ago and my skin is still a bit pink and feels tight. Its not getting any "
     "worse though. Is this ok?", "urgent", True),
    ("had it done 4 days ago and my skin feels warm", "urgent", False),
    # play-test 217: a patch darker than the skin was read as worse, NHS 111 now
    ("Hello, I had microneedling at your clinic 3 weeks ago and I've noticed a few darker patches on my cheeks where it "
     "was done. No pain or anything. Will they fade on their own?", "urgent", True),
    # getting darker is worse
    ("had it done 3 weeks ago and the patch is getting darker", "urgent", False),
])
def test_an_expected_sign_still_there_later_is_for_the_clinic(settings, text, level, lingering):
    found = triage(text, settings, said_to_be_happening=False)
    assert (found.level, found.lingering) == (level, lingering)


def test_who_to_contact_if_a_sign_lasts_is_asked_of_what_may_come(settings):
    # play-test 44: NHS 111 now to someone never treated
    found = triage("who do i contact if its still red after a week, you or my gp?", settings, False)
    assert found.level is None and found.not_yet


@pytest.mark.parametrize("text, level", [
    # play-test 45: "Sorry, I can't help with that" to a breathing emergency
    ("please help she is breathing bad now!!", EMERGENCY),
    ("her breathing is really bad", EMERGENCY),
    # "bad" beside the breathing, not of it: no emergency
    ("i breathe fine, just a bad rash on my arm, never had microneedling", None),
    ("is bad breath a side effect", None),
])
def test_breathing_said_to_be_bad_is_the_emergency(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 45: history listed for the notes, and a note named, got "call NHS 111 now"
    ("i have type 1 diabetes, i was on isotretinoin til august and i get cold sores. please put those in", None),
    ("the cold sores note is still there. remove it please", None),
    # a part of the skin named so: a sign as ever
    ("the swollen part of my lip is getting bigger", EMERGENCY),
])
def test_a_condition_had_often_or_a_note_named_is_no_report(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


def test_a_sign_weeks_on_is_lasting(monkeypatch):
    from components.triage import said_to_last

    # play-test 45: "dark patches on my cheek that havent gone, 6 weeks on" got NHS 111 now
    assert said_to_last("a couple of small dark patches on my cheek that havent gone, 6 weeks on")
    assert not said_to_last("i had it 2 days ago")


def test_a_sign_someone_else_had_asked_about_gets_what_to_do_if_it_happens(settings):
    # play-test 51: "could that happen?" after a cousin's story got the side effects' answer alone, "swelling usually
    # settles"
    found = triage("my cousin said her whole face and lips blew up after hers and she had to go to hospital. could "
                   "that happen?", settings, said_to_be_happening=True)
    assert found.level is None and found.hypothetical and found.signs
    # what someone else said of the pain is no sign to warn of
    assert not triage("my sister said hers was agony, was she exaggerating?", settings, False).signs


@pytest.mark.parametrize("text, said, level, hypothetical", [
    # play-test 52: a friend's treatment elsewhere, beside a what-if of one's own, got "Please call 999 now" five times
    ("wait before that - what if my face swells up like a balloon? my friend had it done somewhere else and her face "
     "was massive for a week", True, None, True),
    ("my friend had it done somewhere else and her face was massive for a week", True, None, True),
    ("my sister had microneedling years ago and her lips swelled up, could that happen to me?", True, None, True),
    # a relative's treatment told as happening is their report, in whatever tense
    ("my wife had it done and her lips are swelling", False, EMERGENCY, False),
    ("my daughter had it done on monday and her face went hot and swollen", True, URGENT, False),
    ("my mum had it done yesterday and her throat was tight this morning", False, EMERGENCY, False),
    # play-test 52: "nobody is swelling" is no swelling, and the what-if and never having had it stand
    ("999?? nobody is swelling right now, i'm asking what IF. i havent even had it done", True, None, True),
    ("nothing is swelling now but my throat feels tight", False, EMERGENCY, False),
])
def test_someone_elses_treatment_told_and_a_sign_nobody_has_are_no_report(settings, text, said, level, hypothetical):
    found = triage(text, settings, said)
    assert (found.level, found.hypothetical) == (level, hypothetical)


def test_a_reaction_never_had_before_is_no_treatment_never_had(settings):
    # play-test 52: "she never had allergy", in the emergency's thread, read as not yet treated (the side effects'
    # answer, "swelling usually settles", to someone whose sister was in hospital)
    assert not triage("is this normal after microneedling?? es muy raro no? she never had allergy", settings,
                      False).not_yet
    assert triage("is redness normal? i've never had it done", settings, False).not_yet


def test_a_part_read_as_something_happening_in_a_message_that_reports_nothing_is_no_report(component):
    # play-test 52: "and dark spots" read as something happening, so NHS 111 now beside the answer about pores
    text = "not yet. does it help with large pores? and dark spots / pigmentation"
    message = parsed(text, "faq", "faq/unknown_area", confidence=0.9, questions=[
        {"text": "does it help with large pores?", "start": 9, "end": 39, "intent_response_key": "faq/unknown_area"},
        {"text": "and dark spots", "start": 40, "end": 54, "intent_response_key": "faq/complication"},
    ])
    message.set("entities", [{"entity": "unknown_area", "value": "pores", "start": 33, "end": 38},
                             {"entity": "unknown_area", "value": "hyperpigmentation", "start": 44, "end": 54}])
    message.set("question_parts", message.get("questions"))
    component.process([message])
    assert message.get("triage")["level"] is None
    assert [q["intent_response_key"] for q in message.get("questions")] == ["faq/unknown_area"]
    # a concern the guide names gets what it says of it; a part naming nothing is no question of its own
    message = parsed("how long does it take? and acne scars? and my skin", "faq", "faq/duration", confidence=0.9,
                     questions=[
                         {"text": "how long does it take?", "start": 0, "end": 22, "intent_response_key": "faq/duration"},
                         {"text": "and acne scars?", "start": 23, "end": 38, "intent_response_key": "faq/complication"},
                         {"text": "and my skin", "start": 39, "end": 50, "intent_response_key": "faq/complication"},
                     ])
    message.set("entities", [{"entity": "skin_concern", "value": "acne scars", "start": 27, "end": 37}])
    message.set("question_parts", message.get("questions"))
    component.process([message])
    assert [q["intent_response_key"] for q in message.get("questions")] == ["faq/duration", "faq/results"]
    # a report keeps its parts: the message's level answers them
    message = parsed("how long does it take? my lips are swelling", "faq", "faq/duration", confidence=0.9, questions=[
        {"text": "how long does it take?", "start": 0, "end": 22, "intent_response_key": "faq/duration"},
        {"text": "my lips are swelling", "start": 23, "end": 43, "intent_response_key": "faq/complication"},
    ])
    message.set("question_parts", message.get("questions"))
    component.process([message])
    assert message.get("triage")["level"] == EMERGENCY and selected(message) == ANSWERS[EMERGENCY]


@pytest.mark.parametrize("text, level", [
    # play-test 54: "no pus" and "not getting worse" read as pus and worse, so NHS 111 now, five times
    ("its not getting worse, no pus or anything. does your guide say anything about flaking at all?", EXPECTED),
    ("no pus or anything", None),
    # a sign or a change there beside one that is not: still reported
    ("no pus but its getting worse and hot", URGENT),
    ("no fever but the redness is spreading", URGENT),
])
def test_a_sign_or_a_change_said_not_to_be_there_is_none(settings, text, level):
    assert triage(text, settings, True).level == level


@pytest.mark.parametrize("text, intent", [
    # play-test 55: the welcome menu in the middle of a safety thread: the thread's route again (the rules of
    # data/rules/safety.yml for a reply that is no question)
    ("hello?? 111 or 999", "nlu_fallback"),
    ("which number do i call", "nlu_fallback"),
    # play-test 100: "Sorry, I still didn't catch that"
    ("so is it 111 now not 999?? you said 999 before. im confused which one", "nlu_fallback"),
    # a sign named with it: its own route
    ("so should i call 111 or 999 for the pus?? im confused now", "faq"),
    ("hello again", "greet"),
])
def test_which_number_to_call_asked_gets_the_threads_route(component, text, intent):
    message = parsed(text, "greet")
    component.process([message])
    assert message.get("intent")["name"] == intent


def test_a_and_e_instead_of_an_ambulance_is_no_question_about_the_route(component):
    # play-test 54: what NHS 111 is, to someone told to call 999 for a sudden change in sight
    text = "ok ok. what if we just go to A&E instead of calling an ambulance, is that ok?"
    message = parsed(text, "faq", "faq/clinic_info", confidence=0.9)
    component.process([message])
    assert selected(message) != "faq/route_explained"
    assert message.get("triage")["instead_of_999"]


@pytest.mark.parametrize("text, level, lasting", [
    # play-test 55: a skin tone asked about, and bumps there for months near the eyes, got NHS 111 now
    ("hi i have quite dark skin (im nigerian heritage) is microneedling ok for darker skin tones? ive heard lasers can "
     "cause marks", None, False),
    ("i have small white bumps under my eyes, they dont hurt, been there months, what is it", URGENT, True),
    # darker since a treatment is still worse; an eyelid swollen since one still a sign in the eye
    ("my scar looks darker since the treatment", URGENT, False),
    ("my eyelid is swollen since my treatment", URGENT, False),
])
def test_a_skin_tone_and_a_lasting_spot_by_the_eyes_are_no_urgent_report(component, text, level, lasting):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert (message.get("triage")["level"], message.get("triage")["lasting"]) == (level, lasting)


@pytest.mark.parametrize("text, driving, next_treatment", [
    # play-test 56: about to drive home after feeling faint
    ("i dont want to make a fuss, im just gonna drive home now and lie down its only 20 mins", True, False),
    ("its fine im sat in the car already. should i just wait 5 mins then go?", True, False),
    ("ok im going, ive got the keys in my hand", True, False),  # play-test 72: read as a question about hands
    # play-test 239: an itch "driving me mad" got "I can't tell you that it's safe to wait"
    ("what can I put on it then? its driving me mad", False, False),
    ("my husband is driving me to a&e now", True, False),
    # play-test 57: the next session asked about after a reaction
    ("so when i can do my next session? i have 2 more in my course", False, True),
    ("how long is the treatment", False, False),
])
def test_driving_and_a_treatment_to_come_are_flagged(component, text, driving, next_treatment):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert (message.get("triage")["driving"], message.get("triage")["next_treatment"]) == (driving, next_treatment)


@pytest.mark.parametrize("text, patient", [
    # play-test 69: treated already or booked in, said of themselves
    ("hiya ive got my microneedling tmrw morning, first time. is there anything i need to do", True),
    ("i already HAVE an appointment its tomorrow lol", True),
    ("i had my first session 3 weeks ago and see nothing yet", True),
    ("please book me in for my 2nd treatment", True),
    ("my appointment's on monday, can i wear makeup", True),
    # play-test 83: offered a consultation three times
    ("hiya, ive got my first microneedling booked for next wednesday. can i put makeup on the next day?", True),
    ("i already HAVE a booking. do i need to tell them about the cold sore before wednesday?", True),
    ("hi ive got microneedling booked with you tues but ive come down with a stinking cold", True),
    # not of themselves, or not yet
    ("my friend had her first session last week", False),
    ("before my first session, what should i do", False),
    ("i have a question about the treatment", False),
    ("thinking of booking a consultation", False),
])
def test_someone_treated_or_booked_in_is_flagged(component, text, patient):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("triage")["a_patient"] is patient


@pytest.mark.parametrize("text, level, flag", [
    # play-test 57: a reaction treated in hospital the day before, and the next session asked about, got 999 now
    ("allergic reaction yesterday after microneedling, lips swell, ambulance and hospital. is safe to do next session "
     "18 dec?", None, "help_had"),
    # ... and "no no is yesterday!! now is fine", 999 again before the call back
    ("no no is yesterday!! now is fine. i only want the call back", None, "over"),
    # swelling now, whenever the treatment was: the emergency
    ("my lips are swelling its yesterday i had it", EMERGENCY, None),
])
def test_a_reaction_treated_and_over_is_no_emergency_now(component, text, level, flag):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("triage")["level"] == level
    if flag:
        assert message.get("triage")[flag]


@pytest.mark.parametrize("text, level", [
    # play-test 58: "not getting any worse" read as worse, and a reaction treated in hospital the night before as now
    ("treated 3 days ago. skin is peeling a bit and still bit red. no pus, no temperature, and its not getting any "
     "worse", EXPECTED),
    ("last night her lips swelled right up, we had to get an ambulance to hospital. shes fine now theyve let her home",
     None),
    # the sign now, whatever else is fine
    ("her lips are swelling, shes fine otherwise", EMERGENCY),
    ("shes fine but her throat is tight", EMERGENCY),
])
def test_not_any_worse_and_someone_well_again_after_hospital(settings, text, level):
    assert triage(text, settings, True).level == level


def test_active_acne_named_by_someone_not_treated_is_a_concern(component):
    # play-test 59: "its not wrinkles its acne scars!! and i have active spots. change that then send" at the summary
    # of someone never treated got NHS 111 now, and the request was paused
    text = "its not wrinkles its acne scars!! and i have active spots. change that then send"
    start = text.index("active spots")
    message = parsed(text, "faq", "faq/urgent")
    message.set("entities", [{"entity": "suitability_factor", "value": "condition", "start": start, "end": start + 12}])
    component.process([message])
    assert message.get("triage")["level"] is None
    # spots said of a treatment had are what they are
    text = "i have active spots since my treatment on monday"
    message = parsed(text, "faq", "faq/urgent")
    message.set("entities", [{"entity": "suitability_factor", "value": "condition", "start": 7, "end": 19}])
    component.process([message])
    assert message.get("triage")["level"] == "urgent"


@pytest.mark.parametrize("text, factor, expected", [
    # play-test 59: what to do after a treatment, with 999, to someone asking about a cold sore before theirs
    ("fine. last thing / if i get a cold sore the week of my appointment what do i do", "cold sore", "faq/suitability"),
    # after a treatment, or with no condition named, what to do if it happens
    ("what if i get a cold sore after the treatment", "cold sore", "faq/warning_signs"),
    ("what if my lips swell before my appointment", None, "faq/warning_signs"),
])
def test_a_condition_asked_about_before_the_treatment_is_for_the_consultation(component, text, factor, expected):
    message = parsed(text, "faq", "faq/suitability")
    if factor:
        start = text.index(factor)
        message.set("entities", [{"entity": "suitability_factor", "value": factor, "start": start,
                                  "end": start + len(factor)}])
    component.process([message])
    assert message.get("response_selector")["faq"]["response"]["intent_response_key"] == expected


@pytest.mark.parametrize("text, level", [
    # play-test 61: in the urgent thread, read as asked before any treatment, and the route dropped for the side effects
    ("ok. its a bit itchy too now. is itching a sign of allergy?", EXPECTED),
    # the "what if" sentence alone, or a now with no sign in its sentence, stays a question
    ("is itching a sign of allergy?", None),
    ("my face is fine now. what should i do if my lips start swelling?", None),
])
def test_a_sign_said_to_be_there_now_beside_a_question_about_signs(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level, care", [
    # play-test 62: "Please call 999 now" to someone whose girlfriend was on her way to the eye hospital, or seen there
    ("she's rung 111 now and theyre sending her to the eye hospital. can i leave a message for the clinic", None, True),
    ("she's ALREADY GETTING HELP. i just want the clinic to call us back on monday", None, True),
    ("reaction after her treatment on saturday - swollen eyelids and blurry vision, shes been seen at the eye hospital "
     "via 111. please call tom's number", None, False),
    # a sign now, whatever care was had before, is the emergency
    ("i cant breathe, was seen in hospital last week", EMERGENCY, False),
    ("my lips are swelling, i was seen at a&e yesterday", EMERGENCY, False),
])
def test_emergency_care_on_its_way_or_had_is_no_new_emergency(component, text, level, care):
    message = parsed(text, "faq", "faq/emergency")
    component.process([message])
    assert message.get("triage")["level"] == level
    assert message.get("triage")["care_present"] is care


@pytest.mark.parametrize("text, instead, care", [
    # play-test 62: read as on the way to A&E, and what NHS 111 is given for the emergency
    ("ok what about 111 instead, is that ok? shes really against going to a&e at midnight", True, False),
    ("can we just ring 111", True, False),
    ("should i ring 111 now?", False, False),
    ("we're going to a&e now", False, True),
    # play-test 114: "call 999 now rather than driving, or being driven, to A&E" to someone whose friend was in the
    # ambulance
    ("paramedics are taking her into hospital now to be safe. thank you", False, True),
    ("could i just drive myself to A&E", True, False),
])
def test_111_in_place_of_999_and_a_and_e_put_off(component, text, instead, care):
    message = parsed(text, "faq", "faq/route_explained")
    component.process([message])
    assert message.get("triage")["instead_of_999"] is instead
    assert message.get("triage")["care_present"] is care


@pytest.mark.parametrize("text, level, help_had", [
    # play-test 63: "Please call 999 now" six times to someone treated in hospital and well since
    ("what is mean? i ask if cream make my lips swell", None, False),
    ("no no, swelling is GONE. is finish. i only want know why", None, False),
    ("my lips swell after treatment, i go hospital, now ok. and next session, and i prefer spanish speaker if possible",
     None, True),
    # the swelling now is the emergency, whatever is asked or was had
    ("my lips are swelling, did the cream cause this?", EMERGENCY, False),
    ("my lips swell now, i go hospital", EMERGENCY, False),
])
def test_a_swelling_past_and_cared_for_or_asked_about_is_no_new_emergency(settings, text, level, help_had):
    found = triage(text, settings, False)
    assert (found.level, found.help_had) == (level, help_had)


def test_what_a_friend_had_elsewhere_asked_whether_it_could_happen_here_is_no_report(settings):
    # play-test 64: "Please call 999 now" to someone scared by what a friend had at another place last month
    text = ("hi um my friend got microneedling at some place in camden and her face swelled up like a balloon, like "
            "properly, she couldnt open one eye. could that happen at yours?? im kind of scared now")
    found = triage(text, settings, True)
    assert found.level is None and found.hypothetical


@pytest.mark.parametrize("text, answer, expected", [
    # play-test 70: what a friend had after her treatment, told and asked whether it is common, got "contact the clinic
    # now" (with a time named in it, in the booking form: the request paused)
    ("ok. my friend had microneedling in Spain last month for like 80 euros and her skin went all blotchy and dark in "
     "patches after, is that something that happens? put me off a bit tbh", "faq/urgent", "faq/side_effects"),
    ("before I pick a time - my friend had this done and came up in big itchy welts all over her face and neck the "
     "same evening, she ended up at A&E. is that common?? now I'm nervous", "faq/complication", "faq/side_effects"),
    # a sign said of now stays a report, whoever has it
    ("my sister had it done last week and her face is still red, is that normal?", "faq/side_effects", "faq/urgent"),
])
def test_what_someone_else_had_asked_whether_it_is_common_gets_the_side_effects(component, text, answer, expected):
    message = parsed(text, "faq", answer)
    if "pick a time" in text:  # as the booking's entities read it
        message.set("entities", [{"entity": "time", "value": "evening"}, {"entity": "booking_field", "value": "time"}])
    component.process([message])
    assert selected(message) == expected


@pytest.mark.parametrize("text, help_had", [
    # play-test 71: what the nurse said when they left is no advice about the swelling now ("follow the advice you were
    # given" to someone whose face was very swollen around the eyes)
    ("her breathing is fine and lips are ok. the nurse did say some swelling was normal when we left, so is it ok to "
     "just put ice on it and wait?", False),
    ("they told me at the appointment that redness is normal, my face is really red and swollen", False),
    # advice sought about it since is
    ("i rang the clinic and the nurse said the swelling is normal for day one", True),
])
def test_advice_given_at_the_treatment_is_no_advice_about_what_is_happening_now(settings, text, help_had):
    assert triage(text, settings, True).help_had is help_had


def test_an_emergency_sign_whose_words_stand_further_apart_is_still_one(settings):
    # play-test 73: "lips" and "swollen" nine words apart got the expected reaction's answer (clinic.yml
    # `emergency_window`)
    found = triage("i had microneedling this morning and now my lips feel a bit tingly and a little bit swollen, probably "
                   "nothing", settings, True)
    assert found.level == EMERGENCY


@pytest.mark.parametrize("text", [
    # play-test 258: the clinic instead of 999, as if the numbing cream named were what the swelling is
    "hi I had microneedling this morning, my lips feel a bit tingly and swollen, is that the numbing cream?",
    "my lips are swollen, its from the cream i think",
])
def test_an_emergency_sign_asked_or_said_to_come_from_a_product_is_still_one(settings, text):
    assert triage(text, settings, True).level == EMERGENCY


def test_last_time_names_no_detail_of_the_booking(component):
    # play-test 72: "time" in "last time" read as the booking's time, and a reaction at a session before, asked whether it
    # happens again, given the urgent route
    text = "thanks. one more q, my cheeks went a bit red and tight for a couple days last time, is that going to happen again?"
    message = parsed(text, "faq", "faq/complication")
    start = text.index("time,")
    message.set("entities", [{"entity": "booking_field", "value": "booking_time", "start": start, "end": start + 4}])
    component.process([message])
    assert selected(message) != "faq/complication" and not message.get("triage")["level"]


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 66: "Thanks for chatting" to someone who had felt faint and was about to drive
    ("im about to drive now, bye", "goodbye", "nlu_fallback"),
    ("thanks, im getting a taxi, not driving. bye", "goodbye", "goodbye"),
    ("thanks bye", "goodbye", "goodbye"),
])
def test_a_farewell_that_says_the_person_is_about_to_drive_is_no_farewell(component, text, intent, expected):
    message = parsed(text, intent)
    component.process([message])
    assert message.get("intent")["name"] == expected


@pytest.mark.parametrize("text, level", [
    # play-test 66: NHS 111 now, to someone whose skin had been red after a session before and was fine, and at the
    # concern prompt to "no redness issues!!" (the request paused)
    ("4-6 weeks apart?? so i cant have the next one now. how long does the redness last after btw, it was red for like "
     "4 days last time", None),
    ("no its gone now, it was red 4 days after the first session and then fine. im asking how long is normal", None),
    ("this is my 2nd microneedling session, acne scarring on cheeks. first was about 14th nov. no redness issues!!", None),
    # there again now, or still: what it is
    ("my face is still red, it was red for a week last time too", EXPECTED),
    ("had it friday, no redness but my cheek is oozing", URGENT),
])
def test_a_sign_at_a_session_before_or_said_not_to_be_there(settings, text, level):
    assert triage(text, settings, True).level == level


@pytest.mark.parametrize("text, level, help_had", [
    # play-test 68: "Please call 999 now" after the paramedics had been, and as the call back's reason
    ("ok. we called, paramedics said its swelling from the treatment and her vision is ok now, its just watery eyes. "
     "they said contact the clinic tomorrow. can i get the clinic to call us monday?", None, True),
    ("my wife anna had microneedling saturday, swollen eyelids and blurry vision sunday night, paramedics came, said "
     "contact clinic", None, True),
    # a sign now, whatever care was had, is the emergency
    ("paramedics came, she cant breathe properly", EMERGENCY, False),
    ("paramedics came but her lips are swelling again now", EMERGENCY, False),
])
def test_the_paramedics_been_and_nothing_said_of_now(settings, text, level, help_had):
    found = triage(text, settings, False)
    assert (found.level, found.help_had) == (level, help_had)


@pytest.mark.parametrize("text, help_had, not_called, named", [
    # play-test 74: "like you said" is what this assistant said, no advice had from someone who can judge it
    ("cant i just ring 111 like you said before", False, False, False),
    # play-test 129: the number to ring, and what the guide says, read as advice had from 111 ("follow the advice you
    # were given" to someone with an infection's signs who had rung no one)
    ("do i really have to ring 111 tho, the guide thing says redness and swelling is normal for a few days doesnt it?",
     False, False, False),
    ("should i call the gp, my friend says its normal", False, False, False),
    ("i rang 111 and they said its normal", True, False, False),
    ("the 111 nurse said to keep an eye on it", True, False, False),
    ("i havent called anyone yet", False, True, False),
    ("not called 999 yet, should i", False, True, True),
    ("my husband called an ambulance, while we wait can she drink water", False, False, True),
])
def test_help_had_not_called_and_emergency_help_named(component, text, help_had, not_called, named):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    triage = message.get("triage")
    assert (bool(triage["help_had"]), triage["not_called"], triage["emergency_help_named"]) == (
        help_had,
        not_called,
        named,
    )


@pytest.mark.parametrize("text, level", [
    # play-test 77: what it might do to a condition, feared before any treatment, is no report
    ("Hi, I have rosacea and quite sensitive skin. Would I be suitable for microneedling? I'm worried it'll make the "
     "redness worse", None),
    # play-test 74: "happen again" fears it, and "wasnt treated" is no treatment had
    ("i had it somewhere else a year ago and got scarring, im scared it'll happen again", None),
    ("could my friend come for a consult about her dark patches even tho she wasnt treated here?", None),
    # ... but a sign back again, or a treatment had, is a report as ever
    ("i had it a year ago and the scarring is getting worse again now", "urgent"),
    ("i want a consultation about the pus on my cheek since my treatment", "urgent"),
])
def test_the_past_and_a_consultation_about_a_concern(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 76: a feeling back again, or with its subject left out, after the emergency answer got the call back's
    # next question, then the privacy notice
    ("monday any time. feeling a bit dizzy again tbh", "urgent"),
    ("did u see what i said. dizzy again. room is kinda spinning", "urgent"),
    ("the room is spinning", "urgent"),
    # ... and a spinning class, or a feeling asked of the future, is none
    ("i went to a spinning class", None),
    ("will i feel dizzy again next time?", None),
    # no result seen, said or feared, is no sign (play-test 76: NHS 111 now)
    ("Thanks. And if I still see nothing after the second one, should I be worried something's wrong with my skin?",
     None),
    # scars from old spots are no spots now, and a friend's week of redness is hers (play-test 76: NHS 111 now)
    ("so basically i've had bad skin since uni. anyway my cheeks have these little pitted scars from old spots. would "
     "microneedling actually help with pitted scars like that? and my friend said she looked like a tomato for a week "
     "after, is that right?", None),
])
def test_feelings_back_again_and_no_result_seen(settings, text, level):
    # (as the classifier read them in the play-test: something happening, for the last two)
    assert triage(text, settings, said_to_be_happening=text.endswith("right?") or "worried" in text).level == level


def test_whether_it_sorts_out_a_concern_read_as_reassurance_is_the_results_answer(component):
    # play-test 76: "I can't tell you whether it's fine … NHS 111" to someone never treated
    text = "ok ok. what do you reckon, would it sort out my forehead lines? or should i just stop frowning at my emails lol"
    message = parsed(text, "faq", "faq/reassurance")
    start = text.index("forehead lines")
    message.set("entities", [{"entity": "skin_concern", "value": "forehead lines", "start": start, "end": start + 14}])
    component.process([message])
    assert selected(message) == "faq/results"




def test_a_past_scar_asked_whether_it_could_help_is_the_results_answer(component):
    # play-test 78: scarring from 8 months ago, "scared to try again", got the clinic when it opens
    text = ("I had microneedling at a salon about 8 months ago and it left me with some scarring on my cheek. I'm scared "
            "to try again but I want to fix it. Is it possible microneedling done properly could help?")
    message = parsed(text, "faq", "faq/urgent")
    start = text.index("scarring")
    message.set("entities", [{"entity": "skin_concern", "value": "scarring", "start": start, "end": start + 8}])
    component.process([message])
    assert selected(message) == "faq/results"


@pytest.mark.parametrize("text, level", [
    # play-test 77: a reaction seen by paramedics, given as a call back's topic with her next session, got 999 now
    ("she had an allergic reaction after her microneedling today (lips and eyelid swelled, chest felt funny), "
     "paramedics came. want to know about her january session", None),
    # ... and a sign still there is the emergency, whatever session is asked about
    ("paramedics came but her lips are still swelling, what about her january session", "emergency"),
])
def test_emergency_care_had_and_a_session_to_come(settings, text, level):
    assert triage(text, settings, False).level == level


def test_warmth_named_alone_past_the_first_days_is_not_lingering(settings):
    # play-test 79: "… 5 days ago … it is warm" (read by the classifier as something happening) got "the clinic when it
    # opens, or your GP" on a Saturday night
    found = triage("but i had it done 5 days ago not today, does that change anything? it is warm", settings, True)
    assert (found.level, found.lingering) == ("urgent", False)


@pytest.mark.parametrize("text, happening, level", [
    # play-test 80: a day to come counted from the treatment was read as days since it, and the expected reaction of
    # day 2 became "have it checked by the clinic or your GP"
    ("ok. but will i look ok by wednesday?? thats 6 days after. the redness will be gone by then right? this is normal "
     "right?", True, None),
    ("had it 6 days ago, still red", True, "urgent"),
    # ... and "its just peeling" is said of now ("did you mean", on day 2)
    ("had it 2 days ago. its just peeling a bit round my nose", False, "expected"),
])
def test_a_day_to_come_and_its_just_peeling(settings, text, happening, level):
    assert triage(text, settings, happening).level == level


def test_no_difference_seen_asked_as_a_worry_is_the_results_answer(component):
    # play-test 81: "if I still don't see a difference after the 2nd one should I be worried?" got the reassurance
    # answer's "call NHS 111 now" for no result at all
    message = parsed("thanks. and if I still don't see a difference after the 2nd one should I be worried?", "faq",
                     "faq/reassurance")
    component.process([message])
    assert selected(message) == "faq/results"


@pytest.mark.parametrize("text, said", [
    # play-test 81: a skin history of someone never treated ("since my teens", "in my 20s", "now I'm 41", a peel two
    # months ago elsewhere) got "call NHS 111 now … say that you had microneedling"
    ("Right so bit of a long one sorry. I've had bad skin since my teens, tried everything, roaccutane in my 20s which "
     "helped the spots but left me with these little pitted scars on my cheeks, and now I'm 41 I'm also getting lines "
     "on my forehead. I did a chemical peel about 2 months ago at another place which was fine I think, bit peely "
     "after. Anyway my friend had microneedling and swears by it. So does it actually work on pitted scars like mine, "
     "and is it OK to have it when I had a peel 2 months ago?", True),
    ("spots since my teens and a peel 2 months ago, is it ok to have it?", False),
])
def test_a_time_of_life_is_no_treatment_and_an_age_no_word_of_now(settings, text, said):
    found = triage(text, settings, said_to_be_happening=said)
    assert found.level is None and found.history
    # since a treatment, or now again, it still is one
    assert triage("since my treatment my cheek has spots with pus", settings, False).level == URGENT
    assert triage("spots 2 months ago and now they're back with pus", settings, False).level == URGENT


@pytest.mark.parametrize("text", [
    # play-tests 75 and 80: NHS 111 now, "say that you had microneedling and when", to someone never treated
    "fine. whatever. ive got a mole on my back thats gone a bit darker and itchy, is it cancer? can u tell me",
    "useless. fine, diagnose this then: ive got a mole on my cheek thats gone darker and a bit itchy, is it cancer? "
    "can you needle over it",
    "my mole has gone itchy and bigger",
    # play-test 108: how long it has been changing read as a time since a treatment (the suitability answer)
    "tbh the mole has got a bit bigger and darker the last couple months, should i be worried?",
])
def test_a_changed_mole_from_someone_not_treated_is_for_their_gp(component, settings, text):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.lesion
    message = parsed(text, "faq", "faq/urgent")
    component.process([message])
    assert selected(message) == "faq/a_mole"


@pytest.mark.parametrize("text, level", [
    # after a treatment, or with a time since one, it is a sign as any other
    ("i had microneedling 3 days ago and a mole on my cheek is now red and oozing", URGENT),
    ("since my treatment yesterday the skin round my mole is hot and throbbing", URGENT),
    # the airway is the emergency, mole or not
    ("my mole is itchy and my throat is closing up", EMERGENCY),
])
def test_a_mole_after_a_treatment_or_beside_an_emergency_is_the_sign(settings, text, level):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level == level and not found.lesion


def test_a_mole_asked_about_with_no_sign_is_no_lesion(settings):
    assert not triage("can you do microneedling over moles?", settings, said_to_be_happening=False).lesion


@pytest.mark.parametrize("text", [
    # play-test 81: the sign in the call handler's own words ("just a faint") got "Please call 999 now"
    "ok they said its prob just a faint from not eating, stay put, eat something and not to drive for a bit. should i "
    "tell the clinic?",
    # play-test 82: the story told before what the paramedics said of it, as a call back's topic, got 999 now
    "reaction after my microneedling today - face hot, redness spread to neck, lips swelled, paramedics said mild "
    "allergic reaction",
])
def test_what_those_asked_said_it_was_is_help_had(settings, text):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.help_had


@pytest.mark.parametrize("text, level", [
    # a sign said of now, or spreading since, is still one
    ("they said its just a faint but my throat is closing now", EMERGENCY),
    ("paramedics said mild allergic reaction but my lips are swelling", EMERGENCY),
    ("paramedics said mild allergic reaction but now its spreading", URGENT),
])
def test_what_those_asked_said_beside_a_sign_now_is_the_sign(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


def test_warmth_said_not_to_be_there_is_no_warmth(settings):
    # play-test 84: "No pus or anything and it's not hot" on day 5 read as warm, and NHS 111 now for peeling
    text = ("Hiya, I had microneedling 5 days ago and my skin is now peeling quite a lot and it's really itchy. No pus or "
            "anything and it's not hot. Is that normal?")
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level == URGENT and found.lingering
    # warm, said so, is still warmth past the first days
    assert not triage("had it done 5 days ago, its peeling and its hot", settings, True).lingering


@pytest.mark.parametrize("text", [
    # play-test 86: read as well again, and the urgent thread ended ("if something is worrying you, call 111 … or the
    # clinic when it opens")
    "honestly can it not just wait till monday? i dont want to sit on the phone to 111 for hours on a saturday night, i "
    "feel fine apart from it",
    "should i squeeze them? theyre like little spots, id feel better getting the gunk out",
    # play-test 223: a temperature of 38.2 after heat and throbbing, "ok otherwise": the urgent thread ended
    "just checked, 38.2. is that bad? feel ok otherwise just a bit warm",
])
def test_fine_apart_from_it_or_better_only_if_is_not_well_again(component, text):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert not message.get("triage")["well"] and not message.get("triage")["eased"]
    # well, said so, still is
    [message] = component.process([Message(data={"text": "im fine now thanks", "intent": {"name": "faq",
                                                                                      "confidence": 0.9}})])
    assert message.get("triage")["well"]


@pytest.mark.parametrize("text", [
    # play-test 85: NHS 111 now, "say that you had microneedling", before a treatment to come
    "hiya I've got microneedling booked with you on tuesday but I've come down with a stinking cold and now a cold sore "
    "on my lip as well :( should I cancel?",
    "moving my tuesday 2pm microneedling appt because I've got a cold sore and a cold, and whether there's a fee",
    # play-test 88
    "hi ive got microneedling booked with you tues but ive come down with a stinking cold and a cold sore has popped up "
    "on my top lip this morning :( should i cancel?",
    # play-test 165, twice
    "a call back when?? i need to know tonight whether to cancel my appointment tomorrow, ive got a cold sore coming",
    "cold sore starting on my lip, not sure if i can still have my 10am microneedling tomorrow",
])
def test_the_skin_before_a_treatment_booked_is_for_the_clinic(component, settings, text):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.history
    message = parsed(text, "faq", "faq/urgent")
    component.process([message])
    assert selected(message) == "faq/suitability"


@pytest.mark.parametrize("text, level", [
    # after a treatment on that day, it is a report as before
    ("follow-up after microneedling on tuesday - my cheek is oozing", URGENT),
    ("i had microneedling yesterday, my next session is on tuesday, now pus on my cheek", URGENT),
    # an emergency sign is one whatever is booked
    ("my appointment is on tuesday and my lips are swelling now", EMERGENCY),
])
def test_a_treatment_booked_beside_a_sign_after_one_had_is_the_sign(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


def test_a_treatment_booked_with_no_sign_is_no_history(settings):
    # (the first version sent such a question to the suitability answer: tests/dev3)
    assert not triage("im booked in for friday, anything i shouldnt do after?", settings, False).history


@pytest.mark.parametrize("text, entity", [
    # play-test 85: NHS 111 now to someone never treated describing what she wants treated
    ("um I don't want beard GROWTH lol, the opposite. I mean the texture of the skin there, its bumpy and has little "
     "pits", "texture"),
    # ... and at the concern prompt, two days after a session, four times
    ("acne scars on my cheeks, continuing the treatment", "acne scars"),
])
def test_a_concern_described_is_no_report(component, text, entity):
    message = parsed(text, "faq", "faq/urgent")
    start = text.index(entity)
    message.set("entities", [{"entity": "skin_concern", "value": entity, "start": start, "end": start + len(entity)}])
    component.process([message])
    assert not message.get("triage").get("level")
    # ... but the concern worse since the treatment is one
    worse = parsed("acne scars on my cheeks, they got worse after the treatment", "faq", "faq/urgent")
    worse.set("entities", [{"entity": "skin_concern", "value": "acne scars", "start": 0, "end": 10}])
    component.process([worse])
    assert worse.get("triage").get("level") == URGENT


def test_an_ambulance_that_came_told_as_a_topic_is_help_had(settings):
    # play-test 86: "call 999 again now" to a call back's topic, the mother with the paramedics
    text = ("my mum (Asha Shah) had a reaction after microneedling this morning - tongue swelling, hoarse voice, "
            "ambulance came. want to know what happened and what was used")
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.help_had
    # a sign said of now beside it is still the emergency
    assert triage("ambulance came but her tongue is swelling now", settings, True).level == EMERGENCY


@pytest.mark.parametrize("text", [
    # play-test 87: "did you mean", then the day's preparation, to what the paramedics asked
    "they r asking what was put on my face, what cream was it??",
    "the numbing cream before the needles. the paramedic needs the name of it",
])
def test_what_those_giving_care_ask_was_used_is_the_products_answer(component, text):
    message = parsed(text, "nlu_fallback", None)
    component.process([message])
    assert selected(message) == "faq/unknown_product"
    assert message.get("triage")["waiting_for_help"]


@pytest.mark.parametrize("text, flag", [
    # play-test 87: "You're welcome!", then "Please call 999 now" twice, to someone with the paramedics
    ("paramedics r here now. thank u", "care_present"),
    ("im already with the paramedics i told u. is the call back booked?", "care_present"),
])
def test_paramedics_there_in_few_words_is_care_present(component, text, flag):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("triage")[flag]


def test_a_hospital_gone_to_told_as_a_topic_is_help_had(settings):
    # play-test 87: "Please call 999 now" at the call back's topic
    text = "had a reaction tonight after my treatment, throat swelled, went to hospital. need to know the name of the cream"
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.help_had
    assert triage("throat swelled, went to hospital, and its swelling again now", settings, True).level == EMERGENCY


@pytest.mark.parametrize("text, level", [
    # play-test 88: the eye named a sentence before, then "its nearly shut now" got NHS 111
    ("its actually gone puffier while ive been typing this, its nearly shut now. the other eye is fine", EMERGENCY),
    ("my lip is swollen shut", EMERGENCY),
    # shut said of something else is no sign
    ("my face is a bit puffy, and i shut the window", EXPECTED),
])
def test_swelling_shut_is_the_emergency(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


def test_what_the_call_handler_said_it_probably_was_is_help_had(settings):
    # play-test 88: "call 999 again now … even though help is on its way" after 999 said what to do
    text = ("ok spoke to them. they said its probably an allergic reaction, told me to take an antihistamine and go to "
            "the urgent treatment centre if it gets any worse or my breathing changes. can someone from the clinic ring "
            "me on monday about what happened")
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.help_had


@pytest.mark.parametrize("text, level", [
    # play-test 90: NHS 111 now four times, the evening of the treatment
    ("ok thanks. my face feels a bit hot and tight still, like a sunburn, thats normal right?", EXPECTED),
    # later than the first days, or with another sign, or worse, it is urgent
    ("had it 5 days ago and my face is hot like a sunburn", URGENT),
    ("my face is hot and theres pus, like a sunburn", URGENT),
    ("face hot like sunburn and getting worse", URGENT),
])
def test_heat_like_a_sunburn_in_the_first_days_is_the_expected_reaction(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


def test_fine_as_claimed_by_the_one_it_happens_to_is_not_well(component):
    # play-test 89: "he says hes fine and just wants to drive home" read as well again mid-emergency
    [message] = component.process([Message(data={"text": "he says hes fine and just wants to drive home, its like 20 "
                                                          "mins. i cant drive. is that ok??",
                                                  "intent": {"name": "faq", "confidence": 0.9}})])
    assert not message.get("triage")["well"] and message.get("triage")["driving"]


def test_a_temperature_down_a_bit_after_paracetamol_is_not_well_again(component):
    # play-test 89: the urgent thread ended, and waiting till Monday offered
    [message] = component.process([Message(data={"text": "ok. i took paracetamol so the temp has gone down a bit now, "
                                                          "does that mean its ok?",
                                                  "intent": {"name": "faq", "confidence": 0.9}})])
    assert not message.get("triage")["well"]


def test_whether_it_would_be_safe_for_someone_not_treated_is_for_the_consultation(settings):
    # play-test 90: NHS 111 now to a 70-year-old on warfarin asking before any treatment
    text = ("Good evening. I am 70 years old, on warfarin and I have type 2 diabetes. Would microneedling be safe for "
            "me? I am concerned about bleeding and how well my skin would heal.")
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level is None and found.history
    assert triage("i had it yesterday and its bleeding, is it safe for me", settings, True).level == URGENT


@pytest.mark.parametrize("text, level", [
    # play-test 91: NHS 111 to confusion with a fever; the decimal point of "39.6" ended a sentence, parting them
    ("my temp is 39.6 now and i feel confused and shaky", EMERGENCY),
    ("ok ok. im just really shivery now and feel kind of muddled, like i cant think straight", EMERGENCY),
    ("my flatmate says call 999 because im not making sense. doing that now", EMERGENCY),
    # a temperature alone, with its decimal, is still the urgent route
    ("my temp is 38.4 and the spots have pus", URGENT),
])
def test_confusion_beside_a_fever_is_the_emergency(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 91: read as worse now, and NHS 111 now for an unchanged pink patch
    ("ok ill wait for monday then unless it gets worse. what time do they open monday and whats the address again", None),
    ("ill ring 111 if it spreads", None),
    # worse said of now still is
    ("it got worse since yesterday", URGENT),
])
def test_worse_only_as_a_condition_is_not_worse_now(settings, text, level):
    found = triage(text, settings, said_to_be_happening=False)
    assert found.level == level and found.worse is (level is not None)


@pytest.mark.parametrize("text, level", [
    # play-test 91: "Please call 999 now" at a call back's topic, the patient already in the ambulance
    ("allergic reaction after his treatment today - lips tingling and wheezing, epipen used, taken to st marys by "
     "ambulance", None),
    # ... and NHS 111 now to a question about the treatment itself
    ("OK. I have active acne on my jaw. Can microneedling spread the acne bacteria to other areas of my face?", None),
    # a sign said of now beside them still counts
    ("taken to hospital by ambulance but now her lips are swelling again", EMERGENCY),
    ("i had it yesterday and the redness is spreading", URGENT),
])
def test_care_told_as_a_topic_and_spread_asked_of_the_treatment(settings, text, level):
    found = triage(text, settings, said_to_be_happening=True)
    if "Can microneedling" in text:  # no sign named, whatever the classifier reads it as
        assert not found.signs and triage(text, settings, said_to_be_happening=False).level is None
    else:
        assert found.level == level


@pytest.mark.parametrize("text, cancel", [
    # play-test 92: the ambulance on its way, "if it's getting worse, call 999 again" to someone asking whether to cancel
    ("her voice is a bit better now actually and she says the swelling might be going down. should i ring them back "
     "and cancel", True),
    ("ill tell them not to come, she doesnt need an ambulance", True),
    # play-test 95: on hold to 999, "if it's getting worse, call 999 again", twice
    ("back. on hold still. she says shes feeling a bit better now. can we just hang up and skip a&e?", True),
    # switching from 111 to 999 is no help called off
    ("should i hang up and ring 999 instead or stay on hold??", False),
    # a booking cancelled is no help called off
    ("can i cancel my consultation on tuesday", False),
    ("i need to cancel the call back", False),
])
def test_emergency_help_called_off_is_read(component, text, cancel):
    message = parsed(text, "faq", "faq/reassurance")
    component.process([message])
    assert bool(message.get("triage")["cancel_help"]) is cancel


@pytest.mark.parametrize("text, flag, expected", [
    # play-test 93: an eye swelling shut, "should i just go to a&e or wait" got the suitability answer, and "im asking if
    # i go to A&E now or wait" read as emergency care had ("follow the advice you were given")
    ("999?? really? my breathing is fine i think. should i just go to a&e or wait and see if the antihistamine kicks "
     "in", "instead_of_999", True),
    ("what? im asking if i go to A&E now or wait. the eye is still shutting", "instead_of_999", True),
    ("what? im asking if i go to A&E now or wait. the eye is still shutting", "help_had", False),
    # ... and "while i wait for a taxi" waits for no help called
    ("ok. can i put ice on it while i wait for a taxi", "waiting_for_help", False),
    ("what do i do while we wait", "waiting_for_help", True),
    # as before, care had and well again ("i go hospital, now ok": play-test 63)
    ("my lips swell after treatment, i go hospital, now ok", "help_had", True),
])
def test_whether_to_go_to_a_and_e_or_wait_is_asked_not_had(component, text, flag, expected):
    message = parsed(text, "faq", "faq/suitability")
    component.process([message])
    assert bool(message.get("triage")[flag]) is expected


@pytest.mark.parametrize("text, level, lasting", [
    # play-test 93: scarring said to come from a treatment got how long results last, and a course of 3-6 offered, to
    # someone complaining of it: the clinic, or a GP, when it opens (it lasts by its nature)
    ("the scars from my treatment. are they permanent or will they fade", "urgent", True),
    ("i have small scars from the microneedling i had 3 months ago, will they fade?", "urgent", True),
    ("had a course here 3 months ago, now i have what look like small scars from it", "urgent", True),
    # acne scars wanted treated, scarring asked about, or someone else's: no report
    ("i have acne scars, will they fade after the treatment?", None, False),
    ("can microneedling leave scars?", None, False),
    ("my friend got scars from her microneedling, could that happen to me?", None, False),
    ("ive read some horror stories online about people getting scarred from microneedling, how likely is that", None,
     False),
    ("pitted scars from old spots, would it help", None, False),
])
def test_scarring_from_a_treatment_had_is_for_the_clinic(settings, text, level, lasting):
    found = triage(text, settings, False)
    assert found.level == level
    assert found.lingering is lasting


@pytest.mark.parametrize("text, level", [
    # play-test 159: after NHS 111 for yellow crusts, both were dropped
    ("and itll be a real person ringing not another bot yeah? also is the yellow stuff normal", URGENT),
    ("you didnt answer about the yellow crusty bits", URGENT),
    # asked in general: no report
    ("is yellow crusting normal after microneedling", None),
])
def test_a_sign_asked_about_as_the_one_there_is_a_report(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 157: "scars" named as a concern the clinic treats hid that the treatment left them: a consultation "for
    # your goals" offered
    ("fine. for the record its because ive got little raised scars on my cheek from it that havent gone in a month",
     "urgent"),
    ("i have acne scars, can i benefit from it", None),
])
def test_scars_said_to_be_left_by_it_are_no_concern_to_treat(settings, text, level):
    assert triage(text, settings, True, names_a_concern=True, concerns=("scars",)).level == level


@pytest.mark.parametrize("text", [
    # a scratchy throat from a cold before a treatment, and hives from plasters asked about: no emergency
    "i have a scratchy throat from a cold, can i still have my treatment tomorrow",
    "i get hives from plasters, is that a problem for the numbing cream?",
])
def test_a_scratchy_throat_or_hives_alone_before_a_treatment_is_no_emergency(settings, text):
    assert triage(text, settings, False).level != EMERGENCY


@pytest.mark.parametrize("text, lasting", [
    # play-test 94: how it looks said to be worse a week after ("worse texture") got NHS 111 now, four times: the clinic,
    # or a GP, when it opens
    ("Hi. I had microneedling at a different place a week ago and honestly the results are really uneven, some bits "
     "look better and some look exactly the same, one cheek is definitely worse texture. Can you fix it?", True),
    # redder or more swollen is worse now
    ("my skin looks worse today, more red and swollen than yesterday", False),
])
def test_only_how_it_looks_said_to_be_worse_is_for_the_clinic_when_it_opens(settings, text, lasting):
    found = triage(text, settings, False)
    assert found.level == URGENT
    assert found.lingering is lasting and found.worse is not lasting


@pytest.mark.parametrize("text, called", [
    # play-test 96: "follow what the 999 call handler tells you … before they arrive", three times, to someone who said
    # she had called no one
    ("i havent actually rung anyone yet. my partner says he can just drive me to a&e its 10 mins away", False),
    ("wait so do i ring 999 or not?? nobody is coming, i havent called", False),
    # the clinic not called yet says nothing of emergency help
    ("i havent called the clinic yet, should i", None),
    # play-test 100: the line busy is no call made
    ("the line is busy, do i still need to bother them?", False),
    # on hold to them is called (play-test 95)
    ("no its getting BETTER not worse. and nobody's on their way, im still on hold. so can i hang up or not", None),
])
def test_help_said_not_to_be_called_is_read(component, text, called):
    message = parsed(text, "faq", "faq/reassurance")
    component.process([message])
    assert message.get("triage")["not_called"] is (called is False)


@pytest.mark.parametrize("text, intent", [
    # play-test 96: "ok im calling now", after the emergency answer, got "Thanks for chatting"
    ("ok im calling now", "goodbye"),
    # play-test 167
    ("ok ok calling now", "goodbye"),
    # play-test 200: "no request in progress", in the middle of an emergency
    ("forget it. im calling 999 back", "stop"),
])
def test_calling_now_read_as_a_farewell_is_no_farewell(component, text, intent):
    [message] = component.process([Message(data={"text": text, "intent": {"name": intent, "confidence": 0.8}})])
    assert message.get("intent")["name"] == "nlu_fallback"


def test_an_appointment_asked_to_be_still_on_is_no_report(component):
    # play-test 96: "so is my wednesday 10am still happening or not??" was read as something happening (NHS 111 now)
    message = parsed("so is my wednesday 10am still happening or not??", "faq", "faq/complication")
    message.set("entities", [{"entity": "time", "value": "wednesday 10am", "start": 9, "end": 23}])
    component.process([message])
    assert selected(message) == "faq/appointments"
    # play-test 98: "moving my microneedling appt from tuesday to the week after", a call back's topic, got NHS 111 now
    message = parsed("moving my microneedling appt from tuesday to the week after. ref MN-K7 something", "faq",
                     "faq/complication")
    component.process([message])
    assert selected(message) == "faq/appointments"
    # ... and a sign said to be still there is still one
    message = parsed("my face is still red and sore since tuesday, still happening", "faq", "faq/complication")
    component.process([message])
    assert selected(message) != "faq/appointments"


def test_whether_the_clinic_still_rings_is_a_question_about_the_request(component):
    # play-test 137: "great so they wont ring tuesday now?", after a call back's time was moved, got NHS 111 now
    message = parsed("great so they wont ring tuesday now?", "faq", "faq/complication", confidence=0.23)
    message.set("entities", [{"entity": "time", "value": "tuesday", "start": 25, "end": 32}])
    component.process([message])
    assert message.get("intent")["name"] == "ask_reference"
    assert not message.get("triage")["level"]
    # ... and a sign named with it is still one
    message = parsed("will they still ring tuesday? my face is swollen and hot", "faq", "faq/complication")
    message.set("entities", [{"entity": "time", "value": "tuesday", "start": 22, "end": 29}])
    component.process([message])
    assert message.get("intent")["name"] == "faq"
    assert message.get("triage")["level"]


def test_booking_details_read_as_something_happening_with_nothing_happening_are_details(component):
    # play-test 138: at a call back's topic prompt, NHS 111 now three times and the request paused, to someone never
    # treated (the classifier's answer for something happening was left, and said)
    text = "just whether it would help my acne scars really. and which day did u put?? its weds after 7 or thurs after 7"
    message = parsed(text, "faq", "faq/complication", confidence=0.26)
    start = text.index("weds")
    message.set("entities", [{"entity": "time", "value": text[start:], "start": start, "end": len(text)}])
    component.process([message])
    assert message.get("intent")["name"] == "inform"
    assert not message.get("triage")["level"]
    # ... a treatment had, with when, is a report whatever sign its words name (the safety set: the blisters got the
    # offer of a consultation)
    text = "got little blisters popping up across my cheeks where they did the dermapen on monday"
    message = parsed(text, "faq", "faq/complication")
    message.set("entities", [{"entity": "time", "value": "on monday", "start": 76, "end": 85}])
    component.process([message])
    assert message.get("intent")["name"] != "inform"
    # ... and a sign named beside a time is still one
    text = "my chin is weeping and hot since tuesday"
    message = parsed(text, "faq", "faq/complication")
    message.set("entities", [{"entity": "time", "value": "tuesday", "start": 33, "end": 40}])
    component.process([message])
    assert message.get("triage")["level"]


def test_rough_skin_in_the_first_days_is_an_expected_reaction_the_guide_does_not_name(component):
    # play-test 144: "is the rough sandpapery feeling normal at least? its day 3" got NHS 111 now, four times
    message = parsed("is the rough sandpapery feeling normal at least? its day 3", "faq", "faq/complication")
    component.process([message])
    assert message.get("triage")["level"] == "expected"
    assert message.get("triage")["not_in_the_guide"]


def test_what_is_to_come_asked_before_any_treatment_is_no_report(component):
    # play-test 142: "sweating" in a question about the gym, from someone never treated, got NHS 111 now
    message = parsed("ok and if i go to the gym the day after is that a problem, sweating etc", "faq",
                     "faq/complication")
    component.process([message])
    assert message.get("triage")["level"] is None
    # ... said to be so now, it is one
    message = parsed("i went to the gym after my treatment yesterday and now im sweating and shivery", "faq",
                     "faq/complication")
    component.process([message])
    assert message.get("triage")["level"]


def test_the_clinic_instead_of_999_read_as_a_change_is_unclear(component):
    # play-test 142: after the emergency's answer, "can i not just ring the clinic instead" was read as a change to a
    # booking, and a consultation offered; unclear, the thread says its route again
    message = parsed("can i not just ring the clinic instead", "correct_booking")
    component.process([message])
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("triage")["instead_of_999"]
    # a change to a booking with its detail stays one
    message = parsed("can i change it to friday instead", "correct_booking")
    message.set("entities", [{"entity": "time", "value": "friday", "start": 17, "end": 23}])
    component.process([message])
    assert message.get("intent")["name"] == "correct_booking"


def test_a_request_said_to_be_confirmed_is_no_advice_had(component):
    # play-test 141: "has the clinic confirmed my booking MN-KX7U" got "follow the advice you were given"
    message = parsed("has the clinic confirmed my booking MN-KX7U", "faq", "faq/reassurance")
    component.process([message])
    assert message.get("intent")["name"] == "ask_reference"
    # advice had about a sign is still that
    message = parsed("the clinic said the swelling is normal for day one", "faq", "faq/complication")
    component.process([message])
    assert message.get("intent")["name"] != "ask_reference"


def test_a_send_with_no_sign_named_is_the_send(component):
    # play-test 139: "ugh its still got the weird bits. whatever just send it" (of the summary's words) at the summary
    # got NHS 111 now, and the request paused
    message = parsed("ugh its still got the weird bits. whatever just send it", "faq", "faq/complication")
    component.process([message])
    assert message.get("intent")["name"] == "affirm"
    assert not message.get("triage")["level"]
    # ... and a sign named with it is still one
    message = parsed("my cheek is still swollen and hot. whatever just send it", "faq", "faq/complication")
    component.process([message])
    assert message.get("triage")["level"]


def test_something_happening_with_no_sign_there_for_months_is_lasting(component):
    # play-test 96: "little pitted marks, theyve been there since about 2 weeks after my last session" (two and a half
    # months) got NHS 111 now: read as something happening, no sign named, and there for months
    message = parsed("will the scars fade at least? theyre like little pitted marks, theyve been there since about 2 "
                     "weeks after my last session", "faq", "faq/complication")
    component.process([message])
    assert message.get("triage")["lasting"] is True


@pytest.mark.parametrize("text, level", [
    # play-test 97: the needles' marks on day 1 got NHS 111 now for their "dots", four times
    ("hi i had my microneedling yesterday and now i have these tiny pinpoint dots in lines all over my cheeks, like a "
     "grid, and it feels like sunburn. is this normal??", EXPECTED),
    ("i had it yesterday. the little dots in lines, thats just where the needles went yeah?", EXPECTED),
    # spots with yellow heads are still an infection's sign
    ("had it 2 days ago and now there are red spots with yellow heads", URGENT),
])
def test_the_needles_marks_in_peoples_words_are_expected_in_the_first_days(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 97: a call back's topic telling of paramedics had got "Please call 999 now"
    ("about what happened to Liam tonight after his treatment, he nearly fainted and we had paramedics out", None),
    # asked whether to get them is no help had
    ("he nearly fainted, should we get paramedics out?", EMERGENCY),
])
def test_paramedics_had_out_is_help_had(settings, text, level):
    assert triage(text, settings, False).level == level


def test_a_sign_named_beside_an_appointment_is_still_a_report(component):
    # an appointment named with something happening ("my appointment was yesterday and now its oozing") is a report
    message = parsed("my appointment was yesterday and now my cheek is oozing yellow stuff", "faq", "faq/complication")
    component.process([message])
    assert selected(message) == "faq/urgent"


def test_an_appointment_only_named_beside_something_not_right_is_still_a_report(component):
    message = parsed("i had my consultation last week and the treatment yesterday, something's not right with my skin",
                     "faq", "faq/complication")
    component.process([message])
    assert selected(message) == "faq/urgent"


def slip(text, found):
    """`found`: (entity, word) pairs of what the guide does not cover, at where the word is in the text."""
    message = parsed(text, "faq", "faq/complication", confidence=0.85)
    message.set("entities", [{"entity": kind, "value": word, "start": text.index(word), "end": text.index(word) +
                              len(word)} for kind, word in found])
    return message


@pytest.mark.parametrize("text, found, expected", [
    # play-test 106: NHS 111 now, ten times, to someone with no sign who went to the gym and used her retinol
    ("hiya had my microneedling yesterday and stupidly forgot and went to the gym after work, sweated loads. AND i put "
     "my normal retinol on last night before bed. have i ruined it?? what do i do now",
     [("unknown_activity", "gym"), ("unknown_product", "retinol")], "faq/unknown_activity"),
    ("treated yesterday, used retinol by mistake, want to know if ive ruined it",
     [("unknown_product", "retinol")], "faq/unknown_product"),
])
def test_something_done_after_a_treatment_with_no_sign_is_what_the_guide_does_not_cover(component, text, found,
                                                                                         expected):
    message = slip(text, found)
    component.process([message])
    assert selected(message) == expected
    assert not message.get("triage")["level"]


@pytest.mark.parametrize("text, found, expected", [
    # ... and a sign beside it is still triaged
    ("went to the gym the day after my treatment and now my face is hot and swollen with yellow crusts",
     [("unknown_activity", "gym")], "faq/urgent"),
    ("used my retinol after microneedling yesterday and now my lips are swelling and its hard to breathe",
     [("unknown_product", "retinol")], "faq/emergency"),
])
def test_something_done_after_a_treatment_with_a_sign_is_still_triaged(component, text, found, expected):
    message = slip(text, found)
    component.process([message])
    assert selected(message) == expected


def test_the_route_questioned_is_no_question_of_its_own(component):
    # play-test 106: "why do you keep telling me to ring 111" got the privacy notice, alone and beside the expected
    # reaction's answer
    message = parsed("why do you keep telling me to ring 111", "faq", "faq/privacy")
    component.process([message])
    assert message.get("intent")["name"] == "nlu_fallback"
    text = "why do you keep telling me to ring 111. my skin is a bit pink and a bit sensitive, day after. isnt that normal?"
    message = parsed(text, "faq", "faq/expected_reaction")
    message.set("question_parts", [{"text": "why do you keep telling me to ring 111.", "start": 0, "end": 39,
                                    "intent_response_key": "faq/privacy", "confidence": 0.59}])
    component.process([message])
    assert selected(message) == "faq/expected_reaction"
    assert [q["intent_response_key"] for q in message.get("questions") or []] in ([], ["faq/expected_reaction"])


@pytest.mark.parametrize("text, answer", [
    # play-test 106: "when do i call 999 instead" fell to "did you mean", and "if that happens do i still just ring
    # 111?" got NHS 111 again: what to do if a sign comes, with 999's signs
    ("ok ok. what do i even say to them. and what if it gets worse in the night, like when do i call 999 instead",
     "faq/privacy"),
    ("and my mum says blood poisoning can make you go confused or get blotchy skin, if that happens do i still just "
     "ring 111?", "faq/complication"),
    ("so even if i got confused its still 111 not 999?", "faq/privacy"),
])
def test_when_999_is_for_asked_is_what_to_do_if_a_sign_comes(component, text, answer):
    message = parsed(text, "faq", answer)
    message.set("unsure_parts", ["and what if it gets worse in the night, like"])
    component.process([message])
    # (or the urgent route, read as something happening, whose words then say 999's signs: actions/answers.py)
    assert selected(message) in ("faq/warning_signs", "faq/expected_reaction", "faq/urgent")
    assert message.get("triage")["when_999"]
    # a part not understood that names a sign is about what is happening, which the answer is
    assert message.get("unsure_parts") == []


def test_should_i_call_999_is_still_which_number():
    from components.triage import _WHEN_999

    assert not _WHEN_999.search("should i call 999")
    assert not _WHEN_999.search("when can i go back to the gym")


def test_what_to_tell_999_after_question_marks_is_that_question(component):
    # play-test 106: "hang up on 111 and ring 999?? what do i say" got the privacy notice
    message = parsed("hang up on 111 and ring 999?? what do i say", "faq", "faq/privacy")
    component.process([message])
    assert selected(message) == "faq/emergency_explained"


@pytest.mark.parametrize("intent, answer", [
    # play-test 105: "will it bleed tho? im a bit squeamish", from someone never treated, got "I can't tell you whether
    # it's fine … NHS 111 now"
    ("faq", "faq/reassurance"),
    ("nlu_fallback", "faq/pain"),
])
def test_whether_it_bleeds_asked_of_the_treatment_is_the_procedure(component, intent, answer):
    message = parsed("ok thats not too bad. will it bleed tho? im a bit squeamish", intent, answer)
    component.process([message])
    assert selected(message) == "faq/procedure"
    # ... and bleeding said to be happening is still triaged as it was
    message = parsed("i had microneedling yesterday and it keeps bleeding, will it stop?", "faq", "faq/reassurance")
    component.process([message])
    assert selected(message) != "faq/procedure"


@pytest.mark.parametrize("text, intent, answer, entities, expected_intent, expected", [
    # play-test 106: "is it worth it?" got "I can't tell you whether it's fine … NHS 111 now": what it improves
    ("is it worth it?", "faq", "faq/reassurance", [], "faq", "faq/results"),
    ("honestly, does it actually work or is it a gimmick", "faq", "faq/reassurance", [], "faq", "faq/results"),
    # ... "i just gave it you?? 07700 900 512" at the contact prompt got it too, and the number was asked for again
    ("i just gave it you?? 07700 900 512", "faq", "faq/reassurance",
     [{"entity": "phone", "value": "07700 900 512", "start": 21, "end": 34}], "inform", None),
    # ... "ok and if i do want to move it to the week after how do i do that" got the suitability answer
    ("ok and if i do want to move it to the week after how do i do that", "faq", "faq/suitability", [], "faq",
     "faq/appointments"),
])
def test_questions_found_by_play_test_106(component, text, intent, answer, entities, expected_intent, expected):
    message = parsed(text, intent, answer)
    message.set("entities", entities)
    component.process([message])
    assert message.get("intent")["name"] == expected_intent
    if expected:
        assert selected(message) == expected


def test_a_sign_asked_about_with_its_worth_is_still_triaged(component):
    message = parsed("is it worth it if my face is still swollen and hot with pus after the last one?", "faq",
                     "faq/reassurance")
    component.process([message])
    assert selected(message) == "faq/urgent"


@pytest.mark.parametrize("text, flagged", [
    # play-test 108: after a spreading red streak and shivers, "muddled, like foggy" and "i AM a bit confused" got NHS
    # 111: the sepsis sign's words, said on their own, are flagged for the infection's thread (actions/answers.py)
    ("ok. the streak is a bit longer than an hour ago tbh. and i feel a bit muddled, like foggy. is that normal?", True),
    ("i AM a bit confused tho, thats what i said. so do i call 999 or 111??", True),
    # play-test 132: with a fever after a treatment, only what 111 is was explained
    ("what number is 111 again lol sorry im a bit out of it", True),
    # puzzled by what was said, or asked of the future, is not
    ("im confused which one, 111 or the clinic?", False),
    # play-test 149: a choice asked, then the confusion; and said not to be "confused confused"
    ("yes to a&e or yes to 111? im confused", False),
    ("999?? no i meant im confused by what you said, not like confused confused. my head is fine", False),
    ("what if i get confused later, is that 999?", False),
])
def test_the_sepsis_signs_words_alone_are_flagged_for_an_infections_thread(component, text, flagged):
    message = parsed(text, "faq", "faq/reassurance")
    component.process([message])
    assert message.get("triage")["after_an_infection_emergency"] == flagged


@pytest.mark.parametrize("text, allergy, throat", [
    # play-test 149: the allergic reaction, then the throat, in two messages
    ("please help, i think i'm having an allergic reaction", True, False),
    ("my throat feels scratchy", False, True),
    ("what if i get an allergic reaction to the cream?", False, False),
])
def test_an_allergy_and_a_throat_after_it_are_flagged_for_the_thread(component, text, allergy, throat):
    message = parsed(text, "faq", "faq/complication")
    component.process([message])
    assert (message.get("triage")["allergy"], message.get("triage")["after_an_allergy_emergency"]) == (allergy, throat)


def test_whether_to_see_a_gp_asked_is_no_help_had(settings):
    # play-test 108: "should i see my gp about it first or just come to you" got "follow the advice you were given"
    found = triage("my mole got bigger. should i see my gp about it first or just come to you", settings, False)
    assert not found.help_had
    # ... while care had is still that
    assert triage("ambulance come, hospital give medicine, now ok", settings, False).help_had


def test_something_done_after_a_treatment_without_asking_about_the_results_is_still_triaged(component):
    # how the skin is after it is asked of what is happening (a blind set's complication, read on totals only, lost
    # its route when every slip was read as what the guide does not cover)
    message = slip("i used my retinol the night after my microneedling and my skin feels weird now",
                   [("unknown_product", "retinol")])
    component.process([message])
    assert selected(message) == "faq/urgent"


@pytest.mark.parametrize("text, expected", [
    # play-test 107: the suitability answer, for the antihistamines, and the request not picked up
    ("hi again, paramedics gave me antihistamines and im fine now. can we carry on with the booking?",
     "book_consultation"),
    # ... a sign now is still triaged first
    ("my lips are swelling again, can we carry on with the booking?", "faq"),
])
def test_the_request_asked_to_be_picked_up_again_is_that(component, text, expected):
    message = parsed(text, "faq", "faq/suitability")
    component.process([message])
    assert message.get("intent")["name"] == expected


def test_the_classifiers_next_answer_for_nothing_happening_is_one_about_the_treatment(component):
    # play-test 110: "what if I'm still red?", read as something happening that triage finds is none, got the
    # classifier's next answer, the privacy notice
    message = parsed("what if I'm still red?", "faq", "faq/complication", confidence=0.47)
    message.get("response_selector")["faq"]["ranking"] = [
        {"intent_response_key": "faq/complication", "confidence": 0.47},
        {"intent_response_key": "faq/privacy", "confidence": 0.40},
        {"intent_response_key": "faq/downtime", "confidence": 0.10},
    ]
    component.process([message])
    assert selected(message) != "faq/privacy"
    # ... and one about the treatment is still taken
    message = parsed("what if I'm still red?", "faq", "faq/complication", confidence=0.47)
    message.get("response_selector")["faq"]["ranking"] = [
        {"intent_response_key": "faq/complication", "confidence": 0.47},
        {"intent_response_key": "faq/results", "confidence": 0.40},
    ]
    component.process([message])
    assert selected(message) == "faq/results"


def test_pigmentation_had_asked_if_it_helps_is_a_concern_and_feared_is_not(settings):
    # play-test 109: melasma, asked whether microneedling helps, by someone never treated, got NHS 111 now
    text = "ok. i have melasma, the dark patch in face, since my pregnancy. microneedling is good for this? it go away?"
    assert triage(text, settings, said_to_be_happening=False).concern
    # pigmentation feared, not had, is the suitability question it was (dev3)
    text = "does it work on darker skin tones? im black and worried about pigmentation"
    assert not triage(text, settings, said_to_be_happening=False).concern


def test_whether_the_ambulance_is_still_needed_is_calling_it_off(component):
    # play-test 112: read as whether the one asking may drive
    text = "he used the pen and says hes breathing a bit easier now. do we still need the ambulance or can i just drive him in"
    message = parsed(text, "faq", "faq/unknown_activity")
    component.process([message])
    assert message.get("triage")["cancel_help"] and message.get("triage")["instead_of_999"]


def test_a_request_with_a_number_is_no_reassurance_read_as_a_number_given(component):
    # the held-out set: "can i come in thursday morning? it's tom ruiz, 07911 123456" became "inform" when the answer
    # the classifier ranked first was the reassurance, though it read a request to book
    text = "can i come in thursday morning? it's tom ruiz, 07911 123456"
    message = parsed(text, "book_consultation", "faq/reassurance")
    message.set("entities", [{"entity": "phone", "value": "07911 123456", "start": 47, "end": 59}])
    component.process([message])
    assert message.get("intent")["name"] == "book_consultation"


@pytest.mark.parametrize("text, level", [
    # play-test 111: "is microneedling more painful than laser out of interest" got NHS 111 now, "more" and "painful"
    # read as pain getting worse
    ("is microneedling more painful than laser out of interest", None),
    ("does it hurt more than a tattoo?", None),
    # compared with an earlier time, it is pain getting worse
    ("my cheek is more painful than yesterday since my treatment", URGENT),
    ("had it done tuesday and it hurts more than this morning", URGENT),
])
def test_the_treatments_pain_compared_with_anothers_is_no_report(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


def test_the_treatments_pain_compared_is_the_pain_answer(component):
    message = parsed("great so they'll ring monday after 5? and is microneedling more painful than laser out of interest",
                     "faq", "faq/complication")
    component.process([message])
    assert selected(message) == "faq/pain"


@pytest.mark.parametrize("text, had", [
    # play-test 116: an emergency had, with help, may come back (actions/answers.py `an_emergency_earlier`)
    ("hi, i had a reaction earlier today after my microneedling, my throat went tight and the paramedics came. they "
     "checked me over and said im fine and left", True),
    # help had for no emergency's sign
    ("i rang the clinic and they said the redness is normal for day one", False),
])
def test_an_emergency_had_with_help_is_said_so(component, text, had):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("triage")["help_had"] and message.get("triage")["emergency_had"] is had


@pytest.mark.parametrize("text, greeted", [
    # the safety set: "Hello, I had collagen induction with you yesterday." got "contact the clinic … to have it
    # checked", then NHS 111 now for the expected reaction said next
    ("Hello, I had collagen induction with you yesterday.", True),
    ("Good day. I did microneedling in your clinic yesterday.", True),
    # something said beside it, or no greeting: triaged as before
    ("hi, I had microneedling yesterday and my lips are swelling", False),
    ("I had my treatment today", False),
])
def test_a_greeting_and_the_treatment_had_is_no_report(component, text, greeted):
    [message] = component.process([parsed(text, "faq", "faq/complication", confidence=0.9)])
    assert (message.get("intent")["name"] == "greet") is greeted
    if not greeted:
        assert message.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, intent, route", [
    # play-test 135: in an emergency's thread, a call back offered, then a request's reference
    ("ok ok. can i not just take a piriton and ring the clinic tomorrow? dont want to waste an ambulance",
     "request_human", True),
    ("so which is it, 999 now or ring them tomorrow? im confused", "ask_reference", True),
    # the clinic tomorrow, with no 999 or ambulance named, is what was asked
    ("can someone from the clinic ring me tomorrow", "request_human", False),
])
def test_the_clinic_tomorrow_in_place_of_999_asks_whether_to_call_it(component, text, intent, route):
    message = parsed(text, intent, "faq/clinic_info")
    component.process([message])
    assert (selected(message) == "faq/emergency_explained") is route
    assert (message.get("intent")["name"] == "faq") is route
    assert bool((message.get("triage") or {}).get("instead_of_999")) is route


@pytest.mark.parametrize("text, level", [
    # play-test 166: after the expected reaction's answer, "its burning a lot" was read as nothing happening, and got a
    # menu; the level its signs would have as the person's own is kept for the dialogue (actions/answers.py)
    ("hello?? did u read what i said, its burning a lot", "urgent"),
    ("what is microneedling", None),
])
def test_the_level_of_signs_read_as_ones_own_is_kept(component, text, level):
    message = parsed(text, "nlu_fallback", "faq/pain")
    component.process([message])
    assert message.get("triage")["level"] is None
    assert message.get("triage")["level_if_happening"] == level


@pytest.mark.parametrize("text, happening, level", [
    # play-test 169: "sorry my eyes" (= I misread) got NHS 111 now, and the request paused, to someone never treated
    ("oh so it is, sorry my eyes. actually could it be the following thursday, the 17th, same time", False, None),
    ("sorry, my eyes!! i misread it", False, None),
    # eyes said with what is happening to them are a sign as before
    ("sorry my eyes are really sore and swollen", False, URGENT),
    ("my eyes are swollen after microneedling", True, URGENT),
])
def test_eyes_named_for_misreading_are_no_sign(settings, text, happening, level):
    assert triage(text, settings, said_to_be_happening=happening).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 177: redness gone since, asked whether it was normal, got "have it checked"
    ("Hi, I had my first microneedling session here last Tuesday. When should I book the next one? Also I was quite "
     "red for 2-3 days after, was that normal? It's all gone now", EXPECTED),
    # still there, or back and worse: the clinic
    ("had it done 10 days ago, still red", URGENT),
    ("had it 10 days ago, the redness had gone but now its back and worse", URGENT),
])
def test_an_expected_sign_gone_since_gets_the_guides_words(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


@pytest.mark.parametrize("text, just_asking", [
    # play-test 171: the clinic today, twice, to someone whose spots had gone months before
    ("nah theyre gone, that was like months ago. i just meant in general. anyway how many sessions would i need", True),
    ("theres nothing on my skin right now!! i was asking how many sessions id need", True),
    ("there's nothing wrong with my face, i was asking about the aftercare", True),
    # what was meant, of something else, is no "just asking"
    ("i meant my cheeks are still red", False),
])
def test_said_to_be_only_a_question(component, text, just_asking):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("triage")["just_asking"] is just_asking


@pytest.mark.parametrize("entities, expected", [
    # play-test 181: "is crusting normal after microneedling?", asked before any treatment, got the side effects the
    # guide names as if they answered it: the answer that says the guide does not name it
    ([{"entity": "unnamed_side_effect", "value": "crusting", "start": 3, "end": 11}], "faq/unknown_side_effect"),
    ([], "faq/side_effects"),
])
def test_a_side_effect_the_guide_does_not_name_is_said_to_be_so(component, entities, expected):
    message = parsed("is crusting normal after microneedling? not had it yet", "faq", "faq/complication")
    message.set("entities", entities)
    component.process([message])
    assert selected(message) == expected


@pytest.mark.parametrize("text, level", [
    # play-test 185: NHS 111 now to someone never treated, as scarring from the course
    ("will my scars be completely gone after the course or just a bit less noticeable", None),
    # scarring a course left, or worse after it, is the urgent route still
    ("ive got new scars after the course, will they go away", URGENT),
    ("my scars got worse after the course", URGENT),
])
def test_scars_asked_to_go_after_a_course_are_the_results(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False, concerns=("scars",)).level == level


@pytest.mark.parametrize("text, lingering", [
    # play-test 187: bumpy texture five weeks after, no pain, redness or heat: NHS 111 now in 8 replies of 11; the
    # clinic, or a GP, when it opens
    ("I had my second microneedling session with you about 5 weeks ago and my skin texture is now uneven - some bumpy "
     "patches on my cheeks that weren't there before.", True),
    # in the first days, or with heat or pain, or getting worse: NHS 111 now still
    ("had it done 4 days ago and theres some small bumps", False),
    ("3 weeks ago and now a hot painful lump", False),
    ("3 weeks ago and theres a bump thats getting bigger", False),
])
def test_how_the_skin_looks_weeks_after_is_for_the_clinic_when_it_opens(settings, text, lingering):
    found = triage(text, settings, said_to_be_happening=True)
    assert found.level == URGENT and found.lingering is lingering


@pytest.mark.parametrize("text, level", [
    # play-test 186: sessions supposed, "worse after the first one" asked, got "contact the clinic now"
    ("so if i had 3 sessions and the redness every time, thats like 3 lots of a few days. is the redness worse after "
     "the first one or the same each time", None),
    # had, and worse now: the urgent route
    ("i had 3 sessions and now the redness is worse", URGENT),
])
def test_sessions_supposed_are_no_report(settings, text, level):
    assert triage(text, settings, said_to_be_happening=True).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 186: a question about makeup the morning after, before any treatment, got the expected reaction's route
    ("could i just cover the redness with makeup the next morning then?", None),
    # treated, and red now: the expected reaction
    ("i had it yesterday, could i cover the redness with makeup today?", EXPECTED),
])
def test_covering_the_redness_after_is_asked_of_what_is_to_come(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


def test_whom_to_contact_is_no_booking_detail(component):
    # play-test 189: "who do i contact" (a booking field named) made the message a booking's detail: the concern
    # fallback, no route
    text = "and if i had a bad reaction after, like at night, who do i contact"
    message = parsed(text, "faq", "faq/complication")
    start = text.index("contact")
    message.set("entities", [{"entity": "booking_field", "value": "booking_contact", "start": start,
                              "end": start + len("contact")}])
    component.process([message])
    assert message.get("intent")["name"] == "faq"
    # a route, as "… who do i call" gets: the urgent one here, as "had a bad reaction" reads as one had (the warning
    # signs' answer would fit better to someone never treated)
    assert selected(message) in (WARNING_SIGNS_ANSWER, ANSWERS[URGENT])


@pytest.mark.parametrize("text, level", [
    # the FAQ paraphrases: "after it" in a question of what skin does read as a treatment had, and the urgent route
    # given to someone never treated
    ("does your skin scab after it", None),
    ("will my skin scab after it?", None),
    ("does your skin crust after it?", None),
    ("does your face swell up after microneedling", None),
    # a treatment said to be had, or a sign said of now, is no general question
    ("my skin is scabbing after it", URGENT),
    ("does my skin look infected after it", URGENT),
    ("will my skin scab after it? mine is oozing now", URGENT),
    ("had it yesterday, will my face swell after it?", EXPECTED),
])
def test_what_skin_does_after_it_asked_is_no_treatment_had(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize("text, intent, answer, expected", [
    # play-tests 190 and 191, in an emergency's thread: the suitability answer, and how long results last
    ("and if it gets worse while im waiting?", "faq", "faq/suitability", WARNING_SIGNS_ANSWER),
    ("thanks. if the tightness comes back tonight what do i do", "faq", "faq/unknown_longevity", WARNING_SIGNS_ANSWER),
    ("if my lips swell again what do i do", "faq", "faq/side_effects", WARNING_SIGNS_ANSWER),
    # a concern coming back, or "it" coming back after the results: as the classifier read it
    ("if my acne comes back after will it need more sessions?", "faq", "faq/sessions", "faq/sessions"),
    ("what if it comes back", "faq", "faq/unknown_longevity", "faq/unknown_longevity"),
])
def test_a_sign_supposed_to_get_worse_asks_what_to_do_then(component, text, intent, answer, expected):
    message = parsed(text, intent, answer)
    component.process([message])
    assert selected(message) == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 190: the request's reference, and the question beside it answered as if no help were coming
    ("thanks. theyre telling me to wait for a call back from 111 now (the 999 lady). can i put some ice on my lips "
     "while i wait?", "faq"),
    # the clinic's call, or a request, asked about: as the classifier read it
    ("111 rang me back already, has the clinic got my request?", "ask_reference"),
    ("waiting for a call back from 111, did my request go through to the clinic?", "ask_reference"),
])
def test_a_call_back_from_the_help_called_is_no_request_asked_about(component, text, expected):
    message = parsed(text, "ask_reference", "faq/unknown_product")
    component.process([message])
    assert message.get("intent")["name"] == expected


def test_the_parents_part_beside_the_age_policy_is_the_policy(component):
    # play-test 190: the privacy notice beside the age policy for "what do I have to sign", and "I wasn't sure what you
    # meant" for "so I have to come with him?"
    text = "so I have to come with him? what exactly do I have to sign, is it a form on the day?"
    message = parsed(text, "faq", "faq/privacy")
    part = "what exactly do I have to sign, is it a form on the day?"
    message.set("question_parts", [{"text": part, "start": text.index(part), "end": len(text),
                                    "intent_response_key": "faq/privacy", "confidence": 0.7}])
    message.set("unsure_parts", ["so I have to come with him?"])
    component.process([message])
    assert selected(message) == "faq/minors"
    assert [question.get("intent_response_key") for question in message.get("questions") or []] in ([], ["faq/minors"])
    assert message.get("unsure_parts") == []


@pytest.mark.parametrize("text, expected", [
    # play-test 193: NHS 111 now, and "say that you had microneedling", to someone never treated with no sign
    ("i dont want microneedling on my HANDS. i asked if i keep using my steroid cream as normal until they call",
     SUITABILITY_ANSWER),
    # a sign said beside it, of a treatment had: its route
    ("had it 2 days ago, its hot and throbbing and spreading, should i keep taking my antibiotics", ANSWERS[URGENT]),
])
def test_a_medicines_use_asked_is_no_report(component, text, expected):
    message = parsed(text, "faq", "faq/complication", confidence=0.82)
    component.process([message])
    assert selected(message) == expected


def test_what_the_clinic_said_to_expect_is_no_help_had(settings):
    # play-test 194: "follow the advice you were given", twice, to someone with a hot, spreading cheek who had called
    # no one
    said_to_expect = "its probably just normal redness right, they said id be red for a few days"
    assert not triage(said_to_expect, settings, said_to_be_happening=True).help_had
    assert triage("i rang them and they said its normal for day one", settings, said_to_be_happening=True).help_had


def test_whether_to_call_now_asked_in_a_thread_is_its_route(component):
    # play-test 194: "No rush" to "do i need to call them now or not. yes or no", after the urgent route
    message = parsed("ok sorry im confused. do i need to call them now or not. yes or no", "deny", None, 0.7)
    component.process([message])
    assert message.get("intent")["name"] == "nlu_fallback"  # the thread's route again (actions/answers.py)


@pytest.mark.parametrize("text, expected", [
    # play-test 195: NHS 111 now to someone with no sign, asking about foundation after her treatment
    ("no i mean AFTER. i already had it done. foundation after microneedling, yes or no", "faq/unknown_activity"),
    ("had it done yesterday, can i use my normal moisturiser", "faq/unknown_product"),
    # a sign named beside it keeps its route
    ("had it done yesterday, its hot and throbbing and spreading, can i use my normal moisturiser", ANSWERS[URGENT]),
])
def test_whether_something_may_be_done_after_asked_is_no_report(component, text, expected):
    message = parsed(text, "faq", "faq/complication", confidence=0.92)
    entity = "unknown_activity" if "foundation" in text else "unknown_product"
    value = "makeup" if entity == "unknown_activity" else "moisturiser"
    start = text.index("foundation" if entity == "unknown_activity" else "moisturiser")
    message.set("entities", [{"entity": entity, "value": value, "start": start, "end": start + 8}])
    component.process([message])
    assert selected(message) == expected


@pytest.mark.parametrize("text, level", [
    # play-test 195: "Please call 999 now" to someone never treated, on her sofa
    ("ok but like what would actually happen if i fainted afterwards at home? what should i do", None),
    # a faint said first, then the question: the emergency
    ("i fainted after it, what would happen if i go to sleep", EMERGENCY),
])
def test_what_would_happen_if_asked_first_is_what_if(settings, text, level):
    assert triage(text, settings, said_to_be_happening=False).level == level


@pytest.mark.parametrize("text, help_had, not_called, not_yet", [
    # play-test 213: 111 online still loading is no advice had; "havent been given any advice" is no treatment to come;
    # on hold to 111 is no 999 called
    ("ok I tried 111 online but its so slow, been sitting on it 20 mins. is it really that bad? its only a small patch",
     False, False, False),
    ("I havent been given any advice yet thats the point, the online thing is just loading. should I just go to A&E "
     "instead?", False, False, False),
    ("i havent called 999 yet, im on hold with 111. so do i call 999 now??", False, True, False),
    # advice had is still had
    ("111 said to see the out of hours gp tonight", True, False, False),
])
def test_help_sought_is_not_help_had(component, text, help_had, not_called, not_yet):
    message = Message(data={"text": text})
    component.process([message])
    triage = message.get("triage")
    assert (triage["help_had"], triage["not_called"], triage["not_yet"]) == (help_had, not_called, not_yet)


@pytest.mark.parametrize("text, called", [
    # play-tests 220 and 224: "ok I've called them", after "Please call 999 now": 999, or the clinic's reception
    ("ok I've called them", True),
    ("i rang them", True),
    # emergency help named is help on its way, not a call whom to is unsaid
    ("ok i called 999", False),
    ("i havent called them yet", False),
])
def test_a_call_whom_to_is_not_said_is_read_as_such(component, text, called):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "affirm", "confidence": 0.5}})])
    assert message.get("triage")["called_unnamed"] is called


@pytest.mark.parametrize("text, next_treatment", [
    # play-test 225: "rang them again" read as a treatment again ("don't go ahead with your next session" mid-emergency)
    ("rang them again. she has some hayfever antihistamine tablets in her bag, should she take one?", False),
    ("called 999 again, should she take one", False),
    # a treatment again, as ever
    ("can i have it again next month", True),
    ("should i go ahead with my next session", True),
])
def test_a_call_made_again_is_no_treatment_again(component, text, next_treatment):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9}})])
    assert message.get("triage")["next_treatment"] is next_treatment


@pytest.mark.parametrize("text, level", [
    # play-test 227: a temperature read as a yes, and the clinic when it opens
    ("just took my temperature, 38.3, otherwise fine", "urgent"),
    ("temp is 38.4", "urgent"),
    # a temperature that is no fever, or no reading at all
    ("my temperature is normal, 36.8", None),
    ("i took my temp 2 times, all fine", None),
])
def test_a_high_temperature_read_is_something_happening(component, text, level):
    [message] = component.process([Message(data={"text": text, "intent": {"name": "affirm", "confidence": 0.4}})])
    assert message.get("triage")["level"] == level


@pytest.mark.parametrize("text, level", [
    # play-test 230: a medicine taken for years, and bleeding asked of a treatment to come, read as something lasting
    # after a treatment (the clinic today), even though the classifier reads it as happening
    ("Now the other thing my son said to ask is about bleeding, I'm on warfarin since many years. Will I bleed a lot "
     "when they do it?", None),
    ("I take blood thinners. would i bruise badly from the needles?", None),
    # bleeding now, or after a treatment had, is still reported
    ("im bleeding from my cheek, will i scar?", URGENT),
    ("I had it done yesterday and it's still bleeding, will I bleed like this for long?", URGENT),
])
def test_what_a_treatment_to_come_will_do_is_asked_not_reported(settings, text, level):
    assert triage(text, settings, True).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 233: what is to come, asked by someone never treated, read as redness now ("would i still be red")
    ("ok but would i still be red a week later at the wedding or would it of gone down by then", None),
    ("will i still be swollen the next day", None),
    # a treatment had: still what is happening
    ("i had it done yesterday, will i still be red tomorrow?", EXPECTED),
    # play-test 248: a treatment had, "from the microneedling on sunday", read as one to come, and no route at all
    ("the clinic isnt picking up and my face is still itchy with the red dots from the microneedling on sunday. what do "
     "i do", URGENT),
    # play-test 249: NHS 111 now to someone never treated, asking what it might leave
    ("is microneedling safe for dark skin? Im Black and worried about getting marks or dark patches after", None),
    ("im nervous about ending up with scars", None),
    # ... unless a treatment was had
    ("i had it done 3 days ago and now i have dark patches, im worried about getting more", URGENT),
])
def test_what_is_still_to_come_is_asked_not_reported(settings, text, level):
    assert triage(text, settings, False).level == level


def test_lines_around_the_eyes_are_a_concern_whoever_else_was_treated(settings):
    # play-test 232: "… she had it done … I'm 52 and mostly bothered about the lines around my eyes" (her daughter's
    # treatment) got the clinic today for something lasting
    text = ("my daughter had it done somewhere in Manchester and loved it, I've been reading about it for months. I'm "
            "52 and mostly bothered about the lines around my eyes. How many sessions would I need?")
    assert triage(text, settings, False, names_a_concern=True, concerns=["lines"]).level is None
    # the person's own treatment: the eyes are a sign again
    own = "i had microneedling yesterday and the lines around my eyes look swollen and my eye is watering"
    assert triage(own, settings, False, names_a_concern=True, concerns=["lines"]).level == URGENT


@pytest.mark.parametrize("text, patient", [
    ("im asking if i had it done would the redness be gone in a week", False),  # play-test 233: supposed
    ("once i had it done, what then", False),
    ("i had it done yesterday", True),
    # play-test 257: a condition had for years, "As you've had a treatment or have one booked"
    ("i just want to know if its suitable for rosacea. ive had it for years", False),
])
def test_a_treatment_supposed_makes_no_patient(text, patient):
    from components.triage import _A_PATIENT

    assert bool(_A_PATIENT.search(text)) == patient


@pytest.mark.parametrize("text, asked", [
    # play-test 235: on day 4, "what would make it serious" got the suitability answer and no route
    ("ok. what should i look out for then, like what would make it serious", True),
    ("what are the warning signs", True),
    # choosing a provider is no such question
    ("what should i look out for when choosing where to go", False),
])
def test_what_to_watch_for_is_asked(text, asked):
    from components.triage import _WHAT_TO_WATCH_FOR

    assert bool(_WHAT_TO_WATCH_FOR.search(text)) == asked


@pytest.mark.parametrize("text, theirs", [
    # play-test 235: NHS 111's call back began the clinic's
    ("they said theres a wait of like 40 mins for a call back", True),
    ("111 will ring me back", True),
    ("can the clinic call me back", False),
])
def test_someone_elses_call_back_is_no_request(text, theirs):
    from components.booking_request import SOMEONE_ELSES_CALL_BACK

    assert bool(SOMEONE_ELSES_CALL_BACK.search(text)) == theirs


def test_what_was_said_to_expect_at_the_treatment_is_no_advice_had(settings):
    # play-test 237: after a fever and a hot, throbbing cheek on day 6, "the nurse did say it'd be red for a bit" got
    # "follow the advice you were given" twice, and no NHS 111
    found = triage("its probably just normal swelling tbh, the nurse did say it'd be red for a bit. i'll see how it "
                   "is tomorrow", settings, False)
    assert not found.help_had and found.level == EXPECTED
    # what those called said of it is still advice had
    assert triage("i rang 111 and the nurse said its fine, just watch it", settings, False).help_had


@pytest.mark.parametrize("text, level", [
    # play-test 245: NHS 111 now to someone never treated, asking whether it would help
    ("oh ok. would it sort my acne? i still get spots on my jaw", None),
    ("i always break out on my chin, would microneedling help", None),
    # a treatment named, or spots new since: triaged as before
    ("i had microneedling 5 days ago and i still get new spots on my jaw, is that normal", URGENT),
])
def test_spots_had_for_long_are_a_concern_not_a_sign(settings, text, level):
    assert triage(text, settings, False).level == level


@pytest.mark.parametrize("text, level", [
    # play-test 248: what the request holds, and a doctor's word on having it, read as reports (the clinic today and
    # NHS 111; "follow the advice you were given") to someone never treated, whatever the classifier read
    ("so the eczema bit is gone from their system now? they won't see it?", None),
    ("my GP says it's fine, so can I just book the treatment? I don't really need a whole consultation, I know what I "
     "want", None),
    # ... a sign named beside asking to book is still one
    ("can i book in, my face has been bright red since yesterday", EXPECTED),
    # play-test 252: the concern asked, the urgent route to a 16-year-old never treated
    ("spots and the marks they leave on my chin", None),
])
def test_the_request_asked_about_or_the_treatment_asked_for_is_no_report(settings, text, level):
    assert triage(text, settings, False).level == level
    assert triage(text, settings, True).level == level
    assert not triage(text, settings, True).help_had



@pytest.mark.parametrize("text", [
    # play-test 251: "top" read as a thing worn, the lip's swelling denied, and NHS 111 in place of 999
    "they're not really swollen, maybe a tiny bit puffy on the top lip? its hard to tell. I'm not having trouble breathing",
    "puffy on the top lip",
])
def test_the_top_lip_swelling_is_an_emergency(settings, text):
    assert triage(text, settings, False).level == EMERGENCY



@pytest.mark.parametrize("text, level", [
    # play-test 253: the expected reaction's answer, then the route taken back as if no treatment was had
    ("had microneedling this afternoon, my face is bright red and ive got a really bad headache and feel sick", URGENT),
    # unwell with no treatment had, or what is feared, is no report
    ("i feel sick at the thought of needles", None),
    ("i have a bad headache, can i still come to my consultation", None),
])
def test_unwell_after_a_treatment_is_urgent(settings, text, level):
    assert triage(text, settings, False).level == level


def test_never_having_had_a_headache_this_bad_is_no_treatment_denied():
    from components.triage import _NO_TREATMENT

    # play-test 253: "ive never had one this bad" took the route back, as if no treatment was had
    assert not _NO_TREATMENT.search("ok but what about the headache? its pounding, ive never had one this bad")
    assert _NO_TREATMENT.search("i havent had one yet")


def test_unclear_the_day_after_is_not_said_to_have_lasted(settings):
    # play-test 252: "it's still there after the first few days" to someone treated the day before, three times
    found = triage("is it normal that my face feels like its burning? had microneedling yesterday, its been 24 hours",
                   settings, True)
    assert found.level == URGENT and not found.lingering
    # past the first days, it has
    assert triage("had microneedling 5 days ago, my face still feels odd", settings, True).lingering


def test_the_age_policy_asked_beside_another_personal_factor_is_the_consultations(component):
    # a personal factor beside the age is the consultation's ("im 45 and pregnant is that ok")
    text = "im 45 and pregnant is that ok"
    start = text.index("pregnant")
    [message] = component.process([Message(data={
        "text": text, "intent": {"name": "faq", "confidence": 0.9},
        "entities": [{"entity": "suitability_factor", "value": "pregnant", "start": start, "end": start + 8}],
        "response_selector": {"all_retrieval_intents": ["faq"], "faq": {"response": {
            "intent_response_key": "faq/suitability", "confidence": 0.9}, "ranking": []}}})])
    assert selected(message) == "faq/suitability"
