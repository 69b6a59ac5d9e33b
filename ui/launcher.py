"""The `checkin` command: `checkin app` opens the window, every other command is the core's CLI.

The core never imports the window, so the window is handed to the CLI here, as the one callable
that runs it. Qt is imported only when `app` is asked for: the other commands start without it.
"""

from __future__ import annotations

from checkin import cli


def run_window(args) -> int:
    # Imported here, not at the top: the other commands must not pay for loading Qt.
    from ui.app import run_app

    return run_app(getattr(args, "db", None), demo=args.demo, screenshot_dir=args.screenshot,
                   station_name=getattr(args, "station", None), kiosk=getattr(args, "kiosk", False))


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, run_window=run_window)
