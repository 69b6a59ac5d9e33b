"""The layout's rules, read from the source with ast: the core never imports Qt or the window; the
window never touches the database (no store, no database library, no SQL); imports at the top of
core modules unless a comment says why; no import cycles among the core's modules."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "checkin"
UI = ROOT / "ui"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")
DATABASE = ("peewee", "playhouse", "sqlite3", "sqlcipher3", "psycopg", "psycopg2", "checkin.store")
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|"
                 r"DROP\s+TABLE|ALTER\s+TABLE|PRAGMA\s)", re.IGNORECASE | re.DOTALL)


def imports(path: Path):
    """(line, module) for every import, at any depth; `from a import b` also yields a.b (b may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def under(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_there_are_modules_to_check():
    assert len(list(CORE.rglob("*.py"))) >= 40 and len(list(UI.rglob("*.py"))) >= 20


def test_core_never_imports_qt_nor_the_window():
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in CORE.rglob("*.py") for line, name in imports(path)
                 if under(name, QT + ("ui",))]
    assert offenders == []


def test_the_rule_catches_an_import_of_the_window(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def run():\n    from ui.app import run_app\n    import ui\n", encoding="utf-8")
    assert [name for _, name in imports(sneaky) if under(name, ("ui",))] == ["ui.app", "ui.app.run_app", "ui"]


def test_views_never_touch_the_database():
    """ui/ calls the core; the store, the database library and SQL stay behind it."""
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {name}"
                 for path in UI.rglob("*.py") for line, name in imports(path) if under(name, DATABASE)]
    assert offenders == []


def test_views_hold_no_sql():
    offenders = []
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value[:60]!r}")
    assert offenders == []
    assert SQL.search("select id from attendee where event_id = ?") and not SQL.search("Select the session run")


def test_core_imports_sit_at_the_top_unless_a_comment_says_why():
    offenders = []
    for path in CORE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    own = lines[node.lineno - 1:node.end_lineno]
                    above = node.lineno - 2          # a comment may head a block of such imports
                    while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                        above -= 1
                    said = above >= 0 and lines[above].strip().startswith("#")
                    if not any("#" in line for line in own) and not said:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {lines[node.lineno - 1].strip()}")
    assert offenders == []
    cli = (CORE / "cli.py").read_text(encoding="utf-8")
    assert not [n for f in ast.walk(ast.parse(cli)) if isinstance(f, ast.FunctionDef)
                for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]


def core_graph() -> dict[str, set[str]]:
    """module -> the core modules it imports (at any depth: a function-level import is still a use)."""
    modules = {}
    for path in CORE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {}
    for name, path in modules.items():
        # `from checkin.x import y` yields checkin.x and checkin.x.y: whichever are modules are edges
        graph[name] = {imported for _, imported in imports(path) if imported in modules and imported != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_among_core_modules():
    graph = core_graph()
    assert len(graph) >= 40 and graph["checkin.stations.station"]
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
