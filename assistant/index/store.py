"""The vector store: Chroma, embedded (``PersistentClient``) or a server (``HttpClient``).

Two collections: ``<name>`` holds the chunks with our own embeddings (Chroma's embedding
function is never used: it would download a model), ``<name>_dokumente`` holds one record
per document (the manifest). The chunk collection records the embedding model it was
built with; opening it with another model is refused.

Chroma types stay inside this module.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

import numpy as np

from assistant.config import Settings
from assistant.errors import ModelMismatchError, StoreError
from assistant.types import Chunk, DocFacts, DocumentInfo

log = logging.getLogger(__name__)

_BATCH = 256


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_mode == "http":
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:  # noqa: BLE001 - chromadb raises plain ValueError/ConnectError
            raise StoreError(
                f"Der Chroma-Server unter {settings.chroma_host}:{settings.chroma_port} ist nicht "
                "erreichbar. Bitte prüfen, ob er läuft (z. B. 'chroma run --path DATEN "
                "--host 127.0.0.1 --port 8000'), oder chroma_mode = 'embedded' setzen."
            ) from exc
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


def _meta(chunk: Chunk, info: DocumentInfo) -> dict:
    return {
        "doc_id": chunk.doc_id,
        "sha256": info.sha256,
        "title": info.title,
        "type": info.type,
        "municipality": info.municipality,
        "year": info.year if info.year is not None else -1,
        "page": chunk.page if chunk.page is not None else -1,
        "page_label": chunk.page_label or "",
        "heading": chunk.heading,
        "position": chunk.position,
        "kind": chunk.kind,
        "questions": round(chunk.questions, 3),
        "items": ",".join(f"{a}-{b}" for a, b in chunk.items),
    }


def facts_from(meta: dict) -> DocFacts:
    """The document facts of a chunk's stored metadata (-1: no year)."""
    year = meta.get("year", -1)
    return DocFacts(doc_id=meta["doc_id"], title=meta.get("title", meta["doc_id"]),
                    type=meta.get("type", ""), municipality=meta.get("municipality", ""),
                    year=None if year is None or year < 0 else int(year))


def chunk_from(cid: str, text: str, meta: dict) -> Chunk:
    page = meta.get("page", -1)
    return Chunk(
        id=cid, doc_id=meta["doc_id"], text=text, position=int(meta.get("position", 0)),
        page=None if page is None or page < 0 else int(page),
        page_label=meta.get("page_label") or None, heading=meta.get("heading", ""),
        kind=meta.get("kind", "text"), questions=float(meta.get("questions", 0.0)),
        items=tuple(tuple(int(x) for x in span.split("-"))  # type: ignore[misc]
                    for span in (meta.get("items") or "").split(",") if "-" in span),
    )


