"""The desk view driven as staff drive it, against a real SQLite file and the real core."""

import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from checkin.attendees import find, token_for  # noqa: E402
from checkin.store.models import CheckIn, SafeguardingConfirmation  # noqa: E402
from checkin.stations.station import Station, StationSettings  # noqa: E402
from conftest import EVENT_MORNING  # noqa: E402
from tests.cups import cups_printer  # noqa: E402,F401  (fixture)
from ui.desk import DeskMode, DeskView, DeskViewModel  # noqa: E402
from ui.runner import JobRunner  # noqa: E402
from keys import scanner_types  # noqa: E402
from ui.scanner import ScanCatcher  # noqa: E402




class RecordingPrinter:
    """The edge we fake: a printer that keeps what it was asked to print, or refuses."""

    def __init__(self, fail_with: str = ""):
        self.printed, self.fail_with = [], fail_with

    def __call__(self, job):
        if self.fail_with:
            raise RuntimeError(self.fail_with)
        self.printed.append(job.registration_id)
        return f"BADGES-{len(self.printed)}"


@pytest.fixture
def desk(qtbot, qapp, loaded, desk_staff, db):
    def make(printer=None, queue="BADGES"):
        settings = StationSettings(station_name="Desk 1", printer_queue=queue, event_code="mini-2025")
        station = Station(settings, desk_staff["desk"], clock=lambda: EVENT_MORNING)
        runner = JobRunner(db)
        vm = DeskViewModel(runner, station, badge_printer=printer)
        view = DeskView(vm)
        view.resize(1100, 700)
        view.show()
        qtbot.waitExposed(view)
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow, timeout=2000)  # shortcuts (F2, F9…) belong to the active window
        catcher = ScanCatcher(qapp)
        catcher.scanned.connect(vm.scan)
        made.append((catcher, runner, view, vm))
        return view, vm, runner
    made = []
    yield make
    for catcher, runner, view, vm in made:
        runner.wait()
        qapp.removeEventFilter(catcher)
        vm._reset.stop()
        view.close()
        view.deleteLater()


def scan_in(qtbot, view, runner, token):
    with qtbot.waitSignal(runner.idle, timeout=5000):
        scanner_types(view.search_box, token)


def test_scan_at_scanner_speed_checks_in_and_prints(qtbot, desk, loaded):
    printer = RecordingPrinter()
    view, vm, runner = desk(printer)
    view.search_box.setFocus()
    scan_in(qtbot, view, runner, token_for(find(loaded, "M-001")))
    qtbot.waitUntil(lambda: vm.state.print_status == "printed", timeout=5000)
    assert view.card.title.text() == "Welcome"
    assert view.card.name.text() == "Nguyễn Văn Đức"
    assert "PHOTOS OK" in view.card.lanyard.text()
    assert view.search_box.text() == ""          # the scan never landed in the search field
    assert printer.printed == ["M-001"]
    assert CheckIn.select().count() == 1


def test_safeguarding_flow(qtbot, desk, loaded):
    view, vm, runner = desk(RecordingPrinter())
    scan_in(qtbot, view, runner, token_for(find(loaded, "M-002")))
    assert vm.state.mode is DeskMode.NEEDS_INPUT
    assert view.card.title.text() == "Safeguarding policy first"
    assert view.card.policy.isVisible()
    assert "alone with a child" in view.card.policy.toPlainText()
    assert view.confirm_button.isVisible()
    assert CheckIn.select().count() == 0
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F2)
    qtbot.waitUntil(lambda: vm.state.print_status == "printed", timeout=5000)
    assert view.card.title.text() == "Welcome"
    assert not view.card.policy.isVisible()
    assert SafeguardingConfirmation.select().where(SafeguardingConfirmation.method == "desk").count() == 1


def test_failed_print_shows_and_retries(qtbot, desk, loaded):
    printer = RecordingPrinter(fail_with="printer BADGES is disabled: enable it with cupsenable BADGES")
    view, vm, runner = desk(printer)
    scan_in(qtbot, view, runner, token_for(find(loaded, "M-001")))
    qtbot.waitUntil(lambda: vm.state.print_status == "failed", timeout=5000)
    assert "BADGE NOT PRINTED" in view.card.detail.text() and "cupsenable" in view.card.detail.text()
    assert view.print_button.isVisible()
    printer.fail_with = ""
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F5)
    assert vm.state.print_status == "printed" and printer.printed == ["M-001"]


def test_refusals_show_red_cards(qtbot, desk, loaded):
    view, vm, runner = desk()
    good = token_for(find(loaded, "M-001"))
    scan_in(qtbot, view, runner, good[:-2] + ("AA" if good[-2:] != "AA" else "BB"))
    assert view.card.title.text() == "Code not valid"
    scan_in(qtbot, view, runner, token_for(find(loaded, "M-004")))
    assert view.card.title.text() == "Young person: consent missing"
    assert CheckIn.select().count() == 0


