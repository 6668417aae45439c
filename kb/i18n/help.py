"""The catalogue's words for the kb command's help pages (kb --help, kb CMD --help)."""

from __future__ import annotations

# key → (Korean, English). Keys name the place the text is shown: `cli.*` the kb command's
# help, `help.*` click's own words on a help page.
HELP: dict[str, tuple[str, str]] = {
    # -- click's words on every help page ------------------------------------------------
    "help.usage": ("사용법:", "Usage:"),
    "help.options": ("옵션", "Options"),
    "help.commands": ("명령", "Commands"),
    "help.help": ("이 도움말을 보이고 마칩니다.", "Show this message and exit."),
    "help.version": ("판 번호를 보이고 마칩니다.", "Show the version and exit."),
    "help.default": ("기본:", "default:"),
    "help.required": ("필수", "required"),
    # -- the kb group and its options ------------------------------------------------------
    "cli.group": (
        "kb: 기관 보고서를 뜻과 낱말로 찾습니다.",
        "kb: search Korean institutional reports by meaning and by words.",
    ),
    "cli.opt.db": (
        "쓸 SQLite 파일 (기본: $KB_DB, 없으면 $KB_HOME/kb.db, 없으면 ~/.local/share/kb/kb.db). "
        "명령 이름 뒤에 써도 됩니다.",
        "SQLite file to use (default: $KB_DB, else $KB_HOME/kb.db, else "
        "~/.local/share/kb/kb.db). Also accepted after the command name.",
    ),
    "cli.opt.embedder": (
        "'e5' (내장 multilingual-e5-small) 또는 'st:이름_또는_경로' (sentence-transformers). "
        "기본: 색인을 만든 임베더.",
        "'e5' (bundled multilingual-e5-small) or 'st:NAME_OR_PATH' (sentence-transformers). "
        "Default: what the index was built with.",
    ),
    "cli.opt.lang": (
        "화면 언어: ko (한국어) 또는 en (영어). 기본: $KB_LANG, 없으면 로케일, 없으면 한국어.",
        "Language of the output: ko (Korean) or en (English). Default: $KB_LANG, else the "
        "locale, else Korean.",
    ),
    "cli.opt.year": ("이 연도의 보고서만.", "Only reports of this year."),
    "cli.opt.json": ("JSON으로 출력합니다.", "Print JSON."),
    "cli.opt.json_fields": (
        "JSON으로 출력합니다 (필드: README의 JSON 절).",
        "Print JSON (fields: README, JSON).",
    ),
    "cli.opt.json_array": (
        "JSON 배열로 출력합니다 (필드: README의 JSON 절).",
        "Print a JSON array (fields: README, JSON).",
    ),
    # -- kb ingest -------------------------------------------------------------------------
    "cli.ingest": (
        "PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT, MD 파일이나 폴더를 색인에 넣습니다 "
        "(바뀌지 않은 파일은 건너뜁니다).",
        "Read PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT and MD files or folders into the index "
        "(unchanged files are skipped).",
    ),
    "cli.ingest.year": ("찾은 연도 대신 쓸 보고서 연도.", "Report year, overriding the one found."),
    "cli.ingest.prune": (
        "이 폴더에서 넣었던 문서 가운데 파일이 없어진 것도 지웁니다.",
        "Also remove documents stored from these folders whose files are gone.",
    ),
    # -- kb search -------------------------------------------------------------------------
    "cli.search": ("색인을 뜻과 낱말로 찾습니다.", "Search the index by meaning and by words."),
    "cli.search.k": ("보일 결과 수.", "Number of hits."),
    "cli.search.year": ("이 연도의 문서만.", "Only documents of this year."),
    "cli.search.doc": (
        "이 문서에서만 (경로 또는 경로의 끝).",
        "Only this document (path or end of its path).",
    ),
    "cli.search.mode": (
        "순위: hybrid (뜻과 낱말을 합침), vector (뜻만), lexical (낱말 BM25만).",
        "Ranking: fused, vectors only, or BM25 only.",
    ),
    "cli.search.fts_raw": (
        "QUERY를 FTS5 MATCH 문법 그대로 넘깁니다.",
        "Pass QUERY to FTS5 as raw MATCH syntax.",
    ),
    # -- kb stats, doctor, eval ------------------------------------------------------------
    "cli.stats": (
        "문서·절·조각·표의 수와 쓰는 임베더.",
        "Counts of documents, sections, chunks and tables; the embedder in use.",
    ),
    "cli.copy": (
        "SRC의 색인을 빈 DST로 옮겨 담습니다(파일 또는 postgresql://…). 다시 임베딩하지 않고, "
        "표마다 행 수를 견줍니다.",
        "Copy the index at SRC into an empty one at DST (a file or postgresql://…), without "
        "embedding again; each table's rows are counted on both sides.",
    ),
    "cli.doctor": (
        "SQLite, sqlite-vec 불러오기, 임베더, 색인을 점검합니다. 서버의 색인이면 SQLite 대신 "
        "서버와 pgvector의 버전, 스키마, HNSW 색인이 유효한지를 봅니다.",
        "Check the SQLite build, sqlite-vec loading, the embedder and the index. On a server, "
        "the server's and pgvector's versions, the schema and the HNSW index's validity instead.",
    ),
    "cli.eval": (
        "{query, gold_any} 줄로 Recall@1·Recall@5·MRR@10을, {query, expect} 줄로 수치 찾기를 "
        "잽니다. --mode answers: 답 카드가 정답 구절의 건수를 담는지, --mode structure: "
        "문서마다 읽어 낸 구조를 정답 줄과 견줍니다.",
        "Recall@1, Recall@5 and MRR@10 on {query, gold_any} lines; figure lookups on "
        "{query, expect} lines (every expected measure value must be the top row's); with "
        "--mode answers, whether answer cards hold the count stated in each gold passage; "
        "with --mode structure, what ingest extracted from each document against its gold "
        "line.",
    ),
    "cli.eval.mode": (
        "잴 순위 방식; 'answers': 답 카드가 정답 구절의 건수를 담는지; 'structure': 제목, "
        "연도, 발행 기관, 제목 줄, 표 칸, 연구, 사업을 dev_structure 형식 파일과 견줍니다.",
        "Ranking to evaluate; 'answers': do answer cards hold the gold passage's count; "
        "'structure': titles, years, issuers, headings, table cells, studies and programs "
        "against a dev_structure-shaped file.",
    ),
    "cli.eval.folds": (
        "문서 단위 교차 검증: 다른 묶음에서 순위 상수를 맞추고 남긴 묶음으로 잽니다. "
        "hybrid, lexical, vector를 나란히 보입니다.",
        "Cross-validate by document: fit the ranking constants on the other folds, score "
        "each fold held out; hybrid, lexical and vector side by side.",
    ),
    # -- kb figures, trend, programs, program, studies, answer, tui -------------------------
    "cli.figures": (
        "사업이나 항목 이름으로 수치를 찾습니다 (비슷한 이름, 띄어쓰기 무시), 출처와 함께.",
        "Look up figures by program or label (fuzzy, spacing-insensitive), with sources.",
    ),
    "cli.figures.measure": (
        "이 항목만: budget, committed, spent, committed_rate, spent_rate, expected, expected_rate.",
        "Only this measure: budget, committed, spent, committed_rate, spent_rate, expected, "
        "expected_rate.",
    ),
    "cli.figures.check": (
        "서로 맞지 않는 수치 (합계, 비율, 표)를 보입니다.",
        "List figures that disagree (totals, rates, tables).",
    ),
    "cli.figures.limit": ("보일 최대 행 수.", "Most rows shown."),
    "cli.trend": (
        "표 한 행의 값을 보고서들에 걸쳐 기간별로: 수정, 증감, 출처.",
        "A table row's values by period across reports: revisions, changes, sources.",
    ),
    "cli.trend.measure": (
        "열이 기간만이 아닌 표에서 이 열만 (합계, budget …).",
        "Only this column of tables whose columns are more than a period (합계, budget …).",
    ),
    "cli.programs": (
        "보고서마다 사업 나무: 연도 → 보고서 → 분야 → 사업.",
        "The program tree of each report: year → report → group → program.",
    ),
    "cli.program": (
        "사업 카드: 목적, 내용, 실적, 수치, 계획, 출처.",
        "A program's card: objective, contents, results, figures, plans, sources.",
    ),
    "cli.studies": (
        "연구 과제와 성과 (제목, 연도, 분야, 방법), 주제로 좁힐 수 있습니다.",
        "Research projects and outputs (title, year, category, method), optionally by topic.",
    ),
    "cli.answer": (
        "답 카드: 저장된 수치 행과 구절을 출처와 함께 (지어낸 값 없음).",
        "An answer card: stored figure rows and passages with citations (nothing invented).",
    ),
    "cli.tui": (
        "터미널 화면을 엽니다: 검색, 수치, 연도별 사업, 연구, 추이.",
        "Open the terminal UI: search, figures, programs by year, studies, trends.",
    ),
    # -- `kb` alone --------------------------------------------------------------------------
    "cli.first_steps": (
        "kb — 보고서를 뜻과 낱말로 찾는 도구\n\n"
        "  kb ingest 폴더/\n"
        "      보고서(PDF·HWP·HWPX·DOCX·XLSX·HTML·TXT·MD)를 색인에 넣습니다\n"
        '  kb search "청년 활동가 교육 예산"\n'
        "      뜻과 낱말로 찾습니다\n"
        "  kb tui\n"
        "      화면에서 찾고, 수치·사업·연구를 봅니다\n\n"
        "모든 명령과 설정: kb --help",
        "kb — search reports by meaning and by words\n\n"
        "  kb ingest FOLDER/\n"
        "      read reports (PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT, MD) into the index\n"
        '  kb search "청년 활동가 교육 예산"\n'
        "      search by meaning and by words\n"
        "  kb tui\n"
        "      search on screen; browse figures, programs and studies\n\n"
        "Every command and setting: kb --help",
    ),
    # -- click's names for the kind of a value and the usage line's pieces (kb/clihelp.py) ---
    # `-k 정수`, `사용법: kb search [옵션] QUERY`; a command's own argument names (QUERY,
    # PATH) stay, as its help and errors name them.
    "help.metavar.INTEGER RANGE": ("정수", "INTEGER RANGE"),
    "help.metavar.INTEGER": ("정수", "INTEGER"),
    "help.metavar.FLOAT": ("수", "FLOAT"),
    "help.metavar.TEXT": ("글자", "TEXT"),
    "help.metavar.FILE": ("파일", "FILE"),
    "help.metavar.PATH": ("경로", "PATH"),
    "help.metavar.DIRECTORY": ("폴더", "DIRECTORY"),
    "help.metavar.[OPTIONS]": ("[옵션]", "[OPTIONS]"),
    "help.metavar.[COMMAND] [ARGS]...": ("[명령] [인자]...", "[COMMAND] [ARGS]..."),
}
