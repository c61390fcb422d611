"""Bad input on the command line, through the real CLI (``python -m assistant.cli`` in a
subprocess) against a real index in a temp dir: every message German, exit codes 2 (error
with a hint) and 3 (partly done), never a traceback."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from tests.test_index import _folder

REPO = Path(__file__).resolve().parents[1]
# what argparse, json and Python say in English
ENGLISH = re.compile(r"usage:|error:|invalid|\bargument|required|unrecognized|Traceback|"
                     r"Expecting|Errno|No such file|show this help")


@pytest.fixture(scope="module")
def data(tmp_path_factory, e5) -> str:
    root = tmp_path_factory.mktemp("cli")
    eng = Engine.open(Settings(data_dir=root / "daten"), embedder=e5)
    assert not eng.ingest([_folder(root)]).problems
    return str(root / "daten")


def _cli(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO), **env})


def _german_error(proc: subprocess.CompletedProcess, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert not ENGLISH.search(proc.stderr), proc.stderr
    assert "Traceback" not in proc.stdout
    return proc.stderr


@pytest.mark.parametrize("args, says", [
    (["ask", "--year", "abc", "Wer hilft?"], "--year: „abc“ ist als Jahreszahl nicht möglich"),
    (["ask", "--year"], "--year: hier fehlt der Wert"),
    (["ask", "-k", "abc", "Wer hilft?"], "Anzahl Quellen"),
    (["ask", "--dense-weight", "2", "Wer hilft?"], "von 0 bis 1"),
    (["ask", "--mode", "schnell", "Wer hilft?"], "„schnell“ gibt es nicht; möglich: lexical"),
    (["ask", "--bogus", "Wer hilft?"], "unbekannte Angabe(n): --bogus"),
    (["remove"], "es fehlt: DOKUMENT"),
    (["ingest"], "es fehlt: PFAD"),
    ([], "es fehlt: BEFEHL"),
    (["frag", "Wer hilft?"], "„frag“ gibt es nicht; möglich: ingest, list"),
    (["eval", "--margin", "viel"], "--margin"),
])
def test_argument_errors_are_german(args, says):
    err = _german_error(_cli(args))
    assert err.startswith("Fehler: ") and says in err
    assert "--help" in err


def test_help_is_german():
    proc = _cli(["ask", "--help"])
    assert proc.returncode == 0
    assert proc.stdout.startswith("Aufruf: assistant ask")
    assert "Optionen:" in proc.stdout and "diese Hilfe anzeigen" in proc.stdout
    assert not ENGLISH.search(proc.stdout)


@pytest.mark.parametrize("k", ["0", "-1", "101"])
def test_top_k_outside_1_to_100_is_an_error(data, k):
    # before: 0 gave a "no statement" answer, -1 returned 19 sources
    err = _german_error(_cli(["ask", "--data", data, "-k", k, "Wer hilft?"]))
    assert "von 1 bis 100" in err and "top_k" in err


def test_top_k_from_the_environment_is_checked(data):
    err = _german_error(_cli(["ask", "--data", data, "Wer hilft?"], AUSGANGSLAGE_TOP_K="0"))
    assert "top_k" in err


def test_a_question_of_several_words_needs_no_quotes(data):
    proc = _cli(["ask", "--data", data, "--json", "Wann", "ist", "die", "Erstberatung", "im",
                 "Rathaus?"])
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["question"] == "Wann ist die Erstberatung im Rathaus?"
    assert answer["citations"][0]["document"] == "angebote.html"


@pytest.mark.parametrize("extra", [["Welche Angebote gibt es?"], ["--summarize"]])
def test_an_unknown_document_names_the_documents_in_the_index(data, extra):
    err = _german_error(_cli(["ask", "--data", data, "--document", "konzept-2042.pdf", *extra]))
    assert "„konzept-2042.pdf“ ist nicht im Index" in err
    for doc in ("konzept-2024.pdf", "protokoll-ak-2024.docx", "angebote.html"):
        assert doc in err


def test_a_filter_value_no_document_has_is_named(data):
    err = _german_error(_cli(["ask", "--data", data, "--municipality", "Dortmund", "Wer hilft?"]))
    assert "Kommune „Dortmund“" in err and "Teststadt" in err
    err = _german_error(_cli(["ask", "--data", data, "--year", "1999", "Wer hilft?"]))
    assert "Jahr „1999“" in err and "2024" in err


def test_too_long_a_question_is_refused(data):
    err = _german_error(_cli(["ask", "--data", data, "Wer hilft? " + "Bitte genau. " * 200]))
    assert "max_question_chars" in err and "2.000" in err


def test_a_missing_question_file_is_an_error_not_a_traceback(data, tmp_path):
    err = _german_error(_cli(["ask", "--data", data, "--questions", str(tmp_path / "x.jsonl")]))
    assert "wurde nicht gefunden" in err


def test_a_data_folder_that_is_a_file_is_an_error(tmp_path):
    file = tmp_path / "daten.txt"
    file.write_text("kein Ordner", encoding="utf-8")
    for args in (["list"], ["ask", "Wer hilft?"], ["ingest", str(tmp_path)]):
        err = _german_error(_cli([*args, "--data", str(file)]))
        assert "ist eine Datei, kein Ordner" in err


BAD_FILE = "\n".join([
    '{"id": "a", "question": "Wann ist die Erstberatung im Rathaus?"}',
    '{"id": "b", "question": "Wer hilft?',
    '["keine", "Frage"]',
    '',
    '{"id": "d"}',
    json.dumps({"id": "e", "question": "Wer hilft? " + "Bitte genau. " * 200}),
    '{"id": "a", "question": "Doppelt?"}',
    '{"question": "Wie lange warten Kinder auf einen Schulplatz?"}',
]) + "\n"
BAD_LINES = {2: "kein gültiges JSON", 3: "kein JSON-Objekt", 5: "„question“ fehlt",
             6: "max_question_chars", 7: "„a“ steht schon in Zeile 1"}


def _every_bad_line_named(err: str) -> None:
    for n, reason in BAD_LINES.items():
        line = next((ln for ln in err.splitlines() if ln.strip().startswith(f"Zeile {n}:")), "")
        assert reason in line, (n, err)


def test_a_partly_malformed_question_file_answers_the_good_lines(data, tmp_path):
    questions = tmp_path / "fragen.jsonl"
    questions.write_text(BAD_FILE, encoding="utf-8")
    proc = _cli(["ask", "--data", data, "--json", "--questions", str(questions)])
    err = _german_error(proc, code=3)
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["a", "z8"]
    _every_bad_line_named(err)
    assert "5 von 7 Zeilen übersprungen" in err


def test_eval_goes_on_with_the_good_lines_of_a_question_file(data, tmp_path):
    questions = tmp_path / "fragen.jsonl"
    questions.write_text(BAD_FILE + '{"id": "f", "question": "Wo?", "pages": [3]}\n',
                         encoding="utf-8")
    out = tmp_path / "lauf"
    proc = _cli(["eval", "--data", data, "--questions", str(questions), "--out", str(out)])
    err = _german_error(proc, code=3)
    _every_bad_line_named(err)
    assert "Zeile 9: „pages“ muss eine Liste" in err
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in results] == ["a", "z8"]
    # a gate compares whole question sets only
    gated = _cli(["eval", "--data", data, "--questions", str(questions), "--out",
                  str(tmp_path / "gate"), "--gate", str(out / "summary.json")])
    assert "Mit --gate" in _german_error(gated)


def test_question_file_reader_names_every_bad_line(tmp_path):
    from assistant.evaluate.questions import load_questions, read_questions
    from assistant.questionfile import read_question_lines

    path = tmp_path / "fragen.jsonl"
    path.write_text(BAD_FILE, encoding="utf-8")
    lines = read_question_lines(path)
    assert [(n, qid) for n, _, qid in lines.rows] == [(1, "a"), (6, "e"), (8, "z8")]
    assert [b.line for b in lines.bad] == [2, 3, 5, 7]
    with pytest.raises(Exception, match=r"(?s)Zeile 2: .*Zeile 3: .*Zeile 5: .*Zeile 7: "):
        load_questions(path)  # the app's quality tab: the whole file or a message naming all
    # saved by a Windows editor as UTF-16 with byte order mark
    path.write_text('{"id": "ü", "question": "Wer hilft Familien?"}\n', encoding="utf-16")
    questions, read = read_questions(path)
    assert [(q.id, q.question) for q in questions] == [("ü", "Wer hilft Familien?")]
    assert not read.bad