def test_reprint_from_the_desk_needs_an_organiser_pin(qtbot, desk, loaded, tmp_path):
    view, vm, runner = desk()   # no printer at this desk: the new badge is saved as a PDF
    view.ask_pdf_path = lambda reg: str(tmp_path / f"{reg}.pdf")
    old = token_for(find(loaded, "M-001"))
    scan_in(qtbot, view, runner, old)
    scan_in(qtbot, view, runner, old)
    assert view.card.title.text() == "Already checked in" and view.reprint_button.isVisible()
    view.ask_approval = lambda action: ("Olivia Organiser", "0000", "badge lost")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F6)
    assert "Not done: wrong PIN" in view.card.detail.text()
    assert find(loaded, "M-001").badge_serial == 1
    vm.state = vm.state.__class__(**{**vm.state.__dict__, "notice": ""})
    view.render(vm.state)
    view.ask_approval = lambda action: ("Olivia Organiser", "314159", "badge lost")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view, Qt.Key_F6)
    qtbot.waitUntil(lambda: "serial 2" in view.card.detail.text(), timeout=10000)
    assert "saved as" in view.card.detail.text() and (tmp_path / "M-001.pdf").read_bytes().startswith(b"%PDF")
    assert find(loaded, "M-001").badge_serial == 2
    scan_in(qtbot, view, runner, old)
    assert view.card.title.text() == "Badge revoked"


def test_a_reprint_the_printer_refuses_leaves_the_old_badge_working(qtbot, desk, loaded):
    printer = RecordingPrinter(fail_with="printer BADGES is stopped")
    view, vm, runner = desk(printer)
    old = token_for(find(loaded, "M-001"))
    scan_in(qtbot, view, runner, old)
    qtbot.waitUntil(lambda: vm.state.print_status == "failed", timeout=5000)
    view.ask_approval = lambda action: ("Olivia Organiser", "314159", "badge lost")
    QTest.keyClick(view, Qt.Key_F6)
    qtbot.waitUntil(lambda: "Not done" in view.card.detail.text(), timeout=10000)
    assert "old badge still works" in view.card.detail.text()
    assert find(loaded, "M-001").badge_serial == 1          # nothing revoked
    vm.dismiss()
    scan_in(qtbot, view, runner, old)
    assert vm.state.result.outcome == "already_checked_in"   # the old badge is still good


def test_a_slow_print_neither_holds_up_the_next_person_nor_lands_on_their_card(qtbot, desk, loaded):
    import threading

    release = threading.Event()

    class SlowPrinter(RecordingPrinter):
        def __call__(self, job):
            release.wait(20)      # a printer that hangs until told (CUPS waiting up to 20 s)
            raise RuntimeError("printer BADGES did not finish the job")
    view, vm, runner = desk(SlowPrinter())
    scanner_types(view.search_box, token_for(find(loaded, "M-001")))   # A: checked in, print hangs
    qtbot.waitUntil(lambda: vm.state.print_status == "printing", timeout=5000)
    scanner_types(view.search_box, token_for(find(loaded, "M-005")))   # B, while A's print hangs
    qtbot.waitUntil(lambda: vm.state.registration_id == "M-005" and vm.state.result is not None, timeout=5000)
    assert vm.state.result.outcome in ("checked_in", "needs_safeguarding")   # B answered at once
    release.set()
    qtbot.waitUntil(lambda: vm.state.print_entry("M-001") is not None
                    and vm.state.print_entry("M-001").status == "failed", timeout=10000)
    assert vm.state.registration_id == "M-005" and "NOT PRINTED" not in view.card.detail.text()
    assert "M-001" in view.print_queue.item(0).text() and "NOT PRINTED" in view.print_queue.item(0).text()


def test_walk_in_is_registered_then_meets_the_safeguarding_gate(qtbot, desk, loaded):
    from checkin.desk.walkins import WalkIn

    view, vm, runner = desk()
    view.ask_walk_in = lambda: (WalkIn(given_name="Ratana", family_name="Chea", reason="invited by ministry"),
                                "Olivia Organiser", "314159")
    QTest.keyClick(view, Qt.Key_F9)
    qtbot.waitUntil(lambda: vm.state.mode not in (DeskMode.READY, DeskMode.WORKING), timeout=5000)
    assert vm.state.error == ""
    assert vm.state.mode is DeskMode.NEEDS_INPUT
    assert vm.state.registration_id == "WALKIN-0001"
    assert "Walk-in" in view.card.detail.text()


