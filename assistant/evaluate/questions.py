"""The question file: JSON Lines, one question per line (format in eval/README.md).

Only ``id`` and ``question`` are required. A question is *labelled* when it says whether it
is ``answerable``; then ``documents``, ``pages`` (physical 1-based PDF pages) and ``evidence``
(short exact substrings of the sources) tell the metrics what a right answer cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.answer.limits import check_input
from assistant.config import Settings
from assistant.errors import ConfigError, QuestionError
from assistant.questionfile import BadLine, QuestionLines, read_question_lines


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answerable: bool | None = None  # None: unlabelled
    category: str = ""
    documents: tuple[str, ...] = ()
    pages: tuple[tuple[str, int], ...] = ()
    evidence: tuple[str, ...] = ()
    answer_type: str = ""  # list | balance | number | fact (eval/README.md)
    split: str = ""  # dev | test | smoke
    items: tuple[dict, ...] = ()  # list questions: every item a complete answer names
    excluded: tuple[str, ...] = ()  # list questions: names that must not be listed
    balance: tuple[tuple[str, int], ...] = ()  # balance questions: rows per status
    figures: tuple[str, ...] = ()  # contradictions: the conflicting figures as written

    @property
    def labelled(self) -> bool:
        return self.answerable is not None

    def labels(self) -> dict:
        return {
            "answerable": self.answerable, "category": self.category,
            "documents": list(self.documents),
            "pages": [{"document": d, "page": p} for d, p in self.pages],
            "evidence": list(self.evidence), "answer_type": self.answer_type,
            "split": self.split, "items": list(self.items), "excluded": list(self.excluded),
            "balance": dict(self.balance), "figures": list(self.figures),
        }


def parse_question(obj: dict, fallback_id: str) -> Question:
    answerable = obj.get("answerable")
    return Question(
        id=str(obj.get("id") or fallback_id),
        question=str(obj["question"]),
        answerable=None if answerable is None else bool(answerable),
        category=str(obj.get("category") or ""),
        documents=tuple(str(d) for d in obj.get("documents") or ()),
        pages=tuple((str(p["document"]), int(p["page"])) for p in obj.get("pages") or ()),
        evidence=tuple(str(e) for e in obj.get("evidence") or ()),
        answer_type=str(obj.get("answer_type") or ""),
        split=str(obj.get("split") or ""),
        items=tuple(dict(i) for i in obj.get("items") or () if isinstance(i, dict)),
        excluded=tuple(str(e) for e in obj.get("excluded") or ()),
        balance=tuple((str(k), int(v)) for k, v in (obj.get("balance") or {}).items()),
        figures=tuple(str(f) for f in obj.get("figures") or ()) if obj.get("contradiction")
        else (),
    )


def _label_problem(obj: dict) -> str | None:
    """Why the labels of a question object do not fit the format (eval/README.md), in
    German; None when they fit or are absent."""
    for key, what in (("documents", "Dateinamen"), ("evidence", "Textstellen")):
        value = obj.get(key)
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(v, str) for v in value)):
            return f"„{key}“ muss eine Liste von {what} sein"
    pages = obj.get("pages")
    if pages is not None and not (isinstance(pages, list) and all(
            isinstance(p, dict) and isinstance(p.get("document"), str)
            and isinstance(p.get("page"), int) and not isinstance(p.get("page"), bool)
            for p in pages)):
        return "„pages“ muss eine Liste wie [{\"document\": \"bericht.pdf\", \"page\": 3}] sein"
    return None


def _beyond_limits(obj: dict, settings: Settings) -> str | None:
    try:
        check_input(obj["question"], settings)
    except QuestionError as exc:
        return str(exc)
    return None


def read_questions(path: Path, settings: Settings | None = None
                   ) -> tuple[list[Question], QuestionLines]:
    """The usable questions of a question file and what was read (``lines.bad`` names every
    line that could not be used, with a German reason); a missing file raises. With
    ``settings``, a question ``ask`` would refuse (``max_question_chars``) is such a line
    too, instead of stopping a run midway."""
    lines = read_question_lines(path)
    questions: list[Question] = []
    rows = []
    for n, obj, qid in lines.rows:
        problem = _label_problem(obj) or (settings and _beyond_limits(obj, settings))
        if problem:
            lines.bad.append(BadLine(n, problem))
            continue
        rows.append((n, obj, qid))
        questions.append(parse_question({**obj, "id": qid}, qid))
    lines.rows = rows
    lines.bad.sort(key=lambda b: b.line)
    return questions, lines


def load_questions(path: Path) -> list[Question]:
    """Read a question file whole: a broken line stops with a message naming every one."""
    questions, lines = read_questions(path)
    if lines.bad:
        raise ConfigError(lines.report())
    if not questions:
        raise ConfigError(f"Die Fragendatei {path} enthält keine Fragen.")
    return questions
