"""Counts without people: per session run (registered, entered, peak occupancy, standby, refused as
full), per day (arrivals by hour, by country and role, young people present, overrides and
annulments) and the no-shows by kind, role and country.

They are computed from the live tables while the people are there, and kept in `AnonymousCount`
(measures named "report.…") when the purge removes them; afterwards the same exports and the
daily report read the kept counts. Reading merges the two by taking, key by key, the larger
value: before a purge the kept counts are empty, after a full purge the live ones are; after a
young-people-only purge each key holds what was counted when it was whole, or more since.

Peak occupancy replays the door's record in time order: each entry (a presence opened by an
admitting scan) counts +1 at its time and each leaving (a scan out, entering another room, the
session's end) -1 at its time; a leaving sorts before an entry at the same instant.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

from checkin.attendees import is_minor
from checkin.door.seats import capacity_of
from checkin.events.service import first_day
from checkin.organiser.people import missed_by_run
from checkin.store.models import (AnonymousCount, Assignment, Attendee, CheckIn, Conflict, DoorScan, Event, Presence, Room,
                                  SafeguardingConfirmation, Session)
from checkin.timeutil import local, utcnow

PREFIX = "report."


def key(*parts) -> str:
    return json.dumps([str(p) for p in parts], ensure_ascii=False, separators=(",", ":"))


def parts(text: str) -> list[str]:
    return json.loads(text)


def live(event: Event, now: datetime | None = None) -> Counter:
    """Every report count from the tables as they are now: (measure, key) -> value."""
    now = now or utcnow()
    tz = event.timezone
    day = first_day(event)
    counts: Counter = Counter()
    mine = Attendee.event == event
    people = {a.id: a for a in Attendee.select(Attendee.id, Attendee.role, Attendee.country, Attendee.is_minor,
                                               Attendee.date_of_birth, Attendee.guardian_consent,
                                               Attendee.chaperone, Attendee.event).where(mine)}
    young = {i for i, a in people.items() if a.role == "youth" or is_minor(a, day)}
    agreed = {i for (i,) in SafeguardingConfirmation.select(SafeguardingConfirmation.attendee).join(Attendee)
              .where(mine & (SafeguardingConfirmation.policy_version == event.policy_version)).tuples()}
    sessions = {s.id: s for s in Session.select(Session, Room).join(Room).where(Session.event == event)}

    counts[("registered", "")] = len(people)
    for i, a in people.items():
        counts[("role_registered", a.role)] += 1
        counts[("country_registered", a.country or "(not given)")] += 1
        if i in young:
            counts[("young_registered", "")] += 1
    for c in CheckIn.select(CheckIn.attendee, CheckIn.at, CheckIn.annulled_at).join(Attendee).where(mine):
        if c.annulled_at is not None:
            counts[("day_annulled_checkins", local(c.annulled_at, tz).date().isoformat())] += 1
            continue
        a = people[c.attendee_id]
        t = local(c.at, tz)
        d = t.date().isoformat()
        counts[("checked_in", "")] += 1
        counts[("day_arrivals", key(d, f"{t.hour:02d}"))] += 1
        counts[("day_country", key(d, a.country or "(not given)"))] += 1
        counts[("day_role", key(d, a.role))] += 1
        if c.attendee_id in young:
            counts[("young_arrived", d)] += 1
            if not complete_consent(a, c.attendee_id in agreed):
                counts[("young_incomplete_arrived", d)] += 1

    for s in sessions.values():
        counts[("run_capacity", s.run_code)] = capacity_of(s)
    for (session_id,) in (Assignment.select(Assignment.session).join(Session)
                          .where(Session.event == event).tuples()):
        counts[("run_registered", sessions[session_id].run_code)] += 1

    moments: dict[int, list] = {}
    entered: dict[int, set] = {}
    for p in (Presence.select(Presence.attendee, Presence.session, Presence.entered_at, Presence.left_at)
              .where(Presence.session.in_(list(sessions)) & (Presence.exit_reason != "annulled"))):
        entered.setdefault(p.session_id, set()).add(p.attendee_id)
        moments.setdefault(p.session_id, []).append((p.entered_at, 1))
        if p.left_at is not None:
            moments[p.session_id].append((p.left_at, -1))
    for session_id, people_in in entered.items():
        run = sessions[session_id].run_code
        counts[("run_entered", run)] = len(people_in)
        counts[("run_peak", run)] = peak(moments[session_id])

    for d in (DoorScan.select(DoorScan.session, DoorScan.outcome, DoorScan.standby, DoorScan.override_reason,
                              DoorScan.at, DoorScan.annulled_at).where(DoorScan.event == event)):
        run = sessions[d.session_id].run_code
        if d.annulled_at is not None:
            counts[("day_annulled_scans", local(d.annulled_at, tz).date().isoformat())] += 1
            continue
        if d.outcome == "full":
            counts[("run_refused_full", run)] += 1
        elif d.outcome == "admitted" and d.standby and not d.override_reason:   # past capacity is not a free seat
            counts[("run_standby", run)] += 1
        if d.outcome == "admitted" and d.override_reason:
            counts[("run_overrides", run)] += 1
            counts[("day_overrides", local(d.at, tz).date().isoformat())] += 1

    for c in Conflict.select(Conflict.acted_at).where(Conflict.event_code == event.code):
        counts[("day_conflicts", local(c.acted_at, tz).date().isoformat())] += 1
    for (kind, run, role, country, is_young), n in missed_by_run(event, now).items():
        counts[("noshow", key(kind, run, role, country, is_young))] += n
    return +counts


def complete_consent(a: Attendee, agreed_current_policy: bool) -> bool:
    """A young person present needs guardian consent, a named chaperone and the policy agreed."""
    return bool(a.guardian_consent) and bool((a.chaperone or "").strip()) and agreed_current_policy


def peak(moments: list[tuple[datetime, int]]) -> int:
    inside = top = 0
    for _, step in sorted(moments, key=lambda m: (m[0], m[1])):
        inside += step
        top = max(top, inside)
    return top


def kept(event: Event) -> Counter:
    counts: Counter = Counter()
    for row in AnonymousCount.select().where((AnonymousCount.event == event)
                                             & AnonymousCount.measure.startswith(PREFIX)):
        counts[(row.measure[len(PREFIX):], row.key)] = row.value
    return counts


def counts(event: Event, now: datetime | None = None) -> Counter:
    """What the reports read: the live counts and the kept ones, the larger of the two per key."""
    merged = live(event, now)
    for k, v in kept(event).items():
        if v > merged.get(k, 0):
            merged[k] = v
    return merged


def was_purged(event: Event) -> bool:
    return AnonymousCount.select().where((AnonymousCount.event == event)
                                         & AnonymousCount.measure.startswith(PREFIX)).exists()


def keep(event: Event, now: datetime | None = None) -> int:
    """Store the report counts before a purge removes the people (in the caller's transaction)."""
    merged = counts(event, now)
    for (measure, k), value in merged.items():
        (AnonymousCount.insert(event=event, measure=PREFIX + measure, key=k, value=value)
         .on_conflict(conflict_target=[AnonymousCount.event, AnonymousCount.measure, AnonymousCount.key],
                      update={AnonymousCount.value: value})
         .execute())
    return len(merged)
