"""Scanned PDF pages are read by real Tesseract OCR, cleaned like text pages, cited by page."""

from __future__ import annotations

import shutil

import pytest

from assistant.config import Settings
from assistant.engine import Engine
from assistant.errors import DocumentError
from assistant.ingest import ocr, parse
from tests.documents import make_broken_text_layer_pdf, make_pdf, make_scanned_pdf

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract fehlt (scripts/test.sh installiert tesseract-ocr tesseract-ocr-deu)",
)

TEXT_PAGE = ["Sozialbericht Teststadt 2024", "Anhang: Protokolle der Arbeitskreise",
             "Die folgenden Seiten sind eingescannte Protokolle aus dem Jahr 2024."]
SCANNED = [
    ["Protokoll Arbeitskreis Sprachmittlung", "Sitzung vom 14. Mai 2024",
     "TOP 1: Dolmetscherpool",
     "Der Pool umfasst derzeit 48 ehrenamtliche Sprach-",
     "mittlerinnen und Sprachmittler für 14 Sprachen.",
     "Für Paschto wird dringend Verstärkung gesucht."],
    ["TOP 2: Elterncafé Weststadt",
     "Das Elterncafé im Familienzentrum Weststadt findet",
     "jeden Dienstag von 15 bis 17 Uhr statt.",
     "Die Kinderbetreuung übernimmt der Kinderschutzbund."],
]


@needs_tesseract
def test_scanned_pages_are_recognised_and_joined(tmp_path):
    path = make_scanned_pdf(tmp_path / "sozialbericht.pdf", SCANNED, text_page=TEXT_PAGE)
    seen = []
    doc = parse(path, "sozialbericht.pdf")
    text = {b.page: b.text for b in doc.blocks}
    assert "eingescannte Protokolle" in text[1]  # the text layer is used as it is
    page2 = " ".join(b.text for b in doc.blocks if b.page == 2)
    assert "48 ehrenamtliche Sprachmittlerinnen" in page2  # hyphenation undone
    assert "14 Sprachen" in page2
    assert "Dienstag von 15 bis 17 Uhr" in " ".join(b.text for b in doc.blocks if b.page == 3)
    assert any("Seite(n) 2, 3 per Texterkennung (OCR)" in w for w in doc.warnings)
    ocr.recognise(path, [2], lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 1) and seen[-1] == (1, 1)


STAMP = "Stadt Teststadt · Az. 51.2-2024/0815 · Blatt {n} · eingescannt am 14.05.2024"


@needs_tesseract
def test_a_scan_whose_text_layer_is_only_a_stamp_is_recognised(tmp_path):
    # a document management system stamped each scanned page with a line of real text
    path = make_scanned_pdf(tmp_path / "protokoll.pdf", SCANNED, stamp=STAMP)
    doc = parse(path, "protokoll.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "48 ehrenamtliche Sprachmittlerinnen" in text
    assert "Dienstag von 15 bis 17 Uhr" in text
    assert any("Seite(n) 1, 2 per Texterkennung (OCR)" in w for w in doc.warnings)


def test_a_stamped_scan_without_tesseract_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: "Texterkennung nicht installiert")
    path = make_scanned_pdf(tmp_path / "protokoll.pdf", SCANNED, stamp=STAMP,
                            text_page=["Deckblatt: Protokolle des Arbeitskreises 2024."])
    doc = parse(path, "protokoll.pdf")
    assert any("Seite(n) 2, 3 sind offenbar gescannt" in w and "nicht installiert" in w
               for w in doc.warnings)
    # a scan with nothing but its stamps is no document without OCR: said so, not indexed
    # as "Az. 51.2 · Blatt 1" (the stamps are running headers)
    only_scan = make_scanned_pdf(tmp_path / "scan.pdf", SCANNED, stamp=STAMP)
    with pytest.raises(DocumentError, match="nur ein Stempel.*nicht installiert"):
        parse(only_scan, "scan.pdf")


