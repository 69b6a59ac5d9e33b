"""Draws the app icon (a badge on a lanyard clip with a check mark) to assets/icons/checkin.png.

Run: .venv/bin/python scripts/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons" / "checkin.png"


def main() -> None:
    size = 256
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((40, 30, 216, 236), radius=28, fill="#1F5FA8")        # the badge
    d.rounded_rectangle((100, 14, 156, 50), radius=10, fill="#4A5560")        # the clip
    d.rounded_rectangle((112, 24, 144, 36), radius=5, fill=(0, 0, 0, 0))
    d.rectangle((40, 170, 216, 206), fill="#1B7F3B")                          # the role band
    d.line((82, 104, 118, 140, 178, 72), fill="white", width=22, joint="curve")  # the check
    img.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
