"""The scan catcher against real widgets: bursts become scans, people's typing stays theirs."""

import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from keys import scanner_types  # noqa: E402

from ui.scanner import ScanCatcher  # noqa: E402

TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" * 3


@pytest.fixture
def form(qtbot, qapp):
    window = QWidget()
    layout = QVBoxLayout(window)
    search, other = QLineEdit(), QLineEdit()
    layout.addWidget(search)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    search.setFocus()
    catcher = ScanCatcher(qapp)
    yield catcher, search, other
    qapp.removeEventFilter(catcher)
    catcher.deleteLater()


def test_burst_with_enter_is_a_scan_and_never_reaches_the_field(qtbot, form):
    catcher, search, _ = form
    search.setText("Tan Jun")   # a person's search, then a scan: Shift around every capital
    with qtbot.waitSignal(catcher.scanned, timeout=2000) as got:
        scanner_types(search, TOKEN)
    assert got.args == [TOKEN]
    assert search.text() == "Tan Jun"


def test_burst_without_terminator_ends_on_quiet_gap(qtbot, form):
    catcher, search, _ = form
    with qtbot.waitSignal(catcher.scanned, timeout=2000) as got:
        scanner_types(search, TOKEN, suffix=None)
    assert got.args == [TOKEN]
    assert search.text() == ""


def test_a_scan_while_a_dialog_is_open_waits_until_it_closes(qtbot, qapp, form):
    catcher, search, _ = form
    dialog = QDialog(search.window())
    pin = QLineEdit(dialog)
    seen, held = [], []
    catcher.scanned.connect(seen.append)
    catcher.held.connect(held.append)

    def scan_behind_the_dialog():
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=2000)
        pin.setFocus()
        scanner_types(QApplication.focusWidget() or pin, TOKEN)
        assert held == [TOKEN] and seen == [] and pin.text() == ""   # nothing typed into the PIN field
        dialog.reject()
    QTimer.singleShot(0, scan_behind_the_dialog)
    dialog.exec()
    assert seen == []                           # the dialog's caller acts first
    qtbot.waitUntil(lambda: seen == [TOKEN], timeout=2000)


def test_person_typing_is_not_a_scan(qtbot, form):
    catcher, search, _ = form
    seen = []
    catcher.scanned.connect(seen.append)
    QTest.keyClicks(search, "nguyen van duc", delay=90)
    # Nothing is held back waiting for a quiet gap: every key already reached the field.
    qtbot.waitUntil(lambda: not catcher._quiet.isActive() and not catcher._held, timeout=2000)
    assert search.text() == "nguyen van duc"
    assert seen == []


def test_short_fast_typing_is_replayed_to_the_field(qtbot, form):
    """A fast typist's short word arrives whole in the focused field, in order."""
    catcher, _, other = form
    other.setFocus()
    seen = []
    catcher.scanned.connect(seen.append)
    QTest.keyClicks(other, "siti", delay=10)
    qtbot.waitUntil(lambda: other.text() == "siti", timeout=1000)
    assert seen == []


# -- the decision itself, over key times (ms): ui/burst.py -------------------------------------------
from ui.burst import BurstRules, continues, is_scan, late_terminator, quiet_ms, scanned_text  # noqa: E402


def times(*gaps, start=1000):
    out = [start]
    for g in gaps:
        out.append(out[-1] + g)
    return out


def test_a_scanner_burst_is_a_scan_and_a_person_is_not():
    assert is_scan(times(*[4] * 119))                 # 120 keys, 4 ms apart
    assert not is_scan(times(*[90] * 119))            # a person typing the same
    assert not is_scan(times(*[4] * 10))              # too short to be one of our codes
    assert not is_scan(times(*[4] * 60, 400, *[4] * 59))   # a pause no scanner makes splits it


def test_a_scanner_may_stall_mid_code():
    start = times(*[4] * 59)
    assert continues(start, start[-1] + 60)           # a 60 ms stall mid-code
    assert is_scan(times(*[4] * 59, 60, *[4] * 60))
    assert not continues(start, start[-1] + 450)      # but not a long pause


def test_a_person_is_let_through_after_a_few_keys():
    typed = times(120, 80, 150, 95, 60, 110)         # "Tan Jun" at a quick typist's pace
    assert continues(typed[:1], typed[1]) and continues(typed[:2], typed[2])   # held a moment...
    assert not continues(typed[:3], typed[3])        # ...three slow gaps in a row: a person, let through
    assert not is_scan(typed)
    assert quiet_ms(typed[:1]) == BurstRules().quiet_person_ms


def test_a_scanner_slowed_by_a_busy_machine_is_still_one_scan():
    gaps = [40, 6, 70, 5, 45, 4, 4, 5, 5, 5] * 12   # xdotool on a loaded machine: some gaps far from a few ms
    keys = times(*gaps[:119])
    for i in range(1, len(keys)):
        assert continues(keys[:i], keys[i])
    assert is_scan(keys)


def test_keys_arriving_out_of_order_count_as_together():
    assert continues([1000, 1004], 1003)             # timestamps never run backwards into a "gap"


def test_the_suffix_after_a_quiet_end_is_the_scanners():
    assert late_terminator(5000, 5300)
    assert not late_terminator(5000, 7000)
    assert not late_terminator(None, 5000)


def test_control_characters_around_the_code_are_dropped():
    assert scanned_text(["\x02", "A", "B", "\x03"]) == "AB"


def test_symbology_prefixes_and_caps_lock_do_not_spoil_a_code():
    from checkin.desk.tokens import TOKEN_LENGTH, normalise

    code = "A" * TOKEN_LENGTH
    assert normalise("]Q1" + code) == code
    assert normalise("#" + code) == code
    assert normalise(code.lower()) == code
