"""The words kb says to its users, in Korean (the default) and in English: one catalogue.

The language is chosen once per process: `--lang` (the CLI sets it), else `KB_LANG`
(`ko` or `en`), else an English locale (`LC_ALL`, `LC_MESSAGES`, `LANG` = `en_…`) gives
English; anything else, a Korean, C or missing locale included, gives Korean, the users'
language. Every entry has both languages (tests/test_i18n.py checks it); `{name}` fields are
filled by `t(key, name=…)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .columns import COLUMNS
from .commands import COMMANDS
from .errors import ERRORS
from .help import HELP
from .output import OUTPUT
from .reasons import REASONS
from .tui import TUI

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")

_chosen: Lang | None = None


def language_from_env(env: Mapping[str, str] | None = None) -> Lang:
    """The language the environment asks for: KB_LANG, else an English locale, else Korean."""
    env = os.environ if env is None else env
    asked = env.get("KB_LANG", "").strip().lower()
    if asked in LANGS:
        return asked  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:  # the first one set decides, as in POSIX
            return "en" if value.lower().startswith("en") else "ko"
    return "ko"


def set_language(lang: Lang | None) -> None:
    """Use this language from now on (None: ask the environment again)."""
    global _chosen
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (ko, en)")
    _chosen = lang


def language() -> Lang:
    """The language in use."""
    return _chosen if _chosen is not None else language_from_env()


def t(key: str, **fields: object) -> str:
    """The message `key` in the language in use, its `{fields}` filled."""
    ko, en = MESSAGES[key]
    text = en if language() == "en" else ko
    return text.format(**fields) if fields else text


@dataclass(frozen=True, slots=True)
class Said:
    """A message not yet put in words: a catalogue key and its fields.

    Made where the language may not be known (a parser in a child process, which does not
    share the caller's --lang); `str()` says it in the language in use where it is shown.
    A field may itself be a Said. Plain data, so it pickles across processes.
    """

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return t(self.key, **dict(self.fields))


def said(key: str, **fields: object) -> Said:
    """The message `key` with its fields, to be worded when shown (see Said)."""
    if key not in MESSAGES:  # fail where the key is written, not where it is shown
        raise KeyError(key)
    return Said(key, tuple(fields.items()))


def known(key: str) -> bool:
    """True when key is a message of the catalogue (not a literal text)."""
    return key in MESSAGES


# key → (Korean, English), one table assembled from the parts of the catalogue, each the
# words of one place: `help` the kb command's help pages, `errors` what kb refuses and doctor
# finds wrong, `reasons` why a file was not taken in, `commands` kb eval's and kb copy's
# lines, `columns` an export's columns. A key is in one part only (tests/test_i18n.py).
PARTS: tuple[dict[str, tuple[str, str]], ...] = (
    HELP,
    TUI,
    OUTPUT,
    ERRORS,
    REASONS,
    COMMANDS,
    COLUMNS,
)
MESSAGES: dict[str, tuple[str, str]] = {k: v for part in PARTS for k, v in part.items()}
