"""The live dashboard: arrivals against expected, who is here by role and country, the rooms now,
safeguarding, young people, no-shows. Refreshed every few seconds; big enough for a wall screen."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCharts import QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QScrollArea, QVBoxLayout,
                               QWidget)

from checkin.attendees import ROLE_WORDS
from checkin.timeutil import local
from ui.console.common import heading
from ui.errors import error_text
from ui.theme import AMBER, BLUE, GREEN, GREY, PURPLE, RED
from ui.widgets import big_font

REFRESH_MS = 5000


@dataclass(frozen=True)
class DashboardState:
    snapshot: object | None = None     # checkin.organiser.dashboard.DashboardSnapshot
    error: str = ""
    loading: bool = False


class DashboardViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = DashboardState()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def _set(self, state: DashboardState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def start(self) -> None:
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def on_changed(self, changes, initiator) -> None:
        """A check-in, an import or a door scan made here: the figures on screen follow at once."""
        if self.timer.isActive() and (changes.checkins or changes.attendees or changes.rooms):
            self.refresh()

    def refresh(self) -> None:
        if self.state.loading or self.runner.in_flight > 2:
            return   # a slow refresh or a busy station: skip a beat rather than queue up
        self._set(replace(self.state, loading=True))
        self.runner.submit(self.station.dashboard, self._on_snapshot, self._on_error)

    def _on_snapshot(self, snapshot) -> None:
        self._set(DashboardState(snapshot=snapshot))

    def _on_error(self, error: BaseException) -> None:
        self._set(replace(self.state, loading=False, error=error_text(error)))


class Tile(QFrame):
    """One big figure with its words under it."""

    def __init__(self, title: str, colour: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(f"#tile {{ background: {colour}; border-radius: 12px; }} #tile QLabel {{ color: white; }}")
        self.value = QLabel("–")
        self.value.setFont(big_font(30, bold=True))
        self.value.setAccessibleName(title)
        self.caption = QLabel(title)
        self.caption.setFont(big_font(14))
        self.detail = QLabel("")
        self.detail.setFont(big_font(12))
        for label in (self.caption, self.detail):
            label.setWordWrap(True)   # a narrow screen wraps the words; it never cuts them or widens the window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)

    def set_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setTitleFont(big_font(14, bold=True))
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.legend().setFont(big_font(10))
    chart.legend().setAlignment(Qt.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = QChartView(chart)
    view.setRenderHint(QPainter.Antialiasing)
    view.setMinimumHeight(180)
    return chart, view


class BarList(QWidget):
    """Named bars, one a row, `checked in / registered` on each: every name whole, however many
    rows (the panel scrolls), where a chart's axis would hide labels that do not fit."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 8, 0)
        self._grid.setVerticalSpacing(3)
        self._grid.setColumnStretch(1, 1)
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._grid)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(title, 14))
        layout.addWidget(scroll, 1)
        self._rows: list[tuple[QLabel, QProgressBar]] = []

    def set_rows(self, rows: list[tuple[str, int, int]]) -> None:
        while len(self._rows) < len(rows):
            label, bar = QLabel(), QProgressBar()
            label.setFont(big_font(11))
            bar.setFont(big_font(10, bold=True))
            bar.setFixedHeight(bar.fontMetrics().height() + 6)
            bar.setStyleSheet(f"QProgressBar::chunk {{ background: {GREEN}; }} QProgressBar {{ text-align: center; }}")
            self._grid.addWidget(label, len(self._rows), 0)
            self._grid.addWidget(bar, len(self._rows), 1)
            self._rows.append((label, bar))
        for i, (label, bar) in enumerate(self._rows):
            label.setVisible(i < len(rows))
            bar.setVisible(i < len(rows))
            if i < len(rows):
                name, came, listed = rows[i]
                label.setText(name)
                bar.setRange(0, max(listed, 1))
                bar.setValue(min(came, max(listed, 1)))
                bar.setFormat(f"{came} / {listed}")

    def rows(self) -> list[tuple[str, str]]:
        """(name, "checked in / registered") of each row shown."""
        return [(label.text(), bar.format()) for label, bar in self._rows if not label.isHidden()]


