"""List-marker glyphs of PDF fonts are read as "•" once, at ingest, and an index read
before that is read again: real DOCX and TXT files, real Chroma, real e5-small."""

from __future__ import annotations

from pathlib import Path

import docx

from assistant.config import Settings
from assistant.engine import Engine
from assistant.types import READER_VERSION

GLYPHS = "\x7f\uf0b7\uf0a7\uf0d8\uf076\uf0fc"


def write_docs(folder: Path) -> Path:
    """A Word file and a text file as copied out of PDFs: the marker glyphs inside lines."""
    folder.mkdir()
    d = docx.Document()
    d.add_paragraph("Angebote im Stadtteil Nord: \uf0b7 Sprachkurs am Nachmittag "
                    "\uf0b7 Hausaufgabenhilfe in der Stadtbibliothek \uf0a7 Theatergruppe.")
    d.save(str(folder / "angebote.docx"))
    (folder / "liste.txt").write_text(
        "Beratung für neu zugewanderte Familien \x7f Elterncafé am Montag \uf0d8 "
        "Lotsenprojekt der Schulen \uf076 Ferienschule im Sommer \uf0fc Sportverein.\n",
        encoding="utf-8")
    return folder


def test_marker_glyphs_become_bullets_in_the_index_and_older_indexes_are_read_again(
        tmp_path, e5):
    docs = write_docs(tmp_path / "docs")
    eng = Engine.open(Settings(data_dir=tmp_path / "daten"), embedder=e5)
    assert set(eng.ingest([docs]).added) == {"angebote.docx", "liste.txt"}
    chunks, _ = eng.store.all_chunks()
    text = " ".join(c.text for c in chunks)
    assert not set(GLYPHS) & set(text)
    assert text.count("•") == 7
    assert "Nord: • Sprachkurs am Nachmittag • Hausaufgabenhilfe" in text
    assert all(d.reader == READER_VERSION for d in eng.documents())
    # the same files again: nothing to do
    assert set(eng.ingest([docs]).unchanged) == {"angebote.docx", "liste.txt"}
    # an index written by an older ingest (no reader version) is read again, same files
    old = eng.store.document("liste.txt")
    eng.store.put_document(type(old)(**{**old.to_dict(), "reader": 0}))
    again = eng.ingest([docs])
    assert again.updated == ("liste.txt",) and again.unchanged == ("angebote.docx",)
    assert eng.store.document("liste.txt").reader == READER_VERSION

