"""Ask every question of a set through the core and score the answers.

For each question two calls go to the same retriever settings: the answer itself (with the
configured top-k) and a separate retrieval pass with k = 10, from which the retrieval
metrics come (so recall@k up to 10 exists whatever top-k the answer uses). The retrieval
pass searches the question as ``ask`` reads it (``Query.search``), typing slips corrected.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path

from assistant.answer import ask, load_answerer, understand
from assistant.config import Settings
from assistant.engine import Engine
from assistant.evaluate.questions import Question
from assistant.evaluate.score import K_MAX, evidence_qrels, score_question, summarise
from assistant.search.retrieve import Retriever

# settings that change results; recorded in every summary
RESULT_SETTINGS = ("embedder", "retrieval_mode", "dense_weight", "rrf_k", "top_k", "candidates",
                   "rerank_candidates",
                   "llm", "chunk_tokens", "chunk_overlap_tokens", "max_answer_sentences")


def settings_record(settings: Settings) -> dict:
    names = {f.name for f in fields(Settings)}
    return {n: getattr(settings, n) for n in RESULT_SETTINGS if n in names}


def default_label(settings: Settings) -> str:
    mode = settings.retrieval_mode
    if mode == "hybrid":
        mode = f"hybrid{settings.dense_weight:g}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{mode}-{settings.embedder}-k{settings.top_k}")


def default_out(label: str, root: Path = Path("eval/runs")) -> Path:
    return root / f"{time.strftime('%Y%m%d-%H%M%S')}-{label}"


def _source_dicts(sources) -> list[dict]:
    return [s.to_dict() for s in sources]


def run_questions(engine: Engine, questions: Sequence[Question], settings: Settings,
                  progress: Callable[[Question], None] | None = None) -> list[dict]:
    """One record per question: labels, answer, citations, sources, retrieval, metrics.

    ``settings`` may differ from the engine's in retrieval and answer fields (mode, weights,
    top-k, answerer); the loaded embedder and store are reused."""
    retriever = Retriever(engine.store, engine.embedder, settings)
    answerer = load_answerer(settings.llm, settings, retriever)
    chunks, _ = engine.store.all_chunks()
    qrels = evidence_qrels(((c.id, c.text) for c in chunks), questions)
    records = []
    for q in questions:
        answer = ask(q.question, retriever, answerer, k=None,  # settings.top_k; lists more
                     mode=settings.retrieval_mode)
        t0 = time.perf_counter()  # the retrieval pass, measured on its own
        query = understand(q.question, retriever)
        retrieved = _source_dicts(retriever.search(
            query.search, k=K_MAX, mode=settings.retrieval_mode, dense_weight=settings.dense_weight,
        ))
        retrieval_ms = (time.perf_counter() - t0) * 1000
        data = answer.to_dict()
        records.append({
            "id": q.id,
            "question": q.question,
            "labels": q.labels(),
            "answer": data["answer"],
            "abstained": data["abstained"],
            "notes": data["notes"],
            "citations": data["citations"],
            "items": data["items"],
            "signals": answer.signals,
            "sources": data["sources"],
            "retrieved": retrieved,
            "timings_ms": {**data["timings_ms"], "retrieval_k10": round(retrieval_ms, 1)},
            "metrics": score_question(q, data, retrieved, qrels.get(q.id)),
        })
        if progress:
            progress(q)
    return records


def summary_of(records: Sequence[dict], settings: Settings, label: str,
               questions_file: Path | None = None, corpus: Path | None = None) -> dict:
    return {
        "label": label,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "questions_file": str(questions_file) if questions_file else None,
        "corpus": str(corpus) if corpus else None,
        "settings": settings_record(settings),
        "metrics": summarise(records),
    }
