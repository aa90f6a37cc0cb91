"""`files.checksum`: SHA-256 of every file under a folder, like `sha256sum`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Dict, List

from sidecast import Context, job

CHUNK_BYTES = 1024 * 1024


def sha256(ctx: Context, path: Path) -> str:
    """The hex SHA-256 of `path`, checking for cancellation between chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(CHUNK_BYTES), b""):
            ctx.check_cancelled()
            digest.update(chunk)
    return digest.hexdigest()


@job("files.checksum", title="Checksum files")
def checksum(ctx: Context, root: Path, pattern: str = "**/*") -> Dict[str, int]:
    """SHA-256 of every file under a folder that matches a glob pattern. Prints one
    `sha256sum` line per file and writes them all to the artifact SHA256SUMS.

    Args:
        root: The folder to read.
        pattern: Which files under it, as a glob (`**/*` is every file).
    """
    base = root.expanduser()
    if not base.is_dir():
        raise NotADirectoryError(f"{root!r} is not a folder")
    files = sorted(path for path in base.glob(pattern) if path.is_file())
    lines: List[str] = []
    total_bytes = 0
    for number, path in enumerate(files, 1):
        relative = path.relative_to(base).as_posix()
        line = f"{sha256(ctx, path)}  {relative}"
        print(line)
        lines.append(line + "\n")
        total_bytes += path.stat().st_size
        ctx.progress(number, len(files), relative)
    ctx.write_artifact("SHA256SUMS", "".join(lines))
    return {"files": len(files), "bytes": total_bytes}
