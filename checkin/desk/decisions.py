"""Small pure decisions the desk makes after a scan, each testable without a window."""

from __future__ import annotations

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
