"""components/entities.py: booking details in free text, and the spaCy ruler's entities."""

import pytest
import yaml

from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.entities import BookingDetailsExtractor, RulerEntityExtractor
from spacy_pipeline.build import build
from tests.conftest import PROJECT_DIR

# ---------------------------------------------------------------- BookingDetailsExtractor


@pytest.fixture(scope="module")
def booking():
    return BookingDetailsExtractor({"phone_region": "GB"})


def found(extractor, text):
    """(entity, value) pairs, checking that each value is the text at its offsets."""
    entities = extractor.extract(text)
    for entity in entities:
        if "also_at" in entity:  # a time said in two parts: the first at the offsets, the rest where it says
            start, end = entity["also_at"]
            first, rest = text[entity["start"] : entity["end"]], text[start:end]
            # (the day first after an hour alone: "make it 4 instead, … friday" is "friday 4")
            assert entity["value"] in (f"{first} {rest}", f"{rest} {first}")
        else:
            assert text[entity["start"] : entity["end"]] == entity["value"]
    return [(entity["entity"], entity["value"]) for entity in entities]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a plain address
        ("my email is ana.lima@example.com", [("email", "ana.lima@example.com")]),
        # plus addressing and a two-part domain
        ("it's jo+clinic@mail.example.co.uk thanks", [("email", "jo+clinic@mail.example.co.uk")]),
        # an address alone
        ("tom_r@example.org", [("email", "tom_r@example.org")]),
        # play-test 129: one with no dot after the @ is still the email given (the form says it is not right)
        ("email is dan.whitfield@gmailcom", [("email", "dan.whitfield@gmailcom")]),
    ],
)
def test_email(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a UK mobile without the country code
        ("you can reach me on 07911 123456", [("phone", "07911 123456")]),
        # a UK mobile with +44
        ("my number is +44 7911 123456", [("phone", "+44 7911 123456")]),
        # +44 without spaces
        ("+447911123456", [("phone", "+447911123456")]),
        # a London landline
        ("call 020 7946 0958 please", [("phone", "020 7946 0958")]),
        # a London landline with +44
        ("call +44 20 7946 0018 please", [("phone", "+44 20 7946 0018")]),
    ],
)
def test_phone(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "my name is" takes the words after it
        ("my name is Ana Lima", [("person", "Ana Lima")]),
        # play-test 174: in a request for a son, the son is the one to be seen (the father's name goes in the note)
        (
            "I'd like to book a consultation for my son, he's 17. My name is Mark Ellis and he's Jamie Ellis.",
            [("person", "Jamie Ellis")],
        ),
        ("booking for my daughter, her name is Ellie Hughes, i'm Karen", [("person", "Ellie Hughes")]),
        # not for a relative: the writer's own name
        ("my name is Sam Cole and he's Jo, my partner", [("person", "Sam Cole")]),
        # "my name is" in lower case still gives the name
        ("hi my name is priya", [("person", "priya")]),
        # "it's" before a capitalised name
        ("hi it's Tom Ruiz", [("person", "Tom Ruiz")]),
        # a correction: "the name is wrong" names nothing, the capitalised name after it does
        ("no, the name is wrong, it's Priya Shah", [("person", "Priya Shah")]),
        # play-test 131: "Name: still"
        ("the name's still wrong, its Siobhán", [("person", "Siobhán")]),
        # "I'm" before a capitalised name
        ("I'm Priya", [("person", "Priya")]),
        # play-test 86: the name asked for again ("i just said, Priya")
        (
            "can someone from the clinic ring me monday about what happened? im her daughter, Priya",
            [("time", "monday"), ("person", "Priya")],
        ),
        # the name stops before "and"
        ("my name is Sara and I'd like to book", [("person", "Sara")]),
        # "I'm worried" is no name
        ("I'm worried about the redness", []),
        # "it's sore" is no name either
        ("it's sore today", [("time", "today")]),
        # an email right after the name is not part of it
        ("my name is Ana Lima ana@example.com", [("person", "Ana Lima"), ("email", "ana@example.com")]),
        # nor is a lower-case email with dots
        (
            "my name is ana lima ana.lima@example.com thanks",
            [("person", "ana lima"), ("email", "ana.lima@example.com")],
        ),
        # "call me back" asks for a call back: no name "back about" (found by the sixth play-test)
        # (what it is about is its concern: play-test 159)
        ("can you call me back about my scars", [("concern", "my scars")]),
        ("call me Jo", [("person", "Jo")]),
        ("name should just be Marcus Bell lol not 'for marcus bell'", [("person", "Marcus Bell")]),  # the tenth
        (
            "full name is Tomasz Kowalczyk. number 07700 900123",  # found by the tenth play-test: "is Tomasz …"
            [("person", "Tomasz Kowalczyk"), ("phone", "07700 900123")],
        ),
        # found by the seventh play-test: the name after "book ... for"
        (
            "book consultation for Ann Lee, ann.lee@example.com",
            [("person", "Ann Lee"), ("email", "ann.lee@example.com")],
        ),
        ("a consultation for Friday", [("time", "Friday")]),
        ("book an appointment for my daughter", []),
        # found by the ninth play-test: the person to be seen, named after who they are to the person booking
        (
            "The appointment is for my daughter Ella Thompson, I'm her mum, Sarah Thompson",
            [("person", "Ella Thompson")],
        ),
        # found by the nineteenth play-test: "shes" without its apostrophe, and a lead-in that names no one ("call me
        # back") before the one that does
        ("booking for my mum, shes Margaret Hughes", [("person", "Margaret Hughes")]),
        # browser play-test 3: "fine" became the name
        ("the name is fine, leave it", []),
        ("can you get the clinic to call me back? name is Tom Okafor", [("person", "Tom Okafor")]),
        (
            "can i book for my friend Hannah Lee, monday 14th at 12",
            [("person", "Hannah Lee"), ("time", "monday 14th at 12")],
        ),
    ],
)
def test_person(booking, text, expected):
    assert found(booking, text) == expected


def test_person_offsets_cover_the_name_as_typed(booking):
    # two spaces between the words: the value has one, the offsets cover both
    text = "my name is Ana  Lima, thanks"
    [person] = booking.extract(text)
    assert person["value"] == "Ana Lima"
    assert text[person["start"] : person["end"]] == "Ana  Lima"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative day and a part of the day
        ("next tuesday afternoon", "next tuesday afternoon"),
        # a capitalised day and a part of the day
        ("Thursday morning works for me", "Thursday morning"),
        # a date with an ordinal and "in the morning"
        ("could I come the 14th in the morning", "the 14th in the morning"),
        # a day and a clock time
        ("friday at 2pm please", "friday at 2pm"),
        # a date with a month
        ("is 3 June free", "3 June"),
        # tomorrow and a time with minutes
        ("tomorrow at 10:30am", "tomorrow at 10:30am"),
        # a day and an early or late part of the day (play-test 136: "late" ruled the Saturday out, and Monday's late
        # morning was put down)
        ("ok cool can i book for next saturday late morning", "next saturday late morning"),
        ("thursday early afternoon please", "thursday early afternoon"),
    ],
)
def test_time(booking, text, expected):
    assert found(booking, text) == [("time", expected)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # two bare hours after a weekday are a window that day (play-test 34: "monday 12-2" was 12 February)
        ("monday 12-2 works", [("time", "monday 12-2")]),
        (
            "Jo Bell, 07700 900123, tue 2-4, acne scars",
            [("person", "Jo Bell"), ("phone", "07700 900123"), ("time", "tue 2-4"), ("concern", "acne scars")],
        ),
        # any weekday is a time to book, and no one's name
        ("my acne scars, call me weekdays after 6", [("time", "weekdays after 6")]),
        ("lunchtime any weekday", [("time", "lunchtime any weekday")]),
        ("mon-fri after 4", [("time", "mon-fri after 4")]),
        # a count is no time
        ("i'm 5-6 weeks pregnant", []),
        ("it's been 2-3 days since my treatment", []),
        ("how many sessions, 3-4?", []),
    ],
)
def test_hours_joined_by_a_dash_and_any_weekday(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 35: "half 12 not 9" became the morning, and "not 5 o clock" the 5 of work's end
        ("and make it half 12 not 9, im in meetings all morning", [("time", "half 12")]),
        ("not 5 o clock, i finish work at 5 and need travel. 6:30 is ok", [("time", "6:30")]),
        ("i finish work at 5 so after 6 please", [("time", "after 6")]),
        # play-test 37: the bound said with "not" was read as a time not meant
        (
            "tuesday or wednesday mornings, not before 10 as she needs me to drive her",
            [("time", "tuesday or wednesday mornings, not before 10")],
        ),
        # play-test 36: at the summary, not read as a time
        ("actually can it be as early as possible, like 10 on the dot", [("time", "10")]),
        # play-test 36: the morning was dropped, and the 23rd put down for the afternoon
        (
            "or the 23rd if youre open then, morning. whichever is easier for them",
            [("time", "the 23rd if youre open then, morning")],
        ),
    ],
)
def test_a_time_said_of_the_persons_own_day_is_no_time_to_book(booking, text, expected):
    assert found(booking, text) == expected


def test_all_details_in_one_message(booking):
    text = "hi, I'm Sam Patel, sam.patel@example.com, 07911 123456, next tuesday afternoon please"
    assert found(booking, text) == [
        ("person", "Sam Patel"),
        ("email", "sam.patel@example.com"),
        ("phone", "07911 123456"),
        ("time", "next tuesday afternoon"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "name" as the lead-in, and a mobile in a range the library's list of ranges does not have yet
        (
            "book me in please - name Tom Baker, 07911 555321, friday 11am, fine lines",
            [("person", "Tom Baker"), ("phone", "07911 555321"), ("time", "friday 11am"), ("concern", "fine lines")],
        ),
        # a name standing alone between commas, after a sentence about something else
        (
            "I want to book for my acne scars. Dan Green, dan.green@example.com, next friday at 3pm",
            [("person", "Dan Green"), ("email", "dan.green@example.com"), ("time", "next friday at 3pm")],
        ),
        # the name last, after a sign-off that is no name
        ("Can I book? Friday 2pm. Many Thanks, Anna Kowalska", [("time", "Friday 2pm"), ("person", "Anna Kowalska")]),
        # between dashes
        (
            "priya.patel@example.com - Priya Patel - need a consultation, wed 9th dec at half 10",
            [("email", "priya.patel@example.com"), ("person", "Priya Patel"), ("time", "wed 9th dec at half 10")],
        ),
        (
            "fine lines, Tuesday morning, 07700 900123, Mia Long",
            [("concern", "fine lines"), ("time", "Tuesday morning"), ("phone", "07700 900123"), ("person", "Mia Long")],
        ),
        # a number of weeks ahead (found by the seventh play-test), and "Name here"
        (
            "hi i'm Jo Bloggs, can i book in 2 weeks, thursday 4pm? 07700900123",
            [("person", "Jo Bloggs"), ("time", "in 2 weeks, thursday 4pm"), ("phone", "07700900123")],
        ),
        (
            "Jo Bloggs here, thursday in two weeks' time at 4, jo@x.com",
            [("person", "Jo Bloggs"), ("time", "thursday in two weeks' time at 4"), ("email", "jo@x.com")],
        ),
        ("book me for thursday after next please, jo@x.com", [("time", "thursday after next"), ("email", "jo@x.com")]),
        (
            "Jo Bloggs, tomorrow between 1 and 2, 07700 900123",  # found by the tenth play-test
            [("person", "Jo Bloggs"), ("time", "tomorrow between 1 and 2"), ("phone", "07700 900123")],
        ),
        (
            "hi i want to book, Sarah Kent 07712 345678 sarah@example.com, next friday 2pm, acne scars",
            [
                ("person", "Sarah Kent"),
                ("phone", "07712 345678"),
                ("email", "sarah@example.com"),
                ("time", "next friday 2pm"),
                ("concern", "acne scars"),
            ],
        ),  # a name right before a number
        # found by the eighth play-test: a name with two capitals inside a word ("O'Neill-Harper")
        (
            "Rachel O'Neill-Harper, rachel.oh@gmail.com, 12th at 3pm, for enlarged pores",
            [
                ("person", "Rachel O'Neill-Harper"),
                ("email", "rachel.oh@gmail.com"),
                ("time", "12th at 3pm"),
                ("concern", "enlarged pores"),
            ],
        ),
    ],
)
def test_details_in_any_order_and_wording(booking, text, expected):
    assert found(booking, text) == expected


