"""The consultant's desk: ``init``, ``invite``, ``status`` and ``new-round``."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from ownerdiag.app.common import check_name
from ownerdiag.app.context import EngagementContext
from ownerdiag.app.outcome import Document, Outcome
from ownerdiag.errors import Fix, InputError


def parse_person(text: str, roles: dict[str, str]) -> tuple[str, str]:
    """``cro=Dana Reyes`` -> (role, name), the role checked against the bank."""
    role, sep, name = text.partition("=")
    role, name = role.strip(), " ".join(name.split())
    if not sep or not name:
        raise InputError.single(
            f"{text!r} is not ROLE=NAME", "--person", 'write it as --person "cro=Dana Reyes"'
        )
    if role not in roles:
        raise InputError.single(
            f"{role!r} is not a role of this bank", "--person", f"roles: {', '.join(roles)}"
        )
    return role, check_name(name, "--person")


def init(
    folder: Path,
    *,
    client: str,
    bank: str,
    people: Sequence[str],
    round_name: str | None,
    force: bool,
    bank_dirs: Sequence[Path],
) -> Outcome:
    """An engagement folder: ownerdiag.yaml, the first round's folder and a README.txt."""
    from ownerdiag.core.engagement import ENGAGEMENT_FILE, quarter
    from ownerdiag.files import engagements
    from ownerdiag.files.banks import resolve
    from ownerdiag.files.storage import make_folder, refuse_overwrite, write_atomic
    from ownerdiag.files.yamlio import read_bounded

    entry = resolve(bank, bank_dirs)
    target = folder / ENGAGEMENT_FILE
    refuse_overwrite(target, force, "an engagement file", fix=Fix.FORCE)
    if not people:
        raise InputError.single(
            "nobody invited", "--person", 'add --person "cro=Dana Reyes" for each leader'
        )
    invited = [parse_person(p, entry.bank.roles) for p in people]
    engagement = engagement_from(
        client=client.strip(),
        bank=pinned_bank_name(entry.bank.id, entry.bank.version),
        people=[{"role": r, "name": n} for r, n in invited],
        rounds=[opened_round(round_name or quarter(date.today()), [r for r, _ in invited])],
    )
    round_dir = folder / engagement.current.name
    make_folder(round_dir)
    # the engagement keeps its own copy of the bank: a new release never changes its rounds
    write_atomic(folder / engagement.bank, read_bounded(entry.path), force=force)
    write_atomic(target, engagements.to_yaml(engagement))
    readme = folder / "README.txt"
    if force or not readme.exists():
        write_atomic(readme, engagements.readme(engagement), force=True)
    return Outcome(
        notes=[
            f"Set up {folder}: {engagement.client}, bank {entry.bank.id}, round {round_dir.name}.",
            f"Next: cd {shlex.quote(str(folder))} && ownerdiag invite",
        ]
    )


def opened_round(name: str, roles: Sequence[str]) -> dict[str, Any]:
    """A new round as the engagement file keeps it: opened now, one invitation per role."""
    return {
        "name": name,
        "opened": datetime.now(timezone.utc).replace(microsecond=0),
        "invitations": {role: new_token() for role in roles},
    }


def new_token() -> str:
    import secrets

    from ownerdiag.core.invitation import TOKEN_BYTES

    return secrets.token_urlsafe(TOKEN_BYTES)


def pinned_bank_name(bank_id: str, version: str) -> str:
    """The file an engagement keeps its bank in, beside ``ownerdiag.yaml``."""
    from ownerdiag.files.documents import slug

    return f"bank-{slug(bank_id)}-{slug(version)}.yaml"


def engagement_from(**fields: Any) -> Any:
    """An :class:`Engagement`, or what is wrong with the values given, as for the file."""
    from ownerdiag.core.engagement import ENGAGEMENT_FILE, Engagement
    from ownerdiag.files.schema import validate
    from ownerdiag.files.yamlio import Document as YamlDocument

    stamp = Engagement.model_fields["format"].default
    return validate(
        Engagement, YamlDocument({"format": stamp, **fields}, ENGAGEMENT_FILE), "engagement"
    )


