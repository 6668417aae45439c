"""Help pages in the language in use, wrapped by terminal cells (Korean is two cells wide).

The kb command's help texts are catalogue keys (kb/i18n.py), looked up when a page is drawn,
so `--lang` and `KB_LANG` decide rather than the language at import time. click wraps by
characters, which lets a Korean line run to twice the terminal's width; this formatter wraps
by cells, as the terminal draws them.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

from .i18n import known, t

F = TypeVar("F", bound=Callable[..., Any])


def cells(text: str) -> int:
    """Terminal cells text takes: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to width cells; a word wider than a line is cut by cells."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if cells(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            for ch in word:  # a word longer than the line: cut it where the cells run out
                if cells(line + ch) > width:
                    lines.append(line)
                    line = ""
                line += ch
        lines.append(line)
    return lines


class KbFormatter(click.HelpFormatter):
    """click's help formatter, wrapping by terminal cells instead of characters."""

    def write_text(self, text: str) -> None:
        """Paragraphs of text, indented and wrapped by cells."""
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        for paragraph in text.split("\n\n"):
            for line in wrap(" ".join(paragraph.split()), width):
                self.write(f"{indent}{line}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """A definition list (options, commands): terms left, wrapped text right."""
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(cells(term) for term, _ in rows), col_max) + col_spacing
        width = max(self.width - first_col - self.current_indent, 10)
        pad = " " * (first_col + self.current_indent)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if cells(term) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(term)))
            else:
                self.write("\n" + pad)
            lines = wrap(text, width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(pad + line + "\n")


class KbContext(click.Context):
    """A context whose help pages use KbFormatter."""

    formatter_class = KbFormatter


class Translated:
    """Help given as a catalogue key is shown in the language in use; other text as written."""

    _help_text: str | None = None

    @property
    def help(self) -> str | None:
        """The help text in the language in use."""
        text = self._help_text
        return t(text) if text and known(text) else text

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_text = value


class KbOption(Translated, click.Option):
    """An option whose help is a catalogue key."""

    def make_metavar(self, ctx: click.Context) -> str:
        """click's metavar (`INTEGER RANGE`, `TEXT`) in the language in use."""
        return metavar(super().make_metavar(ctx))

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        """click's record, its `[default: …]` and `[required]` words translated."""
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, text = record
        if text.endswith("]") and "[" in text:
            head, _, extra = text.rpartition("[")
            extra = extra.replace("default: ", t("help.default") + " ")
            extra = extra.replace("required", t("help.required"))
            text = f"{head}[{extra}"
        return names, text


def option(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """`click.option` whose help is a catalogue key."""
    return click.option(*decls, cls=KbOption, **attrs)


def _options(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    rows = [
        rec
        for p in command.get_params(ctx)
        if not isinstance(p, click.Argument) and (rec := p.get_help_record(ctx)) is not None
    ]
    if rows:
        with formatter.section(t("help.options")):
            formatter.write_dl(rows)


def metavar(text: str) -> str:
    """click's name for a value's kind or a usage piece (`INTEGER RANGE`, `[OPTIONS]`) in the
    language in use; one the catalogue does not know, as it is."""
    key = f"help.metavar.{text}"
    return t(key) if known(key) else text


def _usage(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    pieces = [metavar(p) for p in command.collect_usage_pieces(ctx)]
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("help.usage") + " ")


def _help_option(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = t("help.help")
    return option


class KbCommand(Translated, click.Command):
    """A command whose help, usage line and headings speak the language in use."""

    context_class = KbContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line, its prefix translated."""
        _usage(self, ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options under a translated heading."""
        _options(self, ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """`-h/--help`, its own help translated."""
        return _help_option(super().get_help_option(ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        """The help's first sentence, cut to limit cells (not characters)."""
        return _short(self.help or "", limit)


def _short(text: str, limit: int) -> str:
    first = text.split("\n\n")[0]
    sentence = first.split(". ")[0]
    words: Sequence[str] = " ".join(sentence.split()).split(" ")
    out = ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if cells(candidate) > limit - 3:
            return out + "..."
        out = candidate
    return out


class TranslatedGroup(Translated, click.Group):
    """The command group's help page in the language in use; its commands are KbCommands."""

    command_class = KbCommand
    context_class = KbContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The usage line, its prefix translated."""
        _usage(self, ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options, then the commands, under translated headings."""
        _options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with the start of its help, under a translated heading."""
        commands = [
            (name, cmd)
            for name in self.list_commands(ctx)
            if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
        ]
        if commands:
            limit = formatter.width - 6 - max(cells(name) for name, _ in commands)
            with formatter.section(t("help.commands")):
                formatter.write_dl(
                    [(name, cmd.get_short_help_str(limit)) for name, cmd in commands]
                )

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """`-h/--help`, its own help translated."""
        return _help_option(super().get_help_option(ctx))


# -- the types of kb's options: a bad value refused in the catalogue's words -------------------
# click words its refusals in English (`'x' is not one of …`); these say the same in the
# language in use, with the value and what is allowed.


class Choice(click.Choice):  # type: ignore[type-arg]
    """click.Choice whose refusal names the value and the choices in the language in use."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The chosen value, or a refusal listing the choices."""
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            choices = ", ".join(f"`{c}`" for c in self.choices)  # each a value to type
            self.fail(t("click.choice", value=value, choices=choices), param, ctx)


class IntRange(click.IntRange):
    """click.IntRange whose refusal (not a number, out of range) is in the language in use."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The whole number, or a refusal naming the range."""
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            try:
                int(value)
            except (TypeError, ValueError):
                self.fail(t("click.not_int", value=value), param, ctx)
            self.fail(t("click.range", value=value, lo=self.min, hi=self.max), param, ctx)


class PathType(click.Path):
    """click.Path whose refusal (missing, a folder, unreadable) is in the language in use."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The path, or a refusal saying what is wrong with it."""
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            if not os.path.exists(value):
                self.fail(t("click.path_missing", path=value), param, ctx)
            if os.path.isdir(value):
                self.fail(t("click.path_is_dir", path=value), param, ctx)
            self.fail(t("click.path_unusable", path=value), param, ctx)
