"""Segmenting protocol text: where each § starts and ends, and the sections inside it.

A § heading is a line that starts with "§ 12" (optionally after a short body abbreviation, "KS § 12");
a line that continues a sentence ("§ 92 med tillhörande handlingar") is not. Of the candidates, the
longest run of increasing numbers wins, so a § cited at the start of a line cannot split a §.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice, pairwise

from beslutsgraf.ingest.casenumbers import find_case_numbers
from beslutsgraf.ingest.dates import find_dates

_HEADING = re.compile(r"^[ \t]*(?:[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}[ \t]+)?§[ \t]*(?P<number>\d{1,4})\b(?P<rest>[^\n]*)$", re.M)

# Canonical section name -> the headings templates use for it (whole line, case-insensitive).
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "decision": (
        r"beslut",
        r"beslutet",
        r"\w+s beslut",
        r"beslut i \w+",
        r"\w+s förslag till (kommun|region)?fullmäktige",
    ),
    "proposal": (r"förslag till beslut", r"\w+s förslag( till beslut)?", r"förslag till beslut på sammanträdet"),
    "summary": (
        r"sammanfattning( av ärendet)?",
        r"ärendet",
        r"ärendebeskrivning",
        r"bakgrund",
        r"beskrivning av ärendet",
        r"ärendebeskrivning och bakgrund",
        r"sammanfattning av ärendet och bakgrund",
    ),
    "earlier": (r"tidigare behandling", r"tidigare beslut", r"tidigare behandling av ärendet"),
    "basis": (
        r"beslutsunderlag",
        r"handlingar",
        r"handling",
        r"underlag",
        r"ärendets handlingar",
        r"underlag för beslut",
        r"beslutsunderlag och handlingar",
        r"handlingar i ärendet",
        r"i ärendet föreligger(?: följande handlingar)?",
        r"handlingar som ligger till grund för beslutet",
        r"bilagor",
    ),
    "treatment": (r"ärendets behandling", r"behandling av ärendet", r"behandling på sammanträdet"),
    "motions": (r"yrkanden?", r"yrkanden? under sammanträdet", r"yrkanden? på sammanträdet"),
    "order": (r"propositionsordning", r"propositions?ordning och beslut", r"beslutsgång", r"proposition"),
    "vote": (r"omröstning", r"votering", r"omröstningsresultat", r"huvudvotering", r"förberedande votering"),
    "reservation": (r"reservation(er)?",),
    "note": (r"protokollsanteckning(ar)?",),
    "statement": (r"särskil(t|da) yttranden?",),
    "jav": (r"jäv",),
    "dispatch": (
        r"expedieras till",
        r"beslutet skickas till",
        r"protokollsutdrag skickas till",
        r"protokollsutdrag till",
        r"beslutet expedieras till",
        r"expediering",
        r"skickas till",
        r"kopia till",
        r"för kännedom( till)?",
        r"beslutet ska skickas till",
        r"sändlista",
    ),
}
_SECTION = re.compile(
    r"^[ \t]*(?:"
    + "|".join(f"(?P<{name}>{'|'.join(alts)})" for name, alts in SECTION_HEADINGS.items())
    # "Beslutsunderlag" alone on its line, or "Beslutsunderlag: Tjänsteskrivelse 2024-01-15" with the body after it
    + r")[ \t]*(?::[ \t]*(?P<inline>\S[^\n]*))?[ \t]*$",
    re.I | re.M,
)


def is_section_heading(line: str) -> bool:
    return _SECTION.match(line.strip()) is not None


@dataclass(frozen=True)
class Section:
    name: str
    heading_start: int
    start: int  # first character of the body, after the heading line
    end: int


@dataclass
class RawParagraph:
    number: int
    start: int  # the heading's first character
    end: int
    heading_end: int
    sections: list[Section] = field(default_factory=list)

    @property
    def title_area(self) -> tuple[int, int]:
        """From the heading to the first section heading."""
        first = self.sections[0].heading_start if self.sections else self.end
        return self.start, first

    def section(self, name: str) -> list[Section]:
        return [s for s in self.sections if s.name == name]


_ABBREVIATED_END = re.compile(r"(?:\b(?:m\.fl|m\.m|bl\.a|t\.ex|etc|resp|osv|mfl|mm))$", re.I)


def tidy_title(title: str) -> str:
    """A title on one line without the punctuation around it, but for the dot of an abbreviation it ends in
    ("Detaljplan för del av Skegrie 27:1 m.fl."), nor the asterisks a web copy's emphasis left ("*Ansökan …*")."""
    title = " ".join(title.split())
    tidy = title.strip(" ,.:…–-*")
    return tidy + "." if title.rstrip(" ,:…–-*").endswith(".") and _ABBREVIATED_END.search(tidy) else tidy


