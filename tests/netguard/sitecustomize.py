"""Loaded by the app under test (``PYTHONPATH=tests/netguard``): every attempt to resolve or
connect to an address outside this machine is refused and written, one line each, to the
file named by ``AUSGANGSLAGE_TEST_NETLOG`` – so a test can show that nothing left."""

from __future__ import annotations

import os
import socket

_LOG = os.environ.get("AUSGANGSLAGE_TEST_NETLOG", "")
_connect, _connect_ex, _getaddrinfo = (socket.socket.connect, socket.socket.connect_ex,
                                       socket.getaddrinfo)


def _local(host) -> bool:
    host = host.decode() if isinstance(host, bytes) else str(host)
    return (host in ("localhost", "::1", "", "0.0.0.0", "::") or host.startswith("127.")
            or host.startswith("/") or host.startswith("::ffff:127."))


def _refuse(what: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(what + "\n")
    raise OSError(f"Netzwerkzugriff im Test blockiert: {what}")


def connect(self, address):
    if isinstance(address, tuple) and not _local(address[0]):
        _refuse(f"connect {address!r}")
    return _connect(self, address)


def connect_ex(self, address):
    if isinstance(address, tuple) and not _local(address[0]):
        _refuse(f"connect {address!r}")
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _local(host):
        _refuse(f"getaddrinfo {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


if _LOG:
    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.getaddrinfo = getaddrinfo
