"""Settings a user gets wrong are one KbError line naming the setting, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.config import Settings
from kb.errors import KbError, SettingsError


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KB_CHUNK_CHARS": "abc"}, "KB_CHUNK_CHARS='abc': 정수가 아닙니다"),
        ({"KB_PARSE_SECONDS": "0"}, "KB_PARSE_SECONDS=0: 범위를 벗어났습니다"),
        ({"KB_HOME": "~no-such-user-kb/x"}, "KB_HOME='~no-such-user-kb/x': '~'를 풀 수 없습니다"),
        ({"KB_DB": "~no-such-user-kb/k.db"}, "KB_DB='~no-such-user-kb/k.db': '~'를 풀 수"),
    ],
)
def test_a_bad_environment_value_is_a_settings_error(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match="^" + message.replace("(", r"\(")) as info:
        Settings.from_env({"KB_HOME": str(tmp_path), **env})
    assert isinstance(info.value, KbError) and "\n" not in str(info.value)


def test_a_bad_db_flag_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["--db", "~no-such-user-kb/k.db", "stats"])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("오류: --db='~no-such-user-kb/k.db': '~'를 풀 수 없습니다")
    assert result.output.count("\n") == 1, result.output


def test_a_kb_error_from_any_command_is_one_line_exit_1(tmp_path: Path) -> None:
    # The group turns KbError into the exit message, for every command alike.
    for args in (["studies"], ["programs"], ["figures", "예산"], ["trend", "예산"]):
        result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), *args])
        assert result.exit_code == 1, (args, result.output)
        assert result.output.startswith("오류: ") and result.output.count("\n") == 1, args
