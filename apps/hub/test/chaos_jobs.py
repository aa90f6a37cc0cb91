"""Jobs that misbehave on purpose, for the hub's supervisor and hardening tests."""
import gc
import os
import sys
import time
from pathlib import Path

from sidecast import Context, job
from sidecast.link import Link


@job("chaos.exit")
def exit_hard(ctx: Context, code: int = 3, after: float = 0.0) -> None:
    """Kill the whole sidecar with `os._exit`, after `after` seconds."""
    ctx.log("about to exit")
    time.sleep(after)
    os.write(2, b"chaos: exiting on purpose\n")
    os._exit(code)


@job("chaos.block")
def block_interpreter(ctx: Context) -> None:
    """Hold the GIL in C code for minutes: no pong, no signal handler, no shutdown."""
    ctx.log("blocking")
    time.sleep(0.2)  # let the log line reach the hub first
    sum(range(10**13))


@job("chaos.ignore_cancel")
def ignore_cancel(ctx: Context, seconds: float = 30.0) -> str:
    """Swallow every cancellation, including the one raised into the thread."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            time.sleep(0.05)
        except BaseException:  # noqa: B036 - ignoring cancellation is the point
            ctx.log("ignored a cancellation")
    return "still here"


@job("chaos.wait")
def wait(ctx: Context, seconds: float = 30.0) -> str:
    """Run until cancelled or `seconds` pass."""
    ctx.progress(0, None, "waiting")
    ctx.sleep(seconds)
    return "waited"


@job("chaos.symlink_out")
def symlink_out(ctx: Context, target: str) -> None:
    """Leave a symlink in the artifacts folder that points outside it."""
    Path(ctx.artifacts_dir).mkdir(parents=True, exist_ok=True)
    (Path(ctx.artifacts_dir) / "escape.txt").symlink_to(target)
    ctx.write_artifact("inside.txt", "fine")


@job("chaos.echo", interactive=True)
def echo(ctx: Context) -> int:
    """Answer each input with a `data` event until it gets `{"end": true}`."""
    count = 0
    while True:
        message = ctx.receive()
        if message == {"end": True}:
            return count
        count += 1
        ctx.emit("echo", message)


@job("chaos.print_bytes")
def print_bytes(ctx: Context, megabytes: int = 1024, line_chars: int = 8191) -> int:
    """Print `megabytes` MiB of output in lines of `line_chars` characters (plus newline)."""
    line = "x" * line_chars + "\n"
    total = megabytes * 1024 * 1024
    written = 0
    while written < total:
        ctx.check_cancelled()
        sys.stdout.write(line)
        written += len(line)
    return written


@job("chaos.long_line")
def long_line(ctx: Context, megabytes: int = 50) -> int:
    """Print one line of `megabytes` MiB with no newline at all."""
    chunk = "y" * (1024 * 1024)
    for _ in range(megabytes):
        sys.stdout.write(chunk)
    return megabytes * len(chunk)


@job("chaos.bad_link")
def bad_link(ctx: Context, flood: int = 10_000, finished_job: str = "") -> int:
    """Write lines straight to the protocol pipe that the hub must refuse or repair: invalid
    UTF-8, invalid JSON, an unknown message type, events for unknown and finished jobs, and
    `flood` lines of garbage. Then log normally again."""
    link = next(o for o in gc.get_objects() if isinstance(o, Link))
    time.sleep(0.3)  # the link's queue is empty: our writes cannot split one of its lines
    fd = link._fd  # pyright: ignore[reportPrivateUsage]
    event = b'"event":{"ts":1,"kind":"log","stream":"stdout","level":"info","text":'
    lines = [
        b'{"type":"event","jobId":"' + ctx.job_id.encode() + b'",' + event + b'"bad \xff\xfe bytes"}}',
        b"\xff\xfe\xfd not even text",
        b'{"type":"event","jobId":',
        b'{"type":"mystery","n":1}',
        b'{"type":"event","jobId":"no-such-job",' + event + b'"lost"}}',
    ]
    if finished_job:
        lines.append(b'{"type":"event","jobId":"' + finished_job.encode() + b'",' + event + b'"late"}}')
    for line in lines:
        os.write(fd, line + b"\n")
    garbage = b"not json\n" * flood
    view = memoryview(garbage)
    while view:
        view = view[os.write(fd, view) :]
    ctx.log("still here")
    return flood
