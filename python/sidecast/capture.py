"""What a job writes, at the file-descriptor level.

A worker runs one job at a time, so everything that reaches fd 1 or fd 2 while a job runs
is that job's: its `print`s, its threads, its subprocesses, C code writing to the fds. Two
reader threads turn the pipes behind fds 1 and 2 into the job's `log` events (`stdout` and
`stderr`); between jobs, the lines become worker-level `log` messages. `sys.stdout` and
`sys.stderr` hand a job's Python-level writes to its output directly, which keeps them in
order with its other events and spares a trip through a pipe; their `fileno()` is still the
pipe, so a subprocess given `stdout=sys.stdout` is captured too.

Whatever reaches fd 2 is also copied to the worker's real stderr, whose last lines the hub
keeps to explain a crash: a job that dies mid-write still names its last words.
"""

from __future__ import annotations

import io
import os
import secrets
import sys
import threading
from typing import Callable, Dict, Optional

from .constants import MAX_LOG_LINE_CHARS
from .libc import LIBC
from .output import STREAM_LEVELS, JobOutput

WorkerLog = Callable[[str, str], None]
"""Called with `(level, text)` for a line written while no job runs."""

DRAIN_TIMEOUT_S = 0.5
"""The longest a finished job waits for its last output to come through the pipes."""

_READ_BYTES = 65536


def _flush_c_stdio() -> None:
    """Flush C `stdio` buffers, where an extension's `printf` waits when fd 1 is a pipe."""
    if LIBC is not None:
        LIBC.fflush(None)


class _PipeReader:
    """One pipe's lines, handed to the current job or to the worker log."""

    def __init__(self, capture: Capture, fd: int, stream: str, tee_fd: Optional[int]) -> None:
        self._capture = capture
        self._fd = fd
        self._stream = stream
        self._level = STREAM_LEVELS[stream]
        self._tee_fd = tee_fd
        self._pending = b""
        threading.Thread(target=self._read, name=f"sidecast-{stream}", daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, _READ_BYTES)
            except OSError:
                return
            if not chunk:
                return
            tee_fd = self._tee_fd
            if tee_fd is not None:
                try:
                    os.write(tee_fd, chunk.replace(self._capture.marker + b"\n", b""))
                except OSError:
                    self._tee_fd = None
            self._take(chunk)

    def _take(self, chunk: bytes) -> None:
        marker = self._capture.marker
        pieces = (self._pending + chunk).split(b"\n")
        self._pending = pieces.pop()
        for piece in pieces:
            if piece.endswith(marker):
                before = piece[: -len(marker)]
                if before:
                    self._emit(before)
                self._capture.drained(self._stream)
            else:
                self._emit(piece)
        # An endless line is cut at the cap, keeping back what could be the start of a marker.
        limit = MAX_LOG_LINE_CHARS + len(marker)
        while len(self._pending) > limit:
            self._emit(self._pending[:MAX_LOG_LINE_CHARS])
            self._pending = self._pending[MAX_LOG_LINE_CHARS:]

    def _emit(self, raw: bytes) -> None:
        self._capture.line(self._stream, self._level, raw.rstrip(b"\r").decode("utf-8", "replace"))


class Capture:
    """Routes fd-level output to the job that is running, if any."""

    def __init__(self, stdout_pipe: int, stderr_pipe: int, diagnostics_fd: int, log: WorkerLog):
        self._log = log
        self._lock = threading.Lock()
        self._output: Optional[JobOutput] = None
        self._drains: Dict[str, threading.Event] = {}
        # A job cannot fake the end of its own output: the marker is a secret of this process.
        self.marker = b"\x00sidecast-drain-" + secrets.token_hex(16).encode()
        self.diagnostics_fd = diagnostics_fd
        _PipeReader(self, stdout_pipe, "stdout", None)
        _PipeReader(self, stderr_pipe, "stderr", diagnostics_fd)

    @property
    def output(self) -> Optional[JobOutput]:
        """The output of the job that is running, if one is."""
        return self._output

    def attach(self, output: JobOutput) -> None:
        """A job starts: what reaches the fds from now on is its."""
        with self._lock:
            self._output = output

    def detach(self) -> None:
        """The job's code has returned: wait (briefly) until everything it wrote to the fds
        has come through, then route the fds back to the worker log."""
        _flush_c_stdio()
        events = {stream: threading.Event() for stream in ("stdout", "stderr")}
        self._drains = events
        try:
            for fd in (1, 2):
                os.write(fd, self.marker + b"\n")
        except OSError:
            pass
        for event in events.values():
            event.wait(DRAIN_TIMEOUT_S)
        with self._lock:
            self._output = None

    def drained(self, stream: str) -> None:
        """A reader reached the marker: all before it has been handed on."""
        event = self._drains.get(stream)
        if event is not None:
            event.set()

    def line(self, stream: str, level: str, text: str) -> None:
        """One line read from a pipe."""
        with self._lock:
            output = self._output
        if output is not None:
            output.line(stream, level, text)
        else:
            self._log(level, text)


class JobStream(io.TextIOBase):
    """`sys.stdout` or `sys.stderr`: a job's writes go to its output, others to the fd."""

    def __init__(self, capture: Capture, stream: str, fd: int) -> None:
        super().__init__()
        self._capture = capture
        self._stream = stream
        self._fd = fd
        self._fallback = io.TextIOWrapper(
            io.FileIO(fd, "w", closefd=False), encoding="utf-8", errors="replace", write_through=True
        )

    def write(self, s: str) -> int:
        output = self._capture.output
        if output is None:
            return self._fallback.write(s)
        output.capture(self._stream, s)
        if self._stream == "stderr":
            try:
                os.write(self._capture.diagnostics_fd, s.encode("utf-8", "replace"))
            except OSError:
                pass
        return len(s)

    def flush(self) -> None:
        self._fallback.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._fd

    @property
    def encoding(self) -> str:  # pyright: ignore[reportIncompatibleVariableOverride]
        return "utf-8"


def install_capture(capture: Capture) -> None:
    """Replace `sys.stdout` and `sys.stderr` with streams that know the running job."""
    sys.stdout = JobStream(capture, "stdout", 1)
    sys.stderr = JobStream(capture, "stderr", 2)
