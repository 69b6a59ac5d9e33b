"""The desk's and the door's decision tables, without a database: pure functions over facts."""

from checkin.desk import decisions as desk_decisions
from checkin.door import decisions as door_decisions


def test_only_a_standing_check_in_may_be_reprinted_or_annulled():
    for outcome in ("checked_in", "already_checked_in"):
        assert desk_decisions.may_reprint(outcome) and desk_decisions.may_annul(outcome)
    for outcome in ("needs_safeguarding", "needs_guardian_consent", "invalid_token", "revoked",
                    "unknown_attendee", "wrong_event"):
        assert not desk_decisions.may_reprint(outcome) and not desk_decisions.may_annul(outcome)


def test_an_organiser_may_lift_only_a_full_room_or_a_registration_refusal():
    for outcome in ("full", "not_registered", "wrong_run"):
        assert door_decisions.overridable(outcome, "in")
        assert not door_decisions.overridable(outcome, "out")
    for outcome in ("admitted", "exited", "already_inside", "not_inside", "not_checked_in", "closed",
                    "invalid_token", "revoked", "unknown_attendee"):
        assert not door_decisions.overridable(outcome, "in")
