"""Spreadsheets and tables: CSV, XLSX, XLS, ODS, and cell values as a German reader sees
them. Each sheet streams through a ``TableBudget`` (rows and characters): a sheet beyond
``max_sheet_rows`` or ``max_text_chars`` stops being read as soon as it is."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections import Counter
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.formats import table_block
from assistant.ingest.limits import TableBudget
from assistant.ingest.opendocument import open_odf
from assistant.types import Block


def _delimiter(text: str) -> str:
    """The separator of a CSV file: the one of ; , tab | that most lines hold equally
    often. Title lines above the table ("Bevölkerung nach Staatsangehörigkeit") have
    none, and decimal commas ("23,2") vary from line to line, so they do not count."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()]
    best, score = ",", 0
    for sep in (";", "\t", ",", "|"):
        counts = Counter(ln.count(sep) for ln in lines if sep in ln)
        if counts:
            n, lines_with_n = counts.most_common(1)[0]
            if lines_with_n > score:
                best, score = sep, lines_with_n
    return best


def read_csv(text: str, limits) -> list[Block]:
    budget = TableBudget(limits, "")
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text)):
        budget.add(row)
        rows.append(row)
    block = table_block(rows, "")
    return [block] if block else []


def _number_de(value: float, grouped: bool) -> str:
    """1240.5 → "1240,5" ("1.240,5" where the cell format groups thousands)."""
    text = (f"{value:,.10f}" if grouped else f"{value:.10f}").rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


def cell_text(value: object, number_format: str = "General") -> str:
    """A spreadsheet value as Excel shows it to a German reader: dates "12.03.2024",
    percentages "12,5 %", decimals with a comma, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        grouped = "#,##" in fmt
        if "%" in fmt:
            return f"{_number_de(round(value * 100, 6), grouped)} %"
        return _number_de(value, grouped)
    return str(value)


def read_xlsx(path: Path, limits) -> list[Block]:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(
            "beschädigt oder keine gültige Excel-Datei (.xlsx) – bitte in Excel öffnen und "
            "neu speichern."
        ) from exc
    blocks: list[Block] = []
    chars = 0
    try:
        for sheet in wb.worksheets:
            name = sheet.title if len(wb.worksheets) > 1 else ""
            budget = TableBudget(limits, sheet.title, chars, declared=sheet.max_row)
            # rows as long as their own cells: a <dimension> claiming "A1:XFD1048576"
            # would pad every row to 16.384 cells
            sheet.reset_dimensions()
            rows = []
            for row in sheet.iter_rows():
                cells = [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                budget.add(cells)
                rows.append(cells)
            chars = budget.chars
            block = table_block(rows, name)
            if block:
                blocks.append(block)
    finally:
        wb.close()
    return blocks


def read_xls(path: Path, limits) -> list[Block]:
    """Excel 97–2003 workbooks (.xls), as statistics offices still export them: one table
    per sheet like XLSX, numbers in the cell's format, dates as dates (xlrd)."""
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        raise DocumentError(
            "beschädigt oder keine gültige Excel-Datei (.xls) – bitte in Excel öffnen und "
            "neu speichern (am besten als .xlsx)."
        ) from exc
    blocks: list[Block] = []
    chars = 0
    try:
        names = book.sheet_names()
        for name in names:
            sheet = book.sheet_by_name(name)
            label = name if len(names) > 1 else ""
            budget = TableBudget(limits, name, chars, declared=sheet.nrows)
            rows = []
            for r in range(sheet.nrows):
                cells = [_xls_cell(book, sheet, r, c) for c in range(sheet.ncols)]
                budget.add(cells)
                rows.append(cells)
            chars = budget.chars
            block = table_block(rows, label)
            if block:
                blocks.append(block)
    finally:
        book.release_resources()
    return blocks


def _xls_cell(book, sheet, r: int, c: int) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError):
            return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[sheet.cell_xf_index(r, c)]
        fmt = book.format_map.get(xf.format_key)
        return cell_text(cell.value, fmt.format_str if fmt else "General")
    return cell_text(cell.value)


def read_ods(path: Path, limits) -> list[Block]:
    """LibreOffice/OpenOffice spreadsheets: one table per sheet, like XLSX."""
    doc = open_odf(path, ".ods")
    tables = doc.body.get_tables()
    blocks: list[Block] = []
    chars = 0
    for table in tables:
        name = table.name if len(tables) > 1 else ""
        budget = TableBudget(limits, table.name, chars)
        block = table_block(list(table_rows(table, budget)), name)
        chars = budget.chars
        if block:
            blocks.append(block)
    return blocks


def table_rows(table, budget: TableBudget):
    """The filled rows of an OpenDocument table (ODS sheet, ODT table). Repeated rows and
    cells ("number-rows-repeated", which LibreOffice writes for the formatted empty rows
    down to row 1.048.576) are repeated only where they hold a value, and counted before
    they are."""
    for row in table.get_elements("descendant::table:table-row"):
        cells: list[str] = []
        gap = 0  # empty cells not yet added: only needed before a filled one
        for cell in row.get_elements("table:table-cell|table:covered-table-cell"):
            times = cell.repeated or 1
            value = cell_text(cell.value)
            if not value:
                gap += times
                continue
            budget.take(gap + times * (len(value) + 1))
            cells += [""] * gap + [value] * times
            gap = 0
        if cells:
            for _ in range(row.repeated or 1):
                budget.add(cells)
                yield cells
