"""Sidecast's Python side: write jobs as plain functions, run them under the Sidecast hub.

    from typing import Annotated
    from sidecast import Context, Param, job

    @job("demo.hello", title="Say hello")
    def hello(ctx: Context, name: str = "world",
              times: Annotated[int, Param(minimum=1, maximum=10)] = 1) -> str:
        '''Greets someone.'''
        for _ in range(times):
            print(f"Hello, {name}!")
        return name

`sidecast.testing.run_job` runs a job function in-process for its author's unit tests.
"""

from .artifacts import ArtifactPathError
from .context import Context
from .errors import JobCancelled
from .param import Param
from .registry import job

__version__ = "0.1.0"

__all__ = ["ArtifactPathError", "Context", "JobCancelled", "Param", "__version__", "job"]
