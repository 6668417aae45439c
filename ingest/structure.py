"""Outline parser for Korean reports: Ⅲ. / 1. / ① / □ / ○ / ※ / 붙임 / ◆ into a section tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.types import Block, Section

from .tables import is_unit_line

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN_UNI = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"

_ROMAN = re.compile(rf"^\s*((?:X|IX|IV|V?I{{0,3}})|[{ROMAN_UNI}])\s*\.\s*(\S.{{0,60}})$")
_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*\.\s+(\S.{0,60})$")
_CIRCLED = re.compile(rf"^\s*([{CIRCLED}])\s*(\S.{{0,60}})$")
_LONE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")
_ATTACHMENT = re.compile(r"^\s*(붙임|첨부)\s*(\d*)\s*[.:]?\s*(.{0,80})$")
_SQUARE = re.compile(r"^\s*[□■]\s*(\S.{0,60})$")
_CIRCLE = re.compile(r"^\s*[○◯●]\s*(\S.*)$")
_NOTE = re.compile(r"^\s*※\s*(\S.*)$")
_OBJECTIVE = re.compile(r"^\s*(?:[-–]\s*)?◆\s*(\S.*)$")
# A bare caption of a table across programs ("2019년도 세부사업별 예산현황", "사업 총괄"):
# met inside the last program of a list, it closes that program instead of joining it.
_ACROSS_PROGRAMS = re.compile(r"사업별|총괄|전체|종합")
_ITEM = re.compile(r"^\s*([-–·•▪]|\d+\))\s+")
_MD = re.compile(r"^(#{1,6})\s+(\S.*)$")
# Headings that reports often print without their □ box.
_BARE_HEADINGS = {
    "추진배경",
    "추진 배경",
    "사업내용",
    "사업 내용",
    "추진실적",
    "추진 실적",
    "향후계획",
    "향후 계획",
    "추진개요",
    "추진 개요",
    "사업개요",
    "사업 개요",
    "추진계획",
    "추진 계획",
}

LEVEL_ROMAN, LEVEL_NUMBERED, LEVEL_PROGRAM, LEVEL_BOX, LEVEL_ITEM = 1, 2, 3, 4, 5


@dataclass(slots=True)
class Outline:
    """Sections plus, for every block, the section it belongs to and whether it is a heading."""

    sections: list[Section] = field(default_factory=list)
    block_section: list[int | None] = field(default_factory=list)
    is_heading: list[bool] = field(default_factory=list)


def _next_nonblank(blocks: list[Block], i: int) -> Block | None:
    for b in blocks[i + 1 : i + 4]:
        if b.kind == "table" or b.text.strip():
            return b
    return None


def _leads_to_table(blocks: list[Block], i: int) -> bool:
    nxt = _next_nonblank(blocks, i)
    return nxt is not None and (nxt.kind == "table" or is_unit_line(nxt.text))


def classify(blocks: list[Block], i: int) -> tuple[int, str, str] | None:
    """(level, marker, title) when block i is a heading, else None."""
    b = blocks[i]
    if b.kind != "text":
        return None
    text = b.text.strip()
    if not text:
        return None
    if m := _MD.match(text):
        return min(len(m.group(1)), LEVEL_BOX), m.group(1), m.group(2).strip()
    if (m := _ROMAN.match(text)) and m.group(1):
        return LEVEL_ROMAN, m.group(1) + ".", m.group(2).strip()
    if m := _NUMBERED.match(text):
        return LEVEL_NUMBERED, m.group(1) + ".", m.group(2).strip()
    if m := _CIRCLED.match(text):
        return LEVEL_PROGRAM, m.group(1), m.group(2).strip()
    if m := _ATTACHMENT.match(text):
        return LEVEL_PROGRAM, (m.group(1) + " " + m.group(2)).strip(), m.group(3).strip()
    if m := _SQUARE.match(text):
        return LEVEL_BOX, "□", m.group(1).strip()
    if text in _BARE_HEADINGS:
        return LEVEL_BOX, "□", text
    if m := _NOTE.match(text):
        if _leads_to_table(blocks, i):
            return LEVEL_BOX, "※", m.group(1).strip()
        return None
    if m := _CIRCLE.match(text):
        nxt = _next_nonblank(blocks, i)
        title = m.group(1).strip().strip("*").strip()
        if nxt is not None and (
            nxt.kind == "table" or is_unit_line(nxt.text) or _ITEM.match(nxt.text)
        ):
            return LEVEL_ITEM, "○", title
        return None
    if (
        len(text) <= 40
        and not text.startswith(("(", "（", "-", "<", "〈"))
        and not _ITEM.match(text)
        and _leads_to_table(blocks, i)
    ):
        # A bare caption right above a table ("예 산", "부서별 주요기능").
        return LEVEL_BOX, "", text
    return None


def parse_outline(blocks: list[Block]) -> Outline:
    """Build the section tree and assign every block to its section."""
    out = Outline()
    stack: list[Section] = []
    # Program lists: "1. Group" followed by "① A ② B …" with no content, then one ◆ block
    # (or a lone "1" + title) per program. `pending` holds the listed programs not yet opened.
    pending: list[tuple[str, str]] = []
    listing: list[tuple[str, str]] = []
    opened: set[int] = set()  # program sections opened by a ◆ block or a lone number
    has_objective = False
    skip_title_line: int | None = None

    def open_section(level: int, marker: str, title: str, block: Block) -> Section:
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        label = f"{marker} {title}".strip() if marker not in ("", "□", "○", "※") else title
        if marker == "※":
            label = f"※ {title}"
        elif marker in ("□", "○"):
            label = f"{marker} {title}"
        path = f"{parent.path} > {label}" if parent else label
        sec = Section(
            len(out.sections),
            parent.id if parent else None,
            level,
            marker,
            title,
            path,
            block.line,
            block.page,
        )
        out.sections.append(sec)
        stack.append(sec)
        return sec

    for i, block in enumerate(blocks):
        if skip_title_line == i:
            out.block_section.append(stack[-1].id if stack else None)
            out.is_heading.append(True)
            continue
        head = classify(blocks, i)
        text = block.text.strip() if block.kind == "text" else ""
        heading = False
        if head is None and (m := _LONE_NUMBER.match(text)) and block.kind == "text":
            nxt = _next_nonblank(blocks, i)
            if nxt is not None and nxt.kind == "text" and 0 < len(nxt.text.strip()) <= 40:
                n = int(m.group(1))
                marker = CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else m.group(1)
                if listing and not pending:
                    pending = list(listing)
                    listing = []
                pending = [p for p in pending if CIRCLED.find(p[0]) > CIRCLED.find(marker)]
                opened.add(open_section(LEVEL_PROGRAM, marker, nxt.text.strip(), block).id)
                has_objective = False
                heading = True
                skip_title_line = blocks.index(nxt, i + 1)
        elif head is not None:
            level, marker, title = head
            if (
                marker == ""
                and _ACROSS_PROGRAMS.search(title)
                and any(s.level == LEVEL_PROGRAM for s in stack)
            ):
                level = LEVEL_NUMBERED  # beside the program groups, not inside the last one
            if level <= LEVEL_NUMBERED:
                pending, listing = [], []
            if level == LEVEL_PROGRAM and marker in CIRCLED:
                listing.append((marker, title))
            elif level == LEVEL_PROGRAM:
                listing = []
            open_section(level, marker, title, block)
            if level <= LEVEL_PROGRAM:
                has_objective = False
            heading = True
        elif _OBJECTIVE.match(text):
            if listing and not pending:
                pending, listing = list(listing), []
            program = next((s for s in reversed(stack) if s.level == LEVEL_PROGRAM), None)
            if pending and (program is None or program.id not in opened or has_objective):
                marker, title = pending.pop(0)
                opened.add(open_section(LEVEL_PROGRAM, marker, title, block).id)
            has_objective = True
        elif text:
            listing = []
        out.block_section.append(stack[-1].id if stack else None)
        out.is_heading.append(heading)
    return out


__all__ = ["Outline", "classify", "parse_outline", "CIRCLED"]
