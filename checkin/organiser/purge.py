"""After the event: the people's personal data goes, anonymous counts stay.

Order: young people first, in their own transaction, so a purge stopped half-way has already
removed the data that matters most; then everyone else. Each step first adds the people it
removes to `AnonymousCount` (totals, per role, per country, per session run), then deletes their
rows; check-ins, confirmations, badges, assignments, presences and door scans go with them.

The audit log names people too (registration ids as subjects, free-text reasons). Its entries
for the event keep their kind, time, station, staff and the non-personal part of their detail;
subjects and the rest are blanked. Because the chain's hashes covered the old text, the chain is
computed afresh from the first changed entry, and a final `event_purged` entry records the old
head hash and entry count, so anyone who kept the old head can see where and why it changed.
Then the SQLite file is vacuumed and its write-ahead log truncated: deleted text must not stay
behind in free pages.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import peewee
from peewee import fn

from checkin.store import audit, row_log

from checkin.names import search
from checkin.attendees import is_minor
from checkin.store.db import database, is_sqlite, write_transaction
from checkin.errors import InputError
from checkin.events.service import first_day
from checkin.organiser import tallies
from checkin.store.models import (AnonymousCount, Assignment, Attendee, AuditEntry, AuditHead, CheckIn, Conflict,
                                  DoorScan, Event, Meta, PURGE_KEY, Presence, SafeguardingConfirmation, Session,
                                  SYNC_KEY, run_code)
from checkin.store.schema import GENESIS_HASH
from checkin.staff import StaffMember, require
from checkin.timeutil import utcnow

# Audit detail keys that never carry a person: kept through a purge. List values are replaced by
# their length (an import's created ids become "how many were created").
_SAFE_DETAIL = frozenset({"outcome", "session_run", "direction", "occupancy", "policy_version", "serial",
                          "count", "rows", "format", "sessions", "role", "changed", "effect", "scan_outcome",
                          "locked", "unchanged", "standby", "created", "updated", "skipped_rows", "removed",
                          "people", "kind", "day", "pages"})
_BATCH = 500


@dataclass(frozen=True)
class PurgeResult:
    event_code: str
    young_people: int
    others: int
    audit_entries_scrubbed: int
    previous_audit_head: str
    vacuumed: bool
    stations_not_synced: tuple[str, ...] = ()
    copies: str = ""            # what may still hold the removed data, in plain words

    def as_json(self) -> dict:
        return {"event": self.event_code, "young_people_removed": self.young_people,
                "others_removed": self.others, "audit_entries_scrubbed": self.audit_entries_scrubbed,
                "previous_audit_head": self.previous_audit_head, "vacuumed": self.vacuumed,
                "stations_not_synced": list(self.stations_not_synced), "copies": self.copies}


def young_people_ids(event: Event) -> list[int]:
    """Role "youth", marked a minor, or under 18 by date of birth on the event's first day."""
    day = first_day(event)
    query = Attendee.select(Attendee.id, Attendee.role, Attendee.is_minor, Attendee.date_of_birth, Attendee.event)
    return [a.id for a in query.where(Attendee.event == event)
            if a.role == "youth" or is_minor(a, day)]


def purge(event: Event, *, confirmation: str, by: StaffMember, youth_only: bool = False, station: str = "",
          now: datetime | None = None) -> PurgeResult:
    """Remove the event's personal data. `confirmation` must be the event code, typed."""
    now = now or utcnow()
    require(by, "purge")
    if confirmation.strip() != event.code:
        raise InputError(f"to purge, type the event code {event.code!r} exactly as the confirmation")
    _no_readers()
    young = young_people_ids(event)
    with write_transaction():
        # The reports' counts (per session run, per day, no-shows) first, while everyone is here.
        tallies.keep(event, now)
    _remove(event, young, "purge_young_people", by, station, now)
    others = 0
    if not youth_only:
        rest = [i for (i,) in Attendee.select(Attendee.id).where(Attendee.event == event).tuples()]
        others = len(rest)
        _remove(event, rest, "purge_attendees", by, station, now)
    if not youth_only:
        # Offline conflicts name the person (registration id) and may quote them: keep the rest.
        Conflict.update(subject="", message="").where(Conflict.event_code == event.code).execute()
    scrubbed, old_head = _scrub_audit(event, by, station, now, youth_only=youth_only)
    search.invalidate(event.id)
    with write_transaction():
        # Every offline copy is wiped and made again whole after a purge: the change log's ids
        # name rows that are gone.
        row_log.clear(database.obj)
    stale = mark_purged(now)
    vacuumed, copies = vacuum(), ""
    if not is_sqlite(database.obj):
        vacuumed, copies = _rewrite_server_tables()
    if stale:
        copies += (" " if copies else "") + (
            f"Offline copies on {', '.join(stale)} still hold the data until those stations sync, which wipes "
            "them; a laptop that stays offline: delete its replica file (README, Security).")
    return PurgeResult(event.code, len(young), others, scrubbed, old_head, vacuumed, tuple(stale), copies)


