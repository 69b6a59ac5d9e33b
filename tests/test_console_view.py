"""The organiser console's pages driven as an organiser drives them, against a real SQLite file
and the real core: clicks, typed text, chosen files (the file dialogs answered in advance)."""

import csv
import io
import re
import subprocess
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from openpyxl import load_workbook  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from checkin.attendees import find  # noqa: E402
from checkin.badges.service import page_count  # noqa: E402
from checkin.imports.presets import load_mapping  # noqa: E402
from checkin.store.models import Attendee  # noqa: E402
from checkin.staff import authenticate  # noqa: E402
from checkin.stations.station import Station, StationSettings  # noqa: E402
from conftest import MINI_ATTENDEES  # noqa: E402
from tests.cups import cups_printer  # noqa: E402,F401  (fixture)
from test_console_core import MINI_PERSONAL, _file_bytes, day  # noqa: E402,F401  (fixture)
from ui.runner import JobRunner  # noqa: E402

KL = ZoneInfo("Asia/Kuala_Lumpur")
DURING_C1 = datetime(2025, 11, 18, 14, 10, tzinfo=KL)


@pytest.fixture
def console(qtbot, qapp, db, desk_staff):
    """make(ViewModel, View, *extra) -> (view, vm, runner): one page, as the console builds it."""
    runner = JobRunner(db)
    station = Station(StationSettings(station_name="Back office", event_code="mini-2025"), desk_staff["organiser"],
                      clock=lambda: DURING_C1)
    made = []

    def make(vm_class, view_class, *extra):
        vm = vm_class(runner, station, *extra)
        view = view_class(vm)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        made.append(view)
        return view, vm, runner

    yield make
    runner.wait()
    for view in made:
        if hasattr(view.vm, "stop"):
            view.vm.stop()
        view.close()
        view.deleteLater()


def settle(qtbot, runner):
    qtbot.waitUntil(lambda: runner.in_flight == 0, timeout=20000)


def click(qtbot, runner, button):
    assert button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.LeftButton)
    settle(qtbot, runner)


