"""Word 97–2003 documents (.doc), read by antiword, and Rich Text (.rtf), read by striprtf.

Many municipal concepts and minutes from before 2010 are still .doc files. No maintained
Python package reads that binary format, so the system program antiword (Debian package
``antiword``, installed by ``scripts/install.sh`` like Tesseract) turns it into text: one
paragraph per block of lines, headings set off by an extra blank line, tables as
``|cell|cell|`` lines in which a cell that wraps goes on in the next line. Many ".doc"
files are really Rich Text (saved so by older tools and mail programs); those, and .rtf
files, are read by striprtf: a paragraph a line, a table row as ``cell|cell|``. A Word
2007+ file renamed to ".doc" is read as what it is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.formats import (
    heading_path,
    looks_like_heading,
    push_heading,
    table_block,
)
from assistant.ingest.limits import check_text, too_much_text
from assistant.ingest.office import read_docx
from assistant.text import normalize
from assistant.types import Block

_MAX_HEADING = 120
# a list item's bullet as Word writes it into Rich Text (a Symbol-font dot and a tab)
_BULLET = re.compile(r"^[ \t]*[\uf0b7\uf0a7•·▪◦‣–-]?[ \t]+")
# "Datum: …", "Verteiler: …": a label and its value, not a heading ("TOP 2: …" is one)
_LABEL = re.compile(r"^(?!TOP\b|Punkt\b|\d)[^\W\d_][\w .-]{0,25}:\s")


def available() -> str:
    """"" when antiword can be run, else what to do (German)."""
    if shutil.which("antiword") is None:
        return ("zum Lesen alter Word-Dateien (.doc) fehlt das Programm antiword – bitte "
                "'sudo apt-get install antiword' ausführen oder die Datei in Word bzw. "
                "LibreOffice als .docx speichern")
    return ""


def read_doc(path: Path, limits) -> list[Block]:
    """A ".doc" file: Word 97–2003, or Rich Text or a Word 2007+ file under that name."""
    with path.open("rb") as fh:
        head = fh.read(5)
    if head == b"{\\rtf":
        return read_rtf(read_bounded(path, limits))
    if head.startswith(b"PK\x03\x04"):  # a .docx renamed to .doc
        return read_docx(path)[0]
    missing = available()
    if missing:
        raise DocumentError(missing + ".")
    try:
        done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
                              capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("antiword brauchte über zwei Minuten – bitte die Datei als "
                            ".docx speichern und erneut hinzufügen.") from exc
    if done.returncode != 0 or not done.stdout.strip():
        raise DocumentError(
            "beschädigt oder keine Word-97–2003-Datei (.doc) – bitte in Word oder LibreOffice "
            "öffnen und als .docx speichern.")
    text = done.stdout.decode("utf-8", errors="replace")
    check_text(len(text), limits)
    return parse_text(text)


def read_bounded(path: Path, limits) -> bytes:
    """The bytes of a Rich Text file, one character each: more than ``max_text_chars``
    raise a LimitError before the rest is read."""
    with path.open("rb") as fh:
        data = fh.read(limits.max_text_chars + 1)
    if len(data) > limits.max_text_chars:
        raise too_much_text(limits.max_text_chars, limits, more=True)
    return data


def parse_text(text: str) -> list[Block]:
    """antiword's text as blocks under their headings: a short paragraph without a
    sentence end after two blank lines is a heading."""
    blocks: list[Block] = []
    stack: list[str] = []
    para: list[str] = []
    table: list[str] = []
    blank = blank_before = 0

    open_heading: list[str] = []  # a heading nothing has followed yet

    def flush() -> None:
        joined = normalize(" ".join(para))
        para.clear()
        if not joined:
            return
        if blank_before >= 2 and len(joined) <= _MAX_HEADING and \
                not joined.endswith((".", ",", ";", ":")):
            push_heading(stack, 1, joined)
            open_heading[:] = [joined]
        else:
            blocks.append(Block(text=joined, heading=heading_path(stack)))
            open_heading.clear()

    def flush_table() -> None:
        block = table_block(_table_rows(table), heading_path(stack)) if table else None
        if block:
            blocks.append(block)
            open_heading.clear()
        table.clear()

    for line in text.splitlines():
        if line.startswith("|") and line.rstrip().endswith("|"):
            flush()
            table.append(line.rstrip())
            blank = 0
            continue
        flush_table()
        if not line.strip():
            if para:
                flush()
            blank += 1
            continue
        if not para:
            blank_before = blank
        para.append(line.strip())
        blank = 0
    flush()
    flush_table()
    if open_heading:  # the last short line ("Für das Protokoll: …") heads nothing: text
        stack.pop()
        blocks.append(Block(text=open_heading[0], heading=heading_path(stack)))
    return blocks


def _table_rows(lines: list[str]) -> list[list[str]]:
    """Cells of antiword's table lines. A line whose filled cells go on cells of the line
    before that filled their column to its width (the text wrapped) is joined to it."""
    rows: list[list[str]] = []
    widths: list[int] = []
    for line in lines:
        raw = line.strip("|").split("|")
        cells = [c.strip() for c in raw]
        if rows and len(cells) == len(rows[-1]) and any(not c for c in cells) and all(
                not c or len(rows[-1][k]) >= widths[k] - 12 for k, c in enumerate(cells)):
            rows[-1] = [f"{a} {b}".strip() if b else a for a, b in zip(rows[-1], cells)]
            continue
        widths = [len(c) for c in raw]
        rows.append(cells)
    return [[re.sub(r"\s+", " ", c) for c in row] for row in rows]


def read_rtf(data: bytes) -> list[Block]:
    """Rich Text: a paragraph a line; a short line without a sentence end that a paragraph
    follows is a heading; list items lose their bullet; rows "a|b|c|" make a table."""
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace")
    except Exception as exc:  # noqa: BLE001 - a broken file: one message, not a traceback
        raise DocumentError("beschädigt oder kein gültiges RTF-Dokument – bitte in Word oder "
                            "LibreOffice öffnen und als .docx speichern.") from exc
    raw = [ln for ln in text.splitlines() if ln.strip()]
    items = [bool(_BULLET.match(ln)) for ln in raw]  # list items are never headings
    lines = [normalize(_BULLET.sub("", ln)) for ln in raw]
    blocks: list[Block] = []
    stack: list[str] = []
    table: list[list[str]] = []
    for k, line in enumerate(lines):
        if line.endswith("|") and "|" in line[:-1]:
            table.append([c.strip() for c in line[:-1].split("|")])
            continue
        if table:
            block = table_block(table, heading_path(stack))
            blocks.extend([block] if block else [])
            table = []
        after = lines[k + 1] if k + 1 < len(lines) else ""
        if not items[k] and _rtf_heading(line, after):
            push_heading(stack, 1, line)
        else:
            blocks.append(Block(text=line, heading=heading_path(stack)))
    block = table_block(table, heading_path(stack)) if table else None
    return blocks + ([block] if block else [])


def _rtf_heading(line: str, after: str) -> bool:
    """Rich Text as striprtf gives it has no styles: a short line is a heading when it
    is no label ("Datum: …") and a paragraph of sentences or a table follows it."""
    if not after or not looks_like_heading(line, 100) or _LABEL.match(line):
        return False
    row = after.endswith("|") and "|" in after[:-1]
    return row or after.endswith((".", ":", "!", "?")) or len(after) > 100