def test_a_new_name_in_a_correction(booking):
    assert found(booking, "change name to Joanna Smith") == [("person", "Joanna Smith")]


def test_a_name_standing_alone_needs_another_detail_beside_it(booking):
    # two capitalised words alone are a name only in a message that gives a booking detail
    assert booking.extract("Dan Green, is it painful?") == []


def test_a_capitalised_concern_is_no_name(booking):
    text = "could I book a consultation. Acne Scars. Thursday at 10"
    start = text.index("Acne")
    concern = {"entity": "skin_concern", "value": "acne scars", "start": start, "end": start + len("Acne Scars")}
    assert [e["entity"] for e in booking.extract(text, [concern])] == ["time"]


@pytest.mark.parametrize(
    "text, area, expected",
    [
        # play-test 69: "Sorry, I didn't catch that" at the summary
        ("oh actually can you change it to my forehead? the cheeks I've made peace with", "forehead", "my forehead"),
        ("make it the jawline instead", "jawline", "the jawline"),
        # a day or a contact it is changed to is no concern
        ("can you change it to tuesday at 3", None, None),
        # play-test 136: the concern said not to have changed, and what it is ("I need a yes or a no"); put down beside a
        # change of day (the day changed, the concern dropped)
        (
            "the concern didnt change? deep acne scars on cheeks and jawline pls",
            "cheeks",
            "deep acne scars on cheeks and jawline",
        ),
        (
            "oh not this saturday im away, the 19th. and put deep acne scars, cheeks and jawline",
            "cheeks",
            "deep acne scars, cheeks and jawline",
        ),
        # put, of no skin area: no concern
        ("can you put me down for the 19th", None, None),
    ],
)
def test_it_changed_to_a_skin_area_is_the_concern(booking, text, area, expected):
    known = []
    if area:
        start = text.index(area)
        known = [{"entity": "treatment_area", "value": area, "start": start, "end": start + len(area)}]
    concerns = [e["value"] for e in booking.extract(text, known) if e["entity"] == "concern"]
    assert concerns == ([expected] if expected else [])


@pytest.mark.parametrize("text", ["call me on 0791 12", "room 12345 please"])
def test_too_few_digits_is_no_phone_number(booking, text):
    assert "phone" not in [e["entity"] for e in booking.extract(text)]


@pytest.mark.parametrize(
    "text",
    [
        # an FAQ question
        "does it hurt",
        # another FAQ question, with a number that is no phone number or time
        "how many sessions will I need for 2 scars",
        # a statement about feelings
        "I'm nervous about needles",
    ],
)
def test_nothing_in_a_question(booking, text):
    assert booking.extract(text) == []


def test_process_adds_to_existing_entities(booking):
    existing = {"entity": "skin_concern", "value": "acne scars", "start": 0, "end": 10}
    message = Message(data={TEXT: "acne scars, my email is ana@example.com"})
    message.set(ENTITIES, [existing])
    booking.process([message])
    entities = message.get(ENTITIES)
    assert entities[0] == existing
    assert entities[1]["entity"] == "email" and entities[1]["value"] == "ana@example.com"
    assert entities[1]["extractor"] == "BookingDetailsExtractor"


# ---------------------------------------------------------------- RulerEntityExtractor


@pytest.fixture(scope="module")
def spacy_model():
    return SpacyModel(model=build(), model_name="clinic_en")


def ruler(**config):
    return RulerEntityExtractor({**RulerEntityExtractor.get_default_config(), **config})


def ruler_entities(extractor, model, text):
    message = Message(data={TEXT: text})
    extractor.process([message], model)
    return [(entity["entity"], entity["value"]) for entity in message.get(ENTITIES)]


ALL_LABELS = [
    "skin_concern",
    "treatment_area",
    "guide_step",
    "suitability_factor",
    "unknown_activity",
    "unknown_product",
    "unknown_treatment",
    "unknown_device",
    "unknown_area",
    "unnamed_side_effect",
]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a step named by number gets the step's id
        ("what's step 2", [("guide_step", "preparation")]),
        # a step named by ordinal
        ("tell me about the second stage", [("guide_step", "preparation")]),
        # step two and an area: only the step takes the id
        ("what about step two and my cheeks", [("guide_step", "preparation"), ("treatment_area", "cheeks")]),
        # a step named by what happens in it (play-test 44: "jump to the aftercare step" showed step 1)
        ("jump to the aftercare step please", [("guide_step", "aftercare")]),
        ("skip ahead to the treatment day bit", [("guide_step", "procedure")]),
        ("go back to the bit about the numbing cream", [("guide_step", "preparation")]),
        # a treatment area keeps the words, not the id ("face")
        ("does it work on my cheeks", [("treatment_area", "cheeks")]),
        # an unknown activity keeps the words, not the id ("swimming")
        ("can I go in the swimming pool after", [("unknown_activity", "swimming pool")]),
        # an unknown product keeps the text as written
        ("can I use Vit C after", [("unknown_product", "Vit C")]),
        # nothing to find
        ("does it hurt", []),
    ],
)
def test_ruler_values(spacy_model, text, expected):
    assert ruler_entities(ruler(dimensions=ALL_LABELS, value_from_id=["guide_step"]), spacy_model, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 31: a baby to be brought along was read as a pregnancy, and got the suitability answer three times
        ("could i just bring the baby with me? shes 6 months, shed be in the pram", []),
        ("can my baby come in the room with me", []),
        # a pregnancy as ever
        ("will it hurt the baby", [("suitability_factor", "pregnancy")]),
        # play-test 60: a child to wait in the waiting room got the suitability answer twice
        ("can i bring my son with me, hes 7. he'd just sit in the waiting room", []),
        # a child brought for a treatment of their own, or named alone, is their suitability as ever
        ("can i bring my daughter for a consultation, shes 15", [("suitability_factor", "age")]),
        ("can my son have it done", [("suitability_factor", "age")]),
        ("can i bring my daughter in, she has bad acne", [("suitability_factor", "age")]),
        # play-test 220: a daughter who told her mother of it got the suitability answer to "what is it exactly?"
        ("Good morning. My daughter mentioned microneedling to me, what is it exactly?", []),
        ("my son told me about it, does it hurt", []),
        ("my daughter wants it, is she old enough", [("suitability_factor", "age")]),
        # play-tests 255 and 257: a daughter coming along, or who set the chat up, got the suitability answer
        ("Can my daughter come with me to the consultation?", []),
        ("I DONT DO COMPUTERS. MY DAUGHTER SET THIS UP. I RANG THAT NUMBER AND NOBODY ANSWERED", []),
        ("can my son come in too and have it done as well", [("suitability_factor", "age")]),
    ],
)
def test_a_baby_brought_along_is_no_pregnancy(spacy_model, text, expected):
    found = ruler_entities(ruler(dimensions=ALL_LABELS, value_from_id=["suitability_factor"]), spacy_model, text)
    assert found == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 46: "take me through the treatment step by step" began the walk-through at step 3 of 4
        ("can u take me through the treatment step by step pls", []),
        # the step named as ever
        ("what happens in the treatment step", [("guide_step", "procedure")]),
        ("tell me about the treatment step please", [("guide_step", "procedure")]),
    ],
)
def test_step_by_step_after_a_steps_name_names_no_step(spacy_model, text, expected):
    found = ruler_entities(ruler(dimensions=["guide_step"], value_from_id=["guide_step"]), spacy_model, text)
    assert found == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 49: "the guide doesn't say whether microneedling helps with hands"
        ("can my friend come in with me and hold my hand lol", []),
        # the hands as an area, as ever
        ("does it work on hands", [("unknown_area", "hands")]),
    ],
)
def test_a_hand_held_is_no_area(spacy_model, text, expected):
    found = ruler_entities(ruler(dimensions=ALL_LABELS), spacy_model, text)
    assert [(entity, value) for entity, value in found if entity in ("unknown_area", "treatment_area")] == expected


@pytest.mark.parametrize(
    "text, factors",
    [
        # play-test 255: the suitability answer to a question about preparing, after "not pregnant"
        ("lol not pregnant last time i checked. ok so do i need to do anything before?", []),
        ("i'm not on any medication", []),
        ("i don't have eczema", []),
        # asked about, or said to hold, it is one
        ("is it not safe when pregnant?", ["pregnant"]),
        ("im not pregnant but breastfeeding", ["breastfeeding"]),
        ("No, I'm pregnant", ["pregnant"]),
    ],
)
def test_a_personal_factor_said_not_to_hold_is_none(spacy_model, text, factors):
    found = ruler_entities(ruler(dimensions=ALL_LABELS), spacy_model, text)
    assert [value for entity, value in found if entity == "suitability_factor"] == factors


@pytest.mark.parametrize(
    "config, expected",
    [
        # without value_from_id every label keeps its text
        ({"dimensions": ALL_LABELS, "value_from_id": []}, [("guide_step", "step 2"), ("treatment_area", "cheeks")]),
        # dimensions filter the labels
        ({"dimensions": ["treatment_area"], "value_from_id": ["guide_step"]}, [("treatment_area", "cheeks")]),
        # no dimensions: every label
        (
            {"dimensions": None, "value_from_id": ["guide_step"]},
            [("guide_step", "preparation"), ("treatment_area", "cheeks")],
        ),
    ],
)
def test_ruler_config(spacy_model, config, expected):
    assert ruler_entities(ruler(**config), spacy_model, "what's step 2 for my cheeks") == expected


def test_ruler_offsets_and_extractor(spacy_model):
    text = "I'm pregnant, does it hurt on my cheeks"
    message = Message(data={TEXT: text})
    ruler(dimensions=ALL_LABELS, value_from_id=["guide_step"]).process([message], spacy_model)
    entities = message.get(ENTITIES)
    assert [text[e["start"] : e["end"]] for e in entities] == ["pregnant", "cheeks"]
    assert {e["extractor"] for e in entities} == {"RulerEntityExtractor"}


def project_ruler_config():
    """The RulerEntityExtractor's settings in config.yml."""
    config = yaml.safe_load((PROJECT_DIR / "config.yml").read_text(encoding="utf-8"))
    return next(c for c in config["pipeline"] if c["name"].endswith("RulerEntityExtractor"))


