"""The import wizard: pick the export, check where each column comes from (auto-matched, editable,
savable as a mapping file), see every failing row and, for a re-import, what will change, then
import with a progress bar and a summary. Nothing is written before the last step."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton,
                               QStackedWidget, QTableWidget, QVBoxLayout, QWidget)

from checkin.imports.preview import MAPPABLE, mapping_of, mapping_toml
from ui.console.common import fill, heading, note, table
from ui.errors import error_text
from ui.widgets import big_font

NOT_USED = "(not in this file)"


class Step(IntEnum):
    PICK = 0
    COLUMNS = 1
    CHECK = 2
    IMPORT = 3


@dataclass(frozen=True)
class ImportState:
    step: Step = Step.PICK
    path: str = ""
    table: object | None = None        # checkin.imports.tabular.Table
    match: object | None = None        # checkin.imports.preview.HeaderMatch
    chosen: dict = field(default_factory=dict)
    preview: object | None = None      # checkin.imports.preview.ImportPreview
    result: object | None = None       # checkin.imports.importer.ImportResult
    working: bool = False
    done: int = 0
    total: int = 0
    message: str = ""
    error: str = ""


class ImportViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = ImportState()
        self._job = None
        runner.progress.connect(self._on_progress)

    def _set(self, state: ImportState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _fail(self, error: BaseException) -> None:
        self._set(replace(self.state, working=False, error=error_text(error)))

    def open(self, path: str) -> None:
        self._set(ImportState(path=path, working=True, message=f"Reading {Path(path).name}…"))
        self.runner.submit(lambda: self.station.import_table(path), self._on_table, self._fail)

    def _on_table(self, result) -> None:
        table, match = result
        self._set(replace(self.state, step=Step.COLUMNS, table=table, match=match, chosen=dict(match.chosen),
                          working=False, message=self._matched_message(match)))

    @staticmethod
    def _matched_message(match) -> str:
        found = f"recognised as a {match.preset} export" if match.preset else "columns matched by name"
        return f"{len(match.headers)} columns; {found}; {len(match.chosen)} of ours found. Check and correct below."

    def choose_column(self, ours: str, header: str) -> None:
        chosen = dict(self.state.chosen)
        chosen[ours] = header
        self._set(replace(self.state, chosen=chosen, preview=None))

    def mapping_text(self) -> str:
        return mapping_toml(self.state.match, self.state.chosen)

    def save_mapping(self, path: str) -> None:
        target = Path(path).with_suffix(".toml")
        try:
            target.write_text(self.mapping_text(), encoding="utf-8")
        except OSError as exc:
            self._set(replace(self.state, error=f"cannot write {target}: {exc.strerror or exc}"))
            return
        self._set(replace(self.state, message=f"Mapping saved to {target}: use it with "
                                              f"`checkin attendees import --mapping {target.name}`", error=""))

    def check(self) -> None:
        s = self.state
        self._set(replace(s, working=True, error="", message="Checking every row…"))

        def work():
            mapping = mapping_of(s.match, s.chosen)
            return self.station.import_preview(s.table, mapping)

        self.runner.submit(work, self._on_preview, self._fail)

    def _on_preview(self, preview) -> None:
        self._set(replace(self.state, step=Step.CHECK, preview=preview, working=False, message=""))

    def back(self) -> None:
        if self.state.step in (Step.COLUMNS, Step.CHECK) and not self.state.working:
            self._set(replace(self.state, step=Step(self.state.step - 1), error=""))

    def run_import(self) -> None:
        s = self.state
        if s.working or s.preview is None:
            return
        self._set(replace(s, step=Step.IMPORT, working=True, done=0, total=len(s.table.rows), error="",
                          message="Importing…"))

        def work(progress):
            return self.station.import_attendees(s.path, s.table, mapping_of(s.match, s.chosen), progress=progress)

        self._job = self.runner.submit(work, self._on_imported, self._fail, with_progress=True)

    def _on_progress(self, job_id: int, done: int, total: int) -> None:
        if job_id == self._job and self.state.working:
            self._set(replace(self.state, done=done, total=total))

    def _on_imported(self, result) -> None:
        self._set(replace(self.state, result=result, working=False, done=self.state.total,
                          message=f"Imported: {result.created} new, {result.updated} updated, {result.unchanged} "
                                  f"unchanged, {result.error_rows} rows skipped for errors"))

    def restart(self) -> None:
        self._set(ImportState())


class ImportView(QWidget):
    def __init__(self, vm: ImportViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("import wizard")
        self.steps = QLabel()
        self.steps.setFont(big_font(13))
        self.message = note(name="import message")
        self.error = note(name="import error")
        self.error.setStyleSheet("color: #B3261E;")
        self.stack = QStackedWidget()

        pick = QWidget()
        self.pick_button = QPushButton("Choose the registration export (CSV or XLSX)…")
        self.pick_button.setFont(big_font(15, bold=True))
        self.pick_button.setMinimumHeight(56)
        self.pick_button.clicked.connect(self.pick)
        lay = QVBoxLayout(pick)
        lay.addWidget(note("Exports from Eventbrite, pretix, Indico, Google Forms, Tito and Luma are recognised by "
                           "their headers; any other file can be matched by hand. Re-importing an updated export "
                           "updates people by registration id and shows what will change first."))
        lay.addWidget(self.pick_button)
        lay.addStretch(1)

        columns = QWidget()
        self.columns = QTableWidget(len(MAPPABLE), 2)
        self.columns.setHorizontalHeaderLabels(["our column", "read from the file's column"])
        self.columns.setAccessibleName("column mapping")
        self.columns.verticalHeader().setVisible(False)
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.combos: dict[str, QComboBox] = {}
        for row, ours in enumerate(MAPPABLE):
            self.columns.setCellWidget(row, 0, QLabel(" " + ours))
            combo = QComboBox()
            combo.setAccessibleName(f"source of {ours}")
            combo.activated.connect(lambda _i, o=ours, c=combo: vm.choose_column(o, c.currentData() or ""))
            self.columns.setCellWidget(row, 1, combo)
            self.combos[ours] = combo
        self.columns.resizeColumnToContents(0)
        self.save_button = QPushButton("Save as mapping file…")
        self.save_button.clicked.connect(self.save_mapping)
        self.check_button = QPushButton("Check the rows →")
        self.check_button.setFont(big_font(13, bold=True))
        self.check_button.clicked.connect(vm.check)
        lay = QVBoxLayout(columns)
        lay.addWidget(self.columns, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.check_button)
        lay.addLayout(row)

        check = QWidget()
        self.summary = note(name="validation summary")
        self.summary.setFont(big_font(15, bold=True))
        self.errors = table(["row", "column", "problem"], "row errors")
        self.changes = table(["registration id", "field", "now", "after the import"], "changes")
        self.back_button = QPushButton("← Columns")
        self.back_button.clicked.connect(vm.back)
        self.import_button = QPushButton("Import")
        self.import_button.setFont(big_font(13, bold=True))
        self.import_button.clicked.connect(vm.run_import)
        lay = QVBoxLayout(check)
        lay.addWidget(self.summary)
        lay.addWidget(heading("Rows that cannot be imported (they will be skipped)", 13))
        lay.addWidget(self.errors, 1)
        lay.addWidget(heading("What changes for people already on the list", 13))
        lay.addWidget(self.changes, 1)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        lay.addLayout(row)

        done = QWidget()
        self.progress = QProgressBar()
        self.progress.setMinimumHeight(32)
        self.progress.setAccessibleName("import progress")
        self.result = note(name="import summary")
        self.result.setFont(big_font(16, bold=True))
        self.again_button = QPushButton("Import another file")
        self.again_button.clicked.connect(vm.restart)
        lay = QVBoxLayout(done)
        lay.addWidget(self.progress)
        lay.addWidget(self.result)
        lay.addWidget(self.again_button)
        lay.addStretch(1)

        for page in (pick, columns, check, done):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Import attendees"))
        layout.addWidget(self.steps)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.stack, 1)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "Registration export", "", "CSV or Excel (*.csv *.xlsx)")
        return path

    def ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Save the mapping", suggested, "Mapping (*.toml)")
        return path

    def pick(self) -> None:
        if path := self.ask_open_path():
            self.vm.open(path)

    def save_mapping(self) -> None:
        if path := self.ask_save_path(Path(self.vm.state.path).stem + "-mapping.toml"):
            self.vm.save_mapping(path)

    def render(self, state: ImportState) -> None:
        names = ["1 Choose the file", "2 Columns", "3 Check", "4 Import"]
        self.steps.setText("   ›   ".join(f"<b>{n}</b>" if i == state.step else n for i, n in enumerate(names)))
        self.stack.setCurrentIndex(int(state.step))
        self.message.setText(state.message)
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
        busy = state.working
        self.pick_button.setEnabled(not busy)
        if state.match is not None:
            headers = list(state.match.headers)
            for ours, combo in self.combos.items():
                items = [(NOT_USED, "")] + [(h, h) for h in headers]
                if [combo.itemData(i) for i in range(combo.count())] != [d for _, d in items]:
                    combo.clear()
                    for label, data in items:
                        combo.addItem(label, data)
                combo.setCurrentIndex(max(0, combo.findData(state.chosen.get(ours, ""))))
                label = self.columns.cellWidget(list(self.combos).index(ours), 0)
                # Our columns with no source stand out: the organiser's eye goes there first.
                label.setStyleSheet("" if state.chosen.get(ours) else "background: #FCE8B2;")
        for w in (self.check_button, self.save_button, self.back_button, self.import_button):
            w.setEnabled(not busy)
        p = state.preview
        if p is not None:
            self.summary.setText(
                f"{p.rows} rows: {len(p.creates)} new, {p.updated_people} already on the list will change "
                f"({len(p.updates)} fields), {p.unchanged} unchanged, {len(p.errors)} with errors"
                + (f", {p.skipped} skipped (cancelled, pending or not a person)" if p.skipped else "")
                + (f"\nRead from the sheet \u201c{p.sheet}\u201d." if p.sheet else "")
                + "".join(f"\n\u26a0 {w}" for w in p.warnings))
            fill(self.errors, [(e.row, e.column, e.message) for e in p.errors])
            fill(self.changes, [(c.registration_id, c.field, c.old, c.new) for c in p.updates])
            self.import_button.setText(f"Import {len(p.creates)} new and {p.updated_people} changed"
                                       if (p.creates or p.updates) else "Import (nothing changes)")
        self.progress.setRange(0, max(state.total, 1))
        self.progress.setValue(min(state.done, max(state.total, 1)))
        r = state.result
        self.result.setText("" if r is None else
                            f"{r.created} new · {r.updated} updated · {r.unchanged} unchanged · "
                            f"{r.error_rows} rows skipped for errors"
                            + "".join(f"\n\u26a0 {w}" for w in getattr(r, "warnings", ())))
        self.again_button.setVisible(r is not None)
