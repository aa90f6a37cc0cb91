"""`@job` and the registry of job types the sidecar announces in `ready`."""

from __future__ import annotations

import inspect
import re
import typing
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar

from . import docstrings
from .constants import JOB_TYPE_NAME_PATTERN
from .params import ParamsSpec, params_spec

JOB_TYPE_NAME = re.compile(JOB_TYPE_NAME_PATTERN)

F = TypeVar("F", bound=Callable[..., Any])


class JobDefinitionError(TypeError):
    """A job function that cannot be registered: a bad name, signature or annotation."""


class DuplicateJobType(JobDefinitionError):
    """Two job functions registered under one name."""


@dataclass(frozen=True)
class JobSpec:
    """A registered job type: its function and what `ready` says about it."""

    name: str
    function: Callable[..., Any]
    title: Optional[str]
    description: Optional[str]
    interactive: bool
    is_async: bool
    params: ParamsSpec
    origin: str
    """Where it was defined (`module.function`), for duplicate-name messages."""
    timeout: Optional[float] = None
    """Seconds a run may take before the hub stops it and fails it."""
    concurrency: Optional[int] = None
    """Most runs of this type the hub runs at once."""

    def positional(self, context: Any) -> Tuple[Any, ...]:
        """The positional arguments of a call: the `Context`, if the function takes it."""
        return (context,) if self.params.takes_context else ()

    def announce(self) -> Dict[str, Any]:
        """The `JobType` record for `ready`."""
        record: Dict[str, Any] = {
            "name": self.name,
            "interactive": self.interactive,
            "params": self.params.schema,
        }
        if self.title is not None:
            record["title"] = self.title
        if self.description is not None:
            record["description"] = self.description
        if self.timeout is not None:
            record["timeout"] = self.timeout
        if self.concurrency is not None:
            record["concurrency"] = self.concurrency
        return record


class Registry:
    """Job types by name, in registration order."""

    def __init__(self) -> None:
        self._specs: Dict[str, JobSpec] = {}

    def add(self, spec: JobSpec) -> None:
        """Register `spec`; raises `DuplicateJobType` if its name is taken."""
        existing = self._specs.get(spec.name)
        if existing is not None:
            raise DuplicateJobType(
                f'job type "{spec.name}" is defined twice: by {existing.origin} and by {spec.origin}'
            )
        self._specs[spec.name] = spec

    def get(self, name: str) -> Optional[JobSpec]:
        """The job type called `name`, if there is one."""
        return self._specs.get(name)

    def all(self) -> List[JobSpec]:
        """Every job type, in the order they were registered."""
        return list(self._specs.values())


REGISTRY = Registry()
"""The job types `python3 -m sidecast` serves: the built-ins and those `--jobs` loads."""


def define(
    function: Callable[..., Any],
    name: str,
    title: Optional[str],
    interactive: bool,
    timeout: Optional[float] = None,
    concurrency: Optional[int] = None,
) -> JobSpec:
    """The `JobSpec` for `function`, or a `JobDefinitionError` saying what is wrong with it."""
    origin = f"{function.__module__}.{function.__qualname__}"
    if not JOB_TYPE_NAME.fullmatch(name):
        raise JobDefinitionError(
            f'{origin}: "{name}" is not a job type name (a letter, then up to 127 letters, '
            'digits, "_", "." or "-")'
        )
    # Checked at run time too: decorator arguments are often computed, not literals.
    if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
        raise JobDefinitionError(f"{origin}: timeout must be a positive number of seconds")
    if concurrency is not None and (
        isinstance(concurrency, bool) or int(concurrency) != concurrency or concurrency < 1
    ):
        raise JobDefinitionError(f"{origin}: concurrency must be a whole number of at least 1")
    try:
        hints = typing.get_type_hints(function, include_extras=True)
    except Exception as error:  # an annotation that does not evaluate on this Python
        raise JobDefinitionError(f"{origin}: cannot read its annotations: {error}") from None
    doc = docstrings.parse(function)
    try:
        params = params_spec(function, hints, doc.params)
    except TypeError as error:
        raise JobDefinitionError(f"{origin}: {error}") from None
    return JobSpec(
        name=name,
        function=function,
        title=title,
        description=doc.description,
        interactive=interactive,
        is_async=inspect.iscoroutinefunction(function),
        params=params,
        origin=origin,
        timeout=None if timeout is None else float(timeout),
        concurrency=concurrency,
    )


def job(
    name: str,
    *,
    title: Optional[str] = None,
    interactive: bool = False,
    timeout: Optional[float] = None,
    concurrency: Optional[int] = None,
) -> Callable[[F], F]:
    """Register the decorated function as the job type `name`.

    The function takes its params by name, after the job's `Context` if its first parameter
    is annotated `Context` or named `ctx`; its signature gives the params schema, its
    docstring the description (and, in an `Args:` section, each param's), its return value
    the job's result.
    `interactive=True` lets viewers send it input (`ctx.receive()`). `timeout=S` has the hub
    stop a run after S seconds and fail it ("timed out after S s"); `concurrency=N` has it
    run at most N of this type at once, the rest waiting in its queue in order.
    """

    def register(function: F) -> F:
        REGISTRY.add(define(function, name, title, interactive, timeout, concurrency))
        return function

    return register
