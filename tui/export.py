"""Write the rows a screen shows to CSV or Markdown, in the current directory or the data dir."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kb.i18n import known, t


@dataclass(slots=True)
class Export:
    """A screen's current results as a table: what to call the file, headers, rows."""

    name: str  # short slug: "search", "figures", …
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    title: str = ""  # shown above a Markdown table (e.g. the query)


def heading(name: str) -> str:
    """A column's name in the language in use (the catalogue's `col.*`; unknown: as it is).

    The screens name columns by key (tui/trends.py picks them so); the words are chosen here,
    when the file is written."""
    key = f"col.{name}"
    return t(key) if known(key) else name


def to_csv(data: Export) -> str:
    """CSV text (UTF-8 with a BOM-free header row)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([heading(h) for h in data.headers])
    writer.writerows(data.rows)
    return buf.getvalue()


def _md_cell(value: str) -> str:
    # A pipe or a newline would break the Markdown table row.
    return value.replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def to_markdown(data: Export) -> str:
    """A Markdown table, with the title as a heading when there is one."""
    lines = [f"# {data.title}", ""] if data.title else []
    lines.append("| " + " | ".join(_md_cell(heading(h)) for h in data.headers) + " |")
    lines.append("|" + "---|" * len(data.headers))
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in data.rows]
    return "\n".join(lines) + "\n"


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe slug; Korean letters are kept (they are valid in file names)."""
    s = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-")
    return s[:limit].rstrip("-")


def write_export(data: Export, fmt: str, dirs: list[Path], now: datetime | None = None) -> Path:
    """Write to the first writable directory of `dirs`; return the file path."""
    if fmt not in ("csv", "md"):
        raise ValueError(f"unknown export format {fmt!r}")
    text = to_csv(data) if fmt == "csv" else to_markdown(data)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = "-".join(x for x in ("kb", data.name, slug(data.title), stamp) if x)
    errors = []
    for d in dirs:
        try:
            d.mkdir(parents=True, exist_ok=True)
            if not os.access(d, os.W_OK):
                raise PermissionError(t("export.not_writable", folder=d))
            path = d / f"{base}.{fmt}"
            n = 1
            while path.exists():  # never overwrite an earlier export from the same second
                n += 1
                path = d / f"{base}-{n}.{fmt}"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError as exc:
            errors.append(str(exc))
    raise OSError(t("export.failed", reasons="; ".join(errors)))
