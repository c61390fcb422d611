"""Optional login: users from a file (lines ``name:passwort``) or the environment variable
``AUSGANGSLAGE_USERS="a:b,c:d"``. No users → no login (the app listens on 127.0.0.1)."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.errors import ConfigError

ENV = "AUSGANGSLAGE_USERS"


def _pair(entry: str, where: str) -> tuple[str, str]:
    name, sep, password = entry.strip().partition(":")
    if not sep or not name.strip() or not password:
        raise ConfigError(f"{where}: erwartet „name:passwort“ – bitte korrigieren.")
    return name.strip(), password


def load_users(path: Path | None = None, env: str | None = None) -> list[tuple[str, str]]:
    users: list[tuple[str, str]] = []
    if path is not None and path.is_file():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                users.append(_pair(line, f"{path}, Zeile {n}"))
    env = os.environ.get(ENV, "") if env is None else env
    for i, entry in enumerate(e for e in env.split(",") if e.strip()):
        users.append(_pair(entry, f"{ENV}, Eintrag {i + 1}"))
    return users
