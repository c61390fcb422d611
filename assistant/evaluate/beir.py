"""Benchmark the retriever on any BEIR-format folder with the MTEB definitions.

The folder holds ``corpus.jsonl`` ({_id, title, text}), ``queries.jsonl`` ({_id, text}) and
``qrels.tsv`` (query-id, corpus-id, score; header line first). Every paragraph becomes one
chunk of its own document (doc_id = _id) in a fresh Chroma store, built with the core's own
store and retriever, so the benchmark measures exactly what the assistant searches with.
Metrics over the whole corpus: nDCG@10, MRR@10, recall@1, recall@10 (queries without a
relevant document are skipped, as pytrec_eval does).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import ConfigError
from assistant.evaluate import metrics as m
from assistant.index.store import Store
from assistant.ingest.chunking import chunk_id, embedding_text
from assistant.search.retrieve import Retriever
from assistant.types import Chunk, DocumentInfo

COLUMNS = ("ndcg@10", "mrr@10", "recall@1", "recall@10")


@dataclass(frozen=True)
class BeirSet:
    corpus: dict[str, tuple[str, str]]  # id → (title, text)
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]  # query id → {doc id: relevance}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def load_beir(folder: Path) -> BeirSet:
    files = [folder / n for n in ("corpus.jsonl", "queries.jsonl", "qrels.tsv")]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        raise ConfigError(
            f"{folder} ist kein BEIR-Ordner: es fehlt {', '.join(missing)}. Erwartet werden "
            "corpus.jsonl, queries.jsonl und qrels.tsv (mit Kopfzeile)."
        )
    corpus = {str(d["_id"]): (str(d.get("title") or ""), str(d["text"])) for d in _jsonl(files[0])}
    queries = {str(q["_id"]): str(q["text"]) for q in _jsonl(files[1])}
    qrels: dict[str, dict[str, int]] = {}
    with files[2].open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        next(rows, None)
        for row in rows:
            if len(row) >= 3 and int(row[2]) > 0:
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    return BeirSet(corpus, queries, qrels)


def index_corpus(store: Store, embedder: Embedder, data: BeirSet, with_title: bool,
                 progress: Callable[[int], None] | None = None, batch: int = 32) -> None:
    """One chunk per paragraph; the embedded text is what the core embeds (title line +
    text when ``with_title``, else the text alone)."""
    items = []
    for doc_id, (title, text) in data.corpus.items():
        info = DocumentInfo(doc_id=doc_id, title=title if with_title else "", path="",
                            type="beir", municipality="", year=None, sha256="", chunks=1)
        chunk = Chunk(id=chunk_id(doc_id, None, 0, text), doc_id=doc_id, text=text, position=0)
        items.append((info, chunk))
    for start in range(0, len(items), batch):
        part = items[start:start + batch]
        vectors = embedder.embed_passages([embedding_text(c, i.title) for i, c in part])
        for (info, chunk), vector in zip(part, vectors):
            store.upsert_chunks(info, [chunk], np.asarray([vector]))
        if progress:
            progress(len(part))


def ranking(retriever: Retriever, query: str, mode: str, weight: float | None,
            k: int = 10) -> list[str]:
    """Document ids of the top ``k``, ordered by score with trec_eval's tie-breaking."""
    scores: dict[str, float] = {}
    for s in retriever.search(query, k=k, mode=mode, dense_weight=weight):
        scores[s.document] = max(scores.get(s.document, float("-inf")), s.score)
    return m.rank_by_score(scores)[:k]


def evaluate(retriever: Retriever, data: BeirSet, mode: str, weight: float | None,
             progress: Callable[[int], None] | None = None) -> dict[str, float]:
    per_query: dict[str, list[float]] = {c: [] for c in COLUMNS}
    for qid, relevant in data.qrels.items():
        if qid not in data.queries:
            continue
        covers = m.covers_for(ranking(retriever, data.queries[qid], mode, weight), relevant)
        per_query["ndcg@10"].append(m.ndcg_at_k(covers, len(relevant), 10))
        per_query["mrr@10"].append(m.mrr_at_k(covers, 10))
        per_query["recall@1"].append(m.recall_at_k(covers, relevant, 1))
        per_query["recall@10"].append(m.recall_at_k(covers, relevant, 10))
        if progress:
            progress(1)
    return {c: m.mean(v) for c, v in per_query.items()} | {"queries": len(per_query["mrr@10"])}


def open_bench_store(settings: Settings, embedder: Embedder) -> tuple[Store, Retriever]:
    store = Store(settings, embedder.name, embedder.dim)
    return store, Retriever(store, embedder, settings)


def to_markdown(rows: Sequence[dict]) -> str:
    lines = ["| Suche | nDCG@10 | MRR@10 | Recall@1 | Recall@10 | Anfragen |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['name']} | " + " | ".join(f"{r[c]:.4f}" for c in COLUMNS)
                     + f" | {r['queries']} |")
    return "\n".join(lines) + "\n"
