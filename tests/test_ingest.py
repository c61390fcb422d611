"""Parsing and chunking of real files (no index, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DocumentError
from assistant.ingest import chunk_blocks, discover, parse
from assistant.ingest.formats import decode_text
from assistant.text import split_sentences, terms, words
from tests.documents import (
    HTML,
    make_bold_headings_docx,
    make_content_controls_docx,
    make_docx,
    make_encrypted_pdf,
    make_footnoted_docx,
    make_footnoted_pdf,
    make_image_pdf,
    make_justified_pdf,
    make_ods,
    make_odt,
    make_pdf,
    make_pptx,
    make_ruled_table_pdf,
    make_styled_pdf,
    make_tracked_docx,
    make_ttf_pdf,
)

PAGES = [
    ["Konzept Teststadt 2024", "Fiktives Beispiel"],
    ["Inhaltsverzeichnis", "1 Ausgangslage ........ 1"],
    ["1 Ausgangslage",
     "In Teststadt leben derzeit 412 neu zugewanderte Kinder und Jugendliche im Alter",
     "von sechs bis achtzehn Jahren. Die meisten besuchen eine Vorbereitungsklasse. Die Integra-",
     "tionskurse der Volkshochschule sind seit dem 1. März 2023 ausgebucht."],
    ["2 Maßnahmen",
     "Das Sprachcafé im Stadtteil Nord wird vom Jugendmigrationsdienst getragen und ist",
     "gut besucht. Bildungs- und Integrationsangebote werden gemeinsam geplant."],
]


def test_pdf_pages_labels_furniture_and_hyphenation(tmp_path):
    pdf = make_pdf(tmp_path / "konzept-2024.pdf", PAGES)
    doc = parse(pdf, "konzept-2024.pdf")
    assert doc.info.pages == 4
    assert doc.info.type == "Integrationskonzept" and doc.info.year == 2024
    text = " ".join(b.text for b in doc.blocks)
    assert "Integrationskurse der Volkshochschule" in text  # hyphenation undone
    assert "Bildungs- und Integrationsangebote" in text  # a real hyphen stays
    assert "Konzept Teststadt 2024" not in text  # running header removed
    assert "Seite" not in text  # footer with page number removed
    block = next(b for b in doc.blocks if "412 neu zugewanderte" in b.text)
    assert (block.page, block.page_label, block.heading) == (3, "1", "1 Ausgangslage")
    assert "bis achtzehn Jahren" in block.text  # wrapped lines joined into one paragraph


def test_pdf_passages_keep_the_numbered_sections_they_stand_in(tmp_path):
    pages = [["3. Wo stehen wir? Stand der Integrationsarbeit",
              "3.1 Bilanz seit 2016",
              "Von den 42 Maßnahmen des Konzepts sind 29 umgesetzt worden.",
              "3.2 Stand nach Handlungsfeldern",
              "Die Elternarbeit ist teilweise erreicht worden."],
             ["4. Zielgruppe",
              "Im Jahr 2022 sind 1.240 Kinder und Jugendliche zugezogen."]]
    doc = parse(make_pdf(tmp_path / "konzept.pdf", pages, label_offset=0), "konzept.pdf")
    heading = {b.text.split()[0]: b.heading for b in doc.blocks if b.heading}
    assert heading == {
        "Von": "3. Wo stehen wir? Stand der Integrationsarbeit › 3.1 Bilanz seit 2016",
        "Die": "3. Wo stehen wir? Stand der Integrationsarbeit › 3.2 Stand nach Handlungsfeldern",
        "Im": "4. Zielgruppe",
    }


def test_pdf_headings_are_read_from_the_font_and_numbered_list_items_stay_text(tmp_path):
    bold = "Helvetica-Bold"
    pdf = make_styled_pdf(tmp_path / "konzept.pdf", [
        (bold, 14, "Vorwort"),
        "Beispielstadt ist eine Stadt der Zuwanderung. Seit 2015 sind viele Familien zu uns",
        "gekommen, darunter viele Kinder und Jugendliche im schulpflichtigen Alter.",
        (bold, 14, "2. Handlungsfelder"),
        "Der Rat hat für die nächsten Jahre folgende Schwerpunkte beschlossen:",
        "1. Die Kommune richtet eine Steuerungsgruppe Seiteneinstieg ein, die zweimal im Jahr",
        "dem Schulausschuss berichtet.",
        "2. Die Schulen melden freie Plätze in Vorbereitungsklassen monatlich an die Clearingstelle",
        (bold, 10.5, "Elternarbeit"),
        "Elterncafés gibt es in drei Stadtbezirken, Elternbegleiterinnen in zwei Stadtbezirken.",
        (bold, 10.5, "Stadtbezirk Kinder Anteil"),
        "Nord 120 31 %",
        "Ost 95 24 %",
        (bold, 14, "3. Ausblick"),
        "Das Konzept wird im Jahr 2026 gemeinsam mit dem Netzwerk Ankommen fortgeschrieben.",
    ])
    blocks = parse(pdf, "konzept.pdf").blocks
    heading = {b.text.split()[0]: b.heading for b in blocks}
    assert heading == {
        "Beispielstadt": "Vorwort",
        "Der": "2. Handlungsfelder",
        "1.": "2. Handlungsfelder",  # list items in body type are no headings
        "2.": "2. Handlungsfelder",
        "Elterncafés": "2. Handlungsfelder › Elternarbeit",  # bold at body size
        "Stadtbezirk": "2. Handlungsfelder › Elternarbeit",  # a bold table header stays
        "Das": "3. Ausblick",
    }
    item = next(b for b in blocks if b.text.startswith("1. Die Kommune"))
    assert item.text.endswith("dem Schulausschuss berichtet.")  # the item is whole
    table = next(b for b in blocks if b.kind == "table")
    assert table.table_header == "Stadtbezirk Kinder Anteil" and len(table.rows) == 2


def test_pdf_dates_and_wrapped_numbers_are_no_headings_and_broken_words_are_joined(tmp_path):
    pdf = make_pdf(tmp_path / "protokoll.pdf", [[
        "Protokoll der Sitzung des Netzwerks Ankommen vom",
        "12. März 2024",  # a date, not section 12
        "1 Begrüßung und Zahlen",
        "Frau Albers begrüßt die Teilnehmenden. Wie der Sozialbericht in Abschnitt",
        "4.3 auf Seite 5 zeigt, ist die Zahl der Seiteneinsteiger weiter gestiegen, vor",
        "allem im Stadtbezirk Nord. Die Kita-",
        "Träger melden lange Wartelisten. Die Sprach- förderung der Bildungs- und",
        "Jugendhilfe reicht nicht aus; die Integra-",
        "tionskurse sind voll. Frau L\u00a8uck (Qualit\u00a8atszirkel) de/f_iniert Ziele.",
        "2 Termine",
        "Die nächste Sitzung findet im Juni statt.",
    ], ["Anlage: Teilnehmendenliste"]], header="", label_offset=0)
    blocks = parse(pdf, "protokoll.pdf").blocks
    assert [b.heading for b in blocks] == ["", "1 Begrüßung und Zahlen", "2 Termine", "2 Termine"]
    assert blocks[0].text == "Protokoll der Sitzung des Netzwerks Ankommen vom 12. März 2024"
    text = blocks[1].text
    assert "Abschnitt 4.3 auf Seite 5 zeigt" in text  # a wrapped line, no section 4.3
    assert "Die Kita-Träger melden" in text  # the compound keeps its hyphen, no space
    assert "Die Sprachförderung der Bildungs- und Jugendhilfe" in text
    assert "die Integrationskurse sind voll" in text
    # TeX's loose umlaut dots; a ligature's glyph name for want of its Unicode letters
    assert "Frau Lück (Qualitätszirkel) definiert Ziele." in text


def test_a_line_with_a_sentence_ending_inside_is_no_heading():
    from assistant.ingest.formats import looks_like_heading

    assert not looks_like_heading("Wirkung definiert. Es bietet vier Argumente")
    assert looks_like_heading("Wo stehen wir? Stand der Integrationsarbeit")
    assert looks_like_heading("Angebote z. B. für Eltern")
    assert looks_like_heading("Sitzung mit Dr. Albers")


def test_pdf_prose_beside_a_majority_of_code_is_body_text(tmp_path):
    code = [("Courier", 8, f"\\DeclareOption{{option{i}}}{{\\setkeys{{MT}}{{key{i}=true}}}}")
            for i in range(12)]
    pdf = make_styled_pdf(tmp_path / "handbuch.pdf", [
        ("Helvetica-Bold", 14, "2 Konfiguration"),
        "Die Datei wird beim Laden des Pakets gelesen und setzt alle Voreinstellungen.",
        *code[:6],
        "Angenommen, Sie möchten eine andere Schrift für die Fußnoten verwenden,",
        "dann legen Sie eine eigene Konfigurationsdatei im Arbeitsverzeichnis an.",
        "2.1 Optionen beim Laden",  # numbered in the prose font: a heading all the same
        "Jede Option kann auch später mit dem Befehl gesetzt werden, der im Anhang steht.",
        "1. Eintrag in der Datei anlegen",  # one level: a list item
        *code[6:],
    ])
    blocks = parse(pdf, "handbuch.pdf").blocks

    def heading(words: str) -> str:
        return next(b.heading for b in blocks if words in b.text)

    # before, the prose lines were headings: bigger than the code, most of the text
    assert heading("Angenommen, Sie möchten") == "2 Konfiguration"
    assert heading("Jede Option kann") == "2 Konfiguration › 2.1 Optionen beim Laden"
    assert heading("1. Eintrag in der Datei") == "2 Konfiguration › 2.1 Optionen beim Laden"
    assert {b.heading for b in blocks} == {
        "2 Konfiguration", "2 Konfiguration › 2.1 Optionen beim Laden"}


def test_words_the_extractor_glued_are_measured_again(tmp_path):
    from assistant.ingest import glued
    from assistant.ingest.pdf import _page_lines

    lines = ["Aus Sicherheitsgründen werden Passwörter stets verschlüsselt übertragen, so dass",
             "keine Klartextpasswörter über das Netzwerk gesendet werden. Die Anmeldung ist"]
    pdf = make_justified_pdf(tmp_path / "handbuch.pdf", lines)
    # pypdf's reading of such a line where it misses the gaps (seen in a real DBLaTeX PDF)
    page = ["".join(lines[0].split()), lines[1]]
    assert glued.looks_glued(page[0]) and not glued.looks_glued(page[1])
    assert glued.unglue(pdf, [page], _page_lines, lambda new, old: new) == 1
    assert page == lines  # the gaps measured again, the good line untouched
    # addresses, paths, names with an inner capital and long compounds are not glued
    for fine in ["Siehe https://wiki.debian.org/DebianEdu/Documentation/Bookworm dazu.",
                 "Das Programm RuhrFutur und die Kinder- und Jugendhilfeausschussmitglieder"]:
        assert not glued.looks_glued(fine)


def test_pdf_footnote_marks_neither_change_figures_nor_glue_to_words(tmp_path):
    pdf = make_footnoted_pdf(tmp_path / "bericht.pdf", [
        ["Im Jahr 2022 sind 1.240", "2", " Kinder und Jugendliche aus dem Ausland zugezogen."],
        ["So steht es im Integrationskonzept", "3", ", das der Rat 2023 beschlossen hat."],
        ["Die Wartezeit betrug im Mittel 58 Tage", "4,5", "; das Ziel sind 28 Tage."],
    ], ["2 Quelle: Einwohnermelderegister, Stand 31.12.2022.", "3 Vorlage Nr. 0815/2023."])
    text = " ".join(b.text for b in parse(pdf, "bericht.pdf").blocks)
    assert "sind 1.240 Kinder und Jugendliche" in text  # not "1.2402"
    assert "im Integrationskonzept, das der Rat" in text
    assert "im Mittel 58 Tage; das Ziel" in text
    # the footnotes at the foot of the page follow the text as paragraphs of their own
    assert text.endswith("Fußnote: Quelle: Einwohnermelderegister, Stand 31.12.2022. "
                         "Fußnote: Vorlage Nr. 0815/2023.")


def test_small_print_at_the_foot_without_a_mark_in_the_text_is_no_footnote(tmp_path):
    """A box in small print at the foot of the page that starts with a figure keeps it:
    without a footnote mark "18" in the text above, "18 Jugendliche …" is no footnote."""
    pdf = make_footnoted_pdf(tmp_path / "bericht.pdf", [
        ["Die Ferienschule fand in den Sommerferien an zwei Schulen statt."],
        ["Sie wird im nächsten Jahr in allen Stadtbezirken angeboten."],
    ], ["18 Jugendliche nahmen an der Ferienschule in Nord teil."])
    text = " ".join(b.text for b in parse(pdf, "bericht.pdf").blocks)
    assert "18 Jugendliche nahmen an der Ferienschule in Nord teil." in text
    assert "Fußnote" not in text


WRITER_PDF = Path(__file__).parent / "data" / "writer-konzept.pdf"


def test_a_pdf_from_writer_reads_as_its_text(tmp_path):
    """A PDF exported by LibreOffice Writer (tests/data/README.md): its footnotes, running
    header, justified gaps, text box and a table over a page break as a reader sees them."""
    blocks = parse(WRITER_PDF, "writer-konzept.pdf").blocks
    texts = [b.text for b in blocks]
    joined = "\n".join(texts)
    # footnotes leave the paragraph that runs over the page break and follow it
    assert ("Datengrundlage über den Bildungsverlauf der Zugewanderten, die bislang nur "
            "lückenhaft vorliegt. Zu allen drei Punkten") in joined
    notes = [b for b in blocks if b.text.startswith("Fußnote: ")]
    assert [b.text for b in notes][:2] == [
        "Fußnote: Quelle: Schulverwaltungsamt, Auswertung der Zuweisungen zum Stichtag "
        "15. Oktober 2023.",
        "Fußnote: Eigene Auswertung des Kommunalen Integrationszentrums auf Grundlage der "
        "Erstberatungsbögen 2015 bis 2023."]
    assert len(notes) == 8 and {b.page for b in notes} == {1, 2}
    assert "1Quelle" not in joined and "zugewiesen.1" not in joined
    # the running header is gone on every page, also where a text box comes first
    assert "Integrationskonzept 2024 · Entwurf für den Rat" not in joined
    assert "Seite 1 von 3" not in joined
    # the text box once, justified gaps as single spaces, Writer's hyphenation undone
    assert joined.count("Der Arbeitskreis Seiteneinstieg trifft sich jeden zweiten") == 1
    assert "  " not in joined
    assert "Zentral ist der Arbeitskreis Seiteneinstieg, in dem Schulleitungen" in joined
    assert "Die Rückmeldungen der Schulen" in joined and "Tigrinya und Paschtu" in joined
    # the two-column section reads column by column under its heading
    praxis = [b for b in blocks if b.heading.endswith("1.2 Erfahrungen aus der Praxis")]
    assert praxis[0].text.startswith("Die Elternbegleitung durch ehrenamtliche")
    # the table's header stands at the foot of page 1, its rows on page 2
    table = next(b for b in blocks if b.kind == "table")
    assert table.page == 2 and table.table_header == "Maßnahme | Träger | Plätze 2024"
    assert table.rows[0] == "Sprachcafé für Eltern mit Kinderbetreuung | Familienzentrum Süd | 25"
    assert len(table.rows) == 3
    assert not any(t.startswith("Maßnahme Träger Plätze") for t in texts)


def test_a_page_whose_fonts_the_visitor_cannot_size_keeps_its_text(tmp_path, monkeypatch):
    from pypdf import PageObject

    plain = PageObject.extract_text

    def no_visitor(self, *args, **kwargs):
        if kwargs.get("visitor_text"):
            raise KeyError("/Widths")  # as a broken font dictionary does
        return plain(self, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", no_visitor)
    doc = parse(make_pdf(tmp_path / "konzept-2024.pdf", PAGES), "konzept-2024.pdf")
    block = next(b for b in doc.blocks if "412 neu zugewanderte" in b.text)
    assert block.heading == "1 Ausgangslage"  # the numbered rule, without styles
    assert not doc.warnings  # read from the text layer, not sent to OCR as empty pages


def test_a_word_style_based_on_itself_does_not_hang(tmp_path):
    import docx

    d = docx.Document()
    looped = d.styles.add_style("Schleife", 1)
    looped.element.get_or_add_basedOn().val = "Schleife"
    d.add_paragraph("Die Wartezeit beträgt elf Wochen.", style="Schleife")
    d.add_paragraph().add_run("Beschlüsse").bold = True
    d.save(str(tmp_path / "protokoll.docx"))
    blocks = parse(tmp_path / "protokoll.docx", "protokoll.docx").blocks
    assert [b.text for b in blocks] == ["Die Wartezeit beträgt elf Wochen."]


def test_docx_headings_and_table(tmp_path):
    doc = parse(make_docx(tmp_path / "protokoll.docx"), "protokoll.docx")
    assert doc.info.title == "Protokoll Arbeitskreis Seiteneinstieg"
    assert doc.info.type == "Protokoll"
    wait = next(b for b in doc.blocks if "elf Wochen" in b.text)
    assert wait.heading.endswith("TOP 2: Wartezeiten auf einen Schulplatz")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.table_header == "Was | Wer | Bis wann"
    assert "Was: Dolmetscherpool aufbauen | Wer: Jugendamt | Bis wann: 31.12.2024" in table.rows


def test_docx_tracked_changes_read_as_accepted(tmp_path):
    doc = parse(make_tracked_docx(tmp_path / "protokoll.docx"), "protokoll.docx")
    text = " ".join(b.text for b in doc.blocks)
    assert "Das Netzwerk beschließt, den Sprachmittlerpool um Tigrinya zu erweitern." in text
    assert "Zuständig | KI (Frau Vogt)" in text
    assert "Elterncafé" not in text and "Jugendamt" not in text  # deleted text is gone


def test_docx_text_in_content_controls_is_read_and_the_contents_left_out(tmp_path):
    doc = parse(make_content_controls_docx(tmp_path / "vorlage.docx"), "vorlage.docx")
    got = [(b.kind, b.text, b.heading) for b in doc.blocks]
    title = "Beschlussvorlage 0815/2024"
    assert got == [
        ("text", "Die Verwaltung schlägt vor, zwei weitere Vorbereitungsklassen an der "
                 "Gesamtschule Nord einzurichten.", f"{title} › Sachverhalt"),
        ("table", "Schule | Klassen\nSchule: Gesamtschule Nord | Klassen: 2",
         f"{title} › Sachverhalt"),
        ("text", "Der Ausschuss stimmt dem Vorschlag einstimmig zu.", f"{title} › Sachverhalt"),
    ]


def test_docx_footnotes_stand_after_the_paragraph_that_cites_them(tmp_path):
    doc = parse(make_footnoted_docx(tmp_path / "bericht.docx"), "bericht.docx")
    assert [b.text for b in doc.blocks] == [
        "Im Jahr 2023 kamen 1.240 Kinder und Jugendliche nach Teststadt.",  # no mark glued
        "Fußnote: Quelle: Einwohnermelderegister, Stichtag 31.12.2023.",
        "Davon besuchen 412 eine Vorbereitungsklasse.",
        "Fußnote: Quelle: Schulstatistik, Stichtag 15.10.2023.",
        "Die Zahlen werden jährlich fortgeschrieben.",
    ]
    assert {b.heading for b in doc.blocks} == {"Zuwanderung"}


def test_docx_headings_without_heading_style_bold_or_outline_level(tmp_path):
    doc = parse(make_bold_headings_docx(tmp_path / "protokoll.docx"), "protokoll.docx")
    title = "Protokoll Netzwerk Zuwanderung"
    assert [(b.text.split(" ", 1)[0], b.heading.split(" › ")[-1]) for b in doc.blocks] == [
        ("Teilnehmende:", title), ("Vertreterinnen", title),
        ("Die", "TOP 1: Wartezeiten auf einen Schulplatz"), ("Das", "Beschlüsse"),
        ("Die", "Offene Punkte"), ("Wichtig", "Offene Punkte"),
    ]
    assert doc.blocks[2].heading == f"{title} › TOP 1: Wartezeiten auf einen Schulplatz"


def test_odt_headings_lists_table_and_tracked_deletion(tmp_path):
    doc = parse(make_odt(tmp_path / "protokoll.odt"), "protokoll.odt")
    assert doc.info.title == "Protokoll Arbeitskreis Seiteneinstieg"
    decision = next(b for b in doc.blocks if "Tigrinya" in b.text)
    assert decision.heading == "Protokoll Arbeitskreis Seiteneinstieg › TOP 1: Sprachmittlung"
    texts = [b.text for b in doc.blocks]
    assert "Dolmetscherpool aufbauen" in texts
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.rows == ("Was: Elternbrief übersetzen | Wer: KI",)
    assert not any("Elterncafé" in t for t in texts)  # deleted in the tracked changes
    # paragraphs set bold by hand are headings; list items are not
    heading = {b.text: b.heading.split(" › ")[-1] for b in doc.blocks if b.kind == "text"}
    assert heading["Die Wartezeit beträgt elf Wochen."] == "TOP 2: Wartezeiten"  # note out
    assert heading["Fußnote: Quelle: Clearingstelle, Stand März 2024."] == "TOP 2: Wartezeiten"
    assert heading["Keine Wortmeldungen."] == "TOP 3: Verschiedenes"
    assert heading["Dolmetscherpool aufbauen"] == "TOP 1: Sprachmittlung"


def test_pptx_slides_are_pages_under_their_titles(tmp_path):
    doc = parse(make_pptx(tmp_path / "fachtag.pptx"), "fachtag.pptx")
    assert doc.info.title == "Fachtag Seiteneinstieg 2024" and doc.info.pages == 4
    got = [(b.page, b.heading, b.kind, b.text) for b in doc.blocks]
    assert got == [
        (1, "Fachtag Seiteneinstieg 2024", "text", "Kommunales Integrationszentrum Teststadt."),
        # bullets end as statements, so an answer can cite one of them
        (2, "Wartezeiten auf einen Schulplatz", "text", "2023 im Mittel 39 Tage."),
        (2, "Wartezeiten auf einen Schulplatz", "text", "Stadtbezirk Ost: 58 Tage."),
        (2, "Wartezeiten auf einen Schulplatz", "text", "Ziel: höchstens vier Wochen."),
        (2, "Wartezeiten auf einen Schulplatz", "text",
         "Notizen: Die Zahlen stammen von der Clearingstelle."),
        (3, "Plätze in Vorbereitungsklassen", "table",
         "Schulform | Plätze\nSchulform: Grundschule | Plätze: 120\n"
         "Schulform: Sekundarstufe I | Plätze: 96"),
        # a chart's figures, which no text box repeats
        (4, "Zuzüge nach Stadtbezirk", "table",
         "Neu zugewanderte Kinder 2022 | 2023\nNord | 2022: 412 | 2023: 380\n"
         "Ost | 2022: 198 | 2023: 240,5"),
    ]
    from assistant.types import Citation

    cited = Citation(1, "fachtag.pptx", doc.info.title, 2, "2", doc.blocks[1].text)
    assert cited.where == "Folie 2"  # a citation names the slide


def test_ods_sheet_as_table(tmp_path):
    doc = parse(make_ods(tmp_path / "bezirke.ods"), "bezirke.ods")
    assert doc.blocks[0].rows == ("Bezirk: Nord | Kinder: 412 | Stichtag: 15.10.2023",)


def test_html_boilerplate_removed(tmp_path):
    page = tmp_path / "angebote.html"
    page.write_text(HTML, encoding="utf-8")
    doc = parse(page, "angebote.html")
    text = " ".join(b.text for b in doc.blocks)
    assert "Sprachcafé" in text and "dienstags und donnerstags" in text
    for furniture in ("Cookies", "Alle akzeptieren", "Impressum", "Startseite"):
        assert furniture not in text
    assert doc.info.title == "Angebote des KI Teststadt"
    assert doc.info.type == "Webseite"


def test_html_headings_the_extraction_drops_still_make_the_section_path(tmp_path):
    # DocBook (and some CMS templates) wrap headings in a title box that trafilatura
    # takes for boilerplate: the passages would stand under no heading at all
    def section(level: int, title: str, text: str) -> str:
        return (f'<div class="section"><div class="titlepage"><div><div><h{level} class="title">'
                f'<a id="s{level}"></a>{title}</h{level}></div></div></div><p>{text}</p></div>')

    page = tmp_path / "handbuch.html"
    page.write_text(
        "<html><head><title>Handbuch Schulnetz</title></head><body><div class='book'>"
        + section(2, "3. Architektur", "Das Schulnetz hat einen Hauptserver, der alle Dienste "
                  "bereitstellt und die Anmeldung der Schülerinnen und Schüler prüft.")
        + section(3, "3.1. Netzwerk", "Aus Sicherheitsgründen werden Passwörter stets "
                  "verschlüsselt übertragen, so dass keine Klartextpasswörter gesendet werden.")
        + section(2, "4. Voraussetzungen", "Für den Hauptserver werden mindestens zwei "
                  "Netzwerkkarten und acht Gigabyte Arbeitsspeicher empfohlen.")
        + "</div></body></html>", encoding="utf-8")
    heading = {b.text.split()[0]: b.heading for b in parse(page, "handbuch.html").blocks}
    assert heading == {"Das": "3. Architektur", "Aus": "3. Architektur › 3.1. Netzwerk",
                       "Für": "4. Voraussetzungen"}


def test_txt_page_furniture_and_sidecar(tmp_path):
    txt = tmp_path / "leitfaden.txt"
    txt.write_text(
        "Bochum\n\nBochum\n\nIn Bochum wurden Daten aus dem Sozialbericht genutzt.\n\n"
        "Diese Webseite nutzt Cookies. Alle akzeptieren\n", encoding="utf-8")
    (tmp_path / "leitfaden.txt.meta.json").write_text(
        '{"title": "Leitfaden Schritt 2", "type": "Leitfaden", "year": 2021, '
        '"municipality": "RuhrFutur"}', encoding="utf-8")
    doc = parse(txt, "leitfaden.txt")
    assert [b.text for b in doc.blocks] == ["In Bochum wurden Daten aus dem Sozialbericht genutzt."]
    assert doc.blocks[0].heading == "Bochum"
    assert (doc.info.title, doc.info.year, doc.info.municipality) == (
        "Leitfaden Schritt 2", 2021, "RuhrFutur")
    assert [rel for _, rel in discover([tmp_path])] == ["leitfaden.txt"]  # sidecar is no document
    # the same file name in two folders of one call: two documents, not one replaced
    for folder in ("faq", "handbuch"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text("<p>x</p>", encoding="utf-8")
    ids = [rel for _, rel in discover([tmp_path / "faq", tmp_path / "handbuch"])]
    assert ids == ["index.html", "handbuch/index.html"]


def test_markdown_front_matter(tmp_path):
    md = tmp_path / "monitoring.md"
    md.write_text("---\ntitle: Bildungsmonitoring\ntype: Bildungsbericht\nyear: 2023\n---\n"
                  "# Übersicht\n\nIm Schuljahr 2023/24 gab es 14 Vorbereitungsklassen.\n",
                  encoding="utf-8")
    doc = parse(md, "monitoring.md")
    assert (doc.info.title, doc.info.type, doc.info.year) == ("Bildungsmonitoring",
                                                              "Bildungsbericht", 2023)
    assert doc.blocks[0].heading == "Übersicht"


def test_markdown_list_items_keep_their_wrapped_lines_and_quotes_are_text(tmp_path):
    md = tmp_path / "monitoring.md"
    md.write_text("# Seiteneinstieg\n\n> **Fiktives Beispiel.** Alle Personen sind\n> erfunden.\n\n"
                  "- Zum Stichtag besuchten 1.047 Seiteneinsteiger die\n  Schulen der Stadt.\n"
                  "- 287 wechselten in den Regelunterricht.\n"
                  "- 35 Schüler*innen lernen *im ersten Halbjahr* in der `DaZ`-Gruppe.\n\n"
                  "2024\\. Siehe Kapitel**Ausblick** und Lehrer\\*innen.\n", encoding="utf-8")
    doc = parse(md, "monitoring.md")
    # Markdown's marks are no text ("**…**", "*…*", "`…`", "\\."); the gender star stays
    assert [b.text for b in doc.blocks] == [
        "Fiktives Beispiel. Alle Personen sind erfunden.",
        "Zum Stichtag besuchten 1.047 Seiteneinsteiger die Schulen der Stadt.",
        "287 wechselten in den Regelunterricht.",
        "35 Schüler*innen lernen im ersten Halbjahr in der DaZ-Gruppe.",
        "2024. Siehe Kapitel Ausblick und Lehrer*innen.",
    ]


def test_txt_wrapped_lines_are_joined_and_list_items_kept_apart(tmp_path):
    txt = tmp_path / "leitfaden.txt"
    txt.write_text(
        "2. Schritt\n\n"
        "„Die Integration von Neuzugewanderten bedeutet für uns,\n"
        "dass ihnen gleichberechtigte Teilhabe an Sprache und Bildung ermöglicht wird.“\n\n"
        "Zentrale Fragen für diesen Schritt sind die folgenden, in dieser Reihenfolge zu\n"
        "klären und im Team zu besprechen:\n\n"
        "  • Welche Netzwerke sind aufgebaut worden?\n"
        "  • Auf welches Erfahrungswissen können wir zurückgreifen? Welche Angebotslücken\n"
        "    sehen wir?\n"
        "Netzwerk Ankommen\n"
        "Arbeitskreis Seiteneinstieg\n", encoding="utf-8")
    doc = parse(txt, "leitfaden.txt")
    assert doc.blocks[0].heading == "2. Schritt"
    assert [b.text for b in doc.blocks] == [
        "„Die Integration von Neuzugewanderten bedeutet für uns, dass ihnen gleichberechtigte "
        "Teilhabe an Sprache und Bildung ermöglicht wird.“",
        "Zentrale Fragen für diesen Schritt sind die folgenden, in dieser Reihenfolge zu "
        "klären und im Team zu besprechen:",
        "Welche Netzwerke sind aufgebaut worden?",
        "Auf welches Erfahrungswissen können wir zurückgreifen? Welche Angebotslücken sehen wir?",
        "Netzwerk Ankommen",
        "Arbeitskreis Seiteneinstieg",
    ]


def test_csv_semicolon_and_cp1252(tmp_path):
    csv = tmp_path / "massnahmen.csv"
    csv.write_bytes("Maßnahme;Träger;Stadtbezirk\nSprachcafé;JMD;Nord\nLernhilfe;AWO;Süd\n"
                    .encode("cp1252"))
    doc = parse(csv, "massnahmen.csv")
    table = doc.blocks[0]
    assert table.kind == "table" and table.table_header == "Maßnahme | Träger | Stadtbezirk"
    assert table.rows[0] == "Maßnahme: Sprachcafé | Träger: JMD | Stadtbezirk: Nord"


def test_csv_statistics_export_with_title_lines_and_decimal_commas(tmp_path):
    # as statistics offices export: title and date first, ";" between, "," in numbers
    csv = tmp_path / "bevoelkerung.csv"
    csv.write_bytes("Bevölkerung nach Staatsangehörigkeit - Stadt Teststadt\r\n"
                    "Stichtag: 31.12.2023\r\n\r\n"
                    "Stadtbezirk;Insgesamt;darunter Ausländer;Anteil in %\r\n"
                    "Nord;42.310;9.812;23,2\r\nSüd;38.004;4.120;10,8\r\n".encode("cp1252"))
    table = parse(csv, "bevoelkerung.csv").blocks[0]
    assert table.table_header == ("Bevölkerung nach Staatsangehörigkeit - Stadt Teststadt "
                                  "Stichtag: 31.12.2023 Stadtbezirk | Insgesamt | "
                                  "darunter Ausländer | Anteil in %")
    assert table.rows == (
        "Stadtbezirk: Nord | Insgesamt: 42.310 | darunter Ausländer: 9.812 | Anteil in %: 23,2",
        "Stadtbezirk: Süd | Insgesamt: 38.004 | darunter Ausländer: 4.120 | Anteil in %: 10,8",
    )


def test_xlsx_header_over_two_rows_with_merged_cells(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Neu zugewanderte Kinder nach Geschlecht, 2023"], [],
                ["Stadtbezirk", "Insgesamt", "davon", None], [None, None, "männlich", "weiblich"],
                ["Nord", 120, 70, 50], ["Süd", 80, 41, 39]):
        ws.append(row)
    ws.merge_cells("C3:D3")
    ws.merge_cells("A3:A4")
    wb.save(tmp_path / "kinder.xlsx")
    table = parse(tmp_path / "kinder.xlsx", "kinder.xlsx").blocks[0]
    assert table.table_header == ("Neu zugewanderte Kinder nach Geschlecht, 2023 Stadtbezirk | "
                                  "Insgesamt | davon männlich | davon weiblich")
    assert table.rows[0] == ("Stadtbezirk: Nord | Insgesamt: 120 | davon männlich: 70 | "
                             "davon weiblich: 50")


@pytest.mark.parametrize("make, expected", [
    (lambda d: make_image_pdf(d / "scan.pdf"), "Textlayer"),
    (lambda d: make_encrypted_pdf(make_pdf(d / "a.pdf", PAGES), d / "geheim.pdf"),
     "verschlüsselt"),
    (lambda d: _write(d / "kaputt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"), "beschädigt"),
    (lambda d: _write(d / "leer.pdf", b""), "leere Datei"),
    (lambda d: _write(d / "notiz.odt", b"PK\x03\x04"), "kein gültiges OpenDocument"),
    (lambda d: _write(d / "folien.ppt", b"\xd0\xcf\x11\xe0"), "nicht unterstützt"),
    (lambda d: _write(d / "folien.pptx", b"PK\x03\x04"), "PowerPoint-Datei"),
    (lambda d: _write(d / "binär.txt", b"\x00\x01\x02\xff\xfe" * 50), "nicht lesbar"),
    (lambda d: _write(d / "kaputt.docx", b"PK\x03\x04 nicht wirklich"), "Word-Dokument"),
])
def test_bad_input_gets_one_clear_german_message(tmp_path, make, expected):
    path = make(tmp_path)
    with pytest.raises(DocumentError, match=expected):
        parse(path, path.name)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_decode_text_prefers_utf8():
    assert decode_text("Größe".encode()) == "Größe"
    assert decode_text("Größe".encode("cp1252")) == "Größe"


def test_sentence_split_keeps_german_abbreviations():
    text = ("Die Maßnahme läuft seit dem 12. März 2024 bzw. seit Nr. 5 der Vorlage, z. B. im "
            "Bezirk Nord. Gem. § 3 Abs. 2 SchulG NRW gilt die Schulpflicht. Im 3. Quartal "
            "wurden 45 Kinder vermittelt. Das ist gut.")
    assert split_sentences(text) == [
        "Die Maßnahme läuft seit dem 12. März 2024 bzw. seit Nr. 5 der Vorlage, z. B. im "
        "Bezirk Nord.",
        "Gem. § 3 Abs. 2 SchulG NRW gilt die Schulpflicht.",
        "Im 3. Quartal wurden 45 Kinder vermittelt.",
        "Das ist gut.",
    ]


def test_no_sentence_break_before_a_number_inside_a_line():
    text = ("Die Regelung gilt für alle, die vor dem 6. August 2016 kamen. Im Laufe des 18. und "
            "19. Jahrhunderts wuchs die Stadt. Die 2., 3. und 4. Klassen lernen gemeinsam.\n"
            "Unsere Schritte\n1. Anmelden\n2. Warten")
    assert split_sentences(text) == [
        "Die Regelung gilt für alle, die vor dem 6. August 2016 kamen.",
        "Im Laufe des 18. und 19. Jahrhunderts wuchs die Stadt.",
        "Die 2., 3. und 4. Klassen lernen gemeinsam.",
        "Unsere Schritte", "1. Anmelden", "2. Warten",  # a heading, then a numbered list
    ]


def test_terms_stem_and_drop_stopwords():
    assert terms("Welche Maßnahmen gibt es für Jugendliche?") == ["massnahm", "jugend"]
    assert {"wart", "zeit"} <= set(terms("Wartezeit"))  # compound parts


@pytest.mark.parametrize("participle, noun", [
    ("zugewanderten", "Zuwanderung"), ("angemeldet", "Anmeldung"),
    ("eingeschult", "Einschulung"), ("gefördert", "Förderung"), ("geplant", "Planung"),
    ("vorgeschlagene", "Vorschlag"), ("festgestellt", "Feststellung"),
    # strong verbs change their vowel
    ("beschlossen", "Beschlüsse"), ("entschieden", "Entscheidung"), ("empfohlen", "Empfehlung"),
    ("zugewiesen", "Zuweisung"), ("aufgenommen", "Aufnahme"), ("abgebrochen", "Abbruch"),
    ("zugezogenen", "Zuzug"), ("beschrieben", "Beschreibung"), ("besprochen", "Besprechung"),
])
def test_a_participle_shares_a_term_with_its_verbs_noun(participle, noun):
    """ "Wie viele Kinder wurden angemeldet?" finds "Anmeldungen": the "ge" of a participle
    hides its verb from the stemmer."""
    assert set(terms(participle)) & set(terms(noun))


def test_words_shaped_like_participles_add_no_common_term():
    from assistant.text import participle_noun

    assert not any(map(participle_noun, ["gegen", "gestern", "angebote", "geld"]))
    assert terms("Schloss Wiese") == ["schloss", "wies"]  # the vowel change needs a prefix
    ordinary = set(terms("gesund Meinung Sund Heit Biene Stadtteil Schule"))
    for word in ["Gesundheit", "Gemeinden", "Gebiet"]:
        extra = terms(participle_noun(word.lower()))
        assert extra and extra[0] in terms(word) and extra[0] not in ordinary


def _words(text: str) -> int:
    return len(text.split())


def test_chunks_respect_limits_headings_and_keep_table_header():
    from assistant.types import Block

    prose = " ".join(f"Satz Nummer {i} beschreibt das Angebot im Bezirk Nord." for i in range(60))
    rows = tuple(f"Maßnahme: Kurs {i} | Träger: VHS | Bezirk: Süd" for i in range(40))
    blocks = [
        Block(text=prose, page=1, heading="1 Angebote"),
        Block(text="Kurzer Abschnitt.", page=1, heading="2 Lücken"),
        Block(text="", page=2, kind="table", table_header="Maßnahme | Träger | Bezirk", rows=rows),
    ]
    chunks = chunk_blocks("d", blocks, _words, target=60, overlap=10, limit=100)
    assert all(_words(c.text) <= 100 for c in chunks)
    assert {c.heading for c in chunks} == {"1 Angebote", "2 Lücken", ""}
    prose_chunks = [c for c in chunks if c.heading == "1 Angebote"]
    assert len(prose_chunks) > 3
    assert all(c.text.endswith(".") for c in prose_chunks)  # cut at sentence ends
    first, second = prose_chunks[0].text, prose_chunks[1].text
    assert first.split(". ")[-1] in second  # overlap by whole sentences
    tables = [c for c in chunks if c.kind == "table"]
    assert len(tables) > 1 and all(c.text.startswith("Maßnahme | Träger | Bezirk\n") for c in tables)
    assert sum(c.text.count("Träger: VHS") for c in tables) == 40  # every row once, whole
    again = chunk_blocks("d", blocks, _words, target=60, overlap=10, limit=100)
    assert [c.id for c in again] == [c.id for c in chunks]  # deterministic ids


CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "dokumente"


def test_pdf_table_printed_cell_by_cell_is_rebuilt_with_caption():
    doc = parse(CORPUS / "sozialbericht-beispielstadt-2024-auszug.pdf", "s.pdf")
    table = next(b for b in doc.blocks if b.kind == "table" and "Tabelle 5.3" in b.table_header)
    assert table.page == 2 and table.page_label == "48"
    assert "2023" in table.table_header  # the year stands only in the caption
    # a ruled table of figures: pdfplumber reads the grid; its rows stay compact
    assert "Ost | 31 | 38 | 66 | 49 | 153 | 184" in table.rows
    assert table.table_header.endswith("Quelle: Einwohnermelderegister Stadtbezirk | 0–5 J. | "
                                       "6–9 J. | 10–15 J. | 16–18 J. | 6–18 J. (schulpflichtig) "
                                       "| 0–18 J. insgesamt")
    chunks = chunk_blocks("s.pdf", [table], _words, target=40, overlap=0, limit=200)
    assert all(c.text.startswith(table.table_header) for c in chunks)


RULED_ROWS = [
    ["Handlungsfeld", "Ziel (Konzept 2016)", "Zuständigkeit", "Stand 2023"],
    ["Frühe Bildung", "Zugang zu Kita oder Brückenangebot für alle neu zugewanderten Kinder",
     "Jugendamt, Kita-Träger", "teilweise erreicht; Brückenangebote nur in Nord"],
    ["Elternarbeit", "Elternbildungsangebote in allen Stadtbezirken",
     "KI, VHS, Familienzentren", "teilweise erreicht; keine Angebote in Süd"],
    ["Sprachmittlung", "Dolmetschen in Schule und Kita sicherstellen", "KI, Brücke e. V.",
     "weitgehend erreicht; Lücken bei einzelnen Sprachen"],
]
RULED_CAPTION = ("Tabelle 4: Handlungsfelder, Ziele, Zuständigkeiten und Stand der Umsetzung "
                 "im Herbst 2023 nach Einschätzung des Kommunalen Integrationszentrums. "
                 "Quelle: eigene Erhebung")
RULED_AFTER = ("Die Abläufe im Seiteneinstieg sind geregelt, dauern aber zu lange. Die Angebote "
               "konzentrieren sich auf die Stadtbezirke Mitte, Nord und Hafenviertel.")


def test_ruled_table_with_wrapped_cells_is_read_row_by_row(tmp_path):
    pdf = make_ruled_table_pdf(tmp_path / "konzept.pdf", RULED_ROWS, RULED_CAPTION,
                               "Die folgende Übersicht fasst den Stand zusammen.", RULED_AFTER)
    doc = parse(pdf, "konzept.pdf")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.table_header == (RULED_CAPTION + " Handlungsfeld | Ziel (Konzept 2016) | "
                                  "Zuständigkeit | Stand 2023")
    assert table.rows == (
        "Handlungsfeld: Frühe Bildung | Ziel (Konzept 2016): Zugang zu Kita oder "
        "Brückenangebot für alle neu zugewanderten Kinder | Zuständigkeit: Jugendamt, "
        "Kita-Träger | Stand 2023: teilweise erreicht; Brückenangebote nur in Nord",
        "Handlungsfeld: Elternarbeit | Ziel (Konzept 2016): Elternbildungsangebote in allen "
        "Stadtbezirken | Zuständigkeit: KI, VHS, Familienzentren | Stand 2023: teilweise "
        "erreicht; keine Angebote in Süd",
        "Handlungsfeld: Sprachmittlung | Ziel (Konzept 2016): Dolmetschen in Schule und Kita "
        "sicherstellen | Zuständigkeit: KI, Brücke e. V. | Stand 2023: weitgehend erreicht; "
        "Lücken bei einzelnen Sprachen",
    )
    prose = [b.text for b in doc.blocks if b.kind == "text"]
    # neither a cell nor the caption is left in the prose, which is whole
    assert RULED_AFTER in prose
    assert not any("Elternarbeit" in t or "Quelle" in t for t in prose)


def test_a_caption_over_a_ruled_table_is_its_header_even_when_it_wraps(tmp_path):
    caption = ("Tabelle 4: Handlungsfelder, Ziele, Zuständigkeiten und Stand der Umsetzung "
               "im Herbst 2023 nach Einschätzung des Kommunalen Integrationszentrums")
    before = "Die folgende Übersicht fasst den Stand der Umsetzung zusammen."
    pdf = make_ruled_table_pdf(tmp_path / "konzept.pdf", RULED_ROWS, caption, before,
                               RULED_AFTER, caption_above=True)
    doc = parse(pdf, "konzept.pdf")
    table = next(b for b in doc.blocks if b.kind == "table")
    assert table.table_header.startswith(caption + " Handlungsfeld | Ziel (Konzept 2016)")
    assert len(table.rows) == 3
    prose = [b.text for b in doc.blocks if b.kind == "text"]
    assert prose == [before, RULED_AFTER]  # no line of the caption is left in the prose


def test_table_without_ruling_stays_prose_and_pdfplumber_is_not_needed(tmp_path, monkeypatch):
    from assistant.ingest import pdftables

    seen = []
    real = pdftables.ruled_tables
    monkeypatch.setattr("assistant.ingest.pdf.ruled_tables",
                        lambda path, pages: seen.append(list(pages)) or real(path, pages))
    pdf = make_ruled_table_pdf(tmp_path / "konzept.pdf", RULED_ROWS, RULED_CAPTION,
                               "Die folgende Übersicht fasst den Stand zusammen.", RULED_AFTER,
                               ruled=False)
    doc = parse(pdf, "konzept.pdf")
    assert seen == [[0]]  # the page with short lines was looked at
    assert not any(b.kind == "table" for b in doc.blocks)  # no grid, no guessed columns
    text = " ".join(b.text for b in doc.blocks)
    assert "Elternbildungsangebote in allen" in text and RULED_AFTER in text


def test_prose_pages_are_not_read_twice(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr("assistant.ingest.pdf.ruled_tables",
                        lambda path, pages: seen.append(list(pages)) or {})
    parse(make_pdf(tmp_path / "konzept-2024.pdf", PAGES), "konzept-2024.pdf")
    assert seen == [[]]


def test_pdf_bullet_items_stay_whole():
    doc = parse(CORPUS / "integrationskonzept-beispielstadt-2023.pdf", "k.pdf")
    item = next(b for b in doc.blocks if b.text.startswith("Netzwerk Ankommen Beispielstadt:"))
    assert item.kind == "text" and "Mitgliedsorganisationen" in item.text


@pytest.mark.parametrize("leaders", [". " * 30, ""], ids=["dot-leaders", "page-numbers-only"])
def test_contents_over_two_pages_is_neither_indexed_nor_sent_to_ocr(tmp_path, monkeypatch,
                                                                   leaders):
    from assistant.ingest import ocr

    def no_ocr(*args, **kwargs):
        raise AssertionError("a table of contents is text, not a scan")

    monkeypatch.setattr(ocr, "recognise", no_ocr)
    toc = [f"{n}.{k} Abschnitt über Sprachförderung {leaders}{n * 5 + k}"
           for n in range(1, 5) for k in range(1, 6)]
    wrapped = ["4.6 Abschnitt über die Zusammenarbeit mit Schulen und", f"Jugendhilfe {leaders}26"]
    pages = [["Konzept Teststadt 2024"], ["Inhaltsverzeichnis", *toc[:8]], toc[8:] + wrapped,
             ["1 Ausgangslage", "In Teststadt leben 412 neu zugewanderte Kinder."]]
    doc = parse(make_pdf(tmp_path / "konzept.pdf", pages, label_offset=3), "konzept.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "412 neu zugewanderte Kinder" in text
    assert "Abschnitt über" not in text and "Jugendhilfe" not in text  # neither page indexed
    assert {b.heading for b in doc.blocks} == {"1 Ausgangslage"}  # nor its entries headings
    assert not doc.warnings


def test_a_page_whose_contents_heading_is_followed_by_the_text_keeps_the_text(tmp_path):
    # LaTeX prints an empty contents (or a short one) at the top of the first text page:
    # the page is read from its first section on, the entries are left out
    pages = [["Handbuch Teststadt"],
             ["Inhaltsverzeichnis", "1 Anmeldung ........ 2",
              "1 Anmeldung",
              "Neu zugewanderte Kinder werden im Kommunalen Integrationszentrum angemeldet,",
              "das die Eltern berät und eine Schule vorschlägt. Die Schulen melden freie",
              "Plätze in den Vorbereitungsklassen jeden Monat an das Schulamt der Stadt.",
              "Die Zuweisung erfolgt innerhalb von zwei Wochen nach der Anmeldung."],
             ["2 Sprachförderung", "Alle Kinder erhalten zusätzlichen Unterricht in Deutsch."]]
    doc = parse(make_pdf(tmp_path / "handbuch.pdf", pages, label_offset=1), "handbuch.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "innerhalb von zwei Wochen nach der Anmeldung" in text
    assert "........" not in text and "Inhaltsverzeichnis" not in text
    block = next(b for b in doc.blocks if "Schulamt der Stadt" in b.text)
    assert (block.page, block.heading) == (2, "1 Anmeldung")


def test_pdf_ligatures_soft_hyphens_and_foreign_letters(tmp_path):
    pdf = make_ttf_pdf(tmp_path / "konzept.pdf", [
        "Die Qualiﬁzierung der Lehrkräfte und die ﬂexible Förderung der Integra\u00ad",
        "tion laufen seit 2021. Frau Şahin und Herr Gökçe leiten das Sprachcafé\u00a0Nord.",
    ])
    text = " ".join(b.text for b in parse(pdf, "konzept.pdf").blocks)
    assert "Qualifizierung der Lehrkräfte und die flexible Förderung der Integration " \
           "laufen" in text
    assert "Sprachcafé Nord" in text
    assert {"şahin", "gökçe", "sprachcafé", "qualifizierung"} <= set(words(text))


def test_running_headers_that_change_with_the_chapter_are_removed(tmp_path):
    chapters = ["Ausgangslage", "Schule", "Übergänge", "Ausblick"]
    headers = [f"Konzept Teststadt | Kapitel: {chapters[i // 3]}" for i in range(12)]
    districts = ["Nord", "Süd", "Ost", "West", "Mitte", "Hafen", "Altstadt", "Heide",
                 "Feld", "Bruch", "Berg", "Tal"]
    pages = [[f"Im Stadtteil {d} besuchen {20 + i} neu zugewanderte Kinder eine",
              f"Vorbereitungsklasse; die Nachfrage nach Plätzen in {d} wächst weiter,",
              f"weil mehr Familien nach {d} zuziehen als im Jahr davor"]
             for i, d in enumerate(districts)]
    doc = parse(make_pdf(tmp_path / "konzept.pdf", pages, header=headers, label_offset=0),
                "konzept.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "Kapitel" not in text
    assert "Im Stadtteil Tal besuchen 31 neu zugewanderte Kinder" in text


def test_words_drop_footnote_marks_and_keep_names_whole():
    assert words("Seiteneinsteiger12 und Kinder³ in Kita-Gruppen U3") == [
        "seiteneinsteiger", "12", "und", "kinder", "in", "kita", "gruppen", "u3"]
    assert words("Frau Şahin: 1.240 Personen, 12,5 %") == ["frau", "şahin", "1.240", "personen",
                                                           "12,5"]


def test_pdf_words_split_or_glued_by_the_extractor_are_repaired(tmp_path):
    pages = [["1 Ausgangslage",
              "Die Integration neu zugewanderter Kinder ist Aufgabe aller Schulen. Kinder",
              "lernen schnell, so wie es der Rat beschrieben hat, und Kinder brauchen Zeit.",
              "Die Integ ration der Kinderund Jugendlichen gelingt im Stadtteil Nord besser."]]
    doc = parse(make_pdf(tmp_path / "konzept.pdf", pages, label_offset=0), "konzept.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "Die Integration der Kinder und Jugendlichen gelingt" in text
    assert "so wie es der Rat" in text  # two words that also stand alone stay apart


def test_word_repair_leaves_words_names_and_addresses_alone():
    from assistant.ingest.repair import Vocabulary, repair

    texts = ["Wir arbeiten zusammen mit RuhrFutur, indem wir sowie Hintergrund und Grund "
             "prüfen; siehe www.beispiel.de/Integ ration und Befund.",
             "Man sagt, in dem Haus sei es so wie früher, zu sammen kamen Kinder zur Integration."]
    vocab = Vocabulary.of(texts)
    assert [repair(t, vocab) for t in texts] == texts


def test_total_rows_that_end_several_tables_are_kept(tmp_path):
    counts = [(312, 340), (95, 120), (41, 77), (210, 198), (66, 93), (150, 171), (23, 35),
              (88, 64), (130, 152), (57, 49)]
    pages = [[f"Tabelle {i + 1}: Neu zugewanderte Kinder im Bezirk {d}",
              "Die Zahlen stammen aus der amtlichen Schulstatistik des Landes.",
              f"2022 | {a}", f"2023 | {b}", f"Gesamt | {a + b}"]
             for i, (d, (a, b)) in enumerate(zip(
                 ["Nord", "Süd", "Ost", "West", "Mitte", "Hafen", "Heide", "Feld", "Tal", "Berg"],
                 counts))]
    doc = parse(make_pdf(tmp_path / "monitoring.pdf", pages, label_offset=0), "monitoring.pdf")
    text = " ".join(b.text for b in doc.blocks)
    assert "2023 | 49" in text and "Gesamt | 106" in text  # the rows of the last table
    assert "Konzept Teststadt 2024" not in text and "Seite 10" not in text


def test_xlsx_cells_read_as_excel_shows_them(tmp_path):
    import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Bezirk", "Kinder", "Anteil", "Stichtag", "Mittel"])
    ws.append(["Nord", 1240, 0.125, datetime.datetime(2023, 10, 15), 12500.5])
    ws["B2"].number_format = "#,##0"
    ws["C2"].number_format = "0.0%"
    ws["D2"].number_format = "DD.MM.YYYY"
    ws["E2"].number_format = "#,##0.00"
    wb.save(tmp_path / "monitoring.xlsx")
    doc = parse(tmp_path / "monitoring.xlsx", "monitoring.xlsx")
    assert doc.blocks[0].rows == (
        "Bezirk: Nord | Kinder: 1.240 | Anteil: 12,5 % | Stichtag: 15.10.2023 | Mittel: 12.500,5",)


def test_note_under_a_sheet_is_no_value_of_its_first_column(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Maßnahme", "Träger", "Stadtbezirk"])
    ws.append(["Sprachcafé", "JMD", "Nord"])
    ws.append([])
    ws.append(["Stand: 31. Januar 2024. Angebote des KI selbst sind nicht enthalten."])
    wb.save(tmp_path / "massnahmen.xlsx")
    doc = parse(tmp_path / "massnahmen.xlsx", "massnahmen.xlsx")
    assert doc.blocks[0].rows == (
        "Maßnahme: Sprachcafé | Träger: JMD | Stadtbezirk: Nord",
        "Stand: 31. Januar 2024. Angebote des KI selbst sind nicht enthalten.")


def test_a_wrapped_line_of_prose_with_figures_is_no_table_row(tmp_path):
    """Minutes exported to PDF: a line of a paragraph that holds three figures goes on the
    paragraph; it was read as a table row under the line before it."""
    lines = [
        "Herr Petersen berichtet aus der Clearingstelle: Nach der Vorabauswertung für",
        "den Sozialbericht 2024 standen zum Jahresende 2023 stadtweit 93 Kinder",
        "und Jugendliche auf der Warteliste für einen Schulplatz, davon 27 aus dem",
        "Stadtbezirk Ost. Engpass bleibt die schulärztliche Untersuchung beim",
        "Gesundheitsamt, das ab April zwei zusätzliche Untersuchungstage anbietet.",
    ]
    pdf = make_pdf(tmp_path / "protokoll.pdf", [lines], label_offset=0)
    blocks = parse(pdf, "protokoll.pdf").blocks
    assert [b.kind for b in blocks] == ["text"]
    assert "Vorabauswertung für den Sozialbericht 2024 standen zum Jahresende 2023 " \
        "stadtweit 93 Kinder und Jugendliche auf der Warteliste" in blocks[0].text


DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).parent.parent / "corpus" / "dokumente"


def test_an_old_word_file_reads_like_its_docx():
    """Word 97–2003 (.doc, read by antiword): the bundled minutes saved as .doc give the
    paragraphs, headings and task table that the .docx gives."""
    old = parse(DATA / "protokoll.doc", "protokoll.doc").blocks
    new = parse(BUNDLED / "protokoll-netzwerktreffen-2024-03.docx", "p.docx").blocks
    assert {b.text for b in new if b.kind == "text"} <= {b.text for b in old}
    by_text = {b.text: b.heading for b in old}
    assert by_text["B3: Das KI startet einen Aufruf zur Gewinnung von Sprachmittelnden für "
                   "Tigrinya."] == "Beschlüsse"
    assert by_text["Aus der Praxis werden folgende Lücken benannt:"] == \
        "TOP 4: Angebotslücken aus Sicht der Praxis"
    table = next(b for b in old if b.kind == "table")
    assert table.heading == "Aufgaben" and table.table_header == "Was | Wer | Bis wann"
    # a cell that wraps in antiword's text is one value again
    assert "Was: Konzeptskizze Angebot „Übergang 16+“ in Ost | Wer: UAG Übergang 16+ " \
        "(JMD, Berufskolleg, KI) | Bis wann: 11. Juni 2024" in table.rows
    assert len(table.rows) == len(next(b for b in new if b.kind == "table").rows) == 5
    # the last short line heads nothing: it is text
    assert old[-1].text == "Für das Protokoll: Lena Vogt, 14. März 2024"


def test_an_old_word_file_without_antiword_is_refused_with_the_fix(monkeypatch):
    from assistant.ingest import legacy

    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    with pytest.raises(DocumentError, match="apt-get install antiword"):
        parse(DATA / "protokoll.doc", "protokoll.doc")


def test_not_a_word_file_named_doc_is_refused(tmp_path):
    fake = tmp_path / "notiz.doc"
    fake.write_bytes(b"PK\x03\x04 kein Word-Binaerformat")
    with pytest.raises(DocumentError, match="als .docx speichern"):
        parse(fake, "notiz.doc")


def test_a_docx_renamed_to_doc_is_read_as_docx(tmp_path):
    renamed = tmp_path / "protokoll.doc"
    renamed.write_bytes((BUNDLED / "protokoll-netzwerktreffen-2024-03.docx").read_bytes())
    blocks = parse(renamed, "protokoll.doc").blocks
    assert any(b.text.startswith("B3: Das KI startet einen Aufruf") for b in blocks)


@pytest.mark.parametrize("name", ["protokoll.rtf", "protokoll-als-doc.doc"])
def test_rich_text_reads_like_the_docx(tmp_path, name):
    """Rich Text (the bundled minutes saved as .rtf by LibreOffice), also where an older
    tool saved it under the name .doc: paragraphs, list items without their bullet, the
    headings that a paragraph follows, the task table."""
    src = tmp_path / name
    src.write_bytes((DATA / "protokoll.rtf").read_bytes())
    blocks = parse(src, name).blocks
    new = parse(BUNDLED / "protokoll-netzwerktreffen-2024-03.docx", "p.docx").blocks
    assert {b.text for b in new if b.kind == "text"} <= {b.text for b in blocks}
    by_text = {b.text: b.heading for b in blocks}
    assert by_text["B3: Das KI startet einen Aufruf zur Gewinnung von Sprachmittelnden für "
                   "Tigrinya."] == "Beschlüsse"
    assert by_text["Frank Albrecht – Jobcenter Beispielstadt / Jugendberufsagentur"] == ""
    assert by_text["Verteiler: Mitglieder des Netzwerks Ankommen Beispielstadt und des "
                   "Arbeitskreises Seiteneinstieg"] == ""  # a label, no heading
    table = next(b for b in blocks if b.kind == "table")
    assert table.heading == "Aufgaben" and len(table.rows) == 5
    assert table.rows[0] == "Was: Entwurf Beschreibung der Ausgangslage | Wer: KI (Frau Vogt) " \
        "| Bis wann: 31. Mai 2024"


def test_an_old_excel_file_reads_like_its_xlsx():
    old = parse(DATA / "massnahmen.xls", "massnahmen.xls").blocks
    new = parse(BUNDLED / "massnahmenuebersicht-beispielstadt-2024.xlsx", "m.xlsx").blocks
    assert [(b.table_header, b.rows) for b in old] == [(b.table_header, b.rows) for b in new]
    assert any("Seit: 2021" in r and "Plätze: 20" in r for r in old[0].rows)


def test_the_running_header_of_a_two_page_document_is_furniture(tmp_path):
    """Minutes of two pages: their header and the footer with the page number are no text,
    and the paragraph that runs over the page break is not glued to the header."""
    pages = [["Das Netzwerk hat getagt. Die Teilnehmenden berichten über die Lage der",
              "Seiteneinsteigerinnen und Seiteneinsteiger an den Schulen der Stadt, die sich",
              "seit dem Sommer deutlich verbessert habe, weil zwei weitere Klassen und"],
             ["zusätzliche Lehrkräfte für Deutsch als Zweitsprache zur Verfügung stehen.",
              "Die nächste Sitzung findet im Juni statt."]]
    pdf = make_pdf(tmp_path / "protokoll.pdf", pages, header="Protokoll AK Seiteneinstieg",
                   label_offset=0)
    text = " ".join(b.text for b in parse(pdf, "protokoll.pdf").blocks)
    assert "Protokoll AK Seiteneinstieg" not in text and "Stadt Teststadt" not in text
    assert "zwei weitere Klassen und zusätzliche Lehrkräfte für Deutsch" in text


def test_list_items_of_a_writer_pdf_end_where_their_line_ends():
    """Bullet items without a full stop (tests/data/writer-handlungskonzept.pdf): each is a
    paragraph of its own, and neither the next paragraph nor a figure caption is glued to
    the last one; the title page, the contents page and the footer "Stand: … | Seite 2 von 3"
    are no passage text."""
    blocks = parse(DATA / "writer-handlungskonzept.pdf", "handlungskonzept.pdf").blocks
    texts = [b.text for b in blocks]
    assert "Lernpatenschaften mit Studierenden der Hochschule Musterhausen" in texts
    assert texts[texts.index("Lernpatenschaften mit Studierenden der Hochschule Musterhausen")
                 + 1].startswith("Die Grundschulen fördern")
    assert "die Ferienschule der Volkshochschule" in texts
    assert "Abbildung 1: Teilnehmende der Ferienschule 2021 bis 2023 (Quelle: Volkshochschule)" \
        in texts
    joined = " ".join(texts)
    assert "Stand: März" not in joined and "Inhaltsverzeichnis" not in joined
    assert "...." not in joined
    # a wrapped item in the bundled concept stays whole (its first line is short because the
    # next word is long)
    doc = parse(CORPUS / "integrationskonzept-beispielstadt-2023.pdf", "k.pdf")
    item = next(b for b in doc.blocks if b.text.startswith("Netzwerk Ankommen Beispielstadt:"))
    assert "Mitgliedsorganisationen" in item.text


def test_a_bold_line_at_the_size_of_the_smaller_body_text_is_a_heading():
    # prose in two sizes (9 pt most, 8 pt much): a bold 8.1 pt line stands apart from both
    from assistant.ingest.pdfstyle import Line, Outline, Style

    prose9, prose8 = Style(9.0, False), Style(8.0, False)
    page = ([Line.of("Die Schulen melden freie Plätze jeden Monat an das Schulamt.", prose9)]
            * 6 + [Line.of("Neu zugewanderte Kinder werden zentral angemeldet.", prose8)] * 4)
    heading = Line.of("Zusammenfassung", Style(8.1, True))
    outline = Outline.of([page + [heading]])
    assert outline.body == prose9
    assert outline.set_apart(heading)
    assert not outline.set_apart(page[-1])
