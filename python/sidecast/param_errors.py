"""What goes wrong with a parameter: a value that does not fit, an annotation that has no
JSON Schema, and how a value is quoted in either message."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict

Converter = Callable[[Any, str], Any]
"""Checks one value (at a field path such as `files[2]`) and returns it converted."""

JsonSchema = Dict[str, Any]


class Invalid(Exception):
    """A value that does not fit its annotation, at `field`."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


class UnsupportedAnnotation(TypeError):
    """A parameter annotation (or `Param`) that has no JSON Schema equivalent here."""


def describe(value: Any) -> str:
    """A value as a person reads it in an error: its JSON type and a short rendering."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, (int, float)):
        kind = "a number"
    elif isinstance(value, str):
        kind = "a string"
    else:
        return "an array" if isinstance(value, list) else "an object"
    text = json.dumps(value)
    return f"{kind} ({text if len(text) <= 40 else text[:37] + '...'})"
