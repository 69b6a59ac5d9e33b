"""Consent recorded at the desk: a guardian's consent received on paper, the chaperone's name,
photo consent. An organiser records it (PIN and reason), the audit log keeps who, when and why,
and the young person can then be checked in. The one route besides re-importing the list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checkin.attendees import find, view
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.staff import StaffMember, require
from checkin.store import audit
from checkin.store.db import write_transaction
from checkin.store.models import Attendee, Event
from checkin.timeutil import utcnow


@dataclass(frozen=True)
class ConsentState:
    registration_id: str
    is_minor: bool
    guardian_consent: bool | None
    chaperone: str
    photo_consent: bool | None
    consent_complete: bool     # a young person may now be checked in (consent and a named chaperone)

    def as_json(self) -> dict:
        return dict(self.__dict__)


def consent_complete(is_minor: bool, guardian_consent: bool | None, chaperone: str) -> bool:
    """What the desk's young-person gate asks: an adult needs nothing; a young person needs both."""
    return not is_minor or (guardian_consent is True and bool(chaperone.strip()))


def record_consent(registration_id: str, *, event: Event, by: StaffMember, reason: str,
                   guardian_consent: bool | None = None, chaperone: str | None = None,
                   photo_consent: bool | None = None, station: str = "",
                   now: datetime | None = None) -> ConsentState:
    """Record what an organiser saw on paper; each field left None is kept as it is."""
    require(by, "consent")
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("recording consent needs a reason (e.g. \"signed form handed in at the desk\"): "
                         "it goes in the audit log")
    if guardian_consent is None and chaperone is None and photo_consent is None:
        raise InputError("nothing to record: give --guardian-consent yes|no, --chaperone NAME or "
                         "--photo-consent yes|no")
    if chaperone is not None:
        chaperone = " ".join(chaperone.split())
    now = now or utcnow()
    with write_transaction():
        person = find(event, registration_id)
        changes = {k: v for k, v in (("guardian_consent", guardian_consent), ("chaperone", chaperone),
                                     ("photo_consent", photo_consent)) if v is not None}
        Attendee.update(**changes, updated_at=now).where(Attendee.id == person.id).execute()
        audit.record("consent_recorded", event_code=event.code, station=station, staff=by.name,
                     subject=person.registration_id,
                     detail={**{k: v for k, v in changes.items() if k != "chaperone"},
                             **({"chaperone_named": bool(chaperone)} if chaperone is not None else {}),
                             "reason": reason}, at=now)
        person = Attendee.get_by_id(person.id)
    minor = view(person, first_day(event)).is_minor
    return ConsentState(person.registration_id, minor, person.guardian_consent, person.chaperone,
                        person.photo_consent, consent_complete(minor, person.guardian_consent, person.chaperone))
