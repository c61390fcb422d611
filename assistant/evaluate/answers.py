"""Answer-level evaluation on a BEIR folder with gold answers (XQuAD-de's ``answers.jsonl``:
{"_id": query id, "corpus_id", "answers": [...]}), protocol of the shared benchmark's README:

- the first paragraph of every article (by corpus order) is left out of the index; its
  questions must be declined, while the article's other paragraphs stay in as near misses;
- every other question must be answered (not declined), with a citation, and the answer
  text must contain one of the gold answers (compared without spaces and case).

Split: articles in corpus order alternate dev (1st, 3rd, …) and test (2nd, 4th, …), so that
tuning on dev never sees a test article. ``every`` keeps every n-th question of a split
(a fixed, documented sample for CI).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import ConfigError
from assistant.evaluate import metrics as m
from assistant.evaluate.beir import BeirSet


@dataclass(frozen=True)
class AnswerQuestion:
    id: str
    text: str
    answers: tuple[str, ...]
    held_out: bool  # its paragraph is not in the index: it must be declined
    split: str  # dev | test
    paragraph: str = ""  # the corpus id of the paragraph that holds the answer


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def protocol(data: BeirSet, folder: Path, every: int = 1
             ) -> tuple[BeirSet, list[AnswerQuestion]]:
    """The corpus without each article's first paragraph, and the questions with their
    gold answers, whether they must be declined, and their split."""
    path = folder / "answers.jsonl"
    if not path.is_file():
        raise ConfigError(f"{folder} enthält keine answers.jsonl mit Goldantworten.")
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    articles: dict[str, list[str]] = {}
    for doc_id, (title, _) in data.corpus.items():
        articles.setdefault(title, []).append(doc_id)
    held = {ids[0] for ids in articles.values()}
    split_of = {doc: ("dev" if i % 2 == 0 else "test")
                for i, ids in enumerate(articles.values()) for doc in ids}
    questions = [AnswerQuestion(str(g["_id"]), data.queries[str(g["_id"])],
                                tuple(str(a) for a in g["answers"]), g["corpus_id"] in held,
                                split_of[g["corpus_id"]], g["corpus_id"])
                 for g in gold if str(g["_id"]) in data.queries and g["corpus_id"] in split_of]
    kept = {doc: v for doc, v in data.corpus.items() if doc not in held}
    sample = []
    for split in ("dev", "test"):
        part = [q for q in questions if q.split == split]
        sample += part[::every]
    return replace(data, corpus=kept), sample


def score(q: AnswerQuestion, answer) -> dict:
    text = _squash(answer.text)
    right = (not answer.abstained and bool(answer.citations)
             and any(_squash(a) and _squash(a) in text for a in q.answers))
    cited = [] if answer.abstained else [c.document for c in answer.citations]
    found = [s.chunk.doc_id for s in answer.sources[:5]]
    return {"declined": answer.abstained, "right": right, "hit5": q.paragraph in found,
            "cited": len(cited), "cited_right": cited.count(q.paragraph)}


def run(questions: list[AnswerQuestion], ask: Callable[[str], object],
        progress: Callable[[int], None] | None = None) -> list[dict]:
    rows = []
    for q in questions:
        t = time.perf_counter()
        answer = ask(q.text)
        ms = (time.perf_counter() - t) * 1000
        rows.append({"id": q.id, "split": q.split, "held_out": q.held_out, "ms": ms,
                     **score(q, answer), "signals": getattr(answer, "signals", {})})
        if progress:
            progress(1)
    return rows


def summary(rows: list[dict]) -> dict:
    answerable = [r for r in rows if not r["held_out"]]
    held = [r for r in rows if r["held_out"]]
    cited = sum(r.get("cited", 0) for r in answerable)
    return {
        "answerable": len(answerable), "unanswerable": len(held),
        "answer_right": m.mean(float(r["right"]) for r in answerable),
        "declined": m.mean(float(r["declined"]) for r in held),
        "refused": m.mean(float(r["declined"]) for r in answerable),
        "latency_ms_p50": m.percentile([r["ms"] for r in rows], 50),
        # the paragraph with the answer among the answer's five sources, and the share of
        # citations that point to it (rows written before these were recorded have neither)
        "hit@5": m.mean(float(r["hit5"]) for r in answerable if "hit5" in r),
        "citation_precision": (sum(r.get("cited_right", 0) for r in answerable) / cited
                               if cited else None),
    }


def to_markdown(by_split: dict[str, dict]) -> str:
    lines = ["| Teil | beantwortbar | richtig beantwortet | nicht beantwortbar | abgelehnt "
             "(soll) | abgelehnt, obwohl beantwortbar | Antwortzeit p50 |",
             "|---|---|---|---|---|---|---|"]
    for split, s in by_split.items():
        lines.append(f"| {split} | {s['answerable']} | {s['answer_right']:.3f} | "
                     f"{s['unanswerable']} | {s['declined']:.3f} | {s['refused']:.3f} | "
                     f"{s['latency_ms_p50']:.0f} ms |")
    return "\n".join(lines)


def bench_answers(args, settings, data: BeirSet) -> int:
    """``assistant bench answers --beir DIR``: the protocol above with the default answerer
    (or ``--llm``), the table per split on stdout and in ``--out``."""
    import sys
    import tempfile

    from tqdm import tqdm

    from assistant.answer import ask, load_answerer
    from assistant.embed import load_embedder
    from assistant.evaluate import beir

    kept, questions = protocol(data, args.beir, args.every)
    wanted = {s.strip() for s in args.split.split(",") if s.strip()}
    questions = [q for q in questions if q.split in wanted]
    embedder = load_embedder(settings.embedder)
    with tempfile.TemporaryDirectory(prefix="ausgangslage-antworten-",
                                     ignore_cleanup_errors=True) as tmp:
        used = settings.replace(data_dir=Path(tmp), chroma_mode="embedded", collection="beir")
        store, retriever = beir.open_bench_store(used, embedder)
        with tqdm(total=len(kept.corpus), desc="Einbetten", file=sys.stderr, leave=False) as bar:
            beir.index_corpus(store, embedder, kept, True, bar.update)
        retriever.refresh()
        answerer = load_answerer(used.llm, used, retriever)
        with tqdm(total=len(questions), desc="Fragen", file=sys.stderr, leave=False) as bar:
            rows = run(questions, lambda text: ask(text, retriever, answerer), bar.update)
    by_split = {split: summary([r for r in rows if r["split"] == split])
                for split in ("dev", "test") if any(r["split"] == split for r in rows)}
    table = to_markdown(by_split)
    print(f"{args.beir} · {len(kept.corpus)} Absätze im Index · {len(questions)} Fragen "
          f"(jede {args.every}.) · Antwortgenerator {used.llm}")
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table + "\n", encoding="utf-8")
        args.out.with_suffix(".jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 0
