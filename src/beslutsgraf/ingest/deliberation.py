"""What happened at the meeting in a §: votes (what Ja and Nej meant, the counts, who voted how),
reservations, protocol notes (protokollsanteckningar), special statements (särskilda yttranden) and jäv."""

from __future__ import annotations

import re

from beslutsgraf.ingest.model import NamedPerson, Statement, Vote
from beslutsgraf.ingest.people import NAME, find_party_groups, find_people
from beslutsgraf.ingest.rollcall import table_ballots
from beslutsgraf.ingest.segment import RawParagraph
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import block, join_lines, sentences, span

_WORDS = (
    "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton arton nitton tjugo"
)
NUMBER_WORDS = {word: number for number, word in enumerate(_WORDS.split())} | {"en": 1}
_COUNT = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

# "Ja för bifall …, nej för avslag", "Ja-röst innebär …", "”Ja” för att avstyrka motionen, ”Nej” för …"
_PROPOSITION = re.compile(
    r"\b[Jj]a(?:-röst(?:en)?)?[”\"]?\s+(?:för|innebär|betyder|=)\s+(?P<yes>[^;\"”]+?)\s*(?:[,;.]\s*|\s+och\s+)"
    r"[“”\"]?[Nn]ej(?:-röst(?:en)?)?[”\"]?\s+(?:för|innebär|betyder|=)\s+(?P<no>[^;\"”]+?)\s*(?:[.\"”]|$)",
    re.S,
)
_ROLL_CALL = re.compile(
    r"röstar\s+(?P<choice>ja|nej)\s*\((?P<count>\d+)\)|avstår[^().]{0,40}\((?P<abstain>\d+)\)", re.I
)
_YES = r"(?:ja(?:-?röst(?:er)?)?|röster\s+för\s+ja(?:-propositionen)?)"
_NO = r"(?:nej(?:-?röst(?:er)?)?|röster\s+för\s+nej(?:-propositionen)?)"
_BETWEEN = r"\s*(?:mot|och|,|–|-)\s*"
# Both totals in one phrase, either side first: "40 Ja mot 32 Nej", "32 nej-röster och 40 ja-röster". A bare "40 Ja"
# counts only beside its other half: alone, "bilaga 2 Ja-röst för …" would read as two Ja votes.
_PAIR = re.compile(
    rf"\b(?P<yes>{_COUNT})\s+{_YES}{_BETWEEN}(?P<no>{_COUNT})\s+{_NO}\b"
    rf"|\b(?P<no_first>{_COUNT})\s+{_NO}{_BETWEEN}(?P<yes_last>{_COUNT})\s+{_YES}\b",
    re.I,
)
_COUNTS = [
    ("yes", re.compile(rf"\b{_COUNT}\s+ja-?röster|\bja(?:-?röster)?\s*:?\s*{_COUNT}\b(?!\s*\()", re.I)),
    ("no", re.compile(rf"\b{_COUNT}\s+nej-?röster|\bnej(?:-?röster)?\s*:?\s*{_COUNT}\b(?!\s*\()", re.I)),
    (
        "abstain",
        re.compile(
            rf"\b{_COUNT}\s+(?:ledamöter\s+|ledamot\s+)?(?:som\s+)?(?:avstår|avstod|avstått|avstående|nedlagda)|"
            rf"\bavstår\s*:?\s*{_COUNT}\b(?!\s*\()",
            re.I,
        ),
    ),
    (
        "absent",
        re.compile(
            rf"\b{_COUNT}\s+(?:ledamöter\s+|ledamot\s+)?(?:är\s+|var\s+)?frånvarande|\bfrånvarande\s*:?\s*{_COUNT}\b",
            re.I,
        ),
    ),
]
# "beslutar med 6 röster mot 5 att bifalla förvaltningens förslag": the majority's total first, the side it voted
# for only in the words around it.
_MAJORITY = re.compile(rf"\b(?P<won>{_COUNT})\s+röster\s+mot\s+(?P<lost>{_COUNT})\b(?:\s+röster)?", re.I)
_SIDE_NAMED = re.compile(r"\b(?P<side>ja|nej)(?:-propositionen|-sidan|-linjen)?\b(?!-?röst)", re.I)
_VOTE_TRIGGER = re.compile(r"\bomröstning|\bvotering|ja-röst|röstar\s+(?:ja|nej)\b", re.I)
_RESERVES = re.compile(r"\breserver(?:ar|ade|at)\s+sig\b|\breservation(?:er)?\s+(?:från|av|anmäls|lämnas)\b", re.I)
_AGAINST = re.compile(r"\bmot\s+(?P<what>[^.]+)", re.I)
_JAV = re.compile(r"\bjäv\b|\bjävig\b|\bjäviga\b", re.I)
_NOT_HERE = {"basis", "dispatch"}


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _searchable(raw: RawParagraph) -> list[tuple[int, int]]:
    """The bodies of the §'s sections, headings, basis list and dispatch list left out."""
    if not raw.sections:
        return [(raw.heading_end, raw.end)]
    return [(s.start, s.end) for s in raw.sections if s.name not in _NOT_HERE]


