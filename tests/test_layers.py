"""The folders are the layers, and imports only point inward: cli → interactive → render →
files → core. The core reads no files, prints nothing and asks nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ownerdiag"

ALLOWED = {
    "core": {"core", "errors"},
    "files": {"core", "errors", "files", "__version__"},
    "render": {"core", "errors", "files", "render", "__version__"},
    "interactive": {"core", "errors", "files", "render", "interactive", "__version__"},
    "cli": {"core", "errors", "files", "render", "interactive", "cli", "__version__"},
}
"""Layer -> what its modules may import from ownerdiag (``__version__`` is the package's)."""

EDGE_LIBRARIES = {
    "os", "sys", "io", "pathlib", "shutil", "subprocess", "tempfile", "glob", "time",
    "rich", "questionary", "prompt_toolkit", "typer", "click", "yaml", "jinja2",
}  # fmt: skip
"""What the core never imports: files, terminals, prompts, clocks and the command line."""


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in ``path``, ``from x import y`` as ``x.y``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if parts[0] == "ownerdiag" and len(parts) > 1 else None


def modules(layer: str) -> list[Path]:
    return sorted((SRC / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_point_inward(layer: str):
    wrong = [
        f"{path.relative_to(SRC)}:{line} imports {name}"
        for path in modules(layer)
        for line, name in imports(path)
        if layer_of(name) is not None and layer_of(name) not in ALLOWED[layer]
    ]
    assert wrong == []


def test_the_core_touches_no_files_terminals_or_clocks():
    wrong = [
        f"{path.relative_to(SRC)}:{line} imports {name}"
        for path in modules("core")
        for line, name in imports(path)
        if name.split(".")[0] in EDGE_LIBRARIES
    ]
    assert wrong == []
    calls = [
        f"{path.relative_to(SRC)}:{node.lineno} calls {called(node)}"
        for path in modules("core")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and called(node) in {"open", "print", "input", "now", "today"}
    ]
    assert calls == []


def called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def test_the_rule_catches_a_wrong_import(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("from ownerdiag.files.yamlio import read_yaml\nimport rich\n")
    names = [layer_of(name) for _, name in imports(bad)]
    assert "files" in names and "files" not in ALLOWED["core"]


def test_every_module_sits_in_a_layer():
    loose = {p.name for p in SRC.glob("*.py")} - {"__init__.py", "__main__.py", "errors.py"}
    assert loose == set()


@pytest.mark.parametrize("example", ["outbound", "revenue-leadership", "ceo-cro"])
def test_every_item_lands_in_exactly_one_report_table_or_the_quotes(example: str):
    from ownerdiag.files.collect import compare_files
    from ownerdiag.render.labels import sections

    folder = Path(__file__).resolve().parents[1] / "examples" / example
    comparison = compare_files(sorted(folder.glob("*.yaml")), None, None, False)
    tabled = [item.question.id for _, _, items in sections(comparison) for item in items]
    quoted = [item.question.id for item in comparison.items if item.question.quoted]
    assert sorted(tabled + quoted) == sorted(q.id for q in comparison.bank.questions)
