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


def test_a_station_that_writes_nothing_is_left_alone_and_a_write_is_copied_back(tmp_path):
    import time

    from checkin.store.checkpoint import Checkpointer
    from checkin.store.db import make_database

    path = str(tmp_path / "quiet.sqlite3")
    db = make_database(path, station=True)
    db.connect()
    db.execute_sql("CREATE TABLE scan (id INTEGER PRIMARY KEY, note TEXT)")
    checkpointer = Checkpointer(lambda: make_database(path), path, poll=0.02).start()
    try:
        time.sleep(0.3)
        first = checkpointer.checkpoints
        assert first >= 1                       # the table's creation was copied back
        time.sleep(0.3)
        assert checkpointer.checkpoints == first   # nothing written since: nothing done
        db.execute_sql("INSERT INTO scan (note) VALUES ('x')")
        until = time.monotonic() + 5
        while checkpointer.checkpoints == first and time.monotonic() < until:
            time.sleep(0.01)
        assert checkpointer.checkpoints == first + 1
    finally:
        checkpointer.stop()
        db.close()


def test_under_writes_that_never_pause_the_wal_is_restarted_and_stays_bounded(tmp_path):
    """A passive checkpoint never catches up with commits that never pause: without a restart the
    log grows with every commit (a rush at the door once reached 148 MB)."""
    import os
    import time

    from checkin.store.checkpoint import Checkpointer
    from checkin.store.db import make_database

    path = str(tmp_path / "rush.sqlite3")
    db = make_database(path, station=True)
    db.connect()
    db.execute_sql("CREATE TABLE scan (id INTEGER PRIMARY KEY, at REAL, note TEXT)")
    db.execute_sql("CREATE INDEX scan_at ON scan (at)")
    checkpointer = Checkpointer(lambda: make_database(path), path, hard=300, poll=0.02).start()
    try:
        until = time.monotonic() + 2.0
        while time.monotonic() < until or checkpointer.restarts < 2:
            with db.atomic("IMMEDIATE"):
                db.execute_sql("INSERT INTO scan (at, note) VALUES (?, ?)", (time.time(), "x" * 200))
            time.sleep(0.0005)         # a scan's own work between two commits
            assert time.monotonic() < until + 20, "the log was never restarted"
        commits = db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0]
    finally:
        checkpointer.stop()
    assert checkpointer.restarts >= 2
    # Each commit writes two pages (the row, its index entry): a log never restarted would hold
    # them all; a restarted one is overwritten from its start, so the file stays far smaller.
    page = int(db.execute_sql("PRAGMA page_size").fetchone()[0])
    assert os.path.getsize(path + "-wal") < commits * 2 * (24 + page) / 3
    db.close()


def test_other_processes_reading_the_file_see_every_commit_while_checkpoints_run(tmp_path):
    """The checkpointer shares the file with SQLite's own locks: a desk's window, the command line
    and a second station open and close the same file, and each must see every commit."""
    import subprocess
    import sys
    import time

    from checkin.store.checkpoint import Checkpointer
    from checkin.store.db import make_database

    path = str(tmp_path / "shared.sqlite3")
    db = make_database(path, station=True)
    db.connect()
    db.execute_sql("CREATE TABLE scan (id INTEGER PRIMARY KEY, note TEXT)")
    checkpointer = Checkpointer(lambda: make_database(path), path, hard=5, poll=0.02).start()
    count = ("import sys\n"
             "from checkin.store.db import make_database\n"
             "db = make_database(sys.argv[1]); db.connect()\n"
             "print(db.execute_sql('SELECT COUNT(*) FROM scan').fetchone()[0])\n"
             "db.close()\n")
    seen = []
    try:
        for round_ in range(4):
            for n in range(40):
                db.execute_sql("INSERT INTO scan (note) VALUES (?)", (f"{round_} {n}",))
                time.sleep(0.002)
            time.sleep(0.1)              # checkpoints run before the other process opens the file
            done = subprocess.run([sys.executable, "-c", count, path], capture_output=True, text=True, timeout=60)
            seen.append(done.stdout.strip() or done.stderr.strip().splitlines()[-1])
    finally:
        checkpointer.stop()
        db.close()
    assert checkpointer.restarts >= 1
    assert seen == ["40", "80", "120", "160"]


def test_while_a_reader_holds_the_old_log_the_restart_waits_for_it_without_holding_scans(tmp_path):
    """The restart holds the write lock while it waits for readers: with a long reader open (an
    export) it is not tried at all, so no scan waits behind it; once the reader ends it is."""
    import time

    from checkin.store.checkpoint import Checkpointer
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

    def write_for(seconds: float, until_restarted: bool = False) -> None:
        until = time.monotonic() + seconds
        while time.monotonic() < until and not (until_restarted and checkpointer.restarts):
            with db.atomic("IMMEDIATE"):
                db.execute_sql("INSERT INTO scan (note) VALUES (?)", ("x" * 200,))
            time.sleep(0.0005)

    try:
        write_for(1.0)
        assert checkpointer.restarts_deferred >= 3 and checkpointer.restarts == 0
        reader.execute_sql("COMMIT")
        write_for(10.0, until_restarted=True)
        assert checkpointer.restarts >= 1                          # the reader gone, the log restarts
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
