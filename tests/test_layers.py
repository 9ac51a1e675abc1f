"""The folders are the layers, and imports only point inward: cli → app → interactive → render
→ files → core (import-linter contracts in pyproject.toml). The core reads no files, prints
nothing and asks nothing; the command line only declares and delegates."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ownerdiag"

EDGE_LIBRARIES = {
    "os", "sys", "io", "pathlib", "shutil", "subprocess", "tempfile", "glob", "time",
    "rich", "questionary", "prompt_toolkit", "typer", "click", "yaml", "jinja2",
}  # fmt: skip
"""What the core never imports: files, terminals, prompts, clocks and the command line."""

LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
REPO = SRC.parents[1]


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in ``path``, ``from x import y`` as ``x.y``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def modules(layer: str) -> list[Path]:
    return sorted((SRC / layer).rglob("*.py"))


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the contracts in pyproject.toml, over the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    config = str(REPO / "pyproject.toml")
    return subprocess.run(
        [LINT_IMPORTS, "--config", config, "--no-cache"],
        capture_output=True, text=True, env=env, cwd=src, timeout=120, check=False,
    )  # fmt: skip


def test_the_layer_contracts_hold():
    result = lint_imports(SRC.parent)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("core/text.py", "from ownerdiag.files import yamlio\n"),
        ("cli/exits.py", "from ownerdiag.render import console\n"),
        ("core/verdicts.py", "import rich\n"),
    ],
)
def test_the_contracts_catch_a_wrong_import(tmp_path: Path, module: str, line: str):
    copy = tmp_path / "src"
    shutil.copytree(SRC, copy / "ownerdiag")
    path = copy / "ownerdiag" / module
    path.write_text(line + path.read_text())
    assert lint_imports(copy).returncode != 0


CLI_FORBIDDEN_CALLS = {
    "open", "read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "unlink",
    "iterdir", "glob", "rglob", "print",
}  # fmt: skip
MAX_COMMAND_BODY = 15


def _command_bodies() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in modules("cli"):
        for node in ast.walk(ast.parse(path.read_text())):
            decorated = isinstance(node, ast.FunctionDef) and any(
                "command" in ast.unparse(d) for d in node.decorator_list
            )
            if decorated:
                found.append((f"{path.relative_to(SRC)}:{node.name}", node))
    return found


def test_the_command_line_only_declares_and_delegates():
    calls = [
        f"{path.relative_to(SRC)}:{node.lineno} calls {called(node)}"
        for path in modules("cli")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and called(node) in CLI_FORBIDDEN_CALLS
    ]
    assert calls == []
    bodies = _command_bodies()
    assert len(bodies) >= 15  # every command is seen
    too_long = []
    for where, node in bodies:
        body = node.body[1:] if ast.get_docstring(node) else node.body
        lines = body[-1].end_lineno - body[0].lineno + 1  # type: ignore[operator]
        if lines > MAX_COMMAND_BODY:
            too_long.append(f"{where}: {lines} lines")
    assert too_long == []


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


THE_READER = {"files/yamlio.py", "files/storage.py"}
"""The one careful reader (regular files only, capped in size) and the one writer."""
RAW_READS = {
    "read_bytes",
    "read_text",
    "open",
    "fdopen",
    "os.open",
    "io.open",
    "json.loads",
    "os.read",
}
NOT_READS = {
    ("interactive/prompts.py", 'open("/dev/tty", "w"'): "the terminal, opened to write to it",
    ("app/outcome.py", "os.open(os.devnull, os.O_WRONLY)"): "stdout silenced, written to",
    ("render/templating.py", "(TEMPLATES / name).read_text"): "ownerdiag's own templates",
}
"""Calls that look like reads but are not of a user's file, each with why."""


def raw_reads(path: Path, relative: str) -> list[str]:
    """``file:line: call`` for every open or read call in ``path`` outside the careful reader."""
    source = path.read_text()
    found = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.Call) and _call_name(node.func) in RAW_READS:
            text = ast.get_source_segment(source, node) or ""
            if not any(relative == file and text.startswith(start) for file, start in NOT_READS):
                found.append(f"{relative}:{node.lineno}: {text[:60]}")
    return found


def _call_name(func: ast.expr) -> str:
    """``open``, ``read_text`` (any object's), or ``json.loads`` and ``os.read`` by module."""
    if isinstance(func, ast.Name):
        return func.id
    if not isinstance(func, ast.Attribute):
        return ""
    module = getattr(func.value, "id", "")
    return f"{module}.{func.attr}" if module in ("json", "os", "io") else func.attr


def test_every_byte_read_goes_through_the_careful_reader():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative not in THE_READER:
            found += raw_reads(path, relative)
    assert found == []


def test_the_raw_read_scan_sees_what_it_looks_for(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import json\nfrom pathlib import Path\n"
        "def bad(p: Path):\n"
        "    a = p.read_bytes()\n    b = p.read_text()\n    c = open(p)\n"
        "    d = json.loads(p.read_text())\n    with p.open('rb') as h:\n        h.read(10)\n"
    )
    lines = sorted({int(f.split(":")[1]) for f in raw_reads(sample, "files/sample.py")})
    assert lines == [4, 5, 6, 7, 8]
