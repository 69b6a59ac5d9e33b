"""The live dashboard: arrivals against expected, who is here by role and country, the rooms now,
safeguarding, young people, no-shows. Refreshed every few seconds; big enough for a wall screen."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCharts import (QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries,
                              QLineSeries, QValueAxis)
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
        self.value.setFont(big_font(34, bold=True))
        self.value.setAccessibleName(title)
        self.caption = QLabel(title)
        self.caption.setFont(big_font(14))
        self.detail = QLabel("")
        self.detail.setFont(big_font(12))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 12)
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
    view.setMinimumHeight(220)
    return chart, view


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
        self.roles_chart, self.roles_view = _chart("Checked in by role")
        self.countries_chart, self.countries_view = _chart("Checked in by country (of registered)")
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
        grid.addWidget(self.roles_view, 1, 0)
        grid.addWidget(self.countries_view, 1, 1)
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
        self._render_bars(self.roles_chart, list(reversed([(ROLE_WORDS.get(r, r.title()), c, t)
                                                           for r, c, t in s.by_role])))
        self._render_bars(self.countries_chart, list(reversed([(f"{k}  {c}/{t}", c, t) for k, c, t in s.by_country])),
                          registered=False)
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
        x = QBarCategoryAxis()
        # Every label on a long day would overlap: keep one an hour.
        x.append([lab if lab.endswith(":00") or len(labels) <= 12 else " " * (i + 1)
                  for i, lab in enumerate(labels)])
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

    @staticmethod
    def _render_bars(chart: QChart, rows: list[tuple[str, int, int]], registered: bool = True) -> None:
        """Horizontal bars: long names stay readable on the left."""
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        came, listed = QBarSet("checked in"), QBarSet("registered")
        came.setColor(QColor(GREEN))
        listed.setColor(QColor("#B8C2CC"))
        came.append([float(c) for _, c, _ in rows] or [0.0])
        listed.append([float(t) for _, _, t in rows] or [0.0])
        series = QHorizontalBarSeries()
        series.append(came)
        if registered:
            series.append(listed)
        chart.legend().setVisible(registered)
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([name for name, _, _ in rows] or ["–"])
        values = QValueAxis()
        values.setRange(0, max([t for _, _, t in rows] + [1]) * 1.1)
        values.setLabelFormat("%d")
        cats.setLabelsFont(big_font(10))
        cats.setTruncateLabels(False)   # a country's name cut to "…" says nothing
        values.setLabelsFont(big_font(10))
        chart.addAxis(cats, Qt.AlignLeft)
        chart.addAxis(values, Qt.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(values)

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
