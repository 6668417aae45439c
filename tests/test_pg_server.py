"""The test server itself (tests/conftest.py's pg_server): a real PostgreSQL with pgvector.

The behavioural tests on both backends are in tests/test_pg_backend.py.
"""

from __future__ import annotations

import psycopg

from tests import conftest


def test_the_session_server_runs_postgresql_with_pgvector(pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        # HNSW with iterative scans (docs/postgres.md relies on them) came with pgvector 0.8.
        ext = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        major, minor = (int(x) for x in ext.fetchone()[0].split(".")[:2])
        distance = conn.execute("SELECT '[1,0]'::vector <=> '[0,1]'::vector").fetchone()[0]
    assert int(version) >= 140000
    assert (major, minor) >= (0, 8)
    assert distance == 1.0  # cosine distance of orthogonal vectors
    print(f"pg server started in {conftest.pg_server_start_seconds[0]:.1f} s")


def test_each_test_gets_its_own_empty_database(pg_server: str, pg_database: str) -> None:
    with psycopg.connect(pg_database) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]
        name = conn.execute("SELECT current_database()").fetchone()[0]
    assert tables == 0 and name != "postgres" and pg_database != pg_server
