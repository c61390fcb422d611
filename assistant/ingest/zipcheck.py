"""The ZIP container of DOCX, XLSX, PPTX, ODT and ODS files, checked before a reader
opens it: memory stays bounded however the file is built.

1. The central directory is read record by record and its declared sizes are held to
   ``max_zip_entries``, ``max_unpacked_mb`` and ``max_zip_ratio``: a part over 1 MB that
   unpacks to more than that many times its packed size is a zip bomb (real Office parts
   unpack 5–35 times).
2. Every part is then unpacked in steps of 1 MB and thrown away, stopping as soon as it
   gives more than its header declares. This guards against lying headers: Python's
   ``zipfile``, which every reader here uses, reads a part in one piece – a part that
   declares 4 KB but holds 160 MB would be unpacked whole before being cut to 4 KB.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from assistant.errors import DocumentError
from assistant.ingest.limits import MB, beyond, number, size_text

ZIP_SUFFIXES = (".docx", ".xlsx", ".pptx", ".odt", ".ods")
_RATIO_GRACE = MB  # parts smaller than this unpacked are not held to max_zip_ratio
_ENTRY = struct.Struct(zipfile.structCentralDir)  # a central directory file header
_LOCAL = struct.Struct(zipfile.structFileHeader)
_STEP = 1 << 16  # packed bytes read at a time


class _Part(NamedTuple):
    name: str
    full: int  # unpacked size, as declared
    packed: int
    offset: int  # of its local header
    method: int
    flags: int


def check_zip(path: Path, limits) -> None:
    """Hold a ZIP-based file to the limits (LimitError) and its headers to the truth
    (DocumentError). A file that is no ZIP archive passes: its reader reports it."""
    with path.open("rb") as fh:
        try:
            parts = _parts(fh, limits)
            if parts is None:
                return
            _check_sizes(parts, limits)
            for part in parts:
                _unpack(fh, part)
        except (struct.error, zlib.error) as exc:  # records cut short, broken data
            raise _damaged() from exc


def _check_sizes(parts: list[_Part], limits) -> None:
    worst = max(parts, key=lambda p: p.full / max(p.packed, 1) if p.full >= _RATIO_GRACE else 0,
                default=None)
    if worst and worst.full >= _RATIO_GRACE and \
            worst.full > limits.max_zip_ratio * max(worst.packed, 1):
        raise beyond(
            f"verdächtig stark gepackt: der Teil {worst.name} wird aus {size_text(worst.packed)} "
            f"zu {size_text(worst.full)}, {number(worst.full / max(worst.packed, 1))}-fach (so "
            "etwas ist meist eine „ZIP-Bombe“)", f"höchstens {number(limits.max_zip_ratio)}-fach",
            "max_zip_ratio", "die Herkunft der Datei prüfen und sie in ihrem Programm neu "
            "speichern")
    unpacked = sum(p.full for p in parts)
    if unpacked > limits.max_unpacked_mb * MB:
        raise beyond(f"entpackt zu groß: {size_text(unpacked)}",
                     f"{number(limits.max_unpacked_mb)} MB", "max_unpacked_mb",
                     "die Datei aufteilen oder eingebettete Bilder verkleinern")


def _parts(fh, limits) -> list[_Part] | None:
    """The parts as the central directory declares them; None for no ZIP archive."""
    where = _directory(fh)
    if where is None:
        return None
    start, size, declared, shift = where
    if declared > limits.max_zip_entries:
        raise _too_many(declared, limits)
    fh.seek(start)
    parts = []
    while size > 0:
        record = _ENTRY.unpack(fh.read(_ENTRY.size))
        if record[0] != zipfile.stringCentralDir:
            raise _damaged()
        name_len, extra_len, comment_len = record[12:15]
        name = fh.read(name_len).decode("utf-8", "replace")
        full, packed, offset = _zip64(fh.read(extra_len), record[11], record[10], record[18])
        fh.seek(comment_len, 1)
        size -= _ENTRY.size + name_len + extra_len + comment_len
        parts.append(_Part(name, full, packed, offset + shift, record[6], record[5]))
        if len(parts) > limits.max_zip_entries:
            raise _too_many(limits.max_zip_entries, limits, more=True)
    if sum(p.packed for p in parts) > start:
        raise _damaged()  # parts claim more packed bytes than the file holds: overlapping
    return parts


def _directory(fh) -> tuple[int, int, int, int] | None:
    """Start, size and declared entry count of the central directory, and how far the
    archive is shifted in the file; None for no ZIP archive. The end record is found by
    ``zipfile``'s own (internal) function: this reads the directory the readers read."""
    end = zipfile._EndRecData(fh)  # noqa: SLF001 - Python 3.11 is pinned
    if not end:
        return None
    size, location = end[zipfile._ECD_SIZE], end[zipfile._ECD_LOCATION]  # noqa: SLF001
    if end[zipfile._ECD_SIGNATURE] == zipfile.stringEndArchive64:  # noqa: SLF001
        location -= zipfile.sizeEndCentDir64 + zipfile.sizeEndCentDir64Locator
    if size > location:
        raise _damaged()
    start = location - size
    count, offset = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_OFFSET]  # noqa: SLF001
    return start, size, count, start - offset


