"""The station under real key events: an X server (Xvfb), the real app window, scans typed by xdotool.

`xdotool type` sends what a keyboard-mode USB scanner sends: a Shift press and release around every
capital, keys a few milliseconds apart, an Enter (or nothing) at the end. The app runs in its own
process on the X display with Qt's xcb platform, exactly as `checkin app` starts at a desk; every
test reads the answer from the core's record (the database the app wrote), not from the screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from services import unavailable

ROOT = Path(__file__).resolve().parent.parent
XVFB, XDOTOOL = shutil.which("Xvfb"), shutil.which("xdotool")
SCANNER_DELAY_MS = "5"     # a scanner's keys: a few ms apart
PERSON_DELAY_MS = "120"    # a person at the search box
# Demo people (the committed demo list): adults who agreed to the policy at registration.
PHAM_THI_LAN, TAN_JUN_JIE, PHAM_HUU_PHUOC, PHAM_DINH_KHOA, CHUA_JUN_JIE = (
    "AIF-0005", "AIF-0004", "AIF-0132", "AIF-0164", "AIF-0003")
IN_C1 = ("AIF-0020", "AIF-0026", "AIF-0028", "AIF-0029")     # registered for workshop C1
NOT_IN_C1 = ("AIF-0006", "AIF-0009")


@pytest.fixture(scope="module")
def display():
    if not (XVFB and XDOTOOL):
        unavailable("Xvfb and xdotool are missing (bash .ci/setup installs them): real key events need an X server")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([XVFB, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as f:
        number = f.readline().strip()   # Xvfb picks a free display and says which
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo event in its own SQLite file. Its clock shift starts workshop C1 twenty minutes
    before the load time; loaded "25 minutes from now", C1 starts in five: its doors are open and
    its seats are still kept for those registered (an organiser's override is needed for others)."""
    path = tmp_path_factory.mktemp("real-keys") / "demo.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "CHECKIN_DB"}
    env["PYTHONPATH"] = str(ROOT)
    at = (datetime.now(timezone.utc) + timedelta(minutes=25)).isoformat(timespec="seconds")
    done = subprocess.run([sys.executable, "-m", "ui", "demo", "--db", str(path), "--at", at], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return path


class Record:
    """The core's record of what the app did, read through checkin/ from the app's database."""

    def __init__(self, path: Path):
        from checkin.store.schema import open_database

        self.database = open_database(str(path))

    def token(self, registration_id: str) -> str:
        from checkin.attendees import find, token_for
        from checkin.events.service import get_event

        return token_for(find(get_event(None), registration_id))

    def checked_in(self) -> set[str]:
        from checkin.store.models import Attendee, CheckIn

        return {reg for (reg,) in CheckIn.select(Attendee.registration_id).join(Attendee)
                .where(CheckIn.annulled_at.is_null()).tuples()}

    def admitted(self) -> dict[str, tuple[str, str]]:
        """registration id -> (session run, override reason) of every admission at a door."""
        from checkin.store.models import Attendee, DoorScan, Session

        rows = (DoorScan.select(Attendee.registration_id, Session.code, Session.run, DoorScan.override_reason)
                .join(Attendee).switch(DoorScan).join(Session)
                .where((DoorScan.outcome == "admitted") & DoorScan.annulled_at.is_null()).tuples())
        return {reg: (code if run == 1 else f"{code}/{run}", reason) for reg, code, run, reason in rows}

    def door_outcomes(self, registration_id: str) -> list[str]:
        from checkin.store.models import Attendee, DoorScan

        return [o for (o,) in DoorScan.select(DoorScan.outcome).join(Attendee)
                .where(Attendee.registration_id == registration_id).order_by(DoorScan.id).tuples()]

    def check_in_at_desk(self, *registration_ids: str) -> None:
        from checkin.desk.service import check_in_by_id
        from checkin.events.service import get_event
        from checkin.staff import StaffMember

        for reg in registration_ids:
            result = check_in_by_id(reg, event=get_event(None), station="Desk 1", staff=StaffMember("desk", "desk"))
            assert result.outcome in ("checked_in", "already_checked_in"), result

    def close(self) -> None:
        self.database.close()


def wait_for(what, timeout: float = 20.0):
    """Poll the record until the app has written what we expect (the app works on its own thread)."""
    end = time.monotonic() + timeout
    while True:
        value = what()
        if value or time.monotonic() > end:
            return value
        time.sleep(0.05)


class StationApp:
    """`checkin app --db … --station …` on the X display, signed in as a person would."""

    def __init__(self, display: str, db_path: Path, home: Path, station: str):
        self.env = {k: v for k, v in os.environ.items() if k not in ("CHECKIN_DB", "QT_QPA_PLATFORM")}
        self.env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT),
                        XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
        self.log = (home / "app.log").open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "ui", "app", "--db", str(db_path), "--station", station],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT)

    def xdo(self, *args: str) -> str:
        done = subprocess.run([XDOTOOL, *args], env=self.env, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr}"
        return done.stdout

    def sign_in(self, name: str, pin: str, title: str) -> None:
        """Sign in at the sign-in window, then wait for the station window whose title says `title`."""
        self.xdo("search", "--sync", "--name", "sign in")
        self.person_types(name)
        self.key("Tab")
        self.person_types(pin)
        self.key("Return")
        window = self.xdo("search", "--sync", "--name", title).split()[0]
        self.xdo("windowfocus", "--sync", window)

    def person_types(self, text: str) -> None:
        self.xdo("type", "--delay", PERSON_DELAY_MS, text)

    def scan(self, code: str, suffix: str | None = "Return") -> None:
        self.xdo("type", "--delay", SCANNER_DELAY_MS, code)
        if suffix:
            self.key(suffix)

    def key(self, *keys: str) -> None:
        self.xdo("key", *keys)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture
