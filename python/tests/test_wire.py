"""Decoding the hub's commands agrees with the protocol package's fixtures."""

from __future__ import annotations

import dataclasses
import json
import unittest
from typing import Any, Dict

from sidecast import wire
from tests.protocol_files import fixture

WIRE_NAMES = {"job_id": "jobId", "job_type": "jobType", "artifacts_dir": "artifactsDir"}
TYPES = {wire.Run: "run", wire.Cancel: "cancel", wire.Input: "input", wire.Ping: "ping", wire.Shutdown: "shutdown"}


def as_json(message: wire.Inbound) -> Dict[str, Any]:
    """A decoded message back in its wire form."""
    fields = {WIRE_NAMES.get(f.name, f.name): getattr(message, f.name) for f in dataclasses.fields(message)}
    return {"type": TYPES[type(message)], **fields}


class DecodeInboundTest(unittest.TestCase):
    def test_decodes_every_valid_fixture_to_the_same_message(self) -> None:
        cases = fixture("sidecar-inbound")["valid"]
        self.assertGreater(len(cases), 0)
        for case in cases:
            with self.subTest(case["name"]):
                decoded = wire.decode_inbound(json.dumps(case["value"]))
                self.assertEqual(as_json(decoded), case["value"])

    def test_refuses_every_invalid_fixture(self) -> None:
        cases = fixture("sidecar-inbound")["invalid"]
        self.assertGreater(len(cases), 0)
        for case in cases:
            with self.subTest(f"{case['name']}: {case['why']}"):
                with self.assertRaises(wire.ProtocolError):
                    wire.decode_inbound(json.dumps(case["value"]))

    def test_refuses_what_json_dot_loads_would_let_through(self) -> None:
        for line in (b'{"type":"ping","n":NaN}', b'{"type":"ping","n":true}', b"\xff{}", b""):
            with self.subTest(line):
                with self.assertRaises(wire.ProtocolError):
                    wire.decode_inbound(line)

    def test_says_what_is_wrong(self) -> None:
        with self.assertRaisesRegex(wire.ProtocolError, 'needs a "jobId" field'):
            wire.decode_inbound('{"type":"cancel"}')
        with self.assertRaisesRegex(wire.ProtocolError, 'no such message type: "eval"'):
            wire.decode_inbound('{"type":"eval"}')
        with self.assertRaisesRegex(wire.ProtocolError, 'needs a "type" field'):
            wire.decode_inbound("{}")


if __name__ == "__main__":
    unittest.main()
