"""`Context` and `JobOutput`, against a real link on a pipe."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import unittest
from pathlib import Path
from typing import Any, Dict, List

from sidecast.constants import INPUT_READ_DATA_NAME
from sidecast.context import Context
from sidecast.errors import JobCancelled
from sidecast.inbox import Inbox
from sidecast.link import Link
from sidecast.output import JobOutput
from tests.test_link import PipeReader


class ContextTest(unittest.TestCase):
    def setUp(self) -> None:
        read_end, self.write_end = os.pipe()
        self.reader = PipeReader(read_end).start()
        self.link = Link(self.write_end)
        self.output = JobOutput("j1", self.link)
        self.cancel = threading.Event()
        self.folder = tempfile.TemporaryDirectory()
        self.ctx = Context("j1", "t.job", self.folder.name, self.output, self.cancel, None)

    def tearDown(self) -> None:
        self.folder.cleanup()

    def events(self) -> List[Dict[str, Any]]:
        self.link.close()
        os.close(self.write_end)
        return [json.loads(line)["event"] for line in self.reader.lines()]

    def test_log_sends_one_event_per_line_at_the_given_level(self) -> None:
        self.ctx.log("one\ntwo\n")
        self.ctx.log("", level="debug")
        self.ctx.log(42, level="error")
        logs = [(e["stream"], e["level"], e["text"]) for e in self.events()]
        self.assertEqual(
            logs,
            [("log", "info", "one"), ("log", "info", "two"), ("log", "debug", ""), ("log", "error", "42")],
        )

    def test_log_refuses_a_level_the_protocol_lacks(self) -> None:
        with self.assertRaisesRegex(ValueError, "debug, info, warning, error"):
            self.ctx.log("x", level="warn")
        self.assertEqual(self.events(), [])

    def test_progress_emit_and_artifacts_become_events(self) -> None:
        self.ctx.progress(1, 4, "first")
        self.ctx.progress(2.5)
        self.ctx.emit("token", {"t": "Hel"})
        path = self.ctx.write_artifact("out/a.txt", "hello")
        self.assertEqual(path.read_text(), "hello")
        self.assertEqual(path, (Path(self.folder.name) / "out" / "a.txt").resolve())
        with self.assertRaises(ValueError):
            self.ctx.progress(-1)
        with self.assertRaises(ValueError):
            self.ctx.emit("nan", float("nan"))
        events = [{k: v for k, v in e.items() if k != "ts"} for e in self.events()]
        self.assertEqual(
            events,
            [
                {"kind": "progress", "current": 1, "total": 4, "message": "first"},
                {"kind": "progress", "current": 2.5},
                {"kind": "data", "name": "token", "data": {"t": "Hel"}},
                {"kind": "artifact", "path": "out/a.txt", "size": 5, "contentType": "text/plain; charset=utf-8"},
            ],
        )

    def test_cancellation_is_seen_by_the_flag_check_and_sleep(self) -> None:
        self.assertFalse(self.ctx.cancelled)
        self.ctx.check_cancelled()
        threading.Timer(0.05, self.cancel.set).start()
        began = time.monotonic()
        with self.assertRaises(JobCancelled):
            self.ctx.sleep(30)
        self.assertLess(time.monotonic() - began, 5)
        self.assertTrue(self.ctx.cancelled)
        with self.assertRaises(JobCancelled):
            self.ctx.check_cancelled()
        self.events()

    def test_receive_is_for_interactive_jobs(self) -> None:
        with self.assertRaisesRegex(RuntimeError, "t.job is not interactive"):
            self.ctx.receive()
        self.events()

    def test_each_input_taken_is_announced_by_its_ordinal(self) -> None:
        inbox = Inbox(self.cancel.is_set)
        ctx = Context("j1", "t.chat", self.folder.name, self.output, self.cancel, inbox)
        inbox.put("hi")
        inbox.put({"text": "again"})
        self.assertEqual([ctx.receive(1), ctx.receive(1)], ["hi", {"text": "again"}])
        marks = [(e["name"], e["data"]) for e in self.events()]
        self.assertEqual(marks, [(INPUT_READ_DATA_NAME, 1), (INPUT_READ_DATA_NAME, 2)])

    def test_emit_refuses_the_runtimes_own_names(self) -> None:
        with self.assertRaisesRegex(ValueError, "reserved: 'sidecast.input_read'"):
            self.ctx.emit("sidecast.input_read", 1)
        self.assertEqual(self.events(), [])

    def test_nothing_is_sent_after_the_output_closes(self) -> None:
        print_target = self.output
        print_target.capture("stdout", "held")
        print_target.close({"ts": 1.0, "kind": "status", "state": "completed"})
        self.ctx.log("late")
        self.ctx.progress(1)
        print_target.capture("stdout", "late\n")
        self.assertFalse(print_target.close({"ts": 2.0, "kind": "status", "state": "failed"}))
        events = self.events()
        self.assertEqual([e.get("text", e.get("state")) for e in events], ["held", "completed"])


class InboxTest(unittest.TestCase):
    def test_hands_items_over_in_order_and_wakes_on_cancel(self) -> None:
        cancelled = threading.Event()
        inbox = Inbox(cancelled.is_set)
        inbox.put(1)
        inbox.put(None)
        self.assertEqual([inbox.get(0), inbox.get(0)], [1, None])
        with self.assertRaises(TimeoutError):
            inbox.get(0.01)
        threading.Timer(0.05, lambda: (cancelled.set(), inbox.wake())).start()
        with self.assertRaises(JobCancelled):
            inbox.get(None)


if __name__ == "__main__":
    unittest.main()
