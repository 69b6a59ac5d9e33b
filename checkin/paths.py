"""Where files are: the bundled assets (next to the package, or inside the frozen bundle), and
writing an output file whole."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
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
    """Write a whole file or nothing: a crash or a full disk never leaves half a PDF or export.

    The bytes go to a private temporary file made next to the target by `mkstemp` (O_EXCL and
    O_NOFOLLOW: a planted `FILE.part` symlink is never followed; mode 0600, since exports hold
    children's data), flushed to disk, then renamed over the target; on any failure it is removed."""
    target = Path(path)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            raise InputError(f"disk full: cannot write {target.name}: free some space and try again; nothing was "
                             "written") from None
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return target
