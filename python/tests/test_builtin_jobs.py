"""The built-in job types, run in a real sidecar."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import unittest
from pathlib import Path
from typing import Any, Dict, List

from tests.sidecar_process import SidecarProcess, strip_ts


def kinds(events: List[Dict[str, Any]]) -> List[str]:
    """The kinds of `events`, in order."""
    return [event["kind"] for event in events]


class DemoStreamTest(unittest.TestCase):
    def test_logs_numbered_lines_with_progress_then_a_result(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("demo.stream", {"lines": 250, "rate": 0})
            events = sidecar.finish(job_id)
            self.assertEqual(events[0]["state"], "running")
            self.assertEqual(
                sidecar.logs(job_id), [f"line {n} of 250" for n in range(1, 251)]
            )
            progress = [event for event in events if event["kind"] == "progress"]
            self.assertEqual(progress[-1]["current"], 250)
            self.assertTrue(all(event["total"] == 250 for event in progress))
            self.assertEqual(kinds(events)[-2:], ["result", "status"])
            self.assertEqual(events[-2]["value"]["lines"], 250)
            self.assertEqual(events[-1]["state"], "completed")
            timestamps = [event["ts"] for event in events]
            self.assertEqual(timestamps, sorted(timestamps))

    def test_paces_lines_at_the_rate_asked(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("demo.stream", {"lines": 5, "rate": 20})
            logs = [e for e in sidecar.finish(job_id) if e["kind"] == "log"]
            # Five lines at 20/s span 4 intervals of 50 ms.
            self.assertGreaterEqual(logs[-1]["ts"] - logs[0]["ts"], 190)

    def test_fails_at_the_line_asked_with_an_error_and_traceback(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("demo.stream", {"lines": 10, "rate": 0, "fail_at": 4})
            events = sidecar.finish(job_id)
            self.assertEqual(len(sidecar.logs(job_id)), 3)
            error, status = events[-2], events[-1]
            self.assertEqual(error["message"], "RuntimeError: failed at line 4, as asked (fail_at=4)")
            self.assertIn('stream.py", line', error["traceback"])
            self.assertNotIn("runner.py", error["traceback"])
            self.assertEqual((status["state"], status["reason"]), ("failed", error["message"]))

    def test_refuses_negative_numbers(self) -> None:
        with SidecarProcess() as sidecar:
            events = sidecar.finish(sidecar.run("demo.stream", {"lines": -1}))
            self.assertEqual(events[-1]["state"], "failed")
            self.assertEqual(
                events[-1]["reason"], "invalid params: lines: must be at least 0, got a number (-1)"
            )


class ChecksumTest(unittest.TestCase):
    def setUp(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="sidecast-sums-"))
        (self.root / "sub").mkdir()
        self.files = {"a.txt": b"alpha\n", "sub/b.bin": bytes(range(256)) * 5000, "empty": b""}
        for name, data in self.files.items():
            (self.root / name).write_bytes(data)

    def tearDown(self) -> None:
        shutil.rmtree(self.root)

    def test_prints_a_sha256sum_line_per_file_and_writes_SHA256SUMS(self) -> None:
        expected = sorted(f"{hashlib.sha256(d).hexdigest()}  {n}" for n, d in self.files.items())
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("files.checksum", {"root": str(self.root)})
            events = sidecar.finish(job_id)
            self.assertEqual(sorted(sidecar.logs(job_id, "stdout")), expected)
            artifact = next(event for event in events if event["kind"] == "artifact")
            self.assertEqual(artifact["path"], "SHA256SUMS")
            self.assertEqual(artifact["contentType"], "text/plain; charset=utf-8")
            written = (sidecar.artifacts_root / job_id / "SHA256SUMS").read_text()
            self.assertEqual(sorted(written.splitlines()), expected)
            self.assertEqual(artifact["size"], len(written.encode()))
            total = sum(len(d) for d in self.files.values())
            self.assertEqual(events[-2]["value"], {"files": 3, "bytes": total})

    def test_a_pattern_selects_files(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("files.checksum", {"root": str(self.root), "pattern": "*.txt"})
            sidecar.finish(job_id)
            self.assertEqual([line.split("  ")[1] for line in sidecar.logs(job_id, "stdout")], ["a.txt"])

    def test_a_missing_folder_fails_clearly(self) -> None:
        with SidecarProcess() as sidecar:
            events = sidecar.finish(sidecar.run("files.checksum", {"root": str(self.root / "no")}))
            self.assertEqual(events[-1]["state"], "failed")
            self.assertIn("is not a folder", events[-1]["reason"])


CSV = """id,name,score,active,joined
1,Ada,91.5,true,2020-01-02
2,Grace,78,false,2021-03-04
3,,NA,yes,
4,Linus,100,no,2022-05-06
5,Ada,55.25,true,2023-07-08
"""


class ProfileCsvTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sidecast-csv-"))
        self.csv = self.folder / "people.csv"
        self.csv.write_text(CSV, encoding="utf-8")

    def tearDown(self) -> None:
        shutil.rmtree(self.folder)

    def test_profiles_each_column_and_writes_both_reports(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("data.profile_csv", {"path": str(self.csv), "bins": 4})
            events = sidecar.finish(job_id)
            self.assertEqual(events[-1]["state"], "completed", events[-3:])
            artifacts = {e["path"]: e for e in events if e["kind"] == "artifact"}
            self.assertEqual(set(artifacts), {"report.json", "report.html"})
            self.assertTrue(artifacts["report.html"]["contentType"].startswith("text/html"))
            folder = sidecar.artifacts_root / job_id
            report = json.loads((folder / "report.json").read_text())
            html = (folder / "report.html").read_text()

        self.assertEqual(report["rows"], 5)
        columns = {column["name"]: column for column in report["columns"]}
        self.assertEqual(
            {name: column["type"] for name, column in columns.items()},
            {"id": "integer", "name": "text", "score": "number", "active": "boolean", "joined": "text"},
        )
        score = columns["score"]
        self.assertEqual((score["nulls"], score["min"], score["max"]), (1, 55.25, 100))
        self.assertAlmostEqual(score["mean"], (91.5 + 78 + 100 + 55.25) / 4)
        self.assertEqual(sum(score["histogram"]["counts"]), 4)
        self.assertEqual(len(score["histogram"]["counts"]), 4)
        self.assertEqual((columns["name"]["distinct"], columns["name"]["nulls"]), (3, 1))
        self.assertEqual(html.count("<svg"), 2, "one histogram per numeric column")
        self.assertNotIn("<script", html)
        self.assertIn("<th>score</th>", html)
        result = events[-2]["value"]
        self.assertEqual(result["rows"], 5)

    def test_escapes_column_names_in_the_html(self) -> None:
        self.csv.write_text('"<b>label</b>",n\nx,1\n', encoding="utf-8")
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("data.profile_csv", {"path": str(self.csv), "delimiter": ","})
            sidecar.finish(job_id)
            html = (sidecar.artifacts_root / job_id / "report.html").read_text()
        self.assertNotIn("<b>", html)
        self.assertIn("<th>&lt;b&gt;label&lt;/b&gt;</th>", html)

    def test_a_missing_file_fails_clearly(self) -> None:
        with SidecarProcess() as sidecar:
            events = sidecar.finish(sidecar.run("data.profile_csv", {"path": "/nonexistent.csv"}))
            self.assertIn("is not a file", events[-1]["reason"])


class ChatTest(unittest.TestCase):
    def test_streams_an_answer_per_input_and_ends_on_request(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("demo.chat", {"delay": 0})
            sidecar.wait_event(job_id, lambda e: e["kind"] == "log")
            sidecar.send({"type": "input", "jobId": job_id, "data": "hello there"})
            answer = sidecar.wait_event(job_id, lambda e: e["kind"] == "log" and "You said" in e["text"])
            sidecar.send({"type": "input", "jobId": job_id, "data": {"text": "again"}})
            sidecar.wait_event(job_id, lambda e: e["kind"] == "log" and '"again"' in e["text"])
            sidecar.send({"type": "input", "jobId": job_id, "data": {"end": True}})
            events = sidecar.finish(job_id)

        tokens = [e["data"] for e in events if e["kind"] == "data" and e["name"] == "token"]
        first_answer = answer["text"]
        self.assertTrue("".join(tokens).startswith(first_answer))
        self.assertIn('"hello there": 2 words, 11 characters', first_answer)
        self.assertEqual(strip_ts(events[-2:]), [
            {"kind": "result", "value": {"turns": 2}},
            {"kind": "status", "state": "completed"},
        ])

    def test_ends_cancelled_when_cancelled(self) -> None:
        with SidecarProcess() as sidecar:
            job_id = sidecar.run("demo.chat")
            sidecar.wait_event(job_id, lambda e: e["kind"] == "log")
            sidecar.send({"type": "cancel", "jobId": job_id})
            self.assertEqual(sidecar.finish(job_id)[-1]["state"], "cancelled")
