"""Finding a person by what the desk can type: a few letters of any part of the name, in any
order, with or without accents, titles or typos; or the organisation; or the registration id.

The index holds each distinct folded word once, with the people it belongs to, so a query looks
words up (exact, then by prefix with bisect), scans the few thousand distinct words for
substrings, and lets rapidfuzz score typos against them, instead of visiting every person.

Ranking: every query word must match (a person matching only some words comes after all who
match every word); a person ranks by their weakest word: exact > prefix > substring > typo,
a name word a little above the same match in the organisation; then the person whose name has
fewer words left unmatched ("Nguyen Van Duc" before "Nguyen Van Duc Anh"); then by name.

Freshness: `index_for(event)` keeps one index per database and event, with the change log's
cursor (checkin/store/row_log.py) at the time. On each search the log names the attendee rows
inserted, updated or deleted since, by anyone (this desk, another station, an import from the
command line): those people are re-read and replaced in place; only a long list of them (a
large import) or a log that cannot answer (after a purge) rebuilds the index.
"""

from __future__ import annotations

import bisect
import heapq
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz, process

from checkin.names.person import canonical, display_name, fold, name_words, PersonName
from checkin.names.romanise import has_native, latin_keys, sound_key
from checkin.store import row_log
from checkin.store.db import database
from checkin.store.models import Attendee

MIN_QUERY = 3           # characters typed before a search answers (ideographs count two)
FUZZY_MIN = 4           # shorter words are too short to tell a typo from another name

# A matched word's score, by how it matched and where.
EXACT, PREFIX, SUBSTRING = 100.0, 90.0, 75.0
JOINED_EXACT, JOINED_PREFIX = 98.0, 88.0
ORGANISATION_PENALTY = 4.0
REGISTRATION_EXACT, REGISTRATION_PREFIX = 100.0, 92.0
EMAIL_EXACT = 100.0
ROMANISED_PENALTY = 3.0      # a romanisation of a name in another script, a little below the name as written
SOUND_EXACT, SOUND_PREFIX = 72.0, 66.0   # same sounds in another romanisation convention ("jaidee" ~ "chaidi")
SHORT_EXACT = 100.0          # "an", "vy", "喆": a whole given or family name, too short for a search

NAME, JOINED, ORGANISATION, ROMANISED = 0, 1, 2, 3


