"""Table cells that pypdf prints one per line, without ruling lines (``pdftables`` puts
them together): which lines are cells, how a run of them splits into a header and rows of
a label and its figures ("Ost | 49 | 54 | 92"), and the table's caption printed over or
under it ("Tabelle 5.3: … 2023", with its source line)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass

NUMBER = re.compile(r"^[-–+]?\d[\d.,]*\s?%?$|^[-–]$|^k\.\s?A\.$")
CAPTION = re.compile(r"^(Tabelle|Tab\.|Übersicht)\s*\d", re.I)
# "Quelle: Einwohnermelderegister", also after the caption's last words on the same line
_SOURCE_NOTE = re.compile(r"(^|\s)(Quellen?|Anmerkungen?|Anm\.|Lesehilfe)\s*:")
MAX_CELL = 40
MIN_RUN = 9


@dataclass(frozen=True)
class CellTable:
    header: str
    rows: tuple[str, ...]


def is_cell(line: str) -> bool:
    """Short, and not the end of a sentence (abbreviations like "J." or "Ø" are fine)."""
    if not 0 < len(line) <= MAX_CELL or line.endswith((";", "!", "?")):
        return False
    return not line.endswith(".") or bool(re.search(r"(^|\s)\S{1,4}\.$", line))


def label_rows(run: list[str]) -> tuple[list[str], list[str]] | None:
    """Split a run into header lines and rows of label + k numbers, or None."""
    numeric = [bool(NUMBER.match(x)) for x in run]
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


def caption_after(stripped: list[str], j: int, typical: int, stop: Container[int] = ()
                  ) -> list[str]:
    """The caption printed under a table at line ``j``: a wrapped line goes on with a short
    one, which ends it; an unfinished one ("… (Stichtag") goes on; a line with a source
    note ("… Quelle: Einwohnermelderegister") belongs to it."""
    if j >= len(stripped) or not CAPTION.match(stripped[j]):
        return []
    caption = [stripped[j]]
    while len(caption) < 3:
        at = j + len(caption)
        nxt = stripped[at] if at < len(stripped) else ""
        if not nxt or at in stop or CAPTION.match(nxt):
            break
        wrapped = len(caption[-1]) >= 0.75 * typical
        # "… (Stichtag" + "15.10.2023). Quelle: …": the caption is visibly unfinished
        unfinished = caption[-1].count("(") > caption[-1].count(")") or \
            nxt[:1].islower() or nxt[:1].isdigit()
        if not (_SOURCE_NOTE.search(nxt) or unfinished
                or (wrapped and len(nxt) < 0.75 * typical)):
            break
        caption.append(nxt)
    return caption


def caption_before(out: list[str | CellTable], stripped: list[str], i: int, typical: int
                   ) -> list[str]:
    """The caption printed over a table that starts at line ``i``, taken off ``out``: it
    may wrap over up to three lines ("Tabelle 3: … nach Stadtbezirk und" + "Altersgruppe")."""
    for start in (i - 3, i - 2):
        above = caption_after(stripped, start, typical) if start >= 0 else []
        n = len(above)
        if n and start + n == i and len(out) >= n and all(isinstance(x, str) for x in out[-n:]):
            del out[-n:]
            return above
    if out and isinstance(out[-1], str) and CAPTION.match(out[-1].strip()):
        return [str(out.pop()).strip()]
    return []
