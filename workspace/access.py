"""Login and roles.

Users come from a file (lines ``name:passwort``; ``name:passwort:admin`` makes an
admin) or the environment variable ``AUSGANGSLAGE_USERS="a:b,c:d:admin"``; further admins
from ``AUSGANGSLAGE_ADMINS="anna,ben"`` (each must be a user). No users → no login: the app
listens on 127.0.0.1 only, and that single user is the admin."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError, ConfigError

ENV = "AUSGANGSLAGE_USERS"
ADMINS_ENV = "AUSGANGSLAGE_ADMINS"
ADMIN_MARK = ":admin"


@dataclass(frozen=True)
class Access:
    """Who may log in, and who may change the settings that affect everyone."""

    users: tuple[tuple[str, str], ...] = ()
    admins: frozenset[str] = frozenset()

    @property
    def login(self) -> bool:
        return bool(self.users)

    def is_admin(self, username: str | None) -> bool:
        """Without a login there is one user on this machine, and that user is the admin."""
        if not self.users:
            return True
        return username is not None and username in self.admins

    def require_admin(self, username: str | None, what: str) -> None:
        if not self.is_admin(username):
            raise AssistantError(
                f"{what} dürfen nur Administratorinnen und Administratoren ändern. Bitte an die "
                "Administration wenden (sie steht in der Benutzerdatei als "
                f"„name:passwort:admin“ oder in {ADMINS_ENV}).")


def _entry(entry: str, where: str) -> tuple[str, str, bool]:
    entry = entry.strip()
    admin = entry.endswith(ADMIN_MARK) and entry.count(":") >= 2
    if admin:
        entry = entry[: -len(ADMIN_MARK)]
    name, sep, password = entry.partition(":")
    if not sep or not name.strip() or not password:
        raise ConfigError(f"{where}: erwartet „name:passwort“ (oder „name:passwort:admin“) – "
                          "bitte korrigieren.")
    return name.strip(), password, admin


def _entries(path: Path | None, env: str | None) -> list[tuple[str, str, bool]]:
    out = []
    if path is not None and path.is_file():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(_entry(line, f"{path}, Zeile {n}"))
    env = os.environ.get(ENV, "") if env is None else env
    for i, entry in enumerate(e for e in env.split(",") if e.strip()):
        out.append(_entry(entry, f"{ENV}, Eintrag {i + 1}"))
    return out


def load_users(path: Path | None = None, env: str | None = None) -> list[tuple[str, str]]:
    """(name, password) pairs for the login."""
    return [(name, password) for name, password, _ in _entries(path, env)]


def load_access(path: Path | None = None, env: str | None = None,
                admins_env: str | None = None) -> Access:
    entries = _entries(path, env)
    users = tuple((name, password) for name, password, _ in entries)
    admins = {name for name, _, admin in entries if admin}
    admins_env = os.environ.get(ADMINS_ENV, "") if admins_env is None else admins_env
    named = [a.strip() for a in admins_env.split(",") if a.strip()]
    unknown = [a for a in named if a not in {u for u, _ in users}]
    if unknown:
        raise ConfigError(
            f"{ADMINS_ENV} nennt {', '.join(unknown)}, "
            f"{'ist' if len(unknown) == 1 else 'sind'} aber nicht als Benutzer eingetragen. "
            f"Bitte in der Benutzerdatei oder {ENV} als „name:passwort“ ergänzen oder aus "
            f"{ADMINS_ENV} entfernen.")
    return Access(users, frozenset(admins | set(named)))
