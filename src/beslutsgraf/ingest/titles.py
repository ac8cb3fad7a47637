"""A §'s title and case number: where the title ends (a case label, the decision's first words, prose that begins, a
flattened copy's run-on text) and which case number is the §'s own."""

from __future__ import annotations

import re
from functools import lru_cache

from beslutsgraf.ingest.casenumbers import find_case_numbers, find_heading_case_number
from beslutsgraf.ingest.headings import tidy_title
from beslutsgraf.ingest.model import Paragraph
from beslutsgraf.ingest.reflow import is_flattened
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import Line, join_lines, lines, span

# "§ 12", "KS § 12", and "Ks 232" where the § sign was lost
_HEADING_PREFIX = re.compile(
    r"^\s*(?:(?:[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}\s+)?§\s*\d+|[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}\s+\d{1,4}\b|\d{1,4}(?=\s+(?:Dnr\b|[A-ZÅÄÖ])))\s*"
    r"(?:[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ]{0,5}\s+§?\s*\d{1,4}(?![\d/.:-])\s+)?"  # "Ks 257 Au 154": the utskott's § before
)


_CASE_LABEL = re.compile(r"\b(?:Dnr|Diarienummer|Diarienr|Ärendenummer|Ärende\s*nr|Ärendenr)\b\.?\s*:?\s*$", re.I)


_PAGE_ONLY = re.compile(r"^\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s*$")


DECIDES = re.compile(
    r"^\s*(?:[A-ZÅÄÖ][\wÅÄÖåäö-]*(?:\s+(?:och\s+)?[\wÅÄÖåäö-]+){0,5}\s+(?:beslutar|beslöt|beslutade|fastställer|"
    r"godkänner|antar|tillstyrker|avstyrker|föreslår|noterar|lägger|överlämnar|uppdrar|utser|väljer|avslår|bifaller|"
    r"fattar|tar\s+(?:del|informationen|emot))\b"  # "fattar inte något beslut", "tar informationen till protokollet"
    r"|(?:Beslut|Beslutet)\s*:)"
)


def title_and_case(source: SourceText, paragraph: Paragraph, start: int, end: int) -> int:
    """Sets the title and case number from the area before the first section; returns where the title ends."""
    area = source.text[start:end]
    cases = find_case_numbers(area)
    if not cases and (in_heading := find_heading_case_number(area)):
        cases = [in_heading]
    if cases:
        case = cases[0]
        paragraph.case_number = case.notation
        paragraph.case_span = span(source, start + case.start, start + case.end)
    # Blank out the heading, the case number and its label or brackets; what remains is the title.
    chars = list(area)
    heading = _HEADING_PREFIX.match(area)
    for i in range(heading.end() if heading else 0):
        chars[i] = " "
    for case in cases[:1]:
        label = _CASE_LABEL.search(area[: case.start])
        left = label.start() if label else case.start
        right = case.end
        if left > 0 and area[left - 1] == "(" and right < len(area) and area[right] == ")":
            left, right = left - 1, right + 1
        for i in range(left, right):
            chars[i] = " "
    # The title is the first block of lines; a blank line ends it unless the next line goes on in lower case.
    kept: list[Line] = []
    blanked = "".join(chars)
    for line in lines(blanked, 0, len(area)):
        if line.blank:
            continue
        if kept and ((line.start - kept[-1].end > 1 and not line.text.lstrip()[:1].islower()) or len(kept) == 6):
            break
        if kept and DECIDES.match(line.text):  # the decision follows the title without a heading of its own
            break
        if kept and _PAGE_ONLY.match(line.text):  # a contents list's page number ("6", "7 - 11") on its own line
            break
        kept.append(line)
    if kept:
        first = kept[0].start + len(kept[0].text) - len(kept[0].text.lstrip())
        last = kept[-1].start + len(kept[-1].text.rstrip())
        long_and_flattened = last - first > LONGEST_TITLE and flattened(source.original)  # lines lost
        cuts = [
            run_on_title_end(blanked, first, last) if long_and_flattened else None,
            _prose_start(blanked, first, last) if flattened(source.original) else None,
        ]
        cut = min((c for c in cuts if c is not None), default=None)
        if cut is not None:
            last = cut
        paragraph.title_span = span(source, start + first, start + last)
        paragraph.title = join_lines([line.text for line in kept])
        if cut is not None:
            paragraph.title = blanked[first:last]
        paragraph.title = tidy_title(_HEAD_AFTER.sub("", _LABEL_LEFT.sub("", tidy_title(paragraph.title))))
    return start + (kept[-1].end if kept else 0)