@pytest.mark.parametrize(
    "text, expected",
    [
        # what the guide does not cover is named in the answer as the pattern's id, which reads in
        # "the guide doesn't cover {thing} around a treatment" and the like
        ("can I put on make-up the next day", [("unknown_activity", "makeup")]),
        ("is it ok to use a dermaroller", [("unknown_device", "derma rollers")]),
        ("can I do it at home with a kit", [("unknown_device", "at-home kits")]),
        # play-test 193: "microneedling is a safe and effective treatment", twice, to someone with a £15 roller
        ("but like is it safe to do at home or not? yes or no", [("unknown_device", "at-home kits")]),
        ("so thats a yes then? safe at home?", [("unknown_device", "at-home kits")]),
        ("can I have it after a glycolic peel", [("unknown_treatment", "chemical peels")]),
        ("is it safe near the eyes", [("unknown_area", "the skin near the eyes")]),
        # the booking concern keeps the person's words
        ("acne scars on my cheeks", [("skin_concern", "acne scars"), ("treatment_area", "cheeks")]),
    ],
)
def test_the_project_names_an_uncovered_thing_by_its_id(spacy_model, text, expected):
    settings = {key: value for key, value in project_ruler_config().items() if key != "name"}
    assert ruler_entities(ruler(**settings), spacy_model, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by a play-test: the concern "dark spots from the sun" was taken for Sunday
        ("dark spots on my forehead from the sun", []),
        ("I sat in the sun all summer", []),
        # the short forms are weekdays with a time after them, or "on", "this" or "next" before them
        ("sun 3pm", [("time", "sun 3pm")]),
        ("next sat at 11", [("time", "next sat at 11")]),
        ("on sun", [("time", "on sun")]),
    ],
)
def test_sat_and_sun_are_weekdays_only_beside_a_time_or_a_day_word(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by a play-test: concerns corrected in free text at the summary
        ("concern should just say stretch marks on stomach", [("concern", "stretch marks on stomach")]),
        ("concern = big pores on my nose", [("concern", "big pores on my nose")]),
        ("change the concern to acne scars on my chin", [("concern", "acne scars on my chin")]),
        ("actually make the concern acne scarring instead", [("concern", "acne scarring")]),
        # the clause only: a time after it stays a time
        ("my main concern is acne scars, friday 2pm", [("concern", "acne scars"), ("time", "friday 2pm")]),
        # saying it is wrong names no new concern; what it should be does (found by the eighth play-test)
        ("the concern is wrong", []),
        ("the concern is wrong, should be enlarged pores", [("concern", "enlarged pores")]),
        (
            "lol the concern isnt right, its pigmentation on her forehead. and can it be the afternoon instead",
            [("concern", "pigmentation on her forehead"), ("time", "afternoon")],
        ),
        # play-test 166: the request paused for a report, and the change lost
        (
            "the concern bit is wrong, its whiteheads on my chin 3 days after microneedling and i popped one",
            [("concern", "whiteheads on my chin 3 days after microneedling and i popped one")],
        ),
        (
            "tidy up the concern to just 'enlarged pores on nose and cheeks' and my surname is just O'Neill",
            [("concern", "enlarged pores on nose and cheeks"), ("person", "O'Neill")],
        ),
    ],
)
def test_a_concern_named_as_one(booking, text, expected):
    assert sorted(found(booking, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by the second play-test: the concern last in a list, in the person's words; a lowercase name
        (
            "im sarah okafor, sarah@example.com, tues 11, acne scars on my cheeks",
            [
                ("person", "sarah okafor"),
                ("email", "sarah@example.com"),
                ("time", "tues 11"),
                ("concern", "acne scars on my cheeks"),
            ],
        ),
        (
            "Sarah Okafor, 07911 555321, friday 2pm, fine lines, dark circles",
            [
                ("person", "Sarah Okafor"),
                ("phone", "07911 555321"),
                ("time", "friday 2pm"),
                ("concern", "fine lines, dark circles"),
            ],
        ),
        # a lead-in clause is no concern
        (
            "hi, i'd like to book please, Jo Bloggs, jo@example.com, monday 2pm",
            [("person", "Jo Bloggs"), ("email", "jo@example.com"), ("time", "monday 2pm")],
        ),
        ("name should be Sarah Okafor", [("person", "Sarah Okafor")]),
        ("tues 11", [("time", "tues 11")]),
        ("its jo bloggs", [("person", "jo bloggs")]),
        # later in the message, up to a number, an email or a day (found by checking play-test 23's fixes)
        (
            "hi can i book a consultation for my forehead lines, im sam jones 07700 900123 monday 10am",
            [("person", "sam jones"), ("phone", "07700 900123"), ("time", "monday 10am")],
        ),
        ("can i book? im sam jones monday 10am", [("person", "sam jones"), ("time", "monday 10am")]),
        (
            "book me in, im mary ann smith mary@example.com",
            [("person", "mary ann smith"), ("email", "mary@example.com")],
        ),
        # not "its" later on: what it is about
        ("hi, i'd like to book, its acne scars on my cheeks, 07700 900123", [("phone", "07700 900123")]),
        # a day the treatment was had on is no time to book (play-tests 24 and 25)
        (
            "Priya Shah, 07911 123456, first thing in the morning please - i was treated by Jo on wednesday",
            [
                ("person", "Priya Shah"),
                ("phone", "07911 123456"),
                ("time", "first thing in the morning"),
                ("concern", "i was treated by Jo on wednesday"),
            ],
        ),
        ("thursday 17th december 6.30pm, i had botox on the 20th", [("time", "thursday 17th december 6.30pm")]),
        # play-test 63: the same day said again, with its time
        (
            "ok checked, thursday works better. can we start again, thursday 1pm, same everything else",
            [("time", "thursday 1pm")],
        ),
        # play-test 61: a weekday said of every week, with its time of day, and the day wanted after it
        (
            "also I'm free most thursday evenings after 6 so if you could book me something like the 17th that would be "
            "great",
            [("time", "the 17th evenings after 6")],
        ),
        # play-test 60: the call back moved from Monday to the treatment's Tuesday, and a temperature cut at its point
        (
            "the concern is wrong, its about the yellow crust + temperature 38.2 after my treatment on tuesday",
            [("concern", "about the yellow crust + temperature 38.2 after my treatment on tuesday")],
        ),
        ("no!! i said MONDAY for the call. tuesday was when i had the treatment", [("time", "MONDAY")]),
        # play-test 193: "temp 38" three times, and the treatment's Thursday put down as the call's
        (
            "concern: hot throbbing cheek, redness spreading to ear, shivery, temp 38.2",
            [("concern", "hot throbbing cheek, redness spreading to ear, shivery, temp 38.2")],
        ),
        (
            "the concern bit is wrong, it should say cheek hot throbbing, redness spreading to ear, temp 38.2, treated "
            "thursday. not that ibuprofen msg",
            [("concern", "cheek hot throbbing, redness spreading to ear, temp 38.2, treated thursday")],
        ),
        ("redness since my treatment last friday, call me monday", [("time", "monday")]),
        ("i had hoped for monday 10am", [("time", "monday 10am")]),
        # play-test 78: a bare hour said as the time after one was refused
        ("ok 9 then", [("time", "ok 9 then")]),
        ("ugh ok 9 then", [("time", "ugh ok 9 then")]),
        # play-test 77: an age, a call to 111, and a day in brackets after yesterday are no time to book
        ("wait ok tbh im actually 17 not 18. does that mean i cant send this", []),
        ("treated yesterday (friday), face very red and hot, yellow crusts on cheek, shivery. calling 111 tonight", []),
        ("im 17, monday at 4", [("time", "monday at 4")]),
        # play-test 83: working hours are when they can't come (Monday at 17:30 for "a thursday evening, like 6.30")
        (
            "i work 9-5.30 so it would have to be a thursday evening, like 6.30?",
            [("time", "thursday evening, like 6.30")],
        ),
        ("i finish at 5.30 so any evening after 6", [("time", "any evening after 6")]),
        # play-test 83: a time said to be the backup stands back for the one beside it, and corrects nothing
        (
            "after 2pm on tuesday like i said before. and will they see the thursday backup? its not on there",
            [("time", "after 2pm on tuesday")],
        ),
        (
            "no i still want tuesday afternoon as first choice, thursday morning is just a backup",
            [("time", "tuesday afternoon")],
        ),
        ("thursday morning as a backup", [("time", "thursday morning")]),
        # play-test 178: a second choice asked to be added is no time asked for (it replaced the first choice)
        ("Acne scarring on her cheeks mainly. And can you put down the Wednesday 16th at 5pm as a backup too?", []),
        # play-test 178: a second choice after the first, in a sentence of its own, taken as a correction
        (
            "I did give you one? Tuesday 15th December at 4.30pm please. If that's not possible then Wednesday 16th at 5pm",
            [("time", "Tuesday 15th December at 4.30pm")],
        ),
        # play-test 85: a time of day first, then the day and hour ("I couldn't work out a day")
        (
            "mornings are best for mum, she's more settled then. wednesday 16th around 10?",
            [("time", "wednesday 16th around 10")],
        ),
        # play-test 76: the date of the first treatment, or of an appointment had, is no time to book
        (
            "Well if it's 4-6 weeks apart, my first was 14th Nov, so maybe Tuesday 15th Dec in the morning?",
            [("time", "Tuesday 15th Dec in the morning")],
        ),
        (
            "No! I already said Tuesday 15th December morning. 14 Nov was my FIRST treatment",
            [("time", "Tuesday 15th December morning")],
        ),
        (
            "no monday first thing is fine for the call, i meant my appointment is tomorrow",
            [("time", "monday first thing")],
        ),
        # the date of something else is no time to book (play-test 27: the wedding day became the appointment)
        ("next wed 3pm please, my wedding is on the 19th", [("time", "next wed 3pm")]),
        ("wedding on the 19th so need it before", []),
        ("friday at 2, the 19th is the wedding", [("time", "friday at 2")]),
        ("flying out on the 20th, can you do monday 10am", [("time", "monday 10am")]),
        # a part of the day after something else is no time to book (play-test 69: the request moved to Monday)
        ("perfect. oh wait, will i be red after? i teach the next morning, dont want the kids asking", []),
        ("friday, the morning after my birthday", [("time", "friday")]),
        # a number of sessions is no hour (play-test 73: "after 2" read as 2pm)
        ("is it normal to not see much after 2 sessions? bit worried", []),
        ("tuesday after 2", [("time", "tuesday after 2")]),
        # a time not to call is no time to book (play-test 71: Monday 09:00-12:00 for someone who sleeps mornings)
        ("my phone 07400 112 233, please not call in morning i work night", [("phone", "07400 112 233")]),
        ("tuesday, dont ring in the morning", [("time", "tuesday")]),
        # which one of a course is no date (play-test 69: "my 2nd treatment" was the 2nd, and no day)
        (
            "please book me in for my 2nd treatment, thursday 17th december evening if poss",
            [("time", "thursday 17th december evening")],
        ),
        ("its for my 3rd session, friday at 2", [("time", "friday at 2")]),
        # ... and one had (play-test 71: "the 1st" put down as the 1st of January)
        ("my 2nd microneedling session on my face (had the 1st yesterday)", []),
        ("had my 2nd last week, can i book the 3rd", [("time", "the 3rd")]),
    ],
)
def test_a_list_of_details_and_a_lowercase_name(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "im south asian",
        "im black and have sensitive skin",
        "im so tired",
        "i'm really nervous about it",
        "im currently pregnant",
        "im 45",
        "im looking forward to it",
        "hi im new here",
        "can i book. im really nervous about it",
        "is it painful, im so scared of needles",
        "thanks, and im very grateful",
    ],
)
def test_what_someone_says_they_are_is_no_name(booking, text):
    assert [entity for entity, _ in found(booking, text)] == []


