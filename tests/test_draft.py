"""Draft model, generation from a real index, persistence and export (DOCX, Markdown)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from assistant.config import Settings
from assistant.draft import (
    adopt_answer,
    adopt_section,
    draft_section,
    edit_text,
    load_draft,
    new_draft,
    open_draft,
    remove_citation,
    renumber_marks,
    save_draft,
    unsupported_sentences,
)
from assistant.draft.export import export_docx, numbered, to_markdown
from assistant.engine import Engine
from assistant.errors import AssistantError
from assistant.types import Answer, Citation, Sentence
from tests.documents import make_pdf

MEASURES_CSV = """Maßnahme;Träger;Zielgruppe;Stadtbezirk
Sprachcafé „Willkommen“;Caritas Teststadt;neu zugewanderte Jugendliche;Nord
Sprachcafé Willkommen;Caritas Teststadt e. V.;Jugendliche;Nord
Hausaufgabenhilfe für Seiteneinsteiger;Brücke e. V.;Schülerinnen und Schüler;Mitte
Elternkurs „Schule verstehen“;Volkshochschule Teststadt;Eltern;Süd
"""
PROTOKOLL_MD = """---
title: Protokoll Arbeitskreis Teststadt 2024
type: Protokoll
municipality: Teststadt
year: 2024
---
# Protokoll des Arbeitskreises Seiteneinstieg

Das Netzwerk Ankommen Teststadt wurde 2017 gegründet und trifft sich viermal im Jahr.
Der Arbeitskreis Seiteneinstieg stimmt die Schulplätze für neu zugewanderte Kinder ab.

## Angebotslücken

Im Stadtbezirk Süd fehlt ein Angebot für neu zugewanderte Jugendliche von 16 bis 18 Jahren.
Für traumatisierte Kinder gibt es keine psychosozialen Angebote in Teststadt.
"""
KONZEPT_PAGES = [
    ["Integrationskonzept Teststadt 2022"],
    ["Inhalt"],
    ["Im Jahr 2023 kamen 412 neu zugewanderte Kinder und Jugendliche nach Teststadt.",
     "Die meisten stammen aus der Ukraine, aus Syrien und aus Rumänien."],
    ["Die Clearingstelle Schule berät seit 2019 alle neu zugewanderten Familien.",
     "Das Integrationskonzept 2022 wurde vom Rat der Stadt Teststadt beschlossen."],
]


def write_corpus(folder: Path) -> Path:
    """A small real corpus: a measures table (CSV), a protocol (Markdown), a PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "massnahmen-teststadt-2024.csv").write_text(MEASURES_CSV, encoding="utf-8")
    (folder / "massnahmen-teststadt-2024.csv.meta.json").write_text(json.dumps(
        {"title": "Maßnahmenübersicht Teststadt 2024", "municipality": "Teststadt"}),
        encoding="utf-8")
    (folder / "protokoll-teststadt-2024.md").write_text(PROTOKOLL_MD, encoding="utf-8")
    make_pdf(folder / "integrationskonzept-teststadt-2022.pdf", KONZEPT_PAGES,
             header="Integrationskonzept Teststadt")
    (folder / "integrationskonzept-teststadt-2022.pdf.meta.json").write_text(json.dumps(
        {"title": "Integrationskonzept Teststadt 2022", "municipality": "Teststadt"}),
        encoding="utf-8")
    return folder


def open_engine(root: Path, e5) -> Engine:
    engine = Engine.open(Settings(data_dir=root / "daten"), embedder=e5)
    report = engine.ingest([write_corpus(root / "korpus")])
    assert not report.skipped, report.problems
    return engine


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5) -> Engine:
    return open_engine(tmp_path_factory.mktemp("entwurf"), e5)


def cite(n: int, text: str = "Passage", chunk: str = "") -> Citation:
    return Citation(n=n, document="a.pdf", title="Konzept", page=3, page_label="1",
                    text=text, chunk_id=chunk or f"c{n}")


def answer(text: str, cites: tuple[Citation, ...], sentences=()) -> Answer:
    return Answer(question="Frage", text=text, citations=cites, sources=(), abstained=False,
                  sentences=tuple(sentences))


def test_renumber_marks_maps_drops_and_tidies():
    assert renumber_marks("A [1]. B [2, 3].", {1: 4, 2: None, 3: 1}) == "A [4]. B [1]."
    assert renumber_marks("Nur das [2].", {2: None}) == "Nur das."


def test_adopt_answer_appends_and_renumbers_behind_existing_citations():
    draft = new_draft("Teststadt")
    first = answer("Eins [1].", (cite(1, chunk="x"),), [Sentence("Eins.", (1,))])
    draft = adopt_answer(draft, "stand", first)
    second = answer("", (cite(1, chunk="y"), cite(2, chunk="x")),
                    [Sentence("Zwei.", (1,)), Sentence("Drei.", (2,))])
    draft = adopt_answer(draft, "stand", second)
    section = draft.section("stand")
    assert [c.chunk_id for c in section.citations] == ["x", "y"]  # "x" keeps number 1
    assert section.text == "Eins [1].\n\nZwei [2]. Drei [1]."


def test_adopt_refuses_an_abstention():
    empty = Answer("F", "Keine Aussage.", (), (), abstained=True)
    with pytest.raises(AssistantError, match="keine belegte Aussage"):
        adopt_answer(new_draft("X"), "stand", empty)


