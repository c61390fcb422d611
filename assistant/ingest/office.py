"""Office documents: Word (DOCX) with tracked changes read as accepted, and OpenDocument
text (ODT) from LibreOffice/OpenOffice (spreadsheets: ``sheets``; opening ODF files and
reading their paragraphs' type: ``opendocument``)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.formats import (
    heading_path,
    looks_like_heading,
    push_heading,
    table_block,
)
from assistant.ingest.limits import TableBudget
from assistant.ingest.opendocument import odf_bold, odf_text_and_notes, open_odf
from assistant.ingest.sheets import table_rows
from assistant.text import normalize
from assistant.types import Block

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# text that is not in the document as it reads now: deleted or moved-away revisions, and
# the old-Word copy of a text box (mc:Fallback repeats mc:Choice)
_NOT_CURRENT = {f"{_W}del", f"{_W}moveFrom", _MC_FALLBACK}


def _docx_text(element) -> str:
    """The text of a paragraph or table cell as Word shows it with all tracked changes
    accepted. python-docx's ``.text`` drops insertions (``w:ins``); this reads every
    ``w:t``, also in insertions, hyperlinks, fields and text boxes."""
    out = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}p"):
        parent, skip = node.getparent(), False
        while parent is not None and parent is not element:
            if parent.tag in _NOT_CURRENT:
                skip = True
                break
            parent = parent.getparent()
        if skip:
            continue
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node is not element:
            out.append("\n" if node.tag == f"{_W}p" and out else " ")
    return "".join(out)


_HEADING_STYLE = re.compile(r"(Heading|Überschrift)\s*(\d)", re.IGNORECASE)


def _lineage(style) -> list:
    """A Word style and the styles it is based on (at most 10: a document may loop)."""
    out = []
    while style is not None and len(out) < 10:
        out.append(style)
        style = style.base_style
    return out


class _StyleOf:
    """A paragraph's style, looked up once per style id: python-docx searches all styles
    of the document for each paragraph without a style of its own (24,000 such
    paragraphs: 48,000 searches through 165 styles, 54 of 64 s)."""

    def __init__(self) -> None:
        self._seen: dict = {}

    def __call__(self, paragraph):
        key = paragraph._p.style
        if key not in self._seen:
            self._seen[key] = paragraph.style
        return self._seen[key]


def _heading_level(paragraph, style) -> int:
    """1… for a heading: a heading style ("Heading 2", "Überschrift 2", "Title", a custom
    style based on one) or an outline level set on the paragraph or its style; else 0."""
    for each in _lineage(style):
        m = _HEADING_STYLE.match(each.name or "")
        if m:
            return int(m.group(2))
        if each.name == "Title":
            return 1
    for element in (paragraph._p, getattr(style, "element", None)):
        found = element.xpath("./w:pPr/w:outlineLvl/@w:val") if element is not None else []
        if found and found[0].isdigit() and int(found[0]) < 9:  # 9 is "body text"
            return int(found[0]) + 1
    return 0


def _listed(paragraph, style) -> bool:
    """A paragraph of a bulleted or numbered list (numbering, or a list style)."""
    return bool(paragraph._p.xpath("./w:pPr/w:numPr")) or "List" in (
        style.name if style is not None else "")


def _bold_heading(paragraph, text: str, style) -> bool:
    """A short paragraph in bold throughout, no sentence, list item, label or caption:
    how many minutes and reports set their headings without a heading style."""
    if (not looks_like_heading(text)
            or "List" in (style.name if style is not None else "")):
        return False
    runs = [r for r in paragraph.runs if r.text.strip()]

    def bold(run) -> bool:
        if run.bold is not None:
            return run.bold
        for own in (run.style, style):
            for each in _lineage(own):
                if each.font.bold is not None:
                    return each.font.bold
        return False

    return bool(runs) and "".join(r.text for r in runs).strip() == text and all(map(bold, runs))


def _body_items(container, parent):
    """Paragraphs and tables of a body in document order, also those inside content
    controls (``w:sdt``: form fields of templates, cover pages) and custom XML, which
    python-docx's ``iter_inner_content`` passes over; a generated table of contents is
    left out, like deleted or moved-away blocks."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)
        elif child.tag == f"{_W}sdt":
            gallery = child.xpath("./w:sdtPr/w:docPartObj/w:docPartGallery/@w:val",
                                  namespaces={"w": _W[1:-1]})
            if gallery and "Table of Contents" in gallery[0]:
                continue
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _body_items(content, parent)
        elif child.tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            yield from _body_items(child, parent)


