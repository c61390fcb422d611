"""Typing slips in questions, read as the word the documents use.

"Woran liegt es, dass die Schulamneldung so lange dauert?" finds nothing by its key word:
no passage uses "Schulamneldung", the lexical search drops it, and the answerability check
declines the question because a concept of it is used nowhere. Staff type fast, so a
question word that no indexed passage uses – neither the word, nor its stem, nor as a
compound of known words – is compared with the documents' own words:

- Damerau-Levenshtein distance (rapidfuzz) of 1, or 2 for words of 10 letters and more
  (a swapped pair of letters counts once);
- the same first letter, and at least 5 letters: short words and initials are names too
  often ("Nord", "DaZ");
- among equally near words the one the documents use most often;
- a compound the documents never write as one word ("Schulamneldung") is read as a part
  they use ("Schul", from "Schulplatz") and a near word for the rest ("Anmeldung").

Umlauts typed as "ae", "oe", "ue" ("naechste") are read as umlauts when that gives a word
of the documents or of German and the word as typed is none. A word spelled right
("Leitfaden", "organisieren", by pyspellchecker's German word list)
is never changed, even when the documents use a near one ("organisiert"). Otherwise the
documents' spelling decides, so names and local terms are read as the documents write
them, and a word that is merely not in them ("Gesamtbudget") stays as typed unless a
near-identical word exists. The answer says which words were read how.

A question typed all in lower case (or with only its first letter capitalised, as phones
do) gets the capitals the documents give its words ("ki" → "KI", "kinder" → "Kinder"); a
word they lack is capitalised when the part-of-speech tagger (``nouns``) reads it as a noun or
name ("dortmund"), or by its ending ("-ung", "-keit", …) or its last part; an unknown noun of
up to three letters ("daz") is read as an abbreviation. The
embedding model reads "Integrationsbemühungen" better than "integrationsbemühungen".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from spellchecker import SpellChecker

from assistant.text import STOPWORDS, compound_parts, stem

_TOKEN = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 5
LONG = 10  # from this length two slips are allowed


class Speller:
    """The documents' words by first letter, with their frequencies."""

    def __init__(self, texts: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        written: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for word in _TOKEN.findall(text):
                counts[word.lower()] += 1
                written[word.lower()][word] += 1
        # how each word is written most often ("KI", "Kinder", "neu") and how often with a
        # capital (nouns and names: always), also by stem ("Quelle" for "quellen")
        self.forms = {w: forms.most_common(1)[0][0] for w, forms in written.items()}
        self.capitalised = {w: sum(n for f, n in forms.items() if f[0].isupper()) / counts[w]
                            for w, forms in written.items()}
        by_stem: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for w, share in self.capitalised.items():
            seen = by_stem[stem(w)]
            seen[0] += round(share * counts[w])
            seen[1] += counts[w]
        self.stem_capitalised = {st: c / n for st, (c, n) in by_stem.items()}
        counts = Counter({w: n for w, n in counts.items() if len(w) >= MIN_LETTERS})
        self.counts = counts
        self._by_first: dict[str, list[str]] = defaultdict(list)
        for word in counts:
            self._by_first[word[0]].append(word)

    def _nearest(self, word: str, limit: int) -> str | None:
        """The nearest of the documents' words within ``limit`` edits; the most used first."""
        near = process.extract(word, self._by_first.get(word[0], []),
                               scorer=DamerauLevenshtein.distance, score_cutoff=limit,
                               limit=None)
        return min(near, key=lambda m: (m[1], -self.counts[m[0]], m[0]))[0] if near else None

    def suggest(self, word: str, known: Callable[[str], bool] = lambda _: False) -> str | None:
        """The documents' word nearest to ``word`` (lower case), or None if none is near.
        A compound the documents do not write as one word ("Schulamneldung") is read as a
        part they use (``known``: "schul") and a near word for the rest ("anmeldung"); one
        slip only."""
        word = word.lower()
        if len(word) < MIN_LETTERS or word in self.counts:
            return None
        whole = self._nearest(word, 2 if len(word) >= LONG else 1)
        if whole:
            return whole
        options = []
        for i in range(4, len(word) - MIN_LETTERS + 1):
            left, right = word[:i], word[i:]
            if known(left) or (left.endswith("s") and known(left[:-1])):
                fixed = self._nearest(right, 1)
                if fixed:
                    options.append((left + fixed, self.counts[fixed]))
            if len(left) >= MIN_LETTERS and known(right):
                fixed = self._nearest(left, 1)
                if fixed:
                    options.append((fixed + right, self.counts[fixed]))
        return max(options, key=lambda o: (o[1], o[0]))[0] if options else None


_UMLAUT = {"ae": "ä", "oe": "ö", "ue": "ü", "Ae": "Ä", "Oe": "Ö", "Ue": "Ü"}


def _with_umlauts(word: str) -> str:
    """"veraendert" → "verändert": umlauts written as on a keyboard without them."""
    return re.sub(r"[AaOoUu]e", lambda m: _UMLAUT[m.group(0)], word)


@cache
def _german() -> SpellChecker:
    # loaded only when a question has a word to correct: 0.8 s, 340,000 word forms
    return SpellChecker(language="de", distance=1)


def is_german_word(word: str) -> bool:
    """Whether ``word`` is spelled right in German (pyspellchecker's German word list): such
    a word is meant as typed, even when the documents use a near one instead."""
    return word.lower() in _german()


def correct(question: str, speller: Speller, known: Callable[[str], bool],
            known_part: Callable[[str], bool] = lambda _: False
            ) -> tuple[str, list[tuple[str, str]]]:
    """``question`` with each unknown word replaced by the documents' nearest word, and the
    (typed, read) pairs. ``known(word)`` tells whether the documents use a word already,
    ``known_part(word)`` whether they use it at least inside compounds."""
    fixes: list[tuple[str, str]] = []

    def fix(match: re.Match) -> str:
        typed = match.group(0)
        if len(typed) < MIN_LETTERS or typed.lower() in STOPWORDS:
            return typed
        spelled = _with_umlauts(typed)
        if spelled != typed and (spelled.lower() in speller.counts or is_german_word(spelled)
                                 ) and not is_german_word(typed):
            return spelled  # "naechste" is "nächste" in another spelling, not a slip
        if known(typed):
            return typed
        read = speller.suggest(typed, known_part)
        if read is None or read == typed.lower() or is_german_word(typed):
            return typed
        if typed[0].isupper():
            read = read[0].upper() + read[1:]
        fixes.append((typed, read))
        return read

    return _TOKEN.sub(fix, question), fixes


_NOUN_ENDING = re.compile(r"(ung|heit|keit|schaft|tät|nis|tion|ismus|ling)(en|se|s)?$")


def truecase(question: str, speller: Speller,
             nouns: Callable[[list[str]], list[bool]] | None = None) -> str:
    """A question typed all in lower case ("wo stehen wir in unseren
    integrationsbemühungen?") with the capitals the documents give its words: nouns and
    names are capitalised in German, and the embedding model reads them better so. A
    question with any capital after its first letter is left as typed."""
    if any(c.isupper() for c in question[1:]):
        return question
    tokens = _TOKEN.findall(question)
    tagged = dict(zip(tokens, nouns(tokens))) if nouns and tokens else {}

    def share(word: str) -> float | None:
        if word in speller.capitalised:
            return speller.capitalised[word]
        return speller.stem_capitalised.get(stem(word))

    def capital(match: re.Match) -> str:
        word = match.group(0)
        known = share(word)
        if known is None and len(word) <= 3 and tagged.get(word):
            return word.upper()  # "daz": an abbreviation the documents do not use
        if known is None:  # not in the documents: a noun to the tagger, by its ending or
            parts = compound_parts(word)  # by its last part
            noun = tagged.get(word) or bool(_NOUN_ENDING.search(word)) or (
                len(parts) > 1 and (share(parts[1]) or 0.0) >= 0.8)
            known = 1.0 if noun else 0.0
        if known < 0.8:
            return word
        form = speller.forms.get(word, word)
        return form if form.lower() == word and form[0].isupper() else word[0].upper() + word[1:]

    read = _TOKEN.sub(capital, question)
    return read[:1].upper() + read[1:]


def note(fixes: list[tuple[str, str]]) -> str:
    """The line an answer carries about the words it read differently."""
    pairs = ", ".join(f"„{typed}“ als „{read}“" for typed, read in fixes)
    return f"Hinweis: {pairs} gelesen."
