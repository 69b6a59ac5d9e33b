"""Attendees as the stations see them: plain summaries, tokens, and age on arrival."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checkin.desk.decisions import age_on, young_person  # noqa: F401 (age_on: older callers)
from checkin.desk.tokens import make_token
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.names.person import badge_name, full_name, PersonName, youth_badge_name
from checkin.store.models import Assignment, Attendee, Event, IssuedToken, Session

ROLE_WORDS = {"delegate": "Delegate", "speaker": "Speaker", "organiser": "Organiser", "media": "Media",
              "staff": "Staff", "youth": "Young Person"}


@dataclass(frozen=True)
class AttendeeView:
    registration_id: str
    name: str
    badge_name: str
    honorific: str
    organisation: str
    country: str
    role: str
    is_minor: bool
    photo_consent: bool
    guardian_consent: bool | None
    chaperone: str
    sessions: tuple[str, ...]
    walk_in: bool
    delegation: str = ""
    language: str = ""
    registration_status: str = ""     # "" confirmed; "pending_approval", "waitlist"… imported flagged
    name_latin: str = ""              # the Latin spelling shown under a name in another script
    schedule: tuple[str, ...] = ()    # the sessions with day, time and room, for the desk card

    @property
    def pending(self) -> bool:
        return bool(self.registration_status)

    def as_json(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}


def person_name(a: Attendee) -> PersonName:
    return PersonName(a.given_name, a.family_name, a.preferred_name, a.name_latin, a.name_order, a.honorific)


def is_minor(a: Attendee, event_day: date | None) -> bool:
    """Under 18 on the event's first day; a stated date of birth beats the is_minor flag."""
    return young_person(a.date_of_birth, a.is_minor, event_day)


def session_codes(a: Attendee) -> tuple[str, ...]:
    rows = (Session.select(Session.code, Session.run).join(Assignment)
            .where(Assignment.attendee == a).order_by(Session.starts))
    return tuple(s.run_code for s in rows)


def view(a: Attendee, event_day: date | None = None, sessions: tuple[str, ...] | None = None) -> AttendeeView:
    """What a station shows of a person; `sessions` (their run codes) when the caller has them."""
    minor = is_minor(a, event_day if event_day is not None else first_day(a.event))
    name = person_name(a)
    return AttendeeView(
        registration_id=a.registration_id, name=full_name(name),
        badge_name=youth_badge_name(name) if minor else badge_name(name),
        honorific="" if minor else a.honorific, organisation="" if minor else a.organisation,
        country=a.country, role=a.role, is_minor=minor,
        # Young people, and anyone never asked, are treated as "no photos".
        photo_consent=bool(a.photo_consent), guardian_consent=a.guardian_consent,
        chaperone=a.chaperone, sessions=session_codes(a) if sessions is None else sessions, walk_in=a.walk_in,
        delegation=a.delegation, language=a.language,
        registration_status=a.registration_status or "", name_latin=a.name_latin or "",
    )


def find(event: Event, registration_id: str) -> Attendee:
    row = Attendee.get_or_none((Attendee.event == event) & (Attendee.registration_id == registration_id.strip()))
    if row is None:
        raise InputError(f"no attendee {registration_id!r} in {event.code}: check the registration id or search by name")
    return row


def token_for(a: Attendee) -> str:
    event = a.event
    if not bytes(event.private_key):
        return _issued_token(a)
    return make_token(bytes(event.private_key), bytes(event.public_key), event.code, a.id, a.badge_serial)


def _issued_token(a: Attendee) -> str:
    """On a station's offline copy: the code the server signed at the last sync."""

    row = IssuedToken.get_or_none((IssuedToken.attendee == a.id) & (IssuedToken.serial == a.badge_serial))
    if row is None:
        raise InputError(f"this station's offline copy has no badge code for {a.registration_id} yet: "
                         "print the badge when the server is back")
    return row.token
