"""The Korean words kb's rules rely on, in one place, each with the documents that need it.

Readers, the outline parser, figures and question understanding import these instead of
spelling words of their own. "seed" is the sample council report (corpus/); the other
names are documents of the development set of real documents (three ship in
tests/data/realdocs).
"""

from __future__ import annotations

import re

# -- questions ------------------------------------------------------------------------
# Words that ask how many times or people: 횟수, 인원, 몇 명 (seed dev_counts: 14 questions),
# 참석자/참여자 (seed 추진실적 lines), 구독자 수 (seed), 참여 인원 (msit press release).
ASKS_COUNT = re.compile(
    r"횟수|몇\s*(?:회|명|건|번|개|곳|차례)?|인원|참여자|참석자|건수|몇명|얼마나\s*많"
    r"|자\s?수(?:는|가|를)?(?=\s|$|\?)"
)
# A number with a counter, as passages state counts: 9회, 106명 (seed), 51개소 (RIA
# 76076), 6,300여명 (msit), 65개 (kwater plan).
COUNTED = re.compile(r"\d[\d,]*\s*(?:회|명|건|개소|곳|번|차례)")
# Rankings: 가장 낮은 / 저조한 (seed council questions), 최대 / 가장 많은 (seed, LH).
LOWEST = re.compile(r"가장\s*(?:낮|적|작|저조)|최저|최소|저조|부진")
HIGHEST = re.compile(r"가장\s*(?:높|많|크|큰)|최고|최대|최다")
# Change questions (issue 13): 전년 대비, 작년보다, 전분기 대비, 증감, 추이, 변화, 늘었, 줄었
# (staff's council questions; the fdi releases' own 전년동기비 / 직전 분기 대비).
# 대비/보다 only after a period or a comparator (전년 대비, 2분기 대비, 작년보다): `재난 대비
# 훈련` compares nothing; 변화/변동 only as words of their own: `기후변화 대응` is a name.
ASKS_CHANGE = re.compile(
    r"증감|추이|추세|늘었|줄었|늘어|줄어|증가했|감소했|올랐|내렸|동기비|(?:^|\s)(?:변화|변동)"
    r"|(?:년|분기|월|반기|동기|\dQ|해|달)\s*(?:도|과|와)?\s*(?:대비|보다)"
)
ASKS_SERIES = re.compile(r"추이|추세|흐름")  # the series itself, not one change
# The period a change is measured from, when the question names only the later one.
YEAR_BEFORE = re.compile(r"전년|작년|지난\s*해|전년\s*동기|동기\s*대비|1년\s*전")
QUARTER_BEFORE = re.compile(r"전\s*분기|직전\s*분기|지난\s*분기|앞\s*분기")
MONTH_BEFORE = re.compile(r"전월|전\s*달|지난\s*달|직전\s*월")

# -- counters and units ------------------------------------------------------------------
# Column or row words that name their unit: 실인원 / 참석인원 (seed), 인원수 (RIA forms
# 76076, 80250, 86712) → 명; 횟수 (seed) → 회; 건수 (seed) → 건; 배점 / 평점 (kps RFP,
# molit notice) → 점.
COUNT_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"인원|참석자|참여자|참가자"), "명"),
    (re.compile(r"횟수|회수"), "회"),
    (re.compile(r"건수"), "건"),
    (re.compile(r"배점|점수|평점"), "점"),
)
# A rate or share: 집행률 (seed), 증감률 (fdi releases), 비중 (fdi), 보조율 (molit).
RATE = re.compile(r"(?:률|율|비율|비중|점유율|%|퍼센트)(?:\s*\(.*\))?$")

# -- document kinds ----------------------------------------------------------------------
# Lines that label the kind of document rather than title it: 보도자료 (fdi ×5, kwater
# press, msit), 보도참고자료 / 설명자료 / 해명자료 (the same ministries' other releases).
DOC_LABEL = re.compile(
    r"^(보도|보도참고|참고|설명|해명|보도설명|보도해명|브리핑)자료$|^(press\s*release)$", re.I
)
# A line that names only the kind, joined to the title beside it: 규제영향분석서 (RIA ×4),
# 제안요청서 (kps), 개정이유서 (data_admin), 보고서 (research interim).
KIND_LINE = re.compile(r"^.{0,10}(분석서|요청서|이유서|보고서|계획서|제안서|의견서|설명서)$")

# -- outline ----------------------------------------------------------------------------
# Part headings printed without their □ box (seed: 향후 계획 beside □ 추진실적).
BARE_HEADINGS = frozenset(
    {"추진배경", "사업내용", "추진실적", "향후계획", "추진개요", "사업개요", "추진계획"}
)
# The enclosure list that closes an official letter: `붙임 1. 의견서 1부.`, `2. 양식 1부. 끝.`
# Each item counts its copies (N부) and the last ends the letter (끝.): lines of the letter,
# never headings (seoul audit opinion, seoul hrd review, seocho council plan, kwater press).
ENCLOSURE_LINE = re.compile(
    r"(?:\d+\s*부|\d+\s*매(?:\s*\(별첨\))?|끝)\s*[.。]\s*(?:끝\s*[.。]\s*)?$"
)
# The parts of a program (seed programs; 사업개요 and 추진계획 also in kwater plan and molit).
PROGRAM_PARTS = {
    "contents": ("사업내용", "사업개요", "추진개요", "추진배경", "사업목적", "사업목표"),
    "results": ("추진실적", "주요실적", "추진성과"),
    "plans": ("향후계획", "추진계획", "향후추진계획"),
}
# Fields that name the document's own work item: 사업명 (kps, molit), 규제사무명 (RIA ×4),
# 과제명 (research lists).
PROGRAM_KEYS = frozenset({"사업명", "과제명", "규제사무명", "세부사업명", "사업명칭"})
