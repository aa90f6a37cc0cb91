"""A job function's docstring: the description, and what it says of each parameter.

Google style (`Args:` then `name: text` or `name (type): text`, continued on more-indented
lines), NumPy style (`Parameters`, a dashed line, then `name : type` with the text indented
below) and Sphinx style (`:param name: text` or `:param type name: text`) are read. The
description is everything before the first section (`Args:`, `Returns:`, `Parameters`,
`:param …`), paragraphs kept and their source line breaks removed.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

GOOGLE_ARGS = re.compile(r"^(Args|Arguments|Parameters|Params|Keyword Args|Kwargs):\s*$")
GOOGLE_SECTION = re.compile(
    r"^(Args|Arguments|Parameters|Params|Keyword Args|Kwargs|Returns?|Yields?|Raises|"
    r"Examples?|Notes?|Attributes|See Also|Warnings?|Todo):\s*$"
)
GOOGLE_ENTRY = re.compile(r"^\**(\w+)(\s*\([^)]*\))?\s*:\s*(.*)$")
NUMPY_RULE = re.compile(r"^-{3,}\s*$")
NUMPY_ENTRY = re.compile(r"^(\w+)\s*(:.*)?$")
SPHINX_FIELD = re.compile(r"^:(\w+)((?:\s+[^\s:]+)*):\s*(.*)$")


@dataclass(frozen=True)
class Docstring:
    """What a docstring says: the description and per-parameter text."""

    description: Optional[str]
    params: Dict[str, str]


def _join(lines: List[str]) -> str:
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip())
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _section_start(lines: List[str], index: int) -> bool:
    line = lines[index].strip()
    if GOOGLE_SECTION.match(line) or SPHINX_FIELD.match(line):
        return True
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return bool(line) and NUMPY_RULE.match(following) is not None


def _google(lines: List[str], start: int, params: Dict[str, str]) -> None:
    base: Optional[int] = None
    current: Optional[str] = None
    for line in lines[start:]:
        if not line.strip():
            continue
        indent = _indent(line)
        if indent == 0:
            return  # the next section
        if base is None:
            base = indent
        entry = GOOGLE_ENTRY.match(line.strip()) if indent <= base else None
        if entry is not None:
            name: str = entry.group(1)
            params[name] = entry.group(3).strip()
            current = name
        elif current is not None:
            params[current] = f"{params[current]} {line.strip()}".strip()


def _numpy(lines: List[str], start: int, params: Dict[str, str]) -> None:
    current: Optional[str] = None
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _indent(line) == 0:
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if NUMPY_RULE.match(following.strip()):
                return  # the next section
            entry = NUMPY_ENTRY.match(line.strip())
            current = None if entry is None else entry.group(1)
            if current is not None:
                params[current] = ""
        elif current is not None:
            params[current] = f"{params[current]} {line.strip()}".strip()


def _sphinx(lines: List[str], params: Dict[str, str]) -> None:
    current: Optional[str] = None
    for line in lines:
        field = SPHINX_FIELD.match(line.strip())
        if field is not None:
            words = field.group(2).split()
            is_param = field.group(1) in ("param", "parameter", "arg") and words
            current = words[-1] if is_param else None
            if current is not None:
                params[current] = field.group(3).strip()
        elif current is not None and line.strip() and _indent(line) > 0:
            params[current] = f"{params[current]} {line.strip()}".strip()
        elif not line.strip():
            current = None


def parse(function: Callable[..., Any]) -> Docstring:
    """The docstring of `function`, read (none at all gives no description, no params)."""
    doc = inspect.getdoc(function)
    if not doc:
        return Docstring(None, {})
    lines = doc.splitlines()
    end = next((i for i in range(len(lines)) if _section_start(lines, i)), len(lines))
    params: Dict[str, str] = {}
    for index in range(end, len(lines)):
        line = lines[index].strip()
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if GOOGLE_ARGS.match(line):
            _google(lines, index + 1, params)
        elif line in ("Parameters", "Other Parameters") and NUMPY_RULE.match(following):
            _numpy(lines, index + 2, params)
    _sphinx(lines[end:], params)
    description = _join(lines[:end])
    return Docstring(description or None, {name: text for name, text in params.items() if text})
