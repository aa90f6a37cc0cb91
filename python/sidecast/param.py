"""`Param`: a parameter's description and limits, written where the parameter is.

    def resize(width: Annotated[int, Param(description="Pixels", minimum=1)] = 640): ...

The limits go into the params schema, so the hub refuses a value outside them (422, naming
the field) before a worker is involved, and the form shows them; the worker checks them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Param:
    """What `Annotated[T, Param(...)]` adds to a parameter's schema.

    `description` is shown beside the field (it wins over the docstring's `Args:` entry);
    `minimum` and `maximum` bound a number, inclusive; `pattern` is a regular expression a
    string must contain a match of (anchor it, `^…$`, to match the whole string), as in
    JSON Schema.
    """

    description: Optional[str] = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    pattern: Optional[str] = None
