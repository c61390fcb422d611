"""List and balance answers (``lists``) composed into an ``Answer``: a count line, one line
per item with its citations, grouped by document; for a balance, the count per status and
the items under each status."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from assistant import params
from assistant.answer.lists import (
    MIN_ITEMS,
    Item,
    continued,
    items_in,
    merged,
    narrowed,
)
from assistant.answer.offers import asked_kinds, prose_items
from assistant.types import Answer, Chunk, Citation, Sentence, Source

Scored = tuple[float, Source, str, set[str]]


# what an item of a list of gaps says: something does not exist ("kein Angebot", "es fehlen
# Plätze", "nicht vorhanden", "Lücken") — not a condition that is not met ("nicht", "ohne")
ABSENCE = re.compile(r"\b(kein(e|en|er|em)?|fehl(t|en|ende\w*)|nicht vorhanden|"
                     r"lücke\w*|mangel\w*)\b", re.IGNORECASE)


def of_gaps(run: list[Item]) -> bool:
    """Whether most items of a list say that something does not exist (a list of gaps)."""
    return sum(bool(ABSENCE.search(i.text)) for i in run) * 2 > len(run)


def gather(hits: list[Source], passages_of: Callable[[str], list[Chunk]],
           gaps_asked: bool = False, offers: tuple[str, ...] | None = None) -> list[Item]:
    """The items of the tables and lists that the ``hits`` (passages holding an answer
    sentence) stand in; a table is read over all its passages. A passage with fewer than
    ``MIN_ITEMS`` items is no list; a list of gaps (``of_gaps``) answers only a question
    about gaps (``gaps_asked``), never "which offers are there". For a question about
    offers (``offers``: the kinds asked, ``offers.asked_kinds``) a hit without a list gives
    the offers its sentences name (``offers.prose_items``: "Darüber hinaus bietet der JMD
    einen Bewerbungskurs an")."""
    items: list[Item] = []
    seen: set[str] = set()
    prose: list[Item] = []
    for hit in hits:
        if hit.chunk.id in seen:
            continue
        run = []
        for chunk in continued(hit, passages_of(hit.document)):
            seen.add(chunk.id)
            run += items_in(hit if chunk.id == hit.chunk.id else replace(hit, chunk=chunk))
        if len(run) >= MIN_ITEMS and (gaps_asked or not of_gaps(run)):
            items += run
        elif offers is not None and params.current().prose_offers:
            prose += [i for i in prose_items(hit, offers) if gaps_asked or not of_gaps([i])]
    return merged(items + prose)


def list_answer(question: str, sources: list[Source], hits: list[Source],
                passages_of: Callable[[str], list[Chunk]], balance: bool = False
                ) -> Answer | None:
    """The complete list (or, with ``balance``, the count by status) for ``question``, or
    None when the hits stand in no list or table that fits the question."""
    items = narrowed(question, gather(hits, passages_of, bool(ABSENCE.search(question)),
                                      None if balance else asked_kinds(question)))
    if balance:
        items = _one_table([i for i in items if i.status])
    if len(items) < MIN_ITEMS:
        return None
    citations: dict[str, Citation] = {}

    def cite(item: Item) -> tuple[int, ...]:
        out = []
        for s in item.sources:
            if s.chunk.id not in citations:
                citations[s.chunk.id] = Citation.from_source(len(citations) + 1, s)
            out.append(citations[s.chunk.id].n)
        return tuple(dict.fromkeys(out))

    numbered = [(item, cite(item)) for item in items]
    lines = _balance_lines(numbered) if balance else _list_lines(numbered)
    sentences = tuple(Sentence(text=item.line(), citations=ns) for item, ns in numbered)
    return Answer(
        question=question, text="\n".join(lines), citations=tuple(citations.values()),
        sources=tuple(sources), abstained=False, sentences=sentences,
        items=tuple(item.to_dict(ns) for item, ns in numbered),
    )


def _table(item: Item) -> tuple[str, str, str]:
    chunk = item.sources[0].chunk
    return chunk.doc_id, chunk.heading, chunk.text.split("\n", 1)[0]


def _one_table(items: list[Item]) -> list[Item]:
    """The rows of the table with the most rows that have a status (a stray "offen" in
    another table is no target)."""
    tables = Counter(_table(i) for i in items)
    if not tables:
        return []
    best = tables.most_common(1)[0][0]
    return [i for i in items if _table(i) == best]


# how far a status says a target has come: reached first, not reached last
_PROGRESS = (("nicht", 5), ("noch nicht", 5), ("offen", 4), ("in ", 3), ("teilweise", 2),
             ("zum teil", 2), ("weitgehend", 1), ("überwiegend", 1), ("größtenteils", 1))


def _progress(status: str) -> int:
    return next((rank for start, rank in _PROGRESS if status.startswith(start)), 0)


def _refs(ns: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in ns)


def _list_lines(numbered: list[tuple[Item, tuple[int, ...]]]) -> list[str]:
    documents = list(dict.fromkeys(i.sources[0].title for i, _ in numbered))
    n, d = len(numbered), len(documents)
    lines = [f"Die Dokumente nennen {n} {'Eintrag' if n == 1 else 'Einträge'} "
             f"aus {d} {'Dokument' if d == 1 else 'Dokumenten'}:"]
    for title in documents:
        lines.append(f"\n**{title}**")
        lines += [f"- {i.line()} {_refs(ns)}" for i, ns in numbered
                  if i.sources[0].title == title]
    return lines


def _balance_lines(numbered: list[tuple[Item, tuple[int, ...]]]) -> list[str]:
    counts = Counter(i.status for i, _ in numbered)
    order = sorted(counts, key=lambda s: (_progress(s), s))
    parts = [f"{counts[s]} {s}" for s in order]
    said = ", ".join(parts[:-1]) + f" und {parts[-1]}" if len(parts) > 1 else parts[0]
    refs = _refs(tuple(dict.fromkeys(n for _, ns in numbered for n in ns)))
    lines = [f"Von {len(numbered)} Zielen sind {said} {refs}."]
    for status in order:
        lines.append(f"\n**{status}** ({counts[status]})")
        lines += [f"- {i.line()} {_refs(ns)}" for i, ns in numbered if i.status == status]
    return lines
