"""Stopping a sync job that ignores its cancel flag, the way Ctrl-C stops a notebook cell.

A thread cannot be killed, but CPython can raise an exception in it at its next bytecode:
`PyThreadState_SetAsyncExc`. The runner does that once, after a grace period, to a job still
running its own code. A job blocked in a C call (`time.sleep`) sees it when the call returns;
`ctx.sleep` and `ctx.receive` wake at once on cancel and need none of this.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Optional

from .errors import JobCancelled


class Interruptible:
    """The thread running one job's code, and whether it may still be interrupted."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread_id: Optional[int] = None
        self._spent = False

    def enter(self) -> None:
        """The calling thread starts running job code."""
        with self._lock:
            self._thread_id = threading.get_ident()

    def leave(self) -> None:
        """The job code has returned: no interrupt may land from here on."""
        with self._lock:
            if self._thread_id is not None and self._spent:
                # Withdraw an interrupt that was raised but has not fired yet.
                _set_async_exc(self._thread_id, None)
            self._thread_id = None
            self._spent = True

    def interrupt(self) -> bool:
        """Raise `JobCancelled` in the job's thread, at most once; whether it was raised."""
        with self._lock:
            if self._thread_id is None or self._spent:
                return False
            self._spent = True
            return _set_async_exc(self._thread_id, JobCancelled)


def _set_async_exc(thread_id: int, exception: Optional[type]) -> bool:
    changed = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )
    return changed == 1
