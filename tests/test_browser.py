"""The real app in Debian's Chromium (Playwright, no browser download) and over gradio_client.

Starts ``python app.py`` on a free loopback port with an empty data folder, so the app reads
the bundled corpus itself (takes a minute or two). Saves a screenshot of every tab: into a
temporary folder, so that a test run leaves the repository as it was; with
``AUSGANGSLAGE_BILDER=docs`` into docs/ (to renew the pictures there, then look at them).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / (os.environ.get("AUSGANGSLAGE_BILDER") or tempfile.mkdtemp(prefix="bilder-"))
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("app") / "daten"
    port = _free_port()
    log = (data.parent / "app.log").open("w")
    env = {**os.environ, "AUSGANGSLAGE_USERS": ""}
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--port", str(port),
                             "--data", str(data), "--users", str(data.parent / "keine.txt")],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 600  # first start reads the bundled corpus
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("App nicht gestartet:\n" + (data.parent / "app.log").read_text())
            time.sleep(1)
    yield url, data
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def page(server):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.skip("Debian-Chromium fehlt: apt-get install -y chromium chromium-driver")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE",
                                      accept_downloads=True)
        page = context.new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        page.goto(server[0])
        page.wait_for_selector("#frage textarea", timeout=60_000)
        page.outside = outside
        yield page
        browser.close()


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    page.wait_for_timeout(400)


def test_ask_a_step2_question_and_open_a_citation(page):
    page.get_by_role("button", name="Netzwerke", exact=True).click()
    first = page.locator("#gespraech details.quelle").first
    first.wait_for(timeout=120_000)
    assert "Integrationskonzept Beispielstadt 2023" in first.locator("summary").inner_text()
    passage = first.locator(".fundstelle")
    assert not passage.is_visible()
    first.locator("summary").click()
    assert passage.is_visible() and "Netzwerk" in passage.inner_text()
    assert "PDF-Seite" in first.locator("summary").inner_text()
    page.locator("#uebernehmen").click()
    page.get_by_text("in den Abschnitt „Netzwerke“ übernommen").wait_for(timeout=30_000)
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "fragen.png"), full_page=True)
    assert page.outside == []  # nothing loaded from the internet


def test_a_question_typed_with_a_slip_is_answered_and_the_reading_shown(page):
    page.locator("#frage textarea").fill("hallo, welche netwzerke gibt es bei uns? danke!")
    page.locator("#frage textarea").press("Enter")
    said = page.locator("#gespraech").get_by_text("„netwzerke“ als „netzwerke“ gelesen")
    said.wait_for(timeout=120_000)
    page.locator("#gespraech details.quelle").last.wait_for(timeout=60_000)


def test_a_list_question_shows_every_offer_with_the_rest_on_request(page):
    page.locator("#frage textarea").fill("Welche Maßnahmen stehen in der Maßnahmenübersicht 2024?")
    page.locator("#frage textarea").press("Enter")
    more = page.locator("#gespraech details.weitere").last
    more.wait_for(timeout=120_000)
    message = more.locator("xpath=ancestor::*[contains(@class,'message')][1]")
    assert "Die Dokumente nennen" in message.inner_text()
    hidden = more.locator("li").first
    assert not hidden.is_visible()
    summary = more.locator("summary").inner_text()
    assert "weitere Einträge anzeigen" in summary
    more.locator("summary").click()
    assert hidden.is_visible()
    shown = int(summary.split()[0]) + 10
    assert f"Die Dokumente nennen {shown} Einträge" in message.inner_text()
    page.screenshot(path=str(DOCS / "liste.png"), full_page=True)


def test_upload_a_document(page, tmp_path):
    _tab(page, "Dokumente")
    note = tmp_path / "notiz-sprachcafe-ost.txt"
    note.write_text("Seit Mai 2024 gibt es im Stadtbezirk Ost das Sprachcafé Ost für neu "
                    "zugewanderte Jugendliche. Träger ist der Jugendmigrationsdienst.",
                    encoding="utf-8")
    page.locator("#hochladen input[type=file]").set_input_files(str(note))
    page.wait_for_timeout(1000)
    page.locator("#einlesen").click()
    page.locator("#dokumente-status").get_by_text("1 neu").wait_for(timeout=120_000)
    page.get_by_text("notiz-sprachcafe-ost.txt").first.wait_for(timeout=30_000)
    page.screenshot(path=str(DOCS / "dokumente.png"), full_page=True)


def test_generate_a_section_and_export_docx(page, server, tmp_path):
    _tab(page, "Ausgangslage")
    page.get_by_text("2. Vorhandene Integrationskonzepte").click()
    page.locator("#erzeugen-konzepte").click()
    text = page.locator("#text-konzepte textarea")
    page.wait_for_function("() => document.querySelector('#text-konzepte textarea')"
                           ".value.includes('[1]')", timeout=120_000)
    assert "konzept" in text.input_value().lower()  # Integrations- or Handlungskonzept
    page.get_by_text("4. Netzwerke").click()
    netzwerke = page.locator("#text-netzwerke textarea")
    netzwerke.wait_for(timeout=30_000)
    assert "[1]" in netzwerke.input_value()  # adopted from the chat earlier
    page.get_by_text("Maßnahmenübersicht: Angebote, Doppelungen und Lücken").click()
    page.locator("#uebersicht").click()
    page.get_by_text("Maßnahmen, Netzwerke und Konzepte gefunden").wait_for(timeout=120_000)
    page.locator("#export-docx").click()
    link = page.locator("#export-datei a").first
    link.wait_for(timeout=60_000)
    with page.expect_download() as download:
        link.click()
    target = tmp_path / "ausgangslage.docx"
    download.value.save_as(target)
    doc = Document(str(target))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "Ausgangslage – Beispielstadt"
    assert "2. Vorhandene Integrationskonzepte" in body and "[1]" in body
    assert "Integrationskonzept Beispielstadt 2023, S." in body
    assert "Datei: integrationskonzept-beispielstadt-2023.pdf" in body
    page.screenshot(path=str(DOCS / "ausgangslage.png"), full_page=True)


def test_screenshots_of_quality_and_settings(page):
    _tab(page, "Qualität")
    page.get_by_role("button", name="Auswertung starten").wait_for()
    page.screenshot(path=str(DOCS / "qualitaet.png"), full_page=True)
    _tab(page, "Einstellungen")
    page.get_by_text("API-Schlüssel").wait_for()
    page.screenshot(path=str(DOCS / "einstellungen.png"), full_page=True)


def test_api_ask_returns_the_cli_json(server):
    from gradio_client import Client

    client = Client(server[0], verbose=False)
    data = client.predict("Welche Netzwerke sind aufgebaut worden?", api_name="/ask")
    assert list(data) == ["question", "answer", "items", "citations", "sources", "abstained",
                          "sentences", "notes", "timings_ms"]
    assert data["citations"] and data["citations"][0]["document"].endswith(".pdf")
    # a list question: every network with its citation numbers, as `ask --json` gives it
    assert len(data["items"]) == 4 and all(i["citations"] for i in data["items"])
    assert isinstance(data["citations"][0]["page"], int)
