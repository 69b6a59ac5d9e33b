"""The door's decisions as pure functions over facts gathered before them: no database, no clock."""

from __future__ import annotations

# Refusals an organiser may lift with a reason: a full room, a person not registered for this
# session, a person registered for its other run. Never a missing desk check-in (the
# safeguarding gate), a closed door or a bad code.
OVERRIDABLE = ("full", "not_registered", "wrong_run")


def overridable(outcome: str, direction: str = "in") -> bool:
    """Whether the marshal may admit the person shown anyway, with an organiser's approval."""
    return direction == "in" and outcome in OVERRIDABLE
