"""A job's parameters: JSON Schema from its signature, and checking what the hub sends.

Supported annotations: `str`, `int`, `float`, `bool`, `Literal[...]`, `list[X]` (or
`List[X]`), `Optional[X]` (or `X | None`), and `Any` or none at all (any JSON value).
JSON numbers convert between `int` and `float` when nothing is lost (`3.0` is the int 3,
`3` the float 3.0); nothing else is coerced, so `"3"` is not a number.
"""

from __future__ import annotations

import inspect
import json
import sys
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Literal, Tuple, Union, get_args, get_origin

from .json_types import is_number

Converter = Callable[[Any, str], Any]
"""Checks one value (at a field path such as `files[2]`) and returns it converted."""

JsonSchema = Dict[str, Any]

if sys.version_info >= (3, 10):
    from types import UnionType

    UNION_TYPES: Tuple[Any, ...] = (Union, UnionType)
else:
    UNION_TYPES = (Union,)


class ParamsError(ValueError):
    """Params that do not fit the job's signature; `issues` lists `(field, problem)`."""

    def __init__(self, issues: List[Tuple[str, str]]) -> None:
        self.issues = issues
        super().__init__("invalid params: " + "; ".join(f"{f}: {p}" for f, p in issues))


class _Invalid(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


class UnsupportedAnnotation(TypeError):
    """A parameter annotation that has no JSON Schema equivalent here."""


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


def _expect(ok: bool, value: Any, field: str, wanted: str) -> None:
    if not ok:
        raise _Invalid(field, f"expected {wanted}, got {describe(value)}")


def _string(value: Any, field: str) -> str:
    _expect(isinstance(value, str), value, field, "a string")
    return value


def _integer(value: Any, field: str) -> int:
    _expect(is_number(value) and float(value).is_integer(), value, field, "a whole number")
    return int(value)


def _number(value: Any, field: str) -> float:
    _expect(is_number(value), value, field, "a number")
    return float(value)


def _boolean(value: Any, field: str) -> bool:
    _expect(isinstance(value, bool), value, field, "true or false")
    return value


def _any(value: Any, _field: str) -> Any:
    return value


SCALARS: Dict[Any, Tuple[JsonSchema, Converter]] = {
    str: ({"type": "string"}, _string),
    int: ({"type": "integer"}, _integer),
    float: ({"type": "number"}, _number),
    bool: ({"type": "boolean"}, _boolean),
    Any: ({}, _any),
}


def _literal(choices: Tuple[Any, ...]) -> Tuple[JsonSchema, Converter]:
    options = list(choices)
    schema: JsonSchema = {"enum": options}
    if all(isinstance(choice, str) for choice in options):
        schema["type"] = "string"

    def convert(value: Any, field: str) -> Any:
        # `1 == True` in Python; a literal matches only a value of its own type.
        for choice in options:
            if type(choice) is type(value) and choice == value:
                return choice
        raise _Invalid(field, f"expected one of {json.dumps(options)}, got {describe(value)}")

    return schema, convert


def _list(item: Any) -> Tuple[JsonSchema, Converter]:
    item_schema, convert_item = annotation_schema(item)

    def convert(value: Any, field: str) -> List[Any]:
        _expect(isinstance(value, list), value, field, "a list")
        return [convert_item(entry, f"{field}[{index}]") for index, entry in enumerate(value)]

    return {"type": "array", "items": item_schema}, convert


def _nullable(inner: Any) -> Tuple[JsonSchema, Converter]:
    schema, convert_inner = annotation_schema(inner)
    schema = dict(schema)
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    if "type" in schema:
        schema["type"] = [schema["type"], "null"]

    def convert(value: Any, field: str) -> Any:
        return None if value is None else convert_inner(value, field)

    return schema, convert


def annotation_schema(annotation: Any) -> Tuple[JsonSchema, Converter]:
    """The JSON Schema of one annotation and the converter that checks values against it."""
    if annotation in SCALARS:
        return SCALARS[annotation]
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return _literal(args)
    if origin is list and len(args) == 1:
        return _list(args[0])
    if origin in UNION_TYPES:
        others = [arg for arg in args if arg is not type(None)]
        if len(others) == 1 and len(others) < len(args):
            return _nullable(others[0])
    shown = annotation.__name__ if isinstance(annotation, type) else repr(annotation)
    raise UnsupportedAnnotation(
        f"{shown} is not supported; use str, int, float, bool, Literal[...], "
        "list[...] or Optional[...]"
    )


@dataclass(frozen=True)
class Field:
    """One parameter: its name, JSON Schema, converter and default."""

    name: str
    schema: JsonSchema
    convert: Converter
    required: bool


@dataclass(frozen=True)
class ParamsSpec:
    """A job's parameters: the JSON Schema the hub shows and `bind` to check calls."""

    fields: Tuple[Field, ...]
    open: bool
    """Whether the function takes `**kwargs`, so unknown fields pass through unchecked."""

    @property
    def schema(self) -> JsonSchema:
        """JSON Schema (draft 2020-12) of the params object."""
        schema: JsonSchema = {
            "type": "object",
            "properties": {field.name: field.schema for field in self.fields},
            "required": [field.name for field in self.fields if field.required],
            "additionalProperties": self.open,
        }
        return schema

    def bind(self, params: Dict[str, Any]) -> Dict[str, Any]:
        """The keyword arguments for a call with `params`, converted; raises `ParamsError`
        listing every field that does not fit."""
        issues: List[Tuple[str, str]] = []
        known = {field.name for field in self.fields}
        kwargs: Dict[str, Any] = {}
        for field in self.fields:
            if field.name in params:
                try:
                    kwargs[field.name] = field.convert(params[field.name], field.name)
                except _Invalid as invalid:
                    issues.append((invalid.field, invalid.problem))
            elif field.required:
                issues.append((field.name, "required"))
        for name in params:
            if name not in known:
                if self.open:
                    kwargs[name] = params[name]
                else:
                    issues.append((name, "no such parameter"))
        if issues:
            raise ParamsError(issues)
        return kwargs


def _json_default(value: Any, where: str) -> Any:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        raise UnsupportedAnnotation(f"{where}: the default {value!r} is not JSON") from None
    return value


def params_spec(function: Callable[..., Any], hints: Dict[str, Any]) -> ParamsSpec:
    """The params of `function`, whose first parameter is the job's `Context`."""
    parameters = list(inspect.signature(function).parameters.values())[1:]
    fields: List[Field] = []
    is_open = False
    for parameter in parameters:
        where = f"parameter {parameter.name!r}"
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            is_open = True
            continue
        if parameter.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.POSITIONAL_ONLY):
            raise UnsupportedAnnotation(f"{where}: job params are passed by name")
        try:
            schema, convert = annotation_schema(hints.get(parameter.name, Any))
        except UnsupportedAnnotation as error:
            raise UnsupportedAnnotation(f"{where}: {error}") from None
        required = parameter.default is inspect.Parameter.empty
        if not required:
            schema = {**schema, "default": _json_default(parameter.default, where)}
        fields.append(Field(parameter.name, schema, convert, required))
    return ParamsSpec(tuple(fields), is_open)

