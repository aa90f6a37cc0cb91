"""Docstrings: the description, and each parameter's text in Google, NumPy or Sphinx style."""

from __future__ import annotations

import unittest

from sidecast.docstrings import Docstring, parse


def google(root: str, pattern: str = "*") -> None:
    """SHA-256 of every file.

    It reads each file once.

    Args:
        root: The folder
            to scan.
        pattern (str): A glob, e.g. ``**/*.py``.

    Returns:
        How many files there were.
    """


def numpy(root: str, pattern: str = "*") -> None:
    """SHA-256 of every file.

    Parameters
    ----------
    root : str
        The folder
        to scan.
    pattern : str, optional
        A glob.

    Returns
    -------
    int
    """


def sphinx(root: str, pattern: str = "*") -> None:
    """SHA-256 of every file.

    :param root: The folder
        to scan.
    :param str pattern: A glob.
    :returns: How many files there were.
    """


def bare(root: str) -> None:
    pass


class ParseTest(unittest.TestCase):
    def test_reads_google_style(self) -> None:
        self.assertEqual(
            parse(google),
            Docstring(
                "SHA-256 of every file.\n\nIt reads each file once.",
                {"root": "The folder to scan.", "pattern": "A glob, e.g. ``**/*.py``."},
            ),
        )

    def test_reads_numpy_style(self) -> None:
        self.assertEqual(
            parse(numpy),
            Docstring("SHA-256 of every file.", {"root": "The folder to scan.", "pattern": "A glob."}),
        )

    def test_reads_sphinx_style(self) -> None:
        self.assertEqual(
            parse(sphinx),
            Docstring("SHA-256 of every file.", {"root": "The folder to scan.", "pattern": "A glob."}),
        )

    def test_no_docstring_says_nothing(self) -> None:
        self.assertEqual(parse(bare), Docstring(None, {}))


if __name__ == "__main__":
    unittest.main()
