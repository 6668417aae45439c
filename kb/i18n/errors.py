"""The catalogue's words for errors: why a file was not taken in, and what kb refuses.

Keys name the place: `ingest.*` the reason a file failed (one line after its name, from the
readers in ingest/ and kb/ingestion.py), `ole.*` and `hwp.*` what is damaged inside an HWP
file (the detail of `ingest.hwp_damaged`), `fail.*` errors of kb's upper floor (settings,
embedders, evaluation sets, search options), `health.*` kb doctor's details of an index
(index/health.py), `click.*` the body of a bad option value (click's own words are
English), `eval.*` kb eval's lines. A `{detail}` is a library's own message (PyMuPDF,
zipfile, expat), passed on as it is.
"""

from __future__ import annotations

# key → (Korean, English).
ERRORS: dict[str, tuple[str, str]] = {
    # -- why a file was not taken in (ingest/, kb/ingestion.py) ----------------------------
    "ingest.empty": ("빈 파일입니다", "empty file"),
    "ingest.no_file": ("파일이나 폴더가 없습니다", "no such file or directory"),
    "ingest.not_file": ("일반 파일이 아닙니다", "not a regular file"),
    "ingest.too_big": (
        "파일이 {size} MB로 한도 {limit} MB를 넘습니다 (KB_MAX_FILE_MB)",
        "file is {size} MB, over the {limit} MB limit (KB_MAX_FILE_MB)",
    ),
    "ingest.unsupported": (
        "읽을 수 없는 파일 형식입니다: '{suffix}' (읽는 형식: {supported})",
        "unsupported file type '{suffix}' (supported: {supported})",
    ),
    "ingest.no_suffix": ("(확장자 없음)", "(none)"),
    "ingest.cannot_read": ("파일을 읽을 수 없습니다: {detail}", "cannot read file: {detail}"),
    "ingest.no_text": ("글자가 없습니다", "no text found"),
    "ingest.too_many_chunks": (
        "조각이 {n}개로 문서 하나의 한도 {limit}개를 넘습니다 (파일을 나누세요)",
        "{n} passages, over the limit of {limit} per document (split the file)",
    ),
    "ingest.timeout": (
        "중단: {seconds}초가 지나도록 읽기를 마치지 못했습니다 (KB_PARSE_SECONDS)",
        "abandoned: still parsing after {seconds} s",
    ),
    "ingest.died": (
        "중단: 읽던 과정이 멈췄습니다 (종료 코드 {code}; 메모리 {mb} MB를 넘었을 수 있습니다)",
        "abandoned: the parser died (exit {code}; over {mb} MB?)",
    ),
    "ingest.memory": (
        "중단: 메모리가 {mb} MB보다 더 필요합니다 (KB_PARSE_MEMORY_MB)",
        "abandoned: needs more than {mb} MB of memory",
    ),
    "ingest.bug": (
        "뜻밖의 오류가 났습니다 ({kind}: {detail}); 알려 주세요",
        "{kind}: {detail}",
    ),
    "ingest.vectors_later": (
        "{reason}; `kb ingest`가 벡터를 쓰기 전까지 낱말로만 찾을 수 있습니다",
        "{reason}; searchable by words only until `kb ingest` writes its vectors",
    ),
    # Text files (ingest/decode.py).
    "ingest.binary": ("글자 파일이 아닌 이진 데이터입니다", "binary data, not text"),
    "ingest.encoding": (
        "글자 인코딩을 알 수 없습니다 (UTF-8, UTF-16, CP949/EUC-KR 모두 아님)",
        "unknown text encoding (not UTF-8, UTF-16 or CP949/EUC-KR)",
    ),
    "ingest.html_no_text": ("HTML에 글자가 없습니다", "no text found in the HTML"),
    # PDF (ingest/pdf.py).
    "ingest.pdf_not": ("PDF 파일이 아닙니다 (%PDF 머리글 없음)", "not a PDF (no %PDF header)"),
    "ingest.pdf_cannot_open": ("PDF를 열 수 없습니다: {detail}", "cannot open PDF: {detail}"),
    "ingest.pdf_encrypted": (
        "암호가 걸린 PDF입니다 (암호 필요)",
        "encrypted PDF (password required)",
    ),
    "ingest.pdf_no_pages": (
        "PDF에 쪽이 없습니다 (잘렸거나 손상됨)",
        "PDF has no pages (truncated or damaged)",
    ),
    "ingest.pdf_truncated": (
        "잘린 PDF입니다: 끝 표시(%%EOF)가 없습니다 (파일이 중간에 끊겼나요?); {size}바이트, "
        "살릴 수 있는 쪽 {pages}쪽",
        "truncated PDF: no %%EOF end marker (file cut short?); {size} bytes, "
        "{pages} pages recoverable",
    ),
    "ingest.pdf_damaged": ("손상된 PDF입니다: {detail}", "damaged PDF: {detail}"),
    "ingest.pdf_no_text": (
        "글자 층이 없습니다 (스캔한 문서?): {pages}쪽; 글자인식(OCR)을 쓸 수 없습니다",
        "no text layer: page count {pages}; OCR not available",
    ),
    # Zip packages: HWPX, DOCX, XLSX (ingest/zipxml.py, hwpx.py, office.py).
    "ingest.zip_is_ole": (
        "{kind} 압축 패키지가 아니라 OLE 복합 파일입니다 (암호가 걸렸거나, 예전 이진 "
        ".doc/.xls/.hwp 파일을 이 이름으로 저장함)",
        "not a {kind} zip package but an OLE compound file "
        "(password-protected, or a legacy binary .doc/.xls/.hwp saved under this name)",
    ),
    "ingest.zip_not": (
        "{kind} 파일이 아닙니다 (압축 패키지가 아님; 잘렸거나 손상됨?)",
        "not a {kind} file (not a zip package; truncated or damaged?)",
    ),
    "ingest.zip_damaged": (
        "손상된 {kind} 압축 파일입니다: {detail}",
        "damaged {kind} zip: {detail}",
    ),
    "ingest.zip_members": (
        "압축 폭탄? 항목이 {n}개입니다 (한도 {limit}개)",
        "zip bomb? {n} entries (limit {limit})",
    ),
    "ingest.zip_total": (
        "압축 폭탄? 풀면 {size} MB가 됩니다 (한도 {limit} MB)",
        "zip bomb? contents expand to {size} MB (limit {limit} MB)",
    ),
    "ingest.zip_ratio": (
        "압축 폭탄? {name}이(가) {ratio}배인 {size} MB로 풀립니다 (한도 {limit}배)",
        "zip bomb? {name} expands {ratio}x to {size} MB (limit {limit}x)",
    ),
    "ingest.zip_part_big": (
        "압축 폭탄? {name}이(가) 풀면 {limit} MB를 넘습니다",
        "zip bomb? {name} is over {limit} MB uncompressed",
    ),
    "ingest.zip_missing": ("{kind}의 {name} 부분이 없습니다", "{kind} part {name} is missing"),
    "ingest.zip_feature": (
        "{name}에 지원하지 않는 압축 방식이 쓰였습니다: {detail}",
        "unsupported zip feature in {name}: {detail}",
    ),
    "ingest.zip_encrypted": (
        "{kind}의 {name} 부분이 암호화되어 있습니다: {detail}",
        "encrypted {kind} part {name}: {detail}",
    ),
    "ingest.zip_part_damaged": (
        "{kind}의 {name} 부분이 손상되었습니다: {detail}",
        "damaged {kind} part {name}: {detail}",
    ),
    "ingest.xml_doctype": (
        "{name}: DOCTYPE이 있는 XML은 받지 않습니다",
        "{name}: XML with a DOCTYPE is not accepted",
    ),
    "ingest.xml_damaged": (
        "{name}의 XML이 손상되었습니다: {detail}",
        "damaged XML in {name}: {detail}",
    ),
    "ingest.hwpx_encrypted": (
        "암호가 걸린 HWPX입니다 (암호 또는 배포용 문서)",
        "encrypted HWPX (password or distribution lock)",
    ),
    "ingest.hwpx_not": (
        "HWPX 문서가 아닙니다 (Contents/section*.xml 없음)",
        "not an HWPX document (no Contents/section*.xml)",
    ),
    "ingest.too_deep": (
        "손상된 {kind}입니다: {name}의 중첩이 너무 깊습니다",
        "damaged {kind}: {name} is nested too deeply",
    ),
    "ingest.body_no_text": ("{kind} 본문에 글자가 없습니다", "no text found in the {kind} body"),
    "ingest.docx_not": (
        "DOCX 문서가 아닙니다 (word/document.xml 없음)",
        "not a DOCX document (no word/document.xml)",
    ),
    "ingest.docx_no_body": (
        "DOCX 문서가 아닙니다 ({name}에 본문이 없음)",
        "not a DOCX document ({name} has no body)",
    ),
    "ingest.xlsx_not": (
        "XLSX 통합문서가 아닙니다 (xl/workbook.xml 없음)",
        "not an XLSX workbook (no xl/workbook.xml)",
    ),
    "ingest.xlsx_no_cells": (
        "통합문서에 값이 든 칸이 없습니다",
        "no cell values found in the workbook",
    ),
    # HWP (ingest/hwp.py).
    "ingest.hwp3": (
        "HWP 3.x 파일(2002년 이전 형식)은 읽지 못합니다; 한글에서 HWP 5 형식으로 저장하세요",
        "HWP 3.x file (pre-2002 format) is not supported; save as HWP 5",
    ),
    "ingest.hwp_not_ole": (
        "HWP 파일이 아닙니다 (OLE 복합 파일 머리글 없음; 손상됨?)",
        "not an HWP file (no OLE compound-file header; damaged?)",
    ),
    "ingest.hwp_no_header": (
        "HWP 파일이 아닙니다 (FileHeader가 없는 복합 파일: .doc/.xls이거나 암호화됨?)",
        "not an HWP file (compound file without FileHeader: .doc/.xls or encrypted?)",
    ),
    "ingest.hwp_bad_signature": (
        "HWP 파일이 아닙니다 (FileHeader 서명이 맞지 않음)",
        "not an HWP file (bad FileHeader signature)",
    ),
    "ingest.hwp_version": (
        "읽지 못하는 HWP 버전입니다: {version}",
        "unsupported HWP version {version}",
    ),
    "ingest.hwp_password": (
        "암호가 걸린 HWP입니다: 본문이 암호화되어 있습니다; 한글에서 열어 암호 없는 사본을 "
        "저장하세요",
        "password-protected HWP: the body is encrypted; open it in 한글 and save a copy "
        "without the password",
    ),
    "ingest.hwp_distribution": (
        "배포용 문서(HWP)입니다: 본문이 암호화되어 있습니다; 원본을 받거나 한글에서 잠금을 "
        "푼 사본을 저장하세요",
        "distribution-locked HWP (배포용 문서): the body is encrypted; ask for the original, "
        "or save an unlocked copy from 한글",
    ),
    "ingest.hwp_drm": (
        "DRM이 걸린 HWP입니다: 본문이 암호화되어 있습니다",
        "DRM-protected HWP: the body is encrypted",
    ),
    "ingest.hwp_pubkey": (
        "공개키로 암호화된 HWP입니다: 본문을 읽을 수 없습니다",
        "HWP encrypted with a public key: the body cannot be read",
    ),
    "ingest.hwp_cert_drm": (
        "인증서 DRM이 걸린 HWP입니다: 본문이 암호화되어 있습니다",
        "certificate-DRM HWP: the body is encrypted",
    ),
    "ingest.hwp_damaged": ("손상된 HWP 파일입니다: {detail}", "damaged HWP: {detail}"),
    "ingest.hwp_truncated": (
        "잘린 HWP 파일입니다: {detail}",
        "damaged HWP: truncated, {detail}",
    ),
    "ingest.hwp_no_text": (
        "HWP 본문에 글자가 없습니다 (빈 문단과 표뿐)",
        "no text found in the HWP body (only empty paragraphs/tables)",
    ),
    "hwp.no_sections": ("BodyText/Section 스트림이 없습니다", "no BodyText/Section streams"),
    "hwp.no_inflate": (
        "{name}의 압축을 풀 수 없습니다 ({detail})",
        "{name} does not inflate ({detail})",
    ),
    "hwp.inflate_big": (
        "HWP가 너무 큽니다: 스트림을 풀면 {limit} MB를 넘습니다 ({name}에서; 압축 폭탄?)",
        "HWP too large: its streams inflate to over {limit} MB (reached in {name}; "
        "a decompression bomb?)",
    ),
    "hwp.inflate_short": (
        "{name}: 압축된 데이터가 일찍 끝납니다 (파일이 잘렸나요?)",
        "{name}: its compressed data ends early (file cut short?)",
    ),
    "hwp.records_many": (
        "HWP가 너무 큽니다: 레코드가 {limit}개를 넘습니다 ({name}에서; 실제 문서는 훨씬 적음)",
        "HWP too large: over {limit} records (reached in {name}; real documents have far fewer)",
    ),
    "hwp.record_header": ("{name}: 레코드 머리글이 잘렸습니다", "{name}: truncated record header"),
    "hwp.record_cut": (
        "{name}: 레코드가 잘렸습니다 (태그 {tag})",
        "{name}: truncated record (tag {tag})",
    ),
    "hwp.record_deep": (
        "{name}: 레코드가 {level}단계로 중첩되었습니다 (한도 {limit})",
        "{name}: a record nested {level} levels deep (limit {limit})",
    ),
    # Inside the compound (OLE) file of an HWP (ingest/ole.py).
    "ole.short": (
        "파일이 {size}바이트로 머리글보다 짧습니다",
        "file is {size} bytes, shorter than its header",
    ),
    "ole.sector_size": (
        "복합 파일 머리글의 섹터 크기가 2**{shift}바이트입니다",
        "compound-file header names a sector size of 2**{shift} bytes",
    ),
    "ole.mini_size": (
        "복합 파일 머리글의 작은 섹터 크기가 2**{shift}입니다",
        "compound-file header names a mini sector size of 2**{shift}",
    ),
    "ole.outside": (
        "{what}이(가) 파일 밖의 섹터를 가리킵니다",
        "the {what} lists a sector outside the file",
    ),
    "ole.past_end": (
        "{what}이(가) {size}바이트 파일의 끝 너머에 있습니다 (파일이 잘렸나요?)",
        "its {what} lies past the end of the {size}-byte file (file cut short?)",
    ),
    "ole.what_difat": ("DIFAT 표", "DIFAT"),
    "ole.what_directory": ("디렉터리", "the directory"),
    "ole.what_mini": ("작은 스트림", "the mini stream"),
    "ole.what_minifat": ("MiniFAT 표", "the MiniFAT"),
    "ole.what_fat": ("섹터 할당표(FAT)", "sector allocation table (FAT)"),
    "ole.difat_loops": ("DIFAT의 섹터 사슬이 맴돕니다", "sector chain of the DIFAT loops"),
    "ole.fat_twice": (
        "FAT가 자기 섹터 하나를 두 번 적었습니다",
        "the FAT lists one of its sectors twice",
    ),
    "ole.chain_loops": ("{name}의 섹터 사슬이 맴돕니다", "sector chain of {name} loops"),
    "ole.chain_free": (
        "{name}의 섹터 사슬이 빈 섹터나 예약된 섹터로 이어집니다",
        "sector chain of {name} runs into a free or reserved sector",
    ),
    "ole.chain_outside": (
        "{name}의 섹터 사슬이 할당표 밖을 가리킵니다",
        "sector chain of {name} points outside the allocation table",
    ),
    "ole.directory_cut": (
        "디렉터리가 파일의 끝 너머에 있습니다 (파일이 잘렸나요?)",
        "its directory lies past the end of the file (file cut short?)",
    ),
    "ole.no_root": ("디렉터리에 루트 항목이 없습니다", "the directory has no root entry"),
    "ole.bad_entry": (
        "디렉터리가 {n}개 중 {i}번 항목을 가리킵니다",
        "the directory points at entry {i} of {n}",
    ),
    "ole.too_deep": (
        "디렉터리의 저장소 중첩이 {limit}단계를 넘습니다",
        "the directory nests storages over {limit} deep",
    ),
    "ole.no_stream": ("{name} 스트림이 없습니다", "no stream {name}"),
    "ole.stream_cut": (
        "{name}이(가) {size}바이트 중 {got}바이트뿐입니다 (파일이 잘렸나요?)",
        "{name} is {got} of {size} bytes (file cut short?)",
    ),
    "ole.chain_short": (
        "{name}의 섹터 사슬이 {size}바이트 중 {got}바이트에서 끝납니다",
        "sector chain of {name} ends after {got} of {size} bytes",
    ),
    "ole.minifat_cut": (
        "MiniFAT이 파일의 끝 너머에 있습니다 (파일이 잘렸나요?)",
        "its MiniFAT lies past the end of the file (file cut short?)",
    ),
    "ole.mini_past": (
        "{name}의 섹터 사슬이 작은 스트림의 끝 너머를 가리킵니다",
        "sector chain of {name} points past the end of the mini stream",
    ),
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
    # -- kb eval's lines (kb/cli.py); the measures' names (Recall@1, MRR@10) stay as written --
    "eval.verdict_ok": ("맞음", "ok"),
    "eval.verdict_wrong": ("틀림", "wrong"),
    "eval.verdict_none": ("없음", "none"),
    "eval.answers": (
        "수치 질문 {n}개  답함 {ok}  틀림 {wrong}  답 없음 {silent}  "
        "(정확도 {accuracy}, 정밀도 {precision})",
        "count questions {n}  answered {ok}  wrong {wrong}  silent {silent}  "
        "(accuracy {accuracy}, precision {precision})",
    ),
    "eval.ok": ("맞음", "ok  "),
    "eval.fail": ("틀림", "FAIL"),
    "eval.figures": (
        "수치 찾기 {n}개  맞음 {correct}/{n}",
        "figure lookups {n}  correct {correct}/{n}",
    ),
    "eval.rank": ("순위 {rank}", "rank {rank}"),
    "eval.search": (
        "질문 {n}개  Recall@1 {r1}  Recall@5 {r5}  MRR@10 {mrr}",
        "queries {n}  Recall@1 {r1}  Recall@5 {r5}  MRR@10 {mrr}",
    ),
    "eval.fold": (
        "{fold}번째 묶음 (질문 {n}개, 문서 {docs}개)  혼합 {hybrid}  낱말 {lexical}  뜻 {vector}  "
        "맞춘 값 {fitted}",
        "fold {fold} ({n} questions, {docs} documents)  hybrid {hybrid}  lexical {lexical}  "
        "vector {vector}  fitted {fitted}",
    ),
    "eval.prior": ("기본값 그대로 (바뀜 없음)", "as the prior (no change)"),
    "eval.held_out": (
        "묶음마다 떼어 둔 질문, 모든 묶음 (Recall@1 / Recall@5 / MRR@10):",
        "held out, all folds (Recall@1 / Recall@5 / MRR@10):",
    ),
    "eval.shipped": (
        "배포된 상수를 전체 세트에 (그 세트로 맞춤): 혼합 {scores}",
        "shipped constants on the whole set (tuned on it): hybrid {scores}",
    ),
    "eval.mode_hybrid": ("혼합", "hybrid"),
    "eval.mode_lexical": ("낱말", "lexical"),
    "eval.mode_vector": ("뜻", "vector"),
    "eval.lang_korean": ("한국어", "korean"),
    "eval.lang_english": ("영어", "english"),
    "eval.lang_all": ("전체", "all"),
    "eval.doc": (
        "{file}  제목 {title}  연도 {year}  발행 {issuer}  절 {sections}  칸 {cells}  "
        "연구 {studies}  사업 {programs} 맞음{absent}",
        "{file}  title {title}  year {year}  issuer {issuer}  sections {sections}  "
        "cells {cells}  studies {studies}  programs {programs} right{absent}",
    ),
    "eval.not_indexed": ("  (색인에 없음)", "  (not in the index)"),
    "eval.title_got": ("    제목: {title}", "    title: {title}"),
    "eval.missed_heading": ("    놓친 제목: {heading}", "    missed heading: {heading}"),
    "eval.sentence_heading": (
        "    제목으로 읽힌 문장: {heading}",
        "    sentence as heading: {heading}",
    ),
    "eval.missed_cell": ("    놓친 칸: {cell}", "    missed cell: {cell}"),
    "eval.missed_study": ("    놓친 연구: {study}", "    missed study: {study}"),
    "eval.wrong_program": ("    틀린 사업: {name}", "    wrong program: {name}"),
    "eval.structure": (
        "문서 {documents}  제목 {title}  연도 {year}  발행 {issuer}  절 재현율 {sr} 정밀도 {sp}  "
        "칸 재현율 {cr}  연구 재현율 {str_}  사업 정밀도 {pp}",
        "documents {documents}  title {title}  year {year}  issuer {issuer}  sections recall "
        "{sr} precision {sp}  cells recall {cr}  studies recall {str_}  programs precision {pp}",
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
    # kb copy's line: what was copied, table by table (the key's tail is the table's name).
    "copied.documents": ("문서 {n}", "{n} documents"),
    "copied.sections": ("절 {n}", "{n} sections"),
    "copied.doc_tables": ("표 {n}", "{n} doc_tables"),
    "copied.chunks": ("조각 {n}", "{n} chunks"),
    "copied.figures": ("수치 {n}", "{n} figures"),
    "copied.programs": ("사업 {n}", "{n} programs"),
    "copied.studies": ("연구 {n}", "{n} studies"),
    "copied.vocab": ("어휘 {n}", "{n} vocab"),
    "copied.doc_terms": ("문서별 어휘 {n}", "{n} doc_terms"),
    "copied.words": ("낱말 항목 {n}", "{n} words"),
    "copied.vectors": ("벡터 {n}", "{n} vectors"),
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
    # -- kb --version (kb/cli.py) -----------------------------------------------------------
    "out.version": ("{prog} {version}판", "{prog}, version {version}"),
}
