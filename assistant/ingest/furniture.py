"""Page furniture of a PDF: running headers and footers, page numbers, dot leaders and
contents pages – what repeats around the text, not the text itself."""

from __future__ import annotations

import re
from collections import Counter

_PAGE_NO = re.compile(r"^(seite|s\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?\s*(von|/)?\s*\d{0,4}$", re.I)


def _furniture_key(line: str) -> str:
    """Lines that repeat on many pages modulo numbers are running headers/footers."""
    key = re.sub(r"\d+", "#", line.strip().lower())
    return re.sub(r"\b[ivxlc]{1,6}\b\s*$", "#", key)  # roman page numbers in front matter


def find(pages: list[list[str]]) -> set[str]:
    """Running headers and footers among the first/last 3 lines of each page: lines that
    repeat on 3 pages (40 % of short documents; of two pages, the first or last line of
    both) word for word, or modulo a number that grows
    with the page (``_furniture_key``: "Seite 3", "Kapitel 2: Schule | 14"). A table row
    ending on many pages ("Gesamt 1.240") has other numbers and stays."""
    if len(pages) == 2:
        return _two_pages(*([ln.strip() for ln in p if ln.strip()] for p in pages))
    if len(pages) < 3:
        return set()
    exact: Counter[str] = Counter()
    keyed: dict[str, list[tuple[int, str]]] = {}
    for p, lines in enumerate(pages):
        body = [ln.strip() for ln in lines if ln.strip()]
        edge = set(body[:3] + body[-3:])
        exact.update(edge)
        for key, line in {_furniture_key(ln): ln for ln in edge}.items():
            keyed.setdefault(key, []).append((p, line))
    limit = max(2, int(0.4 * len(pages)))
    found = {ln for ln, n in exact.items() if n >= min(limit, 3)}
    found |= {key for key, seen in keyed.items()
              if key and len(seen) >= min(limit, 3) and _numbered_like_pages(seen)}
    return found


def _two_pages(first: list[str], second: list[str]) -> set[str]:
    """Of a document of two pages, the line that stands first (or last) on both, word for
    word or with the page's number in it ("Protokoll AK Seiteneinstieg – Seite 1")."""
    found: set[str] = set()
    if not first or not second:
        return found
    for a, b in ((first[0], second[0]), (first[-1], second[-1])):
        if a == b:
            found.add(a)
        elif _furniture_key(a) == _furniture_key(b) and _numbered_like_pages([(0, a), (1, b)]):
            found.add(_furniture_key(a))
    return found


def _numbered_like_pages(seen: list[tuple[int, str]]) -> bool:
    """Whether one of the numbers in these (page index, line) pairs grows with the page –
    a page number – in most of them; lines without arabic digits (roman page numbers)
    count as such."""
    numbered = [(p, [int(n) for n in re.findall(r"\d+", line)]) for p, line in seen]
    numbered = [(p, ns) for p, ns in numbered if ns]
    best = 0
    for j in range(min((len(ns) for _, ns in numbered), default=0)):
        offsets = Counter(ns[j] - p for p, ns in numbered)
        best = max(best, offsets.most_common(1)[0][1])
    return len(seen) - len(numbered) + best >= 0.6 * len(seen)


_LEADER = re.compile(r"^[\s.·…_]*\.[\s.·…_]*\d*\s*$")  # ". . . . 4" dot leaders


_TO_PAGE = re.compile(r"(?:[.·…_]\s?){3,}\s*[\divxlc]+\s*$", re.IGNORECASE)  # "… . . 12"


# "8.1 Dateisuche mit der Kpathsea-Bibliothek 56": a numbered entry without dot leaders
_ENTRY = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[^\W\d_].*\s(\d{1,3})$")


CONTENTS_HEADINGS = ("inhaltsverzeichnis", "inhalt", "inhaltsübersicht")


def is_contents(lines: list[str]) -> bool:
    """A table of contents (or an index): headed so, or most lines lead to a page number
    (the second page of a contents has no heading), with dot leaders or, without them,
    numbered entries whose page numbers never go down (a table's figures do)."""
    body = [ln.strip() for ln in lines if ln.strip()]
    if any(ln.lower() in CONTENTS_HEADINGS for ln in body[:6]):
        return True
    if len(body) >= 4 and sum(bool(_TO_PAGE.search(ln)) for ln in body) > 0.5 * len(body):
        return True
    pages = [int(m.group(1)) for m in map(_ENTRY.match, body) if m]
    return (len(pages) >= 8 and len(pages) > 0.5 * len(body)
            and all(a <= b for a, b in zip(pages, pages[1:])))


# a line of running text: long, not leading to a page number
_PROSE_WIDTH = 40
_ENDS_IN_PAGE = re.compile(r"[\divxlc]+\s*$", re.IGNORECASE)


def without_contents(lines: list[str]) -> list[str]:
    """The page without its table of contents: nothing for a contents page (``is_contents``),
    the lines after the contents for a page whose contents is followed by the text itself
    (a contents heading, maybe a few entries, then paragraphs: most of the lines after the
    heading are running text that leads to no page number)."""
    if not is_contents(lines):
        return lines
    body = [i for i, ln in enumerate(lines) if ln.strip()]
    head = next((k for k, i in enumerate(body[:6])
                 if lines[i].strip().lower() in CONTENTS_HEADINGS), None)
    if head is None:
        return []
    rest = body[head + 1:]
    prose = [i for i in rest if len(lines[i].strip()) >= _PROSE_WIDTH
             and not _ENDS_IN_PAGE.search(lines[i].strip())]
    if len(prose) < 3 or len(prose) <= 0.4 * len(rest):
        return []
    # the contents ends with its last entry that leads to a page number
    start = next((i for i in rest if not _ENDS_IN_PAGE.search(lines[i].strip())), len(lines))
    return lines[start:]


def strip(lines: list[str], furniture: set[str]) -> list[str]:
    """Drop running headers/footers and page numbers (``furniture`` from ``find``), but only
    at the page's edges, and dot-leader lines anywhere. A header repeated word for word is
    also found a little further in: a text box or a figure anchored at the top of a page
    may come first in the text."""
    body = [i for i, ln in enumerate(lines) if ln.strip()]
    edges = set(body[:3] + body[-3:])
    near = set(body[:10] + body[-10:])
    return [
        ln for i, ln in enumerate(lines)
        if not _LEADER.match(ln) and not (i in near and ln.strip() in furniture) and (
            i not in edges
            or (_furniture_key(ln) not in furniture and not _PAGE_NO.match(ln.strip())))
    ]

