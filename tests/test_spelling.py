"""Typing slips read as the documents' words (pure functions, real word list)."""

from __future__ import annotations

from assistant.answer.answerable import is_known_part, is_known_word, tagged_nouns
from assistant.spelling import Speller, correct, note, truecase
from assistant.text import terms

TEXTS = [
    ("Die Clearingstelle organisiert die Anmeldung an Schulen. Seiteneinsteiger warten auf "
     "einen Schulplatz, die Seiteneinsteiger kommen aus 30 Ländern."),
    ("Das Netzwerk Ankommen trifft sich im Hafenviertel. Die Bildungsberatung berät in "
     "sieben Sprachen. Zum Leitfanden-Projekt siehe Anhang."),
]
KNOWN = set(terms(" ".join(TEXTS)))
SPELLER = Speller(TEXTS)


def fix(question: str) -> tuple[str, list[tuple[str, str]]]:
    return correct(question, SPELLER, lambda w: is_known_word(w, KNOWN.__contains__),
                   lambda p: is_known_part(p, KNOWN.__contains__))


def test_swapped_dropped_and_doubled_letters_are_read_as_the_documents_word():
    assert fix("Wie lange warten Seitenenisteiger?") == (
        "Wie lange warten Seiteneinsteiger?", [("Seitenenisteiger", "Seiteneinsteiger")])
    assert fix("Wann trifft sich das Netwzerk?")[0] == "Wann trifft sich das Netzwerk?"
    assert fix("In welchen Sprachen berät die Bildungbseratung?")[0].endswith(
        "Bildungsberatung?")
    assert fix("Was gibt es im hafenvirtel?")[0] == "Was gibt es im hafenviertel?"  # case kept


def test_a_compound_the_documents_never_write_is_read_from_its_parts():
    # "Schulanmeldung" is in no text, but "Schul" (Schulplatz) and "Anmeldung" are
    assert fix("Wie läuft die Schulamneldung?")[0] == "Wie läuft die Schulanmeldung?"


def test_known_words_right_spellings_and_far_words_stay_as_typed():
    for question in ("Wer organisiert die Anmeldung?",
                     "Wer kann das organisieren?",       # German, though the texts say "organisiert"
                     "Was sagt der Leitfaden dazu?",     # not "Leitfanden"
                     "Wie hoch ist das Gesamtbudget?",   # nothing near in the texts
                     "Wie viele Schulplätze gibt es?"):  # a form of a known word
        assert fix(question) == (question, [])


def test_umlauts_typed_as_two_letters_are_read_as_umlauts_without_a_note():
    assert fix("Wie lange warten die Schueler auf einen Schulplatz?") == (
        "Wie lange warten die Schüler auf einen Schulplatz?", [])
    assert fix("Was hat sich veraendert?") == ("Was hat sich verändert?", [])  # German
    assert fix("Welche Quelle nennt aktuelle Zahlen?")[0] == (
        "Welche Quelle nennt aktuelle Zahlen?")  # "ue" that is no umlaut


def test_the_note_names_every_word_read_differently():
    assert note([("Netwzerk", "Netzwerk"), ("Schulamneldung", "Schulanmeldung")]) == (
        "Hinweis: „Netwzerk“ als „Netzwerk“, „Schulamneldung“ als „Schulanmeldung“ gelesen.")


def test_a_question_typed_in_lower_case_gets_the_documents_capitals():
    speller = Speller(TEXTS + ["Das KI berät Familien. Die Quelle ist das Melderegister. "
                               "Die Kinder lernen in neuen Gruppen."])
    assert truecase("wo berät das ki familien mit kindern?", speller) == \
        "Wo berät das KI Familien mit Kindern?"  # "KI" as the documents write it
    # words the documents lack: a noun by its ending, a compound by its last part
    assert truecase("wie läuft die schulanmeldung laut datenquellen?", speller) == \
        "Wie läuft die Schulanmeldung laut Datenquellen?"
    # a phone capitalises the first letter only; any capital after it is meant as typed
    assert truecase("Wo berät das ki familien?", speller) == "Wo berät das KI Familien?"
    assert truecase("Wo berät das KI familien?", speller) == "Wo berät das KI familien?"
    # words no document uses: nouns and names by the tagger, short ones as abbreviations
    assert truecase("gibt es in dortmund stellschrauben für daz?", speller, tagged_nouns) == \
        "Gibt es in Dortmund Stellschrauben für DAZ?"

