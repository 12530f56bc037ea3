import pytest

from actions.clinic_replies import (
    ActionExplainBookingChanges,
    ActionExplainBot,
    ActionGreet,
    ActionHandleComplication,
    ActionHandleOutOfScope,
    ActionHandOver,
    ActionTellClinicInfo,
)
from actions.config import clinic
from tests.conftest import responses


@pytest.mark.parametrize(
    "action, expected",
    [
        (ActionGreet, ["utter_greet", "utter_disclaimer"]),  # greeting, then the not-medical-advice line
        (ActionHandOver, ["utter_hand_over"]),
        (ActionExplainBot, ["utter_bot_challenge"]),
        (ActionHandleOutOfScope, ["utter_out_of_scope"]),
        (ActionHandleComplication, ["utter_complication"]),
        (ActionExplainBookingChanges, ["utter_change_existing_booking"]),
        (ActionTellClinicInfo, ["utter_clinic_info"]),
    ],
)
async def test_replies_carry_the_clinic_facts(dispatcher, make_tracker, domain, action, expected):
    await action().run(dispatcher, make_tracker(intent="greet"), domain)
    assert responses(dispatcher) == expected
    for message in dispatcher.messages:
        assert message["clinic_name"] == clinic().name
        assert message["clinic_phone"] == clinic().phone
        # every placeholder in the response text gets a value
        for variation in domain["responses"][message["response"]]:
            for placeholder in __import__("re").findall(r"{(\w+)}", variation["text"]):
                assert placeholder in message, placeholder
