"""People as protocols name them: "Axel Josefson (M)", "tjänstgörande ersättaren Johannes Hulter (S)",
"Ledamöterna från SD", "Ordföranden"."""

from __future__ import annotations

import re
from functools import cache

from beslutsgraf.ingest.model import NamedPerson
from beslutsgraf.ontology import FIRST_NAMES_FILE

_ROLE = (
    r"(?:(?:tjänstgörande|ej tjänstgörande)\s+)?(?:(?:förste|andre|andra|tredje|1:e|2:e|3:e)\s+)?"
    r"(?:ersättaren|ersättarna|ordföranden|ordförande|vice ordföranden|ledamoten|ledamöterna|"
    r"kommunalrådet|oppositionsrådet)"
)
# Words of a name start with a capital and go on in lower case ("Marie-Louise", "O'Brien"): never "SD" or "X".
# A capitalised word after a name that is no part of it, in copies that lost their line breaks: a place ("… Olsson
# Kommunledningskontoret"), a title ("… Backström Kommunrevisor"), the next label ("… Prennfors Justeringens")
_NOT_NAME_ENDINGS = (
    "kontoret",
    "kansliet",
    "förvaltningen",
    "avdelningen",
    "enheten",
    "sektionen",
    "staben",
    "verket",
    "bolaget",
    "nämnden",
    "huset",
    "salen",
    "rummet",
    "skolan",
    "gymnasiet",
    "chef",
    "revisor",
    "sekreterare",
    "direktör",
    "strateg",
    "handläggare",
    "ansvarig",
    "ordförande",
    "justerare",
    "justerande",
    "justeringen",
    "justeringens",
    "underskrifter",
    "paragrafer",
    "teknisk",
    "ekonomisk",
    "administrativ",
    "juridisk",
    "biträdande",
    "tillförordnad",
    "ställföreträdande",
    "tjänstgör",
    "ersätter",
    "insynsplats",
    "namn",
    "närvarande",
    "frånvarande",
    "jäv",
    "ärendet",
    "enligt",
    "dagen",
)
# checked where the word ends (a fixed-width look back for each ending), not by scanning the word again before it
NOT_A_NAME = "".join(f"(?<!(?i:{ending}))" for ending in _NOT_NAME_ENDINGS)
# "Fållbäck-Svensson", "Inga- Lis" (a name the line broke), never "Miljö-" (of "Miljö- och byggnadsnämnden")
_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü'](?:[\wåäöéü']|-(?=[\wåäöéü])|-\s+(?=[A-ZÅÄÖ][a-zåäö]))*(?![\wåäöéü-])"
# "Johan P Bång": an initial inside a name, never at its end
_INITIAL = r"[A-ZÅÄÖ]\.?(?=\s+[A-ZÅÄÖÉ][a-zåäöéü'])"
NAME = rf"{_WORD}{NOT_A_NAME}(?:\s+(?:{_WORD}{NOT_A_NAME}|af|von|de|van|der|{_INITIAL})){{1,4}}"
# "Katinka Sundqvist Apelqvist, (v) ordförande": a comma before the party too; "(--)", one who left their party;
# "Maria Svensson (tjänstgör för Dag Ivarsson (m)": a party a copy lost before what the person does there
PERSON = re.compile(
    rf"(?:(?P<role>{_ROLE})\s+)?(?P<name>{NAME})(?:\s*,){{0,2}}\s*\((?:(?P<party>[A-ZÅÄÖa-zåäö]{{1,4}})\)|--?\)|"
    r"(?=(?:tjänstgör|tjg|ersätter)\b))"
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


@cache
def given_names() -> frozenset[str]:
    lines = FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_NAME_WORD = re.compile(rf"{_WORD}{NOT_A_NAME}(?![\wåäöé-])|[A-ZÅÄÖ]\.?(?=\s)|\S+")
_CAPITALISED = re.compile(rf"{_WORD}{NOT_A_NAME}$|[A-ZÅÄÖ]\.?$")
MAX_NAME_WORDS = 4


def _given(word: str) -> bool:
    return word in given_names() or word.split("-")[0] in given_names()


def _two_names(words: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Four words that begin with a given name and go on with a surname are two names, the second's given name one
    the list lacks ("Anders Lundell Raif Mehmeti"): a name of four words is rarer than that."""
    if len(words) == MAX_NAME_WORDS and _given(words[0].group()) and not _given(words[1].group()):
        return [words[:2], words[2:]]
    return [words]


def bare_names(text: str) -> list[tuple[int, int]]:
    """People named one after another with neither party nor title ("Björn Eriksson Gun Råberg Helge Jonsson"): the
    (start, end) of each. A run of capitalised words is split where a given name follows a surname; a run that does
    not split into names of two to four words, each beginning with a given name, gives none (never a guess)."""
    runs: list[list[re.Match[str]]] = [[]]
    for word in _NAME_WORD.finditer(text):
        if _CAPITALISED.match(word.group()):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    found = []
    for words in runs:
        run = words
        names: list[list[re.Match[str]]] = []
        while run and not _given(run[0].group()):  # a label before the names ("Tjänstemän Anna Berg …")
            run = run[1:]
        for word in run:
            surname_before = bool(names) and any(not _given(w.group()) for w in names[-1][1:])
            if not names or (_given(word.group()) and surname_before):
                names.append([word])
            else:
                names[-1].append(word)
        names = [part for n in names for part in _two_names(n)]
        if names and all(
            (_given(n[0].group()) or len(n) == 2) and 2 <= len(n) <= MAX_NAME_WORDS and len(n[-1].group()) > 2
            for n in names
        ):
            found += [(n[0].start(), n[-1].end()) for n in names]
    return found
