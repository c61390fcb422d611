"""What the Maßnahmenübersicht (``measures``) holds: where something was found, the
measures and the sentences that state a gap, and the overview with its coverage of topics
× districts; the columns of its tables (``export``)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant import wordlists

# the general German stems of each field of work (handlungsfelder in data/woerter.json)
TOPICS = tuple((e["feld"], tuple(e["staemme"])) for e in wordlists.entries("handlungsfelder"))
CITYWIDE = "gesamtstädtisch"
MEASURE_COLUMNS = ("Gruppe", "Name", "Träger", "Zielgruppe", "Ort/Stadtbezirk", "Themen",
                   "Quelle")
GAP_COLUMNS = ("Aussage", "Quelle")


@dataclass(frozen=True)
class Place:
    """Where something was found: document title, file, page."""

    document: str
    title: str
    page: int | None = None
    page_label: str | None = None

    @property
    def label(self) -> str:
        if self.page is None:
            return self.title
        if self.page_label and self.page_label != str(self.page):
            return f"{self.title}, S. {self.page_label} (PDF-Seite {self.page})"
        return f"{self.title}, S. {self.page}"


@dataclass(frozen=True)
class Measure:
    name: str
    provider: str
    target: str
    district: str
    places: tuple[Place, ...]
    topics: tuple[str, ...] = ()
    origin: str = "Tabelle"  # "Tabelle" | "Text"
    group: int = 0  # > 0: likely the same as the other measures of this group

    @property
    def source(self) -> str:
        more = len(self.places) - 1
        return self.places[0].label + (f" (+{more} weitere Fundstellen)" if more else "")


@dataclass(frozen=True)
class StatedGap:
    text: str
    place: Place


@dataclass(frozen=True)
class Overview:
    measures: tuple[Measure, ...]
    districts: tuple[str, ...]
    coverage: dict  # (topic, district) -> number of measures
    stated_gaps: tuple[StatedGap, ...]

    def gaps(self) -> list[tuple[str, list[str]]]:
        """Topics with the districts where no measure was found (citywide ones count)."""
        out = []
        for topic, _ in TOPICS:
            if self.coverage.get((topic, CITYWIDE)):
                continue
            missing = [d for d in self.districts if not self.coverage.get((topic, d))]
            if missing:
                out.append((topic, missing))
        return out
