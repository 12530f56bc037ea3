import pytest
from rasa_sdk.events import SlotSet

from actions.guide import STEPS, ActionShowGuideStep, named_step, step_response, target_step
from tests.conftest import responses


def step_entity(value):
    """A step named by number or position, as the entity ruler gives it ("step 3" -> procedure)."""
    return {"entity": "guide_step", "value": value, "start": 0, "end": 6}


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
        ("affirm", None, "consultation"),
        ("previous_step", "aftercare", "procedure"),
        ("previous_step", "consultation", "consultation"),  # nothing before the first
        ("previous_step", None, "consultation"),
        ("previous_step", "finished", "aftercare"),  # back from the end: the last step
        ("next_step", "finished", "consultation"),  # next from the end: again from the start
        ("show_step", "procedure", "consultation"),  # a step asked for without naming it
    ],
)
def test_target_step(intent, current, expected):
    assert target_step(intent, current) == expected


@pytest.mark.parametrize(
    "intent, current, named, expected",
    [
        ("show_step", "consultation", "procedure", "procedure"),  # "go to step 3"
        ("previous_step", "aftercare", "consultation", "consultation"),  # "go back to the beginning"
        ("start_guide", None, "aftercare", "aftercare"),  # "walk me through it from step 4"
        ("next_step", "finished", "preparation", "preparation"),  # a named step wins over the end
        ("next_step", "preparation", None, "procedure"),  # no step named: one on
    ],
)
def test_a_named_step_is_jumped_to(intent, current, named, expected):
    assert target_step(intent, current, named) == expected


@pytest.mark.parametrize(
    "entities, expected",
    [
        ([step_entity("preparation")], "preparation"),
        # found by the sixteenth play-test: "i was on step 3 already, skip to the last one"
        ([step_entity("procedure"), step_entity("aftercare")], "aftercare"),
        # a value the ruler should never give is ignored
        ([step_entity("step 2")], None),
        # other entities are not steps
        ([{"entity": "treatment_area", "value": "face"}], None),
        ([], None),
    ],
)
def test_named_step(make_tracker, entities, expected):
    assert named_step(make_tracker(intent="show_step", text="...", entities=entities)) == expected


@pytest.mark.parametrize(
    "intent, current, entities, expected_responses, expected_events",
    [
        # the walk-through starts at the consultation
        ("start_guide", None, [], ["utter_walkthrough_consultation"],
         [SlotSet("current_step", "consultation"), SlotSet("last_topic", "consultation")]),
        ("next_step", "preparation", [], ["utter_walkthrough_procedure"],
         [SlotSet("current_step", "procedure"), SlotSet("last_topic", "procedure")]),
        ("previous_step", "preparation", [], ["utter_walkthrough_consultation"],
         [SlotSet("current_step", "consultation"), SlotSet("last_topic", "consultation")]),
        # back from the first step: says so, and shows it again
        ("previous_step", "consultation", [], ["utter_guide_at_start", "utter_walkthrough_consultation"],
         [SlotSet("current_step", "consultation"), SlotSet("last_topic", "consultation")]),
        # past the last step: offers to book
        ("next_step", "aftercare", [], ["utter_guide_finished"], [SlotSet("current_step", "finished")]),
        # "what's step 3?"
        ("show_step", None, [step_entity("procedure")], ["utter_walkthrough_procedure"],
         [SlotSet("current_step", "procedure"), SlotSet("last_topic", "procedure")]),
        # "step 5": a step asked for that is not one of the four says there are four, then shows the first
        ("show_step", "procedure", [], ["utter_guide_four_steps", "utter_walkthrough_consultation"],
         [SlotSet("current_step", "consultation"), SlotSet("last_topic", "consultation")]),
        # "back to step 4" while at the first step: no "that's the first step already"
        ("previous_step", "consultation", [step_entity("aftercare")], ["utter_walkthrough_aftercare"],
         [SlotSet("current_step", "aftercare"), SlotSet("last_topic", "aftercare")]),
    ],
)
async def test_show_guide_step(dispatcher, make_tracker, domain, intent, current, entities, expected_responses, expected_events):
    tracker = make_tracker(intent=intent, text="...", slots={"current_step": current}, entities=entities)
    events = await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected_responses
    assert events == expected_events


