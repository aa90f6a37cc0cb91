"""`@job` and the registry."""

from __future__ import annotations

import unittest
from typing import Any, Callable, List, Tuple, cast

from sidecast.context import Context
from sidecast.registry import DuplicateJobType, JobDefinitionError, Registry, define


def sample(ctx: Any, size: int = 3) -> int:
    """Does a thing.

    It does it
    carefully.
    """
    return size


async def sample_async(ctx: Any) -> None:
    """Waits."""


class DefineTest(unittest.TestCase):
    def test_announces_a_timeout_and_a_concurrency_cap(self) -> None:
        spec = define(sample, "a.sample", None, False, timeout=90, concurrency=2)
        self.assertEqual((spec.announce()["timeout"], spec.announce()["concurrency"]), (90.0, 2))
        self.assertNotIn("timeout", define(sample, "a.sample", None, False).announce())

    def test_refuses_a_timeout_or_concurrency_that_is_not_positive(self) -> None:
        for timeout, concurrency, problem in ((0, None, "timeout"), (None, 0, "concurrency"),
                                              (None, 1.5, "concurrency"), (True, None, "timeout")):
            with self.assertRaises(JobDefinitionError) as raised:
                define(sample, "a.sample", None, False, cast(Any, timeout), cast(Any, concurrency))
            self.assertIn(f"{problem} must be", str(raised.exception))

    def test_announces_name_title_description_interactivity_and_params(self) -> None:
        spec = define(sample, "a.sample", "A sample", interactive=True)
        self.assertEqual(
            spec.announce(),
            {
                "name": "a.sample",
                "title": "A sample",
                "description": "Does a thing.\n\nIt does it carefully.",
                "interactive": True,
                "params": {
                    "type": "object",
                    "properties": {"size": {"type": "integer", "default": 3}},
                    "required": [],
                    "additionalProperties": False,
                },
            },
        )
        self.assertFalse(spec.is_async)
        self.assertTrue(define(sample_async, "a.wait", None, False).is_async)

    def test_leaves_out_what_is_not_there(self) -> None:
        def bare(ctx: Any) -> None:
            pass

        self.assertEqual(set(define(bare, "bare", None, False).announce()), {"name", "interactive", "params"})

    def test_refuses_bad_names(self) -> None:
        for name in ("9lives", "", "has space", "x" * 129):
            with self.subTest(name):
                with self.assertRaisesRegex(JobDefinitionError, "is not a job type name"):
                    define(sample, name, None, False)

    def test_takes_the_context_only_when_annotated_or_named_ctx(self) -> None:
        def annotated(context: Context, n: int = 1) -> None: ...
        def named(ctx, n: int = 1) -> None: ...  # type: ignore[no-untyped-def]  # pyright: ignore[reportMissingParameterType, reportUnknownParameterType]
        def plain(n: int = 1) -> None: ...
        def nothing() -> None: ...

        cases: List[Tuple[Callable[..., None], bool]] = [
            (annotated, True),
            (cast(Callable[..., None], named), True),
            (plain, False),
            (nothing, False),
        ]
        for function, takes in cases:
            with self.subTest(function.__name__):
                spec = define(function, "x.y", None, False)
                self.assertEqual(spec.params.takes_context, takes)
                expected = {} if function is nothing else {"n": {"type": "integer", "default": 1}}
                self.assertEqual(spec.params.schema["properties"], expected)

    def test_names_the_function_when_an_annotation_will_not_evaluate(self) -> None:
        def broken(ctx: Any, n: "NoSuchType") -> None:  # type: ignore[name-defined]  # noqa: F821  # pyright: ignore[reportUndefinedVariable]
            pass

        with self.assertRaisesRegex(JobDefinitionError, "broken: cannot read its annotations"):
            define(cast(Callable[..., None], broken), "x.broken", None, False)


class RegistryTest(unittest.TestCase):
    def test_keeps_registration_order_and_refuses_a_taken_name(self) -> None:
        registry = Registry()
        registry.add(define(sample, "b.first", None, False))
        registry.add(define(sample_async, "a.second", None, False))
        self.assertEqual([spec.name for spec in registry.all()], ["b.first", "a.second"])
        with self.assertRaisesRegex(DuplicateJobType, 'job type "b.first" is defined twice: by .*sample and by .*sample_async'):
            registry.add(define(sample_async, "b.first", None, False))
        self.assertIsNone(registry.get("missing"))


if __name__ == "__main__":
    unittest.main()
