"""Search as the desk uses it: a few letters of any part of any ASEAN name find the right person
first. The table runs over tests/fixtures/search-people.csv (96 people from all ten ASEAN
countries, with look-alike names so the ranking matters)."""

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EVENT_MORNING, FIXTURES, MINI_EVENT, run_cli

PEOPLE = FIXTURES / "search-people.csv"

# query -> the registration id that must come first
CASES = [
    # Viet Nam: family-first, diacritics ignored, đ = d, parts in any order
    ("Nguyễn Thị Thu Hà", "VN-001"),
    ("nguyen thi thu ha", "VN-001"),
    ("thu ha nguyen", "VN-001"),
    ("nguyen thi thu hang", "VN-004"),
    ("Hằng", "VN-004"),
    ("duc anh tran", "VN-002"),
    ("tran duc", "VN-002"),
    ("dang van hung", "VN-003"),
    ("Đặng Văn Hùng", "VN-003"),
    ("DANG VAN HUNG", "VN-003"),
    ("pham minh tuan", "VN-005"),
    ("le hoang dat", "VN-006"),
    ("do thi mai", "VN-007"),
    ("nguyen van duc", "VN-008"),
    ("nguyen van duc anh", "VN-009"),
    ("nguyenvanduc", "VN-008"),
    ("huynh ngoc anh", "VN-010"),
    ("vu quoc bao", "VN-011"),
    ("nguyen van dcu", "VN-008"),
    # Thailand: native script, Latin spelling, nickname, honorific Khun
    ("สมศักดิ์", "TH-001"),
    ("สมศักดิ์ ศรีสุข", "TH-001"),
    ("somsak", "TH-001"),
    ("somsri srisuk", "TH-005"),
    ("Dr Somsak Srisuk", "TH-001"),
    ("nattapon", "TH-002"),
    ("Ton", "TH-002"),
    ("ณัฐพล", "TH-002"),
    ("khun pimchanok", "TH-003"),
    ("kaewmanee", "TH-003"),
    ("พิมพ์ชนก", "TH-003"),
    ("kanokwan", "TH-004"),
    ("piyapong thongdee", "TH-006"),
    ("ทองดี", "TH-006"),
    ("arunee", "TH-007"),
    # Lao: native script and Latin
    ("ສົມພອນ", "LA-001"),
    ("somphone", "LA-001"),
    ("phommavong", "LA-001"),
    ("phommachanh", "LA-004"),
    ("bounmy", "LA-003"),
    ("ສີສຸວັນ", "LA-003"),
    ("khamla souvannavong", "LA-002"),
    ("vanna sengthong", "LA-005"),
    # Cambodia: family-first, Khmer script
    ("sok dara", "KH-001"),
    ("dara sok", "KH-001"),
    ("H.E. Sok Dara", "KH-001"),
    ("ដារ៉ា", "KH-001"),
    ("sok dany", "KH-005"),
    ("chea sophal", "KH-002"),
    ("heng sreymom", "KH-003"),
    ("chan sophea", "KH-004"),
    ("សុភា", "KH-004"),
    ("meas bopha", "KH-006"),
    ("keo vuthy", "KH-007"),
    ("pich chanda", "KH-008"),
    # Myanmar: single names, U and Daw ignored
    ("U Aung Kyaw Moe", "MM-001"),
    ("aung kyaw moe", "MM-001"),
    ("aung kyaw oo", "MM-005"),
    ("အောင်ကျော်", "MM-005"),
    ("Daw Khin Mar Lar", "MM-002"),
    ("khin mar", "MM-002"),
    ("ခင်မာ", "MM-002"),
    ("thandar win", "MM-003"),
    ("thant zin", "MM-004"),
    ("hnin wai", "MM-006"),
    ("zaw min htet", "MM-007"),
    ("Daw Thiri", "MM-008"),
    ("သီရိ", "MM-008"),
    # Malaysia: bin/binti, a/l, a/p, titles, Mohd = Muhammad, Abd = Abdul, Chinese script
    ("Dato' Ahmad Faizal", "MY-001"),
    ("ahmad faizal muhammad yusof", "MY-001"),
    ("faizal mohamed yusof", "MY-001"),
    ("Datin Siti Aishah", "MY-002"),
    ("siti aishah binti abdullah", "MY-002"),
    ("siti aisyah", "MY-012"),
    ("Tan Sri Muthusamy", "MY-003"),
    ("muthusamy a/l ramasamy", "MY-003"),
    ("ramasamy", "MY-003"),
    ("Dr Kavitha", "MY-004"),
    ("kavitha subramaniam", "MY-004"),
    ("陈美玲", "MY-005"),
    ("美玲", "MY-005"),
    ("tan mei ling", "MY-005"),
    ("mei ling", "MY-005"),
    ("tan mei lin", "MY-006"),
    ("lim wei jie", "MY-007"),
    ("Haji Mohd Hafiz bin Abd Rahman", "MY-008"),
    ("muhammad hafiz abdul rahman", "MY-008"),
    ("mohd hafiz razak", "MY-009"),
    ("nurul izzah", "MY-010"),
    ("Hajjah Nurul Izzah", "MY-010"),
    ("wong kah mun", "MY-011"),
    ("Datuk Seri Rajesh", "MY-013"),
    ("Dato' Seri Mohamed Ariff", "MY-014"),
    ("muhammad ariff ibrahim", "MY-014"),
    ("lee chong wei", "MY-015"),
    # Brunei
    ("mohd zulkifli", "BN-001"),
    ("zulkifli abd rahman", "BN-001"),
    ("nurul huda", "BN-002"),
    ("norliza abdul karim", "BN-003"),
    ("khairul anwar", "BN-004"),
    ("rosmawati", "BN-005"),
    ("rosma", "BN-005"),
    # Indonesia: single names
    ("sukarni", "ID-001"),
    ("siti rahmawati", "ID-002"),
    ("wahyudi", "ID-003"),
    ("dewi lestari", "ID-004"),
    ("putri maharani", "ID-005"),
    ("bambang hartono", "ID-006"),
    ("bambang hartanto", "ID-007"),
    ("rizky pratama", "ID-008"),
    ("sutrisno", "ID-009"),
    ("retno", "ID-010"),
    # Philippines: ñ, dela / de los
    ("ibanez", "PH-001"),
    ("Ibañez", "PH-001"),
    ("tina ibanez", "PH-001"),
    ("jose miguel dela cruz", "PH-002"),
    ("jose manuel", "PH-005"),
    ("delacruz jose manuel", "PH-005"),
    ("penaflor", "PH-003"),
    ("juan carlos de los santos", "PH-004"),
    ("angelica villanueva", "PH-006"),
    ("ramon nunez", "PH-007"),
    ("Ma. Luisa Santiago", "PH-008"),
    ("magtanggol", "PH-009"),
    # Singapore
    ("tan wei ming", "SG-001"),
    ("wei ming", "SG-001"),
    ("nur aisyah", "SG-002"),
    ("priya", "SG-003"),
    ("黄志强", "SG-004"),
    ("wong chee keong", "SG-004"),
    ("goh hui min", "SG-005"),
    ("rachel lim", "SG-006"),
    ("kumar pillai", "SG-007"),
    ("koh jia hui", "SG-008"),
    # others at the Forum
    ("sarah johnson", "INT-001"),
    ("obrien", "INT-005"),
    ("o'brien", "INT-005"),
    ("al hassan", "INT-006"),
    ("anna nguyen", "INT-007"),
    ("david tan", "INT-008"),
    # prefixes: the first letters the desk types
    ("kavi", "MY-004"),
    ("sukar", "ID-001"),
    ("magt", "PH-009"),
    ("villan", "PH-006"),
    ("lindq", "INT-003"),
    ("somp", "LA-001"),
    # typos
    ("somchak srisuk", "TH-001"),
    ("nattaporn", "TH-002"),
    ("kaewmanee pimchanock", "TH-003"),
    ("muthusammy", "MY-003"),
    ("villaneuva", "PH-006"),
    ("lindkvist", "INT-003"),
    ("souvanavong", "LA-002"),
    ("kusumawardani", "ID-004"),
    ("ramachandren", "SG-003"),
    ("magtangol", "PH-009"),
    # organisation and registration id
    ("ECPAT", "ID-004"),
    ("stairway", "PH-003"),
    ("sinar project", "MY-005"),
    ("viettel", "VN-002"),
    ("tiktok", "SG-006"),
    ("interpol", "INT-006"),
    ("VN-004", "VN-004"),
    ("vn-004", "VN-004"),
    ("mm 007", "MM-007"),
    ("PH-00", "PH-001"),
]


