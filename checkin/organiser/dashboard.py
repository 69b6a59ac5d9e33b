"""The organiser's live picture, in one snapshot of cheap aggregate queries (a few GROUP BYs and
counts on indexed columns), so a console can ask for it every few seconds during the event.

Young people are those with role "youth", or under 18 on the event's first day by date of birth,
or marked a minor where no date of birth was given: the same rule as the desk's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from peewee import SQL, Case, fn

from checkin.store.db import database, is_sqlite
from checkin.events.service import first_day
from checkin.store.models import Assignment, Attendee, CheckIn, Event, Presence, SafeguardingConfirmation, Session
from checkin.door.occupancy import door_runs
from checkin.timeutil import local, utcnow, zone

BUCKET_MINUTES = 10


@dataclass(frozen=True)
class RunOccupancy:
    session_run: str
    title: str
    room: str
    occupancy: int
    capacity: int


@dataclass(frozen=True)
class DashboardSnapshot:
    at: datetime
    event_code: str
    event_name: str
    timezone: str
    registered: int
    checked_in: int
    arrivals: list[tuple[datetime, int]]       # (bucket start, local time; check-ins in those 10 minutes), today
    expected_per_bucket: float                 # today's expected arrivals spread over the day's buckets so far
    by_role: list[tuple[str, int, int]]        # (role, checked in, registered)
    by_country: list[tuple[str, int, int]]     # (country, checked in, registered), most arrivals first
    sessions: list[RunOccupancy]               # the runs whose doors are open now
    safeguarding_confirmed: int                # attendees with the current policy version confirmed
    young_registered: int
    young_present: int                         # young people checked in
    young_inside: int                          # young people in a session room now
    no_shows: int                              # registered for a run that has started, never entered
    not_arrived: int = field(default=0)

    @property
    def safeguarding_share(self) -> float:
        return self.safeguarding_confirmed / self.registered if self.registered else 0.0

    def as_json(self) -> dict:
        return {"at": self.at.isoformat(), "event": self.event_code, "registered": self.registered,
                "checked_in": self.checked_in, "not_arrived": self.not_arrived,
                "arrivals": [[t.isoformat(), n] for t, n in self.arrivals],
                "by_role": [list(r) for r in self.by_role], "by_country": [list(r) for r in self.by_country],
                "sessions": [r.__dict__ for r in self.sessions],
                "safeguarding_confirmed": self.safeguarding_confirmed, "young_registered": self.young_registered,
                "young_present": self.young_present, "young_inside": self.young_inside, "no_shows": self.no_shows}


def _young(event: Event):
    """A peewee condition for "young person", the desk's rule in SQL."""
    day = first_day(event)
    condition = Attendee.role == "youth"
    minor_flag = Attendee.date_of_birth.is_null() & (Attendee.is_minor == True)  # noqa: E712
    condition = condition | minor_flag
    if day is not None:
        try:
            cutoff = day.replace(year=day.year - 18)
        except ValueError:   # 29 February
            cutoff = date(day.year - 18, 3, 1)
        condition = condition | (Attendee.date_of_birth > cutoff)
    return condition