def longest_rising(candidates: list[re.Match[str]]) -> list[re.Match[str]]:
    """The longest increasing run by number, of those whose numbers step up by at most five (a contents list that
    skips §§ closed under secrecy, or whose numbers a copy lost), the rest left out: a page number, a year."""
    chunks: list[list[re.Match[str]]] = []
    for m in _longest_increasing(candidates):
        if chunks and int(m["number"]) - int(chunks[-1][-1]["number"]) <= 5:
            chunks[-1].append(m)
        else:
            chunks.append([m])
    longest = max(chunks, key=len, default=[])
    return longest if len(longest) >= 2 else []


def best_rising(*readings: list[re.Match[str]]) -> list[re.Match[str]]:
    """Of several readings of one contents list ("1 3 Delgivningar": § 1 on page 3, or § 3), the one whose numbers
    rise one by one most often, as §§ do and page numbers rarely; the first among equals."""
    chains = [longest_rising(reading) for reading in readings]
    return max(chains, key=lambda chain: sum(int(b["number"]) - int(a["number"]) == 1 for a, b in pairwise(chain)))


def _longest_increasing(candidates: list[re.Match[str]]) -> list[re.Match[str]]:
    """Longest strictly increasing run by § number; among equals, the earliest: of the runs as long, the one that
    ends first, each § preceded by the earliest that can precede it.

    In n log n (a file of 20,000 § headings took 26 s the quadratic way): the candidates that end runs of one
    length, in the order met, have non-increasing numbers (a later, larger one would end a longer run), so a
    binary search finds both a candidate's length and the earliest it can follow."""
    if not candidates:
        return []
    numbers = [int(c["number"]) for c in candidates]
    ending: list[list[int]] = []  # per length - 1: the candidates ending a run that long, in order
    negated: list[list[int]] = []  # their numbers, negated: increasing, for bisect
    smallest: list[int] = []  # per length - 1: the smallest number ending a run that long (increasing)
    previous = [-1] * len(candidates)
    for i, number in enumerate(numbers):
        length = bisect_left(smallest, number)  # the longest run it extends
        if length:
            previous[i] = ending[length - 1][bisect_right(negated[length - 1], -number)]
        if length == len(ending):
            ending.append([])
            negated.append([])
            smallest.append(number)
        ending[length].append(i)
        negated[length].append(-number)
        smallest[length] = number
    end, chain = ending[-1][0], []
    while end != -1:
        chain.append(candidates[end])
        end = previous[end]
    return chain[::-1]


# What follows a § that is the header's, not a title: "Lennart Ström (S), ordförande kommunrevisionen / § 134 /
# § 134 / Utses att justera": the §§ someone attended for, a reference and no heading
_HEADER_AFTER = re.compile(
    r"(?:\s*§[ \t]*\d{1,4}[ \t]*\n)*\s*(?:Utses att justera|Justeringens|Justerandes sign|Underskrifter|"
    r"Utdragsbestyrkande|Paragrafer)\b",
    re.I,
)


def _is_heading(match: re.Match[str]) -> bool:
    rest = match["rest"].strip()
    if not rest:
        return _HEADER_AFTER.match(match.string, match.end(), match.end() + 200) is None
    if rest[0] in ".,;:)–-" or (rest[0].islower() and not rest.startswith("dnr")):  # "Kf 1 dnr 12/2013 Motion …"
        return False
    return not re.match(r"(kap|st|p)\b", rest)