def test_remove_citation_drops_marks_and_closes_the_gap():
    draft = new_draft("Teststadt")
    a = answer("", (cite(1), cite(2), cite(3)),
               [Sentence("Alpha.", (1,)), Sentence("Beta.", (2,)), Sentence("Gamma.", (3,))])
    draft = remove_citation(adopt_answer(draft, "netzwerke", a), "netzwerke", 2)
    section = draft.section("netzwerke")
    assert [c.n for c in section.citations] == [1, 2]
    assert [c.chunk_id for c in section.citations] == ["c1", "c3"]
    assert section.text == "Alpha [1]. Beta. Gamma [2]."
    assert unsupported_sentences(section) == ["Beta."]
    with pytest.raises(AssistantError, match=r"keine Quelle \[7\]"):
        remove_citation(draft, "netzwerke", 7)


def test_unsupported_sentences_include_generator_flags():
    draft = new_draft("T")
    a = answer("", (cite(1),), [Sentence("Belegt.", (1,)),
                                Sentence("Erfunden.", (1,), supported=False)])
    section = adopt_answer(draft, "stand", a).section("stand")
    assert unsupported_sentences(section) == ["Erfunden [1]."]


def test_save_and_load_survive_a_restart(tmp_path):
    draft = adopt_answer(new_draft("Teststadt"), "konzepte",
                         answer("", (cite(1),), [Sentence("Ein Satz.", (1,))]))
    draft = edit_text(draft, "stand", "Eigener Text ohne Quelle.")
    path = save_draft(draft, tmp_path)
    assert path.name == "teststadt.json"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left
    again = open_draft(tmp_path, "Teststadt")
    assert again == draft
    assert [s.key for s in again.sections] == [s.key for s in draft.sections]


def test_a_broken_draft_file_says_what_to_do(tmp_path):
    bad = tmp_path / "kaputt.json"
    bad.write_text("{nicht json", encoding="utf-8")
    with pytest.raises(AssistantError, match="Sicherung wiederherstellen"):
        load_draft(bad)


def test_draft_section_from_the_sources_cites_pages(engine):
    section = draft_section(engine, "konzepte")
    assert section.key == "konzepte"
    assert section.text == "Das Integrationskonzept 2022 wurde vom Rat der Stadt Teststadt " \
                           "beschlossen [1]."
    (c,) = section.citations
    assert (c.document, c.page, c.page_label) == ("integrationskonzept-teststadt-2022.pdf", 4, "2")


def test_draft_section_without_sources_says_what_to_do(engine):
    with pytest.raises(AssistantError, match="keine passenden Stellen.*hochladen"):
        draft_section(engine, "stand")


def test_table_rows_stay_one_per_line(engine):
    text = draft_section(engine, "zielgruppe").text
    rows = [line for line in text.splitlines() if "Maßnahme:" in line]
    assert rows and all(r.startswith("- Maßnahme: ") and r.count("Maßnahme:") == 1 for r in rows)


def test_draft_section_unknown_key(engine):
    with pytest.raises(AssistantError, match="Unbekannter Abschnitt"):
        draft_section(engine, "gibtsnicht")


def test_export_docx_and_markdown_with_numbered_references(engine, tmp_path):
    draft = new_draft("Teststadt")
    for key in ("konzepte", "zielgruppe"):
        draft = adopt_section(draft, draft_section(engine, key))
    path = export_docx(draft, tmp_path / "a.docx")
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert doc.paragraphs[0].text == "Ausgangslage – Teststadt"
    assert headings[:2] == ["1. Stand der Integrationsbemühungen",
                            "2. Vorhandene Integrationskonzepte"]
    assert headings.count("Quellen") == 2  # one list per filled section
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "beschlossen [1]." in body
    assert "[1] Integrationskonzept Teststadt 2022, S. 2 (PDF-Seite 4) – Datei: " \
           "integrationskonzept-teststadt-2022.pdf" in body
    md = to_markdown(draft, global_refs=True)
    assert md.count("## Quellen") == 1 and "(noch kein Text)" in md
    _, sources = numbered(draft, global_refs=True)
    assert [c.n for c in sources] == list(range(1, len(sources) + 1))
    # escaped for Markdown viewers (text stays text), read as "[2] Maßnahmenübersicht …"
    assert r"\[2\] Maßnahmenübersicht Teststadt 2024 – Datei: massnahmen-teststadt-2024.csv" in md


def test_global_numbering_shares_a_passage_cited_twice():
    c = cite(1, chunk="same")
    draft = new_draft("T")
    draft = adopt_answer(draft, "stand", answer("", (c,), [Sentence("Alpha.", (1,))]))
    draft = adopt_answer(draft, "konzepte", answer("", (cite(1, chunk="other"), replace(c, n=2)),
                                                   [Sentence("Beta.", (1,)), Sentence("Gamma.", (2,))]))
    sections, sources = numbered(draft, global_refs=True)
    texts = {s.key: t for s, t, _ in sections}
    assert texts["stand"] == "Alpha [1]." and texts["konzepte"] == "Beta [2]. Gamma [1]."
    assert len(sources) == 2


def test_a_drafter_is_given_draft_k_passages(engine):
    from assistant.config import Settings
    from assistant.errors import ConfigError

    seen = []

    class Recorder:  # a language model with its own section prompt (``Drafter``)
        name = "aufzeichnend"

        def answer(self, question, sources):
            raise AssertionError("a section is drafted, not answered")

        def draft(self, title, question, sources):
            seen.append(len(sources))
            return Answer(question=question, text="Ein Satz [1].",
                          citations=(Citation.from_source(1, sources[0]),),
                          sources=tuple(sources), abstained=False)

    before = engine.settings
    engine.use(before.replace(draft_k=3))
    engine._answerers["aufzeichnend"] = Recorder()
    try:
        section = draft_section(engine, "konzepte", llm="aufzeichnend")
    finally:
        engine.use(before)
    assert seen == [3] and section.text == "Ein Satz [1]."
    with pytest.raises(ConfigError, match="draft_k"):
        Settings(draft_k=0)
