"""The desk: scan or search, see one big answer, act on it. One state, one render."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from checkin.desk.decisions import card_seconds, should_print
from ui.dialogs import ApprovalDialog, ConsentDialog, WalkInDialog
from ui.errors import error_text
from ui.fonts import tallest_extent
from ui.search_rows import NAME_ROLE, ORGANISATION_ROLE, SearchRowDelegate
from ui.theme import IDLE_BG, look
from ui.widgets import ResultCard, big_font


class DeskMode(Enum):
    READY = "ready"
    WORKING = "working"
    RESULT = "result"
    NEEDS_INPUT = "needs_input"   # the safeguarding confirmation


@dataclass(frozen=True)
class DeskState:
    mode: DeskMode = DeskMode.READY
    result: object | None = None       # checkin.desk.service.ScanResult
    token: str = ""                    # the code behind the result, to confirm or re-ask with
    registration_id: str = ""
    error: str = ""
    notice: str = ""                   # the answer to an organiser action (reprint, annul)
    query: str = ""
    hits: tuple = ()                   # search hits (plain dataclasses from the core)
    prints: tuple = ()                 # PrintEntry per person: pending and failed prints, newest last
    has_printer: bool = True

    def print_entry(self, registration_id: str | None = None) -> "PrintEntry | None":
        reg = registration_id if registration_id is not None else self.registration_id
        return next((p for p in self.prints if p.registration_id == reg), None)

    @property
    def print_status(self) -> str:     # "", "printing", "printed", "saved", "failed" for the person on the card
        entry = self.print_entry()
        return entry.status if entry else ""

    @property
    def print_error(self) -> str:
        entry = self.print_entry()
        return entry.error if entry else ""


@dataclass(frozen=True)
class PrintEntry:
    """One person's badge on its way: each print belongs to its person, whoever is on the card now."""

    registration_id: str
    name: str
    status: str          # "printing", "printed", "saved", "failed"
    error: str = ""
    path: str = ""


