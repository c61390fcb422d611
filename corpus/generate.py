"""Generate the sample corpus in corpus/dokumente/ deterministically.

    .venv/bin/python corpus/generate.py

Writes the fictional Beispielstadt documents (PDF, DOCX, XLSX, HTML) and one
``<file>.meta.json`` sidecar per non-Markdown document. The guidance text
(wegbereiter-schritt-2-ausgangslage.txt) and the Markdown report are kept as
files in the folder and are not generated. Running the script twice yields
byte-identical files.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _konzept  # noqa: E402
import _massnahmen  # noqa: E402
import _protokoll  # noqa: E402
import _sozialbericht  # noqa: E402
import _webseite  # noqa: E402

OUT_DIR = HERE / "dokumente"
ZIP_TIME = (2024, 3, 14, 9, 0, 0)
FICTIONAL_SOURCE = ("Fiktives Beispiel – erstellt für den Ausgangslage-Assistenten; "
                    "generiert mit corpus/generate.py")

METADATA = {
    "wegbereiter-schritt-2-ausgangslage.txt": {
        "title": "Wegbereiter – Orientierungsrahmen, 2. Schritt: Die Ausgangslage bestimmen",
        "type": "Leitfaden",
        "municipality": "RuhrFutur (Bochum, Mülheim an der Ruhr, Kreis Recklinghausen)",
        "year": 2021,
        "source": "RuhrFutur gGmbH, Projektseite „Wegbereiter“ (Projekt mit Bochum, Mülheim an der "
                  "Ruhr und Kreis Recklinghausen, 2017–2021, gefördert von der Stiftung Mercator): "
                  "Orientierungsrahmen, Schritt 2 „Die Ausgangslage bestimmen“; als Klartext von "
                  "der Webseite übernommen, einschließlich Seitenelementen (wiederholte "
                  "Überschriften, Cookie-Hinweis)",
        "fictional": False,
    },
    _konzept.FILENAME: {
        "title": "Integrationskonzept Beispielstadt 2023",
        "type": "Integrationskonzept",
        "municipality": "Beispielstadt",
        "year": 2023,
        "source": FICTIONAL_SOURCE,
        "fictional": True,
    },
    _sozialbericht.FILENAME: {
        "title": "Sozialbericht Beispielstadt 2024 – Auszug Kapitel 5: Neu zugewanderte Kinder "
                 "und Jugendliche",
        "type": "Sozialbericht",
        "municipality": "Beispielstadt",
        "year": 2024,
        "source": FICTIONAL_SOURCE,
        "fictional": True,
    },
    _protokoll.FILENAME: {
        "title": "Protokoll Netzwerk Ankommen Beispielstadt und Arbeitskreis Seiteneinstieg, "
                 "12. März 2024",
        "type": "Protokoll",
        "municipality": "Beispielstadt",
        "year": 2024,
        "source": FICTIONAL_SOURCE,
        "fictional": True,
    },
    _webseite.FILENAME: {
        "title": "Angebote des Kommunalen Integrationszentrums Beispielstadt (Webseite)",
        "type": "Webseite",
        "municipality": "Beispielstadt",
        "year": 2024,
        "source": FICTIONAL_SOURCE,
        "fictional": True,
    },
    _massnahmen.FILENAME: {
        "title": "Maßnahmenübersicht Beispielstadt 2024",
        "type": "Maßnahmenübersicht",
        "municipality": "Beispielstadt",
        "year": 2024,
        "source": FICTIONAL_SOURCE,
        "fictional": True,
    },
}


def normalise_zip(path: Path) -> None:
    """Rewrite an Office file with fixed member timestamps and a fixed modified date.

    python-docx and openpyxl stamp the current time into the zip entries and into
    docProps/core.xml; this makes the output byte-identical across runs.
    """
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2024-03-14T09:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


def write_sidecars(out_dir: Path) -> None:
    for filename, meta in METADATA.items():
        sidecar = out_dir / f"{filename}.meta.json"
        sidecar.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    OUT_DIR.mkdir(exist_ok=True)
    built = [
        _konzept.build(OUT_DIR),
        _sozialbericht.build(OUT_DIR),
        _protokoll.build(OUT_DIR),
        _webseite.build(OUT_DIR),
        _massnahmen.build(OUT_DIR),
    ]
    for path in built:
        if path.suffix in (".docx", ".xlsx"):
            normalise_zip(path)
    write_sidecars(OUT_DIR)
    for path in built:
        print(f"wrote {path.relative_to(HERE.parent)}")
    print(f"wrote {len(METADATA)} sidecars (*.meta.json)")


if __name__ == "__main__":
    main()
