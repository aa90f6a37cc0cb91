"""`logging` records as log events that keep their level (DEBUG -> `debug` ... CRITICAL ->
`error`), the running job's if there is one, else the worker's."""

from __future__ import annotations

import logging

from .capture import Capture
from .link import Link

ROOT_LEVEL = logging.INFO
"""The root logger's level in a worker, as a Celery worker's default: `INFO` and up are
shown. A job that wants its `debug` records sets `logging.getLogger().setLevel(...)`."""


def event_level(levelno: int) -> str:
    """The event level of a record's numeric level."""
    if levelno >= logging.ERROR:
        return "error"
    if levelno >= logging.WARNING:
        return "warning"
    if levelno >= logging.INFO:
        return "info"
    return "debug"


class JobLogHandler(logging.Handler):
    """Sends each record to the running job's log, or the worker's between jobs."""

    def __init__(self, capture: Capture, link: Link) -> None:
        super().__init__()
        self._capture = capture
        self._link = link

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            level = event_level(record.levelno)
            output = self._capture.output
            if output is not None:
                output.text("log", level, text)
            else:
                self._link.log(level, text)
        except Exception:  # logging must never take the job down
            self.handleError(record)


def install_log_handler(capture: Capture, link: Link) -> None:
    """Route every `logging` record through `JobLogHandler`."""
    root = logging.getLogger()
    root.addHandler(JobLogHandler(capture, link))
    root.setLevel(ROOT_LEVEL)
