import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from checkin.attendees import find, token_for
from checkin.desk.service import scan
from checkin.errors import InputError
from checkin.imports.importer import import_attendees
from checkin.store.models import Assignment, Attendee, Badge, CheckIn, SafeguardingConfirmation
from conftest import EVENT_MORNING, MINI_ATTENDEES

HEADER = MINI_ATTENDEES.read_text(encoding="utf-8").splitlines()[0].split(",")


def rows():
    return list(csv.DictReader(io.StringIO(MINI_ATTENDEES.read_text(encoding="utf-8"))))


def write_csv(path, records, delimiter=",", encoding="utf-8", header=HEADER):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, delimiter=delimiter, lineterminator="\r\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(records)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"),
                                                ("utf-16", "\t"), ("utf-16", ","), ("utf-8", ";")])
def test_csv_variants_import_the_same_people(event, tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "list.csv", rows(), delimiter, encoding)
    result = import_attendees(path, event=event)
    assert (result.created, result.errors) == (5, ())
    thai = find(event, "M-002")
    assert (thai.given_name, thai.family_name, thai.name_latin) == ("สมชาย", "ใจดี", "Somchai Jaidee")
    assert find(event, "M-001").extra == {"dietary": "vegetarian"}


def test_xlsx_imports(event, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows():
        sheet.append([r[h] for h in HEADER])
    book.save(tmp_path / "list.xlsx")
    result = import_attendees(tmp_path / "list.xlsx", event=event)
    assert result.created == 5 and not result.errors
    assert find(event, "M-003").date_of_birth.isoformat() == "2010-03-04"


def test_bad_rows_import_nothing_and_are_all_reported(event, tmp_path):
    records = rows()
    records[1]["registration_id"] = ""
    records[2]["sessions"] = "C7"
    records[3]["photo_consent"] = "maybe"
    records[4]["registration_id"] = "M-001"
    result = import_attendees(write_csv(tmp_path / "bad.csv", records), event=event)
    assert not result.written
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "registration_id"), (4, "sessions"), (5, "photo_consent"), (6, "registration_id")}
    assert "no session run 'C7'" in next(e.message for e in result.errors if e.column == "sessions")
    assert Attendee.select().count() == 0


def test_skip_invalid_imports_the_good_rows(event, tmp_path):
    records = rows()
    records[2]["date_of_birth"] = "04/03/2010"
    result = import_attendees(write_csv(tmp_path / "bad.csv", records), event=event, skip_invalid=True)
    assert result.created == 4 and [(e.row, e.column) for e in result.errors] == [(4, "date_of_birth")]
    assert not Attendee.select().where(Attendee.registration_id == "M-003").exists()


def test_dry_run_counts_but_writes_nothing(loaded, tmp_path):
    records = rows()
    records[0]["organisation"] = "Ministry of Information and Communications"
    records.append({**records[1], "registration_id": "M-006"})
    result = import_attendees(write_csv(tmp_path / "new.csv", records), event=loaded, dry_run=True)
    assert (result.created, result.updated, result.unchanged, result.written) == (1, 1, 4, False)
    assert Attendee.select().count() == 5
    assert find(loaded, "M-001").organisation == "Ministry of Information"


def test_reimport_updates_and_never_loses_state(loaded, desk_staff, tmp_path):
    from checkin.badges.reprint import reprint

    scan(token_for(find(loaded, "M-002")), event=loaded, station="Desk 1", staff=desk_staff["desk"],
         confirm_safeguarding=True, now=EVENT_MORNING)
    reprint("M-002", event=loaded, by=desk_staff["organiser"], reason="misprint")

    records = rows()
    records[1]["organisation"] = "Thailand Digital Economy Agency"
    records[1]["safeguarding_agreed_at"] = ""   # the export does not know about the desk's confirmation
    records[1]["sessions"] = "C1"               # moved from the re-run to the first run
    records[0]["email"] = "duc.nguyen@example.org"
    result = import_attendees(write_csv(tmp_path / "v2.csv", records), event=loaded)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 3)

    thai = find(loaded, "M-002")
    assert thai.organisation == "Thailand Digital Economy Agency"
    assert CheckIn.select().where(CheckIn.attendee == thai).count() == 1
    assert SafeguardingConfirmation.select().where(SafeguardingConfirmation.attendee == thai).count() == 1
    assert thai.badge_serial == 2 and Badge.select().where(Badge.attendee == thai).count() == 2
    assert [a.session.run_code for a in Assignment.select().where(Assignment.attendee == thai)] == ["C1"]

    again = import_attendees(write_csv(tmp_path / "v2.csv", records), event=loaded)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)


