"""Section-aware chunking: text runs per section, tables as their own chunks with headers."""

from __future__ import annotations

import re
from dataclasses import replace

from kb.types import Block, Chunk, Section, Table

from .structure import Outline
from .tables import (
    column_labels,
    header_row_count,
    is_numeric_cell,
    is_unit_line,
    parse_as_of,
    parse_unit,
)

_ITEM = re.compile(r"^\s*([-–·•▪◆○]|\d+\))\s*")


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|(?<=다\.)\s*")
_AS_OF_NOTE = re.compile(r"^\s*[\(（][^()（）]*기준\s*[\)）]\s*$")


def split_long(block: Block, limit: int) -> list[Block]:
    """The block itself, or pieces of at most ~limit characters cut at sentence ends."""
    text = block.text
    if block.kind != "text" or len(text) <= limit:
        return [block]
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    pieces: list[str] = []
    for sentence in sentences:
        while len(sentence) > limit:  # no sentence end in sight: cut at the last space
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].lstrip()
        if pieces and len(pieces[-1]) + len(sentence) + 1 <= limit:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return [Block("text", p, block.line, block.page) for p in pieces]


def _kind(lines: list[str]) -> str:
    content = [ln for ln in lines if ln.strip()]
    items = sum(1 for ln in content if _ITEM.match(ln))
    return "list" if content and items * 2 >= len(content) else "text"


def _bare(line: str) -> str:
    return re.sub(r"^[\s\-–·•○□■◆※]+", "", line).strip()


def build_chunks(
    blocks: list[Block], outline: Outline, chunk_chars: int = 700
) -> tuple[list[Chunk], list[Table]]:
    """Chunks (text, list and table) and table records for one document."""
    sections = outline.sections
    chunks: list[Chunk] = []
    tables: list[Table] = []
    buf: list[Block] = []
    buf_section: int | None = None
    consumed: set[int] = set()  # unit lines folded into the following table

    def path_of(sid: int | None) -> str:
        return sections[sid].path if sid is not None else ""

    def within(child: int | None, parent: int | None) -> bool:
        """True when section child is parent or lies under it."""
        if parent is None or child is None:
            return child == parent
        return child == parent or path_of(child).startswith(path_of(parent) + " > ")

    def flush(next_sid: int | None = None, keep_headings: bool = True) -> list[Block]:
        """Write the buffer as a chunk; headings with no content yet are handed back, so a
        chunk opens with the headings above it (`4. 데이터의 가명처리` / `가. 개정 이유`)."""
        nonlocal buf
        lines = [b.text for b in buf]
        content = [b for b, h in zip(buf, heads, strict=True) if not h and b.text.strip()]
        carried: list[Block] = []
        if not content and keep_headings and within(next_sid, buf_section):
            carried = [b for b, h in zip(buf, heads, strict=True) if h and b.text.strip()]
        if not content and not carried:
            # Headings with nothing under them (`□ 참석자: 마을활동가 10명`, an item list
            # that the document details later) are text too: indexed, joined below.
            content = [b for b in buf if b.text.strip()]
            if content:
                bare.add(len(chunks))
        if content:
            text = "\n".join(ln for ln in lines if ln.strip())
            # A block may hold several lines (a paragraph read from HWP or DOCX): each keeps
            # its block's place.
            text_lines = [b.line for b in buf if b.text.strip() for _ in b.text.split("\n")]
            chunks.append(
                Chunk(
                    len(chunks),
                    text,
                    buf_section,
                    path_of(buf_section),
                    _kind(lines),  # type: ignore[arg-type]
                    buf[0].line,
                    buf[-1].line,
                    buf[0].page,
                    text_lines=text_lines,
                )
            )
        buf = []
        heads.clear()
        return carried

    heads: list[bool] = []
    bare: set[int] = set()  # ordinals of chunks made of headings only
    for i, block in enumerate(blocks):
        sid = outline.block_section[i]
        if i in consumed:
            continue
        if block.kind == "table":
            lead = [b.text for b in flush(sid)]
            _table_chunks(blocks, i, sid, sections, chunks, tables, chunk_chars, lead)
            continue
        if block.kind == "text" and is_unit_line(block.text):
            nxt = next(
                (
                    j
                    for j in range(i + 1, min(i + 4, len(blocks)))
                    if blocks[j].kind == "table" or blocks[j].text.strip()
                ),
                None,
            )
            if nxt is not None and blocks[nxt].kind == "table":
                continue  # read again by _table_chunks
        # A paragraph longer than a chunk (common in HWP/DOCX) is cut at sentence ends.
        for piece in split_long(block, chunk_chars):
            size = sum(len(b.text) + 1 for b in buf)
            if (
                sid != buf_section
                or outline.is_heading[i]
                and buf
                and not heads[-1]
                or (size + len(piece.text) > chunk_chars and any(not h for h in heads))
            ):
                carried = flush(sid)
                buf_section = sid
                buf.extend(carried)
                heads.extend([True] * len(carried))
            if not piece.text.strip() and not buf:
                continue
            buf.append(piece)
            heads.append(outline.is_heading[i])
    flush()
    return _merge_small(_join_bare(chunks, bare, sections), sections, chunk_chars), tables


