"""A station's offline copy: an SQLite file holding what the desk and door rules read.

`sync_down` copies the server's event (its public key, never the private one), rooms,
sessions, attendees, assignments, safeguarding confirmations, check-ins, badges, staff (PIN
hashes, so sign-in works offline), seat counters and who is inside. The first time it copies
everything; after that only the rows the server's change log (checkin/store/row_log.py) names
since the last refresh. Offline, the same core rules run against this copy. The copy is only
refreshed while this station's outbox is empty: until replayed, its own offline actions are the
truth it must keep; once they are replayed the copy is made again whole, since those actions
wrote rows of their own into it.

Everything here is plain SQL on the two databases it is handed, never the models' proxy or
`bind_ctx` (which rebinds the models for every thread): a refresh runs on its own thread while
the station's database thread goes on scanning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee
from platformdirs import user_data_dir

from checkin.desk.tokens import make_token
from checkin.door.seats import capacity
from checkin.store import row_log, sql
from checkin.store.db import database, make_database
from checkin.store.schema import ensure_schema
from checkin.timeutil import utcnow
from checkin.store.models import (COPIED_MODELS, REPLICA_MODELS, Attendee, DoorScan, Event, Meta, PURGE_KEY,
                                  Presence, SYNC_KEY)

COPIED = COPIED_MODELS
_TABLES = [model._meta.table_name for model in COPIED]
_COLUMNS = {model._meta.table_name: [f.column_name for f in model._meta.sorted_fields] for model in COPIED}
# Read in batches of ids: SQLite allows 32,766 parameters, and a long list is slow to plan anyway.
_BATCH = 500
# Door stations seen at a room within this window share its free seats while offline.
RECENT_DOORS = timedelta(hours=2)
_META = Meta._meta.table_name
_ACTED_AT = DoorScan.at   # a UTC field: how a time is written to both databases


@dataclass(frozen=True)
class SyncReport:
    copied: bool          # False: the server had not changed since the last copy
    rows: int             # rows written (or deleted) in the copy
    whole: bool = False   # True: everything was copied (the first time, after a replay, or when asked)
    synced_at: datetime = None
    server_seq: int = 0   # the server's audit sequence the copy reflects

    def as_json(self) -> dict:
        return {"copied": self.copied, "rows": self.rows, "whole": self.whole,
                "synced_at": self.synced_at.isoformat(), "server_seq": self.server_seq}


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
        # The copy's own changes are read by no other station; only its search index follows
        # the people in it (checkin/names/search.py), whoever wrote them.
        row_log.remove_triggers(replica, [t for t in _TABLES if t != Attendee._meta.table_name])
    finally:
        database.initialize(previous)
    return replica


def purged_since_copy(server: peewee.Database, replica: peewee.Database) -> bool:
    """Was the server purged after this copy was made? Then the copy and its queue hold people
    the server no longer has: they are wiped, not replayed."""
    purged = _meta_value(server, PURGE_KEY)
    if purged is None:
        return False
    seen = _meta_value(replica, PURGE_KEY)
    return has_copy(replica) or queued(replica) > 0 if seen is None else seen != purged


def _meta_value(db: peewee.Database, key: str) -> str | None:
    row = db.execute_sql(sql.text_on(db, f"SELECT value FROM {_META} WHERE key = ?"), (key,)).fetchone()
    return row[0] if row else None


def wipe(replica: peewee.Database) -> None:
    """Empty the copy and its queue, and rewrite the file so nothing of them stays on disk."""
    with replica.atomic():
        for table in replica.get_tables():
            if table == _META:
                replica.execute_sql(f'DELETE FROM "{table}" WHERE key != ?', ("schema_version",))
            elif not table.startswith("sqlite_"):
                replica.execute_sql(f'DELETE FROM "{table}"')
    replica.execute_sql("PRAGMA secure_delete = 1")
    replica.execute_sql("VACUUM")
    replica.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def note_synced(server: peewee.Database, station: str, now: datetime) -> None:
    """The server remembers when each station last copied it (a purge names those behind)."""
    with server.atomic():
        server.execute_sql(sql.text_on(server, f"INSERT INTO {_META} (key, value) VALUES (?, ?) "
                                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                           (SYNC_KEY + station[:100], now.isoformat()))


def queued(replica: peewee.Database) -> int:
    return replica.execute_sql("SELECT COUNT(*) FROM outbox_action WHERE replayed_at IS NULL").fetchone()[0]


def synced_at(replica: peewee.Database) -> datetime | None:
    value = _state(replica, "synced_at")
    return datetime.fromisoformat(value) if value else None


def has_copy(replica: peewee.Database) -> bool:
    return _state(replica, "synced_at") is not None


def _state(replica: peewee.Database, key: str) -> str | None:
    row = replica.execute_sql("SELECT value FROM replica_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_state(replica: peewee.Database, values: dict[str, str]) -> None:
    replica.cursor().executemany("INSERT OR REPLACE INTO replica_state (key, value) VALUES (?, ?)",
                                 list(values.items()))


def _worked_offline_since_copy(replica: peewee.Database) -> bool:
    """Offline actions write rows of the copy's own (check-ins, presences, counters) that the
    server knows under other ids once replayed: a copy that queued any since it was last made is
    made again whole. Counted by the queue's ids, not by time: a station's clock may move."""
    return _last_action(replica) > int(_state(replica, "outbox_seen") or 0)


def _last_action(replica: peewee.Database) -> int:
    return replica.execute_sql("SELECT COALESCE(MAX(id), 0) FROM outbox_action").fetchone()[0]


@dataclass
class _Read:
    """What one snapshot of the server gave a refresh."""
    seq: int                              # the audit sequence at that snapshot
    cursor: int                           # the change log's cursor to keep
    whole: bool
    tables: dict[str, list[dict]]         # table -> rows (all of them, or those changed)
    gone: dict[str, list[int]]            # table -> ids deleted since the last refresh
    meta: list[dict]
    shares: dict[int, int]
    keys: dict[int, tuple[bytes, bytes, str]]   # event id -> keys and code, to sign new badge codes


def sync_down(server: peewee.Database, replica: peewee.Database, *, station: str,
              now: datetime | None = None, force: bool = False) -> SyncReport:
    """Bring the replica up to the server in one replica transaction: the rows changed since the
    last refresh, or everything the first time (or when `force`)."""
    now = now or utcnow()
    if queued(replica):
        raise RuntimeError("the replica still holds queued actions: replay them before copying")
    cursor = _state(replica, "change_cursor")
    whole = force or cursor is None or _worked_offline_since_copy(replica)
    read = _read(server, None if whole else int(cursor), station, now)
    if not read.whole and not any(read.tables.values()) and not any(read.gone.values()):
        return SyncReport(False, 0, synced_at=now, server_seq=read.seq)
    try:
        rows = _write(replica, read, now)
        if rows is None:
            return SyncReport(False, 0, synced_at=now, server_seq=read.seq)
    except peewee.IntegrityError:
        if read.whole:
            raise
        # Rows changed in an order the copy cannot follow one by one (two people swapping a
        # unique value): nothing of it was written; copy everything instead.
        return sync_down(server, replica, station=station, now=now, force=True)
    return SyncReport(True, rows, read.whole, now, read.seq)


def _read(server: peewee.Database, cursor: int | None, station: str, now: datetime) -> _Read:
    with row_log.snapshot(server):
        seq = server.execute_sql("SELECT seq FROM audit_head WHERE id = 1").fetchone()[0]
        changed = None if cursor is None else row_log.changed_since(server, cursor)
        if changed is None:
            new_cursor = row_log.cursor_now(server)
            tables = {table: _raw_rows(server, table) for table in _TABLES}
            gone: dict[str, list[int]] = {}
        elif not changed.rows:
            return _Read(seq, changed.cursor, False, {}, {}, [], {}, {})
        else:
            new_cursor = changed.cursor
            tables = {table: _raw_rows(server, table, changed.rows.get(table, ())) for table in _TABLES}
            gone = {table: sorted(changed.rows.get(table, frozenset()) - {row["id"] for row in tables[table]})
                    for table in _TABLES}
        events = _raw_rows(server, Event._meta.table_name)
        meta = [row for row in _raw_rows(server, _META, columns=["key", "value"]) if row["key"] != "schema_version"]
        shares = _door_shares(server, station, now)
    keys = {row["id"]: (bytes(row["private_key"]), bytes(row["public_key"]), row["code"]) for row in events}
    for row in tables[Event._meta.table_name]:
        row["private_key"] = b""   # a stolen station laptop must not be able to mint badges
    for row in tables[Presence._meta.table_name]:
        row["entry_scan_id"] = row["exit_scan_id"] = None   # door scans stay on the server
    return _Read(seq, new_cursor, changed is None, tables, gone, meta, shares, keys)


def _write(replica: peewee.Database, read: _Read, now: datetime) -> int | None:
    """None: the station went offline and queued an action while the server was being read; the
    copy is left as its offline work made it."""
    with replica.atomic("IMMEDIATE"):
        if queued(replica):
            return None
        if read.whole:
            rows = _replace_everything(replica, read.tables)
        else:
            rows = _apply_changes(replica, read.tables, read.gone)
        replica.execute_sql(f"DELETE FROM {_META} WHERE key != 'schema_version'")
        _insert(replica, _META, read.meta)
        replica.execute_sql("DELETE FROM door_share")
        _insert(replica, "door_share", [{"session": s, "seats": n, "used": 0} for s, n in read.shares.items()])
        _issue_tokens(replica, read.keys, read.tables[Attendee._meta.table_name])
        _set_state(replica, {"server_seq": str(read.seq), "synced_at": now.isoformat(),
                             "change_cursor": str(read.cursor), "outbox_seen": str(_last_action(replica))})
    return rows


def _replace_everything(replica: peewee.Database, tables: dict[str, list[dict]]) -> int:
    # The copy's own change log (its search index reads it) would grow by every row of every
    # whole copy: what it held is superseded by this copy's rows, all logged after the newest
    # entry, which stays so the sequence never goes back.
    replica.execute_sql(f"DELETE FROM {row_log.TABLE} WHERE seq < (SELECT MAX(seq) FROM {row_log.TABLE})")
    # This station's own offline door scans: replayed by now, and the server's are not copied.
    replica.execute_sql(f"DELETE FROM {DoorScan._meta.table_name}")
    for table in reversed(_TABLES):
        replica.execute_sql(f'DELETE FROM "{table}"')
    rows = 0
    for table in _TABLES:
        _insert(replica, table, tables[table])
        rows += len(tables[table])
    return rows


def _apply_changes(replica: peewee.Database, tables: dict[str, list[dict]], gone: dict[str, list[int]]) -> int:
    """Deletions children first, then the changed rows parents first, each an upsert by id (never
    a delete-and-insert, which would cascade to the row's children)."""
    rows = 0
    for table in reversed(_TABLES):
        for start in range(0, len(gone.get(table, ())), _BATCH):
            batch = gone[table][start:start + _BATCH]
            rows += replica.execute_sql(f'DELETE FROM "{table}" WHERE id IN ({", ".join("?" * len(batch))})',
                                        batch).rowcount
    for table in _TABLES:
        found = sorted(tables[table], key=lambda row: row["id"])
        if found:
            columns = list(found[0])
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
            statement = (f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))}) '
                         f"ON CONFLICT (id) DO UPDATE SET {updates}")
            _executemany(replica, statement, [[_sqlite_value(row[c]) for c in columns] for row in found])
            rows += len(found)
    return rows


