"""A delegation at the desk: when a scanned person belongs to one, the desk offers it (F4); the
panel lists every member with their state and checks the present ones in together, each through
the desk's own rules, then prints their badges as one batch in delegation order.

Hooked into the desk from outside (`attach_delegation`), so the desk view itself does not change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from ui.console.common import heading, table
from ui.errors import error_text
from ui.theme import GREEN
from ui.widgets import big_font

NEED_WORDS = {"safeguarding": "policy not agreed", "guardian_consent": "guardian consent missing",
              "chaperone": "no chaperone named"}
COLUMNS = ["Here", "Agreed now", "Name", "Who", "State", "Needs", "Lanyard", "Outcome"]


@dataclass(frozen=True)
class DelegationState:
    delegation: object = None        # checkin.delegations.service.Delegation
    present: frozenset = frozenset()     # registration ids ticked as here
    agreed_now: frozenset = frozenset()  # members who just agreed to the policy at the desk
    busy: bool = False
    printed: str = ""                # "", "printing", "printed", or the printer's error
    error: str = ""


class DelegationViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, *, print_badges=None, parent=None):
        super().__init__(parent)
        self.runner, self.station, self.print_badges = runner, station, print_badges
        self.state = DelegationState()

    def _set(self, state: DelegationState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def load(self, key: str) -> None:
        self._set(replace(self.state, busy=True, error=""))
        self.runner.submit(lambda: self.station.delegation(key), self._loaded, self._failed)

    def _loaded(self, group) -> None:
        ready = frozenset(m.registration_id for m in group.members if m.state == "not_arrived")
        self._set(DelegationState(group, present=ready))

    def _failed(self, error: BaseException) -> None:
        self._set(replace(self.state, busy=False, error=error_text(error)))

    def toggle(self, registration_id: str, field: str, on: bool) -> None:
        current = set(getattr(self.state, field))
        (current.add if on else current.discard)(registration_id)
        self._set(replace(self.state, **{field: frozenset(current)}))

    def check_in_present(self) -> None:
        group, s = self.state.delegation, self.state
        if group is None or s.busy or not s.present:
            return
        members = [m.registration_id for m in group.members if m.registration_id in s.present]
        confirmed = tuple(r for r in members if r in s.agreed_now)
        self._set(replace(s, busy=True, error=""))
        self.runner.submit(lambda: self.station.check_in_delegation(group.opened_by, members, confirmed),
                           self._checked_in, self._failed)

    def _checked_in(self, group) -> None:
        self._set(DelegationState(group, present=frozenset(), busy=False))
        if group.checked_in and self.print_badges is not None:
            ids = list(group.checked_in)    # delegation order: the order the desk hands them over
            self._set(replace(self.state, printed="printing"))
            self.runner.submit(lambda: self.print_badges(ids), lambda _r: self._set(replace(self.state, printed="printed")),
                               lambda e: self._set(replace(self.state, printed=f"NOT PRINTED: {error_text(e)}")))


class DelegationPanel(QDialog):
    """The delegation's members; `render(state)` is the one method that sets what it shows."""

    def __init__(self, vm: DelegationViewModel, parent=None):
        super().__init__(parent)
        self.vm = vm
        self.setWindowTitle("Delegation")
        self.setAccessibleName("delegation")
        self.title = heading("Delegation")
        self.summary = QLabel()
        self.summary.setFont(big_font(14))
        self.summary.setWordWrap(True)
        self.summary.setMinimumHeight(84)   # three lines: a wrapped label's height is not re-asked on every render
        self.members: QTableWidget = table(COLUMNS, "delegation members")
        self.members.setFont(big_font(13))
        self.members.setWordWrap(True)
        self.members.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.Stretch)
        self.members.itemChanged.connect(self._ticked)
        self.check_in_button = QPushButton()
        self.check_in_button.setFont(big_font(15, bold=True))
        self.check_in_button.setMinimumHeight(52)
        self.check_in_button.setStyleSheet(f"background: {GREEN}; color: white;")
        self.check_in_button.clicked.connect(vm.check_in_present)
        close = QPushButton("Close  [Esc]")
        close.setMinimumHeight(52)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_button, 3)
        buttons.addWidget(close, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.members, 1)
        layout.addLayout(buttons)
        self._rendering = False
        vm.state_changed.connect(self.render)
        self.resize(1100, 560)
        self.render(vm.state)

    def _ticked(self, item: QTableWidgetItem) -> None:
        if self._rendering or item.column() not in (0, 1):
            return
        field = "present" if item.column() == 0 else "agreed_now"
        self.vm.toggle(item.data(Qt.UserRole), field, item.checkState() == Qt.Checked)

    def render(self, state: DelegationState) -> None:
        self._rendering = True
        try:
            group = state.delegation
            if group is None:
                self.title.setText("Delegation")
                self.summary.setText(state.error or "Loading…")
                self.check_in_button.setEnabled(False)
                self.check_in_button.setText("Check in present members")
                return
            here = sum(m.state == "checked_in" for m in group.members)
            self.title.setText(f"Delegation {group.name}")
            lines = [f"{len(group.members)} members, {here} checked in. Tick who is here; tick \"Agreed now\" for "
                     "each one who has just agreed to the policy in front of you. A member who fails a rule is "
                     "left out and told why."]
            if state.printed:
                lines.append({"printing": "Badges printing as one batch…",
                              "printed": "Badges printed, in this order."}.get(state.printed, state.printed))
            if state.error:
                lines.append(state.error)
            self.summary.setText("\n".join(lines))
            self.members.setRowCount(len(group.members))
            for r, m in enumerate(group.members):
                for c, (value, checkable) in enumerate((
                        ("", m.state == "not_arrived"),
                        ("", m.state == "not_arrived" and "safeguarding" in m.needs),
                        (m.person.badge_name, False),
                        ("young person" if m.person.is_minor else "adult", False),
                        ("checked in " + m.checked_in_at[-5:] if m.state == "checked_in" else "not yet here", False),
                        (", ".join(NEED_WORDS[n] for n in m.needs) or "nothing", False),
                        (m.as_json()["lanyard"], False),
                        (m.message if m.outcome and m.outcome != "checked_in" else
                         ("checked in now" if m.outcome == "checked_in" else ""), False))):
                    item = QTableWidgetItem(value)
                    item.setData(Qt.UserRole, m.registration_id)
                    if c < 2:
                        if checkable:
                            item.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled)
                            ticked = m.registration_id in (state.present if c == 0 else state.agreed_now)
                            item.setCheckState(Qt.Checked if ticked else Qt.Unchecked)
                        else:
                            item.setFlags(Qt.ItemIsEnabled)
                    if m.outcome and m.outcome != "checked_in" and c == 7:
                        item.setForeground(QBrush(QColor("#B3261E")))
                    self.members.setItem(r, c, item)
            self.members.resizeRowsToContents()
            count = len(state.present)
            self.check_in_button.setText(f"Check in present members ({count}) and print their badges")
            self.check_in_button.setEnabled(count > 0 and not state.busy)
        finally:
            self._rendering = False