def _join_bare(chunks: list[Chunk], bare: set[int], sections: list[Section]) -> list[Chunk]:
    """Runs of heading-only chunks (`① 마을활동가 성장교육` / `② 청년마을활동가 성장교육`)
    joined into one, placed in the section the headings share: a list of items, which then
    opens the passage that follows it instead of winning searches alone."""
    out: list[Chunk] = []
    last_bare = False
    for c in chunks:
        is_bare = c.ordinal in bare
        if is_bare and last_bare:
            a, b = out[-1].section_id, c.section_id
            sid = _common(a, b, sections)
            near = {a, b} | {sections[x].parent for x in (a, b) if x is not None}
            # Only siblings or a heading and its own item: a run that crosses parts is two.
            if sid in near:
                path = sections[sid].path if sid is not None else ""
                out[-1] = replace(_joined(out[-1], c, out[-1]), section_id=sid, section_path=path)
                continue
        out.append(c)
        last_bare = is_bare
    return out


def _common(a: int | None, b: int | None, sections: list[Section]) -> int | None:
    """The nearest section holding both a and b (None: the document itself)."""
    seen = set()
    while a is not None:
        seen.add(a)
        a = sections[a].parent
    while b is not None and b not in seen:
        b = sections[b].parent
    return b


# A passage shorter than this is a note or a bare heading: alone it wins searches it cannot
# answer (BM25 favours short texts), so it joins its neighbour in the same part.
MIN_CHUNK = 80


def _merge_small(chunks: list[Chunk], sections: list[Section], limit: int) -> list[Chunk]:
    """Small text chunks joined to the previous chunk of their section, else the next one
    in their section or below it; ordinals renumbered."""

    def path(c: Chunk) -> str:
        return c.section_path

    out: list[Chunk] = []
    pending: Chunk | None = None  # a small chunk waiting to open the next one
    for c in chunks:
        if pending is not None:
            # Into the next part when it lies under the small one, or when the small one
            # opens the document (cover lines and headlines belong with what follows).
            opening = not out
            if opening or path(c) == path(pending) or path(c).startswith(path(pending) + " > "):
                c = _joined(pending, c, c)
            else:
                out.append(pending)
            pending = None
        small = c.kind != "table" and len(c.text) < MIN_CHUNK
        prev = out[-1] if out else None
        if (
            small
            and prev is not None
            and prev.section_id == c.section_id
            and (len(prev.text) + len(c.text) <= limit * 1.3)
        ):
            out[-1] = _joined(prev, c, prev)
            continue
        if small:
            pending = c
            continue
        out.append(c)
    if pending is not None:
        out.append(pending)
    for n, c in enumerate(out):
        c.ordinal = n
    return out


