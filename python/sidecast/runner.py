"""Running a worker's job: admission, cancel, input, and the job's last events.

A worker runs one job at a time (the hub's pool hands it the next once this one has ended).
Every job ends with exactly one terminal `status`: `completed` after its `result`, `failed`
after an `error`, or `cancelled`. The methods here are called from the worker's reader
thread; a job's end is handled on the thread (or event loop) that ran it.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from . import events, wire
from .async_loop import AsyncLoop
from .capture import Capture
from .context import Context
from .errors import JobCancelled
from .inbox import Inbox
from .interrupt import Interruptible
from .link import Link
from .output import JobOutput
from .params import ParamsError
from .registry import JobSpec, Registry
from .results import returned_from, to_json


class _Refused(Exception):
    """A `run` the worker will not start; `str()` is the job's error message."""


@dataclass(frozen=True)
class RunnerOptions:
    """How jobs are stopped."""

    cancel_grace_s: float
    """How long a cancelled sync job may ignore its cancel flag before it is interrupted."""


DEFAULT_RUNNER_OPTIONS = RunnerOptions(cancel_grace_s=1.0)


@dataclass
class ActiveJob:
    """A job the sidecar has accepted and not yet finished."""

    spec: JobSpec
    kwargs: Dict[str, Any]
    output: JobOutput
    context: Context
    cancel: threading.Event
    inbox: Optional[Inbox]
    interruptible: Interruptible = field(default_factory=Interruptible)
    task: Any = None
    """The asyncio task of an `async def` job, once it runs."""

    @property
    def args(self) -> Tuple[Any, ...]:
        """The positional arguments of the call."""
        return self.spec.positional(self.context)


MAX_MESSAGE_CHARS = 4096
MAX_TRACEBACK_CHARS = 256 * 1024


def failure(error: BaseException) -> List[events.Event]:
    """The `error` event and `failed` status for an exception raised by job code, clipped so
    that even an exception carrying megabytes fits the link."""
    message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[:MAX_MESSAGE_CHARS] + "…"
    # The first frame is the runner's call into the job; the traceback starts in job code.
    frames = error.__traceback__.tb_next if error.__traceback__ else None
    trace = "".join(traceback.format_exception(type(error), error, frames))
    if len(trace) > MAX_TRACEBACK_CHARS:
        trace = "…" + trace[-MAX_TRACEBACK_CHARS:]
    return [events.error(message, trace), events.status("failed", message)]


