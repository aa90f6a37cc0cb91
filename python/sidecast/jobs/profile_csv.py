"""`data.profile_csv`: what is in a CSV file, column by column, in two streaming passes."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

from sidecast import Context, Param, job

from .profile_report import render_html

NULL_TOKENS = {"", "na", "n/a", "null", "none", "nan"}
BOOLEAN_TOKENS = {"true", "false", "yes", "no"}
MAX_DISTINCT = 100_000
PROGRESS_EVERY_ROWS = 5_000
SNIFF_BYTES = 64 * 1024


def parse_number(text: str) -> Optional[float]:
    """`text` as a finite number, or `None`."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass
class Column:
    """What the first pass learns about one column."""

    name: str
    count: int = 0
    nulls: int = 0
    integers: int = 0
    numbers: int = 0
    booleans: int = 0
    total: float = 0.0
    low: float = math.inf
    high: float = -math.inf
    distinct: Set[str] = field(default_factory=lambda: set[str]())
    distinct_capped: bool = False
    histogram: List[int] = field(default_factory=lambda: list[int]())

    def add(self, raw: str) -> None:
        """Take one cell."""
        text = raw.strip()
        if text.lower() in NULL_TOKENS:
            self.nulls += 1
            return
        self.count += 1
        if not self.distinct_capped:
            self.distinct.add(text)
            self.distinct_capped = len(self.distinct) >= MAX_DISTINCT
        number = parse_number(text)
        if number is not None:
            self.numbers += 1
            self.integers += number.is_integer() and "." not in text and "e" not in text.lower()
            self.total += number
            self.low = min(self.low, number)
            self.high = max(self.high, number)
        elif text.lower() in BOOLEAN_TOKENS:
            self.booleans += 1

    @property
    def kind(self) -> str:
        """The narrowest type every non-null value fits: integer, number, boolean or text."""
        if self.count == 0:
            return "empty"
        if self.integers == self.count:
            return "integer"
        if self.numbers == self.count:
            return "number"
        if self.booleans == self.count:
            return "boolean"
        return "text"

    @property
    def numeric(self) -> bool:
        """Whether the column gets min/max/mean and a histogram."""
        return self.kind in ("integer", "number")

    def bin_of(self, number: float) -> int:
        """The histogram bin `number` falls in."""
        bins = len(self.histogram)
        if self.high == self.low:
            return 0
        return min(bins - 1, int((number - self.low) / (self.high - self.low) * bins))

    def summary(self) -> Dict[str, Any]:
        """The column's entry in report.json."""
        entry: Dict[str, Any] = {"name": self.name, "type": self.kind, "count": self.count}
        entry["nulls"] = self.nulls
        entry["distinct"] = len(self.distinct)
        if self.distinct_capped:
            entry["distinctAtLeast"] = True
        if self.numeric:
            entry.update(min=self.low, max=self.high, mean=self.total / self.count)
            entry["histogram"] = {"min": self.low, "max": self.high, "counts": self.histogram}
        return entry


def rows(path: Path, dialect: Any, on_bytes: Callable[[int], None]) -> Iterator[List[str]]:
    """The data rows of the file (after the header), reporting bytes read as it goes."""
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text, dialect)
        next(reader, None)
        for number, row in enumerate(reader, 1):
            if number % PROGRESS_EVERY_ROWS == 0:
                on_bytes(raw.tell())
            yield row


def sniff(path: Path, delimiter: Optional[str]) -> Tuple[Any, List[str]]:
    """The CSV dialect (the delimiter guessed unless given) and the header row."""
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as file:
        sample = file.read(SNIFF_BYTES)
    if delimiter is not None:
        dialect: Any = csv.excel()
        dialect.delimiter = delimiter
    else:
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel()
    no_header: List[str] = []
    header = next(csv.reader(io.StringIO(sample, newline=""), dialect), no_header)
    return dialect, header


@job("data.profile_csv", title="Profile a CSV file")
def profile_csv(
    ctx: Context,
    path: Path,
    delimiter: Annotated[Optional[str], Param(pattern="^.$")] = None,
    bins: Annotated[int, Param(minimum=1, maximum=200)] = 20,
) -> Dict[str, Any]:
    """Profiles a CSV file whose first row is its header: the row count and, per column,
    its inferred type, nulls, distinct values, and min/max/mean with a histogram for
    numbers. Writes report.json and a self-contained report.html.

    Args:
        path: The CSV file.
        delimiter: The character between fields; guessed from the file when not given.
        bins: Bars in each numeric column's histogram.
    """
    source = path.expanduser()
    if not source.is_file():
        raise FileNotFoundError(f"{str(path)!r} is not a file")
    size = max(1, source.stat().st_size)
    dialect, header = sniff(source, delimiter)
    columns = [Column(name or f"column {index + 1}") for index, name in enumerate(header)]
    ctx.log(f"{len(columns)} columns, delimiter {dialect.delimiter!r}")

    row_count = ragged = 0
    for row in rows(source, dialect, lambda done: ctx.progress(done / size * 50, 100, "reading")):
        ctx.check_cancelled()
        row_count += 1
        ragged += len(row) != len(columns)
        for column, cell in zip(columns, row):
            column.add(cell)
        for column in columns[len(row) :]:
            column.nulls += 1

    numeric = [(index, column) for index, column in enumerate(columns) if column.numeric]
    for _index, column in numeric:
        column.histogram = [0] * bins
    if numeric:

        def progress(done: int) -> None:
            ctx.progress(50 + done / size * 50, 100, "histograms")

        for row in rows(source, dialect, progress):
            ctx.check_cancelled()
            for index, column in numeric:
                number = parse_number(row[index].strip()) if index < len(row) else None
                if number is not None:
                    column.histogram[column.bin_of(number)] += 1

    report: Dict[str, Any] = {
        "file": source.name,
        "rows": row_count,
        "raggedRows": ragged,
        "delimiter": dialect.delimiter,
        "columns": [column.summary() for column in columns],
    }
    ctx.write_artifact("report.json", json.dumps(report, indent=2) + "\n")
    ctx.write_artifact("report.html", render_html(report))
    ctx.progress(100, 100, "done")
    return {
        "rows": row_count,
        "columns": [{"name": c.name, "type": c.kind, "nulls": c.nulls} for c in columns],
    }
