"""Lines for text whose line breaks were lost.

Web copies of protocols (a document site's transcript, say) and some PDFs' text layers give a page, or a whole
protocol, as one line: the header's labels, the § headings, the sections and the decisions run together. The parser
reads lines, so a line longer than any protocol's is given lines where a protocol has them: a line break in place of
the space before a header label (in the header: before the first §), before a § heading and before its deciding
sentence ("Kommunstyrelsen beslutar …"), and around a section heading. Only spaces are replaced, so every offset
stays where it was and every fact still points into the file as it is. A text with its lines is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from beslutsgraf.ingest.contents import CONTENTS_LABELS
from beslutsgraf.ingest.header import LABELS
from beslutsgraf.ingest.headings import SECTION_HEADINGS, best_rising, declared_headings
from beslutsgraf.ingest.people import NAME

LONG_LINE = 300  # characters; no protocol's line is this long, and a flattened page is many times it
# A web copy's own lines ("Storlek: px", a page's number) are short; once most of the text is in long lines, every
# line is a flattened page, the short ones (a page with little on it) too.
FLATTENED_SHARE = 0.5

# Longest first, so that "Plats och tid" is a label before "Plats" is.
_LABEL_WORDS = sorted(
    {alternative for alternatives in LABELS.values() for alternative in alternatives}, key=len, reverse=True
)
_LABEL = re.compile(r"(?<=\s)(?:" + "|".join(_LABEL_WORDS) + r")(?=[\s:;.]|$)", re.I)
_CONTENTS = re.compile(rf"(?<=\s)(?:{CONTENTS_LABELS})\b", re.I)
# An entry of a contents list whose § signs were lost: its number, then "Dnr" or its title
# "165. Godkännande …" too; never a page number after a title's leaders ("föredragningslistan... 3 Verksamhet…")
_ENTRY = re.compile(r"(?<=\s)(?<!\.\.\s)(?<!…\s)(?P<number>\d{1,4})\.?\s+(?=Dnr\b|[A-ZÅÄÖ])")
_PAGED_ENTRY = re.compile(r"(?<=\s)(?P<number>\d{1,4})\s+\d{1,4}\s+(?=Dnr\b|[A-ZÅÄÖ])")  # § | page | title
CONTENTS_REACH = 6_000  # characters after a contents label in which its entries stand
_SECTION = re.compile(
    r"(?<=[.:!?)\d]\s)(?:" + "|".join(a for alts in SECTION_HEADINGS.values() for a in alts) + r")(?=\s+[A-ZÅÄÖ]|:)",
    re.I,
)
_NUMBER_AND_DNR = re.compile(r"(?<=\s)\d{1,4}\s+(?=Dnr\b)")  # "1 Dnr 12.K Information om …": no § sign
_SIGNED = re.compile(r"(?<=\s)§[ \t]*(?=\d{1,4}\b)")
# "Carl-Uno Olsson (S) Ordförande Ros-Marie Persson (S)": the chair's role, the list going on, not the signatures
_NEXT_MEMBER = re.compile(rf"\s+{NAME}\s*\(")
_ROLES = frozenset({"ordförande", "sekreterare", "justerare", "justerande"})  # labels that also follow a name
_WORD_REACH = 80  # characters before a number in which the word before it is looked for (not the whole line)
_DECIDER_REACH = 200  # characters before "beslutar att" in which the deciding body's name is looked for
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
_DECIDES = re.compile(
    r"\s(?:beslutar|beslutade|föreslår|föreslog|tillstyrker|avstyrker|godkänner|antar|noterar|lägger|överlämnar|"
    r"uppdrar|återremitterar|bordlägger|fastställer|yttrar|utser|väljer|besvarar|avslår|bifaller|hemställer)\s+att\b"
    r"|\s(?:fattar\s+inte|tar\s+(?:del\s+av|informationen))\b"  # an information §'s decision
)
_DECIDER = re.compile(r"(?:[A-ZÅÄÖ][\wåäö]*-\s+och\s+)?[A-ZÅÄÖ][\wåäö-]*$")


def relined(text: str, abbreviations: Iterable[str] = ()) -> str:
    """The text with a line break for a space wherever a protocol breaks a line, in every line too long to be
    one; of the same length as the text, every other character where it was."""
    if not is_flattened(text):
        return _header_labels_apart(text)
    headings = _paragraph_headings(text, frozenset(a.upper() for a in abbreviations))
    first_heading = _header_end(text, headings)
    breaks: set[int] = set(headings)
    for line_start, line in _lines(text):
        breaks |= _breaks_in(text, line_start, line_start + len(line), first_heading, headings)
    characters = list(text)
    for at in breaks:
        if 0 < at < len(text) and text[at - 1] in " \t":
            characters[at - 1] = "\n"
    return "".join(characters)


# A header's opening: its place and time, its members soon after
_HEADER_OPENING = re.compile(r"(?<=\s)Plats och tid\b(?=.{0,400}?\bBeslutande\b)", re.S)
AGENDA_REACH = 6_000  # characters after the first heading in which a header after an agenda is looked for


def _header_end(text: str, headings: set[int]) -> int:
    """Where the header's labels stop being looked for: at the first § heading, or, where a copy made headings of
    the numbered items of an agenda printed before the header ("KS 1 Nytt medborgarförslag 2 …" and then "Plats och
    tid … Beslutande …", nothing decided between), at the first heading after that header."""
    first = min(headings, default=len(text))
    opening = _HEADER_OPENING.search(text, first, first + AGENDA_REACH)
    if opening is None or _DECIDES.search(text, first, opening.start()):
        return first
    return min((h for h in headings if h > opening.start()), default=len(text))


# Labels no sentence starts with: where one stands inside a header's line ("… kl 09.00-17.10 Beslutande Jan
# Larsson, S"), a line of its own began there, as in the two-column table the page prints.
_TABLE_LABEL = re.compile(
    r"(?<=\S[ \t])(?:Beslutande|Tjänstgörande ersättare|Ej tjänstgörande ersättare|Närvarande ersättare|"
    r"Övriga deltagare|Övriga deltagande|Övriga närvarande|Utses att justera|Justeringens plats och tid|"
    r"Underskrifter|Paragrafer)(?=[ \t:]|$)"
)
_FIRST_HEADING = re.compile(r"^[ \t]*(?:[A-ZÅÄÖa-zåäö]{1,8}[ \t]*)?§[ \t]*\d", re.M)


def _header_labels_apart(text: str) -> str:
    """A text with its lines, whose header has two labels to a line: a line break before the second."""
    end = m.start() if (m := _FIRST_HEADING.search(text)) else len(text)
    breaks = [m.start() for m in _TABLE_LABEL.finditer(text, 0, end)]
    if not breaks:
        return text
    characters = list(text)
    for at in breaks:
        characters[at - 1] = "\n"
    return "".join(characters)


def is_flattened(text: str) -> bool:
    """Whether most of the text stands in lines longer than any protocol's: a page, or a protocol, a line."""
    lengths = [len(line) for line in text.split("\n")]
    return sum(n for n in lengths if n > LONG_LINE) > FLATTENED_SHARE * sum(lengths)


def _breaks_in(text: str, start: int, end: int, first_heading: int, headings: set[int]) -> set[int]:
    """Where lines begin inside one long line: before labels of the header, before contents, around sections, and
    before the sentence in which a § is decided."""
    found: set[int] = set()
    for m in _LABEL.finditer(text, start, min(end, first_heading)):
        # a label as a header prints it, not the word inside a sentence; "ande" is a web copy's cut "Beslutande"
        # "Närvarande: ledamöter: … ersättare: …": a label in a running sentence, set apart by its colon
        before = text[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
        colon = text[m.end() : m.end() + 1] == ":" and before in {",", ":", ";", "."}
        chair = before == ")" and m.group().lower() == "ordförande" and _NEXT_MEMBER.match(text, m.end())
        if (before == "," and m.group().lower() in _ROLES) or chair:
            continue  # "Ingvar Smedlund, Ordförande (M)", "Carl-Uno Olsson (S) Ordförande": a role, not a label
        if text[m.start()].isupper() or m.group().lower() == "ande" or colon:
            found.add(m.start())
    for m in _CONTENTS.finditer(text, start, end):
        if not text[m.start()].isupper():
            continue  # "Godkännande av föredragningslista": the word in a title, not the contents' label
        found.add(m.start())
        found |= _entries(text, m.end(), min(len(text), m.end() + CONTENTS_REACH))
    for m in _SECTION.finditer(text, start, end):
        if m.start() >= first_heading and text[m.start()].isupper():
            found.add(m.start())
            after = m.end() + (1 if text[m.end() : m.end() + 1] == ":" else 0)
            if text[after : after + 1] == " ":
                found.add(after + 1)
    ordered = sorted(h for h in headings if start <= h < end)
    for heading, following in zip(ordered, [*ordered[1:], end][: len(ordered)], strict=True):
        decided = _DECIDES.search(text, heading, following)  # this §'s decision, not a later one's
        if decided is None:
            continue
        decider = _DECIDER.search(text, max(heading, decided.start() - _DECIDER_REACH), decided.start())
        if decider is not None and decider.start() > heading:
            found.add(decider.start())
    return found


def _entries(text: str, start: int, end: int) -> set[int]:
    """Where the entries of a contents list whose § signs were lost begin: the numbers that rise one by one
    (a page's number, a year, an amount among them do not)."""
    readings = [list(pattern.finditer(text, start, end)) for pattern in (_ENTRY, _PAGED_ENTRY)]
    return {m.start() for m in best_rising(*readings)}


def _paragraph_headings(text: str, abbreviations: frozenset[str]) -> set[int]:
    """Where each § heading begins inside a long line: "§ 12", "KS § 12", and, where the § sign was lost, a body's
    abbreviation and a number ("Ks 232 Dnr KS 2014/0530 …", "MBN 27 Dnr …")."""
    found: set[int] = set()
    listed_from = label.start() if (label := _CONTENTS.search(text)) else len(text)  # a contents list's entries
    for line_start, line in _lines(text):
        for m in _SIGNED.finditer(line):
            before = _WORD_BEFORE.search(line, max(0, m.start() - _WORD_REACH), m.start())
            word = before[1] if before else ""
            if word.upper() in abbreviations:
                found.add(line_start + before.start(1))  # type: ignore[union-attr]
            elif not (word[:1].islower() or word.endswith(",")):  # "enligt § 12", "i § 5", ", § 7"
                found.add(line_start + m.start())
        if abbreviations:
            previous_end = -1
            for m in _abbreviated(abbreviations).finditer(line):
                if line[previous_end : m.start()].strip() or previous_end < 0:  # "Ks 257 Au 154": the utskott's §
                    found.add(line_start + m.start())  # the matter came through, no heading of its own
                previous_end = m.end()
        for m in _NUMBER_AND_DNR.finditer(line):
            before = _WORD_BEFORE.search(line, max(0, m.start() - _WORD_REACH), m.start())
            if line_start + m.start() < listed_from and not (before and before[1].upper() in abbreviations):
                found.add(line_start + m.start())
    if not found:  # no § sign: the §§ the header declares ("Omfattning 208-227" … "3 (17) 208 Redovisning från …")
        found = {m.start() for m in declared_headings(text, inside_lines=True)}
    return found


def _lines(text: str) -> Iterable[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _abbreviated(abbreviations: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(a) for a in abbreviations if a.isalpha()), key=len, reverse=True))
    return re.compile(rf"(?<=\s)(?i:{names})\s+\d{{1,4}}(?=\s+(?:[Dd]nr\b|[A-ZÅÄÖ]|\S*\d{{4}}))")