def test_a_concern_is_listed_only_beside_two_other_details(booking):
    # one detail and a clause: the message is no list of booking details
    assert found(booking, "friday 2pm, fine lines") == [("time", "friday 2pm")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("no, i said 11", [("time", "11")]),
        ("make it 3", [("time", "3")]),
        ("not this saturday, the one after", [("time", "the one after")]),  # the day said not to be meant is left out
        ("can i wear makeup the day after", []),  # an aftercare question names no time to book
        ("i said 11th", [("time", "11th")]),  # a date
    ],
)
def test_a_time_that_leans_on_the_one_said_before(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by the third play-test
        (
            "hi i want to book. 07700900111 - Ryan McAllister - acne scars on my back and shoulders - friday after 5",
            [
                ("phone", "07700900111"),
                ("person", "Ryan McAllister"),
                ("concern", "acne scars on my back and shoulders"),
                ("time", "friday after 5"),
            ],
        ),
        ("The concern should read: fine lines on my upper lip", [("concern", "fine lines on my upper lip")]),
        ("put my full name, Anna Kowalczyk", [("person", "Anna Kowalczyk")]),
        ("can we do 3 instead", [("time", "3")]),
        ("same day but later, like 2", [("time", "2")]),
        (
            "fine lines, 07911 555321, dark circles, Jo Bloggs",  # a detail between: the first run
            [("concern", "fine lines"), ("phone", "07911 555321"), ("person", "Jo Bloggs")],
        ),
    ],
)
def test_details_found_by_the_third_play_test(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 215: a yes to send it, and the full name said before what it is, sent with the first name alone
        ("yes send. martin cole is full name", [("person", "martin cole")]),
        ("yes thats fine, martin cole is my full name btw", [("person", "martin cole")]),
        ("Cole is my surname", [("person", "Cole")]),
        # play-test 226: "surname's", sent without it
        ("yes send it, surname's Okafor", [("person", "Okafor")]),
        ("ok send it. Jo Bloggs is the name", [("person", "Jo Bloggs")]),
        # a question about the name, or the name said to be fine, names no one
        ("why is the name", []),
        ("how is the name spelt", []),
        ("that is my name", []),
        ("the name is fine", []),
    ],
)
def test_a_name_said_before_what_it_is(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("and surname should be Osei-Bonsu", [("person", "Osei-Bonsu")]),
        # found by the twenty-first play-test: the surname was dropped, and "and add my surname" taken for the concern
        ("make it after 2pm please, and add my surname, Sharma", [("time", "after 2pm"), ("person", "Sharma")]),
        # play-test 254: the name put down as "too"
        ("thank you. can you put my full name too, Joanne Bailey, they won't know who Jo is",
         [("person", "Joanne Bailey")]),
        ("my name is Too Lee", [("person", "Too Lee")]),
        # play-test 256: the words the clinic sees cut before the day ruled out
        ("Any morning next week would suit, but not Wednesday, I have my bridge club",
         [("time", "Any morning next week would suit, but not Wednesday")]),
        ("any day next week except friday or saturday", [("time", "any day next week except friday or saturday")]),
        # a day said after one day is a correction, as ever
        ("monday morning, not tuesday", [("time", "monday morning")]),
        # play-test 256: the person's own plan, put down as the call's time
        ("hmm ok. you know what I'll just tell her tonight, she won't mind. send it", []),
        # the opening hours asked, told back: no time to book
        ("no im not booking anything, i asked what time you open on saturday", []),
        # play-test 258: "4 friday", read as the 4th, and the time unchanged
        ("oh wait can we make it 4 instead, I finish work late friday", [("time", "friday 4")]),
        # play-test 258: asked whether they ring then, read as a change of the time, and the send set aside
        ("Yes send it please. Will they definitely ring Tuesday?", []),
        ("can they ring me tuesday instead", [("time", "tuesday")]),
        ("my surname: Sharma", [("person", "Sharma")]),
        # the concern goes on through its clauses (it became "active acne"), and ends at another detail or a question
        (
            "the concern is active acne, on warfarin, keloid scars on chest",
            [("concern", "active acne, on warfarin, keloid scars on chest")],
        ),
        # who is to call is of the concern (play-test 42: "MANAGER to call" was dropped)
        (
            "concern is NOT acne scars, its a complaint + refund of £600, MANAGER to call. and first thing means 10am",
            [("concern", "a complaint + refund of £600, MANAGER to call"), ("time", "first thing means 10am")],
        ),
        ("concern is acne scars, friday 2pm", [("concern", "acne scars"), ("time", "friday 2pm")]),
        # play-test 138: the name was made part of the concern, and asked for again
        (
            "thursday evening works, concern is fine lines round my mouth, Kemi Adeyemi, kemi.a@gmail.com",
            [
                ("time", "thursday evening"),
                ("concern", "fine lines round my mouth"),
                ("person", "Kemi Adeyemi"),
                ("email", "kemi.a@gmail.com"),
            ],
        ),
        ("concern is pores, is that ok", [("concern", "pores")]),
        # found by the twenty-second play-test: "want to know when i can start microneedling" was cut off the concern
        (
            "concern: on roaccutane until january, rosacea, want to know when i can start microneedling",
            [("concern", "on roaccutane until january, rosacea, want to know when i can start microneedling")],
        ),
        ("the concern should be pores, and my surname is Reid", [("concern", "pores"), ("person", "Reid")]),
        ("change the concern to melasma, thanks", [("concern", "melasma")]),
        # a note for the clinic, whatever it names (it was not understood)
        (
            "can you add a note that im his daughter Eleni and they should contact me not him, he's hard of hearing",
            [("note", "im his daughter Eleni and they should contact me not him, he's hard of hearing")],
        ),
        (
            "please add a note: text before calling, she's hard of hearing",
            [("note", "text before calling, she's hard of hearing")],
        ),
        ("can i leave a note for the practitioner", []),
        # found by the twenty-second play-test: taken for a question about the reference
        (
            "can you add that the number is mine (Siobhan, daughter) so they ask for me when they ring",
            [("note", "the number is mine (Siobhan, daughter) so they ask for me when they ring")],
        ),
        ("add that to my concern", []),
        # play-test 241: asked three times at a call back's consent question, never added
        ("can you add that an ambulance came, sorry typing one handed",
         [("note", "an ambulance came, sorry typing one handed")]),
        # play-test 253: the privacy notice, and no note
        ("who sees it? and can u add that 111 said see a pharmacist", [("note", "111 said see a pharmacist")]),
        ("can you add that my gp said it was fine", [("note", "my gp said it was fine")]),
        # play-test 255: read as a new report, and the request paused
        ("yes thats ok but can you add that its yellow crusty spots on my cheek from microneedling 2 days ago",
         [("note", "its yellow crusty spots on my cheek from microneedling 2 days ago")]),
        # found by play-test 24: answered as a question about pregnancy, and no note
        ("please write also that i am pregnant, 5 months", [("note", "i am pregnant, 5 months")]),
        ("i wanted to note that it hurts", []),
        # found by play-test 25: the date of the botox was taken as the time to book
        (
            "acne scars on my cheeks. oh and can you note i had botox on the 20th nov",
            [("note", "i had botox on the 20th nov")],
        ),
        ("note i had botox on the 20th nov", [("note", "i had botox on the 20th nov")]),
        # found by play-test 26: "put it as a note" and "add the note please: …" were answered as questions
        (
            "oh and I'm on roaccutane at the moment, does that matter? put it as a note anyway",
            [("note", "I'm on roaccutane at the moment")],
        ),
        ("can you add the note please: on roaccutane", [("note", "on roaccutane")]),
        # browser play-test 5: the time changed and the note was dropped
        (
            "an hour earlier would be better. and please note that I'm pregnant",
            [("time", "an hour earlier"), ("note", "I'm pregnant")],
        ),
        # browser play-test 4: "today is too soon" took today, and the concern "as the concern" was not read
        (
            "hmm today is too soon, make it next friday at 2pm. and put stretch marks on my stomach as the concern",
            [("time", "next friday at 2pm"), ("concern", "stretch marks on my stomach")],
        ),
        # found by the twenty-second play-test: the age policy again, and no note
        (
            "add a note my mum is called Farah and she'll come with me",
            [("note", "my mum is called Farah and she'll come with me")],
        ),
        ("note for the clinic: Farah Karim (mum) will come with me", [("note", "Farah Karim (mum) will come with me")]),
        # a name standing alone beside a request to book (it was asked for again)
        ("ok lets book. Chloe Adebayo-Frost", [("person", "Chloe Adebayo-Frost")]),
        ("I'd like a consultation. Mia Long", [("person", "Mia Long")]),
        ("How Long Does It Take", []),
        # a part of the day, then the days said apart (the days were taken for the concern)
        (
            "mobile is 07456 112 903 - mornings are best as the twins nap, wednesday or thursday",
            [("phone", "07456 112 903"), ("time", "mornings wednesday or thursday")],
        ),
        # "after lunch" is part of the time (it was dropped); "he can't do mornings" is no part of it (it was refused)
        ("change the date to tuesday 22nd, after lunch", [("time", "tuesday 22nd, after lunch")]),
        ("thursday next week, late afternoon, he can't do mornings", [("time", "thursday next week, late afternoon")]),
        ("sorry put Joanne not Jo", [("person", "Joanne")]),
        ("and 11 not 10:30", [("time", "11")]),  # the time said not to be meant is no time
        ("Could we make it a quarter past two rather than ten past?", [("time", "quarter past two")]),
    ],
)
def test_corrections_found_by_the_third_play_test(booking, text, expected):
    assert found(booking, text) == expected


def test_a_listed_concern_names_a_concern_the_patterns_found(booking):
    # found by the fourth play-test: "busy week" was taken as the concern
    text = (
        "need a consult asap, busy week, can do 10/12 at 17:00, raj patel 07400 555666 raj@example.co.uk acne scarring"
    )
    start = text.index("acne scarring")
    known = [{"entity": "skin_concern", "value": "acne scars", "start": start, "end": start + len("acne scarring")}]
    assert "concern" not in [entity["entity"] for entity in booking.extract(text, known)]
    listed = "Sarah Okafor, 07911 555321, friday 2pm, fine lines, dark circles"
    known = [
        {
            "entity": "skin_concern",
            "value": "fine lines",
            "start": listed.index("fine"),
            "end": listed.index("fine") + 10,
        }
    ]
    assert [e["value"] for e in booking.extract(listed, known) if e["entity"] == "concern"] == [
        "fine lines, dark circles"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by the tenth play-test
        ("sorry my surname is spelt Reed not Reid, and make it the morning", [("person", "Reed"), ("time", "morning")]),
        ("the name is spelled Siobhan", [("person", "Siobhan")]),
        ("The name. It should read Derek Whitfield.", [("person", "Derek Whitfield")]),
        ("my name is spelt wrong", []),  # no new name given
        # found by play-test 24: "my name is" was read first, then "spelt" ended the name
        ("my name is spelt Samm, two ms", [("person", "Samm")]),
        ("sorry my surname is actually spelt Whitfeild, with the e before the i", [("person", "Whitfeild")]),
        # found by play-test 26: "than go", "Emma Clarke by", "Siobhan O'Neill without"
        ("id rather they call me than go to 111 for this", []),
        ("my name is Emma Clarke by the way", [("person", "Emma Clarke")]),
        ("name is just Siobhan O'Neill without the question marks", [("person", "Siobhan O'Neill")]),
        (
            "would like a consultation — Siobhan O'Neill — siobhan@example.com",
            [("person", "Siobhan O'Neill"), ("email", "siobhan@example.com")],
        ),
        ("its spelt Jenn with two ns", [("person", "Jenn")]),
        # the day after the one said before: a week on (core/booking.py), the words kept with the day
        ("hmm make it the wednesday after instead, same time", [("time", "wednesday after instead, same time")]),
        ("can we do the following wednesday", [("time", "following wednesday")]),
        ("wednesday after 3pm", [("time", "wednesday after 3pm")]),
        ("great. could we push it an hour later too", [("time", "an hour later")]),
        ("can we bring it forward half an hour?", [("time", "forward half an hour")]),
        ("She is Amara Johnson, 34.", [("person", "Amara Johnson")]),
        ("he's called Marcus Bell", [("person", "Marcus Bell")]),
        ("She is Pregnant", []),  # what she is, not who
        # found by the eleventh play-test: "at about 4" was left out, and the whole day requested
        ("could you do tuesday the 15th at about 4? thanks", [("time", "tuesday the 15th at about 4")]),
        ("sun after?makeup after?", []),  # the sun, not Sunday
        ("sun after 3", [("time", "sun after 3")]),
        ("Good afternoon. I'd like to book for my mother", []),  # a greeting, no time
        ("Jake Morris - contact is his mum Tracey Morris", []),  # whose number it is
        ("the concern is acne scars. (number is my mum Karen's)", [("concern", "acne scars")]),
        ("oh could they ring him tonight instead? same time", [("time", "tonight instead? same time")]),
        ("name kerry-ann walsh. and make it the 10th", [("person", "kerry-ann walsh"), ("time", "the 10th")]),
        ("name is wrong", []),
        # found by the twelfth play-test: "Name: sooner"
        ("can they call me sooner, like tomorrow around 10am UK time?", [("time", "tomorrow around 10am")]),
        ("have someone call me first to explain how it works", []),
        ("call me Jo", [("person", "Jo")]),
        # play-test 50: "Name: dont"
        ("actually just call me dont email", []),
        ("tomorrow on my lunch break, like 12:30?", [("time", "tomorrow on my lunch break, like 12:30")]),
        ("friday 11h please", [("time", "friday 11h")]),
        # found by the thirteenth play-test
        ("well it's for Sophie, Sophie Whitfield. I'm her mum, Margaret", [("person", "Sophie Whitfield")]),
        ("my name's Siobhán with the fada, same time but Monday", [("person", "Siobhán"), ("time", "Monday")]),
        # found by the fourteenth play-test: "Wednesday mornings" became all of Wednesday
        (
            "he's free Wednesday mornings, call me on 07700 900123",
            [("time", "Wednesday mornings"), ("phone", "07700 900123")],
        ),
    ],
)
def test_corrections_found_by_the_tenth_play_test(booking, text, expected):
    assert found(booking, text) == expected


