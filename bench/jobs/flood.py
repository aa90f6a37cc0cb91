"""Jobs only the benchmark runs (`sidecast --jobs bench/jobs/flood.py`)."""

import sys

from sidecast import Context, job


@job("bench.flood")
def flood(ctx: Context, megabytes: int = 300, line_chars: int = 8191) -> int:
    """Print `megabytes` MB of output, as fast as it can, in lines of `line_chars` characters."""
    line = "x" * line_chars + "\n"
    total = megabytes * 1_000_000
    written = 0
    while written < total:
        sys.stdout.write(line)
        written += len(line)
    return written
