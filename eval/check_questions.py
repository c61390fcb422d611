"""Check a question file against the corpus.

    .venv/bin/python eval/check_questions.py [eval/questions.jsonl] [corpus/dokumente]

For every question it checks the format (see eval/README.md) and that each
evidence string occurs - whitespace-normalised, case-insensitive - in the text of
a labelled source: on a labelled physical page of a PDF, or anywhere in a
non-paginated document (DOCX, HTML, XLSX, MD, TXT). It also checks that every
labelled page and every non-paginated document contains at least one evidence
string. For the answer-shape labels it checks that `answer_type` is known, that every
list item's evidence occurs in its document (on its page for a PDF, and that page is
labelled), that `excluded` names no item, that `balance` counts are whole numbers and that
every figure of a `contradiction` occurs in a labelled source. Prints one line per problem
and exits 1 if there are any.

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
              "unanswerable", "list"}
ANSWER_TYPES = {"list", "balance", "number", "fact"}


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
    problems.extend(check_shape(q))
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
    problems.extend(check_items(q, corpus))
    if q.get("contradiction") is True:
        for figure in q.get("figures", []):
            if not isinstance(figure, str) or not any(normalise(figure) in t for _, t in locations):
                problems.append(f"{qid}: contradiction figure {figure!r} not found in the labelled sources")
    return problems


def check_shape(q: dict) -> list[str]:
    """The answer-shape labels: answer_type, items, excluded, balance, contradiction, split."""
    qid = q.get("id", "?")
    problems = []
    answer_type = q.get("answer_type")
    if answer_type is not None and answer_type not in ANSWER_TYPES:
        problems.append(f"{qid}: unknown answer_type {answer_type!r}")
    if "split" in q and (not isinstance(q["split"], str) or not q["split"]):
        problems.append(f"{qid}: 'split' must be a non-empty string")
    answerable = q.get("answerable")
    for key, wanted in (("items", "list"), ("excluded", "list"), ("balance", "balance")):
        if key in q and answer_type != wanted:
            problems.append(f"{qid}: {key!r} needs answer_type {wanted!r}")
    if answerable is False:
        for key in ("items", "balance", "figures"):
            if q.get(key):
                problems.append(f"{qid}: unanswerable question must not have {key!r}")
    elif answerable is True:
        if answer_type == "list" and not q.get("items"):
            problems.append(f"{qid}: answerable list question without items")
        if answer_type == "balance" and not q.get("balance"):
            problems.append(f"{qid}: answerable balance question without balance")
    if "excluded" in q:
        excluded = q["excluded"]
        if not isinstance(excluded, list) or not all(isinstance(e, str) and e for e in excluded):
            problems.append(f"{qid}: 'excluded' must be a list of non-empty strings")
        else:
            names = {normalise(n) for i in q.get("items") or [] if isinstance(i, dict)
                     for n in [i.get("name") or "", *(i.get("aliases") or [])]}
            for e in excluded:
                if normalise(e) in names:
                    problems.append(f"{qid}: excluded {e!r} is also an item name or alias")
    if "balance" in q:
        balance = q["balance"]
        if (not isinstance(balance, dict) or not balance
                or not all(isinstance(k, str) and k for k in balance)
                or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                           for v in balance.values())):
            problems.append(f"{qid}: 'balance' must map status strings to counts >= 0")
    if "contradiction" in q and not isinstance(q["contradiction"], bool):
        problems.append(f"{qid}: 'contradiction' must be true or false")
    if q.get("contradiction") is True:
        figures = q.get("figures")
        if not isinstance(figures, list) or len(figures) < 2 or len(set(map(str, figures))) < 2:
            problems.append(f"{qid}: a contradiction needs at least two different 'figures'")
    elif "figures" in q:
        problems.append(f"{qid}: 'figures' without 'contradiction': true")
    return problems


def check_items(q: dict, corpus: Path) -> list[str]:
    """Every list item names its document (one of the question's), and its evidence occurs there."""
    qid = q.get("id", "?")
    items = q.get("items")
    if items is None:
        return []
    if not isinstance(items, list):
        return [f"{qid}: 'items' must be a list"]
    problems = []
    documents = q.get("documents", [])
    labelled = {(p.get("document"), p.get("page")) for p in q.get("pages", [])}
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        where = f"{qid} item {n}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        name, evidence, document = item.get("name"), item.get("evidence"), item.get("document")
        aliases = item.get("aliases", [])
        if not isinstance(name, str) or not name:
            problems.append(f"{where}: 'name' must be a non-empty string")
            continue
        where = f"{qid} item {name!r}"
        if normalise(name) in seen:
            problems.append(f"{where}: duplicate item name")
        seen.add(normalise(name))
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            problems.append(f"{where}: 'aliases' must be a list of non-empty strings")
        if not isinstance(evidence, str) or not evidence:
            problems.append(f"{where}: 'evidence' must be a non-empty string")
            continue
        if document not in documents:
            problems.append(f"{where}: document {document!r} is not among the question's documents")
            continue
        path = corpus / document
        if not path.is_file():
            continue  # reported for the question already
        texts = document_pages(path)
        page = item.get("page")
        if path.suffix.lower() == ".pdf" and page is not None:
            if not isinstance(page, int) or not 1 <= page <= len(texts):
                problems.append(f"{where}: {document} has no physical page {page!r}")
                continue
            if (document, page) not in labelled:
                problems.append(f"{where}: page {page} of {document} is not among the question's pages")
            texts = (texts[page - 1],)
        elif page is not None:
            problems.append(f"{where}: 'page' is only for PDF documents")
        if not any(normalise(evidence) in normalise(t) for t in texts):
            at = f" p.{page}" if path.suffix.lower() == ".pdf" and page is not None else ""
            problems.append(f"{where}: evidence {evidence!r} not found in {document}{at}")
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
