"""The basis list (beslutsunderlag, handlingar): one document per item, with kind, authors, dates, citations.

Items are bullets or numbered lines where the list has them; otherwise one per line, a line that starts
in lower case continuing the item before it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from beslutsgraf.ingest.casenumbers import find_case_numbers
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.model import BasisDocument, Citation, DateMention, MentionRole, Resolution
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import Line, join_lines, lines, span

_BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□➢►\-–*]|\d{1,2}[.)]|[a-z][.)])\s+")
_JUSTERING = re.compile(r"^\s*(paragrafen|beslutet|protokollet)?\s*(är|förklaras)?\s*(omedelbart\s+)?justera", re.I)
_PART = re.compile(r"\(\s*(\d{1,2})\s*/\s*(\d{1,2})\s*\)|\bdel\s+(\d{1,2})\s+av\s+(\d{1,2})\b", re.I)
_PARAGRAPH_REF = re.compile(r"§\s*(\d{1,4})\b")
_ADDRESSEE_BEFORE = re.compile(r"\b(?:till|åt)\s*$", re.I)

# Order matters: the first kind whose pattern matches wins.
DOCUMENT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("foljebrev", re.compile(r"följebrev|missiv", re.I)),
    (
        "remissvar",
        re.compile(
            r"remissvar|remissyttrande|svar på remiss|yttrande över remiss|remiss\w*\s*[-–:]?\s*återkoppling|"
            r"återkoppling\s+(på|av)\s+remiss",
            re.I,
        ),
    ),
    ("tjansteskrivelse", re.compile(r"tjänsteskrivelse|tjänsteutlåtande|tjänsteyttrande|tjänsteanteckning", re.I)),
    ("yrkande", re.compile(r"^\s*(\w+\s+)?\w*(yrkande|särskilt yttrande|reservation)", re.I)),
    ("yttrande", re.compile(r"\byttrande\b|\bsynpunkter\b|\bskrivelse från\b", re.I)),
    ("forslag", re.compile(r"^\s*förslag\b|\bförslag till beslut\b", re.I)),
    ("protokollsutdrag", re.compile(r"protokollsutdrag|protokoll\b|\bbeslut\b|§\s*\d", re.I)),
    ("remiss", re.compile(r"^\s*remiss\b|\bremiss från\b", re.I)),
)


def _items(source: SourceText, start: int, end: int) -> list[list[Line]]:
    all_lines = [ln for ln in lines(source.text, start, end)]
    bulleted = any(_BULLET.match(ln.text) for ln in all_lines)
    items: list[list[Line]] = []
    after_blank = False
    for line in all_lines:
        if line.blank:
            after_blank = True
            continue
        text = line.text.strip()
        if _JUSTERING.match(text):
            break
        if bulleted:
            if _BULLET.match(line.text):
                items.append([line])
            elif items and (text[:1].islower() or not after_blank):
                items[-1].append(line)
            elif items:
                break  # prose after the list
        else:
            continues = items and (
                text[:1].islower() or (text[:1] in "(§" and not items[-1][-1].text.rstrip().endswith("."))
            )
            if continues:
                items[-1].append(line)
            elif items and after_blank and not _looks_like_item(text):
                break  # a page number, a running header, an appendix: the list has ended
            else:
                items.append([line])
        after_blank = False
    return items


_ITEM_WORDS = re.compile(
    r"tjänste|yttrande|remiss|protokoll|beslut|skrivelse|handling|bilaga|motion|yrkande|förslag|följebrev|"
    r"rapport|utredning|svar|PM\b|promemoria|§",
    re.I,
)


def _looks_like_item(text: str) -> bool:
    """Whether a line after a blank line still reads as a basis document rather than furniture or prose."""
    return bool(find_dates(text) or _ITEM_WORDS.search(text)) and len(text) < 300


def _role(text: str, position: int) -> MentionRole:
    return "addressee" if _ADDRESSEE_BEFORE.search(text[:position]) else "author"


def classify(title: str, has_author: bool, has_addressee: bool) -> str:
    for kind, pattern in DOCUMENT_KINDS:
        if pattern.search(title):
            return kind
    if has_addressee and not has_author:
        return "forslag"
    return "other"


def parse_basis(
    source: SourceText, start: int, end: int, resolver: Resolver, first_position: int = 1
) -> list[BasisDocument]:
    documents = []
    for position, item in enumerate(_items(source, start, end), first_position):
        first = item[0]
        bullet = _BULLET.match(first.text)
        item_start = first.start + (bullet.end() if bullet else len(first.text) - len(first.text.lstrip()))
        item_end = item[-1].start + len(item[-1].text.rstrip())
        documents.append(_document(source, item_start, item_end, item, bullet is not None, resolver, position))
    return documents


def _document(source, start, end, item, bulleted, resolver, position) -> BasisDocument:
    raw = source.text[start:end]
    bullet = _BULLET.match(item[0].text) if bulleted else None
    first_line = item[0].text[bullet.end() :] if bullet else item[0].text
    title = join_lines([first_line, *(ln.text for ln in item[1:])]).rstrip(" .")
    cases = find_case_numbers(raw)
    parts = [m for m in _PART.finditer(raw)]

    blocked = [(c.start, c.end) for c in cases] + [p.span() for p in parts]

    def outside(s: int, e: int) -> bool:
        """Not inside a case number or a part number (positions in the item's parsed text)."""
        return not any(bs <= s < be or s <= bs < e for bs, be in blocked)

    # Mentions are found with local positions, checked, and only then located in the source.
    local = resolver.find(raw, 0, _role, loose_case=True, unresolved_candidates=True)
    mentions = [
        replace(m, span=span(source, start + m.span.start, start + m.span.end))
        for m in local
        if outside(m.span.start, m.span.end) and m.kind != "role"
    ]
    authors = [m for m in mentions if m.role == "author"]
    addressees = [m for m in mentions if m.role == "addressee"]
    dates = [
        DateMention(d.value, span(source, start + d.start, start + d.end))
        for d in find_dates(raw)
        if outside(d.start, d.end)
    ]
    part = None
    if parts:
        numbers = [int(g) for g in parts[0].groups() if g]
        if 0 < numbers[0] <= numbers[1]:
            part = (numbers[0], numbers[1])
    kind = classify(title, bool(authors), bool(addressees))
    citations = [_citation(source, start, m, authors, dates) for m in _PARAGRAPH_REF.finditer(raw)]
    return BasisDocument(
        position=position,
        title=title,
        span=span(source, start, end),
        kind=kind,
        authors=authors,
        addressees=addressees,
        dates=dates,
        citations=citations,
        case_numbers=[c.notation for c in cases],
        part=part,
    )


def _citation(
    source: SourceText, offset: int, match: re.Match[str], authors: list[Resolution], dates: list[DateMention]
) -> Citation:
    bodies = [a for a in authors if a.kind == "body"]
    body = min(bodies, key=lambda a: abs(a.span.start - (offset + match.start())), default=None)
    day = dates[0].value if len(dates) == 1 else None
    return Citation(int(match[1]), span(source, offset + match.start(), offset + match.end()), body, day)