def test_a_person_typing_a_name_searches_and_is_never_taken_for_a_scan(qtbot, desk, loaded):
    view, vm, runner = desk()
    view.search_box.setFocus()
    QTest.keyClicks(view.search_box, "dela cruz", delay=70)   # a person: keys ~70 ms apart
    # The catcher holds a key until it knows it is not a scanner's burst; then it reaches the field.
    qtbot.waitUntil(lambda: view.search_box.text() == "dela cruz", timeout=2000)
    qtbot.waitUntil(lambda: view.hits.count() >= 1, timeout=5000)
    assert view.hits.item(0).data(Qt.UserRole) == "M-005"
    assert vm.state.mode is DeskMode.READY and CheckIn.select().count() == 0
    QTest.keyClick(view.search_box, Qt.Key_Down)             # into the results, no mouse
    assert view.hits.hasFocus() and view.hits.currentRow() == 0
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.keyClick(view.hits, Qt.Key_Return)
    assert vm.state.result.attendee.registration_id == "M-005"
    assert vm.state.result.outcome == "needs_safeguarding"   # agreed to the 2024 policy, not 2025's


def test_badge_prints_on_a_real_queue_and_a_stopped_queue_leaves_it_unprinted(qtbot, desk, loaded, cups_printer):
    import subprocess

    from checkin.store.models import Badge

    stopped = cups_printer.extra_queue("desk-stopped", "cups-pdf:/", enabled=False)
    try:
        view, vm, runner = desk(queue=stopped)
        vm.badge_printer = vm.station.send_badge                # the station's real printing path
        scan_in(qtbot, view, runner, token_for(find(loaded, "M-001")))
        qtbot.waitUntil(lambda: vm.state.print_status == "failed", timeout=30000)
        assert "BADGE NOT PRINTED" in view.card.detail.text() and view.print_button.isVisible()
        badge = Badge.get(Badge.attendee == find(loaded, "M-001"))
        assert badge.print_count == 0 and badge.printed_at is None
        subprocess.run(["cupsenable", stopped], check=True)
        with qtbot.waitSignal(runner.idle, timeout=30000):
            QTest.keyClick(view, Qt.Key_F5)
        assert vm.state.print_status == "printed", vm.state.print_error
        assert Badge.get(Badge.attendee == find(loaded, "M-001")).print_count == 1
    finally:
        cups_printer.remove_queue(stopped)



def test_unknown_and_other_events_codes_show_red_cards(qtbot, desk, loaded):
    from checkin.desk.tokens import make_token
    from ui.theme import LOOKS, RED

    view, vm, runner = desk()
    scan_in(qtbot, view, runner, make_token(bytes(loaded.private_key), bytes(loaded.public_key), loaded.code,
                                            424_242, 1))
    assert vm.state.result.outcome == "unknown_attendee"
    assert view.card.title.text() == LOOKS["unknown_attendee"].title and LOOKS["unknown_attendee"].colour == RED
    from checkin.events.file import read_event_file
    from checkin.events.service import get_event, save_event
    from checkin.imports.importer import import_attendees
    from conftest import FIXTURES

    save_event(read_event_file(FIXTURES / "door-event.toml"), now=EVENT_MORNING)   # another event, same database
    other = get_event("door-2025")
    import_attendees(FIXTURES / "door-attendees.csv", event=other, now=EVENT_MORNING)
    scan_in(qtbot, view, runner, token_for(find(other, "D-01")))
    assert vm.state.result.outcome == "wrong_event"
    assert view.card.title.text() == LOOKS["wrong_event"].title
    assert CheckIn.select().count() == 0


def test_two_chinese_characters_are_enough_to_search_at_the_desk(qtbot, desk, loaded, tmp_path):
    from checkin.imports.importer import import_attendees

    people = tmp_path / "more.csv"
    people.write_text("registration_id,given_name,family_name,name_latin,name_order,role\n"
                      "M-006,美玲,陈,Tan Mei Ling,family-first,delegate\n", encoding="utf-8")
    assert import_attendees(people, event=loaded, now=EVENT_MORNING).created == 1
    view, vm, runner = desk()
    view.search_box.setFocus()
    vm.search("美玲")
    qtbot.waitUntil(lambda: view.hits.count() >= 1, timeout=5000)
    assert view.hits.item(0).data(Qt.UserRole) == "M-006"


