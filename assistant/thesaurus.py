"""Synonyms of a question's words, from OpenThesaurus, so "übersetzen" finds "Dolmetscher".

Staff ask in their own words ("Können wir … jemanden zum Übersetzen organisieren?", "Gibt es
im Kiez …", "… für Azubis"); documents answer in theirs ("Sprachmittlerpool", "Stadtteil",
"Auszubildende"). The German thesaurus OpenThesaurus (LGPL; Debian package
``openthesaurus-de-text``, installed by ``scripts/install.sh``) lists words of one meaning in
synsets, one per line: "Statistik;Daten;Datenmaterial;Zahlen". Every entry that is one content
word ("Daten", "im Durchschnitt", "Mittel (ugs.)") is read as that word's stem. A word's
synonyms are the other stems of every synset it belongs to. An entry of several words ("im
Schnitt", "Sek I") is also looked for as a phrase in the question, where it lends the
one-word entries of its synsets to its words ("im Schnitt" → "durchschnittlich", "typisch").

They are used twice, and cautiously, because a word has several meanings ("Schnitt" is
also a haircut) and the thesaurus cannot tell which one the question means: the word search
looks for the synonyms of a question word only when no document uses the word itself
(``assistant.search.retrieve``), and a sentence that says a synonym gets less than one that says
the word (``synonym_share`` in ``assistant.params``). A word in more than ``MAX_SYNSETS`` synsets
("Schnitt", "Zahl", "fehlen") lends none; a phrase names one meaning and always lends
(``question_synonyms``). Without the file there are no synonyms and
everything else works as before.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from assistant.text import STOPWORDS, stem, term_groups, words

log = logging.getLogger(__name__)

PATH = Path("/usr/share/openthesaurus-de/openthesaurus.txt")
_REMARK = re.compile(r"\([^)]*\)")  # "(ugs.)", "(fachspr.)", "(eine Regel)"
# a word in more synsets than this has too many meanings to lend any of them
MAX_SYNSETS = 8
MAX_PHRASE = 4  # words of the longest thesaurus phrase looked for in a question


# registers an official document does not write in: such an entry finds its synonyms
# ("Azubi (ugs.)" → "Auszubildende") but is found by none ("Eltern" ↛ "Alte (ugs.)")
_INFORMAL = re.compile(r"\((ugs|derb|vulg|veraltet|scherzh|abwertend|fig|österr|schweiz|"
                       r"regional|norddeutsch|süddeutsch|jugendsprachlich|Jargon|Slang|"
                       r"Szenejargon|engl|lat|franz)\b[^)]*\)", re.I)


def _entry(entry: str) -> tuple[tuple[str, ...], str, bool]:
    """An entry's words, the stem of its one content word ("im Durchschnitt" →
    "durchschnitt"; "" when it has several) and whether its register is informal."""
    said = tuple(words(_REMARK.sub(" ", entry)))
    content = [w for w in said if w not in STOPWORDS]
    one = stem(content[0]) if len(content) == 1 and content[0].isalpha() else ""
    return said, one, bool(_INFORMAL.search(entry))


@dataclass(frozen=True)
class _Thesaurus:
    # stem → the synsets it belongs to (stems of their entries in an official register)
    words: dict[str, tuple[frozenset[str], ...]]
    # a phrase entry's words ("im", "schnitt") → the stems its synsets lend
    phrases: dict[tuple[str, ...], frozenset[str]]


@cache
def _read(path: Path = PATH) -> _Thesaurus:
    """The thesaurus file, indexed; empty without it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("OpenThesaurus (%s) fehlt: Fragen finden Dokumente nur mit ihren eigenen "
                    "Wörtern. Abhilfe: 'sudo apt-get install openthesaurus-de-text'.", path)
        return _Thesaurus({}, {})
    member: dict[str, list[frozenset[str]]] = defaultdict(list)
    phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for line in lines:
        if line.startswith("#"):
            continue
        entries = [_entry(e) for e in line.split(";")]
        official = frozenset(s for _, s, informal in entries if len(s) > 2 and not informal)
        if not official:
            continue
        for s in {s for _, s, _ in entries if len(s) > 2}:
            if official - {s}:
                member[s].append(official)
        # a phrase lends the one-word entries of its synsets: "im Mittel" beside "im
        # Schnitt" would lend "Mittel", which in a document is money
        lent = {s for said, s, informal in entries
                if len(said) == 1 and len(s) > 2 and not informal}
        for said, _, _ in entries:
            if 1 < len(said) <= MAX_PHRASE:
                phrases[said] |= lent
    return _Thesaurus({s: tuple(sets) for s, sets in member.items() if len(sets) <= MAX_SYNSETS},
                      {k: frozenset(v) for k, v in phrases.items() if v})


_LOADING = threading.Lock()


def load() -> _Thesaurus:
    """The indexed thesaurus, read on first use. ``Engine.open`` calls this in a background
    thread, so the first question does not wait the second or two it takes; a question
    that comes sooner waits for that reading instead of starting its own."""
    with _LOADING:
        return _read()


@cache
def synonyms(term: str) -> frozenset[str]:
    """Stems that OpenThesaurus lists beside the stem ``term`` ("ubersetz" → "dolmetsch",
    "sprachmittl", …); empty when it lists none or the file is missing."""
    found = set().union(*load().words.get(term, ()))
    found.discard(term)
    return frozenset(found)


def synonyms_of(group: frozenset[str]) -> frozenset[str]:
    """Synonyms of any term of a concept (``text.term_groups``), without its own terms."""
    return frozenset().union(*map(synonyms, group)) - group


@lru_cache(maxsize=256)  # search, rerank and answer ask for the same question
def question_synonyms(question: str) -> dict[frozenset[str], frozenset[str]]:
    """Each concept of ``question`` (``text.term_groups``) → its synonyms: those of its
    words and those of a thesaurus phrase of the question that contains it. A phrase has
    one meaning where its word has many: "im Schnitt" lends "durchschnittlich" although
    "Schnitt" alone lends nothing."""
    said = words(question)
    phrases = load().phrases
    by_stem: dict[str, set[str]] = defaultdict(set)
    for n in range(2, MAX_PHRASE + 1):
        for i in range(len(said) - n + 1):
            lent = phrases.get(tuple(said[i:i + n]))
            if lent:
                for w in said[i:i + n]:
                    if w not in STOPWORDS:
                        by_stem[stem(w)] |= lent
    return {g: (synonyms_of(g) | frozenset().union(*(by_stem.get(t, ()) for t in g))) - g
            for g in set(term_groups(question))}
