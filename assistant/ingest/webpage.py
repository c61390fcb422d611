"""Web pages (HTML): the main content only, as Markdown from trafilatura, with the page's
own headings where the extraction dropped them."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace

from assistant.errors import DocumentError
from assistant.ingest.formats import (
    COOKIE,
    MD_HEADING,
    decode_text,
    heading_path,
    push_heading,
    read_markdown_text,
)
from assistant.text import normalize
from assistant.types import Block


def _headings_from_html(html: str, blocks: list[Block], extracted: str) -> list[Block]:
    """Section paths from the page's own h1–h6 where the main-content extraction dropped
    them (trafilatura drops headings wrapped in a "titlepage" box, as DocBook writes them):
    each block stands under the headings that come before its text in the page."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html.encode("utf-8"),
                                    parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return blocks
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    heads = []
    for el in list(root.iter("h1", "h2", "h3", "h4", "h5", "h6")):
        title = normalize(el.text_content())
        if title:
            heads.append((int(el.tag[1]), title))
            for child in list(el):
                el.remove(child)
            el.text = f"\ue000{len(heads) - 1}\ue001"  # a mark no text contains
    kept = sum(1 for ln in extracted.splitlines() if MD_HEADING.match(ln.strip()))
    if len(heads) < 2 or kept >= len(heads) / 2:
        return blocks  # the extraction kept the page's headings
    flat = "".join(root.text_content().split())
    marks = [(m.start(), int(m.group(1))) for m in re.finditer("\ue000(\\d+)\ue001", flat)]
    out, at, path = [], 0, ""
    for block in blocks:
        key = "".join(block.text.split())[:40]
        found = flat.find(key, at) if key else -1
        if found >= 0:
            at = found
            stack: list[str] = []
            for pos, i in marks:
                if pos > found:
                    break
                push_heading(stack, heads[i][0], heads[i][1])
            path = heading_path(stack)
        out.append(replace(block, heading=path) if path else block)
    return out


def read_html(data: bytes | str) -> tuple[list[Block], dict]:
    """Main content only: trafilatura removes navigation, footers and cookie banners."""
    import trafilatura

    html = data if isinstance(data, str) else decode_text(data)
    extracted = trafilatura.extract(
        html, output_format="markdown", include_tables=True, include_links=False,
        include_comments=False, favor_recall=True, with_metadata=False,
    )
    if not extracted or not extracted.strip():
        raise DocumentError(
            "keine Inhalte gefunden (nur Navigation oder leere Seite) – bitte die Seite "
            "als PDF oder Text speichern."
        )
    blocks, meta = read_markdown_text(extracted)
    blocks = [b for b in blocks if not (COOKIE.search(b.text) and len(b.text) < 300)]
    blocks = _headings_from_html(html, blocks, extracted)
    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if title and normalize(title.group(1)):
        meta["title"] = normalize(html_lib.unescape(title.group(1)))
    else:
        doc_meta = trafilatura.extract_metadata(html)
        if doc_meta is not None and doc_meta.title:
            meta["title"] = doc_meta.title
    return blocks, meta
