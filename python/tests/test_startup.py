"""Starting the sidecar: `ready`, and refusing to start with broken job modules."""

from __future__ import annotations

import json
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
        self.assertEqual(
            stream["description"], "Logs numbered lines at a steady rate, with progress along the way."
        )
        self.assertEqual(
            stream["params"]["properties"]["fail_at"],
            {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": "Fail at this line, to see how a failed job looks.",
                "default": None,
            },
        )
        self.assertEqual(
            types["files.checksum"]["params"]["properties"]["root"],
            {"type": "string", "format": "path", "description": "The folder to read."},
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

    def assert_refused(
        self, result: subprocess.CompletedProcess[bytes], first_line: str, *more: str
    ) -> str:
        """The worker exits 1 having sent only `loadFailed`, whose message (also on stderr)
        starts with `first_line` and holds each of `more`; returns the message."""
        self.assertEqual(result.returncode, 1)
        lines = result.stdout.decode().splitlines()
        self.assertEqual(len(lines), 1, "one loadFailed message, no ready")
        message = json.loads(lines[0])
        self.assertEqual(message["type"], "loadFailed")
        text: str = message["message"]
        self.assertEqual(text.splitlines()[0], first_line)
        for expected in more:
            self.assertIn(expected, text)
        self.assertIn(f"sidecast: {text}", result.stderr.decode())
        return text

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

    def test_an_import_error_names_the_file_line_and_error_first(self) -> None:
        path = self.write("broken_jobs.py", "import os\nimport no_such_module_here\n")
        text = self.assert_refused(
            start_with(path),
            f"--jobs {path}: {path}, line 2: "
            "ModuleNotFoundError: No module named 'no_such_module_here'",
            "    import no_such_module_here",
            "--python .venv/bin/python",
        )
        self.assertNotIn("<frozen", text)

    def test_an_error_deeper_in_the_authors_code_shows_their_frames(self) -> None:
        self.write("helper_mod.py", "def helper():\n    raise ValueError('deep')\n")
        path = self.write("deep_jobs.py", "import helper_mod\nhelper_mod.helper()\n")
        text = self.assert_refused(
            start_with(path),
            f"--jobs {path}: {self.folder / 'helper_mod.py'}, line 2: ValueError: deep",
            f'File "{path}", line 2, in <module>',
        )
        self.assertNotIn("sidecast/loader.py", text)

    def test_a_syntax_error_names_the_line_and_shows_the_caret(self) -> None:
        path = self.write("syntax_jobs.py", "x = 1\ndef broken(:\n")
        text = self.assert_refused(start_with(path), f"--jobs {path}: {path}, line 2: SyntaxError: invalid syntax")
        self.assertIn("def broken(:", text)
        self.assertIn("^", text)

    def test_a_missing_file_or_module_stops_start_up(self) -> None:
        missing = Path("./nowhere/jobs.py")
        self.assert_refused(
            start_with(str(missing)), f"--jobs {missing}: no such file ({(PYTHON_DIR / missing).resolve()})"
        )
        self.assert_refused(
            start_with("no_such_jobs_module"),
            "--jobs no_such_jobs_module: ModuleNotFoundError: No module named 'no_such_jobs_module'",
            "Module names are looked up from the working directory",
        )

    def test_a_duplicate_job_name_names_both_definitions(self) -> None:
        path = self.write(
            "dupe_jobs.py",
            'from sidecast import job\n\n@job("demo.stream")\ndef mine(ctx): ...\n',
        )
        self.assert_refused(
            start_with(path),
            f'--jobs {path}: {path}, line 3: job type "demo.stream" is defined twice: '
            "by sidecast.jobs.stream.stream and by dupe_jobs.mine",
        )

    def test_an_unsupported_parameter_type_names_the_parameter(self) -> None:
        path = self.write(
            "typed_jobs.py",
            'from sidecast import job\n\n@job("typed.set")\ndef f(ctx, items: set): ...\n',
        )
        self.assert_refused(
            start_with(path),
            f"--jobs {path}: {path}, line 3: typed_jobs.f: parameter 'items': set is not "
            "supported; use str, int, float, bool, Literal[...], an Enum, pathlib.Path, "
            "list[...] or Optional[...]",
        )


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

