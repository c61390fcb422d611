"""Offers named in running text, not in a list or table: a saved web page of a youth
migration service (an invented town, Neustadt) whose offers stand in sentences ("Darüber
hinaus bietet der JMD …"), and a report whose prose names offers of another provider.
Real files, real Chroma in a temp dir, the real e5 embedder."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from assistant import params
from assistant.answer.offers import asked_kinds, offer_names
from assistant.engine import Engine
from tests.documents import indexed

JMD_PAGE = """Startseite
Beratung
Kontakt
[Leichte Sprache] [English]
Quelle: https://www.jmd-neustadt.example/angebote
Jugendmigrationsdienst Neustadt
Der Jugendmigrationsdienst (JMD) der Diakonie Neustadt begleitet junge Zugewanderte von 12 bis 27 Jahren beim Ankommen in Schule, Ausbildung und Beruf.
Jeden Dienstag bietet der JMD die Sprechstunde „Ankommen“ im Bürgerhaus Nord an.
Darüber hinaus bietet der JMD einen Bewerbungskurs „Startklar“ für Jugendliche ab 16 Jahren an.
In den Sommerferien organisiert der JMD gemeinsam mit zwei Schulen die Ferienschule „Sommer am See“ für Schülerinnen und Schüler der Sekundarstufe I.
Für junge Mütter gibt es außerdem den Elterntreff „Wurzeln“ im Familienzentrum am Markt.
Foto: Teilnehmende der Ferienschule am Ufer (Bild: JMD Neustadt)
Impressum
Datenschutz
"""


def write_documents(root: Path) -> Path:
    folder = root / "dokumente"
    folder.mkdir(parents=True)
    (folder / "jmd-angebote.txt").write_text(JMD_PAGE, encoding="utf-8")
    d = docx.Document()
    d.core_properties.title = "Sozialbericht Neustadt 2024"
    d.add_heading("Freizeit und Sport", level=1)
    d.add_paragraph("Der Stadtsportbund unterhält seit 2019 die Boxwerkstatt „Gegenhalten“ "
                    "im Sportpark Süd. Die Stadtbibliothek lädt monatlich zum Lesecafé "
                    "„Seitenwechsel“ ein.")
    d.add_heading("Wohnen", level=1)
    d.add_paragraph("Der Anteil der Haushalte in Gemeinschaftsunterkünften sank 2024 auf "
                    "elf Prozent.")
    d.save(str(folder / "sozialbericht-2024.docx"))
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5) -> Engine:
    root = tmp_path_factory.mktemp("prosa")
    return indexed(write_documents(root), root / "daten", e5)


def test_offers_named_in_sentences_are_found():
    assert offer_names("Darüber hinaus bietet der JMD einen Bewerbungskurs „Startklar“ "
                       "für Jugendliche ab 16 Jahren an.") == ["Bewerbungskurs „Startklar“"]
    assert offer_names("Die Netzwerke tagen zweimal im Jahr.") == []  # generic, no name
    assert asked_kinds("Was bietet der JMD alles an?") == ()  # any offer
    assert asked_kinds("Welche Angebote gibt es für Jugendliche?") == ()
    assert asked_kinds("Welche Netzwerke gibt es?") == ("netzwerk",)
    assert asked_kinds("In welchen Fällen nimmt das Jugendamt ein Kind in Obhut?") is None


def test_a_list_of_offers_takes_the_offers_named_in_prose(engine):
    answer = engine.ask("Was bietet der Jugendmigrationsdienst alles an?")
    text = answer.text
    for name in ("Ankommen", "Startklar", "Sommer am See"):
        assert name in text, text
    assert text.startswith("Die Dokumente nennen "), text
    names = " ".join(i["name"] for i in answer.items)
    assert "Bewerbungskurs" in names and "Ferienschule" in names, answer.items
    assert all(i["citations"] for i in answer.items)
    assert {answer.citations[n - 1].document for i in answer.items
            for n in i["citations"]} == {"jmd-angebote.txt"}
    for furniture in ("Startseite", "Impressum", "https://", "[Leichte Sprache]", "Foto:"):
        assert furniture not in text


def test_without_the_rule_the_prose_offers_are_sentences_again(engine):
    with params.use(params.without(params.rules("angebote_im_text"))):
        answer = engine.ask("Was bietet der Jugendmigrationsdienst alles an?")
    assert not answer.items
