"""The job the emit benchmark runs: `ctx.log` in a tight loop."""

from sidecast import Context, job


@job("bench.emit")
def emit(ctx: Context, events: int) -> int:
    """Logs `events` short numbered lines as fast as the link takes them."""
    log = ctx.log
    for number in range(events):
        log(f"event {number}")
    return events
