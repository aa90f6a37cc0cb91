"""Locating and reading the protocol package's generated files from Python."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, cast

PROTOCOL_DIR = Path(__file__).resolve().parents[2] / "packages" / "protocol"
FIXTURES_DIR = PROTOCOL_DIR / "fixtures"
SCHEMA_DIR = PROTOCOL_DIR / "schema"

JsonObject = Dict[str, Any]


def read_json(path: Path) -> Any:
    """Decode one JSON file as UTF-8."""
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def constants() -> JsonObject:
    """The protocol version, limits, patterns and enumerations (schema/constants.json)."""
    return cast(JsonObject, read_json(SCHEMA_DIR / "constants.json"))


def fixture_names() -> List[str]:
    """The published schema names that have a fixture file, e.g. `client-message`."""
    return sorted(path.stem for path in FIXTURES_DIR.glob("*.json"))


def fixture(name: str) -> JsonObject:
    """One fixture file: `{description, valid: [{name, value}], invalid: [{name, why, value}]}`."""
    return cast(JsonObject, read_json(FIXTURES_DIR / f"{name}.json"))


def schema(name: str) -> JsonObject:
    """One exported JSON Schema (schema/<name>.schema.json)."""
    return cast(JsonObject, read_json(SCHEMA_DIR / f"{name}.schema.json"))
