"""Programs across years (issue 13): the same program in reports of different years.

The sample report (corpus/, 2019) is one year. The second is GENERATED here from a copy of
its text (a legitimate generated fixture, not a real report): the year moved to 2020, one
program renamed slightly (a word added: 전문인력 교육 개발 및 운영 → 전문인력 교육과정 개발 및
운영), one dropped (자치구 마을생태계 기반조성), one added (마을기록 디지털 아카이브 구축) and
two budget rows changed. The renaming threshold is checked on the pairs it was fitted on:
the sample report's own ways of naming one program (its outline list, its headings, its
budget rows, its closing 세부사업별 예산현황) against all pairs of its distinct programs.
"""

from __future__ import annotations

import io
import itertools
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from index.program_years import SAME_PROGRAM, name_match, pair_programs
from kb.cli import cli
from kb.facade import KnowledgeBase
from kb.present.plain import answer_text
from kb.text import compact
from kb.types import FigureRow, Program
from tests.conftest import copied_to_server, server_kb
from tests.helpers import SEED, make_kb

# A program section the generated year adds, in the sample report's own form.
NEW_PROGRAM = """
- ◆ 마을의 기록을 모아 누구나 찾아볼 수 있는 디지털 아카이브 구축

□ 사업내용

- 마을공동체 활동 기록 수집 및 디지털화
 - 자치구별 마을기록 수집단 운영

□ 추진실적

- 마을기록 수집 워크숍 운영(4회, 52명)

※ 예산집행 현황

(단위 : 천원, '19.09.30. 기준)

사업명	예산현액	집행액		집행률(%)		'19년말 집행예상	
		원인행위	지출액	원인행위	지출액	예상액	집행률
마을기록 디지털 아카이브 구축	50,000	20,000	15,000	40%	30%	50,000	100%

□ 향후계획

- 디지털 아카이브 공개 : '19.12월
"""
RENAMED = ("전문인력 교육 개발 및 운영", "전문인력 교육과정 개발 및 운영")
DROPPED = "자치구 마을생태계 기반조성"
ADDED = "마을기록 디지털 아카이브 구축"
# 청년마을활동가 성장교육: 예산현액 and 지출액 of its budget row, 2019 → 2020.
YOUTH_2019 = "청년마을활동가 성장교육\t70,000\t54,648\t24,049\t78%\t34%\t70,000"
YOUTH_2020 = "청년마을활동가 성장교육\t84,000\t60,120\t41,300\t72%\t49%\t84,000"


def second_year(text: str) -> str:
    """The sample report made a 2020 report: one program renamed, one dropped, one added,
    budget figures changed, every year moved on by one."""
    lines = text.split("\n")
    # The dropped program: its entries in the outline and its section (up to group 5).
    start = next(i for i, s in enumerate(lines) if s.startswith("- ◆ 서울시 마을공동체 지원사업의"))
    end = next(i for i, s in enumerate(lines) if i > start and s.startswith("5. 생활권"))
    lines = [s for s in lines[:start] + lines[end:] if compact(s).lstrip("③") != compact(DROPPED)]
    out: list[str] = []
    for s in lines:
        if s.startswith("2019년도 세부사업별 예산현황"):  # the new program's section before it
            out.extend([*NEW_PROGRAM.strip("\n").split("\n"), ""])
        out.append(s)
        if s.strip() == "- ③ 동단위 마을자치조성 지원사업":  # the outline's list of group 5
            out.append(f"- ④ {ADDED}")
        if s.strip() == "③ 동단위 마을자치생태계조성 지원사업":  # group 5's own list
            out.extend(["", f"④ {ADDED}"])
    new = "\n".join(out).replace(*RENAMED).replace(YOUTH_2019, YOUTH_2020)
    for a, b in (("2019", "2020"), ("’19", "’20"), ("'19", "'20"), ("‘19", "‘20")):
        new = new.replace(a, b)
    return new


