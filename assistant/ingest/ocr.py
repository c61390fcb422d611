"""Text recognition (OCR) for scanned PDF pages, with Tesseract on the local machine.

Municipal archives are full of scanned minutes and letters: pages that are only an image.
Such a page is rendered with PDFium (``pypdfium2``) and read by Tesseract (German model,
``pytesseract``); nothing leaves the machine. Tesseract is a system program
(Debian/Ubuntu: ``apt-get install tesseract-ocr tesseract-ocr-deu``; Windows: the UB
Mannheim installer). Without it, scanned pages are reported, not read.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

DPI = 300  # Tesseract reads body text best at about 300 dpi
LANGUAGES = "deu"
MIN_TEXT_CHARS = 20  # a page with less extractable text than this counts as scanned
_PRIVATE_OR_BROKEN = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b-\x1f]")
# dot leaders of a table of contents or index (". . . . 12", "_____"): layout, not garbage
_LEADERS = re.compile(r"(?:[.·…_-]\s?){3,}")

PageProgress = Callable[[int, int], None]


@lru_cache(maxsize=1)
def available() -> str:
    """Why OCR cannot run here, or "" when it can (Tesseract with the German model)."""
    if shutil.which("tesseract") is None:
        return ("Texterkennung nicht installiert – für gescannte Seiten bitte Tesseract "
                "einrichten (Debian/Ubuntu: 'apt-get install tesseract-ocr tesseract-ocr-deu')")
    try:
        import pypdfium2  # noqa: F401
        import pytesseract

        langs = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - a broken installation only disables OCR
        return f"Texterkennung nicht nutzbar ({type(exc).__name__}: {exc})"
    missing = [lang for lang in LANGUAGES.split("+") if lang not in langs]
    if missing:
        return ("Texterkennung ohne deutsches Sprachmodell – bitte 'tesseract-ocr-deu' "
                "installieren")
    return ""


def unreadable(text: str) -> bool:
    """Whether a page's text layer is missing or unusable: almost empty, or ``garbled``."""
    return len(_body(text)) < MIN_TEXT_CHARS or garbled(text)


def garbled(text: str) -> bool:
    """Whether a text layer holds garbage instead of words: glyph ids ("(cid:42)", from
    fonts without a Unicode map), replacement or private-use characters, or mostly symbols
    (a wrong font encoding turns letters into "#$%&"). Dot leaders do not count as
    symbols: a table of contents is text."""
    body = _body(text)
    if len(body) < MIN_TEXT_CHARS:
        return False
    if text.count("(cid:") >= 5:
        return True
    if len(_PRIVATE_OR_BROKEN.findall(body)) > 0.1 * len(body):
        return True
    return sum(c.isalnum() for c in body) < 0.5 * len(body)


def _body(text: str) -> str:
    return "".join(_LEADERS.sub(" ", text).split())


# a page whose text layer is only a stamp ("Az. 51.2 – Blatt 3", "Seite 3 von 12") over a
# page-sized image is a scan all the same: its text is short and one image is big
STAMP_CHARS = 300
_SCAN_PIXELS = 1_000_000  # about a quarter of an A4 page at 150 dpi


def stamped_scan(page, text: str) -> bool:
    """Whether a pypdf ``page`` with a short text layer carries a page-sized image."""
    if len(_body(text)) >= STAMP_CHARS:
        return False
    try:
        objects = page["/Resources"]["/XObject"].get_object()
        for ref in objects.values():
            image = ref.get_object()
            if image.get("/Subtype") == "/Image" and \
                    int(image.get("/Width", 0)) * int(image.get("/Height", 0)) >= _SCAN_PIXELS:
                return True
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return False


def readable_chars(text: str) -> int:
    """Letters and digits outside glyph-id placeholders: what a page's text is worth."""
    return sum(c.isalnum() for c in re.sub(r"\(cid:\d+\)", "", text))


def recognise(path: Path, pages: list[int], progress: PageProgress | None = None,
              saved: Path | None = None) -> dict[int, str]:
    """Text of the given pages (0-based) of the PDF at ``path``, read by Tesseract.

    Pages that fail to render or recognise are left out (and logged); the caller reports
    them as unread. With ``saved`` (a folder for this file's content), each page's text is
    kept there as it is read, and a page already there is not read again: an interrupted
    ingest of a long scan resumes where it stopped."""
    import pypdfium2 as pdfium
    import pytesseract

    out: dict[int, str] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for done, index in enumerate(pages):
            if progress:
                progress(done, len(pages))
            kept = saved / f"{index + 1}.txt" if saved else None
            if kept and kept.is_file():
                out[index] = kept.read_text(encoding="utf-8")
                continue
            try:
                page = pdf[index]
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
                page.close()
                # psm 3: automatic page segmentation (columns, headings, paragraphs)
                out[index] = pytesseract.image_to_string(image, lang=LANGUAGES,
                                                         config="--psm 3")
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the file
                log.warning("Texterkennung für Seite %d von %s fehlgeschlagen: %s",
                            index + 1, path, exc)
                continue
            if kept:
                _keep(kept, out[index])
        if progress:
            progress(len(pages), len(pages))
    finally:
        pdf.close()
    return out


def _keep(path: Path, text: str) -> None:
    """Write a page's text whole or not at all (a crash mid-write leaves no half page)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".teil")
    part.write_text(text, encoding="utf-8")
    part.replace(path)


def recognise_scans(path: Path, raw_pages: list[str], progress: PageProgress | None,
                    stamped: Collection[int] = (), saved: Path | None = None
                    ) -> tuple[list[int], str]:
    """Replace pages without a usable text layer (scans, broken font encodings, and the
    ``stamped`` scans whose text layer is only a stamp) by their OCR text (in place) where
    that reads more (pages kept in ``saved`` are not read again, see ``recognise``).
    Returns the 1-based numbers of the pages read by OCR and why OCR did not run ("" when
    it ran or was not needed)."""
    scanned = [i for i, t in enumerate(raw_pages) if unreadable(t) or i in stamped]
    if not scanned:
        return [], ""
    why = available()
    if why:
        for i in scanned:  # garbage is worse than nothing: it would be cited as text
            if garbled(raw_pages[i]):
                raw_pages[i] = ""
        return [], why
    read = recognise(path, scanned, progress, saved)
    done = []
    for i, text in read.items():
        # a text layer that reads at all is only replaced when OCR reads clearly more
        if readable_chars(text) > 1.5 * readable_chars(raw_pages[i]):
            raw_pages[i] = text
            done.append(i + 1)
    return sorted(done), ""
