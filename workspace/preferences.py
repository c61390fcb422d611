"""Einstellungen: generator backend, model path, server URL, retrieval mode.

Two levels. The settings for everyone (applied to the running program until the next
start) may be changed by admins only – checked here, in the handler, from the logged-in
name. Every user may choose a generator for their own session among those an admin allowed
(``allowed_llms``). The API key is never shown; it goes only to the server configured at
start (``openai_key_origin``)."""

from __future__ import annotations

import dataclasses
import os

from assistant.config import RETRIEVAL_MODES, origin, secret
from assistant.errors import AssistantError
from workspace.context import Workspace
from workspace.render import text

BACKEND_LABELS = {
    "extractive": "Textauszüge aus den Quellen (ohne Sprachmodell)",
    "llama-cpp": "Lokales Sprachmodell (llama.cpp)",
    "openai": "Sprachmodell-Server (OpenAI-kompatibel)",
}
MODE_LABELS = {"hybrid": "kombiniert (Stichwörter + Bedeutung)", "lexical": "nur Stichwörter",
               "dense": "nur Bedeutung (semantisch)"}
EVERYONE = "Die Einstellungen für alle"


def _backends() -> list[str]:
    from assistant.answer import BACKENDS

    return list(BACKENDS)


def label(name: str) -> str:
    return BACKEND_LABELS.get(name, name)


def backend_choices() -> list[tuple[str, str]]:
    return [(label(name), name) for name in _backends()]


def current(ws: Workspace, username: str | None = None) -> dict:
    s = ws.settings
    admin = ws.access.is_admin(username)
    return {"llm": s.llm, "model_path": str(s.llm_model_path or ""),
            "server_url": s.openai_base_url, "model_name": s.openai_model,
            "retrieval_mode": s.retrieval_mode, "allowed": list(s.allowed_llm_names),
            "key_status": key_status(ws), "is_admin": admin, "role": role_note(ws, username),
            "session_choices": session_choices(ws, username)}


def role_note(ws: Workspace, username: str | None) -> str:
    who = f"Angemeldet als **{text(username)}**" if username else "Ohne Anmeldung (nur dieser Rechner)"
    if ws.access.is_admin(username):
        return (f"{who}, mit Administrationsrechten: Änderungen unter „Für alle“ gelten sofort "
                "für alle Nutzenden, bis zum Neustart des Programms.")
    return (f"{who}. Die Einstellungen „Für alle“ kann nur die Administration ändern, hier "
            "sind sie nur zu sehen. Für Ihre eigene Sitzung können Sie unter den freigegebenen "
            "Antwortgeneratoren wählen.")


def key_status(ws: Workspace) -> str:
    """Whether a key is set and where it goes – never the key itself."""
    s = ws.settings
    if not secret(s):
        return (f"API-Schlüssel: **nicht gesetzt**. Falls der Server einen verlangt, vor dem "
                f"Start die Umgebungsvariable `{s.openai_api_key_env}` setzen (oder "
                "`openai_api_key` in ausgangslage.toml).")
    where = (f"Umgebungsvariable `{s.openai_api_key_env}`" if os.environ.get(s.openai_api_key_env)
             else "Einstellungsdatei, `openai_api_key`")
    line = (f"API-Schlüssel: **gesetzt** ({where}). Er wird nur an die beim Start eingestellte "
            f"Adresse {text(s.openai_key_origin)} geschickt.")
    if origin(s.openai_base_url) != s.openai_key_origin:
        line += (f"\n\n⚠ Die Server-Adresse {text(s.openai_base_url)} gehört nicht dazu: Anfragen "
                 "dorthin gehen **ohne** API-Schlüssel. Soll der Schlüssel dorthin, bitte "
                 "`openai_base_url` in ausgangslage.toml (oder AUSGANGSLAGE_OPENAI_BASE_URL) "
                 "ändern und das Programm neu starten.")
    return line


