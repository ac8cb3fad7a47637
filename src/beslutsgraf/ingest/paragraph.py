"""One §: title, case number, decision and its kind, summary, cited decisions, motions, dispatch, justering,
and the basis list."""

from __future__ import annotations

import re
from dataclasses import replace

from beslutsgraf.ingest.basis import parse_basis
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.deliberation import parse_statements, parse_votes
from beslutsgraf.ingest.model import Citation, Motion, Paragraph, Resolution, Span
from beslutsgraf.ingest.resolve import Resolver, looks_like_organisation
from beslutsgraf.ingest.segment import RawParagraph
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import block, join_lines, lines, original_span, paragraphs_of, sentences, span
from beslutsgraf.ingest.titles import DECIDES, title_and_case
from beslutsgraf.ontology.law import find_law_references

# A line of "Ärendets behandling" or the summary that names a document of the case, as templates without a basis
# list write them: "Kommunledningsförvaltningens tjänsteskrivelse daterad 9 februari 2022.", "Kultur- och
# fritidsnämnden har behandlat ärendet den 3 mars 2022, § 14."
_DOCUMENT_SENTENCE = re.compile(
    r"^\s*(?:[A-ZÅÄÖ][\wåäö]*-?(?:\s+(?:och\s+)?[\wåäö-]+){0,4}s\s+(?:tjänsteskrivelse|tjänsteutlåtande|"
    r"tjänsteyttrande|yttrande|remissvar|skrivelse|protokollsutdrag|beslut)\b[^.]{0,120}\d"
    r"|[A-ZÅÄÖ][\wåäö]*-?(?:\s+(?:och\s+)?[\wåäö-]+){0,5}\s+har\s+(?:behandlat|yttrat sig över)\s+ärendet\b)"
)


_PARAGRAPH_REF = re.compile(r"§\s*(\d{1,4})\b")


_JUSTERAD = re.compile(r"\bjusterad\b|\bjusteras\b|\bjustering\b", re.I)


_IMMEDIATELY = re.compile(r"\bomedelbar(t)?\s+juster|\bjuster\w*\s+omedelbart", re.I)


_REFERRAL = re.compile(r"(?<![Åå]ter)(?<!åter-)\bremiss", re.I)


_AMENDS = re.compile(r"\bändra(s|r|des|t)?\b|\bstryk|\btillägg", re.I)


# Order matters: the first kind whose pattern matches the decision text wins.
DECISION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "forslag-till-fullmaktige",
        re.compile(
            r"föreslå\w*\s+(att\s+)?(kommun|region)?fullmäktige|(kommun)?fullmäktige\s+föreslås|"
            r"hemställ\w*\s+(hos|att)\s+(kommun)?fullmäktige|förslag till (kommun)?fullmäktige",
            re.I,
        ),
    ),
    (
        "forslag",
        re.compile(
            r"föreslå\w*\s+(att\s+)?(kommunstyrelsen|styrelsen|[\wåäö-]*nämnden|[\wåäö-]*utskottet)\s+(att\s+)?"
            r"(besluta|anta|godkänna|fastställa|bevilja|avslå|bifalla|ge)",
            re.I,
        ),
    ),
    ("bordlaggning", re.compile(r"\bbordl[äa]g", re.I)),
    ("aterremiss", re.compile(r"\båterremitt|\båterremiss", re.I)),
    (
        "yttrande",
        re.compile(
            r"\byttrande\b.{0,80}\bremiss|\bremiss\w*.{0,80}\byttrande|som (sitt )?svar på remiss"
            r"|\bavger?\s+(ett\s+)?yttrande|\blämnar?\s+(ett\s+)?yttrande|\byttrar sig\b",
            re.I | re.S,
        ),
    ),
    ("remiss", re.compile(r"\bremitter|\bskickas på remiss|\bsänds på remiss|\bremiss(eras)? till\b", re.I)),
    ("avslag", re.compile(r"\bavslå|\bavslag\b|\bavstyrk", re.I)),
    (
        "val",
        re.compile(
            r"\bväljs\b|\bväljer\b|\batt välja\b|\butses\b|\butser\b|\butse\b|\bentledig|\bbefrias\b|\bavsägelse", re.I
        ),
    ),
    (
        "information",
        re.compile(r"till handlingarna|\bnoteras\b|\bnoterar\b|\btar del av\b|\banmäls\b|information(?:en|erna)", re.I),
    ),
    (
        "bifall",
        re.compile(
            r"\benligt\s+[\wåäö-]+s\s+förslag|\bbifall|\bgodkänn|\banta[rs]\b|\bfastställ|\bbevilja|\btillstyrk|\bbeslutar\b",
            re.I,
        ),
    ),
)


MOTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bifall", re.compile(r"\bbifall", re.I)),
    ("avslag", re.compile(r"\bavslag", re.I)),
    ("tillagg", re.compile(r"\btillägg", re.I)),
    ("andring", re.compile(r"\bändring|\bändra", re.I)),
    ("aterremiss", re.compile(r"\båterremi", re.I)),
    ("bordlaggning", re.compile(r"\bbordlägg", re.I)),
)


_NOT_DECISION_SECTIONS = {"basis", "dispatch", "motions", "reservation", "note", "statement", "vote", "order", "jav"}


_MOTION_VERB = re.compile(r"\b(yrkar|yrkade|föreslår|föreslog|instämmer|instämde)\b", re.I)


_PARTY_MARK = re.compile(r"\(([A-ZÅÄÖ]{1,3})\)|\bfrån\s+([A-ZÅÄÖ]{1,3})\b")


_DISPATCH_SPLIT = re.compile(r"\s*[,;]\s*|(?<![-\s])\s+(?:och|samt)\s+")  # never the "och" of "Kultur- och …"


_BULLET = re.compile(r"^\s*(?:[•·▪◦●\-–*]|\d{1,2}[.)])\s*")


_INFORMATION_TITLE = re.compile(r"(?:information|informationsärende|rapport|redovisning|delgivning)", re.I)


def decision_kind(text: str) -> str:
    for kind, pattern in DECISION_KINDS:
        if pattern.search(text):
            return kind
    return "beslut"


def _first_kind(text: str, kinds: tuple[tuple[str, re.Pattern[str]], ...], default: str) -> str:
    hits = [(m.start(), kind) for kind, pattern in kinds if (m := pattern.search(text))]
    return min(hits)[1] if hits else default


def parse_paragraph(source: SourceText, raw: RawParagraph, resolver: Resolver) -> Paragraph:  # noqa: C901
    text = source.text
    title_start, title_end = raw.title_area
    paragraph = Paragraph(
        number=raw.number,
        span=span(source, raw.start, len(text[: raw.end].rstrip())),
        title="",
        title_span=span(source, raw.start, raw.start),
    )
    title_ends = title_and_case(source, paragraph, title_start, title_end)

    decision_parts = [d for s in raw.section("decision") if (d := block(source, s.start, s.end))]
    if not decision_parts:
        # No "Beslut" heading: the decision is the first block that says a body decides.
        elsewhere = [(s.heading_start, s.end) for s in raw.sections if s.name in _NOT_DECISION_SECTIONS]
        for b_start, b_end in paragraphs_of(text, title_ends, raw.end):
            if any(s <= b_start < e for s, e in elsewhere):
                continue
            if DECIDES.match(text[b_start:b_end]) and (found := block(source, b_start, b_end)):
                decision_parts = [found]
                break
    if decision_parts:
        paragraph.decision_text = "\n".join(t for t, _ in decision_parts)
        first, last = decision_parts[0][1], decision_parts[-1][1]
        paragraph.decision_span = original_span(source, first.start, last.end)
        paragraph.decision_kind = decision_kind(paragraph.decision_text)
    elif _INFORMATION_TITLE.match(paragraph.title):  # "Information, avsiktsförklaring med …" with nothing decided
        paragraph.decision_kind = "information"
    summary_parts = [b for s in raw.section("summary") if (b := block(source, s.start, s.end))]
    if summary_parts:
        paragraph.summary = "\n".join(t for t, _ in summary_parts)
        paragraph.summary_span = original_span(source, summary_parts[0][1].start, summary_parts[-1][1].end)

    for name in ("summary", "earlier", "decision", "treatment"):
        for section in raw.section(name):
            paragraph.citations += _citations(source, section.start, section.end, resolver, name)
    for section in raw.section("motions"):
        paragraph.motions += _motions(source, section.start, section.end, len(paragraph.motions))
    for section in raw.section("dispatch"):
        paragraph.dispatch += _dispatch(source, section.start, section.end, resolver)
    for section in raw.section("basis"):
        paragraph.basis += parse_basis(source, section.start, section.end, resolver, len(paragraph.basis) + 1)
    if not paragraph.basis:  # written as prose: "Kommunledningsförvaltningens tjänsteskrivelse daterad 9 februari"
        for section in raw.section("treatment") + raw.section("summary"):
            for line in lines(source.text, section.start, section.end):
                if _DOCUMENT_SENTENCE.match(line.text):
                    paragraph.basis += parse_basis(source, line.start, line.end, resolver, len(paragraph.basis) + 1)

    order = [b for s in raw.section("order") if (b := block(source, s.start, s.end))]
    if order:
        paragraph.proposition_order = "\n".join(text for text, _ in order)
    if paragraph.decision_text and paragraph.decision_span:
        _referral(source, paragraph, resolver)
    paragraph.law = [
        (ref, span(source, raw.start + ref.start, raw.start + ref.end))
        for ref in find_law_references(text[raw.start : raw.end])
    ]
    paragraph.votes = parse_votes(source, raw)
    paragraph.statements = parse_statements(source, raw)
    body_text = text[raw.start : raw.end]
    paragraph.justerad = bool(_JUSTERAD.search(body_text))
    paragraph.immediately_justerad = bool(_IMMEDIATELY.search(body_text))
    paragraph.on_referral = bool(_REFERRAL.search(body_text))
    _date_citations_from_prose(paragraph)
    return paragraph


