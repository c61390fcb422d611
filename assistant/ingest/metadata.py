"""Document metadata: from a sidecar ``<datei>.meta.json`` or front matter where given,
otherwise inferred with stated defaults.

Defaults: type from words in the file name (else by format: HTML → Webseite, tables →
Maßnahmenübersicht, otherwise "Dokument"); year from a four-digit year in the file name,
else from the document's own properties, else none; municipality from the setting
``default_municipality``; title from the document's own title, else the file name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.errors import DocumentError

SIDECAR_SUFFIX = ".meta.json"

DOC_TYPES = (
    "Leitfaden", "Integrationskonzept", "Sozialbericht", "Bildungsbericht", "Protokoll",
    "Webseite", "Maßnahmenübersicht", "Dokument",
)
_TYPE_WORDS = (
    ("leitfaden", "Leitfaden"), ("wegbereiter", "Leitfaden"), ("orientierungsrahmen", "Leitfaden"),
    ("integrationskonzept", "Integrationskonzept"), ("konzept", "Integrationskonzept"),
    ("sozialbericht", "Sozialbericht"), ("bildungsbericht", "Bildungsbericht"),
    ("bildungsmonitoring", "Bildungsbericht"), ("protokoll", "Protokoll"),
    ("niederschrift", "Protokoll"), ("massnahmen", "Maßnahmenübersicht"),
    ("maßnahmen", "Maßnahmenübersicht"), ("angebote", "Webseite"),
)
_FIELDS = ("title", "type", "municipality", "year", "source", "fictional")


def read_sidecar(path: Path) -> dict:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    if not side.is_file():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(
            f"die Metadaten-Datei {side.name} ist kein gültiges JSON ({exc}) – bitte korrigieren."
        ) from exc
    if not isinstance(data, dict):
        raise DocumentError(f"die Metadaten-Datei {side.name} muss ein JSON-Objekt enthalten.")
    return data


def _infer_type(path: Path) -> str:
    name = path.name.lower()
    for word, doc_type in _TYPE_WORDS:
        if word in name:
            return doc_type
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return "Webseite"
    if suffix in (".csv", ".xlsx"):
        return "Maßnahmenübersicht"
    return "Dokument"


def _year(value: object) -> int | None:
    if value is None or value == "":
        return None
    m = re.search(r"(19|20)\d\d", str(value))
    return int(m.group(0)) if m else None


def _title_from_name(path: Path) -> str:
    stem = re.sub(r"[_-]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:]


# titles a program writes by itself, not the author: "(anonymous)", "untitled",
# "Microsoft Word - bericht.docx", "Dokument1", "Folie 1"
_PROGRAM_TITLE = re.compile(r"^\s*(\(?anonymous\)?|\(?untitled\)?|unbenannt\w*|ohne titel|"
                            r"microsoft (word|excel|powerpoint)\b.*|(dokument|document|"
                            r"präsentation|presentation|folie|slide|mappe|book|tabelle)\s*\d*|"
                            r".*\.(docx?|xlsx?|pptx?|odt|pdf|rtf))\s*$", re.IGNORECASE)


def _own_title(own: dict) -> str:
    """The document's own title, unless a program wrote it (``_PROGRAM_TITLE``)."""
    title = str(own.get("title") or "")
    return "" if _PROGRAM_TITLE.match(title) else title


def _site(address: str) -> str:
    """The host of a web address without "www." ("https://www.herne.de/…" → "herne.de")."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", address, flags=re.IGNORECASE)
    return re.split(r"[/?#:]", host, maxsplit=1)[0].lower()


def resolve(path: Path, own: dict, given: dict, default_municipality: str) -> dict:
    """Merge given (sidecar/front matter) over the document's own and inferred values. A
    web page saved as text names its site in its title ("Erstberatung (herne.de)"): the
    place is often said only in the address, and a question naming it must find the page."""
    given = {k: v for k, v in given.items() if k in _FIELDS and v not in (None, "")}
    title = str(given.get("title") or _own_title(own) or own.get("_first_heading")
                or _title_from_name(path))
    site = _site(own.get("source") or "")
    if site and not given.get("title") and site not in title.lower():
        title = f"{title} ({site})"
    return {
        "title": title,
        "type": str(given.get("type") or _infer_type(path)),
        "municipality": str(given.get("municipality") or default_municipality),
        "year": _year(given.get("year")) or _year(path.stem) or _year(own.get("year"))
        or _year(own.get("created")),
        "source": str(given.get("source") or own.get("source") or ""),
        "fictional": bool(given.get("fictional", False)),
    }
