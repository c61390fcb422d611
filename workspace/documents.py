"""Dokumente: upload, list, edit metadata (sidecar + re-ingest), delete, re-index.

Uploads are copied to ``<daten>/dokumente``; editing metadata writes ``<datei>.meta.json``
next to that copy (a bundled document is copied there first, the corpus stays untouched).
A copy whose ingest did not finish (skipped, failed) is removed again (``remove_orphans``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from assistant.errors import AssistantError
from assistant.ingest import FORMAT_NAMES, SUPPORTED
from assistant.ingest.metadata import DOC_TYPES, SIDECAR_SUFFIX, read_sidecar
from assistant.types import IngestReport, Problem
from workspace.context import Progress, Workspace, remove_orphans
from workspace.render import ingest_markdown, text

DOCUMENT_COLUMNS = ("Dokument", "Typ", "Kommune", "Jahr", "Seiten", "Abschnitte", "Titel")


def document_rows(ws: Workspace) -> list[list]:
    """One row per document; the long title last, so the editable fields stay in view."""
    return [[d.doc_id, d.type, d.municipality, d.year or "", d.pages or "", d.chunks, d.title]
            for d in ws.engine.documents()]


def _ingest(ws: Workspace, paths: list[Path], progress: Progress | None,
            force: bool = False) -> IngestReport:
    with ws.ingest_lock:
        return ws.engine.ingest(paths, progress, force=force)


def upload(ws: Workspace, files: list[str | Path] | None, progress: Progress | None = None) -> str:
    """Copy the uploaded files into the data folder and ingest them."""
    if not files:
        raise AssistantError(f"Bitte zuerst Dateien auswählen ({FORMAT_NAMES}).")
    ws.uploads_dir.mkdir(parents=True, exist_ok=True)
    sources, rejected = [], []
    for f in files:
        src = Path(f)
        if src.suffix.lower() not in SUPPORTED:
            rejected.append(Problem(src.name, f"Format „{src.suffix or 'ohne Endung'}“ wird nicht "
                                    "unterstützt – bitte als PDF, DOCX, HTML, Markdown, TXT, CSV "
                                    "oder XLSX speichern."))
            continue
        sources.append(src)
    copies = [ws.uploads_dir / src.name for src in sources]
    report = None
    try:
        with ws.holding(copies):
            for src, dest in zip(sources, copies):
                shutil.copyfile(src, dest)
            report = _ingest(ws, copies, progress) if copies else IngestReport()
    finally:
        if report is None or report.skipped:
            remove_orphans(ws)  # copies that did not make it into the index
    return ingest_markdown(IngestReport(
        added=report.added, updated=report.updated, unchanged=report.unchanged,
        problems=report.problems + tuple(rejected), chunks_written=report.chunks_written,
        pages=report.pages, seconds=report.seconds,
    ))


def _known(ws: Workspace, doc_id: str):
    info = ws.engine.store.document(doc_id) if doc_id else None
    if info is None:
        raise AssistantError("Bitte in der Liste ein Dokument auswählen.")
    return info


def save_metadata(ws: Workspace, doc_id: str, doc_type: str, municipality: str,
                  year: object, progress: Progress | None = None) -> str:
    """Write the sidecar next to the stored copy and re-ingest that copy with force."""
    info = _known(ws, doc_id)
    if doc_type not in DOC_TYPES:
        raise AssistantError(f"Unbekannter Dokumenttyp „{doc_type}“. Erlaubt: {', '.join(DOC_TYPES)}.")
    year_s = str(year or "").strip().removesuffix(".0")
    if year_s and not (year_s.isdigit() and 1900 <= int(year_s) <= 2100):
        raise AssistantError(f"„{year_s}“ ist keine gültige Jahreszahl – bitte z. B. 2023 eingeben.")
    original = Path(info.path)
    if not original.is_file():
        raise AssistantError(f"Die Datei {original} ist nicht mehr vorhanden. Bitte das Dokument "
                             "löschen und neu hochladen.")
    copy = ws.uploads_dir / original.name
    with ws.holding([copy]):  # not an orphan while it is being read in
        if original.resolve() != copy.resolve():
            ws.uploads_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(original, copy)
        meta = {**read_sidecar(original), **read_sidecar(copy), "type": doc_type,
                "municipality": (municipality or "").strip() or ws.settings.default_municipality,
                "year": int(year_s) if year_s else None}
        copy.with_name(copy.name + SIDECAR_SUFFIX).write_text(
            json.dumps({k: v for k, v in meta.items() if v is not None}, ensure_ascii=False,
                       indent=2), encoding="utf-8")
        report = _ingest(ws, [copy], progress, force=True)
    if copy.name != doc_id and not report.skipped:
        ws.engine.remove(doc_id)  # a nested corpus id is now stored under the file name
    return f"✔ Metadaten von **{text(copy.name)}** gespeichert.\n\n" + ingest_markdown(report)


def delete(ws: Workspace, doc_id: str) -> str:
    info = _known(ws, doc_id)
    with ws.ingest_lock:
        removed = ws.engine.remove(doc_id)
    copy = ws.uploads_dir / Path(info.path).name
    if Path(info.path).resolve() == copy.resolve():
        copy.unlink(missing_ok=True)
        copy.with_name(copy.name + SIDECAR_SUFFIX).unlink(missing_ok=True)
    return f"✔ **{text(doc_id)}** gelöscht ({removed} Abschnitte)."


def reindex(ws: Workspace, progress: Progress | None = None) -> str:
    """Read every indexed document again from its file (e.g. after a program update)."""
    docs = ws.engine.documents()
    if not docs:
        raise AssistantError("Es sind keine Dokumente eingelesen.")
    paths = [Path(d.path) for d in docs if Path(d.path).is_file()]
    missing = [Problem(d.doc_id, f"Datei {d.path} nicht gefunden – bitte neu hochladen.")
               for d in docs if not Path(d.path).is_file()]
    report = _ingest(ws, paths, progress, force=True)
    return ingest_markdown(IngestReport(
        added=report.added, updated=report.updated, unchanged=report.unchanged,
        problems=report.problems + tuple(missing), chunks_written=report.chunks_written,
        pages=report.pages, seconds=report.seconds))
