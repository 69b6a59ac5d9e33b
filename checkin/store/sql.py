"""Plain SQL for the few statements on the desk's and the door's hot paths.

peewee stays the model and schema layer; a scan's handful of statements are written here once
per dialect, kept as constant text (so the driver's statement cache prepares each one once) and
answer plain tuples. Everything else in the core keeps using the models.

Write with `execute`, read with `one` / `all`; the SQL uses `?` and is rewritten to `%s` for
PostgreSQL once, on first use. Dialect-specific statements are given as (sqlite, postgresql).
"""

from __future__ import annotations

from checkin.store.db import audit_chain, database, is_sqlite

_cache: dict[tuple[str, bool], str] = {}


def _text(sql: str | tuple[str, str], sqlite: bool) -> str:
    key = (sql if isinstance(sql, str) else sql[0], sqlite)
    text = _cache.get(key)
    if text is None:
        text = sql if isinstance(sql, str) else sql[0 if sqlite else 1]
        if not sqlite:
            text = text.replace("?", "%s")
        _cache[key] = text
    return text


def text(sql: str | tuple[str, str]) -> str:
    """The statement for the bound database (for executemany)."""
    return _text(sql, is_sqlite(database.obj))


def text_on(db, sql: str) -> str:
    """A statement put together at run time, for a database given explicitly (code that must not
    use the models' proxy); not kept in the cache of constant statements."""
    return sql if is_sqlite(db) else sql.replace("?", "%s")


def execute(sql: str | tuple[str, str], params: tuple = ()):
    """Run one statement on the bound database; the cursor (rowcount, fetch*)."""
    db = database.obj
    return db.execute_sql(_text(sql, is_sqlite(db)), params)


def one(sql: str | tuple[str, str], params: tuple = ()) -> tuple | None:
    return execute(sql, params).fetchone()


def all(sql: str | tuple[str, str], params: tuple = ()) -> list[tuple]:  # noqa: A001 (mirrors the cursor)
    return execute(sql, params).fetchall()


def rowcount(sql: str | tuple[str, str], params: tuple = ()) -> int:
    return execute(sql, params).rowcount


# -- the audit chain's one append statement ---------------------------------------------------
# The new entry takes its seq and previous hash from the tip row and its hash is computed in the
# same statement (a registered Python function on SQLite, sha256() on the PostgreSQL server);
# a trigger moves the tip (checkin/store/schema.py). FOR UPDATE queues concurrent appenders on
# PostgreSQL; SQLite's IMMEDIATE transaction already holds the file.
SEP = "\x1f"
AUDIT_APPEND = (
    "INSERT INTO audit_entry (seq, at, event_code, station, staff, kind, subject, detail, prev_hash, hash) "
    "SELECT seq + 1, ?, ?, ?, ?, ?, ?, ?, hash, checkin_chain(hash, seq + 1, ?) FROM audit_head WHERE id = 1 "
    "RETURNING seq",
    "INSERT INTO audit_entry (seq, at, event_code, station, staff, kind, subject, detail, prev_hash, hash) "
    "SELECT seq + 1, ?, ?, ?, ?, ?, ?, ?, hash, "
    "encode(sha256(convert_to(hash || chr(31) || (seq + 1)::text || chr(31) || ?, 'UTF8')), 'hex') "
    "FROM (SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE) AS tip RETURNING seq",
)


chain = audit_chain   # the same function the SQLite connection calls checkin_chain
