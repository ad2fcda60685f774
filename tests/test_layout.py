"""The package's shape: no import circles, no module over 400 lines, and check never reaches for the builder."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sitegen"
LIMIT = 400
BUDGET = 5000  # lines of Python in sitegen/ outside the ingest and curate packages
# Modules over the limit today, at most this long: they may shrink, never grow.
OVER_TODAY: dict[str, int] = {}


def modules() -> dict[str, Path]:
    """Dotted name → file of every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, wherever in it the import statement stands."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # from . import x, from ..render import y
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            # ``from pkg import mod`` takes a module, not a name defined in pkg's __init__
            names_of_base = any(sub not in known for sub in submodules)
            targets = ([base] if names_of_base else []) + submodules
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_through_others() -> None:
    assert circles(graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_imports_are_found_wherever_they_stand(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text("import sitegen.model\ndef f():\n    from sitegen.render import pages\n    from . import site\n")
    known = {"sitegen", "sitegen.model", "sitegen.render", "sitegen.render.pages", "sitegen.site", "sitegen.x"}
    found = imports("sitegen.x", path, known)
    assert found == {"sitegen.model", "sitegen.render.pages", "sitegen.site"}


def test_no_module_is_over_400_lines() -> None:
    for name, path in modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= OVER_TODAY.get(name, LIMIT), f"{path.relative_to(PACKAGE.parent)} has {lines} lines"


def test_the_core_stays_within_its_line_budget() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if not {"ingest", "curate"} & set(p.relative_to(PACKAGE).parts)]
    total = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in core)
    assert len(core) >= 30 and total <= BUDGET, (
        f"sitegen/ outside ingest/ and curate/ has {total} lines ({BUDGET} at most)"
    )


def test_check_and_the_stages_never_import_the_builder_or_the_preview() -> None:
    edges = graph()
    for name, targets in edges.items():
        if name.startswith(("sitegen.build", "sitegen.cli", "sitegen.serve", "sitegen.__main__")):
            continue
        assert not {t for t in targets if t in ("sitegen.build", "sitegen.cli") or t.startswith("sitegen.serve")}, name
