"""Export: the baseline draft as DOCX and Markdown, the Maßnahmenübersicht as CSV and XLSX.

Word has real footnotes, python-docx cannot write them: references are numbered [n] in
the text with a numbered source list (document title, file, printed page and PDF page).
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

from assistant.draft import Draft, DraftSection, renumber_marks
from assistant.draft.measures import (
    CITYWIDE,
    GAP_COLUMNS,
    MEASURE_COLUMNS,
    TOPICS,
    Overview,
)
from assistant.types import Citation

# Markdown export: characters that start links, images, HTML, emphasis, code, tables,
# headings or math are escaped with a backslash, so text from documents stays text
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~$&@=])")
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<=[Ww]{3})(\.)")
# spreadsheet cells starting like a formula (=HYPERLINK(…), +, @, -x) are kept as text
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-[^\d\s])")


def md_text(text: str) -> str:
    """``text`` shown literally by any Markdown viewer (no links, images, HTML)."""
    return _MD_AUTOLINK.sub(r"\\\1\2", _MD_SPECIAL.sub(r"\\\1", text))


def cell_text(value: object) -> object:
    """A spreadsheet cell: text that a spreadsheet would read as a formula gets a leading
    apostrophe (shown as text, never run); numbers stay numbers."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def source_line(c: Citation) -> str:
    return f"{c.label} – Datei: {c.document}"


def numbered(draft: Draft, global_refs: bool
             ) -> tuple[list[tuple[DraftSection, str, list[Citation]]], list[Citation]]:
    """Sections with their text and citations as exported; with ``global_refs`` one
    numbering over the whole draft (a passage cited twice keeps one number)."""
    if not global_refs:
        return [(s, s.text, list(s.citations)) for s in draft.sections], []
    numbers: dict[object, int] = {}
    sources: list[Citation] = []
    out = []
    for s in draft.sections:
        mapping: dict[int, int | None] = {}
        for c in s.citations:
            key = c.chunk_id or (c.document, c.page, c.text)
            if key not in numbers:
                numbers[key] = len(sources) + 1
                sources.append(replace(c, n=numbers[key]))
            mapping[c.n] = numbers[key]
        out.append((s, renumber_marks(s.text, mapping), []))
    return out, sources


def _heading(draft: Draft) -> tuple[str, str]:
    return (f"Ausgangslage – {draft.municipality}",
            f"Entwurf, Stand {draft.updated.replace('T', ' ')}. Erstellt mit dem "
            "Ausgangslage-Assistenten; bitte alle Angaben anhand der Quellen prüfen.")


def to_markdown(draft: Draft, global_refs: bool = False) -> str:
    """Everything from the draft (its text, titles, file names) is escaped (``md_text``);
    only the export's own headings, emphasis and line breaks are Markdown."""
    title, note = _heading(draft)
    lines = [f"# {md_text(title)}", "", f"_{md_text(note)}_", ""]
    sections, sources = numbered(draft, global_refs)
    for i, (s, text, cites) in enumerate(sections, start=1):
        lines += [f"## {i}. {md_text(s.title)}", "", f"_Leitfrage: {md_text(s.question)}_", "",
                  md_text(text) if text else "_(noch kein Text)_", ""]
        if cites:
            lines += ["**Quellen**", ""] + [f"{md_text(source_line(c))}  " for c in cites] + [""]
    if sources:
        lines += ["## Quellen", ""] + [f"{md_text(source_line(c))}  " for c in sources] + [""]
    return "\n".join(lines)


def _runs(paragraph, text: str) -> None:
    for i, part in enumerate(re.split(r"\*\*(.+?)\*\*", text)):
        if part:
            paragraph.add_run(part).bold = i % 2 == 1


def export_docx(draft: Draft, path: Path, global_refs: bool = False) -> Path:
    """Word file: a heading per section, numbered references [n], source lists.
    (python-docx cannot write real footnotes, hence references plus a list.)"""
    from docx import Document
    from docx.shared import Pt

    title, note = _heading(draft)
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    doc.add_paragraph().add_run(note).italic = True
    sections, sources = numbered(draft, global_refs)
    for i, (s, text, cites) in enumerate(sections, start=1):
        doc.add_heading(f"{i}. {s.title}", level=1)
        doc.add_paragraph().add_run(f"Leitfrage: {s.question}").italic = True
        for block in [b for b in re.split(r"\n\s*\n", text) if b.strip()] or ["(noch kein Text)"]:
            _runs(doc.add_paragraph(), " ".join(block.split()))
        if cites:
            doc.add_heading("Quellen", level=2)
            for c in cites:
                doc.add_paragraph(source_line(c)).runs[0].font.size = Pt(9)
    if sources:
        doc.add_heading("Quellen", level=1)
        for c in sources:
            doc.add_paragraph(source_line(c)).runs[0].font.size = Pt(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def measure_rows(overview: Overview) -> list[list[str]]:
    return [[f"D{m.group}" if m.group else "", m.name, m.provider, m.target, m.district,
             ", ".join(m.topics), m.source] for m in overview.measures]


def coverage_rows(overview: Overview) -> tuple[list[str], list[list]]:
    header = ["Thema", *overview.districts, CITYWIDE, "ohne Ortsangabe"]
    rows = [[topic, *(overview.coverage.get((topic, d), 0)
                      for d in (*overview.districts, CITYWIDE, ""))] for topic, _ in TOPICS]
    return header, rows


def gap_rows(overview: Overview) -> list[list[str]]:
    rows = [[f"{topic}: keine Maßnahme gefunden in {', '.join(where)}", "Maßnahmenübersicht"]
            for topic, where in overview.gaps()]
    return rows + [[g.text, g.place.label] for g in overview.stated_gaps]


def export_csv(overview: Overview, path: Path) -> Path:
    """Semicolon-separated with BOM, so Excel opens umlauts correctly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(MEASURE_COLUMNS)
        writer.writerows([cell_text(v) for v in row] for row in measure_rows(overview))
    return path


def export_xlsx(overview: Overview, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    header, rows = coverage_rows(overview)
    sheets = (("Maßnahmen", list(MEASURE_COLUMNS), measure_rows(overview)),
              ("Abdeckung", header, rows), ("Lücken", list(GAP_COLUMNS), gap_rows(overview)))
    for i, (title, head, body) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append(head)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in body:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if cell.data_type == "f":  # text from a document, never a formula
                    cell.data_type = "s"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(width, 8), 60)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path
