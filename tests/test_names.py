"""The name model: folding for comparison, badge and display names, and the badge batch order."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkin.names.person import (PersonName, badge_name, canonical, display_name, fold, full_name, name_words, sort_key,
                           sort_letter, youth_badge_name)


@pytest.mark.parametrize("text, folded", [
    ("Nguyễn", "nguyen"),
    ("ĐẶNG Văn Đức", "dang van duc"),
    ("Peñaflor", "penaflor"),
    ("Ibáñez", "ibanez"),
    ("ＮＧＵＹＥＮ", "nguyen"),                      # full-width letters from an IME
    ("Nguye\u0302\u0303n", "nguyen"),            # decomposed, as some Macs send it
    ("  Siti   Aishah ", "siti aishah"),
    ("Dato’", "dato'"),
    ("Søren Łukasz", "soren lukasz"),
])
def test_fold_ignores_case_marks_and_spacing(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("native", ["สมศักดิ์", "ณัฐพล วงศ์สวัสดิ์", "ສົມພອນ", "ដារ៉ា", "ခင်မာလာ", "อรุณี"])
def test_fold_keeps_the_marks_of_thai_lao_khmer_and_myanmar(native):
    assert fold(native) == unicodedata.normalize("NFC", native)


def test_fold_keeps_thai_names_apart_that_differ_only_in_marks():
    assert fold("ปิ่น") != fold("ปิน")         # Pin with and without a tone mark: two names
    assert fold("ทำ") == "ทำ"                  # SARA AM is not split into its compatibility parts


@given(st.text())
def test_fold_never_fails_and_is_stable(text):
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize("text, words", [
    ("H.E. Dato' Sri Dr Ahmad bin Ali", ["ahmad", "ali"]),
    ("Tan Sri Muthusamy a/l Ramasamy", ["muthusamy", "ramasamy"]),
    ("Tan Mei Ling", ["tan", "mei", "ling"]),          # Tan alone is a family name, not a title
    ("He Jing", ["he", "jing"]),                       # He is a family name; H.E. is a title
    ("U Thant", ["thant"]),
    ("Daw Khin Mar Lar", ["khin", "mar", "lar"]),
    ("Hajjah Nurul Izzah binti Ismail", ["nurul", "izzah", "ismail"]),
    ("Kumar s/o Pillai", ["kumar", "pillai"]),
    ("Al-Hassan", ["al", "hassan"]),
    ("O'Brien", ["obrien"]),
    ("Khun", ["khun"]),                                # nothing but a title: kept rather than lost
])
def test_name_words_drop_titles_and_particles(text, words):
    assert name_words(text) == words


def test_variants_share_one_spelling():
    assert {canonical(w) for w in ("mohd", "muhd", "muhammad", "mohamed", "mohammad")} == {"muhammad"}
    assert canonical("abd") == canonical("abdul") == "abdul"
    assert canonical("siti") == "siti"


# -- badge and display names (the existing behaviour other modules rely on) ----------------------

def test_full_and_badge_names_follow_the_name_order():
    vn = PersonName("Văn Đức", "Nguyễn", name_order="family-first")
    assert full_name(vn) == "Nguyễn Văn Đức" and badge_name(vn) == "Nguyễn Văn Đức"
    th = PersonName("สมชาย", "ใจดี", preferred_name="Chai", name_latin="Somchai Jaidee", honorific="Dr")
    assert full_name(th) == "สมชาย ใจดี" and badge_name(th) == "Chai"
    assert youth_badge_name(PersonName("Siti", "Rahmawati")) == "Siti"
    assert badge_name(PersonName("Sukarni")) == "Sukarni"


def test_display_name_adds_the_latin_spelling_to_a_native_name():
    th = PersonName("สมศักดิ์", "ศรีสุข", name_latin="Somsak Srisuk", honorific="Dr")
    assert display_name(th) == "สมศักดิ์ ศรีสุข (Somsak Srisuk)"
    assert display_name(PersonName("Văn Đức", "Nguyễn", name_latin="Nguyen Van Duc",
                                   name_order="family-first")) == "Nguyễn Văn Đức"
    assert display_name(PersonName("Siti", name_latin="Siti")) == "Siti"
    assert display_name(PersonName(name_latin="Khin Mar Lar")) == "Khin Mar Lar"


# -- the badge batch order ---------------------------------------------------------------------

PEOPLE = {
    "dara": PersonName("ដារ៉ា", "សុខ", name_latin="Sok Dara", name_order="family-first"),
    "somsak": PersonName("สมศักดิ์", "ศรีสุข", name_latin="Somsak Srisuk"),
    "thant": PersonName("U Thant"),
    "khin": PersonName("ခင်မာလာ", name_latin="Khin Mar Lar", honorific="Daw"),
    "sukarni": PersonName("Sukarni"),
    "faizal": PersonName("Ahmad Faizal bin Mohd Yusof", honorific="Dato'"),
    "duc": PersonName("Văn Đức", "Nguyễn", name_order="family-first"),
    "hang": PersonName("Thị Thu Hằng", "Nguyễn", name_order="family-first"),
    "jose": PersonName("José Miguel", "dela Cruz"),
    "anh": PersonName("Ánh", "Lê", name_order="family-first"),
    "meiling": PersonName("美玲", "陈", name_order="family-first"),
    "tan": PersonName("Wei Ming", "Tan", name_order="family-first"),
}


def test_sort_letter_files_by_family_name_or_the_single_name():
    letters = {k: sort_letter(p) for k, p in PEOPLE.items()}
    assert letters == {"dara": "S", "somsak": "S", "thant": "T", "khin": "K", "sukarni": "S", "faizal": "A",
                       "duc": "N", "hang": "N", "jose": "D", "anh": "L", "meiling": "#", "tan": "T"}


def test_sort_key_orders_a_badge_batch():
    order = sorted(PEOPLE, key=lambda k: sort_key(PEOPLE[k]))
    assert order == ["faizal", "jose", "khin", "anh", "hang", "duc", "dara", "somsak", "sukarni", "tan", "thant",
                     "meiling"]


def test_sort_key_ignores_case_and_marks():
    assert sort_key(PersonName("Ánh", "Lê"))[:2] == sort_key(PersonName("anh", "LE"))[:2]
    assert sort_key(PersonName("Đức", "Đặng"))[1] == "dang"


def test_chinese_family_and_given_names_are_written_together():
    from checkin.names.person import PersonName, full_name

    assert full_name(PersonName(given_name="俊杰", family_name="蔡", name_order="family-first")) == "蔡俊杰"
    assert full_name(PersonName(given_name="Mei Ling", family_name="Tan", name_order="family-first")) == "Tan Mei Ling"
