"""Maßnahmenübersicht over a real small index: table rows and prose, duplicates, gaps, export."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from assistant.draft.export import (
    coverage_rows,
    export_csv,
    export_xlsx,
    gap_rows,
    measure_rows,
)
from assistant.draft.measures import CITYWIDE, MEASURE_COLUMNS, build_overview
from tests.test_draft import open_engine


@pytest.fixture(scope="module")
def overview(tmp_path_factory, e5):
    return build_overview(open_engine(tmp_path_factory.mktemp("massnahmen"), e5))


def by_name(overview, name):
    found = [m for m in overview.measures if m.name == name]
    assert found, [m.name for m in overview.measures]
    return found[0]


def test_table_rows_become_measures_with_their_fields(overview):
    m = by_name(overview, "Hausaufgabenhilfe für Seiteneinsteiger")
    assert (m.provider, m.target, m.district) == ("Brücke e. V.", "Schülerinnen und Schüler",
                                                  "Mitte")
    assert m.places[0].label == "Maßnahmenübersicht Teststadt 2024"
    assert "Schulische Integration/Seiteneinstieg" in m.topics


def test_prose_names_networks_and_concepts_with_page(overview):
    names = {m.name for m in overview.measures}
    assert {"Netzwerk Ankommen Teststadt", "Arbeitskreis Seiteneinstieg",
            "Clearingstelle Schule", "Integrationskonzept 2022"} <= names
    assert by_name(overview, "Clearingstelle Schule").places[0].label == \
        "Integrationskonzept Teststadt 2022, S. 2 (PDF-Seite 4)"
    assert not names & {"Netzwerk", "Netzwerke", "Konzept"}  # generic words are no measures


def test_likely_duplicates_share_a_group(overview):
    a = by_name(overview, "Sprachcafé „Willkommen“")
    b = by_name(overview, "Sprachcafé Willkommen")
    assert a.group and a.group == b.group
    others = [m for m in overview.measures if m.group == a.group]
    assert len(others) == 2
    rows = measure_rows(overview)
    labels = [r[0] for r in rows if r[1].startswith("Sprachcafé")]
    assert labels == [f"D{a.group}"] * 2


def test_gaps_by_topic_and_district(overview):
    assert set(overview.districts) == {"Nord", "Mitte", "Süd"}
    header, rows = coverage_rows(overview)
    assert header == ["Thema", "Mitte", "Nord", "Süd", CITYWIDE, "ohne Ortsangabe"]
    cells = {r[0]: dict(zip(header[1:], r[1:])) for r in rows}
    assert cells["Sprachförderung"]["Nord"] == 2
    assert cells["Psychosoziale Beratung"] == dict.fromkeys(header[1:], 0)
    gaps = dict(overview.gaps())
    assert gaps["Psychosoziale Beratung"] == ["Mitte", "Nord", "Süd"]
    assert "Nord" not in gaps.get("Sprachförderung", [])


def test_gaps_stated_in_documents_are_cited(overview):
    stated = {g.text: g.place.label for g in overview.stated_gaps}
    assert stated == {
        "Im Stadtbezirk Süd fehlt ein Angebot für neu zugewanderte Jugendliche von 16 bis 18 "
        "Jahren.": "Protokoll Arbeitskreis Teststadt 2024",
        "Für traumatisierte Kinder gibt es keine psychosozialen Angebote in Teststadt.":
            "Protokoll Arbeitskreis Teststadt 2024",
    }
    texts = [r[0] for r in gap_rows(overview)]
    assert "Psychosoziale Beratung: keine Maßnahme gefunden in Mitte, Nord, Süd" in texts


def test_export_csv_and_xlsx(overview, tmp_path):
    path = export_csv(overview, tmp_path / "m.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads umlauts
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0] == list(MEASURE_COLUMNS) and len(rows) == len(overview.measures) + 1
    wb = load_workbook(export_xlsx(overview, tmp_path / "m.xlsx"))
    assert wb.sheetnames == ["Maßnahmen", "Abdeckung", "Lücken"]
    assert wb["Maßnahmen"]["B1"].value == "Name"
    assert wb["Lücken"].max_row == len(gap_rows(overview)) + 1
