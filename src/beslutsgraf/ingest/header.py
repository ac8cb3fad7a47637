"""The meeting header before the first §: place and time, who decided, who served for whom, who else was
there, the secretary, the justerare, justering, the § range and the notice (anslag).

Headers are label–value tables. pdftotext keeps them on one line ("Beslutande   Anna Lind (S), ordförande")
or puts the label on a line of its own; a label may wrap ("Ej tjänstgörande" / "ersättare"). Both are read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import time
from itertools import pairwise

from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.model import Attendee, MeetingHeader
from beslutsgraf.ingest.people import MAX_NAME_WORDS, NAME, NOT_A_NAME, PERSON, bare_names, party_of
from beslutsgraf.ingest.resolve import looks_like_organisation
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import lines, span

LABELS: dict[str, tuple[str, ...]] = {
    "place": (r"plats och tid", r"plats", r"sammanträdestid", r"tid och plats", r"tid"),
    # "ande": a web copy that lost the first letters of its first label ("Beslutande")
    "members": (
        r"beslutande(?: ledamöter)?",
        r"närvarande:?\s+ordinarie ledamöter",
        r"ordinarie ledamöter",
        r"närvarande ledamöter",
        r"ledamöter",
        r"ande",
    ),
    "serving": (r"tjänstgörande ersättare", r"tjänstg\.? ersättare", r"tjg\.? ersättare"),
    "deputies": (r"ersättare för justerar(?:e|en|na)", r"ersättare för justerande"),  # not present: to stand in
    "substitutes": (
        r"ej tjänstgörande(?: ersättare)?",
        r"icke tjänstgörande(?: ersättare)?",
        r"närvarande,?\s+ej\s+(?:tjg\.?|tjänstgörande)\s+ers(?:ättare|\.)?",  # "Närvarande, ej tjg ers"
        r"ej tjänstg\.?(?: ersättare)?",
        r"övriga ersättare",
        r"närvarande ersättare",
        r"ersättare",
    ),
    "others": (
        r"förteckning över övriga (?:deltagande|deltagare|närvarande)",  # a list of its own on the next page
        r"övriga deltagare",
        r"övriga närvarande",
        r"övriga",
        r"närvarande tjänstemän",
        r"tjänstemän",
        r"tjänstepersoner",
        r"närvarande tjänstepersoner",
        r"kommunalråd",  # full-time politicians present who are not members ("Kommunalråd: Milan Obradovic (S)")
        r"oppositionsråd",
        r"insynsplatser",  # parties without a seat that may follow the meeting
        r"insynsplats",
    ),
    "secretary": (r"sekreterare",),
    "justerare": (r"utses att justera", r"utses justera", r"utsedda (?:att )?justera", r"justerare", r"justerande"),
    "justering": (r"justeringens plats(?: och tid)?", r"justering(?:ens tid och plats)?"),
    "range": (r"paragrafer", r"omfattning"),
    "removed": (r"datum för anslags nedtagande", r"anslaget tas ner", r"anslaget tas ned", r"anslag till"),
    "posted": (
        r"datum för anslags(?: uppsättande| upprättande)?",
        r"anslaget sätts upp",
        r"anslaget sattes upp",
        r"anslaget uppsatt",
        r"anslag från",
    ),
    "kept": (r"förvaringsplats(?: för(?: protokollet)?)?",),
    # a signature box printed without its label: "Ordförande" and a name under it is a signature, not attendance
    "signatures": (r"underskrifter", r"underskrift", r"ordförande"),
    "notice": (r"anslag/bevis", r"anslagsbevis", r"organ", r"sammanträdesdatum", r"forum"),
}
_LABEL = re.compile(
    r"^[ \t]*(?:"
    + "|".join(f"(?P<{k}>{'|'.join(v)})" for k, v in LABELS.items())
    + r")\b[ \t]*[:.]?(?:[ \t]+|$)",  # PDFium joins label and value with one space; "Tid och Plats. Kl 18"
    re.I,
)


def is_label_line(line: str) -> bool:
    """Whether a line begins with a header label as headers print it ("Beslutande", "Justeringens plats och tid")."""
    return line.lstrip()[:1].isupper() and _LABEL.match(line) is not None


_HEADER_ENDS = re.compile(r"^\s*(innehållsförteckning|ärendelista|dagordning|föredragningslista|innehåll)\b", re.I)
# The second half of a label that wrapped onto the next line.
_LABEL_TAIL = re.compile(r"^\s*(ersättare|och tid|uppsättande|nedtagande|protokollet)\b\s*", re.I)
_TIMES = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*[-–—]\s*(\d{1,2})[.:](\d{2})\b")
_BREAK = re.compile(
    r"\b(?:ajournering|ajourneras|paus|uppehåll)\b[^\d]{0,20}(\d{1,2}[.:]\d{2}\s*[-–—]\s*\d{1,2}[.:]\d{2})", re.I
)
_PARAGRAPHS = re.compile(r"(§§?\s*\d{1,4}(?:\s*[-–—,]\s*\d{1,4})*(?:\s*(?:och|samt)\s*\d{1,4})?)")
_BARE_NAME = re.compile(rf"^(?P<name>{NAME})\s*[,.]?\s*$")


def _blocks(source: SourceText, end: int, start: int = 0) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """(label kind, start, end, value lines with offsets) for every labelled block before `end`."""
    found: list[tuple[str, int, int, list[tuple[str, int, int]]]] = []
    lead: list[tuple[str, int, int]] = []  # the lines before the first label
    for line in lines(source.text, start, end):
        if not found and line.text.strip() and not _HEADER_ENDS.match(line.text) and not _LABEL.match(line.text):
            lead.append((line.text.strip(), line.start + len(line.text) - len(line.text.lstrip()), line.end))
            continue
        if lead and not found:
            found.append(("lead", lead[0][1], lead[-1][2], lead))
        if _HEADER_ENDS.match(line.text):
            found.append(("end", line.start, line.end, []))  # what follows is no header value
            continue
        m = _LABEL.match(line.text)
        if m:
            kind = next(k for k, v in m.groupdict().items() if v is not None)
            value = line.text[m.end() :]
            found.append((kind, line.start, line.end, []))
            if value.strip():
                indent = len(value) - len(value.lstrip())
                found[-1][3].append((value.strip(), line.start + m.end() + indent, line.end))
        elif found and line.text.strip():
            text = line.text
            tail = _LABEL_TAIL.match(text)
            if tail:
                if tail.group(1).lower() == "nedtagande" and found[-1][0] == "posted":
                    found[-1] = ("removed", *found[-1][1:])  # "Datum för anslags" / "nedtagande"
                text = text[tail.end() :]
                if not text.strip():
                    continue
            value = text.strip()
            offset = line.start + (len(line.text) - len(line.text.lstrip()))
            if tail:
                offset = line.start + tail.end() + (len(text) - len(text.lstrip()))
            kind, start, _, values = found[-1]
            values.append((value, offset, line.end))
            found[-1] = (kind, start, line.end, values)
    return found


_SUBSTITUTE_MARK = re.compile(
    r"(?:(?:tjänstgörande|tjg\.?)\s+)?(?:ersättare\s+)?(?:för|ersätter|istf\.?|i stället för|istället för)\s*$"
    r"|(?<![\wåäö])ers:\s*$",  # "Hannes Petersson (M) ers: Robin Holmberg (M)"
    re.I,
)
_SERVING_ROLE = re.compile(r"(?:tjg\.?|tj\.?|tjänstgörande)\s*ers(?:ättare|\.)?\.?$", re.I)
_SERVES = re.compile(r"\b(?:tjänstgör|tjg)\b", re.I)
_SERVES_FOR = re.compile(
    r"\b(?:(?:tjänstgör\w*|tjg\.?|tj\.?)\s+(?:ers\w*\.?\s+)?för|ersätter|istf|i ställe[tn]? för)\b"
    r"|\)\s*,?\s*för\s+[A-ZÅÄÖ]",  # "Ann-Louise Karlsson (C) för Bertil Johansson"
    re.I,
)
_NON_SERVING = re.compile(r"\bej\s+(?:tjg\.?|tjänstgörande)\b", re.I)
_ROLE_WORDS = {"ordf": "ordförande", "v ordf": "vice ordförande", "vice ordf": "vice ordförande", "sekr": "sekreterare"}


_TRAILING_NUMBERS = re.compile(r"(?:\s*\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)+\s*$")


def _role(tail: str) -> str | None:
    """What a tail says of the person's role, with the §§, a substitution and a non-serving mark taken out."""
    text = _TRAILING_NUMBERS.sub("", _PARAGRAPHS.sub("", tail))  # "tjänstgörande ersättare 249": §§ without a sign
    text = _NON_SERVING.sub("", re.sub(r"\b(?:ers|ersättare)\b\.?", "", text)) if _NON_SERVING.search(text) else text
    text = re.sub(r"[()]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;.")
    return _ROLE_WORDS.get(text.lower().rstrip("."), text) or None


