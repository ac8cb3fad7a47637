"""One label's value read as the people it lists: members with their parties and roles, substitutes and whom they
serve for, officials with their titles, party letters in a column of their own, a list that goes on after the header."""

from __future__ import annotations

import re

from beslutsgraf.ingest.model import Attendee
from beslutsgraf.ingest.people import MAX_NAME_WORDS, NAME, NOT_A_NAME, PERSON, bare_names, party_of
from beslutsgraf.ingest.resolve import looks_like_organisation
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import span

TIMES = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*[-–—]\s*(\d{1,2})[.:](\d{2})\b")


_PARAGRAPHS = re.compile(r"(§§?\s*\d{1,4}(?:\s*[-–—,]\s*\d{1,4})*(?:\s*(?:och|samt)\s*\d{1,4})?)")


_SUBSTITUTE_MARK = re.compile(
    r"(?:(?:tjänstgörande|tjg\.?)\s+)?(?:ersättare\s+)?(?:för|ersätter|istf\.?|i stället för|istället för)\s*$"
    r"|(?<![\wåäö])ers:\s*$",  # "Hannes Petersson (M) ers: Robin Holmberg (M)"
    re.I,
)


_SERVING_ROLE = re.compile(r"(?:tjg\.?|tj\.?|tjänstgörande)\s*ers(?:ättare|\.)?\.?$", re.I)


SERVES = re.compile(r"\b(?:tjänstgör|tjg)\b", re.I)


SERVES_FOR = re.compile(
    r"\b(?:(?:tjänstgör\w*|tjg\.?|tj\.?)\s+(?:ers\w*\.?\s+)?för|ersätter|istf|i ställe[tn]? för)\b"
    r"|\)\s*,?\s*för\s+[A-ZÅÄÖ]",  # "Ann-Louise Karlsson (C) för Bertil Johansson"
    re.I,
)


NON_SERVING = re.compile(r"\bej\s+(?:tjg\.?|tjänstgörande)\b", re.I)


_ROLE_WORDS = {"ordf": "ordförande", "v ordf": "vice ordförande", "vice ordf": "vice ordförande", "sekr": "sekreterare"}


_TRAILING_NUMBERS = re.compile(r"(?:\s*\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)+\s*$")


def _role(tail: str) -> str | None:
    """What a tail says of the person's role, with the §§, a substitution and a non-serving mark taken out."""
    text = _TRAILING_NUMBERS.sub("", _PARAGRAPHS.sub("", tail))  # "tjänstgörande ersättare 249": §§ without a sign
    text = NON_SERVING.sub("", re.sub(r"\b(?:ers|ersättare)\b\.?", "", text)) if NON_SERVING.search(text) else text
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


def parties_parenthesised(value: str, any_letters: bool) -> str:
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


def person_line(source: SourceText, value: str, start: int, end: int, kind: str) -> list[Attendee]:
    """Every person a header line names, several to a line as many templates print them."""
    value = parties_parenthesised(value, any_letters=kind != "övrig" and kind != "sekreterare")
    named = list(PERSON.finditer(value))
    column = _role_column(value, named)
    if column is not None:
        in_column = person_line(source, value[: named[-1].end()], start, end, kind)
        return [with_role(a, role, kind) for a, role in zip(in_column, column, strict=False)]
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
        serving = kind != "ersättare" or SERVES.search(tail) is not None  # "X (M) tjänstgör för Y (M)" serves
        if following is not None and _SUBSTITUTE_MARK.search(tail) and serving:
            # "Olle Sand (S) ersätter Karin Berg (S) §§ 14–15": the replaced member is named, not present
            attendee.kind = "tjänstgörande ersättare"
            attendee.replaces = re.sub(r"\s+", " ", following["name"])
            attendee.replaces_party = party_of(following)
            replaced.add(i + 1)
            after = matches[i + 2].start() if i + 2 < len(matches) else len(value)
            tail = value[following.end() : after]
        elif NON_SERVING.search(tail):
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


def bare_people(source: SourceText, value: str, at: int, names: list[tuple[int, int]], kind: str) -> list[Attendee]:
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


def with_role(attendee: Attendee, role: str, kind: str) -> Attendee:
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


MEMBER_ROLE = re.compile(r"(?:\d:e\s+)?(?:vice\s+)?(?:ordförande|ordf|ledamot|ersättare)\b", re.I)


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


NAME_TITLE = re.compile(
    rf"(?P<name>{NAME})\s*,\s*(?P<title>(?:[A-ZÅÄÖ][A-Za-zÅÄÖ]{{0,3}}-)?[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*)*"
    rf"|[A-ZÅÄÖ][a-zåäö]*(?:{_ENDINGS})\b)"  # "Kalle Stenborg, Ekonom": a title some print in capitals
)


