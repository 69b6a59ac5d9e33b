"""Writes the desk's short sounds to assets/sounds/*.wav (mono, 22.05 kHz, 16-bit).

Each outcome family has its own shape, not just its own pitch, so the desk can tell them apart
without looking: welcome rises, notice is one tone, attention repeats, refused falls, alert
alternates.
"""

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"

SHAPES = {
    "welcome": [(660, 0.09), (0, 0.02), (880, 0.14)],
    "notice": [(740, 0.16)],
    "attention": [(880, 0.08), (0, 0.06), (880, 0.08), (0, 0.06), (880, 0.08)],
    "refused": [(440, 0.12), (0, 0.02), (330, 0.22)],
    "alert": [(988, 0.1), (740, 0.1), (988, 0.1), (740, 0.1), (988, 0.1)],
}


def tone(freq: float, seconds: float) -> list[int]:
    n = int(RATE * seconds)
    fade = int(RATE * 0.008)
    out = []
    for i in range(n):
        env = min(1.0, i / fade, (n - i) / fade) if fade else 1.0
        out.append(int(0.45 * 32767 * env * math.sin(2 * math.pi * freq * i / RATE)) if freq else 0)
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, parts in SHAPES.items():
        samples = [s for f, d in parts for s in tone(f, d)]
        with wave.open(str(OUT / f"{name}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(struct.pack(f"<{len(samples)}h", *samples))
        print(name, len(samples) / RATE, "s")


if __name__ == "__main__":
    main()
