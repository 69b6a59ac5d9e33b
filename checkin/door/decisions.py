"""The door's decisions as pure functions over facts gathered before them: no database, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# Refusals an organiser may lift with a reason: a full room, a person not registered for this
# session, a person registered for its other run. Never a missing desk check-in (the
# safeguarding gate), a closed door or a bad code.
OVERRIDABLE = ("full", "not_registered", "wrong_run")


def overridable(outcome: str, direction: str = "in") -> bool:
    """Whether the marshal may admit the person shown anyway, with an organiser's approval."""
    return direction == "in" and outcome in OVERRIDABLE


@dataclass(frozen=True)
class DoorFacts:
    """What the door knows when a person is identified, read in one statement."""

    direction: str                  # "in" or "out"
    is_open: bool                   # doors_open_minutes before the start until the end
    checked_in: bool                # a standing desk check-in (the safeguarding gate)
    inside_here: bool               # a standing presence in this run
    inside_elsewhere: bool          # a standing presence in another run
    registration_required: bool
    assigned: bool                  # registered for this run
    assigned_other_run: bool        # registered for another run of the same session
    standby_released: bool          # free seats have gone to standby
    override: bool                  # an organiser's approved override came with the scan
    offline: bool = False           # deciding on the station's copy


@dataclass(frozen=True)
class DoorPlan:
    """What to do before the seat counter has its say: "admit", "exit", or a refusal outcome."""

    outcome: str
    standby: bool = False           # admitted to a seat released to standby
    override_used: bool = False     # the override lifted the registration rule
    own_seat: bool = False          # offline: a registered person's own seat, never rationed


def decide(f: DoorFacts) -> DoorPlan:
    """Order of the checks on the way in: doors open; checked in at the desk; not already inside;
    registered for this run (or standby released, or an override). A free seat is the seat
    counter's answer (`after_seat`). On the way out: inside this run."""
    if f.direction == "out":
        return DoorPlan("exit" if f.inside_here else "not_inside")
    if not f.is_open:
        return DoorPlan("closed")
    if not f.checked_in:
        return DoorPlan("not_checked_in")
    if f.inside_here:
        return DoorPlan("already_inside")
    standby = override_used = False
    if f.registration_required and not f.assigned:
        if f.standby_released:
            standby = True
        elif f.override:
            override_used = True
        else:
            return DoorPlan("wrong_run" if f.assigned_other_run else "not_registered")
    return DoorPlan("admit", standby=standby, override_used=override_used,
                    own_seat=f.registration_required and not standby and not override_used)


def after_seat(plan: DoorPlan, *, seat_taken: bool, override: bool) -> tuple[str, bool]:
    """Once the seat counter answered: (outcome, whether the override was used). A full room
    admits only with an override, counted past capacity."""
    if seat_taken:
        return "admitted", plan.override_used
    if override:
        return "admitted", True
    return "full", False


def standby_released(starts: datetime, release_minutes: int | None, now: datetime) -> bool:
    return release_minutes is not None and now >= starts + timedelta(minutes=release_minutes)


def doors_open(starts: datetime, ends: datetime, open_minutes: int, now: datetime) -> bool:
    """Entries are accepted from `open_minutes` before the start until the end."""
    return starts - timedelta(minutes=open_minutes) <= now < ends