def choose(combo, data):
    index = combo.findData(data)
    if index < 0:
        index = combo.findText(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def rows_of(table):
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def _attendee_rows():
    with MINI_ATTENDEES.open(encoding="utf-8") as f:
        return [(r["registration_id"], r["country"]) for r in csv.DictReader(f)]


def test_dashboard_shows_arrivals_rooms_and_young_people(qtbot, console, day):
    from ui.console.dashboard import DashboardView, DashboardViewModel

    view, vm, runner = console(DashboardViewModel, DashboardView)
    vm.refresh()
    settle(qtbot, runner)
    assert view.checked_in.value.text() == "3 / 5"
    assert view.young.value.text() == "1" and "1 in a room now" in view.young.detail.text()
    assert view.not_arrived.value.text() == "2"
    label, bar = view.room_bars[0]
    assert label.text() == "C1 · Smart tools, tough choices\nRoom C" and bar.format() == "1 / 3" and label.isVisible()
    bars = view.arrivals_chart.series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [1.0, 1.0, 1.0]
    axis = view.arrivals_chart.axes(Qt.Horizontal)[0]
    assert axis.categoriesLabels() == ["08:40", "08:50", "09:00"]   # a short morning: every 10 minutes
    assert {name for name, _ in view.roles.rows()} == {"Delegate", "Speaker", "Young Person"}
    countries = view.countries.rows()
    assert ("Viet Nam", "1 / 1") in countries and ("Myanmar", "0 / 1") in countries
    assert len(countries) == len(vm.state.snapshot.by_country) == len({r[1] for r in _attendee_rows()})
    # A long day: labels at the hours only, each whole ("09:00", not "…").
    from dataclasses import replace as replaced
    from datetime import timedelta

    start = vm.state.snapshot.arrivals[0][0]
    view._render_arrivals(replaced(vm.state.snapshot, arrivals=[(start + timedelta(minutes=10 * i), i % 7)
                                                                for i in range(50)]))
    hours = view.arrivals_chart.axes(Qt.Horizontal)[0].categoriesLabels()
    assert 6 <= len(hours) <= 9 and all(re.fullmatch(r"\d\d:00", h) for h in hours), hours
    view._render_arrivals(vm.state.snapshot)
    # A 1366x768 laptop: the page asks for less than the screen's width, and the tiles wrap their words.
    assert view.minimumSizeHint().width() <= 1366 - 40
    assert all(t.detail.wordWrap() and t.caption.wordWrap()
               for t in (view.checked_in, view.young, view.safeguarding, view.no_shows, view.not_arrived))
    # The timer refreshes it: a new check-in shows without a click.
    from checkin.desk.service import annul_checkin, check_in_by_id

    check_in_by_id("M-005", event=day, station="Desk 1", staff=vm.station.staff, now=DURING_C1)
    assert vm.timer.isActive() and vm.timer.interval() <= 5000   # started when the page was shown
    vm.timer.timeout.emit()    # the next tick
    settle(qtbot, runner)
    assert view.checked_in.value.text() == "4 / 5"
    annul_checkin("M-005", event=day, by=vm.station.staff, reason="test", now=DURING_C1)
    vm.timer.timeout.emit()    # the next tick
    settle(qtbot, runner)
    assert view.checked_in.value.text() == "3 / 5"
    view.hide()
    assert not vm.timer.isActive()


def test_exports_page_writes_each_export_and_it_opens_back(qtbot, console, day, tmp_path):
    from ui.console.exports import ExportsView, ExportsViewModel

    view, vm, runner = console(ExportsViewModel, ExportsView)
    view.ask_path = lambda suggested: str(tmp_path / suggested)
    click(qtbot, runner, view.button)
    book = load_workbook(tmp_path / "mini-2025-attendance.xlsx").active
    assert [c.value for c in book[1]][:2] == ["session_run", "title"] and book.max_row == 4
    choose(view.kind, "doorlog")
    choose(view.fmt, "csv")
    click(qtbot, runner, view.button)
    text = (tmp_path / "mini-2025-doorlog.csv").read_bytes().decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(text)))) == 7
    assert rows_of(view.history)[0][:3] == ["doorlog", "csv", "7"]
    assert "Saved 7 rows" in view.message.text()
    for kind in ("attendees", "noshows", "sessions"):
        choose(view.kind, kind)
        click(qtbot, runner, view.button)
        assert (tmp_path / f"mini-2025-{kind}.csv").stat().st_mode & 0o077 == 0
    assert [r[0] for r in rows_of(view.history)][:3] == ["sessions", "noshows", "attendees"]
    choose(view.kind, "daily")
    assert not view.fmt.isEnabled()
    click(qtbot, runner, view.button)
    assert (tmp_path / "mini-2025-daily.pdf").read_bytes().startswith(b"%PDF")
    assert rows_of(view.history)[0][:2] == ["daily", "pdf"] and "focal point to sign" in view.message.text()


def test_staff_page_adds_resets_and_disables(qtbot, console, db):
    from ui.console.staff import StaffView, StaffViewModel

    view, vm, runner = console(StaffViewModel, StaffView)
    vm.load()
    settle(qtbot, runner)
    assert {r[0] for r in rows_of(view.accounts)} == {"Olivia Organiser", "Dara Desk", "Mona Marshal"}
    QTest.keyClicks(view.name, "Pat Desk")
    view.role.setCurrentText("desk")
    QTest.keyClicks(view.pin, "2580")
    click(qtbot, runner, view.add_button)
    settle(qtbot, runner)
    assert ["Pat Desk", "desk", "active"] == next(r[:3] for r in rows_of(view.accounts) if r[0] == "Pat Desk")
    assert authenticate("Pat Desk", "2580").role == "desk"

    row = next(i for i, r in enumerate(rows_of(view.accounts)) if r[0] == "Pat Desk")
    view.accounts.selectRow(row)
    view.ask_pin = lambda name: "1470"
    click(qtbot, runner, view.reset_button)
    assert authenticate("Pat Desk", "1470").name == "Pat Desk"
    assert view.disable_button.text() == "Disable"
    click(qtbot, runner, view.disable_button)
    settle(qtbot, runner)
    assert next(r[2] for r in rows_of(view.accounts) if r[0] == "Pat Desk") == "disabled"
    assert view.disable_button.text() == "Enable"

    row = next(i for i, r in enumerate(rows_of(view.accounts)) if r[0] == "Olivia Organiser")
    view.accounts.selectRow(row)
    click(qtbot, runner, view.disable_button)
    assert "last active organiser" in view.error.text() and view.error.isVisible()


