"""Lines whose words the PDF extractor glued together, read again with a tighter measure.

Some PDF producers (Apache FOP, some print drivers) set justified text with a negative word
spacing, so the gaps between words are narrower than pypdf's guess of a space:
"AusSicherheitsgründenwerdenPasswörterstetsverschlüsselt…". Such a line matches no
question and reads as noise in a citation. pdfplumber measures every character's position;
with a tight tolerance (``X_TOLERANCE`` points) it finds those gaps. Only lines that look
glued are replaced, by the same characters with pdfplumber's spaces, so a page's other
lines, and every line's font style, stay as pypdf read them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

X_TOLERANCE = 1.5  # points; pdfplumber's default of 3 glues the same words again
_CAMEL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")  # "werdenPasswörter"
_SENTENCE = re.compile(r"[a-zäöüß][.,;:][A-Za-zÄÖÜäöü]")  # "installiert.Esist"


def looks_glued(line: str) -> bool:
    """A word that holds several words: two inner capitals after small letters, or long
    with a sentence mark inside ("installiert.Esist"). The parts of addresses and paths
    are judged one by one; a name like "RuhrFutur" is too short to count."""
    for token in re.split(r"\s+|[/@\\_<>]|https?:|www\.", line):
        if len(token) < 20:
            continue
        if len(_CAMEL.findall(token)) >= 2 or (len(token) >= 30 and _SENTENCE.search(token)):
            return True
    return False


def _squashed(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace, and for each kept character its index in ``text``."""
    keep = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in keep), keep


def unglue(path: Path, pages: list[list[str]], clean: Callable[[str], list[str]],
           make_line: Callable[[str, str], str]) -> int:
    """Replace the glued lines of ``pages`` (0-based lists of cleaned lines) in place by
    pdfplumber's reading of the same characters; ``clean`` normalises a page's raw text as
    the pypdf lines were, ``make_line(new, old)`` builds the new line (keeping the old
    one's style). Returns the number of lines replaced; a page pdfplumber cannot read keeps
    its lines."""
    todo = {i: [j for j, ln in enumerate(lines) if looks_glued(ln)]
            for i, lines in enumerate(pages)}
    todo = {i: js for i, js in todo.items() if js}
    if not todo:
        return 0
    fixed = 0
    try:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for i, js in todo.items():
                page = pdf.pages[i]
                text = "\n".join(clean(page.extract_text(x_tolerance=X_TOLERANCE) or ""))
                page.close()
                flat, where = _squashed(text)
                for j in js:
                    old = pages[i][j]
                    key, _ = _squashed(old)
                    at = flat.find(key)
                    if not key or at < 0:
                        continue
                    new = " ".join(text[where[at]:where[at + len(key) - 1] + 1].split())
                    if new != " ".join(old.split()):
                        pages[i][j] = make_line(new, old)
                        fixed += 1
    except Exception as exc:  # noqa: BLE001 - spacing is a refinement, never a failure
        log.warning("Wortabstände nicht nachgemessen in %s: %s", path, exc)
    return fixed
