"""Command line: ``assistant ingest|list|remove|ask``.

Subcommands ``eval`` and ``bench`` come from ``assistant.evaluate.cli``, ``model`` from
``assistant.models``.

Exit codes: 0 ok, 1 unexpected error, 2 error with a message for the user,
3 ingest finished but skipped at least one file, 4 the evaluation gate failed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path

from assistant.config import RETRIEVAL_MODES, Settings, load_settings
from assistant.errors import AssistantError
from assistant.guidance import STEP2_QUESTIONS
from assistant.retrieve import Filters
from assistant.types import Answer

log = logging.getLogger("assistant")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="Einstellungsdatei (TOML)")
    p.add_argument("--data", type=Path, dest="data_dir",
                   help="Datenordner mit dem Index (Standard: ./daten)")
    p.add_argument("--embedder", help="Embedding-Modell: e5-small, minilm, st:<Ordner>")
    p.add_argument("--chroma", dest="chroma_mode", choices=("embedded", "http"))
    p.add_argument("--chroma-host", dest="chroma_host")
    p.add_argument("--chroma-port", dest="chroma_port", type=int)


def _add_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("-k", "--top-k", dest="top_k", type=int, help="Anzahl Quellen")
    p.add_argument("--mode", dest="retrieval_mode", choices=RETRIEVAL_MODES,
                   help="Suchverfahren")
    p.add_argument("--dense-weight", dest="dense_weight", type=float,
                   help="Gewicht der semantischen Suche in der Fusion (0–1)")
    p.add_argument("--llm", help="Antwortgenerator (Standard: extractive)")
    p.add_argument("--municipality", help="nur Dokumente dieser Kommune")
    p.add_argument("--type", dest="doc_type", help="nur Dokumente dieses Typs")
    p.add_argument("--year", type=int, help="nur Dokumente dieses Jahres")
    p.add_argument("--document", help="nur dieses Dokument (ID wie in 'assistant list')")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant",
        description="Ausgangslage-Assistent: Dokumente einlesen und Fragen mit Quellen beantworten.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="ausführliches Protokoll")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="Dokumente oder Ordner einlesen")
    _add_common(p)
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--force", action="store_true", help="auch unveränderte Dateien neu einlesen")
    p.add_argument("--rebuild", action="store_true",
                   help="Index löschen und mit dem eingestellten Modell neu aufbauen")

    p = sub.add_parser("list", help="eingelesene Dokumente anzeigen")
    _add_common(p)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("remove", help="ein Dokument aus dem Index löschen")
    _add_common(p)
    p.add_argument("document")

    p = sub.add_parser("ask", help="eine Frage beantworten")
    _add_common(p)
    _add_search(p)
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    p.add_argument("--questions", type=Path, help="JSONL-Datei mit {id, question} je Zeile")
    p.add_argument("--step2", action="store_true",
                   help="die sechs Leitfragen aus Schritt 2 beantworten (gesucht wird wie "
                        "im Entwurf, mit Fachbegriffen wie „Bilanz“)")
    p.add_argument("--summarize", action="store_true",
                   help="das mit --document gewählte Dokument ganz zusammenfassen "
                        "(braucht --llm llama-cpp oder openai)")
    for module in _EXTENSIONS:
        try:
            ext = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue  # extension not part of this installation
            raise
        COMMANDS.update(ext.add_commands(sub, _add_common, _add_search))
    return parser


SETTING_ARGS = ("data_dir", "embedder", "chroma_mode", "chroma_host", "chroma_port", "top_k",
                "retrieval_mode", "dense_weight", "llm")


def settings_from(args: argparse.Namespace) -> Settings:
    names = SETTING_ARGS
    return load_settings(
        getattr(args, "config", None), **{n: getattr(args, n, None) for n in names}
    )


def format_answer(answer: Answer) -> str:
    lines = [answer.text]
    if answer.citations:
        lines.append("\nQuellen:")
        for c in answer.citations:
            where = f", {c.where}" if c.where else ""
            lines.append(f"  [{c.n}] {c.title}{where} – {c.document}")
    return "\n".join(lines)


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(municipality=args.municipality, type=args.doc_type, year=args.year,
                   document=args.document)


def _cmd_ingest(args, settings: Settings) -> int:
    from tqdm import tqdm

    from assistant.engine import Engine
    from assistant.store import Store

    missing = [p for p in args.paths if not p.exists()]
    if args.rebuild:
        Store.drop(settings)
    engine = Engine.open(settings)
    bar = tqdm(total=100, unit="%", desc="Einlesen", file=sys.stderr,
               bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix}")

    def progress(fraction: float, message: str) -> None:
        bar.n = round(100 * fraction)
        bar.set_postfix_str(message[:60])

    report = engine.ingest([p for p in args.paths if p.exists()], progress, force=args.force)
    bar.close()
    for p in missing:
        print(f"ÜBERSPRUNGEN {p}: nicht gefunden – bitte den Pfad prüfen.")
    for doc in report.added:
        print(f"neu          {doc}")
    for doc in report.updated:
        print(f"aktualisiert {doc}")
    for problem in report.problems:
        label = "ÜBERSPRUNGEN" if problem.skipped else "HINWEIS     "
        print(f"{label} {problem.path}: {problem.message}")
    print(
        f"{len(report.added)} neu, {len(report.updated)} aktualisiert, "
        f"{len(report.unchanged)} unverändert, {len(report.skipped) + len(missing)} übersprungen; "
        f"{report.chunks_written} Abschnitte in {report.seconds:.1f} s. "
        f"Index: {engine.store.count()} Abschnitte aus {len(engine.documents())} Dokumenten."
    )
    return 3 if report.skipped or missing else 0


def _cmd_list(args, settings: Settings) -> int:
    from assistant.engine import Engine

    docs = Engine.open(settings).documents()
    if args.json:
        print(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("Der Index ist leer. Dokumente einlesen mit: assistant ingest ORDNER")
        return 0
    print(f"{'Dokument':45} {'Typ':20} {'Kommune':16} {'Jahr':5} {'Seiten':>6} {'Abschn.':>7}")
    for d in docs:
        print(f"{d.doc_id[:45]:45} {d.type[:20]:20} {d.municipality[:16]:16} "
              f"{d.year or '–':<5} {d.pages or '–':>6} {d.chunks:>7}")
    return 0


def _cmd_remove(args, settings: Settings) -> int:
    from assistant.engine import Engine

    engine = Engine.open(settings)
    if engine.store.document(args.document) is None:
        known = ", ".join(d.doc_id for d in engine.documents()) or "keine"
        print(f"Dokument '{args.document}' ist nicht im Index. Vorhanden: {known}",
              file=sys.stderr)
        return 2
    n = engine.remove(args.document)
    print(f"'{args.document}' entfernt ({n} Abschnitte).")
    return 0


def _read_questions(path: Path) -> list[dict]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            question = str(obj["question"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise AssistantError(
                f"{path}, Zeile {n}: kein gültiges JSON-Objekt mit 'question' ({exc})."
            ) from exc
        items.append({"id": obj.get("id", f"z{n}"), "question": question})
    return items


def _cmd_ask(args, settings: Settings) -> int:
    from assistant.engine import Engine

    if args.summarize:
        items = []
    elif args.questions:
        items = _read_questions(args.questions)
    elif args.step2:
        # ask() searches a guidance question with the draft's words (as_searched)
        items = [{"id": q.key, "question": q.question} for q in STEP2_QUESTIONS]
    elif args.question:
        items = [{"id": None, "question": args.question}]
    else:
        print("Bitte eine Frage angeben, --step2 oder --questions DATEI.", file=sys.stderr)
        return 2
    engine = Engine.open(settings)
    if engine.store.count() == 0:
        print("Der Index ist leer. Bitte zuerst Dokumente einlesen: assistant ingest ORDNER",
              file=sys.stderr)
        return 2
    if args.summarize:
        if not args.document:
            print("--summarize braucht --document DOKUMENT (IDs: assistant list).",
                  file=sys.stderr)
            return 2
        from assistant.answer.summarize import summarize_document

        answer = summarize_document(engine.store, args.document, engine.answerer())
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json
              else format_answer(answer))
        return 0
    filters = _filters(args)
    for item in items:
        answer = engine.ask(item["question"], filters=filters)
        if args.json:
            obj = answer.to_dict()
            if item["id"] is not None:
                obj = {"id": item["id"], **obj}
            print(json.dumps(obj, ensure_ascii=False), flush=True)
        else:
            if len(items) > 1:
                print(f"\n=== {item['question']} ===")
            print(format_answer(answer), flush=True)
    return 0


COMMANDS = {"ingest": _cmd_ingest, "list": _cmd_list, "remove": _cmd_remove, "ask": _cmd_ask}
# Modules that add subcommands: each has add_commands(sub, add_common, add_search)
# returning {name: run(args, settings) -> exit code}; their top-level imports stay light.
_EXTENSIONS = ("assistant.evaluate.cli", "assistant.models")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets its logger to DEBUG
    try:
        settings = settings_from(args)
        return COMMANDS[args.command](args, settings)
    except AssistantError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
