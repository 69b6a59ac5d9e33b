"""The audit log: filter by person, station, kind, staff and time; verify the hash chain."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from checkin.organiser.audit_words import kind_label, sentence
from checkin.timeutil import local
from ui.console.common import fill, heading, note, table
from ui.errors import error_text
from ui.theme import GREEN, RED
from ui.widgets import big_font

PERIODS = (("any time", None), ("last hour", timedelta(hours=1)), ("last 4 hours", timedelta(hours=4)),
           ("last 24 hours", timedelta(hours=24)), ("last 7 days", timedelta(days=7)))


@dataclass(frozen=True)
class AuditFilters:
    person: str = ""
    station: str = ""
    kind: str = ""
    staff: str = ""
    period: str = "any time"


@dataclass(frozen=True)
class AuditState:
    filters: AuditFilters = AuditFilters()
    entries: tuple = ()          # checkin.store.audit.AuditLine, newest first
    kinds: tuple = ()
    verified: object | None = None   # checkin.store.audit.AuditReport
    timezone: str = "UTC"            # times shown as the event's wall clock
    error: str = ""


class AuditViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None, limit: int = 500):
        super().__init__(parent)
        self.runner, self.station, self.limit = runner, station, limit
        self.state = AuditState()

    def _set(self, state: AuditState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def filter(self, **changes) -> None:
        self._set(replace(self.state, filters=replace(self.state.filters, **changes)))
        self.load()

    def load(self) -> None:
        f = self.state.filters
        span = dict(PERIODS).get(f.period)
        since = self.station.clock() - span if span else None
        query = dict(person=f.person, station=f.station, kind=f.kind, staff=f.staff, since=since, limit=self.limit)
        self.runner.submit(lambda: (self.station.audit_entries(**query), self.station.audit_kinds(),
                                    self.station.event().timezone), self._on_entries, self._on_error)

    def verify(self) -> None:
        self.runner.submit(self.station.audit_verify, self._on_verified, self._on_error)

    def _on_entries(self, result) -> None:
        entries, kinds, tz = result
        self._set(replace(self.state, entries=tuple(entries), kinds=tuple(kinds), timezone=tz, error=""))

    def _on_verified(self, report) -> None:
        self._set(replace(self.state, verified=report))

    def _on_error(self, error: BaseException) -> None:
        self._set(replace(self.state, error=error_text(error)))


class AuditView(QWidget):
    def __init__(self, vm: AuditViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("audit log")
        self.person = QLineEdit()
        self.person.setPlaceholderText("person (registration id or staff name)")
        self.person.setAccessibleName("filter person")
        self.station = QLineEdit()
        self.station.setPlaceholderText("station")
        self.station.setAccessibleName("filter station")
        self.staff = QLineEdit()
        self.staff.setPlaceholderText("done by")
        self.staff.setAccessibleName("filter staff")
        self.kind = QComboBox()
        self.kind.setAccessibleName("filter kind")
        self.kind.activated.connect(lambda _i: vm.filter(kind=self.kind.currentData() or ""))
        self.period = QComboBox()
        self.period.setAccessibleName("filter time")
        for label, _ in PERIODS:
            self.period.addItem(label)
        self.period.activated.connect(lambda _i: vm.filter(period=self.period.currentText()))
        for edit, key in ((self.person, "person"), (self.station, "station"), (self.staff, "staff")):
            edit.returnPressed.connect(lambda e=edit, k=key: vm.filter(**{k: e.text()}))
        self.verify_button = QPushButton("Verify the chain")
        self.verify_button.clicked.connect(vm.verify)
        self.verdict = note(name="verification")
        self.verdict.setFont(big_font(14, bold=True))
        self.error = note(name="audit error")
        self.error.setStyleSheet(f"color: {RED};")
        self.entries = table(["#", "day", "what happened"], "audit entries")
        self.entries.setWordWrap(True)
        self.count = note(name="entry count")
        filters = QHBoxLayout()
        for w, stretch in ((self.person, 2), (self.station, 1), (self.staff, 1), (self.kind, 1), (self.period, 1)):
            w.setFont(big_font(13))
            filters.addWidget(w, stretch)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.verdict, 1)
        bottom.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Audit log"))
        layout.addWidget(note("Filter and press Enter. Every scan, refusal and change is here, hash-chained: "
                              "“Verify” recomputes the chain and names the first entry that does not match."))
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.entries, 1)
        layout.addLayout(bottom)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def render(self, state: AuditState) -> None:
        kinds = ("",) + state.kinds
        if [self.kind.itemData(i) for i in range(self.kind.count())] != list(kinds):
            self.kind.clear()
            for k in kinds:
                self.kind.addItem(kind_label(k) if k else "any kind", k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(state.filters.kind)))
        fill(self.entries, [(e.seq, local(e.at, state.timezone).strftime("%a %d %b"), sentence(e, state.timezone))
                            for e in state.entries])
        for row, e in enumerate(state.entries):   # the exact second, for whoever needs it
            self.entries.item(row, 2).setToolTip(local(e.at, state.timezone).strftime("%Y-%m-%d %H:%M:%S"))
        self.count.setText(f"{len(state.entries)} entries shown, newest first")
        v = state.verified
        if v is None:
            self.verdict.setText("")
        elif v.ok:
            self.verdict.setText(f"✓ Chain intact: {v.entries} entries")
            self.verdict.setStyleSheet(f"color: {GREEN};")
        else:
            self.verdict.setText(f"✗ Chain broken at entry {v.first_bad} of {v.entries}")
            self.verdict.setStyleSheet(f"color: {RED};")
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
