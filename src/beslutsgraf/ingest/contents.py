"""A protocol's contents list (innehållsförteckning, ärendelista): its entries with their numbers, titles, case numbers
and pages, in the many forms the corpus showed (with and without § signs, numbers after titles, a table's columns),
told apart from the §§ themselves."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from beslutsgraf.ingest.casenumbers import find_case_numbers
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.header import is_label_line
from beslutsgraf.ingest.headings import (
    HEADING,
    NUMBER_AND_DNR,
    SECTION,
    abbreviated_headings,
    best_rising,
    declared_headings,
    is_heading,
    longest_rising,
    tidy_title,
)


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
        and not SECTION.match(next_line)
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


def split_contents(
    text: str, abbreviations: frozenset[str] = frozenset()
) -> tuple[list[re.Match[str]], list[TocEntry]]:
    """§ heading candidates of the body, and the table of contents kept apart."""
    candidates = [m for m in HEADING.finditer(text) if is_heading(m)]
    unsigned = [p for p in (abbreviated_headings(abbreviations), NUMBER_AND_DNR) if p is not None]
    listed_from = label.start() if (label := _CONTENTS_LABEL.search(text)) else len(text)
    if unsigned:
        taken = {m.start() for m in candidates}
        candidates += [
            m
            for p in unsigned
            for m in p.finditer(text)
            if m.start() not in taken and is_heading(m) and (p is not NUMBER_AND_DNR or m.start() < listed_from)
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
