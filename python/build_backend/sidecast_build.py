"""The PEP 517 build backend of `python/`: wheels and sdists with the standard library only.

Why not setuptools: building a wheel with it needs the `wheel` package, which a fresh
`python3 -m venv` does not bring (and since Python 3.12 a venv brings no setuptools at
all), so `pip install ./python` would need PyPI to build a package that itself needs
nothing. This backend needs nothing either: `pip install ./python` and `pip install -e
./python` work in any virtualenv, offline. The metadata comes from `pyproject.toml`'s
`[project]` table and the version from `sidecast/__init__.py`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "sidecast"
SKIPPED = ("__pycache__",)
# A fixed timestamp keeps builds of the same sources byte-identical.
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def _project() -> Dict[str, str]:
    """The string fields of `[project]` (the only kind this package's metadata uses)."""
    fields: Dict[str, str] = {}
    section = ""
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        header = re.match(r"^\[([^\]]+)\]\s*$", line)
        if header:
            section = header.group(1)
            continue
        entry = re.match(r'^([\w-]+)\s*=\s*"([^"]*)"\s*$', line)
        if section == "project" and entry:
            fields[entry.group(1)] = entry.group(2)
    return fields


def _version() -> str:
    source = (ROOT / PACKAGE / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no __version__ in {PACKAGE}/__init__.py")
    return found.group(1)


def _metadata() -> str:
    project = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {_version()}",
        f"Summary: {project.get('description', '')}",
        f"Requires-Python: {project.get('requires-python', '>=3.9')}",
        "Description-Content-Type: text/markdown",
        "",
        (ROOT / "README.md").read_text(encoding="utf-8"),
    ]
    return "\n".join(lines)


def _sources() -> List[Path]:
    return sorted(
        path
        for path in (ROOT / PACKAGE).rglob("*")
        if path.is_file()
        and not any(part in SKIPPED for part in path.parts)
        and path.suffix in (".py", ".typed")
    )


def _digest(data: bytes) -> str:
    raw = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={raw.decode()}"


def _write_wheel(directory: str, files: List[Tuple[str, bytes]]) -> str:
    name, version = _project()["name"], _version()
    dist_info = f"{name}-{version}.dist-info"
    entries = [
        *files,
        (f"{dist_info}/METADATA", _metadata().encode()),
        (
            f"{dist_info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: sidecast_build\nRoot-Is-Purelib: true\n"
            b"Tag: py3-none-any\n",
        ),
    ]
    record = "".join(f"{path},{_digest(data)},{len(data)}\n" for path, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    filename = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(Path(directory) / filename, "w", zipfile.ZIP_DEFLATED) as wheel:
        for path, data in [*entries, (f"{dist_info}/RECORD", record.encode())]:
            wheel.writestr(zipfile.ZipInfo(path, FIXED_TIME), data)
    return filename


def get_requires_for_build_wheel(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    """Nothing: the standard library builds it."""
    return []


get_requires_for_build_sdist = get_requires_for_build_wheel
get_requires_for_build_editable = get_requires_for_build_wheel


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Dict[str, str]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """A pure-Python wheel of the `sidecast` package."""
    files = [(path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in _sources()]
    return _write_wheel(wheel_directory, files)


def build_editable(
    wheel_directory: str,
    config_settings: Optional[Dict[str, str]] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    """A wheel whose `.pth` file puts this folder on `sys.path` (`pip install -e`)."""
    return _write_wheel(wheel_directory, [(f"_{PACKAGE}_editable.pth", f"{ROOT}\n".encode())])


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, str]] = None) -> str:
    """A source archive: the package, this backend, `pyproject.toml` and the README."""
    base = f"{_project()['name']}-{_version()}"
    paths = [ROOT / "pyproject.toml", ROOT / "README.md", Path(__file__), *_sources()]
    filename = f"{base}.tar.gz"
    with tarfile.open(Path(sdist_directory) / filename, "w:gz") as archive:
        for path in paths:
            data = path.read_bytes()
            info = tarfile.TarInfo(f"{base}/{path.relative_to(ROOT).as_posix()}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        archive.addfile(info, io.BytesIO(pkg_info))
    return filename
