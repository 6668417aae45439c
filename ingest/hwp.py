"""HWP 5.x reader: body text and tables from the BodyText/Section* streams of the OLE file.

Written from Hancom's published format description (한글 문서 파일 형식 5.0), not from any
other implementation. A section stream is a flat list of records (32-bit header: tag 10
bits, level 10 bits, size 12 bits, 0xFFF meaning a 32-bit size follows); the level makes
it a tree: paragraphs at the top, their text and controls (tables, notes, drawings) below.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import IngestError
from kb.i18n import Said, said
from kb.types import RawDocument

from .emit import Blocks, Cell
from .hwpx import read_hwpx
from .ole import OleError, OleFile
from .zipxml import OLE_MAGIC

TAG_PARA_HEADER = 0x10 + 50
TAG_PARA_TEXT = 0x10 + 51
TAG_PARA_CHAR_SHAPE = 0x10 + 52
TAG_CHAR_SHAPE = 0x10 + 5  # in DocInfo
TAG_CTRL_HEADER = 0x10 + 55
TAG_LIST_HEADER = 0x10 + 56
TAG_TABLE = 0x10 + 61

# FileHeader property bits (offset 36).
_COMPRESSED, _PASSWORD, _DISTRIBUTION, _DRM, _PUBKEY, _CERT_DRM = 1, 2, 4, 16, 256, 1024
# Each lock bit with the catalogue's reason (kb/i18n/errors.py).
_LOCKS = [
    (_PASSWORD, "ingest.hwp_password"),
    (_DISTRIBUTION, "ingest.hwp_distribution"),
    (_DRM, "ingest.hwp_drm"),
    (_PUBKEY, "ingest.hwp_pubkey"),
    (_CERT_DRM, "ingest.hwp_cert_drm"),
]

# Limits per document (DocInfo and all sections together, so a file cannot multiply them by
# its number of sections). Real documents stay far below: the two largest HWP files of the
# development set (115 and 200 KB) inflate to 0.3-0.4 MB in ~10,000 records, and records
# nest at most 6 levels deep; a thousand-page report is still some 100x under each limit.
MAX_INFLATED = 128 * 1024 * 1024  # bytes inflated (a decompression-bomb guard)
MAX_RECORDS = 1_000_000  # records (each costs ~150 bytes of memory once split)
MAX_LEVEL = 64  # record nesting; also keeps the recursive tree walk far from Python's limit
_TAIL_BLOCK = 1 << 16  # trailing zero padding is measured backwards in blocks of this size

# PARA_TEXT control characters (code units 0-31). "Extended" ones stand for an object
# (table, note, drawing …) that has its own CTRL_HEADER record; inline ones carry data in
# place. Both kinds occupy 8 code units; the rest are a single unit.
_EXTENDED = {1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23}
_INLINE = {4, 5, 6, 7, 8, 9, 19, 20}
_SINGLE = {10: "\n", 24: "-", 30: " ", 31: " "}  # line break, hyphen, fixed spaces

_SKIPPED_CTRLS = {"head", "foot"}  # page headers/footers repeat on every page: not body text
_NOTE_CTRLS = {"fn  ", "en  "}  # footnotes/endnotes: read, placed after their paragraph


class _Said(Exception):
    """An error whose reason, `why`, is the catalogue's (worded where it is shown)."""

    def __init__(self, why: Said) -> None:
        super().__init__(why)
        self.why = why


class _Damaged(_Said):
    """A stream's content is unreadable (the reason says which and why)."""


class _TooLarge(_Said):
    """The document exceeds a limit above; the reason is the whole message."""


@dataclass(slots=True)
class _Budget:
    """What the document may still inflate and split into records, across its streams."""

    inflated: int = MAX_INFLATED
    records: int = MAX_RECORDS


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
    data = path.read_bytes()
    if not data:
        raise IngestError(path, "ingest.empty")
    if data.startswith(b"PK\x03\x04"):  # an HWPX package saved with the old suffix
        return read_hwpx(path)
    if data.startswith(b"HWP Document File V"):
        raise IngestError(path, "ingest.hwp3")
    if not data.startswith(OLE_MAGIC):
        raise IngestError(path, "ingest.hwp_not_ole")
    # No fallback to the PrvText preview (the first page or so): a damaged or cut body is
    # refused rather than stored incomplete as if it were the document.
    try:
        ole = OleFile(data)
        props = _file_header(ole, path)
        blocks = _body(ole, compressed=bool(props & _COMPRESSED), budget=_Budget())
    except _TooLarge as exc:
        raise IngestError(path, exc.why) from exc
    except (OleError, _Damaged) as exc:
        cut = isinstance(exc, OleError) and exc.truncated
        key = "ingest.hwp_truncated" if cut else "ingest.hwp_damaged"
        raise IngestError(path, key, detail=exc.why) from exc
    if not blocks.blocks:
        raise IngestError(path, "ingest.hwp_no_text")
    return RawDocument(str(path), "hwp", blocks.blocks, None, None)


def _file_header(ole: OleFile, path: Path) -> int:
    """Check signature, version and lock bits; return the property flags."""
    if not ole.exists("FileHeader"):
        raise IngestError(path, "ingest.hwp_no_header")
    head = ole.read("FileHeader")
    if len(head) < 40 or not head.startswith(b"HWP Document File"):
        raise IngestError(path, "ingest.hwp_bad_signature")
    version: int
    props: int
    version, props = struct.unpack_from("<II", head, 32)
    if version >> 24 != 5:
        raise IngestError(
            path, "ingest.hwp_version", version=f"{version >> 24}.{version >> 16 & 0xFF}"
        )
    for bit, reason in _LOCKS:
        if props & bit:
            raise IngestError(path, reason)
    return props