def test_mapping_file_with_agreement_and_constants(event, tmp_path):
    from checkin.imports.presets import load_mapping

    (tmp_path / "map.toml").write_text('''
[columns]
registration_id = "Attendee #"
given_name = "First Name"
family_name = "Last Name"
organisation = "Company"
sessions = "Workshops"
[agreement]
column = "I agree to the Child Safeguarding Policy"
at = "Order Date"
policy_version = "2025-1"
[constants]
role = "delegate"
''', encoding="utf-8")
    header = ["Attendee #", "First Name", "Last Name", "Company", "Workshops",
              "I agree to the Child Safeguarding Policy", "Order Date", "T-shirt"]
    records = [dict(zip(header, ["E1", "Dewi", "Lestari", "Yayasan Anak", "C1", "Yes", "2025-10-01T08:00:00", "M"])),
               dict(zip(header, ["E2", "Ahmad", "Zaki", "Telco", "", "No", "2025-10-02T08:00:00", "L"]))]
    path = write_csv(tmp_path / "eventbrite.csv", records, header=header)
    result = import_attendees(path, event=event, mapping=load_mapping(tmp_path / "map.toml"))
    assert result.created == 2 and not result.errors
    dewi, ahmad = find(event, "E1"), find(event, "E2")
    assert (dewi.role, dewi.organisation, dewi.extra) == ("delegate", "Yayasan Anak", {"T-shirt": "M"})
    assert SafeguardingConfirmation.select().where(SafeguardingConfirmation.attendee == dewi).count() == 1
    assert SafeguardingConfirmation.select().where(SafeguardingConfirmation.attendee == ahmad).count() == 0


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"name,email\nA,a@example.org\n", "no registration_id column"),
    (b"registration_id,given_name\n\xff\xfe\xfa,x\n", "not UTF-8"),
    (b"PK\x03\x04garbage", "not a readable XLSX"),
])
def test_file_level_errors_are_one_line(event, tmp_path, content, message):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        import_attendees(path, event=event)
    assert "\n" not in str(info.value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=400),
    st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6).map(
        lambda rs: ("registration_id,given_name,sessions,is_minor\n" + "\n".join(",".join(r) for r in rs)).encode()),
))
def test_any_bytes_end_in_a_clean_answer(event, tmp_path, data):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before = Attendee.select().count()
    try:
        result = import_attendees(path, event=event)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        assert Attendee.select().count() == before
        return
    if result.errors:
        assert not result.written and Attendee.select().count() == before
    else:
        assert Attendee.select().count() == before + result.created


def test_each_row_keeps_its_own_answers_and_errors_when_values_repeat(event, tmp_path):
    """Repeated values are converted once per file: a bad answer must still be reported on every
    row that has it, under the right column, and a good row must keep its own answers."""
    base = rows()
    records = []
    for n in range(24):
        r = dict(base[n % 5], registration_id=f"M-{100 + n}")
        r["photo_consent"] = "yes" if n % 3 else "no"
        records.append(r)
    records[3]["photo_consent"] = "maybe"                  # spreadsheet row 5
    records[15]["photo_consent"] = "maybe"                 # row 17: the same bad answer again
    records[15]["guardian_consent"] = "maybe"              # and in another column of the same row
    records[7]["guardian_consent"] = "later"               # row 9
    records[10]["date_of_birth"] = "31/31/2010"            # row 12
    records[12]["role"] = records[20]["role"] = "wizard"   # rows 14 and 22
    records[18]["safeguarding_agreed_at"] = "soon"         # row 20
    path = write_csv(tmp_path / "mixed.csv", records)
    result = import_attendees(path, event=event)
    assert not result.written and Attendee.select().count() == 0
    assert [(e.row, e.column) for e in result.errors] == [
        (5, "photo_consent"), (9, "guardian_consent"), (12, "date_of_birth"), (14, "role"),
        (17, "guardian_consent"), (17, "photo_consent"), (20, "safeguarding_agreed_at"), (22, "role")]
    for e in result.errors:
        cell = records[e.row - 2][e.column]
        assert repr(cell) in e.message, (e, cell)

    kept = import_attendees(path, event=event, skip_invalid=True)
    assert kept.created == 24 - 7
    bad_rows = {e.row for e in kept.errors}
    for n, r in enumerate(records):
        person = Attendee.get_or_none(Attendee.registration_id == r["registration_id"])
        if n + 2 in bad_rows:
            assert person is None
        else:
            assert person.photo_consent is (r["photo_consent"] == "yes"), r["registration_id"]
            assert person.organisation == r["organisation"] and person.given_name == r["given_name"]


