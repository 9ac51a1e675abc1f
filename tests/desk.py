"""A generated consultant's desk: many engagements, each with rounds of random answers. Used by
the portfolio tests and by benchmarks/desk_bench.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from random import Random

from ownerdiag.core.answers import start
from ownerdiag.core.engagement import Engagement, Person, Round
from ownerdiag.core.models import Bank
from ownerdiag.files.banks import builtin_dir, load_bank
from ownerdiag.files.documents import to_yaml
from ownerdiag.files.engagements import to_yaml as engagement_yaml

NAMES = ["Dana Reyes", "Sam Ortiz", "Alex Chen"]
ROUNDS = ["2026-Q3", "2026-Q4"]


def _random(bank: Bank, rng: Random, org: int) -> dict[str, object]:
    return random_answers(bank, rng)


def random_answers(bank: Bank, rng: Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    for question in bank.questions:
        options = question.prompt_spec(bank).options
        answers[question.id] = rng.choice(options).value if options else "In our own words."
    return answers


AnswerMaker = Callable[[Bank, Random, int], dict[str, object]]


def make_desk(
    folder: Path,
    orgs: int,
    seed: int = 1,
    bank_names: Sequence[str] = ("outbound", "revenue-leadership"),
    answers: AnswerMaker | None = None,
) -> list[str]:
    """``orgs`` engagements under ``folder`` (two rounds each; two or three leaders), on the
    banks named in turn, returning the client names. ``answers(bank, rng, org)`` gives each
    leader's answers (default: at random). Deterministic for a seed."""
    rng = Random(seed)
    banks = [load_bank(builtin_dir() / f"{name}.yaml") for name in bank_names]
    when = datetime(2026, 11, 1, tzinfo=timezone.utc)
    clients = []
    for n in range(orgs):
        bank = banks[n % len(banks)]
        client = f"Client {n:04d}"
        clients.append(client)
        people = [Person(name=NAMES[i], role=role) for i, role in enumerate(bank.roles)]
        engagement = Engagement(
            client=client, bank=bank.id, people=people, rounds=[Round(name=r) for r in ROUNDS]
        )
        root = folder / f"client-{n:04d}"
        root.mkdir(parents=True)
        (root / "ownerdiag.yaml").write_text(engagement_yaml(engagement))
        for round_name in ROUNDS:
            (root / round_name).mkdir()
            for person in people:
                response = start(bank, person.role, person.name, when, "bench").model_copy(
                    update={
                        "answers": (answers or _random)(bank, rng, n),
                        "complete": True,
                        "finished_at": when,
                    }
                )
                (root / round_name / f"{person.role}.yaml").write_text(to_yaml(response))
    return clients
