"""Maßnahmenübersicht in the Ausgangslage tab: tables and CSV/XLSX downloads.

The overview depends only on the index, so it is kept until a document changes."""

from __future__ import annotations

from pathlib import Path

from assistant.draft.export import (
    coverage_rows,
    export_csv,
    export_xlsx,
    gap_rows,
    measure_rows,
)
from assistant.draft.measures import MEASURE_COLUMNS, Overview, build_overview
from assistant.errors import AssistantError
from workspace.context import Workspace
from workspace.render import text


def current(ws: Workspace, rebuild: bool = False) -> Overview:
    """The overview of the current index (built again after any document change)."""
    state = ws.index_state()
    cached = ws.cache.get("overview")
    if rebuild or not cached or cached[0] != state:
        if not state:
            raise AssistantError("Es sind noch keine Dokumente eingelesen. Bitte im Reiter "
                                 "„Dokumente“ Dateien hochladen.")
        ws.cache["overview"] = (state, build_overview(ws.engine))
    return ws.cache["overview"][1]


def tables(ws: Workspace) -> tuple[list[list], list[str], list[list], str, str]:
    """(measure rows, coverage header, coverage rows, gaps markdown, summary line)."""
    ov = current(ws)
    header, rows = coverage_rows(ov)
    gaps = gap_rows(ov)
    gap_md = "\n".join(f"- {text(gap)} _({text(where)})_" for gap, where in gaps
                       ) or "_Keine Lücken gefunden._"
    groups = len({m.group for m in ov.measures if m.group})
    summary = (f"{len(ov.measures)} Maßnahmen, Netzwerke und Konzepte gefunden; "
               f"{groups} Gruppen möglicher Doppelungen (Spalte „Gruppe“, z. B. D1); "
               f"{len(ov.gaps())} Themen mit Angebotslücken, {len(ov.stated_gaps)} in den "
               "Dokumenten benannte Lücken.")
    return measure_rows(ov), header, rows, gap_md, summary


def download(ws: Workspace, fmt: str) -> Path:
    ov = current(ws)
    target = ws.exports_dir / f"massnahmenuebersicht.{fmt}"
    if fmt == "csv":
        return export_csv(ov, target)
    if fmt == "xlsx":
        return export_xlsx(ov, target)
    raise AssistantError(f"Unbekanntes Format „{fmt}“ (möglich: csv, xlsx).")


COLUMNS = list(MEASURE_COLUMNS)
