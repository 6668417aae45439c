"""The TUI's words from the catalogue (kb.i18n, part `tui`), read when a widget is built.

The language is chosen per process (`--lang`, KB_LANG, the locale) and may be set after the
TUI's modules are imported (the tests set KB_LANG per test), so nothing here is read at import
time: key bindings carry catalogue keys as descriptions and are translated per widget
(`localize_bindings`), texts are looked up where they are drawn.
"""

from __future__ import annotations

import dataclasses
import re

from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from kb.i18n import MESSAGES, known, language, t
from kb.present.labels import label

_FIELD = re.compile(r"\{(\w+)\}")


def styled(message: str, /, style: str = "", **parts: str | Text) -> Text:
    """The catalogue's `message` as rich Text, each `{field}` replaced by its part (a Text keeps its
    own style), so a key or a command can be lit wherever each language puts it."""
    out = Text(style=style)
    template = _template(message)
    pos = 0
    for m in _FIELD.finditer(template):
        out.append(template[pos : m.start()])
        part = parts[m.group(1)]
        out.append_text(part) if isinstance(part, Text) else out.append(part)
        pos = m.end()
    out.append(template[pos:])
    return out


def _template(key: str) -> str:
    # The text in the language in use, its fields left as they are (t() fills them).
    ko, en = MESSAGES[key]
    return en if language() == "en" else ko


def header(key: str) -> str:
    """A table's column header for a card label (kb.present.labels): `기준`, or in English
    capitalised as Textual's headers are (`As of`)."""
    text = label(key)
    return text[:1].upper() + text[1:]


def count(message: str, how_many: int, /, **fields: object) -> str:
    """`message` for how_many things, `message_one` for one (English has a singular)."""
    one = f"{message}_one"
    return t(one, **fields) if how_many == 1 and known(one) else t(message, **fields)


# Textual's own bindings' descriptions, put in kb's words (the App adds them itself).
TEXTUAL_KEYS = {
    "Quit": "tui.key.quit",
    "palette": "tui.key.palette",
    "Exit the command palette": "tui.key.palette_close",
}
TEXTUAL_TIPS = {
    "Quit the app and return to the command prompt.": "tui.key.quit_tip",
    "Open the command palette": "tui.key.palette_tip",
}


def _localized(binding: Binding) -> Binding:
    description = binding.description
    key = TEXTUAL_KEYS.get(description, description)
    tip = TEXTUAL_TIPS.get(binding.tooltip, binding.tooltip)
    group = binding.group
    if group is not None and known(group.description):
        group = dataclasses.replace(group, description=t(group.description))
    return dataclasses.replace(
        binding,
        description=t(key) if known(key) else description,
        tooltip=t(tip) if known(tip) else binding.tooltip,
        group=group,
    )


def localize_bindings(node: DOMNode) -> None:
    """Give the node's key bindings their descriptions in the language in use (the footer and
    the keys panel show them); the classes declare catalogue keys (`tui.key.find`)."""
    node._bindings = BindingsMap(
        [_localized(b) for bindings in node._bindings.key_to_bindings.values() for b in bindings]
    )
