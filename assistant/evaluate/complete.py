"""Scores of complete answers: list questions by their labelled items, balance questions by
the count per status, contradictions by naming every conflicting figure.

- item recall: share of the labelled items whose name or an alias the answer text names;
- item precision: share of the answer's items (``Answer.items``, else its "- " lines) that
  name a labelled item; a line naming an ``excluded`` thing counts as wrong;
- balance right: the answer names "<n> <status>" for every labelled status;
- contradiction named: the answer names every conflicting figure and says the sources
  differ ("weichen ab").
"""

from __future__ import annotations

import re

from assistant.evaluate import metrics as m
from assistant.evaluate.questions import Question


def _names(item: dict) -> list[str]:
    return [m.normalise(n) for n in [item.get("name", ""), *item.get("aliases", [])]
            if m.normalise(n)]


def _answer_items(answer: dict) -> list[str]:
    items = [i.get("text") or i.get("name") or "" for i in answer.get("items") or []]
    if not items:
        items = [line[2:] for line in answer.get("answer", "").split("\n")
                 if line.startswith("- ")]
    return [m.normalise(i) for i in items if i.strip()]


def item_scores(q: Question, answer: dict) -> dict:
    if not q.items or answer.get("abstained"):
        return {"item_recall": 0.0} if q.items else {}
    text = m.normalise(answer.get("answer", ""))
    labelled = [_names(i) for i in q.items]
    found = sum(any(n in text for n in names) for names in labelled)
    out: dict = {"item_recall": found / len(labelled)}
    listed = _answer_items(answer)
    if listed:
        excluded = [m.normalise(e) for e in q.excluded if m.normalise(e)]
        right = sum(any(n in line for names in labelled for n in names)
                    and not any(e in line for e in excluded) for line in listed)
        out["item_precision"] = right / len(listed)
    return out


def balance_right(q: Question, answer: dict) -> dict:
    if not q.balance:
        return {}
    text = answer.get("answer", "").lower()
    ok = not answer.get("abstained") and all(
        re.search(rf"(?<![\d.]){n}\s+{re.escape(status.lower())}\b", text)
        for status, n in q.balance)
    return {"balance_right": float(ok)}


def contradiction_named(q: Question, answer: dict) -> dict:
    if not q.figures:
        return {}
    text = answer.get("answer", "")
    ok = (not answer.get("abstained") and "weichen ab" in text
          and all(f in text for f in q.figures))
    return {"contradiction_named": float(ok)}


def complete_scores(q: Question, answer: dict) -> dict:
    return {**item_scores(q, answer), **balance_right(q, answer),
            **contradiction_named(q, answer)}


COMPLETE = ("item_recall", "item_precision", "balance_right", "contradiction_named")
