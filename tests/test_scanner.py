"""The scan catcher against real widgets: bursts become scans, people's typing stays theirs."""

import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget  # noqa: E402

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
    with qtbot.waitSignal(catcher.scanned, timeout=2000) as got:
        QTest.keyClicks(search, TOKEN, delay=2)
        QTest.keyClick(search, Qt.Key_Return)
    assert got.args == [TOKEN]
    assert search.text() == ""


def test_burst_without_terminator_ends_on_quiet_gap(qtbot, form):
    catcher, search, _ = form
    with qtbot.waitSignal(catcher.scanned, timeout=2000) as got:
        QTest.keyClicks(search, TOKEN, delay=2)
    assert got.args == [TOKEN]
    assert search.text() == ""


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
