"""Prompts are files in ``prompts/``, one per task, rendered strictly.

File format (``prompts/<name>.txt``, UTF-8):

- Lines before the first role marker are comments for reviewers (what the prompt is for,
  which variables it takes); they are never sent to a model.
- ``### system``, ``### user`` and ``### assistant`` lines start a chat message. Several
  user/assistant pairs before the last user message are few-shot examples.
- Variables use ``string.Template`` syntax: ``$name`` or ``${name}``; ``$$`` is a literal
  dollar sign. Braces ``{}`` are plain text, so JSON or examples need no escaping.

``render`` raises ``PromptError`` naming every missing variable and every variable passed
that the template does not use, and for a ``$`` that is not a valid placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from assistant.errors import PromptError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
ROLES = ("system", "user", "assistant")
_MARKER = re.compile(r"^### (system|user|assistant)\s*$")


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    messages: tuple[tuple[str, Template], ...]  # (role, template)

    @property
    def variables(self) -> set[str]:
        out: set[str] = set()
        for _, template in self.messages:
            out.update(template.get_identifiers())
        return out


def load(name: str, directory: Path | None = None) -> PromptTemplate:
    """Read and parse ``<directory>/<name>.txt`` (default: the project's ``prompts/``)."""
    path = (directory or PROMPTS_DIR) / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        known = ", ".join(names(directory)) or "keine"
        raise PromptError(
            f"Die Vorlage '{name}' fehlt ({path}). Vorhanden: {known}. Bitte den Ordner "
            "prompts/ aus dem Projekt vollständig mitliefern."
        ) from exc
    messages: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = _MARKER.match(line)
        if m:
            messages.append((m.group(1), []))
        elif messages:
            messages[-1][1].append(line)
    if not messages or messages[-1][0] != "user":
        raise PromptError(
            f"Die Vorlage {path} braucht mindestens einen Abschnitt '### user' und muss mit "
            "ihm enden (optional vorher '### system' und Beispiele)."
        )
    parsed = []
    for role, lines in messages:
        template = Template("\n".join(lines).strip("\n"))
        if not template.is_valid():
            raise PromptError(
                f"Die Vorlage {path} enthält ein ungültiges '$' (Abschnitt {role}). Platzhalter "
                "schreiben sich $name oder ${name}, ein Dollarzeichen als $$."
            )
        parsed.append((role, template))
    return PromptTemplate(name, tuple(parsed))


def names(directory: Path | None = None) -> list[str]:
    """All prompt names in ``directory`` (default: the project's ``prompts/``)."""
    folder = directory or PROMPTS_DIR
    return sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else []


def render(name: str, directory: Path | None = None, **variables: object) -> list[dict]:
    """The chat messages of prompt ``name`` with ``variables`` filled in, strictly."""
    template = load(name, directory)
    wanted = template.variables
    missing = sorted(wanted - variables.keys())
    unknown = sorted(variables.keys() - wanted)
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"fehlende Variable(n): {', '.join(missing)}")
        if unknown:
            parts.append(f"unbekannte Variable(n): {', '.join(unknown)}")
        raise PromptError(
            f"Die Vorlage '{name}' passt nicht zu ihren Werten ({'; '.join(parts)}). "
            f"Sie erwartet: {', '.join(sorted(wanted)) or 'keine'}."
        )
    values = {k: str(v) for k, v in variables.items()}
    return [{"role": role, "content": t.substitute(values)} for role, t in template.messages]
