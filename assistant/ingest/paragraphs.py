"""The lines of a PDF page as paragraphs, headings and table rows.

pypdf gives a page as lines. Wrapped lines are joined into paragraphs (hyphenation undone
by ``pdftables.join_word``), headings are spotted by number and font (``pdfstyle``), list
items start paragraphs of their own and end where their line ends, rows of figures and the
page's ruled tables (``pdftables``) become tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from assistant.ingest.pdfcells import CAPTION, CellTable
from assistant.ingest.pdfstyle import Outline, Style, numbered_heading
from assistant.ingest.pdftables import Grid, find_tables, inline_breaks, join_word
from assistant.text import MONTHS

_BULLET = re.compile(r"^[\x7f\uf0a7\uf0b7\uf0d8\uf076\uf0fc•▪◦●○■□➢►✓–*-]\s+")


_DATE = re.compile(rf"\b\d{{1,2}}\.\s?({MONTHS})(\s\d{{4}})?\b", re.IGNORECASE)


def _is_row(line: str) -> bool:
    """A table row as pypdf prints it: mostly numbers, no sentence at the end. A date
    ("12. März 2024") is one value, not two figures."""
    tokens = _DATE.sub("Datum", line).split()
    nums = [t for t in tokens if re.fullmatch(r"[-–+]?\d[\d.,]*%?|%|[-–]", t)]
    return (len(nums) >= 2 and len(nums) >= 0.3 * len(tokens)
            and not line.endswith((".", ":", ";")) and len(line) < 160)


class Piece(NamedTuple):
    kind: str  # "heading", "text" or "table"
    text: str  # for a table its header line
    rows: tuple[str, ...] = ()
    style: Style | None = None  # of a heading set in a font rather than numbered


def _next_is_row(items: list, k: int) -> bool:
    rest = [x for x in items[k:k + 3] if not isinstance(x, str) or x.strip()]
    return bool(rest) and isinstance(rest[0], str) and _is_row(rest[0].strip())


def join_lines(lines: list[str], grids: Sequence[Grid] = (), outline: Outline | None = None
                ) -> list[Piece]:
    """Join wrapped lines into paragraphs, spot headings (``pdfstyle``) and table rows
    (``grids``: the page's ruled tables, see ``pdftables``)."""
    return _Joiner(lines, outline or Outline()).read(find_tables(lines, grids))


class _Joiner:
    """A page's lines being joined: the pieces so far, the paragraph and the table rows
    being read."""

    def __init__(self, lines: list[str], outline: Outline) -> None:
        self.outline = outline
        self.out: list[Piece] = []
        self.buf: list[str] = []
        self.rows: list[str] = []
        self.header = ""
        self.item_at = -1  # where the list item being read will go in ``out``
        widths = sorted(len(ln.strip()) for ln in lines if ln.strip())
        self.typical = widths[int(0.8 * (len(widths) - 1))] if widths else 80

    def flush(self) -> None:
        """The paragraph read so far as a piece (a list item is one of its own kind)."""
        if self.buf:  # a list item is a piece of its own kind: the list stays visible
            self.out.append(Piece("item" if self.item_at == len(self.out) else "text",
                                  inline_breaks(" ".join(self.buf).strip())))
        self.buf = []

    def flush_rows(self) -> None:
        """The table rows read so far as a piece, under their header line."""
        if self.rows:
            self.out.append(Piece("table", self.header, tuple(self.rows)))
        self.rows, self.header = [], ""

    def read(self, items: list) -> list[Piece]:
        """The pieces of the page's lines and tables (``find_tables``)."""
        outline = self.outline
        k = plain = 0  # lines before ``plain`` belong to a set-apart run that is no heading
        while k < len(items):
            raw = items[k]
            k += 1
            if isinstance(raw, CellTable):
                self.flush()
                self.flush_rows()
                self.out.append(Piece("table", raw.header, raw.rows))
                continue
            line = raw.strip()
            if not line:
                self.flush()
                self.flush_rows()
                continue
            run = outline.run(items, k - 1) if k > plain else []
            title = outline.styled(run) if run else ""
            if title and _next_is_row(items, k - 1 + len(run)):
                self.flush()  # a bold header line over the rows of a table
            elif title:
                self.flush()
                self.flush_rows()
                self.out.append(Piece("heading", title, style=run[0].style))
                k += len(run) - 1
                continue
            plain = max(plain, k - 1 + len(run))
            self.line(raw, line, items, k)
        self.flush()
        self.flush_rows()
        return self.out

    def line(self, raw, line: str, items: list, k: int) -> None:
        """One line of text (``items[k - 1]``): a list item, a table row, a numbered
        heading or a line of a paragraph."""
        bullet = bool(_BULLET.match(line))
        if bullet:  # a list item starts a paragraph of its own
            self.flush()
            self.flush_rows()
            line = _BULLET.sub("", line)
            self.item_at = len(self.out)
        buf, typical = self.buf, self.typical
        # a wrapped line of prose goes on, however many figures the next line holds
        # ("… Nach der Vorabauswertung für" + "den Sozialbericht 2024 … 2023 … 93 Kinder")
        wrapped = bool(buf) and not self.rows and len(buf[-1]) >= 0.75 * typical and \
            not buf[-1].endswith((".", ":", ";", "!", "?")) and not CAPTION.match(buf[-1])
        if _is_row(line) and not numbered_heading(line) and not wrapped:
            self.row(line)
            return
        self.flush_rows()
        if numbered_heading(line):
            self.flush()  # a heading, or a numbered list item: it starts a paragraph
            if self.outline.numbered(raw):
                self.out.append(Piece("heading", line))
                return
        self.prose(line, items, k)

    def row(self, line: str) -> None:
        """A table row; the line just before the first row is the header if it has no
        numbers."""
        if not self.rows:
            buf = self.buf
            if len(buf) == 1 and not re.search(r"\d", buf[0]) and len(buf[0]) < 160:
                self.header = buf.pop()
            self.flush()
        self.rows.append(line)

    def prose(self, line: str, items: list, k: int) -> None:
        """A line of a paragraph, joined to the lines before it."""
        buf = self.buf
        joined = join_word(buf[-1], line) if buf else None
        if joined is not None:
            buf[-1] = joined  # "Integra-" + "tion" → "Integration", "Kita-" + "Träger"
        else:
            buf.append(line)  # also "Bildungs- und …": the hyphen stays
        # a sentence-final line clearly shorter than the page's lines ends the paragraph;
        # a list item without a full stop ("• die Ferienschule der VHS") ends where the
        # next line's first word would have fitted on its line
        if (len(line) < 0.75 * self.typical and line.endswith((".", ":", "!", "?"))) or (
                self.item_at == len(self.out) and buf
                and _fits_after(line, items, k, self.typical)):
            self.flush()


def _fits_after(line: str, items: list, k: int, width: int) -> bool:
    """Whether the first word of the line after ``items[k - 1]`` would have fitted at the
    end of ``line`` (so the line ended there, it did not wrap)."""
    nxt = items[k] if k < len(items) else None
    if not isinstance(nxt, str) or not nxt.strip():
        return False
    return len(line) + 1 + len(nxt.split()[0]) < width - 2
