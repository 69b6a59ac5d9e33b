"""The self-service kiosk: an attendee scans their invitation, reads the policy summary in their
language, agrees, and their badge prints. Only people who need nothing but the policy get through;
everyone else is sent to the staffed desk with a reason the kiosk can say in their language.

Two steps, each its own transaction: `look` (who is this, may the kiosk serve them, the summary
to show) and `agree` (the attendee's own agreement and the check-in, through the desk's rules).
The kiosk account's only right is `kiosk_check_in`: no search, reprint, annulment or override.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from checkin.attendees import view
from checkin.desk import service as desk
from checkin.desk.decisions import lanyard, lanyard_colour
from checkin.desk.identify import identify
from checkin.events.service import first_day
from checkin.languages import DEFAULT, LANGUAGES, text_in
from checkin.staff import StaffMember, require
from checkin.store import audit
from checkin.store.db import write_transaction
from checkin.store.models import Attendee, CheckIn, Event
from checkin.timeutil import utcnow

# Why the kiosk sends someone to the desk; the kiosk screen words each in the attendee's language.
DESK_REASONS = ("young_person", "consent_missing", "not_found", "already_checked_in", "wrong_event",
                "invalid_code", "revoked", "policy_changed")
_FROM_IDENTIFY = {"invalid_token": "invalid_code", "unknown_attendee": "not_found", "wrong_event": "wrong_event",
                  "revoked": "revoked"}


@dataclass(frozen=True)
class KioskAnswer:
    outcome: str                 # "agree" (show the summary), "checked_in", or "go_to_desk"
    reason: str = ""             # one of DESK_REASONS when going to the desk
    registration_id: str = ""
    greeting_name: str = ""      # the badge name: only the person whose invitation was scanned sees it
    language: str = DEFAULT      # the attendee's language (their own column, else English)
    summary: str = ""            # the policy summary in `summary_language`
    summary_language: str = DEFAULT
    policy_version: str = ""
    lanyard: str = ""            # after check-in: "photos ok" / "no photos"
    lanyard_colour: str = ""     # and its colour: "green" / "red"

    def as_json(self) -> dict:
        return dict(self.__dict__)


def summary_for(event: Event, language: str) -> tuple[str, str]:
    """The organiser's approved summary in `language`, English when missing, the policy's first
    lines when the event file gives none: (language shown, text)."""
    texts = (event.safeguarding_settings or {}).get("summary") or {}
    used, text = text_in(texts, language)
    if not text:
        return DEFAULT, desk.policy_summary(event)
    return used, text


def _go_to_desk(reason: str, person: Attendee | None = None, name: str = "") -> KioskAnswer:
    return KioskAnswer("go_to_desk", reason, person.registration_id if person else "", name,
                       (person.language or DEFAULT) if person else DEFAULT)


def _judge(token: str, event: Event) -> tuple[KioskAnswer | None, Attendee | None]:
    found = identify(token, event)
    if found.outcome != "ok":
        return _go_to_desk(_FROM_IDENTIFY.get(found.outcome, "not_found")), None
    person = found.attendee
    summary = view(person, first_day(event))
    # Young people are always seen by a person at the desk, whatever is on file.
    if summary.is_minor:
        return _go_to_desk("young_person", person), person
    if CheckIn.select().where((CheckIn.attendee == person) & CheckIn.annulled_at.is_null()).exists():
        return _go_to_desk("already_checked_in", person, summary.badge_name), person
    if person.walk_in or person.guardian_consent is False:
        return _go_to_desk("consent_missing", person, summary.badge_name), person
    return None, person


def look(token: str, *, event: Event, station: str, staff: StaffMember, language: str = "",
         now: datetime | None = None) -> KioskAnswer:
    """What the kiosk shows after a scan: the greeting and the summary to agree to, or the desk."""
    require(staff, "kiosk_check_in")
    now = now or utcnow()
    with write_transaction():
        refusal, person = _judge(token, event)
        if refusal is None:
            lang = language if language in LANGUAGES else (person.language or DEFAULT)
            shown, text = summary_for(event, lang)
            answer = KioskAnswer("agree", "", person.registration_id, view(person, first_day(event)).badge_name,
                                 lang, text, shown, event.policy_version)
        else:
            answer = refusal
        audit.record("kiosk_scan", event_code=event.code, station=station, staff=staff.name,
                     subject=answer.registration_id, detail={"outcome": answer.outcome, "reason": answer.reason},
                     at=now)
    return answer


def agree(token: str, *, event: Event, station: str, staff: StaffMember, policy_version: str,
          language: str = "", now: datetime | None = None) -> KioskAnswer:
    """The attendee tapped Agree: record their own agreement (the kiosk, the policy version) and
    check them in through the desk's rules. Judged again: the screen may have waited a while."""
    require(staff, "kiosk_check_in")
    now = now or utcnow()
    with write_transaction():
        refusal, person = _judge(token, event)
        if refusal is None and policy_version != event.policy_version:
            refusal = _go_to_desk("policy_changed", person)
        if refusal is not None:
            answer = refusal
        else:
            result = desk._decide(person, event, station, staff, True, now, agreed_by="", method="kiosk")
            if result.outcome == "checked_in":
                answer = KioskAnswer("checked_in", "", person.registration_id, result.attendee.badge_name,
                                     language or person.language or DEFAULT, policy_version=event.policy_version,
                                     lanyard=lanyard(result.attendee.photo_consent),
                                     lanyard_colour=lanyard_colour(result.attendee.photo_consent))
            else:
                answer = _go_to_desk("already_checked_in" if result.outcome == "already_checked_in"
                                     else "consent_missing", person)
        audit.record("kiosk_check_in", event_code=event.code, station=station, staff=staff.name,
                     subject=answer.registration_id, detail={"outcome": answer.outcome, "reason": answer.reason,
                                                             "policy_version": policy_version}, at=now)
    return answer
