"""Builders for real test documents: PDFs with page labels, running headers and
hyphenation (reportlab + pypdf), DOCX (python-docx), HTML, and broken files."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle


def make_pdf(path: Path, pages: list[list[str]], header: str | list[str] = "Konzept Teststadt 2024",
             label_offset: int = 2) -> Path:
    """One list of lines per page. Pages before ``label_offset`` get roman labels, the
    rest are labelled 1, 2, … and print 'Seite N' in the footer. ``header`` is the running
    header, or one per page (a chapter's title)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    tmp = path.with_suffix(".raw.pdf")
    c = canvas.Canvas(str(tmp), pagesize=A4, invariant=1)
    width, height = A4
    for i, lines in enumerate(pages):
        c.setFont("Helvetica", 9)
        c.drawString(60, height - 40, header if isinstance(header, str) else header[i])
        y = height - 80
        c.setFont("Helvetica", 11)
        for line in lines:
            c.drawString(60, y, line)
            y -= 15
        printed = i - label_offset + 1
        c.setFont("Helvetica", 9)
        c.drawString(60, 30, f"Stadt Teststadt · Seite {printed if printed > 0 else 'i' * (i + 1)}")
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(str(tmp)))
    if label_offset > 0:
        writer.set_page_label(0, label_offset - 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(label_offset, len(pages) - 1, style=PageLabelStyle.DECIMAL, start=1)
    with path.open("wb") as fh:
        writer.write(fh)
    tmp.unlink()
    return path


def make_image_pdf(path: Path) -> Path:
    """A 'scanned' PDF: shapes only, no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    return path


def make_ruled_table_pdf(path: Path, rows: list[list[str]], caption: str, before: str,
                         after: str, ruled: bool = True, caption_above: bool = False) -> Path:
    """A report page: a paragraph, a table whose cells wrap over several lines (drawn
    with a grid, or only aligned when ``ruled`` is False), its caption with a source
    note under it (or over it), and the next paragraph (reportlab platypus)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"]
    cells = [[Paragraph(c, body) for c in row] for row in rows]
    table = Table(cells, colWidths=[110, 150, 110, 110])
    if ruled:
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, invariant=1)
    parts = [table, Paragraph(caption, body)]
    doc.build([Paragraph(before, body), *(parts[::-1] if caption_above else parts),
               Paragraph(after, body)])
    return path


def make_styled_pdf(path: Path, lines: list[str | tuple[str, float, str]]) -> Path:
    """One page as a word processor sets it: body lines in Helvetica 10.5, the others given
    as (font, size, text), e.g. ("Helvetica-Bold", 14, "2. Handlungsfelder")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 60
    for line in lines:
        font, size, text = line if isinstance(line, tuple) else ("Helvetica", 10.5, line)
        c.setFont(font, size)
        c.drawString(60, y, text)
        y -= size + 6
    c.save()
    return path


def make_justified_pdf(path: Path, lines: list[str], gap: int = 180) -> Path:
    """One page whose words stand apart only by the offsets of a TJ array (``gap``
    thousandths of an em, no space characters), as DBLaTeX/xdvipdfmx and FOP set justified
    lines: the case in which pypdf, for some fonts, finds no spaces."""
    from reportlab.pdfgen import canvas

    def literal(word: str) -> str:
        return "(" + "".join(ch if ord(ch) < 128 and ch not in "()\\" else
                             f"\\{ord(ch.encode('cp1252')):03o}" for ch in word) + ")"

    c = canvas.Canvas(str(path), invariant=1)
    for i, line in enumerate(lines):
        text = c.beginText(60, 760 - 14 * i)
        text.setFont("Helvetica", 10)
        text._code.append("[" + f" -{gap} ".join(literal(w) for w in line.split()) + "] TJ")
        c.drawText(text)
    c.save()
    return path


def make_footnoted_pdf(path: Path, lines: list[list[str]], footnotes: list[str]) -> Path:
    """One page whose lines mix body text (Helvetica 11) with footnote marks: in each line
    the odd-numbered parts are set as superscripts (7 pt, raised) as Word sets them; the
    footnotes stand at the foot of the page (8 pt)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 60
    for parts in lines:
        text = c.beginText(60, y)
        for n, part in enumerate(parts):
            text.setFont("Helvetica", 7 if n % 2 else 11)
            text.setRise(4 if n % 2 else 0)
            text.textOut(part)
        c.drawText(text)
        y -= 17
    text = c.beginText(60, 90)
    text.setFont("Helvetica", 8)
    for note in footnotes:
        text.textLine(note)
    c.drawText(text)
    c.save()
    return path


