"""OpenDocument files (LibreOffice/OpenOffice) as odfdo reads them: opening one (text and
spreadsheets, ``office`` and ``sheets``), and the bold type, text and notes of a text
document's paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import DocumentError
from assistant.text import normalize


def open_odf(path: Path, kind: str):
    """The odfdo document of an ODT or ODS file; a DocumentError naming ``kind`` if broken."""
    try:
        import odfdo

        return odfdo.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - odfdo raises several types on broken files
        raise DocumentError(
            f"beschädigt oder kein gültiges OpenDocument ({kind}) – bitte in LibreOffice "
            "öffnen und neu speichern."
        ) from exc


def odf_bold_style(doc, family: str, name: str | None) -> bool | None:
    """fo:font-weight of an ODF style or the styles it inherits from (None: not set)."""
    seen = 0
    while name and seen < 10:
        style = doc.get_style(family, name)
        if style is None:
            return None
        weight = (style.get_properties(area="text") or {}).get("fo:font-weight")
        if weight:
            return weight == "bold" or weight.isdigit() and int(weight) >= 600
        name, seen = style.parent_style, seen + 1
    return None


def odf_bold(doc, paragraph) -> bool:
    """Whether all text of an ODF paragraph is bold, by its style or by its spans'."""
    if odf_bold_style(doc, "paragraph", paragraph.style):
        return True
    bold = "".join(s.inner_text for s in paragraph.get_spans()
                   if odf_bold_style(doc, "text", s.style))
    return bool(bold.strip()) and re.sub(r"\s+", "", bold) == re.sub(
        r"\s+", "", paragraph.inner_text)


def odf_text_and_notes(paragraph) -> tuple[str, list[str]]:
    """A paragraph's text without its footnotes and endnotes, and the notes' texts: the
    note sits inside the sentence, where "1.240" + citation "1" + body would read
    "1.2401. Quelle: …"."""
    notes = paragraph.get_elements("descendant::text:note")
    if not notes:
        return normalize(paragraph.inner_text), []
    bodies = [normalize(note.note_body or "") for note in notes]
    bare = paragraph.clone
    for note in bare.get_elements("descendant::text:note"):
        note.delete(keep_tail=True)
    return normalize(bare.inner_text), [b for b in bodies if b]
