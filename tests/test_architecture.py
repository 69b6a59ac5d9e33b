"""The core never imports Qt: walk every module's imports with ast."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "checkin"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_has_modules_to_check():
    assert len(list(CORE.rglob("*.py"))) >= 10


def test_core_never_imports_qt():
    offenders = [
        f"{path.relative_to(CORE.parent)} imports {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in QT
    ]
    assert offenders == []


def test_views_never_touch_the_database_library():
    """ui/ calls the core; SQL, models and the database library stay behind it."""
    ui = CORE.parent / "ui"
    offenders = [
        f"{path.relative_to(CORE.parent)} imports {name}"
        for path in ui.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in ("peewee", "playhouse", "sqlite3", "psycopg")
    ]
    assert len(list(ui.rglob("*.py"))) >= 10 and offenders == []
