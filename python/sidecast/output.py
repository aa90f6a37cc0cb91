"""A job's output stream: its events and log lines on their way to the link."""

from __future__ import annotations

import threading
from json.encoder import encode_basestring_ascii  # pyright: ignore[reportUnknownVariableType]
from typing import Any, Callable, Dict, List, Protocol

from . import events
from .constants import MAX_LOG_LINE_CHARS

_encode_text: Callable[[str], str] = encode_basestring_ascii  # pyright: ignore[reportUnknownVariableType]

STREAM_LEVELS = {"stdout": "info", "stderr": "warning"}
"""The level of a captured line. Stderr lines are marked by their stream, but they are
as often progress bars and warnings as errors."""


class Sink(Protocol):
    """Where a job's messages go: the worker's `Link`, or memory under `sidecast.testing`."""

    def send(self, message: Dict[str, Any]) -> None:
        """Send one message."""

    def write_line(self, line: str) -> None:
        """Send one message already encoded as a JSON line."""


class JobOutput:
    """Everything one job sends. After `close` it sends nothing more, so a thread the job
    left behind cannot append events after the job's terminal status."""

    def __init__(self, job_id: str, link: Sink) -> None:
        self.job_id = job_id
        self._link = link
        # Job ids match the protocol's pattern, so this one needs no JSON escaping.
        self._line_head = '{"type":"event","jobId":"' + job_id + '","event":{"ts":'
        self._partial: Dict[str, str] = {"stdout": "", "stderr": ""}
        self._lock = threading.Lock()
        self._closed = False

    def send(self, event: events.Event) -> None:
        """Send one event; raises `MessageTooLarge`, `ValueError` or `TypeError` for an event
        whose JSON the hub would refuse."""
        if not self._closed:
            self._link.send({"type": "event", "jobId": self.job_id, "event": event})

    def text(self, stream: str, level: str, text: str) -> None:
        """Log `text` as lines: split on newlines, a trailing newline ends the last line."""
        if "\n" not in text:
            self.line(stream, level, text)
            return
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        for line in lines:
            self.line(stream, level, line)

    def line(self, stream: str, level: str, text: str) -> None:
        """Log one line (no newline in it), split into pieces at the length cap."""
        # The hot path: a job that logs flat out spends its time here, so the line is
        # formatted directly instead of through json.dumps of nested dicts.
        if self._closed:
            return
        while len(text) > MAX_LOG_LINE_CHARS:
            self.line(stream, level, text[:MAX_LOG_LINE_CHARS])
            text = text[MAX_LOG_LINE_CHARS:]
        self._link.write_line(
            f'{self._line_head}{events.now_ms()!r},"kind":"log","stream":"{stream}",'
            f'"level":"{level}","text":{_encode_text(text)}}}}}\n'
        )

    def capture(self, stream: str, text: str) -> None:
        """Take one `write` to sys.stdout or sys.stderr: emit whole lines, hold the rest."""
        level = STREAM_LEVELS[stream]
        with self._lock:
            pending = self._partial[stream] + text
            if "\n" in pending:
                lines: List[str] = pending.split("\n")
                pending = lines.pop()
                for line in lines:
                    self.line(stream, level, line)
            while len(pending) > MAX_LOG_LINE_CHARS:
                self.line(stream, level, pending[:MAX_LOG_LINE_CHARS])
                pending = pending[MAX_LOG_LINE_CHARS:]
            self._partial[stream] = pending

    def flush(self) -> None:
        """Emit partial lines still waiting for their newline: the job's code has ended."""
        with self._lock:
            for stream, pending in self._partial.items():
                if pending:
                    self.line(stream, STREAM_LEVELS[stream], pending)
            self._partial = {"stdout": "", "stderr": ""}

    def close(self, *closing: events.Event) -> bool:
        """Flush, send `closing` (the job's last events), then send nothing more. Only the
        first call does anything; it returns whether this call closed the output."""
        self.flush()
        with self._lock:
            if self._closed:
                return False
            for event in closing:
                self.send(event)
            self._closed = True
            return True

