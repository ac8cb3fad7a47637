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
    # "ande": a web copy that lost the first letters of its first label ("Beslutande")
    "members": (r"beslutande(?: ledamöter)?", r"närvarande ledamöter", r"ledamöter", r"ande"),
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
_PARAGRAPHS = re.compile(r"(§§?\s*\d{1,4}(?:\s*[-–—,]\s*\d{1,4})*(?:\s*(?:och|samt)\s*\d{1,4})?)")
_BARE_NAME = re.compile(rf"^(?P<name>{NAME})\s*[,.]?\s*$")


def _blocks(source: SourceText, end: int, start: int = 0) -> list[tuple[str, int, int, list[tuple[str, int, int]]]]:
    """(label kind, start, end, value lines with offsets) for every labelled block before `end`."""
    found: list[tuple[str, int, int, list[tuple[str, int, int]]]] = []
    for line in lines(source.text, start, end):
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


_SUBSTITUTE_MARK = re.compile(
    r"(?:(?:tjänstgörande|tjg\.?)\s+)?(?:ersättare\s+)?(?:för|ersätter|istf\.?|i stället för|istället för)\s*$", re.I
)
_SERVES = re.compile(r"\b(?:tjänstgör|tjg)\b", re.I)
_NON_SERVING = re.compile(r"\bej\s+(?:tjg\.?|tjänstgörande)\b", re.I)
_ROLE_WORDS = {"ordf": "ordförande", "v ordf": "vice ordförande", "vice ordf": "vice ordförande", "sekr": "sekreterare"}


def _role(tail: str) -> str | None:
    """What a tail says of the person's role, with the §§, a substitution and a non-serving mark taken out."""
    text = _PARAGRAPHS.sub("", tail)
    text = _NON_SERVING.sub("", re.sub(r"\b(?:ers|ersättare)\b\.?", "", text)) if _NON_SERVING.search(text) else text
    text = re.sub(r"[()]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;.")
    return _ROLE_WORDS.get(text.lower().rstrip("."), text) or None


# "Anna Lind, ordförande (S)": the role between the name and the party letters, as word processors' tables print it
_ROLE_BEFORE_PARTY = re.compile(
    r",\s*(?P<role>(?:\d:e\s+|förste\s+|andre\s+)?(?:vice\s+)?ordförande|v\.?\s*ordf\.?|ordf\.?)\s*(?=\([A-ZÅÄÖa-zåäö]{1,4}\))",
    re.I,
)


def _person_line(source: SourceText, value: str, start: int, end: int, kind: str) -> list[Attendee]:
    """Every person a header line names, several to a line as many templates print them."""
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
        if tail_end is not None and "," not in value[m.end() : following.start()]:
            tail_end = following.start()
        tail = value[m.end() : tail_end if tail_end is not None else (following.start() if following else len(value))]
        attendee = Attendee(re.sub(r"\s+", " ", m["name"]), m["party"].upper(), kind, None,
                            span(source, start + m.start(), start + m.end()))  # fmt: skip
        serving = kind != "ersättare" or _SERVES.search(tail) is not None  # "X (M) tjänstgör för Y (M)" serves
        if following is not None and _SUBSTITUTE_MARK.search(tail) and serving:
            # "Olle Sand (S) ersätter Karin Berg (S) §§ 14–15": the replaced member is named, not present
            attendee.kind = "tjänstgörande ersättare"
            attendee.replaces = re.sub(r"\s+", " ", following["name"])
            attendee.replaces_party = following["party"].upper()
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
        people.append(attendee)
    return people


_NAME_TITLE = re.compile(rf"(?P<name>{NAME})\s*,\s*(?P<title>[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*)*)")
_TITLE_NAME = re.compile(rf"(?P<title>[A-ZÅÄÖ][a-zåäö]+)\s+(?P<name>{NAME})")
_TITLE_ENDINGS = (
    "chef", "sekreterare", "direktör", "utredare", "controller", "strateg", "jurist", "handläggare", "ekonom",
    "ingenjör", "samordnare", "rådgivare", "revisor", "tjänsteman", "notarie",
)  # fmt: skip


