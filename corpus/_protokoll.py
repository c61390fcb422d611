"""Protokoll Netzwerk Ankommen / Arbeitskreis Seiteneinstieg, 12. März 2024 (fictional DOCX)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Pt

from _pdf_layout import FICTION_NOTE

FILENAME = "protokoll-netzwerktreffen-2024-03.docx"
FIXED_TIME = dt.datetime(2024, 3, 14, 9, 0, 0)

HEADER = [
    ("Datum", "12. März 2024, 14:00–16:30 Uhr"),
    ("Ort", "Rathaus Beispielstadt, Sitzungsraum 2.14, Markt 1"),
    ("Moderation", "Dr. Miriam Albers (Kommunales Integrationszentrum, KI)"),
    ("Protokoll", "Lena Vogt (KI)"),
    ("Verteiler", "Mitglieder des Netzwerks Ankommen Beispielstadt und des Arbeitskreises "
                  "Seiteneinstieg"),
]

TEILNEHMENDE = [
    "Dr. Miriam Albers, Jonas Petersen, Aylin Demir, Lena Vogt – Kommunales Integrationszentrum",
    "Kerstin Hoffmann – Schulamt für die Stadt Beispielstadt (Schulaufsicht)",
    "Markus Brandt – Jugendamt, Abteilung Kindertagesbetreuung",
    "Dr. Thomas Lenz – Gesundheitsamt, Kinder- und Jugendgesundheitsdienst",
    "Selin Yıldız – AWO Unterbezirk Beispielstadt, Jugendmigrationsdienst (JMD)",
    "Petra Kowalski – Caritasverband Beispielstadt e. V., Fachdienst Integration",
    "Jan Moritz – Diakonisches Werk Beispielstadt, Familienzentrum Ost",
    "Hanna Berger – Gesamtschule Nord, Schulleitung",
    "Olena Tkachenko – Berufskolleg am Hafen, Bildungsgangleitung IFK",
    "Samir Haddad – Brücke e. V. (Sprachmittlerpool)",
    "Frank Albrecht – Jobcenter Beispielstadt / Jugendberufsagentur",
    "Entschuldigt: Volkshochschule Beispielstadt, SV Hafen 09 e. V.",
]

# (heading, [paragraphs]) – paragraphs starting with "• " are rendered as list items.
TOPS = [
    ("TOP 1: Begrüßung und Genehmigung des Protokolls", [
        "Frau Dr. Albers begrüßt die Teilnehmenden zur 31. Sitzung des Netzwerks Ankommen "
        "Beispielstadt, die erstmals gemeinsam mit dem Arbeitskreis Seiteneinstieg stattfindet. "
        "Das Protokoll der Sitzung vom 28. November 2023 wird ohne Änderungen genehmigt.",
    ]),
    ("TOP 2: Bericht aus dem KI – Stand Integrationskonzept und Clearingstelle", [
        "Frau Dr. Albers berichtet, dass der Rat das Integrationskonzept 2023 am 7. Dezember 2023 "
        "beschlossen hat. Als nächster Schritt soll nach dem Wegbereiter-Orientierungsrahmen die "
        "Ausgangslage für ein Gesamtkonzept Bildung im Seiteneinstieg beschrieben werden. Das KI "
        "bittet die Mitglieder, dafür ihre Erfahrungen und die aus ihrer Sicht wichtigsten Lücken "
        "einzubringen (s. TOP 3 und 4).",
        "Herr Petersen berichtet aus der Clearingstelle: Nach der Vorabauswertung für den "
        "Sozialbericht 2024 standen zum Jahresende 2023 stadtweit 93 Kinder und Jugendliche auf "
        "der Warteliste für einen Schulplatz, davon 27 aus dem Stadtbezirk Ost. Engpass bleibt "
        "die schulärztliche Untersuchung. Herr Dr. Lenz (Gesundheitsamt) sagt zu, ab April 2024 "
        "zwei zusätzliche Untersuchungstage pro Monat ausschließlich für Seiteneinsteigerinnen "
        "und Seiteneinsteiger anzubieten.",
        "Frau Hoffmann (Schulamt) kündigt an, dass zum Schuljahr 2024/25 zwei weitere "
        "Vorbereitungsklassen in der Sekundarstufe I eingerichtet werden sollen, sofern der "
        "Schulträger Räume bereitstellt. Ein Standort in Ost wird geprüft.",
    ]),
    ("TOP 3: Erfahrungsaustausch aus der Praxis", [
        "Die Teilnehmenden tauschen sich darüber aus, was sich in den letzten Jahren bewährt hat. "
        "Genannt werden insbesondere:",
        "• Die Begleitung durch Ehrenamtliche mit eigener Migrationsgeschichte erleichtert den "
        "Familien den Schulstart erheblich (Frau Kowalski, Erfahrungen aus dem Hafenviertel).",
        "• Jugendliche kommen eher zu offenen Treffpunkten als zu Beratungsterminen. Der "
        "wöchentliche Deutsch-Treff des JMD in Nord ist regelmäßig ausgebucht, rund ein Drittel "
        "der Teilnehmenden kommt inzwischen aus anderen Stadtbezirken (Frau Yıldız).",
        "• Schulen profitieren, wenn Sprachmittlung bereits beim ersten Elterngespräch verbindlich "
        "eingeplant wird (Frau Berger).",
        "• Im Berufskolleg hat sich ein fester Tag pro Woche mit Beratung durch die "
        "Jugendberufsagentur bewährt (Frau Tkachenko, Herr Albrecht).",
        "Kritisch angemerkt wird, dass gute Projekte häufig enden, sobald die Förderung ausläuft. "
        "Herr Moritz weist darauf hin, dass der Spielkreis des Familienzentrums Ost 2023 mangels "
        "Finanzierung eingestellt werden musste.",
    ]),
    ("TOP 4: Angebotslücken aus Sicht der Praxis", [
        "Aus der Praxis werden folgende Lücken benannt:",
        "• Stadtbezirk Ost: Es gibt kein einziges Angebot für neu zugewanderte Jugendliche von 16 "
        "bis 18 Jahren. Der Weg zum Berufskolleg am Hafen dauert mit Bus und Bahn über 50 "
        "Minuten; mehrere Jugendliche haben den Schulbesuch deshalb abgebrochen.",
        "• Sprachmittlung: Für Tigrinya gibt es keine Dolmetscherinnen oder Dolmetscher im Pool. "
        "Schulen behelfen sich mit älteren Geschwistern, was alle Beteiligten als unzureichend "
        "bewerten (Herr Haddad).",
        "• Kita: Neu zugewanderte Kinder unter sechs Jahren warten teils über ein Jahr auf einen "
        "Kita-Platz. Brückenangebote gibt es nur noch in Nord und im Hafenviertel. Belastbare "
        "Zahlen zu den Wartelisten liegen dem Jugendamt nicht vor (Herr Brandt).",
        "• Psychosoziale Unterstützung für belastete Kinder und Jugendliche fehlt vollständig; die "
        "Wartezeit beim Psychosozialen Zentrum in der Nachbarstadt beträgt derzeit rund acht "
        "Monate.",
        "• In den Sommerferien gibt es außerhalb der Ferienschule in Mitte keine Angebote.",
    ]),
    ("TOP 5: Welche Faktoren können wir beeinflussen?", [
        "Die Teilnehmenden sortieren die genannten Probleme danach, ob sie vor Ort beeinflusst "
        "werden können. Als beeinflussbar durch Stadt und Träger werden eingeschätzt: die Zahl "
        "der Untersuchungstermine im Gesundheitsamt, die Raumplanung für Vorbereitungsklassen, "
        "Fahrtkosten und Busverbindungen für Jugendliche aus Ost, die Honorare für den "
        "Sprachmittlerpool sowie die Vergabe kommunaler Fördermittel nach Sozialraum.",
        "Nicht oder nur mittelbar beeinflussbar sind dagegen die Zahl der Lehrerstellen (Land "
        "NRW), die Zuweisung von Geflüchteten und die Laufzeiten von Bundes- und "
        "Landesprogrammen.",
    ]),
    ("TOP 6: Verschiedenes und nächster Termin", [
        "Frau Demir weist auf die Neuauflage des mehrsprachigen Wegweisers „Ankommen in "
        "Beispielstadt“ hin, die für Herbst 2024 geplant ist. Die nächste Sitzung findet am 11. "
        "Juni 2024 statt.",
    ]),
]

BESCHLUESSE = [
    "Das Netzwerk richtet eine Unterarbeitsgruppe „Übergang 16+“ ein, die bis zur nächsten "
    "Sitzung einen Vorschlag für ein Angebot im Stadtbezirk Ost erarbeitet.",
    "Das KI erstellt auf Grundlage dieser Sitzung einen Entwurf der Beschreibung der "
    "Ausgangslage und legt ihn in der Sitzung am 11. Juni 2024 vor.",
    "Das KI startet einen Aufruf zur Gewinnung von Sprachmittelnden für Tigrinya.",
]

OFFENE_PUNKTE = [
    "Finanzierung eines Angebots für 16- bis 18-Jährige in Ost ist ungeklärt.",
    "Es ist offen, wer künftig Daten zu Kita-Wartelisten neu zugewanderter Kinder erhebt.",
    "Standort für eine zusätzliche Vorbereitungsklasse in Ost (Raumfrage Schulträger).",
]

AUFGABEN = [
    ("Entwurf Beschreibung der Ausgangslage", "KI (Frau Vogt)", "31. Mai 2024"),
    ("Konzeptskizze Angebot „Übergang 16+“ in Ost", "UAG Übergang 16+ (JMD, Berufskolleg, KI)",
     "11. Juni 2024"),
    ("Aufruf Sprachmittlung Tigrinya", "KI (Herr Petersen), Brücke e. V.", "30. April 2024"),
    ("Zusätzliche Untersuchungstage für Seiteneinsteiger", "Gesundheitsamt (Herr Dr. Lenz)",
     "ab 1. April 2024"),
    ("Abfrage Kita-Wartelisten bei den Trägern", "Jugendamt (Herr Brandt)", "11. Juni 2024"),
]


def build(out_dir: Path) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = "Protokoll Netzwerk Ankommen Beispielstadt, 12. März 2024"
    props.author = "Lena Vogt, Kommunales Integrationszentrum Beispielstadt"
    props.comments = FICTION_NOTE
    props.created = props.modified = FIXED_TIME
    props.last_modified_by = "corpus/generate.py"
    props.revision = 1

    doc.add_paragraph(FICTION_NOTE + ". Beispielstadt sowie alle Personen und Träger sind frei "
                      "erfunden.").runs[0].italic = True
    doc.add_heading("Protokoll der gemeinsamen Sitzung des Netzwerks Ankommen Beispielstadt und "
                    "des Arbeitskreises Seiteneinstieg", level=1)
    for label, value in HEADER:
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    para = doc.add_paragraph()
    para.add_run("Teilnehmende:").bold = True
    for person in TEILNEHMENDE:
        doc.add_paragraph(person, style="List Bullet")

    for heading, paragraphs in TOPS:
        doc.add_heading(heading, level=2)
        for text in paragraphs:
            if text.startswith("• "):
                doc.add_paragraph(text[2:], style="List Bullet")
            else:
                doc.add_paragraph(text)

    doc.add_heading("Beschlüsse", level=2)
    for number, text in enumerate(BESCHLUESSE, start=1):
        doc.add_paragraph(f"B{number}: {text}")
    doc.add_heading("Offene Punkte", level=2)
    for text in OFFENE_PUNKTE:
        doc.add_paragraph(text, style="List Bullet")

    doc.add_heading("Aufgaben", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Was", "Wer", "Bis wann")):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for row in AUFGABEN:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
    doc.add_paragraph("Für das Protokoll: Lena Vogt, 14. März 2024")

    path = out_dir / FILENAME
    doc.save(path)
    return path
