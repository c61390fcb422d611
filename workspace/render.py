"""Markdown/HTML snippets for the page: answers with openable citations, source lists,
ingest reports. Plain functions over core types; no gradio.

Text stays text: everything that comes from documents (answers, passages, titles, file
names, problems) goes through ``text`` (shown literally, in Markdown and in HTML alike) or
``markdown_text`` (the same, keeping only our own light markup: headings, list items and
**bold**). Nothing from a document becomes a tag, a link, an image or a formula."""

from __future__ import annotations

import re

from assistant.draft import DraftSection, unsupported_sentences
from assistant.types import Answer, Citation, IngestReport

# characters that can start markup in Markdown (links, images, emphasis, code, tables,
# headings, math) or HTML; written as numeric character references they show as themselves
_MARKUP = frozenset("&<>\"'`\\*_{}[]()#+!|~$@=")
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
# our own markup at the start of a line, and **bold** inside it
_LINE = re.compile(r"^(### |[-*] |\d{1,3}\. )?(.*)$")
_BOLD = re.compile(r"\*\*(\S(?:.*?\S)?)\*\*")


def _lines(value: object) -> str:
    return _CONTROL.sub("", _BREAKS.sub("\n", "" if value is None else str(value)))


def text(value: object) -> str:
    """``value`` shown literally in Gradio Markdown and in HTML: markup characters become
    character references; ``://``, ``www.`` and ``@`` cannot become automatic links."""
    s = _lines(value)
    out = []
    for i, c in enumerate(s):
        if (c in _MARKUP or (c == ":" and s.startswith("//", i + 1))
                or (c == "." and s[max(0, i - 3):i].lower() == "www")):
            out.append(f"&#{ord(c)};")
        else:
            out.append(c)
    return "".join(out)


def _inline(line: str) -> str:
    parts = _BOLD.split(line)
    return "".join(f"**{text(p)}**" if i % 2 else text(p) for i, p in enumerate(parts))


def markdown_text(value: object) -> str:
    """Text with our own light Markdown kept – a heading or list item at the start of a
    line, **bold** – and everything else literal (see ``text``)."""
    out = []
    for line in _lines(value).split("\n"):
        prefix, rest = _LINE.match(line).groups()
        out.append((prefix or "") + _inline(rest))
    return "\n".join(out)


def passage_html(c: Citation, marked: list[str] = ()) -> str:
    """The cited passage, escaped, with the sentences that cite it marked."""
    passage = text(c.text)
    for sentence in marked:
        s = text(sentence.strip())
        if s and s in passage:
            passage = passage.replace(s, f"<mark>{s}</mark>", 1)
    return passage.replace("\n", "<br>")


def citation_details(c: Citation, marked: list[str] = (), open_: bool = False) -> str:
    """A citation that opens its passage (HTML <details>, no server round trip)."""
    title = text(c.label)
    return (
        f"<details class='quelle'{' open' if open_ else ''}><summary>{title}</summary>"
        f"<div class='fundstelle'><div class='datei'>Datei: {text(c.document)}</div>"
        f"{passage_html(c, marked)}</div></details>"
    )


SHOWN_ITEMS = 10  # a long list shows this many items; the rest opens on request


def answer_text(answer: Answer) -> str:
    """The answer's text; of a list answer with more than ``SHOWN_ITEMS`` items the first
    ones, and the rest behind "… weitere Einträge anzeigen"."""
    lines = answer.text.split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("- ")]
    if not answer.items or len(at) <= SHOWN_ITEMS:
        return markdown_text("\n".join(lines))
    cut = at[SHOWN_ITEMS]
    rest = "".join(f"<li>{text(line[2:])}</li>" if line.startswith("- ")
                   else f"</ul><p><b>{text(line.strip().strip('*'))}</b></p><ul>"
                   for line in lines[cut:] if line.strip())
    return (markdown_text("\n".join(lines[:cut])) + "\n\n<details class='weitere'><summary>"
            f"{len(at) - SHOWN_ITEMS} weitere Einträge anzeigen</summary><ul>{rest}</ul>"
            "</details>")


def answer_markdown(answer: Answer) -> str:
    """The chat message for an answer: text, then its sources, each openable."""
    if answer.nearest:
        return "\n".join([markdown_text(answer.text), "",
                          "**Nächstliegende Fundstellen** (beantworten die Frage nicht sicher, "
                          "zum Öffnen anklicken):", ""]
                         + [citation_details(Citation.from_source(i + 1, s))
                            for i, s in enumerate(answer.nearest)])
    if answer.abstained or not answer.citations:
        return markdown_text(answer.text)
    by_n: dict[int, list[str]] = {}
    for s in answer.sentences:
        for n in s.citations:
            by_n.setdefault(n, []).append(s.text)
    parts = [answer_text(answer), "", "**Quellen** (zum Öffnen anklicken):", ""]
    parts += [citation_details(c, by_n.get(c.n, [])) for c in answer.citations]
    return "\n".join(parts)


def section_sources(section: DraftSection) -> str:
    if not section.citations:
        return "_Noch keine Quellen in diesem Abschnitt._"
    return "\n".join(citation_details(c) for c in section.citations)


def section_warnings(section: DraftSection) -> str:
    missing = unsupported_sentences(section)
    if not missing:
        return ""
    items = "\n".join(f"- {text(s)}" for s in missing)
    return f"⚠ **Ohne Beleg** – bitte prüfen, eine Quelle ergänzen oder umformulieren:\n{items}"


def table_markdown(heading: str, header: list[str], rows: list[list]) -> str:
    """A Markdown table whose cells are shown literally (only **bold** kept)."""
    def cell(value: object) -> str:
        return _inline(_lines(value).replace("\n", " "))

    lines = [f"### {text(heading)}", "", "| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ingest_markdown(report: IngestReport) -> str:
    lines = [
        f"**Eingelesen:** {len(report.added)} neu, {len(report.updated)} aktualisiert, "
        f"{len(report.unchanged)} unverändert, {len(report.skipped)} übersprungen "
        f"({report.chunks_written} Abschnitte, {report.seconds:.1f} s)."
    ]
    for p in report.problems:
        label = "❌ Übersprungen" if p.skipped else "⚠ Hinweis"
        lines.append(f"- {label}: **{text(p.path)}** – {text(p.message)}")
    return "\n".join(lines)
