"""Web pages saved as text: the page's furniture is removed before the text is read, so that
no answer quotes it. Furniture is recognised by its form, not by a list of words:

- lines of bracketed links only ("[Leichte Sprache] [Gebärdensprache]");
- a line that is only an address, or names the page's source address ("Quelle:
  https://…", "URL: www.…");
- photo and image captions and credits ("Foto: …", "Bild: …", "(Foto: Stadt X)" alone);
- menus: before the first line of text, a run of at least ``MENU_RUN`` short lines one
  after the other (at most ``MENU_WORDS`` words, no sentence punctuation, no digits) —
  the navigation ("Startseite", "Aktuelles", "Kontakt"); after the last line of text and a
  blank line (or removed furniture), a run of two (the footer's "Impressum",
  "Datenschutz"). Short lines between paragraphs of text or right under it (a list of
  names, headings) are kept.
"""

from __future__ import annotations

import re

MENU_WORDS = 3
MENU_RUN = 3

_LINKS = re.compile(r"^(?:\[[^\]\n]{1,80}\]\s*(?:\([^)\s]*\))?[\s|·•]*)+$")
_ADDRESS = re.compile(r"^(?:(?:quelle|source|url|link|adresse|online|abgerufen)\b[^:]{0,30}:\s*)?"
                      r"(?:<)?(?:https?://|www\.)\S+(?:>)?\s*(?:\(abgerufen[^)]*\))?\.?$",
                      re.IGNORECASE)
_CAPTION = re.compile(r"^\(?(?:foto|fotos|bild|bilder|abbildung|abb\.|grafik|bildquelle|"
                      r"fotoquelle|copyright|©)\s*(?:\d+\s*)?[:©]", re.IGNORECASE)


def _short(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= MENU_WORDS and not re.search(r"[.!?:;,\d]", line)
            and not line.startswith(("•", "-", "*", "–")))


def strip_furniture(lines: list[str]) -> list[str]:
    """``lines`` without the furniture of a saved web page (module docstring); blank lines
    are kept, so paragraphs stay apart."""
    out = ["" if _LINKS.match(ln.strip()) or _ADDRESS.match(ln.strip())
           or _CAPTION.match(ln.strip()) else ln for ln in lines]
    long = [i for i, ln in enumerate(out) if ln.strip() and not _short(ln)]
    first, last = (long[0], long[-1]) if long else (len(out), -1)
    runs: list[list[int]] = []
    for i, ln in enumerate(out):
        if _short(ln) and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        elif _short(ln):
            runs.append([i])
    for run in runs:  # menus stand before the text or after it, one link a line
        apart = run[0] > 0 and not out[run[0] - 1].strip()  # a blank line before the footer
        if (run[-1] < first and len(run) >= MENU_RUN) or (
                run[0] > last and len(run) >= 2 and apart):
            for j in run:
                out[j] = ""
    return out
