"""Build `dist/sidecast.pyz`: the whole sidecar as one file, run with `python3 sidecast.pyz`.

Standard library only (`zipapp`). The archive also carries bytecode compiled by the Python
that builds it, so that start-up skips compiling; any other Python ignores that bytecode
and compiles the sources, which are in the archive too.

    python3 scripts/build_pyz.py [--output PATH]
"""

from __future__ import annotations

import argparse
import py_compile
import shutil
import sys
import tempfile
import zipapp
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sidecast"
DEFAULT_OUTPUT = ROOT / "dist" / "sidecast.pyz"
MAIN = "import sys\n\nfrom sidecast.cli import main\n\nsys.exit(main())\n"


def stage(folder: Path) -> None:
    """Copy the package and an entry point into `folder`, with bytecode beside each source."""
    shutil.copytree(PACKAGE, folder / "sidecast", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (folder / "__main__.py").write_text(MAIN, encoding="utf-8")
    for source in folder.rglob("*.py"):
        # zipimport reads `name.pyc` next to `name.py`, not __pycache__; an unchecked hash
        # pyc does not depend on the timestamps zip files keep.
        py_compile.compile(
            str(source),
            cfile=str(source.with_suffix(".pyc")),
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )


def build(output: Path) -> Path:
    """Write the archive to `output`; returns it."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sidecast-pyz-") as folder:
        stage(Path(folder))
        zipapp.create_archive(folder, output, interpreter="/usr/bin/env python3", compressed=True)
    return output


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build the single-file sidecar.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"default {DEFAULT_OUTPUT}")
    output = build(parser.parse_args(argv).output)
    print(f"wrote {output} ({output.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
