"""Maßnahmenübersicht Beispielstadt 2024 (fictional XLSX, one sheet)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from _pdf_layout import FICTION_NOTE

FILENAME = "massnahmenuebersicht-beispielstadt-2024.xlsx"
FIXED_TIME = dt.datetime(2024, 1, 31, 12, 0, 0)

HEADER = ["Maßnahme", "Träger", "Zielgruppe", "Alter", "Stadtbezirk", "Seit", "Plätze",
          "Finanzierung", "Kontakt", "Bemerkung"]

ROWS = [
    ["Offener Deutsch-Treff für junge Zugewanderte",
     "AWO Unterbezirk Beispielstadt – Jugendmigrationsdienst (JMD)",
     "neu zugewanderte Jugendliche und junge Erwachsene", "14–21", "Nord", 2021, "20",
     "Bundesmittel (KJP, JMD), städtischer Zuschuss", "Selin Yıldız, Tel. 01234 567-410",
     "wöchentlich donnerstags nachmittags im JZ Nordlicht; regelmäßig ausgebucht"],
    ["Elternbegleitung Schulstart durch ehrenamtliche Patinnen und Paten",
     "Caritasverband Beispielstadt e. V.", "neu zugewanderte Familien mit Kindern im Schulalter",
     "6–18", "Hafenviertel", 2018, "ca. 60 Familien pro Jahr",
     "Landesförderung KOMM-AN NRW, Eigenmittel", "Petra Kowalski, Tel. 01234 567-520",
     "Patinnen und Paten mit eigener Migrationsgeschichte begleiten zu Anmeldung, "
     "Elternabenden und Schulveranstaltungen"],
    ["Spielkreis „Ankommen“ (Brückenangebot Kita)", "Diakonisches Werk Beispielstadt",
     "Kinder ohne Kita-Platz und ihre Eltern", "1–6", "Nord", 2019, "15",
     "bis 2022 Bundesprogramm Kita-Einstieg, seit 2023 Stadt Beispielstadt",
     "Familienzentrum Nord, Tel. 01234 567-610", "Warteliste vorhanden"],
    ["Eltern-Kind-Gruppe „Kleine Entdecker“ (Brückenangebot Kita)",
     "AWO Unterbezirk Beispielstadt – Familienzentrum Hafenviertel",
     "Kinder ohne Kita-Platz und ihre Eltern", "1–6", "Hafenviertel", 2020, "12",
     "Städtebauförderung „Sozialer Zusammenhalt“", "Familienzentrum Hafenviertel, Tel. 01234 567-630",
     "befristet bis 31.12.2025"],
    ["Hausaufgabenhilfe und Lernförderung für Seiteneinsteiger", "Brücke e. V.",
     "Schülerinnen und Schüler der Sek. I", "10–16", "Mitte", 2017, "30",
     "kommunale Integrationsmittel, BuT-Lernförderung", "Samir Haddad, Tel. 01234 567-710",
     "Mo–Mi 15–17 Uhr in der Stadtbibliothek"],
    ["Lernpatenschaften Grundschule", "Freiwilligenagentur Beispielstadt",
     "Grundschulkinder mit Zuwanderungsgeschichte", "6–10", "West", 2019, "25",
     "Spenden, Stiftung der Sparkasse Beispielstadt", "Freiwilligenagentur, Tel. 01234 567-740",
     "1:1-Patenschaften, wöchentliche Treffen"],
    ["Internationale Förderklassen (IFK)", "Berufskolleg am Hafen",
     "berufsschulpflichtige neu zugewanderte Jugendliche", "16–18", "Hafenviertel", 2016,
     "180 (10 Klassen)", "Land NRW", "Olena Tkachenko, Tel. 01234 567-810",
     "einziges Angebot dieser Art in der Stadt; Anfahrt aus Ost über 50 Minuten"],
    ["Ausbildungsvorbereitung „Startklar“", "Jugendberufshilfe Beispielstadt gGmbH",
     "junge Zugewanderte ohne Ausbildungsplatz", "18–25", "Mitte", 2020, "24",
     "ESF Plus, Jobcenter Beispielstadt", "Jugendberufshilfe, Tel. 01234 567-820",
     "Zugang über die Jugendberufsagentur; kein Schulabschluss möglich"],
    ["Mädchentreff „Lale“", "Kulturwerkstatt Nord e. V.",
     "Mädchen mit und ohne Zuwanderungsgeschichte", "10–16", "Nord", 2018, "15",
     "Kinder- und Jugendförderplan der Stadt", "Kulturwerkstatt Nord, Tel. 01234 567-760",
     "dienstags 15–18 Uhr"],
    ["Fußball-AG „Ankommen am Ball“", "SV Hafen 09 e. V.", "Kinder und Jugendliche", "8–16",
     "Hafenviertel", 2016, "40", "Programm „Integration durch Sport“, Spenden",
     "SV Hafen 09, Tel. 01234 567-790", "Training zweimal wöchentlich, Sportausrüstung wird gestellt"],
    ["Mehrsprachige Vorlesestunde", "Stadtbibliothek Beispielstadt, Zweigstelle Ost",
     "Kinder und Eltern", "3–8", "Ost", 2022, "offen", "städtischer Haushalt",
     "Stadtbibliothek, Tel. 01234 567-830", "monatlich auf Ukrainisch, Arabisch und Türkisch"],
    ["Elternkurs „Schule in Deutschland“", "Volkshochschule Beispielstadt",
     "Eltern neu zugewanderter Schulkinder", "Erwachsene", "Mitte", 2019, "16 je Kurs",
     "Weiterbildungsgesetz NRW", "VHS, Tel. 01234 567-850", "3 Kurse pro Jahr, mit Sprachmittlung"],
    ["Schulsozialarbeit an Schulen mit Vorbereitungsklassen",
     "Jugendamt Beispielstadt mit AWO und Caritas", "Schülerinnen und Schüler in Erstförderung",
     "6–18", "gesamtstädtisch", 2014, "–", "Land NRW, Stadt Beispielstadt, BuT",
     "Jugendamt, Tel. 01234 567-400", "an allen 17 Schulen mit Vorbereitungsklassen"],
    ["Ferienschule „FIT in Deutsch“", "Volkshochschule Beispielstadt",
     "Seiteneinsteigerinnen und Seiteneinsteiger der Sek. I", "10–16", "Mitte", 2017, "45",
     "Landesprogramm Ferienintensivtraining", "VHS, Tel. 01234 567-850",
     "drei Wochen in den Sommerferien"],
    ["Lernstube Grundschule Ost", "Diakonisches Werk Beispielstadt", "Grundschulkinder", "6–10",
     "Ost", 2015, "20", "kommunale Integrationsmittel", "Jan Moritz, Tel. 01234 567-620",
     "Hausaufgabenbetreuung im Familienzentrum Ost"],
    ["Beratung junger Zugewanderter (Case Management)",
     "AWO Unterbezirk Beispielstadt – Jugendmigrationsdienst (JMD)", "junge Zugewanderte",
     "12–27", "Nord", 2005, "–", "Kinder- und Jugendplan des Bundes (KJP)",
     "JMD, Tel. 01234 567-410", "Beratungsstelle Nordstraße; keine Außensprechstunde in Ost"],
    ["Theaterprojekt „Neue Stimmen“", "Kulturwerkstatt Nord e. V.", "Jugendliche", "12–18",
     "Nord", 2022, "18", "Kulturrucksack NRW", "Kulturwerkstatt Nord, Tel. 01234 567-760",
     "Aufführung jeweils im Juni"],
    ["Elterncafé an der Grundschule Am Kanal", "Caritasverband Beispielstadt e. V.",
     "Eltern von Grundschulkindern", "Erwachsene", "West", 2021, "20",
     "kommunale Integrationsmittel", "Petra Kowalski, Tel. 01234 567-520", "14-täglich vormittags"],
    ["Joblotsen – Patenschaften für den Übergang in Ausbildung", "Freiwilligenagentur Beispielstadt",
     "Jugendliche in IFK und Klasse 10", "16–21", "West", 2020, "15", "Spenden",
     "Freiwilligenagentur, Tel. 01234 567-740", "Treffen im Stadtteilbüro West"],
    ["Schwimmkurse für neu zugewanderte Kinder", "SV Hafen 09 e. V.", "Nichtschwimmerinnen und "
     "Nichtschwimmer", "6–12", "Hafenviertel", 2019, "24", "Landesprogramm, Eigenmittel",
     "SV Hafen 09, Tel. 01234 567-790", "Hallenbad Hafen, Warteliste vorhanden"],
]

FOOTER_ROWS = [
    [FICTION_NOTE + ". Beispielstadt sowie alle Träger, Personen und Kontaktdaten sind frei "
     "erfunden."],
    ["Stand: 31. Januar 2024. Zusammenstellung: Kommunales Integrationszentrum Beispielstadt auf "
     "Grundlage der Meldungen der Träger. Angebote des KI selbst (Clearingstelle, Bildungsberatung, "
     "Sprachmittlerpool, Elternbildung) sind nicht enthalten."],
]


def build(out_dir: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Maßnahmen 2024"
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    ws.append([])
    for row in FOOTER_ROWS:
        ws.append(row)

    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DFE7EF")
    widths = [42, 40, 36, 10, 14, 7, 18, 38, 32, 50]
    for col, width in zip("ABCDEFGHIJ", widths):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, max_row=len(ROWS) + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{len(ROWS) + 1}"

    wb.properties.title = "Maßnahmenübersicht Beispielstadt 2024"
    wb.properties.creator = "Kommunales Integrationszentrum Beispielstadt"
    wb.properties.description = FICTION_NOTE
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "corpus/generate.py"

    path = out_dir / FILENAME
    wb.save(path)
    return path
