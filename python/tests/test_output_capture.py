"""What a job prints, and what anything else in the process prints."""

from __future__ import annotations

import unittest
from typing import Any, Dict, List, Tuple

from tests.sidecar_process import SidecarProcess

MAX_LOG_LINE_CHARS = 65536


def log_lines(events: List[Dict[str, Any]]) -> List[Tuple[str, str, str]]:
    """`(stream, level, text)` of each log event, in order."""
    return [(e["stream"], e["level"], e["text"]) for e in events if e["kind"] == "log"]


class PrintCaptureTest(unittest.TestCase):
    def test_keeps_a_jobs_prints_in_order(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.print", {"tag": "first", "lines": 100, "pause": 0})
            sidecar.finish(job_id)
            self.assertEqual(sidecar.logs(job_id, "stdout"), [f"first {n}" for n in range(100)])

    def test_holds_a_partial_line_until_its_newline_or_the_jobs_end(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.partial")
            events = sidecar.finish(job_id)
            self.assertEqual(
                log_lines(events),
                [
                    ("log", "info", "marker"),
                    ("stdout", "info", "first half"),
                    ("stderr", "warning", "to stderr"),
                    ("stdout", "info", "second"),
                ],
            )
            self.assertEqual(events[-2]["kind"], "result", "held output comes before the result")

    def test_splits_a_line_over_the_cap_without_losing_any_of_it(self) -> None:
        chars = MAX_LOG_LINE_CHARS * 2 + 10
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.long_line", {"chars": chars})
            sidecar.finish(job_id)
            pieces = sidecar.logs(job_id, "stdout")
            self.assertEqual([len(p) for p in pieces], [MAX_LOG_LINE_CHARS, MAX_LOG_LINE_CHARS, 10])
            self.assertEqual("".join(pieces), "x" * chars)
            self.assertTrue(all(len(line) <= 1024 * 1024 for line in sidecar.lines))

    def test_output_that_bypasses_sys_stdout_is_the_jobs_too(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.raw_output")
            events = sidecar.finish(job_id)
            self.assertEqual(events[-1]["state"], "completed")
            self.assertEqual(
                sidecar.logs(job_id, "stdout"),
                ["straight to fd 1", "from a child process", "from a thread", "no newline"],
            )
            self.assertEqual(sidecar.logs(job_id, "stderr"), ["child stderr", "straight to fd 2"])
            self.assertNotIn("straight to fd 1", sidecar.sidecar_logs())


class LoggingTest(unittest.TestCase):
    def test_records_keep_their_level_from_info_up(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.logging")
            events = sidecar.finish(job_id)
            self.assertEqual(
                log_lines(events),
                [
                    ("log", "info", "an info record"),
                    ("log", "warning", "a warning record"),
                    ("log", "error", "an error record"),
                    ("log", "error", "a critical record"),
                ],
            )