# -- every copy --------------------------------------------------------------------------------



def mark_purged(now: datetime) -> list[str]:
    """Tell every station's copy that the server was purged (a station wipes its copy and queue
    when it next syncs), and name the stations that have not synced since."""
    with write_transaction():
        Meta.insert(key=PURGE_KEY, value=now.isoformat()).on_conflict(
            conflict_target=[Meta.key], update={Meta.value: now.isoformat()}).execute()
        return sorted(m.key[len(SYNC_KEY):] for m in Meta.select().where(Meta.key.startswith(SYNC_KEY)))


def _no_readers() -> None:
    """SQLite: a connection in the middle of a read keeps old pages alive in the WAL, and a purge
    could not then say the file is clean. Wait for readers (the busy timeout), else refuse."""
    db = database.obj
    if not is_sqlite(db):
        return
    busy = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy:
        raise InputError("another window or command is reading this database: close the other stations on this "
                         "file (or wait for the command to finish) and purge again; nothing was removed")


_PURGED_TABLES = (Attendee, CheckIn, SafeguardingConfirmation, Assignment, Presence, DoorScan, AuditEntry, Conflict)


def _rewrite_server_tables() -> tuple[bool, str]:
    """PostgreSQL: rewrite the purged tables (VACUUM FULL) so the rows leave the table files,
    and refresh their statistics so pg_statistic forgets sample values."""
    db = database.obj
    cleared = True
    try:
        for model in _PURGED_TABLES:
            name = model._meta.table_name
            db.execute_sql(f'VACUUM FULL "{name}"')
            db.execute_sql(f'ANALYZE "{name}"')
            try:
                # An empty table keeps its old statistics through ANALYZE: remove them (needs the
                # table's owner or a superuser).
                with db.atomic():
                    db.execute_sql("DELETE FROM pg_statistic WHERE starelid = %s::regclass "
                                   "AND NOT EXISTS (SELECT 1 FROM \"" + name + "\" LIMIT 1)", (name,))
            except peewee.DatabaseError:
                cleared = False
    except peewee.DatabaseError:
        return False, ("The server's tables could not be rewritten (VACUUM FULL needs the tables' owner): ask the "
                       "server's administrator to run VACUUM FULL.")
    words = ("The server's tables were rewritten and their statistics cleared. " if cleared else
             "The server's tables were rewritten; their statistics could not be cleared (needs a superuser). ")
    return True, words + ("PostgreSQL's write-ahead log (and any base backup or replica of the server) still holds "
                          "the removed rows until the server recycles those WAL files after its next checkpoints; "
                          "ask its administrator to run CHECKPOINT and to delete old backups.")


def _remove(event: Event, ids: list[int], kind: str, by: StaffMember, station: str, now: datetime) -> None:
    with write_transaction():
        counts = summarise(event, ids)
        for (measure, key), value in counts.items():
            (AnonymousCount.insert(event=event, measure=measure, key=key, value=value)
             .on_conflict(conflict_target=[AnonymousCount.event, AnonymousCount.measure, AnonymousCount.key],
                          update={AnonymousCount.value: AnonymousCount.value + value})
             .execute())
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start:start + _BATCH]
            # Presences point at door scans; remove them before the scans, then the person.
            Presence.delete().where(Presence.attendee.in_(chunk)).execute()
            DoorScan.delete().where(DoorScan.attendee.in_(chunk)).execute()
            for model in (CheckIn, SafeguardingConfirmation, Assignment):
                model.delete().where(model.attendee.in_(chunk)).execute()
            Attendee.delete().where(Attendee.id.in_(chunk)).execute()
        audit.record(kind, event_code=event.code, station=station, staff=by.name,
                     detail={"removed": len(ids)}, at=now)