def test_who_the_appointment_is_for_is_the_name(booking):
    # found by the fifteenth play-test: the name was asked for again
    assert found(booking, "well the appointment is for her, Margaret O'Brien. I'm her daughter Claire") == [
        ("person", "Margaret O'Brien")
    ]


def test_the_weekday_after_that_is_one_time(booking):
    # found by the sixteenth play-test: only "saturday" was read, the same saturday as before
    assert found(booking, "actually can we do the saturday after that instead? and take the email off") == [
        ("time", "saturday after that")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by the sixteenth play-test: what the call is about was asked for again
        (
            "Priya Sharma, call me on 07723 456789 tomorrow lunchtime, its about moving my 21 dec appointment to jan",
            [
                ("person", "Priya Sharma"),
                ("phone", "07723 456789"),
                ("time", "tomorrow lunchtime"),
                ("concern", "moving my 21 dec appointment to jan"),
            ],
        ),
        ("its about time", []),
        ("its about 3pm", [("time", "about 3pm")]),
    ],
)
def test_what_a_request_is_about(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # found by the eighteenth play-test: the day and the hour said apart, around the other details; one time
        ("can they call me tomorrow? Rachel Adeyemi, 07534 889 210, any time after 10", "tomorrow after 10"),
        ("can the clinic call me tomorrow then, Jess Marlow 07412 009 781 lunchtime", "tomorrow lunchtime"),
        ("saturday works best. Jo Bloggs 07700 900123. morning if poss", "saturday morning"),
        # a later run that says a day of its own is another time, not the hour of the first ("wednesday morning")
        ("oh sorry, tuesday's no good actually, wednesday morning instead", "wednesday morning"),
        ("monday doesn't work for me, Jo Bloggs 07700 900123, friday at 2 is better", "friday at 2"),
        # play-test 122: Monday put down again
        ("actually monday is bad, can they call thursday at 7pm instead", "thursday at 7pm"),
        ("tuesday during nap time so like 1-2pm", "tuesday 1-2pm"),
        # two days, or two hours: as before (the first day named is taken, and said to be)
        ("friday or maybe monday, Jo Bloggs 07700 900123", "friday or maybe monday"),
        ("at 3pm, Jo Bloggs 07700 900123, or 4pm", "at 3pm"),
    ],
)
def test_a_day_and_an_hour_said_apart_are_one_time(booking, text, expected):
    assert [value for entity, value in found(booking, text) if entity == "time"] == [expected]


