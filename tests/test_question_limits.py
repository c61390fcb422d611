"""Limits on one question, through the core ``ask`` with a real index (Chroma in a temp dir,
e5-small, the documents of tests/test_index.py): top-k 1–100, the length of an input, the
questions in one input, and the words named in "… kommt in keinem Dokument vor"."""

from __future__ import annotations

import re

import pytest

from assistant.answer import ask, load_answerer, search
from assistant.answer.query import understand
from assistant.config import Settings, load_settings
from assistant.engine import Engine
from assistant.errors import ConfigError
from assistant.search.params import SearchParams
from assistant.search.retrieve import Retriever
from assistant.types import Filters
from tests.test_index import _folder

QUESTIONS = [
    "Wie viele neu zugewanderte Kinder leben in Teststadt?",
    "Wann ist die Erstberatung im Rathaus?",
    "Was bietet der Jugendmigrationsdienst an?",
    "Wie lange warten Kinder auf einen Schulplatz?",
    "Wo trifft sich das Sprachcafé?",
    "Wer leitet den Arbeitskreis?",
    "Welche Angebote gibt es für Eltern?",
    "Wie viele Plätze hat die Vorbereitungsklasse?",
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("limits")
    eng = Engine.open(Settings(data_dir=root / "daten"), embedder=e5)
    assert not eng.ingest([_folder(root)]).problems
    return eng


def _ask_with(engine, question: str, **limits):
    """``ask`` with other settings on the engine's index and model."""
    settings = engine.settings.replace(**limits)
    retriever = Retriever(engine.store, engine.embedder, settings)
    return ask(question, retriever, load_answerer("extractive", settings, retriever))


@pytest.mark.parametrize("k", [0, -1, 101])
def test_a_top_k_outside_1_to_100_is_refused_naming_the_setting(engine, k):
    # before: k=0 silently gave a "no statement" answer, k=-1 returned 19 sources
    with pytest.raises(ConfigError, match=r"top_k.*von 1 bis 100"):
        engine.ask("Wann ist die Erstberatung im Rathaus?", k=k)


def test_top_k_from_1_to_100_is_used_and_checked_in_settings(engine, monkeypatch):
    assert len(engine.ask("Wann ist die Erstberatung im Rathaus?", k=1).sources) == 1
    assert engine.ask("Wann ist die Erstberatung im Rathaus?", k=100).sources
    with pytest.raises(ConfigError, match="top_k"):
        Settings(top_k=0)
    monkeypatch.setenv("AUSGANGSLAGE_TOP_K", "-1")
    with pytest.raises(ConfigError, match="top_k"):
        load_settings()
    for name in ("max_question_chars", "max_sub_questions"):
        with pytest.raises(ConfigError, match=name):
            Settings(**{name: 0})


def test_an_input_longer_than_the_limit_is_refused_naming_the_setting(engine):
    long = "Wann ist die Erstberatung im Rathaus? Bitte mit allen Einzelheiten. " + \
        "Ich brauche das für die Ausgangslage. " * 60
    assert len(long) > 2000
    with pytest.raises(ConfigError, match="max_question_chars") as info:
        engine.ask(long)
    assert f"{len(long.strip()):,}".replace(",", ".") in str(info.value)
    assert "höchstens 2.000" in str(info.value)
    # the limit is a setting: raised, the same input is answered
    assert _ask_with(engine, long, max_question_chars=5000).citations


def test_more_questions_than_allowed_answers_the_first_and_says_how_many_were_left(
        engine, monkeypatch):
    searches = []
    find = engine.retriever.find
    monkeypatch.setattr(engine.retriever, "find",
                        lambda *a, **kw: searches.append(a[0]) or find(*a, **kw))
    answer = engine.ask(" ".join(QUESTIONS))
    assert re.findall(r"^### (.+)$", answer.text, re.M) == QUESTIONS[:5]
    assert len(searches) == 5  # not one search per question of the input
    note = answer.notes[0]
    assert answer.text.startswith(note + "\n\n")
    assert "8 Fragen" in note and "höchstens 5" in note and "max_sub_questions" in note
    assert "die übrigen 3 Fragen" in note
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    # within the limit nothing is left out and nothing is said
    within = engine.ask(" ".join(QUESTIONS[:2]))
    assert within.text.count("### ") == 2 and not any("max_sub_questions" in n
                                                       for n in within.notes)


def test_the_number_of_questions_is_a_setting(engine):
    answer = _ask_with(engine, " ".join(QUESTIONS[:3]), max_sub_questions=1)
    assert "### " not in answer.text  # one question: answered as such
    assert "die übrigen 2 Fragen" in answer.notes[0]
    assert "412" in answer.text


def test_a_word_no_document_uses_is_named_once(engine):
    answer = engine.ask("Wie hoch ist das Budget der Feuerwehr, der Feuerwehr und nochmals "
                        "der Feuerwehr?")
    assert answer.abstained
    assert answer.text.count("„Feuerwehr“") == 1
    assert answer.text.endswith("Hinweis: „Budget“, „Feuerwehr“ kommen in keinem Dokument vor.")


def test_at_most_five_words_no_document_uses_are_named(engine):
    answer = engine.ask("Was sagen Feuerwehr, Polizei, Zoll, Bundeswehr, Marine, Luftwaffe und "
                        "Forstamt zum Gesamtbudget?")
    assert answer.abstained
    hint = answer.text.rsplit("Hinweis: ", 1)[1]
    assert hint == ("„Feuerwehr“, „Polizei“, „Zoll“, „Bundeswehr“, „Marine“ und 3 weitere "
                    "kommen in keinem Dokument vor.")


def test_search_parameters_are_resolved_once_per_question(engine):
    """The settings and the caller's choices become one record per question: no ``None``
    travels down to the search, a list question gets ``list_top_k``, a given k wins, and
    0 is refused instead of silently meaning the default."""
    settings = engine.settings
    fact, = understand("Wer leitet das Sprachcafé?", engine.retriever).parts
    listing, = understand("Welche Angebote gibt es für Jugendliche?", engine.retriever).parts
    assert fact.params.k == settings.top_k and fact.params.mode == settings.retrieval_mode
    assert listing.shape == "list"
    assert listing.params.k == max(settings.top_k, settings.list_top_k) > settings.top_k
    only = Filters(document="nirgends.txt")
    given, = understand("Wer leitet das Sprachcafé?", engine.retriever, 2, "lexical",
                        only).parts
    assert (given.params.k, given.params.mode, given.params.filters) == (2, "lexical", only)
    assert search(given, engine.retriever) == []  # the filter reached the search
    with pytest.raises(ConfigError, match="top_k"):
        SearchParams.of(settings, k=0)
    with pytest.raises(ConfigError, match="Suchmodus"):
        SearchParams.of(settings, mode="semantisch")
