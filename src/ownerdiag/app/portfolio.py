"""``portfolio``: one org against every org assessed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ownerdiag.app.outcome import Document, Outcome
from ownerdiag.errors import InputError


def portfolio(
    folders: Sequence[Path],
    *,
    org: str | None,
    names: bool,
    strict: bool,
    format: str | None,
    out: Path | None,
    force: bool,
    pager: bool,
    bank_dirs: Sequence[Path],
    min_orgs: int = 5,
    items: bool = False,
) -> Outcome:
    """Anonymised unless ``names``; files that cannot be read are listed (``strict``: fail)."""
    from ownerdiag.core.portfolio import anonymised
    from ownerdiag.core.portfolio import portfolio as compute
    from ownerdiag.files.portfolio import read_desk

    desk = read_desk(list(folders), list(bank_dirs))
    orgs, problems = desk.orgs, desk.problems
    if strict and problems:
        raise InputError(problems)
    if not orgs:
        raise InputError.single("no readable engagement or round found", str(folders[0]))
    shown = orgs if names else anonymised(orgs, org)
    if names or not problems:
        skipped = [str(p) for p in problems]
    else:  # each line names a client's folder
        skipped = [f"{len(problems)} round(s) could not be read; --names lists them"]
    if names or not desk.waiting:
        waiting = desk.waiting
    else:
        waiting = [f"{len(desk.waiting)} org(s) with no complete round yet; --names lists them"]
    result = compute(shown, org, skipped, min_orgs=min_orgs, items=items, waiting=waiting)
    if org and result.standing is None:
        raise InputError.single(f"no org named {org!r} here", "--org", "check the client name")
    return Outcome(Document("portfolio", result, format, out, force, pager=pager))
