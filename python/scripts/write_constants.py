"""Write `sidecast/constants.py` from the protocol package's `schema/constants.json`.

The sidecar must run from a single `.pyz` file with no access to the protocol package, so
the values are generated into Python source and a test fails when they go stale:

    python3 scripts/write_constants.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "packages" / "protocol" / "schema" / "constants.json"
TARGET = ROOT / "sidecast" / "constants.py"

HEADER = '''"""Protocol constants shared with the hub (generated; do not edit).

Source: packages/protocol/schema/constants.json. Regenerate with
`python3 scripts/write_constants.py` from the python/ folder.
"""

from typing import Final, Tuple
'''


def screaming_snake(camel: str) -> str:
    """`maxLineBytes` -> `MAX_LINE_BYTES`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", camel).upper()


def render(constants: Dict[str, Any]) -> str:
    """The text of `constants.py` for `constants`."""
    lines: List[str] = [HEADER, f"PROTOCOL_VERSION: Final = {constants['protocolVersion']!r}", ""]
    for name, value in constants["limits"].items():
        lines.append(f"{screaming_snake(name)}: Final = {value!r}")
    lines.append("")
    for name, pattern in constants["patterns"].items():
        lines.append(f"{screaming_snake(name)}_PATTERN: Final = {pattern!r}")
    lines.append("")
    for key in ("jobStates", "terminalStates", "eventKinds", "logStreams", "logLevels"):
        values = tuple(constants[key])
        lines.append(f"{screaming_snake(key)}: Final[Tuple[str, ...]] = {values!r}")
    lines.append("")
    for name, value in constants["runtimeDataNames"].items():
        lines.append(f"{screaming_snake(name)}_DATA_NAME: Final = {value!r}")
    return "\n".join(lines) + "\n"


def expected() -> str:
    """What `constants.py` should contain for the current protocol package."""
    with SOURCE.open(encoding="utf-8") as file:
        return render(json.load(file))


def main() -> int:
    TARGET.write_text(expected(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