def snapshot(event: Event, now: datetime | None = None, *, countries: int | None = None) -> DashboardSnapshot:
    """The dashboard's figures at `now`; `countries` keeps only the first N (None: every country present)."""
    now = now or utcnow()
    # First, as it empties the rooms of runs that have ended (the door's lazy sweep).
    sessions = [RunOccupancy(r.session_run, r.title, r.room, r.occupancy, r.capacity)
                for r in door_runs(event, now) if r.is_open]
    standing = CheckIn.annulled_at.is_null()
    mine = Attendee.event == event
    young = _young(event)

    # Two GROUP BYs give the totals, the roles, the countries and the young people at once:
    # one pass over the list and one over the check-ins.
    young_flag = Case(None, [(young, 1)], 0)
    roles: dict[str, list[int]] = {}
    nations: dict[str, list[int]] = {}
    young_counts = [0, 0]
    for index, query in ((1, Attendee.select(Attendee.role, Attendee.country, young_flag, fn.COUNT(Attendee.id))
                          .where(mine)),
                         (0, Attendee.select(Attendee.role, Attendee.country, young_flag, fn.COUNT(CheckIn.id))
                          .join(CheckIn).where(mine & standing))):
        # By position: PostgreSQL does not see a parameterised CASE in GROUP BY as the selected one.
        for role, country, is_young, n in query.group_by(SQL("1"), SQL("2"), SQL("3")).tuples():
            roles.setdefault(role, [0, 0])[index] += n
            nations.setdefault(country or "(not given)", [0, 0])[index] += n
            if is_young:
                young_counts[index] += n
    registered = sum(t for _, t in roles.values())
    checked_in = sum(c for c, _ in roles.values())
    young_present, young_registered = young_counts
    by_role = sorted(((r, c, t) for r, (c, t) in roles.items()), key=lambda x: (-x[2], x[0]))
    by_country = sorted(((k, c, t) for k, (c, t) in nations.items()), key=lambda x: (-x[1], -x[2], x[0]))[:countries]

    tz = zone(event.timezone)
    day_start = local(now, event.timezone).replace(hour=0, minute=0, second=0, microsecond=0)
    buckets: dict[datetime, int] = {}
    for epoch_bucket, n in _arrival_buckets(mine & standing & (CheckIn.at >= day_start) & (CheckIn.at <= now)):
        start = datetime.fromtimestamp(int(epoch_bucket) * BUCKET_MINUTES * 60, tz)
        buckets[start] = buckets.get(start, 0) + n
    arrivals = _filled(buckets)
    # Expected: everyone not yet arrived before today, spread evenly over today's buckets so far.
    before_today = CheckIn.select().join(Attendee).where(mine & standing & (CheckIn.at < day_start)).count()
    expected = (registered - before_today) / len(arrivals) if arrivals else 0.0

    confirmed = (SafeguardingConfirmation.select(fn.COUNT(fn.DISTINCT(SafeguardingConfirmation.attendee)))
                 .join(Attendee).where(mine & (SafeguardingConfirmation.policy_version == event.policy_version))
                 .scalar() or 0)
    young_inside = (Presence.select().join(Attendee)
                    .where(mine & young & Presence.left_at.is_null()).count())

    # Registered for a run that has started and never entered it. Each registration looks its
    # person's few presences up by the attendee index; "session + 0" keeps SQLite from choosing
    # the session index instead, which scans a whole room's presences per registration (124 s
    # instead of 18 ms at 20,000 people).
    entered = Presence.select(Presence.id).where((Presence.attendee == Assignment.attendee)
                                                 & ((Presence.session + 0) == Assignment.session))
    no_shows = (Assignment.select().join(Session)
                .where((Session.event == event) & (Session.starts <= now) & ~fn.EXISTS(entered)).count())

    return DashboardSnapshot(at=now, event_code=event.code, event_name=event.name,
                             timezone=event.timezone, registered=registered,
                             checked_in=checked_in, arrivals=arrivals, expected_per_bucket=expected,
                             by_role=by_role, by_country=by_country, sessions=sessions,
                             safeguarding_confirmed=confirmed, young_registered=young_registered,
                             young_present=young_present, young_inside=young_inside, no_shows=no_shows,
                             not_arrived=registered - checked_in)


def _arrival_buckets(condition) -> list[tuple[int, int]]:
    """(10-minute bucket number since the epoch, check-ins): counted by the database, so 16,000
    arrivals cost a GROUP BY rather than 16,000 datetimes parsed in Python."""
    db = database.obj
    if is_sqlite(db):
        # Stored as naive UTC text; strftime('%s') reads it as UTC.
        bucket = fn.strftime("%s", CheckIn.at).cast("INTEGER") / (BUCKET_MINUTES * 60)
    else:
        bucket = fn.FLOOR(fn.date_part("epoch", CheckIn.at) / (BUCKET_MINUTES * 60))
    return list(CheckIn.select(bucket, fn.COUNT(CheckIn.id)).join(Attendee).where(condition)
                .group_by(SQL("1")).tuples())


def _filled(buckets: dict[datetime, int]) -> list[tuple[datetime, int]]:
    """From the first bucket with an arrival to the last, empty buckets included (a chart's gaps)."""
    if not buckets:
        return []
    first, last = min(buckets), max(buckets)
    out, t = [], first
    while t <= last:
        out.append((t, buckets.get(t, 0)))
        t += timedelta(minutes=BUCKET_MINUTES)
    return out