def invite(start: Path | None, *, force: bool, bank_dirs: Sequence[Path]) -> Outcome:
    """For each person: the survey command to run here, and a browser form in the round that
    carries their invitation."""
    from ownerdiag.files import engagements
    from ownerdiag.files.storage import make_folder, write_atomic
    from ownerdiag.render.form_html import form_page

    context = EngagementContext(start, bank_dirs)
    found, bank = with_invitations(context.found), context.bank()
    forms = found.round_to_write() / "forms"
    make_folder(forms)
    lines = []
    for person in found.engagement.people:
        response = engagements.response_out(found, bank, person.role, person.name)
        page = forms / response.with_suffix(".html").name
        token = found.engagement.current.invitations.get(person.role)
        invitation = (found.engagement.current.name, token) if token else None
        key = storage_key(token) if token else legacy_form_key(found, person)
        text = form_page(bank, person.role, person.name, key, invitation)
        if page.exists() and not force and _differs(page, text):
            note = "kept (it differs: --force to replace)"
        else:
            write_atomic(page, text, force=True)
            note = "written"
        lines += [
            f"{person.name} ({bank.roles[person.role]}):",
            "  in a terminal, in this folder: ownerdiag survey --person "
            + shlex.quote(person.name),
            f"  in a browser: send {page.relative_to(found.root)} to {person.name} alone ({note})",
        ]
    where = found.round_dir().relative_to(found.root)
    return Outcome(
        lines=lines,
        notes=[
            f"Responses that come back by e-mail go into {where}/."
            + (
                " Each form carries its person's invitation for this round: send it to that "
                "person only."
                if found.engagement.current.invitations
                else ""
            )
        ],
    )


def with_invitations(found: Any) -> Any:
    """The engagement with an invitation for everyone in its current round, saved (under the
    engagement's lock) when one had to be made: a person added by hand. A round made before
    invitations existed (no opening time) is left as it was: its responses carry none."""
    from ownerdiag.files import engagements

    def missing(engagement: Any) -> list[str]:
        current = engagement.current
        if current.opened is None:
            return []
        return [p.role for p in engagement.people if p.role not in current.invitations]

    def add_missing(engagement: Any) -> Any:
        data = engagement.model_dump()
        made = {role: new_token() for role in missing(engagement)}
        data["rounds"][-1]["invitations"] = {**engagement.current.invitations, **made}
        return engagement_from(**data)

    if not missing(found.engagement):
        return found
    return engagements.Found(found.root, engagements.update(found, add_missing))


def storage_key(token: str) -> str:
    from ownerdiag.core.invitation import storage_key as key

    return key(token)


def legacy_form_key(found: Any, person: Any) -> str:
    """A form's storage key in a round without invitations: stable for one person in one
    round of one engagement, whenever the form is written."""
    import hashlib

    parts = (str(found.root.resolve()), found.engagement.current.name, person.role, person.name)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def _differs(page: Path, text: str) -> bool:
    """Whether the form already there is another page; read the careful way, so a pipe or a
    device in its place is refused in one line rather than waited on."""
    from ownerdiag.files.yamlio import read_bounded

    return read_bounded(page, max_bytes=4 * 1024 * 1024) != text.encode("utf-8")


def new_round(
    start: Path | None,
    name: str | None,
    *,
    bank_upgrade: bool = False,
    bank_dirs: Sequence[Path] = (),
) -> Outcome:
    """The next round, opened now with an invitation for everyone; with ``bank_upgrade``, on
    the current version of the engagement's bank, earlier rounds staying on theirs."""
    from ownerdiag.core.engagement import next_quarter
    from ownerdiag.files import engagements
    from ownerdiag.files.storage import make_folder

    found = EngagementContext(start).found
    notes: list[str] = []
    pinned: str | None = None
    if bank_upgrade:
        pinned, notes = _upgraded_bank(found, bank_dirs)

    def add_round(engagement: Any) -> Any:  # the file as it is now, under its lock
        latest = name or next_quarter(engagement.current.name, date.today())
        current = engagement.model_dump()
        roles = [p.role for p in engagement.people]
        rounds = [*current["rounds"], opened_round(latest, roles)]
        if pinned is not None:
            for each in rounds[:-1]:  # the rounds before keep the bank they were answered on
                each["bank"] = each.get("bank") or current["bank"]
            current["bank"] = pinned
        return engagement_from(**{**current, "rounds": rounds})

    chosen = engagements.update(found, add_round).current.name
    make_folder(found.root / chosen)
    return Outcome(
        notes=[
            *notes,
            f"Round {chosen} started in {found.root / chosen}. Next: ownerdiag invite",
        ]
    )


