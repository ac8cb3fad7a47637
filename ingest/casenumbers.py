"""Case numbers (diarienummer) as printed: 'KS 2025/164', 'SLK-2024-00062', 'Dnr KS 2018/14', 'KSKF/2014:1'."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The same form the SHACL shape checks (ontology/shapes.ttl, bg:CaseShape).
NOTATION_PATTERN = (
    r"^(?:(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?)?(?:19|20)[0-9]{2}[/:_.-][0-9]{1,6}"
    r"(?:[-.:][0-9]{1,4})?|[A-ZÅÄÖ][a-zåäö]?(?:19|20)[0-9]{2}/[0-9]{3,6}(?:/[A-ZÅÄÖ]{1,5})?)$"
)

_PREFIXED = re.compile(
    r"(?:\b(?:Dnr|Diarienummer|Diarienr|Ärendenummer|Ärende\s*nr|Ärendenr)\b\.?\s*:?\s*)"
    r"(?P<number>(?:[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?)?(?:19|20)\d{2}[/:_.-]\d{1,6}"
    r"(?:[-.:]\d{1,4})?)",
    re.IGNORECASE,
)
_BARE = re.compile(
    r"(?<![\wÅÄÖåäö])(?!(?:SOU|SFS|Ds|DS|Prop|RÅ|NJA|HFD)\b)(?P<number>[A-ZÅÄÖ][A-ZÅÄÖ]{0,9}(?:[ /-][A-ZÅÄÖ]{1,4})?[ /-]?(?:19|20)\d{2}[/:_]\d{1,6}"
    r"(?:[-.:]\d{1,4})?|[A-ZÅÄÖ]{2,10}-(?:19|20)\d{2}-\d{3,6}|[A-ZÅÄÖ][a-zåäö]?(?:19|20)\d{2}/\d{3,6}(?:/[A-ZÅÄÖ]{1,5})?)"
    r"(?![\d/])"
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


def is_valid_notation(notation: str) -> bool:
    return re.match(NOTATION_PATTERN, notation) is not None
