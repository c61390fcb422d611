"""Spreadsheets and tables: CSV, XLSX, and cell values as a German reader sees them."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections import Counter
from pathlib import Path

from assistant.errors import DocumentError
from assistant.ingest.formats import decode_text, table_block
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


def read_csv(data: bytes) -> list[Block]:
    text = decode_text(data)
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
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


def read_xlsx(path: Path) -> list[Block]:
    try:
        import openpyxl

        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(
            "beschädigt oder keine gültige Excel-Datei (.xlsx) – bitte in Excel öffnen und "
            "neu speichern."
        ) from exc
    blocks = []
    try:
        for sheet in wb.worksheets:
            rows = [
                [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in sheet.iter_rows()
            ]
            block = table_block(rows, sheet.title if len(wb.worksheets) > 1 else "")
            if block:
                blocks.append(block)
    finally:
        wb.close()
    return blocks


def read_xls(path: Path) -> list[Block]:
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
    blocks = []
    try:
        names = book.sheet_names()
        for name in names:
            sheet = book.sheet_by_name(name)
            rows = [[_xls_cell(book, sheet, r, c) for c in range(sheet.ncols)]
                    for r in range(sheet.nrows)]
            block = table_block(rows, name if len(names) > 1 else "")
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

