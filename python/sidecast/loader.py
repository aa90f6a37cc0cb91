"""`--jobs MODULE_OR_FILE`: importing the modules that define a user's job types."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import sys
import traceback
from pathlib import Path

from .registry import JobDefinitionError


class JobLoadError(Exception):
    """A `--jobs` target that could not be imported; `str()` is the message for the hub."""


def _is_file(target: str) -> bool:
    return target.endswith(".py") or "/" in target or "\\" in target


def _import_file(path: Path) -> None:
    if not path.is_file():
        raise JobLoadError(f"--jobs {path}: no such file")
    name = path.stem
    if name in sys.modules:
        raise JobLoadError(
            f"--jobs {path}: a module named {name!r} is already loaded; rename the file"
        )
    loader = importlib.machinery.SourceFileLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    if spec is None:
        raise JobLoadError(f"--jobs {path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    # Like a script run directly, the file may import its neighbours.
    sys.path.insert(0, str(path.resolve().parent))
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise


def load_jobs(target: str) -> None:
    """Import `target`, a module name (`my_pkg.jobs`) or a file (`./jobs.py`), registering
    the job types it defines. Raises `JobLoadError` with the reason and traceback."""
    try:
        if _is_file(target):
            _import_file(Path(target))
        else:
            # As with `python3 -m`, module names resolve from the working directory too;
            # `python3 sidecast.pyz` would otherwise only search the archive and site-packages.
            if os.getcwd() not in sys.path and "" not in sys.path:
                sys.path.insert(0, os.getcwd())
            importlib.import_module(target)
    except JobLoadError:
        raise
    except JobDefinitionError as error:
        raise JobLoadError(f"--jobs {target}: {error}") from None
    except BaseException as error:  # SystemExit from a module's top level is a failure too
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        raise JobLoadError(f"--jobs {target}: importing it failed\n{details.rstrip()}") from None
