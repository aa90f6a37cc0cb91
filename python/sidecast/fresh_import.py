"""The author's own modules are compiled from their source on every import, never from
`__pycache__`.

Python trusts a cached `.pyc` whose recorded source size and modification time (in whole
seconds) match the file. Saving a change of the same size within a second of the last
import, which is exactly what an author with `--reload` does (`"v1"` → `"v2"`), would
reload the old code. Job modules are small, so compiling them afresh costs milliseconds;
the standard library and installed packages keep their caches.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from types import ModuleType
from typing import Any, Optional, Sequence, Tuple

INSTALLED = ("site-packages", "dist-packages")
OWN_PACKAGE = os.path.join(os.path.dirname(os.path.realpath(__file__)), "")


class FreshSourceLoader(importlib.machinery.SourceFileLoader):
    """A source loader that neither reads nor writes bytecode caches."""

    def get_code(self, fullname: str) -> Any:
        path = self.get_filename(fullname)
        return self.source_to_code(self.get_data(path), path)

    def set_data(self, path: str, data: Any, *, _mode: int = 0o666) -> None:
        """Writes no `.pyc`."""


class FreshSourceFinder(importlib.abc.MetaPathFinder):
    """Finds modules as the path finder does; those under `roots` (and not in an installed
    packages folder) get a `FreshSourceLoader`. Any other module is left to the finders
    after it (`None`), so built-in and frozen modules load as they always do."""

    def __init__(self, roots: Sequence[str]) -> None:
        self._roots: Tuple[str, ...] = tuple(os.path.join(os.path.realpath(root), "") for root in roots)

    def find_spec(
        self,
        fullname: str,
        path: Optional[Sequence[str]],
        target: Optional[ModuleType] = None,
    ) -> Optional[importlib.machinery.ModuleSpec]:
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        origin = None if spec is None else spec.origin
        if spec is None or origin is None or not origin.endswith(".py"):
            return None
        real = os.path.realpath(origin)
        outside = not real.startswith(self._roots) or real.startswith(OWN_PACKAGE)
        if outside or any(part in real for part in INSTALLED):
            return None
        spec.loader = FreshSourceLoader(fullname, origin)
        return spec


def install(roots: Sequence[str]) -> None:
    """Compile modules under `roots` from source from now on, in this process."""
    sys.meta_path.insert(0, FreshSourceFinder(roots))