@dataclass(frozen=True)
class TocEntry:
    """A line of the table of contents: '§ 12 Val av justerare ........ 3'."""

    number: int
    title: str
    page: int | None
    start: int
    end: int
    case_number: str | None = None


_LEADER_AND_PAGE = re.compile(r"\s*(?:\.{3,}|…+|_{3,}|\s{3,})\s*(?P<page>\d{1,3})\s*$|\s+(?P<bare>\d{1,3})\s*$")


def _entry_text(text: str, match: re.Match[str], following: re.Match[str] | None) -> tuple[str, int]:
    """The heading's rest, with the next line when a long title wraps onto it; and where the entry ends."""
    rest, end = match["rest"], match.end()
    skipped = end + 1
    if text[skipped : skipped + 1] == "\n":  # a copy that doubles every line break
        skipped += 1
    next_line_end = text.find("\n", skipped)
    next_line_end = len(text) if next_line_end < 0 else next_line_end
    next_line = text[skipped:next_line_end]
    wraps = (
        next_line.strip()
        and (following is None or following.start() > skipped)
        and not _SECTION.match(next_line)
        and re.search(r"\.{3,}|…{2,}|_{3,}", next_line)
    )
    return (f"{rest} {next_line.strip()}", next_line_end) if wraps else (rest, end)


def _is_toc_line(text: str, match: re.Match[str], following: re.Match[str] | None, *, comes_again: bool) -> bool:
    """Dot leaders and a page number; or the next § heading right below with nothing of a § between, and a page
    number or the same § number again further on (a contents list printed without page numbers)."""
    entry, entry_end = _entry_text(text, match, following)
    if re.search(r"\.{3,}|…{2,}|_{3,}", entry):
        return True
    if following is None:
        return False
    lines = [ln for ln in text[entry_end : following.start()].split("\n") if ln.strip()]
    return not lines and (comes_again or bool(_LEADER_AND_PAGE.search(entry)))


# "§ 227 Dnr 2018/000001 105 6" and the title on the next line: a filing code and a page number before it
_NUMBERS_BEFORE_TITLE = re.compile(r"^(?:\d{1,3}\s+)+(?=[A-ZÅÄÖ])")
_TRAILING_CASE = re.compile(r"\s(?P<case>(?:19|20)\d{2}/\d{1,6})$")  # "… från Tornedalen 2018/10"
_NEXT_ENTRY = re.compile(r"\)?\s*(?:\d{1,3}\s+)?[A-ZÅÄÖ][a-zåäö]{2,}\s")  # ") 10 Motion …", ") Medborgarförslag …"


_CASE_LABEL_LEFT = re.compile(r"\(?\s*(?:dnr|diarienr|diarienummer)\.?\s*:?\s*$", re.I)


def _case_apart(entry: str) -> tuple[str, str | None]:
    """An entry's title and the case number printed before it ("Dnr 2019-000003 - 042 Ekonomisk rapport")."""
    cases = find_case_numbers(entry)
    if not cases and (trailing := _TRAILING_CASE.search(entry)) and entry[: trailing.start()].strip():
        return entry[: trailing.start()].rstrip(" ,.:-–("), trailing["case"]  # a table's "Ärende" column
    if len(cases) > 1 and entry[: cases[0].start].strip(" (") and _NEXT_ENTRY.match(entry, cases[0].end):
        # "Motion om … (KS/2015:4) Motion om … (KS/2014:567)": entries whose § numbers the copy lost run on after
        # the first one's case number; the first title is this entry's
        return entry[: cases[0].start].rstrip(" ,.:-–("), cases[0].notation
    if cases and not entry[cases[-1].end :].strip(" .)") and entry[: cases[-1].start].strip(" ("):
        first = len(cases) - 1  # "Upphandling … KS/2021:305-059"; several after a title: none of them its own
        while first > 0 and not entry[cases[first - 1].end : cases[first].start].strip(" ,"):
            first -= 1
        title = _CASE_LABEL_LEFT.sub("", entry[: cases[first].start]).rstrip(" ,.:-–(")  # "… ordet (Dnr 2018/00001)"
        if title:
            return title, cases[first].notation if first == len(cases) - 1 else None
    if not cases or entry[: cases[0].start].strip(" :.").lower() not in (
        "",
        "dnr",
        "diarienummer",
        "ärendenummer",
        "diarienr",
    ):
        return entry, None
    return entry[cases[0].end :].lstrip(" .:-–"), cases[0].notation


