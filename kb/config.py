"""One typed settings object: defaults, overridden by environment variables, then by flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path


def _default_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "kb"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where kb keeps its data and how it embeds.

    Fields (environment variable in brackets):
    - home [KB_HOME]: data directory; default $XDG_DATA_HOME/kb or ~/.local/share/kb.
    - db [KB_DB]: the SQLite file; default <home>/kb.db.
    - embedder [KB_EMBEDDER]: "e5" (bundled multilingual-e5-small, 4-bit) or "st:NAME_OR_PATH"
      (any sentence-transformers model). Empty means: whatever the index was built with, else e5.
    - chunk_chars [KB_CHUNK_CHARS]: soft upper bound of a text chunk, in characters.
    - max_file_mb [KB_MAX_FILE_MB]: files larger than this are refused at ingest.
    """

    home: Path
    db: Path
    embedder: str = ""
    chunk_chars: int = 700
    max_file_mb: int = 100

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Build settings from the environment (os.environ when env is None)."""
        env = dict(os.environ if env is None else env)
        home = Path(env["KB_HOME"]).expanduser() if env.get("KB_HOME") else _default_home()
        db = Path(env["KB_DB"]).expanduser() if env.get("KB_DB") else home / "kb.db"
        return cls(
            home=home,
            db=db,
            embedder=env.get("KB_EMBEDDER", ""),
            chunk_chars=int(env.get("KB_CHUNK_CHARS", "700")),
            max_file_mb=int(env.get("KB_MAX_FILE_MB", "100")),
        )

    def with_overrides(self, **changes: object) -> Settings:
        """Return a copy with the given non-None fields replaced (flags win over env)."""
        clean = {k: v for k, v in changes.items() if v is not None}
        if "db" in clean:
            clean["db"] = Path(str(clean["db"])).expanduser()
        return replace(self, **clean)  # type: ignore[arg-type]