def test_a_new_concern_after_a_colon_is_the_concern(booking):
    # found by the nineteenth play-test: "change concern to: …" was not read as a change
    assert found(booking, "pls change concern to: brown patches (melasma) on cheeks after pregnancy") == [
        ("concern", "brown patches (melasma) on cheeks after pregnancy")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 29: "text first" was dropped
        (
            "07700 900 412 but text first pls dont just ring",
            [("phone", "07700 900 412"), ("note", "text first pls dont just ring")],
        ),
        ("jo@example.com, dont ring me im at work", [("email", "jo@example.com"), ("note", "dont ring me im at work")]),
        # the address after the words ends the note: it was cut at the address's first dot, and the address lost
        (
            "actually make it my email instead, maria.l@gmail.com",
            [("note", "email instead"), ("email", "maria.l@gmail.com")],
        ),
        ("text me instead 07700 900 412 thanks", [("note", "text me instead"), ("phone", "07700 900 412")]),
        # no contact given: no note ("dont call me" alone is for the dialogue)
        ("dont call me", []),
    ],
)
def test_how_to_be_contacted_beside_a_contact_is_a_note(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 29: a time taken back in the same message, and a day said to be too soon
        ("wednesday. no actually thursday", "thursday"),
        ("the date is still the 5th, i want the 12th", "the 12th"),
        (
            "hmm tomorrow is a bit soon, can we do saturday the 12th instead same time",
            "saturday the 12th instead same time",
        ),
        # play-test 30: a weekday in the plural is a habit, the day beside it the day
        ("she's free saturdays mostly, so maybe the 12th in the morning? I'll bring her", "the 12th in the morning"),
        # play-test 49: what day today is was read into the time ("saturday. monday"), and a month was dropped
        ("oh right its saturday. monday then. name is Keisha Barnaby", "monday"),
        ("you literally suggested tomorrow morning. monday morning then", "monday morning"),
        ("wednesday 9th. is that a wednesday?", "wednesday 9th. is that a wednesday"),  # the same day: one time
        ("i said next month, i dont mind what day. mornings are better", "next month mornings"),
        ("sometime in january please", "sometime in january"),
        # play-test 126: "early feb" dropped, and the first weekday afternoon put down (tomorrow)
        ("07399 881122. some time early feb, a weekday afternoon", "some time early feb, a weekday afternoon"),
        ("first week of february if thats ok", "first week of february"),
        # play-test 51: when she was treated started a consultation at that time
        ("she is Lucia Fernandez, was treated yesterday 4pm. can they call today at 5", "today at 5"),
        # play-test 47: the day of another event moved the booking
        ("i have a work do on the 18th so wednesday 9th?", "wednesday 9th"),
        # play-test 131: when she can't take the call, put down as when she can
        ("tomorrow morning please, i have the hairdresser at 11", "tomorrow morning"),
        # play-test 133: "my 3rd" (session) was the 3rd of January, a Sunday, and the Tuesday said next in its week
        ("had 2 sessions already, call me back to book my 3rd. tuesday at 2pm", "tuesday at 2pm"),
        # play-test 162: the day of the session to move became the call back's day, twice
        ("no!! the 15th is when my session IS. i want them to ring me TOMORROW after 10", "TOMORROW after 10"),
        ("the appointment is on the 15th, can they call tomorrow", "tomorrow"),
    ],
)
def test_a_time_taken_back_in_the_same_message_is_the_later_one(booking, text, expected):
    assert [value for entity, value in found(booking, text) if entity == "time"] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 199: the half past two dropped, the whole afternoon put down
        (
            "Thursday afternoon would suit me best, perhaps at half past two, if that is convenient.",
            ["Thursday afternoon would suit me best, perhaps at half past two"],
        ),
        # play-test 209: the half past ten said in a sentence after the morning was dropped (09:00 to 12:00 kept)
        ("Monday morning, after ten o'clock please. Half past ten would be lovely.", ["Monday morning Half past ten"]),
        # a number of things said after the morning is no hour
        ("friday morning. I have two kids so", ["friday morning"]),
        # play-test 212: the day and its part, then the same day with its hour (17:00 to 20:00 put down)
        (
            "A Thursday evening would suit, I work during the day. Next Thursday if possible, around 7?",
            ["Next Thursday if possible, around 7"],
        ),
        # play-test 199: a month named alone was dropped, and a day two days away put down
        ("november please", ["november"]),
        # play-test 199: "ok 9 then" with the number after it lost the day asked about
        ("ok 9 then. number is 07911 123456", ["ok 9 then"]),
        # play-test 198: ages asked about were Friday at 16:00
        ("07700 900 155. and what age do you actually have to be, like can i get it done at 16 or 17 or not", []),
        ("friday at 16 please", ["friday at 16"]),
        # "may" and "march" alone are words
        ("may i ask something", []),
        # play-test 247: an hour in words was no time, and 10:30 was kept twice
        ("It still says half past ten dear. ELEVEN o clock please", ["ELEVEN o clock"]),
        ("Oh no dear half past ten is when the bus comes in, I need to walk from the stop. Eleven would be better",
         ["Eleven"]),
        ("change the time to eleven please", ["eleven"]),
        ("wednesday at eleven", ["wednesday at eleven"]),
        ("ten thirty", ["ten thirty"]),
        # play-test 251: a weekday misspelt was dropped, and the morning put down for today
        ("wensday morning", ["wensday morning"]),
        # play-test 250: a greeting put down as the time, and the time said after it dropped
        ("Morning. I'd like to book a consultation please, Tuesday at half ten if possible.", ["Tuesday at half ten"]),
        ("Afternoon all, can I book for friday", ["friday"]),
        ("morning", ["morning"]),
        # play-test 248: 13:00 exactly
        ("actually make it 1 to 3", ["1 to 3"]),
        # play-test 248: the week after, as a change to the request, was no time
        ("ah actually can you change it to the week after, same day and time?", ["the week after"]),
        ("like I said, the week after. same day same time", ["the week after"]),
        ("can i wear makeup the day after", []),
        # play-test 246: a phone number's last digit corrected was 7 o'clock
        ("sorry the last digit is 7 not 1", []),
        # numbers in words that are no hour
        ("I had one at one point", []),
        ("is one session enough", []),
        ("I want to go from one to two", []),
        # a time said to suit better than one beside it
        ("monday at 3 is no good, tuesday at 4 would be better", ["tuesday at 4"]),
        # play-test 201: months ahead were dropped, and tomorrow put down
        (
            "ok well i'll probably stop feeding in about 3 months. can i book a consultation for then? mornings only pls",
            ["in about 3 months"],
        ),
    ],
)
def test_times_said_in_more_words(booking, text, expected):
    assert [value for entity, value in found(booking, text) if entity == "time"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 31: how to get in touch was dropped, or made the concern
        (
            "telefon 07700 900 377. better is sms, i not understand fast english on phone",
            [("phone", "07700 900 377"), ("note", "better is sms, i not understand fast english on phone")],
        ),
        # (what "please write:" opens is written whole, its reason too: play-test 231's "please write: I prefer 20
        # september if possible, I am in Poland in summer" was taken as a new time)
        (
            "please write: send SMS not call. my english on phone is bad",
            [("note", "send SMS not call. my english on phone is bad")],
        ),
        ("please write: I prefer 20 september if possible", [("note", "I prefer 20 september if possible")]),
        (
            "8 of june, morning please. and write I prefer 20 september if possible",
            [("time", "8 of june, morning"), ("note", "I prefer 20 september if possible")],
        ),
        (
            "acne scars on face. note: please contact me by SMS, not phone call",
            [("note", "please contact me by SMS, not phone call")],
        ),
        # a question about how the clinic gets in touch is no note; a concern dictated is the concern
        ("will you text me?", []),
        ("the concern should say acne scars", [("concern", "acne scars")]),
        # play-test 196: which phone first, and no voicemail on the landline, were dropped or made "on the landline"
        (
            "general questions about microneedling for forehead lines. please try my mobile first, landline only if no "
            "answer, and dont leave a message on the landline",
            [
                (
                    "note",
                    "please try my mobile first, landline only if no answer, and dont leave a message on the landline",
                )
            ],
        ),
        (
            "forehead lines. NO voicemail on landline please. call mobile first.",
            [("note", "NO voicemail on landline please. call mobile first")],
        ),
        (
            "can it say try the mobile first and only the landline if i dont answer",
            [("note", "try the mobile first and only the landline if i dont answer")],
        ),
        (
            "no thats wrong, it just says on the landline now?! it needs to say DONT leave a message on the landline, and "
            "mobile first",
            [("note", "DONT leave a message on the landline, and mobile first")],
        ),
        (
            "yes thats fine. oh and if i dont pick up will they leave a voicemail? id rather they didnt say what its about on "
            "the landline, my husband doesnt know lol",
            [("note", "id rather they didnt say what its about on the landline, my husband doesnt know lol")],
        ),
        # a message for the clinic is a note all the same
        ("can you leave a message for the clinic that i'm on warfarin", [("note", "i'm on warfarin")]),
        # play-test 199: "text or email only" became "email only"
        (
            "Thank you. And please change the note to say: text or email only, no telephone calls.",
            [("note", "text or email only, no telephone calls")],
        ),
        (
            "My email is pat.howard@example.org and my mobile is 07700 900456, but please do tell them to text or email only, "
            "as I shall not hear a telephone call.",
            [
                ("email", "pat.howard@example.org"),
                ("phone", "07700 900456"),
                ("note", "text or email only, as I shall not hear a telephone call"),
            ],
        ),
    ],
)
def test_how_to_get_in_touch_said_plainly_is_a_note(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 206: whose number it is was dropped, then her name made the patient's
        (
            "the number is my mums not mine, her name is dawn morgan",
            [("note", "the number is my mums not mine, her name is dawn morgan")],
        ),
        ("its my husbands phone, hes called pete", [("note", "its my husbands phone, hes called pete")]),
        (
            "07700 900451 - thats my mums mobile (Dawn Morgan)",
            [("phone", "07700 900451"), ("note", "thats my mums mobile (Dawn Morgan)")],
        ),
        ("my mum's number is 07700 900451", [("note", "my mum's number"), ("phone", "07700 900451")]),
        # the sentence's next detail is no part of it
        (
            "that's my mum's number and thursday at 11 is best",
            [("note", "that's my mum's number"), ("time", "thursday at 11")],
        ),
        # play-test 210: the name between, and whom to ask for ("its my partner" was the note)
        (
            "07700 900482 - its my partner Jess's phone tho, so ask for me",
            [("phone", "07700 900482"), ("note", "its my partner Jess's phone tho, so ask for me")],
        ),
        ("yes ok. but you missed that its jess's phone", [("note", "its jess's phone")]),
        ("its Sarah's birthday that day", []),
        # asking to be rung on it is no note
        ("can you ring my mum's number", []),
        # play-test 214: whether to note it asked, and said not to be written down: the pregnancy noted
        (
            "should i put that im pregnant on here or just say it when im there? i dont want it written down anywhere",
            [],
        ),
    ],
)
def test_whose_number_it_is_is_a_note_and_their_name_no_patients(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 211: the mother's name made the patient's, then the patient's own name not read
        (
            "wait should i put my mums number on it as well? its 07700 900 777, her name is Karen",
            [
                ("note", "my mums number on it as well? its 07700 900 777, her name is Karen"),
                ("phone", "07700 900 777"),
            ],
        ),
        ("my mum will come, her name is Karen Turner", [("note", "my mum will come, her name is Karen Turner")]),
        ("no the name should be me, Alex Turner. karen is my mum", [("person", "Alex Turner")]),
        # a request for someone else names the person to be seen
        ("its for my mum, her name is Karen", [("person", "Karen")]),
    ],
)
def test_the_name_of_someone_who_comes_along_is_a_note(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 31: "any time" said apart from the day was dropped, and "2 onwards" not read
        ("can they call tomorrow instead, any time", [("time", "tomorrow any time")]),
        # play-test 42: "not all day" says the opposite of "all day"
        ("and first thing means 10am not all day", [("time", "first thing means 10am")]),
        ("07700 900987. first thing tomorrow.", [("phone", "07700 900987"), ("time", "first thing tomorrow")]),
        ("could it be more like 2 onwards", [("time", "2 onwards")]),
        ("tuesday from 2pm", [("time", "tuesday from 2pm")]),
    ],
)
def test_any_time_and_from_a_time_on_are_part_of_the_time(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 31: a name with an initial was not read, and the name asked for again
        (
            "why do you need my name. M. Kowalczyk, 07700 900 998",
            [("person", "M. Kowalczyk"), ("phone", "07700 900 998")],
        ),
        ("M Kowalczyk, 07700 900 998", [("person", "M Kowalczyk"), ("phone", "07700 900 998")]),
        # "I" is no initial
        ("I Agree.", []),
    ],
)
def test_a_name_with_an_initial(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 32: at the summary, the Tuesday ruled out (and named again after) was kept; "still says tuesday" was
        # read with the Wednesday as one time; "i work afternoons" made the morning not understood
        ("and actually wednesday not tuesday, same time. my brother has the car tuesday", [("time", "wednesday")]),
        ("no it still says tuesday?? WEDNESDAY please", [("time", "WEDNESDAY")]),
        ("actually can u put morning only, i work afternoons", [("time", "morning")]),
        # a correction as ever
        ("wednesday. no actually thursday", [("time", "thursday")]),
        # said to be too late or too soon, still ruled out ("late morning" is not)
        ("tuesday is too late, wednesday then", [("time", "wednesday")]),
        # play-test 137: a day with something on it, Tuesday kept
        (
            "ok. actually tuesday's her bridge club lol so wednesday or thursday morning would be better",
            [("time", "wednesday or thursday morning")],
        ),
        ("tuesday is my gym day, monday then", [("time", "monday")]),
        # play-test 140: Friday, said to be tricky, was put in the time; the afternoon said not to be meant was kept
        (
            "ok. actually make it thursday evening instead, like 6.30, friday might be tricky",
            [("time", "thursday evening instead, like 6.30")],
        ),
        ("actually can you put 2pm rather than just afternoon", [("time", "2pm")]),
    ],
)
def test_a_day_ruled_out_or_said_to_be_shown_is_no_time(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 32: "can you put that on it?" after what the clinic should know made the consultation a call back
        (
            "make sure they ring ME (David) on that number, not her landline. Can you put that on it?",
            [("note", "make sure they ring ME (David) on that number, not her landline")],
        ),
        (
            "the number is mine, ask for Claire. can you add that to the booking",
            [("note", "the number is mine, ask for Claire")],
        ),
        # with nothing said before it, no note
        ("can you put that on it?", []),
    ],
)
def test_what_was_said_then_asked_to_be_put_on_the_request_is_a_note(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 33: notes answered as questions, or "didn't catch that"
        (
            "can you add that I have rosacea and take sertraline? I said it earlier but I don't see it",
            [("note", "I have rosacea and take sertraline")],
        ),
        (
            "it needs to say to ask for Gareth when they ring, its my phone not hers",
            [("note", "to ask for Gareth when they ring, its my phone not hers")],
        ),
        (
            "it doesnt say anywhere that the number is mine (Karen, her mum). please add that",
            [("note", "it doesnt say anywhere that the number is mine (Karen, her mum)")],
        ),
        # asking whether one may mention it is still a question
        ("can i mention that i'm pregnant at the consultation?", [("note", "i'm pregnant at the consultation?")]),
        # play-test 54: read as asking for the reference, twice
        (
            "Could you please make a note so they ask for Margaret when they ring?",
            [("note", "they ask for Margaret when they ring")],
        ),
        ("can you make it 3pm", [("time", "3pm")]),
        # play-test 160: dropped four times
        (
            "any afternoon this week really. oh and ask for Sue when you ring, thats me, its my mobile not his",
            [("time", "any afternoon"), ("note", "ask for Sue when you ring, thats me, its my mobile not his")],
        ),
        # play-test 155: sent without it
        (
            "yep send. and can u put in a note asking them to send prices pls",
            [("note", "asking them to send prices pls")],
        ),
        # play-test 60: the walk-through's first step; "then send" is no part of the note
        (
            "pls add: want to know if next session is ok after allergy. then send",
            [("note", "want to know if next session is ok after allergy")],
        ),
        # play-test 162: the price answer, twice
        (
            "yes but put payment plans on there too, and after 12 is better",
            [("note", "payment plans"), ("time", "after 12")],
        ),
        ("add payment plans to the note", [("note", "payment plans")]),
        ("stick a note on it", []),
        # play-test 167: what to put on the skin, read as a note, dropped the route (SAFETY)
        ("can i put savlon or sudocrem on it", []),
        ("should i put ice on it while im waiting", []),
    ],
)
def test_a_note_asked_to_be_added(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 33: French "mon portable" (my mobile) put the call on a Monday
        (
            "mon portable c'est le +33 6 12 34 56 78 mais j'ai aussi un numéro UK 07700 900321",
            [("phone", "+33 6 12 34 56 78"), ("phone", "07700 900321")],
        ),
        # "mon" as people type Monday
        ("mon am", [("time", "mon am")]),
        ("next mon", [("time", "next mon")]),
    ],
)
def test_mon_is_monday_only_where_it_reads_as_a_day(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 33: "Je m'appelle Élodie Marchand" at the name prompt, and the name asked again
        ("Je m'appelle Élodie Marchand", [("person", "Élodie Marchand")]),
        ("me llamo Sofia Marin", [("person", "Sofia Marin")]),
    ],
)
def test_a_name_given_in_another_language(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, concern",
    [
        # play-test 35: the summary's concern began "and its for"
        (
            "its Priya Sharma, 07700 900812, tuesday around 2, and its for acne scarring on my cheeks",
            "acne scarring on my cheeks",
        ),
        ("Jo Bell, 07700 900123, friday, for my forehead lines", "my forehead lines"),
        ("Jo Bell, 07700 900123, friday, acne scars", "acne scars"),
        # play-test 36: the details in sentences, the concern asked for again
        (
            "07700 900356. wednesday after work like 5.30? its for the dark circles and some acne marks on my jaw",
            "the dark circles and some acne marks on my jaw",
        ),
        ("Sam Lee. 07700 900123. friday at 2. acne scars", "acne scars"),
    ],
)
def test_a_listed_concern_is_without_the_words_that_open_it(booking, text, concern):
    assert ("concern", concern) in found(booking, text)


