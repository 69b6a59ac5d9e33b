"""The demo event: the 2025 Forum's agenda with fictional attendees and one account per role."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from checkin.attendees import is_minor
from checkin.errors import AccessDenied, InputError
from checkin.events.file import read_event_file, shifted
from checkin.events.service import first_day, save_event
from checkin.imports.importer import import_attendees, ImportResult
from checkin.paths import demo_event_file
from checkin.staff import ensure_demo_account, issue_recovery_code, name_key
from checkin.store.models import Attendee, CheckIn, Event, SafeguardingConfirmation, Staff
from checkin.timeutil import utcnow, zone

# Sign-in names and PINs of the demo accounts; the README lists them.
DEMO_STAFF = (("desk", "desk", "4826"), ("marshal", "marshal", "5937"), ("organiser", "organiser", "314159"))
DEMO_EVENT_CODE = "aif-2025"


def refuse_demo_over_real_data() -> None:
    """The demo makes accounts whose PINs are printed in the README: loading it into a real
    event's database would hand anyone an organiser's rights. It loads only into an empty
    database or one that already holds nothing but the demo."""
    demo_names = {name_key(n) for n, _, _ in DEMO_STAFF}
    others = Staff.select().where(Staff.name_key.not_in(demo_names)).exists()
    other_events = Event.select().where(Event.code != DEMO_EVENT_CODE).exists()
    if others or other_events:
        raise AccessDenied("this database holds a real event or real staff: the demo (whose PINs are public) loads "
                           "only into a new database; pass --db with a new file")


@dataclass(frozen=True)
class DemoResult:
    event: str
    first_day: date
    attendees: ImportResult
    staff_created: tuple[str, ...]
    recovery_code: str | None = None

    def as_json(self) -> dict:
        out = {"event": self.event, "first_day": self.first_day.isoformat(), "attendees": self.attendees.as_json(),
               "staff_created": list(self.staff_created),
               "staff": [{"name": n, "role": r, "pin": p} for n, r, p in DEMO_STAFF]}
        if self.recovery_code:
            out["recovery_code"] = self.recovery_code
        return out


def load_demo(*, shift_to_today: bool = True, now: datetime | None = None) -> DemoResult:
    """Load (or refresh) the demo. Its dates are in the past, so by default its first day is
    moved to today in the event's timezone: doors open, sessions run, whenever it is tried."""
    now = now or utcnow()
    refuse_demo_over_real_data()
    path = demo_event_file()
    if not path.is_file():
        raise InputError(f"the demo event is missing from this installation ({path}): reinstall Forum Check-in")
    spec = read_event_file(path)
    years = 0
    if shift_to_today:
        original_first = spec.first_day()
        spec = read_event_file(path, start_on=now.astimezone(zone(spec.timezone)).date())
        spec = shifted(spec, time_of_day_shift(spec, now))
        years = spec.first_day().year - original_first.year
    save_event(spec, now=now)
    event = Event.get(Event.code == spec.code)
    with tempfile.TemporaryDirectory() as tmp:
        # Birthdays move with the agenda, so the demo's young people stay young in any year.
        attendees = _aged(path.parent / "attendees.csv", years, Path(tmp))
        imported = import_attendees(attendees, event=event, now=now)
    if imported.errors:
        raise InputError(f"the demo attendee list has {len(imported.errors)} bad rows: reinstall Forum Check-in")
    created = tuple(name for name, role, pin in DEMO_STAFF if ensure_demo_account(name, role, pin, now=now))
    return DemoResult(spec.code, spec.first_day(), imported, created, issue_recovery_code())


def time_of_day_shift(spec, now: datetime) -> timedelta:
    """How far to move the (already dated) agenda so a workshop is running now, at any hour: the
    first day's first workshop taken by registration starts 20 minutes ago (to the 5 minutes).
    Nothing moves when it already runs now."""
    tz = zone(spec.timezone)
    day = spec.first_day()
    workshops = sorted((s for s in spec.sessions if s.registration_required
                        and s.starts.astimezone(tz).date() == day), key=lambda s: s.starts)
    if not workshops:
        return timedelta(0)
    anchor = workshops[0]
    if anchor.starts <= now < anchor.ends:
        return timedelta(0)
    local_now = now.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)
    target = local_now - timedelta(minutes=20 + local_now.minute % 5)
    return target - anchor.starts.astimezone(tz).replace(tzinfo=None)


def _aged(source: Path, years: int, folder: Path) -> Path:
    if years == 0:
        return source
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    column = rows[0].index("date_of_birth")
    for row in rows[1:]:
        if column < len(row) and row[column]:
            born = date.fromisoformat(row[column])
            try:
                row[column] = born.replace(year=born.year + years).isoformat()
            except ValueError:  # 29 February in a year without one
                row[column] = born.replace(year=born.year + years, day=28).isoformat()
    out = folder / source.name
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return out


def demo_examples(event: Event) -> dict[str, str]:
    """Registration ids of demo people in each desk situation, for screenshots and tours."""

    day = first_day(event)
    agreed = {a for (a,) in SafeguardingConfirmation.select(SafeguardingConfirmation.attendee)
              .where(SafeguardingConfirmation.policy_version == event.policy_version).tuples()}
    arrived = {a for (a,) in CheckIn.select(CheckIn.attendee).where(CheckIn.annulled_at.is_null()).tuples()}
    found: dict[str, str] = {}
    for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.registration_id):
        if a.id in arrived:
            continue
        minor = is_minor(a, day)
        consent_ok = a.guardian_consent is True and bool(a.chaperone.strip())
        if minor and not consent_ok:
            kind = "minor_without_consent"
        elif minor and a.id in agreed:
            kind = "minor_ready"
        elif not minor and a.id not in agreed:
            kind = "needs_safeguarding"
        elif not minor and a.photo_consent is False:
            kind = "adult_no_photos"
        elif not minor and a.role == "speaker":
            kind = "speaker_ready"
        elif not minor:
            kind = "adult_ready"
        else:
            continue
        found.setdefault(kind, a.registration_id)
    return found
