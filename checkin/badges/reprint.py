"""Badge serials: a reprint issues a new serial, and every earlier badge's code is then revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checkin.store import audit
from checkin.attendees import find, token_for
from checkin.store.db import write_transaction
from checkin.errors import InputError
from checkin.store.models import Attendee, Badge, Event
from checkin.staff import StaffMember, require
from checkin.timeutil import utcnow


@dataclass(frozen=True)
class ReprintResult:
    registration_id: str
    serial: int
    token: str

    def as_json(self) -> dict:
        return {"registration_id": self.registration_id, "serial": self.serial, "token": self.token}


def reprint(registration_id: str, *, event: Event, by: StaffMember, reason: str, station: str = "",
            now: datetime | None = None, expect_serial: int | None = None) -> ReprintResult:
    """Issue the next badge serial (the old badge is refused from now on). `expect_serial`: the
    serial of a new badge already printed or saved; if another desk reprinted meanwhile, refuse."""
    require(by, "reprint")
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("a reprint needs a reason (e.g. \"badge lost\"): the old badge stops working")
    now = now or utcnow()
    with write_transaction():
        person = find(event, registration_id)
        if expect_serial is not None and person.badge_serial + 1 != expect_serial:
            raise InputError(f"{registration_id}'s badge was reprinted elsewhere meanwhile (serial "
                             f"{person.badge_serial}): the badge just made is not valid; reprint again")
        # Conditional on the serial we read, so two desks reprinting at once issue two serials
        # in turn rather than one serial twice.
        serial = (Attendee.update(badge_serial=Attendee.badge_serial + 1, updated_at=now)
                  .where(Attendee.id == person.id).returning(Attendee.badge_serial).tuples().execute())[0][0]
        Badge.create(attendee=person, serial=serial, issued_at=now, issued_by=by.name, station=station, reason=reason)
        audit.record("badge_reprinted", event_code=event.code, station=station, staff=by.name,
                     subject=registration_id, detail={"serial": serial, "reason": reason}, at=now)
        person = Attendee.get_by_id(person.id)
        return ReprintResult(registration_id, serial, token_for(person))


def reprint_preview(registration_id: str, *, event: Event, by: StaffMember, reason: str) -> Attendee:
    """The person as they will be after a reprint (serial + 1), nothing written: the new badge is
    printed or saved first, and only then does `reprint(..., expect_serial=…)` revoke the old one."""
    require(by, "reprint")
    if not " ".join(reason.split()):
        raise InputError("a reprint needs a reason (e.g. \"badge lost\"): the old badge stops working")
    person = find(event, registration_id)
    ahead = Attendee.get_by_id(person.id)
    ahead.badge_serial = person.badge_serial + 1   # in memory only: its token is the new badge's
    return ahead


def record_print(registration_id: str, *, event: Event, station: str = "", staff: str = "",
                 now: datetime | None = None) -> int:
    """Count a badge that the printer accepted; returns how often this serial has been printed."""
    now = now or utcnow()
    with write_transaction():
        person = find(event, registration_id)
        count = (Badge.update(print_count=Badge.print_count + 1, printed_at=now)
                 .where((Badge.attendee == person) & (Badge.serial == person.badge_serial))
                 .returning(Badge.print_count).tuples().execute())
        if not count:
            Badge.create(attendee=person, serial=person.badge_serial, issued_at=now, issued_by=staff,
                         station=station, print_count=1, printed_at=now)
            count = [(1,)]
        audit.record("badge_printed", event_code=event.code, station=station, staff=staff,
                     subject=registration_id, detail={"serial": person.badge_serial, "count": count[0][0]}, at=now)
        return count[0][0]
