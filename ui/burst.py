"""Is this burst of keys a scan? The scan catcher's decision, as plain functions over key times.

A keyboard-mode scanner types a code a few milliseconds per key; a person types tens to hundreds
of milliseconds apart. Times are the keys' own timestamps (the X server's clock on a real
display), so a window that was busy for a moment does not make a scanner look like a person.
Scanners can pause mid-code (a USB hiccup, a slow buffer): once a burst has gone at scanner pace
for a few keys, a pause up to `stall_ms` keeps it together. Nothing here knows Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class BurstRules:
    scan_gap_ms: int = 30       # a scanner's keys: 1–15 ms apart (more on a busy machine); a person's: 50+
    stall_ms: int = 300         # the longest pause held together (a scanner's hiccup, a busy machine)
    person_gaps: int = 3        # this many slow gaps in a row: a person typing, let through at once
    paced_keys: int = 4         # keys at scanner pace that make a burst look like a scanner's
    min_length: int = 16        # our codes are 120 characters; a short burst is never a scan
    fast_share: float = 0.6     # of all gaps in a scan, how many must be at scanner pace
    quiet_person_ms: int = 320  # wall-clock quiet after which held keys of a person are let through
    quiet_scan_ms: int = 350    # wall-clock quiet that ends a scan sent without Enter or Tab
    late_terminator_ms: int = 800   # an Enter or Tab this soon after a scan ended belongs to it


RULES = BurstRules()


def _gaps(times: Sequence[int]) -> list[int]:
    return [max(0, b - a) for a, b in zip(times, times[1:])]


def scanner_paced(times: Sequence[int], rules: BurstRules = RULES) -> bool:
    """The keys so far came at a scanner's pace (enough of them, and most gaps tiny)."""
    if len(times) < rules.paced_keys:
        return False
    gaps = _gaps(times)
    fast = sum(1 for g in gaps if g <= rules.scan_gap_ms)
    return fast >= rules.fast_share * len(gaps)


def clearly_a_person(times: Sequence[int], rules: BurstRules = RULES) -> bool:
    """The last few gaps were all slow: a person typing (a scanner, even on a busy machine, is not)."""
    gaps = _gaps(times)
    return len(gaps) >= rules.person_gaps and all(g > rules.scan_gap_ms for g in gaps[-rules.person_gaps:])


def continues(times: Sequence[int], at: int, rules: BurstRules = RULES) -> bool:
    """Does a key pressed at `at` belong to the burst held so far? Fast keys do; a pause up to
    `stall_ms` does too, unless the burst is plainly a person's."""
    if not times:
        return False
    gap = max(0, at - times[-1])
    if gap <= rules.scan_gap_ms:
        return True
    return gap <= rules.stall_ms and not clearly_a_person([*times, at], rules)


def is_scan(times: Sequence[int], rules: BurstRules = RULES) -> bool:
    """A whole burst is a scan: long enough, mostly at scanner pace, no pause a person would make."""
    if len(times) < rules.min_length:
        return False
    gaps = _gaps(times)
    return scanner_paced(times, rules) and max(gaps, default=0) <= rules.stall_ms


def quiet_ms(times: Sequence[int], rules: BurstRules = RULES) -> int:
    """How long to wait, with no new key, before deciding what the held keys were."""
    return rules.quiet_scan_ms if scanner_paced(times, rules) else rules.quiet_person_ms


def late_terminator(scan_end: int | None, at: int, rules: BurstRules = RULES) -> bool:
    """An Enter or Tab arriving just after a scan that already ended on quiet: the scanner's suffix,
    to swallow (it must not press a button or pick a search hit)."""
    return scan_end is not None and 0 <= at - scan_end <= rules.late_terminator_ms


def scanned_text(chars: Sequence[str]) -> str:
    """The code from the held characters: control characters some scanners send as a prefix or
    suffix (STX, ETX, GS) are dropped; the core strips a symbology prefix such as ]Q1."""
    return "".join(c for c in chars if c.isprintable())
