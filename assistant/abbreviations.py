"""Abbreviations the documents define, so "KI" and "Kommunales Integrationszentrum" match.

Administrative German defines an abbreviation once – "das Kommunale Integrationszentrum
(KI)", "Jugendmigrationsdienst (JMD)" – and then uses only the short form, while staff ask
with either. Definitions are read from the indexed text: a parenthesised word with at least
two capitals, preceded by the shortest run of words that starts with its first letter and
contains its capitals in order. Nothing is built in, so a municipality's own abbreviations
work the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.text import terms

_DEFINED = re.compile(r"\(([A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,6})\)")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+-?")
_CLAUSE_END = re.compile(r"[:;.!?()\[\]|\n]")
EXTRA_WORDS = 3  # a long form may have this many more words than the abbreviation letters


def _in_order(letters: list[str], text: str) -> bool:
    pos = 0
    for letter in letters:
        pos = text.find(letter, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def definitions(text: str) -> Iterator[tuple[str, str]]:
    """(abbreviation, long form) pairs defined in ``text``."""
    for m in _DEFINED.finditer(text):
        abbr = m.group(1)
        capitals = [c.lower() for c in abbr if c.isupper()]
        if len(capitals) < 2:
            continue
        # the long form stands in the same clause: "Protokoll: Lena Vogt (KI)" defines nothing
        clause = _CLAUSE_END.split(text[max(0, m.start() - 160):m.start()])[-1]
        before = _WORD.findall(clause)
        for k in range(1, min(len(capitals) + EXTRA_WORDS, len(before)) + 1):
            words = before[-k:]
            if words[0][0].lower() != abbr[0].lower():
                continue
            if _in_order(capitals, " ".join(words).lower()):
                yield abbr, " ".join(words)
                break


@dataclass
class Abbreviations:
    """Stemmed abbreviation → stemmed terms of its long form(s)."""

    long_forms: dict[str, list[frozenset[str]]] = field(default_factory=dict)
    # each pair is reachable from the abbreviation and from one term of its long form
    _by_term: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for abbr, forms in self.long_forms.items():
            for long in forms:
                for key in (abbr, min(long)):
                    self._by_term.setdefault(key, []).append((abbr, long))

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Abbreviations:
        found: dict[str, set[frozenset[str]]] = {}
        for text in texts:
            for abbr, long in definitions(text):
                short = terms(abbr)
                long_terms = frozenset(terms(long)) - set(short)
                if len(short) == 1 and long_terms:
                    found.setdefault(short[0], set()).add(long_terms)
        return cls({a: sorted(forms, key=sorted) for a, forms in found.items()})

    def expand(self, words: set[str] | frozenset[str]) -> set[str]:
        """``words`` plus the long form's terms of every abbreviation in them, and every
        abbreviation whose long form they contain completely."""
        out = set(words)
        for word in words:
            for abbr, long in self._by_term.get(word, ()):
                if abbr in words:
                    out |= long
                elif long <= words:
                    out.add(abbr)
        return out
