"""Pure formatting for the TUI: rich Text for the screens, plain text for citations and copies."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text

from kb.render import COUNTERS, amount, line_groups, marked_text, money_unit, where
from kb.text import printable
from kb.types import AnswerCard, FigureRow, Hit, Mismatch, Program, Study

HIGHLIGHT = "bold yellow"


def doc_name(path: str) -> str:
    """The file name of a document path (never a machine-specific absolute path on screen)."""
    return printable(Path(path).name) if path else ""


def section_tail(section: str, parts: int = 2) -> str:
    """The last `parts` levels of a section path (the informative end)."""
    bits = [b.strip() for b in section.split(" > ") if b.strip()]
    return " > ".join(bits[-parts:])


def short_section(section: str, parts: int = 3) -> str:
    """The end of a long section path, where the specific part is (`… > ② … > ※ …`)."""
    tail = section_tail(section, parts)
    return tail if tail == section.strip() else "… > " + tail


def terms_of(hit: Hit) -> list[str]:
    """The query terms a hit's snippet marks."""
    return sorted({hit.snippet[a:b] for a, b in hit.marks}, key=len, reverse=True)


def focus_snippet(
    snippet: str, marks: list[tuple[int, int]], lead: int = 14
) -> tuple[str, list[tuple[int, int]]]:
    """Cut the snippet so its first marked term is near the start (a hit shows one line)."""
    stripped = snippet.lstrip()  # a chunk opening on an indented line shows no indent
    shift = len(stripped) - len(snippet)
    marks = [(a + shift, b + shift) for a, b in marks]
    first = min((a for a, _ in marks), default=0)
    if first <= lead:
        return stripped, marks
    cut = stripped[first - lead :]
    kept = cut.lstrip()
    shift = 1 - (first - lead) - (len(cut) - len(kept))
    return "…" + kept, [(a + shift, b + shift) for a, b in marks]


def hit_prompt(hit: Hit) -> Text:
    """Three lines for the results list: rank + title + year + place, section, snippet."""
    head = Text(f"{hit.rank:>2}. ", style="bold")
    head.append(hit.doc.title, style="bold cyan")
    head.append(f"  {hit.doc.year or '----'} · {where(hit.page, hit.line)}", style="dim")
    out = Text.assemble(head, "\n    ")
    out.append(short_section(hit.section) or "(no section)", style="green")
    out.append("\n    ")
    out.append_text(marked_text(*focus_snippet(hit.snippet, hit.marks), HIGHLIGHT))
    return out


def highlighted(text: str, terms: list[str], style: str = HIGHLIGHT) -> Text:
    """Text with every occurrence of the terms highlighted (case-insensitive)."""
    out = Text(text)
    if terms:
        out.highlight_regex(
            re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE), style=style
        )
    return out


def hit_head(hit: Hit) -> Text:
    """Where a hit comes from: title, year, place, file, section."""
    out = Text(hit.doc.title + "\n", style="bold cyan")
    out.append(
        f"{hit.doc.year or '----'} · {where(hit.page, hit.line)} · {doc_name(hit.doc.path)}\n",
        style="dim",
    )
    out.append(hit.section or "(no section)", style="green")
    return out


def hit_context(hit: Hit, around: list[Hit], terms: list[str]) -> tuple[Text, Text, Text]:
    """(before, this passage, after): the whole chunk, terms lit, between its neighbours."""
    parts = {"before": Text(), "this passage": Text(), "after": Text()}
    for h in around or [hit]:
        current = h.chunk_id == hit.chunk_id
        label = "this passage" if current else ("before" if h.line < hit.line else "after")
        out = parts[label]
        out.append(f"── {label} · {where(h.page, h.line)} ", style="bold" if current else "dim")
        if not current and h.section != hit.section:
            out.append("· " + section_tail(h.section), style="dim green")
        out.append("\n")
        out.append_text(highlighted(h.text, terms) if current else Text(h.text, style="dim"))
        out.append("\n")
    return parts["before"], parts["this passage"], parts["after"]


def hit_detail(hit: Hit, around: list[Hit], terms: list[str]) -> Text:
    """Head and context in one Text (for copies and tests)."""
    before, current, after = hit_context(hit, around, terms)
    return Text("\n").join([hit_head(hit), before, current, after])


def hit_citation(hit: Hit) -> str:
    """One-line citation of a hit: title (year), section, page/line, file."""
    return (
        f"{hit.doc.title} ({hit.doc.year or 'n.d.'}), {hit.section}, "
        f"{where(hit.page, hit.line)} [{doc_name(hit.doc.path)}]"
    )