def _raw_rows(server: peewee.Database, table: str, ids=None, *, columns: list[str] | None = None) -> list[dict]:
    """The table's rows (all, or those with these ids) as the server's driver gives them."""
    columns = columns or _COLUMNS[table]
    select = f'SELECT {", ".join(columns)} FROM "{table}"'
    if ids is None:
        return [dict(zip(columns, row)) for row in server.execute_sql(select).fetchall()]
    ids, found = sorted(ids), []
    for start in range(0, len(ids), _BATCH):
        batch = ids[start:start + _BATCH]
        statement = sql.text_on(server, f'{select} WHERE id IN ({", ".join("?" * len(batch))})')
        found.extend(dict(zip(columns, row)) for row in server.execute_sql(statement, batch).fetchall())
    return found


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


def _insert(replica: peewee.Database, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    statement = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})'
    _executemany(replica, statement, [[_sqlite_value(row[c]) for c in columns] for row in rows])


def _executemany(replica: peewee.Database, statement: str, rows: list) -> None:
    # Through peewee's wrapper, so a broken constraint is peewee's IntegrityError as from execute_sql.
    with peewee.__exception_wrapper__:
        replica.cursor().executemany(statement, rows)


def _issue_tokens(replica: peewee.Database, keys: dict, attendees: list[dict]) -> None:
    """Sign the codes of badges the copy has not seen yet (new people, reprints); the rest are kept."""
    if not attendees:
        return
    if len(attendees) > _BATCH:
        have = set(replica.execute_sql("SELECT attendee, serial FROM issued_token").fetchall())
    else:
        ids = [row["id"] for row in attendees]
        have = set(replica.execute_sql(f'SELECT attendee, serial FROM issued_token WHERE attendee IN '
                                       f'({", ".join("?" * len(ids))})', ids).fetchall())
    new = []
    for row in attendees:
        if (row["id"], row["badge_serial"]) in have:
            continue
        private, public, code = keys[row["event_id"]]
        new.append((row["id"], row["badge_serial"], make_token(private, public, code, row["id"], row["badge_serial"])))
    _executemany(replica, "INSERT OR REPLACE INTO issued_token (attendee, serial, token) VALUES (?, ?, ?)", new)


