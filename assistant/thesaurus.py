"""Synonyms of a question's words, from OpenThesaurus, so "übersetzen" finds "Dolmetscher".

Staff ask in their own words ("Können wir … jemanden zum Übersetzen organisieren?", "Gibt es
im Kiez …", "… für Azubis"); documents answer in theirs ("Sprachmittlerpool", "Stadtteil",
"Auszubildende"). The German thesaurus OpenThesaurus (LGPL; Debian package
``openthesaurus-de-text``, installed by ``scripts/install.sh``) lists words of one meaning in
synsets, one per line: "Statistik;Daten;Datenmaterial;Zahlen". Every entry that is one content
word ("Daten", "im Durchschnitt", "Mittel (ugs.)") is read as that word's stem; longer phrases
are left out. A word's synonyms are the other stems of every synset it belongs to.

They are used twice, and cautiously, because a word has several meanings ("Schnitt" is
also a haircut) and the thesaurus cannot tell which one the question means: the word search
looks for the synonyms of a question word only when no document uses the word itself
(``assistant.retrieve``), and a sentence that says a synonym gets less than one that says
the word (``assistant.rerank.SYNONYM_SHARE``). A word in more than ``MAX_SYNSETS`` synsets
("Schnitt", "Zahl", "fehlen") lends none. Without the file there are no synonyms and
everything else works as before.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

from assistant.text import STOPWORDS, stem, words

log = logging.getLogger(__name__)

PATH = Path("/usr/share/openthesaurus-de/openthesaurus.txt")
_REMARK = re.compile(r"\([^)]*\)")  # "(ugs.)", "(fachspr.)", "(eine Regel)"
# a word in more synsets than this has too many meanings to lend any of them
MAX_SYNSETS = 8


# registers an official document does not write in: such an entry finds its synonyms
# ("Azubi (ugs.)" → "Auszubildende") but is found by none ("Eltern" ↛ "Alte (ugs.)")
_INFORMAL = re.compile(r"\((ugs|derb|vulg|veraltet|scherzh|abwertend|fig|österr|schweiz|"
                       r"regional|norddeutsch|süddeutsch|jugendsprachlich|Jargon|Slang|"
                       r"Szenejargon|engl|lat|franz)\b[^)]*\)", re.I)


def _entry_stem(entry: str) -> str:
    """The stem of an entry that is one content word ("im Durchschnitt" → "durchschnitt"),
    else ""."""
    content = [w for w in words(_REMARK.sub(" ", entry)) if w not in STOPWORDS]
    return stem(content[0]) if len(content) == 1 and content[0].isalpha() else ""


@cache
def _synsets(path: Path = PATH) -> dict[str, tuple[frozenset[str], ...]]:
    """stem → the synsets it belongs to, each as the stems of its entries in an official
    register; empty without the thesaurus file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        log.warning("OpenThesaurus (%s) fehlt: Fragen finden Dokumente nur mit ihren eigenen "
                    "Wörtern. Abhilfe: 'sudo apt-get install openthesaurus-de-text'.", path)
        return {}
    member: dict[str, list[frozenset[str]]] = defaultdict(list)
    for line in lines:
        if line.startswith("#"):
            continue
        entries = [(_entry_stem(e), bool(_INFORMAL.search(e))) for e in line.split(";")]
        official = frozenset(s for s, informal in entries if len(s) > 2 and not informal)
        if not official:
            continue
        for s in {s for s, _ in entries if len(s) > 2}:
            if official - {s}:
                member[s].append(official)
    return {s: tuple(sets) for s, sets in member.items() if len(sets) <= MAX_SYNSETS}


@cache
def synonyms(term: str) -> frozenset[str]:
    """Stems that OpenThesaurus lists beside the stem ``term`` ("ubersetz" → "dolmetsch",
    "sprachmittl", …); empty when it lists none or the file is missing."""
    found = set().union(*_synsets().get(term, ()))
    found.discard(term)
    return frozenset(found)


def synonyms_of(group: frozenset[str]) -> frozenset[str]:
    """Synonyms of any term of a concept (``text.term_groups``), without its own terms."""
    return frozenset().union(*map(synonyms, group)) - group
