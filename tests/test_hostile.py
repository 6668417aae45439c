"""Hostile files: small inputs that once took a whole machine, each read within a budget.

Every case runs in a child process so its time and peak memory are its own (os.wait4 gives
the child's resource use); the bound is 10 s and 1 GB for a file under 1 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from ingest import pipeline
from ingest.pipeline import parse_file
from ingest.watchdog import parse_guarded
from kb.cli import cli
from kb.errors import IngestError
from kb.i18n import set_language
from tests.helpers import make_xlsx


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers' reasons are checked in English, the words these tests were written in
    (here and in the processes they start); tests/test_bad_files.py checks both languages."""
    monkeypatch.setenv("KB_LANG", "en")
    set_language(None)


ROOT = Path(__file__).resolve().parents[1]
SECONDS, MEGABYTES = 10.0, 1024


def _column(n: int) -> str:
    """Spreadsheet column letters of a 0-based index (0 → A, 26 → AA)."""
    out, n = "", n + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _rewrite(path: Path, parts: dict[str, str]) -> Path:
    """The zip package at path with some parts replaced."""
    with zipfile.ZipFile(path) as z:
        old = {n: z.read(n) for n in z.namelist()}
    old.update({n: x.encode("utf-8") for n, x in parts.items()})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in old.items():
            z.writestr(name, data)
    return path


def diagonal_xlsx(path: Path, n: int = 1400, sheets: int = 1) -> Path:
    """Cells on a diagonal (row i, column i): a 1400 x 1400 grid holding 1400 values."""
    make_xlsx(path, {f"표{k}": [["x"]] for k in range(sheets)})
    rows = "".join(
        f'<row r="{i + 1}"><c r="{_column(i)}{i + 1}"><v>{i}</v></c></row>' for i in range(n)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    return _rewrite(path, {f"xl/worksheets/sheet{k + 1}.xml": sheet for k in range(sheets)})


def nested_runs_xlsx(path: Path, depth: int = 100_000) -> Path:
    """A shared string of 100,000 rich-text runs nested in each other."""
    make_xlsx(path, {"표": [["깊다"]]})
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>'
        + "<r>" * depth
        + "<t>깊다</t>"
        + "</r>" * depth
        + "</si></sst>"
    )
    return _rewrite(path, {"xl/sharedStrings.xml": sst})


def blank_pages_pdf(path: Path, pages: int = 5000) -> Path:
    """A PDF of 5,000 empty pages (under 1 MB)."""
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page()
    doc.save(path, garbage=1, deflate=True)
    return path


