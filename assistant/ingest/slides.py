"""PowerPoint slides (PPTX): a talk at a Fachtag, the slides of a network meeting. Each
slide is a page under its title."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.formats import table_block
from assistant.ingest.office import core_meta
from assistant.ingest.sheets import cell_text
from assistant.text import normalize
from assistant.types import Block


def _slide_shapes(shapes):
    """The shapes of a slide in reading order (top to bottom, left to right), groups
    opened."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            out.extend(_slide_shapes(shape.shapes))
        else:
            out.append(shape)
    return sorted(out, key=lambda s: ((s.top or 0) // 100_000, s.left or 0))


def _chart_rows(chart) -> list[list[str]]:
    """A chart's figures as a table: its title, then one row per category with a column
    per series ("Stadtbezirk Nord | Kinder: 120"), numbers as a German reader writes them."""
    try:
        plot = chart.plots[0]
        categories = [str(c) for c in plot.categories]
        series = list(plot.series)
    except (IndexError, KeyError, ValueError, AttributeError):
        return []
    title = normalize(chart.chart_title.text_frame.text) if chart.has_title else ""
    rows = [[title]] if title else []
    rows.append(["", *(normalize(s.name or "") for s in series)])
    for i, category in enumerate(categories):
        rows.append([normalize(category), *(
            cell_text(s.values[i]) if i < len(s.values) and s.values[i] is not None else ""
            for s in series)])
    return rows


def read_pptx(path: Path) -> tuple[list[Block], int, dict]:
    """PowerPoint slides (a talk at a Fachtag, a network meeting's slides): each slide is a
    page under its title; text boxes, tables, the figures of charts and the speaker's
    notes are its text."""
    try:
        from pptx import Presentation
        from pptx.exc import PackageNotFoundError

        deck = Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            "beschädigt oder keine gültige PowerPoint-Datei (.pptx) – bitte in PowerPoint "
            "öffnen und neu speichern. Alte .ppt-Dateien bitte als .pptx speichern."
        ) from exc
    blocks: list[Block] = []
    for number, slide in enumerate(deck.slides, start=1):
        title_shape = slide.shapes.title
        title = normalize(title_shape.text_frame.text) if title_shape is not None else ""
        where = {"heading": title, "page": number, "page_label": str(number)}
        for shape in _slide_shapes(slide.shapes):
            if title_shape is not None and shape.shape_id == title_shape.shape_id:
                continue
            rows = None
            if getattr(shape, "has_table", False) and shape.has_table:
                rows = [[normalize(c.text) for c in row.cells] for row in shape.table.rows]
            elif getattr(shape, "has_chart", False) and shape.has_chart:
                rows = _chart_rows(shape.chart)
            if rows is not None:
                block = table_block(rows, title, page=number)
                if block:
                    blocks.append(replace(block, page_label=str(number)))
            elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    text = normalize("".join(r.text for r in paragraph.runs) or "")
                    if text:
                        # a bullet without a full stop is a statement of its own all the
                        # same, not the start of the next bullet's sentence
                        end = "" if text.endswith((".", "!", "?", ":", ";", "…")) else "."
                        blocks.append(Block(text=text + end, **where))
        if slide.has_notes_slide:
            notes = normalize(slide.notes_slide.notes_text_frame.text or "")
            if notes:
                blocks.append(Block(text=f"Notizen: {notes}", **where))
    return blocks, len(deck.slides), core_meta(deck.core_properties)
