"""Which rows changed since a reader last looked: the log a station's offline copy refreshes from.

Triggers on the tables a copy holds note `(table, row id)` for every insert, update and delete
in `row_change` (ids only: no name, no personal data). A reader keeps a cursor and asks for what
changed after it, then re-reads only those rows; re-reading a row twice is harmless, missing
one is not, so the cursor is chosen to never skip a commit:

- SQLite commits one writer at a time, so the log's own sequence is commit-ordered: the cursor
  is the highest sequence read.
- PostgreSQL hands out sequence numbers before commit, and transactions commit out of that
  order. Each entry carries its transaction's id instead, and the cursor is the reading
  snapshot's xmin: every transaction older than it had ended, and was visible, when the snapshot
  was taken; anything from it on is read again next time.

The reader must run `changed_since` and its row reads in one snapshot (`snapshot()`).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import peewee

from checkin.store.db import is_sqlite

TABLE = "row_change"


@dataclass(frozen=True)
class Changed:
    cursor: int                       # store this; pass it to the next call
    rows: dict[str, frozenset[int]]   # table -> ids inserted, updated or deleted since


def install(db: peewee.Database, tables: list[str]) -> None:
    """The log table and one trigger per table and operation (idempotent)."""
    if is_sqlite(db):
        db.execute_sql(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                       "(seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id INTEGER NOT NULL)")
        for table in tables:
            for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                db.execute_sql(f'CREATE TRIGGER IF NOT EXISTS "{TABLE}_{table}_{op.lower()}" AFTER {op} ON "{table}" '
                               f"BEGIN INSERT INTO {TABLE} (tbl, row_id) VALUES ('{table}', {row}.id); END")
        return
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {TABLE} (seq BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL, "
                   "row_id BIGINT NOT NULL, xid XID8 NOT NULL DEFAULT pg_current_xact_id())")
    # xid8 has no btree operator class before PostgreSQL 16: index its bigint image.
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {TABLE}_xid ON {TABLE} (((xid::text)::bigint))")
    db.execute_sql(f"CREATE OR REPLACE FUNCTION checkin_row_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                   f"IF TG_OP = 'DELETE' THEN INSERT INTO {TABLE} (tbl, row_id) VALUES (TG_TABLE_NAME, OLD.id); "
                   f"ELSE INSERT INTO {TABLE} (tbl, row_id) VALUES (TG_TABLE_NAME, NEW.id); END IF; "
                   "RETURN NULL; END $$")
    for table in tables:
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{TABLE}_{table}" ON "{table}"')
        db.execute_sql(f'CREATE TRIGGER "{TABLE}_{table}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                       "FOR EACH ROW EXECUTE FUNCTION checkin_row_change()")


def remove_triggers(db: peewee.Database, tables: list[str]) -> None:
    """Stop logging these tables' changes (an offline copy logs only what its own search reads)."""
    if not is_sqlite(db):
        raise ValueError("only an SQLite copy drops its change triggers")
    for table in tables:
        for op in ("insert", "update", "delete"):
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{TABLE}_{table}_{op}"')


@contextmanager
def inserts_logged_at_end(db: peewee.Database, table: str):
    """Many rows inserted into `table` in this block, logged with one statement at its end rather
    than by the insert trigger once per row (an import of 20,000 people spent a fifth of its time
    in the triggers). SQLite, inside a write transaction: the insert trigger is taken away for the
    block and put back as it was in the same transaction, so no other connection ever sees it
    missing, and a rollback undoes all of it. A new row's id is above every id before it (SQLite's
    rowid), so the rows above the highest id at the start are exactly the ones the block inserted.
    Elsewhere (PostgreSQL, no transaction, a copy without the trigger) the trigger logs as usual."""
    if not is_sqlite(db) or not db.in_transaction():
        yield
        return
    name = f"{TABLE}_{table}_insert"
    trigger = db.execute_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)).fetchone()
    if trigger is None:
        yield
        return
    top = db.execute_sql(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]
    db.execute_sql(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        db.execute_sql(f"INSERT INTO {TABLE} (tbl, row_id) SELECT '{table}', id FROM \"{table}\" WHERE id > ? ORDER BY id",
                       (top,))
        db.execute_sql(trigger[0])


@contextmanager
def snapshot(db: peewee.Database):
    """One consistent view of the server for the log and the rows read with it."""
    with db.atomic():
        if not is_sqlite(db):
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def cursor_now(db: peewee.Database) -> int:
    """The cursor to keep after reading everything in this snapshot."""
    if is_sqlite(db):
        return db.execute_sql(f"SELECT COALESCE(MAX(seq), 0) FROM {TABLE}").fetchone()[0]
    return db.execute_sql("SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint").fetchone()[0]


def changed_since(db: peewee.Database, cursor: int, tables: tuple[str, ...] = ()) -> Changed | None:
    """What changed after `cursor` (in these tables, or all), or None if the log cannot say (it
    was emptied by a purge, or belongs to another database): the reader then reads everything."""
    only = f" AND tbl IN ({', '.join(repr(t) for t in tables)})" if tables else ""
    if is_sqlite(db):
        top = cursor_now(db)
        if top < cursor:
            return None
        rows = db.execute_sql(f"SELECT tbl, row_id FROM {TABLE} WHERE seq > ?{only}", (cursor,)).fetchall()
        return Changed(top, _grouped(rows))
    now = cursor_now(db)
    if now < cursor:
        return None
    rows = db.execute_sql(f"SELECT tbl, row_id FROM {TABLE} WHERE (xid::text)::bigint >= %s{only}",
                          (cursor,)).fetchall()
    return Changed(now, _grouped(rows))


def clear(db: peewee.Database) -> None:
    """Forget every entry (a purge: the rows they name are gone, and every copy starts again)."""
    db.execute_sql(f"DELETE FROM {TABLE}")


def _grouped(rows) -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = {}
    for table, row_id in rows:
        found.setdefault(table, set()).add(row_id)
    return {table: frozenset(ids) for table, ids in found.items()}