def summarise(event: Event, ids: list[int]) -> Counter:
    """The anonymous counts of these people: totals, per role, per country, per session run."""
    counts: Counter = Counter()
    if not ids:
        return counts
    day = first_day(event)
    arrived = set()
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start:start + _BATCH]
        arrived |= {i for (i,) in CheckIn.select(CheckIn.attendee).where(
            CheckIn.attendee.in_(chunk) & CheckIn.annulled_at.is_null()).tuples()}
        people = Attendee.select(Attendee.id, Attendee.role, Attendee.country, Attendee.is_minor,
                                 Attendee.date_of_birth, Attendee.walk_in, Attendee.event).where(Attendee.id.in_(chunk))
        for a in people:
            came = a.id in arrived
            young = a.role == "youth" or is_minor(a, day)
            counts[("registered", "")] += 1
            counts[("role_registered", a.role)] += 1
            counts[("country_registered", a.country or "(not given)")] += 1
            if young:
                counts[("young_people_registered", "")] += 1
            if a.walk_in:
                counts[("walk_ins", "")] += 1
            if came:
                counts[("checked_in", "")] += 1
                counts[("role_checked_in", a.role)] += 1
                counts[("country_checked_in", a.country or "(not given)")] += 1
                if young:
                    counts[("young_people_checked_in", "")] += 1
            else:
                counts[("no_shows", "")] += 1
        counts[("safeguarding_confirmed", "")] += (SafeguardingConfirmation.select()
                                                   .where(SafeguardingConfirmation.attendee.in_(chunk)).count())
        for code, run, n in (Assignment.select(Session.code, Session.run, fn.COUNT(Assignment.id)).join(Session)
                             .where(Assignment.attendee.in_(chunk)).group_by(Session.code, Session.run).tuples()):
            counts[("session_registered", run_code(code, run))] += n
        for code, run, n in (Presence.select(Session.code, Session.run, fn.COUNT(fn.DISTINCT(Presence.attendee)))
                             .join(Session).where(Presence.attendee.in_(chunk) & (Presence.exit_reason != "annulled"))
                             .group_by(Session.code, Session.run).tuples()):
            counts[("session_entered", run_code(code, run))] += n
        counts[("door_scans", "")] += DoorScan.select().where(DoorScan.attendee.in_(chunk)).count()
    return +counts


def anonymous_counts(event: Event) -> dict[str, dict[str, int]]:
    """measure -> key -> value, what stays after a purge."""
    out: dict[str, dict[str, int]] = {}
    query = AnonymousCount.select().where((AnonymousCount.event == event)
                                          & ~AnonymousCount.measure.startswith(tallies.PREFIX))
    for row in query.order_by(AnonymousCount.measure, AnonymousCount.key):
        out.setdefault(row.measure, {})[row.key] = row.value
    return out


def _scrubbed_detail(text: str) -> str:
    try:
        detail = json.loads(text)
    except ValueError:
        return "{}"
    if not isinstance(detail, dict):
        return "{}"
    kept = {k: (len(v) if isinstance(v, list) and k not in ("changed",) else v)
            for k, v in detail.items() if k in _SAFE_DETAIL}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _scrub_audit(event: Event, by: StaffMember, station: str, now: datetime, *, youth_only: bool) -> tuple[int, str]:
    """Blank the personal parts of the event's audit entries, re-chain, and say so in the log.
    A youth-only purge leaves alone the entries about people still on the list."""
    with write_transaction():
        head = AuditHead.get_by_id(1)
        old_head, old_count = head.hash, head.seq
        remaining = set()
        if youth_only:
            remaining = {r for (r,) in Attendee.select(Attendee.registration_id).where(Attendee.event == event).tuples()}
        scrubbed = 0
        first_changed = None
        query = (AuditEntry.select().where((AuditEntry.event_code == event.code) & ~(AuditEntry.kind.contains("purge")))
                 .order_by(AuditEntry.seq))
        for row in query.iterator():
            if youth_only and (row.subject in remaining or not row.subject):
                continue
            detail = _scrubbed_detail(row.detail)
            if row.subject == "" and detail == row.detail:
                continue
            AuditEntry.update(subject="", detail=detail).where(AuditEntry.id == row.id).execute()
            scrubbed += 1
            first_changed = row.seq if first_changed is None else first_changed
        if first_changed is not None:
            _rechain(first_changed)
        audit.record("event_purged", event_code=event.code, station=station, staff=by.name,
                     detail={"previous_head": old_head, "previous_entries": old_count,
                             "scrubbed_entries": scrubbed, "youth_only": youth_only}, at=now)
    return scrubbed, old_head


def _rechain(from_seq: int) -> None:
    prev = (AuditEntry.select(AuditEntry.hash).where(AuditEntry.seq == from_seq - 1).scalar()
            if from_seq > 1 else GENESIS_HASH)
    last = prev
    for row in AuditEntry.select().where(AuditEntry.seq >= from_seq).order_by(AuditEntry.seq).iterator():
        digest = audit.digest(prev, row.seq, row.at, row.event_code, row.station, row.staff, row.kind,
                              row.subject, row.detail)
        AuditEntry.update(prev_hash=prev, hash=digest).where(AuditEntry.id == row.id).execute()
        prev = last = digest
    AuditHead.update(hash=last).where(AuditHead.id == 1).execute()


def vacuum() -> bool:
    """Rewrite the SQLite file so deleted rows leave no text in free pages or the WAL. True only
    when the rewrite was checkpointed whole and the WAL emptied."""
    db = database.obj
    if not is_sqlite(db):
        return False
    try:
        db.execute_sql("PRAGMA secure_delete = 1")
        db.execute_sql("VACUUM")
        busy, _, _ = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except peewee.OperationalError:
        return False   # another connection is reading; the data is deleted, the file is not yet compacted
    if busy:
        return False
    wal = Path(db.database + "-wal")
    return not wal.exists() or wal.stat().st_size == 0
