"""Einstellungen: generator backend, model path, server URL, retrieval mode – applied to the
running session (all users) until the next start. The API key is never shown."""

from __future__ import annotations

import dataclasses

from assistant.config import RETRIEVAL_MODES, secret
from assistant.errors import AssistantError
from workspace.context import Workspace
from workspace.drafting import BACKEND_LABELS

MODE_LABELS = {"hybrid": "kombiniert (Stichwörter + Bedeutung)", "lexical": "nur Stichwörter",
               "dense": "nur Bedeutung (semantisch)"}


def current(ws: Workspace) -> dict:
    s = ws.settings
    return {"llm": s.llm, "model_path": str(s.llm_model_path or ""),
            "server_url": s.openai_base_url, "model_name": s.openai_model,
            "retrieval_mode": s.retrieval_mode, "key_status": key_status(ws)}


def key_status(ws: Workspace) -> str:
    name = ws.settings.openai_api_key_env
    if secret(ws.settings):
        return f"API-Schlüssel: **gesetzt** (Umgebungsvariable `{name}`)."
    return (f"API-Schlüssel: **nicht gesetzt**. Falls der Server einen verlangt, vor dem Start "
            f"die Umgebungsvariable `{name}` setzen.")


def apply(ws: Workspace, llm: str, model_path: str, server_url: str, model_name: str,
          retrieval_mode: str) -> str:
    from assistant.answer import BACKENDS

    if llm not in BACKENDS:
        raise AssistantError(f"Unbekannter Antwortgenerator „{llm}“. Verfügbar: "
                             f"{', '.join(BACKENDS)}.")
    if retrieval_mode not in RETRIEVAL_MODES:
        raise AssistantError(f"Unbekannter Suchmodus „{retrieval_mode}“.")
    url = (server_url or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise AssistantError("Die Server-Adresse muss mit http:// oder https:// beginnen, "
                             "z. B. http://127.0.0.1:8080/v1.")
    settings = ws.settings.replace(
        llm=llm, openai_base_url=url or None, openai_model=(model_name or "").strip() or None,
        retrieval_mode=retrieval_mode)
    path = (model_path or "").strip()
    settings = settings.replace(llm_model_path=path) if path else dataclasses.replace(
        settings, llm_model_path=None)
    engine, before = ws.engine, ws.engine.settings
    _use(engine, settings)
    try:
        engine.answerer(llm)  # load now, so a wrong path or URL shows here, not at the next question
    except AssistantError:
        _use(engine, before)
        raise
    return (f"✔ Übernommen: Generator „{BACKEND_LABELS.get(llm, llm)}“, Suche "
            f"„{MODE_LABELS[retrieval_mode]}“. Gilt ab sofort für alle, bis zum Neustart.")


def _use(engine, settings) -> None:
    engine.settings = settings
    engine.retriever.settings = settings
    engine._answerers.clear()  # backends are created again with the new settings
