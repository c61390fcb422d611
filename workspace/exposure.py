"""What the web server exposes, and in which language it says no.

``is_loopback`` decides whether an address is reachable from this machine only (the app
refuses any other without a login, unless started with ``--ohne-anmeldung-im-netz``).
``Guard`` is an ASGI middleware in front of Gradio's routes:

- Gradio's file route fetches outside addresses itself (``/gradio_api/file=http://…``); the
  guard refuses that (403) before Gradio sees it, so nothing leaves the machine. The same
  for ``/proxy=`` (Gradio's proxy for loaded Spaces, unused here).
- Gradio answers a too-large upload with HTTP 413 and an English sentence; the guard puts a
  German one in its place.

``UPLOAD_MESSAGES`` is a small script for the page head: the browser checks the file size
before uploading and shows an English toast; the script puts the German text in its place.
No gradio here (plain ASGI), so tests can call everything directly."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote

# "/gradio_api/file=http://…", "/file=https:…", "/gradio_api/file/http://…" (old form);
# local files are absolute paths ("file=/tmp/gradio/…") and stay served
REMOTE_FILE = re.compile(r"/file(?:=|/+)\s*[a-z][a-z0-9+.-]*:", re.IGNORECASE)
PROXY = re.compile(r"/proxy=", re.IGNORECASE)
REFUSED = ("Dieser Server ruft keine fremden Adressen ab: Dateien werden nur von diesem "
           "Rechner geliefert. Bitte die Datei herunterladen und im Reiter „Dokumente“ "
           "hochladen.")


def too_large(limit: str) -> str:
    return (f"Die Datei ist zu groß: erlaubt sind höchstens {limit} je Datei. Bitte die Datei "
            "verkleinern (z. B. Bilder entfernen) oder in Teile aufteilen. Die Grenze legt die "
            "Administration beim Start fest (app.py --max-upload).")


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    host = (host or "").strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to a reachable address


def refuses(path: str) -> bool:
    """A request the guard answers itself: a file route given an outside address, or the
    proxy route (``path`` as received, percent-decoded once more for safety)."""
    for p in (path, unquote(path)):
        if REMOTE_FILE.search(p) or PROXY.search(p):
            return True
    return False


class Guard:
    """ASGI middleware: refuses remote-URL file and proxy routes (403), German 413."""

    def __init__(self, app, max_upload: str = "") -> None:
        self.app = app
        self.max_upload = max_upload

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or b""
        path = scope.get("path", "") + " " + raw.decode("latin-1") + " " + (
            scope.get("query_string") or b"").decode("latin-1")
        if refuses(path):
            await _plain(send, 403, REFUSED)
            return
        await self.app(scope, receive, self._german_413(send))

    def _german_413(self, send):
        replaced = False

        async def wrapped(message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == 413:
                replaced = True
                await _plain(send, 413, too_large(self.max_upload or "der eingestellten Größe"))
                return
            if replaced:  # the original English body is dropped
                return
            await send(message)

        return wrapped


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# The browser's own size check (before any upload) and Gradio's toast titles, in German.
UPLOAD_MESSAGES = """<script>
(() => {
  const rules = [
    [/File\\(s\\) exceed the maximum allowed size of ([^:]*): (.*)/s, (m, size, names) =>
      `Die Datei ist zu groß: ${names} (erlaubt sind höchstens ` +
      `${size.replace(/b$/, "B").replace(".", ",")} je ` +
      `Datei). Bitte die Datei verkleinern (z. B. Bilder entfernen) oder in Teile ` +
      `aufteilen. Die Grenze legt die Administration beim Start fest (app.py --max-upload).`],
    [/^HTTP 413: (.*)/s, (m, rest) => rest],
  ];
  const titles = {"Error": "Fehler", "Warning": "Warnung", "Info": "Hinweis"};
  const translate = (root) => {
    root.querySelectorAll?.('[data-testid="toast-text"]').forEach((el) => {
      for (const [re, to] of rules) {
        const m = el.textContent.match(re);
        if (m) el.textContent = to(...m);
      }
    });
    root.querySelectorAll?.('[data-testid="toast-body"] span').forEach((el) => {
      el.childNodes.forEach((n) => {
        const t = n.nodeType === 3 && titles[n.nodeValue.trim()];
        if (t) n.nodeValue = t;
      });
    });
  };
  new MutationObserver(() => translate(document)).observe(document.documentElement,
    {childList: true, subtree: true, characterData: true});
})();
</script>"""
