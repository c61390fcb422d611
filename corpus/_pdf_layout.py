"""Shared PDF layout for the fictional Beispielstadt documents.

Documents are written as a list of blocks (plain tuples) and rendered with
reportlab's platypus. Page furniture (running header, footer with the printed
page number) is drawn on every page; real /PageLabels are set afterwards with
pypdf so that the PDF page index differs from the printed page number, as in
real municipal reports.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

FICTION_NOTE = "Fiktives Beispiel – erstellt für den Ausgangslage-Assistenten"

# Word stems at which the renderer may hyphenate (soft hyphen after the stem).
# "Integra" gives the "Integra-" / "tion…" line breaks the ingestion has to repair.
_HYPHEN_POINTS = {
    "Integration": "Integra\xadtion",
    "integration": "integra\xadtion",
    "Zuwanderung": "Zuwan\xadderung",
    "Seiteneinsteiger": "Seiten\xadeinsteiger",
    "Schulplatzvergabe": "Schulplatz\xadvergabe",
    "Bildungsberatung": "Bildungs\xadberatung",
    "Vorbereitungsklassen": "Vorbereitungs\xadklassen",
    "Sprachmittlerinnen": "Sprach\xadmittlerinnen",
}

BASE = ParagraphStyle(
    "body",
    fontName="Helvetica",
    fontSize=10.5,
    leading=15,
    spaceAfter=7,
    alignment=TA_JUSTIFY,
    embeddedHyphenation=1,
    hyphenationLang="",
)
STYLES = {
    "p": BASE,
    "h1": ParagraphStyle("h1", parent=BASE, fontName="Helvetica-Bold", fontSize=14,
                         leading=18, spaceBefore=12, spaceAfter=8, alignment=0,
                         keepWithNext=1),
    "h2": ParagraphStyle("h2", parent=BASE, fontName="Helvetica-Bold", fontSize=11.5,
                         leading=15, spaceBefore=8, spaceAfter=5, alignment=0,
                         keepWithNext=1),
    "bullet": ParagraphStyle("bullet", parent=BASE, leftIndent=14, bulletIndent=3,
                             spaceAfter=4),
    "cell": ParagraphStyle("cell", parent=BASE, fontSize=8.8, leading=11, spaceAfter=0,
                           alignment=0),
    "cellhead": ParagraphStyle("cellhead", parent=BASE, fontName="Helvetica-Bold",
                               fontSize=8.8, leading=11, spaceAfter=0, alignment=0),
    "caption": ParagraphStyle("caption", parent=BASE, fontName="Helvetica-Oblique",
                              fontSize=9, leading=12, spaceBefore=2, spaceAfter=10,
                              alignment=0),
    "small": ParagraphStyle("small", parent=BASE, fontSize=9, leading=12, alignment=0),
    "title": ParagraphStyle("title", parent=BASE, fontName="Helvetica-Bold", fontSize=24,
                            leading=30, alignment=TA_CENTER, spaceAfter=14),
    "subtitle": ParagraphStyle("subtitle", parent=BASE, fontSize=13, leading=18,
                               alignment=TA_CENTER, spaceAfter=10),
    "center": ParagraphStyle("center", parent=BASE, alignment=TA_CENTER),
    "note": ParagraphStyle("note", parent=BASE, fontName="Helvetica-Bold", fontSize=10,
                           alignment=TA_CENTER, textColor=colors.HexColor("#8a1c1c"),
                           borderColor=colors.HexColor("#8a1c1c"), borderWidth=0.8,
                           borderPadding=6, spaceBefore=10, spaceAfter=14),
}


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hyphenate(text: str) -> str:
    """Insert soft hyphens at the known break points (invisible unless used)."""
    for word, marked in _HYPHEN_POINTS.items():
        text = re.sub(word, marked, text)
    return text


def _cell(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def table(header: list[str], rows: list[list[str]], widths_cm: list[float]) -> Table:
    data = [[_cell(h, "cellhead") for h in header]]
    data += [[_cell(c) for c in row] for row in rows]
    t = Table(data, colWidths=[w * cm for w in widths_cm], repeatRows=1)
    t.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe7ef")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def flowables(blocks: list[tuple]) -> list:
    """Turn content blocks into platypus flowables.

    Blocks: ("h1", text) ("h2", text) ("p", text) ("bullets", [text, ...])
    ("table", header, rows, widths_cm, caption) ("style", style_name, text)
    ("space", cm) ("pagebreak",) ("toc",)
    """
    out: list = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2"):
            para = Paragraph(escape(block[1]), STYLES[kind])
            para.toc_level = 0 if kind == "h1" else 1
            out.append(para)
        elif kind == "p":
            out.append(Paragraph(hyphenate(escape(block[1])), STYLES["p"]))
        elif kind == "bullets":
            for item in block[1]:
                out.append(Paragraph(hyphenate(escape(item)), STYLES["bullet"],
                                     bulletText="•"))
        elif kind == "table":
            _, header, rows, widths, caption = block
            out.append(KeepTogether([table(header, rows, widths),
                                     Paragraph(escape(caption), STYLES["caption"])]))
        elif kind == "style":
            out.append(Paragraph(escape(block[2]), STYLES[block[1]]))
        elif kind == "space":
            out.append(Spacer(1, block[1] * cm))
        elif kind == "pagebreak":
            out.append(PageBreak())
        elif kind == "toc":
            toc = TableOfContents()
            toc.levelStyles = [
                ParagraphStyle("toc1", parent=BASE, fontName="Helvetica-Bold",
                               leftIndent=0, firstLineIndent=0, spaceAfter=3),
                ParagraphStyle("toc2", parent=BASE, leftIndent=16, firstLineIndent=0,
                               spaceAfter=2),
            ]
            out.append(toc)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    return out


class _Doc(BaseDocTemplate):
    """Doc template that feeds headings into the table of contents with printed labels."""

    def __init__(self, target, *, label_of, **kw):
        super().__init__(target, pagesize=A4, invariant=1, **kw)
        self.label_of = label_of

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        label = self.label_of(self.page)
        if level is not None and label.isdigit():  # TOC lists arabic page labels only
            self.notify("TOCEntry", (level, flowable.getPlainText(), int(label)))


def build_pdf(path: Path, blocks: list[tuple], *, title: str, author: str, subject: str,
              header: str | None, footer: str, label_of, first_furnished_page: int,
              first_header_page: int, page_labels: list[tuple[int, int, str, int]]) -> None:
    """Render blocks to ``path``.

    ``label_of(page_no)`` maps the 1-based physical page to its printed label;
    ``footer`` is a format string with ``{label}``; pages before
    ``first_furnished_page`` carry no header and no footer, pages before
    ``first_header_page`` no running header.
    ``page_labels`` are (from_index, to_index, style, start) for pypdf.
    """

    def furniture(canv, doc):
        page = canv.getPageNumber()
        if page < first_furnished_page:
            return
        canv.saveState()
        width, height = A4
        if header and page >= first_header_page:
            canv.setFont("Helvetica", 8.5)
            canv.setFillColor(colors.HexColor("#35506b"))
            canv.drawString(2.3 * cm, height - 1.5 * cm, header)
            canv.drawRightString(width - 2.3 * cm, height - 1.5 * cm, FICTION_NOTE)
            canv.setStrokeColor(colors.HexColor("#35506b"))
            canv.line(2.3 * cm, height - 1.65 * cm, width - 2.3 * cm, height - 1.65 * cm)
        canv.setFont("Helvetica", 8.5)
        canv.setFillColor(colors.black)
        canv.line(2.3 * cm, 1.75 * cm, width - 2.3 * cm, 1.75 * cm)
        canv.drawCentredString(width / 2, 1.3 * cm, footer.format(label=label_of(page)))
        canv.restoreState()

    buffer = io.BytesIO()
    doc = _Doc(buffer, label_of=label_of, title=title, author=author, subject=subject,
               creator="corpus/generate.py (reportlab)", leftMargin=2.3 * cm,
               rightMargin=2.3 * cm, topMargin=2.3 * cm, bottomMargin=2.4 * cm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture)])
    doc.multiBuild(flowables(blocks))

    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    writer = PdfWriter(clone_from=reader)
    for start_idx, end_idx, style, start in page_labels:
        end = len(reader.pages) - 1 if end_idx < 0 else end_idx
        writer.set_page_label(start_idx, end, style=style, start=start)
    writer.add_metadata({"/Producer": "reportlab + pypdf (corpus/generate.py)"})
    with open(path, "wb") as fh:
        writer.write(fh)


def to_roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, sym in numerals:
        while n >= value:
            out += sym
            n -= value
    return out