# "Anna Lind, ordförande (S)": the role between the name and the party letters, as word processors' tables print it
_ROLE_BEFORE_PARTY = re.compile(
    r",\s*(?P<role>(?:\d:e\s+|förste\s+|andre\s+)?(?:vice\s+)?ordförande|v\.?\s*ordf\.?|ordf\.?)\s*(?=\([A-ZÅÄÖa-zåäö]{1,4}\))",
    re.I,
)


# "Laila Mäki, S, §§ 126-141": the party's letters after a comma, as some templates print them; in a list of
# members any letters are a party (local parties have their own), elsewhere only a national party's ("Magnus
# Pekkari, VD Pajalabostäder AB" is no party's).
_COMMA_PARTY = re.compile(rf"(?P<name>{NAME}), (?P<party>[A-ZÅÄÖ]{{1,3}})(?![\wÅÄÖåäö-])")
_NATIONAL_PARTIES = frozenset({"S", "M", "C", "V", "L", "KD", "MP", "SD", "FP"})


def _parties_parenthesised(value: str, any_letters: bool) -> str:
    """ "Jan Larsson, S" read as "Jan Larsson(S)": of the same length, so every offset stays."""

    def written(m: re.Match[str]) -> str:
        if not any_letters and m["party"] not in _NATIONAL_PARTIES:
            return m.group()
        return f"{m['name']}({m['party']})"

    return _COMMA_PARTY.sub(written, value)


# A table's column of roles read after its column of names: "Anna Lind (S) Karl Berg (M) ordförande ledamot".
_ROLE_CELL = re.compile(
    r"(?:(?:ej\s+)?tjänstgörande\s+ersättare|(?:\d:e\s+|förste\s+|andre\s+)?vice\s+ordförande|ordförande|ledamot|"
    r"ersättare|sekreterare)(?=[\s,]|$)",
    re.I,
)


def _role_column(value: str, matches: list[re.Match[str]]) -> list[str] | None:
    """The roles after the last name, one for each name, when the line ends in nothing else."""
    if not matches:
        return None
    tail = value[matches[-1].end() :]
    cells = list(_ROLE_CELL.finditer(tail))
    rest = _ROLE_CELL.sub("", tail).strip(" ,;")
    if len(cells) != len(matches) or len(cells) < 2 or rest:
        return None
    return [re.sub(r"\s+", " ", c.group()).lower() for c in cells]


