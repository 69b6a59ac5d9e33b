"""The registration desk: one scan, one decision, one transaction.

Order of the checks: is the code ours and current; is the person already in; may a young
person come in (guardian consent and a named chaperone on file); has the person agreed to the
current safeguarding policy. Only then the check-in, and the badge after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from checkin.store import audit, sql
from checkin.attendees import AttendeeView, find, view
from checkin.store.db import write_transaction
from checkin.desk.decisions import DeskFacts, decide, lanyard, may_annul, may_reprint, young_person
from checkin.errors import InputError
from checkin.events.cache import agenda_labels, event_first_day, sessions_of
from checkin.desk.identify import (ASSIGNED_SESSIONS, ATTENDEE_COLUMNS, ATTENDEE_FIELDS, SERIAL,
                                   attendee_from_row, identify, verified_claims)
from checkin.store.models import Attendee, CheckIn, Event
from checkin.staff import StaffMember, require
from checkin.timeutil import local_label, utcnow

OUTCOMES = ("checked_in", "already_checked_in", "needs_safeguarding", "needs_guardian_consent",
            "invalid_token", "revoked", "unknown_attendee", "wrong_event")
POLICY_SUMMARY_LINES = 9


@dataclass(frozen=True)
class CheckInInfo:
    at: datetime
    station: str
    staff: str
    at_label: str

    def as_json(self) -> dict:
        return {"at": self.at.isoformat(), "station": self.station, "staff": self.staff, "at_local": self.at_label}


@dataclass(frozen=True)
class PolicyPrompt:
    version: str
    summary: str      # plain text, for the command line
    text: str = ""    # the whole policy (Markdown), for a screen that can show it


@dataclass(frozen=True)
class ScanResult:
    outcome: str
    message: str
    attendee: AttendeeView | None = None
    checked_in: CheckInInfo | None = None
    lanyard: str | None = None
    policy: PolicyPrompt | None = None
    changed: tuple[str, ...] = field(default=())   # what this scan wrote: "checkin", "safeguarding"
    # What the desk may do next for the person shown, decided in the core (decisions.py) so a
    # view never re-derives a rule: both need an organiser's approval when the time comes.
    may_reprint: bool = False
    may_annul: bool = False

    def as_json(self) -> dict:
        out = {"outcome": self.outcome, "message": self.message,
               "attendee": self.attendee.as_json() if self.attendee else None}
        if self.checked_in:
            out["checked_in"] = self.checked_in.as_json()
        if self.lanyard:
            out["lanyard"] = self.lanyard
        if self.policy:
            out["policy"] = {"version": self.policy.version, "summary": self.policy.summary}
        out["changed"] = list(self.changed)
        out["may_reprint"] = self.may_reprint
        out["may_annul"] = self.may_annul
        return out


def policy_summary(event: Event) -> str:
    """The policy's first lines as plain text for the desk card: the file is Markdown, the card is not."""
    lines = []
    for line in event.policy_text.strip().splitlines():
        line = line.strip().replace("**", "")
        if not line:
            continue
        if line.startswith("#"):
            line = line.lstrip("#").strip()
        elif line[:2] in ("- ", "* "):
            line = "• " + line[2:].strip()
        lines.append(line)
    return "\n".join(lines[:POLICY_SUMMARY_LINES])


def scan(token: str, *, event: Event, station: str, staff: StaffMember, confirm_safeguarding: bool = False,
         now: datetime | None = None) -> ScanResult:
    return _check_in(token, "", event=event, station=station, staff=staff,
                     confirm_safeguarding=confirm_safeguarding, now=now)


def check_in_by_id(registration_id: str, *, event: Event, station: str, staff: StaffMember,
                   confirm_safeguarding: bool = False, now: datetime | None = None) -> ScanResult:
    """The same decision for a person found by name. No token is made: a station working on its
    offline copy holds the event's public key only."""
    return _check_in("", registration_id, event=event, station=station, staff=staff,
                     confirm_safeguarding=confirm_safeguarding, now=now)


# -- gather: one read, inside the write transaction ----------------------------------------------
_AT, _STATION, _STAFF, _AGREED, _SESSIONS = range(len(ATTENDEE_FIELDS), len(ATTENDEE_FIELDS) + 5)


def _gather_sql(where: str) -> tuple[str, str]:
    return tuple(
        f"SELECT {ATTENDEE_COLUMNS}, c.at, c.station, c.staff, EXISTS (SELECT 1 FROM safeguarding_confirmation g "
        f"WHERE g.attendee_id = a.id AND g.policy_version = ?), {sessions} "
        f"FROM attendee a LEFT JOIN check_in c ON c.attendee_id = a.id AND c.annulled_at IS NULL WHERE {where}"
        for sessions in ASSIGNED_SESSIONS)