class _DelegationHook(QObject):
    """The desk's delegation button and what it opens. A QObject child of the desk view, so its
    connection to the desk's view-model ends with the view (a plain function would outlive it)."""

    def __init__(self, desk_view: QWidget, runner, station, print_badges):
        super().__init__(desk_view)
        self.desk_view, self.runner, self.station, self.print_badges = desk_view, runner, station, print_badges
        self.button = QPushButton("Delegation  [F4]")
        self.button.setFont(big_font(14, bold=True))
        self.button.setMinimumHeight(48)
        self.button.setAccessibleName("open delegation")
        self.button.setVisible(False)
        desk_view.card.actions.addWidget(self.button)
        self.button.clicked.connect(self.open_panel)
        QShortcut(QKeySequence(Qt.Key_F4), desk_view, self.open_panel)
        desk_view.vm.state_changed.connect(self.follow)

    def current(self):
        result = getattr(self.desk_view.vm.state, "result", None)
        person = getattr(result, "attendee", None)
        return person if person is not None and getattr(person, "delegation", "") else None

    def follow(self, _state) -> None:
        person = self.current()
        self.button.setVisible(person is not None)
        if person is not None:
            self.button.setText(f"Delegation {person.delegation}: open  [F4]")

    def open_panel(self) -> None:
        person = self.current()
        if person is None:
            return
        vm = DelegationViewModel(self.runner, self.station, print_badges=self.print_badges, parent=self.desk_view)
        panel = DelegationPanel(vm, self.desk_view)
        self.desk_view.delegation_panel = panel   # for tests and screenshots
        vm.load(person.registration_id)
        panel.open()


def attach_delegation(desk_view: QWidget, runner, station, *, print_badges=None) -> QPushButton:
    """Add the delegation button (F4) to the desk's result card: shown when the person on the card
    belongs to a delegation; it opens the panel for that delegation."""
    hook = _DelegationHook(desk_view, runner, station, print_badges)
    desk_view.delegation_button = hook.button
    return hook.button