def _person_line(source: SourceText, value: str, start: int, end: int, kind: str) -> list[Attendee]:
    """Every person a header line names, several to a line as many templates print them."""
    value = _parties_parenthesised(value, any_letters=kind != "övrig" and kind != "sekreterare")
    named = list(PERSON.finditer(value))
    column = _role_column(value, named)
    if column is not None:
        in_column = _person_line(source, value[: named[-1].end()], start, end, kind)
        return [_with_role(a, role, kind) for a, role in zip(in_column, column, strict=False)]
    roles: dict[int, str] = {}
    for m in reversed(list(_ROLE_BEFORE_PARTY.finditer(value))):  # read as "Anna Lind (S), ordförande"
        roles[m.start()] = m["role"]
        value = value[: m.start()] + " " * (m.end() - m.start()) + value[m.end() :]
    matches = list(PERSON.finditer(value))
    people: list[Attendee] = []
    replaced: set[int] = set()
    for i, m in enumerate(matches):
        if i in replaced:
            continue
        following = matches[i + 1] if i + 1 < len(matches) else None
        # "Magnus Persson (C), ordförande Atilla Yavuz (V)": a role after a comma is the earlier person's
        tail_end = following.start("name") if following is not None and following["role"] else None
        if following is not None and tail_end is not None and "," not in value[m.end() : following.start()]:
            tail_end = following.start()
        tail = value[m.end() : tail_end if tail_end is not None else (following.start() if following else len(value))]
        attendee = Attendee(
            re.sub(r"\s+", " ", m["name"]), party_of(m), kind, None, span(source, start + m.start(), start + m.end())
        )
        serving = kind != "ersättare" or _SERVES.search(tail) is not None  # "X (M) tjänstgör för Y (M)" serves
        if following is not None and _SUBSTITUTE_MARK.search(tail) and serving:
            # "Olle Sand (S) ersätter Karin Berg (S) §§ 14–15": the replaced member is named, not present
            attendee.kind = "tjänstgörande ersättare"
            attendee.replaces = re.sub(r"\s+", " ", following["name"])
            attendee.replaces_party = party_of(following)
            replaced.add(i + 1)
            after = matches[i + 2].start() if i + 2 < len(matches) else len(value)
            tail = value[following.end() : after]
        elif _NON_SERVING.search(tail):
            attendee.kind = "ersättare"
        elif m["role"] and "ersätt" in m["role"].lower() and kind == "ledamot":
            attendee.kind = "tjänstgörande ersättare"
        if paragraphs := _PARAGRAPHS.search(tail):
            attendee.paragraphs = paragraphs.group(1)
        if not attendee.replaces:
            before = next((role for at, role in roles.items() if m.end("name") <= at < m.start("party")), None)
            attendee.role = _role(before) if before else _role(tail)
            if kind == "ledamot" and attendee.role and _SERVING_ROLE.match(attendee.role):  # "X (S) tjg ers"
                attendee.kind, attendee.role = "tjänstgörande ersättare", None
        people.append(attendee)
    return people


def _bare_people(source: SourceText, value: str, at: int, names: list[tuple[int, int]], kind: str) -> list[Attendee]:
    """People named without a party ("Elsa Pettersson (ersättare för Mikael Svanström)"): one who stands in for
    another serves, the other is not there."""
    people: list[Attendee] = []
    for (s, e), following in zip(names, [*names[1:], None][: len(names)], strict=True):
        if people and people[-1].replaces == value[s:e]:
            continue
        person = Attendee(value[s:e], None, kind, None, span(source, at + s, at + e))
        if following and kind == "ledamot" and _SUBSTITUTE_MARK.search(value, e, following[0]):
            person.kind, person.replaces = "tjänstgörande ersättare", value[following[0] : following[1]]
        people.append(person)
    return people


def _with_role(attendee: Attendee, role: str, kind: str) -> Attendee:
    """A person given the role their table row prints: a substitute's row says whether they served."""
    if "ersättare" in role:
        serving = kind == "ledamot" or (role.startswith("tjänstgörande") and kind != "ersättare")
        attendee.kind = "tjänstgörande ersättare" if serving and not role.startswith("ej") else "ersättare"
        attendee.role = None
    else:
        attendee.role = role
    return attendee


_KIND_OF_ROLE = {
    "tjänstgörande ersättare": "tjänstgörande ersättare",
    "tjg ersättare": "tjänstgörande ersättare",
    "ersättare": "ersättare",
    "ej tjänstgörande ersättare": "ersättare",
    "ledamot": "ledamot",
}
_MEMBER_ROLE = re.compile(r"(?:\d:e\s+)?(?:vice\s+)?(?:ordförande|ordf|ledamot|ersättare)\b", re.I)
_TITLE_ENDINGS = (
    "chef",
    "sekreterare",
    "direktör",
    "utredare",
    "controller",
    "strateg",
    "jurist",
    "handläggare",
    "ekonom",
    "ingenjör",
    "samordnare",
    "rådgivare",
    "revisor",
    "tjänsteman",
    "notarie",
    "inspektör",
    "arkitekt",
    "konsulent",
    "assistent",
    "ledare",
)
_ENDINGS = "|".join(_TITLE_ENDINGS)
_NAME_TITLE = re.compile(
    rf"(?P<name>{NAME})\s*,\s*(?P<title>(?:[A-ZÅÄÖ][A-Za-zÅÄÖ]{{0,3}}-)?[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*)*"
    rf"|[A-ZÅÄÖ][a-zåäö]*(?:{_ENDINGS})\b)"  # "Kalle Stenborg, Ekonom": a title some print in capitals
)

