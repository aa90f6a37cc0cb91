"""report.html for `data.profile_csv`: one self-contained page, no scripts, no requests."""

from __future__ import annotations

from html import escape
from typing import Any, Dict, List

CHART_WIDTH = 240
CHART_HEIGHT = 60

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1f2328; }
table { border-collapse: collapse; }
th, td { padding: .35rem .75rem; border-bottom: 1px solid #d0d7de; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg rect { fill: #0969da; }
"""


def histogram_svg(counts: List[int], low: float, high: float) -> str:
    """A bar chart of `counts`, as inline SVG with a title per bar."""
    tallest = max(counts) or 1
    width = CHART_WIDTH / len(counts)
    step = (high - low) / len(counts)
    bars: List[str] = []
    for index, count in enumerate(counts):
        height = count / tallest * CHART_HEIGHT
        start = low + index * step
        bars.append(
            f'<rect x="{index * width:.2f}" y="{CHART_HEIGHT - height:.2f}" '
            f'width="{max(width - 1, 1):.2f}" height="{height:.2f}">'
            f"<title>{escape(format_number(start))} to {escape(format_number(start + step))}: "
            f"{count}</title></rect>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
        f'role="img" aria-label="histogram">{"".join(bars)}</svg>'
    )


def format_number(value: float) -> str:
    """A number short enough for a table cell."""
    return f"{value:.6g}"


def column_row(column: Dict[str, Any]) -> str:
    """One table row for one column."""
    numeric = "histogram" in column
    cells = [
        f"<th>{escape(column['name'])}</th>",
        f"<td>{escape(column['type'])}</td>",
        f'<td class="n">{column["nulls"]}</td>',
        f'<td class="n">{column["distinct"]}{"+" if column.get("distinctAtLeast") else ""}</td>',
    ]
    for key in ("min", "max", "mean"):
        value = format_number(column[key]) if numeric else ""
        cells.append(f'<td class="n">{value}</td>')
    histogram = column.get("histogram")
    chart = histogram_svg(histogram["counts"], histogram["min"], histogram["max"]) if histogram else ""
    cells.append(f"<td>{chart}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def render_html(report: Dict[str, Any]) -> str:
    """The whole page for a `profile_csv` report."""
    title = f"Profile of {report['file']}"
    rows = "\n".join(column_row(column) for column in report["columns"])
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p>{report['rows']} rows, {len(report['columns'])} columns, delimiter
<code>{escape(repr(report['delimiter']))}</code>.</p>
<table>
<thead><tr><th>Column</th><th>Type</th><th>Nulls</th><th>Distinct</th><th>Min</th><th>Max</th>
<th>Mean</th><th>Histogram</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