def _officials_line(source: SourceText, value: str, start: int, kind: str) -> list[Attendee]:
    """Officials without a party: "Sara Kvist, kommundirektör" or "Ekonomichef Nicklas Bremefors § 63-64"."""
    found: list[tuple[int, int, str, str]] = [
        (m.start(), m.end(), m["name"], m["title"]) for m in _NAME_TITLE.finditer(value)
    ]
    for m in _TITLE_NAME.finditer(value):
        if m["title"].lower().endswith(_TITLE_ENDINGS) and not any(s <= m.start("name") < e for s, e, _, _ in found):
            found.append((m.start(), m.end(), m["name"], m["title"].lower()))
    found.sort()
    people = []
    for i, (s, e, name, title) in enumerate(found):
        tail = value[e : found[i + 1][0] if i + 1 < len(found) else len(value)]
        paragraphs = _PARAGRAPHS.search(tail)
        role = "sekreterare" if kind == "sekreterare" else "övrig"
        where = span(source, start + s, start + e)
        paragraph_text = paragraphs.group(1) if paragraphs else None
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


def parse_header(source: SourceText, end: int, start: int = 0) -> MeetingHeader:
    header = MeetingHeader()
    blocks = _blocks(source, end, start)
    if blocks:
        header.span = span(source, blocks[0][1], blocks[-1][2])
    person_kinds = {"members": "ledamot", "serving": "tjänstgörande ersättare", "substitutes": "ersättare",
                    "justerare": "justerare"}  # fmt: skip
    signed = False  # after "Underskrifter" the names are signatures, not attendance
    for kind, _start, _end, values in blocks:
        text = " ".join(v for v, _, _ in values)
        if kind in ("signatures", "notice"):
            signed = signed or kind == "signatures"
            continue
        if kind == "place" and header.place is not None:
            kind = "justering"  # a second "Plats och tid" is the justering's
        if signed and kind in ("secretary", "justerare", "members", "others"):
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
            for value, start, stop in values:
                found = _person_line(source, value, start, stop, person_kinds[kind])
                found = found or _letter_column_line(source, value, start, person_kinds[kind])
                if not found and kind == "justerare" and (bare := _BARE_NAME.match(value)):
                    found = [
                        Attendee(bare["name"], None, "justerare", None, span(source, start, start + bare.end("name")))
                    ]
                header.attendees += found
        elif kind in ("others", "secretary"):
            role = "sekreterare" if kind == "secretary" else "övrig"
            for value, start, _stop in values:
                with_party = _person_line(
                    source, value, start, _stop, "ersättare" if _NON_SERVING.search(value) else role
                )
                officials = _officials_line(source, value, start, role)
                header.attendees += with_party + [o for o in officials if o.name not in {p.name for p in with_party}]
                if not with_party and not officials and (bare := _BARE_NAME.match(value)):
                    header.attendees.append(Attendee(bare["name"], None, role, role if kind == "secretary" else None,
                                                     span(source, start, start + bare.end("name"))))  # fmt: skip
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
    header_text = source.text[: blocks[-1][2]] if blocks else ""
    for attribute, pattern in (("posted", _POSTED), ("removed", _REMOVED)):
        if getattr(header, attribute) is None and (m := pattern.search(header_text)):
            setattr(header, attribute, find_dates(m.group(1))[0].value)
    return header


_POSTED = re.compile(r"(?:sätts upp|sattes upp|uppsättande|upprättande|anslagits?)\D{0,25}(\d{4}-\d{2}-\d{2})", re.I)
_REMOVED = re.compile(r"(?:tas ne[dr]|togs ne[dr]|nedtagande)\D{0,25}(\d{4}-\d{2}-\d{2})", re.I)