@pytest.mark.parametrize(
    "text, concern",
    [
        # play-test 36: "Sorry, I didn't catch that" at the summary
        (
            "its claire again. can the concern say acne scarring on both cheeks, he's on doxycycline",
            "acne scarring on both cheeks, he's on doxycycline",
        ),
        ("could the concern be fine lines round my eyes please", "fine lines round my eyes"),
        # play-test 64: a call back's reason, labelled, dropped three times
        (
            "NO. the call should still be monday 7th dec. reason: push 2nd session to end of jan after thailand because of sun",
            "push 2nd session to end of jan after thailand because of sun",
        ),
        ("the reason for the call should be the vouchers", "the vouchers"),
    ],
)
def test_the_concern_asked_to_say_something_else(booking, text, concern):
    assert ("concern", concern) in found(booking, text)


def test_added_to_the_concern_as_well_is_no_new_concern(booking):
    # play-test 37: "add neck to the concern as well please" made the concern "well"
    assert "concern" not in [entity for entity, _ in found(booking, "add neck to the concern as well please")]


@pytest.mark.parametrize(
    "text, person",
    [
        # play-test 39: "tom reyes" was put down as the concern, and the name asked for again
        ("book me in pls, tom reyes, tom.reyes@example.net, any weekday after 4pm", "tom reyes"),
        ("sarah jones, sarahjones@mail.com, acne scars", "sarah jones"),
        # words that are not the address's own are no name
        ("fine lines, sarah.jones@x.com", None),
        ("acne scars, red cheeks, tom.reyes@example.net", None),
        # play-test 42: in capitals, beside an address with a letter left out
        ("TOM BRADSHAW, tuesday 15th at 4pm, tom.bradshw@outlook.com, for ACNE scars", "TOM BRADSHAW"),
        ("toms bradshaw, tom.bradshw@outlook.com", None),  # a short word one letter apart is another word
    ],
)
def test_a_name_in_lowercase_that_is_the_email_addresss_own(booking, text, person):
    names = [value for entity, value in found(booking, text) if entity == "person"]
    assert names == ([person] if person else [])


def test_added_to_the_concern_that_is_a_note(booking):
    # play-test 39: "Sorry, I didn't catch that" at the summary
    text = "can you add to the concern that i have a shellfish allergy and carry an epipen, so they know"
    assert found(booking, text) == [("note", "i have a shellfish allergy and carry an epipen, so they know")]


def test_what_the_request_is_said_to_be_for_later_in_a_list_is_the_concern(booking):
    # play-test 39: the concern began "im a nurse so only evenings"
    text = "chloe@example.com, weds 9th after 6pm, im a nurse so only evenings. its for melasma on my cheeks"
    start = text.index("melasma")
    known = [{"entity": "skin_concern", "value": "melasma", "start": start, "end": start + len("melasma")}]
    concerns = [e["value"] for e in booking.extract(text, known) if e["entity"] == "concern"]
    assert concerns == ["melasma on my cheeks"]


@pytest.mark.parametrize(
    "text, entity, value",
    [
        # play-test 40: "AMELIA ZHANG" after a sentence was put down as the concern, and the name asked for
        (
            "hi id like to book a consultation. AMELIA ZHANG, amelia.zhang@mailbox.example, next wednesday at 2pm",
            "person",
            "AMELIA ZHANG",
        ),
        # play-test 40: "make it 3pm not 2pm" took the 2pm
        ("actually make it 3pm not 2pm", "time", "3pm"),
    ],
)
def test_a_name_after_a_sentence_and_a_time_said_not_meant(booking, text, entity, value):
    assert [v for e, v in found(booking, text) if e == entity] == [value]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 40: "never a tuesday" put down Tuesday, and the warfarin was never added
        (
            "one more thing for the notes - she's on warfarin (blood thinner) and has dialysis on tuesdays so never a tuesday",
            [("note", "she's on warfarin (blood thinner) and has dialysis on tuesdays so never a tuesday")],
        ),
        (
            "NO! I said NEVER Tuesday. Thursday 10th or Friday 11th after 10",
            [("time", "Thursday 10th or Friday 11th after 10")],
        ),
    ],
)
def test_a_day_never_meant_and_a_note_for_the_notes(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 40: the concern cut at its first comma, and "13 Nov" taken as the time of the call
        (
            "change concern to: complaint + refund request, wants MANAGER to call, treated 13 Nov, result uneven and blotchy",
            [
                (
                    "concern",
                    "complaint + refund request, wants MANAGER to call, treated 13 Nov, result uneven and blotchy",
                )
            ],
        ),
        # "concern:" alone in a list of details ends at the comma, as before
        ("concern: acne scars, friday 2pm", [("concern", "acne scars"), ("time", "friday 2pm")]),
    ],
)
def test_the_concern_dictated_after_a_change_and_a_colon(booking, text, expected):
    assert found(booking, text) == expected


def test_a_no_before_a_day_turns_down_what_was_said_before_not_the_day(booking):
    # the e2e test of a new day at the summary found "hmm no saturday" ruled Saturday out (a weekday ruled out by "no")
    assert found(booking, "hmm no saturday") == [("time", "saturday")]


def test_a_week_alone_gives_way_to_the_day_said_after_it(booking):
    # play-test 41: "next week" was taken, and "couldn't work out a day"
    text = "next week once ive finished the antibiotics, so thursday 10th in the evening if poss"
    assert found(booking, text) == [("time", "thursday 10th in the evening")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 42: "take metformin out" was answered as a question, and the notes kept it
        ("sorry, one more - take metformin out, my GP stopped it last month", [("removed", "metformin")]),
        ("remove the bit about warfarin from the notes", [("removed", "warfarin")]),
        ("please delete the lidocaine allergy", [("removed", "lidocaine allergy")]),
        # play-test 49: the note as a whole stayed, or the request was cancelled
        ("take that weird note out", [("removed", "note")]),
        ("remove the notes please", [("removed", "notes")]),
        ("remove the sertraline note", [("removed", "sertraline")]),
        # play-test 185: what the treatment removes is asked, no part of a request
        ("omg. does microneedling remove acne scars completely, yes or no", []),
        ("and the removing part? can microneedling get rid of a tattoo", []),
        ("this is wrong, remove the eczema bit", [("removed", "eczema")]),
        # play-test 246: words quoted from the request, sent as it was
        ("haha can u take the 'obviously lol' out of that first, bit embarrassing. then send",
         [("removed", "obviously lol")]),
        ("can you remove “obviously lol” from the concern", [("removed", "obviously lol")]),
        # play-test 61: the request cancelled
        ("please remove the notes about my daughter, they're wrong", [("removed", "my daughter")]),
        # a contact, the request or the person's data are taken off in other ways
        ("take the email off", []),
        ("remove my number", []),
        ("delete my data please", []),
        ("take it out", []),
        ("'; DROP TABLE bookings; --", []),  # code typed where the name is asked (tests/e2e)
    ],
)
def test_a_part_of_the_notes_said_to_go(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 42: the day asked why it was put down was read with the day wanted, and neither understood
        ("why has it changed to wednesday?? monday 7th is first choice", [("time", "monday 7th")]),
        ("why is it saying friday, i said thursday", [("time", "thursday")]),
    ],
)
def test_a_day_asked_why_it_was_put_down_is_not_the_time(booking, text, expected):
    assert found(booking, text) == expected


def test_a_note_ends_before_a_sentence_that_changes_another_detail(booking):
    # play-test 43: the change of time was put in the note
    text = "can you add a note pls: call laura first, dad is hard of hearing. and change it to thursday 10th, 11am"
    assert found(booking, text) == [
        ("note", "call laura first, dad is hard of hearing"),
        ("time", "thursday 10th, 11am"),
    ]


def test_a_note_said_in_passing_is_marked_so(booking):
    # play-test 44: "just so you know i'm on isotretinoin" was answered, and kept nowhere
    [note] = booking.extract("Priya Raman. just so you know i'm on isotretinoin at the moment")
    assert (note["entity"], note["value"], note.get("role")) == ("note", "i'm on isotretinoin at the moment", "fyi")


@pytest.mark.parametrize(
    "text, concern",
    [
        # play-test 44: "say:" was kept in the concern, and a concern after "is:" was cut at "a call from the manager"
        (
            "change the concern to say: Refund of £750 already agreed by the manager, just process it",
            "Refund of £750 already agreed by the manager, just process it",
        ),
        (
            "the concern is: 3 sessions, paid £750, wants a refund and a call from the manager not reception",
            "3 sessions, paid £750, wants a refund and a call from the manager not reception",
        ),
    ],
)
def test_a_concern_dictated_after_a_colon_is_taken_whole(booking, text, concern):
    assert found(booking, text) == [("concern", concern)]


def test_a_note_said_to_be_still_there_and_to_go_is_what_to_take_out(booking):
    # play-test 45: the note was kept
    assert found(booking, "the cold sores note is still there. remove it please") == [("removed", "cold sores")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 101: each made the appointment 6pm on the Saturday she had asked for, or "couldn't work out a day"
        (
            "I can come in a saturday morning. But when they ring me to confirm could they please only ring after 6pm on a "
            "weekday, I'm at work all day and theres no one in",
            [
                ("time", "saturday morning"),
                (
                    "note",
                    "when they ring me to confirm could they please only ring after 6pm on a weekday, I'm at work all day "
                    "and theres no one in",
                ),
            ],
        ),
        (
            "No the appointment is saturday morning the 12th like I said. The 6pm is for when they PHONE me",
            [("time", "saturday morning the 12th"), ("note", "The 6pm is for when they PHONE me")],
        ),
        (
            "Fine lines round my eyes and mouth. Please only telephone me after 6pm on weekdays as I am at work",
            [("note", "Please only telephone me after 6pm on weekdays as I am at work")],
        ),
        # play-test 247: dropped, then the consultation made a call back, then the 11:00 made the morning
        ("Yes dear but will they ring me? And can you tell them mornings are best", [("note", "mornings are best")]),
        ("please write on it that mornings are best to ring me", [("note", "mornings are best to ring me")]),
        (
            "No dear I still want the appointment on Wednesday! I only wanted them to know to ring in the morning",
            [("time", "on Wednesday"), ("note", "ring in the morning")],
        ),
    ],
)
def test_when_to_ring_is_a_note_and_no_time_to_come_in(booking, text, expected):
    assert [pair for pair in found(booking, text) if pair[0] in ("time", "note")] == expected
    [note] = [entity for entity in booking.extract(text) if entity["entity"] == "note"]
    assert note.get("role") == "call_time"


@pytest.mark.parametrize(
    "text, time",
    [
        # a time for the call itself, in a call back, is still the time
        ("call me back after 6 please", "after 6"),
        ("ring me tomorrow after 10 please", "tomorrow after 10"),
        ("can you call me tomorrow at 10", "tomorrow at 10"),
    ],
)
def test_a_time_to_be_called_back_is_still_a_time(booking, text, time):
    assert ("time", time) in found(booking, text)
    assert not any(entity["entity"] == "note" for entity in booking.extract(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 106: Saturday put down as the time wanted, from a question about the clinic's hours
        ("before i pick a day - is there parking near you? and what time do you shut on saturdays", []),
        ("are you open sundays?", []),
        # a time said beside the question is still the time
        ("saturday morning please. what time do you close then?", [("time", "saturday morning")]),
        ("do you open on monday? i can do monday at 10", [("time", "monday at 10")]),
    ],
)
def test_a_day_in_a_question_about_the_hours_is_no_time_wanted(booking, text, expected):
    assert [pair for pair in found(booking, text) if pair[0] == "time"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 107: "the reaction to the cream tonight", in her concern, moved the request to tonight
        ("acne scarring on my chin. and pls tell them about the allergic reaction to the cream tonight", []),
        # a time said after a reaction named is still a time
        ("i had a reaction last time so maybe thursday at 2", [("time", "thursday at 2")]),
        ("had a reaction on tuesday, can i come thursday at 3", [("time", "thursday at 3")]),
    ],
)
def test_when_a_reaction_happened_is_no_time_wanted(booking, text, expected):
    assert [pair for pair in found(booking, text) if pair[0] == "time"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 108: "in 2 weeks" was taken, and a Sunday two weeks on put down
        ("maybe in 2 weeks when the cold sore has gone? like the monday after next, 10am", "monday after next, 10am"),
        # a weekday in those weeks is still read with them
        ("in 2 weeks, thursday", "in 2 weeks, thursday"),
    ],
)
def test_a_day_that_names_its_own_week_is_taken_over_weeks_ahead(booking, text, expected):
    assert [value for kind, value in found(booking, text) if kind == "time"] == [expected]


