"""The workspace handlers, called directly (no gradio) over a real small index."""

from __future__ import annotations

import ast
import dataclasses
import html
import json
from pathlib import Path

import pytest
from docx import Document

from assistant.config import Settings
from assistant.draft import open_draft
from assistant.engine import Engine
from assistant.errors import AssistantError, ConfigError
from assistant.guidance import STEP2_QUESTIONS
from tests.test_draft import write_corpus
from workspace import chat, documents, drafting, overview, preferences, quality
from workspace.access import load_access, load_users
from workspace.context import Workspace, ensure_corpus, remove_orphans

ROOT = Path(__file__).resolve().parent.parent
KONZEPTE = next(q.question for q in STEP2_QUESTIONS if q.key == "konzepte")
FRAGE = "Wann wurde das Integrationskonzept 2022 beschlossen?"


@pytest.fixture(scope="module")
def ws(tmp_path_factory, e5) -> Workspace:
    root = tmp_path_factory.mktemp("arbeitsplatz")
    engine = Engine.open(Settings(data_dir=root / "daten"), embedder=e5)
    ws = Workspace(engine, write_corpus(root / "korpus"))
    steps = []
    report = ensure_corpus(ws, lambda f, m: steps.append(f))
    assert report and len(report.added) == 3 and steps[-1] == 1.0
    assert ensure_corpus(ws) is None  # not again once the index has documents
    return ws


def test_core_does_not_import_the_ui():
    for path in (ROOT / "assistant").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m.split(".")[0] for m in names} & {"gradio", "workspace", "app"}, path


def test_api_answer_is_the_cli_json(ws):
    data = chat.ask_json(ws, FRAGE, municipality="Teststadt")
    expected = ws.engine.ask(FRAGE, filters=chat.filters_from("Teststadt")).to_dict()
    assert data.keys() == expected.keys()
    assert {k: v for k, v in data.items() if k != "timings_ms"} == \
        {k: v for k, v in expected.items() if k != "timings_ms"}
    assert data["citations"][0]["page"] == 4


def test_filters_and_their_choices(ws):
    assert chat.filters_from("alle", "Protokoll", "2024", "").where() == {
        "$and": [{"type": "Protokoll"}, {"year": 2024}]}
    with pytest.raises(AssistantError, match="keine Jahreszahl"):
        chat.filters_from(year="zwanzig")
    c = chat.filter_choices(ws)
    assert c["municipality"] == ["alle", "Teststadt"]
    assert c["year"][:2] == ["alle", "2024"]
    assert "protokoll-teststadt-2024.md" in c["document"]


def test_chat_turn_shows_the_answer_with_openable_citations(ws):
    turns = list(chat.chat_turn(ws, FRAGE, [], "alle", "alle", "alle", "alle"))
    history, answer, key = turns[-1]
    assert answer is not None and not answer.abstained
    assert key == "stand" and chat.step2_key(KONZEPTE) == "konzepte"
    assert [m["role"] for m in history] == ["user", "assistant"]
    message = history[-1]["content"]
    assert "<details class='quelle'><summary>[1] Integrationskonzept Teststadt 2022, S. 2 " \
           "(PDF-Seite 4)</summary>" in html.unescape(message)  # shown as text, see render
    assert "<mark>Das Integrationskonzept 2022 wurde vom Rat" in message
    with pytest.raises(AssistantError, match="Bitte eine Frage eingeben"):
        list(chat.chat_turn(ws, "  ", []))


def test_a_declined_answer_shows_the_nearest_passages(ws):
    question = "Wie hoch ist das Budget der Feuerwehr für Drohnen?"
    turns = list(chat.chat_turn(ws, question, [], "alle", "alle", "alle", "alle"))
    history, answer, _ = turns[-1]
    assert answer.abstained and len(answer.nearest) == 3
    message = html.unescape(history[-1]["content"])
    assert "**Nächstliegende Fundstellen** (beantworten die Frage nicht sicher" in message
    assert message.count("<details class='quelle'>") == 3
    assert f"[1] {answer.nearest[0].title}" in message
    from assistant.cli_ask import format_answer

    shown = format_answer(answer)
    assert "Nächstliegende Fundstellen (beantworten die Frage nicht sicher):" in shown
    assert shown.count("\n  - ") == 3 and answer.nearest[0].document in shown


