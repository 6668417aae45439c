"""The catalogue's words for why a file was not taken in: one line after the file's name.

Keys name the place: `ingest.*` the reason a file failed (the readers in ingest/ and
kb/ingestion.py), `hwp.*` and `ole.*` what is damaged inside an HWP file (the detail of
`ingest.hwp_damaged`). A file is parsed in a child process: its reason comes back as a key
and fields (kb.i18n.Said) and is worded in the caller's language. A `{detail}` is a
library's own message (PyMuPDF, zipfile, expat), passed on as it is.
"""

from __future__ import annotations

# key → (Korean, English).
REASONS: dict[str, tuple[str, str]] = {
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
}
