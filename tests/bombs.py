"""Builders for hostile and oversized files, written as streams: a test never holds
what it asks the ingest to refuse."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from tests.documents import make_docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH = ("<w:p><w:r><w:t>Das Sprachcafé im Stadtteil Nord ist mittwochs geöffnet und "
              "wird gut besucht.</w:t></w:r></w:p>").encode()


def _document_xml(mb: int):
    """A Word body of ``mb`` MB of paragraphs, in 1 MB pieces."""
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode()
    piece = _PARAGRAPH * ((1 << 20) // len(_PARAGRAPH))
    for _ in range(mb):
        yield piece
    yield b"</w:body></w:document>"


def docx_bomb(path: Path, mb: int = 160) -> Path:
    """A real DOCX (python-docx's parts) whose body unpacks to ``mb`` MB of XML."""
    base = make_docx(path.with_name("vorlage.docx"))
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                         compresslevel=9) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, src.read(info.filename))
        with out.open("word/document.xml", "w") as body:
            for piece in _document_xml(mb):
                body.write(piece)
    base.unlink()
    return path


def lie_about_size(path: Path, member: str, declared: int, matching_crc: bool) -> Path:
    """Make the ZIP's headers declare ``declared`` unpacked bytes for ``member`` (far
    fewer than it holds); with ``matching_crc`` the CRC fits those first bytes, so only
    the truncated XML gives the lie away."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
        start_dir = zf.start_dir
        with zf.open(member) as fh:
            crc = zlib.crc32(fh.read(declared)) if matching_crc else info.CRC
    with path.open("r+b") as fh:
        fh.seek(start_dir)
        while True:
            head = fh.read(46)
            assert head[:4] == b"PK\x01\x02"
            name_len, extra_len, comment_len = struct.unpack("<3H", head[28:34])
            name = fh.read(name_len).decode()
            if name == member:
                fh.seek(-(46 + name_len) + 16, 1)
                fh.write(struct.pack("<L", crc))
                fh.seek(4, 1)
                fh.write(struct.pack("<L", declared))
                break
            fh.seek(extra_len + comment_len, 1)
        fh.seek(info.header_offset + 14)
        fh.write(struct.pack("<L", crc))
        fh.seek(4, 1)
        fh.write(struct.pack("<L", declared))
    return path


def big_xlsx(path: Path, rows: int) -> Path:
    """A minimal workbook of ``rows`` filled rows (written as XML: openpyxl would take
    ten times as long)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}">'
            '<sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}">'
                        f'<dimension ref="A1:C{rows}"/><sheetData>'.encode())
            for start in range(1, rows + 1, 10_000):
                sheet.write("".join(
                    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Bezirk {r % 7}</t></is></c>'
                    f'<c r="B{r}"><v>{r}</v></c><c r="C{r}"><v>{r % 97}</v></c></row>'
                    for r in range(start, min(start + 10_000, rows + 1))).encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def many_pages_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), invariant=1)
    for n in range(pages):
        c.drawString(72, 720, f"Anlage {n + 1}: Teilnehmerliste des Sprachcafés")
        c.showPage()
    c.save()
    return path


def long_text_file(path: Path, mb: int) -> Path:
    line = "Das Sprachcafé im Stadtteil Nord ist mittwochs geöffnet und gut besucht.\n"
    block = (line * ((1 << 20) // len(line.encode()))).encode()
    with path.open("wb") as fh:
        for _ in range(mb):
            fh.write(block)
    return path


def sparse_file(path: Path, mb: int) -> Path:
    """``mb`` MB on paper, nothing on disk."""
    with path.open("wb") as fh:
        fh.write("Bericht\n".encode())
        fh.truncate(mb << 20)
    return path


def repeated_rows_ods(path: Path, empty_rows: int = 0, repeat_filled: int = 1) -> Path:
    """A spreadsheet whose rows repeat as LibreOffice writes them: ``empty_rows``
    formatted empty rows ("number-rows-repeated"), then a total row repeated
    ``repeat_filled`` times, ending in 16.000 empty cells."""
    from odfdo import Cell, Document, Row, Table

    doc = Document("spreadsheet")
    doc.body.clear()
    table = Table("Bezirke")
    table.set_values([["Bezirk", "Kinder"], ["Nord", 412]])
    if empty_rows:
        table.append_row(Row(repeated=empty_rows))
    total = Row(repeated=repeat_filled if repeat_filled > 1 else None)
    for cell in (Cell("Summe"), Cell(412), Cell(repeated=16_000)):
        total.append_cell(cell)
    table.append_row(total)
    doc.body.append(table)
    doc.save(str(path))
    return path
