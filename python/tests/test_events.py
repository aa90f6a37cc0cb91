"""The events the sidecar builds agree with the protocol package's fixtures."""

from __future__ import annotations

import inspect
import json
import os
import threading
import unittest
from typing import Any, Callable, Dict, List, cast

from sidecast import events
from sidecast.link import Link
from sidecast.output import JobOutput
from tests.protocol_files import fixture

# The builder for each kind the sidecar emits, and the wire names of its arguments.
# (`input` events are recorded by the hub, not sent by the sidecar.)
def artifact(path: Any, size: Any, contentType: Any = None) -> events.Event:  # noqa: N803
    return events.artifact(path, size, contentType)


def data(name: Any, data: Any) -> events.Event:
    return events.data(name, data)


def result(value: Any) -> events.Event:
    return events.result(value)


BUILDERS: Dict[str, Callable[..., events.Event]] = {
    "status": events.status,
    "log": events.log,
    "progress": events.progress,
    "artifact": artifact,
    "data": data,
    "result": result,
    "error": events.error,
}


def arguments(value: Dict[str, Any]) -> Dict[str, Any]:
    """A fixture event's fields as builder arguments (the builder adds `ts` and `kind`)."""
    return {key: item for key, item in value.items() if key not in ("ts", "kind")}


def has_valid_ts(value: Dict[str, Any]) -> bool:
    """Whether the fixture's timestamp is fine, so its fault lies in the other fields."""
    ts = value.get("ts")
    return isinstance(ts, (int, float)) and not isinstance(ts, bool) and ts >= 0


def can_take(builder: Callable[..., events.Event], fields: Dict[str, Any]) -> bool:
    """Whether the builder's signature accepts exactly these fields."""
    try:
        inspect.signature(builder).bind(**fields)
    except TypeError:
        return False
    return True


class EventBuildersTest(unittest.TestCase):
    def test_build_every_valid_fixture_of_the_kinds_the_sidecar_sends(self) -> None:
        built = 0
        for case in fixture("job-event")["valid"]:
            kind = case["value"]["kind"]
            if kind not in BUILDERS:
                continue
            with self.subTest(case["name"]):
                event = BUILDERS[kind](**arguments(case["value"]))
                self.assertIsInstance(event["ts"], float)
                self.assertEqual(arguments(event), arguments(case["value"]))
                self.assertEqual(event["kind"], kind)
                built += 1
        self.assertEqual(built, sum(1 for c in fixture("job-event")["valid"] if c["name"] in BUILDERS))
        self.assertGreaterEqual(built, 10)

    def test_refuse_every_invalid_fixture_they_could_be_asked_to_build(self) -> None:
        refused = 0
        for case in fixture("job-event")["invalid"]:
            value = case["value"]
            if not isinstance(value, dict) or not has_valid_ts(cast(Dict[str, Any], value)):
                continue  # the builders set `ts` and `kind` themselves
            fields = arguments(cast(Dict[str, Any], value))
            builder = BUILDERS.get(cast(Dict[str, Any], value).get("kind", ""))
            if builder is None or not can_take(builder, fields):
                continue  # an unknown kind or a missing field cannot even be asked for
            with self.subTest(f"{case['name']}: {case['why']}"):
                with self.assertRaises((TypeError, ValueError)):
                    builder(**fields)
                refused += 1
        self.assertGreaterEqual(refused, 10)


class HotLogLineTest(unittest.TestCase):
    def test_the_preformatted_log_line_is_the_same_json_as_the_builder_makes(self) -> None:
        read_end, write_end = os.pipe()
        link = Link(write_end)
        output = JobOutput("job-1", link)
        texts: List[str] = ["plain", 'quotes " and \\ backslashes', "tab\there", "snow ☃ and 🎉", "\x00\x1f"]
        chunks: List[bytes] = []
        reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(read_end, 65536), b"")))
        reader.start()
        for text in texts:
            output.line("stdout", "info", text)
        link.close()
        os.close(write_end)
        reader.join()
        os.close(read_end)
        lines = b"".join(chunks).decode("ascii").splitlines()
        self.assertEqual(len(lines), len(texts))
        for line, text in zip(lines, texts):
            message = json.loads(line)
            expected = events.log("stdout", "info", text)
            self.assertEqual(message["type"], "event")
            self.assertEqual(message["jobId"], "job-1")
            self.assertEqual(arguments(message["event"]), arguments(expected))
            self.assertIsInstance(message["event"]["ts"], float)


if __name__ == "__main__":
    unittest.main()