def _footnotes(document) -> dict[str, str]:
    """The text of each footnote by its id (python-docx does not read footnotes)."""
    from docx.oxml import parse_xml

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            root = parse_xml(rel.target_part.blob)
            return {note.get(f"{_W}id"): normalize(_docx_text(note))
                    for note in root.iterchildren(f"{_W}footnote")
                    if note.get(f"{_W}type") in (None, "normal")}
    return {}


def core_meta(props) -> dict:
    """Title and year from an Office file's core properties (Word, PowerPoint)."""
    meta = {"title": (props.title or "").strip()}
    if props.created:
        meta["year"] = props.created.year
    return meta


def read_docx(path: Path) -> tuple[list[Block], dict]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            "beschädigt oder kein gültiges Word-Dokument (.docx) – bitte in Word öffnen "
            "und neu speichern. Alte .doc-Dateien bitte als .docx speichern."
        ) from exc
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    stack: list[str] = []
    styled = 0  # level of the last heading with a heading style
    notes = _footnotes(document)
    style_of = _StyleOf()
    for item in _body_items(document.element.body, document._body):
        if isinstance(item, Paragraph):
            text = normalize(_docx_text(item._p))
            if not text:
                continue
            level = _heading_level(item, style_of(item))
            if level:
                push_heading(stack, level, text)
                styled = level
                continue
            if _bold_heading(item, text, style_of(item)):
                # "TOP 3: Erfahrungsaustausch" set bold in body style: one below the last
                # heading that has a heading style
                push_heading(stack, styled + 1, text)
                continue
            blocks.append(Block(text=text, heading=heading_path(stack),
                                item=_listed(item, style_of(item))))
            # a footnote ("Quelle: IT.NRW, Stichtag 31.12.2023") stands after its paragraph
            for ref in item._p.xpath(".//w:footnoteReference/@w:id"):
                if notes.get(ref):
                    blocks.append(Block(text=f"Fußnote: {notes[ref]}",
                                        heading=heading_path(stack)))
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    value = normalize(_docx_text(cell._tc))
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                rows.append(cells)
            block = table_block(rows, heading_path(stack))
            if block:
                blocks.append(block)
    return blocks, core_meta(document.core_properties)


# OpenDocument parts that are not body text: change records (deleted text lives here),
# generated tables of contents and indexes, form and variable declarations
_ODF_SKIP = {"text:tracked-changes", "text:table-of-content", "text:alphabetical-index",
             "text:illustration-index", "text:sequence-decls", "text:variable-decls",
             "office:forms"}


def read_odt(path: Path, limits) -> tuple[list[Block], dict]:
    """LibreOffice/OpenOffice text: headings (outline level), paragraphs, lists, sections
    and tables in document order; tracked changes read as accepted. Tables count
    towards ``limits.max_text_chars`` as they are read."""
    doc = open_odf(path, ".odt")
    blocks: list[Block] = []
    stack: list[str] = []
    outlined = [0]  # level of the last heading (text:h)
    chars = [0]  # characters of the tables so far

    def walk(element, in_list: bool = False) -> None:
        for child in element.children:
            tag = child.tag
            if tag in _ODF_SKIP:
                continue
            if tag == "text:h":
                text = normalize(child.inner_text)
                if text:
                    outlined[0] = int(child.get_attribute("text:outline-level") or 1)
                    push_heading(stack, outlined[0], text)
            elif tag == "text:p":
                text, notes = odf_text_and_notes(child)
                if text and not in_list and looks_like_heading(text) and odf_bold(doc, child):
                    # a bold paragraph in body style: one below the last real heading
                    push_heading(stack, outlined[0] + 1, text)
                elif text:
                    blocks.append(Block(text=text, heading=heading_path(stack)))
                blocks.extend(Block(text=f"Fußnote: {note}", heading=heading_path(stack))
                              for note in notes)
            elif tag == "table:table":
                budget = TableBudget(limits, "", chars[0])
                block = table_block(list(table_rows(child, budget)), heading_path(stack))
                chars[0] = budget.chars
                if block:
                    blocks.append(block)
            else:  # lists, list items, sections, frames
                walk(child, in_list or tag == "text:list")

    walk(doc.body)
    return blocks, {"title": (doc.meta.title or "").strip()}
