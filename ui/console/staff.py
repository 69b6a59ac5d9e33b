"""Staff accounts: add, reset a PIN, disable or enable again."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from checkin.staff import ROLES
from ui.console.common import fill, heading, note, table
from ui.errors import error_text
from ui.widgets import big_font


@dataclass(frozen=True)
class StaffState:
    accounts: tuple = ()        # checkin.staff.StaffAccount
    selected: str = ""
    message: str = ""
    error: str = ""
    working: bool = False


class StaffViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = StaffState()

    def _set(self, state: StaffState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def load(self) -> None:
        self.runner.submit(self.station.staff_list, self._on_list, self._on_error)

    def select(self, name: str) -> None:
        self._set(replace(self.state, selected=name))

    def _act(self, fn, message: str) -> None:
        self._set(replace(self.state, working=True, error="", message=""))

        def done(_result):
            self._set(replace(self.state, working=False, message=message))
            self.load()

        self.runner.submit(fn, done, self._on_error)

    def add(self, name: str, role: str, pin: str) -> None:
        self._act(lambda: self.station.add_staff(name, role, pin), f"Added {name.strip()} ({role})")

    def reset_pin(self, pin: str) -> None:
        name = self.state.selected
        if name:
            self._act(lambda: self.station.reset_pin(name, pin), f"New PIN set for {name}")

    def set_active(self, active: bool) -> None:
        name = self.state.selected
        if name:
            self._act(lambda: self.station.set_staff_active(name, active),
                      f"{name} {'can sign in again' if active else 'is disabled: they can no longer sign in'}")

    def _on_list(self, accounts) -> None:
        names = {a.name for a in accounts}
        self._set(replace(self.state, accounts=tuple(accounts),
                          selected=self.state.selected if self.state.selected in names else ""))

    def _on_error(self, error: BaseException) -> None:
        self._set(replace(self.state, working=False, message="", error=error_text(error)))


class StaffView(QWidget):
    def __init__(self, vm: StaffViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("staff")
        self.accounts = table(["name", "role", "status", "since"], "staff accounts")
        self.accounts.itemSelectionChanged.connect(self._selected)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name")
        self.name.setAccessibleName("new staff name")
        self.role = QComboBox()
        self.role.addItems(list(ROLES))
        self.role.setAccessibleName("new staff role")
        self.pin = QLineEdit()
        self.pin.setPlaceholderText("PIN (4–12 digits)")
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setAccessibleName("new staff PIN")
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add)
        self.reset_button = QPushButton("Reset PIN…")
        self.reset_button.clicked.connect(self.reset)
        self.disable_button = QPushButton("Disable")
        self.disable_button.clicked.connect(self.toggle)
        for w in (self.name, self.role, self.pin, self.add_button, self.reset_button, self.disable_button):
            w.setFont(big_font(13))
            w.setMinimumHeight(36)
        self.message = note(name="staff message")
        self.error = note(name="staff error")
        self.error.setStyleSheet("color: #B3261E;")
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 2)
        add_row.addWidget(self.role)
        add_row.addWidget(self.pin, 1)
        add_row.addWidget(self.add_button)
        act_row = QHBoxLayout()
        act_row.addWidget(self.reset_button)
        act_row.addWidget(self.disable_button)
        act_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Staff accounts"))
        layout.addWidget(self.accounts, 1)
        layout.addLayout(act_row)
        layout.addWidget(heading("Add a staff member", 14))
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def _selected(self) -> None:
        rows = self.accounts.selectionModel().selectedRows()
        if rows:
            self.vm.select(self.accounts.item(rows[0].row(), 0).text())

    def add(self) -> None:
        self.vm.add(self.name.text(), self.role.currentText(), self.pin.text())
        self.pin.clear()

    def ask_pin(self, name: str) -> str:
        pin, ok = QInputDialog.getText(self, "Reset PIN", f"New PIN for {name}:", QLineEdit.Password)
        return pin if ok else ""

    def reset(self) -> None:
        if self.vm.state.selected and (pin := self.ask_pin(self.vm.state.selected)):
            self.vm.reset_pin(pin)

    def toggle(self) -> None:
        account = next((a for a in self.vm.state.accounts if a.name == self.vm.state.selected), None)
        if account is not None:
            self.vm.set_active(not account.active)

    def render(self, state: StaffState) -> None:
        rows = [(a.name, a.role, "disabled" if not a.active else ("locked" if a.locked else "active"),
                 a.created_at.astimezone().strftime("%Y-%m-%d")) for a in state.accounts]
        current = [tuple(self.accounts.item(r, c).text() for c in range(4)) for r in range(self.accounts.rowCount())
                   if self.accounts.item(r, 0)]
        if rows != current:
            self.accounts.blockSignals(True)
            fill(self.accounts, rows)
            self.accounts.blockSignals(False)
        for r, a in enumerate(state.accounts):
            if a.name == state.selected:
                self.accounts.blockSignals(True)
                self.accounts.selectRow(r)
                self.accounts.blockSignals(False)
        account = next((a for a in state.accounts if a.name == state.selected), None)
        self.reset_button.setEnabled(account is not None and not state.working)
        self.disable_button.setEnabled(account is not None and not state.working)
        self.disable_button.setText("Enable" if account is not None and not account.active else "Disable")
        self.add_button.setEnabled(not state.working)
        self.message.setText(state.message)
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
        if state.message.startswith("Added"):
            self.name.clear()
