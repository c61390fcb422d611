"""Synonyms from OpenThesaurus (Debian package openthesaurus-de-text, installed by
scripts/install.sh): the real thesaurus file, a real index in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.text import stem
from assistant.thesaurus import _synsets, synonyms


def test_a_word_finds_its_official_synonyms_not_its_slang():
    assert {"dolmetsch", "sprachmittl"} <= synonyms(stem("übersetzen"))
    # "Alte (ugs.)" stands beside "Eltern" in the thesaurus: no document means parents by it
    assert "elternteil" in synonyms(stem("eltern")) and "alt" not in synonyms(stem("eltern"))
    # an informal entry finds the official words, not the other way round
    assert "auszubild" in synonyms(stem("azubi"))
    assert "azubi" not in synonyms(stem("auszubildende"))
    # a word with many meanings ("Schnitt" is also a haircut) lends none
    assert synonyms("schnitt") == frozenset()
    assert _synsets(Path("/nicht/vorhanden.txt")) == {}


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
    from assistant.retrieve import Filters

    question = "Wer kann für Eltern übersetzen?"  # the documents never say "übersetzen"
    hits = engine.retriever.lexical(question, 3, Filters())
    assert hits[0][0].doc_id == "sprachmittlung.txt" and hits[0][1] > 3 * hits[1][1]
    # the sentence scores of the rerank credit "Dolmetscher" for "übersetzen" too
    assert engine.retriever.search(question, k=3)[0].document == "sprachmittlung.txt"
    # without the thesaurus the word search knows only "Eltern", which all three say
    monkeypatch.setattr("assistant.retrieve.synonyms_of", lambda group: frozenset())
    hits = engine.retriever.lexical(question, 3, Filters())
    assert hits[0][1] < 2 * hits[-1][1]
