"""Running jobs: admission, the concurrency limit, cancel, input, and each job's last events.

Every job ends with exactly one terminal `status`: `completed` after its `result`, `failed`
after an `error`, or `cancelled`. The methods here are called from the sidecar's reader
thread; a job's end is handled on the thread (or event loop) that ran it.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, List, Optional

from . import events, wire
from .async_loop import AsyncLoop
from .context import Context
from .errors import JobCancelled
from .inbox import Inbox
from .interrupt import Interruptible
from .link import Link
from .output import CURRENT_OUTPUT, JobOutput
from .params import ParamsError
from .registry import JobSpec, Registry


class _Refused(Exception):
    """A `run` the sidecar will not start; `str()` is the job's error message."""


@dataclass(frozen=True)
class RunnerOptions:
    """Limits on how jobs run."""

    max_concurrency: int
    """Jobs running at once; more wait, in arrival order, without a `running` status."""
    cancel_grace_s: float
    """How long a cancelled sync job may ignore its cancel flag before it is interrupted."""


DEFAULT_RUNNER_OPTIONS = RunnerOptions(max_concurrency=4, cancel_grace_s=1.0)


@dataclass
class ActiveJob:
    """A job the sidecar has accepted and not yet finished."""

    spec: JobSpec
    kwargs: Dict[str, Any]
    output: JobOutput
    context: Context
    cancel: threading.Event
    inbox: Optional[Inbox]
    started: bool = False
    interruptible: Interruptible = field(default_factory=Interruptible)
    task: Any = None
    """The asyncio task of an `async def` job, once it runs."""


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
    """The jobs of one sidecar."""

    def __init__(
        self, registry: Registry, link: Link, options: RunnerOptions = DEFAULT_RUNNER_OPTIONS
    ) -> None:
        self._registry = registry
        self._link = link
        self._options = options
        self._lock = threading.Condition()
        self._active: Dict[str, ActiveJob] = {}
        self._waiting: Deque[ActiveJob] = deque()
        self._running = 0
        self._closing = False
        self._async = AsyncLoop()

    # --- commands -----------------------------------------------------------------------

    def start(self, message: wire.Run) -> None:
        """Accept a `run`: check it, then run the job now or when a slot frees up."""
        output = JobOutput(message.job_id, self._link)
        with self._lock:
            if message.job_id in self._active:
                self._link.log("error", f"job {message.job_id} is already running; run ignored")
                return
            problem = ""
            try:
                job = self._admit(message, output)
            except _Refused as refused:
                job = None
                problem = str(refused)
            else:
                if self._running < self._options.max_concurrency:
                    self._running += 1
                    job.started = True
                else:
                    self._waiting.append(job)
        if job is None:
            output.close(events.error(problem), events.status("failed", problem))
        elif job.started:
            self._launch(job)

    def cancel(self, job_id: str) -> None:
        """Ask a job to stop: at once if it waits for a slot, else through its cancel flag."""
        with self._lock:
            job = self._active.get(job_id)
            if job is None:
                return
            job.cancel.set()
            if job.inbox is not None:
                job.inbox.wake()
            waiting = not job.started
            if waiting:
                self._waiting.remove(job)
                del self._active[job_id]
                self._lock.notify_all()
        if waiting:
            job.output.close(events.status("cancelled"))
        elif job.spec.is_async:
            self._async.call(lambda: job.task.cancel() if job.task is not None else None)
        else:
            timer = threading.Timer(self._options.cancel_grace_s, self._interrupt, (job,))
            timer.daemon = True
            timer.start()

    def deliver(self, job_id: str, data: Any) -> None:
        """Hand a viewer's input to an interactive job."""
        job = self._active.get(job_id)
        if job is None:
            self._link.log("warning", f"input for job {job_id}, which is not running; dropped")
        elif job.inbox is None:
            self._link.log("error", f"job {job_id} ({job.spec.name}) is not interactive; input refused")
        else:
            job.inbox.put(data)

    def refuse_new_work(self) -> None:
        """Fail every `run` from now on with "the sidecar is shutting down"."""
        with self._lock:
            self._closing = True

    def stop(self, wait_s: float) -> None:
        """Take no more work, cancel every job, and wait up to `wait_s` for them to end. Jobs
        still running then are reported `cancelled` and whatever they send later is dropped."""
        self.refuse_new_work()
        with self._lock:
            job_ids = list(self._active)
        for job_id in job_ids:
            self.cancel(job_id)
        deadline = time.monotonic() + wait_s
        with self._lock:
            while self._active and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            stragglers = list(self._active.values())
        for job in stragglers:
            reason = f"the sidecar shut down and the job did not stop within {wait_s:g} s"
            job.output.close(events.status("cancelled", reason))

    # --- running ------------------------------------------------------------------------

    def _admit(self, message: wire.Run, output: JobOutput) -> ActiveJob:
        if self._closing:
            raise _Refused("the sidecar is shutting down")
        spec = self._registry.get(message.job_type)
        if spec is None:
            raise _Refused(f'no job type "{message.job_type}" in this sidecar')
        try:
            kwargs = spec.params.bind(message.params)
        except ParamsError as error:
            raise _Refused(str(error)) from None
        cancel = threading.Event()
        inbox = Inbox(cancel.is_set) if spec.interactive else None
        context = Context(message.job_id, spec.name, message.artifacts_dir, output, cancel, inbox)
        job = ActiveJob(spec, kwargs, output, context, cancel, inbox)
        self._active[message.job_id] = job
        return job

    def _launch(self, job: ActiveJob) -> None:
        job.output.send(events.status("running"))
        if job.spec.is_async:
            self._async.spawn(self._run_async(job))
        else:
            name = f"sidecast-job-{job.output.job_id}"
            threading.Thread(target=self._run_sync, args=(job,), name=name, daemon=True).start()

    def _run_sync(self, job: ActiveJob) -> None:
        CURRENT_OUTPUT.set(job.output)
        value: Any = None
        raised: Optional[BaseException] = None
        try:
            job.interruptible.enter()
            try:
                value = job.spec.function(job.context, **job.kwargs)
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

        CURRENT_OUTPUT.set(job.output)
        job.task = asyncio.current_task()
        value: Any = None
        raised: Optional[BaseException] = None
        try:
            if job.cancel.is_set():
                raise JobCancelled()
            value = await job.spec.function(job.context, **job.kwargs)
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
        self._report(job, value, raised)
        with self._lock:
            self._active.pop(job.output.job_id, None)
            self._running -= 1
            following = self._waiting.popleft() if self._waiting else None
            if following is not None:
                self._running += 1
                following.started = True
            self._lock.notify_all()
        if following is not None:
            self._launch(following)

    def _report(self, job: ActiveJob, value: Any, raised: Optional[BaseException]) -> None:
        if raised is None:
            job.output.flush()
            try:
                job.output.send(events.result(value))
            except (TypeError, ValueError) as error:
                problem = f"the job's return value cannot be sent: {error}"
                job.output.close(events.error(problem), events.status("failed", problem))
                return
            state = "cancelled" if job.cancel.is_set() else "completed"
            job.output.close(events.status(state))
        elif isinstance(raised, JobCancelled):
            job.output.close(events.status("cancelled"))
        else:
            job.output.close(*failure(raised))