def test_cleaning_cells_row_by_row_names_the_right_row_and_column(tmp_path):
    from checkin.imports.tabular import MAX_CELL_CHARS, read_table

    long = "x" * (MAX_CELL_CHARS + 1)
    lines = ["registration_id,given_name,organisation,email",
             "A-1,Ann\x07a,'=SUM(1),a@example.org",          # a control character and a formula guard
             "A-2,Ben,'plain quote,b@example.org",            # a quote that guards nothing stays
             f"A-3,Cy,Org,{long}",                              # the first long cell, in the last column
             f"A-4,{long},Org,d@example.org"]
    (tmp_path / "clean.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    table = read_table(tmp_path / "clean.csv")
    assert table.rows == (("A-1", "Anna", "=SUM(1)", "a@example.org"), ("A-2", "Ben", "'plain quote", "b@example.org"))
    (tmp_path / "long.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 4, column 'email': more than"):
        read_table(tmp_path / "long.csv")


def test_bulk_insert_keeps_a_column_only_some_rows_give(loaded):
    from checkin.imports.importer import bulk_insert
    from checkin.store.db import write_transaction

    people = [find(loaded, "M-001").id, find(loaded, "M-002").id]
    at = EVENT_MORNING
    with write_transaction():
        bulk_insert(CheckIn, [{"attendee": people[0], "at": at, "station": "Desk 1", "staff": "A"},
                              {"attendee": people[1], "at": at, "station": "Desk 2", "staff": "B",
                               "annulled_by": "C"}])
    got = {c.attendee_id: (c.station, c.staff, c.annulled_by, c.at) for c in CheckIn.select()}
    assert got == {people[0]: ("Desk 1", "A", "", at), people[1]: ("Desk 2", "B", "C", at)}


def test_the_change_log_names_every_row_an_import_adds(event, tmp_path):
    """The import logs its new rows in one statement per table instead of one trigger per row:
    every new person, badge, session place and agreement must still be in the log (offline copies
    and the search refresh from it), and the triggers must be back for whatever comes next."""
    from checkin.store import row_log
    from checkin.store.db import database
    from checkin.store.models import Assignment, Badge, SafeguardingConfirmation

    db = database.obj
    tables = {"attendee": Attendee, "badge": Badge, "assignment": Assignment,
              "safeguarding_confirmation": SafeguardingConfirmation}

    def logged_since(cursor):
        changed = row_log.changed_since(db, cursor)
        return {t: set(changed.rows.get(t, ())) for t in tables}

    def triggers():
        return {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}

    before = triggers()
    assert {f"row_change_{t}_insert" for t in tables} <= before
    start = row_log.cursor_now(db)
    records = rows()
    dry = import_attendees(write_csv(tmp_path / "list.csv", records), event=event, dry_run=True)
    assert dry.created == 5 and row_log.cursor_now(db) == start and triggers() == before

    result = import_attendees(tmp_path / "list.csv", event=event)
    assert result.created == 5 and triggers() == before
    assert logged_since(start) == {t: {m.id for m in model.select()} for t, model in tables.items()}
    assert all(logged_since(start)[t] for t in tables)

    # A re-import adding one person and moving another between sessions: only those rows are new.
    middle = row_log.cursor_now(db)
    known = {t: {m.id for m in model.select()} for t, model in tables.items()}
    records[1]["sessions"] = "C1"
    records.append({**records[0], "registration_id": "M-006", "email": "six@example.org"})
    again = import_attendees(write_csv(tmp_path / "v2.csv", records), event=event)
    assert (again.created, again.updated) == (1, 1)
    new = {t: {m.id for m in model.select()} - known[t] for t, model in tables.items()}
    logged = logged_since(middle)
    for t in tables:
        assert new[t] <= logged[t], t
    assert new["attendee"] and new["badge"] and new["assignment"]

    # The triggers log one row at a time again after the import.
    top = row_log.cursor_now(db)
    Badge.create(attendee=find(event, "M-006"), serial=2, issued_at=EVENT_MORNING, issued_by="test")
    assert logged_since(top)["badge"] == {Badge.get(Badge.serial == 2).id}


def test_an_import_leaves_nothing_for_the_cycle_collector(event, tmp_path):
    """The import pauses Python's cycle collector while it runs, and remembers converted values
    (names among them) for one file only: neither may outlive it in a reference cycle."""
    import gc

    path = write_csv(tmp_path / "list.csv", rows())
    gc.collect()
    assert gc.isenabled()
    result = import_attendees(path, event=event)
    assert result.created == 5 and gc.isenabled()
    assert gc.collect() == 0
    bad = rows()
    bad[2]["photo_consent"] = "maybe"
    assert import_attendees(write_csv(tmp_path / "bad.csv", bad), event=event).errors
    assert gc.collect() == 0 and gc.isenabled()
