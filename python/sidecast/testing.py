"""Unit-testing job functions: `run_job` runs one in this process, with a real `Context`.

    from sidecast.testing import run_job
    from my_jobs import checksum

    class ChecksumTest(unittest.TestCase):
        def test_counts_files(self) -> None:
            run = run_job(checksum, root="tests/data")
            self.assertEqual(run.result, {"files": 3})
            self.assertIn("SHA256SUMS", run.artifacts)
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional

from . import events
from .context import Context
from .errors import JobCancelled
from .inbox import Inbox
from .output import JobOutput
from .registry import REGISTRY, define
from .results import to_json


@dataclass(frozen=True)
class JobRun:
    """How a `run_job` call went: what a viewer would have seen, and the files written."""

    state: str
    """`completed`, or `cancelled` if the job raised `JobCancelled`."""
    result: Any
    """The return value, converted to JSON as a worker sends it."""
    events: List[Dict[str, Any]]
    """Every event, in order, as a worker sends them (without the hub's `seq`)."""
    artifacts_dir: Path
    """The folder the job's files went to."""

    @property
    def logs(self) -> List[str]:
        """The text of every log line: `print()`, `sys.stderr`, `ctx.log`."""
        return [event["text"] for event in self.events if event["kind"] == "log"]

    @property
    def artifacts(self) -> Dict[str, Path]:
        """The files the job announced, by their path in the artifacts folder."""
        return {
            event["path"]: self.artifacts_dir / event["path"]
            for event in self.events
            if event["kind"] == "artifact"
        }


class _Memory:
    """A `Sink` that keeps the job's events."""

    def __init__(self) -> None:
        self.events: List[Dict[str, Any]] = []
        self._lock = threading.Lock()

    def send(self, message: Dict[str, Any]) -> None:
        json.dumps(message, allow_nan=False)  # what the link would refuse, refused here too
        with self._lock:
            self.events.append(message["event"])

    def write_line(self, line: str) -> None:
        self.send(json.loads(line))


class _ScriptedInbox(Inbox):
    """The inputs given to `run_job`, in order; once they run out, `receive` times out."""

    def __init__(self, inputs: Iterable[Any], cancelled: Callable[[], bool]) -> None:
        super().__init__(cancelled)
        for item in inputs:
            self.put(item)

    def get(self, timeout: Optional[float]) -> Any:
        return super().get(0)

    async def aget(self, timeout: Optional[float]) -> Any:
        return await super().aget(0)


class _Stream(io.TextIOBase):
    """sys.stdout or sys.stderr of the job: what it writes becomes its log lines."""

    def __init__(self, output: JobOutput, stream: str) -> None:
        self._output = output
        self._stream = stream

    def write(self, s: str) -> int:
        self._output.capture(self._stream, s)
        return len(s)

    def writable(self) -> bool:
        return True


def run_job(
    function: Callable[..., Any],
    *,
    inputs: Iterable[Any] = (),
    artifacts_dir: Optional[str] = None,
    **params: Any,
) -> JobRun:
    """Run the job function `function` here and now with `params`, checked as a worker
    checks them (a `ParamsError` if they do not fit), and return what it did.

    `inputs` feed `ctx.receive()` in order (then it raises `TimeoutError`, as a real
    `receive` does when nothing comes). Artifacts go to `artifacts_dir`, by default a new
    temporary folder that is left for the test to read. What the job prints to
    `sys.stdout` and `sys.stderr` becomes its log lines; an exception it raises is raised
    here, with its own traceback, except `JobCancelled`, which ends it `cancelled`.
    """
    spec = next((s for s in REGISTRY.all() if s.function is function), None)
    if spec is None:
        spec = define(function, "test.job", None, interactive=True)
    kwargs = spec.params.bind(params)
    folder = Path(artifacts_dir or tempfile.mkdtemp(prefix="sidecast-test-"))
    memory = _Memory()
    output = JobOutput("test-job", memory)
    cancel = threading.Event()
    inbox = _ScriptedInbox(inputs, cancel.is_set) if spec.interactive else None
    context = Context("test-job", spec.name, str(folder), output, cancel, inbox)
    args = spec.positional(context)
    output.send(events.status("running"))
    state = "completed"
    value: Any = None
    with contextlib.redirect_stdout(_Stream(output, "stdout")), contextlib.redirect_stderr(
        _Stream(output, "stderr")
    ):
        try:
            if spec.is_async:
                value = asyncio.run(function(*args, **kwargs))
            else:
                value = function(*args, **kwargs)
        except JobCancelled:
            state = "cancelled"
    output.flush()
    result = to_json(value, "result")
    if state == "completed":
        output.send(events.result(result))
    output.close(events.status(state))
    return JobRun(state, result, memory.events, folder)
