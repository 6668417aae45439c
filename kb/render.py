"""Terminal rendering of results with rich (wide Korean characters measured correctly)."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

from .types import Hit

_MARK = re.compile(r"\[([^\[\]]+)\]")


def marked_text(snippet: str, style: str = "bold yellow") -> Text:
    """Rich Text with the [term] marks of a snippet turned into highlights."""
    out = Text()
    pos = 0
    for m in _MARK.finditer(snippet):
        out.append(snippet[pos : m.start()])
        out.append(m.group(1), style=style)
        pos = m.end()
    out.append(snippet[pos:])
    return out


def print_hits(hits: list[Hit], query: str, console: Console | None = None) -> None:
    """Print hits: rank, document, section, page/line, snippet."""
    console = console or Console()
    if not hits:
        console.print(f"No results for “{query}”. Try fewer words, or drop --year / --doc.")
        return
    for h in hits:
        where = f"p.{h.page}" if h.page else f"line {h.line}"
        head = Text(f"{h.rank:>2}. ", style="bold")
        head.append(h.doc.title, style="bold cyan")
        head.append(f"  ({h.doc.year or '----'}, {where}, score {h.score:.3f})", style="dim")
        console.print(head)
        if h.section:
            console.print(Text("    " + h.section, style="green"), overflow="fold")
        console.print(Text("    ") + marked_text(h.snippet))
        console.print()
