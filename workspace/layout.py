"""The page: five tabs over the handler modules. The only module (with ``panels``) that
imports gradio; every handler it calls is a plain function tested without it.

Errors: an ``AssistantError`` becomes ``gr.Error`` with its German message; anything else
is logged with its traceback and shown as a short German note."""

from __future__ import annotations

import contextlib
import functools
import html
import inspect
import logging

import gradio as gr
from starlette.middleware import Middleware

from assistant.errors import AssistantError
from workspace import chat, panels
from workspace.context import Workspace
from workspace.exposure import UPLOAD_MESSAGES, Guard

log = logging.getLogger(__name__)

CSS = """
details.quelle { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 4px 8px; margin: 4px 0; }
details.quelle summary { cursor: pointer; font-weight: 600; }
div.fundstelle { margin-top: 6px; font-size: 0.92em; white-space: normal; }
div.fundstelle mark { background: #fff3a3; padding: 0 2px; }
div.datei { color: var(--body-text-color-subdued); font-size: 0.85em; margin-bottom: 4px; }
.leitfragen button { white-space: normal; text-align: left; }
"""
THEME = gr.themes.Default(font=["ui-sans-serif", "system-ui", "sans-serif"],
                          font_mono=["ui-monospace", "monospace"])  # no web fonts (offline)
UNEXPECTED = ("Unerwarteter Fehler ({name}). Bitte den Vorgang wiederholen; besteht das "
              "Problem, die Protokollausgabe des Servers an die IT weitergeben.")


def _error(message: str) -> gr.Error:
    # the toast renders HTML; a message may quote a file name or a server's reply
    return gr.Error(html.escape(message), title="Fehler", print_exception=False)


@contextlib.contextmanager
def _as_gradio_error(name: str):
    try:
        yield
    except AssistantError as exc:
        raise _error(str(exc)) from exc
    except gr.Error:
        raise
    except Exception as exc:
        log.exception("Fehler in %s", name)
        raise _error(UNEXPECTED.format(name=type(exc).__name__)) from exc


def guard(fn):
    """Show core errors as ``gr.Error``; keeps the signature (gr.Progress detection)."""
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def gen(*args, **kwargs):
            with _as_gradio_error(fn.__name__):
                yield from fn(*args, **kwargs)
        return gen

    @functools.wraps(fn)
    def call(*args, **kwargs):
        with _as_gradio_error(fn.__name__):
            return fn(*args, **kwargs)
    return call


def build(ws: Workspace) -> gr.Blocks:
    with gr.Blocks(title="Ausgangslage-Assistent", analytics_enabled=False) as demo:
        gr.Markdown(
            "# Ausgangslage-Assistent\n"
            "Fragen an die eigenen Dokumente stellen, Antworten mit Quellen prüfen und die "
            "**Ausgangslage** (Schritt 2 des Wegbereiter-Leitfadens) als Entwurf schreiben. "
            "Alles läuft auf diesem Rechner, nichts wird ins Internet geschickt."
        )
        session_llm = gr.State(None)  # this session's generator (None: the configured one)
        with gr.Tabs():
            with gr.Tab("Fragen", id="fragen"):
                fragen = panels.questions_tab(ws, guard, session_llm)
            with gr.Tab("Dokumente", id="dokumente"):
                dokumente = panels.documents_tab(ws, guard)
            with gr.Tab("Ausgangslage", id="ausgangslage"):
                entwurf = panels.draft_tab(ws, guard)
            with gr.Tab("Qualität", id="qualitaet"):
                panels.quality_tab(ws, guard)
            with gr.Tab("Einstellungen", id="einstellungen"):
                einstellungen = panels.preferences_tab(ws, guard, session_llm)
        panels.connect(ws, guard, fragen, dokumente, entwurf)
        panels.on_load(demo, ws, guard, entwurf, einstellungen)

        def ask(question: str, municipality: str = "", doc_type: str = "", year: str = "",
                document: str = "") -> dict:
            """Beantwortet eine Frage aus den Dokumenten; dasselbe JSON wie
            `assistant ask --json` (Antwort, Quellen mit Seite, Sätze, Zeiten)."""
            return chat.ask_json(ws, question, municipality, doc_type, year, document)

        gr.api(guard(ask), api_name="ask", concurrency_id="fragen")
    return demo


def launch_options(ws: Workspace, users: list[tuple[str, str]], max_file_size: str) -> dict:
    """Keyword arguments for ``Blocks.launch`` besides host and port."""
    served = [ws.exports_dir, ws.settings.data_dir / "auswertungen"]
    for d in served:
        d.mkdir(parents=True, exist_ok=True)
    return {
        "allowed_paths": [str(d.resolve()) for d in served],  # downloads (exports, reports)
        "run_history": False,
        "auth": users or None,
        "auth_message": "Bitte mit dem Namen und Passwort anmelden, die Sie von der "
                        "Administration erhalten haben." if users else None,
        "max_file_size": max_file_size,
        "theme": THEME,
        "css": CSS,
        "head": UPLOAD_MESSAGES,  # the browser's upload-limit message in German
        "ssr_mode": False,
        "num_workers": 0,  # no separate file servers: every request passes the guard
        "show_error": True,
        "footer_links": [],
        # no remote-URL file route, German 413 (workspace.exposure)
        "app_kwargs": {"middleware": [Middleware(Guard, max_upload=max_file_size)]},
    }


def queue(demo: gr.Blocks, concurrency: int = 2) -> gr.Blocks:
    """Several people ask at once; ingest events run in their own group
    (``concurrency_id="einlesen"``) and wait in the workspace's ingest queue (smallest
    first), so a long upload blocks neither questions nor other people's small uploads."""
    return demo.queue(default_concurrency_limit=concurrency, max_size=64)
