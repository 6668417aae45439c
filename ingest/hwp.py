"""HWP 5.x reader: body text and tables from the BodyText/Section* streams of the OLE file.

Written from Hancom's published format description (한글 문서 파일 형식 5.0), not from any
other implementation. A section stream is a flat list of records (32-bit header: tag 10
bits, level 10 bits, size 12 bits, 0xFFF meaning a 32-bit size follows); the level makes
it a tree: paragraphs at the top, their text and controls (tables, notes, drawings) below.
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kb.errors import IngestError
from kb.types import RawDocument

from .emit import Blocks, Cell
from .zipxml import OLE_MAGIC

if TYPE_CHECKING:
    from olefile import OleFileIO

TAG_PARA_HEADER = 0x10 + 50
TAG_PARA_TEXT = 0x10 + 51
TAG_PARA_CHAR_SHAPE = 0x10 + 52
TAG_CHAR_SHAPE = 0x10 + 5  # in DocInfo
TAG_CTRL_HEADER = 0x10 + 55
TAG_LIST_HEADER = 0x10 + 56
TAG_TABLE = 0x10 + 61

# FileHeader property bits (offset 36).
_COMPRESSED, _PASSWORD, _DISTRIBUTION, _DRM, _PUBKEY, _CERT_DRM = 1, 2, 4, 16, 256, 1024
_LOCKS = [
    (
        _PASSWORD,
        "password-protected HWP: the body is encrypted; open it in 한글 and save "
        "a copy without the password",
    ),
    (
        _DISTRIBUTION,
        "distribution-locked HWP (배포용 문서): the body is encrypted; ask for "
        "the original, or save an unlocked copy from 한글",
    ),
    (_DRM, "DRM-protected HWP: the body is encrypted"),
    (_PUBKEY, "HWP encrypted with a public key: the body cannot be read"),
    (_CERT_DRM, "certificate-DRM HWP: the body is encrypted"),
]

MAX_SECTION = 200 * 1024 * 1024  # inflated size of one section stream (a bomb guard)

# PARA_TEXT control characters (code units 0-31). "Extended" ones stand for an object
# (table, note, drawing …) that has its own CTRL_HEADER record; inline ones carry data in
# place. Both kinds occupy 8 code units; the rest are a single unit.
_EXTENDED = {1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23}
_INLINE = {4, 5, 6, 7, 8, 9, 19, 20}
_SINGLE = {10: "\n", 24: "-", 30: " ", 31: " "}  # line break, hyphen, fixed spaces

_SKIPPED_CTRLS = {"head", "foot"}  # page headers/footers repeat on every page: not body text
_NOTE_CTRLS = {"fn  ", "en  "}  # footnotes/endnotes: read, placed after their paragraph


class _Damaged(Exception):
    """The body streams are unreadable; the caller may fall back to the preview text."""


@dataclass(slots=True)
class _Rec:
    tag: int
    level: int
    data: bytes
    children: list[_Rec] = field(default_factory=list)


@dataclass(slots=True)
class _Mark:
    """An extended control in paragraph text, to be matched with its CTRL_HEADER."""

    ctrl_id: str


def read_hwp(path: Path) -> RawDocument:
    """Read an HWP 5.x file: paragraphs as lines, tables as rows, in body order."""
    import olefile

    data = path.read_bytes()
    if not data:
        raise IngestError(path, "empty file")
    if data.startswith(b"PK\x03\x04"):  # an HWPX package saved with the old suffix
        from .hwpx import read_hwpx

        return read_hwpx(path)
    if data.startswith(b"HWP Document File V"):
        raise IngestError(path, "HWP 3.x file (pre-2002 format) is not supported; save as HWP 5")
    if not data.startswith(OLE_MAGIC):
        raise IngestError(path, "not an HWP file (no OLE compound-file header; damaged?)")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and assorted parse errors
        raise IngestError(path, f"damaged HWP (compound file unreadable: {exc})") from exc
    with ole:
        props = _file_header(ole, path)
        try:
            blocks = _body(ole, compressed=bool(props & _COMPRESSED))
            fmt = "hwp"
        except (_Damaged, RecursionError) as exc:  # nesting deeper than any real document
            blocks, fmt = _preview(ole), "hwp-preview"
            if not blocks.blocks:
                raise IngestError(path, f"damaged HWP: {exc}") from exc
    if not blocks.blocks:
        raise IngestError(path, "no text found in the HWP body (only empty paragraphs/tables)")
    return RawDocument(str(path), fmt, blocks.blocks, None, None)


def _file_header(ole: OleFileIO, path: Path) -> int:
    """Check signature, version and lock bits; return the property flags."""
    if not ole.exists("FileHeader"):
        raise IngestError(
            path, "not an HWP file (compound file without FileHeader: .doc/.xls or encrypted?)"
        )
    try:
        head = _stream(ole, "FileHeader")
    except _Damaged as exc:
        raise IngestError(path, f"damaged HWP: {exc}") from exc
    if len(head) < 40 or not head.startswith(b"HWP Document File"):
        raise IngestError(path, "not an HWP file (bad FileHeader signature)")
    version, props = struct.unpack_from("<II", head, 32)
    if version >> 24 != 5:
        raise IngestError(path, f"unsupported HWP version {version >> 24}.{version >> 16 & 0xFF}")
    for bit, reason in _LOCKS:
        if props & bit:
            raise IngestError(path, reason)
    return props


def _section_names(ole: OleFileIO) -> list[str]:
    entries = ole.listdir()
    found = [e for e in entries if len(e) == 2 and e[0] == "BodyText" and e[1][:7] == "Section"]
    found.sort(key=lambda e: int(e[1][7:]) if e[1][7:].isdigit() else 1 << 30)
    return ["/".join(e) for e in found]


def _body(ole: OleFileIO, compressed: bool) -> Blocks:
    names = _section_names(ole)
    if not names:
        raise _Damaged("no BodyText/Section streams")
    sizes = _char_sizes(ole, compressed)
    out = Blocks()
    for name in names:
        raw = _stream(ole, name)
        records = _records(_inflate(raw, name) if compressed else raw, name)
        for node in _tree(records):
            if node.tag == TAG_PARA_HEADER:
                _paragraph(node, out, sizes)
    return out


def _char_sizes(ole: OleFileIO, compressed: bool) -> list[float]:
    """Font size in points of each character shape of DocInfo (base size at byte 42, in
    1/100 pt); empty when DocInfo is missing or unreadable (sizes are only a hint)."""
    try:
        raw = _stream(ole, "DocInfo")
        records = _records(_inflate(raw, "DocInfo") if compressed else raw, "DocInfo")
    except _Damaged:
        return []
    return [
        struct.unpack_from("<i", r.data, 42)[0] / 100 if len(r.data) >= 46 else 0.0
        for r in records
        if r.tag == TAG_CHAR_SHAPE
    ]


def _para_size(node: _Rec, sizes: list[float]) -> float | None:
    """The largest font size used in a paragraph (PARA_CHAR_SHAPE: position, shape id)."""
    shape = next((k for k in node.children if k.tag == TAG_PARA_CHAR_SHAPE), None)
    if shape is None or not sizes:
        return None
    ids = struct.unpack_from(f"<{len(shape.data) // 4}I", shape.data)[1::2]
    found = [sizes[i] for i in ids if i < len(sizes) and sizes[i] > 0]
    return max(found) if found else None


def _stream(ole: OleFileIO, name: str) -> bytes:
    """A stream's bytes; a short read means the file was cut off (olefile only logs that)."""
    try:
        data = ole.openstream(name).read()
        size = ole.get_size(name)
    except Exception as exc:
        raise _Damaged(f"{name} unreadable ({exc})") from exc
    if len(data) < size:
        raise _Damaged(f"{name} is truncated ({len(data)} of {size} bytes; file cut short?)")
    return data