class Store:
    def __init__(self, settings: Settings, embedder_name: str, dim: int) -> None:
        self.settings = settings
        self.embedder_name = embedder_name
        self._dim = dim
        client = _client(settings)
        try:
            existing = {c if isinstance(c, str) else c.name for c in client.list_collections()}
            name = settings.collection
            if name in existing:
                self._chunks = client.get_collection(name, embedding_function=None)
                built_with = (self._chunks.metadata or {}).get("embedder")
                if built_with and built_with != embedder_name:
                    raise ModelMismatchError(
                        f"Der Index wurde mit dem Embedding-Modell '{built_with}' erstellt, "
                        f"eingestellt ist '{embedder_name}'. Modelle werden nicht gemischt. "
                        f"Entweder embedder = '{built_with}' einstellen oder den Index neu "
                        "aufbauen: 'assistant ingest --rebuild ORDNER' (liest alle Dokumente neu)."
                    )
            else:
                self._chunks = client.create_collection(
                    name, embedding_function=None,
                    metadata={"embedder": embedder_name, "dim": dim, "hnsw:space": "cosine"},
                )
            self._docs = client.get_or_create_collection(
                f"{name}_dokumente", embedding_function=None, metadata={"kind": "manifest"}
            )
        except ModelMismatchError:
            raise
        except Exception as exc:  # noqa: BLE001
            if settings.chroma_mode == "http":
                raise StoreError(
                    f"Der Chroma-Server unter {settings.chroma_host}:{settings.chroma_port} "
                    f"antwortet nicht ({exc}). Bitte prüfen, ob er läuft."
                ) from exc
            raise
        self._client = client

    @staticmethod
    def drop(settings: Settings) -> None:
        """Delete both collections (for a rebuild with another model)."""
        client = _client(settings)
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        for n in (settings.collection, f"{settings.collection}_dokumente"):
            if n in names:
                client.delete_collection(n)

    # --- documents (manifest) ---------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        got = self._docs.get(include=["documents"])
        infos = [DocumentInfo(**json.loads(d)) for d in got["documents"]]
        return sorted(infos, key=lambda i: i.doc_id)

    def document(self, doc_id: str) -> DocumentInfo | None:
        got = self._docs.get(ids=[doc_id], include=["documents"])
        return DocumentInfo(**json.loads(got["documents"][0])) if got["ids"] else None

    def put_document(self, info: DocumentInfo) -> None:
        self._docs.upsert(
            ids=[info.doc_id], documents=[json.dumps(info.to_dict(), ensure_ascii=False)],
            embeddings=[[1.0]], metadatas=[{"sha256": info.sha256}],
        )

    # --- chunks -----------------------------------------------------------------------
    def upsert_chunks(self, info: DocumentInfo, chunks: list[Chunk],
                      embeddings: np.ndarray) -> None:
        for i in range(0, len(chunks), _BATCH):
            part = chunks[i:i + _BATCH]
            self._chunks.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                embeddings=embeddings[i:i + _BATCH],
                metadatas=[_meta(c, info) for c in part],
            )

    def embedded(self, info: DocumentInfo, chunks: list[Chunk]) -> set[str]:
        """Ids of ``chunks`` already stored with the same embedding input (text, heading
        and document title; ids also hash document, page and position): a resumed or
        repeated ingest need not embed them again. Their other metadata (file hash,
        type, year …) is brought up to date here."""
        wanted = {c.id: c for c in chunks}
        ids = list(wanted)
        done, stale = set(), []
        for i in range(0, len(ids), _BATCH):
            got = self._chunks.get(ids=ids[i:i + _BATCH], include=["documents", "metadatas"])
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                chunk = wanted[cid]
                if text != chunk.text or meta.get("heading") != chunk.heading \
                        or meta.get("title") != info.title:
                    continue
                done.add(cid)
                if meta != _meta(chunk, info):
                    stale.append(chunk)
        for i in range(0, len(stale), _BATCH):
            part = stale[i:i + _BATCH]
            self._chunks.update(ids=[c.id for c in part], metadatas=[_meta(c, info) for c in part])
        return done

    def delete_stale(self, doc_id: str, keep: Iterable[str]) -> int:
        keep = set(keep)
        got = self._chunks.get(where={"doc_id": doc_id}, include=[])
        stale = [i for i in got["ids"] if i not in keep]
        for i in range(0, len(stale), _BATCH):
            self._chunks.delete(ids=stale[i:i + _BATCH])
        return len(stale)

    def remove(self, doc_id: str) -> int:
        removed = self.delete_stale(doc_id, ())
        self._docs.delete(ids=[doc_id])
        return removed

    def count(self) -> int:
        return self._chunks.count()

    def chunk_ids(self) -> list[str]:
        return self._chunks.get(include=[])["ids"]

    def all_chunks(self) -> tuple[list[Chunk], list[DocFacts]]:
        """Every chunk with its document's facts (for the lexical index)."""
        chunks, metas, _ = self._scan(with_vectors=False)
        return chunks, metas

    def all_chunks_with_vectors(self) -> tuple[list[Chunk], list[DocFacts], np.ndarray]:
        """Every chunk, its document's facts and the matrix of their vectors (row i:
        chunk i)."""
        chunks, metas, parts = self._scan(with_vectors=True)
        matrix = np.vstack(parts) if parts else np.zeros((0, self._dim), dtype=np.float32)
        return chunks, metas, matrix

    def _scan(self, with_vectors: bool
              ) -> tuple[list[Chunk], list[DocFacts], list[np.ndarray]]:
        chunks, metas, vectors = [], [], []
        include = ["documents", "metadatas"] + (["embeddings"] if with_vectors else [])
        for offset in range(0, self._chunks.count(), 5000):
            got = self._chunks.get(include=include, limit=5000, offset=offset)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                chunks.append(chunk_from(cid, text, meta))
                metas.append(facts_from(meta))
            if with_vectors and len(got["ids"]):
                vectors.append(np.asarray(got["embeddings"], dtype=np.float32))
        return chunks, metas, vectors

    def query(self, vector: np.ndarray, n: int, where: dict | None = None
              ) -> list[tuple[Chunk, float, DocFacts]]:
        """Nearest chunks by cosine similarity (1 - distance)."""
        if n <= 0 or self._chunks.count() == 0:
            return []
        got = self._chunks.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=min(n, self._chunks.count()), where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        return [
            (chunk_from(cid, text, meta), 1.0 - float(dist), facts_from(meta))
            for cid, text, meta, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0]
            )
        ]
