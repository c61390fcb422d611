"""Offers named in prose: "Darüber hinaus bietet der JMD einen Bewerbungskurs an."

A capitalised word whose last part is one of ``KEYWORDS`` — German words for offers, bodies
and plans (…kurs, …café, …treff, …netzwerk, …kreis, …stelle, …konzept …; general
administrative usage, not taken from any document; listed with their origin in
``data/woerter.json``) — plus the proper name after it („…“, capitalised words, a year)
names an offer. A bare generic word ("Netzwerke", "Beratung") without a name is none.
One finder for both users: a list answer reads the offers a passage names in its sentences
(``prose_items``), the measures overview (``assistant.draft.measures``) its measures.
"""

from __future__ import annotations

import re

from assistant import wordlists
from assistant.answer.lists import Item
from assistant.text import split_sentences
from assistant.types import Source

# German words for offers, bodies and plans (massnahmen_stichwoerter) …
KEYWORDS = wordlists.words("massnahmen_stichwoerter")
# … a bare one of these ("Netzwerke", "Konzept", "Beratung") needs a proper name after it
GENERIC = wordlists.words("massnahmen_allgemein")
# what a name column is called (spalten_name): "Maßnahme", "Angebot" … — those that are no
# kind of their own ask for any offer
ANY_OFFER = tuple(w for w in wordlists.words("spalten_name") if not any(k in w for k in KEYWORDS))

# "Was bietet der JMD an?", "Was läuft an Angeboten …?": asks for what is offered
WHAT_IS_OFFERED = re.compile(r"^\W*was\s+(bietet|bieten|läuft|laufen)\b", re.IGNORECASE)

WORD = r"[A-ZÄÖÜ][\wÄÖÜäöüß-]*"
_NAMEPART = re.compile(r"\s*(„[^“”\"]{2,40}[“”\"]|\"[^\"]{2,40}\"|" + WORD + r"|(?:19|20)\d\d)")
_STOP = {"Der", "Die", "Das", "Den", "Dem", "Des", "Im", "In", "Seit", "Für", "Es", "Mit",
         "Zum", "Zur", "Und", "Auch", "Dort", "Ein", "Eine", "Bei", "Am", "Als", "Nach", "Von"}


def offer_names(text: str) -> list[str]:
    """The names of offers, bodies and plans in a sentence or heading (module doc)."""
    out = []
    for m in re.finditer(WORD, text):
        word = m.group(0)
        low = word.lower()
        key = next((k for k in KEYWORDS if k in low), None)
        if key is None:
            continue
        end = low.index(key) + len(key)
        suffix, base = low[end:], word[:end]
        rest, pos = [], m.end()
        while len(rest) < 3 and (part := _NAMEPART.match(text, pos)) and \
                part.group(1) not in _STOP and not part.group(1).lower().startswith(KEYWORDS) \
                and not text.startswith(":", part.end()):
            rest.append(part.group(1))
            pos = part.end()
        bare = low.startswith(key)  # not a compound like "Integrationskonzept"
        if suffix not in ("", "s", "es", "e", "en", "n") or (key in GENERIC and bare and (
                not rest or suffix in ("e", "en", "n") or key == "konzept")):
            continue
        out.append(" ".join([base, *rest]))
    return out


def sentences_of(text: str) -> list[str]:
    """A passage's sentences, list lines apart ("•" and line breaks end a unit)."""
    return [s for part in re.split(r"[•\n]+", text) for s in split_sentences(part)]


def asked_kinds(question: str) -> tuple[str, ...] | None:
    """Which offers a question asks for: None when it asks for none; () for any offer
    ("Welche Angebote …", "Welche Maßnahmen …", "Was bietet … an?"); else the kinds its words
    name ("Welche Netzwerke …" → netzwerk, "Welche Integrationskonzepte …" → konzept)."""
    words = re.findall(r"\w+", question.lower())
    if any(w.startswith(ANY_OFFER) for w in words) or WHAT_IS_OFFERED.search(question):
        return ()
    kinds = tuple(dict.fromkeys(k for w in words for k in KEYWORDS if k in w))
    return kinds or None


def prose_items(source: Source, kinds: tuple[str, ...] = ()) -> list[Item]:
    """The offers a passage names in its sentences (of the asked ``kinds``; any when
    empty), one item per sentence (its first such name), the sentence as the item's text.
    A question ("…?") or an introduction ("…:") names none."""
    out = []
    for sentence in sentences_of(source.chunk.text):
        names = [n for n in offer_names(sentence)
                 if not kinds or any(k in n.lower() for k in kinds)]
        if names and not sentence.rstrip().endswith(("?", ":")):
            out.append(Item(name=names[0], text=sentence.strip(), sources=(source,)))
    return out
