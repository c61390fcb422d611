"""Web pages saved as text: breadcrumbs, photo captions with their credit, and copyright
lines are furniture; table rows, source notes of figures and the text of a paragraph that
ends with a credit stay. A page of an invented town (Neustadt) read through the real ingest
into real Chroma in a temp dir, asked with the real e5 embedder."""

from __future__ import annotations

import pytest

from assistant.engine import Engine
from assistant.ingest.webtext import strip_furniture
from tests.documents import indexed_files

PAGE = """Stadt Neustadt
Suche
Menü
Sie sind hier: Startseite > Leben in Neustadt > Integration > Sprachlotsen
Sprachlotsen für neu zugewanderte Familien
Seit 2023 begleiten 24 ehrenamtliche Sprachlotsinnen und Sprachlotsen Familien zu \
Terminen in Schulen und Kitas. Sie sprechen zusammen elf Sprachen. (Foto: Stadt Neustadt)
Die Sprachlotsen beim Fachtag im Rathaus mit Bürgermeisterin Anna \
Berger (Foto: Stadt Neustadt / M. Muster)
Sprache | Lotsen
Arabisch | 6
Ukrainisch | 5
Im Jahr 2024 vermittelten die Lotsen 412 Termine (Quelle: Jahresbericht des Integrationszentrums).
© Stadt Neustadt 2025
Seite drucken
nach oben
Impressum
Datenschutz
"""


def test_breadcrumbs_captions_and_credits_are_furniture():
    kept = [ln for ln in strip_furniture(PAGE.split("\n")) if ln.strip()]
    assert kept == [
        "Sprachlotsen für neu zugewanderte Familien",
        "Seit 2023 begleiten 24 ehrenamtliche Sprachlotsinnen und Sprachlotsen Familien zu "
        "Terminen in Schulen und Kitas. Sie sprechen zusammen elf Sprachen.",
        "Sprache | Lotsen", "Arabisch | 6", "Ukrainisch | 5",
        "Im Jahr 2024 vermittelten die Lotsen 412 Termine (Quelle: Jahresbericht des "
        "Integrationszentrums).",
    ]


@pytest.mark.parametrize("line", [
    "Startseite › Bildung › Integration",
    "Navigation: Start » Schule",
    "Bildnachweis: Stadt Neustadt",
    "(c) Stadt Neustadt",
    "Copyright 2025 Stadt Neustadt",
    "Kinder beim Lernen im Sprachcafé. Foto: Max Muster",
])
def test_furniture_lines(line):
    assert strip_furniture([line]) == [""]


@pytest.mark.parametrize("line", [
    "Der Bus fährt Richtung Nord > Süd.",
    "Bildung: Die Stadt fördert Sprachkurse für Kinder und Jugendliche.",
    "Kurs | Ort | Zeit",
    "Abbildungen und Tabellen stehen im Anhang des Berichts.",
    "Die Zahlen zeigt die Grafik: 2023 kamen 120 Kinder neu an die Schulen",
])
def test_text_lines_stay(line):
    assert strip_furniture([line]) == [line]


@pytest.fixture(scope="module")
def engine(tmp_path_factory, e5) -> Engine:
    return indexed_files(tmp_path_factory.mktemp("webtext"),
                         {"neustadt-sprachlotsen.txt": PAGE}, e5)


def test_no_answer_quotes_the_caption_or_the_breadcrumb(engine):
    passages = " ".join(c.text for c in engine.retriever.passages_of(
        "neustadt-sprachlotsen.txt"))
    assert "Bürgermeisterin" not in passages and "Startseite" not in passages
    assert "Foto" not in passages and "©" not in passages
    answer = engine.ask("Wer war beim Fachtag der Sprachlotsen im Rathaus dabei?")
    assert "Berger" not in answer.text and "Foto" not in answer.text
    answer = engine.ask("Wie viele Sprachen sprechen die Sprachlotsen in Neustadt?")
    assert not answer.abstained
    assert "elf Sprachen" in answer.text and "Foto" not in answer.text


