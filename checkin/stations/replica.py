"""A station's offline copy: an SQLite file holding what the desk and door rules read.

`sync_down` copies the server's event (its public key, never the private one), rooms,
sessions, attendees, assignments, safeguarding confirmations, check-ins, badges, staff (PIN
hashes, so sign-in works offline), seat counters and who is inside, every few seconds. Offline,
the same core rules run against this copy. The copy is only refreshed while this station's
outbox is empty: until replayed, its own offline actions are the truth it must keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee
from platformdirs import user_data_dir

from checkin.desk.tokens import make_token
from checkin.door.seats import capacity_of
from checkin.store.db import database, make_database
from checkin.store.schema import ensure_schema
from checkin.timeutil import utcnow
from checkin.store.models import (REPLICA_MODELS, Assignment, Attendee, AuditHead, Badge, CheckIn, DoorScan,
                            DoorShare, Event, IssuedToken, Meta, OutboxAction, PURGE_KEY, Presence, ReplicaState,
                            Room, SafeguardingConfirmation, Session, SessionOccupancy, Staff, SYNC_KEY)

# Parents first: inserted in this order, deleted in the reverse.
COPIED = [Event, Room, Session, Attendee, Assignment, Staff, CheckIn, SafeguardingConfirmation, Badge,
          SessionOccupancy, Presence]
# Door stations seen at a room within this window share its free seats while offline.
RECENT_DOORS = timedelta(hours=2)


@dataclass(frozen=True)
class SyncReport:
    copied: bool          # False: the server had not changed since the last copy
    rows: int
    synced_at: datetime
    server_seq: int       # the server's audit sequence the copy reflects

    def as_json(self) -> dict:
        return {"copied": self.copied, "rows": self.rows, "synced_at": self.synced_at.isoformat(),
                "server_seq": self.server_seq}


def default_replica_path(station_name: str) -> Path:
    safe = "".join(c if c.isalnum() else "-" for c in station_name.casefold()).strip("-") or "station"
    return Path(user_data_dir("forum-checkin", appauthor=False)) / "replicas" / f"{safe}.sqlite3"


def open_replica(path: str | Path) -> peewee.Database:
    """The copy's database with every table (the server's and the outbox), not bound to the models."""

    replica = make_database(str(path))
    previous = database.obj
    database.initialize(replica)
    try:
        replica.connect(reuse_if_open=True)
        ensure_schema(replica)
        replica.create_tables(REPLICA_MODELS, safe=True)
    finally:
        database.initialize(previous)
    return replica


def purged_since_copy(server: peewee.Database, replica: peewee.Database) -> bool:
    """Was the server purged after this copy was made? Then the copy and its queue hold people
    the server no longer has: they are wiped, not replayed."""
    with server.bind_ctx([Meta], bind_refs=False, bind_backrefs=False):
        purged = Meta.get_or_none(Meta.key == PURGE_KEY)
    if purged is None:
        return False
    with replica.bind_ctx([Meta], bind_refs=False, bind_backrefs=False):
        seen = Meta.get_or_none(Meta.key == PURGE_KEY)
    return has_copy(replica) or queued(replica) > 0 if seen is None else seen.value != purged.value


def wipe(replica: peewee.Database) -> None:
    """Empty the copy and its queue, and rewrite the file so nothing of them stays on disk."""
    with replica.atomic():
        for table in replica.get_tables():
            if table == Meta._meta.table_name:
                replica.execute_sql(f'DELETE FROM "{table}" WHERE key != ?', ("schema_version",))
            elif not table.startswith("sqlite_"):
                replica.execute_sql(f'DELETE FROM "{table}"')
    replica.execute_sql("PRAGMA secure_delete = 1")
    replica.execute_sql("VACUUM")
    replica.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def note_synced(server: peewee.Database, station: str, now: datetime) -> None:
    """The server remembers when each station last copied it (a purge names those behind)."""
    with server.bind_ctx([Meta], bind_refs=False, bind_backrefs=False):
        with server.atomic():
            Meta.insert(key=SYNC_KEY + station[:100], value=now.isoformat()).on_conflict(
                conflict_target=[Meta.key], update={Meta.value: now.isoformat()}).execute()


def queued(replica: peewee.Database) -> int:
    with replica.bind_ctx([OutboxAction], bind_refs=False, bind_backrefs=False):
        return OutboxAction.select().where(OutboxAction.replayed_at.is_null()).count()


def synced_at(replica: peewee.Database) -> datetime | None:
    value = _state(replica, "synced_at")
    return datetime.fromisoformat(value) if value else None


def has_copy(replica: peewee.Database) -> bool:
    return _state(replica, "synced_at") is not None


def _state(replica: peewee.Database, key: str) -> str | None:
    with replica.bind_ctx([ReplicaState], bind_refs=False, bind_backrefs=False):
        row = ReplicaState.get_or_none(ReplicaState.key == key)
    return row.value if row else None


def sync_down(server: peewee.Database, replica: peewee.Database, *, station: str,
              now: datetime | None = None, force: bool = False) -> SyncReport:
    """Copy the server into the replica in one replica transaction. Reads the server through the
    models' proxy, so the proxy must point at `server`."""
    now = now or utcnow()
    if database.obj is not server:
        raise RuntimeError("sync_down reads through the models' proxy: point it at the server first")
    if queued(replica):
        raise RuntimeError("the replica still holds queued actions: replay them before copying")
    with server.atomic():
        # One snapshot of the server: REPEATABLE READ would be stricter, but every copied table
        # changes only with an audit entry, so a copy whose seq moved is redone next time.
        seq = AuditHead.get_by_id(1).seq
        last = _state(replica, "server_seq")
        if not force and last is not None and int(last) == seq:
            return SyncReport(False, 0, now, seq)
        tables = {model: _raw_rows(server, model) for model in COPIED}
        meta = [m for m in Meta.select().dicts() if m["key"] != "schema_version"]
        shares = _door_shares(station, now)
    keys = {row["id"]: (bytes(row["private_key"]), bytes(row["public_key"]), row["code"]) for row in tables[Event]}
    for row in tables[Event]:
        row["private_key"] = b""   # a stolen station laptop must not be able to mint badges
    for row in tables[Presence]:
        row["entry_scan_id"] = row["exit_scan_id"] = None   # door scans stay on the server
    people = [{"id": row["id"], "event": row["event_id"], "badge_serial": row["badge_serial"]}
              for row in tables[Attendee]]
    rows = 0
    with replica.atomic():
        with replica.bind_ctx(COPIED + [Meta, DoorShare, ReplicaState, IssuedToken], bind_refs=False,
                              bind_backrefs=False):
            Presence.delete().execute()
            # This station's own offline door scans: replayed by now, and the server's are not copied.
            replica.execute_sql(f"DELETE FROM {DoorScan._meta.table_name}")
            for model in reversed(COPIED):
                model.delete().execute()
            Meta.delete().where(Meta.key != "schema_version").execute()
            DoorShare.delete().execute()
            for model in COPIED:
                _insert_raw(replica, model, tables[model])
                rows += len(tables[model])
            if meta:
                Meta.insert_many(meta).execute()
            if shares:
                DoorShare.insert_many([{"session": s, "seats": n, "used": 0} for s, n in shares.items()]).execute()
            _issue_tokens(keys, people)
            for key, value in (("server_seq", str(seq)), ("synced_at", now.isoformat())):
                ReplicaState.insert(key=key, value=value).on_conflict_replace().execute()
    return SyncReport(True, rows, now, seq)


