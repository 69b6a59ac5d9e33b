"""The self-service kiosk: full screen, big touch targets, the attendee's own language.

Language picker -> scan the invitation -> greeting and the policy summary -> Agree -> the badge
prints and the screen says which lanyard to collect. Everything else sends the person to the
staffed desk. The screen clears itself after `KIOSK_IDLE_SECONDS`; leaving kiosk mode needs an
organiser's name and PIN. Screen words are translated with Qt's own tools (ui/i18n/kiosk_*.ts,
compiled to .qm); the policy summary is the organiser's own text from the event file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (QApplication, QGridLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget)

from checkin.desk.decisions import KIOSK_IDLE_SECONDS
from checkin.languages import DEFAULT, LANGUAGES
from ui.errors import error_text
from ui.theme import BLUE, GREEN, RED
from ui.widgets import big_font

I18N = Path(__file__).resolve().parent / "i18n"
SCREENS = ("language", "scan", "working", "agree", "done", "desk")
LANYARD_HEX = {"green": GREEN, "red": RED}


@dataclass(frozen=True)
class KioskState:
    screen: str = "language"
    language: str = DEFAULT
    chosen: bool = False            # the attendee picked the language (else: from their registration)
    token: str = ""
    answer: object = None           # checkin.desk.kiosk.KioskAnswer
    reason: str = ""                # why the desk, when going there
    printed: bool = False


translate = QCoreApplication.translate   # lupdate reads the literals of every translate("Kiosk", …) call


def reason_text(reason: str) -> str:
    """Each reason for the desk in the attendee's language (the literals are what lupdate reads)."""
    texts = {
        "young_person": translate(
            "Kiosk", "Young people are checked in at the staffed desk, with their chaperone."),
        "consent_missing": translate(
            "Kiosk", "Something is missing from your registration. The desk will help you."),
        "not_found": translate(
            "Kiosk", "We could not find you with this code. The desk will find you by name."),
        "invalid_code": translate(
            "Kiosk", "We could not find you with this code. The desk will find you by name."),
        "already_checked_in": translate(
            "Kiosk", "You are already checked in. If you lost your badge, the desk can help."),
        "wrong_event": translate("Kiosk", "This invitation is for another event."),
        "revoked": translate("Kiosk", "This badge has been replaced. Please see the desk."),
        "policy_changed": translate(
            "Kiosk", "The policy changed while you were reading. Please scan again."),
        "print_failed": translate(
            "Kiosk", "Your badge did not print. The desk will print it for you."),
        "error": translate("Kiosk", "This kiosk cannot help right now. Please go to the desk."),
    }
    return texts.get(reason, texts["error"])


def lanyard_text(colour: str) -> str:
    if colour == "green":
        return translate("Kiosk", "Collect a GREEN lanyard at the table: photos of you are allowed.")
    return translate("Kiosk", "Collect a RED lanyard at the table: no photos of you, please.")


