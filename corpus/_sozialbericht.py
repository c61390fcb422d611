"""Sozialbericht Beispielstadt 2024, excerpt of chapter 5 (fictional), 5 PDF pages.

The excerpt keeps the printed page numbers of the full report: physical page 1
is printed page 47.
"""

from __future__ import annotations

from pathlib import Path

from _pdf_layout import FICTION_NOTE, build_pdf

FILENAME = "sozialbericht-beispielstadt-2024-auszug.pdf"
FIRST_PRINTED_PAGE = 47

DISTRICTS = ["Mitte", "Nord", "Ost", "Süd", "West", "Hafenviertel"]

# Newly arrived children and youth by district: (0-5, 6-9, 10-15, 16-18)
AGES_2022 = {
    "Mitte": (61, 88, 142, 64), "Nord": (74, 96, 161, 71), "Ost": (49, 54, 92, 58),
    "Süd": (22, 31, 47, 19), "West": (35, 42, 75, 33), "Hafenviertel": (83, 92, 163, 84),
}
AGES_2023 = {
    "Mitte": (44, 61, 98, 47), "Nord": (58, 70, 117, 52), "Ost": (31, 38, 66, 49),
    "Süd": (15, 18, 29, 12), "West": (24, 27, 51, 22), "Hafenviertel": (66, 74, 121, 66),
}
# Einwohner, Anteil unter 18 (%), SGB-II-Quote unter 15 (%)
DISTRICT_KEYS = {
    "Mitte": (34870, "15,8", "21,4"), "Nord": (38215, "19,6", "27,9"),
    "Ost": (29640, "17,2", "24,1"), "Süd": (31905, "14,1", "8,7"),
    "West": (27380, "15,3", "13,2"), "Hafenviertel": (24410, "21,8", "34,6"),
}
# Average waiting days 2022, 2023; waiting list 31.12.2022, 31.12.2023
WAITING = {
    "Mitte": (38, 31, 21, 12), "Nord": (45, 36, 30, 19), "Ost": (52, 58, 34, 27),
    "Süd": (29, 24, 6, 3), "West": (35, 30, 11, 8), "Hafenviertel": (61, 47, 39, 24),
}
WAITING_TOTAL = (47, 39, 141, 93)
COUNTRIES_2023 = [("Ukraine", 352), ("Syrien", 214), ("Rumänien", 148), ("Afghanistan", 112),
                  ("Bulgarien", 96), ("Türkei", 81), ("Irak", 64), ("Eritrea", 38),
                  ("Sonstige", 151)]
# Schulform: (insgesamt, in Vorbereitungs-/Auffangklassen, integrativ)
SCHOOL_TYPES = [("Grundschule", 312, 58, 254), ("Hauptschule", 96, 72, 24),
                ("Realschule", 88, 61, 27), ("Gesamtschule/Sekundarschule", 214, 158, 56),
                ("Gymnasium", 41, 29, 12), ("Berufskolleg (IFK)", 173, 173, 0)]


def num(n: int) -> str:
    """German thousands separator: 1412 -> '1.412'."""
    return f"{n:,}".replace(",", ".")


def _age_rows(ages: dict) -> list[list[str]]:
    rows, totals = [], [0] * 6
    for d in DISTRICTS:
        a = ages[d]
        values = [*a, sum(a[1:]), sum(a)]
        totals = [t + v for t, v in zip(totals, values)]
        rows.append([d, *map(num, values)])
    rows.append(["Stadt insgesamt", *map(num, totals)])
    return rows


AGE_HEADER = ["Stadtbezirk", "0–5 J.", "6–9 J.", "10–15 J.", "16–18 J.",
              "6–18 J. (schulpflichtig)", "0–18 J. insgesamt"]
AGE_WIDTHS = [3.2, 1.7, 1.7, 1.9, 1.9, 3.0, 3.0]


def _district_key_rows() -> list[list[str]]:
    rows = []
    for d in DISTRICTS:
        inhabitants, u18, sgb2 = DISTRICT_KEYS[d]
        rows.append([d, num(inhabitants), u18, sgb2, num(sum(AGES_2023[d]))])
    rows.append(["Stadt insgesamt", num(sum(v[0] for v in DISTRICT_KEYS.values())), "17,3",
                 "21,5", num(sum(sum(a) for a in AGES_2023.values()))])
    return rows