# A name that stops before a title: "Stadsdirektör Jan-Inge Ahlfridh Chefsjurist Tomas Bärring" is two people
_UNTITLED_WORD = rf"(?![\wåäöéü'-]*(?:{_ENDINGS})\b)[A-ZÅÄÖÉ][a-zåäöéü'][\wåäöéü'-]*(?![\wåäöéü'-]){NOT_A_NAME}"
_UNTITLED_NAME = rf"{_UNTITLED_WORD}(?:\s+(?:{_UNTITLED_WORD}|af|von|de|van|der)){{1,4}}"
_TITLE_NAME = re.compile(rf"(?P<title>[A-ZÅÄÖa-zåäö][a-zåäö]+)\s+(?P<name>{_UNTITLED_NAME})")
_LEADING_NAME = re.compile(rf"^\s*(?P<name>{_UNTITLED_NAME})\s+(?=[A-ZÅÄÖ][a-zåäö]*(?:{_ENDINGS})\s)")
_NAME_AND_PARAGRAPHS = re.compile(
    rf"(?:^|,)\s*(?P<name>{_UNTITLED_NAME}),?\s*(?:§§?\s*(?P<bare>\d{{1,4}}(?:\s*[-–]\s*\d{{1,4}})?)|"
    rf"\(\s*(?:§§?\s*)?\d{{1,4}}(?:\s*[-–,]\s*\d{{1,4}})*\s*\))\s*(?=,|$|\s)"
)  # "Erik Andersson § 56", "Niklas Ohlin ( 261)"
# "Helene Blom miljöinspektör": a title after the name without a comma, as a table's two columns run together
_NAME_BARE_TITLE = re.compile(rf"(?P<name>{_UNTITLED_NAME})\s+(?P<title>(?:[a-zåäö][\wåäö-]*?)?(?:{_ENDINGS}))\b")


def _titled_after(value: str, at: int, taken: list[tuple[int, int]]) -> list[re.Match[str]]:
    """ "Stadsdirektör Jan-Inge Ahlfridh", "samt kommunchef Fredrik Geijer": a title before the name, where the
    title is not the one an earlier "Name, title" already has ("Ann-Katrin Karlsson, nämndsekreterare Bo Ek")."""
    return [
        m
        for m in _TITLE_NAME.finditer(value, at)
        if m["title"].lower().endswith(_TITLE_ENDINGS) and not any(s <= m.start("title") < e for s, e in taken)
    ]


_LISTED_NAME = re.compile(rf"(?:^|,)\s*(?P<name>{NAME})\s*(?=,|\.?$)")
_NEXT_LISTED_NAME = re.compile(rf",\s*(?P<name>{NAME})\s*(?=[,.]|$)")


def _officials_line(source: SourceText, value: str, start: int, kind: str) -> list[Attendee]:  # noqa: C901
    """Officials without a party: "Sara Kvist, kommundirektör" or "Ekonomichef Nicklas Bremefors § 63-64"."""
    found: list[tuple[int, int, str, str]] = [
        (m.start(), m.end(), m["name"], m["title"]) for m in _NAME_TITLE.finditer(value)
    ]
    for m in _NAME_BARE_TITLE.finditer(value):
        if not any(s <= m.start("name") < e for s, e, _, _ in found):
            found.append((m.start(), m.end(), m["name"], m["title"]))
    for m in _titled_after(value, 0, [(s, e) for s, e, _, _ in found]):
        if not any(s <= m.start("name") < e for s, e, _, _ in found):
            found.append((m.start(), m.end(), m["name"], m["title"].lower()))
    if found:  # "…, Erik Andersson § 56, …": one without a title among those with one, there for a §
        for m in _NAME_AND_PARAGRAPHS.finditer(value):
            if not any(s <= m.start("name") < e for s, e, _, _ in found):
                found.append((m.start("name"), m.end("name"), m["name"], ""))
        # "Dag Segrell, kommunchef, Roger Max, Åsa Elandersson, …": a name alone between commas is one too
        for m in _LISTED_NAME.finditer(value):
            if not any(s <= m.start("name") < e for s, e, _, _ in found) and not looks_like_organisation(m["name"]):
                found.append((m.start("name"), m.end("name"), m["name"], ""))
    if kind == "övrig" and not PERSON.search(value):  # "Övriga deltagare Björn Eriksson Gun Råberg …": names alone
        for b_start, b_end in bare_names(value):
            if not any(s < b_end and b_start < e for s, e, _, _ in found):
                found.append((b_start, b_end, value[b_start:b_end], ""))
    found.sort()
    if found and (lead := _LEADING_NAME.match(value)) and lead.end("name") <= found[0][0]:
        # "Sekreterare Anna Berg Stadsjurist Bo Ek": the label was the first one's title
        found.insert(0, (lead.start("name"), lead.end("name"), lead["name"], ""))
    people = []
    for i, (s, e, name, title) in enumerate(found):
        tail = value[e : found[i + 1][0] if i + 1 < len(found) else len(value)]
        paragraphs = _PARAGRAPHS.search(tail)
        # under "Sekreterare", one with a title of another kind is there beside the secretary
        listed_as = "sekreterare" if kind == "sekreterare" and (not title or "sekreterare" in title) else "övrig"
        role = _KIND_OF_ROLE.get(" ".join(title.lower().split()), listed_as)  # "Pia Lindell, tjänstgörande ersättare"
        where = span(source, start + s, start + e)
        paragraph_text = paragraphs.group(1) if paragraphs else None
        # "Ulla Lundholm Dan Aronsson, 38-39": two people a copy ran together, told apart by their given names
        parts = bare_names(name) if len(name.split()) > MAX_NAME_WORDS - 1 else []
        for p_start, p_end in parts[:-1] if len(parts) > 1 else []:
            people.append(
                Attendee(name[p_start:p_end], None, listed_as, "", span(source, start + s + p_start, start + s + p_end))
            )
        if len(parts) > 1:
            name, where = name[parts[-1][0] : parts[-1][1]], span(source, start + s + parts[-1][0], start + e)  # noqa: PLW2901
        people.append(Attendee(re.sub(r"\s+", " ", name), None, role, title.strip(), where, paragraphs=paragraph_text))
    return people