@pytest.fixture(scope="module")
def people_index(tmp_path_factory):
    """The fixture list imported into a real database once, searched through the event's index."""
    from checkin.store.schema import open_database
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from checkin.names.search import index_for

    db = open_database(str(tmp_path_factory.mktemp("search") / "people.sqlite3"))
    save_event(read_event_file(MINI_EVENT), now=EVENT_MORNING)
    event = get_event("mini-2025")
    result = import_attendees(PEOPLE, event=event, now=EVENT_MORNING)
    assert result.created >= 90 and not result.errors
    index = index_for(event)
    yield index
    db.close()


def test_the_table_covers_every_asean_country():
    prefixes = {expected.split("-")[0] for _q, expected in CASES}
    assert {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN"} <= prefixes
    assert len(CASES) >= 60


@pytest.mark.parametrize("query, expected", CASES, ids=[q for q, _e in CASES])
def test_query_finds_the_person_first(people_index, query, expected):
    hits = people_index.search(query)
    assert hits, f"{query!r} found nobody"
    assert hits[0].registration_id == expected, [(h.registration_id, h.name, h.score) for h in hits[:4]]


def test_exact_and_prefix_matches_come_before_typos(people_index):
    hits = people_index.search("tan")
    tiers = [h.score for h in hits]
    assert tiers == sorted(tiers, reverse=True)
    exact = {h.registration_id for h in hits if h.score == 100}
    assert exact == {"INT-008", "MY-005", "MY-006", "SG-001"}          # family name Tan, in any script
    assert hits[len(exact)].registration_id == "INT-002"               # then Tanaka, a prefix


def test_a_name_with_fewer_words_left_over_ranks_first(people_index):
    ids = [h.registration_id for h in people_index.search("nguyen van duc")]
    assert ids[:2] == ["VN-008", "VN-009"]


def test_variants_find_each_other(people_index):
    for query in ("mohd hafiz", "muhd hafiz", "muhammad hafiz", "mohamed hafiz", "mohammad hafiz"):
        assert {h.registration_id for h in people_index.search(query)[:2]} == {"MY-008", "MY-009"}, query
    assert people_index.search("abdul karim")[0].registration_id == "BN-003"   # listed as Abd


def test_honorifics_alone_and_short_queries_find_nobody(people_index):
    assert people_index.search("ng") == []
    assert people_index.search("  ") == []
    assert people_index.search("美") == []                 # one ideograph: not yet
    assert people_index.search("美玲")[0].registration_id == "MY-005"
    assert people_index.search("zzqx") == []


def test_an_exact_registration_id_answers_even_when_short(tmp_path):
    from checkin.names.search import SearchIndex, SearchRecord
    from checkin.names.person import PersonName

    index = SearchIndex([SearchRecord.of(1, "A7", PersonName("Siti")), SearchRecord.of(2, "A8", PersonName("Ana"))])
    assert [h.registration_id for h in index.search("a7")] == ["A7"]
    assert index.search("si") == []


def test_add_replaces_a_person_by_attendee_id():
    from checkin.names.person import PersonName
    from checkin.names.search import SearchIndex, SearchRecord

    index = SearchIndex([SearchRecord.of(1, "R-1", PersonName("Bopha", "Meas", name_order="family-first"))])
    index.add(SearchRecord.of(1, "R-1", PersonName("Bopha", "Keo", name_order="family-first")))
    assert index.search("meas") == []
    assert [h.name for h in index.search("keo bopha")] == ["Keo Bopha"]
    assert len(index) == 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_no_query_crashes(people_index, query):
    hits = people_index.search(query, limit=5)
    assert len(hits) <= 5
    assert all(0 < h.score <= 100 for h in hits)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Dato'", "bin", "a/l", "U", "Tan Sri", "H.E.", "Nguyễn", "đ", "ก่", "ำ",
                                 "陈", "-", "'", ".", "Mohd", "\u200b", "\u0301", "ﬁ"]), max_size=8), st.text(max_size=6))
