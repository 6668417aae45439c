"""The terminal UI's words (`kb tui`): tab titles, key hints, boxes, status lines, empty states,
notifications, the ingest dialog and the command palette, in Korean and in English.

Words as the CLI's help says them: 색인 (index), 넣기 (ingest), 조각 (chunk), 낱말 (words),
뜻 (meaning), 임베더 (embedder). `{name}` fields are filled by `kb.i18n.t(key, name=…)`; a
field the TUI draws in its own style (a key, a command) is cut out of the text by
`tui.words.styled`, so the order of the words is each language's own.
"""

from __future__ import annotations

TUI: dict[str, tuple[str, str]] = {
    # -- the frame: tabs, footer keys, header ------------------------------------------------
    "tui.tab.search": ("검색", "Search"),
    "tui.tab.figures": ("수치", "Figures"),
    "tui.tab.programs": ("사업", "Programs"),
    "tui.tab.studies": ("연구", "Studies"),
    "tui.tab.trends": ("추이", "Trends"),
    "tui.key.screens": ("화면", "Screens"),
    "tui.key.find": ("찾기", "Find"),
    "tui.key.cite": ("인용", "Cite"),
    "tui.key.copy": ("복사", "Copy"),
    "tui.key.csv": ("CSV 저장", "CSV"),
    "tui.key.markdown": ("MD 저장", "Markdown"),
    "tui.key.ingest": ("문서 넣기", "Ingest"),
    "tui.key.palette": ("명령", "palette"),
    "tui.key.palette_tip": ("명령 팔레트를 엽니다", "Open the command palette"),
    "tui.key.quit": ("끝내기", "Quit"),
    "tui.key.palette_close": ("명령 팔레트 닫기", "Exit the command palette"),
    "tui.key.quit_tip": (
        "kb를 닫고 명령 프롬프트로 돌아갑니다",
        "Quit the app and return to the command prompt.",
    ),
    "tui.key.answer": ("답 카드", "Answer"),
    "tui.key.sort": ("정렬", "Sort"),
    "tui.key.reverse": ("역순", "Reverse"),
    "tui.key.back": ("뒤로", "Back"),
    "tui.key.close": ("닫기", "Close"),
    "tui.key.earlier": ("이전 시점", "Earlier"),
    "tui.key.later": ("다음 시점", "Later"),
    "tui.key.passage": ("본문", "Passage"),
    "tui.key.pick": ("고르기", "Pick"),
    "tui.subtitle.no_db": (
        "{name} (아직 색인 없음: i 를 눌러 문서를 넣으세요)",
        "{name} (no database yet: press i to ingest)",
    ),
    "tui.subtitle.server": ("{name} (PostgreSQL 서버)", "{name} (PostgreSQL server)"),
    "tui.error.title": ("kb 오류", "kb error"),
    # -- copy and export ---------------------------------------------------------------------
    "tui.copy.select_first": ("먼저 항목을 고르세요.", "Select an item first."),
    "tui.copy.citation_none": ("인용: 복사할 것이 없습니다", "Citation: nothing to copy"),
    "tui.copy.card_none": ("카드: 복사할 것이 없습니다", "Card: nothing to copy"),
    "tui.copy.citation_done": (
        "인용을 클립보드에 복사했습니다",
        "Citation copied to the clipboard",
    ),
    "tui.copy.card_done": ("카드를 클립보드에 복사했습니다", "Card copied to the clipboard"),
    "tui.export.nothing": (
        "이 화면에는 내보낼 결과가 없습니다.",
        "No results on this screen to export.",
    ),
    "tui.export.failed": ("내보내지 못했습니다", "Export failed"),
    "tui.export.done": ("내보냈습니다", "Exported"),
    "tui.export.rows": ("{n}행 → {path}", "{n} rows → {path}"),
    # -- the ingest dialog and its outcome -----------------------------------------------------
    "tui.ingest.title": ("문서 넣기", "Ingest documents"),
    "tui.ingest.first_title": (
        "시작하기: 아직 색인에 문서가 없습니다",
        "Getting started: the index has no documents yet",
    ),
    "tui.ingest.first_hint": (
        "읽을 보고서가 있는 폴더를 아래에서 고르세요 (↑↓ 이동, → 펼치기, Enter 고르기). "
        "경로를 직접 적어도 됩니다.",
        "Pick the folder that holds your reports below (↑↓ move, → open, Enter picks), "
        "or type its path.",
    ),
    "tui.ingest.tree_hint": (
        "폴더나 파일에서 Enter: 경로 칸에 넣습니다",
        "Enter on a folder or file puts it in the path box",
    ),
    "tui.ingest.path_hint": (
        "파일이나 폴더 (PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT, MD), 여러 개는 빈칸으로 구분:",
        "Files or folders (PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT, MD), separated by spaces:",
    ),
    "tui.ingest.ready": (
        "Enter 시작 · Esc 닫기 (닫아도 문서 넣기는 뒤에서 계속됩니다)",
        "Enter starts · Esc closes (ingest keeps running in the background)",
    ),
    "tui.ingest.running": ("문서를 넣는 중…", "An ingest is running…"),
    "tui.ingest.starting": (
        "시작하는 중 (임베더를 불러옵니다)…",
        "Starting (loading the embedder)…",
    ),
    "tui.ingest.words": ("낱말: 파일 {done}/{total}개 읽음", "words: {done}/{total} files read"),
    "tui.ingest.vectors": (
        "벡터: 조각 {done}/{total}개",
        "vectors: {done}/{total} chunks",
    ),
    "tui.ingest.searchable": (
        "읽은 문서는 벌써 낱말로 찾을 수 있습니다.",
        "Documents read are searchable by words already.",
    ),
    "tui.ingest.esc_closes": ("Esc 로 닫습니다.", "Esc closes."),
    "tui.ingest.no_path": (
        "넣을 파일이나 폴더를 고르거나 적으세요.",
        "Pick or type a file or folder to ingest.",
    ),
    "tui.ingest.already": ("문서 넣기가 이미 진행 중입니다.", "An ingest is already running."),
    "tui.ingest.bad_paths": ("경로를 읽을 수 없습니다: {error}", "Cannot read the paths: {error}"),
    "tui.ingest.summary": (
        "추가 {added}, 교체 {replaced}, 그대로 {unchanged}, 실패 {failed}; 조각 {chunks}개",
        "{added} added, {replaced} replaced, {unchanged} unchanged, {failed} failed; "
        "{chunks} chunks",
    ),
    "tui.ingest.failed": ("문서 넣기에 실패했습니다", "ingest failed"),
    "tui.ingest.notify_title": ("문서 넣기", "Ingest"),
    # -- every tab: no database, loading ---------------------------------------------------------
    "tui.nodb.head": ("아직 색인이 없습니다.", "No knowledge base yet."),
    "tui.nodb.where": ("{path}에 데이터베이스가 없습니다.", "There is no database at {path}."),
    "tui.nodb.press": (
        "{key} 를 누르면 폴더를 골라 문서를 넣을 수 있습니다. 셸에서 이렇게 해도 됩니다:",
        "Press {key} to pick a folder of documents to ingest, or run",
    ),
    "tui.nodb.then": ("실행한 뒤 이 화면으로 돌아오세요.", "in a shell, then come back."),
    "tui.loading": ("불러오는 중…", "Loading…"),
    "tui.loading.ingesting": (
        " (문서를 넣는 중: 읽은 문서부터 보입니다)",
        " (an ingest is running: documents appear as they are read)",
    ),
    # -- shared pieces of cards and places --------------------------------------------------------
    "tui.no_section": ("(절 없음)", "(no section)"),
    "tui.no_date": ("연도 미상", "n.d."),
    "tui.ctx.before": ("앞 구절", "before"),
    "tui.ctx.current": ("이 구절", "this passage"),
    "tui.ctx.after": ("뒤 구절", "after"),
    "tui.unit": ("단위 {unit}", "unit {unit}"),
    "tui.no_unit": ("단위 없음", "no unit"),
    "tui.mismatch": ("예상 {expected}, 실제 {found}", "expected {expected}, found {found}"),
    # -- tab 1: search -------------------------------------------------------------------------
    "tui.search.placeholder": ("/ 검색 (한국어 또는 영어)…", "/ Search (Korean or English)…"),
    "tui.search.all_years": ("모든 연도", "All years"),
    "tui.search.all_docs": ("모든 문서", "All documents"),
    "tui.search.warming": ("검색 엔진을 불러오는 중…", "loading the search engine…"),
    "tui.search.searching": ("“{query}” 찾는 중…", "searching “{query}”…"),
    "tui.search.results": ("“{query}” 결과 {n}건", "{n} results for “{query}”"),
    "tui.search.result_one": ("“{query}” 결과 1건", "1 result for “{query}”"),
    "tui.search.year": ("{year}년", "year {year}"),
    "tui.search.document": ("문서 {name}", "document {name}"),
    "tui.search.waiting": (
        " · 문서 {n}건은 아직 낱말로만 찾습니다 (벡터를 쓰는 중)",
        " · {n} documents by words only (vectors not written yet)",
    ),
    "tui.search.none": ("“{query}”에 맞는 결과가 없습니다.", "No results for “{query}”."),
    "tui.search.filtered": (
        "필터가 켜져 있습니다 ({filters}): 연도와 문서 칸을 ‘모든 연도’, ‘모든 문서’로 "
        "되돌리거나 낱말을 줄여 보세요.",
        "A filter is on ({filters}): set the year and document boxes back to All, "
        "or use fewer words.",
    ),
    "tui.search.a_document": ("문서 하나", "a document"),
    "tui.search.try_other": (
        "낱말을 줄이거나 바꿔 보세요. 보고서에 적힌 표현 그대로 찾아도 됩니다.",
        "Try fewer or other words, or a phrase from the report itself.",
    ),
    "tui.answer.none": (
        "이 질문에 꼭 맞는 저장된 수치가 없습니다. y 는 구절을 복사합니다.",
        "No stored figure surely answers this query; y copies the passage instead.",
    ),
    "tui.answer.none_title": ("답 카드: 복사할 것이 없습니다", "Answer: nothing to copy"),
    "tui.answer.copied": (
        "답 카드를 클립보드에 복사했습니다",
        "Answer card copied to the clipboard",
    ),
    "tui.welcome.head": (
        "보고서를 뜻과 낱말로 찾습니다. 찾을 말을 입력하세요.",
        "Type to search the reports by meaning and by words.",
    ),
    "tui.welcome.try": ("예: {a} 또는 {b}", "Try  {a}  or  {b}"),
    "tui.welcome.figures": ("수치 묻기: {a} 또는 {b}", "Ask for figures:  {a}  or  {b}"),
    "tui.welcome.keys": (
        "↓ / Enter 결과로 · Enter 구절 열기 · Esc 뒤로",
        "↓ / Enter go to the results · Enter opens the passage · Esc goes back",
    ),
    "tui.welcome.copy": (
        "a 답 카드 복사, y 구절 복사, c 인용 복사",
        "a copies the answer card, y the passage, c its citation",
    ),
    "tui.welcome.filters": (
        "필터: Tab 으로 연도와 문서 칸으로 갑니다.",
        "Filters: Tab to the year and document boxes.",
    ),
    # -- tab 2: figures ------------------------------------------------------------------------
    "tui.figures.placeholder": (
        "/ 사업명이나 항목으로 수치 거르기 (예: 청년 예산)…",
        "/ Filter figures by program or measure (e.g. 청년 예산)…",
    ),
    "tui.figures.none": (
        "“{query}”에 맞는 수치가 없습니다. 사업명의 일부로 찾아 보세요.",
        "No figures match “{query}”. Try part of a program name.",
    ),
    "tui.figures.empty": (
        "저장된 수치가 아직 없습니다: 예산 표가 있는 보고서를 넣으세요.",
        "No figures stored yet: ingest reports with budget tables.",
    ),
    "tui.figures.sorted_by": ("{column} 순", "sorted by {column}"),
    "tui.figures.best_first": ("가까운 순", "best match first"),
    "tui.figures.status": (
        "수치 {n}건 · {order} · 일관성 경고 {warnings}건",
        "{n} figures · {order} · {warnings} consistency warnings",
    ),
    "tui.figures.status_one": (
        "수치 1건 · {order} · 일관성 경고 {warnings}건",
        "1 figure · {order} · {warnings} consistency warnings",
    ),
    "tui.figures.from_text": ("본문에서: {section}, {place}", "From the text: {section}, {place}"),
    "tui.figures.no_table": (
        "표 {table}은(는) 저장되어 있지 않습니다.",
        "Table {table} is not stored.",
    ),
    "tui.figures.table": ("(표)", "(table)"),
    # -- tab 3: programs -----------------------------------------------------------------------
    "tui.programs.hint": (
        "↑↓ 이동 · → / ← 펼치기와 접기 · Enter 사업 카드 열기",
        "↑↓ move · → / ← open and close · Enter opens a program's card",
    ),
    "tui.programs.empty": (
        "저장된 사업이 아직 없습니다: 사업 목차가 있는 보고서를 넣으세요.",
        "No programs stored yet: ingest reports with a program outline.",
    ),
    "tui.programs.no_year": ("연도 없음", "no year"),
    "tui.programs.no_group": ("(분류 없음)", "(no group)"),
    # -- tab 4: studies ------------------------------------------------------------------------
    "tui.studies.placeholder": (
        "/ 제목으로 연구 거르기 (예: 주민자치회)…",
        "/ Filter studies by title (e.g. 주민자치회)…",
    ),
    "tui.studies.none": (
        "“{query}”에 맞는 연구가 없습니다. 제목의 낱말 하나로 찾아 보세요.",
        "No studies match “{query}”. Try one word of the title.",
    ),
    "tui.studies.empty": (
        "저장된 연구가 아직 없습니다: 연구 과제 목록이 있는 보고서를 넣으세요.",
        "No studies stored yet: ingest reports that list research projects.",
    ),
    "tui.studies.count": ("연구 {n}건", "{n} studies"),
    "tui.studies.count_one": ("연구 1건", "1 study"),
    "tui.studies.by_meaning": (
        " · 이 낱말이 든 제목이 없어 “{query}”와 뜻이 가까운 순",
        " · no title has these words: nearest to “{query}” by meaning",
    ),
    "tui.studies.by_year": (" · 연도, 분야, 방법 순", " · by year, category, method"),
    "tui.studies.looking": ("관련 구절을 찾는 중…", "Looking for passages…"),
    # -- tab 5: trends -------------------------------------------------------------------------
    "tui.trends.placeholder": (
        "/ 여러 보고서에 걸친 표의 행 (예: 총투자, 통합재정수지)…",
        "/ A table row across reports (e.g. 총투자, 통합재정수지)…",
    ),
    "tui.trends.hint": (
        "표의 행 이름(총투자, 통합재정수지, 예산현액 …)을 입력하면 보고서들에 걸친 시점별 값을 "
        "봅니다: 가장 최근 보고서의 값이 현재 값이고, 이전 보고서의 값은 옆에 남습니다. 행이나 "
        "그래프의 점에서 Enter 는 그 값이 적힌 구절을 엽니다. e 는 추이를 CSV로 내보냅니다.",
        "Type a table row (총투자, 통합재정수지, 예산현액 …) to see its values by period "
        "across reports: the latest report's value is current, earlier ones stay beside it. "
        "Enter on a row or a chart point opens the passage it is printed in; e exports the "
        "series as CSV.",
    ),
    "tui.trends.line": ("선 고르기", "Line"),
    "tui.trends.following": (
        "보고서들에서 “{query}”을(를) 따라가는 중…",
        "following “{query}” across the reports…",
    ),
    "tui.trends.no_series": ("추이가 없습니다", "no series"),
    "tui.trends.none": (
        "보고서들에서 “{query}”에 맞는 표의 행이 없습니다. "
        "행에 적힌 낱말 그대로 찾아 보세요 (총투자, 수입, 예산현액).",
        "No table row matches “{query}” across the reports. "
        "Try the row's own words (총투자, 수입, 예산현액).",
    ),
    "tui.trends.periods": ("{title} — {n}개 시점", "{title} — {n} periods"),
    "tui.trends.col.period": ("시점", "Period"),
    "tui.trends.col.value": ("값", "Value"),
    "tui.trends.col.change": ("증감", "Change"),
    "tui.trends.col.earlier": ("이전 보고서", "Earlier reports"),
    "tui.trends.col.unit": ("단위", "Unit"),
    "tui.trends.col.document": ("문서", "Document"),
    "tui.trends.col.table": ("표", "Table"),
    "tui.trends.col.place": ("쪽/행", "Page/line"),
    "tui.trends.from_reports": (
        "보고서 {docs}건의 {n}개 시점",
        "{n} periods from {docs} reports",
    ),
    "tui.trends.from_reports_one": ("보고서 1건의 {n}개 시점", "{n} periods from 1 report"),
    "tui.trends.revised": (
        "수정 {n}건 (* 가장 최근 보고서의 값, 이전 값은 옆에)",
        "{n} revised (* the latest report's value; earlier ones beside)",
    ),
    "tui.trends.lines": ("맞는 선 {n}개", "{n} lines match"),
    "tui.trends.same_in": ("같음: {reports}", "same in {reports}"),
    "tui.trends.since": ("{period} 대비 {change}", "{change} since {period}"),
    "tui.trends.current": ("현재", "current"),
    "tui.trends.earlier": ("이전", "earlier"),
    "tui.trends.note": ("주: {note}", "note: {note}"),
    "tui.trends.gone": (
        "이 구절은 더 이상 저장되어 있지 않습니다.",
        "The passage is no longer stored.",
    ),
    # -- the command palette (ctrl+p) -----------------------------------------------------------
    "tui.palette.placeholder": ("명령 찾기…", "Search for commands…"),
    "tui.cmd.go": ("{name} 화면으로", "Go to {name}"),
    "tui.cmd.go_help": ("{name} 화면을 엽니다 ({digit})", "Show the {name} screen ({digit})"),
    "tui.cmd.ingest": ("문서 넣기…", "Ingest documents…"),
    "tui.cmd.ingest_help": (
        "파일이나 폴더를 골라 색인에 넣습니다",
        "Pick files or folders to read into the index",
    ),
    "tui.cmd.csv": ("결과를 CSV로 내보내기", "Export results as CSV"),
    "tui.cmd.csv_help": (
        "지금 결과를 CSV 파일로 씁니다",
        "Write the current results to a CSV file",
    ),
    "tui.cmd.md": ("결과를 Markdown으로 내보내기", "Export results as Markdown"),
    "tui.cmd.md_help": (
        "지금 결과를 .md 파일로 씁니다",
        "Write the current results to a .md file",
    ),
    "tui.cmd.cite": ("인용 복사", "Copy citation"),
    "tui.cmd.cite_help": ("고른 항목의 인용을 복사합니다", "Copy a citation of the selected item"),
    "tui.cmd.card": ("카드 복사", "Copy card"),
    "tui.cmd.card_help": (
        "고른 구절, 표, 카드를 복사합니다",
        "Copy the selected passage, table or card",
    ),
    # Textual's own commands, under kb's words (tui.app translates them by title).
    "tui.sys.theme": ("테마", "Theme"),
    "tui.sys.theme_help": ("화면 색 테마를 바꿉니다", "Change the current theme"),
    "tui.sys.quit": ("끝내기", "Quit"),
    "tui.sys.quit_help": ("kb를 바로 닫습니다", "Quit the application as soon as possible"),
    "tui.sys.keys": ("단축키", "Keys"),
    "tui.sys.keys_help": (
        "고른 위젯의 도움말과 단축키 목록을 보이거나 숨깁니다",
        "Show or hide help for the focused widget and a summary of available keys",
    ),
    "tui.sys.maximize": ("최대화", "Maximize"),
    "tui.sys.maximize_help": ("고른 위젯을 화면 가득 보입니다", "Maximize the focused widget"),
    "tui.sys.minimize": ("원래 크기", "Minimize"),
    "tui.sys.minimize_help": (
        "최대화한 위젯을 원래 크기로 되돌립니다",
        "Minimize the widget and restore to normal size",
    ),
    "tui.sys.screenshot": ("화면 저장", "Screenshot"),
    "tui.sys.screenshot_help": (
        "지금 화면을 SVG 파일로 저장합니다",
        "Save an SVG 'screenshot' of the current screen",
    ),
}
