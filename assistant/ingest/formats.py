"""Readers for the plain formats (Markdown, TXT) and the helpers every reader shares:
heading paths, tables as blocks. Text decoding: ``textfile``; web pages: ``webpage``;
Office documents: ``office`` and ``slides``; spreadsheets: ``sheets``; PDF: ``pdf``.

Each returns blocks (paragraphs with their heading path, tables with their header) and
the document's own metadata where the format carries it.
"""

from __future__ import annotations

import re

import yaml

from assistant.ingest.textfile import decode_text
from assistant.ingest.webtext import strip_furniture
from assistant.text import normalize
from assistant.types import Block

COOKIE = re.compile(
    r"\b(cookies?|cookie-einstellungen|alle akzeptieren|datenschutzeinstellungen)\b", re.I
)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# Markdown markup that is no text: "**fett**", "*kursiv*", "`code`", "1\\." (an escape);
# "Schüler*innen" keeps its star (no space or line start before it)
_MD_MARKUP = [
    # bold, also where the converter lost the space before it: "Kapitel**Erste Schritte**"
    (re.compile(r"(\w?)(?<![*\\])\*\*(?=\S)(.+?)(?<=\S)\*\*(?!\*)"),
     lambda m: f"{m.group(1)} {m.group(2)}" if m.group(1) else m.group(2)),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w`])`([^`\n]+)`(?!`)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])"), r"\1"),
]


def plain_markdown(text: str) -> str:
    """The text of a line of Markdown without emphasis, code marks and escapes."""
    for pattern, repl in _MD_MARKUP:
        text = pattern.sub(repl, text)
    return text


def heading_path(stack: list[str]) -> str:
    return " › ".join(h for h in stack if h)


# labels and captions that are set like headings but are none
_NOT_A_HEADING = re.compile(r"^(Tabelle|Tab\.|Abbildung|Abb\.|Grafik|Diagramm|Karte|Quelle|"
                            r"Anmerkung|Hinweis|Stand)\b")


# a sentence that ends inside the line ("… definiert. Es bietet …"); "z. B." and "Nr." not
_SENTENCE_INSIDE = re.compile(r"[a-zäöüß]{3}\. [A-ZÄÖÜ]")


def looks_like_heading(text: str, longest: int = 120) -> bool:
    """Whether a line set apart by its type (bold, bigger) can be a heading: short, a
    capital or digit first, some letters, no sentence, label ("Teilnehmende:") or caption."""
    return bool(text) and len(text) <= longest and not (
        text.endswith((".", ",", ";", ":")) or _NOT_A_HEADING.match(text)
        or not (text[0].isupper() or text[0].isdigit())
        or not re.search(r"[^\W\d_]{3}", text) or _SENTENCE_INSIDE.search(text))


def push_heading(stack: list[str], level: int, title: str) -> None:
    del stack[level - 1:]
    while len(stack) < level - 1:
        stack.append("")
    stack.append(title)


_FIGURE = re.compile(r"[-+–]?\d[\d.,]*\s?%?|[-–.x/]")  # a value of a table of figures


def _second_header(rows: list[list[str]]) -> bool:
    """Whether ``rows[1]`` goes on with the header: no figure in it, its first cell empty
    (the row label's column is merged over both header rows), figures in the rows below."""
    if len(rows) < 3 or not rows[1] or rows[1][0]:
        return False
    cells = [v for v in rows[1] if v]
    below = [v for r in rows[2:] for v in r[1:] if v]
    return bool(cells) and not any(_FIGURE.fullmatch(v) for v in cells) and \
        sum(bool(_FIGURE.fullmatch(v)) for v in below) >= 0.5 * max(len(below), 1)


def _merged_header(upper: list[str], lower: list[str]) -> list[str]:
    """One header from two rows: "davon" merged over "männlich" | "weiblich" gives
    "davon männlich" | "davon weiblich" (a merged cell is empty after its first column)."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    header, left = [], ""
    for up, low in zip(upper, lower):
        left = up or (left if low else "")
        header.append(" ".join(x for x in (left, low) if x))
    return header


def table_block(rows: list[list[str]], heading: str, page: int | None = None) -> Block | None:
    """A table as one block: the header row names every value ("Stadtbezirk: Nord |
    Insgesamt: 42.310"). Lines above the header with a single filled cell – the title and
    date a statistics export prints first – are its caption, kept with the header."""
    rows = [[normalize(c) for c in r] for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        return None
    first = next((i for i, r in enumerate(rows) if sum(1 for v in r if v) >= 2), 0)
    caption = [next(v for v in r if v) for r in rows[:first]]
    rows = rows[first:]
    header = rows[0]
    if _second_header(rows):
        header = _merged_header(header, rows[1])
        rows = [header, *rows[2:]]
    head = " ".join([*caption, " | ".join(h for h in header if h)])
    if len(rows) == 1:
        return Block(text=head, heading=heading, page=page)
    rendered = []
    for r in rows[1:]:
        filled = [v for v in r if v]
        if len(filled) == 1 and len(header) >= 3:
            # a note under the table ("Stand: 31. Januar 2024 …") or a group label spanning
            # the row: it is not a value of the first column
            rendered.append(filled[0])
            continue
        cells = [
            f"{h}: {v}" if h else v for h, v in zip(header, r) if v
        ]
        rendered.append(" | ".join(cells))
    return Block(
        text="\n".join([head, *rendered]), heading=heading, page=page,
        kind="table", table_header=head, rows=tuple(rendered),
    )


def _front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter of a Markdown text (empty if none) and the text after it."""
    meta: dict = {}
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                loaded = yaml.safe_load(parts[0][3:])
                if isinstance(loaded, dict):
                    meta = loaded
                    text = parts[1].lstrip("-\n")
            except yaml.YAMLError:
                pass
    return meta, text


def read_markdown_text(text: str) -> tuple[list[Block], dict]:
    """Markdown (and Markdown produced from HTML) with optional YAML front matter."""
    meta, text = _front_matter(text)
    blocks: list[Block] = []
    stack: list[str] = []
    para: list[str] = []
    table: list[list[str]] = []

    listed = False

    def flush() -> None:
        nonlocal para, table, listed
        if para:
            blocks.append(Block(text=normalize(plain_markdown(" ".join(para))),
                                heading=heading_path(stack), item=listed))
        para, listed = [], False
        if table:
            block = table_block(table, heading_path(stack))
            if block:
                blocks.append(block)
        table = []

    for line in text.splitlines():
        stripped = re.sub(r"^(>\s?)+", "", line.strip()).strip()  # a quote is read as text
        m = MD_HEADING.match(stripped)
        if m:
            flush()
            title = normalize(plain_markdown(m.group(2)))
            push_heading(stack, len(m.group(1)), title)
            if not meta.get("title") and len(m.group(1)) == 1:
                meta.setdefault("_first_heading", title)
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            if para:
                flush()
            cells = [plain_markdown(c.strip()) for c in stripped.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                table.append(cells)
            continue
        if not stripped:
            flush()
            continue
        if table:
            flush()
        if re.match(r"^([-*+]|\d+\.)\s+", stripped):
            flush()  # a list item stands alone, with the lines it wraps onto
            para, listed = [re.sub(r"^([-*+]|\d+\.)\s+", "", stripped)], True
            continue
        para.append(stripped)
    flush()
    return [b for b in blocks if b.text], meta


def read_txt(data: bytes | str) -> list[Block]:
    """Plain text: paragraphs at blank lines; page furniture (repeated lines, cookie
    banners, a saved web page's menus, link lines, source addresses and photo captions:
    ``webtext``) removed; short unpunctuated lines before a paragraph become headings."""
    text = (data if isinstance(data, str) else decode_text(data)).replace("\r\n", "\n")
    lines = strip_furniture([normalize(ln) for ln in text.split("\n")])
    cleaned: list[str] = []
    last_nonempty = ""
    for ln in lines:
        if ln and ln == last_nonempty:
            continue  # "Bochum\n\nBochum": a heading printed twice by the web page
        if ln and COOKIE.search(ln) and len(ln) < 400:
            continue
        cleaned.append(ln)
        if ln:
            last_nonempty = ln
    blocks: list[Block] = []
    heading = ""
    for para in re.split(r"\n\s*\n", "\n".join(cleaned)):
        para_lines = [p for p in para.split("\n") if p.strip()]
        if not para_lines:
            continue
        if len(para_lines) == 1 and _headline(para_lines[0]):
            heading = para_lines[0].strip()  # "2. Schritt", "Bochum"
            continue
        for title, part in _sections(para_lines):
            heading = title or heading
            blocks.extend(Block(text=item, heading=heading, item=bullet)  # list items apart
                          for item, bullet in _items(part) if part)
    return blocks


_ENDS = (".", "?", "!", ":")


def _headline(line: str) -> bool:
    """Short, no list item, no end punctuation: a line that can be a heading."""
    return len(line) < 80 and not _ITEM.match(line) and not line.strip().endswith(_ENDS)


def _sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    """A block of lines split at the headings inside it: a web page saved as text often has
    no blank line under a heading ("Schulische Erstberatung" + "Für alle … wird."). A short
    line without end punctuation is one when a full sentence follows it and the line
    before it (if any) ended one; a line wrapped from the sentence before it is not."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    for i, line in enumerate(lines):
        text = line.strip()
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        heading = (_headline(line) and not text.endswith((",", ";", "-", "–"))
                   and after.endswith((".", "?", "!")) and after[:1].isupper()
                   and (i == 0 or lines[i - 1].strip().endswith(_ENDS)))
        if heading:
            parts.append((text, []))
        else:
            parts[-1][1].append(line)
    return [p for p in parts if p[0] or p[1]]


_ITEM = re.compile(r"^\s*([•·*▪◦–-]|\d{1,2}[.)](?=\s+\S+\s))\s+")


def _items(lines: list[str]) -> list[tuple[str, bool]]:
    """The paragraphs or list items of a block of lines: a bullet or number starts an item,
    so does the line after a short one, unless that one visibly goes on ("… für uns," +
    "dass …"); a line wrapped from a full one goes on with it."""
    width = max(len(ln.strip()) for ln in lines)
    items: list[list] = []
    previous = ""
    for line in lines:
        bullet = _ITEM.match(line)
        text = (line[bullet.end():] if bullet else line).strip()
        goes_on = previous.endswith((",", "-", "–")) or text[:1].islower()
        if not items or bullet or (len(previous) < 0.7 * width and not goes_on):
            items.append([text, bool(bullet)])
        else:
            items[-1][0] = f"{items[-1][0]} {text}"
        previous = line.strip()
    return [(text, bullet) for text, bullet in items if text]
