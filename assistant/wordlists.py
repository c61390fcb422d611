"""Content word lists of the answer path, read from one data file, ``data/woerter.json``.

Each list there names where its words come from ("herkunft"): general German usage, never a
document of the corpus. A list of words is under "woerter"; a list of records (the fields of
work of the Maßnahmenübersicht, each with its stems) under "eintraege". The file is read once.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "woerter.json"


@cache
def _lists() -> dict[str, dict[str, Any]]:
    return json.loads(DATA.read_text(encoding="utf-8"))["lists"]


def words(name: str) -> tuple[str, ...]:
    """The words of list ``name``, in the file's order."""
    return tuple(_lists()[name]["woerter"])


def entries(name: str) -> list:
    """The records of list ``name`` (dicts, in the file's order; a copy, safe to change)."""
    return copy.deepcopy(_lists()[name]["eintraege"])
