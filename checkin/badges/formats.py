"""Badge formats: the size of one badge, the sheet it prints on, and how big its parts may be."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch, mm

from checkin.errors import InputError


@dataclass(frozen=True)
class BadgeFormat:
    key: str
    label: str
    width: float           # one badge face, in points
    height: float
    sheet: tuple[float, float]   # the PDF page
    margin: float          # safe margin inside a face
    qr_target: float       # the QR's white square (code and its 4-module quiet zone) where the layout allows it
    max_name: float        # largest name size, points
    two_sided: bool        # front and back as two pages (else one page, see `fold` and `per_sheet`)
    fold: bool = False     # front and back side by side on one sheet, folded in the middle
    per_sheet: int = 1     # badges per sheet (crop marks when more than one)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def base(self) -> float:
        """A size unit that scales text with the badge (1.0 on A6)."""
        return min(self.width / (105 * mm), self.height / (148 * mm)) ** 0.7


A6 = (105 * mm, 148 * mm)
FORMATS = {
    "a6": BadgeFormat("a6", "A6 (105 × 148 mm), front and back", *A6, A6, 6 * mm, 52 * mm, 34, True),
    "a6-fold": BadgeFormat("a6-fold", "A6 fold-over on one A5 sheet", *A6, (210 * mm, 148 * mm), 6 * mm,
                           52 * mm, 34, False, fold=True),
    "cr80": BadgeFormat("cr80", "CR80 card (54 × 85.6 mm), front and back", 54 * mm, 85.6 * mm,
                        (54 * mm, 85.6 * mm), 3 * mm, 34 * mm, 20, True),
    "4x3": BadgeFormat("4x3", "4 × 3 in insert, front and back", 4 * inch, 3 * inch, (4 * inch, 3 * inch),
                       5 * mm, 42 * mm, 30, True),
    "label62": BadgeFormat("label62", "62 mm roll label (62 × 100 mm), front and back", 62 * mm, 100 * mm,
                           (62 * mm, 100 * mm), 3 * mm, 40 * mm, 22, True),
    "a4-4up": BadgeFormat("a4-4up", "A4 sheet of four A6 badges with crop marks", *A6, (210 * mm, 297 * mm),
                          7 * mm, 50 * mm, 34, True, per_sheet=4),
}
FORMAT_KEYS = tuple(FORMATS)


def get_format(key: str) -> BadgeFormat:
    try:
        return FORMATS[key.strip().lower()]
    except (KeyError, AttributeError):
        raise InputError(f"unknown badge format {key!r}: use one of {', '.join(FORMAT_KEYS)}") from None
