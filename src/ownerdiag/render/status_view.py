"""``ownerdiag status`` as plain data (the JSON contract) and as lines for the terminal."""

from __future__ import annotations

from typing import Any

from ownerdiag.core.engagement import EngagementStatus


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
