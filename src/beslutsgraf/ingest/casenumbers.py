"""Case numbers (diarienummer) as printed: 'KS 2025/164', 'SLK-2024-00062', 'Dnr KS 2018/14', 'KSKF/2014:1'."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The same form the SHACL shape checks (ontology/shapes.ttl, bg:CaseShape): a case number as printed, of letters,
# digits and separators, with a digit in it; "ärende hundra" is none.
NOTATION_PATTERN = (  # no look-ahead: the SHACL engines' regex dialects lack it
    r"^(?:[A-ZÅÄÖa-zåäö][A-ZÅÄÖa-zåäö ./:_-]{0,12})?[0-9](?:[A-ZÅÄÖa-zåäö0-9 ./:_-]{0,38}[A-ZÅÄÖa-zåäö0-9])?$"
)
# A serial number and a two-digit year ("0901/22") counts only right after a § heading.
HEADING_NUMBER = re.compile(r"^\s*(?:[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}\s+)?§\s*\d+\s+(?P<number>\d{2,5}/\d{2})\s*$", re.M)

_LABEL = r"(?:\b(?:Dnr|Diarienummer|Diarienr|Ärendenummer|Ärende\s*nr|Ärendenr)\b\.?\s*:?\s*)"
_PREFIX = r"(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?)"
# After its label, in every form municipalities use: "KS 2019/123", "SBN 2019-00123", "2019-000003 - 042" (a
# filing code after it), "KS 123/2019" and "00123/20212.6." (number before year, a filing code glued on), "12.K".
_PREFIXED = re.compile(
    rf"{_LABEL}(?P<number>"
    rf"{_PREFIX}?(?:19|20)\d{{2}}[/:_.-]\d{{1,6}}(?:\s+-\s+\d{{2,4}}\b|[-.:]\d{{1,4}})?"
    rf"|{_PREFIX}?\d{{1,6}}/(?:19|20)\d{{2}}(?:\d{{1,2}}(?:\.\d{{1,2}})*)?(?![\d/])"
    r"|[A-ZÅÄÖ]{1,6}\d{1,6}(?:[./:-][\dA-ZÅÄÖ]{1,6})+(?=[\s,;)]|$)"  # "Dnr KK07/6"
    # a filing code after it: "0015/13 - 200", "0251/13 003"
    r"|\d{1,6}(?:[./:-][\dA-ZÅÄÖ]{1,6})*(?:\s+-\s+\d{2,4}\b|\s+0\d{2}\b)?(?=[\s,;)]|$)"
    r")",
    re.IGNORECASE,
)
# Bare forms: "KS 2025/164", "SLK-2024-00062", "SBN 2019-00123", "KS2019.123", a ministry's "Fi2017/04962/DF",
# the number before the year ("LS/4/2014", "KS 123/2019");
# never a SOU, SFS or Ds reference.
_BARE = re.compile(
    r"(?<![\wÅÄÖåäö])(?!(?:SOU|SFS|Ds|DS|Prop|RÅ|NJA|HFD)\b)(?P<number>"
    r"[A-ZÅÄÖ][A-ZÅÄÖ]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?(?:19|20)\d{2}[/:_]\d{1,6}(?:[-.:]\d{1,4})?"
    r"|[A-ZÅÄÖ]{2,10}[ -](?:19|20)\d{2}-\d{3,6}"
    r"|[A-ZÅÄÖ]{2,10}(?:19|20)\d{2}\.\d{1,6}"
    r"|[A-ZÅÄÖ][a-zåäö]?(?:19|20)\d{2}/\d{3,6}(?:/[A-ZÅÄÖ]{1,5})?"
    r"|[A-ZÅÄÖ]{2,10}[ /]\d{1,6}/(?:19|20)\d{2}"
    r")(?![\d/])"
)


@dataclass(frozen=True)
class FoundCaseNumber:
    notation: str
    start: int
    end: int


def _clean(number: str) -> str:
    return re.sub(r"\s+", " ", number.strip()).rstrip(".-: ")


def find_case_numbers(text: str) -> list[FoundCaseNumber]:
    """Case numbers in `text`: after 'Dnr'/'Ärendenummer' in any form, else in the usual bare forms."""
    found: list[FoundCaseNumber] = []
    for pattern in (_PREFIXED, _BARE):
        for m in pattern.finditer(text):
            start, end = m.span("number")
            if any(f.start < end and start < f.end for f in found):
                continue
            found.append(FoundCaseNumber(_clean(m["number"]), start, end))
    return sorted(found, key=lambda f: f.start)


def find_heading_case_number(text: str) -> FoundCaseNumber | None:
    m = HEADING_NUMBER.search(text)
    return FoundCaseNumber(m["number"], *m.span("number")) if m else None


def is_valid_notation(notation: str) -> bool:
    return re.match(NOTATION_PATTERN, notation) is not None
