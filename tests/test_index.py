"""Index, retrieval and answers with real parts: Chroma in a temp dir, e5-small, real files."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.answer.generate import ECHO_NOTE, GeneratedAnswerer
from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import ModelMismatchError
from assistant.types import Filters
from tests.documents import HTML, make_docx, make_image_pdf, make_pdf
from tests.test_generate import ScriptedModel
from tests.test_ingest import PAGES

REPO = Path(__file__).resolve().parents[1]


def _folder(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    make_pdf(docs / "konzept-2024.pdf", PAGES)
    make_docx(docs / "protokoll-ak-2024.docx")
    (docs / "angebote.html").write_text(HTML, encoding="utf-8")
    (docs / "angebote.html.meta.json").write_text(
        '{"municipality": "Teststadt", "year": 2024}', encoding="utf-8")
    return docs


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5):
    root = tmp_path_factory.mktemp("index")
    docs = _folder(root)
    eng = Engine.open(Settings(data_dir=root / "daten"), embedder=e5)
    report = eng.ingest([docs])
    assert not report.problems, report.problems
    return eng


@pytest.mark.parametrize("question, document, page", [
    ("Wie viele neu zugewanderte Kinder leben in Teststadt?", "konzept-2024.pdf", 3),
    ("Was bietet der Jugendmigrationsdienst an?", "konzept-2024.pdf", 4),
    ("Wie lange warten Kinder auf einen Schulplatz?", "protokoll-ak-2024.docx", None),
    ("Wann ist die Erstberatung im Rathaus?", "angebote.html", None),
])
@pytest.mark.parametrize("mode", ["lexical", "dense", "hybrid"])
def test_known_questions_find_document_and_page(engine, question, document, page, mode):
    top = engine.retriever.search(question, k=3, mode=mode)
    assert (top[0].document, top[0].chunk.page) == (document, page)


def test_exact_semantic_search_agrees_with_chroma_and_covers_every_chunk(engine):
    retriever = engine.retriever
    assert retriever._corpus().vectors is not None  # small collection: exact search
    n = engine.store.count()
    question = "Welche Angebote gibt es für neu zugewanderte Jugendliche?"
    exact = retriever.dense(question, n, Filters())
    approximate = engine.store.query(retriever.query_vector(question), n)
    assert [c.id for c, _, _ in exact] == [c.id for c, _, _ in approximate]
    assert [round(s, 4) for _, s, _ in exact] == [round(s, 4) for _, s, _ in approximate]
    # every chunk is reachable: its own text finds it first
    chunks, _ = engine.store.all_chunks()
    for chunk in chunks[:8]:
        assert retriever.dense(chunk.text, 1, Filters())[0][0].id == chunk.id
    only = Filters(document="angebote.html")
    assert {c.doc_id for c, _, _ in retriever.dense(question, n, only)} == {"angebote.html"}


def test_large_collections_use_chromas_index(engine):
    from assistant.search.retrieve import Retriever

    hnsw = Retriever(engine.store, engine.embedder,
                     engine.settings.replace(exact_search_max_chunks=0))
    assert hnsw._corpus().vectors is None
    question = "Wie lange warten Kinder auf einen Schulplatz?"
    assert hnsw.search(question, k=1)[0].chunk.id == \
        engine.retriever.search(question, k=1)[0].chunk.id


def test_list_shows_metadata_and_chunk_counts(engine):
    docs = {d.doc_id: d for d in engine.documents()}
    assert set(docs) == {"konzept-2024.pdf", "protokoll-ak-2024.docx", "angebote.html"}
    assert docs["konzept-2024.pdf"].pages == 4 and docs["konzept-2024.pdf"].chunks >= 2
    assert docs["angebote.html"].municipality == "Teststadt"  # from the sidecar
    assert docs["protokoll-ak-2024.docx"].municipality == "unbekannt"  # stated default
    assert sum(d.chunks for d in docs.values()) == engine.store.count()


def test_filters_restrict_every_mode(engine):
    only = Filters(document="protokoll-ak-2024.docx")
    for mode in ("lexical", "dense", "hybrid"):
        hits = engine.retriever.search("Sprachcafé Jugendliche", k=5, mode=mode, filters=only)
        assert hits and {h.document for h in hits} == {"protokoll-ak-2024.docx"}
    hits = engine.retriever.search("Angebote", k=5, filters=Filters(municipality="Teststadt"))
    assert {h.document for h in hits} == {"angebote.html"}


def test_answer_cites_document_and_printed_page(engine):
    answer = engine.ask("Wie viele neu zugewanderte Kinder und Jugendliche leben in Teststadt?")
    assert not answer.abstained
    assert "412" in answer.text
    cited = {(c.document, c.page, c.page_label) for c in answer.citations}
    assert ("konzept-2024.pdf", 3, "1") in cited
    for c in answer.citations:
        assert f"[{c.n}]" in answer.text
    data = answer.to_dict()
    assert set(data) >= {"question", "answer", "citations", "sources", "abstained", "timings_ms"}
    assert set(data["citations"][0]) >= {"n", "document", "title", "page", "text"}
    assert set(data["sources"][0]) >= {"rank", "document", "title", "page", "text", "score"}


def test_a_typing_slip_is_read_as_the_documents_word_and_said_so(engine):
    typed = "Was bietet der Jugendmigartionsdienst an?"
    answer = engine.ask(typed)
    right = engine.ask("Was bietet der Jugendmigrationsdienst an?")
    assert not answer.abstained and answer.question == typed
    assert answer.notes[0] == "Hinweis: „Jugendmigartionsdienst“ als „Jugendmigrationsdienst“ gelesen."
    assert answer.text.startswith(answer.notes[0] + "\n\n")
    assert [(c.document, c.page) for c in answer.citations] == [
        (c.document, c.page) for c in right.citations]
    assert ("konzept-2024.pdf", 4) in {(c.document, c.page) for c in answer.citations}
    assert not right.notes


def test_answer_abstains_when_sources_do_not_cover(engine):
    answer = engine.ask("Wie hoch ist das Jahresbudget der Feuerwehr für Drehleitern?")
    assert answer.abstained and not answer.citations
    assert "keine belastbare Aussage" in answer.text


def test_absent_concept_is_named_in_the_refusal(engine):
    answer = engine.ask("Wie hoch ist das Gesamtbudget der Feuerwehr?")
    assert answer.abstained and not answer.citations
    assert answer.notes[0].startswith("„Gesamtbudget“, „Feuerwehr“ kommen in keinem Dokument vor")
    assert answer.text.endswith("Hinweis: „Gesamtbudget“, „Feuerwehr“ kommen in keinem "
                                "Dokument vor.")


def test_document_types_are_words_people_use_for_the_documents(engine):
    from assistant.answer.answerable import absent_concepts

    # "Integrationskonzept" and "Webseite" are types of documents, words of none of the texts
    question = "Was sagt das Integrationskonzept, was die Webseite, was die Feuerwehr?"
    assert absent_concepts(question, engine.retriever.knows) == ["Feuerwehr"]


def test_a_question_about_a_place_no_document_names_is_declined(engine):
    same = engine.ask("Wie viele neu zugewanderte Kinder und Jugendliche leben in Teststadt?")
    other = engine.ask("Wie viele neu zugewanderte Kinder und Jugendliche leben in Dortmund?")
    assert not same.abstained and "412" in same.text
    assert other.abstained and not other.citations and "412" not in other.text
    assert other.text.endswith("Hinweis: „Dortmund“ kommt in keinem Dokument vor.")


def test_cost_question_without_any_amount_is_declined(engine):
    answer = engine.ask("Was kostet das Sprachcafé für neu zugewanderte Jugendliche?")
    assert answer.abstained and not answer.citations
    assert answer.text.endswith("Hinweis: keine der gefundenen Stellen nennt einen Geldbetrag.")


def test_share_question_without_any_share_is_declined(engine):
    from assistant.answer.extractive import ExtractiveAnswerer

    # "Die meisten besuchen eine Vorbereitungsklasse" matches well but names no share;
    # "Prozent" is a word no document uses, so the absent-concept bar is set aside here
    question = ("Wie viel Prozent der neu zugewanderten Kinder und Jugendlichen in Teststadt "
                "besuchen eine Vorbereitungsklasse?")
    answerer = ExtractiveAnswerer(engine.settings, engine.retriever.vocabulary, concept_bar=0.0)
    answer = answerer.answer(question, engine.retriever.search(question, k=5))
    assert answer.abstained and not answer.citations
    assert answer.text.endswith("Hinweis: keine der gefundenen Stellen nennt einen Anteil "
                                "oder eine Quote.")
    assert engine.ask(question).abstained


def test_generated_answer_sees_only_passages_that_answer(engine):
    question = "Wie viele neu zugewanderte Kinder und Jugendliche leben in Teststadt?"
    sources = engine.retriever.search(question, k=5)
    model = ScriptedModel(["In Teststadt leben 1.412 neu zugewanderte Kinder [1]."])
    answer = GeneratedAnswerer("test", engine.settings, engine.retriever.vocabulary, model).answer(
        question, sources)
    shown = re.findall(r'<quelle nr="(\d+)"', model.seen[0][-1]["content"])
    assert 1 <= len(shown) < len(sources)
    assert answer.citations[0].document == "konzept-2024.pdf" and answer.citations[0].page == 3
    assert len(answer.sources) == len(sources)
    assert f"{len(shown)} der {len(sources)} gefundenen Quellen passen zur Frage" in answer.notes


def test_a_generated_answer_that_only_repeats_the_question_gives_way_to_source_sentences(
        engine):
    question = "Wie viele neu zugewanderte Kinder und Jugendliche leben in Teststadt?"
    sources = engine.retriever.search(question, k=5)
    model = ScriptedModel(["In Teststadt leben neu zugewanderte Kinder und Jugendliche [1]."])
    answer = GeneratedAnswerer("test", engine.settings, engine.retriever.vocabulary, model).answer(
        question, sources)
    assert ECHO_NOTE in answer.notes and not answer.abstained
    assert "412" in answer.text  # the figure the model left out, from the source
    assert answer.citations[0].document == "konzept-2024.pdf" and answer.citations[0].page == 3
    # the same model answer with the figure stands
    model = ScriptedModel(["In Teststadt leben 412 neu zugewanderte Kinder und Jugendliche [1]."])
    answer = GeneratedAnswerer("test", engine.settings, engine.retriever.vocabulary, model).answer(
        question, sources)
    assert ECHO_NOTE not in answer.notes
    assert answer.text.startswith("In Teststadt leben 412 neu zugewanderte Kinder")


def test_generated_answer_refuses_without_calling_the_model(engine):
    question = "Wie hoch ist das Jahresbudget der Feuerwehr für Drehleitern?"
    model = ScriptedModel([])
    answer = GeneratedAnswerer("test", engine.settings, engine.retriever.vocabulary, model).answer(
        question, engine.retriever.search(question, k=5))
    assert answer.abstained and model.seen == []


def test_reingest_unchanged_change_and_remove(tmp_path, e5):
    docs = _folder(tmp_path)
    eng = Engine.open(Settings(data_dir=tmp_path / "daten"), embedder=e5)
    first = eng.ingest([docs])
    ids = set(eng.store.chunk_ids())
    again = eng.ingest([docs])
    assert again.unchanged == first.added and not again.added and not again.updated
    assert set(eng.store.chunk_ids()) == ids
    # a changed file replaces its old chunks
    (docs / "angebote.html").write_text(HTML.replace("dienstags und donnerstags", "montags"),
                                        encoding="utf-8")
    changed = eng.ingest([docs])
    assert changed.updated == ("angebote.html",)
    texts = " ".join(c.text for c in eng.store.all_chunks()[0])
    assert "montags" in texts and "dienstags und donnerstags" not in texts
    # remove one document
    removed = eng.remove("protokoll-ak-2024.docx")
    assert removed > 0
    assert "protokoll-ak-2024.docx" not in {d.doc_id for d in eng.documents()}
    assert all(c.doc_id != "protokoll-ak-2024.docx" for c in eng.store.all_chunks()[0])


def test_bad_files_are_skipped_and_the_rest_is_ingested(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gut.md").write_text("# Angebote\n\nDas Sprachcafé ist mittwochs geöffnet.\n",
                                 encoding="utf-8")
    make_image_pdf(docs / "scan.pdf")
    (docs / "kaputt.pdf").write_bytes(b"%PDF-1.4 garbage")
    (docs / "leer.txt").write_bytes(b"")
    (docs / "tabelle.numbers").write_bytes(b"x")
    (docs / "binär.txt").write_bytes(b"\x00\xff" * 100)
    proc = _cli(["ingest", "--data", str(tmp_path / "daten"), str(docs)])
    assert proc.returncode == 3, proc.stderr
    out = proc.stdout
    assert "neu          gut.md" in out
    for name, reason in [("scan.pdf", "Textlayer"), ("kaputt.pdf", "beschädigt"),
                         ("leer.txt", "leere Datei"), ("tabelle.numbers", "nicht unterstützt"),
                         ("binär.txt", "nicht lesbar")]:
        line = next(ln for ln in out.splitlines() if name in ln)
        assert line.startswith("ÜBERSPRUNGEN") and reason in line
    listed = _cli(["list", "--json", "--data", str(tmp_path / "daten")])
    assert [d["doc_id"] for d in json.loads(listed.stdout)] == ["gut.md"]


def test_model_mismatch_is_refused_with_rebuild_hint(tmp_path, e5):
    settings = Settings(data_dir=tmp_path / "daten")
    Engine.open(settings, embedder=e5)
    with pytest.raises(ModelMismatchError, match="assistant ingest --rebuild"):
        Engine.open(settings.replace(embedder="minilm"))
    proc = _cli(["ask", "--data", str(tmp_path / "daten"), "--embedder", "minilm", "Frage?"])
    assert proc.returncode == 2 and "e5-small" in proc.stderr


def test_interrupted_ingest_leaves_usable_index_and_completes(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    places = ("Nord", "Süd", "Ost", "West", "Mitte", "Hafen")
    offers = ("Sprachcafé", "Lernhilfe", "Elternkurs", "Schulbegleitung", "Ferienkurs")
    long_pages = [[f"Im Stadtbezirk {places[(p + i) % 6]} läuft seit {2000 + i + p} das "
                   f"Angebot {offers[i % 5]} mit {i * 7 + p} Plätzen." for i in range(40)]
                  for p in range(4)]
    for n in range(3):
        make_pdf(docs / f"bericht-{n}.pdf", long_pages, label_offset=0)
    data = tmp_path / "daten"
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", "--data", str(data), str(docs)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, cwd=REPO, env=_env())
    seen = b""
    deadline = time.time() + 300
    while b"bericht-1.pdf" not in seen and time.time() < deadline:
        seen += proc.stderr.read1(4096)
    os.kill(proc.pid, signal.SIGKILL)  # while the second of three documents is being read
    proc.wait()
    proc.stderr.close()
    assert b"bericht-1.pdf" in seen and b"fertig" not in seen
    # the index is usable right away
    mid = _cli(["ask", "--json", "--data", str(data), "Welches Angebot gibt es im Norden?"])
    assert mid.returncode == 0, mid.stderr
    assert json.loads(mid.stdout)["sources"]
    # rerunning completes it without duplicates: same chunk ids as a clean run
    assert _cli(["ingest", "--data", str(data), str(docs)]).returncode == 0
    clean = tmp_path / "sauber"
    assert _cli(["ingest", "--data", str(clean), str(docs)]).returncode == 0
    assert _chunk_ids(data) == _chunk_ids(clean)


def _chunk_ids(data: Path) -> list[str]:
    code = ("import sys; from assistant.config import Settings; "
            "from assistant.index.store import Store; "
            "s=Store(Settings(data_dir=sys.argv[1]), 'e5-small', 384); "
            "print('\\n'.join(sorted(s.chunk_ids())))")
    out = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True,
                         text=True, cwd=REPO, env=_env(), check=True)
    return out.stdout.split()


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _cli(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True,
                          text=True, cwd=REPO, env=_env(), timeout=600)


def test_ask_json_and_questions_file(engine, tmp_path):
    data = str(engine.settings.data_dir)
    questions = tmp_path / "fragen.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Wann ist die Erstberatung?"}\n'
        '{"id": "b", "question": "Wie viele Kinder warten auf einen Schulplatz in Hamburg?"}\n',
        encoding="utf-8")
    proc = _cli(["ask", "--json", "--data", data, "--questions", str(questions), "-k", "3"])
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert len(rows[0]["sources"]) == 3
    assert rows[0]["citations"][0]["document"] == "angebote.html"


def test_several_questions_in_one_are_answered_each_with_shared_numbering(engine):
    answer = engine.ask("Wie viele neu zugewanderte Kinder leben in Teststadt? "
                        "Wann ist die Erstberatung im Rathaus?")
    assert answer.text.count("### ") == 2
    assert {c.document for c in answer.citations} >= {"konzept-2024.pdf", "angebote.html"}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert f"[{c.n}]" in answer.text


def test_a_statement_that_only_echoes_the_question_is_no_answer(engine):
    from assistant.answer.extractive import ExtractiveAnswerer
    from tests.test_rerank import src

    question = "Gib mir einen Überblick über die Angebote für Jugendliche"
    echo = src(1, "Hier finden Sie unsere Angebote für Jugendliche im Überblick.")
    real = src(2, "Das Angebot für neu zugewanderte Jugendliche ist das Sprachcafé am Mittwoch "
                  "im Jugendzentrum Nordstern.")
    answerer = ExtractiveAnswerer(engine.settings, engine.retriever.vocabulary)
    answer = answerer.answer(question, [echo, real])
    assert not answer.abstained and "Sprachcafé" in answer.text
    assert "Hier finden Sie" not in answer.text
    # a short answer that adds one word or a number to the question's is no echo
    question = "Wie oft trifft sich das Netzwerk der Sprachpatinnen?"
    short = src(1, "Das Netzwerk der Sprachpatinnen trifft sich monatlich.")
    answer = answerer.answer(question, [short])
    assert not answer.abstained and "monatlich" in answer.text


def test_step2_questions_are_searched_like_the_draft(engine):
    """A guidance question asked word for word (`ask --step2`, or typed in the chat without
    its question mark) is searched with the draft's search words
    (guidance.Step2Question.search) and answered under its own wording; another question
    is searched as typed."""
    from assistant.guidance import STEP2_QUESTIONS

    proc = _cli(["ask", "--step2", "--json", "--data", str(engine.settings.data_dir)])
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == [q.key for q in STEP2_QUESTIONS]
    assert [r["question"] for r in rows] == [q.question for q in STEP2_QUESTIONS]

    def found(answer) -> list[tuple[str, str]]:
        return [(s["document"], s["text"]) for s in answer["sources"]]

    searched = [found(engine.ask(q.search).to_dict()) for q in STEP2_QUESTIONS]
    assert [found(r) for r in rows] == searched
    # answered as asked, as in the draft: the sections are the guidance's own questions
    structures = rows[[q.key for q in STEP2_QUESTIONS].index("strukturen")]["answer"]
    assert "### Welche Maßnahmen laufen bereits?" in structures
    assert "### Welche Maßnahmen und Angebote laufen bereits?" not in structures
    typed = STEP2_QUESTIONS[0].question.lower().rstrip("?")  # "wo stehen wir in unseren …"
    assert found(engine.ask(typed).to_dict()) == searched[0]
    # the search words matter: the bare wording finds other passages (the guidance)
    def passages(text: str) -> list[tuple[str, str]]:
        return [(s.document, s.chunk.text) for s in engine.retriever.search(text)]

    first = STEP2_QUESTIONS[0]
    assert passages(first.question) != passages(first.search)
    # a question in other words is not one of the guidance's
    other = "Wo stehen wir bei der Sprachmittlung?"  # a balance: searched with more passages
    assert found(engine.ask(other).to_dict()) == [
        (s.document, s.chunk.text)
        for s in engine.retriever.search(other, k=engine.settings.list_top_k)]