def hit_markdown(hit: Hit) -> str:
    """A hit as a Markdown block: citation then the whole passage."""
    return f"**{hit_citation(hit)}**\n\n{hit.text}\n"


# -- figures ------------------------------------------------------------------------------
def fmt_value(value: float | None, value_text: str = "") -> str:
    """A number with thousands separators; the printed text when there is no number."""
    if value is None:
        return value_text or "–"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# The measures an answer strip shows, in this order (the card in the Figures tab has all).
STRIP_MEASURES = ("budget", "committed", "spent", "spent_rate")


def answer_strip(card: AnswerCard) -> Text:
    """One or two lines above the results: the stored figures that answer the query."""
    out = Text("■ ", style="bold green")
    out.append(card.program or "", style="bold")
    rows = card.figures
    f0 = rows[0]
    if f0.table_id is None:  # counts stated in prose, one group per line and label
        for part in line_groups(rows):
            # The title is on the strip already: "마을활동가 성장교육 통합설명회" → "통합설명회".
            label = part[0].program.removeprefix(card.program or "").strip()
            out.append(f"  {label} " if label else "  ", style="dim")
            out.append(", ".join(amount(r, fmt_value(r.value)) for r in part), style="bold")
    else:
        names = list(dict.fromkeys(r.program for r in rows))
        if len(names) > 1:  # 정 원 · 현 원: the first column of each row (계), side by side
            picked = [next(r for r in rows if r.program == n) for n in names][:4]
        else:
            # The usual four, and whatever else the question named (집행률 원인행위).
            wanted = [*STRIP_MEASURES, *(m for m in card.asked if m not in STRIP_MEASURES)]
            picked = [r for m in wanted for r in rows if r.measure == m] or rows[:4]
        ranking = len({r.table_id for r in rows}) > 1  # one measure, program by program
        for r in picked:
            name = r.label if r.program == card.program else f"{r.program} · {r.label}"
            name = r.program if ranking else name
            out.append(f"  {name} ", style="dim")
            value = fmt_value(r.value, r.value_text)
            asked = bool(r.measure) and r.measure in card.asked
            style = "bold reverse" if asked else "bold"  # the number the question asked for
            out.append(amount(r, value) if r.unit in COUNTERS else value, style=style)
            if r.unit == "%":
                out.append("%", style=style)
        about = [money_unit(rows) or "", f"{f0.as_of} 기준" if f0.as_of else ""]
        if any(about):
            out.append(f"  ({', '.join(a for a in about if a)})", style="dim")
    if len({r.table_id for r in rows}) == 1 or f0.table_id is None:  # a ranking has many
        out.append(f"  {where(f0.page, f0.line)} · {section_tail(f0.section, 1)}", style="dim")
    return out


def figure_source(row: FigureRow) -> str:
    """Where a figure comes from, short: place in the document and section end."""
    return f"{where(row.page, row.line)} · {section_tail(row.section, 1)}"


def figure_citation(row: FigureRow) -> str:
    """One-line citation of a figure with its value."""
    unit = f" {row.unit}" if row.unit else ""
    as_of = f", as of {row.as_of}" if row.as_of else ""
    return (
        f"{row.program} — {row.label}: {fmt_value(row.value, row.value_text)}{unit}{as_of}. "
        f"{row.doc_title} ({row.year or 'n.d.'}), {row.section}, {where(row.page, row.line)} "
        f"[{doc_name(row.doc)}]"
    )


def mismatch_text(m: Mismatch) -> Text:
    """A consistency warning, never silently fixed."""
    out = Text("⚠ ", style="bold red")
    out.append(f"{m.program} · {m.measure}: expected {fmt_value(m.expected)}, ", style="red")
    out.append(f"found {fmt_value(m.found)}", style="red")
    if m.detail:
        out.append(f" — {m.detail}", style="red")
    for s in m.sources:
        out.append(f"\n    {short_source(s)}", style="dim")
    return out


def short_source(source: str) -> str:
    """`/abs/path/file.txt:185 section` → `file.txt:185 section` (no machine paths on screen)."""
    m = re.match(r"^(.*?):(\d+)(\s.*)?$", source)
    if not m:
        return source
    return f"{doc_name(m.group(1))}:{m.group(2)}{m.group(3) or ''}"


