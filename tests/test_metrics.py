"""Pure evaluation functions on hand-computed cases (fast, no models)."""

import math

import pytest

from assistant.evaluate import metrics as m
from assistant.evaluate.gate import compare, gate
from assistant.evaluate.questions import parse_question
from assistant.evaluate.score import evidence_qrels, score_question, summarise

LOG3 = math.log2(3)  # discount at rank 2
LOG5 = math.log2(5)  # discount at rank 4


# --- ranking metrics -------------------------------------------------------------------
def test_ndcg_binary_with_relevant_at_ranks_2_and_4():
    covers = [set(), {"a"}, set(), {"b"}]
    assert m.ndcg_at_k(covers, 2) == pytest.approx((1 / LOG3 + 1 / LOG5) / (1 + 1 / LOG3))
    assert m.ndcg_at_k(covers, 2) == pytest.approx(0.650921, abs=1e-6)
    assert m.mrr_at_k(covers) == 0.5
    assert m.hit_at_k(covers, 1) == 0.0 and m.hit_at_k(covers, 2) == 1.0
    assert m.recall_at_k(covers, {"a", "b"}, 3) == 0.5
    assert m.recall_at_k(covers, {"a", "b"}, 4) == 1.0


def test_duplicates_in_the_ranking_gain_only_once():
    covers = [{"a"}, {"a"}, {"b"}]
    assert m.gains(covers, 10) == [1, 0, 1]
    assert m.ndcg_at_k(covers, 2) == pytest.approx((1 + 1 / 2) / (1 + 1 / LOG3))
    assert m.recall_at_k(covers, {"a", "b"}, 2) == 0.5
    assert m.mrr_at_k([set(), {"a"}, {"a"}]) == 0.5


def test_no_relevant_item_retrieved_and_none_to_retrieve():
    covers = [set(), set(), set()]
    assert m.ndcg_at_k(covers, 1) == 0.0
    assert m.mrr_at_k(covers) == 0.0
    assert m.hit_at_k(covers, 10) == 0.0
    assert m.recall_at_k(covers, {"a"}, 10) == 0.0
    assert m.ndcg_at_k(covers, 0) is None
    assert m.recall_at_k(covers, set(), 10) is None
    assert m.ndcg_at_k([], 3) == 0.0


def test_ideal_dcg_is_capped_at_k_and_ranks_beyond_k_do_not_count():
    assert m.ndcg_at_k([{i} for i in range(10)], 20) == pytest.approx(1.0)
    late = [set()] * 10 + [{"a"}]
    assert m.ndcg_at_k(late, 1) == 0.0 and m.mrr_at_k(late, 10) == 0.0
    assert m.ndcg_at_k([{"a"}], 3, k=1) == pytest.approx(1.0)  # IDCG over min(3, 1)


def test_ties_are_broken_like_trec_eval():
    assert m.rank_by_score({"a": 1.0, "b": 1.0, "c": 2.0}) == ["c", "b", "a"]
    ranking = m.rank_by_score({"d1": 0.5, "d2": 0.5})
    assert m.covers_for(ranking, {"d1"}) == [set(), {"d1"}]


def test_percentile_interpolates_like_numpy():
    assert m.percentile([4, 1, 3, 2], 50) == 2.5
    assert m.percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert m.percentile([7], 95) == 7
    assert m.percentile([], 50) is None
    assert m.mean([1.0, None, 0.0]) == 0.5 and m.mean([None]) is None


# --- label matching --------------------------------------------------------------------
def test_normalise_whitespace_case_soft_hyphen_and_line_break_hyphenation():
    base = m.normalise("Die Sprachförderung läuft")
    assert m.normalise("die  SPRACH\u00adförderung\nläuft") == base
    assert m.normalise("Die Sprach-\nförderung läuft") == base
    assert m.normalise("Die Sprach- förderung\u00a0läuft") == base
    assert m.normalise("„Vielfalt leben“ – 2023") == m.normalise('"vielfalt leben" - 2023')
    assert m.normalise("E-Mail") == "e-mail"  # upper-case continuation: a real hyphen