@dataclass(frozen=True)
class SearchRecord:
    attendee_id: int
    registration_id: str
    name: str                          # as the desk sees it: display_name()
    organisation: str = ""
    name_latin: str = ""
    names: tuple[str, ...] = ()        # the name's parts as written: given, family, preferred, native (any script)
    email: str = ""

    @classmethod
    def of(cls, attendee_id: int, registration_id: str, person: PersonName, organisation: str = "",
           email: str = "", name_native: str = "") -> "SearchRecord":
        return cls(attendee_id, registration_id, display_name(person), organisation, person.name_latin,
                   tuple(x for x in (person.given_name, person.family_name, person.preferred_name, name_native) if x),
                   email)


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
        self._postings: dict[str, tuple[set[int], set[int], set[int], set[int]]] = {}  # word -> slots by kind
        self._sounds: dict[str, set[str]] = {}                # sound_key of a name word -> the words
        self._sound_list: list[str] = []
        self._sound_known: dict[str, list[str]] = {}
        self._emails: dict[str, int] = {}                     # folded email -> slot
        self._words: list[str] = []                           # sorted distinct words, for prefixes
        self._plain: list[str] = []                           # the same, without names run together
        self._blob = ""
        self._starts: list[int] = []
        self._name_words: list[frozenset[str]] = []           # per slot, its name words (coverage)
        self._place: list[tuple[str, str]] = []               # per slot, (folded name, registration id)
        self._ids: dict[str, int] = {}                        # folded registration id -> slot
        self._id_list: list[str] = []
        self._tails: dict[str, list[int]] = {}
        self._dirty = False
        self._settled_once = False
        self._new_words: set[str] = set()
        self._new_sounds: set[str] = set()
        self._new_ids: set[str] = set()
        for r in records:
            self._put(r)
        self._settle()

    def __len__(self) -> int:
        return sum(1 for r in self._records if r is not None)

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, event) -> "SearchIndex":
        return cls(_records(Attendee.select(*_COLUMNS).where(Attendee.event == event)))

    def add(self, record: SearchRecord, *, settle: bool = True) -> None:
        """Add a person, or replace them if their attendee id is already in the index."""
        self._put(record)
        if settle:
            self._settle()

    def remove(self, attendee_id: int, *, settle: bool = True) -> None:
        """Take a person out (gone from the list); unknown ids are ignored."""
        slot = self._slots.pop(attendee_id, None)
        if slot is not None:
            self._drop(slot)
            self._dirty = True
        if settle:
            self._settle()

    def settle(self) -> None:
        """After `add`/`remove` with settle=False: rebuild the sorted word lists once."""
        self._settle()

    def _put(self, r: SearchRecord) -> None:
        if r.attendee_id in self._slots:
            self._drop(self._slots[r.attendee_id])
        slot = len(self._records)
        self._records.append(r)
        self._slots[r.attendee_id] = slot
        words, name_set = _record_words(r.names + (r.name_latin,), r.organisation)
        for word, kind in words.items():
            if word not in self._postings:
                self._postings[word] = (set(), set(), set(), set())
            self._postings[word][kind].add(slot)
            self._new_words.add(word)
            if kind in (NAME, ROMANISED) and word.isascii():
                key = sound_key(word)
                if key:
                    self._sounds.setdefault(key, set()).add(word)
                    self._new_sounds.add(key)
        if r.email:
            self._emails[fold(r.email)] = slot
        self._name_words.append(name_set)
        # Name order, the last tie-break: kept per person, so adding one sorts nobody else.
        self._place.append((fold(r.name), r.registration_id))
        key = _id_key(r.registration_id)
        self._ids[key] = slot
        self._new_ids.add(key)
        tail = _id_tail(r.registration_id)
        if tail:
            self._tails.setdefault(tail, []).append(slot)
        self._dirty = True

    def _drop(self, slot: int) -> None:
        old = self._records[slot]
        self._records[slot] = None
        # Only the postings of the person's own words hold their slot.
        words, _names = _record_words(old.names + (old.name_latin,), old.organisation)
        for word in words:
            posting = self._postings.get(word)
            if posting is not None:
                for slots in posting:
                    slots.discard(slot)
        if old.email and self._emails.get(fold(old.email)) == slot:
            del self._emails[fold(old.email)]
        if self._ids.get(_id_key(old.registration_id)) == slot:
            del self._ids[_id_key(old.registration_id)]
        tail = self._tails.get(_id_tail(old.registration_id))
        if tail and slot in tail:
            tail.remove(slot)

    def _settle(self) -> None:
        if not self._dirty:
            return
        if not self._settled_once:
            self._settle_all()
        else:
            self._settle_new()
        self._new_words, self._new_sounds, self._new_ids = set(), set(), set()
        self._settled_once, self._dirty = True, False

    def _settle_all(self) -> None:
        self._words = sorted(w for w, p in self._postings.items() if any(p))
        # Substrings and typos are looked for among the words themselves, not the names run
        # together (those are for "nguyenvanduc" typed without spaces, found by prefix).
        self._plain = [w for w in self._words if self._is_plain(w)]
        self._sound_list = sorted(k for k, v in self._sounds.items() if v)
        self._sound_known = {k: [w for w in v if w in self._postings and any(self._postings[w])]
                             for k, v in self._sounds.items()}
        self._join_plain()
        self._id_list = sorted(self._ids)

    def _settle_new(self) -> None:
        """After a few people were added or replaced: their new words go into the sorted lists
        in place. Words nobody has any more stay listed with empty postings, which match nobody."""
        plain_changed = False
        for word in sorted(self._new_words):
            if _insort_new(self._words, word) and self._is_plain(word):
                plain_changed |= _insort_new(self._plain, word)
        if plain_changed:
            self._join_plain()
        for key in self._new_sounds:
            _insort_new(self._sound_list, key)
            self._sound_known[key] = [w for w in self._sounds[key] if w in self._postings and any(self._postings[w])]
        for key in self._new_ids:
            _insort_new(self._id_list, key)

    def _is_plain(self, word: str) -> bool:
        posting = self._postings[word]
        return bool(posting[NAME] or posting[ORGANISATION] or posting[ROMANISED])

    def _join_plain(self) -> None:
        # All words in one string, so a substring is found by str.find rather than a loop.
        self._blob = "\n".join(self._plain)
        self._starts, at = [], 0
        for w in self._plain:
            self._starts.append(at)
            at += len(w) + 1

    # -- searching --------------------------------------------------------------------------
    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        text = fold(query or "")
        if not text or limit <= 0:
            return []
        # slot -> (0 if it matched every word, -score, name words left over, place by name)
        ranks: dict[int, tuple] = {}
        by_id = self._by_registration(text)
        if "@" in text and text.strip() in self._emails:
            by_id = [(self._emails[text.strip()], EMAIL_EXACT)] + by_id
        for slot, score in by_id:
            ranks.setdefault(slot, (0, -score, 0, ("",), _id_key(self._records[slot].registration_id)))
        if typed_length(text) < MIN_QUERY and not ranks:
            # "an", "vy", "喆": a whole name that short is answered, but only by people called that.
            for word in name_words(text)[:1]:
                posting = self._postings.get(word)
                if posting and posting[NAME]:
                    hits = posting[NAME]
                    for slot in _top({s_: SHORT_EXACT for s_ in hits}, limit):
                        ranks[slot] = (0, -SHORT_EXACT, self._left(slot, frozenset([word])), self._place[slot], "")
        if typed_length(text) >= MIN_QUERY:
            words = name_words(text)
            per_word = [self._match_word(w) for w in words]
            asked = frozenset(words) | {canonical(w) for w in words}
            if len(per_word) == 1:
                scored = {slot: score for slot, score in per_word[0].items() if slot not in ranks}
            else:
                full = set(per_word[0]).intersection(*per_word[1:]) - ranks.keys()
                scored = {slot: min(m[slot] for m in per_word) for slot in full}
            for slot in _top(scored, limit):
                ranks[slot] = (0, -scored[slot], self._left(slot, asked), self._place[slot], "")
            exact_id = any(score == REGISTRATION_EXACT for _slot, score in by_id)
            if len(words) > 1 and len(ranks) < limit and not exact_id:
                # Some words found nothing (a word not on the list, a badly typed one): a person
                # matching most of them may still be the one, after all who match every word.
                lengths = [typed_length(w) for w in words]
                partial: dict[int, float] = {}
                for slot in set().union(*per_word) - ranks.keys():
                    hit = [n for n, m in enumerate(per_word) if slot in m]
                    if len(hit) * 2 >= len(words) and sum(lengths[n] for n in hit) >= MIN_QUERY:
                        partial[slot] = min(per_word[n][slot] for n in hit) * len(hit) / len(words)
                for slot in _top(partial, limit):
                    ranks[slot] = (1, -partial[slot], self._left(slot, asked), self._place[slot], "")
        best = heapq.nsmallest(limit, ranks.items(), key=lambda kv: kv[1])
        return [self._hit(slot, -rank[1]) for slot, rank in best]

    def _left(self, slot: int, asked: frozenset[str]) -> int:
        """How many of the person's name words the query did not name."""
        words = self._name_words[slot]
        return len(words) - len(words & asked)

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
                if self._id_list[i] in self._ids:   # a removed person's id stays listed, matching nobody
                    found.setdefault(self._ids[self._id_list[i]], REGISTRATION_PREFIX)
                i += 1
            for slot in self._tails.get(key.lstrip("0"), ()) if key.isdigit() else ():
                found.setdefault(slot, REGISTRATION_EXACT - 1)
        return [(s, v) for s, v in found.items() if self._records[s] is not None]

    def _match_word(self, word: str) -> dict[int, float]:
        """Each person this word matches, with the word's best score for them.

        Matches are gathered as (score, people) levels and applied best first, each person
        keeping the first (best) score they get: set operations, not a loop per person."""
        levels: list[tuple[float, set[int]]] = []

        def level(token: str, name_score: float, joined_score: float) -> None:
            names, joined, organisations, romanised = self._postings[token]
            if names:
                levels.append((name_score, names))
            if romanised:
                levels.append((name_score - ROMANISED_PENALTY, romanised))
            if joined:
                levels.append((joined_score, joined))
            if organisations:
                levels.append((name_score - ORGANISATION_PENALTY, organisations))

        for w in {word, canonical(word)}:
            if w in self._postings:
                level(w, EXACT, JOINED_EXACT)
        i = bisect.bisect_left(self._words, word)
        while i < len(self._words) and self._words[i].startswith(word):
            if self._words[i] != word:
                level(self._words[i], PREFIX, JOINED_PREFIX)
            i += 1
        length = typed_length(word)
        if length >= MIN_QUERY:
            for token in self._containing(word):
                level(token, SUBSTRING, SUBSTRING)
        if length >= FUZZY_MIN and any(ch.isalpha() for ch in word):
            target = canonical(word)
            for token, ratio, _ in process.extract(target, self._plain, scorer=fuzz.ratio,
                                                   score_cutoff=_fuzzy_cutoff(target), limit=40):
                level(token, 40.0 + 0.3 * ratio, 40.0 + 0.3 * ratio)
        # Only for a word whose letters found no name as written or begun ("nguy" is Nguyen typed).
        lettered = any(score >= PREFIX - ROMANISED_PENALTY - ORGANISATION_PENALTY for score, _ in levels)
        if length >= 3 and not lettered and word.isascii() and word.isalpha() and any(v in word for v in "aeiouy"):
            # The same sounds in another convention's spelling ("jaidee" ~ RTGS "chaidi"): scored
            # below every match of the letters themselves, closer spellings higher.
            key = sound_key(word)
            keys = {key: SOUND_EXACT}
            if len(key) >= 3 and length >= 4:   # "skswn": a prefix or a near skeleton says something; "k" does not
                i = bisect.bisect_left(self._sound_list, key)
                while i < len(self._sound_list) and self._sound_list[i].startswith(key):
                    keys.setdefault(self._sound_list[i], SOUND_PREFIX)
                    i += 1
                for other, ratio, _ in process.extract(key, self._sound_list, scorer=fuzz.ratio, score_cutoff=80,
                                                       limit=20):
                    keys.setdefault(other, SOUND_PREFIX - 6 - (100 - ratio) / 4)
            for other, base in keys.items():
                for token in self._sound_known.get(other, ())[:200]:
                    score = base - 12.0 + 0.12 * fuzz.ratio(word, token)
                    level(token, score, score)
        out: dict[int, float] = {}
        for score, slots in sorted(levels, key=lambda lv: -lv[0]):
            if slots:
                out.update(dict.fromkeys(slots.difference(out), score))
        return out

    def _containing(self, word: str) -> list[str]:
        """Words that contain `word` other than at their start, found in one C-speed scan."""
        found = []
        blob, starts = self._blob, self._starts
        at = blob.find(word)
        while at >= 0:
            n = bisect.bisect_right(starts, at) - 1
            if starts[n] != at:
                found.append(self._plain[n])
            at = blob.find(word, starts[n + 1] if n + 1 < len(starts) else len(blob))
        return found


