"""Every hand-set rule of the answer path, by name, with its parameters in one place.

``ScoringParams`` holds the numbers and switches that the search, the sentence scores and
the answerability decision read (``current()``). ``RULES`` names each rule, says what it
does and which parameters (or settings) switch it off. ``assistant eval --ablate
NAME[,NAME…]`` evaluates with rules switched off; ``assistant eval --ablation`` measures
every rule on every evaluation set (``assistant.evaluate.ablation``), so a rule keeps its
place by what it does on sets we did not write. Where a value came from is said beside it;
none was set for a single question. What each rule does on every set, and which were
removed: ``eval/results/ablation.md``, ``eval/RESULTS.md``.

The values are process-wide: an evaluation switches them for its whole run (``use``), the
app never does.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace

from assistant.errors import ConfigError


@dataclass(frozen=True)
class ScoringParams:
    # search (assistant.search.retrieve, assistant.search.rerank)
    search_synonyms: bool = True  # a word no document uses is searched by its synonyms
    rank_decay: float = 0.15  # prior of rank r: 1 / (1 + rank_decay · (r − 1))
    rerank_blend: float = 0.3  # weight of that prior beside the best sentence's score
    # sentence scores (assistant.search.rerank, assistant.answer.answerable)
    heading_share: float = 0.5  # a question term only a heading above the passage says
    own_heading_share: float = 0.8  # … only its own heading says (bundled sweep 0.7–1.0)
    synonym_share: float = 0.7  # … only a synonym of it in the sentence (bundled: 0.5, 0.7)
    abbreviations: bool = True  # a sentence means the long form of an abbreviation it uses
    year_factor: bool = True  # a sentence without the year asked for counts 0.7 or 0.4
    type_miss: float = 0.7  # a sentence without the kind of answer asked for (amount, date …)
    unit_rank: bool = True  # … or without a number of the noun asked for ("Wie viele X")
    # the question (assistant.answer)
    spelling: bool = True  # typing slips read as the documents' words
    guidance_words: bool = True  # a guidance question searched with the draft's words
    # answerability (assistant.answer.extractive)
    absent_names: bool = True  # a name no document uses declines
    kind_missing: bool = True  # no found sentence has the kind of answer asked for: decline
    unit_missing: bool = True  # no found sentence gives a number of the asked noun: decline
    # answers
    contradictions: bool = True  # different figures of two documents are named
    age_bands: bool = True  # list items narrowed to the age band the question names
    prose_offers: bool = True  # a list of offers also takes the offers named in sentences
    # the next sentence joins when it adds an asked concept with an idf ≥ this × that of the
    # rarest asked one the documents use (set on the dev parts; ∞: never)
    continuation_rarity: float = 0.5


DEFAULT = ScoringParams()
_current = DEFAULT


@dataclass(frozen=True)
class Rule:
    name: str
    what: str
    off: dict = field(default_factory=dict)  # ScoringParams fields when switched off
    settings: dict = field(default_factory=dict)  # settings when switched off


RULES: tuple[Rule, ...] = (
    Rule("suchsynonyme", "ein Wort, das kein Dokument nutzt, wird über Synonyme gesucht",
         {"search_synonyms": False}),
    Rule("nachsortieren", "Treffer nach ihrem besten Satz neu ordnen",
         settings={"rerank_candidates": 0}),
    Rule("rangvorwissen", "der Rang aus der Suche zählt im Satzwert und beim Neuordnen",
         {"rank_decay": 0.0, "rerank_blend": 0.0}),
    Rule("ueberschriften", "ein Fragewort in der Überschrift zählt teilweise",
         {"heading_share": 0.0, "own_heading_share": 0.0}),
    Rule("synonyme", "ein Synonym eines Frageworts im Satz zählt teilweise",
         {"synonym_share": 0.0}),
    Rule("abkuerzungen", "eine Abkürzung steht für ihre Langform", {"abbreviations": False}),
    Rule("jahre", "ein Satz ohne das gefragte Jahr zählt weniger", {"year_factor": False}),
    Rule("antwortart", "ein Satz ohne die gefragte Art (Betrag, Datum, Anzahl …) zählt "
         "weniger", {"type_miss": 1.0}),
    Rule("einheit_im_satz", "ein Satz ohne eine Zahl zum gefragten Nomen („14 Mannschaften“ "
         "auf „Wie viele Mannschaften …“) zählt weniger", {"unit_rank": False}),
    Rule("rechtschreibung", "Tippfehler werden als Wörter der Dokumente gelesen",
         {"spelling": False}),
    Rule("leitfragen", "eine Leitfrage wird mit den Suchwörtern des Entwurfs gesucht",
         {"guidance_words": False}),
    Rule("fehlende_namen", "ein Name, den kein Dokument nennt, führt zur Ablehnung",
         {"absent_names": False}),
    Rule("fehlende_art", "nennt kein gefundener Satz die gefragte Art, wird abgelehnt",
         {"kind_missing": False}),
    Rule("fehlende_einheit", "nennt kein gefundener Satz eine Zahl zum gefragten Nomen "
         "(„Wie viele Mitglieder …“ ohne „… 2.000 Mitglieder“), wird abgelehnt",
         {"unit_missing": False}),
    Rule("angepasste_entscheidung", "angepasste Entscheidung statt der Schwellen 0,36/0,5",
         settings={"decision": "regeln"}),
    Rule("listen", "Listenfragen bekommen jeden passenden Eintrag",
         settings={"complete_lists": False}),
    Rule("altersbaender", "Listeneinträge passen zur gefragten Altersgruppe",
         {"age_bands": False}),
    Rule("widersprueche", "abweichende Zahlen zweier Dokumente werden genannt",
         {"contradictions": False}),
    Rule("angebote_im_text", "eine Liste von Angeboten nimmt auch die Angebote auf, die "
         "Sätze nennen („Darüber hinaus bietet der JMD …“)", {"prose_offers": False}),
    Rule("fortsetzung", "der Satz nach dem besten kommt dazu, wenn er ein gefragtes Wort "
         "nennt, das dem besten fehlt", {"continuation_rarity": math.inf}),
)
BY_NAME = {r.name: r for r in RULES}


def current() -> ScoringParams:
    return _current


def rules(names: str | list[str]) -> list[Rule]:
    """The rules named in ``names`` ("a,b" or a list); an unknown name raises a German
    ``ConfigError`` that lists the known ones."""
    wanted = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)
              if n.strip()]
    unknown = [n for n in wanted if n not in BY_NAME]
    if unknown:
        raise ConfigError(f"--ablate: unbekannte Regel(n): {', '.join(unknown)}; möglich: "
                          f"{', '.join(BY_NAME)}.")
    return [BY_NAME[n] for n in wanted]


def without(chosen: list[Rule]) -> ScoringParams:
    """The default parameters with ``chosen`` switched off."""
    off: dict = {}
    for rule in chosen:
        off.update(rule.off)
    known = {f.name for f in fields(ScoringParams)}
    assert set(off) <= known, set(off) - known
    return replace(DEFAULT, **off)


def settings_without(settings, chosen: list[Rule]):
    """``settings`` with the setting-backed rules of ``chosen`` switched off."""
    changes: dict = {}
    for rule in chosen:
        changes.update(rule.settings)
    return settings.replace(**changes) if changes else settings


@contextmanager
def use(params: ScoringParams) -> Iterator[ScoringParams]:
    """Run the block with ``params`` (for an evaluation run; restored afterwards)."""
    global _current
    before, _current = _current, params
    try:
        yield params
    finally:
        _current = before
