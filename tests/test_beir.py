"""The BEIR benchmark on a tiny folder: real Chroma in tmp_path, real BM25; the embedder is a
sha256-seeded fake (plumbing only: the asserted case is lexical)."""

import hashlib
import json

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.evaluate import beir

DOCS = {
    "d1": ("Rhein", "Der Rhein fließt durch Köln und Düsseldorf in die Nordsee."),
    "d2": ("Zugspitze", "Die Zugspitze ist mit 2962 Metern der höchste Berg Deutschlands."),
    "d3": ("Brezel", "Die Brezel ist ein Gebäck aus Laugenteig, beliebt in Bayern."),
    "d4": ("Wattenmeer", "Das Wattenmeer an der Nordseeküste ist ein Nationalpark."),
    "d5": ("Buche", "Die Rotbuche ist der häufigste Laubbaum in deutschen Wäldern."),
}
QUERIES = {"q1": "Wie hoch ist die Zugspitze?", "q2": "Welches Gebäck wird aus Laugenteig gemacht?",
           "q3": "Welcher Laubbaum ist am häufigsten?"}
QRELS = {"q1": "d2", "q2": "d3", "q3": "d5"}


class HashEmbedder:
    name, dim, max_tokens = "fake", 8, 512

    def _vec(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).normal(size=self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_passages(self, texts):
        return np.vstack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim))

    def embed_query(self, text):
        return self._vec(text)

    def count_tokens(self, text):
        return len(text.split())


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "beir"
    d.mkdir()
    (d / "corpus.jsonl").write_text("\n".join(
        json.dumps({"_id": i, "title": t, "text": x}, ensure_ascii=False)
        for i, (t, x) in DOCS.items()), encoding="utf-8")
    (d / "queries.jsonl").write_text("\n".join(
        json.dumps({"_id": i, "text": t}, ensure_ascii=False) for i, t in QUERIES.items()),
        encoding="utf-8")
    (d / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(
        f"{q}\t{c}\t1\n" for q, c in QRELS.items()), encoding="utf-8")
    return d


def test_load_beir(folder):
    data = beir.load_beir(folder)
    assert len(data.corpus) == 5 and data.queries["q1"].startswith("Wie hoch")
    assert data.qrels == {q: {c: 1} for q, c in QRELS.items()}


def test_missing_files_are_named(tmp_path):
    with pytest.raises(ConfigError, match="qrels.tsv"):
        beir.load_beir(tmp_path)


def test_lexical_finds_the_obvious_paragraph(folder, tmp_path):
    data = beir.load_beir(folder)
    embedder = HashEmbedder()
    settings = Settings(data_dir=tmp_path / "index", collection="beir")
    store, retriever = beir.open_bench_store(settings, embedder)
    beir.index_corpus(store, embedder, data, with_title=False)
    retriever.refresh()
    assert store.count() == 5
    result = beir.evaluate(retriever, data, "lexical", None)
    assert result == {"ndcg@10": 1.0, "mrr@10": 1.0, "recall@1": 1.0, "recall@10": 1.0,
                      "queries": 3}
    dense = beir.evaluate(retriever, data, "dense", None)  # random vectors: just well-formed
    assert 0.0 <= dense["ndcg@10"] <= 1.0 and dense["recall@10"] == 1.0  # 5 docs < 10
    assert "| lexical | 1.0000 |" in beir.to_markdown([{"name": "lexical", **result}])


ARTICLES = [  # (title, paragraph, question, gold answer); the first of each title is held out
    ("Rhein", "Der Rhein ist 1.232 Kilometer lang und mündet in die Nordsee.",
     "Wie lang ist der Rhein?", "1.232 Kilometer"),
    ("Rhein", "In Köln überqueren acht Brücken den Rhein, darunter die Hohenzollernbrücke.",
     "Wie viele Brücken überqueren in Köln den Rhein?", "acht"),
    ("Zugspitze", "Die Zugspitze liegt im Wettersteingebirge an der Grenze zu Österreich.",
     "In welchem Gebirge liegt die Zugspitze?", "Wettersteingebirge"),
    ("Zugspitze", "Die Zugspitze ist mit 2962 Metern der höchste Berg Deutschlands.",
     "Wie hoch ist die Zugspitze?", "2962 Metern"),
]


def test_answer_level_protocol_holds_out_each_articles_first_paragraph(tmp_path, capsys):
    from assistant.cli import main

    d = tmp_path / "antworten"
    d.mkdir()
    corpus = [{"_id": f"d{i}", "title": t, "text": p} for i, (t, p, _, _) in enumerate(ARTICLES)]
    (d / "corpus.jsonl").write_text("\n".join(json.dumps(c, ensure_ascii=False)
                                              for c in corpus), encoding="utf-8")
    (d / "queries.jsonl").write_text("\n".join(
        json.dumps({"_id": f"q{i}", "text": q}, ensure_ascii=False)
        for i, (_, _, q, _) in enumerate(ARTICLES)), encoding="utf-8")
    (d / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(
        f"q{i}\td{i}\t1\n" for i in range(len(ARTICLES))), encoding="utf-8")
    (d / "answers.jsonl").write_text("\n".join(
        json.dumps({"_id": f"q{i}", "corpus_id": f"d{i}", "answers": [a]}, ensure_ascii=False)
        for i, (_, _, _, a) in enumerate(ARTICLES)), encoding="utf-8")
    out = tmp_path / "antworten.md"
    assert main(["bench", "answers", "--beir", str(d), "--data", str(tmp_path / "x"),
                 "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.with_suffix(".jsonl").read_text().splitlines()]
    assert {r["id"]: (r["split"], r["held_out"]) for r in rows} == {
        "q0": ("dev", True), "q1": ("dev", False), "q2": ("test", True), "q3": ("test", False)}
    by_id = {r["id"]: r for r in rows}
    assert by_id["q3"]["right"] and not by_id["q3"]["declined"]  # 2962 Metern, cited
    assert by_id["q1"]["right"]
    assert "| test | 1 | 1.000 | 1 |" in out.read_text()
