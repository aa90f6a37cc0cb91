"""`--jobs MODULE_OR_FILE`: importing the modules that define a user's job types.

A target that cannot be imported is a `JobLoadError` whose message starts with one line that
says everything a person needs, the file and line in their own code and the error, then
whatever detail helps (the source line and caret of a syntax error, the traceback of an
exception raised at import time).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from pathlib import Path
from typing import List, Sequence

from . import fresh_import
from .fresh_import import FreshSourceLoader
from .registry import JobDefinitionError

NOT_THE_AUTHORS = (str(Path(__file__).resolve().parent), str(Path(importlib.__file__).parent))
"""Frames in these folders (sidecast's own, importlib's) are not the author's code."""


class JobLoadError(Exception):
    """A `--jobs` target that could not be imported; `str()` is the message for the hub."""


def _is_file(target: str) -> bool:
    return target.endswith(".py") or "/" in target or "\\" in target


def _shown(filename: str) -> str:
    """A file as the author knows it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(filename)
    except ValueError:  # another drive, on Windows
        return filename
    return filename if relative.startswith("..") else relative


def _own_frames(error: BaseException) -> List[traceback.FrameSummary]:
    """The frames of the author's code, outermost first: not importlib's, not sidecast's."""
    return [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.startswith("<frozen") and not frame.filename.startswith(NOT_THE_AUTHORS)
    ]


def _module_advice(is_the_target: bool) -> str:
    if is_the_target:
        return (
            f"Module names are looked up from the working directory ({os.getcwd()}) and "
            "sys.path; for a file, pass its path, e.g. --jobs ./my_jobs.py"
        )
    return (
        "A third-party package must be installed for the workers' Python: "
        "python3 -m venv .venv && .venv/bin/pip install ./python PACKAGE, "
        "then start the hub with --python .venv/bin/python"
    )


def describe_failure(target: str, error: BaseException) -> str:
    """The message for `target` failing to import with `error`, first line first."""
    name = type(error).__name__
    detail: List[str] = []
    if isinstance(error, SyntaxError) and error.filename:
        where = f"{_shown(error.filename)}, line {error.lineno}"
        summary = f"{name}: {error.msg}"
        # The source line and its caret, without the `File` line or the error repeated.
        shown = "".join(traceback.format_exception_only(type(error), error)).splitlines()
        detail = [line for line in shown if line.startswith("    ")]
    else:
        frames = _own_frames(error)
        innermost = frames[-1] if frames else None
        where = "" if innermost is None else f"{_shown(innermost.filename)}, line {innermost.lineno}"
        summary = str(error) if isinstance(error, JobDefinitionError) else (
            "".join(traceback.format_exception_only(type(error), error)).strip()
        )
        if innermost is not None and innermost.line:
            detail.append(f"    {innermost.line.strip()}")
        if len(frames) > 1:
            detail.append("Traceback (most recent call last):")
            detail.extend(line.rstrip() for line in traceback.format_list(frames))
        if isinstance(error, ModuleNotFoundError):
            detail.append(_module_advice(innermost is None))
    head = f"--jobs {target}: " + (f"{where}: " if where else "") + summary
    return "\n".join([head, *detail])


def _import_file(target: str, path: Path) -> None:
    if not path.is_file():
        raise JobLoadError(f"--jobs {target}: no such file ({path.resolve()})")
    name = path.stem
    if name in sys.modules:
        raise JobLoadError(
            f"--jobs {target}: a module named {name!r} is already loaded; rename the file"
        )
    loader = FreshSourceLoader(name, str(path))
    spec = importlib.util.spec_from_loader(name, loader)
    if spec is None:
        raise JobLoadError(f"--jobs {target}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    # Like a script run directly, the file may import its neighbours.
    sys.path.insert(0, str(path.resolve().parent))
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise


def compile_afresh(targets: Sequence[str]) -> None:
    """Have the author's modules, beside each file target and under the working directory
    (where module names resolve), compiled from source on every import (see
    `fresh_import`)."""
    roots = {os.getcwd()}
    roots.update(str(Path(target).resolve().parent) for target in targets if _is_file(target))
    fresh_import.install(sorted(roots))


def load_jobs(target: str) -> None:
    """Import `target`, a module name (`my_pkg.jobs`) or a file (`./jobs.py`), registering
    the job types it defines. Raises `JobLoadError` saying where and why it failed."""
    try:
        if _is_file(target):
            _import_file(target, Path(target))
        else:
            # As with `python3 -m`, module names resolve from the working directory too;
            # `python3 sidecast.pyz` would otherwise only search the archive and site-packages.
            if os.getcwd() not in sys.path and "" not in sys.path:
                sys.path.insert(0, os.getcwd())
            importlib.import_module(target)
    except JobLoadError:
        raise
    except BaseException as error:  # SystemExit from a module's top level is a failure too
        raise JobLoadError(describe_failure(target, error)) from None
