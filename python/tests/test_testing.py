"""`sidecast.testing.run_job`: a job function run in-process, as its author tests it."""

from __future__ import annotations

import shutil
import sys
import tempfile
import unittest
from pathlib import Path
from typing import Any, List

from sidecast import Context, JobCancelled
from sidecast.params import ParamsError
from sidecast.testing import run_job
from tests.jobs_for_tests import artifact, echo


def count_up(ctx: Context, to: int = 3) -> dict[str, Any]:
    for n in range(1, to + 1):
        print(f"line {n}")
        ctx.progress(n, to)
    print("no newline at the end", end="")
    sys.stderr.write("a warning\n")
    return {"counted": to, "where": Path("/tmp")}


def doubled(n: int) -> int:
    return n * 2


async def waits(ctx: Context) -> str:
    ctx.log("async")
    return "done"


def gives_up(ctx: Context) -> None:
    raise JobCancelled()


def breaks() -> None:
    raise RuntimeError("broken on purpose")


class RunJobTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="sidecast-run-job-")
        self.addCleanup(shutil.rmtree, self.folder)

    def test_returns_the_result_events_and_logs(self) -> None:
        run = run_job(count_up, to=2, artifacts_dir=self.folder)
        self.assertEqual(run.state, "completed")
        self.assertEqual(run.result, {"counted": 2, "where": "/tmp"})
        # A partial line waits for its newline, or, as here, for the job's end.
        self.assertEqual(run.logs, ["line 1", "line 2", "a warning", "no newline at the end"])
        kinds = [event["kind"] for event in run.events]
        self.assertEqual(kinds[0], "status")
        self.assertEqual(kinds[-2:], ["result", "status"])
        self.assertEqual(run.events[-1]["state"], "completed")
        self.assertEqual(kinds.count("progress"), 2)

    def test_keeps_artifacts_in_its_folder(self) -> None:
        run = run_job(artifact, path="out/report.txt", text="hello", artifacts_dir=self.folder)
        self.assertEqual(run.artifacts, {"out/report.txt": Path(self.folder) / "out/report.txt"})
        self.assertEqual(run.artifacts["out/report.txt"].read_text(), "hello")

    def test_runs_a_function_without_a_context(self) -> None:
        self.assertEqual(run_job(doubled, n=21).result, 42)

    def test_feeds_inputs_to_an_interactive_job(self) -> None:
        run = run_job(echo, turns=2, inputs=["hi", {"n": 1}])
        received: List[Any] = run.result
        self.assertEqual(received, ["hi", {"n": 1}])

    def test_runs_async_jobs(self) -> None:
        run = run_job(waits)
        self.assertEqual((run.result, run.logs), ("done", ["async"]))

    def test_checks_params_as_a_worker_does(self) -> None:
        with self.assertRaises(ParamsError) as raised:
            run_job(doubled, n="21")
        self.assertEqual(raised.exception.issues, [("n", 'expected a whole number, got a string ("21")')])

    def test_raises_the_jobs_own_exception_and_ends_cancelled_on_cancel(self) -> None:
        with self.assertRaisesRegex(RuntimeError, "broken on purpose"):
            run_job(breaks)
        self.assertEqual(run_job(gives_up).state, "cancelled")


if __name__ == "__main__":
    unittest.main()