def _bounded(code: str) -> tuple[str, float, float]:
    """Run Python code in a child; its output, seconds and peak memory (MB) as its own."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=out, stderr=out)
        timer = threading.Timer(SECONDS * 3, proc.kill)  # a hang fails, never blocks the suite
        timer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)  # reaped here: the rusage is this child's
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return text, time.perf_counter() - start, usage.ru_maxrss / 1024


READ = (
    "import sys\n"
    "from pathlib import Path\n"
    "from ingest.pipeline import parse_file\n"
    "from kb.errors import IngestError\n"
    "try:\n"
    "    d = parse_file(Path(sys.argv[1]) if len(sys.argv) > 1 else Path({path!r}))\n"
    "    print('chunks', len(d.chunks), 'longest', max(len(c.text) for c in d.chunks))\n"
    "except IngestError as e:\n"
    "    print('error:', e)\n"
)

CASES = {
    "diagonal.xlsx": (diagonal_xlsx, "chunks"),
    "nested.xlsx": (nested_runs_xlsx, "error:"),
    "blank.pdf": (blank_pages_pdf, "error:"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_read_within_budget(tmp_path: Path, name: str) -> None:
    make, expect = CASES[name]
    path = make(tmp_path / name)
    assert path.stat().st_size < 2**20
    out, seconds, peak_mb = _bounded(READ.format(path=str(path)))
    assert "Traceback" not in out, out
    assert out.startswith(expect), out
    assert seconds < SECONDS and peak_mb < MEGABYTES, (seconds, peak_mb)
    if expect == "error:":
        assert str(path) in out and out.count("\n") == 1  # one line: the file and why


def test_sparse_grid_is_read_as_lines_not_padded_rows(tmp_path: Path) -> None:
    doc = parse_file(diagonal_xlsx(tmp_path / "d.xlsx"))
    assert not doc.tables  # not a 1400-column table
    assert max(len(c.text) for c in doc.chunks) <= 2 * 700
    words = " ".join(c.text for c in doc.chunks).split()
    assert {"0", "700", "1399"} <= set(words)  # every value kept


def test_nested_runs_named_not_a_recursion_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as info:
        parse_file(nested_runs_xlsx(tmp_path / "n.xlsx"))
    assert "Recursion" not in info.value.reason


def test_blank_pages_say_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no text layer: page count 5000"):
        parse_file(blank_pages_pdf(tmp_path / "b.pdf"))


def test_headings_with_nothing_under_them_are_indexed(tmp_path: Path) -> None:
    lines = ["□ 참석자: 마을활동가 10명", "□ 장소: 서울시청", "Ⅰ. 개요", "□ 일시: 2024. 3. 5."]
    path = tmp_path / "회의.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stored = "\n".join(c.text for c in parse_file(path).chunks)
    assert all(line in stored for line in lines), stored
    only = tmp_path / "목차.txt"
    only.write_text("Ⅰ. 개요\n□ 추진 배경\n", encoding="utf-8")
    assert "□ 추진 배경" in parse_file(only).chunks[0].text


def test_too_many_passages_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_CHUNKS", 5)
    path = tmp_path / "dump.txt"
    path.write_text("\n\n".join(f"{k}번째 문단 " * 30 for k in range(20)), encoding="utf-8")
    with pytest.raises(IngestError, match=r"passages, over the limit of 5 per document"):
        parse_file(path)


def test_document_markup_is_printed_as_written(tmp_path: Path) -> None:
    src = tmp_path / "표기.txt"
    src.write_text(
        "청년 활동가 [bold]교육[/bold] 예산 [/red] [link=http://x]여기[/link]\n", "utf-8"
    )
    db = tmp_path / "kb.db"
    assert CliRunner().invoke(cli, ["--db", str(db), "ingest", str(src)]).exit_code == 0
    out = CliRunner().invoke(cli, ["--db", str(db), "search", "청년 활동가 교육"]).output
    # The snippet line: brackets and all, as the document has it.
    assert "[bold]교육[/bold] 예산 [/red] [link=http://x]여기[/link]" in out, out


def test_watchdog_abandons_a_file_over_its_time(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(("마을활동가 교육 예산 집행 현황 보고 " * 20 + "\n") * 20_000, "utf-8")
    start = time.perf_counter()
    with pytest.raises(IngestError, match=r"abandoned: still parsing after 0.2 s"):
        parse_guarded(path, 700, None, seconds=0.2, memory_mb=2048)
    assert time.perf_counter() - start < 5.0


def test_watchdog_abandons_a_file_over_its_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(("마을활동가 교육 예산 집행 현황 보고 " * 20 + "\n") * 20_000, "utf-8")
    with pytest.raises(IngestError, match=r"abandoned: needs more than 100 MB"):
        parse_guarded(path, 700, None, seconds=60, memory_mb=100)


def test_watchdog_returns_the_document_it_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("Ⅰ. 일반 현황\n조직 2국 5실 10팀\n", "utf-8")
    doc = parse_guarded(path, 700, None, seconds=60, memory_mb=2048)
    assert doc.chunks and "5실 10팀" in doc.chunks[0].text


def test_batch_of_hostile_files_reports_each_and_stores_the_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    bad = {
        "nested.xlsx": (nested_runs_xlsx, "no cell values found"),
        "blank.pdf": (lambda p: blank_pages_pdf(p, pages=200), "no text layer"),
    }
    for name, (make, _reason) in bad.items():
        make(folder / name)
    diagonal_xlsx(folder / "diagonal.xlsx", n=300)
    (folder / "좋은 보고서.txt").write_text("Ⅰ. 일반 현황\n조직 2국 5실 10팀\n", "utf-8")
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(folder)])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert len(errors) == len(bad), result.output
    for name, (_make, reason) in bad.items():
        assert any(name in ln and reason in ln for ln in errors), errors
    assert "2 added," in result.output and "Traceback" not in result.output


def test_a_bug_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kb import cli as cli_module
    from kb.facade import KnowledgeBase

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in kb")

    monkeypatch.setattr(KnowledgeBase, "stats", broken)
    monkeypatch.setattr(sys, "argv", ["kb", "--db", str(tmp_path / "kb.db"), "stats"])
    monkeypatch.delenv("KB_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        cli_module.main()
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.count("\n") == 1 and "Error: internal error (RuntimeError: a bug in kb)" in err
    assert "Traceback" not in err


def test_a_file_name_cannot_drive_the_terminal(tmp_path: Path) -> None:
    # File names are the user's, not the document's, but they reach the screen just the same.
    src = tmp_path / "보고\x1b]0;title\x07서\x1b[2J.txt"
    src.write_text("청년 활동가 교육 예산 70,000천원\n", "utf-8")
    broken = tmp_path / "빈\x1b[31m파일.txt"
    broken.write_bytes(b"")
    db = tmp_path / "kb.db"
    out = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(src), str(broken)]).output
    assert "1 added," in out and "empty file" in out
    for args in (
        ["search", "청년 활동가 교육"],
        ["stats"],
        ["answer", "청년 활동가 예산"],
    ):
        result = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 0, (args, result.output)
        assert args[0] == "search" or "보고" in result.output  # the file named, made safe
        shown = result.output
        assert not any(ch < " " and ch not in "\t\n" for ch in shown), (args, shown)


def test_watchdog_child_sees_the_environment_of_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The parse server may have started long ago (an earlier ingest in this process); a
    # setting changed since, such as KB_OCR, still reaches the child that reads the file.
    from ingest import ocr

    release = Path(__file__).parent / "data" / "realdocs" / "fdi_2025q2_press.hwpx"
    parse_guarded(release, 700, None, seconds=60, memory_mb=2048)  # the server runs now
    monkeypatch.setenv("KB_OCR", "off")
    doc = parse_guarded(release, 700, None, seconds=60, memory_mb=2048)
    assert doc.organisation == "대외경제국"  # the bureau: the logo was not read
    monkeypatch.delenv("KB_OCR")
    ocr.available.cache_clear()
    if ocr.available():
        assert parse_guarded(release, 700, None, 60, 2048).organisation == "기획재정부"
