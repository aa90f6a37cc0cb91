"""Telling JSON's types apart in decoded values: Python's `bool` is an `int` subclass, but
JSON's `true` is not a number."""

from typing import Any


def is_number(value: Any) -> bool:
    """Whether `value` decoded from a JSON number (int or float, never a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_int(value: Any) -> bool:
    """Whether `value` is a Python int that is not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)
