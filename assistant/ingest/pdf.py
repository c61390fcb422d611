"""PDF text per page with pypdf, cleaned of page furniture.

Real PDFs carry running headers and footers, printed page numbers, words hyphenated at
line ends and table cells broken into lines. This module turns each page into blocks of
prose and tables (``paragraphs``; glued words measured again by ``glued``, footnotes at the
foot of a page set apart by ``footnotes``; pages with runs of short lines are also read by
pdfplumber for tables drawn with ruling lines, ``pdftables``), keeps the
printed page label, and gives each passage the path of headings it stands under
(``pdfstyle``: numbered headings and headings set in a bigger or bold font; ``pdfblocks``
puts the pages' pieces together).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

from assistant.errors import DocumentError
from assistant.ingest import footnotes, furniture, glued, ocr
from assistant.ingest.limits import beyond, number
from assistant.ingest.paragraphs import join_lines
from assistant.ingest.pdfblocks import PageBlocks
from assistant.ingest.pdfstyle import Line, Outline, read_page
from assistant.ingest.pdftables import may_hold_table, ruled_tables
from assistant.ingest.repair import Vocabulary, repair
from assistant.text import clean_chars
from assistant.types import Block

log = logging.getLogger(__name__)


# "L¨uck", "Qualit¨at": TeX fonts without umlauts print the dots as a glyph of their own
_LOOSE_DIAERESIS = re.compile("\u00a8([^\\W\\d_])")
# "häu/f_iges", "er/f_indet": a ligature without a Unicode mapping comes out as its glyph name
_LIGATURE_NAME = re.compile(r"/([A-Za-z](?:_[A-Za-z]){1,2})")


def _page_lines(text: str) -> list[str]:
    """Normalised lines; a soft hyphen (U+00AD) or "¬" ending a line is a hyphenation
    break like "-", anywhere else it is dropped; loose dots over a letter join it ("¨u"),
    a ligature's glyph name is its letters ("/f_i" → "fi"); the wide gaps of justified
    lines are one space ("Arbeitskreis  Seiteneinstieg,  in  dem")."""
    lines = []
    for line in text.splitlines():
        line = _LOOSE_DIAERESIS.sub(lambda m: m.group(1) + "\u0308", line.rstrip())
        line = _LIGATURE_NAME.sub(lambda m: m.group(1).replace("_", ""), line)
        broken = line.endswith(("\u00ad", "¬")) and len(line) > 1
        line = _WIDE_GAP.sub(" ", clean_chars(line.rstrip("\u00ad¬") if broken else line))
        lines.append(line + "-" if broken else line)
    return lines


_WIDE_GAP = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def _without_repeats(lines: list[str]) -> list[str]:
    """A run of lines printed twice in a row once: text boxes and shadowed or outlined
    text are drawn twice by some programs (Writer's frames), and pypdf reads both."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        for n in range(min(12, (len(lines) - i) // 2), 1, -1):
            run = lines[i:i + n]
            if (run == lines[i + n:i + 2 * n] and all(ln.strip() for ln in run)
                    and sum(len(ln.strip()) for ln in run) >= 40):
                out.extend(run)
                i += 2 * n
                break
        else:
            out.append(lines[i])
            i += 1
    return out


def _repair_words(blocks: list[Block]) -> list[Block]:
    """Split and glued words repaired against the whole document (``repair``)."""
    vocab = Vocabulary.of(t for b in blocks for t in (b.text, *b.rows))
    return [replace(b, text=repair(b.text, vocab), rows=tuple(repair(r, vocab) for r in b.rows))
            for b in blocks]


def _shown(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:10])) + (" …" if len(pages) > 10 else "")


