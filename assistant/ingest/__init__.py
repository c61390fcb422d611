"""Ingest stage: a file on disk → a ``ParsedDocument`` → chunks. No index access here."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lxml.etree import XMLSyntaxError

from assistant.config import Settings
from assistant.errors import DocumentError
from assistant.ingest import legacy, metadata, office, sheets, slides, webpage
from assistant.ingest import limits as limits_module
from assistant.ingest.chunking import chunk_blocks, embedding_text
from assistant.ingest.files import check_access, discover, find_documents
from assistant.ingest.formats import read_markdown_text, read_txt
from assistant.ingest.pdf import read_pdf
from assistant.ingest.textfile import read_text
from assistant.ingest.webtext import page_address
from assistant.ingest.zipcheck import ZIP_SUFFIXES, check_zip
from assistant.text import BULLET_GLYPHS
from assistant.types import READER_VERSION, Block, DocumentInfo, ParsedDocument

SUPPORTED = (".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt", ".csv",
             ".xlsx", ".xls", ".ods", ".pptx", ".doc", ".rtf")
# the formats as staff know them, for messages and the upload form
FORMAT_NAMES = ("PDF, Word (DOCX, DOC, RTF), PowerPoint (PPTX), LibreOffice (ODT, ODS), HTML, Markdown, "
                "TXT, CSV, Excel (XLSX, XLS)")

__all__ = ["SUPPORTED", "FORMAT_NAMES", "parse", "discover", "find_documents", "check_file",
           "file_sha256", "chunk_blocks", "embedding_text"]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_file(path: Path, limits: Settings) -> int:
    """The cheap checks before a file is hashed or read: that it can be opened, its format
    and its size (``limits.max_file_mb``). Returns the size."""
    size = check_access(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"Format '{suffix or 'ohne Endung'}' wird nicht unterstützt – bitte in einem dieser "
            f"Formate speichern: {FORMAT_NAMES}."
        )
    if size == 0:
        raise DocumentError("leere Datei (0 Byte) – nichts zu übernehmen.")
    limits_module.check_size(size, limits)
    return size


def parse(path: Path, doc_id: str, default_municipality: str = "unbekannt",
          sha256: str | None = None,
          progress: Callable[[int, int], None] | None = None,
          limits: Settings | None = None, ocr_saved: Path | None = None) -> ParsedDocument:
    """Read one file. Raises ``DocumentError`` with a German message on bad input, a
    ``LimitError`` for a file beyond one of the ``limits`` (default: ``Settings()``).
    ``progress(done, total)`` follows OCR of scanned PDF pages (the slow case); with
    ``ocr_saved`` (a folder for this file's content) their text is kept for a rerun."""
    limits = limits or Settings()
    check_file(path, limits)
    suffix = path.suffix.lower()
    if suffix in ZIP_SUFFIXES or suffix == ".doc" and _head(path) == b"PK\x03\x04":
        check_zip(path, limits)  # before any reader opens it (a .docx named .doc is one)
    given = metadata.read_sidecar(path)
    try:
        blocks, pages, own, warnings = _read(path, suffix, limits, progress, ocr_saved)
    except (zipfile.BadZipFile, zlib.error, EOFError, XMLSyntaxError) as exc:
        raise DocumentError(
            f"beschädigt: die Datei lässt sich nicht vollständig entpacken oder lesen "
            f"({type(exc).__name__}) – bitte in ihrem Programm öffnen und neu speichern."
        ) from exc
    blocks = [_marked(b) for b in blocks]
    if not blocks:
        raise DocumentError("kein verwertbarer Text gefunden – bitte den Inhalt prüfen.")
    limits_module.check_text(sum(len(b.text) for b in blocks), limits)
    given = {**own.pop("_front", {}), **given}  # a Markdown file's front matter
    meta = metadata.resolve(path, own, given, default_municipality)
    info = DocumentInfo(
        doc_id=doc_id, path=str(path), sha256=sha256 or file_sha256(path), pages=pages,
        reader=READER_VERSION, **meta
    )
    return ParsedDocument(info=info, blocks=tuple(blocks), warnings=tuple(warnings))


def _marked(block: Block) -> Block:
    """``block`` with the list-marker glyphs of PDF fonts read as "•" (``BULLET_GLYPHS``)."""
    return replace(block, text=block.text.translate(BULLET_GLYPHS),
                   rows=tuple(r.translate(BULLET_GLYPHS) for r in block.rows),
                   table_header=block.table_header.translate(BULLET_GLYPHS))


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(4)


def _read(path: Path, suffix: str, limits: Settings, progress, ocr_saved: Path | None
          ) -> tuple[list[Block], int, dict, list[str]]:
    """Blocks, pages, own metadata and warnings of one file, by its format."""
    if suffix == ".pdf":
        return read_pdf(path, progress, limits.max_pdf_pages, ocr_saved)
    if suffix == ".pptx":
        blocks, pages, own = slides.read_pptx(path)
        return blocks, pages, own, []
    if suffix in (".md", ".markdown"):
        blocks, front = read_markdown_text(read_text(path, limits))
        return blocks, 0, {"_first_heading": front.pop("_first_heading", None),
                           "_front": front}, []
    if suffix in (".docx", ".odt", ".html", ".htm"):
        blocks, own = (office.read_docx(path) if suffix == ".docx"
                       else office.read_odt(path, limits) if suffix == ".odt"
                       else webpage.read_html(read_text(path, limits)))
        return blocks, 0, own, []
    if suffix == ".txt":  # a web page saved as text names its address in a line
        text = read_text(path, limits)
        return read_txt(text), 0, {"source": page_address(text)}, []
    return _read_plain(path, suffix, limits), 0, {}, []


def _read_plain(path: Path, suffix: str, limits: Settings) -> list[Block]:
    """Blocks of the formats without pages or own metadata."""
    if suffix == ".doc":
        return legacy.read_doc(path, limits)
    if suffix == ".rtf":
        return legacy.read_rtf(legacy.read_bounded(path, limits))
    if suffix == ".csv":
        return sheets.read_csv(read_text(path, limits), limits)
    if suffix == ".ods":
        return sheets.read_ods(path, limits)
    if suffix == ".xlsx":
        return sheets.read_xlsx(path, limits)
    return sheets.read_xls(path, limits)