def test_evidence_in_passage():
    ev = ["1.412 im schulpflichtigen Alter", "47 Staaten"]
    text = "Davon sind 1.412 im\nschulpflichtigen   Alter."
    assert m.evidence_in(text, ev) == frozenset({ev[0]})
    assert m.evidence_in("nichts davon", ev) == frozenset()


def test_covers_evidence_by_string_or_key_numbers_or_terms():
    assert m.covers_evidence("Es sind 1.412 Kinder im schulpflichtigen Alter.",
                             "darunter 1.412 im schulpflichtigen Alter")
    assert not m.covers_evidence("Es sind 1.41 Kinder.", "darunter 1.412 im schulpflichtigen Alter")
    assert m.covers_evidence("Das Netz ist stark projektabhängig und gut vernetzt.",
                             "gut vernetzt, aber noch stark projektabhängig")
    assert not m.covers_evidence("gut vernetzt", "gut vernetzt, aber noch stark projektabhängig")


def test_page_level_relevance():
    docs, pages = ["a.pdf", "b.docx"], [("a.pdf", 3), ("a.pdf", 5)]
    assert m.page_key("a.pdf", 5, docs, pages) == ("a.pdf", 5)
    assert m.page_key("a.pdf", 4, docs, pages) is None
    assert m.page_key("b.docx", None, docs, pages) == ("b.docx", None)
    assert m.page_key("c.md", None, docs, pages) is None
    assert m.relevant_pages(docs, pages) == {("a.pdf", 3), ("a.pdf", 5), ("b.docx", None)}


def test_citation_validity():
    cits = [{"n": 1, "document": "a.pdf", "text": "x"}, {"n": 2, "document": "b", "text": "y"}]
    assert m.citation_markers("A [1]. B [2, 1].") == [1, 2, 1]
    assert m.citations_valid("A [1]. B [2].", cits)
    assert not m.citations_valid("A [3].", cits)
    assert not m.citations_valid("ohne Quelle", cits)
    assert not m.citations_valid("A [1].", [{"n": 1, "document": "a.pdf", "text": " "}])


# --- per-question scores and summary ---------------------------------------------------
Q_OK = parse_question({"id": "q1", "question": "Wie viele?", "answerable": True,
                       "documents": ["a.pdf"], "pages": [{"document": "a.pdf", "page": 2}],
                       "evidence": ["1.412 Kinder", "47 Staaten"]}, "x")
Q_NO = parse_question({"id": "q2", "question": "Wetter?", "answerable": False}, "x")


def _src(rank, text, page=2, doc="a.pdf"):
    return {"rank": rank, "document": doc, "page": page, "text": text, "chunk_id": f"c{rank}"}


def test_score_answerable_question():
    retrieved = [_src(1, "anderes", page=1), _src(2, "1.412 Kinder aus 47 Staaten"),
                 _src(3, "47 Staaten")]
    answer = {"answer": "- 1.412 Kinder aus 47 Staaten [1]\n- anderes [2]", "abstained": False,
              "citations": [{"n": 1, "document": "a.pdf", "page": 2, "text": retrieved[1]["text"]},
                            {"n": 2, "document": "a.pdf", "page": 1, "text": "anderes"}],
              "sources": retrieved}
    s = score_question(Q_OK, answer, retrieved, frozenset({"c2", "c3"}))
    assert s["evidence_hit@1"] == 0.0 and s["evidence_hit@3"] == 1.0
    assert s["evidence_recall@2"] == 1.0 and s["evidence_mrr@10"] == 0.5
    assert s["evidence_ndcg@10"] == pytest.approx((1 / LOG3 + 1 / 2) / (1 + 1 / LOG3))
    assert s["ndcg@10"] == pytest.approx(1 / LOG3) and s["page_mrr@10"] == 0.5
    assert s["citations"] == 2 and s["correct_citations"] == 1
    assert s["citation_valid"] and s["citation_recall"] == 1.0
    assert s["evidence_coverage"] == 1.0 and s["diagnosis"] == "ok"


