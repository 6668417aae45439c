"""Korean first: one catalogue with both languages, chosen by --lang, KB_LANG or the locale."""

from __future__ import annotations

import re
import string

import click
import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.clihelp import Translated, cells, wrap
from kb.i18n import MESSAGES, PARTS, known, language_from_env, set_language, t


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_a_key_is_in_one_part_of_the_catalogue_only() -> None:
    assert sum(len(part) for part in PARTS) == len(MESSAGES)


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    hangul = re.compile(r"[가-힣]")
    for key, (ko, en) in MESSAGES.items():
        assert ko.strip() and en.strip(), key
        assert hangul.search(ko), f"{key}: the Korean text has no Korean"
        assert _fields(ko) == _fields(en), key


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "ko"),
        ({"LANG": "C.UTF-8"}, "ko"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),  # LC_ALL decides first
        ({"KB_LANG": "en", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"KB_LANG": "ko", "LANG": "en_US.UTF-8"}, "ko"),
        ({"KB_LANG": "fr", "LANG": "en_GB.UTF-8"}, "en"),  # unknown KB_LANG: the locale
    ],
)
def test_the_language_comes_from_kb_lang_then_the_locale(env: dict[str, str], lang: str) -> None:
    assert language_from_env(env) == lang


def test_set_language_switches_and_refuses_the_unknown() -> None:
    set_language("en")
    assert t("help.usage") == "Usage:"
    set_language("ko")
    assert t("help.usage") == "사용법:"
    with pytest.raises(ValueError):
        set_language("fr")  # type: ignore[arg-type]


def _commands() -> list[tuple[str, click.Command]]:
    return [("kb", cli), *((f"kb {n}", c) for n, c in cli.commands.items())]


def test_no_help_is_written_outside_the_catalogue() -> None:
    # A new option or command with its help written in place (in one language) fails here.
    for name, command in _commands():
        assert isinstance(command, Translated) and known(command._help_text or ""), name
        for param in command.params:
            if isinstance(param, click.Option):
                text = param._help_text if isinstance(param, Translated) else param.help
                assert text is not None and known(text), f"{name} {param.opts}: {text!r}"


def _help(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


def test_help_pages_speak_korean_and_english_on_request() -> None:
    english_sentence = re.compile(r"\b[A-Z][a-z]+ (?:[a-z]+ ){2,}")  # "Search the index by"
    for name, _command in _commands():
        args = name.split()[1:]
        ko = _help(*args, "--help")
        assert "사용법:" in ko and "옵션" in ko, name
        assert not english_sentence.search(ko), f"{name}: {english_sentence.search(ko)}"
        en = _help(*args, "--help", "--lang", "en")
        assert "Usage:" in en and "Options:" in en and not re.search("[가-힣]{2} [가-힣]", en)


def test_help_lines_fit_the_terminal_in_cells() -> None:
    # Hangul takes two cells: wrapped by characters, these lines ran to about 120 cells.
    for name, _command in _commands():
        for line in _help(*name.split()[1:], "--help").splitlines():
            assert cells(line) <= 80, f"{name}: {line!r} ({cells(line)} cells)"


def test_wrap_counts_wide_characters_twice() -> None:
    assert cells("예산 budget") == 11
    lines = wrap("가나다 라마바 사아자", 8)
    assert lines == ["가나다", "라마바", "사아자"]
    assert wrap("가나다라마", 4) == ["가나", "다라", "마"]  # a word wider than the line is cut
