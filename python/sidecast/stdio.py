"""Taking the process's standard streams away from everything but the link.

The hub reads protocol lines from the worker's stdout, so nothing else may ever write
there: not a job's `print`, not a C extension writing to fd 1, not a subprocess that
inherited it. At start the worker keeps private duplicates of fds 0, 1 and 2, points fd 0
at the null device and fds 1 and 2 at pipes that `capture` reads: what lands there while a
job runs is that job's output, whoever wrote it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO


@dataclass(frozen=True)
class Stdio:
    """The link's private streams, and the pipes that now stand in for fds 1 and 2."""

    commands: BinaryIO
    """What the hub writes to the worker (the original stdin)."""
    protocol_fd: int
    """Where protocol lines go (a duplicate of the original stdout)."""
    diagnostics_fd: int
    """The original stderr: the hub keeps its last lines to explain a crash."""
    stdout_pipe: int
    """The read end of the pipe that is now fd 1."""
    stderr_pipe: int
    """The read end of the pipe that is now fd 2."""


def _redirect_to_pipe(fd: int) -> int:
    read_end, write_end = os.pipe()
    os.dup2(write_end, fd)
    os.close(write_end)
    return read_end


def take_over_stdio() -> Stdio:
    """Move the link onto private fds and point fds 0, 1 and 2 away from the hub."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    commands_fd, protocol_fd, diagnostics_fd = os.dup(0), os.dup(1), os.dup(2)
    null_fd = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null_fd, 0)
    os.close(null_fd)
    stdout_pipe = _redirect_to_pipe(1)
    stderr_pipe = _redirect_to_pipe(2)
    sys.stdin = open(os.devnull, encoding="utf-8")
    return Stdio(
        commands=os.fdopen(commands_fd, "rb"),
        protocol_fd=protocol_fd,
        diagnostics_fd=diagnostics_fd,
        stdout_pipe=stdout_pipe,
        stderr_pipe=stderr_pipe,
    )
