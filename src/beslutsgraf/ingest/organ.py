"""Which body held the meeting.

The body its decisions name ("Socialnämnden beslutar"), else the body its header names: the anslag's "Organ",
then the first body the header or the running heading names. A body the registries do not know is kept as the
protocol writes it ("Service- och tekniknämnden": a body of this municipality, keyed by its name), never matched to
a different one. A body named only by its kind ("Arbetsutskottet", "Utskottet") is the utskott of the body the
header or running heading names beside it ("Socialnämnden" → Socialnämndens arbetsutskott); with no such body it
is left unresolved and the file refused, never taken for the kommunstyrelse's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.model import Paragraph, Resolution, Span
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, SourceText
from beslutsgraf.ingest.textblock import locator, original_span
from beslutsgraf.ontology import slug
from beslutsgraf.ontology.registry import Entity

_DECIDING = re.compile(
    r"^\s*(?P<name>[A-ZÅÄÖ][\wÅÄÖåäö -]{1,60}?)\s+(?:beslutar|beslutade|föreslår|föreslog|tillstyrker|avstyrker|"
    r"godkänner|antar|noterar|lägger|överlämnar|uppdrar|ger|återremitterar|bordlägger|fastställer|yttrar|utser|"
    r"väljer|besvarar|avslår|bifaller|anser|hemställer|tar)\b"
)
_KIND_WORDS = ("fullmäktige", "styrelse", "nämnd", "utskott", "beredning", "direktion")
_KIND_OF_WORD = {"direktion": "styrelse"}  # a kommunalförbund's direktion governs it as a styrelse does
# A body's name as protocols write it: "Service- och tekniknämnden", "Allmänna utskottet", "Tekniska nämnden",
# "Kommunstyrelsens arbetsutskott", "Kultur- och fritidsnämndens arbetsutskott", "Valnämnden".
_KIND = rf"(?:{'|'.join(f'[{w[0].upper()}{w[0]}]{w[1:]}' for w in _KIND_WORDS)})(?:en|et|n)?"
_WORD_OF_KIND = rf"(?=[A-ZÅÄÖa-zåäö])[A-ZÅÄÖ]?[a-zåäö]*?{_KIND}"  # "Kommunstyrelsen", "utskottet", "Nämnden"
_CAPITALS = re.compile(r"\b[A-ZÅÄÖ]{4,}\b")
_BODY_NAME = re.compile(
    r"(?<![\wÅÄÖåäö-])(?P<name>"
    r"(?:[A-ZÅÄÖ][a-zåäö]+-\s+(?:och|&)\s+)?"  # "Kultur- och "
    rf"(?:(?:{_WORD_OF_KIND}|[A-ZÅÄÖ][a-zåäö]{{3,}}?)s\s+)?"  # "fritidsnämndens ", "Regionförbundets "
    rf"(?:[A-ZÅÄÖ][a-zåäö]+a\s+)?"  # "Allmänna ", "Tekniska "
    rf"{_WORD_OF_KIND})s?(?![\wÅÄÖåäö])"  # "Barn- och utbildningsnämndens sammanträde"
)
# The anslag box names the body: "Organ Allmänna utskottet", "Instans: Socialnämnden".
_ORGAN_LABEL = re.compile(r"^[ \t]*(?:organ|instans|forum|nämnd)[ \t]*:?[ \t]+(?P<value>\S.*)$", re.I | re.M)
# Names that say only what kind of body it is, not which: one word, an utskott or the bare kind.
_KIND_ONLY = re.compile(r"^(?:[a-zåäö]*utskott(?:et)?|nämnd(?:en)?|beredning(?:en)?)$", re.I)
_NAMED_UTSKOTT = re.compile(r"^(?!arbets)[a-zåäö]{3,}utskott(?:et)?$", re.I)  # "Socialutskottet", not "Arbetsutskottet"
_RUNNING_HEADINGS = 6  # page furniture ranges read for the body's name
# A body's abbreviation before the word "protokoll", as a file or a web copy's title names one ("KS protokoll
# 2021-06-02", "KF-protokoll"): read only when nothing in the header names a body.
_ABBREVIATED = re.compile(r"(?<![\wÅÄÖåäö-])(?P<name>[A-ZÅÄÖ]{2,6})[ \t-]?(?:sammanträdes)?protokoll\b")
_UTSKOTT = re.compile(r"utskott(?:et)?$", re.I)


@dataclass(frozen=True)
class Organ:
    """The body that held the meeting; `written` when the registries do not know it and it is kept as written."""

    body: Resolution
    written: Entity | None = None


def deciding_body(
    source: SourceText, metadata: SourceMetadata, paragraphs: list[Paragraph], resolver: Resolver, prelude_end: int
) -> Organ:
    if metadata.organ:
        stated = resolver.resolve(metadata.organ, Span(0, 0, metadata.organ), "deciding-body")
        if stated.kind not in (None, "body"):
            article = "an" if stated.kind == "administration" else "a"
            raise IngestError(source.path, f"--organ {metadata.organ!r} is {article} {stated.kind}, not a body")
        if stated.key is not None:
            return Organ(stated)
        if (organ := _as_written(" ".join(metadata.organ.split()), stated.span, [], resolver)) is None:
            raise IngestError(
                source.path,
                f"--organ {metadata.organ!r} is neither in the registries nor a body's "
                "name (Socialnämnden, Kommunstyrelsens arbetsutskott); add it to a registry file "
                "(--registry)",
            )
        return organ
    named = _named_by_decisions(source, paragraphs, resolver)
    if named is not None and named.key is not None:
        return Organ(named)
    written = _named_by_header(source, prelude_end)
    if named is not None and _KIND_ONLY.match(named.mention):  # "Utskottet beslutar": whose, the header says
        written.insert(0, (named.mention, named.span))
    # The anslag's "Organ" first; then a name of an utskott by its kind ("Arbetsutskottet") beside the nämnd whose
    # it is; then the first body the header names.
    ordered = written[:1] + sorted(written[1:], key=lambda w: not _KIND_ONLY.match(w[0]))
    for mention, where in ordered:
        organ = _organ(mention, where, written, resolver)
        if organ is not None:
            return organ
    if named is not None:  # a decision names a body nothing else names: kept as it writes it
        organ = _as_written(named.mention, named.span, written, resolver)
        if organ is not None:
            return organ
    mentions = ", ".join(repr(m) for m, _ in written[:3])
    raise IngestError(
        source.path,
        "cannot tell which body decided: no decision names it"
        + (f", and the header names it only as {mentions}, without the body it belongs to" if mentions else "")
        + " (pass --organ, or add organ = ... to the metadata file)",
    )


def _named_by_decisions(source: SourceText, paragraphs: list[Paragraph], resolver: Resolver) -> Resolution | None:
    """The body most decisions name ("Kommunstyrelsen beslutar"); an unknown one only if no known one is named."""
    votes: Counter[str] = Counter()
    first_seen: dict[str, Resolution] = {}
    for paragraph in paragraphs:
        if not paragraph.decision_text or not paragraph.decision_span:
            continue
        m = _DECIDING.match(paragraph.decision_text)
        if not m:
            continue
        at = paragraph.decision_span.start
        found = resolver.resolve(m["name"], original_span(source, at, at + len(m["name"])), "deciding-body")
        if found.kind == "body" and found.key:
            votes[found.key] += 1
            first_seen.setdefault(found.key, found)
        elif found.key is None and _BODY_NAME.fullmatch(found.mention):
            first_seen.setdefault("", found)
    if votes:
        return first_seen[votes.most_common(1)[0][0]]
    return first_seen.get("")


def _named_by_header(source: SourceText, prelude_end: int) -> list[tuple[str, Span]]:
    """Bodies the header names, the anslag's "Organ" first, then in the order the header and running heading
    name them."""
    prelude = source.text[:prelude_end]
    locate = locator(source)
    found: list[tuple[str, Span]] = []
    for label in _ORGAN_LABEL.finditer(prelude):
        if m := _BODY_NAME.match(label["value"]):
            found.append((m["name"], locate(label.start("value"), label.start("value") + m.end())))
    for m in _BODY_NAME.finditer(prelude):
        found.append((m["name"], locate(m.start("name"), m.end("name"))))
    # The running heading is cut from the text as page furniture, not from the original: the header's own lines,
    # then the first running headings (never a §'s text, where "Arbetsutskottet" may be another body's).
    header_end = source.original_offset(prelude_end) if prelude_end < len(source.text) else len(source.original)
    for start, end in [(0, header_end), *source.furniture[:_RUNNING_HEADINGS]]:
        # a letterhead in capitals ("KOMMUNSTYRELSEN. Sammanträdesprotokoll") read as the name it is
        part = _CAPITALS.sub(lambda word: word[0].capitalize(), source.original[start:end])
        for m in _BODY_NAME.finditer(part):
            at, to = start + m.start("name"), start + m.end("name")
            found.append((m["name"], Span(at, to, source.original[at:to], source.page_of(at))))
    for m in _ABBREVIATED.finditer(prelude):
        found.append((m["name"], locate(m.start("name"), m.end("name"))))
    seen: set[str] = set()
    unique = []
    for mention, where in found:
        if (key := " ".join(mention.lower().split())) not in seen:
            seen.add(key)
            unique.append((" ".join(mention.split()), where))
    return unique


def _organ(mention: str, where: Span, written: list[tuple[str, Span]], resolver: Resolver) -> Organ | None:
    """A body the header names, resolved; a name of its kind only through the body named beside it."""
    if _KIND_ONLY.match(mention):
        beside = _body_beside(written, resolver)
        if beside is None:  # "Socialutskottet" alone: an utskott with a name of its own is kept as written
            return _as_written(mention, where, written, resolver) if _NAMED_UTSKOTT.match(mention) else None
        if not _UTSKOTT.search(mention):  # "Nämnden" is the nämnd the heading names
            return _organ(beside.name, where, [], resolver)
        genitive = beside.name if beside.name.endswith("s") else beside.name + "s"
        own_name = f"{genitive} {_indefinite(mention).lower()}"
        found = resolver.resolve(own_name, where, "deciding-body")
        if found.kind == "body" and found.key:
            return Organ(found)
        parent = beside.key if resolver.registry.get("body", beside.key) else None
        return Organ(_resolution(own_name, where), _entity(own_name, parent))
    found = resolver.resolve(mention, where, "deciding-body")
    if found.kind == "body" and found.key:
        return Organ(found)
    return _as_written(mention, where, written, resolver)


def _as_written(mention: str, where: Span, written: list[tuple[str, Span]], resolver: Resolver) -> Organ | None:
    kind_only = _KIND_ONLY.match(mention) and not _NAMED_UTSKOTT.match(mention)
    compound = re.fullmatch(rf"[a-zåäö]{{4,}}{_KIND}", mention)  # "Protokoll från regionutvecklingsnämnden"
    if kind_only or not _BODY_NAME.fullmatch(mention) or not (mention[:1].isupper() or compound):
        return None  # kept as written only what is written as a name ("nämnd" in a sentence is none)
    name = mention[0].upper() + mention[1:]
    parent = None
    if (genitive := re.match(rf"^(?P<parent>.+?{_KIND})s\s", name)) is not None:
        known = resolver.resolve(genitive["parent"], where, "deciding-body")
        parent = known.key if known.kind == "body" else None
    entity = _entity(name, parent)
    return Organ(_resolution(name, where, entity.key), entity) if entity.key else None


def _body_beside(written: list[tuple[str, Span]], resolver: Resolver) -> Entity | None:
    """The first body named in the header that an utskott can belong to (a nämnd, the styrelse)."""
    for mention, where in written:
        if _KIND_ONLY.match(mention) or _UTSKOTT.search(mention):
            continue
        found = resolver.resolve(mention, where, "deciding-body")
        if found.kind == "body" and found.key and (entity := resolver.registry.get("body", found.key)):
            if entity.body_kind in ("nämnd", "styrelse"):
                return entity
        elif found.key is None and mention[:1].isupper() and re.search(r"(?:nämnd|styrelse)(?:en)?$", mention, re.I):
            name = mention[0].upper() + mention[1:]
            return _entity(name, None)
    return None


def _indefinite(name: str) -> str:
    """'Arbetsutskottet' → 'Arbetsutskott', as the genitive form wants it ("Socialnämndens arbetsutskott")."""
    return re.sub(r"(utskott)et$", r"\1", re.sub(r"(nämnd|styrelse|beredning)en$", r"\1", name, flags=re.I), flags=re.I)


def _entity(name: str, parent: str | None) -> Entity:
    """A body kept as written: its key the slug of its name, its kind what its name ends in."""
    word = name.split()[-1].lower()
    kind = next((_KIND_OF_WORD.get(k, k) for k in _KIND_WORDS if k in word), None)
    return Entity(kind="body", key=slug(name)[:60].strip("-"), name=name, parent=parent, body_kind=kind)


def _resolution(name: str, where: Span, key: str | None = None) -> Resolution:
    return Resolution(name, where, "deciding-body", "body", key or _entity(name, None).key, "as-written")
