"""DOCX and XLSX readers on the standard library (zipfile + ElementTree), no Office packages."""

from __future__ import annotations

import posixpath
import re
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree as ET

from kb.errors import IngestError
from kb.types import RawDocument

from .emit import Blocks, Cell
from .zipxml import SafeZip, attr, child, int_attr, local

# --------------------------------------------------------------------------- DOCX

# Run-level subtrees that hold no visible text of the paragraph: properties, deleted or
# moved-away text, field codes, and the Fallback copy of AlternateContent (the Choice
# branch holds the same content, so reading both would double it).
_DOCX_SKIP = {"pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "Fallback"}


def read_docx(path: Path) -> RawDocument:
    """Read a .docx: body paragraphs as lines and tables as rows, in body order."""
    out = Blocks()
    with SafeZip(path, "DOCX") as z:
        main = _main_part(z)
        if main not in z.names:
            raise IngestError(path, "ingest.docx_not")
        body = child(z.xml(main), "body")
        if body is None:
            raise IngestError(path, "ingest.docx_no_body", name=main)
        try:
            _docx_children(body, out)
        except RecursionError as exc:  # nesting deeper than any real document
            raise IngestError(path, "ingest.too_deep", kind="DOCX", name=main) from exc
    if not out.blocks:
        raise IngestError(path, "ingest.body_no_text", kind="DOCX")
    return RawDocument(str(path), "docx", out.blocks, None, None)


def _main_part(z: SafeZip) -> str:
    """The main document part named by the package relationships (word/document.xml)."""
    if "_rels/.rels" in z.names:
        for rel in z.xml("_rels/.rels"):
            if attr(rel, "Type").endswith("/officeDocument"):
                return attr(rel, "Target").lstrip("/")
    return "word/document.xml"


def _docx_children(el: ET.Element, out: Blocks) -> None:
    """Block-level content: paragraphs, tables, and the containers that wrap them."""
    for kid in el:
        name = local(kid.tag)
        if name == "p":
            _docx_paragraph(kid, out)
        elif name == "tbl":
            _docx_table(kid, out)
        elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
            _docx_children(kid, out)


def _docx_paragraph(p: ET.Element, out: Blocks) -> None:
    buf: list[str] = []
    boxes: list[ET.Element] = []

    def walk(el: ET.Element) -> None:
        for kid in el:
            name = local(kid.tag)
            if name == "t":
                buf.append(kid.text or "")
            elif name == "tab":
                buf.append(" ")
            elif name in ("br", "cr"):
                buf.append("\n")
            elif name == "noBreakHyphen":
                buf.append("-")
            elif name == "txbxContent":
                boxes.append(kid)  # a text box's paragraphs follow the anchoring paragraph
            elif name not in _DOCX_SKIP:
                walk(kid)

    walk(p)
    out.text("".join(buf))
    for box in boxes:
        _docx_children(box, out)


def _docx_table(tbl: ET.Element, out: Blocks) -> None:
    """Rows and cells in grid order; gridSpan widens a cell, vMerge continuations are blank."""
    cells: list[Cell] = []
    for r, tr in enumerate(_docx_kids(tbl, "tr")):
        col = int_attr(_find(tr, "trPr", "gridBefore"), "val", 0)
        for tc in _docx_kids(tr, "tc"):
            sub = Blocks()
            _docx_children(tc, sub)
            cells.append((r, col, sub))
            col += max(1, int_attr(_find(tc, "tcPr", "gridSpan"), "val", 1))
    out.table(cells)


def _docx_kids(el: ET.Element, tag: str) -> list[ET.Element]:
    """Child elements named tag (tr, tc), looking through content-control wrappers."""
    found = []
    for kid in el:
        name = local(kid.tag)
        if name == tag:
            found.append(kid)
        elif name in ("sdt", "sdtContent", "customXml"):
            found.extend(_docx_kids(kid, tag))
    return found


def _find(el: ET.Element, *names: str) -> ET.Element | None:
    """Follow a path of direct children by local name."""
    cur: ET.Element | None = el
    for name in names:
        cur = child(cur, name) if cur is not None else None
    return cur


# --------------------------------------------------------------------------- XLSX

_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
# Built-in number formats that show dates (14-22 everywhere, 27-36 and 50-58 in the
# Korean/CJK locales, where 2019-09-30 is often shown as 2019년 9월 30일).
_DATE_FORMATS = set(range(14, 23)) | set(range(27, 37)) | set(range(50, 59))
_PERCENT_FORMATS = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def read_xlsx(path: Path) -> RawDocument:
    """Read a .xlsx: each sheet with content becomes its name as a line, then one table."""
    out = Blocks()
    with SafeZip(path, "XLSX") as z:
        if "xl/workbook.xml" not in z.names:
            raise IngestError(path, "ingest.xlsx_not")
        book = z.xml("xl/workbook.xml")
        epoch = datetime(1899, 12, 30)
        pr = next((e for e in book.iter() if local(e.tag) == "workbookPr"), None)
        if pr is not None and attr(pr, "date1904") in ("1", "true"):
            epoch = datetime(1904, 1, 1)
        targets = _sheet_targets(z)
        shared = _shared_strings(z)
        styles = _styles(z)
        for sheet in (e for e in book.iter() if local(e.tag) == "sheet"):
            target = targets.get(attr(sheet, "id"))
            if target is None or target not in z.names:
                continue
            cells = _sheet_cells(z, target, shared, styles, epoch)
            if any(t for _r, _c, t in cells):
                out.text(attr(sheet, "name"))
                out.table(cells, layout=False)  # a sheet is data, never a layout frame
    if not out.blocks:
        raise IngestError(path, "ingest.xlsx_no_cells")
    return RawDocument(str(path), "xlsx", out.blocks, None, None)


def _sheet_targets(z: SafeZip) -> dict[str, str]:
    """Relationship id -> sheet part path."""
    rels = "xl/_rels/workbook.xml.rels"
    if rels not in z.names:
        return {}
    found = {}
    for rel in z.xml(rels):
        target = attr(rel, "Target")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join("xl", target))
        found[attr(rel, "Id")] = target
    return found


