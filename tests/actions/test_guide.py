import pytest
from rasa_sdk.events import SlotSet

from actions.guide import ActionShowGuideStep, target_step
from tests.conftest import responses


@pytest.mark.parametrize(
    "intent, current, expected",
    [
        ("start_guide", None, "consultation"),  # walk me through it
        ("start_guide", "procedure", "consultation"),  # starting again
        ("next_step", None, "consultation"),  # "next" before any step: the first
        ("next_step", "consultation", "preparation"),
        ("next_step", "procedure", "aftercare"),
        ("next_step", "aftercare", None),  # past the last step
        ("affirm", "preparation", "procedure"),  # "yes" after a step goes on
        ("previous_step", "aftercare", "procedure"),
        ("previous_step", "consultation", "consultation"),  # nothing before the first
        ("previous_step", "finished", "aftercare"),  # back from the end: the last step
        ("next_step", "finished", "consultation"),  # next from the end: again from the start
        ("ask_procedure", None, "procedure"),  # a question about a step jumps to it
        ("ask_aftercare", "consultation", "aftercare"),
        ("ask_preparation", "aftercare", "preparation"),
        ("ask_consultation", "procedure", "consultation"),
    ],
)
def test_target_step(intent, current, expected):
    assert target_step(intent, current) == expected


@pytest.mark.parametrize(
    "intent, current, text, expected",
    [
        ("next_step", "consultation", "go to step 3", "procedure"),  # a step named by number
        ("previous_step", "aftercare", "go back to the beginning", "consultation"),
        ("start_guide", None, "whats step 4", "aftercare"),
        ("previous_step", "aftercare", "back to step two please", "preparation"),
        ("next_step", "preparation", "next", "procedure"),  # no step named: one on
        ("ask_pain", "preparation", "does step 3 hurt", "consultation"),  # only guide intents jump by number
    ],
)
def test_a_step_named_in_words_is_jumped_to(intent, current, text, expected):
    assert target_step(intent, current, text) == expected


@pytest.mark.parametrize(
    "intent, current, expected_responses, expected_step",
    [
        ("start_guide", None, ["utter_guide_step_consultation"], "consultation"),
        ("next_step", "preparation", ["utter_guide_step_procedure"], "procedure"),
        ("previous_step", "preparation", ["utter_guide_step_consultation"], "consultation"),
        ("previous_step", "consultation", ["utter_guide_at_start", "utter_guide_step_consultation"], "consultation"),
        ("next_step", "aftercare", ["utter_guide_finished"], "finished"),
        ("ask_procedure", None, ["utter_guide_step_procedure"], "procedure"),
    ],
)
async def test_show_guide_step(dispatcher, make_tracker, domain, intent, current, expected_responses, expected_step):
    tracker = make_tracker(intent=intent, slots={"guide_step": current})
    events = await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected_responses
    assert events == [SlotSet("guide_step", expected_step)]


def test_every_step_has_a_response(domain):
    from actions.guide import STEPS

    for step in STEPS:
        assert f"utter_guide_step_{step}" in domain["responses"]


async def test_yes_after_the_last_step_books_a_consultation(dispatcher, make_tracker, domain):
    from rasa_sdk.events import FollowupAction

    tracker = make_tracker(intent="affirm", slots={"guide_step": "finished"})
    events = await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert events == [FollowupAction("action_start_booking")]
    assert dispatcher.messages == []
