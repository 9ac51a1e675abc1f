"""The house's promises a user can notice: help offers only formats that work, every file is
read the careful way (a pipe where a file should be never hangs a command), and a folder that
cannot be made is named with the reason."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ownerdiag.render.formats import DOCUMENTS, renderer

from .conftest import EXAMPLES
from .desk import make_desk

EXE = str(Path(sys.executable).with_name("ownerdiag"))
ROUNDS = [EXAMPLES / "outbound", EXAMPLES / "outbound-next-quarter"]


def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, with a deadline: a read that blocks fails the test, not the suite."""
    return subprocess.run(
        [EXE, *map(str, args)], capture_output=True, text=True, timeout=60, cwd=cwd, check=False
    )


@pytest.mark.parametrize(
    ("document", "format"), [(d, f) for d, fs in DOCUMENTS.items() for f in fs]
)
def test_every_registered_format_writes_its_document(document: str, format: str):
    module = renderer(format)
    assert callable(getattr(module, document, None) or getattr(module, f"show_{document}", None))


def _choices(help_text: str) -> set[str]:
    flat = " ".join(help_text.split())
    found = re.search(r"--format <([a-z|]+)>", flat)
    assert found, flat
    return set(found.group(1).split("|"))


@pytest.mark.parametrize(
    ("command", "document"),
    [("compare", "report"), ("trend", "trend"), ("portfolio", "portfolio"),
     ("charter", "charter"), ("form", "form")],
)  # fmt: skip
def test_help_offers_exactly_the_formats_that_write(cli, command: str, document: str):
    assert _choices(cli(command, "--help").stdout) == set(DOCUMENTS[document])


def test_trend_and_portfolio_offer_no_format_they_cannot_write(cli):
    assert {"csv", "xlsx"}.isdisjoint(_choices(cli("trend", "--help").stdout))
    assert {"markdown", "xlsx"}.isdisjoint(_choices(cli("portfolio", "--help").stdout))


def test_every_trend_format_offered_works(cli, tmp_path: Path):
    for format in DOCUMENTS["trend"]:
        result = cli("trend", *ROUNDS, "-f", format, "--out", tmp_path / f"t-{format}")
        assert result.exit_code == 0, (format, result.output)


def test_status_is_a_document_with_out_and_json(cli, tmp_path: Path):
    folder = tmp_path / "acme"
    cli("init", folder, "--client", "Acme", "--bank", "outbound", "--person", "cro=Dana Reyes",
        "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    data = json.loads(cli("status", "--dir", folder, "-f", "json").stdout)
    assert data["client"] == "Acme" and {p["state"] for p in data["rounds"][0]["people"]} == {
        "missing"
    }
    table = cli("status", "--dir", folder)
    assert table.exit_code == 0 and "✗ Dana Reyes (cro)" in table.stdout


@pytest.mark.slow
def test_a_pipe_named_as_the_portfolio_cache_is_no_cache_and_no_hang(tmp_path: Path):
    desk = tmp_path / "desk"
    make_desk(desk, orgs=3)
    before = json.loads(run("portfolio", desk, "-f", "json", "--names").stdout)
    for round_dir in desk.glob("*/2026-Q*"):
        os.mkfifo(round_dir / ".ownerdiag-cache.json")
    after = run("portfolio", desk, "-f", "json", "--names")
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout)["org_scores"] == before["org_scores"]


@pytest.mark.slow
def test_a_pipe_named_as_an_invite_form_is_refused_in_one_line(cli, tmp_path: Path):
    folder = tmp_path / "acme"
    cli("init", folder, "--client", "Acme", "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    forms = folder / "2026-Q4" / "forms"
    forms.mkdir()
    page = forms / "outbound-cro-dana-reyes.html"
    os.mkfifo(page)
    result = run("invite", "--dir", folder)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith(str(page)) and "not a regular file" in lines[0]


def test_a_folder_that_cannot_be_made_is_named_with_its_cause(cli, tmp_path: Path):
    folder = tmp_path / "acme"
    cli("init", folder, "--client", "Acme", "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    (folder / "2026-Q4" / "forms").write_text("a file where the forms folder goes")
    result = cli("invite", "--dir", folder)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1, result.stderr
    assert lines[0].startswith(str(folder / "2026-Q4" / "forms") + ": cannot create this folder")
    assert "stdout" not in lines[0]
