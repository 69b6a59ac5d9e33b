"""The safeguarding focal point's page: every young person present, their room or since when
they were last in one, filterable by delegation; a young person out of a room longer than the
event allows is flagged first, in red with the words. "Where is…?" answers for one person.
Every load is audited in the core (who asked, when)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.console.common import fill, heading, note, table
from ui.errors import error_text
from ui.theme import RED

ALL = "all delegations"
COLUMNS = ["Young person", "Delegation", "Chaperone", "Where", "Last seen"]


@dataclass(frozen=True)
class FocalState:
    report: object = None       # checkin.safeguarding.where.YoungPeopleReport
    delegation: str = ""
    answer: object = None       # checkin.safeguarding.where.Whereabouts, for "where is…"
    error: str = ""


class FocalPointViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent=None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = FocalState()

    def _set(self, state: FocalState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def load(self, delegation: str | None = None) -> None:
        wanted = self.state.delegation if delegation is None else delegation
        self.runner.submit(lambda: self.station.young_people(wanted),
                           lambda report: self._set(replace(self.state, report=report, delegation=wanted, error="")),
                           lambda e: self._set(replace(self.state, error=error_text(e))))

    def where(self, registration_id: str) -> None:
        if not registration_id.strip():
            return
        self.runner.submit(lambda: self.station.where(registration_id.strip()),
                           lambda answer: self._set(replace(self.state, answer=answer, error="")),
                           lambda e: self._set(replace(self.state, answer=None, error=error_text(e))))


def _last_seen(w) -> str:
    if w.last_seen is None:
        return ""
    return f"{w.last_seen.as_json(w.timezone)['at_local']} {w.last_seen.what} ({w.last_seen.station})"


class FocalPointView(QWidget):
    def __init__(self, vm: FocalPointViewModel, parent=None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("young people")
        self.delegation = QComboBox()
        self.delegation.setAccessibleName("delegation filter")
        self.delegation.setMinimumWidth(220)
        self.delegation.activated.connect(lambda _i: vm.load("" if self.delegation.currentText() == ALL
                                                             else self.delegation.currentText()))
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(lambda: vm.load())
        self.summary = note(name="summary")
        self.people = table(COLUMNS, "young people present")
        self.ask = QLineEdit()
        self.ask.setPlaceholderText("Where is… (registration id)")
        self.ask.setAccessibleName("where is")
        self.ask.returnPressed.connect(lambda: vm.where(self.ask.text()))
        self.answer = note(name="where answer")
        top = QHBoxLayout()
        top.addWidget(heading("Young people present"))
        top.addStretch(1)
        top.addWidget(self.delegation)
        top.addWidget(refresh)
        ask = QHBoxLayout()
        ask.addWidget(self.ask, 1)
        ask.addWidget(self.answer, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.people, 1)
        layout.addLayout(ask)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def render(self, state: FocalState) -> None:
        report = state.report
        if report is not None:
            choices = [ALL, *report.delegations]
            if [self.delegation.itemText(i) for i in range(self.delegation.count())] != choices:
                self.delegation.clear()
                self.delegation.addItems(choices)
            self.delegation.setCurrentText(state.delegation or ALL)
            out = len(report.unaccounted)
            self.summary.setText(
                f"{len(report.people)} young people checked in"
                + (f" in {state.delegation}" if state.delegation else "")
                + f". Flagged: out of a room more than {report.unaccounted_minutes} minutes"
                + (f" — {out} NOW." if out else " — none now.") + " Every look at this page is in the audit log.")
            fill(self.people, [(w.name, w.delegation, w.chaperone, w.line, _last_seen(w)) for w in report.people])
            for r, w in enumerate(report.people):
                if w.status == "unaccounted":
                    for c in range(len(COLUMNS)):
                        self.people.item(r, c).setForeground(QBrush(QColor(RED)))
                        font = self.people.item(r, c).font()
                        font.setBold(True)
                        self.people.item(r, c).setFont(font)
        if state.answer is not None:
            a = state.answer
            self.answer.setText(f"{a.registration_id} ({a.name}): {a.line}"
                                + (f"; last seen {_last_seen(a)}" if a.last_seen else ""))
        elif state.error:
            self.answer.setText(state.error)
