"""The workshop door: pick the session run, scan in or out, see "23 / 30" from across the room."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from checkin.desk.decisions import door_card_seconds
from ui.dialogs import ApprovalDialog
from ui.errors import error_text
from ui.theme import BLUE, GREEN, IDLE_BG, RED, look
from ui.widgets import ResultCard, big_font

@dataclass(frozen=True)
class OverrideSubject:
    """Whom an override dialog was opened for: fixed when it opens, whatever is scanned meanwhile."""

    token: str
    registration_id: str
    refused_scan_id: int | None
    run_code: str
    name: str


class DoorMode(Enum):
    READY = "ready"
    WORKING = "working"
    RESULT = "result"


@dataclass(frozen=True)
class DoorState:
    mode: DoorMode = DoorMode.READY
    runs: tuple = ()               # (run_code, label) pairs, current ones first
    run_code: str = ""
    direction: str = "in"
    occupancy: int = 0
    capacity: int = 0
    result: object | None = None   # checkin.door.service.DoorResult
    token: str = ""
    error: str = ""

    @property
    def full(self) -> bool:
        return self.capacity > 0 and self.occupancy >= self.capacity


class DoorViewModel(QObject):
    state_changed = Signal(object)
    outcome_shown = Signal(str)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = DoorState()
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.timeout.connect(self.dismiss)

    def _set(self, state: DoorState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def load_runs(self) -> None:
        self.runner.submit(self.station.door_runs, self._on_runs, self._on_error)

    def _on_runs(self, runs) -> None:
        runs = tuple(runs)
        chosen = self.state.run_code if any(r[0] == self.state.run_code for r in runs) else (runs[0][0] if runs else "")
        self._set(replace(self.state, runs=runs, run_code=chosen))
        self.refresh()

    def choose_run(self, run_code: str) -> None:
        if run_code and run_code != self.state.run_code:
            self._set(replace(self.state, run_code=run_code, result=None, mode=DoorMode.READY))
            self.refresh()

    def toggle_direction(self) -> None:
        self._set(replace(self.state, direction="out" if self.state.direction == "in" else "in"))

    def refresh(self) -> None:
        run = self.state.run_code
        if run:
            self.runner.submit(lambda: self.station.occupancy(run), self._on_occupancy,
                               self.runner.background_error("door occupancy"))

    def _on_occupancy(self, snapshot) -> None:
        self._set(replace(self.state, occupancy=snapshot.occupancy, capacity=snapshot.capacity))

    def scan(self, token: str, *, override_by: tuple[str, str, str] | None = None) -> None:
        run, direction = self.state.run_code, self.state.direction
        if not run:
            self._set(replace(self.state, mode=DoorMode.RESULT, result=None, error="Choose the session run first"))
            return
        self._reset.stop()
        self._set(replace(self.state, mode=DoorMode.WORKING, token=token, error=""))
        self.runner.submit(lambda: self.station.door(run, token, direction, override=override_by),
                           self._on_result, self._on_error)

    def override_subject(self) -> OverrideSubject | None:
        """The refused person on the card, if the core says an organiser may let them in."""
        r = self.state.result
        if self.state.mode is not DoorMode.RESULT or r is None or not r.overridable or r.attendee is None:
            return None
        return OverrideSubject(self.state.token, r.attendee.registration_id, r.scan_id, r.session_run,
                               r.attendee.badge_name)

    def override(self, subject: OverrideSubject, approver: str, pin: str, reason: str) -> None:
        """Admit the person the dialog was opened for; the core refuses if the code is anyone else's."""
        self._reset.stop()
        self._set(replace(self.state, mode=DoorMode.WORKING, token=subject.token, error=""))
        self.runner.submit(lambda: self.station.door(subject.run_code, subject.token, "in",
                                                     override=(approver, pin, reason),
                                                     override_for=subject.registration_id,
                                                     refused_scan_id=subject.refused_scan_id),
                           self._on_result, self._on_error)

    def dismiss(self) -> None:
        self._reset.stop()
        self._set(replace(self.state, mode=DoorMode.READY, result=None, error=""))

    def _on_result(self, result) -> None:
        self._set(replace(self.state, mode=DoorMode.RESULT, result=result, occupancy=result.occupancy,
                          capacity=result.capacity))
        self.outcome_shown.emit(result.outcome)
        seconds = door_card_seconds(result.outcome)
        if seconds:
            self._reset.start(int(seconds * 1000))

    def _on_error(self, error: BaseException) -> None:
        message = error_text(error)
        self._set(replace(self.state, mode=DoorMode.RESULT, result=None, error=message))
        self.outcome_shown.emit("error")


