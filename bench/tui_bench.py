"""Benchmark the TUI: keystroke-to-results latency and startup time (prints a Markdown table).

    python bench/tui_bench.py [--db PATH] [--rounds N]

Without --db (or $KB_DB) the seed corpus is ingested into a temporary database first.
(a) Typing: each query is typed key by key into the search box through Textual's Pilot;
    latency runs from the last keystroke being handled to the results list being updated
    (this includes the search box debounce). The facade call alone is timed too.
(b) Startup: in-process (app start to the first screen, and to a warm search engine) and
    as a user sees it: `kb tui` in a fresh process until the first screen is drawn (in tmux
    when it is installed, else a headless subprocess).
(c) Trends: each row name is typed into the Trends screen's box; latency runs from the last
    keystroke to the chart drawn with that row's series (debounce, the facade's trend call,
    the table and the chart). On the release series of tests/data/realdocs (--trend-db, else
    they are ingested into a temporary database first). `--trends-only` runs just this.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.config import Settings  # noqa: E402
from kb.facade import KnowledgeBase  # noqa: E402
from kb.types import Hit  # noqa: E402
from tui.app import WARM_UP_DELAY_S, create_app  # noqa: E402
from tui.search import DEBOUNCE_S, SearchView  # noqa: E402
from tui.trends import TrendChart, TrendsView  # noqa: E402

EXTRA_QUERIES = [
    "청년 활동가 교육 예산",
    "주민자치회 평가 연구",
    "youth jobs research",
    "청년마을활동가 성장교육 집행률",
    "마을활동가 성장교육 예산현액",
    "동네발전소 로컬랩",
    "공동체공간 활성화 지원사업 실적",
    "뉴스레터 구독자수",
    "자치구 중간지원조직 실무자 교육",
    "서울형 커뮤니티 활성화",
    "마을자치센터 직무분석",
    "정책웹진 발간",
]


# Row names of the release series (investment releases, fiscal statistics), as typed.
TREND_QUERIES = [
    "총투자",
    "통합재정수지",
    "수입",
    "지출 및 순융자",
    "제조업",
    "투자액",
    "북미",
    "경상수입",
    "순투자",
    "아시아",
]
SERIES_FILES = (
    "fdi_2025q1_press.hwp",
    "fdi_2025q2_press.hwpx",
    "fiscal_stats_2010_11.hwp",
    "fiscal_stats_2011_10.pdf",
)


def queries() -> list[str]:
    """The dev search queries plus a few more (≥ 20 in all)."""
    dev = ROOT / "tests" / "data" / "dev_search.jsonl"
    lines = [json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [x["query"] for x in lines] + EXTRA_QUERIES


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def kb_for(db: Path) -> KnowledgeBase:
    """A KnowledgeBase on one database file."""
    return KnowledgeBase(Settings(home=db.parent, db=db))


def ensure_db(db: Path | None) -> Path:
    """The database to measure on; the seed corpus ingested into a temp file if none."""
    if db is not None and db.exists():
        return db
    target = db or Path(tempfile.mkdtemp(prefix="kb-bench-")) / "seed.db"
    print(f"ingesting {ROOT / 'corpus'} into {target} …", file=sys.stderr)
    kb = kb_for(target)
    report = kb.ingest([ROOT / "corpus"])
    kb.close()
    if not report.ok:
        raise SystemExit(f"ingest failed: {report.failed}")
    return target


def ensure_series_db(db: Path | None) -> Path:
    """The database of the release series; tests/data/realdocs' ingested into a temp file
    if none is given."""
    if db is not None and db.exists():
        return db
    target = db or Path(tempfile.mkdtemp(prefix="kb-bench-")) / "series.db"
    print(f"ingesting the release series into {target} …", file=sys.stderr)
    kb = kb_for(target)
    report = kb.ingest([ROOT / "tests" / "data" / "realdocs" / name for name in SERIES_FILES])
    kb.close()
    if not report.ok:
        raise SystemExit(f"ingest failed: {report.failed}")
    return target


async def trends_latency(db: Path, rounds: int) -> dict[str, list[float]]:
    """Type every row name into the Trends screen `rounds` times; latencies in ms."""
    app = create_app(kb_for(db))
    out: dict[str, list[float]] = {"shown": [], "trend": [], "draw": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(WARM_UP_DELAY_S + 0.05)
        await app.workers.wait_for_complete()
        await pilot.press("f5")
        await pilot.pause()
        view = app.query_one(TrendsView)
        chart = view.query_one(TrendChart)
        drawn: dict[str, float] = {}
        trend = app.backend.trend
        show_line = view.show_line
        render = chart.render

        def timed_trend(query: str) -> Any:
            t = time.perf_counter()
            series = trend(query)
            out["trend"].append((time.perf_counter() - t) * 1000)
            return series

        pending: list[float] = []  # show_line's time, until the chart's next render

        def timed_show_line(line: Any) -> None:
            t = time.perf_counter()
            show_line(line)
            pending[:] = [(time.perf_counter() - t) * 1000]

        def timed_render() -> Any:
            t = time.perf_counter()
            result = render()
            if pending and view.series is not None:  # the first drawing of a new line
                out["draw"].append(pending.pop() + (time.perf_counter() - t) * 1000)
                drawn.setdefault(view.series.query, time.perf_counter())
            return result

        app.backend.trend = timed_trend  # type: ignore[method-assign]
        view.show_line = timed_show_line  # type: ignore[method-assign]
        chart.render = timed_render  # type: ignore[method-assign]
        box = view.query_one("#trend-query")
        for _ in range(rounds):
            for query in TREND_QUERIES:
                box.focus()
                box.value = ""  # type: ignore[attr-defined]
                await pilot.pause(DEBOUNCE_S + 0.1)
                await app.workers.wait_for_complete()
                drawn.clear()
                for ch in query:
                    last_key = time.perf_counter()
                    await pilot.press(ch)
                deadline = last_key + 10
                while query not in drawn and time.perf_counter() < deadline:
                    await asyncio.sleep(0.002)
                if query not in drawn:
                    raise SystemExit(f"no series drawn for {query!r} within 10 s")
                out["shown"].append((drawn[query] - last_key) * 1000)
    return out


def print_trends(lat: dict[str, list[float]]) -> None:
    """The Trends screen's rows of the Markdown table."""
    from tui.trends import DEBOUNCE_S as TREND_DEBOUNCE_S

    n = len(lat["shown"])
    rows = [
        (f"Trends: last keystroke → chart drawn, median ({n} row names)", lat["shown"], 50),
        ("Trends: last keystroke → chart drawn, p95", lat["shown"], 95),
        ("  of which: facade trend call, median", lat["trend"], 50),
        ("  of which: table and chart drawn (show_line + plotext), median", lat["draw"], 50),
    ]
    print(f"\n(Trends debounce {TREND_DEBOUNCE_S * 1000:.0f} ms)\n")
    print("| measure | value |")
    print("|---|---:|")
    for label, values, p in rows:
        print(f"| {label} | {percentile(values, p):.0f} ms |")


