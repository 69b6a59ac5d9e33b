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
    from checkin.store.checkpoint import Checkpointer, WalState

    c = Checkpointer(lambda: None, "x", quiet=0.5, soft=100, idle=30, hard=1000)
    assert c.due(WalState(frames=50, copied=0, idle_for=10)) is None          # little to do
    assert c.due(WalState(frames=500, copied=0, idle_for=0.1)) is None        # a scan a moment ago: later
    assert c.due(WalState(frames=500, copied=0, idle_for=0.6)) == "PASSIVE"   # quiet: now
    assert c.due(WalState(frames=500, copied=500, idle_for=0.6)) is None      # all copied already
    assert c.due(WalState(frames=50, copied=0, idle_for=31)) == "PASSIVE"     # long idle: whatever waits
    assert c.due(WalState(frames=1000, copied=900, idle_for=0.0)) == "RESTART"  # too big to wait: busy or not


def test_under_writes_that_never_pause_the_wal_is_restarted_and_stays_bounded(tmp_path):
    """A passive checkpoint never catches up with commits that never pause: without a restart the
    log grows with every commit (a rush at the door once reached 148 MB)."""
    import os
    import time

    from checkin.store.checkpoint import Checkpointer, wal_state
    from checkin.store.db import make_database

    path = str(tmp_path / "rush.sqlite3")
    db = make_database(path, station=True)
    db.connect()
    db.execute_sql("CREATE TABLE scan (id INTEGER PRIMARY KEY, at REAL, note TEXT)")
    db.execute_sql("CREATE INDEX scan_at ON scan (at)")
    checkpointer = Checkpointer(lambda: make_database(path), path, hard=300, poll=0.02).start()
    try:
        largest = 0
        until = time.monotonic() + 2.0
        while time.monotonic() < until or checkpointer.restarts < 2:
            with db.atomic("IMMEDIATE"):
                db.execute_sql("INSERT INTO scan (at, note) VALUES (?, ?)", (time.time(), "x" * 200))
            largest = max(largest, wal_state(path).frames)
            time.sleep(0.0005)         # a scan's own work between two commits
            assert time.monotonic() < until + 20, "the log was never restarted"
        commits = db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0]
    finally:
        checkpointer.stop()
    assert checkpointer.restarts >= 2
    # Each commit writes at least two frames: without restarts the log would hold them all.
    assert commits * 2 > 3 * largest
    # The file is reused from its start after each restart, not grown.
    page = int(db.execute_sql("PRAGMA page_size").fetchone()[0])
    assert os.path.getsize(path + "-wal") <= 32 + (largest + 1) * (24 + page)
    assert db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0] == commits   # nothing lost
    db.close()


def test_a_reader_holding_the_old_log_makes_the_restart_wait_longer_each_time(tmp_path):
    """The restart holds the write lock while it waits for readers: with a long reader open it must
    not try again at every poll, or every scan would wait behind it."""
    import time

    from checkin.store.checkpoint import RESTART_TRIES, Checkpointer, wal_state
    from checkin.store.db import make_database

    path = str(tmp_path / "export.sqlite3")
    db = make_database(path, station=True)
    db.connect()
    db.execute_sql("CREATE TABLE scan (id INTEGER PRIMARY KEY, note TEXT)")
    reader = make_database(path)
    reader.connect()
    reader.execute_sql("BEGIN")
    reader.execute_sql("SELECT COUNT(*) FROM scan").fetchone()     # an export's snapshot, held
    checkpointer = Checkpointer(lambda: make_database(path), path, hard=50, poll=0.02).start()
    try:
        until = time.monotonic() + 1.5
        while time.monotonic() < until:
            with db.atomic("IMMEDIATE"):
                db.execute_sql("INSERT INTO scan (note) VALUES (?)", ("x" * 200,))
        held_up = checkpointer.restarts_held_up
        # A few tries, then 1 s and 2 s apart: not at every one of the ~30 polls.
        assert RESTART_TRIES <= held_up <= RESTART_TRIES + 2 and checkpointer.restarts == 0
        reader.execute_sql("COMMIT")
        until = time.monotonic() + 10
        while checkpointer.restarts == 0 and time.monotonic() < until:
            with db.atomic("IMMEDIATE"):
                db.execute_sql("INSERT INTO scan (note) VALUES (?)", ("y",))
            time.sleep(0.005)
        assert checkpointer.restarts >= 1                          # the reader gone, the log restarts
        assert wal_state(path).frames < 50 + 200
    finally:
        checkpointer.stop()
        reader.close()
        db.close()


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