def abbreviated_headings(abbreviations: frozenset[str]) -> re.Pattern[str] | None:
    """A § heading whose § sign was lost (a web copy's, an OCR's): a body's abbreviation and a number at a line's
    start, then a case number or a title ("Ks 232 Dnr KS 2014/0530 …", "MBN 27 Dnr MB …"); never a case number of
    its own ("KS 2025/164")."""
    names = sorted((re.escape(a) for a in abbreviations if a.replace(" ", "").isalpha()), key=len, reverse=True)
    if not names:
        return None
    return re.compile(
        rf"^[ \t]*(?i:{'|'.join(names)})[ \t]+(?P<number>\d{{1,4}})(?![\d/.:-]\d)\b(?P<rest>[^\n]*)$", re.M
    )


# A § heading of a template that prints no § sign, only the number and the case: "1 Dnr 12.K Information om …"
_NUMBER_AND_DNR = re.compile(r"^[ \t]*(?P<number>\d{1,4})[ \t]+(?P<rest>Dnr\b[^\n]*)$", re.M)


# The §§ the header says the protocol holds ("Paragrafer 208-227", "Omfattning §§ 41-54", "Justerade paragrafer
# 252-273"): a number in that range that begins a title is a § heading whose § sign the template or a copy left out
_DECLARED_RANGE = re.compile(
    r"\b(?:Justerade paragrafer|Avser paragrafer|Paragrafer|Omfattning)\s*:?\s*(?:§§?\s*)?"
    r"(?P<spec>\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*)",
    re.I,
)
_NUMBER_AND_TITLE = {
    False: re.compile(r"^[ \t]*(?P<number>\d{1,4})[ \t]+(?P<rest>(?=[A-ZÅÄÖ])[^\n]*)$", re.M),
    True: re.compile(r"(?<=\s)(?P<number>\d{1,4})[ \t]+(?P<rest>)(?=[A-ZÅÄÖ][a-zåäö])"),  # inside a line
}
# "till och med paragraf 4 Tobias Viberg", "Inger Ek (S), 12 Bo Lund": a number that a name follows, no heading;
# "föredragningslistan... 3 Verksamhetsrapporter": a page after a title's leaders
_NUMBER_OF_SOMETHING = re.compile(r"(?:,|\.{2,}|…|\b(?:paragraf(?:erna)?|§§?|med|och|från|tom|t\.o\.m\.))\s*$", re.I)
MAX_DECLARED = 400  # more §§ than any meeting treats: a range this wide is no § range


def declared_headings(text: str, *, inside_lines: bool = False) -> list[re.Match[str]]:
    """The § headings without a § sign in the range the header declares, rising; not a page's number before its
    running head ("2 Kommunstyrelsen …", "3 Kommunstyrelsen …": the same words after every one)."""
    declared, numbers = _declared_numbers(text)
    if declared is None:
        return []
    found = [
        m
        for m in _NUMBER_AND_TITLE[inside_lines].finditer(text, declared.end())
        if int(m["number"]) in numbers and not _NUMBER_OF_SOMETHING.search(_before(text, m.start()))
    ]
    heads = Counter(_head(text, m) for m in found)
    found = [m for m in found if heads[_head(text, m)] == 1]
    if len(found) == 1 and int(found[0]["number"]) == min(numbers):
        return found  # an extract of the first § the header declares, or a copy cut after it
    return longest_rising(found)


def _declared_numbers(text: str) -> tuple[re.Match[str] | None, set[int]]:
    """The §§ the header declares ("Paragrafer 41-54", "Paragrafer 232, 248-281"): a range or several numbers."""
    for declared in _DECLARED_RANGE.finditer(text):
        numbers: set[int] = set()
        for part in declared["spec"].split(","):
            first, _, last = part.replace("–", "-").partition("-")
            numbers |= set(range(int(first), int(last or first) + 1)) if int(last or first) >= int(first) else set()
        if len(numbers) >= 2 and max(numbers) - min(numbers) <= MAX_DECLARED:
            return declared, numbers
    return None, set()


