"""Params: JSON Schema from signatures, and checking what arrives against it."""

from __future__ import annotations

import inspect
import re
import typing
import unittest
from typing import Any, Callable, Dict, List, Literal, Optional, cast

from sidecast.params import ParamsError, ParamsSpec, UnsupportedAnnotation, params_spec


def spec_of(function: Callable[..., Any]) -> ParamsSpec:
    """The params of a job function."""
    return params_spec(function, typing.get_type_hints(function, include_extras=True), {})


def everything(
    ctx: object,
    name: str,
    count: int,
    ratio: float,
    flag: bool,
    mode: Literal["a", "b"],
    tags: List[str],
    levels: Optional[List[int]] = None,
    pick: Optional[Literal[1, 2]] = None,
    anything: Any = 0,
    untyped=None,  # type: ignore[no-untyped-def]  # pyright: ignore[reportMissingParameterType]
) -> None:
    """Every supported annotation."""


EVERYTHING = cast(Callable[..., None], everything)


class SchemaTest(unittest.TestCase):
    def test_describes_every_supported_annotation(self) -> None:
        schema = spec_of(EVERYTHING).schema
        self.assertEqual(schema["type"], "object")
        self.assertEqual(schema["required"], ["name", "count", "ratio", "flag", "mode", "tags"])
        self.assertFalse(schema["additionalProperties"])
        self.assertEqual(
            schema["properties"],
            {
                "name": {"type": "string"},
                "count": {"type": "integer"},
                "ratio": {"type": "number"},
                "flag": {"type": "boolean"},
                "mode": {"enum": ["a", "b"], "type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "levels": {"type": ["array", "null"], "items": {"type": "integer"}, "default": None},
                "pick": {"enum": [1, 2, None], "default": None},
                "anything": {"default": 0},
                "untyped": {"default": None},
            },
        )

    def test_a_kwargs_parameter_lets_unknown_fields_through(self) -> None:
        def open_job(ctx: object, size: int = 1, **rest: Any) -> None: ...

        spec = spec_of(open_job)
        self.assertTrue(spec.schema["additionalProperties"])
        self.assertEqual(spec.bind({"size": 2, "extra": [1]}), {"size": 2, "extra": [1]})

    def test_refuses_what_json_schema_cannot_say(self) -> None:
        def with_set(ctx: object, items: typing.Set[int]) -> None: ...

        def with_union(ctx: object, item: typing.Union[int, str]) -> None: ...

        def positional(ctx: object, *items: int) -> None: ...

        def bad_default(ctx: object, when: Any = object()) -> None: ...

        def plain_class(ctx: object, when: object) -> None: ...

        for function, message in (
            (with_set, "parameter 'items': typing.Set[int] is not supported"),
            (with_union, "is not supported"),
            (positional, "passed by name"),
            (bad_default, "is not JSON"),
            (plain_class, "parameter 'when': object is not supported"),
        ):
            with self.subTest(function.__name__):
                with self.assertRaisesRegex(UnsupportedAnnotation, re.escape(message)):
                    spec_of(function)

    def test_reads_postponed_annotations(self) -> None:
        namespace: Dict[str, Any] = {}
        exec(
            "from __future__ import annotations\n"
            "from typing import Optional\n"
            "def job(ctx, n: Optional[int] = 3): ...\n",
            namespace,
        )
        self.assertEqual(
            spec_of(namespace["job"]).schema["properties"]["n"],
            {"type": ["integer", "null"], "default": 3},
        )


class BindTest(unittest.TestCase):
    spec = spec_of(EVERYTHING)
    valid: Dict[str, Any] = {
        "name": "x", "count": 2, "ratio": 0.5, "flag": True, "mode": "a", "tags": ["t"]
    }

    def test_passes_fitting_values_and_leaves_defaults_to_python(self) -> None:
        self.assertEqual(self.spec.bind(self.valid), self.valid)
        bound = self.spec.bind({**self.valid, "levels": [1, 2], "pick": 2, "anything": {"k": [1]}})
        self.assertEqual(bound["levels"], [1, 2])
        self.assertEqual(inspect.signature(EVERYTHING).bind(None, **bound).arguments["pick"], 2)

    def test_converts_numbers_only_when_nothing_is_lost(self) -> None:
        bound = self.spec.bind({**self.valid, "count": 3.0, "ratio": 2})
        self.assertEqual((bound["count"], type(bound["count"])), (3, int))
        self.assertEqual((bound["ratio"], type(bound["ratio"])), (2.0, float))
        with self.assertRaisesRegex(ParamsError, r"count: expected a whole number, got a number \(3.5\)"):
            self.spec.bind({**self.valid, "count": 3.5})

    def test_coerces_nothing_else(self) -> None:
        for field, value in (("count", "3"), ("count", True), ("ratio", "1"), ("flag", 1),
                             ("name", 5), ("tags", "t"), ("mode", "c"), ("pick", True)):
            with self.subTest(field=field, value=value):
                with self.assertRaises(ParamsError) as raised:
                    self.spec.bind({**self.valid, field: value})
                self.assertEqual([f for f, _ in raised.exception.issues], [field])

    def test_lists_every_problem_with_its_field(self) -> None:
        with self.assertRaises(ParamsError) as raised:
            self.spec.bind({"name": None, "tags": ["ok", 7], "typo": 1})
        self.assertEqual(
            raised.exception.issues,
            [
                ("name", "expected a string, got null"),
                ("count", "required"),
                ("ratio", "required"),
                ("flag", "required"),
                ("mode", "required"),
                ("tags[1]", "expected a string, got a number (7)"),
                ("typo", "no such parameter"),
            ],
        )
        self.assertTrue(str(raised.exception).startswith("invalid params: name: expected a string"))

    def test_shortens_long_values_in_messages(self) -> None:
        with self.assertRaises(ParamsError) as raised:
            self.spec.bind({**self.valid, "count": "y" * 500})
        self.assertLess(len(str(raised.exception)), 120)


if __name__ == "__main__":
    unittest.main()
