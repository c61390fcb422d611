"""Questions for a number of something ("Wie viele Mitglieder …?"): the asked noun is read
from the question, and found sentences must give a number of it. A saved web page of a
sports club (an invented town, Neustadt) gives its founding year, its courts and its teams
and welcomes new members, but does not say how many it has. Real files, real Chroma in a
temp dir, the real e5 embedder."""

from __future__ import annotations

import pytest

from assistant import params
from assistant.answer.answertype import asked_unit, names_unit
from assistant.engine import Engine
from tests.documents import indexed_files

CLUB_PAGE = """Startseite
Verein
Kontakt
[Mitglied werden] [Presse]
Quelle: https://www.tc-neustadt.example/verein
TC Blau-Weiß Neustadt
Der Tennisclub Blau-Weiß Neustadt wurde 1954 gegründet und spielt auf der Anlage am Stadtpark.
Die Anlage hat sechs Sandplätze und eine Halle mit zwei Plätzen.
In der Saison 2024 spielen 14 Mannschaften in den Ligen des Bezirks, davon fünf Jugendmannschaften.
Das Training für Kinder und Jugendliche findet montags und donnerstags statt.
Neue Mitglieder sind jederzeit willkommen, auch ohne Vorkenntnisse.
Foto: Vereinsmeisterschaft 2023 (Bild: TC Neustadt)
Impressum
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5) -> Engine:
    return indexed_files(tmp_path_factory.mktemp("einheit"), {"tc-verein.txt": CLUB_PAGE}, e5)


@pytest.mark.parametrize("question, unit", [
    ("Wie viele Mitglieder hat der Verein?", ("Mitglieder", True)),
    ("Ab wie vielen Kilometern Schulweg gibt es eine Fahrkarte?", ("Kilometern", True)),
    ("Wie viele neue Schülerinnen kamen 2023?", ("Schülerinnen", True)),
    ("Wie viele Sport- und Musikvereine gibt es?", ("Musikvereine", True)),
    ("wie viele plätze hat die anlage", ("plätze", True)),
    ("Wie hoch ist nach dem Vertrag der monatliche Beitrag?", ("Beitrag", False)),
    ("Wie hoch ist die geschätzte Anzahl der Baumarten?", ("Baumarten", False)),
    ("Wie viel kostet der Kurs?", None),  # money: ``wanted`` checks it
    ("Wie hoch ist die Quote der Abbrüche?", None),  # a share: the same
    ("Welche Angebote gibt es?", None),
    # a difference, not a count of the noun after the verb
    ("Wie viel länger war die Wartezeit im Herbst?", None),
    ("Um wie viel ist die Zahl der Anmeldungen gestiegen?", None),
    ("Wie viele verschiedene Sprachen sprechen die Kinder?", ("Sprachen", True)),
    ("Wie viele gut ausgebildete Fachkräfte fehlen?", ("Fachkräfte", True)),
    ("Wie viele Sechs- bis Zehnjährige besuchen den Hort?", ("Zehnjährige", True)),
])
def test_the_counted_or_measured_noun_is_read_from_the_question(question, unit):
    assert asked_unit(question) == unit


def test_a_number_counts_only_beside_the_asked_noun():
    members = ("Mitglieder", True)
    assert names_unit(members, "Der Verein hat über 2.000 Mitglieder.")
    assert names_unit(members, "Mitglieder: 1.345")
    assert names_unit(members, "2022 hatte der Verein 1.240 Mitglieder, 2023 waren es 1.412.")
    assert names_unit(members, "2023 waren es 1.412.")  # the noun said before
    assert not names_unit(members, "Der Verein wurde 1954 gegründet und hat viele Mitglieder.")
    assert not names_unit(members, "Seit dem 1. Mai 2020 zahlen Mitglieder weniger.")  # a date
    assert not names_unit(members, "Die Mitglieder spielen auf sechs Plätzen am Stadtpark "
                                   "neben der Halle.")  # a number of something else
    # a unit's abbreviation and a compound's head count as the noun
    assert names_unit(("Kilometern", True), "Die Fahrkarte gibt es ab 3 km Schulweg.")
    assert names_unit(("Unterrichtsstunden", True), "Der Kurs umfasst 100 Stunden.")
    assert names_unit(("Zeit", True), "Die Klage ist innerhalb von zwei Wochen zu erheben.")
    # a measured noun: the noun and a number in one sentence
    assert names_unit(("Beitrag", False), "Der Jahresbeitrag beträgt für Kinder 60 Euro.")


def test_a_count_the_documents_do_not_give_is_declined_with_the_reason(engine):
    answer = engine.ask("Wie viele Mitglieder hat der TC Blau-Weiß Neustadt?")
    assert answer.abstained, answer.text
    assert "„Mitglieder“" in answer.text, answer.text
    assert not answer.citations


def test_a_count_the_documents_give_is_answered_with_its_sentence(engine):
    answer = engine.ask("Wie viele Mannschaften hat der Verein?")
    assert not answer.abstained, answer.text
    assert "14 Mannschaften" in answer.text, answer.text
    assert answer.citations[0].document == "tc-verein.txt"


def test_without_the_rule_the_club_page_answers_the_members_question(engine):
    with params.use(params.without(params.rules("fehlende_einheit"))):
        answer = engine.ask("Wie viele Mitglieder hat der TC Blau-Weiß Neustadt?")
    assert not answer.abstained, answer.text
    assert answer.citations[0].document == "tc-verein.txt"

