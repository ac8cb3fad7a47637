"""The model: plain dataclasses that parsing produces, each field traced to a span of the source text.

RDF is a projection of these records (`ingest.mapping`); nothing here knows about RDF, so the parser can
be tested without it. Offsets are character offsets into the file's decoded text (line ends as "\\n").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from beslutsgraf.ontology.law import LawReference
from beslutsgraf.ontology.registry import Entity, EntityKind

ResolutionMethod = Literal["exact", "alias", "normalised", "fuzzy", "as-written", "unresolved"]
MentionRole = Literal["author", "addressee", "dispatch", "citation", "mover", "deciding-body"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Resolution:
    """A name as written and what the registries made of it; `key` is None when unresolved."""

    mention: str
    span: Span
    role: MentionRole
    kind: EntityKind | None = None
    key: str | None = None
    method: ResolutionMethod = "unresolved"
    score: float | None = None

    @property
    def resolved(self) -> bool:
        return self.key is not None


@dataclass(frozen=True)
class DateMention:
    value: date
    span: Span


@dataclass(frozen=True)
class Citation:
    """A decision the text cites: '§113 KSAU', 'Tekniska nämndens beslut 2025-10-21 § 114'."""

    number: int
    span: Span
    body: Resolution | None = None
    day: date | None = None
    amendment: str | None = None
    section: str | None = None  # where in the § it stood: summary, earlier, decision, treatment, basis


@dataclass
class BasisDocument:
    position: int
    title: str
    span: Span
    kind: str  # notation of a concept in bg:DocumentKinds
    authors: list[Resolution] = field(default_factory=list)
    addressees: list[Resolution] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    case_numbers: list[str] = field(default_factory=list)
    part: tuple[int, int] | None = None
    is_referral_response: bool = False


@dataclass
class Motion:
    position: int
    mover: str
    parties: list[str]
    kind: str  # notation of a concept in bg:MotionKinds
    text: str
    span: Span


@dataclass(frozen=True)
class NamedPerson:
    name: str
    party: str | None
    role: str | None
    start: int  # position in the text the person was found in
    end: int


@dataclass
class Vote:
    position: int
    span: Span
    yes_means: str | None = None
    no_means: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # yes, no, abstain, absent as printed
    ballots: list[tuple[NamedPerson, str]] = field(default_factory=list)  # person, "yes" | "no" | "abstain"

    def mismatches(self) -> list[str]:
        """Where the named voters do not add up to the printed counts."""
        named = {choice: sum(1 for _, c in self.ballots if c == choice) for choice in ("yes", "no", "abstain")}
        return [
            f"{choice}: {named[choice]} named, {self.counts[choice]} counted"
            for choice in ("yes", "no", "abstain")
            if self.ballots and choice in self.counts and named[choice] != self.counts[choice]
        ]


@dataclass
class Statement:
    """A reservation, a protocol note, a special statement or a declared jäv: who, and what they said."""

    kind: str  # reservation | note | statement | jav
    position: int
    span: Span
    text: str
    people: list[NamedPerson]
    parties: list[str]
    against: str | None = None


@dataclass
class Paragraph:
    number: int
    span: Span
    title: str
    title_span: Span
    case_number: str | None = None
    case_span: Span | None = None
    decision_text: str | None = None
    decision_span: Span | None = None
    decision_kind: str = "beslut"  # notation of a concept in bg:DecisionKinds
    summary: str | None = None
    summary_span: Span | None = None
    citations: list[Citation] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    dispatch: list[Resolution] = field(default_factory=list)
    justerad: bool = False
    immediately_justerad: bool = False
    basis: list[BasisDocument] = field(default_factory=list)
    on_referral: bool = False
    votes: list[Vote] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    proposition_order: str | None = None  # propositionsordning / beslutsgång, as written
    referred_to: list[Resolution] = field(default_factory=list)  # "remitteras till …": whom the decision asks
    answer_by: date | None = None  # "… senast den 15 december 2025"
    sent_back_to: list[Resolution] = field(default_factory=list)  # "återremitteras till …"
    law: list[tuple[LawReference, Span]] = field(default_factory=list)  # national law and preparatory works cited
    from_contents: bool = False  # only the table of contents lists it: the text of the § is not in the file

    @property
    def mentions(self) -> list[Resolution]:
        found = [r for d in self.basis for r in (*d.authors, *d.addressees)]
        found += [c.body for d in self.basis for c in d.citations if c.body]
        found += [c.body for c in self.citations if c.body]
        return found + list(self.dispatch)


@dataclass
class Attendee:
    name: str
    party: str | None
    kind: str  # ledamot | tjänstgörande ersättare | ersättare | övrig | sekreterare | justerare
    role: str | None  # as written: ordförande, kommundirektör
    span: Span
    replaces: str | None = None
    replaces_party: str | None = None
    paragraphs: str | None = None


@dataclass
class MeetingHeader:
    place: str | None = None
    start: time | None = None
    end: time | None = None
    breaks: list[str] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    justering: str | None = None
    justering_date: date | None = None
    posted: date | None = None
    removed: date | None = None
    kept_at: str | None = None
    span: Span | None = None
    unplaced: list[str] = field(default_factory=list)  # people named where their list cannot be told

    @property
    def empty(self) -> bool:
        return not (self.place or self.attendees or self.posted)


@dataclass(frozen=True)
class Meeting:
    kommun: str  # the registry's key, else a slug of the name as written
    body: Resolution
    day: date
    day_evidence: Span | None = None  # set when the date was inferred, not stated
    kommun_name: str = ""  # the registry's name, else the name as written ("Exempelkommun")
    written_body: Entity | None = None  # the body as the protocol writes it, when the registries do not know it


@dataclass
class Protocol:
    meeting: Meeting
    paragraphs: list[Paragraph]
    checks: list[str] = field(default_factory=list)  # self-check findings: mismatches found, never hidden
    header: MeetingHeader = field(default_factory=MeetingHeader)

    @property
    def unresolved(self) -> list[Resolution]:
        return [m for p in self.paragraphs for m in p.mentions if not m.resolved]