def test_streaming_answers_one_question_per_model_call(ws):
    from assistant.types import Filters

    class Recording:  # plumbing: records what a streaming backend is asked
        name = "aufzeichnend"

        def __init__(self, inner):
            self.inner, self.streamed = inner, []

        def answer(self, question, sources):
            return self.inner.answer(question, sources)

        def stream(self, question, sources):
            self.streamed.append(question)
            self.sources = [s.chunk.id for s in sources]
            yield "…"

        def answer_from_text(self, question, sources, text):
            return self.inner.answer(question, sources)

    rec = Recording(ws.engine.answerer("extractive"))
    ws.engine._answerers["aufzeichnend"] = rec
    try:
        steps = list(chat.answer_stream(ws, f"{KONZEPTE} {FRAGE[:-1]}", Filters(), rec.name))
        assert rec.streamed == []  # two questions: answered one by one, not in one call
        assert steps[-1][1].text.count("### ") == 2
        list(chat.answer_stream(ws, FRAGE[:-1], Filters(), rec.name))
        assert rec.streamed == [FRAGE]  # one question, its "?" added, streamed
        # a typing slip: the model is asked the documents' word, the reader is told first
        steps = list(chat.answer_stream(ws, FRAGE.replace("Integrations", "Integratoins"),
                                        Filters(), rec.name))
        assert rec.streamed[-1] == FRAGE
        said = "Hinweis: „Integratoinskonzept“ als „Integrationskonzept“ gelesen."
        assert steps[0][0] == f"{said}\n\n…" and steps[-1][1].notes[0] == said
        assert steps[-1][1].text.startswith(said)
        # a guidance question: searched with the draft's words, the model asked it as asked
        list(chat.answer_stream(ws, KONZEPTE, Filters(), rec.name))
        assert rec.streamed[-1] == KONZEPTE
        search = next(q.search for q in STEP2_QUESTIONS if q.key == "konzepte")
        k = max(ws.settings.top_k, ws.settings.list_top_k)  # a list question sees more
        found = [s.chunk.id for s in ws.engine.retriever.search(search, k=k)]
        assert rec.sources == found != [s.chunk.id for s in
                                        ws.engine.retriever.search(KONZEPTE, k=k)]
        # the stream reads the same sources as ``ask`` (one sequence for both)
        assert rec.sources == [s.chunk.id for s in ws.engine.ask(KONZEPTE).sources]
    finally:
        del ws.engine._answerers["aufzeichnend"]


def test_adopt_last_answer_into_the_draft(ws):
    answer = ws.engine.ask(FRAGE)
    with pytest.raises(AssistantError, match="noch keine Antwort"):
        chat.adopt_last(ws, "Teststadt", "konzepte", None)
    status = chat.adopt_last(ws, "Adoptstadt", "konzepte", answer)
    assert "„Vorhandene Integrationskonzepte“" in status
    section = open_draft(ws.settings.drafts_dir, "Adoptstadt").section("konzepte")
    assert "beschlossen [1]." in section.text and len(section.citations) == 1


