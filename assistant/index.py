"""Index stage: put parsed, chunked, embedded documents into the store.

Crash safety: a document's chunks are upserted under deterministic ids, then its stale
chunks are deleted, and only then its manifest record is written. A run killed at any
point leaves a usable index; the next run sees the missing or outdated manifest record
and completes the document without duplicates.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import DocumentError
from assistant.ingest import chunk_blocks, discover, embedding_text, file_sha256, parse
from assistant.store import Store
from assistant.types import IngestReport, Problem

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
_EMBED_BATCH = 32


def open_store(settings: Settings, embedder: Embedder) -> Store:
    return Store(settings, embedder.name, embedder.dim)


def ingest_paths(store: Store, embedder: Embedder, paths: list[Path], settings: Settings,
                 progress: Progress | None = None, force: bool = False) -> IngestReport:
    """Ingest files and folders. Bad files are reported, never fatal for the batch."""
    started = time.perf_counter()
    files = discover(paths)
    added, updated, unchanged, problems = [], [], [], []
    chunks_written = pages = 0
    limit = embedder.max_tokens - 24  # room for "passage: " and the heading line
    for n, (path, doc_id) in enumerate(files):
        def report(fraction: float, message: str) -> None:
            if progress:
                progress((n + fraction) / max(len(files), 1), message)

        report(0.0, f"{doc_id}: wird gelesen")
        try:
            sha = file_sha256(path) if path.is_file() else ""
            known = store.document(doc_id)
            if known and known.sha256 == sha and not force:
                unchanged.append(doc_id)
                continue
            parsed = parse(
                path, doc_id, settings.default_municipality, sha256=sha,
                progress=lambda done, total, name=doc_id: report(
                    0.1 * done / max(total, 1),
                    f"{name}: Texterkennung (OCR) Seite {min(done + 1, total)} von {total}"),
            )
            chunks = chunk_blocks(
                doc_id, parsed.blocks, embedder.count_tokens,
                target=settings.chunk_tokens, overlap=settings.chunk_overlap_tokens,
                limit=limit,
            )
            texts = [embedding_text(c, parsed.info.title) for c in chunks]
            vectors = []
            for i in range(0, len(texts), _EMBED_BATCH):
                report(0.1 + 0.8 * i / max(len(texts), 1), f"{doc_id}: Abschnitte einbetten")
                vectors.append(embedder.embed_passages(texts[i:i + _EMBED_BATCH]))
            matrix = np.vstack(vectors) if vectors else np.zeros((0, embedder.dim))
            info = replace(parsed.info, chunks=len(chunks))
            store.upsert_chunks(info, chunks, matrix)
            store.delete_stale(doc_id, [c.id for c in chunks])
            store.put_document(info)
            (updated if known else added).append(doc_id)
            chunks_written += len(chunks)
            pages += parsed.info.pages
            problems += [Problem(doc_id, w, skipped=False) for w in parsed.warnings]
        except DocumentError as exc:
            problems.append(Problem(doc_id, str(exc)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            log.exception("Unerwarteter Fehler bei %s", path)
            problems.append(Problem(
                doc_id, f"unerwarteter Fehler beim Lesen ({type(exc).__name__}: {exc}) – "
                "bitte die Datei prüfen oder neu speichern; Details stehen im Protokoll.",
            ))
    if progress:
        progress(1.0, "fertig")
    return IngestReport(
        added=tuple(added), updated=tuple(updated), unchanged=tuple(unchanged),
        problems=tuple(problems), chunks_written=chunks_written, pages=pages,
        seconds=time.perf_counter() - started,
    )
