"""An interactive job's input queue, readable from a job thread or from the event loop."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, List, Optional, Tuple

from .errors import JobCancelled

if TYPE_CHECKING:
    import asyncio


class Inbox:
    """Inputs in arrival order. `put` and `close` come from the sidecar's reader thread."""

    def __init__(self, cancelled: Callable[[], bool]) -> None:
        self._items: Deque[Any] = deque()
        self._ready = threading.Condition()
        self._cancelled = cancelled
        self._waiters: List[Tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    def put(self, item: Any) -> None:
        """Add one input and wake whoever waits for it."""
        with self._ready:
            self._items.append(item)
        self.wake()

    def wake(self) -> None:
        """Wake every waiter so that it sees a new input or the job's cancellation."""
        with self._ready:
            self._ready.notify_all()
            waiters, self._waiters = self._waiters, []
        for loop, future in waiters:
            loop.call_soon_threadsafe(_resolve, future)

    def get(self, timeout: Optional[float]) -> Any:
        """The next input; blocks up to `timeout` seconds (forever for `None`).

        Raises `TimeoutError` when nothing arrived in time, `JobCancelled` on cancellation.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._ready:
            while True:
                if self._cancelled():
                    raise JobCancelled()
                if self._items:
                    return self._items.popleft()
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    raise TimeoutError(f"no input within {timeout} s")
                self._ready.wait(remaining)

    async def aget(self, timeout: Optional[float]) -> Any:
        """`get` for coroutines: waits without blocking the event loop."""
        import asyncio

        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            with self._ready:
                if self._cancelled():
                    raise JobCancelled()
                if self._items:
                    return self._items.popleft()
                future: asyncio.Future[None] = loop.create_future()
                self._waiters.append((loop, future))
            remaining = None if deadline is None else deadline - loop.time()
            try:
                await asyncio.wait_for(future, remaining)
            except asyncio.TimeoutError:
                # Before 3.11 asyncio's TimeoutError is not the built-in one.
                raise TimeoutError(f"no input within {timeout} s") from None


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
