"""``ownerdiag status`` as plain data (the JSON contract) and as lines for the terminal."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.engagement import Desk, EngagementStatus


def status_json(result: EngagementStatus) -> dict[str, Any]:
    bank = result.bank
    return {
        "client": result.client,
        "bank": {"id": bank.id, "version": bank.version, "questions": len(bank.questions)},
        "rounds": [
            {
                "round": r.round,
                "people": [
                    {
                        "name": p.person.name,
                        "role": p.person.role,
                        "state": p.state,
                        "file": p.file or None,
                        "answered_on": p.answered_on.isoformat() if p.answered_on else None,
                        "answers": p.answers,
                    }
                    for p in r.people
                ],
                "stray": [{"file": f, "reason": why} for f, why in r.stray],
            }
            for r in result.rounds
        ],
    }


def status_lines(result: EngagementStatus) -> list[str]:
    bank, size = result.bank, len(result.bank.questions)
    lines = [f"{result.client} — bank {bank.id} {bank.version} ({size} questions)"]
    for r in result.rounds:
        lines += ["", r.round]
        width = max(len(f"{p.person.name} ({p.person.role})") for p in r.people)
        for p in r.people:
            who = f"{p.person.name} ({p.person.role})".ljust(width)
            if p.state == "answered":
                lines.append(f"  ✓ {who}  answered {p.answered_on}  {p.file}")
            elif p.state == "part-way":
                lines.append(f"  … {who}  part-way: {p.answers} of {size} answers  {p.file}")
            else:
                lines.append(f"  ✗ {who}  missing")
        lines += [f"  ! {file}: {why}" for file, why in r.stray]
    return lines


def desk_json(desk: Desk) -> dict[str, Any]:
    return {
        "clients": [
            {
                "client": line.client,
                "folder": line.folder,
                "round": line.round,
                "answered": line.answered,
                "invited": line.invited,
                "waiting": line.waiting,
                "waiting_days": line.waiting_days,
                "meeting_held": line.meeting_held,
            }
            for line in desk.lines
        ],
        "problems": desk.problems,
    }


def desk_lines(desk: Desk) -> list[str]:
    """One line per client: round, answered of invited, who is waiting and for how long."""
    width = max((len(line.client) for line in desk.lines), default=0)
    lines = []
    for line in desk.lines:
        head = f"{line.client.ljust(width)}  {line.round}  {line.answered}/{line.invited} answered"
        if line.waiting:
            since = (
                " (not invited yet: ownerdiag invite)"
                if line.waiting_days is None
                else f" (invited {_days(line.waiting_days)})"
            )
            head += f"  waiting for {', '.join(line.waiting)}{since}"
        else:
            head += "  meeting held" if line.meeting_held else "  ready for the meeting"
        lines.append(head)
    return lines + [f"! {problem}" for problem in desk.problems]


def _days(days: int) -> str:
    return "today" if days <= 0 else "1 day ago" if days == 1 else f"{days} days ago"