async def typing_latency(db: Path, rounds: int) -> dict[str, list[float]]:
    """Type every query `rounds` times; collect latencies in ms."""
    app = create_app(kb_for(db))
    out: dict[str, list[float]] = {"results": [], "search": [], "keystroke": [], "lag": []}
    typing = True
    measuring = [False]  # only from the first keystroke of a query to its results

    async def watch_lag() -> None:
        # How late a 10 ms timer fires on the UI's event loop while searches run in threads.
        while typing:
            t = time.perf_counter()
            await asyncio.sleep(0.01)
            if measuring[0]:
                out["lag"].append((time.perf_counter() - t - 0.01) * 1000)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(WARM_UP_DELAY_S + 0.05)
        await app.workers.wait_for_complete()  # filters and the warm-up (embedder)
        view = app.query_one(SearchView)
        applied: dict[str, float] = {}
        show = view._show
        search = app.backend.search

        def timed_show(params: Any, hits: list[Hit], error: str | None) -> None:
            show(params, hits, error)
            if view.shown == params:
                applied[params[0]] = time.perf_counter()

        def timed_search(query: str, **kwargs: Any) -> list[Hit]:
            t = time.perf_counter()
            hits = search(query, **kwargs)
            out["search"].append((time.perf_counter() - t) * 1000)
            return hits

        view._show = timed_show  # type: ignore[method-assign]
        app.backend.search = timed_search  # type: ignore[method-assign]
        box = app.query_one("#query")
        lag_task = asyncio.create_task(watch_lag())
        for _ in range(rounds):
            for query in queries():
                box.focus()
                box.value = ""  # type: ignore[attr-defined]
                await pilot.pause(DEBOUNCE_S + 0.05)
                await app.workers.wait_for_complete()
                applied.clear()
                measuring[0] = True
                for ch in query:
                    # The clock starts as the last key is sent, so the latency includes
                    # handling that keystroke, the debounce, the search and the redraw.
                    last_key = time.perf_counter()
                    await pilot.press(ch)
                    out["keystroke"].append((time.perf_counter() - last_key) * 1000)
                deadline = last_key + 10
                while query.strip() not in applied and time.perf_counter() < deadline:
                    await asyncio.sleep(0.002)
                measuring[0] = False
                if query.strip() not in applied:
                    raise SystemExit(f"no results shown for {query!r} within 10 s")
                out["results"].append((applied[query.strip()] - last_key) * 1000)
        typing = False
        await lag_task
    return out


