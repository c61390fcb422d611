"""``assistant eval --bericht``: one table over a question set and an answer-level set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.evaluate.ablation import every_nth
from assistant.evaluate.overview import macro
from tests.documents import offers_question_set

REPO = Path(__file__).resolve().parent.parent

# (title, paragraph, question, gold answer); the first paragraph of each title is held out
ARTICLES = [
    ("Weser", "Die Weser entsteht in Hann. Münden aus Werra und Fulda.",
     "Aus welchen Flüssen entsteht die Weser in Hann. Münden?", "Werra und Fulda"),
    ("Weser", "Bei Bremerhaven mündet die Weser nach 452 Kilometern in die Nordsee.",
     "Wie lang ist die Weser bis zur Mündung?", "452 Kilometern"),
    ("Brocken", "Der Brocken ist mit 1141 Metern der höchste Berg des Harzes.",
     "Welcher Berg ist der höchste des Harzes?", "Brocken"),
    ("Brocken", "Auf den Brocken fährt seit 1899 die Brockenbahn von Wernigerode aus.",
     "Seit wann fährt die Brockenbahn auf den Brocken?", "1899"),
]


def _beir(folder: Path) -> None:
    folder.mkdir()
    lines = {
        "corpus.jsonl": [{"_id": f"d{i}", "title": t, "text": p}
                         for i, (t, p, _, _) in enumerate(ARTICLES)],
        "queries.jsonl": [{"_id": f"q{i}", "text": q} for i, (_, _, q, _) in enumerate(ARTICLES)],
        "answers.jsonl": [{"_id": f"q{i}", "corpus_id": f"d{i}", "answers": [a]}
                          for i, (_, _, _, a) in enumerate(ARTICLES)],
    }
    for name, rows in lines.items():
        (folder / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                   encoding="utf-8")
    (folder / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n" + "".join(
        f"q{i}\td{i}\t1\n" for i in range(len(ARTICLES))), encoding="utf-8")


def test_report_gives_every_set_and_part_and_their_mean(tmp_path):
    docs, questions = offers_question_set(tmp_path, "dev,test,test")
    _beir(tmp_path / "beir")
    sets = tmp_path / "saetze.json"
    sets.write_text(json.dumps({"sets": [
        {"name": "Klein", "questions": str(questions), "corpus": str(docs),
         "splits": ["dev", "test"]},
        {"name": "Flüsse", "beir": str(tmp_path / "beir"), "splits": ["dev", "test"]},
        {"name": "Fehlt", "beir": str(tmp_path / "nicht-da"), "splits": ["dev", "test"]}]}),
        encoding="utf-8")
    out = tmp_path / "bericht.md"
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "eval", "--bericht",
                           "--sets", str(sets), "--out", str(out),
                           "--data", str(tmp_path / "daten")],
                          capture_output=True, text=True, cwd=REPO, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "ÜBERSPRUNGEN Fehlt" in proc.stderr
    result = {(r["set"], r["part"]): r for r in
              json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))}
    assert set(result) == {("Klein", "dev"), ("Klein", "test"), ("Flüsse", "dev"),
                           ("Flüsse", "test")}
    klein = result[("Klein", "test")]
    # the AWO question is answered from its passage; Dortmund is a name no document uses
    assert (klein["right"], klein["declined"], klein["refused"]) == (1.0, 1.0, 0.0)
    assert klein["hit5"] == 1.0 and klein["precision"] == 1.0 and klein["latency"] > 0
    # answer level: the first paragraph of each article is out of the index, its question
    # must be declined; the other is answered with the gold answer from its paragraph
    for part, answered in (("dev", "452 Kilometern"), ("test", "1899")):
        row = result[("Flüsse", part)]
        assert row["questions"] == 2, answered
        assert (row["hit5"], row["right"], row["refused"]) == (1.0, 1.0, 0.0), part
        # the held-out paragraph's question names a place no kept paragraph names
        assert row["declined"] == 1.0, part
    table = out.read_text(encoding="utf-8")
    assert "Gemessen am 20" in table.splitlines()[2]
    assert "| Mittel über 2 Sätze | test | 4 |" in table
    assert "| Klein | test | 2 | 1.000 | 1.000 | 1.000 | 0.000 | 1.000 |" in table


def test_the_mean_counts_each_real_set_once_and_leaves_out_the_smoke_set():
    rows = [{"set": "A", "part": "test", "questions": 100, "hit5": 0.9, "right": 0.8,
             "declined": None, "refused": 0.1, "precision": 0.5, "latency": 100.0},
            {"set": "B", "part": "test", "questions": 10, "hit5": 0.5, "right": 0.4,
             "declined": 0.6, "refused": 0.3, "precision": 0.7, "latency": 300.0},
            {"set": "eigen", "part": "", "questions": 50, "hit5": 0.0, "right": 0.0,
             "declined": 0.0, "refused": 1.0, "precision": 0.0, "latency": 1.0}]
    (mean,) = macro(rows)
    assert mean["part"] == "test" and mean["questions"] == 110
    assert abs(mean["hit5"] - 0.7) < 1e-9 and abs(mean["right"] - 0.6) < 1e-9
    assert mean["declined"] == 0.6  # only the set that has unanswerable questions
    assert abs(mean["latency"] - 200.0) < 1e-9


def test_a_sample_keeps_every_nth_question_of_each_part_in_file_order():
    items = [("dev", 1), ("test", 2), ("dev", 3), ("dev", 5), ("test", 4), ("test", 6)]
    assert every_nth(items, lambda x: x[0], 2) == [("dev", 1), ("dev", 5), ("test", 2),
                                                ("test", 6)]
    assert every_nth(items, lambda x: x[0], 1) == [("dev", 1), ("dev", 3), ("dev", 5),
                                                ("test", 2), ("test", 4), ("test", 6)]
