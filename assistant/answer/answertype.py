"""What kind of answer a question asks for, and whether a sentence gives it.

- **Answer type.** "Wie viele …?" wants a count (a date is none), "Wann …?" a date and
  "Was kostet …?" an amount of money, "Wie hoch ist die Quote …?" a share: a sentence without
  one counts less, however well it matches. Amounts are always written with their unit
  (€, Euro, Mio.) and shares with theirs (%, Prozent, Hälfte), so a question for either
  whose passages name none at all is declined (``wanted``).
- **Asked noun.** "Wie viele Mitglieder …?" is answered by a number of members ("2.000
  Mitglieder", "Mitglieder: 1.345"), not by the founding year or six courts: a sentence
  without a number next to the asked noun (or its unit's abbreviation, "km") counts less,
  and a question whose found sentences give none is declined (``asked_unit``,
  ``names_unit``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant import params, thesaurus
from assistant.text import MONTHS, STOPWORDS, stem, terms

# "Wie viele …" (also "Wieviele"), "Wie hoch …", "Um wie viel …": the answer is a quantity
_ASKS_QUANTITY = re.compile(
    r"\b(wie\s*viele?|wie\s+(hoch|oft|lange|alt|gro(ß|ss)|teuer|weit)|um\s+wie\s*viel|"
    r"wie\s*viel\s+prozent|welche[rn]?\s+(anteil|zahl|summe|betrag|quote))\b", re.I)
# "Wann …", "Seit wann …", "In welchem Jahr …": the answer is a point in time
_ASKS_TIME = re.compile(r"\b(wann|in\s+welchem\s+(jahr|monat|schuljahr)|"
                        r"an\s+welchem\s+tag|welches\s+datum)\b", re.I)
_NUMBER_WORDS = (
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|"
    r"fünfzig|hundert|tausend|dutzend|hälfte|drittel|viertel|doppelt|dreifach|"
    r"einmal|zweimal|dreimal|viermal|jährlich|halbjährlich|monatlich|wöchentlich|täglich|"
    r"mehrere|wenige|zahlreiche"
)
_NUMBER = re.compile(rf"\d|\b({_NUMBER_WORDS})", re.I)
_WEEKDAYS = "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
_TIME = re.compile(rf"\d|\b({MONTHS}|{_WEEKDAYS}|frühjahr|sommer|herbst|winter|anfang|ende|"
                   r"mitte)", re.I)
# dates and years are no answer to "Wie viele": "Seit dem 1. August 2019 …" counts nothing
_DATE = re.compile(rf"\b\d{{1,2}}\.\s*({MONTHS}|\d{{1,2}}\.)\s*(\d{{2,4}})?|"
                   rf"\b({MONTHS})\s+\d{{4}}|(?<![\d.,])(19[5-9]\d|20[0-4]\d)(/\d{{2}})?(?![\d.,]\d)",
                   re.I)
# "Was kostet …", "Wie hoch ist das Budget …": the answer is an amount of money
_ASKS_MONEY = re.compile(r"\b(kostet|kosten|teuer|budget|etat|haushaltsmittel|fördersumme|"
                         r"wie\s*viel\s+geld)\b", re.I)
_MONEY = re.compile(r"€|\b(euro|eur|tsd|mio|millionen|tausend)\b", re.I)
# "Wie hoch ist die Abbruchquote …", "Wie viel Prozent …", "Welchen Anteil …": a share
_ASKS_SHARE = re.compile(r"\b(wie\s+(hoch|gro(ß|ss))|wie\s*viel)\b[^?]*?(\w*(quote|rate)|"
                         r"\banteil\w*|\bprozent\w*)\b|"
                         r"\bwelche[nr]?\s+(anteil|quote|rate|prozentsatz)\b", re.I)
_SHARE = re.compile(r"%|\b(prozent\w*|hälfte|drittel|viertel|fünftel|zehntel)\b|"
                    r"\bjede[rsmn]?\s+(zweite|dritte|vierte|fünfte|zehnte)", re.I)


@dataclass(frozen=True)
class Wanted:
    """A kind of answer that is always written in a recognisable way: a question asking
    for it is declined when no found sentence names one (``hint`` says so)."""

    what: str
    asks: re.Pattern
    names: re.Pattern
    hint: str


WANTED = (
    Wanted("Kosten", _ASKS_MONEY, _MONEY, "keine der gefundenen Stellen nennt einen Geldbetrag"),
    Wanted("einem Anteil", _ASKS_SHARE, _SHARE,
           "keine der gefundenen Stellen nennt einen Anteil oder eine Quote"),
)


def wanted(question: str) -> Wanted | None:
    """The kind of answer ``question`` asks for, if it is money or a share."""
    return next((w for w in WANTED if w.asks.search(question)), None)


# "Wie viele Muster …", "Ab wie vielen Kilometern …", "Wie viel Taschengeld …": the counted
# noun follows; "Wie hoch ist der Zuschuss …", "Wie lange dauert die Frist …": the measured
# noun follows the first article that begins no prepositional phrase ("nach dem AsylbLG")
_COUNTED = re.compile(r"\bwie\s*viel(?:e[nmrs]?)?\s+(.*)", re.I)
_MEASURED = re.compile(r"\bwie\s+(?:hoch|gro(?:ß|ss)|lang|lange|alt|schwer|weit|teuer|breit|"
                       r"dick)\s+(.*)", re.I)
_ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den"})
_PREPOSITIONS = frozenset({
    "nach", "in", "für", "bei", "von", "mit", "laut", "gemäß", "an", "auf", "aus", "über",
    "unter", "vor", "zu", "seit", "bis", "durch", "gegen", "ohne", "um", "während"})
# "die Anzahl der Baumarten": the counted noun is the one after it
_COUNT_NOUNS = frozenset({"anzahl", "zahl", "menge", "summe", "gesamtzahl"})
# nouns for any people: "Wie viele Leute arbeiten …" is answered by "zwölf Fachkräfte"
_ANY_PEOPLE = frozenset({"leute", "menschen", "personen"})
# "Wie viel des Budgets …", "Wie viel vom Etat …": a share of it, not a count
_SHARE_OF = frozenset({"des", "der", "dem", "den", "von", "vom"})
_LINKS = frozenset({"und", "oder", "bis", "sowie"})  # "Sport- und Musikvereine"
_QWORD = re.compile(r"[^\W\d_]+-?")
_WORD = re.compile(r"\w+(?:[.,]\d+)*-?|[%€²]")  # "Sport-" of "Sport- und Musikvereine"
UNIT_WINDOW = 4  # a number and the noun it counts: "fünf gleichzeitig anwesende Kinder"
UNIT_AFTER = 3  # a noun and its number after it: "Einwohnerzahl betrug 1.345"
# nouns that are part of a number: "1,7 Millionen Einwohner"
_NUMBER_NOUNS = frozenset({"million", "millionen", "milliarde", "milliarden", "mio", "mrd",
                           "tsd", "tausend", "hundert", "dutzend", "prozent"})


def _first_noun(words: list[str], lower: bool) -> str:
    """The first noun of ``words``: capitalised (a truncated "Sport-" of "Sport- und
    Musikvereine" is none), in a question typed in lower case the first word that is no
    stopword; a noun of counting ("Anzahl") gives the one after it."""
    for i, word in enumerate(words):
        if word.endswith("-"):
            continue
        if (word.lower() not in STOPWORDS) if lower else word[0].isupper():
            if word.lower() in _COUNT_NOUNS:
                return _first_noun(words[i + 1:], lower) or word
            return word
    return ""


def _noun_phrase(words: list[str]) -> list[str]:
    """The words after "wie viel(e)" up to its noun: adjectives and adverbs may stand
    between ("wie viele gut ausgebildete Fachkräfte", "Sechs- bis Zehnjährige"); a verb, article or
    preposition ends the phrase, so "Wie viel höher war die Zahl …" or "Um wie viel hat sich
    …" ask for a difference, not for a number of the noun after it."""
    for i, word in enumerate(words):
        if word.lower() in STOPWORDS and word.lower() not in _LINKS:
            return words[:i]
    return words


@lru_cache(maxsize=256)
def asked_unit(question: str) -> tuple[str, bool] | None:
    """The noun a quantity question counts or measures, and whether the number must stand
    next to it (counted: "Wie viele Muster" → 4.500 Muster) or only in its sentence
    (measured: "Wie hoch ist der Zuschuss" → "Der Zuschuss beträgt 2,50 Euro"). None for
    questions about money or a share: ``wanted`` checks those."""
    if wanted(question):
        return None
    lower = question[1:] == question[1:].lower()
    m = _COUNTED.search(question)
    if m:
        words = _QWORD.findall(m.group(1))[:4]
        if words and words[0].lower() in _SHARE_OF:
            return None
        noun = _first_noun(words if lower else _noun_phrase(words), lower)
        return (noun, True) if noun and noun.lower() not in _ANY_PEOPLE else None
    m = _MEASURED.search(question)
    if not m:
        return None
    words = _QWORD.findall(m.group(1))
    for i, word in enumerate(words):
        if word.lower() in _ARTICLES and (i == 0 or words[i - 1].lower() not in _PREPOSITIONS):
            noun = _first_noun(words[i + 1:i + 6], lower)
            return (noun, False) if noun else None
    return None


# the usual abbreviations of units (DIN 1301, Duden), by the unit's name
UNIT_SYMBOLS = {
    "kilometer": ("km",), "quadratmeter": ("m²", "m2", "qm"), "zentimeter": ("cm",),
    "millimeter": ("mm",), "meter": ("m",), "stunde": ("std", "h"), "minute": ("min",),
    "sekunde": ("s", "sek"), "kilogramm": ("kg",), "gramm": ("g",), "liter": ("l",),
    "punkt": ("pt",), "kilobyte": ("kb",), "megabyte": ("mb",), "gigabyte": ("gb",),
    "prozent": ("%",), "euro": ("€", "eur"),
}
# nouns that ask for any unit of a kind: "Wie viel Zeit …" is answered by "zwei Wochen"
_TIME_UNITS = ("tag", "woch", "monat", "jahr", "stund", "minut")
UNIT_KINDS = {w: _TIME_UNITS for w in ("zeit", "dauer", "frist", "fristen", "zeitraum")}
# a count: digits or a cardinal number word, not "mehrere" or "jährlich"
_CARDINAL = re.compile(r"\d.*|(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|elf|zwölf|"
                       r"\w*(zehn|zig|hundert|tausend)|(hundert|tausend|dutzend)en?)-?", re.I)


@lru_cache(maxsize=256)
def _unit_synonyms(noun: str) -> frozenset[str]:
    """Stems OpenThesaurus lists beside the noun's ("Fahrgäste" → "passagi"), without the
    words of counting ("Ziffern" → "zahl", "nummer"): a number of those is a number of
    anything."""
    found = terms(noun)
    counting = {stem(w) for w in _COUNT_NOUNS | {"nummer", "ziffer", "teil"}}
    return frozenset(s for s in thesaurus.synonyms(found[0]) if len(s) >= 4
                     and s not in counting) if found else frozenset()


@lru_cache(maxsize=256)
def _unit_stems(noun: str) -> tuple[str, ...]:
    """The noun's stem, its compound's head ("Unterrichtsstunden" → "stund"), the
    abbreviations of a unit ("Kilometern" → "km") and the units of a kind ("Zeit")."""
    found = terms(noun)
    if not found:
        return ()
    own = found[0]
    # a loanword's plural keeps its "s" in the stem: "Grammys" is "Grammy"
    plural = [own[:-1]] if own.endswith("s") and len(own) > 4 else []
    head = [t for t in found[1:] if len(t) >= 4 and own.endswith(t)]
    symbols = [a for name, abbr in UNIT_SYMBOLS.items()
               if re.search(f"{name}(n|en|s|e)?$", noun.lower()) for a in abbr]
    return tuple(dict.fromkeys([own, *plural, *head[-1:], *symbols,
                                *UNIT_KINDS.get(noun.lower(), ())]))


@lru_cache(maxsize=50_000)
def _word_terms(word: str) -> tuple[str, ...]:
    return tuple(terms(word))


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def _plain(word: str) -> str:
    """``word`` as the stemmer spells it: lower case, umlauts without dots, "ß" as "ss"."""
    return word.lower().translate(_UMLAUTS).replace("ß", "ss")


@lru_cache(maxsize=8192)  # asked per sentence for its score, then for the decision
def names_unit(unit: tuple[str, bool], sentence: str) -> bool:
    """Whether ``sentence`` gives a number for the asked noun (``asked_unit``): a number
    (not a date) at most ``UNIT_WINDOW`` words before a word ending in the noun's stem or
    its head, or ``UNIT_AFTER`` words after it, with no other noun between ("600
    Unterrichtsstunden", "zwei Fachkräfte", "Mitglieder: 1.345"), or a number whose noun
    was said before ("… waren es 924"); for a measured noun, the noun and a number anywhere
    in the sentence."""
    noun, counted = unit
    stems, alike = _unit_stems(noun), _unit_synonyms(noun)
    words = _WORD.findall(_DATE.sub(" ", sentence))
    numbers = [i for i, w in enumerate(words) if _CARDINAL.fullmatch(w)]
    if not numbers:
        return False
    # a word's terms are computed only when it holds one of the stems (a costly split)
    look = (*stems, *alike)
    at = [i for i, w in enumerate(words)
          if w.lower() in stems or (any(s in _plain(w) for s in look) and (
              any(t.endswith(s) for t in _word_terms(w) for s in stems)
              or alike.intersection(_word_terms(w)[:1])))]
    if not counted:
        return bool(at)

    def noun(w: str) -> bool:
        return w[:1].isupper() and not w.endswith("-") and w.lower() not in _NUMBER_NOUNS

    def close(i: int, j: int, most: int) -> bool:  # no other noun between them
        return 0 < j - i <= most and not any(noun(w) for w in words[i + 1:j])

    def elided(j: int) -> bool:  # "2023 waren es 924.": the noun said before
        return ("es" in words[max(0, j - 3):j]
                and not any(noun(w) for w in words[j + 1:j + 1 + UNIT_WINDOW]))

    # "600 Unterrichtsstunden", "1,7 Millionen Einwohner"; "Mitglieder: 1.345", but not
    # "Mitglieder spielen auf sechs Plätzen": that number counts another noun
    return any(elided(j) for j in numbers) or any(
        close(j, i, UNIT_WINDOW) or (close(i, j, UNIT_AFTER) and not any(
            noun(w) for w in words[j + 1:j + 2])) for i in at for j in numbers)


def answer_type_factor(question: str, sentence: str) -> float:
    """``type_miss`` (``assistant.params``) for a sentence that lacks what the question asks
    for: an amount of money ("Was kostet …"), a share ("Wie hoch ist die Quote …"), a
    number of the asked noun ("Wie viele Mannschaften …": ``names_unit``), a count other than
    a date ("Wie viele …"), a date ("Wann …"); 1 otherwise."""
    miss = params.current().type_miss
    kind = wanted(question)
    if kind:
        return 1.0 if kind.names.search(sentence) else miss
    unit = asked_unit(question) if params.current().unit_rank else None
    if unit:
        return 1.0 if names_unit(unit, sentence) else miss
    if _ASKS_QUANTITY.search(question) and not _NUMBER.search(_DATE.sub(" ", sentence)):
        return miss
    if _ASKS_TIME.search(question) and not _TIME.search(sentence):
        return miss
    return 1.0
