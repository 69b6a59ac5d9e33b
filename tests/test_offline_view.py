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
