"""Dokumente: upload, list, edit metadata (sidecar + re-ingest), delete, re-index.

Uploads are copied to ``<daten>/dokumente``; editing metadata writes ``<datei>.meta.json``
next to that copy (a bundled document is copied there first, the corpus stays untouched).
Every change to the index waits its turn in ``Workspace.ingest_queue`` (smallest first); an
upload runs in the background (``start_upload``), shows its place in the queue
(``watch``) and can be cancelled by whoever started it (``cancel``). A copy whose ingest did
not finish (skipped, cancelled, failed) is removed again (``remove_orphans``)."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from assistant.errors import AssistantError
from assistant.ingest import FORMAT_NAMES, SUPPORTED
from assistant.ingest.metadata import DOC_TYPES, SIDECAR_SUFFIX, read_sidecar
from assistant.types import IngestReport, Problem
from workspace.context import Progress, Workspace, remove_orphans
from workspace.ingestqueue import CANCELLED, DONE, FAILED, PAUSED, RUNNING, Job
from workspace.render import ingest_markdown, text

log = logging.getLogger(__name__)
DOCUMENT_COLUMNS = ("Dokument", "Typ", "Kommune", "Jahr", "Seiten", "Abschnitte", "Titel")


def document_rows(ws: Workspace) -> list[list]:
    """One row per document; the long title last, so the editable fields stay in view."""
    return [[d.doc_id, d.type, d.municipality, d.year or "", d.pages or "", d.chunks, d.title]
            for d in ws.engine.documents()]


def _size(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        try:
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() \
                else p.stat().st_size
        except OSError:
            continue
    return total


def _tracked(job: Job, progress: Progress | None) -> Progress:
    def report(fraction: float, message: str) -> None:
        job.progress = (fraction, message)
        if progress:
            progress(fraction, message)
    return report


def _ingest(ws: Workspace, paths: list[Path], progress: Progress | None, force: bool = False,
            owner: str | None = None, label: str = "") -> IngestReport:
    """Ingest now, in this thread, when it is this job's turn (smallest first)."""
    queue = ws.ingest_queue
    job = queue.submit(owner, label or ", ".join(p.name for p in paths), _size(paths))
    report = queue.run(job, lambda checkpoint: ws.engine.ingest(
        paths, _tracked(job, progress), force=force, checkpoint=checkpoint))
    return report if report is not None else IngestReport()


def _with(report: IngestReport, problems: list[Problem]) -> IngestReport:
    return IngestReport(
        added=report.added, updated=report.updated, unchanged=report.unchanged,
        problems=report.problems + tuple(problems), chunks_written=report.chunks_written,
        pages=report.pages, seconds=report.seconds, cancelled=report.cancelled)


DROPPED = "abgebrochen – nicht übernommen; bei Bedarf bitte erneut hochladen."


def _drop_partial(ws: Workspace, report: IngestReport) -> None:
    """A cancelled upload leaves nothing half read: chunks of new documents it did not
    finish are removed (an update stays as the core left it; the next run completes it)."""
    known = {d.doc_id for d in ws.engine.documents()}
    for doc_id in report.cancelled:
        if doc_id not in known:
            ws.engine.remove(doc_id)


def start_upload(ws: Workspace, files: list[str | Path] | None,
                 owner: str | None = None, progress: Progress | None = None) -> Job:
    """Queue the uploaded files for ingest (in the background); returns the job to
    ``watch`` or ``cancel``. The copies are made when it is the job's turn."""
    if not files:
        raise AssistantError(f"Bitte zuerst Dateien auswählen ({FORMAT_NAMES}).")
    sources, rejected = [], []
    for f in files:
        src = Path(f)
        if src.suffix.lower() not in SUPPORTED:
            rejected.append(Problem(src.name, f"Format „{src.suffix or 'ohne Endung'}“ wird nicht "
                                    "unterstützt – bitte als PDF, DOCX, HTML, Markdown, TXT, CSV "
                                    "oder XLSX speichern."))
            continue
        sources.append(src)
    names = ", ".join(s.name for s in sources) or ", ".join(p.path for p in rejected)
    job = ws.ingest_queue.submit(owner, names, _size(sources))
    thread = threading.Thread(target=_upload_job, args=(ws, job, sources, rejected, progress),
                              name=f"einlesen-{job.id[:8]}", daemon=True)
    thread.start()
    return job


def _upload_job(ws: Workspace, job: Job, sources: list[Path], rejected: list[Problem],
                progress: Progress | None) -> None:
    copies = [ws.uploads_dir / src.name for src in sources]

    def work(checkpoint) -> IngestReport:
        ws.uploads_dir.mkdir(parents=True, exist_ok=True)
        for src, dest in zip(sources, copies):
            shutil.copyfile(src, dest)
        report = ws.engine.ingest(copies, _tracked(job, progress), checkpoint=checkpoint) \
            if copies else IngestReport()
        _drop_partial(ws, report)
        return report

    report = None
    try:
        with ws.holding(copies):
            report = ws.ingest_queue.run(job, work)
    except Exception:  # noqa: BLE001 - kept on the job, shown by watch()
        log.exception("Einlesen von %s fehlgeschlagen", job.label)
    finally:
        if report is None or report.skipped:
            remove_orphans(ws)  # copies that did not make it into the index
    if report is not None:
        if job.stopped:  # the core's "resumes next time" does not hold: it was removed
            report = replace(report, problems=tuple(
                Problem(p.path, DROPPED) if p.path in report.cancelled else p
                for p in report.problems))
        job.summary = ingest_markdown(_with(report, rejected))
    elif job.state == CANCELLED:
        job.summary = f"✖ **Abgebrochen**, bevor es begann: {text(job.label)} – nichts übernommen."