def test_diagnoses_and_summary():
    miss = [_src(1, "nichts", page=1)]
    refused = {"answer": "keine Aussage", "abstained": True, "citations": [], "sources": miss}
    answered = {"answer": "Sonne [1]", "abstained": False, "sources": miss,
                "citations": [{"n": 1, "document": "a.pdf", "page": 1, "text": "nichts"}]}
    s1 = score_question(Q_OK, refused, miss)
    s2 = score_question(Q_NO, answered, miss)
    assert s1["diagnosis"] == "refused_retrieval_miss" and s2["diagnosis"] == "false_answer"
    found = [_src(1, "1.412 Kinder")]
    s3 = score_question(Q_OK, {**refused, "sources": found}, found)
    assert s3["diagnosis"] == "refused_despite_evidence"
    s4 = score_question(Q_OK, {**answered, "sources": found}, found)
    assert s4["diagnosis"] == "wrong_sentence"
    records = [{"metrics": s, "labels": q.labels(), "timings_ms": {"total": t}}
               for s, q, t in ((s1, Q_OK, 100.0), (s2, Q_NO, 300.0), (s4, Q_OK, 200.0))]
    out = summarise(records)
    assert out["abstention_accuracy"] == pytest.approx(1 / 3)
    assert out["false_answers"] == 1 and out["false_refusals"] == 1
    assert out["citation_precision"] == 0.0 and out["citation_recall"] == 0.0
    assert out["latency_ms_p50"] == 200.0 and out["evidence_hit@5"] == 0.5
    assert out["diagnoses"] == {"false_answer": 1, "refused_retrieval_miss": 1,
                                "wrong_sentence": 1}


def test_unlabelled_questions_report_only_what_can_be_computed():
    q = parse_question({"id": "u", "question": "Frage?"}, "x")
    s = score_question(q, {"answer": "a [1]", "abstained": False,
                           "citations": [{"n": 1, "document": "d", "text": "t"}]}, [])
    out = summarise([{"metrics": s, "labels": q.labels(), "timings_ms": {"total": 5.0}}])
    assert set(out) == {"questions", "labelled", "answerable", "unanswerable",
                        "abstention_rate", "citation_validity", "non_german_answers",
                        "latency_ms_p50", "latency_ms_p95", "diagnoses"}


def test_answers_not_in_german_are_counted():
    q = parse_question({"id": "u", "question": "Frage?"}, "x")
    cit = [{"n": 1, "document": "d", "text": "t"}]
    texts = ["Die Stadt hat 1.240 neu zugewanderte Kinder und ein Netzwerk [1].",
             "The city has 1,240 newly arrived children and a network of partners [1]."]
    scores = [score_question(q, {"answer": t, "abstained": False, "citations": cit}, [])
              for t in texts]
    scores.append(score_question(q, {"answer": "", "abstained": True, "citations": []}, []))
    out = summarise([{"metrics": s, "labels": q.labels(), "timings_ms": {}} for s in scores])
    assert out["non_german_answers"] == 1


def test_evidence_qrels_finds_every_chunk_with_evidence():
    chunks = [("c1", "1.412  Kinder"), ("c2", "andere"), ("c3", "aus 47 Staaten")]
    assert evidence_qrels(chunks, [Q_OK, Q_NO]) == {"q1": frozenset({"c1", "c3"}),
                                                    "q2": frozenset()}


def test_gate_and_compare():
    base = {"metrics": {"evidence_hit@5": 0.9, "citation_precision": 0.5, "ndcg@10": 0.7,
                        "abstention_accuracy": 0.8, "diagnoses": {"ok": 3}}}
    now = {"metrics": {"evidence_hit@5": 0.88, "citation_precision": 0.4, "ndcg@10": 0.75,
                       "abstention_accuracy": 0.8}}
    failures = gate(base, now, 0.03)
    assert len(failures) == 1 and failures[0].startswith("citation_precision")
    assert gate(base, base, 0.0) == []
    rows = {name: diff for name, _, _, diff in compare(base, now)}
    assert rows["ndcg@10"] == pytest.approx(0.05) and "diagnoses" not in rows
