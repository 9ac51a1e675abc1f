"""The question kinds, and the registry that makes each one a valid ``kind:`` in a bank.

Adding a kind: a module beside these with one :class:`QuestionBase` subclass, and its class in
the tuple registered below. A test can add one for its own length with
``ownerdiag.core.models.register_kind`` (which also rebuilds the bank model to accept it).
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema

from ownerdiag.core.kinds.base import QuestionBase
from ownerdiag.core.kinds.cadence import CadenceQuestion
from ownerdiag.core.kinds.choice import ChoiceQuestion
from ownerdiag.core.kinds.owner import OwnerQuestion
from ownerdiag.core.kinds.scale import ScaleQuestion
from ownerdiag.core.kinds.text import TextQuestion
from ownerdiag.core.kinds.yes_no import YesNoQuestion

KINDS: dict[str, type[QuestionBase]] = {}
"""Kind name -> class, in the order reports show their groups."""


def kind_name(cls: type[QuestionBase]) -> str:
    (name,) = cls.model_fields["kind"].annotation.__args__  # type: ignore[union-attr]
    return str(name)


def register(cls: type[QuestionBase]) -> type[QuestionBase]:
    KINDS[kind_name(cls)] = cls
    return cls


def unregister(cls: type[QuestionBase]) -> None:
    KINDS.pop(kind_name(cls), None)


for _cls in (
    OwnerQuestion,
    CadenceQuestion,
    YesNoQuestion,
    ScaleQuestion,
    TextQuestion,
    ChoiceQuestion,
):
    register(_cls)


class _AnyRegisteredKind:
    """Validates a question as whichever registered kind its ``kind`` names.

    The union is built when a model using it is built, so a rebuilt model sees every kind
    registered by then.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        kinds = tuple(KINDS.values())
        union = Union[kinds] if len(kinds) > 1 else kinds[0]  # noqa: UP007
        return handler.generate_schema(Annotated[union, Field(discriminator="kind")])


Question = Annotated[QuestionBase, _AnyRegisteredKind()]
"""A question of any registered kind (typed as the base for the code that uses it)."""

__all__ = ["KINDS", "Question", "QuestionBase", "register", "unregister"]
