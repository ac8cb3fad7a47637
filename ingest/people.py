"""People as protocols name them: "Axel Josefson (M)", "tjänstgörande ersättaren Johannes Hulter (S)",
"Ledamöterna från SD", "Ordföranden"."""

from __future__ import annotations

import re

from ingest.model import NamedPerson

_ROLE = (
    r"(?:(?:tjänstgörande|ej tjänstgörande)\s+)?(?:(?:förste|andre|andra|tredje|1:e|2:e|3:e)\s+)?"
    r"(?:ersättaren|ersättarna|ordföranden|ordförande|vice ordföranden|ledamoten|ledamöterna|"
    r"kommunalrådet|oppositionsrådet)"
)
# Words of a name start with a capital and go on in lower case ("Marie-Louise", "O'Brien"): never "SD" or "X".
_PLACE_WORD = r"(?![\wåäöé-]*(?:kontoret|kansliet|förvaltningen|nämnden|huset|salen|rummet)\b)"
NAME = (
    rf"[A-ZÅÄÖÉ][a-zåäöéü'][\wåäöéü'-]*(?:\s+(?:{_PLACE_WORD}[A-ZÅÄÖÉ][a-zåäöéü'][\wåäöéü'-]*|af|von|de|van|der"
    r"|[A-ZÅÄÖ]\.?(?=\s+[A-ZÅÄÖÉ][a-zåäöéü']))){1,4}"
)  # "Johan P Bång": an initial inside a name, never at its end; "Karl-Erik Olsson Kommunledningskontoret": a place
# "Katinka Sundqvist Apelqvist, (v) ordförande": a comma before the party too; "(--)", one who left their party
PERSON = re.compile(
    rf"(?:(?P<role>{_ROLE})\s+)?(?P<name>{NAME})(?:\s*,){{0,2}}\s*\((?:(?P<party>[A-ZÅÄÖa-zåäö]{{1,4}})|--?)\)"
)
PARTY_GROUP = re.compile(
    r"(?:[Ll]edamöterna|[Rr]epresentanterna|[Ll]edamöter(?:na)?|[Gg]ruppen)\s+(?:från|för)\s+"
    r"(?P<parties>[A-ZÅÄÖ]{1,3}(?:\s*,\s*[A-ZÅÄÖ]{1,3})*(?:\s+(?:och|samt)\s+[A-ZÅÄÖ]{1,3})?)\b"
    r"|(?P<genitive>[A-ZÅÄÖ][a-zåäö]+(?:erna|arna|na))s\s+ledamöter"
)


def party_of(person: re.Match[str]) -> str | None:
    """The party letters of a PERSON match, or None for one outside any party ("(--)")."""
    return person["party"].upper() if person["party"] else None


def find_people(text: str) -> list[NamedPerson]:
    """Each person once, in the order first named."""
    found: dict[str, NamedPerson] = {}
    for m in PERSON.finditer(text):
        name = re.sub(r"\s+", " ", m["name"])
        found.setdefault(name, NamedPerson(name, party_of(m), m["role"], m.start(), m.end()))
    return list(found.values())


def find_party_groups(text: str) -> list[str]:
    """Party letters of "Ledamöterna från M, L och KD"; a party name of "Sverigedemokraternas ledamöter"."""
    found: list[str] = []
    for m in PARTY_GROUP.finditer(text):
        if m["parties"]:
            found += re.findall(r"[A-ZÅÄÖ]{1,3}", m["parties"])
        else:
            found.append(m["genitive"])
    return found
