"""``assistant eval --bericht``: one table over every evaluation set (``eval/saetze.json``).

Per set and part: retrieval hit@5, answers right, unanswerable questions declined,
answerable ones refused, citation precision and the answer time (median); below, the mean
over the real sets per part (macro average: each set counts once, whatever its size). The
bundled set is our own fictional corpus, a smoke test: it is shown, not averaged.

The numbers mean the same on both kinds of set:

- question files over documents (law texts, real PDFs, bundled): hit@5 = a passage with the
  labelled evidence among the first five found; right = an answerable question answered
  with a citation whose passage holds the evidence; citation precision = the share of
  citations whose passage holds evidence;
- XQuAD-de at answer level (``assistant.evaluate.answers``): hit@5 = the paragraph with the
  answer among the answer's five sources; right = the gold answer in the answer text, with
  a citation; citation precision = the share of citations that point to that paragraph.

``--llm llama-cpp`` measures the same with the local model; ``--jede N`` keeps every N-th
question of each part (a fixed sample for the slow model) and ``--split test`` only the
test parts. Each set is indexed into a temporary folder, as in ``--ablation``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from assistant.config import Settings
from assistant.evaluate import metrics as m
from assistant.evaluate.ablation import (
    SETS_FILE,
    EvalSet,
    chosen_sets,
    runner,
    write_table,
)

DEFAULT_OUT = Path("eval/results/bericht.md")
COLUMNS = (("hit5", "hit@5"), ("right", "richtig beantwortet"),
           ("declined", "abgelehnt (soll)"), ("refused", "abgelehnt trotz Antwort"),
           ("precision", "Zitat-Präzision"), ("latency", "Antwortzeit p50"))
SMOKE = ("",)  # the part name of a set without dev/test parts: not averaged


def unified(kind: str, n: dict) -> dict:
    """The numbers of ``COLUMNS`` from a question run's summary (``score.summarise``) or an
    answer-level run's (``answers.summary``)."""
    if kind == "antworten":
        return {"questions": n["answerable"] + n["unanswerable"], "hit5": n.get("hit@5"),
                "right": n.get("answer_right"), "declined": n.get("declined"),
                "refused": n.get("refused"), "precision": n.get("citation_precision"),
                "latency": n.get("latency_ms_p50")}
    answerable, unanswerable = n.get("answerable", 0), n.get("unanswerable", 0)
    return {"questions": n["questions"], "hit5": n.get("evidence_hit@5"),
            "right": n.get("citation_recall"),
            "declined": 1 - n["false_answers"] / unanswerable if unanswerable else None,
            "refused": n["false_refusals"] / answerable if answerable else None,
            "precision": n.get("citation_precision"), "latency": n.get("latency_ms_p50")}


def macro(rows: list[dict]) -> list[dict]:
    """Per part (dev, test): the mean of each number over the sets that have it."""
    out = []
    for part in dict.fromkeys(r["part"] for r in rows if r["part"] not in SMOKE):
        mine = [r for r in rows if r["part"] == part]
        mean = {key: m.mean(r.get(key) for r in mine) for key, _ in COLUMNS}
        out.append({"set": f"Mittel über {len(mine)} Sätze", "part": part,
                    "questions": sum(r["questions"] for r in mine), **mean})
    return out


def overview(sets: list[EvalSet], settings: Settings, every: int = 1,
             parts: set[str] | None = None,
             say: Callable[[str], None] = lambda s: print(s, file=sys.stderr)) -> list[dict]:
    """One row per set and part with the numbers of ``COLUMNS``."""
    from assistant.embed import load_embedder

    embedder = load_embedder(settings.embedder)
    rows = []
    for s in sets:
        if s.missing():
            say(f"ÜBERSPRUNGEN {s.name}: {s.missing()} fehlt")
            continue
        splits = tuple(x for x in s.splits if not parts or x in parts)
        if not splits:
            continue
        with tempfile.TemporaryDirectory(prefix="ausgangslage-bericht-",
                                         ignore_cleanup_errors=True) as folder:
            say(f"{s.name}: einlesen …")
            kind = "antworten" if s.beir else "fragen"
            run = runner(replace(s, splits=splits), settings, embedder, Path(folder), every)
            say(f"{s.name}: Fragen stellen ({settings.llm}) …")
            numbers = run(settings)
        rows += [{"set": s.name, "part": split, "kind": kind, **unified(kind, numbers[split])}
                 for split in splits]
    return rows


def _fmt(key: str, value) -> str:
    if value is None:
        return "–"
    return f"{value:.0f} ms" if key == "latency" else f"{value:.3f}"


def to_markdown(rows: list[dict], intro: str = "") -> str:
    head = "| Satz | Teil | Fragen | " + " | ".join(label for _, label in COLUMNS) + " |"
    lines = [intro] if intro else []
    lines += [head, "|---|---|---|" + "---|" * len(COLUMNS)]
    for row in rows + macro(rows):
        lines.append(f"| {row['set']} | {row['part'] or '–'} | {row['questions']} | "
                     + " | ".join(_fmt(k, row.get(k)) for k, _ in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def _commit() -> str:
    """The checkout's commit, so a committed table says what it measured ("" outside git)."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def run_overview(args, settings: Settings) -> int:
    """``assistant eval --bericht [--sets DATEI] [--nur-saetze …] [--split TEIL]
    [--jede N] [--llm NAME] [--out DATEI]``."""
    if settings.llm != "extractive":  # the model stays where it is installed
        from assistant.models import model_path

        settings = settings.replace(llm_model_path=model_path(settings))
    parts = {p.strip() for p in args.split.split(",")} if args.split else None
    every = args.every or 1
    rows = overview(chosen_sets(args), settings, every, parts)
    out = args.out or DEFAULT_OUT
    sample = f", jede {every}. Frage je Teil" if every > 1 else ""
    intro = (f"# Alle Auswertungssätze ({settings.llm}{sample})\n\n"
             f"Gemessen am {time.strftime('%Y-%m-%d')}"
             f"{', Commit ' + commit if (commit := _commit()) else ''}. "
             f"Erzeugt mit `assistant eval --bericht` über {args.sets or SETS_FILE}. "
             "Bedeutung der Spalten: `assistant/evaluate/overview.py`. Die Mittel zählen "
             "jeden echten Satz einmal; der Beispielkorpus (unser eigener) zählt nicht mit.\n")
    write_table(out, to_markdown(rows, intro), rows)
    return 0
