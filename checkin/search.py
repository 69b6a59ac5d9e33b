"""Finding a person by what the desk can type: a few letters of any part of the name, in any
order, with or without accents, titles or typos; or the organisation; or the registration id.

The index holds each distinct folded word once, with the people it belongs to, so a query looks
words up (exact, then by prefix with bisect), scans the few thousand distinct words for
substrings, and lets rapidfuzz score typos against them, instead of visiting every person.

Ranking: every query word must match (a person matching only some words comes after all who
match every word); a person ranks by their weakest word: exact > prefix > substring > typo,
a name word a little above the same match in the organisation; then the person whose name has
fewer words left unmatched ("Nguyen Van Duc" before "Nguyen Van Duc Anh"); then by name.

Freshness: `index_for(event)` keeps one index per database and event, stamped with the
attendee count, the highest id and the latest `updated_at`, read with one aggregate query on
each search. Any writer in any process that adds or changes a person moves the stamp, so every
station rebuilds on its next search. Writers in this process also call `invalidate` (importer)
or `added` (walk-ins), which covers an update written with a back-dated clock (`--at`).
"""

from __future__ import annotations

import bisect
import threading
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from rapidfuzz import fuzz, process

from checkin.names import PersonName, canonical, display_name, fold, name_words

MIN_QUERY = 3           # characters typed before a search answers (ideographs count two)
FUZZY_MIN = 4           # shorter words are too short to tell a typo from another name

# A matched word's score, by how it matched and where.
EXACT, PREFIX, SUBSTRING = 100.0, 90.0, 75.0
JOINED_EXACT, JOINED_PREFIX = 98.0, 88.0
ORGANISATION_PENALTY = 4.0
REGISTRATION_EXACT, REGISTRATION_PREFIX = 100.0, 92.0

NAME, JOINED, ORGANISATION = 0, 1, 2


@dataclass(frozen=True)
class SearchRecord:
    attendee_id: int
    registration_id: str
    name: str                          # as the desk sees it: display_name()
    organisation: str = ""
    name_latin: str = ""
    names: tuple[str, ...] = ()        # the name's parts as written: given, family, preferred (any script)

    @classmethod
    def of(cls, attendee_id: int, registration_id: str, person: PersonName, organisation: str = "") -> "SearchRecord":
        return cls(attendee_id, registration_id, display_name(person), organisation, person.name_latin,
                   tuple(x for x in (person.given_name, person.family_name, person.preferred_name) if x))


@dataclass(frozen=True)
class SearchHit:
    registration_id: str
    name: str
    organisation: str
    score: float
    attendee_id: int

    def as_json(self) -> dict:
        return {"registration_id": self.registration_id, "name": self.name, "organisation": self.organisation,
                "score": self.score}


def typed_length(text: str) -> int:
    """How much has been typed, in keystrokes: spaces and punctuation count nothing, a CJK
    ideograph (a whole syllable, picked from an input method) counts two."""
    n = 0
    for ch in text:
        cp = ord(ch)
        if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x2FFFF or 0xAC00 <= cp <= 0xD7AF:
            n += 2
        elif ch.isalnum() or unicodedata.category(ch).startswith("M"):
            n += 1
    return n


def _id_key(registration_id: str) -> str:
    """Registration ids compare without case or separators: "vn 004" = "VN-004"."""
    return "".join(ch for ch in fold(registration_id) if ch.isalnum())


def _id_tail(registration_id: str) -> str:
    """The number a person reads off their invitation: "AIF-2025-0042" -> "42"."""
    key = _id_key(registration_id)
    tail = ""
    for ch in reversed(key):
        if not ch.isdigit():
            break
        tail = ch + tail
    return tail.lstrip("0")


