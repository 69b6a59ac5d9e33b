"""Walk-ins: people not on the list, registered at the desk with an organiser's approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from checkin.store import audit

from checkin.attendees import AttendeeView, view
from checkin.store.db import write_transaction
from checkin.errors import InputError
from checkin.imports.importer import ROLES, normalise_text
from checkin.store.models import Attendee, Badge, Event
from checkin.staff import StaffMember, require
from checkin.timeutil import utcnow

PREFIX = "WALKIN-"


@dataclass(frozen=True)
class WalkIn:
    given_name: str = ""
    family_name: str = ""
    organisation: str = ""
    country: str = ""
    role: str = "delegate"
    email: str = ""
    date_of_birth: date | None = None
    guardian_consent: bool | None = None
    chaperone: str = ""
    photo_consent: bool = False
    reason: str = ""             # why they are let in: "invited by the Ministry, not on the export"


def register_walk_in(w: WalkIn, *, event: Event, approved_by: StaffMember, station: str = "",
                     now: datetime | None = None) -> AttendeeView:
    """Add the person, marked as a walk-in; the desk then checks them in as anyone else
    (safeguarding confirmation and, for young people, consent and a chaperone still apply)."""
    require(approved_by, "walk_in")
    now = now or utcnow()
    given, family = normalise_text(w.given_name), normalise_text(w.family_name)
    if not given and not family:
        raise InputError("a walk-in needs a name: a given name or a family name (one is enough)")
    if w.role not in ROLES:
        raise InputError(f"unknown role {w.role!r}: use one of {', '.join(ROLES)}")
    if not w.reason.strip():
        raise InputError("say why this walk-in is admitted (who invited them): it goes in the audit log")
    with write_transaction():
        taken = [a.registration_id for a in Attendee.select(Attendee.registration_id).where(
            (Attendee.event == event) & Attendee.registration_id.startswith(PREFIX))]
        number = max((int(r[len(PREFIX):]) for r in taken if r[len(PREFIX):].isdigit()), default=0) + 1
        reg = f"{PREFIX}{number:04}"
        person = Attendee.create(
            event=event, registration_id=reg, given_name=given, family_name=family,
            organisation=normalise_text(w.organisation), country=normalise_text(w.country), role=w.role,
            email=w.email.strip(), date_of_birth=w.date_of_birth, guardian_consent=w.guardian_consent,
            chaperone=normalise_text(w.chaperone), photo_consent=w.photo_consent, walk_in=True,
            walk_in_approved_by=approved_by.name, extra={"walk_in_reason": w.reason.strip()},
            created_at=now, updated_at=now)
        Badge.create(attendee=person, serial=1, issued_at=now, issued_by=approved_by.name, station=station)
        audit.record("walk_in_registered", event_code=event.code, station=station, staff=approved_by.name,
                     subject=reg, detail={"reason": w.reason.strip(), "role": w.role}, at=now)
    return view(person)
