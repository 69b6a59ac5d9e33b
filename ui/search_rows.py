"""The desk's search results: two lines a person, in any script.

Line one is the name, line two the organisation with the registration id at its right end: the id
is always drawn whole, the organisation gives way ("…") when the row is narrow. Each line is as
tall as the fonts its characters come from need (`ui.fonts.line_extent`): a Myanmar name's stacks,
Thai tone marks and Khmer subscripts are never cut, and a Latin row is not padded for them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.fonts import line_extent

NAME_ROLE = Qt.UserRole + 1
ORGANISATION_ROLE = Qt.UserRole + 2     # Qt.UserRole itself holds the registration id
PAD = 6.0
GAP = 14.0


class SearchRowDelegate(QStyledItemDelegate):
    def __init__(self, name_font: QFont, detail_font: QFont, parent=None):
        super().__init__(parent)
        self.name_font, self.detail_font = name_font, detail_font

    @staticmethod
    def _texts(index) -> tuple[str, str, str]:
        return (index.data(NAME_ROLE) or "", index.data(ORGANISATION_ROLE) or "", index.data(Qt.UserRole) or "")

    def _lines(self, index) -> tuple[tuple[float, float], tuple[float, float]]:
        name, organisation, reg = self._texts(index)
        return line_extent(self.name_font, name), line_extent(self.detail_font, f"{organisation} {reg}")

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        (a1, d1), (a2, d2) = self._lines(index)
        return QSize(max(option.rect.width(), 100), int(PAD + a1 + d1 + a2 + d2 + PAD + 1.999))

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)   # background, selection, focus
        (a1, d1), (a2, _d2) = self._lines(index)
        rect = QRectF(opt.rect).adjusted(PAD + 2, PAD, -PAD - 2, 0)
        name, organisation, reg = self.shown(index, rect.width())
        selected = bool(opt.state & QStyle.State_Selected)
        painter.save()
        painter.setPen(opt.palette.color(QPalette.HighlightedText if selected else QPalette.Text))
        painter.setFont(self.name_font)
        painter.drawText(QPointF(rect.left(), rect.top() + a1), name)
        painter.setFont(self.detail_font)
        baseline = rect.top() + a1 + d1 + a2
        painter.drawText(QPointF(rect.right() - QFontMetricsF(self.detail_font).horizontalAdvance(reg), baseline), reg)
        if organisation:
            painter.drawText(QPointF(rect.left(), baseline), organisation)
        painter.restore()

    def shown(self, index, width: float) -> tuple[str, str, str]:
        """(name, organisation, registration id) as drawn in `width`: the id whole, the others cut with "…"."""
        name, organisation, reg = self._texts(index)
        detail = QFontMetricsF(self.detail_font)
        room = width - detail.horizontalAdvance(reg) - GAP
        return (QFontMetricsF(self.name_font).elidedText(name, Qt.ElideRight, width),
                detail.elidedText(organisation, Qt.ElideRight, room) if room > 0 else "", reg)