class DeskViewModel(QObject):
    state_changed = Signal(object)
    outcome_shown = Signal(str)        # for sounds and tests

    def __init__(self, runner, station, *, badge_printer=None, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station, self.badge_printer = runner, station, badge_printer
        self._prints: dict[str, PrintEntry] = {}
        self.state = DeskState(has_printer=self.has_printer)
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.timeout.connect(self.dismiss)

    @property
    def has_printer(self) -> bool:
        return self.badge_printer is not None and bool(self.station.settings.printer_queue)

    def _set(self, state: DeskState) -> None:
        # The print queue outlives any one card: every state carries it.
        state = replace(state, prints=tuple(self._prints.values()), has_printer=self.has_printer)
        self.state = state
        self.state_changed.emit(state)

    # -- scans ------------------------------------------------------------------------------
    def scan(self, token: str) -> None:
        self._reset.stop()
        self._set(replace(DeskState(), mode=DeskMode.WORKING, token=token, query=self.state.query, hits=self.state.hits))
        self.runner.submit(lambda: self.station.scan(token), self._on_result, self._on_error)

    def check_in(self, registration_id: str) -> None:
        self._reset.stop()
        self._set(replace(DeskState(), mode=DeskMode.WORKING, registration_id=registration_id))
        self.runner.submit(lambda: self.station.check_in(registration_id), self._on_result, self._on_error)

    def confirm_safeguarding(self) -> None:
        s = self.state
        if s.mode is not DeskMode.NEEDS_INPUT:
            return
        self._set(replace(s, mode=DeskMode.WORKING))
        if s.token:
            job = lambda: self.station.scan(s.token, confirm_safeguarding=True)  # noqa: E731
        else:
            job = lambda: self.station.check_in(s.registration_id, confirm_safeguarding=True)  # noqa: E731
        self.runner.submit(job, self._on_result, self._on_error)

    def hold_card(self) -> None:
        """Keep the card while an organiser answers a dialog about its person."""
        self._reset.stop()

    def dismiss(self) -> None:
        self._reset.stop()
        self._set(DeskState())

    def _on_result(self, result) -> None:
        mode = DeskMode.NEEDS_INPUT if result.outcome == "needs_safeguarding" else DeskMode.RESULT
        reg = result.attendee.registration_id if result.attendee else ""
        self._set(replace(self.state, mode=mode, result=result, registration_id=reg, error=""))
        self.outcome_shown.emit(result.outcome)
        settings = self.station.settings
        if should_print(result.outcome, has_printer=self.has_printer, auto_print=settings.auto_print):
            self.print_badge(reg)
        self._schedule_reset(result.outcome)

    def _on_error(self, error: BaseException) -> None:
        message = error_text(error)
        self._set(replace(self.state, mode=DeskMode.RESULT, result=None, error=message))
        self.outcome_shown.emit("error")

    def _schedule_reset(self, outcome: str) -> None:
        seconds = card_seconds(outcome)
        if seconds:
            self._reset.start(int(seconds * 1000))

    # -- printing: read on the database thread, rendered and sent on the print pool, recorded back --
    def print_badge(self, registration_id: str | None = None) -> None:
        """Print a person's badge (the card's person by default; a retry names whom)."""
        reg = registration_id or self.state.registration_id
        if not reg or not self.has_printer:
            return
        self._track(reg, "printing")
        send = self.badge_printer
        self.runner.submit(lambda: self.station.print_job(reg),
                           lambda job: self.runner.submit_render(
                               lambda: send(job), lambda cups: self._record_printed(job, cups),
                               lambda error: self._print_failed(reg, error, job)),
                           lambda error: self._print_failed(reg, error))

    def save_badge_pdf(self, registration_id: str, path: str) -> None:
        """No printer here: the person's badge as a PDF file."""
        self._track(registration_id, "printing")
        self.runner.submit(lambda: self.station.print_job(registration_id),
                           lambda job: self.runner.submit_render(
                               lambda: self.station.save_badge_pdf(job, path),
                               lambda saved: self._track(registration_id, "saved", path=saved),
                               lambda error: self._print_failed(registration_id, error)),
                           lambda error: self._print_failed(registration_id, error))

    def retry_print(self) -> None:
        """F5: the card's person if their print failed, else the oldest failed print."""
        failed = [p.registration_id for p in self._prints.values() if p.status == "failed"]
        reg = self.state.registration_id if self.state.registration_id in failed else (failed[0] if failed else "")
        if reg:
            self.print_badge(reg)

    def _record_printed(self, job, cups_job: str) -> None:
        self.runner.submit(lambda: self.station.badge_printed(job, cups_job),
                           lambda _result: self._track(job.registration_id, "printed"),
                           lambda error: self._print_failed(job.registration_id, error))

    def _print_failed(self, reg: str, error: BaseException, job=None) -> None:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
        self._track(reg, "failed", error=text)
        self.outcome_shown.emit("print_failed")
        if job is not None:   # the audit log keeps the failure too
            self.runner.submit(lambda: self.station.badge_print_failed(job, text), None, lambda _e: None)

    def _track(self, reg: str, status: str, *, error: str = "", path: str = "") -> None:
        entry = self._prints.get(reg)
        name = entry.name if entry else self._name_of(reg)
        self._prints.pop(reg, None)
        if status in ("printing", "failed") or reg == self.state.registration_id:
            self._prints[reg] = PrintEntry(reg, name, status, error, path)
        if status in ("printed", "saved"):
            QTimer.singleShot(15_000, lambda: self._forget(reg, status))
        self._set(self.state)

    def _forget(self, reg: str, status: str) -> None:
        entry = self._prints.get(reg)
        if entry is not None and entry.status == status:
            del self._prints[reg]
            self._set(self.state)

    def _name_of(self, reg: str) -> str:
        r = self.state.result
        if r is not None and r.attendee is not None and r.attendee.registration_id == reg:
            return r.attendee.badge_name
        return reg

    # -- organiser actions (the view asks the questions, then passes the answers) -----------------
    def reprint(self, reg: str, approver: str, pin: str, reason: str, *, pdf_path: str = "") -> None:
        """Reprint for `reg`, the person the approval dialog was opened for. The new badge is
        printed (or saved to `pdf_path` when there is no printer) first; only then is its serial
        issued and the old badge revoked, so a failed print leaves the old badge working."""
        if not reg:
            return
        self._reset.stop()
        self._set(replace(self.state, mode=DeskMode.WORKING))
        self.runner.submit(lambda: self.station.reprint_job(reg, approver, pin, reason),
                           lambda job: self._send_reprint(job, pdf_path), self._on_action_refused)

    def _send_reprint(self, rjob, pdf_path: str) -> None:
        if pdf_path:
            out = lambda: self.station.save_badge_pdf(rjob.job, pdf_path)  # noqa: E731
        elif self.has_printer:
            send = self.badge_printer
            out = lambda: send(rjob.job)  # noqa: E731
        else:
            self._on_action_refused(RuntimeError("no printer and no PDF file chosen"))
            return
        self.runner.submit_render(out, lambda sent: self.runner.submit(
            lambda: self.station.reprint_done(rjob, "" if pdf_path else sent),
            lambda result: self._on_reprinted(result, pdf_path), self._on_action_refused),
            lambda error: self._on_action_refused(error, kept=True))

    def _on_reprinted(self, result, pdf_path: str) -> None:
        made = f"saved as {pdf_path}" if pdf_path else "printed"
        note = f"New badge {made} (serial {result.serial}); the old one is now refused at every door."
        self._set(replace(self.state, mode=DeskMode.RESULT, notice=note))

    def annul(self, reg: str, approver: str, pin: str, reason: str) -> None:
        """Annul `reg`'s check-in, the person the approval dialog was opened for."""
        if not reg:
            return
        self._reset.stop()
        self._set(replace(self.state, mode=DeskMode.WORKING))
        self.runner.submit(lambda: self.station.annul(reg, approver, pin, reason),
                           lambda _info: self._set(replace(self.state, mode=DeskMode.RESULT,
                                                           notice="Check-in annulled and logged.")),
                           self._on_action_refused)

    def record_consent(self, reg: str, answer: dict) -> None:
        """Consent seen on paper, for `reg` (the person the dialog was opened for); then the check-in
        is tried again: the young person comes in if nothing else is missing."""
        self._reset.stop()
        self._set(replace(self.state, mode=DeskMode.WORKING))
        a = dict(answer)
        approver, pin, reason = a.pop("approver"), a.pop("pin"), a.pop("reason")
        self.runner.submit(lambda: self.station.record_consent(reg, approver, pin, reason, **a),
                           lambda _state: self.check_in(reg), self._on_action_refused)

    def verify_pin(self, name: str, pin: str, on_ok, on_err) -> None:
        """A dialog checks an organiser's PIN before it closes (a wrong one keeps the form)."""
        self.runner.submit(lambda: self.station.authorise(name, pin), on_ok, on_err)

    def register_walk_in(self, walk_in, approver: str, pin: str) -> None:
        self._reset.stop()
        self._set(replace(DeskState(), mode=DeskMode.WORKING))
        self.runner.submit(lambda: self.station.register_walk_in(walk_in, approver, pin),
                           lambda person: self.check_in(person.registration_id), self._on_error)

    def _on_action_refused(self, error: BaseException, *, kept: bool = False) -> None:
        message = error_text(error)
        if kept:
            message += " — the old badge still works"
        self._set(replace(self.state, mode=DeskMode.RESULT, notice=f"Not done: {message}"))
        self.outcome_shown.emit("error")

    # -- search -----------------------------------------------------------------------------
    def search(self, query: str) -> None:
        self._set(replace(self.state, query=query))
        if not query.strip():
            self._set(replace(self.state, hits=()))
            return
        # How much must be typed is the core's rule (two ideographs are enough; an exact
        # registration id answers at any length), so every non-empty query is asked.
        self.runner.submit(lambda: self.station.search(query), lambda hits: self._on_hits(query, hits),
                           self._on_error)

    def _on_hits(self, query: str, hits) -> None:
        if query == self.state.query:  # an older search must not overwrite a newer one
            self._set(replace(self.state, hits=tuple(hits)))


def _detail_lines(result) -> str:
    a = result.attendee
    # A welcome says it all with its title, name and lanyard line: the message would only repeat them.
    lines = [] if result.outcome == "checked_in" and a is not None else [result.message]
    if a is not None:
        # The clerk checks the face against the full name, in the person's own script and in Latin letters.
        full = " · ".join(dict.fromkeys(x for x in (a.name, getattr(a, "name_latin", "")) if x))
        if full and full != a.badge_name:
            lines.append(full)
        who = " · ".join(x for x in (a.registration_id, a.organisation, a.country, a.role.title()) if x)
        if who:
            lines.append(who)
        if a.is_minor:
            lines.append(f"Young person · chaperone: {a.chaperone or 'none on file'}")
        if a.schedule:
            lines.append("Sessions: " + ";  ".join(a.schedule))
        elif a.sessions:
            lines.append("Sessions: " + ", ".join(a.sessions))
        if a.walk_in:
            lines.append("Walk-in")
        if getattr(a, "registration_status", ""):
            # imported with --include-pending: the registration system had not confirmed them
            lines.append("\u26a0 Registration not confirmed: " + a.registration_status.replace("_", " "))
    return "\n".join(lines)


class DeskView(QWidget):
    """Draws the desk state. `render` is the only method that sets widget contents."""

    def __init__(self, vm: DeskViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("registration desk")
        self.stack = QStackedWidget()
        self.idle = QLabel("Scan a badge or invitation\nor type a name to search")
        self.idle.setAlignment(Qt.AlignCenter)
        self.idle.setFont(big_font(26))
        self.idle.setStyleSheet(f"background: {IDLE_BG}; color: #2D3742; border-radius: 14px;")
        self.idle.setAccessibleName("ready")
        self.working = QLabel("Checking…")
        self.working.setAlignment(Qt.AlignCenter)
        self.working.setFont(big_font(26))
        self.card = ResultCard()
        for w in (self.idle, self.working, self.card):
            self.stack.addWidget(w)

        self.confirm_button = QPushButton("Attendee confirms the policy — record it  [F2]")
        self.print_button = QPushButton("Retry print  [F5]")
        self.reprint_button = QPushButton("Reprint badge  [F6]")
        self.annul_button = QPushButton("Annul check-in  [F8]")
        self.dismiss_button = QPushButton("Next  [Esc]")
        self.consent_button = QPushButton("Record consent (organiser)  [F4]")
        self.consent_button.clicked.connect(self.start_consent)
        for b in (self.confirm_button, self.consent_button, self.print_button, self.reprint_button, self.annul_button, self.dismiss_button):
            b.setFont(big_font(14, bold=True))
            b.setMinimumHeight(48)
            self.card.actions.addWidget(b)
        self.confirm_button.clicked.connect(vm.confirm_safeguarding)
        self.print_button.clicked.connect(self.start_print)
        self.dismiss_button.clicked.connect(self.next_person)
        self.reprint_button.clicked.connect(self.start_reprint)
        self.annul_button.clicked.connect(self.start_annul)
        self.walk_in_button = QPushButton("Walk-in (not on the list)  [F9]")
        self.walk_in_button.clicked.connect(self.start_walk_in)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Name, organisation or reg. id")
        self.search_box.setFont(big_font(16))
        self.search_box.setAccessibleName("search attendees")
        self.search_box.setClearButtonEnabled(True)
        # Room above and below the text for the tallest script anyone may type (Myanmar's stacks).
        field = QFontMetricsF(self.search_box.font())
        up, down = tallest_extent(self.search_box.font())
        self.search_box.setMinimumHeight(int(field.height() + 2 * max(up - field.ascent(), down - field.descent()) + 12))
        self.hits = QListWidget()
        self.hits.setFont(big_font(14))
        self.hits.setAccessibleName("search results")
        self.hits.setItemDelegate(SearchRowDelegate(big_font(14, bold=True), big_font(12), self.hits))
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.hits.setSpacing(2)
        self.hits.setAlternatingRowColors(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(lambda: vm.search(self.search_box.text()))
        self.search_box.textEdited.connect(lambda _t: self._debounce.start())
        self.search_box.returnPressed.connect(self._check_in_selected)
        self.hits.itemActivated.connect(lambda item: vm.check_in(item.data(Qt.UserRole)))

        side = QVBoxLayout()
        side.addWidget(QLabel("Find a person without a code"))
        side.addWidget(self.search_box)
        side.addWidget(self.hits, 1)
        self.print_queue = QListWidget()
        self.print_queue.setAccessibleName("print queue")
        self.print_queue.setMaximumHeight(110)
        self.print_queue.itemActivated.connect(self._retry_item)
        self.print_queue_label = QLabel("Badges printing or not printed (Enter on a failed one retries it)")
        side.addWidget(self.print_queue_label)
        side.addWidget(self.print_queue)
        side.addWidget(self.walk_in_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.stack, 3)
        layout.addLayout(side, 2)

        QShortcut(QKeySequence(Qt.Key_F2), self, vm.confirm_safeguarding)
        QShortcut(QKeySequence(Qt.Key_F5), self, self.start_print)
        QShortcut(QKeySequence(Qt.Key_F4), self, self.start_consent)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.next_person)
        vm.outcome_shown.connect(self._after_outcome)
        QShortcut(QKeySequence(Qt.Key_F6), self, self.start_reprint)
        QShortcut(QKeySequence(Qt.Key_F8), self, self.start_annul)
        QShortcut(QKeySequence(Qt.Key_F9), self, self.start_walk_in)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search_box.setFocus)
        self.search_box.installEventFilter(self)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        # Down from the search box walks into the results, so the desk never needs the mouse.
        if obj is self.search_box and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down \
                and self.hits.count():
            self.hits.setFocus()
            self.hits.setCurrentRow(0)
            return True
        return False

    # -- questions (tests answer these instead of a person) ------------------------------------
    def _organiser_name(self) -> str:
        staff = self.vm.station.staff
        return staff.name if staff.can("reprint") else ""

    def ask_approval(self, action: str) -> tuple[str, str, str] | None:
        dialog = ApprovalDialog(action, self._organiser_name(), self, verify=self.vm.verify_pin)
        return dialog.answer() if dialog.exec() == ApprovalDialog.Accepted else None

    def ask_walk_in(self):
        dialog = WalkInDialog(self._organiser_name(), self, verify=self.vm.verify_pin)
        return dialog.answer() if dialog.exec() == WalkInDialog.Accepted else None

    def _subject(self, allowed: str) -> tuple[str, str] | None:
        """(registration id, name) on the card when the core says this action is open for them."""
        r = self.vm.state.result
        if r is None or r.attendee is None or not getattr(r, allowed) or self.vm.state.notice:
            return None
        return r.attendee.registration_id, r.attendee.badge_name

    def start_reprint(self) -> None:
        subject = self._subject("may_reprint")   # fixed now: a scan behind the dialog cannot change it
        if subject is not None:
            self.vm.hold_card()
            if (answer := self.ask_approval(f"reprint {subject[1]}'s badge")):
                pdf_path = "" if self.vm.has_printer else self.ask_pdf_path(subject[0])
                if self.vm.has_printer or pdf_path:
                    self.vm.reprint(subject[0], *answer, pdf_path=pdf_path)

    def start_annul(self) -> None:
        subject = self._subject("may_annul")
        if subject is not None:
            self.vm.hold_card()
            if (answer := self.ask_approval(f"annul {subject[1]}'s check-in")):
                self.vm.annul(subject[0], *answer)

    def ask_pdf_path(self, registration_id: str) -> str:
        default = str(Path.home() / f"badge-{registration_id}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Save the badge as PDF", default, "PDF (*.pdf)")
        return path

    def start_print(self) -> None:
        """F5: retry a failed print; with no printer here, save the card's badge as a PDF."""
        if self.vm.has_printer:
            self.vm.retry_print()
            return
        r = self.vm.state.result
        if r is not None and r.attendee is not None and r.may_reprint:
            reg = r.attendee.registration_id     # fixed before the file dialog opens
            self.vm.hold_card()
            if (path := self.ask_pdf_path(reg)):
                self.vm.save_badge_pdf(reg, path)

    def _retry_item(self, item) -> None:
        reg = item.data(Qt.UserRole)
        entry = self.vm.state.print_entry(reg)
        if entry is not None and entry.status == "failed":
            self.vm.print_badge(reg)

    def ask_consent(self, attendee) -> dict | None:
        dialog = ConsentDialog(attendee.registration_id, attendee.badge_name, attendee, self._organiser_name(), self,
                               verify=self.vm.verify_pin)
        return dialog.answer() if dialog.exec() == ConsentDialog.Accepted else None

    def start_consent(self) -> None:
        r = self.vm.state.result
        if r is None or r.attendee is None or r.outcome != "needs_guardian_consent":
            return
        attendee = r.attendee   # fixed now: a scan behind the dialog cannot change whom it records for
        self.vm.hold_card()
        if (answer := self.ask_consent(attendee)):
            self.vm.record_consent(attendee.registration_id, answer)

    def start_walk_in(self) -> None:
        if (answer := self.ask_walk_in()):
            self.vm.register_walk_in(*answer)

    def next_person(self) -> None:
        """Esc: the card goes, and so does the last person's search."""
        self._clear_search()
        self.vm.dismiss()

    def _after_outcome(self, outcome: str) -> None:
        if outcome == "checked_in":
            self._clear_search()   # the next person starts from an empty search

    def _clear_search(self) -> None:
        self._debounce.stop()
        if self.search_box.text() or self.vm.state.hits:
            self.search_box.clear()
            self.vm.search("")

    def _check_in_selected(self) -> None:
        item = self.hits.currentItem() or self.hits.item(0)
        if item is not None:
            self.vm.check_in(item.data(Qt.UserRole))

    def _checking_later(self) -> None:
        timer = getattr(self, "_checking_timer", None)
        if timer is None:
            timer = self._checking_timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(100)
            timer.timeout.connect(self._show_checking)
        timer.start()

    def _show_checking(self) -> None:
        if self.vm.state.mode is DeskMode.WORKING:
            self.stack.setCurrentWidget(self.working)

    def render(self, state: DeskState) -> None:
        if state.mode is DeskMode.READY:
            self.stack.setCurrentWidget(self.idle)
        elif state.mode is DeskMode.WORKING:
            # "Checking…" only if the answer is slow (~100 ms): flashed before every card, it
            # would cost the card a frame.
            if self.stack.currentWidget() is not self.working:
                self._checking_later()
        else:
            self.stack.setCurrentWidget(self.card)
            if state.result is None:
                self.card.show_look(look("error"), "", state.error)
            else:
                r = state.result
                lanyard = f"Hand over the {r.lanyard.upper()} lanyard" if r.lanyard else ""
                detail = _detail_lines(r)
                entry = state.print_entry()
                if entry is not None and entry.status == "printing":
                    detail += "\nBadge printing…"
                elif entry is not None and entry.status == "printed":
                    detail += "\nBadge printed."
                elif entry is not None and entry.status == "saved":
                    detail += f"\nBadge saved as PDF: {entry.path}"
                elif entry is not None and entry.status == "failed":
                    detail += f"\nBADGE NOT PRINTED: {entry.error}"
                elif not state.has_printer and r.may_reprint and not state.notice:
                    detail += "\nNo printer at this station: save the badge as a PDF [F5]"
                if state.notice:
                    detail += "\n" + state.notice
                name = r.attendee.badge_name if r.attendee else ""
                self.card.show_look(look(r.outcome), name, detail, lanyard)
                if r.policy is not None:
                    self.card.show_policy(r.policy.text or r.policy.summary)
        self.confirm_button.setVisible(state.mode is DeskMode.NEEDS_INPUT)
        self.consent_button.setVisible(state.mode is DeskMode.RESULT and state.result is not None
                                       and state.result.outcome == "needs_guardian_consent" and not state.notice)
        no_printer_badge = (not state.has_printer and state.result is not None and state.result.may_reprint
                            and not state.notice and state.mode is DeskMode.RESULT)
        self.print_button.setText("Retry print  [F5]" if state.has_printer else "Save badge as PDF  [F5]")
        self.print_button.setVisible(state.print_status == "failed" or no_printer_badge)
        self.dismiss_button.setVisible(state.mode in (DeskMode.RESULT, DeskMode.NEEDS_INPUT))
        self.print_button.setEnabled(state.print_status != "printing")
        self.reprint_button.setVisible(state.result is not None and state.result.may_reprint and not state.notice)
        self.annul_button.setVisible(state.result is not None and state.result.may_annul and not state.notice)

        queue = [p for p in state.prints if p.status in ("printing", "failed")]
        lines = [(p.registration_id, f"{p.name} ({p.registration_id}) — "
                                     + ("printing…" if p.status == "printing" else f"NOT PRINTED: {p.error}"))
                 for p in queue]
        if lines != [(self.print_queue.item(i).data(Qt.UserRole), self.print_queue.item(i).text())
                     for i in range(self.print_queue.count())]:
            self.print_queue.clear()
            for reg, text in lines:
                item = QListWidgetItem(text)
                item.setData(Qt.UserRole, reg)
                self.print_queue.addItem(item)
        self.print_queue.setVisible(bool(lines))
        self.print_queue_label.setVisible(bool(lines))

        wanted = [(h.registration_id, f"{h.name}\n{' · '.join(x for x in (h.organisation, h.registration_id) if x)}")
                  for h in state.hits]
        current = [(self.hits.item(i).data(Qt.UserRole), self.hits.item(i).text()) for i in range(self.hits.count())]
        if wanted != current:
            self.hits.clear()
            for h, (reg, text) in zip(state.hits, wanted):
                item = QListWidgetItem(text)   # the two lines as text too: for screen readers and tests
                item.setData(Qt.UserRole, reg)
                item.setData(NAME_ROLE, h.name)
                item.setData(ORGANISATION_ROLE, h.organisation)
                self.hits.addItem(item)
