"""The meeting header before the first §: place and time, who decided, who served for whom, who else was
there, the secretary, the justerare, justering, the § range and the notice (anslag).

Headers are label–value tables. pdftotext keeps them on one line ("Beslutande   Anna Lind (S), ordförande")
or puts the label on a line of its own; a label may wrap ("Ej tjänstgörande" / "ersättare"). Both are read.
"""

from __future__ import annotations

import re
from datetime import time

from ingest.dates import find_dates
from ingest.model import Attendee, MeetingHeader
from ingest.people import NAME, PERSON
from ingest.source import SourceText
from ingest.textblock import lines, span

LABELS: dict[str, tuple[str, ...]] = {
    "place": (r"plats och tid", r"plats", r"sammanträdestid", r"tid och plats", r"tid"),
    "members": (r"beslutande(?: ledamöter)?", r"närvarande ledamöter", r"ledamöter"),
    "serving": (r"tjänstgörande ersättare",),
    "substitutes": (
        r"ej tjänstgörande(?: ersättare)?",
        r"övriga ersättare",
        r"närvarande ersättare",
        r"ersättare",
    ),
    "others": (
        r"övriga deltagare",
        r"övriga närvarande",
        r"övriga",
        r"närvarande tjänstemän",
        r"tjänstemän",
        r"tjänstepersoner",
        r"närvarande tjänstepersoner",
    ),
    "secretary": (r"sekreterare",),
    "justerare": (r"utses att justera", r"justerare", r"justerande"),
    "justering": (r"justeringens plats(?: och tid)?", r"justering(?:ens tid och plats)?"),
    "range": (r"paragrafer",),
    "posted": (r"datum för anslags(?: uppsättande)?", r"anslaget sätts upp", r"anslaget uppsatt", r"anslag från"),
    "removed": (r"datum för anslags nedtagande", r"anslaget tas ner", r"anslaget tas ned", r"anslag till"),
    "kept": (r"förvaringsplats(?: för(?: protokollet)?)?",),
    "signatures": (r"underskrifter", r"anslag/bevis", r"organ", r"sammanträdesdatum"),
}
_LABEL = re.compile(
    r"^[ \t]*(?:"
    + "|".join(f"(?P<{k}>{'|'.join(v)})" for k, v in LABELS.items())
    + r")\b[ \t]*:?(?:[ \t]+|$)",  # PDFium joins label and value with one space
    re.I,
)
_HEADER_ENDS = re.compile(r"^\s*(innehållsförteckning|ärendelista|dagordning|föredragningslista|innehåll)\b", re.I)
# The second half of a label that wrapped onto the next line.
_LABEL_TAIL = re.compile(r"^\s*(ersättare|och tid|uppsättande|nedtagande|protokollet)\b\s*", re.I)
_TIMES = re.compile(r"\b(\d{1,2})[.:](\d{2})\s*[-–—]\s*(\d{1,2})[.:](\d{2})\b")
_BREAK = re.compile(
    r"\b(?:ajournering|ajourneras|paus|uppehåll)\b[^\d]{0,20}(\d{1,2}[.:]\d{2}\s*[-–—]\s*\d{1,2}[.:]\d{2})", re.I
)
_SUBSTITUTE = re.compile(
    r"(?:tjänstgörande ersättare\s+)?(?:för|ersätter|i stället för|istället för)\s+(?P<name>[A-ZÅÄÖ][\wåäöé-]+"
    r"(?:\s+[A-ZÅÄÖ][\wåäöé-]+){0,3})\s*(?:\((?P<party>[A-ZÅÄÖa-zåäö]{1,4})\))?",
    re.I,
)
_PARAGRAPHS = re.compile(r"(§§?\s*\d{1,4}(?:\s*[-–—,]\s*\d{1,4})*(?:\s*(?:och|samt)\s*\d{1,4})?)")
_OFFICIAL = re.compile(
    r"^(?P<name>[A-ZÅÄÖ][\wåäöé-]+(?:\s+[A-ZÅÄÖ][\wåäöé-]+){1,3})\s*,\s*(?P<title>[^§]+?)\s*(?P<paras>§.*)?$"
)


