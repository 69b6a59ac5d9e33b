"""README's promise: `checkin app --demo --screenshot DIR` renders every main view with nothing set up,
no passphrase in the environment (the demo's databases open with the demo's published one)."""

import os
import subprocess
import sys

from conftest import ROOT


def test_demo_screenshots_need_no_passphrase(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("CHECKIN_DB_KEY", "CHECKIN_DB", "CHECKIN_PIN")}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "ui", "app", "--demo", "--screenshot", str(tmp_path / "shots")],
                          capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    shots = {p.name for p in (tmp_path / "shots").glob("*.png")}
    assert {"desk-checked-in.png", "door-full.png", "console-dashboard.png"} <= shots
