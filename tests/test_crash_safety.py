"""Kill a desk with SIGKILL at random moments: every acknowledged check-in survives, the log verifies."""

import csv
import os
import random
import selectors
import signal

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, cipher_connect

CHILD = Path(__file__).resolve().parent / "crash_child.py"
PEOPLE = 5000
KILLS = 12
STARTUP_SECONDS = 120   # a loaded machine: the child's first acknowledgement may take long; never forever


@pytest.fixture
def crash_db(tmp_path):
    from checkin.store.schema import open_database
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.staff import add_staff

    path = tmp_path / "crash.sqlite3"
    db = open_database(str(path))
    spec_file = tmp_path / "crash-event.toml"
    spec_file.write_text((FIXTURES / "mini-event.toml").read_text(encoding="utf-8")
                         .replace('code = "mini-2025"', 'code = "crash-2025"'), encoding="utf-8")
    (tmp_path / "mini-policy.md").write_text((FIXTURES / "mini-policy.md").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    save_event(read_event_file(spec_file))
    people = tmp_path / "people.csv"
    with people.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["registration_id", "given_name", "family_name", "role"])
        for i in range(PEOPLE):
            w.writerow([f"K-{i:04}", "Person", f"Number {i}", "delegate"])
    assert import_attendees(people, event=get_event("crash-2025")).created == PEOPLE
    add_staff("Desk", "organiser", "314159", by=None)
    db.close()
    return path


def test_acknowledged_check_ins_survive_sigkill(crash_db):
    rnd = random.Random(20251118)
    pending = [f"K-{i:04}" for i in range(PEOPLE)]
    acknowledged: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    starts = 0
    while pending and kills < KILLS:
        starts += 1
        assert starts <= KILLS * 3, f"only {kills} kills in {starts - 1} starts of the desk"
        child = subprocess.Popen([sys.executable, str(CHILD), str(crash_db), *pending], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=env)
        deadline = None   # set at the first acknowledgement: the desk got going, however slow its start
        with selectors.DefaultSelector() as waiting:
            waiting.register(child.stdout, selectors.EVENT_READ)
            while True:
                left = STARTUP_SECONDS if deadline is None else deadline - time.monotonic()
                if left <= 0 or not waiting.select(left):
                    break
                line = child.stdout.readline()
                if not line:
                    break   # the child ended on its own
                if line.startswith("ACK "):   # only an acknowledgement counts, never a stray line
                    acknowledged.add(line.split()[1])
                    if deadline is None:   # then a random moment mid-stream
                        deadline = time.monotonic() + rnd.uniform(0.05, 1.0)
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Whatever it printed before dying was acknowledged too.
        acknowledged.update(line.split()[1] for line in child.stdout.read().splitlines() if line.startswith("ACK "))
        errors = child.stderr.read()
        # Killed by us, or done with everyone; any other ending is the desk failing: say why, don't retry.
        assert child.returncode in (-signal.SIGKILL, 0), f"the desk exited with {child.returncode}: {errors[-2000:]}"
        kills += child.returncode == -signal.SIGKILL
        pending = [reg for reg in pending if reg not in acknowledged]
    assert kills >= KILLS // 2, "the desk finished before it could be killed often enough"
    assert acknowledged, "nothing was acknowledged: the child never got going"

    con = cipher_connect(crash_db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {reg for (reg,) in con.execute(
        "SELECT a.registration_id FROM check_in c JOIN attendee a ON a.id = c.attendee_id "
        "WHERE c.annulled_at IS NULL")}
    con.close()
    assert acknowledged <= stored, sorted(acknowledged - stored)[:5]

    from checkin.store.audit import verify
    from checkin.store.schema import open_database

    db = open_database(str(crash_db))
    try:
        report = verify()
        assert report.ok, report
        assert report.entries >= len(stored)
    finally:
        db.close()