def test_draft_handlers_generate_edit_remove_export(ws):
    text, sources, warn, labels = drafting.generate(ws, "Teststadt", "konzepte")
    assert "beschlossen [1]." in text and labels[0].startswith("[1] Integrationskonzept")
    assert "<details" in sources and warn == ""
    text, _, warn, _ = drafting.save_text(ws, "Teststadt", "konzepte", text + " Eigener Satz.")
    assert "Eigener Satz." in warn  # no source: marked
    path = drafting.export(ws, "Teststadt", "docx")
    body = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Eigener Satz." in body and "[1] Integrationskonzept Teststadt 2022" in body
    md = drafting.export(ws, "Teststadt", "md", global_refs=True).read_text(encoding="utf-8")
    assert md.startswith("# Ausgangslage – Teststadt")
    text, sources, _, labels = drafting.drop_citation(ws, "Teststadt", "konzepte", labels[0])
    assert "[1]" not in text and labels == []
    with pytest.raises(AssistantError, match="Quelle auswählen"):
        drafting.drop_citation(ws, "Teststadt", "konzepte", None)
    with pytest.raises(AssistantError, match="noch leer"):
        drafting.export(ws, "Leerstadt", "docx")
    assert "Teststadt" in drafting.municipality_choices(ws)
    assert drafting.start_municipality(ws) == "Teststadt"  # the last draft edited


def test_overview_tables_and_downloads(ws):
    rows, header, cover, gaps, summary = overview.tables(ws)
    assert any(r[1] == "Netzwerk Ankommen Teststadt" for r in rows)
    assert header[0] == "Thema" and len(cover) == 8
    assert "Psychosoziale Beratung" in gaps and "Maßnahmen" in summary
    assert overview.download(ws, "xlsx").suffix == ".xlsx"
    assert overview.current(ws) is overview.current(ws)  # kept while the index is unchanged


def test_upload_edit_and_delete_a_document(ws, tmp_path):
    note = tmp_path / "notiz-ost.txt"
    note.write_text("Im Stadtbezirk Ost trifft sich das Sprachcafé Ost jeden Montag.",
                    encoding="utf-8")
    bad = tmp_path / "programm.exe"
    bad.write_bytes(b"MZ")
    status = documents.upload(ws, [str(note), str(bad)])
    assert "1 neu" in status and "programm.exe" in status and "nicht unterstützt" in status
    assert (ws.uploads_dir / "notiz-ost.txt").is_file()
    status = documents.save_metadata(ws, "notiz-ost.txt", "Protokoll", "Teststadt", "2021")
    sidecar = ws.uploads_dir / "notiz-ost.txt.meta.json"
    assert json.loads(sidecar.read_text(encoding="utf-8")) == {
        "type": "Protokoll", "municipality": "Teststadt", "year": 2021}
    info = ws.engine.store.document("notiz-ost.txt")
    assert (info.type, info.municipality, info.year) == ("Protokoll", "Teststadt", 2021)
    with pytest.raises(AssistantError, match="keine gültige Jahreszahl"):
        documents.save_metadata(ws, "notiz-ost.txt", "Protokoll", "Teststadt", "21")
    assert "gelöscht" in documents.delete(ws, "notiz-ost.txt")
    assert not sidecar.exists() and ws.engine.store.document("notiz-ost.txt") is None
    with pytest.raises(AssistantError, match="Dokument auswählen"):
        documents.delete(ws, "")


def test_edit_metadata_of_a_bundled_document_copies_it(ws):
    documents.save_metadata(ws, "protokoll-teststadt-2024.md", "Protokoll", "Teststadt", "2023")
    assert (ws.uploads_dir / "protokoll-teststadt-2024.md.meta.json").is_file()
    assert not (ws.corpus / "protokoll-teststadt-2024.md.meta.json").exists()
    assert ws.engine.store.document("protokoll-teststadt-2024.md").year == 2023


