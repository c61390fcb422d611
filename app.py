"""Start the web workspace: ``python app.py [--host 127.0.0.1] [--port 7860] [--data DIR]``.

Builds the page from ``workspace`` and launches it. On the first start (empty index) the
bundled documents in corpus/dokumente are read in; uploads whose ingest never finished are
removed. An address reachable from the network needs a login (users file) unless started
with ``--ohne-anmeldung-im-netz``; see docs/betrieb.md."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported (no telemetry)

from workspace.exposure import is_loopback  # noqa: E402  (plain Python, no gradio)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Ausgangslage-Assistent im Browser starten.")
    p.add_argument("--host", default="127.0.0.1", help="Adresse (Standard: nur dieser Rechner)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--data", type=Path, dest="data_dir", help="Datenordner (Standard: ./daten)")
    p.add_argument("--config", type=Path, help="Einstellungsdatei (TOML)")
    p.add_argument("--corpus", type=Path, help="Dokumente für den ersten Start")
    p.add_argument("--users", type=Path, default=Path("users.txt"),
                   help="Datei mit Zeilen name:passwort oder name:passwort:admin (Anmeldung); "
                        "auch AUSGANGSLAGE_USERS, Administration auch AUSGANGSLAGE_ADMINS")
    p.add_argument("--ohne-anmeldung-im-netz", action="store_true", dest="open_network",
                   help="im Netz (--host nicht 127.0.0.1) auch ohne Benutzerdatei starten – "
                        "dann kann jede Person im Netz alles sehen und ändern")
    p.add_argument("--max-upload", default="100mb", help="größte Datei beim Hochladen")
    p.add_argument("--concurrency", type=int, default=2, help="gleichzeitige Anfragen")
    return p.parse_args(argv)


def exposure_error(host: str, users: list, open_network: bool) -> str | None:
    """Why the app must not start like this (a German message naming the fix), or None."""
    if users or open_network or is_loopback(host):
        return None
    return (f"Die Adresse {host} ist aus dem Netz erreichbar, aber es gibt keine Anmeldung – "
            "jede Person im Netz könnte alle Dokumente lesen und die Einstellungen ändern. "
            "Bitte eine Benutzerdatei anlegen (users.txt mit Zeilen „name:passwort“, für die "
            "Administration „name:passwort:admin“; oder AUSGANGSLAGE_USERS) oder mit "
            "--host 127.0.0.1 nur auf diesem Rechner starten. Wer das Netz bewusst ohne "
            "Anmeldung freigeben will, startet mit --ohne-anmeldung-im-netz.")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from assistant.config import load_settings
    from assistant.errors import AssistantError
    from workspace.access import load_access

    try:
        access = load_access(args.users)
    except AssistantError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    refused = exposure_error(args.host, list(access.users), args.open_network)
    if refused:
        print(f"Fehler: {refused}", file=sys.stderr)
        return 2
    if access.users and not access.admins:
        logging.warning("Niemand ist als Administration benannt (name:passwort:admin in der "
                        "Benutzerdatei oder AUSGANGSLAGE_ADMINS): die Einstellungen für alle "
                        "kann so niemand ändern.")
    if not access.users and not is_loopback(args.host):
        logging.warning("Ohne Anmeldung im Netz (--ohne-anmeldung-im-netz): jede Person, die "
                        "%s erreicht, kann alles sehen und ändern.", args.host)
    from workspace.context import ensure_corpus, open_workspace, remove_orphans
    from workspace.layout import build, launch_options, queue

    try:
        settings = load_settings(args.config, data_dir=args.data_dir)
        ws = open_workspace(settings, args.corpus, access)
        ensure_corpus(ws, lambda f, m: logging.info("Einlesen %3.0f %% %s", 100 * f, m))
        remove_orphans(ws)
    except AssistantError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    demo = queue(build(ws), args.concurrency)
    demo.launch(server_name=args.host, server_port=args.port,
                **launch_options(ws, list(access.users), args.max_upload))
    return 0


if __name__ == "__main__":
    sys.exit(main())