@lru_cache(maxsize=32768)
def _record_words(names: tuple[str, ...], organisation: str) -> tuple[dict[str, int], frozenset[str]]:
    """A person's index words, each with the best kind it has for them, and their name words."""
    words: dict[str, int] = {}
    parts = [name_words(x) for x in names if x]
    for ws in parts:
        for w in ws:
            words[w] = NAME
            words[canonical(w)] = NAME
    joined = ["".join(ws) for ws in parts if len(ws) > 1]
    if len(parts) > 1:
        # Given + family in both orders, run together: "nguyenvanduc", "ducnguyen".
        joined += ["".join(parts[0] + parts[1]), "".join(parts[1] + parts[0])]
    for w in joined:
        words.setdefault(w, JOINED)
    for x in names:
        if has_native(x):
            for key in latin_keys(x):
                ws = [w for w in key.split() if w]
                for w in ws:
                    words.setdefault(w, ROMANISED)
                if len(ws) > 1:
                    words.setdefault("".join(ws), JOINED)
    for w in fold(organisation).replace("-", " ").split():
        w = w.strip(".,;:'\"()[]&")
        if w:
            words.setdefault(w, ORGANISATION)
    return words, frozenset(w for ws in parts for w in ws)


def _insort_new(items: list[str], item: str) -> bool:
    """Put `item` into the sorted list unless it is there; True if it was added."""
    at = bisect.bisect_left(items, item)
    if at < len(items) and items[at] == item:
        return False
    items.insert(at, item)
    return True


