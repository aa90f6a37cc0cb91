"""Starting the sidecar: `ready`, and refusing to start with broken job modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path
from typing import Any, Dict

from tests.sidecar_process import PYTHON_DIR, SidecarProcess, strip_ts

BUILT_IN = ["demo.stream", "files.checksum", "data.profile_csv", "demo.chat"]


def start_with(*jobs: str) -> subprocess.CompletedProcess[bytes]:
    """Run the sidecar with `--jobs` targets to the end; it should not get to `ready`."""
    argv = [sys.executable, "-m", "sidecast"]
    for target in jobs:
        argv += ["--jobs", target]
    return subprocess.run(argv, cwd=PYTHON_DIR, input=b"", capture_output=True, timeout=30)


class ReadyTest(unittest.TestCase):
    def test_announces_the_process_python_and_every_job_type(self) -> None:
        with SidecarProcess() as sidecar:
            ready = sidecar.ready()
            self.assertEqual(sidecar.messages[0], ready, "ready is the first message")
            self.assertEqual(ready["protocol"], 1)
            self.assertEqual(ready["pid"], sidecar.process.pid)
            self.assertEqual(ready["python"], ".".join(map(str, sys.version_info[:3])))
            names = sidecar.job_type_names()
            self.assertEqual(names[:4], BUILT_IN)
            self.assertIn("test.params", names)

    def test_describes_params_with_json_schema_from_the_signature(self) -> None:
        with SidecarProcess() as sidecar:
            types = {job_type["name"]: job_type for job_type in sidecar.ready()["jobTypes"]}
        stream: Dict[str, Any] = types["demo.stream"]
        self.assertEqual(stream["title"], "Stream log lines")
        self.assertFalse(stream["interactive"])
        self.assertTrue(stream["description"].startswith("Logs `lines` numbered lines"))
        self.assertEqual(
            stream["params"]["properties"]["fail_at"], {"type": ["integer", "null"], "default": None}
        )
        params = types["test.params"]["params"]
        self.assertEqual(params["required"], ["count", "ratio", "mode", "tags"])
        self.assertEqual(params["properties"]["mode"], {"enum": ["fast", "slow"], "type": "string"})
        self.assertEqual(params["properties"]["tags"], {"type": "array", "items": {"type": "string"}})
        self.assertFalse(params["additionalProperties"])
        self.assertTrue(types["demo.chat"]["interactive"])


class JobsOptionTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sidecast-jobs-"))

    def tearDown(self) -> None:
        shutil.rmtree(self.folder)

    def write(self, name: str, source: str) -> str:
        path = self.folder / name
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return str(path)

    def assert_refused(self, result: subprocess.CompletedProcess[bytes], *expected: str) -> None:
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(result.stdout, b"", "nothing on the protocol stdout, not even ready")
        stderr = result.stderr.decode()
        for text in expected:
            self.assertIn(text, stderr)

    def test_loads_job_types_from_a_file(self) -> None:
        path = self.write(
            "extra_jobs.py",
            """
            from sidecast import job

            @job("extra.hello")
            def hello(ctx, name: str = "world") -> str:
                return f"hello {name}"
            """,
        )
        with SidecarProcess("--jobs", path, test_jobs=False) as sidecar:
            names = sidecar.job_type_names()
            self.assertEqual(names, [*BUILT_IN, "extra.hello"])
            job_id = sidecar.run("extra.hello", {"name": "you"})
            events = sidecar.finish(job_id)
            self.assertIn({"kind": "result", "value": "hello you"}, strip_ts(events))

    def test_loads_job_types_from_a_module_name(self) -> None:
        self.write("named_jobs.py", 'from sidecast import job\n\n@job("named.one")\ndef one(ctx): ...\n')
        with SidecarProcess("--jobs", "named_jobs", test_jobs=False, cwd=self.folder) as sidecar:
            names = sidecar.job_type_names()
            self.assertIn("named.one", names)

    def test_an_import_error_stops_start_up_with_the_traceback(self) -> None:
        path = self.write("broken_jobs.py", "import no_such_module_here\n")
        result = start_with(path)
        self.assert_refused(result, f"--jobs {path}: importing it failed", "no_such_module_here")

    def test_a_syntax_error_stops_start_up(self) -> None:
        path = self.write("syntax_jobs.py", "def broken(:\n")
        self.assert_refused(start_with(path), "importing it failed", "SyntaxError")

    def test_a_missing_file_or_module_stops_start_up(self) -> None:
        self.assert_refused(start_with("./nowhere/jobs.py"), "no such file")
        self.assert_refused(start_with("no_such_jobs_module"), "No module named")

    def test_a_duplicate_job_name_stops_start_up(self) -> None:
        path = self.write(
            "dupe_jobs.py",
            'from sidecast import job\n\n@job("demo.stream")\ndef mine(ctx): ...\n',
        )
        self.assert_refused(
            start_with(path), 'job type "demo.stream" is defined twice', "sidecast.jobs.stream"
        )

    def test_an_unsupported_parameter_type_stops_start_up(self) -> None:
        path = self.write(
            "typed_jobs.py",
            'from sidecast import job\n\n@job("typed.set")\ndef f(ctx, items: set): ...\n',
        )
        self.assert_refused(start_with(path), "parameter 'items'", "is not supported")


class ArgumentsTest(unittest.TestCase):
    def test_an_unknown_option_is_a_usage_error(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "sidecast", "--max-concurrency", "4"],
            cwd=PYTHON_DIR,
            capture_output=True,
            timeout=30,
        )
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"unrecognized arguments: --max-concurrency", result.stderr)