_REFERRED = re.compile(
    r"(?P<back>åter)?remitter\w*\s+(?:\w+\s+){0,2}?till\s+(?P<to>.+?)(?=\s+(?:för|som|med|i enlighet|senast)\b|[.:;]|$)"
    r"|(?:skickas|sänds)\s+på\s+remiss\s+till\s+(?P<to2>.+?)(?=\s+(?:för|som|med|senast)\b|[.:;]|$)",
    re.I | re.S,
)


_ANSWER_BY = re.compile(r"\bsenast\s+(?:den\s+)?(?P<day>[^.;,]{6,30})", re.I)


def _within(source: SourceText, where: Span, written: str, after: int) -> Span | None:
    """The span of `written` inside `where`, from `after` on (the decision's text was joined from lines)."""
    pattern = r"[\s-]+".join(re.escape(word) for word in written.split())
    m = re.compile(pattern, re.I).search(source.original, max(where.start, after), where.end)
    return Span(m.start(), m.end(), m.group(), source.page_of(m.start())) if m else None


def _referral(source: SourceText, paragraph: Paragraph, resolver: Resolver) -> None:
    """Whom a decision sends the matter to on referral (and by when), or back to (återremiss)."""
    text = paragraph.decision_text or ""
    for m in _REFERRED.finditer(text):
        group = "to" if m["to"] else "to2"
        names = m[group]
        found = [
            r
            for r in resolver.find(names, 0, lambda _t, _s: "addressee", loose_case=True, unresolved_candidates=True)
            if r.kind != "role"
        ]
        where = paragraph.decision_span
        located: list[Resolution] = []
        after = 0
        # each name at its own place in the text; one that cannot be traced there is left to the dispatch list
        for recipient in found if where is not None else []:
            if where is not None and (at := _within(source, where, recipient.mention, after)) is not None:
                located.append(replace(recipient, span=at))
                after = at.end
        if m["back"]:
            paragraph.sent_back_to += located
        else:
            paragraph.referred_to += located
    if paragraph.referred_to and (deadline := _ANSWER_BY.search(text)):
        dates = find_dates(deadline["day"])
        paragraph.answer_by = dates[0].value if dates else None


# The longest wording of an amendment read after a cited §: a long "att"-clause is a few hundred characters.
_LONGEST_AMENDMENT = 5_000


