"""A small real evaluation: two handmade documents, real Chroma in tmp_path, the real
e5-small embedder, the extractive answerer and the ``assistant eval`` command."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.evaluate.cli import TYPED

MARKDOWN = """# Sprachförderung in Beispieldorf

## Sprachkurse

Im Schuljahr 2023/24 besuchten 84 Kinder die Sprachkurse des Kommunalen
Integrationszentrums. Die Kurse finden dienstags und donnerstags im Rathaus statt.

## Leitung

Das Kommunale Integrationszentrum wird von Frau Demir geleitet.
"""

TEXT = """Schulplätze für neu zugewanderte Kinder

Neu zugewanderte Kinder warten in Beispieldorf durchschnittlich sechs Wochen auf einen
Schulplatz. Die Wartezeit soll bis 2025 auf zwei Wochen sinken.
"""

QUESTIONS = [
    {"id": "t1", "question": "Wie viele Kinder besuchten die Sprachkurse?", "answerable": True,
     "category": "figure", "documents": ["sprache.md"], "evidence": ["84 Kinder"]},
    {"id": "t2", "question": "Wie lange warten neu zugewanderte Kinder auf einen Schulplatz?",
     "answerable": True, "category": "factual", "documents": ["schule.txt"],
     "evidence": ["durchschnittlich sechs Wochen"]},
    {"id": "t3", "question": "Wer leitet das Kommunale Integrationszentrum?", "answerable": True,
     "category": "factual", "documents": ["sprache.md"], "evidence": ["Frau Demir"]},
    {"id": "t4", "question": "Wie hoch ist der Eintrittspreis im Zoo von Beispieldorf?",
     "answerable": False, "category": "unanswerable", "documents": [], "evidence": []},
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    docs = root / "docs"
    docs.mkdir()
    (docs / "sprache.md").write_text(MARKDOWN, encoding="utf-8")
    (docs / "schule.txt").write_text(TEXT, encoding="utf-8")
    questions = root / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS),
                         encoding="utf-8")
    out = root / "run"
    args = ["eval", "--data", str(root / "data"), "--corpus", str(docs), "--questions",
            str(questions), "--out", str(out), "--label", "klein"]
    code = main(args)
    return {"code": code, "out": out, "args": args, "root": root}


def test_run_writes_all_files_with_sensible_values(run):
    assert run["code"] == 0
    out: Path = run["out"]
    for name in ("results.jsonl", "summary.json", "report.md", "report.html", "recall.png"):
        assert (out / name).is_file(), name
    assert "<img" in (out / "report.html").read_text(encoding="utf-8")
    assert "## Kennzahlen" in (out / "report.md").read_text(encoding="utf-8")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    m = summary["metrics"]
    assert (m["questions"], m["answerable"], m["unanswerable"]) == (4, 3, 1)
    for key in ("evidence_hit@5", "citation_precision", "citation_recall", "citation_validity",
                "abstention_accuracy", "false_answers", "false_refusals", "ndcg@10",
                "evidence_recall@10", "latency_ms_p50", "latency_ms_p95"):
        assert key in m, key
    assert m["evidence_hit@5"] == 1.0  # two documents: every passage is in the top 5
    assert m["ndcg@10"] > 0.5
    assert 0.0 <= m["abstention_accuracy"] <= 1.0 and m["latency_ms_p95"] >= m["latency_ms_p50"]
    assert m["false_answers"] + m["false_refusals"] <= 4
    assert summary["settings"]["embedder"] == "e5-small"
    records = [json.loads(line) for line in
               (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["t1", "t2", "t3", "t4"]
    assert all(len(r["retrieved"]) <= 10 and r["metrics"].get("diagnosis") for r in records)
    assert records[0]["metrics"]["evidence_hit@10"] == 1.0


def test_compare_and_gate(run, capsys):
    summary = run["out"] / "summary.json"
    assert main(["eval", "--compare", str(run["out"]), str(summary)]) == 0
    assert "evidence_hit@5" in capsys.readouterr().out
    strict = run["root"] / "strict.json"
    data = json.loads(summary.read_text(encoding="utf-8"))
    data["metrics"]["evidence_hit@5"] = 2.0  # unreachable: the gate must fail
    strict.write_text(json.dumps(data), encoding="utf-8")
    args = [*run["args"][:-4], "--out", str(run["root"] / "gated"), "--gate", str(strict)]
    assert main(args) == 4
    assert "GATE: evidence_hit@5" in capsys.readouterr().out


def test_questions_asked_as_people_type_them(run):
    out = run["root"] / "typed"
    args = [*run["args"][:-4], "--out", str(out), "--typed", "ohne-fragezeichen"]
    assert main(args) == 0
    records = [json.loads(line) for line in
               (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["question"] for r in records] == [q["question"].rstrip("?") for q in QUESTIONS]
    by_id = {r["id"]: r for r in records}
    assert "84" in by_id["t1"]["answer"]  # still read as the question it is
    assert by_id["t4"]["abstained"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["label"].endswith("-ohne-fragezeichen")


def test_typing_slips_swap_two_letters_in_the_longest_word_or_spell_out_umlauts():
    assert TYPED["tippfehler"]("Woran liegt es, dass die Schulanmeldung so lange dauert?") == (
        "Woran liegt es, dass die Schulamneldung so lange dauert?")
    assert TYPED["tippfehler"]("Wer hilft?") == "Wer hilft?"  # no word of 8 letters
    assert TYPED["umlaute"]("Für Schüler: Maßnahmen?") == "Fuer Schueler: Massnahmen?"


BASELINE = Path(__file__).resolve().parent.parent / "eval/results/baseline/summary.json"


@pytest.mark.slow
@pytest.mark.skipif(not BASELINE.is_file(), reason="no committed baseline yet")
def test_bundled_set_does_not_fall_below_baseline(tmp_path, monkeypatch):
    """The CI gate: the bundled questions on the bundled corpus with the offline default."""
    monkeypatch.chdir(BASELINE.parents[3])  # the repository root: the baseline's paths
    assert main(["eval", "--gate", str(BASELINE), "--margin", "0.03",
                 "--out", str(tmp_path / "run")]) == 0


REPO = BASELINE.parents[3]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None,
                    reason="needs Debian's apt-get to fetch the real PDFs")
def test_real_german_pdfs_keep_their_measured_quality(tmp_path):
    """The README's `bash scripts/echte-pdfs.sh`: ten real PDFs we did not write (Debian
    packages, one a scan only OCR reads), indexed once and asked both parts. The gate is
    the test part (41 questions, written before the system was run on them); the dev part
    (26, tuned on) guards against regressions. One question less than measured is allowed,
    two are not (see eval/RESULTS.md)."""
    data = tmp_path / "daten"
    got = {}
    for split in ("test", "dev"):
        run = subprocess.run(["bash", "scripts/echte-pdfs.sh", "--split", split, "--data",
                              str(data), "--out", str(tmp_path / split)],
                             cwd=REPO, capture_output=True, text=True, timeout=1200)
        assert run.returncode == 0, run.stderr[-2000:]
        summary = json.loads((tmp_path / split / "summary.json").read_text(encoding="utf-8"))
        got[split] = summary["metrics"]
    for split, floor in REAL_PDF_FLOORS.items():
        for metric, value in floor.items():
            assert got[split][metric] >= value, (split, metric, got[split][metric])


# measured at the commit that added the test part (eval/RESULTS.md), less one question;
# citation recall on test measured again with the asked-noun check (two questions for
# "wie viel RAM/Festplattenplatz" refused, two near misses declined): 0.533
REAL_PDF_FLOORS = {
    "test": {"evidence_hit@5": 0.76, "citation_recall": 0.50, "abstention_accuracy": 0.70},
    "dev": {"evidence_hit@5": 0.82, "citation_recall": 0.69, "abstention_accuracy": 0.88},
}


@pytest.mark.slow
def test_law_texts_keep_their_measured_quality_on_the_test_part(tmp_path):
    """The gate on the law texts' test part (47 questions on five federal laws, written
    before the system was run on them): the five laws indexed (about 10 minutes on two
    cores), the test questions asked. One question less than measured is allowed, two are
    not (eval/results/bericht.md)."""
    out = tmp_path / "run"
    assert main(["eval", "--questions", str(REPO / "eval/gesetze/questions.jsonl"),
                 "--corpus", str(REPO / "eval/gesetze/dokumente"), "--split", "test",
                 "--data", str(tmp_path / "daten"), "--out", str(out)]) == 0
    got = json.loads((out / "summary.json").read_text(encoding="utf-8"))["metrics"]
    assert (got["answerable"], got["unanswerable"]) == (35, 12)
    for metric, value in LAW_TEST_FLOORS.items():
        assert got[metric] >= value, (metric, got[metric])


# measured at c67ad15 (hit@5 0.686, citation recall 0.486, abstention 0.809), less one
# question: 1/35 of the answerable ones, 1/47 of all
LAW_TEST_FLOORS = {"evidence_hit@5": 0.65, "citation_recall": 0.45,
                   "abstention_accuracy": 0.78}


XQUAD = REPO.parent / "shared" / "benchmarks" / "xquad-de"
XQUAD_GATE = REPO / "eval/results/gate/xquad-de-antworten-test-jede-4.json"


@pytest.mark.slow
@pytest.mark.skipif(not (XQUAD / "answers.jsonl").is_file(),
                    reason="../shared/benchmarks/xquad-de is not next to the repository")
def test_xquad_answers_keep_their_measured_quality_on_the_test_part(tmp_path):
    """The gate on a real set's test part: XQuAD-de at answer level, every 4th question of
    the test articles (a fixed sample, about 3 minutes). One question in 25 may flip."""
    out = tmp_path / "xquad.md"
    assert main(["bench", "answers", "--beir", str(XQUAD), "--split", "test", "--every", "4",
                 "--data", str(tmp_path / "daten"), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.with_suffix(".jsonl").read_text().splitlines()]
    from assistant.evaluate.answers import summary

    got, gate = summary(rows), json.loads(XQUAD_GATE.read_text(encoding="utf-8"))
    assert got["answerable"] == gate["answerable"] and got["unanswerable"] == gate["unanswerable"]
    assert got["answer_right"] >= gate["answer_right"] - 0.04
    assert got["declined"] >= gate["declined"] - 0.04
    assert got["refused"] <= gate["refused"] + 0.04