def test_no_name_breaks_the_index(parts, tail):
    from checkin.names.person import PersonName
    from checkin.names.search import SearchIndex, SearchRecord

    name = " ".join(parts) + tail
    index = SearchIndex([SearchRecord.of(1, "X-1", PersonName(name, tail)),
                         SearchRecord.of(2, "X-2", PersonName("Siti"))])
    index.search(name)
    index.search(tail + " siti")


# -- the index follows the list -----------------------------------------------------------------

def _write(path, rows):
    header = "registration_id,given_name,family_name,name_order,organisation\n"
    path.write_text(header + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")


def test_search_sees_an_updated_import_and_a_walk_in(loaded, desk_staff, tmp_path):
    from checkin.imports.importer import import_attendees
    from checkin.names.search import index_for
    from checkin.names.search import search
    from checkin.desk.walkins import WalkIn, register_walk_in

    assert search(loaded, "nguyen")[0].registration_id == "M-001"
    first = index_for(loaded)
    assert index_for(loaded) is first                     # nothing changed: the same index
    csv = tmp_path / "more.csv"
    _write(csv, [("M-900", "Thị Lan", "Vũ", "family-first", "UNICEF Viet Nam")])
    import_attendees(csv, event=loaded, now=EVENT_MORNING)
    assert search(loaded, "vu thi lan")[0].registration_id == "M-900"
    # An update written with the same clock reading: the change log names the row all the same.
    _write(csv, [("M-900", "Thị Lan", "Võ", "family-first", "UNICEF Viet Nam")])
    import_attendees(csv, event=loaded, now=EVENT_MORNING)
    assert search(loaded, "vo thi lan")[0].registration_id == "M-900"
    assert all(h.score < 100 for h in search(loaded, "vu thi lan"))
    assert index_for(loaded) is first                     # both imports replaced one person in place
    before = index_for(loaded)
    register_walk_in(WalkIn(given_name="Ratana", family_name="Chea", organisation="Khmer Youth Voice",
                            reason="invited by the co-host ministry"), event=loaded,
                     approved_by=desk_staff["organiser"], now=EVENT_MORNING)
    assert search(loaded, "ratana")[0].registration_id == "WALKIN-0001"
    assert index_for(loaded) is before                    # added in place, not rebuilt


def test_search_sees_a_change_made_by_another_process(loaded, desk_staff, db_path, tmp_path):
    from checkin.names.search import index_for, search

    assert search(loaded, "kaewmanee") == []
    first = index_for(loaded)
    shutil.copy(PEOPLE, tmp_path / "people.csv")
    done = run_cli("attendees", "import", str(tmp_path / "people.csv"), db_path=db_path, staff=("Olivia Organiser", "314159"))
    assert done.returncode == 0, done.stderr
    assert search(loaded, "kaewmanee")[0].registration_id == "TH-003"
    assert index_for(loaded) is first                     # the new people were added in place


def test_a_long_list_of_changes_rebuilds_and_a_removed_person_leaves_the_index(loaded, desk_staff, tmp_path,
                                                                              monkeypatch):
    from checkin.imports.importer import import_attendees
    from checkin.names import search as searching
    from checkin.store.models import Attendee

    first = searching.index_for(loaded)
    monkeypatch.setattr(searching, "REBUILD_AT", 2)
    csv = tmp_path / "three.csv"
    _write(csv, [(f"M-90{n}", given, "Lim", "family-first", "") for n, given in enumerate(("Wei", "Jun", "Hui"))])
    import_attendees(csv, event=loaded, now=EVENT_MORNING)
    rebuilt = searching.index_for(loaded)
    assert rebuilt is not first and searching.search(loaded, "lim hui")[0].registration_id == "M-902"
    Attendee.delete().where(Attendee.registration_id == "M-902").execute()
    assert [h.registration_id for h in searching.search(loaded, "lim hui") if h.score >= 90] == []
    assert searching.index_for(loaded) is rebuilt and len(rebuilt) == 7


# -- the command line ---------------------------------------------------------------------------

def test_cli_search(db_path):
    org = ("Olivia Organiser", "314159")
    assert run_cli("staff", "add", org[0], "--role", "organiser", "--pin-stdin", db_path=db_path,
                   stdin=org[1] + "\n").returncode == 0
    assert run_cli("event", "load", str(FIXTURES / "mini-event.toml"), db_path=db_path, staff=org).returncode == 0
    assert run_cli("attendees", "import", str(PEOPLE), db_path=db_path, staff=org).returncode == 0
    out = run_cli("search", "Dato' Mohamed Ariff", "--limit", "3", db_path=db_path, staff=org)
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)["results"]
    assert results[0] == {"registration_id": "MY-014", "name": "Mohamed Ariff bin Ibrahim",
                          "organisation": "National Cyber Security Agency", "score": 100.0}
    assert len(results) <= 3
    thai = json.loads(run_cli("search", "somsak", db_path=db_path, staff=org).stdout)["results"][0]
    assert thai["name"] == "สมศักดิ์ ศรีสุข (Somsak Srisuk)"
    assert json.loads(run_cli("search", "ng", db_path=db_path, staff=org).stdout) == {"results": []}
    bad = run_cli("search", "tan", "--limit", "0", db_path=db_path, staff=org)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and bad.stdout == ""