COUNSELLING = """Startseite
Leben
Integration
Kontakt
Quelle: https://www.neustadt.example/leben/integration/erstberatung/
Schulische Erstberatung
Für alle neu zugewanderten Kinder im schulpflichtigen Alter und ihre Eltern gibt es eine \
Erstberatung, in der ein passender Platz mit Deutschförderung vermittelt wird.
Die Beratung führen abgeordnete Lehrkräfte der verschiedenen Schulformen durch.
Impressum
Datenschutz
"""


@pytest.fixture(scope="module")
def counselling(tmp_path_factory, e5) -> Engine:
    return indexed_files(tmp_path_factory.mktemp("adresse"),
                         {"erstberatung.txt": COUNSELLING}, e5)


def test_the_page_address_names_the_site_in_the_title(counselling):
    [doc] = counselling.documents()
    assert doc.title == "Erstberatung (neustadt.example)"
    assert doc.source == "https://www.neustadt.example/leben/integration/erstberatung/"
    [chunk] = counselling.retriever.passages_of("erstberatung.txt")
    assert chunk.heading == "Schulische Erstberatung"
    assert chunk.text.startswith("Für alle neu zugewanderten Kinder")  # not the heading


def test_a_question_naming_the_place_of_the_address_is_answered(counselling):
    # the text never says "Neustadt": only the page's address does
    answer = counselling.ask("Wer berät in Neustadt neu zugewanderte Kinder zur Schule?")
    assert not answer.abstained, answer.text
    assert "abgeordnete Lehrkräfte" in answer.text
    other = counselling.ask("Wer berät in Altdorf neu zugewanderte Kinder zur Schule?")
    assert other.abstained and "„Altdorf“ kommt in keinem Dokument vor" in other.text


def test_an_address_in_the_text_is_no_page_address():
    from assistant.ingest.webtext import page_address

    minutes = ("Protokoll des Arbeitskreises Seiteneinstieg vom 3. März 2025.\n"
               "Die Unterlagen stehen im Netz:\nwww.ki-neustadt.example/unterlagen\n")
    assert page_address(minutes) == ""
    assert page_address("Startseite\nhttps://www.neustadt.example/a\n" + minutes) == \
        "https://www.neustadt.example/a"
    assert page_address(minutes + "Quelle: https://www.neustadt.example/b\n") == \
        "https://www.neustadt.example/b"


def test_a_heading_without_a_blank_line_under_it_is_a_heading():
    from assistant.ingest.formats import read_txt

    blocks = read_txt("Sprachcafé\nDas Sprachcafé trifft sich dienstags im Rathaus.\n"
                      "Anmeldung\nEine Anmeldung ist nicht nötig.\n")
    assert [(b.heading, b.text) for b in blocks] == [
        ("Sprachcafé", "Das Sprachcafé trifft sich dienstags im Rathaus."),
        ("Anmeldung", "Eine Anmeldung ist nicht nötig.")]
    # a line wrapped from the sentence before it goes on with it
    wrapped = read_txt("Die Stadt bietet Kurse für neu zugewanderte Kinder und\n"
                       "Jugendliche an\nDie Kurse beginnen im März.\n")
    assert all(b.heading == "" for b in wrapped)
    assert "Kinder und Jugendliche an" in " ".join(b.text for b in wrapped)


def test_the_municipality_of_the_metadata_is_a_known_place(tmp_path, e5):
    import json

    text = COUNSELLING.replace("Quelle: https://www.neustadt.example/leben/integration/"
                               "erstberatung/\n", "")
    engine = indexed_files(tmp_path, {"erstberatung.txt": text, "erstberatung.txt.meta.json":
                                      json.dumps({"municipality": "Neustadt"})}, e5)
    assert "neustadt" not in engine.documents()[0].title.lower()
    answer = engine.ask("Wer berät in Neustadt neu zugewanderte Kinder zur Schule?")
    assert not answer.abstained, answer.text
    assert engine.ask("Wer berät in Altdorf neu zugewanderte Kinder zur Schule?").abstained
