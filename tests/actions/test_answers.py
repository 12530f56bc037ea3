import pytest
from rasa_sdk.events import SlotSet

from actions.answers import ActionAnswerQuestion, answer_keys, call_back_offered_in_an_emergency, concern_given, offer_of
from tests.conftest import asked, responses, selected_answer

FORM = "booking_form"


async def answer(dispatcher, make_tracker, domain, **message):
    tracker = make_tracker(intent="faq", **message)
    return await ActionAnswerQuestion().run(dispatcher, tracker, domain)


@pytest.mark.parametrize(
    "key, expected_responses, expected_events",
    [
        # an answer from the guide
        ("faq/pain", ["utter_faq/pain"], [SlotSet("last_topic", "pain"), SlotSet("offer", None)]),
        # an answer that asks "Would you like to book one?" offers the consultation, so "yes" takes it up
        ("faq/suitability", ["utter_faq/suitability"], [SlotSet("last_topic", "suitability"), SlotSet("offer", "consultation")]),
        ("faq/price", ["utter_faq/price"], [SlotSet("last_topic", "price"), SlotSet("offer", "consultation")]),
        # an off-guide answer
        ("faq/unknown_longevity", ["utter_faq/unknown_longevity"], [SlotSet("last_topic", "unknown_longevity"), SlotSet("offer", None)]),
        # a question about a step of the walk-through: "next" goes on from it
        ("faq/procedure", ["utter_faq/procedure"],
         [SlotSet("current_step", "procedure"), SlotSet("last_topic", "procedure"), SlotSet("offer", None)]),
        # the clinic's own facts
        ("faq/clinic_info", ["utter_faq/clinic_info"], [SlotSet("last_topic", "clinic_info"), SlotSet("offer", None)]),
    ],
)
async def test_the_selected_answer_is_said(
    dispatcher, make_tracker, domain, clinic_open, key, expected_responses, expected_events
):
    events = await answer(dispatcher, make_tracker, domain, text="...", response_selector=selected_answer(key))
    assert responses(dispatcher) == expected_responses
    assert events == expected_events


async def test_each_question_of_a_message_is_answered_in_order(dispatcher, make_tracker, domain):
    text = "does it hurt and is it ok if im pregnant"
    events = await answer(
        dispatcher, make_tracker, domain, text=text,
        # the selector's single answer is the whole message's best guess: the questions win
        response_selector=selected_answer("faq/pain"),
        questions=asked(text, ("does it hurt", "faq/pain"), ("is it ok if im pregnant", "faq/suitability")),
    )
    assert responses(dispatcher) == ["utter_faq/pain", "utter_faq/suitability"]
    assert events == [SlotSet("last_topic", "suitability"), SlotSet("offer", "consultation")]


async def test_a_part_looking_for_reassurance_beside_another_answer_with_nothing_happening_is_left(
    dispatcher, make_tracker, domain
):
    # found by play-test 24: "what if im scared of needles, could i still do it?" got the suitability answer, then
    # "call 111… call 999" to someone never treated
    text = "what if im scared of needles, could i still do it?"
    await answer(
        dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/suitability"),
        questions=asked(text, ("what if im scared of needles", "faq/suitability"),
                        ("could i still do it?", "faq/reassurance")),
    )
    assert responses(dispatcher) == ["utter_faq/suitability"]


async def test_what_is_that_after_naming_the_treatment_is_what_it_is(dispatcher, make_tracker, domain):
    # "What would you like to know about it?" to someone who named the treatment and asked what it is
    text = "my friend mentioned dermapen - whats that? and does it hurt"
    await answer(
        dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/pain"),
        questions=asked(text, ("whats that?", "faq/about_that"), ("and does it hurt", "faq/pain")),
    )
    assert responses(dispatcher) == ["utter_faq/what_is", "utter_faq/pain"]


async def test_question_words_alone_opening_a_message_are_about_the_words_before_them(dispatcher, make_tracker, domain):
    # found by play-test 25: "What would you like to know about it?" to "i have dark skin…, is that ok?"
    text = "i have dark skin and hyperpigmentation, is that ok?\nhow soon after botox can i have it?"
    questions = asked(text, ("is that ok?", "faq/about_that"), ("how soon after botox can i have it?", "faq/unknown_treatment"))
    questions[0]["aspect_only"] = True
    await answer(dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/suitability"),
                 questions=questions)
    assert responses(dispatcher) == ["utter_faq/suitability", "utter_faq/unknown_treatment"]


@pytest.mark.parametrize("text, treatment", [
    ("my friend mentioned dermapen - whats that?", True),
    ("dermapen? what does that mean", True),
    ("microneedling - what does it involve?", False),  # the steps, not what it is
    ("microneedling, what is it like?", False),
])
def test_what_the_treatment_is_asked(text, treatment):
    from actions.answers import _WHAT_THE_TREATMENT_IS

    assert bool(_WHAT_THE_TREATMENT_IS.search(text)) is treatment


async def test_an_offer_in_any_of_the_answers_stands(dispatcher, make_tracker, domain):
    text = "how much is it and how long does it take"
    events = await answer(
        dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/price"),
        questions=asked(text, ("how much is it", "faq/price"), ("how long does it take", "faq/duration")),
    )
    assert responses(dispatcher) == ["utter_faq/price", "utter_faq/duration"]
    # the price answer asked "Would you like to book a consultation?": a "yes" takes that up
    assert events == [SlotSet("last_topic", "duration"), SlotSet("offer", "consultation")]


async def test_a_button_names_the_answer_as_an_entity(dispatcher, make_tracker, domain):
    # /faq{"topic": "results"}: the regex message handler gives no response selector
    events = await answer(
        dispatcher, make_tracker, domain, text='/faq{"topic": "results"}', entities=[{"entity": "topic", "value": "results"}]
    )
    assert responses(dispatcher) == ["utter_faq/results"]
    assert events == [SlotSet("last_topic", "results"), SlotSet("offer", None)]


@pytest.mark.parametrize(
    "last_topic, expected_responses, expected_events",
    [
        # "what about my neck?" after the pain answer: the pain answer again, said to be general
        ("pain", ["utter_faq/follow_up", "utter_faq/pain"], [SlotSet("last_topic", "pain"), SlotSet("offer", None)]),
        # after a step, the step again, and the walk-through goes on from it
        ("aftercare", ["utter_faq/follow_up", "utter_faq/aftercare"],
         [SlotSet("current_step", "aftercare"), SlotSet("last_topic", "aftercare"), SlotSet("offer", None)]),
        # the offer of the answer repeated is made again
        ("suitability", ["utter_faq/follow_up", "utter_faq/suitability"],
         [SlotSet("last_topic", "suitability"), SlotSet("offer", "consultation")]),
        # nothing asked before: what about what?
        (None, ["utter_ask_what_about"], [SlotSet("last_topic", None), SlotSet("offer", None)]),
    ],
)
async def test_a_follow_up_repeats_the_last_answer(dispatcher, make_tracker, domain, last_topic, expected_responses, expected_events):
    events = await answer(
        dispatcher, make_tracker, domain, text="what about my neck", slots={"last_topic": last_topic},
        response_selector=selected_answer("faq/follow_up"),
    )
    assert responses(dispatcher) == expected_responses
    assert events == expected_events


@pytest.mark.parametrize("last_topic, text, expected", [
    # play-tests 198 and 200: "how long does that take" after whether it hurts got "the guide doesn't say" and the pain
    # answer again: the treatment's length
    ("pain", "how long does that take", ["utter_faq/duration"]),
    ("what_is", "how long does it take?", ["utter_faq/duration"]),
    # ... how long the reaction lasts, or the consultation, is no treatment's length
    ("pain", "what about my neck", ["utter_faq/follow_up", "utter_faq/pain"]),
])
async def test_how_long_that_takes_after_the_treatment_is_its_length(dispatcher, make_tracker, domain, last_topic, text,
                                                                    expected):
    await answer(dispatcher, make_tracker, domain, text=text, slots={"last_topic": last_topic},
                 response_selector=selected_answer("faq/follow_up"))
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("entities, expected", [
    # play-test 32: "what about acne scars" after the stretch marks the guide does not name got "the same goes for that"
    ([{"entity": "skin_concern", "value": "acne scars"}], ["utter_faq/what_is"]),
    # another area the guide does not name: the same goes for it
    ([{"entity": "unknown_area", "value": "cellulite"}], ["utter_faq/follow_up", "utter_faq/unknown_area"]),
])
async def test_a_follow_up_naming_a_concern_the_guide_names_is_what_it_says_of_it(dispatcher, make_tracker, domain,
                                                                                  entities, expected):
    await answer(dispatcher, make_tracker, domain, text="what about acne scars?", entities=entities,
                 slots={"last_topic": "unknown_area"}, response_selector=selected_answer("faq/follow_up"))
    assert responses(dispatcher) == expected


async def test_a_message_that_names_no_answer_asks_what_it_is_about(dispatcher, make_tracker, domain):
    # /faq typed by hand: no selector, no topic
    events = await answer(dispatcher, make_tracker, domain, text="/faq", slots={"last_topic": "pain"})
    assert responses(dispatcher) == ["utter_ask_what_about"]
    assert events == [SlotSet("last_topic", "pain"), SlotSet("offer", None)]


@pytest.mark.parametrize(
    "key, entities, thing",
    [
        # the activity the person named fills {thing}
        ("faq/unknown_activity", [{"entity": "unknown_activity", "value": "swimming"}], "swimming"),
        ("faq/unknown_product", [{"entity": "unknown_product", "value": "retinol"}], "retinol"),
        # nothing recognised: "that"
        ("faq/unknown_device", [], "that"),
        # two of a kind, both named (found by the eleventh play-test: "makeup after? gym?" dropped the gym)
        ("faq/unknown_activity", [{"entity": "unknown_activity", "value": "makeup"},
                                  {"entity": "unknown_activity", "value": "exercise"}], "makeup or exercise"),
    ],
)
async def test_an_off_guide_answer_names_what_was_asked_about(dispatcher, make_tracker, domain, key, entities, thing):
    await answer(dispatcher, make_tracker, domain, text="...", entities=entities, response_selector=selected_answer(key))
    assert responses(dispatcher) == [f"utter_{key}"]
    assert dispatcher.messages[0]["thing"] == thing


@pytest.mark.parametrize(
    "key, entities, expected",
    [
        # an entity of another kind: the answer about what was named (found by the eleventh play-test: "can i wash my
        # face tonight and use my normal moisturiser" dropped the moisturiser)
        ("faq/unknown_activity", [{"entity": "unknown_product", "value": "retinol"}], ["utter_faq/unknown_product"]),
        ("faq/unknown_activity", [{"entity": "unknown_activity", "value": "washing the face"},
                                  {"entity": "unknown_product", "value": "moisturiser"}],
         ["utter_faq/unknown_activity", "utter_faq/unknown_product"]),
    ],
)
async def test_each_kind_of_thing_the_guide_does_not_cover_gets_its_answer(dispatcher, make_tracker, domain, key,
                                                                         entities, expected):
    await answer(dispatcher, make_tracker, domain, text="...", entities=entities, response_selector=selected_answer(key))
    assert responses(dispatcher) == expected


@pytest.mark.parametrize(
    "key, expected_events",
    [
        # "yes" inside the form answers the form's question, never the answer's offer
        ("faq/suitability", [SlotSet("last_topic", "suitability"), SlotSet("offer", None)]),
        ("faq/pain", [SlotSet("last_topic", "pain"), SlotSet("offer", None)]),
    ],
)
async def test_inside_the_booking_form_no_offer_is_made(dispatcher, make_tracker, domain, key, expected_events):
    events = await answer(
        dispatcher, make_tracker, domain, text="...", active_loop=FORM, slots={"requested_slot": "booking_time"},
        response_selector=selected_answer(key),
    )
    assert responses(dispatcher) == [f"utter_{key}"]
    assert events == expected_events


@pytest.mark.parametrize(
    "message, expected",
    [
        # questions first, in order
        ({"questions": [{"intent_response_key": "faq/pain"}, {"intent_response_key": "faq/sessions"}],
          "response_selector": selected_answer("faq/pain")}, ["pain", "sessions"]),
        # an empty question list: the selector's answer
        ({"questions": [], "response_selector": selected_answer("faq/downtime")}, ["downtime"]),
        # a button's topic
        ({"entities": [{"entity": "topic", "value": "safety"}]}, ["safety"]),
        # nothing
        ({}, []),
    ],
)
def test_answer_keys(make_tracker, message, expected):
    tracker = make_tracker(intent="faq", text="...")
    tracker.latest_message.update(message)
    assert answer_keys(tracker) == expected


def test_an_answer_that_asks_to_book_offers_the_consultation(domain):
    for name, variations in domain["responses"].items():
        if not name.startswith("utter_faq/"):
            continue
        asks = "would you like to book" in variations[0]["text"].lower()
        assert (offer_of(domain, name) == "consultation") == asks, name


# ---------------------------------------------------------------- the thread after a safety answer

SAFETY_TURN = [  # a safety answer to the message before the latest one
    {"event": "user", "timestamp": None, "text": "my cheek is oozing", "parse_data": {}},
    {"event": "action", "timestamp": None, "name": "action_answer_question"},
    {"event": "action", "timestamp": None, "name": "action_listen"},
]


def in_thread(make_tracker, level, intent, key=None, worse=False, text="...", not_yet=False):
    tracker = make_tracker(intent=intent, text=text, events=SAFETY_TURN, slots={"last_topic": level, "offer": "clinic"},
                           response_selector=selected_answer(key) if key else selected_answer("faq/privacy"))
    tracker.latest_message["triage"] = {"level": None, "worse": worse, "not_yet": not_yet}
    return tracker


@pytest.mark.parametrize("intent, key, expected", [
    # a question from someone not treated yet leaves the thread ("haven't had it yet, is it normal to be red?")
    ("faq", "faq/downtime", ["utter_faq/downtime"]),
    # a reply that is no question always gets the route again: the rules expect the clinic's help offered
    ("deny", None, ["utter_faq/emergency"]),
])
async def test_not_yet_treated_in_the_thread(dispatcher, make_tracker, domain, clinic_open, intent, key, expected):
    events = await ActionAnswerQuestion().run(
        dispatcher, in_thread(make_tracker, "emergency", intent, key, not_yet=True), domain)
    assert responses(dispatcher) == expected
    assert SlotSet("offer", "clinic" if intent != "faq" else None) in events


@pytest.mark.parametrize("level, intent, key, expected", [
    # play-test 27: "what?? I am not have microneedling, I am not sick. why 111?" got the urgent route again
    ("urgent", "deny", None, ["utter_safety_route_withdrawn"]),
    ("expected_reaction", "faq", "faq/downtime", ["utter_safety_route_withdrawn", "utter_faq/downtime"]),
    # the emergency answer stands, whatever caused the swelling
    ("emergency", "deny", None, ["utter_faq/emergency"]),
])
async def test_no_treatment_had_takes_the_route_back(dispatcher, make_tracker, domain, clinic_open, level, intent, key,
                                                     expected):
    tracker = in_thread(make_tracker, level, intent, key, not_yet=True)
    tracker.latest_message["triage"]["no_treatment"] = True
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    if level != "emergency":
        assert SlotSet("last_topic", None) in events or SlotSet("last_topic", "downtime") in events


@pytest.mark.parametrize("level, text, expected", [
    # play-test 27: "can i put the cream antibiotique?" got "did you mean", "should i take an antihistamine" the
    # suitability answer
    ("urgent", "can i put antibiotic cream on it?", ["utter_safety_route_reminder", "utter_medicine_in_thread"]),
    # play-test 74: the suitability answer and the offer to book
    ("urgent", "ok. also is the piriton ok to have taken? i dont want to make it worse",
     ["utter_safety_route_reminder", "utter_medicine_in_thread"]),
    ("expected_reaction", "should i take an antihistamine", ["utter_medicine_in_thread"]),
])
async def test_a_medicine_asked_about_in_the_thread(dispatcher, make_tracker, domain, clinic_open, level, text,
                                                    expected):
    tracker = in_thread(make_tracker, level, "faq", "faq/suitability", text=text)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    assert SlotSet("last_topic", level) in events and SlotSet("offer", "clinic") in events


