"""Finding the files to ingest and telling why one cannot be opened, in German.

Folders are walked with symbolic links followed, each real folder once: a link back to
a folder above (a loop) or to one already read is noted, not walked again. Links that
lead nowhere or in a circle, and folders that cannot be listed, are reported per path
instead of being passed over.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.metadata import SIDECAR_SUFFIX
from assistant.types import Problem


def os_message(exc: OSError, path: Path) -> str:
    """What an operating-system error on ``path`` means for the user, and what to do."""
    name = path.name or str(path)
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return (f"keine Leseberechtigung für {name} – bitte die Dateirechte prüfen "
                "(chmod/Eigentümer) oder die Datei an einen lesbaren Ort kopieren.")
    if code == errno.ELOOP:
        return (f"Verknüpfung im Kreis: {name} zeigt über symbolische Links auf sich selbst "
                "– bitte die Verknüpfung korrigieren oder löschen.")
    if code in (errno.ENOENT, errno.ENOTDIR):
        if path.is_symlink():
            return (f"Verknüpfung ins Leere: {name} zeigt auf „{os.readlink(path)}“, das es "
                    "nicht gibt – bitte die Verknüpfung korrigieren oder löschen.")
        return "nicht gefunden – bitte den Pfad prüfen."
    if code == errno.EIO:
        return (f"Lesefehler des Datenträgers bei {name} – bitte den Datenträger oder die "
                "Netzwerkfreigabe prüfen und die Datei an einen lesbaren Ort kopieren.")
    reason = errno.errorcode.get(code, str(code)) if code is not None else type(exc).__name__
    return (f"{name} kann nicht gelesen werden (Systemfehler {reason}) – bitte die Datei an "
            "einen lesbaren Ort kopieren und erneut einlesen.")


def check_access(path: Path) -> int:
    """The size of a readable regular file; a DocumentError saying why not otherwise."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("keine gewöhnliche Datei (Ordner, Gerät oder Pipe) – bitte "
                                "eine Datei angeben.")
        with path.open("rb"):
            pass
    except OSError as exc:
        raise DocumentError(os_message(exc, path)) from exc
    return info.st_size


def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Files to ingest with their document ids; see ``find_documents``."""
    return find_documents(paths)[0]


def find_documents(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Files to ingest with their document ids (path relative to the given folder, or the
    file name for a single file), and the paths that could not be looked into. Sidecars
    and hidden files are not documents. Where two of the given folders hold the same
    relative path ("index.html" in both), the later one's id starts with its folder's
    name, so neither replaces the other."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    for p in paths:
        if p.is_dir():
            found += [(f, f.relative_to(p).as_posix())
                      for f in _walk(p, p, seen, problems)]
        else:
            found.append((p, p.name))
    taken: set[str] = set()
    unique = []
    for path, doc_id in found:
        if doc_id in taken:
            top = next((p for p in paths if p.is_dir() and p in path.parents), path.parent)
            doc_id = f"{top.name}/{doc_id}"
        taken.add(doc_id)
        unique.append((path, doc_id))
    return unique, problems


def _walk(folder: Path, top: Path, seen: set, problems: list[Problem]):
    """Regular files under ``folder`` in name order; links followed, each folder once."""
    rel = folder.relative_to(top).as_posix()
    shown = top.name if rel == "." else rel
    try:
        identity = folder.stat()
        if (identity.st_dev, identity.st_ino) in seen:
            problems.append(Problem(f"{shown}/", "dieser Ordner wird schon eingelesen (über eine "
                                    "Verknüpfung auf sich selbst oder einen Ordner darüber, "
                                    "oder doppelt angegeben) – nicht doppelt gelesen.",
                                    skipped=False))
            return
        seen.add((identity.st_dev, identity.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(f"{shown}/", _folder_message(exc, folder)))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name.endswith(SIDECAR_SUFFIX):
            continue
        try:
            mode = path.stat().st_mode
        except OSError as exc:  # a link in a circle or to nowhere, a vanished file
            problems.append(Problem(path.relative_to(top).as_posix(), os_message(exc, path)))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, top, seen, problems)
        elif stat.S_ISREG(mode):
            yield path


def _folder_message(exc: OSError, folder: Path) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ("Ordner nicht lesbar: keine Berechtigung, seinen Inhalt aufzulisten – bitte die "
                "Ordnerrechte prüfen (chmod/Eigentümer; nötig sind Lese- und Ausführungsrecht "
                "„r“ und „x“); die Dateien darin wurden nicht eingelesen.")
    return f"{os_message(exc, folder)} Die Dateien darin wurden nicht eingelesen."
