"""Sentence scores, the sentence vector cache and reranking, with the real e5-small model."""

from __future__ import annotations

import numpy as np

from assistant.search.rerank import SentenceVectors, rerank, statements
from assistant.types import Chunk, Source


def src(rank: int, text: str, kind: str = "text") -> Source:
    chunk = Chunk(id=f"c{rank}", doc_id="konzept.pdf", text=text, position=rank, page=rank,
                  kind=kind)
    return Source(rank=rank, chunk=chunk, score=1.0 / rank, title="Konzept")


class Counting:
    """Plumbing: the real embedder, counting what it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.embedded: list[str] = []

    def embed_passages(self, texts):
        self.embedded += texts
        return self.inner.embed_passages(texts)


def test_statements_skip_questions_and_table_headers():
    text = ("Leitfragen. Welche Angebote gibt es? Die Clearingstelle berät Familien "
            "in zwölf Sprachen.")
    # a short piece stays: a minimum length changed nothing on any real set (ablation)
    assert statements(src(1, text)) == ["Leitfragen.",
                                        "Die Clearingstelle berät Familien in zwölf Sprachen."]
    table = "Tabelle 1: Angebote\nAngebot: Sprachcafé | Ort: Nord | Plätze: 20"
    assert statements(src(1, table, kind="table")) == [
        "Angebot: Sprachcafé | Ort: Nord | Plätze: 20"]


def test_sentence_vectors_are_embedded_once_and_kept_on_disk(tmp_path, e5):
    texts = ["Die Wartezeit betrug 39 Tage.", "Das Netzwerk trifft sich zweimal im Jahr."]
    first = Counting(e5)
    a = SentenceVectors(first, tmp_path / "cache" / "saetze.sqlite").get(texts + texts[:1])
    assert first.embedded == texts  # a repeated text is embedded once
    second = Counting(e5)
    b = SentenceVectors(second, tmp_path / "cache" / "saetze.sqlite").get(texts)
    assert second.embedded == []  # read back from the SQLite file
    np.testing.assert_allclose(a[:2], b, rtol=1e-6)
    np.testing.assert_allclose(a[0], e5.embed_passages(texts[:1])[0], rtol=1e-5, atol=1e-6)


def test_a_passage_with_one_exact_sentence_moves_up(e5):
    question = "Wie lange warten neu zugewanderte Kinder auf einen Schulplatz?"
    broad = src(1, "Neu zugewanderte Kinder und Jugendliche besuchen in Teststadt viele "
                   "Schulen. Die Schulen arbeiten mit dem Integrationszentrum zusammen. "
                   "Kinder lernen in Vorbereitungsklassen Deutsch.")
    other = src(2, "Das Netzwerk Zuwanderung trifft sich zweimal im Jahr im Rathaus.")
    exact = src(3, "Der Sportverein bietet Schwimmkurse an. Auf einen Schulplatz warteten "
                   "neu zugewanderte Kinder 2023 im Schnitt 39 Tage.")
    ranked = rerank(question, e5.embed_query(question), [broad, other, exact],
                    SentenceVectors(e5), lambda term: 1.0)
    assert [s.chunk.id for s in ranked] == ["c3", "c1", "c2"]
    assert [s.rank for s in ranked] == [1, 2, 3]


def test_a_question_term_only_the_section_heading_says_counts_less(e5):
    from dataclasses import replace

    from assistant import params
    from assistant.search.rerank import score_statements

    question = "Auf welches Erfahrungswissen können wir zurückgreifen?"
    text = "Ehrenamt braucht Hauptamt: Lotsen und Sprachmittler funktionieren mit Begleitung."
    plain = src(1, text)
    section = replace(plain, chunk=replace(plain.chunk, id="c9",
                                           heading="8. Erfahrungswissen: Was wir gelernt haben"))
    outer = replace(plain, chunk=replace(
        plain.chunk, id="c8", heading="8. Erfahrungswissen: Was wir gelernt haben › 8.1 Ehrenamt"))
    vectors = SentenceVectors(e5)
    qv = e5.embed_query(question)
    scores = {s.chunk.id: score for score, s, _, _ in
              score_statements(question, qv, [plain, section, outer], vectors, lambda t: 1.0)}
    # the section heading says "Erfahrungswissen", the sentence does not; its own heading
    # counts more than a heading above it
    p = params.current()
    assert 0.0 < p.heading_share < p.own_heading_share < 1.0
    assert scores["c9"] > scores["c8"] > scores["c1"]
    assert scores["c9"] - scores["c1"] < 0.45  # never more than the whole wording share
    # switched off by name (``assistant eval --ablate ueberschriften``), headings count nothing
    with params.use(params.without(params.rules("ueberschriften"))):
        off = {s.chunk.id: score for score, s, _, _ in
               score_statements(question, qv, [plain, section, outer], vectors,
                                lambda t: 1.0)}
    assert off["c9"] == off["c8"] == off["c1"] == scores["c1"]
    assert params.current() == params.DEFAULT


def test_a_participle_and_its_noun_are_one_concept_of_the_question(e5):
    from assistant.search.rerank import score_statements
    from assistant.text import term_groups

    question = "Was wurde zur Sprachmittlung beschlossen?"
    # "wurde" is no concept; "beschlossen" and "Beschluss" are one
    assert term_groups(question) == [frozenset({"sprachmittl"}),
                                     frozenset({"beschloss", "beschluss"})]
    noun = src(1, "Beschluss: Der Pool für Sprachmittlung wird um Tigrinya erweitert.")
    verb = src(2, "Für die Sprachmittlung beschlossen: Der Pool wird um Tigrinya erweitert.")
    vectors = SentenceVectors(e5)
    qv = e5.embed_query(question)
    lexical = {s.chunk.id: score for score, s, _, _ in
               score_statements(question, qv, [noun, verb], vectors, lambda t: 1.0,
                                use_rank=False)}
    cosine = {c: float(vectors.get([s.chunk.text])[0] @ qv) for c, s in
              (("c1", noun), ("c2", verb))}
    meaning = {c: 0.55 * min(max((v - 0.75) / 0.15, 0.0), 1.0) for c, v in cosine.items()}
    # both say every concept of the question: the whole wording share, 0.45 each
    for c in ("c1", "c2"):
        assert abs(lexical[c] - meaning[c] - 0.45) < 1e-6
