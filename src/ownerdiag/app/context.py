"""What "inside an engagement" means for a command, decided once per command: the files,
bank, title and person that come from ``ownerdiag.yaml`` when none are given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ownerdiag.errors import InputError
from ownerdiag.files import engagements
from ownerdiag.files.engagements import Found


@dataclass
class EngagementContext:
    """The engagement the working folder (or ``start``) is in, looked up once, when needed."""

    start: Path | None = None
    bank_dirs: Sequence[Path] = ()
    _found: Found | None = field(default=None, init=False, repr=False)

    @property
    def found(self) -> Found:
        if self._found is None:
            self._found = engagements.required(self.start)
        return self._found

    def bank(self) -> Any:
        return self.found.bank(self.bank_dirs)

    def response_files(
        self, files: Sequence[Path], bank: str | None, title: str, round_name: str | None = None
    ) -> tuple[list[Path], str | None, str]:
        """The responses a command reads, the bank they answered, and the document's title:

        * ``--round NAME`` inside an engagement, or no files at all: that round's (else the
          round of the folder you stand in, else the current round's) invited responses;
        * one folder: a round folder of an engagement as above, or any folder's response files;
        * files: those, titled by client and round when they sit in an engagement's round.
        """
        if round_name is not None or not files:
            return self._round(round_name, bank, title)
        if len(files) == 1 and files[0].is_dir():
            return self._folder(files[0], bank, title)
        engagements.check_invitations(files, self.bank_dirs)
        return list(files), bank, title.strip() or self._title_of(files[0].parent)

    def _round(
        self, name: str | None, bank: str | None, title: str
    ) -> tuple[list[Path], str | None, str]:
        from ownerdiag.files.banks import resolve

        found = self.found
        if name is not None:
            chosen = engagements.round_named(found, name)
        else:
            here = engagements.round_of(found, self.start or Path.cwd())
            chosen = here or found.engagement.current
        ref = bank or found.bank_ref(chosen)
        done = engagements.round_responses(found, resolve(ref, self.bank_dirs).bank, chosen)
        return done, ref, title.strip() or found.title(chosen)

    def _folder(
        self, folder: Path, bank: str | None, title: str
    ) -> tuple[list[Path], str | None, str]:
        found = engagements.find(folder)
        chosen = engagements.round_of(found, folder) if found is not None else None
        if (
            found is not None
            and chosen is not None
            and found.round_dir(chosen).resolve() == folder.resolve()
        ):
            return EngagementContext(folder, self.bank_dirs)._round(chosen.name, bank, title)
        from ownerdiag.files.collect import load_round

        loaded, bank_file = load_round(folder)
        ref = bank or (str(bank_file) if bank_file else None)
        return [item.path for item in loaded], ref, title.strip()

    def _title_of(self, folder: Path) -> str:
        """ "Client — round" for files in an engagement's round folder itself (not a folder
        below it, whose files are not the round's), else nothing."""
        found = engagements.find(folder)
        chosen = engagements.round_of(found, folder) if found is not None else None
        if found is None or chosen is None:
            return ""
        return found.title(chosen) if found.round_dir(chosen).resolve() == folder.resolve() else ""

    def trend_rounds(
        self, rounds: Sequence[Path], labels: Sequence[str], names: Sequence[str] = ()
    ) -> tuple[list[Any], list[str], str, list[str]]:
        """The folders given; or, with none, the engagement's rounds (``names``, else every
        round that can be compared: one still waiting for answers is left out, with a note),
        each with the invited responses that count in it and its own bank, labelled by name,
        titled by the client."""
        if rounds:
            return [self._round_input(folder) for folder in rounds], list(labels), "", []
        found = self.found
        chosen = [engagements.round_named(found, n) for n in names]
        notes = []
        if not chosen:
            for each in found.engagement.rounds:
                done, waiting = engagements.counted(found, found.bank(self.bank_dirs, each), each)
                if len(done) < 2:
                    notes.append(f"Round {each.name} left out: waiting for {', '.join(waiting)}.")
                else:
                    chosen.append(each)
        if notes and len(chosen) < 2:
            raise InputError.single(
                f"{len(chosen)} round(s) of this engagement can be compared yet; a trend needs "
                "two. " + " ".join(notes),
                str(found.file),
                "run trend once a second round is answered",
            )
        inputs = [self._engagement_round(found, each) for each in chosen]
        names = list(labels) or [r.name for r in chosen]
        return inputs, names, found.engagement.client, notes

    def _round_input(self, folder: Path) -> Any:
        """A folder given by path: an engagement's round is read as that round, with its
        invitations; any other folder as its response files."""
        from ownerdiag.files.collect import RoundInput

        found = engagements.find(folder) if folder.is_dir() else None
        chosen = engagements.round_of(found, folder) if found is not None else None
        if found is None or chosen is None:
            return RoundInput(folder)
        if found.round_dir(chosen).resolve() != folder.resolve():
            return RoundInput(folder)
        return self._engagement_round(found, chosen)

    def _engagement_round(self, found: Found, chosen: Any) -> Any:
        from ownerdiag.files.collect import RoundInput

        bank = found.bank(self.bank_dirs, chosen)
        files = engagements.round_responses(found, bank, chosen)
        return RoundInput(found.round_dir(chosen), files, found.bank_ref(chosen))

    def survey_target(
        self, bank: str, role: str, name: str, person: str, out: Path | None
    ) -> tuple[Any, str, str, Path | None, tuple[str, str] | None]:
        """The bank, role, name, output file and invitation (round, token) of a survey: as
        given, or, with ``person``, from the engagement's current round."""
        from ownerdiag.files.banks import resolve

        if not person:
            if not bank or not role:
                raise InputError.single(
                    "which bank and role?",
                    "--bank",
                    "give --bank and --role, or --person NAME inside an engagement folder",
                )
            return resolve(bank, self.bank_dirs).bank, role, name, out, None
        invited = self._invited(person, role, name)
        chosen = self.bank()
        if bank and resolve(bank, self.bank_dirs).bank.id != chosen.id:
            raise InputError.single(
                f"this engagement answers bank {chosen.id}, not {bank}",
                "--bank",
                "leave --bank out",
            )
        target = out or engagements.response_out(self.found, chosen, invited.role, invited.name)
        return chosen, invited.role, invited.name, target, self._invitation(invited)

    def _invitation(self, person: Any) -> tuple[str, str] | None:
        """The current round's invitation for ``person``; none in a round made before
        invitations existed."""
        current = self.found.engagement.current
        token = current.invitations.get(person.role)
        if token is None and current.opened is not None:
            raise InputError.single(
                f"{person.name} has no invitation for round {current.name} yet",
                str(self.found.file),
                "run ownerdiag invite first",
            )
        return (current.name, token) if token else None

    def _invited(self, person: str, role: str, name: str) -> Any:
        engagement = self.found.engagement
        invited = engagement.person(person)
        if invited is None:
            names = ", ".join(p.name for p in engagement.people)
            raise InputError.single(
                f"{person!r} is not invited to this engagement", "--person", f"invited: {names}"
            )
        if (role and role != invited.role) or (name and name != invited.name):
            raise InputError.single(
                f"--person {person!r} is {invited.name} ({invited.role}) in this engagement",
                "--person",
                "leave --role and --name out: they come from ownerdiag.yaml",
            )
        return invited