def _joined(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sections that follow each other with only a heading line between them read as one."""
    joined: list[tuple[int, int]] = []
    for start, end in ranges:
        if joined and text[joined[-1][1] : start].count("\n") <= 1:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def parse_votes(source: SourceText, raw: RawParagraph) -> list[Vote]:
    text = source.text
    votes: list[Vote] = []
    for start, end in _joined(_searchable(raw), text):
        region = text[start:end]
        if not _VOTE_TRIGGER.search(region):
            continue
        propositions = list(_PROPOSITION.finditer(region))
        roll_calls = list(_ROLL_CALL.finditer(region))
        anchors = [m.start() for m in propositions] or ([roll_calls[0].start()] if roll_calls else [])
        if not anchors:
            patterns = [_PAIR, _MAJORITY, *(pattern for _, pattern in _COUNTS)]
            counted = [m.start() for pattern in patterns for m in pattern.finditer(region)]
            counted += [m.start() for m in _BALLOT_LINE.finditer(region)]
            if not counted:
                continue
            anchors = [min(counted)]
        for i, anchor in enumerate(anchors):
            vote_start = _sentence_start(region, anchor)
            vote_end = anchors[i + 1] if i + 1 < len(anchors) else len(region)
            vote_end = _sentence_start(region, vote_end) if i + 1 < len(anchors) else vote_end
            votes.append(_vote(source, start + vote_start, start + vote_end, len(votes) + 1))
    return [v for v in votes if v.counts or v.ballots or v.yes_means]


def _sentence_start(region: str, at: int) -> int:
    before = max(region.rfind(". ", 0, at), region.rfind(".\n", 0, at), region.rfind("\n\n", 0, at))
    return before + 2 if before >= 0 else 0


def _vote(source: SourceText, start: int, end: int, position: int) -> Vote:
    region = source.text[start:end]
    flat = join_lines(region.split("\n"))
    vote = Vote(position, span(source, start, len(source.text[:end].rstrip())))
    if m := _PROPOSITION.search(flat):
        vote.yes_means, vote.no_means = m["yes"].strip(), m["no"].strip()
    for s_start, s_end in sentences(source.text, start, end):
        sentence = join_lines(source.text[s_start:s_end].split("\n"))
        call = _ROLL_CALL.search(sentence)
        if not call:
            continue
        choice = "abstain" if call["abstain"] else call["choice"].lower().replace("ja", "yes").replace("nej", "no")
        vote.counts[choice] = int(call["count"] or call["abstain"])
        voters = [p for p in find_people(sentence) if p.start < call.start()]
        vote.ballots += [(p, choice) for p in voters]
    named = {p.name for p, _ in vote.ballots}
    listed = roll_call_lines(region) + table_ballots(source, start, end)
    vote.ballots += [(p, c) for p, c in listed if p.name not in named]
    if not {"yes", "no"} <= vote.counts.keys() and (pair := _PAIR.search(flat)):
        vote.counts.setdefault("yes", _number(pair["yes"] or pair["yes_last"]))
        vote.counts.setdefault("no", _number(pair["no"] or pair["no_first"]))
    for choice, pattern in _COUNTS:
        if choice not in vote.counts and (m := pattern.search(flat)):
            vote.counts[choice] = _number(next(g for g in m.groups() if g))
    if not {"yes", "no"} <= vote.counts.keys() and (majority := _MAJORITY.search(flat)):
        side = _winning_side(_sentence_around(flat, majority), vote)
        if side is not None:
            vote.counts.setdefault(side, _number(majority["won"]))
            vote.counts.setdefault("no" if side == "yes" else "yes", _number(majority["lost"]))
    return vote


def _sentence_around(flat: str, match: re.Match[str]) -> str:
    """The sentence a match stands in, the match itself left out."""
    start = flat.rfind(". ", 0, match.start()) + 1
    end = flat.find(". ", match.end())
    return flat[start : match.start()] + " " + flat[match.end() : end if end >= 0 else len(flat)]


def _stems(text: str) -> set[str]:
    # Six letters tell "bifalla" and "bifall" for the same word, "kommunstyrelsens" and "kommunfullmäktige" apart.
    return {word[:6] for word in re.findall(r"\w{4,}", text.lower())}


def _winning_side(sentence: str, vote: Vote) -> str | None:
    """Which side a total of "N röster mot M" counted: the side the sentence names ("för Ja-propositionen"), else
    the side whose proposition it repeats ("att bifalla förvaltningens förslag"): two or more of the words only that
    side's proposition has, none of the other's. None where the sentence tells neither: a side is never guessed."""
    named = {m["side"].lower() for m in _SIDE_NAMED.finditer(sentence)}
    if len(named) == 1:
        return "yes" if named == {"ja"} else "no"
    if not (vote.yes_means and vote.no_means):
        return None
    words, yes, no = _stems(sentence), _stems(vote.yes_means), _stems(vote.no_means)
    for_yes, for_no = len(words & (yes - no)), len(words & (no - yes))
    if for_yes >= 2 and not for_no:
        return "yes"
    if for_no >= 2 and not for_yes:
        return "no"
    return None


_BALLOT_LINE = re.compile(
    rf"^\s*(?P<person>{NAME}\s*\(\s*[A-ZÅÄÖa-zåäö]{{1,4}}\s*\))\s*[-–:]?\s*(?P<choice>ja|nej|avstår|avstod|frånvarande)\s*$",
    re.I | re.M,
)
_CHOICES = {"ja": "yes", "nej": "no", "avstår": "abstain", "avstod": "abstain", "frånvarande": "absent"}


def roll_call_lines(text: str) -> list[tuple[NamedPerson, str]]:
    """A roll call a line a voter: "Anna Lind (S) Ja", "Per Holm (M) – Nej"; the absent are not ballots."""
    ballots = []
    for m in _BALLOT_LINE.finditer(text):
        (person,) = find_people(m["person"])
        choice = _CHOICES[m["choice"].lower()]
        if choice != "absent":
            ballots.append((person, choice))
    return ballots


_ROLL_CALL_LIST = re.compile(r"^[ \t]*(?:Omröstningslista|Voteringslista)\b[^\n]*?(?:nr\.?\s*(?P<n>\d+))?", re.I | re.M)
_FOR_PARAGRAPH = re.compile(r"§\s*(\d{1,4})")


def appendix_roll_calls(source: SourceText, start: int) -> list[tuple[int, int | None, list[tuple[NamedPerson, str]]]]:
    """Roll-call lists after the last §: (the § they belong to, the list's number, the ballots)."""
    text = source.text
    lists = list(_ROLL_CALL_LIST.finditer(text, start))
    found = []
    for i, m in enumerate(lists):
        end = lists[i + 1].start() if i + 1 < len(lists) else len(text)
        block = text[m.start() : end]
        paragraph = _FOR_PARAGRAPH.search(block[:300])
        if paragraph:
            ballots = roll_call_lines(block)
            named = {p.name for p, _ in ballots}
            ballots += [(p, c) for p, c in table_ballots(source, m.start(), end) if p.name not in named]
            found.append((int(paragraph[1]), int(m["n"]) if m["n"] else None, ballots))
    return found


def parse_statements(source: SourceText, raw: RawParagraph) -> list[Statement]:
    """Reservations wherever they stand; notes, special statements and jäv from their sections and sentences."""
    text = source.text
    found: list[Statement] = []
    for start, end in _searchable(raw):
        for s_start, s_end in sentences(text, start, end):
            sentence = join_lines(text[s_start:s_end].split("\n"))
            kind = "reservation" if _RESERVES.search(sentence) else "jav" if _JAV.search(sentence) else None
            if kind is None:
                continue
            against = _AGAINST.search(sentence) if kind == "reservation" else None
            people, parties = find_people(sentence), find_party_groups(sentence)
            if kind == "jav" and not people and not parties:
                continue  # "Ingen ansåg sig jävig": nobody declared jäv
            found.append(
                Statement(
                    kind,
                    len(found) + 1,
                    span(source, s_start, s_end),
                    sentence,
                    people,
                    parties,
                    against["what"].strip() if against else None,
                )
            )
    for name, kind in (("note", "note"), ("statement", "statement")):
        for section in raw.section(name):
            found_block = block(source, section.start, section.end)
            if found_block:
                body, where = found_block
                found.append(Statement(kind, len(found) + 1, where, body, find_people(body), find_party_groups(body)))
    return found
