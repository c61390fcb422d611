"""Bad input answered in German: unreadable files and folders (as a non-root user), text in
UTF-16/UTF-32, symbolic links in a circle or to nowhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import DocumentError
from assistant.ingest import find_documents, parse

REPO = Path(__file__).resolve().parents[1]
NOBODY = 65534

# Runs the real ingest as a user who may not read the files. The interpreter may live
# where that user cannot go (a root-only pyenv), so the child loads everything first,
# as root, then gives up root for good and ingests.
AS_NOBODY = """
import json, os, sys
from pathlib import Path
from assistant.config import Settings
from assistant.engine import Engine

data, docs, warm = map(Path, sys.argv[1:4])
engine = Engine.open(Settings(data_dir=data))
engine.ingest([warm])
if os.geteuid() == 0:
    for root, dirs, files in os.walk(data):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.chown(name, %(uid)d, %(uid)d)
    os.setgroups([])
    os.setgid(%(uid)d)
    os.setuid(%(uid)d)
report = engine.ingest([docs])
print(json.dumps({"uid": os.geteuid(), "added": report.added,
                  "problems": {p.path: [p.message, p.skipped] for p in report.problems}}))
""" % {"uid": NOBODY}


@pytest.fixture
def shared_dir():
    """A folder another user can enter (pytest's own temp folders are private)."""
    path = Path(tempfile.mkdtemp(prefix="ausgangslage-rechte-"))
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir() and not sub.is_symlink():
            sub.chmod(0o755)
    shutil.rmtree(path)


def test_files_and_folders_the_user_may_not_read_are_reported_in_german(shared_dir, tmp_path):
    docs = shared_dir / "docs"
    docs.mkdir(mode=0o755)
    (docs / "gut.md").write_text("# Sprachcafé\n\nDas Sprachcafé ist mittwochs offen.\n",
                                 encoding="utf-8")
    secret = docs / "geheim.txt"
    secret.write_text("Vertraulich: Stellenplan des Jugendamts.\n", encoding="utf-8")
    secret.chmod(0o000)
    locked = docs / "gesperrt"
    locked.mkdir()
    (locked / "protokoll.txt").write_text("Protokoll der Sitzung.\n", encoding="utf-8")
    locked.chmod(0o000)
    warm = tmp_path / "warm"
    warm.mkdir()
    (warm / "vorab.md").write_text("# Vorab\n\nEin erster Text.\n", encoding="utf-8")
    data = shared_dir / "daten"
    data.mkdir(mode=0o777)
    done = subprocess.run([sys.executable, "-c", AS_NOBODY, str(data), str(docs), str(warm)],
                          capture_output=True, text=True, cwd=REPO, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["uid"] != 0  # really not root: chmod binds
    assert result["added"] == ["gut.md"]
    assert result["problems"]["geheim.txt"] == [
        "keine Leseberechtigung für geheim.txt – bitte die Dateirechte prüfen "
        "(chmod/Eigentümer) oder die Datei an einen lesbaren Ort kopieren.", True]
    message, skipped = result["problems"]["gesperrt/"]
    assert skipped and message.startswith("Ordner nicht lesbar: keine Berechtigung")
    assert "nicht eingelesen" in message
    assert "Traceback" not in done.stderr and "neu speichern" not in done.stdout


TEXT = "Das Sprachcafé für Jugendliche ist mittwochs geöffnet – Anmeldung über Frau Öztürk."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv", ".html"])
def test_text_with_a_byte_order_mark_is_read(tmp_path, encoding, suffix):
    body = {".txt": f"Sprachcafé\n\n{TEXT}\n",
            ".md": f"# Sprachcafé\n\n{TEXT}\n",
            ".csv": f"Angebot;Hinweis\nSprachcafé;{TEXT}\n",
            ".html": f"<html><head><title>Sprachcafé</title></head><body><main><h1>Sprachcafé"
                     f"</h1><p>{TEXT}</p></main></body></html>"}[suffix]
    data = body.encode(encoding)
    if encoding in ("utf-16-be", "utf-32-be"):  # the codec writes no mark: add it
        data = "\ufeff".encode(encoding) + data
    path = tmp_path / f"angebot{suffix}"
    path.write_bytes(data)
    text = " ".join(b.text for b in parse(path, path.name).blocks)
    assert "Frau Öztürk" in text and "\ufeff" not in text


def test_utf16_without_a_mark_is_still_refused_with_the_fix(tmp_path):
    path = tmp_path / "notiz.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    with pytest.raises(DocumentError, match="als Text \\(UTF-8\\) speichern"):
        parse(path, path.name)


def links(docs: Path) -> None:
    (docs / "gut.md").write_text("# Sprachcafé\n\nDas Sprachcafé ist mittwochs offen.\n",
                                 encoding="utf-8")
    (docs / "kreis-a.txt").symlink_to("kreis-b.txt")
    (docs / "kreis-b.txt").symlink_to("kreis-a.txt")
    (docs / "weg.txt").symlink_to("nicht-da.txt")
    sub = docs / "unter"
    sub.mkdir()
    (sub / "notiz.txt").write_text("Die Lernhilfe ist dienstags geöffnet.\n", encoding="utf-8")
    (sub / "zurueck").symlink_to("..")  # a folder link in a circle


def test_links_in_a_circle_or_to_nowhere_are_reported_per_file(tmp_path, e5):
    docs = tmp_path / "docs"
    docs.mkdir()
    links(docs)
    files, problems = find_documents([docs])
    assert [doc for _, doc in files] == ["gut.md", "unter/notiz.txt"]
    said = {p.path: p for p in problems}
    assert set(said) == {"kreis-a.txt", "kreis-b.txt", "weg.txt", "unter/zurueck/"}
    assert said["kreis-a.txt"].message.startswith("Verknüpfung im Kreis: kreis-a.txt")
    assert "„nicht-da.txt“, das es nicht gibt" in said["weg.txt"].message
    assert not said["unter/zurueck/"].skipped  # nothing is lost: noted, not walked again
    with pytest.raises(DocumentError, match="Verknüpfung im Kreis"):
        parse(docs / "kreis-a.txt", "kreis-a.txt")
    report = Engine.open(Settings(data_dir=tmp_path / "daten"), embedder=e5).ingest([docs])
    assert report.added == ("gut.md", "unter/notiz.txt")
    assert {p.path for p in report.skipped} == {"kreis-a.txt", "kreis-b.txt", "weg.txt"}
