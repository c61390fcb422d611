"""The store against a real Chroma server (``chroma run``) on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import StoreError
from tests.documents import make_pdf
from tests.test_ingest import PAGES

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("w")
    proc = subprocess.Popen([chroma, "run", "--path", str(path / "db"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError((path / "server.log").read_text()) from None
                time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_ingest_and_ask_through_chroma_server(chroma_server, tmp_path, e5):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "konzept-2024.pdf", PAGES)
    settings = Settings(data_dir=tmp_path / "daten", chroma_mode="http",
                        chroma_port=chroma_server, collection="servertest")
    engine = Engine.open(settings, embedder=e5)
    report = engine.ingest([docs])
    assert report.added == ("konzept-2024.pdf",)
    assert not (tmp_path / "daten" / "index").exists()  # nothing stored locally
    answer = engine.ask("Wie viele neu zugewanderte Kinder und Jugendliche leben in Teststadt?")
    assert ("konzept-2024.pdf", 3) in {(c.document, c.page) for c in answer.citations}
    # a second client sees the same index; unchanged files are not re-ingested
    again = Engine.open(settings, embedder=e5)
    assert again.ingest([docs]).unchanged == ("konzept-2024.pdf",)


def test_unreachable_server_gives_german_hint(tmp_path, e5):
    settings = Settings(data_dir=tmp_path, chroma_mode="http", chroma_port=_free_port())
    with pytest.raises(StoreError, match="nicht erreichbar|antwortet nicht"):
        Engine.open(settings, embedder=e5)
