"""Every sidecar -> hub fixture is either what the sidecar's encoder writes byte for byte,
or something a named guard in the sidecar keeps it from ever sending."""

from __future__ import annotations

import json
import unittest
from typing import Dict

from sidecast.link import encode
from tests.protocol_files import fixture

# Why the sidecar can never send each invalid fixture. A new invalid fixture fails the test
# until someone decides which guard covers it.
GUARDS: Dict[str, str] = {
    "no such message": "the sidecar only sends ready, event, pong, log and loadFailed",
    "an empty message": "a JobLoadError always starts with --jobs TARGET (test_startup)",
    "a load failure carries its message": "run() sends loadFailed with str(JobLoadError)",
    "a message is an object": "encode() takes a dict",
    "a job type is listed twice": "Registry.add raises DuplicateJobType (test_registry)",
    "pids start at 1": "os.getpid() is never 0",
    "the protocol version is a number": "PROTOCOL_VERSION is the generated int",
    "no job types": "ready_message always lists jobTypes (test_startup)",
    "no such event kind": "events are made by the builders in sidecast.events (test_events)",
    "no job id": "JobOutput adds its job id to every event",
    "a log event is one line": "JobOutput.text splits on newlines (test_output)",
    "no n": "pong echoes the n of a decoded ping",
    "n is negative": "decode_inbound refuses a negative ping n (test_wire)",
    "no such level": "Link.log and ctx.log refuse other levels (test_link, test_context)",
    "no text": "Link.log always sends text",
}


class OutboundFixturesTest(unittest.TestCase):
    def test_the_encoder_writes_every_valid_message_as_one_compact_ascii_line(self) -> None:
        for case in fixture("sidecar-outbound")["valid"]:
            with self.subTest(case["name"]):
                line = encode(case["value"])
                self.assertTrue(line.endswith("\n"))
                self.assertEqual(line.count("\n"), 1)
                self.assertTrue(line.isascii())
                self.assertEqual(json.loads(line), case["value"])

    def test_every_invalid_message_has_a_guard(self) -> None:
        for case in fixture("sidecar-outbound")["invalid"]:
            with self.subTest(f"{case['name']}: {case['why']}"):
                self.assertIn(case["why"], GUARDS)

    def test_the_encoder_refuses_what_is_not_json(self) -> None:
        for value in (float("nan"), float("inf"), {1, 2}, b"bytes"):
            with self.subTest(repr(value)):
                with self.assertRaises((TypeError, ValueError)):
                    encode({"type": "event", "value": value})


if __name__ == "__main__":
    unittest.main()