def test_audit_page_filters_and_verifies(qtbot, console, day):
    from ui.console.audit import AuditView, AuditViewModel

    view, vm, runner = console(AuditViewModel, AuditView)
    vm.load()
    settle(qtbot, runner)
    everything = len(rows_of(view.entries))
    QTest.keyClicks(view.person, "M-005")
    QTest.keyClick(view.person, Qt.Key_Return)
    settle(qtbot, runner)
    rows = rows_of(view.entries)
    assert rows and len(rows) < everything and all("M-005" in r[2] for r in rows)   # one sentence per entry
    said = " | ".join(r[2] for r in rows)
    assert "checked in M-005" in said and "annulled the check-in of M-005" in said, said
    assert not any("{" in cell for r in rows_of(view.entries) for cell in r)   # no raw JSON anywhere
    view.person.clear()
    QTest.keyClick(view.person, Qt.Key_Return)
    choose(view.kind, "door.scan")
    settle(qtbot, runner)
    door_rows = rows_of(view.entries)
    assert door_rows and all(re.match(r"\d\d:\d\d Door C · .+: (admitted|let|refused|scanned) ", r[2]) for r in door_rows), \
        door_rows
    QTest.keyClicks(view.station, "Desk 2")
    QTest.keyClick(view.station, Qt.Key_Return)
    settle(qtbot, runner)
    assert rows_of(view.entries) == []
    click(qtbot, runner, view.verify_button)
    assert view.verdict.text().startswith("✓ Chain intact")


def test_purge_page_needs_the_typed_code_then_leaves_no_person(qtbot, console, day, db_path):
    from ui.console.purge import PurgeView, PurgeViewModel

    view, vm, runner = console(PurgeViewModel, PurgeView)
    vm.load()
    settle(qtbot, runner)
    assert "5 people on the list, 2 of them young people" in view.outlook.text()
    assert not view.button.isEnabled()
    QTest.keyClicks(view.code, "mini-2024")
    assert not view.button.isEnabled()
    view.code.clear()
    QTest.keyClicks(view.code, "mini-2025")
    click(qtbot, runner, view.button)
    settle(qtbot, runner)
    assert view.result.text().startswith("Removed 2 young people and 3 others")
    assert Attendee.select().count() == 0
    counts = {(r[0], r[1]): r[2] for r in rows_of(view.counts)}
    assert counts[("checked in", "")] == "3" and counts[("role checked in", "youth")] == "1"
    data = _file_bytes(db_path)
    assert [s for s in MINI_PERSONAL if s.encode() in data] == []


def test_batch_page_saves_badges_with_desk_ranges_and_cancels(qtbot, console, loaded, tmp_path):
    from ui.console.badges import BatchView, BatchViewModel

    view, vm, runner = console(BatchViewModel, BatchView)
    assert vm.state.destination == "pdf"   # no printer queue on this machine for the page
    view.ask_path = lambda suggested: str(tmp_path / suggested)
    choose(view.fmt, "a6")
    view.desks.setValue(2)
    seen = []
    runner.progress.connect(lambda job, done, total: seen.append((done, total)))
    click(qtbot, runner, view.start_button)
    pdf = (tmp_path / "mini-2025-badges.pdf").read_bytes()
    assert page_count(pdf) >= 5
    assert view.message.text().startswith("Saved 5 badges") and "desks: 1:" in view.message.text()
    assert seen and seen[-1][1] == 5 and view.progress.value() == view.progress.maximum()

    choose(view.what, "invitations")
    assert not view.fmt.isEnabled()
    view.ask_path = lambda suggested: str(tmp_path / "cancelled.pdf")
    QTest.mouseClick(view.start_button, Qt.LeftButton)
    assert view.cancel_button.isEnabled()
    QTest.mouseClick(view.cancel_button, Qt.LeftButton)
    settle(qtbot, runner)
    assert view.error.text().startswith("Cancelled") and not (tmp_path / "cancelled.pdf").exists()
    assert view.start_button.isEnabled() and not view.cancel_button.isEnabled()


