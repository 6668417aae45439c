"""Outline parser: which lines of a document are headings, and how they nest.

A marker family (ingest/markers.py) nests by use: a family already open closes back to its
open heading (a sibling); a family not yet open nests under the current heading, except
Ⅰ./제1장, which always start at the top, and attachments (붙임, 참고 N), which close the
bullets and items above them. Whether a marked line is a heading is decided from the
document, never from the marker alone:

- enumerated lines (1. / 가. / 1) …) that follow each other without content are a list or a
  table of contents, not headings; so are lines with dotted leaders and page numbers;
- a bullet (□ ○ and private-use glyphs) is a heading only when something sits under it;
  dashes and dots are always items;
- a line that reads as a sentence (items listed inline, `②인성 교육, ③진로 교육`; a long
  clause ending `…다.`) is never a heading;
- lines set in a larger type than the body on the cover or front page (a press release's
  headline and sub-headlines) are headings when no marker says otherwise.

The seed report's program lists (`1. Group`, then `① A ② B`, then one ◆ block or a lone
`1` + title per program) open their programs as before.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from kb.lexicon import BARE_HEADINGS, ENCLOSURE_LINE
from kb.types import Block, Section

from .markers import CIRCLED, RANK, Marker, display_marker, is_toc_line, marker_of
from .metadata import is_org_line
from .tables import is_unit_line

LEVEL_ROMAN, LEVEL_NUMBERED, LEVEL_PROGRAM, LEVEL_BOX, LEVEL_ITEM = 1, 2, 3, 4, 5

_LONE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")
_NOTE = re.compile(r"^\s*※\s*(\S.*)$")
_OBJECTIVE = re.compile(r"^\s*(?:[-–]\s*)?◆\s*(\S.*)$")
_CAPTION = re.compile(r"^\s*[<〈《]")
_TOC_TITLE = re.compile(r"^\s*[<〈\[]?\s*(목\s*차|차\s*례|contents)\s*[>〉\]]?\s*$", re.I)
# A bare caption of a table across programs ("2019년도 세부사업별 예산현황", "사업 총괄"):
# met inside the last program of a list, it closes that program instead of joining it.
_ACROSS_PROGRAMS = re.compile(r"사업별|총괄|전체|종합")
_SENTENCE_END = re.compile(r"(?:다|요|음|함|됨|임|니다|습니다)\s*[.。]?\s*$")
_HAS_WORD = re.compile(r"[가-힣A-Za-z]")
_LEADER_TAIL = re.compile(r"(?:[·.…‥ㆍ∙]\s*){2,}\s*\d{0,4}\s*$")
# A cover's date line (`2026. 1. 2.(금)`, `’26. 6. 25.(목)`): when, not a heading.
_DATE_LINE = re.compile(r"^[‘’'`]?\d{2,4}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.?\s*(?:\(.\))?$")
# A cover line wholly in brackets (`(인재양성과)`, `(중간보고서)`): who wrote it or which
# draft, said of the whole document; a heading would parent every part below it.
_QUALIFIER_LINE = re.compile(r"^\s*[(（][^()（）]{1,20}[)）]\s*$")
# A sub-headline set between dashes: `- 명칭공모전에 1만건 이상 응모 -`.
_ENCLOSED = re.compile(r"^\s*[-–]\s*(\S.*?)\s*[-–]\s*$")
MAX_TITLE = 60  # characters of a heading's title; longer lines are text
MAX_ENUM_TITLE = 80


@dataclass(slots=True)
class Outline:
    """Sections plus, for every block, the section it belongs to and whether it is a heading."""

    sections: list[Section] = field(default_factory=list)
    block_section: list[int | None] = field(default_factory=list)
    is_heading: list[bool] = field(default_factory=list)


def reads_as_sentence(title: str) -> bool:
    """A line that lists items inline or ends a long clause: text, not a heading."""
    t = title.strip()
    circled = sum(t.count(c) for c in CIRCLED)
    if circled >= 2 or (circled == 1 and not t.startswith(tuple(CIRCLED))):
        return True
    if re.search(r"[,，]\s*\d{1,2}\.\s*\S", t) or re.search(r"\s[나다라]\.\s", t):
        return True  # "1. A, 2. B" or "가. A 나. B" written in one line
    return len(t) > 20 and bool(_SENTENCE_END.search(t))


def _next_content(blocks: list[Block], i: int) -> Block | None:
    for b in blocks[i + 1 : i + 4]:
        if b.kind == "table" or b.text.strip():
            return b
    return None


# A headline line that cannot end there: a topic or object particle, 및, a number (fdi
# releases: `해외직접투자는` / `141.5억` then `달러로 …`). A comma can: a press release's
# two-line headline sets one phrase a line (msit: `… 한국형발사체,` / `그 이름은 ｢누리｣`).
_OPEN_END = re.compile(r"(?:[가-힣](?:는|은|을|를|의|및)|\d(?:[.,]\d+)?\s*[억만천조]?)\s*$")


def _wraps(first: str, second: str) -> bool:
    """True when `second` continues the headline `first` (a title wrapped over lines)."""
    return bool(_OPEN_END.search(first)) or len(second.strip()) <= 2


def _previous_text(blocks: list[Block], i: int) -> Block | None:
    """The nearest block before i that has text (empty lines skipped)."""
    for b in reversed(blocks[max(0, i - 3) : i]):
        if b.kind == "table":
            return None
        if b.text.strip():
            return b
    return None


def _leads_to_table(blocks: list[Block], i: int) -> bool:
    nxt = _next_content(blocks, i)
    return nxt is not None and (nxt.kind == "table" or is_unit_line(nxt.text))


@dataclass(slots=True)
class _Line:
    marker: Marker | None
    heading: bool = False


def _body_size(blocks: list[Block]) -> float | None:
    sizes = [b.size for b in blocks if b.kind == "text" and b.size and len(b.text) > 30]
    return statistics.median(sizes) if sizes else None


def _toc_region(blocks: list[Block]) -> set[int]:
    """Blocks of a table of contents: the short entries after a 목차 line.

    The entries end at a table, at a long line, or where the first entry comes again (the
    body's own heading); fewer than three entries before the body starts is no table of
    contents at all (a `<목차>` line over the body itself).
    """
    for i, b in enumerate(blocks):
        is_title = b.kind == "text" and _TOC_TITLE.match(b.text)
        in_table = b.kind == "table" and b.rows and any(_TOC_TITLE.match(c) for c in b.rows[0])
        if not (is_title or in_table):
            continue
        entries: list[int] = []
        first: str | None = None
        for j in range(i + 1, min(len(blocks), i + 120)):
            nb = blocks[j]
            if nb.kind == "table" or (
                not is_toc_line(nb.text) and (len(nb.text) > 50 or reads_as_sentence(nb.text))
            ):
                break  # the body has begun
            key = re.sub(r"\s+", "", _LEADER_TAIL.sub("", nb.text))
            if first is None:
                first = key
            elif key == first:
                return set(entries)
            entries.append(j)
        return set(entries) if len(entries) >= 3 else set()
    return set()


def _classify(blocks: list[Block]) -> list[_Line]:
    """Markers of every block, and which marked lines are headings (before nesting)."""
    lines = [_Line(marker_of(b.text) if b.kind == "text" else None) for b in blocks]
    toc = _toc_region(blocks)
    body = _body_size(blocks)
    # Enumerated runs without content between them are lists (or a table of contents).
    listed: set[int] = set()
    i = 0
    while i < len(blocks):
        m = lines[i].marker
        if m is None or m.family not in RANK or m.family in ("circled", "attach") or i in toc:
            i += 1
            continue
        run = [i]
        last = m.ordinal
        j = i + 1
        while j < len(blocks):
            nm = lines[j].marker
            if blocks[j].kind == "text" and not blocks[j].text.strip():
                j += 1
                continue
            # The next item of the same list: its family, the next number (a restart at
            # 1 after a table of contents is the body beginning).
            follows = last is None or nm is None or nm.ordinal is None or nm.ordinal == last + 1
            if nm is not None and nm.family == m.family and follows and j not in toc:
                run.append(j)
                last = nm.ordinal
                j += 1
                continue
            break
        if len(run) >= 3:
            listed.update(run)
        i = max(j, i + 1)
    first_marked = next(
        (i for i, ln in enumerate(lines) if ln.marker and not _ENCLOSED.match(blocks[i].text)),
        len(blocks),
    )
    for i, (block, ln) in enumerate(zip(blocks, lines, strict=True)):
        if block.kind != "text" or i in toc or is_toc_line(block.text):
            continue
        m = ln.marker
        text = block.text.strip()
        if m is not None and _ENCLOSED.match(text):
            m = None  # a sub-headline between dashes is judged by its type size
            ln.marker = None
        if m is None:
            # Larger type than the body before the first marked line: a headline.
            big = body is not None and block.size is not None and block.size >= body + 1.0
            ln.heading = (
                big
                and i < first_marked
                and len(text) <= MAX_TITLE
                and bool(_HAS_WORD.search(text))
                and not reads_as_sentence(text)
                and not _DATE_LINE.match(text)
                and not _QUALIFIER_LINE.match(text)
                and not is_org_line(text)  # the cover's issuer: said of the whole document
            )
            continue
        title = m.title
        if not _HAS_WORD.search(title) or reads_as_sentence(title):
            continue
        if m.family in ("dash", "dot"):
            continue
        if m.family != "attach" and ENCLOSURE_LINE.search(title):
            continue  # `2. 조치결과서 양식 1부. 끝.`: the next enclosure of `붙임 1. …`, no part
        if m.family in RANK or m.family == "md":
            ln.heading = i not in listed and len(title) <= MAX_ENUM_TITLE
            continue
        if len(title) > MAX_TITLE:
            continue
        nxt = _next_content(blocks, i)
        if nxt is None:
            continue
        if m.family == "circle":
            # ○ heads a part only when a table, a unit line or items follow it.
            nm = marker_of(nxt.text) if nxt.kind == "text" else None
            ln.heading = (
                nxt.kind == "table"
                or is_unit_line(nxt.text)
                or (nm is not None and nm.family in ("dash", "dot", "paren_r", "paren"))
            )
            continue
        # □, ■ and private-use glyphs: a heading when something other than a sibling follows.
        nm = marker_of(nxt.text) if nxt.kind == "text" else None
        ln.heading = nm is None or nm.family != m.family
    return lines


def _label(marker: str, title: str) -> str:
    return f"{marker} {title}".strip() if marker else title


def parse_outline(blocks: list[Block]) -> Outline:
    """Build the section tree and assign every block to its section."""
    out = Outline()
    lines = _classify(blocks)
    # Open sections with their family ("" for headlines and bare captions).
    stack: list[tuple[Section, str]] = []
    # Program lists: "1. Group" followed by "① A ② B …" with no content, then one ◆ block
    # (or a lone "1" + title) per program. `pending` holds the listed programs not yet opened.
    pending: list[tuple[str, str]] = []
    listing: list[tuple[str, str]] = []
    opened: set[int] = set()  # program sections opened by a ◆ block or a lone number
    has_objective = False
    skip_title_line: int | None = None

    def place(family: str) -> None:
        """Pop the stack to where a heading of this family belongs."""
        families = [f for _, f in stack]
        if family in families:
            while stack[-1][1] != family:
                stack.pop()
            stack.pop()  # a sibling of the open one
        elif family in ("roman", "chapter"):
            while stack and stack[-1][1] != "headline":
                stack.pop()
        elif family in RANK:
            # Bullets and deeper enumerations close; an attachment or a program sits beside
            # the programs, inside their group.
            # An attachment (참고 1, 붙임) holds the numbering that starts inside it.
            keep = ("headline",) if family == "attach" else ("headline", "attach")
            while stack and RANK.get(stack[-1][1], 99) >= RANK[family]:
                if stack[-1][1] in keep:
                    break
                stack.pop()
        elif family == "headline":
            while stack and stack[-1][1] == "headline":
                stack.pop()

    def open_section(family: str, marker: str, title: str, block: Block) -> Section:
        place(family)
        parent = stack[-1][0] if stack else None
        label = _label(marker, title)
        path = f"{parent.path} > {label}" if parent else label
        sec = Section(
            len(out.sections),
            parent.id if parent else None,
            len(stack) + 1,
            marker,
            title,
            path,
            block.line,
            block.page,
        )
        out.sections.append(sec)
        stack.append((sec, family))
        return sec

    def program_stack() -> Section | None:
        return next((s for s, f in reversed(stack) if f == "circled"), None)

    for i, block in enumerate(blocks):
        if skip_title_line == i:
            out.block_section.append(stack[-1][0].id if stack else None)
            out.is_heading.append(True)
            continue
        text = block.text.strip() if block.kind == "text" else ""
        ln = lines[i]
        heading = False
        m = ln.marker
        if block.kind == "text" and (lone := _LONE_NUMBER.match(text)) and m is None:
            nxt = _next_content(blocks, i)
            if nxt is not None and nxt.kind == "text" and 0 < len(nxt.text.strip()) <= 40:
                n = int(lone.group(1))
                marker = CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else lone.group(1)
                if listing and not pending:
                    pending = list(listing)
                    listing = []
                pending = [p for p in pending if CIRCLED.find(p[0]) > CIRCLED.find(marker)]
                opened.add(open_section("circled", marker, nxt.text.strip(), block).id)
                has_objective = False
                heading = True
                skip_title_line = blocks.index(nxt, i + 1)
        elif ln.heading and m is not None:
            family = "md" + m.marker if m.family == "md" else m.family
            marker = display_marker(m) if m.family != "md" else m.marker
            title = m.title.strip("*").strip() if m.family == "circle" else m.title
            if m.family in ("roman", "chapter", "num"):
                pending, listing = [], []
            if m.family == "circled":
                listing.append((m.marker, m.title))
            elif m.family == "attach":
                listing = []
            open_section(family, marker, title, block)
            if m.family in ("roman", "chapter", "num", "circled", "attach"):
                has_objective = False
            heading = True
        elif ln.heading:
            prev = _previous_text(blocks, i)
            top = stack[-1] if stack else None
            if (
                prev is not None
                and top is not None
                and top[1] == "headline"
                and top[0].line == prev.line
                and prev.size == block.size
                and _wraps(top[0].title, text)
            ):
                # A headline wrapped over two lines in the same type: one heading.
                top[0].title = f"{top[0].title} {text}"
                top[0].path = f"{top[0].path} {text}"
            else:
                open_section("headline", "", text, block)
            heading = True
        elif block.kind == "text" and text and (bare := _bare_heading(blocks, i, text)):
            family, marker, title = bare
            if (
                marker == ""
                and _ACROSS_PROGRAMS.search(title)
                and any(f == "circled" for _, f in stack)
            ):
                # A table across programs sits beside the program groups.
                while stack and stack[-1][1] not in ("num", "roman", "chapter"):
                    stack.pop()
                if stack and stack[-1][1] == "num":
                    stack.pop()
            open_section(family, marker, title, block)
            heading = True
        elif _OBJECTIVE.match(text):
            if listing and not pending:
                pending, listing = list(listing), []
            program = program_stack()
            if pending and (program is None or program.id not in opened or has_objective):
                marker, title = pending.pop(0)
                opened.add(open_section("circled", marker, title, block).id)
            has_objective = True
        elif text:
            listing = []
        out.block_section.append(stack[-1][0].id if stack else None)
        out.is_heading.append(heading)
    return out


def _bare_heading(blocks: list[Block], i: int, text: str) -> tuple[str, str, str] | None:
    """Headings without a marker: □-less part names, ※ captions and short table captions."""
    if marker_of(text) is not None and not _NOTE.match(text):
        return None
    # Bare part names, ※ captions and table captions sit where a □ part would.
    if re.sub(r"\s+", "", text) in BARE_HEADINGS:
        return "square", "□", text
    if m := _NOTE.match(text):
        title = m.group(1).strip()
        if len(title) > MAX_TITLE or reads_as_sentence(title) or not _leads_to_table(blocks, i):
            return None
        return "square", "※", title
    if (
        len(text) <= 40
        and not _CAPTION.match(text)
        and not text.startswith(("(", "（", "*", "☞"))
        and not _SENTENCE_END.search(text)
        and _HAS_WORD.search(text)
        and _leads_to_table(blocks, i)
    ):
        # A bare caption right above a table ("예 산", "부서별 주요기능").
        return "square", "", text
    return None


__all__ = ["Outline", "parse_outline", "reads_as_sentence", "CIRCLED"]
