"""A whole protocol or protocol extract: the meeting (municipality, body, date) and its §§.

What the file does not say comes from the metadata (options or a metadata file). A meeting date the
text only implies ("… till KS 260603") is used only when nothing states it, and is marked inferred.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from beslutsgraf.ingest.checks import self_check
from beslutsgraf.ingest.contents import TocEntry, split_contents
from beslutsgraf.ingest.dates import find_dates, parse_date
from beslutsgraf.ingest.deliberation import appendix_roll_calls
from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.header import parse_header
from beslutsgraf.ingest.model import Meeting, Paragraph, Protocol, Resolution, Span, Vote
from beslutsgraf.ingest.organ import deciding_body
from beslutsgraf.ingest.paragraph import parse_paragraph
from beslutsgraf.ingest.reflow import AGENDA_REACH, relined
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.segment import RawParagraph, appendix_start, find_paragraphs
from beslutsgraf.ingest.source import SourceMetadata, SourceText
from beslutsgraf.ingest.textblock import span
from beslutsgraf.ingest.titles import LONGEST_TITLE, flattened, run_on_title_end
from beslutsgraf.ontology import slug
from beslutsgraf.ontology.registry import Registry

MAX_PARAGRAPHS = 2_000  # Göteborg's largest protocol has 55; a file of 20,000 once took 12 GB to validate
MAX_KOMMUN_KEY = 60  # the longest Swedish municipality's name is 24 letters
FIRST_MEETING = date(1862, 1, 1)  # the municipal ordinances of 1862

# "Ljusdals kommun", "Göteborgs Stad", "SOLNA STAD"
_KOMMUN = re.compile(r"\b[A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+(?:-[A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]+)?\s+(?:kommun|KOMMUN|[Ss]tad|STAD)\b")
# A region or landsting named where its protocols print their name, at the top: not one a municipality's text mentions
_REGION = re.compile(
    r"\b(?:Region|REGION|Regionförbundet|Landstinget|LANDSTINGET)\s+(?:[iI]\s+)?[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+(?:\s+län)?\b"
)
# A kommunalförbund or a region by its own name ("Kalmarsunds gymnasieförbund", "Kunskapsförbundet Väst", "Västra
# Götalandsregionen"), in its letterhead or its notice, where no municipality is named
_ASSOCIATION = re.compile(
    r"\b(?:[A-ZÅÄÖ]\w+s\s+(?:gymnasie|kommunal|räddningstjänst|samordnings|miljö|utbildnings)förbund"
    r"|(?-i:[A-ZÅÄÖ][a-zåäö]+förbundet\s+[A-ZÅÄÖ][a-zåäö]+)"
    r"|(?-i:(?:[A-ZÅÄÖ][a-zåäö]+\s+)?[A-ZÅÄÖ][a-zåäö]+regionen))\b",
    re.I,
)
# A running header in capitals ("LANDSTINGET I VÄRMLAND") on any page: the body text never names a region so
_REGION_CAPITALS = re.compile(r"\b(?:REGION|LANDSTINGET)\s+(?:I\s+)?[A-ZÅÄÖ]{3,}(?:\s+LÄN)?\b")
LETTERHEAD = 1_000
# A letterhead of the municipality's name alone before the document's kind, as a logo prints it
_NAME_BEFORE_PROTOCOL = re.compile(
    r"\b(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:[ -][A-ZÅÄÖ][a-zåäö]+)?)\s+"
    r"(?:Sammanträdesprotokoll|SAMMANTRÄDESPROTOKOLL|Protokoll\b|PROTOKOLL\b)"
)
# "Jämtlands läns landstingsstyrelse" (the notice's Organ): a landsting named by its own body, where no letterhead does
_LANDSTING_BODY = re.compile(r"\b([A-ZÅÄÖ][a-zåäö]+s)\s+läns\s+landsting(?:sstyrelse|sfullmäktige|et)?\b")
MIN_LISTED = 3  # people in a header's lists that make it a meeting's header without its place or notice
_DATE_LABEL = re.compile(r"(sammanträdesdatum|mötesdatum|datum|sammanträdet|sammanträde|plats och tid|tid)\b", re.I)
_OTHER_DATE_LABEL = re.compile(r"anslag|juster|uppsätt|nedtag", re.I)
_MEETING_DATE_LABEL = re.compile(r"\b(sammanträdesdatum|mötesdatum|datum för sammanträdet)\b\s*:?", re.I)


def parse_protocol(source: SourceText, metadata: SourceMetadata, resolver: Resolver) -> Protocol:
    abbreviations = resolver.registry.body_abbreviations()
    if (text := relined(source.text, abbreviations)) != source.text:
        source = replace(source, text=text)  # a flattened page given its lines back; every offset as it was
    candidates, contents = split_contents(source.text, abbreviations)
    raw_paragraphs = find_paragraphs(source.text, candidates)
    if len(raw_paragraphs) > MAX_PARAGRAPHS:
        raise IngestError(
            source.path,
            f"has {len(raw_paragraphs):,} § headings, more than the {MAX_PARAGRAPHS:,} a protocol is read with "
            "(each file is read and validated whole, in memory); split it",
        )
    # The header ends where the contents or the first § begin; a file of a header and its contents only (the §§
    # published apart) still gives the meeting and the §§ the contents list, and a first page alone (the header,
    # the notice) the meeting and its people.
    prelude_end = min([p.start for p in raw_paragraphs[:1]] + [e.start for e in contents[:1]] + [len(source.text)])
    if not raw_paragraphs and not contents and not _is_header(source, prelude_end):
        raise IngestError(
            source.path,
            "no § heading found (a line starting with '§ 12') and no meeting header (Plats och tid, Beslutande, "
            "Utses att justera): this does not look like a protocol or protocol extract",
        )
    paragraphs = [parse_paragraph(source, raw, resolver) for raw in raw_paragraphs]
    header_start, header_end = 0, prelude_end  # the body and the date are looked for before any heading
    if (after_agenda := _header_after_agenda(source, raw_paragraphs, paragraphs, prelude_end)) is not None:
        kept = [i for i, raw in enumerate(raw_paragraphs) if raw.start > after_agenda]
        raw_paragraphs, paragraphs = [raw_paragraphs[i] for i in kept], [paragraphs[i] for i in kept]
        header_start, header_end = after_agenda, min([p.start for p in raw_paragraphs[:1]] + [len(source.text)])
    organ = deciding_body(source, metadata, paragraphs, resolver, prelude_end)
    body = organ.body
    kommun, kommun_name = _kommun(source, metadata, resolver)
    day, evidence = _meeting_date(source, metadata, prelude_end, paragraphs, body)
    if not FIRST_MEETING <= day <= date.today() + timedelta(days=730):
        raise IngestError(
            source.path,
            f"the meeting date {day.isoformat()} is not one minutes can have "
            f"({FIRST_MEETING.year} to two years from now)",
        )
    meeting = Meeting(
        kommun=kommun, body=body, day=day, day_evidence=evidence, kommun_name=kommun_name, written_body=organ.written
    )
    _mark_referral_responses(paragraphs, resolver, body)
    for paragraph in paragraphs:
        paragraph.citations = [
            replace(c, body=replace(body, span=c.span, role="citation", mention=c.span.text))
            if c.body is None and c.section == "earlier"
            else c
            for c in paragraph.citations
        ]
    _complete_from_contents(source, paragraphs, contents)
    if raw_paragraphs:
        _attach_appendix_roll_calls(source, paragraphs, appendix_start(source.text, raw_paragraphs[-1].heading_end))
    header = parse_header(source, header_end, header_start)
    if not header.attendees and contents:  # some print the contents first, on a page before the header
        body_start = raw_paragraphs[0].start if raw_paragraphs else len(source.text)
        header = parse_header(source, body_start, contents[-1].end)
    protocol = Protocol(meeting=meeting, paragraphs=paragraphs, header=header)
    protocol.checks = self_check(protocol, contents, source.text[:prelude_end])
    protocol.paragraphs.sort(key=lambda p: p.number)
    return protocol


# Where a header begins: its place and time, the first label nearly every template prints
_HEADER_START = re.compile(r"^[ \t]*(?:Plats och tid|Tid och plats)\b", re.M | re.I)


def _header_after_agenda(
    source: SourceText, raw_paragraphs: list[RawParagraph], paragraphs: list[Paragraph], prelude_end: int
) -> int | None:
    """Where the meeting's header begins, when a copy made headings of the numbered items of an agenda printed
    before it ("KS 1 Nytt medborgarförslag 2 Avvikelserapport … / Kommunstyrelsen Plats och tid …"): items that
    decide nothing, then a header with its place and people. None where the text before them is the header."""
    if not raw_paragraphs or _is_header(source, prelude_end):
        return None
    start = _HEADER_START.search(source.text, prelude_end, prelude_end + AGENDA_REACH)
    if start is None:
        return None
    before = [p for raw, p in zip(raw_paragraphs, paragraphs, strict=True) if raw.start < start.start()]
    if any(p.decision_text for p in before):
        return None
    end = next((raw.start for raw in raw_paragraphs if raw.start > start.start()), len(source.text))
    return start.start() if _is_header(source, end, start.start()) else None


def _is_header(source: SourceText, end: int, start: int = 0) -> bool:
    """Whether the text before `end` is a meeting's header: its labels, and the people it names (a list of several
    under "Beslutande" is one even where the place and the notice are in a layout not read)."""
    header = parse_header(source, end, start)
    people = {a.name for a in header.attendees}
    return bool(people) and bool(header.place or header.posted or header.justering or len(people) >= MIN_LISTED)


def _attach_appendix_roll_calls(source: SourceText, paragraphs: list[Paragraph], start: int) -> None:
    """A roll-call list in an appendix ("Omröstningslista nr 1, § 14") names the voters of that §'s vote."""
    by_number = {p.number: p for p in paragraphs}
    for number, list_number, ballots in appendix_roll_calls(source, start):
        paragraph = by_number.get(number)
        if paragraph is None or not ballots:
            continue
        if not paragraph.votes:
            paragraph.votes.append(Vote(1, span(source, start, len(source.text.rstrip()))))
        index = min((list_number or 1) - 1, len(paragraph.votes) - 1)
        vote = paragraph.votes[index]
        named = {p.name for p, _ in vote.ballots}
        vote.ballots += [(p, c) for p, c in ballots if p.name not in named]