def test_import_wizard_maps_checks_shows_changes_and_imports(qtbot, console, loaded, tmp_path):
    from ui.console.import_wizard import ImportView, ImportViewModel, Step

    view, vm, runner = console(ImportViewModel, ImportView)
    # The registration system's updated export: email under another header, M-001 changed
    # organisation, a new person, and a row with an unknown role.
    rows = list(csv.reader(io.StringIO(MINI_ATTENDEES.read_text(encoding="utf-8"))))
    header = rows[0]
    header[header.index("email")] = "Email Address"
    org, role = header.index("organisation"), header.index("role")
    rows[1][org] = "Ministry of Information and Communications"
    new = list(rows[5])
    new[0], new[1], new[2], new[header.index("Email Address")] = "M-006", "Lan", "Pham", "lan@example.org"
    bad = list(new)
    bad[0], bad[role] = "M-007", "wizard"
    path = tmp_path / "export-v2.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows + [new, bad])

    view.ask_open_path = lambda: str(path)
    click(qtbot, runner, view.pick_button)
    assert vm.state.step is Step.COLUMNS and view.stack.currentIndex() == 1
    assert view.combos["organisation"].currentData() == "organisation"
    assert view.combos["email"].currentData() == ""          # not matched: another header
    choose(view.combos["email"], "Email Address")
    view.ask_save_path = lambda suggested: str(tmp_path / suggested)
    QTest.mouseClick(view.save_button, Qt.LeftButton)
    saved = load_mapping(tmp_path / "export-v2-mapping.toml")
    assert saved.columns["email"] == "Email Address"

    click(qtbot, runner, view.check_button)
    assert vm.state.step is Step.CHECK
    assert view.summary.text().startswith("7 rows: 1 new, 1 already on the list will change")
    errors = rows_of(view.errors)
    assert len(errors) == 1 and errors[0][0] == "8" and errors[0][1] == "role"
    changes = rows_of(view.changes)
    assert ["M-001", "organisation", "Ministry of Information",
            "Ministry of Information and Communications"] in changes
    assert find(loaded, "M-001").organisation == "Ministry of Information"   # nothing written yet

    click(qtbot, runner, view.import_button)
    settle(qtbot, runner)
    assert vm.state.step is Step.IMPORT and view.result.text().startswith("1 new · 1 updated")
    assert find(loaded, "M-001").organisation == "Ministry of Information and Communications"
    assert find(loaded, "M-006").email == "lan@example.org"
    assert view.progress.value() == view.progress.maximum()


def test_the_organiser_gets_the_console_tabs_and_a_desk_does_not(qtbot, qapp, loaded, desk_staff, db):
    from ui.app import build_window
    from ui.scanner import ScanCatcher
    from ui.sounds import Sounds

    runner = JobRunner(db)
    catcher, sounds = ScanCatcher(qapp), Sounds(qapp)
    tabs = {}
    for role in ("organiser", "desk"):
        station = Station(StationSettings(station_name="Desk 1", event_code="mini-2025"), desk_staff[role],
                          clock=lambda: DURING_C1)
        window = build_window(runner, station, database_url="sqlite:///x.sqlite3", sounds=sounds, catcher=catcher)
        settle(qtbot, runner)
        tabs[role] = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        for i in range(window.tabs.count()):
            vm = getattr(window.tabs.widget(i), "vm", None)
            if hasattr(vm, "stop"):
                vm.stop()
        window.close()
        window.deleteLater()
    runner.wait()
    qapp.removeEventFilter(catcher)
    assert tabs["organiser"] == ["Desk", "Door", "Young people", "Dashboard", "Import", "Batch print", "Badge preview",
                                 "Exports", "Staff", "Audit log", "Purge"]
    assert tabs["desk"] == ["Desk", "Door"]


def test_batch_page_sends_the_badges_to_the_printer_queue(qtbot, console, loaded, cups_printer):
    from ui.console.badges import BatchView, BatchViewModel

    for old in cups_printer.output.glob("badges_mini-2025*.pdf"):
        old.unlink()
    view, vm, runner = console(BatchViewModel, BatchView, [cups_printer.queue])
    assert vm.state.destination == "printer" and view.queue.currentText() == cups_printer.queue
    click(qtbot, runner, view.start_button)
    sent = re.match(rf"Sent 5 badges on (\d+) pages to {cups_printer.queue} \(job ", view.message.text())
    assert sent, view.error.text()
    printed = cups_printer.wait_for_output("badges_mini-2025")
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == sent.group(1)
