"""The fitted answerability decision: the shipped model, and refitting it from dev runs."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from assistant.answer import decision

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_decision_was_fitted_on_dev_parts_and_prefers_better_matches():
    fitted = decision.model()
    assert fitted is not None and set(fitted["weights"]) == set(decision.NAMES)
    assert all("dev" in part for part in fitted["fitted_on"])
    assert 0 < fitted["threshold"] < 1
    weak = decision.signals(0.3, 0.25, 0.2, False, False, 0.0)
    strong = decision.signals(0.9, 0.3, 0.8, False, False, 0.0)
    assert decision.probability(strong, fitted) > fitted["threshold"] \
        > decision.probability(weak, fitted)


def _signals(rng: random.Random, answerable: bool) -> dict:
    best = rng.uniform(0.55, 1.0) if answerable else rng.uniform(0.1, 0.6)
    return decision.signals(best, best - rng.uniform(0, 0.3), rng.uniform(0, 1),
                            not answerable and rng.random() < 0.5, False, 0.02)


def test_the_decision_is_refitted_from_dev_runs(tmp_path):
    rng = random.Random(5)
    run = tmp_path / "gesetze-dev"
    run.mkdir()
    rows = [{"labels": {"answerable": a}, "signals": _signals(rng, a)}
            for a in [True] * 40 + [False] * 15]
    (run / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    answers = tmp_path / "xquad-dev.jsonl"
    answers.write_text("".join(json.dumps({"held_out": not a, "signals": _signals(rng, a)})
                               + "\n" for a in [True] * 80 + [False] * 20))
    out = tmp_path / "entscheidung.json"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/entscheidung_anpassen.py"),
                           "--eval", str(run), "--answers", str(answers), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    fitted = json.loads(out.read_text())
    assert fitted["weights"]["best"] > 0
    assert fitted["dev"]["answerable_refused"] <= 0.05
    assert fitted["dev"]["unanswerable_declined"] > 0.5  # the classes overlap only a little