def _upgraded_bank(found: Any, bank_dirs: Sequence[Path]) -> tuple[str, list[str]]:
    """The current version of the engagement's bank, pinned beside ``ownerdiag.yaml``, and
    what changed since the version the engagement was on."""
    from ownerdiag.core.upgrade import bank_changes, version_key
    from ownerdiag.files.banks import resolve
    from ownerdiag.files.storage import write_atomic
    from ownerdiag.files.yamlio import read_bounded

    pinned = found.bank(bank_dirs)
    try:
        latest = resolve(pinned.id, bank_dirs)
    except InputError:
        raise InputError.single(
            f"no bank {pinned.id!r} to upgrade to: it is not built in nor in a --bank-dir",
            "--bank-upgrade",
            "add --bank-dir with the folder holding the new version",
        ) from None
    changes = bank_changes(pinned, latest.bank)
    if found.bank_file() is None:  # named by id, from before banks were pinned
        target = pinned_bank_name(latest.bank.id, latest.bank.version)
        write_atomic(found.root / target, read_bounded(latest.path), force=True)
        return target, [
            f"Bank {changes.new} pinned for the new round as {target}. Earlier rounds name "
            f"the bank by id: keep a copy of the bank file they answered beside "
            "ownerdiag.yaml and set their bank: to its file name (README: upgrades)."
        ]
    if latest.bank.content_hash() == pinned.content_hash():
        return found.engagement.bank, [
            f"Bank {changes.old} is already the current version; the new round keeps it."
        ]
    if version_key(latest.bank.version) < version_key(pinned.version):
        raise InputError.single(
            f"the bank found, {changes.new}, is older than this engagement's {changes.old}",
            "--bank-upgrade",
            "leave --bank-upgrade out, or give --bank-dir with the newer version",
        )
    target = pinned_bank_name(latest.bank.id, latest.bank.version)
    if (found.root / target).exists() and found.bank_file() != str(found.root / target):
        target = pinned_bank_name(latest.bank.id, latest.bank.content_hash()[7:15])
    write_atomic(found.root / target, read_bounded(latest.path), force=True)
    return target, changed_lines(changes)


def changed_lines(changes: Any) -> list[str]:
    """What a bank upgrade changed, one line per kind of change."""
    if changes.same:
        return [f"Bank {changes.old} → {changes.new}: every question asked and judged as before."]
    lines = [f"Bank {changes.old} → {changes.new}; earlier rounds keep {changes.old}:"]
    for what, ids, after in (
        ("added", changes.added, ""),
        ("removed", changes.removed, ""),
        ("reworded", changes.reworded, " (trend lists them as not comparable)"),
        ("re-keyed", changes.rekeyed, " (the framework's answer or lane changed)"),
    ):
        if ids:
            shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
            lines.append(f"  {len(ids)} {what}: {shown}{after}")
    return lines


def status(start: Path | None, *, format: str, check: bool, bank_dirs: Sequence[Path]) -> Outcome:
    """Who has answered; ``check`` trips while anyone in the current round is missing. At a
    folder holding engagements (a desk), one line per client."""
    from ownerdiag.core.engagement import EngagementStatus
    from ownerdiag.files import engagements

    chosen = "terminal" if format == "table" else format
    if engagements.find(start) is None:
        unreadable: list[str] = []
        clients = engagements.engagements_under(start or Path.cwd(), unreadable=unreadable)
        if clients:
            desk = _desk(clients, bank_dirs, unreadable)
            return Outcome(
                Document("desk", desk, chosen, pager=False), tripped=check and desk.anyone_missing
            )
    context = EngagementContext(start, bank_dirs)
    bank = context.bank()
    rounds = engagements.status(context.found, bank_dirs)
    result = EngagementStatus(context.found.engagement.client, bank, rounds)
    return Outcome(
        Document("status", result, chosen, pager=False), tripped=check and result.not_ready
    )


def _desk(folders: Sequence[Path], bank_dirs: Sequence[Path], unreadable: list[str]) -> Any:
    """Each engagement's current round; one that cannot be read is a problem line."""
    from ownerdiag.core.engagement import Desk, desk_line
    from ownerdiag.files import engagements

    lines, problems = [], list(unreadable)
    for folder in folders:
        try:
            found = engagements.required(folder)
            now = found.engagement.current
            current = engagements.round_status_of(found, now, found.bank(bank_dirs, now))
        except InputError as exc:
            problems.append(str(exc.problems[0]))
            continue
        lines.append(
            desk_line(
                found.engagement.client,
                folder.name,
                current,
                invited_on=engagements.invited_on(found),
                today=date.today(),
                meeting_held=engagements.meeting_held(found),
            )
        )
    return Desk(lines, problems)