def _blocks(source: SourceText, end: int) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """(label kind, start, end, value lines with offsets) for every labelled block before `end`."""
    found: list[tuple[str, int, int, list[tuple[str, int, int]]]] = []
    for line in lines(source.text, 0, end):
        if _HEADER_ENDS.match(line.text):
            found.append(("end", line.start, line.end, []))  # what follows is no header value
            continue
        m = _LABEL.match(line.text)
        if m:
            kind = next(k for k, v in m.groupdict().items() if v is not None)
            value = line.text[m.end() :]
            found.append((kind, line.start, line.end, []))
            if value.strip():
                lead = len(value) - len(value.lstrip())
                found[-1][3].append((value.strip(), line.start + m.end() + lead, line.end))
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


def _person_line(source: SourceText, value: str, start: int, end: int, kind: str) -> list[Attendee]:
    people = []
    for m in PERSON.finditer(value):
        rest = value[m.end() :]
        nxt = PERSON.search(rest)
        tail = rest[: nxt.start()] if nxt else rest
        role = tail.strip(" ,;").split(",")[0].strip() or None
        attendee = Attendee(re.sub(r"\s+", " ", m["name"]), m["party"].upper(), kind, role,
                            span(source, start + m.start(), start + m.end()))  # fmt: skip
        substitute = _SUBSTITUTE.search(value[m.end() :])
        if substitute and (kind in ("ledamot", "tjänstgörande ersättare")):
            attendee.kind = "tjänstgörande ersättare"
            attendee.replaces = re.sub(r"\s+", " ", substitute["name"])
            attendee.replaces_party = substitute["party"].upper() if substitute["party"] else None
            attendee.role = None
            if paras := _PARAGRAPHS.search(value[m.end() :]):
                attendee.paragraphs = paras.group(1)
            people.append(attendee)
            break  # the replaced member is named in the same line: not present
        if role and _PARAGRAPHS.fullmatch(role):
            attendee.paragraphs, attendee.role = role, None
        people.append(attendee)
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


def parse_header(source: SourceText, end: int) -> MeetingHeader:
    header = MeetingHeader()
    blocks = _blocks(source, end)
    if blocks:
        header.span = span(source, blocks[0][1], blocks[-1][2])
    person_kinds = {"members": "ledamot", "serving": "tjänstgörande ersättare", "substitutes": "ersättare",
                    "justerare": "justerare"}  # fmt: skip
    for kind, _start, _end, values in blocks:
        text = " ".join(v for v, _, _ in values)
        if kind == "place" and values:
            first = values[0][0]
            times = _TIMES.search(first)
            header.place = (first[: times.start()] if times else first).strip(" ,").removesuffix(", kl.").strip(" ,")
            header.place = re.sub(r",?\s*kl(?:ockan|\.)?$", "", header.place).strip(" ,") or None
            if times:
                header.start = time(int(times[1]), int(times[2]))
                header.end = time(int(times[3]), int(times[4]))
            header.breaks = [b.replace(".", ":") for b in _BREAK.findall(text)]
        elif kind in person_kinds:
            for value, start, stop in values:
                found = _person_line(source, value, start, stop, person_kinds[kind])
                header.attendees += found or _letter_column_line(source, value, start, person_kinds[kind])
        elif kind in ("others", "secretary"):
            for value, start, _stop in values:
                m = _OFFICIAL.match(value)
                if (
                    kind == "secretary"
                    and not m
                    and re.match(r"^[A-ZÅÄÖ][\wåäöé-]+(?:\s+[A-ZÅÄÖ][\wåäöé-]+){1,3}$", value)
                ):
                    header.attendees.append(Attendee(value, None, "sekreterare", "sekreterare",
                                                     span(source, start, start + len(value))))  # fmt: skip
                elif m:
                    role = "sekreterare" if kind == "secretary" else "övrig"
                    paragraphs = m["paras"].strip() if m["paras"] else None
                    where = span(source, start, start + len(value))
                    header.attendees.append(
                        Attendee(m["name"], None, role, m["title"].strip(), where, paragraphs=paragraphs)
                    )
        elif kind == "justering" and values:
            header.justering = values[0][0]
            dates = find_dates(values[0][0])
            header.justering_date = dates[0].value if dates else None
        elif kind in ("posted", "removed"):
            dates = find_dates(text)
            if dates:
                setattr(header, kind, dates[0].value)
        elif kind == "kept" and values:
            header.kept_at = values[0][0]
    return header
