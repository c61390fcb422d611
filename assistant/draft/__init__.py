"""Draft stage: the Ausgangslage as six sections (the step-2 questions), each with its text
and the citations that carry it.

A section's text marks its sources as ``[n]``; ``n`` is the number of a citation *within that
section*. Adopting an answer appends its text and renumbers its marks behind the section's
citations (a passage cited already keeps its number). Removing a citation removes its marks
and closes the gap. Drafts are JSON files under ``settings.drafts_dir``, one per municipality,
written atomically (temp file + ``os.replace``). Export: Markdown and DOCX with numbered
references and a source list per section or one for the whole draft.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from assistant.answer import Drafter
from assistant.errors import AssistantError
from assistant.guidance import STEP2_QUESTIONS
from assistant.text import split_sentences
from assistant.types import Answer, Citation, Filters

FORMAT_VERSION = 1
_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_ORDER = {q.key: i for i, q in enumerate(STEP2_QUESTIONS)}


@dataclass(frozen=True)
class DraftSection:
    key: str
    title: str
    question: str
    text: str = ""
    citations: tuple[Citation, ...] = ()
    unsupported: tuple[str, ...] = ()  # sentences a generator flagged as not carried by sources


@dataclass(frozen=True)
class Draft:
    municipality: str
    sections: tuple[DraftSection, ...]
    updated: str = ""

    def section(self, key: str) -> DraftSection:
        for s in self.sections:
            if s.key == key:
                return s
        known = ", ".join(s.key for s in self.sections)
        raise AssistantError(f"Unbekannter Abschnitt '{key}'. Vorhanden: {known}.")


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def new_draft(municipality: str) -> Draft:
    sections = tuple(DraftSection(q.key, q.title, q.question) for q in STEP2_QUESTIONS)
    return Draft(municipality=municipality.strip() or "Kommune", sections=sections, updated=_now())


def replace_section(draft: Draft, section: DraftSection) -> Draft:
    draft.section(section.key)  # raises for an unknown key
    sections = tuple(section if s.key == section.key else s for s in draft.sections)
    return replace(draft, sections=sections, updated=_now())


# --- citation marks --------------------------------------------------------------------
def renumber_marks(text: str, mapping: dict[int, int | None]) -> str:
    """Rewrite ``[n]`` / ``[n, m]`` marks; numbers mapped to None are dropped (with the mark
    when it becomes empty). Numbers not in ``mapping`` stay."""
    def sub(m: re.Match) -> str:
        numbers = []
        for part in m.group(1).split(","):
            n = mapping.get(int(part), int(part))
            if n is not None and n not in numbers:
                numbers.append(n)
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    text = _MARK.sub(sub, text)
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()


def _bare(text: str) -> str:
    """Text without its citation marks, e.g. for comparing sentences."""
    return " ".join(re.sub(r"\s*" + _MARK.pattern, "", text).split())


def marks_in(text: str) -> set[int]:
    return {int(p) for m in _MARK.finditer(text) for p in m.group(1).split(",")}


def answer_text(answer: Answer) -> str:
    """An answer as draft prose: its sentences with their marks, one paragraph per source
    document; the answer's own text where it has no sentence list."""
    if not answer.sentences:
        return answer.text.strip()
    by_n = {c.n: c.document for c in answer.citations}
    paragraphs: list[list[str]] = []
    last_doc = None
    for s in answer.sentences:
        doc = by_n.get(s.citations[0]) if s.citations else last_doc
        marks = "".join(f" [{n}]" for n in s.citations if f"[{n}]" not in s.text)
        text = s.text.strip()
        end = text[-1] if text[-1:] in ".!?" else ""  # marks go before the full stop
        if not paragraphs or doc != last_doc:
            paragraphs.append([])
        paragraphs[-1].append(f"{text[:len(text) - len(end)]}{marks}{end}")
        last_doc = doc
    # table rows ("Feld: Wert | Feld: Wert") stay one per line; prose runs as a paragraph
    return "\n\n".join(
        "\n".join(f"- {x}" for x in p) if any(" | " in x for x in p) else " ".join(p)
        for p in paragraphs)


def append_to_section(section: DraftSection, text: str, citations: tuple[Citation, ...],
                      unsupported: tuple[str, ...] = ()) -> DraftSection:
    """Append text whose marks refer to ``citations``; renumber behind the section's own."""
    known = {c.chunk_id or (c.document, c.page, c.text): c.n for c in section.citations}
    merged = list(section.citations)
    mapping: dict[int, int | None] = {}
    for c in citations:
        key = c.chunk_id or (c.document, c.page, c.text)
        if key not in known:
            known[key] = len(merged) + 1
            merged.append(replace(c, n=known[key]))
        mapping[c.n] = known[key]
    added = renumber_marks(text, mapping)
    body = f"{section.text.rstrip()}\n\n{added}" if section.text.strip() else added
    flagged = tuple(renumber_marks(u, mapping) for u in unsupported)
    return replace(section, text=body, citations=tuple(merged),
                   unsupported=tuple(dict.fromkeys(section.unsupported + flagged)))


def adopt_answer(draft: Draft, key: str, answer: Answer) -> Draft:
    """"In Entwurf übernehmen": append an answer with its citations to section ``key``."""
    if answer.abstained or not answer.citations:
        raise AssistantError(
            "Diese Antwort enthält keine belegte Aussage und wird nicht übernommen. Bitte die "
            "Frage anders stellen oder Filter prüfen."
        )
    unsupported = tuple(s.text for s in answer.sentences if not s.supported)
    section = append_to_section(draft.section(key), answer_text(answer), answer.citations,
                                unsupported)
    return replace_section(draft, section)


