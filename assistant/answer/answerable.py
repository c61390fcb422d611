"""Can the documents answer this question at all? Checks that a similarity score misses.

A question about something the documents never mention still finds passages that look
alike ("Wie hoch ist das Gesamtbudget des KI?" finds the KI's offers). Cheap signals
separate many of these cases from real answers:

- **Absent concepts.** A noun of the question that no indexed passage uses – neither the
  word, nor its stem, nor the head of the compound together with its modifier
  ("Elternbildungsgruppen" is known when "Elternbildung" and "Gruppen" are). Nominalised
  verbs ("zum Übersetzen") and very general nouns ("Mal", "Hause") are not concepts. Nouns
  are found by their capital letter; in a question typed all in lower case ("wie hoch ist
  das gesamtbudget …") the Hanover Tagger's German model (HanTa, offline) finds them. A
  *name* no document uses (tagged NE: "Dortmund", "BAMF") declines the question outright:
  passages about Beispielstadt do not answer a question about Dortmund, however alike.
- **Years.** A question about 2019 is not answered by a sentence about 2022: sentences that
  do not mention the asked year count less (less still when their passage does not either).
- **Answer type** (``answertype``): a count, a date, an amount, a share, a number of the
  asked noun.

The answerer decides with the fitted decision (``decision``) after these checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from assistant import params, wordlists
from assistant.text import STOPWORDS, compound_parts, terms

# nouns too general to be the subject of a question (data/woerter.json: allgemeine_nomen)
GENERAL_NOUNS = frozenset(wordlists.words("allgemeine_nomen"))
# prepositions (with article) before a nominalised verb: "zum Übersetzen", "beim Anmelden"
_NOMINALISING = frozenset({"zum", "beim", "vom", "am", "ins", "fürs"})
_TOKEN = re.compile(r"[^\W\d_]+")  # letters of any alphabet: "Şahin"
# not inside a longer number, a decimal or a phone number ("1.240,5", "567-2020")
_YEAR = re.compile(r"(?<![\d,])(?<!\d-)(19[5-9]\d|20[0-4]\d)(?!\d|[.,]\d)")


def years(text: str) -> frozenset[str]:
    """Years 1950–2049 written as numbers ("2019", "2022/23" → 2022)."""
    return frozenset(_YEAR.findall(text))


@cache
def _tagger():
    # loaded with the first question: 0.2 s and 30 MB
    from HanTa import HanoverTagger

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


# a finite verb stands before its pronoun subject in a question ("an wen wende ich mich");
# the tagger's lexicon knows some such forms only as nouns ("Wende")
_SUBJECT_PRONOUNS = frozenset({"ich", "du", "er", "es", "man", "wir", "ihr", "sie"})


def _tags(tokens: list[str], lower: bool) -> list[tuple[str, str]]:
    """(part-of-speech tag, lemma) of the question's words (STTS: NN noun, NE name, …)."""
    return [(tag, lemma) for _, lemma, tag in
            _tagger().tag_sent(tokens, casesensitive=not lower)]


def tagged_nouns(tokens: list[str]) -> list[bool]:
    """For the words of a question typed in lower case: whether the tagger reads each as a
    noun or a name ("dortmund", "stellschrauben"), not as a finite verb before its subject
    pronoun ("wende ich")."""
    tags = [tag for tag, _ in _tags(tokens, lower=True)]
    return [tag.startswith(("NN", "NE")) and (
        i + 1 == len(tokens) or tokens[i + 1] not in _SUBJECT_PRONOUNS)
        for i, tag in enumerate(tags)]


