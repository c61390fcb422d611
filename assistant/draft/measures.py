"""Maßnahmenübersicht: measures, networks and concepts found in the documents, likely
duplicates grouped, and gaps by topic × district.

Simple, explainable rules:

- Table rows are the records a list answer reads (``answer.lists.items_in``: one
  extraction for both): a row with a name column (Maßnahme, Angebot, Projekt, Netzwerk,
  Name, Bezeichnung) is a measure; Träger, Zielgruppe and Ort/Stadtbezirk come from the
  matching columns.
- In prose, a capitalised word whose last part is one of ``offers.KEYWORDS`` — German words for
  offers, bodies and plans (…kurs, …café, …treff, …netzwerk, …kreis, …stelle, …konzept …;
  general administrative usage, not taken from any document; listed with their origin in
  ``data/woerter.json``) — plus the proper name after it („…“, capitalised words, a year)
  names a measure (``assistant.answer.offers``, the same finder a list answer
  uses for offers named in prose). Generic words ("Netzwerke") without a name are ignored.
  Träger, Zielgruppe and Stadtbezirk are read from the same sentence, or from the whole
  passage when its heading starts with the measure.
- Likely duplicates ("Doppelstrukturen"): names close in meaning (cosine of the index's
  embedder) and in wording (shared German stems, ``assistant.text.terms``), in the same
  district or one of them without a district (the provider may differ: two providers
  offering the same in one district is exactly what the overview should show).
- Gaps: ``TOPICS`` × districts without any measure; plus sentences that state a gap
  ("fehlt", "keine … Angebote", "Lücke", "nicht vorhanden"), cited.
The guidance document itself (type Leitfaden) talks about gaps in general and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from assistant import wordlists
from assistant.answer.lists import items_in
from assistant.answer.offers import WORD, offer_names, sentences_of
from assistant.draft.measures_model import (  # noqa: F401 - the names of the overview, also from here
    CITYWIDE,
    GAP_COLUMNS,
    MEASURE_COLUMNS,
    TOPICS,
    Measure,
    Overview,
    Place,
    StatedGap,
)
from assistant.text import terms
from assistant.types import Chunk, DocFacts, Source

# word lists from data/woerter.json (each with its origin there): table column headings …
NAME_FIELDS = wordlists.words("spalten_name")
PROVIDER_FIELDS = wordlists.words("spalten_traeger")
TARGET_FIELDS = wordlists.words("spalten_zielgruppe")
PLACE_FIELDS = wordlists.words("spalten_ort")
# … (the German stems of each field of work, TOPICS, are in ``measures_model``)
SIMILAR_COS, SIMILAR_TERMS = 0.92, 0.4  # both needed for "likely the same" (names)

_DISTRICTS = re.compile(r"Stadtbezirk(?:e|en)?\s+(" + WORD + r"(?:(?:,\s*|\s+und\s+)" + WORD
                        + r")*)")
_ORG = re.compile(
    r"\b(?:AWO[\w ]*?(?=[,.;)]|\s[a-zäöü])|Caritas\w*|Diakonische[sn]? Werk\w*|DRK|"
    r"Volkshochschule|VHS|Kommunale[sn]? Integrationszentrum\w*|KI\b|Jugendamt|Schulamt|"
    r"Jobcenter|Agentur für Arbeit|Jugendmigrationsdienst\w*|Stadtbibliothek|Gesundheitsamt|"
    r"Berufskolleg\w*(?: am \w+)?|Familienzentr\w+(?: \w+)?|(?:" + WORD + r" ){1,3}e\. ?V\.|"
    r"[\wÄÖÜäöüß-]+ gGmbH)"
)
_TARGET = re.compile(
    r"(?<![\wÄÖÜäöüß-])((?:[a-zäöüß-]+\s+){0,3}"
    r"(?:Kinder|Jugendliche|Eltern|Familien|junge Erwachsene|"
    r"Volljährige|Schülerinnen und Schüler|Seiteneinsteiger\w*|Mädchen|Fachkräfte)\b"
    r"(?:\s+(?:von|zwischen|unter|ab)\s+\d+(?:\s+(?:bis|und)\s+\d+)?\s+Jahren)?)"
)
_GAP = re.compile(
    r"\bfehl(?:t|en)\b|\bkein(?:e|en|er)?\s+(?:[\wäöüß-]+\s+){0,5}?(?:Angebot\w*|Gruppen|"
    r"Plätze|Sprachmittl\w*|Dolmetsch\w*)|Lücke|\bnicht vorhanden|\bkein einziges|"
    r"reichen\s+(?:\w+\s+){0,3}nicht aus", re.IGNORECASE)
_LEAD_STOP = {"der", "die", "das", "für", "mit", "und", "von", "alle", "an", "auf", "den",
              "dem", "im", "in", "zu", "sich", "treffen", "es", "gibt", "berät", "hilft",
              "unterstützt", "erreicht", "bleiben", "werden", "sind"}


def _fields(row: str) -> dict[str, str]:
    out = {}
    for cell in row.split(" | "):
        key, sep, value = cell.partition(": ")
        if sep and value.strip():
            out[key.strip().lower()] = value.strip()
    return out


def _field(fields: dict[str, str], names: tuple[str, ...]) -> str:
    for key, value in fields.items():
        if any(key.startswith(n) for n in names):
            return value
    return ""


def _district(value: str) -> str:
    value = value.strip()
    return CITYWIDE if re.search(r"gesamtstädt|stadtweit|alle", value, re.I) else value


def _topics(text: str) -> tuple[str, ...]:
    low = text.lower()
    return tuple(t for t, words in TOPICS if any(w in low for w in words))


def _place(chunk: Chunk, facts: DocFacts) -> Place:
    return Place(chunk.doc_id, facts.title, chunk.page, chunk.page_label)


def _table_measures(chunk: Chunk, facts: DocFacts) -> list[Measure]:
    out = []
    source = Source.of(chunk, facts)
    for item in items_in(source):
        fields = {k.strip().lower(): v for k, v in item.fields if k and v}
        name = _field(fields, NAME_FIELDS)
        if not name or len(fields) < 2:
            continue
        skip = ("kontakt", "finanz", *PROVIDER_FIELDS, *PLACE_FIELDS)
        body = " ".join(v for k, v in fields.items() if not k.startswith(skip))
        out.append(Measure(name, _field(fields, PROVIDER_FIELDS), _field(fields, TARGET_FIELDS),
                           _district(_field(fields, PLACE_FIELDS)), (_place(chunk, facts),),
                           _topics(body)))
    return out


def _context(text: str, name: str, known_districts: set[str]) -> tuple[str, str, str]:
    """(provider, target group, district) read from the text around a measure."""
    org = next((o.group(0).strip() for o in _ORG.finditer(text) if o.group(0) not in name), "")
    target = ""
    if t := _TARGET.search(text):
        words = t.group(1).split()
        while words and words[0].lower() in _LEAD_STOP:
            words.pop(0)
        target = " ".join(words)
    district = next((d for d in sorted(known_districts)
                     if re.search(rf"\b{re.escape(d)}\b", text) and d not in name), "")
    if re.search(r"\b(stadtweit|gesamtstädtisch)", text, re.I):
        district = district or CITYWIDE
    return org, target, district


def _prose(chunk: Chunk, facts: DocFacts, districts: set[str]
           ) -> tuple[list[Measure], list[StatedGap]]:
    place = _place(chunk, facts)
    measures = []
    heading = re.sub(r"^(?:TOP\s*\d+:|[\d.]+)\s*", "", chunk.heading.split(" › ")[-1])
    first = offer_names(heading)[:1]
    if first and heading.lower().startswith(first[0].split()[0].lower()[:6]):
        org, target, district = _context(chunk.text, first[0], districts)
        measures.append(Measure(first[0], org, target, district, (place,),
                                _topics(first[0] + " " + heading + " " + target), "Text"))
    gaps = []
    for sentence in sentences_of(chunk.text):
        for name in offer_names(sentence):
            org, target, district = _context(sentence, name, districts)
            measures.append(Measure(name, org, target, district, (place,),
                                    _topics(f"{name} {target}"), "Text"))
        if _GAP.search(sentence) and not sentence.rstrip().endswith(("?", ":")):
            gaps.append(StatedGap(sentence.strip(), place))
    return measures, gaps


def _merge(measures: list[Measure]) -> list[Measure]:
    """One entry per table row and per prose name (same German stems); places accumulate."""
    merged: dict[tuple, Measure] = {}
    for m in measures:
        key = (m.origin, tuple(sorted(set(terms(m.name)))),
               m.provider if m.origin == "Tabelle" else "")
        if key not in merged:
            merged[key] = m
            continue
        old = merged[key]
        places = old.places + tuple(p for p in m.places if p not in old.places)
        merged[key] = replace(old, places=places, provider=old.provider or m.provider,
                              target=old.target or m.target,
                              topics=tuple(dict.fromkeys(old.topics + m.topics)))
    return list(merged.values())


def group_duplicates(measures: list[Measure], embedder) -> list[Measure]:
    """Number groups of likely duplicates; members of a group end up next to each other."""
    if len(measures) < 2:
        return measures
    vectors = embedder.embed_passages([m.name for m in measures])
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
    cos = vectors @ vectors.T
    stems = [set(terms(m.name)) for m in measures]
    places = [m.district if m.district != CITYWIDE else "" for m in measures]
    parent = list(range(len(measures)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(measures)):
        for j in range(i + 1, len(measures)):
            shared = len(stems[i] & stems[j]) / max(len(stems[i] | stems[j]), 1)
            same_place = not places[i] or not places[j] or places[i] == places[j]
            if cos[i, j] >= SIMILAR_COS and shared >= SIMILAR_TERMS and same_place:
                parent[root(j)] = root(i)
    roots = [root(i) for i in range(len(measures))]
    numbers: dict[int, int] = {}
    for r in roots:
        if roots.count(r) > 1 and r not in numbers:
            numbers[r] = len(numbers) + 1
    out = [replace(m, group=numbers.get(r, 0)) for m, r in zip(measures, roots)]
    first = {r: i for i, r in reversed(list(enumerate(roots)))}
    order = sorted(range(len(out)), key=lambda i: (first[roots[i]], i))
    return [out[i] for i in order]


def _districts(pairs: list[tuple[Chunk, dict]]) -> set[str]:
    """Districts named in table fields, or after "Stadtbezirk(e)" in at least two places."""
    fields: set[str] = set()
    named: dict[str, int] = {}
    for c, _ in pairs:
        for row in c.text.split("\n")[1:] if c.kind == "table" else ():
            if d := _district(_field(_fields(row), PLACE_FIELDS)):
                fields.add(d)
        for m in _DISTRICTS.finditer(c.text):
            for d in re.split(r",\s*|\s+und\s+", m.group(1)):
                named[d] = named.get(d, 0) + 1
    found = fields | {d for d, n in named.items() if n >= 2 and not d.isupper()}
    return found - {CITYWIDE}


def build_overview(engine) -> Overview:
    """Read every chunk of the index once and build the overview."""
    chunks, metas = engine.store.all_chunks()
    pairs = [(c, m) for c, m in zip(chunks, metas) if m.type != "Leitfaden"]
    pairs.sort(key=lambda p: (p[0].doc_id, p[0].position))
    districts = _districts(pairs)
    measures: list[Measure] = []
    gaps: dict[str, StatedGap] = {}
    for c, meta in pairs:
        if c.kind == "table" and " | " in c.text:
            measures += _table_measures(c, meta)
        else:
            found, stated = _prose(c, meta, districts)
            measures += found
            for g in stated:
                gaps.setdefault(" ".join(terms(g.text)), g)
    measures = group_duplicates(_merge(measures), engine.embedder)
    coverage: dict[tuple[str, str], int] = {}
    for m in measures:
        for t in m.topics:
            where = m.district if m.district in districts or m.district == CITYWIDE else ""
            coverage[(t, where)] = coverage.get((t, where), 0) + 1
    return Overview(tuple(measures), tuple(sorted(districts)), coverage, tuple(gaps.values()))


# --- tables and export -----------------------------------------------------------------
