"""Sign-in: staff name and PIN, and this station's settings (name, printer, badge format)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from checkin.errors import CheckinError
from checkin.stations.station import BADGE_FORMATS, StationSettings
from ui.errors import error_text
from ui.widgets import big_font


class SignInDialog(QDialog):
    """Emits `signed_in(StaffMember, StationSettings)`; the PIN check runs on the runner."""

    signed_in = Signal(object, object)

    def __init__(self, runner, authenticate, settings: StationSettings, queues: list[str], parent=None):
        super().__init__(parent)
        self.setFont(big_font(13))   # read at arm's length at a busy desk
        self.runner, self.authenticate = runner, authenticate
        self.setWindowTitle("Forum Check-in — sign in")
        self.setAccessibleName("sign in")
        self.name = QLineEdit()
        self.name.setAccessibleName("staff name")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.Password)
        self.pin.setAccessibleName("PIN")
        self.station = QLineEdit(settings.station_name)
        self.station.setAccessibleName("station name")
        self.printer = QComboBox()
        self.printer.setEditable(True)
        self.printer.addItems(["", *queues])
        self.printer.setCurrentText(settings.printer_queue)
        self.printer.setAccessibleName("printer queue")
        self.badge_format = QComboBox()
        self.badge_format.addItems(BADGE_FORMATS)
        self.badge_format.setCurrentText(settings.badge_format)
        self.badge_format.setAccessibleName("badge format")
        self.auto_print = QCheckBox("Print the badge right after check-in")
        self.auto_print.setChecked(settings.auto_print)
        self.use_camera = QCheckBox("Also scan with this laptop's camera")
        self.use_camera.setChecked(settings.use_camera)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B3261E;")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("sign-in error")
        self.button = QPushButton("Sign in")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self._settings = settings

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("PIN", self.pin)
        form.addRow("Station", self.station)
        form.addRow("Printer", self.printer)
        form.addRow("Badge format", self.badge_format)
        form.addRow("", self.auto_print)
        form.addRow("", self.use_camera)
        title = QLabel("Forum Check-in")
        title.setFont(big_font(22, bold=True))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.button)
        self.name.setFocus()

    def current_settings(self) -> StationSettings:
        return replace(self._settings, station_name=self.station.text(), printer_queue=self.printer.currentText(),
                       badge_format=self.badge_format.currentText(), auto_print=self.auto_print.isChecked(),
                       use_camera=self.use_camera.isChecked())

    def submit(self) -> None:
        try:
            settings = self.current_settings().validated()
        except CheckinError as exc:
            self.error.setText(str(exc))
            return
        name, pin = self.name.text(), self.pin.text()
        self.button.setEnabled(False)
        self.error.setText("")
        self.runner.submit(lambda: self.authenticate(name, pin, station=settings.station_name),
                           lambda member: self._done(member, settings), self._failed)

    def _done(self, member, settings) -> None:
        self.button.setEnabled(True)
        self.signed_in.emit(member, settings)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.button.setEnabled(True)
        self.pin.clear()
        self.pin.setFocus()
        self.error.setText(error_text(error))
