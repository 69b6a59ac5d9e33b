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

from peewee import fn

from checkin.attendees import is_minor
from checkin.door.seats import capacity_of
from checkin.events.service import first_day
from checkin.organiser.people import MISSED_SESSION, NEVER_CHECKED_IN
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
                                               Attendee.chaperone).where(mine).namedtuples()}
    young = {i for i, a in people.items() if a.role == "youth" or is_minor(a, day)}
    agreed = {i for (i,) in SafeguardingConfirmation.select(SafeguardingConfirmation.attendee).join(Attendee)
              .where(mine & (SafeguardingConfirmation.policy_version == event.policy_version)).tuples()}
    sessions = {s.id: s for s in Session.select(Session, Room).join(Room).where(Session.event == event)}

    arrived: set[int] = set()
    counts[("registered", "")] = len(people)
    for i, a in people.items():
        counts[("role_registered", a.role)] += 1
        counts[("country_registered", a.country or "(not given)")] += 1
        if i in young:
            counts[("young_registered", "")] += 1
    for attendee_id, at, annulled_at in (CheckIn.select(CheckIn.attendee, CheckIn.at, CheckIn.annulled_at)
                                         .join(Attendee).where(mine).tuples()):
        if annulled_at is not None:
            counts[("day_annulled_checkins", local(annulled_at, tz).date().isoformat())] += 1
            continue
        a = people[attendee_id]
        arrived.add(attendee_id)
        t = local(at, tz)
        d = t.date().isoformat()
        counts[("checked_in", "")] += 1
        counts[("day_arrivals", key(d, f"{t.hour:02d}"))] += 1
        counts[("day_country", key(d, a.country or "(not given)"))] += 1
        counts[("day_role", key(d, a.role))] += 1
        if attendee_id in young:
            counts[("young_arrived", d)] += 1
            if not complete_consent(a, attendee_id in agreed):
                counts[("young_incomplete_arrived", d)] += 1

    for s in sessions.values():
        counts[("run_capacity", s.run_code)] = capacity_of(s)
    assignments = list(Assignment.select(Assignment.attendee, Assignment.session).join(Session)
                       .where(Session.event == event).tuples())
    for _, session_id in assignments:
        counts[("run_registered", sessions[session_id].run_code)] += 1

    moments: dict[int, list] = {}
    entered: dict[int, set] = {}
    went: set[tuple[int, int]] = set()
    for attendee_id, session_id, entered_at, left_at in (
            Presence.select(Presence.attendee, Presence.session, Presence.entered_at, Presence.left_at)
            .where(Presence.session.in_(list(sessions)) & (Presence.exit_reason != "annulled")).tuples()):
        entered.setdefault(session_id, set()).add(attendee_id)
        went.add((attendee_id, session_id))
        moments.setdefault(session_id, []).append((entered_at, 1))
        if left_at is not None:
            moments[session_id].append((left_at, -1))
    for session_id, people_in in entered.items():
        run = sessions[session_id].run_code
        counts[("run_entered", run)] = len(people_in)
        counts[("run_peak", run)] = peak(moments[session_id])

    # Counted by the database; only the few overridden or annulled scans come back one by one (their day).
    standing = DoorScan.annulled_at.is_null()
    plain = (DoorScan.event == event) & standing & (DoorScan.override_reason == "")
    for session_id, outcome, standby, n in (DoorScan.select(DoorScan.session, DoorScan.outcome, DoorScan.standby,
                                                            fn.COUNT(DoorScan.id))
                                            .where(plain & DoorScan.outcome.in_(("full", "admitted")))
                                            .group_by(DoorScan.session, DoorScan.outcome, DoorScan.standby).tuples()):
        run = sessions[session_id].run_code
        if outcome == "full":
            counts[("run_refused_full", run)] += n
        elif standby:
            counts[("run_standby", run)] += n
    for session_id, outcome, at, annulled_at in (
            DoorScan.select(DoorScan.session, DoorScan.outcome, DoorScan.at, DoorScan.annulled_at)
            .where((DoorScan.event == event) & (~standing | (DoorScan.override_reason != ""))).tuples()):
        run = sessions[session_id].run_code
        if annulled_at is not None:
            counts[("day_annulled_scans", local(annulled_at, tz).date().isoformat())] += 1
        elif outcome == "full":
            counts[("run_refused_full", run)] += 1
        elif outcome == "admitted":   # an override: past capacity or registration, never a standby seat
            counts[("run_overrides", run)] += 1
            counts[("day_overrides", local(at, tz).date().isoformat())] += 1

    for c in Conflict.select(Conflict.acted_at).where(Conflict.event_code == event.code):
        counts[("day_conflicts", local(c.acted_at, tz).date().isoformat())] += 1
    # No-shows, as people.noshows lists them: never checked in; or in, and absent from a run of
    # theirs that has started.
    def noshow(kind: str, run: str, a) -> None:
        counts[("noshow", key(kind, run, a.role, a.country or "(not given)",
                              "yes" if a.id in young else "no"))] += 1
    for i, a in people.items():
        if i not in arrived:
            noshow(NEVER_CHECKED_IN, "", a)
    for attendee_id, session_id in assignments:
        s = sessions[session_id]
        if attendee_id in arrived and s.starts <= now and (attendee_id, session_id) not in went:
            noshow(MISSED_SESSION, s.run_code, people[attendee_id])
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
