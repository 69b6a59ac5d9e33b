"""Badge operations the desk, the console and the command line call: render, print, batch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checkin.store import audit
from checkin.attendees import find
from checkin.badges.data import BadgeData, all_badge_data, badge_data
from checkin.badges.formats import get_format
from checkin.badges.render import Progress, render_badge, render_badges
from checkin.badges.sorting import letter_ranges
from checkin.store.db import write_transaction
from checkin.errors import AccessDenied
from checkin.paths import write_atomically
from checkin.store.models import Badge, CheckIn, Event
from checkin.badges.media import media_for
from checkin.badges.printing import PrintError, print_pdf
from checkin.badges.reprint import record_print
from checkin.staff import StaffMember, require
from checkin.timeutil import utcnow



@dataclass(frozen=True)
class PrintResult:
    registration_id: str
    job: str
    printed: bool
    serial: int
    print_count: int
    queue: str
    format: str

    @property
    def outcome(self) -> str:   # what an offline station's outbox records
        return "printed"

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DeskRange:
    desk: int
    first: str
    last: str
    badges: int

    def as_json(self) -> dict:
        return {"desk": self.desk, "from": self.first, "to": self.last, "badges": self.badges}


@dataclass(frozen=True)
class BatchResult:
    pdf: bytes
    format: str
    badges: int
    pages: int
    desks: tuple[DeskRange, ...]

    def as_json(self) -> dict:
        return {"format": self.format, "badges": self.badges, "pages": self.pages,
                "desks": [d.as_json() for d in self.desks]}


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page[^s]", pdf))


def badge_pdf(registration_id: str, *, event: Event, fmt: str = "a6") -> bytes:
    get_format(fmt)
    return render_badge(badge_data(find(event, registration_id), event=event), fmt)


@dataclass(frozen=True)
class PrintJob:
    """One person's badge, read from the database and ready to render and send: printing runs off
    the database thread (a slow printer never holds up the next scan) and comes back to be recorded."""

    registration_id: str
    data: BadgeData
    queue: str
    format: str

    @property
    def serial(self) -> int:
        return self.data.serial


def print_job(registration_id: str, *, event: Event, queue: str, fmt: str = "a6",
              staff: StaffMember) -> PrintJob:
    """Gather (a read): the person's current badge, if this staff member may print it."""
    get_format(fmt)
    person = find(event, registration_id)
    if staff.can("scan"):
        pass   # whoever may check a person in may print their badge
    else:
        require(staff, "print_first_badge")   # a kiosk: the first badge of someone checked in, never a reprint
        if not _first_badge_due(person):
            raise AccessDenied("this badge was printed already or the person is not checked in: "
                               "a reprint is for the staffed desk")
    return PrintJob(registration_id, badge_data(person, event=event), queue, fmt)


def send_print(job: PrintJob, *, wait: float = 20.0) -> str:
    """Render and hand the badge to CUPS (no database): the CUPS job id once it has finished."""
    if not job.queue:
        raise PrintError("no printer is set up at this station: save the badge as a PDF, or choose a printer "
                         "when signing in")
    pdf = render_badge(job.data, job.format)
    return print_pdf(pdf, job.queue, title=f"Badge {job.registration_id} {job.serial}",
                     media=media_for(job.format, job.queue), wait=wait)


def save_pdf(job: PrintJob, path: str) -> str:
    """Render the badge to a PDF file (no printer at this station); the path written."""
    write_atomically(Path(path), render_badge(job.data, job.format))
    return path


def record_printed(job: PrintJob, cups_job: str, *, event: Event, station: str = "", staff: StaffMember,
                   now: datetime | None = None) -> PrintResult:
    """Apply: the printer accepted the badge, so it counts."""
    count = record_print(job.registration_id, event=event, station=station, staff=staff.name, now=now)
    return PrintResult(job.registration_id, cups_job, True, job.serial, count, job.queue, job.format)


def record_print_failed(job: PrintJob, error: str, *, event: Event, station: str = "", staff: StaffMember,
                        now: datetime | None = None) -> None:
    with write_transaction():
        audit.record("badge_print_failed", event_code=event.code, station=station, staff=staff.name,
                     subject=job.registration_id, detail={"serial": job.serial, "queue": job.queue, "error": error},
                     at=now or utcnow())


def print_badge(registration_id: str, *, event: Event, queue: str, fmt: str = "a6", station: str = "",
                staff: StaffMember, now: datetime | None = None, wait: float = 20.0) -> PrintResult:
    """Render and print the attendee's current badge; it counts as printed only once CUPS has
    finished the job. A refusal raises PrintError and records nothing but the failure."""
    job = print_job(registration_id, event=event, queue=queue, fmt=fmt, staff=staff)
    try:
        cups_job = send_print(job, wait=wait)
    except PrintError as exc:
        record_print_failed(job, str(exc), event=event, station=station, staff=staff, now=now)
        raise
    return record_printed(job, cups_job, event=event, station=station, staff=staff, now=now)


def _first_badge_due(person) -> bool:
    checked_in = CheckIn.select().where((CheckIn.attendee == person) & CheckIn.annulled_at.is_null()).exists()
    printed = Badge.select().where((Badge.attendee == person) & (Badge.serial == person.badge_serial)
                                   & (Badge.print_count > 0)).exists()
    return checked_in and not printed


def desk_ranges(badges: list[BadgeData], sort: str, desks: int) -> tuple[DeskRange, ...]:
    ordered = sorted(badges, key=lambda d: (d.sort_family if sort != "given" else d.sort_given, d.registration_id))
    letters = [d.letter_family if sort != "given" else d.letter_given for d in ordered]
    return tuple(DeskRange(i, first, last, end - start)
                 for i, (first, last, start, end) in enumerate(letter_ranges(letters, desks), 1))


def print_badges(registration_ids: list[str], *, event: Event, queue: str, fmt: str = "a6", station: str = "",
                 staff: StaffMember, now: datetime | None = None, wait: float = 20.0) -> list[PrintResult]:
    """Several people's badges as one print job, in the order given (a delegation's order), so
    they come out of the printer together and in the order the desk hands them over."""
    require(staff, "scan")
    get_format(fmt)
    if not registration_ids:
        return []
    people = [find(event, r) for r in registration_ids]
    badges = [badge_data(p, event=event) for p in people]
    pdf = render_badges(badges, fmt, sort=None, title=f"Badges {len(badges)}")
    try:
        job = print_pdf(pdf, queue, title=f"Badges {badges[0].registration_id} +{len(badges) - 1}",
                        media=media_for(fmt, queue), wait=wait)
    except PrintError as exc:
        with write_transaction():
            for d in badges:
                audit.record("badge_print_failed", event_code=event.code, station=station, staff=staff.name,
                             subject=d.registration_id, detail={"serial": d.serial, "queue": queue,
                                                                "error": str(exc)}, at=now or utcnow())
        raise
    return [PrintResult(d.registration_id, job, True, d.serial,
                        record_print(d.registration_id, event=event, station=station, staff=staff.name, now=now),
                        queue, fmt) for d in badges]


def batch_pdf(event: Event, *, fmt: str = "a4-4up", sort: str = "family", desk_split: int = 0,
              progress: Progress | None = None) -> BatchResult:
    """Every attendee's badge in one PDF, for pre-printing."""
    get_format(fmt)
    badges = all_badge_data(event)
    pdf = render_badges(badges, fmt, sort=sort, desk_split=desk_split, progress=progress,
                        title=f"Badges {event.code}")
    desks = desk_ranges(badges, sort, desk_split) if desk_split else ()
    return BatchResult(pdf, fmt, len(badges), page_count(pdf), desks)
