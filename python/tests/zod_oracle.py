"""Judging sidecar output with the protocol package's zod schemas, through Node."""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import threading
from pathlib import Path
from typing import List, Optional

CHECKER = Path(__file__).with_name("check_outbound.mjs")


class ZodOracle:
    """One long-lived `node check_outbound.mjs`, shared by every test in the run."""

    _shared: Optional[ZodOracle] = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("these tests need Node.js to check output against the zod schemas")
        self._process = subprocess.Popen(
            [node, str(CHECKER)],
            cwd=CHECKER.parent,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._lock = threading.Lock()
        atexit.register(self.close)

    @classmethod
    def shared(cls) -> ZodOracle:
        """The oracle of this test run, started on first use."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = ZodOracle()
            return cls._shared

    def rejections(self, lines: List[bytes]) -> List[str]:
        """`line -> reason` for each line zod refuses as a `SidecarOutbound`."""
        assert self._process.stdin is not None and self._process.stdout is not None
        stdin, stdout = self._process.stdin, self._process.stdout
        with self._lock:

            def feed() -> None:
                for line in lines:
                    stdin.write(line.rstrip(b"\n") + b"\n")
                stdin.flush()

            # Written from a thread so that neither pipe fills up while the other waits.
            feeder = threading.Thread(target=feed)
            feeder.start()
            failures: List[str] = []
            for line in lines:
                answer = stdout.readline()
                if not answer:
                    stderr = self._process.stderr.read().decode() if self._process.stderr else ""
                    raise RuntimeError(
                        "the zod checker stopped; is @sidecast/protocol built "
                        f"(pnpm --filter @sidecast/protocol build)?\n{stderr}"
                    )
                verdict = json.loads(answer)
                if not verdict["ok"]:
                    failures.append(f"{line[:300]!r} -> {verdict['message']}")
            feeder.join()
            return failures

    def close(self) -> None:
        """Stop the checker."""
        if self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            self._process.wait(5)