@lru_cache(maxsize=256)
def _nouns(question: str) -> tuple[tuple[str, bool, str], ...]:
    """(word, is a name, lemma) for the capitalised words that do not begin a sentence,
    plus acronyms ("DaZ", "BAMF"); in a question without capitals after its first word,
    the words tagged as nouns. Names ("Dortmund") are the words the tagger tags as such;
    the lemma is the tagger's ("Gymnasien" → "Gymnasium").
    Cached: the answerability checks ask twice per question (names, then all nouns)."""
    found = list(_TOKEN.finditer(question))
    tokens = [m.group(0) for m in found]
    if not tokens:
        return ()
    # "Frage: Passen die Zahlen …?" – capitalised as the first word after ".", "?", ":" …
    starts = {i for i, m in enumerate(found)
              if not question[:m.start()].rstrip() or question[:m.start()].rstrip()[-1] in ".!?:;"}
    lower = not any(c.isupper() for word in tokens[1:] for c in word)
    tags, lemmas = zip(*_tags(tokens, lower))
    lower_nouns = tagged_nouns(tokens) if lower else []
    out = []
    for i, word in enumerate(tokens):
        acronym = sum(c.isupper() for c in word) >= 2
        noun = lower_nouns[i] if lower else word[0].isupper()
        # without capitals an acronym ("daz") cannot be told apart: three letters suffice
        short = len(word) < 3 if lower else len(word) < 4 and not acronym
        if (i in starts and not acronym) or not noun or short:
            continue
        if i > 0 and tokens[i - 1].lower() in _NOMINALISING and word.endswith("en"):
            continue
        if word.lower() in STOPWORDS or word.lower() in GENERAL_NOUNS:
            continue
        out.append((word, tags[i].startswith("NE"), lemmas[i]))
    return tuple(out)


def _stems(word: str) -> list[str]:
    return terms(word)[:1] or [word.lower()]


def _is_known(word: str, known: Callable[[str], bool]) -> bool:
    return any(known(s) for s in _stems(word))


def is_known_part(word: str, known: Callable[[str], bool]) -> bool:
    """A compound part: a known word whose stem has ≥ 4 letters (not "ung" of "Wohn|ungen")."""
    return any(len(s) >= 4 and known(s) for s in _stems(word))


def _compound_of_known(word: str, known: Callable[[str], bool]) -> bool:
    """"Elternbildungsgruppen" = known "Elternbildung" (+ linking s) + known "Gruppen": by the
    compound splitter, else by trying the split points against the documents' own words."""
    word = word.lower()
    parts = compound_parts(word)
    if parts and all(_is_known(p, known) for p in parts[:2]):
        return True
    for i in range(4, len(word) - 3):
        left, right = word[:i], word[i:]
        if is_known_part(right, known) and (is_known_part(left, known) or (
                left.endswith("s") and is_known_part(left[:-1], known))):
            return True
    return False


def is_known_word(word: str, known: Callable[[str], bool], lemma: str = "") -> bool:
    """Whether the documents use ``word``: its stem, or a compound of words they use, or
    the same of its ``lemma`` (the stemmer keeps "Gymnasien" and "Gymnasium",
    "Zentren" and "Zentrum" apart); ``known`` tells whether a stemmed term occurs in any
    passage."""
    return any(_is_known(w, known) or _compound_of_known(w, known)
               for w in dict.fromkeys((word, lemma or word)))


def absent_concepts(question: str, known: Callable[[str], bool], names: bool = False
                    ) -> list[str]:
    """Nouns of ``question`` that the indexed documents never use (only the names among
    them with ``names``); ``known`` tells whether a stemmed term occurs in any passage."""
    return [noun for noun, name, lemma in _nouns(question)
            if (name or not names) and not is_known_word(noun, known, lemma)]


def year_factor(asked: Iterable[str], sentence: str, passage: str) -> float:
    """Weight of a sentence for a question about ``asked`` years: 1 when the sentence names
    one of them, 0.7 when only its passage does, 0.4 when neither does."""
    asked = frozenset(asked)
    if not asked or not params.current().year_factor:
        return 1.0
    if asked & years(sentence):
        return 1.0
    return 0.7 if asked & years(passage) else 0.4
