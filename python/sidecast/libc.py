"""The C library, loaded once: `find_library` can run a subprocess (`ldconfig`, a compiler)
to find it, which is no price to pay per job."""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Optional


def _load() -> Optional[ctypes.CDLL]:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    except OSError:
        return None


LIBC: Optional[ctypes.CDLL] = _load()
"""libc, or `None` where it cannot be loaded (then what needs it is skipped)."""
