"""Hardening: garbage in every file-reading command, kills mid-write, races, tampering,
injection, and terminals of every kind.

Fuzz sizes: OWNERDIAG_FUZZ_EXAMPLES (per command and strategy, default 40) and
OWNERDIAG_KILL_RUNS (per target, default 12) raise them on demand.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownerdiag.files.banks import builtin_dir
from ownerdiag.files.documents import load_response, slug
from ownerdiag.files.yamlio import dump_yaml

from .conftest import EXAMPLES, survey_args
from .test_compare_cli import CRO, VP, framework_answers

EXE = str(Path(sys.executable).with_name("ownerdiag"))
FUZZ = int(os.environ.get("OWNERDIAG_FUZZ_EXAMPLES", "40"))
KILLS = int(os.environ.get("OWNERDIAG_KILL_RUNS", "12"))
AGREED = EXAMPLES / "outbound" / "meeting" / "agreed.yaml"
ANSWERS = EXAMPLES / "outbound" / "answers" / "cro.yaml"
BANK = builtin_dir() / "outbound.yaml"


# ---------------------------------------------------------------------------- start-up


def test_compare_as_json_imports_no_drawing_template_or_spreadsheet_library():
    code = (
        "import sys\n"
        "from ownerdiag.cli import app\n"
        f"sys.argv = ['ownerdiag', 'compare', {str(CRO)!r}, {str(VP)!r}, '-f', 'json']\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = ('rich', 'jinja2', 'openpyxl', 'prompt_toolkit', 'questionary', 'markupsafe')\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in result.stderr, result.stderr[-500:]


@pytest.mark.parametrize("args", [["--help"], ["compare", str(CRO), str(VP)], ["banks"]])
def test_fast_commands_never_import_the_prompt_libraries(args: list[str]):
    code = (
        "import sys\n"
        "from ownerdiag.cli import app\n"
        f"sys.argv = ['ownerdiag', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "prompts = ('questionary', 'prompt_toolkit')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in prompts]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in result.stderr, result.stderr[-500:]


# ---------------------------------------------------------------------------- fuzzing

VALID = {
    "bank": BANK.read_text(),
    "response": CRO.read_text(),
    "answers": ANSWERS.read_text(),
    "decisions": None,  # made by a fixture: it must match the examples' bank
}


BAD_VALUES = ["[", "{a: 1}", "- x", "7", "~", "!!python/object:os.system ls", "&a x", "*a", '"open']


def mutate(text: str, rnd: random.Random) -> str:
    """A near-valid file: one plausible edit of a valid one."""
    lines = text.splitlines()
    index = rnd.randrange(len(lines))
    choice = rnd.randrange(8)
    if choice == 0:
        del lines[index]
    elif choice == 1:
        lines.insert(index, lines[index])  # duplicate key, usually
    elif choice == 2:
        lines[index] = re.sub(
            r":\s.*$",
            ": "
            + rnd.choice(
                [
                    "[",
                    "{a: 1}",
                    "- x",
                    "7",
                    "~",
                    "!!python/object:os.system ls",
                    "&a x",
                    "*a",
                    '"unterminated',
                ]
            ),
            lines[index],
        )
    elif choice == 3:
        return text[: rnd.randrange(len(text))]
    elif choice == 4:
        lines[index] = "  " + lines[index]
    elif choice == 5:
        lines[index] = lines[index].replace(":", "", 1)
    elif choice == 6:
        lines.insert(index, "\t" + lines[index])
    else:
        lines[index] = lines[index] + " \x00\x1b[31m"
    return "\n".join(lines) + "\n"


garbage = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(str.encode),
    st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#,? \n\t1yesno%@`")), max_size=200).map(
        str.encode
    ),
    st.sampled_from(
        [
            "[" * 5000,
            "{a: " * 5000,
            "- " * 3000 + "x",
            "a: &x [1]\nb: *x\n",
            "a: 1\na: 2\n",
            "---\na: 1\n---\nb: 2\n",
            "\ufeffa: b\n",
            "",
        ]
    ).map(str.encode),
)


def near_valid(kind: str):
    return st.randoms(use_true_random=False).map(
        lambda rnd: mutate(VALID[kind], rnd).encode("utf-8", "surrogatepass")
    )


@pytest.fixture(scope="module")
def decisions_text(tmp_path_factory) -> str:
    from typer.testing import CliRunner

    from ownerdiag.cli import app

    out = tmp_path_factory.mktemp("decisions") / "decisions.yaml"
    result = CliRunner().invoke(
        app, ["resolve", str(CRO), str(VP), "--answers", str(AGREED), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    VALID["decisions"] = out.read_text()
    return VALID["decisions"]


def command_for(kind: str, path: Path, work: Path) -> list[str]:
    if kind == "bank":
        return ["bank", "validate", str(path)]
    if kind == "answers":
        return [
            *survey_args("cro", "Fuzz", "--answers", path, "--out", work / "out.yaml", "--force")
        ]
    if kind == "response":
        return ["compare", str(path), str(VP)]
    if kind == "decisions":
        return ["charter", str(CRO), str(VP), "--decisions", str(path)]
    raise AssertionError(kind)


def check_clean_failure(result, path: Path) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.output[-800:])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert lines, "exit 2 without a reason"
        assert all(line.startswith(str(path)) for line in lines), lines


FUZZ_SETTINGS = settings(max_examples=FUZZ, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["bank", "answers", "response", "decisions"])
@FUZZ_SETTINGS
@given(data=st.data())
def test_every_reader_survives_garbage_and_near_valid_files(
    cli, tmp_path, decisions_text, kind: str, data
):
    raw = data.draw(st.one_of(garbage, near_valid(kind)))
    path = tmp_path / f"{kind}.yaml"
    path.write_bytes(raw)
    check_clean_failure(cli(*command_for(kind, path, tmp_path)), path)


@pytest.mark.slow
@FUZZ_SETTINGS
@given(raw=st.one_of(garbage, near_valid("answers")))
def test_resolve_answers_survive_garbage(cli, tmp_path, raw: bytes):
    path = tmp_path / "agreed.yaml"
    path.write_bytes(raw)
    result = cli("resolve", CRO, VP, "--answers", path, "--out", tmp_path / "d.yaml", "--force")
    check_clean_failure(result, path)


@pytest.mark.slow
@FUZZ_SETTINGS
@given(raw=st.one_of(garbage, near_valid("response")))
def test_trend_survives_garbage_in_a_round(cli, tmp_path, raw: bytes):
    round_dir = tmp_path / "round"
    shutil.rmtree(round_dir, ignore_errors=True)
    round_dir.mkdir()
    shutil.copy(VP, round_dir / "vp.yaml")
    path = round_dir / "cro.yaml"
    path.write_bytes(raw)
    result = cli("trend", EXAMPLES / "outbound", round_dir)
    assert result.exit_code in (0, 2) and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert result.stderr.strip()


NASTY = {
    "deep.yaml": b"[" * 200_000,
    "laughs.yaml": b"a: &a [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
        for i in range(9)
    ),
    "huge.yaml": b"a: '" + b"x" * 3_000_000 + b"'\n",
    "binary.yaml": bytes(range(256)) * 100,
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(NASTY))
def test_nasty_files_end_in_exit_2_in_bounded_time_and_memory(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(NASTY[name])
    for kind in ("bank", "answers", "response", "decisions"):
        command = [EXE, *command_for(kind, path, tmp_path)]
        start = time.monotonic()
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=30, preexec_fn=_limit_memory
        )
        assert result.returncode == 2, (kind, result.returncode, result.stderr[-500:])
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(str(path)), result.stderr[:300]
        assert time.monotonic() - start < 20


# ---------------------------------------------------------------------------- nothing lost


def _killed_at_random(command: list[str], rnd: random.Random) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rnd.uniform(0.05, 0.45))
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.mark.slow
@pytest.mark.parametrize("target", ["response", "decisions", "export"])
def test_sigkill_mid_write_leaves_old_or_new_file_never_partial(tmp_path: Path, target: str):
    rnd = random.Random(target)
    out = tmp_path / f"{target}.out"
    command = {
        "response": [
            EXE,
            *survey_args("cro", "Dana Reyes", "--answers", ANSWERS, "--out", out, "--force"),
        ],
        "decisions": [
            EXE,
            "resolve",
            str(CRO),
            str(VP),
            "--answers",
            str(AGREED),
            "--out",
            str(out),
            "--force",
        ],
        "export": [EXE, "compare", str(CRO), str(VP), "-f", "html", "-o", str(out), "--force"],
    }[target]
    out.write_text("OLD\n")

    def complete(text: str) -> bool:
        if target == "export":
            return text.rstrip().endswith("</html>")
        return "complete: true" in text or ("complete: false" in text and target == "decisions")

    for _ in range(KILLS):
        _killed_at_random(command, rnd)
        text = out.read_text()
        assert text == "OLD\n" or complete(text), text[-200:]
    subprocess.run(command, check=True, capture_output=True)
    assert complete(out.read_text())
    if target == "response":
        assert load_response(out)[0].complete
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_two_surveys_racing_for_one_file_one_wins(tmp_path: Path):
    out = tmp_path / "cro.yaml"
    command = [EXE, *survey_args("cro", "Dana Reyes", "--answers", ANSWERS, "--out", out)]
    racers = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(), p.stderr.read()) for p in racers]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    loser = next(err for code, err in results if code == 2)
    assert "already exists" in loser and "--force" in loser
    assert load_response(out)[0].complete


# ---------------------------------------------------------------------------- tampering


def test_response_whose_bank_hash_was_edited(cli, tmp_path: Path):
    tampered = tmp_path / "vp.yaml"
    tampered.write_text(
        re.sub(r"hash: sha256:\w+", "hash: sha256:0000000000000000", VP.read_text())
    )
    result = cli("compare", CRO, tampered)
    assert result.exit_code == 2
    assert str(tampered) in result.stderr and "different banks or versions" in result.stderr


# ---------------------------------------------------------------------------- injection

EVIL = {
    "markup": "[bold red]boom[/] [link=http://x]click[/link]",
    "ansi": "\x1b[2J\x1b[31mred\x1b]0;title\x07",
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "table": "| a | b |\n|---|---|",
    "rtl": "abc\u202edcba\u200b\u2066x",
    "long": "word " * 2000,
}


@pytest.fixture
def evil_files(cli, tmp_path: Path) -> tuple[list[Path], Path]:
    """Responses and a bank whose names, free text and question text are all hostile."""
    text = BANK.read_text().replace(
        "prompt: In one sentence, who owns outbound strategy here?",
        f"prompt: {dump_yaml(EVIL['html'] + EVIL['markup']).strip()}",
    )
    bank_path = tmp_path / "evil-bank.yaml"
    bank_path.write_text(text)
    from ownerdiag.files.banks import load_bank

    bank = load_bank(bank_path)
    files = []
    for n, (role, name) in enumerate(
        (("cro", EVIL["markup"]), ("vp_sales", EVIL["html"]))  # names are one visible line
    ):
        answers = framework_answers(bank)
        for i, key in enumerate(
            (
                "strategy_owner_sentence",
                "foundation_buyer",
                "foundation_problem",
                "foundation_qualified_conversation",
            )
        ):
            answers[key] = list(EVIL.values())[(i + n) % len(EVIL)]
        source = tmp_path / f"{role}-answers.yaml"
        source.write_text(dump_yaml(answers))
        out = tmp_path / f"{role}.yaml"
        result = cli(
            *survey_args(role, name, "--answers", source, "--out", out, bank=str(bank_path))
        )
        assert result.exit_code == 0, result.output
        files.append(out)
    return files, bank_path


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_hostile_text_is_shown_literally_in_every_format(cli, evil_files, fmt: str):
    files, bank_path = evil_files
    result = cli("compare", *files, "--bank", bank_path, "-f", fmt, "--all")
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        import json

        report = json.loads(out)
        assert report["respondents"][1]["name"] == EVIL["html"]
        return
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out
    assert "\\u202e" in out and "\\u001b" in out
    if fmt == "terminal":
        assert "[bold red]boom[/]" in out
    if fmt in ("markdown", "html"):
        assert "<script>" not in out and "<img" not in out
    if fmt == "markdown":
        assert "\\| a \\| b \\|" in out
        rows = [ln for ln in out.splitlines() if "| Who owns outbound strategy" in ln]
        assert rows[0].count(" | ") == 5


def test_hostile_text_in_the_charter_and_trend(cli, evil_files, tmp_path: Path):
    files, bank_path = evil_files
    for fmt in ("markdown", "html"):
        out = cli("charter", *files, "--bank", bank_path, "-f", fmt).stdout
        assert "<script>" not in out and "\x1b" not in out and "\u202e" not in out


# ---------------------------------------------------------------------------- terminals


def run_in_pty(env: dict[str, str], columns: int = 100) -> str:
    """The report as a terminal receives it, without a pager (test_pager pages it)."""
    child = pexpect.spawn(
        EXE,
        ["compare", str(CRO), str(VP)],
        env={**os.environ, "OWNERDIAG_PAGER": "cat", **env},
        encoding="utf-8",
        dimensions=(50, columns),
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return child.before


COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def is_colour(code: str) -> bool:
    params = [int(p) for p in code[2:-1].split(";") if p.isdigit()]
    return any(30 <= p <= 49 or 90 <= p <= 107 for p in params)


def readable(text: str) -> None:
    for word in ("✖ collision", "⇄ deflection", "∅ vacuum", "◐ split", "~ drift", "✓ aligned"):
        assert word in text


@pytest.mark.slow
def test_colour_in_a_terminal_and_none_with_no_color_or_dumb():
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = run_in_pty({**env, "TERM": "xterm-256color"})
    assert [code for code in COLOUR.findall(coloured) if is_colour(code)]
    dumb = run_in_pty({"TERM": "dumb"})
    assert "\x1b" not in dumb
    readable(dumb)
    for setting in ({"NO_COLOR": "1", "TERM": "xterm-256color"}, {"TERM": "dumb"}):
        plain = run_in_pty(setting)
        assert not [code for code in COLOUR.findall(plain) if is_colour(code)]
        readable(COLOUR.sub("", plain))


@pytest.mark.slow
def test_sixty_columns_and_pipes(cli, monkeypatch):
    narrow = run_in_pty({"NO_COLOR": "1"}, columns=60)
    lines = COLOUR.sub("", narrow).replace("\r", "").splitlines()
    assert max(len(line) for line in lines) <= 60
    readable(COLOUR.sub("", narrow))
    piped = subprocess.run(
        [EXE, "compare", str(CRO), str(VP)], capture_output=True, text=True, check=True
    ).stdout
    assert "\x1b" not in piped
    readable(piped)


def test_slug_never_escapes_its_folder():
    for name in ("../../etc/passwd", "/abs/path", "..", "名前", "a/b\\c", "\x00"):
        assert "/" not in slug(name) and ".." not in slug(name) and slug(name)


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_reader_leaving_the_pipe_early_is_not_an_error(fmt: str):
    process = subprocess.Popen(
        [EXE, "compare", str(CRO), str(VP), "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    assert process.wait(timeout=30) == 0
    assert b"Traceback" not in process.stderr.read()
