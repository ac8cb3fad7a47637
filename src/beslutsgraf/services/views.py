"""What a page for people shows of a thing, gathered from the named questions and the reads: plain data, drawn by
the API's templates. A § (and the decision it took): its decision and outcome, its basis documents by kind with
the referral responses marked, its motions, votes with their roll call, reservations and notes, where it was sent,
and the decisions that cite it. A meeting: its body, times, justering, who was present, and its §§. A case: its
trail and its decisions. A body: its meetings by year, its members, the referrals it asked and answered. A person:
their meetings, motions, votes and reservations. A document: its kind, authors and date, and the decisions that used
it."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib import URIRef

from beslutsgraf.queries import answer, answer_about, get, lookup_sparql, reads
from beslutsgraf.queries.params import Select
from beslutsgraf.services.publishing import to_svg
from beslutsgraf.services.sources import page_link

if TYPE_CHECKING:
    from beslutsgraf.services import Services


def paragraph_view(services: Services, paragraph: URIRef) -> dict | None:
    """Everything a § page shows, or None where the store holds no such §."""
    select = services.answering.select
    facts = select(reads.PARAGRAPH_FACTS, {"paragraph": paragraph})
    if not facts:
        return None
    _, documents = answer_about(get("decision-basis"), "decision", paragraph, select)
    _, votes = answer_about(get("votes"), "decision", paragraph, select)
    _, roll = answer_about(get("vote-roll"), "decision", paragraph, select) if votes else ([], [])
    _, cited_by = answer_about(get("cited-by"), "decision", paragraph, select)
    answers = select(reads.RESPONDERS, {"paragraph": paragraph})
    responding = {str(row["document"]) for row in answers}
    by_kind: dict[str, dict[str, dict]] = defaultdict(dict)
    entries: dict[str, dict] = {}  # the same entries, by document
    for row in documents:  # a document with two authors is one document
        kind = str(row["kind"] or "other")
        entry = entries[str(row["document"])] = by_kind[kind].setdefault(
            str(row["document"]),
            {
                "iri": str(row["document"]),
                "title": str(row["title"] or ""),
                "date": _text(row["date"]),
                "referral_response": str(row["document"]) in responding,
                "authors": [],
            },
        )
        if row["author"] is not None:
            entry["authors"].append({"iri": str(row["author"]), "label": str(row["authorLabel"] or row["author"])})
    ballots: dict[str, list[dict]] = defaultdict(list)
    for row in roll:
        ballots[str(row["vote"])].append(
            {
                "iri": str(row["person"]),
                "name": str(row["name"]),
                "party": _text(row["party"]),
                "choice": str(row["choice"]),
            }
        )
    parts: dict[str, list[dict]] = defaultdict(list)
    for row in select(reads.PARAGRAPH_PARTS, {"paragraph": paragraph}):
        parts[str(row["kind"])].append(
            {
                "iri": str(row["part"]),
                "text": str(row["text"]),
                "who": _text(row["who"]),
                "person": _text(row["person"]),
            }
        )
    for row in select(reads.BASIS_SPANS, {"paragraph": paragraph}):  # each document's line, marked on its page
        if str(row["document"]) in entries:
            entries[str(row["document"])]["read_at"] = _span(row)
    responders: dict[str, dict] = {}
    for row in answers:
        if row["responder"] is None:  # a response whose author the protocol does not say
            continue
        responder = responders.setdefault(
            str(row["responder"]), {"iri": str(row["responder"]), "label": str(row["responderLabel"]), "via": []}
        )
        if row["author"] != row["responder"]:
            responder["via"].append({"iri": str(row["author"]), "label": str(row["authorLabel"])})
    sources = _sources(select, paragraph)
    first = facts[0]
    return {
        "iri": str(paragraph),
        "citation": str(first["citation"]),
        "title": _text(first["title"]),
        "decision": _text(first["decision"]),
        "text": _text(first["text"]),
        "outcome": _text(first["outcome"]),
        "meeting": {"iri": str(first["meeting"]), "label": _text(first["meetingLabel"]) or str(first["meeting"])},
        "body": {"iri": _text(first["body"]), "label": _text(first["bodyLabel"])},
        "case": {"iri": _text(first["case"]), "label": _text(first["caseLabel"])} if first["case"] else None,
        "documents": {kind: list(found.values()) for kind, found in by_kind.items()},
        "referral_responses": len(responding),
        "responders": list(responders.values()),
        "votes": [{**_texts(row), "ballots": ballots.get(str(row["vote"]), [])} for row in votes],
        "parts": dict(parts),
        "cited_by": [_texts(row) for row in cited_by],
        "sources": sources,
    }


def decision_view(services: Services, decision: URIRef) -> dict | None:
    """A decision's page is the page of the § that took it, at the decision's own address (its every triple and
    its data are the decision's); None for a decision known only from a citation, which has no §."""
    select = services.answering.select
    found = select(lookup_sparql("paragraph-by-iri"), {"iri": decision})
    if not found or found[0]["paragraph"] == decision:
        return None
    view = paragraph_view(services, found[0]["paragraph"])
    return None if view is None else view | {"iri": str(decision), "paragraph": view["iri"]}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def meeting_view(services: Services, meeting: URIRef) -> dict | None:
    """Everything a meeting page shows, or None where the store holds no such meeting: its body, day, place and
    times, justering and notice, the people present in their roles (substitutes with whom they replaced and for
    which §§), and every § with its outcome."""
    select = services.answering.select
    facts = select(reads.MEETING_FACTS, {"meeting": meeting})
    if not facts:
        return None
    _, paragraphs = answer_about(get("meeting"), "meeting", meeting, select)
    _, attendance = answer_about(get("attendance"), "meeting", meeting, select)
    present: dict[str, list[dict]] = defaultdict(list)
    for row in attendance:
        person = _texts(row)
        if row["replaces"] is not None:  # the one a substitute served for, by name (few a meeting)
            named = select(reads.LABEL, {"subject": row["replaces"]})
            person["replacesName"] = str(named[0]["label"]) if named else None
        present[str(row["kind"] or "")].append(person)
    return {
        "iri": str(meeting),
        **_texts(facts[0]),
        "paragraphs": [_texts(row) for row in paragraphs],
        "present": dict(present),
        "sources": _sources(select, meeting),
    }


def _sources(select: Select, subject: URIRef) -> list[dict]:
    """Where `subject` was read: each span's quote, page and line, and a link to its page with the span marked."""
    return [{"quote": str(row["quote"]), **_span(row)} for row in select(reads.SPANS, {"subject": subject})]


def _span(row: dict) -> dict:
    """A span's page and line, and the address of its page with the span marked (None for a file not kept)."""
    return {
        "page": _text(row["page"]),
        "line": _text(row["line"]),
        "on_page": page_link(str(row["sha256"]), row["page"], row["start"], row["end"])
        if row["sha256"] is not None
        else None,
    }


def case_view(services: Services, case: URIRef) -> dict | None:
    """Everything a case page shows, or None where the store holds no such case: its trail across bodies as a
    picture, and every decision on it in date order with its outcome and its basis documents."""
    select = services.answering.select
    named = select(reads.LABEL, {"subject": case})
    if not named:
        return None
    _, history = answer_about(get("case-history"), "case", case, select)
    basis: dict[str, list[dict]] = defaultdict(list)
    for row in select(reads.CASE_BASIS, {"case": case}):
        basis[str(row["paragraph"])].append(
            {
                "iri": str(row["document"]),
                "title": str(row["title"]),
                "referral": str(row["referralResponse"]) == "true",
            }
        )
    graph = services.trail(str(case))
    return {
        "iri": str(case),
        "label": str(named[0]["label"]),
        "decisions": [_texts(row) | {"basis": basis.get(str(row["paragraph"]), [])} for row in history],
        "trail": to_svg(graph, str(named[0]["label"])) if graph.number_of_nodes() else None,
        "sources": _sources(select, case),
    }


def body_view(services: Services, body: URIRef) -> dict | None:
    """Everything a body's page shows, or None where the store holds no such body: its names, kind and
    municipality; its meetings by year; who sat on it; whose referrals it answered and who answered its own
    (`referral-network`, kept over the whole store while it is unchanged)."""
    select = services.answering.select
    facts = select(reads.BODY_FACTS, {"body": body})
    if not facts:
        return None
    _, meetings = answer(get("meetings"), {"body": str(body)}, select)
    by_year: dict[str, list[dict]] = defaultdict(list)
    for row in meetings:
        by_year[str(row["date"])[:4]].append(_texts(row))
    _, network = services.answering.answer(get("referral-network"), {})
    return {
        "iri": str(body),
        **_texts(facts[0]),
        "meetings": dict(sorted(by_year.items(), reverse=True)),
        "meeting_count": len(meetings),
        "members": [_texts(row) for row in select(reads.BODY_MEMBERS, {"body": body})],
        "asked": [_texts(row) for row in network if row["asking"] == body],
        "answered": [_texts(row) for row in network if row["responder"] == body],
        "sources": _sources(select, body),
    }


def person_view(services: Services, person: URIRef) -> dict | None:
    """Everything a person's page shows, or None where the store holds no such person: their name and party, and
    what they did (`person-activity`): the meetings they attended and in what role, their motions, their votes and
    their reservations, each linking to its meeting or §."""
    select = services.answering.select
    facts = select(reads.PERSON_FACTS, {"person": person})
    if not facts:
        return None
    _, activity = answer_about(get("person-activity"), "person", person, select)
    done: dict[str, list[dict]] = defaultdict(list)
    for row in activity:
        done[str(row["activity"])].append(_texts(row))
    return {
        "iri": str(person),
        **_texts(facts[0]),
        "activity": dict(done),
        "sources": _sources(select, person),
    }


def document_view(services: Services, document: URIRef) -> dict | None:
    """Everything a document's page shows, or None where the store holds no such document: its title, kind, date
    and authors, whether it answers a referral, the §§ that used it and the decisions it cites."""
    select = services.answering.select
    facts = select(reads.DOCUMENT_FACTS, {"document": document})
    if not facts:
        return None
    links: dict[str, list[dict]] = defaultdict(list)
    for row in select(reads.DOCUMENT_LINKS, {"document": document}):
        links[str(row["how"])].append(_texts(row))
    first = facts[0]
    return {
        "iri": str(document),
        "title": str(first["title"]),
        "kind": _text(first["kind"]),
        "date": _text(first["date"]),
        "referral_response": str(first["referralResponse"]) == "true",
        "authors": [
            {"iri": str(row["author"]), "label": _text(row["authorLabel"]) or str(row["author"])}
            for row in facts
            if row["author"] is not None
        ],
        "used_by": links.get("usedBy", []),
        "cites": links.get("cites", []),
        "sources": _sources(select, document),
    }


def _texts(row: dict) -> dict[str, str | None]:
    return {k: _text(v) for k, v in row.items()}