@pytest.fixture(scope="module")
def two_years_file(
    tmp_path_factory: pytest.TempPathFactory, seed_db: Path
) -> Iterator[tuple[KnowledgeBase, Path]]:
    """The sample report and its generated next year, ingested once for this module.

    The session's index of the sample report is copied and the next year added to the copy:
    embedding the sample report a second time took ~40 s of the suite."""
    root = tmp_path_factory.mktemp("years")
    text = SEED.read_text(encoding="utf-8")
    assert RENAMED[0] in text and YOUTH_2019 in text and DROPPED in text  # the edits apply
    generated = root / "2020-11_seoul-maeul-center_council-work-report.txt"
    generated.write_text(second_year(text), encoding="utf-8")
    shutil.copyfile(seed_db, root / "years.db")
    kb = make_kb(root / "years.db")
    report = kb.ingest([SEED, generated])
    assert report.ok and len(report.added) == 1 and len(report.unchanged) == 1, report
    yield kb, root / "years.db"
    kb.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def two_years(
    request: pytest.FixtureRequest,
    two_years_file: tuple[KnowledgeBase, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[KnowledgeBase, str]]:
    """The two years and their --db on each backend in turn: the file, then a server database
    it is copied into (`kb copy`: not embedded again)."""
    kb, db = two_years_file
    if request.param == "sqlite":
        yield kb, str(db)
        return
    url = copied_to_server(db, request.getfixturevalue("pg_server"))
    on_server = server_kb(url, tmp_path_factory.mktemp("pgyears"))
    yield on_server, url
    on_server.close()


# -- the threshold, on the pairs it was fitted on -------------------------------------------

# One program named two ways in the sample report (all as printed there).
SAME = [
    ("동단위 마을자치조성 지원사업", "동단위 마을자치생태계조성 지원사업"),  # list / heading
    ("서울형 커뮤니티 활성화 지원사업", "서울형 커뮤니티 활성화"),  # heading / budget row
    ("공동체공간 활성화 지원사업", "공동체공간 활성화"),  # heading / budget row
    ("서울형 커뮤니티 활성화 지원사업", "서울형 커뮤니티거점 활성화지원사업"),  # closing table
    ("대외 협력 연계망 구축 및 대외 홍보", "대외협력 연계망 구축"),  # heading / budget row
    ("동단위 마을자치생태계조성 지원사업", "마을자치조성지원"),  # heading / budget row
]


def test_the_threshold_separates_the_sample_reports_namings(
    two_years: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = two_years
    text = SEED.read_text(encoding="utf-8")
    for a, b in SAME:
        assert a in text and b in text
        assert name_match(a, b) >= SAME_PROGRAM, (a, b)
    programs = [p.name for p in kb.programs(2019)]
    assert len(programs) == 11
    above = [
        (a, b) for a, b in itertools.combinations(programs, 2) if name_match(a, b) >= SAME_PROGRAM
    ]
    # Distinct programs stay below it but one pair, a word added making another program;
    # the one-to-one pairing keeps it apart (each finds its own name first).
    assert above == [("마을활동가 성장교육", "청년마을활동가 성장교육")]
    gap_low = max(
        name_match(a, b) for a, b in itertools.combinations(programs, 2) if (a, b) not in above
    )
    gap_high = min(name_match(a, b) for a, b in SAME)
    assert gap_low < SAME_PROGRAM < gap_high
    assert abs(SAME_PROGRAM - (gap_low + gap_high) / 2) < 0.02  # the middle of the gap


def prog(name: str) -> Program:
    return Program(2019, "", "", name, "", "", "", "", "", 1)


def test_pairing_is_one_to_one_same_names_first() -> None:
    older = [prog("마을활동가 성장교육"), prog("청년마을활동가 성장교육")]
    newer = [prog("청년마을활동가 성장교육"), prog("마을활동가 성장교육 지원")]
    pairs = {(i, j) for i, j, _s in pair_programs(older, newer)}
    assert pairs == {(1, 0), (0, 1)}
    # Alone, a word added reads as a renaming: nothing else tells the two apart.
    assert pair_programs([prog("마을활동가 성장교육")], [prog("청년마을활동가 성장교육")])
    assert pair_programs(older[:1] + older[1:], newer[:1]) == [(1, 0, 1.0)]


# -- the two years ----------------------------------------------------------------------


def test_a_years_tree_marks_new_renamed_and_discontinued(
    two_years: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = two_years
    marks = kb.program_marks(2020)
    status = {m.program.name: (m.status, m.previous_name) for m in marks}
    assert status[RENAMED[1]] == ("renamed", RENAMED[0])
    assert status[ADDED] == ("new", None)
    assert status[DROPPED] == ("discontinued", None)
    gone = next(m for m in marks if m.status == "discontinued")
    assert (gone.year, gone.program.year) == (2020, 2019)  # marked in 2020, a 2019 program
    others = [m for m in marks if m.program.name not in (RENAMED[1], ADDED, DROPPED)]
    assert len(others) == 9 and all(m.status == "continued" for m in others)
    # 2019 has no report of the year before: nothing is marked.
    assert {m.status for m in kb.program_marks(2019)} == {None}


def cited(row: FigureRow | None, text: str, label: str) -> str:
    """The value of a cited budget figure, checked against its report's row of `label`."""
    assert row is not None
    printed = next(s for s in text.split("\n") if s.startswith(label + "\t"))
    assert row.value_text in printed.split("\t")
    return row.value_text


def test_years_side_by_side_with_their_sources(two_years: tuple[KnowledgeBase, str]) -> None:
    kb, db = two_years
    texts = {y: Path(p).read_text(encoding="utf-8") for y, p in docs(kb).items()}
    found = kb.program(RENAMED[1])
    assert found is not None and found.year == 2020
    history = kb.program_history(found)
    assert [(y.year, y.program.name, y.status) for y in history.years] == [
        (2019, RENAMED[0], None),
        (2020, RENAMED[1], "renamed"),
    ]
    for y in history.years:
        assert y.budget is not None and y.spent is not None and y.results
        assert y.budget.doc == y.program.doc == y.results[0].doc  # each from its year's report
        label = y.program.name
        assert cited(y.budget, texts[y.year], label) == "144,029"
        assert cited(y.spent, texts[y.year], label) == "85,369"
    youth = kb.program_history(kb.program("청년마을활동가 성장교육", 2019) or prog(""))
    budgets = [(y.year, y.budget.value if y.budget else None) for y in youth.years]
    assert budgets == [(2019, 70_000), (2020, 84_000)]  # the generated year's new figures
    spent = [cited(y.spent, texts[y.year], "청년마을활동가 성장교육") for y in youth.years]
    assert spent == ["24,049", "41,300"]
    # Followed from either year, the same history.
    older = kb.program(RENAMED[0], 2019)
    assert older is not None
    assert [y.program.name for y in kb.program_history(older).years] == [RENAMED[0], RENAMED[1]]
    # A new program has one year; a dropped one too.
    added = kb.program(ADDED)
    assert added is not None and [y.status for y in kb.program_history(added).years] == ["new"]
    dropped = kb.program(DROPPED)
    assert dropped is not None and dropped.year == 2019
    gone = kb.program_history(dropped)
    assert [y.year for y in gone.years] == [2019] and gone.discontinued_in == 2020
    assert history.discontinued_in is None and youth.discontinued_in is None


def docs(kb: KnowledgeBase) -> dict[int, str]:
    return {p.year: p.doc for p in kb.programs() if p.year is not None}


def test_cli_program_and_programs_show_and_carry_the_years(
    two_years: tuple[KnowledgeBase, str],
) -> None:
    _kb, db = two_years
    run = CliRunner()
    text = run.invoke(cli, ["--db", db, "program", "전문인력", "교육과정", "개발"])
    assert text.exit_code == 0, text.output
    assert "연도별" in text.output and "144,029천원" in text.output and "2019" in text.output
    ended = run.invoke(cli, ["--db", db, "program", DROPPED])
    assert ended.exit_code == 0 and "2020년 보고서에는 이 사업이 없습니다" in ended.output
    out = json.loads(run.invoke(cli, ["--db", db, "program", RENAMED[1], "--json"]).output)
    assert [y["year"] for y in out["years"]] == [2019, 2020]
    assert out["years"][1]["status"] == "renamed"
    assert out["years"][1]["previous_name"] == RENAMED[0]
    assert out["years"][0]["budget"]["value"] == 144_029 and out["years"][0]["budget"]["line"]
    assert out["discontinued_in"] is None
    tree = run.invoke(cli, ["--db", db, "programs", "--year", "2020"])
    assert tree.exit_code == 0, tree.output
    assert "신규" in tree.output and "명칭 변경" in tree.output and "지난해까지" in tree.output
    listed = json.loads(run.invoke(cli, ["--db", db, "programs", "--json"]).output)
    by = {(p["year"], p["name"], p["status"]) for p in listed}
    assert (2020, ADDED, "new") in by and (2020, RENAMED[1], "renamed") in by
    assert (2019, DROPPED, "discontinued") in by and (2019, DROPPED, None) in by
    gone = next(p for p in listed if p["status"] == "discontinued")
    assert gone["discontinued_in"] == 2020


def test_a_change_question_across_the_two_years(two_years: tuple[KnowledgeBase, str]) -> None:
    kb, _db = two_years
    card = kb.answer("청년마을활동가 성장교육 예산 작년보다 늘었나")
    answer = card.change
    assert answer is not None and answer.before is not None and answer.after is not None
    assert (answer.label, answer.column, answer.unit) == (
        "청년마을활동가 성장교육",
        "예산현액",
        "천원",
    )
    assert [p.current.value_text for p in (answer.before, answer.after)] == ["70,000", "84,000"]
    assert [p.current.doc for p in (answer.before, answer.after)] == [
        docs(kb)[2019],
        docs(kb)[2020],
    ]
    assert answer.change is not None and answer.change.absolute == 14_000
    assert "증감: +14,000천원 (+20.0%)" in answer_text(card)
    rate = kb.change_answer("청년마을활동가 성장교육 집행률 전년 대비")
    assert rate is not None and rate.unit == "%" and rate.change is not None
    assert rate.change.absolute == 49 - 34  # 지출 집행률, in points
    assert "증감: +15%p" in answer_text(kb.answer("청년마을활동가 성장교육 집행률 전년 대비"))


# -- the Programs screen (TUI) ------------------------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"


def plain(renderable: object, width: int = 120) -> str:
    """What a Rich renderable (text, table) reads as, at a width."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


@pytest.mark.anyio
async def test_the_programs_screen_marks_each_year_and_shows_the_years_side_by_side(
    two_years_file: tuple[KnowledgeBase, Path],
) -> None:
    from textual.widgets import Static, Tree

    from tests.helpers import settle
    from tui.app import create_app
    from tui.programs import ProgramsView

    # On the file only: the screen draws what the facade returns, and the facade's answers
    # are the same on the server (the tests above); the TUI on a server: test_pg_faces.py.
    kb, db = two_years_file
    app = create_app(make_kb(db))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        view = app.query_one(ProgramsView)
        marks = kb.program_marks()  # the facade's marks, as `kb programs` prints them
        assert view.marks == marks
        tree = view.query_one("#prog-tree", Tree)

        def walk(node):  # type: ignore[no-untyped-def]
            for child in node.children:
                yield child
                yield from walk(child)

        nodes = list(walk(tree.root))
        years = {n.label.plain: n for n in tree.root.children}
        assert set(years) == {"2019", "2020"}
        # Under a year, the year before's programs it lacks sit on a branch of their own,
        # each leaf holding the year before's program.
        gone = [
            n
            for year, node in years.items()
            for n in node.children
            if n.children
            and all(c.data is not None and c.data.year != int(year) for c in n.children)
        ]
        assert len(gone) == 1 and gone[0].parent is years["2020"]
        assert "지난해까지" in gone[0].label.plain
        assert [(c.data.year, c.data.name) for c in gone[0].children] == [(2019, DROPPED)]
        listed = {
            (n.data.year, n.data.name): n.label.plain
            for n in nodes
            if n.data is not None and n.parent is not gone[0]
        }
        assert len(listed) == len({(p.year, p.name) for p in kb.programs()})
        marked = {
            (m.program.year, m.program.name): m for m in marks if m.status in ("new", "renamed")
        }
        assert {key[1] for key in marked} == {ADDED, RENAMED[1]}
        for key, m in marked.items():
            label = listed[key]
            assert ("신규" if m.status == "new" else "명칭 변경") in label
            if m.status == "renamed":
                assert label.endswith(f"← {RENAMED[0]}")
        others = [label for key, label in listed.items() if key not in marked]
        assert others and not any("신규" in x or "명칭 변경" in x for x in others)
        # A renamed program's card ends with its two years side by side, each cited.
        program = view.select(lambda p: p.name == RENAMED[1])
        assert program is not None
        await settle(pilot)
        assert view.current_history == kb.program_history(program)
        side = plain(view.query_one("#prog-years", Static).content)
        assert "연도별" in side and "2019" in side and "2020" in side
        assert compact(RENAMED[0]) in compact(side) and "명칭 변경" in side
        assert side.count("144,029천원") == 2 and side.count("85,369천원") == 2
        for y in view.current_history.years:  # each year's budget row cited in its report
            # (a long file name is shortened in the table; the line stays whole)
            assert y.budget is not None and f":{y.budget.line}" in side
        # The discontinued one (first under 2020's branch): its card says it ended.
        dropped = view.select(lambda p: p.name == DROPPED)
        assert dropped is not None and dropped.year == 2019
        await settle(pilot)
        said = plain(view.query_one("#prog-years", Static).content)
        assert "2020년 보고서에는 이 사업이 없습니다: 종료" in said
