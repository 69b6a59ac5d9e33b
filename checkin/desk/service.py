"""The registration desk: one scan, one decision, one transaction.

Order of the checks: is the code ours and current; is the person already in; may a young
person come in (guardian consent and a named chaperone on file); has the person agreed to the
current safeguarding policy. Only then the check-in, and the badge after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable

import peewee

from checkin.store import audit
from checkin.attendees import AttendeeView, find, view
from checkin.store.db import database, write_transaction
from checkin.desk.decisions import lanyard, may_annul, may_reprint
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.desk.identify import Identified, identify
from checkin.store.models import Attendee, CheckIn, Event, SafeguardingConfirmation
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
    return _check_in(lambda: identify(token, event), token, event=event, station=station, staff=staff,
                     confirm_safeguarding=confirm_safeguarding, now=now)


def check_in_by_id(registration_id: str, *, event: Event, station: str, staff: StaffMember,
                   confirm_safeguarding: bool = False, now: datetime | None = None) -> ScanResult:
    """The same decision for a person found by name. No token is made: a station working on its
    offline copy holds the event's public key only."""
    return _check_in(lambda: Identified("ok", "", attendee=find(event, registration_id)), "", event=event,
                     station=station, staff=staff, confirm_safeguarding=confirm_safeguarding, now=now)


def _check_in(identified: Callable[[], Identified], token: str, *, event: Event, station: str,
              staff: StaffMember, confirm_safeguarding: bool, now: datetime | None) -> ScanResult:
    require(staff, "scan")
    if confirm_safeguarding:
        require(staff, "confirm_safeguarding")
    now = now or utcnow()
    with write_transaction():
        found = identified()
        if found.outcome != "ok":
            result = ScanResult(found.outcome, found.message,
                                attendee=view(found.attendee) if found.attendee else None)
        else:
            result = _decide(found.attendee, event, station, staff, confirm_safeguarding, now)
        audit.record("scan", event_code=event.code, station=station, staff=staff.name,
                     subject=result.attendee.registration_id if result.attendee else "",
                     detail={"outcome": result.outcome, "changed": list(result.changed),
                             **({"token": token[:16]} if result.attendee is None else {})}, at=now)
    return replace(result, may_reprint=may_reprint(result.outcome), may_annul=may_annul(result.outcome))


def _decide(person: Attendee, event: Event, station: str, staff: StaffMember, confirm: bool,
            now: datetime, *, agreed_by: str | None = None, method: str = "desk") -> ScanResult:
    """`agreed_by`/`method`: who records the agreement and how ("desk" by the staff member; the
    kiosk records the attendee's own, with no staff name)."""
    day = first_day(event)
    summary = view(person, day)
    standing = standing_checkin(person, event.timezone)
    if standing:
        return ScanResult("already_checked_in",
                          f"already checked in at {standing.at_label} at {standing.station} by {standing.staff}",
                          attendee=summary, checked_in=standing, lanyard=lanyard(summary.photo_consent))
    if summary.is_minor:
        missing = [what for what, ok in (("guardian consent", person.guardian_consent is True),
                                         ("a named chaperone", bool(person.chaperone.strip()))) if not ok]
        if missing:
            return ScanResult("needs_guardian_consent",
                              f"young person: {' and '.join(missing)} not on file; no badge until an organiser "
                              "records it", attendee=summary)
    changed = []
    agreed = (SafeguardingConfirmation.select().where(
        (SafeguardingConfirmation.attendee == person)
        & (SafeguardingConfirmation.policy_version == event.policy_version)).exists())
    if not agreed:
        if not confirm:
            return ScanResult("needs_safeguarding",
                              f"show the safeguarding policy ({event.policy_version}); the attendee confirms, "
                              "then record it", attendee=summary,
                              policy=PolicyPrompt(event.policy_version, policy_summary(event),
                                                  event.policy_text))
        try:
            # A savepoint: two desks confirming one person at once on a shared server both pass
            # the check above; the unique index keeps the first confirmation and this one yields.
            with database.obj.atomic():
                SafeguardingConfirmation.create(attendee=person, policy_version=event.policy_version, at=now,
                                                method=method, station=station,
                                                staff=staff.name if agreed_by is None else agreed_by)
        except peewee.IntegrityError:
            pass
        else:
            audit.record("safeguarding_confirmed", event_code=event.code, station=station, staff=staff.name,
                         subject=person.registration_id, detail={"policy_version": event.policy_version,
                                                                 **({"method": method} if method != "desk" else {})},
                         at=now)
            changed.append("safeguarding")
    try:
        # A savepoint: if another desk checked this person in a moment ago, the unique index
        # refuses this row and the rest of the transaction (the consent) still commits.
        with database.obj.atomic():
            CheckIn.create(attendee=person, at=now, station=station, staff=staff.name)
    except peewee.IntegrityError:
        standing = standing_checkin(person, event.timezone)
        return ScanResult("already_checked_in",
                          f"already checked in at {standing.at_label} at {standing.station} by {standing.staff}",
                          attendee=summary, checked_in=standing, lanyard=lanyard(summary.photo_consent),
                          changed=tuple(changed))
    changed.append("checkin")
    info = CheckInInfo(now, station, staff.name, local_label(now, event.timezone))
    return ScanResult("checked_in", f"welcome, {summary.badge_name}: hand over the "
                                    f"{lanyard(summary.photo_consent)} lanyard; badge printing",
                      attendee=summary, checked_in=info, lanyard=lanyard(summary.photo_consent),
                      changed=tuple(changed))


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
