from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


BROWSER_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def browser_paths() -> tuple[str, str] | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if (not found or not driver) and os.environ.get("CI"):
        pytest.fail("CI must install Debian's chromium and chromium-driver for the browser tests")
    return (found, driver) if found and driver else None


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    """Debian's headless Chromium through selenium; files it saves land in ``downloads``."""
    yield from _chromium(tmp_path_factory, downloads)


@pytest.fixture
def fresh_browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    """A browser with an empty profile: nothing kept in local storage by an earlier test."""
    yield from _chromium(tmp_path_factory, downloads)


def _chromium(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    paths = browser_paths()
    if paths is None:
        pytest.skip("no chromium and chromedriver here")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    options.binary_location = paths[0]
    driver = webdriver.Chrome(service=Service(paths[1]), options=options)
    yield driver
    driver.quit()