def record(demo_db):
    r = Record(demo_db)
    yield r
    r.close()


@pytest.fixture(scope="class")
def desk_app(display, demo_db, tmp_path_factory):
    app = StationApp(display, demo_db, tmp_path_factory.mktemp("desk-home"), "Desk 1")
    app.sign_in("organiser", "314159", title="Desk 1 — organiser")
    yield app
    app.close()


@pytest.fixture(scope="class")
def door_app(display, demo_db, tmp_path_factory):
    record = Record(demo_db)
    record.check_in_at_desk(*IN_C1, *NOT_IN_C1)   # the door lets in only people checked in at the desk
    record.close()
    app = StationApp(display, demo_db, tmp_path_factory.mktemp("door-home"), "Door C1")
    # The door's window names its session once the run list is loaded: then it is ready to scan.
    app.sign_in("organiser", "314159", title="session C1")
    yield app
    app.close()


class TestDesk:
    """One desk window (each app is closed before the next opens: one window has the keyboard)."""

    def test_capitals_typed_with_shift_are_one_scan(self, desk_app, record):
        desk_app.scan(record.token(PHAM_HUU_PHUOC))
        assert wait_for(lambda: PHAM_HUU_PHUOC in record.checked_in())


    def test_a_scanner_without_enter_is_ended_by_the_quiet_gap(self, desk_app, record):
        desk_app.scan(record.token(PHAM_DINH_KHOA), suffix=None)
        assert wait_for(lambda: PHAM_DINH_KHOA in record.checked_in())


    def test_a_scanner_that_stalls_mid_code_for_60_ms_is_still_one_scan(self, desk_app, record):
        code = record.token(CHUA_JUN_JIE)
        desk_app.xdo("type", "--delay", SCANNER_DELAY_MS, code[:60])
        time.sleep(0.06)   # the stall itself (the input, not a wait for the app)
        desk_app.scan(code[60:])
        assert wait_for(lambda: CHUA_JUN_JIE in record.checked_in())


    def test_a_scan_with_a_name_in_the_search_box_checks_in_the_scanned_person(self, desk_app, record):
        desk_app.key("Escape")
        desk_app.key("ctrl+f")
        desk_app.person_types("Tan Jun")   # the top hit would be Tan Jun Jie
        desk_app.scan(record.token(PHAM_THI_LAN))
        assert wait_for(lambda: PHAM_THI_LAN in record.checked_in())
        # The scan's Enter did not reach the search box: the top hit was not checked in.
        desk_app.scan(record.token(PHAM_HUU_PHUOC))   # a later scan: the desk has handled everything before it
        assert wait_for(lambda: len(record.checked_in()) >= 4)
        assert TAN_JUN_JIE not in record.checked_in()


class TestDoor:
    """One door window, "Door C1": it opens on workshop C1, which the demo runs now."""

    def test_a_scan_with_the_session_list_focused_keeps_the_door_on_its_session(self, door_app, record):
        door_app.key("alt+s")   # focus in the session picker, whose typed letters pick a session
        door_app.scan(record.token(IN_C1[0]))
        assert wait_for(lambda: IN_C1[0] in record.admitted())
        door_app.key("alt+Down")   # the picker's list open
        door_app.scan(record.token(IN_C1[1]))
        assert wait_for(lambda: IN_C1[1] in record.admitted())
        door_app.key("Escape")
        admitted = record.admitted()
        assert admitted[IN_C1[0]] == ("C1", "") and admitted[IN_C1[1]] == ("C1", "")


    def test_a_scan_behind_the_override_dialog_does_not_change_who_is_overridden(self, door_app, record):
        refused, other = NOT_IN_C1[0], IN_C1[2]
        door_app.key("Escape")
        door_app.scan(record.token(refused))           # not registered for C1: refused, an organiser may override
        assert wait_for(lambda: record.door_outcomes(refused) == ["not_registered"])
        door_app.key("F7")
        door_app.xdo("search", "--sync", "--name", "Organiser approval")
        door_app.scan(record.token(other))             # someone else's badge, while the PIN is being asked for
        door_app.person_types("314159")
        door_app.key("Tab")
        door_app.person_types("speaker's assistant")
        door_app.key("Return")
        assert wait_for(lambda: {refused, other} <= set(record.admitted()))
        admitted = record.admitted()
        assert admitted[refused] == ("C1", "speaker's assistant")   # the override went to the refused person
        assert admitted[other] == ("C1", "")                        # the held scan was handled on its own
