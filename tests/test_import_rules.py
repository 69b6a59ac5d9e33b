"""The import's pure rules: name splitting, session answers, export times, header recognition,
and the spreadsheet quirks the tabular reader undoes."""

from datetime import time

import pytest
from hypothesis import given, settings, strategies as st

from checkin.errors import InputError
from checkin.imports.dates import TimeFormatError, parse_export_date, parse_export_time
from checkin.imports.mapping import Mapping, find_header, fold, mapping_from_dict, resolve_headers, resolve_layout
from checkin.names.split import customary_order, split_full_name
from checkin.imports.presets import PRESETS, mapping_from_data, recognise
from checkin.imports.questions import guess_columns
from checkin.imports.rows import email_id, parse_yes_no
from checkin.imports.sessionmatch import NONE_ANSWERS, Run, SessionMatcher
from checkin.imports.tabular import read_table, sniff_delimiter, unguard
from conftest import FIXTURES

KL = "Asia/Kuala_Lumpur"


@pytest.mark.parametrize("text,given,family,order,honorific", [
    ("Maria Cristina dela Cruz", "Maria Cristina", "dela Cruz", "given-first", ""),
    ("Pierre van der Berg", "Pierre", "van der Berg", "given-first", ""),
    ("Dr. Jose Rizal Jr.", "Jose", "Rizal Jr.", "given-first", "Dr."),
    ("H.E. Ms. Alicia Bala", "Alicia", "Bala", "given-first", "H.E. Ms."),
    ("Santos, Maria", "Maria", "Santos", "given-first", ""),
    ("Somchai Jaidee", "Somchai", "Jaidee", "given-first", ""),
    ("林\u3000美玲", "美玲", "林", "family-first", ""),
    # kept whole: one word, scripts, patronymics, Vietnamese, Myanmar, family-first in Latin letters
    ("Sukarno", "Sukarno", "", "given-first", ""),
    ("陈美玲", "陈美玲", "", "given-first", ""),
    ("สมชาย ใจดี", "สมชาย ใจดี", "", "given-first", ""),
    ("ស៊ុន ចាន់ថា", "ស៊ុន ចាន់ថា", "", "given-first", ""),
    ("အောင်ကျော်", "အောင်ကျော်", "", "given-first", ""),
    ("Ahmad Faizal bin Mohd Yusof", "Ahmad Faizal bin Mohd Yusof", "", "given-first", ""),
    ("Kumar a/l Rajan", "Kumar a/l Rajan", "", "given-first", ""),
    ("Nguyễn Văn Đức", "Nguyễn Văn Đức", "", "given-first", ""),
    ("Duc Nguyen", "Duc Nguyen", "", "given-first", ""),
    ("Aung Kyaw Moe", "Aung Kyaw Moe", "", "given-first", ""),
    ("Tan Mei Ling", "Tan Mei Ling", "", "given-first", ""),
    ("Dato' Sri Lim Kok Wing", "Lim Kok Wing", "", "given-first", "Dato' Sri"),
    ("Nguyen, Van Duc", "Nguyen Van Duc", "", "given-first", ""),
])
def test_split_full_name(text, given, family, order, honorific):
    got = split_full_name(text)
    assert (got.given_name, got.family_name, got.name_order, got.honorific) == (given, family, order, honorific)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=8),
                min_size=1, max_size=5))
def test_splitting_never_loses_a_letter(words):
    text = " ".join(words)
    got = split_full_name(text)
    rebuilt = "".join((got.honorific + got.given_name + got.family_name).split())
    assert sorted(rebuilt.replace(",", "")) == sorted(
        "".join(fold_nfc(text).split()).replace(",", "").replace("\u3000", ""))


def fold_nfc(text):
    import unicodedata
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("given,family,order", [
    ("Văn Đức", "Nguyễn", "family-first"), ("美玲", "林", "family-first"), ("ដារ៉ា", "សុខ", "family-first"),
    ("Michelle", "Nguyen", "given-first"), ("สมชาย", "ใจดี", "given-first"), ("Dewi", "Lestari", "given-first"),
])
def test_customary_order(given, family, order):
    assert customary_order(given, family) == order


RUNS = [Run(1, "A2", 1, "Finding the right balance in age assurance online", time(11, 0)),
        Run(2, "B2", 1, "Raising children in a digital world", time(11, 0)),
        Run(3, "C1", 1, "Smart tools, tough choices", time(14, 0)),
        Run(4, "C1", 2, "Smart tools, tough choices", time(16, 0)),
        Run(5, "B3-1", 1, "Planning a regional response to harmful sexual behaviour", time(9, 0)),
        Run(6, "B3", 1, "Caring for carers", time(9, 0)),
        Run(7, "P1", 1, "Opening plenary", time(9, 0))]


