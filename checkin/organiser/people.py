"""The whole list with each person's status, and the no-shows, for the organisers' follow-up.

Each list is read in a handful of queries (one per table, then joined in memory by attendee id),
so 20,000 people cost a few scans, not 20,000 lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from peewee import fn

from checkin.attendees import is_minor, person_name
from checkin.events.service import first_day
from checkin.names.person import display_name, full_name
from checkin.organiser.table import Report, when, yes_no
from checkin.store.models import (Assignment, Attendee, Badge, CheckIn, Event, Presence, SafeguardingConfirmation,
                                  Session)
from checkin.timeutil import utcnow


@dataclass
class _Person:
    row: Attendee
    young: bool
    checkin: tuple | None = None      # (attendee, at, station, staff) of the standing check-in
    agreement: tuple | None = None    # (attendee, policy_version, at)
    prints: int = 0
    assigned: list = None     # Session rows, in time order
    entered: set = None       # session ids entered (an annulled entry does not count)


# The scripts names.person.is_native_script looks for, as one pattern: 20,000 names in a few ms.
_NATIVE = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
                     "\uf900-\ufaff\U00020000-\U0002ffff]")


def latin_name(a: Attendee) -> str:
    """The name in Latin letters: the given spelling, or the name itself when it is Latin already."""
    if a.name_latin:
        return a.name_latin
    name = full_name(person_name(a)) or a.preferred_name
    return "" if _NATIVE.search(name) else name


def native_name(a: Attendee) -> str:
    return full_name(person_name(a)) or a.preferred_name or a.name_latin


def gather(event: Event) -> list[_Person]:
    """Every registered person with what the desk and the doors did, in registration-id order."""
    day = first_day(event)
    people: dict[int, _Person] = {}
    for a in Attendee.select().where(Attendee.event == event).order_by(Attendee.registration_id):
        people[a.id] = _Person(a, a.role == "youth" or is_minor(a, day), assigned=[], entered=set())
    mine = Attendee.event == event
    # Plain tuples past the attendees themselves: model objects cost more than the query.
    for c in (CheckIn.select(CheckIn.attendee, CheckIn.at, CheckIn.station, CheckIn.staff).join(Attendee)
              .where(mine & CheckIn.annulled_at.is_null()).namedtuples()):
        people[c.attendee].checkin = c
    # The agreement shown: the current policy's where there is one, else the newest on file.
    for c in (SafeguardingConfirmation.select(SafeguardingConfirmation.attendee, SafeguardingConfirmation.policy_version,
                                              SafeguardingConfirmation.at).join(Attendee).where(mine)
              .order_by(SafeguardingConfirmation.at).namedtuples()):
        p = people[c.attendee]
        held = p.agreement
        if held is None or held.policy_version != event.policy_version or c.policy_version == event.policy_version:
            p.agreement = c
    for attendee_id, prints in (Badge.select(Badge.attendee, fn.SUM(Badge.print_count)).join(Attendee).where(mine)
                                .group_by(Badge.attendee).tuples()):
        people[attendee_id].prints += prints or 0
    sessions = {s.id: s for s in Session.select().where(Session.event == event)}
    for attendee_id, session_id in (Assignment.select(Assignment.attendee, Assignment.session).join(Attendee)
                                    .where(mine).tuples()):
        people[attendee_id].assigned.append(sessions[session_id])
    for attendee_id, session_id in (Presence.select(Presence.attendee, Presence.session).join(Attendee)
                                    .where(mine & (Presence.exit_reason != "annulled")).tuples()):
        people[attendee_id].entered.add(session_id)
    for p in people.values():
        p.assigned.sort(key=lambda s: (s.starts, s.code, s.run))
    return list(people.values())


ATTENDEE_COLUMNS = (
    "registration_id", "name", "name_latin", "organisation", "country", "role", "delegation", "language",
    "young_person",
    "guardian_consent", "chaperone", "photo_consent", "policy_version", "policy_agreed_at", "policy_current",
    "checked_in_at", "checked_in_station", "checked_in_by", "badge_serial", "badge_prints", "sessions_assigned",
    "sessions_entered", "walk_in",
)


def attendees(event: Event, now: datetime | None = None) -> Report:
    """One row per registered person, whether or not they came."""
    tz = event.timezone
    sessions = {s.id: s for s in Session.select().where(Session.event == event)}
    rows = []
    for p in gather(event):
        a, c, g = p.row, p.checkin, p.agreement
        entered = sorted((sessions[i] for i in p.entered), key=lambda s: (s.starts, s.code, s.run))
        rows.append((
            a.registration_id, native_name(a), latin_name(a), a.organisation, a.country, a.role, a.delegation,
            a.language, yes_no(p.young), yes_no(a.guardian_consent), a.chaperone,
            yes_no(a.photo_consent, "not asked"),
            g.policy_version if g else "", when(g.at, tz) if g else "",
            yes_no(g.policy_version == event.policy_version) if g else "no",
            when(c.at, tz) if c else "", c.station if c else "", c.staff if c else "",
            a.badge_serial, p.prints,
            ";".join(s.run_code for s in p.assigned), ";".join(s.run_code for s in entered),
            yes_no(a.walk_in),
        ))
    return Report("attendees", ATTENDEE_COLUMNS, rows)


NOSHOW_COLUMNS = ("registration_id", "name", "name_latin", "organisation", "country", "role", "delegation",
                  "young_person", "no_show", "session_run", "session_title", "session_starts", "checked_in_at")
NEVER_CHECKED_IN = "never checked in"
MISSED_SESSION = "missed an assigned session"


def noshows(event: Event, now: datetime | None = None) -> Report:
    """Registered and never checked in (one row each, with the sessions they held); and checked in
    but never entered a session run they were assigned to, once that run has started (one row per
    run missed)."""
    now = now or utcnow()
    tz = event.timezone
    rows = []
    people = set()
    for p in gather(event):
        a = p.row
        who = (a.registration_id, display_name(person_name(a)), latin_name(a), a.organisation, a.country, a.role,
               a.delegation, yes_no(p.young))
        if p.checkin is None:
            rows.append(who + (NEVER_CHECKED_IN, ";".join(s.run_code for s in p.assigned), "", "", ""))
            people.add(a.id)
            continue
        for s in p.assigned:
            if s.starts <= now and s.id not in p.entered:
                rows.append(who + (MISSED_SESSION, s.run_code, s.title, when(s.starts, tz), when(p.checkin.at, tz)))
                people.add(a.id)
    return Report("noshows", NOSHOW_COLUMNS, rows, people=len(people))
