"""A CPU-bound job for the `parallel` benchmark: a fixed amount of pure-Python work."""

from sidecast import Context, job


@job("bench.spin")
def spin(ctx: Context, rounds: int = 10_000_000) -> int:
    """Sums `rounds` integers in a Python loop: all GIL, no I/O."""
    total = 0
    for number in range(rounds):
        total += number % 7
    return total
