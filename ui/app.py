"""Starting the station: build the core services, the runner and the views in one place."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path

from platformdirs import user_config_dir
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from checkin.errors import PassphraseNeeded
from checkin.stations.log import start_station_log
from checkin.stations.opening import OpenedDatabase, database_label, open_station
from checkin.paths import assets_dir
from checkin.badges.printing import PrintError, list_queues
from checkin.staff import StaffMember, authenticate
from checkin.stations.station import Station, StationSettings, load_settings, save_settings
from ui.camera import FrameDecoder, start_camera
from ui.console.safeguarding import FocalPointView, FocalPointViewModel
from ui.delegation import attach_delegation
from ui.desk import DeskView, DeskViewModel
from ui.door import DoorView, DoorViewModel
from ui.fonts import load_bundled_fonts
from ui.main_window import MainWindow
from ui.runner import JobRunner
from ui.scanner import ScanCatcher
from ui.signin import SignInDialog
from ui.sounds import Sounds

log = logging.getLogger("checkin.window")


def settings_path() -> Path:
    return Path(user_config_dir("forum-checkin", appauthor=False)) / "station.json"


def build_window(runner, station: Station, *, database_url: str, sounds: Sounds, catcher: ScanCatcher,
                 badge_printer=None, queues: list[str] | None = None) -> MainWindow:
    """The views the signed-in person's rights open: the desk, a door, the organiser console."""
    views = []
    if station.staff.can("scan"):
        desk_vm = DeskViewModel(runner, station, badge_printer=badge_printer)
        desk_vm.outcome_shown.connect(sounds.play_outcome)
        desk_view = DeskView(desk_vm)
        attach_delegation(desk_view, runner, station,
                          print_badges=station.print_badges if station.settings.printer_queue else None)
        views.append(("Desk", desk_view))
    if station.staff.can("door"):
        door_vm = DoorViewModel(runner, station)
        door_vm.outcome_shown.connect(sounds.play_outcome)
        door_view = DoorView(door_vm)
        views.append(("Door", door_view))
        door_vm.load_runs()
    if station.staff.can("where"):   # the safeguarding focal point, and organisers
        focal = FocalPointViewModel(runner, station)
        views.append(("Young people", FocalPointView(focal)))
        focal.load()
    if station.staff.can("console"):
        from ui.console import console_views

        views += console_views(runner, station, queues=queues)
    window = MainWindow(runner, station, views, database_label=database_label(database_url), counts=station.counts)
    if station.settings.kind == "door" and station.staff.can("door"):
        window.tabs.setCurrentIndex([title for title, _ in views].index("Door"))   # a door station opens on its door
        door_vm.state_changed.connect(lambda state: window.show_place(state.run_code))

    def route(token: str) -> None:
        _route_scan(window, token)

    def held(_token: str) -> None:
        _scan_held(window, sounds)

    catcher.scanned.connect(route)
    catcher.held.connect(held)
    window.when_closed(lambda: catcher.scanned.disconnect(route))   # after sign-out, scans go to the next window
    window.when_closed(lambda: catcher.held.disconnect(held))
    window.resize(1280, 800)
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is not None and (screen.width() < 1280 or screen.height() < 800):
        window.resize(min(1280, screen.width()), min(800, screen.height()))   # a 1366x768 laptop
    return window


def _route_scan(window: MainWindow, token: str) -> None:
    """A scan goes to the view on screen: the desk checks in, a door admits."""
    view = window.tabs.currentWidget()
    if hasattr(view, "vm") and hasattr(view.vm, "scan"):
        view.vm.scan(token)


def _scan_held(window: MainWindow, sounds: Sounds) -> None:
    """A scan came while a dialog was open: it waits, and the dialog still acts on its own person."""
    sounds.play_outcome("held")
    window.statusBar().showMessage("Scan held: it is handled when this dialog closes", 8000)


