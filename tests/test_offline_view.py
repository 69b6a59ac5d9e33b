"""The station window says when it works offline, and how many scans wait for the server."""

from __future__ import annotations

import pytest

from pg_server import own_pg_server  # noqa: E402,F401 (fixture)
from test_offline import _load_server, _station, _tokens  # noqa: E402
from ui.desk import DeskView, DeskViewModel  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.runner import JobRunner  # noqa: E402


def test_status_bar_shows_offline_and_the_queue_then_online_again(qtbot, qapp, own_pg_server, tmp_path):  # noqa: F811
    _load_server(own_pg_server.url)
    tokens = _tokens(own_pg_server.url)
    station = _station(own_pg_server.url, tmp_path / "desk1.sqlite3", "Desk 1")
    runner = JobRunner(station.connection)
    vm = DeskViewModel(runner, station)
    window = MainWindow(runner, station, [("Desk", DeskView(vm))], database_label="PostgreSQL test",
                        counts=station.counts)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status_connection.text() == "Online", timeout=5000)

    own_pg_server.stop()
    for reg in ("M-001", "M-005"):
        with qtbot.waitSignal(runner.idle, timeout=10000):
            vm.scan(tokens[reg])
    assert vm.state.result.outcome == "needs_safeguarding"   # M-005 agreed to last year's policy: asked again
    qtbot.waitUntil(lambda: window.status_connection.text() == "Offline — 2 scans queued", timeout=5000)

    own_pg_server.start()
    with qtbot.waitSignal(runner.idle, timeout=10000):
        window.sync()
    qtbot.waitUntil(lambda: window.status_connection.text() == "Online", timeout=5000)
    assert station.connection_status().queued == 0
    runner.wait()
    window.close()
    station.connection.close()


def test_a_scan_does_not_wait_behind_the_copy_being_refreshed(qtbot, qapp, loaded, desk_staff, db, db_path, tmp_path,
                                                             monkeypatch):
    """The refresh runs on a thread of its own: held mid-way, a scan still goes through, and the
    refresh, let go, copies that scan too."""
    import threading

    from checkin.attendees import find, token_for
    from checkin.stations import replica
    from test_connection import _station as sqlite_station

    token = token_for(find(loaded, "M-001"))
    db.close()
    station = sqlite_station(db_path, tmp_path / "replica.sqlite3", desk_staff["desk"])
    runner = JobRunner(station.connection)
    vm = DeskViewModel(runner, station)
    window = MainWindow(runner, station, [("Desk", DeskView(vm))], database_label="SQLite test", counts=station.counts)
    qtbot.addWidget(window)
    entered, release = threading.Event(), threading.Event()
    real = replica.sync_down

    def held(*args, **kwargs):
        entered.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(replica, "sync_down", held)
    window.sync()
    assert entered.wait(5)
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.scan(token)
    assert vm.state.result.outcome == "checked_in"
    assert runner.copying and not release.is_set()      # the scan did not wait for the refresh
    release.set()
    qtbot.waitUntil(lambda: not runner.copying, timeout=5000)
    assert station.connection.replica.execute_sql("SELECT COUNT(*) FROM check_in").fetchone()[0] == 1
    runner.wait()
    window.close()
    station.connection.close()


def test_a_door_goes_offline_and_comes_back_by_itself_while_its_occupancy_poll_runs(qtbot, qapp, own_pg_server,  # noqa: F811
                                                                                   tmp_path):
    """Nobody calls anything: the window's timers notice the server gone and back. A door's own
    5 s poll is in flight at every tick of the same period, and must not keep it offline."""
    from ui.door import DoorView, DoorViewModel

    _load_server(own_pg_server.url)
    station = _station(own_pg_server.url, tmp_path / "door1.sqlite3", "Door 1", role="organiser")
    runner = JobRunner(station.connection)
    vm = DoorViewModel(runner, station)
    window = MainWindow(runner, station, [("Door", DoorView(vm))], database_label="PostgreSQL test",
                        counts=station.counts)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status_connection.text() == "Online", timeout=5000)
    own_pg_server.stop()
    qtbot.waitUntil(lambda: window.status_connection.text().startswith("Offline"), timeout=30000)
    own_pg_server.start()
    qtbot.waitUntil(lambda: window.status_connection.text() == "Online", timeout=30000)
    runner.wait()
    window.close()
    station.connection.close()