_BY_TOKEN = _gather_sql("a.id = ? AND a.event_id = ?")
_BY_REGISTRATION = _gather_sql("a.event_id = ? AND a.registration_id = ?")
_BY_ID = _gather_sql("a.id = ?")
_STANDING = "SELECT at, station, staff FROM check_in WHERE attendee_id = ? AND annulled_at IS NULL"
# -- apply: no savepoints; the unique indexes answer through the row count -----------------------
_CONFIRM = ("INSERT INTO safeguarding_confirmation (attendee_id, policy_version, at, method, station, staff) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
_CHECK_IN = ("INSERT INTO check_in (attendee_id, at, station, staff, annulled_by, annul_reason) "
             "VALUES (?, ?, ?, ?, '', '') ON CONFLICT DO NOTHING")


def _check_in(token: str, registration_id: str, *, event: Event, station: str, staff: StaffMember,
              confirm_safeguarding: bool, now: datetime | None) -> ScanResult:
    require(staff, "scan")
    if confirm_safeguarding:
        require(staff, "confirm_safeguarding")
    now = now or utcnow()
    claims = verified_claims(token, event) if token else None
    day = event_first_day(event)
    with write_transaction():
        if token:
            row = sql.one(_BY_TOKEN, (event.policy_version, claims.attendee_id, event.id)) if claims else None
            if row is None or row[SERIAL] != claims.serial:
                # Not ours, forged, revoked, unknown: rare, and identify() words each refusal.
                found = identify(token, event)
                result = ScanResult(found.outcome, found.message,
                                    attendee=view(found.attendee) if found.attendee else None)
                _audit_scan(result, event, station, staff, token, now)
                return result
        else:
            row = sql.one(_BY_REGISTRATION, (event.policy_version, event.id, registration_id.strip()))
            if row is None:
                find(event, registration_id)   # raises the error that says what to do
        person = attendee_from_row(row)
        outcome, decision, standing, changed = _apply(person, row, event, station, staff, confirm_safeguarding,
                                                      now, day)
        audit.record("scan", event_code=event.code, station=station, staff=staff.name,
                     subject=person.registration_id, detail={"outcome": outcome, "changed": changed}, at=now)
    # The card is built after the commit, from what was read: no query holds the write lock.
    return _card_of(person, row, event, day, outcome, decision, standing, station, staff, now, changed)


def _apply(person: Attendee, row: tuple, event: Event, station: str, staff: StaffMember, confirm: bool,
           now: datetime, day, *, agreed_by: str | None = None, method: str = "desk"):
    """Decide on the gathered row and write what the decision says; inside the caller's
    transaction. Returns (outcome, decision, standing check-in columns, what changed)."""
    decision = decide(DeskFacts(
        is_minor=young_person(person.date_of_birth, person.is_minor, day),
        guardian_consent=person.guardian_consent, chaperone=person.chaperone,
        checked_in=row[_AT] is not None, agreed=bool(row[_AGREED]), confirm=confirm))
    outcome, standing, changed = decision.outcome, row[_AT:_AGREED], []
    at = CheckIn.at.db_value(now)
    if decision.record_confirmation:
        # Two desks confirming one person at once on a shared server: the unique index keeps
        # the first confirmation and this one yields.
        if sql.rowcount(_CONFIRM, (person.id, event.policy_version, at, method, station,
                                   staff.name if agreed_by is None else agreed_by)):
            audit.record("safeguarding_confirmed", event_code=event.code, station=station, staff=staff.name,
                         subject=person.registration_id,
                         detail={"policy_version": event.policy_version,
                                 **({"method": method} if method != "desk" else {})}, at=now)
            changed.append("safeguarding")
    if decision.record_checkin:
        # Another desk checked this person in a moment ago: the unique index refuses this row
        # and the rest of the transaction (the confirmation) still commits.
        if sql.rowcount(_CHECK_IN, (person.id, at, station, staff.name)):
            changed.append("checkin")
        else:
            outcome, standing = "already_checked_in", sql.one(_STANDING, (person.id,))
    return outcome, decision, standing, changed


def _card_of(person: Attendee, row: tuple, event: Event, day, outcome: str, decision, standing, station: str,
             staff: StaffMember, now: datetime, changed) -> ScanResult:
    sessions = sessions_of(event, (int(s) for s in row[_SESSIONS].split(","))) if row[_SESSIONS] else ()
    return _card(outcome, decision, view(person, day, sessions), standing, event, station, staff, now,
                 tuple(changed))


def _decide(person: Attendee, event: Event, station: str, staff: StaffMember, confirm: bool,
            now: datetime, *, agreed_by: str | None = None, method: str = "desk") -> ScanResult:
    """The desk's decision and writes for a person already identified, in the caller's transaction
    (the kiosk). `agreed_by`/`method`: who records the agreement and how ("desk" by the staff
    member; the kiosk records the attendee's own, with no staff name)."""
    day = event_first_day(event)
    row = sql.one(_BY_ID, (event.policy_version, person.id))
    outcome, decision, standing, changed = _apply(person, row, event, station, staff, confirm, now, day,
                                                  agreed_by=agreed_by, method=method)
    return _card_of(person, row, event, day, outcome, decision, standing, station, staff, now, changed)


def _audit_scan(result: ScanResult, event: Event, station: str, staff: StaffMember, token: str,
                now: datetime) -> None:
    audit.record("scan", event_code=event.code, station=station, staff=staff.name,
                 subject=result.attendee.registration_id if result.attendee else "",
                 detail={"outcome": result.outcome, "changed": list(result.changed),
                         **({"token": token[:16]} if result.attendee is None else {})}, at=now)


def _card(outcome: str, decision, summary: AttendeeView, standing, event: Event, station: str,
          staff: StaffMember, now: datetime, changed: tuple[str, ...]) -> ScanResult:
    next_steps = dict(may_reprint=may_reprint(outcome), may_annul=may_annul(outcome))
    summary = replace(summary, schedule=agenda_labels(event, summary.sessions))
    if outcome == "already_checked_in":
        at = CheckIn.at.python_value(standing[0])
        info = CheckInInfo(at, standing[1], standing[2], local_label(at, event.timezone))
        return ScanResult("already_checked_in",
                          f"already checked in at {info.at_label} at {info.station} by {info.staff}",
                          attendee=summary, checked_in=info, lanyard=lanyard(summary.photo_consent),
                          changed=changed, **next_steps)
    if outcome == "needs_guardian_consent":
        return ScanResult("needs_guardian_consent",
                          f"young person: {' and '.join(decision.missing)} not on file; no badge until an "
                          "organiser records it", attendee=summary, **next_steps)
    if outcome == "needs_safeguarding":
        return ScanResult("needs_safeguarding",
                          f"show the safeguarding policy ({event.policy_version}); the attendee confirms, "
                          "then record it", attendee=summary,
                          policy=PolicyPrompt(event.policy_version, policy_summary(event), event.policy_text),
                          **next_steps)
    info = CheckInInfo(now, station, staff.name, local_label(now, event.timezone))
    return ScanResult("checked_in", f"welcome, {summary.badge_name}: hand over the "
                                    f"{lanyard(summary.photo_consent)} lanyard",
                      attendee=summary, checked_in=info, lanyard=lanyard(summary.photo_consent),
                      changed=changed, **next_steps)


def standing_checkin(person: Attendee, tz: str) -> CheckInInfo | None:
    row = (CheckIn.select().where((CheckIn.attendee == person) & CheckIn.annulled_at.is_null()).first())
    if row is None:
        return None
    return CheckInInfo(row.at, row.station, row.staff, local_label(row.at, tz))


def annul_checkin(registration_id: str, *, event: Event, by: StaffMember, reason: str, station: str = "",
                  now: datetime | None = None) -> CheckInInfo:
    """Undo a check-in made by mistake. The row stays, marked annulled, and the log says why."""
    require(by, "annul")
    if not reason.strip():
        raise InputError("an annulment needs a reason: say why the check-in was a mistake")
    now = now or utcnow()
    with write_transaction():
        person = find(event, registration_id)
        row = CheckIn.select().where((CheckIn.attendee == person) & CheckIn.annulled_at.is_null()).first()
        if row is None:
            raise InputError(f"{registration_id} is not checked in: nothing to annul")
        CheckIn.update(annulled_at=now, annulled_by=by.name, annul_reason=reason.strip()).where(
            CheckIn.id == row.id).execute()
        audit.record("checkin_annulled", event_code=event.code, station=station, staff=by.name,
                     subject=registration_id, detail={"reason": reason.strip(), "checked_in_at": row.at.isoformat(),
                                                      "checked_in_by": row.staff}, at=now)
    return CheckInInfo(row.at, row.station, row.staff, local_label(row.at, event.timezone))


def counts(event: Event) -> dict:
    """For the status bar: how many of the list have arrived."""
    total = Attendee.select().where(Attendee.event == event).count()
    arrived = (CheckIn.select().join(Attendee)
               .where((Attendee.event == event) & CheckIn.annulled_at.is_null()).count())
    return {"attendees": total, "checked_in": arrived}
