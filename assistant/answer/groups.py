"""Age bands of target groups, so that a list question about "Jugendliche" leaves out
offers only for small children or only for parents.

The bands follow general German usage and the law, not any document of ours:

- Kind: under 14, Jugendlicher: 14 to under 18, junger Volljähriger: 18 to under 27,
  junger Mensch: under 27 (SGB VIII § 7 Abs. 1);
- "Jugendliche" in a question is read more widely, as **12 to 21**: newly arrived young
  people enter secondary school from about 12 (Seiteneinstieg in Sekundarstufe I), and
  vocational school classes for newcomers (Internationale Förderklassen) take them up to
  about 21 — the group municipal staff mean when they ask about "Jugendliche";
- "Kinder" is read as **0 to 11**, the complement of that band (the law's child is under
  14); Krippe/U3 0–3, Kita 1–6, Grundschule 6–10;
- Eltern, Mütter, Väter, Erwachsene: 25 and over — offers for parents and adults are not
  offers for the young adults that "junge Erwachsene" (18–26) names.

An item's band comes from the age ranges it gives ("Alter: 10–16"); only an item without
any gives its band by the groups it names.

A question's band is the union of the bands of the groups and ages it names ("zwischen 16
und 18", "unter 6", "ab 16"). An item fits when it names no group or age at all, or one
whose band shares at least ``MIN_SHARED`` years with the question's (so "6–12" is no offer for
12–21-year-olds); "Familien" fits every band.
"""

from __future__ import annotations

import re

from assistant import params

Band = tuple[int, int]  # years, both ends included

ADULT = (25, 99)  # parents and adults: not the young adults of "junge Erwachsene"
EVERY = (0, 99)
# a word's head (its last part, lower case) → band: "Grundschulkinder", "Jugendliche"; a
# modifier is no target group ("Jugendamt", "Kitaplatz", "Jugendberufshilfe")
BANDS: tuple[tuple[str, Band], ...] = (
    ("säugling", (0, 1)), ("baby", (0, 1)), ("babie", (0, 1)),
    ("kleinkind", (0, 3)), ("krippenkind", (0, 3)), ("krippe", (0, 3)), ("u3", (0, 3)),
    ("kitakind", (1, 6)), ("kita", (1, 6)), ("kindergartenkind", (3, 6)),
    ("kindergarten", (3, 6)), ("vorschulkind", (4, 6)),
    ("grundschulkind", (6, 10)), ("grundschüler", (6, 10)), ("grundschule", (6, 10)),
    ("seiteneinsteiger", (6, 21)), ("schulkind", (6, 11)), ("kind", (0, 11)),
    ("schüler", (6, 21)), ("schulpflichtig", (6, 18)),
    ("jugendlich", (12, 21)), ("jugend", (12, 21)), ("teenager", (13, 19)),
    ("junge erwachsene", (18, 26)), ("junge volljährige", (18, 26)),
    ("junge menschen", (0, 26)), ("minderjährig", (0, 17)),
    ("eltern", ADULT), ("mütter", ADULT), ("väter", ADULT), ("mutter", ADULT),
    ("vater", ADULT), ("erwachsen", ADULT), ("frauen", ADULT), ("männer", ADULT),
    ("familie", EVERY), ("alle altersgruppen", EVERY),
)
_GROUP = re.compile(r"(?<![\wäöüß])[\wäöüß]*?(" + "|".join(re.escape(s) for s, _ in BANDS)
                    + r")(?:e|en|er|ern|n|s|es|innen|in|r)?(?![\wäöüß])", re.IGNORECASE)
_AGE = r"(\d{1,2})"
_YEARS = r"\s*(?:jahren?|jährige[n]?|j\.)?"
_RANGE = re.compile(rf"(?:zwischen\s+)?{_AGE}\s*(?:–|-|bis|und)\s*{_AGE}{_YEARS}(?!\d)",
                    re.IGNORECASE)
_UNDER = re.compile(rf"\b(?:unter|bis)\s+{_AGE}{_YEARS}(?![\d.,])", re.IGNORECASE)
_FROM = re.compile(rf"\b(?:ab|über)\s+{_AGE}{_YEARS}(?![\d.,])", re.IGNORECASE)
_U = re.compile(r"\bU\s?(\d{1,2})\b")


MIN_SHARED = 2  # years a fitting item's band shares with the question's


def bands(text: str) -> list[Band]:
    """Every band ``text`` names: its age ranges, or, when it gives none, its groups."""
    found = ages(text)
    return found or [dict(BANDS)[m.group(1).lower()] for m in _GROUP.finditer(text.lower())]


def ages(text: str) -> list[Band]:
    """The age ranges ``text`` gives ("10–16 Jahre", "unter 6", "ab 16", "U3")."""
    found: list[Band] = []
    for m in _RANGE.finditer(text):
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo < hi <= 27:
            found.append((lo, hi))
    for m in _UNDER.finditer(text):
        if 0 < int(m.group(1)) <= 27:
            found.append((0, int(m.group(1)) - 1))
    for m in _FROM.finditer(text):
        if int(m.group(1)) <= 27:
            found.append((int(m.group(1)), 99 if int(m.group(1)) >= 18 else 27))
    for m in _U.finditer(text):
        found.append((0, int(m.group(1)) - 1))
    return found


def band(question: str) -> list[Band] | None:
    """The bands a question asks about, or None when it names no group or age (the
    "Familien" band, every age, counts as none; so does every question while the rule
    ``altersbaender`` of ``assistant.params`` is off)."""
    if not params.current().age_bands:
        return None
    found = [b for b in bands(question) if b != EVERY]
    return found or None


def fits(wanted: list[Band], text: str) -> bool:
    """``text`` names no band, or one that overlaps one of ``wanted``."""
    have = bands(text)
    if not have:
        return True
    return any(min(hi, w_hi) - max(lo, w_lo) + 1 >= MIN_SHARED
               for lo, hi in have for w_lo, w_hi in wanted)
