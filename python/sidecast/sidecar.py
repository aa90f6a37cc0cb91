"""A worker process: start-up, the `ready` message, the command loop and shutdown."""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import threading
from dataclasses import dataclass
from importlib import import_module
from typing import Any, BinaryIO, Dict, Iterator, Tuple

from . import wire
from .capture import Capture, install_capture
from .constants import MAX_LINE_BYTES, PROTOCOL_VERSION
from .lifeline import HUB_DIED, Lifeline
from .link import Link
from .log_records import install_log_handler
from .loader import JobLoadError, compile_afresh, load_jobs
from .registry import REGISTRY, Registry
from .runner import Runner, RunnerOptions
from .stdio import take_over_stdio


MAX_LOAD_ERROR_CHARS = 64 * 1024
"""A load failure's message is for a person: a traceback deeper than this is cut."""

STOP_SIGNALS: Tuple[int, ...] = (signal.SIGTERM, signal.SIGINT)
"""Signals that mean "shut down" (SIGINT reaches the sidecar only if sent to its group)."""


@dataclass(frozen=True)
class SidecarOptions:
    """What `python3 -m sidecast` was asked to do."""

    job_modules: Tuple[str, ...]
    """`--jobs` targets, imported after the built-in job types."""
    shutdown_wait_s: float
    """How long `shutdown` (or stdin EOF, or SIGTERM) waits for cancelled jobs to end."""
    exit_deadline_s: float
    """The latest the process exits after shutdown begins, whatever its threads are doing."""
    cancel_grace_s: float
    """How long a cancelled sync job may ignore its cancel flag before it is interrupted."""


def ready_message(registry: Registry) -> Dict[str, Any]:
    """The `ready` message: protocol version, process, Python version and job types."""
    return {
        "type": "ready",
        "protocol": PROTOCOL_VERSION,
        "pid": os.getpid(),
        "python": ".".join(str(part) for part in sys.version_info[:3]),
        "jobTypes": [spec.announce() for spec in registry.all()],
    }


def read_lines(commands: BinaryIO, link: Link) -> Iterator[bytes]:
    """The hub's lines; one longer than the link's cap is reported and skipped, not buffered."""
    while True:
        line = commands.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES:
            while line and not line.endswith(b"\n"):
                line = commands.readline(MAX_LINE_BYTES)
            link.log("error", f"ignored an inbound line longer than {MAX_LINE_BYTES} bytes")
            continue
        if line.strip():
            yield line


class Sidecar:
    """Reads commands until stdin EOF. `shutdown` or SIGTERM from the hub stop it gracefully
    and exit 0; stdin EOF without `shutdown`, or `HUB_DIED`, mean the hub is gone and kill its
    process group at once (see `lifeline`), or, outside a group of its own, stop it gracefully
    too."""

    def __init__(
        self, runner: Runner, link: Link, options: SidecarOptions, lifeline: Lifeline
    ) -> None:
        self._runner = runner
        self._link = link
        self._options = options
        self._lifeline = lifeline
        self._shutdown_asked = False
        self._stopping = threading.Lock()
        self._stopper = threading.Thread(target=self._stop, name="sidecast-stop", daemon=True)

    def serve(self, commands: BinaryIO) -> None:
        """Handle commands, also while stopping (runs are then refused, pings answered);
        returns only by exiting the process."""
        for line in read_lines(commands, self._link):
            try:
                message = wire.decode_inbound(line)
            except wire.ProtocolError as error:
                preview = line[:200].decode("utf-8", "replace").rstrip()
                self._link.log("error", f"ignored an inbound line ({error}): {preview}")
                continue
            self.handle(message)
        # The hub writes `shutdown` before it closes stdin: EOF alone means it died.
        if not self._shutdown_asked:
            self._lifeline.kill_group()
        self.stop()
        self._stopper.join()

    def handle(self, message: wire.Inbound) -> None:
        """Act on one command."""
        if isinstance(message, wire.Ping):
            self._link.send_urgent({"type": "pong", "n": message.n})
        elif isinstance(message, wire.Run):
            self._runner.start(message)
        elif isinstance(message, wire.Cancel):
            self._runner.cancel(message.job_id)
        elif isinstance(message, wire.Input):
            self._runner.deliver(message.job_id, message.data)
        else:
            self._shutdown_asked = True
            self.stop()

    def stop(self) -> None:
        """Begin stopping, once, whoever asks first: cancel jobs, wait, flush, exit 0."""
        if self._stopping.acquire(blocking=False):
            # Before anything else, so that a `run` read after `shutdown` is refused.
            self._runner.refuse_new_work()
            self._stopper.start()

    def _stop(self) -> None:
        watchdog = threading.Timer(self._options.exit_deadline_s, os._exit, (0,))
        watchdog.daemon = True
        watchdog.start()
        self._runner.stop(self._options.shutdown_wait_s)
        self._link.close()
        os._exit(0)

    def stop_on_signals(self) -> None:
        """SIGTERM (and SIGINT, if one reaches the sidecar's own process group) mean shutdown;
        `HUB_DIED` means the hub is gone, and the group is killed at once.

        The shutdown is not started from a Python handler: those run in the main thread
        between any two bytecodes, possibly inside a lock `stop()` needs, and only once the
        main thread leaves a read of stdin that a signal sent to another thread does not
        interrupt. The C-level handler writes the signal number to the wakeup fd from
        whichever thread got it, and a thread of its own watches that fd."""
        read_fd, write_fd = os.pipe()
        os.set_blocking(write_fd, False)
        signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
        for signum in (*STOP_SIGNALS, HUB_DIED):
            # A handler is still needed: the default action would kill the process at once.
            signal.signal(signum, lambda _signum, _frame: None)
        threading.Thread(
            target=self._stop_on_wakeup, args=(read_fd,), name="sidecast-signals", daemon=True
        ).start()

    def _stop_on_wakeup(self, read_fd: int) -> None:
        while True:
            received = os.read(read_fd, 64)
            if HUB_DIED in received:
                self._lifeline.kill_group()  # returns only outside a group of its own
            if not received or any(signum in (*STOP_SIGNALS, HUB_DIED) for signum in received):
                self.stop()
                return


def run(options: SidecarOptions) -> int:
    """Run the sidecar on this process's stdin and stdout. Returns 1 if the job modules fail
    to load (the reason goes to stderr); otherwise it never returns, it exits."""
    stdio = take_over_stdio()
    link = Link(stdio.protocol_fd)
    capture = Capture(stdio.stdout_pipe, stdio.stderr_pipe, stdio.diagnostics_fd, link.log)
    install_capture(capture)
    install_log_handler(capture, link)
    # A crash in native code leaves its Python traceback where the hub reads crash reasons.
    faulthandler.enable(file=stdio.diagnostics_fd)
    try:
        import_module("sidecast.jobs")  # registers the built-in job types
        compile_afresh(options.job_modules)
        for target in options.job_modules:
            load_jobs(target)
    except JobLoadError as error:
        os.write(stdio.diagnostics_fd, f"sidecast: {error}\n".encode("utf-8", "replace"))
        link.send({"type": "loadFailed", "message": str(error)[:MAX_LOAD_ERROR_CHARS]})
        link.close()
        return 1
    runner = Runner(REGISTRY, link, capture, RunnerOptions(options.cancel_grace_s))
    lifeline = Lifeline()
    sidecar = Sidecar(runner, link, options, lifeline)
    sidecar.stop_on_signals()
    if lifeline.ask_for_death_signal():
        lifeline.kill_group()
    link.send(ready_message(REGISTRY))
    sidecar.serve(stdio.commands)
    return 0
