"""Free-text session choices matched to the event's session runs.

Forms answer "Which workshops will you attend?" in their own words: "C1 Smart tools, tough
choices (14:00)", "A2; B2", "Smart tools, tough choices — re-run 16:00", or our own `C1/2`.
An answer is split into choices at `;`, `|` and line breaks; a part that matches nothing whole
is tried again split at commas (pretix joins choices with ", ", and titles hold commas too:
the longest run of pieces that names a session wins). Each choice names a session by its code
(the event's own codes, found anywhere in the text) or by its title (contained in the text, or
the text a clear part of one title, or the title with a typo); when runs share the session, the
run is chosen by `/2`, by a start time in the text ("16:00", "4 pm"), or by words ("re-run",
"run 2", "second run"); a choice with none of these means the first run, as `C1` does.
A choice that matches nothing, or matches two sessions, is reported, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import time

from rapidfuzz import fuzz

NONE_ANSWERS = {"none", "n/a", "na", "-", "nil", "no", "not attending", "none of the above", "not applicable",
                "no workshop", "no workshops", "tidak ada", "tiada"}
_TIME = re.compile(r"(?<!\d)(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?!\d)", re.IGNORECASE)
_RUN_N = re.compile(r"\b(?:run|session)\s*(?:no\.?\s*|#\s*)?(\d)\b|\b(\d)(?:st|nd|rd|th)\s+run\b")
_RERUN = re.compile(r"\bre-?\s?run\b|\brepeat(?:ed)?\b|\bsecond run\b|\bencore\b")
_FIRST = re.compile(r"\bfirst run\b|\boriginal\b")


@dataclass(frozen=True)
class Run:
    id: int
    code: str
    run: int
    title: str
    starts: time          # local wall-clock start in the event's timezone


def fold(text: str) -> str:
    """Lowercase words only: accents, dashes, quotes and punctuation gone."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w/]+", " ", text).split())


class SessionMatcher:
    def __init__(self, runs: list[Run], event_code: str = ""):
        self.runs = sorted(runs, key=lambda r: (r.code, r.run))
        self.event_code = event_code
        self.by_code: dict[str, list[Run]] = {}
        for r in self.runs:
            self.by_code.setdefault(r.code.casefold(), []).append(r)
        self.titles: dict[str, set[str]] = {}      # folded title -> codes
        for r in self.runs:
            self.titles.setdefault(fold(r.title), set()).add(r.code.casefold())
        codes = sorted(self.by_code, key=len, reverse=True)
        self.code_re = re.compile(
            r"(?<![\w])(" + "|".join(re.escape(c) for c in codes) + r")(?:\s*/\s*(\d+))?(?![\w])", re.IGNORECASE
        ) if codes else None
        self._cache: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {}

    def match(self, answer: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """(session run ids, problems): every choice in the answer, or a message for each it cannot place."""
        if answer not in self._cache:
            self._cache[answer] = self._match(answer)
        return self._cache[answer]

    def _match(self, answer: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        ids: list[int] = []
        problems: list[str] = []
        for part in re.split(r"[;|\n\r]+", unicodedata.normalize("NFC", answer)):
            part = " ".join(part.split())
            if not part or part.casefold().strip(".") in NONE_ANSWERS:
                continue
            run, problem = self.match_one(part)
            if run is None and "," in part:
                found, rest = self._by_commas(part)
                if found:
                    ids += [r for r in found if r not in ids]
                    problems += [self._no_match(p) for p in rest]
                    continue
            if run is None:
                problems.append(problem)
            elif run not in ids:
                ids.append(run)
        return tuple(ids), tuple(problems)

    def _by_commas(self, part: str) -> tuple[list[int], list[str]]:
        pieces = part.split(",")
        found, rest, i = [], [], 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                run, _ = self.match_one(",".join(pieces[i:j]).strip())
                if run is not None:
                    found.append(run)
                    i = j
                    break
            else:
                if pieces[i].strip():
                    rest.append(pieces[i].strip())
                i += 1
        return found, rest

    def _no_match(self, text: str) -> str:
        where = f" in {self.event_code}" if self.event_code else ""
        return f"no session run {text!r}{where} (re-runs are written C1/2)"

    def match_one(self, text: str) -> tuple[int | None, str]:
        codes = {m.group(1).casefold(): m.group(2) for m in self.code_re.finditer(text)} if self.code_re else {}
        named = set(codes) | self._title_codes(fold(text))
        if len(named) > 1:
            return None, f"{text!r} names {len(named)} sessions ({', '.join(sorted(c.upper() for c in named))}): " \
                         "separate them with ;"
        if not named:
            return None, self._no_match(text)
        code = named.pop()
        runs = self.by_code[code]
        run_no = codes.get(code)
        if run_no:
            chosen = [r for r in runs if r.run == int(run_no)]
            if not chosen:
                return None, f"{text!r}: {code.upper()} has no run {run_no}"
            return chosen[0].id, ""
        return self._pick_run(text, fold(text), runs)

    def _title_codes(self, folded: str) -> set[str]:
        """Codes of the sessions whose titles the text holds (a title inside a longer matched title
        does not count), or of the one title the text is a clear part of, or close to."""
        padded = f" {folded} "
        within = [t for t in self.titles if f" {t} " in padded]
        if within:
            outer = [t for t in within if not any(t != u and f" {t} " in f" {u} " for u in within)]
            return {c for t in outer for c in self.titles[t]}
        bare = fold(_TIME.sub(" ", _FIRST.sub(" ", _RUN_N.sub(" ", _RERUN.sub(" ", folded)))))
        if len(bare) >= 8:
            parts = [t for t in self.titles if f" {bare} " in f" {t} "]
            if len(parts) == 1:
                return set(self.titles[parts[0]])
            close = [t for t in self.titles if fuzz.ratio(bare, t) >= 88]
            if len(close) == 1:
                return set(self.titles[close[0]])
        return set()

    def _pick_run(self, text: str, folded: str, runs: list[Run]) -> tuple[int | None, str]:
        if len(runs) == 1:
            return runs[0].id, ""
        times = _times(text)
        if times:
            at = [r for r in runs if r.starts in times]
            if len(at) == 1:
                return at[0].id, ""
            if not at:
                said = ", ".join(t.strftime("%H:%M") for t in sorted(times))
                starts = ", ".join(f"{r.starts:%H:%M}" for r in runs)
                return None, f"{text!r}: no run of {runs[0].code} starts at {said} (runs start at {starts})"
            return None, f"{text!r} names more than one run of {runs[0].code}: choose one"
        m = _RUN_N.search(folded)
        if m:
            n = int(m.group(1) or m.group(2))
            chosen = [r for r in runs if r.run == n]
            if chosen:
                return chosen[0].id, ""
        if _RERUN.search(folded) and not _FIRST.search(folded):
            return runs[1].id, ""
        return runs[0].id, ""


def _times(text: str) -> set[time]:
    found = set()
    for m in _TIME.finditer(text):
        hour, minute, meridiem = int(m.group(1)), m.group(2), (m.group(3) or "").replace(".", "").lower()
        if minute is None and not meridiem:
            continue                     # a bare number ("run 2", "C1") is not a time
        minute = int(minute or 0)
        if meridiem:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if meridiem == "pm" else 0)
        if hour < 24 and minute < 60:
            found.add(time(hour, minute))
    return found