def _joined(first: Chunk, second: Chunk, host: Chunk) -> Chunk:
    """first's text then second's, in host's section and kind (a table stays a table)."""
    text_a, text_b = first.text.split("\n"), second.text.split("\n")
    lines_a = first.text_lines or [first.line_start] * len(text_a)
    lines_b = second.text_lines or [second.line_start] * len(text_b)
    # A table repeats the lines just above it as its caption and headings: when the small
    # chunk ending with them joins the table, they are said once.
    overlap = _overlap(text_a, text_b)
    text_b, lines_b = text_b[overlap:], lines_b[overlap:]
    return Chunk(
        host.ordinal,
        "\n".join(text_a + text_b),
        host.section_id,
        host.section_path,
        host.kind,
        min(first.line_start, second.line_start),
        max(first.line_end, second.line_end),
        first.page if first.page is not None else second.page,
        host.table_id,
        text_lines=[] if first.kind == "table" or second.kind == "table" else lines_a + lines_b,
    )


def _overlap(a: list[str], b: list[str]) -> int:
    """How many lines at the end of a open b as well (compared without outer spaces)."""
    for k in range(min(len(a), len(b)), 0, -1):
        if [x.strip() for x in a[-k:]] == [x.strip() for x in b[:k]]:
            return k
    return 0


def _table_chunks(
    blocks: list[Block],
    i: int,
    sid: int | None,
    sections: list[Section],
    chunks: list[Chunk],
    tables: list[Table],
    chunk_chars: int,
    lead: list[str] | None = None,
) -> None:
    block = blocks[i]
    rows = block.rows or []
    # Unit / caption: look back over the few lines right above the table.
    unit_line, as_of_line, caption = "", "", ""
    for j in range(i - 1, max(i - 5, -1), -1):
        prev = blocks[j]
        if prev.kind == "table":
            break
        t = prev.text.strip()
        if not t:
            continue
        if is_unit_line(t) and not unit_line:
            unit_line = t
            continue
        if _AS_OF_NOTE.match(t) and not as_of_line:
            # "(’19. 9.30. 기준)" on its own line: the table's date, not its caption.
            as_of_line = t
            continue
        caption = re.sub(r"^\s*[-–※○□]\s*", "", t)
        break
    note = ""
    if (
        len(rows) >= 3
        and sum(1 for c in rows[0] if c.strip()) == 1
        and sum(1 for c in rows[1] if c.strip() and not is_numeric_cell(c)) >= 2
    ):
        # A first row that is one note across the table ('☞ 해당사항이 있는 부분에 …')
        # is not its header: the next row is.
        note = next(c for c in rows[0] if c.strip()).strip()
        rows = rows[1:]
        if not caption or caption.startswith(("(", "（")):
            caption = note
    if not caption and sid is not None:
        caption = sections[sid].title
    nhead = header_row_count(rows)
    header, body = rows[:nhead], rows[nhead:]
    columns = column_labels(header)
    table = Table(
        len(tables),
        sid,
        block.line,
        block.page,
        caption,
        parse_unit(unit_line),
        parse_as_of(unit_line) or parse_as_of(as_of_line),
        header,
        body,
        columns,
    )
    tables.append(table)
    notes = [x for x in (unit_line, as_of_line, note if note != caption else "") if x]
    # The headings right above the table open its chunks; the caption once, not twice.
    lead = lead or []
    shown_caption = [] if any(_bare(h) == _bare(caption) for h in lead) else [caption]
    intro = [*lead, *shown_caption, *notes, " | ".join(columns)]
    intro_len = sum(len(x) + 1 for x in intro)
    groups: list[list[list[str]]] = [[]]
    size = intro_len
    for row in body or [[]]:
        line_len = sum(len(c) + 3 for c in row)
        if groups[-1] and size + line_len > chunk_chars:
            groups.append([])
            size = intro_len
        groups[-1].append(row)
        size += line_len
    path = sections[sid].path if sid is not None else ""
    for group in groups:
        text = "\n".join(intro + [" | ".join(r) for r in group if r])
        chunks.append(
            Chunk(
                len(chunks),
                text,
                sid,
                path,
                "table",
                block.line,
                block.line + len(rows),
                block.page,
                table.id,
            )
        )
