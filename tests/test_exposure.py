"""What the server exposes, checked without a server: loopback addresses, the guard in
front of Gradio's routes (remote-URL file route, proxy, German 413), the start refusal."""

from __future__ import annotations

import asyncio

import pytest

from app import exposure_error
from workspace.exposure import Guard, is_loopback, refuses


@pytest.mark.parametrize("host, local", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.10", False),
    ("ausgangslage.kommune.example", False), ("", False)])
def test_loopback_addresses(host, local):
    assert is_loopback(host) is local


@pytest.mark.parametrize("path", [
    "/gradio_api/file=http://example.com/x.png", "/file=https://93.184.215.14/",
    "/gradio_api/file=HTTP://example.org/", "/gradio_api/file/http://example.org/",
    "/gradio_api/file=%68ttps://example.org/", "/gradio_api/proxy=https://example.org/",
    "/prefix/gradio_api/file=ftp://example.org/a"])
def test_remote_routes_are_refused(path):
    assert refuses(path)


@pytest.mark.parametrize("path", [
    "/", "/gradio_api/file=/tmp/gradio/abc/bericht.docx", "/gradio_api/upload",
    "/gradio_api/file=/tmp/gradio/a/Protokoll: TOP 3.docx", "/gradio_api/queue/join"])
def test_local_routes_pass(path):
    assert not refuses(path)


def _serve(guard: Guard, path: str) -> list[dict]:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    asyncio.run(guard({"type": "http", "path": path, "raw_path": path.encode(),
                       "query_string": b""}, receive, send))
    return sent


def test_the_guard_answers_before_gradio_and_in_german():
    calls = []

    async def gradio(scope, receive, send):  # stands for the app behind the guard
        calls.append(scope["path"])
        status = 413 if scope["path"].endswith("/upload") else 200
        body = b"File size exceeded maximum allowed size of 40960 bytes."
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    guard = Guard(gradio, max_upload="40kb")
    sent = _serve(guard, "/gradio_api/file=http://example.com/x.png")
    assert calls == [] and sent[0]["status"] == 403
    assert "ruft keine fremden Adressen ab" in sent[1]["body"].decode()
    sent = _serve(guard, "/gradio_api/upload")
    body = sent[1]["body"].decode()
    assert sent[0]["status"] == 413 and len(sent) == 2  # the English body is dropped
    assert body.startswith("Die Datei ist zu groß: erlaubt sind höchstens 40kb")
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(body.encode())).encode()
    sent = _serve(guard, "/gradio_api/info")
    assert sent[0]["status"] == 200 and calls[-1] == "/gradio_api/info"


def test_a_network_address_without_users_is_refused_unless_the_flag_says_so():
    said = exposure_error("0.0.0.0", [], open_network=False)
    assert "0.0.0.0 ist aus dem Netz erreichbar" in said and "--ohne-anmeldung-im-netz" in said
    assert "users.txt" in said and "--host 127.0.0.1" in said
    assert exposure_error("0.0.0.0", [("anna", "pw")], open_network=False) is None
    assert exposure_error("0.0.0.0", [], open_network=True) is None
    assert exposure_error("127.0.0.1", [], open_network=False) is None
