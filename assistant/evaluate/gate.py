"""Compare two run summaries, and the CI gate: no headline metric may fall below the
baseline by more than a margin."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import ConfigError
from assistant.evaluate.score import HEADLINE

# lower is better for these; every other numeric metric: higher is better
LOWER_IS_BETTER = ("false_answers", "false_refusals", "latency_ms_p50", "latency_ms_p95",
                   "abstention_rate", "non_german_answers")


def load_summary(path: Path) -> dict:
    """A run folder or a summary.json file."""
    file = path / "summary.json" if path.is_dir() else path
    if not file.is_file():
        raise ConfigError(
            f"Keine Auswertung unter {path} gefunden. Bitte einen Ordner aus eval/runs/ "
            "oder eine summary.json angeben."
        )
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{file} ist keine gültige JSON-Datei ({exc}).") from exc


def _numeric(summary: dict) -> dict[str, float]:
    return {k: float(v) for k, v in summary.get("metrics", {}).items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)}


def compare(a: dict, b: dict) -> list[tuple[str, float | None, float | None, float | None]]:
    """(metric, value in a, value in b, b − a) for every numeric metric of either run."""
    va, vb = _numeric(a), _numeric(b)
    rows = []
    for name in sorted(set(va) | set(vb), key=lambda n: (n not in HEADLINE, n)):
        x, y = va.get(name), vb.get(name)
        rows.append((name, x, y, None if x is None or y is None else y - x))
    return rows


def settings_differences(a: dict, b: dict) -> list[str]:
    sa, sb = a.get("settings", {}), b.get("settings", {})
    return [f"{k}: {sa.get(k)!r} → {sb.get(k)!r}" for k in sorted(set(sa) | set(sb))
            if sa.get(k) != sb.get(k)]


def gate(baseline: dict, current: dict, margin: float,
         names: tuple[str, ...] = HEADLINE) -> list[str]:
    """German messages for every headline metric below baseline − margin (empty: passed)."""
    base, now = _numeric(baseline), _numeric(current)
    failures = []
    for name in names:
        if name not in base:
            continue
        if name not in now:
            failures.append(f"{name}: fehlt in der aktuellen Auswertung (Basis {base[name]:.3f}).")
        elif now[name] < base[name] - margin:
            failures.append(
                f"{name}: {now[name]:.3f} liegt unter Basis {base[name]:.3f} − {margin:.3f}."
            )
    return failures


def format_comparison(a: dict, b: dict) -> str:
    lines = [f"{'Kennzahl':28} {'A':>10} {'B':>10} {'B − A':>10}"]
    for name, x, y, d in compare(a, b):
        def fmt(v: float | None) -> str:
            return "–" if v is None else f"{v:.3f}"
        flag = ""
        if d is not None and abs(d) > 1e-9:
            better = d < 0 if name in LOWER_IS_BETTER else d > 0
            flag = "  besser" if better else "  schlechter"
        star = "*" if name in HEADLINE else " "
        lines.append(f"{star}{name:27} {fmt(x):>10} {fmt(y):>10} {fmt(d):>10}{flag}")
    diffs = settings_differences(a, b)
    if diffs:
        lines.append("\nUnterschiedliche Einstellungen: " + "; ".join(diffs))
    lines.append("* = Leitkennzahl des CI-Gates")
    return "\n".join(lines)
