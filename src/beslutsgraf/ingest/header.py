"""The meeting header before the first §: place and time, who decided, who served for whom, who else was
there, the secretary, the justerare, justering, the § range and the notice (anslag).

Headers are label–value tables. pdftotext keeps them on one line ("Beslutande   Anna Lind (S), ordförande")
or puts the label on a line of its own; a label may wrap ("Ej tjänstgörande" / "ersättare"). Both are read.
"""

from __future__ import annotations

import re
from datetime import time

from beslutsgraf.ingest.attendance import (
    NON_SERVING,
    TIMES,
    bare_people,
    letter_column_line,
    list_going_on,
    officials_line,
    person_line,
    with_role,
)
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.model import Attendee, MeetingHeader
from beslutsgraf.ingest.name_lists import PERSON_KINDS, Block, names_listed, serving_if_said, two_lists, unstacked
from beslutsgraf.ingest.people import NAME, PERSON, bare_names
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


_BREAK = re.compile(
    r"\b(?:ajournering|ajourneras|paus|uppehåll)\b[^\d]{0,20}(\d{1,2}[.:]\d{2}\s*[-–—]\s*\d{1,2}[.:]\d{2})", re.I
)


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


def _clock(hour: str, minute: str) -> time | None:
    return time(int(hour), int(minute)) if int(hour) < 24 and int(minute) < 60 else None


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
    blocks = unstacked(_blocks(source, end, start))
    blocks = [_leading_members(block, blocks) if block[0] == "lead" else block for block in blocks]
    blocks = [block for block in blocks if block[0] != "lead"]
    if blocks:
        header.span = span(source, blocks[0][1], blocks[-1][2])
    person_kinds = {**PERSON_KINDS, "justerare": "justerare"}
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
            header.attendees += list_going_on(source, values, header.attendees)
            continue
        if kind in ("place", "members"):  # a header begins (again): a web copy's title line echoes the signatures
            signed = False
        if kind == "place" and header.place is not None:
            kind = "justering"  # noqa: PLW2901 a second "Plats och tid" is the justering's
        if signed and kind in ("secretary", "justerare"):  # a signature box; "Beslutande" never labels one
            continue
        if kind == "place" and values:
            first = values[0][0]
            times = TIMES.search(first)
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
                found = person_line(source, value, at, stop, person_kinds[kind])
                found = found or letter_column_line(source, value, at, person_kinds[kind])
                found = found[::2] if across else found  # the ordinarie, each beside the one who stands in
                if not found and kind == "justerare":  # "Sören Lindqvist och Bengt Lindgren", "A, B"
                    found = [
                        Attendee(value[s:e], None, "justerare", None, span(source, at + s, at + e))
                        for s, e in names_listed(value)
                    ]
                elif not found and kind != "justerare" and not PERSON.search(value):  # names without parties
                    # a name alone on its line is one, given name known or not ("Peringe Carlsson")
                    alone = [(0, len(value))] if _BARE_NAME.fullmatch(value) and value[-1:].isalpha() else []
                    found = bare_people(source, value, at, bare_names(value) or alone, person_kinds[kind])
                header.attendees += found
        elif kind.startswith("across-"):
            people = [a for value, at, stop in values for a in person_line(source, value, at, stop, "ledamot")]
            people = [
                serving_if_said(source, a, b.span.start if b else None)
                for a, b in zip(people, [*people[1:], None][: len(people)], strict=True)
            ]
            _, first, second = kind.split("-")
            placed = two_lists(people, PERSON_KINDS[first], PERSON_KINDS.get(second))
            header.attendees += [a for a in placed if a.kind]
            header.unplaced += [a.name for a in placed if not a.kind]
        elif kind in ("others", "secretary"):
            role = "sekreterare" if kind == "secretary" else "övrig"
            for value, at, _stop in values:
                with_party = person_line(source, value, at, _stop, "ersättare" if NON_SERVING.search(value) else role)
                with_party = [
                    with_role(a, a.role, "övrig") if a.role and "ersättare" in a.role.lower() else a for a in with_party
                ]
                if kind == "secretary":  # a secretary is an official: names with parties after the label are a
                    with_party = []  # list whose own label the copy lost, not secretaries
                officials = officials_line(source, value, at, role)
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
