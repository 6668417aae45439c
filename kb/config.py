"""One typed settings object: defaults, overridden by environment variables, then by flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import SettingsError
from .i18n import t

# Bounds of the numeric settings: a chunk under 100 characters cuts every sentence (0 or a
# negative size never finished chunking), one over 20,000 outgrows the embedder's window.
CHUNK_CHARS = (100, 20_000)
MAX_FILE_MB = (1, 10_000)
# The watchdog's budget for reading one file. The slowest of the 22 real documents in the
# development set takes 7.4 s and 170 MB (a 9-page PDF of dense ruled tables):
# the defaults leave a 40-fold and 12-fold margin. A file past either is abandoned.
PARSE_SECONDS = (1, 86_400)
PARSE_MEMORY_MB = (256, 65_536)


def _bounded(env: dict[str, str], name: str, default: int, bounds: tuple[int, int]) -> int:
    """An integer setting from the environment, or a SettingsError naming it and its range."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    lo, hi = bounds
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(t("fail.not_whole", name=name, raw=repr(raw), lo=lo, hi=hi)) from None
    if not lo <= value <= hi:
        raise SettingsError(t("fail.out_of_range", name=name, value=value, lo=lo, hi=hi))
    return value


def _path(name: str, raw: str) -> Path:
    """A path setting with `~` expanded, or a SettingsError naming it.

    `~someone/kb.db` for a user this system does not know (or `~` with no home directory)
    made pathlib raise a RuntimeError, which the CLI reported as an internal error.
    """
    try:
        return Path(raw).expanduser()
    except RuntimeError as exc:
        raise SettingsError(t("fail.no_tilde", name=name, raw=repr(raw), detail=exc)) from None


# A --db / KB_DB value starting so names a PostgreSQL server (index/pgconn.py), not a file.
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(raw: str) -> bool:
    """Whether a --db / KB_DB value is a server URL rather than a path."""
    return raw.startswith(SERVER_SCHEMES)


def _default_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg) / "kb"
    try:
        return Path.home() / ".local" / "share" / "kb"
    except RuntimeError as exc:
        raise SettingsError(t("fail.no_home", detail=exc)) from None


@dataclass(frozen=True, slots=True)
class Settings:
    """Where kb keeps its data and how it embeds.

    Fields (environment variable in brackets):
    - home [KB_HOME]: data directory; default $XDG_DATA_HOME/kb or ~/.local/share/kb.
    - db [KB_DB]: the SQLite file; default <home>/kb.db.
    - db_url [KB_DB, --db given as postgresql://USER@HOST/DB]: the PostgreSQL server to use
      instead of a file; empty for the SQLite file (the default). A URL is never a path: it is
      not expanded, and no folder is made for it (db keeps the file's default, unused).
    - embedder [KB_EMBEDDER]: "e5" (bundled multilingual-e5-small, 4-bit) or "st:NAME_OR_PATH"
      (any sentence-transformers model). Empty means: whatever the index was built with, else e5.
    - chunk_chars [KB_CHUNK_CHARS]: soft upper bound of a text chunk, in characters.
    - max_file_mb [KB_MAX_FILE_MB]: files larger than this are refused at ingest.
    - parse_seconds [KB_PARSE_SECONDS], parse_memory_mb [KB_PARSE_MEMORY_MB]: the budget for
      reading one file; a file over either is abandoned with one line.
    """

    home: Path
    db: Path
    embedder: str = ""
    chunk_chars: int = 700
    max_file_mb: int = 100
    parse_seconds: int = 300
    parse_memory_mb: int = 2048
    db_url: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Build settings from the environment (os.environ when env is None).

        A value kb cannot use raises SettingsError (a KbError) with one line naming it.
        """
        env = dict(os.environ if env is None else env)
        home = _path("KB_HOME", env["KB_HOME"]) if env.get("KB_HOME") else _default_home()
        raw_db = env.get("KB_DB", "")
        url = raw_db if is_server_url(raw_db) else ""
        db = _path("KB_DB", raw_db) if raw_db and not url else home / "kb.db"
        return cls(
            home=home,
            db=db,
            db_url=url,
            embedder=env.get("KB_EMBEDDER", ""),
            chunk_chars=_bounded(env, "KB_CHUNK_CHARS", 700, CHUNK_CHARS),
            max_file_mb=_bounded(env, "KB_MAX_FILE_MB", 100, MAX_FILE_MB),
            parse_seconds=_bounded(env, "KB_PARSE_SECONDS", 300, PARSE_SECONDS),
            parse_memory_mb=_bounded(env, "KB_PARSE_MEMORY_MB", 2048, PARSE_MEMORY_MB),
        )

    def with_overrides(self, **changes: object) -> Settings:
        """Return a copy with the given non-None fields replaced (flags win over env)."""
        clean = {k: v for k, v in changes.items() if v is not None}
        if "db" in clean:
            raw = str(clean["db"])
            if is_server_url(raw):  # a server: the file setting stays as it was, unused
                clean["db_url"] = raw
                del clean["db"]
            else:  # a file given on the command line wins over a KB_DB server
                clean["db"] = _path("--db", raw)
                clean["db_url"] = ""
        return replace(self, **clean)  # type: ignore[arg-type]
