"""The catalogue's words for what the kb command prints and the cards both faces draw.

Keys name the place: `label.*` a card's labels and the tables' headers (kb/present/labels.py),
`place.*` and `date.*` how places, dates and amounts are written (kb/present/values.py),
`card.*` the cards' sentences (kb/present), `out.*` the CLI's lines (kb/cli.py,
kb/render.py), `doctor.*` kb doctor's check names and details, `note.*` a series' notes
(kb/trends.py), `err.*` errors shown to the user.
"""

from __future__ import annotations

# key → (Korean, English).
OUTPUT: dict[str, tuple[str, str]] = {
    # -- labels a card shows (Korean mode: the Korean word alone; English: the English) --
    "label.objective": ("목적", "objective"),
    "label.contents": ("내용", "contents"),
    "label.results": ("실적", "results"),
    "label.plans": ("계획", "plans"),
    "label.budget": ("예산", "budget"),
    "label.counts": ("실적 수치", "counts"),  # not 실적 alone: the results' label
    "label.source": ("출처", "source"),
    "label.years": ("연도별", "years"),
    "label.program": ("사업", "program"),
    "label.name": ("사업명", "name"),
    "label.budget_current": ("예산현액", "budget"),
    "label.spent": ("집행액(지출)", "spent"),
    "label.sources": ("출처", "sources"),
    "label.new": ("신규", "new"),
    "label.renamed": ("명칭 변경", "renamed"),
    "label.discontinued": ("종료", "discontinued"),
    "label.gone": ("지난해까지", "discontinued"),
    "label.measure": ("항목", "measure"),
    "label.value": ("값", "value"),
    "label.year": ("연도", "year"),
    "label.title": ("제목", "title"),
    "label.category": ("분야", "category"),
    "label.method": ("방법", "method"),
    "label.passages": ("관련 내용", "passages"),
    "label.cite": ("출처", "source"),
    "label.change": ("증감", "change"),
    "label.revised": ("수정 전", "before revision"),
    "label.no_value": ("값 없음", "no value"),
    "label.not_computed": ("계산하지 않음", "not computed"),
    "label.unit": ("단위", "unit"),
    "label.as_of": ("기준", "as of"),
    "label.trend": ("추이", "trend"),
    "label.versus": ("대비", "versus"),
    "label.period": ("기간", "period"),
    "label.earlier": ("이전 보고서", "earlier reports"),
    "label.programs": ("사업 목록", "programs"),
    "label.no_group": ("(분류 없음)", "(no group)"),
    "label.no_section": ("(절 없음)", "(no section)"),
    "label.no_unit": ("단위 없음", "no unit"),
    "label.no_date": ("날짜 없음", "n.d."),
    # -- places, dates, amounts (kb/present/values.py) -----------------------------------
    "place.page": ("{page}쪽", "p.{page}"),
    "place.line": ("{line}행", "line {line}"),
    "place.at_line": ("{line}행", "{line}"),  # after a file name: `file.txt:405행` / `:405`
    "place.at_lines": ("{lines}행", "{lines}"),  # `328, 330행` / `328, 330`
    "date.as_of": ("{date} 기준", "as of {date}"),
    # An amount in won when the user asks for won: Korean counts it in 만원 (`7,000만원`),
    # English in won (`70,000,000 won`); kb.present.values.in_won picks the number.
    "amount.won": ("{value}만원", "{value} won"),
    # -- the cards' sentences (kb/present) -----------------------------------------------
    "card.no_answer": (
        "이 질문에 맞는 저장된 수치나 내용이 없습니다.",
        "No stored figure or passage matches this question.",
    ),
    "card.no_figure": (
        "(이 질문에 확실히 답하는 저장된 수치가 없습니다. `kb figures 이름`으로 수치를 볼 수 "
        "있습니다.)",
        "(No stored figure surely answers this; `kb figures NAME` lists them.)",
    ),
    "card.in_won": ("원 단위", "in won"),
    "card.year_new": (
        "{year}년 신규: 지난해 보고서에는 없는 사업입니다",
        "new in {year}: the year before's reports do not list it",
    ),
    "card.year_ended": (
        "{year}년 보고서에는 이 사업이 없습니다: 종료",
        "the reports of {year} do not list it: discontinued in {year}",
    ),
    "card.more": (" 외 {n}건", " and {n} more"),
    # -- kb search, figures, studies, programs, trend (kb/render.py) -----------------------
    "out.no_hits": (
        "“{query}”에 맞는 결과가 없습니다. 낱말을 줄이거나 --year / --doc 을 빼 보세요.",
        "No results for “{query}”. Try fewer words, or drop --year / --doc.",
    ),
    "out.score": ("점수 {score}", "score {score}"),
    "out.no_figures": (
        "“{query}”에 맞는 수치가 없습니다. 사업명의 일부로 찾거나 --year 를 빼 보세요.",
        "No figures match “{query}”. Try part of the program name, or drop --year.",
    ),
    "out.all_from": ("모두 {name}에서", "all from {name}"),
    "out.no_mismatches": (
        "어긋난 곳이 없습니다: 확인한 합계, 비율, 되풀이된 수치가 모두 맞습니다.",
        "No mismatches: every checked total, rate and repeated figure agrees.",
    ),
    "out.cross": (
        "{name}: 한 표에는 {one}, 다른 표에는 {other}",
        "{name}: {one} in one table, {other} in another",
    ),
    "label.kind_total": ("합계", "total"),
    "label.kind_subtotal": ("소계", "subtotal"),
    "label.kind_rate": ("비율", "rate"),
    "label.kind_cross": ("표 사이", "cross"),
    "out.mismatches": (
        "어긋난 곳 {n}건 (수치는 보고서에 적힌 대로이며 고치지 않습니다).",
        "{n} mismatches (numbers are reported as printed, never corrected).",
    ),
    "out.no_programs": (
        "아직 사업이 없습니다: 사업 목차가 있는 보고서를 `kb ingest 경로`로 넣으세요.",
        "No programs yet: run `kb ingest PATH` on reports with a program outline.",
    ),
    "out.no_studies_for": (
        "“{query}”에 맞는 연구가 없습니다.",
        "No studies match “{query}”.",
    ),
    "out.no_studies": ("아직 저장된 연구가 없습니다.", "No studies stored yet."),
    "out.studies_by_meaning": (
        "“{query}”의 낱말이 든 연구 제목이 없어, 뜻이 가까운 제목을 보입니다:",
        "No study title shares the words of “{query}”; the nearest by meaning:",
    ),
    "out.no_series": (
        "“{query}”에 맞는 표의 행이 보고서들에 없습니다.",
        "No table row matches “{query}” across the reports.",
    ),
    "out.same_in": ("같음: {reports}", "same in {reports}"),
    "out.note": ("참고: {note}", "note: {note}"),
    "out.revised_mark": (
        "* 수정됨: 최근 보고서의 값이며, 이전 값은 옆에 있습니다",
        "* revised: the latest report's value; earlier ones beside it",
    ),
    # -- kb ingest (kb/cli.py) -----------------------------------------------------------
    "out.stage_words": ("낱말", "words"),
    "out.stage_vectors": ("벡터", "vectors"),
    "out.ingest_words": (
        "{place} {path}: 조각 {done}개, 낱말로 찾을 수 있음",
        "{place} {path}: {done} chunks, searchable by words",
    ),
    "out.ingest_resuming": (
        "이어서: 문서 {done}개(조각 {total}개)가 벡터를 기다립니다",
        "resuming: {done} documents ({total} chunks) wait for their vectors",
    ),
    "out.ingest_vectors": ("벡터 {path}: 조각 {done}개", "vectors {path}: {done} chunks"),
    "out.ingest_failed": ("실패", "error"),
    "out.ingest_renamed": ("이름 바뀜: {old} → {new}", "renamed: {old} → {new}"),
    "out.ingest_pruned": ("지움: {path} (파일이 없음)", "pruned: {path} (file is gone)"),
    "out.ingest_resumed": (
        "이어 씀: 지난 실행이 남긴 문서 {n}개의 벡터를 썼습니다",
        "resumed: vectors written for {n} documents an earlier run left",
    ),
    "out.ingest_summary": (
        "추가 {added}, 교체 {replaced}, 그대로 {unchanged}, 이름 바뀜 {renamed}, {pruned}"
        "실패 {failed}; 조각 {chunks}개를 {location}에 썼습니다",
        "{added} added, {replaced} replaced, {unchanged} unchanged, {renamed} renamed, "
        "{pruned}{failed} failed; {chunks} chunks written to {location}",
    ),
    "out.ingest_pruned_count": ("지움 {n}, ", "{n} pruned, "),
    # -- kb search's note, kb stats (kb/cli.py) ----------------------------------------
    "out.search_waiting": (
        "참고: 문서 {n}개가 벡터를 기다리고 있어 낱말로만 찾았습니다",
        "note: {n} documents wait for their vectors and were searched by words only",
    ),
    "out.stats_db": ("색인      {db} ({mb} MB)", "database  {db} ({mb} MB)"),
    "out.stats_embedder": ("임베더    {name} ({dim}차원)", "embedder  {name} ({dim} dims)"),
    "out.stats_counts": (
        "문서 {documents}   절 {sections}   조각 {chunks}   표 {tables}",
        "documents {documents}   sections {sections}   chunks {chunks}   tables {tables}",
    ),
    "out.stats_waiting": (
        "대기      문서 {documents}개(조각 {chunks}개)는 벡터를 쓰기 전까지 낱말로만 찾을 수 "
        "있습니다 (`kb ingest`가 마저 씁니다)",
        "waiting   {documents} documents ({chunks} chunks) are searchable by words only until "
        "their vectors are written (`kb ingest` completes them)",
    ),
    "out.stats_doc": (
        "  {year}  조각 {chunks:>5}개  {title}  ({path})",
        "  {year}  {chunks:>5} chunks  {title}  ({path})",
    ),
    # -- kb doctor (kb/cli.py, kb/reports.py) ---------------------------------------------
    "doctor.ok": ("정상", "ok  "),
    "doctor.fail": ("문제", "FAIL"),
    "doctor.sqlite": ("SQLite 빌드", "sqlite"),
    "doctor.sqlite-vec": ("sqlite-vec 확장", "sqlite-vec"),
    "doctor.fts5": ("FTS5 검색", "fts5"),
    "doctor.embedder": ("임베더", "embedder"),
    "doctor.ocr": ("글자인식", "ocr"),
    "doctor.index": ("색인", "index"),
    "doctor.integrity": ("무결성", "integrity"),
    "doctor.schema": ("스키마", "schema"),
    "doctor.contents": ("내용", "contents"),
    "doctor.waiting": ("대기", "waiting"),
    "doctor.vectors": ("벡터", "vectors"),
    "doctor.dims": ("{name} ({dim}차원)", "{name} ({dim} dims)"),
    "doctor.ocr_on": (
        "tesseract (kor): 표지 로고에서 발행 기관을 읽습니다",
        "tesseract (kor): issuers read off cover logos",
    ),
    "doctor.ocr_off": ("설치되지 않음", "not installed"),
    "doctor.no_index": (
        "{db}: 아직 없습니다; `kb ingest corpus/`로 만드세요",
        "{db}: none yet; run `kb ingest corpus/`",
    ),
    "doctor.index_counts": (
        "{db}: 문서 {documents}개, 조각 {chunks}개, 표 {tables}개",
        "{db}: {documents} documents, {chunks} chunks, {tables} tables",
    ),
    # -- kb doctor on a server (kb/reports.py, over index/pghealth.py's facts) --------------
    "doctor.server": ("서버", "server"),
    "doctor.pgvector": ("pgvector 확장", "pgvector"),
    "doctor.hnsw": ("HNSW 색인", "hnsw"),
    "doctor.pg.server": ("PostgreSQL {version} 서버", "PostgreSQL {version}"),
    "doctor.pg.unreachable": ("서버를 읽을 수 없습니다: {detail}", "cannot be read: {detail}"),
    "doctor.pg.pgvector": ("설치됨, 버전 {version}", "installed, version {version}"),
    "doctor.pg.no_pgvector": (
        "이 데이터베이스에 없습니다: 관리자가 `CREATE EXTENSION vector;`를 실행해야 합니다",
        "not in this database: an administrator must run `CREATE EXTENSION vector;`",
    ),
    "doctor.pg.schema": ("버전 {version}", "version {version}"),
    "doctor.pg.schema_other": (
        "버전 {version}, 이 kb는 {expected}을 씁니다",
        "version {version}, this kb uses {expected}",
    ),
    "doctor.pg.contents": (
        "문서 {documents}개, 조각 {chunks}개, 벡터 {vectors}개, 낱말 항목 {words}개",
        "{documents} documents, {chunks} chunks, {vectors} vectors, {words} word entries",
    ),
    "doctor.pg.contents_waiting": (
        " (조각 {chunks}개는 벡터를 기다립니다)",
        " ({chunks} chunks wait for vectors)",
    ),
    "doctor.pg.out_of_step": (
        " — 서로 맞지 않습니다: 색인을 비우고 `kb ingest`를 다시 실행하세요",
        " — out of step: empty the index and run `kb ingest` again",
    ),
    "doctor.pg.waiting": (
        "문서 {documents}개(조각 {chunks}개)는 벡터를 쓰기 전까지 낱말로만 찾을 수 있습니다: "
        "`kb ingest`(어느 경로든)가 마저 씁니다",
        "{documents} documents ({chunks} chunks) are searchable by words only until their "
        "vectors are written: `kb ingest` (any path) completes them",
    ),
    "doctor.pg.hnsw_valid": ("{name}: 유효합니다", "{name}: valid"),
    "doctor.pg.hnsw_invalid": (
        "{name}: 유효하지 않습니다(중단된 CREATE INDEX); 벡터 검색이 표 전체를 훑습니다: "
        "`REINDEX INDEX {name};`",
        "{name}: invalid (an interrupted CREATE INDEX); vector searches scan the whole table: "
        "`REINDEX INDEX {name};`",
    ),
    "doctor.pg.hnsw_missing": (
        "{name}이 없습니다; 벡터 검색이 표 전체를 훑습니다: 관리자가 "
        "`CREATE INDEX {name} ON chunks_vec USING hnsw (embedding vector_cosine_ops);`",
        "{name} is missing; vector searches scan the whole table: an administrator can run "
        "`CREATE INDEX {name} ON chunks_vec USING hnsw (embedding vector_cosine_ops);`",
    ),
    "doctor.pg.hnsw_none": (
        "아직 벡터가 없습니다 (첫 벡터와 함께 만듭니다)",
        "no vectors yet (made with the first ones)",
    ),
    "doctor.pg.no_vectors": ("아직 저장된 벡터가 없습니다", "none stored yet"),
    "doctor.pg.embedder": ("{name} ({dim}차원)로 만들었습니다", "built with {name} ({dim} dims)"),
    "doctor.pg.other_dim": (
        " — 벡터 열은 {dim}차원입니다: 색인을 다시 만드세요",
        " — the vector column has {dim} dims: rebuild the index",
    ),
    "doctor.pg.other_embedder": (
        "; {wanted}을 요청했습니다: 다른 색인은 --db로, 아니면 --embedder를 빼세요",
        "; you asked for {wanted}: use --db for another index, or drop --embedder",
    ),
    # -- a series' notes (kb/trends.py) ---------------------------------------------------
    "note.no_unit": (
        "보고서들이 이 행의 단위를 적지 않았습니다",
        "the reports state no unit for this row",
    ),
    "note.report_period": (
        "기간이 적히지 않은 값은 보고서의 기간으로 봅니다",
        "some values name no period of their own: the report's period stands in",
    ),
    "note.converted": (
        "{units}로 적힌 값은 {unit}로 바꾸어 보입니다",
        "values printed in {units} are shown in {unit}",
    ),
    "note.month_totals": (
        "월까지의 누계는 한 해 전 같은 달까지의 누계와만 비교합니다",
        "totals to a month are compared only with the same months a year before",
    ),
    "note.unplaced": (
        "맞는 수치 {n}개는 기간을 알 수 없어(보고서에도 없음) 뺐습니다",
        "{n} matching figures name no period (nor does their report): left out",
    ),
    "note.twins": (
        "{n}개 계열 중 {i}번째: 한 보고서가 이 행을 여러 표에 한 기간의 값을 달리 적었습니다; "
        "표들은 따로 두고, 다른 보고서의 표는 값이 맞는 계열에 잇습니다",
        "series {i} of {n}: a report prints this row in more than one table with different "
        "values for one period; the tables are kept apart, and other reports' tables join the "
        "series their values agree with",
    ),
    "note.units": (
        "한 행이 단위 {n}가지({units})로 적혀 있어 따로 보이며 섞지 않습니다",
        "one row in {n} units ({units}): kept as separate lines, never mixed",
    ),
    # -- why a change question is not computed (kb/changes.py) -----------------------------
    "change.not_quarter": (
        "{period}은 분기 값이 아니어서 전분기와 비교하지 않습니다",
        "{period} is not a quarter's value: not compared with the quarter before",
    ),
    "change.not_month": (
        "{period}은 월 값이 아니어서 전월과 비교하지 않습니다",
        "{period} is not a month's value: not compared with the month before",
    ),
    "change.kinds_differ": (
        "기간의 종류가 달라 비교하지 않습니다 ({before}, {after})",
        "periods of different kinds are not compared ({before}, {after})",
    ),
    "change.ranges_differ": (
        "누계 기간이 달라 비교하지 않습니다 ({before}, {after})",
        "totals over different months are not compared ({before}, {after})",
    ),
    "change.units_differ": (
        "단위가 달라 비교하지 않습니다: {period} 값은 {unit}, 나머지는 {rest}",
        "different units are not compared: {period} is in {unit}, the rest in {rest}",
    ),
    "change.no_range": (
        "{period} 누계 값이 없습니다 ({near} 누계와는 기간이 달라 비교하지 않습니다)",
        "no total for {period} (the total for {near} covers other months: not compared)",
    ),
    "change.not_stored": (
        "{period} 값이 저장된 보고서에 없습니다",
        "no value for {period} in the stored reports",
    ),
    "change.parts": (
        "{year} 저장 값{unit}: {values} — 출처 {cites}",
        "{year} as stored{unit}: {values} — source {cites}",
    ),
    "change.yearly_refused": (
        "{years} 연간 값이 저장된 보고서에 없습니다: 저장된 값은 {kinds} 값이어서 연간 값으로 "
        "보이지도, 더하지도 않습니다",
        "no yearly value for {years} in the stored reports: the stored values are {kinds} "
        "values, neither shown as the year's nor summed",
    ),
    "change.twins": (
        "이 행은 {n}개 계열로 나뉘어 있습니다(한 보고서의 여러 표에 값이 달리 실림): 가장 잘 "
        "맞는 계열을 보였습니다 — 모두 보려면 `kb trend`",
        "this row is split into {n} series (a report prints it in several tables with "
        "different values): the best-matching one is shown; `kb trend` shows them all",
    ),
    "label.kind_half": ("반기", "half-year"),
    "label.kind_quarter": ("분기", "quarter"),
    "label.kind_month": ("월", "month"),
    "label.kind_range": ("누계", "total to a month"),
    "label.kind_date": ("기준일", "as-of date"),
    # -- errors ---------------------------------------------------------------------------
    "err.prefix": ("오류: {message}", "Error: {message}"),
    # The first error a new user meets: kb search before any kb ingest.
    "err.no_database": (
        "{path}: 아직 색인이 없습니다 (먼저 `kb ingest 경로`로 문서를 넣으세요)",
        "{path}: no database here yet (run `kb ingest PATH` first)",
    ),
    "err.database_is_folder": (
        "{path}: 폴더입니다. 색인 파일이 아닙니다",
        "{path}: is a directory, not a database file",
    ),
    "err.try_help": ("도움말: '{command} {option}'", "Try '{command} {option}' for help."),
    "err.missing_argument": ("인자가 없습니다: {name}", "Missing argument {name}."),
    "err.missing_option": ("옵션이 없습니다: {name}", "Missing option {name}."),
    "err.no_such_command": ("그런 명령은 없습니다: {name}", "No such command: {name}"),
    "err.no_such_option": ("그런 옵션은 없습니다: {name}", "No such option: {name}"),
    "err.bad_value": (
        "{name}의 값이 맞지 않습니다: {message}",
        "Invalid value for {name}: {message}",
    ),
    "err.internal": (
        "내부 오류 ({kind}: {message}); KB_DEBUG=1 로 다시 실행해 추적 정보를 보고, 알려 주세요",
        "internal error ({kind}: {message}); run again with KB_DEBUG=1 for the traceback, "
        "and please report it",
    ),
    "err.fts": ("FTS5 질의 오류: {message}", "FTS5 query error: {message}"),
    "err.no_program": (
        "'{name}'에 맞는 사업이 없습니다 (`kb programs`로 목록을 보세요)",
        "no program matches '{name}' (see `kb programs`)",
    ),
    "err.folds": ("--folds 는 2 이상이어야 합니다", "--folds needs at least 2 folds"),
}
