"""Readers for the non-PDF formats: DOCX, HTML, Markdown, TXT, CSV and XLSX.

Each returns blocks (paragraphs with their heading path, tables with their header) and
the document's own metadata where the format carries it.
"""

from __future__ import annotations

import csv
import datetime
import html as html_lib
import io
import re
import zipfile
from pathlib import Path

import yaml

from assistant.errors import DocumentError
from assistant.text import normalize
from assistant.types import Block

_COOKIE = re.compile(
    r"\b(cookies?|cookie-einstellungen|alle akzeptieren|datenschutzeinstellungen)\b", re.I
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 if it reads as text; else an error."""
    if b"\x00" in data[:4096]:
        raise DocumentError(
            "nicht lesbar: die Datei enthält Binärdaten oder eine unbekannte Zeichenkodierung "
            "– bitte als Text (UTF-8) speichern."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if text and printable / len(text) > 0.98:
        return text
    raise DocumentError(
        "nicht lesbar: unbekannte Zeichenkodierung – bitte die Datei als UTF-8 speichern "
        "(z. B. im Editor „Speichern unter … UTF-8“)."
    )


def _heading_path(stack: list[str]) -> str:
    return " › ".join(h for h in stack if h)


def _push(stack: list[str], level: int, title: str) -> None:
    del stack[level - 1:]
    while len(stack) < level - 1:
        stack.append("")
    stack.append(title)


def _table_block(rows: list[list[str]], heading: str, page: int | None = None) -> Block | None:
    rows = [[normalize(c) for c in r] for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        return None
    header = rows[0]
    if len(rows) == 1:
        return Block(text=" | ".join(header), heading=heading, page=page)
    rendered = []
    for r in rows[1:]:
        cells = [
            f"{h}: {v}" if h else v for h, v in zip(header, r) if v
        ]
        rendered.append(" | ".join(cells))
    return Block(
        text="\n".join([" | ".join(header), *rendered]), heading=heading, page=page,
        kind="table", table_header=" | ".join(header), rows=tuple(rendered),
    )


def read_markdown_text(text: str) -> tuple[list[Block], dict]:
    """Markdown (and Markdown produced from HTML) with optional YAML front matter."""
    meta: dict = {}
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                loaded = yaml.safe_load(parts[0][3:])
                if isinstance(loaded, dict):
                    meta = loaded
                    text = parts[1].lstrip("-\n")
            except yaml.YAMLError:
                pass
    blocks: list[Block] = []
    stack: list[str] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        nonlocal para, table
        if para:
            blocks.append(Block(text=normalize(" ".join(para)), heading=_heading_path(stack)))
        para = []
        if table:
            block = _table_block(table, _heading_path(stack))
            if block:
                blocks.append(block)
        table = []

    for line in text.splitlines():
        stripped = line.strip()
        m = _MD_HEADING.match(stripped)
        if m:
            flush()
            _push(stack, len(m.group(1)), normalize(m.group(2)))
            if not meta.get("title") and len(m.group(1)) == 1:
                meta.setdefault("_first_heading", normalize(m.group(2)))
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            if para:
                flush()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                table.append(cells)
            continue
        if not stripped:
            flush()
            continue
        if table:
            flush()
        if re.match(r"^([-*+]|\d+\.)\s+", stripped):
            flush()  # list items stand alone
            para = [re.sub(r"^([-*+]|\d+\.)\s+", "", stripped)]
            flush()
            continue
        para.append(stripped)
    flush()
    return [b for b in blocks if b.text], meta


def read_txt(data: bytes) -> list[Block]:
    """Plain text: paragraphs at blank lines; page furniture (repeated lines, cookie
    banners) removed; short unpunctuated lines before a paragraph become headings."""
    text = decode_text(data).replace("\r\n", "\n")
    lines = [normalize(ln) for ln in text.split("\n")]
    cleaned: list[str] = []
    last_nonempty = ""
    for ln in lines:
        if ln and ln == last_nonempty:
            continue  # "Bochum\n\nBochum": a heading printed twice by the web page
        if ln and _COOKIE.search(ln) and len(ln) < 400:
            continue
        cleaned.append(ln)
        if ln:
            last_nonempty = ln
    blocks: list[Block] = []
    heading = ""
    for para in re.split(r"\n\s*\n", "\n".join(cleaned)):
        para_lines = [p.strip("•·-* ").strip() for p in para.split("\n") if p.strip()]
        if not para_lines:
            continue
        joined = " ".join(para_lines)
        is_heading = (
            len(para_lines) == 1 and len(joined) < 80 and not joined.endswith((".", "?", "!", ":"))
        )
        if is_heading:
            heading = joined
            continue
        if len(para_lines) > 1 and all(len(p) < 200 for p in para_lines):
            for p in para_lines:  # a bulleted list: keep items apart
                blocks.append(Block(text=p, heading=heading))
        else:
            blocks.append(Block(text=joined, heading=heading))
    return blocks


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
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = normalize(_docx_text(item._p))
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            m = re.match(r"(Heading|Überschrift)\s*(\d)", style)
            if m or style == "Title":
                _push(stack, int(m.group(2)) if m else 1, text)
                continue
            blocks.append(Block(text=text, heading=_heading_path(stack)))
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    value = normalize(_docx_text(cell._tc))
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                rows.append(cells)
            block = _table_block(rows, _heading_path(stack))
            if block:
                blocks.append(block)
    props = document.core_properties
    meta = {"title": (props.title or "").strip()}
    if props.created:
        meta["year"] = props.created.year
    return blocks, meta


# OpenDocument parts that are not body text: change records (deleted text lives here),
# generated tables of contents and indexes, form and variable declarations
_ODF_SKIP = {"text:tracked-changes", "text:table-of-content", "text:alphabetical-index",
             "text:illustration-index", "text:sequence-decls", "text:variable-decls",
             "office:forms"}


def _open_odf(path: Path, kind: str):
    try:
        import odfdo

        return odfdo.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - odfdo raises several types on broken files
        raise DocumentError(
            f"beschädigt oder kein gültiges OpenDocument ({kind}) – bitte in LibreOffice "
            "öffnen und neu speichern."
        ) from exc


def read_odt(path: Path) -> tuple[list[Block], dict]:
    """LibreOffice/OpenOffice text: headings (outline level), paragraphs, lists, sections
    and tables in document order; tracked changes read as accepted."""
    doc = _open_odf(path, ".odt")
    blocks: list[Block] = []
    stack: list[str] = []

    def walk(element) -> None:
        for child in element.children:
            tag = child.tag
            if tag in _ODF_SKIP:
                continue
            if tag == "text:h":
                text = normalize(child.inner_text)
                if text:
                    _push(stack, int(child.get_attribute("text:outline-level") or 1), text)
            elif tag == "text:p":
                text = normalize(child.inner_text)
                if text:
                    blocks.append(Block(text=text, heading=_heading_path(stack)))
            elif tag == "table:table":
                rows = [[cell_text(v) for v in row] for row in child.get_values()]
                block = _table_block(rows, _heading_path(stack))
                if block:
                    blocks.append(block)
            else:  # lists, list items, sections, frames
                walk(child)

    walk(doc.body)
    return blocks, {"title": (doc.meta.title or "").strip()}


def read_ods(path: Path) -> list[Block]:
    """LibreOffice/OpenOffice spreadsheets: one table per sheet, like XLSX."""
    doc = _open_odf(path, ".ods")
    tables = doc.body.get_tables()
    blocks = []
    for table in tables:
        rows = [[cell_text(v) for v in row] for row in table.get_values()]
        block = _table_block(rows, table.name if len(tables) > 1 else "")
        if block:
            blocks.append(block)
    return blocks


def read_html(data: bytes) -> tuple[list[Block], dict]:
    """Main content only: trafilatura removes navigation, footers and cookie banners."""
    import trafilatura

    html = decode_text(data)
    extracted = trafilatura.extract(
        html, output_format="markdown", include_tables=True, include_links=False,
        include_comments=False, favor_recall=True, with_metadata=False,
    )
    if not extracted or not extracted.strip():
        raise DocumentError(
            "keine Inhalte gefunden (nur Navigation oder leere Seite) – bitte die Seite "
            "als PDF oder Text speichern."
        )
    blocks, meta = read_markdown_text(extracted)
    blocks = [b for b in blocks if not (_COOKIE.search(b.text) and len(b.text) < 300)]
    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if title and normalize(title.group(1)):
        meta["title"] = normalize(html_lib.unescape(title.group(1)))
    else:
        doc_meta = trafilatura.extract_metadata(html)
        if doc_meta is not None and doc_meta.title:
            meta["title"] = doc_meta.title
    return blocks, meta


def read_csv(data: bytes) -> list[Block]:
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if text.count(";") > text.count(",") else ","
    rows = [r for r in csv.reader(io.StringIO(text), dialect)]
    block = _table_block(rows, "")
    return [block] if block else []


def _number_de(value: float, grouped: bool) -> str:
    """1240.5 → "1240,5" ("1.240,5" where the cell format groups thousands)."""
    text = f"{value:,.10f}".rstrip("0").rstrip(".") if grouped else f"{value:.10f}".rstrip(
        "0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def cell_text(value: object, number_format: str = "General") -> str:
    """A spreadsheet value as Excel shows it to a German reader: dates "12.03.2024",
    percentages "12,5 %", decimals with a comma, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        grouped = "#,##" in fmt
        if "%" in fmt:
            return f"{_number_de(round(value * 100, 6), grouped)} %"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return _number_de(value, grouped) if grouped or isinstance(value, float) else str(value)
    return str(value)


def read_xlsx(path: Path) -> list[Block]:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(
            "beschädigt oder keine gültige Excel-Datei (.xlsx) – bitte in Excel öffnen und "
            "neu speichern."
        ) from exc
    blocks = []
    try:
        for sheet in wb.worksheets:
            rows = [
                [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in sheet.iter_rows()
            ]
            block = _table_block(rows, sheet.title if len(wb.worksheets) > 1 else "")
            if block:
                blocks.append(block)
    finally:
        wb.close()
    return blocks
