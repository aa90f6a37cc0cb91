"""Job types that exercise the sidecar's edges; the subprocess tests load them with --jobs."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Dict, List, Literal, Optional

from sidecast import Context, job


@job("test.print")
def print_lines(ctx: Context, tag: str, lines: int = 50, pause: float = 0.002) -> int:
    """Prints `lines` lines tagged `tag`, pausing between them so two jobs interleave."""
    for number in range(lines):
        print(tag, number)
        time.sleep(pause)
    return lines


@job("test.partial")
def partial_lines(ctx: Context) -> None:
    """Writes a line in pieces, then leaves one without its newline at the end."""
    sys.stdout.write("first ")
    sys.stdout.flush()
    ctx.log("marker")
    time.sleep(0.05)
    sys.stdout.write("half\nsecond")
    sys.stderr.write("to stderr\n")


@job("test.long_line")
def long_line(ctx: Context, chars: int) -> None:
    """Prints one line of `chars` characters."""
    print("x" * chars)


@job("test.spin")
def spin(ctx: Context, seconds: float) -> None:
    """Keeps a CPU busy in pure Python for `seconds`, ignoring its cancel flag."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@job("test.cooperative")
def cooperative(ctx: Context) -> str:
    """Waits for cancellation, checking its flag."""
    while True:
        ctx.check_cancelled()
        time.sleep(0.01)


@job("test.async_wait")
async def async_wait(ctx: Context) -> None:
    """Waits on the event loop for an hour."""
    ctx.log("waiting")
    await asyncio.sleep(3600)


@job("test.artifact")
def artifact(ctx: Context, path: str, text: str = "content") -> str:
    """Writes `text` to the artifact `path`."""
    return str(ctx.write_artifact(path, text))


@job("test.raw_output")
def raw_output(ctx: Context) -> None:
    """Writes to fds 1 and 2 directly, from a child process and from a thread of its own,
    bypassing sys.stdout, and leaves a partial line on fd 1 at the end."""
    os.write(1, b"straight to fd 1\n")
    subprocess.run([sys.executable, "-c", "print('from a child process')"], check=True)
    subprocess.run(
        [sys.executable, "-c", "import sys; sys.stderr.write('child stderr\\n')"], check=True
    )
    thread = threading.Thread(target=lambda: print("from a thread"))
    thread.start()
    thread.join()
    os.write(2, b"straight to fd 2\n")
    os.write(1, b"no newline")


@job("test.logging")
def logging_levels(ctx: Context) -> None:
    """Logs one record at each level through the standard `logging` module."""
    log = logging.getLogger("test.logging")
    log.debug("a debug record")
    log.info("an info record")
    log.warning("a warning record")
    log.error("an error record")
    log.critical("a critical record")


@job("test.echo", interactive=True)
def echo(ctx: Context, turns: int = 2, timeout: Optional[float] = None) -> List[Any]:
    """Returns the first `turns` inputs it receives."""
    return [ctx.receive(timeout) for _ in range(turns)]


@job("test.fail")
def fail(ctx: Context, message: str = "boom") -> None:
    """Raises ValueError(message)."""
    print("about to fail")
    raise ValueError(message)


@job("test.unsendable")
def unsendable(ctx: Context) -> Any:
    """Returns a value that is not JSON."""
    return {1, 2}


@job("test.params")
def params(
    ctx: Context,
    count: int,
    ratio: float,
    mode: Literal["fast", "slow"],
    tags: List[str],
    note: Optional[str] = None,
) -> Dict[str, Any]:
    """Returns its params, with the Python types they arrived as."""
    values = {"count": count, "ratio": ratio, "mode": mode, "tags": tags, "note": note}
    return {name: [value, type(value).__name__] for name, value in values.items()}


@job("test.block")
def block(ctx: Context, seconds: float) -> None:
    """Sleeps in C for `seconds`, where no interrupt can reach it."""
    time.sleep(seconds)


@job("test.sigterm_in_worker")
def sigterm_in_worker(ctx: Context) -> None:
    """Deliver SIGTERM to this worker thread, as the kernel may do with a signal for the
    process, while the main thread waits on stdin."""
    signal.pthread_kill(threading.get_ident(), signal.SIGTERM)
    ctx.sleep(30)


@job("test.stubborn_children")
def stubborn_children(ctx: Context) -> None:
    """Start a shell and a child of it that both ignore SIGTERM, emit their pids, and wait."""
    shell = subprocess.Popen(
        ["sh", "-c", 'trap "" TERM; sleep 1000 & echo $!; wait'],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert shell.stdout is not None
    ctx.emit("pids", [shell.pid, int(shell.stdout.readline())])
    ctx.sleep(600)