def _complete_from_contents(source: SourceText, paragraphs: list[Paragraph], contents: list[TocEntry]) -> None:
    """A title cut by a line break gets the contents' full title; a § only the contents list is kept as such."""
    by_number = {p.number: p for p in paragraphs}
    for entry in contents:
        paragraph = by_number.get(entry.number)
        if paragraph is None:
            where = span(source, entry.start, entry.end)
            title = entry.title
            # an entry that runs on into the next one, whose number a copy lost ("Val av justerare Godkännande av
            # ärendelista Information och rapporter …"), as a § body's title does
            if len(title) > LONGEST_TITLE and flattened(source.original):
                cut = run_on_title_end(title, 0, len(title))
                title = title[:cut].rstrip(" ,.-–") if cut else title
            listed = Paragraph(entry.number, where, title, where, from_contents=True)
            listed.case_number, listed.case_span = entry.case_number, where if entry.case_number else None
            paragraphs.append(listed)
            continue
        shorter = re.sub(r"\W+", " ", paragraph.title).strip().lower()
        longer = re.sub(r"\W+", " ", entry.title).strip().lower()
        if len(longer) > len(shorter) and longer.startswith(shorter):
            paragraph.title = entry.title


def _kommun(source: SourceText, metadata: SourceMetadata, resolver: Resolver) -> tuple[str, str]:
    """The municipality's key and name: the registry's where it knows them ("Göteborgs Stad" -> goteborg,
    Göteborg), else a slug of the name as written and that name; refused if it gives no key an IRI can hold."""
    key, name = _kommun_named(source, metadata, resolver)
    if not key or len(key) > MAX_KOMMUN_KEY:
        raise IngestError(
            source.path,
            f"the municipality {name[:80]!r} gives no name its IRIs can hold (Latin "
            f"letters and digits, at most {MAX_KOMMUN_KEY}); write it as Göteborg or Malmö",
        )
    return key, name


