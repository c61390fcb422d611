"""Tables that a PDF text extractor prints one cell per line.

pypdf prints many real tables (those drawn cell by cell) as a run of short lines: the
header cells, then per row a label followed by its numbers. This module finds such runs
and rebuilds the rows ("Ost | 49 | 54 | 92"), keeping the header and the table caption
("Tabelle 5.3: … 2023") with every row, because the caption often carries the year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_NUMBER = re.compile(r"^[-–+]?\d[\d.,]*\s?%?$|^[-–]$|^k\.\s?A\.$")
_CAPTION = re.compile(r"^(Tabelle|Tab\.|Übersicht)\s*\d", re.I)
_MAX_CELL = 40
_MIN_RUN = 9


@dataclass(frozen=True)
class CellTable:
    header: str
    rows: tuple[str, ...]


def _is_cell(line: str) -> bool:
    """Short, and not the end of a sentence (abbreviations like "J." or "Ø" are fine)."""
    if not 0 < len(line) <= _MAX_CELL or line.endswith((";", "!", "?")):
        return False
    return not line.endswith(".") or bool(re.search(r"(^|\s)\S{1,4}\.$", line))


def _rows(run: list[str]) -> tuple[list[str], list[str]] | None:
    """Split a run into header lines and rows of label + k numbers, or None."""
    numeric = [bool(_NUMBER.match(x)) for x in run]
    groups: list[tuple[int, int]] = []  # (label index, count of numbers after it)
    i = 0
    while i < len(run):
        if not numeric[i]:
            j = i + 1
            while j < len(run) and numeric[j]:
                j += 1
            if j - i - 1 >= 2:
                groups.append((i, j - i - 1))
            i = j
        else:
            i += 1
    if len(groups) < 2:
        return None
    k, _ = Counter(n for _, n in groups).most_common(1)[0]
    body = [(i, n) for i, n in groups if n == k]
    if len(body) < 2:
        return None
    first = body[0][0]
    rows = [" | ".join([run[i], *run[i + 1:i + 1 + k]]) for i, _ in body]
    return run[:first], rows


def find_tables(lines: list[str]) -> list[str | CellTable]:
    """Replace one-cell-per-line runs (with their caption) by ``CellTable`` items."""
    out: list[str | CellTable] = []
    i = 0
    stripped = [ln.strip() for ln in lines]
    while i < len(lines):
        j = i
        while j < len(lines) and _is_cell(stripped[j]):
            j += 1
        run = stripped[i:j]
        numbers = sum(bool(_NUMBER.match(x)) for x in run)
        parsed = _rows(run) if len(run) >= _MIN_RUN and numbers >= 0.4 * len(run) else None
        if parsed is None:
            out.append(lines[i])
            i += 1
            continue
        header_lines, rows = parsed
        caption: list[str] = []
        if j < len(lines) and _CAPTION.match(stripped[j]):
            caption.append(stripped[j])
            j += 1
            # continuation lines of the caption are short ("Einwohnermelderegister")
            while j < len(lines) and 0 < len(stripped[j]) <= 45 and len(caption) < 3 \
                    and not caption[-1].endswith("."):
                caption.append(stripped[j])
                j += 1
        elif out and isinstance(out[-1], str) and _CAPTION.match(out[-1].strip()):
            caption.append(out.pop().strip())
        header = " ".join([*caption, " ".join(header_lines)]).strip()
        out.append(CellTable(header=header, rows=tuple(rows)))
        i = j
    return out
