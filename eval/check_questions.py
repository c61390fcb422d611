"""Check a question file against the corpus.

    .venv/bin/python eval/check_questions.py [eval/questions.jsonl] [corpus/dokumente]

For every question it checks the format (see eval/README.md) and that each
evidence string occurs - whitespace-normalised, case-insensitive - in the text of
a labelled source: on a labelled physical page of a PDF, or anywhere in a
non-paginated document (DOCX, HTML, XLSX, MD, TXT). It also checks that every
labelled page and every non-paginated document contains at least one evidence
string. Prints one line per problem and exits 1 if there are any.

Text is extracted the simple way on purpose (pypdf per page, python-docx
paragraphs and table cells, visible HTML text, XLSX rows joined with " | "),
so evidence strings that survive here survive any reasonable ingestion.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT / "eval" / "questions.jsonl"
DEFAULT_CORPUS = ROOT / "corpus" / "dokumente"
CATEGORIES = {"step2", "multi_doc", "figure", "contradiction", "district", "year", "factual",
              "unanswerable"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class _VisibleText(HTMLParser):
    SKIP = {"script", "style", "head", "noscript", "template"}
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "td", "th",
             "section", "article", "aside", "nav", "header", "footer", "main", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def _pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    lines = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            if cells:
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _html_text(path: Path) -> str:
    parser = _VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


@cache
def document_pages(path: Path) -> tuple[str, ...]:
    """One text per physical page for PDFs, a single text for everything else."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return tuple(_pdf_pages(path))
    if suffix == ".docx":
        return (_docx_text(path),)
    if suffix == ".xlsx":
        return (_xlsx_text(path),)
    if suffix in (".html", ".htm"):
        return (_html_text(path),)
    return (path.read_text(encoding="utf-8"),)


def check_question(q: dict, corpus: Path) -> list[str]:
    qid = q.get("id", "?")
    problems = []
    if not isinstance(q.get("id"), str) or not isinstance(q.get("question"), str):
        return [f"{qid}: 'id' and 'question' are required strings"]
    category = q.get("category")
    if category is not None and category not in CATEGORIES:
        problems.append(f"{qid}: unknown category {category!r}")
    documents = q.get("documents", [])
    pages = q.get("pages", [])
    evidence = q.get("evidence", [])
    if q.get("answerable", True) is False:
        if documents or pages or evidence:
            problems.append(f"{qid}: unanswerable question must have empty documents/pages/evidence")
        if category not in (None, "unanswerable"):
            problems.append(f"{qid}: unanswerable question should have category 'unanswerable'")
        return problems
    if "answerable" not in q:
        return problems  # unlabelled question (only id + question): nothing more to check
    if not documents:
        problems.append(f"{qid}: answerable question without documents")
    if not 1 <= len(evidence) <= 5:
        problems.append(f"{qid}: expected 1-5 evidence strings, got {len(evidence)}")

    # Locations to search: (label, text)
    locations: list[tuple[str, str]] = []
    for name in documents:
        path = corpus / name
        if not path.is_file():
            problems.append(f"{qid}: document {name!r} not found in {corpus}")
            continue
        texts = document_pages(path)
        if path.suffix.lower() == ".pdf":
            doc_pages = [p["page"] for p in pages if p.get("document") == name]
            if not doc_pages:
                problems.append(f"{qid}: PDF {name!r} listed without pages")
            for number in doc_pages:
                if not 1 <= number <= len(texts):
                    problems.append(f"{qid}: {name} has no physical page {number}")
                    continue
                locations.append((f"{name} p.{number}", normalise(texts[number - 1])))
        else:
            locations.append((name, normalise(texts[0])))
    for p in pages:
        if p.get("document") not in documents:
            problems.append(f"{qid}: page entry for unlisted document {p.get('document')!r}")

    for snippet in evidence:
        needle = normalise(snippet)
        if not any(needle in text for _, text in locations):
            problems.append(f"{qid}: evidence {snippet!r} not found in {[l for l, _ in locations]}")
    for label, text in locations:
        if not any(normalise(s) in text for s in evidence):
            problems.append(f"{qid}: no evidence string occurs in labelled source {label}")
    return problems


def main(argv: list[str]) -> int:
    questions_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_QUESTIONS
    corpus = Path(argv[2]) if len(argv) > 2 else DEFAULT_CORPUS
    problems: list[str] = []
    seen: set[str] = set()
    count = 0
    for lineno, line in enumerate(questions_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: invalid JSON ({exc})")
            continue
        count += 1
        if q.get("id") in seen:
            problems.append(f"line {lineno}: duplicate id {q.get('id')!r}")
        seen.add(q.get("id"))
        problems.extend(check_question(q, corpus))
    for problem in problems:
        print(problem)
    print(f"checked {count} questions in {questions_path.name}: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
