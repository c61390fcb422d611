"""Shared fixtures: the network is blocked (loopback allowed), real models are loaded once."""

from __future__ import annotations

import socket

import pytest

from assistant.config import Settings

_real_connect = socket.socket.connect


def _guarded_connect(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not (
        host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
    ):
        raise RuntimeError(f"Netzwerkzugriff im Test blockiert: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(scope="session")
def e5():
    from assistant.embed import load_embedder

    return load_embedder("e5-small")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "daten")
