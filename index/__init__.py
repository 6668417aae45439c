"""Records in, SQLite out (sqlite-vec + FTS5); queries in, hits out. Never parses files."""