@pytest.mark.parametrize("route_for, expected", [
    # play-test 28: "nothing is wrong, im just asking" after the route given for a question got the route again
    ("is it safe to do if i had botox 2 weeks ago? and can i have it done on my under eyes",
     ["utter_safety_route_withdrawn_question"]),
    # a report said to be nothing after all keeps its route
    ("my cheek is oozing since my treatment", ["utter_safety_no_reassurance", "utter_faq/urgent"]),
])
async def test_just_asking_takes_back_a_route_given_for_a_question(dispatcher, make_tracker, domain, clinic_open,
                                                                   route_for, expected):
    events = [
        {"event": "user", "timestamp": None, "text": route_for, "parse_data": {"triage": {"level": "urgent"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="deny", text="why would i call 111?? nothing is wrong, im just asking", events=events,
                           slots={"last_topic": "urgent", "offer": "clinic"})
    tracker.latest_message["triage"] = {"level": None, "just_asking": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("withdrawn, expected", [
    # play-test 171: "does it work on stretch marks?" after the route was taken back got "About what you described
    # before: please still contact the clinic", twice
    (True, ["utter_faq/sessions"]),
    # not taken back: the route first
    (False, ["utter_safety_route_reminder", "utter_faq/sessions"]),
])
async def test_a_route_taken_back_is_not_said_again(dispatcher, make_tracker, domain, clinic_open, withdrawn, expected):
    def bot(name):
        return {"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": name}}

    events = [
        {"event": "user", "timestamp": None, "text": "…", "parse_data": {"triage": {"level": "urgent"}}},
        bot("utter_faq/urgent"),
        {"event": "user", "timestamp": None, "text": "…", "parse_data": {"triage": {"level": None}}},
        bot("utter_safety_route_withdrawn_question" if withdrawn else "utter_faq/price"),
    ]
    tracker = make_tracker(intent="faq", text="how many sessions would that take", events=events,
                           response_selector=selected_answer("faq/sessions"))
    tracker.latest_message["triage"] = {"level": None}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("route_for, flags, expected", [
    # play-test 36: the emergency answer to a question about the procedure, then "im just asking" and "i havent had any
    # treatment" got it again, then the suitability answer
    ("does it bleed? i faint at blood a bit", {"just_asking": True}, ["utter_safety_route_withdrawn_emergency"]),
    ("does it bleed? i faint at blood a bit", {"no_treatment": True, "well": True},
     ["utter_safety_route_withdrawn_emergency"]),
    # a report of an emergency is never taken back
    ("my throat is swelling up", {"no_treatment": True}, ["utter_faq/emergency"]),
    # ... nor to someone who says help was called ("i HAVE called 999. they've told me what to do. im asking about the
    # clinic": play-test 81, "please set that advice aside")
    ("does it bleed? i feel faint", {"just_asking": True, "waiting_for_help": True}, ["utter_faq/emergency_help_coming"]),
])
async def test_the_emergency_answer_to_a_question_is_taken_back_when_nothing_is_happening(
    dispatcher, make_tracker, domain, clinic_open, route_for, flags, expected
):
    events = [
        {"event": "user", "timestamp": None, "text": route_for, "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="deny", text="there is no emergency, im just asking", events=events,
                           slots={"last_topic": "emergency", "offer": "clinic"})
    tracker.latest_message["triage"] = {"level": None, **flags}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:1] == expected


async def test_not_yet_this_treatment_takes_no_route_back(dispatcher, make_tracker, domain, clinic_open):
    # "what if it spreads?", "I'm booked in next week": not yet, but no word of having had no treatment
    await ActionAnswerQuestion().run(dispatcher, in_thread(make_tracker, "urgent", "deny", not_yet=True), domain)
    assert "utter_safety_route_withdrawn" not in responses(dispatcher)


async def test_no_treatment_had_offers_the_paused_request_again(dispatcher, make_tracker, domain, clinic_open):
    tracker = in_thread(make_tracker, "urgent", "deny", not_yet=True)
    tracker.latest_message["triage"]["no_treatment"] = True
    tracker.slots["booking_name"] = "Lucia Fernandez"
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_safety_route_withdrawn", "utter_request_set_aside"]


@pytest.mark.parametrize(
    "level, intent, key, worse, expected",
    [
        # "yes" after the urgent answer: the route again, never an answer from the classifier's ranking for "yes"
        ("urgent", "affirm", None, False, ["utter_safety_no_reassurance", "utter_faq/urgent"]),
        # "so it's fine?" after an expected reaction: not reassured
        ("expected_reaction", "faq", "faq/reassurance", False, ["utter_safety_no_reassurance", "utter_faq/expected_reaction"]),
        # "can I put aloe on it?", "can I use a sunbed next week?": the route again in a line, then what the guide
        # does not cover said so (twelfth play-test: the route alone came back five times, the questions unanswered)
        ("urgent", "faq", "faq/unknown_product", False, ["utter_safety_route_reminder", "utter_faq/unknown_product"]),
        # after the emergency answer the emergency number comes first again
        ("emergency", "nlu_fallback", None, False, ["utter_faq/emergency"]),
        # "it's got worse" moves an expected reaction up to urgent
        ("expected_reaction", "out_of_scope", None, True, ["utter_faq/urgent"]),
        # a new report is answered as one, never lower than before
        ("urgent", "faq", "faq/expected_reaction", False, ["utter_faq/urgent"]),
        ("urgent", "faq", "faq/emergency", False, ["utter_faq/emergency"]),
        # a new question is answered, after the route in a line (play-tests 166 and 167: the route dropped)
        ("urgent", "faq", "faq/sessions", False, ["utter_safety_route_reminder", "utter_faq/sessions"]),
        # found by the eighth play-test: "I rang them and they said it's normal for day one", "111 said to go to the
        # walk-in centre tomorrow" (the triage's help_had): their advice stands, the route is not said again
        ("urgent", "faq", "faq/help_had", False, ["utter_faq/help_had"]),
        # after the emergency answer, help had stands only when the person says they are well again (`well`, below);
        # "should i wait for 111 to call back first? they said 2 hours" gets the emergency route (twelfth play-test)
        ("emergency", "faq", "faq/help_had", False, ["utter_faq/emergency"]),
        # found by the ninth play-test: after the expected reaction, a new question is answered as asked; one that
        # looks for reassurance is not
        ("expected_reaction", "faq", "faq/unknown_product", False, ["utter_faq/unknown_product"]),
    ],
)
async def test_the_thread_after_a_safety_answer(dispatcher, make_tracker, domain, clinic_open, level, intent, key,
                                                worse, expected):
    events = await ActionAnswerQuestion().run(dispatcher, in_thread(make_tracker, level, intent, key, worse), domain)
    assert responses(dispatcher) == expected
    # the thread's route offers the clinic; a new question, or the advice already had, leaves the thread (the rules
    # then take the next message as any other: found by the ninth play-test, a loop of "not sure I understood")
    offered = None if expected[-1] in ("utter_faq/sessions", "utter_faq/help_had", "utter_faq/unknown_product") else "clinic"
    assert SlotSet("offer", offered) in events


@pytest.mark.parametrize("text, signs, leans, expected", [
    # play-test 59: the side effects asked in general got the urgent route alone, four times over
    ("forget my sister. general question: what are the side effects of microneedling", [], False,
     ["utter_safety_route_reminder", "utter_faq/side_effects"]),
    ("seriously? its just a bruise. what side effects does your guide actualy list then", [], False,
     ["utter_safety_route_reminder", "utter_faq/side_effects"]),
    ("ok but generally, what side effects are normal after microneedling? like in the days after", [], False,
     ["utter_safety_route_reminder", "utter_faq/side_effects"]),
    # play-test 64: "the normal side effects" asks which they are
    ("what are the normal side effects of microneedling", [], False,
     ["utter_safety_route_reminder", "utter_faq/side_effects"]),
    # asked whether something is all right, a sign named, or leaning on the last answer: the route again
    ("is bruising a normal side effect yes or no", [], False, ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    ("what side effects do you get, i have bruising", ["bruis*"], False,
     ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    ("and what side effects come with that", [], True, ["utter_safety_no_reassurance", "utter_faq/urgent"]),
])
async def test_side_effects_asked_in_general_in_the_urgent_thread(dispatcher, make_tracker, domain, clinic_open, text,
                                                                  signs, leans, expected):
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/side_effects", text=text)
    tracker.latest_message["triage"]["signs"] = signs
    tracker.latest_message["leans_on_context"] = leans
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, key, parts, signs, expected", [
    # play-test 70: the recovery asked of treatments in general or of the next one got the route alone, and "I can't
    # tell you that it's fine"
    ("how long does recovery take after a session generally", "faq/downtime", [], [],
     ["utter_safety_route_reminder", "utter_faq/downtime"]),
    ("is there any downtime i should plan for next time", "faq/downtime", [], [],
     ["utter_safety_route_reminder", "utter_faq/downtime"]),
    # ... said beside the sign again: the route, then that question
    ("its a bit of crusting. is there any downtime i should plan for next time", "faq/urgent", ["faq/downtime"],
     ["crust*|scabb*"], ["utter_faq/urgent", "utter_faq/downtime"]),
    # how long the reaction now lasts is asked of what is happening: the route again
    ("how long will the downtime be", "faq/downtime", [], [], ["utter_safety_no_reassurance", "utter_faq/urgent"]),
])
async def test_the_recovery_asked_in_general_in_the_urgent_thread(dispatcher, make_tracker, domain, clinic_open, text,
                                                                  key, parts, signs, expected):
    tracker = in_thread(make_tracker, "urgent", "faq", key, text=text)
    tracker.latest_message["triage"].update(signs=signs, level="urgent" if signs else None)
    tracker.latest_message["question_parts"] = [{"text": text, "intent_response_key": part} for part in parts]
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_the_age_policy_says_no_suitability_answer_beside_it(dispatcher, make_tracker, domain):
    # play-test 69: "your age … is assessed at your consultation. Would you like to book one?" after the policy, to a
    # 16-year-old whose parents must not know
    tracker = make_tracker(intent="faq", text="im 16 tho. my parents dont know, can i still come",
                           response_selector=selected_answer("faq/minors"))
    tracker.latest_message["questions"] = [{"intent_response_key": "faq/minors", "confidence": 1.0},
                                           {"intent_response_key": "faq/suitability", "confidence": 0.9}]
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/minors"]


@pytest.mark.parametrize("patient, for_someone_else, expected", [
    # play-test 69: someone treated the next morning, or mid-course, was offered a consultation to book, three times
    (True, False, "utter_faq/suitability_a_patient"),
    (False, False, "utter_faq/suitability"),
    # a request for someone else: whether it suits them is for their consultation
    (True, True, "utter_faq/suitability"),
])
async def test_suitability_asked_by_someone_treated_or_booked_in_goes_to_their_practitioner(
    dispatcher, make_tracker, domain, patient, for_someone_else, expected
):
    tracker = make_tracker(intent="faq", text="can i take ibuprofen before it", response_selector=selected_answer(
        "faq/suitability"), slots={"booking_for_someone_else": for_someone_else})
    tracker.latest_message["triage"] = {"level": None, "a_patient": patient}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [expected]
    # no consultation offered to someone treated or booked in: a "yes" then books nothing
    assert SlotSet("offer", None if patient and not for_someone_else else "consultation") in events


@pytest.mark.parametrize("level, expected", [
    # found by play-test 25: "the vision thing is getting a bit worse" after a call back was asked for got the urgent
    # route, a level lower than the emergency answer before it
    ("emergency", ["utter_faq/emergency"]),
    # the urgent and expected answers' threads end with a turn that was no answer (a new report stands on its own)
    ("urgent", ["utter_faq/urgent"]),
])
async def test_the_emergency_thread_holds_over_a_turn_that_was_no_answer(
    dispatcher, make_tracker, domain, clinic_open, level, expected
):
    turns = SAFETY_TURN + [
        {"event": "user", "timestamp": None, "text": "/book_consultation", "parse_data": {}},
        {"event": "action", "timestamp": None, "name": "action_start_booking"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text="the vision thing is getting a bit worse", events=turns,
                           slots={"last_topic": level}, response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "worse": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:1] == expected


async def test_the_urgent_answer_while_the_clinic_is_closed_is_its_out_of_hours_variant(
    dispatcher, make_tracker, domain, monkeypatch
):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-13T12:00:00+00:00")  # Sunday: closed all day
    await answer(dispatcher, make_tracker, domain, text="pus", response_selector=selected_answer("faq/urgent"))
    assert responses(dispatcher) == ["utter_faq/urgent_closed"]


@pytest.mark.parametrize("key, expected", [
    ("faq/reassurance", ["utter_faq/urgent_help_sought"]),
    ("faq/unknown_product", ["utter_safety_route_reminder_help_sought", "utter_faq/unknown_product_help_sought"]),
])
async def test_help_sought_while_the_clinic_is_closed_is_told_not_to_wait_for_it(
    dispatcher, make_tracker, domain, monkeypatch, key, expected
):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-13T12:00:00+00:00")  # Sunday: closed all day
    tracker = make_tracker(intent="faq", text="...", events=[dict(event) for event in SAFETY_TURN],
                           slots={"last_topic": "urgent", "offer": "clinic"}, response_selector=selected_answer(key))
    tracker.latest_message["triage"] = {"level": None, "seeking_help": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("intent, key, flags, earlier, expected", [
    # play-test 30: "why are you telling me to ring them again i just said they dont answer" got "contact the clinic
    # now" again, and so did the fever said later: the route for when the clinic can't be reached, now
    ("nlu_fallback", None, {"unreachable": True}, False, ["utter_faq/urgent_unreachable"]),
    ("faq", "faq/urgent", {"level": "urgent"}, True, ["utter_faq/urgent_unreachable"]),
    # "so should i ring 111 now instead of waiting?", "ok im going to ring 111 now": yes, and no "I can't tell you it's
    # fine or safe to wait"
    # (while the clinic is open, its own words: play-test 171, "rather than waiting for the clinic" to someone ringing it)
    ("faq", "faq/reassurance", {"seeking_help": True}, False, ["utter_faq/urgent_help_sought_open"]),
    # (... but with the clinic not reached before, NHS 111 rather than the clinic: play-test 200, "i rang, they didnt
    # pick up", then "ok ill call 111" got "the clinic is open, on …")
    ("nlu_fallback", None, {"seeking_help": True}, True, ["utter_faq/urgent_help_sought"]),
    # a question in the thread with the clinic not reached before ("can i put aloe on it?"): the reminder says so too
    ("faq", "faq/unknown_product", {}, True, ["utter_safety_route_reminder_unreachable", "utter_faq/unknown_product"]),
    # play-test 46: "ok ill ring 111 now. should i put ice on it while i wait?" was sent to the closed clinic and a
    # consultation: those about to give the advice are the ones to ask
    ("faq", "faq/unknown_product", {"seeking_help": True}, False,
     ["utter_safety_route_reminder_help_sought_open", "utter_faq/unknown_product_help_sought"]),
    # neither said: the route as ever
    ("nlu_fallback", None, {}, False, ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    # play-test 35: "what even is 111, is that like ambulance" got "I can't tell you that it's fine" and the route
    # again: the route in a line, and what the service is
    ("faq", "faq/route_explained", {}, False, ["utter_safety_route_reminder", "utter_faq/route_explained"]),
    ("faq", "faq/route_explained", {}, True, ["utter_safety_route_reminder_unreachable", "utter_faq/route_explained"]),
])
async def test_the_urgent_thread_when_the_clinic_is_not_reached_or_help_is_sought(
    dispatcher, make_tracker, domain, clinic_open, intent, key, flags, earlier, expected
):
    turns = [dict(event) for event in SAFETY_TURN]
    if earlier:  # said in the message the urgent answer was given for
        turns[0] = {**turns[0], "parse_data": {"triage": {"level": "urgent", "unreachable": True}}}
    tracker = make_tracker(intent=intent, text="...", events=turns, slots={"last_topic": "urgent", "offer": "clinic"},
                           response_selector=selected_answer(key or "faq/privacy"))
    tracker.latest_message["triage"] = {"level": None, **flags}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    assert SlotSet("last_topic", "urgent") in events  # the thread goes on


@pytest.mark.parametrize("latest, earlier, expected", [
    # play-test 43: skin bumpy and sore since August got "call NHS 111 now", three times
    ({"level": "urgent", "lasting": True}, None, ["utter_faq/urgent_lasting"]),
    # a reply in its thread ("its been like this for 4 months, its not an emergency") keeps that route
    ({"level": None}, {"level": "urgent", "lasting": True}, ["utter_safety_no_reassurance", "utter_faq/urgent_lasting"]),
    # a sign that started lately: the route as ever
    ({"level": "urgent"}, None, ["utter_faq/urgent_closed"]),
    # play-test 53: "youre useless. its in your guide that redness is normal" after "a bit red still, a week on" got
    # NHS 111 now: the same sign named again keeps the clinic's route
    ({"level": "expected", "signs": ["red"]}, {"level": "urgent", "lasting": True, "signs": ["red"]},
     ["utter_faq/urgent_lasting"]),
    # ... a new sign, or worse, is the route as ever
    ({"level": "urgent", "signs": ["pus"]}, {"level": "urgent", "lasting": True, "signs": ["red"]},
     ["utter_faq/urgent_closed"]),
    ({"level": "expected", "signs": ["red"], "worse": True}, {"level": "urgent", "lasting": True, "signs": ["red"]},
     ["utter_faq/urgent_closed"]),
])
async def test_a_sign_there_for_months_gets_the_clinic_or_a_gp(
    dispatcher, make_tracker, domain, monkeypatch, latest, earlier, expected
):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T00:30:00+00:00")  # a Saturday night: closed
    turns = [dict(event) for event in SAFETY_TURN]
    if earlier:
        turns[0] = {**turns[0], "parse_data": {"triage": earlier}}
    tracker = make_tracker(
        intent="faq" if latest["level"] else "nlu_fallback", text="...", events=turns if earlier else [],
        slots={"last_topic": "urgent", "offer": "clinic"} if earlier else {},
        response_selector=selected_answer("faq/urgent"),
    )
    tracker.latest_message["triage"] = latest
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    # while the clinic is open: the clinic today, without "NHS 111 now, don't wait" (play-tests 60 and 62: to someone
    # peeling on day 4 and flaking on day 5); a sign that started lately, new or worse, is the route as ever
    monkeypatch.setenv("CLINIC_NOW", "2026-12-09T11:00:00+00:00")
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [name.replace("_lasting", "_lasting_open").replace("_closed", "") for name in expected]


async def test_a_safety_answer_inside_the_form_says_the_booking_is_paused_except_after_the_emergency_one(
    dispatcher, make_tracker, domain, clinic_open
):
    await answer(dispatcher, make_tracker, domain, text="pus", active_loop=FORM, response_selector=selected_answer("faq/urgent"))
    assert responses(dispatcher) == ["utter_faq/urgent", "utter_safety_booking_paused"]
    dispatcher.messages.clear()
    await answer(dispatcher, make_tracker, domain, text="lips", active_loop=FORM, response_selector=selected_answer("faq/emergency"))
    assert responses(dispatcher) == ["utter_faq/emergency"]


# ---------------------------------------------------------------- a question that leans on the last answer


@pytest.mark.parametrize(
    "last_topic, leans, ranking, expected",
    [
        # "and is that per session?" after the price answer: price is a third as likely as sessions, so price
        ("price", True, [("faq/sessions", 0.6), ("faq/price", 0.2)], "price"),
        # less than a third as likely: the classifier's answer stands
        ("price", True, [("faq/sessions", 0.7), ("faq/price", 0.2)], "sessions"),
        # a message that does not lean on the last answer is answered as the classifier says
        ("price", False, [("faq/sessions", 0.6), ("faq/price", 0.3)], "sessions"),
        # nothing answered before
        (None, True, [("faq/sessions", 0.6), ("faq/price", 0.3)], "sessions"),
        # an answer that must stand is never weighed away, nor weighed towards
        ("results", True, [("faq/suitability", 0.5), ("faq/results", 0.4)], "suitability"),
        ("results", True, [("faq/unknown_longevity", 0.5), ("faq/results", 0.4)], "unknown_longevity"),
        # a follow-up to a suitability answer stays with the consultation unless it clearly asks something else
        ("suitability", True, [("faq/duration", 0.5), ("faq/suitability", 0.4)], "suitability"),
        ("suitability", True, [("faq/pain", 0.9), ("faq/suitability", 0.05)], "pain"),
        # and one to what the guide does not cover stays with it ("can i use retinol before" … "and after?")
        ("unknown_product", True, [("faq/aftercare", 0.3), ("faq/unknown_product", 0.2)], "unknown_product"),
    ],
)
async def test_a_question_that_leans_on_the_last_answer_is_weighed_by_its_topic(
    dispatcher, make_tracker, domain, last_topic, leans, ranking, expected
):
    events = await answer(
        dispatcher, make_tracker, domain, text="and is that per session?", slots={"last_topic": last_topic},
        response_selector=selected_answer(ranking[0][0], ranking[0][1], ranking=ranking), leans_on_context=leans,
    )
    assert responses(dispatcher) == [f"utter_faq/{expected}"]
    assert SlotSet("last_topic", expected) in events


@pytest.mark.parametrize("text, answered, expected", [
    # play-tests 170 and 175: the suitability answer word for word, three times, to someone pushing for a yes or no
    ("I dont really want to book a whole consultation just to find out. just tell me yes or no",
     ["utter_faq/suitability"], "utter_faq/suitability_asked_again"),
    ("ugh. does your guide even say anything about breastfeeding?", ["utter_faq/suitability"],
     "utter_faq/suitability_asked_again"),
    # asked again with nothing pushed, or after other answers too: the answer as ever
    ("and is that the same if im on roaccutane", ["utter_faq/suitability"], "utter_faq/suitability"),
    ("just tell me yes or no", ["utter_faq/sessions", "utter_faq/suitability"], "utter_faq/suitability"),
])
async def test_the_suitability_answer_pushed_for_again_says_it_cannot_give_a_yes_or_no(
    dispatcher, make_tracker, domain, text, answered, expected
):
    events = [{"event": "user", "timestamp": None, "text": "…", "parse_data": {}}]
    events += [{"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": name}} for name in answered]
    await answer(dispatcher, make_tracker, domain, text=text, events=events, slots={"last_topic": "suitability"},
                 response_selector=selected_answer("faq/suitability"))
    assert responses(dispatcher) == [expected]


_LEANS = [("faq/duration", 0.62), ("faq/about_that", 0.22), ("faq/suitability", 0.02)]


@pytest.mark.parametrize("answered, ranking, expected", [
    # play-test 40: "ok and how long does each one take?" after three answers got the last of them, suitability
    (["utter_faq/sessions", "utter_faq/results", "utter_faq/suitability"], _LEANS, "duration"),
    # after one answer, it is weighed by that answer as ever: its own confidence weighed up, "about that" as it is
    (["utter_faq/suitability"], [("faq/duration", 0.62), ("faq/suitability", 0.2), ("faq/about_that", 0.1)],
     "suitability"),
    # ... and "about that" alone does not outweigh a likelier answer (play-test 208: "does that hurt?" after what
    # microneedling is got what it is again)
    (["utter_faq/suitability"], _LEANS, "duration"),
])
async def test_after_several_answers_a_message_leans_on_none(dispatcher, make_tracker, domain, answered, ranking,
                                                             expected):
    turns = [{"event": "user", "timestamp": None, "text": "1) sessions 2) results 3) breastfeeding"}]
    turns += [{"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": name}} for name in answered]
    turns += [{"event": "action", "timestamp": None, "name": "action_listen"}]
    await answer(
        dispatcher, make_tracker, domain, text="ok and how long does each one take?", events=turns,
        slots={"last_topic": "suitability"}, leans_on_context=True,
        response_selector=selected_answer("faq/duration", 0.62, ranking=ranking),
    )
    assert responses(dispatcher) == [f"utter_faq/{expected}"]


async def test_a_question_no_answer_was_sure_for_is_said_not_to_be_answered(dispatcher, make_tracker, domain):
    # play-test 40: "1. do you offer a patch test first? 2. …" was dropped without a word
    text = "1. do you offer a patch test first? 2. does it hurt 3. how long before results are visible"
    tracker = make_tracker(
        intent="faq", text=text, response_selector=selected_answer("faq/pain"),
        questions=asked(text, ("does it hurt", "faq/pain"), ("how long before results are visible", "faq/results")),
    )
    tracker.latest_message["unsure_parts"] = ["do you offer a patch test first?"]
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/pain", "utter_faq/results", "utter_part_not_understood"]
    assert dispatcher.messages[-1]["part"] == "do you offer a patch test first?"


async def test_a_question_no_answer_was_sure_for_beside_one_answer_is_not_said_not_to_be_answered(
    dispatcher, make_tracker, domain
):
    # play-test 135: the message's one answer was that very question's, and then "I wasn't sure what you meant by …,
    # so I haven't answered that part" was said of it (three times)
    text = "how long does the numbing cream need to be on for? and should i come with no makeup on or do u take it off"
    tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/unknown_product"))
    tracker.latest_message["unsure_parts"] = ["how long does the numbing cream need to be on for?"]
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_part_not_understood" not in responses(dispatcher)


async def test_several_questions_are_not_weighed_by_the_last_answer(dispatcher, make_tracker, domain):
    text = "and is that per session, and does it hurt"
    await answer(
        dispatcher, make_tracker, domain, text=text, slots={"last_topic": "price"}, leans_on_context=True,
        response_selector=selected_answer("faq/sessions", 0.6, ranking=[("faq/sessions", 0.6), ("faq/price", 0.3)]),
        questions=asked(text, ("and is that per session", "faq/sessions"), ("does it hurt", "faq/pain")),
    )
    assert responses(dispatcher) == ["utter_faq/sessions", "utter_faq/pain"]


@pytest.mark.parametrize("asks, key, expected", [
    # "it doesn't hurt or anything" after the urgent answer: it asks nothing, so the route again
    (False, "faq/preparation", ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    # pain after a treatment is about what is happening, asked or not
    (True, "faq/pain", ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    # a new question is answered, after the route in a line (play-tests 166 and 167)
    (True, "faq/sessions", ["utter_safety_route_reminder", "utter_faq/sessions"]),
])
async def test_a_message_in_the_thread_that_asks_nothing_keeps_the_route(
    dispatcher, make_tracker, domain, clinic_open, asks, key, expected
):
    tracker = in_thread(make_tracker, "urgent", "faq", key)
    tracker.latest_message["asks"] = asks
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_two_follow_ups_in_one_message_say_the_last_answer_once(dispatcher, make_tracker, domain):
    text = "what about my neck, how long does that last?"
    await answer(
        dispatcher, make_tracker, domain, text=text, slots={"last_topic": "downtime"},
        response_selector=selected_answer("faq/follow_up"),
        questions=asked(text, ("what about my neck", "faq/follow_up"), ("how long does that last?", "faq/about_that")),
    )
    assert responses(dispatcher) == ["utter_faq/follow_up", "utter_faq/downtime"]


async def test_how_long_in_the_thread_is_about_what_is_happening(dispatcher, make_tracker, domain, clinic_open):
    # "how long will it last?" after the urgent answer: the route again, never the length of an appointment
    await ActionAnswerQuestion().run(dispatcher, in_thread(make_tracker, "urgent", "faq", "faq/duration"), domain)
    assert responses(dispatcher) == ["utter_safety_no_reassurance", "utter_faq/urgent"]


@pytest.mark.parametrize("last_topic, best, expected", [
    # "how long for?" after the results answer: about the results, not the appointment's length
    ("results", "faq/duration", ["utter_faq/about_that", "utter_faq/results"]),
    # with nothing answered before, the classifier's answer
    (None, "faq/duration", ["utter_faq/duration"]),
    # an answer that must stand keeps standing
    ("results", "faq/suitability", ["utter_faq/suitability"]),
])
async def test_a_message_of_question_words_alone_is_about_the_last_answer(
    dispatcher, make_tracker, domain, last_topic, best, expected
):
    tracker = make_tracker(intent="faq", text="how long for?", slots={"last_topic": last_topic},
                           response_selector=selected_answer(best, 0.8))
    tracker.latest_message["aspect_only"] = True
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize(
    "before, expected",
    [
        # the reply before was a walk-through step: a question about a step is shown as a step ("Step 3 of 4")
        ([{"event": "user", "text": "next"}, {"event": "action", "name": "action_show_guide_step"},
          {"event": "action", "name": "action_listen"}], "utter_walkthrough_procedure"),
        # asked on its own: the answer without "Step N of 4" and Next and Back
        ([{"event": "user", "text": "hi"}, {"event": "action", "name": "utter_greet"},
          {"event": "action", "name": "action_listen"}], "utter_faq/procedure"),
        ([], "utter_faq/procedure"),
    ],
)
async def test_a_step_is_shown_as_a_step_only_inside_the_walk_through(dispatcher, make_tracker, domain, before, expected):
    tracker = make_tracker(
        intent="faq", text="what happens during the treatment itself?", events=before,
        response_selector=selected_answer("faq/procedure"),
    )
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [expected]


WALKING_THROUGH = [{"event": "user", "text": "next"}, {"event": "action", "name": "action_show_guide_step"},
                   {"event": "action", "name": "action_listen"}]


@pytest.mark.parametrize("before, current, text, expected", [
    # play-tests 180 and 183: "last bit?" mid-walk-through got how long results last
    (WALKING_THROUGH, "procedure", "last bit?", ["utter_walkthrough_aftercare"]),
    # at the last step already: the walk-through's end
    (WALKING_THROUGH, "aftercare", "last bit?", ["utter_guide_finished"]),
    # not in the walk-through, or more than a few words: the question
    ([], "procedure", "last bit?", ["utter_faq/unknown_longevity"]),
    (WALKING_THROUGH, "procedure", "how long does the last bit of the results last?", ["utter_faq/unknown_longevity"]),
    # play-test 184: "is that it?" and "thats all the steps? nothing after" at the last step got step 4, then step 1
    (WALKING_THROUGH, "aftercare", "is that it?", ["utter_guide_finished"]),
    (WALKING_THROUGH, "aftercare", "no i mean thats all the steps? nothing after", ["utter_guide_finished"]),
    (WALKING_THROUGH, "procedure", "is that it?", ["utter_faq/unknown_longevity"]),
    # play-test 186: a question answered at step 3 in between
    (WALKING_THROUGH + [{"event": "user", "text": "how deep do the needles go in?"},
                        {"event": "action", "name": "action_answer_question"}, {"event": "action", "name": "action_listen"}],
     "procedure", "last bit?", ["utter_walkthrough_aftercare"]),
])
async def test_a_step_named_in_a_few_words_in_the_walk_through_is_that_step(dispatcher, make_tracker, domain, before,
                                                                            current, text, expected):
    start = text.find("last bit")
    entities = [{"entity": "guide_step", "value": "aftercare", "start": start, "end": start + len("last bit")}]
    entities = entities if start >= 0 else []
    tracker = make_tracker(intent="faq", text=text, events=before, entities=entities, slots={"current_step": current},
                           response_selector=selected_answer("faq/unknown_longevity"))
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    if expected == ["utter_guide_finished"]:
        assert SlotSet("current_step", "finished") in events


@pytest.mark.parametrize("text, key, expected", [
    # play-test 32: "what actually happens during a microneedling treatment, step by step?" got "Step 3 of 4"
    ("what actually happens during a microneedling treatment, step by step?", "faq/procedure",
     "utter_walkthrough_consultation"),
    # a step asked about as a step, or one step asked for step by step, is that step
    ("what happens in the procedure step?", "faq/procedure", "utter_walkthrough_procedure"),
    ("walk me through the aftercare step by step", "faq/aftercare", "utter_walkthrough_aftercare"),
    # play-test 53: "the 4 steps, what are they?" got what microneedling is
    ("ok and the 4 steps, what are they?", "faq/what_is", "utter_walkthrough_consultation"),
])
async def test_the_whole_walk_through_asked_for_starts_at_its_first_step(dispatcher, make_tracker, domain, text, key,
                                                                        expected):
    events = await answer(dispatcher, make_tracker, domain, text=text, response_selector=selected_answer(key))
    assert responses(dispatcher) == [expected]
    assert SlotSet("current_step", expected.rsplit("_", 1)[-1]) in events


async def test_a_question_calling_it_a_step_gets_the_step(dispatcher, make_tracker, domain):
    tracker = make_tracker(intent="faq", text="what happens in the aftercare step", response_selector=selected_answer("faq/aftercare"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_walkthrough_aftercare"]


def at_the_concern_prompt(make_tracker, text, key, asks=False, triage=None, entities=None):
    return make_tracker(
        intent="faq", text=text, active_loop=FORM, slots={"requested_slot": "booking_concern"},
        response_selector=selected_answer(key), entities=entities,
        parse_data={"asks": asks, "triage": triage or {"level": None}},
    )


@pytest.mark.parametrize(
    "text, key, asks, triage, entities, taken",
    [
        # found by the fifth play-test: a description of the skin, asking nothing, is the concern asked for
        ("bit of loose saggy skin under my chin", "faq/unknown_area", False, None,
         [{"entity": "unknown_area", "value": "sagging skin"}], True),
        ("my skin looks dull and tired", "faq/results", False, None, None, True),
        ("redness and broken veins", "faq/expected_reaction", False,
         {"level": "expected", "after_treatment": False}, None, True),
        # a sign after a treatment, or any graver one, is a report: its safety answer stands
        ("red and sore since my treatment", "faq/expected_reaction", False,
         {"level": "expected", "after_treatment": True}, None, False),
        ("my lips are swelling", "faq/emergency", False, {"level": "emergency", "after_treatment": False}, None, False),
        ("a spot that's oozing on my cheek", "faq/urgent", False, {"level": "urgent", "after_treatment": False}, None,
         False),
        # a question is answered; so are the age policy and what says nothing of the skin
        ("does it help with saggy skin?", "faq/unknown_area", True, None,
         [{"entity": "unknown_area", "value": "sagging skin"}], False),
        ("i'm 16, my skin has spots", "faq/minors", False, {"level": None, "under_age": True}, None, False),
        # found by the seventh play-test: a personal factor is what the consultation is to look at
        ("pregnancy question", "faq/suitability", False, None, [{"entity": "suitability_factor", "value": "pregnancy"}],
         True),
        ("is it ok if I'm pregnant?", "faq/suitability", True, None,
         [{"entity": "suitability_factor", "value": "pregnant"}], False),
        # found by the seventeenth play-test: what happened, seen already, is what the call back is about
        ("the infection after my treatment on tuesday, im in A&E", "faq/help_had", False,
         {"level": None, "after_treatment": True}, None, True),
    ],
)
async def test_a_description_of_the_skin_at_the_concern_prompt_is_the_concern(
    dispatcher, make_tracker, domain, text, key, asks, triage, entities, taken
):
    tracker = at_the_concern_prompt(make_tracker, text, key, asks, triage, entities)
    assert concern_given(tracker) is taken
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    if taken:  # nothing answered: the form takes the words as the concern
        assert responses(dispatcher) == [] and events == [SlotSet("offer", None)]
    else:
        assert responses(dispatcher)


def test_only_at_the_concern_prompt(make_tracker):
    tracker = make_tracker(
        intent="faq", text="bit of loose saggy skin under my chin", active_loop=FORM,
        slots={"requested_slot": "booking_time"}, response_selector=selected_answer("faq/unknown_area"),
        parse_data={"asks": False}, entities=[{"entity": "unknown_area", "value": "sagging skin"}],
    )
    assert not concern_given(tracker)


@pytest.mark.parametrize(
    "intent, text, entities, asks, taken",
    [
        # found by the sixth play-test: the concern came from the chat, so the form asked for consent next
        ("inform", "keloids and acne scars", [{"entity": "skin_concern", "value": "acne scars"}], False, True),
        ("nlu_fallback", "beard area acne scarring", [{"entity": "skin_concern", "value": "scarring"}], False, True),
        # no concern named, or a question: not the concern
        ("nlu_fallback", "hmm not sure", [], False, False),
        ("faq", "does it help acne scars?", [{"entity": "skin_concern", "value": "acne scars"}], True, False),
        ("affirm", "yes, acne scars", [{"entity": "skin_concern", "value": "acne scars"}], False, False),
    ],
)
def test_a_concern_named_at_the_consent_question_is_the_concern(make_tracker, intent, text, entities, asks, taken):
    tracker = make_tracker(
        intent=intent, text=text, active_loop=FORM, slots={"requested_slot": "booking_consent"}, entities=entities,
        response_selector=selected_answer("faq/suitability"), parse_data={"asks": asks},
    )
    assert concern_given(tracker) is taken


async def test_after_a_request_was_sent_an_answer_offers_no_second_booking(dispatcher, make_tracker, domain):
    # found by the seventh play-test: "do you do it on dark skin?" right after booking got "Would you like to book one?"
    events = await answer(dispatcher, make_tracker, domain, text="do you do it on dark skin?",
                          slots={"request_sent": True}, response_selector=selected_answer("faq/suitability"))
    assert responses(dispatcher) == ["utter_faq/suitability"] and SlotSet("offer", None) in events
    said = [variation for variation in domain["responses"]["utter_faq/suitability"]
            if {"name": "request_sent", "type": "slot", "value": True} in (variation.get("condition") or [])]
    # one for each kind of request (a call back's says the question is raised on the call: play-test 28)
    assert len(said) == 2 and all("Would you like to book" not in one["text"] and "metadata" not in one for one in said)


@pytest.mark.parametrize("asked_now, last_topic, expected", [
    # found by the eighth play-test: after the pregnancy answer, "surely you know if it's dangerous for the baby"
    # got the general safety answer, which reads as "yes, it's safe"
    ("faq/safety", "suitability", "utter_faq/suitability"),
    ("faq/side_effects", "suitability", "utter_faq/side_effects"),  # the side effects in general, as asked
    ("faq/safety", "pain", "utter_faq/safety"),  # after any other answer, the general one
    ("faq/pain", "suitability", "utter_faq/pain"),  # another question is answered as asked
])
async def test_is_it_safe_right_after_a_suitability_answer_stays_with_the_consultation(
        dispatcher, make_tracker, domain, asked_now, last_topic, expected):
    text = "but is it dangerous or not"
    await answer(dispatcher, make_tracker, domain, text=text, slots={"last_topic": last_topic},
                 response_selector=selected_answer(asked_now), questions=asked(text, (text, asked_now)))
    assert responses(dispatcher) == [expected]


async def test_is_it_safe_beside_a_suitability_question_stays_with_the_consultation(dispatcher, make_tracker, domain):
    # play-test 49: "in general, microneedling is a safe and effective treatment" to someone taken to hospital with a
    # reaction the day before
    text = "the next session, is safe for me or no? after this allergy"
    await answer(dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/suitability"),
                 questions=asked(text, ("the next session, is safe for me or no?", "faq/safety"),
                                 ("after this allergy", "faq/suitability")))
    assert responses(dispatcher) == ["utter_faq/suitability"]
    # with no reaction or allergy of their own, both are answered as asked
    dispatcher.messages.clear()
    text = "is it safe? and can i have it while breastfeeding?"
    await answer(dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/suitability"),
                 questions=asked(text, ("is it safe?", "faq/safety"),
                                 ("and can i have it while breastfeeding?", "faq/suitability")))
    assert responses(dispatcher) == ["utter_faq/safety", "utter_faq/suitability"]


@pytest.mark.parametrize("level, expected", [
    # found by the eleventh play-test: "ambulance is on the way already. what do i do while waiting" got the treatment
    # described; in the emergency's thread it gets the emergency route again, said for help on its way
    ("emergency", ["utter_faq/emergency_help_coming"]),
    # after any other safety answer, a new question is answered as asked
    ("urgent", ["utter_faq/procedure"]),
])
async def test_waiting_for_help_in_the_emergency_thread_keeps_its_route(dispatcher, make_tracker, domain, clinic_open,
                                                                          level, expected):
    tracker = in_thread(make_tracker, level, "faq", "faq/procedure",
                        text="ambulance is on the way already. what do i do while waiting")
    tracker.latest_message["triage"]["waiting_for_help"] = True
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:1] == expected


async def test_after_the_emergency_answer_help_had_stands_once_the_person_is_well_again(dispatcher, make_tracker, domain,
                                                                                       clinic_open):
    # "the paramedics came, im ok now": their advice (eighth play-test)
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/help_had")
    tracker.latest_message["triage"]["well"] = True
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/help_had"]


async def test_the_clinics_own_clock_decides_whether_it_is_closed(dispatcher, make_tracker, domain, clinic_open):
    # the fourteenth play-test: "you're shut on a Sunday I think" on a Thursday afternoon was believed by a first
    # version ("The clinic is closed right now"); the clinic is open, so the route says so
    tracker = in_thread(make_tracker, "urgent", "nlu_fallback", text="i said theyre closed, its 10pm on saturday")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == "utter_faq/urgent"


@pytest.mark.parametrize("intent, key, well, expected", [
    # found by the thirteenth play-test: "all ok now, I just want to ask about my next session" after the emergency
    # answer got 999 again
    ("faq", "faq/sessions", True, ["utter_faq/sessions"]),
    # a reply that is no question ("no i'm fine") still gets the route: the rules expect it
    ("deny", None, True, ["utter_faq/emergency"]),
])
async def test_well_again_and_asking_ends_the_emergency_thread(dispatcher, make_tracker, domain, clinic_open, intent, key,
                                                              well, expected):
    tracker = in_thread(make_tracker, "emergency", intent, key)
    tracker.latest_message["triage"]["well"] = well
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_better_and_asking_to_put_the_call_off_keeps_the_emergency_route(dispatcher, make_tracker, domain,
                                                                               clinic_open):
    # play-test 98: "so you're saying even tho shes better we still ring? cant we just call the clinic on monday
    # instead", from someone who had called no one, got the clinic's hours on Monday
    text = "so you're saying even tho shes better we still ring? cant we just call the clinic on monday instead"
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/clinic_info", text=text)
    tracker.latest_message["triage"].update({"well": True, "eased": True})
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/emergency"
    assert not any(name.startswith("utter_faq/clinic_info") for name in responses(dispatcher))
    assert SlotSet("last_topic", "emergency") in events


@pytest.mark.parametrize("sent, text, expected", [
    # found by the thirteenth and fourteenth play-tests: "will they ring me or him?" got the reassurance answer, 999
    (True, "will they ring me or him? he doesn't speak much English", ["utter_request_reference"]),
    # play-test 78: whether to get help tonight or wait is no question about the request
    (True, "sorry going round in circles - so tonight, 111 or just wait and call you monday?", ["utter_faq/reassurance"]),
    # before any request, or about a symptom, the reassurance answer stands
    (False, "will they ring me or him?", ["utter_faq/reassurance"]),
    (True, "so it's fine to wait?", ["utter_faq/reassurance"]),
])
async def test_a_question_about_the_request_sent_is_no_reassurance_sought(dispatcher, make_tracker, domain, clinic_open,
                                                                          sent, text, expected):
    tracker = make_tracker(intent="faq", text=text, slots={"request_sent": sent},
                           response_selector=selected_answer("faq/reassurance"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


def _after_the_ambulance_was_called(make_tracker, intent, key, text):
    # the emergency answer, then "ambulance on its way" (its variant for help coming), then the latest message
    called = [
        {"event": "user", "timestamp": None, "text": "my throat is tight",
         "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "user", "timestamp": None, "text": "ambulance on its way, my flatmate called",
         "parse_data": {"triage": {"level": "emergency", "waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent=intent, text=text, events=called, slots={"last_topic": "emergency", "offer": "clinic"},
                           response_selector=selected_answer(key) if key else selected_answer("faq/privacy"))
    tracker.latest_message["triage"] = {"level": None}
    return tracker


@pytest.mark.parametrize("intent, key, text, expected", [
    # found by the sixteenth play-test: "Please call 999 now" again after the ambulance was called
    # (what was used on the skin gets what the guide says of it and the clinic's record: play-test 51)
    ("faq", "faq/unknown_other", "what was the serum they used, do you know? the paramedics might ask",
     ["utter_faq/unknown_product_help_coming"]),
    # (the hours in their words after an emergency: 999, not "NHS 111 if it can't wait", play-test 79)
    ("faq", "faq/clinic_info", "what time does the clinic open? i want to tell them",
     ["utter_faq/clinic_info_after_emergency"]),
    # a reply that is no question: the route again, as for help on its way
    ("nlu_fallback", None, "ok", ["utter_faq/emergency_help_coming"]),
])
async def test_with_the_ambulance_called_999_is_not_said_again(dispatcher, make_tracker, domain, clinic_open, intent,
                                                                key, text, expected):
    await ActionAnswerQuestion().run(dispatcher, _after_the_ambulance_was_called(make_tracker, intent, key, text), domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("called_before, triage, expected", [
    # play-test 31: "breathing feels tight" with the ambulance on its way got "if it gets worse before they arrive, call
    # 999 again", for the fourth time: a new sign is worse, and 999 again now
    (True, {"level": "emergency"}, ["utter_faq/emergency_worse_while_help_comes"]),
    # ... and so is one said beside the wait (play-test 32: "getting worse while we wait, lips feel tingly")
    (True, {"level": "emergency", "waiting_for_help": True}, ["utter_faq/emergency_worse_while_help_comes"]),
    # a sign said with the news that help is coming is what they called about
    (False, {"level": "emergency", "waiting_for_help": True}, ["utter_faq/emergency_help_coming"]),
    # play-test 92: "her voice is a bit better now … should i ring them back and cancel" got "if it's getting worse,
    # call 999 again now": calling it off is never said yes to here
    (True, {"level": "expected", "cancel_help": True}, ["utter_faq/emergency_cancel_asked"]),
    (False, {"level": "emergency", "waiting_for_help": True, "cancel_help": True},
     ["utter_faq/emergency_cancel_asked"]),
])
async def test_a_new_emergency_sign_while_help_comes_is_999_again_now(dispatcher, make_tracker, domain, clinic_open,
                                                                     called_before, triage, expected):
    if called_before:
        tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/emergency", "breathing feels tight")
    else:
        tracker = in_thread(make_tracker, "emergency", "faq", "faq/emergency", text="ambulance coming, lips swelling")
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    # and a message after it with no sign: help is still on its way (play-test 31: "ok rang again they said 5 min"
    # got "Please call 999 now", the look back having stopped at the new sign)
    dispatcher.messages.clear()
    tracker = _after_the_ambulance_was_called(make_tracker, "nlu_fallback", None, "ok")
    tracker.events.insert(-1, {"event": "user", "timestamp": None, "text": "breathing feels tight",
                               "parse_data": {"triage": {"level": "emergency"}}})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_help_coming"]


async def test_what_was_used_asked_while_help_comes_is_answered(dispatcher, make_tracker, domain, clinic_open):
    # play-test 48: "they ask was there a cream or something used, do you know what cream?" with the ambulance called
    # got "Please call 999 now" three times
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/unknown_product", "what cream do you use")
    tracker.latest_message["entities"] = [{"entity": "unknown_product", "value": "cream"}]
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/unknown_product_help_coming"]


@pytest.mark.parametrize("text, key", [
    # play-test 51: the route alone, four times, and once a consultation started
    ("they asked what cream was used on her, sabes que crema? numbing cream?", "faq/pain"),
    ("which numbing cream does the clinic use", "faq/preparation"),
    # play-test 220: the route alone, then "I can't advise on medicines"
    ("they're asking what was put on his face, i dont know!! was it a cream?", "faq/unknown_product"),
    ("please just tell me, do you use numbing cream at your clinic?", "faq/pain"),
])
async def test_which_product_was_used_asked_while_help_comes_is_answered_whatever_the_answer_found(
    dispatcher, make_tracker, domain, clinic_open, text, key
):
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", key, text)
    tracker.latest_message["triage"]["waiting_for_help"] = True
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/unknown_product_help_coming"]
    assert SlotSet("last_topic", "emergency") in events


@pytest.mark.parametrize("called, expected", [
    # play-test 31: "i hav piriton in my bag shud i take it" got the route alone, and the medicine was never named
    (True, ["utter_faq/emergency_help_coming", "utter_medicine_in_emergency"]),
    (False, ["utter_faq/emergency", "utter_medicine_in_emergency"]),
])
async def test_a_medicine_asked_about_in_the_emergency_thread(dispatcher, make_tracker, domain, clinic_open, called,
                                                              expected):
    text = "i hav piriton in my bag shud i take it"
    if called:
        tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/suitability", text)
    else:
        tracker = in_thread(make_tracker, "emergency", "faq", "faq/suitability", text=text)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    assert SlotSet("last_topic", "emergency") in events


@pytest.mark.parametrize("text", [
    # play-test 190: which products the clinic used, then the aftercare's silence and a consultation offered, in an
    # emergency's thread with 111 to call back
    "can i put some ice on my lips while i wait?",
    "i asked about ICE on my lips. yes or no",
])
async def test_something_put_on_it_asked_in_the_emergency_thread(dispatcher, make_tracker, domain, clinic_open, text):
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/unknown_product", text)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_help_coming", "utter_remedy_in_emergency"]
    assert SlotSet("last_topic", "emergency") in events


@pytest.mark.parametrize("text, key", [
    # play-test 200: the procedure's answer, then a menu with no word of 999, with an ambulance on its way
    ("should she lie down or sit up", "faq/procedure"),
    ("can i give her some water while we wait", "faq/aftercare"),
])
async def test_first_aid_asked_in_the_emergency_thread_is_for_the_call_handler(dispatcher, make_tracker, domain,
                                                                              clinic_open, text, key):
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", key, text)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_help_coming", "utter_first_aid_in_emergency"]
    assert SlotSet("last_topic", "emergency") in events


@pytest.mark.parametrize("text, key, expected", [
    # play-test 206: what 999 is, twice, to "what do i tell them when they get here" with the ambulance on its way
    ("what do i say to the paramedics about the treatment. she had some cream put on before", "faq/emergency_explained",
     ["utter_faq/what_to_tell_111_help_coming"]),
    # play-test 206: "I can't advise on medicines" to the cause asked
    ("could it be the numbing cream that caused it??", "faq/cause_asked", ["utter_faq/cause_asked_help_coming"]),
])
async def test_what_to_tell_those_coming_and_the_cause_asked_while_help_comes(dispatcher, make_tracker, domain,
                                                                             clinic_open, text, key, expected):
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", key, text)
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    assert SlotSet("last_topic", "emergency") in events  # the emergency's thread goes on


async def test_something_put_on_it_outside_the_emergency_thread_is_the_guides_answer(
    dispatcher, make_tracker, domain, clinic_open
):
    tracker = in_thread(make_tracker, None, "faq", "faq/unknown_product", text="can i put ice on my face after it?")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_remedy_in_emergency" not in responses(dispatcher)


async def test_what_999_is_asked_in_the_emergency_thread_keeps_the_thread(dispatcher, make_tracker, domain, clinic_open):
    # play-test 46: "what do i tell the ambulance" got what 999 is, and the thread ended there: "can she take an
    # antihistamine?" next got the suitability answer and the offer to book, mid-emergency
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/emergency_explained", text="what do i tell the ambulance")
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_explained"]
    assert SlotSet("last_topic", "emergency") in events
    # with the clinic's help offered, on which the rules keep the thread (play-test 65: "they ask what cream they put on
    # her face" next got "did you mean", and "should she lie down?" "Sorry, I can't help with that")
    assert SlotSet("offer", "clinic") in events
    # asked with no emergency before it, it is a topic of its own
    dispatcher.messages.clear()
    tracker = in_thread(make_tracker, None, "faq", "faq/emergency_explained", text="is 999 the ambulance number")
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert SlotSet("last_topic", "emergency_explained") in events


@pytest.mark.parametrize("level, triage, expected", [
    # play-test 32: "999 seems a bit much?? breathing fine i think. could i just drive myself to A&E" after the emergency
    # answer got the off-guide answer about driving after a treatment, and the thread ended ("breathing fine")
    ("emergency", {"level": None, "well": True, "instead_of_999": True},
     ["utter_faq/emergency", "utter_emergency_not_by_car"]),
    # the sign and the drive in one message
    (None, {"level": "emergency", "instead_of_999": True}, ["utter_faq/emergency", "utter_emergency_not_by_car"]),
    # after any other answer, no 999
    ("urgent", {"level": None, "instead_of_999": True}, ["utter_safety_route_reminder", "utter_faq/unknown_activity"]),
])
async def test_emergency_help_put_off_is_999_again_and_not_by_car(dispatcher, make_tracker, domain, clinic_open, level,
                                                                  triage, expected):
    tracker = in_thread(make_tracker, level, "faq", "faq/unknown_activity",
                        text="999 seems a bit much?? could i just drive myself to A&E")
    tracker.latest_message["triage"] = triage
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    if level != "urgent":
        assert SlotSet("last_topic", "emergency") in events


async def test_111_asked_about_instead_of_999_is_999_again(dispatcher, make_tracker, domain, clinic_open):
    # play-test 62: "ok what about 111 instead, is that ok? shes really against going to a&e at midnight" after blurred
    # vision got what NHS 111 is, with 999 for the lips and breathing alone
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/route_explained",
                        text="ok what about 111 instead, is that ok? shes really against going to a&e at midnight")
    tracker.latest_message["triage"] = {"level": None, "instead_of_999": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency", "utter_emergency_not_111"]


async def test_beside_a_safety_answer_the_thread_stays_with_it(dispatcher, make_tracker, domain, clinic_open):
    # found by the sixteenth play-test: the expected reaction's answer, then the other question's
    tracker = make_tracker(
        intent="faq", text="a bit red today. also im breastfeeding, is that a problem",
        questions=[{"intent_response_key": "faq/expected_reaction"}, {"intent_response_key": "faq/suitability"}],
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/expected_reaction", "utter_faq/suitability"]
    assert SlotSet("last_topic", "expected_reaction") in events and SlotSet("offer", "clinic") in events


@pytest.mark.parametrize("text, expected", [
    # found by the fifteenth and seventeenth play-tests: stopping an anticoagulant got the suitability answer alone
    ("should i just stop taking my warfarin for a few days before so i dont bleed much?",
     ["utter_medicine_not_on_your_own", "utter_faq/suitability"]),
    ("I'm on warfarin, is that a problem?", ["utter_faq/suitability"]),
    # play-test 83: a shop-bought retinol is no prescribed medicine ("talk to the doctor who prescribed it")
    ("should i stop the retinol BEFORE wednesday too?", ["utter_faq/suitability"]),
    # ... unless it is said to be prescribed
    ("should i stop the retinol my dermatologist prescribed?", ["utter_medicine_not_on_your_own", "utter_faq/suitability"]),
    # play-test 140: stopping breastfeeding is no medicine stopped
    ("ok and how long should i wait after stopping breastfeeding before i can have it?", ["utter_faq/suitability"]),
    # play-test 192: the treatment's numbing cream left out is no medicine stopped
    ("what? im not on any medicine. i asked if skipping the numbing cream makes it ok", ["utter_faq/suitability"]),
    # play-test 193: going on with it, asked (NHS 111 now, then whether it helps with hands)
    ("i asked if i keep using my steroid cream as normal until they call",
     ["utter_medicine_not_on_your_own", "utter_faq/suitability"]),
])
async def test_stopping_a_medicine_is_never_on_ones_own(dispatcher, make_tracker, domain, text, expected):
    entities = [{"entity": "unknown_product", "value": "retinol"}] if "retinol" in text else []
    tracker = make_tracker(intent="faq", text=text, entities=entities,
                           response_selector=selected_answer("faq/suitability"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, key, last_topic, expected", [
    # an answer that gives no time, asked how long: first that the guide gives none, then what it says
    ("how long is the consultation?", "faq/consultation", None, ["utter_no_time_in_the_guide", "utter_faq/consultation"]),
    ("how soon does the numbing cream work", "faq/preparation", None,
     ["utter_no_time_in_the_guide", "utter_faq/preparation"]),
    # the aftercare answer's weeks are when results show, not how long to keep out of the sun (nineteenth play-test)
    ("how long do i have to avoid the sun after", "faq/aftercare", None,
     ["utter_no_time_in_the_guide", "utter_faq/aftercare"]),
    # an answer that gives a time: as it is
    ("how long does it take?", "faq/duration", None, ["utter_faq/duration"]),
    ("how long will i be red for", "faq/downtime", None, ["utter_faq/downtime"]),
    # not asked how long: as it is
    ("what happens at the consultation?", "faq/consultation", None, ["utter_faq/consultation"]),
    # "and how long does that take?" after the consultation answer: the line instead of "On that, …"
    ("and how long does that take?", "faq/about_that", "consultation",
     ["utter_no_time_in_the_guide", "utter_faq/consultation"]),
    # … and after an answer that gives a time, "On that, …" as before
    ("and how long does that take?", "faq/about_that", "results", ["utter_faq/about_that", "utter_faq/results"]),
])
async def test_asked_how_long_an_answer_with_no_time_says_the_guide_gives_none(
    dispatcher, make_tracker, domain, text, key, last_topic, expected
):
    await answer(dispatcher, make_tracker, domain, text=text, slots={"last_topic": last_topic},
                 response_selector=selected_answer(key))
    assert responses(dispatcher) == expected


async def test_only_the_question_asking_how_long_gets_the_line(dispatcher, make_tracker, domain):
    text = "what is it exactly, and how long is the consultation"
    await answer(
        dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/what_is"),
        questions=asked(text, ("what is it exactly", "faq/what_is"), ("how long is the consultation", "faq/consultation")),
    )
    assert responses(dispatcher) == ["utter_faq/what_is", "utter_no_time_in_the_guide", "utter_faq/consultation"]


@pytest.mark.parametrize("text, expected", [
    ("is the clinic step free / wheelchair accessible?", ["utter_no_access_details", "utter_faq/clinic_info"]),
    ("is there parking near you", ["utter_no_access_details", "utter_faq/clinic_info"]),
    ("where are you based?", ["utter_faq/clinic_info"]),
    # play-test 35: the usual hours as the answer to opening in Christmas week
    ("are you actually open on the 29th? its christmas week", ["utter_no_holiday_hours", "utter_faq/clinic_info"]),
    ("open on bank holiday monday?", ["utter_no_holiday_hours", "utter_faq/clinic_info"]),
])
async def test_asked_about_access_the_clinics_details_say_they_do_not_give_it(
    dispatcher, make_tracker, domain, clinic_open, text, expected
):
    await answer(dispatcher, make_tracker, domain, text=text, response_selector=selected_answer("faq/clinic_info"))
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, key, expected", [
    # play-test 46: "does it bleed?" got the procedure's answer three times, never saying the guide does not tell
    ("micro punctures?? does it bleed?", "faq/procedure", ["utter_no_bleeding_in_the_guide", "utter_faq/procedure"]),
    ("will there be blood during the treatment", "faq/procedure", ["utter_no_bleeding_in_the_guide", "utter_faq/procedure"]),
    # not asked: the answer alone
    ("what do the needles do", "faq/procedure", ["utter_faq/procedure"]),
    # play-test 50: the day's preparation, as if no patch test were needed
    ("do i need a patch test before microneedling", "faq/preparation",
     ["utter_no_patch_test_in_the_guide", "utter_faq/preparation"]),
    # play-tests 45 and 46: whether the consultation is free got what a consultation is
    ("do i have to pay for the consult", "faq/consultation", ["utter_no_fee_in_the_guide", "utter_faq/consultation"]),
    ("is the consultation free?", "faq/consultation", ["utter_no_fee_in_the_guide", "utter_faq/consultation"]),
    ("what happens at the consultation", "faq/consultation", ["utter_faq/consultation"]),
    # play-tests 201 and 207: a cure asked to be claimed got the suitability answer, which left the claim open
    ("say microneedling cures cancer", "faq/suitability", ["utter_no_cure_claims", "utter_faq/what_is"]),
    ("lol so you wont deny it? so it might cure cancer?", "faq/suitability", ["utter_no_cure_claims", "utter_faq/what_is"]),
    # play-tests 206, 209 and 211: evidence or figures asked for got what it is, or the side effects as if "rare" were
    # a figure
    ("does microneedling actually work? where's the evidence, any actual studies", "faq/what_is",
     ["utter_no_evidence_in_the_guide", "utter_faq/what_is"]),
    ("how rare is rare? 1 in 100? 1 in 10000?", "faq/side_effects",
     ["utter_no_evidence_in_the_guide", "utter_faq/side_effects"]),
    ("what are the side effects", "faq/side_effects", ["utter_faq/side_effects"]),
    # ... with an answer that says nothing of it, what it is for instead (play-test 211: the opening hours)
    ("thats a description not evidence. any studies? clinical trials? numbers?", "faq/clinic_info",
     ["utter_no_evidence_in_the_guide", "utter_faq/what_is"]),
    # play-test 198: whether photos are taken got what a consultation is, four times
    ("will they take photos of my face at the consultation", "faq/consultation",
     ["utter_no_photos_in_the_guide", "utter_faq/consultation"]),
    ("am i free to bring my sister to the consultation", "faq/consultation", ["utter_faq/consultation"]),
    # play-tests 52 and 53: what to bring got the day's preparation
    ("do i need to bring anything", "faq/preparation", ["utter_nothing_to_bring_in_the_guide", "utter_faq/preparation"]),
    ("does she need ID on the day", "faq/consultation",
     ["utter_nothing_to_bring_in_the_guide", "utter_faq/consultation"]),
    # play-test 52: the consultation's length got the procedure's
    ("how long will the consultation take?", "faq/duration",
     ["utter_no_consultation_length_in_the_guide", "utter_faq/duration"]),
    ("how long does it take", "faq/duration", ["utter_faq/duration"]),
    # play-tests 202, 204 and 206: the whole visit's length got the procedure's alone, three times
    ("so how long is the whole visit then, all together? i need to arrange a lift", "faq/duration",
     ["utter_no_visit_length_in_the_guide", "utter_faq/duration"]),
    ("lovely. and how long does the whole appointment take altogether, start to finish?", "faq/duration",
     ["utter_no_visit_length_in_the_guide", "utter_faq/duration"]),
    # play-test 222: "door to door", then "the whole visit, with the numbing cream", read as whether it hurts
    ("how long is the actual appointment? like door to door, not just the needling bit", "faq/duration",
     ["utter_no_visit_length_in_the_guide", "utter_faq/duration"]),
    ("thats literally what i said i didnt want. the whole visit, with the numbing cream etc", "faq/pain",
     ["utter_no_visit_length_in_the_guide", "utter_faq/duration"]),
    # play-test 53: pain afterwards got the numbing cream's answer
    ("AFTER. does it hurt afterwards", "faq/pain", ["utter_pain_afterwards", "utter_faq/pain"]),
    ("does it hurt", "faq/pain", ["utter_faq/pain"]),
    ("does it still hurt after the numbing cream is on", "faq/pain", ["utter_faq/pain"]),
    # play-test 57: "it is put on first", as if certain, where the guide's steps say it may be
    ("is numbing cream always used or only sometimes", "faq/pain", ["utter_numbing_cream_in_the_guide", "utter_faq/pain"]),
    ("do you use numbing cream", "faq/pain", ["utter_faq/pain"]),
    # play-tests 162 and 163: the nearest answer, as if it said what was asked
    ("yeah but like spf 30 or 50? i have 30 at home", "faq/aftercare",
     ["utter_no_spf_number_in_the_guide", "utter_faq/aftercare"]),
    ("is spf 30 high enough after microneedling", "faq/aftercare",
     ["utter_no_spf_number_in_the_guide", "utter_faq/aftercare"]),
    ("do i need sunscreen after", "faq/aftercare", ["utter_faq/aftercare"]),
    ("does the numbing cream hurt", "faq/pain", ["utter_no_cream_feeling_in_the_guide", "utter_faq/pain"]),
    ("no i mean the cream itself, does putting it on sting?", "faq/pain",
     ["utter_no_cream_feeling_in_the_guide", "utter_faq/pain"]),
    ("how long before an event should you have it", "faq/duration",
     ["utter_no_event_timing_in_the_guide", "utter_faq/duration"]),
    # play-test 255: whether it fits before a wedding or a beach holiday got the consultation's answer, twice
    ("my brothers wedding is on the 26th, would i be ok to get it done next week or is that cutting it fine?",
     "faq/suitability", ["utter_no_event_timing_in_the_guide", "utter_faq/downtime"]),
    ("going to see family in 2 weeks, beach etc. is that a problem if i get it done before?", "faq/suitability",
     ["utter_no_event_timing_in_the_guide", "utter_faq/downtime"]),
    ("is it a problem if i get it done on my neck?", "faq/suitability", ["utter_faq/suitability"]),
    # play-test 254: the treatment day's cleansing, and the treatment's length, as if they were the consultation's
    ("thanks! for the consultation do i need to come without makeup on or doesnt it matter", "faq/preparation",
     ["utter_no_consultation_preparation_in_the_guide", "utter_faq/consultation"]),
    ("no i mean how long is the appointment on friday, the consultation. half hour? hour?", "faq/duration",
     ["utter_no_consultation_length_in_the_guide", "utter_faq/duration"]),
    ("do i need to come without makeup on the day of the treatment", "faq/preparation", ["utter_faq/preparation"]),
    # play-test 255: a walk-in asked about got the treatment's length
    ("ok. could I just pop in tomorrow on my lunch break and have a chat with someone?", "faq/duration",
     ["utter_no_walk_ins_in_the_guide", "utter_faq/clinic_info"]),
    ("do you take walk ins", "faq/clinic_info", ["utter_no_walk_ins_in_the_guide", "utter_faq/clinic_info"]),
    # play-test 257: what it does, as if it were the better one
    ("ok which is better for acne scars then", "faq/results", ["utter_no_comparison_in_the_guide", "utter_faq/results"]),
    ("is it better than laser for scars", "faq/what_is", ["utter_no_comparison_in_the_guide", "utter_faq/what_is"]),
    ("does it work for acne scars", "faq/results", ["utter_faq/results"]),
    # (a question of another answer that compares is that answer's)
    ("how long does it take compared to a facial", "faq/duration", ["utter_faq/duration"]),
    # play-test 259: the privacy notice
    ("yes agree. will they def be able to give me a woman tho?", "faq/privacy",
     ["utter_no_practitioner_choice", "utter_faq/provider"]),
    ("can i have a female practitioner please", "faq/provider", ["utter_no_practitioner_choice", "utter_faq/provider"]),
    ("can i get my tummy and thighs done on the same day", "faq/sessions",
     ["utter_no_areas_together_in_the_guide", "utter_faq/sessions"]),
    # play-test 174: "the whole course" got one session's length, twice
    ("sorry i meant how long does the whole course take, start to finish", "faq/duration",
     ["utter_no_course_length_in_the_guide", "utter_faq/sessions"]),
    # play-test 174: "will i bleed?" read as the appointment's length, twice; several areas read as whether it helps
    ("30 mins to an hour of needles omg. will i bleed?", "faq/duration",
     ["utter_no_bleeding_in_the_guide", "utter_faq/procedure"]),
    ("would doing stomach and arms in one go make the session longer?", "faq/unknown_area",
     ["utter_no_areas_together_in_the_guide", "utter_faq/duration"]),
    # ... never in place of a safety answer or the consultation's, nor the price ("how much for the whole course?")
    ("will i bleed more because im pregnant", "faq/suitability", ["utter_faq/suitability"]),
    ("and how much is it? per session or for the whole course", "faq/price", ["utter_faq/price"]),
    # play-test 175: "is that per area?" got the sessions answer three times
    ("omg. face and neck. do they count as separate areas for the number of sessions??", "faq/sessions",
     ["utter_no_areas_together_in_the_guide", "utter_faq/sessions"]),
    ("how many sessions will i need", "faq/sessions", ["utter_faq/sessions"]),
    ("ok is the consultation at least free", "faq/consultation",
     ["utter_no_fee_in_the_guide", "utter_faq/consultation"]),
    # play-tests 162 and 165: the price answer, the way to pay never answered
    ("can i pay by card", "faq/price", ["utter_no_payment_details", "utter_faq/price"]),
    ("thx. last thing do you take apple pay or contactless", "faq/price", ["utter_no_payment_details", "utter_faq/price"]),
    ("how much is it", "faq/price", ["utter_faq/price"]),
    # play-test 184: time off work got the reaction's words, as if they said
    ("u didnt say about work tho. would i need a day off or can i go in next day", "faq/downtime",
     ["utter_no_time_off_in_the_guide", "utter_faq/downtime"]),
    ("how long does the redness last", "faq/downtime", ["utter_faq/downtime"]),
    # play-test 183: a student discount got the price answer, and "nus card" the payment details; money back if it
    # does not work got the price answer twice
    ("do u do a student discount tho? like with unidays or nus card", "faq/price",
     ["utter_no_discounts", "utter_faq/price"]),
    ("what if i do the whole course and it doesnt work, do i get money back", "faq/price",
     ["utter_no_refund_policy", "utter_faq/price"]),
    ("and if it doesn't work for me, can i get a refund?", "faq/results",
     ["utter_no_refund_policy", "utter_faq/results"]),
    # play-test 170: "and is that including the numbing cream time or on top?" got the treatment's pain
    ("and is that including the numbing cream time or on top?", "faq/pain",
     ["utter_no_cream_time_in_the_guide", "utter_faq/pain"]),
    ("is the 30 mins to an hour with the cream time or is the cream extra", "faq/duration",
     ["utter_no_cream_time_in_the_guide", "utter_faq/duration"]),
    # play-tests 172 and 173: the cream's time asked got side effects, results, the procedure's length
    ("hmm ok. and the numbing cream, how long does that take to work? do i have to get there early for it",
     "faq/side_effects", ["utter_no_cream_time_in_the_guide", "utter_faq/side_effects"]),
    ("and the numbing cream, how long does it stay on?", "faq/duration",
     ["utter_no_cream_time_in_the_guide", "utter_faq/duration"]),
    # play-test 171: "does ur clinic even do lasers and peels" got what the guide says of comparing treatments
    ("does ur clinic even do lasers and peels or just microneedling?", "faq/unknown_treatment",
     ["utter_no_other_treatments_in_the_guide", "utter_faq/unknown_treatment"]),
    # play-test 170: "can someone just email me a price list" got the price answer, as if it were a yes
    ("ok can someone just email me a price list then? its tom@example.com", "faq/price",
     ["utter_no_price_list", "utter_faq/price"]),
    ("can you pass my email on so the clinic sends me their prices", "faq/clinic_info",
     ["utter_no_price_list", "utter_faq/clinic_info"]),
])
async def test_asked_about_bleeding_the_answer_says_the_guide_does_not_tell(
    dispatcher, make_tracker, domain, clinic_open, text, key, expected
):
    await answer(dispatcher, make_tracker, domain, text=text, response_selector=selected_answer(key))
    assert responses(dispatcher) == expected


async def test_a_personal_factor_before_an_event_is_for_the_consultation(dispatcher, make_tracker, domain, clinic_open):
    await answer(dispatcher, make_tracker, domain, text="im pregnant, would i be ok to get it done before my wedding?",
                 response_selector=selected_answer("faq/suitability"),
                 entities=[{"entity": "suitability_factor", "value": "pregnant"}])
    assert responses(dispatcher) == ["utter_faq/suitability"]


async def test_it_in_a_question_is_what_the_question_before_it_ended_on(dispatcher, make_tracker, domain, clinic_open):
    # play-test 171: "What actually happens at the consultation? How long does it take" got the treatment's length, as
    # if it were the consultation's
    text = "What actually happens at the consultation? How long does it take"
    tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/consultation"),
                           questions=[{"intent_response_key": "faq/consultation",
                                       "text": "What actually happens at the consultation?"},
                                      {"intent_response_key": "faq/duration", "text": "How long does it take"}])
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/consultation", "utter_no_consultation_length_in_the_guide",
                                     "utter_faq/duration"]


@pytest.mark.parametrize("at, opens", [
    ("2026-12-03T22:00:00+00:00", "tomorrow at 09:00"),  # a Thursday night
    ("2026-12-05T17:00:00+00:00", "on Monday at 09:00"),  # Saturday after closing: Sunday is closed
    ("2026-12-07T07:30:00+00:00", "today at 09:00"),  # a Monday before opening
])
async def test_while_the_clinic_is_closed_its_details_say_so_and_when_it_opens(
    dispatcher, make_tracker, domain, monkeypatch, at, opens
):
    # found by the twenty-first play-test: "are you open right now? can i ring" got the week's hours and no answer
    monkeypatch.setenv("CLINIC_NOW", at)
    await answer(dispatcher, make_tracker, domain, text="are you open right now?",
                 response_selector=selected_answer("faq/clinic_info"))
    assert responses(dispatcher) == ["utter_faq/clinic_info_closed"]
    assert dispatcher.messages[0]["opens"] == opens


@pytest.mark.parametrize("kind, key, level, expected, paused", [
    # found by the eighteenth play-test: infection signs given as what a call back is about: the route first, then
    # they are what the call is about, and the request goes on (no pause, no offer that would hold the thread)
    ("call_back", "faq/urgent", "urgent", ["utter_faq/urgent", "utter_booking_concern_after_a_route"], False),
    (None, "faq/expected_reaction", "expected",
     ["utter_faq/expected_reaction", "utter_booking_concern_after_a_route"], False),
    # an emergency pauses the request, as before
    ("call_back", "faq/emergency", "emergency", ["utter_faq/emergency"], True),
    # play-test 115: after NHS 111 now for stinging that got worse, the same stinging as a call back's topic got the
    # expected reaction's answer and "follow the advice above": never lower than the route given before
    ("call_back/urgent", "faq/expected_reaction", "expected", ["utter_faq/urgent", "utter_booking_concern_after_a_route"],
     False),
])
async def test_something_happening_given_as_the_concern_gets_its_route_and_the_request_goes_on(
    dispatcher, make_tracker, domain, clinic_open, kind, key, level, expected, paused
):
    tracker = at_the_concern_prompt(make_tracker, "possible infection after my treatment on monday, hot red skin", key,
                                    triage={"level": level, "after_treatment": True})
    kind, _, given = (kind or "").partition("/")
    tracker.slots["request_kind"] = kind or None
    tracker.slots["last_topic"] = given or tracker.slots.get("last_topic")
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[: len(expected)] == expected
    assert ("utter_safety_booking_paused" in responses(dispatcher)) is False  # said by the rules' pause, if at all
    offers = [event["value"] for event in events if event.get("name") == "offer"]
    assert offers == (["clinic"] if paused else [None])


@pytest.mark.parametrize("entities, paused", [
    # play-test 157: the request's details listed with what it is about, at the name prompt, after the route was given:
    # the route, and the request goes on with each detail
    ([{"entity": "person", "value": "Chloe Barnes"}, {"entity": "phone", "value": "07700 900 233"},
      {"entity": "time", "value": "tomorrow morning"}], False),
    # no details listed: paused, as before
    ([], True),
])
async def test_the_details_of_a_request_listed_with_a_report_go_on_after_its_route(
    dispatcher, make_tracker, domain, clinic_open, entities, paused
):
    from actions.answers import detail_given_with_a_question

    text = "Chloe Barnes, 07700 900 233, tomorrow morning if poss. its about the dark patches since my treatment"
    tracker = make_tracker(intent="faq", text=text, active_loop=FORM, entities=entities,
                           slots={"requested_slot": "booking_name", "request_kind": "call_back"},
                           response_selector=selected_answer("faq/urgent"),
                           parse_data={"asks": False, "triage": {"level": "urgent", "after_treatment": True}})
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    offers = [event["value"] for event in events if event.get("name") == "offer"]
    assert offers == (["clinic"] if paused else [None])
    if not paused:
        assert detail_given_with_a_question(tracker) == {
            "booking_name": "Chloe Barnes", "booking_contact": "07700 900 233", "booking_time": "tomorrow morning"}


@pytest.mark.parametrize("active_loop, offer_kept", [(None, True), ("booking_form", False)])
async def test_a_question_beside_a_bot_challenge_is_answered_after_it(
    dispatcher, make_tracker, domain, active_loop, offer_kept
):
    # "is this a real human? whats the downtime": the downtime was dropped (found while checking the play-tests' "parts
    # of a message dropped")
    from actions.answers import ActionAnswerAlongside

    text = "is this a real human? whats the downtime"
    tracker = make_tracker(intent="bot_challenge", text=text, active_loop=active_loop,
                           questions=asked(text, ("whats the downtime", "faq/downtime")))
    events = await ActionAnswerAlongside().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/downtime"]
    assert SlotSet("last_topic", "downtime") in events
    assert any(event.get("name") == "offer" for event in events) is offer_kept


@pytest.mark.parametrize("intent, text, questions, expected", [
    # "yes hello, how long does it take?" with nothing asked before: the question (it was "What would you like to
    # know?", the question dropped)
    ("affirm", "yes hello, how long does it take?", [("how long does it take?", "faq/duration")], ["utter_faq/duration"]),
    ("deny", "no, but how long does it take?", [("but how long does it take?", "faq/duration")], ["utter_faq/duration"]),
    # alone: what a yes or a no gets
    ("affirm", "yes", [], ["utter_how_can_i_help"]),
    ("deny", "no thanks", [], ["utter_nothing_to_cancel"]),
])
async def test_a_yes_or_no_to_nothing_asked_answers_the_question_beside_it(dispatcher, make_tracker, domain, intent,
                                                                         text, questions, expected):
    from actions.answers import ActionAnswerBesideAYesOrNo

    tracker = make_tracker(intent=intent, text=text, questions=asked(text, *questions) if questions else None)
    await ActionAnswerBesideAYesOrNo().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_a_bot_challenge_alone_gets_nothing_more(dispatcher, make_tracker, domain):
    from actions.answers import ActionAnswerAlongside

    tracker = make_tracker(intent="bot_challenge", text="are you a bot")
    assert await ActionAnswerAlongside().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == []


@pytest.mark.parametrize("last_topic, expected", [
    # found by the twentieth play-test: after the sessions answer, the sessions answer again ("On that, …")
    ("sessions", ["utter_faq/unknown_longevity"]),
    ("results", ["utter_faq/unknown_longevity"]),
    # play-test 171: after "the guide doesn't say whether it helps with sagging skin", "I can only say again …"
    ("unknown_area", ["utter_faq/unknown_longevity"]),
    # after the redness answer it asks how long the redness lasts, which that answer says
    ("downtime", ["utter_faq/about_that", "utter_faq/downtime"]),
])
async def test_how_long_it_lasts_after_an_answer_that_does_not_say_is_the_guides_silence_on_it(
    dispatcher, make_tracker, domain, last_topic, expected
):
    tracker = make_tracker(intent="faq", text="and how long does it last?", slots={"last_topic": last_topic},
                           response_selector=selected_answer("faq/duration", 0.8))
    tracker.latest_message["aspect_only"] = True
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_a_part_of_question_words_alone_is_about_the_last_answer(dispatcher, make_tracker, domain):
    # found by the twenty-first play-test: "for how long?" after the privacy answer got the appointment's length first
    text = "what do you mean keep them, for how long? who sees them"
    questions = asked(text, ("what do you mean keep them, for how long?", "faq/duration"), ("who sees them", "faq/privacy"))
    questions[0]["aspect_only"] = True  # as if "for how long?" were its own part
    tracker = make_tracker(intent="faq", text=text, slots={"last_topic": "privacy"}, questions=questions,
                           response_selector=selected_answer("faq/duration"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/privacy"]


@pytest.mark.parametrize("asks, level, answered", [
    (False, None, False),  # the time asked for, and no question: the form takes it
    (True, None, True),  # a question with it is answered
    (False, "urgent", True),  # something happening named: its route, always
])
async def test_the_detail_asked_for_said_with_no_question_is_no_question(
    dispatcher, make_tracker, domain, clinic_open, asks, level, answered
):
    # found by the twenty-second play-test: "today after 5 if poss, im at work before that" got the off-guide answer
    # about work after a treatment before the form took the time
    tracker = make_tracker(
        intent="faq", text="today after 5 if poss, im at work before that", active_loop="booking_form",
        slots={"requested_slot": "booking_time"}, entities=[{"entity": "time", "value": "today after 5"}],
        response_selector=selected_answer("faq/urgent" if level else "faq/unknown_activity"),
    )
    tracker.latest_message["asks"] = asks
    tracker.latest_message["triage"] = {"level": level, "signs": ["x"] if level else []}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert bool(responses(dispatcher)) is answered


@pytest.mark.parametrize("key, signs, answered", [
    # play-test 71: a time read as something happening after a treatment, with no sign in it: the time
    ("faq/complication", [], False),
    # a sign named beside it, or another answer to a question asked with it: answered, as ever
    ("faq/complication", ["x"], True),
    ("faq/unknown_activity", [], True),
])
async def test_a_time_read_only_as_unclear_at_the_time_prompt_is_the_time(
    dispatcher, make_tracker, domain, clinic_open, key, signs, answered
):
    tracker = make_tracker(
        intent="faq", text="whenever its due, so 4-5 weeks after yesterday? an afternoon pls", active_loop="booking_form",
        slots={"requested_slot": "booking_time"}, entities=[{"entity": "time", "value": "afternoon"}],
        response_selector=selected_answer(key),
    )
    tracker.latest_message["asks"] = True
    tracker.latest_message["triage"] = {"level": "urgent" if signs else None, "signs": signs}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert bool(responses(dispatcher)) is answered


async def test_question_words_alone_after_a_part_of_the_same_message_ask_of_that_part(dispatcher, make_tracker, domain):
    # found by the twenty-second play-test: "how long is it" got another answer than the consultation's
    text = "what happens at the consultation, how long is it, and is it free?"
    questions = asked(text, ("what happens at the consultation", "faq/consultation"), ("how long is it", "faq/duration"),
                      ("is it free?", "faq/price"))
    questions[1]["aspect_only"] = True
    tracker = make_tracker(intent="faq", text=text, slots={"last_topic": "suitability"}, questions=questions,
                           response_selector=selected_answer("faq/consultation"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    # the consultation once, said not to give a time, then the price
    assert responses(dispatcher) == ["utter_no_time_in_the_guide", "utter_faq/consultation", "utter_faq/price"]


async def test_how_long_they_last_after_the_side_effects_is_the_side_effects(dispatcher, make_tracker, domain):
    # found while checking play-test 28's fixes: "any side effects / and how long do they last" got "the guide doesn't
    # say how long results last"
    text = "any side effects\nand how long do they last"
    questions = asked(text, ("any side effects", "faq/side_effects"), ("and how long do they last", "faq/unknown_longevity"))
    questions[1]["aspect_only"] = True
    tracker = make_tracker(intent="faq", text=text, questions=questions,
                           response_selector=selected_answer("faq/side_effects"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/side_effects"]


async def test_a_detail_given_with_something_the_booking_pauses_for_is_kept(dispatcher, make_tracker, domain, clinic_open):
    # found by browser play-test 4: "leo.grant@example.com. oh and is it normal that i have a few tiny scabs?" paused
    # the booking and dropped the email
    tracker = make_tracker(
        intent="faq", text="leo.grant@example.com. oh and is it normal that i have a few tiny scabs? treatment was tuesday",
        active_loop="booking_form", slots={"requested_slot": "booking_contact"},
        entities=[{"entity": "email", "value": "leo.grant@example.com"}],
        response_selector=selected_answer("faq/urgent"),
    )
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["scab*"]}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert SlotSet("offer", "clinic") in events
    assert SlotSet("booking_contact", "leo.grant@example.com") in events


@pytest.mark.parametrize("kind, text, asks, level, given", [
    # found by the twenty-second and twenty-third play-tests: a call back's topic answered as a question, in a loop
    ("call_back", "gift vouchers for my wife", False, None, True),
    ("call_back", "which device you use", True, None, True),
    # a consultation's concern is still the skin; and anything happening gets its route first
    (None, "which device you use", True, None, False),
    ("call_back", "my face is swollen and hot since yesterday", False, "urgent", False),
])
def test_what_a_call_back_is_about_is_whatever_is_said(make_tracker, kind, text, asks, level, given):
    tracker = make_tracker(intent="faq", text=text, active_loop="booking_form",
                           slots={"requested_slot": "booking_concern", "request_kind": kind},
                           response_selector=selected_answer("faq/unknown_device"))
    tracker.latest_message["asks"] = asks
    tracker.latest_message["triage"] = {"level": level}
    assert concern_given(tracker) is given


@pytest.mark.parametrize("text, asks, given", [
    # play-test 146: a worry that asks nothing, which the classifier answers with the warning signs, is the call's topic
    ("just want to talk it through first, im nervous about needles and fainting", False, True),
    # asked as a question, it is answered
    ("what should i look out for after it", True, False),
])
def test_a_worry_about_signs_is_what_a_call_back_is_about(make_tracker, text, asks, given):
    tracker = make_tracker(intent="faq", text=text, active_loop="booking_form",
                           slots={"requested_slot": "booking_concern", "request_kind": "call_back"},
                           response_selector=selected_answer("faq/warning_signs"))
    tracker.latest_message["asks"] = asks
    tracker.latest_message["triage"] = {"level": None}
    assert concern_given(tracker) is given


def test_a_button_at_a_call_backs_topic_prompt_is_no_concern(make_tracker):
    # found by play-test 25: "Aftercare" pressed there made the concern '/faq{"topic": "aftercare"}'
    tracker = make_tracker(
        intent="faq", text='/faq{"topic": "aftercare"}', active_loop=FORM,
        slots={"requested_slot": "booking_concern", "request_kind": "call_back"},
        response_selector=selected_answer("faq/aftercare"),
    )
    assert not concern_given(tracker)
    tracker = make_tracker(
        intent="faq", text="gift vouchers for my wife", active_loop=FORM,
        slots={"requested_slot": "booking_concern", "request_kind": "call_back"},
        response_selector=selected_answer("faq/unknown_other"),
    )
    assert concern_given(tracker)


@pytest.mark.parametrize("text, entities, expected", [
    # found by play-tests 24 and 25: answered as a question, or nothing changed
    ("and my arms too, they have stretch marks as well", ["unknown_area"],
     "acne scars, and my arms too, they have stretch marks as well"),
    ("actually add my neck and decolletage - sun damage. and the name is spelt Zahra not Zara", ["treatment_area"],
     "acne scars, and add my neck and decolletage - sun damage"),
    ("put face and neck in there too", ["treatment_area"], "acne scars, and put face and neck in there too"),
    ("does it work on my neck too?", ["treatment_area"], None),  # a question
    ("my neck is fine", ["treatment_area"], None),  # nothing added
    ("add a note that my neck is sensitive too", ["treatment_area", "note"], None),  # a note, taken as one
    # play-test 37: the concern became "well"
    ("add neck to the concern as well please", ["treatment_area"], "acne scars, and neck"),
])
def test_what_a_statement_at_the_summary_adds_to_the_concern(make_tracker, text, entities, expected):
    from actions.answers import added_to_the_concern

    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM,
                           slots={"requested_slot": "booking_confirmed", "booking_concern": "acne scars"},
                           entities=[{"entity": entity, "value": "x"} for entity in entities])
    assert added_to_the_concern(tracker, text) == expected


def test_only_the_sentence_that_adds_goes_into_the_concern(make_tracker):
    # found by play-test 27: the whole message, a new day and a spelling with it, became the concern
    from actions.answers import added_to_the_concern

    text = "no not wednesday, thursday is better, same time. and Connell is spelt with two n, just checking. add my neck too"
    at = text.index("neck")
    tracker = make_tracker(intent="correct_booking", text=text, active_loop=FORM,
                           slots={"requested_slot": "booking_confirmed", "booking_concern": "acne scarring on my cheeks"},
                           entities=[{"entity": "treatment_area", "value": "neck", "start": at, "end": at + 4}])
    assert added_to_the_concern(tracker, text) == "acne scarring on my cheeks, and add my neck too"


@pytest.mark.parametrize("asked", ["booking_confirmed", "booking_consent"])
async def test_the_concern_dictated_at_the_summary_with_a_sign_is_changed_after_the_route(
        dispatcher, make_tracker, domain, clinic_open, asked):
    # play-test 28: "the concern bit is cut off, it should say yellow crust on chin, …" paused the request, and the
    # change was lost; play-test 161 likewise at the consent question before it
    said = "yellow crust on chin, hot, redness spreading to neck, feeling shivery, treated monday"
    text = f"the concern bit is cut off, it should say {said}. and why 2.30 i said asap"
    tracker = make_tracker(
        intent="faq", text=text, active_loop="booking_form", response_selector=selected_answer("faq/urgent"),
        entities=[{"entity": "booking_field", "value": "booking_concern"},
                  {"entity": "concern", "value": said, "start": text.index(said), "end": text.index(said) + len(said)}],
        slots={"requested_slot": asked, "booking_name": "Marcus Bell", "booking_contact": "+447456789012",
               "booking_concern": "chin and it feels hot", "booking_consent": True},
    )
    tracker.latest_message["triage"] = {"level": "urgent"}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/urgent"
    assert SlotSet("booking_concern", said) in events and SlotSet("booking_confirmed", None) in events
    assert SlotSet("offer", "clinic") not in events  # the booking goes on: the rules pause it on this offer


async def test_the_concern_given_anew_at_the_summary_beside_a_suitability_answer_is_changed(
        dispatcher, make_tracker, domain):
    # play-test 40: the suitability answer alone, and the concern left as "arms"
    said = "acne scarring on my cheeks and chin"
    text = f"no, the arms were where I got hives from the lidocaine years ago. the concern is {said}"
    tracker = make_tracker(
        intent="faq", text=text, active_loop="booking_form", response_selector=selected_answer("faq/suitability"),
        entities=[{"entity": "booking_field", "value": "booking_concern"},
                  {"entity": "suitability_factor", "value": "lidocaine"},
                  {"entity": "concern", "value": said, "start": text.index(said), "end": text.index(said) + len(said)}],
        slots={"requested_slot": "booking_confirmed", "booking_name": "Graham Whitlock",
               "booking_contact": "g@example.org", "booking_concern": "arms", "booking_consent": True},
    )
    tracker.latest_message["triage"] = {"level": None}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/suitability"
    assert SlotSet("booking_concern", said) in events


@pytest.mark.parametrize("text, expected", [
    # play-test 29: hours after anaphylaxis, the expected reaction's words three times
    ("its swelling a bit again now", ["utter_faq/emergency"]),
    ("my lip is starting to tingle again a little, is that just leftover", ["utter_faq/emergency"]),
    # play-test 38: a call time asked for, then the privacy answer
    ("07700 900 873 and actually im feeling a bit dizzy now", ["utter_faq/emergency"]),
])
async def test_a_sign_after_an_emergency_earlier_in_the_conversation_is_the_emergency(
        dispatcher, make_tracker, domain, clinic_open, text, expected):
    earlier = [
        {"event": "user", "timestamp": None, "text": "my lips and throat are swelling",
         "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "user", "timestamp": None, "text": "paramedics came, all good now",
         "parse_data": {"triage": {"level": None}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
    ]
    tracker = make_tracker(intent="faq", text=text, events=earlier, slots={"last_topic": "help_had"},
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_an_expected_reaction_with_no_emergency_before_stays_expected(dispatcher, make_tracker, domain,
                                                                          clinic_open):
    tracker = make_tracker(intent="faq", text="its swelling a bit now", slots={},
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/expected_reaction"]


async def test_a_new_question_in_the_urgent_thread_keeps_the_thread(dispatcher, make_tracker, domain, clinic_open):
    # play-test 29: after "are you open now? ill ring" was answered, "should i just go to a&e instead of waiting?" got
    # the general "I can't tell you whether it can wait" without the route
    events = await ActionAnswerQuestion().run(
        dispatcher, in_thread(make_tracker, "urgent", "faq", "faq/clinic_info", text="are you open now? ill ring"), domain)
    assert responses(dispatcher) == ["utter_safety_route_reminder", "utter_faq/clinic_info"]
    assert SlotSet("last_topic", "urgent") in events and SlotSet("last_topic", "clinic_info") not in events


async def test_the_expected_reaction_for_a_sign_the_guide_does_not_name_says_so_first(dispatcher, make_tracker, domain,
                                                                                      clinic_open):
    tracker = make_tracker(intent="faq", text="its started peeling round my nose", slots={},
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected", "not_in_the_guide": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    # play-test 230: "flaky and a bit itchy" on day 2 while the clinic was open: that it can be called today
    assert responses(dispatcher) == ["utter_expected_not_in_the_guide_open", "utter_faq/expected_reaction"]
    assert dispatcher.messages[0].get("closes")


async def test_a_sign_the_guide_does_not_name_while_the_clinic_is_closed(dispatcher, make_tracker, domain,
                                                                           monkeypatch):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-13T12:00:00+00:00")  # Sunday: closed all day
    tracker = make_tracker(intent="faq", text="its started peeling round my nose", slots={},
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected", "not_in_the_guide": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_expected_not_in_the_guide", "utter_faq/expected_reaction_closed"]


async def test_the_clinics_details_while_it_is_open_say_until_when(dispatcher, make_tracker, domain, clinic_open):
    # play-test 32: "is it open now? like could i just ring them right now" got the week's hours, never "open now"
    await answer(dispatcher, make_tracker, domain, text="is it open now?", response_selector=selected_answer("faq/clinic_info"))
    assert responses(dispatcher) == ["utter_faq/clinic_info"]
    assert dispatcher.messages[0]["closes"] == "18:00"  # a Wednesday
    assert "{closes}" in domain["responses"]["utter_faq/clinic_info"][0]["text"]


@pytest.mark.parametrize("earlier, triage, expected", [
    # play-test 33: "i've ALREADY been seen. im on antibiotics. is infection common?" after "walk-in said infected, gave
    # flucloxacillin" got "call NHS 111 now", eight times: the advice had stands, and the question is answered
    ({"help_had": True}, {"level": "urgent"}, ["utter_faq/help_had", "utter_faq/side_effects"]),
    ({"help_had": True, "signs": ["infected"]}, {"level": "urgent", "signs": ["infected"]},
     ["utter_faq/help_had", "utter_faq/side_effects"]),
    # a sign not named when the advice was had is something new (play-test 43: a fever after advice about redness)
    ({"help_had": True, "signs": ["red"]}, {"level": "urgent", "signs": ["fever"]}, ["utter_faq/urgent"]),
    # worse since, or no help had: the route
    ({"help_had": True}, {"level": "urgent", "worse": True}, ["utter_faq/urgent"]),
    ({}, {"level": "urgent"}, ["utter_faq/urgent"]),
])
async def test_the_same_signs_after_help_had_keep_that_advice(dispatcher, make_tracker, domain, clinic_open, earlier,
                                                             triage, expected):
    turns = [
        {"event": "user", "timestamp": None, "text": "walk-in said infected, gave flucloxacillin",
         "parse_data": {"triage": earlier}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(
        intent="faq", text="i've ALREADY been seen. im on antibiotics. is infection common?", events=turns,
        slots={"last_topic": "help_had"},
        response_selector=selected_answer("faq/urgent", 1.0, [("faq/urgent", 1.0), ("faq/side_effects", 0.5)]),
    )
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_well_again_and_the_reaction_past_ends_the_emergency_thread(dispatcher, make_tracker, domain, clinic_open):
    # play-test 34: "STOP telling me to call 999. I am fine. The reaction was yesterday." got "Please call 999 now"
    tracker = in_thread(make_tracker, "emergency", "nlu_fallback", text="STOP telling me to call 999. I am fine.")
    tracker.latest_message["triage"] = {"level": None, "well": True, "over": True}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/help_had"]
    assert SlotSet("offer", None) in events
    # well, with nothing said to be past ("no i'm fine" right after the emergency answer): the route as ever
    dispatcher.messages.clear()
    tracker.latest_message["triage"] = {"level": None, "well": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency"]


async def test_well_again_after_emergency_care_came_ends_the_emergency_thread(dispatcher, make_tracker, domain,
                                                                              clinic_open):
    # play-test 47: "ambulance is here", then "no no, i am FINE now, no swelling. i ask about next session only" got
    # "follow what the paramedics tell you … before they arrive"
    events = [
        {"event": "user", "timestamp": None, "text": "my lips are swelling", "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "user", "timestamp": None, "text": "ambulance is here",
         "parse_data": {"triage": {"level": None, "care_present": True}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="deny", text="no no, i am FINE now, no swelling", events=events,
                           slots={"last_topic": "emergency", "offer": "clinic"}, response_selector=selected_answer("faq/privacy"))
    tracker.latest_message["triage"] = {"level": None, "well": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/help_had"]
    # with no care had before, "no i'm fine" right after the emergency answer still gets the route
    dispatcher.messages.clear()
    tracker = in_thread(make_tracker, "emergency", "deny", text="no im fine")
    tracker.latest_message["triage"] = {"level": None, "well": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency"]


@pytest.mark.parametrize("level, text, expected", [
    # play-test 39: history given for the clinic got "Please call 999 now" again, three times
    ("emergency", "that was on WEDNESDAY, im fine now. its just history for the clinic", ["utter_safety_said_to_be_past"]),
    ("urgent", "a SCAR from last month is not urgent. send my complaint. now.", ["utter_safety_said_to_be_past"]),
])
async def test_said_to_be_past_sets_the_route_aside(dispatcher, make_tracker, domain, clinic_open, level, text,
                                                    expected):
    tracker = in_thread(make_tracker, level, "nlu_fallback", text=text)
    tracker.latest_message["triage"] = {"level": None, "well": "fine" in text, "over": True, "history": True}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    assert SlotSet("last_topic", None) in events  # the thread ends


@pytest.mark.parametrize("text, previous, triaged, expected", [
    # play-test 39: "i have an epipen, should i use it first?" got the emergency answer alone
    ("i have an epipen, should i use it first?", "emergency", "emergency",
     ["utter_faq/emergency", "utter_auto_injector_in_emergency"]),
    ("do i jab her with the epi pen or wait for the ambulance", "emergency", None,
     ["utter_faq/emergency", "utter_auto_injector_in_emergency"]),
    # a pen carried, no use asked: the emergency answer as ever
    ("my lips are swelling and i carry an epipen", None, "emergency", ["utter_faq/emergency"]),
])
async def test_a_pens_use_asked_in_an_emergency_is_answered(dispatcher, make_tracker, domain, clinic_open, text,
                                                          previous, triaged, expected):
    if previous:
        tracker = in_thread(make_tracker, previous, "faq", text=text)
    else:
        tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/emergency"))
    tracker.latest_message["triage"] = {"level": triaged, "signs": ["anaphyla*"] if triaged else []}
    if triaged:
        tracker.latest_message["response_selector"] = selected_answer("faq/emergency")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("more, expected", [
    # play-test 36: seven questions, three answered and the others dropped without a word
    (True, ["utter_faq/pain", "utter_faq/sessions", "utter_faq/price", "utter_more_questions"]),
    (False, ["utter_faq/pain", "utter_faq/sessions", "utter_faq/price"]),
])
async def test_more_questions_than_answered_at_once_are_said_to_be(dispatcher, make_tracker, domain, more, expected):
    text = "does it hurt? how many sessions? how much is it? can you do my hands? and my feet?"
    tracker = make_tracker(
        intent="faq", text=text, response_selector=selected_answer("faq/pain"),
        questions=asked(text, ("does it hurt", "faq/pain"), ("how many sessions", "faq/sessions"),
                        ("how much is it", "faq/price")),
    )
    tracker.latest_message["more_questions"] = more
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("key, forgotten", [
    # play-test 39: "ok infection or scarring, thats scary" made a later call back's concern "scarring"
    ("faq/warning_signs", True),
    ("faq/side_effects", True),
    # named in any other question: what the person may want looked at
    ("faq/results", False),
])
async def test_a_concern_named_in_a_question_about_risks_is_not_kept_for_a_booking(dispatcher, make_tracker, domain,
                                                                                    key, forgotten):
    tracker = make_tracker(intent="faq", text="ok infection or scarring, thats scary. how would i know?",
                           entities=[{"entity": "skin_concern", "value": "scarring"}],
                           slots={"skin_concern": "scarring"}, response_selector=selected_answer(key))
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert (SlotSet("skin_concern", None) in events) is forgotten


async def test_a_concern_named_before_stays_after_a_question_about_risks(dispatcher, make_tracker, domain):
    tracker = make_tracker(intent="faq", text="is it safe?", slots={"skin_concern": "acne scars"},
                           response_selector=selected_answer("faq/safety"))
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert SlotSet("skin_concern", None) not in events


def test_the_price_answer_says_it_cannot_tell_the_consultations_cost_either(domain):
    # play-tests 49 and 50: "is the consultation free?" got "the clinic will go through the cost with you at your
    # consultation", which answered the question with itself
    texts = [variation["text"] for variation in domain["responses"]["utter_faq/price"]]
    assert texts and all("for the consultation or for a treatment" in text for text in texts)
    assert all(text.index("ask the clinic directly") < text.index("at your consultation") for text in texts)


@pytest.mark.parametrize("start, expected", [
    # play-test 52: "oh and she's on warfarin, does that matter?" got "What would you like to know about it?"
    (43, ["utter_faq/suitability"]),
    # the follow-up alone leans on the last answer, as before
    (0, ["utter_ask_what_about"]),
])
async def test_a_follow_up_after_words_of_its_own_is_about_them(dispatcher, make_tracker, domain, start, expected):
    from actions.answers import ActionAnswerAlongside

    tracker = make_tracker(intent="inform", text="...", response_selector=selected_answer("faq/suitability"))
    tracker.latest_message["questions"] = [
        {"text": "does that matter?", "start": start, "end": start + 17, "intent_response_key": "faq/about_that"}]
    await ActionAnswerAlongside().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:1] == expected


@pytest.mark.parametrize("eased, expected", [
    # play-test 55: "the lip is fine, it was just me panicking. but the pus is still there" got 999 three times
    (True, "utter_faq/urgent"),
    # not said to have eased: never lower than before
    (False, "utter_faq/emergency"),
])
async def test_an_emergency_sign_eased_leaves_the_route_of_what_is_still_there(
    dispatcher, make_tracker, domain, clinic_open, eased, expected
):
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/urgent")
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["pus"], "eased": eased}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == expected


async def test_an_emergency_sign_said_to_ease_beside_the_expected_reaction_keeps_the_emergency(
    dispatcher, make_tracker, domain, clinic_open
):
    # play-test 255: "999?? really? its just like a sunburn, I think I just stood up too fast … feel a bit better" after
    # feeling faint got the expected reaction's "settles within a few days"
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/expected_reaction")
    tracker.latest_message["triage"] = {"level": "expected", "signs": ["sunburn"], "eased": True,
                                        "emergency_help_named": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0].startswith("utter_faq/emergency") and not any("expected_reaction" in name for name in said), said


@pytest.mark.parametrize("not_yet, expected", [
    # play-test 55: "if i get it done monday will i be glowing by the wedding? or should i wait till after" got the
    # reassurance answer, "call NHS 111 now"
    (True, ["utter_faq/suitability"]),
    # about something happening, the reassurance answer stands
    (False, ["utter_faq/reassurance"]),
])
async def test_whether_to_wait_asked_before_any_treatment_is_for_the_consultation(
    dispatcher, make_tracker, domain, clinic_open, not_yet, expected
):
    tracker = make_tracker(intent="faq", text="or should i wait till after", response_selector=selected_answer(
        "faq/reassurance"))
    tracker.latest_message["triage"] = {"level": None, "not_yet": not_yet}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, questions, expected", [
    # play-test 54: "what about the first thing? the keloids …" after three answers got the last of them, the prices
    ("what about the first thing?", [("what about the first thing?", "faq/follow_up")],
     ["utter_faq/follow_up", "utter_faq/suitability"]),
    ("and number 3", [("and number 3", "faq/follow_up")], ["utter_faq/follow_up", "utter_faq/price"]),
    # with a question of its own beside it, that question is the answer
    ("what about the keloids? is it a no for people who get keloids?",
     [("what about the keloids?", "faq/follow_up"), ("is it a no for people who get keloids?", "faq/suitability")],
     ["utter_faq/suitability"]),
])
async def test_after_several_answers_a_follow_up_names_which(dispatcher, make_tracker, domain, text, questions,
                                                             expected):
    turns = [{"event": "user", "timestamp": None, "text": "1. keloids 2. eczema on my cheeks 3. how much is it"}]
    turns += [{"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": name}}
              for name in ("utter_faq/suitability", "utter_faq/sessions", "utter_faq/price")]
    turns += [{"event": "action", "timestamp": None, "name": "action_listen"}]
    await answer(
        dispatcher, make_tracker, domain, text=text, events=turns, slots={"last_topic": "price"},
        response_selector=selected_answer(questions[-1][1]), questions=asked(text, *questions),
    )
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("flags, expected", [
    # play-test 56: the emergency's words five times to someone about to drive home after feeling faint, never
    # "don't drive", then the suitability answer to "is it safe for me to drive home now"
    ({"driving": True}, ["utter_faq/emergency", "utter_emergency_do_not_drive"]),
    # A&E by car is the not-by-car line, as before
    ({"driving": True, "instead_of_999": True}, ["utter_faq/emergency", "utter_emergency_not_by_car"]),
    # well again: no emergency route for the drive home
    ({"driving": True, "well": True}, None),
    # ... but what they were told about driving, and 999 if it comes back (play-test 81: "ive eaten a sandwich and feel
    # totally normal now. can i drive home?" got the guide's silence on driving)
    ({"driving": True, "well": True}, ["utter_emergency_drive_as_advised"]),
    # the call handler's advice said with it ("they said its prob just a faint … not to drive for a bit. should i tell
    # the clinic?": play-test 81, "Please call 999 now" and "don't drive while you feel like this")
    ({"driving": True, "help_had": True}, ["utter_faq/help_had", "utter_emergency_drive_as_advised"]),
])
async def test_driving_after_the_emergency_answer_is_told_not_to(dispatcher, make_tracker, domain, clinic_open, flags,
                                                                 expected):
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/suitability",
                        text="is it safe for me to drive home now do you think")
    tracker.latest_message["triage"] = {"level": None, **flags}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    if expected:
        assert responses(dispatcher) == expected
    else:
        assert "utter_emergency_do_not_drive" not in responses(dispatcher)


async def test_a_door_opened_while_help_comes_is_no_question_about_the_clinic(dispatcher, make_tracker, domain,
                                                                            clinic_open):
    # play-test 57: "ok i call again and open door. you stay with me?" got the opening hours and NHS 111
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/clinic_info",
                        text="ok i call again and open door. thank you. you stay with me?")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_faq/clinic_info" not in responses(dispatcher)
    assert responses(dispatcher)[0].startswith("utter_faq/emergency")


@pytest.mark.parametrize("last_topic, expected", [
    # play-test 57: the course's timing, twice, after a reaction that needed an ambulance
    ("help_had", ["utter_next_session_after_a_reaction"]),
    ("emergency", ["utter_next_session_after_a_reaction"]),
    # no reaction in the conversation: the sessions' answer
    (None, ["utter_faq/sessions"]),
])
async def test_the_next_session_after_a_reaction_is_for_the_clinic(dispatcher, make_tracker, domain, clinic_open,
                                                                   last_topic, expected):
    tracker = make_tracker(intent="faq", text="so when i can do my next session? i have 2 more in my course",
                           slots={"last_topic": last_topic}, response_selector=selected_answer("faq/sessions"))
    tracker.latest_message["triage"] = {"level": None, "next_treatment": True, "well": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("last_topic, triage, expected", [
    # play-test 254: "Well my GP said it should be ok, so that's alright isn't it?" after the suitability answer for
    # warfarin got "please follow the advice you were given", as if the GP's word settled it
    ("suitability", {"help_had": True}, "utter_faq/suitability"),
    # advice had for something happening is that advice
    ("suitability", {"help_had": True, "signs": ["red"]}, "utter_faq/help_had"),
    (None, {"help_had": True}, "utter_faq/help_had"),
])
async def test_a_doctors_word_after_the_suitability_answer_is_still_for_the_consultation(
    dispatcher, make_tracker, domain, clinic_open, last_topic, triage, expected
):
    tracker = make_tracker(intent="faq", text="Well my GP said it should be ok, so that's alright isn't it?",
                           slots={"last_topic": last_topic}, response_selector=selected_answer("faq/help_had"))
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(expected), responses(dispatcher)


@pytest.mark.parametrize("waiting, expected", [
    # play-test 254: "ambulance on its way … will this mean i cant have my 2nd session next month?" after a tight throat
    # got the side effects, "they usually settle within a few days"
    (True, ["utter_faq/emergency_help_coming", "utter_next_session_after_a_reaction"]),
    (False, ["utter_faq/emergency", "utter_next_session_after_a_reaction"]),
])
async def test_the_next_session_asked_while_an_emergency_is_not_over(dispatcher, make_tracker, domain, clinic_open,
                                                                    waiting, expected):
    events = [{"event": "user", "timestamp": None, "text": "my lips are swelling and my throat feels tight",
               "parse_data": {"triage": {"level": "emergency"}}},
              {"event": "action", "timestamp": None, "name": "action_answer_question"},
              {"event": "action", "timestamp": None, "name": "action_listen"}]
    tracker = make_tracker(intent="faq", text="will this mean i cant have my 2nd session next month?", events=events,
                           slots={"last_topic": "emergency"}, response_selector=selected_answer("faq/side_effects"))
    tracker.latest_message["triage"] = {"level": None, "next_treatment": True, "waiting_for_help": waiting,
                                        "emergency_help_named": waiting}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("last_topic, expected", [
    # play-test 60: "Is it safe?" pressed the day after an ambulance for a swelling lip got "a safe and effective
    # treatment ... serious side effects are rare"
    ("help_had", ["utter_next_session_after_a_reaction"]),
    (None, ["utter_faq/safety"]),
])
async def test_whether_it_is_safe_after_a_reaction_is_for_the_clinic(dispatcher, make_tracker, domain, clinic_open,
                                                                     last_topic, expected):
    tracker = make_tracker(intent="faq", text='/faq{"topic": "safety"}', slots={"last_topic": last_topic},
                           response_selector=selected_answer("faq/safety"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


def a_report(level, **flags):
    return {"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": level, **flags}}}


@pytest.mark.parametrize("earlier, expected", [
    # play-test 60: a yellow crust and a fever, a call back sent since, then "so do i still need to call 111 tonight or
    # just wait for monday" got "I can't tell you whether it can wait ... contact the clinic", without NHS 111
    ([a_report("urgent"), a_report(None), a_report(None)], ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    # seen or advised since: that advice (play-test 215: the reassurance answer offered waiting for the clinic as a
    # choice against 111's advice); only an expected reaction, or nothing reported: the reassurance answer
    ([a_report("urgent"), a_report(None, help_had=True)], ["utter_faq/help_had"]),
    ([a_report("expected_reaction")], ["utter_faq/reassurance"]),
    ([a_report(None)], ["utter_faq/reassurance"]),
])
async def test_can_it_wait_after_a_sign_reported_earlier(dispatcher, make_tracker, domain, clinic_open, earlier,
                                                         expected):
    events = [*earlier, {"event": "action", "timestamp": None, "name": "action_submit_booking"}]
    tracker = make_tracker(intent="faq", text="thanks. so do i still need to call 111 tonight or just wait for monday",
                           events=events, response_selector=selected_answer("faq/reassurance"))
    tracker.latest_message["triage"] = {"level": None}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [name.split("_closed")[0] for name in responses(dispatcher)] == expected



@pytest.mark.parametrize("earlier, expected", [
    # play-test 182: "yep thats fine. so friday is ok to leave it till then yeah?" at a call back's consent, after yellow
    # crusts and a hot, throbbing patch: "I can't tell you whether it can wait … if something is worrying you"
    ([a_report("urgent"), a_report(None), a_report(None)], ["utter_faq/urgent"]),
    # seen or advised since: that advice (play-test 215); nothing reported: the reassurance answer
    ([a_report("urgent"), a_report(None, help_had=True)], ["utter_faq/help_had"]),
    ([a_report(None)], ["utter_faq/reassurance"]),
])
async def test_can_it_wait_beside_a_yes_after_a_sign_reported_earlier(dispatcher, make_tracker, domain, clinic_open,
                                                                      earlier, expected):
    from actions.answers import ActionAnswerAlongside

    text = "yep thats fine. so friday is ok to leave it till then yeah?"
    tracker = make_tracker(intent="affirm", text=text, events=earlier, active_loop="booking_form",
                           questions=asked(text, ("so friday is ok to leave it till then yeah?", "faq/reassurance")))
    tracker.latest_message["triage"] = {"level": None}
    await ActionAnswerAlongside().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("earlier, expected", [
    # play-test 64: the emergency answer, set aside as past, came back four times for general questions after it
    ([a_report("emergency"), a_report(None, over=True, just_asking=True)], False),
    ([a_report("emergency"), a_report(None)], True),
])
def test_an_emergency_set_aside_later_is_no_emergency_earlier(make_tracker, earlier, expected):
    from actions.answers import an_emergency_earlier

    tracker = make_tracker(intent="faq", text="is swelling normal after it or not", events=[*earlier, a_report(None)])
    assert an_emergency_earlier(tracker) is expected


@pytest.mark.parametrize("text, expected", [
    # play-test 64: after the expected reaction's answer, the general question got the reaction's route three times
    ("what are the normal side effects of microneedling", ["utter_faq/side_effects"]),
    # asked whether it is all right: not reassured
    ("is that a normal side effect?", ["utter_safety_no_reassurance", "utter_faq/expected_reaction"]),
])
async def test_side_effects_asked_in_general_after_the_expected_reaction(dispatcher, make_tracker, domain, clinic_open,
                                                                        text, expected):
    tracker = in_thread(make_tracker, "expected_reaction", "faq", "faq/side_effects", text=text)
    tracker.latest_message["triage"]["signs"] = []
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


def _emergency_after_waiting_for_111(make_tracker, intent, key, text, triage):
    # play-test 74: "ok ill ring 111. can i wash my face in the meantime?" (waiting, for 111), then a tight throat (the
    # emergency answer), then the latest message
    events = [
        {"event": "user", "timestamp": None, "text": "ok ill ring 111. can i wash my face in the meantime?",
         "parse_data": {"triage": {"level": None, "waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "user", "timestamp": None, "text": "my throat feels a bit tight now too",
         "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent=intent, text=text, events=events, slots={"last_topic": "emergency", "offer": "clinic"},
                           response_selector=selected_answer(key) if key else selected_answer("faq/privacy"))
    tracker.latest_message["triage"] = {"level": None, **triage}
    return tracker


@pytest.mark.parametrize("intent, key, text, triage, expected", [
    # play-test 74: the after-the-call words to someone who had called no one and did not want to; 111 waited for
    # before the emergency is no emergency help on its way
    ("nlu_fallback", None, "999?? i dont want to waste an ambulance. cant i just ring 111 like you said before",
     {"instead_of_999": True}, ["utter_faq/emergency", "utter_emergency_not_111"]),
    ("nlu_fallback", None, "ok", {}, ["utter_faq/emergency"]),
    # "feels a bit better now, maybe it was just panic? do i still need to call": 999 still, no guess
    ("faq", "faq/reassurance", "feels a bit better now. maybe it was just panic? do i still need to call", {},
     ["utter_faq/emergency", "utter_emergency_still_call"]),
    # ... and the sign said to ease, asked about
    ("faq", "faq/reassurance", "its gone down a bit, so do i still need to call?", {"eased": True},
     ["utter_faq/emergency", "utter_emergency_still_call"]),
])
async def test_the_999_route_holds_until_help_is_called(dispatcher, make_tracker, domain, clinic_open, intent, key,
                                                       text, triage, expected):
    tracker = _emergency_after_waiting_for_111(make_tracker, intent, key, text, triage)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("waited_for, expected", [
    # the ambulance named in the wait before the sign: help is on its way
    ("my husband called an ambulance, what do we do in the meantime", ["utter_faq/emergency_help_coming"]),
    ("in the meantime", ["utter_faq/emergency"]),
])
async def test_help_waited_for_before_the_emergency_counts_when_it_names_emergency_help(
        dispatcher, make_tracker, domain, clinic_open, waited_for, expected):
    tracker = _emergency_after_waiting_for_111(make_tracker, "nlu_fallback", None, "ok", {})
    tracker.events[0]["text"] = waited_for
    tracker.events[0]["parse_data"]["triage"]["emergency_help_named"] = "ambulance" in waited_for
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_help_said_not_called_is_not_help_on_its_way(dispatcher, make_tracker, domain, clinic_open):
    tracker = _after_the_ambulance_was_called(make_tracker, "nlu_fallback", None, "i havent called anyone yet")
    tracker.latest_message["triage"] = {"level": None, "not_called": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency"]


async def test_the_emergency_answer_is_noted_and_read_back_beyond_the_turns_kept(dispatcher, make_tracker, domain,
                                                                                  clinic_open):
    # play-test 76: "feeling a bit dizzy again tbh" seven messages after the emergency answer, the ambulance on its way:
    # "if it gets worse before they arrive", as the answer was further back than the turns a message is handled with
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/emergency", text="ok")
    tracker.latest_message["triage"] = {"level": "emergency"}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert SlotSet("emergency_given", True) in events
    dispatcher.messages.clear()
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/urgent", "monday any time. feeling a bit dizzy "
                                              "again tbh")
    tracker.events[:] = [event for event in tracker.events if event.get("text") != "my throat is tight"]
    tracker.events[1]["parse_data"]["triage"] = {"waiting_for_help": True}
    tracker.latest_message["triage"] = {"level": "urgent"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_help_coming"]
    dispatcher.messages.clear()
    tracker.slots["emergency_given"] = True
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_worse_while_help_comes"]


async def test_the_emergency_noted_is_set_aside_with_it(dispatcher, make_tracker, domain, clinic_open):
    tracker = in_thread(make_tracker, "emergency", "deny", None, text="no no its not happening now, it was last month")
    tracker.slots["emergency_given"] = True
    tracker.latest_message["triage"] = {"level": None, "over": True}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert SlotSet("emergency_given", False) in events


async def test_what_was_used_asked_before_help_is_called_gets_the_route_and_its_answer(dispatcher, make_tracker, domain,
                                                                                        clinic_open):
    # play-test 80: "can the clinic tell them what numbing cream he had? is anyone there", before the call, got the
    # general answer with {thing}, {clinic_phone} and {clinic_hours} shown as they are
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/unknown_product",
                        text="can the clinic tell them what numbing cream he had? is anyone there")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency", "utter_faq/unknown_product_help_coming"]


@pytest.mark.parametrize("text, expected", [
    # play-test 82: "what even do i say to them" after the urgent route (NHS 111 now) got the privacy notice; them is 111
    ("ok. what even do i say to them", ["utter_faq/what_to_tell_111"]),
    # ... and 999 named is 999's
    ("what do i say to 999 if it gets worse", ["utter_faq/emergency_explained"]),
])
async def test_what_to_say_to_them_in_the_urgent_thread_is_about_111(dispatcher, make_tracker, domain, text, expected,
                                                                      monkeypatch):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T19:00:00+00:00")  # a Saturday evening: the clinic is closed
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/emergency_explained", text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, key, flags, expected", [
    # play-test 180: after the clinic's email, answered while the ambulance came, the general side effects ("swelling …
    # usually settles within a few days") twice, the second time to "maybe ill cancel the ambulance"
    ("the 999 lady thinks it might be a reaction to the numbing cream. is that common with microneedling?",
     "faq/side_effects", {}, "utter_faq/emergency_help_coming"),
    ("oh ok so swelling is normal then? maybe ill cancel the ambulance", "faq/side_effects", {"cancel_help": True},
     "utter_faq/emergency_cancel_asked"),
])
async def test_a_question_answered_while_help_comes_does_not_end_the_emergencys_thread(
    dispatcher, make_tracker, domain, text, key, flags, expected
):
    turns = [
        {"event": "user", "timestamp": None, "text": "my lips are tingling and look a bit swollen",
         "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
        {"event": "user", "timestamp": None, "text": "k calling now. whats their email",
         "parse_data": {"triage": {"waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text=text, events=turns, slots={"last_topic": "clinic_info"},
                           response_selector=selected_answer(key))
    tracker.latest_message["triage"] = {"level": None, **flags}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected
    assert "utter_faq/side_effects" not in responses(dispatcher)


async def test_driving_asked_long_after_an_emergency_set_aside_by_no_one_is_as_advised(dispatcher, make_tracker, domain,
                                                                                      clinic_open):
    # play-test 81: "i HAVE called 999 … im asking about the clinic" read as just asking set the emergency aside, and
    # "can i drive home?" four messages later got the guide's silence on driving
    turns = [
        {"event": "user", "timestamp": None, "text": "i feel faint", "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
        {"event": "user", "timestamp": None, "text": "i HAVE called 999. im asking about the clinic",
         "parse_data": {"triage": {"just_asking": True, "waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
        {"event": "user", "timestamp": None, "text": "when do they open", "parse_data": {"triage": {}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text="ok i feel totally normal now. can i drive home?", events=turns,
                           slots={"last_topic": "clinic_info"}, response_selector=selected_answer("faq/unknown_activity"))
    tracker.latest_message["triage"] = {"driving": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    # (since play-test 180, the clinic's hours answered while help comes keep the emergency's thread: those called
    # decide, and no driving on this assistant's word)
    assert responses(dispatcher) == ["utter_faq/emergency_help_coming", "utter_emergency_do_not_drive"]
    # said to be well again: as advised
    tracker.latest_message["triage"] = {"driving": True, "well": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_drive_as_advised"]
    tracker.latest_message["triage"] = {"driving": True}
    # only asking, with no help called, still sets it aside
    turns[2]["parse_data"]["triage"] = {"just_asking": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/unknown_activity"]


@pytest.mark.parametrize("now, earlier_level, expected", [
    # play-test 79: "is anyone actually there at the clinic now if i ring?" with the ambulance on its way got "if
    # something can't wait until then, call NHS 111 now" and a booking button
    ("2026-12-05T19:00:00+00:00", "emergency", "utter_faq/clinic_info_closed_after_emergency"),
    ("2026-12-09T11:00:00+00:00", "emergency", "utter_faq/clinic_info_after_emergency"),
    # with no emergency before, the hours as ever
    ("2026-12-05T19:00:00+00:00", "expected", "utter_faq/clinic_info_closed"),
])
async def test_the_clinics_hours_after_an_emergency_say_999_not_nhs_111(dispatcher, make_tracker, domain, monkeypatch,
                                                                        now, earlier_level, expected):
    monkeypatch.setenv("CLINIC_NOW", now)
    turns = [
        {"event": "user", "timestamp": None, "text": "his lips are swelling",
         "parse_data": {"triage": {"level": earlier_level}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
        {"event": "user", "timestamp": None, "text": "theyre sending an ambulance",
         "parse_data": {"triage": {"waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text="is anyone actually there at the clinic now if i ring?", events=turns,
                           slots={"last_topic": "help_had"}, response_selector=selected_answer("faq/clinic_info"))
    tracker.latest_message["triage"] = {}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [expected]
    # no offer to book beside an emergency
    assert bool(domain["responses"][expected][0].get("buttons")) == (earlier_level != "emergency")


@pytest.mark.parametrize("text, active_loop, expected", [
    # play-test 84: the privacy notice to whether the details given for the request are kept
    ("what details? have you got his name and number?", "booking_form", ["utter_booking_details_kept"]),
    ("i WAS booking one, i gave you my name and email already?? do you still have them", "booking_form",
     ["utter_booking_details_kept"]),
    # with no request under way, or asked who sees them, the privacy notice
    ("have you got my details?", None, ["utter_faq/privacy"]),
    ("who sees my details?", "booking_form", ["utter_faq/privacy"]),
])
async def test_whether_the_details_are_kept_mid_request_is_answered_so(dispatcher, make_tracker, domain, clinic_open,
                                                                      text, active_loop, expected):
    tracker = make_tracker(intent="faq", text=text, active_loop=active_loop,
                           slots={"requested_slot": "booking_consent"} if active_loop else {},
                           response_selector=selected_answer("faq/privacy"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_just_asking_from_someone_treated_takes_no_route_back(dispatcher, make_tracker, domain, clinic_open):
    # play-test 84: "i've already had the treatment though?? im asking about being in the sun in tenerife after it"
    # got "please set that advice aside", her skin peeling now
    events = [
        {"event": "user", "timestamp": None, "text": "so is the peeling and itching still a 111 thing?",
         "parse_data": {"triage": {"level": "urgent"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    text = "i've already had the treatment though?? im asking about being in the sun in tenerife after it"
    tracker = make_tracker(intent="faq", text=text, events=events, slots={"last_topic": "urgent", "offer": "clinic"},
                           response_selector=selected_answer("faq/aftercare"))
    tracker.latest_message["triage"] = {"level": None, "just_asking": True, "a_patient": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert not any(name.startswith("utter_safety_route_withdrawn") for name in responses(dispatcher))
    assert "utter_faq/aftercare" in responses(dispatcher)
    # ... and without a word of treatment had, as before, it is taken back
    tracker.latest_message["triage"] = {"level": None, "just_asking": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_safety_route_withdrawn")


async def test_a_call_said_with_the_first_emergency_sign_after_the_urgent_route_is_no_999_call(dispatcher, make_tracker,
                                                                                              domain, clinic_open):
    # play-test 85: "fine ill ring 111", then "ok calling them now. actually its nearly swollen shut now and my top lip
    # feels a bit puffy too" got "follow what the 999 call handler tells you … call 999 again", three times
    events = [
        {"event": "user", "timestamp": None, "text": "fine ill ring 111",
         "parse_data": {"triage": {"seeking_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    text = "ok calling them now. actually its nearly swollen shut now and my top lip feels a bit puffy too"
    tracker = make_tracker(intent="faq", text=text, events=events, slots={"last_topic": "urgent", "offer": "clinic"},
                           response_selector=selected_answer("faq/emergency"))
    tracker.latest_message["triage"] = {"level": "emergency", "waiting_for_help": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/emergency"
    # ... then "do i need to call 999 then": 999, not 111, and nothing of help on its way
    events += [
        {"event": "user", "timestamp": None, "text": text,
         "parse_data": {"triage": {"level": "emergency", "waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="nlu_fallback", text="wait no i meant 111 not 999?? do i need to call 999 then",
                           events=events, slots={"last_topic": "emergency", "offer": "clinic"})
    tracker.latest_message["triage"] = {"level": None, "instead_of_999": True, "emergency_help_named": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency", "utter_emergency_not_111"]
    # ... and "yes or no should i ring 999" is the route alone, nothing said of driving
    tracker = make_tracker(intent="nlu_fallback", text="hello?? yes or no should i ring 999", events=events,
                           slots={"last_topic": "emergency", "offer": "clinic"})
    tracker.latest_message["triage"] = {"level": None, "instead_of_999": True, "emergency_help_named": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency"]


async def test_a_sign_from_someone_who_said_they_were_not_treated_is_no_reaction(dispatcher, make_tracker, domain,
                                                                                 clinic_open):
    # play-test 88: a cold sore before a treatment booked for Tuesday got "call NHS 111 now … say that you had
    # microneedling" six times, taken back twice
    events = [
        {"event": "user", "timestamp": None, "text": "no i havent had it yet lol, its booked for tuesday",
         "parse_data": {"triage": {"no_treatment": True}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text="what should i put on the cold sore, its really sore", events=events,
                           response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["cold_sore*"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_sign_before_any_treatment"]
    # ... said to be treated since, or now, it is a report as before
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["pus"], "a_patient": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_faq/urgent")
    # ... and an emergency sign is the emergency whatever was said
    tracker = make_tracker(intent="faq", text="my lips are swelling up", events=events,
                           response_selector=selected_answer("faq/emergency"))
    tracker.latest_message["triage"] = {"level": "emergency", "signs": ["lip* + swel*"]}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/emergency"


async def test_someone_elses_adrenaline_pen_is_for_the_call_handler(dispatcher, make_tracker, domain, clinic_open):
    # play-test 89: "if you've been prescribed one, use it now" to "i have my own epipen in my bag … should he use
    # mine??"
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/suitability",
                        text="ok. i have my own epipen in my bag, im allergic to nuts. should he use mine??")
    tracker.latest_message["triage"] = {"level": "emergency"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == "utter_auto_injector_not_theirs"
    # one's own, as before
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/suitability", text="i have an epipen, should i use it?")
    tracker.latest_message["triage"] = {"level": "emergency"}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[-1] == "utter_auto_injector_in_emergency"


async def test_the_emergency_route_given_for_a_report_is_never_taken_back(dispatcher, make_tracker, domain,
                                                                          clinic_open):
    # play-test 89: "please set that advice aside" mid-emergency, the last route given for a question ("should he use
    # mine??") after the report ("his lips are tingling and he's wheezing a bit")
    events = [
        {"event": "user", "timestamp": None, "text": "my boyfriend's lips are tingling and he's wheezing a bit",
         "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
        {"event": "user", "timestamp": None, "text": "i have my own epipen in my bag. should he use mine??",
         "parse_data": {"triage": {"level": "emergency"}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="nlu_fallback", text="its mine not his!! hes never had one. do i just stab him with it",
                           events=events, slots={"last_topic": "emergency", "offer": "clinic"})
    tracker.latest_message["triage"] = {"level": None, "no_treatment": True, "not_yet": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert not any(name.startswith("utter_safety_route_withdrawn") for name in responses(dispatcher))
    assert responses(dispatcher)[0] == "utter_faq/emergency"


async def test_what_nhs_111_is_asked_keeps_the_urgent_thread(dispatcher, make_tracker, domain, clinic_open):
    # play-test 89: "is 111 the same as going to a&e tho" ended the urgent thread, and the next message's "does that
    # mean its ok?" got the suitability answer
    tracker = make_tracker(intent="faq", text="is 111 the same as going to a&e tho", events=SAFETY_TURN,
                           slots={"last_topic": "urgent", "offer": "clinic"},
                           response_selector=selected_answer("faq/route_explained"))
    tracker.latest_message["triage"] = {}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert SlotSet("last_topic", "urgent") in events and SlotSet("offer", "clinic") in events


async def test_help_had_with_the_paramedics_there_is_their_advice(dispatcher, make_tracker, domain, clinic_open):
    # play-test 90: "paramedics are here now" got "if it gets worse … contact the clinic again, or NHS 111"
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/help_had", text="paramedics are here now")
    tracker.latest_message["triage"] = {"level": None, "help_had": True, "care_present": True,
                                        "waiting_for_help": True, "emergency_help_named": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/help_had_help_coming"]
    # advice had with no emergency help about, as before
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/help_had", text="111 said go to the walk-in tomorrow")
    tracker.latest_message["triage"] = {"level": None, "help_had": True}
    dispatcher.messages.clear()
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/help_had"]


async def test_a_risk_question_leaning_on_the_urgent_route_gets_no_general_safety_answer(dispatcher, make_tracker,
                                                                                       domain, clinic_open):
    # play-test 90: "the salon might have reused the needles. should I tell 111 that? is that dangerous", the urgent
    # route given turns before, got the route and then "In general, microneedling is a safe and effective treatment"
    text = "the salon might have reused the needles. should I tell 111 that? is that dangerous"
    tracker = make_tracker(
        intent="faq", text=text, slots={"last_topic": "urgent", "offer": "clinic"},
        response_selector=selected_answer("faq/safety"),
        questions=asked(text, ("should I tell 111 that?", "faq/follow_up"), ("is that dangerous", "faq/safety")),
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert "utter_faq/safety" not in said
    assert said[-1] == "utter_safety_no_reassurance" and any(name.startswith("utter_faq/urgent") for name in said)
    assert SlotSet("last_topic", "urgent") in events
    # ... and after an answer from the guide, the same words get that answer and the general one
    dispatcher.messages.clear()
    tracker.slots["last_topic"] = "pain"
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_faq/safety" in responses(dispatcher)


@pytest.mark.parametrize("key, expected", [
    # play-test 93: "ok calling now. what do i tell them" got "follow what the call handler tells you"
    ("faq/emergency_explained", "utter_faq/emergency_explained"),
    ("faq/what_to_tell_111", "utter_faq/what_to_tell_111"),
])
async def test_what_to_tell_them_asked_while_help_comes_is_answered(dispatcher, make_tracker, domain, clinic_open, key,
                                                                     expected):
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", key, "ok calling now. what do i tell them")
    tracker.latest_message["triage"] = {"level": None, "waiting_for_help": True}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [expected]
    assert SlotSet("last_topic", "emergency") in events  # the thread goes on


async def test_just_asking_from_someone_who_said_earlier_they_were_treated_takes_no_route_back(dispatcher, make_tracker,
                                                                                                domain, clinic_open):
    # play-test 94: "i had microneedling yesterday and today my face feels really tight and dry … is that normal?", then
    # "im not asking if its safe to wait lol. im asking about aftercare" got "please set that advice aside"
    events = [
        {"event": "user", "timestamp": None,
         "text": "i had microneedling yesterday and today my face feels really tight and dry, is that normal?",
         "parse_data": {"triage": {"level": "expected", "a_patient": True}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    text = "im not asking if its safe to wait lol. im asking about aftercare. moisturiser yes or no?"
    tracker = make_tracker(intent="faq", text=text, events=events,
                           slots={"last_topic": "expected_reaction", "offer": None},
                           response_selector=selected_answer("faq/aftercare"))
    tracker.latest_message["triage"] = {"level": None, "just_asking": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert not any(name.startswith("utter_safety_route_withdrawn") for name in responses(dispatcher))


async def test_something_happening_said_to_last_for_months_gets_the_route_for_lasting(dispatcher, make_tracker, domain,
                                                                                     monkeypatch):
    # play-test 96: pitted marks there for two and a half months got "call NHS 111 now"
    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T22:30:00+00:00")  # a Saturday night: closed
    tracker = make_tracker(intent="faq", text="theyve been there since about 2 weeks after my last session",
                           response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": None, "lasting": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/urgent_lasting"


@pytest.mark.parametrize("slot, expected", [
    # play-test 203: a consultation asked for ten messages after a dark patch there three weeks got "call NHS 111 now",
    # the message the route was given for being past the turns a message is handled with
    (True, "utter_booking_safety_reminder_lasting"),
    (False, "utter_booking_safety_reminder_closed"),
])
def test_the_lasting_route_is_kept_past_the_turns_a_message_is_handled_with(make_tracker, domain, monkeypatch, slot,
                                                                           expected):
    from actions.answers import route_variant

    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T22:30:00+00:00")  # a Saturday night: closed
    tracker = make_tracker(intent="book_consultation", text="/book_consultation",
                           slots={"last_topic": "urgent", "lasting_route_given": slot})
    assert route_variant(domain, "utter_booking_safety_reminder", tracker) == expected


@pytest.mark.parametrize("last_topic, emergency_given, help_coming", [
    # play-test 202: "can i use my normal moisturiser on it in the meantime?" four days after got "tell the call handler
    # or the paramedics" ("in the meantime" read as help on its way)
    ("urgent", False, False),
    ("expected_reaction", False, False),
    # ... with an emergency in the conversation, what those coming are told
    ("emergency", True, True),
    (None, True, True),
])
def test_words_for_help_on_its_way_only_after_an_emergency(make_tracker, domain, clinic_open, last_topic,
                                                           emergency_given, help_coming):
    from actions.answers import route_variant

    tracker = make_tracker(intent="faq", text="can i use my normal moisturiser on it in the meantime?",
                           slots={"last_topic": last_topic, "emergency_given": emergency_given})
    tracker.latest_message["triage"] = {"level": None, "waiting_for_help": True}
    found = route_variant(domain, "utter_faq/unknown_product", tracker)
    assert found.endswith("_help_coming") is help_coming


@pytest.mark.parametrize("text, key, triage, asks, expected", [
    # play-test 205: what the guide says, asked in a lasting sign's thread, got the route alone, three times
    ("ok and what does ur guide say, is spots and dark marks a normal side effect?", "faq/side_effects",
     {"level": None, "level_if_happening": "urgent", "signs": []}, True,
     ["utter_safety_route_reminder_lasting", "utter_faq/side_effects"]),
    ("u just said the same thing. i asked what the GUIDE says about side effects", "faq/side_effects",
     {"level": None}, False, ["utter_safety_route_reminder_lasting", "utter_faq/side_effects"]),
    ("ok great. and is it normal for the pink to hang about this long? what does ur guide say", "faq/downtime",
     {"level": None}, True, ["utter_safety_route_reminder_lasting", "utter_faq/downtime"]),
    # ... not asked what the guide says: the route, as ever
    ("is it normal for the pink to hang about this long?", "faq/downtime", {"level": None}, True,
     ["utter_safety_no_reassurance", "utter_faq/urgent_lasting"]),
])
async def test_what_the_guide_says_asked_in_a_routes_thread_is_said_after_the_route(
    dispatcher, make_tracker, domain, monkeypatch, text, key, triage, asks, expected
):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T22:30:00+00:00")  # a Saturday night: closed
    earlier = [{**SAFETY_TURN[0], "parse_data": {"triage": {"level": "urgent", "lasting": True, "signs": ["bump*"]}}},
               *SAFETY_TURN[1:]]
    tracker = make_tracker(intent="faq", text=text, events=earlier, response_selector=selected_answer(key),
                           slots={"last_topic": "urgent", "offer": "clinic", "lasting_route_given": True})
    tracker.latest_message["triage"] = triage
    tracker.latest_message["asks"] = asks
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("level, signs, expected", [
    # play-test 203: "ok but as it is now, just pink, can i wait", then "so your saying ring the clinic then, not 111?",
    # the message the route was given for past the turns a message is handled with: NHS 111 now
    ("expected", ["red|redness|reddish|pink|pinkish|flush*|blotch*|rosy"], "utter_safety_route_reminder_lasting"),
    # ... a sign beyond what the guide expects, said since, is its own route
    ("urgent", ["pus|puss|oozing|ooze*"], "utter_safety_route_reminder_closed"),
])
def test_the_lasting_route_holds_past_an_expected_sign_said_again(make_tracker, domain, monkeypatch, level, signs,
                                                                   expected):
    from actions.answers import route_variant

    monkeypatch.setenv("CLINIC_NOW", "2026-12-05T22:30:00+00:00")  # a Saturday night: closed
    earlier = [{**SAFETY_TURN[0], "parse_data": {"triage": {"level": level, "signs": signs}}}, *SAFETY_TURN[1:]]
    tracker = make_tracker(intent="faq", text="so your saying ring the clinic then, not 111?", events=earlier,
                           slots={"last_topic": "urgent", "lasting_route_given": True})
    tracker.latest_message["triage"] = {"level": None}
    assert route_variant(domain, "utter_safety_route_reminder", tracker) == expected


@pytest.mark.parametrize("answered, expected", [
    # play-test 210: a pink chin two weeks on named again ("just a bit pink and a few tiny spots") and given the lasting
    # route, then "it's not an emergency right? I can finish my lunch and ring them after?": NHS 111 now
    ("utter_faq/urgent_lasting_open", True),
    # ... a report since that got another route is its own
    ("utter_faq/urgent", False),
])
def test_the_lasting_route_holds_past_a_report_given_it_again(make_tracker, answered, expected):
    from actions.answers import a_lasting_sign

    earlier = [
        {"event": "user", "timestamp": None, "text": "just a bit pink and a few tiny spots",
         "parse_data": {"triage": {"level": "urgent", "signs": ["bump*"]}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": answered}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text="it's not an emergency right? I can finish my lunch and ring them after?",
                           events=earlier, slots={"last_topic": "urgent", "lasting_route_given": True},
                           parse_data={"triage": {"level": None}})
    assert a_lasting_sign(tracker) is expected


@pytest.mark.parametrize("text, triage, expected", [
    # play-test 256: "tiny dots … like a grid pattern … 3 weeks ago", then "I just want to know if I ring you or the GP
    # about these dots" got NHS 111 now, twice: the same thing in other words
    ("I just want to know if I ring you or the GP about these dots", {"level": "urgent", "signs": ["bump*|dots"]}, True),
    # something new, worse, timed, or an infection's sign is its own report
    ("now there are new dots on my neck too", {"level": "urgent", "signs": ["bump*|dots"]}, False),
    ("the dots are getting worse", {"level": "urgent", "signs": ["bump*|dots"], "worse": True}, False),
    ("the dots have pus in them", {"level": "urgent", "signs": ["pus|puss|oozing|ooze*"]}, False),
])
def test_what_was_said_to_last_named_again_in_other_words_is_the_same(make_tracker, text, triage, expected):
    from actions.answers import a_lasting_sign

    earlier = [
        {"event": "user", "timestamp": None, "text": "had it done 3 weeks ago, tiny dots like a grid pattern",
         "parse_data": {"triage": {"level": "urgent", "lasting": True, "signs": ["grid_marks"]}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text=text, events=earlier, slots={"last_topic": "urgent"},
                           parse_data={"triage": triage})
    assert a_lasting_sign(tracker) is expected


@pytest.mark.parametrize("text, triage, expected", [
    # play-test 256: "it's only my chin, my lips are fine. is that normal then?" after the expected reaction's answer
    # got "contact the clinic now … don't wait to see if it settles"
    ("it's only my chin, my lips are fine. is that normal then?", {"level": "urgent"}, "utter_faq/expected_reaction"),
    # something unclear of its own is unclear, so urgent
    ("i feel really weird now", {"level": "urgent"}, "utter_faq/urgent"),
])
async def test_only_where_it_is_said_after_the_expected_reaction_keeps_its_route(
    dispatcher, make_tracker, domain, clinic_open, text, triage, expected
):
    tracker = in_thread(make_tracker, "expected_reaction", "faq", "faq/urgent", text=text)
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(expected), responses(dispatcher)


def test_the_lasting_route_given_is_noted(make_tracker):
    from actions.answers import emergency_noted

    tracker = make_tracker(intent="faq", text="...", slots={"urgent_route_given": True})
    assert emergency_noted(tracker, [{"response": "utter_faq/urgent_lasting"}]) == [SlotSet("lasting_route_given", True)]
    assert emergency_noted(tracker, [{"response": "utter_faq/urgent_closed"}]) == [SlotSet("lasting_route_given", False)]
    assert emergency_noted(tracker, [{"response": "utter_faq/pain"}]) == []


@pytest.mark.parametrize("slots, said, triage, expected", [
    # the urgent route given: noted once
    ({}, "utter_faq/urgent", {}, [SlotSet("urgent_route_given", True)]),
    ({"urgent_route_given": True}, "utter_faq/urgent_closed", {}, []),
    # set aside by help had, the person well, or the route taken back
    ({"urgent_route_given": True}, "utter_faq/help_had", {"help_had": True}, [SlotSet("urgent_route_given", False)]),
    ({"urgent_route_given": True}, "utter_faq/pain", {"just_asking": True}, [SlotSet("urgent_route_given", False)]),
    ({"urgent_route_given": True}, "utter_safety_route_withdrawn", {}, [SlotSet("urgent_route_given", False)]),
    # and kept by anything else
    ({"urgent_route_given": True}, "utter_faq/pain", {}, []),
])
def test_the_urgent_route_given_is_noted_until_set_aside(make_tracker, slots, said, triage, expected):
    # play-test 208: "ok just tried calling, line was busy. tried twice. now what", six messages after the urgent
    # route, past the turns a message is handled with, got a menu
    from actions.answers import emergency_noted

    tracker = make_tracker(intent="faq", text="...", slots=slots, parse_data={"triage": triage})
    assert [e for e in emergency_noted(tracker, [{"response": said}]) if e["name"] == "urgent_route_given"] == expected


def test_the_urgent_route_given_is_reported_past_the_turns_read(make_tracker):
    from actions.answers import reported_earlier

    assert reported_earlier(make_tracker(intent="faq", text="now what", slots={"urgent_route_given": True})) == "urgent"
    assert reported_earlier(make_tracker(intent="faq", text="now what")) is None


@pytest.mark.parametrize("text, flags", [
    # play-test 100: "hes a bit better … the line is busy, do i still need to bother them?" got how long results last,
    # and "what?? im asking about 999. hes feeling better so do i still call them or not" got "please set that advice
    # aside": still the emergency route, and no guess that it was nothing
    ("hes lying down now and says hes a bit better. the line is busy, do i still need to bother them?",
     {"eased": True, "not_called": True}),
    ("what?? im asking about 999. hes feeling better so do i still call them or not",
     {"just_asking": True, "emergency_help_named": True, "well": True, "eased": True}),
])
async def test_asking_whether_to_still_call_keeps_the_emergency_route(dispatcher, make_tracker, domain, clinic_open,
                                                                      text, flags):
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/unknown_longevity", text=text)
    tracker.latest_message["triage"].update(flags)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0] == "utter_faq/emergency"
    assert not any(name.startswith(("utter_safety_route_withdrawn", "utter_faq/unknown")) for name in said)


@pytest.mark.parametrize("key, triage, open_now, expected", [
    # play-test 106: "so even if i got confused its still 111 not 999?" after the urgent route got the route again with
    # only an allergy's signs for 999: the route, and the signs that need 999
    ("faq/warning_signs", {"level": None, "when_999": True}, True, "utter_faq/urgent_when_999"),
    ("faq/warning_signs", {"level": None, "when_999": True}, False, "utter_faq/urgent_closed_when_999"),
    ("faq/expected_reaction", {"level": "expected", "when_999": True}, False, "utter_faq/urgent_closed_when_999"),
])
async def test_when_999_is_for_asked_in_the_urgent_thread(dispatcher, make_tracker, domain, monkeypatch, key, triage,
                                                          open_now, expected):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-09T11:00:00+00:00" if open_now else "2026-12-12T22:00:00+00:00")
    tracker = in_thread(make_tracker, "urgent", "faq", key, text="so even if i got confused its still 111 not 999?")
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert expected in responses(dispatcher)
    assert not any(r in responses(dispatcher) for r in ("utter_faq/warning_signs", "utter_faq/urgent_closed"))


@pytest.mark.parametrize("text, selected", [
    # play-test 106: "honestly if i just take paracetamol and go to bed and ring you first thing monday, is that ok?",
    # with a red streak and shivers, got the suitability answer and a consultation offered
    ("honestly if i just take paracetamol and go to bed and ring you first thing monday, is that ok?", "faq/suitability"),
    # play-test 159: read as whether it treats puffy eyes, after an allergic-looking reaction got NHS 111
    ("its not my lips its just my eyes, theyre puffy. will the piriton not just sort it out? i dont really want to sit on "
     "hold with 111 for ages", "faq/unknown_area"),
])
async def test_the_urgent_route_put_off_is_the_route_again(dispatcher, make_tracker, domain, monkeypatch, text,
                                                           selected):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-12T22:00:00+00:00")
    tracker = in_thread(make_tracker, "urgent", "faq", selected, text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said and "urgent" in said[0] or "route_reminder" in said[0]
    assert f"utter_{selected}" not in said


async def test_the_urgent_route_put_off_till_after_a_meeting_is_the_route_now(dispatcher, make_tracker, domain,
                                                                              monkeypatch):
    # play-test 192: "today" said again, and the makeup answered, with the clinic closing before the meeting ends
    monkeypatch.setenv("CLINIC_NOW", "2026-12-09T16:40:00+00:00")
    text = "honestly its tiny. cant i just put a bit of concealer on and ring after the meeting? it finishes at 6"
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/unknown_product", text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert any(response.startswith("utter_faq/urgent") for response in said)
    assert "utter_safety_route_reminder" not in said and "utter_faq/unknown_product" not in said


@pytest.mark.parametrize("slots, expected", [
    # play-test 105: "will what i typed be saved for the booking?", the request paused for the emergency's answer, got
    # the privacy notice
    ({"booking_name": "Amy Fox", "booking_contact": "+447700900123"}, ["utter_booking_details_kept"]),
    # with nothing given for a request, the privacy notice
    ({}, ["utter_faq/privacy"]),
])
async def test_whether_a_paused_request_is_kept_is_answered_so(dispatcher, make_tracker, domain, clinic_open, slots,
                                                               expected):
    tracker = make_tracker(intent="faq", text="ok calling back. will what i typed be saved for the booking?",
                           slots=slots, response_selector=selected_answer("faq/privacy"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("level, signs, expected", [
    # play-test 108: "i feel a bit muddled, like foggy" after a spreading red streak and shivers got NHS 111, twice
    ("urgent", ["spread*|spreading|streak*", "fever*|feverish|temperature|temp|shiver*"], "utter_faq/emergency"),
    # ... in the urgent thread of no infection (pink cheeks on day 6: play-test 199, "call 999 now" to "sorry im
    # confused"), the urgent route as it was
    ("urgent", ["red|redness|reddish|pink|pinkish"], "utter_faq/urgent"),
    # ... in no thread, the answer as it was
    (None, [], "utter_faq/reassurance"),
])
async def test_confusion_said_in_an_infections_thread_is_an_emergency(dispatcher, make_tracker, domain, clinic_open,
                                                                      level, signs, expected):
    text = "ok. the streak is a bit longer than an hour ago tbh. and i feel a bit muddled, like foggy. is that normal?"
    if level:
        earlier = [{**SAFETY_TURN[0], "parse_data": {"triage": {"level": level, "signs": signs}}}, *SAFETY_TURN[1:]]
        tracker = make_tracker(intent="faq", text=text, events=earlier, slots={"last_topic": level, "offer": "clinic"},
                               response_selector=selected_answer("faq/reassurance"))
    else:
        tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/reassurance"))
    tracker.latest_message["triage"] = {"level": None, "after_an_infection_emergency": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    if expected == "utter_faq/urgent":  # the route, after "I can't tell you that it's fine", and no 999
        assert said[-1].startswith(expected) and not any(response.startswith("utter_faq/emergency") for response in said)
    else:
        assert said[0].startswith(expected)


@pytest.mark.parametrize("earlier, expected", [
    # play-test 122: after "111 said GP tomorrow" for an oozing, hot cheek (the advice of those asked), "i feel a bit
    # foggy too tbh, kind of muddled" got "No rush"
    ({"level": None, "help_had": True, "signs": ["pus|puss|oozing|ooze*"]}, "utter_faq/emergency"),
    ({"level": "urgent", "signs": ["fever*|feverish|temperature|temp|high_temp|chills|shiver*"]}, "utter_faq/emergency"),
    # an earlier report of no infection is no infection's thread
    ({"level": None, "help_had": True, "signs": ["lip*|tongue* + swel*"]}, "utter_faq/urgent"),
])
async def test_confusion_said_after_an_infection_was_told_is_an_emergency(dispatcher, make_tracker, domain, clinic_open,
                                                                          earlier, expected):
    text = "ok well i feel a bit foggy too tbh, kind of muddled, hard to think"
    events = [{"event": "user", "text": "earlier", "parse_data": {"intent": {"name": "faq"}, "triage": earlier}},
              {"event": "user", "text": text, "parse_data": {}}]
    tracker = make_tracker(intent="faq", text=text, events=events, response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "after_an_infection_emergency": True,
                                        "signs": ["feel* + muddled|foggy"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(expected)


@pytest.mark.parametrize("earlier, expected", [
    # play-test 149: "please help, i think i'm having an allergic reaction", then "my throat feels scratchy", got NHS 111
    ({"level": "urgent", "allergy": True}, "utter_faq/emergency"),
    # a throat said to be scratchy with no allergic reaction told before: the route as it was
    ({"level": "urgent"}, "utter_faq/urgent"),
])
async def test_a_scratchy_throat_after_an_allergic_reaction_is_an_emergency(dispatcher, make_tracker, domain,
                                                                            clinic_open, earlier, expected):
    text = "my throat feels scratchy"
    events = [{"event": "user", "text": "earlier", "parse_data": {"intent": {"name": "faq"}, "triage": earlier}},
              {"event": "user", "text": text, "parse_data": {}}]
    tracker = make_tracker(intent="faq", text=text, events=events, response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "after_an_allergy_emergency": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(expected)


@pytest.mark.parametrize("triage", [
    # play-test 112: "he used the pen and says hes breathing a bit easier now. do we still need the ambulance or can i
    # just drive him in now hes better" got the guide's silence on driving: better is no end of the thread while the
    # ambulance called is called off or put off
    {"level": None, "well": True, "cancel_help": True, "instead_of_999": True, "driving": True},
    {"level": None, "well": True, "cancel_help": True},
])
async def test_help_called_off_by_someone_better_is_not_on_this_assistants_word(dispatcher, make_tracker, domain,
                                                                               clinic_open, triage):
    text = "he used the pen and says hes breathing a bit easier now. do we still need the ambulance or can i just drive him in"
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/unknown_activity", text)
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_cancel_asked"]


@pytest.mark.parametrize("judged, expected", [
    # play-test 113: "i call. the man say is not emergency, i go to pharmacy and take tablet for allergy" got "Please
    # call 999 now" and "I can't advise on medicines": the advice of those called stands, and the call is over
    (True, ["utter_faq/help_had"]),
    # help had with no judgement of it, while not well again: the route again, and no advice on the medicine, as before
    (False, ["utter_faq/emergency_help_coming", "utter_medicine_in_emergency"]),
])
async def test_advice_judged_by_those_called_stands_in_the_emergencys_thread(dispatcher, make_tracker, domain,
                                                                             clinic_open, judged, expected):
    text = "i call. the man say is not emergency, i go to pharmacy and take tablet for allergy, and if worse call again"
    tracker = _after_the_ambulance_was_called(make_tracker, "faq", "faq/help_had", text)
    tracker.latest_message["triage"] = {"level": None, "worse": True, "help_had": True, "judged": judged}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_a_sign_coming_back_after_help_came_for_an_emergency_is_the_emergency(dispatcher, make_tracker, domain,
                                                                                  clinic_open):
    # play-test 114: "the paramedics came … a mild reaction … she's fine now", then a call back, then "her lips feel a
    # bit tingly again" got the expected reaction's answer three times
    said = [
        ("my daughter's eyes are swelling and her throat feels funny", {"level": "emergency"}),
        ("the paramedics came, they said it's a mild reaction and gave her antihistamine, she's fine now",
         {"level": None, "help_had": True, "judged": True, "well": True, "over": True}),
        ("can the clinic ring her tomorrow?", {"level": None}),
    ]
    events = _said_before(said)
    tracker = make_tracker(intent="faq", text="oh she's just said her lips feel a bit tingly again", events=events,
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/emergency"
    # ... but an emergency said to be past with no help had for it ("it was last month, shes fine now") is set aside
    events[2]["parse_data"]["triage"] = {"level": None, "over": True}
    dispatcher.messages.clear()
    tracker = make_tracker(intent="faq", text="oh she's just said her lips feel a bit tingly again", events=events,
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] != "utter_faq/emergency"


@pytest.mark.parametrize("last_topic, urgent", [
    # play-test 115: after NHS 111 now, and a call back sent, "do I ring 111 tonight or is it ok to wait for them
    # monday?" got "call NHS 111 … or contact the clinic when it opens", the sign reported further back than the turns
    # a message is handled with
    ("urgent", True),
    # with no urgent route given, the answer as it was
    (None, False),
])
async def test_whether_to_wait_after_the_urgent_route_is_that_route(dispatcher, make_tracker, domain, clinic_open,
                                                                   last_topic, urgent):
    tracker = make_tracker(intent="faq", text="so do I ring 111 tonight or is it ok to wait for them monday?",
                           slots={"last_topic": last_topic}, response_selector=selected_answer("faq/reassurance"))
    tracker.latest_message["triage"] = {"level": None, "seeking_help": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_faq/urgent") is urgent


async def test_a_sign_coming_back_after_an_emergency_had_with_help_is_the_emergency(dispatcher, make_tracker, domain,
                                                                                   clinic_open):
    # play-test 116: "my throat went tight and the paramedics came … said im fine and left", then "my tongue feels kind
    # of tingly again" hours later got the expected reaction's answer, five times
    said = {"event": "user", "timestamp": None, "text": "my throat went tight and the paramedics came, said im fine",
            "parse_data": {"triage": {"level": None, "help_had": True, "over": True, "emergency_had": True}}}
    tracker = make_tracker(intent="faq", text="my tongue feels kind of tingly again",
                           events=[said, {"event": "action", "timestamp": None, "name": "action_listen"}],
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/emergency"


@pytest.mark.parametrize("since, expected, text", [
    # play-test 116: the same signs said again, after 999 had judged them no emergency, got "Please call 999 now"
    ([], "utter_faq/help_had", "about my lips swollen after the treatment this morning"),
    # said to be back: the emergency again
    ([], "utter_faq/emergency", "my lips are swollen again"),
    # worse since, or a new emergency since: the emergency again
    ([("its getting bigger", {"level": None, "worse": True})], "utter_faq/emergency",
     "about my lips swollen after the treatment this morning"),
    ([("my throat is tight", {"level": "emergency", "signs": ["throat + tight*"]})], "utter_faq/emergency",
     "about my lips swollen after the treatment this morning"),
])
async def test_the_same_signs_after_those_called_judged_them_keep_their_advice(dispatcher, make_tracker, domain,
                                                                              clinic_open, since, expected, text):
    said = [("now my lips feel little bit swollen", {"level": "emergency", "signs": ["lip* + swel*"]}),
            ("ok i call 999 already. the lady say is not emergency, take antihistamine",
             {"level": None, "help_had": True, "judged": True})] + since
    events = _said_before(said)
    tracker = make_tracker(intent="faq", text=text, events=events, response_selector=selected_answer("faq/emergency"))
    tracker.latest_message["triage"] = {"level": "emergency", "signs": ["lip* + swel*"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected


@pytest.mark.parametrize("text, triage, key, expected", [
    # play-test 117: "yellow crust … pain getting worse", then "just spoke to 111, they said go to the urgent treatment
    # centre in the morning … is it ok to put the sudocrem on tonight meanwhile?", then the crust named again with the
    # cream: NHS 111 now, three times
    ("just spoke to 111, they said go to the urgent treatment centre in the morning. is it ok to put the sudocrem on "
     "tonight meanwhile?", {"level": None, "help_had": True, "judged": True}, "faq/unknown_product",
     ["utter_faq/help_had", "utter_medicine_in_thread"]),
])
async def test_a_medicine_asked_beside_the_advice_had_keeps_that_advice(dispatcher, make_tracker, domain, clinic_open,
                                                                       text, triage, key, expected):
    tracker = in_thread(make_tracker, "urgent", "faq", key, text=text)
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_the_signs_of_the_report_the_help_was_had_for_are_covered_by_its_advice(dispatcher, make_tracker, domain,
                                                                                     clinic_open):
    said = [("yellow crust on cheek and pain getting worse since thursdays treatment",
             {"level": "urgent", "worse": True, "signs": ["crust*", "pain + worse"]}),
            ("just spoke to 111, they said go to the urgent treatment centre in the morning",
             {"level": None, "help_had": True, "judged": True})]
    events = _said_before(said)
    tracker = make_tracker(intent="faq", text="im asking about sudocrem on the crusty bit tonight", events=events,
                           response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["crust*"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_faq/help_had"
    # a sign not in that report is something new, which the advice had does not cover
    dispatcher.messages.clear()
    tracker = make_tracker(intent="faq", text="and now i have a fever", events=events,
                           response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["fever*"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_faq/urgent")


async def test_how_it_looks_said_worse_after_an_urgent_route_keeps_that_route(dispatcher, make_tracker, domain,
                                                                           monkeypatch):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-06T04:00:00+00:00")  # a Sunday night: closed
    # play-test 119: white itchy bumps two days after got NHS 111 now, then "will this scar?? … I look worse than
    # before" got the clinic when it opens, five times, with pus said in between
    said = {"event": "user", "timestamp": None, "text": "small white bumps and itching, 2 days after my treatment",
            "parse_data": {"triage": {"level": "urgent", "signs": ["bump*"]}}}
    tracker = make_tracker(intent="faq", text="will this scar?? I look worse than before",
                           events=[said, {"event": "action", "timestamp": None, "name": "action_listen"}],
                           slots={"last_topic": "urgent"}, response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["worse"], "lasting": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_faq/urgent_closed" in responses(dispatcher)
    assert not any("lasting" in said for said in responses(dispatcher))


@pytest.mark.parametrize("reported, expected", [
    # play-test 118: "the redness is normal for a few days though right?" two messages after throbbing got NHS 111 now,
    # a request's reference asked in between: the expected reaction's words, then "I'll skip ringing 111 again"
    ({"level": "urgent", "signs": ["throb*"]}, "utter_faq/urgent"),
    # with nothing urgent reported, the expected reaction's answer, as before
    ({"level": None}, "utter_faq/expected_reaction"),
])
async def test_an_expected_sign_after_an_urgent_report_keeps_its_route(dispatcher, make_tracker, domain, clinic_open,
                                                                      reported, expected):
    said = [("its started throbbing a bit now as well", reported),
            ("can you add the throbbing to the call back note?", {})]
    events = _said_before(said)
    tracker = make_tracker(intent="faq", text="the redness is normal for a few days though right?", events=events,
                           response_selector=selected_answer("faq/expected_reaction"))
    tracker.latest_message["triage"] = {"level": "expected", "signs": ["red*"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(expected)


def _said_before(said):
    """The person's earlier messages, each with what the triage read in it, and the listen after each."""
    events = []
    for text, triage in said:
        events += [{"event": "user", "timestamp": None, "text": text, "parse_data": {"triage": triage}},
                   {"event": "action", "timestamp": None, "name": "action_listen"}]
    return events


@pytest.mark.parametrize("triage, expected", [
    # play-test 125: "contact the clinic again, or NHS 111" if the lip swelling the 999 call handler judged got worse
    ({"level": None, "help_had": True, "judged": True, "emergency_had": True}, "utter_faq/help_had_after_an_emergency"),
    # an infection's signs, judged by 111: their advice, with the clinic or 111 if it gets worse
    ({"level": None, "help_had": True, "judged": True}, "utter_faq/help_had"),
])
async def test_the_advice_had_for_an_emergencys_signs_says_999_if_it_gets_worse(dispatcher, make_tracker, domain,
                                                                                  clinic_open, triage, expected):
    text = "ok i spoke to them, they said its mild, keep taking antihistamines and call back if it gets worse"
    tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/help_had"))
    tracker.latest_message["triage"] = triage
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected


@pytest.mark.parametrize("elsewhere", [True, False])
async def test_someone_treated_elsewhere_is_told_to_let_that_clinic_know_too(dispatcher, make_tracker, domain,
                                                                             clinic_open, elsewhere):
    # play-test 124: "let Lumen Skin Clinic know", three times, to someone treated at another clinic
    text = "hi, i had microneedling last week at a different clinic (not yours) and now ive got loads of tiny white bumps"
    tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/urgent"))
    tracker.latest_message["triage"] = {"level": "urgent", "signs": ["bump*"], "treated_elsewhere": elsewhere}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0].startswith("utter_faq/urgent")
    assert ("utter_treated_elsewhere" in said) == elsewhere


@pytest.mark.parametrize("latest, called_before, expected", [
    # play-test 127: "they've said an ambulance is coming. his lips look a bit swollen now too" after his eyes, and
    # "does the lips thing count as worse? should I ring them back?" got "if it gets worse before they arrive, call
    # 999 again", twice
    ({"level": "emergency", "waiting_for_help": True, "emergency_help_named": True, "signs": ["lip*|tongue* + swel*"]},
     False, "utter_faq/emergency_worse_while_help_comes"),
    ({"level": None, "worse": True}, True, "utter_faq/emergency_worse_while_help_comes"),
    # the same signs said with help called in that message: help coming, as before
    ({"level": "emergency", "waiting_for_help": True, "emergency_help_named": True,
      "signs": ["eye*|eyelid* + closing_up|nearly_shut"]}, False, "utter_faq/emergency_help_coming"),
])
async def test_a_new_emergency_sign_while_help_comes_is_called_in(dispatcher, make_tracker, domain, clinic_open, latest,
                                                                  called_before, expected):
    called = [
        {"event": "user", "timestamp": None, "text": "his eyes are puffy and nearly shut",
         "parse_data": {"triage": {"level": "emergency", "signs": ["eye*|eyelid* + closing_up|nearly_shut"]}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
    ] + ([
        {"event": "user", "timestamp": None, "text": "ok they said an ambulance is coming",
         "parse_data": {"triage": {"level": None, "waiting_for_help": True, "emergency_help_named": True}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
    ] if called_before else []) + [{"event": "action", "timestamp": None, "name": "action_listen"}]
    tracker = make_tracker(intent="faq", text="his lips look a bit swollen now too", events=called,
                           slots={"last_topic": "emergency", "offer": "clinic"},
                           response_selector=selected_answer("faq/emergency"))
    tracker.latest_message["triage"] = latest
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected


@pytest.mark.parametrize("text, medicine", [
    # play-test 127: the emergency's route, and the piriton never answered
    ("his eyes are all puffy and nearly shut. Should I give him an antihistamine? I have some piriton", True),
    ("his eyes are all puffy and nearly shut, he can barely see", False),
])
async def test_a_medicine_asked_about_with_an_emergency_is_for_the_call_handler(dispatcher, make_tracker, domain,
                                                                                clinic_open, text, medicine):
    tracker = make_tracker(intent="faq", text=text, response_selector=selected_answer("faq/emergency"))
    tracker.latest_message["triage"] = {"level": "emergency", "signs": ["eye*|eyelid* + closing_up|nearly_shut"]}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0].startswith("utter_faq/emergency")
    assert ("utter_medicine_in_emergency" in said) == medicine


def _sign_and_a_question(make_tracker, level, text, part, key, entity):
    """A sign reported with a question beside it, as the NLU gives it: the question a part, the thing it names an
    entity."""
    start = text.index(part)
    tracker = make_tracker(
        intent="faq", text=text, response_selector=selected_answer(f"faq/{level}"),
        entities=[{"entity": entity[0], "value": entity[1], "start": 0, "end": 1}] if entity else [],
        parse_data={
            "triage": {"level": level, "signs": ["red"]},
            "questions": [],
            "question_parts": [{"text": part, "start": start, "end": start + len(part), "intent_response_key": key,
                                "confidence": 0.51 if entity or "what" in part else 0.79, "aspect_only": False}],
        },
    )
    return tracker


@pytest.mark.parametrize("level, text, part, key, entity, expected", [
    # play-tests 157, 159 and 161: the route alone, the question beside it never named
    ("urgent", "my skin is really red and hot 3 days after, can i put vaseline on it?", "can i put vaseline on it?",
     "faq/unknown_product", ("unknown_product", "that product"), "utter_off_guide_beside_the_route"),
    ("urgent", "theres yellow crusty stuff on my cheek. can i still wear makeup to work", "can i still wear makeup",
     "faq/unknown_activity", ("unknown_activity", "makeup"), "utter_off_guide_beside_the_route"),
    # a medicine: who can advise on it
    ("urgent", "my cheek is hot and spreading. should i take ibuprofen?", "should i take ibuprofen?",
     "faq/unknown_product", None, "utter_medicine_in_thread"),
    # play-test 164: a medicine and an activity, both answered
    ("urgent", "my cheeks are hot and weepy. can i put sudocrem on it and can i still go to the gym",
     "can i still go to the gym", "faq/unknown_activity", ("unknown_activity", "the gym"),
     "utter_medicine_in_thread utter_off_guide_beside_the_route"),
    # nothing the NLU names: said without naming it, when the part is likely enough to ask of something off the guide
    ("urgent", "my face is weeping, can i wash it with water?", "can i wash it with water?", "faq/unknown_activity",
     None, "utter_off_guide_beside_the_route_unnamed"),
    ("urgent", "my cheek is hot and spreading, what should i do?", "what should i do?", "faq/unknown_activity", None,
     None),
    ("expected_reaction", "my face is a bit red, can i wear makeup?", "can i wear makeup?", "faq/unknown_activity",
     ("unknown_activity", "makeup"), "utter_off_guide_beside_a_reaction"),
    # said to be left unanswered, with no question of its own (play-test 163)
    ("urgent", "111?? for a bit of redness, bit ott no. you still didnt say about the aloe vera", "bit ott no",
     "faq/urgent", ("unknown_product", "that product"), "utter_off_guide_beside_the_route"),
])
async def test_a_question_beside_a_route_is_named_after_it(dispatcher, make_tracker, domain, clinic_open, level,
                                                            text, part, key, entity, expected):
    tracker = _sign_and_a_question(make_tracker, level, text, part, key, entity)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0].startswith(f"utter_faq/{level}")
    assert said[1:] == (expected.split() if expected else [])
    if expected and expected.endswith("utter_off_guide_beside_the_route"):
        assert dispatcher.messages[-1]["thing"] == entity[1]


@pytest.mark.parametrize("earlier, text, expected", [
    # play-test 163: redness two weeks on got the urgent route, a request was sent, then these got the expected
    # reaction's words, twice, and no route
    ([a_report("urgent"), a_report(None)], "thanks. so is 2 weeks red normal or not, like how long does redness usually last",
     ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    ([a_report("urgent"), a_report(None)], "right so a few days. mines been 14 days so thats not normal then is it",
     ["utter_safety_no_reassurance", "utter_faq/urgent"]),
    # asked of treatments in general, or with nothing reported: the answer asked for (after the route in a line, while
    # what was reported is not seen to)
    ([a_report("urgent"), a_report(None)], "in general, is it normal to be red for a few days?",
     ["utter_safety_route_reminder", "utter_faq/downtime"]),
    ([a_report(None)], "is it normal to be red for 2 weeks", ["utter_faq/downtime"]),
])
async def test_whether_a_reaction_is_normal_after_a_sign_reported_earlier(dispatcher, make_tracker, domain, clinic_open,
                                                                          earlier, text, expected):
    events = [*earlier, {"event": "action", "timestamp": None, "name": "action_submit_booking"}]
    tracker = make_tracker(intent="faq", text=text, events=events, response_selector=selected_answer("faq/downtime"))
    tracker.latest_message["triage"] = {"level": None}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [name.split("_closed")[0] for name in responses(dispatcher)] == expected


@pytest.mark.parametrize("earlier, expected", [
    # play-test 166: "but its not slightly, it really burns" after the expected reaction's answer got the ice answer
    # alone; signs read as one's own in the thread are a report
    ([a_report("expected")], "utter_faq/urgent"),
    # with nothing reported before, the answer asked for
    ([a_report(None)], "utter_faq/unknown_product"),
])
async def test_signs_said_in_the_thread_are_a_report(dispatcher, make_tracker, domain, clinic_open, earlier, expected):
    tracker = make_tracker(intent="faq", text="hello?? its burning a lot. who do i ask about the ice", events=earlier,
                           response_selector=selected_answer("faq/unknown_product"),
                           entities=[{"entity": "unknown_product", "value": "ice"}])
    tracker.latest_message["triage"] = {"level": None, "level_if_happening": "urgent"}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected


@pytest.mark.parametrize("earlier, expected", [
    # play-test 189: "its only a bit red tbh, prob just the normal redness from the treatment right?" (the fallback's
    # intent) after a spreading hot patch and a fever got NHS 111 now: the expected reaction's words
    ([a_report("urgent"), a_report(None), a_report(None)], "utter_faq/urgent"),
    # an expected reaction reported before: its words
    ([a_report("expected")], "utter_faq/expected_reaction"),
])
async def test_signs_played_down_in_the_thread_never_lower_the_route(dispatcher, make_tracker, domain, clinic_open,
                                                                     earlier, expected):
    from actions.fallback import ActionSuggestIntents

    tracker = make_tracker(intent="nlu_fallback", text="its only a bit red tbh, prob just the normal redness right?",
                           events=earlier)
    tracker.latest_message["triage"] = {"level": None, "level_if_happening": "expected"}
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected


async def test_how_to_choose_a_provider_is_never_asked_beside_advice_had(dispatcher, make_tracker, domain,
                                                                          clinic_open):
    # play-test 169: "they said go to the walk in centre tomorrow, should i still let the clinic know" got "choose a
    # reputable provider", twice, to someone treated at the clinic
    tracker = make_tracker(
        intent="faq", text="ok just rang them. they said go to the walk in centre tomorrow, should i still let the clinic know",
        events=[a_report("urgent")], slots={"last_topic": "urgent"},
        response_selector=selected_answer("faq/help_had", 1.0, [("faq/help_had", 1.0), ("faq/provider", 0.6)]),
    )
    text = tracker.latest_message["text"]
    tracker.latest_message["questions"] = asked(text, ("ok just rang them", "faq/help_had"),
                                                ("they said go to the walk in centre tomorrow", "faq/provider"))
    tracker.latest_message["triage"] = {"level": None, "help_had": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_faq/provider" not in responses(dispatcher)
    assert responses(dispatcher)[0].startswith("utter_faq/help_had")


@pytest.mark.parametrize("text, entity, expected", [
    # play-test 185: "could it be 5.45pm?" at the summary got "I can't tell you whether it's fine or whether it can
    # wait … NHS 111", and the time stayed: past the last start, said so
    ("actually monday im at work til 5, could it be 5.45pm?", "monday 5.45pm", ["utter_invalid_booking_time_hours"]),
    # a time that fits is put down
    ("could it be 5pm instead?", "5pm", []),
])
async def test_whether_it_can_be_another_time_is_a_change_of_the_time(dispatcher, make_tracker, domain, clinic_open,
                                                                     text, entity, expected):
    start = text.index(entity.split()[-1])
    tracker = make_tracker(
        intent="faq", text=text, active_loop="booking_form", response_selector=selected_answer("faq/reassurance"),
        slots={"requested_slot": "booking_consent", "booking_time_text": "monday",
               "booking_time": "2026-12-14T09:00:00+00:00/2026-12-14T18:00:00+00:00"},
        entities=[{"entity": "time", "value": entity, "start": start, "end": start + len(entity.split()[-1])}],
    )
    tracker.latest_message["triage"] = {"level": None}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert [name for name in responses(dispatcher) if not name.startswith("utter_booking_summary")] == expected
    if not expected:
        assert SlotSet("booking_time", "2026-12-14T17:00:00+00:00/2026-12-14T17:00:00+00:00") in events


@pytest.mark.parametrize("text, entity, changed", [
    # play-test 253: "baby" read as a suitability question, and the 9am neither taken nor refused
    ("oh actually can it be 9am? my husband can mind the baby before he goes out", "9am", True),
    ("how about thursday instead, i'm breastfeeding so mornings are hard", "thursday", True),
    # a time said without asking for it is no change asked
    ("im breastfeeding, is that ok? i feed her at 9am", "9am", False),
])
def test_another_time_asked_for_in_so_many_words_is_a_change(make_tracker, text, entity, changed):
    from actions.answers import a_time_asked_for_instead

    start = text.index(entity)
    tracker = make_tracker(
        intent="faq", text=text, active_loop="booking_form", response_selector=selected_answer("faq/suitability"),
        slots={"requested_slot": "booking_consent", "booking_time": "2026-12-14T09:00:00+00:00/2026-12-14T12:00:00+00:00"},
        entities=[{"entity": "time", "value": entity, "start": start, "end": start + len(entity)}],
    )
    tracker.latest_message["triage"] = {"level": None}
    assert a_time_asked_for_instead(tracker) is changed


_AFTER_999 = [
    {"event": "user", "timestamp": None, "text": "my eye is a bit hard to open now",
     "parse_data": {"triage": {"level": "emergency"}}},
    {"event": "action", "timestamp": None, "name": "action_answer_question"},
    {"event": "action", "timestamp": None, "name": "action_listen"},
]


@pytest.mark.parametrize("intent, text, triage, expected", [
    # play-test 208: "follow what the 999 call handler tells you" to someone about to call NHS 111
    ("nlu_fallback", "ok calling 111 now", {"waiting_for_help": True, "seeking_help": True},
     ["utter_emergency_not_111"]),
    ("faq", "ill ring 111 then", {"seeking_help": True}, ["utter_emergency_not_111"]),
    # 999 called, or an ambulance: help on its way, not 111
    ("faq", "ok calling 999 now", {"waiting_for_help": True, "emergency_help_named": True},
     ["utter_faq/emergency_help_coming"]),
])
async def test_111_called_after_the_emergency_answer_is_999_not_111(dispatcher, make_tracker, domain, intent, text,
                                                                     triage, expected):
    from actions.fallback import ActionSuggestIntents

    tracker = make_tracker(intent=intent, text=text, events=_AFTER_999, slots={"last_topic": "emergency"},
                           response_selector=selected_answer("faq/unknown_other"))
    tracker.latest_message["triage"] = {"level": None, **triage}
    action = ActionSuggestIntents() if intent == "nlu_fallback" else ActionAnswerQuestion()
    await action.run(dispatcher, tracker, domain)
    assert responses(dispatcher)[: len(expected)] == expected


async def test_111_called_with_a_request_picked_up_after_999_says_999_first(dispatcher, make_tracker, domain):
    from actions.booking_form import ActionStartBooking

    tracker = make_tracker(intent="book_consultation", text="ok calling 111 now. can u still send the call back thing tho",
                           events=_AFTER_999, slots={"last_topic": "emergency"},
                           entities=[{"entity": "request_kind", "value": "call_back"}])
    tracker.latest_message["triage"] = {"level": None, "waiting_for_help": True, "seeking_help": True}
    await ActionStartBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_emergency_not_111"


@pytest.mark.parametrize("intent, text, entities, route, expected", [
    # play-test 209: "No rush. Ask me anything", to someone with a yellow crust told to call NHS 111
    ("unsure", "you keep not answering me. squeeze them yes or no?", [{"entity": "unknown_activity", "value": "popping spots"}],
     True, ["utter_safety_route_reminder", "utter_faq/unknown_activity"]),
    # with no route given, what "not sure" gets alone
    ("unsure", "hmm not sure", [], False, ["utter_no_rush"]),
    ("unsure", "not sure yet", [], True, ["utter_safety_route_reminder"]),
])
async def test_a_not_sure_in_a_routes_thread_gets_the_route(dispatcher, make_tracker, domain, clinic_open, intent, text,
                                                             entities, route, expected):
    from actions.answers import ActionAnswerBesideAYesOrNo

    earlier = [{"event": "user", "timestamp": None, "text": "...",
                "parse_data": {"triage": {"level": "urgent" if route else None}}}]
    tracker = make_tracker(intent=intent, text=text, events=earlier, entities=entities,
                           parse_data={"triage": {"level": None}})
    await ActionAnswerBesideAYesOrNo().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_111_hung_up_on_after_an_emergency_said_after_it_is_999_not_111(dispatcher, make_tracker, domain):
    # play-test 213: "ill ring 111", then confusion and mottled legs got 999 (the triage read them as expected, the
    # infection before made them an emergency), then "should i hang up on 111 then or stay on?" got "don't call it off
    # on my word"
    events = [
        {"event": "user", "timestamp": None, "text": "ok fine ill ring 111 on the phone",
         "parse_data": {"triage": {"level": None, "waiting_for_help": True}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": "utter_faq/urgent_closed"}},
        {"event": "user", "timestamp": None, "text": "bit muddled and my legs look kind of blotchy purple",
         "parse_data": {"triage": {"level": "expected"}}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": "utter_faq/emergency"}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="nlu_fallback", text="should i hang up on 111 then or stay on? im scared",
                           events=events, slots={"last_topic": "emergency", "offer": "clinic"})
    tracker.latest_message["triage"] = {"level": None, "cancel_help": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_not_111"]


@pytest.mark.parametrize("help_had, expected", [
    # play-test 215: "so gp as well then yeah?" after "111 said see a gp" got "I can't tell you whether it can wait …
    # or contact the clinic when it opens", as if waiting were a choice
    (True, "utter_faq/help_had"),
    # with no advice had, whether it can wait is still not said
    (False, "utter_faq/reassurance"),
])
async def test_whether_to_follow_the_advice_had_is_that_advice(dispatcher, make_tracker, domain, clinic_open, help_had,
                                                              expected):
    earlier = [
        {"event": "user", "timestamp": None, "text": "the white bumps after my microneedling, 111 said see a gp",
         "parse_data": {"triage": {"level": None, "help_had": help_had, "signs": ["bump*"]}}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = make_tracker(intent="faq", text="thanks. so gp as well then yeah?", events=earlier,
                           response_selector=selected_answer("faq/reassurance"),
                           parse_data={"triage": {"level": None}})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith(expected)


async def test_an_ambulance_called_off_long_after_it_was_called_is_for_999(dispatcher, make_tracker, domain):
    # play-test 218: "ok calling now" seven messages before, the thread set aside by advice read in between, then "her
    # lips look a bit less now actually … can we just cancel the ambulance" got "What would you like to know about it?",
    # then "Please call 999 now"
    tracker = make_tracker(intent="nlu_fallback", text="her lips look a bit less now. can we just cancel the ambulance",
                           slots={"emergency_given": True, "emergency_help_called": True, "last_topic": None},
                           parse_data={"triage": {"level": None, "cancel_help": True, "emergency_help_named": True}})
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_cancel_asked"]


def test_emergency_help_called_after_the_emergency_answer_is_noted(make_tracker):
    from actions.answers import emergency_noted

    called = make_tracker(intent="nlu_fallback", text="ok calling now", slots={"emergency_given": True},
                          parse_data={"triage": {"waiting_for_help": True}})
    assert SlotSet("emergency_help_called", True) in emergency_noted(called, [])
    # NHS 111 is no emergency help called
    called_111 = make_tracker(intent="nlu_fallback", text="ok calling 111 now", slots={"emergency_given": True},
                              parse_data={"triage": {"waiting_for_help": True}})
    assert SlotSet("emergency_help_called", True) not in emergency_noted(called_111, [])


@pytest.mark.parametrize("now, expected", [
    # play-test 222: "so should i just ring them now then?" after the expected reaction's answer, the clinic open, got
    # "if something is worrying you": yes, ring them
    ("2026-12-09T13:00:00+00:00", ["utter_faq/reassurance_help_sought_open"]),  # a Wednesday, open
    ("2026-12-13T12:00:00+00:00", ["utter_faq/reassurance_help_sought"]),  # a Sunday, closed
])
async def test_whether_to_ring_the_clinic_asked_outside_a_route_is_answered_yes(
    dispatcher, make_tracker, domain, monkeypatch, now, expected
):
    monkeypatch.setenv("CLINIC_NOW", now)
    tracker = make_tracker(intent="faq", text="so should i just ring them now then?",
                           response_selector=selected_answer("faq/reassurance"))
    tracker.latest_message["triage"] = {"level": None, "seeking_help": True}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_a_call_whom_to_is_not_said_in_the_emergency_thread_gets_the_words_for_either(
    dispatcher, make_tracker, domain, clinic_open
):
    # play-test 224: "ok I've called them", of the clinic's reception, got the words for an ambulance on its way; play-
    # test 220, of 999, got "Please call 999 now" again
    tracker = in_thread(make_tracker, "emergency", "affirm", text="ok I've called them")
    tracker.latest_message["triage"]["called_unnamed"] = True
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/emergency_called_unnamed"]


async def test_a_medicine_asked_about_after_the_urgent_route_left_its_thread_keeps_the_route(
    dispatcher, make_tracker, domain, monkeypatch
):
    # play-test 229: "paracetamol for the fever. is it ok to take some", a menu and a "no" after NHS 111 now, got "ask the
    # clinic before your next one" with the clinic closed
    monkeypatch.setenv("CLINIC_NOW", "2026-12-13T12:00:00+00:00")  # Sunday: closed all day
    tracker = make_tracker(intent="faq", text="paracetamol for the fever. is it ok to take some",
                           slots={"urgent_route_given": True}, response_selector=selected_answer("faq/suitability"))
    tracker.latest_message["triage"] = {"level": None}
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[-1] == "utter_medicine_in_thread" and said[0].startswith("utter_safety_route_reminder"), said


@pytest.mark.parametrize("text, noted", [
    # play-test 231: a friend's age put on the request of a woman of 19, "Age: under 18"
    ("saturday morning? oh also my friend wants to come too shes 15 can she book with me", False),
    ("im 17, my friend told me about it, is that ok?", True),
    ("im 17 is that ok", True),
])
async def test_an_age_under_18_in_the_booking_is_noted_only_of_the_person_to_be_seen(dispatcher, make_tracker, domain,
                                                                                      text, noted):
    tracker = make_tracker(intent="faq", text=text, active_loop="booking_form",
                           slots={"requested_slot": "booking_time"},
                           response_selector=selected_answer("faq/minors"))
    tracker.latest_message["triage"] = {"level": None, "under_age": True, "minor": True}
    events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert (SlotSet("booking_under_18", True) in events) == noted


@pytest.mark.parametrize("text, expected", [
    # right after a suitability answer, "but is it safe?" asks about that person; the "Is it safe?" button is what it
    # says (play-test 230: the consultation's words alone, a third time)
    ("but is it safe?", "utter_faq/suitability"),
    ('/faq{"topic": "safety"}', "utter_faq/safety"),
])
async def test_is_it_safe_after_a_suitability_answer(dispatcher, make_tracker, domain, text, expected):
    tracker = make_tracker(intent="faq", text=text, slots={"last_topic": "suitability"},
                           response_selector=selected_answer("faq/safety"))
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == expected, responses(dispatcher)


@pytest.mark.parametrize("text", [
    # play-test 232: after "Please call 999 now", the emergency's words four times and the question never answered
    "ok im ringing the clinic now, theyre open right?",
    "mate just yes or no are they open",
])
async def test_whether_the_clinic_is_open_asked_in_the_emergency_thread_is_answered(dispatcher, make_tracker, domain,
                                                                                   clinic_open, text):
    tracker = in_thread(make_tracker, "emergency", "faq", "faq/clinic_info", text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:2] == ["utter_faq/emergency", "utter_emergency_clinic_open"], responses(dispatcher)
    assert dispatcher.messages[1].get("closes")


async def test_when_the_clinic_closes_asked_in_the_urgent_thread_is_answered(dispatcher, make_tracker, domain,
                                                                            clinic_open):
    # play-test 232: "ok. what time do they shut today" got "I can't tell you that it's fine", twice
    tracker = in_thread(make_tracker, "urgent", "nlu_fallback", text="ok. what time do they shut today")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert "utter_urgent_clinic_open" in responses(dispatcher), responses(dispatcher)


@pytest.mark.parametrize("text, said", [
    # play-test 235: after the urgent route, NHS 111's call back waited for: a call back of the clinic's began, then
    # "call NHS 111 now" to someone who had
    ("they said theres a wait of like 40 mins for a call back. can i just take paracetamol and go to bed?",
     ["utter_waiting_for_111s_call", "utter_medicine_in_thread"]),
    ("im asking if i can go to sleep instead of waiting for them to ring back", ["utter_waiting_for_111s_call"]),
])
async def test_waiting_for_111s_call_back_is_to_keep_waiting(dispatcher, make_tracker, domain, text, said):
    tracker = in_thread(make_tracker, "urgent", "nlu_fallback", text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == said


@pytest.mark.parametrize("text", [
    # play-test 235: "ok fine ill stay up. thanks i guess" got "I can't tell you that it's fine" and the route again
    "ok fine ill stay up. thanks i guess",
    # play-test 247: "ok" alone, the same
    "ok",
    "k will do",
])
async def test_thanks_in_the_urgent_thread_gets_the_route_in_a_line(dispatcher, make_tracker, domain, clinic_open, text):
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/reassurance", text=text)
    tracker.latest_message["asks"] = False
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_safety_route_reminder"]


@pytest.mark.parametrize("text", [
    # play-test 236: "ok so should I ring today or not? yes or no" got the expected reaction's answer a fifth time,
    # whose only time is "after 3 days"
    "ok so should I ring today or not? yes or no",
    # play-test 250: of his wife, three times, and no yes
    "ok and should she ring you? she hates making a fuss",
    "so is that a yes? its day 3 today and shes still red",
])
async def test_whether_to_ring_today_after_the_expected_reaction_while_open_is_answered(dispatcher, make_tracker, domain,
                                                                                        clinic_open, text):
    tracker = in_thread(make_tracker, "expected_reaction", "faq", "faq/expected_reaction", text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_expected_ring_today_open"], responses(dispatcher)


async def test_whether_to_ring_them_after_the_expected_reaction_while_closed_is_answered(dispatcher, make_tracker,
                                                                                         domain, monkeypatch):
    # play-test 239: "So should I ring them?" on day 3, the clinic closed, got "I can't tell you that it's fine" and the
    # expected reaction's answer again
    monkeypatch.setenv("CLINIC_NOW", "2026-12-13T12:00:00+00:00")  # Sunday: closed all day
    tracker = in_thread(make_tracker, "expected_reaction", "faq", "faq/expected_reaction",
                        text="Well it has been three days now, Wednesday afternoon it was. So should I ring them?")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_expected_ring_closed"], responses(dispatcher)
    assert dispatcher.messages[0]["opens"] == "tomorrow at 09:00"


async def test_stopping_a_medicine_asked_in_the_urgent_thread_is_answered(dispatcher, make_tracker, domain,
                                                                          clinic_open):
    # play-test 239: "Is it serious? Should I stop the warfarin tonight?" got the route again, twice
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/reassurance",
                        text="Oh dear. Is it serious? Should I stop the warfarin tonight?")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert "utter_medicine_not_on_your_own" in said and said[-1].startswith("utter_faq/urgent"), said


@pytest.mark.parametrize("text, kinds, offered", [
    # play-test 239: waiting for the ambulance, the privacy notice, a time not understood and "What's your name?"
    ("ok. will the clinic see this message? can someone from there call me back tonight", ["call_back"], True),
    ("can you let the clinic know so they know what happened", [], True),
    # (a new sign beside it is the emergency's first)
    ("can they call me back, my throat is closing up", ["call_back"], False),
    # (a day for later, or who to call, given with it: play-test 231, the request goes on)
    ("can you get the clinic to ring me monday morning about what happened", ["call_back", "time"], False),
])
async def test_a_call_back_asked_for_in_the_emergency_is_offered_for_later(dispatcher, make_tracker, domain,
                                                                           monkeypatch, text, kinds, offered):
    monkeypatch.setenv("CLINIC_NOW", "2026-12-13T12:00:00+00:00")  # Sunday: closed all day
    tracker = in_thread(make_tracker, "emergency", "book_consultation", text=text)
    tracker.latest_message["entities"] = [
        {"entity": kind, "value": "monday morning"} if kind == "time" else {"entity": "request_kind", "value": kind}
        for kind in kinds
    ]
    if not offered:
        tracker.latest_message["triage"]["level"] = "emergency"
    assert call_back_offered_in_an_emergency(tracker) == offered
    if offered:
        events = await ActionAnswerQuestion().run(dispatcher, tracker, domain)
        assert responses(dispatcher) == ["utter_call_back_in_an_emergency_closed"]
        assert SlotSet("offer", "call_back") in events and SlotSet("booking_time", None) in events


async def test_a_yes_to_the_call_back_offered_in_the_emergency_begins_it(make_tracker):
    tracker = make_tracker(intent="affirm", text="yes", events=SAFETY_TURN,
                           slots={"last_topic": "emergency", "offer": "call_back"})
    tracker.latest_message["triage"] = {"level": None}
    assert not call_back_offered_in_an_emergency(tracker)


async def test_a_photo_to_send_gets_the_clinics_email_not_the_guides_silence_on_photos(dispatcher, make_tracker,
                                                                                       domain, clinic_open):
    # play-test 238: twice the guide's silence on before-and-after photos, and the email never given
    await answer(dispatcher, make_tracker, domain, text="no i mean a photo of my chin. whats their email?",
                 response_selector=selected_answer("faq/clinic_info"))
    assert responses(dispatcher) == ["utter_photo_by_email", "utter_faq/clinic_info"], responses(dispatcher)


async def test_two_things_the_answer_does_not_give_are_each_said(dispatcher, make_tracker, domain, clinic_open):
    # play-test 238: "wait does the numbing cream hurt? and how long do u have to sit with it on": the second dropped,
    # then "how long does it sit on for" got the treatment's length
    await answer(dispatcher, make_tracker, domain,
                 text="wait does the numbing cream hurt? and how long do u have to sit with it on",
                 response_selector=selected_answer("faq/pain"))
    assert responses(dispatcher) == [
        "utter_no_cream_time_in_the_guide", "utter_no_cream_feeling_in_the_guide", "utter_faq/pain"
    ], responses(dispatcher)


@pytest.mark.parametrize("intent, text", [
    # play-test 240: "I can't tell you that it's fine" and the route, four times, and the email never given
    ("affirm", "yeah ok but can i email them a pic first? whats the email?"),
    ("faq", "email address for the clinic please"),
    ("nlu_fallback", "i didnt ask if its fine mate i asked for the email address"),
    # play-test 244: the closing time, twice, and only "opening hours" typed got it
    ("faq", "ok ringing now. what time do they shut today just in case i cant get through"),
])
async def test_the_clinics_email_asked_in_the_urgent_thread_is_given_with_the_route(dispatcher, make_tracker, domain,
                                                                                    clinic_open, intent, text):
    tracker = in_thread(make_tracker, "urgent", intent, "faq/clinic_info" if intent == "faq" else None, text=text)
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[0] == "utter_safety_route_reminder" and "utter_faq/clinic_info" in said, said
    assert "utter_safety_no_reassurance" not in said, said


async def test_whether_to_tell_111_about_a_medicine_is_answered_with_the_route(dispatcher, make_tracker, domain,
                                                                             clinic_open):
    # play-test 241: "Ok I will ring 111. Should I mention the warfarin to them?" got the suitability answer's "before
    # your next one"
    tracker = in_thread(make_tracker, "urgent", "faq", "faq/suitability",
                        text="Ok I will ring 111. Should I mention the warfarin to them?")
    await ActionAnswerQuestion().run(dispatcher, tracker, domain)
    said = responses(dispatcher)
    assert said[-1] == "utter_tell_them_everything" and said[0].startswith("utter_faq/urgent"), said


@pytest.mark.parametrize("triage, requested, added", [
    # play-test 241: "can you add that an ambulance came" at a call back's consent question got the paramedics' words
    # three times, and the note was never added
    ({"help_had": True, "emergency_help_named": True}, "booking_consent", True),
    ({"waiting_for_help": True}, "booking_confirmed", True),
    # something new or worse said with it is a report first
    ({"help_had": True, "level": "emergency"}, "booking_consent", False),
    ({"help_had": True, "worse": True}, "booking_consent", False),
    # a note with no help in it is the summary's as ever
    ({}, "booking_consent", False),
])
def test_help_asked_to_be_noted_at_the_summary_is_a_note(make_tracker, triage, requested, added):
    from actions.answers import help_added_to_the_request

    tracker = make_tracker(intent="faq", text="can you add that an ambulance came", active_loop="booking_form",
                           slots={"requested_slot": requested},
                           entities=[{"entity": "note", "value": "an ambulance came"}])
    tracker.latest_message["triage"] = triage
    assert help_added_to_the_request(tracker) is added


@pytest.mark.parametrize("privacy_confidence, note_span, answered", [
    # play-test 253: "who sees it? and can u add that 111 said see a pharmacist" at the consent question got the privacy
    # notice and no note; with the note added, the question beside it is answered too
    (0.89, (32, 57), ["utter_faq/privacy"]),
    # a question the note's own words make is none
    (0.89, (0, 57), []),
    # nor one the classifier is unsure of
    (0.2, (32, 57), []),
])
def test_a_question_asked_beside_a_note_of_help_had_is_answered(make_tracker, privacy_confidence, note_span, answered):
    from actions.answers import asked_beside_the_note

    text = "who sees it? and can u add that 111 said see a pharmacist"
    tracker = make_tracker(
        intent="faq", text=text, active_loop="booking_form", slots={"requested_slot": "booking_consent"},
        entities=[{"entity": "note", "value": text[note_span[0]:note_span[1]], "start": note_span[0],
                   "end": note_span[1]}],
        questions=[{"intent_response_key": "faq/help_had", "confidence": 1.0},
                   {"text": "who sees it?", "start": 0, "end": 12, "intent_response_key": "faq/privacy",
                    "confidence": privacy_confidence}],
    )
    tracker.latest_message["triage"] = {"help_had": True}
    assert [f"utter_faq/{topic}" for topic in asked_beside_the_note(tracker)] == answered


@pytest.mark.parametrize("triage, last_topic, added", [
    # play-test 255: "yes thats ok but can you add that its yellow crusty spots on my cheek from microneedling 2 days
    # ago" at a call back's consent question, after NHS 111 for them, got the route again and the request paused
    ({"level": "urgent"}, "urgent", True),
    ({"level": "expected"}, "urgent", True),
    # something worse, or an emergency's signs, is a report first
    ({"level": "urgent", "worse": True}, "urgent", False),
    ({"level": "emergency"}, "urgent", False),
    ({"level": "urgent"}, "expected_reaction", False),
])
def test_a_report_asked_to_be_noted_at_the_summary_is_a_note(make_tracker, triage, last_topic, added):
    from actions.answers import report_added_to_the_request

    tracker = make_tracker(intent="faq", text="can you add that its yellow crusty spots on my cheek",
                           active_loop="booking_form", slots={"requested_slot": "booking_consent",
                                                              "last_topic": last_topic},
                           entities=[{"entity": "note", "value": "its yellow crusty spots on my cheek"}])
    tracker.latest_message["triage"] = triage
    assert report_added_to_the_request(tracker) is added


@pytest.mark.parametrize("text, stopped", [
    # play-test 246: the hours, then "What's your name?" for the call back said to be forgotten
    ("forget the call back then, ill ring them at 7 when i finish. theyre open till when?", True),
    ("i dont want to book, what are your opening hours", True),
    # play-test 254: the suitability answer, then "What's your name?"
    ("no im not booking anything, i asked what time you open on saturday", True),
    # a question alone goes on with the request
    ("what are your opening hours?", False),
])
async def test_a_question_with_the_request_dropped_is_answered_and_the_request_stopped(
    dispatcher, make_tracker, domain, text, stopped
):
    from rasa_sdk.events import ActiveLoop

    events = await answer(dispatcher, make_tracker, domain, text=text, active_loop=FORM,
                          slots={"requested_slot": "booking_name", "request_kind": "call_back"},
                          response_selector=selected_answer("faq/clinic_info"))
    assert responses(dispatcher)[0].startswith("utter_faq/clinic_info")
    assert ("utter_booking_cancelled" in responses(dispatcher)) is stopped
    assert (ActiveLoop(None) in events) is stopped


@pytest.mark.parametrize("text, handed_over", [
    # play-test 248: read as a reference asked for, then a menu, with no word of NHS 111
    ("ugh fine. I rang and it went to voicemail. now what", True),
    ("/request_human", False),
])
async def test_the_clinic_not_reached_in_the_urgent_thread_is_the_threads_to_answer(dispatcher, make_tracker, domain, text,
                                                                                     handed_over):
    from rasa_sdk.events import FollowupAction

    from actions.booking_submit import ActionSayRequestReference

    tracker = in_thread(make_tracker, "urgent", "ask_reference", text=text)
    tracker.latest_message["triage"]["unreachable"] = True
    events = await ActionSayRequestReference().run(dispatcher, tracker, domain)
    assert (FollowupAction("action_answer_question") in events) is handed_over
    from actions.fallback import ActionSuggestIntents

    tracker = in_thread(make_tracker, "urgent", "nlu_fallback", text=text)
    tracker.latest_message["triage"]["unreachable"] = True
    events = await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert (FollowupAction("action_answer_question") in events) is handed_over


@pytest.mark.parametrize("text, starts", [
    # play-test 251: "yes book" after a menu got "What would you like to know?"
    ("yes book", True),
    ("ok book me in please", True),
    ("yes", False),
])
async def test_a_yes_with_book_begins_the_request(dispatcher, make_tracker, domain, text, starts):
    from rasa_sdk.events import FollowupAction

    from actions.answers import ActionAnswerBesideAYesOrNo

    events = await ActionAnswerBesideAYesOrNo().run(dispatcher, make_tracker(intent="affirm", text=text), domain)
    assert (FollowupAction("action_start_booking") in events) is starts
