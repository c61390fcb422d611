"""Limits on ingest with real hostile and oversized files: each is skipped quickly, with
bounded memory and a German message naming its setting, and the batch goes on.

Time and peak memory are measured in a child process that runs the real ingest (e5-small,
Chroma) on the bad file and a good one; the child reports its own peak resident memory
(``VmHWM`` of /proc/self/status: ``ru_maxrss`` would include the high-water mark a forked
child inherits from its parent, here the whole test process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, LimitError
from assistant.ingest import parse
from tests import bombs
from tests.documents import make_docx

REPO = Path(__file__).resolve().parents[1]
GB = 1 << 30

CHILD = """
import json, re, sys, time
from pathlib import Path
from assistant.config import Settings
from assistant.engine import Engine

marks = []
engine = Engine.open(Settings(data_dir=Path(sys.argv[1])))
report = engine.ingest([Path(sys.argv[2])],
                       progress=lambda f, m: marks.append((time.perf_counter(), m)))
end = time.perf_counter()
starts = [(t, m.split(": ")[0]) for t, m in marks if m.endswith(": wird gelesen")]
seconds = {doc: (starts[i + 1][0] if i + 1 < len(starts) else end) - t
           for i, (t, doc) in enumerate(starts)}
print(json.dumps({"added": report.added, "seconds": seconds,
                  "problems": {p.path: p.message for p in report.problems},
                  "peak_mb": int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status")
                                           .read_text()).group(1)) / 1024}))
"""


def ingest_in_child(tmp_path: Path, bad: Path) -> dict:
    """Ingest ``bad`` and a good file in one batch, in a fresh process."""
    good = bad.parent / "zz-gut.md"
    good.write_text("# Sprachcafé\n\nDas Sprachcafé ist mittwochs geöffnet.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "daten"), str(bad.parent)],
                          capture_output=True, text=True, cwd=REPO, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(bad.name, {k: result[k] for k in ("seconds", "peak_mb")})  # numbers for the record
    assert result["added"] == ["zz-gut.md"]  # the batch went on
    return result


def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    return docs


@pytest.mark.parametrize("name, make, expected", [
    ("bombe.docx", lambda p: bombs.docx_bomb(p, 160),
     ["ZIP-Bombe", "294-fach", "höchstens 100-fach (Einstellung max_zip_ratio)"]),
    ("luege.docx", lambda p: bombs.lie_about_size(bombs.docx_bomb(p, 160), "word/document.xml",
                                                  4096, matching_crc=False),
     ["manipuliert", "word/document.xml", "gefälschte Größenangabe"]),
    ("luege-crc.docx", lambda p: bombs.lie_about_size(bombs.docx_bomb(p, 160),
                                                      "word/document.xml", 4096, matching_crc=True),
     ["manipuliert", "word/document.xml", "gefälschte Größenangabe"]),
    ("zeilen.xlsx", lambda p: bombs.big_xlsx(p, 120_000),
     ["Tabellenblatt „Daten“ hat 120.000 Zeilen, erlaubt sind 100.000 "
      "(Einstellung max_sheet_rows) – bitte die Tabelle aufteilen oder den Wert in "
      "ausgangslage.toml erhöhen."]),
    ("seiten.pdf", lambda p: bombs.many_pages_pdf(p, 2_100),
     ["hat 2.100 Seiten, erlaubt sind 2.000 (Einstellung max_pdf_pages)"]),
    ("riesig.txt", lambda p: bombs.sparse_file(p, 300),
     ["zu groß: 300 MB, erlaubt sind 200 MB (Einstellung max_file_mb)"]),
    ("lang.txt", lambda p: bombs.long_text_file(p, 150),
     ["mehr als 20.000.000 Zeichen", "(Einstellung max_text_chars)"]),
])
def test_hostile_or_oversized_file_is_skipped_fast_with_bounded_memory(tmp_path, name, make,
                                                                       expected):
    bad = make(folder(tmp_path) / name)
    result = ingest_in_child(tmp_path, bad)
    message = result["problems"][name]
    for part in expected:
        assert part in message
    assert "unerwarteter Fehler" not in message
    assert result["seconds"][name] < 30
    assert result["peak_mb"] < 1024


def test_the_limits_are_settings(tmp_path):
    docs = folder(tmp_path)
    small = Settings(max_file_mb=1, max_unpacked_mb=1, max_zip_entries=5, max_pdf_pages=3,
                     max_sheet_rows=10, max_text_chars=1000, max_zip_ratio=2)
    cases = {
        "bericht.txt": (bombs.long_text_file(docs / "bericht.txt", 2), "max_file_mb"),
        "viele.csv": (_write(docs / "viele.csv", "\n".join(f"{i};x" for i in range(20))),
                      "max_sheet_rows"),
        "text.md": (_write(docs / "text.md", "Wort " * 300), "max_text_chars"),
        "protokoll.docx": (make_docx(docs / "protokoll.docx"), "max_zip_entries"),
        "anlage.pdf": (bombs.many_pages_pdf(docs / "anlage.pdf", 4), "max_pdf_pages"),
    }
    for name, (path, setting) in cases.items():
        with pytest.raises(LimitError, match=f"Einstellung {setting}") as info:
            parse(path, name, limits=small)
        assert info.value.setting == setting
    body = bombs.docx_bomb(docs / "lang.docx", 2)  # 2 MB of XML, packed about 300-fold
    loose = small.replace(max_zip_entries=100, max_file_mb=10)
    with pytest.raises(LimitError, match="max_zip_ratio"):
        parse(body, "lang.docx", limits=loose)
    with pytest.raises(LimitError, match="entpackt zu groß: 3 MB.*max_unpacked_mb"):
        parse(body, "lang.docx", limits=loose.replace(max_zip_ratio=1000))
    with pytest.raises(ConfigError, match="max_sheet_rows"):
        Settings(max_sheet_rows=0)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_ods_rows_repeated_by_libreoffice_cost_only_what_they_hold(tmp_path):
    import time

    sheet = bombs.repeated_rows_ods(tmp_path / "bezirke.ods", empty_rows=1_048_000)
    started = time.perf_counter()
    rows = parse(sheet, "bezirke.ods").blocks[0].rows
    assert time.perf_counter() - started < 5  # the old reader expanded 16.7 billion cells
    assert rows == ("Bezirk: Nord | Kinder: 412", "Bezirk: Summe | Kinder: 412")
    repeated = bombs.repeated_rows_ods(tmp_path / "summen.ods", repeat_filled=200_000)
    with pytest.raises(LimitError, match="„Bezirke“ hat mehr als 100.000 Zeilen"):
        parse(repeated, "summen.ods")


def test_xlsx_whose_dimension_claims_every_column_is_read_by_its_cells(tmp_path):
    import zipfile

    src = bombs.big_xlsx(tmp_path / "roh.xlsx", 3)
    wide = tmp_path / "breit.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(wide, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith("sheet1.xml"):
                data = data.replace(b'ref="A1:C3"', b'ref="A1:XFD1048576"')
            zout.writestr(info, data)
    blocks = parse(wide, "breit.xlsx").blocks
    assert blocks[0].table_header == "Bezirk 1 | 1 | 1"
    assert len(blocks[0].rows) == 2