# A case number's label left without its number ("Dnr MB Information", "Upprop dnr"): no part of the title;
_LABEL_LEFT = re.compile(
    r"^(?:dnr|diarienr|diarienummer)\b\.?\s*(?-i:[A-ZÅÄÖ]{1,6}\s*)?[\d/.:-]*\s+(?-i:(?=[A-ZÅÄÖ]))|\s+dnr\.?$", re.I
)  # "Dnr KS 002/ Ekonomisk rapport": a number the copy cut is none either


# The body's abbreviation and the meeting's date printed at the heading line's end ("DELGIVNINGAR MYN 2013-04-04")
_HEAD_AFTER = re.compile(r"\s+[A-ZÅÄÖ]{2,6}\s+\d{4}-\d{2}-\d{2}$")


_LABEL_ONLY = re.compile(r"(?:(?:dnr|diarienr|diarienummer)\b\.?\s*[A-ZÅÄÖ]{0,6})?", re.I)


# The text after a title, in a copy that lost its line breaks, begins with who speaks and what they do: "Ingrid
# Lindbom informerar om …", "Ordföranden hälsar …", "Kommunfullmäktige vitsordade sig …"
_PROSE_VERBS = (
    "informerar informerade föredrar föredrog redogör redogjorde redovisar redovisade presenterar presenterade "
    "hälsar hälsade berättar berättade vitsordade vitsordar förklarar förklarade lämnar lämnade meddelar meddelade "
    "konstaterar konstaterade föreslår föreslog yrkar yrkade öppnar öppnade svarar svarade inleder inledde "
    "överlämnar överlämnade anmäler anmälde väcker väckte"
)


_PROSE = re.compile(
    r"(?<=\s)(?:[A-ZÅÄÖ][\wåäöé-]*(?:en|et|na|fullmäktige)|[A-ZÅÄÖ][\wåäöé-]*\s+[A-ZÅÄÖ][\wåäöé-]*"
    r"(?:\s+\([A-ZÅÄÖa-zåäö]{1,4}\)|\s*,\s+[^,.;()]{2,40}?)?)\s+"
    rf"(?:{'|'.join(_PROSE_VERBS.split())})\b"
)  # "Ordföranden hälsar", "Kommunfullmäktige vitsordade": one word in its definite form; else a name's two (and


# its party or title: "Jan Rylander (NP) överlämnade", "Fredrik Noaksson, VD på Boxholmshus informerar")


def _prose_start(area: str, start: int, end: int) -> int | None:
    """Where the sentence after a run-on title begins: the one or two capitalised words before a verb of telling."""
    prose = _PROSE.search(area, start, end)
    if prose and _LABEL_ONLY.fullmatch(area[start : prose.start()].strip()):
        # "Information Stadsarkitekten informerar": the title's first word, then who speaks
        prose = _PROSE.search(area, area.index(" ", prose.start()), end)
    return prose.start() if prose and area[start : prose.start()].strip() else None


# A title and the text after it in one line, as a copy that lost its line breaks keeps a § ("Upprop och val av
# justeringsmän Att jämte ordföranden justera …"): the title ends before the first capitalised word that follows a
# lower-case word which no name goes on after ("inom Borås", "för Mellbystrand" go on; "justeringsmän Att" does not)
LONGEST_TITLE = 100


_GOES_ON_WORDS = (
    "i inom för av och om till från med på vid hos mellan enligt samt angående avseende efter mot över under utanför "
    "kring via per år nr del etapp fastigheten fastigheterna kv kvarteret"
)


_GOES_ON = frozenset(_GOES_ON_WORDS.split())


_WORD = re.compile(r"\S+")


@lru_cache(maxsize=4)
def flattened(text: str) -> bool:
    """Once a file, not once a § (a str's hash is kept, so the same text is found again at once)."""
    return is_flattened(text)


def run_on_title_end(area: str, start: int, end: int) -> int | None:
    """Where a title that runs on into the text after it ends, or None when no word says so."""
    previous = ""
    for m in _WORD.finditer(area, start, end):
        word = m.group()
        if (
            m.start() > start
            and word[:1].isupper()
            and any(c.islower() for c in word[1:])
            and previous[:1].islower()
            and previous.strip(",.:;").lower() not in _GOES_ON
        ):
            return m.start()
        previous = word
    return None
