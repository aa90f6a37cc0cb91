"""How fast a job's events leave the sidecar, and how fast the sidecar starts.

Runs the real sidecar as a subprocess and drains its stdout as the hub would:

- `ctx.log` events/s from a tight loop (`bench.emit`) and from `demo.stream` at rate 0,
  counted in the reader from the job's `running` line to its `completed` line;
- spawn-to-ready: from starting the process to reading its `ready` line, for
  `python3 -m sidecast` and for the `.pyz` (when `dist/sidecast.pyz` has been built).

Medians of `--runs` runs. `--json PATH` also writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
EMIT_JOBS = Path(__file__).with_name("emit_jobs.py")
PYZ = ROOT / "dist" / "sidecast.pyz"
MODULE = [sys.executable, "-m", "sidecast"]


def spawn(command: List[str]) -> subprocess.Popen[bytes]:
    """Start a sidecar the way the hub does, with its stdout as a pipe."""
    return subprocess.Popen(
        [*command, "--jobs", str(EMIT_JOBS)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        bufsize=0,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Close stdin (the sidecar exits on EOF) and reap it."""
    assert process.stdin is not None
    process.stdin.close()
    process.wait(10)


def events_per_second(job_type: str, params: Dict[str, Any], expected: int) -> float:
    """Log events per second one job gets through the link, with the pipe drained."""
    process = spawn(MODULE)
    assert process.stdin is not None and process.stdout is not None
    fd = process.stdout.fileno()
    pending = b""
    while b"\n" not in pending:
        pending += os.read(fd, 1 << 16)
    run = {"type": "run", "jobId": "bench", "jobType": job_type, "params": params, "artifactsDir": "/tmp/sidecast-bench"}
    process.stdin.write(json.dumps(run).encode() + b"\n")
    started: Optional[float] = None
    count = 0
    partial = b""
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise RuntimeError("the sidecar exited before the job completed")
        # Look only at whole lines, so that no marker is split across two reads.
        end = chunk.rfind(b"\n") + 1
        lines, partial = partial + chunk[:end], chunk[end:] if end else partial + chunk
        if not end:
            continue
        if started is None and b'"state":"running"' in lines:
            started = time.perf_counter()
        count += lines.count(b'"kind":"log"')
        if b'"state":"completed"' in lines or b'"state":"failed"' in lines:
            break
    elapsed = time.perf_counter() - (started or 0)
    stop(process)
    if count != expected:
        raise RuntimeError(f"expected {expected} log events, counted {count}")
    return count / elapsed


def spawn_to_ready_ms(command: List[str]) -> float:
    """Milliseconds from starting the process to reading its `ready` line."""
    began = time.perf_counter()
    process = spawn(command)
    assert process.stdout is not None
    if not process.stdout.readline().startswith(b'{"type":"ready"'):
        raise RuntimeError("the first line was not ready")
    took = (time.perf_counter() - began) * 1000
    stop(process)
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="events per emit run")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (medians reported)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    figures: Dict[str, float] = {}
    emit = [events_per_second("bench.emit", {"events": args.events}, args.events) for _ in range(args.runs)]
    figures["ctx.log events/s (tight loop)"] = statistics.median(emit)
    stream_params = {"lines": args.events, "rate": 0}
    stream = [events_per_second("demo.stream", stream_params, args.events) for _ in range(args.runs)]
    figures["demo.stream rate=0 log events/s"] = statistics.median(stream)
    spawns = max(args.runs, 11)
    figures["spawn-to-ready ms (python3 -m sidecast)"] = statistics.median(
        spawn_to_ready_ms(MODULE) for _ in range(spawns)
    )
    if PYZ.exists():
        figures["spawn-to-ready ms (sidecast.pyz)"] = statistics.median(
            spawn_to_ready_ms([sys.executable, str(PYZ)]) for _ in range(spawns)
        )

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"sidecar emit benchmark: medians of {args.runs} runs ({spawns} for spawns); {machine}")
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        print(f"  {name:<{width}}  {value:>12,.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": machine, "runs": args.runs, "figures": figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