def _top(scores: dict[int, float], limit: int) -> list[int]:
    """The people whose score is among the best `limit` scores (all of them on a tie, since the
    tie-break comes later): only these need the full ranking key."""
    if len(scores) <= limit:
        return list(scores)
    floor = heapq.nlargest(limit, scores.values())[-1]
    return [slot for slot, score in scores.items() if score >= floor]


def _fuzzy_cutoff(word: str) -> float:
    # One wrong letter in a four-letter word is 75 by ratio; longer words may carry two typos.
    return 75.0 if len(word) <= 5 else 72.0


# -- one index per event, kept current -----------------------------------------------------------

# Past this many changed people a rebuild is quicker than replacing them one by one.
REBUILD_AT = 2000
_ATTENDEE = Attendee._meta.table_name
_COLUMNS = (Attendee.id, Attendee.registration_id, Attendee.given_name, Attendee.family_name,
            Attendee.preferred_name, Attendee.name_latin, Attendee.name_order, Attendee.honorific,
            Attendee.organisation, Attendee.email, Attendee.name_native)


@dataclass
class _Cached:
    cursor: int             # the change log's cursor (checkin/store/row_log.py) the index reflects
    index: SearchIndex


_lock = threading.Lock()
_cache: dict[tuple, _Cached] = {}


