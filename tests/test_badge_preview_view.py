"""The console's badge preview, driven as an organiser uses it: pick the event file, see every
format, edit the file's [badge] colours in an editor and save, and the preview redraws."""

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from checkin.badges.formats import FORMAT_KEYS
from checkin.stations.station import Station, StationSettings
from conftest import FIXTURES
from ui.runner import JobRunner

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DURING = datetime(2025, 11, 18, 14, 10, tzinfo=ZoneInfo("Asia/Kuala_Lumpur"))


@pytest.fixture
def page(qtbot, qapp, db, desk_staff):
    from ui.console.badge_preview import BadgePreviewView, BadgePreviewViewModel

    runner = JobRunner(db)
    station = Station(StationSettings(station_name="Back office", event_code="mini-2025"), desk_staff["organiser"],
                      clock=lambda: DURING)
    vm = BadgePreviewViewModel(runner, station)
    view = BadgePreviewView(vm)
    view.resize(1280, 860)
    yield view, vm, runner
    runner.wait()
    vm.stop()
    view.close()
    view.deleteLater()


def _wait(qtbot, vm, generation):
    qtbot.waitUntil(lambda: vm.state.generation >= generation and not vm.state.running, timeout=60000)


def _header_colour(vm) -> tuple[int, int, int]:
    """The first sample badge's header strip on the A6 page (6 mm in, 19 mm down)."""
    fmt, image = vm.state.pages[0]
    per_mm = image.width() / (6 + 8 * (105 + 6))
    colour = image.pixelColor(round(60 * per_mm), round(19 * per_mm))
    return colour.red(), colour.green(), colour.blue()


def test_preview_follows_the_event_file_as_it_is_saved(qtbot, page, event, tmp_path):
    view, vm, runner = page
    for name in ("event.toml", "logo.svg", "logo.png", "sponsors.png", "policy.md"):
        shutil.copy(FIXTURES / "brand" / name, tmp_path / name)
    path = tmp_path / "event.toml"
    view.ask_event_file = lambda: str(path)
    view.show()
    qtbot.waitExposed(view)
    _wait(qtbot, vm, 1)                       # opening the page draws the loaded event's design
    QTest.mouseClick(view.choose_button, Qt.LeftButton)
    _wait(qtbot, vm, 2)
    assert [fmt for fmt, _ in vm.state.pages] == list(FORMAT_KEYS) and not vm.state.error
    assert "Lotus Bay Forum 2026: 8 sample people on 6 formats" in view.message.text()
    assert _header_colour(vm) == (0x0b, 0x55, 0x63)
    shots = tmp_path / "shots"
    shots.mkdir()
    view.grab().save(str(shots / "console-badge-preview.png"))

    # The organiser changes the event's colour in an editor and saves: the page redraws by itself.
    path.write_text(path.read_text(encoding="utf-8").replace('event = "#0b5563"', 'event = "#5b2a86"'),
                    encoding="utf-8")
    _wait(qtbot, vm, 3)
    assert _header_colour(vm) == (0x5b, 0x2a, 0x86)

    # A colour that fails contrast: one line saying what to do; the last good preview stays.
    path.write_text(path.read_text(encoding="utf-8").replace('delegate = "#3d5a80"',
                                                              'delegate = { colour = "#3d5a80", text = "#333333" }'),
                    encoding="utf-8")
    _wait(qtbot, vm, 4)
    assert "contrast" in view.error.text() and "\n" not in view.error.text() and view.error.isVisible()
    assert len(vm.state.pages) == len(FORMAT_KEYS)
    view.grab().save(str(shots / "console-badge-preview-error.png"))


def test_preview_of_the_loaded_event(qtbot, page, loaded):
    view, vm, runner = page
    QTest.mouseClick(view.reload_button, Qt.LeftButton)
    _wait(qtbot, vm, 1)
    assert len(vm.state.pages) == len(FORMAT_KEYS) and "Mini Forum 2025" in view.message.text()
    assert "the loaded event (mini-2025)" in view.message.text()
