"""Core benchmark: ingestion throughput, retrieval latency at 1k and 10k chunks, peak memory.

Prints numbers; asserts nothing (machines are noisy). Run:

    .venv/bin/python scripts/bench.py [--chunks 10000] [--queries 100]

1. Ingests the bundled corpus (corpus/dokumente) in a child process and answers the six
   step-2 questions in another: pages/s, chunks/s and the peak RSS of each.
2. Synthetic German chunks (templated municipal sentences); the first 1,000 embedded for
   real with e5-small, the rest reuse those vectors with noise. Stored in a real Chroma in
   a temp dir: retrieval latency p50/p95 per mode at 1k and at 10k chunks (query
   embedding included, first query excluded).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

DISTRICTS = ("Mitte", "Nord", "Ost", "Süd", "West", "Hafenviertel", "Altstadt", "Feldmark")
OFFERS = ("Sprachcafé", "Hausaufgabenhilfe", "Elternkurs", "Schwimmkurs", "Ferienschule",
          "Bildungsberatung", "Lernpatenschaft", "Mädchentreff", "Berufsorientierung",
          "Theaterprojekt", "Sportangebot", "Kita-Brückenangebot")
PROVIDERS = ("AWO", "Caritas", "Diakonie", "VHS", "Jugendmigrationsdienst", "Stadtbibliothek",
             "Sportverein", "Jugendamt", "Kommunales Integrationszentrum")
GROUPS = ("neu zugewanderte Kinder", "Jugendliche ab 16 Jahren", "Eltern neu zugewanderter "
          "Familien", "Seiteneinsteigerinnen und Seiteneinsteiger", "Kinder unter sechs Jahren")


def synthetic_chunk(i: int, rng: random.Random) -> str:
    d, o, p, g = (rng.choice(x) for x in (DISTRICTS, OFFERS, PROVIDERS, GROUPS))
    year = rng.randint(2015, 2024)
    n = rng.randint(5, 400)
    return (f"Im Stadtbezirk {d} bietet {p} seit {year} das Angebot {o} für {g} an. "
            f"Im Jahr {year + 1} nahmen {n} Personen teil; die Warteliste umfasst "
            f"{rng.randint(0, 60)} Anmeldungen. Vorgang Nr. {i}.")


def _percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(0.95 * len(values)))]


def bench_corpus() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cli = [sys.executable, "-m", "assistant.cli"]
        t = time.perf_counter()
        out = subprocess.run([*cli, "ingest", "--data", tmp, str(REPO / "corpus/dokumente")],
                             capture_output=True, text=True, cwd=REPO, check=False)
        seconds = time.perf_counter() - t
        rss_ingest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        listed = subprocess.run([*cli, "list", "--json", "--data", tmp], capture_output=True,
                                text=True, cwd=REPO, check=True)
        import json

        docs = json.loads(listed.stdout)
        pages = sum(d["pages"] or 1 for d in docs)
        chunks = sum(d["chunks"] for d in docs)
        t = time.perf_counter()
        subprocess.run([*cli, "ask", "--step2", "--data", tmp], capture_output=True, text=True,
                       cwd=REPO, check=True)
        ask_seconds = time.perf_counter() - t
        rss_all = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"Bundled corpus: {len(docs)} documents, {pages} pages (non-paginated files count 1), "
          f"{chunks} chunks; exit code {out.returncode}")
    print(f"  ingest (whole process incl. model load): {seconds:.1f} s -> "
          f"{pages / seconds:.2f} pages/s, {chunks / seconds:.2f} chunks/s")
    print(f"  six step-2 questions (whole process): {ask_seconds:.1f} s")
    print(f"  peak RSS: ingest {rss_ingest:.0f} MB, ingest or ask (max) {rss_all:.0f} MB")


def bench_retrieval(n_chunks: int, n_queries: int) -> None:
    import numpy as np

    from assistant.config import Settings
    from assistant.embed import load_embedder
    from assistant.index.store import Store
    from assistant.search.retrieve import Retriever
    from assistant.types import Chunk, DocumentInfo

    rng = random.Random(7)
    texts = [synthetic_chunk(i, rng) for i in range(n_chunks)]
    embedder = load_embedder("e5-small")
    real = min(n_chunks, 1000)
    t = time.perf_counter()
    vectors = np.vstack([embedder.embed_passages(texts[i:i + 32]) for i in range(0, real, 32)])
    embed_s = time.perf_counter() - t
    print(f"Synthetic: embedded {real} chunks in {embed_s:.1f} s "
          f"({real / embed_s:.1f} chunks/s, short chunks of ~45 tokens)")
    if n_chunks > real:
        # Latency depends on the index size, not on how the vectors were made: the rest
        # reuse real vectors with noise (texts stay distinct for the lexical index).
        noise = np.random.default_rng(7).normal(0, 0.02, (n_chunks - real, vectors.shape[1]))
        extra = vectors[np.arange(n_chunks - real) % real] + noise.astype(np.float32)
        extra /= np.linalg.norm(extra, axis=1, keepdims=True)
        vectors = np.vstack([vectors, extra.astype(np.float32)])
        print(f"  further {n_chunks - real} vectors: real vectors plus noise")
    queries = [f"Welche {rng.choice(OFFERS)} gibt es im Stadtbezirk {rng.choice(DISTRICTS)} "
               f"für {rng.choice(GROUPS)}?" for _ in range(n_queries)]
    for size in sorted({min(1000, n_chunks), n_chunks}):
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(data_dir=tmp)
            store = Store(settings, embedder.name, embedder.dim)
            info = DocumentInfo(doc_id="synthetisch", title="Synthetisch", path="-",
                                type="Dokument", municipality="Beispielstadt", year=2024,
                                sha256="0")
            chunks = [Chunk(id=f"c{i}", doc_id="synthetisch", text=texts[i], position=i, page=1)
                      for i in range(size)]
            store.upsert_chunks(info, chunks, vectors[:size])
            plain = Retriever(store, embedder, settings.replace(rerank_candidates=0))
            t = time.perf_counter()
            plain.search("Aufwärmen", k=5, mode="lexical")
            print(f"  {size} chunks: lexical index built in {time.perf_counter() - t:.2f} s")
            plain.search("Aufwärmen", k=5, mode="dense")  # loads the HNSW index
            reranking = Retriever(store, embedder, settings)
            reranking.search("Aufwärmen", k=5, mode="lexical")
            # the sentence vectors of the candidates are computed on first use and cached:
            # "cold" is a first question over fresh passages, "warm" the same questions again
            for label, retriever, mode in (("lexical", plain, "lexical"),
                                           ("dense", plain, "dense"),
                                           ("hybrid", plain, "hybrid"),
                                           ("hybrid+rerank cold", reranking, "hybrid"),
                                           ("hybrid+rerank warm", reranking, "hybrid")):
                lat = []
                for q in queries:
                    retriever.forget_queries()  # every question is embedded, as in real use
                    t = time.perf_counter()
                    retriever.search(q, k=5, mode=mode)
                    lat.append((time.perf_counter() - t) * 1000)
                p50, p95 = _percentiles(lat)
                print(f"  {size:>6} chunks {label:19} retrieval p50 {p50:7.1f} ms  "
                      f"p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args()
    import logging

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    if not args.skip_corpus:
        bench_corpus()
    bench_retrieval(args.chunks, args.queries)
    print(f"peak RSS of this process (synthetic part): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