class Runner:
    """The job of one worker."""

    def __init__(
        self,
        registry: Registry,
        link: Link,
        capture: Capture,
        options: RunnerOptions = DEFAULT_RUNNER_OPTIONS,
    ) -> None:
        self._registry = registry
        self._link = link
        self._capture = capture
        self._options = options
        self._lock = threading.Condition()
        self._job: Optional[ActiveJob] = None
        self._closing = False
        self._async = AsyncLoop()

    # --- commands -----------------------------------------------------------------------

    def start(self, message: wire.Run) -> None:
        """Accept a `run`: check it and run the job, or fail it if this worker is busy."""
        output = JobOutput(message.job_id, self._link)
        problem = ""
        with self._lock:
            try:
                job = self._admit(message, output)
            except _Refused as refused:
                job = None
                problem = str(refused)
        if job is None:
            output.close(events.error(problem), events.status("failed", problem))
        else:
            self._launch(job)

    def cancel(self, job_id: str) -> None:
        """Ask the job to stop through its cancel flag (and, if it ignores that, an interrupt)."""
        with self._lock:
            job = self._job
            if job is None or job.output.job_id != job_id:
                return
            job.cancel.set()
            if job.inbox is not None:
                job.inbox.wake()
        if job.spec.is_async:
            self._async.call(lambda: job.task.cancel() if job.task is not None else None)
        else:
            timer = threading.Timer(self._options.cancel_grace_s, self._interrupt, (job,))
            timer.daemon = True
            timer.start()

    def deliver(self, job_id: str, data: Any) -> None:
        """Hand a viewer's input to an interactive job."""
        job = self._job
        if job is None or job.output.job_id != job_id:
            self._link.log("warning", f"input for job {job_id}, which is not running; dropped")
        elif job.inbox is None:
            self._link.log("error", f"job {job_id} ({job.spec.name}) is not interactive; input refused")
        else:
            job.inbox.put(data)

    def refuse_new_work(self) -> None:
        """Fail every `run` from now on with "the worker is shutting down"."""
        with self._lock:
            self._closing = True

    def stop(self, wait_s: float) -> None:
        """Take no more work, cancel the job, and wait up to `wait_s` for it to end. A job
        still running then is reported `cancelled` and whatever it sends later is dropped."""
        self.refuse_new_work()
        with self._lock:
            job = self._job
        if job is not None:
            self.cancel(job.output.job_id)
        deadline = time.monotonic() + wait_s
        with self._lock:
            while self._job is not None and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            straggler = self._job
        if straggler is not None:
            reason = f"the worker shut down and the job did not stop within {wait_s:g} s"
            straggler.output.close(events.status("cancelled", reason))

    # --- running ------------------------------------------------------------------------

    def _admit(self, message: wire.Run, output: JobOutput) -> ActiveJob:
        if self._closing:
            raise _Refused("the worker is shutting down")
        if self._job is not None:
            raise _Refused(f"this worker is already running job {self._job.output.job_id}")
        spec = self._registry.get(message.job_type)
        if spec is None:
            raise _Refused(f'no job type "{message.job_type}" in this worker')
        try:
            kwargs = spec.params.bind(message.params)
        except ParamsError as error:
            raise _Refused(str(error)) from None
        cancel = threading.Event()
        inbox = Inbox(cancel.is_set) if spec.interactive else None
        context = Context(message.job_id, spec.name, message.artifacts_dir, output, cancel, inbox)
        job = ActiveJob(spec, kwargs, output, context, cancel, inbox)
        self._job = job
        return job

    def _launch(self, job: ActiveJob) -> None:
        job.output.send(events.status("running"))
        self._capture.attach(job.output)
        if job.spec.is_async:
            self._async.spawn(self._run_async(job))
        else:
            name = f"sidecast-job-{job.output.job_id}"
            threading.Thread(target=self._run_sync, args=(job,), name=name, daemon=True).start()

    def _run_sync(self, job: ActiveJob) -> None:
        value: Any = None
        raised: Optional[BaseException] = None
        try:
            job.interruptible.enter()
            try:
                value = job.spec.function(*job.args, **job.kwargs)
            except BaseException as error:
                raised = error
            finally:
                job.interruptible.leave()
        except JobCancelled as late:  # the interrupt fired after the job's own code returned
            job.interruptible.leave()
            raised = raised or late
        self._finish(job, value, raised)

    async def _run_async(self, job: ActiveJob) -> None:
        import asyncio

        job.task = asyncio.current_task()
        value: Any = None
        raised: Optional[BaseException] = None
        try:
            if job.cancel.is_set():
                raise JobCancelled()
            value = await job.spec.function(*job.args, **job.kwargs)
        except asyncio.CancelledError:  # how `cancel` stops an async job
            raised = JobCancelled()
        except BaseException as error:
            raised = error
        self._finish(job, value, raised)

    def _interrupt(self, job: ActiveJob) -> None:
        if job.interruptible.interrupt():
            self._link.log(
                "warning",
                f"job {job.output.job_id} ignored its cancel flag for "
                f"{self._options.cancel_grace_s:g} s; interrupting it",
            )

    def _finish(self, job: ActiveJob, value: Any, raised: Optional[BaseException]) -> None:
        self._capture.detach()
        self._report(job, value, raised)
        with self._lock:
            self._job = None
            self._lock.notify_all()

    def _report(self, job: ActiveJob, value: Any, raised: Optional[BaseException]) -> None:
        if raised is None:
            job.output.flush()
            try:
                job.output.send(events.result(to_json(value, "result")))
            except (TypeError, ValueError) as error:
                problem = f"the job's return value cannot be sent: {error}"
                trace = returned_from(job.spec.function, problem)
                job.output.close(events.error(problem, trace), events.status("failed", problem))
                return
            state = "cancelled" if job.cancel.is_set() else "completed"
            job.output.close(events.status(state))
        elif isinstance(raised, JobCancelled):
            job.output.close(events.status("cancelled"))
        else:
            job.output.close(*failure(raised))

