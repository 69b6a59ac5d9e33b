"""The desk's questions: an organiser's approval, and a walk-in's details."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from checkin.imports.importer import ROLES
from checkin.desk.walkins import WalkIn
from ui.errors import error_text
from ui.widgets import big_font


class ApprovalDialog(QDialog):
    """Organiser name + PIN + reason, for reprints, annulments, overrides and walk-ins."""

    def __init__(self, action: str, default_name: str = "", parent=None, *, ask_reason: bool = True, verify=None):
        super().__init__(parent)
        self.verify = verify
        self.setFont(big_font(13))   # read at arm's length at a busy desk
        self.setWindowTitle(f"Organiser approval: {action}")
        self.setAccessibleName(f"approve {action}")
        self.name = QLineEdit(default_name)
        self.name.setAccessibleName("organiser name")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setAccessibleName("organiser PIN")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("reason")
        form = QFormLayout()
        form.addRow("Organiser", self.name)
        form.addRow("PIN", self.pin)
        if ask_reason:
            form.addRow("Reason", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(lambda: check_pin_then_accept(self))
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{action[:1].upper()}{action[1:]} needs an organiser."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.pin if default_name else self.name).setFocus()

    def answer(self) -> tuple[str, str, str]:
        return self.name.text(), self.pin.text(), self.reason.text()


class WalkInDialog(QDialog):
    def __init__(self, default_organiser: str = "", parent=None, *, verify=None):
        super().__init__(parent)
        self.verify = verify
        self.setFont(big_font(13))   # read at arm's length at a busy desk
        self.setWindowTitle("Walk-in (organiser approval)")
        self.setAccessibleName("walk-in")
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.organisation = QLineEdit()
        self.country = QLineEdit()
        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.email = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("YYYY-MM-DD (young people)")
        self.chaperone = QLineEdit()
        self.guardian = QCheckBox("Guardian consent on file")
        self.photos = QCheckBox("Agrees to be photographed")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("who invited them")
        self.approver = QLineEdit(default_organiser)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.Password)
        self.error = _error_label()
        self.name = self.approver   # the organiser's name, as check_pin_then_accept reads it
        form = QFormLayout()
        for label, widget in (("Given name", self.given), ("Family name", self.family),
                              ("Organisation", self.organisation), ("Country", self.country), ("Role", self.role),
                              ("Email", self.email), ("Date of birth", self.birth), ("Chaperone", self.chaperone),
                              ("", self.guardian), ("", self.photos), ("Why admitted", self.reason),
                              ("Organiser", self.approver), ("Organiser PIN", self.pin)):
            form.addRow(label, widget)
            widget.setAccessibleName(label or widget.text())
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        try:
            self.answer()
        except ValueError:
            self.error.setText("Date of birth: write it as YYYY-MM-DD, or leave it empty")
            return
        check_pin_then_accept(self)   # a wrong PIN keeps everything typed

    def answer(self) -> tuple[WalkIn, str, str]:
        birth = date.fromisoformat(self.birth.text().strip()) if self.birth.text().strip() else None
        walk_in = WalkIn(given_name=self.given.text(), family_name=self.family.text(),
                         organisation=self.organisation.text(), country=self.country.text(),
                         role=self.role.currentText(), email=self.email.text(), date_of_birth=birth,
                         guardian_consent=True if self.guardian.isChecked() else None,
                         chaperone=self.chaperone.text(), photo_consent=self.photos.isChecked(),
                         reason=self.reason.text())
        return walk_in, self.approver.text(), self.pin.text()


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #B3261E; font-weight: bold;")
    label.setWordWrap(True)
    label.setAccessibleName("dialog error")
    return label


def check_pin_then_accept(dialog) -> None:
    """Close only once the organiser's PIN is right; a wrong one keeps the form and says so.
    `dialog.verify(name, pin, on_ok, on_error)` asks the core off the UI thread."""
    if dialog.verify is None:
        dialog.accept()
        return
    dialog.ok_button.setEnabled(False)
    dialog.error.setText("Checking the PIN…")

    def refused(error: BaseException) -> None:
        dialog.ok_button.setEnabled(True)
        dialog.pin.clear()
        dialog.pin.setFocus()
        text = str(error)
        dialog.error.setText("Wrong PIN — try again" if "wrong PIN" in text else error_text(error))

    def accepted(_member) -> None:
        dialog.ok_button.setEnabled(True)
        dialog.error.setText("")
        dialog.accept()
    dialog.verify(dialog.name.text(), dialog.pin.text(), accepted, refused)


class ConsentDialog(QDialog):
    """An organiser records what the paper says for one person: guardian consent, chaperone, photos."""

    def __init__(self, registration_id: str, name: str, current, default_organiser: str = "", parent=None, *,
                 verify=None):
        super().__init__(parent)
        self.setFont(big_font(13))
        self.verify = verify
        self.registration_id = registration_id   # whom this dialog acts on, fixed when it opened
        self.setWindowTitle(f"Record consent: {name} ({registration_id})")
        self.setAccessibleName("record consent")
        self.guardian = QCheckBox("Guardian consent received (signed form seen)")
        self.guardian.setChecked(bool(current and current.guardian_consent))
        self.chaperone = QLineEdit(current.chaperone if current else "")
        self.chaperone.setPlaceholderText("the adult responsible at the event")
        self.photos = QCheckBox("Agrees to be photographed")
        self.photos.setChecked(bool(current and current.photo_consent))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. signed form handed in at the desk")
        self.name = QLineEdit(default_organiser)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.Password)
        self.error = _error_label()
        form = QFormLayout()
        for label, widget, access in (("", self.guardian, "guardian consent"), ("Chaperone", self.chaperone, "chaperone"),
                                      ("", self.photos, "photo consent"), ("Reason", self.reason, "reason"),
                                      ("Organiser", self.name, "organiser name"), ("PIN", self.pin, "organiser PIN")):
            form.addRow(label, widget)
            widget.setAccessibleName(access)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(lambda: check_pin_then_accept(self))
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"For {name} ({registration_id}). An organiser records what the paper says."))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.pin if default_organiser else self.name).setFocus()

    def answer(self) -> dict:
        return {"approver": self.name.text(), "pin": self.pin.text(), "reason": self.reason.text(),
                "guardian_consent": self.guardian.isChecked(), "chaperone": self.chaperone.text(),
                "photo_consent": self.photos.isChecked()}
