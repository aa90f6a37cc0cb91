"""The single-file build runs the same sidecar."""

from __future__ import annotations

import shutil
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

from scripts.build_pyz import build
from tests.sidecar_process import SidecarProcess


class ZipappTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = Path(tempfile.mkdtemp(prefix="sidecast-pyz-test-"))
        cls.pyz = build(cls.folder / "sidecast.pyz")

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.folder)

    def test_holds_the_package_its_bytecode_and_an_entry_point(self) -> None:
        names = set(zipfile.ZipFile(self.pyz).namelist())
        self.assertIn("__main__.py", names)
        self.assertIn("sidecast/jobs/stream.py", names)
        self.assertIn("sidecast/jobs/stream.pyc", names)
        self.assertFalse(any("__pycache__" in name for name in names))
        self.assertTrue(self.pyz.read_bytes().startswith(b"#!/usr/bin/env python3\n"))

    def test_runs_jobs_from_anywhere_with_only_python(self) -> None:
        command = [sys.executable, str(self.pyz)]
        with SidecarProcess(command=command, cwd=self.folder) as sidecar:
            names = sidecar.job_type_names()
            self.assertIn("demo.stream", names)
            self.assertIn("test.print", names, "--jobs files load from the archive too")
            events = sidecar.finish(sidecar.run("demo.stream", {"lines": 3, "rate": 0}))
            self.assertEqual(events[-1]["state"], "completed")

    def test_finds_job_modules_by_name_in_the_working_directory(self) -> None:
        (self.folder / "pyz_named_jobs.py").write_text(
            'from sidecast import job\n\n@job("pyz.named")\ndef named(ctx): ...\n', encoding="utf-8"
        )
        command = [sys.executable, str(self.pyz), "--jobs", "pyz_named_jobs"]
        with SidecarProcess(command=command, cwd=self.folder, test_jobs=False) as sidecar:
            names = sidecar.job_type_names()
            self.assertEqual(names[-1], "pyz.named")


if __name__ == "__main__":
    unittest.main()
