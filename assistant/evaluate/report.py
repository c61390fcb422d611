"""Write a run: ``results.jsonl`` (one record per question), ``summary.json``, ``report.md``
and ``report.html`` with the recall@k plot embedded as a PNG (base64)."""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from pathlib import Path

from assistant.evaluate.score import DIAGNOSES, HEADLINE, K_MAX, recall_curve

Table = tuple[str, list[str], list[list[str]]]  # heading, header, rows

METRICS = {
    "evidence_hit@5": "Anteil beantwortbarer Fragen mit einer Belegstelle unter den ersten 5 Treffern",
    "citation_precision": "Anteil der Quellenangaben, deren Abschnitt einen Beleg enthält",
    "abstention_accuracy": "beantwortet genau dann, wenn die Frage beantwortbar ist",
    "ndcg@10": "nDCG@10 auf Ebene Dokument/Seite (MTEB-Definition)",
    "citation_recall": "Anteil beantwortbarer Fragen mit mindestens einer richtigen Quelle",
    "citation_validity": "Anteil der Antworten, deren [n] alle auflösen (mit Dokument und Abschnitt)",
    "evidence_coverage": "Anteil der Belegstellen (oder ihrer Zahlen/Begriffe) in Antwort und Quellen",
    "evidence_recall@10": "Anteil der Belegstellen in den ersten 10 Treffern",
    "evidence_mrr@10": "1/Rang des ersten Treffers mit Beleg",
    "evidence_ndcg@10": "nDCG@10 über alle Abschnitte, die einen Beleg enthalten",
    "page_hit@5": "richtiges Dokument/richtige Seite unter den ersten 5 Treffern",
    "page_recall@10": "Anteil der beschrifteten Seiten unter den ersten 10 Treffern",
    "page_mrr@10": "1/Rang des ersten Treffers auf einer beschrifteten Seite",
    "false_answers": "unbeantwortbare Fragen, die trotzdem beantwortet wurden (Anzahl)",
    "false_refusals": "beantwortbare Fragen, die abgelehnt wurden (Anzahl)",
    "abstention_rate": "Anteil abgelehnter Fragen",
    "non_german_answers": "Antworten, die nicht auf Deutsch sind (Anzahl, Spracherkennung py3langid)",
    "latency_ms_p50": "Antwortzeit, Median (ms)",
    "latency_ms_p95": "Antwortzeit, 95. Perzentil (ms)",
}


def fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3f}"
    return str(value)


def tables(summary: dict, records: Sequence[dict]) -> list[Table]:
    m = summary["metrics"]
    out: list[Table] = [(
        "Kennzahlen", ["Kennzahl", "Wert", "Bedeutung"],
        [[("**" + n + "**") if n in HEADLINE else n, fmt(m.get(n)), text]
         for n, text in METRICS.items() if n in m],
    )]
    curves = [recall_curve(m, level) for level in ("evidence", "page")]
    if any(v is not None for c in curves for v in c):
        out.append((
            "Recall@k der Suche (k = 1 … 10)", ["Ebene", *[str(k) for k in range(1, K_MAX + 1)]],
            [["Belegstelle", *map(fmt, curves[0])], ["Dokument/Seite", *map(fmt, curves[1])]],
        ))
    if m.get("diagnoses"):
        out.append(("Diagnose", ["Befund", "Anzahl", "Bedeutung"],
                    [[d, str(n), DIAGNOSES[d]] for d, n in m["diagnoses"].items()]))
    problems = [r for r in records if r["metrics"].get("diagnosis") not in (None, "ok")]
    if problems:
        rows = []
        for r in problems:
            top = r["sources"][0] if r["sources"] else {}
            where = f"{top.get('document', '–')} S. {top.get('page') or '–'}" if top else "–"
            rows.append([r["id"], r["labels"].get("category") or "", r["metrics"]["diagnosis"],
                         r["question"], where, "; ".join(r.get("notes") or [])])
        out.append(("Fragen mit Befund", ["ID", "Kategorie", "Befund", "Frage",
                                          "erste Quelle", "Hinweis"], rows))
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(summary: dict, records: Sequence[dict]) -> str:
    m = summary["metrics"]
    lines = [f"# Auswertung {summary['label']}", "",
             f"{m['questions']} Fragen ({m['answerable']} beantwortbar, "
             f"{m['unanswerable']} unbeantwortbar, "
             f"{m['questions'] - m['labelled']} ohne Beschriftung) · "
             f"Fragen: `{summary.get('questions_file')}` · Dokumente: `{summary.get('corpus')}` · "
             f"{summary['created']}", "",
             "Einstellungen: " + ", ".join(f"{k}={v}" for k, v in summary["settings"].items())]
    for heading, header, rows in tables(summary, records):
        lines += ["", f"## {heading}", "", "| " + " | ".join(header) + " |",
                  "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def plot_png(series: dict[str, list[float | None]], title: str) -> bytes:
    """Line plot of recall@1..10 per series, as PNG bytes (matplotlib, Agg backend)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4), dpi=100)
    ax = fig.add_subplot()
    ks = list(range(1, K_MAX + 1))
    for name, values in series.items():
        points = [(k, v) for k, v in zip(ks, values) if v is not None]
        if points:
            ax.plot(*zip(*points), marker="o", label=name)
    ax.set_xlabel("k")
    ax.set_ylabel("Recall@k")
    ax.set_ylim(0, 1.02)
    ax.set_xticks(ks)
    ax.grid(alpha=0.3)
    ax.set_title(title)
    if ax.get_legend_handles_labels()[0]:  # a set without evidence labels draws no line
        ax.legend(loc="lower right", fontsize="small")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def to_html(summary: dict, records: Sequence[dict], png: bytes) -> str:
    esc = html.escape
    parts = ["<!doctype html><html lang='de'><head><meta charset='utf-8'>",
             f"<title>Auswertung {esc(summary['label'])}</title>",
             "<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}"
             "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
             "padding:.2em .5em;text-align:left;vertical-align:top}</style></head><body>",
             f"<h1>Auswertung {esc(summary['label'])}</h1>",
             f"<p>{esc(str(summary['metrics']['questions']))} Fragen · "
             f"{esc(str(summary.get('questions_file')))} · {esc(summary['created'])}</p>",
             "<p>Einstellungen: " + esc(", ".join(f"{k}={v}" for k, v in
                                                  summary["settings"].items())) + "</p>",
             f"<img alt='Recall@k' src='data:image/png;base64,{base64.b64encode(png).decode()}'>"]
    for heading, header, rows in tables(summary, records):
        parts.append(f"<h2>{esc(heading)}</h2><table><tr>"
                     + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{esc(c.strip('*'))}</td>" for c in row)
                         + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_run(out: Path, records: Sequence[dict], summary: dict) -> dict[str, Path]:
    """Write all files of a run into ``out`` (created); returns them by kind."""
    out.mkdir(parents=True, exist_ok=True)
    files = {k: out / n for k, n in (("results", "results.jsonl"), ("summary", "summary.json"),
                                     ("markdown", "report.md"), ("html", "report.html"),
                                     ("plot", "recall.png"))}
    with files["results"].open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    files["summary"].write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
    m = summary["metrics"]
    png = plot_png({"Belegstelle": recall_curve(m, "evidence"),
                    "Dokument/Seite": recall_curve(m, "page")}, summary["label"])
    files["plot"].write_bytes(png)
    files["markdown"].write_text(to_markdown(summary, records), encoding="utf-8")
    files["html"].write_text(to_html(summary, records, png), encoding="utf-8")
    return files
