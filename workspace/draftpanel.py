"""The draft tab ("Ausgangslage"): one section per guidance question, the measures overview
and the export."""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr

from assistant.guidance import STEP2_QUESTIONS
from workspace import drafting, overview
from workspace import preferences as prefs
from workspace.context import Workspace
from workspace.widgets import PRIVATE, TEXT, user_of


def draft_tab(ws: Workspace, guard) -> SimpleNamespace:
    start = drafting.start_municipality(ws)
    with gr.Row():
        mun = gr.Dropdown(drafting.municipality_choices(ws), value=start, allow_custom_value=True,
                          label="Kommune (ein Entwurf je Kommune)", scale=2, elem_id="kommune")
        backend = gr.Dropdown(prefs.backend_choices(), value=ws.settings.llm, scale=2,
                              label="Abschnitte erzeugen mit", elem_id="entwurf-generator")
    gr.Markdown("Der Entwurf wird bei jeder Änderung gespeichert und bleibt nach einem "
                "Neustart erhalten. „Aus den Quellen erzeugen“ hängt neuen Text an; "
                "Quellen werden je Abschnitt als [1], [2] … nummeriert.")
    views = [_section(ws, guard, mun, backend, i, q)
             for i, q in enumerate(STEP2_QUESTIONS, start=1)]

    def load_all(m):
        d = drafting.load(ws, m)
        out = []
        for q in STEP2_QUESTIONS:
            t, s, w, labels = drafting.section_view(d, q.key)
            out += [t, s, w, gr.Dropdown(choices=labels, value=None)]
        return out

    flat = [c for v in views for c in v]
    mun.change(guard(load_all), mun, flat, **PRIVATE)

    _measures_panel(ws, guard)
    _export_panel(ws, guard, mun)
    return SimpleNamespace(municipality=mun, flat=flat, load_all=load_all, backend=backend)


def _section(ws: Workspace, guard, mun, backend, i: int, q) -> list:
    """Section ``i`` of the draft (guidance question ``q``): its text, sources and buttons."""
    with gr.Accordion(f"{i}. {q.title}", open=i == 1, elem_id=f"abschnitt-{q.key}"):
        gr.Markdown(f"_Leitfrage: {q.question}_")
        text = gr.Textbox(label="Text", lines=8, max_lines=30, elem_id=f"text-{q.key}")
        with gr.Row():
            gen = gr.Button("Aus den Quellen erzeugen", variant="primary",
                            elem_id=f"erzeugen-{q.key}")
            save = gr.Button("Text speichern")
        warn = gr.Markdown(**TEXT)
        sources = gr.HTML(label="Quellen")
        with gr.Row():
            cite = gr.Dropdown([], label="Quelle auswählen", scale=3)
            drop = gr.Button("Quelle entfernen", scale=1)
    outs = [text, sources, warn, cite]

    def shown(view):
        t, s, w, labels = view
        return t, s, w, gr.Dropdown(choices=labels, value=None)

    def on_generate(m, b, request: gr.Request, k=q.key):
        return shown(drafting.generate(ws, m, k, b, user_of(request)))

    gen.click(guard(on_generate), [mun, backend], outs, concurrency_id="fragen", **PRIVATE)
    save.click(guard(lambda m, t, k=q.key: shown(drafting.save_text(ws, m, k, t))),
               [mun, text], outs, **PRIVATE)
    drop.click(guard(lambda m, c, k=q.key: shown(drafting.drop_citation(ws, m, k, c))),
               [mun, cite], outs, **PRIVATE)
    return outs


def _measures_panel(ws: Workspace, guard) -> None:
    """The measures overview: offers, likely duplicates and gaps, with downloads."""
    with gr.Accordion("Maßnahmenübersicht: Angebote, Doppelungen und Lücken", open=False,
                      elem_id="massnahmen"):
        gr.Markdown("Maßnahmen, Netzwerke und Konzepte aus den Dokumenten (Tabellen und Text). "
                    "Gleiche Gruppe (z. B. D1) = vermutlich dasselbe Angebot oder eine "
                    "Doppelstruktur. Darunter: Angebote je Thema und Stadtbezirk (0 = Lücke).")
        make = gr.Button("Übersicht erstellen", variant="primary", elem_id="uebersicht")
        summary = gr.Markdown(**TEXT)
        measures = gr.Dataframe(headers=list(overview.COLUMNS), interactive=False, wrap=True,
                                label="Maßnahmen")
        cover = gr.Dataframe(headers=["Thema", "Stadtbezirke …"], interactive=False,
                             label="Angebote je Thema und Stadtbezirk")
        gaps = gr.Markdown(**TEXT)
        with gr.Row():
            csv_b = gr.Button("Als CSV herunterladen")
            xlsx_b = gr.Button("Als Excel (XLSX) herunterladen")
        table_file = gr.File(label="Download", interactive=False)

    def on_overview():
        rows, header, cov, gap_md, line = overview.tables(ws)
        return (line, {"headers": list(overview.COLUMNS), "data": rows},
                {"headers": header, "data": cov}, "**Angebotslücken**\n\n" + gap_md)

    make.click(guard(on_overview), None, [summary, measures, cover, gaps], **PRIVATE)
    csv_b.click(guard(lambda: str(overview.download(ws, "csv"))), None, table_file, **PRIVATE)
    xlsx_b.click(guard(lambda: str(overview.download(ws, "xlsx"))), None, table_file, **PRIVATE)


def _export_panel(ws: Workspace, guard, mun) -> None:
    gr.Markdown("### Entwurf exportieren")
    with gr.Row():
        refs = gr.Radio([("je Abschnitt", "abschnitt"), ("ein Verzeichnis am Ende", "gesamt")],
                        value="abschnitt", label="Quellenverzeichnis")
        docx_b = gr.Button("Als Word (DOCX) herunterladen", variant="primary",
                           elem_id="export-docx")
        md_b = gr.Button("Als Markdown herunterladen")
    export_file = gr.File(label="Download", interactive=False, elem_id="export-datei")
    for button, fmt in ((docx_b, "docx"), (md_b, "md")):
        button.click(guard(lambda m, r, f=fmt: str(drafting.export(ws, m, f, r == "gesamt"))),
                     [mun, refs], export_file, **PRIVATE)
