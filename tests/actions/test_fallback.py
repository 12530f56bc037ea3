import pytest

from actions.answers import ALIASES
from actions.fallback import LABEL_PREFIX, ActionSuggestIntents, candidates, previous_user_intent, suggestions
from tests.conftest import responses, selected_answer

# What the NLU gives an unclear message: the FallbackClassifier puts nlu_fallback first,
# `faq` stands for its answers, ranked by the response selector.
INTENT_RANKING = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "faq", "confidence": 0.41},
    {"name": "start_guide", "confidence": 0.2},
    {"name": "greet", "confidence": 0.12},  # no label: never suggested
    {"name": "book_consultation", "confidence": 0.05},
]
ANSWER_RANKING = [
    ("faq/downtime", 0.41),
    ("faq/unknown_activity", 0.3),  # no label: never suggested
    ("faq/aftercare", 0.15),
    ("faq/results", 0.1),
]
SELECTOR = selected_answer("faq/downtime", 0.41, ANSWER_RANKING)
# after a miss an earlier answer's offer no longer stands: "yes" never takes it up
NO_OFFER = [{"event": "slot", "timestamp": None, "name": "offer", "value": None}]


def unclear(make_tracker, text="how long am i red", intent_ranking=INTENT_RANKING, **kwargs):
    return make_tracker(
        intent="nlu_fallback", text=text, confidence=intent_ranking[0]["confidence"], intent_ranking=intent_ranking,
        response_selector=SELECTOR, **kwargs,
    )


def earlier_message(intent):
    return [{"event": "user", "text": "earlier", "parse_data": {"intent": {"name": intent}}}, {"event": "bot", "text": "x"}]


def test_candidates_rank_answers_and_intents_together():
    ranked = candidates({"intent_ranking": INTENT_RANKING, "response_selector": SELECTOR})
    assert [entry["name"] for entry in ranked] == [
        "faq/downtime", "faq/unknown_activity", "start_guide", "faq/aftercare", "greet", "faq/results", "book_consultation",
    ]


def test_suggestions_are_the_best_labelled_candidates(domain):
    shown = suggestions({"intent_ranking": INTENT_RANKING, "response_selector": SELECTOR}, domain)
    assert [entry["payload"] for entry in shown] == ['/faq{"topic": "downtime"}', "/start_guide", '/faq{"topic": "aftercare"}']


async def test_first_miss_asks_did_you_mean_with_labelled_buttons(dispatcher, make_tracker, domain):
    events = await ActionSuggestIntents().run(dispatcher, unclear(make_tracker), domain)
    assert events == NO_OFFER
    assert responses(dispatcher) == ["utter_did_you_mean"]
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "Is there any downtime?", "payload": '/faq{"topic": "downtime"}'},
        {"title": "What happens step by step?", "payload": "/start_guide"},
        {"title": "What is the aftercare?", "payload": '/faq{"topic": "aftercare"}'},
        {"title": "Something else", "payload": "/something_else"},
    ]


async def test_second_miss_in_a_row_offers_booking_or_staff(dispatcher, make_tracker, domain):
    tracker = unclear(make_tracker, text="???", events=earlier_message("nlu_fallback"))
    assert await ActionSuggestIntents().run(dispatcher, tracker, domain) == NO_OFFER
    assert responses(dispatcher) == ["utter_still_not_sure"]


async def test_a_miss_after_an_understood_message_is_a_first_miss(dispatcher, make_tracker, domain):
    tracker = unclear(make_tracker, text="hmm", events=earlier_message("faq"))
    assert previous_user_intent(tracker) == "faq"
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_did_you_mean"]


