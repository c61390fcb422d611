"""The six central questions of step 2 ("Die Ausgangslage bestimmen") of the Wegbereiter
guidance (RuhrFutur with Bochum, Mülheim an der Ruhr and Kreis Recklinghausen)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step2Question:
    key: str
    title: str  # section heading in the draft
    question: str  # as the guidance asks it
    search: str  # what retrieval looks for (the guidance's wording plus synonyms)


STEP2_QUESTIONS = (
    Step2Question(
        "stand", "Stand der Integrationsbemühungen",
        "Wo stehen wir in unseren Integrationsbemühungen?",
        "Wo stehen wir in unseren Integrationsbemühungen? Stand, Bilanz, bisher erreicht",
    ),
    Step2Question(
        "konzepte", "Vorhandene Integrationskonzepte",
        "Welche Integrationskonzepte sind in der Kommune bereits vorhanden?",
        "Welche Integrationskonzepte und Handlungskonzepte sind in der Kommune bereits "
        "vorhanden? beschlossen, fortgeschrieben",
    ),
    Step2Question(
        "zielgruppe", "Zielgruppe: neu zugewanderte Kinder und Jugendliche",
        "Was wissen wir über die Zielgruppe der neu zugewanderten Kinder und Jugendlichen?",
        "Was wissen wir über die Zielgruppe der neu zugewanderten Kinder und Jugendlichen? "
        "Anzahl, Alter, Herkunft, Sprachen, Stadtbezirke",
    ),
    Step2Question(
        "netzwerke", "Netzwerke",
        "Welche Netzwerke sind aufgebaut worden?",
        "Welche Netzwerke, Arbeitskreise und Kooperationen sind aufgebaut worden?",
    ),
    Step2Question(
        "strukturen", "Strukturen, Prozesse und laufende Maßnahmen",
        "Welche Strukturen und Prozesse sind vorhanden? Welche Maßnahmen laufen bereits?",
        "Welche Strukturen und Prozesse sind vorhanden? Welche Maßnahmen und Angebote "
        "laufen bereits?",
    ),
    Step2Question(
        "erfahrung", "Erfahrungswissen, Angebotslücken und beeinflussbare Faktoren",
        "Auf welches Erfahrungswissen können wir zurückgreifen? Welche Angebotslücken sehen "
        "wir? Welche Faktoren können wir beeinflussen?",
        "Auf welches Erfahrungswissen können wir zurückgreifen? Welche Angebotslücken sehen "
        "wir? fehlen, Bedarf, Lücke. Welche Faktoren können wir beeinflussen?",
    ),
)


def _plain(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


_BY_WORDING = {_plain(q.question): q for q in STEP2_QUESTIONS}


def step2_question(text: str) -> Step2Question | None:
    """The guidance question ``text`` asks word for word (case, punctuation and spacing
    aside), or None."""
    return _BY_WORDING.get(_plain(text))