def _before(text: str, at: int) -> str:
    return text[max(0, at - 40) : at]  # a window, not the whole text before: a search there is linear in the file


def _head(text: str, heading: re.Match[str]) -> str:
    return " ".join(text[heading.start("rest") : heading.start("rest") + 40].split()[:2])


def split_contents(
    text: str, abbreviations: frozenset[str] = frozenset()
) -> tuple[list[re.Match[str]], list[TocEntry]]:
    """§ heading candidates of the body, and the table of contents kept apart."""
    candidates = [m for m in _HEADING.finditer(text) if _is_heading(m)]
    unsigned = [p for p in (abbreviated_headings(abbreviations), _NUMBER_AND_DNR) if p is not None]
    listed_from = label.start() if (label := _CONTENTS_LABEL.search(text)) else len(text)
    if unsigned:
        taken = {m.start() for m in candidates}
        candidates += [
            m
            for p in unsigned
            for m in p.finditer(text)
            if m.start() not in taken and _is_heading(m) and (p is not _NUMBER_AND_DNR or m.start() < listed_from)
        ]
        candidates.sort(key=lambda m: m.start())
    if not candidates:  # no § sign anywhere: the §§ the header declares, by their numbers, but a contents list's
        listed = _unsigned_contents(text, len(text))
        listed_to = max((entry.end for entry in listed), default=-1)
        candidates = [m for m in declared_headings(text) if not listed_from <= m.start() <= listed_to]
    body, contents = [], []
    last_seen = {int(m["number"]): i for i, m in enumerate(candidates)}
    for i, m in enumerate(candidates):
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        if not _is_toc_line(text, m, following, comes_again=last_seen[int(m["number"])] > i):
            body.append(m)
            continue
        entry, entry_end = _entry_text(text, m, following)
        entry = entry.strip()
        page = _LEADER_AND_PAGE.search(entry)
        title = entry[: page.start()] if page else entry
        title, case = _case_apart(title)
        number = page and (page["page"] or page["bare"])
        title = _NUMBERS_BEFORE_TITLE.sub("", tidy_title(title))
        if not title:
            continue  # "§ 12 § 12 § 12": a number with no title is no entry of a contents list
        contents.append(TocEntry(int(m["number"]), title, int(number) if number else None, m.start(), entry_end, case))
    if not contents:
        contents = _unsigned_contents(text, body[0].start() if body else len(text))
    return body, contents


# A contents list under its label whose entries lost their § signs (a web copy's): "93 Dnr Information",
# "19 Projektansökan, Europeiska socialfonden", one a line
# "Ärenden" alone where an entry follows it ("Ärenden 74 Ordföranden har ordet (Dnr 2018/00001) 75 …")
CONTENTS_LABELS = (
    r"Innehållsförteckning|Innehåll|INNEHÅLL|Ärendelista|Ärendeförteckning|Föredragningslista|Dagordning|"
    r"Ärenden\s+(?:till|vid)|Förteckning\s+över\s+(?:\w+\s+)?ärenden|Ä R E N D E F Ö R T E C K N I N G|"
    r"Ärenden(?=\s+\d{1,4}[ \t]+[A-ZÅÄÖ])"
)
_CONTENTS_LABEL = re.compile(rf"^[ \t]*(?P<word>{CONTENTS_LABELS})\b[^\n]*$", re.M | re.I)
_TITLE_START = r"(?:Dnr\b|[A-ZÅÄÖ]|\d{1,3}-[a-zåäö])"  # "Dnr …", "Val av …", "3-månaders uppföljning"
_UNSIGNED_ENTRY = re.compile(
    rf"(?<!\.\.\n)(?<!…\n)^[ \t]*(?P<number>\d{{1,4}})\.?[ \t]+(?P<rest>{_TITLE_START}[^\n]*)$", re.M
)  # not a page on the line after a title's leaders
# "1 3 Delgivningar": a table's columns § | page | title
_PAGED_ENTRY = re.compile(
    r"^[ \t]*(?P<number>\d{1,4})[ \t]+(?P<page>\d{1,4})[ \t]+(?P<rest>(?:Dnr\b|[A-ZÅÄÖ])[^\n]*)$", re.M
)
# An entry that begins inside a line, after the case number or the title before it ("… KS/2021:305-059 150 Närings…")
_INLINE_ENTRY = re.compile(
    rf"(?<=[ \t])(?<!\.\.[ \t])(?<!…[ \t])(?P<number>\d{{1,4}})(?:\.?[ \t]+|(?=[A-ZÅÄÖ][a-zåäö]{{2,}}\s))(?P<rest>)"
    rf"(?={_TITLE_START})"
)  # "… 8 60Motion om …": a copy that lost the space after the number
TITLE_LINES = 4  # the lines an entry's title and case number may take, the first included
_ENTRY_DNR = re.compile(r"^Dnr\b\.?\s*(?:(?:[A-ZÅÄÖ]{1,6}[ /-]?)?\d{2,4}[/:_.-]\d+\S*)?\s*")


