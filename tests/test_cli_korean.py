"""Korean first, the kb command's output: every command a user runs prints Korean by default
(no English sentence) and English with --lang en; places, dates and amounts are written as
Korean documents write them; errors end in `오류: …`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.changes import answer_change
from kb.cli import cli
from kb.i18n import set_language
from kb.present.labels import label
from kb.present.values import as_of_text, date_text, in_won, lines_at, spot, where, with_unit
from kb.trends import build_series
from tests.helpers import ROOT
from tests.helpers import trend_figure as fig

# Words allowed in a Korean line: names of formats, tools and kb's own commands and options.
ALLOWED = re.compile(
    r"`[^`]*`"  # a command to type: `kb ingest 경로`
    r"|--?[a-z][a-z-]*"  # an option: --year
    r"|\S*[/\\]\S*"  # a path
    r"|\S+\.(?:txt|db|md|hwpx?|pdf|docx|xlsx|html?)\b"  # a file name
    r"|\b(?:kb|PDF|HWPX?|DOCX|XLSX|HTML|TXT|MD|e5|sqlite-vec|SQLite|sqlean|FTS5|MB|tesseract|"
    r"kor|Q)\b"
)
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z']*(?:[ ,;:]+[A-Za-z][a-z']*)+\b")


def english_runs(text: str) -> list[str]:
    """Runs of two or more English words left once the allowed names are taken out."""
    return ENGLISH_RUN.findall(ALLOWED.sub(" ", text))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), terminal_width=100, prog_name="kb")
    return result.exit_code, result.output


def test_the_english_detector_flags_sentences_and_lets_names_pass() -> None:
    assert english_runs("No results for “청년”. Try fewer words") == [
        "No results for",
        "Try fewer words",
    ]
    assert english_runs("조각 94개를 /tmp/kb.db에 썼습니다 (`kb ingest corpus/`)") == []
    assert english_runs("정상  sqlite-vec 확장  임베더 e5 (384차원)  report.hwp 12쪽") == []


# (command line, words the English output must hold)
COMMANDS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("search", "청년마을활동가 성장교육", "-k", "3"), ("score", "line")),
    (("figures", "청년마을활동가", "성장교육"), ("program", "measure", "as of", "all from")),
    (("figures", "없는사업이름xyz"), ("No figures match",)),
    (("program", "청년마을활동가", "성장교육"), ("objective", "budget", "source")),
    (("answer", "청년마을활동가", "성장교육", "집행률"), ("source", "unit", "as of")),
    (("answer", "주민자치회", "관련", "연구", "목록"), ("No stored figure surely answers",)),
    (("studies", "youth", "jobs", "research"), ("nearest by meaning",)),
    (("programs", "--year", "2019"), ("programs",)),
    (("stats",), ("documents", "chunks", "embedder")),
]


@pytest.mark.parametrize(("args", "english"), COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_commands_speak_korean_and_english_on_request(
    seed_db: Path, args: tuple[str, ...], english: tuple[str, ...]
) -> None:
    code, ko = run("--db", str(seed_db), *args)
    assert code == 0, ko
    # The question and the report's own words are the user's; what kb writes is Korean.
    said = ko.replace("youth jobs research", "")
    assert re.search("[가-힣]", said) and not english_runs(said), english_runs(said)
    code, en = run("--db", str(seed_db), *args, "--lang", "en")
    assert code == 0, en
    flat = " ".join(en.split())
    assert all(word in flat for word in english), (english, en)


def test_places_dates_and_amounts_are_written_as_korean_documents_write_them(
    seed_db: Path,
) -> None:
    _, figures = run("--db", str(seed_db), "figures", "청년마을활동가", "성장교육")
    assert "2019. 9. 30." in figures and "405행" in figures and "기준" in figures
    _, card = run("--db", str(seed_db), "answer", "청년마을활동가", "성장교육", "예산", "만원")
    assert "(단위: 천원 · 2019. 9. 30. 기준)" in card
    assert "예산현액: 70,000천원 (7,000만원)" in card  # asked in won: 만원 beside the report's
    assert ".txt:405행 · " in card
    _, en = run(
        "--db", str(seed_db), "answer", "청년마을활동가", "성장교육", "예산", "--lang", "en"
    )
    assert "as of 2019-09-30" in en and "70,000 천원" in en and "만원" not in en


def test_doctor_names_its_checks_in_korean(seed_db: Path) -> None:
    code, out = run("--db", str(seed_db), "doctor")
    assert code == 0, out
    lines = out.splitlines()
    assert all(line.startswith("정상  ") for line in lines), out
    # Every check says it in Korean, index/health.py's details of the index too.
    assert not english_runs(out), english_runs(out)
    assert "불러옴 v" in out and "조각 " in out and "(384차원)로 만듦" in out
    assert "문서 1개, 조각" in out
    code, en = run("--db", str(seed_db), "doctor", "--lang", "en")
    assert code == 0 and "embedder" in en and "1 documents" in en and "정상" not in en


def test_ingest_speaks_korean_and_english(tmp_path: Path) -> None:
    doc = tmp_path / "보고서.txt"
    doc.write_text("□ 사업 개요\n○ 청년 활동가 교육 12회, 참여 30명\n", encoding="utf-8")
    db = str(tmp_path / "kb.db")
    code, out = run("--db", db, "ingest", str(doc))
    assert code == 0, out
    assert "추가 1, 교체 0, 그대로 0, 이름 바뀜 0, 실패 0; 조각" in out
    assert "낱말로 찾을 수 있음" in out and not english_runs(out), english_runs(out)
    code, again = run("--db", db, "ingest", str(doc), "--prune", "--lang", "en")
    assert code == 0 and "0 added, 0 replaced, 1 unchanged, 0 renamed, 0 pruned, 0 failed" in again


def test_errors_end_in_korean_and_in_english_on_request(seed_db: Path) -> None:
    code, out = run("--db", str(seed_db), "program", "없는사업이름xyz")
    assert code == 1 and "오류: '없는사업이름xyz'에 맞는 사업이 없습니다" in out
    assert "Error" not in out
    code, out = run("--db", str(seed_db), "search")  # a missing argument
    assert code == 2 and "오류: 인자가 없습니다: 'QUERY'" in out and "사용법:" in out
    assert not english_runs(out), out
    code, out = run("search", "청년", "--bogus")
    assert code == 2 and "오류: 그런 옵션은 없습니다: --bogus" in out
    code, out = run("serch", "청년")  # a typo of a command: its nearest named
    assert code == 2 and "오류: 그런 명령은 없습니다: serch (search?)" in out
    code, out = run("figures", "--year", "3000")
    assert code == 2 and "오류: '--year'의 값이 맞지 않습니다" in out
    code, out = run("--db", str(seed_db), "program", "없는사업이름xyz", "--lang", "en")
    assert code == 1 and "Error: no program matches '없는사업이름xyz'" in out
    code, out = run("search", "--lang", "en")
    assert code == 2 and "Error: Missing argument 'QUERY'." in out and "Usage:" in out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ko",
            ["12쪽", "405행", "12쪽", "405행", "328, 330행", "2019. 9. 30.", "2019. 9. 30. 기준"],
        ),
        ("en", ["p.12", "line 405", "p.12", "405", "328, 330", "2019-09-30", "as of 2019-09-30"]),
    ],
)
def test_places_and_dates_in_both_languages(lang: str, expected: list[str]) -> None:
    set_language(lang)  # type: ignore[arg-type]
    got = [
        where(12, 3),
        where(None, 405),
        spot(12, 3),
        spot(None, 405),
        lines_at([328, 330]),
        date_text("2019-09-30"),
        as_of_text("2019-09-30"),
    ]
    assert got == expected
    assert date_text("2019-09") == ("2019. 9." if lang == "ko" else "2019-09")
    assert date_text("어제") == "어제" and as_of_text("") == ""  # unreadable: as stored


def test_amounts_and_labels_in_both_languages() -> None:
    set_language("ko")
    assert with_unit("70,000", "천원") == "70,000천원" and with_unit("729", "명") == "729명"
    assert with_unit("141.5", "억 달러") == "141.5억 달러" and with_unit("64", "%") == "64%"
    assert in_won(70_000, 1000) == "7,000만원" and in_won(1_607_414, 1000) == "160,741.4만원"
    assert label("objective") == "목적" and label("source") == "출처"
    set_language("en")
    assert with_unit("70,000", "천원") == "70,000 천원" and with_unit("729", "명") == "729명"
    assert in_won(70_000, 1000) == "70,000,000 won"
    assert label("objective") == "objective" and label("source") == "source"


# Rich styles, written as words in the skin's code.
STYLES = {"bold", "dim", "cyan", "green", "red", "yellow", "italic"}


def _literals(path: Path) -> list[str]:
    """A file's string constants, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_the_cli_skin_and_the_cards_spell_no_english_sentence() -> None:
    # What a user reads is the catalogue's (kb/i18n/output.py): an English sentence written in
    # the skin or the cards would print in a Korean session.
    files = [ROOT / "kb" / "render.py", *sorted((ROOT / "kb" / "present").glob("*.py"))]
    for path in files:
        for text in _literals(path):
            if set(text.split()) <= STYLES:
                continue
            assert not english_runs(text), (path.name, text)


def test_a_refused_change_says_why_in_the_language_in_use() -> None:
    series = build_series(
        "총투자",
        [
            fig(162.5, "2025-Q1", "q1.hwpx", "2025-06-01"),
            fig(141.5, "2025-Q2", "q2.hwpx", "2025-09-19"),
        ],
    )
    question = "2025년 2분기 총투자 전월 대비"
    set_language("ko")
    ko = answer_change(question, series)
    assert ko is not None and ko.refused == (
        "2025년 2분기은 월 값이 아니어서 전월과 비교하지 않습니다"
    )
    set_language("en")
    en = answer_change(question, series)
    said = "2025-Q2 is not a month's value: not compared with the month before"
    assert en is not None and en.refused == said
