"""After the event: remove the people's personal data, keep the anonymous counts. The organiser
types the event code to confirm; young people's data goes first, or alone."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.console.common import fill, heading, note, table
from ui.errors import error_text
from ui.theme import RED
from ui.widgets import big_font


@dataclass(frozen=True)
class PurgeState:
    outlook: dict | None = None       # event_code, event_name, attendees, young_people
    typed: str = ""
    youth_only: bool = False
    working: bool = False
    result: object | None = None      # checkin.organiser.purge.PurgeResult
    counts: dict | None = None        # what stays: measure -> key -> value
    error: str = ""

    @property
    def confirmed(self) -> bool:
        return self.outlook is not None and self.typed.strip() == self.outlook["event_code"]


class PurgeViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = PurgeState()

    def _set(self, state: PurgeState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def load(self) -> None:
        self.runner.submit(lambda: (self.station.purge_outlook(), self.station.anonymous_counts()),
                           self._on_outlook, self._on_error)

    def type_code(self, text: str) -> None:
        self._set(replace(self.state, typed=text))

    def set_youth_only(self, on: bool) -> None:
        self._set(replace(self.state, youth_only=on))

    def purge(self) -> None:
        if not self.state.confirmed or self.state.working:
            return
        typed, youth_only = self.state.typed, self.state.youth_only
        self._set(replace(self.state, working=True, error=""))
        self.runner.submit(lambda: self.station.purge(typed, youth_only=youth_only), self._on_done, self._on_error)

    def _on_outlook(self, result) -> None:
        outlook, counts = result
        self._set(replace(self.state, outlook=outlook, counts=counts))

    def _on_done(self, result) -> None:
        self._set(replace(self.state, working=False, result=result, typed=""))
        self.load()

    def _on_error(self, error: BaseException) -> None:
        self._set(replace(self.state, working=False, error=error_text(error)))


class PurgeView(QWidget):
    def __init__(self, vm: PurgeViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("purge")
        self.outlook = note(name="what will be removed")
        self.outlook.setFont(big_font(15))
        self.youth_only = QCheckBox("Only young people's data, now (everyone else's later)")
        self.youth_only.setFont(big_font(13))
        self.youth_only.toggled.connect(vm.set_youth_only)
        self.code = QLineEdit()
        self.code.setFont(big_font(16))
        self.code.setAccessibleName("event code to confirm")
        self.code.textEdited.connect(vm.type_code)
        self.button = QPushButton("Remove personal data")
        self.button.setFont(big_font(15, bold=True))
        self.button.setMinimumHeight(48)
        self.button.setStyleSheet(f"QPushButton:enabled {{ background: {RED}; color: white; border-radius: 6px; }}")
        self.button.clicked.connect(vm.purge)
        self.result = note(name="purge result")
        self.result.setFont(big_font(14, bold=True))
        self.error = note(name="purge error")
        self.error.setStyleSheet(f"color: {RED};")
        self.counts = table(["what stays (anonymous)", "of", "count"], "anonymous counts")
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Purge personal data after the event"))
        layout.addWidget(note(
            "Names, emails, dates of birth, organisations, check-ins, confirmations, badges and door scans of "
            "every attendee are deleted; the audit log keeps what happened but not who; the database file is "
            "compacted so nothing deleted can be read back. Counts stay: totals, by role, by country, per "
            "session run. Young people's data is removed first. This cannot be undone: export what the "
            "summary report needs first."))
        layout.addWidget(self.outlook)
        layout.addWidget(self.youth_only)
        self.prompt = note("")
        layout.addWidget(self.prompt)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addWidget(self.counts, 1)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def render(self, state: PurgeState) -> None:
        o = state.outlook
        if o is not None:
            self.outlook.setText(f"{o['event_name']}: {o['attendees']} people on the list, "
                                 f"{o['young_people']} of them young people.")
            self.prompt.setText(f"To confirm, type the event code: {o['event_code']}")
        if self.code.text() != state.typed:
            self.code.setText(state.typed)
        self.button.setEnabled(state.confirmed and not state.working)
        self.button.setText("Remove young people's data" if state.youth_only else "Remove personal data")
        r = state.result
        self.result.setText("" if r is None else
                            f"Removed {r.young_people} young people and {r.others} others; "
                            f"{r.audit_entries_scrubbed} audit entries scrubbed; chain re-linked "
                            f"(old head {r.previous_audit_head[:12]}…); file compacted: "
                            f"{'yes' if r.vacuumed else 'not yet'}")
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
        rows = [(measure.replace("_", " "), key, value) for measure, keys in (state.counts or {}).items()
                for key, value in keys.items()]
        fill(self.counts, rows)
