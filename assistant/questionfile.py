"""Question files: JSON Lines, one ``{"id": …, "question": …}`` object per line.

A file with some broken lines still gives its good questions. Every broken line is kept with
its number and a German reason (no parser detail in English), so all of them can be fixed
in one go; ``assistant ask --questions`` and ``assistant eval`` answer the good lines and
end with exit code 3.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import ConfigError

EXAMPLE = '{"id": "f1", "question": "Wie viele Kinder warten auf einen Schulplatz?"}'


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"Zeile {self.line}: {self.reason}"


@dataclass
class QuestionLines:
    """The objects of a question file with a usable ``question`` (line number, object,
    id: the given one or ``z<line>``) and the lines that could not be used."""

    path: Path
    rows: list[tuple[int, dict, str]] = field(default_factory=list)
    bad: list[BadLine] = field(default_factory=list)

    def report(self) -> str:
        """The German lines that name every bad line and say what to do."""
        total = len(self.rows) + len(self.bad)
        head = f"{self.path}: {len(self.bad)} von {total} Zeilen übersprungen:"
        lines = [head, *(f"  {b}" for b in self.bad)]
        lines.append(f"Bitte diese Zeilen korrigieren; je Zeile ein JSON-Objekt wie {EXAMPLE}.")
        return "\n".join(lines)


def _read(path: Path) -> bytes:
    if not path.exists():
        raise ConfigError(f"Die Fragendatei {path} wurde nicht gefunden. Bitte den Pfad "
                          "prüfen (--questions DATEI).")
    if path.is_dir():
        raise ConfigError(f"{path} ist ein Ordner, keine Fragendatei. Bitte eine JSONL-Datei "
                          "angeben (--questions DATEI).")
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise ConfigError(f"Die Fragendatei {path} darf nicht gelesen werden (keine "
                          "Berechtigung). Bitte die Dateirechte prüfen.") from exc
    except OSError as exc:
        raise ConfigError(f"Die Fragendatei {path} kann nicht gelesen werden "
                          f"({exc.strerror or 'Lesefehler'}).") from exc


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _as_utf8(data: bytes, path: Path) -> bytes:
    """A file saved as UTF-16 or UTF-32 with its byte order mark (Windows editors) read as
    such; everything else is read line by line as UTF-8."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise ConfigError(f"Die Fragendatei {path} ist als {codec.upper()} "
                                  "gekennzeichnet, aber beschädigt. Bitte als UTF-8 "
                                  "speichern.") from exc
    return data


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "eine Liste"
    if isinstance(value, bool):
        return "ein Wahrheitswert"
    if isinstance(value, (int, float)):
        return "eine Zahl"
    if isinstance(value, str):
        return "ein Text"
    return "leer (null)"


def _problem(obj: object) -> str | None:
    """Why the JSON value of one line is no question, in German (None: it is one)."""
    if not isinstance(obj, dict):
        return f"kein JSON-Objekt, sondern {_kind(obj)}"
    question = obj.get("question")
    if question is None:
        return "das Feld „question“ fehlt"
    if not isinstance(question, str):
        return f"„question“ ist kein Text, sondern {_kind(question)}"
    if not question.strip():
        return "„question“ ist leer"
    if obj.get("id") is not None and not isinstance(obj["id"], (str, int)):
        return f"„id“ muss ein Text oder eine Zahl sein, nicht {_kind(obj['id'])}"
    return None


def _parse(raw: bytes, n: int) -> tuple[dict | None, str | None]:
    try:
        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError:
        return None, "kein UTF-8-Text (bitte die Datei als UTF-8 speichern)"
    if not line.strip():
        return None, None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, (f"kein gültiges JSON (Fehler bei Zeichen {exc.colno}; oft fehlt ein "
                      "Anführungszeichen, ein Komma oder eine Klammer)")
    except RecursionError:
        return None, "zu tief verschachteltes JSON"
    return obj, _problem(obj)


def read_question_lines(path: Path) -> QuestionLines:
    """Every line of the question file at ``path``: good ones as rows, the others as bad
    lines with their reason; a missing or unreadable file raises ``ConfigError``."""
    result = QuestionLines(path)
    seen: dict[str, int] = {}
    for n, raw in enumerate(_as_utf8(_read(path), path).split(b"\n"), start=1):
        obj, problem = _parse(raw.rstrip(b"\r"), n)
        if obj is None and problem is None:
            continue  # empty line
        if problem is None:
            qid = str(obj.get("id") if obj.get("id") not in (None, "") else f"z{n}")
            if qid in seen:
                problem = f"die ID „{qid}“ steht schon in Zeile {seen[qid]}"
            else:
                seen[qid] = n
                result.rows.append((n, obj, qid))
                continue
        result.bad.append(BadLine(n, problem))
    return result