def _check_pages(reader: PdfReader, most: int, counted: int | None = None) -> None:
    """More than ``most`` pages: by the count the PDF states (read first, cheap) or by
    the pages its page tree really holds."""
    if counted is None:
        try:
            counted = int(reader.trailer["/Root"]["/Pages"]["/Count"])
        except (KeyError, TypeError, ValueError, PdfReadError):
            return
    if counted > most:
        raise beyond(f"hat {number(counted)} Seiten", number(most), "max_pdf_pages",
                     "das PDF aufteilen")


class _Raw(NamedTuple):
    """A PDF's pages as pypdf reads them, before any cleaning."""

    texts: list[str]  # the text of each page (replaced by OCR text where that reads more)
    styles: list  # the font of each line (``pdfstyle.read_page``)
    marks: list[frozenset]  # the footnote marks of each page
    stamped: list[int]  # 0-based: scans whose text layer is only a stamp
    labels: list[str]  # the printed page labels
    meta: dict


def read_pdf(path: Path, progress: ocr.PageProgress | None = None, max_pages: int = 2_000,
             ocr_saved: Path | None = None) -> tuple[list[Block], int, dict, list[str]]:
    """Return blocks, page count, PDF metadata and warnings. Raises DocumentError, and a
    LimitError for more than ``max_pages`` pages (before any page is read).

    Pages without a text layer (scans) are read by OCR when Tesseract is installed;
    ``progress(done, total)`` follows that page by page; pages read are kept in
    ``ocr_saved`` (if given) for a resumed run."""
    raw = _read_raw(path, max_pages)
    ocr_pages, no_ocr = ocr.recognise_scans(path, raw.texts, progress, raw.stamped, ocr_saved)
    if not any(t.strip() for t in raw.texts):
        if no_ocr:
            raise DocumentError(
                f"kein lesbarer Textlayer (gescanntes Bild-PDF oder fehlerhafte "
                f"Schriftkodierung) – {no_ocr}, oder die Datei vorher "
                "mit einer Texterkennung (z. B. OCRmyPDF) umwandeln."
            )
        raise DocumentError(
            "kein Textlayer, und auch die Texterkennung (OCR) fand keinen Text – bitte "
            "prüfen, ob der Scan lesbar ist (Auflösung, Ausrichtung)."
        )
    pages = [_without_repeats(
        [Line.of(line, style[j] if j < len(style) and i + 1 not in ocr_pages else None)
         for j, line in enumerate(_page_lines(t))])
        for i, (t, style) in enumerate(zip(raw.texts, raw.styles))]
    # words glued by too narrow gaps ("AusSicherheitsgründenwerden…"): measured again
    glued.unglue(path, pages, _page_lines, lambda new, old: Line.of(new, old.style))
    blocks, empty_pages = _blocks(path, pages, raw, ocr_pages)
    blocks = _repair_words(blocks)
    return blocks, len(raw.texts), raw.meta, _warnings(blocks, raw, ocr_pages, empty_pages,
                                                       no_ocr)


def _read_raw(path: Path, max_pages: int) -> _Raw:
    """Open the PDF and read each page's text, fonts and footnote marks (``pdfstyle``);
    DocumentError for an encrypted, broken or empty PDF."""
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types here
                ok = 0
            if not ok:
                raise DocumentError(
                    "verschlüsselt (Passwortschutz) – bitte eine ungeschützte Fassung speichern "
                    "und erneut hinzufügen."
                )
        _check_pages(reader, max_pages)
        _check_pages(reader, max_pages, len(reader.pages))
        raw = _pages_of(reader, path)
    except DocumentError:
        raise
    except FileNotDecryptedError as exc:
        raise DocumentError(
            "verschlüsselt (Passwortschutz) – bitte eine ungeschützte Fassung speichern."
        ) from exc
    except (PdfReadError, PdfStreamError, ValueError, KeyError, OSError, TypeError) as exc:
        raise DocumentError(
            "beschädigt oder kein gültiges PDF – bitte die Datei neu exportieren "
            f"oder aus der Quelle neu herunterladen ({type(exc).__name__})."
        ) from exc
    if not raw.texts:
        raise DocumentError("leeres PDF (keine Seiten) – nichts zu übernehmen.")
    return raw


