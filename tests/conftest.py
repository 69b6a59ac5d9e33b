import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_EVENT = FIXTURES / "mini-event.toml"
MINI_ATTENDEES = FIXTURES / "mini-attendees.csv"
# 18 Nov 2025, 08:30 in Kuala Lumpur: the mini event's first morning.
EVENT_MORNING = datetime(2025, 11, 18, 0, 30, tzinfo=timezone.utc)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "checkin.sqlite3"


@pytest.fixture
def db(db_path):
    from checkin.store.schema import open_database

    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def event(db):
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event

    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    return get_event("mini-2025")


@pytest.fixture
def loaded(event):
    """The mini event with its five attendees imported."""
    from checkin.imports.importer import import_attendees

    result = import_attendees(MINI_ATTENDEES, event=event, now=EVENT_MORNING)
    assert result.created == 5 and not result.errors
    return event


@pytest.fixture
def desk_staff(db):
    from checkin.staff import add_staff, authenticate

    add_staff("Olivia Organiser", "organiser", "314159", by=None)
    org = authenticate("Olivia Organiser", "314159")
    add_staff("Dara Desk", "desk", "4826", by=org)
    add_staff("Mona Marshal", "marshal", "5937", by=org)
    return {"organiser": org, "desk": authenticate("dara desk", "4826"), "marshal": authenticate("Mona Marshal", "5937")}


# The PINs the fixtures' accounts use (the rules refuse 0000, 1234-style runs and short organiser PINs).
ORGANISER_PIN, DESK_PIN, MARSHAL_PIN = "314159", "4826", "5937"


def run_cli(*args, db_path=None, pin=None, stdin=None, env_extra=None, staff=None):
    """Run the real `checkin` command in a child process, as a user would. `staff=(name, pin)`
    signs the command in (`--staff NAME`, the PIN in CHECKIN_PIN)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CHECKIN_PIN", "CHECKIN_DB")}
    env["PYTHONPATH"] = str(ROOT)
    if staff is not None:
        args = (*args, "--staff", staff[0])
        pin = staff[1]
    if pin is not None:
        env["CHECKIN_PIN"] = pin
    if env_extra:
        env.update(env_extra)
    cmd = [sys.executable, "-m", "ui", *args]
    if db_path is not None:
        cmd += ["--db", str(db_path)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, input=stdin, timeout=120)
