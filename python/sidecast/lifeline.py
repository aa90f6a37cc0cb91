"""What ties the sidecar's life to the hub's: nothing it or its jobs started may outlive it.

The hub starts the sidecar as the leader of its own process group, so the group holds the
sidecar and everything its jobs started, grandchildren included. When the hub is gone (its
end of stdin closed without a `shutdown`, or the kernel's parent-death signal arrived)
nobody will read another event, so the sidecar kills its whole group at once rather than
waiting for jobs to wind down: SIGKILL, because a job's child may ignore SIGTERM.
"""

from __future__ import annotations

import os
import signal
import sys

from .libc import LIBC

HUB_DIED = signal.SIGHUP
"""The parent-death signal: "the controlling process hung up". The hub never sends it."""

PR_SET_PDEATHSIG = 1
"""`prctl` option: the signal this process gets when the thread that started it exits."""


class Lifeline:
    """The hub this sidecar was started by, and what to do once it is gone."""

    def __init__(self) -> None:
        self._hub_pid = os.getppid()

    def ask_for_death_signal(self) -> bool:
        """On Linux, have the kernel send `HUB_DIED` when the hub dies, even by `kill -9`, so
        the sidecar learns of it even while something else holds its stdin open. Returns
        whether the hub had already died before it could be asked. Elsewhere, or where libc
        cannot be loaded, stdin EOF alone tells."""
        if sys.platform.startswith("linux") and LIBC is not None:
            try:
                LIBC.prctl(PR_SET_PDEATHSIG, HUB_DIED, 0, 0, 0)
            except AttributeError:
                pass
        return os.getppid() != self._hub_pid

    @staticmethod
    def owns_group() -> bool:
        """Whether the sidecar leads its own process group, as the hub starts it; one run by
        hand in a shell shares the shell job's group, which is not its to kill."""
        return os.getpgid(0) == os.getpid()

    def kill_group(self) -> None:
        """SIGKILL the sidecar's process group, itself included; returns only if it does not
        lead one."""
        if self.owns_group():
            os.killpg(os.getpid(), signal.SIGKILL)
