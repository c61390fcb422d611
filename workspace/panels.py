"""One builder per tab: components and their events. Handlers come from the plain modules;
here they are only wrapped (``guard``) and given gradio's progress bar."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr

from assistant.config import RETRIEVAL_MODES
from assistant.guidance import STEP2_QUESTIONS
from assistant.ingest import FORMAT_NAMES, SUPPORTED
from assistant.ingest.metadata import DOC_TYPES
from workspace import chat
from workspace import documents as docs
from workspace import preferences as prefs
from workspace import quality as checks
from workspace.context import Workspace
from workspace.draftpanel import draft_tab  # noqa: F401  (one of the tabs)
from workspace.widgets import PRIVATE, TEXT, progress_of, user_of

# changes to the index wait in the workspace's own ingest queue (smallest first), so the
# events themselves may run side by side: each only waits there and reports its place
INGEST = {"concurrency_id": "einlesen", "concurrency_limit": 16, **PRIVATE}
SECTIONS = [(q.title, q.key) for q in STEP2_QUESTIONS]


def _choices(values: list[str], value: str | None = None) -> gr.Dropdown:
    return gr.Dropdown(choices=values, value=value if value in values else values[0])


def questions_tab(ws: Workspace, guard, session_llm: gr.State) -> SimpleNamespace:
    c = chat.filter_choices(ws)
    with gr.Row():
        f_mun = gr.Dropdown(c["municipality"], value=chat.ALL, label="Kommune")
        f_type = gr.Dropdown(c["type"], value=chat.ALL, label="Dokumenttyp")
        f_year = gr.Dropdown(c["year"], value=chat.ALL, label="Jahr")
        f_doc = gr.Dropdown(c["document"], value=chat.ALL, label="Dokument")
    gr.Markdown("**Leitfragen aus Schritt 2** – ein Klick stellt die Frage:")
    with gr.Row(elem_classes="leitfragen"):
        step_buttons = [(gr.Button(q.title, size="sm"), q) for q in STEP2_QUESTIONS]
    chatbot = gr.Chatbot(label="Gespräch", height=480, elem_id="gespraech", allow_tags=False,
                         buttons=["copy", "copy_all"],  # no "share" (to Hugging Face)
                         placeholder="Stellen Sie eine Frage oder klicken Sie eine Leitfrage "
                                     "an. Jede Antwort nennt ihre Quellen mit Seite.", **TEXT)
    with gr.Row():
        question = gr.Textbox(label="Ihre Frage", scale=5, elem_id="frage",
                              placeholder="z. B. Welche Angebote gibt es für 16- bis "
                                          "18-Jährige?")
        ask = gr.Button("Fragen", variant="primary", scale=1, elem_id="fragen-knopf")
    with gr.Row():
        section = gr.Dropdown(SECTIONS, value=SECTIONS[0][1], scale=3,
                              label="Abschnitt des Entwurfs")
        adopt = gr.Button("In Entwurf übernehmen", scale=1, elem_id="uebernehmen")
    status = gr.Markdown(**TEXT)
    history, last = gr.State([]), gr.State(None)

    def on_ask(q, hist, m, t, y, d, chosen, request: gr.Request):
        llm = prefs.session_backend(ws, user_of(request), chosen)
        for h, answer, key in chat.chat_turn(ws, q, hist, m, t, y, d, llm):
            yield h, h, answer, key, ""

    inputs = [question, history, f_mun, f_type, f_year, f_doc, session_llm]
    outputs = [chatbot, history, last, section, question]
    run = dict(fn=guard(on_ask), inputs=inputs, outputs=outputs, concurrency_id="fragen",
               **PRIVATE)
    ask.click(**run)
    question.submit(**run)
    for button, q in step_buttons:
        button.click(lambda text=q.question: text, outputs=question, **PRIVATE).then(**run)
    return SimpleNamespace(filters=[f_mun, f_type, f_year, f_doc], adopt=adopt, section=section,
                           last=last, status=status)


def documents_rows(ws: Workspace) -> dict:
    return {"headers": list(docs.DOCUMENT_COLUMNS), "data": docs.document_rows(ws)}


def _metadata_of(ws: Workspace, doc_id: str | None) -> tuple:
    """Type, municipality and year of a document, for its edit fields."""
    info = ws.engine.store.document(doc_id) if doc_id else None
    if info is None:
        return None, "", ""
    return info.type, info.municipality, str(info.year or "")


def documents_tab(ws: Workspace, guard) -> SimpleNamespace:
    gr.Markdown(f"Dokumente hochladen ({FORMAT_NAMES}). "
                "Sie werden auf diesem Rechner gespeichert "
                "und für die Suche eingelesen; das kann pro Datei einige Sekunden dauern.")
    files = gr.File(label="Dateien auswählen", file_count="multiple", file_types=list(SUPPORTED),
                    elem_id="hochladen")
    with gr.Row():
        upload = gr.Button("Hochladen und einlesen", variant="primary", elem_id="einlesen",
                           scale=3)
        stop = gr.Button("Abbrechen", variant="stop", elem_id="abbrechen", scale=1)
    status = gr.Markdown(elem_id="dokumente-status", **TEXT)
    job = gr.State(None)  # this session's upload in the ingest queue
    table = gr.Dataframe(value=documents_rows(ws), interactive=False, wrap=True,
                         label="Eingelesene Dokumente (Zeile anklicken zum Bearbeiten)")
    ids = [d.doc_id for d in ws.engine.documents()]
    with gr.Accordion("Ausgewähltes Dokument bearbeiten", open=True):
        with gr.Row():
            doc = gr.Dropdown(ids, value=None, label="Dokument", scale=3)
            kind = gr.Dropdown(list(DOC_TYPES), label="Typ")
            mun = gr.Textbox(label="Kommune")
            year = gr.Textbox(label="Jahr")
        with gr.Row():
            save = gr.Button("Metadaten speichern und neu einlesen")
            delete = gr.Button("Dokument löschen", variant="stop")
            reindex = gr.Button("Alle Dokumente neu einlesen")

    def pick_row(evt: gr.SelectData):
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        rows = docs.document_rows(ws)
        return rows[row][0] if 0 <= row < len(rows) else None

    def on_upload(paths, request: gr.Request):
        started = docs.start_upload(ws, paths, user_of(request))
        for line in docs.watch(ws, started):
            yield line, None, started.id

    def on_cancel(job_id, request: gr.Request):
        return docs.cancel(ws, job_id, user_of(request))

    def on_save(d, k, m, y, request: gr.Request, progress=gr.Progress()):
        return docs.save_metadata(ws, d, k, m, y, progress_of(progress), user_of(request))

    def on_reindex(request: gr.Request, progress=gr.Progress()):
        return docs.reindex(ws, progress_of(progress), user_of(request))

    doc.change(guard(lambda doc_id: _metadata_of(ws, doc_id)), doc, [kind, mun, year], **PRIVATE)
    table.select(guard(pick_row), None, doc, **PRIVATE)
    done = [
        upload.click(guard(on_upload), files, [status, files, job], **INGEST),
        save.click(guard(on_save), [doc, kind, mun, year], status, **INGEST),
        delete.click(guard(lambda d: docs.delete(ws, d)), doc, status, **INGEST),
        reindex.click(guard(on_reindex), None, status, **INGEST),
    ]
    stop.click(guard(on_cancel), job, status, queue=False, **PRIVATE)
    return SimpleNamespace(done=done, table=table, doc=doc)


def quality_tab(ws: Workspace, guard) -> None:
    gr.Markdown("Prüft, wie gut der Assistent die Fragen eines Fragenkatalogs beantwortet "
                "(Treffer der Suche, richtige Quellen, Ablehnungen, Antwortzeit). Ohne eigene "
                "Datei wird der mitgelieferte Katalog verwendet. Dauert einige Minuten.")
    upload = gr.File(label="Eigener Fragenkatalog (JSONL, optional)", file_types=[".jsonl"])
    start = gr.Button("Auswertung starten", variant="primary")
    table = gr.Dataframe(headers=["Kennzahl", "Wert", "Bedeutung"], interactive=False, wrap=True,
                         label="Kennzahlen")
    plot = gr.Image(label="Trefferquote der Suche (Recall@k)", type="filepath")
    report = gr.Markdown(**TEXT)
    html = gr.File(label="Bericht (HTML)", interactive=False)

    def on_run(path, progress=gr.Progress()):
        r = checks.run(ws, path, progress_of(progress))
        return ({"headers": r.header, "data": r.rows}, str(r.plot) if r.plot else None,
                r.report, str(r.html) if r.html else None)

    start.click(guard(on_run), upload, [table, plot, report, html], concurrency_id="auswertung",
                concurrency_limit=1, **PRIVATE)


def preferences_tab(ws: Workspace, guard, session_llm: gr.State) -> SimpleNamespace:
    """Everyone: the generator for the own session. Admins: the settings for everyone
    (read-only for the others; ``prefs.apply`` checks the role again on the server)."""
    cur = prefs.current(ws)
    role = gr.Markdown(elem_id="rolle", **TEXT)
    gr.Markdown("### Für meine Sitzung")
    with gr.Row():
        mine = gr.Dropdown(cur["session_choices"], value=cur["llm"], scale=3,
                           label="Antwortgenerator für meine Fragen", elem_id="meine-generator")
        choose = gr.Button("Für meine Sitzung übernehmen", scale=1, elem_id="meine-uebernehmen")
    mine_status = gr.Markdown(**TEXT)
    gr.Markdown("### Für alle (nur Administration)")
    fixed = {"interactive": False}  # opened for admins when the page loads
    llm = gr.Dropdown(prefs.backend_choices(), value=cur["llm"], label="Antwortgenerator",
                      elem_id="alle-generator", **fixed)
    allowed = gr.CheckboxGroup(prefs.backend_choices(), value=cur["allowed"],
                               label="Für alle freigegeben (zur Wahl „Für meine Sitzung“)",
                               elem_id="freigegeben", **fixed)
    path = gr.Textbox(cur["model_path"], label="Modelldatei (GGUF) für das lokale Sprachmodell",
                      **fixed)
    url = gr.Textbox(cur["server_url"], label="Adresse des Sprachmodell-Servers",
                     elem_id="server-adresse", **fixed)
    name = gr.Textbox(cur["model_name"], label="Modellname auf dem Server", **fixed)
    key = gr.Markdown(cur["key_status"], elem_id="schluessel", **TEXT)
    mode = gr.Radio([(prefs.MODE_LABELS[m], m) for m in RETRIEVAL_MODES],
                    value=cur["retrieval_mode"], label="Suchverfahren", **fixed)
    apply = gr.Button("Für alle übernehmen", variant="primary", elem_id="alle-uebernehmen",
                      visible=False)
    status = gr.Markdown(elem_id="einstellungen-status", **TEXT)

    def on_choose(chosen, request: gr.Request):
        return prefs.choose(ws, user_of(request), chosen)

    def on_apply(llm_, path_, url_, name_, mode_, allowed_, request: gr.Request):
        line = prefs.apply(ws, user_of(request), llm_, path_, url_, name_, mode_, allowed_)
        return line, prefs.key_status(ws)

    choose.click(guard(on_choose), mine, [session_llm, mine_status], **PRIVATE)
    apply.click(guard(on_apply), [llm, path, url, name, mode, allowed], [status, key], **PRIVATE)
    return SimpleNamespace(role=role, mine=mine, fields=[llm, allowed, path, url, name, mode],
                           key=key, apply=apply)


def on_load(demo: gr.Blocks, ws: Workspace, guard, entwurf, einstellungen) -> None:
    """Per user when the page opens: role, own choices, the current settings for everyone
    (editable for admins only)."""
    e = einstellungen

    def load(request: gr.Request):
        cur = prefs.current(ws, user_of(request))
        admin = cur["is_admin"]
        values = [cur["llm"], cur["allowed"], cur["model_path"], cur["server_url"],
                  cur["model_name"], cur["retrieval_mode"]]
        choices = cur["session_choices"]
        return [cur["role"], gr.Dropdown(choices=choices, value=cur["llm"]),
                *(gr.update(value=v, interactive=admin) for v in values), cur["key_status"],
                gr.Button(visible=admin), gr.Dropdown(choices=choices, value=cur["llm"])]

    demo.load(guard(load), None, [e.role, e.mine, *e.fields, e.key, e.apply, entwurf.backend],
              **PRIVATE)


def connect(ws: Workspace, guard, fragen, dokumente, entwurf) -> None:
    """Events across tabs: adopting into the draft, refreshing lists after ingest."""
    fragen.adopt.click(guard(lambda m, k, a: chat.adopt_last(ws, m, k, a)),
                       [entwurf.municipality, fragen.section, fragen.last], fragen.status,
                       **PRIVATE).then(guard(entwurf.load_all), entwurf.municipality,
                                       entwurf.flat, **PRIVATE)

    def refresh():
        c = chat.filter_choices(ws)
        ids = [d.doc_id for d in ws.engine.documents()]
        return [documents_rows(ws), gr.Dropdown(choices=ids, value=None),
                *(gr.Dropdown(choices=c[k], value=chat.ALL)
                  for k in ("municipality", "type", "year", "document"))]

    targets = [dokumente.table, dokumente.doc, *fragen.filters]
    for event in dokumente.done:
        event.then(guard(refresh), None, targets, **PRIVATE)