def _raw_rows(server: peewee.Database, model) -> list[dict]:
    """The table's rows as the server's driver gives them: the copy is redone every few seconds in a
    rush, and building each row through the ORM was most of its cost."""
    columns = [f.column_name for f in model._meta.sorted_fields]
    cursor = server.execute_sql(f"SELECT {', '.join(columns)} FROM {model._meta.table_name}")
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _sqlite_value(value):
    """What peewee itself stores in SQLite for a value PostgreSQL hands back."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def _insert_raw(replica: peewee.Database, model, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = (f'INSERT INTO "{model._meta.table_name}" ({", ".join(columns)}) '
           f'VALUES ({", ".join("?" * len(columns))})')
    replica.cursor().executemany(sql, [[_sqlite_value(row[c]) for c in columns] for row in rows])


def _issue_tokens(keys: dict, attendees: list[dict]) -> None:
    """Sign the codes of badges the copy has not seen yet (new people, reprints); the rest are kept."""
    have = set(IssuedToken.select(IssuedToken.attendee, IssuedToken.serial).tuples())
    new = []
    for row in attendees:
        if (row["id"], row["badge_serial"]) in have:
            continue
        private, public, code = keys[row["event"]]
        new.append({"attendee": row["id"], "serial": row["badge_serial"],
                    "token": make_token(private, public, code, row["id"], row["badge_serial"])})
    for start in range(0, len(new), 500):
        IssuedToken.insert_many(new[start:start + 500]).execute()


def _door_shares(station: str, now: datetime) -> dict[int, int]:
    """Per session run: floor(free seats / door stations at its room), where the door stations are
    those that scanned at that room in the last two hours, this one included. Each offline door
    may then seat that many people without a registration and the room still cannot overflow."""
    shares = {}
    counters = {row.session_id: row.occupied for row in SessionOccupancy.select()}
    recent = (DoorScan.select(Session.room, DoorScan.station).join(Session)
              .where(DoorScan.at >= now - RECENT_DOORS).distinct().tuples())
    doors: dict[int, set[str]] = {}
    for room_id, name in recent:
        doors.setdefault(room_id, set()).add(name)
    for session in Session.select(Session, Room).join(Room):
        stations = doors.get(session.room_id, set()) | {station}
        free = max(0, capacity_of(session) - counters.get(session.id, 0))
        shares[session.id] = free // len(stations)
    return shares
