"""Opening the database a station works on: an SQLite file (the default) or a PostgreSQL server."""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

import peewee
from platformdirs import user_data_dir
from playhouse.db_url import parse as parse_db_url

from checkin.errors import InputError

# What a database raises when the connection, not the statement, failed (or the file is locked).
CONNECTION_ERRORS = (peewee.OperationalError, peewee.InterfaceError)

# Every model is bound to this proxy; `open_database` points it at a real database.
database = peewee.DatabaseProxy()

# WAL lets door and desk readers run while one writer commits; FULL makes an acknowledged
# check-in survive a power cut; the busy timeout queues concurrent writers instead of failing.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 15000,
}


# A server on the venue LAN can vanish without a word (a cable pulled, a laptop asleep): without
# these a station would wait minutes for TCP to give up before it switched to its offline copy.
# Any of them given in the URL's query string wins.
PG_NETWORK_DEFAULTS = {
    "connect_timeout": 3,          # seconds to reach the server
    "tcp_user_timeout": 5000,      # ms a sent request may stay unacknowledged
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
}


def default_db_path() -> Path:
    return Path(user_data_dir("forum-checkin", appauthor=False)) / "checkin.sqlite3"


def resolve_db_url(url: str | None) -> str:
    """`--db` beats CHECKIN_DB beats the user-data file; a bare path means SQLite."""
    url = url or os.environ.get("CHECKIN_DB") or str(default_db_path())
    if "://" not in url:
        url = "sqlite:///" + str(Path(url).expanduser().resolve())
    return url


# A station's own connection (the window, the bench of its scan path): no checkpoint inside a
# scan's commit, a background thread does it when the desk is quiet (checkin/store/checkpoint.py);
# the WAL file is trimmed back to this size after each reset.
SQLITE_STATION_PRAGMAS = {"wal_autocheckpoint": 0, "journal_size_limit": 64 * 1024 * 1024}
# A station's connection to a shared server: one statement never hangs a scan for long, and a
# row lock held by a stuck client is given up on rather than waited for (ms; the URL's
# options win).
PG_STATION_OPTIONS = "-c statement_timeout=5000 -c lock_timeout=3000 -c idle_in_transaction_session_timeout=30000"


def make_database(url: str | None, *, station: bool = False) -> peewee.Database:
    url = resolve_db_url(url)
    scheme = url.split("://", 1)[0].lower()
    if scheme == "sqlite":
        path = parse_db_url(url)["database"]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        pragmas = {**SQLITE_PRAGMAS, **(SQLITE_STATION_PRAGMAS if station else {})}
        db = peewee.SqliteDatabase(path, pragmas=pragmas, timeout=15)
        # SQLite has no sha256(): the audit append (checkin/store/sql.py) calls this one.
        db.register_function(audit_chain, "checkin_chain", 3, deterministic=True)
        return db
    if scheme in ("postgres", "postgresql"):
        params = parse_db_url(url)
        name = params.pop("database")
        for key, value in PG_NETWORK_DEFAULTS.items():
            params.setdefault(key, value)
        if station:
            params.setdefault("options", PG_STATION_OPTIONS)
        # psycopg 3 is the driver we install; say so, or a machine that also has psycopg2 would use that.
        return peewee.PostgresqlDatabase(name, prefer_psycopg3=True, **params)
    raise InputError(f"unsupported database URL {url!r}: give a file path, sqlite:///PATH or postgresql://…")


def audit_chain(prev_hash: str, seq: int, tail: str) -> str:
    """An audit entry's hash: sha256 of the previous hash, its seq and its fields (`tail`), joined
    by \\x1f. checkin/store/audit.py's `digest` is the same function with the fields apart."""
    return hashlib.sha256(f"{prev_hash}\x1f{seq}\x1f{tail}".encode("utf-8")).hexdigest()


def is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


@contextmanager
def write_transaction(db: peewee.Database | None = None):
    """A transaction that takes the write lock at BEGIN on SQLite.

    A deferred BEGIN lets two writers both read and then fail on upgrade ("database is locked");
    IMMEDIATE makes them queue behind the busy timeout instead.
    """
    db = db or database.obj
    if is_sqlite(db) and not db.in_transaction():
        with db.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with db.atomic() as txn:
            yield txn