def _pages_of(reader: PdfReader, path: Path) -> _Raw:
    """Text, fonts and footnote marks of every page; a page that cannot be read is empty."""
    raw = _Raw([], [], [], [], [], {})
    for i, page in enumerate(reader.pages):
        try:
            text, style, page_marks = read_page(page)
        except Exception as exc:  # noqa: BLE001 - a broken page must not stop the file
            log.warning("Seite nicht lesbar in %s: %s", path, exc)
            text, style, page_marks = "", [], frozenset()
        raw.texts.append(text)
        raw.styles.append(style)
        raw.marks.append(page_marks)
        if ocr.stamped_scan(page, text):
            raw.stamped.append(i)
    if raw.texts:
        raw.labels.extend(reader.page_labels)
    if reader.metadata:
        raw.meta.update({
            "title": (reader.metadata.title or "").strip(),
            "created": str(reader.metadata.get("/CreationDate", "")),
        })
    return raw


def _blocks(path: Path, pages: list[list[Line]], raw: _Raw, ocr_pages: list[int]
            ) -> tuple[list[Block], list[int]]:
    """The blocks of the cleaned pages (furniture and contents pages left out, ruled tables
    read by pdfplumber) and the pages without any text."""
    repeated = furniture.find(pages)
    # a table of contents only repeats headings with page numbers
    read = [furniture.without_contents(lines) for lines in pages]
    outline = Outline.of([furniture.strip(lines, repeated) for lines in read if lines])
    grids = ruled_tables(path, [i for i, lines in enumerate(pages)
                                if i + 1 not in ocr_pages and may_hold_table(lines)])
    built = PageBlocks(outline, ocr_pages)
    empty_pages = []
    for i, lines in enumerate(read):
        label = raw.labels[i] if i < len(raw.labels) else str(i + 1)
        if not lines and any(ln.strip() for ln in pages[i]):
            continue  # a table of contents
        kept = furniture.strip(lines, repeated)
        if not any(ln.strip() for ln in kept):
            if not raw.texts[i].strip():
                empty_pages.append(i + 1)
            continue
        # a note may stand a page after its mark when the page's foot was full
        marked = raw.marks[i] | (raw.marks[i - 1] if i else frozenset())
        kept, notes = footnotes.split(kept, outline.body, marked)
        built.add_page(i + 1, label, join_lines(kept, grids.get(i, ()), outline), notes)
    return built.finish(), empty_pages


def _warnings(blocks: list[Block], raw: _Raw, ocr_pages: list[int], empty_pages: list[int],
              no_ocr: str) -> list[str]:
    """What the reader should know: pages read by OCR, scans not read (DocumentError when
    they are all there is), pages without text."""
    warnings: list[str] = []
    if ocr_pages:
        warnings.append(
            f"Seite(n) {_shown(ocr_pages)} per Texterkennung (OCR) gelesen – Zahlen und "
            "Namen in Zitaten bitte am Original prüfen."
        )
    unread = [i + 1 for i in raw.stamped if i + 1 not in ocr_pages and raw.texts[i].strip()]
    if unread and no_ocr and not blocks:
        # only the stamps of a scan, and those are running headers: nothing to read
        raise DocumentError(f"gescannt, als Text nur ein Stempel oder eine Kopfzeile – "
                            f"{no_ocr}, oder die Datei vorher mit einer Texterkennung "
                            "(z. B. OCRmyPDF) umwandeln.")
    if unread and no_ocr:
        warnings.append(f"Seite(n) {_shown(unread)} sind offenbar gescannt (als Text nur ein "
                        f"Stempel oder eine Kopfzeile) – {no_ocr}.")
    if empty_pages:
        reason = f" – {no_ocr}" if no_ocr else ""
        warnings.append(f"Seite(n) {_shown(empty_pages)} ohne erkennbaren Text{reason}.")
    return warnings
