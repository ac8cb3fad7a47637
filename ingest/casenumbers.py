"""Case numbers (diarienummer) as printed: 'KS 2025/164', 'SLK-2024-00062', 'Dnr KS 2018/14', 'KSKF/2014:1'."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The same form the SHACL shape checks (ontology/shapes.ttl, bg:CaseShape).
NOTATION_PATTERN = (
    r"^(?:(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?)?(?:19|20)[0-9]{2}[/:_.-][0-9]{1,6}"
    r"(?:[-.:][0-9]{1,4})?|[A-ZÅÄÖ][a-zåäö]?(?:19|20)[0-9]{2}/[0-9]{3,6}(?:/[A-ZÅÄÖ]{1,5})?|[0-9]{2,5}/[0-9]{2})$"
)
# A serial number and a two-digit year ("0901/22") counts only right after a § heading.
HEADING_NUMBER = re.compile(r"^\s*(?:[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}\s+)?§\s*\d+\s+(?P<number>\d{2,5}/\d{2})\s*$", re.M)

_PREFIXED = re.compile(
    r"(?:\b(?:Dnr|Diarienummer|Diarienr|Ärendenummer|Ärende\s*nr|Ärendenr)\b\.?\s*:?\s*)"
    r"(?P<number>(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?)?(?:19|20)\d{2}[/:_.-]\d{1,6}"
    r"(?:[-.:]\d{1,4})?)",
    re.IGNORECASE,
)
# Bare forms: "KS 2025/164", "SLK-2024-00062", a ministry's "Fi2017/04962/DF"; never a SOU, SFS or Ds reference.
_BARE = re.compile(
    r"(?<![\wÅÄÖåäö])(?!(?:SOU|SFS|Ds|DS|Prop|RÅ|NJA|HFD)\b)(?P<number>"
    r"[A-ZÅÄÖ][A-ZÅÄÖ]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?(?:19|20)\d{2}[/:_]\d{1,6}(?:[-.:]\d{1,4})?"
    r"|[A-ZÅÄÖ]{2,10}-(?:19|20)\d{2}-\d{3,6}"
    r"|[A-ZÅÄÖ][a-zåäö]?(?:19|20)\d{2}/\d{3,6}(?:/[A-ZÅÄÖ]{1,5})?"
    r")(?![\d/])"
)


@dataclass(frozen=True)
class FoundCaseNumber:
    notation: str
    start: int
    end: int


def _clean(number: str) -> str:
    return re.sub(r"\s+", " ", number.strip()).rstrip(".-:")


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