# Party letters before the name ("S Bo Petersson, ordförande") or after it in a column of their own
# ("Bo Petersson   S"), as some templates print them.
_LETTER_FIRST = re.compile(rf"^(?P<party>[A-ZÅÄÖ]{{1,3}})\s+(?P<name>{NAME})\s*(?:,\s*(?P<role>[^,]+))?$")
_LETTER_LAST = re.compile(rf"^(?P<name>{NAME})\s*(?:,\s*(?P<role>[^,]+?))?\s+(?P<party>[A-ZÅÄÖ]{{1,3}})$")


def _letter_column_line(source: SourceText, value: str, start: int, kind: str) -> list[Attendee]:
    m = _LETTER_FIRST.match(value) or _LETTER_LAST.match(value)
    if not m:
        return []
    where = span(source, start + m.start("name"), start + m.end("name"))
    return [Attendee(m["name"], m["party"], kind, m["role"].strip() if m["role"] else None, where)]


def _clock(hour: str, minute: str) -> time | None:
    return time(int(hour), int(minute)) if int(hour) < 24 and int(minute) < 60 else None


Block = tuple[str, int, int, list[tuple[str, int, int]]]
_ROLE_TAIL = re.compile(
    r"^[\s,]*(?:(?:ej\s+)?(?:tjg\.?|tjänstgörande)(?:\s+ers(?:ättare|\.)?)?|ordförande|ordf\.?)", re.I
)  # "… Magnus Fridén (C) ej tjg.": the last one's mark


