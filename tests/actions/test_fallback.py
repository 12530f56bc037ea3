from actions.fallback import ActionSuggestIntents, previous_user_intent, suggestions
from tests.conftest import responses

RANKING = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "ask_downtime", "confidence": 0.41},
    {"name": "greet", "confidence": 0.2},  # no label: never suggested
    {"name": "ask_aftercare", "confidence": 0.15},
    {"name": "ask_results", "confidence": 0.1},
    {"name": "ask_pain", "confidence": 0.05},
]


def fallback_message_events(intent):
    return [{"event": "user", "text": "earlier", "parse_data": {"intent": {"name": intent}}}, {"event": "bot", "text": "x"}]


def test_suggestions_skip_fallback_and_unlabelled_intents(domain):
    assert suggestions(RANKING, domain) == ["ask_downtime", "ask_aftercare", "ask_results"]


async def test_first_miss_asks_did_you_mean_with_labelled_buttons(dispatcher, make_tracker, domain):
    tracker = make_tracker(intent="nlu_fallback", text="how long am i red", intent_ranking=RANKING)
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_did_you_mean"
    assert [b["payload"] for b in message["buttons"]] == ["/ask_downtime", "/ask_aftercare", "/ask_results", "/out_of_scope"]
    assert message["buttons"][0]["title"] == domain["responses"]["utter_label_ask_downtime"][0]["text"]


async def test_second_miss_in_a_row_offers_booking_or_staff(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        intent="nlu_fallback", text="???", intent_ranking=RANKING, events=fallback_message_events("nlu_fallback")
    )
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_still_not_sure"]


async def test_a_miss_after_an_understood_message_is_a_first_miss(dispatcher, make_tracker, domain):
    tracker = make_tracker(
        intent="nlu_fallback", text="hmm", intent_ranking=RANKING, events=fallback_message_events("ask_pain")
    )
    assert previous_user_intent(tracker) == "ask_pain"
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_did_you_mean"]


async def test_an_unsure_guess_of_out_of_scope_says_what_the_assistant_does(dispatcher, make_tracker, domain):
    ranking = [{"name": "nlu_fallback", "confidence": 0.7}, {"name": "out_of_scope", "confidence": 0.5}, RANKING[1]]
    tracker = make_tracker(intent="nlu_fallback", text="capital of peru", intent_ranking=ranking)
    await ActionSuggestIntents().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_out_of_scope"]
    assert dispatcher.messages[0]["clinic_name"]
