"""The generated constants module matches the protocol package it was generated from."""

from __future__ import annotations

import unittest

from scripts.write_constants import TARGET, expected
from sidecast import constants
from tests.protocol_files import constants as protocol_constants


class GeneratedConstantsTest(unittest.TestCase):
    def test_constants_py_is_up_to_date(self) -> None:
        self.assertEqual(
            TARGET.read_text(encoding="utf-8"),
            expected(),
            "sidecast/constants.py is stale: run `python3 scripts/write_constants.py` in python/",
        )

    def test_carries_the_values_the_sidecar_depends_on(self) -> None:
        source = protocol_constants()
        self.assertEqual(constants.PROTOCOL_VERSION, source["protocolVersion"])
        self.assertEqual(constants.MAX_LINE_BYTES, source["limits"]["maxLineBytes"])
        self.assertEqual(constants.SIDECAR_SHUTDOWN_WAIT_MS, source["limits"]["sidecarShutdownWaitMs"])
        self.assertEqual(list(constants.LOG_LEVELS), source["logLevels"])


if __name__ == "__main__":
    unittest.main()