def test_consent_recorded_at_the_desk_then_the_young_person_is_checked_in(qtbot, desk, loaded):
    view, vm, runner = desk()
    scan_in(qtbot, view, runner, token_for(find(loaded, "M-004")))
    assert vm.state.result.outcome == "needs_guardian_consent" and view.consent_button.isVisible()
    asked = []

    def answer(attendee):
        asked.append(attendee.registration_id)
        return {"approver": "Olivia Organiser", "pin": "314159", "reason": "signed form handed in",
                "guardian_consent": True, "chaperone": "Daw Khin Mar", "photo_consent": False}
    view.ask_consent = answer
    QTest.keyClick(view, Qt.Key_F4)
    qtbot.waitUntil(lambda: vm.state.result is not None and vm.state.result.outcome == "checked_in", timeout=10000)
    assert asked == ["M-004"] and vm.state.registration_id == "M-004"
    person = find(loaded, "M-004")
    assert (person.guardian_consent, person.chaperone) == (True, "Daw Khin Mar")


def test_a_wrong_organiser_pin_keeps_the_form_and_says_so(qtbot, desk, loaded):
    from PySide6.QtCore import QTimer

    from ui.dialogs import WalkInDialog

    view, vm, runner = desk()
    dialog = WalkInDialog("Olivia Organiser", view, verify=vm.verify_pin)
    dialog.given.setText("Lan")
    dialog.family.setText("Pham")
    dialog.pin.setText("0000")
    QTimer.singleShot(0, dialog.ok_button.click)
    QTimer.singleShot(3000, dialog.reject)     # so a failing test cannot hang on an open dialog
    finished = []
    dialog.finished.connect(finished.append)
    dialog.open()
    qtbot.waitUntil(lambda: "Wrong PIN" in dialog.error.text() or bool(finished), timeout=5000)
    assert dialog.error.text() == "Wrong PIN — try again" and dialog.isVisible()
    assert dialog.given.text() == "Lan" and dialog.family.text() == "Pham"   # nothing typed is lost
    dialog.pin.setText("314159")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: finished == [WalkInDialog.Accepted], timeout=5000)


def test_search_rows_are_two_lines_tall_enough_for_each_script_with_the_id_always_whole(qtbot, qapp, desk, loaded):
    """Rows are sized from the fonts their letters come from (Myanmar's stacks need the most); the
    registration id is drawn whole however narrow the list; the search field has room above the
    line for a Myanmar stack."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QListWidgetItem

    from ui.fonts import line_extent, load_bundled_fonts
    from ui.search_rows import NAME_ROLE, ORGANISATION_ROLE

    load_bundled_fonts(qapp)
    view, vm, runner = desk()
    vm.search("สมชาย")   # M-002's Thai given name
    qtbot.waitUntil(lambda: view.hits.count() >= 1, timeout=5000)
    thai = view.hits.item(0)
    assert thai.data(Qt.UserRole) == "M-002" and thai.data(ORGANISATION_ROLE) == "Thai Digital Agency"
    delegate = view.hits.itemDelegate()
    name_font, detail_font = delegate.name_font, delegate.detail_font

    def needed(name, organisation, reg):
        (a1, d1), (a2, d2) = line_extent(name_font, name), line_extent(detail_font, f"{organisation} {reg}")
        return a1 + d1 + a2 + d2

    assert view.hits.visualItemRect(thai).height() >= needed(thai.data(NAME_ROLE), "Thai Digital Agency", "M-002")
    for name, org, reg in (("နှင်းဝေ (Hnin Wai)", "Golden Land Mobile " * 4, "AIF-0012"),
                           ("ស្ត្រី សុភា (Kim Sophea)", "Phnom Penh Child Safety", "AIF-0036"),
                           ("Tan Jun Jie", "Ministry of Communications", "AIF-0296")):
        item = QListWidgetItem(f"{name}\n{org} · {reg}")
        item.setData(Qt.UserRole, reg)
        item.setData(NAME_ROLE, name)
        item.setData(ORGANISATION_ROLE, org)
        view.hits.addItem(item)
    heights = {view.hits.item(i).data(Qt.UserRole): view.hits.visualItemRect(view.hits.item(i)).height()
               for i in range(view.hits.count())}
    latin = QFontMetricsF(name_font)   # the first family, Noto Sans
    assert heights["AIF-0012"] >= needed("နှင်းဝေ (Hnin Wai)", "Golden Land Mobile", "AIF-0012")
    assert line_extent(name_font, "နှင်းဝေ")[0] > latin.ascent()      # measured from the Myanmar font itself
    assert heights["AIF-0012"] > heights["AIF-0296"]   # sized by what the row holds, not one fixed height
    # However narrow the list, the id is whole and the organisation gives way.
    myanmar_row = view.hits.model().index(view.hits.count() - 3, 0)
    name, organisation, reg = delegate.shown(myanmar_row, 260)
    assert reg == "AIF-0012" and organisation.endswith("…") and name
    # The search field: room above the text line for the tallest Myanmar stack.
    box = view.search_box
    field = QFontMetricsF(box.font())
    up = line_extent(box.font(), "နှင်း")[0]
    assert (box.height() - field.height()) / 2 >= up - field.ascent()