@pytest.mark.parametrize("answer,ids", [
    ("A2; B2", (1, 2)),
    ("C1/2", (4,)),
    ("c1", (3,)),
    ("C1 Smart tools, tough choices (14:00)", (3,)),
    ("Smart tools, tough choices — re-run 16:00", (4,)),
    ("Smart tools, tough choices (4 pm)", (4,)),
    ("Smart tools, tough choices", (3,)),
    ("Smart tools, tough choices - run 2", (4,)),
    ("Smart tools, tough choices (second run)", (4,)),
    ("Smart tool, tough choice", (3,)),                                  # a typo in the title
    ("B3-1 Planning a regional response", (5,)),
    ("B3", (6,)),
    ("C1 Smart tools, tough choices (14:00), Opening plenary", (3, 7)),  # pretix joins with ", "
    ("Raising children in a digital world, Smart tools, tough choices (16:00)", (2, 4)),
    ("A2|B2\nC1/2", (1, 2, 4)),
    ("None", ()),
    ("", ()),
])
def test_session_answers(answer, ids):
    found, problems = SessionMatcher(RUNS, "aif").match(answer)
    assert (found, problems) == (ids, ())


@pytest.mark.parametrize("answer,words", [
    ("Robots for kids", "no session run 'Robots for kids'"),
    ("C1 (15:00)", "no run of C1 starts at 15:00"),
    ("C1/3", "C1 has no run 3"),
    ("C1 Opening plenary", "names 2 sessions"),
    ("A2; C7", "no session run 'C7'"),
])
def test_session_answers_that_cannot_be_placed_are_reported(answer, words):
    found, problems = SessionMatcher(RUNS, "aif").match(answer)
    assert len(problems) == 1 and words in problems[0]


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_no_session_answer_is_dropped_silently(answer):
    found, problems = SessionMatcher(RUNS, "aif").match(answer)
    meaningful = [p for p in answer.replace("|", ";").replace("\r", ";").replace("\n", ";").split(";")
                  if " ".join(p.split()) and " ".join(p.split()).casefold().strip(".") not in NONE_ANSWERS]
    assert not meaningful or found or problems


@pytest.mark.parametrize("text,iso", [
    ("11/29/24 22:28", "2024-11-29T14:28:00+00:00"),
    ("2024-11-29 22:28:00", "2024-11-29T14:28:00+00:00"),
    ("2022/06/22 11:07:29 AM AST", "2022-06-22T15:07:29+00:00"),
    ("2025/10/02 12:07:29 AM SGT", "2025-10-01T16:07:29+00:00"),
    ("2025/10/02 12:30:00 PM WIB", "2025-10-02T05:30:00+00:00"),
    ("2025/10/02 3:15:02 PM GMT+8", "2025-10-02T07:15:02+00:00"),
    ("2025-10-06T03:12:45Z", "2025-10-06T03:12:45+00:00"),
    ("2025-10-05 10:15:32 +0800", "2025-10-05T02:15:32+00:00"),
    ("2025-10-05 10:15:32 UTC", "2025-10-05T10:15:32+00:00"),
    ("2025-10-05 10:15 PHT", "2025-10-05T02:15:00+00:00"),
    ("2025-10-05 10:15 ICT", "2025-10-05T03:15:00+00:00"),
])
def test_export_times(text, iso):
    assert parse_export_time(text, KL).isoformat() == iso


def test_export_dates_refuse_a_guess_for_a_birth_date():
    assert parse_export_date("2010-03-04").isoformat() == "2010-03-04"
    assert parse_export_date("25/03/2010").isoformat() == "2010-03-25"       # only one reading
    assert parse_export_date("04/03/2010", day_first=True).isoformat() == "2010-03-04"
    with pytest.raises(TimeFormatError, match="day/month or month/day"):
        parse_export_date("04/03/2010")
    with pytest.raises(TimeFormatError, match="unknown time zone 'XYZ'"):
        parse_export_time("2025-10-05 10:15 XYZ", KL)


@pytest.mark.parametrize("text", ["2025-10-01 10:00 GMT+99", "9999-12-31 23:59 GMT-8", "0001-01-01 00:00 SGT",
                                  "2025-02-30 10:00", "2025-10-01 25:00", "13:00 PM", "yesterday"])
def test_export_times_out_of_range_are_refused_cleanly(text):
    with pytest.raises(TimeFormatError):
        parse_export_time(text, KL)


@pytest.mark.parametrize("value,answer", [
    ("Yes", True), ("ya", True), ("Ja", True), ("No", False), ("Nein", False), ("", None),
    ("I have read and agree to the Child Safeguarding Policy", True), ("Yes, photos are fine", True),
    ("No, please do not photograph me", False), ("I do not agree", False),
])
def test_yes_no_as_forms_write_it(value, answer):
    assert parse_yes_no(value) is answer


def test_yes_no_refuses_what_is_neither():
    with pytest.raises(ValueError, match="not yes or no"):
        parse_yes_no("maybe")


def headers_of(name):
    return read_table(FIXTURES / "exports" / name).headers


