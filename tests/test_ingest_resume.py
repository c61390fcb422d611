"""Ingest that can be paused, cancelled and resumed: real Chroma, real e5-small."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import IngestCancelled
from tests.documents import make_scanned_pdf
from tests.test_ocr import SCANNED, needs_tesseract

PLACES = ("Nord", "Süd", "Ost", "West", "Mitte", "Hafen", "Altstadt")
OFFERS = ("Sprachcafé", "Lernhilfe", "Elternkurs", "Schulbegleitung", "Ferienkurs")


def settings(data: Path) -> Settings:
    """Small chunks: many embedding batches for little model time."""
    return Settings(data_dir=data, chunk_tokens=40, chunk_overlap_tokens=0)


def long_text(n: int, salt: str = "") -> str:
    """A report of ``n`` distinct paragraphs (two chunks each with ``settings``)."""
    return "\n\n".join(
        f"Im Stadtbezirk {PLACES[i % 7]} läuft seit dem Jahr {1990 + i % 30} das Angebot "
        f"{OFFERS[i % 5]} {salt}Nummer {i} mit {i * 7 % 97} Plätzen für neu zugewanderte "
        f"Kinder. Es wird von {3 + i % 11} Fachkräften betreut und ist {i % 4 + 1} Tage "
        "in der Woche geöffnet." for i in range(n))


def write_docs(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "a-kurz.md").write_text("# Sprachcafé\n\nDas Sprachcafé ist mittwochs offen.\n",
                                    encoding="utf-8")
    (docs / "b-lang.txt").write_text(long_text(40), encoding="utf-8")
    (docs / "c-kurz.txt").write_text("Die Lernhilfe ist dienstags in der Stadtbibliothek.\n",
                                     encoding="utf-8")
    return docs


class CancelAt:
    """A checkpoint that raises on its ``n``-th call (1-based) and counts every call."""

    def __init__(self, n: int) -> None:
        self.n, self.calls = n, 0

    def __call__(self) -> None:
        self.calls += 1
        if self.calls == self.n:
            raise IngestCancelled("abgebrochen")


def test_checkpoint_runs_before_each_file_and_between_batches(tmp_path, e5):
    docs = write_docs(tmp_path)
    eng = Engine.open(settings(tmp_path / "daten"), embedder=e5)
    counter = CancelAt(0)  # never cancels
    report = eng.ingest([docs], checkpoint=counter)
    chunks = {d.doc_id: d.chunks for d in eng.documents()}
    assert not report.problems and not report.cancelled
    batches = -(-chunks["b-lang.txt"] // 32)
    assert batches >= 3
    # three files, and every embedding batch after a file's first
    assert counter.calls == 3 + (batches - 1)


def test_cancel_keeps_work_reports_the_rest_and_a_rerun_completes_without_duplicates(
        tmp_path, e5):
    docs = write_docs(tmp_path)
    eng = Engine.open(settings(tmp_path / "daten"), embedder=e5)
    # call 1: before a-kurz.md, 2: before b-lang.txt, 3: after its first batch of 32
    report = eng.ingest([docs], checkpoint=CancelAt(3))
    assert report.added == ("a-kurz.md",)
    assert report.cancelled == ("b-lang.txt", "c-kurz.txt")
    lines = {p.path: p.message for p in report.problems}
    assert set(lines) == {"b-lang.txt", "c-kurz.txt"}
    assert all("abgebrochen" in m and "erneut einlesen" in m for m in lines.values())
    # the first batch of the long file is in the index, but not its manifest record
    assert [d.doc_id for d in eng.documents()] == ["a-kurz.md"]
    stored = [c for c in eng.store.all_chunks()[0] if c.doc_id == "b-lang.txt"]
    assert len(stored) == 32
    # a question already finds what was stored
    assert eng.ask("Wann ist das Sprachcafé offen?").citations

    again = eng.ingest([docs])
    assert again.unchanged == ("a-kurz.md",)
    assert again.added == ("b-lang.txt", "c-kurz.txt") and not again.problems
    clean = Engine.open(settings(tmp_path / "sauber"), embedder=e5)
    clean.ingest([docs])
    ids = eng.store.chunk_ids()
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(clean.store.chunk_ids())


def test_a_checkpoint_that_blocks_only_delays(tmp_path, e5):
    import threading

    docs = write_docs(tmp_path)
    (docs / "b-lang.txt").unlink()
    eng = Engine.open(settings(tmp_path / "daten"), embedder=e5)
    go = threading.Event()
    waited = []

    def wait_for_turn() -> None:
        waited.append(go.wait(timeout=30))

    threading.Timer(0.3, go.set).start()
    report = eng.ingest([docs], checkpoint=wait_for_turn)
    assert waited and all(waited)
    assert report.added == ("a-kurz.md", "c-kurz.txt")


@pytest.fixture
def e5_counting(e5):
    """The real embedder, counting the passages it embeds (plumbing around it)."""

    class Counting:
        def __init__(self) -> None:
            self.passages = 0

        def __getattr__(self, name):
            return getattr(e5, name)

        def embed_passages(self, texts):
            self.passages += len(texts)
            return e5.embed_passages(texts)

    return Counting()


def test_a_resumed_document_embeds_only_its_missing_chunks(tmp_path, e5_counting):
    docs = write_docs(tmp_path)
    eng = Engine.open(settings(tmp_path / "daten"), embedder=e5_counting)
    # call 4: after the long file's second batch of 32
    first = eng.ingest([docs], checkpoint=CancelAt(4))
    assert first.cancelled == ("b-lang.txt", "c-kurz.txt")
    assert e5_counting.passages == 1 + 64
    e5_counting.passages = 0
    again = eng.ingest([docs])
    chunks = {d.doc_id: d.chunks for d in eng.documents()}
    assert again.added == ("b-lang.txt", "c-kurz.txt")
    assert e5_counting.passages == chunks["b-lang.txt"] - 64 + chunks["c-kurz.txt"]
    # forced again with the same text: nothing to embed, metadata brought up to date
    e5_counting.passages = 0
    (docs / "b-lang.txt.meta.json").write_text('{"year": 2021}', encoding="utf-8")
    forced = eng.ingest([docs], force=True)
    assert forced.updated == ("a-kurz.md", "b-lang.txt", "c-kurz.txt")
    assert e5_counting.passages == 0
    years = {m.year for c, m in zip(*eng.store.all_chunks()) if c.doc_id == "b-lang.txt"}
    assert years == {2021}
    # a new title is part of what is embedded: every chunk of that document again
    (docs / "b-lang.txt.meta.json").write_text('{"title": "Angebote 2021"}', encoding="utf-8")
    eng.ingest([docs], force=True)
    assert e5_counting.passages == chunks["b-lang.txt"]


@needs_tesseract
def test_a_cancelled_scan_resumes_without_reading_its_pages_again(tmp_path, e5, monkeypatch):
    import pytesseract

    docs = tmp_path / "docs"
    docs.mkdir()
    make_scanned_pdf(docs / "protokolle.pdf", SCANNED)  # two scanned pages
    read = []
    real = pytesseract.image_to_string
    monkeypatch.setattr(pytesseract, "image_to_string",
                        lambda *args, **kw: read.append(1) or real(*args, **kw))
    eng = Engine.open(settings(tmp_path / "daten"), embedder=e5)
    # call 1: before the file, 2: before the OCR of its second page
    first = eng.ingest([docs], checkpoint=CancelAt(2))
    assert first.cancelled == ("protokolle.pdf",) and len(read) == 1
    kept = tmp_path / "daten" / "cache" / "ocr"
    assert [p.name for p in kept.rglob("*.txt")] == ["1.txt"]
    again = eng.ingest([docs])
    assert again.added == ("protokolle.pdf",) and len(read) == 2  # only page 2 read now
    assert "48" in eng.ask("Wie viele ehrenamtliche Sprachmittler gibt es?").text
    assert not list(kept.rglob("*.txt"))  # kept only until the document is done
    # an ingest cancelled and then removed (a dropped upload) leaves no text behind
    (docs / "protokolle.pdf").rename(docs / "kopie.pdf")
    eng.ingest([docs], checkpoint=CancelAt(2))
    assert len(list(kept.rglob("*.txt"))) == 1
    eng.remove("kopie.pdf")
    assert not list(kept.rglob("*.txt"))
