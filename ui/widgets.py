"""Shared widgets: the painted outcome icon and the big result card."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from ui.theme import INK, Look


class IconWidget(QWidget):
    """Outcome icons drawn with QPainter, so no symbol font is needed on any laptop."""

    def __init__(self, size: int = 96, parent: QWidget | None = None):
        super().__init__(parent)
        self.shape = "check"
        self.setFixedSize(size, size)
        self.setAccessibleName("outcome icon")

    def set_shape(self, shape: str) -> None:
        self.shape = shape
        self.setAccessibleDescription(shape)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        s = self.width()
        p.setPen(QPen(QColor(INK), s * 0.07))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88))
        pen = QPen(QColor(INK), s * 0.1, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
        p.setPen(pen)
        path = QPainterPath()
        pt = lambda x, y: QPointF(s * x, s * y)  # noqa: E731
        if self.shape == "check":
            path.moveTo(pt(0.28, 0.52)); path.lineTo(pt(0.44, 0.68)); path.lineTo(pt(0.72, 0.36))
        elif self.shape in ("cross", "full"):
            path.moveTo(pt(0.33, 0.33)); path.lineTo(pt(0.67, 0.67))
            path.moveTo(pt(0.67, 0.33)); path.lineTo(pt(0.33, 0.67))
            if self.shape == "full":
                path = QPainterPath(); path.moveTo(pt(0.28, 0.5)); path.lineTo(pt(0.72, 0.5))
        elif self.shape in ("info", "warn"):
            top, bottom = (0.28, 0.56) if self.shape == "warn" else (0.46, 0.72)
            path.moveTo(pt(0.5, top)); path.lineTo(pt(0.5, bottom))
            dot = 0.72 if self.shape == "warn" else 0.3
            p.drawPoint(pt(0.5, dot))
        elif self.shape == "shield":
            path.moveTo(pt(0.5, 0.24)); path.lineTo(pt(0.72, 0.33)); path.lineTo(pt(0.68, 0.58))
            path.lineTo(pt(0.5, 0.76)); path.lineTo(pt(0.32, 0.58)); path.lineTo(pt(0.28, 0.33)); path.closeSubpath()
        elif self.shape == "out":
            path.moveTo(pt(0.3, 0.5)); path.lineTo(pt(0.7, 0.5))
            path.moveTo(pt(0.56, 0.36)); path.lineTo(pt(0.7, 0.5)); path.lineTo(pt(0.56, 0.64))
        elif self.shape == "clock":
            path.moveTo(pt(0.5, 0.28)); path.lineTo(pt(0.5, 0.5)); path.lineTo(pt(0.66, 0.6))
        p.drawPath(path)
        p.end()


def big_font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class ResultCard(QFrame):
    """Colour, icon, words: the answer to a scan, readable from a step back."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultCard")
        self.setAccessibleName("scan result")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.icon = IconWidget(110)
        self.title = QLabel()
        self.title.setFont(big_font(30, bold=True))
        self.title.setAccessibleName("result")
        self.name = QLabel()
        self.name.setFont(big_font(34, bold=True))
        self.name.setWordWrap(True)
        self.name.setAccessibleName("attendee name")
        self.detail = QLabel()
        self.detail.setFont(big_font(16))
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("details")
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.lanyard = QLabel()
        self.lanyard.setFont(big_font(20, bold=True))
        self.lanyard.setAccessibleName("lanyard")
        self.policy = QTextBrowser()   # the safeguarding policy, read together at the desk
        self.policy.setAccessibleName("safeguarding policy")
        self.policy.setFont(big_font(14))
        self.policy.setStyleSheet("QTextBrowser { background: white; color: #1C232B; border-radius: 8px; padding: 8px; }")
        self.policy.setVisible(False)
        self.actions = QHBoxLayout()
        self.actions.addStretch(1)

        head = QHBoxLayout()
        head.addWidget(self.icon, 0, Qt.AlignTop)
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.name)
        head.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addLayout(head)
        layout.addWidget(self.detail)
        layout.addWidget(self.lanyard)
        layout.addWidget(self.policy, 20)   # the policy takes the card's free height
        layout.addStretch(1)
        layout.addLayout(self.actions)

    def show_look(self, look: Look, name: str, detail: str, lanyard: str = "") -> None:
        if getattr(self, "_colour", None) != look.colour:
            # A style sheet re-polishes every child (~2 ms): only when the colour really changes.
            self._colour = look.colour
            self.setStyleSheet(f"#resultCard {{ background: {look.colour}; border-radius: 14px; }}"
                               f"#resultCard QLabel {{ color: white; }}")
        self.icon.set_shape(look.icon)
        self.title.setText(look.title)
        self.name.setText(name)
        self.name.setVisible(bool(name))
        self.detail.setText(detail)
        self.lanyard.setText(lanyard)
        self.lanyard.setVisible(bool(lanyard))
        self.show_policy("")

    def show_policy(self, markdown: str) -> None:
        if markdown:
            # The card's title already names the policy: its own top heading would only shout.
            lines = markdown.strip().splitlines()
            if lines and lines[0].startswith("# "):
                lines = lines[1:]
            self.policy.setMarkdown("\n".join(lines).replace("\n## ", "\n#### "))
        self.policy.setVisible(bool(markdown))
