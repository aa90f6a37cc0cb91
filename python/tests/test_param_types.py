"""Parameters as authors write them: paths, enums, `Annotated[..., Param(...)]` limits."""

from __future__ import annotations

import typing
import unittest
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, List, Optional

from sidecast import Param
from sidecast.params import ParamsError, ParamsSpec, UnsupportedAnnotation, params_spec


class Color(Enum):
    RED = "red"
    GREEN = "green"


class Level(Enum):
    LOW = 1
    HIGH = 2


def spec_of(function: Callable[..., Any], docs: Optional[dict[str, str]] = None) -> ParamsSpec:
    return params_spec(function, typing.get_type_hints(function, include_extras=True), docs or {})


def authored(
    root: Path,
    color: Color = Color.GREEN,
    level: Optional[Level] = None,
    lines: Annotated[int, Param(description="How many", minimum=0, maximum=10_000)] = 100,
    ratio: Annotated[float, Param(minimum=0.5)] = 1.0,
    code: Annotated[str, Param(pattern=r"^[A-Z]{3}$")] = "ABC",
    sizes: List[Annotated[int, Param(minimum=1)]] = [],  # noqa: B006 - a default, never mutated
) -> None:
    """Parameters as an author writes them."""


class SchemaTest(unittest.TestCase):
    def test_paths_enums_and_limits_have_their_json_schema(self) -> None:
        properties = spec_of(authored).schema["properties"]
        self.assertEqual(properties["root"], {"type": "string", "format": "path"})
        self.assertEqual(
            properties["color"], {"enum": ["red", "green"], "type": "string", "default": "green"}
        )
        self.assertEqual(properties["level"], {"enum": [1, 2, None], "default": None})
        self.assertEqual(
            properties["lines"],
            {
                "type": "integer",
                "description": "How many",
                "minimum": 0,
                "maximum": 10_000,
                "default": 100,
            },
        )
        self.assertEqual(properties["ratio"], {"type": "number", "minimum": 0.5, "default": 1.0})
        self.assertEqual(
            properties["code"], {"type": "string", "pattern": "^[A-Z]{3}$", "default": "ABC"}
        )
        self.assertEqual(
            properties["sizes"],
            {"type": "array", "items": {"type": "integer", "minimum": 1}, "default": []},
        )

    def test_a_param_description_wins_over_the_docstring(self) -> None:
        docs = {"lines": "from the docstring", "root": "The folder"}
        properties = spec_of(authored, docs).schema["properties"]
        self.assertEqual(properties["lines"]["description"], "How many")
        self.assertEqual(properties["root"]["description"], "The folder")

    def test_refuses_limits_that_cannot_apply(self) -> None:
        def minimum_on_text(name: Annotated[str, Param(minimum=1)]) -> None: ...
        def pattern_on_number(n: Annotated[int, Param(pattern="x")]) -> None: ...
        def bad_pattern(name: Annotated[str, Param(pattern="(")]) -> None: ...
        def upside_down(n: Annotated[int, Param(minimum=5, maximum=1)]) -> None: ...
        def dict_enum(kind: Kinds) -> None: ...

        cases = {
            minimum_on_text: "Param(minimum=...) applies to int or float parameters",
            pattern_on_number: "Param(pattern=...) applies to str parameters",
            bad_pattern: "Param(pattern='('): missing ), unterminated subpattern",
            upside_down: "Param(minimum=...) is above its maximum",
            dict_enum: "Kinds has the value {}; an Enum parameter needs str, int, float or bool values",
        }
        for function, message in cases.items():
            with self.subTest(function.__name__):
                with self.assertRaises(UnsupportedAnnotation) as raised:
                    spec_of(function)
                self.assertIn(message, str(raised.exception))


class Kinds(Enum):
    ODD = {}


class BindTest(unittest.TestCase):
    def test_converts_to_the_annotated_types(self) -> None:
        kwargs = spec_of(authored).bind({"root": "data/in", "color": "red", "level": 2, "lines": 7})
        self.assertEqual(kwargs["root"], Path("data/in"))
        self.assertIs(kwargs["color"], Color.RED)
        self.assertIs(kwargs["level"], Level.HIGH)
        self.assertEqual(kwargs["lines"], 7)

    def test_enforces_limits_naming_each_field(self) -> None:
        with self.assertRaises(ParamsError) as raised:
            spec_of(authored).bind(
                {"root": "", "color": "blue", "lines": -5, "ratio": 0.1, "code": "abcd", "sizes": [3, 0]}
            )
        self.assertEqual(
            raised.exception.issues,
            [
                ("root", 'expected a path, got a string ("")'),
                ("color", 'expected one of ["red", "green"], got a string ("blue")'),
                ("lines", "must be at least 0, got a number (-5)"),
                ("ratio", "must be at least 0.5, got a number (0.1)"),
                ("code", 'must match ^[A-Z]{3}$, got a string ("abcd")'),
                ("sizes[1]", "must be at least 1, got a number (0)"),
            ],
        )

    def test_an_enum_value_matches_only_its_own_type(self) -> None:
        with self.assertRaises(ParamsError):
            spec_of(authored).bind({"root": "x", "level": True})


if __name__ == "__main__":
    unittest.main()
