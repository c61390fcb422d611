"""Die echte App unter Last (Teil c von scripts/zuverlaessigkeit.py).

Startet ``python app.py`` mit einer Benutzerdatei auf einem freien Port über einer Kopie
eines eingelesenen Index, stellt eine erste Frage (die App lädt dabei ihre Modelle) und dann
alle übrigen gleichzeitig über gradio_client (``api_name="ask"``).
"""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _warte_auf(url: str, proc: subprocess.Popen, log: Path, frist: float = 300) -> float:
    start = time.monotonic()
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return time.monotonic() - start
        except urllib.error.HTTPError:
            return time.monotonic() - start  # der Server antwortet (Anmeldung nötig)
        except OSError:
            if proc.poll() is not None or time.monotonic() - start > frist:
                raise SystemExit("App nicht gestartet:\n" + log.read_text()[-3000:]) from None
            time.sleep(1)


def _frage(client, q: str) -> tuple[str, float, dict | str]:
    """(Frage, Sekunden, Antwort-JSON oder die Fehlermeldung)."""
    t0 = time.monotonic()
    try:
        data = client.predict(q, api_name="/ask")
    except Exception as exc:  # noqa: BLE001 - ein Befund, kein Absturz des Skripts
        data = f"{type(exc).__name__}: {exc}"[:200]
    return q, time.monotonic() - t0, data


def app_fragen(arbeit: Path, daten: Path, erste: str, fragen: list[str], env: dict) -> dict:
    """``erste`` allein, dann ``fragen`` gleichzeitig an die App über einer Kopie von ``daten``.
    Gibt die Sekunden bis zum Start, die erste Antwort und die übrigen zurück."""
    from gradio_client import Client

    kopie = arbeit / "app-daten"
    shutil.copytree(daten, kopie)
    nutzer, passwort = "pruefer", f"geheim-{random.SystemRandom().randrange(10**9)}"
    users = arbeit / "users.txt"
    users.write_text(f"{nutzer}:{passwort}\n", encoding="utf-8")
    port = _freier_port()
    log_datei = arbeit / "app.log"
    with log_datei.open("w") as log:
        proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port),
                                 "--data", str(kopie), "--users", str(users)],
                                cwd=arbeit, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}/"
            bereit = _warte_auf(url, proc, log_datei)
            client = Client(url, auth=(nutzer, passwort), verbose=False)
            zuerst = _frage(client, erste)
            with ThreadPoolExecutor(len(fragen)) as pool:
                ergebnisse = list(pool.map(lambda q: _frage(client, q), fragen))
        finally:
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {"bereit": bereit, "erste": zuerst, "ergebnisse": ergebnisse}
