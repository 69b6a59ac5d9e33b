"""The figures a bench measured, as JSON for bench/run_all.py (and anyone comparing runs).

A bench keeps its own printout and, when given `--json PATH`, also writes:
  {"bench": "scan_latency", "settings": {"attendees": 20000, ...},
   "figures": {"desk scan p50, all scans (20,000 attendees, 200,000 audit rows)": {"value": 1.9, "unit": "ms"}}}
Labels say what was measured and at what size, so a figure read on its own still means something.
A bench that cannot run here (no PostgreSQL, say) calls `skip(reason)`: one line on stderr and
exit code SKIPPED, which run_all lists as skipped rather than failed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

# Bench databases are throwaway files encrypted like a station's (SQLCipher). A fixed raw key (x'…')
# skips the passphrase derivation, which a station pays once at start, never per scan; a key the
# caller set wins. Every bench imports this module before it opens a database.
os.environ.setdefault("CHECKIN_DB_KEY", "x'" + "b3" * 32 + "'")

SKIPPED = 77   # the exit code test harnesses (automake, meson) use for "skipped"


def percentile(values, p):
    """The nearest-rank p-th percentile of some timings."""
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="PATH", help="also write the key figures to PATH as JSON")


def emit(args: argparse.Namespace, bench: str, figures: dict[str, tuple[float, str]],
         keys: dict[str, float] | None = None) -> None:
    """Write `figures` ({label: (value, unit)}) to args.json when it was given; nothing otherwise.
    `keys`: the same figures under the fixed names bench/run_all.py gathers into results.json
    (floor_desk_p99_ms, pg_admits_per_s, …; the unit is in the name)."""
    if not getattr(args, "json", None):
        return
    for label, (value, unit) in figures.items():
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(f"figure {label!r} is not a finite number: {value!r}")
    settings = {key: value for key, value in vars(args).items() if key != "json"}
    document = {"bench": bench, "settings": settings,
                "figures": {label: {"value": round(value, 4), "unit": unit} for label, (value, unit) in figures.items()},
                "keys": {key: round(value, 4) for key, value in (keys or {}).items()}}
    Path(args.json).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def skip(reason: str) -> None:
    """Stop this bench because it cannot run on this machine; `reason` says what is missing."""
    print(reason, file=sys.stderr)
    raise SystemExit(SKIPPED)
