"""HWPX reader (OWPML, KS X 6101): a zip whose Contents/section*.xml hold the body.

Paragraphs are `p` elements with text in `run/t`; tables are `run/tbl/tr/tc/subList/p`.
Names are matched without their namespace, so the 2011 Hancom and the 2024 OWPML
namespaces both work.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

from kb.errors import IngestError
from kb.types import RawDocument

from .emit import Blocks, Cell
from .zipxml import SafeZip, attr, child, int_attr, local

# Subtrees that are layout, metadata or page furniture rather than body text.
_SKIP = {
    "header",  # page header (repeats on every page)
    "footer",
    "linesegarray",  # line layout cache
    "secPr",
    "colPr",
    "parameters",  # field parameters: hyperlink targets, form-field settings
    "fieldBegin",  # holds parameters, and a memo's text for MEMO fields; shown text follows it
    "script",  # equation script ("a over b"), not prose
    "hiddenComment",
    "memo",
    "dutmal",
}
_NOTES = {"footNote", "endNote"}
_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")


def read_hwpx(path: Path) -> RawDocument:
    """Read an HWPX package: paragraphs as lines, tables as rows, sections in spine order."""
    out = Blocks()
    with SafeZip(path, "HWPX") as z:
        manifest = "META-INF/manifest.xml"
        if manifest in z.names and b"encryption-data" in z.read(manifest):
            raise IngestError(path, "ingest.hwpx_encrypted")
        sections = _sections(z)
        if not sections:
            raise IngestError(path, "ingest.hwpx_not")
        sizes = _char_sizes(z)
        for name in sections:
            try:
                _children(z.xml(name), out, sizes)
            except RecursionError as exc:  # nesting deeper than any real document
                raise IngestError(path, "ingest.too_deep", kind="HWPX", name=name) from exc
    if not out.blocks:
        raise IngestError(path, "ingest.body_no_text", kind="HWPX")
    return RawDocument(str(path), "hwpx", out.blocks, None, None)


def _sections(z: SafeZip) -> list[str]:
    """Section parts in reading order: the package spine if present, else by number."""
    found = sorted(
        (n for n in z.names if _SECTION.match(n)),
        key=lambda n: int(_SECTION.match(n).group(1)),  # type: ignore[union-attr]
    )
    hpf = "Contents/content.hpf"
    if hpf not in z.names:
        return found
    root = z.xml(hpf)
    hrefs = {attr(i, "id"): attr(i, "href") for i in root.iter() if local(i.tag) == "item"}
    spine = [hrefs.get(attr(r, "idref"), "") for r in root.iter() if local(r.tag) == "itemref"]
    ordered = []
    for href in spine:
        name = href if href.startswith("Contents/") else f"Contents/{href}"
        if name in found and name not in ordered:
            ordered.append(name)
    return ordered + [n for n in found if n not in ordered]


def _char_sizes(z: SafeZip) -> dict[str, float]:
    """Font size in points of each character shape (`charPr height` is in 1/100 pt)."""
    header = "Contents/header.xml"
    if header not in z.names:
        return {}
    sizes: dict[str, float] = {}
    for el in z.xml(header).iter():
        if local(el.tag) == "charPr":
            height = int_attr(el, "height", 0)
            if height > 0:
                sizes[attr(el, "id")] = height / 100
    return sizes


def _children(el: ET.Element, out: Blocks, sizes: dict[str, float]) -> None:
    """Paragraphs and tables anywhere under a container element, in document order."""
    for kid in el:
        name = local(kid.tag)
        if name == "p":
            _paragraph(kid, out, sizes)
        elif name == "tbl":
            _table(kid, out, sizes)
        elif name not in _SKIP:
            _children(kid, out, sizes)


def _paragraph(p: ET.Element, out: Blocks, sizes: dict[str, float]) -> None:
    """One paragraph: text runs, split around the tables and text boxes inside it."""
    buf: list[str] = []
    notes = Blocks()
    largest: list[float] = []  # font size of the runs that carry text

    def flush() -> None:
        out.text("".join(buf), max(largest, default=None))
        buf.clear()
        largest.clear()

    def walk(el: ET.Element, size: float | None) -> None:
        for kid in el:
            name = local(kid.tag)
            if name == "run":
                walk(kid, sizes.get(attr(kid, "charPrIDRef")))
            elif name == "t":
                text = _t_text(kid)
                buf.append(text)
                if size is not None and text.strip():
                    largest.append(size)
            elif name == "tbl":
                flush()
                _table(kid, out, sizes)
            elif name == "p":  # a paragraph of a text box or drawing caption
                flush()
                _paragraph(kid, out, sizes)
            elif name == "autoNum":
                buf.append(attr(kid, "num"))
            elif name in _NOTES:
                _children(kid, notes, sizes)
            elif name not in _SKIP:
                walk(kid, size)

    walk(p, None)
    flush()
    out.extend(notes)


def _t_text(t: ET.Element) -> str:
    """A text run with its inline markers (tab, line break, special spaces) resolved."""
    parts = [t.text or ""]
    for kid in t:
        name = local(kid.tag)
        if name == "lineBreak":
            parts.append("\n")
        elif name in ("tab", "nbSpace", "fwSpace"):
            parts.append(" ")
        elif name == "hyphen":
            parts.append("-")
        parts.append(kid.tail or "")
    return "".join(parts)


def _table(tbl: ET.Element, out: Blocks, sizes: dict[str, float]) -> None:
    """Caption lines, then cells placed by cellAddr (row order as a fallback)."""
    caption = child(tbl, "caption")
    if caption is not None:
        _children(caption, out, sizes)
    cells: list[Cell] = []
    rows = [r for r in tbl if local(r.tag) == "tr"]
    for r, tr in enumerate(rows):
        for c, tc in enumerate(x for x in tr if local(x.tag) == "tc"):
            addr = child(tc, "cellAddr")
            row = int_attr(addr, "rowAddr", r)
            col = int_attr(addr, "colAddr", c)
            sub = Blocks()
            for part in tc:
                if local(part.tag) == "subList":
                    _children(part, sub, sizes)
            cells.append((row, col, sub))
    out.table(cells)
