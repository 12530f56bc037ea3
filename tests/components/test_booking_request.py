"""A message giving a booking's details is a booking request (components/booking_request.py)."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from components.booking_request import BookingDetailsRequest


def message(text, intent, kinds):
    found = Message(data={"text": text})
    found.set("intent", {"name": intent, "confidence": 0.4})
    found.set("intent_ranking", [{"name": intent, "confidence": 0.4}, {"name": "book_consultation", "confidence": 0.2}])
    found.set("entities", [{"entity": kind, "value": "x", "start": 0, "end": 1} for kind in kinds])
    return found


@pytest.mark.parametrize(
    "intent, kinds, expected",
    [
        # "priya@example.com - Priya Patel - need a consultation, wed 9th at half 10"
        ("nlu_fallback", ["email", "person", "time"], "book_consultation"),
        ("inform", ["phone", "time"], "book_consultation"),
        ("out_of_scope", ["person", "email"], "book_consultation"),
        # one detail alone: "I'm Priya" is not yet a request
        ("inform", ["person"], "inform"),
        # a question with details stays a question
        ("faq", ["person", "phone"], "faq"),
        # entities that are no booking details
        ("inform", ["skin_concern", "treatment_area"], "inform"),
        # a call back asked for in words (found by the sixth play-test): "can you call me back about my scars"
        ("request_human", ["request_kind", "skin_concern"], "book_consultation"),
        ("nlu_fallback", ["request_kind"], "book_consultation"),
        # asking for a person without a call back stays that
        ("request_human", ["person"], "request_human"),
    ],
)
def test_two_kinds_of_detail_make_a_booking_request(intent, kinds, expected):
    found = message("...", intent, kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    assert found.get("intent_ranking")[0]["name"] == expected
    assert len({entry["name"] for entry in found.get("intent_ranking")}) == len(found.get("intent_ranking"))


def test_a_button_is_left_alone():
    found = message('/inform{"person": "Jo"}', "inform", ["person", "phone"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "inform"


def with_field(text, intent, field, kinds):
    found = message(text, intent, kinds)
    found.set("entities", found.get("entities") + [{"entity": "booking_field", "value": field, "start": 0, "end": 1}])
    return found


@pytest.mark.parametrize(
    "intent, field, kinds, expected",
    [
        # found by the third play-test: "the time to 2.15pm" was answered with how long the procedure takes
        ("faq", "booking_time", ["time"], "correct_booking"),
        ("faq", "booking_concern", ["concern"], "correct_booking"),  # "concern: wrinkles around the eyes"
        ("nlu_fallback", "booking_name", ["person"], "correct_booking"),  # "surname should be Osei-Bonsu"
        ("inform", "booking_contact", ["phone"], "correct_booking"),
        # found by the seventh play-test: "hang on, my mum's name should go on it, it's Karen Hart"
        ("never_mind", "booking_name", ["person"], "correct_booking"),
        # a detail named without its value, or a value of another detail: as the classifier said
        ("faq", "booking_time", [], "faq"),
        ("faq", "booking_time", ["email"], "faq"),
        # never a crisis, a stop or another language
        ("distress", "booking_time", ["time"], "distress"),
        ("stop", "booking_time", ["time"], "stop"),
    ],
)
def test_a_detail_named_with_its_new_value_is_a_correction(intent, field, kinds, expected):
    found = with_field("...", intent, field, kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, expected", [
    ("delete_my_data", "remove my email, the phone is enough", "correct_booking"),
    ("nlu_fallback", "wait remove the gmail, just the phone is fine", "correct_booking"),
    ("delete_my_data", "delete my data", "delete_my_data"),  # no detail named: the person's data
    # found by the seventh play-test: a detail named, but everything to go
    ("delete_my_data", "forget it, i dont want you storing my number. delete everything", "delete_my_data"),
    # a detail the clinic holds named, "nothing here to change" and a consultation offered: a deletion
    ("delete_my_data", "remove my number from your records", "delete_my_data"),
    ("delete_my_data", "take my email off your database please", "delete_my_data"),
    ("delete_my_data", "why are you still holding onto my number, get rid of it", "delete_my_data"),
    # play-test 202: the request cancelled and a deletion offered
    ("delete_my_data", "actually just take my phone number off completely", "correct_booking"),
])
def test_a_detail_taken_out_of_a_request_is_a_correction(intent, text, expected):
    found = message(text, intent, [])
    if intent != "delete_my_data" or "email" in text or "number" in text:
        found.set("entities", [{"entity": "booking_field", "value": "booking_contact", "start": 0, "end": 1}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, expected", [
    # found by the eighth play-test: each was "Sorry, that doesn't look like a name" or taken as the concern
    ("nlu_fallback", "hmm actually wait, cancel that i need to check with my wife first", "stop"),
    ("nlu_fallback", "no stop. i already booked MN-4K3G, i just want to know what name it's under", "stop"),
    ("inform", "I DONT WANT TO BOOK", "stop"),
    ("nlu_fallback", "lol jk. cancel. bye loser", "stop"),
    ("nlu_fallback", "oh ok. never mind then ill message again in the spring", "stop"),
    ("nlu_fallback", "check her diary first. Let's stop here for now please", "stop"),  # the tenth play-test
    # asking about stopping or cancelling, or "stop" in another sense: as the classifier read it
    ("faq", "how do i stop the redness?", "faq"),
    # (how to cancel later is asked of the request: play-test 209)
    ("nlu_fallback", "can i cancel later if i change my mind?", "ask_reference"),
    ("inform", "never mind the price, how long does it take", "inform"),
    ("faq", "I DONT WANT TO BOOK. phone number for the clinic?", "faq"),  # a question asked stays one
    # play-test 86: the general "I can't tell you whether it can wait … NHS 111" to a request to cancel
    ("faq", "hmm actually can I cancel it? sorry just realised i might be away that week", "stop"),
    ("faq", "could you cancel my request please?", "stop"),
    # play-test 134: not understood, a few turns after the request was sent
    ("nlu_fallback", "oh no actually something's come up, i need to cancel that booking sorry", "stop"),
    # (an appointment of their own, perhaps made by phone, is the clinic's to cancel: as the classifier read it)
    ("faq", "please cancel my appointment", "faq"),
    ("faq", "can i cancel it if i change my mind later?", "ask_reference"),
    # play-tests 156 and 157: "I need a yes or a no", and "not sure I understood"
    ("nlu_fallback", "ugh ok can you just cancel it then", "stop"),
    ("nlu_fallback", "ah actually can i cancel that, ill just ring them myself on wednesday", "stop"),
    ("faq", "can i cancel it later?", "faq"),
    # play-test 254: "Sorry, that doesn't look like a name" until "cancel"
    ("nlu_fallback", "no not booking yet! i want the next step, step 4", "stop"),
    ("deny", "no, I'm not booking anything", "stop"),
    # (booking for someone else, or later, is booking)
    ("nlu_fallback", "im not booking for myself, its for my mum", "correct_booking"),
    ("nlu_fallback", "not booking until i know the price", "nlu_fallback"),
    ("thank", "thanks, not booking anything else", "thank"),
])
def test_an_unmistakable_stop_is_a_stop(intent, text, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, said_yes", [
    # play-test 160: to the question whether to cancel a request sent, not understood; the yes is its button's entity
    ("yes cancel it thanks", True),
    # "cancel" alone, said again, asks again
    ("cancel it", False),
])
def test_a_yes_with_a_cancel_says_yes_to_cancelling(text, said_yes):
    found = message(text, "affirm", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "stop"
    assert ({"entity": "cancelling", "value": "yes"} in found.get("entities")) is said_yes


@pytest.mark.parametrize("intent, text, expected", [
    # play-test 156: the words of the "Yes, send the change" button, typed, opened the menu of changes
    ("correct_booking", "send the change", "affirm"),
    ("correct_booking", "yes send the change please", "affirm"),
])
def test_send_the_change_typed_is_the_send(intent, text, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, expected", [
    # play-test 155: read as taking the email off a request sent, being changed; the change went on
    ("correct_booking", "forget it then, cancel the whole request ill just email them myself", "stop"),
    ("stop", "forget it then, cancel the whole request ill just email them myself", "stop"),
    # taking a contact off is still a change
    ("correct_booking", "take my email off", "correct_booking"),
])
def test_the_whole_request_cancelled_is_a_stop(intent, text, expected):
    found = with_field(text, intent, "booking_contact", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 86: a consultation request started for someone booked in already, complaining of the offer
    ("i'm already booked in, you keep saying book a consultation lol. will they give me an aftercare sheet on the day?",
     "faq"),
    ("stop telling me to book, i just want to know about the sun", "faq"),
    # play-test 125: a request began, and "No" became his name
    ("My wife has booked me in.", "faq"),
    ("im booked in for thursday, what happens on the day?", "faq"),
    # a request to book stays one
    ("book me in for a consultation please", "book_consultation"),
])
def test_the_offer_to_book_declined_is_no_request_to_book(text, expected):
    found = message(text, "book_consultation", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_question_naming_a_time_is_no_correction():
    # found by the tenth play-test: "what time does the clinic shut tonight" got "nothing here to change"
    found = message("what time does the clinic shut tonight", "faq", ["time"])
    found.set("entities", found.get("entities") + [{"entity": "booking_field", "value": "booking_time", "start": 5, "end": 9}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize(
    "text, value, expected",
    [
        # found by the tenth play-test: "push it an hour later" was answered with how long a treatment takes
        ("great. could we push it an hour later too", "an hour later", "correct_booking"),
        ("can we bring it forward half an hour?", "forward half an hour", "correct_booking"),
        # a question about something an hour later moves nothing
        ("can i exercise an hour later?", "an hour later", "faq"),
    ],
)
def test_a_time_moved_is_a_correction(text, value, expected):
    found = message(text, "faq", [])
    found.set("entities", [{"entity": "time", "value": value, "start": 0, "end": 1}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize(
    "text, kinds, expected",
    [
        # found by the tenth play-test: the name was answered as a question about a son's suitability
        ("well its for my son, Jamie Reid. Im Claire Reid, his mum", ["person"], "inform"),
        ("it's for my daughter Ella Thompson", ["person"], "inform"),
        # without a name it is still whatever the classifier read; a question stays a question
        ("its for my son", [], "faq"),
        ("is it ok for my son Jamie, he's 17?", ["person"], "faq"),
    ],
)
def test_who_the_request_is_for_with_their_name_is_a_statement_of_details(text, kinds, expected):
    found = message(text, "faq", kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # found by the eleventh play-test: the kind of request changed in words
    ("change asked for to consultation", "correct_booking", "book_consultation"),
    ("can it be a consultation instead", "nlu_fallback", "book_consultation"),
    # a question about the consultation stays a question
    ("what happens at a consultation", "faq", "faq"),
])
def test_the_kind_of_request_changed_to_a_consultation_is_a_booking_request(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, span, expected", [
    # found by the eleventh play-test: "monday would suit" got the suitability answer at the time prompt
    ("monday would suit", "monday", "inform"),
    ("how about friday at 3?", "friday at 3", "inform"),
    # other words beside the time: whatever the classifier read
    ("swollen since monday", "monday", "faq"),
    ("can i exercise on monday", "monday", "faq"),
    # play-test 140: a no to keeping the details, and the request stopped
    ("no the 15th not the 16th", "the 15th", "inform"),
])
def test_a_time_alone_is_a_detail(text, span, expected):
    found = message(text, "deny" if text.startswith("no ") else "faq", [])
    start = text.index(span)
    found.set("entities", [{"entity": "time", "value": span, "start": start, "end": start + len(span)}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # found by the tenth and eleventh play-tests
    ("I'll book another time, thanks.", "inform", "goodbye"),
    ("never mind thanks, I'll have a chat with her first", "never_mind", "goodbye"),
    ("sorry i need to check with my husband first", "nlu_fallback", "goodbye"),
    # "never mind" alone stays what it is (a change let go, data/rules/booking.yml)
    ("never mind", "never_mind", "never_mind"),
    ("i'll think about what time suits", "inform", "inform"),
])
def test_a_request_left_for_later_is_a_goodbye(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, kinds, expected", [
    # found by the eleventh play-test
    ("no dont send it. bye", "deny", [], "stop"),
    ("never mind, bye", "stop", [], "goodbye"),
    ("sorry autocorrect!! its Siobhan not Shivon", "inform", ["person"], "correct_booking"),
    ("cancel. bye", "stop", [], "stop"),
])
def test_stops_goodbyes_and_a_name_respelt(text, intent, kinds, expected):
    found = message(text, intent, kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, kinds, expected", [
    # found by the twelfth play-test
    ("scrap the whole thing", "nlu_fallback", [], "stop"),
    ("cancel the lot sorry", "inform", [], "stop"),
    ("can we just book me an actual consultation instead of the call?", "faq", [], "book_consultation"),
    ("email only please, no phone calls", "nlu_fallback", ["booking_field"], "correct_booking"),
    ("take my email off, just his mobile", "nlu_fallback", ["booking_field"], "correct_booking"),
])
def test_found_by_the_twelfth_play_test(text, intent, kinds, expected):
    found = message(text, intent, [])
    found.set("entities", [{"entity": kind, "value": "booking_contact", "start": 0, "end": 1} for kind in kinds])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, kinds, expected", [
    # found by the thirteenth play-test
    ("I hit cancel by accident, I still want it", "inform", [], "book_consultation"),
    ("oh no sorry pressed no by mistake!! i do agree", "deny", [], "book_consultation"),
    ("never mind. could we make it a bit later in the day", "stop", [], "correct_booking"),
    ("never mind, cancel it", "stop", [], "stop"),
    # play-tests 144 and 150: "forget it" said of a question, then the time meant, cancelled the request
    ("ugh ok forget it, the 23rd afternoon then", "stop", [], "correct_booking"),
    ("forget it, leave it as monday 14th afternoon", "stop", [], "correct_booking"),
    ("forget it, i dont want to book", "stop", [], "stop"),
    # play-test 153: whether the allergy note will be seen got the pain answer ("a numbing cream is put on first")
    ("great. will they definately see the allergy note before they put anything on my face?", "faq", [],
     "ask_reference"),
    ("will they see what i wrote?", "faq", [], "ask_reference"),
    ("will they see my face before the treatment?", "faq", [], "faq"),
    # play-test 49: "nothing has been cancelled", twice, to a call back asked for with all its details
    ("forget it, can someone just ring me to answer all this. im Marcus Adeyemi 07955 310778, weekday lunchtimes best",
     "stop", ["request_kind", "person", "phone", "time"], "book_consultation"),
    ("forget it, can someone just ring me to answer all this. im Marcus Adeyemi 07955 310778", "inform",
     ["request_kind", "person", "phone"], "book_consultation"),
    ("forget it, cancel my call back", "stop", ["request_kind"], "stop"),
    ("forget it, cancel my call back", "inform", ["request_kind"], "stop"),
    ("i didnt cancel anything. i want a CALL BACK please", "stop", ["request_kind"], "book_consultation"),
    ("actually id rather they call me than email, im terrible at checking email", "book_consultation",
     ["request_kind"], "correct_booking"),
    # play-test 50: the name became "dont"
    ("actually just call me dont email", "book_consultation", ["request_kind"], "correct_booking"),
    ("call back pls", "start_guide", ["request_kind"], "book_consultation"),
    ("well it's for Sophie, Sophie Whitfield. I'm her mum, Margaret", "faq", ["person"], "inform"),
    # found by the fifteenth play-test: the suitability answer, and the name asked for again
    ("well the appointment is for her, Margaret O'Brien. I'm her daughter Claire", "faq", ["person"], "inform"),
])
def test_found_by_the_thirteenth_play_test(text, intent, kinds, expected):
    found = message(text, intent, kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_wanting_the_call_back_after_help_had_is_the_call_back():
    # play-test 28: the help-had advice again, and the paused call back not picked up
    found = message("no im fine now!! it already happened, paramedics came. i just want the call back", "faq",
                    ["request_kind"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"


def test_wanting_the_clinic_to_call_is_a_call_back():
    # play-test 27: "just want the clinic to call me tomorrow at 10am" after the paramedics came
    found = message("paramedics came, swelling going down. just want the clinic to call me tomorrow at 10am", "faq",
                    ["request_kind", "time"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"


def test_a_call_back_beside_a_question_read_from_the_whole_message():
    # play-test 27: a question with no place of its own (the whole message) made the component fail
    found = message("just want the clinic to call me tomorrow", "faq", [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": 10, "end": 28}])
    found.set("questions", [{"intent_response_key": "faq/clinic_info", "confidence": 0.6}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"
    assert found.get("questions") == [{"intent_response_key": "faq/clinic_info", "confidence": 0.6}]
    # ... and a message that asks nothing gets no answer before the call back
    asks_nothing = message("paramedics came. just want the clinic to call me tomorrow", "faq", [])
    asks_nothing.set("entities", [{"entity": "request_kind", "value": "call_back", "start": 31, "end": 48}])
    asks_nothing.set("question_parts", [{"intent_response_key": "faq/suitability", "confidence": 1.0}])
    asks_nothing.set("asks", False)
    BookingDetailsRequest({}).process([asks_nothing])
    assert asks_nothing.get("intent")["name"] == "book_consultation" and asks_nothing.get("questions") == []


def test_a_call_back_or_a_day_read_as_a_step_of_the_walk_through():
    # play-test 27: "call back pls" went a step back, "next sat" a step on
    found = message("call back pls", "previous_step", ["request_kind"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"
    day = Message(data={"text": "next sat"})
    day.set("intent", {"name": "next_step", "confidence": 0.88})
    day.set("entities", [{"entity": "time", "value": "next sat", "start": 0, "end": 8}])
    BookingDetailsRequest({}).process([day])
    assert day.get("intent")["name"] == "inform"
    step = Message(data={"text": "next"})  # the walk-through's own "next" stays
    step.set("intent", {"name": "next_step", "confidence": 0.9})
    BookingDetailsRequest({}).process([step])
    assert step.get("intent")["name"] == "next_step"


@pytest.mark.parametrize("text, intent, expected", [
    # found by the fourteenth play-test: a no to the consent question in words was read as "never mind"
    ("no actually, id rather you didnt keep my details", "never_mind", "deny"),
    ("please don't keep my data", "nlu_fallback", "deny"),
    ("do you keep my details?", "faq", "faq"),
])
def test_a_no_to_keeping_the_details_is_a_no(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_consultation_asked_for_someone_else_with_their_name_is_a_booking_request():
    # found by the tenth play-test: "You haven't requested a consultation … nothing here to change"
    text = "hey is it possible to get a consultation for my boyfriend? he wont do it himself lol. his name is Marcus Bell"
    found = message(text, "correct_booking", ["person"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"
    # changing the name on a request already made stays a correction
    found = message("change the name on my booking to Marcus Bell", "correct_booking", ["person"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "correct_booking"


@pytest.mark.parametrize("intent, text, expected", [
    # found by the tenth play-test: each got "Sorry, I'm not sure I understood"
    ("nlu_fallback", "Sorry, I need to check with my wife about the date first. I'll come back. Goodbye.", "goodbye"),
    ("nlu_fallback", "ill just ring them. ta", "goodbye"),
    ("nlu_fallback", "i dont want to change it i just want to see it. nvm. thanks bye", "goodbye"),
    ("thank", "thank you thats what i needed. night", "goodbye"),
    # a time of day is no farewell
    ("inform", "saturday night", "inform"),
    ("inform", "tomorrow after work, about 6. thanks", "inform"),
    ("inform", "Jo Smith, cheers", "inform"),  # a name given with thanks
    ("inform", "Jo Smith, 07700 900123, bye", "book_consultation"),  # details given, then a farewell: the details count
])
def test_a_farewell_as_the_last_clause_is_a_goodbye(intent, text, expected):
    found = message(text, intent, ["person", "phone"] if "0770" in text else [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_question_the_classifier_answers_that_names_a_time_is_no_correction():
    # a time named in a question ("… on my lunch break. Does anyone know how long it takes?") changes nothing
    text = "I'm squeezing it into my lunch break at work. Does anyone know how long the needling takes?"
    found = message(text, "faq", ["time"])
    found.set("entities", found.get("entities") + [{"entity": "booking_field", "value": "booking_time", "start": 0, "end": 1}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, kinds, expected", [
    # found by the seventeenth play-test: a call back asked for again after a consultation was offered got "No problem"
    ("no i said a call back, not a consultation", ["request_kind"], "book_consultation"),
    ("no call back thanks", ["request_kind"], "deny"),
    ("no thanks", [], "deny"),
])
def test_a_no_that_asks_for_a_call_back(text, kinds, expected):
    found = message(text, "deny", kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text", [
    # found by the seventeenth play-test: "forget it. what time do you close tonight btw" changed the time
    "forget it. what time do you close tonight btw",
    # play-test 42: after a cancel, the request was picked up again as a change of its time
    "and what time do you close tonight, I'll call then",
    "i said I cancelled it! just tell me what time you close tonight",
    # play-test 60: "You haven't requested a consultation in this chat yet, so there's nothing here to change"
    "hi what time do you close tonight and are you open on boxing day",
])
def test_a_question_after_a_first_sentence_is_no_correction(text):
    found = message(text, "faq", ["booking_field", "time"])
    start = text.index("time")
    found.set("entities", [{"entity": "booking_field", "value": "booking_time", "start": start, "end": start + 4},
                           {"entity": "time", "value": "tonight", "start": text.index("tonight"),
                            "end": text.index("tonight") + 7}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, expected", [
    # found by the seventeenth play-test: only the question was answered, and a consultation offered
    ("hello can someone call me back about microneedling for my mum? shes 64 and wants to know if shes too old",
     "book_consultation"),
    # play-test 37: a consultation was started
    ("can you get someone from the clinic to call her on monday about what happened?", "book_consultation"),
    # play-test 36: the suitability answer alone
    ("Hmm. I don't want to trek into London. Can somebody just ring me and I'll ask them about the warfarin",
     "book_consultation"),
    # play-test 113: "i want the clinic know about this. they can call me?", in few words
    ("i go to pharmacy and take tablet for allergy. i want the clinic know about this. they can call me?",
     "book_consultation"),
    # play-test 246: the suitability answer
    ("typical. ive been on hold before with you lot. cant someone just ring ME", "book_consultation"),
    # asked about, not asked for
    ("will they call me back today?", "faq"),
])
def test_a_call_back_asked_for_with_a_question(text, expected):
    found = message(text, "faq", ["request_kind"])
    found.set("question_parts", [{"intent_response_key": "faq/suitability", "text": text, "start": 0, "end": len(text)}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    if expected == "book_consultation":  # the question is answered first (actions/booking_form.py)
        assert [q["intent_response_key"] for q in found.get("questions")] == ["faq/suitability"]


@pytest.mark.parametrize("intent, expected", [
    # found by the twenty-first play-test: "can you add a note that im his daughter …" was not understood
    ("nlu_fallback", "correct_booking"),
    ("inform", "correct_booking"),
    ("distress", "distress"),
])
def test_a_note_for_the_clinic_is_a_change_to_the_request(intent, expected):
    found = message("add a note that she is hard of hearing", intent, [])
    found.set("entities", [{"entity": "note", "value": "she is hard of hearing", "start": 16, "end": 38}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_note_that_asks_something_is_left_a_question():
    found = message("can i mention that i'm pregnant at the consultation?", "faq", [])
    found.set("entities", [{"entity": "note", "value": "i'm pregnant at the consultation?", "start": 19, "end": 52}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize("intent", ["nlu_fallback", "deny", "request_human"])
def test_a_call_back_asked_about_is_no_new_request(intent):
    # found by browser play-test 4: "wait no, will that cancel my call back??" at the deletion question started one
    found = message("wait no, will that cancel my call back??", intent, [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": 29, "end": 38}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == intent


def test_the_question_part_that_asks_for_the_call_is_no_question_of_its_own():
    # found by play-test 24: "can the clinic ring me tomorrow too?" got the opening hours as its answer
    text = "can the clinic ring me tomorrow too? is it ok if im pregnant"
    found = Message(data={"text": text})
    found.set("intent", {"name": "book_consultation", "confidence": 1.0})
    found.set("intent_ranking", [{"name": "book_consultation", "confidence": 1.0}])
    at = text.index("ring me")
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": at, "end": at + 7}])
    second = text.index("is it ok")
    found.set("questions", [
        {"text": text[:36], "start": 0, "end": 36, "intent_response_key": "faq/clinic_info"},
        {"text": text[second:], "start": second, "end": len(text), "intent_response_key": "faq/suitability"},
    ])
    BookingDetailsRequest({}).process([found])
    assert [q["intent_response_key"] for q in found.get("questions")] == ["faq/suitability"]


@pytest.mark.parametrize("text, intent, adult", [
    # found by play-test 25: "remove the under 18 bit" read as deleting the person's data, which cancelled the request
    ("please remove the under 18 bit, I'm an adult", "delete_my_data", True),
    ("no no the consultation is for ME, im 41!", "deny", True),
    ("take off the under 18 line, it's for me not my daughter", "faq", True),
    ("the under 18 line is wrong", "faq", True),
    ("my daughter is 16, can she have it", "faq", False),
    ("delete my data please", "delete_my_data", False),
])
def test_the_under_18_note_taken_back_is_a_correction(text, intent, adult):
    found = Message(data={"text": text})
    found.set("intent", {"name": intent, "confidence": 0.8})
    found.set("intent_ranking", [{"name": intent, "confidence": 0.8}])
    found.set("entities", [])
    BookingDetailsRequest({}).process([found])
    assert (found.get("intent")["name"] == "correct_booking") is adult
    assert any(e["entity"] == "age_group" for e in found.get("entities")) is adult


def test_send_said_beside_a_question_about_the_confirmation_sends():
    # play-test 30: "perfect send it. and will i get a confirmation email / text?" was read as asking for the reference
    found = message("perfect send it. and will i get a confirmation email / text?", "ask_reference", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "affirm"
    asked = message("whats my reference?", "ask_reference", [])
    BookingDetailsRequest({}).process([asked])
    assert asked.get("intent")["name"] == "ask_reference"


@pytest.mark.parametrize("text, answered", [
    # play-test 32: at the consent question, "only until they've called me. then delete it" cancelled the call back
    ("only until they've called me. then delete it", True),
    ("yes but delete my details afterwards", True),
    # a request to delete them now stays one
    ("delete my data", False),
    ("please delete everything you have on me", False),
])
def test_deleting_the_details_later_asks_how_long_they_are_kept(text, answered):
    found = message(text, "delete_my_data", [])
    BookingDetailsRequest({}).process([found])
    assert (found.get("intent")["name"] == "faq") is answered
    if answered:
        assert found.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/privacy"


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 33: "didn't catch that" at the summary
    ("whatever just send it, paramedics want my phone off", "nlu_fallback", "affirm"),
    ("just send it", "out_of_scope", "affirm"),
    # play-test 256: read as unsure, "Sorry, I didn't catch that"
    ("hmm ok. you know what I'll just tell her tonight, she won't mind. send it", "unsure", "affirm"),
    ("great thanks, send it", "thank", "affirm"),
    # asking for something to be sent is no send
    ("can you just send me the info", "nlu_fallback", "nlu_fallback"),
])
def test_send_it_said_plainly_sends(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, kinds, expected", [
    # play-test 34: "tomorrow any time, im off work sick anyway" at the time prompt cancelled the call back
    ("tomorrow any time, im off work sick anyway", ["time"], "inform"),
    # a farewell, or no detail: a goodbye as ever
    ("thanks, bye", [], "goodbye"),
    # play-test 255: read as a concern, and a consultation offered
    ("ok I'll ring them in the morning then. thanks love", ["time"], "goodbye"),
])
def test_a_detail_read_as_a_goodbye_is_the_detail(text, kinds, expected):
    found = message(text, "goodbye", kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 34: "ja oder nein" read as yes at the summary, and the request sent while he was asking
    ("is ok that my wife comes with me in the room? ja oder nein", "faq"),
    ("can my husband come in with me? yes or no", "faq"),
    # play-test 46: the question asked again, read as no to booking
    ("so crows feet yes or no??", "faq"),
    # a yes, as ever
    ("yes send it", "affirm"),
    ("ja", "affirm"),
])
def test_a_question_asking_for_a_yes_or_a_no_is_no_yes(text, expected):
    found = message(text, "deny" if "crows" in text else "affirm", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 36: the form started for "a group thing", and "i didnt say book yet" was refused as a name
    ("can me and 2 friends book together, like a group thing? same day", "faq"),
    ("do you do group bookings", "faq"),
    # one person booking is booking
    ("can i book a consultation for next week?", "book_consultation"),
])
def test_a_group_booking_asked_about_is_a_question(text, expected):
    found = message(text, "book_consultation", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    if expected == "faq":
        assert found.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/unknown_other"


@pytest.mark.parametrize("text, expected", [
    # play-test 42: "not sure I understood"
    ("argh just realised wed 16th at 5 is better for me, can u swap it", "correct_booking"),
    ("wed 16th at 5 would be better for me", "nlu_fallback"),  # no change asked for: the form or the dialogue decides
])
def test_a_time_with_a_change_asked_for_is_a_correction(text, expected):
    found = message(text, "nlu_fallback", ["time"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, day, expected", [
    # play-test 42: the downtime, then "not sure I understood"
    ("do you have a slot free this coming monday lunchtime? need to know before i book time off work",
     "coming monday lunchtime", "book_consultation"),
    ("is monday 7th at 1pm available or not", "monday 7th at 1pm", "book_consultation"),
    # a time beside something else said to be free is no request
    ("is parking free on saturday", "saturday", "faq"),
    ("can i exercise on monday", "monday", "faq"),
])
def test_a_time_asked_to_be_free_is_a_request_to_book(text, day, expected):
    found = message(text, "faq", [])
    start = text.index(day)
    found.set("entities", [{"entity": "time", "value": day, "start": start, "end": start + len(day)}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    assert bool(found.get("asks_if_free")) is (expected == "book_consultation")


@pytest.mark.parametrize("intent, expected", [
    # play-test 43: "Sorry, I didn't catch that"
    ("nlu_fallback", "correct_booking"),
    ("inform", "correct_booking"),
    ("faq", "faq"),  # a question the classifier answers: actions/answers.py checks the notes hold it
])
def test_a_part_of_the_notes_said_to_go_is_a_correction(intent, expected):
    text = "actually can you remove the sertraline note, id rather discuss that in person"
    found = message(text, intent, [])
    start = text.index("sertraline")
    found.set("entities", [{"entity": "removed", "value": "sertraline", "start": start, "end": start + 10}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 44: "We're already requesting your consultation, so let's carry on"
    ("sorry got to jump on a call, can we finish this later?", "stop"),
    # play-test 105: picked up again, with an ambulance on its way
    ("ok ive called 999, they're sending someone. can i finish the booking later?", "stop"),
    ("i'd like to book a consultation", "book_consultation"),
    ("can i book now and come back for the treatment later", "book_consultation"),
])
def test_a_pause_read_as_a_request_to_book_is_a_stop(text, expected):
    found = message(text, "book_consultation", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, kinds, expected", [
    # play-test 44: at the time prompt, "couldn't work out a day", then "cancel" went on to the concern
    ("not now, first the hospital. i come back later for the day. thank you for help with emergency", [], "stop"),
    # with a detail given beside it: the detail
    ("tuesday, i come back later for the rest", ["time"], "nlu_fallback"),
    # play-test 140: read as a time that could not be worked out
    ("sorry 2 more mins", [], "stop"),
])
def test_a_pause_read_as_unclear_is_a_stop(text, kinds, expected):
    found = message(text, "nlu_fallback", kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_note_said_in_passing_stays_what_the_classifier_read():
    # "just so you know i'm on isotretinoin": answered as what it says (the booking form keeps it as a note too)
    text = "just so you know i'm on isotretinoin"
    found = message(text, "faq", [])
    found.set("entities", [{"entity": "note", "value": "i'm on isotretinoin", "start": 17, "end": 36, "role": "fyi"}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, detail, expected", [
    # play-test 46: at the contact prompt, the hand-over notice and the number asked for again
    ("07700 900 555, and it needs to be the manager who calls not a receptionist", "07700 900 555", "inform"),
    ("monday lunchtime. and i want the manager to call, not a receptionist", "monday lunchtime", "inform"),
    # a detail after the ask for a person: the ask
    ("i want to speak to the manager, my number is 07700 900555", "07700 900555", "request_human"),
    # play-test 254: after the word that names it, the hand-over notice and the number asked for again
    ("phone 07700 900145 but please SMS better than call, english on phone is hard for me", "07700 900145", "inform"),
    ("my number is 07700 900145 but i want a real person to call", "07700 900145", "request_human"),
])
def test_a_detail_given_first_beside_an_ask_for_a_person_is_the_detail(text, detail, expected):
    kind = "time" if "monday" in detail else "phone"
    found = message(text, "request_human", [])
    start = text.index(detail)
    found.set("entities", [{"entity": kind, "value": detail, "start": start, "end": start + len(detail)}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 46: read as cancelling, "nothing has been cancelled"
    ("whats your cancellation policy, like if i cancel last minute do i get charged", "stop", "faq"),
    ("is there a fee to cancel?", "stop", "faq"),
    # play-test 46: "what's the refund policy then" got "not sure I understood"
    ("unbelievable. i'm not booking anything. what's the refund policy then", "nlu_fallback", "faq"),
    # play-test 49: who rings, and from what number, got the reference's answer or "let's carry on"
    ("will they ring from a private number? i dont usually pick those up", "ask_reference", "faq"),
    ("will an actual manager ring me or just some receptionist? i want the manager", "request_human", "faq"),
    # play-test 240: when they ring, twice; play-test 237: a change of the request
    ("Thank you. Will they ring from a mobile or the clinic number? I don't answer numbers I don't know", "ask_reference",
     "faq"),
    ("Yes but what number will show on my phone when they ring", "ask_reference", "faq"),
    ("WILL THEY RING FROM A WITHHELD NUMBER", "correct_booking", "faq"),
    # cancelling itself stays that
    ("cancel", "stop", "stop"),
    ("cancel my request please", "stop", "stop"),
])
def test_the_terms_for_cancelling_asked_are_the_clinics_to_say(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    if expected == "faq":
        assert found.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/unknown_other"


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 46: after "hang on, need to check my diary", "not sure I understood", and the request on hold not offered
    ("ok back. diary checked", "nlu_fallback", "book_consultation"),
    ("ok im back, where were we", "faq", "book_consultation"),
    # play-test 140: the clinic's address
    ("ok sorry where were we", "faq", "book_consultation"),
    # "back" alone is the walk-through's step before
    ("back", "previous_step", "previous_step"),
    ("my back is sore", "faq", "faq"),
    # play-test 46: a no to the offer to book, "not sure I understood"
    ("not yet, ill think about it. thanks, and sorry for all the questions", "nlu_fallback", "goodbye"),
])
def test_back_after_a_pause_picks_the_request_up_and_a_no_for_now_is_a_goodbye(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 50: the walk-through's first step
    ("fine. what happens next after i send this?", "start_guide", "ask_reference"),
    ("once i send it then what?", "faq", "ask_reference"),
    # play-test 257: a menu, then a second request began
    ("will i get an email?", "nlu_fallback", "ask_reference"),
    ("like a confirmation email for my booking", "book_consultation", "ask_reference"),
    ("can i book one? will i get a confirmation email?", "book_consultation", "book_consultation"),
    # the walk-through's next step, as ever
    ("what happens next", "next_step", "next_step"),
])
def test_what_follows_sending_the_request_asked_is_the_references_answer(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def with_kind(text, intent):
    found = message(text, intent, [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back"}])
    return found


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 141: a menu of topics, four times, to whether the request sent is confirmed
    ("WHY HAS MY CONSULTATION NOT BEEN CONFIRMED. I BOOKED IT ON HERE AND IVE HEARD NOTHING", "nlu_fallback",
     "ask_reference"),
    ("ok. so just to be clear friday 11am is NOT confirmed yet?", "nlu_fallback", "ask_reference"),
    # how a treatment is confirmed to work is no request asked about
    ("has it been confirmed to work on acne scars", "faq", "faq"),
])
def test_whether_a_request_is_confirmed_is_asking_about_it(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-tests 136 and 137: how the clinic will be in touch, asked, began a call back
    ("ok. so will the clinic ring me on my mobile or send an email, just so i know to look out for it",
     "book_consultation", "ask_reference"),
    ("brilliant thank you. they'll ring me not her right?", "book_consultation", "ask_reference"),
    ("hang on they can still ring me tho right?", "book_consultation", "ask_reference"),
    # ... asked beside the send: the send (its reply says how, actions/booking_submit.py)
    ("yes send it. will they ring me or email?", "ask_reference", "affirm"),
    # a call back asked for, as ever
    ("can the clinic ring me tomorrow after 4?", "request_human", "book_consultation"),
    # play-test 136: a call back that never came, and a person asked for: no new call back
    ("this is ridiculous i requested a call back on friday and NOBODY called. i want to speak to an actual human now",
     "request_human", "request_human"),
    ("are you serious. i dont want ANOTHER call back that nobody does. i want a person", "request_human",
     "request_human"),
])
def test_how_the_clinic_will_call_asked_or_a_call_back_that_never_came_is_no_new_call_back(text, intent, expected):
    found = with_kind(text, intent)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, adult, corrected", [
    # play-test 53: the mother's own request kept her daughter's age
    ("no thats wrong, im 44! the under 18 thing was my daughter. this is for ME", "deny", True, True),
    ("can i book for me instead? i have old scars on my chin too", "book_consultation", True, False),
    # play-test 78: the request said to be for herself, after her daughter's age
    ("OK I'll ring about her. Actually while I'm here I might book in for myself, I've got some fine lines round my eyes",
     "book_consultation", True, False),
    # an age of one's own said in a question: the entity alone, the question stays one
    ("im 45 and diabetic, can I have it?", "faq", True, False),
    ("im 20 weeks pregnant, is that ok?", "faq", False, False),
])
def test_an_adult_said_takes_back_the_note_of_someone_under_18(text, intent, adult, corrected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert any(e.get("entity") == "age_group" for e in found.get("entities") or []) == adult
    assert (found.get("intent")["name"] == "correct_booking") == corrected


@pytest.mark.parametrize("text, day, expected", [
    # play-test 55: "no wait thursday not tuesday" at the concern prompt read as "no", the concern skipped and the day
    # never changed
    ("no wait thursday not tuesday", "thursday", "inform"),
    ("no, tuesday", "tuesday", "inform"),
    # play-test 243: at the consent question, read as a no, and the request dropped
    ("no i said THURSDAY at 7.30 not monday", "THURSDAY at 7.30", "inform"),
    # a no with more than a time in it stays a no
    ("no i cant do tuesday, she works", "tuesday", "deny"),
    ("no i dont want to say", None, "deny"),
])
def test_a_day_said_with_a_no_is_the_day(text, day, expected):
    found = message(text, "deny", [])
    start = text.index(day) if day else 0
    found.set("entities", [{"entity": "time", "value": day, "start": start, "end": start + len(day)}] if day else [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, entities, expected", [
    # play-test 54: read as asking for the reference, and the reference's answer given twice, the change ignored
    ("Could you please make a note so they ask for Margaret when they ring?",
     [{"entity": "note", "value": "they ask for Margaret when they ring", "start": 34, "end": 69}], "correct_booking"),
    ("i didnt ask about a reference. actually can you remove the phone and just keep the email?",
     [{"entity": "booking_field", "value": "booking_contact", "start": 59, "end": 64}], "correct_booking"),
    # the reference asked for stays that
    ("whats my reference number again", [], "ask_reference"),
])
def test_a_change_read_as_asking_for_the_reference_is_the_change(text, entities, expected):
    found = message(text, "ask_reference", [])
    found.set("entities", entities)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_an_age_said_in_a_question_is_no_correction():
    # play-test 54: "which is better for me, im 29, oily skin" got "nothing here to change"
    found = message("so honestly which is better for me, im 29, oily skin, rolling scars on cheeks", "faq", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, entities, expected", [
    # play-test 55: sent as it was, the change never made
    ("concern should be stretch marks AND c section scar. then send",
     [{"entity": "concern", "value": "stretch marks AND c section scar", "start": 18, "end": 50}], "correct_booking"),
    # play-test 246: words quoted to be taken out, then send: sent as it was
    ("haha can u take the 'obviously lol' out of that first, bit embarrassing. then send",
     [{"entity": "removed", "value": "obviously lol", "start": 21, "end": 34}], "correct_booking"),
    # a send alone, or a question about the email beside it, is the send
    ("perfect send it. and will i get a confirmation email / text?",
     [{"entity": "booking_field", "value": "booking_contact", "start": 47, "end": 52}], "affirm"),
])
def test_a_change_said_with_send_is_made_first(text, entities, expected):
    found = message(text, "affirm", [])
    found.set("entities", entities)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, expected", [
    # play-test 60: "pls add: want to know if next session is ok after allergy. then send" showed step 1 of 4
    ("next_step", "correct_booking"),
    ("start_guide", "correct_booking"),
])
def test_a_note_read_as_a_step_of_the_walk_through_is_the_change(intent, expected):
    text = "pls add: want to know if next session is ok after allergy. then send"
    found = message(text, intent, [])
    found.set("entities", [{"entity": "note", "value": "want to know if next session is ok after allergy", "start": 9,
                            "end": 57}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 62: "I withdraw my consent" at the summary got the privacy answer and the summary again
    ("I withdraw my consent", "faq", "delete_my_data"),
    ("i dont consent anymore", "deny", "delete_my_data"),
    # a question about consent is a question
    ("when do I sign the consent form?", "faq", "faq"),
])
def test_consent_taken_back_is_the_details_not_to_be_kept(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 63: "I can't see a request sent in this chat", twice, and a consultation offered
    ("request a call back please", "ask_reference", "book_consultation"),
    ("i asked for a call back?", "ask_reference", "book_consultation"),
    # the one sent, asked about
    ("did my call back request go through", "ask_reference", "ask_reference"),
    # play-test 63: the vouchers' answer again
    ("ok. can someone from the clinic ring me about the vouchers? thursday after 6 is best", "faq", "book_consultation"),
])
def test_a_call_back_asked_for_in_the_words_of_a_question_about_one(text, intent, expected):
    start = text.index("call") if "call back" in text else text.index("ring")
    found = message(text, intent, [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": start, "end": start + 9}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 63: after a request was sent, a new call back was started
    ("what happens next then, they ring me when? and do i need to bring anything", "next_step", "ask_reference"),
    ("when will they call me", "faq", "ask_reference"),
    # play-test 93: how they will get in touch, asked, started a second call back
    ("gracias. they call me or email? i speak english not so good on phone", "book_consultation", "ask_reference"),
    # a time to be called at is the call back
    ("can they call me when im free, after 5", "request_human", "book_consultation"),
])
def test_when_the_call_comes_asked_is_no_new_call_back(text, intent, expected):
    start = text.index("call") if "call" in text else text.index("ring")
    found = message(text, intent, [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": start, "end": start + 7}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 64: what a consultation is
    ("ok honestly i think i just want to see someone asap. whats the earliest consultation u have", "book_consultation"),
    ("how soon can i be seen", "book_consultation"),
    # whether one can have it, asked in the same words (a blind set's suitability answers, on totals only: 28 to 27)
    ("how soon can i get it done after giving birth", "faq"),
    ("what happens at the consultation", "faq"),
])
def test_the_earliest_time_asked_for_is_a_request(text, expected):
    found = message(text, "faq", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 100: a new consultation request was started
    ("hi i want to cancel a consultation request i sent the other day, the reference is MN-4KQ7", "book_consultation",
     "stop"),
    ("how do i cancel a request i already sent", "nlu_fallback", "stop"),
    # play-test 162: "u", and the price list named, got the price answer
    ("thanks. actually can u cancel it, my sister said shes got their price list ill just look at that", "nlu_fallback",
     "stop"),
    # a request wanted is still one
    ("i want to book a consultation for next week", "book_consultation", "book_consultation"),
])
def test_a_request_sent_before_to_be_cancelled_is_a_stop(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_when_to_ring_said_in_a_note_asks_for_no_call_back():
    # play-test 101: "the 6pm is for when they PHONE me" made the consultation a call back
    text = "No the appointment is saturday morning the 12th like I said. The 6pm is for when they PHONE me"
    found = message(text, "correct_booking", [])
    found.set("entities", [
        {"entity": "note", "value": "The 6pm is for when they PHONE me", "start": 60, "end": 93, "role": "call_time"},
        {"entity": "request_kind", "value": "call_back", "start": 85, "end": 93},
    ])
    BookingDetailsRequest({}).process([found])
    assert [entity["entity"] for entity in found.get("entities")] == ["note"]
    # a note of another kind keeps it ("text me first. can someone call me back")
    found = message("can someone call me back", "request_human", [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": 13, "end": 24}])
    BookingDetailsRequest({}).process([found])
    assert [entity["entity"] for entity in found.get("entities")] == ["request_kind"]


@pytest.mark.parametrize("text, intent, note, entities, expected", [
    # play-tests 162 and 163: when to ring, asked of the request there is, began a new call back or was not understood
    ("Could you ask them to ring before 11 then please", "book_consultation",
     "ask them to ring before 11 then please", [], "correct_booking"),
    ("can u tell them to ring after 1pm pls", "nlu_fallback", "tell them to ring after 1pm pls", [], "correct_booking"),
    # with the details of a request, a request with a note
    ("Jo Bell 07700 900111, ask them to ring after 1pm", "book_consultation", "ask them to ring after 1pm",
     [{"entity": "person", "value": "Jo Bell", "start": 0, "end": 7}], "book_consultation"),
])
def test_when_to_ring_alone_is_said_of_the_request_there_is(text, intent, note, entities, expected):
    found = message(text, intent, [])
    start = text.index(note)
    found.set("entities", entities + [
        {"entity": "note", "value": note, "start": start, "end": start + len(note), "role": "call_time"}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 163: the time of a request sent, asked to change beside "the call back", began a new one
    ("change the time on the call back to monday before 11am", "book_consultation", "correct_booking"),
    # a request with a day asked for is a request
    ("can i book a call back for monday before 11am", "book_consultation", "book_consultation"),
])
def test_a_time_changed_by_name_is_a_change(text, intent, expected):
    found = message(text, intent, [])
    start = text.index("monday")
    found.set("entities", [{"entity": "time", "value": "monday before 11am", "start": start, "end": len(text)}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 101: a new call back started, after her request was sent
    ("So will they know to ring me in the evening? I wont be in in the day", "book_consultation", "ask_reference"),
    ("will the clinic know not to call before 6?", "nlu_fallback", "ask_reference"),
    # a call back asked for is still one
    ("can they ring me in the evening?", "book_consultation", "book_consultation"),
])
def test_whether_the_clinic_will_know_when_to_ring_is_asked_of_the_request(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 110: how to change the request, twice, to someone who thought she had an appointment
    ("great so thats booked for tomorrow then? what time should i turn up", "correct_booking", "ask_reference"),
    ("i dont want to change it, i just want to know what time to come in tomorrow", "correct_booking",
     "ask_reference"),
    # a change is still a change
    ("can we make it tomorrow at 3 instead", "correct_booking", "correct_booking"),
])
def test_whether_the_request_is_booked_is_asked_of_it(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, entities, expected", [
    # play-tests 208 and 209: the cancel asked to be confirmed, the privacy answer, a change to 17:00 opened, a menu
    ("thanks!! oh and if i change my mind can i cancel it?", "stop", [], "ask_reference"),
    ("ok cool. i meant like later on, how would i cancel? just message here?", "faq", [], "ask_reference"),
    ("ok but is it confirmed?", "affirm", [], "ask_reference"),
    ("great thanks. so is that thursday 5pm locked in or not yet? and if I need to move it how do I do that",
     "correct_booking", [{"entity": "time", "value": "thursday 5pm", "start": 28, "end": 40}], "ask_reference"),
    # play-test 206: the suitability answer, then a menu
    ("what?? i just want to know if i have an appointment. yes or no", "nlu_fallback", [], "ask_reference"),
    ("thats not a yes or no lol. is there an appointment or not", "deny", [], "ask_reference"),
    # a cancel now, with the time of what it clashes with, is a cancel (play-test 208: a change to 17:00)
    ("omg actually i just remembered i have a dentist thing at 5. can u cancel it, ill sort another time later",
     "correct_booking", [{"entity": "time", "value": "at 5", "start": 57, "end": 61}], "stop"),
    # a cancel, a change and a free time asked stay what they are
    ("can you cancel it please", "stop", [], "stop"),
    ("can we make it tomorrow at 3 instead", "correct_booking", [{"entity": "time", "value": "tomorrow at 3",
                                                                  "start": 15, "end": 28}], "correct_booking"),
    ("is there an appointment free on tuesday?", "book_consultation", [], "book_consultation"),
    # play-test 239: of someone else's request, the cancel asked to be confirmed twice; whether it is booked, the
    # walk-through's first step
    ("thank you. if she changes her mind can I cancel it for her, or does she have to?", "stop", [], "ask_reference"),
    ("no I meant IF she changes her mind later, how would we cancel", "stop", [], "ask_reference"),
    ("I havent had any treatment?? I'm asking is my consultation booked yes or no", "faq", [], "ask_reference"),
    # play-test 241: whether the time sent is sure, a menu
    ("is it definitely 9? i have to do school run after so", "nlu_fallback", [], "ask_reference"),
    # play-test 246: a menu; a change opened
    ("so its not definitely tomorrow then? 😬", "nlu_fallback", [], "ask_reference"),
    ("will it def be between 1 and 3 tho? im in meetings the rest of the day", "correct_booking", [], "ask_reference"),
    ("Lovely. So they'll text me? And if the 20th turns out no good can I change it later", "correct_booking", [],
     "ask_reference"),
    ("can i change it later if i need to?", "correct_booking", [], "ask_reference"),
    # a change now stays a change
    ("can i change it to the 21st", "correct_booking", [], "correct_booking"),
    # (a statement of what is not sure is no question)
    ("its not definitely the scars i want looked at, also pores", "inform", [], "inform"),
    # (a booking of their own elsewhere, said, is no question of this one)
    ("im booked for a facial elsewhere on friday, is that ok", "faq", [], "faq"),
])
def test_whether_it_is_booked_or_how_to_cancel_later_is_asked_of_the_request(text, intent, entities, expected):
    found = message(text, intent, [])
    found.set("entities", entities)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, entity, kept", [
    # play-test 256: "Will they ring me to confirm?" at a consultation's summary made the request a call back
    ("That's better thank you. Will they ring me to confirm? I don't want to just turn up on the Monday", "ring me",
     False),
    # a call back asked for beside the question is one
    ("I want a call back, will they ring me today?", "call back", True),
])
def test_whether_the_clinic_will_ring_asked_is_no_call_back(text, entity, kept):
    found = message(text, "ask_reference", [])
    start = text.index(entity)
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": start, "end": start + len(entity)}])
    BookingDetailsRequest({}).process([found])
    assert any(entity["entity"] == "request_kind" for entity in found.get("entities")) is kept


@pytest.mark.parametrize("text, kept", [
    # play-test 214: a call back begun, three times, by words that said none was wanted
    ("no i dont need a call back, i just wanted to ask", False),
    ("please dont phone me, email only", False),
    ("no phone calls please", False),
    # asked for, it is one
    ("can someone call me back", True),
    ("i want a call back not a consultation", True),
])
def test_a_call_back_said_not_to_be_wanted_is_none_asked_for(text, kept):
    found = message(text, "book_consultation", [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": 0, "end": 1}])
    BookingDetailsRequest({}).process([found])
    assert any(entity["entity"] == "request_kind" for entity in found.get("entities")) is kept


@pytest.mark.parametrize("text, call_back", [
    # play-test 113: "fine call me 07700 900987", right after a call back was offered, got a consultation offered
    ("fine call me 07700 900987", True),
    ("ring me back on +44 7700 900987", True),
    # a name, or a call not wanted: no call back asked for
    ("call me Tom, my number is 07700 900987", False),
    ("dont call me 07700 900987 is my number", False),
])
def test_a_number_to_be_called_on_asks_for_a_call_back(text, call_back):
    found = message(text, "inform", ["phone"])
    BookingDetailsRequest({}).process([found])
    kinds = [entity["value"] for entity in found.get("entities") if entity["entity"] == "request_kind"]
    assert (kinds == ["call_back"]) is call_back
    assert (found.get("intent")["name"] == "book_consultation") is call_back


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 112: after the emergency answer, "nothing here to change" and a consultation offered
    ("ok. can you tell the clinic whats happened so they know? his name is Tom Reyes", "nlu_fallback",
     "book_consultation"),
    ("please let them know what happened", "faq", "book_consultation"),
    # told, not asked to tell: as before
    ("the clinic told me what happened", "faq", "faq"),
])
def test_what_happened_asked_to_be_passed_on_is_a_call_back(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_someone_else_to_be_called_asked_for_is_a_call_back():
    # play-test 114: "… she's ok now and the swelling is going down. Can someone from the clinic call her tomorrow
    # please?" got only the advice had
    found = message("the paramedics came, she's ok now. Can someone from the clinic call her tomorrow please?", "faq", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"
    assert [e["value"] for e in found.get("entities") if e["entity"] == "request_kind"] == ["call_back"]
    # asked about, not asked for: as before
    found = message("will they call me back today?", "faq", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"


@pytest.mark.parametrize("text, kinds, expected", [
    # play-test 120: once one was sent, a second call back began
    ("can they call in the afternoon instead", ["request_kind", "time"], "correct_booking"),
    ("could they ring after 3 rather than the morning", ["request_kind", "time"], "correct_booking"),
    # a call back asked for instead of a consultation, with no time: the call back
    ("can they just call me instead", ["request_kind"], "book_consultation"),
    # a time with no word of it instead: the call back asked for
    ("can they call me tomorrow afternoon", ["request_kind", "time"], "book_consultation"),
])
def test_a_call_moved_to_another_time_is_a_correction(text, kinds, expected):
    found = message(text, "correct_booking", kinds)
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    # a time moved keeps the request's kind: only the time changes
    kept = [entity["entity"] for entity in found.get("entities")]
    assert ("request_kind" in kept) == (expected == "book_consultation")


@pytest.mark.parametrize("text, intent", [
    # play-test 122: the change made again
    ("did the change go through? the preferred time is thursday 7pm now not monday?", "correct_booking"),
    ("what did i send them", "nlu_fallback"),
    # play-test 127: a change to it, and a second booking
    ("will I hear back today?", "nlu_fallback"),
    # play-test 126: a second call back began
    ("so just to be clear its wed 5.30 now, not tuesday? they wont ring me tuesday as well?", "book_consultation"),
    ("is my booking for a saturday or not", "book_consultation"),
    # play-test 125: a second call back began
    ("right. so the manager is calling me tomorrow morning yes? and whats your refund policy", "book_consultation"),
    ("is the MANAGER calling me or not", "nlu_fallback"),
    # play-test 124: the change made back to the 10th
    ("my original appointment on thursday 10th, is that cancelled now that i moved it to the 17th?", "correct_booking"),
])
def test_what_was_sent_asked_is_the_reference_asked_for(text, intent):
    found = message(text, intent, ["time"] if "7pm" in text else [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "ask_reference"


@pytest.mark.parametrize("text, kinds, expected", [
    # play-test 125: a second request began
    ("no i mean the call back i just sent. can you add a note that they need to ask for Jade",
     ["request_kind", "note"], "correct_booking"),
    ("can you add a note to my request that they should ask for Jade", ["note"], "correct_booking"),
    # a note with a new request asked for is that request's
    ("can someone call me back, add a note that im deaf in one ear", ["request_kind", "note"], "book_consultation"),
])
def test_a_note_for_the_request_sent_is_a_change_to_it(text, kinds, expected):
    for intent in ("book_consultation", "correct_booking"):
        found = message(text, intent, kinds)
        BookingDetailsRequest({}).process([found])
        assert found.get("intent")["name"] == expected



def test_whom_to_call_about_a_consultation_asked_for_is_no_call_back():
    # play-test 124: a call back began, and the correction was refused
    text = ("Hi I'm booking a consultation for my wife, her name is Priya Sharma. I'm Raj Sharma, my number is 07700 "
            "900456 - please call me not her, she's at work all day and can't take calls")
    found = message(text, "book_consultation", ["person", "phone"])
    found.set("entities", found.get("entities") + [{"entity": "request_kind", "value": "call_back", "start": 120,
                                                    "end": 127}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"
    assert "request_kind" not in [entity["entity"] for entity in found.get("entities")]



@pytest.mark.parametrize("text, intent, expected", [
    # play-test 125: how to cancel it, twice
    ("great. just to check, the cancel didnt go through right? i dont want them thinking ive cancelled", "stop",
     "ask_reference"),
    ("no i DONT want to cancel. i'm asking if its still booked for thursday", "stop", "ask_reference"),
    # play-test 126: how to cancel it
    ("wait, is it cancelled or not?", "stop", "ask_reference"),
    # a cancel asked for stays one
    ("cancel it please", "stop", "stop"),
])
def test_whether_the_request_still_stands_is_asked_not_a_cancel(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected



def test_a_request_sent_and_then_asked_to_be_cancelled_is_a_cancel():
    # play-test 126: a new booking began, and then "I've cancelled that"
    found = message("hi i sent a consultation request on here the other day, can i cancel it please",
                    "book_consultation", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "stop"


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 129: a request stopped, then wanted after all, was read as never mind ("No problem")
    ("ah no sod it sat is fine, book it after all", "never_mind", "book_consultation"),
    # play-test 132: read as a goodbye ("No problem")
    ("ok thats not too bad. go on then book it after all, same as before", "goodbye", "book_consultation"),
    ("actually i changed my mind, please book me in", "deny", "book_consultation"),
    # play-test 137: not understood
    ("you keep saying the same thing lol. fine just book me in then", "nlu_fallback", "book_consultation"),
    ("dont just book me in, i want to ask first", "nlu_fallback", "nlu_fallback"),
    # ... not a stop or a never mind said of something else
    ("never mind, forget it", "never_mind", "never_mind"),
    ("stop i changed my mind dont book it", "stop", "stop"),
])
def test_a_request_wanted_after_all_is_a_request_to_book(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 130: no change wanted, inside a change to a request sent, was not understood
    ("i dont want to change anything i was just checking lol", "nlu_fallback", "never_mind"),
    ("nothing to change, its fine as it is", "deny", "never_mind"),
    # ... and "just asking" alone is no reading of its own
    ("i was just asking if it hurts", "nlu_fallback", "nlu_fallback"),
])
def test_no_change_wanted_is_a_never_mind(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-tests 161 and 165: a day to book again later named beside it was no cancel
    ("ugh sorry just realised im away that week. can u cancel it, ill rebook in jan", "stop"),
    ("can u cancel it, ill book again in january", "stop"),
    # a day beside a cancel otherwise is a change, for the dialogue to read
    ("can you cancel it and put me in for tuesday", "nlu_fallback"),
])
def test_a_cancel_beside_a_day_to_book_again_later_is_a_stop(text, expected):
    found = message(text, "nlu_fallback", ["time"])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 165: a new call back began, twice
    ("could you ask them to call my landline instead, 020 7946 0111", "book_consultation", "correct_booking"),
    ("tell them to email me not ring", "nlu_fallback", "correct_booking"),
    ("could you ask them to call me", "book_consultation", "book_consultation"),
])
def test_the_clinic_asked_to_get_in_touch_another_way_is_a_change(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 164: "I can't see a request", twice
    ("oh i thought i booked already?? must of been on my phone. no i dont think i did actually. go on then book me in",
     "ask_reference", "book_consultation"),
    ("did i book already? ok book me in then", "ask_reference", "book_consultation"),
    # a booking named, not asked for
    ("did you book me in?", "ask_reference", "ask_reference"),
])
def test_a_request_to_book_said_last_is_one(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_cancel_read_as_a_request_to_book_again_is_a_stop():
    # play-test 166: "can u cancel it, ill rebook after christmas" began a new request
    found = message("hmm ok. sorry can u cancel it, ill rebook after christmas", "book_consultation", [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "stop"


@pytest.mark.parametrize("text, kinds, expected", [
    # play-test 190: "I can't see a request sent in this chat", to someone asking the clinic to call them
    ("ok im calling now. can you tell the clinic for me so they can ring me after? im Priya Shah 07700 900214",
     ["person", "phone", "request_kind"], "book_consultation"),
    # a request already sent, asked about: as the classifier read it
    ("has my call back MN-4K3G gone through? im Priya Shah", ["person", "request_kind"], "ask_reference"),
    ("will they ring me back?", ["request_kind"], "ask_reference"),
])
def test_a_call_back_asked_for_with_details_is_a_request(text, kinds, expected):
    found = message(text, "ask_reference", kinds)
    found.set("entities", [{"entity": kind, "value": "call_back" if kind == "request_kind" else "x", "start": 0,
                            "end": 1} for kind in kinds])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, kinds, expected", [
    # play-test 190: a change to the request opened, then "No problem"
    ("ask_reference", "so when exactly will they ring? like what time monday", ["time"], "ask_reference"),
    ("nlu_fallback", "i dont want to change anything, i just want to know what time theyll call", [], "ask_reference"),
    # a time asked for instead is a change
    ("ask_reference", "can they call monday at 3 instead?", ["time"], "correct_booking"),
])
def test_when_the_clinic_rings_asked_is_the_request_asked_about(intent, text, kinds, expected):
    found = message(text, intent, kinds)
    found.set("entities", found.get("entities") + [{"entity": "booking_field", "value": "booking_time", "start": 0,
                                                    "end": 1}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, expected", [
    # play-test 191: the guide's silence, then the privacy notice, to someone asking to see what they gave
    ("faq", "can you show me everything ive given you in here", "ask_reference"),
    ("faq", "you literally said earlier i can ask you to see what ive given. what details did i give you",
     "ask_reference"),
    ("faq", "what details do you have on me", "ask_reference"),
    # what is done with the details is the privacy answer
    ("faq", "what do you do with the details i give you", "faq"),
    ("faq", "who can see the info i give you", "faq"),
    ("faq", "can i see the details i gave you?", "ask_reference"),
    # play-test 191: a change to the request opened
    ("correct_booking", "but tomorrow 5.30 is sure? i must take off from work early", "ask_reference"),
])
def test_the_details_given_or_whether_it_is_booked_asked_is_the_request_asked_about(intent, text, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, expected", [
    # play-test 191: the whole request cancelled, when the other person's was dropped
    ("stop", "forget it, just me then. she can sort her own. saturday?", "inform"),
    ("stop", "cancel it, just cancel the whole thing", "stop"),
])
def test_another_persons_request_dropped_is_no_stop(intent, text, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, expected", [
    # play-test 194: a change with the note "text me not ring yeah" opened, twice
    ("so theyll text me not ring yeah? and is 7.30 definitely booked", "ask_reference"),
    ("ok so not confirmed yet. and will they text or call me? bc i put that i prefer texts", "ask_reference"),
])
def test_a_question_about_the_request_beside_a_note_is_no_change(text, expected):
    found = message(text, "ask_reference", [])
    found.set("entities", [{"entity": "note", "value": "text me not ring yeah", "start": 0, "end": 5}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("intent, text, expected, answer", [
    # play-test 201: "delete my details", said with a booking made last week, began a new request
    ("book_consultation", "fine. i actually booked a consultation on here last week, yasmin khan. can you delete my "
     "details pls", "delete_my_data", None),
    # ... and whether the clinic still has them got the request's reference, twice
    ("ask_reference", "so does the clinic still have my details now or not? the booking from last week", "faq",
     "faq/privacy"),
    # a change to a request is no deletion
    ("correct_booking", "remove my landline from the request please", "correct_booking", None),
    # play-test 202: whether anything was deleted, asked, got a deletion offered, with its button
    ("delete_my_data", "thanks! and just checking, you didnt delete anything earlier did you? my details are all "
     "there?", "ask_reference", None),
])
def test_the_persons_details_asked_to_go_or_whether_they_are_kept(intent, text, expected, answer):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    if answer:
        assert found.get("response_selector")["faq"]["response"]["intent_response_key"] == answer


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 239: "forget it" read as a cancel, which was asked to be confirmed
    ("forget it, I'll wait for the call. bye", "stop", "goodbye"),
    ("ok i'll just wait for them to ring me", "stop", "never_mind"),
    # a cancel is still a cancel
    ("cancel it, i'll ring them myself", "stop", "stop"),
])
def test_waiting_for_the_clinic_keeps_the_request(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, read_as, expected", [
    # play-test 238: a change of contact opened, asking for a new number
    ("actually no forget it. cancel it and delete my number, ill just ring them myself", "delete_my_data",
     "delete_my_data"),
    ("actually no forget it. cancel it and delete my number, ill just ring them myself", "correct_booking",
     "delete_my_data"),
    ("cancel it and delete my number, ill ring them", "stop", "delete_my_data"),
    # one contact in another's place is a change
    ("cancel that and delete my number, use my email instead", "correct_booking", "correct_booking"),
    ("cancel that and delete my number, use my email instead", "delete_my_data", "correct_booking"),
])
def test_the_contact_deleted_as_the_request_is_called_off_is_a_deletion(text, read_as, expected):
    found = message(text, read_as, [])
    found.set("entities", [{"entity": "booking_field", "value": "booking_contact", "start": 0, "end": 1}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


def test_a_call_back_asked_of_them_is_asked_for():
    # "can they ring me back tonight" was read as someone else's call back (play-test 235's words), and dropped
    found = message("will anyone at the clinic read this? can they ring me back tonight", "faq", [])
    found.set("entities", [{"entity": "request_kind", "value": "call_back", "start": 46, "end": 58}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "book_consultation"


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 241: a request began, and "no not now i said bye" was asked its name
    ("ok whatever ill probably book a consult at some point. bye", "book_consultation", "goodbye"),
    # a booking now is one
    ("ok book me in please, bye for now", "book_consultation", "book_consultation"),
])
def test_booking_some_other_time_said_with_a_goodbye_is_a_goodbye(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 247: "Sorry, I need a yes or a no to that" at the summary
    ("wait, which date is that?", "nlu_fallback", "ask_reference"),
    ("what day is that exactly", "inform", "ask_reference"),
    # a day asked for is no question about the request's
    ("which day is best for you", "nlu_fallback", "nlu_fallback"),
])
def test_the_day_of_the_request_asked_is_a_question_about_it(text, intent, expected):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("text, intent, expected", [
    # play-test 246: a goodnight beside their own plan read as a time to book, and a consultation offered
    ("Lovely, I'll ring them tomorrow then. Goodnight", "inform", "goodbye"),
    ("thanks, goodnight", "inform", "goodbye"),
    # a time asked for, with a goodbye, is still a time
    ("tomorrow at 3 please. bye", "inform", "inform"),
])
def test_a_goodbye_beside_a_plan_of_their_own_is_a_goodbye(text, intent, expected):
    found = message(text, intent, [])
    found.set("entities", [{"entity": "time", "value": "tomorrow", "start": text.lower().find("tomorrow"),
                            "end": text.lower().find("tomorrow") + 8}] if "tomorrow" in text else [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected


@pytest.mark.parametrize("confidence, expected", [
    # play-test 249: the time taken where it was asked, the question beside it dropped
    (0.78, "inform"),
    # a question the classifier is unsure of is left as the message is
    (0.4, "nlu_fallback"),
])
def test_a_question_beside_a_detail_read_as_unclear_is_answered_with_it(confidence, expected):
    text = "do i need to bring anything? also like next wed after college, 4ish"
    found = message(text, "nlu_fallback", [])
    found.set("entities", [{"entity": "time", "value": "next wed 4ish", "start": 38, "end": 66}])
    found.set("question_parts", [{"text": "do i need to bring anything?", "start": 0, "end": 28,
                                  "intent_response_key": "faq/preparation", "confidence": confidence}])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == expected
    assert bool(found.get("questions")) is (expected == "inform")


@pytest.mark.parametrize("text, intent", [
    # play-test 249: who carries out the treatment, at the consent question
    ("who sees it? just the clinic yeah", "faq"),
    ("who will see my details?", "nlu_fallback"),
])
def test_who_sees_the_details_asked_is_the_privacy_answer(text, intent):
    found = message(text, intent, [])
    BookingDetailsRequest({}).process([found])
    assert found.get("intent")["name"] == "faq"
    assert found.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/privacy"


@pytest.mark.parametrize("text, selected, booked, asked", [
    # play-test 256: the makeup answered, the booking asked for after it dropped
    ("hmm ok. I meant wearing makeup AFTER but whatever. can I book for next thursday evening? after work, like 7ish",
     {"intent_response_key": "faq/unknown_activity", "confidence": 0.54, "decided_by_entity": True}, True,
     ["faq/unknown_activity"]),
    # the booking asked about as a question of its own is the answer as ever
    ("can I book for next thursday evening?", {"intent_response_key": "faq/appointments", "confidence": 0.7}, False, []),
    # an answer that is the booking's own is no question beside it
    ("ok thanks. can I book one for next week?", {"intent_response_key": "faq/consultation", "confidence": 0.7}, True,
     []),
])
def test_a_booking_asked_for_after_a_question_begins_the_request(text, selected, booked, asked):
    found = message(text, "faq", [])
    found.set("response_selector", {"all_retrieval_intents": ["faq"], "faq": {"response": selected}})
    BookingDetailsRequest({}).process([found])
    assert (found.get("intent")["name"] == "book_consultation") is booked
    assert [question["intent_response_key"] for question in found.get("questions") or []] == asked