def test_a_station_searches_its_event(loaded, desk_staff):
    from checkin.stations.station import Station, StationSettings

    station = Station(StationSettings(event_code="mini-2025"), desk_staff["desk"], clock=lambda: EVENT_MORNING)
    hits = station.search("nguy")
    assert [h.registration_id for h in hits] == ["M-001"]
    assert hits[0].name == "Nguyễn Văn Đức" and hits[0].organisation == "Ministry of Information"
    assert station.search("ca") == []


def test_an_index_changed_person_by_person_answers_as_one_built_afresh(people_index):
    """Adds, replacements (a renamed person, a changed id) and removals, settled a few at a time,
    then every query of the table and some of their prefixes asked of both indexes."""
    import random

    from checkin.names.search import SearchIndex, SearchRecord
    from checkin.names.person import PersonName

    rnd = random.Random(7)
    people = {r.attendee_id: r for r in people_index._records if r is not None}
    grown = SearchIndex(list(people.values())[:40])
    pending = list(people.values())[40:]
    for step in range(30):
        for record in pending[step * 3:step * 3 + 3]:
            grown.add(record, settle=False)
            people[record.attendee_id] = record
        victim = rnd.choice(sorted(people))
        if step % 3 == 0:
            grown.remove(victim, settle=False)
            del people[victim]
        else:
            old = people[victim]
            renamed = SearchRecord.of(victim, old.registration_id + "X", PersonName(f"Renamed{step}", "Person"),
                                      "Moved Agency", "")
            grown.add(renamed, settle=False)
            people[victim] = renamed
        grown.settle()
    fresh = SearchIndex(people.values())
    asked = [q for q, _e in CASES] + [q[:4] for q, _e in CASES] + ["renamed1", "moved agency", "person"]
    for query in asked:
        assert [(h.registration_id, h.score) for h in grown.search(query, 10)] == \
               [(h.registration_id, h.score) for h in fresh.search(query, 10)], query
