"""Results: what `json` users expect converted, the rest refused saying where."""

from __future__ import annotations

import datetime
import unittest
import uuid
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Dict

from sidecast.results import ResultError, returned_from, to_json


class Shade(Enum):
    DARK = "dark"


@dataclass
class Summary:
    files: int
    when: datetime.date


class ToJsonTest(unittest.TestCase):
    def test_converts_dates_paths_enums_tuples_dataclasses(self) -> None:
        value: Dict[Any, Any] = {
            "at": datetime.datetime(2026, 12, 2, 16, 30, 5, tzinfo=datetime.timezone.utc),
            "day": datetime.date(2026, 12, 2),
            "path": Path("/data/out.csv"),
            "shade": Shade.DARK,
            "pair": (1, "two"),
            "summary": Summary(3, datetime.date(2026, 1, 31)),
            "id": uuid.UUID(int=1),
            7: "an int key",
        }
        self.assertEqual(
            to_json(value),
            {
                "at": "2026-12-02T16:30:05+00:00",
                "day": "2026-12-02",
                "path": "/data/out.csv",
                "shade": "dark",
                "pair": [1, "two"],
                "summary": {"files": 3, "when": "2026-01-31"},
                "id": "00000000-0000-0000-0000-000000000001",
                "7": "an int key",
            },
        )

    def test_refuses_what_json_has_no_form_for_saying_where(self) -> None:
        cases = [
            ({"tags": {"a"}}, 'result["tags"] is a set, which JSON has no form for '
             "(return a list, e.g. sorted(...))"),
            ([1, b"x"], "result[1] is a bytes, which JSON has no form for"),
            ({"ratio": float("nan")}, 'result["ratio"] is nan, which JSON has no form for'),
            ({(1, 2): 3}, "result has a key of type tuple; keys must be strings"),
        ]
        for value, message in cases:
            with self.subTest(message):
                with self.assertRaises(ResultError) as raised:
                    to_json(value, "result")
                self.assertEqual(str(raised.exception), message)


def two_returns(flag: bool) -> Any:
    if flag:
        return {1}
    return [1]


class ReturnedFromTest(unittest.TestCase):
    def test_points_at_the_return_statements(self) -> None:
        trace = returned_from(two_returns, "result is a set")
        assert trace is not None
        self.assertIn("one of these lines", trace)
        self.assertIn("in two_returns\n    return {1}\n", trace)
        self.assertIn("in two_returns\n    return [1]\n", trace)
        self.assertTrue(trace.endswith("ResultError: result is a set\n"))


if __name__ == "__main__":
    unittest.main()