def _door_shares(server: peewee.Database, station: str, now: datetime) -> dict[int, int]:
    """Per session run: floor(free seats / door stations at its room), where the door stations are
    those that scanned at that room in the last two hours, this one included. Each offline door
    may then seat that many people without a registration and the room still cannot overflow."""
    counters = dict(server.execute_sql("SELECT session_id, occupied FROM session_occupancy").fetchall())
    # Joined from the sessions so the (session, at) index finds each run's recent scans.
    recent = server.execute_sql(sql.text_on(server, "SELECT DISTINCT s.room_id, d.station FROM session s "
                                               "JOIN door_scan d ON d.session_id = s.id AND d.at >= ?"),
                                (_ACTED_AT.db_value(now - RECENT_DOORS),)).fetchall()
    doors: dict[int, set[str]] = {}
    for room_id, name in recent:
        doors.setdefault(room_id, set()).add(name)
    shares = {}
    sessions = server.execute_sql("SELECT s.id, s.room_id, r.capacity, s.capacity FROM session s "
                                  "JOIN room r ON r.id = s.room_id").fetchall()
    for session_id, room_id, room_capacity, own_capacity in sessions:
        stations = doors.get(room_id, set()) | {station}
        free = capacity(room_capacity, own_capacity) - counters.get(session_id, 0)
        shares[session_id] = max(0, free) // len(stations)
    return shares
