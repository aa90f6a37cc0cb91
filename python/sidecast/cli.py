"""`python3 -m sidecast`: the command line the hub (or a person) starts the sidecar with."""

from __future__ import annotations

import argparse
from typing import List, Optional

from . import __version__
from .constants import SIDECAR_SHUTDOWN_WAIT_MS
from .sidecar import SidecarOptions, run

DESCRIPTION = """\
A Sidecast worker: runs one job at a time for the hub's pool. Speaks newline-delimited
JSON with the hub on stdin and stdout (one object per line); whatever a job writes to
fds 1 and 2 becomes its log. Exits on `shutdown`, stdin EOF or SIGTERM."""

CANCEL_GRACE_S = 1.0
EXIT_MARGIN_S = 2.0


def parser() -> argparse.ArgumentParser:
    """The sidecar's argument parser."""
    result = argparse.ArgumentParser(prog="python3 -m sidecast", description=DESCRIPTION)
    result.add_argument(
        "--jobs",
        action="append",
        default=[],
        metavar="MODULE_OR_FILE",
        help="import more job types from a module name or a .py file (repeatable)",
    )
    result.add_argument("--version", action="version", version=f"sidecast {__version__}")
    return result


def main(argv: Optional[List[str]] = None) -> int:
    """Parse `argv` and run the sidecar; the exit status."""
    args = parser().parse_args(argv)
    shutdown_wait_s = SIDECAR_SHUTDOWN_WAIT_MS / 1000
    return run(
        SidecarOptions(
            job_modules=tuple(args.jobs),
            shutdown_wait_s=shutdown_wait_s,
            exit_deadline_s=shutdown_wait_s + EXIT_MARGIN_S,
            cancel_grace_s=CANCEL_GRACE_S,
        )
    )
