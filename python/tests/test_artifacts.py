"""Artifact paths agree with the protocol's rules; writing one never escapes its folder."""

from __future__ import annotations

import os
import shutil
import tempfile
import unittest
from pathlib import Path

from sidecast.artifacts import ArtifactPathError, artifact_path_problem, write_artifact
from tests.protocol_files import fixture


class ArtifactPathProblemTest(unittest.TestCase):
    def test_accepts_every_valid_fixture(self) -> None:
        for case in fixture("artifact-path")["valid"]:
            with self.subTest(case["value"]):
                self.assertIsNone(artifact_path_problem(case["value"]))

    def test_refuses_every_invalid_string_fixture(self) -> None:
        cases = [c for c in fixture("artifact-path")["invalid"] if isinstance(c["value"], str)]
        self.assertGreaterEqual(len(cases), 10)
        for case in cases:
            with self.subTest(case["why"]):
                self.assertIsNotNone(artifact_path_problem(case["value"]))

    def test_bounds_the_length_of_the_path_and_of_each_segment(self) -> None:
        self.assertIsNone(artifact_path_problem("a" * 255))
        self.assertIn("segment", artifact_path_problem("a" * 256) or "")
        self.assertIn("1024", artifact_path_problem("/".join(["a" * 200] * 6)) or "")


class WriteArtifactTest(unittest.TestCase):
    def setUp(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="sidecast-artifacts-"))
        self.root = self.base / "job" / "artifacts"

    def tearDown(self) -> None:
        shutil.rmtree(self.base)

    def test_writes_nested_files_atomically_with_size_and_type(self) -> None:
        written = write_artifact(self.root, "reports/summary.html", "<p>é</p>")
        self.assertEqual(written.file, (self.root / "reports" / "summary.html").resolve())
        self.assertEqual(written.file.read_text(encoding="utf-8"), "<p>é</p>")
        self.assertEqual(written.size, len("<p>é</p>".encode()))
        self.assertEqual(written.content_type, "text/html; charset=utf-8")
        self.assertEqual([p.name for p in written.file.parent.iterdir()], ["summary.html"])

    def test_guesses_types_from_the_extension(self) -> None:
        self.assertEqual(write_artifact(self.root, "data.bin", b"\0").content_type, "application/octet-stream")
        self.assertEqual(write_artifact(self.root, "notes", "hi").content_type, "text/plain; charset=utf-8")
        self.assertEqual(write_artifact(self.root, "r.json", "{}").content_type, "application/json")
        self.assertEqual(write_artifact(self.root, "x.csv", b"a", "text/csv").content_type, "text/csv")

    def test_overwrites_an_earlier_artifact(self) -> None:
        write_artifact(self.root, "a.txt", "one")
        self.assertEqual(write_artifact(self.root, "a.txt", "two").file.read_text(), "two")

    def test_refuses_unsafe_paths_without_writing_anything(self) -> None:
        for path in ("../x", "/tmp/x", "a/../../x", "a\\b", "", "C:/x"):
            with self.subTest(path):
                with self.assertRaises(ArtifactPathError):
                    write_artifact(self.root, path, "x")
        self.assertEqual(list(self.base.rglob("x")), [])

    @unittest.skipIf(os.name == "nt", "symlinks need privileges on Windows")
    def test_refuses_to_follow_a_symlink_out_of_the_folder(self) -> None:
        outside = self.base / "outside"
        outside.mkdir()
        self.root.mkdir(parents=True)
        (self.root / "link").symlink_to(outside)
        (self.root / "file-link").symlink_to(outside / "target.txt")
        with self.assertRaisesRegex(ArtifactPathError, "leads outside"):
            write_artifact(self.root, "link/escaped.txt", "x")
        with self.assertRaisesRegex(ArtifactPathError, "not a regular file"):
            write_artifact(self.root, "file-link", "x")
        self.assertEqual(list(outside.iterdir()), [])


if __name__ == "__main__":
    unittest.main()
