"""The README's commands on the shipped examples run as written, in order, in a shell."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLES, REPO

pytestmark = pytest.mark.slow

EXE_DIR = str(Path(sys.executable).parent)


def readme_example_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("ownerdiag ") and "examples/" in line]


def test_readme_example_commands_run(tmp_path: Path):
    commands = readme_example_commands()
    assert len(commands) >= 5
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    env = {**os.environ, "PATH": EXE_DIR + os.pathsep + os.environ["PATH"], "NO_COLOR": "1"}
    for command in commands:
        result = subprocess.run(
            command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, (command, result.stderr[-500:])
    assert (tmp_path / "report.html").read_text().rstrip().endswith("</html>")
    assert "## Signed" in (tmp_path / "charter.md").read_text()