@pytest.mark.parametrize(
    "intent_ranking, response",
    [
        # the best guess is out of scope: saying what the assistant does is safe, no claim is made
        ([{"name": "nlu_fallback", "confidence": 0.7}, {"name": "out_of_scope", "confidence": 0.5}, {"name": "faq", "confidence": 0.41}],
         "utter_out_of_scope"),
        # out of scope, but an answer ranks above it: suggestions
        ([{"name": "nlu_fallback", "confidence": 0.7}, {"name": "out_of_scope", "confidence": 0.3}, {"name": "faq", "confidence": 0.41}],
         "utter_did_you_mean"),
    ],
)
async def test_an_unsure_guess_of_out_of_scope_says_what_the_assistant_does(dispatcher, make_tracker, domain, intent_ranking, response):
    tracker = unclear(make_tracker, text="capital of peru", intent_ranking=intent_ranking)
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [response]


async def test_nothing_to_suggest_offers_booking_or_staff(dispatcher, make_tracker, domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.6}, {"name": "greet", "confidence": 0.3}]
    tracker = make_tracker(intent="nlu_fallback", text="hrm", intent_ranking=ranking)
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_still_not_sure"]


@pytest.mark.parametrize(
    "requested, response",
    [
        # "purple" to "may the clinic keep these details?": the form asks again
        ("booking_consent", "utter_invalid_booking_yes_no"),
        # "hmm" to the summary
        ("booking_confirmed", "utter_invalid_booking_yes_no"),
        # an unclear message at a typed detail, when the form did not take it: suggestions as anywhere else
        ("booking_time", "utter_did_you_mean"),
    ],
)
async def test_inside_the_booking_form(dispatcher, make_tracker, domain, requested, response):
    tracker = unclear(make_tracker, text="purple", active_loop="booking_form", slots={"requested_slot": requested})
    assert await ActionSuggestIntents().run(dispatcher, tracker, domain) == NO_OFFER
    assert responses(dispatcher) == [response]


def test_every_label_names_an_answer_or_an_intent(domain):
    answers = {name.split("/", 1)[1] for name in domain["responses"] if name.startswith("utter_faq/")}
    for name in domain["responses"]:
        if not name.startswith(LABEL_PREFIX):
            continue
        labelled = name[len(LABEL_PREFIX):]
        if labelled.startswith("faq_"):
            # the classifier's "something is happening" answer is said as the urgent one (actions/answers.py)
            assert ALIASES.get(labelled[len("faq_"):], labelled[len("faq_"):]) in answers, name
        else:
            assert labelled in domain["intents"], name


# ---------------------------------------------------------------- unclear alone, clear after the last answer

IN_CONTEXT_RANKING = [("faq/about_that", 0.34), ("faq/duration", 0.24), ("faq/price", 0.22), ("faq/results", 0.1)]


@pytest.mark.parametrize(
    "last_topic, leans, expected",
    [
        # "is that per session?" after the price answer: price and "about that" together, weighed, beat duration
        ("price", True, ["utter_faq/price"]),
        # the same message with nothing before it, or not leaning on it: did you mean
        (None, True, ["utter_did_you_mean"]),
        ("price", False, ["utter_did_you_mean"]),
        # after a suitability answer, the consultation again
        ("suitability", True, ["utter_faq/suitability"]),
        # after a safety answer the thread decides, never the weighing (the route first, in a line: play-test 167)
        ("urgent", True, ["utter_safety_route_reminder", "utter_did_you_mean"]),
    ],
)
async def test_an_unclear_message_that_leans_on_the_last_answer_is_answered_about_it(
    dispatcher, make_tracker, domain, clinic_open, last_topic, leans, expected
):
    tracker = make_tracker(
        intent="nlu_fallback", text="is that per session?", confidence=0.5, intent_ranking=INTENT_RANKING,
        response_selector=selected_answer("faq/about_that", 0.34, IN_CONTEXT_RANKING),
        slots={"last_topic": last_topic}, leans_on_context=leans,
    )
    events = await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected
    if expected == ["utter_faq/price"]:  # the answer's offer stands: "yes" books
        assert {"event": "slot", "timestamp": None, "name": "last_topic", "value": "price"} in events
        assert {"event": "slot", "timestamp": None, "name": "offer", "value": "consultation"} in events


