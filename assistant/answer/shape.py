"""The shape of the answer a question asks for, read from its form alone (no word lists of
any corpus, no wording of the guidance's questions):

- ``list``: several things are asked for — "Welche Maßnahmen gibt es …?", "In welchen
  Fällen …?", "Was bietet X alles an?", "Bitte alle … nennen";
- ``balance``: how far a set of targets has come — "Wo stehen wir …?", "Was haben wir
  erreicht?", "Wie viele der Ziele …?";
- ``number``: "Wie viele …?", "Wie hoch …?";
- ``fact``: anything else (a name, a date, an explanation).

A question of several parts has the shape of its first part that is not ``fact``.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE

# a target, goal or aim together with reaching it, or "wo stehen wir"
BALANCE = re.compile(
    r"\bwo\s+stehen\s+wir\b|\bbilanz\b|"
    r"\b(ziele?n?|vorhaben|zielsetzungen)\b.{0,80}\b(erreicht|geschafft|umgesetzt|erfüllt)\b|"
    r"\bwas\s+(haben\s+wir|ist|wurde)\s+(schon\s+|bisher\s+|bereits\s+|inzwischen\s+)*"
    r"(erreicht|geschafft)\b", _FLAGS)

NUMBER = re.compile(
    r"^\W*(wie\s+hoch|wie\s+groß|wie\s+lange?|wie\s+alt|welche\s+(zahl|anzahl|summe|höhe)|"
    r"(die\s+)?anzahl)\b|\bwie\s*viele?n?\b|\bwieviele?n?\b|\bwie\s+oft\b|"
    r"\b(ab|bis)\s+wann\b|\bbis\s+zu\s+welche[mr]\b|\bwas\s+kostet\b|"
    r"\bin\s+welcher\s+höhe\b|\binnerhalb\s+welcher\b", _FLAGS)

# "alle", "alles", "sämtliche", "Liste", "aufzählen", "Übersicht" ask for the whole set
ALL = re.compile(
    r"\b(alle[ns]?|sämtliche[n]?|vollständig\w*|liste\w*|aufz(ä|a)hl\w*|aufgez(ä|a)hlt|"
    r"übersicht|jede[nrs]?\s+einzelne[nrs]?)\b", _FLAGS)

# "welche" / "welchen" with a plural verb after at most a few words ("Welche Netzwerke sind
# …", "Welche Träger machen …", "Welche Angebote gibt es …"), or a dative plural ("In
# welchen Fällen", "Aus welchen Ländern", "Unter welchen Voraussetzungen"); "In welcher
# Stadt", "Bei welcher großen Stelle" are singular
_PLURAL_VERB = (r"(sind|gibt\s+es|gab\s+es|gibt's|bestehen|existieren|laufen|liefen|werden|"
                r"wurden|haben|hatten|machen|bieten|arbeiten|gelten|zählen|gehören|"
                r"kommen|kamen|können|müssen|sollen|dürfen|stehen|fehlen|richten|"
                r"sprechen|decken|umfassen|nennt|nennen|enthält|enthalten|hat\s+es)")
WHICH_MANY = re.compile(
    r"\bwelche\s+(\S+\s+){1,6}?" + _PLURAL_VERB + r"\b|"
    r"\b(in|aus|unter|bei|mit|von|zu|nach|an|auf|für|wegen)\s+welchen\s+\w+(en|ern|n|s)\b",
    _FLAGS)
# "Welche Angebote bietet die VHS?", "Welche Konzepte hat der Rat beschlossen?": a plural-
# looking noun as the object of a verb whose subject follows
WHICH_OBJECTS = re.compile(
    r"\b[Ww]elche\s+([A-ZÄÖÜ]\w*(?:e|en|er|n|s))\s+\w+t\s+(der|die|das|den|dem|unser\w*|"
    r"ihr\w*|sein\w*|euer\w*|man|es|wir|sie)\b")


def _inflected(noun: str) -> bool:
    """Whether the German word model (HanTa) reads ``noun`` as an inflected form ("Angebote"
    → angebot) rather than its base form ("Rolle" → rolle): a plural in this position."""
    from assistant.answer.answerable import _tagger

    return _tagger().analyze(noun)[0].lower() != noun.lower()
# "Was gibt es …", "Was läuft …", "Was bietet … an" asks for what exists: a list
WHAT_EXISTS = re.compile(r"^\W*was\s+(gibt\s+es|gibt's|läuft|laufen|bietet|bieten)\b", _FLAGS)

_PARTS = re.compile(r"(?<=[?.!])\s+")


def shape(question: str) -> str:
    """``list``, ``balance``, ``number`` or ``fact`` (module docstring)."""
    for part in _PARTS.split(question.strip()) or [question]:
        found = _shape_of(part)
        if found != "fact":
            return found
    return "fact"


def _shape_of(text: str) -> str:
    if BALANCE.search(text):
        return "balance"
    if NUMBER.search(text):
        return "number"
    objects = WHICH_OBJECTS.search(text)
    if (ALL.search(text) or WHICH_MANY.search(text) or WHAT_EXISTS.search(text)
            or (objects and _inflected(objects.group(1)))):
        return "list"
    return "fact"
