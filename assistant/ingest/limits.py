"""Limits on what one file may cost, checked before a reader opens it where possible.

- ``check_size``: the file's size (``max_file_mb``).
- ``zipcheck.check_zip``: the parts of DOCX, XLSX, PPTX, ODT and ODS files
  (``max_zip_entries``, ``max_unpacked_mb``, ``max_zip_ratio``).
- ``TableBudget``: rows (``max_sheet_rows``) and characters (``max_text_chars``) of a
  sheet, counted while it streams; ``check_text``: characters a document gave.

Every limit raises ``LimitError`` with a German message: the value found, the limit, the
setting to raise.
"""

from __future__ import annotations

from assistant.errors import LimitError

MB = 1 << 20


def number(n: float) -> str:
    """12345 → "12.345", as a German reader writes it."""
    return f"{round(n):,}".replace(",", ".")


def size_text(n: int) -> str:
    return f"{number(n / MB)} MB" if n >= MB else f"{number(n / 1024)} KB"


def beyond(found: str, allowed: str, setting: str, advice: str) -> LimitError:
    """A LimitError: "<found>, erlaubt sind <allowed> (Einstellung <setting>) – bitte …"."""
    return LimitError(f"{found}, erlaubt sind {allowed} (Einstellung {setting}) – bitte "
                      f"{advice} oder den Wert in ausgangslage.toml erhöhen.", setting)


def check_size(size: int, limits) -> None:
    if size > limits.max_file_mb * MB:
        raise beyond(f"zu groß: {size_text(size)}", f"{number(limits.max_file_mb)} MB",
                     "max_file_mb", "die Datei aufteilen oder verkleinern")


class TableBudget:
    """Rows and characters of one sheet, counted as it is read. Every cell counts at least
    one character, so a row padded to 16.384 empty columns costs what it holds.
    ``declared``: the row count the file states (XLSX "dimension"), for the message."""

    def __init__(self, limits, sheet: str, chars_before: int = 0,
                 declared: int | None = None) -> None:
        self.limits, self.sheet, self.declared = limits, sheet, declared
        self.rows, self.chars = 0, chars_before

    def add(self, cells: list[str]) -> None:
        """Count a row that was read (a filled one towards ``max_sheet_rows``)."""
        if any(cells):
            self.rows += 1
            if self.rows > self.limits.max_sheet_rows:
                raise self._too_many_rows()
        self.take(len(cells) + sum(map(len, cells)))

    def take(self, chars: int) -> None:
        """Count characters before they are held."""
        self.chars += chars
        if self.chars > self.limits.max_text_chars:
            raise too_much_text(self.limits.max_text_chars, self.limits, more=True)

    def _too_many_rows(self) -> LimitError:
        most = self.limits.max_sheet_rows
        found = f"{number(self.declared)}" if (self.declared or 0) > most \
            else f"mehr als {number(most)}"
        where = f"das Tabellenblatt „{self.sheet}“" if self.sheet else "die Tabelle"
        return beyond(f"{where} hat {found} Zeilen", number(most), "max_sheet_rows",
                      "die Tabelle aufteilen")


def too_much_text(chars: int, limits, more: bool = False) -> LimitError:
    return beyond(f"hat {'mehr als ' if more else ''}{number(chars)} Zeichen Text",
                  number(limits.max_text_chars), "max_text_chars", "die Datei aufteilen")


def check_text(chars: int, limits) -> None:
    if chars > limits.max_text_chars:
        raise too_much_text(chars, limits)