def _continuation(text: str, start: int, end: int) -> str:
    """The lines an entry's title goes on over, up to the next entry, a header's label, or a few lines: when they
    end in its case number ("… i Åkers" / "Styckebruk kring mat och hantverk" / "KS/2021:322-141"), as a table's
    rows print it; otherwise the next lines are none of the entry's (a copy that lost the next entry's number)."""
    from beslutsgraf.ingest.header import (
        is_label_line,  # the header reads segment's headings through the text's furniture
    )

    kept: list[str] = []
    for line in text[start:end].split("\n")[1:]:
        if not line.strip():
            continue
        if is_label_line(line) or len(kept) == TITLE_LINES - 1:
            break
        kept.append(line.strip())
    joined = " ".join(kept)
    cases = find_case_numbers(joined)
    ends_in_case = (cases and not joined[cases[-1].end :].strip(" .")) or _TRAILING_CASE.search(joined)
    return joined if ends_in_case else ""


_PAGE_COLUMN = re.compile(r"\bSid(?:a|an)?\.?[ \t]*$", re.I)  # the label's line ends in its page column's head


MAX_LABELS = 3  # contents labels tried: the header's pointer to the list ("Ärendelista Sid 3") comes first


def _unsigned_contents(text: str, end: int) -> list[TocEntry]:
    """The entries of a contents list printed, or copied, without § signs, before the first § of the body: under
    the label that has the most of them, the later among equals (the list's own, not a pointer to it)."""
    labels = islice(_CONTENTS_LABEL.finditer(text, 0, end), MAX_LABELS)
    readings = [_entries_under(text, label, end) for label in labels]
    return max(reversed(readings), key=len, default=[])


def _entries_under(text: str, label: re.Match[str], end: int) -> list[TocEntry]:
    if numbered_after := _numbered_after_titles(text, label, end):
        return numbered_after
    at_line_start = list(_UNSIGNED_ENTRY.finditer(text, label.end(), end))
    anywhere = sorted(at_line_start + list(_INLINE_ENTRY.finditer(text, label.end(), end)), key=lambda m: m.start())
    found = best_rising(at_line_start, anywhere, list(_PAGED_ENTRY.finditer(text, label.end(), end)))
    rows = []
    for m, following in zip(found, [*found[1:], None][: len(found)], strict=True):
        stop = following.start() if following else end
        line_end = text.find("\n", m.start("rest"), stop)
        first = text[m.start("rest") : stop if line_end == -1 else line_end]  # to the line's end or the next entry
        rows.append((m, stop, line_end, first.strip(), _LEADER_AND_PAGE.search(first.strip())))
    bare_pages = [int(page["bare"]) for *_, page in rows if page and page["bare"]]
    # "54 Fastställande av föredragningslista 4 55 Styrelsens …": a page number after each title, without leaders;
    # a list whose columns' heads say so ("Innehållsförteckning Sid 52 Information …") has them after some titles
    share = 0.3 if _PAGE_COLUMN.search(label.group()) else 0.6
    paged = len(bare_pages) >= max(2, share * len(rows)) and bare_pages == sorted(bare_pages)
    entries = []
    for m, stop, line_end, first, page in rows:
        rest = first[: page.start()] if page and (page["page"] or paged) else first
        if line_end != -1:
            rest += " " + _continuation(text, line_end, stop)
        title, case = _case_apart(rest.strip())
        title = tidy_title(_ENTRY_DNR.sub("", title))
        if title:
            number = m["page"] if "page" in m.re.groupindex else page and (page["page"] or (paged and page["bare"]))
            entries.append(TocEntry(int(m["number"]), title, int(number) if number else None, m.start(), m.end(), case))
    return entries