def test_when_a_medicine_was_started_is_no_time_to_come_in(booking):
    # play-test 122: a new date in September asked for, and the request's date thrown away
    text = "oh I should mention, I'm on roaccutane at the moment (started in september). can you add that"
    assert [value for kind, value in found(booking, text) if kind == "time"] == []


def test_a_day_said_to_be_busy_all_day_is_no_time(booking):
    # play-test 123: "im in meetings all day monday" with an email given was read as the time asked for, and refused
    text = "ok. actually can they email me instead of ringing? im in meetings all day monday. tbradley@fastmail.com"
    assert [value for kind, value in found(booking, text) if kind == "time"] == []


def test_when_exams_start_is_no_time_to_come_in(booking):
    # play-test 124: the consultation moved from the Wednesday asked for to the first exam
    text = "wait this is just the consultation right, not the actual needling? my exams start on the 14th"
    assert [value for kind, value in found(booking, text) if kind == "time"] == []


@pytest.mark.parametrize(
    "text, person",
    [
        # play-test 146: the name in lowercase just before the number was asked for again
        (
            "ok maybe. can they just ring me first, not ready to book anything. chloe 07700 900318, after 5 on a weekday is best",
            "chloe",
        ),
        # ... and "call me tmrw" was put down as the name "tmrw"
        (
            "can the clinic just call me tmrw about it then. Jade Thompson 07700 900764, lunchtime ideally",
            "Jade Thompson",
        ),
        # what a number is called is no name
        ("telefon 07700 900 377", None),
        ("ok 07700 900318", None),
        # play-test 159: a capitalised first name alone before the number was asked for again
        ("forget it. can you get them to ring me tomorrow morning then. Hannah 07700 900 645", "Hannah"),
        ("Mobile: 07700 900123", None),
        # play-test 157: "it's" before a number given again became the name
        ("oops my number is wrong, it's 07700 900 412", None),
        # play-test 155: "its" before the name
        ("hi can i get someone to call me back tomorrow lunchtime? its jo bennett, 07700 900233", "jo bennett"),
    ],
)
def test_a_lowercase_name_just_before_the_number(booking, text, person):
    found = [entity["value"] for entity in booking.extract(text) if entity["entity"] == "person"]
    assert found == ([person] if person else [])


def test_a_skin_concern_just_before_the_number_is_no_name(booking):
    text = "call me back, its acne scars 07700 900233"
    known = [{"entity": "skin_concern", "value": "acne scars", "start": text.index("acne"), "end": text.index(" 077")}]
    assert [entity for entity in booking.extract(text, known) if entity["entity"] == "person"] == []


@pytest.mark.parametrize(
    "text, time",
    [
        # play-test 154: the day the summary shows, said to be wrong, was taken as the day wanted
        ("ok fair. wait it says monday?? i said tues or weds. monday i cant do", "tues or weds"),
        ("the summary has monday on it, i told you tuesday", "tuesday"),
        ("you put me down for friday, it should be thursday", "thursday"),
        ("can you put me down for friday please", "friday"),
        ("have you got monday free", "monday"),
        # play-test 156: "tomorow" dropped, and "all day" (at work) joined to the time
        (
            "tomorow after 5 is best. but will u text or ring? i really prefer text, im at work all day",
            "tomorow after 5",
        ),
        # play-test 155: the age acne was had at became the time
        ("acne scars, mostly cheeks. had bad acne at 14-15, its cleared now but marks left", None),
    ],
)
def test_a_day_shown_or_an_age_is_no_time_wanted(booking, text, time):
    assert [value for kind, value in found(booking, text) if kind == "time"] == ([time] if time else [])


def test_what_a_call_is_asked_to_be_about_is_its_concern(booking):
    # play-test 159: "about pricing" was asked for again
    text = "my name's Tom, 07700 900 331, can someone call me about pricing, any time after 6 on a weekday"
    assert ("concern", "pricing") in found(booking, text)
    assert "concern" not in [kind for kind, _ in found(booking, "can you call me about it tomorrow")]
    # play-test 163: "to talk about the timing", said after when, was asked for again
    said = found(booking, "can someone just ring me tomorrow to talk about the timing. its Jess 07700 900741")
    assert ("concern", "the timing") in said and ("time", "tomorrow") in said


def test_what_the_request_is_for_beside_one_detail_is_its_concern(booking):
    # play-test 155: "thursday after work, like 7ish? and its for some fine lines round my eyes" asked for it again
    text = "thursday after work, like 7ish? and its for some fine lines round my eyes"
    known = [
        {"entity": "skin_concern", "value": "fine lines", "start": text.index("fine"), "end": text.index(" round")}
    ]
    found = [(e["entity"], e["value"]) for e in booking.extract(text, known)]
    assert ("concern", "some fine lines round my eyes") in found and ("time", "thursday after work, like 7ish") in found
    # one detail and no concern said to be what it is for: none
    text = "thursday after work, like 7ish? fine lines round my eyes are my worry"
    known = [
        {"entity": "skin_concern", "value": "fine lines", "start": text.index("fine"), "end": text.index(" round")}
    ]
    assert "concern" not in [e["entity"] for e in booking.extract(text, known)]


def test_the_name_of_a_relative_whose_number_is_given_is_not_the_persons(booking):
    # play-test 155: "(shes called Karen)", of the mum whose number it was, replaced the name of the person to be seen
    text = "ill put mine 07700 900155 and mums is 07700 900156 if u need it (shes called Karen)"
    assert [value for kind, value in found(booking, text) if kind == "person"] == []
    assert [value for kind, value in found(booking, "its for my mum, shes called Karen Hart") if kind == "person"] == [
        "Karen Hart"
    ]


def test_a_time_when_something_might_go_wrong_is_no_time_wanted(booking):
    # play-test 150: "… on a sunday, who do i contact" was taken as a booking's details, and a consultation offered
    text = "and if something did go wrong after, like at night or on a sunday, who do i contact"
    assert not [entity for entity in booking.extract(text) if entity["entity"] == "time"]
    assert [
        entity["value"] for entity in booking.extract("book me for saturday if that's ok") if entity["entity"] == "time"
    ] == ["saturday"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 162: the day of a session booked, said as what a call back is about, is no time wanted
        ("my next session, i need to move it. its meant to be the 15th", []),
        ("and put that its the session on the 15th i need to move pls", []),
        # a session asked for on a day is that day
        ("can i book a session on the 15th", ["the 15th"]),
        ("it says monday, its meant to be tuesday", ["tuesday"]),
        # play-test 164: the day of the session to move, and the wedding, became the day wanted
        ("my 2nd session is booked for the 18th but i cant make it", []),
        ("id like my next session on the 18th", ["the 18th"]),
        ("yes. will my skin be healed in time for the 19th if i have it done this week?", []),
        ("can i get in by the 19th", ["the 19th"]),
        # a span of hours at a sentence's end
        ("the 18th is my appointment i cant go to!! call me tuesday 12-2. its about moving it", ["tuesday 12-2"]),
    ],
)
def test_the_day_of_a_session_booked_is_no_time_wanted(booking, text, expected):
    assert [value for entity, value in found(booking, text) if entity == "time"] == expected


def test_what_a_list_says_the_request_is_about_is_its_concern_whatever_it_names(booking):
    # play-test 163: "re prices" named no skin concern, and the concern became his first message
    text = "fine get them to call me. Dave Morris 07700 900119, tomorrow lunchtime, re prices"
    assert ("concern", "prices") in [(e["entity"], e["value"]) for e in booking.extract(text, [])]
    # a clause that names no concern and says nothing of what it is about is none
    text = "Dave Morris 07700 900119, tomorrow lunchtime, busy week"
    assert "concern" not in [e["entity"] for e in booking.extract(text, [])]


def test_a_concern_named_before_more_words_is_the_concern_with_them(booking):
    # play-test 163: "acne scarring + want to ask about laser vs microneedling" was cut to "scars"
    text = "Tom Reilly 07700 900588 friday morning, acne scarring + want to ask about laser vs microneedling"
    start = text.index("acne")
    known = [{"entity": "skin_concern", "value": "acne scarring", "start": start, "end": start + len("acne scarring")}]
    assert ("concern", "acne scarring + want to ask about laser vs microneedling") in [
        (e["entity"], e["value"]) for e in booking.extract(text, known)
    ]


def test_a_day_counted_from_is_not_the_time(booking):
    # play-test 185: the 17th of "4-6 weeks from the 17th" was put down (a Sunday in January), not "monday after 2pm"
    text = (
        "right so 4-6 weeks from the 17th. can you get them to call me about booking the next one? monday after 2pm. "
        "Tom Reid 07700 900531"
    )
    times = [value for entity, value in found(booking, text) if entity == "time"]
    assert times == ["monday after 2pm"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # play-test 221: "not too early" read as a correction, so Tuesday was dropped and tomorrow put down
        (
            "Tuesday morning would suit, not too early as I come in by bus. Perhaps half ten?",
            [("time", "Tuesday morning half ten")],
        ),
        # a correction as ever
        ("tuesday morning, no actually wednesday at 10", [("time", "wednesday at 10")]),
        # play-test 220: "the 2nd ones" of the numbers given moved the request to the 2nd of the next month
        ("can you read it all back to me before I say yes, want to be sure the 2nd ones marked as my wifes", []),
        ("the 2nd number is my wife's", []),
        # play-test 220: the concern kept what it replaces, quoted ("… on my cheeks not 'did u get that")
        ("lol no the concern is old acne marks on my cheeks not 'did u get that'",
         [("concern", "old acne marks on my cheeks")]),
        ("can we do the 2nd instead", [("time", "the 2nd")]),
    ],
)
def test_how_early_and_which_one_said_are_no_time(booking, text, expected):
    assert found(booking, text) == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 232: "Name: near oxford circus"
    ("fine. can i come in tonight for the consultation then, like 7.45? im near oxford circus",
     [("time", "tonight 7.45")]),
    # play-test 232: the address in the note, the phone kept as the contact
    ("Can you add that I'm hard of hearing so could they email me please, not ring. ruth.f@example.com",
     [("note", "I'm hard of hearing so could they email me please, not ring"), ("email", "ruth.f@example.com")]),
])
def test_where_someone_is_is_no_name_and_an_address_after_a_note_is_the_contact(booking, text, expected):
    assert found(booking, text) == expected



def test_a_concern_dictated_then_a_note_gives_both(booking):
    # play-test 248: "The concern line reads oddly, 'please make'? Can it just say forehead wrinkles, and the note: email
    # only, I am hard of hearing." kept the concern as it was
    text = ("The concern line reads oddly, 'please make'? Can it just say forehead wrinkles, and the note: email only, "
            "I am hard of hearing.")
    assert found(booking, text) == [("concern", "forehead wrinkles"), ("note", "email only, I am hard of hearing")]