def _citations(source: SourceText, start: int, end: int, resolver: Resolver, section: str) -> list[Citation]:
    text = source.text
    found = []
    for s_start, s_end in sentences(text, start, end):
        sentence = text[s_start:s_end]
        refs = list(_PARAGRAPH_REF.finditer(sentence))
        if not refs:
            continue
        # positions local to the sentence while choosing; located in the source once chosen
        bodies = [m for m in resolver.find(sentence, 0, lambda _t, _p: "citation") if m.kind == "body"]
        dates = find_dates(sentence)
        amends = _AMENDS.search(sentence) is not None
        block_end = next((e for s, e in paragraphs_of(text, s_start, end)), s_end) if amends else s_end
        for ref in refs:
            at = s_start + ref.start()
            nearest = min(
                bodies, key=lambda b: (b.span.start > ref.start(), abs(b.span.start - ref.start())), default=None
            )
            body = nearest and replace(
                nearest, span=span(source, s_start + nearest.span.start, s_start + nearest.span.end)
            )
            # "den 28 augusti 2024, § 610, den 11 september 2024, § 712": the date before the § is its own
            before = [d for d in dates if d.end <= ref.start()]
            day = (before[-1] if before else min(dates, key=lambda d: d.start)).value if dates else None
            amendment = None
            if amends:  # bounded, so that a line of thousands of §§ costs no more than thousands of lines
                amended = text[s_start + ref.end() : min(block_end, s_start + ref.end() + _LONGEST_AMENDMENT)]
                amendment = re.sub(r"^\s*att\s+", "", join_lines(amended.split("\n")))
            found.append(Citation(int(ref[1]), span(source, at, s_start + ref.end()), body, day, amendment, section))
    return found


def _date_citations_from_prose(paragraph: Paragraph) -> None:
    """A basis item '§113 KSAU' gets the date the §'s own text gives the same body's § 113."""
    dated = {(c.body.key, c.number): c.day for c in paragraph.citations if c.body and c.body.key and c.day}
    for document in paragraph.basis:
        for i, citation in enumerate(document.citations):
            if (
                citation.day is None
                and citation.body
                and citation.body.key
                and (citation.body.key, citation.number) in dated
            ):
                document.citations[i] = Citation(
                    citation.number,
                    citation.span,
                    citation.body,
                    dated[(citation.body.key, citation.number)],
                    citation.amendment,
                )


def _motions(source: SourceText, start: int, end: int, already: int) -> list[Motion]:
    text = source.text
    motions: list[Motion] = []
    for s_start, s_end in sentences(text, start, end):
        sentence = join_lines(text[s_start:s_end].split("\n"))
        verb = _MOTION_VERB.search(sentence)
        if not verb or verb.start() == 0:
            continue
        mover = sentence[: verb.start()].strip(" ,")
        proposal = sentence[verb.end() :].strip()
        parties = sorted({a or b for a, b in _PARTY_MARK.findall(mover)})
        motions.append(
            Motion(
                position=already + len(motions) + 1,
                mover=mover,
                parties=parties,
                kind=_first_kind(proposal, MOTION_KINDS, "ovrigt"),
                text=proposal,
                span=span(source, s_start, s_end),
            )
        )
    return motions


def _dispatch(source: SourceText, start: int, end: int, resolver: Resolver) -> list[Resolution]:
    recipients: list[Resolution] = []
    for line in lines(source.text, start, end):
        content = line.text.strip()
        if not content:
            if recipients:
                break  # what follows a blank line is no longer the list (page furniture, other text)
            continue
        if _JUSTERAD.search(content) and len(content.split()) <= 6:
            break
        bullet = _BULLET.match(line.text)
        offset = line.start + (bullet.end() if bullet else len(line.text) - len(line.text.lstrip()))
        rest = source.text[offset : line.end]
        pieces = []
        piece_start = 0
        for piece in [*_DISPATCH_SPLIT.finditer(rest), None]:
            piece_end = piece.start() if piece else len(rest.rstrip())
            name = rest[piece_start:piece_end]
            if name.strip(" ."):
                s = offset + piece_start + (len(name) - len(name.lstrip()))
                pieces.append(resolver.resolve(name.strip(" ."), span(source, s, offset + piece_end), "dispatch"))
            if piece:
                piece_start = piece.end()
        # "Socialnämnderna – Centrum, Hisingen och Nordost" is one recipient: split only when every part names one
        # ("Kultur- och fritidsnämnden, skolnämnden och kommunstyrelsen"; a part no registry knows stays unresolved).
        if len(pieces) > 1 and not all(p.resolved or looks_like_organisation(p.mention) for p in pieces):
            whole = rest.rstrip().strip(" .")
            pieces = [resolver.resolve(whole, span(source, offset, offset + len(rest.rstrip())), "dispatch")]
        recipients += pieces
    return recipients
