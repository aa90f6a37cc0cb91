"""A `Param`'s limits: what they add to a schema, and the check they add to a converter."""

from __future__ import annotations

import re
from typing import Any, List, Set, cast

from .json_types import is_number
from .param import Param
from .param_errors import Converter, Invalid, JsonSchema, UnsupportedAnnotation, describe

NUMBERS = {"integer", "number"}


def _types(schema: JsonSchema) -> Set[str]:
    kind = schema.get("type")
    if isinstance(kind, list):
        entries: List[Any] = cast(List[Any], kind)
        return {str(entry) for entry in entries}
    return {kind} if isinstance(kind, str) else set()


def limit_schema(param: Param, schema: JsonSchema) -> JsonSchema:
    """The keywords `param` adds to `schema`; an `UnsupportedAnnotation` for a limit that
    cannot apply to its type (a `minimum` on a string)."""
    types = _types(schema)
    added: JsonSchema = {}
    if param.description is not None:
        added["description"] = param.description
    for name in ("minimum", "maximum"):
        bound = getattr(param, name)
        if bound is None:
            continue
        if not types & NUMBERS:
            raise UnsupportedAnnotation(f"Param({name}=...) applies to int or float parameters")
        if not is_number(bound):
            raise UnsupportedAnnotation(f"Param({name}=...) must be a number, not {bound!r}")
        added[name] = bound
    if param.minimum is not None and param.maximum is not None and param.minimum > param.maximum:
        raise UnsupportedAnnotation("Param(minimum=...) is above its maximum")
    if param.pattern is not None:
        if "string" not in types:
            raise UnsupportedAnnotation("Param(pattern=...) applies to str parameters")
        try:
            re.compile(param.pattern)
        except re.error as error:
            raise UnsupportedAnnotation(f"Param(pattern={param.pattern!r}): {error}") from None
        added["pattern"] = param.pattern
    return added


def limited(param: Param, convert: Converter) -> Converter:
    """`convert`, then `param`'s limits checked on what it returns."""
    minimum, maximum = param.minimum, param.maximum
    pattern = None if param.pattern is None else re.compile(param.pattern)
    if minimum is None and maximum is None and pattern is None:
        return convert

    def check(value: Any, field: str) -> Any:
        converted = convert(value, field)
        if is_number(value):
            if minimum is not None and value < minimum:
                raise Invalid(field, f"must be at least {minimum:g}, got {describe(value)}")
            if maximum is not None and value > maximum:
                raise Invalid(field, f"must be at most {maximum:g}, got {describe(value)}")
        if pattern is not None and isinstance(value, str) and pattern.search(value) is None:
            raise Invalid(field, f"must match {pattern.pattern}, got {describe(value)}")
        return converted

    return check
