"""Content negotiation: the Accept header (q-values, wildcards), a `format` parameter or a file extension."""

from __future__ import annotations

from fastapi import HTTPException

RDF_TYPES = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdf",
}
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
HTML = "text/html"
BY_NAME = {name: media for media, name in {**RDF_TYPES, **RESULT_TYPES, HTML: "html"}.items()} | {
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "xml-rdf": "application/rdf+xml",
    "rdfxml": "application/rdf+xml",
}
ALIASES = {"application/json": "application/ld+json", "application/xml": "application/rdf+xml"}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges by preference: [("text/turtle", 1.0), ("*/*", 0.1)]; an unreadable part is skipped."""
    ranges = []
    for part in (header or "*/*").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if not media or "/" not in media:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    return ranges or [("*/*", 1.0)]  # nothing readable: as if no preference were stated


def negotiate(header: str | None, offered: list[str]) -> str | None:
    """The offered type the client prefers most (None: 406). The most specific range that matches a type sets
    its quality (RFC 9110, 12.5.1); among equals the type offered first wins."""
    scores: dict[str, tuple[float, int]] = {}
    for asked, quality in parse_accept(header):
        media = ALIASES.get(asked, asked)
        for candidate in offered:
            if media == candidate:
                specificity = 2
            elif media == candidate.split("/")[0] + "/*":
                specificity = 1
            elif media == "*/*":
                specificity = 0
            else:
                continue
            if candidate not in scores or specificity > scores[candidate][1]:
                scores[candidate] = (quality, specificity)
    acceptable = [(quality, -offered.index(c), c) for c, (quality, _) in scores.items() if quality > 0]
    return max(acceptable)[2] if acceptable else None


def choose(format_name: str | None, accept: str | None, offered: list[str]) -> str:
    """The media type to answer in: a `format` name if given, else the Accept header; 406 if none is offered."""
    if format_name:
        media = BY_NAME.get(format_name.lower())
        if media not in offered:
            names = ", ".join(name for name, m in BY_NAME.items() if m in offered)
            raise HTTPException(
                status_code=406,
                detail=f"unknown format {format_name!r}; use one of {names}",
                headers={"Vary": "Accept"},
            )
        return media
    media = negotiate(accept, offered)
    if media is None:
        raise HTTPException(
            status_code=406, detail=f"this can be had as {', '.join(offered)}", headers={"Vary": "Accept"}
        )  # a cache must not give this 406 to another Accept
    return media