def _open_asking_passphrase(db_url: str | None, station_name: str, demo: bool) -> OpenedDatabase | None:
    """Open the station's database; an encrypted one without CHECKIN_DB_KEY asks for its passphrase."""
    passphrase, why = None, ""
    for _ in range(4):
        try:
            return open_station(db_url, station_name=station_name, demo=demo, passphrase=passphrase)
        except PassphraseNeeded as exc:
            why = str(exc) if passphrase else ""
        passphrase, ok = QInputDialog.getText(None, "Forum Check-in", (why + "\n\n" if why else "")
                                              + "The station's database is encrypted. Passphrase:",
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return None
    return None


def run_app(db_url: str | None = None, *, demo: bool = False, screenshot_dir: str | None = None,
            station_name: str | None = None, kiosk: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Forum Check-in")
    icon = assets_dir() / "icons" / "checkin.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    load_bundled_fonts(app)
    if screenshot_dir:
        from ui.screenshots import render_screenshots

        return render_screenshots(Path(screenshot_dir))
    settings = load_settings(settings_path())
    if station_name:
        settings = replace(settings, station_name=station_name)
    start_station_log(settings.station_name)
    # Before any window exists: open (or migrate) the database, and on a shared server this
    # station's offline copy; the demo is loaded here when asked for.
    opened = _open_asking_passphrase(db_url, settings.station_name, demo)
    if opened is None:
        return 3
    log.info("window opened on %s", opened.label)
    runner = JobRunner(opened.database)
    sounds = Sounds(app)
    catcher = ScanCatcher(app)
    queues = _printer_queues()
    state = {}

    def open_window(member: StaffMember, chosen: StationSettings):
        save_settings(settings_path(), chosen)
        if chosen.station_name != state.get("station_name", settings.station_name):
            start_station_log(chosen.station_name)
        state["station_name"] = chosen.station_name
        log.info("signed in as %s at %s", member.role, chosen.station_name)
        station = opened.station(chosen, member)
        if kiosk:
            from ui.kiosk import open_kiosk   # only a kiosk station loads the kiosk and its translations

            return open_kiosk(runner, station, catcher)
        window = build_window(runner, station, database_url=opened.url, sounds=sounds, catcher=catcher,
                              badge_printer=_badge_printer(station), queues=queues)
        if chosen.use_camera:
            decoder = FrameDecoder(runner, window)
            decoder.scanned.connect(lambda token: _route_scan(window, token))
            camera = start_camera(decoder, window)
            if camera is None:
                window.statusBar().showMessage("No camera found: scan with the USB scanner", 15_000)
            else:
                window.when_closed(camera[0].stop)
        window.show()
        window.raise_()
        window.activateWindow()   # keys (and so scans) go to the window that has focus
        return window

    session = StationSession(runner, settings, queues, catcher=catcher, open_window=open_window)
    if session.ask().exec() != SignInDialog.Accepted:
        return 0
    return app.exec()


class StationSession:
    """Who is at this station. Signing in opens the views the person's rights allow; signing out
    (Ctrl+L) closes them and asks the next person to sign in, on the same database and runner."""

    def __init__(self, runner, settings: StationSettings, queues: list[str], *, catcher: ScanCatcher,
                 open_window, authenticate=authenticate):
        self.runner, self.settings, self.queues, self.catcher = runner, settings, queues, catcher
        self.open_window = open_window        # (member, chosen settings) -> the shown window
        self.authenticate = authenticate
        self.window = None
        self.dialog: SignInDialog | None = None

    def ask(self) -> SignInDialog:
        """The sign-in dialog, with this station's last settings; not yet shown."""
        dialog = SignInDialog(self.runner, self.authenticate, self.settings, self.queues)
        dialog.setModal(True)
        dialog.signed_in.connect(self._signed_in)
        self.dialog = dialog
        return dialog

    def _signed_in(self, member: StaffMember, chosen: StationSettings) -> None:
        self.catcher.drop_pending()   # a code scanned at the sign-in screen had no one to go to
        self.settings = chosen
        self.window = self.open_window(member, chosen)
        signal = getattr(self.window, "sign_out_requested", None)
        if signal is not None:
            signal.connect(self.sign_out)

    def sign_out(self) -> None:
        """Close the signed-in person's window (its work finishes first) and ask who is next."""
        window, self.window = self.window, None
        dialog = self.ask()
        dialog.rejected.connect(QApplication.quit)   # no one signs in: the station closes, as at start
        dialog.show()   # before the window closes, so the app does not end with its last window
        if window is not None:
            window.close()
            window.deleteLater()
        dialog.raise_()
        dialog.activateWindow()


def _printer_queues() -> list[str]:
    try:
        return list_queues()
    except PrintError as exc:  # no CUPS on this laptop: the desk works without a printer
        log.warning("no printer queues: %s", exc)
        return []


def _badge_printer(station: Station):
    return station.send_badge if station.settings.printer_queue else None   # the printer edge: render + CUPS
