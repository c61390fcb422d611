"""Fragen: ask with filters, stream where the backend can, adopt the answer into the draft.

``chat_turn`` is a generator: it yields the growing chat history while a language model
writes, then the final message with openable citations. The history is a list of
``{"role", "content"}`` dicts (the Chatbot's message format)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from assistant.answer import Streamer, search, understand, with_note
from assistant.draft import adopt_answer, open_draft, save_draft
from assistant.errors import AssistantError
from assistant.guidance import STEP2_QUESTIONS, step2_question
from assistant.ingest.metadata import DOC_TYPES
from assistant.types import Answer, Filters
from workspace.context import Workspace
from workspace.render import answer_markdown, markdown_text, text

ALL = "alle"  # dropdown value meaning "no filter"


def _clean(value: object) -> str:
    value = "" if value is None else str(value).strip()
    return "" if value == ALL else value


def filters_from(municipality: object = "", doc_type: object = "", year: object = "",
                 document: object = "") -> Filters:
    year_s = _clean(year)
    if year_s and not year_s.isdigit():
        raise AssistantError(f"Das Jahr „{year_s}“ ist keine Jahreszahl – bitte z. B. 2023 wählen.")
    return Filters(municipality=_clean(municipality) or None, type=_clean(doc_type) or None,
                   year=int(year_s) if year_s else None, document=_clean(document) or None)


def filter_choices(ws: Workspace) -> dict[str, list[str]]:
    docs = ws.engine.documents()
    types = sorted({d.type for d in docs}, key=lambda t: DOC_TYPES.index(t)
                   if t in DOC_TYPES else len(DOC_TYPES))
    return {
        "municipality": [ALL, *sorted({d.municipality for d in docs})],
        "type": [ALL, *types],
        "year": [ALL, *sorted({str(d.year) for d in docs if d.year}, reverse=True)],
        "document": [ALL, *[d.doc_id for d in docs]],
    }


def step2_key(question: str) -> str:
    """The draft section a question belongs to (the first one where it is not a step-2 question)."""
    guided = step2_question(question)
    return guided.key if guided else STEP2_QUESTIONS[0].key


def _check_index(ws: Workspace) -> None:
    if ws.engine.store.count() == 0:
        raise AssistantError("Es sind noch keine Dokumente eingelesen. Bitte im Reiter "
                             "„Dokumente“ Dateien hochladen.")


def ask_json(ws: Workspace, question: str, municipality: str = "", doc_type: str = "",
             year: str = "", document: str = "") -> dict:
    """The API endpoint: the same JSON as ``assistant ask --json``."""
    _check_index(ws)
    filters = filters_from(municipality, doc_type, year, document)
    return ws.engine.ask(question, filters=filters).to_dict()


def answer_stream(ws: Workspace, question: str, filters: Filters,
                  llm: str | None = None) -> Iterator[tuple[str, Answer | None]]:
    """(text so far, None) while a model writes; finally (text, Answer)."""
    _check_index(ws)
    answerer = ws.engine.answerer(llm)
    retriever = ws.engine.retriever
    t0 = time.perf_counter()
    query = understand(question, retriever, filters=filters)
    # several questions in one input are answered one by one (``ask``), not in one stream
    if not isinstance(answerer, Streamer) or len(query.parts) > 1:
        answer = ws.engine.ask(question, filters=filters, llm=llm)
        yield answer.text, answer
        return
    part = query.parts[0]
    sources = search(part, retriever)
    t1 = time.perf_counter()
    above = f"{part.note}\n\n" if part.note else ""
    text = ""
    for piece in answerer.stream(part.read, sources):
        text += piece
        yield above + text, None
    answer = with_note(answerer.answer_from_text(part.read, sources, text), part.asked,
                       part.note)
    t2 = time.perf_counter()
    timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
               "total": (t2 - t0) * 1000, **answer.timings_ms}
    yield answer.text, replace(answer, timings_ms=timings)


def chat_turn(ws: Workspace, question: str, history: list[dict] | None,
              municipality: str = "", doc_type: str = "", year: str = "",
              document: str = "", llm: str | None = None,
              ) -> Iterator[tuple[list[dict], Answer | None, str]]:
    """Yields (history, final answer or None, matching draft section key). ``llm``: the
    session's generator (``preferences.session_backend``), else the configured one. Every
    message is shown as text (``render``): nothing typed or found becomes markup."""
    question = (question or "").strip()
    if not question:
        raise AssistantError("Bitte eine Frage eingeben oder eine der Leitfragen anklicken.")
    filters = filters_from(municipality, doc_type, year, document)
    history = [*(history or []), {"role": "user", "content": text(question)}]
    key = step2_key(question)
    yield [*history, {"role": "assistant", "content": "_Suche in den Dokumenten …_"}], None, key
    for written, answer in answer_stream(ws, question, filters, llm or ws.settings.llm):
        shown = answer_markdown(answer) if answer else markdown_text(written) + " ▌"
        yield [*history, {"role": "assistant", "content": shown}], answer, key


def adopt_last(ws: Workspace, municipality: str, key: str, answer: Answer | None) -> str:
    """"In Entwurf übernehmen": returns a status line for the page."""
    if answer is None:
        raise AssistantError("Es gibt noch keine Antwort zum Übernehmen. Bitte zuerst eine "
                             "Frage stellen.")
    with ws.draft_lock:
        draft = adopt_answer(open_draft(ws.settings.drafts_dir, municipality), key, answer)
        save_draft(draft, ws.settings.drafts_dir)
    title = draft.section(key).title
    return (f"✔ Antwort mit {len(answer.citations)} Quelle(n) in den Abschnitt „{title}“ "
            f"übernommen (Entwurf {draft.municipality}). Bearbeiten im Reiter „Ausgangslage“.")
