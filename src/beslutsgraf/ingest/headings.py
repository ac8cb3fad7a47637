"""§ headings and section headings: what a heading line looks like in each form the corpus showed ("§ 12",
"KS § 12", a body's abbreviation and a number, the numbers a header declares), and of the candidates the longest run
of rising numbers, so that a § cited at the start of a line cannot split a §."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import pairwise

HEADING = re.compile(r"^[ \t]*(?:[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}[ \t]+)?§[ \t]*(?P<number>\d{1,4})\b(?P<rest>[^\n]*)$", re.M)


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


SECTION = re.compile(
    r"^[ \t]*(?:"
    + "|".join(f"(?P<{name}>{'|'.join(alts)})" for name, alts in SECTION_HEADINGS.items())
    # "Beslutsunderlag" alone on its line, or "Beslutsunderlag: Tjänsteskrivelse 2024-01-15" with the body after it
    + r")[ \t]*(?::[ \t]*(?P<inline>\S[^\n]*))?[ \t]*$",
    re.I | re.M,
)


def is_section_heading(line: str) -> bool:
    return SECTION.match(line.strip()) is not None


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
    for m in longest_increasing(candidates):
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


def longest_increasing(candidates: list[re.Match[str]]) -> list[re.Match[str]]:
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


def is_heading(match: re.Match[str]) -> bool:
    rest = match["rest"].strip()
    if not rest:
        return _HEADER_AFTER.match(match.string, match.end(), match.end() + 200) is None
    if rest[0] in ".,;:)–-" or (rest[0].islower() and not rest.startswith("dnr")):  # "Kf 1 dnr 12/2013 Motion …"
        return False
    return not re.match(r"(kap|st|p)\b", rest)


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
NUMBER_AND_DNR = re.compile(r"^[ \t]*(?P<number>\d{1,4})[ \t]+(?P<rest>Dnr\b[^\n]*)$", re.M)


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
