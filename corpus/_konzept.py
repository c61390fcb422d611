"""Integrationskonzept Beispielstadt 2023 (fictional), ~12 PDF pages.

Physical pages 1-2 are cover and table of contents (printed labels i, ii);
content starts on physical page 3 with printed page 1.
"""

from __future__ import annotations

from pathlib import Path

from _konzept_text import (
    KAPITEL_1, KAPITEL_2, KAPITEL_3, KAPITEL_4, KAPITEL_5, KAPITEL_6, KAPITEL_7, KAPITEL_8,
    KAPITEL_9, KAPITEL_10, KAPITEL_11, VORWORT,
)
from _pdf_layout import FICTION_NOTE, build_pdf, to_roman

FILENAME = "integrationskonzept-beispielstadt-2023.pdf"
FRONT_PAGES = 2  # cover + table of contents

COVER = [
    ("space", 2.5),
    ("style", "center", "Stadt Beispielstadt · Der Oberbürgermeister · Kommunales Integrationszentrum"),
    ("space", 2.0),
    ("style", "title", "Integrationskonzept Beispielstadt 2023"),
    ("style", "subtitle", "Gemeinsam ankommen – Bildung und Teilhabe für neu zugewanderte "
                          "Kinder, Jugendliche und ihre Familien"),
    ("style", "subtitle", "Fortschreibung des Integrationskonzepts „Vielfalt leben in Beispielstadt“ (2016)"),
    ("space", 1.5),
    ("style", "center", "Beschlossen vom Rat der Stadt Beispielstadt am 7. Dezember 2023 "
                        "(Vorlage Nr. 0815/2023)"),
    ("space", 3.0),
    ("style", "note", FICTION_NOTE + ". Beispielstadt sowie alle Personen, Träger und Zahlen "
                      "in diesem Dokument sind frei erfunden."),
    ("space", 2.0),
    ("style", "small", "Herausgeberin: Stadt Beispielstadt, Kommunales Integrationszentrum (KI), "
                       "Bahnhofstraße 12, 12345 Beispielstadt. Redaktion: Dr. Miriam Albers, "
                       "Lena Vogt. Redaktionsschluss: 30. September 2023."),
    ("pagebreak",),
    ("style", "h1", "Inhaltsverzeichnis"),
    ("toc",),
    ("pagebreak",),
]

def content_blocks() -> list[tuple]:
    blocks = list(COVER)
    # (chapter, starts on a new page)
    chapters = [(VORWORT, False), (KAPITEL_1, True), (KAPITEL_2, True), (KAPITEL_3, True),
                (KAPITEL_4, True), (KAPITEL_5, True), (KAPITEL_6, False), (KAPITEL_7, True),
                (KAPITEL_8, True), (KAPITEL_9, False), (KAPITEL_10, True), (KAPITEL_11, False)]
    for chapter, new_page in chapters:
        if new_page:
            blocks.append(("pagebreak",))
        blocks += chapter
    return blocks


def _label(page: int) -> str:
    return to_roman(page) if page <= FRONT_PAGES else str(page - FRONT_PAGES)


def build(out_dir: Path) -> Path:
    path = out_dir / FILENAME
    build_pdf(
        path,
        content_blocks(),
        title="Integrationskonzept Beispielstadt 2023",
        author="Stadt Beispielstadt, Kommunales Integrationszentrum",
        subject=FICTION_NOTE,
        header="Integrationskonzept Beispielstadt 2023",
        footer="Stadt Beispielstadt · Kommunales Integrationszentrum · Seite {label}",
        label_of=_label,
        first_furnished_page=2,
        first_header_page=FRONT_PAGES + 1,
        page_labels=[(0, FRONT_PAGES - 1, "/r", 1), (FRONT_PAGES, -1, "/D", 1)],
    )
    return path
