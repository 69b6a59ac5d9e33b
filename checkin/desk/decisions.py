"""The desk's decisions as pure functions over facts gathered before them: no database, no clock,
no window. checkin/desk/service.py gathers (one read), calls `decide`, then applies (writes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

ADULT_AGE = 18

ARRIVED = ("checked_in", "already_checked_in")

NO_PHOTOS = "no photos"
PHOTOS_OK = "photos ok"


def lanyard(photo_consent: bool) -> str:
    """Which lanyard to hand over. Unknown consent is "no": a photo cannot be taken back."""
    return PHOTOS_OK if photo_consent else NO_PHOTOS


def should_print(outcome: str, *, has_printer: bool, auto_print: bool) -> bool:
    """Print right after a fresh check-in only; a duplicate scan never prints a second badge."""
    return outcome == "checked_in" and has_printer and auto_print


def card_seconds(outcome: str) -> float:
    """How long a result card stays before the desk is ready again. Anything that needs the
    staff member to act stays until they act (0 = until dismissed)."""
    if outcome == "checked_in":
        return 4.0
    if outcome == "already_checked_in":
        return 8.0
    return 0.0


def door_card_seconds(outcome: str) -> float:
    """At a door the queue moves on: a plain in or out clears itself; a refusal stays until the
    marshal has dealt with it (0 = until dismissed)."""
    return 2.5 if outcome in ("admitted", "exited", "already_inside", "not_inside") else 0.0


def may_reprint(outcome: str) -> bool:
    """A badge can be reprinted (with an organiser's approval) only for a person who stands
    checked in: before the desk's checks pass there is no badge to replace."""
    return outcome in ARRIVED


def may_annul(outcome: str) -> bool:
    """Only a standing check-in can be annulled (with an organiser's approval)."""
    return outcome in ARRIVED


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def young_person(date_of_birth: date | None, stated_minor: bool | None, first_day: date | None) -> bool:
    """Under 18 on the event's first day (a date in the event's timezone); a stated date of birth
    beats the is_minor flag; unknown is an adult only when nothing says otherwise."""
    if date_of_birth is not None and first_day is not None:
        return age_on(date_of_birth, first_day) < ADULT_AGE
    return bool(stated_minor)


def first_day(session_starts, timezone: str) -> date | None:
    """The event's first day, where age on arrival is measured: the earliest session's start, as
    a date on the event's wall clock (a session at 07:00 in Kuala Lumpur is 23:00 UTC the day before)."""
    starts = [s for s in session_starts if s is not None]
    if not starts:
        return None
    return min(starts).astimezone(ZoneInfo(timezone)).date()


@dataclass(frozen=True)
class DeskFacts:
    """What the desk knows about the person in front of it, read in one statement."""

    is_minor: bool
    guardian_consent: bool | None
    chaperone: str
    checked_in: bool        # a standing (not annulled) check-in
    agreed: bool            # confirmed the event's current safeguarding policy
    confirm: bool           # the staff member records the confirmation with this scan


@dataclass(frozen=True)
class DeskDecision:
    outcome: str                            # checked_in, already_checked_in, needs_guardian_consent, needs_safeguarding
    missing: tuple[str, ...] = ()           # for needs_guardian_consent: what is not on file
    record_confirmation: bool = False       # write the safeguarding confirmation
    record_checkin: bool = False            # write the check-in (the unique index has the last word)


def decide(f: DeskFacts) -> DeskDecision:
    """Order of the checks: already in; may a young person come in (guardian consent and a named
    chaperone); has the person agreed to the current policy (or agrees now). Then the check-in."""
    if f.checked_in:
        return DeskDecision("already_checked_in")
    if f.is_minor:
        missing = tuple(what for what, ok in (("guardian consent", f.guardian_consent is True),
                                              ("a named chaperone", bool(f.chaperone.strip()))) if not ok)
        if missing:
            return DeskDecision("needs_guardian_consent", missing=missing)
    if not f.agreed and not f.confirm:
        return DeskDecision("needs_safeguarding")
    return DeskDecision("checked_in", record_confirmation=not f.agreed, record_checkin=True)


KIOSK_IDLE_SECONDS = 20.0   # a kiosk screen left alone this long clears itself for the next person
LANYARD_COLOURS = {PHOTOS_OK: "green", NO_PHOTOS: "red"}


def lanyard_colour(photo_consent: bool) -> str:
    """The lanyard's colour, which the kiosk names (the desk hands it over): red = no photos."""
    return LANYARD_COLOURS[lanyard(photo_consent)]
