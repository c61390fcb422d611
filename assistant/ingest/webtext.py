"""Web pages saved as text: the page's furniture is removed before the text is read, so that
no answer quotes it. Furniture is recognised by its form, not by a list of words:

- lines of bracketed links only ("[Leichte Sprache] [Gebärdensprache]");
- a line that is only an address, or names the page's source address ("Quelle:
  https://…", "URL: www.…");
- a breadcrumb: at least three short steps joined by ">", "›", "»" or "→" ("Startseite >
  Leben > Integration"), or two after a short label ("Sie sind hier: Start › Schule");
- photo and image captions and credits ("Foto: …", "Bild: …", "Bildnachweis: …", "©
  Stadt X", "(Foto: Stadt X)" alone), and a caption of one sentence or less that ends with
  its credit ("Die Lotsinnen beim Fachtag (Foto: Stadt X)"); a paragraph of several
  sentences keeps its text and loses only the credit;
- menus: before the first line of text, a run of at least ``MENU_RUN`` short lines one
  after the other (at most ``MENU_WORDS`` words, no sentence punctuation, no digits) —
  the navigation ("Startseite", "Aktuelles", "Kontakt"); after the last line of text and a
  blank line (or removed furniture), a run of two (the footer's "Impressum",
  "Datenschutz"). Short lines between paragraphs of text or right under it (a list of
  names, headings) are kept.

Table rows ("Kurs | Ort | Zeit") and source notes of figures ("Quelle: IT.NRW") are text.
"""

from __future__ import annotations

import re

MENU_WORDS = 3
MENU_RUN = 3

_LINKS = re.compile(r"^(?:\[[^\]\n]{1,80}\]\s*(?:\([^)\s]*\))?[\s|·•]*)+$")
_ADDRESS = re.compile(r"^(?:(?:quelle|source|url|link|adresse|online|abgerufen)\b[^:]{0,30}:\s*)?"
                      r"(?:<)?(?:https?://|www\.)\S+(?:>)?\s*(?:\(abgerufen[^)]*\))?\.?$",
                      re.IGNORECASE)
_PICTURE = (r"(?:fotos?|bild(?:er)?|abbildung|abb\.|grafik|bildquelle|fotoquelle|"
            r"bildunterschrift|bildnachweis|fotonachweis|symbolbild)")
_CAPTION = re.compile(rf"^\(?(?:{_PICTURE}\s*(?:\d+\s*)?:|©|\(c\)\s|copyright\b)",
                      re.IGNORECASE)
# a credit at the end of a line: "(Foto: Stadt X)", "Foto: Max Muster", "© Stadt X 2025";
# not "… die Grafik: 2023 kamen 120 Kinder", which goes on with text
_CREDIT = re.compile(rf"\s*(?:\((?:{_PICTURE}\s*:|©)[^()]{{0,80}}\)|(?:fotos?|bild|"
                     r"bildquelle|fotoquelle|bildnachweis|fotonachweis)\s*:[^.!?:()\d]{1,60}|"
                     r"©[^.!?:()]{0,60})\s*$", re.IGNORECASE)
_STEP = r"[^\s>›»→.!?;:]+(?: [^\s>›»→.!?;:]+){0,4}"
_CRUMBS = re.compile(rf"^(?:{_STEP}(?: [>›»→] {_STEP}){{2,}}|[^:]{{1,30}}: *{_STEP}"
                     rf"(?: [>›»→] {_STEP})+)$")
_SENTENCE_END = re.compile(r"[.!?]\s+\S")


def _short(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= MENU_WORDS and not re.search(r"[.!?:;,\d]", line)
            and not line.startswith(("•", "-", "*", "–")))


def _line(line: str) -> str:
    """The line without furniture: "" for a furniture line, the text without its photo
    credit for a paragraph that ends with one."""
    text = line.strip()
    if _LINKS.match(text) or _ADDRESS.match(text) or _CAPTION.match(text) \
            or _CRUMBS.match(text):
        return ""
    credit = _CREDIT.search(text)
    if credit and credit.start() > 0:
        rest = text[:credit.start()].rstrip()
        return line[:len(line) - len(line.lstrip())] + rest if _SENTENCE_END.search(rest) \
            else ""
    return line


_URL = re.compile(r"(?:https?://|www\.)[^\s<>()]+", re.IGNORECASE)


_NAMED = re.compile(r"^(?:quelle|source|url)\b[^:]{0,30}:", re.IGNORECASE)


def page_address(text: str) -> str:
    """The page's own address, or "": the first line that names it ("Quelle: https://…"),
    or an address alone on a line above the text (a link in the text, or in a letter's
    signature, names another page). The line itself is furniture; the address stays as the
    document's source."""
    above = True
    for line in (ln.strip() for ln in text.split("\n")):
        if _ADDRESS.match(line) and (above or _NAMED.match(line)):
            return _URL.search(line).group(0).rstrip(".")
        above = above and (not line or _short(line) or bool(_ADDRESS.match(line)))
    return ""


def strip_furniture(lines: list[str]) -> list[str]:
    """``lines`` without the furniture of a saved web page (module docstring); blank lines
    are kept, so paragraphs stay apart."""
    out = [_line(ln) for ln in lines]
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
