"""Taking the process's standard streams away from everything but the link.

The hub reads protocol lines from the sidecar's stdout, so nothing else may ever write
there: not a job's `print`, not a C extension writing to fd 1, not a subprocess that
inherited it. At start the sidecar keeps private duplicates of fds 0 and 1 for the link,
points fd 0 at the null device and fd 1 at a pipe whose lines become sidecar-level `log`
messages. Fd 2 stays the hub's diagnostics channel unless it shares fd 1's pipe.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from typing import BinaryIO, Callable, List, TextIO, Tuple

from .constants import MAX_LOG_LINE_CHARS

StrayOutputHandler = Callable[[str, str], None]
"""Called with `(level, text)` for each line something wrote to fd 1 (or a shared fd 2)."""


@dataclass(frozen=True)
class Stdio:
    """The link's private streams, and the pipes that now stand in for fds 1 and 2."""

    commands: BinaryIO
    """What the hub writes to the sidecar (the original stdin)."""
    protocol_fd: int
    """Where protocol lines go (a duplicate of the original stdout)."""
    diagnostics: TextIO
    """The original stderr, for messages the hub shows when the sidecar fails to start."""
    stray: Tuple[Tuple[int, str], ...]
    """`(read fd, level)` for each redirected output fd."""


def _same_file(fd_a: int, fd_b: int) -> bool:
    try:
        return os.path.samestat(os.fstat(fd_a), os.fstat(fd_b))
    except OSError:
        return False


def _redirect_to_pipe(fd: int) -> int:
    read_end, write_end = os.pipe()
    os.dup2(write_end, fd)
    os.close(write_end)
    return read_end


def take_over_stdio() -> Stdio:
    """Move the link onto private fds and point fds 0, 1 (and 2 if it shares fd 1) away."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    commands_fd, protocol_fd, diagnostics_fd = os.dup(0), os.dup(1), os.dup(2)
    stderr_shares_stdout = _same_file(1, 2)

    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)
    os.close(null_fd)
    stray: List[Tuple[int, str]] = [(_redirect_to_pipe(1), "info")]
    if stderr_shares_stdout:
        stray.append((_redirect_to_pipe(2), "warning"))

    sys.stdin = open(os.devnull, encoding="utf-8")
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if callable(reconfigure):
        # fd 1 is now a pipe read by this process; line buffering keeps stray output prompt.
        reconfigure(line_buffering=True)
    return Stdio(
        commands=os.fdopen(commands_fd, "rb"),
        protocol_fd=protocol_fd,
        diagnostics=os.fdopen(diagnostics_fd, "w", encoding="utf-8", errors="replace"),
        stray=tuple(stray),
    )


def _pump(read_fd: int, level: str, handler: StrayOutputHandler) -> None:
    with os.fdopen(read_fd, "rb") as pipe:
        # readline's limit splits an endless line into bounded chunks instead of buffering it.
        for chunk in iter(lambda: pipe.readline(MAX_LOG_LINE_CHARS), b""):
            handler(level, chunk.rstrip(b"\r\n").decode("utf-8", "replace"))


def pump_stray_output(stdio: Stdio, handler: StrayOutputHandler) -> None:
    """Start one daemon thread per redirected fd that hands its lines to `handler`."""
    for read_fd, level in stdio.stray:
        threading.Thread(
            target=_pump, args=(read_fd, level, handler), name="sidecast-stray", daemon=True
        ).start()
