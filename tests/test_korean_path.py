"""Korean first, the whole path a new user walks (issue 17): ingest a folder of real reports
with broken files among them, search, find a figure, ask for it, check the index, mistype an
option, search an index that is not there. What kb itself says on the way is Korean: no
English word in its own lines, no English sentence around the reports' own words."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from kb.i18n import known
from tests.helpers import ROOT
from tests.test_cli_korean import ALLOWED, english_runs, run

REALDOCS = ROOT / "tests" / "data" / "realdocs"
GOOD = "fdi_2025q1_press.hwp"  # a quarterly release: 총투자 by quarter, in 억 달러
# An English word: two letters or more, one of them small (FAT, DIFAT, OLE are names).
WORD = re.compile(r"\b(?=[A-Za-z]*[a-z])[A-Za-z]{2,}\b")
# The usage line and the hint to the help page above a refused command line are the help's
# (tests/test_i18n.py): `kb search [옵션] QUERY`, `'kb search -h'`.
USAGE = re.compile(r"^(?:사용법|도움말): .*$", re.MULTILINE)


def english_words(text: str) -> list[str]:
    """Every English word left once the allowed names (formats, tools, paths, commands and
    values to type) and the usage line are taken out."""
    return WORD.findall(ALLOWED.sub(" ", USAGE.sub(" ", text)))


def test_the_english_word_detector_flags_single_words() -> None:
    assert english_words("정상  FTS5 검색  available") == ["available"]
    assert english_words("'xyz'은(는) 고를 수 있는 값이 아닙니다 (`hybrid`, `vector`)") == ["xyz"]
    assert english_words("사용법: kb search [OPTIONS] QUERY\n섹터 할당표(FAT)") == []
    assert english_words("정상  sqlite-vec 확장  불러옴 v0.1.9") == []
    assert english_words("실패: 보고서/잘린 통계.pdf: PDF에 쪽이 없습니다 (잘렸거나 손상됨)") == []


def _folder(tmp_path: Path) -> Path:
    """A good HWP and two broken files, cut from the real reports of tests/data."""
    folder = tmp_path / "보고서"
    folder.mkdir()
    shutil.copy(REALDOCS / GOOD, folder / GOOD)
    pdf = (REALDOCS / "fiscal_stats_2011_10.pdf").read_bytes()
    (folder / "잘린 통계.pdf").write_bytes(pdf[: len(pdf) // 2])
    hwp = (REALDOCS / "fiscal_stats_2010_11.hwp").read_bytes()
    (folder / "잘린 통계.hwp").write_bytes(hwp[:2000])
    return folder


def test_a_new_user_meets_no_english(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = str(tmp_path / "kb.db")
    # What kb says of its own (progress, failures, summaries, doctor, errors): every word.
    own: dict[str, str] = {}
    # Where the reports' text is shown (hits, figures, cards): no English sentence.
    shown: dict[str, str] = {}

    code, own["ingest"] = run("--db", db, "ingest", str(folder))
    assert code == 1, own["ingest"]  # two files failed, the good one is in
    failed = [ln for ln in own["ingest"].splitlines() if ln.startswith("실패: ")]
    assert len(failed) == 2, own["ingest"]
    assert any("잘린 통계.pdf: PDF에 쪽이 없습니다" in ln for ln in failed), failed
    assert any("잘린 통계.hwp: 잘린 HWP 파일입니다" in ln for ln in failed), failed
    assert "추가 1," in own["ingest"]

    code, shown["search"] = run("--db", db, "search", "해외직접투자 감소", "-k", "3")
    assert code == 0 and "151.3억 달러로" in shown["search"], shown["search"]
    code, shown["figures"] = run("--db", db, "figures", "총투자")
    assert code == 0 and "151.3" in shown["figures"], shown["figures"]
    code, shown["answer"] = run("--db", db, "answer", "2025년 1분기 총투자액")
    assert code == 0 and "151.3억 달러" in shown["answer"], shown["answer"]
    code, own["doctor"] = run("--db", db, "doctor")
    assert code == 0 and own["doctor"].startswith("정상"), own["doctor"]

    code, own["bad mode"] = run("--db", db, "search", "청년", "--mode", "bogus")
    assert code == 2 and "'bogus'" in own["bad mode"], own["bad mode"]
    code, own["bad year"] = run("--db", db, "figures", "총투자", "--year", "3000")
    assert code == 2, own["bad year"]
    code, own["no document"] = run("--db", db, "search", "총투자", "--doc", "없는문서")
    assert code == 1, own["no document"]
    code, own["no index"] = run("--db", str(tmp_path / "없음.db"), "search", "총투자")
    assert code == 1 and own["no index"].startswith("오류: "), own["no index"]

    own["bad mode"] = own["bad mode"].replace("'bogus'", "")  # the user's own word
    english = {k: english_words(v) for k, v in own.items() if english_words(v)}
    english |= {k: english_runs(v) for k, v in shown.items() if english_runs(v)}
    assert not english, english


def test_a_failed_file_is_told_in_english_on_request(tmp_path: Path) -> None:
    # The file is read in a child process that does not know --lang: the reason comes back
    # as the catalogue's key and is worded here, in the language asked for.
    folder = _folder(tmp_path)
    db = str(tmp_path / "kb.db")
    code, out = run("--db", db, "ingest", str(folder / "잘린 통계.pdf"), "--lang", "en")
    assert code == 1 and "잘린 통계.pdf: PDF has no pages (truncated or damaged)" in out, out
    code, out = run("--db", db, "ingest", str(folder / "잘린 통계.hwp"), "--lang", "en")
    assert code == 1 and "잘린 통계.hwp: damaged HWP: truncated, its sector" in out, out


def test_help_names_the_kinds_of_values_in_korean() -> None:
    code, ko = run("search", "-h")
    assert code == 0 and "사용법: kb search [옵션] QUERY" in ko and "-k 정수" in ko, ko
    assert "--doc 글자" in ko and "INTEGER" not in ko and "TEXT" not in ko, ko
    code, ko = run("-h")
    assert code == 0 and "kb [옵션] [명령] [인자]..." in ko and "--db 파일" in ko, ko
    code, en = run("search", "-h", "--lang", "en")
    assert code == 0 and "[OPTIONS] QUERY" in en and "-k INTEGER RANGE" in en, en
    code, ko = run("--version")
    assert code == 0 and ko.startswith("kb ") and ko.strip().endswith("판"), ko


def _calls(name: str) -> list[tuple[str, int, list[ast.expr]]]:
    """(file, line, arguments) of every call of `name` in kb/, index/, ingest/ and tui/."""
    found = []
    for pkg in ("kb", "index", "ingest", "tui"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    f = node.func
                    called = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                    if called == name:
                        found.append((path.name, node.lineno, node.args))
    return found


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    # A reason is worded far from where it is made (said() checks at once, t() only when
    # shown): a misspelt key would surface as a KeyError on a user's bad file.
    named = [
        (where, line, args[0].value)
        for name in ("t", "said")
        for where, line, args in _calls(name)
        if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str)
    ]
    assert len(named) > 200 and not [n for n in named if not known(n[2])]


def test_every_reason_a_reader_gives_is_a_key() -> None:
    # An IngestError with words written in place would reach a Korean user in English.
    literal = [
        (where, line, args[1].value)
        for where, line, args in _calls("IngestError")
        if len(args) > 1 and isinstance(args[1], ast.Constant) and not known(args[1].value)
    ]
    assert not literal, literal
