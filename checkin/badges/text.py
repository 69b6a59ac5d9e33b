"""Names in any ASEAN script on a badge: script runs, a bundled font per run, HarfBuzz shaping,
and fitting into a box (shrink, then two lines at a space) so nothing is clipped or overflows.

reportlab shapes through uharfbuzz only when it is handed a shaped string: `drawString(...,
shaping=True)` silently needs `rlbidi`, which is not installed, so each run goes through
`shapeStr` here. Shape data is kept per 1000 units of font size, so one shaping serves every size.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr

from checkin.paths import assets_dir

# script -> (regular file, bold file or None, subfont index)
FONT_FILES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0),
    "thai": ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", 0),
    "lao": ("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf", 0),
    "khmer": ("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", 0),
    "myanmar": ("NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf", 0),
    "cjk": ("wqy-microhei.ttc", None, 0),  # TrueType outlines; Noto CJK is CFF, which reportlab refuses
}
_FALLBACK_ORDER = ("latin", "cjk", "thai", "lao", "khmer", "myanmar")
_RANGES = (
    (0x0E00, 0x0E7F, "thai"), (0x0E80, 0x0EFF, "lao"), (0x1000, 0x109F, "myanmar"),
    (0xA9E0, 0xA9FF, "myanmar"), (0xAA60, 0xAA7F, "myanmar"), (0x1780, 0x17FF, "khmer"),
    (0x19E0, 0x19FF, "khmer"), (0x1100, 0x11FF, "cjk"), (0x2E80, 0x303F, "cjk"), (0x3040, 0x9FFF, "cjk"),
    (0xA960, 0xA97F, "cjk"), (0xAC00, 0xD7AF, "cjk"), (0xF900, 0xFAFF, "cjk"), (0xFE30, 0xFE4F, "cjk"),
    (0xFF00, 0xFFEF, "cjk"), (0x20000, 0x3FFFF, "cjk"),
)
LINE_GAP = 0.08  # extra leading between two name lines, as a share of the size

# reportlab's font registry and its shaping add glyphs to shared font objects: one renderer at a time.
render_lock = threading.RLock()


def font_name(script: str, bold: bool = False) -> str:
    regular, bold_file, _ = FONT_FILES[script]
    weight = "Bold" if bold and bold_file else "Regular"
    return f"Badge-{script}-{weight}"


@lru_cache(maxsize=None)
def _register(name: str) -> TTFont:
    script, weight = name.split("-")[1:]
    regular, bold_file, index = FONT_FILES[script]
    path = assets_dir() / "fonts" / (bold_file if weight == "Bold" else regular)
    font = TTFont(name, str(path), subfontIndex=index)
    pdfmetrics.registerFont(font)
    return font


def font(name: str) -> TTFont:
    with render_lock:
        return _register(name)


def register_all() -> None:
    for script, (_, bold_file, _) in FONT_FILES.items():
        font(font_name(script))
        if bold_file:
            font(font_name(script, True))


def script_of(ch: str) -> str | None:
    """The script a character asks for; None for shared characters (spaces, digits, marks, punctuation)."""
    cp = ord(ch)
    for lo, hi, script in _RANGES:
        if lo <= cp <= hi:
            return script
    if unicodedata.category(ch)[0] == "L":
        return "latin"
    return None


def _covers(script: str, ch: str) -> bool:
    return ord(ch) in font(font_name(script)).face.charToGlyph


def script_runs(text: str) -> list[tuple[str, str]]:
    """Split into (script, text) runs. Shared characters join the run before them (the one after,
    at the start), so a mark stays with its base letter and a space does not start a run."""
    runs: list[list] = []
    pending = ""
    for ch in text:
        script = script_of(ch)
        if script is not None and not _covers(script, ch):
            script = next((s for s in _FALLBACK_ORDER if _covers(s, ch)), script)
        if script is None:
            # A bracket or comma after a Myanmar, Thai or Lao name: those fonts lack it, so it
            # waits for the next run (or a Latin one) instead of printing as a missing glyph.
            if runs and not pending and _covers(runs[-1][0], ch):
                runs[-1][1] += ch
            else:
                pending += ch
            continue
        if pending and not all(_covers(script, c) for c in pending):
            runs.append(["latin", pending])    # a comma between two Thai words: Latin font
            pending = ""
        if runs and runs[-1][0] == script:
            runs[-1][1] += pending + ch
        else:
            runs.append([script, pending + ch])
        pending = ""
    if pending:
        if runs and runs[-1][0] == "latin":
            runs[-1][1] += pending
        else:
            runs.append(["latin", pending])
    return [(s, t) for s, t in runs]


@dataclass(frozen=True)
class Run:
    font: str
    text: str           # shaped: glyphs as reportlab's private characters, with positions
    width: float        # at size 1
    ascent: float       # at size 1, from the font's own metrics
    descent: float      # at size 1, negative
    embolden: bool = False  # bold asked of a font with no bold weight: drawn with a thin outline


@dataclass(frozen=True)
class Line:
    runs: tuple[Run, ...]
    width: float
    ascent: float
    descent: float

    def height(self, size: float) -> float:
        return (self.ascent - self.descent) * size


def _ink(ttf: TTFont, shaped: str, offsets: list[float]) -> tuple[float, float]:
    """Highest and lowest ink of the shaped glyphs, per 1000 units. Fonts' declared ascent is not
    a bound: ideographs rise above Micro Hei's, and stacked marks go below Myanmar's."""
    hb_font = ttf.hbFont(1000)
    upem = ttf.hbFace.upem
    cmap = ttf.face.charToGlyph
    top, bottom = 0.0, 0.0
    for ch, dy in zip(shaped, offsets):
        ext = hb_font.get_glyph_extents(cmap[ord(ch)])
        if ext is None or not ext.height:
            continue
        top = max(top, ext.y_bearing * 1000 / upem + dy)
        bottom = min(bottom, (ext.y_bearing + ext.height) * 1000 / upem + dy)
    return top, bottom


@lru_cache(maxsize=20000)
def _shaped(text: str, name: str) -> Run:
    ttf = font(name)
    with render_lock:
        shaped = shapeStr(text, name, 10)
        if isinstance(shaped, ShapedStr):
            width = sum(sd.x_advance for sd in shaped.__shapeData__) / 1000
            offsets = [sd.y_offset for sd in shaped.__shapeData__]
        else:
            width = pdfmetrics.stringWidth(shaped, name, 1)
            offsets = [0.0] * len(shaped)
        top, bottom = _ink(ttf, shaped, offsets)
    ascent = max(ttf.face.ascent, top) / 1000
    descent = min(ttf.face.descent, bottom) / 1000
    return Run(name, shaped, width, ascent, descent)


def clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@lru_cache(maxsize=20000)
def line(text: str, bold: bool = False) -> Line:
    runs = tuple(_shaped(t, font_name(s, bold)) for s, t in script_runs(clean(text)))
    if bold:
        runs = tuple(replace(r, embolden=True) if r.font.endswith("-Regular") else r for r in runs)
    if not runs:
        return Line((), 0.0, 0.0, 0.0)
    return Line(runs, sum(r.width for r in runs), max(r.ascent for r in runs), min(r.descent for r in runs))


@dataclass(frozen=True)
class Fitted:
    lines: tuple[Line, ...]
    size: float
    texts: tuple[str, ...]

    @property
    def height(self) -> float:
        gaps = LINE_GAP * self.size * (len(self.lines) - 1)
        return sum(ln.height(self.size) for ln in self.lines) + gaps

    @property
    def width(self) -> float:
        return max((ln.width * self.size for ln in self.lines), default=0.0)


def _fit_size(lines: list[Line], width: float, height: float, max_size: float) -> float:
    widest = max((ln.width for ln in lines), default=0.0)
    tall = sum(ln.ascent - ln.descent for ln in lines) + LINE_GAP * (len(lines) - 1)
    size = max_size
    if widest > 0:
        size = min(size, width / widest)
    if tall > 0:
        size = min(size, height / tall)
    return size


def _cluster_breaks(word: str) -> list[int]:
    """Where a word with no spaces (Thai, Khmer, a long CJK name) may break: before a base letter,
    never inside a cluster (a mark, a Khmer subscript after its coeng, a Myanmar stacked consonant,
    or right after a Thai or Lao vowel written before its consonant)."""
    points = []
    for i in range(1, len(word)):
        ch, before = word[i], word[i - 1]
        if unicodedata.category(ch)[0] != "L" or before in _JOINERS or "\u0e40" <= before <= "\u0e44" \
                or "\u0ec0" <= before <= "\u0ec4" or script_of(ch) == script_of(before) == "latin":
            continue
        points.append(i)
    return points


_JOINERS = {"\u17d2", "\u1039", "\u200d"}   # Khmer coeng, Myanmar virama, zero-width joiner


def fit(text: str, width: float, height: float, *, max_size: float, shrink_to: float, bold: bool = False,
        max_lines: int = 2, min_size: float = 0.0) -> Fitted:
    """The largest size at which `text` fits the box: one line down to `shrink_to`, then the best
    break at a space into two lines; below that it keeps shrinking rather than overflow, down to
    `min_size`, where a word with no space breaks between two clusters, and as a last resort the
    lines are shortened with an ellipsis rather than printed smaller. A Latin word never breaks."""
    text = clean(text)
    one = [line(text, bold)]
    best = Fitted(tuple(one), _fit_size(one, width, height, max_size), (text,))
    if best.size >= shrink_to or max_lines < 2:
        return _floored(best, width, min_size, bold)
    candidates = [(" ".join(text.split(" ")[:i]), " ".join(text.split(" ")[i:])) for i in range(1, text.count(" ") + 1)]
    if not candidates:   # one long word (Thai, Khmer, Chinese write no spaces inside a name)
        candidates = [(text[:i], text[i:]) for i in _cluster_breaks(text)]
    two_lines = None
    for parts in candidates:
        two = [line(p, bold) for p in parts]
        size = _fit_size(two, width, height, max_size)
        widest = max(ln.width for ln in two)
        # The largest size wins; at the same size (the box's height decides), the evener break.
        if size > best.size * 1.0001 or (two_lines is not None and size >= best.size * 0.9999
                                          and widest < two_lines):
            best, two_lines = Fitted(tuple(two), size, parts), widest
    return _floored(best, width, min_size, bold)


def _floored(fitted: Fitted, width: float, min_size: float, bold: bool) -> Fitted:
    if fitted.size >= min_size:
        return fitted
    texts = tuple(truncate(t, width, min_size, bold) for t in fitted.texts)
    return Fitted(tuple(line(t, bold) for t in texts), min_size, texts)


def draw_line(canvas, ln: Line, x: float, baseline: float, size: float, *, align: str = "left",
              box_width: float = 0.0) -> None:
    if align == "centre":
        x += (box_width - ln.width * size) / 2
    elif align == "right":
        x += box_width - ln.width * size
    for run in ln.runs:
        canvas.setFont(run.font, size)
        if run.embolden:
            canvas.saveState()
            canvas.setStrokeColor(canvas._fillColorObj)
            canvas.setLineWidth(size * 0.035)
            canvas.drawString(x, baseline, run.text, mode=2)
            canvas.restoreState()
        else:
            canvas.drawString(x, baseline, run.text)
        x += run.width * size


def draw_fitted(canvas, fitted: Fitted, x: float, top: float, box_width: float, *, align: str = "left") -> float:
    """Draw from `top` down; returns the y below the last line."""
    y = top
    for i, ln in enumerate(fitted.lines):
        if i:
            y -= LINE_GAP * fitted.size
        y -= ln.ascent * fitted.size
        draw_line(canvas, ln, x, y, fitted.size, align=align, box_width=box_width)
        y += ln.descent * fitted.size
    return y


def truncate(text: str, width: float, size: float, bold: bool = False) -> str:
    """Shorten to fit one line at `size`, at a word where possible, with an ellipsis."""
    text = clean(text)
    if line(text, bold).width * size <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:-–") + "…"
        if line(candidate, bold).width * size <= width:
            return candidate
    chars = text
    while chars:
        chars = chars[:-1]
        candidate = chars + "…"
        if line(candidate, bold).width * size <= width:
            return candidate
    return ""


def glyph_ids(ln: Line) -> list[int]:
    """The glyphs reportlab will draw for a line, as the fonts' glyph ids (for checks against HarfBuzz)."""
    ids = []
    for run in ln.runs:
        cmap = font(run.font).face.charToGlyph
        ids.extend(cmap[ord(c)] for c in run.text)
    return ids


def wrap(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Greedy word wrap at `size`; the last line is shortened with an ellipsis if text is left over."""
    words = clean(text).split(" ")
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if not current or line(candidate, bold).width * size <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            current = ""
            lines[-1] = truncate(" ".join([lines[-1], *words[i:]]), width, size, bold)
            break
    if current:
        lines.append(current)
    return [ln if line(ln, bold).width * size <= width else truncate(ln, width, size, bold) for ln in lines]
