"""Search from any keyboard: a regression set of real-looking names in nine ASEAN script groups
(tests/fixtures/asean-names.csv, the same names bench/search_quality.py measures)."""

import sys
from pathlib import Path

import pytest

from checkin.names.person import PersonName, fold
from checkin.names.romanise import latin_keys, sound_key
from checkin.names.search import SearchIndex, SearchRecord

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import search_quality  # noqa: E402


@pytest.fixture(scope="module")
def figures():
    return search_quality.measure(n_distractors=500)["_shares"]


@pytest.mark.parametrize("kind", ["native", "romanised", "given only", "one typo"])
def test_top1_is_at_least_95_percent(figures, kind):
    assert figures[kind] >= 0.95, figures


def test_names_stored_only_in_their_own_script_are_found_from_a_latin_keyboard(figures):
    assert figures["romanised, stored only in native script (all)"] >= 0.90, figures
    for script in ("thai", "lao", "khmer", "myanmar", "chinese", "tamil"):
        assert figures[f"romanised, stored only in {script}"] >= 0.80, (script, figures)


@pytest.mark.parametrize("native,latin", [
    ("สมชาย ใจดี", "samachai chaidi"), ("ສຸກສະຫວັນ", "souksahvan"), ("ជា សុភាព", "cha sophap"), ("陈美玲", "chen mei ling"),
    ("林", "lim"), ("အောင်ကျော်မိုး", "aung kyaw moe"), ("김민준", "gimminjun"),
])
def test_native_names_get_latin_keys(native, latin):
    assert latin in latin_keys(native)


@pytest.mark.parametrize("a,b", [("jaidee", "chaidi"), ("souksavanh", "souksahvan"), ("thanakorn", "thanakon"),
                                 ("khin", "hkain"), ("subramaniam", "cuppiramaniyam"), ("zaw", "jaw")])
def test_romanisation_conventions_sound_alike(a, b):
    assert sound_key(a) == sound_key(b)


def people(*names):
    return SearchIndex([SearchRecord.of(i, f"R-{i}", PersonName(*n[:2], name_latin=n[2] if len(n) > 2 else "",
                                                                name_order=n[3] if len(n) > 3 else "given-first"),
                                        "", email=n[4] if len(n) > 4 else "")
                        for i, n in enumerate(names)])


def test_short_given_names_and_single_ideographs_are_found_exactly():
    index = people(("An", "Nguyen", "", "family-first"), ("Anh", "Tran", "", "family-first"),
                   ("Vy", "Hoang", "", "family-first"), ("Vyacheslav", "Ivanov"), ("喆", "王", "", "family-first"),
                   ("喆明", "李", "", "family-first"))
    assert [h.attendee_id for h in index.search("an")] == [0]
    assert [h.attendee_id for h in index.search("vy")] == [2]
    assert [h.attendee_id for h in index.search("喆")] == [4]


def test_eth_folds_to_d_and_email_finds_the_person():
    assert fold("ÐỨC") == fold("Đức") == "duc" and fold("ðuc") == "duc"
    index = people(("Văn Đức", "Nguyễn", "", "family-first", "duc.nguyen@example.vn"), ("Duc", "Tran"))
    assert index.search("Ðuc Nguyen")[0].attendee_id == 0
    assert [h.attendee_id for h in index.search("Duc.Nguyen@example.vn")][:1] == [0]


def test_a_native_name_column_is_searched(event, tmp_path):
    from checkin.imports.importer import import_attendees
    from checkin.names.search import search
    from conftest import FIXTURES

    import_attendees(FIXTURES / "exports" / "round2" / "luma-status.csv", event=event)
    assert search(event, "สมชาย")[0].registration_id == "gst-1"
    assert search(event, "somchai@example.th")[0].registration_id == "gst-1"
