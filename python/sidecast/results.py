"""A job's return value as JSON, converted the way `json` users expect.

`datetime`, `date` and `time` become ISO 8601 strings, a `pathlib` path its string, an
`Enum` its value, a `UUID` its string, a tuple a list, a dataclass a dict of its fields;
dict keys that are not strings become strings as `json.dumps` makes them. Anything else
that JSON has no form for (a set, bytes, NaN, an arbitrary object) is a `ResultError`
naming where in the value it is, rather than a guess.
"""

from __future__ import annotations

import dataclasses
import datetime
import dis
import inspect
import json
import linecache
import math
import uuid
from enum import Enum
from pathlib import PurePath
from types import CodeType
from typing import Any, Callable, Dict, List, Optional, Sequence, cast


class ResultError(TypeError):
    """A value with no JSON form; `str()` says what and where (`result["tags"]`)."""


def _key(key: Any, where: str) -> str:
    if isinstance(key, Enum):
        key = key.value
    if isinstance(key, str):
        return key
    if isinstance(key, bool) or key is None:
        return "true" if key is True else "false" if key is False else "null"
    if isinstance(key, (int, float)):
        return str(key) if isinstance(key, int) else repr(key)
    raise ResultError(f"{where} has a key of type {type(key).__name__}; keys must be strings")


def _convert(value: Any, where: str) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ResultError(f"{where} is {value!r}, which JSON has no form for")
        return value
    if isinstance(value, dict):
        converted: Dict[str, Any] = {}
        for key, entry in cast(Dict[Any, Any], value).items():
            name = _key(key, where)
            converted[name] = _convert(entry, f"{where}[{json.dumps(name)}]")
        return converted
    if isinstance(value, (list, tuple)):
        entries: Sequence[Any] = cast(Sequence[Any], value)
        return [_convert(entry, f"{where}[{index}]") for index, entry in enumerate(entries)]
    if isinstance(value, Enum):
        return _convert(value.value, where)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _convert(getattr(value, field.name), f"{where}.{field.name}")
            for field in dataclasses.fields(value)
        }
    kind = type(value).__name__
    hint = " (return a list, e.g. sorted(...))" if isinstance(value, (set, frozenset)) else ""
    raise ResultError(f"{where} is a {kind}, which JSON has no form for{hint}")


def to_json(value: Any, where: str = "the value") -> Any:
    """`value` with every part converted to its JSON form; raises `ResultError`."""
    return _convert(value, where)


def _return_lines(code: CodeType) -> List[int]:
    lines: List[int] = []
    line: Optional[int] = None
    for instruction in dis.get_instructions(code):
        # `starts_line` is the line number up to 3.12 and a flag from 3.13, beside `line_number`.
        number = getattr(instruction, "line_number", None)
        if number is None and not isinstance(instruction.starts_line, bool):
            number = instruction.starts_line
        line = number if number is not None else line
        if instruction.opname in ("RETURN_VALUE", "RETURN_CONST") and line is not None:
            lines.append(line)
    return sorted(set(lines))


def returned_from(function: Callable[..., Any], problem: str) -> Optional[str]:
    """A traceback-shaped text pointing at the `return` statements of `function` (there is
    no frame left once it has returned), so an unsendable result names its line."""
    code = getattr(inspect.unwrap(function), "__code__", None)
    if not isinstance(code, CodeType):
        return None
    lines = _return_lines(code)
    if not lines:
        lines = [code.co_firstlineno]
    frames: List[str] = []
    for line in lines:
        frames.append(f'  File "{code.co_filename}", line {line}, in {code.co_name}\n')
        source = linecache.getline(code.co_filename, line).strip()
        if source:
            frames.append(f"    {source}\n")
    heading = "The job returned a value that cannot be sent, at "
    heading += "this line:\n" if len(lines) == 1 else "one of these lines:\n"
    return heading + "".join(frames) + f"ResultError: {problem}\n"
