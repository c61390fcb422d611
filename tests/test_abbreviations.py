"""Abbreviations defined in the documents: found in real phrasing, matched both ways."""

from __future__ import annotations

from assistant.abbreviations import Abbreviations, definitions
from assistant.search.rerank import SentenceVectors, score_statements
from assistant.text import terms
from tests.test_rerank import src

DEFINING = [
    "Federführend war das Kommunale Integrationszentrum (KI) der Stadt.",
    "Träger: AWO Unterbezirk – Jugendmigrationsdienst (JMD) | Alter: 14–21",
    "Die Landesinitiative „Kein Abschluss ohne Anschluss“ (KAoA) begleitet Jugendliche.",
    "Gefördert aus dem Kinder- und Jugendplan des Bundes (KJP).",
    "Betreut werden unbegleitete minderjährige Ausländerinnen und Ausländer (UMA).",
    "Unterricht in Deutsch als Zweitsprache (DaZ) erhalten alle Seiteneinsteiger.",
]


def test_definitions_in_real_phrasing_are_found():
    found = dict(pair for text in DEFINING for pair in definitions(text))
    assert found == {
        "KI": "Kommunale Integrationszentrum", "JMD": "Jugendmigrationsdienst",
        "KAoA": "Kein Abschluss ohne Anschluss", "KJP": "Kinder- und Jugendplan des Bundes",
        "UMA": "unbegleitete minderjährige Ausländerinnen und Ausländer",
        "DaZ": "Deutsch als Zweitsprache",
    }


def test_parentheses_that_define_nothing_are_ignored():
    assert list(definitions("Protokoll: Lena Vogt (KI). Moderation: Dr. Albers (Leitung).")) == []
    assert list(definitions("Seit 2019 (vgl. Tabelle 2) und im Bezirk Nord (NRW)")) == []
    assert list(definitions("Die Kosten (EUR) stiegen.")) == []


def test_abbreviation_and_long_form_find_each_other():
    abbr = Abbreviations.from_texts(DEFINING)
    short = set(terms("Leiterin des KI ist Dr. Albers."))
    assert set(terms("Kommunales Integrationszentrum")) <= abbr.expand(short)
    long = set(terms("Das Kommunale Integrationszentrum berät Schulen."))
    assert "ki" in abbr.expand(long)
    assert abbr.expand(set(terms("Das Zentrum berät Schulen."))) == set(
        terms("Das Zentrum berät Schulen."))  # a part of the long form is not enough


def test_a_sentence_using_only_the_abbreviation_matches_the_long_form_question(e5):
    question = "Wer leitet das Kommunale Integrationszentrum?"
    head = src(1, "Leiterin des KI ist Dr. Miriam Albers.")
    abbr = Abbreviations.from_texts([DEFINING[0]])
    vectors = SentenceVectors(e5)

    def score(expand=None) -> float:
        return score_statements(question, e5.embed_query(question), [head], vectors,
                                lambda term: 1.0, use_rank=False, expand=expand)[0][0]

    # without the definition only "leit" of five question terms is in the sentence; with it
    # all five are: the wording part (weight 0.45) rises by 0.45 × 4/5
    assert abs(score(abbr.expand) - score() - 0.45 * 4 / 5) < 1e-6