def test_quality_run_on_an_uploaded_question_set(ws, tmp_path):
    questions = tmp_path / "fragen.jsonl"
    labelled = [  # labels give the recall plot its points (unlabelled sets have none)
        {"id": "f1", "question": FRAGE, "answerable": True,
         "documents": ["integrationskonzept-teststadt-2022.pdf"],
         "pages": [{"document": "integrationskonzept-teststadt-2022.pdf", "page": 4}],
         "evidence": ["vom Rat der Stadt Teststadt beschlossen"]},
        {"id": "f2", "question": "Wie hoch ist der Mond?", "answerable": False},
    ]
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in labelled),
                         encoding="utf-8")
    result = quality.run(ws, questions)
    assert result.header[:2] == ["Kennzahl", "Wert"] and result.rows
    assert result.plot is not None and result.plot.is_file()
    with pytest.raises(AssistantError, match="fehlt"):
        quality.run(ws, tmp_path / "gibtsnicht.jsonl")


def test_preferences_apply_to_the_running_session(ws):
    assert "API-Schlüssel" in preferences.current(ws)["key_status"]
    with pytest.raises(AssistantError, match="http://"):
        preferences.apply(ws, None, "extractive", "", "127.0.0.1:8080", "local", "hybrid")
    before = ws.engine.settings
    status = preferences.apply(ws, None, "extractive", "", "http://127.0.0.1:9/v1", "m", "lexical")
    assert "Übernommen" in status
    assert ws.engine.settings.retrieval_mode == "lexical"
    assert ws.engine.retriever.settings.openai_base_url == "http://127.0.0.1:9/v1"
    assert before.retrieval_mode == "hybrid"  # replaced, not changed in place
    preferences.apply(ws, None, "extractive", "", "http://127.0.0.1:8080/v1", "local", "hybrid")


@pytest.fixture
def team(ws) -> Workspace:
    """The same index with a login: anna is admin, ben is not."""
    before = ws.engine.settings
    yield dataclasses.replace(ws, access=load_access(env="anna:a1:admin,ben:b2", admins_env=""))
    ws.engine.use(before)


def test_only_admins_change_the_settings_for_everyone(team):
    before = team.engine.settings
    with pytest.raises(AssistantError, match="nur Administratorinnen und Administratoren"):
        preferences.apply(team, "ben", "extractive", "", "http://127.0.0.1:9/v1", "m", "lexical")
    with pytest.raises(AssistantError, match="nur Administratorinnen"):
        preferences.apply(team, None, "extractive", "", "http://127.0.0.1:9/v1", "m", "lexical")
    assert team.engine.settings is before  # refused on the server: nothing changed
    assert not preferences.current(team, "ben")["is_admin"]
    assert "nur die Administration" in preferences.current(team, "ben")["role"]
    answerers = team.engine._answerers
    status = preferences.apply(team, "anna", "extractive", "", "http://127.0.0.1:9/v1", "m",
                               "lexical", ["extractive", "openai"])
    assert "Übernommen" in status and team.engine.settings.retrieval_mode == "lexical"
    assert team.engine.settings.openai_base_url == "http://127.0.0.1:9/v1"
    assert team.engine._answerers is not answerers  # generators made afresh, old ones kept
    assert before.openai_base_url == "http://127.0.0.1:8080/v1"


def test_users_choose_for_their_session_among_what_an_admin_allowed(team):
    assert [n for _, n in preferences.session_choices(team, "ben")] == ["extractive"]
    assert len(preferences.session_choices(team, "anna")) == 3  # admins: every generator
    with pytest.raises(AssistantError, match="„Sprachmodell-Server .*“ ist für Sie nicht freigegeben"):
        preferences.choose(team, "ben", "openai")
    assert preferences.session_backend(team, "ben", "openai") == "extractive"
    with pytest.raises(AssistantError, match="nicht freigegeben"):
        drafting.generate(team, "Teststadt", "konzepte", "llama-cpp", username="ben")
    preferences.apply(team, "anna", "extractive", "", "http://127.0.0.1:9/v1", "m", "hybrid",
                      ["extractive", "openai"])
    chosen, line = preferences.choose(team, "ben", "openai")
    assert chosen == "openai" and "Für Ihre Sitzung" in line
    assert preferences.session_backend(team, "ben", chosen) == "openai"
    assert team.settings.llm == "extractive"  # the others still get the configured one


