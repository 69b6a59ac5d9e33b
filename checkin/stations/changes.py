"""What an operation changed, so a window refreshes only what it shows (Anki's OpChanges).

Every `Station` operation that may write says here what it can change; the outcome narrows it (an
"already checked in" scan changed nothing). The station hands the notice to its listener (the
window) after the operation returns; other stations' changes come from one slow poll instead.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    attendees: bool = False    # people added, edited, removed; a badge reissued; a safeguarding agreement
    checkins: bool = False     # someone checked in, or a check-in annulled
    rooms: bool = False        # someone entered or left a session run's room
    staff: bool = False        # staff accounts
    event: bool = False        # the event, its rooms and sessions

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> "Changes":
        return cls(**{f.name: True for f in fields(cls)})


NOTHING = Changes()
# What each writing operation can change; outcomes that refuse change nothing (see changes_of).
MAY_CHANGE: dict[str, Changes] = {
    "scan": Changes(checkins=True, attendees=True),
    "check_in": Changes(checkins=True, attendees=True),
    "check_in_delegation": Changes(checkins=True, attendees=True),
    "register_walk_in": Changes(attendees=True, checkins=True),
    "annul": Changes(checkins=True),
    "reprint": Changes(attendees=True),
    "door": Changes(rooms=True),
    "door_by_id": Changes(rooms=True),
    "annul_door_scan": Changes(rooms=True),
    "kiosk_agree": Changes(checkins=True, attendees=True),
    "add_staff": Changes(staff=True),
    "reset_pin": Changes(staff=True),
    "set_staff_active": Changes(staff=True),
    "import_attendees": Changes(attendees=True),
    "purge": Changes(attendees=True, checkins=True, rooms=True),
}
_DOOR_CHANGED = ("admitted", "exited")


def changes_of(operation: str, result) -> Changes:
    """What this call of `operation` changed, from its result."""
    may = MAY_CHANGE.get(operation, NOTHING)
    if not may:
        return NOTHING
    if operation in ("door", "door_by_id"):
        return may if getattr(result, "outcome", None) in _DOOR_CHANGED else NOTHING
    if operation in ("scan", "check_in"):
        wrote = getattr(result, "changed", ())
        return Changes(checkins="checkin" in wrote, attendees="safeguarding" in wrote)
    return may
