"""Where files are: the bundled assets (next to the package, or inside the frozen bundle), and
writing an output file whole."""

from __future__ import annotations

import sys
from pathlib import Path

from checkin.errors import InputError


def assets_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def demo_event_file() -> Path:
    return assets_dir() / "events" / "aif-2025" / "event.toml"


def write_atomically(path: str | Path, data: bytes) -> Path:
    """Write a whole file or nothing: a crash or a full disk never leaves half a PDF or export."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return target
