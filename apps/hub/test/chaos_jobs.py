"""Jobs that misbehave on purpose, for the hub's supervisor tests."""
import os
import time
from pathlib import Path

from sidecast import Context, job


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
