"""Tables that a PDF text extractor prints one cell per line.

pypdf prints many real tables (those drawn cell by cell) as a run of short lines: the
header cells, then per row a label followed by its numbers. This module rebuilds them:

- tables drawn with ruling lines are read from the page's geometry by pdfplumber, which
  keeps cells whose text wraps over several lines ("Zugang zu Kita oder / Brückenangebot
  …") together; their rows read like a spreadsheet's ("Handlungsfeld: Elternarbeit |
  Stand 2023: teilweise erreicht");
- other runs of a label followed by numbers become rows ("Ost | 49 | 54 | 92").

Either way the table caption ("Tabelle 5.3: … 2023", with its source line) is kept with
every row, because the caption often carries the year. Cells printed one per line and
captions: ``pdfcells``.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from assistant.ingest.pdfcells import (
    CAPTION,  # noqa: F401 - still importable from here
    MAX_CELL,
    MIN_RUN,
    NUMBER,
    CellTable,
    caption_after,
    caption_before,
    is_cell,
    label_rows,
)

log = logging.getLogger(__name__)


# a table drawn with ruling lines: rows of cells as pdfplumber reads them ("" for none)
Grid = tuple[tuple[str, ...], ...]
# "Bildungs- und …", "ein- bis zweimal", "Kinder- u. Jugendhilfe": the hyphen and space stay
_KEEP_HYPHEN_BEFORE = {"und", "oder", "bzw", "sowie", "als", "wie", "bis", "u", "od"}
_INLINE_BREAK = re.compile(r"(?<=[^\W\d_]{2})- ([a-zäöüß]+)")


def hyphen_join(left: str, right: str) -> bool:
    """True where a line ending in "Integra-" goes on with "tion …": the hyphen is a break."""
    first = right.split(" ", 1)[0]
    return (left.endswith("-") and len(left) > 1 and left[-2].isalpha()
            and first[:1].islower() and first.rstrip(",.;:").lower() not in _KEEP_HYPHEN_BEFORE)


def join_word(left: str, right: str) -> str | None:
    """``left`` and ``right`` as one text where a line break falls inside a word:
    "Integra-" + "tion" → "Integration", "Kita-" + "Träger" → "Kita-Träger" (a compound
    keeps its hyphen); None where the break falls between words ("Bildungs-" + "und")."""
    if hyphen_join(left, right):
        return left[:-1] + right
    if left.endswith("-") and len(left) > 1 and left[-2].isalnum() and right[:1].isupper():
        return left + right
    return None


def inline_breaks(text: str) -> str:
    """Line-end hyphens that the extractor left inside a line, because it put two lines
    into one: "Schrift- satz" → "Schriftsatz"; "Bildungs- und …" stays."""
    return _INLINE_BREAK.sub(
        lambda m: m.group(0) if m.group(1) in _KEEP_HYPHEN_BEFORE else m.group(1), text)


def may_hold_table(lines: list[str], run: int = 5, short: int = 40) -> bool:
    """A run of ``run`` short lines (cells printed one per line): worth asking pdfplumber
    for ruled tables; pages of prose are not read twice."""
    count = 0
    for ln in lines:
        count = count + 1 if 0 < len(ln.strip()) <= short else 0
        if count >= run:
            return True
    return False


def _squash(text: str) -> str:
    return "".join(text.split())


def cell_text(raw: str | None) -> str:
    """One line for a cell that wraps: "Kita-" + "Träger" → "Kita-Träger", "Integra-" +
    "tion" → "Integration", "Vorbereitungs-/" + "Auffangklassen" stay joined."""
    out = ""
    for line in (raw or "").split("\n"):
        line = line.strip()
        if not line:
            continue
        joined = join_word(out, line) if out else None
        if joined is not None:
            out = joined
        elif out.endswith("/") and not out.endswith(" /"):
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def grid_rows(grid: Grid) -> tuple[str, tuple[str, ...]]:
    """Header line and rows of a ruled table. A table of figures keeps the compact form of
    the other tables ("Ost | 31 | 38", its header stands above every chunk); where the
    cells are words, each row names its columns like a spreadsheet's ("Handlungsfeld:
    Elternarbeit | Zuständigkeit: KI, VHS")."""
    header = [cell_text(c) for c in grid[0]]
    body = [[cell_text(c) for c in raw] for raw in grid[1:]]
    values = [v for cells in body for v in cells[1:] if v]
    figures = sum(bool(NUMBER.match(v)) for v in values) >= 0.5 * len(values)
    rows = []
    for cells in body:
        if figures:
            shown = [v or "–" for v in cells]
        else:
            shown = [f"{h}: {v}" if h else v for h, v in zip(header, cells) if v]
        if any(v.strip("–") for v in shown):
            rows.append(" | ".join(shown))
    return " | ".join(h for h in header if h), tuple(rows)


class _Found(NamedTuple):
    rows: Grid
    columns: tuple[float, ...]  # the cells' left edges
    top: float  # share of the page height above the table
    bottom: float  # share of the page height above its last line