class KioskViewModel(QObject):
    """The kiosk's one state; only this object changes it. Core calls run on the runner."""

    state_changed = Signal(object)
    left = Signal()
    leave_refused = Signal(str)

    def __init__(self, runner, station, *, print_badge=None, parent=None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        # `print_badge(registration_id)`: the station's printer, or a recording fake in tests
        self.print_badge = print_badge if print_badge is not None else station.print_badge
        self.state = KioskState()

    def _set(self, state: KioskState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def choose_language(self, code: str) -> None:
        self._set(replace(KioskState(), screen="scan", language=code if code in LANGUAGES else DEFAULT, chosen=True))

    def change_language(self) -> None:
        self._set(replace(self.state, screen="language"))

    def scan(self, token: str) -> None:
        if self.state.screen == "working":
            return
        language = self.state.language if self.state.chosen else ""
        self._set(replace(self.state, screen="working", token=token, answer=None, reason="", printed=False))
        self.runner.submit(lambda: self.station.kiosk_look(token, language), self._looked, self._failed)

    def _looked(self, answer) -> None:
        language = self.state.language if self.state.chosen else answer.language
        if answer.outcome == "agree":
            self._set(replace(self.state, screen="agree", answer=answer, language=language))
        else:
            self._set(replace(self.state, screen="desk", answer=answer, reason=answer.reason, language=language))

    def agree(self) -> None:
        state = self.state
        if state.screen != "agree":
            return
        self._set(replace(state, screen="working"))
        token, version, language = state.token, state.answer.policy_version, state.language
        self.runner.submit(lambda: self.station.kiosk_agree(token, version, language), self._agreed, self._failed)

    def _agreed(self, answer) -> None:
        if answer.outcome != "checked_in":
            self._set(replace(self.state, screen="desk", answer=answer, reason=answer.reason))
            return
        self._set(replace(self.state, screen="done", answer=answer))
        reg = answer.registration_id
        self.runner.submit(lambda: self.print_badge(reg), self._printed, self._print_failed)

    def _printed(self, _result) -> None:
        if self.state.screen == "done":
            self._set(replace(self.state, printed=True))

    def _print_failed(self, _error) -> None:
        # Checked in, but no badge: the desk prints it (the kiosk never retries: no double badges).
        self._set(replace(self.state, screen="desk", reason="print_failed"))

    def _failed(self, _error) -> None:
        self._set(replace(self.state, screen="desk", reason="error"))

    def cancel(self) -> None:
        self._set(KioskState())

    def idle_timeout(self) -> None:
        """Nobody touched the screen for a while: clear it for the next person (no name stays up)."""
        if self.state.screen != "working":
            self._set(KioskState())

    def leave(self, name: str, pin: str) -> None:
        self.runner.submit(lambda: self.station.leave_kiosk(name, pin), lambda _m: self.left.emit(),
                           lambda e: self.leave_refused.emit(error_text(e)))


def _button(text: str, colour: str = BLUE, size: int = 28) -> QPushButton:
    b = QPushButton(text)
    b.setFont(big_font(size, bold=True))
    b.setMinimumHeight(110)
    b.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; border-radius: 18px; padding: 16px 32px; }}"
                    "QPushButton:pressed { background: #333; }")
    return b


def _label(size: int, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel()
    label.setFont(big_font(size, bold=bold))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignCenter)
    label.setAccessibleName(name)
    return label