def test_more_about_the_last_answer_is_suggested_only_after_an_answer(domain):
    ranking = [("faq/about_that", 0.3), ("faq/pain", 0.2), ("faq/price", 0.1), ("faq/results", 0.05)]
    message = {"intent_ranking": INTENT_RANKING, "response_selector": selected_answer("faq/about_that", 0.3, ranking)}
    assert [entry["name"] for entry in suggestions(message, domain, answered_before=False)] == [
        "faq/pain", "start_guide", "faq/price"]
    assert suggestions(message, domain, answered_before=True)[0]["name"] == "faq/about_that"


async def test_run_as_the_dialogues_fallback_after_an_answer_it_says_nothing_and_ends_the_turn(
    dispatcher, make_tracker, domain
):
    # play-test 43: "Sorry, I can't help with that" eight times over after the advice-had answer
    from rasa_sdk.events import FollowupAction

    tracker = make_tracker(intent="nlu_fallback", text="la ambulancia viene. she is a bit better now",
                           latest_action_name="action_answer_question")
    assert await ActionSuggestIntents().run(dispatcher, tracker, domain) == [FollowupAction("action_listen")]
    assert dispatcher.messages == []
    # right after the message, or after the form turned it down: it says what it says
    for latest, loop in (("action_listen", None), ("booking_form", "booking_form")):
        tracker = make_tracker(intent="nlu_fallback", text="la ambulancia viene", latest_action_name=latest,
                               active_loop=loop)
        assert await ActionSuggestIntents().run(dispatcher, tracker, domain) != [FollowupAction("action_listen")]


@pytest.mark.parametrize("last_topic, next_treatment, expected", [
    # play-test 60: "my next session is planned in 5 weeks. i can still do it? or is dangerous now", the day after an
    # ambulance for a swelling lip, got "did you mean", then "Is it safe?" pressed "a safe and effective treatment"
    ("help_had", True, ["utter_next_session_after_a_reaction"]),
    # no reaction in the conversation, or nothing said of a next treatment: did you mean
    (None, True, ["utter_did_you_mean"]),
    ("help_had", False, ["utter_did_you_mean"]),
])
async def test_an_unclear_question_about_the_next_session_after_a_reaction(dispatcher, make_tracker, domain,
                                                                          last_topic, next_treatment, expected):
    tracker = unclear(make_tracker, text="my next session is planned in 5 weeks. i can still do it? or is dangerous now",
                      slots={"last_topic": last_topic})
    tracker.latest_message["triage"] = {"level": None, "next_treatment": next_treatment}
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize("text, answer, expected", [
    # play-test 63: "does it bleed?" got "Sorry, I still didn't catch that"
    ("does it bleed?", "faq/side_effects", ["utter_no_bleeding_in_the_guide", "utter_faq/side_effects"]),
    # nothing the answer does not give asked: did you mean
    ("how long am i red", "faq/downtime", ["utter_did_you_mean"]),
    # play-test 171: "do you do a patch test?", the answer read as another, got "Sorry, I can't help with that": that the
    # guide does not say, and the day's preparation; with the consultation's length asked too, that as well
    ("do you do a patch test?", "faq/pain", ["utter_no_patch_test_in_the_guide", "utter_faq/preparation"]),
    # play-test 198: photos and reminders asked about got "not sure I understood"
    ("do they take photos of your face? im quite self conscious", "faq/pain",
     ["utter_no_photos_in_the_guide", "utter_faq/consultation"]),
    ("how long the consultation takes, not the treatment. also do you do a patch test?", "faq/pain",
     ["utter_no_consultation_length_in_the_guide", "utter_faq/duration", "utter_no_patch_test_in_the_guide",
      "utter_faq/preparation"]),
])
async def test_an_unclear_question_the_guide_does_not_answer_is_said_so(dispatcher, make_tracker, domain, text, answer,
                                                                       expected):
    tracker = make_tracker(intent="nlu_fallback", text=text, confidence=0.5, intent_ranking=INTENT_RANKING,
                           response_selector=selected_answer(answer, 0.41, ANSWER_RANKING))
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_reminders_asked_about_are_said_not_known(dispatcher, make_tracker, domain, clinic_open):
    # play-test 198: "do you send text reminders" got "not sure I understood", five times
    tracker = make_tracker(intent="nlu_fallback", text="do you send text reminders before appointments. yes or no",
                           confidence=0.5, intent_ranking=INTENT_RANKING,
                           response_selector=selected_answer("faq/pain", 0.41, ANSWER_RANKING))
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_no_reminders_known", "utter_faq/clinic_info"]


