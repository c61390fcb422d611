"""``assistant eval`` and ``assistant bench retrieval``, added to the CLI as an extension.

Top-level imports stay light: everything heavy is imported inside the commands.
Exit codes as in ``assistant.cli``, plus 4: the CI gate failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from assistant import cliparse

DEFAULT_QUESTIONS = Path("eval/questions.jsonl")
DEFAULT_SWEEP_OUT = Path("eval/results/sweep.md")
PARTIAL = 3  # some lines of the question file were skipped
GATE_FAILED = 4
SHOWN = ("evidence_hit@5", "citation_precision", "citation_recall", "citation_validity",
         "evidence_coverage", "abstention_accuracy", "false_answers", "false_refusals",
         "ndcg@10", "evidence_mrr@10", "abstention_rate", "non_german_answers", "latency_ms_p50",
         "latency_ms_p95")


def _transposed(question: str) -> str:
    """The longest word with two letters in its middle swapped ("Schulanmeldung" →
    "Schulanemldung"): the commonest typing slip, in the word that carries the question."""
    longest = max(re.findall(r"[^\W\d_]{8,}", question), key=len, default="")
    if not longest:
        return question
    mid = len(longest) // 2
    typo = longest[:mid - 1] + longest[mid] + longest[mid - 1] + longest[mid + 1:]
    return question.replace(longest, typo, 1)


def _without_umlauts(question: str) -> str:
    """"Wie viele Schüler …" → "Wie viele Schueler …", as typed without umlaut keys."""
    return question.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae",
                                              "Ö": "Oe", "Ü": "Ue", "ß": "ss"}))


# how people type questions that the set writes properly (``--typed``)
TYPED = {
    "klein": str.lower,
    "ohne-fragezeichen": lambda q: q.rstrip().rstrip("?").rstrip(),
    "tippfehler": _transposed,
    "umlaute": _without_umlauts,
    "hoeflich": lambda q: f"Hallo, kurze Frage: {q} Vielen Dank im Voraus!",
}


def add_commands(sub, add_common, add_search) -> dict:
    p = sub.add_parser("eval", help="Antwort- und Quellenqualität an einem Fragensatz messen")
    add_common(p)
    add_search(p)
    p.add_argument("--questions", type=Path, metavar="DATEI",
                   help=f"JSONL-Fragendatei (Standard: {DEFAULT_QUESTIONS})")
    p.add_argument("--corpus", type=Path, metavar="ORDNER",
                   help="diesen Ordner vorher einlesen (ohne --data in einen temporären Index)")
    p.add_argument("--out", type=Path, metavar="ORDNER",
                   help="Ergebnisordner (Standard: eval/runs/<Zeit>-<Name>); mit --ablation "
                        "die Tabelle (Standard: eval/results/ablation.md)")
    p.add_argument("--label", metavar="NAME", help="Name des Laufs")
    p.add_argument("--split", metavar="TEIL",
                   help="nur Fragen dieses Teils (dev, test; kommagetrennt), z. B. "
                        "--split test für den Prüfteil der echten Sätze")
    p.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"),
                   help="zwei Läufe (Ordner oder summary.json) vergleichen")
    p.add_argument("--gate", type=Path, metavar="BASIS",
                   help="Lauf gegen diese summary.json prüfen (Exitcode 4 bei Verschlechterung)")
    p.add_argument("--margin", type=cliparse.decimal_number("Spielraum", 0.0, 1.0),
                   default=0.03, metavar="ZAHL",
                   help="erlaubter Rückgang je Leitkennzahl beim --gate (Standard 0,03)")
    p.add_argument("--typed", choices=sorted(TYPED),
                   help="Fragen so verändert stellen, wie Menschen tippen: 'klein' (alles "
                        "kleingeschrieben), 'ohne-fragezeichen', 'tippfehler' (zwei "
                        "Buchstaben im längsten Wort vertauscht), 'umlaute' (ae, oe, ue, "
                        "ss), 'hoeflich' (mit Gruß und Dank) – misst die Robustheit")
    p.add_argument("--ablate", metavar="REGELN",
                   help="diese Regeln abschalten (kommagetrennt; Liste: assistant/params.py)")
    p.add_argument("--ablation", action="store_true",
                   help="jede Regel einzeln abschalten, auf jedem Satz aus --sets messen")
    p.add_argument("--zusammen", dest="together", action="store_true",
                   help="für --ablation: die Regeln aus --ablate zusammen abschalten")
    p.add_argument("--sets", type=Path, metavar="DATEI",
                   help="für --ablation und --bericht: Liste der Sätze (Standard: "
                        "eval/saetze.json)")
    p.add_argument("--nur-saetze", dest="only_sets", metavar="NAMEN",
                   help="für --ablation und --bericht: nur diese Sätze (Namen aus --sets, "
                        "kommagetrennt)")
    p.add_argument("--bericht", dest="overview", action="store_true",
                   help="alle Sätze aus --sets: hit@5, richtig, abgelehnt, Zitat-Präzision, "
                        "Antwortzeit je Satz und Teil, dazu das Mittel")
    p.add_argument("--jede", dest="every", type=cliparse.count, metavar="N",
                   help="für --bericht: jede N-te Frage je Teil (feste Stichprobe, etwa für "
                        "--llm llama-cpp)")
    p.add_argument("--sweep", action="store_true",
                   help="Suchverfahren, Gewichte, top-k und Embedding-Modelle durchprobieren")
    p.add_argument("--embedders", help="für --sweep: Modelle, kommagetrennt")
    p.add_argument("--index-dir", type=Path,
                   help="für --sweep: Ordner für die Indizes (Standard: temporär)")
    p.add_argument("--sweep-out", type=Path, default=DEFAULT_SWEEP_OUT,
                   help=f"für --sweep: Markdown-Tabelle (Standard: {DEFAULT_SWEEP_OUT})")

    _bench_parser(sub, add_common, add_search)
    from assistant.evaluate.bench import run_bench

    return {"eval": run_eval, "bench": run_bench}


def _bench_parser(sub, add_common, add_search) -> None:
    b = sub.add_parser("bench", help="Suche oder Antworten an einem öffentlichen Benchmark "
                                     "messen")
    b.add_argument("what", choices=("retrieval", "answers"),
                   help="retrieval: Suche (nDCG@10); answers: Antworten mit Goldantworten "
                        "(answers.jsonl, erster Absatz jedes Artikels nicht im Index)")
    add_common(b)
    add_search(b)
    b.add_argument("--beir", type=Path, required=True, help="BEIR-Ordner (corpus/queries/qrels)")
    b.add_argument("--weights", default="0.3,0.4,0.5,0.6,0.7",
                   help="Gewichte der semantischen Suche für hybrid (ohne --dense-weight)")
    b.add_argument("--with-title", action="store_true",
                   help="Titel mit einbetten (MTEB-Vergleichswerte: ohne Titel)")
    b.add_argument("--limit", type=cliparse.count, metavar="N", help="nur die ersten N Anfragen")
    b.add_argument("--out", type=Path, help="Tabelle zusätzlich als Markdown schreiben")
    b.add_argument("--every", type=cliparse.count, default=1, metavar="N",
                   help="answers: jede N-te Frage je Teil (feste Stichprobe)")
    b.add_argument("--split", metavar="TEIL", default="dev,test",
                   help="answers: dev, test oder beide (Standard)")
    b.add_argument("--ablate", metavar="REGELN",
                   help="answers: diese Regeln abschalten (Liste: assistant/params.py)")


@contextmanager
def _index_settings(settings, corpus: Path | None, explicit_data: bool):
    """Settings whose data dir holds the index to evaluate: a temporary one for --corpus
    without --data, else the configured one. The local model stays where it is installed."""
    if corpus is None or explicit_data:
        yield settings
        return
    from assistant.models import model_path

    with tempfile.TemporaryDirectory(prefix="ausgangslage-eval-",
                                     ignore_cleanup_errors=True) as tmp:
        yield settings.replace(data_dir=Path(tmp), llm_model_path=model_path(settings))


def _ingest(engine, corpus: Path) -> None:
    if not corpus.is_dir():
        from assistant.errors import ConfigError

        raise ConfigError(f"Der Dokumentordner {corpus} wurde nicht gefunden.")
    print(f"Lese {corpus} ein …", file=sys.stderr)
    report = engine.ingest([corpus])
    for problem in report.skipped:
        print(f"ÜBERSPRUNGEN {problem.path}: {problem.message}", file=sys.stderr)


def _print_summary(summary: dict) -> None:
    from assistant.evaluate.report import METRICS, fmt

    m = summary["metrics"]
    print(f"{m['questions']} Fragen ({m['answerable']} beantwortbar, "
          f"{m['unanswerable']} unbeantwortbar) · {summary['label']}")
    for name in SHOWN:
        if name in m:
            print(f"  {name:22} {fmt(m[name]):>8}   {METRICS.get(name, '')}")
    if m.get("diagnoses"):
        print("  Befunde: " + ", ".join(f"{d} {n}" for d, n in m["diagnoses"].items()))


def _report_bad_lines(lines, gated: bool, any_good: bool) -> None:
    """Name every unusable line of the question file on stderr. The evaluation goes on with
    the good ones (exit code 3), except for a gate, whose baseline was measured on all of
    them, and when no line is usable."""
    from assistant.errors import ConfigError

    if not any_good:
        raise ConfigError(f"Keine Zeile der Fragendatei ist nutzbar.\n{lines.report()}")
    if gated:
        raise ConfigError(f"{lines.report()}\nMit --gate wird nur ein vollständiger "
                          "Fragenkatalog mit der Basis verglichen.")
    print(lines.report(), file=sys.stderr)


def run_eval(args: argparse.Namespace, settings) -> int:
    from assistant.evaluate import gate as gates

    if args.compare:
        a, b = (gates.load_summary(p) for p in args.compare)
        print(gates.format_comparison(a, b))
        return 0
    from assistant import params

    if args.ablation:
        from assistant.evaluate.ablation import run_ablation

        return run_ablation(args, settings)
    if args.overview:
        from assistant.evaluate.overview import run_overview

        return run_overview(args, settings)
    off = params.rules(args.ablate) if args.ablate else []
    with params.use(params.without(off)):
        return _run_eval(args, params.settings_without(settings, off))


def _run_eval(args: argparse.Namespace, settings) -> int:
    from assistant.engine import Engine
    from assistant.errors import ConfigError
    from assistant.evaluate import gate as gates
    from assistant.evaluate.questions import read_questions
    from assistant.evaluate.report import write_run
    from assistant.evaluate.run import (
        default_label,
        default_out,
        run_questions,
        summary_of,
    )

    baseline = gates.load_summary(args.gate) if args.gate else None
    recorded = baseline or {}
    questions_file = args.questions or Path(recorded.get("questions_file") or DEFAULT_QUESTIONS)
    corpus = args.corpus or (Path(recorded["corpus"]) if recorded.get("corpus") else None)
    questions, lines = read_questions(questions_file, settings)
    if lines.bad:
        _report_bad_lines(lines, baseline is not None, bool(questions))
    if args.split:
        wanted = {p.strip() for p in args.split.split(",") if p.strip()}
        questions = [q for q in questions if q.split in wanted]
        if not questions:
            raise ConfigError(f"Keine Fragen mit split {args.split} in {questions_file}.")
    if args.typed:
        retype = TYPED[args.typed]
        questions = [dataclasses.replace(q, question=retype(q.question)) for q in questions]
    partial = PARTIAL if lines.bad else 0
    if args.sweep:
        from assistant.evaluate.bench import run_sweep

        return run_sweep(args, settings, questions, corpus or Path("corpus/dokumente")) or partial
    with _index_settings(settings, corpus, args.data_dir is not None) as used:
        engine = Engine.open(used)
        if corpus is not None:
            _ingest(engine, corpus)
        if engine.store.count() == 0:
            raise ConfigError(
                f"Der Index in {used.data_dir} ist leer. Bitte Dokumente einlesen "
                "('assistant ingest ORDNER') oder --corpus ORDNER angeben."
            )
        from assistant.evaluate.bench import progress_bar

        bar = progress_bar(len(questions), "Fragen")
        records = run_questions(engine, questions, used, lambda q: bar.update(1))
        bar.close()
    label = args.label or (default_label(settings) + (f"-{args.typed}" if args.typed else "")
                           + (f"-ohne-{args.ablate.replace(',', '-')}" if args.ablate else ""))
    summary = summary_of(records, settings, label, questions_file, corpus)
    files = write_run(args.out or default_out(label), records, summary)
    _print_summary(summary)
    print(f"Ergebnisse: {files['markdown'].parent}/ (report.md, report.html, results.jsonl)")
    if lines.bad:
        print(f"Hinweis: {len(lines.bad)} Zeile(n) der Fragendatei übersprungen, bewertet "
              f"wurden {len(questions)} Fragen (Exitcode 3).")
    return partial if baseline is None else _gated(baseline, summary, args.margin)


def _gated(baseline: dict, summary: dict, margin: float) -> int:
    """Print the run held against ``baseline``; ``GATE_FAILED`` when a number fell."""
    from assistant.evaluate import gate as gates

    diffs = gates.settings_differences(baseline, summary)
    if diffs:
        print("Hinweis: Einstellungen weichen von der Basis ab: " + "; ".join(diffs))
    failures = gates.gate(baseline, summary, margin)
    for failure in failures:
        print(f"GATE: {failure}")
    print("Gate bestanden." if not failures else
          f"Gate nicht bestanden ({len(failures)} Kennzahl(en) unter Basis − {margin}).")
    return GATE_FAILED if failures else 0