class SearchIndex:
    def __init__(self, records: Iterable[SearchRecord] = ()):
        self._records: list[SearchRecord] = []
        self._slots: dict[int, int] = {}                      # attendee id -> slot
        self._postings: dict[str, dict[int, int]] = {}        # word -> {slot: NAME/JOINED/ORGANISATION}
        self._words: list[str] = []                           # sorted distinct words, for prefixes
        self._name_words: list[frozenset[str]] = []           # per slot, its name words (coverage)
        self._sort: list[str] = []                            # per slot, the tie-break
        self._ids: dict[str, int] = {}                        # folded registration id -> slot
        self._id_list: list[str] = []
        self._tails: dict[str, list[int]] = {}
        self._dirty = False
        for r in records:
            self._put(r)
        self._settle()

    def __len__(self) -> int:
        return sum(1 for r in self._records if r is not None)

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, event) -> "SearchIndex":
        from checkin.models import Attendee

        rows = (Attendee.select(Attendee.id, Attendee.registration_id, Attendee.given_name, Attendee.family_name,
                                Attendee.preferred_name, Attendee.name_latin, Attendee.name_order,
                                Attendee.honorific, Attendee.organisation)
                .where(Attendee.event == event).tuples())
        return cls(SearchRecord.of(i, reg, PersonName(g, f, p, lat, order or "given-first", hon), org)
                   for i, reg, g, f, p, lat, order, hon, org in rows)

    def add(self, record: SearchRecord) -> None:
        """Add a person, or replace them if their attendee id is already in the index."""
        self._put(record)
        self._settle()

    def _put(self, r: SearchRecord) -> None:
        if r.attendee_id in self._slots:
            self._drop(self._slots[r.attendee_id])
        slot = len(self._records)
        self._records.append(r)
        self._slots[r.attendee_id] = slot
        words: dict[str, int] = {}

        def note(word: str, kind: int) -> None:
            if word and (word not in words or kind < words[word]):
                words[word] = kind

        parts = [name_words(x) for x in (*r.names, r.name_latin) if x]
        for ws in parts:
            for w in ws:
                note(w, NAME)
                note(canonical(w), NAME)
            if len(ws) > 1:
                note("".join(ws), JOINED)
        if len(parts) > 1:
            # Given + family in both orders, run together: "nguyenvanduc", "ducnguyen".
            flat = [w for ws in parts[:2] for w in ws]
            rev = [w for ws in reversed(parts[:2]) for w in ws]
            note("".join(flat), JOINED)
            note("".join(rev), JOINED)
        for w in fold(r.organisation).replace("-", " ").split():
            w = w.strip(".,;:'\"()[]&")
            note(w, ORGANISATION)
        for word, kind in words.items():
            self._postings.setdefault(word, {})[slot] = kind
        self._name_words.append(frozenset(w for ws in parts for w in ws))
        self._sort.append(fold(r.name))
        key = _id_key(r.registration_id)
        self._ids[key] = slot
        tail = _id_tail(r.registration_id)
        if tail:
            self._tails.setdefault(tail, []).append(slot)
        self._dirty = True

    def _drop(self, slot: int) -> None:
        old = self._records[slot]
        self._records[slot] = None
        for posting in self._postings.values():
            posting.pop(slot, None)
        self._ids.pop(_id_key(old.registration_id), None)
        for slots in self._tails.values():
            if slot in slots:
                slots.remove(slot)

    def _settle(self) -> None:
        if self._dirty:
            self._words = sorted(w for w, p in self._postings.items() if p)
            self._id_list = sorted(self._ids)
            self._dirty = False

    # -- searching --------------------------------------------------------------------------
    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        text = fold(query or "")
        if not text or limit <= 0:
            return []
        best: dict[int, tuple] = {}
        by_id = self._by_registration(text)
        exact_id = any(score == REGISTRATION_EXACT for _slot, score in by_id)
        for slot, score in by_id:
            best[slot] = (1, score, 0, _id_key(self._records[slot].registration_id))
        if typed_length(text) >= MIN_QUERY:
            words = name_words(text)
            matched: dict[int, dict[int, float]] = {}
            for n, word in enumerate(words):
                for slot, score in self._match_word(word).items():
                    matched.setdefault(slot, {})[n] = score
            need = len(words)
            asked = set(words) | {canonical(w) for w in words}
            for slot, scores in matched.items():
                if slot in best:
                    continue
                if len(scores) == need:
                    left = len(self._name_words[slot] - asked)
                    best[slot] = (1, min(scores.values()), left, self._sort[slot])
                elif not exact_id and _enough(scores, words):
                    # Some words found nothing (a word not on the list, a badly typed one): the
                    # person may still be the one, after everyone who matches every word.
                    score = min(scores.values()) * len(scores) / need
                    best[slot] = (0, score, len(self._name_words[slot] - asked), self._sort[slot])
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[1][2], kv[1][3],
                                                      self._records[kv[0]].registration_id))
        return [self._hit(slot, rank[1]) for slot, rank in ranked[:limit]]

    def _hit(self, slot: int, score: float) -> SearchHit:
        r = self._records[slot]
        return SearchHit(r.registration_id, r.name, r.organisation, round(score, 1), r.attendee_id)

    def _by_registration(self, text: str) -> list[tuple[int, float]]:
        key = _id_key(text)
        found: dict[int, float] = {}
        if key in self._ids:
            found[self._ids[key]] = REGISTRATION_EXACT
        # A prefix or the number alone, only once a digit is typed: "aif" must find names, not
        # every id that starts with the event's code.
        if any(ch.isdigit() for ch in key) and typed_length(key) >= MIN_QUERY:
            i = bisect.bisect_left(self._id_list, key)
            while i < len(self._id_list) and self._id_list[i].startswith(key) and len(found) < 200:
                found.setdefault(self._ids[self._id_list[i]], REGISTRATION_PREFIX)
                i += 1
            for slot in self._tails.get(key.lstrip("0"), ()) if key.isdigit() else ():
                found.setdefault(slot, REGISTRATION_EXACT - 1)
        return [(s, v) for s, v in found.items() if self._records[s] is not None]

    def _match_word(self, word: str) -> dict[int, float]:
        """Each person this word matches, with the word's best score for them."""
        out: dict[int, float] = {}

        def take(token: str, exact_score: float, prefix_score: float | None = None, fixed: float | None = None):
            for slot, kind in self._postings.get(token, {}).items():
                if fixed is not None:
                    s = fixed - (ORGANISATION_PENALTY if kind == ORGANISATION else 0)
                elif kind == JOINED:
                    s = JOINED_EXACT if prefix_score is None else JOINED_PREFIX
                else:
                    s = exact_score if prefix_score is None else prefix_score
                    s -= ORGANISATION_PENALTY if kind == ORGANISATION else 0
                if s > out.get(slot, 0):
                    out[slot] = s

        for w in {word, canonical(word)}:
            take(w, EXACT)
        i = bisect.bisect_left(self._words, word)
        while i < len(self._words) and self._words[i].startswith(word):
            if self._words[i] != word:
                take(self._words[i], EXACT, PREFIX)
            i += 1
        length = typed_length(word)
        if length >= MIN_QUERY:
            for token in self._words:
                if word in token and not token.startswith(word):
                    take(token, 0, fixed=SUBSTRING)
        if length >= FUZZY_MIN and any(ch.isalpha() for ch in word):
            target = canonical(word)
            for token, ratio, _ in process.extract(target, self._words, scorer=fuzz.ratio,
                                                   score_cutoff=_fuzzy_cutoff(target), limit=40):
                take(token, 0, fixed=40.0 + 0.3 * ratio)
        return out