class KioskView(QWidget):
    """Full screen; `render(state)` is the one method that sets what the screens say."""

    def __init__(self, vm: KioskViewModel, parent=None):
        super().__init__(parent)
        self.vm = vm
        self.setWindowTitle("Forum Check-in — kiosk")
        self.setStyleSheet("background: #FFFFFF; color: #111111;")
        self._translator = QTranslator(self)
        self._language = ""
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addStretch(1)
        self.staff_button = QPushButton("•••")
        self.staff_button.setAccessibleName("staff")
        self.staff_button.setFlat(True)
        self.staff_button.setFixedSize(48, 48)
        self.staff_button.clicked.connect(self._ask_leave)
        top.addWidget(self.staff_button)
        outer.addLayout(top)
        outer.addWidget(self.pages, 1)

        # language picker: each language in its own script, no translation needed
        picker = QWidget()
        lay = QVBoxLayout(picker)
        self.choose_title = _label(40, True, "title")
        lay.addWidget(self.choose_title)
        grid = QGridLayout()
        self.language_buttons = {}
        for i, (code, name) in enumerate(LANGUAGES.items()):
            b = _button(name, BLUE, 30)
            b.setAccessibleName(f"language {code}")
            b.clicked.connect(lambda _=False, c=code: self.vm.choose_language(c))
            grid.addWidget(b, i // 2, i % 2)
            self.language_buttons[code] = b
        lay.addLayout(grid)
        self.pages.addWidget(picker)

        # scan
        scan = QWidget()
        lay = QVBoxLayout(scan)
        self.scan_title = _label(44, True, "title")
        self.scan_hint = _label(28, False, "hint")
        self.language_again = _button("", "#555555", 24)
        self.language_again.clicked.connect(self.vm.change_language)
        lay.addStretch(1)
        lay.addWidget(self.scan_title)
        lay.addWidget(self.scan_hint)
        lay.addStretch(1)
        lay.addWidget(self.language_again, 0, Qt.AlignCenter)
        self.pages.addWidget(scan)

        # working
        working = QWidget()
        lay = QVBoxLayout(working)
        self.working_text = _label(40, True, "working")
        lay.addWidget(self.working_text)
        self.pages.addWidget(working)

        # agree
        agree = QWidget()
        lay = QVBoxLayout(agree)
        self.greeting = _label(44, True, "greeting")
        self.policy_title = _label(28, True, "policy title")
        # Thai, Khmer, Lao and Myanmar put no spaces between words: a label would cut the line off,
        # so the summary wraps at a word boundary where there is one, else anywhere.
        self.summary = QTextBrowser()
        self.summary.setFont(big_font(26))
        self.summary.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        self.summary.setFrameShape(QTextBrowser.NoFrame)
        self.summary.setAccessibleName("policy summary")
        self.summary.setStyleSheet("background: #F3F5F7; padding: 24px; border-radius: 12px;")
        self.policy_version = _label(16, False, "policy version")
        row = QHBoxLayout()
        self.cancel_button = _button("", "#555555", 28)
        self.cancel_button.clicked.connect(self.vm.cancel)
        self.agree_button = _button("", GREEN, 36)
        self.agree_button.setAccessibleName("agree")
        self.agree_button.clicked.connect(self.vm.agree)
        row.addWidget(self.cancel_button, 1)
        row.addWidget(self.agree_button, 2)
        lay.addWidget(self.greeting)
        lay.addWidget(self.policy_title)
        lay.addWidget(self.summary, 1)
        lay.addWidget(self.policy_version)
        lay.addLayout(row)
        self.pages.addWidget(agree)

        # done
        done = QWidget()
        lay = QVBoxLayout(done)
        self.done_title = _label(44, True, "done")
        self.printing = _label(30, False, "printing")
        self.lanyard = _label(34, True, "lanyard")
        self.lanyard_swatch = QLabel()
        self.lanyard_swatch.setFixedHeight(60)
        self.lanyard_swatch.setAccessibleName("lanyard colour")
        for w in (self.done_title, self.printing, self.lanyard_swatch, self.lanyard):
            lay.addWidget(w)
        lay.addStretch(1)
        self.pages.addWidget(done)

        # the desk
        desk = QWidget()
        lay = QVBoxLayout(desk)
        self.desk_title = _label(44, True, "go to the desk")
        self.desk_reason = _label(30, False, "reason")
        self.desk_ok = _button("", BLUE, 28)
        self.desk_ok.clicked.connect(self.vm.cancel)
        lay.addStretch(1)
        lay.addWidget(self.desk_title)
        lay.addWidget(self.desk_reason)
        lay.addStretch(1)
        lay.addWidget(self.desk_ok, 0, Qt.AlignCenter)
        self.pages.addWidget(desk)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(int(KIOSK_IDLE_SECONDS * 1000))
        self.idle.timeout.connect(self.vm.idle_timeout)
        QApplication.instance().installEventFilter(self)
        vm.state_changed.connect(self.render)
        vm.leave_refused.connect(self._leave_refused)
        self.render(vm.state)

    # -- input ---------------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.MouseButtonPress, QEvent.TouchBegin, QEvent.KeyPress):
            self._touch()
        return False

    def _touch(self) -> None:
        if self.vm.state.screen != "language":
            self.idle.start()

    def ask_organiser(self) -> tuple[str, str] | None:
        """Name and PIN of an organiser, or None (tests answer this without a dialog)."""
        name, ok = QInputDialog.getText(self, "Leave kiosk mode", "Organiser name:")
        if not ok or not name.strip():
            return None
        pin, ok = QInputDialog.getText(self, "Leave kiosk mode", "PIN:", QLineEdit.Password)
        return (name, pin) if ok else None

    def _ask_leave(self) -> None:
        answer = self.ask_organiser()
        if answer:
            self.vm.leave(*answer)

    def _leave_refused(self, message: str) -> None:
        self.staff_button.setToolTip(message)

    # -- the one render ------------------------------------------------------------------------

    def _use_language(self, code: str) -> None:
        if code == self._language:
            return
        app = QCoreApplication.instance()
        app.removeTranslator(self._translator)
        self._translator = QTranslator(self)
        if code != DEFAULT and self._translator.load(str(I18N / f"kiosk_{code}.qm")):
            app.installTranslator(self._translator)
        self._language = code

    def render(self, state: KioskState) -> None:
        self._use_language(state.language)
        self.pages.setCurrentIndex(SCREENS.index(state.screen))
        if state.screen == "language":
            self.idle.stop()
        else:
            self.idle.start()
        self.choose_title.setText("Choose your language · เลือกภาษา · ជ្រើសរើសភាសា · 选择语言")
        self.scan_title.setText(translate("Kiosk", "Scan the QR code on your invitation"))
        self.scan_hint.setText(translate("Kiosk", "Hold the code under the scanner light."))
        self.language_again.setText(translate("Kiosk", "Language") + f": {LANGUAGES.get(state.language, 'English')}")
        self.working_text.setText(translate("Kiosk", "One moment, please…"))
        answer = state.answer
        if state.screen == "agree" and answer is not None:
            self.greeting.setText(translate("Kiosk", "Welcome, %1").replace("%1", answer.greeting_name))
            self.policy_title.setText(translate("Kiosk", "Please read our child safeguarding policy"))
            self.summary.setPlainText(answer.summary)
            self.policy_version.setText(translate("Kiosk", "Policy version %1").replace("%1", answer.policy_version))
        self.agree_button.setText(translate("Kiosk", "I agree"))
        self.cancel_button.setText(translate("Kiosk", "Cancel"))
        if state.screen == "done" and answer is not None:
            self.done_title.setText(translate("Kiosk", "Thank you, %1!").replace("%1", answer.greeting_name))
            self.printing.setText(translate("Kiosk", "Your badge is ready.") if state.printed else translate("Kiosk", "Your badge is printing."))
            self.lanyard.setText(lanyard_text(answer.lanyard_colour))
            self.lanyard_swatch.setStyleSheet(f"background: {LANYARD_HEX.get(answer.lanyard_colour, RED)};"
                                              "border-radius: 12px;")
        self.desk_title.setText(translate("Kiosk", "Please go to the registration desk"))
        self.desk_reason.setText(reason_text(state.reason) if state.screen == "desk" else "")
        self.desk_ok.setText(translate("Kiosk", "OK"))


def open_kiosk(runner, station, catcher) -> QWidget:
    """After sign-in with a kiosk account: the kiosk full screen, scans routed to it; leaving
    (an organiser's PIN) quits the app. Any other account is told to sign in as a kiosk."""
    app = QApplication.instance()
    if station.staff.role != "kiosk":
        QMessageBox.warning(None, "Kiosk mode", f"{station.staff.name} is a {station.staff.role} account: kiosk "
                                                "mode needs a kiosk account (an organiser adds one on the staff page)")
        QTimer.singleShot(0, app.quit)
        return QWidget()
    vm = KioskViewModel(runner, station)
    view = KioskView(vm)
    catcher.scanned.connect(vm.scan)
    vm.left.connect(app.quit)
    view.showFullScreen()
    return view