def _section_names(ole: OleFile) -> list[str]:
    parts = [p.split("/") for p in ole.streams()]
    found = [e for e in parts if len(e) == 2 and e[0] == "BodyText" and e[1][:7] == "Section"]
    # isdecimal, not isdigit: int() refuses digits such as "²" that isdigit accepts.
    found.sort(key=lambda e: int(e[1][7:]) if e[1][7:].isdecimal() else 1 << 30)
    return ["/".join(e) for e in found]


def _body(ole: OleFile, compressed: bool, budget: _Budget) -> Blocks:
    names = _section_names(ole)
    if not names:
        raise _Damaged(said("hwp.no_sections"))
    sizes = _char_sizes(ole, compressed, budget)
    out = Blocks()
    for name in names:
        for node in _tree(_stream_records(ole, name, compressed, budget)):
            if node.tag == TAG_PARA_HEADER:
                _paragraph(node, out, sizes)
    return out


def _char_sizes(ole: OleFile, compressed: bool, budget: _Budget) -> list[float]:
    """Font size in points of each character shape of DocInfo (base size at byte 42, in
    1/100 pt); empty when DocInfo is missing or damaged (a hint), not when cut or too big."""
    try:
        records = _stream_records(ole, "DocInfo", compressed, budget)
    except (OleError, _Damaged) as exc:
        if isinstance(exc, OleError) and exc.truncated:
            raise
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
    # An array, not a tuple of ints: a hostile 100 MB record would make 25 million objects.
    ids = array("I")
    ids.frombytes(shape.data[: len(shape.data) // 8 * 8])  # (position, shape id) pairs
    if sys.byteorder == "big":
        ids.byteswap()
    n = len(sizes)
    return max((sizes[i] for i in ids[1::2] if i < n and sizes[i] > 0), default=None)


def _stream_records(ole: OleFile, name: str, compressed: bool, budget: _Budget) -> list[_Rec]:
    """A stream's records (inflated first when the document is compressed)."""
    raw = ole.read(name)
    return _records(_inflate(raw, name, budget) if compressed else raw, name, budget)


def _inflate(raw: bytes, name: str, budget: _Budget) -> bytes:
    """Raw-deflate a stream, within what the document may still inflate."""
    if not raw:
        return raw  # an empty stream holds no deflate data to finish
    d = zlib.decompressobj(-15)
    try:
        data = d.decompress(raw, budget.inflated + 1)  # one byte over tells it is too much
    except zlib.error as exc:
        raise _Damaged(said("hwp.no_inflate", name=name, detail=str(exc))) from exc
    if len(data) > budget.inflated:
        raise _TooLarge(said("hwp.inflate_big", limit=MAX_INFLATED // 2**20, name=name))
    if not d.eof:  # every real writer finishes the stream; a short one was cut off
        raise _Damaged(said("hwp.inflate_short", name=name))
    budget.inflated -= len(data)
    return data


def _content_end(data: bytes) -> int:
    """Where trailing zero bytes start: found once per stream, backwards block by block, so
    it costs no more than the padding it skips (and no copy of the whole stream)."""
    end = len(data)
    while end:
        start = max(0, end - _TAIL_BLOCK)
        if kept := len(data[start:end].rstrip(b"\0")):
            return start + kept
        end = start
    return 0


def _records(data: bytes, name: str, budget: _Budget) -> list[_Rec]:
    """Split a stream into records, within the document's record budget."""
    recs: list[_Rec] = []
    pos, n = 0, len(data)
    end = _content_end(data)
    left = budget.records
    while pos < end:  # zero padding after the last record is not read as records
        if len(recs) >= left:
            raise _TooLarge(said("hwp.records_many", limit=f"{MAX_RECORDS:,}", name=name))
        if pos + 4 > n:
            raise _Damaged(said("hwp.record_header", name=name))
        (head,) = struct.unpack_from("<I", data, pos)
        pos += 4
        tag, level, size = head & 0x3FF, (head >> 10) & 0x3FF, head >> 20
        if size == 0xFFF:
            if pos + 4 > n:
                raise _Damaged(said("hwp.record_header", name=name))
            (size,) = struct.unpack_from("<I", data, pos)
            pos += 4
        if pos + size > n:
            raise _Damaged(said("hwp.record_cut", name=name, tag=tag))
        if level > MAX_LEVEL:
            raise _Damaged(said("hwp.record_deep", name=name, level=level, limit=MAX_LEVEL))
        recs.append(_Rec(tag, level, data[pos : pos + size]))
        pos += size
    budget.records -= len(recs)
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

    # Controls appear in the text in the same order as their CTRL_HEADER records: a queue
    # per control id (a search of the list per mark would be quadratic in hostile input).
    queues: dict[str, deque[_Rec]] = {}
    for c in ctrls:
        queues.setdefault(_ctrl_id(c), deque()).append(c)
    for piece in pieces:
        if isinstance(piece, str):
            buf.append(piece)
        elif queue := queues.get(piece.ctrl_id):
            control(queue.popleft())
    unmentioned = {id(c) for queue in queues.values() for c in queue}
    for ctrl in ctrls:  # controls the text did not mention: keep their content anyway
        if id(ctrl) in unmentioned and _ctrl_id(ctrl) not in _SKIPPED_CTRLS:
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
