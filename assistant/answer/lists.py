"""Complete answers to list and balance questions, composed from the documents' own lists
and tables.

A list question ("Welche Maßnahmen für Jugendliche gibt es?") is answered with **every**
item of the lists and tables the best answer sentences stand in, not with the best
sentence: a table row or a list line is one item, and a table continued over several
passages is read whole. Items are then narrowed to the question's constraints:

- age and target group (``groups``: "Jugendliche", "Kinder unter 6", "Eltern" …), by the
  ages and groups an item names; an item that names none is kept;
- a word of the question that is a short value of a table column (a district, a provider),
  when some but not all items have it.

Likely duplicates (the same name) are merged, both sources cited. A balance question ("Wo
stehen wir …?") counts the rows of a table of targets by their status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer import groups
from assistant.text import MONTHS, split_sentences, stem
from assistant.types import Chunk, Source

# a line of a list: bullet, dash, number or letter ("• …", "- …", "1. …", "2) …", "b) …");
# "(1)" numbers a paragraph of a statute (Absatz), not an item
MARKER = re.compile(r"^\s*(?:[-•*–▪◦·●■►✓]|\d{1,2}[.)]|[a-z]{1,2}\))\s+(?=\S)"
                    rf"(?!(?:{MONTHS})\b)", re.IGNORECASE)  # "23. Juni" is a date
SHORT_VALUE = 6  # words: a longer column value is a free-text remark, not a category
MIN_ITEMS = 2  # a list or table with fewer items is no list


@dataclass(frozen=True)
class Item:
    """One row of a table or one line of a list, with the passages that hold it."""

    name: str
    text: str
    fields: tuple[tuple[str, str], ...] = ()
    sources: tuple[Source, ...] = ()
    status: str = ""

    @property
    def key(self) -> str:
        return re.sub(r"\W+", " ", self.name.casefold()).strip()

    def to_dict(self, citations: tuple[int, ...]) -> dict:
        return {"name": self.name, "text": self.line(),
                "fields": {h: v for h, v in self.fields if h}, "status": self.status,
                "citations": list(citations)}

    def line(self) -> str:
        """The item as German prose: its name, then the other fields' values."""
        if not self.fields:
            return self.text
        rest = [f"{h}: {v}" if h else v for h, v in self.fields[1:] if v]
        return f"{self.name} ({'; '.join(rest)})" if rest else self.name


def table_rows(chunk: Chunk) -> list[str]:
    """The rows of a table passage (its first line is the repeated header)."""
    lines = [x for x in chunk.text.split("\n") if x.strip()]
    return lines[1:] if chunk.kind == "table" else []


def fields_of(row: str) -> tuple[tuple[str, str], ...]:
    """"Maßnahme: Sprachcafé | Träger: VHS" → (("Maßnahme", "Sprachcafé"), ("Träger", "VHS"))."""
    out = []
    for cell in row.split(" | "):
        head, sep, value = cell.partition(": ")
        out.append((head.strip(), value.strip()) if sep and len(head) <= 40
                   else ("", cell.strip()))
    return tuple(out)


# "Arbeitskreis Seiteneinstieg: seit 2019; …": a short name, a colon, its description (a
# list whose bullets were lost, or a definition list)
_NAME = r"[A-ZÄÖÜ„\"][\w„“\"()&.,/'’-]*(?:\s+[\w„“\"()&.,/'’-]+){0,6}:\s+(?=\S)"
NAMED = re.compile("^" + _NAME)
_INTRODUCED = re.compile(r"(?<=:)\s+(?=" + _NAME + ")")  # "… organisiert: Netzwerk A: …"


_GLYPH_OR_LETTER = re.compile(r"\s+(?=(?:[•▪◦●■►✓]|[a-z]\)\s))")
_DASH = re.compile(r"\s+(?=[-–]\s)")


def _marked_units(part: str) -> list[str]:
    """``part`` cut before every bullet glyph and "a)"; before a dash only where dashes
    mark a list: the dash a colon introduces or a list line starts with, each time it comes
    again ("Angebote: - Sprachcafé - Elterncafé"). Elsewhere a dash is punctuation ("… –
    unabhängig vom Arbeitsplatz – …", "Erlaubnis zum Daueraufenthalt – EU", "• Sprachcafé –
    dienstags im Jugendhaus"), not a list."""
    out = []
    for unit in _GLYPH_OR_LETTER.split(part):
        pieces = _DASH.split(unit)
        # the list's marker: its first dash after a colon, or the dash the line starts with
        first = pieces[1] if len(pieces) > 1 and pieces[0].rstrip().endswith(":") else unit
        lead = re.match(r"\s*([-–])\s", first)
        kept = [pieces[0]]
        for piece in pieces[1:]:
            if lead and piece.lstrip().startswith(lead.group(1)):
                kept.append(piece)
            else:
                kept[-1] = f"{kept[-1]} {piece}"
        out += kept
    return out


