"""`python/` as an installable package: the in-tree build backend's wheel and sdist."""

from __future__ import annotations

import base64
import hashlib
import shutil
import sys
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path

from tests.sidecar_process import PYTHON_DIR

sys.path.insert(0, str(PYTHON_DIR / "build_backend"))
import sidecast_build  # noqa: E402

from sidecast import __version__  # noqa: E402


class BuildTest(unittest.TestCase):
    def setUp(self) -> None:
        self.out = Path(tempfile.mkdtemp(prefix="sidecast-build-"))
        self.addCleanup(shutil.rmtree, self.out)

    def test_the_wheel_holds_the_package_and_a_record_that_checks_out(self) -> None:
        name = sidecast_build.build_wheel(str(self.out))
        self.assertEqual(name, f"sidecast-{__version__}-py3-none-any.whl")
        with zipfile.ZipFile(self.out / name) as wheel:
            names = wheel.namelist()
            self.assertIn("sidecast/__init__.py", names)
            self.assertIn("sidecast/jobs/stream.py", names)
            self.assertIn("sidecast/py.typed", names)
            self.assertFalse([n for n in names if "__pycache__" in n or n.startswith("tests/")])
            dist_info = f"sidecast-{__version__}.dist-info"
            metadata = wheel.read(f"{dist_info}/METADATA").decode()
            self.assertIn("Name: sidecast\n", metadata)
            self.assertIn(f"Version: {__version__}\n", metadata)
            self.assertIn("Requires-Python: >=3.9\n", metadata)
            for line in wheel.read(f"{dist_info}/RECORD").decode().splitlines():
                path, digest, size = line.split(",")
                if path.endswith("RECORD"):
                    continue
                data = wheel.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                self.assertEqual((digest, int(size)), (f"sha256={expected.decode()}", len(data)))

    def test_the_editable_wheel_points_at_this_folder(self) -> None:
        name = sidecast_build.build_editable(str(self.out))
        with zipfile.ZipFile(self.out / name) as wheel:
            self.assertEqual(wheel.read("_sidecast_editable.pth").decode().strip(), str(PYTHON_DIR))

    def test_the_sdist_can_build_the_wheel_again(self) -> None:
        name = sidecast_build.build_sdist(str(self.out))
        with tarfile.open(self.out / name) as archive:
            names = archive.getnames()
        base = f"sidecast-{__version__}"
        for needed in ("pyproject.toml", "PKG-INFO", "build_backend/sidecast_build.py", "sidecast/cli.py"):
            self.assertIn(f"{base}/{needed}", names)

    def test_needs_nothing_to_build(self) -> None:
        self.assertEqual(sidecast_build.get_requires_for_build_wheel(), [])
        self.assertEqual(sidecast_build.get_requires_for_build_sdist(), [])


if __name__ == "__main__":
    unittest.main()
