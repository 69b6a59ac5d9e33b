"""The kiosk driven as an attendee drives it (real SQLite file, real core, real widgets offscreen):
language, scan, greeting, summary, Agree, badge, lanyard; screenshots in each language, and every
character on screen drawn with a real glyph from the bundled fonts (no tofu)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser

from checkin.attendees import find, token_for
from checkin.stations.station import Station, StationSettings
from checkin.store.models import CheckIn, SafeguardingConfirmation
from delegation_data import MORNING, delegations, people  # noqa: F401
from ui.fonts import load_bundled_fonts
from ui.kiosk import KioskView, KioskViewModel
from ui.runner import JobRunner

# Where the screenshots go for a look (CHECKIN_SHOTS=DIR), else the test's own folder.
SHOTS_DIR = os.environ.get("CHECKIN_SHOTS", "")


class RecordingPrinter:
    def __init__(self, fail: bool = False):
        self.printed, self.fail = [], fail

    def __call__(self, registration_id):
        if self.fail:
            raise RuntimeError("printer out of paper")
        self.printed.append(registration_id)
        return registration_id


@pytest.fixture
def kiosk(qtbot, qapp, delegations, people, db):  # noqa: F811
    families = load_bundled_fonts(qapp)
    made = []

    def make(printer=None):
        settings = StationSettings(station_name="Kiosk 1", event_code="deleg-2025")
        station = Station(settings, people["kiosk"], clock=lambda: MORNING)
        runner = JobRunner(db)
        vm = KioskViewModel(runner, station, print_badge=printer or RecordingPrinter())
        view = KioskView(vm)
        view.resize(1280, 800)
        view.show()
        qtbot.waitExposed(view)
        made.append((runner, view))
        return view, vm, runner
    make.families = families
    yield make
    for runner, view in made:
        runner.wait()
        view.idle.stop()
        view._use_language("en")
        qapp.removeEventFilter(view)
        view.close()
        view.deleteLater()


def shots(tmp_path) -> Path:
    folder = Path(SHOTS_DIR) if SHOTS_DIR else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _scan(qtbot, vm, runner, token):
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.scan(token)


def tofu(widget, families) -> list[str]:
    """Characters on visible labels and buttons that no bundled font draws (glyph 0 = .notdef),
    or that a font outside the bundled set draws."""
    missing = []
    shown = [(w, w.text()) for w in widget.findChildren(QLabel) + widget.findChildren(QPushButton)]
    shown += [(w, w.toPlainText()) for w in widget.findChildren(QTextBrowser)]
    for w, text in shown:
        if not w.isVisibleTo(widget) or not text:
            continue
        layout = QTextLayout(text, w.font())
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        for run in layout.glyphRuns():
            family = run.rawFont().familyName()
            if 0 in run.glyphIndexes() or family not in families:
                missing.append(f"{w.accessibleName() or text[:20]!r}: {family}")
    return missing


@pytest.mark.parametrize("lang, reg, scan_title, agree", [
    ("th", "D-A1", "สแกนคิวอาร์โค้ดบนบัตรเชิญของคุณ", "ฉันยอมรับ"),
    ("km", "D-A2", "ស្កេនកូដ QR លើលិខិតអញ្ជើញរបស់អ្នក", "ខ្ញុំយល់ព្រម"),
    ("my", "D-A1", "သင့်ဖိတ်စာပေါ်ရှိ QR ကုဒ်ကို စကင်ဖတ်ပါ", "ကျွန်ုပ် သဘောတူပါသည်"),
    ("lo", "D-A1", "ສະແກນລະຫັດ QR ໃນບັດເຊີນຂອງທ່ານ", "ຂ້ອຍຍອມຮັບ"),
    ("vi", "D-A1", "Quét mã QR trên thư mời của bạn", "Tôi đồng ý"),
    ("zh", "D-A1", "请扫描邀请函上的二维码", "我同意"),
    ("id", "D-A1", "Pindai kode QR pada undangan Anda", "Saya setuju"),
    ("ms", "D-A1", "Imbas kod QR pada jemputan anda", "Saya setuju"),
    ("fil", "D-A1", "I-scan ang QR code sa iyong imbitasyon", "Sumasang-ayon ako"),
])
def test_each_language_reads_in_its_own_script_without_tofu(qtbot, kiosk, delegations, lang, reg, scan_title,  # noqa: F811
                                                            agree, tmp_path):
    view, vm, runner = kiosk()
    assert not tofu(view, kiosk.families)                       # the language picker: every script at once
    QTest.mouseClick(view.language_buttons[lang], Qt.LeftButton)
    assert view.scan_title.text() == scan_title
    assert not tofu(view, kiosk.families)
    _scan(qtbot, vm, runner, token_for(find(delegations, reg)))
    assert vm.state.screen == "agree" and view.agree_button.text() == agree
    problems = tofu(view, kiosk.families)
    assert not problems, problems
    if lang in ("th", "km"):
        view.grab().save(str(shots(tmp_path) / f"kiosk-{lang}.png"))


def test_scan_agree_print_and_the_lanyard(qtbot, kiosk, delegations, tmp_path):  # noqa: F811
    printer = RecordingPrinter()
    view, vm, runner = kiosk(printer)
    # no language chosen: the attendee's own (Thai) from the registration list
    _scan(qtbot, vm, runner, token_for(find(delegations, "D-A1")))
    assert view.greeting.text() == "ยินดีต้อนรับ สมศรี ใจงาม" and view.summary.toPlainText().startswith("ดูแลเด็ก")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        QTest.mouseClick(view.agree_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: vm.state.printed, timeout=5000)
    assert printer.printed == ["D-A1"] and vm.state.screen == "done"
    assert view.lanyard.text() == "รับสายคล้องบัตรสีเขียวที่โต๊ะ: ถ่ายภาพคุณได้"
    assert SafeguardingConfirmation.get(SafeguardingConfirmation.method == "kiosk").attendee.registration_id == "D-A1"
    assert not tofu(view, kiosk.families)
    view.grab().save(str(shots(tmp_path) / "kiosk-th-done.png"))
    vm.idle_timeout()                       # 20 s untouched: the screen clears, no name stays up
    assert vm.state.screen == "language" and vm.state.answer is None


def test_a_young_person_is_sent_to_the_desk_in_their_language(qtbot, kiosk, delegations, tmp_path):  # noqa: F811
    view, vm, runner = kiosk()
    QTest.mouseClick(view.language_buttons["km"], Qt.LeftButton)
    _scan(qtbot, vm, runner, token_for(find(delegations, "D-Y4")))
    assert vm.state.screen == "desk"
    assert view.desk_reason.text() == "យុវជនចុះឈ្មោះនៅតុបុគ្គលិក ជាមួយអ្នកមើលថែរបស់ពួកគេ។"
    assert not tofu(view, kiosk.families)
    assert CheckIn.select().count() == 0
    view.grab().save(str(shots(tmp_path) / "kiosk-km-desk.png"))


def test_a_failed_print_sends_them_to_the_desk(qtbot, kiosk, delegations):  # noqa: F811
    view, vm, runner = kiosk(RecordingPrinter(fail=True))
    _scan(qtbot, vm, runner, token_for(find(delegations, "D-A2")))
    with qtbot.waitSignal(runner.idle, timeout=5000):
        vm.agree()
    qtbot.waitUntil(lambda: vm.state.screen == "desk", timeout=5000)
    assert vm.state.reason == "print_failed"
    # Sokha's language is Khmer: the kiosk says it in Khmer
    assert view.desk_reason.text() == "កាតរបស់អ្នកមិនបានបោះពុម្ពទេ។ តុចុះឈ្មោះនឹងបោះពុម្ពឱ្យអ្នក។"


def test_leaving_kiosk_mode_needs_an_organiser(qtbot, kiosk):
    view, vm, runner = kiosk()
    refused = []
    vm.leave_refused.connect(refused.append)
    left = []
    vm.left.connect(lambda: left.append(True))
    view.ask_organiser = lambda: ("Dara Desk", "4826")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        view._ask_leave()
    assert refused and not left
    view.ask_organiser = lambda: ("Olivia Organiser", "000000")
    with qtbot.waitSignal(runner.idle, timeout=5000):
        view._ask_leave()
    assert len(refused) == 2 and not left
    view.ask_organiser = lambda: ("Olivia Organiser", "314159")
    with qtbot.waitSignal(vm.left, timeout=5000):
        view._ask_leave()
