"""Sidecast's Python side: write jobs as plain functions, run them under the Sidecast hub.

    from sidecast import Context, job

    @job("demo.hello", title="Say hello")
    def hello(ctx: Context, name: str = "world") -> str:
        '''Greets someone.'''
        print(f"Hello, {name}!")
        return name
"""

from .artifacts import ArtifactPathError
from .context import Context
from .errors import JobCancelled
from .registry import job

__version__ = "0.1.0"

__all__ = ["ArtifactPathError", "Context", "JobCancelled", "__version__", "job"]
