"""Ausgangslage: the draft by the six step-2 questions – generate, edit, remove citations,
export. Every handler reads the draft from disk, changes it and saves it (under a lock), so
several people see the same draft and nothing is lost on a restart."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.draft import (
    Draft,
    adopt_section,
    draft_path,
    draft_section,
    edit_text,
    list_drafts,
    load_draft,
    open_draft,
    remove_citation,
    save_draft,
)
from assistant.draft.export import export_docx, to_markdown
from assistant.errors import AssistantError
from assistant.types import Filters
from workspace.context import Workspace
from workspace.preferences import check_backend
from workspace.render import section_sources, section_warnings

FALLBACK_MUNICIPALITY = "Meine Kommune"


def start_municipality(ws: Workspace) -> str:
    """The draft shown at start: the last one edited, else the documents' municipality."""
    for path in list_drafts(ws.settings.drafts_dir):
        try:
            return load_draft(path).municipality
        except AssistantError:
            continue
    return next(iter(ws.municipalities()), FALLBACK_MUNICIPALITY)


def municipality_choices(ws: Workspace) -> list[str]:
    names = []
    for path in list_drafts(ws.settings.drafts_dir):
        try:
            names.append(load_draft(path).municipality)
        except AssistantError:
            continue
    return list(dict.fromkeys([*names, *ws.municipalities()])) or [FALLBACK_MUNICIPALITY]


def _name(municipality: str) -> str:
    name = (municipality or "").strip()
    if not name:
        raise AssistantError("Bitte oben den Namen der Kommune eintragen.")
    return name


def load(ws: Workspace, municipality: str) -> Draft:
    return open_draft(ws.settings.drafts_dir, _name(municipality))


def section_view(draft: Draft, key: str) -> tuple[str, str, str, list[str]]:
    """(text, sources HTML, warnings, citation labels) of one section."""
    s = draft.section(key)
    labels = [c.label for c in s.citations]
    return s.text, section_sources(s), section_warnings(s), labels


def _change(ws: Workspace, municipality: str, change) -> Draft:
    with ws.draft_lock:
        draft = change(load(ws, municipality))
        save_draft(draft, ws.settings.drafts_dir)
    return draft


def generation_filters(ws: Workspace, municipality: str) -> Filters:
    """Only the municipality's documents where some carry its name (never the guidance
    of another place); all documents otherwise."""
    return Filters(municipality=municipality) if municipality in ws.municipalities() else Filters()


def generate(ws: Workspace, municipality: str, key: str, backend: str = "extractive",
             username: str | None = None):
    """Generate a section from the sources and append it to the section's text, with a
    generator this user may use (``preferences.check_backend``)."""
    municipality = _name(municipality)
    backend = check_backend(ws, username, backend)
    section = draft_section(ws.engine, key, llm=backend,
                            filters=generation_filters(ws, municipality))
    return section_view(_change(ws, municipality, lambda d: adopt_section(d, section)), key)


def save_text(ws: Workspace, municipality: str, key: str, text: str):
    return section_view(_change(ws, municipality, lambda d: edit_text(d, key, text or "")), key)


def drop_citation(ws: Workspace, municipality: str, key: str, label: str | None):
    m = re.match(r"\[(\d+)\]", label or "")
    if not m:
        raise AssistantError("Bitte zuerst die Quelle auswählen, die entfernt werden soll.")
    n = int(m.group(1))
    return section_view(_change(ws, municipality, lambda d: remove_citation(d, key, n)), key)


def export(ws: Workspace, municipality: str, fmt: str, global_refs: bool = False) -> Path:
    """Write the draft as DOCX or Markdown into the export folder; returns the file."""
    draft = load(ws, municipality)
    if not any(s.text.strip() for s in draft.sections):
        raise AssistantError("Der Entwurf ist noch leer. Bitte zuerst Abschnitte erzeugen oder "
                             "Antworten übernehmen.")
    stem = draft_path(ws.exports_dir, draft.municipality).stem
    target = ws.exports_dir / f"ausgangslage-{stem}.{fmt}"
    if fmt == "docx":
        return export_docx(draft, target, global_refs)
    if fmt == "md":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(draft, global_refs), encoding="utf-8")
        return target
    raise AssistantError(f"Unbekanntes Exportformat „{fmt}“ (möglich: docx, md).")