def make_scanned_pdf(path: Path, pages: list[list[str]], text_page: list[str] | None = None,
                     stamp: str = "") -> Path:
    """A scanned PDF as an office scanner writes it: each page one 300-dpi image, no text
    layer (Pillow). With ``text_page``, a normal text page (reportlab) comes first, as in a
    report whose appendix was scanned in. With ``stamp``, a document management system has
    put that line as text on every scanned page ("Az. 51.2 – Blatt {n}")."""
    from PIL import Image, ImageDraw, ImageFont

    font_file = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    font = (ImageFont.truetype(str(font_file), 42) if font_file.exists()
            else ImageFont.load_default(size=42))
    images = []
    for lines in pages:
        img = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
        draw = ImageDraw.Draw(img)
        y = 300
        for line in lines:
            draw.text((250, y), line, fill=0, font=font)
            y += 70
        images.append(img)
    scan = path.with_suffix(".scan.pdf") if text_page or stamp else path
    images[0].save(scan, "PDF", resolution=300.0, save_all=True, append_images=images[1:])
    if stamp:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        stamps = path.with_suffix(".stamp.pdf")
        c = canvas.Canvas(str(stamps), pagesize=A4, invariant=1)
        for n in range(1, len(pages) + 1):
            c.setFont("Helvetica", 8)
            c.drawString(400, A4[1] - 25, stamp.format(n=n))
            c.showPage()
        c.save()
        stamped = PdfWriter(clone_from=PdfReader(str(scan)))
        for page, over in zip(stamped.pages, PdfReader(str(stamps)).pages):
            page.merge_page(over)
        with scan.open("wb") as fh:
            stamped.write(fh)
        stamps.unlink()
        if not text_page:
            scan.rename(path)
            return path
    if not text_page:
        return path
    first = make_pdf(path.with_suffix(".text.pdf"), [text_page], label_offset=0)
    writer = PdfWriter()
    for part in (first, scan):
        writer.append(str(part))
        part.unlink()
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def make_ttf_pdf(path: Path, lines: list[str]) -> Path:
    """One page in a TrueType font (Vera, bundled with reportlab), so characters beyond
    Latin-1 – ligatures "ﬁ", soft hyphens, "Ş" – reach the PDF as they are."""
    import os

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__),
                                                        "fonts", "Vera.ttf")))
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("Vera", 11)
    for i, line in enumerate(lines):
        c.drawString(60, 760 - 15 * i, line)
    c.save()
    return path


def make_broken_text_layer_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Scanned pages whose text layer is garbage, as from a font without a Unicode map
    (first page: "(cid:N)" glyph ids) or with a wrong encoding (further pages: symbols)."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scan = make_scanned_pdf(path.with_suffix(".bild.pdf"), pages)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(scan))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for i in range(len(pages)):
        image: Image.Image = pdf[i].render(scale=300 / 72, grayscale=True).to_pil()
        c.drawImage(ImageReader(image), 0, 0, width, height)
        c.setFillColorRGB(1, 1, 1)  # invisible, like a scanner's hidden text layer
        c.setFont("Helvetica", 8)
        for row in range(12):
            garbage = "".join(f"(cid:{(row * 7 + k) % 90 + 3})" for k in range(12)) if i == 0 \
                else "#$%& '()*+ ,-./ :;<=> ?@[]^ _`{|}~ " * 2
            c.drawString(40, height - 60 - 14 * row, garbage)
        c.showPage()
    c.save()
    pdf.close()
    scan.unlink()
    return path


