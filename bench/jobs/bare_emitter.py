"""The source of the bare forwarder (`src/bare-forwarder.ts`): a job's stored lines, numbered
here and printed straight to stdout, flat out or paced at `rate` lines a second. No sidecar,
no protocol: the Python end of the physical limit."""

from __future__ import annotations

import sys
import time


def main() -> None:
    lines, rate = int(sys.argv[1]), float(sys.argv[2])
    out = sys.stdout
    started = time.monotonic()
    for number in range(1, lines + 1):
        if rate:
            wait = started + (number - 1) / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        out.write(
            '{"seq":%d,"ts":%r,"kind":"log","stream":"log","level":"info","text":"line %d of %d"}\n'
            % (number, time.time() * 1000, number, lines)
        )
        if rate:
            out.flush()
    out.write('{"seq":%d,"ts":%r,"kind":"status","state":"completed"}\n' % (lines + 1, time.time() * 1000))
    out.flush()


if __name__ == "__main__":
    main()