class DashboardView(QWidget):
    def __init__(self, vm: DashboardViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("dashboard")
        self.title = heading("Dashboard", 22)
        self.stamp = QLabel("")
        self.stamp.setFont(big_font(12))
        self.error = QLabel("")
        self.error.setStyleSheet(f"color: {RED};")
        self.checked_in = Tile("checked in", GREEN)
        self.young = Tile("young people present", PURPLE)
        self.safeguarding = Tile("safeguarding confirmed", BLUE)
        self.no_shows = Tile("no-shows at sessions", AMBER)
        self.not_arrived = Tile("not arrived yet", GREY)
        tiles = QHBoxLayout()
        for t in (self.checked_in, self.young, self.safeguarding, self.no_shows, self.not_arrived):
            tiles.addWidget(t, 1)

        self.arrivals_chart, self.arrivals_view = _chart("Arrivals per 10 minutes, against expected")
        self.roles = BarList("Checked in by role (of registered)", "by role")
        self.countries = BarList("Checked in by country (of registered)", "by country")
        self.rooms = QVBoxLayout()
        rooms_box = QWidget()
        self.rooms.addStretch(1)
        rooms_box.setLayout(self.rooms)
        rooms_scroll = QScrollArea()
        rooms_scroll.setWidgetResizable(True)
        rooms_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        rooms_scroll.setFrameShape(QFrame.NoFrame)
        rooms_scroll.setWidget(rooms_box)
        rooms_scroll.setAccessibleName("rooms now")
        rooms_panel = QVBoxLayout()
        rooms_panel.addWidget(heading("Rooms now", 14))
        rooms_panel.addWidget(rooms_scroll, 1)
        self.room_bars: list[tuple[QLabel, QProgressBar]] = []

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.stamp)
        grid = QGridLayout()
        grid.addWidget(self.arrivals_view, 0, 0, 1, 2)
        grid.addLayout(rooms_panel, 0, 2, 2, 1)
        grid.addWidget(self.roles, 1, 0)
        grid.addWidget(self.countries, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.error)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    # Refreshing only while on screen: a dashboard in a background tab, or in a closed window,
    # costs the database nothing.
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.vm.start()

    def hideEvent(self, event) -> None:  # noqa: N802
        self.vm.stop()
        super().hideEvent(event)

    def render(self, state: DashboardState) -> None:
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
        s = state.snapshot
        if s is None:
            return
        self.title.setText(f"Dashboard — {s.event_name}")
        self.stamp.setText(f"updated {local(s.at, s.timezone):%H:%M:%S}")
        share = lambda a, b: f"{round(100 * a / b)}%" if b else "–"  # noqa: E731
        self.checked_in.set_value(f"{s.checked_in} / {s.registered}", f"{share(s.checked_in, s.registered)} of the list")
        self.young.set_value(str(s.young_present), f"of {s.young_registered} registered · {s.young_inside} in a room now")
        self.safeguarding.set_value(share(s.safeguarding_confirmed, s.registered),
                               f"{s.safeguarding_confirmed} of {s.registered} (current policy)")
        self.no_shows.set_value(str(s.no_shows), "registered for a started run, never entered")
        self.not_arrived.set_value(str(s.not_arrived), "on the list, not checked in")
        self._render_arrivals(s)
        self.roles.set_rows([(ROLE_WORDS.get(r, r.title()), c, t) for r, c, t in s.by_role])
        self.countries.set_rows(list(s.by_country))   # every country present, most arrivals first
        self._render_rooms(s)

    def _render_arrivals(self, s) -> None:
        chart = self.arrivals_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        labels = [t.strftime("%H:%M") for t, _ in s.arrivals] or ["–"]
        bars = QBarSet("arrivals")
        bars.setColor(QColor(GREEN))
        bars.append([float(n) for _, n in s.arrivals] or [0.0])
        series = QBarSeries()
        series.append(bars)
        expected = QLineSeries()
        expected.setName("expected (even spread)")
        expected.setColor(QColor(AMBER))
        for i in range(len(labels)):
            expected.append(i, s.expected_per_bucket)
        chart.addSeries(series)
        chart.addSeries(expected)
        # A value axis under the bars, labelled at the hours only (every 10 minutes on a short day):
        # few ticks, each label whole.
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
        x.setRange(-0.5, len(labels) - 0.5)
        x.setGridLineVisible(False)
        hourly = len(labels) > 12
        for i, lab in enumerate(labels):
            if lab.endswith(":00") or not hourly:
                x.append(lab, i)
        y = QValueAxis()
        y.setRange(0, max([n for _, n in s.arrivals] + [s.expected_per_bucket, 1]) * 1.15)
        y.setLabelFormat("%d")
        x.setLabelsFont(big_font(10))
        y.setLabelsFont(big_font(10))
        chart.addAxis(x, Qt.AlignBottom)
        chart.addAxis(y, Qt.AlignLeft)
        for ser in (series, expected):
            ser.attachAxis(x)
            ser.attachAxis(y)

    def _render_rooms(self, s) -> None:
        while len(self.room_bars) < len(s.sessions):
            label, bar = QLabel(), QProgressBar()
            label.setFont(big_font(12, bold=True))
            label.setWordWrap(True)
            bar.setMinimumHeight(28)
            bar.setFont(big_font(12, bold=True))
            self.rooms.insertWidget(self.rooms.count() - 1, label)
            self.rooms.insertWidget(self.rooms.count() - 1, bar)
            self.room_bars.append((label, bar))
        for i, (label, bar) in enumerate(self.room_bars):
            visible = i < len(s.sessions)
            label.setVisible(visible)
            bar.setVisible(visible)
            if not visible:
                continue
            run = s.sessions[i]
            label.setText(f"{run.session_run} · {run.title}\n{run.room}")
            bar.setRange(0, max(run.capacity, 1))
            bar.setValue(min(run.occupancy, max(run.capacity, 1)))
            bar.setFormat(f"{run.occupancy} / {run.capacity}")
            colour = RED if run.occupancy >= run.capacity else (AMBER if run.occupancy >= 0.9 * run.capacity else GREEN)
            bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }} QProgressBar {{ text-align: center; }}")
        if not s.sessions and not hasattr(self, "_no_rooms"):
            self._no_rooms = QLabel("No session's doors are open now")
            self._no_rooms.setFont(big_font(13))
            self.rooms.insertWidget(0, self._no_rooms)
        if hasattr(self, "_no_rooms"):
            self._no_rooms.setVisible(not s.sessions)