# A name that stops before a title: "Stadsdirektör Jan-Inge Ahlfridh Chefsjurist Tomas Bärring" is two people
_UNTITLED_WORD = rf"(?![\wåäöéü'-]*(?:{_ENDINGS})\b)[A-ZÅÄÖÉ][a-zåäöéü'][\wåäöéü'-]*(?![\wåäöéü'-]){NOT_A_NAME}"


_UNTITLED_NAME = rf"{_UNTITLED_WORD}(?:\s+(?:{_UNTITLED_WORD}|af|von|de|van|der)){{1,4}}"


_TITLE_NAME = re.compile(rf"(?P<title>[A-ZÅÄÖa-zåäö][a-zåäö]+)\s+(?P<name>{_UNTITLED_NAME})")


_LEADING_NAME = re.compile(rf"^\s*(?P<name>{_UNTITLED_NAME})\s+(?=[A-ZÅÄÖ][a-zåäö]*(?:{_ENDINGS})\s)")


NAME_AND_PARAGRAPHS = re.compile(
    rf"(?:^|,)\s*(?P<name>{_UNTITLED_NAME}),?\s*(?:§§?\s*(?P<bare>\d{{1,4}}(?:\s*[-–]\s*\d{{1,4}})?)|"
    rf"\(\s*(?:§§?\s*)?\d{{1,4}}(?:\s*[-–,]\s*\d{{1,4}})*\s*\))\s*(?=,|$|\s)"
)  # "Erik Andersson § 56", "Niklas Ohlin ( 261)"


# "Helene Blom miljöinspektör": a title after the name without a comma, as a table's two columns run together
NAME_BARE_TITLE = re.compile(rf"(?P<name>{_UNTITLED_NAME})\s+(?P<title>(?:[a-zåäö][\wåäö-]*?)?(?:{_ENDINGS}))\b")


def titled_after(value: str, at: int, taken: list[tuple[int, int]]) -> list[re.Match[str]]:
    """ "Stadsdirektör Jan-Inge Ahlfridh", "samt kommunchef Fredrik Geijer": a title before the name, where the
    title is not the one an earlier "Name, title" already has ("Ann-Katrin Karlsson, nämndsekreterare Bo Ek")."""
    return [
        m
        for m in _TITLE_NAME.finditer(value, at)
        if m["title"].lower().endswith(_TITLE_ENDINGS) and not any(s <= m.start("title") < e for s, e in taken)
    ]


_LISTED_NAME = re.compile(rf"(?:^|,)\s*(?P<name>{NAME})\s*(?=,|\.?$)")


NEXT_LISTED_NAME = re.compile(rf",\s*(?P<name>{NAME})\s*(?=[,.]|$)")


def officials_line(source: SourceText, value: str, start: int, kind: str) -> list[Attendee]:  # noqa: C901
    """Officials without a party: "Sara Kvist, kommundirektör" or "Ekonomichef Nicklas Bremefors § 63-64"."""
    found: list[tuple[int, int, str, str]] = [
        (m.start(), m.end(), m["name"], m["title"]) for m in NAME_TITLE.finditer(value)
    ]
    for m in NAME_BARE_TITLE.finditer(value):
        if not any(s <= m.start("name") < e for s, e, _, _ in found):
            found.append((m.start(), m.end(), m["name"], m["title"]))
    for m in titled_after(value, 0, [(s, e) for s, e, _, _ in found]):
        if not any(s <= m.start("name") < e for s, e, _, _ in found):
            found.append((m.start(), m.end(), m["name"], m["title"].lower()))
    if found:  # "…, Erik Andersson § 56, …": one without a title among those with one, there for a §
        for m in NAME_AND_PARAGRAPHS.finditer(value):
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


def letter_column_line(source: SourceText, value: str, start: int, kind: str) -> list[Attendee]:
    m = _LETTER_FIRST.match(value) or _LETTER_LAST.match(value)
    if not m:
        return []
    where = span(source, start + m.start("name"), start + m.end("name"))
    return [Attendee(m["name"], m["party"], kind, m["role"].strip() if m["role"] else None, where)]


MIN_GOING_ON = 5  # people with parties in a row that go on a list, where signatures name two or three


def list_going_on(source: SourceText, values: list[tuple[str, int, int]], listed: list[Attendee]) -> list[Attendee]:
    """The members' list going on on the next page ("Övriga ledamöter redovisas på sidan 2"; "2 TORSBY KOMMUN sid 2
    Ann-Katrin Järåsen (S) Åke Gustavsson (S) …"), where it stands among the notice's or signatures' lines: a long
    run of people with their parties, after a list of members."""
    if not any(a.kind == "ledamot" for a in listed):
        return []
    found = []
    for value, start, stop in values:
        people = person_line(source, value, start, stop, "ledamot")
        if len([a for a in people if a.party]) >= MIN_GOING_ON:
            found += people
    return found