async def startup_in_process(db: Path) -> tuple[float, float]:
    """Seconds from creating the app to its first screen, and to a warm search engine."""
    t = time.perf_counter()
    app = create_app(kb_for(db))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = time.perf_counter() - t
        await pilot.pause(WARM_UP_DELAY_S + 0.05)  # the warm-up starts after the first frame
        await app.workers.wait_for_complete()
        warm = time.perf_counter() - t
    return first, warm


def startup_tmux(db: Path) -> float | None:
    """Wall seconds of `kb tui` in a real (tmux) terminal until the first screen shows."""
    kb_exe = Path(sys.executable).with_name("kb")
    if shutil.which("tmux") is None or not kb_exe.exists():
        return None
    session = f"kb-bench-{os.getpid()}"
    cmd = f"KB_DB={db} {kb_exe} tui"
    t = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd])
    try:
        while time.perf_counter() - t < 30:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True
            ).stdout
            if "Type to search" in screen:
                return time.perf_counter() - t
            time.sleep(0.01)
        return None
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


HEADLESS = """
import sys
from pathlib import Path
from kb.config import Settings
from kb.facade import KnowledgeBase
from tui.app import create_app
db = Path(sys.argv[1])
app = create_app(KnowledgeBase(Settings(home=db.parent, db=db)))
async def first_screen(pilot):
    await pilot.pause()
    if sys.argv[2] == "warm":
        await pilot.pause(0.15)
        await app.workers.wait_for_complete()
    app.exit()
app.run(headless=True, size=(120, 40), auto_pilot=first_screen)
"""


def startup_subprocess(db: Path, until: str) -> float:
    """Wall seconds of a fresh Python process: imports, app start, first screen (or warm
    search engine), exit."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", HEADLESS, str(db), until], check=True, cwd=ROOT)
    return time.perf_counter() - t


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=os.environ.get("KB_DB") or None)
    parser.add_argument("--rounds", type=int, default=1, help="times each query is typed")
    parser.add_argument("--trend-db", type=Path, default=None, help="the release series' index")
    parser.add_argument("--trends-only", action="store_true", help="only the Trends screen")
    args = parser.parse_args()
    series_db = ensure_series_db(args.trend_db)
    if args.trends_only:
        print_trends(asyncio.run(trends_latency(series_db, args.rounds)))
        return
    db = ensure_db(Path(args.db) if args.db else None)

    # Startup first, while nothing is loaded in this process yet.
    first, warm = asyncio.run(startup_in_process(db))
    tmux = [t for t in (startup_tmux(db) for _ in range(3)) if t is not None]
    cold = [startup_subprocess(db, "first") for _ in range(3)]
    cold_warm = [startup_subprocess(db, "warm") for _ in range(3)]
    lat = asyncio.run(typing_latency(db, args.rounds))

    n = len(lat["results"])
    rows = [
        (f"last keystroke → results list updated, median ({n} queries)", lat["results"], 50, "ms"),
        ("last keystroke → results list updated, p95", lat["results"], 95, "ms"),
        ("  of which: facade search call, median", lat["search"], 50, "ms"),
        ("  of which: facade search call, p95", lat["search"], 95, "ms"),
        ("UI event-loop lag while typing and searching, p95", lat["lag"], 95, "ms"),
        ("UI event-loop lag while typing and searching, max", lat["lag"], 100, "ms"),
    ]
    print(
        f"\nkb TUI benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"debounce {DEBOUNCE_S * 1000:.0f} ms\n"
    )
    print("| measure | value |")
    print("|---|---:|")
    for label, values, p, unit in rows:
        print(f"| {label} | {percentile(values, p):.0f} {unit} |")
    print(f"| startup to first screen, in process (Pilot) | {first:.2f} s |")
    print(f"| startup until search is warm, in process (embedder loaded) | {warm:.2f} s |")
    med = statistics.median
    print(f"| fresh process → first screen → exit, median of 3 | {med(cold):.2f} s |")
    print(f"| fresh process → search warm → exit, median of 3 | {med(cold_warm):.2f} s |")
    if tmux:
        print(f"| `kb tui` in a terminal (tmux) to first screen, median of 3 | {med(tmux):.2f} s |")
    print_trends(asyncio.run(trends_latency(series_db, args.rounds)))


if __name__ == "__main__":
    main()
