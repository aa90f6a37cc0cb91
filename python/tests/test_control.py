"""Commands from the hub: cancel, input, ping, shutdown; and lines that are not commands."""

from __future__ import annotations

import os
import signal
import time
import unittest

from tests.sidecar_process import SidecarProcess, strip_ts


class CancelTest(unittest.TestCase):
    def test_cancels_a_sync_job_that_checks_its_flag(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.cooperative")
            sidecar.wait_event(job_id, lambda e: e["kind"] == "status")
            sidecar.send({"type": "cancel", "jobId": job_id})
            events = sidecar.finish(job_id)
            self.assertEqual(strip_ts(events), [
                {"kind": "status", "state": "running"},
                {"kind": "status", "state": "cancelled"},
            ])

    def test_interrupts_a_sync_job_that_ignores_its_flag(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.spin", {"seconds": 60})
            sidecar.wait_event(job_id, lambda e: e["kind"] == "status")
            sidecar.send({"type": "cancel", "jobId": job_id})
            self.assertEqual(sidecar.finish(job_id, timeout=10)[-1]["state"], "cancelled")
            self.assertTrue(any("interrupting it" in text for text in sidecar.sidecar_logs()))

    def test_cancels_an_async_job_at_once(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.async_wait")
            sidecar.wait_event(job_id, lambda e: e["kind"] == "log")
            sidecar.send({"type": "cancel", "jobId": job_id})
            self.assertEqual(sidecar.finish(job_id)[-1]["state"], "cancelled")

    def test_a_second_run_while_busy_fails_and_leaves_the_first_running(self) -> None:
        with SidecarProcess() as sidecar:
            running = sidecar.run("test.cooperative")
            sidecar.wait_event(running, lambda e: e["kind"] == "status")
            second = sidecar.run("demo.stream", {"lines": 1, "rate": 0})
            refused = sidecar.finish(second)
            self.assertEqual(refused[-1]["state"], "failed")
            self.assertIn(f"already running job {running}", refused[-1]["reason"])
            sidecar.send({"type": "cancel", "jobId": running})
            self.assertEqual(sidecar.finish(running)[-1]["state"], "cancelled")

    def test_runs_the_next_job_once_the_last_has_ended(self) -> None:
        with SidecarProcess() as sidecar:
            for _ in range(3):
                job_id = sidecar.run("demo.stream", {"lines": 3, "rate": 0})
                self.assertEqual(sidecar.finish(job_id)[-1]["state"], "completed")


class InputTest(unittest.TestCase):
    def test_delivers_input_to_an_interactive_job_in_order(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.echo", {"turns": 3})
            for data in ("one", {"two": 2}, None):
                sidecar.send({"type": "input", "jobId": job_id, "data": data})
            events = sidecar.finish(job_id)
            self.assertEqual(events[-2]["value"], ["one", {"two": 2}, None])

    def test_receive_times_out_with_TimeoutError(self) -> None:
        with SidecarProcess() as sidecar:
            events = sidecar.finish(sidecar.run("test.echo", {"turns": 1, "timeout": 0.1}))
            self.assertEqual(events[-2]["message"], "TimeoutError: no input within 0.1 s")

    def test_refuses_input_for_a_job_that_is_not_interactive(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.cooperative")
            sidecar.wait_event(job_id, lambda e: e["kind"] == "status")
            sidecar.send({"type": "input", "jobId": job_id, "data": "hi"})
            sidecar.wait_for(lambda m: m["type"] == "log" and "is not interactive" in m["text"])
            sidecar.send({"type": "cancel", "jobId": job_id})
            self.assertEqual(sidecar.finish(job_id)[-1]["state"], "cancelled")


class PingTest(unittest.TestCase):
    def test_answers_at_once_while_a_cpu_bound_job_runs(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.spin", {"seconds": 3})
            sidecar.wait_event(job_id, lambda e: e["kind"] == "status")
            for n in range(5):
                sidecar.send({"type": "ping", "n": n})
                sidecar.wait_for(lambda m, n=n: m == {"type": "pong", "n": n}, timeout=1)
            self.assertEqual(len(sidecar.events(job_id)), 1, "the job is still running")
            sidecar.send({"type": "cancel", "jobId": job_id})
            sidecar.finish(job_id)


class BadInputTest(unittest.TestCase):
    def test_reports_and_survives_lines_that_are_not_commands(self) -> None:
        bad_lines = [
            b"not json\n",
            b"\xff\xfe invalid utf-8\n",
            b'{"type":"eval","code":"1+1"}\n',
            b'{"type":"ping","n":-1}\n',
            b'{"type":"ping","n":NaN}\n',
            b"[1,2]\n",
            b'{"type":"run","jobId":"a b","jobType":"demo.stream","params":{},"artifactsDir":"/t"}\n',
            b"x" * (1024 * 1024 + 10) + b"\n",
        ]
        with SidecarProcess() as sidecar:
            sidecar.ready()
            for line in bad_lines:
                sidecar.send_raw(line)
            sidecar.send({"type": "ping", "n": 7})
            sidecar.wait_for(lambda m: m == {"type": "pong", "n": 7})
            errors = [m for m in sidecar.messages if m["type"] == "log" and m["level"] == "error"]
            self.assertEqual(len(errors), len(bad_lines), errors)
            self.assertIn("no such message type", errors[2]["text"])
            self.assertIn("longer than 1048576 bytes", errors[-1]["text"])

    def test_an_unknown_job_type_or_bad_params_fail_the_job(self) -> None:
        with SidecarProcess() as sidecar:
            unknown = sidecar.finish(sidecar.run("no.such.job"))
            self.assertEqual(unknown[-1]["reason"], 'no job type "no.such.job" in this worker')
            bad = sidecar.finish(sidecar.run("test.params", {"count": "3", "ratio": 1, "mode": "x", "extra": 1}))
            self.assertEqual(
                bad[-2]["message"],
                'invalid params: count: expected a whole number, got a string ("3"); '
                'mode: expected one of ["fast", "slow"], got a string ("x"); tags: required; '
                "extra: no such parameter",
            )
            self.assertEqual(bad[-1]["state"], "failed")

    def test_converts_params_to_the_annotated_types(self) -> None:
        with SidecarProcess() as sidecar:
            params = {"count": 3.0, "ratio": 2, "mode": "fast", "tags": ["a"]}
            events = sidecar.finish(sidecar.run("test.params", params))
            self.assertEqual(events[-2]["value"], {
                "count": [3, "int"], "ratio": [2.0, "float"], "mode": ["fast", "str"],
                "tags": [["a"], "list"], "note": [None, "NoneType"],
            })

    def test_a_result_that_is_not_json_fails_the_job(self) -> None:
        with SidecarProcess() as sidecar:
            events = sidecar.finish(sidecar.run("test.unsendable"))
            self.assertEqual(
                events[-1]["reason"],
                "the job's return value cannot be sent: result is a set, which JSON has no "
                "form for (return a list, e.g. sorted(...))",
            )
            # No frame is left once the job has returned: the error points at its `return`.
            trace = events[-2]["traceback"]
            self.assertRegex(trace, r'File ".*jobs_for_tests\.py", line \d+, in unsendable')
            self.assertIn("return {1, 2}", trace)

    def test_refuses_an_artifact_path_that_escapes_the_folder(self) -> None:
        with SidecarProcess() as sidecar:
            for path in ("../escape.txt", "/etc/passwd", "a/../../b"):
                events = sidecar.finish(sidecar.run("test.artifact", {"path": path}))
                self.assertEqual(events[-1]["state"], "failed")
                self.assertIn("ArtifactPathError", events[-2]["message"])
            self.assertFalse((sidecar.artifacts_root / "escape.txt").exists())
            ok = sidecar.finish(sidecar.run("test.artifact", {"path": "reports/ok.txt"}))
            self.assertEqual(ok[-1]["state"], "completed")


class ShutdownTest(unittest.TestCase):
    def assert_exits_after_cancelling(self, stop: str) -> None:
        with SidecarProcess() as sidecar:
            stuck = sidecar.run("test.block", {"seconds": 60})
            sidecar.wait_event(stuck, lambda e: e["kind"] == "status")
            began = time.monotonic()
            if stop == "shutdown":
                sidecar.send({"type": "shutdown"})
            elif stop == "eof":
                assert sidecar.process.stdin is not None
                sidecar.process.stdin.close()
            else:
                os.kill(sidecar.process.pid, signal.SIGTERM)
            self.assertEqual(sidecar.wait_exit(10), 0)
            took = time.monotonic() - began
            last = sidecar.finish(stuck)[-1]
            self.assertEqual(last["state"], "cancelled")
            self.assertIn("did not stop within 3 s", last["reason"])
            # It waited for the stuck job, but no longer than its 3 s (plus process exit).
            self.assertGreater(took, 2.9)
            self.assertLess(took, 5.5)

    def test_shutdown_cancels_jobs_waits_up_to_3_s_and_exits_0(self) -> None:
        self.assert_exits_after_cancelling("shutdown")

    def test_stdin_eof_outside_its_own_process_group_does_the_same(self) -> None:
        self.assert_exits_after_cancelling("eof")

    def test_sigterm_does_the_same(self) -> None:
        self.assert_exits_after_cancelling("sigterm")

    def test_exits_at_once_when_idle(self) -> None:
        with SidecarProcess() as sidecar:
            sidecar.ready()
            began = time.monotonic()
            sidecar.send({"type": "shutdown"})
            self.assertEqual(sidecar.wait_exit(5), 0)
            self.assertLess(time.monotonic() - began, 1.0)

    def test_sigterm_delivered_to_a_worker_thread_still_stops_it(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("test.sigterm_in_worker")
            self.assertEqual(sidecar.wait_exit(5), 0)
            self.assertEqual(sidecar.finish(job_id)[-1]["state"], "cancelled")

    def test_refuses_runs_once_shutting_down(self) -> None:
        with SidecarProcess() as sidecar:
            busy = sidecar.run("test.block", {"seconds": 60})
            sidecar.wait_event(busy, lambda e: e["kind"] == "status")
            sidecar.send({"type": "shutdown"})
            late = sidecar.run("demo.stream")
            self.assertEqual(sidecar.wait_exit(10), 0)
            self.assertEqual(sidecar.finish(late)[-1]["reason"], "the worker is shutting down")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class HubGoneTest(unittest.TestCase):
    """A sidecar leading its own process group, as the hub starts it, whose hub is gone."""

    def assert_group_killed_at_once(self, hub_goes: str) -> None:
        with SidecarProcess(own_group=True) as sidecar:
            job_id = sidecar.run("test.stubborn_children")
            pids = sidecar.wait_event(job_id, lambda e: e["kind"] == "data")["data"]
            self.assertTrue(all(alive(pid) for pid in pids))
            began = time.monotonic()
            if hub_goes == "eof":
                assert sidecar.process.stdin is not None
                sidecar.process.stdin.close()
            else:
                os.kill(sidecar.process.pid, signal.SIGHUP)
            self.assertEqual(sidecar.wait_exit(5), -signal.SIGKILL)
            deadline = time.monotonic() + 2
            while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
                time.sleep(0.02)
            self.assertFalse(any(alive(pid) for pid in pids))
            self.assertLess(time.monotonic() - began, 2)

    def test_stdin_eof_without_shutdown_kills_the_group_and_children_that_ignore_sigterm(
        self,
    ) -> None:
        self.assert_group_killed_at_once("eof")

    def test_the_parent_death_signal_does_the_same(self) -> None:
        self.assert_group_killed_at_once("sighup")

    def test_sighup_outside_its_own_group_stops_it_gracefully(self) -> None:
        with SidecarProcess() as sidecar:
            sidecar.ready()
            os.kill(sidecar.process.pid, signal.SIGHUP)
            self.assertEqual(sidecar.wait_exit(5), 0)
