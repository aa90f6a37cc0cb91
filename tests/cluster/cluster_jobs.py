"""Jobs for the cluster tests: one that holds its hub's only slot for its type."""

from __future__ import annotations

from sidecast import Context, job


@job("cluster.one_at_a_time", concurrency=1)
def one_at_a_time(ctx: Context, seconds: float = 1.0) -> float:
    """Logs once a second for `seconds`; at most one runs at once on a hub."""
    waited = 0.0
    while waited < seconds:
        ctx.log(f"{waited:.0f} s")
        step = min(1.0, seconds - waited)
        ctx.sleep(step)
        waited += step
    return waited
