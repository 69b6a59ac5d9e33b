"""The demo event: the 2025 Forum's agenda with fictional attendees and one account per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from checkin.errors import InputError
from checkin.eventfile import read_event_file
from checkin.events import save_event
from checkin.importer import ImportResult, import_attendees
from checkin.models import Event
from checkin.paths import demo_event_file
from checkin.staff import ensure_demo_account
from checkin.timeutil import utcnow, zone

# Sign-in names and PINs of the demo accounts; the README lists them.
DEMO_STAFF = (("desk", "desk", "1111"), ("marshal", "marshal", "2222"), ("organiser", "organiser", "3333"))


@dataclass(frozen=True)
class DemoResult:
    event: str
    first_day: date
    attendees: ImportResult
    staff_created: tuple[str, ...]

    def as_json(self) -> dict:
        return {"event": self.event, "first_day": self.first_day.isoformat(), "attendees": self.attendees.as_json(),
                "staff_created": list(self.staff_created),
                "staff": [{"name": n, "role": r, "pin": p} for n, r, p in DEMO_STAFF]}


def load_demo(*, shift_to_today: bool = True, now: datetime | None = None) -> DemoResult:
    """Load (or refresh) the demo. Its dates are in the past, so by default its first day is
    moved to today in the event's timezone: doors open, sessions run, whenever it is tried."""
    now = now or utcnow()
    path = demo_event_file()
    if not path.is_file():
        raise InputError(f"the demo event is missing from this installation ({path}): reinstall Forum Check-in")
    spec = read_event_file(path)
    if shift_to_today:
        spec = read_event_file(path, start_on=now.astimezone(zone(spec.timezone)).date())
    save_event(spec, now=now)
    event = Event.get(Event.code == spec.code)
    imported = import_attendees(path.parent / "attendees.csv", event=event, now=now)
    if imported.errors:
        raise InputError(f"the demo attendee list has {len(imported.errors)} bad rows: reinstall Forum Check-in")
    created = tuple(name for name, role, pin in DEMO_STAFF if ensure_demo_account(name, role, pin, now=now))
    return DemoResult(spec.code, spec.first_day(), imported, created)