def _db_key(event_id: int) -> tuple:
    db = database.obj
    return (id(db), str(getattr(db, "database", "")), event_id)


def _records(query) -> Iterable[SearchRecord]:
    for i, reg, g, f, p, lat, order, hon, org, mail, native in query.tuples():
        yield SearchRecord.of(i, reg, PersonName(g, f, p, lat, order or "given-first", hon), org, mail or "",
                              native or "")


def index_for(event) -> SearchIndex:
    """The event's index, kept current with the attendee rows the change log names since it was
    last looked at (here, at another desk, by the command line or an organiser's import): a few
    people are replaced in place; a long list, or a log that cannot say (a purge), rebuilds it."""
    key = _db_key(event.id)
    db = database.obj
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            changed = row_log.changed_since(db, cached.cursor, tables=(_ATTENDEE,))
            if changed is not None:
                ids = changed.rows.get(_ATTENDEE, frozenset())
                if len(ids) <= REBUILD_AT:
                    if ids:
                        _replace(cached.index, event, ids)
                    cached.cursor = changed.cursor
                    return cached.index
        # The cursor first: a change committed while the index is built is read again next time.
        cursor = row_log.cursor_now(db)
        index = SearchIndex.build(event)
        _cache[key] = _Cached(cursor, index)
        return index


def _replace(index: SearchIndex, event, ids: frozenset[int]) -> None:
    found = list(_records(Attendee.select(*_COLUMNS).where(Attendee.id.in_(sorted(ids)),
                                                           Attendee.event == event)))
    for record in found:
        index.add(record, settle=False)
    for gone in ids - {r.attendee_id for r in found}:
        index.remove(gone, settle=False)
    index.settle()


def search(event, query: str, limit: int = 10) -> list[SearchHit]:
    return index_for(event).search(query, limit)


def invalidate(event_id: int | None = None) -> None:
    """Forget the index of one event (or of all): the next search rebuilds it."""
    with _lock:
        for key in [k for k in _cache if event_id is None or k[2] == event_id]:
            del _cache[key]
