"""Badge preview: the event's badge design on every format for sample people, side by side,
redrawn whenever the organiser saves the event file (or its logo) and on Reload. The core
renders the same PDF as `checkin badge-preview`; this page only shows its pages."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from ui.console.common import heading, note
from ui.errors import error_text
from ui.widgets import big_font

PAGE_WIDTH = 1800   # pixels a format's page is drawn at; the label scales it to the page's width
SETTLE_MS = 300     # editors save in several steps: redraw once they are done


@dataclass(frozen=True)
class PreviewState:
    event_file: str = ""                    # "" = the loaded event's design
    pages: tuple[tuple[str, QImage], ...] = ()
    running: bool = False
    message: str = ""
    error: str = ""
    generation: int = 0                     # counts finished previews (a test waits on it)


def pdf_images(pdf: bytes, width: int = PAGE_WIDTH) -> list[QImage]:
    """Each page of a PDF as an image `width` pixels wide (QtPdf, so no external tool is needed)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "preview.pdf"
        path.write_bytes(pdf)
        doc = QPdfDocument()
        if doc.load(str(path)) != QPdfDocument.Error.None_:
            raise RuntimeError("the preview PDF could not be opened")
        images = []
        for i in range(doc.pageCount()):
            size = doc.pagePointSize(i)
            height = max(1, round(width * size.height() / size.width()))
            page = QImage(width, height, QImage.Format_RGB32)
            page.fill(Qt.white)   # QtPdf leaves the paper transparent
            painter = QPainter(page)
            painter.drawImage(0, 0, doc.render(i, QSize(width, height)))
            painter.end()
            images.append(page)
        doc.close()
    return images


class BadgePreviewViewModel(QObject):
    state_changed = Signal(object)

    def __init__(self, runner, station, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.station = runner, station
        self.state = PreviewState()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._watcher.directoryChanged.connect(self._file_changed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.reload)
        self._again = False

    def _set(self, state: PreviewState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def use_file(self, path: str) -> None:
        """Preview this event file's design and follow its changes."""
        self._set(replace(self.state, event_file=path))
        self._watch()
        self.reload()

    def use_loaded_event(self) -> None:
        self._set(replace(self.state, event_file=""))
        self._watch()
        self.reload()

    def _watch(self) -> None:
        for paths in (self._watcher.files(), self._watcher.directories()):
            if paths:
                self._watcher.removePaths(paths)
        if self.state.event_file:
            path = Path(self.state.event_file)
            # The folder too: an editor that saves by replacing the file drops the file's watch,
            # and the logo beside it may change.
            self._watcher.addPaths([p for p in (str(path), str(path.parent)) if Path(p).exists()])

    def _file_changed(self, _path: str) -> None:
        self._settle.start()

    def reload(self) -> None:
        if self.state.running:
            self._again = True   # a save during a render: draw once more when it is done
            return
        self._watch()
        path = self.state.event_file
        station = self.station

        def work():
            preview = station.badge_preview(path)
            return preview, pdf_images(preview.pdf)

        self._set(replace(self.state, running=True, error="", message="Drawing the badges…"))
        self.runner.submit_render(work, self._on_done, self._on_error, uses_database=not path)

    def _after(self) -> None:
        if self._again:
            self._again = False
            self.reload()

    def _on_done(self, result) -> None:
        preview, images = result
        source = Path(preview.source).name if self.state.event_file else f"the loaded event ({preview.source})"
        self._set(replace(self.state, running=False, pages=tuple(zip(preview.formats, images)),
                          message=f"{preview.event_name}: {preview.people} sample people on "
                                  f"{len(images)} formats, from {source}",
                          generation=self.state.generation + 1))
        self._after()

    def _on_error(self, error: BaseException) -> None:
        # The last good preview stays on screen under the error, so a typo does not blank the page.
        self._set(replace(self.state, running=False, message="", error=error_text(error),
                          generation=self.state.generation + 1))
        self._after()

    def stop(self) -> None:
        self._settle.stop()
        for paths in (self._watcher.files(), self._watcher.directories()):
            if paths:
                self._watcher.removePaths(paths)


class BadgePreviewView(QWidget):
    def __init__(self, vm: BadgePreviewViewModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.vm = vm
        self.setAccessibleName("badge preview")
        self.choose_button = QPushButton("Event file…")
        self.loaded_button = QPushButton("Loaded event")
        self.reload_button = QPushButton("Reload")
        for b in (self.choose_button, self.loaded_button, self.reload_button):
            b.setFont(big_font(13))
            b.setMinimumHeight(36)
        self.choose_button.clicked.connect(self.choose_file)
        self.loaded_button.clicked.connect(vm.use_loaded_event)
        self.reload_button.clicked.connect(vm.reload)
        self.message = note(name="preview message")
        self.error = note(name="preview error")
        self.error.setStyleSheet("color: #B3261E;")
        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.pages_box)
        self._pictures: list[QLabel] = []   # each page carries its format's name as its heading
        buttons = QHBoxLayout()
        for b in (self.choose_button, self.loaded_button, self.reload_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Badge preview"))
        layout.addWidget(note("Every badge format for sample people: the longest name, each ASEAN script, a young "
                              "person, someone who declined photos. Edit the event file's [badge] table and save: "
                              "the preview redraws. Nothing is saved to the event until you load the file."))
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.scroll, 1)
        vm.state_changed.connect(self.render)
        self.render(vm.state)

    def ask_event_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "Preview an event file", "", "Event file (*.toml)")
        return path

    def choose_file(self) -> None:
        path = self.ask_event_file()
        if path:
            self.vm.use_file(path)

    def showEvent(self, event) -> None:   # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.vm.state.generation == 0 and not self.vm.state.running:
            self.vm.use_loaded_event()   # drawn when first opened, not with the console

    def resizeEvent(self, event) -> None:   # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        width = max(200, self.scroll.viewport().width() - 24)
        for (_, image), picture in zip(self.vm.state.pages, self._pictures):
            picture.setPixmap(QPixmap.fromImage(image).scaledToWidth(width, Qt.SmoothTransformation))

    def render(self, state: PreviewState) -> None:
        while len(self._pictures) < len(state.pages):
            picture = QLabel()
            picture.setAccessibleName("badge preview page")
            self.pages_layout.addWidget(picture)
            self._pictures.append(picture)
        for i, picture in enumerate(self._pictures):
            picture.setVisible(i < len(state.pages))
            if i < len(state.pages):
                picture.setAccessibleDescription(state.pages[i][0])
        self._scale()
        for b in (self.choose_button, self.loaded_button, self.reload_button):
            b.setEnabled(not state.running)
        self.message.setText(state.message)
        self.error.setText(state.error)
        self.error.setVisible(bool(state.error))