async def test_being_written_to_asked_is_answered(dispatcher, make_tracker, domain, clinic_open):
    # play-test 199: "if i do book, could the clinic email me instead of phoning?" got "not sure I understood"
    tracker = make_tracker(intent="nlu_fallback", confidence=0.35, intent_ranking=INTENT_RANKING,
                           text="ok. and if i do book, could the clinic email me instead of phoning? i really dont like "
                                "phone calls", response_selector=selected_answer("faq/clinic_info", 0.41, ANSWER_RANKING))
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_written_contact"]


async def test_a_miss_after_a_route_not_seen_to_says_the_route_first(dispatcher, make_tracker, domain, clinic_open):
    # play-test 167: "do i really have to ring 111 tonight", two turns after NHS 111 now, got a menu and no route
    earlier = [{"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": "urgent"}}},
               {"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": None}}}]
    tracker = make_tracker(
        intent="nlu_fallback", text="im asking if emailing them is enough or do i really have to ring 111 tonight",
        confidence=0.3, intent_ranking=INTENT_RANKING, events=earlier, parse_data={"triage": {"level": None}},
    )
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_safety_route_reminder"
    # "ok ringing them now, thanks": that help, now (the open clinic's words), and 999 if it gets worse; no menu after
    # it (play-test 171: the route, then "Did you mean …?")
    dispatcher.messages.clear()
    tracker.latest_message["triage"] = {"level": None, "waiting_for_help": True}
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/urgent_help_sought_open"]
    # seen to since: nothing more of it
    dispatcher.messages.clear()
    tracker.latest_message["triage"] = {"level": None, "help_had": True}
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert not [name for name in responses(dispatcher) if name.startswith(("utter_safety", "utter_faq/urgent"))]


@pytest.mark.parametrize("text, entities, expected", [
    # play-test 201: the route, then a menu, or "Sorry, I can't help with that"
    ("im confused, which is it. do i call the clinic or my gp or 111?? and can i wear makeup or not",
     [{"entity": "unknown_activity", "value": "makeup"}], ["utter_safety_route_reminder", "utter_faq/unknown_activity"]),
    ("just tell me simply. who do i ring tomorrow", [], ["utter_safety_route_reminder"]),
    # play-test 208: the route, then a menu, to someone who could not get through
    ("ok just tried calling, line was busy. tried twice. now what", [], ["utter_safety_route_reminder_unreachable"]),
])
async def test_a_miss_in_a_routes_thread_after_the_route(dispatcher, make_tracker, domain, clinic_open, text, entities,
                                                         expected):
    earlier = [{"event": "user", "timestamp": None, "text": "...", "parse_data": {"triage": {"level": "urgent"}}}]
    unreachable = "line was busy" in text
    tracker = make_tracker(intent="nlu_fallback", text=text, confidence=0.3, intent_ranking=INTENT_RANKING,
                           events=earlier, entities=entities,
                           parse_data={"triage": {"level": None, "unreachable": unreachable}})
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


async def test_a_cost_asked_unsure_with_the_price_answer_first_is_that_answer(dispatcher, make_tracker, domain,
                                                                              clinic_open):
    # play-test 166: "is the consultation itself free at least?" got a menu
    tracker = make_tracker(
        intent="nlu_fallback", text="ok is the consultation itself free at least? dont wanna pay just to be told no",
        confidence=0.35, intent_ranking=INTENT_RANKING,
        response_selector=selected_answer("faq/price", 0.28, [("faq/price", 0.28), ("faq/consultation", 0.2)]),
    )
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/price"]


