"""The CLI edge: stats, doctor, eval, help text, and library errors turned into CLI errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli
from tests.helpers import DEV_SEARCH


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        code, out = run(name, "--help")
        assert code == 0 and "사용법:" in out and "Usage" not in out, out
        code, out = run(name, "--help", "--lang", "en")
        assert code == 0 and "Usage:" in out, out


def test_stats_and_doctor(seed_db: Path) -> None:
    code, out = run("--db", str(seed_db), "stats", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["documents"] == 1 and stats["chunks"] > 50
    assert stats["embedder"] == "e5" and stats["dim"] == 384
    code, out = run("--db", str(seed_db), "doctor")
    assert code == 0, out
    assert "sqlite-vec" in out and "불러옴 v" in out and "문서 1개" in out


def test_doctor_and_search_without_database(tmp_path: Path) -> None:
    code, out = run("--db", str(tmp_path / "none.db"), "search", "청년")
    assert code == 1 and "오류:" in out and "아직 색인이 없습니다" in out and "kb ingest" in out
    code, out = run("--db", str(tmp_path / "none.db"), "search", "청년", "--lang", "en")
    assert code == 1 and "no database here yet" in out and "kb ingest" in out
    code, out = run("--db", str(tmp_path / "none.db"), "doctor")
    assert code == 1 and "kb ingest corpus/" in out


def test_eval_json(seed_db: Path) -> None:
    code, out = run("--db", str(seed_db), "eval", str(DEV_SEARCH), "--json")
    res = json.loads(out)
    assert code == 0 and res["n"] == 12
    assert 0.0 <= res["recall_at_1"] <= res["recall_at_5"] <= 1.0
    assert all(p["rank"] is None or 1 <= p["rank"] <= 10 for p in res["per_query"])


def test_raw_fts_errors_become_one_line(seed_db: Path) -> None:
    code, out = run("--db", str(seed_db), "search", '"unbalanced', "--fts-raw", "--mode", "lexical")
    assert code == 1 and "오류: FTS5 질의 오류" in out


@pytest.mark.golden
def test_program_card_has_budget_rows_and_result_counts(seed_db: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(seed_db), "program", "마을활동가", "성장교육"])
    assert out.exit_code == 0
    text = out.output
    assert text.splitlines()[0].endswith("마을활동가 성장교육")
    assert "\n목적\n" in text and "\n예산\n" in text and "\n실적 수치\n" in text
    assert "    예산현액 105,000 · 집행액 원인행위 55,820 · 집행액 지출액 55,820" in text
    assert "  - 뿌리과정: 10회, 135명  (328행)" in text
    # Each table caption is printed once, even when the line before names it.
    assert text.count("〈 마을실천대학 교육 체계도 〉") == 1
    missing = CliRunner().invoke(cli, ["--db", str(seed_db), "program", "없는사업이름xyz"])
    assert missing.exit_code != 0 and "없는사업이름xyz" in missing.output


def test_bad_numeric_settings_are_one_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 0 or a negative chunk size never finished chunking; a word was a traceback.
    cases = [
        ("KB_CHUNK_CHARS", "abc", "KB_CHUNK_CHARS='abc': 정수가 아닙니다"),
        ("KB_CHUNK_CHARS", "0", "KB_CHUNK_CHARS=0: 범위를 벗어났습니다"),
        ("KB_CHUNK_CHARS", "-5", "KB_CHUNK_CHARS=-5: 범위를 벗어났습니다"),
        ("KB_MAX_FILE_MB", "abc", "KB_MAX_FILE_MB='abc': 정수가 아닙니다"),
    ]
    for name, value, message in cases:
        monkeypatch.setenv(name, value)
        result = CliRunner().invoke(cli, ["--db", str(tmp_path / "k.db"), "stats"])
        monkeypatch.delenv(name)
        assert result.exit_code == 1, (name, value, result.output)
        assert message in result.output and result.output.count("\n") == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "청년", "--year", "99999999999999999999"],
        ["figures", "청년", "--year", "-3"],
        ["figures", "청년", "-n", "-1"],
        ["programs", "--year", "99999999999999999999"],
    ],
)
def test_out_of_range_arguments_are_refused_at_the_edge(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "k.db"), *args])
    assert result.exit_code == 2 and "범위를 벗어났습니다" in result.output, result.output
    assert not isinstance(result.exception, OverflowError)


def test_a_database_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, out = run("--db", str(tmp_path / "file" / "k.db"), "ingest", str(tmp_path / "file"))
    assert code == 1 and "폴더를 만들 수 없습니다" in out and "Traceback" not in out, out


def test_a_very_long_question_is_cut_not_choked_on(seed_db: Path) -> None:
    from kb.text import MAX_QUERY_CHARS, query_text

    question = "청년마을활동가 성장교육 예산 " * 6000  # 108,000 characters
    assert len(query_text(question)) == MAX_QUERY_CHARS
    code, out = run("--db", str(seed_db), "search", question, "-k", "1", "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 1 and "청년마을활동가" in hits[0]["section"], out[:300]


def test_db_option_after_the_command(seed_db: Path, tmp_path: Path) -> None:
    # As users type it: the group's options after the command name, in either spelling.
    code, out = run("search", "청년 활동가", "-k", "1", "--json", "--db", str(seed_db))
    assert code == 0 and json.loads(out)[0]["doc"]["year"] == 2019
    code, out = run("stats", f"--db={seed_db}", "--json")
    assert code == 0 and json.loads(out)["chunks"] > 0
    # After `--`, `--db` is the query's text, not an option.
    code, out = run("--db", str(tmp_path / "none.db"), "search", "--", "--db")
    assert "requires an argument" not in out and "No such option" not in out


def test_ingest_off_a_terminal_prints_a_line_per_document(tmp_path: Path) -> None:
    # A log file gets progress it can show (the bar draws nothing off a terminal).
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"보고서{k}.txt").write_text(f"Ⅰ. 현황\n조직 {k}국 5실 10팀\n", "utf-8")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "kb.db"), "ingest", str(folder)])
    assert result.exit_code == 0
    lines = [ln for ln in result.output.splitlines() if ln[:1].isdigit() and "/3 " in ln]
    assert [ln.split(" ", 1)[0] for ln in lines] == ["1/3", "2/3", "3/3"]
    assert all("보고서" in ln for ln in lines)


def test_kb_alone_shows_first_steps_in_korean() -> None:
    code, out = run()
    assert code == 0
    for command in ("kb ingest", "kb search", "kb tui"):
        assert command in out
    assert "색인에 넣습니다" in out and "Usage:" not in out  # not the English option list
