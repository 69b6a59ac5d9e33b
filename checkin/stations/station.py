"""One station's working context: which event, which station, who is signed in, which printer.

The app builds one `Station` after sign-in and its views call these methods (on a worker
thread); each method is a plain core call with the station's context filled in.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from checkin.badges.invitations import invitations_pdf
from checkin.badges.preview import preview_for_event, preview_for_file
from checkin.badges.data import badge_data
from checkin.badges.reprint import reprint, reprint_preview
from checkin.badges.service import (PrintJob, batch_pdf, print_badge, print_badges, print_job, record_print_failed,
                                    record_printed, save_pdf, send_print)
from checkin.delegations.service import Delegation, check_in_delegation, delegation_of
from checkin.desk import kiosk
from checkin.desk import service as desk
from checkin.desk.consent import record_consent
from checkin.desk.walkins import register_walk_in
from checkin.door import service as door
from checkin.door.annul import annul_scan
from checkin.door.occupancy import door_runs, for_station
from checkin.door.occupancy import occupancy
from checkin.errors import InputError
from checkin.events.cache import current_event
from checkin.imports.importer import import_attendees
from checkin.imports.preview import match_headers
from checkin.imports.preview import preview
from checkin.imports.tabular import read_table
from checkin.names.search import search
from checkin.organiser.dashboard import snapshot
from checkin.organiser.daily_pdf import daily_report
from checkin.organiser.exports import export
from checkin.organiser.purge import anonymous_counts, young_people_ids
from checkin.organiser.purge import purge
from checkin.safeguarding.where import Whereabouts, YoungPeopleReport, where, young_people_present
from checkin.staff import add_staff, authenticate, list_staff, require, reset_pin, set_active, StaffMember
from checkin.stations.changes import Changes
from checkin.stations.connection import ConnectionStatus, StationDatabase
from checkin.stations.policy import offline_policy
from checkin.store.anchors import write_anchor
from checkin.store.audit import entries, kinds, verify
from checkin.store.db import CONNECTION_ERRORS
from checkin.store.models import Attendee
from checkin.timeutil import local, utcnow

BADGE_FORMATS = ("a6", "a6-fold", "cr80", "4x3", "label62")


@dataclass(frozen=True)
class StationSettings:
    """Kept per machine: a desk laptop remembers its name and printer across restarts."""

    station_name: str = "Desk 1"
    printer_queue: str = ""
    badge_format: str = "a6"
    auto_print: bool = True
    event_code: str = ""
    use_camera: bool = False   # scan with the laptop's camera as well as a USB scanner

    @property
    def kind(self) -> str:
        """A station named for a door ("Door C1", "Melati door") opens on the door; any other is a desk."""
        return "door" if "door" in self.station_name.casefold().split() else "desk"

    def validated(self) -> "StationSettings":
        name = " ".join(self.station_name.split())
        if not name:
            raise InputError("a station needs a name (e.g. Desk 2 or Door C1)")
        if self.badge_format not in BADGE_FORMATS:
            raise InputError(f"unknown badge format {self.badge_format!r}: use one of {', '.join(BADGE_FORMATS)}")
        return replace(self, station_name=name, printer_queue=self.printer_queue.strip())


def load_settings(path: Path) -> StationSettings:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return StationSettings()
    except (ValueError, OSError):
        return StationSettings()  # a damaged settings file must not stop the desk from opening
    known = {k: v for k, v in data.items() if k in StationSettings.__dataclass_fields__}
    try:
        return StationSettings(**known).validated()
    except (InputError, TypeError):
        return StationSettings()


def save_settings(path: Path, settings: StationSettings) -> None:
    settings = settings.validated()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    tmp.replace(path)


@dataclass(frozen=True)
class ReprintJob:
    """An approved reprint waiting for its new badge to be printed or saved."""

    job: PrintJob
    by: StaffMember
    reason: str


@offline_policy
@dataclass
class Station:
    """What a signed-in person does at this station. What each method may do offline is declared
    in `stations.policy` (queued, read from the copy, or needs the server) and enforced there."""

    settings: StationSettings
    staff: StaffMember
    clock: Callable[[], datetime] = field(default=utcnow)
    # Given on a shared server: scans fall back to the station's offline copy when it is unreachable.
    connection: StationDatabase | None = None
    # Told what each operation changed, `(Changes, operation name)`, on the thread that ran it.
    on_change: Callable[[Changes, str], None] | None = field(default=None, compare=False, repr=False)
    _anchored: float = field(default=float("-inf"), repr=False)

    @property
    def name(self) -> str:
        return self.settings.station_name

    def event(self):
        # One small read per call: the Event read last is kept while its change stamp holds.
        return current_event(self.settings.event_code or None)

    def _perform(self, kind: str, payload: dict, call: Callable[[bool, datetime, object], object], *,
                 retry_offline: bool = True):
        """A scan, on the server or (offline) on the replica with the action queued.
        `call(offline, now, event)` gets the event read once, from whichever database decides."""
        now = self.clock()
        if self.connection is None:
            return call(False, now, self.event())
        payload = {"event": self.settings.event_code, "station": self.name, "staff": self.staff.name,
                   "role": self.staff.role, **payload}

        def decide(offline: bool):
            event = self.event()
            payload["event"] = event.code
            return call(offline, now, event)
        return self.connection.perform(kind, payload, now, decide, retry_offline=retry_offline)

    def _read(self, call: Callable[[], object]):
        """A read inside a queued operation, before its decision (an approver's PIN)."""
        return call() if self.connection is None else self.connection.read(call)

    def scan(self, token: str, *, confirm_safeguarding: bool = False) -> desk.ScanResult:
        return self._perform("scan", {"token": token, "confirm_safeguarding": confirm_safeguarding},
                             lambda offline, now, event: desk.scan(token, event=event, station=self.name,
                                                            staff=self.staff,
                                                            confirm_safeguarding=confirm_safeguarding, now=now))

    def check_in(self, registration_id: str, *, confirm_safeguarding: bool = False) -> desk.ScanResult:
        return self._perform("scan", {"registration_id": registration_id,
                                      "confirm_safeguarding": confirm_safeguarding},
                             lambda offline, now, event: desk.check_in_by_id(
                                 registration_id, event=event, station=self.name, staff=self.staff,
                                 confirm_safeguarding=confirm_safeguarding, now=now))

    def search(self, query: str, limit: int = 10) -> list:
        return search(self.event(), query, limit=limit)

    def counts(self) -> dict:
        return desk.counts(self.event())

    def connection_status(self) -> ConnectionStatus | None:
        """Cheap: whether this station is offline and how many actions wait; None without a server."""
        return None if self.connection is None else self.connection.status()

    def sync(self) -> ConnectionStatus | None:
        """Every few seconds: refresh the offline copy, or reconnect and replay the queue."""
        status = None if self.connection is None else self.connection.tick()
        self.anchor()
        return status

    def refresh_copy(self) -> ConnectionStatus | None:
        """Online, the offline copy's refresh on a thread of its own, beside the scans on the
        database thread; an answer with `retry` asks for `sync()` there (offline, or the server
        stopped answering)."""
        return None if self.connection is None else self.connection.refresh()

    def anchor(self) -> None:
        """At most once a minute, sign the audit chain's head into this station's anchor file."""
        now = time.monotonic()
        if now - self._anchored < 60 or (self.connection is not None and self.connection.offline):
            return
        self._anchored = now
        try:
            write_anchor(self.name)
        except (OSError, *CONNECTION_ERRORS):
            pass   # the next minute tries again; scanning never waits on it

    # -- delegations ------------------------------------------------------------------------------

    def delegation(self, key: str) -> Delegation:
        """The delegation a scanned badge (or a registration id) belongs to, every member's state."""
        return self._read(lambda: delegation_of(key, event=self.event()))

    def check_in_delegation(self, key: str, members: list[str] | None = None,
                            confirmed: tuple[str, ...] = ()) -> Delegation:
        """Each member through this station's own check-in (which works offline), in delegation order."""
        return self._read(lambda: check_in_delegation(
            key, event=self.event(), station=self.name, staff=self.staff, members=members, confirmed=confirmed,
            now=self.clock(), check_in=lambda reg, confirm: self.check_in(reg, confirm_safeguarding=confirm)))

    def print_badges(self, registration_ids: list[str]):
        """Several badges as one print job, in the order given."""
        return print_badges(list(registration_ids), event=self.event(), queue=self.settings.printer_queue,
                            fmt=self.settings.badge_format, station=self.name, staff=self.staff, now=self.clock())

    # -- safeguarding -----------------------------------------------------------------------------

    def where(self, registration_id: str) -> Whereabouts:
        return where(registration_id, event=self.event(), by=self.staff, station=self.name, now=self.clock())

    def young_people(self, delegation: str = "") -> YoungPeopleReport:
        return young_people_present(event=self.event(), by=self.staff, delegation=delegation, station=self.name,
                                    now=self.clock())

    # -- the self-service kiosk ------------------------------------------------------------------

    def kiosk_look(self, token: str, language: str = "") -> kiosk.KioskAnswer:
        return kiosk.look(token, event=self.event(), station=self.name, staff=self.staff, language=language,
                          now=self.clock())

    def kiosk_agree(self, token: str, policy_version: str, language: str = "") -> kiosk.KioskAnswer:
        return kiosk.agree(token, event=self.event(), station=self.name, staff=self.staff,
                           policy_version=policy_version, language=language, now=self.clock())

    def leave_kiosk(self, name: str, pin: str) -> StaffMember:
        """An organiser's name and PIN end kiosk mode; anyone else is refused (and the try audited)."""
        member = self.authorise(name, pin)
        require(member, "leave_kiosk")
        return member

    def reprint(self, registration_id: str, approver: str, pin: str, reason: str):
        return reprint(registration_id, event=self.event(), by=self._authorise(approver, pin), reason=reason,
                       station=self.name, now=self.clock())

    # -- printing off the database thread: gather here, send on the print pool, record back here --
    def print_job(self, registration_id: str) -> PrintJob:
        """This person's current badge, ready to send (on the copy offline: the code the server signed)."""
        return print_job(registration_id, event=self.event(), queue=self.settings.printer_queue,
                         fmt=self.settings.badge_format, staff=self.staff)

    def send_badge(self, job: PrintJob) -> str:
        """Render and send to CUPS; touches no database, so it runs on the print pool."""
        return send_print(job)

    def save_badge_pdf(self, job: PrintJob, path: str) -> str:
        """No printer here: the badge as a PDF file to print elsewhere (no database)."""
        return save_pdf(job, path)

    def badge_printed(self, job: PrintJob, cups_job: str):
        """The printer accepted `job`: count it (queued for the server when offline)."""
        return self._perform("print", {"registration_id": job.registration_id}, lambda offline, now, event:
                             record_printed(job, cups_job, event=event, station=self.name, staff=self.staff, now=now),
                             retry_offline=False)

    def badge_print_failed(self, job: PrintJob, error: str) -> None:
        record_print_failed(job, error, event=self.event(), station=self.name, staff=self.staff, now=self.clock())

    def reprint_job(self, registration_id: str, approver: str, pin: str, reason: str) -> ReprintJob:
        """A reprint's new badge, approved but not yet issued: the old badge works until the new one
        is accepted by the printer or saved (then `reprint_done`)."""
        by = self._authorise(approver, pin)
        event = self.event()
        ahead = reprint_preview(registration_id, event=event, by=by, reason=reason)
        job = PrintJob(registration_id, badge_data(ahead, event=event), self.settings.printer_queue,
                       self.settings.badge_format)
        return ReprintJob(job, by, reason)

    def reprint_done(self, reprint_job: ReprintJob, cups_job: str = ""):
        """The new badge is out (printed, or saved as PDF when `cups_job` is empty): issue its serial,
        which revokes the old badge, and count the print."""
        job = reprint_job.job
        result = reprint(job.registration_id, event=self.event(), by=reprint_job.by, reason=reprint_job.reason,
                         station=self.name, now=self.clock(), expect_serial=job.serial)
        if cups_job:
            record_printed(job, cups_job, event=self.event(), station=self.name, staff=self.staff, now=self.clock())
        return result

    def print_badge(self, registration_id: str):
        """Print this person's current badge on the station's printer, in the station's format."""

        # Offline the badge carries the code the server signed at the last sync, and the print is
        # queued so the server's print count stays true. A print is never redone offline after the
        # server failed mid-way: the badge may already be in the tray.
        return self._perform("print", {"registration_id": registration_id}, lambda offline, now, event: print_badge(
            registration_id, event=event, queue=self.settings.printer_queue, fmt=self.settings.badge_format,
            station=self.name, staff=self.staff, now=now), retry_offline=False)

    def record_consent(self, registration_id: str, approver: str, pin: str, reason: str, *,
                       guardian_consent: bool | None = None, chaperone: str | None = None,
                       photo_consent: bool | None = None):
        """An organiser records consent seen on paper for the person the dialog was opened for."""
        return record_consent(registration_id, event=self.event(), by=self._authorise(approver, pin), reason=reason,
                              guardian_consent=guardian_consent, chaperone=chaperone, photo_consent=photo_consent,
                              station=self.name, now=self.clock())

    def annul(self, registration_id: str, approver: str, pin: str, reason: str):
        return desk.annul_checkin(registration_id, event=self.event(), by=self._authorise(approver, pin),
                                  reason=reason, station=self.name, now=self.clock())

    def register_walk_in(self, walk_in, approver: str, pin: str):
        return register_walk_in(walk_in, event=self.event(), approved_by=self._authorise(approver, pin),
                                station=self.name, now=self.clock())

    def door(self, run_code: str, token: str, direction: str, *,
             override: tuple[str, str, str] | None = None, override_for: str = "",
             refused_scan_id: int | None = None):
        """A scan at this station's door; `override` is (approver name, PIN, reason), approved for
        the person `override_for` after their refused scan `refused_scan_id` (the core checks both)."""

        approver, reason = None, None
        if override is not None:
            name, pin, reason = override
            approver = self._read(lambda: self._authorise(name, pin))   # offline: checked on the copy
        payload = {"token": token, "session_run": run_code, "direction": direction, "override_reason": reason,
                   "override_by": approver.name if approver else "", "override_role": approver.role if approver else "",
                   "override_for": override_for}
        return self._perform("door", payload, lambda offline, now, event: door.scan(
            token, event=event, session_run=run_code, direction=direction, station=self.name,
            staff=self.staff, override_reason=reason, override_by=approver, now=now, offline=offline,
            override_for=override_for, refused_scan_id=refused_scan_id))

    def door_by_id(self, run_code: str, registration_id: str, direction: str):
        payload = {"registration_id": registration_id, "session_run": run_code, "direction": direction}
        return self._perform("door", payload, lambda offline, now, event: door.scan_by_id(
            registration_id, event=event, session_run=run_code, direction=direction, station=self.name,
            staff=self.staff, now=now, offline=offline))

    def door_runs(self) -> list[tuple[str, str]]:
        """(run code, label) for the door's run picker, the runs open now first."""

        event = self.event()
        return [(r.session_run, f"{r.session_run} · {local(r.starts, event.timezone):%a %H:%M}–"
                                f"{local(r.ends, event.timezone):%H:%M} · {r.room} · {r.title}")
                for r in for_station(self.name, door_runs(event, self.clock()))]

    def occupancy(self, run_code: str):
        return occupancy(run_code, event=self.event(), now=self.clock())

    def annul_door_scan(self, scan_id: int, approver: str, pin: str, reason: str):
        return annul_scan(scan_id, staff=self._authorise(approver, pin), reason=reason, station=self.name,
                          now=self.clock())

    def authorise(self, name: str, pin: str) -> StaffMember:
        """A second person's PIN for one action (an organiser approving a reprint at a desk)."""
        return self._authorise(name, pin)

    def _authorise(self, name: str, pin: str) -> StaffMember:
        # On the database the operation runs on: an online-only approval never falls back to the copy.
        return authenticate(name, pin, station=self.name, now=self.clock())

    # -- the organiser console -------------------------------------------------------------------

    def dashboard(self):
        return snapshot(self.event(), self.clock())

    def export(self, kind: str, path: str):
        return export(kind, path, event=self.event(), by=self.staff, station=self.name, now=self.clock())

    def daily_report(self, path: str, day: str | None = None) -> dict:
        return daily_report(self.event(), path, by=self.staff, day=day, station=self.name, now=self.clock())

    def staff_list(self):
        return list_staff(now=self.clock())

    def add_staff(self, name: str, role: str, pin: str):
        return add_staff(name, role, pin, by=self.staff, station=self.name, now=self.clock())

    def reset_pin(self, name: str, pin: str):
        return reset_pin(name, pin, by=self.staff, station=self.name, now=self.clock())

    def set_staff_active(self, name: str, active: bool):
        return set_active(name, active, by=self.staff, station=self.name, now=self.clock())

    def audit_entries(self, **filters):
        return entries(**filters)

    def audit_kinds(self) -> list[str]:
        return kinds()

    def audit_verify(self):
        return verify()

    def purge_outlook(self) -> dict:
        """What a purge would remove, for the confirmation screen."""

        event = self.event()
        return {"event_code": event.code, "event_name": event.name,
                "attendees": Attendee.select().where(Attendee.event == event).count(),
                "young_people": len(young_people_ids(event))}

    def purge(self, confirmation: str, *, youth_only: bool = False):
        return purge(self.event(), confirmation=confirmation, by=self.staff, youth_only=youth_only,
                     station=self.name, now=self.clock())

    def anonymous_counts(self):
        return anonymous_counts(self.event())

    def batch_badges(self, fmt: str, sort: str, desk_split: int, progress=None):
        require(self.staff, "batch_print")
        return batch_pdf(self.event(), fmt=fmt, sort=sort, desk_split=desk_split, progress=progress)

    def badge_preview(self, event_file: str = ""):
        """The badge design on every format for sample people: an event file's (read and checked,
        nothing saved), else the loaded event's."""
        require(self.staff, "event")
        return preview_for_file(event_file) if event_file else preview_for_event(self.event())

    def invitations(self, sort: str = "family", progress=None):
        require(self.staff, "batch_print")
        return invitations_pdf(self.event(), sort=sort, progress=progress)

    def import_table(self, path: str):
        table = read_table(path)
        return table, match_headers(table)

    def import_preview(self, table, mapping):
        return preview(table, mapping, self.event(), now=self.clock())

    def import_attendees(self, path: str, table, mapping, progress=None):
        return import_attendees(path, event=self.event(), mapping=mapping, skip_invalid=True, by=self.staff,
                                station=self.name, now=self.clock(), table=table, progress=progress)
