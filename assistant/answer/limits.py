"""Limits on one input: its length, the questions in it, the number of sources.

``ask`` checks them first (``assistant.answer.check_question``), so the command line, the
app and the API refuse or cut the same inputs with the same German messages, each naming
the setting that sets the limit. An input of 339 questions would otherwise become 339
searches and hold up everyone asking after it.
"""

from __future__ import annotations

from assistant.config import Settings, check_top_k
from assistant.errors import QuestionError


def _number(n: int) -> str:
    """12000 → "12.000", as numbers are written in German."""
    return f"{n:,}".replace(",", ".")


def check_input(text: object, settings: Settings, k: int | None = None) -> str:
    """``text`` with single spaces, when it is a question within the limits: not empty,
    at most ``max_question_chars`` characters, and ``k`` (when given) a top-k from 1 to 100.
    Otherwise a ``QuestionError`` (a bad top-k: ``ConfigError``) that says what to do."""
    if k is not None:
        check_top_k(k)
    plain = " ".join(str(text or "").split())
    if not plain:
        raise QuestionError("Bitte eine Frage eingeben.")
    limit = settings.max_question_chars
    if len(plain) > limit:
        raise QuestionError(
            f"Die Eingabe ist {_number(len(plain))} Zeichen lang; erlaubt sind höchstens "
            f"{_number(limit)} (Einstellung max_question_chars). Bitte die Frage kürzen oder "
            "auf mehrere Eingaben verteilen."
        )
    return plain


def limit_questions(parts: list[str], settings: Settings) -> tuple[list[str], str]:
    """The first ``max_sub_questions`` of the questions in one input, and the note that says
    how many were left out and why ("" when all are kept). The first ones are answered
    rather than none: they are what the user asked first, and the note says what to do
    with the rest."""
    limit = settings.max_sub_questions
    if len(parts) <= limit:
        return parts, ""
    left = len(parts) - limit
    rest = "die übrige Frage" if left == 1 else f"die übrigen {left} Fragen"
    return parts[:limit], (
        f"Hinweis: Die Eingabe enthält {len(parts)} Fragen; beantwortet werden höchstens "
        f"{limit} auf einmal (Einstellung max_sub_questions), hier die ersten {limit}. "
        f"Bitte {rest} in einer weiteren Eingabe stellen."
    )
