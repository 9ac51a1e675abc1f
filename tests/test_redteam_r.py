"""The second red-team pass (R1-R20): one regression test per finding, each seen failing on the
code before its fix."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from ownerdiag.files.yamlio import dump_yaml, read_yaml

from .conftest import EXAMPLES

CRO = EXAMPLES / "outbound" / "cro.yaml"
VP = EXAMPLES / "outbound" / "vp_sales.yaml"
ANSWERS = EXAMPLES / "outbound" / "answers"
EXE = str(Path(sys.executable).with_name("ownerdiag"))


def edited(source: Path, target: Path, **changes: object) -> Path:
    data = read_yaml(source).data
    for key, value in changes.items():
        data[key] = value
    target.write_text(dump_yaml(data), encoding="utf-8")
    return target


def one_line_error(result: object) -> str:
    err = result.stderr.strip()  # type: ignore[attr-defined]
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


# ---- R8: a finished_at without a time zone ------------------------------------------------------


@pytest.mark.parametrize("format", ["terminal", "html", "xlsx", "json"])
def test_a_time_without_a_zone_is_read_as_utc_in_every_format(cli, tmp_path: Path, format: str):
    naive = edited(CRO, tmp_path / "cro.yaml", finished_at="2026-11-20 10:00:00")
    out = tmp_path / f"report.{'txt' if format == 'terminal' else format}"
    args = ["--out", out] if format != "terminal" else ["--no-pager"]
    result = cli("compare", naive, VP, "--format", format, *args)
    assert result.exit_code == 0, result.output


def test_a_trend_with_a_time_without_a_zone_runs(cli, tmp_path: Path):
    for name in ("q3", "q4"):
        folder = tmp_path / name
        folder.mkdir()
        edited(CRO, folder / "cro.yaml", finished_at="2026-11-20T10:00:00")
        shutil.copy(VP, folder / "vp_sales.yaml")
    result = cli("trend", tmp_path / "q3", tmp_path / "q4", "--no-pager")
    assert result.exit_code == 0, result.output


# ---- R9 / R10: names are one visible line --------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Dana\nAlignment 100/100 — the answers agree",
        "Dana\u2028Reyes",
        "Dana\ufffeReyes",
        "Dana\uffffReyes",
    ],
)
def test_a_name_that_is_not_one_visible_line_is_refused_in_one_line(cli, tmp_path: Path, name: str):
    spoof = edited(CRO, tmp_path / "cro.yaml", respondent={"name": name, "role": "cro"})
    for format in ("terminal", "json", "xlsx"):
        err = one_line_error(cli("compare", spoof, VP, "-f", format, "--out", tmp_path / "r"))
        assert "cro.yaml" in err and "one line of visible text" in err


def test_an_invited_name_that_is_not_one_line_is_refused_by_status(cli, tmp_path: Path):
    folder = tmp_path / "acme"
    made = cli("init", folder, "--client", "Acme", "--bank", "outbound",
               "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    assert made.exit_code == 0
    data = read_yaml(folder / "ownerdiag.yaml").data
    data["people"][0]["name"] = "Dana\n  ✓ Sam Ortiz (vp_sales)  answered"
    (folder / "ownerdiag.yaml").write_text(dump_yaml(data))
    err = one_line_error(cli("status", "--dir", folder))
    assert "ownerdiag.yaml" in err


def test_noncharacters_in_a_text_answer_leave_every_export_well_formed(cli, tmp_path: Path):
    from openpyxl import load_workbook

    data = read_yaml(CRO).data
    text_question = next(k for k, v in data["answers"].items() if isinstance(v, str) and " " in v)
    data["answers"][text_question] = "odd \ufffe and \uffff here"
    (tmp_path / "cro.yaml").write_text(dump_yaml(data))
    book = tmp_path / "r.xlsx"
    assert cli("compare", tmp_path / "cro.yaml", VP, "--out", book).exit_code == 0
    load_workbook(book)  # well-formed XML, or this raises
    shown = cli("compare", tmp_path / "cro.yaml", VP, "-f", "json").stdout
    assert "\ufffe" not in shown and "\\ufffe" in shown
    json.loads(shown)


@pytest.mark.parametrize("name", ["Dana\u202eReyes", "Dana\x1b[2JReyes"])
def test_a_name_typed_with_hidden_characters_is_refused_before_anything_is_written(
    cli, tmp_path: Path, name: str
):
    out = tmp_path / "cro.yaml"
    survey = cli("survey", "--bank", "outbound", "--role", "cro", "--name", name,
                 "--answers", ANSWERS / "cro.yaml", "--out", out)  # fmt: skip
    assert "--name" in one_line_error(survey) and not out.exists()
    init = cli("init", tmp_path / "acme", "--client", "Acme", "--bank", "outbound",
               "--person", f"cro={name}", "--person", "vp_sales=Sam")  # fmt: skip
    assert "--person" in one_line_error(init)
    form = cli("form", "--bank", "outbound", "--role", "cro", "--name", name)
    assert "--name" in one_line_error(form)
