"""The one error type the core raises for bad input; the CLI turns it into exit code 2."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we know."""

    message: str
    source: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""

    def location(self) -> str:
        parts = [self.source or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


@dataclass
class InputError(Exception):
    """Bad user input: one or more problems, each printed on its own line."""

    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def single(cls, message: str, source: str = "", hint: str = "", **where: int) -> InputError:
        return cls([Problem(message, source, where.get("line"), where.get("column"), hint)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