@pytest.mark.parametrize("text, told", [
    # play-test 230: a menu, twice, to someone who had been told to say "cancel my request"
    ("And if I decide I don't want it at all can I cancel here or must I phone?", True),
    ("So I can't cancel my request here then? Earlier you said I could", True),
    # nothing asked of cancelling
    ("how long am i red", False),
])
async def test_how_to_cancel_a_request_sent_asked_gets_its_reference_and_how(dispatcher, make_tracker, domain, text,
                                                                             told):
    tracker = unclear(make_tracker, text=text, slots={"request_sent": True, "request_reference": "MN-TEST"})
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert (responses(dispatcher) == ["utter_request_reference"]) == told


@pytest.mark.parametrize("text, topic, asks, said", [
    # play-test 231: "cheers. ill think about it" got the sessions answer again
    ("cheers. ill think about it", "sessions", False, False),
    ("cheers. ill think about it", "sessions", True, True),  # the same words, asked, lean on the last answer
    # ("can my daughter have it?", then "she's 15": asks nothing, and is about the answer for someone under 18; the
    # safety set's totals found it, when every message asking nothing lost its context)
    ("she's 15", "minors", False, True),
])
async def test_a_sign_off_asking_nothing_is_not_the_last_answer_again(dispatcher, make_tracker, domain, text, topic,
                                                                      asks, said):
    ranking = [(f"faq/{topic}", 0.3), ("faq/follow_up", 0.2), ("faq/downtime", 0.1)]
    tracker = make_tracker(
        intent="nlu_fallback", text=text, confidence=0.5, intent_ranking=INTENT_RANKING, slots={"last_topic": topic},
        leans_on_context=True, response_selector=selected_answer(f"faq/{topic}", 0.3, ranking),
    )
    tracker.latest_message["asks"] = asks
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert (f"utter_faq/{topic}" in responses(dispatcher)) == said, responses(dispatcher)


@pytest.mark.parametrize("text, last_topic, expected", [
    # play-test 255: "well i stopped 2 weeks ago" after the consultation's answer for accutane got a menu
    ("well i stopped 2 weeks ago", "suitability", "utter_faq/suitability"),
    ("been on it for a year now", "suitability", "utter_faq/suitability"),
    ("my midwife said its probably fine tbh", "suitability", "utter_faq/suitability"),
    # after another answer, or saying nothing of the factor, the menu as ever
    ("well i stopped 2 weeks ago", "price", "utter_did_you_mean"),
    ("hmm ok", "suitability", "utter_did_you_mean"),
])
async def test_more_said_of_a_personal_factor_is_for_the_consultation(dispatcher, make_tracker, domain, clinic_open,
                                                                     text, last_topic, expected):
    await ActionSuggestIntents().run(dispatcher, unclear(make_tracker, text=text, slots={"last_topic": last_topic}),
                                     domain)
    assert responses(dispatcher)[0] == expected


async def test_more_said_of_a_personal_factor_after_the_suitability_answer_beside_another(
    dispatcher, make_tracker, domain, clinic_open
):
    # play-test 257: "I'm 12 weeks pregnant, can I still have my second session next month?" got the suitability answer
    # and the appointments answer; then "my midwife said its probably fine tbh" a menu
    earlier = [
        {"event": "user", "timestamp": None, "text": "...", "parse_data": {}},
        {"event": "action", "timestamp": None, "name": "action_answer_question"},
        {"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": "utter_faq/suitability_a_patient"}},
        {"event": "bot", "timestamp": None, "text": "…", "metadata": {"utter_action": "utter_faq/appointments"}},
        {"event": "action", "timestamp": None, "name": "action_listen"},
    ]
    tracker = unclear(make_tracker, text="my midwife said its probably fine tbh", events=earlier,
                      slots={"last_topic": "appointments"})
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0].startswith("utter_faq/suitability")