def _kommun_named(source: SourceText, metadata: SourceMetadata, resolver: Resolver) -> tuple[str, str]:
    registry = resolver.registry
    if metadata.kommun:
        known = registry.kommun_named(metadata.kommun) or registry.kommun_named(f"{metadata.kommun} kommun")
        name = " ".join(metadata.kommun.split())
        return (known.key, known.name) if known else (slug(name), name)
    written = Counter(" ".join(m.group().split()) for m in _KOMMUN.finditer(source.original))
    for phrase, _ in written.most_common():
        if known := registry.kommun_named(phrase):
            return known.key, known.name
    if written:
        name = re.sub(r"\s+(?:kommun|stad)$", "", written.most_common(1)[0][0], flags=re.I)
        return slug(name), name
    region = _REGION.search(source.original, 0, LETTERHEAD) or _REGION_CAPITALS.search(source.original)
    if region:  # "Landstinget DALARNA": a region's own letterhead
        return _as_kommun(_unshouted(region.group()), registry)
    if association := _ASSOCIATION.search(source.original, 0, LETTERHEAD):
        return _as_kommun(_unshouted(association.group()), registry)
    for named in _NAME_BEFORE_PROTOCOL.finditer(source.original, 0, LETTERHEAD):  # "Österåker Sammanträdesprotokoll"
        if known := registry.kommun_named(named["name"]):
            return known.key, known.name
    if landsting := _LANDSTING_BODY.search(source.original):
        name = f"{landsting[1]} läns landsting"
        return _as_kommun(name, registry)
    raise IngestError(
        source.path,
        "the municipality is not stated in the text (pass --kommun, or add kommun = ... to the metadata file)",
    )


