"""Lists of people a copy ran together: two lists read across ("Beslutande | Ersättare" columns in one run), told apart
by their parties' order; a run of names split where each begins; values stacked under their labels put back."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from beslutsgraf.ingest.attendance import (
    MEMBER_ROLE,
    NAME_AND_PARAGRAPHS,
    NAME_BARE_TITLE,
    NAME_TITLE,
    NEXT_LISTED_NAME,
    SERVES,
    SERVES_FOR,
    TIMES,
    parties_parenthesised,
    titled_after,
)
from beslutsgraf.ingest.model import Attendee
from beslutsgraf.ingest.people import NAME, PERSON, bare_names
from beslutsgraf.ingest.source import SourceText

Block = tuple[str, int, int, list[tuple[str, int, int]]]


_ROLE_TAIL = re.compile(
    r"^[\s,]*(?:(?:ej\s+)?(?:tjg\.?|tjänstgörande)(?:\s+ers(?:ättare|\.)?)?|ordförande|ordf\.?)", re.I
)  # "… Magnus Fridén (C) ej tjg.": the last one's mark


def unstacked(blocks: list[Block]) -> list[Block]:
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
                across if across and kind in PERSON_KINDS else kind,
                s,
                e,
                [(value[a:b].strip(), offset + a, stop)] if b > a and value[a:b].strip() else [],
            )
            for (kind, s, e, _), (a, b) in zip(run, parts, strict=True)
        ]
        i = j + 1
    return out


_TAIL_REACH = 40  # characters after a name in which what the person does there is said ("tjänstgör för …")


PERSON_KINDS = {"members": "ledamot", "serving": "tjänstgörande ersättare", "substitutes": "ersättare"}


def _read_across(kinds: list[str], value: str) -> str | None:
    """ "across-FIRST-SECOND" where a run of values holds two person lists read across ("Beslutande  Ersättare  A (S)
    B (M) …"), FIRST the list that comes first and SECOND the other where it can be told; None where one list, or
    the members and the serving substitutes each marked "tjänstgörande för X" (Gagnef's "Ledamöter  Tjänstgörande
    ersättare"), are told apart as they are."""
    lists = [k for k in dict.fromkeys(kinds) if k in PERSON_KINDS]
    marked = SERVES_FOR.search(value) is not None
    if len(lists) < 2 or ("substitutes" not in lists and marked):
        return None
    # the list after the first: the substitutes', unless the serving substitutes' may be it too (none marked)
    second = "serving" if "substitutes" not in lists else "substitutes" if marked or "serving" not in lists else ""
    return f"across-{lists[0]}-{second if second != lists[0] else ''}"


def serving_if_said(source: SourceText, attendee: Attendee, until: int | None) -> Attendee:
    """One the line reads as a member who "tjänstgör" in the words after the name, for a name the copy cut short."""
    until = min(until or len(source.text), attendee.span.end + _TAIL_REACH)
    said = attendee.kind == "ledamot" and SERVES.search(source.text, attendee.span.end, until) is not None
    return replace(attendee, kind="tjänstgörande ersättare") if said else attendee


def two_lists(people: list[Attendee], first: str, second: str | None) -> list[Attendee]:
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
    people = list(PERSON.finditer(parties_parenthesised(value, any_letters=False)))  # "Kjell Gustafsson, S, …" too
    if "place" in kinds:
        times = TIMES.search(value)
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
        titled = [m.start() for m in NAME_TITLE.finditer(value, after) if not MEMBER_ROLE.match(m["title"])]
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
            for pattern in (NAME_TITLE, NAME_BARE_TITLE)
            for m in pattern.finditer(value, at)
            if not MEMBER_ROLE.match(m["title"])
        ]
        named = [(s, e) for s, e in names if at <= s and e <= min(titled, default=len(value))]
        if named:
            bounds[person_kind], at = (named[0][0], named[-1][1]), named[-1][1]
    officials = list(NAME_TITLE.finditer(value, at))
    officials += titled_after(value, at, [(m.start(), m.end()) for m in officials])
    officials.sort(key=lambda m: m.start())
    if officials and "others" in kinds:
        # "Niklas Ohlin ( 261), …" before the first with a title is one of the others too
        begin = at if at < officials[0].start() and NAME_AND_PARAGRAPHS.search(value, at) else officials[0].start()
        end = officials[-1].end()
        end += tail.end() if (tail := re.match(r"[\s,]*(?:§§?\s*)?\d[\d\s,–-]*(?=\s|$)", value[end:])) else 0
        while listed := NEXT_LISTED_NAME.match(value, end):  # "…, kommunchef, Roger Max, Åsa Elandersson, …"
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


def names_listed(value: str) -> list[tuple[int, int]]:
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