async def test_a_step_past_the_last_asked_mid_walk_through_says_there_are_four(dispatcher, make_tracker, domain):
    # play-test 97: "ok and whats step 5?" at step 3 got step 4, as if it were step 5
    tracker = make_tracker(intent="next_step", text="ok and whats step 5?", slots={"current_step": "procedure"})
    await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_guide_only_four_steps", "utter_walkthrough_aftercare"]


def test_every_step_is_shown_by_its_answer(domain):
    for step in STEPS:
        assert step_response(step) == f"utter_walkthrough_{step}"
        assert step_response(step) in domain["responses"]


# "yes" after the last step books a consultation: a rule (data/rules/guide.yml; tests/test_stories.yml), not this action


@pytest.mark.parametrize("current, card, button, expected", [
    # play-test 31: an old Next on the Step 1 card, pressed at Step 3, showed Step 4; an old Back on the Step 2 card,
    # pressed at Step 4, showed Step 3: each card's buttons lead to the step next to it
    ("procedure", "consultation", "Next", "utter_walkthrough_preparation"),
    ("aftercare", "preparation", "Back", "utter_walkthrough_consultation"),
    ("consultation", "preparation", "Back", "utter_walkthrough_consultation"),
])
async def test_a_cards_buttons_lead_to_the_steps_beside_it(
    dispatcher, make_tracker, domain, current, card, button, expected
):
    import json

    [payload] = [b["payload"] for b in domain["responses"][f"utter_walkthrough_{card}"][0]["buttons"] if b["title"] == button]
    intent, _, given = payload.replace("{{", "{").replace("}}", "}").lstrip("/").partition("{")
    entities = [{"entity": name, "value": value} for name, value in json.loads("{" + given).items()]
    tracker = make_tracker(intent=intent, text=payload, slots={"current_step": current}, entities=entities)
    await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [expected]


@pytest.mark.parametrize("text, last_topic, handed_over", [
    # play-test 31: "shud i go back in" with lips swelling got Step 1 of 4, and the emergency's thread was lost
    ("shud i go back in", "emergency", True),
    ("go back", "urgent", True),
    # the walk-through's own buttons, and words with no safety answer before
    ('/previous_step{"guide_step":"consultation"}', "emergency", False),
    ("go back", "preparation", False),
])
async def test_back_or_next_typed_right_after_a_safety_answer_is_for_its_thread(
    dispatcher, make_tracker, domain, text, last_topic, handed_over
):
    from rasa_sdk.events import FollowupAction

    tracker = make_tracker(intent="previous_step", text=text, slots={"last_topic": last_topic, "current_step": None})
    events = await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert (events == [FollowupAction("action_answer_question")]) is handed_over
    assert bool(responses(dispatcher)) is not handed_over


@pytest.mark.parametrize("intent, text, all_at_once", [
    # play-tests 113 and 115: "all 4 steps in one message please, not one by one" got step 1 again, three times
    ("start_guide", "all 4 steps in one message please, not one by one", True),
    ("next_step", "this is a bit slow tbh, can you just show me all the steps at once", True),
    ("start_guide", "just paste the whole thing, consultation prep procedure aftercare, in one go", True),
    # one step at a time, as before
    ("start_guide", "walk me through it", False),
    ("next_step", "next", False),
])
async def test_all_the_steps_asked_at_once_are_given_together(dispatcher, make_tracker, domain, intent, text,
                                                             all_at_once):
    tracker = make_tracker(intent=intent, text=text, slots={"current_step": "consultation"})
    events = await ActionShowGuideStep().run(dispatcher, tracker, domain)
    assert (responses(dispatcher) == ["utter_walkthrough_all"]) is all_at_once
    assert (SlotSet("current_step", "finished") in events) is all_at_once


