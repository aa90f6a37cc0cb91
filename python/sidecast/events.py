"""Job events as the sidecar sends them (`JobEvent` in the protocol package), and the
checks on what job code passes in, so that a bad value fails in the job that gave it
instead of reaching the hub.
"""

from __future__ import annotations

import math
import time
from typing import Any, Dict, Optional

from .artifacts import artifact_path_problem
from .constants import JOB_STATES, LOG_LEVELS, LOG_STREAMS
from .json_types import is_int, is_number

Event = Dict[str, Any]

MAX_DATA_NAME_CHARS = 128
MAX_CONTENT_TYPE_CHARS = 255


def now_ms() -> float:
    """The current time as epoch milliseconds, with a fraction for sub-ms precision."""
    return time.time() * 1000


def _number(name: str, value: Any) -> float:
    if not is_number(value):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    # JSON has no NaN or infinity.
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, not {value!r}")
    return value


def check_level(level: Any) -> str:
    """`level` if it is one of the protocol's log levels, else a `ValueError` naming them."""
    if level not in LOG_LEVELS:
        raise ValueError(f"level must be one of {', '.join(LOG_LEVELS)}; not {level!r}")
    return level


def _text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    return value


def status(state: str, reason: Optional[str] = None) -> Event:
    """The job entered `state`."""
    if state not in JOB_STATES:
        raise ValueError(f"state must be one of {', '.join(JOB_STATES)}; not {state!r}")
    event: Event = {"ts": now_ms(), "kind": "status", "state": state}
    if reason is not None:
        event["reason"] = _text("reason", reason)
    return event


def log(stream: str, level: str, text: str) -> Event:
    """One line of output (the caller has split it: no newline)."""
    if stream not in LOG_STREAMS:
        raise ValueError(f"stream must be one of {', '.join(LOG_STREAMS)}; not {stream!r}")
    if "\n" in _text("text", text):
        raise ValueError("a log event carries one line")
    return {"ts": now_ms(), "kind": "log", "stream": stream, "level": check_level(level), "text": text}


def progress(current: Any, total: Any = None, message: Any = None) -> Event:
    """How far the job has got."""
    event: Event = {"ts": now_ms(), "kind": "progress", "current": _number("current", current)}
    if total is not None:
        event["total"] = _number("total", total)
    if message is not None:
        event["message"] = str(message)
    return event


def artifact(path: str, size: int, content_type: Optional[str] = None) -> Event:
    """The job wrote a file to its artifacts folder."""
    problem = artifact_path_problem(path)
    if problem is not None:
        raise ValueError(problem)
    if not is_int(size) or size < 0:
        raise ValueError(f"size is a whole number of bytes >= 0, not {size!r}")
    event: Event = {"ts": now_ms(), "kind": "artifact", "path": path, "size": size}
    if content_type is not None:
        if not 0 < len(content_type) <= MAX_CONTENT_TYPE_CHARS:
            raise ValueError(f"a content type has 1-{MAX_CONTENT_TYPE_CHARS} characters")
        event["contentType"] = content_type
    return event


def data(name: Any, value: Any) -> Event:
    """An app-defined payload; `value` must be JSON (checked when it is encoded)."""
    if not isinstance(name, str) or not 0 < len(name) <= MAX_DATA_NAME_CHARS:
        raise ValueError(f"a data event's name is a string of 1-{MAX_DATA_NAME_CHARS} characters")
    return {"ts": now_ms(), "kind": "data", "name": name, "data": value}


def result(value: Any) -> Event:
    """The job's return value."""
    return {"ts": now_ms(), "kind": "result", "value": value}


def error(message: str, traceback: Optional[str] = None) -> Event:
    """The exception that ended the job."""
    event: Event = {"ts": now_ms(), "kind": "error", "message": _text("message", message)}
    if traceback is not None:
        event["traceback"] = _text("traceback", traceback)
    return event

