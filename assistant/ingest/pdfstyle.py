"""Headings of a PDF: numbered lines ("3.1 Bilanz seit 2016") and lines set apart from the
body text by a bigger or bold font ("Vorwort", "Handlungsfeld Schule").

pypdf's text visitor reports each piece of text with its font and size in the order
``extract_text`` writes it, so every line of the page text gets the style most of its
characters have. The body style is the one most characters of the document have. Where a
document sets its numbered headings apart, a numbered line in body style is a list item
("2. Die Kommune richtet …"), not a heading; where it does not (all one font), numbered
lines stay headings as before, and a number with levels ("14.1.1") is a heading in any type.
A style that carries much of the text (prose beside code) is a second body, never a heading
style. Pages read by OCR have no styles and keep the numbered rule.

The same sizes show footnote marks: a superscript "2" after "1.240" is dropped, so the
figure is not read as "1.2402".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assistant.ingest.formats import looks_like_heading
from assistant.text import MONTHS

_NUMBERED = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?|[IVX]{1,4}\.|[A-Z]\))\s+(\S.{1,90})$")
# "8. April 2018", "12. März 2024": a date at the start of a line, not section 8 or 12
_DATE = re.compile(rf"({MONTHS})\b", re.IGNORECASE)
# a body style: one that (with its neighbours within 0.3 pt) carries this share of the text
_BODY_SHARE = 0.15
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_MARK = re.compile(r"(\d{1,3}(,\d{1,3})*|\*{1,3}|†)\)?")
# a heading set in a font: at most this long (in characters, over at most 3 lines)
_MAX_HEADING = 120


@dataclass(frozen=True, order=True)
class Style:
    size: float  # effective font size in points
    bold: bool


MIXED = Style(0.0, False)  # a line whose characters have no common style (a bold lead-in)


class Line(str):
    """A line of page text that knows its style (None: not known, e.g. read by OCR)."""

    style: Style | None = None

    @classmethod
    def of(cls, text: str, style: Style | None) -> Line:
        line = cls(text)
        line.style = style
        return line


def numbered_heading(line: str) -> bool:
    """ "3.1 Bilanz seit 2016", "IV. Ausblick", "A) Schule": numbered, short, no sentence end,
    the title starting with a capital, a digit or a quote. A wrapped line that begins with a
    number ("4.3 auf Seite 5) …", "1.40 brachte …") or a date ("8. April 2018") is none."""
    m = _NUMBERED.match(line)
    if not m or line.endswith((".", ",", ";")) or len(line) >= 100:
        return False
    title = m.group(3)
    return ((title[0].isalnum() and not title[0].islower()) or title[0] in "„\"»«‚'(") and \
        not _DATE.match(title)


def heading_level(line: str) -> int:
    """Depth of a numbered heading: "3 …" or "3. …" is 1, "3.1 …" 2, "3.1.2 …" 3."""
    m = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s", line)
    return m.group(1).count(".") + 1 if m else 1


def _scale(matrix: Any) -> float:
    try:
        return math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])) or 1.0
    except (TypeError, IndexError):
        return 1.0


def _without_marks(pieces: list[tuple[str, Style]]
                   ) -> tuple[list[tuple[str, Style]], frozenset[str]]:
    """Footnote marks dropped, and the marks: a superscript "2" after "1.240" would read
    "1.2402" (and "Integrationskonzept3" would be no word). A mark is a few digits or a
    star in a font clearly smaller than the text it is glued to."""
    kept: list[tuple[str, Style]] = []
    marks: set[str] = set()
    for text, style in pieces:
        before = next((k for k in reversed(kept) if k[0]), None)
        if (before and _MARK.fullmatch(text) and before[0][-1:].strip()
                and style.size <= 0.8 * before[1].size):
            marks.update(m.strip(")") for m in text.split(","))
            continue
        kept.append((text, style))
    return kept, frozenset(marks)


def read_page(page: Any) -> tuple[str, list[Style | None], frozenset[str]]:
    """A pypdf page's text without footnote marks, the style of each of its lines
    (``str.splitlines``; none when the visitor's pieces do not add up to the text) and the
    footnote marks it dropped ("1", "2", "*")."""
    pieces: list[tuple[str, Style]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text:
            name = str((font or {}).get("/BaseFont", ""))
            size = round(float(size or 0) * _scale(tm) * _scale(cm), 1)
            pieces.append((text, Style(size, bool(_BOLD.search(name)))))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except Exception:  # noqa: BLE001 - a font the visitor cannot size: the text alone
        return page.extract_text() or "", [], frozenset()
    if "".join(t for t, _ in pieces) != text:
        return text, [], frozenset()
    pieces, marks = _without_marks(pieces)
    text = "".join(t for t, _ in pieces)
    per_char = [style for t, style in pieces for _ in t]
    styles: list[Style | None] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        seen = Counter(per_char[k] for k in range(pos, pos + len(line))
                       if not text[k].isspace())
        pos += len(line)
        if not seen:
            styles.append(None)
            continue
        style, n = seen.most_common(1)[0]
        styles.append(style if n >= 0.8 * sum(seen.values()) else MIXED)
    return text, styles, marks


@dataclass
class Outline:
    """What the whole document says about its headings (``of``)."""

    body: Style | None = None
    numbered_styled: bool = False  # its numbered headings are set apart from the body
    depth: dict[Style, int] = field(default_factory=dict)  # style → depth of numbered headings
    rank: dict[Style, int] = field(default_factory=dict)  # set-apart styles, biggest first
    # styles that carry much of the text: a second body (prose beside code), no headings
    common: frozenset[Style] = frozenset()

    @classmethod
    def of(cls, pages: list[list[str]]) -> Outline:
        lines = [ln for page in pages for ln in page if isinstance(ln, Line) and ln.style]
        chars: Counter[Style] = Counter()
        for ln in lines:
            if ln.style != MIXED:
                chars[ln.style] += len(ln.strip())
        if not chars:
            return cls()
        total = sum(chars.values())
        common = frozenset(s for s in chars if sum(
            n for t, n in chars.items() if t.bold == s.bold and abs(t.size - s.size) <= 0.3
        ) >= _BODY_SHARE * total)
        outline = cls(body=chars.most_common(1)[0][0], common=common)
        apart = [ln for ln in lines if outline.set_apart(ln)]
        depths: dict[Style, Counter[int]] = {}
        for ln in apart:
            if numbered_heading(ln.strip()):
                depths.setdefault(ln.style, Counter())[heading_level(ln.strip())] += 1
        outline.numbered_styled = bool(depths)
        outline.depth = {s: c.most_common(1)[0][0] for s, c in depths.items()}
        styles = sorted({ln.style for ln in apart}, reverse=True)
        outline.rank = {s: i + 1 for i, s in enumerate(styles)}
        return outline

    def set_apart(self, line: str) -> bool:
        """Bigger than the body text, or bold where the body is not (at about its size),
        and not a style that much of the text is set in (prose in a manual of code)."""
        style = getattr(line, "style", None)
        if style is None or self.body is None or style == MIXED or style in self.common:
            return False
        body = self.body
        # bold at about the size of a body style: a document may set its prose in two sizes
        # (8 pt and 9 pt), and which one carries more text depends on the pages read
        smallest = min((s.size for s in self.common if not s.bold), default=body.size)
        return style.size >= body.size + 1.0 or (
            style.bold and not body.bold and style.size >= min(body.size, smallest) - 0.6)

    def numbered(self, line: Line | str) -> bool:
        """A numbered heading; in a document whose numbered headings are set apart, a
        numbered line in body style is a list item, unless its number has levels ("14.1.1
        Debugging": lists count 1., 2., …)."""
        if not numbered_heading(line.strip()):
            return False
        style = getattr(line, "style", None)
        return not (self.numbered_styled and style is not None and not self.set_apart(line)
                    and heading_level(line.strip()) == 1)

    def run(self, items: list, k: int) -> list[str]:
        """The lines from ``items[k]`` on that are set apart in one style (not numbered)."""
        out: list[str] = []
        for item in items[k:]:
            if (not isinstance(item, Line) or not item.strip() or not self.set_apart(item)
                    or item.style != items[k].style or numbered_heading(item.strip())):
                break
            out.append(item)
        return out

    @staticmethod
    def styled(run: list[str]) -> str:
        """The heading that a ``run`` of set-apart lines makes, or "" when it is longer than
        three lines or does not look like one (``formats.looks_like_heading``)."""
        text = " ".join(ln.strip() for ln in run)
        return text if len(run) <= 3 and looks_like_heading(text, _MAX_HEADING) else ""

    def level(self, line_style: Style | None, sections: list[str]) -> int:
        """Depth of a heading set in ``line_style`` under the open ``sections``: that of the
        numbered headings in the same style, else one below the innermost numbered one,
        else its rank among the document's set-apart styles."""
        if line_style in self.depth:
            return self.depth[line_style]
        numbered = [i for i, h in enumerate(sections) if h and numbered_heading(h)]
        if numbered:
            return numbered[-1] + 2
        return self.rank.get(line_style, 1)
