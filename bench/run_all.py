"""Every bench in one run: each runs as its own process, its figures are gathered into one table
and written with the machine they were measured on to bench/results.json.

A bench that fails, times out, or cannot run here (it exits with figures.SKIPPED, or the
environment variable it needs is unset) is listed as skipped with a one-line reason; the others
still run (the exit code is 1 if any failed). Each bench's own printout is shown as it runs.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py [--quick] [--only NAME ...] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from figures import SKIPPED  # noqa: E402


@dataclass(frozen=True)
class Bench:
    name: str                          # bench/<name>.py
    quick: tuple[str, ...] = ()        # arguments for a smoke run with --quick
    needs_env: str = ""                # skipped unless this environment variable is set


# One line per bench; each takes `--json PATH` and writes its figures with bench/figures.py.
BENCHES = [
    Bench("floor", ("--attendees", "2000", "--audit-rows", "20000", "--scans", "200")),
    Bench("scan_latency", ("--attendees", "2000", "--audit-rows", "20000", "--scans", "200")),
    Bench("card_latency", ("--attendees", "2000", "--scans", "40", "--audit-rows", "20000")),
    Bench("door_latency", ("--attendees", "2000")),
    Bench("search_speed", ("--attendees", "2000", "--queries", "200")),
    Bench("badge_speed", ("--badges", "100", "--singles", "10")),
    Bench("import_speed", ("--rows", "2000", "--repeat", "1")),
    Bench("cold_start", ("--runs", "2")),
    Bench("pg_door", ("--per-station", "40", "--attendees", "2000"), needs_env="CHECKIN_TEST_PG"),
    Bench("replica_sync", ("--attendees", "2000"), needs_env="CHECKIN_TEST_PG"),
    Bench("dashboard_refresh", ("--attendees", "2000", "--scans", "10000", "--repeat", "5")),
    Bench("kiosk", ("--attendees", "300", "--people", "10"), needs_env="CHECKIN_TEST_PRINTER"),
]


@dataclass
class Outcome:
    bench: Bench
    seconds: float
    figures: dict          # label -> {"value": number, "unit": str}
    settings: dict
    skipped: str = ""      # why there are no figures; empty when the bench ran
    failed: bool = False   # it broke or timed out, rather than could not run here
    keys: dict | None = None   # fixed names (floor_desk_p99_ms, …) -> number


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_bench(bench: Bench, *, quick: bool, timeout: float, quiet: bool) -> Outcome:
    script = BENCH / f"{bench.name}.py"
    if not script.exists():
        return Outcome(bench, 0.0, {}, {}, f"bench/{script.name} is not there yet")
    if bench.needs_env and not os.environ.get(bench.needs_env):
        return Outcome(bench, 0.0, {}, {}, f"{bench.needs_env} is not set")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        command = [sys.executable, str(script), "--json", str(out), *(bench.quick if quick else ())]
        if not quiet:
            print(f"\n== {bench.name}: {' '.join(command[1:])}", flush=True)
        start = time.perf_counter()
        try:
            done = subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, text=True,
                                  stdout=subprocess.DEVNULL if quiet else None, stderr=subprocess.PIPE)
        except subprocess.TimeoutExpired:
            return Outcome(bench, time.perf_counter() - start, {}, {}, f"timed out after {timeout:.0f} s", True)
        seconds = time.perf_counter() - start
        if done.returncode == SKIPPED:
            return Outcome(bench, seconds, {}, {}, last_line(done.stderr) or "skipped by the bench")
        if done.returncode != 0:
            if not quiet:
                sys.stderr.write(done.stderr)
            return Outcome(bench, seconds, {}, {},
                           f"failed (exit {done.returncode}): {last_line(done.stderr) or 'no message'}", True)
        if not out.exists():
            return Outcome(bench, seconds, {}, {}, "wrote no figures (does it take --json?)", True)
        document = json.loads(out.read_text(encoding="utf-8"))
        return Outcome(bench, seconds, document["figures"], document.get("settings", {}), keys=document.get("keys", {}))


def machine() -> dict:
    return {"platform": platform.platform(), "machine": platform.machine(), "processor": platform.processor(),
            "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def shown(value: float, unit: str) -> str:
    if isinstance(value, int) or float(value).is_integer():
        number = f"{value:,.0f}"
    elif abs(value) >= 100:
        number = f"{value:,.0f}"
    elif abs(value) >= 10:
        number = f"{value:.1f}"
    else:
        number = f"{value:.2f}"
    return f"{number} {unit}"


def table(outcomes: list[Outcome]) -> str:
    rows = [("what", "figure", "bench")]
    for outcome in outcomes:
        if outcome.skipped:
            rows.append((f"skipped: {outcome.skipped}", "-", outcome.bench.name))
        for label, figure in outcome.figures.items():
            rows.append((label, shown(figure["value"], figure["unit"]), outcome.bench.name))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]}" for row in rows]
    lines.insert(1, "-" * (sum(widths) + 4))
    return "\n".join(lines)


# Each key beside what it is measured against: the floor measured in the same run (a key), or
# the goal (a number). The README's table is this, filled in.
AGAINST = {
    "desk_scan_fresh_p50_ms": "floor_desk_p50_ms", "desk_scan_fresh_p99_ms": "floor_desk_p99_ms",
    "door_admit_p50_ms": "floor_door_p50_ms", "door_admit_p99_ms": "floor_door_p99_ms",
    "card_p99_ms": 16.7, "import_20k_s": 2.0, "pg_admits_per_s": 400.0, "pg_admit_p99_ms": 50.0,
    "pg_overbooked": 0, "replica_one_change_ms": 50.0, "replica_one_change_worst_ms": 50.0,
}


def key_table(keys: dict) -> str:
    """Markdown: each key figure, its floor (or goal) and the ratio."""
    lines = ["| figure | value | floor / goal | ratio |", "| --- | --- | --- | --- |"]
    for key in sorted(keys):
        value, against = keys[key], AGAINST.get(key)
        base = keys.get(against) if isinstance(against, str) else against
        ratio = f"{value / base:.2f}×" if isinstance(base, (int, float)) and base else "–"
        shown_base = "–" if base is None else (f"{base:g} ({against})" if isinstance(against, str) else f"goal {base:g}")
        lines.append(f"| `{key}` | {value:g} | {shown_base} | {ratio} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every bench")
    ap.add_argument("--only", action="append", metavar="NAME", choices=[b.name for b in BENCHES],
                    help="run only this bench (repeat for more)")
    ap.add_argument("--out", default=str(BENCH / "results.json"), help="where to write the JSON")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds a bench may take")
    ap.add_argument("--quiet", action="store_true", help="hide each bench's own printout")
    args = ap.parse_args()

    started = datetime.now(timezone.utc)
    host = machine()
    chosen = [b for b in BENCHES if not args.only or b.name in args.only]
    outcomes = [run_bench(b, quick=args.quick, timeout=args.timeout, quiet=args.quiet) for b in chosen]
    host["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    print()
    print(table(outcomes))
    print(f"\n{host['platform']}, {host['cpu_count']} CPUs, Python {host['python']}; load average "
          f"{host['load_average_at_start'][0]} at start, {host['load_average_at_end'][0]} at end"
          f"{'; quick sizes' if args.quick else ''}")
    keys = {k: v for o in outcomes for k, v in (o.keys or {}).items()}
    print("\n" + key_table(keys))
    results = {"date": started.isoformat(timespec="seconds"), "quick": args.quick, "machine": host, **keys,
               "benches": [{"name": o.bench.name, "status": "failed" if o.failed else "skipped" if o.skipped else "ran",
                            "reason": o.skipped, "seconds": round(o.seconds, 1), "settings": o.settings,
                            "figures": o.figures} for o in outcomes]}
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 1 if any(o.failed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
