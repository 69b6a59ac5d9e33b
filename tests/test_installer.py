"""The PyInstaller one-folder build: it builds, answers --version, and its own badge scans back."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_frozen_app_prints_a_badge_that_scans(tmp_path):
    import PyInstaller  # noqa: F401  (a test dependency: its absence is a failure, not a skip)
    import zxingcpp
    from PIL import Image

    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
                            "--workpath", str(work), str(ROOT / "build_installer.spec")],
                           capture_output=True, text=True, cwd=ROOT, timeout=1200)
    assert build.returncode == 0, build.stderr[-2000:]
    frozen = dist / "forum-checkin" / "checkin"
    assert (dist / "forum-checkin" / "_internal" / "assets" / "fonts" / "OFL.txt").is_file()

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CHECKIN_DB", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"

    def run(*args):
        out = subprocess.run([str(frozen), *args], capture_output=True, text=True, env=env, timeout=300,
                             cwd=tmp_path)   # not the checkout: the frozen app must need nothing from it
        assert out.returncode == 0, out.stderr
        return out.stdout

    assert run("--version").startswith("checkin 0.")
    db = str(tmp_path / "frozen.sqlite3")
    assert json.loads(run("--db", db, "demo"))["attendees"]["created"] == 400
    env["CHECKIN_PIN"] = "314159"   # the demo organiser's: codes and badges are personal data
    token = json.loads(run("--db", db, "attendees", "token", "AIF-0002", "--staff", "organiser"))["token"]
    run("--db", db, "badge", "AIF-0002", "-o", str(tmp_path / "badge.pdf"), "--format", "a6", "--staff", "organiser")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / "badge.pdf"),
                    str(tmp_path / "page")], check=True)
    [page] = sorted(tmp_path.glob("page-*.png"))
    decoded = {r.text for r in zxingcpp.read_barcodes(Image.open(page).convert("RGB"))}
    assert decoded == {token}
    size_mb = sum(p.stat().st_size for p in (dist / "forum-checkin").rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    print(f"one-folder build: {size_mb:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)
