"""Index stage: put parsed, chunked, embedded documents into the store.

Crash safety: a document's chunks are upserted under deterministic ids batch by batch,
then its stale chunks are deleted, and only then its manifest record is written. A run
killed or cancelled at any point leaves a usable index; the next run sees the missing or
outdated manifest record and completes the document without duplicates, embedding only
the chunks that are not stored yet.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import DocumentError, IngestCancelled
from assistant.index.store import Store
from assistant.ingest import (
    check_file,
    chunk_blocks,
    embedding_text,
    file_sha256,
    find_documents,
    parse,
)
from assistant.ingest.files import os_message
from assistant.types import READER_VERSION, IngestReport, Problem

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
Checkpoint = Callable[[], None]
_EMBED_BATCH = 32


def open_store(settings: Settings, embedder: Embedder) -> Store:
    return Store(settings, embedder.name, embedder.dim)


def _ocr_folder(settings: Settings, doc_id: str) -> Path:
    """Where the OCR text of a document's pages waits for an interrupted ingest."""
    return settings.cache_dir / "ocr" / hashlib.sha256(doc_id.encode()).hexdigest()[:24]


def drop_ocr_pages(settings: Settings, doc_id: str) -> None:
    """Forget the kept OCR text of a document (done, refused or removed)."""
    shutil.rmtree(_ocr_folder(settings, doc_id), ignore_errors=True)


def ingest_paths(store: Store, embedder: Embedder, paths: list[Path], settings: Settings,
                 progress: Progress | None = None, force: bool = False,
                 checkpoint: Checkpoint | None = None) -> IngestReport:
    """Ingest files and folders. Bad files are reported, never fatal for the batch.

    ``checkpoint()`` is called before each file, between embedding batches and between
    OCR pages; it may block (to let another job go first) or raise ``IngestCancelled`` to
    stop. Then the chunks and OCR pages done so far stay, and the report lists every file
    not (completely) read."""
    started = time.perf_counter()
    files, unlisted = find_documents(paths)
    done = _Outcome(problems=list(unlisted))
    cancelled: list[str] = []
    for n, (path, doc_id) in enumerate(files):
        def report(fraction: float, message: str) -> None:
            if progress:
                progress((n + fraction) / max(len(files), 1), message)

        try:
            if checkpoint:
                checkpoint()
            report(0.0, f"{doc_id}: wird gelesen")
            _ingest_file(store, embedder, path, doc_id, settings, force, report, checkpoint,
                         done)
        except IngestCancelled:
            cancelled = [d for _, d in files[n:]]
            break
        except DocumentError as exc:
            done.problems.append(Problem(doc_id, str(exc)))
        except OSError as exc:  # gone, rights changed or a read error while it was read
            done.problems.append(Problem(doc_id, os_message(exc, path)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            log.exception("Unerwarteter Fehler bei %s", path)
            done.problems.append(Problem(
                doc_id, f"unerwarteter Fehler beim Lesen ({type(exc).__name__}: {exc}) – "
                "bitte die Datei prüfen oder neu speichern; Details stehen im Protokoll.",
            ))
    done.problems += [Problem(d, _CANCELLED) for d in cancelled]
    if progress:
        progress(1.0, "abgebrochen" if cancelled else "fertig")
    return IngestReport(
        added=tuple(done.added), updated=tuple(done.updated), unchanged=tuple(done.unchanged),
        problems=tuple(done.problems), chunks_written=done.chunks, pages=done.pages,
        seconds=time.perf_counter() - started, cancelled=tuple(cancelled),
    )


_CANCELLED = ("nicht (vollständig) eingelesen: das Einlesen wurde abgebrochen – bitte erneut "
              "einlesen; schon Eingelesenes bleibt erhalten und wird nicht doppelt übernommen.")


@dataclass
class _Outcome:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    chunks: int = 0
    pages: int = 0


def _ingest_file(store: Store, embedder: Embedder, path: Path, doc_id: str,
                 settings: Settings, force: bool, report: Progress,
                 checkpoint: Checkpoint | None, done: _Outcome) -> None:
    """One document: parse, chunk, embed and upsert batch by batch, then drop its stale
    chunks and write its manifest record (last, so an interrupted run is redone)."""
    check_file(path, settings)  # readable and within the limits, before it is hashed
    sha = file_sha256(path)
    known = store.document(doc_id)
    if known and known.sha256 == sha and known.reader == READER_VERSION and not force:
        done.unchanged.append(doc_id)
        return
    # text read by OCR is kept until the document is done: a rerun does not read it again
    ocr_saved = _ocr_folder(settings, doc_id) / sha

    def ocr_page(n: int, total: int) -> None:
        if checkpoint and n:
            checkpoint()  # a long scan can be paused or cancelled page by page
        report(0.1 * n / max(total, 1),
               f"{doc_id}: Texterkennung (OCR) Seite {min(n + 1, total)} von {total}")

    try:
        parsed = parse(path, doc_id, settings.default_municipality, sha256=sha,
                       progress=ocr_page, limits=settings, ocr_saved=ocr_saved)
    except DocumentError:
        drop_ocr_pages(settings, doc_id)
        raise
    limit = embedder.max_tokens - 24  # room for "passage: " and the heading line
    chunks = chunk_blocks(
        doc_id, parsed.blocks, embedder.count_tokens,
        target=settings.chunk_tokens, overlap=settings.chunk_overlap_tokens, limit=limit,
    )
    info = replace(parsed.info, chunks=len(chunks))
    # chunks an interrupted run already stored are not embedded again
    embedded = store.embedded(info, chunks)
    todo = [c for c in chunks if c.id not in embedded]
    for i in range(0, len(todo), _EMBED_BATCH):
        if checkpoint and i:
            checkpoint()
        share = (len(embedded) + i) / max(len(chunks), 1)
        report(0.1 + 0.8 * share, f"{doc_id}: Abschnitte einbetten")
        batch = todo[i:i + _EMBED_BATCH]
        vectors = embedder.embed_passages([embedding_text(c, info.title) for c in batch])
        store.upsert_chunks(info, batch, vectors)
    store.delete_stale(doc_id, [c.id for c in chunks])
    store.put_document(info)
    drop_ocr_pages(settings, doc_id)
    (done.updated if known else done.added).append(doc_id)
    done.chunks += len(chunks)
    done.pages += info.pages
    done.problems += [Problem(doc_id, w, skipped=False) for w in parsed.warnings]
