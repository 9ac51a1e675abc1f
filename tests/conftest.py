from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ownerdiag.cli import app
from ownerdiag.core.models import Bank
from ownerdiag.files.banks import builtin_dir, load_bank

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def outbound() -> Bank:
    return load_bank(builtin_dir() / "outbound.yaml")


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Run ownerdiag in-process; returns typer's Result (stdout and stderr kept apart)."""
    monkeypatch.delenv("OWNERDIAG_BANK_DIR", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


def survey_args(role: str, name: str, *extra: object, bank: str = "outbound") -> list[str]:
    """Arguments for `ownerdiag survey` as one leader; ``extra`` adds options such as --out."""
    return ["survey", "--bank", bank, "--role", role, "--name", name, *map(str, extra)]


MINI_BANK = """\
id: mini
title: Mini bank
version: "1"
roles:
  cro: Chief Revenue Officer
  vp_sales: VP of Sales
parties:
  marketing: Marketing
lanes:
  design: {title: Design}
  execution: {title: Execution}
questions:
  - id: strategy
    kind: owner
    lane: design
    prompt: Who owns strategy?
    expected: cro
    source: a test fixture
    remedy: Agree the CRO owns it.
  - id: lists
    kind: owner
    lane: execution
    prompt: Who builds lists?
    expected: vp_sales
    source: a test fixture
  - id: review
    kind: cadence
    lane: design
    prompt: How often do you review?
    expected: monthly
    source: a test fixture
  - id: documented
    kind: yes_no
    lane: design
    prompt: Is it written down?
    expected: yes
    source: a test fixture
  - id: clarity
    kind: scale
    lane: execution
    prompt: How clear is it?
    expected: 4
    source: a test fixture
    better: higher
  - id: sentence
    kind: text
    lane: design
    prompt: In one sentence, who owns strategy?
"""


@pytest.fixture
def mini_bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_BANK)
    return path
