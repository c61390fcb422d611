"""``assistant ask``: one question, the six guidance questions, or a file of questions.

Exit codes: 0 everything answered; 2 nothing answered, with a German message saying why and
what to do (empty index, unknown document or filter value, missing question file); 3 a
question file had lines that could not be used or answered: the others are answered, and
every such line is named on stderr with its number and reason.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.config import Settings
from assistant.errors import ConfigError, QuestionError
from assistant.guidance import STEP2_QUESTIONS
from assistant.questionfile import BadLine, QuestionLines, read_question_lines
from assistant.types import Answer, Citation, Filters

PARTIAL = 3
SHOWN_IDS = 20  # document ids named in a message; the rest are counted


def format_answer(answer: Answer) -> str:
    lines = [answer.text]
    if answer.nearest:
        lines.append("\nNächstliegende Fundstellen (beantworten die Frage nicht sicher):")
        for s in answer.nearest:
            where = Citation.from_source(0, s).where
            excerpt = " ".join(s.chunk.text.split())
            excerpt = excerpt if len(excerpt) <= 160 else excerpt[:159] + "…"
            lines.append(f"  - {s.title}{', ' + where if where else ''} – {s.document}: "
                         f"„{excerpt}“")
    if answer.citations:
        lines.append("\nQuellen:")
        for c in answer.citations:
            lines.append(f"  {c.label} – {c.document}")
    return "\n".join(lines)


def _listed(values) -> str:
    values = [str(v) for v in values]
    shown = ", ".join(values[:SHOWN_IDS]) or "keine"
    more = len(values) - SHOWN_IDS
    return f"{shown} und {more} weitere" if more > 0 else shown


def unknown_document(engine, doc_id: str) -> str:
    """The message for a document id the index does not hold: which ids it holds."""
    return (f"Das Dokument „{doc_id}“ ist nicht im Index. Vorhanden: "
            f"{_listed(d.doc_id for d in engine.documents())}. Die IDs zeigt auch "
            "'assistant list'.")


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(municipality=args.municipality, type=args.doc_type, year=args.year,
                   document=args.document)


def check_filters(engine, filters: Filters) -> None:
    """A ``ConfigError`` when a filter names a document, municipality, type or year that no
    document in the index has (saying which exist), or when no document has all of them:
    else the user would read "nothing found" without knowing it was the filter."""
    docs = engine.documents()
    if filters.document and engine.store.document(filters.document) is None:
        raise ConfigError(unknown_document(engine, filters.document))
    for key, label in (("municipality", "der Kommune"), ("type", "dem Dokumenttyp"),
                       ("year", "dem Jahr")):
        value = getattr(filters, key)
        known = sorted({getattr(d, key) for d in docs if getattr(d, key) is not None}, key=str)
        if value not in (None, "") and value not in known:
            raise ConfigError(f"Im Index gibt es kein Dokument mit {label} „{value}“. "
                              f"Vorhanden: {_listed(known)}.")
    metas = ({"doc_id": d.doc_id, "municipality": d.municipality, "type": d.type,
              "year": d.year} for d in docs)
    if not any(filters.accepts(m) for m in metas):
        raise ConfigError("Kein Dokument im Index passt zu allen Filtern zugleich. Bitte "
                          "einen Filter weglassen ('assistant list' zeigt die Dokumente).")


def _items(args: argparse.Namespace) -> tuple[list[tuple[int | None, str | None, str]],
                                              QuestionLines | None]:
    """(line in the question file, id, question) to answer, and the question file read."""
    question = " ".join(args.question or ()).strip()
    if sum(map(bool, (question, args.step2, args.questions))) > 1:
        raise ConfigError("Bitte nur eines angeben: eine Frage, --step2 oder --questions DATEI.")
    if args.questions:
        lines = read_question_lines(args.questions)
        if not lines.rows:
            raise ConfigError("Die Fragendatei enthält keine nutzbare Frage.\n"
                              + (lines.report() if lines.bad else f"{args.questions} ist leer."))
        return [(n, qid, obj["question"]) for n, obj, qid in lines.rows], lines
    if args.step2:
        # ask() searches a guidance question with the draft's words (``understand``)
        return [(None, q.key, q.question) for q in STEP2_QUESTIONS], None
    if question:
        return [(None, None, question)], None
    raise ConfigError("Bitte eine Frage angeben, --step2 oder --questions DATEI "
                      "(Beispiel: assistant ask \"Welche Angebote gibt es?\").")


def _print(answer: Answer, qid: str | None, args, several: bool) -> None:
    if args.json:
        obj = answer.to_dict()
        if qid is not None:
            obj = {"id": qid, **obj}
        print(json.dumps(obj, ensure_ascii=False), flush=True)
        return
    if several:
        print(f"\n=== {answer.question} ===")
    print(format_answer(answer), flush=True)


def _summarize(engine, args) -> int:
    if not args.document:
        raise ConfigError("--summarize braucht --document DOKUMENT (IDs: assistant list).")
    if engine.store.document(args.document) is None:
        raise ConfigError(unknown_document(engine, args.document))
    from assistant.answer.summarize import summarize_document

    answer = summarize_document(engine.store, args.document, engine.answerer())
    print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json
          else format_answer(answer))
    return 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.engine import Engine

    items, lines = ([], None) if args.summarize else _items(args)
    engine = Engine.open(settings)
    if engine.store.count() == 0:
        raise ConfigError("Der Index ist leer. Bitte zuerst Dokumente einlesen: "
                          "assistant ingest ORDNER")
    if args.summarize:
        return _summarize(engine, args)
    filters = _filters(args)
    check_filters(engine, filters)
    engine.answerer()  # a wrong --llm stops here, not at every question
    failed: list[BadLine] = []
    for line, qid, question in items:
        try:
            answer = engine.ask(question, filters=filters)
        except QuestionError as exc:  # too long, empty: that question only
            if line is None:
                raise
            failed.append(BadLine(line, str(exc)))
            continue
        _print(answer, qid, args, len(items) > 1)
    if lines is None or not (lines.bad or failed):
        return 0
    lines.rows = [r for r in lines.rows if r[0] not in {b.line for b in failed}]
    lines.bad = sorted([*lines.bad, *failed], key=lambda b: b.line)
    print(lines.report(), file=sys.stderr)
    print(f"Beantwortet: {len(lines.rows)} Frage(n).", file=sys.stderr)
    return PARTIAL if lines.rows else 2