def _country_rows() -> list[list[str]]:
    total = sum(n for _, n in COUNTRIES_2023)
    rows = [[c, num(n), f"{100 * n / total:.1f}".replace(".", ",")] for c, n in COUNTRIES_2023]
    rows.append(["Insgesamt", num(total), "100"])
    return rows


def _school_rows() -> list[list[str]]:
    rows = [[s, num(a), num(b), num(c)] for s, a, b, c in SCHOOL_TYPES]
    rows.append(["Insgesamt", *(num(sum(r[i] for r in SCHOOL_TYPES)) for i in (1, 2, 3))])
    return rows


def _waiting_rows() -> list[list[str]]:
    rows = [[d, *map(num, WAITING[d])] for d in DISTRICTS]
    rows.append(["Stadt insgesamt", *map(num, WAITING_TOTAL)])
    return rows


BLOCKS = [
    ("style", "small", "Auszug aus dem Sozialbericht Beispielstadt 2024, Kapitel 5 (S. 47–51). "
                       "Herausgeberin: Stadt Beispielstadt, Fachbereich Soziales – Sozialplanung, in "
                       "Zusammenarbeit mit dem Amt für Statistik und Stadtforschung. Stand: Mai 2024."),
    ("style", "note", FICTION_NOTE + ". Beispielstadt und alle Zahlen sind frei erfunden."),
    ("h1", "5 Neu zugewanderte Kinder und Jugendliche"),
    ("h2", "5.1 Datengrundlage und Abgrenzung"),
    ("p", "Als neu zugewandert werden in diesem Kapitel Kinder und Jugendliche bis einschließlich "
          "18 Jahre erfasst, die im jeweiligen Kalenderjahr mit Zuzug aus dem Ausland in "
          "Beispielstadt gemeldet wurden (Quelle: Einwohnermelderegister, Auswertung des Amtes für "
          "Statistik und Stadtforschung). Angaben zu Schulformen und Wartezeiten beruhen auf der "
          "amtlichen Schulstatistik (Stichtag 15. Oktober) und der Dokumentation der Clearingstelle "
          "Schule im Kommunalen Integrationszentrum (KI). Junge Erwachsene von 19 bis 21 Jahren "
          "werden in diesem Kapitel nicht gesondert ausgewiesen."),
    ("p", "Die Stadtbezirke unterscheiden sich in ihrer sozialen Lage deutlich. Tabelle 5.1 stellt die "
          "wichtigsten sozialräumlichen Kennzahlen der sechs Stadtbezirke der Zahl der im Jahr 2023 "
          "neu zugewanderten Kinder und Jugendlichen gegenüber. Die höchste SGB-II-Quote der unter "
          "15-Jährigen weist das Hafenviertel mit 34,6 % auf, die niedrigste der Stadtbezirk Süd "
          "mit 8,7 %."),
    ("table", ["Stadtbezirk", "Einwohner (31.12.2023)", "Anteil unter 18 J. in %",
               "SGB-II-Quote unter 15 J. in %", "Neu zugewanderte 0–18 J. (2023)"],
     _district_key_rows(), [3.2, 3.3, 3.1, 3.4, 3.4],
     "Tabelle 5.1: Sozialräumliche Kennzahlen der Stadtbezirke. Quelle: Amt für Statistik und "
     "Stadtforschung, Bundesagentur für Arbeit"),
    ("pagebreak",),
    ("h2", "5.2 Umfang und Altersstruktur"),
    ("p", "Im Jahr 2022 zogen insgesamt 1.736 Kinder und Jugendliche aus dem Ausland nach "
          "Beispielstadt zu, darunter 1.412 im schulpflichtigen Alter (6 bis 18 Jahre). Der hohe Wert "
          "ist vor allem auf die Fluchtbewegung aus der Ukraine zurückzuführen. Im Jahr 2023 ging "
          "die Zahl auf 1.256 zurück; davon waren 1.018 Kinder und Jugendliche im schulpflichtigen "
          "Alter und 238 Kinder unter sechs Jahren."),
    ("table", AGE_HEADER, _age_rows(AGES_2022), AGE_WIDTHS,
     "Tabelle 5.2: Neu zugewanderte Kinder und Jugendliche nach Stadtbezirk und Altersgruppe, "
     "2022. Quelle: Einwohnermelderegister"),
    ("table", AGE_HEADER, _age_rows(AGES_2023), AGE_WIDTHS,
     "Tabelle 5.3: Neu zugewanderte Kinder und Jugendliche nach Stadtbezirk und Altersgruppe, "
     "2023. Quelle: Einwohnermelderegister"),
    ("p", "Die räumliche Verteilung ist in beiden Jahren sehr ungleich. Fast die Hälfte der "
          "Neuzugewanderten lebt in den Stadtbezirken Nord und Hafenviertel; 2023 waren es dort "
          "zusammen 624 Kinder und Jugendliche (49,7 %). Im Stadtbezirk Süd wurden 2023 dagegen nur "
          "74 neu zugewanderte Kinder und Jugendliche gemeldet."),
    ("p", "Auffällig ist der Stadtbezirk Ost: Hier ist der Anteil der 16- bis 18-Jährigen an den "
          "schulpflichtigen Neuzugewanderten mit 49 von 153 (32,0 %) im Jahr 2023 am höchsten "
          "aller Stadtbezirke. Im Stadtgebiet insgesamt lag dieser Anteil bei 24,4 %."),
    ("pagebreak",),
    ("h2", "5.3 Herkunft und Familiensprachen"),
    ("p", "Die neu zugewanderten Kinder und Jugendlichen kamen im Jahr 2023 aus 47 Staaten. Die "
          "größte Gruppe stellten weiterhin Kinder und Jugendliche mit ukrainischer "
          "Staatsangehörigkeit (352), gefolgt von Syrien (214) und Rumänien (148). Die Zahl der "
          "Kinder und Jugendlichen aus Eritrea ist mit 38 zwar klein, aber seit 2021 stetig "
          "gestiegen."),
    ("table", ["Staatsangehörigkeit", "Anzahl", "Anteil in %"], _country_rows(), [6.0, 3.0, 3.0],
     "Tabelle 5.4: Neu zugewanderte Kinder und Jugendliche (0–18 J.) nach Staatsangehörigkeit, "
     "2023. Rundungsdifferenzen möglich. Quelle: Einwohnermelderegister"),
    ("p", "In den Erstgesprächen der Clearingstelle (2023: 987 Erstgespräche) wurden als "
          "Familiensprachen am häufigsten Ukrainisch bzw. Russisch (31 %), Arabisch (24 %) und "
          "Rumänisch (13 %) genannt, gefolgt von Bulgarisch bzw. Türkisch (12 %) und Dari bzw. "
          "Paschtu (10 %). Tigrinya sprechen 4 % der Familien, sonstige Sprachen 6 %. Für die "
          "Planung der Sprachmittlung ist zu beachten, dass die kleineren Sprachgruppen räumlich "
          "konzentriert leben: Familien aus Eritrea wohnen überwiegend im Hafenviertel und in Ost."),
    ("h2", "5.4 Schulische Situation"),
    ("p", "Zum Stichtag 15. Oktober 2023 wurden 924 Seiteneinsteigerinnen und Seiteneinsteiger an "
          "Schulen in Beispielstadt unterrichtet (Vorjahr: 1.047). 551 von ihnen lernten in "
          "Vorbereitungs- bzw. Auffangklassen, 373 wurden integrativ in Regelklassen mit "
          "zusätzlicher Deutschförderung unterrichtet. An den Grundschulen überwiegt die integrative "
          "Beschulung, in der Sekundarstufe I die Erstförderung in eigenen Klassen."),
    ("table", ["Schulform", "Seiteneinsteiger insgesamt", "davon in Vorbereitungs-/Auffangklassen",
               "davon integrativ in Regelklassen"], _school_rows(), [5.2, 3.6, 4.2, 3.4],
     "Tabelle 5.5: Seiteneinsteigerinnen und Seiteneinsteiger nach Schulform, Schuljahr 2023/24 "
     "(Stichtag 15.10.2023). Quelle: Schulstatistik, Schulamt für die Stadt Beispielstadt"),
    ("pagebreak",),
    ("h2", "5.5 Wartezeiten auf einen Schulplatz"),
    ("p", "Die Clearingstelle dokumentiert für jedes angemeldete Kind die Zeit zwischen Anmeldung und "
          "erstem Schultag. Die durchschnittliche Wartezeit sank im Stadtgebiet von 47 Tagen im Jahr "
          "2022 auf 39 Tage im Jahr 2023. Der im Handlungskonzept Seiteneinstieg festgelegte "
          "Zielwert von vier Wochen (28 Tage) wird damit weiterhin deutlich überschritten."),
    ("p", "Nur im Stadtbezirk Ost ist die Wartezeit gestiegen, und zwar von 52 auf 58 Tage. Dort "
          "standen zum 31. Dezember 2023 noch 27 Kinder und Jugendliche auf der Warteliste, vor "
          "allem Jugendliche der Sekundarstufe I. Stadtweit warteten zum Jahresende 2023 insgesamt "
          "93 Kinder und Jugendliche auf einen Schulplatz (Ende 2022: 141)."),
    ("table", ["Stadtbezirk", "Ø Wartezeit 2022 (Tage)", "Ø Wartezeit 2023 (Tage)",
               "Warteliste 31.12.2022", "Warteliste 31.12.2023"], _waiting_rows(),
     [3.4, 3.2, 3.2, 3.2, 3.2],
     "Tabelle 5.6: Wartezeit zwischen Anmeldung in der Clearingstelle und erstem Schultag sowie "
     "Warteliste nach Stadtbezirk (Wohnort). Quelle: Clearingstelle Schule im KI"),
    ("p", "Die Wartezeiten hängen vor allem von freien Plätzen in Vorbereitungsklassen der "
          "Sekundarstufe I und von den Terminen für die schulärztliche Untersuchung ab. Für "
          "Grundschulkinder lag die Wartezeit 2023 im Durchschnitt bei 26 Tagen, für Jugendliche der "
          "Sekundarstufe I bei 48 Tagen."),
    ("pagebreak",),
    ("h2", "5.6 Zusammenfassung und Handlungsbedarfe"),
    ("bullets", [
        "Die Zahl der neu zugewanderten Kinder und Jugendlichen ist nach dem Höchststand 2022 "
        "zurückgegangen, liegt aber weiterhin deutlich über dem Niveau vor 2022.",
        "Schwerpunkte der Zuwanderung sind die Stadtbezirke Nord und Hafenviertel, die zugleich "
        "die höchsten SGB-II-Quoten aufweisen.",
        "Im Stadtbezirk Ost treffen ein hoher Anteil älterer Jugendlicher und steigende "
        "Wartezeiten zusammen; hier besteht besonderer Handlungsbedarf.",
        "Die durchschnittliche Wartezeit auf einen Schulplatz ist gesunken, liegt aber mit 39 Tagen "
        "weiterhin über dem Zielwert.",
        "Datenlücken: Wie viele der 238 neu zugewanderten Kinder unter sechs Jahren (2023) eine "
        "Kindertageseinrichtung besuchen, ist nicht bekannt; die Kita-Statistik weist den "
        "Zuwanderungszeitpunkt nicht aus. Auch zu jungen Erwachsenen von 19 bis 21 Jahren und zum "
        "Verbleib nach der Erstförderung liegen keine kleinräumigen Daten vor.",
    ]),
    ("p", "Die Sozialplanung empfiehlt, die Daten der Clearingstelle, der Schulstatistik und der "
          "Kita-Bedarfsplanung künftig jährlich zusammenzuführen und im Netzwerk Ankommen "
          "Beispielstadt zu beraten."),
]


def _label(page: int) -> str:
    return str(page + FIRST_PRINTED_PAGE - 1)


def build(out_dir: Path) -> Path:
    path = out_dir / FILENAME
    build_pdf(
        path,
        BLOCKS,
        title="Sozialbericht Beispielstadt 2024 – Auszug Kapitel 5",
        author="Stadt Beispielstadt, Fachbereich Soziales – Sozialplanung",
        subject=FICTION_NOTE,
        header="Sozialbericht Beispielstadt 2024 · Kapitel 5",
        footer="Stadt Beispielstadt · Sozialbericht 2024 · Seite {label}",
        label_of=_label,
        first_furnished_page=1,
        first_header_page=1,
        page_labels=[(0, -1, "/D", FIRST_PRINTED_PAGE)],
    )
    return path