def make_encrypted_pdf(src: Path, path: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(src)))
    writer.encrypt(user_password="geheim", owner_password="geheim", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "Protokoll Arbeitskreis Seiteneinstieg"
    d.add_heading("Protokoll Arbeitskreis Seiteneinstieg", level=1)
    d.add_paragraph("Datum: 14. Mai 2024, Ort: Rathaus Teststadt, Raum 204.")
    d.add_heading("TOP 2: Wartezeiten auf einen Schulplatz", level=2)
    d.add_paragraph(
        "Die durchschnittliche Wartezeit auf einen Schulplatz beträgt derzeit elf Wochen. "
        "Gem. § 34 Abs. 1 SchulG besteht Schulpflicht, daher ist das nicht hinnehmbar."
    )
    table = d.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("Was", "Wer", "Bis wann"),
                                         ("Elternbrief übersetzen", "KI", "30.06.2024"),
                                         ("Dolmetscherpool aufbauen", "Jugendamt", "31.12.2024")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    d.save(str(path))
    return path


def make_content_controls_docx(path: Path) -> Path:
    """A council submission from a Word template: a generated table of contents and the
    fields "Betreff" and "Sachverhalt" (with a table) in content controls (w:sdt), the
    decision as a plain paragraph after them."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_heading("Beschlussvorlage 0815/2024", level=1)
    toc = [d.add_paragraph("Inhaltsverzeichnis"), d.add_paragraph("1 Sachverhalt ........ 2")]
    fields = [d.add_heading("Sachverhalt", level=2),
              d.add_paragraph("Die Verwaltung schlägt vor, zwei weitere Vorbereitungsklassen "
                              "an der Gesamtschule Nord einzurichten.")]
    table = d.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("Schule", "Klassen"), ("Gesamtschule Nord", "2")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    fields.append(table)
    d.add_paragraph("Der Ausschuss stimmt dem Vorschlag einstimmig zu.")

    def control(items, gallery: str | None = None):
        sdt, pr, content = OxmlElement("w:sdt"), OxmlElement("w:sdtPr"), OxmlElement("w:sdtContent")
        if gallery:
            obj, part = OxmlElement("w:docPartObj"), OxmlElement("w:docPartGallery")
            part.set(qn("w:val"), gallery)
            obj.append(part)
            pr.append(obj)
        sdt.extend([pr, content])
        elements = [i._p if hasattr(i, "_p") else i._tbl for i in items]
        elements[0].addprevious(sdt)
        for element in elements:
            content.append(element)  # moves it into the control
        return sdt

    control(toc, "Table of Contents")
    control(fields)
    d.save(str(path))
    return path


def make_footnoted_docx(path: Path) -> Path:
    """A report from Word whose figures carry footnotes with their sources, as Word writes
    them: a footnote reference in the run, the notes in word/footnotes.xml (with the
    separator notes Word adds)."""
    import io
    import zipfile

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_heading("Zuwanderung", level=1)
    for note_id, text in (("1", "Im Jahr 2023 kamen 1.240 Kinder und Jugendliche nach Teststadt."),
                          ("2", "Davon besuchen 412 eine Vorbereitungsklasse.")):
        paragraph = d.add_paragraph(text)
        run, ref = OxmlElement("w:r"), OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), note_id)
        run.append(ref)
        paragraph._p.append(run)
    d.add_paragraph("Die Zahlen werden jährlich fortgeschrieben.")
    raw = io.BytesIO()
    d.save(raw)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = "".join(
        f'<w:footnote w:type="{kind}" w:id="{i}"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        for i, kind in (("-1", "separator"), ("0", "continuationSeparator")))
    notes += "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
        "</w:footnote>"
        for i, t in (("1", "Quelle: Einwohnermelderegister, Stichtag 31.12.2023."),
                     ("2", "Quelle: Schulstatistik, Stichtag 15.10.2023.")))
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>"))
            out.writestr(item, data)
        out.writestr("word/footnotes.xml", f'<?xml version="1.0" encoding="UTF-8" '
                     f'standalone="yes"?><w:footnotes xmlns:w="{w}">{notes}</w:footnotes>')
    return path


def make_bold_headings_docx(path: Path) -> Path:
    """Minutes as many are typed: the title in a custom style based on "Heading 1", agenda
    items as bold body paragraphs, one heading by outline level only, a bold lead-in
    ("Teilnehmende:") and a paragraph with only its first words in bold."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    custom = d.styles.add_style("Protokolltitel", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = d.styles["Heading 1"]
    d.add_paragraph("Protokoll Netzwerk Zuwanderung", style="Protokolltitel")
    d.add_paragraph().add_run("Teilnehmende:").bold = True
    d.add_paragraph("Vertreterinnen und Vertreter von KI, Schulamt und Jugendamt.")
    d.add_paragraph().add_run("TOP 1: Wartezeiten auf einen Schulplatz").bold = True
    d.add_paragraph("Die Wartezeit beträgt derzeit elf Wochen.")
    para = d.add_paragraph()
    para.add_run("Beschlüsse").bold = True
    para.add_run(" ")
    d.add_paragraph("Das KI lädt zu einem Fachtag Seiteneinstieg ein.")
    level = d.add_paragraph("Offene Punkte")
    p_pr = level._p.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    p_pr.append(outline)
    d.add_paragraph("Die Finanzierung des Sommerkurses ist ungeklärt.")
    mixed = d.add_paragraph()
    mixed.add_run("Wichtig").bold = True
    mixed.add_run(" ist die frühe Einbindung der Eltern")
    d.save(str(path))
    return path


def make_tracked_docx(path: Path) -> Path:
    """Minutes edited with "Änderungen nachverfolgen": an inserted and a deleted passage,
    in a paragraph and in a table cell, as Word writes them (w:ins, w:del)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def revision(tag: str, text: str, n: int):
        rev = OxmlElement(tag)
        rev.set(qn("w:id"), str(n))
        rev.set(qn("w:author"), "Lena Vogt")
        rev.set(qn("w:date"), "2024-03-13T09:00:00Z")
        run, t = OxmlElement("w:r"), OxmlElement("w:delText" if tag == "w:del" else "w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        rev.append(run)
        return rev

    d = docx.Document()
    p = d.add_paragraph("Das Netzwerk beschließt, ")
    p._p.append(revision("w:ins", "den Sprachmittlerpool um Tigrinya ", 1))
    p._p.append(revision("w:del", "das Elterncafé ", 2))
    p.add_run("zu erweitern.")
    cell = d.add_table(rows=1, cols=2).rows[0].cells
    cell[0].text = "Zuständig"
    cell[1].paragraphs[0]._p.append(revision("w:ins", "KI (Frau Vogt)", 3))
    cell[1].paragraphs[0]._p.append(revision("w:del", "Jugendamt", 4))
    d.save(str(path))
    return path


def make_odt(path: Path) -> Path:
    """Minutes written in LibreOffice: headings, a list, a table, a footnote in a sentence
    and a tracked deletion (ODF keeps deleted text in a change record at the top of the
    body)."""
    from odfdo import Document, Element, Header, List, Paragraph, Span, Style, Table

    d = Document("text")
    body = d.body
    body.insert(Element.from_tag(
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<office:change-info><dc:creator>Lena Vogt</dc:creator>"
        "<dc:date>2024-03-13T09:00:00</dc:date></office:change-info>"
        "<text:p>das Elterncafé schließen</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"), position=0)
    body.append(Header(1, "Protokoll Arbeitskreis Seiteneinstieg"))
    body.append(Header(2, "TOP 1: Sprachmittlung"))
    body.append(Paragraph("Das Netzwerk beschließt, den Sprachmittlerpool um Tigrinya zu "
                          "erweitern."))
    body.append(List(["Elternbrief übersetzen", "Dolmetscherpool aufbauen"]))
    # agenda items set bold by hand, not as headings: by a paragraph style, by a span
    d.insert_style(Style("paragraph", name="Fett", area="text", bold=True), automatic=True)
    d.insert_style(Style("text", name="T1", bold=True), automatic=True)
    body.append(Paragraph("TOP 2: Wartezeiten", style="Fett"))
    waiting = Paragraph("Die Wartezeit beträgt elf Wochen.")
    waiting.insert_note(after="elf", note_class="footnote", note_id="n1", citation="1",
                        body="Quelle: Clearingstelle, Stand März 2024.")
    body.append(waiting)
    top3 = Paragraph("")
    top3.append(Span("TOP 3: Verschiedenes", style="T1"))
    body.append(top3)
    body.append(Paragraph("Keine Wortmeldungen."))
    table = Table("Aufgaben", width=2, height=2)
    table.set_values([["Was", "Wer"], ["Elternbrief übersetzen", "KI"]])
    body.append(table)
    d.meta.title = "Protokoll Arbeitskreis Seiteneinstieg"
    d.save(str(path))
    return path


def make_pptx(path: Path) -> Path:
    """Slides of a talk at a network meeting: a title slide, a slide with bullets in two
    text boxes (the right one first in the file), a table slide, a chart slide and
    speaker's notes."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Cm

    deck = Presentation()
    deck.core_properties.title = "Fachtag Seiteneinstieg 2024"
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = "Fachtag Seiteneinstieg 2024"
    first.placeholders[1].text = "Kommunales Integrationszentrum Teststadt"
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    slide.shapes.title.text = "Wartezeiten auf einen Schulplatz"
    right = slide.shapes.add_textbox(Cm(13), Cm(5), Cm(10), Cm(5)).text_frame
    right.text = "Ziel: höchstens vier Wochen"
    left = slide.shapes.add_textbox(Cm(1), Cm(5), Cm(10), Cm(5)).text_frame
    left.text = "2023 im Mittel 39 Tage"
    left.add_paragraph().text = "Stadtbezirk Ost: 58 Tage"
    slide.notes_slide.notes_text_frame.text = "Die Zahlen stammen von der Clearingstelle."
    table_slide = deck.slides.add_slide(deck.slide_layouts[5])
    table_slide.shapes.title.text = "Plätze in Vorbereitungsklassen"
    table = table_slide.shapes.add_table(3, 2, Cm(2), Cm(5), Cm(12), Cm(4)).table
    for r, values in enumerate([("Schulform", "Plätze"), ("Grundschule", "120"),
                                ("Sekundarstufe I", "96")]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    chart_slide = deck.slides.add_slide(deck.slide_layouts[5])
    chart_slide.shapes.title.text = "Zuzüge nach Stadtbezirk"
    data = CategoryChartData()
    data.categories = ["Nord", "Ost"]
    data.add_series("2022", (412, 198))
    data.add_series("2023", (380, 240.5))
    chart = chart_slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Cm(2), Cm(5), Cm(16),
                                         Cm(9), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Neu zugewanderte Kinder"
    deck.save(str(path))
    return path


def make_ods(path: Path) -> Path:
    """A LibreOffice spreadsheet with a number and a date cell."""
    import datetime

    from odfdo import Document, Table

    d = Document("spreadsheet")
    table = Table("Bezirke", width=3, height=2)
    table.set_values([["Bezirk", "Kinder", "Stichtag"],
                      ["Nord", 412, datetime.date(2023, 10, 15)]])
    d.body.append(table)
    d.save(str(path))
    return path


HTML = """<!DOCTYPE html><html lang="de"><head><title>Angebote des KI Teststadt</title></head>
<body>
<div id="cookie-banner" class="cookie-consent">Diese Website verwendet Cookies. Mit der
Nutzung stimmen Sie zu. <button>Alle akzeptieren</button></div>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/aktuelles">Aktuelles</a></li>
<li><a href="/kontakt">Kontakt</a></li></ul></nav>
<main><article>
<h1>Unsere Angebote für neu zugewanderte Familien</h1>
<p>Das Kommunale Integrationszentrum Teststadt berät neu zugewanderte Familien bei der Suche
nach einem Schulplatz. Die Erstberatung findet dienstags und donnerstags im Rathaus statt.</p>
<h2>Sprachcafé für Jugendliche</h2>
<p>Jeden Mittwoch treffen sich neu zugewanderte Jugendliche im Jugendzentrum Nordstern zum
Sprachcafé. Ehrenamtliche Sprachpatinnen unterstützen beim Deutschlernen.</p>
</article></main>
<footer><p>Impressum | Datenschutz | Barrierefreiheit</p><p>© Stadt Teststadt 2024</p></footer>
</body></html>
"""


def indexed(folder: Path, data: Path, embedder):
    """An engine over a fresh index in ``data`` with the documents of ``folder`` read in
    (every one of them: a skipped file fails the calling test's setup)."""
    from assistant.config import Settings
    from assistant.engine import Engine

    engine = Engine.open(Settings(data_dir=data), embedder=embedder)
    report = engine.ingest([folder])
    assert not report.skipped, report.problems
    return engine


def indexed_files(root: Path, files: dict[str, str], embedder):
    """An engine over text files (name → content) written to ``root``/dokumente and indexed
    in ``root``/daten (``indexed``)."""
    folder = root / "dokumente"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return indexed(folder, root / "daten", embedder)


def offers_question_set(folder: Path, split: str | None = None) -> tuple[Path, Path]:
    """A small evaluation set of real files: a Markdown page with two offers and three
    questions about it (two answerable, one about a city no document names). With ``split``
    ("dev,test,test") each question gets its part. Returns the document folder and the
    question file."""
    import json

    docs = folder / "docs"
    docs.mkdir()
    (docs / "angebote.md").write_text(
        "# Angebote für neu zugewanderte Jugendliche\n\n"
        "Das Sprachcafé im Stadtbezirk Nord findet jeden Dienstag statt.\n\n"
        "Der Elternkurs im Stadtbezirk Nord wird von der AWO angeboten.\n", encoding="utf-8")
    rows = [{"id": "a1", "question": "Wann findet das Sprachcafé statt?", "answerable": True,
             "evidence": ["jeden Dienstag"]},
            {"id": "a2", "question": "Wer bietet den Elternkurs an?", "answerable": True,
             "evidence": ["von der AWO angeboten"]},
            {"id": "u1", "question": "Wann öffnet das Sprachcafé in Dortmund?",
             "answerable": False}]
    if split:
        for row, part in zip(rows, split.split(",")):
            row["split"] = part
    questions = folder / "fragen.jsonl"
    questions.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                         encoding="utf-8")
    return docs, questions
