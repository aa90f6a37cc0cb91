"""`Context`: what a job gets as its first argument."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Optional, Union

from . import events
from .artifacts import write_artifact
from .constants import INPUT_READ_DATA_NAME
from .errors import JobCancelled
from .inbox import Inbox
from .output import JobOutput


RUNTIME_PREFIX = "sidecast."


class Context:
    """A running job's handle on the sidecar: output, progress, artifacts, input, cancel."""

    def __init__(
        self,
        job_id: str,
        job_type: str,
        artifacts_dir: str,
        output: JobOutput,
        cancel: threading.Event,
        inbox: Optional[Inbox],
    ) -> None:
        self.job_id = job_id
        """The id the hub gave this run."""
        self.job_type = job_type
        """The name the job was registered under."""
        self.artifacts_dir = Path(artifacts_dir)
        """The folder this run's files belong in; `write_artifact` writes inside it."""
        self._output = output
        self._cancel = cancel
        self._inbox = inbox
        self._inputs_read = 0
        self._read_lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        """Whether someone asked this job to stop."""
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        """Raise `JobCancelled` if the job was cancelled; call it often in long loops."""
        if self._cancel.is_set():
            raise JobCancelled()

    def sleep(self, seconds: float) -> None:
        """`time.sleep` that ends early, raising `JobCancelled`, when the job is cancelled."""
        if self._cancel.wait(seconds):
            raise JobCancelled()

    def log(self, text: Any, level: str = "info") -> None:
        """Log `text` (one event per line) at `level`: debug, info, warning or error."""
        if level != "info":
            events.check_level(level)
        self._output.text("log", level, text if isinstance(text, str) else str(text))

    def progress(
        self, current: float, total: Optional[float] = None, message: Optional[str] = None
    ) -> None:
        """Report that `current` of `total` (when known) is done, with an optional message."""
        self._output.send(events.progress(current, total, message))

    def emit(self, name: str, data: Any) -> None:
        """Send an app-defined `data` event, e.g. `ctx.emit("token", "Hel")`. Names that
        start with `sidecast.` are the runtime's own and raise `ValueError`."""
        if name.startswith(RUNTIME_PREFIX):
            raise ValueError(f"data names starting with {RUNTIME_PREFIX!r} are reserved: {name!r}")
        self._output.send(events.data(name, data))

    def write_artifact(
        self, path: str, content: Union[bytes, str], content_type: Optional[str] = None
    ) -> Path:
        """Write a file under `artifacts_dir` (`path` is relative and `/`-separated) and tell
        viewers about it. Raises `ArtifactPathError` for a path that would escape the folder."""
        written = write_artifact(self.artifacts_dir, path, content, content_type)
        self._output.send(events.artifact(path, written.size, written.content_type))
        return written.file

    def receive(self, timeout: Optional[float] = None) -> Any:
        """The next input a viewer sent; waits up to `timeout` seconds (forever for `None`),
        then raises `TimeoutError`. Raises `JobCancelled` if the job is cancelled meanwhile."""
        return self._took(self._require_inbox().get(timeout))

    async def areceive(self, timeout: Optional[float] = None) -> Any:
        """`receive` for `async def` jobs: waits without blocking the event loop."""
        return self._took(await self._require_inbox().aget(timeout))

    def _took(self, message: Any) -> Any:
        # Viewers place what the job streams next under the message it answers, even when
        # more were sent while an earlier reply was streaming.
        with self._read_lock:
            self._inputs_read += 1
            self._output.send(events.data(INPUT_READ_DATA_NAME, self._inputs_read))
        return message

    def _require_inbox(self) -> Inbox:
        if self._inbox is None:
            raise RuntimeError(
                f"{self.job_type} is not interactive; declare it with @job(..., interactive=True)"
            )
        return self._inbox
