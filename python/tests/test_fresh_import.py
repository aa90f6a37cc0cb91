"""Job modules come from their source every time, even when a same-size change lands within
the second a cached `.pyc` records."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from sidecast.fresh_import import FreshSourceFinder, FreshSourceLoader
from tests.sidecar_process import PYTHON_DIR

PROBE = """
import sys
sys.path.insert(0, {root!r})
from sidecast.loader import compile_afresh, load_jobs
compile_afresh([{target!r}])
load_jobs({target!r})
import helper
from sidecast.registry import REGISTRY
print(REGISTRY.get("fresh.version").function(), helper.WORD)
"""


class FreshImportTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sidecast-fresh-"))
        self.addCleanup(shutil.rmtree, self.folder)

    def write(self, version: str) -> None:
        stamp = 1_700_000_000  # the same second each time, as a quick save gives
        for name, text in {
            "jobs_v.py": f'from sidecast import job\n\n@job("fresh.version")\ndef v() -> str:\n    return "{version}"\n',
            "helper.py": f'WORD = "{version}"\n',
        }.items():
            path = self.folder / name
            path.write_text(text, encoding="utf-8")
            os.utime(path, (stamp, stamp))

    def run_probe(self) -> str:
        code = PROBE.format(root=str(PYTHON_DIR), target=str(self.folder / "jobs_v.py"))
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=self.folder, capture_output=True, text=True, timeout=30
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_a_same_size_change_in_the_same_second_is_seen(self) -> None:
        self.write("v1")
        # What a plain import of v1 caches: right size, right second.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(self.folder)], check=True)
        self.write("v2")
        self.assertEqual(self.run_probe(), "v2 v2")

    def test_leaves_every_other_module_to_the_usual_finders(self) -> None:
        (self.folder / "mine.py").write_text("X = 1\n", encoding="utf-8")
        finder = FreshSourceFinder([str(self.folder)])
        self.assertIsNone(finder.find_spec("json", None))
        self.assertIsNone(finder.find_spec("no_such_module_anywhere", None))
        spec = finder.find_spec("mine", [str(self.folder)])
        assert spec is not None
        self.assertIsInstance(spec.loader, FreshSourceLoader)

    def test_writes_no_bytecode_beside_the_authors_code(self) -> None:
        self.write("v1")
        self.assertEqual(self.run_probe(), "v1 v1")
        self.assertFalse((self.folder / "__pycache__").exists())


if __name__ == "__main__":
    unittest.main()
