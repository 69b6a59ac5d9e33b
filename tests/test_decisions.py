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


# -- the desk's table ---------------------------------------------------------------------------

import itertools
from datetime import date, datetime, timezone

from checkin.desk.decisions import DeskFacts, decide, first_day, young_person
from checkin.door.decisions import DoorFacts, DoorPlan, after_seat, decide as door_decide, doors_open


def test_every_combination_of_consent_chaperone_and_policy():
    seen = set()
    for minor, consent, chaperone, checked_in, agreed, confirm in itertools.product(
            (False, True), (None, False, True), ("", "  ", "Ms Lim"), (False, True), (False, True), (False, True)):
        d = decide(DeskFacts(is_minor=minor, guardian_consent=consent, chaperone=chaperone, checked_in=checked_in,
                             agreed=agreed, confirm=confirm))
        seen.add(d.outcome)
        if checked_in:
            assert d.outcome == "already_checked_in" and not d.record_checkin and not d.record_confirmation
            continue
        missing = tuple(what for what, ok in (("guardian consent", consent is True),
                                              ("a named chaperone", chaperone.strip() != "")) if not ok)
        if minor and missing:
            # A young person without both on file gets no badge, whatever the policy says.
            assert d.outcome == "needs_guardian_consent" and d.missing == missing
            assert not d.record_checkin and not d.record_confirmation
        elif not agreed and not confirm:
            assert d.outcome == "needs_safeguarding" and not d.record_checkin
        else:
            assert d.outcome == "checked_in" and d.record_checkin
            assert d.record_confirmation == (not agreed)   # an agreement on file is never recorded twice
    assert seen == {"already_checked_in", "needs_guardian_consent", "needs_safeguarding", "checked_in"}


def test_an_adult_never_needs_guardian_consent():
    d = decide(DeskFacts(is_minor=False, guardian_consent=None, chaperone="", checked_in=False, agreed=True,
                         confirm=False))
    assert d.outcome == "checked_in" and d.missing == ()


def test_the_eighteenth_birthday_on_the_events_first_day():
    first = date(2025, 11, 18)
    assert young_person(date(2007, 11, 19), None, first)          # 18 tomorrow: still a young person
    assert not young_person(date(2007, 11, 18), None, first)      # 18 today: an adult
    assert not young_person(date(2007, 11, 17), True, first)      # a date of birth beats the flag
    assert young_person(date(2007, 11, 19), False, first)
    assert young_person(None, True, first) and not young_person(None, None, first)
    assert young_person(date(2010, 1, 1), None, None) is False     # no sessions: the flag decides
    assert young_person(date(2008, 2, 29), None, date(2026, 2, 28))   # a leap-day birthday: not yet 18
    assert not young_person(date(2008, 2, 29), None, date(2026, 3, 1))


def test_the_first_day_is_the_events_wall_clock_date():
    # 07:30 in Kuala Lumpur on the 18th is 23:30 UTC on the 17th: the day is the 18th there.
    starts = [datetime(2025, 11, 17, 23, 30, tzinfo=timezone.utc), datetime(2025, 11, 19, 2, 0, tzinfo=timezone.utc)]
    assert first_day(starts, "Asia/Kuala_Lumpur") == date(2025, 11, 18)
    assert first_day(starts, "UTC") == date(2025, 11, 17)
    assert first_day([], "UTC") is None
    # Born 18 November 2007: an adult in Kuala Lumpur, still 17 for an event kept on UTC dates.
    dob = date(2007, 11, 18)
    assert not young_person(dob, None, first_day(starts, "Asia/Kuala_Lumpur"))
    assert young_person(dob, None, first_day(starts, "UTC"))


# -- the door's table ---------------------------------------------------------------------------

def _door(**kw):
    facts = dict(direction="in", is_open=True, checked_in=True, inside_here=False, inside_elsewhere=False,
                 registration_required=False, assigned=False, assigned_other_run=False, standby_released=False,
                 override=False, offline=False)
    facts.update(kw)
    return door_decide(DoorFacts(**facts))


def test_door_refusals_come_in_their_order():
    assert _door(is_open=False, checked_in=False, inside_here=True).outcome == "closed"
    assert _door(checked_in=False, inside_here=True).outcome == "not_checked_in"
    assert _door(inside_here=True, registration_required=True).outcome == "already_inside"
    assert _door(registration_required=True).outcome == "not_registered"
    assert _door(registration_required=True, assigned_other_run=True).outcome == "wrong_run"
    # an override never opens a closed door or skips the desk
    assert _door(is_open=False, override=True).outcome == "closed"
    assert _door(checked_in=False, override=True).outcome == "not_checked_in"


def test_door_admissions_by_registration_standby_and_override():
    assert _door() == DoorPlan("admit")
    assert _door(inside_elsewhere=True) == DoorPlan("admit")             # moved from another room
    assert _door(registration_required=True, assigned=True) == DoorPlan("admit", own_seat=True)
    assert _door(registration_required=True, standby_released=True) == DoorPlan("admit", standby=True)
    assert _door(registration_required=True, override=True) == DoorPlan("admit", override_used=True)
    assert _door(registration_required=True, standby_released=True, override=True) == DoorPlan("admit", standby=True)


def test_the_seat_counter_has_the_last_word():
    plan = DoorPlan("admit")
    assert after_seat(plan, seat_taken=True, override=False) == ("admitted", False)
    assert after_seat(plan, seat_taken=False, override=False) == ("full", False)
    assert after_seat(plan, seat_taken=False, override=True) == ("admitted", True)     # past capacity
    lifted = DoorPlan("admit", override_used=True)
    assert after_seat(lifted, seat_taken=True, override=True) == ("admitted", True)


def test_the_way_out():
    assert _door(direction="out", inside_here=True).outcome == "exit"
    assert _door(direction="out").outcome == "not_inside"
    assert _door(direction="out", is_open=False, inside_here=True).outcome == "exit"   # leaving is always allowed
    assert _door(direction="out", inside_elsewhere=True).outcome == "not_inside"


def test_doors_open_from_the_set_minutes_before_the_start_until_the_end():
    starts = datetime(2025, 11, 18, 6, 0, tzinfo=timezone.utc)
    ends = datetime(2025, 11, 18, 7, 30, tzinfo=timezone.utc)
    at = lambda h, m: datetime(2025, 11, 18, h, m, tzinfo=timezone.utc)  # noqa: E731
    assert not doors_open(starts, ends, 30, at(5, 29))
    assert doors_open(starts, ends, 30, at(5, 30)) and doors_open(starts, ends, 30, at(7, 29))
    assert not doors_open(starts, ends, 30, at(7, 30))