def _shared_strings(z: SafeZip) -> list[str]:
    if "xl/sharedStrings.xml" not in z.names:
        return []
    return [_rich_text(si) for si in z.xml("xl/sharedStrings.xml") if local(si.tag) == "si"]


def _rich_text(el: ET.Element) -> str:
    """Text of a string item, without the phonetic (furigana) runs.

    Runs (`r`) hold their text directly; they never nest in a real workbook, so nested ones
    are ignored rather than followed (a bomb nests 100,000 deep).
    """
    parts: list[str] = []
    for kid in el:
        name = local(kid.tag)
        if name == "t":
            parts.append(kid.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in kid if local(t.tag) == "t")
    return "".join(parts)


def _styles(z: SafeZip) -> list[str]:
    """Per cell style index: "date", "percent" or "" (plain number)."""
    if "xl/styles.xml" not in z.names:
        return []
    root = z.xml("xl/styles.xml")
    custom = {
        int_attr(f, "numFmtId", -1): attr(f, "formatCode")
        for f in root.iter()
        if local(f.tag) == "numFmt"
    }
    xfs = child(root, "cellXfs")
    kinds = []
    for xf in list(xfs) if xfs is not None else []:
        fid = int_attr(xf, "numFmtId", 0)
        code = _QUOTED.sub("", custom.get(fid, "")).lower()
        if fid in _DATE_FORMATS or (code and code != "general" and re.search(r"[yd]", code)):
            kinds.append("date")
        elif fid in _PERCENT_FORMATS or "%" in code:
            kinds.append("percent")
        else:
            kinds.append("")
    return kinds


def _sheet_cells(
    z: SafeZip, part: str, shared: list[str], styles: list[str], epoch: datetime
) -> list[Cell]:
    """Every non-empty cell of a sheet, streamed so a big sheet is not held twice."""
    cells: list[Cell] = []
    row_no, next_col = 0, 0
    try:
        for event, el in ET.iterparse(BytesIO(z.xml_bytes(part)), events=("start", "end")):
            name = local(el.tag)
            if name == "row":
                if event == "start":
                    row_no, next_col = int_attr(el, "r", row_no + 1), 0
                else:
                    el.clear()  # its cells are read; drop them to keep memory flat
            elif name == "c" and event == "end":
                m = _REF.match(attr(el, "r"))
                row, col = (int(m.group(2)), _col_index(m.group(1))) if m else (row_no, next_col)
                next_col = col + 1
                text = _cell_value(el, shared, styles, epoch)
                if text:
                    cells.append((row, col, text))
    except (ET.ParseError, LookupError) as exc:  # LookupError: unknown declared encoding
        raise IngestError(z.path, "ingest.xml_damaged", name=part, detail=str(exc)) from exc
    return cells


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell_value(c: ET.Element, shared: list[str], styles: list[str], epoch: datetime) -> str:
    kind = attr(c, "t", "n")
    v = child(c, "v")
    raw = (v.text or "") if v is not None else ""
    if kind == "s":
        try:
            return shared[int(raw)]
        except (ValueError, IndexError):
            return ""
    if kind == "inlineStr":
        box = child(c, "is")
        return _rich_text(box) if box is not None else ""
    if kind == "b":
        return "TRUE" if raw == "1" else "FALSE"
    if kind in ("str", "e", "d") or not raw:
        return raw
    try:
        num = float(raw)
    except ValueError:
        return raw
    style = int_attr(c, "s", 0)
    look = styles[style] if 0 <= style < len(styles) else ""
    if look == "date" and 0 <= num < 2_958_466:  # up to 9999-12-31
        when = epoch + timedelta(seconds=round(num * 86400))  # 13:45 stays 13:45, not 13:44
        return when.strftime("%Y-%m-%d %H:%M" if num % 1 else "%Y-%m-%d")
    if look == "percent":
        return f"{num * 100:.15g}%"
    # 15 significant digits: what Excel shows, without binary noise (0.1+0.2 -> 0.3).
    return f"{num:.15g}"
