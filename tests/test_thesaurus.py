"""Synonyms from OpenThesaurus (Debian package openthesaurus-de-text, installed by
scripts/install.sh): the real thesaurus file, a real index in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.text import stem, term_groups
from assistant.thesaurus import _read, question_synonyms, synonyms


def test_a_word_finds_its_official_synonyms_not_its_slang():
    assert {"dolmetsch", "sprachmittl"} <= synonyms(stem("übersetzen"))
    # "Alte (ugs.)" stands beside "Eltern" in the thesaurus: no document means parents by it
    assert "elternteil" in synonyms(stem("eltern")) and "alt" not in synonyms(stem("eltern"))
    # an informal entry finds the official words, not the other way round
    assert "auszubild" in synonyms(stem("azubi"))
    assert "azubi" not in synonyms(stem("auszubildende"))
    # a word with many meanings ("Schnitt" is also a haircut) lends none
    assert synonyms("schnitt") == frozenset()
    assert _read(Path("/nicht/vorhanden.txt")).words == {}


DOCS = {
    "sprachmittlung.txt": "Sprachmittlung\n\nDer Pool vermittelt ehrenamtliche "
                          "Dolmetscherinnen und Dolmetscher für Gespräche zwischen Eltern "
                          "und Lehrkräften.",
    "elterncafe.txt": "Elterncafé\n\nEltern treffen sich jeden Dienstag im Familienzentrum "
                      "Nord, um sich über die Schule ihrer Kinder auszutauschen.",
    "vhs.txt": "Volkshochschule\n\nDie Volkshochschule bietet Integrationskurse für Eltern "
               "mit Kinderbetreuung an.",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("thesaurus")
    (root / "docs").mkdir()
    for name, text in DOCS.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    eng = Engine.open(Settings(data_dir=root / "daten"), embedder=e5)
    assert not eng.ingest([root / "docs"]).problems
    return eng


def test_a_word_no_document_uses_is_searched_by_its_synonyms(engine, monkeypatch):
    from assistant.types import Filters

    question = "Wer kann für Eltern übersetzen?"  # the documents never say "übersetzen"
    hits = engine.retriever.lexical(question, 3, Filters())
    assert hits[0][0].doc_id == "sprachmittlung.txt" and hits[0][1] > 3 * hits[1][1]
    # the sentence scores of the rerank credit "Dolmetscher" for "übersetzen" too
    assert engine.retriever.search(question, k=3)[0].document == "sprachmittlung.txt"
    # without the thesaurus the word search knows only "Eltern", which all three say
    monkeypatch.setattr("assistant.search.retrieve.question_synonyms",
                        lambda q: {g: frozenset() for g in term_groups(q)})
    hits = engine.retriever.lexical(question, 3, Filters())
    assert hits[0][1] < 2 * hits[-1][1]


def _lent(question: str, word: str) -> frozenset[str]:
    return next(alike for g, alike in question_synonyms(question).items() if stem(word.lower()) in g)


def test_a_phrase_lends_its_meaning_where_its_word_has_too_many():
    # "Schnitt" alone has too many meanings; "im Schnitt" has one
    assert synonyms("schnitt") == frozenset()
    assert "durchschnitt" in _lent("Wie lange warten Kinder im Schnitt?", "Schnitt")
    # the phrase lends the one-word entries of its synset, not "im Mittel" as "Mittel"
    assert "mittel" not in _lent("Wie lange warten Kinder im Schnitt?", "Schnitt")
    assert "sekundarstuf" in _lent("Wie viele Stunden Deutsch gibt es in der Sek I?", "Sek")
    # without the phrase the word lends nothing
    assert _lent("Wo wird der Schnitt gezeigt?", "Schnitt") == frozenset()


PHRASE_DOCS = {
    "wartezeit.txt": "Wartezeit\n\nDie durchschnittliche Wartezeit auf einen Schulplatz "
                     "betrug 2023 39 Tage.",
    "zielwert.txt": "Zielwert\n\nNiemand soll mehr als vier Wochen auf einen Schulplatz "
                    "warten; wer warten muss, wird beraten.",
    "vhs.txt": "Volkshochschule\n\nDie Volkshochschule bietet Sprachkurse für Eltern an.",
}


def test_a_colloquial_phrase_finds_the_documents_word(tmp_path, e5, monkeypatch):
    from assistant.types import Filters

    (tmp_path / "docs").mkdir()
    for name, text in PHRASE_DOCS.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    eng = Engine.open(Settings(data_dir=tmp_path / "daten"), embedder=e5)
    assert not eng.ingest([tmp_path / "docs"]).problems
    question = "Wie lange wartet man im Schnitt auf einen Schulplatz?"
    # no document says "Schnitt"; "im Schnitt" is looked for as "durchschnittlich"
    assert eng.retriever.lexical(question, 2, Filters())[0][0].doc_id == "wartezeit.txt"
    monkeypatch.setattr("assistant.thesaurus.MAX_PHRASE", 1)  # no phrases
    question_synonyms.cache_clear()
    assert eng.retriever.lexical(question, 2, Filters())[0][0].doc_id == "zielwert.txt"
