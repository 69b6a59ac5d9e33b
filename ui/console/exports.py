"""Exports for the Forum's summary report: pick what, pick CSV or XLSX and where, export."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.console.common import fill, heading, note, table
from ui.errors import error_text
from ui.widgets import big_font

KINDS = (("attendees", "Everyone registered, with their status"),
         ("noshows", "No-shows: never arrived, or missed an assigned session"),
         ("sessions", "Per session run: registered, entered, peak, standby, refused as full"),
         ("attendance", "Attendance per session run (from the doors)"), ("checkins", "Check-ins at the desk"),
         ("safeguarding", "Safeguarding confirmations"), ("doorlog", "Door log (every scan)"),
         ("daily", "End-of-day summary for the focal point to sign (PDF, today)"))
FORMATS = (("xlsx", "Excel workbook (.xlsx)"), ("csv", "CSV, UTF-8 (.csv)"))


@dataclass(frozen=True)
class ExportLine:
    """One line of the page's history (an export's result, or a printed report)."""
    kind: str
    format: str
    rows: int
    file: str


@dataclass(frozen=True)
class ExportsState:
    kind: str = "attendance"
    fmt: str = "xlsx"
    working: bool = False
    done: tuple = ()            # ExportResult, newest first
    message: str = ""
    error: str = ""


class ExportsViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = ExportsState()

    def _set(self, state: ExportsState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def choose(self, kind: str | None = None, fmt: str | None = None) -> None:
        self._set(replace(self.state, kind=kind or self.state.kind, fmt=fmt or self.state.fmt))

    def file_format(self) -> str:
        return "pdf" if self.state.kind == "daily" else self.state.fmt

    def suggested_name(self) -> str:
        return f"{self.station.settings.event_code or 'event'}-{self.state.kind}.{self.file_format()}"

    def export(self, path: str) -> None:
        if not path or self.state.working:
            return
        target = str(Path(path).with_suffix("." + self.file_format()))
        kind = self.state.kind
        self._set(replace(self.state, working=True, error="", message=f"Exporting {kind}…"))
        if kind == "daily":
            self.runner.submit(lambda: self.station.daily_report(target), self._on_report, self._on_error)
        else:
            self.runner.submit(lambda: self.station.export(kind, target), self._on_done, self._on_error)

    def _on_done(self, result) -> None:
        self._set(replace(self.state, working=False, done=(result,) + self.state.done,
                          message=f"Saved {result.rows} rows to {result.file}"))

    def _on_report(self, answer: dict) -> None:
        done = ExportLine("daily", "pdf", answer["pages"], answer["file"])
        self._set(replace(self.state, working=False, done=(done,) + self.state.done,
                          message=f"Saved the summary of {answer['date']} "
                                  f"({answer['pages']} page{'' if answer['pages'] == 1 else 's'}) to "
                                  f"{answer['file']}: print it for the focal point to sign"))

    def _on_error(self, error: BaseException) -> None:
        self._set(replace(self.state, working=False, message="", error=error_text(error)))


class ExportsView(QWidget):
    def __init__(self, vm: ExportsViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("exports")
        self.kind = QComboBox()
        self.kind.setAccessibleName("what to export")
        for key, label in KINDS:
            self.kind.addItem(label, key)
        self.kind.activated.connect(lambda i: vm.choose(kind=self.kind.itemData(i)))
        self.fmt = QComboBox()
        self.fmt.setAccessibleName("file format")
        for key, label in FORMATS:
            self.fmt.addItem(label, key)
        self.fmt.activated.connect(lambda i: vm.choose(fmt=self.fmt.itemData(i)))
        for w in (self.kind, self.fmt):
            w.setFont(big_font(14))
        self.button = QPushButton("Export…")
        self.button.setFont(big_font(14, bold=True))
        self.button.setMinimumHeight(44)
        self.button.clicked.connect(self.start)
        self.message = note(name="export message")
        self.error = note(name="export error")
        self.error.setStyleSheet("color: #B3261E;")
        self.history = table(["export", "format", "rows", "file"], "exports done")
        form = QFormLayout()
        form.addRow("Export", self.kind)
        form.addRow("As", self.fmt)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Exports for the summary report"))
        layout.addWidget(note("Each export is recorded in the audit log and saved readable by you only. "
                              "Attendance comes from the door scans: who entered each session run, first in "
                              "and last out. After the purge, no-shows and session figures are counts only."))
        form_box = QWidget()
        form_box.setLayout(form)
        form_box.setMaximumWidth(760)
        layout.addWidget(form_box)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.history, 1)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def ask_path(self, suggested: str) -> str:
        kinds = "PDF (*.pdf)" if suggested.endswith(".pdf") else "CSV or Excel (*.csv *.xlsx)"
        path, _ = QFileDialog.getSaveFileName(self, "Export to", suggested, kinds)
        return path

    def start(self) -> None:
        path = self.ask_path(self.vm.suggested_name())
        if path:
            self.vm.export(path)

    def render(self, state: ExportsState) -> None:
        self.kind.setCurrentIndex(self.kind.findData(state.kind))
        self.fmt.setCurrentIndex(self.fmt.findData(state.fmt))
        self.fmt.setEnabled(state.kind != "daily")
        self.button.setEnabled(not state.working)
        self.message.setText(state.message)
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
        fill(self.history, [(r.kind, r.format, r.rows, r.file) for r in state.done])
