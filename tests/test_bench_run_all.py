"""bench/run_all.py gathers the benches' figures into one JSON file (a smoke run, small sizes)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_all(tmp_path, *args, env=None):
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick", "--quiet", "--out", str(out),
                           *args], capture_output=True, text=True, timeout=120, env=env)
    return done, json.loads(out.read_text(encoding="utf-8"))


def test_a_quick_search_bench_gives_positive_figures_and_the_machine(tmp_path):
    done, results = run_all(tmp_path, "--only", "search_speed")

    assert done.returncode == 0, done.stderr
    assert results["quick"] is True
    assert results["machine"]["cpu_count"] >= 1 and len(results["machine"]["load_average_at_start"]) == 3
    (bench,) = results["benches"]
    assert bench["name"] == "search_speed" and bench["status"] == "ran"
    assert bench["settings"]["attendees"] == 2000
    figures = bench["figures"]
    assert set(figures) == {f"name search p{p} (2,000 attendees)" for p in (50, 95, 99)} | {
        "index build (2,000 attendees)", "search after a walk-in elsewhere, p50 (2,000 attendees)"}
    for label, figure in figures.items():
        assert figure["unit"] == ("s" if label.startswith("index build") else "ms") and figure["value"] > 0
    assert figures["name search p50 (2,000 attendees)"]["value"] <= figures["name search p99 (2,000 attendees)"]["value"]
    assert "name search p95 (2,000 attendees)" in done.stdout      # the table


def test_a_bench_that_cannot_run_here_is_listed_as_skipped_with_its_reason(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CHECKIN_TEST_PG"}
    done, results = run_all(tmp_path, "--only", "pg_door", env=env)

    assert done.returncode == 0, done.stderr
    (bench,) = results["benches"]
    assert bench["status"] == "skipped" and bench["figures"] == {}
    assert bench["reason"] in ("CHECKIN_TEST_PG is not set", "bench/pg_door.py is not there yet")
    assert f"skipped: {bench['reason']}" in done.stdout