class DoorView(QWidget):
    def __init__(self, vm: DoorViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("session door")
        self.runs = QComboBox()
        self.runs.setFont(big_font(16))
        self.runs.setAccessibleName("session run")
        self.runs.activated.connect(lambda i: vm.choose_run(self.runs.itemData(i)))
        self.direction = QPushButton()
        self.direction.setFont(big_font(22, bold=True))
        self.direction.setMinimumHeight(64)
        self.direction.setMinimumWidth(260)
        self.direction.setAccessibleName("direction")
        self.direction.clicked.connect(vm.toggle_direction)
        self.counter = QLabel("– / –")
        self.counter.setAlignment(Qt.AlignCenter)
        self.counter.setFont(big_font(96, bold=True))
        self.counter.setAccessibleName("occupancy")
        self.seats = QLabel()
        self.seats.setAlignment(Qt.AlignCenter)
        self.seats.setFont(big_font(20))
        self.seats.setAccessibleName("seats left")
        self.stack = QStackedWidget()
        self.idle = QLabel()
        self.idle.setAlignment(Qt.AlignCenter)
        self.idle.setFont(big_font(24))
        self.card = ResultCard()
        self.stack.addWidget(self.idle)
        self.stack.addWidget(self.card)
        self.override_button = QPushButton("Organiser override  [F7]")
        self.override_button.setFont(big_font(14, bold=True))
        self.override_button.clicked.connect(self.start_override)
        self.card.actions.addWidget(self.override_button)

        top = QHBoxLayout()
        session_label = QLabel("&Session")   # Alt+S: the run picker, from the keyboard
        session_label.setBuddy(self.runs)
        top.addWidget(session_label)
        top.addWidget(self.runs, 1)
        top.addWidget(self.direction)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counter)
        layout.addWidget(self.seats)
        layout.addWidget(self.stack, 1)
        QShortcut(QKeySequence(Qt.Key_F3), self, vm.toggle_direction)
        QShortcut(QKeySequence(Qt.Key_F7), self, self.start_override)
        QShortcut(QKeySequence(Qt.Key_Escape), self, vm.dismiss)
        self._poll = QTimer(self)
        self._poll.setInterval(5000)  # other doors of the same room change the count too
        self._poll.timeout.connect(vm.refresh)
        self._poll.start()
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def ask_approval(self, action: str):
        staff = self.vm.station.staff
        dialog = ApprovalDialog(action, staff.name if staff.can("override") else "", self,
                                verify=lambda name, pin, ok, err: self.vm.runner.submit(
                                    lambda: self.vm.station.authorise(name, pin), ok, err))
        return dialog.answer() if dialog.exec() == ApprovalDialog.Accepted else None

    def start_override(self) -> None:
        subject = self.vm.override_subject()   # fixed now: a scan behind the dialog cannot change it
        if subject is not None and (answer := self.ask_approval(f"admit {subject.name} past the rule")):
            self.vm.override(subject, *answer)

    def render(self, state: DoorState) -> None:
        wanted = [(code, label) for code, label in state.runs]
        current = [(self.runs.itemData(i), self.runs.itemText(i)) for i in range(self.runs.count())]
        if wanted != current:
            self.runs.clear()
            for code, label in wanted:
                self.runs.addItem(label, code)
        index = self.runs.findData(state.run_code)
        if index >= 0:
            self.runs.setCurrentIndex(index)
        # The mode is read from across the room: a big coloured IN or OUT, never small text alone.
        entering = state.direction == "in"
        self.direction.setText("IN — people enter  [F3]" if entering else "OUT — people leave  [F3]")
        self.direction.setStyleSheet(f"QPushButton {{ background: {GREEN if entering else BLUE}; color: white; "
                                     "border-radius: 10px; padding: 6px 18px; }")
        self.counter.setText(f"{state.occupancy} / {state.capacity}" if state.capacity else "– / –")
        if state.full:
            self.counter.setStyleSheet(f"color: {RED};")
            self.seats.setText("FULL — no seats left")
        else:
            self.counter.setStyleSheet("")
            left = max(0, state.capacity - state.occupancy)
            self.seats.setText(f"{left} seats left" if state.capacity else "")
        if state.mode is DoorMode.RESULT:
            self.stack.setCurrentWidget(self.card)
            if state.result is None:
                self.card.show_look(look("error"), "", state.error)
            else:
                r = state.result
                name = r.attendee.badge_name if r.attendee else ""
                detail = [r.message]
                if r.attendee is not None:
                    detail.append(" · ".join(x for x in (r.attendee.organisation, r.attendee.country,
                                                         r.attendee.role.title()) if x))
                    if r.attendee.is_minor:
                        detail.append(f"Young person · chaperone: {r.attendee.chaperone or 'none on file'}")
                self.card.show_look(look(r.outcome), name, "\n".join(detail))
        else:
            self.stack.setCurrentWidget(self.idle)
            self.idle.setText("Checking…" if state.mode is DoorMode.WORKING else
                              f"Scan badges to let people {'in' if state.direction == 'in' else 'out'}")
            self.idle.setStyleSheet(f"background: {IDLE_BG}; border-radius: 14px;")
        self.override_button.setVisible(state.mode is DoorMode.RESULT and state.result is not None
                                        and state.result.overridable)
