"""The second red-team pass (R1-R20): one regression test per finding, each written to fail on
the code before its fix. The cases that need a whole desk or engagement build it here."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .desk import make_desk


@pytest.fixture(scope="module")
def small_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    make_desk(folder, 3, seed=5)
    return folder


def desk_copy(desk: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "desk"
    shutil.copytree(desk, copy)
    return copy


def scores(cli, desk: Path) -> dict[str, object]:
    result = cli("portfolio", desk, "-f", "json", "--names")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return {"orgs": data["org_scores"], "banks": data["banks"], "problems": data["problems"]}


def plant_cache(round_dir: Path, content: str | bytes) -> Path:
    """Whatever a stranger can leave beside a round as its cache."""
    cache = round_dir / ".ownerdiag-cache.json"
    cache.unlink(missing_ok=True)
    cache.write_bytes(content.encode() if isinstance(content, str) else content)
    return cache


def forged(round_dir: Path, change) -> str:
    """A cache for this round's current files (their real digests) holding changed responses."""
    import hashlib

    from ownerdiag.files.collect import gather_round

    _, responses = gather_round(round_dir, ())
    files = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(round_dir.glob("*.yaml"))
    }
    data = [change(r.model_dump(mode="json")) for r in responses]
    return json.dumps({"format": "ownerdiag-cache/2", "files": files, "bank_file": None,
                       "responses": data})  # fmt: skip


