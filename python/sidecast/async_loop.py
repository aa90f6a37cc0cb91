"""The event loop `async def` jobs run on, in its own thread and started on first use, so
a sidecar without async jobs never pays for importing asyncio."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable, Coroutine, Optional

if TYPE_CHECKING:
    import asyncio


class AsyncLoop:
    """One asyncio loop in a daemon thread; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                import asyncio

                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="sidecast-async", daemon=True).start()
                self._loop = loop
            return self._loop

    def spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Run `coroutine` as a task on the loop. It must handle its own exceptions."""
        import asyncio

        asyncio.run_coroutine_threadsafe(coroutine, self._running_loop())

    def call(self, callback: Callable[[], None]) -> None:
        """Run `callback` on the loop's thread."""
        self._running_loop().call_soon_threadsafe(callback)
