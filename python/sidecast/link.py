"""The sidecar -> hub half of the link: one JSON object per line on the protocol stdout.

Producers (job threads, the reader, the event loop) append ready-made lines to a queue and
return at once; a single writer thread drains whatever has piled up into one `os.write`.
So output is flushed as soon as the writer gets a turn, and a job that logs flat out pays
for a deque append, not a system call, per event. The queue is bounded by bytes, not lines:
what waits in it is what a line printed now waits behind, so a job flat out feels the
hub's pace within milliseconds instead of after a second of queued output.
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Deque, Dict, Optional

from .constants import MAX_LINE_BYTES, MAX_LOG_LINE_CHARS
from .events import check_level


class MessageTooLarge(ValueError):
    """A message whose line would exceed the link's line cap; the hub would refuse it."""


@dataclass(frozen=True)
class LinkOptions:
    """How the writer batches and when producers must wait for it."""

    high_water_bytes: int
    """Producers block while more bytes than this wait, so a slow hub bounds memory and
    how long a line waits behind the others."""
    max_line_bytes: int
    """The hub's line cap; longer messages are refused before they are queued."""
    batch_lines: int = 1024
    """Most lines per write, so an urgent line never waits behind more than one batch."""


# 1 MiB is about 50 ms of a job logging flat out (some 20 MB/s of lines).
DEFAULT_LINK_OPTIONS = LinkOptions(high_water_bytes=1024 * 1024, max_line_bytes=MAX_LINE_BYTES)


def encode(message: Dict[str, Any]) -> str:
    """One message as a compact, ASCII-only JSON line (NaN and infinities refused)."""
    return json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n"


class Link:
    """Writes protocol lines to `fd` from any thread, in the order they were queued."""

    def __init__(self, fd: int, options: LinkOptions = DEFAULT_LINK_OPTIONS) -> None:
        self._fd = fd
        self._options = options
        self._queue: Deque[str] = deque()
        # Lines are ASCII: characters are bytes. Counted under a lock because several
        # threads produce (a job thread, the event loop, the reader).
        self._queued_bytes = 0
        self._count = threading.Lock()
        self._wake = threading.Event()
        self._room = threading.Condition()
        self._closing = False
        self._broken = False
        self._writer = threading.Thread(target=self._drain, name="sidecast-link", daemon=True)
        self._writer.start()

    @property
    def broken(self) -> bool:
        """Whether the hub has stopped reading (the pipe is closed)."""
        return self._broken

    def send(self, message: Dict[str, Any]) -> None:
        """Queue `message`; raises `MessageTooLarge` (or `ValueError`/`TypeError` for what is
        not JSON) instead of sending a line the hub would refuse."""
        line = encode(message)
        # ASCII-only output: characters are bytes.
        if len(line) > self._options.max_line_bytes:
            raise MessageTooLarge(
                f"the message is {len(line)} bytes as JSON; "
                f"the link carries at most {self._options.max_line_bytes} per message"
            )
        self.write_line(line)

    def send_urgent(self, message: Dict[str, Any]) -> None:
        """Queue `message` ahead of everything waiting. For heartbeats: a job that logs flat
        out must not delay a `pong` by a whole queue of its lines and get the sidecar
        restarted as wedged. Only for messages whose order against others does not matter."""
        line = encode(message)
        with self._count:
            self._queue.appendleft(line)
            self._queued_bytes += len(line)
        self._wake.set()

    def log(self, level: str, text: str) -> None:
        """Send a sidecar-level diagnostic (not tied to a job), clipped to one log line."""
        self.send({"type": "log", "level": check_level(level), "text": text[:MAX_LOG_LINE_CHARS]})

    def write_line(self, line: str) -> None:
        """Queue one already-encoded line (ending in a newline). The caller keeps it short."""
        with self._count:
            self._queue.append(line)
            self._queued_bytes += len(line)
            queued = self._queued_bytes
        if not self._wake.is_set():
            self._wake.set()
        if queued > self._options.high_water_bytes:
            self._wait_for_room()

    def close(self, timeout: Optional[float] = None) -> None:
        """Write everything queued so far, then stop the writer."""
        self._closing = True
        self._wake.set()
        self._writer.join(timeout)

    def _wait_for_room(self) -> None:
        with self._room:
            while self._queued_bytes > self._options.high_water_bytes and not self._broken:
                self._room.wait(0.5)

    def _drain(self) -> None:
        queue = self._queue
        while True:
            if not queue:
                if self._closing:
                    return
                self._wake.wait()
                self._wake.clear()
                continue
            with self._count:
                count = min(len(queue), self._options.batch_lines)
                batch = "".join([queue.popleft() for _ in range(count)])
                self._queued_bytes -= len(batch)
            self._write_all(batch.encode("utf-8"))
            with self._room:
                self._room.notify_all()

    def _write_all(self, data: bytes) -> None:
        if self._broken:
            return
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError:
            # The hub closed its end: it is gone, and stdin EOF will stop the sidecar.
            self._broken = True