# "Socialnämndens redovisning, 246 Ändrad regional indelning, 247": a § number after its title, not before it
_NUMBER_AFTER = re.compile(r"(?<=[^\s\d])(?<!\.\.)(?<!…)\s*,?\s+(?P<number>\d{1,4})(?=\s|$)")  # after leaders: a page
MIN_ENTRIES = 3  # entries that make a list of titles with their numbers after them


def _numbered_after_titles(text: str, label: re.Match[str], end: int) -> list[TocEntry]:
    """A contents list that prints each § number after its title ("Dagordning 34 Information … 35 …"): its entries,
    when its numbers follow a comma, or a title stands before the first and nothing after the last; else none."""
    numbers = longest_rising(list(_NUMBER_AFTER.finditer(text, label.end("word"), end)))
    if len(numbers) < MIN_ENTRIES:
        return []
    commas = sum(m.group().lstrip().startswith(",") for m in numbers)
    first = text[label.end() : numbers[0].start()].strip()
    line_end = text.find("\n", numbers[-1].end())
    last = text[numbers[-1].end() : len(text) if line_end == -1 else line_end].strip()
    if commas * 2 < len(numbers) and not (first[:1].isupper() and not last):
        return []
    entries = []
    for previous, m in zip([None, *numbers], numbers, strict=False):
        start = previous.end() if previous else label.end("word")
        piece = text[start : m.start()]
        if previous is None and (dates := find_dates(piece)):  # "Ärenden till kommunstyrelsen den 6 oktober 2009"
            piece = piece[dates[-1].end :]
        title, case = _case_apart(tidy_title(piece))
        if title:
            entries.append(TocEntry(int(m["number"]), title, None, start, m.end(), case))
    return entries


# Appendices after the last §: roll-call lists, attendance lists. They are not part of the last §.
_APPENDIX = re.compile(
    r"^[ \t]*(?:Omröstningslista|Voteringslista|Omröstningsbilaga|Bilaga\s+\d+\b|Närvarolista|Närvaroförteckning)",
    re.M | re.I,
)


def appendix_start(text: str, after: int) -> int:
    m = _APPENDIX.search(text, after)
    return m.start() if m else len(text)


def find_paragraphs(text: str, candidates: list[re.Match[str]] | None = None) -> list[RawParagraph]:
    """The §§ of the text, from the body's heading candidates (the table of contents left out)."""
    if candidates is None:
        candidates, _ = split_contents(text)
    # A heading with nothing after it at the very end is a cut-off line, not a §.
    candidates = [m for m in candidates if m["rest"].strip() or text[m.end() :].strip()]
    chosen = _longest_increasing(candidates)
    paragraphs = []
    for i, m in enumerate(chosen):
        end = chosen[i + 1].start() if i + 1 < len(chosen) else appendix_start(text, m.end())
        paragraph = RawParagraph(int(m["number"]), m.start(), end, m.end())
        paragraph.sections = _sections(text, m.end(), end)
        paragraphs.append(paragraph)
    return paragraphs


def _sections(text: str, start: int, end: int) -> list[Section]:
    found = []
    for m in _SECTION.finditer(text, start, end):
        name = next(n for n, v in m.groupdict().items() if v is not None and n != "inline")
        body_start = m.start("inline") if m["inline"] else min(m.end() + 1, end)
        found.append((name, m.start(), body_start))
    sections = []
    for i, (name, heading_start, body_start) in enumerate(found):
        body_end = found[i + 1][1] if i + 1 < len(found) else end
        sections.append(Section(name, heading_start, body_start, body_end))
    return sections