def _enough(scores: dict[int, float], words: list[str]) -> bool:
    """Half the words or more, and at least three typed letters of them."""
    return len(scores) * 2 >= len(words) and sum(typed_length(words[n]) for n in scores) >= MIN_QUERY


def _fuzzy_cutoff(word: str) -> float:
    # One wrong letter in a four-letter word is 75 by ratio; longer words may carry two typos.
    return 75.0 if len(word) <= 5 else 72.0


# -- one index per event, kept current -----------------------------------------------------------

_lock = threading.Lock()
_cache: dict[tuple, tuple[tuple, SearchIndex]] = {}


def _db_key(event_id: int) -> tuple:
    from checkin.db import database

    db = database.obj
    return (id(db), str(getattr(db, "database", "")), event_id)


def _stamp(event) -> tuple:
    from peewee import fn

    from checkin.models import Attendee

    row = (Attendee.select(fn.COUNT(Attendee.id), fn.MAX(Attendee.id), fn.MAX(Attendee.updated_at))
           .where(Attendee.event == event).tuples().first())
    return tuple(str(x) for x in row) if row else ()


def index_for(event) -> SearchIndex:
    """The event's index, rebuilt when the attendee list has changed since it was built."""
    key = _db_key(event.id)
    stamp = _stamp(event)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    index = SearchIndex.build(event)
    with _lock:
        _cache[key] = (stamp, index)
    return index


def search(event, query: str, limit: int = 10) -> list[SearchHit]:
    return index_for(event).search(query, limit)


def invalidate(event_id: int | None = None) -> None:
    """Forget the index of one event (or of all): the next search rebuilds it."""
    with _lock:
        for key in [k for k in _cache if event_id is None or k[2] == event_id]:
            del _cache[key]


def added(event, attendee) -> None:
    """A person was just written in this process: add them to a cached index in place, if the
    index was current before, rather than rebuilding it."""
    from checkin.attendees import person_name

    key = _db_key(event.id)
    with _lock:
        cached = _cache.pop(key, None)
    if cached is None:
        return
    before, index = cached
    after = _stamp(event)
    # Only the one new person may differ: otherwise someone else wrote too, and a rebuild is due.
    if before and after and int(after[0]) == int(before[0]) + 1 and after[1] == str(attendee.id):
        index.add(SearchRecord.of(attendee.id, attendee.registration_id, person_name(attendee),
                                  attendee.organisation))
        with _lock:
            _cache[key] = (after, index)
