"""Ingest stage: a file on disk → a ``ParsedDocument`` → chunks. No index access here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest import formats, legacy, metadata, office, sheets, slides, webpage
from assistant.ingest.chunking import chunk_blocks, embedding_text
from assistant.ingest.pdf import read_pdf
from assistant.types import DocumentInfo, ParsedDocument

SUPPORTED = (".pdf", ".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt", ".csv",
             ".xlsx", ".xls", ".ods", ".pptx", ".doc", ".rtf")
# the formats as staff know them, for messages and the upload form
FORMAT_NAMES = ("PDF, Word (DOCX, DOC, RTF), PowerPoint (PPTX), LibreOffice (ODT, ODS), HTML, Markdown, "
                "TXT, CSV, Excel (XLSX, XLS)")

__all__ = ["SUPPORTED", "FORMAT_NAMES", "parse", "discover", "file_sha256", "chunk_blocks", "embedding_text"]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Files to ingest with their document ids (path relative to the given folder, or the
    file name for a single file). Sidecars and hidden files are not documents. Where two
    of the given folders hold the same relative path ("index.html" in both), the later
    one's id starts with its folder's name, so neither replaces the other."""
    found: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts) \
                        and not f.name.endswith(metadata.SIDECAR_SUFFIX):
                    found.append((f, rel.as_posix()))
        else:
            found.append((p, p.name))
    seen: set[str] = set()
    unique = []
    for path, doc_id in found:
        if doc_id in seen:
            top = next((p for p in paths if p.is_dir() and p in path.parents), path.parent)
            doc_id = f"{top.name}/{doc_id}"
        seen.add(doc_id)
        unique.append((path, doc_id))
    return unique


def parse(path: Path, doc_id: str, default_municipality: str = "unbekannt",
          sha256: str | None = None,
          progress: Callable[[int, int], None] | None = None) -> ParsedDocument:
    """Read one file. Raises ``DocumentError`` with a German message on bad input.
    ``progress(done, total)`` follows OCR of scanned PDF pages (the slow case)."""
    if not path.is_file():
        raise DocumentError("nicht gefunden – bitte den Pfad prüfen.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"Format '{suffix or 'ohne Endung'}' wird nicht unterstützt – bitte in einem dieser "
            f"Formate speichern: {FORMAT_NAMES}."
        )
    if path.stat().st_size == 0:
        raise DocumentError("leere Datei (0 Byte) – nichts zu übernehmen.")
    own: dict = {}
    given = metadata.read_sidecar(path)
    warnings: list[str] = []
    pages = 0
    if suffix == ".pdf":
        blocks, pages, own, warnings = read_pdf(path, progress)
    elif suffix == ".docx":
        blocks, own = office.read_docx(path)
    elif suffix == ".doc":
        blocks = legacy.read_doc(path)
    elif suffix == ".rtf":
        blocks = legacy.read_rtf(path.read_bytes())
    elif suffix == ".pptx":
        blocks, pages, own = slides.read_pptx(path)
    elif suffix == ".odt":
        blocks, own = office.read_odt(path)
    elif suffix == ".ods":
        blocks = office.read_ods(path)
    elif suffix in (".html", ".htm"):
        blocks, own = webpage.read_html(path.read_bytes())
    elif suffix in (".md", ".markdown"):
        blocks, front = formats.read_markdown_text(formats.decode_text(path.read_bytes()))
        own = {"_first_heading": front.pop("_first_heading", None)}
        given = {**front, **given}
    elif suffix == ".txt":
        blocks = formats.read_txt(path.read_bytes())
    elif suffix == ".csv":
        blocks = sheets.read_csv(path.read_bytes())
    else:
        blocks = sheets.read_xlsx(path) if suffix == ".xlsx" else sheets.read_xls(path)
    if not blocks:
        raise DocumentError("kein verwertbarer Text gefunden – bitte den Inhalt prüfen.")
    meta = metadata.resolve(path, own, given, default_municipality)
    info = DocumentInfo(
        doc_id=doc_id, path=str(path), sha256=sha256 or file_sha256(path), pages=pages, **meta
    )
    return ParsedDocument(info=info, blocks=tuple(blocks), warnings=tuple(warnings))