def _unshouted(name: str) -> str:
    """A name a letterhead prints in capitals as it is written: "Landstinget DALARNA", "KALMARSUNDS GYMNASIEFöRBUND"
    (an OCR's lower-case ö among them) become "Landstinget Dalarna", "Kalmarsunds Gymnasieförbund"."""
    return " ".join(word.title() if sum(c.isupper() for c in word) > 1 else word for word in name.split())


def _as_kommun(name: str, registry: Registry) -> tuple[str, str]:
    """The registry's key and name for a municipality or region named so, else a slug of the name and the name."""
    known = registry.kommun_named(name)
    return (known.key, known.name) if known else (slug(name), name)


def _meeting_date(
    source: SourceText, metadata: SourceMetadata, prelude_end: int, paragraphs: list[Paragraph], body: Resolution
) -> tuple[date, Span | None]:
    if metadata.date:
        day = parse_date(metadata.date)
        if day is None:
            raise IngestError(source.path, f"--date {metadata.date!r} is not a date (expected YYYY-MM-DD)")
        return day, None
    prelude = source.text[:prelude_end]
    # "Sammanträdesdatum" first; then "Plats och tid", "Datum" (never the justering's "plats och tid")
    for pattern in (_MEETING_DATE_LABEL, _DATE_LABEL):
        for label in pattern.finditer(prelude):
            line_start = prelude.rfind("\n", 0, label.start()) + 1
            if "juster" in prelude[line_start : label.start()].lower():
                continue
            after = prelude[label.end() : label.end() + 80]
            dates = find_dates(after)
            # "Sammanträdesdatum Datum för anslags uppsättande 2018-10-24": a flattened notice's next label's date
            if dates and not _OTHER_DATE_LABEL.search(after, 0, dates[0].start):
                return dates[0].value, None
    # Running headers repeat "Sammanträdesdatum: 2024-02-01" on every page, inside the §§ too.
    stated = Counter(
        d.value
        for m in _MEETING_DATE_LABEL.finditer(source.original)  # the running headers were cut from `text`
        for d in find_dates(source.original[m.end() : m.end() + 40])[:1]
    )
    if stated:
        return stated.most_common(1)[0][0], None
    # Implied: a basis document addressed to this body on a date ("... till KS 260603").
    for paragraph in paragraphs:
        for document in paragraph.basis:
            for addressee in document.addressees:
                if addressee.key != body.key:
                    continue
                dated = [
                    d
                    for d in document.dates
                    if d.span.start >= addressee.span.end and d.span.start - addressee.span.end <= 3
                ]
                if dated:
                    return dated[0].value, document.span
    if dates := find_dates(prelude):
        return dates[0].value, None  # an extract's header gives the meeting's date first
    raise IngestError(
        source.path,
        "the meeting date is not stated in the text (pass --date YYYY-MM-DD, or add date = ... to the metadata file)",
    )


def _mark_referral_responses(paragraphs: list[Paragraph], resolver: Resolver, body: Resolution) -> None:
    """A remissvar is a response; on a case out on referral, so is another body's decision, cover letter
    or its administration's memo."""
    registry = resolver.registry
    family = registry.family(body.key) if body.key else set()

    def outside(author: Resolution) -> bool:
        return not author.resolved or (author.kind, author.key) not in family

    def answers_referrals(author: Resolution) -> bool:
        """Fullmäktige and styrelse send matters on referral; they do not answer their own municipality's."""
        if author.kind == "company":
            return True
        if author.kind != "body" or author.key is None:
            return author.kind is None
        entity = registry.get("body", author.key)
        return entity is not None and entity.body_kind not in ("fullmäktige", "styrelse")

    for paragraph in paragraphs:
        for document in paragraph.basis:
            others = [a for a in document.authors if outside(a)]
            if document.kind == "remissvar":
                document.is_referral_response = bool(others) or not document.authors
            elif any(a.kind == "party" for a in document.authors):
                continue  # a party's statement in the deciding body is politics, not a referral answer
            elif paragraph.on_referral and document.kind in ("protokollsutdrag", "foljebrev", "yttrande"):
                document.is_referral_response = any(answers_referrals(a) for a in others)
            elif paragraph.on_referral and document.kind == "tjansteskrivelse":
                document.is_referral_response = any(a.kind == "administration" for a in others)
