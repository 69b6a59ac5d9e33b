"""Makes the made-up brand of the sample event in tests/fixtures/brand/: a logo (SVG and PNG)
and a sponsor strip (PNG). "Lotus Bay Forum" and its sponsors are invented: no real
organisation's mark is copied. Run: .venv/bin/python scripts/make_badge_brand.py [OUT_DIR]
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"
TEAL, CORAL, SUN, INK = "#0b5563", "#e4572e", "#f2a541", "#1a1a1a"


def petals(cx: float, cy: float, r: float) -> list[list[tuple[float, float]]]:
    """Five lotus petals (pointed ovals) fanned upwards, as polygons."""
    shapes = []
    for angle in (-60, -30, 0, 30, 60):
        a = math.radians(angle)
        pts = []
        for i in range(24):
            t = i / 23 * math.pi
            along, across = r * (1 - math.cos(t)) / 2, r * 0.22 * math.sin(t)
            pts.append((along, across))
        pts += [(x, -y) for x, y in reversed(pts)]
        shapes.append([(cx + x * math.sin(a) + y * math.cos(a), cy - x * math.cos(a) + y * math.sin(a))
                       for x, y in pts])
    return shapes


def svg_logo() -> str:
    paths = []
    for i, shape in enumerate(petals(60, 92, 70)):
        colour = CORAL if i == 2 else (SUN if i in (1, 3) else TEAL)
        d = "M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in shape) + " Z"
        paths.append(f'<path d="{d}" fill="{colour}"/>')
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120" viewBox="0 0 360 120">
  {''.join(paths)}
  <rect x="18" y="98" width="84" height="8" rx="4" fill="{TEAL}"/>
  <text x="124" y="58" font-family="Helvetica" font-weight="bold" font-size="40" fill="{TEAL}">Lotus Bay</text>
  <text x="126" y="98" font-family="Helvetica" font-size="30" fill="{INK}">Forum 2026</text>
</svg>
"""


def png_logo(scale: int = 4) -> Image.Image:
    im = Image.new("RGBA", (360 * scale, 120 * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(im)
    for i, shape in enumerate(petals(60 * scale, 92 * scale, 70 * scale)):
        draw.polygon(shape, fill=CORAL if i == 2 else (SUN if i in (1, 3) else TEAL))
    draw.rounded_rectangle((18 * scale, 98 * scale, 102 * scale, 106 * scale), 4 * scale, fill=TEAL)
    bold = ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), 40 * scale)
    regular = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 30 * scale)
    draw.text((124 * scale, 58 * scale), "Lotus Bay", font=bold, fill=TEAL, anchor="ls")
    draw.text((126 * scale, 98 * scale), "Forum 2026", font=regular, fill=INK, anchor="ls")
    return im


def sponsor_strip(scale: int = 3) -> Image.Image:
    """Three invented sponsors' marks in a row on white."""
    w, h = 900 * scale, 80 * scale
    im = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), 22 * scale)
    small = ImageFont.truetype(str(FONTS / "NotoSans-Regular.ttf"), 14 * scale)
    draw.text((8 * scale, 10 * scale), "Supported by", font=small, fill="#5f6368")
    marks = [("Kite Telecom", "#3d5a80", "circle"), ("Bamboo Labs", "#2a9d8f", "square"),
             ("Riverstone Fund", "#9c6644", "diamond")]
    x = 20 * scale
    for name, colour, shape in marks:
        y = 48 * scale
        r = 13 * scale
        box = (x, y - r, x + 2 * r, y + r)
        if shape == "circle":
            draw.ellipse(box, fill=colour)
        elif shape == "square":
            draw.rounded_rectangle(box, 5 * scale, fill=colour)
        else:
            draw.polygon([(x + r, y - r), (x + 2 * r, y), (x + r, y + r), (x, y)], fill=colour)
        draw.text((x + 2 * r + 8 * scale, y), name, font=font, fill=colour, anchor="lm")
        x += 2 * r + 8 * scale + font.getlength(name) + 30 * scale
    return im.crop((0, 0, min(w, int(x)), h))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "brand"
    out.mkdir(parents=True, exist_ok=True)
    (out / "logo.svg").write_text(svg_logo(), encoding="utf-8")
    png_logo().save(out / "logo.png", optimize=True)
    sponsor_strip().save(out / "sponsors.png", optimize=True)
    print(f"wrote logo.svg, logo.png and sponsors.png in {out}")


if __name__ == "__main__":
    main()
