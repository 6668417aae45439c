"""The catalogue's words for errors: what kb refuses, and what kb doctor finds wrong.

Keys name the place: `health.*` kb doctor's details of an index (index/db.py,
index/health.py), `db.*` an index kb cannot open, write or copy (index/db.py, migrations.py,
meta.py, copy.py, store.py), `fail.*` errors of kb's upper floor (settings, embedders,
evaluation sets, search options), `click.*` the body of a bad option value (click's own
words are English), `check.*` kb figures --check's mismatches, `export.*` a TUI export that
cannot be written. Why a file was not taken in is the `reasons` part.
"""

from __future__ import annotations

# key → (Korean, English).
ERRORS: dict[str, tuple[str, str]] = {
    # -- kb doctor's details of the build and of an index (index/db.py, index/health.py) ---
    "health.ok": ("정상", "ok"),
    "health.loaded": ("불러옴 {version}", "loaded {version}"),
    "health.cannot_load": ("불러올 수 없습니다: {detail}", "cannot load: {detail}"),
    "health.fts5": ("쓸 수 있음", "available"),
    "health.no_fts5": ("FTS5가 없습니다", "missing FTS5"),
    "health.more": (" (그 밖에 {n}건)", " (+{n} more)"),
    "health.restore": (
        "{problems} — 백업에서 되살리거나, 파일을 옮겨 두고 다시 넣으세요(`kb ingest`)",
        "{problems} — restore a backup, or move the file aside and re-ingest",
    ),
    "health.unreadable": ("읽을 수 없습니다: {detail}", "cannot be read: {detail}"),
    "health.version": ("버전 {version}", "version {version}"),
    "health.version_expected": (
        "버전 {version}, 이 kb는 {expected}",
        "version {version}, expected {expected}",
    ),
    "health.contents": (
        "조각 {chunks}개, 벡터 {vectors}개, 낱말 항목 {words}개",
        "{chunks} chunks, {vectors} vectors, {words} word entries",
    ),
    "health.contents_waiting": (
        " (조각 {n}개가 벡터를 기다림)",
        " ({n} chunks wait for vectors)",
    ),
    "health.out_of_step": (
        " — 서로 맞지 않습니다: 파일을 지우고 `kb ingest`를 다시 하세요",
        " — out of step: delete the file and run `kb ingest` again",
    ),
    "health.waiting": (
        "문서 {documents}개(조각 {chunks}개)는 벡터를 쓰기 전까지 낱말로만 찾을 수 있습니다: "
        "`kb ingest`(아무 경로)가 마저 씁니다",
        "{documents} documents ({chunks} chunks) are searchable by words only until their "
        "vectors are written: `kb ingest` (any path) completes them",
    ),
    "health.no_vectors": ("아직 저장된 것이 없습니다", "none stored yet"),
    "health.built_with": ("{name} ({dim}차원)로 만듦", "built with {name} ({dim} dims)"),
    "health.other_dim": (
        " — 벡터 표의 차원이 다릅니다: 색인을 다시 만드세요",
        " — the vector table has another dimension: rebuild the index",
    ),
    "health.other_embedder": (
        "; {wanted}을(를) 요청했습니다: 다른 색인은 --db 로 쓰거나, --embedder 를 빼세요",
        "; you asked for {wanted}: use --db for another index, or drop --embedder",
    ),
    # -- an index kb cannot open or write (index/db.py, index/migrations.py) ---------------
    "db.not_installed": ("{name} (설치되지 않음)", "{name} (not installed)"),
    "db.no_extensions": (
        "{name} (확장 불러오기 없이 빌드됨)",
        "{name} (built without extension loading)",
    ),
    "db.no_sqlite": (
        "sqlite-vec 확장을 불러올 수 있는 SQLite 빌드가 없습니다; 시도한 것: {tried}. "
        "설치: pip install sqlean.py",
        "no SQLite build here can load the sqlite-vec extension; tried: {tried}. "
        "Install one with: pip install sqlean.py",
    ),
    "db.no_vec": (
        "sqlite-vec 확장을 불러올 수 없습니다: {detail}",
        "cannot load the sqlite-vec extension: {detail}",
    ),
    "db.damaged": (
        "{path}이(가) 손상되었습니다 ({reason}); 옮겨 두고 `kb ingest`를 다시 하거나, "
        "`kb doctor`로 자세히 보세요",
        "{path} is damaged ({reason}); move it aside and run `kb ingest` again, "
        "or `kb doctor` for details",
    ),
    "db.read_only": (
        "{path}은(는) 읽기 전용입니다: {reason}; 쓰려면 파일과 그 폴더({name}-wal, "
        "{name}-shm을 만들 곳)에 쓸 수 있어야 합니다: 쓸 수 있는 곳에 복사하거나, 다른 색인은 "
        "--db 로 쓰세요",
        "{path} is read-only: {reason}; writing needs the file and its folder writable "
        "(for {name}-wal and {name}-shm): copy it somewhere writable, or use --db for another",
    ),
    "db.read_only_search": ("; 찾기는 그대로 됩니다", "; searching it works as it is"),
    "db.not_sqlite": (
        "{path}: SQLite 데이터베이스가 아닙니다 ({detail}); 건드리지 않았습니다",
        "{path}: not a SQLite database ({detail}); left untouched",
    ),
    "db.cannot_write": (
        "{path}: 쓸 수 없습니다 ({reason})",
        "{path}: cannot be written ({reason})",
    ),
    "db.no_folder": (
        "{path}: 폴더를 만들 수 없습니다 ({reason})",
        "{path}: cannot create its folder ({reason})",
    ),
    "db.cannot_create": (
        "{path}: {folder}에 만들 수 없습니다 ({reason}); 쓸 수 있는 곳을 --db 나 KB_DB로 주세요",
        "{path}: cannot create it in {folder} ({reason}); use --db or KB_DB for a writable place",
    ),
    "db.not_kb": (
        "{path}: SQLite 데이터베이스지만 kb 색인이 아닙니다; 건드리지 않았습니다",
        "{path}: a SQLite database, but not a kb index; left untouched",
    ),
    "db.foreign_app": (
        "{path}: kb 색인이 아닙니다 (application_id {app_id}); 건드리지 않았습니다",
        "{path}: not a kb index (application_id {app_id}); left untouched",
    ),
    "db.newer": (
        "{path}: 스키마 버전 {version}이 이 kb({supported})보다 새롭습니다; kb를 새로 설치하세요",
        "{path}: schema version {version} is newer than this kb ({supported}); upgrade kb",
    ),
    # A PostgreSQL server's index (index/pgconn.py, index/pgschema.py).
    "db.pg_not_kb": (
        "{path}: PostgreSQL 데이터베이스지만 kb 색인이 아닙니다; 건드리지 않았습니다",
        "{path}: a PostgreSQL database, but not a kb index; left untouched",
    ),
    "db.pg_cannot_connect": (
        "{path}: 서버에 연결할 수 없습니다 ({reason})",
        "{path}: cannot connect ({reason})",
    ),
    "db.pg_cannot_prepare": (
        "{path}: 서버의 색인을 준비할 수 없습니다 ({reason})",
        "{path}: cannot prepare the index ({reason})",
    ),
    "db.pg_no_extensions": (
        "PostgreSQL 연결은 확장을 읽어 들이지 않습니다 (확장은 서버의 CREATE EXTENSION)",
        "a PostgreSQL connection loads no client extensions (the server's CREATE EXTENSION)",
    ),
    # -- errors of kb's upper floor (kb/config.py, facade.py, embedders.py, evaluation) -----
    "fail.not_whole": (
        "{name}={raw}: 정수가 아닙니다 (허용: {lo}-{hi})",
        "{name}={raw} is not a whole number (allowed: {lo}-{hi})",
    ),
    "fail.out_of_range": (
        "{name}={value}: 범위를 벗어났습니다 (허용: {lo}-{hi})",
        "{name}={value} is out of range (allowed: {lo}-{hi})",
    ),
    "fail.no_tilde": (
        "{name}={raw}: '~'를 풀 수 없습니다 ({detail})",
        "{name}={raw}: cannot expand '~' ({detail})",
    ),
    "fail.no_home": (
        "자료를 둘 홈 폴더가 없습니다 ({detail}); KB_HOME을 정하세요",
        "no home directory for the data ({detail}); set KB_HOME",
    ),
    "fail.needs_pg": (
        "PostgreSQL 색인에는 {name}이(가) 필요합니다: pip install 'kb[pg]'",
        "a PostgreSQL index needs {name}: pip install 'kb[pg]'",
    ),
    "fail.search_mode": (
        "모르는 찾기 방식입니다: {mode} (쓸 수 있는 것: {modes})",
        "unknown search mode {mode}: use {modes}",
    ),
    "fail.no_document": (
        "'{doc}'에 맞는 문서가 없습니다 (`kb stats`로 목록을 보세요)",
        "no document matches '{doc}' (see `kb stats`)",
    ),
    "fail.no_st": (
        "sentence-transformers 백엔드가 설치되지 않았습니다: pip install 'kb[st]'",
        "the sentence-transformers backend is not installed: pip install 'kb[st]'",
    ),
    "fail.st_missing": (
        "sentence-transformers 모델 '{spec}'이(가) 로컬 폴더도 아니고 로컬 Hugging Face 캐시에도 "
        "없습니다 (kb는 모델을 내려받지 않습니다)",
        "sentence-transformers model '{spec}' is not a local folder and is not in the local "
        "Hugging Face cache (kb never downloads models)",
    ),
    "fail.st_load": (
        "sentence-transformers 모델 '{spec}'을(를) 불러올 수 없습니다: {detail}",
        "cannot load sentence-transformers model '{spec}': {detail}",
    ),
    "fail.embedder": (
        "모르는 임베더입니다: '{spec}' ('e5' 또는 'st:이름_또는_경로')",
        "unknown embedder '{spec}' (use 'e5' or 'st:NAME_OR_PATH')",
    ),
    "fail.no_gold": (
        "{path}: gold_any가 없는 줄이 있습니다 (id {id})",
        "{path}: line without gold_any (id {id})",
    ),
    "fail.eval_set": (
        "{path}: 평가 세트를 읽을 수 없습니다 ({detail})",
        "{path}: cannot read the evaluation set ({detail})",
    ),
    "fail.structure_set": (
        "{path}: 구조 평가 세트를 읽을 수 없습니다 ({detail})",
        "{path}: cannot read the structure set ({detail})",
    ),
    "fail.no_file_field": ("{path}: 'file'이 없는 줄이 있습니다", "{path}: a line without 'file'"),
    # -- a bad value on the command line (kb/clihelp.py's types; click's words are English) --
    "click.choice": (
        "'{value}'은(는) 고를 수 있는 값이 아닙니다 (고를 수 있는 값: {choices})",
        "'{value}' is not one of {choices}",
    ),
    "click.not_int": ("'{value}'은(는) 정수가 아닙니다", "'{value}' is not a whole number"),
    "click.range": (
        "{value}은(는) 범위를 벗어났습니다 ({lo}~{hi})",
        "{value} is not in the range {lo}-{hi}",
    ),
    "click.path_missing": ("'{path}'이(가) 없습니다", "'{path}' does not exist"),
    "click.path_is_dir": ("'{path}'은(는) 폴더입니다", "'{path}' is a directory"),
    "click.path_unusable": ("'{path}'을(를) 읽을 수 없습니다", "'{path}' cannot be read"),
    "click.needs_value": ("{name}에 값이 필요합니다", "Option {name} requires an argument."),
    "click.extra": (
        "뜻밖의 인자가 더 있습니다: {args}",
        "Got unexpected extra argument(s): {args}",
    ),
    # -- an index and the embedder asked for; kb copy (index/meta.py, index/copy.py) --------
    "db.embedder_dims": ("'{name}' ({dim}차원)", "'{name}' ({dim} dims)"),
    "db.embedder_other": (
        "{path}은(는) 임베더 '{have}'({dim}차원)로 만든 색인입니다; {asked}은(는) 함께 쓸 수 "
        "없습니다. 같은 --embedder 를 쓰거나, 다른 색인(--db / KB_DB)을 쓰세요.",
        "{path} was built with embedder '{have}' ({dim} dims); {asked} cannot be used with it. "
        "Use the same --embedder, or another database (--db / KB_DB).",
    ),
    "db.copy_target": ("복사할 곳", "the target"),
    "db.copy_not_empty": (
        "{target}에 이미 문서가 있습니다: 빈 색인으로 복사하세요",
        "{target} already holds documents: copy into an empty index",
    ),
    "db.copy_counts": (
        "{target}(으)로 복사를 멈췄습니다: 개수가 다릅니다 (원본, 복사본) {wrong}",
        "copy to {target} stopped: counts differ (source, target) {wrong}",
    ),
    # -- more of the index's refusals (index/db.py, index/store.py) -----------------------
    "db.older": (
        "예전 kb가 만든 색인이어서(스키마 {version}, 이 kb는 {supported}) 이 자리에서 새 형식으로 "
        "바꿀 수 없습니다",
        "it was built by an older kb (schema {version}, this kb needs {supported}) and cannot "
        "be upgraded where it is",
    ),
    "db.server_read_only": (
        "서버가 쓰기를 받지 않습니다 (읽기 전용)",
        "the server takes no writes (read-only)",
    ),
    "db.this_index": ("이 색인", "this index"),
    # -- kb figures --check: a table whose printed numbers disagree (kb/checks.py) ----------
    "check.sum": (
        "{label} {column}: 적힌 값은 {printed}, 그 아래 {n}개 행의 합은 {expected}",
        "{label} {column} is {printed} but its {n} rows add up to {expected}",
    ),
    "check.rate": (
        "{label} {column}: 적힌 비율은 {printed}%, {amount} / {budget} = {a} / {b} = {computed}%",
        "{label} {column} is printed {printed}% but {amount} / {budget} = {a} / {b} = {computed}%",
    ),
    # -- the TUI's export that cannot be written (tui/export.py) -----------------------------
    "export.not_writable": ("{folder}: 쓸 수 없는 폴더입니다", "{folder} is not writable"),
    "export.failed": (
        "내보낼 파일을 쓸 수 없습니다: {reasons}",
        "cannot write the export: {reasons}",
    ),
}
