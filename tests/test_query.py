"""The query stage: an input read once into a frozen ``Query`` that every caller shares."""

from __future__ import annotations

import dataclasses

import pytest

from assistant import spelling
from assistant.answer import ask, load_answerer, understand
from assistant.config import Settings
from assistant.engine import Engine
from assistant.guidance import STEP2_QUESTIONS


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("query")
    docs = root / "docs"
    docs.mkdir()
    (docs / "konzept.md").write_text(
        "# Integrationskonzept Teststadt 2023\n\nDer Rat hat das Integrationskonzept 2023 "
        "beschlossen. Es wird alle drei Jahre fortgeschrieben.\n\n## Netzwerke\n\n"
        "Das Netzwerk Ankommen trifft sich monatlich im Rathaus.\n", encoding="utf-8")
    engine = Engine.open(Settings(data_dir=root / "daten"), e5)
    engine.ingest([docs])
    return engine


def test_a_question_is_read_once(engine, monkeypatch):
    calls = []
    real = spelling.correct
    monkeypatch.setattr(spelling, "correct", lambda *a, **kw: calls.append(a[0]) or real(*a, **kw))
    answer = ask("Wann trifft sich das Netzwerk Ankomen", engine.retriever,
                 load_answerer("extractive", engine.settings, engine.retriever))
    assert calls == ["Wann trifft sich das Netzwerk Ankomen?"]
    assert answer.notes[0] == "Hinweis: „Ankomen“ als „Ankommen“ gelesen."
    assert "monatlich" in answer.text and "understand" in answer.timings_ms


def test_the_query_holds_parts_search_words_and_shapes(engine):
    query = understand("Hallo, wann trifft sich das Netzwerk? Welche Konzepte gibt es? Danke!",
                       engine.retriever)
    assert query.question == "Wann trifft sich das Netzwerk? Welche Konzepte gibt es?"
    assert [p.asked for p in query.parts] == ["Wann trifft sich das Netzwerk?",
                                              "Welche Konzepte gibt es?"]
    assert [p.shape for p in query.parts] == ["fact", "list"]
    assert query.limited == "" and all(p.note == "" for p in query.parts)
    with pytest.raises(dataclasses.FrozenInstanceError):
        query.question = "anders"  # type: ignore[misc]
    # a guidance question is searched with the draft's words, answered as asked
    guided = STEP2_QUESTIONS[1]
    (part,) = understand(guided.question, engine.retriever).parts
    assert part.asked == part.read == guided.question and part.search == guided.search


def test_questions_beyond_the_limit_are_cut_with_a_note(engine):
    text = " ".join(f"Frage {n} zum Netzwerk?" for n in range(1, 8))
    query = understand(text, engine.retriever)
    assert len(query.parts) == engine.settings.max_sub_questions == 5
    assert "7 Fragen" in query.limited and "max_sub_questions" in query.limited