# -- programs -----------------------------------------------------------------------------
# The card's parts in reading order; figures sit between results and plans.
PROGRAM_PARTS: tuple[tuple[str, str], ...] = (
    ("objective", "목적 Objective"),
    ("contents", "내용 Contents"),
)
PROGRAM_PARTS += (("results", "실적 Results"), ("figures", "예산·실적 Figures"))
PROGRAM_PARTS += (("plans", "계획 Plans"),)


def program_label(p: Program) -> str:
    """`2-② 청년마을활동가 성장교육` (code only when there is one)."""
    return f"{p.code} {p.name}".strip() if p.code else p.name


def program_citation(p: Program) -> str:
    """One-line citation of a program."""
    return (
        f"{program_label(p)} — {p.doc_title} ({p.year or 'n.d.'}), {p.section_path}, "
        f"line {p.line} [{doc_name(p.doc)}]"
    )


def program_card(p: Program, figures: list[FigureRow]) -> Text:
    """The program card: parts, figures with their sources, citation."""
    out = Text(program_label(p) + "\n", style="bold cyan")
    out.append(f"{p.year or '----'} · {p.doc_title}\n", style="dim")
    if p.group:
        out.append(p.group + "\n", style="green")
    for attr, title in PROGRAM_PARTS:
        out.append(f"\n{title}\n", style="bold")
        if attr == "figures":
            out.append_text(_figure_lines(p, figures))
            continue
        body = getattr(p, attr).strip()
        out.append((body or "—") + "\n", style="" if body else "dim")
    out.append("\nSource: ", style="bold")
    out.append(f"{p.doc_title}, {p.section_path}, line {p.line} [{doc_name(p.doc)}]\n", style="dim")
    return out


def _figure_label(p: Program, f: FigureRow) -> str:
    # A row of another label inside the program's part (e.g. a list of sessions) keeps it.
    same = re.sub(r"\s+", "", f.program) == re.sub(r"\s+", "", p.name)
    return f.label if same or not f.program else f"{f.program} · {f.label}"


def _figure_lines(p: Program, figures: list[FigureRow]) -> Text:
    out = Text()
    if not figures:
        out.append("—\n", style="dim")
    for f in figures:
        unit = f" {f.unit}" if f.unit else ""
        out.append(f"  {_figure_label(p, f)}: ")
        out.append(fmt_value(f.value, f.value_text) + unit, style="bold")
        as_of = f", as of {f.as_of}" if f.as_of else ""
        out.append(f"  ({where(f.page, f.line)}{as_of})\n", style="dim")
    return out


def program_markdown(p: Program, figures: list[FigureRow]) -> str:
    """The program card as Markdown (for the clipboard)."""
    lines = [f"## {program_label(p)}", "", f"*{p.doc_title} ({p.year or 'n.d.'})*", ""]
    for attr, title in PROGRAM_PARTS:
        lines += [f"### {title}", ""]
        if attr != "figures":
            lines += [getattr(p, attr).strip() or "—", ""]
            continue
        for f in figures:
            value = fmt_value(f.value, f.value_text) + (f" {f.unit}" if f.unit else "")
            lines.append(f"- {_figure_label(p, f)}: {value} ({where(f.page, f.line)})")
        lines += ["—"] if not figures else []
        lines.append("")
    lines += [f"Source: {program_citation(p)}", ""]
    return "\n".join(lines)


# -- studies ------------------------------------------------------------------------------
def study_citation(s: Study) -> str:
    """One-line citation of a study."""
    facts = ", ".join(x for x in (s.category, s.method) if x)
    return (
        f"{s.title} ({s.year or 'n.d.'}{'; ' + facts if facts else ''}) — "
        f"{s.section_path}, line {s.line} [{doc_name(s.doc)}]"
    )


def welcome_text() -> Text:
    """What the results area says before the first query."""
    out = Text("Type to search the reports by meaning and by words.\n\n", style="bold")
    out.append("Try  ")
    out.append("청년 활동가 교육 예산", style="bold green")
    out.append("  or  ")
    out.append("주민자치회 평가 연구", style="bold green")
    out.append("\nAsk for figures:  ")
    out.append("마을활동가 성장교육 참여 인원", style="bold green")
    out.append("  or  ")
    out.append("집행률이 가장 낮은 사업", style="bold green")
    out.append("\n\n↓ / Enter go to the results · Enter opens the passage · Esc goes back\n")
    out.append("a copies the answer card, y the passage, c its citation\n")
    out.append("Filters: Tab to the year and document boxes.", style="dim")
    return out
