"""Zuverlässigkeit: falsche Eingaben, kill -9 beim Einlesen, 20 gleichzeitige Fragen an die App.

    .venv/bin/python scripts/zuverlaessigkeit.py [--versuche 5] [--seed 23] [--schnell]

(a) Eingaben: jeder Fall aus Issue 23, Punkt 6 (Kommandozeile), und die Fragelimits gegen
    die echte CLI: Exitcode, deutsche Meldung, kein Traceback (scripts/zuverlaessigkeit_eingaben.py).
(b) Abbruch: ein Einlesen wird zu zufälligen Zeitpunkten (Seed) mit kill -9 beendet; danach
    öffnet der Index, kein Dokument hat doppelte Abschnitte, und ein erneutes Einlesen ergibt
    genau die Abschnitte eines sauberen Einlesens.
(c) App: ``python app.py`` mit Benutzerdatei; eine erste Frage (die App lädt ihre Modelle),
    dann 20 verschiedene Fragen gleichzeitig über gradio_client (api_name="ask"): jede kommt
    mit Quellen und zu ihrer eigenen Frage zurück; Latenz p50/p95
    (scripts/zuverlaessigkeit_app.py).

Kein zeitgebundener Test: das Skript druckt, was es fand, und endet mit Exitcode 1, wenn etwas
fehlschlug. Ein Beispielkorpus (6 Markdown-Dateien) wird erzeugt. ``--schnell`` (CI): 2
Versuche. Etwa 5–10 Minuten auf 2 Kernen.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import zuverlaessigkeit_eingaben as eingaben  # noqa: E402
from zuverlaessigkeit_app import app_fragen  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BEZIRKE = ("Nord", "Süd", "Ost", "West", "Mitte", "Hafen")
TAGE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag")
TRAEGER = ("AWO", "Caritas", "Diakonie", "VHS", "Stadtbibliothek", "Jugendmigrationsdienst")
ORTE = ("Jugendzentrum", "Stadtteilbüro", "Familienzentrum", "Bürgerhaus", "Gemeindehaus", "Rathaus")


def korpus(ordner: Path) -> list[str]:
    """Sechs Bezirksberichte mit je eigenen Zahlen; die 24 Fragen, die sie beantworten."""
    ordner.mkdir(parents=True)
    fragen = []
    for i, b in enumerate(BEZIRKE):
        absaetze = [
            f"Im Stadtbezirk {b} warten derzeit {31 + 7 * i} neu zugewanderte Kinder auf einen "
            f"Schulplatz. Die Wartezeit beträgt im Mittel {5 + i} Wochen.",
            f"Das Sprachcafé im Stadtbezirk {b} findet jeden {TAGE[i]} im {ORTE[i]} statt. "
            f"Es wird von ehrenamtlichen Sprachpatinnen begleitet.",
            f"Den Elternkurs im Stadtbezirk {b} bietet die {TRAEGER[i]} an; er hat {12 + i} "
            f"Plätze und wird in {2 + i % 3} Sprachen gedolmetscht.",
            f"Die Migrationsberatung im Stadtbezirk {b} ist telefonisch unter 0234 {4100 + i} "
            f"erreichbar, die offene Sprechstunde ist am {TAGE[(i + 2) % 6]}.",
        ] + [f"Im Arbeitskreis {b} wurde unter Punkt {n} über die Lage an Schule Nummer "
             f"{10 * i + n} im Stadtbezirk {b} berichtet: {n + 2} Seiteneinsteiger, "
             f"{n + i} Lernpatenschaften und {3 * n + i} Anmeldungen im Schuljahr." for n in
             range(1, 9)]
        text = f"# Bezirksbericht {b} 2024\n\n" + "\n\n".join(
            f"## Abschnitt {k + 1}\n\n{a}" for k, a in enumerate(absaetze))
        (ordner / f"bezirk-{b.lower().replace('ü', 'ue')}.md").write_text(text, encoding="utf-8")
        fragen += [
            f"Wie viele neu zugewanderte Kinder warten im Stadtbezirk {b} auf einen Schulplatz?",
            f"Wann findet das Sprachcafé im Stadtbezirk {b} statt?",
            f"Wer bietet den Elternkurs im Stadtbezirk {b} an?",
            f"Unter welcher Telefonnummer ist die Migrationsberatung im Stadtbezirk {b} "
            "erreichbar?",
        ]
    return fragen


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUSGANGSLAGE_")}
    return {**env, "PYTHONPATH": str(REPO), "GRADIO_ANALYTICS_ENABLED": "False", **extra}


def cli(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 600):
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env=_env(**(env or {})))
    return proc.returncode, proc.stdout, proc.stderr


class Einlesen:
    """``assistant ingest`` als Kindprozess; sein Fortschritt (stderr) wird mitgelesen."""

    def __init__(self, daten: Path, docs: Path, cwd: Path) -> None:
        self.start = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ingest", "--data", str(daten), str(docs)],
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
        self.text, self.erstes_lesen = "", None
        self._leser = threading.Thread(target=self._lies, daemon=True)
        self._leser.start()

    def _lies(self) -> None:
        while piece := self.proc.stderr.read1(4096):
            self.text += piece.decode("utf-8", "replace")
            if self.erstes_lesen is None and "wird gelesen" in self.text:
                self.erstes_lesen = time.monotonic() - self.start

    def stand(self) -> str:
        """Der letzte Fortschritt: "40 % bezirk-ost.md: Abschnitte einbetten"."""
        zeilen = [z for z in self.text.split("\r") if "%|" in z]
        if not zeilen:
            return "vor dem ersten Dokument"
        pct, _, rest = zeilen[-1].partition("%|")
        return f"{pct.split(':')[-1].strip()} % {rest.partition('| , ')[2].strip()}"[:48]

    def warte(self) -> int:
        code = self.proc.wait()
        self._leser.join(5)
        return code


def abschnitte(daten: Path, cwd: Path) -> list[tuple[str, str, str]]:
    """(Dokument, Abschnitts-ID, Text) aller Abschnitte im Index unter ``daten``."""
    code = ("import json, sys; from assistant.config import Settings; "
            "from assistant.index.store import Store; "
            "s = Store(Settings(data_dir=sys.argv[1]), 'e5-small', 384); "
            "print(json.dumps([(c.doc_id, c.id, c.text) for c in s.all_chunks()[0]]))")
    out = subprocess.run([sys.executable, "-c", code, str(daten)], capture_output=True,
                         text=True, cwd=cwd, env=_env(), check=True)
    return sorted(tuple(x) for x in json.loads(out.stdout))


def doppelte(chunks: list[tuple[str, str, str]]) -> int:
    ids = {(d, i) for d, i, _ in chunks}
    texte = {(d, t) for d, _, t in chunks}
    return (len(chunks) - len(ids)) + (len(chunks) - len(texte))


def sauber(arbeit: Path, docs: Path) -> tuple[Path, float, float]:
    """Ein sauberes Einlesen: Datenordner, Sekunden bis zum ersten Dokument, Sekunden gesamt."""
    daten = arbeit / "sauber"
    lauf = Einlesen(daten, docs, arbeit)
    if lauf.warte() != 0:
        raise SystemExit(f"Sauberes Einlesen fehlgeschlagen:\n{lauf.text[-2000:]}")
    return daten, lauf.erstes_lesen or 0.0, time.monotonic() - lauf.start


def abbrueche(arbeit: Path, docs: Path, ref: list, t_lesen: float, t_gesamt: float,
              versuche: int, rng: random.Random) -> list[dict]:
    zeilen = []
    for n in range(1, versuche + 1):
        daten = arbeit / f"abbruch-{n}"
        moment = t_lesen + rng.random() * max(t_gesamt - t_lesen, 1.0)
        lauf = Einlesen(daten, docs, arbeit)
        while time.monotonic() - lauf.start < moment and lauf.proc.poll() is None:
            time.sleep(0.05)
        getroffen = lauf.proc.poll() is None
        if getroffen:
            os.kill(lauf.proc.pid, signal.SIGKILL)
        lauf.warte()
        offen = cli(["list", "--json", "--data", str(daten)], arbeit)
        danach = abschnitte(daten, arbeit)
        nachlauf = cli(["ingest", "--data", str(daten), str(docs)], arbeit)
        fertig = abschnitte(daten, arbeit)
        zeile = {"versuch": n, "moment": moment, "getroffen": getroffen, "stand": lauf.stand(),
                 "abschnitte": len(danach), "doppelt": doppelte(danach),
                 "offen": offen[0] == 0 and isinstance(json.loads(offen[1] or "null"), list),
                 "nachlauf": nachlauf[0] == 0, "gleich": fertig == ref}
        zeile["ok"] = (zeile["offen"] and zeile["doppelt"] == 0 and zeile["nachlauf"]
                       and zeile["gleich"])
        zeilen.append(zeile)
    return zeilen


def _s(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _perzentil(werte: list[float], p: float) -> float:
    """Nearest rank: bei 20 Werten ist p95 der 19."""
    werte = sorted(werte)
    return werte[max(0, -(-len(werte) * p // 100) - 1)] if werte else 0.0


def teil_a(arbeit: Path, daten: Path) -> tuple[int, int, str]:
    print("\n(a) Falsche Eingaben an der Kommandozeile", flush=True)
    faelle = eingaben.faelle(arbeit, daten)
    gut = 0
    for fall in faelle:
        code, out, err = cli(fall.args, arbeit, fall.env)
        befund = eingaben.befund(fall, code, out, err)
        gut += not befund
        text = befund or eingaben.meldung(out, err)
        print(f"  {'ok' if not befund else 'FEHLER':6} {fall.name:34} Exit {code}  {text[:110]}",
              flush=True)
    return gut, len(faelle), ""


def teil_b(arbeit: Path, docs: Path, daten: Path, t_lesen: float, t_gesamt: float,
           versuche: int, seed: int) -> tuple[int, int, str]:
    ref = abschnitte(daten, arbeit)
    print(f"\n(b) kill -9 beim Einlesen: {versuche} Versuche, Seed {seed}; sauber: {len(ref)} "
          f"Abschnitte, {doppelte(ref)} doppelte, {_s(t_gesamt)} s (erstes Dokument nach "
          f"{_s(t_lesen)} s)", flush=True)
    print(f"  {'Nr':3} {'Zeitpunkt':>9}  {'Stand beim Abbruch':48} {'Abschn.':>7} "
          f"{'doppelt':>7} {'Index offen':>11} {'Nachlauf = sauber':>17}")
    zeilen = abbrueche(arbeit, docs, ref, t_lesen, t_gesamt, versuche, random.Random(seed))
    for z in zeilen:
        stand = z["stand"] if z["getroffen"] else "(schon fertig, nicht getroffen)"
        print(f"  {z['versuch']:<3} {_s(z['moment']):>7} s  {stand:48} {z['abschnitte']:>7} "
              f"{z['doppelt']:>7} {'ja' if z['offen'] else 'NEIN':>11} "
              f"{'ja' if z['nachlauf'] and z['gleich'] else 'NEIN':>17}", flush=True)
    getroffen = sum(z["getroffen"] for z in zeilen)
    return sum(z["ok"] for z in zeilen), len(zeilen), f"{getroffen} mitten im Einlesen getroffen"


def _antwort(q: str, sekunden: float, data: dict | str) -> bool:
    """Druckt eine Zeile zur Antwort auf ``q``; ob sie Quellen hat und zu ``q`` gehört."""
    if isinstance(data, dict):
        n = len(data.get("citations") or ())
        ok = n > 0 and data.get("question") == q
        text = f"{n} Quelle(n)" + ("" if data.get("question") == q else
                                   f", Antwort zu anderer Frage: {data.get('question')}")
    else:
        ok, text = False, data
    print(f"  {'ok' if ok else 'FEHLER':6} {_s(sekunden):>5} s  {q[:72]:72} {text}", flush=True)
    return ok


def teil_c(arbeit: Path, daten: Path, fragen: list[str], n: int = 20) -> tuple[int, int, str]:
    print(f"\n(c) App mit Anmeldung: eine erste Frage, dann {n} verschiedene gleichzeitig "
          "über gradio_client (api_name=\"ask\")", flush=True)
    lauf = app_fragen(arbeit, daten, fragen[n], fragen[:n], _env())
    gut = _antwort(*lauf["erste"])
    zeiten = [sekunden for _, sekunden, _ in lauf["ergebnisse"]]
    gut += sum(_antwort(*e) for e in lauf["ergebnisse"])
    latenz = (f"gleichzeitig: p50 {_s(_perzentil(zeiten, 50))} s, p95 "
              f"{_s(_perzentil(zeiten, 95))} s, max {_s(max(zeiten))} s; erste Frage "
              f"{_s(lauf['erste'][1])} s; App bereit nach {_s(lauf['bereit'])} s")
    print(f"  Latenz {latenz}")
    return gut, n + 1, latenz


def pruefen(arbeit: Path, versuche: int, seed: int) -> int:
    start = time.monotonic()
    docs = arbeit / "dokumente"
    fragen = korpus(docs)
    daten, t_lesen, t_gesamt = sauber(arbeit, docs)
    teile = [("(a) falsche Eingaben", teil_a(arbeit, daten)),
             ("(b) kill -9 beim Einlesen", teil_b(arbeit, docs, daten, t_lesen, t_gesamt,
                                                  versuche, seed)),
             ("(c) App: 1 + 20 Fragen gleichzeitig", teil_c(arbeit, daten, fragen))]
    print("\nZusammenfassung")
    print(f"  {'Teil':36} {'Ergebnis':>10}  Befund")
    for name, (gut, alle, befund) in teile:
        print(f"  {name:36} {gut:>4}/{alle:<3} {'ok' if gut == alle else 'FEHLER':6} {befund}")
    dauer = time.monotonic() - start
    print(f"  Dauer {int(dauer // 60)}:{int(dauer % 60):02d} min")
    return 0 if all(gut == alle for _, (gut, alle, _) in teile) else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Zuverlässigkeit prüfen: falsche Eingaben, "
                                            "kill -9 beim Einlesen, gleichzeitige Fragen.")
    p.add_argument("--versuche", "--trials", type=int, default=5,
                   help="Abbrüche beim Einlesen (Standard 5)")
    p.add_argument("--seed", type=int, default=23, help="Zufallszeitpunkte (Standard 23)")
    p.add_argument("--schnell", action="store_true", help="für CI: 2 Abbrüche")
    p.add_argument("--ordner", type=Path, help="Arbeitsordner hier anlegen und behalten")
    args = p.parse_args(argv)
    versuche = 2 if args.schnell else max(1, args.versuche)
    if args.ordner:
        args.ordner.mkdir(parents=True, exist_ok=True)
        return pruefen(args.ordner, versuche, args.seed)
    with tempfile.TemporaryDirectory(prefix="zuverlaessigkeit-",
                                     ignore_cleanup_errors=True) as tmp:
        return pruefen(Path(tmp), versuche, args.seed)


if __name__ == "__main__":
    sys.exit(main())
