"""The protocol package's files are what the sidecar will be held to: they must be readable
with the standard library alone, and their patterns must mean in Python what they mean in zod."""

from __future__ import annotations

import re
import unittest
from typing import Any, List

from tests.protocol_files import constants, fixture, fixture_names, schema


def string_values(cases: List[Any]) -> List[str]:
    """The values of fixture cases that are strings (the rest fail a pattern check trivially)."""
    return [case["value"] for case in cases if isinstance(case["value"], str)]


class ConstantsTest(unittest.TestCase):
    def test_names_protocol_version_1(self) -> None:
        self.assertEqual(constants()["protocolVersion"], 1)

    def test_limits_are_whole_numbers_with_units_in_their_names(self) -> None:
        limits = constants()["limits"]
        self.assertEqual(limits["maxLineBytes"], 1024 * 1024)
        self.assertEqual(limits["maxSubscriptionsPerSocket"], 128)
        self.assertEqual(limits["eventRingSize"], 2000)
        for name, value in limits.items():
            self.assertIsInstance(value, (int, float), name)

    def test_sidecar_gives_up_on_jobs_before_the_hub_gives_up_on_it(self) -> None:
        limits = constants()["limits"]
        self.assertLess(limits["sidecarShutdownWaitMs"], limits["shutdownGraceMs"])

    def test_lists_every_enumeration_the_sidecar_emits(self) -> None:
        values = constants()
        self.assertEqual(values["logStreams"], ["stdout", "stderr", "log"])
        self.assertEqual(values["logLevels"], ["debug", "info", "warning", "error"])
        self.assertEqual(set(values["terminalStates"]), {"completed", "failed", "cancelled"})
        self.assertTrue(set(values["terminalStates"]) <= set(values["jobStates"]))


class PatternTest(unittest.TestCase):
    """JavaScript and Python regular expressions differ; these ones must not."""

    def assert_pattern_agrees(self, pattern: str, fixture_name: str) -> None:
        compiled = re.compile(pattern)
        cases = fixture(fixture_name)
        for value in string_values(cases["valid"]):
            self.assertIsNotNone(compiled.fullmatch(value), f"{pattern} should match {value!r}")
        for value in string_values(cases["invalid"]):
            self.assertIsNone(compiled.fullmatch(value), f"{pattern} should not match {value!r}")

    def test_job_id_pattern_agrees_with_the_fixtures(self) -> None:
        self.assert_pattern_agrees(constants()["patterns"]["jobId"], "job-id")

    def test_job_channel_pattern_agrees_with_the_fixtures(self) -> None:
        alternatives = schema("channel")["anyOf"]
        names = [alt["const"] for alt in alternatives if "const" in alt]
        patterns = [alt["pattern"] for alt in alternatives if "pattern" in alt]
        self.assertEqual(names, ["jobs", "sidecar"])
        self.assert_pattern_agrees("|".join([*map(re.escape, names), *patterns]), "channel")

    def test_job_ids_anchor_with_dollar_but_reject_a_trailing_newline(self) -> None:
        # `$` matches before a final "\n" in Python; callers must use fullmatch, as above.
        pattern = re.compile(constants()["patterns"]["jobId"])
        self.assertIsNotNone(pattern.match("j1\n"))
        self.assertIsNone(pattern.fullmatch("j1\n"))


class FixtureFilesTest(unittest.TestCase):
    def test_every_fixture_has_an_exported_schema(self) -> None:
        names = fixture_names()
        self.assertGreaterEqual(len(names), 20)
        for name in names:
            self.assertEqual(schema(name)["$schema"], "https://json-schema.org/draft/2020-12/schema")

    def test_every_case_is_named_and_every_invalid_one_says_why(self) -> None:
        for name in fixture_names():
            cases = fixture(name)
            self.assertTrue(cases["valid"], name)
            self.assertGreaterEqual(len(cases["invalid"]), 2, name)
            for case in cases["valid"]:
                self.assertEqual(set(case), {"name", "value"}, name)
            for case in cases["invalid"]:
                self.assertEqual(set(case), {"name", "why", "value"}, name)
                self.assertTrue(case["why"].strip(), name)

    def test_sidecar_link_fixtures_cover_every_message_type(self) -> None:
        inbound = {case["name"] for case in fixture("sidecar-inbound")["valid"]}
        outbound = {case["name"] for case in fixture("sidecar-outbound")["valid"]}
        self.assertEqual(inbound, {"run", "cancel", "input", "ping", "shutdown"})
        self.assertEqual(outbound, {"ready", "event", "pong", "log", "loadFailed"})


if __name__ == "__main__":
    unittest.main()
