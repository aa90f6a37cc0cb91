"""What a job prints, and what anything else in the process prints."""

from __future__ import annotations

import unittest

from tests.sidecar_process import SidecarProcess

MAX_LOG_LINE_CHARS = 65536


class PrintCaptureTest(unittest.TestCase):
    def test_attributes_prints_from_two_concurrent_jobs_to_each(self) -> None:
        with SidecarProcess() as sidecar:
            first = sidecar.run("test.print", {"tag": "first", "lines": 100})
            second = sidecar.run("test.print", {"tag": "second", "lines": 100})
            sidecar.finish(first)
            sidecar.finish(second)
            self.assertEqual(sidecar.logs(first, "stdout"), [f"first {n}" for n in range(100)])
            self.assertEqual(sidecar.logs(second, "stdout"), [f"second {n}" for n in range(100)])
            # They really ran at the same time: their events interleave on the link.
            order = [m["jobId"] for m in sidecar.messages if m["type"] == "event"]
            switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
            self.assertGreater(switches, 10)

    def test_holds_a_partial_line_until_its_newline_or_the_jobs_end(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.partial")
            events = sidecar.finish(job_id)
            logs = [(e["stream"], e["level"], e["text"]) for e in events if e["kind"] == "log"]
            self.assertEqual(
                logs,
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

    def test_output_that_bypasses_sys_stdout_becomes_sidecar_logs(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.raw_output")
            self.assertEqual(sidecar.finish(job_id)[-1]["state"], "completed")
            sidecar.wait_for(lambda m: m["type"] == "log" and m["text"] == "from a child process")
            self.assertIn("straight to fd 1", sidecar.sidecar_logs())
            self.assertEqual(sidecar.logs(job_id, "stdout"), [])


if __name__ == "__main__":
    unittest.main()
