"""A real `python3 -m sidecast` subprocess, driven over its stdin and stdout as the hub does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from tests.zod_oracle import ZodOracle

PYTHON_DIR = Path(__file__).resolve().parents[1]
TEST_JOBS = Path(__file__).with_name("jobs_for_tests.py")
TERMINAL_STATES = ("completed", "failed", "cancelled")

Message = Dict[str, Any]


def is_terminal(event: Dict[str, Any]) -> bool:
    """Whether a job event is the terminal status that ends the job."""
    return event["kind"] == "status" and event["state"] in TERMINAL_STATES


def strip_ts(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Events without their timestamps, for comparing."""
    return [{key: value for key, value in event.items() if key != "ts"} for event in events]


class SidecarProcess:
    """Spawns the sidecar with the test job types loaded and records everything it says.

    Use it as a context manager: on exit it stops the process and asserts that zod accepts
    every line the sidecar wrote.
    """

    def __init__(
        self,
        *args: str,
        test_jobs: bool = True,
        command: Optional[List[str]] = None,
        cwd: Path = PYTHON_DIR,
        own_group: bool = False,
    ) -> None:
        # A custom command (the .pyz) must find `sidecast` on its own.
        env = dict(os.environ)
        if command is None:
            env["PYTHONPATH"] = str(PYTHON_DIR)
        argv = command or [sys.executable, "-m", "sidecast"]
        if test_jobs:
            argv += ["--jobs", str(TEST_JOBS)]
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            [*argv, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # As the hub starts it: the leader of its own process group.
            start_new_session=own_group,
        )
        self.lines: List[bytes] = []
        self.messages: List[Message] = []
        self.stderr = b""
        self._changed = threading.Condition()
        self._closed = False
        self.artifacts_root = Path(tempfile.mkdtemp(prefix="sidecast-test-"))
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def __enter__(self) -> SidecarProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
        rejected = ZodOracle.shared().rejections(self.lines)
        if rejected:
            raise AssertionError("zod refused sidecar output:\n" + "\n".join(rejected))

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            message = json.loads(line)
            with self._changed:
                self.lines.append(line)
                self.messages.append(message)
                self._changed.notify_all()
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()

    # --- talking to it ------------------------------------------------------------------

    def send(self, message: Message) -> None:
        """Write one message as a line."""
        self.send_raw(json.dumps(message).encode() + b"\n")

    def send_raw(self, data: bytes) -> None:
        """Write bytes as they are."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def run(self, job_type: str, params: Optional[Dict[str, Any]] = None) -> str:
        """Start a job; its id."""
        job_id = uuid.uuid4().hex[:12]
        self.send(
            {
                "type": "run",
                "jobId": job_id,
                "jobType": job_type,
                "params": params or {},
                "artifactsDir": str(self.artifacts_root / job_id),
            }
        )
        return job_id

    # --- waiting for what it says -------------------------------------------------------

    def wait_for(self, predicate: Callable[[Message], bool], timeout: float = 10) -> Message:
        """The first message (from the start) that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for message in self.messages:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    raise AssertionError(
                        f"no matching message within {timeout} s; got {self.messages[-20:]}\n"
                        f"stderr: {self.stderr.decode(errors='replace')}"
                    )
                self._changed.wait(remaining)

    def ready(self) -> Message:
        """The `ready` message."""
        return self.wait_for(lambda message: message["type"] == "ready")

    def job_type_names(self) -> List[str]:
        """The names of the job types `ready` announced, in its order."""
        return [job_type["name"] for job_type in self.ready()["jobTypes"]]

    def events(self, job_id: str) -> List[Dict[str, Any]]:
        """The events of `job_id` received so far."""
        with self._changed:
            return [
                message["event"]
                for message in self.messages
                if message["type"] == "event" and message["jobId"] == job_id
            ]

    def wait_event(
        self, job_id: str, predicate: Callable[[Dict[str, Any]], bool], timeout: float = 10
    ) -> Dict[str, Any]:
        """The first event of `job_id` that satisfies `predicate`."""
        found = self.wait_for(
            lambda message: message["type"] == "event"
            and message["jobId"] == job_id
            and predicate(message["event"]),
            timeout,
        )
        return found["event"]

    def finish(self, job_id: str, timeout: float = 10) -> List[Dict[str, Any]]:
        """All events of `job_id` once its terminal status has arrived."""
        self.wait_event(job_id, is_terminal, timeout)
        return self.events(job_id)

    def logs(self, job_id: str, stream: Optional[str] = None) -> List[str]:
        """The log lines of `job_id` so far, optionally of one stream."""
        return [
            event["text"]
            for event in self.events(job_id)
            if event["kind"] == "log" and (stream is None or event["stream"] == stream)
        ]

    def sidecar_logs(self) -> List[str]:
        """The text of every sidecar-level `log` message so far."""
        with self._changed:
            return [message["text"] for message in self.messages if message["type"] == "log"]

    def wait_exit(self, timeout: float = 10) -> int:
        """The exit status, once the process has ended."""
        return self.process.wait(timeout)

    def close(self) -> None:
        """End the process (stdin EOF, then a kill if it lingers) and its reader threads."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for reader in self._readers:
            reader.join(5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None and not stream.closed:
                stream.close()
        shutil.rmtree(self.artifacts_root, ignore_errors=True)

