"""Content word lists live in data files that say where their words come from, not in code."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from assistant import guidance, wordlists
from assistant.answer import answerable, offers
from assistant.draft import measures
from assistant.search import rerank
from assistant.text import terms

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
WOERTER = json.loads((PACKAGE / "data" / "woerter.json").read_text(encoding="utf-8"))
LEITFRAGEN = json.loads((PACKAGE / "data" / "leitfragen.json").read_text(encoding="utf-8"))
MAX_WORDS = 12
# Word lists in code that are grammar, not content: which words end no sentence, which are
# function words, which open a sentence before a name. They hold no subject of any document.
GRAMMAR = {
    ("text.py", "_ABBREVIATIONS"),  # abbreviations after which a sentence goes on ("bzw.")
    ("text.py", "_EXTRA_STOPWORDS"),  # question words, pronouns, auxiliary and modal verbs
    # articles, prepositions and verbs stripped before a target group ("für die Eltern")
    ("draft/measures.py", "_LEAD_STOP"),
    # prepositions that open a phrase before the measured noun ("nach dem Gesetz der Bedarf")
    ("answer/answertype.py", "_PREPOSITIONS"),
}


def _words(name: str) -> list[str]:
    return WOERTER["lists"][name]["woerter"]


@pytest.mark.parametrize("name", sorted(WOERTER["lists"]))
def test_every_list_says_where_its_words_come_from(name):
    entry = WOERTER["lists"][name]
    assert entry["herkunft"].strip()
    if name == "handlungsfelder":
        fields = [e["feld"] for e in entry["eintraege"]]
        assert fields and len(set(fields)) == len(fields)
        for e in entry["eintraege"]:
            assert e["staemme"] and len(set(e["staemme"])) == len(e["staemme"]), e["feld"]
    else:
        words = entry["woerter"]
        assert words and len(set(words)) == len(words), name


def test_modules_read_the_data_file():
    assert answerable.GENERAL_NOUNS == frozenset(_words("allgemeine_nomen"))
    assert isinstance(answerable.GENERAL_NOUNS, frozenset)
    assert rerank._presenting() == frozenset(terms(" ".join(_words("darstellende_woerter"))))
    for module, module_name, list_name in [
        (offers, "KEYWORDS", "massnahmen_stichwoerter"),
        (offers, "GENERIC", "massnahmen_allgemein"),
        (measures, "NAME_FIELDS", "spalten_name"), (measures, "PROVIDER_FIELDS", "spalten_traeger"),
        (measures, "TARGET_FIELDS", "spalten_zielgruppe"), (measures, "PLACE_FIELDS", "spalten_ort"),
    ]:
        value = getattr(module, module_name)
        assert isinstance(value, tuple) and value == tuple(_words(list_name)), module_name
    assert offers.ANY_OFFER and set(offers.ANY_OFFER) <= set(_words("spalten_name"))
    assert measures.TOPICS == tuple(
        (e["feld"], tuple(e["staemme"])) for e in WOERTER["lists"]["handlungsfelder"]["eintraege"])
    assert wordlists.words("spalten_ort") == tuple(_words("spalten_ort"))


def test_entries_are_a_copy():
    wordlists.entries("handlungsfelder")[0]["staemme"].append("x")
    assert "x" not in wordlists.entries("handlungsfelder")[0]["staemme"]


def test_the_six_guidance_questions_come_from_their_file():
    assert LEITFRAGEN["herkunft"].strip()
    questions = LEITFRAGEN["fragen"]
    assert len(questions) == 6 == len(guidance.STEP2_QUESTIONS)
    assert len({q["key"] for q in questions}) == 6
    for raw, q in zip(questions, guidance.STEP2_QUESTIONS):
        assert (q.key, q.title, q.question, q.search) == (
            raw["key"], raw["title"], raw["question"], raw["search"])
        assert guidance.step2_question(q.question) is q
        assert guidance.step2_question(q.question.upper()) is q


def _literal_strings(value: ast.expr) -> list[ast.expr] | None:
    """The elements of a tuple, set or list literal, also inside ``frozenset(...)``,
    ``set(...)`` or ``tuple(...)``; None for any other value."""
    if (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in ("frozenset", "set", "tuple") and len(value.args) == 1):
        value = value.args[0]
    if isinstance(value, (ast.Tuple, ast.Set, ast.List)):
        return value.elts
    return None


def _is_lower_word(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.isalpha() and node.value.islower())


def _word_lists(path: Path):
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        elts = _literal_strings(value)
        if elts and len(elts) > MAX_WORDS and all(_is_lower_word(e) for e in elts):
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id


def test_no_word_list_hides_in_code():
    found = {(str(p.relative_to(PACKAGE)), name)
             for p in PACKAGE.rglob("*.py") for name in _word_lists(p)}
    assert found - GRAMMAR == set(), "word lists belong in assistant/data/woerter.json"
    assert GRAMMAR <= found, "allowed list no longer exists: shrink GRAMMAR"
