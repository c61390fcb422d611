"""A listener that speaks just enough of the OpenAI chat API to record who sends what.

Runs a real HTTP server on a free loopback port (in a thread). Each request's path,
``Authorization`` header and body are kept in ``requests``. ``echo_error`` makes it answer
400 with the request's headers in the error text (a server that echoes secrets back)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY = "Das Netzwerk Zuwanderung trifft sich seit 2019 zweimal im Jahr [1]."


class FakeLLM:
    def __init__(self, reply: str = REPLY, echo_error: bool = False) -> None:
        self.requests: list[dict] = []
        self.reply, self.echo_error = reply, echo_error
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fake.requests.append({"path": self.path,
                                      "authorization": self.headers.get("Authorization"),
                                      "body": body.decode("utf-8", "replace")})
                if fake.echo_error:
                    self._send(400, {"error": {"message": f"abgelehnt: {dict(self.headers)}",
                                               "type": "invalid_request_error"}})
                    return
                self._send(200, {
                    "id": "chatcmpl-1", "object": "chat.completion", "created": 0,
                    "model": "m", "choices": [{"index": 0, "finish_reason": "stop",
                                               "message": {"role": "assistant",
                                                           "content": fake.reply}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})

            def _send(self, status: int, data: dict) -> None:
                raw = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeLLM":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def keys(self) -> list[str | None]:
        return [r["authorization"] for r in self.requests]
