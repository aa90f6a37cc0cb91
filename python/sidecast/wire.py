"""The hub -> sidecar half of the link: decoding the lines the hub writes to stdin.

Each line is checked here, once, exactly as `SidecarInbound` in the protocol package checks
it; the rest of the sidecar only ever sees these dataclasses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, NoReturn, Union, cast

from .constants import JOB_ID_PATTERN, JOB_TYPE_NAME_PATTERN
from .json_types import is_int

JOB_ID = re.compile(JOB_ID_PATTERN)
JOB_TYPE_NAME = re.compile(JOB_TYPE_NAME_PATTERN)


class ProtocolError(ValueError):
    """An inbound line that is not a valid message; `str()` says what is wrong with it."""


@dataclass(frozen=True)
class Run:
    """Run `job_type` with `params`; its files go under `artifacts_dir`."""

    job_id: str
    job_type: str
    params: Dict[str, Any]
    artifacts_dir: str


@dataclass(frozen=True)
class Cancel:
    """Ask a job to stop."""

    job_id: str


@dataclass(frozen=True)
class Input:
    """A viewer's input for an interactive job."""

    job_id: str
    data: Any


@dataclass(frozen=True)
class Ping:
    """A heartbeat, answered with `pong` carrying the same `n`."""

    n: int


@dataclass(frozen=True)
class Shutdown:
    """Stop taking work, cancel running jobs and exit."""


Inbound = Union[Run, Cancel, Input, Ping, Shutdown]


def _fail(message: str) -> NoReturn:
    raise ProtocolError(message)


def _reject_constant(name: str) -> NoReturn:
    _fail(f"{name} is not JSON")


def _field(message: Dict[str, Any], name: str) -> Any:
    if name not in message:
        _fail(f'"{message["type"]}" needs a "{name}" field')
    return message[name]


def _job_id(message: Dict[str, Any]) -> str:
    value = _field(message, "jobId")
    if not isinstance(value, str) or not JOB_ID.fullmatch(value):
        _fail('"jobId" is 1-64 letters, digits, "_" or "-"')
    return value


def _run(message: Dict[str, Any]) -> Run:
    job_id = _job_id(message)
    job_type = _field(message, "jobType")
    if not isinstance(job_type, str) or not JOB_TYPE_NAME.fullmatch(job_type):
        _fail('"jobType" is not a job type name')
    params = _field(message, "params")
    if not isinstance(params, dict):
        _fail('"params" is a JSON object')
    artifacts_dir = _field(message, "artifactsDir")
    if not isinstance(artifacts_dir, str) or not artifacts_dir:
        _fail('"artifactsDir" is a non-empty string')
    return Run(job_id, job_type, cast(Dict[str, Any], params), artifacts_dir)


def _ping(message: Dict[str, Any]) -> Ping:
    n = _field(message, "n")
    if not is_int(n) or n < 0:
        _fail('"n" is a whole number >= 0')
    return Ping(n)


DECODERS: Dict[str, Callable[[Dict[str, Any]], Inbound]] = {
    "run": _run,
    "cancel": lambda message: Cancel(_job_id(message)),
    "input": lambda message: Input(_job_id(message), _field(message, "data")),
    "ping": _ping,
    "shutdown": lambda _message: Shutdown(),
}


def decode_inbound(line: Union[str, bytes]) -> Inbound:
    """Decode one line from the hub, or raise `ProtocolError` saying why it is not a message."""
    try:
        message = json.loads(line, parse_constant=_reject_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ProtocolError(f"not JSON: {error}") from None
    if not isinstance(message, dict):
        _fail("a message is a JSON object")
    message = cast(Dict[str, Any], message)
    if "type" not in message:
        _fail('a message needs a "type" field')
    kind = message["type"]
    decoder = DECODERS.get(kind) if isinstance(kind, str) else None
    if decoder is None:
        _fail(f"no such message type: {json.dumps(kind)}")
    return decoder(message)
