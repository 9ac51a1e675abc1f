"""What a question kind reads from its bank: who can own things, and their names.

A protocol, so the kinds do not import the bank model that holds them (``core.models`` imports
the kinds; nothing here imports it back)."""

from __future__ import annotations

from typing import Protocol

from ownerdiag.core.fields import Choice


class Bank(Protocol):
    @property
    def roles(self) -> dict[str, str]: ...

    @property
    def short_labels(self) -> dict[str, str]: ...

    def owner_choices(self) -> list[Choice]: ...

    def owner_label(self, owner: str | None) -> str: ...
