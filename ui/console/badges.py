"""Batch badges and invitations: format, sort, desk split, then save the PDF or send it to a
printer queue, with a progress bar and a Cancel that stops the render between two badges."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QProgressBar, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from checkin.badges.media import media_for
from checkin.badges.printing import print_pdf
from ui.console.common import heading, note
from ui.errors import Cancelled, error_text
from ui.widgets import big_font

FORMATS = ("a4-4up", "a6", "a6-fold", "cr80", "4x3", "label62")


@dataclass(frozen=True)
class BatchState:
    what: str = "badges"          # or "invitations"
    fmt: str = "a4-4up"
    sort: str = "family"
    desk_split: int = 0
    destination: str = "pdf"      # or "printer"
    queue: str = ""
    queues: tuple[str, ...] = ()
    running: bool = False
    done: int = 0
    total: int = 0
    message: str = ""
    error: str = ""


class BatchViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, queues: list[str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = BatchState(queues=tuple(queues or ()), queue=(queues or [""])[0],
                                destination="printer" if queues else "pdf")
        self._job = None
        self._cancel = threading.Event()
        runner.progress.connect(self._on_progress)

    def _set(self, state: BatchState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def choose(self, **changes) -> None:
        if not self.state.running:
            self._set(replace(self.state, **changes))

    def start(self, path: str = "") -> None:
        s = self.state
        if s.running or (s.destination == "pdf" and not path) or (s.destination == "printer" and not s.queue):
            return
        self._cancel.clear()
        cancel = self._cancel

        def checked(progress):
            def report(done: int, total: int) -> None:
                if cancel.is_set():
                    raise Cancelled()
                progress(done, total)
            return report

        def work(progress):
            if s.what == "invitations":
                pdf, count = self.station.invitations(s.sort, progress=checked(progress))
                summary = f"{count} invitations"
            else:
                result = self.station.batch_badges(s.fmt, s.sort, s.desk_split, progress=checked(progress))
                pdf, summary = result.pdf, f"{result.badges} badges on {result.pages} pages"
                if result.desks:
                    summary += "; desks: " + ", ".join(f"{d.desk}: {d.first}–{d.last} ({d.badges})"
                                                       for d in result.desks)
            if cancel.is_set():
                raise Cancelled()
            if s.destination == "printer":
                media = media_for(s.fmt, s.queue) if s.what == "badges" else "A4"
                job = print_pdf(pdf, s.queue, title=f"{s.what} {self.station.settings.event_code}", media=media,
                                wait=0)
                return f"Sent {summary} to {s.queue} (job {job})"
            target = Path(path).with_suffix(".pdf")
            target.write_bytes(pdf)
            return f"Saved {summary} to {target}"

        self._set(replace(s, running=True, done=0, total=0, message="Preparing…", error=""))
        self._job = self.runner.submit_render(work, self._on_done, self._on_error, uses_database=True,
                                              with_progress=True)

    def cancel(self) -> None:
        if self.state.running:
            self._cancel.set()
            self._set(replace(self.state, message="Cancelling…"))

    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        if job_id == self._job and self.state.running:
            self._set(replace(self.state, done=done, total=total, message=f"Rendering {done} of {total}…"))

    def _on_done(self, message: str) -> None:
        self._set(replace(self.state, running=False, message=message, done=self.state.total or 1,
                          total=self.state.total or 1))

    def _on_error(self, error: BaseException) -> None:
        self._set(replace(self.state, running=False, message="", error=error_text(error)))


class BatchView(QWidget):
    def __init__(self, vm: BatchViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("batch printing")
        self.what = QComboBox()
        self.what.addItem("Badges for every attendee", "badges")
        self.what.addItem("Invitations (one page each, with the QR code)", "invitations")
        self.what.activated.connect(lambda i: vm.choose(what=self.what.itemData(i)))
        self.fmt = QComboBox()
        self.fmt.addItems(FORMATS)
        self.fmt.activated.connect(lambda _i: vm.choose(fmt=self.fmt.currentText()))
        self.sort = QComboBox()
        self.sort.addItem("by family name", "family")
        self.sort.addItem("by given name", "given")
        self.sort.activated.connect(lambda i: vm.choose(sort=self.sort.itemData(i)))
        self.desks = QSpinBox()
        self.desks.setRange(0, 12)
        self.desks.setSpecialValueText("no split")
        self.desks.valueChanged.connect(lambda n: vm.choose(desk_split=n))
        self.destination = QComboBox()
        self.destination.addItem("Save a PDF", "pdf")
        self.destination.addItem("Send to a printer queue", "printer")
        self.destination.activated.connect(lambda i: vm.choose(destination=self.destination.itemData(i)))
        self.queue = QComboBox()
        self.queue.addItems(list(vm.state.queues))
        self.queue.activated.connect(lambda _i: vm.choose(queue=self.queue.currentText()))
        self.start_button = QPushButton("Start")
        self.cancel_button = QPushButton("Cancel")
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(vm.cancel)
        self.progress = QProgressBar()
        self.progress.setMinimumHeight(32)
        self.progress.setAccessibleName("progress")
        self.message = note(name="batch message")
        self.error = note(name="batch error")
        self.error.setStyleSheet("color: #B3261E;")
        for w in (self.what, self.fmt, self.sort, self.desks, self.destination, self.queue, self.start_button,
                  self.cancel_button):
            w.setFont(big_font(13))
            w.setMinimumHeight(36)
        form = QFormLayout()
        form.addRow("Print", self.what)
        form.addRow("Format", self.fmt)
        form.addRow("Order", self.sort)
        form.addRow("Desks (letter ranges)", self.desks)
        form.addRow("Then", self.destination)
        form.addRow("Printer queue", self.queue)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Batch badges and invitations"))
        layout.addWidget(note("Pre-print the badges sorted the way the desks will hand them out; with desks, "
                              "each desk's letter range starts after a divider page."))
        form_box = QWidget()
        form_box.setLayout(form)
        form_box.setMaximumWidth(760)   # a form stretched over a wide screen is hard to read across
        layout.addWidget(form_box)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addStretch(1)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the PDF", suggested, "PDF (*.pdf)")
        return path

    def start(self) -> None:
        s = self.vm.state
        if s.destination == "pdf":
            path = self.ask_path(f"{self.vm.station.settings.event_code or 'event'}-{s.what}.pdf")
            if path:
                self.vm.start(path)
        else:
            self.vm.start()

    def render(self, state: BatchState) -> None:
        self.what.setCurrentIndex(self.what.findData(state.what))
        self.fmt.setCurrentText(state.fmt)
        self.sort.setCurrentIndex(self.sort.findData(state.sort))
        if self.desks.value() != state.desk_split:
            self.desks.setValue(state.desk_split)
        self.destination.setCurrentIndex(self.destination.findData(state.destination))
        self.queue.setCurrentText(state.queue)
        badges = state.what == "badges"
        for w in (self.fmt, self.desks):
            w.setEnabled(badges and not state.running)
        for w in (self.what, self.sort, self.destination):
            w.setEnabled(not state.running)
        self.queue.setEnabled(state.destination == "printer" and bool(state.queues) and not state.running)
        self.start_button.setEnabled(not state.running and (state.destination == "pdf" or bool(state.queue)))
        self.cancel_button.setEnabled(state.running)
        self.progress.setRange(0, max(state.total, 1))
        self.progress.setValue(min(state.done, max(state.total, 1)))
        self.progress.setFormat(f"{state.done} / {state.total}" if state.total else "")
        self.message.setText(state.message)
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