@needs_tesseract
def test_question_over_a_scan_is_answered_with_its_page(tmp_path, e5):
    docs = tmp_path / "docs"
    docs.mkdir()
    make_scanned_pdf(docs / "protokolle-2024.pdf", SCANNED)
    engine = Engine.open(Settings(data_dir=tmp_path / "daten"), embedder=e5)
    messages = []
    report = engine.ingest([docs], progress=lambda frac, msg: messages.append(msg))
    assert report.added == ("protokolle-2024.pdf",) and not report.skipped
    assert "protokolle-2024.pdf: Texterkennung (OCR) Seite 2 von 2" in messages
    answer = engine.ask("Wie viele ehrenamtliche Sprachmittler haben wir im Pool?")
    assert not answer.abstained
    assert "48" in answer.text
    assert [(c.document, c.page) for c in answer.citations][0] == ("protokolle-2024.pdf", 1)


def test_without_tesseract_a_scan_is_refused_with_the_install_hint(tmp_path, monkeypatch):
    path = make_scanned_pdf(tmp_path / "scan.pdf", SCANNED[:1])
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.available.cache_clear()
    try:
        with pytest.raises(DocumentError, match="kein lesbarer Textlayer.*tesseract-ocr-deu"):
            parse(path, "scan.pdf")
    finally:
        ocr.available.cache_clear()


def test_without_tesseract_a_garbage_text_layer_is_left_out_with_a_warning(tmp_path,
                                                                          monkeypatch):
    from pypdf import PdfWriter

    text_pdf = make_pdf(tmp_path / "text.pdf", [["1 Ausgangslage", "In Teststadt leben 412 "
                                                 "neu zugewanderte Kinder."]], label_offset=0)
    broken = make_broken_text_layer_pdf(tmp_path / "broken.pdf", SCANNED)
    writer = PdfWriter(clone_from=text_pdf)
    writer.append(broken)
    path = tmp_path / "gemischt.pdf"
    writer.write(path)
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.available.cache_clear()
    try:
        doc = parse(path, path.name)
    finally:
        ocr.available.cache_clear()
    text = " ".join(b.text for b in doc.blocks)
    assert "412 neu zugewanderte Kinder" in text
    assert "cid:" not in text and "#$%" not in text  # garbage is not indexed as text
    assert any("Seite(n) 2, 3 ohne erkennbaren Text" in w and "tesseract-ocr-deu" in w
               for w in doc.warnings)


def test_unusable_text_layers_are_recognised_as_such():
    assert ocr.unreadable("")
    assert ocr.unreadable("Seite 3")
    assert ocr.unreadable("(cid:12)(cid:40)(cid:7)(cid:9)(cid:33) " * 4)
    assert ocr.unreadable("#$%& '()*+ ,-./ :;<=> ?@[]^ " * 3)
    assert ocr.garbled("(cid:12)(cid:40)(cid:7)(cid:9)(cid:33) " * 4)
    assert not ocr.garbled("Seite 3")  # short, but not garbage
    assert ocr.unreadable("\ue012\ue013\ue014\ue015\ue016 " * 10)
    assert not ocr.unreadable("Die Wartezeit auf einen Schulplatz sank von 47 auf 39 Tage.")
    assert not ocr.unreadable("Nord | 1.240 | 12,5 % | 352\nSüd | 214 | 9,1 % | 148")
    assert not ocr.unreadable("2.1 Ziele . . . . . . . . . . . . . . . . . . . . . . . . 4\n" * 8)


@needs_tesseract
def test_a_garbage_text_layer_is_replaced_by_ocr(tmp_path):
    path = make_broken_text_layer_pdf(tmp_path / "gescannt-mit-textlayer.pdf", SCANNED)
    doc = parse(path, path.name)
    text = " ".join(b.text for b in doc.blocks)
    assert "cid:" not in text and "#$%" not in text
    assert "48 ehrenamtliche Sprachmittlerinnen" in text
    assert "Dienstag von 15 bis 17 Uhr" in text
    assert any("Seite(n) 1, 2 per Texterkennung (OCR)" in w for w in doc.warnings)
