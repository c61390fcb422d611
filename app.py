"""Start the web workspace: ``python app.py [--host 127.0.0.1] [--port 7860] [--data DIR]``.

Builds the page from ``workspace`` and launches it. On the first start (empty index) the
bundled documents in corpus/dokumente are read in."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported (no telemetry)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Ausgangslage-Assistent im Browser starten.")
    p.add_argument("--host", default="127.0.0.1", help="Adresse (Standard: nur dieser Rechner)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--data", type=Path, dest="data_dir", help="Datenordner (Standard: ./daten)")
    p.add_argument("--config", type=Path, help="Einstellungsdatei (TOML)")
    p.add_argument("--corpus", type=Path, help="Dokumente für den ersten Start")
    p.add_argument("--users", type=Path, default=Path("users.txt"),
                   help="Datei mit Zeilen name:passwort (Anmeldung); auch AUSGANGSLAGE_USERS")
    p.add_argument("--max-upload", default="100mb", help="größte Datei beim Hochladen")
    p.add_argument("--concurrency", type=int, default=2, help="gleichzeitige Anfragen")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from assistant.config import load_settings
    from assistant.errors import AssistantError
    from workspace.access import load_users
    from workspace.context import ensure_corpus, open_workspace
    from workspace.layout import build, launch_options, queue

    try:
        settings = load_settings(args.config, data_dir=args.data_dir)
        users = load_users(args.users)
        ws = open_workspace(settings, args.corpus)
        ensure_corpus(ws, lambda f, m: logging.info("Einlesen %3.0f %% %s", 100 * f, m))
    except AssistantError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    demo = queue(build(ws), args.concurrency)
    demo.launch(server_name=args.host, server_port=args.port,
                **launch_options(ws, users, args.max_upload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
