"""`demo.stream`: numbered log lines at a steady rate, for demos, tests and benchmarks."""

from __future__ import annotations

import time
from typing import Dict, Optional, Union

from sidecast import Context, job


@job("demo.stream", title="Stream log lines")
def stream(
    ctx: Context, lines: int = 100, rate: float = 10.0, fail_at: Optional[int] = None
) -> Dict[str, Union[int, float]]:
    """Logs `lines` numbered lines, `rate` per second (0 means as fast as possible), with
    progress along the way. Fails at line `fail_at` when one is given."""
    if lines < 0:
        raise ValueError(f"lines must be >= 0, got {lines}")
    if rate < 0:
        raise ValueError(f"rate must be >= 0 (0 means as fast as possible), got {rate}")
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
