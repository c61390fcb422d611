"""Command line: ``assistant ingest|list|remove|ask``.

Subcommands ``eval`` and ``bench`` come from ``assistant.evaluate.cli``, ``model`` from
``assistant.models``.

Exit codes: 0 ok, 1 unexpected error, 2 error with a message for the user (also every
argument error, in German: ``cliparse``), 3 partly done: ingest skipped at least one file, or
a question file had lines that could not be used (the rest was answered or evaluated),
4 the evaluation gate failed.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import json
import logging
import sys
from pathlib import Path

from assistant import cliparse
from assistant.cli_ask import run_ask, unknown_document
from assistant.config import RETRIEVAL_MODES, Settings, load_settings
from assistant.errors import AssistantError, ConfigError

log = logging.getLogger("assistant")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, metavar="DATEI", help="Einstellungsdatei (TOML)")
    p.add_argument("--data", type=Path, dest="data_dir", metavar="ORDNER",
                   help="Datenordner mit dem Index (Standard: ./daten)")
    p.add_argument("--embedder", metavar="MODELL",
                   help="Embedding-Modell: e5-small, minilm, st:<Ordner>")
    p.add_argument("--chroma", dest="chroma_mode", choices=("embedded", "http"),
                   help="Chroma im Programm (embedded) oder als Server (http)")
    p.add_argument("--chroma-host", dest="chroma_host", metavar="ADRESSE",
                   help="Adresse des Chroma-Servers")
    p.add_argument("--chroma-port", dest="chroma_port", type=cliparse.port, metavar="PORT",
                   help="Port des Chroma-Servers")


def _add_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("-k", "--top-k", dest="top_k", type=cliparse.top_k, metavar="ANZAHL",
                   help="Anzahl Quellen (1–100)")
    p.add_argument("--mode", dest="retrieval_mode", choices=RETRIEVAL_MODES,
                   help="Suchverfahren")
    p.add_argument("--dense-weight", dest="dense_weight", metavar="GEWICHT",
                   type=cliparse.decimal_number("Gewicht", 0.0, 1.0),
                   help="Gewicht der semantischen Suche in der Fusion (0–1)")
    p.add_argument("--llm", metavar="NAME", help="Antwortgenerator (Standard: extractive)")
    p.add_argument("--municipality", metavar="KOMMUNE", help="nur Dokumente dieser Kommune")
    p.add_argument("--type", dest="doc_type", metavar="TYP", help="nur Dokumente dieses Typs")
    p.add_argument("--year", type=cliparse.year, metavar="JAHR",
                   help="nur Dokumente dieses Jahres")
    p.add_argument("--document", metavar="DOKUMENT",
                   help="nur dieses Dokument (ID wie in 'assistant list')")


def build_parser() -> argparse.ArgumentParser:
    parser = cliparse.GermanParser(
        prog="assistant",
        description="Ausgangslage-Assistent: Dokumente einlesen und Fragen mit Quellen beantworten.",
    )
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="ausführliches Protokoll (bei unerwarteten Fehlern mit Details)")
    sub = parser.add_subparsers(dest="command", required=True, title="Befehle", metavar="BEFEHL")

    p = sub.add_parser("ingest", help="Dokumente oder Ordner einlesen")
    _add_common(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="PFAD", help="Dateien oder Ordner")
    p.add_argument("--force", action="store_true", help="auch unveränderte Dateien neu einlesen")
    p.add_argument("--rebuild", action="store_true",
                   help="Index löschen und mit dem eingestellten Modell neu aufbauen")

    p = sub.add_parser("list", help="eingelesene Dokumente anzeigen")
    _add_common(p)
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON")

    p = sub.add_parser("remove", help="ein Dokument aus dem Index löschen")
    _add_common(p)
    p.add_argument("document", metavar="DOKUMENT", help="ID wie in 'assistant list'")

    p = sub.add_parser("ask", help="eine Frage beantworten")
    _add_common(p)
    _add_search(p)
    p.add_argument("question", nargs="*", metavar="FRAGE",
                   help="die Frage (in Anführungszeichen oder als einzelne Wörter)")
    p.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    p.add_argument("--questions", type=Path, metavar="DATEI",
                   help="JSONL-Datei mit {id, question} je Zeile")
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
    settings = load_settings(
        getattr(args, "config", None), **{n: getattr(args, n, None) for n in names}
    )
    data = settings.data_dir
    if data.exists() and not data.is_dir():
        raise ConfigError(f"{data} ist eine Datei, kein Ordner. Bitte mit --data den "
                          "Datenordner angeben (Standard: ./daten; er wird beim ersten "
                          "Einlesen angelegt).")
    return settings


def _cmd_ingest(args, settings: Settings) -> int:
    from tqdm import tqdm

    from assistant.engine import Engine
    from assistant.index.store import Store

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
        raise ConfigError(unknown_document(engine, args.document))
    n = engine.remove(args.document)
    print(f"'{args.document}' entfernt ({n} Abschnitte).")
    return 0


COMMANDS = {"ingest": _cmd_ingest, "list": _cmd_list, "remove": _cmd_remove, "ask": run_ask}
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
    except OSError as exc:  # a path the user gave: missing, no permission, a file not a folder
        print(f"Fehler: {os_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line, the details with -v
        if args.verbose:
            raise
        print(f"Fehler: Unerwarteter Programmfehler ({type(exc).__name__}). Bitte mit -v "
              "erneut aufrufen und die Ausgabe an die Betreuung des Assistenten geben.",
              file=sys.stderr)
        return 1


_OS_REASONS = {
    errno.ENOENT: "nicht gefunden", errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung", errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "ist ein Ordner, keine Datei", errno.ENOSPC: "kein Speicherplatz mehr frei",
    errno.EROFS: "das Laufwerk ist schreibgeschützt", errno.ELOOP: "Kreis aus Verknüpfungen",
    errno.ENAMETOOLONG: "Pfad zu lang",
}


def os_error(exc: OSError) -> str:
    """An error of the file system in German: which path, what happened, what to do."""
    reason = _OS_REASONS.get(exc.errno, f"Dateifehler Nr. {exc.errno}")
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{reason}. Bitte Pfad und Zugriffsrechte prüfen."


if __name__ == "__main__":
    sys.exit(main())
