"""Qualität: run the evaluation over the bundled or an uploaded question set.

Uses ``assistant.evaluate`` (runner, scores, report with plot). Where that package is not
installed, a minimal check runs instead: every question through ``engine.ask``, counting
abstentions and measuring latency – clearly labelled as such."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError
from workspace.context import Progress, Workspace
from workspace.render import markdown_text, table_markdown

BUNDLED_QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"


@dataclass(frozen=True)
class QualityResult:
    header: list[str]
    rows: list[list[str]]
    report: str  # markdown
    plot: Path | None = None
    html: Path | None = None


def _questions_file(uploaded: str | Path | None) -> Path:
    path = Path(uploaded) if uploaded else BUNDLED_QUESTIONS
    if not path.is_file():
        raise AssistantError(f"Die Fragendatei {path} fehlt. Bitte eine JSONL-Datei hochladen "
                             "(eine Zeile je Frage: {\"id\": …, \"question\": …}).")
    return path


def run(ws: Workspace, uploaded: str | Path | None = None,
        progress: Progress | None = None) -> QualityResult:
    if ws.engine.store.count() == 0:
        raise AssistantError("Es sind noch keine Dokumente eingelesen – ohne Dokumente gibt es "
                             "nichts zu prüfen.")
    path = _questions_file(uploaded)
    try:
        from assistant.evaluate import report
        from assistant.evaluate import run as runner
        from assistant.evaluate.questions import load_questions
    except ImportError:
        return _minimal(ws, path, progress)
    questions = load_questions(path)
    done = []

    def step(q) -> None:
        done.append(q)
        if progress:
            progress(len(done) / len(questions), f"Frage {len(done)} von {len(questions)}")

    records = runner.run_questions(ws.engine, questions, ws.settings, progress=step)
    label = runner.default_label(ws.settings)
    summary = runner.summary_of(records, ws.settings, label, questions_file=path)
    out = ws.settings.data_dir / "auswertungen" / f"{time.strftime('%Y%m%d-%H%M%S')}-{label}"
    files = report.write_run(out, records, summary)
    # shown as text: questions, file names and notes come from the catalogue and documents
    intro = markdown_text(report.to_markdown(summary, records).split("\n## ")[0])
    tables = report.tables(summary, records)
    heading, header, rows = tables[0]
    shown = "\n\n".join([intro, *(table_markdown(*t) for t in tables)])
    return QualityResult(header, rows, shown, files["plot"], files["html"])


def _minimal(ws: Workspace, path: Path, progress: Progress | None) -> QualityResult:
    """Fallback without ``assistant.evaluate``: abstentions and latency only."""
    questions = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                questions.append(str(json.loads(line)["question"]))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise AssistantError(f"{path.name}, Zeile {n}: kein JSON-Objekt mit "
                                     f"„question“ ({exc}).") from exc
    latencies, abstained = [], 0
    for i, q in enumerate(questions):
        answer = ws.engine.ask(q)
        latencies.append(answer.timings_ms.get("total", 0.0))
        abstained += answer.abstained
        if progress:
            progress((i + 1) / len(questions), f"Frage {i + 1} von {len(questions)}")
    latencies.sort()
    p50 = latencies[len(latencies) // 2] if latencies else 0.0
    rows = [["Fragen", str(len(questions)), ""],
            ["abgelehnt", str(abstained), "keine belastbare Aussage gefunden"],
            ["Antwortzeit Median (ms)", f"{p50:.0f}", ""]]
    return QualityResult(["Kennzahl", "Wert", "Bedeutung"], rows,
                         "_Minimalprüfung: das Auswertungsmodul (assistant.evaluate) fehlt, "
                         "daher nur Ablehnungen und Antwortzeit._")