def ruled_tables(path: Path, pages: Iterable[int]) -> dict[int, list[Grid]]:
    """Tables drawn with ruling lines on the given pages (0-based), read by pdfplumber from
    the page geometry. A page that pdfplumber cannot read keeps pypdf's text only.

    A table that runs over a page break without repeating its header ("Maßnahme | Träger"
    at the foot of one page, the rows at the top of the next, in the same columns) gets
    the header back on the next page; the page before a page with a table is read too."""
    found: dict[int, list[_Found]] = {}
    pages = sorted(set(pages) | {i - 1 for i in pages if i > 0})
    if not pages:
        return {}
    try:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for i in pages:
                page = pdf.pages[i]
                grids = []
                for table in page.find_tables():
                    rows = tuple(tuple(c or "" for c in row) for row in table.extract())
                    rows = tuple(r for r in rows if any(c.strip() for c in r))
                    if rows and max(len(r) for r in rows) >= 2:
                        columns = tuple(round(c[0], 1) for c in table.rows[0].cells if c)
                        grids.append(_Found(rows, columns, table.bbox[1] / page.height,
                                            table.bbox[3] / page.height))
                page.close()  # a long report must not keep every page's layout in memory
                if grids:
                    found[i] = grids
    except Exception as exc:  # noqa: BLE001 - tables are a refinement, never a failure
        log.warning("Tabellen nicht gelesen in %s: %s", path, exc)
    for i in sorted(found):
        before, first = found.get(i - 1, [None])[-1], found[i][0]
        if (before and first.top < 0.3 and before.bottom > 0.6
                and len(before.columns) == len(first.columns)
                and all(abs(a - b) <= 3 for a, b in zip(before.columns, first.columns))
                and first.rows[0] != before.rows[0]):
            found[i][0] = first._replace(rows=(before.rows[0], *first.rows))
            if len(before.rows) == 1:  # a header alone: its line goes with the rows
                found[i - 1][-1] = before._replace(rows=(before.rows[0], ()))
    return {i: [g.rows for g in grids if len(g.rows) >= 2] for i, grids in found.items()}


def _window(keys: Sequence[str], grid: Grid) -> tuple[int, int] | None:
    """Where the page's lines (squashed) print ``grid``'s cells: the first run of lines
    that are all its cell lines (or whole rows) and covers 80 % of its text."""
    cells = Counter(_squash(ln) for row in grid for c in row for ln in c.split("\n")
                    if ln.strip())
    rows = Counter(_squash("".join(row)) for row in grid)
    total = sum(len(k) * n for k, n in cells.items())
    for a, key in enumerate(keys):
        if key not in cells and key not in rows and not _cells_of(key, cells.copy()):
            continue
        left_cells, left_rows, b, covered = cells.copy(), rows.copy(), a, 0
        while b < len(keys):
            k = keys[b]
            if left_cells[k] > 0:
                left_cells[k] -= 1
            elif left_rows[k] > 0:
                left_rows[k] -= 1
            elif not _cells_of(k, left_cells):
                break
            covered += len(k)
            b += 1
        if covered >= 0.8 * total:
            return a, b
    return None


def _cells_of(key: str, left: Counter[str], depth: int = 0) -> bool:
    """Whether the line ``key`` is the last line of one cell and the first of the next
    ones, printed side by side ("Familienzentrum Süd 25": two cells of a row); the cell
    lines it uses are taken from ``left``."""
    if not key:
        return depth >= 2
    if depth >= 8:
        return False
    for cell in [c for c, n in left.items() if n > 0 and c and key.startswith(c)]:
        left[cell] -= 1
        if _cells_of(key[len(cell):], left, depth + 1):
            return True
        left[cell] += 1
    return False


def find_tables(lines: list[str], grids: Sequence[Grid] = ()) -> list[str | CellTable]:
    """Replace the lines of ruled tables (``grids``, from ``ruled_tables``) and other
    one-cell-per-line runs (with their caption) by ``CellTable`` items."""
    stripped = [ln.strip() for ln in lines]
    # the width of a full line of prose (cells are not lines of text)
    widths = sorted(len(s) for s in stripped if len(s) > MAX_CELL)
    typical = widths[int(0.8 * (len(widths) - 1))] if widths else 80
    keys = [_squash(s) for s in stripped]
    placed: dict[int, tuple[int, str, tuple[str, ...]]] = {}  # start → (end, header, rows)
    for grid in grids:
        where = _window(keys, grid)
        if where and not any(a < where[1] and where[0] < e for a, (e, _, _) in placed.items()):
            placed[where[0]] = (where[1], *grid_rows(grid))
    out: list[str | CellTable] = []
    i = 0
    while i < len(lines):
        if i in placed:
            j, header_line, rows = placed[i]
        else:
            j = i
            while j < len(lines) and j not in placed and is_cell(stripped[j]):
                j += 1
            run = stripped[i:j]
            numbers = sum(bool(NUMBER.match(x)) for x in run)
            parsed = label_rows(run) if len(run) >= MIN_RUN and numbers >= 0.4 * len(run) \
                else None
            if parsed is None:
                out.append(lines[i])
                i += 1
                continue
            header_line, rows = " ".join(parsed[0]), tuple(parsed[1])
        caption = caption_after(stripped, j, typical, placed)
        j += len(caption)
        if not caption:
            caption = caption_before(out, stripped, i, typical)
        header = " ".join([*caption, header_line]).strip()
        out.append(CellTable(header=header, rows=tuple(rows)))
        i = j
    return out