def _inflate(raw: bytes, name: str) -> bytes:
    """Raw-deflate a section stream, refusing output beyond MAX_SECTION."""
    d = zlib.decompressobj(-15)
    try:
        data = d.decompress(raw, MAX_SECTION)
    except zlib.error as exc:
        raise _Damaged(f"{name} does not inflate ({exc})") from exc
    if d.unconsumed_tail:
        raise _Damaged(f"{name} inflates beyond {MAX_SECTION // 2**20} MB (zip bomb?)")
    return data


def _records(data: bytes, name: str) -> list[_Rec]:
    recs: list[_Rec] = []
    pos, n = 0, len(data)
    while pos < n:
        if not any(data[pos : pos + 8]) and not any(data[pos:]):
            break  # zero padding after the last record
        if pos + 4 > n:
            raise _Damaged(f"{name}: truncated record header")
        (head,) = struct.unpack_from("<I", data, pos)
        pos += 4
        tag, level, size = head & 0x3FF, (head >> 10) & 0x3FF, head >> 20
        if size == 0xFFF:
            if pos + 4 > n:
                raise _Damaged(f"{name}: truncated record header")
            (size,) = struct.unpack_from("<I", data, pos)
            pos += 4
        if pos + size > n:
            raise _Damaged(f"{name}: truncated record (tag {tag})")
        recs.append(_Rec(tag, level, data[pos : pos + size]))
        pos += size
    return recs


def _tree(recs: list[_Rec]) -> list[_Rec]:
    """Nest records by level; a record belongs to the nearest shallower one before it."""
    roots: list[_Rec] = []
    stack: list[_Rec] = []
    for rec in recs:
        while stack and stack[-1].level >= rec.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(rec)
        stack.append(rec)
    return roots


def _ctrl_id(rec: _Rec) -> str:
    # Stored as a little-endian u32 made of four ASCII letters, so the bytes read backwards.
    return rec.data[:4][::-1].decode("latin-1")


