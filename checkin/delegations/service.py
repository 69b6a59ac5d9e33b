"""A delegation at the desk: every member with what they still need, and the group check-in.

A delegation is the attendees sharing a `delegation` value. The chaperone's (or any member's)
badge opens it. Delegation order, for the list and the badge batch: the adults first (the
chaperones the desk speaks to), then the young people, each by name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable, Iterable

from checkin.attendees import AttendeeView, find, view
from checkin.desk import service as desk
from checkin.desk.decisions import lanyard
from checkin.desk.identify import identify
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.names.person import fold
from checkin.store import audit
from checkin.store.db import write_transaction
from checkin.store.models import Attendee, CheckIn, Event, SafeguardingConfirmation
from checkin.staff import StaffMember, require
from checkin.timeutil import local_label, utcnow

NEEDS = ("safeguarding", "guardian_consent", "chaperone")   # what a member may still need, in this order


@dataclass(frozen=True)
class Member:
    person: AttendeeView
    state: str                       # "checked_in" or "not_arrived"
    needs: tuple[str, ...]           # of NEEDS; empty = the desk can check them in now
    policy_agreed: bool
    checked_in_at: str = ""          # local time, when checked in
    outcome: str = ""                # after a group check-in: this member's own desk outcome
    message: str = ""

    @property
    def registration_id(self) -> str:
        return self.person.registration_id

    @property
    def ready(self) -> bool:
        """May be checked in by the group action as things stand (safeguarding aside: the desk
        records each member's own agreement first)."""
        return self.state == "not_arrived" and not (set(self.needs) - {"safeguarding"})

    def as_json(self) -> dict:
        p = self.person
        out = {"registration_id": p.registration_id, "name": p.name, "badge_name": p.badge_name,
               "is_minor": p.is_minor, "state": self.state, "needs": list(self.needs),
               "policy_agreed": self.policy_agreed, "guardian_consent": p.guardian_consent,
               "chaperone": p.chaperone, "photo_consent": p.photo_consent, "lanyard": lanyard(p.photo_consent),
               "language": p.language}
        if self.checked_in_at:
            out["checked_in_at"] = self.checked_in_at
        if self.outcome:
            out["outcome"], out["message"] = self.outcome, self.message
        return out


@dataclass(frozen=True)
class Delegation:
    name: str
    members: tuple[Member, ...]
    opened_by: str                   # the registration id whose badge opened it

    @property
    def present_ready(self) -> tuple[str, ...]:
        return tuple(m.registration_id for m in self.members if m.ready)

    @property
    def checked_in(self) -> tuple[str, ...]:
        return tuple(m.registration_id for m in self.members if m.outcome == "checked_in")

    def as_json(self) -> dict:
        out = {"delegation": self.name, "opened_by": self.opened_by,
               "members": [m.as_json() for m in self.members]}
        if any(m.outcome for m in self.members):
            out["checked_in"] = list(self.checked_in)
        return out


def _person_of(event: Event, key: str) -> Attendee:
    """A badge's code or a registration id: the desk scans, the command line names."""
    key = key.strip()
    found = Attendee.get_or_none((Attendee.event == event) & (Attendee.registration_id == key))
    if found is not None:
        return found
    who = identify(key, event)
    if who.outcome == "ok":
        return who.attendee
    if who.outcome == "invalid_token":
        return find(event, key)      # neither a badge code nor a registration id: find() says so
    raise InputError(who.message)


def _needs(person: Attendee, summary: AttendeeView, agreed: bool) -> tuple[str, ...]:
    needs = []
    if not agreed:
        needs.append("safeguarding")
    if summary.is_minor:
        if person.guardian_consent is not True:
            needs.append("guardian_consent")
        if not person.chaperone.strip():
            needs.append("chaperone")
    return tuple(needs)


def _order(m: Member):
    return (m.person.is_minor, fold(m.person.badge_name), m.registration_id)


def delegation_of(key: str, *, event: Event) -> Delegation:
    """The delegation of the person `key` names (registration id or badge code), every member in
    delegation order with their state."""
    person = _person_of(event, key)
    name = person.delegation.strip()
    if not name:
        raise InputError(f"{person.registration_id} is not in a delegation: check them in on their own, or give "
                         "the delegation column in the registration list")
    day = first_day(event)
    people = list(Attendee.select().where((Attendee.event == event) & (Attendee.delegation == name)))
    ids = [p.id for p in people]
    standing = {r.attendee_id: r for r in CheckIn.select().where(CheckIn.attendee.in_(ids)
                                                                 & CheckIn.annulled_at.is_null())}
    agreed = {r.attendee_id for r in SafeguardingConfirmation.select(SafeguardingConfirmation.attendee).where(
        SafeguardingConfirmation.attendee.in_(ids)
        & (SafeguardingConfirmation.policy_version == event.policy_version))}
    members = []
    for p in people:
        summary = view(p, day)
        row = standing.get(p.id)
        members.append(Member(summary, "checked_in" if row else "not_arrived", _needs(p, summary, p.id in agreed),
                              p.id in agreed, local_label(row.at, event.timezone) if row else ""))
    return Delegation(name, tuple(sorted(members, key=_order)), person.registration_id)


def check_in_delegation(key: str, *, event: Event, station: str, staff: StaffMember,
                        members: Iterable[str] | None = None, confirmed: Iterable[str] = (),
                        check_in: Callable[[str, bool], desk.ScanResult] | None = None,
                        now: datetime | None = None) -> Delegation:
    """Check in the present members (`members`, default every member not yet in), each through
    the desk's own check-in, in delegation order. `confirmed` names the members whose own
    agreement to the policy the desk has just recorded. A member who fails a rule keeps their
    outcome and message and is left out; the others go in.

    `check_in(registration_id, confirm)` is the desk's check-in to use (a station passes its own,
    which works offline); by default the core's."""
    require(staff, "scan")
    now = now or utcnow()
    group = delegation_of(key, event=event)
    known = {m.registration_id for m in group.members}
    wanted = [r.strip() for r in members if r.strip()] if members is not None else None
    if wanted is not None:
        strangers = [r for r in wanted if r not in known]
        if strangers:
            raise InputError(f"not in delegation {group.name}: {', '.join(strangers)}: check the registration ids")
        if not wanted:
            raise InputError("no members named: give --members R1,R2 or leave it out for every member")
    confirmed = {r.strip() for r in confirmed}
    check_in = check_in or (lambda reg, confirm: desk.check_in_by_id(
        reg, event=event, station=station, staff=staff, confirm_safeguarding=confirm, now=now))
    done = []
    for m in group.members:
        if wanted is not None and m.registration_id not in wanted:
            done.append(m)
            continue
        if wanted is None and m.state == "checked_in":
            done.append(m)
            continue
        result = check_in(m.registration_id, m.registration_id in confirmed)
        done.append(replace(m, outcome=result.outcome, message=result.message,
                            state="checked_in" if result.outcome in ("checked_in", "already_checked_in") else m.state))
    with write_transaction():
        audit.record("delegation_checkin", event_code=event.code, station=station, staff=staff.name,
                     subject=group.name, detail={"checked_in": [m.registration_id for m in done
                                                                if m.outcome == "checked_in"],
                                                 "left_out": [m.registration_id for m in done
                                                              if m.outcome and m.outcome != "checked_in"]}, at=now)
    fresh = delegation_of(group.opened_by, event=event)
    outcomes = {m.registration_id: m for m in done if m.outcome}
    return replace(fresh, members=tuple(
        replace(m, outcome=outcomes[m.registration_id].outcome, message=outcomes[m.registration_id].message)
        if m.registration_id in outcomes else m for m in fresh.members))
