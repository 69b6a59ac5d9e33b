"""Annulling a door scan made by mistake (organiser): the scan stays, marked, and its effect on
the room is reversed where it still stands.

- An admission annulled: the person is taken out of the room if they are still inside it. If the
  admission had taken them out of another room, they are not put back there: that door scans
  them in again (the room may have filled meanwhile).
- An exit annulled: the person is inside again, if they are not inside anywhere else, the
  session has not ended, and a seat is free; a full room refuses the annulment (an organiser's
  override at the door admits past capacity, with its own reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checkin.store import audit

from checkin.door import seats
from checkin.store.db import write_transaction
from checkin.errors import InputError
from checkin.store.models import DoorScan, Presence
from checkin.door.occupancy import sweep_ended
from checkin.staff import StaffMember, require
from checkin.timeutil import local_label, utcnow

EFFECTS = ("taken_out", "back_inside", "none")


@dataclass(frozen=True)
class AnnulResult:
    scan_id: int
    scan_outcome: str
    session_run: str
    registration_id: str
    effect: str               # one of EFFECTS
    occupancy: int
    capacity: int
    message: str

    def as_json(self) -> dict:
        return {"scan_id": self.scan_id, "annulled": True, "scan_outcome": self.scan_outcome,
                "session_run": self.session_run, "registration_id": self.registration_id, "effect": self.effect,
                "occupancy": self.occupancy, "capacity": self.capacity, "message": self.message}


def annul_scan(scan_id: int, *, staff: StaffMember, reason: str, station: str = "",
               now: datetime | None = None) -> AnnulResult:
    require(staff, "annul")
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("an annulment needs a reason: say why the door scan was a mistake")
    now = now or utcnow()
    with write_transaction():
        row = DoorScan.get_or_none(DoorScan.id == scan_id)
        if row is None:
            raise InputError(f"no door scan {scan_id}: the scan id is in the door's answer (scan_id)")
        event, session = row.event, row.session
        if row.annulled_at is not None:
            raise InputError(f"door scan {scan_id} was already annulled at "
                             f"{local_label(row.annulled_at, event.timezone)} by {row.annulled_by}")
        if row.outcome not in ("admitted", "exited"):
            raise InputError(f"door scan {scan_id} was a refusal ({row.outcome}): it changed nothing, "
                             "so there is nothing to annul")
        sweep_ended(event, now)
        capacity = seats.capacity_of(session)
        if row.outcome == "admitted":
            effect = _annul_admission(row, now)
        else:
            effect = _annul_exit(row, session, capacity, now)
        DoorScan.update(annulled_at=now, annulled_by=staff.name, annul_reason=reason).where(
            DoorScan.id == row.id).execute()
        registration_id = row.attendee.registration_id
        count = seats.occupied(session.id)
        audit.record("door.annul", event_code=event.code, station=station, staff=staff.name,
                     subject=registration_id,
                     detail={"scan_id": row.id, "scan_outcome": row.outcome, "session_run": session.run_code,
                             "effect": effect, "reason": reason, "scanned_by": row.staff,
                             "scanned_at": row.at.isoformat(), "occupancy": count}, at=now)
    words = {"taken_out": "taken out of the room", "back_inside": "counted inside again",
             "none": "no change to the room (they had already left, or are elsewhere now)"}
    return AnnulResult(row.id, row.outcome, session.run_code, registration_id, effect, count, capacity,
                       f"{row.outcome} annulled: {registration_id} {words[effect]}; {count} / {capacity}")


def _annul_admission(row: DoorScan, now: datetime) -> str:
    presence = Presence.get_or_none(Presence.entry_scan == row.id)
    if presence is None or presence.left_at is not None:
        return "none"
    left = (Presence.update(left_at=now, exit_reason="annulled")
            .where((Presence.id == presence.id) & Presence.left_at.is_null()).execute())
    if not left:
        return "none"
    seats.free_seat(row.session_id)
    return "taken_out"


def _annul_exit(row: DoorScan, session, capacity: int, now: datetime) -> str:
    presence = Presence.get_or_none(Presence.exit_scan == row.id)
    if presence is None or presence.exit_reason != "out" or now >= session.ends:
        return "none"
    elsewhere = Presence.select().where((Presence.attendee == row.attendee_id) & Presence.left_at.is_null()).exists()
    if elsewhere:
        return "none"
    if seats.take_seat(session.id, capacity) is None:
        raise InputError(f"{session.run_code} is full now ({capacity} / {capacity}): the exit stands; if they are "
                         "inside, an organiser can admit them past capacity with a reason")
    Presence.update(left_at=None, exit_reason="", exit_scan=None).where(Presence.id == presence.id).execute()
    return "back_inside"