def draft_section(engine, key: str, llm: str | None = None,
                  filters: Filters | None = None) -> DraftSection:
    """Generate section ``key`` from the sources (the step-2 question's search text).

    Extractive by default; ``llm`` names another answer backend (its ``draft`` method and
    section prompt are used where it has one). Returns a fresh section;
    ``adopt_section`` appends it to a draft."""
    question = next((q for q in STEP2_QUESTIONS if q.key == key), None)
    if question is None:
        raise AssistantError(f"Unbekannter Abschnitt '{key}'.")
    answerer = engine.answerer(llm)
    if isinstance(answerer, Drafter):  # language-model backends have a section prompt
        sources = engine.retriever.search(question.search, k=engine.settings.draft_k,
                                          filters=filters)
        answer = answerer.draft(question.title, question.question, sources)
    else:
        # searched with question.search, answered as asked (``assistant.answer.query``)
        answer = engine.ask(question.question, k=engine.settings.draft_k, filters=filters,
                            llm=llm)
    if answer.abstained or not answer.citations:
        raise AssistantError(
            f"Für „{question.title}“ finden sich in den Dokumenten keine passenden Stellen. "
            "Bitte fehlende Unterlagen im Reiter „Dokumente“ hochladen oder Filter prüfen."
        )
    empty = DraftSection(question.key, question.title, question.question)
    unsupported = tuple(s.text for s in answer.sentences if not s.supported)
    return append_to_section(empty, answer_text(answer), answer.citations, unsupported)


def adopt_section(draft: Draft, generated: DraftSection) -> Draft:
    current = draft.section(generated.key)
    return replace_section(draft, append_to_section(
        current, generated.text, generated.citations, generated.unsupported))


def edit_text(draft: Draft, key: str, text: str) -> Draft:
    section = draft.section(key)
    kept = tuple(u for u in section.unsupported if _bare(u).rstrip(".!?") in _bare(text))
    return replace_section(draft, replace(section, text=text.strip(), unsupported=kept))


def remove_citation(draft: Draft, key: str, n: int) -> Draft:
    """Remove citation ``n`` and its marks; later citations move up by one."""
    section = draft.section(key)
    if not any(c.n == n for c in section.citations):
        raise AssistantError(f"Abschnitt „{section.title}“ hat keine Quelle [{n}].")
    mapping: dict[int, int | None] = {n: None}
    kept = []
    for c in section.citations:
        if c.n != n:
            mapping[c.n] = len(kept) + 1
            kept.append(replace(c, n=len(kept) + 1))
    return replace_section(draft, replace(
        section, text=renumber_marks(section.text, mapping), citations=tuple(kept),
        unsupported=tuple(renumber_marks(u, mapping) for u in section.unsupported),
    ))


def unsupported_sentences(section: DraftSection) -> list[str]:
    """Sentences without a source mark, and those a generator flagged as unsupported."""
    out = []
    for line in section.text.splitlines():
        line = line.strip().lstrip("-*• ").strip()
        if not line or (line.startswith("**") and line.endswith("**")) or line.endswith(":"):
            continue
        for sentence in split_sentences(line):
            bare = _bare(sentence)
            flagged = any(u and _bare(u) in (bare, bare.rstrip(".!?") + ".")
                          for u in section.unsupported)
            if flagged or not _MARK.search(sentence):
                out.append(sentence)
    return out


# --- persistence -----------------------------------------------------------------------
def draft_path(directory: Path, municipality: str) -> Path:
    slug = re.sub(r"[^a-z0-9äöüß]+", "-", municipality.lower()).strip("-") or "kommune"
    return directory / f"{slug}.json"


def to_dict(draft: Draft) -> dict:
    return {"version": FORMAT_VERSION, **asdict(draft)}


def from_dict(data: dict) -> Draft:
    stored = {s["key"]: s for s in data.get("sections", []) if s.get("key") in _ORDER}
    sections = []
    for q in STEP2_QUESTIONS:
        s = stored.get(q.key, {})
        sections.append(DraftSection(
            key=q.key, title=q.title, question=q.question, text=str(s.get("text", "")),
            citations=tuple(Citation(**c) for c in s.get("citations", [])),
            unsupported=tuple(s.get("unsupported", [])),
        ))
    return Draft(municipality=str(data["municipality"]), sections=tuple(sections),
                 updated=str(data.get("updated", "")))


def save_draft(draft: Draft, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = draft_path(directory, draft.municipality)
    fd, tmp = tempfile.mkstemp(prefix=".entwurf-", suffix=".json", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(to_dict(draft), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_draft(path: Path) -> Draft:
    try:
        return from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise AssistantError(
            f"Der Entwurf {path} kann nicht gelesen werden ({exc}). Bitte die Datei aus einer "
            "Sicherung wiederherstellen oder umbenennen; dann wird ein neuer Entwurf angelegt."
        ) from exc


def list_drafts(directory: Path) -> list[Path]:
    """Draft files, most recently changed first."""
    if not directory.is_dir():
        return []
    files = [p for p in directory.glob("*.json") if not p.name.startswith(".")]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def open_draft(directory: Path, municipality: str) -> Draft:
    """The saved draft of ``municipality``, or a new empty one."""
    path = draft_path(directory, municipality)
    return load_draft(path) if path.is_file() else new_draft(municipality)


# --- export ------------------------------------------------------------------------------