@pytest.mark.parametrize("text, words, value, expected", [
    # play-test 139: "whats after the needling bit" got the needling step itself, twice
    ("ok and then its the needles i guess. whats after the needling bit", "needling bit", "procedure", "aftercare"),
    ("what's before the aftercare part", "aftercare part", "aftercare", "procedure"),
    # the first and the last have none before or after them: themselves
    ("what comes after the aftercare part", "aftercare part", "aftercare", "aftercare"),
    # named as itself
    ("tell me about the needling bit", "needling bit", "procedure", "procedure"),
])
def test_a_step_named_as_the_one_before_or_after_names_that_one(make_tracker, text, words, value, expected):
    start = text.index(words)
    entity = {"entity": "guide_step", "value": value, "start": start, "end": start + len(words)}
    assert named_step(make_tracker(intent="show_step", text=text, entities=[entity])) == expected


@pytest.mark.parametrize("text, current, entities, expected", [
    # play-tests 198 and 201: "where were we" after a break got a suitability answer, and the clinic's address
    ("Sorry, my husband just called me away. Where were we?", "preparation", [], "preparation"),
    ("sorry dear the phone went. which step was i on", "procedure", [], "procedure"),
    ("No dear, I meant where were we in the steps. I think we were on step 2?", "procedure",
     [{"entity": "guide_step", "value": "preparation", "start": 60, "end": 66}], "preparation"),
    # play-test 201: a step back asked in words
    ("Could we go back a step, I want to read about the numbing cream again", "procedure", [], "preparation"),
    # no walk-through under way: nothing to go back to
    ("where were we", None, [], None),
    ("where is the clinic", "procedure", [], None),
])
async def test_the_walk_throughs_place_asked_after_a_break(dispatcher, make_tracker, text, current, entities, expected):
    from actions.guide import back_in_the_walkthrough

    tracker = make_tracker(intent="faq", text=text, entities=entities, slots={"current_step": current})
    events = back_in_the_walkthrough(dispatcher, tracker)
    if expected is None:
        assert events is None and not dispatcher.messages
    else:
        assert events == [SlotSet("current_step", expected), SlotSet("last_topic", expected)]
        assert [message["response"] for message in dispatcher.messages] == [f"utter_walkthrough_{expected}"]


@pytest.mark.parametrize("text, current, entities, unclear, expected", [
    # play-test 208: each got a menu
    ("Good afternoon. I wonder if you could take me through what happens during microneedling, one step at a time "
     "please", None, [], True, "consultation"),
    ("Oh dear, I pressed the wrong button. Could I have step 3 again please", "preparation",
     [{"entity": "guide_step", "value": "procedure", "start": 44, "end": 50}], True, "procedure"),
    ("Oh, back to the beginning. Never mind. Next please", "consultation",
     [{"entity": "guide_step", "value": "consultation", "start": 16, "end": 25}], True, "preparation"),
    # only in a message no intent caught: a question the classifier answered stays one
    ("what happens during the procedure, step by step?", None, [], False, None),
    ("next please", "consultation", [], False, None),
    # "next" inside a sentence is no step asked for
    ("is the redness worse the next day?", "aftercare", [], True, None),
])
async def test_the_walk_through_asked_in_words_no_intent_caught(dispatcher, make_tracker, text, current, entities,
                                                                unclear, expected):
    from actions.guide import back_in_the_walkthrough

    tracker = make_tracker(intent="nlu_fallback", text=text, entities=entities, slots={"current_step": current})
    events = back_in_the_walkthrough(dispatcher, tracker, unclear=unclear)
    if expected is None:
        assert events is None and not dispatcher.messages
    else:
        assert events == [SlotSet("current_step", expected), SlotSet("last_topic", expected)]
