"""The blocks of a PDF in reading order, built page by page from the pieces of its lines
(``paragraphs.join_lines``): each passage under its heading path (numbered headings and
headings set in a font, ``pdfstyle``), a paragraph running over a page break whole, the
footnotes at the foot of a page after its last paragraph."""

from __future__ import annotations

from assistant.ingest.formats import heading_path, push_heading
from assistant.ingest.paragraphs import Piece
from assistant.ingest.pdfstyle import Outline, heading_level
from assistant.ingest.pdftables import join_word
from assistant.types import Block


def _continues(blocks: list[Block], page: int, heading: str) -> bool:
    """True when the last block is prose from the previous page that stops mid-sentence."""
    if not blocks:
        return False
    prev = blocks[-1]
    return (prev.kind == "text" and prev.page == page - 1 and prev.heading == heading
            and not prev.text.rstrip().endswith((".", "!", "?", ":", ";")))


class PageBlocks:
    """The blocks of a PDF in reading order: each passage under its heading path, a
    paragraph running over a page break whole, footnotes after their page's last one."""

    def __init__(self, outline: Outline, ocr_pages: list[int]) -> None:
        self.outline, self.ocr_pages = outline, ocr_pages
        self.blocks: list[Block] = []
        self.heading = ""
        self.sections: list[str] = []  # the open numbered headings, outermost first
        self.pending: list[Block] = []  # the page before's footnotes, after its last paragraph

    def add_page(self, page: int, label: str, pieces: list[Piece], notes: list[str]) -> None:
        """The pieces of a page (``join_lines``) and the footnotes at its foot."""
        for piece in pieces:
            self.add(page, label, piece)
        self.pending += [Block(text=note, page=page, page_label=label, heading=self.heading)
                         for note in notes]

    def add(self, page: int, label: str, piece: Piece) -> None:
        """One heading, table, list item or paragraph (or its end, from the page before)."""
        kind, text, rows, style = piece
        blocks = self.blocks
        # a paragraph running over the page break stays whole, cited at its start
        # (not from a text page into a scanned one: they are different papers)
        continued = kind == "text" and _continues(blocks, page, self.heading) and (
            (page in self.ocr_pages) == (blocks[-1].page in self.ocr_pages))
        if not continued:
            self.finish()  # the previous page's footnotes
        if kind == "heading":
            # "3. Wo stehen wir? › 3.1 Bilanz seit 2016": a passage keeps its section
            level = heading_level(text) if style is None else \
                self.outline.level(style, self.sections)
            push_heading(self.sections, level, text)
            self.heading = heading_path(self.sections)
        elif kind == "table" and not rows:
            pass  # a header at the foot of the page: it heads the rows on the next one
        elif kind == "table":
            blocks.append(Block(
                text="\n".join((text, *rows)).strip(), page=page, page_label=label,
                heading=self.heading, kind="table", table_header=text, rows=rows,
            ))
        elif continued:
            prev = blocks[-1]
            joined = join_word(prev.text, text) or f"{prev.text} {text}"
            blocks[-1] = Block(text=joined, page=prev.page, page_label=prev.page_label,
                               heading=prev.heading)
        else:
            blocks.append(Block(text=text, page=page, page_label=label, heading=self.heading,
                                item=kind == "item"))
        self.finish()

    def finish(self) -> list[Block]:
        """The blocks so far, the footnotes still pending placed after them."""
        self.blocks.extend(self.pending)
        self.pending = []
        return self.blocks
