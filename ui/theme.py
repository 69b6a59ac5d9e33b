"""How each outcome looks and sounds. Colour is never alone: every look has an icon and words."""

from __future__ import annotations

from dataclasses import dataclass

GREEN, BLUE, AMBER, PURPLE, ORANGE, RED, GREY = "#1B7F3B", "#1F5FA8", "#8A5A00", "#5B3FA8", "#B4470F", "#B3261E", "#4A5560"
INK = "#FFFFFF"
IDLE_BG = "#F3F5F7"


@dataclass(frozen=True)
class Look:
    colour: str
    icon: str     # a shape IconWidget draws: check, cross, info, shield, warn, out, full, clock
    title: str
    sound: str    # a file in assets/sounds without .wav


LOOKS = {
    # the desk
    "checked_in": Look(GREEN, "check", "Welcome", "welcome"),
    "already_checked_in": Look(BLUE, "info", "Already checked in", "notice"),
    "needs_safeguarding": Look(PURPLE, "shield", "Safeguarding policy first", "attention"),
    "needs_guardian_consent": Look(ORANGE, "warn", "Young person: consent missing", "attention"),
    "invalid_token": Look(RED, "cross", "Code not valid", "refused"),
    "revoked": Look(RED, "cross", "Badge revoked", "alert"),
    "unknown_attendee": Look(RED, "cross", "Not on the list", "refused"),
    "wrong_event": Look(RED, "cross", "Another event's code", "refused"),
    # the door
    "admitted": Look(GREEN, "check", "In", "welcome"),
    "exited": Look(BLUE, "out", "Out", "notice"),
    "already_inside": Look(AMBER, "info", "Already inside", "notice"),
    "not_inside": Look(AMBER, "info", "Was not inside", "notice"),
    "full": Look(RED, "full", "FULL", "refused"),
    "not_registered": Look(RED, "cross", "Not registered for this session", "refused"),
    "wrong_run": Look(ORANGE, "clock", "Registered for the other run", "attention"),
    "not_checked_in": Look(RED, "cross", "Not checked in at the desk", "refused"),
    "closed": Look(GREY, "clock", "Doors closed", "refused"),
    # the station itself
    "error": Look(RED, "warn", "Something went wrong", "refused"),
}


def look(outcome: str) -> Look:
    return LOOKS.get(outcome, LOOKS["error"])