def _para_text(data: bytes) -> list[str | _Mark]:
    """Paragraph text as strings and control marks, control characters removed."""
    units = array("H")
    units.frombytes(data[: len(data) // 2 * 2])
    if sys.byteorder == "big":
        units.byteswap()  # big-endian host: code units are little-endian on disk
    out: list[str | _Mark] = []
    i = start = 0
    n = len(units)
    while i < n:
        u = units[i]
        if u >= 32:
            i += 1
            continue
        if start < i:
            out.append(data[2 * start : 2 * i].decode("utf-16-le", "replace"))
        if u in _EXTENDED:
            out.append(_Mark(data[2 * i + 2 : 2 * i + 6][::-1].decode("latin-1")))
            i += 8
        elif u in _INLINE:
            if u == 9:
                out.append(" ")  # tab
            i += 8
        else:
            out.append(_SINGLE.get(u, ""))
            i += 1
        start = i
    if start < n:
        out.append(data[2 * start : 2 * n].decode("utf-16-le", "replace"))
    return out


def _paragraphs_in(node: _Rec) -> list[_Rec]:
    """Paragraph records anywhere below a control (text boxes, notes, grouped shapes)."""
    found: list[_Rec] = []
    for kid in node.children:
        if kid.tag == TAG_PARA_HEADER:
            found.append(kid)
        else:
            found.extend(_paragraphs_in(kid))
    return found


def _paragraph(node: _Rec, out: Blocks, sizes: list[float]) -> None:
    """One paragraph: its text, split around its tables and drawings, then its notes."""
    text = next((k for k in node.children if k.tag == TAG_PARA_TEXT), None)
    ctrls = [k for k in node.children if k.tag == TAG_CTRL_HEADER]
    pieces = _para_text(text.data) if text is not None else []
    buf: list[str] = []
    notes = Blocks()

    size = _para_size(node, sizes)

    def flush() -> None:
        out.text("".join(buf), size)
        buf.clear()

    def control(ctrl: _Rec) -> None:
        cid = _ctrl_id(ctrl)
        if cid == "tbl ":
            flush()
            _table(ctrl, out, sizes)
        elif cid == "atno" and len(ctrl.data) >= 10:
            buf.append(str(struct.unpack_from("<H", ctrl.data, 8)[0]))
        elif cid in _NOTE_CTRLS:
            for para in _paragraphs_in(ctrl):
                _paragraph(para, notes, sizes)
        elif cid == "gso ":  # drawing object: only text boxes and captions carry text
            flush()
            for para in _paragraphs_in(ctrl):
                _paragraph(para, out, sizes)
        # Others (section/column definitions, headers/footers, fields, hidden comments,
        # equations, bookmarks, page numbers …) are layout or metadata, not body text.

    for piece in pieces:
        if isinstance(piece, str):
            buf.append(piece)
            continue
        # Controls appear in the text in the same order as their CTRL_HEADER records.
        k = next((j for j, c in enumerate(ctrls) if _ctrl_id(c) == piece.ctrl_id), None)
        if k is not None:
            control(ctrls.pop(k))
    for ctrl in ctrls:  # controls the text did not mention: keep their content anyway
        if _ctrl_id(ctrl) not in _SKIPPED_CTRLS:
            control(ctrl)
    flush()
    out.extend(notes)


def _table(ctrl: _Rec, out: Blocks, sizes: list[float]) -> None:
    """A table control: caption lines, then the cells placed by their row/column address."""
    caption: list[_Rec] = []
    cells: list[tuple[_Rec, list[_Rec]]] = []
    seen_table = False
    for kid in ctrl.children:
        if kid.tag == TAG_TABLE:
            seen_table = True
        elif kid.tag == TAG_LIST_HEADER:
            if seen_table:
                cells.append((kid, []))
            else:
                caption = []  # the caption's list comes before the TABLE record
        elif kid.tag == TAG_PARA_HEADER:
            if seen_table and cells:
                cells[-1][1].append(kid)
            elif not seen_table:
                caption.append(kid)
    for para in caption:
        _paragraph(para, out, sizes)
    placed: list[Cell] = []
    for k, (head, paras) in enumerate(cells):
        sub = Blocks()
        for para in paras:
            _paragraph(para, sub, sizes)
        if len(head.data) >= 12:
            # After paragraph count (u16), a spare u16 and flags (u32): column, row (u16 each).
            col, row = struct.unpack_from("<HH", head.data, 8)
        else:
            row, col = k, 0
        placed.append((row, col, sub))
    out.table(placed)


_PREVIEW_CELL = re.compile(r"<([^<>]*)>")


def _preview(ole: OleFileIO) -> Blocks:
    """Last resort: the PrvText stream (the first page or so as plain text, no tables)."""
    out = Blocks()
    try:
        raw = _stream(ole, "PrvText")
    except _Damaged:
        return out
    text = raw[: len(raw) // 2 * 2].decode("utf-16-le", "replace").replace("\r\n", "\n")
    out.text(_PREVIEW_CELL.sub(r" \1 ", text))  # the preview writes table cells as <cell>
    return out
