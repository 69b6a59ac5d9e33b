"""Name search quality on real-looking names in nine ASEAN script groups (Thai, Lao, Khmer,
Myanmar, Chinese, Vietnamese, Malay/Indonesian, Filipino, Tamil), among synthetic distractors.

Figures: top-1 share for queries a desk types — the name in its own script, its romanisation as
the person writes it, the given name alone, the romanised name with one wrong letter — and, for
people stored only in their own script (no Latin spelling in the file), the romanised query,
per script. Goal: top-1 >= 95% on the first four, >= 90% on the last.
Also: index build time with romanisation keys (the first build in a process loads pythainlp's
dictionary and ICU).
Run: .venv/bin/python bench/search_quality.py [--distractors N] [--misses]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checkin.names.person import PersonName  # noqa: E402
from checkin.names.search import SearchIndex, SearchRecord  # noqa: E402

NAMES = ROOT / "tests" / "fixtures" / "asean-names.csv"
LATIN_GROUPS = {"vietnamese", "malay", "filipino"}


def people() -> list[dict]:
    with NAMES.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def latin_full(p: dict) -> str:
    parts = [p["latin_family"], p["latin_given"]] if p["order"] == "family-first" else [p["latin_given"], p["latin_family"]]
    return " ".join(x for x in parts if x)


def native_full(p: dict) -> str:
    parts = [p["family"], p["given"]] if p["order"] == "family-first" else [p["given"], p["family"]]
    joiner = "" if p["script"] == "chinese" else " "
    return joiner.join(x for x in parts if x)


def typo(text: str) -> str:
    words = text.split()
    i = max(range(len(words)), key=lambda n: len(words[n]))
    w = words[i]
    at = len(w) // 2
    ch = w[at]
    new = "e" if ch.lower() != "e" else "a"
    words[i] = w[:at] + new + w[at + 1:]
    return " ".join(words)


def distractors(n: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    onsets = ["b", "ch", "d", "h", "j", "k", "kh", "l", "m", "n", "ng", "p", "ph", "r", "s", "t", "th", "v", "w", "y"]
    vowels = ["a", "ai", "ao", "e", "ee", "i", "o", "oo", "u", "ua", "ie", "ou"]
    codas = ["", "", "n", "ng", "m", "k", "t", "p", "h", "s"]

    def word():
        return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                       for _ in range(rng.choice((1, 2, 2, 3)))).capitalize()
    return [(word(), word()) for _ in range(n)]


def build(rows: list[dict], native_only: bool, n_distractors: int) -> tuple[SearchIndex, float]:
    records = []
    for i, p in enumerate(rows):
        latin = "" if native_only or p["script"] in LATIN_GROUPS else latin_full(p)
        if p["script"] in LATIN_GROUPS:
            given, family = p["given"], p["family"]
        else:
            given, family = p["given"], p["family"]
        records.append(SearchRecord.of(i, f"P-{i:04d}", PersonName(given, family, "", latin, p["order"]), ""))
    for j, (g, f) in enumerate(distractors(n_distractors)):
        records.append(SearchRecord.of(10000 + j, f"D-{j:05d}", PersonName(g, f), ""))
    started = time.perf_counter()
    index = SearchIndex(records)
    return index, time.perf_counter() - started


def top1(index: SearchIndex, query: str, want: int) -> bool:
    hits = index.search(query, 5)
    return bool(hits) and hits[0].attendee_id == want


def measure(n_distractors: int = 2000, show_misses: bool = False) -> dict:
    rows = people()
    index, build_s = build(rows, native_only=False, n_distractors=n_distractors)
    given_count: dict[str, int] = {}
    for p in rows:
        key = p["latin_given"].casefold()
        given_count[key] = given_count.get(key, 0) + 1
    tallies: dict[str, list[int]] = {}
    misses: list[str] = []

    def count(kind: str, ok: bool, query: str) -> None:
        tallies.setdefault(kind, [0, 0])
        tallies[kind][0] += ok
        tallies[kind][1] += 1
        if not ok:
            misses.append(f"{kind}: {query!r}")

    for i, p in enumerate(rows):
        count("native", top1(index, native_full(p), i), native_full(p))
        count("romanised", top1(index, latin_full(p), i), latin_full(p))
        if given_count[p["latin_given"].casefold()] == 1 and p["latin_family"]:
            count("given only", top1(index, p["latin_given"], i), p["latin_given"])
        count("one typo", top1(index, typo(latin_full(p)), i), typo(latin_full(p)))
    native_index, native_build_s = build(rows, native_only=True, n_distractors=n_distractors)
    for i, p in enumerate(rows):
        if p["script"] in LATIN_GROUPS:
            continue
        count(f"romanised, stored only in {p['script']}", top1(native_index, latin_full(p), i), latin_full(p))
    only = [v for k, v in tallies.items() if k.startswith("romanised, stored only")]
    tallies["romanised, stored only in native script (all)"] = [sum(v[0] for v in only), sum(v[1] for v in only)]
    figures = {f"top-1 {kind}": f"{ok}/{n} = {100 * ok / n:.1f}%" for kind, (ok, n) in tallies.items()}
    figures["index build (s)"] = f"{build_s:.2f} (first, with library loading); {native_build_s:.2f} (second)"
    figures["people"] = f"{len(rows)} named + {n_distractors} distractors"
    if show_misses:
        figures["misses"] = misses
    figures["_shares"] = {kind: ok / n for kind, (ok, n) in tallies.items()}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--distractors", type=int, default=2000)
    ap.add_argument("--misses", action="store_true", help="list the queries whose person was not first")
    args = ap.parse_args()
    figures = measure(args.distractors, args.misses)
    figures.pop("_shares")
    for k, v in figures.items():
        if isinstance(v, list):
            print(f"{k}:")
            for m in v:
                print(f"  {m}")
        else:
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
