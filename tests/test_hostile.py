"""Every promise under hostile input: the corpus in ``tests/hostile/`` against every reader, and
one regression test per finding of the red-team pass (F1-F17 and the smaller ones)."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ownerdiag.files.banks import builtin_dir
from ownerdiag.files.yamlio import dump_yaml, read_yaml

from .conftest import EXAMPLES, survey_args
from .make_hostile import ENGAGEMENT

HOSTILE = Path(__file__).parent / "hostile"
CORPUS = sorted(HOSTILE.iterdir())
CRO = EXAMPLES / "outbound" / "cro.yaml"
VP = EXAMPLES / "outbound" / "vp_sales.yaml"
AGREED = EXAMPLES / "outbound" / "meeting" / "agreed.yaml"
EXE = str(Path(sys.executable).with_name("ownerdiag"))
ONE_LINE = re.compile(r"^[^\n]+: [^\n]+$")
HIDDEN_BYTES = re.compile(
    rb"[\x00-\x08\x0b-\x0c\x0e-\x1a\x1c-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]"
)


def round_with(path: Path, tmp: Path) -> Path:
    folder = tmp / "round"
    folder.mkdir(exist_ok=True)
    for source in (CRO, VP, path):
        shutil.copy(source, folder / source.name.replace(".yaml", ""))
    for file in folder.iterdir():
        file.rename(file.with_suffix(".yaml"))
    return folder


def folder_with(path: Path, tmp: Path) -> Path:
    folder = tmp / "banks"
    folder.mkdir(exist_ok=True)
    shutil.copy(path, folder / "hostile.yaml")
    return folder


def engagement_with(engagement_file: Path | None, response: Path | None, tmp: Path) -> Path:
    """An engagement under ``tmp/desk`` whose ownerdiag.yaml, or one response in its round,
    is the hostile file."""
    folder = tmp / "desk" / "acme"
    (folder / "2026-Q4").mkdir(parents=True, exist_ok=True)
    if engagement_file is not None:
        shutil.copy(engagement_file, folder / "ownerdiag.yaml")
    else:
        (folder / "ownerdiag.yaml").write_text(ENGAGEMENT)
    for source in (CRO, VP):
        shutil.copy(source, folder / "2026-Q4" / source.name)
    if response is not None:
        shutil.copy(response, folder / "2026-Q4" / "hostile.yaml")
    return folder


READERS: dict[str, Callable[[Path, Path], list[object]]] = {
    "compare": lambda f, tmp: ["compare", f, VP],
    "bank validate": lambda f, tmp: ["bank", "validate", f],
    "bank show": lambda f, tmp: ["bank", "show", f, "-f", "json"],
    "form": lambda f, tmp: ["form", "--bank", f],
    "survey --answers": lambda f, tmp: [
        *survey_args("cro", "C", "--answers", f, "--out", tmp / "out.yaml")
    ],
    "resolve --answers": lambda f, tmp: [
        "resolve", CRO, VP, "--answers", f, "--out", tmp / "d.yaml"
    ],
    "charter --decisions": lambda f, tmp: ["charter", CRO, VP, "--decisions", f],
    "trend": lambda f, tmp: ["trend", round_with(f, tmp), EXAMPLES / "outbound-next-quarter"],
    "banks --bank-dir": lambda f, tmp: ["banks", "--bank-dir", folder_with(f, tmp)],
    "status (engagement file)": lambda f, tmp: ["status", "--dir", engagement_with(f, None, tmp)],
    "invite (engagement file)": lambda f, tmp: ["invite", "--dir", engagement_with(f, None, tmp)],
    "new-round (engagement file)": lambda f, tmp: [
        "new-round", "2027-Q1", "--dir", engagement_with(f, None, tmp)
    ],
    "status (a response)": lambda f, tmp: ["status", "--dir", engagement_with(None, f, tmp)],
    "compare (engagement round)": lambda f, tmp: [
        "compare", engagement_with(None, f, tmp) / "2026-Q4"
    ],
    "portfolio (a response)": lambda f, tmp: [
        "portfolio", engagement_with(None, f, tmp).parent, "--names", "--strict"
    ],
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_given_every_hostile_file_answers_cleanly(cli, tmp_path: Path, reader: str):
    for index, path in enumerate(CORPUS):
        work = tmp_path / str(index)
        work.mkdir()
        result = cli(*READERS[reader](path, work))
        assert result.exit_code in (0, 2), (path.name, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), path.name
        for line in result.stderr.splitlines():
            assert ONE_LINE.match(line) and "Traceback" not in line, (path.name, line)
            assert not HIDDEN_BYTES.search(line.encode()), (path.name, line)


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.slow
@pytest.mark.parametrize(
    "reader", ["compare", "bank validate", "status (engagement file)", "portfolio (a response)"]
)
def test_the_corpus_in_real_processes_under_a_memory_cap_and_a_timeout(tmp_path: Path, reader):
    for path in CORPUS:
        args = [str(a) for a in READERS[reader](path, tmp_path)]
        done = subprocess.run(
            [EXE, *args], capture_output=True, timeout=30, preexec_fn=limited, check=False
        )
        assert done.returncode in (0, 2), (path.name, done.stderr[-300:])
        assert b"Traceback" not in done.stderr, path.name


# F1: devices, pipes and links to them are refused before a byte is read
@pytest.mark.parametrize("make", ["fifo", "dev-zero-link", "dev-zero"])
def test_f1_devices_and_pipes_are_refused_at_once(cli, tmp_path: Path, make: str):
    target = tmp_path / "responses.yaml"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "dev-zero-link":
        target.symlink_to("/dev/zero")
    else:
        target = Path("/dev/zero")
    result = cli("compare", target, VP)
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr and len(result.stderr.splitlines()) == 1


def test_f1_a_file_over_the_limit_is_refused_without_reading_it_all(cli, tmp_path: Path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of zeros
    result = cli("compare", big, VP)
    assert result.exit_code == 2 and "over the 1,048,576-byte limit" in result.stderr


# F2: an --out never replaces a file without --force, and never one of the inputs
@pytest.mark.parametrize(
    "command",
    [
        ["compare", CRO, VP, "-f", "json"],
        ["charter", CRO, VP],
        ["trend", EXAMPLES / "outbound", EXAMPLES / "outbound-next-quarter", "-f", "json"],
    ],
)
def test_f2_out_refuses_an_existing_file_without_force(cli, tmp_path: Path, command):
    out = tmp_path / "existing.txt"
    out.write_text("keep me\n")
    result = cli(*command, "--out", out)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text() == "keep me\n"
    assert cli(*command, "--out", out, "--force").exit_code == 0
    assert out.read_text() != "keep me\n"


def test_f2_an_input_is_never_written_over_even_with_force(cli, tmp_path: Path):
    cro = tmp_path / "cro.yaml"
    shutil.copy(CRO, cro)
    result = cli("compare", cro, VP, "-f", "json", "--out", cro, "--force")
    assert result.exit_code == 2 and "own inputs" in result.stderr
    assert cro.read_text() == CRO.read_text()


# F3: names, titles and versions are one line; the form stays valid whatever a prompt holds
@pytest.mark.parametrize(
    "name", ["bank-version-with-line-break.yaml", "bank-title-with-separator.yaml"]
)
def test_f3_one_line_fields_refuse_line_breaks_at_validate(cli, name: str):
    result = cli("bank", "validate", HOSTILE / name)
    assert result.exit_code == 2 and "must be one line" in result.stderr


def test_f3_the_form_stays_yaml_comments_and_keys_whatever_the_prompts_hold(cli):
    form = cli("form", "--bank", HOSTILE / "bank-prompt-with-escapes.yaml").stdout
    assert "\x1b" not in form and "\\u001b" in form
    for line in form.splitlines():  # comments, `id:` and `id: |2-` with its writing line
        assert (
            line.strip() == "" or line.startswith("#") or re.fullmatch(r"[a-z_0-9]+:( \|2-)?", line)
        ), line


# F4: answers are normalised once; what is judged is what was checked
def test_f4_loaded_answers_are_judged_in_their_normal_form(cli):
    clean = json.loads(cli("compare", CRO, VP, "-f", "json").stdout)
    for name in ("response-answer-with-spaces.yaml", "response-quoted-rating.yaml"):
        result = cli("compare", HOSTILE / name, VP, "-f", "json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["summary"]["alignment_score"] == clean["summary"]["alignment_score"], name
        assert report["items"] == clean["items"], name


@pytest.mark.parametrize(
    "file", ["response-true-as-rating.yaml", "response-superscript-rating.yaml"]
)
def test_f4_true_or_a_superscript_is_not_a_rating(cli, file: str):
    name = HOSTILE / file
    result = cli("compare", name, VP)
    assert result.exit_code == 2 and result.stderr.startswith(f"{name}:")
    assert "whole number from 1 to 5" in result.stderr or "valid" in result.stderr


def test_f4_a_number_as_a_text_answer_is_that_text(cli):
    result = cli("compare", HOSTILE / "response-number-as-text.yaml", VP, "-f", "json")
    assert result.exit_code == 0, result.output
    (item,) = [
        i
        for i in json.loads(result.stdout)["items"]
        if i["question_id"] == "strategy_owner_sentence"
    ]
    assert item["answers"]["cro"] == "42"


def test_f4_a_number_written_as_a_text_answer_is_kept_as_text(cli, tmp_path: Path):
    answers = tmp_path / "a.yaml"
    source = (EXAMPLES / "outbound" / "answers" / "cro.yaml").read_text()
    answers.write_text(
        re.sub(r"(?m)^strategy_owner_sentence: .*$", "strategy_owner_sentence: 42", source)
    )
    out = tmp_path / "cro.yaml"
    assert cli(*survey_args("cro", "C", "--answers", answers, "--out", out)).exit_code == 0
    assert "strategy_owner_sentence: '42'" in out.read_text()


# F5: a huge integer is one line, and does not break the other banks of a folder
def test_f5_a_huge_integer_in_a_bank_folder_skips_that_file_only(cli, tmp_path: Path):
    folder = folder_with(HOSTILE / "integer-of-5000-digits.yaml", tmp_path)
    result = cli("banks", "--bank-dir", folder, "-f", "json")
    assert result.exit_code == 0 and "at most 18" in result.stderr
    assert {b["id"] for b in json.loads(result.stdout)} >= {"outbound", "ceo-cro"}


# F6: stdout on a full disk or in another encoding: one line and exit 2, or plain success
@pytest.mark.slow
def test_f6_stdout_on_a_full_disk_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [EXE, "compare", CRO, VP],
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert done.returncode == 2
    assert (
        done.stderr.decode().strip() == "stdout: cannot write the output: No space left on device"
    )


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_f6_other_output_encodings_write_escapes_not_tracebacks(encoding: str):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run([EXE, "compare", CRO, VP], capture_output=True, env=env, check=False)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    assert b"Lane-gap report" in done.stdout


# F7: a device is never replaced by a file (a node made here: never the machine's own devices)
def test_f7_out_to_a_device_is_refused_and_the_node_stays(cli, tmp_path: Path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs privileges this test does not have")
    result = cli("compare", CRO, VP, "-f", "json", "--out", node, "--force")
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert stat.S_ISCHR(node.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


# F8: reports are private, and never loosened
def test_f8_reports_are_owner_only_and_an_existing_mode_is_never_loosened(cli, tmp_path: Path):
    out = tmp_path / "report.md"
    old = os.umask(0o022)
    try:
        assert cli("compare", CRO, VP, "-f", "markdown", "--out", out).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        out.chmod(0o400)
        assert cli("compare", CRO, VP, "-f", "markdown", "--out", out, "--force").exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o400
    finally:
        os.umask(old)


# F9: hidden characters never reach a terminal, an error line, JSON or YAML raw
def test_f9_error_lines_escape_what_came_from_the_file(cli):
    result = cli("compare", HOSTILE / "response-escapes-in-name-and-keys.yaml", VP)
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\\u001b" in result.stderr


def test_f9_json_and_yaml_exports_escape_hidden_characters(cli, tmp_path: Path):
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        (builtin_dir() / "outbound.yaml")
        .read_text()
        .replace(
            "Who owns outbound strategy",
            "Who\u202e owns\u200b outbound strategy",
            1,
        )
    )
    for fmt in ("json", "yaml"):
        shown = cli("bank", "show", bank, "-f", fmt).stdout
        assert "\u202e" not in shown and "\u200b" not in shown, fmt
        assert "\\u202e" in shown.lower() or "\\u202E" in shown, fmt


# F10: limits that say so
def test_f10_more_people_than_a_report_can_show_are_refused(cli, tmp_path: Path):
    result = cli("compare", *([CRO, VP] * 4))
    assert result.exit_code == 2 and "6 at most" in result.stderr


def test_f10_a_bank_over_the_question_limit_is_refused(cli, tmp_path: Path):
    lines = [
        "id: big",
        "title: Big",
        'version: "1"',
        "roles: {a: A, b: B}",
        "lanes: {x: {title: X}}",
        "questions:",
    ]
    lines += [f"  - {{id: q{n}, kind: yes_no, lane: x, prompt: Q{n}?}}" for n in range(401)]
    bank = tmp_path / "big.yaml"
    bank.write_text("\n".join(lines) + "\n")
    result = cli("bank", "validate", bank)
    assert result.exit_code == 2 and "400" in result.stderr


def test_f10_more_rounds_than_a_trend_can_show_are_refused(cli):
    result = cli("trend", *([EXAMPLES / "outbound"] * 13))
    assert result.exit_code == 2 and "12 at most" in result.stderr


# F11: decisions belong to their meeting
def test_f11_the_charter_refuses_decisions_made_for_other_people(cli, tmp_path: Path):
    decisions = tmp_path / "d.yaml"
    assert cli("resolve", CRO, VP, "--answers", AGREED, "--out", decisions).exit_code == 0
    other = tmp_path / "other.yaml"
    other.write_text(VP.read_text().replace("Sam Ortiz", "Someone Else"))
    result = cli("charter", CRO, other, "--decisions", decisions)
    assert result.exit_code == 2 and "made for Dana Reyes, Sam Ortiz" in result.stderr


# F13: Markdown makes no link and no list item out of what people wrote
def test_f13_markdown_renders_no_links_or_list_items_from_answers(cli, tmp_path: Path):
    cmarkgfm = pytest.importorskip("cmarkgfm")
    answers = tmp_path / "a.yaml"
    source = (EXAMPLES / "outbound" / "answers" / "cro.yaml").read_text()
    answers.write_text(
        re.sub(
            r"(?m)^strategy_owner_sentence: .*$",
            "strategy_owner_sentence: see https://evil.example/x, www.evil.example, me@evil.ex",
            source,
        )
    )
    out = tmp_path / "cro.yaml"
    assert cli(*survey_args("cro", "- 1. Dana", "--answers", answers, "--out", out)).exit_code == 0
    md = cli("compare", out, VP, "-f", "markdown").stdout
    html = cmarkgfm.github_flavored_markdown_to_html(md)
    clean = cmarkgfm.github_flavored_markdown_to_html(
        cli("compare", CRO, VP, "-f", "markdown").stdout
    )
    assert "<a " not in html and "evil.example" in html
    assert "<li>- 1. Dana" in html and html.count("<li>") == clean.count("<li>")


# F14: a date at the end of the calendar is one line
def test_f14_an_out_of_range_date_is_one_line(cli):
    result = cli("charter", CRO, VP, "--date", "9999-12-31")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


# F15: a file named like a bank id does not replace the bank; twins are named
def test_f15_a_file_in_the_folder_named_like_a_bank_id_is_not_read(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("outbound").write_text("id: outbound\n")
    assert cli("bank", "show", "outbound", "-f", "json").exit_code == 0


def test_f15_two_banks_with_one_id_are_named(cli, tmp_path: Path):
    folder = folder_with(builtin_dir() / "outbound.yaml", tmp_path)
    result = cli("banks", "--bank-dir", folder)
    assert result.exit_code == 0 and "bank id 'outbound' is also" in result.stderr


# F17: --fail-on keeps its exit code when the reader leaves early
@pytest.mark.slow
def test_f17_fail_on_survives_a_closed_pipe():
    done = subprocess.run(
        f"'{EXE}' compare '{CRO}' '{VP}' --fail-on high | head -1",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        check=False,
        env={**os.environ, "SHELLOPTS": "pipefail"},
    )
    assert done.returncode == 1, done.stderr


# smaller ones
def test_usage_errors_are_one_line(cli):
    result = cli("compare", CRO, VP, "--format", "pdf")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "pdf" in result.stderr and "Traceback" not in result.stderr


def test_the_longest_legal_file_name_can_be_written(cli, tmp_path: Path):
    out = tmp_path / ("r" * 250 + ".json")
    assert cli("compare", CRO, VP, "-f", "json", "--out", out).exit_code == 0
    assert json.loads(out.read_text())["respondents"]


@pytest.mark.parametrize("name", ["tag-binary.yaml", "tag-custom.yaml", "tag-python-object.yaml"])
def test_unknown_yaml_tags_are_refused_with_their_line(cli, name: str):
    result = cli("bank", "validate", HOSTILE / name)
    assert result.exit_code == 2 and f"{HOSTILE / name}:1:4: YAML tag" in result.stderr


def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch):
    from ownerdiag.files import storage

    synced: list[bool] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    storage.write_atomic(tmp_path / "x.yaml", "x: 1\n")
    assert synced == [False, True]  # the file, then its folder


def test_resuming_under_another_name_is_refused(tmp_path: Path):
    from ownerdiag.core.answers import start
    from ownerdiag.errors import InputError
    from ownerdiag.files.banks import load_bank
    from ownerdiag.files.documents import to_yaml
    from ownerdiag.interactive.jobs import _progress
    from ownerdiag.interactive.lifecycle import utc_now

    bank = load_bank(builtin_dir() / "outbound.yaml")
    partial = tmp_path / "r.yaml.partial"
    partial.write_text(to_yaml(start(bank, "cro", "Dana Reyes", utc_now())))
    assert _progress(bank, "cro", "Dana Reyes", partial).respondent.name == "Dana Reyes"
    with pytest.raises(InputError, match="saved by Dana Reyes as cro"):
        _progress(bank, "cro", "Someone Else", partial)


def test_two_sessions_on_one_file_are_refused_while_the_first_runs(tmp_path: Path):
    from ownerdiag.errors import InputError
    from ownerdiag.files import storage

    out = tmp_path / "r.yaml"
    with (
        storage.exclusive(out, "response file"),
        pytest.raises(InputError, match="another session"),
        storage.exclusive(out, "response file"),
    ):
        pass
    with storage.exclusive(out, "response file"):  # free again once the first is done
        pass
    assert not list(tmp_path.glob(".*.lock"))


# nothing from a file reaches a real terminal as a control: the pty sees only our own colours
OWN_COLOURS = re.compile(rb"\x1b\[[0-9;]*m")
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


def pty_output(*args: object) -> bytes:
    import pexpect

    child = pexpect.spawn(
        EXE,
        [str(a) for a in args],
        env={
            **os.environ,
            "TERM": "xterm-256color",
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "OWNERDIAG_PAGER": "cat",
        },
        dimensions=(60, 120),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    return bytes(child.before)


@pytest.mark.slow
def test_no_control_byte_from_a_file_reaches_the_terminal(cli, tmp_path: Path):
    bank = HOSTILE / "bank-prompt-with-escapes.yaml"
    evil = "Dana\x1b]52;c;aGk=\x07\x1b[2J\u202e\u0085Reyes"
    typed = EXAMPLES / "outbound" / "answers" / "cro.yaml"
    refused = cli(
        *survey_args("cro", evil, "--answers", typed, "--out", tmp_path / "x.yaml", bank=str(bank))
    )
    assert refused.exit_code == 2 and "\x1b" not in refused.stderr  # a name is one visible line
    files = []
    for role, name in (("cro", "Dana Reyes"), ("vp_sales", "Sam Ortiz")):
        answers = tmp_path / f"{role}-answers.yaml"
        source = read_yaml(EXAMPLES / "outbound" / "answers" / f"{role}.yaml").data
        source["strategy_owner_sentence"] = f"{evil} {role}: Sam\x1b[31m Ortiz\x9b"
        answers.write_text(dump_yaml(source))
        out = tmp_path / f"{role}.yaml"
        result = cli(*survey_args(role, name, "--answers", answers, "--out", out, bank=str(bank)))
        assert result.exit_code == 0, result.output
        files.append(out)
    shown = {
        "compare": pty_output("compare", *files, "--bank", bank),
        "bank show": pty_output("bank", "show", bank),
        "form": pty_output("form", "--bank", bank),
        "error line": pty_output("compare", HOSTILE / "response-escapes-in-name-and-keys.yaml", VP),
    }
    assert b"Dana" in shown["compare"] and b"\\u001b" in shown["compare"]
    for command, output in shown.items():
        assert not CONTROL_BYTES.search(OWN_COLOURS.sub(b"", output)), command


@pytest.mark.slow
def test_ctrl_d_at_a_prompt_is_an_interruption_not_an_abort(tmp_path: Path):
    import pexpect

    child = pexpect.spawn(
        EXE,
        ["survey", "--bank", "outbound", "--role", "cro", "--out", str(tmp_path / "r.yaml")],
        env={**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("Your name")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Aborted" not in child.before
