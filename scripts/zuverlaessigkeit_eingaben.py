"""Falsche Eingaben gegen die echte Kommandozeile (Teil a von scripts/zuverlaessigkeit.py).

Jeder Fall aus Issue 23, Punkt 6 (Kommandozeile) und die Fragelimits: erwarteter Exitcode,
eine deutsche Meldung, kein Traceback, keine englische Meldung von argparse oder json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

# was argparse, json und Python auf Englisch sagen
ENGLISCH = re.compile(r"usage:|error:|invalid|\bargument|required|unrecognized|Traceback|"
                      r"Expecting|Errno|No such file|show this help")
FRAGE = "Wann findet das Sprachcafé im Stadtbezirk Nord statt?"
VIELE = " ".join([FRAGE, "Wie viele neu zugewanderte Kinder warten im Stadtbezirk Süd auf "
                  "einen Schulplatz?", "Wer bietet den Elternkurs im Stadtbezirk Ost an?",
                  "Wann findet das Sprachcafé im Stadtbezirk West statt?",
                  "Wer bietet den Elternkurs im Stadtbezirk Mitte an?",
                  "Wann findet das Sprachcafé im Stadtbezirk Hafen statt?",
                  "Wer bietet den Elternkurs im Stadtbezirk Nord an?"])
KAPUTT = [
    {"id": "gut-1", "question": FRAGE},
    '{"id": "kaputt", "question": "Wer hilft?',
    ["keine", "Frage"],
    {"id": "ohne-frage"},
    {"id": "zu-lang", "question": "Wer hilft? " + "Bitte genau. " * 200},
    {"id": "gut-1", "question": "Doppelte ID?"},
    {"question": "Wer bietet den Elternkurs im Stadtbezirk Ost an?"},
]
KAPUTTE_ZEILEN = (2, 3, 4, 5, 6)


@dataclass
class Fall:
    name: str
    args: list[str]
    code: int
    sagt: str  # ein Stück der erwarteten deutschen Meldung (stderr oder stdout)
    env: dict = field(default_factory=dict)
    pruefe: object = None  # weitere Prüfung: (stdout, stderr) -> Befund oder ""


def _zeilen_genannt(out: str, err: str) -> str:
    fehlt = [n for n in KAPUTTE_ZEILEN if f"Zeile {n}:" not in err]
    return f"Zeile(n) {fehlt} nicht genannt" if fehlt else ""


def _fuenf_abschnitte(out: str, err: str) -> str:
    n = out.count("### ")
    return "" if n == 5 else f"{n} statt 5 beantwortete Fragen"


def _einmal_genannt(out: str, err: str) -> str:
    n = out.count("„Feuerwehr“")
    return "" if n == 1 else f"„Feuerwehr“ {n}-mal genannt"


def faelle(arbeit: Path, daten: Path) -> list[Fall]:
    """Die Fälle; legt ihre Dateien unter ``arbeit`` an. ``daten``: ein eingelesener Index."""
    kaputt = arbeit / "teilweise-kaputt.jsonl"
    kaputt.write_text("\n".join(z if isinstance(z, str) else json.dumps(z, ensure_ascii=False)
                                for z in KAPUTT) + "\n", encoding="utf-8")
    datei = arbeit / "eine-datei.txt"
    datei.write_text("kein Ordner", encoding="utf-8")
    d = ["--data", str(daten)]
    return [
        Fall("ask -k 0", ["ask", *d, "-k", "0", FRAGE], 2, "top_k"),
        Fall("ask -k -1", ["ask", *d, "-k", "-1", FRAGE], 2, "von 1 bis 100"),
        Fall("ask --top-k 101", ["ask", *d, "--top-k", "101", FRAGE], 2, "von 1 bis 100"),
        Fall("top_k = 0 in der Umgebung", ["ask", *d, FRAGE], 2, "top_k",
             env={"AUSGANGSLAGE_TOP_K": "0"}),
        Fall("ask --year abc", ["ask", *d, "--year", "abc", FRAGE], 2, "Jahreszahl"),
        Fall("ask --dense-weight 2", ["ask", *d, "--dense-weight", "2", FRAGE], 2, "von 0 bis 1"),
        Fall("ask --mode schnell", ["ask", *d, "--mode", "schnell", FRAGE], 2, "möglich: lexical"),
        Fall("unbekannte Option", ["ask", *d, "--unbekannt", FRAGE], 2, "unbekannte Angabe"),
        Fall("unbekannter Befehl", ["frag", FRAGE], 2, "möglich: ingest"),
        Fall("remove ohne Dokument", ["remove", *d], 2, "es fehlt: DOKUMENT"),
        Fall("ask ohne Frage", ["ask", *d], 2, "Bitte eine Frage angeben"),
        Fall("ask --document unbekannt", ["ask", *d, "--document", "gibt-es-nicht.pdf", FRAGE],
             2, "bezirk-nord.md"),
        Fall("--document unbekannt --summarize",
             ["ask", *d, "--document", "gibt-es-nicht.pdf", "--summarize"], 2, "bezirk-nord.md"),
        Fall("ask --municipality unbekannt", ["ask", *d, "--municipality", "Dortmund", FRAGE],
             2, "Kommune „Dortmund“"),
        Fall("--questions fehlt", ["ask", *d, "--questions", str(arbeit / "fehlt.jsonl")], 2,
             "nicht gefunden"),
        Fall("--questions ist ein Ordner", ["ask", *d, "--questions", str(arbeit)], 2,
             "ist ein Ordner"),
        Fall("--questions teilweise kaputt", ["ask", *d, "--json", "--questions", str(kaputt)],
             3, "5 von 7 Zeilen übersprungen", pruefe=_zeilen_genannt),
        Fall("eval --questions teilweise kaputt",
             ["eval", *d, "--questions", str(kaputt), "--out", str(arbeit / "eval-lauf")], 3,
             "5 von 7 Zeilen übersprungen", pruefe=_zeilen_genannt),
        Fall("--data ist eine Datei", ["list", "--data", str(datei)], 2, "kein Ordner"),
        Fall("ingest: Pfad fehlt", ["ingest", *d, str(arbeit / "fehlt")], 3, "nicht gefunden"),
        Fall("Frage über 2.000 Zeichen", ["ask", *d, "Wer hilft? " + "Bitte genau. " * 200], 2,
             "max_question_chars"),
        Fall("7 Fragen in einer Eingabe", ["ask", *d, VIELE], 0, "max_sub_questions",
             pruefe=_fuenf_abschnitte),
        Fall("ein Wort, das fehlt, 40-mal",
             ["ask", *d, "Was kostet die Feuerwehr" + ", die Feuerwehr" * 39 + "?"], 0,
             "kommt in keinem Dokument vor", pruefe=_einmal_genannt),
    ]


def befund(fall: Fall, code: int, out: str, err: str) -> str:
    """Was an der Antwort der Kommandozeile auf ``fall`` falsch ist ("" wenn nichts)."""
    probleme = []
    if code != fall.code:
        probleme.append(f"Exitcode {code} statt {fall.code}")
    if "Traceback" in out + err:
        probleme.append("Traceback")
    englisch = ENGLISCH.search(err)
    if englisch:
        probleme.append(f"englisch: „{englisch.group(0)}“")
    if fall.sagt not in out + err:
        probleme.append(f"Meldung ohne „{fall.sagt}“")
    if fall.pruefe:
        probleme.append(fall.pruefe(out, err))
    return "; ".join(p for p in probleme if p)


def meldung(out: str, err: str) -> str:
    """Die erste Zeile der Meldung, für die Übersicht."""
    for text in (err, out):
        for zeile in text.splitlines():
            zeile = zeile.strip()
            if zeile and "%|" not in zeile and not zeile.startswith(("{", "Fragen:")):
                return zeile
    return ""
