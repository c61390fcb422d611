"""Figures that disagree: when a number question is answered by one source and another
source gives a different figure for the same year and the same thing, the answer says so in
its own sentence ("Die Quellen weichen ab: 1.240 [1] gegenüber 1.412 [2].").

Same quantity means: both sentences name every year the question asks about; in each, the
figure is the one whose clause shares most words with the question (a clause opened by
"darunter"/"davon" counts a part of the clause before it, and inherits its words); the two
clauses share at least two of the question's word stems; and the figures are less than
``MAX_RATIO`` apart. A figure is a
number of two or more digits that is no year, date, paragraph or phone number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import terms

# 1.240 / 398 / 12,5 — not part of a date (15.10.2023), a § or a phone number
FIGURE = re.compile(r"(?<![\d.,§/-])(?<!§ )(\d{1,3}(?:\.\d{3})+|\d{2,})(?:,\d+)?(?![\d.,/-]?\d)")
_YEAR = re.compile(r"^(19|20)\d\d$")
MIN_BAR = 0.6  # share of the best sentence's score another source's sentence needs


_CLAUSE = re.compile(r",\s+|;\s+|\s+[–—]\s+|\s+\(")
# "…, darunter 1.412 im schulpflichtigen Alter": a part of what the clause before counts
_PART_OF = re.compile(r"^(darunter|davon|hiervon|dabei|unter\s+ihnen)\b", re.IGNORECASE)
MAX_RATIO = 2.0  # figures further apart count different things (a total and a part)


@dataclass(frozen=True)
class Figure:
    value: str
    counted: frozenset[str]  # stems of the clause it stands in (and of the clause it is part of)


def figures(sentence: str) -> list[Figure]:
    out = []
    before: frozenset[str] = frozenset()
    for clause in _CLAUSE.split(sentence):
        own = frozenset(terms(clause))
        if _PART_OF.match(clause.strip()):
            own |= before - {"insgesamt", "gesamt"}
        for m in FIGURE.finditer(clause):
            value = m.group(0)
            if _YEAR.match(value) or re.search(r"(Tel\.|Telefon|\d-)\s*$", clause[:m.start()]):
                continue
            out.append(Figure(value, own))
        before = own
    return out


def _number(value: str) -> float:
    return float(value.replace(".", "").replace(",", "."))


def disagreement(question: str, asked_years: frozenset[str], first: tuple[str, str],
                 others: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """(figure of ``first``, other figure, the other sentence) when a sentence of another
    document (``others``: (document, sentence), best first) gives a different figure for
    the same year and thing as ``first`` (document, sentence); else None."""
    doc, sentence = first
    asked = set(terms(question))
    if not asked_years or not all(y in sentence for y in asked_years):
        return None
    mine = max(figures(sentence), key=lambda f: len(f.counted & asked), default=None)
    if mine is None:
        return None
    for other_doc, other in others:
        if other_doc == doc or not all(y in other for y in asked_years):
            continue
        theirs = max(figures(other), key=lambda f: len(f.counted & asked), default=None)
        if theirs is None or len(theirs.counted & mine.counted & asked) < 2:
            continue
        a, b = _number(mine.value), _number(theirs.value)
        if a != b and max(a, b) < MAX_RATIO * min(a, b):
            return mine.value, theirs.value, other
    return None
