"""Artifact paths and files: what `ctx.write_artifact` may write, and where.

`artifact_path_problem` mirrors `artifactPathProblem` in the protocol package word for
word (the JSON Schema export cannot carry these rules); the tests hold it to the same
fixtures.
"""

from __future__ import annotations

import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

MAX_ARTIFACT_PATH_CHARS = 1024
MAX_ARTIFACT_SEGMENT_CHARS = 255
CONTROL_CHARACTER = re.compile("[\u0000-\u001f\u007f]")
DRIVE_LETTER = re.compile("[A-Za-z]:")


class ArtifactPathError(ValueError):
    """A path that is not a safe place for an artifact; `str()` says why."""


def artifact_path_problem(path: str) -> Optional[str]:
    """Why `path` is not a safe artifact path, or `None` when it is one: relative,
    `/`-separated, no empty, `.` or `..` segment, no `\\`, NUL or other control character."""
    if not path:
        return "an artifact path must not be empty"
    if len(path) > MAX_ARTIFACT_PATH_CHARS:
        return f"an artifact path has at most {MAX_ARTIFACT_PATH_CHARS} characters"
    if CONTROL_CHARACTER.search(path):
        return "an artifact path must not contain NUL or other control characters"
    if "\\" in path:
        return 'an artifact path uses "/" as its separator, never "\\"'
    if path.startswith("/") or DRIVE_LETTER.match(path):
        return "an artifact path must be relative to the job's artifacts folder"
    for segment in path.split("/"):
        if segment == "":
            return 'an artifact path must not contain an empty segment ("//" or a trailing "/")'
        if segment in (".", ".."):
            return 'an artifact path must not contain "." or ".." segments'
        if len(segment) > MAX_ARTIFACT_SEGMENT_CHARS:
            return (
                "each segment of an artifact path has at most "
                f"{MAX_ARTIFACT_SEGMENT_CHARS} characters"
            )
    return None


@dataclass(frozen=True)
class WrittenArtifact:
    """A file `write_artifact` stored: where, how big, and what it holds."""

    file: Path
    size: int
    content_type: str


def guess_content_type(path: str, is_text: bool) -> str:
    """The MIME type for `path` from its extension; text without one is `text/plain`."""
    guessed, _encoding = mimetypes.guess_type(path, strict=False)
    if guessed is None:
        guessed = "text/plain" if is_text else "application/octet-stream"
    if is_text and guessed.startswith("text/") and "charset" not in guessed:
        guessed += "; charset=utf-8"
    return guessed


def write_artifact(
    root: Path, path: str, content: Union[bytes, str], content_type: Optional[str] = None
) -> WrittenArtifact:
    """Write `content` to `root/path` atomically (temporary file, then rename).

    Raises `ArtifactPathError` when `path` is unsafe or resolves outside `root` (through a
    symlink, say): the file is then not written at all.
    """
    problem = artifact_path_problem(path)
    if problem is not None:
        raise ArtifactPathError(f"{problem}: {path!r}")
    root.mkdir(parents=True, exist_ok=True)
    real_root = root.resolve()
    target = real_root.joinpath(*path.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    real_parent = target.parent.resolve()
    if real_parent != real_root and real_root not in real_parent.parents:
        raise ArtifactPathError(f"{path!r} leads outside the job's artifacts folder")
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise ArtifactPathError(f"{path!r} exists and is not a regular file")

    is_text = isinstance(content, str)
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    fd, temporary = tempfile.mkstemp(dir=real_parent, prefix=".artifact-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, real_parent / target.name)
    except BaseException:
        os.unlink(temporary)
        raise
    return WrittenArtifact(
        file=real_parent / target.name,
        size=len(data),
        content_type=content_type or guess_content_type(path, is_text),
    )
