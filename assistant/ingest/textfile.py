"""Text files decoded as their authors saved them: UTF-8 (with or without BOM), UTF-16 and
UTF-32 with a BOM (Windows editors' "Unicode"), else Windows-1252 – and read with a
bound: never more than ``max_text_chars`` characters are held, however large the file."""

from __future__ import annotations

import codecs
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.limits import too_much_text

# longest first: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_BLOCK = 1 << 20


def _bom(head: bytes) -> tuple[str, int] | None:
    for mark, encoding in _BOMS:
        if head.startswith(mark):
            return encoding, len(mark)
    return None


def _binary() -> DocumentError:
    return DocumentError(
        "nicht lesbar: die Datei enthält Binärdaten oder eine unbekannte Zeichenkodierung "
        "– bitte als Text (UTF-8) speichern.")


def _unknown() -> DocumentError:
    return DocumentError(
        "nicht lesbar: unbekannte Zeichenkodierung – bitte die Datei als UTF-8 speichern "
        "(z. B. im Editor „Speichern unter … UTF-8“).")


def _as_cp1252(data: bytes) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:1_000_000])
    if text and printable / min(len(text), 1_000_000) > 0.98:
        return text
    raise _unknown()


def decode_text(data: bytes) -> str:
    """Bytes of a text file as text: by its BOM, else UTF-8, else Windows-1252 if it reads
    as text; else a DocumentError."""
    found = _bom(data[:4])
    if found:
        try:
            return data[found[1]:].decode(found[0])
        except UnicodeDecodeError as exc:
            raise _unknown() from exc
    if b"\x00" in data[:4096]:
        raise _binary()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _as_cp1252(data)


def read_text(path: Path, limits) -> str:
    """A text file's text, decoded like ``decode_text``, read block by block: more than
    ``limits.max_text_chars`` characters raise a LimitError before the rest is read."""
    most = limits.max_text_chars
    with path.open("rb") as fh:
        head = fh.read(4096)
        found = _bom(head)
        if not found and b"\x00" in head:
            raise _binary()
        encoding, skip = found or ("utf-8", 0)
        fh.seek(skip)
        text = _read_decoded(fh, encoding, limits, guessed=not found)
        if text is None:  # not UTF-8: Windows-1252 has one byte per character
            fh.seek(0)
            data = fh.read(most + 1)
            if len(data) > most:
                raise too_much_text(most, limits, more=True)
            text = _as_cp1252(data)
    return text


def _read_decoded(fh, encoding: str, limits, guessed: bool) -> str | None:
    """Decode ``fh`` to its end in blocks, at most ``max_text_chars`` characters (else a
    LimitError); None when it is not valid in ``encoding`` and that was a guess."""
    most = limits.max_text_chars
    decoder = codecs.getincrementaldecoder(encoding)()
    parts, count = [], 0
    try:
        while True:
            block = fh.read(_BLOCK)
            part = decoder.decode(block, final=not block)
            parts.append(part)
            count += len(part)
            if count > most:
                raise too_much_text(most, limits, more=True)
            if not block:
                return "".join(parts)
    except UnicodeDecodeError as exc:
        if guessed:
            return None
        raise _unknown() from exc