# R1: a cache is an index, never a source: a forged one changes no figure
def test_r1_a_forged_cache_changes_no_figure_portfolio_prints(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0000" / "2026-Q4"
    first = json.loads(json.dumps(forged(round_dir, lambda r: r)))
    agreed = json.loads(first)["responses"][0]["answers"]
    plant_cache(round_dir, forged(round_dir, lambda r: {**r, "answers": agreed}))
    assert scores(cli, desk) == honest


def test_r1_a_strangers_answers_in_the_cache_do_not_count(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0001" / "2026-Q4"
    text = json.loads(forged(round_dir, lambda r: r))
    first, second = text["responses"][:2]
    stranger = {**first, "answers": second["answers"]}  # someone else answering as the first
    stranger["respondent"] = {**first["respondent"], "name": "A Stranger"}
    text["responses"][0] = stranger
    plant_cache(round_dir, json.dumps(text))
    assert scores(cli, desk) == honest


def test_r1_banana_in_a_cached_answer_is_no_traceback(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0002" / "2026-Q4"
    banana = forged(round_dir, lambda r: {**r, "answers": {k: "banana" for k in r["answers"]}})
    plant_cache(round_dir, banana)
    assert scores(cli, desk) == honest


# R2: whatever sits where a cache was is no cache: no hang, no memory, no recursion
@pytest.mark.parametrize("make", ["fifo", "dev-zero-link", "deep-json", "huge"])
def test_r2_a_hostile_cache_is_no_cache(cli, small_desk, tmp_path, make: str):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    cache = desk / "client-0000" / "2026-Q4" / ".ownerdiag-cache.json"
    cache.unlink(missing_ok=True)
    if make == "fifo":
        os.mkfifo(cache)
    elif make == "dev-zero-link":
        cache.symlink_to("/dev/zero")
    elif make == "deep-json":
        cache.write_text("[" * 100_000)
    else:
        with cache.open("wb") as handle:
            handle.truncate(64 * 1024 * 1024)
    assert scores(cli, desk) == honest


def unreadable(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    """Listing these folders fails as it does for a folder without read permission (the tests
    run as root, who may read any folder, so the refusal is made here)."""
    blocked = {str(f) for f in folders}

    def guard(real):
        def listing(path=".", *args, **kwargs):
            if os.fspath(path) in blocked:
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return listing

    monkeypatch.setattr(os, "scandir", guard(os.scandir))
    monkeypatch.setattr(os, "listdir", guard(os.listdir))


# R6: folders that cannot be read are problems, named with their cause, and fail --strict
def test_r6_unreadable_client_folders_are_listed_and_fail_strict(
    cli, small_desk, tmp_path, monkeypatch
):
    desk = desk_copy(small_desk, tmp_path)
    gone = [desk / "client-0000", desk / "client-0001"]
    unreadable(monkeypatch, *gone)
    result = scores(cli, desk)
    assert [o["name"] for o in result["orgs"]] == ["Client 0002"]
    for folder in gone:
        said = f"{folder}: cannot read this folder: Permission denied"
        assert any(p.startswith(said) for p in result["problems"]), result["problems"]
    strict = cli("portfolio", desk, "--strict")
    assert strict.exit_code == 2
    assert f"{gone[0]}: cannot read this folder: Permission denied" in strict.stderr


# R6 and R14: an unreadable round is that round's problem, not "stdout: cannot write"
def test_r6_an_unreadable_round_is_named_and_the_rest_still_counts(
    cli, small_desk, tmp_path, monkeypatch
):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    round_dir = desk / "client-0002" / "2026-Q4"
    unreadable(monkeypatch, round_dir)
    result = cli("portfolio", desk, "-f", "json", "--names")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["org_scores"]) == len(honest["orgs"])
    (problem,) = data["problems"]
    assert problem.startswith(f"{round_dir}: cannot read this folder: Permission denied")
    assert "stdout" not in result.stderr


# R8: a desk 1,100 folders deep is walked, not a RecursionError
def test_r8_a_desk_1100_folders_deep_is_read(cli, small_desk, tmp_path):
    desk = desk_copy(small_desk, tmp_path)
    honest = scores(cli, desk)
    deep = desk / "deep"
    deep.mkdir()
    chain(deep, 1100)
    try:
        assert scores(cli, desk)["orgs"] == honest["orgs"]
    finally:
        unchain(deep, 1100)  # shutil.rmtree (and so pytest's clean-up) recurses too


def chain(folder: Path, depth: int) -> None:
    """``folder/d/d/.../d``, ``depth`` levels, made without recursion or long paths."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)


def unchain(folder: Path, depth: int) -> None:
    fds = [os.open(folder, os.O_RDONLY)]
    for _ in range(depth - 1):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    while fds:
        fd = fds.pop()
        os.rmdir("d", dir_fd=fd)
        os.close(fd)


# R14: a system error about a file or folder names that file or folder, never stdout
def test_r14_a_stray_system_error_names_its_folder_not_stdout(cli, tmp_path, monkeypatch):
    from ownerdiag.files import portfolio

    folder = tmp_path / "clients" / "acme"

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(portfolio, "read_desk", refused)
    result = cli("portfolio", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"{folder}: cannot use it: Permission denied\n"


EXAMPLE_ROUND = Path(__file__).resolve().parents[1] / "examples" / "outbound"
CRO, VP = EXAMPLE_ROUND / "cro.yaml", EXAMPLE_ROUND / "vp_sales.yaml"
FAKE_LINES = "Dana\\nAlignment 100/100\\nThe answers agree\\nReyes"


def response_named(tmp_path: Path, name_yaml: str, source: Path = CRO) -> Path:
    """The example CRO response with its respondent's name as written in YAML (quoted)."""
    out = tmp_path / source.name
    text = source.read_text().replace("  name: Dana Reyes\n", f'  name: "{name_yaml}"\n')
    assert name_yaml in text
    out.write_text(text)
    return out


def one_line_refusal(result, source: Path) -> str:
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{source}:") and "Traceback" not in line
    return line


# R9: a name is one line: one with line breaks is refused, never printed as fake report lines
def test_r9_a_respondent_name_with_line_breaks_is_refused(cli, tmp_path):
    forged_name = response_named(tmp_path, FAKE_LINES)
    result = cli("compare", forged_name, VP)
    line = one_line_refusal(result, forged_name)
    assert "one line" in line
    assert "Alignment 100/100" not in result.stdout


def test_r9_an_invited_name_with_line_breaks_is_refused_by_status(cli, tmp_path):
    folder = tmp_path / "acme"
    cli("init", folder, "--client", "Acme", "--bank", "outbound", "--round", "2026-Q4",
        "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    engagement = folder / "ownerdiag.yaml"
    text = engagement.read_text().replace("name: Sam Ortiz", f'name: "Sam{FAKE_LINES}"')
    engagement.write_text(text)
    result = cli("status", "--dir", folder)
    one_line_refusal(result, engagement)
    assert "Alignment" not in result.stdout


# R10: noncharacters and lone surrogates are escaped (or refused) wherever they would go
@pytest.mark.parametrize("char", ["\\uFFFE", "\\uFFFF", "\\uFDD0", "\\U0010FFFF"])
def test_r10_a_name_with_a_noncharacter_or_lone_surrogate_is_refused(cli, tmp_path, char):
    forged_name = response_named(tmp_path, f"Dana{char}Reyes")
    result = cli("compare", forged_name, VP, "--out", tmp_path / "r.xlsx")
    line = one_line_refusal(result, forged_name)
    assert "one line" in line
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "json", "html"])
def test_r10_noncharacters_in_an_answer_are_escaped_in_every_format(cli, tmp_path, fmt):
    import zipfile
    from xml.dom import minidom

    answer = with_text_answer(CRO, tmp_path, "We\\uFFFE own\\uFFFF it\\U0001FFFE")
    out = tmp_path / f"r.{fmt}"
    result = cli("compare", answer, VP, "--out", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if fmt == "xlsx":
        with zipfile.ZipFile(out) as book:
            for name in book.namelist():
                if name.endswith(".xml"):
                    minidom.parseString(book.read(name))  # well-formed, or this raises
                    data += book.read(name)
    for raw in ("\ufffe", "\uffff", "\U0001fffe"):
        assert raw.encode() not in data, fmt
    assert b"\\ufffe" in data.lower() or b"\\\\ufffe" in data.lower(), fmt


def with_text_answer(response: Path, tmp_path: Path, answer_yaml: str) -> Path:
    """A copy of the response with its first written answer as ``answer_yaml`` (quoted)."""
    import yaml

    data = yaml.safe_load(response.read_text())
    key = next(k for k, v in data["answers"].items() if isinstance(v, str) and " " in v)
    data["answers"][key] = "PLACEHOLDER"
    out = tmp_path / response.name
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    out.write_text(text.replace("PLACEHOLDER", f'"{answer_yaml}"'))
    return out


# R10: a lone surrogate (what undecodable bytes typed or passed on the command line become)
def test_r10_a_lone_surrogate_in_an_invited_name_is_refused_in_one_line(cli, tmp_path):
    folder = tmp_path / "acme"
    result = cli("init", folder, "--client", "Acme", "--bank", "outbound",
                 "--person", "cro=Dana\udcffReyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("--person:") and "one line of visible text" in line
    assert not (folder / "ownerdiag.yaml").exists()


# R9: the survey refuses such a name before asking anything, and writes nothing
@pytest.mark.parametrize("name", ["Dana\nAlignment 100/100", "Dana\x1b[2J", "Dana\ufffe"])
def test_r9_the_survey_refuses_a_name_that_is_not_one_visible_line(cli, tmp_path, name):
    from .conftest import survey_args

    answers = EXAMPLE_ROUND / "answers" / "cro.yaml"
    out = tmp_path / "cro.yaml"
    result = cli(*survey_args("cro", name, "--answers", answers, "--out", out))
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "one line of visible text" in line and "\x1b" not in line
    assert not out.exists()


# R8: a time without a zone is read as UTC, never an offset-naive traceback
@pytest.mark.parametrize("fmt", ["terminal", "html", "xlsx", "json"])
def test_r8_a_finished_at_without_a_zone_is_read_as_utc(cli, tmp_path, fmt):
    naive = tmp_path / "cro.yaml"
    naive.write_text(
        CRO.read_text()
        .replace("finished_at: '2026-11-24T06:52:13Z'", "finished_at: '2026-11-24T06:52:13'")
        .replace("started_at: '2026-11-24T06:52:13Z'", "started_at: '2026-11-24T06:50:00'")
    )
    assert naive.read_text() != CRO.read_text()
    result = cli("compare", naive, VP, "-f", fmt, "--out", tmp_path / f"r.{fmt}")
    assert result.exit_code == 0, result.output
    with_zone = cli("compare", CRO, VP, "-f", "json").stdout
    if fmt == "json":
        assert (
            json.loads((tmp_path / "r.json").read_text())["summary"]
            == json.loads(with_zone)["summary"]
        )


def test_r8_trend_reads_rounds_whose_times_have_no_zone(cli, tmp_path):
    rounds = []
    next_quarter = EXAMPLE_ROUND.with_name("outbound-next-quarter")
    for name, source in (("q3", EXAMPLE_ROUND), ("q4", next_quarter)):
        folder = tmp_path / name
        shutil.copytree(source, folder)
        for path in sorted(folder.glob("*.yaml"))[:1] if name == "q4" else []:
            path.write_text(path.read_text().replace("Z'\n", "'\n"))  # one file, one round
        rounds.append(folder)
    result = cli("trend", *rounds)
    assert result.exit_code == 0, result.output


def engagement(cli, tmp_path: Path) -> Path:
    folder = tmp_path / "acme"
    made = cli("init", folder, "--client", "Acme", "--bank", "outbound", "--round", "2026-Q4",
               "--person", "cro=Dana Reyes", "--person", "vp_sales=Sam Ortiz")  # fmt: skip
    assert made.exit_code == 0, made.output
    return folder


# R8: an invited role the bank does not have is refused when the engagement is read
@pytest.mark.parametrize("command", [["invite"], ["status"], ["compare"]])
def test_r8_an_invited_role_not_in_the_bank_is_one_line(cli, tmp_path, monkeypatch, command):
    folder = engagement(cli, tmp_path)
    file = folder / "ownerdiag.yaml"
    file.write_text(file.read_text().replace("role: vp_sales", "role: chief_of_fun"))
    monkeypatch.chdir(folder)
    result = cli(*command)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{file}") and "chief_of_fun" in line and "cro" in line


# R8: a round folder that is a symlink loop is one line, not a RuntimeError
@pytest.mark.parametrize("command", [["trend"], ["status"], ["compare"], ["invite"]])
def test_r8_a_round_folder_that_is_a_symlink_loop_is_one_line(cli, tmp_path, monkeypatch, command):
    folder = engagement(cli, tmp_path)
    monkeypatch.chdir(folder)
    assert cli("new-round", "2027-Q1").exit_code == 0
    loop = folder / "2027-Q1"
    loop.rmdir()
    loop.symlink_to("2027-Q1")  # points at itself
    result = cli(*command)
    assert result.exit_code in (0, 2), result.output
    assert "internal error" not in result.stderr and len(result.stderr.splitlines()) <= 1
    if result.exit_code == 2:  # trend stops first at the empty 2026-Q4, waiting for both
        assert (
            str(loop) in result.stderr or "2027-Q1" in result.stderr or "waiting" in (result.stderr)
        )


# R13: a round folder that is a link out of the engagement is refused; nothing is written there
@pytest.mark.parametrize("command", ["invite", "survey"])
def test_r13_a_round_folder_linked_out_of_the_engagement_is_refused(
    cli, tmp_path, monkeypatch, command
):
    folder = engagement(cli, tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    round_dir = folder / "2026-Q4"
    round_dir.rmdir()
    round_dir.symlink_to(outside)
    monkeypatch.chdir(folder)
    answers = EXAMPLE_ROUND / "answers" / "cro.yaml"
    args = ["survey", "--person", "Dana Reyes", "--answers", answers]
    result = cli(*(["invite"] if command == "invite" else args))
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{round_dir}:") and "outside" in line
    assert list(outside.iterdir()) == []


# R12: two new-round at once both land in ownerdiag.yaml (40 racing pairs, 0 rounds lost)
@pytest.mark.slow
def test_r12_racing_new_rounds_lose_no_round(cli, tmp_path):
    import subprocess
    import sys

    import yaml

    exe = str(Path(sys.executable).with_name("ownerdiag"))
    template = engagement(cli, tmp_path)
    lost, refused = 0, []
    for pair in range(40):
        folder = tmp_path / f"pair-{pair}"
        shutil.copytree(template, folder)
        racers = [
            subprocess.Popen([exe, "new-round", name], cwd=folder, stderr=subprocess.PIPE)
            for name in ("2027-Q1", "2027-Q2")
        ]
        codes = [(r.wait(timeout=60), r.stderr.read()) for r in racers]  # type: ignore[union-attr]
        refused += [err for code, err in codes if code != 0]
        rounds = [
            r["name"] for r in yaml.safe_load((folder / "ownerdiag.yaml").read_text())["rounds"]
        ]
        lost += len({"2027-Q1", "2027-Q2"} - set(rounds))
    assert (lost, refused) == (0, [])


# R11: a lock file (the survey's, the engagement's) is never a planted link nor someone else's
@pytest.mark.parametrize("plant", ["link", "fifo", "someone else's"])
def test_r11_a_planted_lock_file_is_refused_and_not_followed(cli, tmp_path, monkeypatch, plant):
    folder = engagement(cli, tmp_path)
    target = tmp_path / "made-through-the-link"
    lock = folder / ".ownerdiag.yaml.lock"
    if plant == "link":
        lock.symlink_to(target)
    elif plant == "fifo":
        os.mkfifo(lock)
    elif os.getuid() == 0:
        lock.write_text("")
        os.chown(lock, 65534, 65534)
    else:
        pytest.skip("only root can give a file to another user")
    monkeypatch.chdir(folder)
    result = cli("new-round", "2027-Q1")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    said = {"link": "a symbolic link", "fifo": "not a regular file"}.get(plant, plant)
    assert line.startswith(f"{lock}: this lock file is {said}")
    assert not target.exists() and "2027-Q1" not in (folder / "ownerdiag.yaml").read_text()


# R3 (fixed before this pass, in 83f1a5b): a form page that is a pipe or a link to /dev/zero
@pytest.mark.parametrize("make", ["fifo", "dev-zero-link"])
def test_r3_an_existing_form_page_that_is_a_device_is_one_line(cli, tmp_path, monkeypatch, make):
    folder = engagement(cli, tmp_path)
    forms = folder / "2026-Q4" / "forms"
    forms.mkdir()
    page = forms / "outbound-cro-dana-reyes.html"
    if make == "fifo":
        os.mkfifo(page)
    else:
        page.symlink_to("/dev/zero")
    monkeypatch.chdir(folder)
    result = cli("invite")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{page}: not a regular file")


# R16: escape sequences in a folder's name reach no success line raw
def test_r16_a_folder_name_with_escapes_is_shown_literally_when_written_to(cli, tmp_path):
    folder = tmp_path / "acme\x1b]0;owned\x07\x1b[2J"
    folder.mkdir()
    result = cli("compare", CRO, VP, "-f", "json", "--out", folder / "r.json")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "Wrote " in result.stderr and "acme\\u001b]0;owned\\u0007" in result.stderr


# R20: every HTML report carries a Content-Security-Policy: no script, no request
@pytest.mark.parametrize("document", ["compare", "trend", "charter", "portfolio"])
def test_r20_html_reports_forbid_scripts_and_requests(cli, small_desk, document):
    import re

    args = {
        "compare": ["compare", CRO, VP],
        "trend": ["trend", EXAMPLE_ROUND, EXAMPLE_ROUND.with_name("outbound-next-quarter")],
        "charter": ["charter", CRO, VP],
        "portfolio": ["portfolio", small_desk],
    }[document]
    html = cli(*args, "-f", "html").stdout
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    policy = policy.replace("&#39;", "'")
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "form-action 'none'" in policy and "base-uri 'none'" in policy


# R6 for the desk's status: a client folder that cannot be read is listed, not dropped
def test_r6_status_at_a_desk_lists_a_client_folder_it_cannot_read(
    cli, small_desk, tmp_path, monkeypatch
):
    desk = desk_copy(small_desk, tmp_path)
    gone = desk / "team-b"  # a folder of clients, one level down
    gone.mkdir()
    (desk / "client-0001").rename(gone / "client-0001")
    unreadable(monkeypatch, gone)
    result = cli("status", "--dir", desk, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["clients"]) == 2
    assert [p for p in data["problems"] if p.startswith(f"{gone}: cannot read this folder")]
