"""Checkpoints off the scan path: a station's SQLite connection never checkpoints inside a commit,
a background thread does it when the desk is quiet; a station's PostgreSQL connection has
statement and lock timeouts."""

from __future__ import annotations

import pytest

from postgres import pg_url  # noqa: F401  (fixture)


def test_a_station_connection_leaves_checkpoints_to_the_background(tmp_path):
    from checkin.store.db import database
    from checkin.store.schema import open_database
    from checkin.store import schema

    open_database(str(tmp_path / "cli.sqlite3"))
    assert database.obj.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000   # a command: SQLite's own
    database.obj.close()
    db = open_database(str(tmp_path / "station.sqlite3"), station=True)
    try:
        assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        assert db.execute_sql("PRAGMA journal_size_limit").fetchone()[0] == 64 * 1024 * 1024
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2     # FULL still
        assert schema._checkpointer is not None and schema._checkpointer.wal.endswith("station.sqlite3-wal")
    finally:
        schema._checkpointer.stop()
        db.close()


def test_the_checkpoint_waits_for_a_quiet_desk_unless_the_wal_is_too_big():
    from checkin.store.checkpoint import Checkpointer

    c = Checkpointer(lambda: None, "x", quiet=0.5, soft=100, hard=1000)
    assert not c.due(50, idle_for=10)          # little to do
    assert not c.due(500, idle_for=0.1)        # a scan a moment ago: later
    assert c.due(500, idle_for=0.6)            # quiet: now
    assert c.due(1000, idle_for=0.0)           # too big to wait: now, busy or not


def test_a_station_on_postgresql_gives_up_on_a_stuck_statement_or_lock(pg_url):  # noqa: F811
    from checkin.store.db import make_database

    db = make_database(pg_url, station=True)
    db.connect()
    try:
        assert db.execute_sql("SHOW statement_timeout").fetchone()[0] == "5s"
        assert db.execute_sql("SHOW lock_timeout").fetchone()[0] == "3s"
    finally:
        db.close()
    plain = make_database(pg_url)
    plain.connect()
    try:
        assert plain.execute_sql("SHOW statement_timeout").fetchone()[0] == "0"   # a command may run long
    finally:
        plain.close()
