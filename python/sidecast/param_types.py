"""One parameter annotation: its JSON Schema, and the converter that checks a value against it.

Supported: `str`, `int`, `float`, `bool`, `Literal[...]`, an `Enum` (its values),
`pathlib.Path` (a string with `format: "path"`), `list[X]` (or `List[X]`), `Optional[X]`
(or `X | None`), `Annotated[X, Param(...)]`, and `Any` or none at all (any JSON value).
JSON numbers convert between `int` and `float` when nothing is lost (`3.0` is the int 3,
`3` the float 3.0); nothing else is coerced, so `"3"` is not a number.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import PurePath
from typing import (
    Annotated,
    Any,
    Callable,
    Dict,
    List,
    Literal,
    Tuple,
    Union,
    get_args,
    get_origin,
)

from .json_types import is_number
from .param import Param
from .param_errors import Converter, Invalid, JsonSchema, UnsupportedAnnotation, describe
from .param_limits import limit_schema, limited

if sys.version_info >= (3, 10):
    from types import UnionType

    UNION_TYPES: Tuple[Any, ...] = (Union, UnionType)
else:
    UNION_TYPES = (Union,)


def _expect(ok: bool, value: Any, field: str, wanted: str) -> None:
    if not ok:
        raise Invalid(field, f"expected {wanted}, got {describe(value)}")


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


def _choices(options: List[Any], pick: Callable[[int], Any]) -> Tuple[JsonSchema, Converter]:
    schema: JsonSchema = {"enum": options}
    if options and all(isinstance(choice, str) for choice in options):
        schema["type"] = "string"

    def convert(value: Any, field: str) -> Any:
        # `1 == True` in Python; a choice matches only a value of its own type.
        for index, choice in enumerate(options):
            if type(choice) is type(value) and choice == value:
                return pick(index)
        raise Invalid(field, f"expected one of {json.dumps(options)}, got {describe(value)}")

    return schema, convert


def _literal(choices: Tuple[Any, ...]) -> Tuple[JsonSchema, Converter]:
    return _choices(list(choices), lambda index: choices[index])


def _enum(enum: Any) -> Tuple[JsonSchema, Converter]:
    members: List[Any] = list(enum)
    values = [member.value for member in members]
    for value in values:
        if not isinstance(value, (str, int, float, bool)):
            raise UnsupportedAnnotation(
                f"{enum.__name__} has the value {value!r}; an Enum parameter needs str, int, "
                "float or bool values"
            )
    return _choices(values, lambda index: members[index])


def _path(path_type: Any) -> Tuple[JsonSchema, Converter]:
    def convert(value: Any, field: str) -> Any:
        _expect(isinstance(value, str) and value != "", value, field, "a path")
        return path_type(value)

    return {"type": "string", "format": "path"}, convert


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


def _annotated(inner: Any, metadata: Tuple[Any, ...]) -> Tuple[JsonSchema, Converter]:
    schema, convert = annotation_schema(inner)
    for param in metadata:
        if isinstance(param, Param):
            schema = {**schema, **limit_schema(param, schema)}
            convert = limited(param, convert)
    return schema, convert


def annotation_schema(annotation: Any) -> Tuple[JsonSchema, Converter]:
    """The JSON Schema of one annotation and the converter that checks values against it."""
    if annotation in SCALARS:
        return SCALARS[annotation]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _enum(annotation)
    if isinstance(annotation, type) and issubclass(annotation, PurePath):
        return _path(annotation)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _annotated(args[0], args[1:])
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
        f"{shown} is not supported; use str, int, float, bool, Literal[...], an Enum, "
        "pathlib.Path, list[...] or Optional[...]"
    )
