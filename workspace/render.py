"""Markdown/HTML snippets for the page: answers with openable citations, source lists,
ingest reports. Plain functions over core types; no gradio."""

from __future__ import annotations

import html

from assistant.draft import DraftSection, unsupported_sentences
from assistant.types import Answer, Citation, IngestReport


_GLYPHS = str.maketrans({"\x7f": "•", "\uf0b7": "•", "\uf0a7": "•"})  # PDF bullet glyphs


def tidy(text: str) -> str:
    """Text for the screen: bullet glyphs some PDFs use (shown as boxes) become "•"."""
    return text.translate(_GLYPHS)


def _where(c: Citation) -> str:
    return f", {c.where}" if c.where else ""


def passage_html(c: Citation, marked: list[str] = ()) -> str:
    """The cited passage, escaped, with the sentences that cite it marked."""
    text = html.escape(tidy(c.text))
    for sentence in marked:
        s = html.escape(tidy(sentence).strip())
        if s and s in text:
            text = text.replace(s, f"<mark>{s}</mark>", 1)
    return text.replace("\n", "<br>")


def citation_details(c: Citation, marked: list[str] = (), open_: bool = False) -> str:
    """A citation that opens its passage (HTML <details>, no server round trip)."""
    title = html.escape(f"[{c.n}] {c.title}{_where(c)}")
    return (
        f"<details class='quelle'{' open' if open_ else ''}><summary>{title}</summary>"
        f"<div class='fundstelle'><div class='datei'>Datei: {html.escape(c.document)}</div>"
        f"{passage_html(c, marked)}</div></details>"
    )


def answer_markdown(answer: Answer) -> str:
    """The chat message for an answer: text, then its sources, each openable."""
    if answer.abstained or not answer.citations:
        return tidy(answer.text)
    by_n: dict[int, list[str]] = {}
    for s in answer.sentences:
        for n in s.citations:
            by_n.setdefault(n, []).append(s.text)
    parts = [tidy(answer.text), "", "**Quellen** (zum Öffnen anklicken):", ""]
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
    items = "\n".join(f"- {s}" for s in missing)
    return f"⚠ **Ohne Beleg** – bitte prüfen, eine Quelle ergänzen oder umformulieren:\n{items}"


def ingest_markdown(report: IngestReport) -> str:
    lines = [
        f"**Eingelesen:** {len(report.added)} neu, {len(report.updated)} aktualisiert, "
        f"{len(report.unchanged)} unverändert, {len(report.skipped)} übersprungen "
        f"({report.chunks_written} Abschnitte, {report.seconds:.1f} s)."
    ]
    for p in report.problems:
        label = "❌ Übersprungen" if p.skipped else "⚠ Hinweis"
        lines.append(f"- {label}: **{html.escape(p.path)}** – {html.escape(p.message)}")
    return "\n".join(lines)
