"""Whether the sources answer a question: a small logistic model over signals the answerer
computes anyway, fitted on the dev parts of the real evaluation sets
(``scripts/entscheidung_anpassen.py``), stored in ``data/entscheidung.json``.

Signals (``signals``): the best sentence score, its margin over the next, the share of the
question's terms the best sentence holds, and whether the question names concepts no document
uses (and how well the best sentence matches then). The model answers when P(answerable) ≥
its ``threshold``; it replaces the hand-set thresholds (best score 0.36, 0.5 with an absent
concept). Three checks of logic stay in front of it: a name no document uses, a question
for an amount or share that no found sentence gives (``answertype.wanted``), and a question
for a number of something that no found sentence counts (``answertype.names_unit``; its
outcome is recorded as the signal ``unit_missing``, not weighed). The fused
retrieval score is recorded but not used: its scale depends on the search settings. Without
the data file (or with ``decision = "regeln"``) the hand-set rules of ``extractive`` decide.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "entscheidung.json"
NAMES = ("best", "margin", "coverage", "absent", "absent_best")


def signals(best: float, second: float, coverage: float, absent: bool, kind_missing: bool,
            top_score: float, unit_missing: bool = False) -> dict[str, float]:
    return {"best": best, "margin": best - second, "coverage": coverage,
            "absent": float(absent), "absent_best": best if absent else 0.0,
            "kind_missing": float(kind_missing), "top_score": top_score,
            "unit_missing": float(unit_missing)}


@cache
def model(path: Path = DATA) -> dict | None:
    """The fitted model ({"weights", "mean", "scale", "bias", "threshold", "fitted_on", …}),
    or None."""
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def probability(values: dict[str, float], fitted: dict) -> float:
    """P(answerable) of the fitted model; signals are standardised as when it was fitted."""
    z = fitted["bias"] + sum(
        fitted["weights"][n] * (values[n] - fitted["mean"][n]) / fitted["scale"][n]
        for n in NAMES)
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