def status(ws: Workspace, job: Job) -> str:
    """One line on the job for the page (German; file names as text)."""
    queue = ws.ingest_queue
    what = text(job.label)
    if job.state == DONE:
        return job.summary
    if job.state == CANCELLED:
        return job.summary if job.summary.startswith("✖") else (
            "✖ **Abgebrochen.** Schon vollständig Eingelesenes bleibt, der Rest wurde nicht "
            "übernommen.\n\n" + job.summary)
    if job.state == FAILED:
        return f"❌ Das Einlesen von {what} ist fehlgeschlagen."
    if job.cancel_requested:
        return f"… wird abgebrochen: {what}"
    if job.state == RUNNING:
        fraction, message = job.progress
        return f"📄 **Wird eingelesen: {fraction:.0%}** – {text(message) or what}"
    place = queue.position(job)
    if job.state == PAUSED:
        return (f"⏸ **Platz {place} in der Warteschlange** – {what} macht Pause, kleinere "
                "Dateien gehen vor; danach geht es weiter.")
    return (f"⏳ **Platz {place} in der Warteschlange** – {what} wird eingelesen, sobald das "
            "Einlesen davor fertig ist. „Abbrechen“ nimmt die Dateien wieder heraus.")


def watch(ws: Workspace, job: Job, every: float = 0.5) -> Iterator[str]:
    """The job's status while it waits and runs, then its result (raises its error)."""
    shown = None
    while not job.done:
        line = status(ws, job)
        if line != shown:
            shown = line
            yield line
        time.sleep(every)
    if job.state == FAILED:
        error = job.error
        if isinstance(error, AssistantError):
            raise error
        raise AssistantError(f"Das Einlesen von {job.label} ist fehlgeschlagen "
                             f"({type(error).__name__}). Bitte erneut versuchen; besteht das "
                             "Problem, die Protokollausgabe des Servers an die IT geben.")
    for _ in range(100):  # the worker writes the summary right after the state
        if job.summary:
            break
        time.sleep(0.05)
    yield status(ws, job)


def cancel(ws: Workspace, job_id: str | None, owner: str | None = None) -> str:
    """"Abbrechen": only the person who started the job may."""
    job = ws.ingest_queue.cancel(job_id, owner)
    if job.done:
        return f"Das Einlesen von {text(job.label)} ist schon beendet ({job.state})."
    return f"… wird abgebrochen: {text(job.label)}"


def upload(ws: Workspace, files: list[str | Path] | None, progress: Progress | None = None,
           owner: str | None = None) -> str:
    """Upload and wait for the result (its place in the queue is not shown)."""
    return list(watch(ws, start_upload(ws, files, owner, progress), every=0.1))[-1]


def _known(ws: Workspace, doc_id: str):
    info = ws.engine.store.document(doc_id) if doc_id else None
    if info is None:
        raise AssistantError("Bitte in der Liste ein Dokument auswählen.")
    return info


def save_metadata(ws: Workspace, doc_id: str, doc_type: str, municipality: str,
                  year: object, progress: Progress | None = None, owner: str | None = None) -> str:
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
        report = _ingest(ws, [copy], progress, force=True, owner=owner, label=copy.name)
    if copy.name != doc_id and not report.skipped:
        ws.engine.remove(doc_id)  # a nested corpus id is now stored under the file name
    return f"✔ Metadaten von **{text(copy.name)}** gespeichert.\n\n" + ingest_markdown(report)


def delete(ws: Workspace, doc_id: str) -> str:
    info = _known(ws, doc_id)
    queue = ws.ingest_queue
    removed = queue.run(queue.submit(None, doc_id, 0), lambda checkpoint: ws.engine.remove(doc_id))
    copy = ws.uploads_dir / Path(info.path).name
    if Path(info.path).resolve() == copy.resolve():
        copy.unlink(missing_ok=True)
        copy.with_name(copy.name + SIDECAR_SUFFIX).unlink(missing_ok=True)
    return f"✔ **{text(doc_id)}** gelöscht ({removed} Abschnitte)."


def reindex(ws: Workspace, progress: Progress | None = None, owner: str | None = None) -> str:
    """Read every indexed document again from its file (e.g. after a program update)."""
    docs = ws.engine.documents()
    if not docs:
        raise AssistantError("Es sind keine Dokumente eingelesen.")
    paths = [Path(d.path) for d in docs if Path(d.path).is_file()]
    missing = [Problem(d.doc_id, f"Datei {d.path} nicht gefunden – bitte neu hochladen.")
               for d in docs if not Path(d.path).is_file()]
    report = _ingest(ws, paths, progress, force=True, owner=owner, label="alle Dokumente")
    return ingest_markdown(_with(report, missing))
