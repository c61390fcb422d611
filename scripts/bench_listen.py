"""List answers: latency on the bundled corpus and with 10,000 chunks.

Prints medians; asserts nothing (machines are noisy). Run:

    .venv/bin/python scripts/bench_listen.py [--chunks 10000] [--rounds 3]

1. Bundled corpus (corpus/dokumente, ingested into a temp dir): every question of
   eval/questions.jsonl that reads as a list or balance question (``answer.shape``), asked
   ``--rounds`` times through ``ask`` (the first round warms the caches and is not counted).
2. Synthetic index of ``--chunks`` chunks in a real Chroma: a quarter are passages of one long
   measures table ("Angebot: … | Träger: … | Alter: … | Stadtbezirk: …", five rows each, all
   of one table: the worst case, a list answer reads the whole table), the rest prose on
   other topics (minutes), so that the list questions find the table. The
   first 1,000 are embedded for real with e5-small, the rest reuse those vectors with noise.
   Twenty list questions, median and p95 of ``ask``, first with the sentence vectors of the
   passages not yet computed (cold: every passage is new to the reranker), then again (warm).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from scripts.bench import DISTRICTS, GROUPS, OFFERS, PROVIDERS  # noqa: E402

AGES = ("3–6", "6–10", "10–16", "12–18", "16–21", "18–25", "Erwachsene")


def _median_p95(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(0.95 * len(values)))]


def _timed(questions: list[str], retriever, answerer) -> tuple[list[float], list[int]]:
    """Milliseconds of ``ask`` and the number of items, per question."""
    from assistant.answer import ask

    times, items = [], []
    for q in questions:
        t = time.perf_counter()
        answer = ask(q, retriever, answerer)
        times.append((time.perf_counter() - t) * 1000)
        items.append(len(answer.items))
    return times, items


def bench_bundled(rounds: int) -> None:
    from assistant.answer.shape import shape
    from assistant.config import Settings
    from assistant.engine import Engine

    questions = [json.loads(line)["question"]
                 for line in (REPO / "eval/questions.jsonl").read_text("utf-8").splitlines()
                 if line.strip()]
    listed = [q for q in questions if shape(q) in ("list", "balance")]
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine.open(Settings(data_dir=Path(tmp)))
        engine.ingest([REPO / "corpus/dokumente"])
        answerer = engine.answerer()
        _timed(listed, engine.retriever, answerer)  # the first round warms the caches
        times, items = [], []
        for _ in range(rounds - 1):
            more_times, more_items = _timed(listed, engine.retriever, answerer)
            times += more_times
            items += more_items
    p50, p95 = _median_p95(times)
    print(f"Bundled corpus: {len(listed)} list/balance questions × {rounds - 1} rounds: "
          f"ask p50 {p50:.0f} ms, p95 {p95:.0f} ms; answered as a list: "
          f"{sum(1 for n in items if n) // max(rounds - 1, 1)} of {len(listed)}")


def _table_chunk(i: int, rng: random.Random) -> str:
    rows = [f"Angebot: {rng.choice(OFFERS)} {i}-{r} | Träger: {rng.choice(PROVIDERS)} | "
            f"Zielgruppe: {rng.choice(GROUPS)} | Alter: {rng.choice(AGES)} | "
            f"Stadtbezirk: {rng.choice(DISTRICTS)}" for r in range(5)]
    return "\n".join(["Angebot | Träger | Zielgruppe | Alter | Stadtbezirk", *rows])


def _minutes(i: int, rng: random.Random) -> str:
    """Prose of minutes and reports: other topics, so that a list question finds the table."""
    topic = rng.choice(("Haushalt", "Bauleitplanung", "Verkehr", "Personal", "Digitalisierung"))
    return (f"Der Ausschuss für {topic} tagte am {rng.randint(1, 28)}. März "
            f"{rng.randint(2015, 2024)} im Rathaus {rng.choice(DISTRICTS)}. Die Verwaltung "
            f"berichtete über {rng.randint(2, 40)} Vorlagen; Vorgang Nr. {i}.")


def bench_synthetic(n_chunks: int) -> None:
    import numpy as np

    from assistant.answer import ask
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.config import Settings
    from assistant.embed import load_embedder
    from assistant.index.store import Store
    from assistant.search.retrieve import Retriever
    from assistant.types import Chunk, DocumentInfo

    rng = random.Random(11)
    tables = n_chunks // 4
    texts = [_table_chunk(i, rng) if i < tables else _minutes(i, rng)
             for i in range(n_chunks)]
    embedder = load_embedder("e5-small")
    real = min(n_chunks, 1000)
    sample = list(range(0, n_chunks, max(1, n_chunks // real)))[:real]
    vectors = np.vstack([embedder.embed_passages([texts[j] for j in sample[i:i + 32]])
                         for i in range(0, len(sample), 32)])
    noise = np.random.default_rng(11).normal(0, 0.02, (n_chunks, vectors.shape[1]))
    full = vectors[np.arange(n_chunks) % len(sample)] + noise.astype(np.float32)
    full[sample] = vectors
    full /= np.linalg.norm(full, axis=1, keepdims=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        store = Store(settings, embedder.name, embedder.dim)
        info = DocumentInfo(doc_id="uebersicht", title="Angebotsübersicht", path="-",
                            type="Tabelle", municipality="Musterstadt", year=2024, sha256="0")
        chunks = [Chunk(id=f"c{i}", doc_id="uebersicht", text=texts[i], position=i, page=None,
                        heading="Angebote", kind="table" if i < tables else "text")
                  for i in range(n_chunks)]
        for start in range(0, n_chunks, 2000):
            store.upsert_chunks(info, chunks[start:start + 2000],
                                full[start:start + 2000].astype(np.float32))
        retriever = Retriever(store, embedder, settings)
        answerer = ExtractiveAnswerer(settings, retriever.vocabulary)
        questions = [f"Welche Angebote gibt es im Stadtbezirk {rng.choice(DISTRICTS)} für "
                     f"{rng.choice(('Jugendliche', 'Kinder', 'Eltern'))}?" for _ in range(21)]
        ask(questions[0], retriever, answerer)  # loads the lexical index and the caches
        for label in ("cold", "warm"):  # warm: the passages' sentence vectors are cached
            times, items = _timed(questions[1:], retriever, answerer)
            p50, p95 = _median_p95(times)
            print(f"Synthetic index, {n_chunks} chunks ({tables} passages of one table), "
                  f"{label}: ask p50 {p50:.0f} ms, p95 {p95:.0f} ms; items per answer, median "
                  f"{statistics.median(items):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import logging

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    bench_bundled(args.rounds)
    bench_synthetic(args.chunks)


if __name__ == "__main__":
    main()
