"""The question file: JSON Lines, one question per line (format in eval/README.md).

Only ``id`` and ``question`` are required. A question is *labelled* when it says whether it
is ``answerable``; then ``documents``, ``pages`` (physical 1-based PDF pages) and ``evidence``
(short exact substrings of the sources) tell the metrics what a right answer cites.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answerable: bool | None = None  # None: unlabelled
    category: str = ""
    documents: tuple[str, ...] = ()
    pages: tuple[tuple[str, int], ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def labelled(self) -> bool:
        return self.answerable is not None

    def labels(self) -> dict:
        return {
            "answerable": self.answerable, "category": self.category,
            "documents": list(self.documents),
            "pages": [{"document": d, "page": p} for d, p in self.pages],
            "evidence": list(self.evidence),
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
    )


def load_questions(path: Path) -> list[Question]:
    """Read a question file; a broken line stops with a message naming it."""
    if not path.is_file():
        raise ConfigError(
            f"Die Fragendatei {path} wurde nicht gefunden. Bitte mit --questions DATEI angeben."
        )
    out: list[Question] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(parse_question(json.loads(line), f"z{n}"))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"{path}, Zeile {n}: keine gültige Frage ({type(exc).__name__}: {exc}). "
                "Erwartet wird ein JSON-Objekt mit mindestens 'id' und 'question'."
            ) from exc
    if not out:
        raise ConfigError(f"Die Fragendatei {path} enthält keine Fragen.")
    ids = [q.id for q in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"{path}: doppelte Frage-IDs {', '.join(dupes)} – bitte eindeutig machen.")
    return out
