"""Importing a large Eventbrite export: N attendee rows, recognised by its headers.

The script writes an Eventbrite attendee report the way Eventbrite does (BOM, CRLF, question
texts as headers, Yes/No answers, free-text workshop choices, `'+` phone numbers, a few
cancelled rows, names from across ASEAN, some with the single-name patterns), then times:
  read    the CSV into a table
  check   recognition, mapping and every row's checks (names, times, session choices)
  first   a full first import into a fresh SQLite file (check + write, one transaction)
  again   re-importing a re-export where 5% of rows changed (updates, nothing lost)
  dry     a dry run of the re-export
Run: .venv/bin/python bench/import_speed.py [--rows 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin.store.schema import open_database  # noqa: E402
from checkin.events.file import read_event_file  # noqa: E402
from checkin.events.service import get_event, save_event  # noqa: E402
from checkin.imports.importer import import_attendees  # noqa: E402
from checkin.imports.rows import check_rows  # noqa: E402
from checkin.imports.tabular import read_table  # noqa: E402
from checkin.timeutil import utcnow  # noqa: E402
from figures import add_json_option, emit  # noqa: E402

MINI_EVENT = ROOT / "tests" / "fixtures" / "mini-event.toml"
HEADER = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Price Tier", "Ticket Type",
          "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Fees Paid", "Eventbrite Fees",
          "Eventbrite Payment Processing", "Attendee Status", "Home Country", "Job Title", "Company", "Mobile Phone",
          "I agree to the Child Safeguarding Policy", "Which workshop will you attend?",
          "Do you consent to being photographed?"]
NAMES = [("Văn Đức", "Nguyễn"), ("Nur Aisyah", "binti Abdullah"), ("Aung Kyaw", ""), ("Somchai", "Jaidee"),
         ("Maria Cristina", "dela Cruz"), ("美玲", "林"), ("Dewi", "Lestari"), ("ដារ៉ា", "សុខ"), ("Thiri", ""),
         ("Ahmad Faizal", "bin Mohd Yusof"), ("Kanokwan", "Srisuk"), ("Bounthavy", "Sisouphanh")]
COUNTRIES = ["Viet Nam", "Malaysia", "Myanmar", "Thailand", "Philippines", "Singapore", "Indonesia", "Cambodia",
             "Lao PDR", "Brunei Darussalam"]
WORKSHOPS = ["C1 Smart tools, tough choices (14:00)", "Smart tools, tough choices — re-run 16:00", "C1/2",
             "Opening plenary", "C1; P1", ""]


def cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


def write_export(path: Path, rows: int, changed: float = 0.0, seed: int = 7) -> None:
    rnd = random.Random(seed)
    change = random.Random(seed + 1)
    lines = [",".join(cell(h) for h in HEADER)]
    for i in range(rows):
        given, family = rnd.choice(NAMES)
        status = "Cancelled" if rnd.random() < 0.02 else "Attending"
        company = f"Organisation {rnd.randrange(400)}"
        workshop = rnd.choice(WORKSHOPS)
        if changed and change.random() < changed:
            company += " (renamed)"
        order = 1045880000 + i // 2
        values = [str(order), f"{rnd.randint(9, 10)}/{rnd.randint(1, 28)}/25 {rnd.randint(0, 23)}:{rnd.randint(0, 59):02}",
                  given, family, f"person{i}@example.org", "1", "", rnd.choice(["Delegate", "Speaker"]),
                  str(13220950000 + i), "", "Free Order", "USD", "0.00", "0.00", "0.00", "0.00", status,
                  rnd.choice(COUNTRIES), "Officer", company, f"'+60{rnd.randrange(10**8, 10**9)}",
                  rnd.choice(["Yes", "Yes", "Yes", "No"]), workshop, rnd.choice(["Yes", "No", ""])]
        lines.append(",".join(cell(v) for v in values))
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fresh_event(folder: Path, name: str):
    open_database(str(folder / name))
    save_event(read_event_file(MINI_EVENT), now=utcnow())
    return get_event("mini-2025")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    add_json_option(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        v1, v2 = folder / "eventbrite.csv", folder / "eventbrite-v2.csv"
        write_export(v1, args.rows)
        write_export(v2, args.rows, changed=0.05)
        size = v1.stat().st_size / 2**20
        print(f"Eventbrite export: {args.rows} rows, {size:.1f} MB (median of {args.repeat} runs)")

        t_read, table = timed(lambda: read_table(v1), args.repeat)
        event = fresh_event(folder, "check.sqlite3")
        t_check, checked = timed(lambda: check_rows(table, None, event), args.repeat)
        assert not checked.errors, checked.errors[:3]
        print(f"  read     {t_read:6.2f} s   {args.rows / t_read:9,.0f} rows/s")
        print(f"  check    {t_check:6.2f} s   {args.rows / t_check:9,.0f} rows/s   "
              f"(recognised: {checked.mapping.name}; {len(checked.records)} records, {len(checked.skipped)} skipped)")

        firsts = []
        for n in range(args.repeat):
            event = fresh_event(folder, f"first{n}.sqlite3")
            start = time.perf_counter()
            result = import_attendees(v1, event=event)
            firsts.append(time.perf_counter() - start)
        assert result.written and not result.errors
        t_first = statistics.median(firsts)
        print(f"  first    {t_first:6.2f} s   {args.rows / t_first:9,.0f} rows/s   (created {result.created})")

        t_dry, dry = timed(lambda: import_attendees(v2, event=event, dry_run=True), args.repeat)
        print(f"  dry      {t_dry:6.2f} s   {args.rows / t_dry:9,.0f} rows/s   "
              f"(would update {len(dry.updated_ids)}, unchanged {dry.unchanged})")
        start = time.perf_counter()
        again = import_attendees(v2, event=event)
        t_again = time.perf_counter() - start
        print(f"  again    {t_again:6.2f} s   {args.rows / t_again:9,.0f} rows/s   "
              f"(updated {again.updated}, unchanged {again.unchanged}; one run: it changes the data)")
    rows = f"{args.rows:,}-row Eventbrite export"
    emit(args, "import_speed", {f"first import of a {rows}": (t_first, "s"),
                                f"re-import of a {rows}, 5% changed": (t_again, "s"),
                                f"dry run of a {rows} re-import": (t_dry, "s")},
         keys={"import_20k_s" if args.rows == 20_000 else f"import_{args.rows}_s": t_first})


if __name__ == "__main__":
    main()