def test_the_api_key_is_never_shown_and_only_for_the_server_at_start(ws, monkeypatch):
    monkeypatch.setenv("AUSGANGSLAGE_TEST_SCHLUESSEL", "geheim-4711")
    before = ws.engine.settings
    ws.engine.use(before.replace(openai_api_key_env="AUSGANGSLAGE_TEST_SCHLUESSEL"))
    try:
        status = preferences.key_status(ws)
        assert "**gesetzt**" in status and "geheim-4711" not in status
        assert "http://127.0.0.1:8080" in html.unescape(status) and "ohne" not in status
        line = preferences.apply(ws, None, "extractive", "", "http://127.0.0.1:9/v1", "m",
                                 "hybrid")
        assert "geht der API-Schlüssel nicht mit" in line
        assert "**ohne** API-Schlüssel" in preferences.key_status(ws)
        assert "geheim-4711" not in json.dumps(preferences.current(ws)) + line
    finally:
        ws.engine.use(before)


def test_users_from_file_and_environment(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("# Kommentar\nanna:geheim:mit:doppelpunkt\n\nbert:pw\n", encoding="utf-8")
    assert load_users(users, env="carla:x, dora:y") == [
        ("anna", "geheim:mit:doppelpunkt"), ("bert", "pw"), ("carla", "x"), ("dora", "y")]
    assert load_users(tmp_path / "fehlt.txt", env="") == []
    users.write_text("ohnepasswort\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="Zeile 1: erwartet „name:passwort“"):
        load_users(users, env="")


def test_roles_from_the_users_file_and_the_environment(tmp_path):
    users = tmp_path / "users.txt"
    users.write_text("anna:geheim:admin\nben:x:y\ncarla:pw\n", encoding="utf-8")
    access = load_access(users, env="dora:d", admins_env="carla")
    assert access.users == (("anna", "geheim"), ("ben", "x:y"), ("carla", "pw"), ("dora", "d"))
    assert access.admins == {"anna", "carla"}
    assert access.is_admin("anna") and not access.is_admin("ben") and not access.is_admin(None)
    with pytest.raises(ConfigError, match="AUSGANGSLAGE_ADMINS nennt emil"):
        load_access(users, env="", admins_env="emil")
    alone = load_access(tmp_path / "fehlt.txt", env="", admins_env="")
    assert not alone.login and alone.is_admin(None)  # the single local user


def test_orphan_uploads_are_removed_and_indexed_ones_kept(ws, tmp_path):
    note = tmp_path / "notiz-nord.txt"
    note.write_text("Im Stadtbezirk Nord gibt es ein Elterncafé für neu zugewanderte Familien.",
                    encoding="utf-8")
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4 kein echtes PDF")
    status = documents.upload(ws, [str(note), str(broken)])
    assert "1 neu" in status and "kaputt.pdf" in status
    assert (ws.uploads_dir / "notiz-nord.txt").is_file()
    assert not (ws.uploads_dir / "kaputt.pdf").exists()  # skipped: not left behind
    # an ingest killed half way left a copy and its sidecar behind; one is being read now
    stray = ws.uploads_dir / "abgebrochen.docx"
    stray.write_bytes(b"halb")
    sidecar = ws.uploads_dir / "abgebrochen.docx.meta.json"
    sidecar.write_text("{}", encoding="utf-8")
    running = ws.uploads_dir / "wird-gerade-gelesen.txt"
    running.write_text("…", encoding="utf-8")
    with ws.holding([running]):
        removed = remove_orphans(ws)
    assert sorted(p.name for p in removed) == ["abgebrochen.docx", "abgebrochen.docx.meta.json"]
    assert running.is_file() and (ws.uploads_dir / "notiz-nord.txt").is_file()
    assert remove_orphans(ws) == [running]
    documents.delete(ws, "notiz-nord.txt")
