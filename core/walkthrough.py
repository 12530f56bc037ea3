"""The walk-through's four steps and their order: which step comes next (the action that shows them is
actions/guide.py; the NLU comparison in evaluation/ reads the same order)."""

from typing import Optional, Text

STEPS = ("consultation", "preparation", "procedure", "aftercare")
FINISHED = "finished"  # the walk-through went past its last step


def target_step(intent: Optional[Text], current: Optional[Text], named: Optional[Text] = None) -> Optional[Text]:
    """The step to show next; None once the walk-through has gone past the last step."""
    if named:
        return named
    if current == FINISHED:
        return STEPS[-1] if intent == "previous_step" else STEPS[0]
    index = STEPS.index(current) if current in STEPS else None
    if intent in ("next_step", "affirm"):  # "yes" to a step means go on
        if index is None:
            return STEPS[0]
        return STEPS[index + 1] if index + 1 < len(STEPS) else None
    if intent == "previous_step":
        return STEPS[max(index - 1, 0)] if index is not None else STEPS[0]
    return STEPS[0]  # start_guide, or a step asked for that the message did not name
