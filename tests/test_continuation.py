"""A fact answer takes the sentence after its best one when that sentence says a rare part of
the question ("… ins Ukrainische" after the sentence that names the report), and not when
it only shares a word every passage uses ("Kinder"). Minutes of an invented town's
integration council as a real Markdown file, real Chroma in a temp dir, the real e5
embedder."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import params
from assistant.engine import Engine
from tests.documents import indexed_files

MINUTES = """# Integrationsrat Neustadt: Sitzung vom 4. Februar 2025

## Jahresbericht der Sprachlotsen

Der Integrationsrat beriet über den Jahresbericht der Sprachlotsen, den die Verwaltung im \
Januar vorgelegt hatte. Übersetzt wurde bisher nur die Kurzfassung, und zwar ins \
Ukrainische. Die Sprachlotsen begleiteten im Jahr 2024 insgesamt 318 Termine von Familien \
mit Kindern.

## Schulplätze

Für neu zugewanderte Kinder fehlen an den Grundschulen im Norden der Stadt Plätze in \
Sprachfördergruppen. Die Schulverwaltung prüft, ob an der Lindenschule eine weitere Gruppe \
eingerichtet wird. Die Eltern der Kinder werden im März informiert.

## Kita

Die Kita am Stadtpark erweitert ab April ihre Gruppen um zwölf Plätze. Kinder aus Familien \
ohne Kitaplatz erhalten bis dahin ein Spielgruppenangebot im Familienzentrum.
"""

REPORT = "Welcher Teil des Jahresberichts der Sprachlotsen ist auf Ukrainisch?"
KITA = "Ab wann erweitert die Kita am Stadtpark ihre Gruppen für Kinder?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5) -> Engine:
    return indexed_files(tmp_path_factory.mktemp("fortsetzung"),
                         {"integrationsrat-2025-02.md": MINUTES}, e5)


def test_the_next_sentence_joins_when_it_says_a_rare_asked_word(engine):
    answer = engine.ask(REPORT)
    assert not answer.abstained
    texts = [s.text for s in answer.sentences]
    assert texts[0].startswith("Der Integrationsrat beriet über den Jahresbericht")
    assert "Übersetzt wurde bisher nur die Kurzfassung, und zwar ins Ukrainische." in texts
    assert all(s.citations == (1,) for s in answer.sentences)  # the same passage


def test_without_the_rule_the_answer_names_the_report_but_not_the_part(engine):
    with params.use(params.without(params.rules("fortsetzung"))):
        answer = engine.ask(REPORT)
    assert not answer.abstained
    assert "Kurzfassung" not in answer.text
    assert "Jahresbericht der Sprachlotsen" in answer.text


def test_a_common_word_in_the_next_sentence_does_not_pull_it_in(engine):
    answer = engine.ask(KITA)
    assert [s.text for s in answer.sentences] == [
        "Die Kita am Stadtpark erweitert ab April ihre Gruppen um zwölf Plätze."]
    # "Kinder" is said in every section: only the rarity bar keeps the next sentence out
    with params.use(replace(params.DEFAULT, continuation_rarity=0.0)):
        loose = engine.ask(KITA)
    assert "Spielgruppenangebot" in loose.text
