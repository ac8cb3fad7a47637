"""What was said and done about a §: motions (yrkanden), votes with their roll call, and statements (reservations,
protocol notes, special statements, jäv)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from beslutsgraf.ingest.mapping.writer import GraphWriter
from beslutsgraf.ingest.model import Motion, Paragraph, Statement, Vote
from beslutsgraf.ingest.people import find_people
from beslutsgraf.ontology import BESLUIT, BG

MOTION_KIND = {
    "bifall": BG.BifallYrkande,
    "avslag": BG.AvslagYrkande,
    "tillagg": BG.TillaggYrkande,
    "andring": BG.AndringYrkande,
    "aterremiss": BG.AterremissYrkande,
    "bordlaggning": BG.BordlaggningYrkande,
    "ovrigt": BG.OvrigtYrkande,
}
STATEMENT_KIND = {
    "reservation": (BG.Reservation, BG.reservation),
    "note": (BG.ProtocolNote, BG.note),
    "statement": (BG.SpecialStatement, BG.specialStatement),
    "jav": (BG.Jav, BG.jav),
}
_COUNTS = {
    "yes": BESLUIT.aantalVoorstanders,
    "no": BESLUIT.aantalTegenstanders,
    "abstain": BESLUIT.aantalOnthouders,
    "absent": BG.absentCount,
}
_VOTERS = {"yes": BESLUIT.heeftVoorstander, "no": BESLUIT.heeftTegenstander, "abstain": BESLUIT.heeftOnthouder}


def motion(w: GraphWriter, motion: Motion, owner: URIRef, number: int) -> None:
    node = w.iris.motion(w.kommun, w.organ, w.day, number, motion.position)
    w.add(owner, BG.motion, node)
    w.add(node, RDF.type, BG.Motion)
    w.add(node, BG.mover, Literal(motion.mover))
    w.add(node, BG.motionKind, MOTION_KIND[motion.kind])
    w.add(node, PROV.value, Literal(motion.text))
    w.add(node, RDFS.label, Literal(f"{motion.mover}: {motion.text}"))
    for letter in motion.parties:
        if (party := w.registry.get("party", letter)) is not None:
            w.add(node, BG.moverParty, w.entity(party))
    for person in find_people(motion.mover):
        w.add(node, DCTERMS.creator, w.person(person))
    w.derived(node, motion.span)


def vote(w: GraphWriter, vote: Vote, owner: URIRef, paragraph: Paragraph) -> None:
    node = w.iris.vote(w.kommun, w.organ, w.day, paragraph.number, vote.position)
    w.add(owner, BESLUIT.heeftStemming, node)
    w.add(node, RDF.type, BESLUIT.Stemming)
    w.add(node, RDFS.label, Literal(f"Omröstning {vote.position}"))
    if vote.yes_means:
        w.add(node, BG.yesMeans, Literal(vote.yes_means))
    if vote.no_means:
        w.add(node, BG.noMeans, Literal(vote.no_means))
    w.add(node, BESLUIT.onderwerp, Literal(vote_subject(vote, paragraph.title), lang="sv"))
    if (outcome := vote_outcome(vote)) is not None:
        w.add(node, BESLUIT.gevolg, Literal(outcome, lang="sv"))
    for choice, predicate in _COUNTS.items():
        if choice in vote.counts:
            w.add(node, predicate, Literal(vote.counts[choice]))
    for person, choice in vote.ballots:
        w.add(node, _VOTERS[choice], w.person(person))
    if vote.ballots:
        mismatches = vote.mismatches()
        w.add(node, BG.countsAgree, Literal(not mismatches))
        for mismatch in mismatches:
            w.add(node, BG.countMismatch, Literal(mismatch))
    w.derived(node, vote.span)


def statement(w: GraphWriter, statement: Statement, owner: URIRef, decision: URIRef, number: int) -> None:
    node = w.iris.statement(w.kommun, w.organ, w.day, number, statement.position)
    kind, link = STATEMENT_KIND[statement.kind]
    w.add(owner, link, node)
    w.add(node, RDF.type, kind)
    w.add(node, PROV.value, Literal(statement.text))
    w.add(node, RDFS.label, Literal(statement.text if len(statement.text) <= 80 else statement.text[:77] + "..."))
    for person in statement.people:
        w.add(node, DCTERMS.creator, w.person(person))
    for party_name in statement.parties:
        if (party := w.party_named(party_name)) is not None:
            w.add(node, DCTERMS.creator, party)
    if statement.against:
        w.add(node, BG.against, Literal(statement.against))
    if statement.kind == "reservation":
        w.add(node, DCTERMS.subject, decision)
    w.derived(node, statement.span)


def vote_subject(vote: Vote, title: str) -> str:
    """What was voted on (besluit:onderwerp): the two propositions where printed, else the matter of the §."""
    if vote.yes_means and vote.no_means:
        return f"Ja för {vote.yes_means}; nej för {vote.no_means}"
    return title


def vote_outcome(vote: Vote) -> str | None:
    """The result (besluit:gevolg) as the printed totals give it: which side won and what it meant. A tie says only
    that: the chair's casting vote, or for an election the lot, decides it, and how is not in the totals. None where
    the totals are not printed."""
    if "yes" not in vote.counts or "no" not in vote.counts:
        return None
    yes, no = vote.counts["yes"], vote.counts["no"]
    totals = f"{yes} ja mot {no} nej" + (f", {vote.counts['abstain']} avstod" if "abstain" in vote.counts else "")
    if yes == no:
        return f"{totals}: lika röstetal"
    side, meaning = ("ja", vote.yes_means) if yes > no else ("nej", vote.no_means)
    return f"{totals}: {side} vann" + (f" ({meaning})" if meaning else "")
