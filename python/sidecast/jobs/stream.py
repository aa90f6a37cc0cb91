"""`demo.stream`: numbered log lines at a steady rate, for demos, tests and benchmarks."""

from __future__ import annotations

import time
from typing import Annotated, Dict, Optional, Union

from sidecast import Context, Param, job


@job("demo.stream", title="Stream log lines")
def stream(
    ctx: Context,
    lines: Annotated[int, Param(minimum=0)] = 100,
    rate: Annotated[float, Param(minimum=0)] = 10.0,
    fail_at: Annotated[Optional[int], Param(minimum=1)] = None,
) -> Dict[str, Union[int, float]]:
    """Logs numbered lines at a steady rate, with progress along the way.

    Args:
        lines: How many lines to log.
        rate: Lines per second; 0 logs them as fast as possible.
        fail_at: Fail at this line, to see how a failed job looks.
    """
    progress_every = max(1, lines // 100)
    started = time.monotonic()
    for number in range(1, lines + 1):
        if rate:
            # Pace against the start time, not the previous line, so the rate does not drift.
            wait = started + (number - 1) / rate - time.monotonic()
            if wait > 0:
                ctx.sleep(wait)
        ctx.check_cancelled()
        if number == fail_at:
            raise RuntimeError(f"failed at line {number}, as asked (fail_at={fail_at})")
        ctx.log(f"line {number} of {lines}")
        if number % progress_every == 0 or number == lines:
            ctx.progress(number, lines)
    return {"lines": lines, "seconds": round(time.monotonic() - started, 3)}