def session_choices(ws: Workspace, username: str | None) -> list[tuple[str, str]]:
    """Generators this user may choose for the own session: all for admins, else those
    an admin allowed (the configured one always)."""
    names = _backends() if ws.access.is_admin(username) else [
        n for n in ws.settings.allowed_llm_names if n in _backends()]
    return [(label(n), n) for n in names]


def check_backend(ws: Workspace, username: str | None, backend: str | None) -> str:
    """The generator to use for this user; refuses one that is not allowed."""
    backend = backend or ws.settings.llm
    allowed = [n for _, n in session_choices(ws, username)]
    if backend not in allowed:
        raise AssistantError(
            f"Der Antwortgenerator „{label(backend)}“ ist für Sie nicht freigegeben. "
            f"Freigegeben: {', '.join(f'„{label(n)}“' for n in allowed)}. Weitere gibt die "
            "Administration im Reiter „Einstellungen“ frei.")
    return backend


def session_backend(ws: Workspace, username: str | None, chosen: str | None) -> str:
    """The session's choice while it is still allowed, else the configured generator."""
    allowed = [n for _, n in session_choices(ws, username)]
    return chosen if chosen in allowed else ws.settings.llm


def choose(ws: Workspace, username: str | None, llm: str) -> tuple[str, str]:
    """"Für meine Sitzung": (the session's generator, status line)."""
    llm = check_backend(ws, username, llm)
    ws.engine.answerer(llm)  # load now, so a wrong path shows here, not at the next question
    return llm, (f"✔ Für Ihre Sitzung gilt jetzt „{label(llm)}“ (Fragen und Entwurf). "
                 "Die anderen Nutzenden merken davon nichts.")


def apply(ws: Workspace, username: str | None, llm: str, model_path: str, server_url: str,
          model_name: str, retrieval_mode: str, allowed: list[str] | None = None) -> str:
    """"Für alle": replaces the settings of the running program (admins only)."""
    ws.access.require_admin(username, EVERYONE)
    backends = _backends()
    if llm not in backends:
        raise AssistantError(f"Unbekannter Antwortgenerator „{llm}“. Verfügbar: "
                             f"{', '.join(backends)}.")
    unknown = [a for a in allowed or [] if a not in backends]
    if unknown:
        raise AssistantError(f"Unbekannte Antwortgeneratoren zum Freigeben: {', '.join(unknown)}. "
                             f"Verfügbar: {', '.join(backends)}.")
    if retrieval_mode not in RETRIEVAL_MODES:
        raise AssistantError(f"Unbekannter Suchmodus „{retrieval_mode}“.")
    url = (server_url or "").strip()
    if url and not url.startswith(("http://", "https://")):
        raise AssistantError("Die Server-Adresse muss mit http:// oder https:// beginnen, "
                             "z. B. http://127.0.0.1:8080/v1.")
    settings = ws.settings.replace(
        llm=llm, openai_base_url=url or None, openai_model=(model_name or "").strip() or None,
        retrieval_mode=retrieval_mode,
        allowed_llms=",".join(allowed) if allowed is not None else None)
    path = (model_path or "").strip()
    settings = settings.replace(llm_model_path=path) if path else dataclasses.replace(
        settings, llm_model_path=None)
    engine, before = ws.engine, ws.engine.settings
    engine.use(settings)
    try:
        engine.answerer(llm)  # load now, so a wrong path or URL shows here, not at the next question
    except AssistantError:
        engine.use(before)
        raise
    status = (f"✔ Übernommen: Generator „{label(llm)}“, Suche „{MODE_LABELS[retrieval_mode]}“, "
              f"freigegeben für alle: {', '.join(label(n) for n in settings.allowed_llm_names)}. "
              "Gilt ab sofort für alle, bis zum Neustart.")
    if secret(settings) and origin(settings.openai_base_url) != settings.openai_key_origin:
        status += (f"\n\n⚠ An die neue Server-Adresse geht der API-Schlüssel nicht mit (er gilt "
                   f"nur für {text(settings.openai_key_origin)}).")
    return status