def _zip64(extra: bytes, full: int, packed: int, offset: int) -> tuple[int, int, int]:
    """Sizes and offset, from the ZIP64 extra field for those the header marks."""
    if 0xFFFFFFFF not in (full, packed, offset):
        return full, packed, offset
    i = 0
    while i + 4 <= len(extra):
        kind, n = struct.unpack_from("<2H", extra, i)
        if kind == 1:
            values = list(struct.unpack_from(f"<{n // 8}Q", extra, i + 4))
            full = values.pop(0) if full == 0xFFFFFFFF else full
            packed = values.pop(0) if packed == 0xFFFFFFFF else packed
            offset = values.pop(0) if offset == 0xFFFFFFFF else offset
            return full, packed, offset
        i += 4 + n
    raise _damaged()


def _unpack(fh, part: _Part) -> None:
    """Unpack one part in bounded steps; more (or less) than declared is a lie."""
    if part.flags & 0x1:
        raise _damaged()  # encrypted parts: no Office program writes them
    fh.seek(part.offset)
    head = _LOCAL.unpack(fh.read(_LOCAL.size))
    if head[0] != zipfile.stringFileHeader:
        raise _damaged()
    fh.seek(head[10] + head[11], 1)  # name and extra field
    if part.method == zipfile.ZIP_STORED:
        if part.packed != part.full:
            raise _lying(part)
        return
    if part.method != zipfile.ZIP_DEFLATED:
        raise DocumentError(f"ungewöhnlich gepackt (Verfahren {part.method} im Teil {part.name}) "
                            "– bitte die Datei in ihrem Programm öffnen und neu speichern.")
    inflate, left, out = zlib.decompressobj(-15), part.packed, 0
    while left > 0 and not inflate.eof:
        data = fh.read(min(left, _STEP))
        if not data:
            break
        left -= len(data)
        while data and out <= part.full:
            out += len(inflate.decompress(data, MB))
            data = inflate.unconsumed_tail
        if out > part.full:
            raise _lying(part)
    if out != part.full:
        raise _lying(part)


def _lying(part: _Part) -> DocumentError:
    return DocumentError(
        f"beschädigt oder manipuliert: der Teil {part.name} ist entpackt nicht so groß, wie "
        "sein Eintrag angibt (gefälschte Größenangabe, wie bei „ZIP-Bomben“) – bitte die "
        "Herkunft der Datei prüfen und sie in ihrem Programm neu speichern.")


def _too_many(n: int, limits, more: bool = False) -> DocumentError:
    return beyond(f"besteht aus {'mehr als ' if more else ''}{number(n)} Teilen (ZIP-Einträgen)",
                  number(limits.max_zip_entries), "max_zip_entries",
                  "die Datei in ihrem Programm öffnen und neu speichern")


def _damaged() -> DocumentError:
    return DocumentError("beschädigt oder manipuliert: das Inhaltsverzeichnis der Datei "
                         "(ZIP) passt nicht zu ihrem Inhalt – bitte die Datei in ihrem "
                         "Programm öffnen und neu speichern.")
