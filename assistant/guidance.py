"""The six central questions of step 2 ("Die Ausgangslage bestimmen") of the Wegbereiter
guidance (RuhrFutur with Bochum, Mülheim an der Ruhr and Kreis Recklinghausen), read from
``data/leitfragen.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Step2Question:
    key: str
    title: str  # section heading in the draft
    question: str  # as the guidance asks it
    search: str  # what retrieval looks for (the guidance's wording plus synonyms)


# the questions, titles and search wordings, with their origin: data/leitfragen.json
DATA = Path(__file__).parent / "data" / "leitfragen.json"


@cache
def _questions() -> tuple[Step2Question, ...]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(Step2Question(q["key"], q["title"], q["question"], q["search"])
                 for q in data["fragen"])


STEP2_QUESTIONS = _questions()


def _plain(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


_BY_WORDING = {_plain(q.question): q for q in STEP2_QUESTIONS}


def step2_question(text: str) -> Step2Question | None:
    """The guidance question ``text`` asks word for word (case, punctuation and spacing
    aside), or None."""
    return _BY_WORDING.get(_plain(text))
