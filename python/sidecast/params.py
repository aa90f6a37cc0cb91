"""A job's parameters: JSON Schema from its signature, and checking what the hub sends.

Which annotations are supported, and how values convert, is `param_types`'s business; this
module reads the signature: which parameter is the `Context`, which are required, their
defaults, and their descriptions (from `Param` or the docstring's `Args:` section).
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Tuple

from .context import Context
from .param_errors import Converter, Invalid, JsonSchema, UnsupportedAnnotation
from .param_types import annotation_schema
from .results import ResultError, to_json

CONTEXT_NAME = "ctx"


class ParamsError(ValueError):
    """Params that do not fit the job's signature; `issues` lists `(field, problem)`."""

    def __init__(self, issues: List[Tuple[str, str]]) -> None:
        self.issues = issues
        super().__init__("invalid params: " + "; ".join(f"{f}: {p}" for f, p in issues))


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
    takes_context: bool
    """Whether the function's first parameter is the job's `Context`."""

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
                except Invalid as invalid:
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
    # A default is shown in the form and sent back as a value, so it is held to the same
    # rules as a result: a `Path` default is its string, an `Enum` default its value.
    try:
        converted = to_json(value)
        json.dumps(converted, allow_nan=False)
    except (ResultError, TypeError, ValueError):
        raise UnsupportedAnnotation(f"{where}: the default {value!r} is not JSON") from None
    return converted


def takes_context(parameters: List[inspect.Parameter], hints: Mapping[str, Any]) -> bool:
    """Whether the first parameter is the `Context`: annotated `Context`, or named `ctx`."""
    if not parameters:
        return False
    first = parameters[0]
    if first.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
        return False
    return first.name == CONTEXT_NAME or hints.get(first.name) is Context


def params_spec(
    function: Callable[..., Any], hints: Mapping[str, Any], docs: Mapping[str, str]
) -> ParamsSpec:
    """The params of `function`, from its signature, its type hints (`include_extras=True`,
    so `Annotated` survives) and its docstring's per-parameter descriptions."""
    parameters = list(inspect.signature(function).parameters.values())
    context = takes_context(parameters, hints)
    fields: List[Field] = []
    is_open = False
    for parameter in parameters[1:] if context else parameters:
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
        if parameter.name in docs and "description" not in schema:
            schema = {**schema, "description": docs[parameter.name]}
        required = parameter.default is inspect.Parameter.empty
        if not required:
            schema = {**schema, "default": _json_default(parameter.default, where)}
        fields.append(Field(parameter.name, schema, convert, required))
    return ParamsSpec(tuple(fields), is_open, context)