@lru_cache(maxsize=4096)
def list_lines(chunk: Chunk) -> tuple[str, ...]:
    """The items of a list in a text passage: the list items ingest marked (their bullets
    are gone from the text), lines that still start with a marker, or lines that start
    with a short name and a colon (at least ``MIN_ITEMS`` such lines)."""
    units = []
    for sentence in split_sentences(chunk.text):
        # list lines joined into one passage: split again before every marker
        units += [u for part in _INTRODUCED.split(sentence) for u in _marked_units(part)
                  if u.strip()]
    marked = [chunk.text[a:b].strip() for a, b in chunk.items]  # marked at ingest
    marked += [MARKER.sub("", u).strip() for u in units if MARKER.match(u)]
    named = [u.strip() for u in units if NAMED.match(u) and not MARKER.match(u)]
    return tuple(marked + named if len(named) >= MIN_ITEMS or not named else marked)


def items_in(source: Source) -> list[Item]:
    """The items of one passage: its table rows, else its list lines."""
    rows = table_rows(source.chunk)
    if rows:
        out = []
        for row in rows:
            cells = fields_of(row)
            if len(cells) < 2:
                continue  # a note under the table or a group label
            out.append(Item(name=cells[0][1], text=row, fields=cells, sources=(source,),
                            status=status_of(cells)))
        return out
    return [Item(name=_short_name(line), text=line, sources=(source,))
            for line in list_lines(source.chunk)
            if not line.rstrip().endswith("?")]  # a list of questions asks, it tells nothing


def _short_name(line: str) -> str:
    head = re.split(r"\s[–—-]\s|:\s|\s\(|;\s", line, maxsplit=1)[0]
    return head if 2 <= len(head) <= 80 else line[:80]


STATUS = re.compile(
    r"^(?:(?:noch\s+)?nicht|teilweise|weitgehend|überwiegend|größtenteils|vollständig|"
    r"zum\s+teil)?\s*(?:erreicht|umgesetzt|erfüllt)\b|^offen\b|^in\s+(?:arbeit|umsetzung)\b",
    re.IGNORECASE)


def status_of(cells: Iterable[tuple[str, str]]) -> str:
    """The leading status phrase of a row ("teilweise erreicht; keine Angebote in Süd" →
    "teilweise erreicht"), or ""."""
    for _, value in cells:
        m = STATUS.match(value)
        if m:
            return " ".join(m.group(0).lower().split())
    return ""


def continued(source: Source, chunks: list[Chunk]) -> list[Chunk]:
    """The passages of the same table (neighbours in the document with the same heading and
    header line: a table is cut between rows into several passages), or of the same list
    (neighbours with the same heading, as long as they hold list items)."""
    c = source.chunk
    header = c.text.split("\n", 1)[0] if c.kind == "table" else None
    near = {x.position: x for x in chunks
            if x.doc_id == c.doc_id and x.kind == c.kind and x.heading == c.heading}

    def same(x: Chunk) -> bool:
        if header is not None:
            return x.text.split("\n", 1)[0] == header
        return bool(list_lines(x))  # parsed only for the neighbours walked to

    run = [c]
    for step in (-1, 1):
        p = c.position + step
        while p in near and same(near[p]):
            run.append(near[p])
            p += step
    return sorted(run, key=lambda x: x.position)


def merged(items: list[Item]) -> list[Item]:
    """Items with the same name once, with the sources of all of them (a row repeated in
    two overlapping passages, or the same offer in two documents)."""
    out: dict[str, Item] = {}
    for item in items:
        have = out.get(item.key)
        if have is None:
            out[item.key] = item
        else:
            extra = tuple(s for s in item.sources
                          if s.chunk.id not in {h.chunk.id for h in have.sources})
            out[item.key] = Item(have.name, have.text, have.fields, have.sources + extra,
                                 have.status)
    return list(out.values())


def narrowed(question: str, items: list[Item]) -> list[Item]:
    """Items that fit the question's age or target group and the names it asks for."""
    band = groups.band(question)
    if band is not None:
        items = [i for i in items if groups.fits(band, f"{i.text} {i.sources[0].chunk.heading}")]
    for term in _constraints(question, items):
        items = [i for i in items if term in _values(i)]
    return items


def _values(item: Item) -> set[str]:
    """The terms of an item's short column values (not its name, not free-text remarks)."""
    return {stem(w) for _, v in item.fields[1:] if 0 < len(v.split()) <= SHORT_VALUE
            for w in re.findall(r"[\wÄÖÜäöüß]+", v.lower())}


def _named(question: str) -> list[str]:
    """The terms of the question's capitalised words after its first two (nouns and names
    in German: "Stadtbezirk Nord", "AWO"), without the words of target groups (``groups``)."""
    words = re.findall(r"[\wÄÖÜäöüß-]+", question)[2:]
    named = [w for w in words if w[:1].isupper() and not groups.bands(w)]
    return [stem(w.lower()) for w in named]


def _constraints(question: str, items: list[Item]) -> list[str]:
    """Named terms of the question that some, not all, items have as a column value: the
    district or provider the question asks for."""
    if not items:
        return []
    values = [_values(i) for i in items]
    out = []
    for term in dict.fromkeys(_named(question)):
        have = sum(term in v for v in values)
        if 0 < have < len(items):
            out.append(term)
    return out
