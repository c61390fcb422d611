"""The command line's argument parser, in German.

argparse writes its usage, headings and errors in English ("usage:", "invalid int value:
'abc'"). ``GermanParser`` gives German headings and help, turns argparse's error messages into
German ones and ends with exit code 2 and a pointer to ``--help``. Numbers are read by the
type functions below, which say in German what is expected (and accept "0,5").
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from assistant.config import TOP_K_MAX


class GermanHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups,
                                 "Aufruf: " if prefix is None else prefix)


def _quoted(value: str) -> str:
    return f"„{value.strip(chr(39))}“"


# argparse's messages (Python 3.11) that a user can cause, and their German wording
_MESSAGES: list[tuple[str, Callable[[re.Match], str]]] = [
    (r"unrecognized arguments: (.*)",
     lambda m: f"unbekannte Angabe(n): {m[1]} – bitte die Schreibweise prüfen"),
    (r"the following arguments are required: (.*)", lambda m: f"es fehlt: {m[1]}"),
    (r"one of the arguments (.*) is required", lambda m: f"eine dieser Angaben fehlt: {m[1]}"),
    (r"ambiguous option: (\S+) could match (.*)",
     lambda m: f"die Option {m[1]} ist mehrdeutig; gemeint sein kann: {m[2]}"),
    (r"argument (.+?): (.*)", lambda m: f"{m[1]}: {_argument_message(m[2])}"),
]
_ARGUMENT_MESSAGES: list[tuple[str, Callable[[re.Match], str]]] = [
    (r"expected one argument", lambda m: "hier fehlt der Wert"),
    (r"expected at most one argument", lambda m: "höchstens ein Wert erlaubt"),
    (r"expected at least one argument", lambda m: "mindestens ein Wert nötig"),
    (r"expected (\d+) arguments?", lambda m: f"{m[1]} Werte nötig"),
    (r"invalid choice: (.*) \(choose from (.*)\)",
     lambda m: f"{_quoted(m[1])} gibt es nicht; möglich: {m[2].replace(chr(39), '')}"),
    (r"invalid \S+ value: (.*)", lambda m: f"{_quoted(m[1])} ist kein gültiger Wert"),
    (r"ignored explicit argument (.*)",
     lambda m: f"{_quoted(m[1])} ist hier nicht erlaubt (die Option nimmt keinen Wert)"),
    (r"not allowed with argument (.*)", lambda m: f"nicht zusammen mit {m[1]} möglich"),
]


def _translate(message: str, table) -> str | None:
    for pattern, german in table:
        m = re.fullmatch(pattern, message, re.DOTALL)
        if m:
            return german(m)
    return None


def _argument_message(message: str) -> str:
    # messages of our type functions (ArgumentTypeError) are German already
    return _translate(message, _ARGUMENT_MESSAGES) or message


def german_message(message: str) -> str:
    """argparse's error ``message`` in German (unknown wordings: a general German one)."""
    return _translate(message, _MESSAGES) or "die Angaben auf der Kommandozeile sind fehlerhaft"


class GermanParser(argparse.ArgumentParser):
    """``ArgumentParser`` with German usage, headings, help option and errors."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("formatter_class", GermanHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(**kwargs)
        self._positionals.title = "Argumente"
        self._optionals.title = "Optionen"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="diese Hilfe anzeigen und beenden")

    def error(self, message: str):
        self.exit(2, f"Fehler: {german_message(message)}.\n"
                     f"Alle Angaben: {self.prog} --help\n")


def _number(text: str, kind: type):
    try:
        return kind(text.strip().replace(",", ".") if kind is float else text.strip())
    except ValueError:
        return None


def whole_number(what: str, low: int | None = None, high: int | None = None,
                 hint: str = "") -> Callable[[str], int]:
    """A type function for a whole number from ``low`` to ``high``; its error names ``what``
    ("Anzahl Quellen") and the allowed range."""
    def parse(text: str) -> int:
        value = _number(text, int)
        if value is None or (low is not None and value < low) or (
                high is not None and value > high):
            span = (f" von {low} bis {high}" if low is not None and high is not None else
                    f" ab {low}" if low is not None else "")
            raise argparse.ArgumentTypeError(
                f"{_quoted(text)} ist als {what} nicht möglich – bitte eine ganze Zahl{span} "
                f"angeben{hint}")
        return value
    parse.__name__ = what
    return parse


def decimal_number(what: str, low: float, high: float | None = None) -> Callable[[str], float]:
    """A type function for a number (``0.5`` or ``0,5``) from ``low`` to ``high``."""
    def parse(text: str) -> float:
        value = _number(text, float)
        if value is None or value != value or value < low or (high is not None and value > high):
            span = f"von {low:g} bis {high:g}" if high is not None else f"ab {low:g}"
            raise argparse.ArgumentTypeError(
                f"{_quoted(text)} ist als {what} nicht möglich – bitte eine Zahl {span} "
                "angeben, z. B. 0,5")
        return value
    parse.__name__ = what
    return parse


top_k = whole_number("Anzahl Quellen", 1, TOP_K_MAX, " (Einstellung top_k)")
year = whole_number("Jahreszahl", 1900, 2100, ", z. B. 2023")
port = whole_number("Portnummer", 1, 65535)
count = whole_number("Anzahl", 1)
