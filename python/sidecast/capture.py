"""`sys.stdout` and `sys.stderr` that route each write to the job whose code made it.

Which job is running is a context variable, so two jobs printing at once in two threads
(or two tasks on the event loop) each get their own lines. Writes outside any job go to
the stream that was there before, which now feeds the sidecar-level log.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO

from .output import CURRENT_OUTPUT


class CaptureStream(io.TextIOBase):
    """A text stream that sends a job's writes to its log and everything else onwards."""

    def __init__(self, stream: str, fallback: TextIO) -> None:
        super().__init__()
        self._stream = stream
        self._fallback = fallback

    def write(self, s: str) -> int:
        output = CURRENT_OUTPUT.get()
        if output is None:
            return self._fallback.write(s)
        output.capture(self._stream, s)
        return len(s)

    def flush(self) -> None:
        if CURRENT_OUTPUT.get() is None:
            self._fallback.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        # Code that hands "stdout" to a subprocess gets the fd whose lines reach the
        # sidecar-level log; a job's own lines only ever come through `write`.
        return self._fallback.fileno()

    @property
    def encoding(self) -> str:  # pyright: ignore[reportIncompatibleVariableOverride]
        return "utf-8"


def install_capture() -> None:
    """Replace `sys.stdout` and `sys.stderr` with job-aware streams."""
    sys.stdout = CaptureStream("stdout", sys.stdout)
    sys.stderr = CaptureStream("stderr", sys.stderr)
