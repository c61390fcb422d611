"""Footnotes at the foot of a PDF page.

Word, Writer and LaTeX set a page's footnotes under its last line of text, in a smaller
font, each starting with its number ("1Quelle: Schulverwaltungsamt …"). pypdf prints them
where they stand, so they ran into the paragraph that goes on over the page break ("… die
bislang 1Quelle: Schulverwaltungsamt … nur lückenhaft vorliegt"). They are taken off the
page here and follow its text as paragraphs of their own ("Fußnote: Quelle: …"), like the
footnotes of Word files (``office``).
"""

from __future__ import annotations

import re
from collections.abc import Container

from assistant.ingest.pdfstyle import MIXED, Style
from assistant.ingest.pdftables import join_word

# "1Quelle: …", "12 Vgl. …", "* Schätzung": the note's mark, then its text
_NOTE = re.compile(r"^(\d{1,3}|\*{1,3}|†)\s?([^\W\d_]|[„\"»(])")


# a cell of figures: "31.905", "14,1", "1.256", "–"
_FIGURE = re.compile(r"^[\d.,%‰()+\-–— ]*$")


def _smaller(line: str, body: Style) -> bool:
    style = getattr(line, "style", None)
    return style is not None and style != MIXED and style.size <= body.size - 1.0


def _number(line: str) -> int | None:
    m = _NOTE.match(line.strip())
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else 0


def split(lines: list[str], body: Style | None, marks: Container[str] = ()
          ) -> tuple[list[str], list[str]]:
    """The page's lines without its footnotes, and the footnotes ("Fußnote: …").

    The footnotes are the run of lines at the foot of the page set clearly smaller than
    the body text whose first line starts with a mark, no cell of figures among them (a
    table in small print) and not most of the page, and each note's number is one of the
    footnote marks (``marks``: small digits glued to the text of the page or the page
    before, ``pdfstyle``), so
    a box in small print at the foot that starts with a figure ("18 Jugendliche …") stays
    text. A note starts where the next number (or a star) begins a line; its wrapped lines
    are joined, hyphens undone like the body's. Lines without styles (OCR) have no
    footnotes."""
    if body is None:
        return lines, []
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and (_smaller(lines[start - 1], body) or not lines[start - 1].strip()):
        start -= 1
    # the run must begin with a mark; lines above the first mark are small print of
    # another kind (a caption, a source line) and stay text
    while start < end and (not lines[start].strip() or _number(lines[start]) is None):
        start += 1
    if start >= end or not any(ln.strip() for ln in lines[:start]):
        return lines, []
    notes_lines = [ln.strip() for ln in lines[start:end] if ln.strip()]
    if any(_FIGURE.match(ln) for ln in notes_lines) or len(notes_lines) > 0.5 * sum(
            bool(ln.strip()) for ln in lines):
        return lines, []  # small print of a table (cells, figures), not footnotes
    first = _NOTE.match(notes_lines[0]).group(1)
    if first not in marks:
        return lines, []
    notes: list[str] = []
    expected: int | None = None
    for line in lines[start:end]:
        text = line.strip()
        if not text:
            continue
        n, m = _number(text), _NOTE.match(text)
        if n is not None and (expected is None or n in (0, expected)) and m.group(1) in marks:
            notes.append(text[len(m.group(1)):].strip())
            expected = n + 1 if n else expected
        elif notes:
            notes[-1] = join_word(notes[-1], text) or f"{notes[-1]} {text}"
    return lines[:start], [f"Fußnote: {note}" for note in notes]
