"""Jobs that misbehave on purpose, for the hub's supervisor and hardening tests."""
import gc
import os
import subprocess
import sys
import threading
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


@job("chaos.exit_on_start")
def exit_on_start(ctx: Context, count_file: str) -> None:
    """Count this start in `count_file`, then kill the worker before saying anything else."""
    with open(count_file, "a", encoding="utf-8") as starts:
        starts.write("started\n")
    # Through sys.stderr, which reaches the worker's real stderr at once: a raw write to fd 2
    # passes through a pipe the worker reads, and dies with it if the worker dies first.
    print("chaos: dying at once", file=sys.stderr)
    os._exit(1)


@job("chaos.stuck")
def stuck(ctx: Context, seconds: float = 0.0) -> None:
    """Block in native code forever: neither the cancel flag nor an interrupt reaches it."""
    ctx.log("stuck")
    threading.Event().wait()


@job("chaos.stuck_with_timeout", timeout=0.5)
def stuck_with_timeout(ctx: Context) -> None:
    """Like `chaos.stuck`, with a timeout of half a second."""
    threading.Event().wait()


@job("chaos.wait_with_timeout", timeout=0.5)
def wait_with_timeout(ctx: Context, seconds: float = 30.0) -> None:
    """Waits cooperatively past its timeout of half a second: it stops when asked."""
    ctx.sleep(seconds)


@job("chaos.one_at_a_time", concurrency=1)
def one_at_a_time(ctx: Context, seconds: float = 0.3) -> float:
    """Waits `seconds`; at most one runs at once. Returns when it started."""
    started = time.time()
    ctx.sleep(seconds)
    return started


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


@job("chaos.stubborn_children")
def stubborn_children(ctx: Context, seconds: float = 600.0) -> None:
    """Start a shell and a child of it that both ignore SIGTERM, emit their pids, and wait."""
    shell = subprocess.Popen(
        ["sh", "-c", 'trap "" TERM; sleep 1000 & echo $!; wait'],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert shell.stdout is not None
    child = int(shell.stdout.readline())
    ctx.emit("pids", {"shell": shell.pid, "child": child})
    ctx.sleep(seconds)


@job("chaos.environment")
def environment(ctx: Context) -> list:
    """Print the environment as a tool the job runs sees it; return the names Python sees."""
    subprocess.run(["env"], check=True)
    return sorted(os.environ)


SWAP_MARKER = "inside\n"


def _replace_with_text(path: Path) -> None:
    temp = path.with_name(".swap-" + path.name)
    temp.write_text(SWAP_MARKER)
    os.replace(temp, path)


@job("chaos.swap_artifacts")
def swap_artifacts(ctx: Context, outside: str, seconds: float = 3.0) -> int:
    """For `seconds`, keep swapping what the artifacts folder holds, each swap atomic: a file
    for a link to `outside` (a file) and back, a folder for a link to `outside`'s folder and
    back, a file for a FIFO and back; meanwhile a file keeps growing. Returns the swaps."""
    root = Path(ctx.artifacts_dir)
    outside_path = Path(outside)
    (root / "dir").mkdir(parents=True)
    (root / "dir" / outside_path.name).write_text(SWAP_MARKER)
    for name in ("file.txt", "fifo.txt"):
        (root / name).write_text(SWAP_MARKER)
    swaps = 0
    deadline = time.monotonic() + seconds
    with open(root / "grow.txt", "ab") as grow:
        while time.monotonic() < deadline:
            ctx.check_cancelled()
            link = root / ".swap-link"
            os.symlink(outside_path, link)
            os.replace(link, root / "file.txt")
            _replace_with_text(root / "file.txt")
            os.rename(root / "dir", root / ".swap-dir")
            os.symlink(outside_path.parent, root / "dir")
            os.unlink(root / "dir")
            os.rename(root / ".swap-dir", root / "dir")
            fifo = root / ".swap-fifo"
            os.mkfifo(fifo)
            os.replace(fifo, root / "fifo.txt")
            _replace_with_text(root / "fifo.txt")
            grow.write(SWAP_MARKER.encode() * 512)
            grow.flush()
            swaps += 1
    return swaps