def _unstacked(blocks: list[Block]) -> list[Block]:
    """A header whose labels were read before their values ("Beslutande", "Övriga deltagande", "Utses att justera"
    on lines of their own, then every value in one run, as a table's columns come out of some copies): the run
    given back to its labels in their order, by what each value is: the place and time, the people with their
    parties, the officials with their titles, the justerare's name, the justering."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and not _has_content(blocks[j][3]):
            j += 1
        run = blocks[i : j + 1]
        kinds = [b[0] for b in run[:-1]]
        lists = {"members", "serving", "substitutes", "others"} & set(kinds)
        justerare_first = kinds == ["justerare"] and run[-1][0] == "justering"  # "Utses att justera  Justeringens …"
        if j >= len(blocks) or len(run) < 2 or not (lists or justerare_first):
            out.append(blocks[i])
            i += 1
            continue
        value, offset, stop = _joined(run[-1][3])
        parts = _split_run(value, [b[0] for b in run])
        across = _read_across([b[0] for b in run], value)
        out += [
            (
                across if across and kind in _PERSON_KINDS else kind,
                s,
                e,
                [(value[a:b].strip(), offset + a, stop)] if b > a and value[a:b].strip() else [],
            )
            for (kind, s, e, _), (a, b) in zip(run, parts, strict=True)
        ]
        i = j + 1
    return out


_TAIL_REACH = 40  # characters after a name in which what the person does there is said ("tjänstgör för …")
_PERSON_KINDS = {"members": "ledamot", "serving": "tjänstgörande ersättare", "substitutes": "ersättare"}


def _read_across(kinds: list[str], value: str) -> str | None:
    """ "across-FIRST-SECOND" where a run of values holds two person lists read across ("Beslutande  Ersättare  A (S)
    B (M) …"), FIRST the list that comes first and SECOND the other where it can be told; None where one list, or
    the members and the serving substitutes each marked "tjänstgörande för X" (Gagnef's "Ledamöter  Tjänstgörande
    ersättare"), are told apart as they are."""
    lists = [k for k in dict.fromkeys(kinds) if k in _PERSON_KINDS]
    marked = _SERVES_FOR.search(value) is not None
    if len(lists) < 2 or ("substitutes" not in lists and marked):
        return None
    # the list after the first: the substitutes', unless the serving substitutes' may be it too (none marked)
    second = "serving" if "substitutes" not in lists else "substitutes" if marked or "serving" not in lists else ""
    return f"across-{lists[0]}-{second if second != lists[0] else ''}"


def _serving_if_said(source: SourceText, attendee: Attendee, until: int | None) -> Attendee:
    """One the line reads as a member who "tjänstgör" in the words after the name, for a name the copy cut short."""
    until = min(until or len(source.text), attendee.span.end + _TAIL_REACH)
    said = attendee.kind == "ledamot" and _SERVES.search(source.text, attendee.span.end, until) is not None
    return replace(attendee, kind="tjänstgörande ersättare") if said else attendee


def _two_lists(people: list[Attendee], first: str, second: str | None) -> list[Attendee]:
    """Two lists whose columns a copy read across ("Beslutande  Ersättare  A (S) B (M) …"), told apart where each
    list prints its people party by party, each party's together, in one order: the first list's (of kind `first`)
    up to where the order starts again, the second's after it (of kind `second`). A substitute marked as serving for
    someone is one wherever they stand. The others get no kind (an empty one) where the order does not tell: the
    parties run in more than two rounds, or in one where a list of substitutes may have had its share."""
    ranked = [a for a in people if a.kind == "ledamot" and a.party and not a.role]
    rounds = _party_rounds([a.party or "" for a in ranked])
    if rounds is None or (rounds and max(rounds) == 0 and second == "ersättare"):
        rounds = [-1] * len(ranked)
    kinds = {id(a): {0: first, 1: second or ""}.get(r, "") for a, r in zip(ranked, rounds, strict=True)}
    return [replace(a, kind=kinds[id(a)]) if id(a) in kinds else a for a in people]


def _party_rounds(parties: list[str]) -> list[int] | None:
    """Per person, 0 in the first list and 1 in the second, where the first list's parties come in one order, each
    party's together, and the second's again in that order; None where they run in no two such rounds."""
    order: list[str] = []  # the first list's parties, in its order
    rounds: list[int] = []
    finished: tuple[set[str], set[str]] = (set(), set())  # per round, the parties whose people it has listed
    current, last = 0, -1  # the round, and the rank of the party before in the first list's order
    for i, party in enumerate(parties):
        rank = order.index(party) if party in order else None
        if rank is not None and rank < last:
            if current == 1:
                return None  # a third round
            current, last = 1, -1  # the order starts again: the second list
        if i and parties[i - 1] != party:
            finished[rounds[-1]].add(parties[i - 1])
        if party in finished[current]:
            return None  # a party's people apart from each other: no list printed party by party
        if current == 0 and rank is None:
            order.append(party)
            rank = len(order) - 1
        rounds.append(current)
        last = rank if rank is not None else last
    return rounds


def _has_content(values: list[tuple[str, int, int]]) -> bool:
    """A value as a label's own: a name, a number, or a pointer to where the list is ("Enligt närvarolista")."""
    text = " ".join(v for v, _, _ in values)
    return bool(re.search(r"\d", text) or re.search(NAME, text) or _ELSEWHERE.match(text))


_ELSEWHERE = re.compile(r"\s*(?:enligt|se)\s+\w+", re.I)


def _joined(values: list[tuple[str, int, int]]) -> tuple[str, int, int]:
    """The values of one block as one string at the first's offset (the lines between are blanked)."""
    first, offset, _ = values[0]
    text = first
    for value, at, _ in values[1:]:
        text += " " * (at - offset - len(text)) + value
    return text, offset, values[-1][2]


def _split_run(value: str, kinds: list[str]) -> list[tuple[int, int]]:
    """Where each label's value stands in a run of values: (start, end) per label, empty where it has none."""
    bounds: dict[str, tuple[int, int]] = {}
    at = 0
    people = list(PERSON.finditer(_parties_parenthesised(value, any_letters=False)))  # "Kjell Gustafsson, S, …" too
    if "place" in kinds:
        times = _TIMES.search(value)
        end = times.end() if times else (people[0].start() if people else 0)
        if times and (paren := re.match(r"\s*\([^)]*\)", value[end:])):
            end += paren.end()
        bounds["place"], at = (0, end), end
    people = [m for m in people if m.start() >= at]
    if "others" in kinds:
        people = people[: _comma_listed_from(value, people)]
        # "… Jimmy Runesson (S) Mikael Persson, kommundirektör … Jan Persson (V), partiföreträdare": the lists of
        # people end where the officials begin, whoever with a party comes after them, unless one of them is said to
        # be a member (two columns read across: "… Claudia Zamorano, kommunchef John Wennström (C), ledamot …")
        after = people[0].end() if people else len(value)
        titled = [m.start() for m in _NAME_TITLE.finditer(value, after) if not _MEMBER_ROLE.match(m["title"])]
        later = [m for m in people if titled and m.start() > titled[0]]
        if later and not any(_LISTED_AS_MEMBER.match(value, m.end()) for m in later):
            people = [m for m in people if m.start() < titled[0]]
    person_kind = next((k for k in kinds if k in ("members", "serving", "substitutes")), None)
    if people and person_kind:
        end = people[-1].end()
        end += tail.end() if (tail := _ROLE_TAIL.match(value[end:])) else 0
        bounds[person_kind], at = (people[0].start(), end), end
    elif person_kind and "(" not in value:  # "Per Adolfsson, ordförande Kristina Ideström …": no parties at all
        names = bare_names(value)
        # where the first official begins: the name before a title ("… Pelle Hellgren Åsa Albertsson byggnadschef")
        titled = [
            next((s for s, e in names if e == m.end("name")), m.start())
            for pattern in (_NAME_TITLE, _NAME_BARE_TITLE)
            for m in pattern.finditer(value, at)
            if not _MEMBER_ROLE.match(m["title"])
        ]
        named = [(s, e) for s, e in names if at <= s and e <= min(titled, default=len(value))]
        if named:
            bounds[person_kind], at = (named[0][0], named[-1][1]), named[-1][1]
    officials = list(_NAME_TITLE.finditer(value, at))
    officials += _titled_after(value, at, [(m.start(), m.end()) for m in officials])
    officials.sort(key=lambda m: m.start())
    if officials and "others" in kinds:
        # "Niklas Ohlin ( 261), …" before the first with a title is one of the others too
        begin = at if at < officials[0].start() and _NAME_AND_PARAGRAPHS.search(value, at) else officials[0].start()
        end = officials[-1].end()
        end += tail.end() if (tail := re.match(r"[\s,]*(?:§§?\s*)?\d[\d\s,–-]*(?=\s|$)", value[end:])) else 0
        while listed := _NEXT_LISTED_NAME.match(value, end):  # "…, kommunchef, Roger Max, Åsa Elandersson, …"
            end = listed.end("name")
        bounds["others"], at = (begin, end), end
    if "justerare" in kinds and (name := _justerare_at(value, at, people)):
        bounds["justerare"], at = name, name[1]
    rest = next((k for k in ("justering", "signatures") if k in kinds and k not in bounds), None)
    if rest:
        bounds[rest] = (at, len(value))
    return [bounds.get(kind, (0, 0)) if kinds.index(kind) == n else (0, 0) for n, kind in enumerate(kinds)]


_LISTED_AS_MEMBER = re.compile(r"\s*,?\s*(?:\d:e\s+)?(?:vice\s+)?(?:ordf|ledamot|ersättare|tjg|tjänstgör)", re.I)


def _comma_listed_from(value: str, people: list[re.Match[str]]) -> int:
    """Where a run of members turns into a list of others: "A (M) B (S) C (C) 259-273 D (V), E (S), F (S), …": the
    first of the people from whom on every one is followed by a comma alone (the members are not)."""
    alone = [re.fullmatch(r"\s*,\s*", value[a.end() : b.start("name")]) is not None for a, b in pairwise(people)]
    first = len(people) - 1  # people[first:] are joined by a comma alone, the members before them are not
    while first > 0 and alone[first - 1]:
        first -= 1
    return first if 0 < first < len(people) - 1 and not any(alone[:first]) else len(people)


_A_NAME = re.compile(NAME)
_LIST_SEPARATOR = re.compile(r"\s*(?:,|\boch\b|\bsamt\b|&)\s*")


def _names_listed(value: str) -> list[tuple[int, int]]:
    """The names of "A", "A och B", "A, B" where the value is those names and nothing else."""
    names, at = [], 0
    while name := _A_NAME.match(value, at):
        names.append((name.start(), name.end()))
        separator = _LIST_SEPARATOR.match(value, name.end())
        at = separator.end() if separator and separator.end() > name.end() else name.end()
        if at == name.end():
            break
    return names if names and not value[names[-1][1] :].strip(" .,") else []


def _justerare_at(value: str, at: int, people: list[re.Match[str]]) -> tuple[int, int] | None:
    """The justerare's name where the run goes on: one of the members named before (whose name ends where theirs
    does, not at the place of justering after it), else the name that stands there."""
    skipped = re.match(r"[\s\d,–-]*", value[at:])
    begin = at + (skipped.end() if skipped else 0)
    for person in people:
        if value.startswith(person["name"], begin):
            return begin, begin + len(person["name"])
    name = _A_NAME.match(value, begin)
    if name is None:
        return None
    end = _before_phrase(value, name.start(), name.end())
    while (separator := _LIST_SEPARATOR.match(value, end)) and (more := _A_NAME.match(value, separator.end())):
        end = _before_phrase(value, more.start(), more.end())  # "Mauricio Puga och Bernt Wallström"
    return name.start(), end


def _before_phrase(value: str, start: int, end: int) -> int:
    """A name's end before a capitalised word that begins a phrase ("… Bernt Wallström Omedelbar justering")."""
    last = value.rfind(" ", start, end)
    if last > value.find(" ", start, end) and re.match(r"\s+[a-zåäö]", value[end:]):
        return last
    return end


_PRESENCE_TABLE = re.compile(r"\bNärv(?:aro|arande)?\.?\s+Frånv", re.I)  # a table's columns: present, absent
_PRESENCE_MARK = re.compile(r"(?<!\S)[Xx](?!\S)")
# A roll-call table after the header ("Närvaro- och voteringslista  Namn  Parti  Närv  Frånv  Ja  Nej …"): its
# columns ("Ersättare") are no header labels (a "Närvarolista" is: "Beslutande  Enligt närvarolista, sid 2")
_ROLL_CALL = re.compile(
    r"^[ \t]*(?:Närvaro-\s*och\s+voteringslista|Voteringslista|Omröstningslista)\b",
    re.M | re.I,
)


def parse_header(source: SourceText, end: int, start: int = 0) -> MeetingHeader:  # noqa: C901
    header = MeetingHeader()
    if roll_call := _ROLL_CALL.search(source.text, start, end):
        end = roll_call.start()
    presence_unknown = bool(_PRESENCE_TABLE.search(source.text, start, end)) and not _PRESENCE_MARK.search(
        source.text, start, end
    )
    blocks = _unstacked(_blocks(source, end, start))
    blocks = [_leading_members(block, blocks) if block[0] == "lead" else block for block in blocks]
    blocks = [block for block in blocks if block[0] != "lead"]
    if blocks:
        header.span = span(source, blocks[0][1], blocks[-1][2])
    person_kinds = {**_PERSON_KINDS, "justerare": "justerare"}
    signed = False  # after "Underskrifter" the names are signatures, not attendance
    previous, previous_kind = "", ""
    for kind, _start, _end, values in blocks:
        text = " ".join(v for v, _, _ in values)
        # "Utses att justera  Ordinarie  Ersättare  A (m) B (m) C (s) D (s)": the justerare's table, read across
        across = kind == "substitutes" and previous.strip().lower() == "ordinarie"
        # "Utsedda justera  Ersättare  A och B  C och D": the justerare's deputies, no list of substitutes present
        deputies = kind == "substitutes" and previous_kind == "justerare" and not previous.strip()
        previous, previous_kind = text, kind
        if across:
            kind = "justerare"  # noqa: PLW2901 a line is read as what it turns out to be
        if kind == "deputies" or deputies:
            continue
        if kind in ("signatures", "notice"):
            signed = signed or kind == "signatures"
            header.attendees += _list_going_on(source, values, header.attendees)
            continue
        if kind in ("place", "members"):  # a header begins (again): a web copy's title line echoes the signatures
            signed = False
        if kind == "place" and header.place is not None:
            kind = "justering"  # noqa: PLW2901 a second "Plats och tid" is the justering's
        if signed and kind in ("secretary", "justerare"):  # a signature box; "Beslutande" never labels one
            continue
        if kind == "place" and values:
            first = values[0][0]
            times = _TIMES.search(first)
            header.place = (first[: times.start()] if times else first).strip(" ,").removesuffix(", kl.").strip(" ,")
            header.place = re.sub(r",?\s*kl(?:ockan|\.)?$", "", header.place).strip(" ,")
            header.place = (
                re.sub(r"^\d{4}-\d{2}-\d{2}\s*,?\s*", "", header.place) or None
            )  # "2021-05-26 Solna stadshus"
            if times:  # "kl. 25.00" is no time of day (found by fuzzing): then neither is given
                header.start, header.end = _clock(times[1], times[2]), _clock(times[3], times[4])
                if header.start is None or header.end is None:
                    header.start = header.end = None
            header.breaks = [b.replace(".", ":") for b in _BREAK.findall(text)]
        elif kind in person_kinds:
            for value, at, stop in values:  # each value where it starts (never the header's own `start`)
                found = _person_line(source, value, at, stop, person_kinds[kind])
                found = found or _letter_column_line(source, value, at, person_kinds[kind])
                found = found[::2] if across else found  # the ordinarie, each beside the one who stands in
                if not found and kind == "justerare":  # "Sören Lindqvist och Bengt Lindgren", "A, B"
                    found = [
                        Attendee(value[s:e], None, "justerare", None, span(source, at + s, at + e))
                        for s, e in _names_listed(value)
                    ]
                elif not found and kind != "justerare" and not PERSON.search(value):  # names without parties
                    # a name alone on its line is one, given name known or not ("Peringe Carlsson")
                    alone = [(0, len(value))] if _BARE_NAME.fullmatch(value) and value[-1:].isalpha() else []
                    found = _bare_people(source, value, at, bare_names(value) or alone, person_kinds[kind])
                header.attendees += found
        elif kind.startswith("across-"):
            people = [a for value, at, stop in values for a in _person_line(source, value, at, stop, "ledamot")]
            people = [
                _serving_if_said(source, a, b.span.start if b else None)
                for a, b in zip(people, [*people[1:], None][: len(people)], strict=True)
            ]
            _, first, second = kind.split("-")
            placed = _two_lists(people, _PERSON_KINDS[first], _PERSON_KINDS.get(second))
            header.attendees += [a for a in placed if a.kind]
            header.unplaced += [a.name for a in placed if not a.kind]
        elif kind in ("others", "secretary"):
            role = "sekreterare" if kind == "secretary" else "övrig"
            for value, at, _stop in values:
                with_party = _person_line(source, value, at, _stop, "ersättare" if _NON_SERVING.search(value) else role)
                with_party = [
                    _with_role(a, a.role, "övrig") if a.role and "ersättare" in a.role.lower() else a
                    for a in with_party
                ]
                if kind == "secretary":  # a secretary is an official: names with parties after the label are a
                    with_party = []  # list whose own label the copy lost, not secretaries
                officials = _officials_line(source, value, at, role)
                header.attendees += with_party + [o for o in officials if o.name not in {p.name for p in with_party}]
                if not with_party and not officials and (bare := _BARE_NAME.match(value)):
                    header.attendees.append(
                        Attendee(
                            bare["name"],
                            None,
                            role,
                            role if kind == "secretary" else None,
                            span(source, at, at + bare.end("name")),
                        )
                    )
        elif kind == "justering" and values:
            header.justering = values[0][0]
            dates = find_dates(values[0][0])
            header.justering_date = dates[0].value if dates else None
        elif kind in ("posted", "removed"):
            dates = find_dates(text)
            if dates and getattr(header, kind) is None:
                setattr(header, kind, dates[0].value)
        elif kind == "kept" and values:
            header.kept_at = values[0][0]
    substitutes = {a.name for a in header.attendees if a.kind == "ersättare" and a.party}
    for attendee in header.attendees:  # among the members and among the substitutes (with a party): one who served
        if attendee.kind == "ledamot" and attendee.name in substitutes:
            attendee.kind = "tjänstgörande ersättare"
    header.attendees = _once_each(header.attendees)
    if presence_unknown:  # "Ledamöter  Närv.  Frånvarande …" with its marks lost: who of them was there is unknown
        listed = [a for a in header.attendees if a.kind in ("ledamot", "tjänstgörande ersättare", "ersättare")]
        header.unplaced += [a.name for a in listed]
        header.attendees = [a for a in header.attendees if a not in listed]
    header_text = source.text[: blocks[-1][2]] if blocks else ""
    for attribute, pattern in (("posted", _POSTED), ("removed", _REMOVED)):
        if getattr(header, attribute) is None and (m := pattern.search(header_text)):
            setattr(header, attribute, find_dates(m.group(1))[0].value)
    return header


MIN_GOING_ON = 5  # people with parties in a row that go on a list, where signatures name two or three


def _list_going_on(source: SourceText, values: list[tuple[str, int, int]], listed: list[Attendee]) -> list[Attendee]:
    """The members' list going on on the next page ("Övriga ledamöter redovisas på sidan 2"; "2 TORSBY KOMMUN sid 2
    Ann-Katrin Järåsen (S) Åke Gustavsson (S) …"), where it stands among the notice's or signatures' lines: a long
    run of people with their parties, after a list of members."""
    if not any(a.kind == "ledamot" for a in listed):
        return []
    found = []
    for value, start, stop in values:
        people = _person_line(source, value, start, stop, "ledamot")
        if len([a for a in people if a.party]) >= MIN_GOING_ON:
            found += people
    return found


def _once_each(attendees: list[Attendee]) -> list[Attendee]:
    """A header printed again on the next page ("Plats och tid … Beslutande …" repeated) lists nobody twice; one who
    stands in for two members, or for two runs of §§, stays listed for each."""
    seen: set[tuple] = set()
    kept = []
    for attendee in attendees:
        key = (attendee.name, attendee.kind, attendee.replaces, attendee.paragraphs)
        if key not in seen:
            seen.add(key)
            kept.append(attendee)
    return kept


def _leading_members(lead: Block, blocks: list[Block]) -> Block:
    """Names with their parties before any label, where no "Beslutande" label follows and another list of people
    does: the members, whose label a copy lost with the page's first lines ("Annika Huber (S) Henrik Berglund
    Persson (S) … Ersättare Bo Nilsson (S) …")."""
    kinds = [b[0] for b in blocks]
    people = sum(len(PERSON.findall(value)) for value, _, _ in lead[3])
    if "members" in kinds or people < 3 or not {"substitutes", "serving", "others"} & set(kinds):
        return lead
    return ("members", *lead[1:])


_POSTED = re.compile(r"(?:sätts upp|sattes upp|uppsättande|upprättande|anslagits?)\D{0,25}(\d{4}-\d{2}-\d{2})", re.I)
_REMOVED = re.compile(r"(?:tas ne[dr]|togs ne[dr]|nedtagande)\D{0,25}(\d{4}-\d{2}-\d{2})", re.I)
