"""Fit the answerability decision (assistant/answer/decision.py) on the dev parts of the real
evaluation sets and write assistant/answer/data/entscheidung.json.

Input: runs made with the current code on the dev parts only (never the test parts):

    .venv/bin/assistant eval --questions eval/gesetze/questions.jsonl \\
        --corpus eval/gesetze/dokumente --split dev --out /tmp/runs/gesetze-dev
    .venv/bin/assistant bench answers --beir ../shared/benchmarks/xquad-de --split dev \\
        --out /tmp/runs/xquad-dev.md
    .venv/bin/python scripts/entscheidung_anpassen.py \\
        --eval /tmp/runs/gesetze-dev --answers /tmp/runs/xquad-dev.jsonl

Label: 1 when the question is answerable (law set: ``answerable``; XQuAD: its paragraph is
in the index). Model: scikit-learn's logistic regression over ``decision.NAMES``
(standardised; means and scales are stored with the weights), balanced
class weights (the sets hold fewer unanswerable questions, and a wrong answer costs more
than a refusal), each set weighted equally. Threshold: the highest probability cut-off
whose share of answerable questions refused on dev stays at most ``--max-refused``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from assistant.answer.decision import DATA, NAMES  # noqa: E402


def _eval_rows(folder: Path) -> list[tuple[dict, int]]:
    out = []
    for line in (folder / "results.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("signals") and r["labels"].get("answerable") is not None:
            out.append((r["signals"], int(bool(r["labels"]["answerable"]))))
    return out


def _answer_rows(path: Path) -> list[tuple[dict, int]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["signals"], int(not r["held_out"])) for r in rows if r.get("signals")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, action="append", default=[],
                        help="Ergebnisordner von 'assistant eval --split dev'")
    parser.add_argument("--answers", type=Path, action="append", default=[],
                        help="JSONL von 'assistant bench answers --split dev --out …'")
    parser.add_argument("--max-refused", type=float, default=0.05)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    sets = [(str(p), _eval_rows(p)) for p in args.eval]
    sets += [(str(p), _answer_rows(p)) for p in args.answers]
    sets = [(name, rows) for name, rows in sets if rows]
    if not sets:
        print("Keine Läufe mit Signalen gefunden.", file=sys.stderr)
        return 2
    x = np.array([[s[n] for n in NAMES] for _, rows in sets for s, _ in rows])
    y = np.array([label for _, rows in sets for _, label in rows])
    # every set counts the same, whatever its size
    weight = np.concatenate([np.full(len(rows), 1.0 / len(rows)) for _, rows in sets])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    fit = LogisticRegression(class_weight="balanced", C=1.0, max_iter=1000)
    fit.fit((x - mean) / scale, y, sample_weight=weight * len(y) / len(sets))
    p = fit.predict_proba((x - mean) / scale)[:, 1]
    threshold = 0.5
    for cut in np.arange(0.05, 0.951, 0.01):
        refused = float(np.mean(p[y == 1] < cut))
        if refused <= args.max_refused:
            threshold = float(round(cut, 2))
    answered = p >= threshold
    report = {
        "weights": {n: float(w) for n, w in zip(NAMES, fit.coef_[0])},
        "mean": {n: float(v) for n, v in zip(NAMES, mean)},
        "scale": {n: float(v) for n, v in zip(NAMES, scale)},
        "bias": float(fit.intercept_[0]),
        "threshold": threshold,
        "fitted_on": [f"{Path(name).name}: {len(rows)} Fragen" for name, rows in sets],
        "fitted": time.strftime("%Y-%m-%d"),
        "dev": {"answerable_refused": float(np.mean(~answered[y == 1])),
                "unanswerable_declined": float(np.mean(~answered[y == 0]))},
        "how": "scripts/entscheidung_anpassen.py",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
