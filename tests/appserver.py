"""Start the real ``python app.py`` on a free loopback port, and talk to it the way the
page does (login form, ``/config``, ``queue/join`` + ``queue/data``) – so a test can send
exactly what a browser, or someone bypassing the page, would send."""

from __future__ import annotations

import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETGUARD = Path(__file__).resolve().parent / "netguard"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(args: list[str], env: dict, log: Path, port: int | None = None,
              timeout: float = 600) -> tuple[subprocess.Popen, str]:
    """The app with ``args`` (plus ``--port``), its output in ``log``; returns once the page
    answers. Fails with the log when the process ends first."""
    port = port or free_port()
    out = log.open("w")
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--port", str(port), *args],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                            env={**os.environ, **env})
    proc.log_file = out  # closed by stop()
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except urllib.error.HTTPError:
            return proc, url  # it answers (e.g. 401 before login)
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                raise RuntimeError("App nicht gestartet:\n" + log.read_text()) from None
            time.sleep(1)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.log_file.close()


class Session:
    """One logged-in user (or none), like a browser tab: cookies, config, events."""

    def __init__(self, url: str, user: str | None = None, password: str | None = None) -> None:
        self.url = url.rstrip("/")
        self.seen: list[str] = []  # every response body, to search for secrets
        self.session_hash = uuid.uuid4().hex  # one per tab: its gr.State lives on the server
        self._open = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())).open
        if user:
            self.get("/login", data=urllib.parse.urlencode(
                {"username": user, "password": password}).encode())
        self.config = json.loads(self.get("/config")[1])

    def get(self, path: str, data: bytes | None = None,
            headers: dict | None = None) -> tuple[int, str]:
        req = urllib.request.Request(self.url + path, data=data, headers=headers or {})
        try:
            with self._open(req, timeout=60) as resp:
                status, body = resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode("utf-8", "replace")
        self.seen.append(body)
        return status, body

    def upload(self, path: Path) -> dict:
        """Upload a file like the page does; returns the FileData to pass to an event."""
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                f"filename=\"{path.name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ).encode() + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        status, text = self.get("/gradio_api/upload", body,
                                {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        if status != 200:
            raise RuntimeError(f"Hochladen abgelehnt ({status}): {text}")
        return {"path": json.loads(text)[0], "orig_name": path.name,
                "meta": {"_type": "gradio.FileData"}}

    def event(self, elem_id: str | None = None, trigger: str = "click") -> tuple[int, int]:
        """(fn_index, trigger id) of the event a component with ``elem_id`` fires."""
        ids = {c["id"]: c.get("props", {}).get("elem_id") for c in self.config["components"]}
        for i, dep in enumerate(self.config["dependencies"]):
            for target, kind in dep.get("targets", []):
                if kind == trigger and (elem_id is None or ids.get(target) == elem_id):
                    return dep.get("id", i), target
        raise LookupError(f"kein Ereignis {trigger} an #{elem_id}")

    def call(self, fn: int, trigger: int, data: list) -> dict:
        """Run one event through the queue; returns the ``process_completed`` message."""
        session = self.session_hash
        self.get("/gradio_api/queue/join", json.dumps(
            {"data": data, "event_data": None, "fn_index": fn, "trigger_id": trigger,
             "session_hash": session}).encode(), {"Content-Type": "application/json"})
        req = urllib.request.Request(f"{self.url}/gradio_api/queue/data?session_hash={session}")
        with self._open(req, timeout=300) as resp:
            for raw in resp:
                line = raw.decode("utf-8", "replace").strip()
                self.seen.append(line)
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "process_completed":
                        return message
        raise RuntimeError("Ereignis ohne Ergebnis beendet")
