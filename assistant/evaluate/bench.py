"""``assistant bench`` and ``assistant eval --sweep``: the commands that measure search and
answers over many settings or a public benchmark (``assistant.evaluate.cli`` adds them)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def progress_bar(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, file=sys.stderr, unit="Frage", leave=False)


def run_sweep(args, settings, questions, corpus: Path) -> int:
    from assistant.evaluate import sweep as sweeps

    embedders = (args.embedders.split(",") if args.embedders else sweeps.available_embedders())
    total = len(embedders) * len(sweeps.RETRIEVAL) * len(sweeps.TOP_KS) * len(questions)
    bar = progress_bar(total, "Sweep")
    with tempfile.TemporaryDirectory(prefix="ausgangslage-sweep-",
                                     ignore_cleanup_errors=True) as tmp:
        rows = sweeps.sweep(corpus, questions, settings, embedders, args.index_dir or Path(tmp),
                            lambda q: bar.update(1), lambda s: bar.write(s, file=sys.stderr))
    bar.close()
    print(sweeps.to_text(rows))
    out = args.sweep_out
    out.parent.mkdir(parents=True, exist_ok=True)
    plot_file = out.with_suffix(".png")
    plot_file.write_bytes(sweeps.plot(rows))
    intro = (f"# Sweep über {len(questions)} Fragen, Dokumente {corpus}\n\n"
             "Erzeugt mit `assistant eval --sweep`; Bedeutung der Spalten: eval/RESULTS.md. "
             "Die Suche (Hit, Recall, MRR, nDCG) hängt nicht von top-k ab, nur die Antwort.\n")
    out.write_text(sweeps.to_markdown(rows, plot_file.name, intro), encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps({"questions": len(questions), "corpus": str(corpus), "rows": rows},
                   ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"Tabelle: {out} (Grafik {plot_file.name}, Zahlen {out.with_suffix('.json').name})")
    return 0


def run_bench(args: argparse.Namespace, settings) -> int:
    from dataclasses import replace

    from tqdm import tqdm

    from assistant.embed import load_embedder
    from assistant.evaluate import beir
    from assistant.evaluate.memo import MemoEmbedder

    data = beir.load_beir(args.beir)
    if args.what == "answers":
        from assistant import params
        from assistant.evaluate.answers import bench_answers
        off = params.rules(args.ablate) if args.ablate else []
        with params.use(params.without(off)):
            return bench_answers(args, params.settings_without(settings, off), data)
    if args.limit:
        data = replace(data, qrels=dict(list(data.qrels.items())[:args.limit]))
    if args.retrieval_mode:
        weight = settings.dense_weight if args.retrieval_mode == "hybrid" else None
        configs = [(args.retrieval_mode, weight)]
    else:
        weights = [float(w) for w in args.weights.split(",") if w.strip()]
        configs = [("lexical", None), ("dense", None), *[("hybrid", w) for w in weights]]
    embedder = MemoEmbedder(load_embedder(settings.embedder))
    rows = []
    with tempfile.TemporaryDirectory(prefix="ausgangslage-beir-",
                                     ignore_cleanup_errors=True) as tmp:
        used = settings.replace(data_dir=Path(tmp), chroma_mode="embedded", collection="beir")
        store, retriever = beir.open_bench_store(used, embedder)
        with tqdm(total=len(data.corpus), desc="Einbetten", file=sys.stderr, leave=False) as bar:
            beir.index_corpus(store, embedder, data, args.with_title, bar.update)
        retriever.refresh()
        for mode, weight in configs:
            with tqdm(total=len(data.qrels), desc=mode, file=sys.stderr, leave=False) as bar:
                result = beir.evaluate(retriever, data, mode, weight, bar.update)
            name = f"{mode} w={weight:g}" if mode == "hybrid" else mode
            rows.append({"name": name, "mode": mode, "dense_weight": weight, **result})
    print(f"{args.beir} · {len(data.corpus)} Dokumente · Embedder {settings.embedder}"
          f"{' · mit Titel' if args.with_title else ''}")
    table = beir.to_markdown(rows)
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table, encoding="utf-8")
    return 0
