"""Per-question metrics and the run summary, computed from plain dicts (pure functions).

A record holds the answer as ``Answer.to_dict()`` gives it and the sources of a separate
retrieval pass with k = 10, so the metrics can be recomputed from the JSONL of a run.

Levels of relevance (see ``metrics``): *evidence* – a passage contains an evidence string;
*page* – a passage comes from a labelled document and, where pages are labelled, page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.answer.verify import looks_german
from assistant.evaluate import metrics as m
from assistant.evaluate.complete import COMPLETE, complete_scores
from assistant.evaluate.questions import Question

K_MAX = 10
HIT_KS = (1, 3, 5, 10)
# the metrics the CI gate watches (higher is better for all of them)
HEADLINE = ("evidence_hit@5", "citation_precision", "abstention_accuracy", "ndcg@10",
            "item_recall", "balance_right", "contradiction_named")

DIAGNOSES = {
    "ok": "richtig beantwortet bzw. richtig abgelehnt",
    "partial": "richtig belegt, aber nicht alle Belegstellen in der Antwort",
    "false_answer": "beantwortet, obwohl die Dokumente dazu nichts enthalten",
    "refused_retrieval_miss": "abgelehnt; Beleg nicht unter den Quellen (Suche verfehlt)",
    "refused_despite_evidence": "abgelehnt, obwohl der Beleg unter den Quellen war",
    "retrieval_miss": "beantwortet, aber Beleg nicht unter den Quellen (Suche verfehlt)",
    "wrong_sentence": "Beleg unter den Quellen, aber andere Sätze zitiert",
}


def evidence_qrels(chunks: Iterable[tuple[str, str]], questions: Sequence[Question]
                   ) -> dict[str, frozenset[str]]:
    """Question id → ids of all indexed chunks whose text contains one of its evidence
    strings (the relevant set for passage-level nDCG)."""
    texts = [(cid, m.normalise(text)) for cid, text in chunks]
    out = {}
    for q in questions:
        needles = [m.normalise(e) for e in q.evidence if m.normalise(e)]
        out[q.id] = frozenset(cid for cid, text in texts if any(n in text for n in needles))
    return out


def _citation_correct(q: Question, citation: dict) -> bool:
    """A citation is right when it holds an evidence string, or, for a list question, the
    evidence of one of its labelled items (each item of a complete list is cited)."""
    evidence = q.evidence + tuple(str(i["evidence"]) for i in q.items if i.get("evidence"))
    if evidence:
        return bool(m.evidence_in(citation.get("text") or "", evidence))
    return m.page_key(citation.get("document", ""), citation.get("page"), q.documents,
                      q.pages) is not None


def _supported(q: Question, sources: Sequence[dict]) -> bool:
    """Whether the passages handed to the answerer hold the answer at all."""
    return any(_citation_correct(q, s) for s in sources)


def _retrieval(q: Question, retrieved: Sequence[dict], qrels: frozenset[str] | None) -> dict:
    out: dict = {}
    if q.evidence:
        covers = [m.evidence_in(s.get("text") or "", q.evidence) for s in retrieved]
        for k in HIT_KS:
            out[f"evidence_hit@{k}"] = m.hit_at_k(covers, k)
        for k in range(1, K_MAX + 1):
            out[f"evidence_recall@{k}"] = m.recall_at_k(covers, q.evidence, k)
        out["evidence_mrr@10"] = m.mrr_at_k(covers, K_MAX)
        if qrels:
            ids = [s.get("chunk_id") for s in retrieved]
            out["evidence_ndcg@10"] = m.ndcg_at_k(m.covers_for(ids, qrels), len(qrels), K_MAX)
    if q.documents:
        relevant = m.relevant_pages(q.documents, q.pages)
        covers = []
        for s in retrieved:
            key = m.page_key(s.get("document", ""), s.get("page"), q.documents, q.pages)
            covers.append({key} if key else set())
        for k in HIT_KS:
            out[f"page_hit@{k}"] = m.hit_at_k(covers, k)
        for k in range(1, K_MAX + 1):
            out[f"page_recall@{k}"] = m.recall_at_k(covers, relevant, k)
        out["page_mrr@10"] = m.mrr_at_k(covers, K_MAX)
        out["ndcg@10"] = m.ndcg_at_k(covers, len(relevant), K_MAX)
    return out


def diagnose(q: Question, scores: dict) -> str | None:
    if not q.labelled:
        return None
    if not q.answerable:
        return "ok" if scores["abstained"] else "false_answer"
    if scores["abstained"]:
        return "refused_despite_evidence" if scores["supported"] else "refused_retrieval_miss"
    if scores.get("correct_citations"):
        return "ok" if scores.get("evidence_coverage") in (None, 1.0) else "partial"
    return "wrong_sentence" if scores["supported"] else "retrieval_miss"


def score_question(q: Question, answer: dict, retrieved: Sequence[dict],
                   qrels: frozenset[str] | None = None) -> dict:
    """Metrics of one question. ``answer`` is ``Answer.to_dict()``; ``retrieved`` the
    ``Source.to_dict()`` list of the k = 10 retrieval pass."""
    abstained = bool(answer.get("abstained"))
    citations = answer.get("citations") or []
    out: dict = {"abstained": abstained}
    if not abstained:
        out["citation_valid"] = m.citations_valid(answer.get("answer", ""), citations)
        out["german"] = looks_german(answer.get("answer", ""))
    if not q.labelled:
        return out
    out["abstention_correct"] = (not abstained) == q.answerable
    if not q.answerable:
        out["diagnosis"] = diagnose(q, out)
        return out
    out.update(_retrieval(q, retrieved, qrels))
    out["supported"] = _supported(q, answer.get("sources") or [])
    correct = sum(_citation_correct(q, c) for c in citations) if not abstained else 0
    out["citations"] = len(citations) if not abstained else 0
    out["correct_citations"] = correct
    out["citation_recall"] = 1.0 if correct else 0.0
    if q.evidence:
        seen = " \n ".join([answer.get("answer", "")] + [c.get("text") or "" for c in citations])
        covered = [] if abstained else [e for e in q.evidence if m.covers_evidence(seen, e)]
        out["evidence_coverage"] = len(covered) / len(q.evidence)
    out.update(complete_scores(q, answer))
    out["diagnosis"] = diagnose(q, out)
    return out


def summarise(records: Sequence[dict]) -> dict:
    """Flat summary metrics of a run; only what the labels allow is reported."""
    scores = [r["metrics"] for r in records]
    labels = [r["labels"] for r in records]
    answerable = [s for s, lab in zip(scores, labels) if lab.get("answerable") is True]
    unanswerable = [s for s, lab in zip(scores, labels) if lab.get("answerable") is False]
    out: dict = {
        "questions": len(records),
        "labelled": len(answerable) + len(unanswerable),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "abstention_rate": m.mean(float(s["abstained"]) for s in scores),
        "citation_validity": m.mean(float(s["citation_valid"]) for s in scores
                                    if "citation_valid" in s),
        "non_german_answers": sum(s.get("german") is False for s in scores),
    }
    names = sorted({k for s in answerable for k in s
                    if k.startswith(("evidence_", "page_", "ndcg@", "citation_recall"))})
    for name in names:
        out[name] = m.mean(s.get(name) for s in answerable)
    for name in COMPLETE:  # list, balance and contradiction questions only
        out[name] = m.mean(s.get(name) for s in answerable if name in s)
    cited = sum(s.get("citations", 0) for s in answerable)
    out["citation_precision"] = (
        sum(s.get("correct_citations", 0) for s in answerable) / cited if cited else None
    )
    if out["labelled"]:
        out["abstention_accuracy"] = m.mean(float(s["abstention_correct"])
                                            for s in answerable + unanswerable)
        out["false_answers"] = sum(not s["abstained"] for s in unanswerable)
        out["false_refusals"] = sum(s["abstained"] for s in answerable)
    totals = [r["timings_ms"].get("total") for r in records if r.get("timings_ms")]
    totals = [t for t in totals if t is not None]
    out["latency_ms_p50"] = m.percentile(totals, 50)
    out["latency_ms_p95"] = m.percentile(totals, 95)
    diagnoses = [s.get("diagnosis") for s in scores if s.get("diagnosis")]
    out["diagnoses"] = {d: diagnoses.count(d) for d in DIAGNOSES if d in diagnoses}
    return {k: v for k, v in out.items() if v is not None}


def recall_curve(summary: dict, level: str = "evidence") -> list[float | None]:
    """recall@1..10 from a summary (for the plot)."""
    return [summary.get(f"{level}_recall@{k}") for k in range(1, K_MAX + 1)]