@pytest.mark.parametrize("name,preset_name", [
    ("eventbrite.csv", "eventbrite"), ("eventbrite-uk-name.csv", "eventbrite"), ("pretix-en.csv", "pretix"),
    ("pretix-de.csv", "pretix"), ("indico.csv", "indico"), ("google-forms.csv", "google-forms"),
    ("tito.csv", "tito"), ("luma.csv", "luma"),
])
def test_each_export_is_recognised_as_its_own_system_only(name, preset_name):
    assert recognise(headers_of(name)).name == preset_name
    headers = headers_of(name)
    # columns in another order (Luma's varies) are recognised all the same, after the fixed first one
    assert recognise(headers[:1] + tuple(reversed(headers[1:]))).name == preset_name


def test_our_own_and_unknown_headers_are_not_recognised():
    assert recognise(read_table(FIXTURES / "mini-attendees.csv").headers) is None
    assert recognise(("Name", "Email", "Company", "Order Date")) is None
    assert recognise(("ID", "Email")) is None


def test_question_patterns_claim_each_header_once():
    headers = ("Timestamp", "Email Address", "I agree to the safeguarding policy for this session",
               "Which workshop sessions? – C1", "Which workshop sessions? – C1/2", "Photo consent",
               "Organisation / Agency", "Invoice organisation", "Country of residence")
    found = guess_columns(headers, claimed={0, 1}, skip_columns={"email"})
    assert found == {"agreement": (2,), "sessions": (3, 4), "photo_consent": (5,), "organisation": (6,),
                     "country": (8,)}


def test_question_patterns_leave_lookalikes_alone():
    headers = ("Photo ID number", "Organisation type", "Country code", "Parent's email", "Photo consent",
               "Organisation name", "Country of residence")
    assert guess_columns(headers, claimed=set(), skip_columns=set()) == {
        "photo_consent": (4,), "organisation": (5,), "country": (6,)}


def test_nth_header_among_equals():
    folded = [fold(h) for h in ("ID", "Company", "Email", "Company", "Email")]
    assert (find_header(folded, "company"), find_header(folded, "Company#2"), find_header(folded, "Email#2")) == (1, 3, 4)
    assert find_header(folded, "Company#3") is None
    assert find_header([fold("Attendee #")], "Attendee #") == 0


def test_mapping_file_errors_are_clear():
    with pytest.raises(InputError, match="'nickname' is not one of our columns"):
        mapping_from_dict({"columns": {"nickname": "Nick"}}, "m.toml")
    with pytest.raises(InputError, match="no preset 'evenbrite'"):
        mapping_from_data({"preset": "evenbrite"}, "m.toml")
    with pytest.raises(InputError, match="dates must be"):
        mapping_from_dict({"options": {"dates": "sideways"}}, "m.toml")
    with pytest.raises(InputError, match="unknown section 'colums'"):
        mapping_from_dict({"colums": {}}, "m.toml")


def test_join_and_alternatives_resolve_by_position():
    headers = ("Order code", "Position ID", "Company", "Email", "Company")
    m = mapping_from_dict({"join": {"registration_id": ["Order code", ["Position", "Position ID"]]},
                           "columns": {"organisation": ["Company", "Company#2"]}}, "m.toml")
    layout = resolve_layout(headers, m)
    assert (layout.joins["registration_id"], layout.columns["organisation"]) == ((0, 1), (2, 4))
    assert resolve_headers(headers, Mapping())["email"] == 3


def test_email_ids_are_stable_and_ignore_case():
    assert email_id("GF-", " Mai.Nguyen@Example.vn ") == email_id("GF-", "mai.nguyen@example.vn")
    assert email_id("GF-", "a@example.org").startswith("GF-") and len(email_id("GF-", "a@example.org")) == 13
    assert email_id("GF-", "a@example.org") != email_id("GF-", "b@example.org")


def test_every_preset_is_named_for_itself():
    assert sorted(PRESETS) == ["eventbrite", "google-forms", "indico", "luma", "pretix", "tito"]
    assert all(m.name == name and m.guess_questions for name, m in PRESETS.items())


@pytest.mark.parametrize("cell,read", [("'+6012345678", "+6012345678"), ("'=x", "=x"), ("'-", "-"),
                                       ("'@handle", "@handle"), ("'s-Hertogenbosch", "'s-Hertogenbosch"),
                                       ("O'Brien", "O'Brien"), ("'", "'")])
def test_formula_guard_is_undone(cell, read):
    assert unguard(cell) == read


def test_delimiter_is_sniffed_outside_quotes():
    assert sniff_delimiter('Timestamp;"Which workshops, if any, and why, please?";Email\n') == ";"
    assert sniff_delimiter('a,b,"c;d;e;f"\n') == ","
    assert sniff_delimiter("a\tb\tc, d\n") == "\t"


def test_embedded_newlines_and_short_rows(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes('\ufeffregistration_id,given_name,organisation,country\r\n'
                     'A1,Siti,"Child Rights\nCoalition",Malaysia\r\nA2,Dara\r\n'.encode("utf-8"))
    table = read_table(path)
    assert table.rows == (("A1", "Siti", "Child Rights\nCoalition", "Malaysia"), ("A2", "Dara", "", ""))
    assert table.row_numbers == (2, 3)
