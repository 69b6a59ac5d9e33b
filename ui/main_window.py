"""The station window: the views the signed-in role may use, and a status bar that says where we are."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

from checkin.stations.changes import Changes

SYNC_SECONDS = 5
# The one poll left: what other stations changed (this station's own changes arrive as notices).
OTHERS_SECONDS = 15


class MainWindow(QMainWindow):
    # (Changes, initiator): what an operation changed, or "other stations" from the slow poll. The
    # station emits it on the database thread; Qt delivers it here, on the window's.
    changed = Signal(object, object)
    # The person at the station is leaving (Ctrl+L): the app closes this window and asks who is next.
    sign_out_requested = Signal()

    def __init__(self, runner, station, views: list[tuple[str, object]], *, database_label: str,
                 counts=None, parent=None):
        super().__init__(parent)
        self.runner, self.station, self.counts = runner, station, counts
        self._title = f"Forum Check-in — {station.name} — {station.staff.name} ({station.staff.role})"
        self.setWindowTitle(self._title)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("views")
        for title, view in views:
            self.tabs.addTab(view, title)
        self.setCentralWidget(self.tabs)
        self._when_closed: list = []
        self.sign_out_action = QAction("Sign out / switch user", self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+L"))
        self.sign_out_action.setStatusTip(f"Sign {station.staff.name} out; the next person signs in")
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.menuBar().addMenu("&Station").addAction(self.sign_out_action)
        bar = self.statusBar()
        settings = station.settings
        self.status_station = QLabel(f"Station: {station.name}")
        self.status_staff = QLabel(f"Staff: {station.staff.name} ({station.staff.role})")
        self.status_db = QLabel(f"Database: {database_label}")
        self.status_printer = QLabel(f"Printer: {settings.printer_queue or 'none'} ({settings.badge_format})")
        self.status_counts = QLabel("")
        self.status_connection = QLabel("")
        self.status_failure = QLabel("")    # the last background refresh that failed, until one works
        for w, name in ((self.status_failure, "failure"), (self.status_connection, "connection"),
                        (self.status_station, "station"), (self.status_staff, "staff"), (self.status_db, "database"),
                        (self.status_printer, "printer"), (self.status_counts, "counts")):
            w.setAccessibleName(name)
            bar.addPermanentWidget(w)
        runner.background_failed.connect(self.show_failure)
        self.changed.connect(self._on_changed)
        self._notify = self.changed.emit
        station.on_change = self._notify
        self._others = QTimer(self)
        self._others.setInterval(OTHERS_SECONDS * 1000)
        self._others.timeout.connect(self.poll_others)
        self._others.start()
        if counts is not None:
            self.refresh_counts()
        # On a shared server: the copy is refreshed (or the server retried and the queue replayed)
        # every few seconds, and the bar says at once when the station is working offline.
        self._ticking = False   # a switch (tick) waits on the database thread
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_SECONDS * 1000)
        self._sync_timer.timeout.connect(self.sync)
        if station.connection_status() is not None:
            self._sync_timer.start()
            runner.idle.connect(self.show_connection)
            self.show_connection()

    def show_place(self, run_code: str) -> None:
        """A door's window names the session it admits to (the taskbar, and whoever glances at it)."""
        self.setWindowTitle(f"{self._title} — session {run_code}" if run_code else self._title)

    def poll_others(self) -> None:
        """Other desks and doors change counts and rooms too: everything is treated as changed."""
        self.changed.emit(Changes.everything(), "other stations")

    @Slot(object, object)
    def _on_changed(self, changes: Changes, initiator) -> None:
        """Each part refreshes only if what it shows changed; views with `vm.on_changed` decide theirs."""
        if self.counts is not None and (changes.checkins or changes.attendees):
            self.refresh_counts()
        for index in range(self.tabs.count()):
            handler = getattr(getattr(self.tabs.widget(index), "vm", None), "on_changed", None)
            if handler is not None:
                handler(changes, initiator)

    def sync(self) -> None:
        """The copy's thread refreshes the copy (online) or asks whether the server is back
        (offline); only when the station must switch does the database thread get a job."""
        status = self.station.connection_status()   # from memory
        if status is None:
            return
        if not self.runner.copying:
            self.runner.submit_copy(self.station.refresh_copy, self._refreshed, self.runner.background_error("sync"))
        if not status.offline:
            # Once a minute at most (the core keeps time); queued behind scans, never skipped.
            self.runner.submit(self.station.anchor, None, self.runner.background_error("audit anchor"))

    def _refreshed(self, status) -> None:
        if status is not None and status.retry:
            self._tick()
            return
        self._show_synced()

    def _tick(self) -> None:
        # Not skipped when other jobs are in flight: a door's own 5 s poll would otherwise be
        # in flight at every tick and the station would never come back online.
        if self._ticking:
            return
        self._ticking = True
        self.runner.submit(self.station.sync, self._synced, self._tick_failed)

    def _tick_failed(self, error) -> None:
        self._ticking = False
        self.runner.background_error("sync")(error)

    def _synced(self, _status) -> None:
        self._ticking = False
        self._show_synced()

    def _show_synced(self) -> None:
        self._clear_failure("sync")
        self.show_connection()

    def show_failure(self, what: str, when, error) -> None:
        """The status bar says what failed and when; the station log has the traceback."""
        self.status_failure.setText(f"{what.capitalize()} failed at {when:%H:%M:%S} (see the station log)")
        self.status_failure.setProperty("what", what)
        self.status_failure.setStyleSheet("color: #b00020;")

    def _clear_failure(self, what: str) -> None:
        if self.status_failure.property("what") == what:
            self.status_failure.setText("")
            self.status_failure.setProperty("what", None)

    def show_connection(self) -> None:
        status = self.station.connection_status()   # from memory, no query
        if status is None:
            return
        self.status_connection.setText(status.label)
        self.status_connection.setStyleSheet("color: #b00020; font-weight: bold;" if status.offline else "")

    def refresh_counts(self) -> None:
        if self.runner.in_flight > 2:
            return  # the station is busy scanning: counts can wait
        self.runner.submit(self.counts, self._show_counts, self.runner.background_error("counts"))

    def _show_counts(self, counts: dict) -> None:
        self._clear_failure("counts")
        self.status_counts.setText(f"Checked in: {counts['checked_in']} / {counts['attendees']}")

    def when_closed(self, undo) -> None:
        """Something wired to this window from outside (the scan catcher, the camera) that must end with it."""
        self._when_closed.append(undo)

    def closeEvent(self, event) -> None:  # noqa: N802
        undo, self._when_closed = self._when_closed, []
        for step in undo:
            step()
        self._others.stop()
        self._sync_timer.stop()
        if self.station.on_change is self._notify:
            self.station.on_change = None
        self.runner.wait()   # let a check-in that is being written finish
        super().closeEvent(event)
