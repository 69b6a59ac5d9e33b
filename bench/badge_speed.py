"""Badge rendering speed: one badge (Latin names; names in every ASEAN script), and a batch of
1,000 badges on A4 4-up sheets with its time and peak memory.

Every badge gets a different name and token, as at the desk, so neither the shaping cache nor
the QR cache flatters the figures (session lines repeat, as they do at an event).
Run: .venv/bin/python bench/badge_speed.py [--badges N] [--singles N]
"""

from __future__ import annotations

import argparse
import base64
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin.badges import text as tx  # noqa: E402
from checkin.badges.data import ROLE_COLOURS, BadgeData, SessionLine  # noqa: E402
from checkin.badges.render import render_badge, render_badges  # noqa: E402
from checkin.badges.sorting import sort_key, sort_letter  # noqa: E402
from checkin.names.person import PersonName  # noqa: E402
from figures import add_json_option, emit  # noqa: E402

LATIN = ["Nguyễn Văn Đức", "Maria Cristina dela Cruz", "Muhammad Aiman bin Abdul Rahman", "Siti Nurhaliza",
         "Zoë Åsa Müller", "Juan Santos", "Ahmad Faizal", "Dewi Lestari"]
SCRIPTS = ["สมชาย ใจดี", "ສົມພອນ ແກ້ວມະນີ", "សុខ ចាន់ធីតា", "ဒေါ်ခင်မြင့်ကြည်", "Nguyễn Thị Phương Thảo",
           "陈美玲", "Zoë Åsa Müller-Łukasiewicz"]
SUFFIX_THAI = "กขคงจฉชซญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
SESSIONS = (SessionLine("Tue 18 Nov", "09:00–10:00", "P1", "Opening plenary", "Main Hall", False),
            SessionLine("Tue 18 Nov", "16:00–17:30", "C1/2", "Smart tools, tough choices", "Room C", True),
            SessionLine("Wed 19 Nov", "11:00–12:30", "A3", "Age assurance and platform design", "Room A", False))
ROLES = list(ROLE_COLOURS)


def token(i: int) -> str:
    raw = i.to_bytes(11, "big") + os.urandom(64)
    return base64.b32encode(raw).decode().rstrip("=")


def varied(name: str, i: int) -> str:
    """A different name each time, in the name's own script."""
    first = name.split(" ")[0]
    script = tx.script_runs(first)[0][0]
    if script == "cjk":
        return name + chr(0x4E00 + i % 2000)
    if script == "thai":
        return name + SUFFIX_THAI[i % len(SUFFIX_THAI)] + SUFFIX_THAI[(i // 7) % len(SUFFIX_THAI)]
    if script in ("latin",):
        return f"{name} {chr(65 + i % 26)}{chr(97 + (i // 26) % 26)}{i}"
    return f"{name} {name.split(' ')[-1][: 1 + i % 3]}{i % 10}"


def badge(i: int, name: str) -> BadgeData:
    role = ROLES[i % len(ROLES)]
    colour, text_colour = ROLE_COLOURS[role]
    person = PersonName(given_name=name.split(" ")[0], family_name=" ".join(name.split(" ")[1:]))
    return BadgeData(f"R-{i:05d}", name, "Dr" if i % 5 == 0 else "", "Ministry of Digital Economy", "Malaysia",
                     role, role.title(), colour, text_colour, role == "youth", i % 3 == 0, token(i), 1,
                     SESSIONS[: 1 + i % 3], "Safeguarding Focal Point — ask at the registration table",
                     "ASEAN ICT Forum on Child Online Protection 2025", name,
                     sort_key(person), sort_key(person, "given"), sort_letter(person), sort_letter(person, "given"))


def time_singles(names: list[str], count: int, fmt: str) -> tuple[float, float]:
    times = []
    for i in range(count):
        data = badge(10_000 + i, varied(names[i % len(names)], i))
        start = time.perf_counter()
        render_badge(data, fmt)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=60)
    add_json_option(parser)
    args = parser.parse_args()

    start = time.perf_counter()
    tx.register_all()
    print(f"fonts registered: {(time.perf_counter() - start) * 1000:.0f} ms (once per process)")
    render_badge(badge(0, "Warm Up"), "a6")
    figures = {}

    for label, names in (("Latin", LATIN), ("all scripts", SCRIPTS)):
        median, worst = time_singles(names, args.singles, "a6")
        print(f"one A6 badge (front + back), {label}: median {median:.1f} ms, max {worst:.1f} ms "
              f"over {args.singles} different names")
        figures[f"one A6 badge (front + back), {label}, median"] = (median, "ms")

    everyone = SCRIPTS + LATIN
    badges = [badge(i, varied(everyone[i % len(everyone)], i)) for i in range(args.badges)]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    pdf = render_badges(badges, "a4-4up", sort="family", desk_split=4)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.badges} badges, a4-4up, sorted, 4 desks: {elapsed:.1f} s ({elapsed / args.badges * 1000:.1f} ms "
          f"per badge), PDF {len(pdf) / 1e6:.1f} MB, {pdf.count(b'/Type /Page') - 1} pages; "
          f"process max RSS {rss_before:.0f} -> {rss:.0f} MB")
    del pdf
    # Again under tracemalloc (slower, so not timed) for the peak of Python allocations.
    tracemalloc.start()
    render_badges(badges, "a4-4up", sort="family", desk_split=4)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory while rendering them: {peak / 1e6:.0f} MB")
    batch = f"{args.badges:,} badges, a4-4up"
    figures[f"{batch}: time"] = (elapsed, "s")
    figures[f"{batch}: peak Python memory"] = (peak / 1e6, "MB")
    figures[f"{batch}: process max RSS"] = (rss, "MB")
    emit(args, "badge_speed", figures)

if __name__ == "__main__":
    main()
